/* Little-endian arrays of 64-bit limbs: the comparisons and subtraction both field-arithmetic
 * paths of the on-curve check use (scanner/ec_mont.c, scanner/ec_nist.c). */
#ifndef CS_LIMBS_H
#define CS_LIMBS_H

#include <stdint.h>

/* a >= b over n limbs. */
static inline int cs_limbs_geq(const uint64_t *a, const uint64_t *b, unsigned n) {
    for (unsigned i = n; i-- > 0;) {
        if (a[i] != b[i]) {
            return a[i] > b[i];
        }
    }
    return 1;
}

/* r = a - b over n limbs (modulo 2^64n); returns the borrow. r may alias a or b. */
static inline uint64_t cs_limbs_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, unsigned n) {
    uint64_t borrow = 0;
    for (unsigned i = 0; i < n; i++) {
        uint64_t d = a[i] - b[i];
        uint64_t out = d - borrow;
        borrow = (a[i] < b[i]) | (d < borrow);
        r[i] = out;
    }
    return borrow;
}

#endif
