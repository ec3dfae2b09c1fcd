#include "io/input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/detect.h"
#include "io/framer.h"
#include "io/read_all.h"
#include "io/syserr.h"

struct cs_input {
    char *path;
    uint8_t *data; /* the whole input, read at open */
    size_t len;
    uint64_t total; /* st_size of a regular file, 0 otherwise */
    int read_errno; /* nonzero when reading stopped early */
    int read_error_reported;
    cs_framer framer;
};

static const char *const cs_input_format_names[CS_INPUT_FORMAT_COUNT] = {
    [CS_INPUT_AUTO] = "auto",
    [CS_INPUT_DER] = "der",
    [CS_INPUT_PEM] = "pem",
    [CS_INPUT_BASE64_LINES] = "base64",
};

const char *cs_input_format_name(cs_input_format format) {
    if ((unsigned)format >= CS_INPUT_FORMAT_COUNT) {
        return "unknown";
    }
    return cs_input_format_names[format];
}

int cs_input_format_parse(const char *name, cs_input_format *out) {
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

static cs_input *cs_input_fail(cs_input *in, int fd, char *errbuf, size_t errlen, const char *path,
                               const char *what) {
    if (errbuf != NULL && errlen != 0) {
        snprintf(errbuf, errlen, "%s: %s", path, what);
    }
    if (fd >= 0) {
        close(fd);
    }
    if (in != NULL) {
        free(in->data);
        free(in->path);
        free(in);
    }
    return NULL;
}

cs_input *cs_input_open(const char *path, cs_input_format format, char *errbuf, size_t errlen) {
    char msg[128];
    if ((unsigned)format >= CS_INPUT_FORMAT_COUNT) {
        return cs_input_fail(NULL, -1, errbuf, errlen, path, "unknown input format");
    }
    cs_input *in = calloc(1, sizeof *in);
    if (in == NULL || (in->path = strdup(path)) == NULL) {
        return cs_input_fail(in, -1, errbuf, errlen, path, "out of memory");
    }
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return cs_input_fail(in, -1, errbuf, errlen, path, cs_syserr(errno, msg, sizeof msg));
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        return cs_input_fail(in, is_stdin ? -1 : fd, errbuf, errlen, path,
                             cs_syserr(errno, msg, sizeof msg));
    }
    if (S_ISDIR(st.st_mode)) {
        return cs_input_fail(in, is_stdin ? -1 : fd, errbuf, errlen, path, "is a directory");
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        in->total = (uint64_t)st.st_size;
    }
    int err = 0;
    int ok = cs_read_all(fd, in->total, &in->data, &in->len, &err);
    if (!is_stdin) {
        close(fd);
    }
    if (!ok && in->len == 0) {
        return cs_input_fail(in, -1, errbuf, errlen, path, cs_syserr(err, msg, sizeof msg));
    }
    /* Bytes read before a failure are still framed; the failure becomes a READ_ERROR entry
     * after them, as a streaming reader would report it. */
    in->read_errno = ok ? 0 : err;
    if (format == CS_INPUT_AUTO) {
        format = cs_detect_format(in->data, in->len);
    }
    cs_framer_init(&in->framer, in->data, in->len, format, in->path);
    return in;
}

cs_input_format cs_input_get_format(const cs_input *in) {
    return in->framer.format;
}

int cs_input_next(cs_input *in, cs_entry *out) {
    if (cs_framer_next(&in->framer, out)) {
        return 1;
    }
    if (in->read_errno != 0 && !in->read_error_reported) {
        in->read_error_reported = 1;
        char msg[128];
        snprintf(in->framer.detail, sizeof in->framer.detail, "reading failed after %zu bytes: %s",
                 in->len, cs_syserr(in->read_errno, msg, sizeof msg));
        cs_framer_emit(&in->framer, out, CS_ENTRY_READ_ERROR, in->len, 0);
        return 1;
    }
    return 0;
}

uint64_t cs_input_bytes_read(const cs_input *in) {
    return in->framer.pos;
}

uint64_t cs_input_bytes_total(const cs_input *in) {
    return in->total;
}

uint64_t cs_input_skipped_blocks(const cs_input *in) {
    return in->framer.skipped;
}

void cs_input_close(cs_input *in) {
    if (in == NULL) {
        return;
    }
    cs_framer_free(&in->framer);
    free(in->data);
    free(in->path);
    free(in);
}
