/* Inputs: files, directories and stdin, framed into certificate entries.
 *
 * An input is opened by path ("-" is stdin). Its format is detected from the content, never from
 * the name: PEM blocks wherever they stand in text (bundles, CSV exports such as CCADB's where
 * the PEM sits inside a quoted field), single or concatenated DER, or base64 per line. Each call
 * to cs_input_next yields one entry: either the DER bytes of one certificate, or a rejected
 * entry with a reason and its position, so every entry read is accounted for.
 */
#ifndef CS_IO_INPUT_H
#define CS_IO_INPUT_H

#include <stddef.h>
#include <stdint.h>

typedef enum cs_input_format {
    CS_INPUT_AUTO = 0,
    CS_INPUT_DER,          /* one or more concatenated DER certificates */
    CS_INPUT_PEM,          /* text with PEM blocks anywhere (bundles, CSV, logs) */
    CS_INPUT_BASE64_LINES, /* one base64 DER certificate per line */
    CS_INPUT_FORMAT_COUNT
} cs_input_format;

const char *cs_input_format_name(cs_input_format format);
/* Parses "der", "pem", "base64", "auto"; returns 0 on an unknown name. */
int cs_input_format_parse(const char *name, cs_input_format *out);

/* Why an entry was rejected before certificate parsing. */
typedef enum cs_entry_status {
    CS_ENTRY_OK = 0,
    CS_ENTRY_BAD_BASE64,       /* invalid base64 in a PEM block or line */
    CS_ENTRY_UNTERMINATED_PEM, /* BEGIN without a matching END */
    CS_ENTRY_EMPTY_PEM,        /* a PEM block with no content */
    CS_ENTRY_DER_FRAMING,      /* DER input whose next element cannot be framed */
    CS_ENTRY_DER_TRUNCATED,    /* DER element longer than the bytes left */
    CS_ENTRY_UNRECOGNISED,     /* content in no known format (whole input, or trailing bytes) */
    CS_ENTRY_READ_ERROR,       /* I/O error */
    CS_ENTRY_TOO_LARGE,        /* an entry above the size limit */
    CS_ENTRY_STATUS_COUNT
} cs_entry_status;

/* Largest decoded entry accepted; bigger ones are rejected with CS_ENTRY_TOO_LARGE. Real
 * certificates stay far below (the largest seen in CT logs are a few hundred KiB). */
#define CS_ENTRY_MAX_SIZE ((size_t)1 << 20)

const char *cs_entry_status_name(cs_entry_status status); /* e.g. "input.bad_base64" */
const char *cs_entry_status_text(cs_entry_status status); /* e.g. "invalid base64" */

typedef struct cs_entry {
    cs_entry_status status;
    const uint8_t *der; /* certificate bytes when status is OK; valid until the next call */
    size_t der_len;
    const char *input;  /* the input's path ("-" for stdin); valid while the input is open */
    uint64_t index;     /* 0-based entry number within the input */
    uint64_t offset;    /* byte offset where the entry starts in the input */
    uint64_t line;      /* 1-based line for text formats, 0 for DER */
    const char *detail; /* for rejections: one sentence, valid until the next call */
} cs_entry;

typedef struct cs_input cs_input;

/* Opens a single file or "-". Returns NULL and writes a message into errbuf on failure. */
cs_input *cs_input_open(const char *path, cs_input_format format, char *errbuf, size_t errlen);
/* The format in use (detected or forced); CS_INPUT_AUTO when the content is empty or in no
 * known format (it is then yielded as one CS_ENTRY_UNRECOGNISED entry unless blank). */
cs_input_format cs_input_get_format(const cs_input *in);
/* Yields the next entry: returns 1 with *out filled, 0 at the end of the input. */
int cs_input_next(cs_input *in, cs_entry *out);
/* Bytes consumed so far, and the total when known (0 for pipes). */
uint64_t cs_input_bytes_read(const cs_input *in);
uint64_t cs_input_bytes_total(const cs_input *in);
/* PEM blocks passed over because their label is not a certificate's (keys, CRLs, requests). */
uint64_t cs_input_skipped_blocks(const cs_input *in);
void cs_input_close(cs_input *in);

/* Expands paths: files as given, directories recursively (entries sorted by name, hidden files
 * included, symlink loops avoided), "-" kept. Calls `fn` for each file in order; stops and
 * returns 0 if `fn` returns 0. Paths that cannot be read are passed to `on_error` (may be NULL),
 * where the caller counts them, and the walk goes on; returns 1 when it reached the end. The
 * path given to either callback is valid only during the call. Inside directories only regular
 * files are yielded (other kinds go to on_error); paths given explicitly are yielded whatever
 * their kind, so pipes such as /dev/fd/N work. A directory reached twice (through symlinks) is
 * walked once. */
typedef int (*cs_path_fn)(void *ctx, const char *path);
typedef void (*cs_path_error_fn)(void *ctx, const char *path, const char *message);
int cs_input_walk(const char *const *paths, size_t num_paths, cs_path_fn fn,
                  cs_path_error_fn on_error, void *ctx);

#endif
