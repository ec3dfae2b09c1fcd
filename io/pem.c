#include "io/pem.h"

#include <string.h>

#define PEM_BEGIN     "-----BEGIN "
#define PEM_BEGIN_LEN 11
#define PEM_END       "-----END "
#define PEM_END_LEN   9
#define PEM_DASHES    "-----"

static int cs_pem_has(const uint8_t *text, size_t len, size_t at, const char *s, size_t n) {
    return len - at >= n && memcmp(text + at, s, n) == 0;
}

size_t cs_pem_find_begin(const uint8_t *text, size_t len, size_t from) {
    /* memchr rather than memmem, which glibc only declares with _GNU_SOURCE: between blocks
     * there are few '-' bytes, so each hit is usually the marker itself. */
    size_t s = from;
    while (s < len) {
        const uint8_t *d = memchr(text + s, '-', len - s);
        if (d == NULL) {
            break;
        }
        size_t at = (size_t)(d - text);
        if (cs_pem_has(text, len, at, PEM_BEGIN, PEM_BEGIN_LEN)) {
            return at;
        }
        s = at + 1;
    }
    return len;
}

/* Finds the "-----" closing a marker label that starts at `at`, on the same line and within
 * CS_PEM_MAX_LABEL bytes. Returns the offset of those dashes or `len`. */
static size_t cs_pem_label_end(const uint8_t *text, size_t len, size_t at) {
    size_t limit = len - at > CS_PEM_MAX_LABEL + 5 ? at + CS_PEM_MAX_LABEL + 5 : len;
    for (size_t i = at; i < limit; i++) {
        if (text[i] == '\n' || text[i] == '\r') {
            return len;
        }
        if (text[i] == '-' && cs_pem_has(text, len, i, PEM_DASHES, 5)) {
            return i;
        }
    }
    return len;
}

/* RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") come first in a body, each on its own line and
 * possibly continued by lines starting with a blank. base64 never contains ':', so a line with
 * one cannot be body. Only newline-terminated lines count: when the body shares one line with the
 * END marker there are no headers. */
static size_t cs_pem_skip_headers(const uint8_t *text, size_t body, size_t body_end) {
    size_t s = body;
    const uint8_t *nl = memchr(text + s, '\n', body_end - s);
    if (nl != NULL && memchr(text + s, ':', (size_t)(nl - text) - s) == NULL) {
        /* The rest of the BEGIN line is normally empty; headers start on the next line. */
        int blank = 1;
        for (size_t i = s; i < (size_t)(nl - text); i++) {
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') {
                blank = 0;
                break;
            }
        }
        if (!blank) {
            return body;
        }
        s = (size_t)(nl - text) + 1;
    }
    int in_headers = 0;
    while (s < body_end) {
        nl = memchr(text + s, '\n', body_end - s);
        if (nl == NULL) {
            break;
        }
        size_t line_len = (size_t)(nl - text) - s;
        int continuation = in_headers && (text[s] == ' ' || text[s] == '\t');
        if (!continuation && memchr(text + s, ':', line_len) == NULL) {
            break;
        }
        in_headers = 1;
        s = (size_t)(nl - text) + 1;
    }
    return in_headers ? s : body;
}

int cs_pem_next(const uint8_t *text, size_t len, size_t from, cs_pem_block *out) {
    size_t begin = cs_pem_find_begin(text, len, from);
    if (begin == len) {
        return 0;
    }
    memset(out, 0, sizeof *out);
    out->begin = begin;
    size_t label = begin + PEM_BEGIN_LEN;
    size_t dashes = cs_pem_label_end(text, len, label);
    if (dashes == len || dashes == label) {
        out->status = CS_PEM_BAD_BEGIN;
        out->label = label;
        out->next = label;
        return 1;
    }
    out->label = label;
    out->label_len = dashes - label;
    size_t body = dashes + 5;

    /* A body is base64, which has no '-', so each '-' after it is a marker or junk. */
    size_t s = body;
    size_t end_marker = len;
    size_t next_begin = len;
    while (s < len) {
        const uint8_t *d = memchr(text + s, '-', len - s);
        if (d == NULL) {
            break;
        }
        size_t at = (size_t)(d - text);
        if (cs_pem_has(text, len, at, PEM_END, PEM_END_LEN)) {
            end_marker = at;
            break;
        }
        if (cs_pem_has(text, len, at, PEM_BEGIN, PEM_BEGIN_LEN)) {
            next_begin = at;
            break;
        }
        s = at + 1;
    }
    if (end_marker == len) {
        out->status = CS_PEM_UNTERMINATED;
        out->body = body;
        out->body_end = next_begin;
        out->next = next_begin;
        return 1;
    }
    out->body = cs_pem_skip_headers(text, body, end_marker);
    out->body_end = end_marker;
    size_t end_label = end_marker + PEM_END_LEN;
    if (len - end_label >= out->label_len + 5 &&
        memcmp(text + end_label, text + label, out->label_len) == 0 &&
        memcmp(text + end_label + out->label_len, PEM_DASHES, 5) == 0) {
        out->status = CS_PEM_OK;
        out->next = end_label + out->label_len + 5;
        return 1;
    }
    out->status = CS_PEM_MISMATCHED;
    size_t end_dashes = cs_pem_label_end(text, len, end_label);
    out->end_label = end_label;
    if (end_dashes == len) {
        out->end_label_len = 0;
        out->next = end_label;
    } else {
        out->end_label_len = end_dashes - end_label;
        out->next = end_dashes + 5;
    }
    return 1;
}
