#include "bench/gen/gen_idna.h"

#include <stdint.h>
#include <string.h>

/* RFC 3492 §5 parameters */
enum { BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128 };

static uint32_t gen_adapt(uint32_t delta, uint32_t points, int first) {
    delta = first ? delta / DAMP : delta / 2;
    delta += delta / points;
    uint32_t k = 0;
    while (delta > ((BASE - TMIN) * TMAX) / 2) {
        delta /= BASE - TMIN;
        k += BASE;
    }
    return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
}

static char gen_digit(uint32_t d) {
    return (char)(d < 26 ? 'a' + d : '0' + (d - 26));
}

static size_t gen_utf8_decode(const char *s, uint32_t *cp, size_t cap) {
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0' && n < cap) {
        uint32_t c = *p;
        int more = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : -1;
        if (more < 0) {
            return 0;
        }
        c &= more == 0 ? 0x7F : more == 1 ? 0x1F : 0x0F;
        p++;
        for (int i = 0; i < more; i++, p++) {
            if ((*p & 0xC0) != 0x80) {
                return 0;
            }
            c = c << 6 | (*p & 0x3F);
        }
        cp[n++] = c;
    }
    return *p == '\0' ? n : 0;
}

size_t gen_idna_label(const char *utf8, char *out, size_t cap) {
    uint32_t cp[64];
    size_t n = gen_utf8_decode(utf8, cp, 64);
    if (n == 0) {
        return 0;
    }
    size_t o = 0, basic = 0;
    int ascii = 1;
    for (size_t i = 0; i < n; i++) {
        ascii &= cp[i] < 0x80;
    }
    if (!ascii) {
        if (cap < 5) {
            return 0;
        }
        memcpy(out, "xn--", 4);
        o = 4;
    }
    for (size_t i = 0; i < n; i++) {
        if (cp[i] < 0x80) {
            if (o + 1 >= cap) {
                return 0;
            }
            out[o++] = (char)cp[i];
            basic++;
        }
    }
    if (ascii) {
        out[o] = '\0';
        return o;
    }
    if (basic > 0) {
        out[o++] = '-';
    }
    uint32_t cur = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
    size_t handled = basic;
    while (handled < n) {
        uint32_t m = UINT32_MAX;
        for (size_t i = 0; i < n; i++) {
            if (cp[i] >= cur && cp[i] < m) {
                m = cp[i];
            }
        }
        delta += (m - cur) * (uint32_t)(handled + 1);
        cur = m;
        for (size_t i = 0; i < n; i++) {
            if (cp[i] < cur) {
                delta++;
            }
            if (cp[i] != cur) {
                continue;
            }
            uint32_t q = delta;
            for (uint32_t k = BASE;; k += BASE) {
                uint32_t t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
                if (q < t) {
                    break;
                }
                if (o + 1 >= cap) {
                    return 0;
                }
                out[o++] = gen_digit(t + (q - t) % (BASE - t));
                q = (q - t) / (BASE - t);
            }
            if (o + 1 >= cap) {
                return 0;
            }
            out[o++] = gen_digit(q);
            bias = gen_adapt(delta, (uint32_t)(handled + 1), handled == basic);
            delta = 0;
            handled++;
        }
        delta++;
        cur++;
    }
    out[o] = '\0';
    return o;
}
