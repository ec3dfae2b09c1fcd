#include "io/ldif.h"

#include <stdio.h>
#include <string.h>

#include "io/framer.h"

static int cs_ldif_lower(int c) {
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int cs_ldif_prefix(const uint8_t *p, size_t n, const char *word) {
    size_t k = strlen(word);
    if (n < k) {
        return 0;
    }
    for (size_t i = 0; i < k; i++) {
        if (cs_ldif_lower(p[i]) != cs_ldif_lower((unsigned char)word[i])) {
            return 0;
        }
    }
    return 1;
}

static int cs_ldif_is(const uint8_t *p, size_t n, const char *word) {
    return n == strlen(word) && cs_ldif_prefix(p, n, word);
}

int cs_ldif_detect(const uint8_t *buf, size_t len) {
    size_t i = 0;
    while (i < len) {
        const uint8_t *nl = memchr(buf + i, '\n', len - i);
        size_t end = nl != NULL ? (size_t)(nl - buf) : len;
        size_t n = end - i;
        if (n > 0 && buf[i + n - 1] == '\r') {
            n--;
        }
        /* Blank lines, comments and their folded continuations come before the first record. */
        if (n != 0 && buf[i] != '#' && buf[i] != ' ') {
            return cs_ldif_prefix(buf + i, n, "version:") || cs_ldif_prefix(buf + i, n, "dn:");
        }
        i = end + 1;
    }
    return 0;
}

/* The logical line at the window's front: its length without the final line end (`*len`) and
 * with it (`*used`). Returns 0 at the end of the input, -1 when it is longer than the window. */
static int cs_ldif_line(struct cs_framer *f, size_t *len, size_t *used) {
    size_t from = 0;
    for (;;) {
        const uint8_t *p = cs_window_data(f->w);
        size_t n = cs_window_avail(f->w);
        const uint8_t *nl = from < n ? memchr(p + from, '\n', n - from) : NULL;
        if (nl != NULL) {
            size_t at = (size_t)(nl - p);
            if (at + 1 < n) {
                /* A blank line ends the entry: a space after it starts no continuation. */
                int blank = at == 0 || (at == 1 && p[0] == '\r');
                if (p[at + 1] == ' ' && !blank) {
                    from = at + 1; /* folded: the logical line goes on */
                    continue;
                }
                *len = at;
                *used = at + 1;
                return 1;
            }
            from = at; /* the next byte decides whether the line is folded */
        } else {
            from = n;
        }
        if (f->w->eof) {
            if (n == 0) {
                return 0;
            }
            *len = nl != NULL ? n - 1 : n;
            *used = n;
            return 1;
        }
        int more = cs_window_more(f->w);
        if (more < 0) {
            return -1;
        }
    }
}

/* A line too long for the window: skip it and its continuations as they stream past. */
static void cs_ldif_skip_long(struct cs_framer *f) {
    int at_line_start = 0;
    for (;;) {
        const uint8_t *p = cs_window_data(f->w);
        size_t n = cs_window_avail(f->w);
        size_t i = 0;
        while (i < n) {
            if (at_line_start && p[i] != ' ') {
                cs_framer_consume(f, i);
                return;
            }
            const uint8_t *nl = memchr(p + i, '\n', n - i);
            if (nl == NULL) {
                i = n;
                at_line_start = 0;
                break;
            }
            i = (size_t)(nl - p) + 1;
            at_line_start = 1;
        }
        cs_framer_consume(f, n);
        if (cs_window_more(f->w) <= 0 && cs_window_avail(f->w) == 0) {
            return;
        }
    }
}

/* 1 for a logical line that is blank, a comment, "-" or an attribute ("name:" with a name of
 * letters, digits, '-', '.' and ';' options). */
static int cs_ldif_well_formed(const uint8_t *p, size_t n, size_t *colon) {
    *colon = 0;
    if (n == 0 || p[0] == '#' || (n == 1 && p[0] == '-')) {
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == ':') {
            *colon = i;
            return i > 0;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == ';')) {
            return 0;
        }
    }
    return 0;
}

static int cs_ldif_cert_type(const uint8_t *p, size_t n) {
    return cs_ldif_is(p, n, "userCertificate") || cs_ldif_is(p, n, "cACertificate") ||
           cs_ldif_is(p, n, "2.5.4.36") || cs_ldif_is(p, n, "2.5.4.37");
}

static int cs_ldif_pkcs7_type(const uint8_t *p, size_t n) {
    return cs_ldif_is(p, n, "userSMIMECertificate") || cs_ldif_is(p, n, "2.16.840.1.113730.3.1.40");
}

static void cs_ldif_where(const struct cs_framer *f, char *buf, size_t cap) {
    if (f->ldif.dn_line != 0) {
        snprintf(buf, cap, " (entry whose dn is at line %llu)",
                 (unsigned long long)f->ldif.dn_line);
    } else {
        buf[0] = '\0';
    }
}

int cs_ldif_next(struct cs_framer *f, struct cs_raw_entry *out) {
    for (;;) {
        if (f->done) {
            return 0;
        }
        uint64_t offset = cs_window_offset(f->w);
        uint64_t line = f->lines.line;
        size_t len;
        size_t used;
        int got = cs_ldif_line(f, &len, &used);
        char where[64];
        if (got == 0) {
            f->done = 1;
            return 0;
        }
        if (got < 0) {
            cs_ldif_skip_long(f);
            cs_ldif_where(f, where, sizeof where);
            snprintf(f->detail, sizeof f->detail,
                     "the LDIF line at line %llu is longer than %zu bytes, the most held at once%s",
                     (unsigned long long)line, f->w->max, where);
            cs_framer_reject(f, out, CS_ENTRY_TOO_LARGE, offset, line);
            return 1;
        }
        const uint8_t *p = cs_window_data(f->w);
        size_t n = len;
        if (n > 0 && p[n - 1] == '\r') {
            n--;
        }
        size_t colon;
        if (!cs_ldif_well_formed(p, n, &colon)) {
            /* One rejection for the run of bad lines: an unfolded value is many lines long. */
            uint64_t lines = 1;
            cs_framer_consume(f, used);
            for (;;) {
                if (cs_ldif_line(f, &len, &used) <= 0) {
                    break;
                }
                const uint8_t *q = cs_window_data(f->w);
                size_t m = len > 0 && q[len - 1] == '\r' ? len - 1 : len;
                size_t c;
                if (cs_ldif_well_formed(q, m, &c)) {
                    break;
                }
                cs_framer_consume(f, used);
                lines++;
            }
            cs_ldif_where(f, where, sizeof where);
            snprintf(f->detail, sizeof f->detail,
                     "%llu line%s from line %llu %s not LDIF (not \"name: value\", a comment or a "
                     "blank line; a folded line must start with one space, and not after a "
                     "blank line)%s",
                     (unsigned long long)lines, lines == 1 ? "" : "s", (unsigned long long)line,
                     lines == 1 ? "is" : "are", where);
            cs_framer_reject(f, out, CS_ENTRY_LDIF_SYNTAX, offset, line);
            return 1;
        }
        if (n == 0) {
            f->ldif.dn_line = 0; /* a blank line ends an entry */
            cs_framer_consume(f, used);
            continue;
        }
        if (colon == 0) {
            cs_framer_consume(f, used); /* comment or "-" */
            continue;
        }
        const uint8_t *semi = memchr(p, ';', colon);
        size_t type_len = semi != NULL ? (size_t)(semi - p) : colon;
        if (cs_ldif_is(p, colon, "dn")) {
            f->ldif.dn_line = line;
            cs_framer_consume(f, used);
            continue;
        }
        if (cs_ldif_pkcs7_type(p, type_len)) {
            f->skipped++;
            cs_framer_consume(f, used);
            continue;
        }
        if (!cs_ldif_cert_type(p, type_len)) {
            cs_framer_consume(f, used);
            continue;
        }
        if (colon + 1 >= n || p[colon + 1] != ':') {
            cs_ldif_where(f, where, sizeof where);
            snprintf(f->detail, sizeof f->detail,
                     "the %.*s value at line %llu is %s, not base64 (\"::\")%s", (int)colon,
                     (const char *)p, (unsigned long long)line,
                     colon + 1 < n && p[colon + 1] == '<' ? "a URL (\":<\"), which is not read"
                                                          : "plain text",
                     where);
            cs_framer_consume(f, used);
            cs_framer_reject(f, out, CS_ENTRY_LDIF_SYNTAX, offset, line);
            return 1;
        }
        size_t v = colon + 2;
        while (v < n && p[v] == ' ') {
            v++;
        }
        cs_framer_ok(f, out, CS_ENCODING_LDIF, p + v, n - v, offset + v, line, v);
        cs_framer_consume(f, used);
        return 1;
    }
}
