#include "io/json.h"

#include <string.h>

/* Length of a valid UTF-8 sequence at p (RFC 3629 §4), or 0. */
static size_t cs_json_utf8_len(const unsigned char *p, size_t n) {
    unsigned char b = p[0];
    size_t need;
    unsigned min;
    if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        min = 0x10000;
    } else {
        return 0;
    }
    if (need >= n) {
        return 0;
    }
    unsigned cp = b & (0x3Fu >> need);
    for (size_t i = 1; i <= need; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return need + 1;
}

void cs_json_buf_string_n(cs_buf *out, const char *text, size_t len) {
    const unsigned char *p = (const unsigned char *)text;
    cs_buf_putc(out, '"');
    for (size_t i = 0; i < len;) {
        /* Runs of plain ASCII are copied in one call: most strings are nothing else. */
        size_t run = i;
        while (run < len && p[run] >= 0x20 && p[run] < 0x7F && p[run] != '"' && p[run] != '\\') {
            run++;
        }
        if (run > i) {
            cs_buf_put(out, p + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            cs_buf_putc(out, '\\');
            cs_buf_putc(out, (char)c);
            i++;
        } else if (c == '\n') {
            cs_buf_puts(out, "\\n");
            i++;
        } else if (c == '\t') {
            cs_buf_puts(out, "\\t");
            i++;
        } else if (c == '\r') {
            cs_buf_puts(out, "\\r");
            i++;
        } else if (c < 0x80) {
            cs_buf_printf(out, "\\u%04x", c);
            i++;
        } else {
            size_t w = cs_json_utf8_len(p + i, len - i);
            if (w == 0) {
                cs_buf_printf(out, "\\u%04x", c);
                i++;
            } else {
                cs_buf_put(out, p + i, w);
                i += w;
            }
        }
    }
    cs_buf_putc(out, '"');
}

void cs_json_buf_string(cs_buf *out, const char *text) {
    cs_json_buf_string_n(out, text, strlen(text));
}

void cs_json_string_n(FILE *out, const char *text, size_t len) {
    cs_buf b;
    cs_buf_init(&b);
    cs_json_buf_string_n(&b, text, len);
    if (b.failed) {
        /* Still valid JSON, and the loss is visible. */
        fputs("\"(out of memory)\"", out);
    } else {
        fwrite(b.p, 1, b.len, out);
    }
    cs_buf_free(&b);
}

void cs_json_string(FILE *out, const char *text) {
    cs_json_string_n(out, text, strlen(text));
}
