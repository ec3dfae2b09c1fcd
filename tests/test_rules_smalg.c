/* The smalg rules (SBR 6.1.5, 6.1.6, 7.1.3 algorithms and keys; 7.1.2.1, 7.1.2.2, 7.1.5 S/MIME
 * CA certificates) on generated certificates that pass and fail each, for every profile. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "scanner/der.h"
#include "scanner/x509_ext.h"
#include "rules/rule.h"
#include "scanner/engine.h"
#include "scanner/smalg_factor.h"
#include "tests/support/derb.h"
#include "tests/support/tcert_algs.h"
#include "tests/support/tcert_smalg.h"

#define OID_RSA       "1.2.840.113549.1.1.1"
#define OID_PSS       "1.2.840.113549.1.1.10"
#define OID_SHA1_RSA  "1.2.840.113549.1.1.5"
#define OID_SHA256RSA "1.2.840.113549.1.1.11"
#define OID_EC        "1.2.840.10045.2.1"
#define OID_P224      "1.3.132.0.33"
#define OID_P256      "1.2.840.10045.3.1.7"
#define OID_P384      "1.3.132.0.34"
#define OID_P521      "1.3.132.0.35"
#define OID_ECDSA256  "1.2.840.10045.4.3.2"
#define OID_ECDSA384  "1.2.840.10045.4.3.3"
#define OID_ECDSA512  "1.2.840.10045.4.3.4"
#define OID_X25519    "1.3.101.110"
#define OID_ED25519   "1.3.101.112"
#define OID_MLDSA44   "2.16.840.1.101.3.4.3.17"
#define OID_HASHMLDSA "2.16.840.1.101.3.4.3.32"
#define OID_MLKEM768  "2.16.840.1.101.3.4.4.2"
#define OID_MAIL      "1.3.6.1.5.5.7.3.4"
#define OID_SERVER    "1.3.6.1.5.5.7.3.1"
#define OID_ANY_EKU   "2.5.29.37.0"
#define OID_ANY_POL   "2.5.29.32.0"

#define NB_PRE_SBR "230801000000Z" /* before SBR v1.0.0 */
#define NB_PRE_PQC "250101000000Z"
#define NB_PQC     "250901000000Z"
#define NB_SHA1    "261001000000Z" /* after SMC016 */

static const uint8_t null_tlv[] = {0x05, 0x00};

static const char *pname(cs_profile p) {
    return cs_profile_name(p);
}

#define FIRES(s, a, id)                                                                            \
    cr_assert_eq(tsm_fires(&(s), a, id, NULL), 1, "%s should fire (%s)", id, ctx)
#define PASSES(s, a, id)                                                                           \
    cr_assert_eq(tsm_fires(&(s), a, id, NULL), 0, "%s should not fire (%s)", id, ctx)

/* ---- pieces ---- */

static void spki_curve(tder *out, const char *curve_oid, const char *group) {
    tder alg, point;
    tder_alg_curve(&alg, OID_EC, curve_oid);
    tder_ec_point(&point, group, 0);
    tder_spki(out, &alg, point.b, point.len, 0);
}

static void spki_raw(tder *out, const char *oid, const void *params, size_t params_len,
                     size_t key_len) {
    tder alg, key;
    tder_alg(&alg, oid, params, params_len);
    tder_fill(&key, key_len);
    tder_spki(out, &alg, key.b, key.len, 0);
}

static void spki_rsa(tder *out, const void *n, size_t n_len, const void *e, size_t e_len,
                     int with_null) {
    tder alg, key;
    tder_alg(&alg, OID_RSA, with_null ? null_tlv : NULL, with_null ? sizeof null_tlv : 0);
    tder_rsa_key(&key, n, n_len, e, e_len);
    tder_spki(out, &alg, key.b, key.len, 0);
}

/* An odd modulus of `bits` bits with its top bit set, positive (0x00 pad when needed). */
static size_t modulus(uint8_t *out, unsigned bits, uint8_t fill) {
    size_t n = (bits + 7) / 8;
    unsigned top = bits - (unsigned)(n - 1) * 8; /* bits in the first octet */
    size_t o = 0;
    uint8_t first = (uint8_t)(1u << (top - 1));
    if (top == 8) {
        out[o++] = 0x00;
    }
    out[o++] = first | (top > 1 ? 1 : 0);
    for (size_t i = 1; i < n; i++) {
        out[o++] = fill;
    }
    out[o - 1] |= 1;
    return o;
}

static void sig_alg(tder *out, const char *oid, int with_null) {
    tder_alg(out, oid, with_null ? null_tlv : NULL, with_null ? sizeof null_tlv : 0);
}

/* RSASSA-PSS-params with SHA-`bits`, MGF1 with the same hash, salt bits/8: the SBR encoding. */
static void sig_pss(tder *out, int hash_arc, unsigned salt) {
    char hash[32];
    snprintf(hash, sizeof hash, "2.16.840.1.101.3.4.2.%d", hash_arc);
    derb p;
    derb_init(&p);
    derb_open(&p, CS_DER_SEQUENCE);
    derb_open(&p, CS_DER_CONTEXT_CONS(0));
    derb_open(&p, CS_DER_SEQUENCE);
    derb_oid(&p, hash);
    derb_null(&p);
    derb_close(&p);
    derb_close(&p);
    derb_open(&p, CS_DER_CONTEXT_CONS(1));
    derb_open(&p, CS_DER_SEQUENCE);
    derb_oid(&p, "1.2.840.113549.1.1.8");
    derb_open(&p, CS_DER_SEQUENCE);
    derb_oid(&p, hash);
    derb_null(&p);
    derb_close(&p);
    derb_close(&p);
    derb_close(&p);
    derb_open(&p, CS_DER_CONTEXT_CONS(2));
    derb_int(&p, salt);
    derb_close(&p);
    derb_close(&p);
    tder_alg(out, OID_PSS, p.buf, p.len);
    derb_free(&p);
}

/* ---- clean certificates ---- */

Test(smalg, clean_subscribers_have_no_area_findings) {
    for (size_t i = 0; i < 13; i++) {
        tsm s;
        char first[128];
        tsm_subscriber(&s, tsm_profiles[i]);
        cr_assert_eq(tsm_area_findings(&s, NULL, first, sizeof first), 0, "%s: %s",
                     pname(tsm_profiles[i]), first);
        s.t.key_type = 1; /* RSA-2048 */
        tder sa;
        sig_alg(&sa, OID_SHA256RSA, 1);
        tcert_algs a = {.tbs_sig_alg = &sa, .sig_alg = &sa};
        cr_assert_eq(tsm_area_findings(&s, &a, first, sizeof first), 0, "%s RSA: %s",
                     pname(tsm_profiles[i]), first);
    }
}

Test(smalg, clean_ca_certificates_have_no_area_findings) {
    tsm s;
    char first[128];
    tsm_ca(&s);
    cr_assert_eq(tsm_area_findings(&s, NULL, first, sizeof first), 0, "sub CA: %s", first);
    tsm_root(&s);
    cr_assert_eq(tsm_area_findings(&s, NULL, first, sizeof first), 1, "root: %s", first);
    cr_assert_str_eq(first, "smime.ca.root_policies_present");
}

Test(smalg, non_smime_certificates_are_out_of_scope) {
    tsm s;
    tsm_subscriber(&s, CS_PROFILE_SMIME_MAILBOX_STRICT);
    tsm_drop(&s, "2.5.29.32");
    static const char *const server[] = {OID_SERVER};
    tsm_set_eku(&s, server, 1);
    tder k;
    spki_curve(&k, OID_P224, "P-224");
    tcert_algs a = {.spki = &k};
    const char *ctx = "TLS subscriber";
    PASSES(s, &a, "smime.alg.spki_encoding_pre_pqc");
    /* A CA with neither emailProtection nor an SBR policy is not an S/MIME CA. */
    tsm_ca(&s);
    tsm_set_eku(&s, server, 1);
    static const char *const tls_cp[] = {"2.23.140.1.2.2"};
    tsm_set_policies(&s, tls_cp, 1);
    ctx = "TLS CA";
    PASSES(s, &a, "smime.alg.spki_encoding_pre_pqc");
    PASSES(s, NULL, "smime.ca.eku_prohibited");
}

/* ---- 7.1.3.1 SubjectPublicKeyInfo ---- */

Test(smalg, spki_encoding_per_profile) {
    for (size_t i = 0; i < 13; i++) {
        cs_profile p = tsm_profiles[i];
        const char *ctx = pname(p);
        tsm s;
        tsm_subscriber(&s, p);
        tder k;
        tcert_algs a = {.spki = &k};
        /* P-224: never allowed. */
        spki_curve(&k, OID_P224, "P-224");
        FIRES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        PASSES(s, &a, "smime.alg.spki_encoding");
        tsm_set_not_before(&s, NB_PQC);
        FIRES(s, &a, "smime.alg.spki_encoding");
        PASSES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        tsm_set_not_before(&s, NB_PRE_SBR);
        PASSES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        tsm_set_not_before(&s, NB_PRE_PQC);
        /* Every classic encoding passes. */
        spki_curve(&k, OID_P384, "P-384");
        PASSES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        spki_curve(&k, OID_P521, "P-521");
        PASSES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        spki_raw(&k, OID_ED25519, NULL, 0, 32);
        PASSES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        /* RSA without its NULL, Ed25519 with one, X25519: not the fixed bytes. */
        uint8_t n[300];
        size_t nl = modulus(n, 2048, 0xA5);
        static const uint8_t e[] = {0x01, 0x00, 0x01};
        spki_rsa(&k, n, nl, e, sizeof e, 1);
        PASSES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        spki_rsa(&k, n, nl, e, sizeof e, 0);
        FIRES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        spki_raw(&k, OID_ED25519, null_tlv, sizeof null_tlv, 32);
        FIRES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        spki_raw(&k, OID_X25519, NULL, 0, 32);
        FIRES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        /* ML-DSA and ML-KEM: prohibited before SMC013, allowed from it. */
        spki_raw(&k, OID_MLDSA44, NULL, 0, 1312);
        FIRES(s, &a, "smime.alg.spki_encoding_pre_pqc");
        tsm_set_not_before(&s, NB_PQC);
        PASSES(s, &a, "smime.alg.spki_encoding");
        spki_raw(&k, OID_MLKEM768, NULL, 0, 1184);
        PASSES(s, &a, "smime.alg.spki_encoding");
        spki_raw(&k, OID_MLKEM768, null_tlv, sizeof null_tlv, 1184);
        FIRES(s, &a, "smime.alg.spki_encoding");
        spki_raw(&k, OID_HASHMLDSA, NULL, 0, 1312);
        FIRES(s, &a, "smime.alg.spki_encoding");
    }
}

Test(smalg, spki_encoding_ca_certificates) {
    const char *ctx = "CA";
    tsm s;
    tder k;
    tcert_algs a = {.spki = &k};
    spki_curve(&k, OID_P224, "P-224");
    tsm_ca(&s);
    FIRES(s, &a, "smime.alg.spki_encoding_pre_pqc");
    tsm_root(&s);
    FIRES(s, &a, "smime.alg.spki_encoding_pre_pqc");
    spki_curve(&k, OID_P256, "P-256");
    PASSES(s, &a, "smime.alg.spki_encoding_pre_pqc");
}

/* ---- 7.1.3.2 signature AlgorithmIdentifier ---- */

Test(smalg, signature_encoding_per_profile) {
    for (size_t i = 0; i < 13; i++) {
        cs_profile p = tsm_profiles[i];
        const char *ctx = pname(p);
        tsm s;
        tsm_subscriber(&s, p);
        tder sa;
        tcert_algs a = {.tbs_sig_alg = &sa, .sig_alg = &sa};
        sig_alg(&sa, OID_SHA1_RSA, 1);
        FIRES(s, &a, "smime.alg.signature_encoding_pre_pqc");
        tsm_set_not_before(&s, NB_PQC);
        FIRES(s, &a, "smime.alg.signature_encoding");
        tsm_set_not_before(&s, NB_PRE_SBR);
        PASSES(s, &a, "smime.alg.signature_encoding_pre_pqc");
        tsm_set_not_before(&s, NB_PRE_PQC);
        sig_alg(&sa, OID_SHA256RSA, 1);
        PASSES(s, &a, "smime.alg.signature_encoding_pre_pqc");
        sig_alg(&sa, OID_SHA256RSA, 0);
        FIRES(s, &a, "smime.alg.signature_encoding_pre_pqc");
        sig_alg(&sa, OID_ECDSA256, 1);
        FIRES(s, &a, "smime.alg.signature_encoding_pre_pqc");
        sig_alg(&sa, OID_ECDSA512, 0);
        PASSES(s, &a, "smime.alg.signature_encoding_pre_pqc");
        sig_pss(&sa, 1, 32);
        PASSES(s, &a, "smime.alg.signature_encoding_pre_pqc");
        sig_pss(&sa, 3, 64);
        PASSES(s, &a, "smime.alg.signature_encoding_pre_pqc");
        sig_pss(&sa, 1, 20); /* salt not the SBR value */
        FIRES(s, &a, "smime.alg.signature_encoding_pre_pqc");
        sig_alg(&sa, OID_MLDSA44, 0);
        FIRES(s, &a, "smime.alg.signature_encoding_pre_pqc");
        tsm_set_not_before(&s, NB_PQC);
        PASSES(s, &a, "smime.alg.signature_encoding");
        sig_alg(&sa, OID_HASHMLDSA, 0);
        FIRES(s, &a, "smime.alg.signature_encoding");
        /* Only the outer signatureAlgorithm is wrong. */
        tder good;
        sig_alg(&good, OID_ECDSA256, 0);
        sig_alg(&sa, OID_ECDSA256, 1);
        tcert_algs outer = {.tbs_sig_alg = &good, .sig_alg = &sa};
        FIRES(s, &outer, "smime.alg.signature_encoding");
    }
}

Test(smalg, sha1_signature_from_smc016) {
    for (size_t i = 0; i < 13; i++) {
        const char *ctx = pname(tsm_profiles[i]);
        tsm s;
        tsm_subscriber(&s, tsm_profiles[i]);
        tder sa;
        tcert_algs a = {.tbs_sig_alg = &sa, .sig_alg = &sa};
        sig_alg(&sa, OID_SHA1_RSA, 1);
        tsm_set_not_before(&s, NB_SHA1);
        s.t.not_after = "270101000000Z";
        FIRES(s, &a, "smime.alg.sha1_signature");
        tsm_set_not_before(&s, NB_PQC);
        PASSES(s, &a, "smime.alg.sha1_signature");
        tsm_set_not_before(&s, NB_SHA1);
        sig_alg(&sa, OID_SHA256RSA, 1);
        PASSES(s, &a, "smime.alg.sha1_signature");
    }
}

Test(smalg, signature_key_mismatch_on_self_signed) {
    const char *ctx = "root";
    tsm s;
    tsm_root(&s);
    tder sa, k;
    tcert_algs a = {.tbs_sig_alg = &sa, .sig_alg = &sa};
    sig_alg(&sa, OID_ECDSA256, 0);
    PASSES(s, &a, "smime.alg.signature_key_mismatch");
    sig_alg(&sa, OID_ECDSA384, 0);
    FIRES(s, &a, "smime.alg.signature_key_mismatch");
    sig_alg(&sa, OID_SHA256RSA, 1);
    FIRES(s, &a, "smime.alg.signature_key_mismatch");
    spki_curve(&k, OID_P384, "P-384");
    tcert_algs b = {.spki = &k, .tbs_sig_alg = &sa, .sig_alg = &sa};
    sig_alg(&sa, OID_ECDSA384, 0);
    PASSES(s, &b, "smime.alg.signature_key_mismatch");
    /* Not judged on certificates whose issuer key is unknown. */
    tsm_ca(&s);
    ctx = "sub CA";
    sig_alg(&sa, OID_ECDSA384, 0);
    PASSES(s, &a, "smime.alg.signature_key_mismatch");
}

/* ---- 6.1.5 / 6.1.6 keys ---- */

Test(smalg, rsa_modulus_size_per_profile) {
    static const uint8_t e[] = {0x01, 0x00, 0x01};
    static const struct {
        unsigned bits;
        int fires;
    } cases[] = {{2048, 0}, {3072, 0}, {4096, 0}, {2056, 0}, {2040, 1}, {2049, 1}, {1024, 1}};
    for (size_t i = 0; i < 13; i++) {
        const char *ctx = pname(tsm_profiles[i]);
        tsm s;
        tsm_subscriber(&s, tsm_profiles[i]);
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            uint8_t n[600];
            size_t nl = modulus(n, cases[c].bits, 0xA5);
            tder k;
            spki_rsa(&k, n, nl, e, sizeof e, 1);
            tcert_algs a = {.spki = &k};
            cr_assert_eq(tsm_fires(&s, &a, "smime.key.rsa_modulus_size", NULL), cases[c].fires,
                         "%s, %u bits", ctx, cases[c].bits);
        }
        uint8_t n[600];
        size_t nl = modulus(n, 2040, 0xA5);
        tder k;
        spki_rsa(&k, n, nl, e, sizeof e, 1);
        tcert_algs a = {.spki = &k};
        tsm_set_not_before(&s, NB_PRE_SBR);
        PASSES(s, &a, "smime.key.rsa_modulus_size");
    }
}

Test(smalg, rsa_exponent_per_profile) {
    static const struct {
        uint8_t e[40];
        size_t len;
        int prohibited, range;
    } cases[] = {
        {{0x01, 0x00, 0x01}, 3, 0, 0},
        {{0x03}, 1, 0, 1},
        {{0x01}, 1, 1, 0},
        {{0x01, 0x00, 0x00}, 3, 1, 0},
        {{0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01},
         33,
         0,
         1},
        {{0x7F, 0xFF, 0xFF, 0xFF, 0xFF}, 5, 0, 0},
    };
    for (size_t i = 0; i < 13; i++) {
        const char *ctx = pname(tsm_profiles[i]);
        tsm s;
        tsm_subscriber(&s, tsm_profiles[i]);
        uint8_t n[300];
        size_t nl = modulus(n, 2048, 0xA5);
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            tder k;
            spki_rsa(&k, n, nl, cases[c].e, cases[c].len, 1);
            tcert_algs a = {.spki = &k};
            cr_assert_eq(tsm_fires(&s, &a, "smime.key.rsa_exponent_prohibited", NULL),
                         cases[c].prohibited, "%s case %zu", ctx, c);
            cr_assert_eq(tsm_fires(&s, &a, "smime.key.rsa_exponent_range", NULL), cases[c].range,
                         "%s case %zu", ctx, c);
        }
        tder k;
        spki_rsa(&k, n, nl, cases[2].e, cases[2].len, 1);
        tcert_algs a = {.spki = &k};
        tsm_set_not_before(&s, NB_PRE_SBR);
        PASSES(s, &a, "smime.key.rsa_exponent_prohibited");
    }
}

Test(smalg, rsa_small_factor_per_profile) {
    static const uint8_t e[] = {0x01, 0x00, 0x01};
    for (size_t i = 0; i < 13; i++) {
        const char *ctx = pname(tsm_profiles[i]);
        tsm s;
        tsm_subscriber(&s, tsm_profiles[i]);
        /* 2^2048 - 1 is divisible by 3. */
        uint8_t n[300];
        n[0] = 0;
        memset(n + 1, 0xFF, 256);
        tder k;
        spki_rsa(&k, n, 257, e, sizeof e, 1);
        tcert_algs a = {.spki = &k};
        FIRES(s, &a, "smime.key.rsa_small_factor");
        /* A real modulus from OpenSSL has none. */
        s.t.key_type = 1;
        PASSES(s, NULL, "smime.key.rsa_small_factor");
        tsm_set_not_before(&s, NB_PRE_SBR);
        s.t.key_type = 0;
        PASSES(s, &a, "smime.key.rsa_small_factor");
    }
}

Test(smalg, rsa_small_factor_largest_prime) {
    /* A real modulus times 751, the largest prime in the table, and times 2 (the smallest). */
    EVP_PKEY *pkey = EVP_RSA_gen(2048);
    cr_assert_not_null(pkey);
    BIGNUM *n = NULL;
    cr_assert(EVP_PKEY_get_bn_param(pkey, "n", &n));
    uint8_t buf[300];
    int len = BN_bn2bin(n, buf);
    unsigned p = 0;
    cr_assert_eq(cs_smalg_rsa_small_factor(cs_der_make(buf, (size_t)len), &p), 0);
    cr_assert(BN_mul_word(n, 751));
    len = BN_bn2bin(n, buf);
    cr_assert_eq(cs_smalg_rsa_small_factor(cs_der_make(buf, (size_t)len), &p), 1);
    cr_assert_eq(p, 751u);
    cr_assert(BN_mul_word(n, 2));
    len = BN_bn2bin(n, buf);
    cr_assert_eq(cs_smalg_rsa_small_factor(cs_der_make(buf, (size_t)len), &p), 1);
    cr_assert_eq(p, 2u);
    BN_free(n);
    EVP_PKEY_free(pkey);
}

Test(smalg, ec_point_invalid_per_profile) {
    for (size_t i = 0; i < 13; i++) {
        const char *ctx = pname(tsm_profiles[i]);
        tsm s;
        tsm_subscriber(&s, tsm_profiles[i]);
        tder alg, k;
        tder_alg_curve(&alg, OID_EC, OID_P256);
        uint8_t point[65];
        point[0] = 0x04;
        memset(point + 1, 0x01, 64);
        tder_spki(&k, &alg, point, sizeof point, 0);
        tcert_algs a = {.spki = &k};
        FIRES(s, &a, "smime.key.ec_point_invalid");
        spki_curve(&k, OID_P256, "P-256");
        PASSES(s, &a, "smime.key.ec_point_invalid");
        tder_spki(&k, &alg, point, sizeof point, 0);
        tsm_set_not_before(&s, NB_PRE_SBR);
        PASSES(s, &a, "smime.key.ec_point_invalid");
    }
}

Test(smalg, key_rules_apply_to_ca_certificates) {
    const char *ctx = "sub CA";
    static const uint8_t e[] = {0x03};
    uint8_t n[300];
    size_t nl = modulus(n, 2040, 0xA5);
    tder k;
    spki_rsa(&k, n, nl, e, sizeof e, 1);
    tcert_algs a = {.spki = &k};
    tsm s;
    tsm_ca(&s);
    FIRES(s, &a, "smime.key.rsa_modulus_size");
    FIRES(s, &a, "smime.key.rsa_exponent_range");
}

/* ---- 7.1.2.1 / 7.1.2.2 / 7.1.5: S/MIME CA certificates ---- */

typedef void (*mutate_fn)(tsm *s);

static void drop_bc_crit(tsm *s) {
    tsm_set_critical(s, "2.5.29.19", 0);
}
static void drop_ku(tsm *s) {
    tsm_drop(s, "2.5.29.15");
}
static void ku_not_critical(tsm *s) {
    tsm_set_critical(s, "2.5.29.15", 0);
}
static void ku_no_crl(tsm *s) {
    static const uint8_t v[] = {0x03, 0x02, 0x02, 0x04}; /* keyCertSign only */
    tsm_set_ext(s, "2.5.29.15", v, sizeof v);
}
static void drop_ski(tsm *s) {
    tsm_drop(s, "2.5.29.14");
}
static void ski_critical(tsm *s) {
    tsm_set_critical(s, "2.5.29.14", 1);
}
static void no_org_subject(tsm *s) {
    s->t.subject_cn = NULL;
}
static void drop_cp(tsm *s) {
    static const char *const mail[] = {OID_MAIL};
    tsm_set_eku(s, mail, 1);
    tsm_drop(s, "2.5.29.32");
}
static void cp_critical(tsm *s) {
    tsm_set_critical(s, "2.5.29.32", 1);
}
static void cp_private(tsm *s) {
    static const char *const cp[] = {"1.3.6.1.4.1.99999.1"};
    tsm_set_policies(s, cp, 1);
}
static void cp_any(tsm *s) {
    static const char *const cp[] = {OID_ANY_POL};
    tsm_set_policies(s, cp, 1);
}
static void cp_cps_ldap(tsm *s) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "2.23.140.1.5.1.3");
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "1.3.6.1.5.5.7.2.1");
    derb_str(&b, CS_DER_IA5STRING, "ldap://cps.example.com/");
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    tsm_set_ext(s, "2.5.29.32", b.buf, b.len);
    derb_free(&b);
}
static void drop_crldp(tsm *s) {
    tsm_drop(s, "2.5.29.31");
}
static void crldp_critical(tsm *s) {
    tsm_set_critical(s, "2.5.29.31", 1);
}
static void crldp_ldap(tsm *s) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_CONTEXT_CONS(0));
    derb_open(&b, CS_DER_CONTEXT_CONS(0));
    derb_str(&b, CS_DER_CONTEXT(6), "ldap://crl.example.com/cn=CA?certificateRevocationList");
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    tsm_set_ext(s, "2.5.29.31", b.buf, b.len);
    derb_free(&b);
}
static void drop_aia(tsm *s) {
    tsm_drop(s, "1.3.6.1.5.5.7.1.1");
}
static void aia_critical(tsm *s) {
    tsm_set_critical(s, "1.3.6.1.5.5.7.1.1", 1);
}
static void aia_ocsp_only(tsm *s) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "1.3.6.1.5.5.7.48.1");
    derb_str(&b, CS_DER_CONTEXT(6), "http://ocsp.example.com/");
    derb_close(&b);
    derb_close(&b);
    tsm_set_ext(s, "1.3.6.1.5.5.7.1.1", b.buf, b.len);
    derb_free(&b);
}
static void nc(tsm *s, const char *rfc822, int with_dir, int critical) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_CONTEXT_CONS(0));
    derb_open(&b, CS_DER_SEQUENCE);
    derb_str(&b, CS_DER_CONTEXT(1), rfc822);
    derb_close(&b);
    if (with_dir) {
        derb_open(&b, CS_DER_SEQUENCE);
        derb_open(&b, CS_DER_CONTEXT_CONS(4));
        derb_open(&b, CS_DER_SEQUENCE);
        derb_open(&b, CS_DER_SET);
        derb_open(&b, CS_DER_SEQUENCE);
        derb_oid(&b, "2.5.4.10");
        derb_str(&b, CS_DER_UTF8STRING, "Example");
        derb_close(&b);
        derb_close(&b);
        derb_close(&b);
        derb_close(&b);
        derb_close(&b);
    }
    derb_close(&b);
    derb_close(&b);
    tsm_set_ext(s, "2.5.29.30", b.buf, b.len);
    tsm_set_critical(s, "2.5.29.30", critical);
    derb_free(&b);
}
static void nc_good(tsm *s) {
    nc(s, ".example.com", 1, 1);
}
static void nc_not_critical(tsm *s) {
    nc(s, ".example.com", 1, 0);
}
static void nc_no_dir(tsm *s) {
    nc(s, ".example.com", 0, 1);
}
static void nc_mailbox(tsm *s) {
    nc(s, "alice@example.com", 1, 1);
}
static void drop_eku(tsm *s) {
    tsm_drop(s, "2.5.29.37");
}
static void eku_critical(tsm *s) {
    tsm_set_critical(s, "2.5.29.37", 1);
}
static void eku_client_only(tsm *s) {
    static const char *const eku[] = {"1.3.6.1.5.5.7.3.2"};
    tsm_set_eku(s, eku, 1);
}
static void eku_server(tsm *s) {
    static const char *const eku[] = {OID_MAIL, OID_SERVER};
    tsm_set_eku(s, eku, 2);
}
static void eku_any(tsm *s) {
    static const char *const eku[] = {OID_MAIL, OID_ANY_EKU};
    tsm_set_eku(s, eku, 2);
}
static void drop_aki(tsm *s) {
    tsm_drop(s, "2.5.29.35");
}
static void aki_critical(tsm *s) {
    tsm_set_critical(s, "2.5.29.35", 1);
}
static void aki_serial_only(tsm *s) {
    static const uint8_t v[] = {0x30, 0x03, 0x82, 0x01, 0x05};
    tsm_set_ext(s, "2.5.29.35", v, sizeof v);
}
static void aki_with_serial(tsm *s) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    static const uint8_t id[4] = {1, 2, 3, 4};
    derb_prim(&b, CS_DER_CONTEXT(0), id, sizeof id);
    derb_open(&b, CS_DER_CONTEXT_CONS(1));
    derb_open(&b, CS_DER_CONTEXT_CONS(4));
    derb_open(&b, CS_DER_SEQUENCE);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    static const uint8_t serial[1] = {5};
    derb_prim(&b, CS_DER_CONTEXT(2), serial, sizeof serial);
    derb_close(&b);
    tsm_set_ext(s, "2.5.29.35", b.buf, b.len);
    derb_free(&b);
}
static void root_path_len(tsm *s) {
    static const uint8_t v[] = {0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0x00};
    tsm_set_ext(s, "2.5.29.19", v, sizeof v);
}
static void root_eku(tsm *s) {
    static const char *const mail[] = {OID_MAIL};
    tsm_set_eku(s, mail, 1);
}
static void root_no_cp(tsm *s) {
    tsm_drop(s, "2.5.29.32");
}
static void root_eku_no_cp(tsm *s) {
    root_eku(s);
    root_no_cp(s);
}
static void root_add_cp(tsm *s) {
    static const char *const cp[] = {"2.23.140.1.5.2.3"};
    tsm_set_policies(s, cp, 1);
}

typedef struct ca_case {
    const char *rule;
    int root;        /* 1: mutate the root, 0: the subordinate CA */
    mutate_fn bad;   /* makes the rule fire */
    mutate_fn ok;    /* a nearby variant that must not make it fire (may be NULL) */
    mutate_fn setup; /* applied to the base certificate first (may be NULL) */
} ca_case;

static const ca_case ca_cases[] = {
    {"smime.ca.bc_not_critical", 0, drop_bc_crit, NULL, NULL},
    {"smime.ca.bc_not_critical", 1, drop_bc_crit, NULL, NULL},
    {"smime.ca.root_path_len", 1, root_path_len, NULL, NULL},
    {"smime.ca.ku_missing", 0, drop_ku, NULL, NULL},
    {"smime.ca.ku_missing", 1, drop_ku, NULL, NULL},
    {"smime.ca.ku_not_critical", 0, ku_not_critical, NULL, NULL},
    {"smime.ca.ku_not_critical", 1, ku_not_critical, NULL, NULL},
    {"smime.ca.ku_cert_crl_sign", 0, ku_no_crl, NULL, NULL},
    {"smime.ca.ku_cert_crl_sign", 1, ku_no_crl, NULL, NULL},
    {"smime.ca.root_policies_present", 1, root_add_cp, NULL, root_eku_no_cp},
    {"smime.ca.root_eku_present", 1, root_eku, root_no_cp, NULL},
    {"smime.ca.ski_missing", 0, drop_ski, NULL, NULL},
    {"smime.ca.ski_missing", 1, drop_ski, NULL, NULL},
    {"smime.ca.ski_critical", 0, ski_critical, NULL, NULL},
    {"smime.ca.ski_critical", 1, ski_critical, NULL, NULL},
    {"smime.ca.subject_incomplete", 0, no_org_subject, NULL, NULL},
    {"smime.ca.policies_missing", 0, drop_cp, NULL, NULL},
    {"smime.ca.policies_critical", 0, cp_critical, NULL, NULL},
    {"smime.ca.policies_no_smime_oid", 0, cp_private, cp_any, NULL},
    {"smime.ca.policies_any_policy", 0, cp_any, cp_private, NULL},
    {"smime.ca.policies_qualifier", 0, cp_cps_ldap, NULL, NULL},
    {"smime.ca.crldp_missing", 0, drop_crldp, NULL, NULL},
    {"smime.ca.crldp_critical", 0, crldp_critical, NULL, NULL},
    {"smime.ca.crldp_no_http", 0, crldp_ldap, NULL, NULL},
    {"smime.ca.aia_missing", 0, drop_aia, aia_ocsp_only, NULL},
    {"smime.ca.aia_critical", 0, aia_critical, NULL, NULL},
    {"smime.ca.aia_no_http_ca_issuers", 0, aia_ocsp_only, NULL, NULL},
    {"smime.ca.nc_not_critical", 0, nc_not_critical, nc_good, NULL},
    {"smime.ca.eku_missing", 0, drop_eku, NULL, NULL},
    {"smime.ca.eku_critical", 0, eku_critical, NULL, NULL},
    {"smime.ca.eku_no_email_protection", 0, eku_client_only, NULL, NULL},
    {"smime.ca.eku_prohibited", 0, eku_server, NULL, NULL},
    {"smime.ca.eku_prohibited", 0, eku_any, NULL, NULL},
    {"smime.ca.aki_missing", 0, drop_aki, NULL, NULL},
    {"smime.ca.aki_critical", 0, aki_critical, NULL, NULL},
    {"smime.ca.aki_no_key_id", 0, aki_serial_only, NULL, NULL},
    {"smime.ca.aki_issuer_serial", 0, aki_with_serial, NULL, NULL},
    {"smime.ca.tc_name_constraints", 0, nc_no_dir, nc_good, NULL},
    {"smime.ca.tc_rfc822_mailbox", 0, nc_mailbox, nc_good, NULL},
};

Test(smalg, ca_rules_pass_and_fail) {
    for (size_t i = 0; i < sizeof ca_cases / sizeof ca_cases[0]; i++) {
        const ca_case *c = &ca_cases[i];
        char ctx[160];
        snprintf(ctx, sizeof ctx, "%s on the %s", c->rule, c->root ? "root" : "sub CA");
        tsm s;
        if (c->root) {
            tsm_root(&s);
        } else {
            tsm_ca(&s);
        }
        if (c->setup != NULL) {
            c->setup(&s);
        }
        PASSES(s, NULL, c->rule);
        if (c->ok != NULL) {
            c->ok(&s);
            PASSES(s, NULL, c->rule);
            if (c->root) {
                tsm_root(&s);
            } else {
                tsm_ca(&s);
            }
        }
        c->bad(&s);
        FIRES(s, NULL, c->rule);
        /* SBR CA profiles apply from v1.0.0: older CAs are Extant S/MIME CAs. */
        tsm_set_not_before(&s, NB_PRE_SBR);
        PASSES(s, NULL, c->rule);
    }
}

Test(smalg, ca_rules_do_not_apply_to_subscribers) {
    for (size_t i = 0; i < sizeof ca_cases / sizeof ca_cases[0]; i++) {
        for (size_t p = 0; p < 13; p++) {
            char ctx[160];
            snprintf(ctx, sizeof ctx, "%s on %s", ca_cases[i].rule, pname(tsm_profiles[p]));
            tsm s;
            tsm_subscriber(&s, tsm_profiles[p]);
            PASSES(s, NULL, ca_cases[i].rule);
        }
    }
}

Test(smalg, sha1_signed_ca_unexpired) {
    const char *ctx = "sub CA";
    tsm s;
    tsm_ca(&s);
    tder sa;
    tcert_algs a = {.tbs_sig_alg = &sa, .sig_alg = &sa};
    sig_alg(&sa, OID_SHA1_RSA, 1);
    tsm_set_not_before(&s, "150101000000Z");
    FIRES(s, &a, "smime.ca.sha1_unexpired");
    s.t.not_after = "260914000000Z";
    PASSES(s, &a, "smime.ca.sha1_unexpired");
    s.t.not_after = "340101000000Z";
    sig_alg(&sa, OID_SHA256RSA, 1);
    PASSES(s, &a, "smime.ca.sha1_unexpired");
}

Test(smalg, every_rule_is_tested) {
    /* Every rule of the area must be named, quoted, somewhere in this file's tests. */
    FILE *f = fopen(CS_SOURCE_DIR "/tests/test_rules_smalg.c", "rb");
    cr_assert_not_null(f);
    static char text[200000];
    size_t len = fread(text, 1, sizeof text - 1, f);
    text[len] = '\0';
    fclose(f);
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    cr_assert_not_null(rs);
    size_t mine = 0;
    for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
        const char *id = cs_ruleset_rule(rs, i)->id;
        if (strncmp(id, "smime.alg.", 10) && strncmp(id, "smime.key.", 10) &&
            strncmp(id, "smime.ca.", 9)) {
            continue;
        }
        char quoted[160];
        snprintf(quoted, sizeof quoted, "\"%s\"", id);
        const char *first = strstr(text, quoted);
        cr_assert_not_null(first, "%s has no test", id);
        mine++;
    }
    cr_assert_geq(mine, 40);
    cs_ruleset_free(rs);
}
