/* A growable byte buffer for text built in memory (lint lines rendered by workers, written in
 * input order by the writer). Failure to grow is sticky: the buffer keeps what fitted and
 * `failed` tells the owner, so formatting code needs no error path per call. */
#ifndef CS_IO_BUF_H
#define CS_IO_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cs_buf {
    char *p;
    size_t len;
    size_t cap;
    int failed;
} cs_buf;

void cs_buf_init(cs_buf *b);
void cs_buf_free(cs_buf *b);
/* Empties the buffer, keeping its memory (and clearing `failed`). */
void cs_buf_clear(cs_buf *b);
/* Room for n more bytes; 0 (and `failed` set) when memory ran out. */
int cs_buf_reserve(cs_buf *b, size_t n);
void cs_buf_put(cs_buf *b, const void *data, size_t n);
void cs_buf_puts(cs_buf *b, const char *s);
void cs_buf_putc(cs_buf *b, char c);
void cs_buf_printf(cs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cs_buf_vprintf(cs_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
