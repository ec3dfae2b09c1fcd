#include "scanner/ec_mont.h"
#include "scanner/limbs.h"

#include <string.h>

__extension__ typedef unsigned __int128 cs_u128;

static int cs_mont_read(uint64_t *out, unsigned n, const uint8_t *be, size_t len) {
    if (len > (size_t)n * 8) {
        return 0;
    }
    if (len == (size_t)n * 8) {
        for (unsigned i = 0; i < n; i++) {
            const uint8_t *q = be + (size_t)(n - 1 - i) * 8;
            uint64_t w = 0;
            for (unsigned k = 0; k < 8; k++) {
                w = w << 8 | q[k];
            }
            out[i] = w;
        }
        return 1;
    }
    memset(out, 0, n * sizeof out[0]);
    for (size_t i = 0; i < len; i++) {
        size_t bit = (len - 1 - i) * 8;
        out[bit / 64] |= (uint64_t)be[i] << (bit % 64);
    }
    return 1;
}

int cs_mont_init(cs_mont *m, const uint8_t *p_be, size_t len) {
    size_t n = (len + 7) / 8;
    if (n == 0 || n > CS_MONT_MAX_LIMBS) {
        return 0;
    }
    m->n = (unsigned)n;
    cs_mont_read(m->p, m->n, p_be, len);
    uint64_t p0 = m->p[0];
    if ((p0 & 1) == 0) {
        return 0;
    }
    /* Newton's iteration for p0^-1 mod 2^64: p0 is its own inverse mod 8, and each step
     * doubles the bits that are right (3, 6, 12, 24, 48, 96). */
    uint64_t inv = p0;
    for (int i = 0; i < 5; i++) {
        inv *= 2 - p0 * inv;
    }
    m->n0 = (uint64_t)0 - inv;
    return 1;
}

int cs_mont_load(const cs_mont *m, uint64_t *out, const uint8_t *be, size_t len) {
    return cs_mont_read(out, m->n, be, len) && !cs_limbs_geq(out, m->p, m->n);
}

/* Coarsely integrated operand scanning (Koc, Acar and Kaliski, 1996): one pass of multiply and
 * reduce per limb of b, so the intermediate needs only n + 2 limbs. */
static inline __attribute__((always_inline)) void
cs_mont_mul_n(const cs_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *b, unsigned n) {
    uint64_t t[CS_MONT_MAX_LIMBS + 2] = {0};
#pragma GCC unroll 9
    for (unsigned i = 0; i < n; i++) {
        cs_u128 c = 0;
#pragma GCC unroll 9
        for (unsigned j = 0; j < n; j++) {
            c += (cs_u128)a[j] * b[i] + t[j];
            t[j] = (uint64_t)c;
            c >>= 64;
        }
        c += t[n];
        t[n] = (uint64_t)c;
        t[n + 1] = (uint64_t)(c >> 64);
        uint64_t q = t[0] * m->n0;
        c = (cs_u128)q * m->p[0] + t[0];
        c >>= 64;
#pragma GCC unroll 9
        for (unsigned j = 1; j < n; j++) {
            c += (cs_u128)q * m->p[j] + t[j];
            t[j - 1] = (uint64_t)c;
            c >>= 64;
        }
        c += t[n];
        t[n - 1] = (uint64_t)c;
        t[n] = t[n + 1] + (uint64_t)(c >> 64);
    }
    /* t < 2p: one conditional subtraction. */
    if (t[n] != 0 || cs_limbs_geq(t, m->p, n)) {
        cs_limbs_sub(t, t, m->p, n);
    }
    memcpy(r, t, n * sizeof r[0]);
}

/* The common field sizes get their own copy with n fixed, which the compiler unrolls into
 * straight-line code: five times fewer instructions than the loop. */
void cs_mont_mul(const cs_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *b) {
    switch (m->n) {
    case 4: /* P-256, brainpoolP256r1, secp256k1, P-224 */
        cs_mont_mul_n(m, r, a, b, 4);
        break;
    case 6: /* P-384, brainpoolP384r1 */
        cs_mont_mul_n(m, r, a, b, 6);
        break;
    default:
        cs_mont_mul_n(m, r, a, b, m->n);
        break;
    }
}

void cs_mont_add(const cs_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *b) {
    const unsigned n = m->n;
    uint64_t s[CS_MONT_MAX_LIMBS];
    uint64_t carry = 0;
    for (unsigned i = 0; i < n; i++) {
        uint64_t x = a[i] + carry;
        uint64_t c1 = x < carry;
        uint64_t y = x + b[i];
        carry = c1 | (y < x);
        s[i] = y;
    }
    if (carry != 0 || cs_limbs_geq(s, m->p, n)) {
        cs_limbs_sub(s, s, m->p, n);
    }
    memcpy(r, s, n * sizeof r[0]);
}
