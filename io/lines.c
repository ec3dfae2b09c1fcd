#include "io/lines.h"

#include <string.h>

void cs_line_cursor_init(cs_line_cursor *c) {
    c->pos = 0;
    c->line = 1;
    c->line_start = 0;
}

uint64_t cs_count_newlines(const uint8_t *p, size_t n) {
    /* Eight bytes at a time: XOR turns '\n' into 0, and the classic exact zero-byte test (no
     * false positives from borrows, unlike the cheaper variant) marks each with its top bit. */
    const uint64_t nl = 0x0A0A0A0A0A0A0A0Aull;
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    uint64_t count = 0;
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        w ^= nl;
        uint64_t t = (w & low7) + low7;
        t = ~(t | w | low7);
        /* Sums the marker bits with one multiply: without -mpopcnt, __builtin_popcountll is a
         * library call. */
        count += ((t >> 7) * 0x0101010101010101ull) >> 56;
    }
    for (; i < n; i++) {
        count += p[i] == '\n';
    }
    return count;
}

void cs_line_cursor_advance(cs_line_cursor *c, const uint8_t *buf, size_t to) {
    if (to <= c->pos) {
        return;
    }
    uint64_t n = cs_count_newlines(buf + c->pos, to - c->pos);
    if (n != 0) {
        /* The last newline lies inside the span just counted, so this backward scan stays
         * within bytes already paid for. */
        size_t k = to;
        while (buf[k - 1] != '\n') {
            k--;
        }
        c->line_start = k;
        c->line += n;
    }
    c->pos = to;
}
