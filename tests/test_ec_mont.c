/* EC point validity in fixed-size limbs (scanner/ec_mont.h) must agree with OpenSSL's BIGNUM
 * arithmetic on every curve certscan checks: real keys are on their curve, keys with a
 * corrupted coordinate are not, and coordinates at or above p are rejected. */
#include <criterion/criterion.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <string.h>

#include "scanner/ec_mont.h"
#include "scanner/facts_algs.h"

static size_t ec_public_point(EVP_PKEY *pkey, uint8_t *out, size_t cap) {
    size_t len = 0;
    cr_assert(EVP_PKEY_get_octet_string_param(pkey, "encoded-pub-key", out, cap, &len));
    return len;
}

static int ec_both_ways(cs_curve_id curve, const uint8_t *point, size_t len) {
    cs_der p = cs_der_make(point, len);
    cs_algs_ec_use_bignum(1);
    int slow = cs_algs_ec_point_on_curve(curve, p);
    cs_algs_ec_use_bignum(0);
    int fast = cs_algs_ec_point_on_curve(curve, p);
    cr_assert_eq(fast, slow, "curve %d: limbs say %d, BIGNUM says %d", (int)curve, fast, slow);
    return fast;
}

Test(ec_mont, agrees_with_openssl_on_every_curve, .timeout = 60) {
    static const struct {
        cs_curve_id curve;
        const char *name;
    } curves[] = {
        {CS_CURVE_P256, "P-256"},
        {CS_CURVE_P384, "P-384"},
        {CS_CURVE_P521, "P-521"},
        {CS_CURVE_P224, "P-224"},
        {CS_CURVE_SECP256K1, "secp256k1"},
        {CS_CURVE_BRAINPOOL_P256R1, "brainpoolP256r1"},
        {CS_CURVE_BRAINPOOL_P384R1, "brainpoolP384r1"},
        {CS_CURVE_BRAINPOOL_P512R1, "brainpoolP512r1"},
    };
    for (size_t c = 0; c < sizeof curves / sizeof curves[0]; c++) {
        for (int k = 0; k < 20; k++) {
            EVP_PKEY *pkey = EVP_EC_gen(curves[c].name);
            cr_assert_not_null(pkey, "%s", curves[c].name);
            uint8_t point[200];
            size_t len = ec_public_point(pkey, point, sizeof point);
            EVP_PKEY_free(pkey);
            cr_assert_eq(point[0], 0x04);
            cr_assert_eq(ec_both_ways(curves[c].curve, point, len), 1, "%s key %d", curves[c].name,
                         k);
            /* Flip one bit of y, then of x: no longer on the curve (with overwhelming
             * probability, and both implementations must agree either way). */
            point[len - 1 - (size_t)k % 8] ^= (uint8_t)(1u << (k % 8));
            cr_assert_eq(ec_both_ways(curves[c].curve, point, len), 0, "%s key %d", curves[c].name,
                         k);
            point[len - 1 - (size_t)k % 8] ^= (uint8_t)(1u << (k % 8));
            point[1 + (size_t)k] ^= 0x10;
            cr_assert_eq(ec_both_ways(curves[c].curve, point, len), 0, "%s key %d", curves[c].name,
                         k);
            /* A coordinate of all ones is at or above p for every curve here. */
            size_t field = (len - 1) / 2;
            memset(point + 1, 0xFF, field);
            cr_assert_eq(ec_both_ways(curves[c].curve, point, len), 0, "%s", curves[c].name);
        }
    }
}

/* The arithmetic itself against small numbers worked by hand: p = 2^64 - 59 (prime). */
Test(ec_mont, multiplies_and_adds_modulo_p) {
    static const uint8_t p_be[] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xC5};
    cs_mont m;
    cr_assert(cs_mont_init(&m, p_be, sizeof p_be));
    cr_assert_eq(m.n, 1);
    cr_assert_eq(m.p[0] * (0 - m.n0), 1, "n0 is -p^-1 mod 2^64");
    uint64_t a[1] = {0}, b[1] = {0}, r[1];
    static const uint8_t big[] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xC4};
    cr_assert(cs_mont_load(&m, a, big, sizeof big)); /* p - 1 */
    cr_assert_not(cs_mont_load(&m, b, p_be, sizeof p_be), "p itself is not below p");
    b[0] = 2;
    cs_mont_add(&m, r, a, b); /* (p - 1) + 2 = 1 mod p */
    cr_assert_eq(r[0], 1);
    /* mont(a, b) = a b R^-1: multiplying the result by R (= 2^64 = 59 mod p) gives a b. */
    uint64_t x[1] = {1000003}, y[1] = {999983}, fifty_nine_squared[1] = {59 * 59};
    cs_mont_mul(&m, r, x, y);
    cs_mont_mul(&m, r, r, fifty_nine_squared); /* r = x y R^-1 * 59^2 * R^-1 = x y */
    cr_assert_eq(r[0], (uint64_t)1000003 * 999983);
}
