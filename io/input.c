#include "io/input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/framer.h"
#include "io/stream.h"
#include "io/syserr.h"
#include "io/window.h"

/* The framer needs room for its markers and a DER header, whatever a test asks for. */
#define CS_INPUT_WINDOW_MIN ((size_t)256)

struct cs_input {
    char *path;
    int fd;
    int owns_fd;
    uint64_t total; /* st_size of a regular file, 0 otherwise */
    cs_stream stream;
    cs_window window;
    cs_framer framer;
    int failure_reported;
    uint8_t *dec; /* cs_input_next's decoded entry */
    size_t dec_cap;
    char detail[320];
};

static const char *const cs_input_format_names[CS_INPUT_FORMAT_COUNT] = {
    [CS_INPUT_AUTO] = "auto",           [CS_INPUT_DER] = "der",        [CS_INPUT_PEM] = "pem",
    [CS_INPUT_BASE64_LINES] = "base64", [CS_INPUT_CCADB] = "ccadb",    [CS_INPUT_LDIF] = "ldif",
    [CS_INPUT_CT_JSON] = "ctjson",      [CS_INPUT_CT_TILES] = "tiles",
};

const char *cs_entry_kind_name(cs_entry_kind kind) {
    switch (kind) {
    case CS_KIND_CERT:
        return "cert";
    case CS_KIND_PRECERT:
        return "precert";
    case CS_KIND_CHAIN:
        return "chain";
    default:
        return NULL;
    }
}

const char *cs_input_format_name(cs_input_format format) {
    if ((unsigned)format >= CS_INPUT_FORMAT_COUNT) {
        return "unknown";
    }
    return cs_input_format_names[format];
}

int cs_input_format_parse(const char *name, cs_input_format *out) {
    if (strcmp(name, "csv") == 0) {
        *out = CS_INPUT_CCADB;
        return 1;
    }
    for (int i = 0; i < CS_INPUT_FORMAT_COUNT; i++) {
        if (strcmp(name, cs_input_format_names[i]) == 0) {
            *out = (cs_input_format)i;
            return 1;
        }
    }
    return 0;
}

static const struct {
    const char *name;
    const char *text;
} cs_entry_status_info[CS_ENTRY_STATUS_COUNT] = {
    [CS_ENTRY_OK] = {"input.ok", "no error"},
    [CS_ENTRY_BAD_BASE64] = {"input.bad_base64", "invalid base64"},
    [CS_ENTRY_UNTERMINATED_PEM] = {"input.unterminated_pem", "PEM block without a matching END"},
    [CS_ENTRY_EMPTY_PEM] = {"input.empty_pem", "empty PEM block"},
    [CS_ENTRY_DER_FRAMING] = {"input.der_framing", "DER element cannot be framed"},
    [CS_ENTRY_DER_TRUNCATED] = {"input.der_truncated", "DER element truncated"},
    [CS_ENTRY_UNRECOGNISED] = {"input.unrecognised", "unrecognised content"},
    [CS_ENTRY_READ_ERROR] = {"input.read_error", "read error"},
    [CS_ENTRY_TOO_LARGE] = {"input.too_large", "entry too large"},
    [CS_ENTRY_DECOMPRESSION] = {"input.decompression", "decompression failed"},
    [CS_ENTRY_CSV_QUOTING] = {"input.csv_quoting", "CSV row with broken quoting"},
    [CS_ENTRY_MISSING_PEM] = {"input.missing_pem", "CSV row without a certificate"},
    [CS_ENTRY_FINGERPRINT] = {"input.fingerprint_mismatch",
                              "CSV row whose SHA-256 Fingerprint is not its certificate's"},
    [CS_ENTRY_LDIF_SYNTAX] = {"input.ldif_syntax", "LDIF syntax error"},
    [CS_ENTRY_CT_JSON] = {"input.ct_json", "not a CT get-entries entry"},
    [CS_ENTRY_CT_LEAF] = {"input.ct_leaf", "bad CT MerkleTreeLeaf"},
    [CS_ENTRY_CT_EXTRA_DATA] = {"input.ct_extra_data", "bad CT extra_data"},
    [CS_ENTRY_CT_TILE] = {"input.ct_tile", "bad CT TileLeaf"},
    [CS_ENTRY_CT_LEAF_INDEX] = {"input.ct_leaf_index", "CT leaf_index out of place"},
};

const char *cs_entry_status_name(cs_entry_status status) {
    if ((unsigned)status >= CS_ENTRY_STATUS_COUNT) {
        return "input.unknown";
    }
    return cs_entry_status_info[status].name;
}

const char *cs_entry_status_text(cs_entry_status status) {
    if ((unsigned)status >= CS_ENTRY_STATUS_COUNT) {
        return "unknown input status";
    }
    return cs_entry_status_info[status].text;
}

void cs_input_config_default(cs_input_config *config) {
    config->read_size = CS_INPUT_READ_SIZE;
    config->window_max = CS_INPUT_WINDOW_MAX;
    config->max_ratio = CS_INPUT_MAX_RATIO;
    config->chains = 0;
    config->chain_seen = NULL;
}

static cs_input *cs_input_fail(cs_input *in, char *errbuf, size_t errlen, const char *path,
                               const char *what) {
    if (errbuf != NULL && errlen != 0) {
        snprintf(errbuf, errlen, "%s: %s", path, what);
    }
    cs_input_close(in);
    return NULL;
}

cs_input *cs_input_open(const char *path, cs_input_format format, char *errbuf, size_t errlen) {
    cs_input_config config;
    cs_input_config_default(&config);
    return cs_input_open_with(path, format, &config, errbuf, errlen);
}

cs_input *cs_input_open_with(const char *path, cs_input_format format,
                             const cs_input_config *config, char *errbuf, size_t errlen) {
    return cs_input_open_range(path, format, config, 0, 0, errbuf, errlen);
}

cs_input *cs_input_open_range(const char *path, cs_input_format format,
                              const cs_input_config *config, uint64_t start, uint64_t length,
                              char *errbuf, size_t errlen) {
    char msg[128];
    int range = length != 0;
    if (range && (format != CS_INPUT_PEM && format != CS_INPUT_BASE64_LINES)) {
        return cs_input_fail(NULL, errbuf, errlen, path, "only PEM and base64 lines split");
    }
    if ((unsigned)format >= CS_INPUT_FORMAT_COUNT) {
        return cs_input_fail(NULL, errbuf, errlen, path, "unknown input format");
    }
    cs_input *in = calloc(1, sizeof *in);
    if (in == NULL) {
        return cs_input_fail(NULL, errbuf, errlen, path, "out of memory");
    }
    in->fd = -1;
    if ((in->path = strdup(path)) == NULL) {
        return cs_input_fail(in, errbuf, errlen, path, "out of memory");
    }
    int is_stdin = strcmp(path, "-") == 0;
    in->fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    in->owns_fd = !is_stdin;
    if (in->fd < 0) {
        return cs_input_fail(in, errbuf, errlen, path, cs_syserr(errno, msg, sizeof msg));
    }
    struct stat st;
    if (fstat(in->fd, &st) != 0) {
        return cs_input_fail(in, errbuf, errlen, path, cs_syserr(errno, msg, sizeof msg));
    }
    if (S_ISDIR(st.st_mode)) {
        return cs_input_fail(in, errbuf, errlen, path, "is a directory");
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        in->total = (uint64_t)st.st_size;
#ifdef POSIX_FADV_SEQUENTIAL
        /* Larger read-ahead: the file is read once, front to back. */
        (void)posix_fadvise(in->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    }
    size_t window_max =
        config->window_max > CS_INPUT_WINDOW_MIN ? config->window_max : CS_INPUT_WINDOW_MIN;
    /* A read never asks for more than the window may hold. */
    size_t read_size = config->read_size < window_max ? config->read_size : window_max;
    if (range) {
        if (lseek(in->fd, (off_t)start, SEEK_SET) < 0) {
            return cs_input_fail(in, errbuf, errlen, path, cs_syserr(errno, msg, sizeof msg));
        }
        in->total = length;
        cs_stream_init_range(&in->stream, in->fd, start, length);
    } else {
        cs_stream_init(&in->stream, in->fd, config->max_ratio);
    }
    if (!cs_window_init(&in->window, &in->stream, read_size, window_max)) {
        return cs_input_fail(in, errbuf, errlen, path, "out of memory");
    }
    in->window.base = start; /* offsets are the file's */
    cs_framer_init(&in->framer, &in->window, format, in->path);
    if (!cs_ct_framer_init(&in->framer, in->path, config->chains, config->chain_seen)) {
        return cs_input_fail(in, errbuf, errlen, path, "out of memory");
    }
    if (range) {
        /* A split file holds a BEGIN marker (at the start of each range after the first), so no
         * range of it is "content with no PEM block", whatever its own bytes. */
        in->framer.saw_begin = 1;
        /* Every range but the last ends where a BEGIN marker starts a line (or a line starts). */
        in->framer.ends_at_begin = start + length < (uint64_t)st.st_size;
    }
    /* An input that fails before its first byte cannot be read at all; a failure later on
     * becomes an entry after the bytes that were read, so nothing read is lost. */
    if (in->stream.failure == CS_STREAM_READ_ERROR && in->stream.out_bytes == 0) {
        return cs_input_fail(in, errbuf, errlen, path, in->stream.message);
    }
    if (in->window.oom || in->stream.failure == CS_STREAM_OUT_OF_MEMORY) {
        return cs_input_fail(in, errbuf, errlen, path, "out of memory");
    }
    return in;
}

cs_input_format cs_input_get_format(const cs_input *in) {
    return in->framer.format;
}

int cs_input_next_raw(cs_input *in, cs_raw_entry *out) {
    if (cs_framer_next(&in->framer, out)) {
        return 1;
    }
    const cs_stream *s = &in->stream;
    if (in->failure_reported || (s->failure == CS_STREAM_OK && !in->window.oom)) {
        return 0;
    }
    in->failure_reported = 1;
    cs_framer *f = &in->framer;
    if (in->window.oom) {
        snprintf(f->detail, sizeof f->detail, "out of memory after %llu bytes",
                 (unsigned long long)s->out_bytes);
        cs_framer_reject(f, out, CS_ENTRY_READ_ERROR, s->out_bytes, 0);
    } else if (s->failure == CS_STREAM_READ_ERROR || s->failure == CS_STREAM_OUT_OF_MEMORY) {
        snprintf(f->detail, sizeof f->detail, "reading failed after %llu bytes: %s",
                 (unsigned long long)s->out_bytes, s->message);
        cs_framer_reject(f, out, CS_ENTRY_READ_ERROR, s->out_bytes, 0);
    } else {
        snprintf(f->detail, sizeof f->detail, "%s, after %llu bytes", s->message,
                 (unsigned long long)s->out_bytes);
        cs_framer_reject(f, out, CS_ENTRY_DECOMPRESSION, s->out_bytes, 0);
    }
    return 1;
}

int cs_input_next(cs_input *in, cs_entry *out) {
    cs_raw_entry raw;
    if (!cs_input_next_raw(in, &raw)) {
        return 0;
    }
    out->input = raw.input;
    out->log = raw.log;
    out->index = raw.index;
    out->offset = raw.offset;
    out->line = raw.line;
    out->der = NULL;
    out->der_len = 0;
    size_t need = cs_raw_decoded_max(&raw);
    if (need > in->dec_cap) {
        size_t cap = in->dec_cap != 0 ? in->dec_cap : 4096;
        while (cap < need) {
            cap *= 2;
        }
        uint8_t *p = realloc(in->dec, cap);
        if (p == NULL) {
            snprintf(in->detail, sizeof in->detail, "out of memory while decoding the entry");
            out->status = CS_ENTRY_READ_ERROR;
            out->detail = in->detail;
            return 1;
        }
        in->dec = p;
        in->dec_cap = cap;
    }
    out->status = cs_raw_decode_log(&raw, in->dec, &out->der, &out->der_len, &out->log, in->detail,
                                    sizeof in->detail);
    out->detail = out->status == CS_ENTRY_OK ? "" : in->detail;
    return 1;
}

uint64_t cs_input_bytes_read(const cs_input *in) {
    return in->stream.raw_bytes;
}

uint64_t cs_input_bytes_total(const cs_input *in) {
    return in->total;
}

uint64_t cs_input_newlines(const cs_input *in) {
    return in->framer.lines.line - 1;
}

uint64_t cs_input_entries(const cs_input *in) {
    return in->framer.index;
}

uint64_t cs_input_skipped_blocks(const cs_input *in) {
    return in->framer.skipped;
}

const char *cs_input_compression(const cs_input *in) {
    return cs_stream_kind_name(in->stream.kind);
}

void cs_input_close(cs_input *in) {
    if (in == NULL) {
        return;
    }
    cs_ct_framer_free(&in->framer);
    cs_window_free(&in->window);
    cs_stream_free(&in->stream);
    if (in->owns_fd && in->fd >= 0) {
        close(in->fd);
    }
    free(in->dec);
    free(in->path);
    free(in);
}
