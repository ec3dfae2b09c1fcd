/* Inputs: files, directories and stdin, framed into certificate entries.
 *
 * An input is opened by path ("-" is stdin) and streamed: it is read a chunk at a time through
 * a bounded window, never held whole, so memory does not grow with the input. gzip and zlib data
 * are inflated on the fly (recognised by their first bytes). The format is detected from the
 * content, never from the name: CSV reports with a header (CCADB's: one entry per row, io/ccadb.h),
 * LDIF directory dumps (io/ldif.h), PEM blocks wherever they stand in text, single or
 * concatenated DER, or base64 per line. Each call to cs_input_next yields one entry: either the
 * DER bytes of one certificate, or a rejected entry with a reason and its position, so every
 * entry read is accounted for.
 *
 * Framing and decoding are separate steps: cs_input_next_raw only finds where an entry is (cheap,
 * done by the scanner's reader threads), cs_raw_decode turns it into DER (base64 decoding, done
 * by the workers). cs_input_next does both.
 *
 * Offsets and lines are those of the decompressed stream.
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
    CS_INPUT_CCADB,        /* CSV report with a header (CCADB's): one entry per row (io/ccadb.c) */
    CS_INPUT_LDIF,         /* LDAP LDIF (RFC 2849): certificate attribute values (io/ldif.c) */
    CS_INPUT_CT_JSON,      /* RFC 6962 get-entries responses or JSON lines of entries */
    CS_INPUT_CT_TILES,     /* static-ct-api data tiles (TileLeaf bundles) */
    CS_INPUT_FORMAT_COUNT
} cs_input_format;

const char *cs_input_format_name(cs_input_format format);
/* Parses "der", "pem", "base64", "ccadb" (or "csv"), "ldif", "ctjson", "tiles", "auto"; returns
 * 0 on an unknown name. */
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
    CS_ENTRY_DECOMPRESSION,    /* gzip/zlib data that is corrupt, truncated or expands too far */
    CS_ENTRY_CSV_QUOTING,      /* a CSV row whose quoting is broken */
    CS_ENTRY_MISSING_PEM,      /* a CSV row of a report with certificates whose PEM cell is empty */
    CS_ENTRY_FINGERPRINT,      /* a CSV row whose SHA-256 Fingerprint is not its certificate's */
    CS_ENTRY_LDIF_SYNTAX,      /* LDIF lines that are not attributes (broken folding), or a
                                  certificate value that is not base64 */
    CS_ENTRY_CT_JSON,          /* CT JSON that is not a get-entries response or entry */
    CS_ENTRY_CT_LEAF,          /* a MerkleTreeLeaf / TimestampedEntry that does not decode */
    CS_ENTRY_CT_EXTRA_DATA,    /* extra_data that does not decode (chain, PrecertChainEntry) */
    CS_ENTRY_CT_TILE,          /* a static-ct-api TileLeaf that does not decode */
    CS_ENTRY_CT_LEAF_INDEX,    /* a TileLeaf whose leaf_index disagrees with its position */
    CS_ENTRY_STATUS_COUNT
} cs_entry_status;

/* Largest decoded entry accepted; bigger ones are rejected with CS_ENTRY_TOO_LARGE. Real
 * certificates stay far below (the largest seen in CT logs are a few hundred KiB). */
#define CS_ENTRY_MAX_SIZE ((size_t)1 << 20)

const char *cs_entry_status_name(cs_entry_status status); /* e.g. "input.bad_base64" */
const char *cs_entry_status_text(cs_entry_status status); /* e.g. "invalid base64" */

/* What a Certificate Transparency log says of an entry (RFC 6962 §3.4, static-ct-api). */
typedef enum cs_entry_kind {
    CS_KIND_UNKNOWN = 0, /* not from a CT log (the certificate alone tells) */
    CS_KIND_CERT,        /* x509_entry: the certificate */
    CS_KIND_PRECERT,     /* precert_entry: the precertificate (with the poison extension) */
    CS_KIND_CHAIN,       /* a chain certificate (extra_data, tile issuer), with --chains */
} cs_entry_kind;

typedef struct cs_log_info {
    uint64_t timestamp; /* the log's timestamp, ms since the epoch (when has_timestamp) */
    uint64_t index;     /* the entry's index in the log (when has_index) */
    uint8_t kind;       /* cs_entry_kind */
    uint8_t has_timestamp;
    uint8_t has_index;
} cs_log_info;

const char *cs_entry_kind_name(cs_entry_kind kind); /* "cert", "precert", "chain" or NULL */

typedef struct cs_entry {
    cs_entry_status status;
    cs_log_info log;    /* CT inputs: timestamp, log index, certificate or precertificate */
    const uint8_t *der; /* certificate bytes when status is OK; valid until the next call */
    size_t der_len;
    const char *input;  /* the input's path ("-" for stdin); valid while the input is open */
    uint64_t index;     /* 0-based entry number within the input */
    uint64_t offset;    /* byte offset where the entry starts in the input */
    uint64_t line;      /* 1-based line for text formats, 0 for DER */
    const char *detail; /* for rejections: one sentence, valid until the next call */
} cs_entry;

/* How an entry's bytes are encoded in the input. */
typedef enum cs_entry_encoding {
    CS_ENCODING_DER = 0,     /* the certificate itself */
    CS_ENCODING_PEM,         /* a PEM block from its BEGIN marker to its END marker */
    CS_ENCODING_BASE64_LINE, /* one line of base64, trimmed */
    CS_ENCODING_LDIF,        /* an LDIF base64 value, folded lines included */
    CS_ENCODING_CT_JSON,     /* a get-entries entry: leaf_input and extra_data spans (`ct`) */
} cs_entry_encoding;

/* CS_ENCODING_CT_JSON: where the two base64 strings are in the entry's bytes. */
typedef struct cs_ct_spans {
    uint32_t leaf_off, leaf_len;
    uint32_t extra_off, extra_len;
    uint8_t escaped; /* a string holds a JSON escape (such as \/) to undo before decoding */
    uint8_t has_extra;
} cs_ct_spans;

/* A framed entry, before decoding. */
typedef struct cs_raw_entry {
    cs_entry_status status; /* OK, or a rejection found while framing (with `detail`) */
    cs_entry_encoding encoding;
    const uint8_t *data; /* the entry's bytes in the input; valid until the next call */
    size_t len;
    size_t body;     /* PEM: where the base64 body starts in data (after the BEGIN line and any
                        RFC 1421 headers) */
    uint64_t column; /* 0-based column of data[0] on its line (text formats) */
    int trusted;     /* PEM: a TRUSTED CERTIFICATE block (the certificate is its first element) */
    const uint8_t *sha256; /* CSV: the row's SHA-256 Fingerprint, checked when decoding; or NULL */
    cs_ct_spans ct;        /* CT JSON */
    cs_log_info log;       /* what the framer learnt of a CT entry (tiles: everything) */
    const char *input;
    uint64_t index;
    uint64_t offset;
    uint64_t line;
    const char *detail; /* for rejections; valid until the next call */
} cs_raw_entry;

/* Whether a CT JSON entry may be stored as its two spans alone, leaf then extra_data, instead of
 * its whole object (the framer has cut extra_data to what decoding needs). Not for escaped
 * strings, whose decoding needs room for their full length, nor for spans so short that their
 * decoding could need more room than they take (cs_raw_decoded_max stays below their length). */
static inline int cs_ct_compact(const cs_raw_entry *raw) {
    return raw->encoding == CS_ENCODING_CT_JSON && !raw->ct.escaped &&
           (size_t)raw->ct.leaf_len + raw->ct.extra_len >= 16;
}

/* Decodes a framed entry: returns CS_ENTRY_OK with *out_der / *out_len set (pointing into
 * raw->data for DER, into buf otherwise), or a rejection status with a sentence in detail.
 * `buf` must have room for cs_raw_decoded_max(raw) bytes. Thread-safe; keeps no state. */
cs_entry_status cs_raw_decode(const cs_raw_entry *raw, uint8_t *buf, const uint8_t **out_der,
                              size_t *out_len, char *detail, size_t detail_len);
/* The same, also filling *log with what decoding learnt (CT JSON: timestamp, kind); *log starts
 * as raw->log. */
cs_entry_status cs_raw_decode_log(const cs_raw_entry *raw, uint8_t *buf, const uint8_t **out_der,
                                  size_t *out_len, cs_log_info *log, char *detail,
                                  size_t detail_len);
size_t cs_raw_decoded_max(const cs_raw_entry *raw);

/* Reading parameters; cs_input_open uses the defaults. */
typedef struct cs_input_config {
    size_t read_size;   /* bytes per read (decompressed bytes for gzip/zlib), at most window_max */
    size_t window_max;  /* the longest span held at once; a longer entry is skipped as too large */
    unsigned max_ratio; /* gzip/zlib: stop beyond this expansion ratio (0: no limit) */
    /* CT inputs: also yield the chain certificates (extra_data, tile issuers), each once per
     * `chain_seen` set (shared by every input of a scan; NULL: once per input). */
    int chains;
    struct cs_ct_seen *chain_seen;
} cs_input_config;

#define CS_INPUT_READ_SIZE  ((size_t)1 << 20)
#define CS_INPUT_WINDOW_MAX ((size_t)4 << 20)
#define CS_INPUT_MAX_RATIO  200u

void cs_input_config_default(cs_input_config *config);

typedef struct cs_input cs_input;

/* Opens a single file or "-". Returns NULL and writes a message into errbuf on failure. The first
 * bytes are read here, to detect compression and the format. */
cs_input *cs_input_open(const char *path, cs_input_format format, char *errbuf, size_t errlen);
cs_input *cs_input_open_with(const char *path, cs_input_format format,
                             const cs_input_config *config, char *errbuf, size_t errlen);
/* A byte range [start, start + length) of a plain PEM or base64-lines file (format forced),
 * for reading one large file with several threads (scanner/split.c). Entries come with the
 * file's offsets, but are numbered from 0 and their lines counted from 1 at `start`: the caller
 * adds the entries and newlines of the ranges before (cs_input_entries, cs_input_newlines once
 * the range is read). `start` must be a boundary cs_split_boundary found. */
cs_input *cs_input_open_range(const char *path, cs_input_format format,
                              const cs_input_config *config, uint64_t start, uint64_t length,
                              char *errbuf, size_t errlen);
/* Entries yielded so far, and newlines passed over (text formats). */
uint64_t cs_input_entries(const cs_input *in);
uint64_t cs_input_newlines(const cs_input *in);
/* The format in use (detected or forced); CS_INPUT_AUTO when the content is empty or in no
 * known format (it is then yielded as one CS_ENTRY_UNRECOGNISED entry unless blank). */
cs_input_format cs_input_get_format(const cs_input *in);
/* Yields the next entry: returns 1 with *out filled, 0 at the end of the input. */
int cs_input_next(cs_input *in, cs_entry *out);
/* Yields the next entry framed but not decoded (see cs_raw_decode). */
int cs_input_next_raw(cs_input *in, cs_raw_entry *out);
/* Bytes read from the file so far (compressed bytes for gzip/zlib), and the file's size when
 * known (0 for pipes): together, how far through the input the scan is. */
uint64_t cs_input_bytes_read(const cs_input *in);
uint64_t cs_input_bytes_total(const cs_input *in);
/* PEM blocks passed over because their label is not a certificate's (keys, CRLs, requests). */
uint64_t cs_input_skipped_blocks(const cs_input *in);
/* "gzip", "zlib" or "plain". */
const char *cs_input_compression(const cs_input *in);
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
