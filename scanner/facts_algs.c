#include "scanner/facts_algs.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/ec_mont.h"
#include "scanner/ec_nist.h"
#include "scanner/facts.h"
#include "scanner/facts_memo.h"
#include "scanner/x509_spki.h"

#define KU_DS  CS_KU_DIGITAL_SIGNATURE
#define KU_NR  CS_KU_NON_REPUDIATION
#define KU_KE  CS_KU_KEY_ENCIPHERMENT
#define KU_DE  CS_KU_DATA_ENCIPHERMENT
#define KU_KA  CS_KU_KEY_AGREEMENT
#define KU_KCS CS_KU_KEY_CERT_SIGN
#define KU_CRL CS_KU_CRL_SIGN
#define KU_EO  CS_KU_ENCIPHER_ONLY
#define KU_DO  CS_KU_DECIPHER_ONLY

static void set_if(struct cs_facts *f, int cond, unsigned col) {
    if (cond) {
        cs_facts_set(f, col);
    }
}

static int params_absent(const cs_x509_alg *a) {
    return a->params.len == 0;
}

static int params_are_null(const cs_x509_alg *a) {
    return a->params.len == 2 && a->params.ptr[0] == CS_DER_NULL && a->params.ptr[1] == 0;
}

void cs_algs_ku_string(unsigned bits, char *buf, size_t len) {
    static const char *const names[] = {
        "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
        "keyCertSign",      "cRLSign",        "encipherOnly",    "decipherOnly",
    };
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        if ((bits & (1u << i)) && used < len) {
            int n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", names[i]);
            used += n > 0 ? (size_t)n : 0;
        }
    }
    if (used == 0 && len > 0) {
        snprintf(buf, len, "(none)");
    }
}

/* ---- EC point validation ---- */

static int cs_curve_nid(cs_curve_id curve) {
    switch (curve) {
    case CS_CURVE_P256:
        return NID_X9_62_prime256v1;
    case CS_CURVE_P384:
        return NID_secp384r1;
    case CS_CURVE_P521:
        return NID_secp521r1;
    case CS_CURVE_P224:
        return NID_secp224r1;
    case CS_CURVE_P192:
        return NID_X9_62_prime192v1;
    case CS_CURVE_SECP256K1:
        return NID_secp256k1;
    case CS_CURVE_BRAINPOOL_P256R1:
        return NID_brainpoolP256r1;
    case CS_CURVE_BRAINPOOL_P384R1:
        return NID_brainpoolP384r1;
    case CS_CURVE_BRAINPOOL_P512R1:
        return NID_brainpoolP512r1;
    case CS_CURVE_SM2:
        return NID_sm2;
    default:
        return 0;
    }
}

/* Tests compare the limb arithmetic with the BIGNUM one; set per thread. */
static _Thread_local int cs_algs_ec_slow_only;

/* Per thread and curve: the curve y^2 = x^3 + ax + b over GF(p) in Montgomery form, and scratch
 * numbers, made once so that checking a key allocates nothing. */
typedef struct ec_check {
    int state; /* 0 not made, 1 ready, -1 unavailable */
    EC_GROUP *group;
    EC_POINT *point;
    BN_MONT_CTX *mont;
    BIGNUM *p, *a1, *b2; /* a R^-1 and b R^-2 (R the Montgomery radix) */
    BIGNUM *x, *y, *t1, *t2;
    size_t field_len;
    /* P-256 and P-384 with their own reduction (scanner/ec_nist.h); otherwise the same
     * constants in fixed-size limbs (scanner/ec_mont.h), when the field fits. */
    int nist;
    cs_ec_nist special;
    int fast;
    cs_mont m;
    uint64_t a1_limbs[CS_MONT_MAX_LIMBS], b2_limbs[CS_MONT_MAX_LIMBS];
} ec_check;

static int ec_check_make(ec_check *c, int nid, BN_CTX *ctx) {
    c->state = -1;
    c->group = EC_GROUP_new_by_curve_name(nid);
    c->mont = BN_MONT_CTX_new();
    c->p = BN_new();
    c->a1 = BN_new();
    c->b2 = BN_new();
    c->x = BN_new();
    c->y = BN_new();
    c->t1 = BN_new();
    c->t2 = BN_new();
    if (c->group == NULL || c->mont == NULL || c->p == NULL || c->a1 == NULL || c->b2 == NULL ||
        c->x == NULL || c->y == NULL || c->t1 == NULL || c->t2 == NULL) {
        return 0;
    }
    c->point = EC_POINT_new(c->group);
    if (c->point == NULL || !EC_GROUP_get_curve(c->group, c->p, c->a1, c->b2, ctx)) {
        return 0;
    }
    c->field_len = (size_t)(BN_num_bits(c->p) + 7) / 8;
    uint8_t be[CS_MONT_MAX_LIMBS * 8], a_be[sizeof be], b_be[sizeof be];
    c->nist = c->field_len <= sizeof be && BN_bn2binpad(c->p, be, (int)c->field_len) > 0 &&
              BN_bn2binpad(c->a1, a_be, (int)c->field_len) > 0 &&
              BN_bn2binpad(c->b2, b_be, (int)c->field_len) > 0 &&
              cs_ec_nist_init(&c->special, be, a_be, b_be, c->field_len);
    if (!BN_MONT_CTX_set(c->mont, c->p, ctx) || !BN_from_montgomery(c->a1, c->a1, c->mont, ctx) ||
        !BN_from_montgomery(c->b2, c->b2, c->mont, ctx) ||
        !BN_from_montgomery(c->b2, c->b2, c->mont, ctx)) {
        return 0;
    }
    c->state = 1;
    c->fast = c->field_len <= sizeof be && BN_bn2binpad(c->p, be, (int)c->field_len) > 0 &&
              cs_mont_init(&c->m, be, c->field_len) &&
              /* R must be the radix BN_MONT_CTX used for a1 and b2: 2^(64 words of p). */
              c->m.n == (unsigned)((BN_num_bits(c->p) + 63) / 64) &&
              BN_bn2binpad(c->a1, be, (int)c->field_len) > 0 &&
              cs_mont_load(&c->m, c->a1_limbs, be, c->field_len) &&
              BN_bn2binpad(c->b2, be, (int)c->field_len) > 0 &&
              cs_mont_load(&c->m, c->b2_limbs, be, c->field_len);
    return 1;
}

/* The check below in fixed-size limbs. */
static int ec_check_uncompressed_fast(const ec_check *c, const uint8_t *xy) {
    uint64_t x[CS_MONT_MAX_LIMBS], y[CS_MONT_MAX_LIMBS], t1[CS_MONT_MAX_LIMBS],
        t2[CS_MONT_MAX_LIMBS], one[CS_MONT_MAX_LIMBS] = {1};
    if (!cs_mont_load(&c->m, x, xy, c->field_len) ||
        !cs_mont_load(&c->m, y, xy + c->field_len, c->field_len)) {
        return 0;
    }
    cs_mont_mul(&c->m, t1, y, y);
    cs_mont_mul(&c->m, t1, t1, one);
    cs_mont_mul(&c->m, t2, x, x);
    cs_mont_add(&c->m, t2, t2, c->a1_limbs);
    cs_mont_mul(&c->m, t2, t2, x);
    cs_mont_add(&c->m, t2, t2, c->b2_limbs);
    return memcmp(t1, t2, c->m.n * sizeof t1[0]) == 0;
}

/* An uncompressed point (x, y) lies on the curve when y^2 = x^3 + ax + b (mod p). Each side is
 * computed times R^-2 with three Montgomery multiplications and one reduction, which avoids
 * converting x and y into Montgomery form: about 0.3-0.7 µs, where EC_POINT_oct2point takes
 * about 1 µs plus the error-queue handling. */
static int ec_check_uncompressed(ec_check *c, const uint8_t *xy, BN_CTX *ctx) {
    if (c->nist && !cs_algs_ec_slow_only) {
        return cs_ec_nist_on_curve(&c->special, xy);
    }
    if (c->fast && !cs_algs_ec_slow_only) {
        return ec_check_uncompressed_fast(c, xy);
    }
    if (BN_bin2bn(xy, (int)c->field_len, c->x) == NULL ||
        BN_bin2bn(xy + c->field_len, (int)c->field_len, c->y) == NULL) {
        return -1;
    }
    if (BN_cmp(c->x, c->p) >= 0 || BN_cmp(c->y, c->p) >= 0) {
        return 0;
    }
    if (!BN_mod_mul_montgomery(c->t1, c->y, c->y, c->mont, ctx) ||
        !BN_from_montgomery(c->t1, c->t1, c->mont, ctx) ||
        !BN_mod_mul_montgomery(c->t2, c->x, c->x, c->mont, ctx) ||
        !BN_mod_add_quick(c->t2, c->t2, c->a1, c->p) ||
        !BN_mod_mul_montgomery(c->t2, c->t2, c->x, c->mont, ctx) ||
        !BN_mod_add_quick(c->t2, c->t2, c->b2, c->p)) {
        return -1;
    }
    return BN_cmp(c->t1, c->t2) == 0;
}

void cs_algs_ec_use_bignum(int on) {
    cs_algs_ec_slow_only = on;
}

/* Per thread: the curves made so far and a BN_CTX. Freed by a key destructor when the thread
 * exits, so pipeline workers leave nothing behind. */
typedef struct ec_state {
    ec_check checks[CS_CURVE_COUNT];
    BN_CTX *ctx;
} ec_state;

static _Thread_local ec_state *ec_tls;
static pthread_key_t ec_key;
static pthread_once_t ec_once = PTHREAD_ONCE_INIT;

static void ec_state_free(void *p) {
    ec_state *st = p;
    for (size_t i = 0; i < CS_CURVE_COUNT; i++) {
        ec_check *c = &st->checks[i];
        EC_POINT_free(c->point);
        EC_GROUP_free(c->group);
        BN_MONT_CTX_free(c->mont);
        BN_free(c->p);
        BN_free(c->a1);
        BN_free(c->b2);
        BN_free(c->x);
        BN_free(c->y);
        BN_free(c->t1);
        BN_free(c->t2);
    }
    BN_CTX_free(st->ctx);
    free(st);
}

static void ec_key_make(void) {
    (void)pthread_key_create(&ec_key, ec_state_free);
}

static ec_state *ec_state_get(void) {
    if (ec_tls != NULL) {
        return ec_tls;
    }
    ec_state *st;
    if (pthread_once(&ec_once, ec_key_make) != 0 || (st = calloc(1, sizeof *st)) == NULL) {
        return NULL;
    }
    if ((st->ctx = BN_CTX_new()) == NULL || pthread_setspecific(ec_key, st) != 0) {
        BN_CTX_free(st->ctx);
        free(st);
        return NULL;
    }
    ec_tls = st;
    return st;
}

void cs_algs_ec_thread_cleanup(void) {
    ec_state *st = ec_tls;
    if (st == NULL) {
        return;
    }
    ec_tls = NULL;
    (void)pthread_setspecific(ec_key, NULL);
    ec_state_free(st);
}

int cs_algs_ec_point_on_curve(cs_curve_id curve, cs_der point) {
    int nid = cs_curve_nid(curve);
    if (nid == 0 || point.len == 0) {
        return -1;
    }
    ec_state *st = ec_state_get();
    if (st == NULL) {
        return -1;
    }
    BN_CTX *ctx = st->ctx;
    ec_check *c = &st->checks[curve];
    if (c->state == 0) {
        ec_check_make(c, nid, ctx);
    }
    if (c->state != 1) {
        return -1;
    }
    if (point.ptr[0] == 0x04) {
        return point.len == 1 + 2 * c->field_len ? ec_check_uncompressed(c, point.ptr + 1, ctx) : 0;
    }
    /* Compressed points need a square root; they are rare enough to leave to OpenSSL. Its error
     * queue is cleared on failure (certscan keeps nothing else there). */
    int ok = EC_POINT_oct2point(c->group, c->point, point.ptr, point.len, ctx);
    if (ok != 1) {
        ERR_clear_error();
    }
    return ok == 1;
}

/* ---- signature values ---- */

static int positive_minimal_integer(cs_der content) {
    int negative, minimal;
    if (!cs_der_check_integer(content, &negative, &minimal) || negative || !minimal) {
        return 0;
    }
    return content.len > 1 || content.ptr[0] != 0;
}

int cs_algs_dss_sig_value_ok(cs_der sig, uint8_t unused_bits) {
    cs_der seq, r, s;
    if (unused_bits != 0 || !cs_der_get(&sig, CS_DER_SEQUENCE, &seq, NULL, "") || sig.len != 0 ||
        !cs_der_get(&seq, CS_DER_INTEGER, &r, NULL, "") ||
        !cs_der_get(&seq, CS_DER_INTEGER, &s, NULL, "") || seq.len != 0) {
        return 0;
    }
    return positive_minimal_integer(r) && positive_minimal_integer(s);
}

/* ---- AlgorithmIdentifiers of the signature fields ---- */

static void pss_params(struct cs_facts *f, cs_der params) {
    cs_rsa_pss_params p;
    if (!cs_parse_rsa_pss_params(params, &p)) {
        cs_facts_set(f, CS_COL_PSS_PARAMS_INVALID);
        return;
    }
    set_if(f, p.default_encoded, CS_COL_PSS_PARAMS_DEFAULT_ENCODED);
    set_if(f, p.trailer_not_1, CS_COL_PSS_TRAILER_NOT_1);
    set_if(f, p.hash != p.mgf_hash, CS_COL_PSS_MGF_HASH_MISMATCH);
}

/* tbsCertificate.signature and signatureAlgorithm: each is judged on its own (when they differ,
 * rfc5280.signature_algorithm.mismatch reports that too). */
static void sig_alg(struct cs_facts *f, const cs_x509_alg *a) {
    switch (a->id) {
    case CS_ALG_MD2_RSA:
    case CS_ALG_MD5_RSA:
    case CS_ALG_SHA1_RSA:
    case CS_ALG_SHA224_RSA:
    case CS_ALG_SHA256_RSA:
    case CS_ALG_SHA384_RSA:
    case CS_ALG_SHA512_RSA:
        set_if(f, !params_are_null(a), CS_COL_RSA_SIG_PARAMS_NOT_NULL);
        break;
    case CS_ALG_RSA_PSS:
        if (params_absent(a)) {
            cs_facts_set(f, CS_COL_PSS_SIG_PARAMS_ABSENT);
        } else {
            pss_params(f, a->params);
        }
        break;
    case CS_ALG_ECDSA_SHA1:
    case CS_ALG_ECDSA_SHA224:
    case CS_ALG_ECDSA_SHA256:
    case CS_ALG_ECDSA_SHA384:
    case CS_ALG_ECDSA_SHA512:
        set_if(f, !params_absent(a), CS_COL_ECDSA_SIG_PARAMS_PRESENT);
        break;
    case CS_ALG_DSA_SHA1:
    case CS_ALG_DSA_SHA224:
    case CS_ALG_DSA_SHA256:
        set_if(f, !params_absent(a), CS_COL_DSA_SIG_PARAMS_PRESENT);
        break;
    case CS_ALG_ED25519:
    case CS_ALG_ED448:
        set_if(f, !params_absent(a), CS_COL_EDX_PARAMS_PRESENT);
        break;
    case CS_ALG_ML_DSA_44:
    case CS_ALG_ML_DSA_65:
    case CS_ALG_ML_DSA_87:
        set_if(f, !params_absent(a), CS_COL_MLDSA_PARAMS_PRESENT);
        break;
    case CS_ALG_HASH_ML_DSA_44:
    case CS_ALG_HASH_ML_DSA_65:
    case CS_ALG_HASH_ML_DSA_87:
        cs_facts_set(f, CS_COL_HASH_MLDSA_PRESENT);
        break;
    default:
        break;
    }
}

/* The signatureValue's form for the algorithm of signatureAlgorithm. */
static void sig_value(struct cs_facts *f, const cs_x509 *x) {
    size_t len = x->signature.len;
    int unused = x->signature_unused_bits != 0;
    switch (x->sig_alg.id) {
    case CS_ALG_ECDSA_SHA1:
    case CS_ALG_ECDSA_SHA224:
    case CS_ALG_ECDSA_SHA256:
    case CS_ALG_ECDSA_SHA384:
    case CS_ALG_ECDSA_SHA512:
        set_if(f, !cs_algs_dss_sig_value_ok(x->signature, x->signature_unused_bits),
               CS_COL_ECDSA_SIG_VALUE_MALFORMED);
        break;
    case CS_ALG_DSA_SHA1:
    case CS_ALG_DSA_SHA224:
    case CS_ALG_DSA_SHA256:
        set_if(f, !cs_algs_dss_sig_value_ok(x->signature, x->signature_unused_bits),
               CS_COL_DSA_SIG_VALUE_MALFORMED);
        break;
    /* RFC 8032 §5.1.6, §5.2.6 signature sizes; FIPS 204 Table 2 for ML-DSA. */
    case CS_ALG_ED25519:
        set_if(f, unused || len != 64, CS_COL_EDDSA_SIG_LENGTH);
        break;
    case CS_ALG_ED448:
        set_if(f, unused || len != 114, CS_COL_EDDSA_SIG_LENGTH);
        break;
    case CS_ALG_ML_DSA_44:
        set_if(f, unused || len != 2420, CS_COL_MLDSA_SIG_LENGTH);
        break;
    case CS_ALG_ML_DSA_65:
        set_if(f, unused || len != 3309, CS_COL_MLDSA_SIG_LENGTH);
        break;
    case CS_ALG_ML_DSA_87:
        set_if(f, unused || len != 4627, CS_COL_MLDSA_SIG_LENGTH);
        break;
    default:
        break;
    }
}

/* ---- SubjectPublicKeyInfo ---- */

static void spki_rsa(struct cs_facts *f, const cs_x509_spki *k) {
    if (!k->key_parsed || k->key_unused_bits != 0) {
        cs_facts_set(f, CS_COL_RSA_KEY_MALFORMED);
        if (!k->key_parsed) {
            return;
        }
    }
    int negative, minimal_n, minimal_e;
    cs_der_check_integer(k->rsa_modulus, &negative, &minimal_n);
    set_if(f, negative || cs_integer_bits(k->rsa_modulus) == 0, CS_COL_RSA_MODULUS_NOT_POSITIVE);
    cs_der_check_integer(k->rsa_exponent, &negative, &minimal_e);
    set_if(f, !minimal_n || !minimal_e, CS_COL_RSA_INTEGER_NONMINIMAL);
    uint32_t e_bits = cs_integer_bits(k->rsa_exponent);
    if (negative || e_bits == 0) {
        cs_facts_set(f, CS_COL_RSA_EXPONENT_NOT_POSITIVE);
        return;
    }
    set_if(f, (k->rsa_exponent.ptr[k->rsa_exponent.len - 1] & 1) == 0, CS_COL_RSA_EXPONENT_EVEN);
    set_if(f, e_bits <= 1 || (e_bits == 2 && k->rsa_exponent.ptr[k->rsa_exponent.len - 1] == 2),
           CS_COL_RSA_EXPONENT_BELOW_3);
}

/* ECParameters (RFC 5480 §2.1.1): only the namedCurve choice is allowed. */
static int ec_params_named(const cs_x509_alg *a) {
    cs_der params = a->params, oid;
    return params.len > 0 && params.ptr[0] == CS_DER_OID &&
           cs_der_get(&params, CS_DER_OID, &oid, NULL, "") && params.len == 0 &&
           cs_der_check_oid(oid);
}

static void spki_ec(struct cs_facts *f, const cs_x509_spki *k) {
    set_if(f, !ec_params_named(&k->alg), CS_COL_EC_PARAMS_NOT_NAMED);
    if (k->key_unused_bits != 0 || k->key.len < 2) {
        cs_facts_set(f, CS_COL_EC_POINT_MALFORMED);
        return;
    }
    if (k->bits == 0) {
        /* Curve without a known size: only the form octet can be judged. */
        uint8_t form = k->key.ptr[0];
        set_if(f, form != 0x02 && form != 0x03 && form != 0x04, CS_COL_EC_POINT_MALFORMED);
        return;
    }
    if (!k->key_parsed) {
        cs_facts_set(f, CS_COL_EC_POINT_MALFORMED);
        return;
    }
    /* The same key recurs in cross-certificates, renewals and reissues: one check per key. */
    cs_memo_rec memo;
    uint32_t on_curve;
    if (!cs_memo_lookup(&memo, CS_MEMO_EC_POINT | (uint32_t)k->curve << 8, k->key, 0, 0, NULL,
                        &on_curve)) {
        on_curve = (uint32_t)(cs_algs_ec_point_on_curve(k->curve, k->key) + 1);
        cs_memo_save(&memo, NULL, on_curve);
    }
    set_if(f, on_curve == 1, CS_COL_EC_POINT_NOT_ON_CURVE);
}

static void spki_dsa(struct cs_facts *f, const cs_x509_spki *k) {
    /* Dss-Parms ::= SEQUENCE { p, q, g INTEGER }, or omitted entirely (inherited from the
     * issuer); a NULL is neither (RFC 3279 §2.3.2). */
    if (!params_absent(&k->alg)) {
        cs_der params = k->alg.params, seq, p, q, g;
        if (!cs_der_get(&params, CS_DER_SEQUENCE, &seq, NULL, "") || params.len != 0 ||
            !cs_der_get(&seq, CS_DER_INTEGER, &p, NULL, "") ||
            !cs_der_get(&seq, CS_DER_INTEGER, &q, NULL, "") ||
            !cs_der_get(&seq, CS_DER_INTEGER, &g, NULL, "") || seq.len != 0) {
            cs_facts_set(f, CS_COL_DSA_PARAMS_MALFORMED);
        }
    }
    set_if(f, !k->key_parsed || k->key_unused_bits != 0, CS_COL_DSA_KEY_MALFORMED);
}

/* Raw fixed-size keys: Ed25519, Ed448, X25519, X448, ML-DSA, ML-KEM. */
static void spki_fixed(struct cs_facts *f, const cs_x509_spki *k, unsigned params_col,
                       unsigned length_col) {
    set_if(f, !params_absent(&k->alg), params_col);
    set_if(f, !k->key_parsed || k->key_unused_bits != 0, length_col);
}

static void spki(struct cs_facts *f, const cs_x509_spki *k) {
    switch (k->alg.id) {
    case CS_ALG_RSA_ENCRYPTION:
        set_if(f, !params_are_null(&k->alg), CS_COL_RSA_SPKI_PARAMS_NOT_NULL);
        spki_rsa(f, k);
        break;
    case CS_ALG_RSA_PSS:
        /* Parameters are optional in the SPKI (RFC 4055 §3.1); when present they must be
         * valid. */
        if (!params_absent(&k->alg)) {
            pss_params(f, k->alg.params);
        }
        spki_rsa(f, k);
        break;
    case CS_ALG_EC_PUBLIC_KEY:
    case CS_ALG_EC_DH:
    case CS_ALG_EC_MQV:
        spki_ec(f, k);
        break;
    case CS_ALG_DSA:
        spki_dsa(f, k);
        break;
    case CS_ALG_ED25519:
    case CS_ALG_ED448:
    case CS_ALG_X25519:
    case CS_ALG_X448:
        spki_fixed(f, k, CS_COL_EDX_PARAMS_PRESENT, CS_COL_EDX_KEY_LENGTH);
        break;
    case CS_ALG_ML_DSA_44:
    case CS_ALG_ML_DSA_65:
    case CS_ALG_ML_DSA_87:
        spki_fixed(f, k, CS_COL_MLDSA_PARAMS_PRESENT, CS_COL_MLDSA_KEY_LENGTH);
        break;
    case CS_ALG_ML_KEM_512:
    case CS_ALG_ML_KEM_768:
    case CS_ALG_ML_KEM_1024:
        spki_fixed(f, k, CS_COL_MLKEM_PARAMS_PRESENT, CS_COL_MLKEM_KEY_LENGTH);
        break;
    case CS_ALG_HASH_ML_DSA_44:
    case CS_ALG_HASH_ML_DSA_65:
    case CS_ALG_HASH_ML_DSA_87:
        cs_facts_set(f, CS_COL_HASH_MLDSA_PRESENT);
        break;
    default:
        break;
    }
}

/* ---- keyUsage against the key's algorithm ---- */

static void key_usage(struct cs_facts *f, cs_alg_id alg, unsigned ku, int ca) {
    switch (alg) {
    case CS_ALG_RSA_ENCRYPTION:
        /* RFC 3279 §2.3.1: end entity dS, nR, kE, dE; CA and CRL issuer also keyCertSign,
         * cRLSign. */
        set_if(f, ku & (KU_KA | KU_KCS | KU_CRL | KU_EO | KU_DO), CS_COL_RSA_KU_NOT_EE);
        set_if(f, ku & (KU_KA | KU_EO | KU_DO), CS_COL_RSA_KU_NOT_CA);
        set_if(f, (ku & (KU_KCS | KU_CRL)) && (ku & (KU_KE | KU_DE)),
               CS_COL_RSA_KU_ENCIPHER_AND_SIGN);
        break;
    case CS_ALG_RSA_PSS: {
        /* RFC 4055 §3: one or both of dS, nR in an end entity; also keyCertSign, cRLSign in a
         * CA. */
        unsigned allowed = ca ? (KU_DS | KU_NR | KU_KCS | KU_CRL) : (KU_DS | KU_NR);
        set_if(f, (ku & ~allowed) || !(ku & allowed), CS_COL_PSS_KU_BY_KIND);
        break;
    }
    case CS_ALG_RSAES_OAEP:
        /* RFC 4055 §4: only kE and dE, and not both. */
        set_if(f, (ku & ~(KU_KE | KU_DE)) || !(ku & (KU_KE | KU_DE)), CS_COL_OAEP_KU_NOT_ALLOWED);
        set_if(f, (ku & (KU_KE | KU_DE)) == (KU_KE | KU_DE), CS_COL_OAEP_KU_BOTH);
        break;
    case CS_ALG_DSA: {
        unsigned allowed = ca ? (KU_DS | KU_NR | KU_KCS | KU_CRL) : (KU_DS | KU_NR);
        set_if(f, ku & ~allowed, CS_COL_DSA_KU_BY_KIND);
        break;
    }
    case CS_ALG_EC_PUBLIC_KEY: {
        set_if(f, ku & (KU_KE | KU_DE), CS_COL_EC_KU_ENCIPHERMENT);
        unsigned ee_allowed = KU_DS | KU_NR | KU_KA;
        if (ku & KU_KA) {
            ee_allowed |= KU_EO | KU_DO;
        }
        set_if(f, ku & ~ee_allowed, CS_COL_EC_KU_EE_UNEXPECTED);
        set_if(f, (ku & (KU_EO | KU_DO)) == (KU_EO | KU_DO), CS_COL_EC_KU_ENC_DEC_ONLY);
        set_if(f, (ku & (KU_KCS | KU_CRL)) && (ku & (KU_KA | KU_EO | KU_DO)),
               CS_COL_EC_KU_AGREE_AND_SIGN);
        break;
    }
    case CS_ALG_EC_DH:
    case CS_ALG_EC_MQV:
        /* RFC 5480 §3 (erratum 6670, RFC 8813): keyAgreement required, eO or dO optional. */
        set_if(f,
               !(ku & KU_KA) || (ku & ~(KU_KA | KU_EO | KU_DO)) ||
                   (ku & (KU_EO | KU_DO)) == (KU_EO | KU_DO),
               CS_COL_ECDH_KU_INVALID);
        break;
    case CS_ALG_ED25519:
    case CS_ALG_ED448: {
        /* RFC 9295 §3: CA certificates need keyCertSign; end-entity certificates (CRL issuers
         * included) need one of dS, nR, cRLSign and must not have keyCertSign. */
        unsigned prohibited = KU_KE | KU_DE | KU_KA | KU_EO | KU_DO | (ca ? 0 : KU_KCS);
        set_if(f, ku & prohibited, CS_COL_EDDSA_KU_PROHIBITED_BY_KIND);
        set_if(f, ca ? !(ku & KU_KCS) : !(ku & (KU_DS | KU_NR | KU_CRL)),
               CS_COL_EDDSA_KU_MISSING_BY_KIND);
        break;
    }
    case CS_ALG_X25519:
    case CS_ALG_X448:
        set_if(f,
               (ku & (KU_DS | KU_NR | KU_KE | KU_DE | KU_KCS | KU_CRL)) ||
                   (ku & (KU_EO | KU_DO)) == (KU_EO | KU_DO),
               CS_COL_XDH_KU_PROHIBITED);
        set_if(f, !(ku & KU_KA), CS_COL_XDH_KU_KA_MISSING);
        break;
    case CS_ALG_ML_DSA_44:
    case CS_ALG_ML_DSA_65:
    case CS_ALG_ML_DSA_87:
        set_if(f, ku & (KU_KE | KU_DE | KU_KA | KU_EO | KU_DO), CS_COL_MLDSA_KU_PROHIBITED);
        set_if(f, !(ku & (KU_DS | KU_NR | KU_KCS | KU_CRL)), CS_COL_MLDSA_KU_MISSING);
        break;
    case CS_ALG_ML_KEM_512:
    case CS_ALG_ML_KEM_768:
    case CS_ALG_ML_KEM_1024:
        set_if(f, ku != KU_KE, CS_COL_MLKEM_KU_NOT_KE_ONLY);
        break;
    default:
        break;
    }
}

void cs_facts_extract_algs(const cs_x509 *x, struct cs_facts *out) {
    spki(out, &x->spki);
    sig_alg(out, &x->tbs_sig_alg);
    if (x->sig_alg.raw.ptr != NULL) {
        sig_alg(out, &x->sig_alg);
        sig_value(out, x);
    }
    if (cs_facts_has(out, CS_COL_EXT_PRESENT + CS_EXT_KEY_USAGE) &&
        !(out->ext_malformed & ((uint64_t)1 << CS_EXT_KEY_USAGE))) {
        key_usage(out, x->spki.alg.id, out->ku.bits, out->kind != CS_KIND_SUBSCRIBER);
    }
}
