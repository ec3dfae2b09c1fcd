#include "scanner/ec_nist.h"
#include "scanner/limbs.h"

#include <string.h>

__extension__ typedef unsigned __int128 cs_u128;

/* The primes, little-endian limbs. */
static const uint64_t cs_p256[4] = {0xFFFFFFFFFFFFFFFF, 0x00000000FFFFFFFF, 0x0000000000000000,
                                    0xFFFFFFFF00000001};
static const uint64_t cs_p384[6] = {0x00000000FFFFFFFF, 0xFFFFFFFF00000000, 0xFFFFFFFFFFFFFFFE,
                                    0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF};

#define CS_WORD_MASK 0xFFFFFFFF

/* Compilers turn this into one load and a byte swap. */
static inline uint64_t cs_be64(const uint8_t *q) {
    return (uint64_t)q[0] << 56 | (uint64_t)q[1] << 48 | (uint64_t)q[2] << 40 |
           (uint64_t)q[3] << 32 | (uint64_t)q[4] << 24 | (uint64_t)q[5] << 16 |
           (uint64_t)q[6] << 8 | (uint64_t)q[7];
}

static inline void cs_load_be(uint64_t *out, const uint8_t *be, unsigned n) {
    for (unsigned i = 0; i < n; i++) {
        out[i] = cs_be64(be + (size_t)(n - 1 - i) * 8);
    }
}

/* r = a + b mod p for a, b < p. */
static inline void cs_add_mod(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *p,
                              unsigned n) {
    uint64_t carry = 0;
    for (unsigned i = 0; i < n; i++) {
        cs_u128 s = (cs_u128)a[i] + b[i] + carry;
        r[i] = (uint64_t)s;
        carry = (uint64_t)(s >> 64);
    }
    if (carry != 0 || cs_limbs_geq(r, p, n)) {
        cs_limbs_sub(r, r, p, n);
    }
}

/* r = a b, 2n limbs, column by column (Comba) with a three-limb accumulator. */
static inline __attribute__((always_inline)) void cs_mul_comba(uint64_t *r, const uint64_t *a,
                                                               const uint64_t *b, unsigned n) {
    uint64_t lo = 0, hi = 0, top = 0;
#pragma GCC unroll 12
    for (unsigned k = 0; k + 1 < 2 * n; k++) {
        unsigned first = k < n ? 0 : k - n + 1, last = k < n ? k : n - 1;
#pragma GCC unroll 6
        for (unsigned i = first; i <= last; i++) {
            cs_u128 sum = (cs_u128)hi << 64 | lo;
            top += __builtin_add_overflow(sum, (cs_u128)a[i] * b[k - i], &sum);
            lo = (uint64_t)sum;
            hi = (uint64_t)(sum >> 64);
        }
        r[k] = lo;
        lo = hi;
        hi = top;
        top = 0;
    }
    r[2 * n - 1] = lo;
}

/* r = a^2, 2n limbs, column by column like cs_mul_comba, each product a_i a_j (i < j) computed
 * once and added twice. */
static inline __attribute__((always_inline)) void cs_sqr_comba(uint64_t *r, const uint64_t *a,
                                                               unsigned n) {
    uint64_t lo = 0, hi = 0, top = 0;
#pragma GCC unroll 12
    for (unsigned k = 0; k + 1 < 2 * n; k++) {
        unsigned first = k < n ? 0 : k - n + 1;
#pragma GCC unroll 6
        for (unsigned i = first; i < k - i; i++) {
            cs_u128 prod = (cs_u128)a[i] * a[k - i];
            cs_u128 sum = (cs_u128)hi << 64 | lo;
            top += __builtin_add_overflow(sum, prod, &sum);
            top += __builtin_add_overflow(sum, prod, &sum);
            lo = (uint64_t)sum;
            hi = (uint64_t)(sum >> 64);
        }
        if (k % 2 == 0) {
            cs_u128 sum = (cs_u128)hi << 64 | lo;
            top += __builtin_add_overflow(sum, (cs_u128)a[k / 2] * a[k / 2], &sum);
            lo = (uint64_t)sum;
            hi = (uint64_t)(sum >> 64);
        }
        r[k] = lo;
        lo = hi;
        hi = top;
        top = 0;
    }
    r[2 * n - 1] = lo;
}

/* Splits 2n limbs into 4n signed 32-bit words, the unit of the reduction formulas. */
static inline void cs_words(int64_t *w, const uint64_t *t, unsigned n) {
    for (unsigned i = 0; i < 2 * n; i++) {
        w[2 * i] = (int64_t)(t[i] & CS_WORD_MASK);
        w[2 * i + 1] = (int64_t)(t[i] >> 32);
    }
}

/* Brings k signed words into [0, 2^32) each and returns what overflows the top word, signed.
 * `>>` of a negative number is an arithmetic shift on every compiler certscan supports (gcc and
 * clang document it). */
static inline int64_t cs_carry(int64_t *w, unsigned k) {
    for (unsigned i = 0; i + 1 < k; i++) {
        w[i + 1] += w[i] >> 32;
        w[i] &= CS_WORD_MASK;
    }
    int64_t top = w[k - 1] >> 32;
    w[k - 1] &= CS_WORD_MASK;
    return top;
}

/* Packs 2n words below 2^32 each into limbs: a number below 2^(64n), so below 2p, but not
 * necessarily below p. */
static inline void cs_pack(uint64_t *r, const int64_t *w, unsigned n) {
    for (unsigned i = 0; i < n; i++) {
        r[i] = (uint64_t)w[2 * i] | (uint64_t)w[2 * i + 1] << 32;
    }
}

/* r = c mod p256, possibly plus p, for the 16 signed words c (each within +-2^34): Guide to ECC,
 * algorithm 2.29, written term by term as the book lists s1..s9 so that it reads against it. */
static void cs_p256_reduce_words(uint64_t r[4], const int64_t c[16]) {
    int64_t w[8];
    for (unsigned i = 0; i < 8; i++) { /* s1 */
        w[i] = c[i];
    }
    for (unsigned i = 3; i < 8; i++) { /* 2 s2 = 2 (c15, c14, c13, c12, c11, 0, 0, 0) */
        w[i] += 2 * c[i + 8];
    }
    for (unsigned i = 3; i < 7; i++) { /* 2 s3 = 2 (0, c15, c14, c13, c12, 0, 0, 0) */
        w[i] += 2 * c[i + 9];
    }
    /* s4 = (c15, c14, 0, 0, 0, c10, c9, c8) */
    w[0] += c[8], w[1] += c[9], w[2] += c[10], w[6] += c[14], w[7] += c[15];
    /* s5 = (c8, c13, c15, c14, c13, c11, c10, c9) */
    w[0] += c[9], w[1] += c[10], w[2] += c[11], w[3] += c[13];
    w[4] += c[14], w[5] += c[15], w[6] += c[13], w[7] += c[8];
    /* - s6 = (c10, c8, 0, 0, 0, c13, c12, c11) */
    w[0] -= c[11], w[1] -= c[12], w[2] -= c[13], w[6] -= c[8], w[7] -= c[10];
    /* - s7 = (c11, c9, 0, 0, c15, c14, c13, c12) */
    w[0] -= c[12], w[1] -= c[13], w[2] -= c[14], w[3] -= c[15], w[6] -= c[9], w[7] -= c[11];
    /* - s8 = (c12, 0, c10, c9, c8, c15, c14, c13) */
    w[0] -= c[13], w[1] -= c[14], w[2] -= c[15], w[3] -= c[8];
    w[4] -= c[9], w[5] -= c[10], w[7] -= c[12];
    /* - s9 = (c13, 0, c11, c10, c9, 0, c15, c14) */
    w[0] -= c[14], w[1] -= c[15], w[3] -= c[9], w[4] -= c[10], w[5] -= c[11], w[7] -= c[13];
    /* What overflows 2^256 folds back as 2^256 = 2^224 - 2^192 - 2^96 + 1 (mod p): each fold
     * moves the value by a multiple of p towards [0, 2^256), at most twice. */
    for (int64_t top = cs_carry(w, 8); top != 0; top = cs_carry(w, 8)) {
        w[0] += top, w[3] -= top, w[6] -= top, w[7] += top;
    }
    cs_pack(r, w, 4);
}

/* r = c mod p384, possibly plus p, for the 24 signed words c (each within +-2^34): Guide to ECC,
 * algorithm 2.30, term by term. */
static void cs_p384_reduce_words(uint64_t r[6], const int64_t c[24]) {
    int64_t w[12];
    for (unsigned i = 0; i < 12; i++) { /* T, then S2 = (c23, ..., c12) */
        w[i] = c[i] + c[i + 12];
    }
    /* 2 S1 = 2 (0, 0, 0, 0, 0, c23, c22, c21, 0, 0, 0, 0) */
    w[4] += 2 * c[21], w[5] += 2 * c[22], w[6] += 2 * c[23];
    /* S3 = (c20, c19, c18, c17, c16, c15, c14, c13, c12, c23, c22, c21) */
    w[0] += c[21], w[1] += c[22], w[2] += c[23];
    for (unsigned i = 3; i < 12; i++) {
        w[i] += c[i + 9];
    }
    /* S4 = (c19, c18, c17, c16, c15, c14, c13, c12, c20, 0, c23, 0) */
    w[1] += c[23], w[3] += c[20];
    for (unsigned i = 4; i < 12; i++) {
        w[i] += c[i + 8];
    }
    /* S5 = (0, 0, 0, 0, c23, c22, c21, c20, 0, 0, 0, 0) */
    w[4] += c[20], w[5] += c[21], w[6] += c[22], w[7] += c[23];
    /* S6 = (0, 0, 0, 0, 0, 0, c23, c22, c21, 0, 0, c20) */
    w[0] += c[20], w[3] += c[21], w[4] += c[22], w[5] += c[23];
    /* - D1 = (c22, c21, c20, c19, c18, c17, c16, c15, c14, c13, c12, c23) */
    w[0] -= c[23];
    for (unsigned i = 1; i < 12; i++) {
        w[i] -= c[i + 11];
    }
    /* - D2 = (0, 0, 0, 0, 0, 0, 0, c23, c22, c21, c20, 0) */
    w[1] -= c[20], w[2] -= c[21], w[3] -= c[22], w[4] -= c[23];
    /* - D3 = (0, 0, 0, 0, 0, 0, 0, c23, c23, 0, 0, 0) */
    w[3] -= c[23], w[4] -= c[23];
    /* 2^384 = 2^128 + 2^96 - 2^32 + 1 (mod p). */
    for (int64_t top = cs_carry(w, 12); top != 0; top = cs_carry(w, 12)) {
        w[0] += top, w[1] -= top, w[3] += top, w[4] += top;
    }
    cs_pack(r, w, 6);
}

typedef void cs_reduce_words_fn(uint64_t *r, const int64_t *c);

/* y^2 = x^3 - 3x + b as (x^2 mod p) x - 3x + b - y^2 = 0 (mod p): the two products of 2n limbs
 * and the small terms are combined word by word (signed) before one reduction, so the check
 * needs two reductions for three multiplications, and no Montgomery radix to balance between
 * the sides. Neither reduction needs its result below p: x^2 mod p only has to fit n limbs, and
 * the last one is 0 mod p when it is 0 or p. */
static inline __attribute__((always_inline)) int
cs_on_curve_n(const cs_ec_nist *c, const uint8_t *xy, unsigned n, cs_reduce_words_fn *reduce) {
    uint64_t x[CS_EC_NIST_MAX_LIMBS], y[CS_EC_NIST_MAX_LIMBS], u[CS_EC_NIST_MAX_LIMBS];
    uint64_t xx[2 * CS_EC_NIST_MAX_LIMBS], yy[2 * CS_EC_NIST_MAX_LIMBS];
    int64_t words[4 * CS_EC_NIST_MAX_LIMBS];
    cs_load_be(x, xy, n);
    cs_load_be(y, xy + 8 * n, n);
    if (cs_limbs_geq(x, c->p, n) || cs_limbs_geq(y, c->p, n)) {
        return 0;
    }
    cs_sqr_comba(xx, x, n);
    cs_words(words, xx, n);
    reduce(u, words);
    cs_mul_comba(xx, u, x, n);
    cs_sqr_comba(yy, y, n);
    for (unsigned i = 0; i < 2 * n; i++) {
        words[2 * i] = (int64_t)(xx[i] & CS_WORD_MASK) - (int64_t)(yy[i] & CS_WORD_MASK);
        words[2 * i + 1] = (int64_t)(xx[i] >> 32) - (int64_t)(yy[i] >> 32);
    }
    for (unsigned i = 0; i < n; i++) {
        words[2 * i] += (int64_t)(c->b[i] & CS_WORD_MASK) - 3 * (int64_t)(x[i] & CS_WORD_MASK);
        words[2 * i + 1] += (int64_t)(c->b[i] >> 32) - 3 * (int64_t)(x[i] >> 32);
    }
    reduce(u, words);
    uint64_t zero = 0, p = 0;
    for (unsigned i = 0; i < n; i++) {
        zero |= u[i];
        p |= u[i] ^ c->p[i];
    }
    return zero == 0 || p == 0;
}

int cs_ec_nist_init(cs_ec_nist *c, const uint8_t *p_be, const uint8_t *a_be, const uint8_t *b_be,
                    size_t len) {
    memset(c, 0, sizeof *c);
    unsigned n = len == 32 ? 4 : len == 48 ? 6 : 0;
    if (n == 0) {
        return 0;
    }
    cs_load_be(c->p, p_be, n);
    if (memcmp(c->p, n == 4 ? cs_p256 : cs_p384, n * sizeof c->p[0]) != 0) {
        return 0;
    }
    cs_load_be(c->a, a_be, n);
    cs_load_be(c->b, b_be, n);
    uint64_t three[CS_EC_NIST_MAX_LIMBS] = {3}, a_plus_3[CS_EC_NIST_MAX_LIMBS];
    cs_add_mod(a_plus_3, c->a, three, c->p, n);
    uint64_t nonzero = 0;
    for (unsigned i = 0; i < n; i++) {
        nonzero |= a_plus_3[i];
    }
    if (cs_limbs_geq(c->a, c->p, n) || cs_limbs_geq(c->b, c->p, n) || nonzero != 0) {
        return 0; /* the check below knows a = -3 */
    }
    c->n = n;
    return 1;
}

/* Out of line so that profiles show its cost (and the LTO build measured no slower). */
__attribute__((noinline)) int cs_ec_nist_on_curve(const cs_ec_nist *c, const uint8_t *xy) {
    switch (c->n) {
    case 4:
        return cs_on_curve_n(c, xy, 4, cs_p256_reduce_words);
    case 6:
        return cs_on_curve_n(c, xy, 6, cs_p384_reduce_words);
    default:
        return 0;
    }
}

void cs_ec_nist_reduce(const cs_ec_nist *c, uint64_t *r, const uint64_t *t) {
    int64_t words[4 * CS_EC_NIST_MAX_LIMBS];
    cs_words(words, t, c->n);
    if (c->n == 4) {
        cs_p256_reduce_words(r, words);
    } else if (c->n == 6) {
        cs_p384_reduce_words(r, words);
    }
    if (cs_limbs_geq(r, c->p, c->n)) {
        cs_limbs_sub(r, r, c->p, c->n);
    }
}
