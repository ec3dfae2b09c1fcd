/* RFC 6962 get-entries JSON, framed without a general JSON parser: the reader only has to find
 * each entry object and the two base64 strings in it, and a purpose-built scanner does that at
 * memchr speed (a DOM parser would build and free a tree per response). The shapes accepted:
 *
 *   {"entries":[{"leaf_input":"…","extra_data":"…"}, …]}   one or more, concatenated
 *   {"leaf_input":"…","extra_data":"…"}                     JSON lines of single entries
 *   [{"leaf_input":"…",…}, …]                               a bare array of entries
 *
 * Other members are skipped; a numeric "index", "leaf_index" or "entry_number" member of an
 * entry is taken as its index in the log. Anything else is a rejected entry (input.ct_json) with
 * its byte offset, after which the framer looks for the next object: a bad element costs one
 * rejection, not the rest of the input. fuzz/fuzz_ct.c feeds it arbitrary bytes.
 */
#include <stdio.h>
#include <string.h>

#include "io/base64.h"
#include "io/ct_framer.h"
#include "io/ct_leaf.h"
#include "io/detect.h"
#include "io/framer.h"

enum {
    CS_CTJ_TOP = 0,    /* between documents */
    CS_CTJ_ARRAY,      /* inside "entries":[ … ] */
    CS_CTJ_BARE_ARRAY, /* inside a top-level [ … ] */
    CS_CTJ_AFTER,      /* after the entries array, inside the response object */
    CS_CTJ_RESYNC,     /* after a bad element: skip to the next '{' (then back to ARRAY) */
    CS_CTJ_RESYNC_TOP, /* the same, then back to TOP */
};

#define CS_CTJ_NEED (-1) /* the structure runs past the bytes available */
#define CS_CTJ_BAD  (-2)

typedef struct cs_ctj_parse {
    const uint8_t *p;
    size_t n;
    size_t bad_at;   /* CS_CTJ_BAD: where */
    const char *why; /* CS_CTJ_BAD: what */
    int escaped;     /* the last string held a backslash */
} cs_ctj_parse;

static long cs_ctj_bad(cs_ctj_parse *ps, size_t at, const char *why) {
    ps->bad_at = at;
    ps->why = why;
    return CS_CTJ_BAD;
}

static size_t cs_ctj_ws(const cs_ctj_parse *ps, size_t i) {
    while (i < ps->n && cs_is_space(ps->p[i])) {
        i++;
    }
    return i;
}

/* A string whose opening quote is at i: returns the index of its closing quote. `escaped` is set
 * when an escaped quote was stepped over; other escapes are looked for only where they matter
 * (cs_ctj_has_escape), to spare a second pass over a chain no one decodes. */
static long cs_ctj_string(cs_ctj_parse *ps, size_t i) {
    size_t s = i + 1;
    ps->escaped = 0;
    for (;;) {
        const uint8_t *q = s < ps->n ? memchr(ps->p + s, '"', ps->n - s) : NULL;
        if (q == NULL) {
            return CS_CTJ_NEED;
        }
        size_t at = (size_t)(q - ps->p);
        size_t k = at;
        while (k > i + 1 && ps->p[k - 1] == '\\') {
            k--;
        }
        if ((at - k) % 2 == 0) {
            return (long)at;
        }
        ps->escaped = 1;
        s = at + 1;
    }
}

/* Skips the value at i (after whitespace): returns the index just past it. */
static long cs_ctj_value(cs_ctj_parse *ps, size_t i) {
    if (i >= ps->n) {
        return CS_CTJ_NEED;
    }
    uint8_t c = ps->p[i];
    if (c == '"') {
        long e = cs_ctj_string(ps, i);
        return e < 0 ? e : e + 1;
    }
    if (c == '{' || c == '[') {
        /* Nesting is counted, brackets inside strings skipped; mismatches are not checked:
         * a skipped value is not read. */
        size_t depth = 0;
        for (size_t k = i; k < ps->n; k++) {
            uint8_t d = ps->p[k];
            if (d == '"') {
                long e = cs_ctj_string(ps, k);
                if (e < 0) {
                    return e;
                }
                k = (size_t)e;
            } else if (d == '{' || d == '[') {
                depth++;
            } else if (d == '}' || d == ']') {
                if (--depth == 0) {
                    return (long)k + 1;
                }
            }
        }
        return CS_CTJ_NEED;
    }
    if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
        size_t k = i;
        while (k < ps->n && ps->p[k] != ',' && ps->p[k] != '}' && ps->p[k] != ']' &&
               !cs_is_space(ps->p[k])) {
            k++;
        }
        return k < ps->n ? (long)k : CS_CTJ_NEED;
    }
    return cs_ctj_bad(ps, i, "a JSON value was expected");
}

static int cs_ctj_key_is(const cs_ctj_parse *ps, size_t at, size_t end, const char *key) {
    size_t n = strlen(key);
    return end - at - 1 == n && memcmp(ps->p + at + 1, key, n) == 0;
}

/* A non-negative integer value at p[i..end), or 0 when it is not one. */
static int cs_ctj_uint(const cs_ctj_parse *ps, size_t i, size_t end, uint64_t *out) {
    uint64_t v = 0;
    if (i == end || end - i > 19) {
        return 0;
    }
    for (size_t k = i; k < end; k++) {
        if (ps->p[k] < '0' || ps->p[k] > '9') {
            return 0;
        }
        v = v * 10 + (uint64_t)(ps->p[k] - '0');
    }
    *out = v;
    return 1;
}

#define CS_CTJ_ENTRIES (-3) /* the object is a response: its "entries" array starts at *at */

/* The object whose '{' is at i. Fills the entry's spans; returns the index just past its '}',
 * or CS_CTJ_ENTRIES with *at just past the '[' of an "entries" member. */
static long cs_ctj_object(cs_ctj_parse *ps, size_t i, cs_raw_entry *out, size_t *at) {
    int have_leaf = 0;
    size_t k = cs_ctj_ws(ps, i + 1);
    if (k < ps->n && ps->p[k] == '}') {
        return cs_ctj_bad(ps, k, "an object without leaf_input");
    }
    for (;;) {
        if (k >= ps->n) {
            return CS_CTJ_NEED;
        }
        if (ps->p[k] != '"') {
            return cs_ctj_bad(ps, k, "a member name (a string) was expected");
        }
        long kend = cs_ctj_string(ps, k);
        if (kend < 0) {
            return kend;
        }
        size_t key = k, key_end = (size_t)kend;
        k = cs_ctj_ws(ps, key_end + 1);
        if (k >= ps->n) {
            return CS_CTJ_NEED;
        }
        if (ps->p[k] != ':') {
            return cs_ctj_bad(ps, k, "':' was expected after a member name");
        }
        k = cs_ctj_ws(ps, k + 1);
        if (k >= ps->n) {
            return CS_CTJ_NEED;
        }
        int leaf = cs_ctj_key_is(ps, key, key_end, "leaf_input");
        int extra = !leaf && cs_ctj_key_is(ps, key, key_end, "extra_data");
        if (leaf || extra) {
            if (ps->p[k] != '"') {
                return cs_ctj_bad(
                    ps, k, leaf ? "leaf_input is not a string" : "extra_data is not a string");
            }
            long send = cs_ctj_string(ps, k);
            if (send < 0) {
                return send;
            }
            uint32_t off = (uint32_t)(k + 1 - i), len = (uint32_t)((size_t)send - k - 1);
            if (leaf && memchr(ps->p + k + 1, '\\', len) != NULL) {
                ps->escaped = 1;
            }
            if (leaf) {
                out->ct.leaf_off = off;
                out->ct.leaf_len = len;
                have_leaf = 1;
            } else {
                out->ct.extra_off = off;
                out->ct.extra_len = len;
                out->ct.has_extra = 1;
            }
            out->ct.escaped |= (uint8_t)ps->escaped;
            k = (size_t)send + 1;
        } else if (cs_ctj_key_is(ps, key, key_end, "entries") && ps->p[k] == '[') {
            *at = k + 1;
            return CS_CTJ_ENTRIES;
        } else {
            long vend = cs_ctj_value(ps, k);
            if (vend < 0) {
                return vend;
            }
            uint64_t index;
            if ((cs_ctj_key_is(ps, key, key_end, "index") ||
                 cs_ctj_key_is(ps, key, key_end, "leaf_index") ||
                 cs_ctj_key_is(ps, key, key_end, "entry_number")) &&
                cs_ctj_uint(ps, k, (size_t)vend, &index)) {
                out->log.index = index;
                out->log.has_index = 1;
            }
            k = (size_t)vend;
        }
        k = cs_ctj_ws(ps, k);
        if (k >= ps->n) {
            return CS_CTJ_NEED;
        }
        if (ps->p[k] == '}') {
            if (!have_leaf) {
                return cs_ctj_bad(ps, k, "an object without leaf_input");
            }
            return (long)k + 1;
        }
        if (ps->p[k] != ',') {
            return cs_ctj_bad(ps, k, "',' or '}' was expected after a member");
        }
        k = cs_ctj_ws(ps, k + 1);
    }
}

/* What the workers need of extra_data: nothing for an x509_entry (its certificate is in the
 * leaf), only the pre_certificate for a precert_entry, not the chain after it. Both are known
 * from a few base64 characters, so the span is cut here and the reader copies (and the worker
 * reads) a quarter of the bytes of a typical entry, whose chain is most of it. Escaped strings
 * are left whole: their character counts are not their lengths. */
static void cs_ctj_trim_extra(const uint8_t *obj, cs_ct_spans *ct) {
    if (ct->escaped || !ct->has_extra || ct->leaf_len < 16) {
        return;
    }
    uint8_t head[16];
    size_t n = 0;
    if (!cs_base64_decode(obj + ct->leaf_off, 16, head, sizeof head, &n, NULL) || n < 12 ||
        head[10] != 0) {
        return; /* the worker reports what is wrong with the leaf */
    }
    if (head[11] == CS_CT_X509_ENTRY) {
        ct->extra_len = 0;
        return;
    }
    if (head[11] != CS_CT_PRECERT_ENTRY || ct->extra_len < 4 ||
        !cs_base64_decode(obj + ct->extra_off, 4, head, sizeof head, &n, NULL) || n != 3) {
        return;
    }
    size_t need = 3 + ((size_t)head[0] << 16 | (size_t)head[1] << 8 | head[2]);
    size_t chars = (need + 2) / 3 * 4;
    if (chars < ct->extra_len) {
        ct->extra_len = (uint32_t)chars;
    }
}

/* ---- window access ---- */

static void cs_ctj_consume(cs_framer *f, size_t n) {
    const uint8_t *p = cs_window_data(f->w);
    cs_line_cursor_skip(&f->lines, p, n);
    if (!f->nonblank && !cs_detect_is_blank(p, n)) {
        f->nonblank = 1;
    }
    cs_window_consume(f->w, n);
}

/* Consumes an entry object of n bytes: JSON strings hold no raw line break (it would have to
 * be escaped), so lines are counted around the two base64 strings, not through them, which
 * are most of the bytes. */
static void cs_ctj_consume_entry(cs_framer *f, size_t n, const cs_ct_spans *ct) {
    const uint8_t *p = cs_window_data(f->w);
    size_t a_off = ct->leaf_off, a_len = ct->leaf_len;
    size_t b_off = ct->has_extra ? ct->extra_off : n, b_len = ct->has_extra ? ct->extra_len : 0;
    if (b_off < a_off) {
        size_t t = a_off;
        a_off = b_off;
        b_off = t;
        t = a_len;
        a_len = b_len;
        b_len = t;
    }
    cs_line_cursor_skip(&f->lines, p, a_off);
    f->lines.pos += a_len;
    cs_line_cursor_skip(&f->lines, p + a_off + a_len, b_off - a_off - a_len);
    f->lines.pos += b_len;
    cs_line_cursor_skip(&f->lines, p + b_off + b_len, n - b_off - b_len);
    f->nonblank = 1;
    cs_window_consume(f->w, n);
}

static void cs_ctj_reject(cs_framer *f, cs_raw_entry *out, cs_entry_status status, size_t at,
                          const char *why, uint64_t offset, uint64_t line) {
    snprintf(f->detail, sizeof f->detail, "%s at byte %llu", why,
             (unsigned long long)(cs_window_offset(f->w) + at));
    cs_framer_reject(f, out, status, offset, line);
}

/* Reads until the window holds twice what it held, the input ends or the window is full: an
 * element is scanned again from its start after each read, and this keeps the total linear even
 * when reads bring a few bytes at a time (a pipe, --read-size). Returns as cs_window_more. */
static int cs_ctj_more(cs_framer *f) {
    size_t target = 2 * cs_window_avail(f->w) + 1;
    int r = cs_window_more(f->w);
    while (r > 0 && cs_window_avail(f->w) < target && cs_window_more(f->w) > 0) {
    }
    return r;
}

/* Skips to the next '{' (a likely entry or response); 1 when one is at the window's front. */
static int cs_ctj_resync(cs_framer *f) {
    for (;;) {
        const uint8_t *p = cs_window_data(f->w);
        size_t n = cs_window_avail(f->w);
        const uint8_t *q = memchr(p, '{', n);
        if (q != NULL) {
            cs_ctj_consume(f, (size_t)(q - p));
            return 1;
        }
        cs_ctj_consume(f, n);
        if (cs_window_more(f->w) <= 0) {
            return 0;
        }
    }
}

/* The window could not hold the element at its front: reject it and skip past it. */
static int cs_ctj_too_large(cs_framer *f, cs_raw_entry *out, int resync_state) {
    uint64_t offset = cs_window_offset(f->w);
    uint64_t line = f->lines.line;
    snprintf(f->detail, sizeof f->detail,
             "the JSON element is longer than %zu bytes, the most held at once", f->w->max);
    cs_framer_reject(f, out, CS_ENTRY_TOO_LARGE, offset, line);
    cs_ctj_consume(f, 1);
    f->ct.state = resync_state;
    return 1;
}

int cs_ct_json_next(cs_framer *f, cs_raw_entry *out) {
    if (cs_ct_pending_next(f, out)) {
        return 1;
    }
    for (;;) {
        if (f->done) {
            return 0;
        }
        int state = f->ct.state;
        if (state == CS_CTJ_RESYNC || state == CS_CTJ_RESYNC_TOP) {
            if (!cs_ctj_resync(f)) {
                f->done = 1;
                return 0;
            }
            f->ct.state = state == CS_CTJ_RESYNC ? CS_CTJ_ARRAY : CS_CTJ_TOP;
            continue;
        }
        cs_ctj_parse ps = {.p = cs_window_data(f->w), .n = cs_window_avail(f->w)};
        size_t i = cs_ctj_ws(&ps, 0);
        if (i == ps.n) {
            cs_ctj_consume(f, i);
            int more = cs_window_more(f->w);
            if (more > 0) {
                continue;
            }
            f->done = 1;
            if (state != CS_CTJ_TOP) {
                cs_ctj_reject(f, out, CS_ENTRY_CT_JSON, 0,
                              "the JSON ends inside a response (']' or '}' missing)",
                              cs_window_offset(f->w), f->lines.line);
                return 1;
            }
            return 0;
        }
        if (i > 0) {
            cs_ctj_consume(f, i);
            continue;
        }
        uint8_t c = ps.p[0];
        int in_array = state == CS_CTJ_ARRAY || state == CS_CTJ_BARE_ARRAY;
        int resync_state = state == CS_CTJ_TOP ? CS_CTJ_RESYNC_TOP : CS_CTJ_RESYNC;
        uint64_t offset = cs_window_offset(f->w);
        uint64_t line = f->lines.line;
        if (in_array && c == ',') {
            cs_ctj_consume(f, 1);
            continue;
        }
        if (in_array && c == ']') {
            cs_ctj_consume(f, 1);
            f->ct.state = state == CS_CTJ_ARRAY ? CS_CTJ_AFTER : CS_CTJ_TOP;
            continue;
        }
        if (state == CS_CTJ_TOP && c == '[') {
            cs_ctj_consume(f, 1);
            f->ct.state = CS_CTJ_BARE_ARRAY;
            continue;
        }
        if (state == CS_CTJ_AFTER) {
            if (c == '}') {
                cs_ctj_consume(f, 1);
                f->ct.state = CS_CTJ_TOP;
                continue;
            }
            if (c != ',') {
                cs_ctj_reject(f, out, CS_ENTRY_CT_JSON, 0,
                              "',' or '}' was expected after the entries array", offset, line);
                cs_ctj_consume(f, 1);
                f->ct.state = CS_CTJ_RESYNC_TOP;
                return 1;
            }
            /* Another member of the response: read it as the rest of an object, so that a
             * second "entries" array is found too. */
            size_t at = 0;
            cs_raw_entry scratch;
            memset(&scratch, 0, sizeof scratch);
            ps.p = cs_window_data(f->w);
            long r;
            for (;;) {
                ps.p = cs_window_data(f->w);
                ps.n = cs_window_avail(f->w);
                /* The ',' stands where the object's '{' would: the members follow it. */
                r = cs_ctj_object(&ps, 0, &scratch, &at);
                if (r != CS_CTJ_NEED) {
                    break;
                }
                int more = cs_ctj_more(f);
                if (more == 0) {
                    f->done = 1;
                    cs_ctj_reject(f, out, CS_ENTRY_CT_JSON, ps.n, "the JSON ends inside a response",
                                  offset, line);
                    cs_ctj_consume(f, cs_window_avail(f->w));
                    return 1;
                }
                if (more < 0) {
                    return cs_ctj_too_large(f, out, CS_CTJ_RESYNC_TOP);
                }
            }
            if (r == CS_CTJ_ENTRIES) {
                cs_ctj_consume(f, at);
                f->ct.state = CS_CTJ_ARRAY;
                continue;
            }
            if (r == CS_CTJ_BAD && ps.why != NULL &&
                strcmp(ps.why, "an object without leaf_input") == 0) {
                /* The response's last members, then its '}'. */
                cs_ctj_consume(f, ps.bad_at + 1);
                f->ct.state = CS_CTJ_TOP;
                continue;
            }
            if (r >= 0) {
                /* Members that held a leaf_input after the array: not a response's shape. */
                r = cs_ctj_bad(&ps, (size_t)r - 1, "an entry's members after the entries array");
            }
            cs_ctj_reject(f, out, CS_ENTRY_CT_JSON, ps.bad_at, ps.why, offset, line);
            cs_ctj_consume(f, ps.bad_at + 1 < ps.n ? ps.bad_at + 1 : ps.n);
            f->ct.state = CS_CTJ_RESYNC_TOP;
            return 1;
        }
        if (c != '{') {
            cs_ctj_reject(f, out, CS_ENTRY_CT_JSON, 0,
                          in_array ? "an entry object was expected in the array"
                                   : "a JSON object was expected",
                          offset, line);
            cs_ctj_consume(f, 1);
            f->ct.state = resync_state;
            return 1;
        }
        memset(out, 0, sizeof *out);
        size_t at = 0;
        long r;
        for (;;) {
            ps.p = cs_window_data(f->w);
            ps.n = cs_window_avail(f->w);
            memset(&out->ct, 0, sizeof out->ct);
            memset(&out->log, 0, sizeof out->log);
            r = cs_ctj_object(&ps, 0, out, &at);
            if (r != CS_CTJ_NEED) {
                break;
            }
            int more = cs_ctj_more(f);
            if (more == 0) {
                f->done = 1;
                cs_ctj_reject(f, out, CS_ENTRY_CT_JSON, ps.n,
                              "the JSON ends inside an object (truncated)", offset, line);
                cs_ctj_consume(f, cs_window_avail(f->w));
                return 1;
            }
            if (more < 0) {
                return cs_ctj_too_large(f, out, resync_state);
            }
        }
        if (r == CS_CTJ_ENTRIES) {
            cs_ctj_consume(f, at);
            f->ct.state = CS_CTJ_ARRAY;
            continue;
        }
        if (r == CS_CTJ_BAD) {
            cs_ctj_reject(f, out, CS_ENTRY_CT_JSON, ps.bad_at, ps.why, offset, line);
            cs_ctj_consume(f, 1);
            f->ct.state = resync_state;
            return 1;
        }
        cs_ct_spans ct = out->ct;
        cs_log_info log = out->log;
        size_t len = (size_t)r;
        /* Entries yielded keep the framer's numbering; the bytes stay in the window until the
         * next call. */
        memset(out, 0, sizeof *out);
        out->status = CS_ENTRY_OK;
        out->encoding = CS_ENCODING_CT_JSON;
        out->data = ps.p;
        out->len = len;
        out->ct = ct;
        out->log = log;
        out->input = f->name;
        out->index = f->index++;
        out->offset = offset;
        out->line = line;
        out->detail = "";
        if (f->ct.chains && ct.has_extra) {
            cs_ct_json_chains(f, out);
        }
        /* extra_data is checked for escapes only over what decoding will read of it. */
        cs_ct_spans whole = out->ct;
        uint32_t extra_len = out->ct.extra_len;
        cs_ctj_trim_extra(out->data, &out->ct);
        if (!out->ct.escaped &&
            memchr(out->data + out->ct.extra_off, '\\', out->ct.extra_len) != NULL) {
            out->ct.escaped = 1;
            out->ct.extra_len = extra_len;
        }
        cs_ctj_consume_entry(f, len, &whole);
        return 1;
    }
}

int cs_ct_json_detect(const uint8_t *buf, size_t len) {
    size_t i = 0;
    while (i < len && cs_is_space(buf[i])) {
        i++;
    }
    if (i == len || (buf[i] != '{' && buf[i] != '[')) {
        return 0;
    }
    static const char key[] = "\"leaf_input\"";
    size_t n = sizeof key - 1;
    for (const uint8_t *p = buf + i; (size_t)(p - buf) + n <= len;) {
        p = memchr(p, '"', len - (size_t)(p - buf) - n + 1);
        if (p == NULL) {
            return 0;
        }
        if (memcmp(p, key, n) == 0) {
            return 1;
        }
        p++;
    }
    return 0;
}
