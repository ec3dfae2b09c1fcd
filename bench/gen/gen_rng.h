/* Deterministic pseudo-random numbers for the corpus generator: xoshiro256** seeded through
 * splitmix64. Every certificate and every key gets its own stream derived from (--seed, a
 * domain, an index), so output does not depend on generation order or thread count. Not for
 * secrets: signature nonces are derived separately from the private key (gen_sign.c). */
#ifndef CS_GEN_RNG_H
#define CS_GEN_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct gen_rng {
    uint64_t s[4];
} gen_rng;

/* Domains keep the streams of different uses apart for the same index. */
enum {
    GEN_RNG_CA = 1,
    GEN_RNG_KEY = 2,
    GEN_RNG_CERT = 3,
    GEN_RNG_LAYOUT = 4,
};

void gen_rng_init(gen_rng *r, uint64_t seed, uint64_t domain, uint64_t index);
uint64_t gen_rng_u64(gen_rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t gen_rng_below(gen_rng *r, uint64_t n);
/* Uniform in [lo, hi]. */
int64_t gen_rng_range(gen_rng *r, int64_t lo, int64_t hi);
/* 1 with probability p (0..1). */
int gen_rng_chance(gen_rng *r, double p);
void gen_rng_bytes(gen_rng *r, uint8_t *out, size_t len);
/* Index drawn with the given non-negative weights (at least one positive). */
size_t gen_rng_weighted(gen_rng *r, const uint32_t *weights, size_t count);

#endif
