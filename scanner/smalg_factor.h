#ifndef CS_SMALG_FACTOR_H
#define CS_SMALG_FACTOR_H

#include "scanner/der.h"

/* RSA modulus (big-endian octets, leading zero octets allowed) divisible by a prime below 752
 * (NIST SP 800-89 §5.3.3); writes the smallest such prime to *out_prime. Kept out of the
 * extractor: rules call it only for S/MIME subscribers. Thread safe. */
int cs_smalg_rsa_small_factor(cs_der modulus, unsigned *out_prime);

/* Caps the vector unit the trial division uses: 0 portable C, 1 AVX2, 2 AVX-512 (by default
 * the highest the CPU has). A level the CPU lacks is lowered to one it has; returns the level in
 * effect. For tests and benchmarks comparing the two in one binary. */
int cs_smalg_factor_set_simd(int level);

#endif
