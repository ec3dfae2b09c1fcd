/* Is a public key's point on P-256 or P-384? These two curves carry nearly every EC key in the
 * Web PKI, and their primes are sums of a few powers of two (NIST "generalized Mersenne"
 * primes), so a product reduces modulo p with a fixed pattern of word additions (Solinas 1999;
 * Hankerson, Menezes and Vanstone, Guide to ECC, algorithms 2.29 and 2.30) instead of a
 * Montgomery multiplication per reduction. The numbers stay in plain form, which also lets
 * the check below combine both sides of the equation before its last reduction: three
 * multiplications (two of them squarings) and two reductions per point, about a third of the
 * instructions of the generic Montgomery path (scanner/ec_mont.h), which every other curve
 * keeps.
 *
 * The curve's a and b still come from OpenSSL (scanner/facts_algs.c), and the test suite
 * compares the reduction and the check with OpenSSL's BIGNUM arithmetic. Public keys only:
 * nothing here is constant-time. Numbers are little-endian arrays of 64-bit limbs. */
#ifndef CS_EC_NIST_H
#define CS_EC_NIST_H

#include <stddef.h>
#include <stdint.h>

#define CS_EC_NIST_MAX_LIMBS 6 /* P-384 */

typedef struct cs_ec_nist {
    unsigned n; /* limbs of the field: 4 for P-256, 6 for P-384 */
    uint64_t p[CS_EC_NIST_MAX_LIMBS];
    uint64_t a[CS_EC_NIST_MAX_LIMBS], b[CS_EC_NIST_MAX_LIMBS];
} cs_ec_nist;

/* Prepares the check for y^2 = x^3 + ax + b over GF(p), all three given big-endian in `len`
 * octets. Returns 0 (and the caller keeps its generic path) unless p is the prime of P-256 or
 * P-384, a = -3 (as on both curves) and b is below p. */
int cs_ec_nist_init(cs_ec_nist *c, const uint8_t *p_be, const uint8_t *a_be, const uint8_t *b_be,
                    size_t len);

/* 1 when the point whose coordinates x then y are given big-endian in 8n octets each lies on
 * the curve; 0 when it does not or a coordinate is not below p. */
int cs_ec_nist_on_curve(const cs_ec_nist *c, const uint8_t *xy);

/* r = t mod p, fully reduced, for t of 2n limbs: exposed for the tests. */
void cs_ec_nist_reduce(const cs_ec_nist *c, uint64_t *r, const uint64_t *t);

#endif
