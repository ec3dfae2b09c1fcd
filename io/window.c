#include "io/window.h"

#include <stdlib.h>
#include <string.h>

int cs_window_init(cs_window *w, cs_stream *src, size_t read_size, size_t max) {
    memset(w, 0, sizeof *w);
    w->src = src;
    w->read_size = read_size != 0 ? read_size : 1;
    w->max = max > w->read_size ? max : w->read_size;
    /* Two reads' worth: a partial entry at the end moves to the front and one whole read
     * still fits behind it, so steady-state reading never grows the buffer. */
    w->cap = w->read_size * 2 < w->max ? w->read_size * 2 : w->max;
    w->buf = malloc(w->cap);
    return w->buf != NULL;
}

void cs_window_free(cs_window *w) {
    free(w->buf);
    w->buf = NULL;
}

int cs_window_more(cs_window *w) {
    if (w->eof) {
        return 0;
    }
    if (w->cap - w->len < w->read_size && w->pos > 0) {
        size_t keep = w->len - w->pos;
        memmove(w->buf, w->buf + w->pos, keep);
        w->base += w->pos;
        w->len = keep;
        w->pos = 0;
    }
    if (w->len == w->cap) {
        if (w->cap >= w->max) {
            return -1;
        }
        size_t cap = w->cap * 2 < w->max ? w->cap * 2 : w->max;
        uint8_t *p = realloc(w->buf, cap);
        if (p == NULL) {
            w->oom = 1;
            return -1;
        }
        w->buf = p;
        w->cap = cap;
    }
    size_t want = w->cap - w->len;
    if (want > w->read_size) {
        want = w->read_size;
    }
    size_t n = cs_stream_read(w->src, w->buf + w->len, want);
    if (n == 0) {
        w->eof = 1;
        return 0;
    }
    w->len += n;
    return 1;
}
