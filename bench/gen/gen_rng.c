#include "bench/gen/gen_rng.h"

#include <string.h>

static uint64_t gen_splitmix(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void gen_rng_init(gen_rng *r, uint64_t seed, uint64_t domain, uint64_t index) {
    /* Mix the three inputs through splitmix so neighbouring indexes give unrelated streams. */
    uint64_t x = seed;
    x = gen_splitmix(&x) ^ domain * 0xD6E8FEB86659FD93ull;
    x = gen_splitmix(&x) ^ index;
    for (int i = 0; i < 4; i++) {
        r->s[i] = gen_splitmix(&x);
    }
}

static inline uint64_t gen_rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

uint64_t gen_rng_u64(gen_rng *r) {
    uint64_t *s = r->s;
    uint64_t result = gen_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = gen_rotl(s[3], 45);
    return result;
}

uint64_t gen_rng_below(gen_rng *r, uint64_t n) {
    /* Lemire's multiply-shift; the tiny bias of skipping the rejection step does not matter
     * for synthetic data, and keeping one draw per call keeps streams easy to reason about. */
    return (uint64_t)(((unsigned __int128)gen_rng_u64(r) * n) >> 64);
}

int64_t gen_rng_range(gen_rng *r, int64_t lo, int64_t hi) {
    return lo + (int64_t)gen_rng_below(r, (uint64_t)(hi - lo) + 1);
}

int gen_rng_chance(gen_rng *r, double p) {
    if (p <= 0) {
        return 0;
    }
    return (double)(gen_rng_u64(r) >> 11) * 0x1.0p-53 < p;
}

void gen_rng_bytes(gen_rng *r, uint8_t *out, size_t len) {
    while (len >= 8) {
        uint64_t v = gen_rng_u64(r);
        memcpy(out, &v, 8);
        out += 8;
        len -= 8;
    }
    if (len > 0) {
        uint64_t v = gen_rng_u64(r);
        memcpy(out, &v, len);
    }
}

size_t gen_rng_weighted(gen_rng *r, const uint32_t *weights, size_t count) {
    uint64_t total = 0;
    for (size_t i = 0; i < count; i++) {
        total += weights[i];
    }
    uint64_t x = gen_rng_below(r, total);
    for (size_t i = 0; i < count; i++) {
        if (x < weights[i]) {
            return i;
        }
        x -= weights[i];
    }
    return count - 1;
}
