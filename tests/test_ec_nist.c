/* The P-256 and P-384 path (scanner/ec_nist.h) against OpenSSL: the reduction against BN_mod on
 * values chosen where a wrong word formula or carry would show (near multiples of p, at every
 * power of two, all-ones limbs, the largest products) and on random ones; the on-curve check
 * against EC_POINT_oct2point and certscan's BIGNUM path on generated keys, on valid points
 * with edge x coordinates, and on corrupted points. */
#include <criterion/criterion.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>
#include <string.h>

#include "scanner/ec_nist.h"
#include "scanner/facts_algs.h"

typedef struct nist_curve {
    int nid;
    const char *name;
    cs_curve_id id;
    size_t len; /* field octets */
} nist_curve;

static const nist_curve curves[] = {
    {NID_X9_62_prime256v1, "P-256", CS_CURVE_P256, 32},
    {NID_secp384r1, "P-384", CS_CURVE_P384, 48},
};

typedef struct fixture {
    EC_GROUP *group;
    BIGNUM *p, *a, *b;
    BN_CTX *ctx;
    cs_ec_nist nist;
} fixture;

static void fixture_make(fixture *f, const nist_curve *c) {
    f->ctx = BN_CTX_new();
    f->group = EC_GROUP_new_by_curve_name(c->nid);
    f->p = BN_new();
    f->a = BN_new();
    f->b = BN_new();
    cr_assert(f->ctx && f->group && f->p && f->a && f->b);
    cr_assert(EC_GROUP_get_curve(f->group, f->p, f->a, f->b, f->ctx));
    uint8_t p[48], a[48], b[48];
    cr_assert(BN_bn2binpad(f->p, p, (int)c->len) > 0);
    cr_assert(BN_bn2binpad(f->a, a, (int)c->len) > 0);
    cr_assert(BN_bn2binpad(f->b, b, (int)c->len) > 0);
    cr_assert(cs_ec_nist_init(&f->nist, p, a, b, c->len), "%s is recognised", c->name);
    cr_assert_eq(f->nist.n, c->len / 8);
}

static void fixture_free(fixture *f) {
    BN_free(f->p);
    BN_free(f->a);
    BN_free(f->b);
    EC_GROUP_free(f->group);
    BN_CTX_free(f->ctx);
}

/* Little-endian limbs <-> BIGNUM through big-endian octets. */
static void bn_to_limbs(uint64_t *limbs, unsigned count, const BIGNUM *v) {
    uint8_t be[96];
    cr_assert(BN_bn2binpad(v, be, (int)(count * 8)) > 0, "value fits %u limbs", count);
    for (unsigned i = 0; i < count; i++) {
        uint64_t w = 0;
        for (unsigned k = 0; k < 8; k++) {
            w = w << 8 | be[(count - 1 - i) * 8 + k];
        }
        limbs[i] = w;
    }
}

/* Reduces the 2n-limb value v both ways and compares; v must be below 2^(128n). */
static void check_reduce(fixture *f, const nist_curve *c, const BIGNUM *v, const char *what) {
    unsigned n = f->nist.n;
    uint64_t t[12], r[6], want[6];
    bn_to_limbs(t, 2 * n, v);
    BIGNUM *m = BN_new();
    cr_assert(BN_nnmod(m, v, f->p, f->ctx));
    bn_to_limbs(want, n, m);
    BN_free(m);
    cs_ec_nist_reduce(&f->nist, r, t);
    cr_assert(memcmp(r, want, n * sizeof r[0]) == 0, "%s: %s mod p (%s) differs from BN_nnmod",
              c->name, what, BN_bn2hex(v));
}

Test(ec_nist, reduction_agrees_with_bn_mod) {
    for (size_t ci = 0; ci < sizeof curves / sizeof curves[0]; ci++) {
        const nist_curve *c = &curves[ci];
        fixture f;
        fixture_make(&f, c);
        unsigned bits = (unsigned)(f.nist.n * 128);
        BIGNUM *v = BN_new(), *k = BN_new(), *top = BN_new();
        cr_assert(BN_set_bit(top, (int)bits)); /* 2^(128n), just above every input */
        /* Small multiples of p and their neighbours, then q p + r for q near p. */
        for (int q = 0; q < 8; q++) {
            for (int d = -2; d <= 2; d++) {
                BN_set_word(k, (BN_ULONG)q);
                BN_mul(v, f.p, k, f.ctx);
                if (d < 0) {
                    BN_sub_word(v, (BN_ULONG)-d);
                } else {
                    BN_add_word(v, (BN_ULONG)d);
                }
                if (!BN_is_negative(v)) {
                    check_reduce(&f, c, v, "small multiple of p");
                }
            }
        }
        for (int d = -3; d <= 3; d++) { /* (p - 1)^2 is the largest product of two residues */
            BN_copy(k, f.p);
            BN_add_word(k, (BN_ULONG)(3 + d));
            BN_sub_word(k, 4);
            BN_sqr(v, k, f.ctx);
            if (BN_cmp(v, top) < 0) {
                check_reduce(&f, c, v, "near p^2");
            }
        }
        /* Every power of two, one less, one more, and 2^i + p. */
        for (unsigned i = 0; i < bits; i++) {
            BN_zero(v);
            BN_set_bit(v, (int)i);
            check_reduce(&f, c, v, "2^i");
            BN_sub_word(v, 1);
            check_reduce(&f, c, v, "2^i - 1");
            BN_add_word(v, 2);
            check_reduce(&f, c, v, "2^i + 1");
            BN_sub_word(v, 1);
            BN_add(v, v, f.p);
            if (BN_cmp(v, top) < 0) {
                check_reduce(&f, c, v, "2^i + p");
            }
        }
        /* Limb and word patterns: all ones, alternating halves, one word set everywhere. */
        static const uint64_t patterns[] = {0xFFFFFFFFFFFFFFFF, 0xFFFFFFFF00000000,
                                            0x00000000FFFFFFFF, 0x8000000000000001,
                                            0x0000000100000000, 0x5555555555555555};
        for (size_t pi = 0; pi < sizeof patterns / sizeof patterns[0]; pi++) {
            for (unsigned mask = 0; mask < 4; mask++) { /* vary the low and high halves */
                uint8_t be[96];
                size_t len = f.nist.n * 16;
                for (size_t i = 0; i < len; i++) {
                    size_t limb = (len - 1 - i) / 8, shift = ((len - 1 - i) % 8) * 8;
                    int half_high = limb >= f.nist.n;
                    uint64_t w = (mask >> half_high) & 1 ? patterns[pi] : ~patterns[pi];
                    be[i] = (uint8_t)(w >> shift);
                }
                cr_assert_not_null(BN_bin2bn(be, (int)len, v));
                check_reduce(&f, c, v, "limb pattern");
            }
        }
        /* Random values of every length up to 2n limbs, and random products below p^2. */
        for (int i = 0; i < 20000; i++) {
            cr_assert(BN_rand(v, 1 + i % (int)bits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY));
            check_reduce(&f, c, v, "random");
            cr_assert(BN_rand_range(k, f.p));
            cr_assert(BN_rand_range(v, f.p));
            cr_assert(BN_mul(v, v, k, f.ctx));
            check_reduce(&f, c, v, "random product");
        }
        BN_free(v);
        BN_free(k);
        BN_free(top);
        fixture_free(&f);
    }
}

/* The point's verdict from cs_ec_nist_on_curve, from certscan's BIGNUM path, and from
 * EC_POINT_oct2point (which rejects an uncompressed point off the curve or with a coordinate
 * at or above p): all three must agree. */
static int verdict(fixture *f, const nist_curve *c, const uint8_t *point) {
    size_t len = 1 + 2 * c->len;
    int fast = cs_ec_nist_on_curve(&f->nist, point + 1);
    cs_algs_ec_use_bignum(1);
    int slow = cs_algs_ec_point_on_curve(c->id, cs_der_make(point, len));
    cs_algs_ec_use_bignum(0);
    int through_facts = cs_algs_ec_point_on_curve(c->id, cs_der_make(point, len));
    EC_POINT *pt = EC_POINT_new(f->group);
    int openssl = EC_POINT_oct2point(f->group, pt, point, len, f->ctx) == 1;
    ERR_clear_error();
    EC_POINT_free(pt);
    cr_assert_eq(fast, openssl, "%s: ec_nist says %d, EC_POINT_oct2point %d", c->name, fast,
                 openssl);
    cr_assert_eq(slow, openssl, "%s: BIGNUM path says %d", c->name, slow);
    cr_assert_eq(through_facts, openssl, "%s: facts path says %d", c->name, through_facts);
    return fast;
}

/* Writes the uncompressed encoding of the point with this x, if there is one on the curve. */
static int point_with_x(fixture *f, const nist_curve *c, const BIGNUM *x, int y_bit,
                        uint8_t *point) {
    EC_POINT *pt = EC_POINT_new(f->group);
    int ok = EC_POINT_set_compressed_coordinates(f->group, pt, x, y_bit, f->ctx) == 1 &&
             EC_POINT_point2oct(f->group, pt, POINT_CONVERSION_UNCOMPRESSED, point, 1 + 2 * c->len,
                                f->ctx) == 1 + 2 * c->len;
    ERR_clear_error();
    EC_POINT_free(pt);
    return ok;
}

static void set_coordinate(uint8_t *coord, const BIGNUM *v, size_t len) {
    cr_assert(BN_bn2binpad(v, coord, (int)len) > 0);
}

Test(ec_nist, on_curve_agrees_with_openssl, .timeout = 120) {
    for (size_t ci = 0; ci < sizeof curves / sizeof curves[0]; ci++) {
        const nist_curve *c = &curves[ci];
        fixture f;
        fixture_make(&f, c);
        size_t len = c->len, plen = 1 + 2 * len;
        uint8_t point[97], saved[97];
        BIGNUM *v = BN_new();
        int valid = 0, corrupted = 0;
        for (int k = 0; k < 300; k++) {
            EVP_PKEY *pkey = EVP_EC_gen(c->name);
            cr_assert_not_null(pkey);
            size_t got = 0;
            cr_assert(EVP_PKEY_get_octet_string_param(pkey, "encoded-pub-key", point, sizeof point,
                                                      &got));
            EVP_PKEY_free(pkey);
            cr_assert_eq(got, plen);
            cr_assert_eq(verdict(&f, c, point), 1, "%s key %d is on its curve", c->name, k);
            valid++;
            memcpy(saved, point, plen);
            /* -y is on the curve too. */
            BIGNUM *y = BN_bin2bn(point + 1 + len, (int)len, NULL);
            cr_assert(BN_sub(y, f.p, y));
            set_coordinate(point + 1 + len, y, len);
            cr_assert_eq(verdict(&f, c, point), 1, "%s key %d negated", c->name, k);
            /* y + p and x + p, when they still fit: the same residue, but not below p. */
            cr_assert(BN_add(y, y, f.p));
            if (BN_num_bytes(y) <= (int)len) {
                set_coordinate(point + 1 + len, y, len);
                cr_assert_eq(verdict(&f, c, point), 0, "%s y + p", c->name);
            }
            BN_free(y);
            memcpy(point, saved, plen);
            /* One flipped bit anywhere in x or y. */
            size_t byte = 1 + (size_t)k % (2 * len);
            point[byte] ^= (uint8_t)(1u << (k % 8));
            verdict(&f, c, point);
            corrupted++;
            memcpy(point, saved, plen);
            /* y = 0, x = 0, y = p, y = p - 1, y all ones. */
            memset(point + 1 + len, 0, len);
            cr_assert_eq(verdict(&f, c, point), 0);
            memcpy(point, saved, plen);
            memset(point + 1, 0, len);
            verdict(&f, c, point);
            memcpy(point, saved, plen);
            set_coordinate(point + 1 + len, f.p, len);
            cr_assert_eq(verdict(&f, c, point), 0);
            cr_assert(BN_copy(v, f.p) && BN_sub_word(v, 1));
            set_coordinate(point + 1 + len, v, len);
            verdict(&f, c, point);
            memset(point + 1 + len, 0xFF, len);
            cr_assert_eq(verdict(&f, c, point), 0);
            memcpy(point, saved, plen);
            set_coordinate(point + 1, f.p, len);
            cr_assert_eq(verdict(&f, c, point), 0);
            corrupted += 6;
        }
        /* Valid points whose x sits at the edges: 0, 1, 2^i, 2^i - 1, p - 1 - i. */
        int edge_points = 0;
        for (unsigned i = 0; i < 8 * len + 8; i++) {
            BIGNUM *x = BN_new();
            if (i < 8 * len) {
                BN_set_bit(x, (int)i);
                if (i % 2) {
                    BN_sub_word(x, 1);
                }
            } else {
                BN_copy(x, f.p);
                BN_sub_word(x, 1 + (i - 8 * len));
            }
            for (int bit = 0; bit < 2; bit++) {
                if (BN_cmp(x, f.p) < 0 && point_with_x(&f, c, x, bit, point)) {
                    cr_assert_eq(verdict(&f, c, point), 1, "%s edge x %u", c->name, i);
                    edge_points++;
                    point[plen - 1] ^= 1; /* y + 1 or y - 1: off the curve */
                    cr_assert_eq(verdict(&f, c, point), 0);
                }
            }
            BN_free(x);
        }
        cr_assert_gt(edge_points, 100, "%s: some edge x have a point", c->name);
        /* Random coordinates: almost never on the curve, and both must say so. */
        for (int k = 0; k < 2000; k++) {
            cr_assert(RAND_bytes(point + 1, (int)(2 * len)) == 1);
            point[0] = 0x04;
            if (k % 4 == 0) {
                memset(point + 1, 0xFF, 4); /* x at or above p more often */
            }
            verdict(&f, c, point);
        }
        cr_assert_gt(valid + corrupted, 0);
        BN_free(v);
        fixture_free(&f);
    }
}

Test(ec_nist, leaves_other_fields_to_the_generic_path) {
    static const int others[] = {NID_secp521r1, NID_secp224r1, NID_secp256k1, NID_brainpoolP256r1,
                                 NID_brainpoolP384r1};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        EC_GROUP *g = EC_GROUP_new_by_curve_name(others[i]);
        BIGNUM *p = BN_new(), *a = BN_new(), *b = BN_new();
        cr_assert(EC_GROUP_get_curve(g, p, a, b, NULL));
        uint8_t pb[66], ab[66], bb[66];
        int len = BN_num_bytes(p);
        cr_assert(BN_bn2binpad(p, pb, len) > 0 && BN_bn2binpad(a, ab, len) > 0 &&
                  BN_bn2binpad(b, bb, len) > 0);
        cs_ec_nist nist;
        cr_assert_not(cs_ec_nist_init(&nist, pb, ab, bb, (size_t)len), "curve nid %d", others[i]);
        BN_free(p);
        BN_free(a);
        BN_free(b);
        EC_GROUP_free(g);
    }
}
