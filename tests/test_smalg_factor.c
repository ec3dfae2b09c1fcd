/* The RSA small-prime-factor check (smime.key.rsa_small_factor) against OpenSSL's BN_mod_word
 * on random moduli of every length, each vector level the CPU has, and the fold boundaries. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/rand.h>

#include "scanner/der.h"
#include "scanner/smalg_factor.h"

static unsigned primes_below_752[200];
static size_t prime_count;

static void fill_primes(void) {
    prime_count = 0;
    for (unsigned p = 2; p < 752; p++) {
        int prime = 1;
        for (unsigned q = 2; q * q <= p; q++) {
            if (p % q == 0) {
                prime = 0;
                break;
            }
        }
        if (prime) {
            primes_below_752[prime_count++] = p;
        }
    }
}

/* The smallest prime below 752 dividing n, or 0. */
static unsigned oracle(const BIGNUM *n) {
    for (size_t i = 0; i < prime_count; i++) {
        if (BN_mod_word(n, primes_below_752[i]) == 0) {
            return primes_below_752[i];
        }
    }
    return 0;
}

static void check(const BIGNUM *n, int level, const char *what) {
    uint8_t buf[1024];
    int len = BN_bn2bin(n, buf + 1);
    buf[0] = 0; /* a leading zero octet, as in a DER INTEGER with the top bit set */
    unsigned want = oracle(n), got = 0;
    int hit = cs_smalg_rsa_small_factor(cs_der_make(buf, (size_t)len + 1), &got);
    cr_assert_eq(hit, want != 0, "%s, level %d, %d octets: found %d, expected %u", what, level, len,
                 hit, want);
    if (want != 0) {
        cr_assert_eq(got, want, "%s, level %d, %d octets: prime %u, expected %u", what, level, len,
                     got, want);
    }
}

static void random_odd(BIGNUM *n, int bits) {
    /* Odd and with no small factor most of the time, like a real modulus. */
    cr_assert(BN_rand(n, bits, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ODD));
}

Test(smalg_factor, every_length_and_prime_at_every_level) {
    fill_primes();
    int top = cs_smalg_factor_set_simd(99);
    BIGNUM *n = BN_new();
    for (int level = 0; level <= top; level++) {
        cr_assert_eq(cs_smalg_factor_set_simd(level), level);
        /* 8 to 4200 bits: the table path (up to 128 limbs) and the octet loop beyond it; every
         * limb count crosses the fold every 7 limbs differently. */
        for (int bits = 8; bits <= 4200; bits += 8) {
            random_odd(n, bits);
            check(n, level, "random");
            unsigned p = primes_below_752[(size_t)bits % prime_count];
            cr_assert(BN_mul_word(n, p));
            check(n, level, "times a small prime");
        }
        /* Every prime, including the largest, on 2048- and 4096-bit moduli. */
        for (size_t i = 0; i < prime_count; i++) {
            random_odd(n, i % 2 ? 2048 : 4096);
            cr_assert(BN_mul_word(n, primes_below_752[i]));
            check(n, level, "every prime");
        }
    }
    cs_smalg_factor_set_simd(top);
    BN_free(n);
}

Test(smalg_factor, all_ones_limbs_fill_the_lanes) {
    /* Every octet 0xff maximises each product, the case the fold bound is written for. */
    fill_primes();
    int top = cs_smalg_factor_set_simd(99);
    BIGNUM *n = BN_new();
    uint8_t ff[512];
    memset(ff, 0xff, sizeof ff);
    for (int level = 0; level <= top; level++) {
        cs_smalg_factor_set_simd(level);
        for (size_t len = 1; len <= sizeof ff; len++) {
            cr_assert_not_null(BN_bin2bn(ff, (int)len, n));
            check(n, level, "all ones");
        }
    }
    cs_smalg_factor_set_simd(top);
    BN_free(n);
}

Test(smalg_factor, zero_and_empty_have_no_factor_reported) {
    const uint8_t zeros[4] = {0};
    unsigned p = 0;
    cr_assert_eq(cs_smalg_rsa_small_factor(cs_der_make(zeros, sizeof zeros), &p), 0);
    cr_assert_eq(cs_smalg_rsa_small_factor(cs_der_make(zeros, 0), &p), 0);
}
