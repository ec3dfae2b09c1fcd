/* Montgomery arithmetic modulo the prime of an elliptic curve's field, for one question: does a
 * public key's point lie on its curve? OpenSSL's BIGNUM functions answer it in about 5,000
 * instructions, most of them spent on the generality of BIGNUM; fixed-size limbs answer it in
 * about 2,200 (256-bit fields) to 4,600 (384-bit) with four multiplications. This is the path
 * for every curve but P-256 and P-384, which have their own reduction (scanner/ec_nist.h,
 * about a third of that). The curve's constants still come from OpenSSL
 * (scanner/facts_algs.c), and the test suite compares both on valid and corrupted points.
 *
 * Numbers are little-endian arrays of `n` 64-bit limbs, below p. R = 2^(64n), the radix
 * OpenSSL's BN_MONT_CTX uses for the same p, so constants prepared with it carry over. */
#ifndef CS_EC_MONT_H
#define CS_EC_MONT_H

#include <stddef.h>
#include <stdint.h>

#define CS_MONT_MAX_LIMBS 9 /* P-521 */

typedef struct cs_mont {
    unsigned n;
    uint64_t p[CS_MONT_MAX_LIMBS];
    uint64_t n0; /* -p^-1 mod 2^64 */
} cs_mont;

/* Prepares arithmetic modulo the odd prime p given big-endian; returns 0 when p is even or
 * longer than CS_MONT_MAX_LIMBS limbs. */
int cs_mont_init(cs_mont *m, const uint8_t *p_be, size_t len);

/* Reads a big-endian number of `len` octets (len <= 8n); returns 0 when it is not below p. */
int cs_mont_load(const cs_mont *m, uint64_t *out, const uint8_t *be, size_t len);

/* r = a b R^-1 mod p. r may alias a or b. */
void cs_mont_mul(const cs_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *b);

/* r = a + b mod p. r may alias a or b. */
void cs_mont_add(const cs_mont *m, uint64_t *r, const uint64_t *a, const uint64_t *b);

#endif
