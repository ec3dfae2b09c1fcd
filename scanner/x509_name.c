/* Distinguished names as text: attribute short names with RFC 4514 escaping, in the order the
 * RDNs are encoded (the order OpenSSL's one-line form and most reports use). */
#include "scanner/x509.h"

#include <stdio.h>
#include <string.h>

typedef struct cs_sbuf {
    char *buf;
    size_t cap;
    size_t len;
    int truncated;
} cs_sbuf;

static void cs_sbuf_putc(cs_sbuf *s, char c) {
    /* Keep 4 bytes for "..." and the terminator. */
    if (s->len + 4 >= s->cap) {
        s->truncated = 1;
        return;
    }
    s->buf[s->len++] = c;
}

static void cs_sbuf_puts(cs_sbuf *s, const char *str) {
    for (; *str != '\0'; str++) {
        cs_sbuf_putc(s, *str);
    }
}

static void cs_sbuf_hex(cs_sbuf *s, uint8_t b) {
    static const char hex[] = "0123456789ABCDEF";
    cs_sbuf_putc(s, hex[b >> 4]);
    cs_sbuf_putc(s, hex[b & 15]);
}

/* Writes a code point as UTF-8, escaping what RFC 4514 §2.4 requires and control characters. */
static void cs_sbuf_codepoint(cs_sbuf *s, uint32_t cp, int first, int last) {
    if (cp < 0x20 || cp == 0x7F || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        cs_sbuf_putc(s, '\\');
        cs_sbuf_hex(s, (uint8_t)(cp > 0xFF ? 0x3F : cp));
        return;
    }
    if (cp < 0x80) {
        char c = (char)cp;
        if (strchr(",+\"\\<>;=", c) != NULL || (first && (c == '#' || c == ' ')) ||
            (last && c == ' ')) {
            cs_sbuf_putc(s, '\\');
        }
        cs_sbuf_putc(s, c);
        return;
    }
    char tmp[5];
    int n;
    if (cp < 0x800) {
        tmp[0] = (char)(0xC0 | (cp >> 6));
        tmp[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        tmp[0] = (char)(0xE0 | (cp >> 12));
        tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        tmp[0] = (char)(0xF0 | (cp >> 18));
        tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    for (int i = 0; i < n; i++) {
        cs_sbuf_putc(s, tmp[i]);
    }
}

/* Decodes one UTF-8 sequence; invalid bytes come back as themselves with width 1 so that they
 * are escaped rather than dropped. */
static uint32_t cs_utf8_next(const uint8_t *p, size_t n, size_t *width) {
    uint8_t b = p[0];
    size_t need = b < 0x80             ? 0
                  : (b & 0xE0) == 0xC0 ? 1
                  : (b & 0xF0) == 0xE0 ? 2
                  : (b & 0xF8) == 0xF0 ? 3
                                       : 9;
    if (need == 0 || need == 9 || need >= n) {
        *width = 1;
        return need == 0 ? b : 0xFFFFFFFFu;
    }
    uint32_t cp = b & (0x3Fu >> need);
    for (size_t i = 1; i <= need; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *width = 1;
            return 0xFFFFFFFFu;
        }
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    *width = need + 1;
    return cp;
}

static void cs_name_value(cs_sbuf *s, const cs_x509_attr *a) {
    const uint8_t *p = a->value.ptr;
    size_t n = a->value.len;
    switch (a->tag) {
    case CS_DER_BMPSTRING:
        for (size_t i = 0; i + 1 < n; i += 2) {
            cs_sbuf_codepoint(s, (uint32_t)(p[i] << 8 | p[i + 1]), i == 0, i + 2 >= n);
        }
        return;
    case CS_DER_UNIVERSALSTRING:
        for (size_t i = 0; i + 3 < n; i += 4) {
            uint32_t cp = (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 |
                          (uint32_t)p[i + 2] << 8 | p[i + 3];
            cs_sbuf_codepoint(s, cp, i == 0, i + 4 >= n);
        }
        return;
    case CS_DER_UTF8STRING:
    case CS_DER_PRINTABLESTRING:
    case CS_DER_IA5STRING:
    case CS_DER_VISIBLESTRING:
    case CS_DER_NUMERICSTRING:
    case CS_DER_TELETEXSTRING:
        for (size_t i = 0; i < n;) {
            size_t w;
            uint32_t cp = cs_utf8_next(p + i, n - i, &w);
            if (cp == 0xFFFFFFFFu) {
                cs_sbuf_putc(s, '\\');
                cs_sbuf_hex(s, p[i]);
            } else {
                cs_sbuf_codepoint(s, cp, i == 0, i + w >= n);
            }
            i += w;
        }
        return;
    default:
        /* RFC 4514 §2.4: a value of another type is written as '#' and the hex of its BER. */
        cs_sbuf_putc(s, '#');
        for (size_t i = 0; i < n; i++) {
            cs_sbuf_hex(s, p[i]);
        }
        return;
    }
}

size_t cs_x509_name_to_string(const cs_x509_name *name, char *buf, size_t buf_len) {
    cs_sbuf s = {buf, buf_len, 0, 0};
    if (buf_len == 0) {
        return 0;
    }
    for (unsigned i = 0; i < name->num_attrs; i++) {
        const cs_x509_attr *a = &name->attr[i];
        if (i > 0) {
            cs_sbuf_puts(&s, a->rdn == name->attr[i - 1].rdn ? " + " : ", ");
        }
        if (a->id != CS_ATTR_UNKNOWN) {
            cs_sbuf_puts(&s, cs_attr_short_name((cs_attr_id)a->id));
        } else {
            char oid[256];
            if (cs_der_oid_to_string(a->oid, oid, sizeof oid) == 0) {
                snprintf(oid, sizeof oid, "#unprintable-oid");
            }
            cs_sbuf_puts(&s, oid);
        }
        cs_sbuf_putc(&s, '=');
        cs_name_value(&s, a);
    }
    if (name->overflow) {
        s.truncated = 1;
    }
    if (s.truncated && s.cap >= 4) {
        memcpy(s.buf + s.len, "...", 3);
        s.len += 3;
    }
    s.buf[s.len] = '\0';
    return s.len;
}
