#include "io/framer.h"

#include <stdio.h>
#include <string.h>

#include "io/der_frame.h"
#include "io/detect.h"
#include "io/pem.h"

#define PEM_BEGIN     "-----BEGIN "
#define PEM_BEGIN_LEN 11
#define PEM_END       "-----END "
#define PEM_END_LEN   9

/* ---- window access ---- */

static const uint8_t *cs_framer_data(const cs_framer *f) {
    return cs_window_data(f->w);
}

static size_t cs_framer_avail(const cs_framer *f) {
    return cs_window_avail(f->w);
}

/* Drops n bytes from the front of the window, keeping lines and blankness up to date. */
void cs_framer_consume(cs_framer *f, size_t n) {
    const uint8_t *p = cs_framer_data(f);
    if (f->count_lines) {
        cs_line_cursor_skip(&f->lines, p, n);
    }
    if (!f->nonblank && !cs_detect_is_blank(p, n)) {
        f->nonblank = 1;
    }
    cs_window_consume(f->w, n);
}

/* Reads until at least n bytes are available or the input ends; returns what is available. */
static size_t cs_framer_want(cs_framer *f, size_t n) {
    while (cs_framer_avail(f) < n && cs_window_more(f->w) > 0) {
    }
    return cs_framer_avail(f);
}

/* Consumes everything up to the end of the input; returns how many bytes that was. */
uint64_t cs_framer_drain(cs_framer *f) {
    uint64_t n = 0;
    do {
        size_t a = cs_framer_avail(f);
        n += a;
        cs_framer_consume(f, a);
    } while (cs_window_more(f->w) > 0);
    return n;
}

/* ---- entries ---- */

void cs_framer_reject(cs_framer *f, cs_raw_entry *out, cs_entry_status status, uint64_t offset,
                      uint64_t line) {
    memset(out, 0, sizeof *out);
    out->status = status;
    out->input = f->name;
    out->index = f->index++;
    out->offset = offset;
    out->line = line;
    out->detail = f->detail;
}

void cs_framer_ok(cs_framer *f, cs_raw_entry *out, cs_entry_encoding encoding, const uint8_t *data,
                  size_t len, uint64_t offset, uint64_t line, uint64_t column) {
    memset(out, 0, sizeof *out);
    out->status = CS_ENTRY_OK;
    out->encoding = encoding;
    out->data = data;
    out->len = len;
    out->column = column;
    out->input = f->name;
    out->index = f->index++;
    out->offset = offset;
    out->line = line;
    out->detail = "";
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

/* ---- detection ---- */

void cs_framer_init(cs_framer *f, cs_window *w, cs_input_format format, const char *name) {
    memset(f, 0, sizeof *f);
    f->w = w;
    f->name = name;
    cs_line_cursor_init(&f->lines);
    size_t avail = cs_framer_want(f, format == CS_INPUT_AUTO ? CS_DETECT_SPAN : 4);
    f->head_len = avail < sizeof f->head ? avail : sizeof f->head;
    memcpy(f->head, cs_framer_data(f), f->head_len);
    if (format == CS_INPUT_AUTO) {
        format =
            cs_detect_format(cs_framer_data(f), avail < CS_DETECT_SPAN ? avail : CS_DETECT_SPAN);
        /* Content in no format so far may still hold a PEM block further on, as a log or a
         * report would: look for one, and call the input unrecognised only at its end. */
        f->probing = format == CS_INPUT_AUTO;
    }
    f->format = format;
    f->count_lines = format != CS_INPUT_DER && format != CS_INPUT_CT_TILES;
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

/* 1 when a line break lies in p[from..to). */
static int cs_framer_has_break(const uint8_t *p, size_t from, size_t to) {
    return from < to &&
           (memchr(p + from, '\n', to - from) != NULL || memchr(p + from, '\r', to - from) != NULL);
}

/* The bytes that decide a marker's label: cs_pem_next looks for the closing "-----" starting
 * within CS_PEM_MAX_LABEL + 5 bytes, and the last place it looks needs 5 bytes more. Judging
 * with fewer made the label depend on how the input was split into reads (fuzz_stream). */
#define CS_FRAMER_LABEL_SPAN (CS_PEM_MAX_LABEL + 10)

/* Whether more input could change what cs_pem_next found in the n bytes available: a marker or
 * label it looked for may lie past the end of the window. */
static int cs_framer_pem_final(const cs_pem_block *b, const uint8_t *p, size_t n) {
    switch (b->status) {
    case CS_PEM_OK:
        return 1;
    case CS_PEM_UNTERMINATED:
        return b->next < n;
    case CS_PEM_BAD_BEGIN:
        return n - b->label >= CS_FRAMER_LABEL_SPAN || cs_framer_has_break(p, b->label, n);
    case CS_PEM_MISMATCHED:
        return n - b->end_label >= CS_FRAMER_LABEL_SPAN || cs_framer_has_break(p, b->end_label, n);
    }
    return 1;
}

/* The window is full and the block at its front still has no end: skip to its END marker (or
 * the next BEGIN, or the end of the input) without holding it. */
static int cs_framer_pem_oversize(cs_framer *f, cs_raw_entry *out) {
    uint64_t offset = cs_window_offset(f->w);
    uint64_t line = f->lines.line;
    cs_framer_consume(f, PEM_BEGIN_LEN);
    for (;;) {
        const uint8_t *p = cs_framer_data(f);
        size_t n = cs_framer_avail(f);
        size_t s = 0;
        while (s < n) {
            const uint8_t *d = memchr(p + s, '-', n - s);
            if (d == NULL) {
                break;
            }
            size_t at = (size_t)(d - p);
            if (n - at >= PEM_END_LEN && memcmp(p + at, PEM_END, PEM_END_LEN) == 0) {
                cs_framer_consume(f, at + PEM_END_LEN);
                /* Past the END label and its dashes, when they are on the same line. */
                n = cs_framer_want(f, CS_FRAMER_LABEL_SPAN);
                p = cs_framer_data(f);
                size_t k = 0;
                while (k < n && k < CS_PEM_MAX_LABEL + 5 && p[k] != '\n' && p[k] != '\r' &&
                       !(n - k >= 5 && memcmp(p + k, "-----", 5) == 0)) {
                    k++;
                }
                if (n - k >= 5 && memcmp(p + k, "-----", 5) == 0) {
                    cs_framer_consume(f, k + 5);
                }
                snprintf(f->detail, sizeof f->detail,
                         "the PEM block is longer than %zu bytes, the most held at once",
                         f->w->max);
                cs_framer_reject(f, out, CS_ENTRY_TOO_LARGE, offset, line);
                return 1;
            }
            if (n - at >= PEM_BEGIN_LEN && memcmp(p + at, PEM_BEGIN, PEM_BEGIN_LEN) == 0) {
                cs_framer_consume(f, at);
                snprintf(f->detail, sizeof f->detail, "no END marker before the next BEGIN");
                cs_framer_reject(f, out, CS_ENTRY_UNTERMINATED_PEM, offset, line);
                return 1;
            }
            s = at + 1;
        }
        if (f->w->eof) {
            cs_framer_consume(f, n);
            snprintf(f->detail, sizeof f->detail, "no END marker before %s",
                     f->ends_at_begin ? "the next BEGIN" : "the end of the input");
            cs_framer_reject(f, out, CS_ENTRY_UNTERMINATED_PEM, offset, line);
            return 1;
        }
        /* A marker starting in the last bytes may continue past the window: keep them. */
        size_t keep = n < PEM_BEGIN_LEN - 1 ? n : PEM_BEGIN_LEN - 1;
        cs_framer_consume(f, n - keep);
        if (cs_window_more(f->w) < 0) {
            f->w->eof = 1; /* out of memory: end the input here */
        }
    }
}

static void cs_framer_unrecognised(cs_framer *f, cs_raw_entry *out) {
    if (f->probing) {
        char first[32] = "";
        size_t k = 0;
        for (size_t i = 0; i < f->head_len; i++) {
            k += (size_t)snprintf(first + k, sizeof first - k, "%s%02x", i ? " " : "", f->head[i]);
        }
        snprintf(f->detail, sizeof f->detail, "content is not PEM, DER or base64 (starts with %s)",
                 first);
        cs_framer_reject(f, out, CS_ENTRY_UNRECOGNISED, 0, 0);
    } else {
        /* Only reachable when PEM was forced: the content has no block at all. */
        snprintf(f->detail, sizeof f->detail, "no PEM block found in the input");
        cs_framer_reject(f, out, CS_ENTRY_UNRECOGNISED, 0, 1);
    }
}

static int cs_framer_next_pem(cs_framer *f, cs_raw_entry *out) {
    for (;;) {
        if (f->done) {
            return 0;
        }
        const uint8_t *p = cs_framer_data(f);
        size_t n = cs_framer_avail(f);
        size_t at = cs_pem_find_begin(p, n, 0);
        if (at == n) {
            if (f->w->eof) {
                cs_framer_consume(f, n);
                f->done = 1;
                if (!f->saw_begin && f->nonblank) {
                    cs_framer_unrecognised(f, out);
                    return 1;
                }
                return 0;
            }
            /* Keep a possible partial marker at the end; drop the rest. */
            size_t keep = n < PEM_BEGIN_LEN - 1 ? n : PEM_BEGIN_LEN - 1;
            cs_framer_consume(f, n - keep);
            if (cs_window_more(f->w) < 0) {
                f->w->eof = 1; /* out of memory: end the input here */
            }
            continue;
        }
        cs_framer_consume(f, at);
        cs_pem_block b;
        for (;;) {
            p = cs_framer_data(f);
            n = cs_framer_avail(f);
            cs_pem_next(p, n, 0, &b);
            if (f->w->eof || cs_framer_pem_final(&b, p, n)) {
                break;
            }
            if (cs_window_more(f->w) < 0) {
                f->saw_begin = 1;
                if (f->probing) {
                    f->probing = 0;
                    f->format = CS_INPUT_PEM;
                }
                return cs_framer_pem_oversize(f, out);
            }
        }
        if (b.status == CS_PEM_UNTERMINATED && b.next >= n && f->ends_at_begin &&
            n + PEM_BEGIN_LEN > f->w->max) {
            /* A range of a split file ends where the next BEGIN starts: one pass over the file
             * would have had to hold that marker too, and found the block too long for the
             * window. Say what it says. (Found by fuzz_stream.) */
            f->saw_begin = 1;
            return cs_framer_pem_oversize(f, out);
        }
        if (f->probing) {
            f->probing = 0;
            f->format = CS_INPUT_PEM;
        }
        f->saw_begin = 1;
        uint64_t offset = cs_window_offset(f->w);
        uint64_t line = f->lines.line;
        uint64_t column = f->lines.pos - f->lines.line_start;
        char label[CS_PEM_MAX_LABEL + 1];
        cs_framer_quote(p + b.label, b.label_len, label, sizeof label);
        switch (b.status) {
        case CS_PEM_BAD_BEGIN:
            snprintf(f->detail, sizeof f->detail,
                     "\"-----BEGIN \" is not followed by a label and \"-----\" on its line");
            cs_framer_consume(f, b.next);
            cs_framer_reject(f, out, CS_ENTRY_UNTERMINATED_PEM, offset, line);
            return 1;
        case CS_PEM_UNTERMINATED:
            snprintf(f->detail, sizeof f->detail, "no \"-----END %s-----\" before %s", label,
                     b.next < n || f->ends_at_begin ? "the next BEGIN" : "the end of the input");
            cs_framer_consume(f, b.next);
            cs_framer_reject(f, out, CS_ENTRY_UNTERMINATED_PEM, offset, line);
            return 1;
        case CS_PEM_MISMATCHED: {
            char end_label[CS_PEM_MAX_LABEL + 1];
            cs_framer_quote(p + b.end_label, b.end_label_len, end_label, sizeof end_label);
            snprintf(f->detail, sizeof f->detail,
                     "\"-----BEGIN %s-----\" is closed by \"-----END %s-----\"", label, end_label);
            cs_framer_consume(f, b.next);
            cs_framer_reject(f, out, CS_ENTRY_UNTERMINATED_PEM, offset, line);
            return 1;
        }
        case CS_PEM_OK:
            break;
        }
        if (!cs_framer_is_cert_label(p + b.label, b.label_len)) {
            f->skipped++;
            cs_framer_consume(f, b.next);
            continue;
        }
        /* The bytes stay in the window until the next call: consuming only moves its start. */
        cs_framer_ok(f, out, CS_ENCODING_PEM, p, b.body_end, offset, line, column);
        out->body = b.body;
        out->trusted = b.label_len == strlen("TRUSTED CERTIFICATE") &&
                       memcmp(p + b.label, "TRUSTED CERTIFICATE", b.label_len) == 0;
        cs_framer_consume(f, b.next);
        return 1;
    }
}

/* ---- DER ---- */

/* The header needs at most 1 + 4 tag octets and 1 + 4 length octets. */
#define CS_DER_HEADER_MAX 10

static int cs_framer_der_rest(cs_framer *f, cs_raw_entry *out, cs_entry_status status,
                              uint64_t offset) {
    /* Nothing after an unframable element can be found again: the rest of the input is one
     * rejection, and its size is measured by reading it. */
    f->done = 1;
    cs_framer_reject(f, out, status, offset, 0);
    return 1;
}

static int cs_framer_next_der(cs_framer *f, cs_raw_entry *out) {
    if (f->done || cs_framer_want(f, 1) == 0) {
        return 0;
    }
    uint64_t offset = cs_window_offset(f->w);
    const uint8_t *p = cs_framer_data(f);
    if (p[0] != 0x30) {
        unsigned first = p[0];
        uint64_t left = cs_framer_drain(f);
        snprintf(f->detail, sizeof f->detail,
                 "byte 0x%02x where a DER SEQUENCE (0x30) should start; %llu bytes not read", first,
                 (unsigned long long)left);
        return cs_framer_der_rest(f, out, CS_ENTRY_UNRECOGNISED, offset);
    }
    size_t n = cs_framer_want(f, CS_DER_HEADER_MAX);
    cs_der_frame fr;
    cs_der_frame_element(cs_framer_data(f), n, &fr);
    if (fr.status == CS_DER_FRAME_TRUNCATED && fr.header_len != 0 && fr.total <= f->w->max) {
        n = cs_framer_want(f, (size_t)fr.total);
        cs_der_frame_element(cs_framer_data(f), n, &fr);
    }
    if (fr.status == CS_DER_FRAME_OK) {
        p = cs_framer_data(f);
        size_t total = (size_t)fr.total;
        cs_framer_consume(f, total);
        if (total > CS_ENTRY_MAX_SIZE) {
            snprintf(f->detail, sizeof f->detail, "the DER element of %zu bytes exceeds %zu bytes",
                     total, (size_t)CS_ENTRY_MAX_SIZE);
            cs_framer_reject(f, out, CS_ENTRY_TOO_LARGE, offset, 0);
            return 1;
        }
        cs_framer_ok(f, out, CS_ENCODING_DER, p, total, offset, 0, 0);
        return 1;
    }
    if (fr.status == CS_DER_FRAME_TRUNCATED && fr.header_len != 0 && !f->w->eof) {
        /* Longer than the window: skip it as it streams past. */
        uint64_t left = fr.total;
        while (left > 0) {
            size_t a = cs_framer_avail(f);
            size_t k = a < left ? a : (size_t)left;
            cs_framer_consume(f, k);
            left -= k;
            if (left > 0 && cs_window_more(f->w) <= 0) {
                break;
            }
        }
        if (left == 0) {
            int big = fr.total > CS_ENTRY_MAX_SIZE;
            snprintf(f->detail, sizeof f->detail, "the DER element of %llu bytes %s %zu bytes%s",
                     (unsigned long long)fr.total, big ? "exceeds" : "is longer than",
                     big ? (size_t)CS_ENTRY_MAX_SIZE : f->w->max,
                     big ? "" : ", the most held at once");
            cs_framer_reject(f, out, CS_ENTRY_TOO_LARGE, offset, 0);
            return 1;
        }
        snprintf(f->detail, sizeof f->detail,
                 "the DER element declares %llu bytes but only %llu are left",
                 (unsigned long long)fr.total, (unsigned long long)(fr.total - left));
        return cs_framer_der_rest(f, out, CS_ENTRY_DER_TRUNCATED, offset);
    }
    uint64_t left = cs_framer_drain(f);
    if (fr.status == CS_DER_FRAME_TRUNCATED && fr.header_len != 0) {
        snprintf(f->detail, sizeof f->detail,
                 "the DER element declares %llu bytes but only %llu are left",
                 (unsigned long long)fr.total, (unsigned long long)left);
    } else {
        snprintf(f->detail, sizeof f->detail,
                 "cannot frame the DER element (%s); %llu bytes not read", fr.why,
                 (unsigned long long)left);
    }
    return cs_framer_der_rest(
        f, out, fr.status == CS_DER_FRAME_TRUNCATED ? CS_ENTRY_DER_TRUNCATED : CS_ENTRY_DER_FRAMING,
        offset);
}

/* ---- base64 per line ---- */

static int cs_framer_next_lines(cs_framer *f, cs_raw_entry *out) {
    for (;;) {
        const uint8_t *p = cs_framer_data(f);
        size_t n = cs_framer_avail(f);
        const uint8_t *nl = memchr(p, '\n', n);
        if (nl == NULL && !f->w->eof) {
            /* Search only the new bytes next time round would be faster, but lines are
             * short next to a read, so rescanning one partial line costs little. */
            int more = cs_window_more(f->w);
            if (more > 0 || (more == 0 && cs_framer_avail(f) != 0)) {
                continue;
            }
            if (more < 0) {
                /* A line longer than the window: skip to its end. */
                uint64_t offset = cs_window_offset(f->w);
                uint64_t line = f->lines.line;
                for (;;) {
                    p = cs_framer_data(f);
                    n = cs_framer_avail(f);
                    nl = memchr(p, '\n', n);
                    if (nl != NULL) {
                        cs_framer_consume(f, (size_t)(nl - p) + 1);
                        break;
                    }
                    cs_framer_consume(f, n);
                    if (cs_window_more(f->w) <= 0) {
                        break;
                    }
                }
                snprintf(f->detail, sizeof f->detail,
                         "the line is longer than %zu bytes, the most held at once", f->w->max);
                cs_framer_reject(f, out, CS_ENTRY_TOO_LARGE, offset, line);
                return 1;
            }
            return 0;
        }
        if (n == 0) {
            return 0;
        }
        size_t end = nl != NULL ? (size_t)(nl - p) : n;
        uint64_t line_offset = cs_window_offset(f->w);
        uint64_t line = f->lines.line;
        size_t s = 0;
        while (s < end && cs_is_space(p[s])) {
            s++;
        }
        size_t e = end;
        while (e > s && cs_is_space(p[e - 1])) {
            e--;
        }
        /* One line, whose end is known: no need to count newlines over it again. */
        size_t used = nl != NULL ? end + 1 : end;
        if (!f->nonblank && s != e) {
            f->nonblank = 1;
        }
        cs_window_consume(f->w, used);
        f->lines.pos += used;
        if (nl != NULL) {
            f->lines.line++;
            f->lines.line_start = f->lines.pos;
        }
        if (s == e) {
            continue;
        }
        cs_framer_ok(f, out, CS_ENCODING_BASE64_LINE, p + s, e - s, line_offset + s, line, s);
        return 1;
    }
}

/* ---- dispatch ---- */

int cs_framer_next(cs_framer *f, cs_raw_entry *out) {
    if (f->probing) {
        return cs_framer_next_pem(f, out);
    }
    switch (f->format) {
    case CS_INPUT_PEM:
        return cs_framer_next_pem(f, out);
    case CS_INPUT_DER:
        return cs_framer_next_der(f, out);
    case CS_INPUT_BASE64_LINES:
        return cs_framer_next_lines(f, out);
    case CS_INPUT_CCADB:
        return cs_ccadb_next(f, out);
    case CS_INPUT_LDIF:
        return cs_ldif_next(f, out);
    case CS_INPUT_CT_JSON:
        return cs_ct_json_next(f, out);
    case CS_INPUT_CT_TILES:
        return cs_ct_tiles_next(f, out);
    default:
        break;
    }
    return 0;
}
