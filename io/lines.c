#include "io/lines.h"

#include <string.h>

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

void cs_line_cursor_init(cs_line_cursor *c) {
    c->pos = 0;
    c->line = 1;
    c->line_start = 0;
}

#if defined(__SSE2__) && defined(__x86_64__)
uint64_t cs_count_newlines(const uint8_t *p, size_t n) {
    /* Sixteen bytes per step: a match is -1, subtracted into byte counters that are summed
     * with one SAD every 255 steps, before any counter can wrap. PEM text is counted in full,
     * so this loop runs over every byte of a PEM corpus. */
    const __m128i nl = _mm_set1_epi8('\n');
    const __m128i zero = _mm_setzero_si128();
    uint64_t count = 0;
    size_t i = 0;
    while (n - i >= 16) {
        size_t steps = (n - i) / 16;
        if (steps > 255) {
            steps = 255;
        }
        __m128i acc = zero;
        for (size_t s = 0; s < steps; s++, i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, nl));
        }
        __m128i sums = _mm_sad_epu8(acc, zero);
        count += (uint64_t)_mm_cvtsi128_si64(sums) + (uint64_t)_mm_extract_epi16(sums, 4);
    }
    for (; i < n; i++) {
        count += p[i] == '\n';
    }
    return count;
}
#else
uint64_t cs_count_newlines(const uint8_t *p, size_t n) {
    /* Eight bytes at a time: XOR turns '\n' into 0, and the exact zero-byte test (no false
     * positives from borrows) marks each with its top bit. */
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
        count += ((t >> 7) * 0x0101010101010101ull) >> 56;
    }
    for (; i < n; i++) {
        count += p[i] == '\n';
    }
    return count;
}
#endif

void cs_line_cursor_skip(cs_line_cursor *c, const uint8_t *p, size_t n) {
    if (n == 0) {
        return;
    }
    uint64_t lines = cs_count_newlines(p, n);
    if (lines != 0) {
        /* The last newline lies inside the span just counted, so this backward scan stays
         * within bytes already paid for. */
        size_t k = n;
        while (p[k - 1] != '\n') {
            k--;
        }
        c->line_start = c->pos + k;
        c->line += lines;
    }
    c->pos += n;
}
