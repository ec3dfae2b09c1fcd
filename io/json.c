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

void cs_json_string_n(FILE *out, const char *text, size_t len) {
    const unsigned char *p = (const unsigned char *)text;
    fputc('"', out);
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
            i++;
        } else if (c == '\n') {
            fputs("\\n", out);
            i++;
        } else if (c == '\t') {
            fputs("\\t", out);
            i++;
        } else if (c == '\r') {
            fputs("\\r", out);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(out, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            fputc(c, out);
            i++;
        } else {
            size_t w = cs_json_utf8_len(p + i, len - i);
            if (w == 0) {
                fprintf(out, "\\u%04x", c);
                i++;
            } else {
                fwrite(p + i, 1, w, out);
                i += w;
            }
        }
    }
    fputc('"', out);
}

void cs_json_string(FILE *out, const char *text) {
    cs_json_string_n(out, text, strlen(text));
}
