/* Each algorithm rule (RFC 3279, 4055, 5480, 5758, 8410, 9295, 9881, 9935) on crafted
 * certificates that pass and that fail it. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"
#include "scanner/x509_ext.h"
#include "tests/support/derb.h"
#include "tests/support/lintone.h"
#include "tests/support/tcert.h"
#include "tests/support/tcert_algs.h"

#define OID_RSA        "1.2.840.113549.1.1.1"
#define OID_PSS        "1.2.840.113549.1.1.10"
#define OID_OAEP       "1.2.840.113549.1.1.7"
#define OID_MGF1       "1.2.840.113549.1.1.8"
#define OID_SHA1_RSA   "1.2.840.113549.1.1.5"
#define OID_SHA256_RSA "1.2.840.113549.1.1.11"
#define OID_MD5        "1.2.840.113549.2.5"
#define OID_SHA1       "1.3.14.3.2.26"
#define OID_SHA256     "2.16.840.1.101.3.4.2.1"
#define OID_SHA384     "2.16.840.1.101.3.4.2.2"
#define OID_EC         "1.2.840.10045.2.1"
#define OID_ECDH       "1.3.132.1.12"
#define OID_ECMQV      "1.3.132.1.13"
#define OID_P256       "1.2.840.10045.3.1.7"
#define OID_P384       "1.3.132.0.34"
#define OID_P521       "1.3.132.0.35"
#define OID_ECDSA_256  "1.2.840.10045.4.3.2"
#define OID_ECDSA_SHA1 "1.2.840.10045.4.1"
#define OID_DSA        "1.2.840.10040.4.1"
#define OID_DSA_SHA1   "1.2.840.10040.4.3"
#define OID_DSA_SHA224 "2.16.840.1.101.3.4.3.1"
#define OID_DSA_SHA256 "2.16.840.1.101.3.4.3.2"
#define OID_ED25519    "1.3.101.112"
#define OID_ED448      "1.3.101.113"
#define OID_X25519     "1.3.101.110"
#define OID_X448       "1.3.101.111"
#define OID_MLDSA44    "2.16.840.1.101.3.4.3.17"
#define OID_MLDSA65    "2.16.840.1.101.3.4.3.18"
#define OID_MLDSA87    "2.16.840.1.101.3.4.3.19"
#define OID_HASHMLDSA  "2.16.840.1.101.3.4.3.32"
#define OID_MLKEM512   "2.16.840.1.101.3.4.4.1"
#define OID_MLKEM768   "2.16.840.1.101.3.4.4.2"
#define OID_MLKEM1024  "2.16.840.1.101.3.4.4.3"

#define DS  CS_KU_DIGITAL_SIGNATURE
#define NR  CS_KU_NON_REPUDIATION
#define KE  CS_KU_KEY_ENCIPHERMENT
#define DE  CS_KU_DATA_ENCIPHERMENT
#define KA  CS_KU_KEY_AGREEMENT
#define KCS CS_KU_KEY_CERT_SIGN
#define CRL CS_KU_CRL_SIGN
#define EO  CS_KU_ENCIPHER_ONLY
#define DO  CS_KU_DECIPHER_ONLY

static const uint8_t null_tlv[] = {0x05, 0x00};
static const uint8_t bc_ca[] = {0x30, 0x03, 0x01, 0x01, 0xFF};

/* ---- builders ---- */

static void spki_rsa_with(tder *out, const char *oid, const void *params, size_t params_len) {
    tder alg, key;
    tder_alg(&alg, oid, params, params_len);
    tder_rsa_key_default(&key);
    tder_spki(out, &alg, key.b, key.len, 0);
}

static void spki_rsa(tder *out) {
    spki_rsa_with(out, OID_RSA, null_tlv, sizeof null_tlv);
}

static void spki_rsa_key(tder *out, const void *n, size_t n_len, const void *e, size_t e_len) {
    tder alg, key;
    tder_alg(&alg, OID_RSA, null_tlv, sizeof null_tlv);
    tder_rsa_key(&key, n, n_len, e, e_len);
    tder_spki(out, &alg, key.b, key.len, 0);
}

static void spki_ec_alg(tder *out, const char *alg_oid, const char *group, const char *curve_oid) {
    tder alg, point;
    tder_alg_curve(&alg, alg_oid, curve_oid);
    tder_ec_point(&point, group, 0);
    tder_spki(out, &alg, point.b, point.len, 0);
}

static void spki_ec(tder *out) {
    spki_ec_alg(out, OID_EC, "P-256", OID_P256);
}

static void spki_raw(tder *out, const char *oid, size_t key_len) {
    tder alg, key;
    tder_alg(&alg, oid, NULL, 0);
    tder_fill(&key, key_len);
    tder_spki(out, &alg, key.b, key.len, 0);
}

static void spki_dsa(tder *out, int with_params) {
    derb p;
    derb_init(&p);
    derb_open(&p, CS_DER_SEQUENCE);
    derb_int(&p, 0x7FFFFFFF);
    derb_int(&p, 0x7FFF);
    derb_int(&p, 5);
    derb_close(&p);
    tder alg, key;
    tder_alg(&alg, OID_DSA, with_params ? p.buf : NULL, p.len);
    derb_free(&p);
    derb y;
    derb_init(&y);
    derb_int(&y, 123456789);
    memcpy(key.b, y.buf, y.len);
    key.len = y.len;
    derb_free(&y);
    tder_spki(out, &alg, key.b, key.len, 0);
}

#define NO_KU 0x10000u

/* A certificate with this key and keyUsage (NO_KU: none), end entity or CA. */
static int lint_key(const tder *spki, unsigned ku_bits, int ca, const char *rule) {
    tcert t;
    tcert_defaults(&t);
    tder ku;
    if (ca) {
        tcert_add_ext(&t, "2.5.29.19", 1, bc_ca, sizeof bc_ca);
    }
    if (ku_bits != NO_KU) {
        tder_ku(&ku, ku_bits);
        tcert_add_ext(&t, "2.5.29.15", 1, ku.b, ku.len);
    }
    tcert_algs a = {.spki = spki};
    return tcert_algs_lint(&t, &a, rule);
}

static int lint_spki(const tder *spki, const char *rule) {
    return lint_key(spki, NO_KU, 0, rule);
}

/* A certificate signed with `sig_alg` (in both signature fields) and signature value `sig`. */
static int lint_sig(const tder *sig_alg, const tder *sig, unsigned unused, const char *rule) {
    tcert t;
    tcert_defaults(&t);
    tcert_algs a = {.tbs_sig_alg = sig_alg, .sig_alg = sig_alg, .sig = sig, .sig_unused = unused};
    return tcert_algs_lint(&t, &a, rule);
}

/* RSASSA-PSS-params; NULL / -1 leave a field out. */
static void pss_params(tder *out, const char *hash, const char *mgf, const char *mgf_hash,
                       long salt, long trailer) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    if (hash != NULL) {
        derb_open(&b, CS_DER_CONTEXT_CONS(0));
        derb_open(&b, CS_DER_SEQUENCE);
        derb_oid(&b, hash);
        derb_close(&b);
        derb_close(&b);
    }
    if (mgf != NULL) {
        derb_open(&b, CS_DER_CONTEXT_CONS(1));
        derb_open(&b, CS_DER_SEQUENCE);
        derb_oid(&b, mgf);
        derb_open(&b, CS_DER_SEQUENCE);
        derb_oid(&b, mgf_hash);
        derb_close(&b);
        derb_close(&b);
        derb_close(&b);
    }
    if (salt != -1) {
        derb_open(&b, CS_DER_CONTEXT_CONS(2));
        derb_int(&b, salt);
        derb_close(&b);
    }
    if (trailer != -1) {
        derb_open(&b, CS_DER_CONTEXT_CONS(3));
        derb_int(&b, trailer);
        derb_close(&b);
    }
    derb_close(&b);
    cr_assert_eq(b.failed, 0);
    memcpy(out->b, b.buf, b.len);
    out->len = b.len;
    derb_free(&b);
}

static void pss_sha256(tder *out) {
    pss_params(out, OID_SHA256, OID_MGF1, OID_SHA256, 32, -1);
}

static int lint_pss_spki(const tder *params, const char *rule) {
    tder spki;
    spki_rsa_with(&spki, OID_PSS, params != NULL ? params->b : NULL,
                  params != NULL ? params->len : 0);
    return lint_spki(&spki, rule);
}

static int lint_pss_sig(const tder *params, const char *rule) {
    tder alg, sig;
    tder_alg(&alg, OID_PSS, params != NULL ? params->b : NULL, params != NULL ? params->len : 0);
    tder_fill(&sig, 256);
    return lint_sig(&alg, &sig, 0, rule);
}

/* ---- clean certificates ---- */

Test(algs, clean_certificates_have_no_algorithm_findings) {
    tder spkis[12];
    int n = 0;
    spki_rsa(&spkis[n++]);
    spki_ec(&spkis[n++]);
    spki_ec_alg(&spkis[n++], OID_EC, "P-384", OID_P384);
    spki_ec_alg(&spkis[n++], OID_EC, "P-521", OID_P521);
    spki_raw(&spkis[n++], OID_ED25519, 32);
    spki_raw(&spkis[n++], OID_ED448, 57);
    spki_raw(&spkis[n++], OID_MLDSA44, 1312);
    spki_raw(&spkis[n++], OID_MLDSA87, 2592);
    spki_dsa(&spkis[n++], 1);
    tder pss;
    pss_sha256(&pss);
    spki_rsa_with(&spkis[n++], OID_PSS, pss.b, pss.len);
    spki_rsa_with(&spkis[n++], OID_PSS, NULL, 0);
    for (int i = 0; i < n; i++) {
        tcert t;
        tcert_defaults(&t);
        tcert_algs a = {.spki = &spkis[i]};
        char first[128];
        cr_assert_eq(tcert_algs_area_findings(&t, &a, first, sizeof first), 0, "key %d: %s", i,
                     first);
    }
    /* The tcert default RSA and Ed25519 keys, with their own signature algorithms. */
    tcert t;
    tcert_defaults(&t);
    t.key_type = 1;
    t.tbs_sig_oid = OID_SHA256_RSA;
    t.tbs_sig_null = 1;
    tder sig;
    tder_fill(&sig, 256);
    tcert_algs a = {.sig = &sig};
    cr_assert_eq(tcert_algs_area_findings(&t, &a, NULL, 0), 0);
    t.key_type = 2;
    t.tbs_sig_oid = OID_ED25519;
    t.tbs_sig_null = 0;
    tder_fill(&sig, 64);
    cr_assert_eq(tcert_algs_area_findings(&t, &a, NULL, 0), 0);
}

/* ---- RFC 3279: RSA ---- */

Test(algs, rsa_spki_params_not_null) {
    const char *rule = "rfc3279.rsa.spki_params_not_null";
    tder spki;
    spki_rsa(&spki);
    cr_assert_eq(lint_spki(&spki, rule), 0);
    spki_rsa_with(&spki, OID_RSA, NULL, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    static const uint8_t oid_params[] = {0x06, 0x01, 0x2A};
    spki_rsa_with(&spki, OID_RSA, oid_params, sizeof oid_params);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    /* id-RSASSA-PSS keys may omit their parameters: not this rule. */
    spki_rsa_with(&spki, OID_PSS, NULL, 0);
    cr_assert_eq(lint_spki(&spki, rule), 0);
    /* Before RFC 5280's date (zlint's effective date) the rule is not in force. */
    tcert t;
    tcert_defaults(&t);
    t.not_before = "070101000000Z";
    spki_rsa_with(&spki, OID_RSA, NULL, 0);
    tcert_algs a = {.spki = &spki};
    cr_assert_eq(tcert_algs_lint(&t, &a, rule), 0);
}

Test(algs, rsa_key_malformed) {
    const char *rule = "rfc3279.rsa.key_malformed";
    tder spki, alg, key;
    spki_rsa(&spki);
    cr_assert_eq(lint_spki(&spki, rule), 0);
    tder_alg(&alg, OID_RSA, null_tlv, sizeof null_tlv);
    static const uint8_t not_seq[] = {0x04, 0x02, 0x01, 0x02};
    tder_spki(&spki, &alg, not_seq, sizeof not_seq, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    tder_rsa_key_default(&key);
    key.b[key.len - 1] = 0x00; /* so that the unused bits are zero, as DER requires */
    tder_spki(&spki, &alg, key.b, key.len, 1);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    /* One INTEGER only. */
    static const uint8_t one_int[] = {0x30, 0x03, 0x02, 0x01, 0x05};
    tder_spki(&spki, &alg, one_int, sizeof one_int, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    /* The same structure rule holds for id-RSASSA-PSS keys. */
    tder_alg(&alg, OID_PSS, NULL, 0);
    tder_spki(&spki, &alg, not_seq, sizeof not_seq, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
}

Test(algs, rsa_modulus_and_exponent_positive) {
    static const uint8_t n_ok[] = {0x00, 0xC3, 0x11, 0x22, 0x33, 0x45};
    static const uint8_t n_neg[] = {0xC3, 0x11, 0x22, 0x33, 0x45};
    static const uint8_t n_zero[] = {0x00};
    static const uint8_t e_ok[] = {0x01, 0x00, 0x01};
    static const uint8_t e_neg[] = {0xFF};
    static const uint8_t e_zero[] = {0x00};
    tder spki;
    spki_rsa_key(&spki, n_ok, sizeof n_ok, e_ok, sizeof e_ok);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.modulus_not_positive"), 0);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_not_positive"), 0);
    spki_rsa_key(&spki, n_neg, sizeof n_neg, e_ok, sizeof e_ok);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.modulus_not_positive"), 1);
    spki_rsa_key(&spki, n_zero, sizeof n_zero, e_ok, sizeof e_ok);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.modulus_not_positive"), 1);
    spki_rsa_key(&spki, n_ok, sizeof n_ok, e_neg, sizeof e_neg);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_not_positive"), 1);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_even"), 0);
    spki_rsa_key(&spki, n_ok, sizeof n_ok, e_zero, sizeof e_zero);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_not_positive"), 1);
}

Test(algs, rsa_integer_not_minimal) {
    const char *rule = "rfc3279.rsa.integer_not_minimal";
    static const uint8_t n_ok[] = {0x00, 0xC3, 0x11, 0x22, 0x33, 0x45};
    static const uint8_t n_pad[] = {0x00, 0x43, 0x11, 0x22, 0x33, 0x45};
    static const uint8_t e_ok[] = {0x01, 0x00, 0x01};
    static const uint8_t e_pad[] = {0x00, 0x01, 0x00, 0x01};
    tder spki;
    spki_rsa_key(&spki, n_ok, sizeof n_ok, e_ok, sizeof e_ok);
    cr_assert_eq(lint_spki(&spki, rule), 0);
    spki_rsa_key(&spki, n_pad, sizeof n_pad, e_ok, sizeof e_ok);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    spki_rsa_key(&spki, n_ok, sizeof n_ok, e_pad, sizeof e_pad);
    cr_assert_eq(lint_spki(&spki, rule), 1);
}

Test(algs, rsa_exponent_even_and_below_3) {
    static const uint8_t n[] = {0x00, 0xC3, 0x11, 0x22, 0x33, 0x45};
    static const uint8_t e65537[] = {0x01, 0x00, 0x01};
    static const uint8_t e65536[] = {0x01, 0x00, 0x00};
    static const uint8_t e1[] = {0x01}, e2[] = {0x02}, e3[] = {0x03};
    tder spki;
    spki_rsa_key(&spki, n, sizeof n, e65537, sizeof e65537);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_even"), 0);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_below_3"), 0);
    spki_rsa_key(&spki, n, sizeof n, e65536, sizeof e65536);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_even"), 1);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_below_3"), 0);
    spki_rsa_key(&spki, n, sizeof n, e1, sizeof e1);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_below_3"), 1);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_even"), 0);
    spki_rsa_key(&spki, n, sizeof n, e2, sizeof e2);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_below_3"), 1);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_even"), 1);
    spki_rsa_key(&spki, n, sizeof n, e3, sizeof e3);
    cr_assert_eq(lint_spki(&spki, "rfc3279.rsa.exponent_below_3"), 0);
}

Test(algs, rsa_ku_not_allowed_ee) {
    const char *rule = "rfc3279.rsa.ku_not_allowed_ee";
    tder spki;
    spki_rsa(&spki);
    cr_assert_eq(lint_key(&spki, DS | NR | KE | DE, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, NO_KU, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, DS | KA, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, DS | CRL, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, DS | KCS, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, KA | DO, 0, rule), 1);
    /* A CA certificate is judged by the CA rule only. */
    cr_assert_eq(lint_key(&spki, KCS | CRL, 1, rule), 0);
    /* Only rsaEncryption keys. */
    tder ec;
    spki_ec(&ec);
    cr_assert_eq(lint_key(&ec, DS | KA, 0, rule), 0);
}

Test(algs, rsa_ku_not_allowed_ca) {
    const char *rule = "rfc3279.rsa.ku_not_allowed_ca";
    tder spki;
    spki_rsa(&spki);
    cr_assert_eq(lint_key(&spki, KCS | CRL | DS, 1, rule), 0);
    cr_assert_eq(lint_key(&spki, KCS | CRL | KE, 1, rule), 0);
    cr_assert_eq(lint_key(&spki, KCS | KA, 1, rule), 1);
    cr_assert_eq(lint_key(&spki, KCS | EO, 1, rule), 1);
    cr_assert_eq(lint_key(&spki, DS | KA, 0, rule), 0);
}

Test(algs, rsa_ku_encipherment_with_cert_sign) {
    const char *rule = "rfc3279.rsa.ku_encipherment_with_cert_sign";
    tder spki;
    spki_rsa(&spki);
    cr_assert_eq(lint_key(&spki, KCS | CRL, 1, rule), 0);
    cr_assert_eq(lint_key(&spki, KCS | KE, 1, rule), 1);
    cr_assert_eq(lint_key(&spki, CRL | DE, 1, rule), 1);
    cr_assert_eq(lint_key(&spki, DS | KE, 1, rule), 0);
}

/* ---- RFC 3279: DSA ---- */

Test(algs, dsa_params_and_key) {
    tder spki, alg;
    spki_dsa(&spki, 1);
    cr_assert_eq(lint_spki(&spki, "rfc3279.dsa.params_malformed"), 0);
    cr_assert_eq(lint_spki(&spki, "rfc3279.dsa.key_malformed"), 0);
    spki_dsa(&spki, 0);
    cr_assert_eq(lint_spki(&spki, "rfc3279.dsa.params_malformed"), 0);
    static const uint8_t y[] = {0x02, 0x02, 0x12, 0x34};
    tder_alg(&alg, OID_DSA, null_tlv, sizeof null_tlv);
    tder_spki(&spki, &alg, y, sizeof y, 0);
    cr_assert_eq(lint_spki(&spki, "rfc3279.dsa.params_malformed"), 1);
    static const uint8_t two_ints[] = {0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03};
    tder_alg(&alg, OID_DSA, two_ints, sizeof two_ints);
    tder_spki(&spki, &alg, y, sizeof y, 0);
    cr_assert_eq(lint_spki(&spki, "rfc3279.dsa.params_malformed"), 1);
    static const uint8_t octets[] = {0x04, 0x02, 0x12, 0x34};
    tder_alg(&alg, OID_DSA, NULL, 0);
    tder_spki(&spki, &alg, octets, sizeof octets, 0);
    cr_assert_eq(lint_spki(&spki, "rfc3279.dsa.key_malformed"), 1);
}

Test(algs, dsa_ku_not_allowed) {
    const char *rule = "rfc3279.dsa.ku_not_allowed";
    tder spki;
    spki_dsa(&spki, 1);
    cr_assert_eq(lint_key(&spki, DS | NR, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, DS | KE, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, DS | KCS, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, KCS | CRL | DS, 1, rule), 0);
    cr_assert_eq(lint_key(&spki, KCS | KA, 1, rule), 1);
}

Test(algs, dsa_signature_value_and_params) {
    static const uint8_t one[] = {0x01}, neg[] = {0x81}, zero[] = {0x00};
    static const uint8_t padded[] = {0x00, 0x01};
    tder alg, sig;
    tder_dss_sig(&sig, one, 1, one, 1);
    tder_alg(&alg, OID_DSA_SHA256, NULL, 0);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc3279.dsa.signature_value_malformed"), 0);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc5758.dsa.signature_params_present"), 0);
    tder_dss_sig(&sig, neg, 1, one, 1);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc3279.dsa.signature_value_malformed"), 1);
    tder_dss_sig(&sig, one, 1, zero, 1);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc3279.dsa.signature_value_malformed"), 1);
    tder_dss_sig(&sig, padded, 2, one, 1);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc3279.dsa.signature_value_malformed"), 1);
    tder_alg(&alg, OID_DSA_SHA256, null_tlv, sizeof null_tlv);
    tder_dss_sig(&sig, one, 1, one, 1);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc5758.dsa.signature_params_present"), 1);
    tder_alg(&alg, OID_DSA_SHA1, null_tlv, sizeof null_tlv);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc5758.dsa.signature_params_present"), 1);
    tder_alg(&alg, OID_DSA_SHA224, NULL, 0);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc5758.dsa.signature_params_present"), 0);
}

/* ---- RFC 4055 ---- */

Test(algs, rsa_signature_params_not_null) {
    const char *rule = "rfc4055.rsa.signature_params_not_null";
    tcert t;
    tcert_defaults(&t);
    t.key_type = 1;
    t.tbs_sig_oid = OID_SHA256_RSA;
    t.tbs_sig_null = 1;
    tder sig;
    tder_fill(&sig, 256);
    tcert_algs a = {.sig = &sig};
    cr_assert_eq(tcert_algs_lint(&t, &a, rule), 0);
    t.tbs_sig_null = 0;
    cr_assert_eq(tcert_algs_lint(&t, &a, rule), 1);
    /* Only the outer signatureAlgorithm without NULL. */
    t.tbs_sig_null = 1;
    t.sig_oid = OID_SHA256_RSA;
    t.sig_null = 0;
    cr_assert_eq(tcert_algs_lint(&t, &a, rule), 1);
    /* sha1WithRSAEncryption (RFC 3279 §2.2.1) likewise. */
    tder alg;
    static const uint8_t int_params[] = {0x02, 0x01, 0x00};
    tder_alg(&alg, OID_SHA1_RSA, int_params, sizeof int_params);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 1);
    tder_alg(&alg, OID_SHA1_RSA, null_tlv, sizeof null_tlv);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 0);
}

Test(algs, pss_params_invalid) {
    const char *rule = "rfc4055.pss.params_invalid";
    tder p;
    pss_sha256(&p);
    cr_assert_eq(lint_pss_spki(&p, rule), 0);
    cr_assert_eq(lint_pss_sig(&p, rule), 0);
    cr_assert_eq(lint_pss_spki(NULL, rule), 0);
    memcpy(p.b, null_tlv, sizeof null_tlv);
    p.len = sizeof null_tlv;
    cr_assert_eq(lint_pss_spki(&p, rule), 1);
    pss_params(&p, OID_MD5, OID_MGF1, OID_SHA256, 32, -1);
    cr_assert_eq(lint_pss_sig(&p, rule), 1);
    pss_params(&p, OID_SHA256, OID_SHA256, OID_SHA256, 32, -1);
    cr_assert_eq(lint_pss_sig(&p, rule), 1);
    pss_params(&p, OID_SHA256, OID_MGF1, OID_SHA256, -5, -1);
    cr_assert_eq(lint_pss_sig(&p, rule), 1);
    /* [2] before [0]: out of order. */
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_CONTEXT_CONS(2));
    derb_int(&b, 32);
    derb_close(&b);
    derb_open(&b, CS_DER_CONTEXT_CONS(0));
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, OID_SHA256);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    memcpy(p.b, b.buf, b.len);
    p.len = b.len;
    derb_free(&b);
    cr_assert_eq(lint_pss_spki(&p, rule), 1);
}

Test(algs, pss_params_default_encoded_and_trailer) {
    tder p;
    pss_sha256(&p);
    cr_assert_eq(lint_pss_sig(&p, "rfc4055.pss.params_default_encoded"), 0);
    pss_params(&p, OID_SHA1, NULL, NULL, -1, -1);
    cr_assert_eq(lint_pss_sig(&p, "rfc4055.pss.params_default_encoded"), 1);
    pss_params(&p, OID_SHA256, OID_MGF1, OID_SHA256, 20, -1);
    cr_assert_eq(lint_pss_sig(&p, "rfc4055.pss.params_default_encoded"), 1);
    pss_params(&p, OID_SHA256, OID_MGF1, OID_SHA256, 32, 1);
    cr_assert_eq(lint_pss_sig(&p, "rfc4055.pss.params_default_encoded"), 1);
    cr_assert_eq(lint_pss_sig(&p, "rfc4055.pss.trailer_field_not_1"), 0);
    pss_params(&p, OID_SHA256, OID_MGF1, OID_SHA256, 32, 2);
    cr_assert_eq(lint_pss_sig(&p, "rfc4055.pss.trailer_field_not_1"), 1);
    cr_assert_eq(lint_pss_spki(&p, "rfc4055.pss.trailer_field_not_1"), 1);
    cr_assert_eq(lint_pss_sig(&p, "rfc4055.pss.params_default_encoded"), 0);
}

Test(algs, pss_signature_params_absent) {
    const char *rule = "rfc4055.pss.signature_params_absent";
    tder p;
    pss_sha256(&p);
    cr_assert_eq(lint_pss_sig(&p, rule), 0);
    cr_assert_eq(lint_pss_sig(NULL, rule), 1);
    /* Absent in the SPKI is allowed. */
    cr_assert_eq(lint_pss_spki(NULL, rule), 0);
}

Test(algs, pss_mgf_hash_mismatch) {
    const char *rule = "rfc4055.pss.mgf_hash_mismatch";
    tder p;
    pss_sha256(&p);
    cr_assert_eq(lint_pss_sig(&p, rule), 0);
    pss_params(&p, OID_SHA256, OID_MGF1, OID_SHA384, 32, -1);
    cr_assert_eq(lint_pss_sig(&p, rule), 1);
    /* MGF1 left at its DEFAULT (SHA-1) with a SHA-256 hash. */
    pss_params(&p, OID_SHA256, NULL, NULL, 32, -1);
    cr_assert_eq(lint_pss_spki(&p, rule), 1);
    /* All defaults: SHA-1 for both. */
    pss_params(&p, NULL, NULL, NULL, -1, -1);
    cr_assert_eq(lint_pss_spki(&p, rule), 0);
}

Test(algs, pss_ku_not_allowed) {
    const char *rule = "rfc4055.pss.ku_not_allowed";
    tder spki;
    spki_rsa_with(&spki, OID_PSS, NULL, 0);
    cr_assert_eq(lint_key(&spki, DS, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, DS | NR, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, DS | KE, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, CRL, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, KCS | CRL, 1, rule), 0);
    cr_assert_eq(lint_key(&spki, KCS | DE, 1, rule), 1);
}

Test(algs, oaep_ku) {
    tder spki;
    spki_rsa_with(&spki, OID_OAEP, NULL, 0);
    cr_assert_eq(lint_key(&spki, KE, 0, "rfc4055.oaep.ku_not_allowed"), 0);
    cr_assert_eq(lint_key(&spki, KE, 0, "rfc4055.oaep.ku_both_encipherment"), 0);
    cr_assert_eq(lint_key(&spki, DS | KE, 0, "rfc4055.oaep.ku_not_allowed"), 1);
    cr_assert_eq(lint_key(&spki, KE | DE, 0, "rfc4055.oaep.ku_not_allowed"), 0);
    cr_assert_eq(lint_key(&spki, KE | DE, 0, "rfc4055.oaep.ku_both_encipherment"), 1);
}

/* ---- RFC 5480 ---- */

Test(algs, ec_params_not_named_curve) {
    const char *rule = "rfc5480.ec.params_not_named_curve";
    tder spki, alg, point;
    spki_ec(&spki);
    cr_assert_eq(lint_spki(&spki, rule), 0);
    tder_ec_point(&point, "P-256", 0);
    tder_alg(&alg, OID_EC, NULL, 0);
    tder_spki(&spki, &alg, point.b, point.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    tder_alg(&alg, OID_EC, null_tlv, sizeof null_tlv);
    tder_spki(&spki, &alg, point.b, point.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    static const uint8_t specified[] = {0x30, 0x03, 0x02, 0x01, 0x01};
    tder_alg(&alg, OID_EC, specified, sizeof specified);
    tder_spki(&spki, &alg, point.b, point.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    tder_alg(&alg, OID_ECDH, null_tlv, sizeof null_tlv);
    tder_spki(&spki, &alg, point.b, point.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    spki_ec_alg(&spki, OID_ECMQV, "P-384", OID_P384);
    cr_assert_eq(lint_spki(&spki, rule), 0);
}

Test(algs, ec_point_malformed) {
    const char *rule = "rfc5480.ec.point_malformed";
    tder spki, alg, point;
    tder_alg_curve(&alg, OID_EC, OID_P256);
    tder_ec_point(&point, "P-256", 1);
    tder_spki(&spki, &alg, point.b, point.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 0);
    tder_ec_point(&point, "P-256", 0);
    point.b[0] = 0x06; /* hybrid */
    tder_spki(&spki, &alg, point.b, point.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    tder_ec_point(&point, "P-256", 0);
    tder_spki(&spki, &alg, point.b, point.len - 1, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    /* A P-384 point under the P-256 OID. */
    tder_ec_point(&point, "P-384", 0);
    tder_spki(&spki, &alg, point.b, point.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    tder_ec_point(&point, "P-256", 0);
    point.b[point.len - 1] &= 0xFE;
    tder_spki(&spki, &alg, point.b, point.len, 1);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    /* An unknown named curve: only the form octet is judged. */
    tder_alg_curve(&alg, OID_EC, "1.3.132.0.99");
    tder_ec_point(&point, "P-256", 0);
    tder_spki(&spki, &alg, point.b, point.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 0);
    point.b[0] = 0x05;
    tder_spki(&spki, &alg, point.b, point.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
}

Test(algs, ec_point_not_on_curve) {
    const char *rule = "rfc5480.ec.point_not_on_curve";
    static const char *const groups[] = {"P-256", "P-384", "P-521", "secp256k1", "brainpoolP256r1"};
    static const char *const oids[] = {OID_P256, OID_P384, OID_P521, "1.3.132.0.10",
                                       "1.3.36.3.3.2.8.1.1.7"};
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        tder spki, alg, point;
        tder_alg_curve(&alg, OID_EC, oids[i]);
        for (int compressed = 0; compressed < 2; compressed++) {
            tder_ec_point(&point, groups[i], compressed);
            tder_spki(&spki, &alg, point.b, point.len, 0);
            cr_assert_eq(lint_spki(&spki, rule), 0, "%s %d", groups[i], compressed);
        }
        tder_ec_point(&point, groups[i], 0);
        point.b[point.len - 1] ^= 0x01; /* y changed: off the curve */
        tder_spki(&spki, &alg, point.b, point.len, 0);
        cr_assert_eq(lint_spki(&spki, rule), 1, "%s", groups[i]);
        memset(point.b + 1, 0xFF, (point.len - 1) / 2); /* x above p */
        tder_spki(&spki, &alg, point.b, point.len, 0);
        cr_assert_eq(lint_spki(&spki, rule), 1, "%s", groups[i]);
    }
    /* A compressed x with no point on P-256: change x until OpenSSL finds no square root. */
    tder spki, alg, point;
    tder_alg_curve(&alg, OID_EC, OID_P256);
    tder_ec_point(&point, "P-256", 1);
    int found = 0;
    for (int tries = 0; tries < 64 && !found; tries++) {
        point.b[point.len - 1]++;
        tder_spki(&spki, &alg, point.b, point.len, 0);
        found = lint_spki(&spki, rule);
    }
    cr_assert(found);
}

Test(algs, ec_ku_encipherment) {
    const char *rule = "rfc5480.ec.ku_encipherment";
    tder spki;
    spki_ec(&spki);
    cr_assert_eq(lint_key(&spki, DS, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, DS | KE, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, KCS | DE, 1, rule), 1);
    /* Before RFC 8813 (zlint's effective date). */
    tcert t;
    tcert_defaults(&t);
    t.not_before = "190101000000Z";
    tder ku;
    tder_ku(&ku, DS | KE);
    tcert_add_ext(&t, "2.5.29.15", 1, ku.b, ku.len);
    tcert_algs a = {.spki = &spki};
    cr_assert_eq(tcert_algs_lint(&t, &a, rule), 0);
}

Test(algs, ec_ku_ee_unexpected) {
    const char *rule = "rfc5480.ec.ku_ee_unexpected";
    tder spki;
    spki_ec(&spki);
    cr_assert_eq(lint_key(&spki, DS | NR | KA, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, KA | EO, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, DS | EO, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, DS | CRL, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, DS | KE, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, KCS | CRL, 1, rule), 0);
}

Test(algs, ec_ku_encipher_and_decipher_only) {
    const char *rule = "rfc5480.ec.ku_encipher_and_decipher_only";
    tder spki;
    spki_ec(&spki);
    cr_assert_eq(lint_key(&spki, KA | EO, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, KA | EO | DO, 0, rule), 1);
}

Test(algs, ec_ku_agreement_with_cert_sign) {
    const char *rule = "rfc5480.ec.ku_agreement_with_cert_sign";
    tder spki;
    spki_ec(&spki);
    cr_assert_eq(lint_key(&spki, KCS | CRL | DS, 1, rule), 0);
    cr_assert_eq(lint_key(&spki, KCS | KA, 1, rule), 1);
    cr_assert_eq(lint_key(&spki, CRL | KA | DO, 1, rule), 1);
    cr_assert_eq(lint_key(&spki, DS | KA, 1, rule), 0);
}

Test(algs, ecdh_ku_invalid) {
    const char *rule = "rfc5480.ecdh.ku_invalid";
    tder spki;
    spki_ec_alg(&spki, OID_ECDH, "P-256", OID_P256);
    cr_assert_eq(lint_key(&spki, KA, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, KA | DO, 0, rule), 0);
    cr_assert_eq(lint_key(&spki, KA | DS, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, EO, 0, rule), 1);
    cr_assert_eq(lint_key(&spki, KA | EO | DO, 0, rule), 1);
    spki_ec_alg(&spki, OID_ECMQV, "P-256", OID_P256);
    cr_assert_eq(lint_key(&spki, KA | KE, 0, rule), 1);
    /* Not for id-ecPublicKey. */
    spki_ec(&spki);
    cr_assert_eq(lint_key(&spki, DS, 0, rule), 0);
}

/* ---- RFC 5758: ECDSA ---- */

Test(algs, ecdsa_signature_params_present) {
    const char *rule = "rfc5758.ecdsa.signature_params_present";
    tcert t;
    tcert_defaults(&t);
    tcert_algs a = {0};
    cr_assert_eq(tcert_algs_lint(&t, &a, rule), 0);
    t.tbs_sig_null = 1;
    cr_assert_eq(tcert_algs_lint(&t, &a, rule), 1);
    t.tbs_sig_null = 0;
    t.sig_oid = OID_ECDSA_256;
    t.sig_null = 1;
    cr_assert_eq(tcert_algs_lint(&t, &a, rule), 1);
    tder alg;
    tder_alg(&alg, OID_ECDSA_SHA1, null_tlv, sizeof null_tlv);
    cr_assert_eq(lint_sig(&alg, NULL, 0, rule), 1);
}

Test(algs, ecdsa_signature_value_malformed) {
    const char *rule = "rfc5758.ecdsa.signature_value_malformed";
    static const uint8_t r[] = {0x00, 0x9A, 0x11, 0x22}, s[] = {0x33, 0x44};
    static const uint8_t neg[] = {0x9A, 0x11}, pad[] = {0x00, 0x11}, zero[] = {0x00};
    tder alg, sig;
    tder_alg(&alg, OID_ECDSA_256, NULL, 0);
    tder_dss_sig(&sig, r, sizeof r, s, sizeof s);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 0);
    sig.b[sig.len++] = 0x00; /* trailing octet after the SEQUENCE */
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 1);
    tder_dss_sig(&sig, r, sizeof r, s, sizeof s);
    cr_assert_eq(lint_sig(&alg, &sig, 1, rule), 1); /* one unused bit (a zero) */
    tder_dss_sig(&sig, neg, sizeof neg, s, sizeof s);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 1);
    tder_dss_sig(&sig, pad, sizeof pad, s, sizeof s);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 1);
    tder_dss_sig(&sig, r, sizeof r, zero, sizeof zero);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 1);
    tder_fill(&sig, 64);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 1);
    /* tcert's own placeholder value is exactly a valid ECDSA-Sig-Value. */
    tcert t;
    tcert_defaults(&t);
    size_t len;
    uint8_t *der = tcert_build(&t, &len);
    cr_assert_eq(lintone(der, len, rule, NULL), 0);
    free(der);
}

/* ---- RFC 8410 and RFC 9295 ---- */

Test(algs, edx_params_present) {
    const char *rule = "rfc8410.algorithm.params_present";
    tder spki, alg, key;
    spki_raw(&spki, OID_ED25519, 32);
    cr_assert_eq(lint_spki(&spki, rule), 0);
    tder_fill(&key, 32);
    tder_alg(&alg, OID_ED25519, null_tlv, sizeof null_tlv);
    tder_spki(&spki, &alg, key.b, key.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    tder_alg(&alg, OID_X448, null_tlv, sizeof null_tlv);
    tder_fill(&key, 56);
    tder_spki(&spki, &alg, key.b, key.len, 0);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    tder sig;
    tder_fill(&sig, 64);
    tder_alg(&alg, OID_ED25519, NULL, 0);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 0);
    tder_alg(&alg, OID_ED25519, null_tlv, sizeof null_tlv);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 1);
}

Test(algs, edx_key_length_invalid) {
    const char *rule = "rfc8410.key.length_invalid";
    tder spki, alg, key;
    static const struct {
        const char *oid;
        size_t len;
    } keys[] = {{OID_ED25519, 32}, {OID_ED448, 57}, {OID_X25519, 32}, {OID_X448, 56}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        spki_raw(&spki, keys[i].oid, keys[i].len);
        cr_assert_eq(lint_spki(&spki, rule), 0, "%s", keys[i].oid);
        spki_raw(&spki, keys[i].oid, keys[i].len - 1);
        cr_assert_eq(lint_spki(&spki, rule), 1, "%s", keys[i].oid);
        spki_raw(&spki, keys[i].oid, keys[i].len + 1);
        cr_assert_eq(lint_spki(&spki, rule), 1, "%s", keys[i].oid);
    }
    tder_alg(&alg, OID_ED25519, NULL, 0);
    tder_fill(&key, 32);
    key.b[31] &= 0xF0;
    tder_spki(&spki, &alg, key.b, key.len, 4);
    cr_assert_eq(lint_spki(&spki, rule), 1);
}

Test(algs, eddsa_signature_length_invalid) {
    const char *rule = "rfc8410.signature.length_invalid";
    tder alg, sig;
    tder_alg(&alg, OID_ED25519, NULL, 0);
    tder_fill(&sig, 64);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 0);
    tder_fill(&sig, 63);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 1);
    tder_alg(&alg, OID_ED448, NULL, 0);
    tder_fill(&sig, 114);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 0);
    tder_fill(&sig, 64);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 1);
}

Test(algs, eddsa_ku) {
    const char *prohibited = "rfc9295.eddsa.ku_prohibited";
    const char *missing = "rfc9295.eddsa.ku_required_missing";
    tder spki;
    spki_raw(&spki, OID_ED25519, 32);
    cr_assert_eq(lint_key(&spki, DS, 0, prohibited), 0);
    cr_assert_eq(lint_key(&spki, DS, 0, missing), 0);
    cr_assert_eq(lint_key(&spki, CRL, 0, missing), 0);
    cr_assert_eq(lint_key(&spki, DS | KA, 0, prohibited), 1);
    cr_assert_eq(lint_key(&spki, DS | KCS, 0, prohibited), 1);
    cr_assert_eq(lint_key(&spki, KCS, 0, missing), 1);
    cr_assert_eq(lint_key(&spki, KCS | CRL, 1, prohibited), 0);
    cr_assert_eq(lint_key(&spki, KCS | CRL, 1, missing), 0);
    cr_assert_eq(lint_key(&spki, KCS | KE, 1, prohibited), 1);
    cr_assert_eq(lint_key(&spki, CRL | DS, 1, missing), 1);
    spki_raw(&spki, OID_ED448, 57);
    cr_assert_eq(lint_key(&spki, NR | DO, 0, prohibited), 1);
}

Test(algs, xdh_ku) {
    const char *prohibited = "rfc9295.xdh.ku_prohibited";
    const char *missing = "rfc9295.xdh.ku_key_agreement_missing";
    tder spki;
    spki_raw(&spki, OID_X25519, 32);
    cr_assert_eq(lint_key(&spki, KA, 0, prohibited), 0);
    cr_assert_eq(lint_key(&spki, KA, 0, missing), 0);
    cr_assert_eq(lint_key(&spki, KA | EO, 0, prohibited), 0);
    cr_assert_eq(lint_key(&spki, KA | EO | DO, 0, prohibited), 1);
    cr_assert_eq(lint_key(&spki, KA | DS, 0, prohibited), 1);
    cr_assert_eq(lint_key(&spki, EO, 0, missing), 1);
    spki_raw(&spki, OID_X448, 56);
    cr_assert_eq(lint_key(&spki, KA | CRL, 1, prohibited), 1);
    /* Ed25519 keys are not judged by the XDH rules. */
    spki_raw(&spki, OID_ED25519, 32);
    cr_assert_eq(lint_key(&spki, DS, 0, missing), 0);
}

/* ---- RFC 9881: ML-DSA ---- */

Test(algs, ml_dsa_params_and_lengths) {
    tder spki, alg, key, sig;
    spki_raw(&spki, OID_MLDSA44, 1312);
    cr_assert_eq(lint_spki(&spki, "rfc9881.ml_dsa.params_present"), 0);
    cr_assert_eq(lint_spki(&spki, "rfc9881.ml_dsa.key_length_invalid"), 0);
    tder_alg(&alg, OID_MLDSA44, null_tlv, sizeof null_tlv);
    tder_fill(&key, 1312);
    tder_spki(&spki, &alg, key.b, key.len, 0);
    cr_assert_eq(lint_spki(&spki, "rfc9881.ml_dsa.params_present"), 1);
    spki_raw(&spki, OID_MLDSA44, 1311);
    cr_assert_eq(lint_spki(&spki, "rfc9881.ml_dsa.key_length_invalid"), 1);
    spki_raw(&spki, OID_MLDSA65, 1952);
    cr_assert_eq(lint_spki(&spki, "rfc9881.ml_dsa.key_length_invalid"), 0);
    spki_raw(&spki, OID_MLDSA87, 1952);
    cr_assert_eq(lint_spki(&spki, "rfc9881.ml_dsa.key_length_invalid"), 1);
    tder_alg(&alg, OID_MLDSA44, NULL, 0);
    tder_fill(&sig, 2420);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc9881.ml_dsa.signature_length_invalid"), 0);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc9881.ml_dsa.params_present"), 0);
    tder_fill(&sig, 2419);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc9881.ml_dsa.signature_length_invalid"), 1);
    tder_alg(&alg, OID_MLDSA65, NULL, 0);
    tder_fill(&sig, 3309);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc9881.ml_dsa.signature_length_invalid"), 0);
    tder_alg(&alg, OID_MLDSA87, null_tlv, sizeof null_tlv);
    tder_fill(&sig, 4627);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc9881.ml_dsa.signature_length_invalid"), 0);
    cr_assert_eq(lint_sig(&alg, &sig, 0, "rfc9881.ml_dsa.params_present"), 1);
}

Test(algs, ml_dsa_ku) {
    tder spki;
    spki_raw(&spki, OID_MLDSA65, 1952);
    cr_assert_eq(lint_key(&spki, DS, 0, "rfc9881.ml_dsa.ku_prohibited"), 0);
    cr_assert_eq(lint_key(&spki, DS, 0, "rfc9881.ml_dsa.ku_required_missing"), 0);
    cr_assert_eq(lint_key(&spki, KCS | CRL, 1, "rfc9881.ml_dsa.ku_required_missing"), 0);
    cr_assert_eq(lint_key(&spki, DS | KE, 0, "rfc9881.ml_dsa.ku_prohibited"), 1);
    cr_assert_eq(lint_key(&spki, KA, 0, "rfc9881.ml_dsa.ku_prohibited"), 1);
    cr_assert_eq(lint_key(&spki, KA, 0, "rfc9881.ml_dsa.ku_required_missing"), 1);
    cr_assert_eq(lint_key(&spki, 0, 0, "rfc9881.ml_dsa.ku_required_missing"), 1);
}

Test(algs, hash_ml_dsa_prohibited) {
    const char *rule = "rfc9881.hash_ml_dsa.prohibited";
    tder spki, alg, sig;
    spki_raw(&spki, OID_MLDSA44, 1312);
    cr_assert_eq(lint_spki(&spki, rule), 0);
    spki_raw(&spki, OID_HASHMLDSA, 1312);
    cr_assert_eq(lint_spki(&spki, rule), 1);
    tder_alg(&alg, OID_HASHMLDSA, NULL, 0);
    tder_fill(&sig, 2420);
    cr_assert_eq(lint_sig(&alg, &sig, 0, rule), 1);
}

/* ---- RFC 9935: ML-KEM ---- */

Test(algs, ml_kem) {
    tder spki, alg, key;
    spki_raw(&spki, OID_MLKEM512, 800);
    cr_assert_eq(lint_spki(&spki, "rfc9935.ml_kem.params_present"), 0);
    cr_assert_eq(lint_spki(&spki, "rfc9935.ml_kem.key_length_invalid"), 0);
    cr_assert_eq(lint_key(&spki, KE, 0, "rfc9935.ml_kem.ku_not_key_encipherment_only"), 0);
    cr_assert_eq(lint_key(&spki, KE | DE, 0, "rfc9935.ml_kem.ku_not_key_encipherment_only"), 1);
    cr_assert_eq(lint_key(&spki, DS, 0, "rfc9935.ml_kem.ku_not_key_encipherment_only"), 1);
    tder_alg(&alg, OID_MLKEM768, null_tlv, sizeof null_tlv);
    tder_fill(&key, 1184);
    tder_spki(&spki, &alg, key.b, key.len, 0);
    cr_assert_eq(lint_spki(&spki, "rfc9935.ml_kem.params_present"), 1);
    cr_assert_eq(lint_spki(&spki, "rfc9935.ml_kem.key_length_invalid"), 0);
    spki_raw(&spki, OID_MLKEM1024, 1184);
    cr_assert_eq(lint_spki(&spki, "rfc9935.ml_kem.key_length_invalid"), 1);
    spki_raw(&spki, OID_MLKEM1024, 1568);
    cr_assert_eq(lint_spki(&spki, "rfc9935.ml_kem.key_length_invalid"), 0);
}
