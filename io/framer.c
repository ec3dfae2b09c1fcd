#include "io/framer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/base64.h"
#include "io/der_frame.h"
#include "io/detect.h"
#include "io/pem.h"

void cs_framer_init(cs_framer *f, const uint8_t *buf, size_t len, cs_input_format format,
                    const char *name) {
    memset(f, 0, sizeof *f);
    f->buf = buf;
    f->len = len;
    f->format = format;
    f->name = name;
    cs_line_cursor_init(&f->lines);
}

void cs_framer_free(cs_framer *f) {
    free(f->out);
    f->out = NULL;
    f->out_cap = 0;
}

void cs_framer_emit(cs_framer *f, cs_entry *out, cs_entry_status status, uint64_t offset,
                    uint64_t line) {
    out->status = status;
    out->der = NULL;
    out->der_len = 0;
    out->input = f->name;
    out->index = f->index++;
    out->offset = offset;
    out->line = line;
    out->detail = status == CS_ENTRY_OK ? "" : f->detail;
}

static void cs_framer_ok(cs_framer *f, cs_entry *out, const uint8_t *der, size_t len,
                         uint64_t offset, uint64_t line) {
    cs_framer_emit(f, out, CS_ENTRY_OK, offset, line);
    out->der = der;
    out->der_len = len;
}

/* Grows the decode buffer geometrically, so it settles after the first few entries. */
static int cs_framer_reserve(cs_framer *f, size_t need) {
    if (need <= f->out_cap) {
        return 1;
    }
    size_t cap = f->out_cap != 0 ? f->out_cap : 4096;
    while (cap < need) {
        cap *= 2;
    }
    uint8_t *p = realloc(f->out, cap);
    if (p == NULL) {
        return 0;
    }
    f->out = p;
    f->out_cap = cap;
    return 1;
}

static void cs_framer_out_of_memory(cs_framer *f, cs_entry *out, uint64_t offset, uint64_t line) {
    snprintf(f->detail, sizeof f->detail, "out of memory while decoding the entry");
    cs_framer_emit(f, out, CS_ENTRY_READ_ERROR, offset, line);
}

/* Text quoted from the input into a detail: printable ASCII only, so a detail is always safe to
 * print on a terminal or in a report. */
static void cs_framer_quote(const uint8_t *p, size_t n, char *dst, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        dst[k++] = (p[i] >= 0x20 && p[i] < 0x7F) ? (char)p[i] : '?';
    }
    dst[k] = '\0';
}

static void cs_framer_char(uint8_t c, char *dst, size_t cap) {
    if (c >= 0x20 && c < 0x7F) {
        snprintf(dst, cap, "character '%c'", (char)c);
    } else {
        snprintf(dst, cap, "byte 0x%02x", (unsigned)c);
    }
}

/* Describes a base64 failure at byte `at` of the input; `where` says where that is. */
static void cs_framer_base64_detail(cs_framer *f, const cs_base64_error *err, size_t at,
                                    const char *where) {
    char what[32];
    switch (err->status) {
    case CS_BASE64_BAD_CHAR:
        cs_framer_char(f->buf[at], what, sizeof what);
        snprintf(f->detail, sizeof f->detail, "invalid base64 %s at %s", what, where);
        break;
    case CS_BASE64_BAD_PADDING:
        if (f->buf[at] == '=') {
            snprintf(f->detail, sizeof f->detail, "misplaced base64 padding '=' at %s", where);
        } else {
            snprintf(f->detail, sizeof f->detail, "base64 data after the padding at %s", where);
        }
        break;
    default:
        snprintf(f->detail, sizeof f->detail,
                 "base64 ends inside a 4-character group (missing padding) at %s", where);
        break;
    }
}

/* ---- PEM ---- */

static int cs_framer_is_cert_label(const uint8_t *label, size_t len) {
    static const char *const labels[] = {"CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (strlen(labels[i]) == len && memcmp(labels[i], label, len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Decodes a well-formed block; f->lines stands at its BEGIN marker. */
static void cs_framer_pem_decode(cs_framer *f, const cs_pem_block *b, cs_entry *out) {
    uint64_t offset = b->begin;
    uint64_t line = f->lines.line;
    size_t body_len = b->body_end - b->body;
    size_t cap = cs_base64_decoded_max(body_len);
    if (cap > CS_ENTRY_MAX_SIZE) {
        cap = CS_ENTRY_MAX_SIZE;
    }
    if (!cs_framer_reserve(f, cap)) {
        cs_framer_out_of_memory(f, out, offset, line);
        return;
    }
    size_t n = 0;
    cs_base64_error err;
    if (!cs_base64_decode(f->buf + b->body, body_len, f->out, cap, &n, &err)) {
        if (err.status == CS_BASE64_TOO_LARGE) {
            snprintf(f->detail, sizeof f->detail, "the PEM block decodes to more than %zu bytes",
                     (size_t)CS_ENTRY_MAX_SIZE);
            cs_framer_emit(f, out, CS_ENTRY_TOO_LARGE, offset, line);
            return;
        }
        size_t at = b->body + err.offset;
        cs_line_cursor c = f->lines;
        cs_line_cursor_advance(&c, f->buf, at);
        char where[64];
        snprintf(where, sizeof where, "line %llu, column %zu", (unsigned long long)c.line,
                 at - c.line_start + 1);
        cs_framer_base64_detail(f, &err, at, where);
        cs_framer_emit(f, out, CS_ENTRY_BAD_BASE64, offset, line);
        return;
    }
    if (n == 0) {
        snprintf(f->detail, sizeof f->detail, "the PEM block has no base64 content");
        cs_framer_emit(f, out, CS_ENTRY_EMPTY_PEM, offset, line);
        return;
    }
    if (b->label_len == strlen("TRUSTED CERTIFICATE") &&
        memcmp(f->buf + b->label, "TRUSTED CERTIFICATE", b->label_len) == 0) {
        /* OpenSSL appends its trust settings as a second SEQUENCE; the certificate is the
         * first element alone. */
        cs_der_frame fr;
        if (!cs_der_frame_element(f->out, n, &fr)) {
            snprintf(f->detail, sizeof f->detail,
                     "cannot frame the certificate in a TRUSTED CERTIFICATE block: %s", fr.why);
            cs_framer_emit(f, out,
                           fr.status == CS_DER_FRAME_TRUNCATED ? CS_ENTRY_DER_TRUNCATED
                                                               : CS_ENTRY_DER_FRAMING,
                           offset, line);
            return;
        }
        n = (size_t)fr.total;
    }
    cs_framer_ok(f, out, f->out, n, offset, line);
}

static int cs_framer_next_pem(cs_framer *f, cs_entry *out) {
    for (;;) {
        cs_pem_block b;
        if (f->done || !cs_pem_next(f->buf, f->len, f->pos, &b)) {
            f->pos = f->len;
            if (!f->done && !f->saw_begin && !cs_detect_is_blank(f->buf, f->len)) {
                /* Only reachable when PEM was forced: the content has no block at all. */
                f->done = 1;
                snprintf(f->detail, sizeof f->detail, "no PEM block found in the input");
                cs_framer_emit(f, out, CS_ENTRY_UNRECOGNISED, 0, 1);
                return 1;
            }
            f->done = 1;
            return 0;
        }
        f->saw_begin = 1;
        cs_line_cursor_advance(&f->lines, f->buf, b.begin);
        f->pos = b.next;
        uint64_t line = f->lines.line;
        char label[CS_PEM_MAX_LABEL + 1];
        cs_framer_quote(f->buf + b.label, b.label_len, label, sizeof label);
        switch (b.status) {
        case CS_PEM_BAD_BEGIN:
            snprintf(f->detail, sizeof f->detail,
                     "\"-----BEGIN \" is not followed by a label and \"-----\" on its line");
            cs_framer_emit(f, out, CS_ENTRY_UNTERMINATED_PEM, b.begin, line);
            return 1;
        case CS_PEM_UNTERMINATED:
            snprintf(f->detail, sizeof f->detail, "no \"-----END %s-----\" before %s", label,
                     b.next < f->len ? "the next BEGIN" : "the end of the input");
            cs_framer_emit(f, out, CS_ENTRY_UNTERMINATED_PEM, b.begin, line);
            return 1;
        case CS_PEM_MISMATCHED: {
            char end_label[CS_PEM_MAX_LABEL + 1];
            cs_framer_quote(f->buf + b.end_label, b.end_label_len, end_label, sizeof end_label);
            snprintf(f->detail, sizeof f->detail,
                     "\"-----BEGIN %s-----\" is closed by \"-----END %s-----\"", label, end_label);
            cs_framer_emit(f, out, CS_ENTRY_UNTERMINATED_PEM, b.begin, line);
            return 1;
        }
        case CS_PEM_OK:
            break;
        }
        if (!cs_framer_is_cert_label(f->buf + b.label, b.label_len)) {
            f->skipped++;
            continue;
        }
        cs_framer_pem_decode(f, &b, out);
        return 1;
    }
}

/* ---- DER ---- */

static int cs_framer_next_der(cs_framer *f, cs_entry *out) {
    if (f->pos >= f->len) {
        return 0;
    }
    size_t at = f->pos;
    size_t left = f->len - at;
    if (f->buf[at] != 0x30) {
        f->pos = f->len;
        snprintf(f->detail, sizeof f->detail,
                 "byte 0x%02x where a DER SEQUENCE (0x30) should start; %zu bytes not read",
                 (unsigned)f->buf[at], left);
        cs_framer_emit(f, out, CS_ENTRY_UNRECOGNISED, at, 0);
        return 1;
    }
    cs_der_frame fr;
    if (!cs_der_frame_element(f->buf + at, left, &fr)) {
        f->pos = f->len;
        if (fr.status == CS_DER_FRAME_TRUNCATED && fr.header_len != 0) {
            snprintf(f->detail, sizeof f->detail,
                     "the DER element declares %llu bytes but only %zu are left",
                     (unsigned long long)fr.total, left);
        } else {
            snprintf(f->detail, sizeof f->detail,
                     "cannot frame the DER element (%s); %zu bytes not read", fr.why, left);
        }
        cs_framer_emit(f, out,
                       fr.status == CS_DER_FRAME_TRUNCATED ? CS_ENTRY_DER_TRUNCATED
                                                           : CS_ENTRY_DER_FRAMING,
                       at, 0);
        return 1;
    }
    f->pos = at + (size_t)fr.total;
    if (fr.total > CS_ENTRY_MAX_SIZE) {
        snprintf(f->detail, sizeof f->detail, "the DER element of %llu bytes exceeds %zu bytes",
                 (unsigned long long)fr.total, (size_t)CS_ENTRY_MAX_SIZE);
        cs_framer_emit(f, out, CS_ENTRY_TOO_LARGE, at, 0);
        return 1;
    }
    /* Zero-copy: the entry points into the input buffer itself. */
    cs_framer_ok(f, out, f->buf + at, (size_t)fr.total, at, 0);
    return 1;
}

/* ---- base64 per line ---- */

static int cs_framer_next_lines(cs_framer *f, cs_entry *out) {
    while (f->pos < f->len) {
        size_t start = f->pos;
        const uint8_t *nl = memchr(f->buf + start, '\n', f->len - start);
        size_t end = nl != NULL ? (size_t)(nl - f->buf) : f->len;
        uint64_t line = f->lines.line;
        f->pos = nl != NULL ? end + 1 : f->len;
        f->lines.pos = f->pos;
        f->lines.line_start = f->pos;
        f->lines.line += nl != NULL;
        size_t s = start;
        while (s < end && cs_is_space(f->buf[s])) {
            s++;
        }
        size_t e = end;
        while (e > s && cs_is_space(f->buf[e - 1])) {
            e--;
        }
        if (s == e) {
            continue;
        }
        size_t cap = cs_base64_decoded_max(e - s);
        if (cap > CS_ENTRY_MAX_SIZE) {
            cap = CS_ENTRY_MAX_SIZE;
        }
        if (!cs_framer_reserve(f, cap)) {
            cs_framer_out_of_memory(f, out, s, line);
            return 1;
        }
        size_t n = 0;
        cs_base64_error err;
        if (!cs_base64_decode(f->buf + s, e - s, f->out, cap, &n, &err)) {
            if (err.status == CS_BASE64_TOO_LARGE) {
                snprintf(f->detail, sizeof f->detail, "the line decodes to more than %zu bytes",
                         (size_t)CS_ENTRY_MAX_SIZE);
                cs_framer_emit(f, out, CS_ENTRY_TOO_LARGE, s, line);
                return 1;
            }
            size_t at = s + err.offset;
            char where[32];
            snprintf(where, sizeof where, "column %zu", at - start + 1);
            cs_framer_base64_detail(f, &err, at, where);
            cs_framer_emit(f, out, CS_ENTRY_BAD_BASE64, s, line);
            return 1;
        }
        cs_framer_ok(f, out, f->out, n, s, line);
        return 1;
    }
    return 0;
}

/* ---- dispatch ---- */

int cs_framer_next(cs_framer *f, cs_entry *out) {
    switch (f->format) {
    case CS_INPUT_PEM:
        return cs_framer_next_pem(f, out);
    case CS_INPUT_DER:
        return cs_framer_next_der(f, out);
    case CS_INPUT_BASE64_LINES:
        return cs_framer_next_lines(f, out);
    default:
        break;
    }
    if (f->done) {
        return 0;
    }
    f->done = 1;
    f->pos = f->len;
    if (cs_detect_is_blank(f->buf, f->len)) {
        return 0;
    }
    char first[32];
    size_t k = 0;
    for (size_t i = 0; i < f->len && i < 4; i++) {
        k += (size_t)snprintf(first + k, sizeof first - k, "%s%02x", i ? " " : "", f->buf[i]);
    }
    snprintf(f->detail, sizeof f->detail, "content is not PEM, DER or base64 (starts with %s)",
             first);
    cs_framer_emit(f, out, CS_ENTRY_UNRECOGNISED, 0, 0);
    return 1;
}
