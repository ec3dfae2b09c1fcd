#include "io/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_buf_init(cs_buf *b) {
    b->p = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = 0;
}

void cs_buf_free(cs_buf *b) {
    free(b->p);
    cs_buf_init(b);
}

void cs_buf_clear(cs_buf *b) {
    b->len = 0;
    b->failed = 0;
}

int cs_buf_reserve(cs_buf *b, size_t n) {
    if (b->failed) {
        return 0;
    }
    if (b->cap - b->len >= n) {
        return 1;
    }
    size_t cap = b->cap != 0 ? b->cap : 4096;
    while (cap - b->len < n) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (p == NULL) {
        b->failed = 1;
        return 0;
    }
    b->p = p;
    b->cap = cap;
    return 1;
}

void cs_buf_put(cs_buf *b, const void *data, size_t n) {
    if (n != 0 && cs_buf_reserve(b, n)) {
        memcpy(b->p + b->len, data, n);
        b->len += n;
    }
}

void cs_buf_puts(cs_buf *b, const char *s) {
    cs_buf_put(b, s, strlen(s));
}

void cs_buf_putc(cs_buf *b, char c) {
    if (cs_buf_reserve(b, 1)) {
        b->p[b->len++] = c;
    }
}

void cs_buf_vprintf(cs_buf *b, const char *fmt, va_list ap) {
    va_list again;
    va_copy(again, ap);
    /* Most lines fit in what is left, so the text is usually formatted once. */
    size_t room = b->cap - b->len;
    int n = vsnprintf(room != 0 ? b->p + b->len : NULL, room, fmt, ap);
    if (n < 0) {
        b->failed = 1;
    } else if ((size_t)n < room) {
        b->len += (size_t)n;
    } else if (cs_buf_reserve(b, (size_t)n + 1)) {
        vsnprintf(b->p + b->len, (size_t)n + 1, fmt, again);
        b->len += (size_t)n;
    }
    va_end(again);
}

void cs_buf_printf(cs_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    cs_buf_vprintf(b, fmt, ap);
    va_end(ap);
}
