/* A sliding window over a stream: the framer sees the unconsumed bytes as one contiguous span,
 * and asks for more when an entry runs past its end. Bytes are read `read_size` at a time;
 * consumed bytes are dropped by moving the rest to the front when room is needed, so the window
 * stays as large as the longest entry in progress plus one read, never as large as the input.
 */
#ifndef CS_IO_WINDOW_H
#define CS_IO_WINDOW_H

#include <stddef.h>
#include <stdint.h>

#include "io/stream.h"

typedef struct cs_window {
    cs_stream *src;
    uint8_t *buf;
    size_t cap;       /* allocated; grows up to max */
    size_t max;       /* the longest span the window will hold */
    size_t read_size; /* bytes asked for per read */
    size_t pos;       /* consumed up to here */
    size_t len;       /* valid bytes in buf */
    uint64_t base;    /* stream offset of buf[0] */
    int eof;          /* the stream has ended (or failed): no more bytes will come */
    int oom;          /* growing failed */
} cs_window;

/* Returns 0 when memory ran out. */
int cs_window_init(cs_window *w, cs_stream *src, size_t read_size, size_t max);
void cs_window_free(cs_window *w);

/* Reads more bytes behind the unconsumed ones: 1 when some were added, 0 at the end of the
 * stream, -1 when the window already holds `max` unconsumed bytes (or memory ran out). */
int cs_window_more(cs_window *w);

static inline const uint8_t *cs_window_data(const cs_window *w) {
    return w->buf + w->pos;
}

static inline size_t cs_window_avail(const cs_window *w) {
    return w->len - w->pos;
}

/* Stream offset of the first unconsumed byte. */
static inline uint64_t cs_window_offset(const cs_window *w) {
    return w->base + w->pos;
}

static inline void cs_window_consume(cs_window *w, size_t n) {
    w->pos += n;
}

#endif
