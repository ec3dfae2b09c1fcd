#include "bench/gen/gen_sign.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "bench/gen/gen_oid.h"

gen_sig_alg_der gen_sig_algs[GEN_SIG_COUNT];

static EC_GROUP *gen_groups[2];

static const char *const gen_sig_names[GEN_SIG_COUNT] = {
    "sha256WithRSAEncryption",
    "sha384WithRSAEncryption",
    "sha512WithRSAEncryption",
    "rsassa-pss-sha256",
    "rsassa-pss-sha384",
    "ecdsa-with-SHA256",
    "ecdsa-with-SHA384",
    "ed25519",
    "ml-dsa-44",
    "ml-dsa-65",
    "ml-dsa-87",
    "sha1WithRSAEncryption",
};

const char *gen_sig_alg_name(gen_sig_alg a) {
    return gen_sig_names[a];
}

gen_sig_alg gen_sig_alg_for_key(gen_key_type t) {
    switch (t) {
    case GEN_KEY_P256:
        return GEN_SIG_ECDSA_SHA256;
    case GEN_KEY_P384:
        return GEN_SIG_ECDSA_SHA384;
    case GEN_KEY_P521:
        return GEN_SIG_ECDSA_SHA512;
    case GEN_KEY_ED25519:
        return GEN_SIG_ED25519;
    case GEN_KEY_MLDSA44:
        return GEN_SIG_MLDSA44;
    case GEN_KEY_MLDSA65:
        return GEN_SIG_MLDSA65;
    case GEN_KEY_MLDSA87:
        return GEN_SIG_MLDSA87;
    default:
        return GEN_SIG_RSA_SHA256;
    }
}

static void gen_alg_oid(gen_der *d, gen_oid_id id) {
    gen_der_oid(d, gen_oids[id].b, gen_oids[id].len);
}

/* AlgorithmIdentifier {oid, NULL} */
static void gen_alg_null(gen_der *d, gen_oid_id id) {
    gen_der_open(d, GEN_SEQUENCE);
    gen_alg_oid(d, id);
    gen_der_null(d);
    gen_der_close(d);
}

static void gen_alg_pss(gen_der *d, gen_oid_id hash, unsigned salt) {
    gen_der_open(d, GEN_SEQUENCE);
    gen_alg_oid(d, GEN_ALG_RSA_PSS);
    gen_der_open(d, GEN_SEQUENCE);
    gen_der_open(d, GEN_CTX_CONS(0));
    gen_alg_null(d, hash);
    gen_der_close(d);
    gen_der_open(d, GEN_CTX_CONS(1));
    gen_der_open(d, GEN_SEQUENCE);
    gen_alg_oid(d, GEN_ALG_MGF1);
    gen_alg_null(d, hash);
    gen_der_close(d);
    gen_der_close(d);
    gen_der_open(d, GEN_CTX_CONS(2));
    gen_der_int(d, salt);
    gen_der_close(d);
    gen_der_close(d);
    gen_der_close(d);
}

int gen_sign_init(void) {
    static const gen_oid_id plain[GEN_SIG_COUNT] = {
        [GEN_SIG_ECDSA_SHA256] = GEN_ALG_ECDSA_SHA256,
        [GEN_SIG_ECDSA_SHA384] = GEN_ALG_ECDSA_SHA384,
        [GEN_SIG_ECDSA_SHA512] = GEN_ALG_ECDSA_SHA512,
        [GEN_SIG_ED25519] = GEN_ALG_ED25519,
        [GEN_SIG_MLDSA44] = GEN_ALG_MLDSA44,
        [GEN_SIG_MLDSA65] = GEN_ALG_MLDSA65,
        [GEN_SIG_MLDSA87] = GEN_ALG_MLDSA87,
    };
    for (int a = 0; a < GEN_SIG_COUNT; a++) {
        gen_der d;
        gen_der_init(&d);
        switch (a) {
        case GEN_SIG_RSA_SHA256:
            gen_alg_null(&d, GEN_ALG_RSA_SHA256);
            break;
        case GEN_SIG_RSA_SHA384:
            gen_alg_null(&d, GEN_ALG_RSA_SHA384);
            break;
        case GEN_SIG_RSA_SHA512:
            gen_alg_null(&d, GEN_ALG_RSA_SHA512);
            break;
        case GEN_SIG_RSA_SHA1:
            gen_alg_null(&d, GEN_ALG_RSA_SHA1);
            break;
        case GEN_SIG_RSA_PSS_SHA256:
            gen_alg_pss(&d, GEN_ALG_SHA256, 32);
            break;
        case GEN_SIG_RSA_PSS_SHA384:
            gen_alg_pss(&d, GEN_ALG_SHA384, 48);
            break;
        default:
            /* ECDSA, EdDSA, ML-DSA: parameters absent */
            gen_der_open(&d, GEN_SEQUENCE);
            gen_alg_oid(&d, plain[a]);
            gen_der_close(&d);
            break;
        }
        if (d.failed || d.len > sizeof gen_sig_algs[a].b) {
            gen_der_free(&d);
            return 0;
        }
        memcpy(gen_sig_algs[a].b, d.buf, d.len);
        gen_sig_algs[a].len = (uint8_t)d.len;
        gen_der_free(&d);
    }
    gen_groups[0] = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
    gen_groups[1] = EC_GROUP_new_by_curve_name(NID_secp384r1);
    return gen_groups[0] != NULL && gen_groups[1] != NULL;
}

void gen_sign_cleanup(void) {
    EC_GROUP_free(gen_groups[0]);
    EC_GROUP_free(gen_groups[1]);
    gen_groups[0] = gen_groups[1] = NULL;
}

int gen_signer_init(gen_signer *s) {
    memset(s, 0, sizeof *s);
    s->ctx = BN_CTX_new();
    s->point[0] = EC_POINT_new(gen_groups[0]);
    s->point[1] = EC_POINT_new(gen_groups[1]);
    return s->ctx != NULL && s->point[0] != NULL && s->point[1] != NULL;
}

void gen_signer_cleanup(gen_signer *s) {
    for (size_t i = 0; i < s->num_nonces; i++) {
        for (int j = 0; j < GEN_NONCE_BATCH; j++) {
            BN_free(s->nonces[i].kinv[j]);
            BN_free(s->nonces[i].r[j]);
        }
        EVP_MD_CTX_free(s->nonces[i].ed);
    }
    free(s->nonces);
    BN_CTX_free(s->ctx);
    EC_POINT_free(s->point[0]);
    EC_POINT_free(s->point[1]);
    memset(s, 0, sizeof *s);
}

static size_t gen_mldsa_sig_len(gen_sig_alg a) {
    return a == GEN_SIG_MLDSA44 ? 2420 : a == GEN_SIG_MLDSA65 ? 3309 : 4627;
}

int gen_sign_is_cheap(const gen_key *key, gen_sig_alg alg) {
    return (alg == GEN_SIG_ECDSA_SHA256 && key->type == GEN_KEY_P256 && key->ec_d != NULL) ||
           (alg == GEN_SIG_ED25519 && key->pkey != NULL);
}

/* Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } */
static void gen_ecdsa_value(gen_der *out, const uint8_t *r, const uint8_t *s, size_t n) {
    uint8_t *bits = gen_der_reserve(out, 2 * n + 16);
    if (bits == NULL) {
        return;
    }
    gen_der_open(out, GEN_BIT_STRING);
    gen_der_raw(out, "", 1); /* no unused bits */
    gen_der_open(out, GEN_SEQUENCE);
    gen_der_uint_bytes(out, r, n);
    gen_der_uint_bytes(out, s, n);
    gen_der_close(out);
    gen_der_close(out);
}

static gen_nonces *gen_nonces_for(gen_signer *s, const gen_key *key) {
    for (size_t i = 0; i < s->num_nonces; i++) {
        if (s->nonces[i].key == key) {
            return &s->nonces[i];
        }
    }
    gen_nonces *n = realloc(s->nonces, (s->num_nonces + 1) * sizeof *n);
    if (n == NULL) {
        return NULL;
    }
    s->nonces = n;
    gen_nonces *e = &n[s->num_nonces];
    memset(e, 0, sizeof *e);
    e->key = key;
    for (int j = 0; j < GEN_NONCE_BATCH; j++) {
        e->kinv[j] = BN_new();
        e->r[j] = BN_new();
        if (e->kinv[j] == NULL || e->r[j] == NULL) {
            return NULL;
        }
    }
    s->num_nonces++;
    return e;
}

/* Derives the next batch: k_m = SHA-512(d || m || attempt) mod n, r_m = x(k_m G) mod n, and
 * every k_m^-1 from one inversion of their product. */
static int gen_nonces_fill(gen_signer *s, gen_nonces *b) {
    const gen_key *key = b->key;
    int which = key->type == GEN_KEY_P256 ? 0 : 1;
    const EC_GROUP *g = gen_groups[which];
    const BIGNUM *order = EC_GROUP_get0_order(g);
    size_t size = gen_key_size(key->type);
    BN_CTX *ctx = s->ctx;
    BIGNUM *k[GEN_NONCE_BATCH], *prefix[GEN_NONCE_BATCH];
    int ok = 1;
    BN_CTX_start(ctx);
    BIGNUM *x = BN_CTX_get(ctx), *inv = BN_CTX_get(ctx);
    for (int i = 0; i < GEN_NONCE_BATCH; i++) {
        k[i] = BN_CTX_get(ctx);
        prefix[i] = BN_CTX_get(ctx);
    }
    uint8_t seed[48 + 9], digest[64];
    if (prefix[GEN_NONCE_BATCH - 1] == NULL ||
        BN_bn2binpad(key->ec_d, seed, (int)size) != (int)size) {
        ok = 0;
    }
    for (int i = 0; ok && i < GEN_NONCE_BATCH; i++) {
        uint64_t m = b->made++;
        for (int b8 = 0; b8 < 8; b8++) {
            seed[size + (size_t)b8] = (uint8_t)(m >> (8 * b8));
        }
        for (uint8_t attempt = 0;; attempt++) {
            seed[size + 8] = attempt;
            SHA512(seed, size + 9, digest);
            if (attempt == 16 || !BN_bin2bn(digest, 64, k[i]) ||
                !BN_nnmod(k[i], k[i], order, ctx)) {
                ok = 0;
                break;
            }
            if (BN_is_zero(k[i]) || !EC_POINT_mul(g, s->point[which], k[i], NULL, NULL, ctx) ||
                !EC_POINT_get_affine_coordinates(g, s->point[which], x, NULL, ctx) ||
                !BN_nnmod(b->r[i], x, order, ctx) || BN_is_zero(b->r[i])) {
                continue;
            }
            break;
        }
        if (ok) {
            ok = i == 0 ? BN_copy(prefix[0], k[0]) != NULL
                        : BN_mod_mul(prefix[i], prefix[i - 1], k[i], order, ctx);
        }
    }
    ok = ok && BN_mod_inverse(inv, prefix[GEN_NONCE_BATCH - 1], order, ctx) != NULL;
    for (int i = GEN_NONCE_BATCH - 1; ok && i >= 0; i--) {
        ok = i == 0 ? BN_copy(b->kinv[0], inv) != NULL
                    : BN_mod_mul(b->kinv[i], inv, prefix[i - 1], order, ctx) &&
                          BN_mod_mul(inv, inv, k[i], order, ctx);
    }
    BN_CTX_end(ctx);
    OPENSSL_cleanse(seed, sizeof seed);
    b->next = 0;
    b->count = ok ? GEN_NONCE_BATCH : 0;
    return ok;
}

/* ECDSA over digest h: s = k^-1 (e + r d) mod n with the key's next nonce. */
static int gen_ecdsa(gen_signer *s, const gen_key *key, const uint8_t *h, size_t hlen,
                     gen_der *out) {
    gen_nonces *b = gen_nonces_for(s, key);
    const BIGNUM *order = EC_GROUP_get0_order(gen_groups[key->type == GEN_KEY_P256 ? 0 : 1]);
    size_t size = gen_key_size(key->type);
    BN_CTX *ctx = s->ctx;
    int ok = 0;
    BN_CTX_start(ctx);
    BIGNUM *e = BN_CTX_get(ctx), *sv = BN_CTX_get(ctx);
    uint8_t rb[48], sb[48];
    if (b == NULL || sv == NULL || !BN_bin2bn(h, (int)(hlen < size ? hlen : size), e)) {
        goto done;
    }
    for (int tries = 0; tries < 4 && !ok; tries++) {
        if (b->next == b->count && !gen_nonces_fill(s, b)) {
            goto done;
        }
        int i = b->next++;
        if (!BN_mod_mul(sv, b->r[i], key->ec_d, order, ctx) || !BN_mod_add(sv, sv, e, order, ctx) ||
            !BN_mod_mul(sv, sv, b->kinv[i], order, ctx)) {
            goto done;
        }
        if (BN_is_zero(sv)) {
            continue; /* s = 0: take the next nonce (FIPS 186-5 §6.4.1) */
        }
        if (BN_bn2binpad(b->r[i], rb, (int)size) == (int)size &&
            BN_bn2binpad(sv, sb, (int)size) == (int)size) {
            gen_ecdsa_value(out, rb, sb, size);
            ok = !out->failed;
        }
        break;
    }
done:
    BN_CTX_end(ctx);
    return ok;
}

static int gen_sign_evp(gen_signer *s, const gen_key *key, gen_sig_alg alg, const uint8_t *tbs,
                        size_t len, gen_der *out) {
    const EVP_MD *md = alg == GEN_SIG_ED25519      ? NULL
                       : alg == GEN_SIG_RSA_SHA384 ? EVP_sha384()
                       : alg == GEN_SIG_RSA_SHA512 ? EVP_sha512()
                       : alg == GEN_SIG_RSA_SHA1   ? EVP_sha1()
                                                   : EVP_sha256();
    /* Ed25519 signs one-shot, so its context can be set up once per key and reused; RSA
     * (CA certificates only) gets a fresh one. */
    EVP_MD_CTX *mctx = NULL;
    gen_nonces *cached = alg == GEN_SIG_ED25519 ? gen_nonces_for(s, key) : NULL;
    if (cached != NULL && cached->ed != NULL) {
        mctx = cached->ed;
    } else {
        mctx = EVP_MD_CTX_new();
        if (mctx == NULL || EVP_DigestSignInit(mctx, NULL, md, NULL, key->pkey) != 1) {
            EVP_MD_CTX_free(mctx);
            return 0;
        }
        if (cached != NULL) {
            cached->ed = mctx;
        }
    }
    size_t sig_len = 0;
    int ok = EVP_DigestSign(mctx, NULL, &sig_len, tbs, len) == 1;
    if (ok) {
        gen_der_open(out, GEN_BIT_STRING);
        gen_der_raw(out, "", 1);
        uint8_t *p = gen_der_reserve(out, sig_len);
        ok = p != NULL && EVP_DigestSign(mctx, p, &sig_len, tbs, len) == 1;
        if (ok) {
            out->len += sig_len;
        }
        gen_der_close(out);
    }
    if (cached == NULL) {
        EVP_MD_CTX_free(mctx);
    }
    return ok && !out->failed;
}

static void gen_sign_fake(const gen_key *key, gen_sig_alg alg, gen_rng *r, gen_der *out) {
    uint8_t buf[64];
    switch (alg) {
    case GEN_SIG_ECDSA_SHA256:
    case GEN_SIG_ECDSA_SHA384:
    case GEN_SIG_ECDSA_SHA512: {
        /* The curve is the issuer's; below the order because the first octet is below the
         * order's (0xFF for P-256 and P-384; P-521 values get a zero first octet). */
        size_t n = alg == GEN_SIG_ECDSA_SHA256 ? 32 : alg == GEN_SIG_ECDSA_SHA384 ? 48 : 66;
        uint8_t rb[66], sb[66];
        gen_rng_bytes(r, rb, n);
        gen_rng_bytes(r, sb, n);
        rb[0] = n == 66 ? 0 : (uint8_t)gen_rng_below(r, 0xFF);
        sb[0] = n == 66 ? 0 : (uint8_t)gen_rng_below(r, 0xFF);
        rb[n - 1] |= 1; /* never zero */
        sb[n - 1] |= 1;
        gen_ecdsa_value(out, rb, sb, n);
        return;
    }
    case GEN_SIG_ED25519:
        gen_rng_bytes(r, buf, 64);
        gen_der_bits(out, 0, buf, 64);
        return;
    case GEN_SIG_MLDSA44:
    case GEN_SIG_MLDSA65:
    case GEN_SIG_MLDSA87: {
        size_t n = gen_mldsa_sig_len(alg);
        gen_der_open(out, GEN_BIT_STRING);
        gen_der_raw(out, "", 1);
        uint8_t *p = gen_der_reserve(out, n);
        if (p != NULL) {
            gen_rng_bytes(r, p, n);
            out->len += n;
        }
        gen_der_close(out);
        return;
    }
    default: {
        /* RSA: as long as the modulus, and numerically below it. */
        size_t n = gen_key_size(key->type);
        if (n == 0) {
            n = 256;
        }
        gen_der_open(out, GEN_BIT_STRING);
        gen_der_raw(out, "", 1);
        uint8_t *p = gen_der_reserve(out, n);
        if (p != NULL) {
            gen_rng_bytes(r, p, n);
            p[0] = (uint8_t)gen_rng_below(r, key->mod_top ? key->mod_top : 0x80);
            out->len += n;
        }
        gen_der_close(out);
        return;
    }
    }
}

int gen_sign(gen_signer *s, const gen_key *key, gen_sig_alg alg, int real, const uint8_t *tbs,
             size_t tbs_len, gen_rng *r, gen_der *out) {
    if (real && key->ec_d != NULL &&
        ((alg == GEN_SIG_ECDSA_SHA256 && key->type == GEN_KEY_P256) ||
         (alg == GEN_SIG_ECDSA_SHA384 && key->type == GEN_KEY_P384))) {
        uint8_t h[48];
        if (alg == GEN_SIG_ECDSA_SHA256) {
            SHA256(tbs, tbs_len, h);
        } else {
            SHA384(tbs, tbs_len, h);
        }
        s->real++;
        return gen_ecdsa(s, key, h, alg == GEN_SIG_ECDSA_SHA256 ? 32 : 48, out);
    }
    if (real && key->pkey != NULL &&
        ((alg == GEN_SIG_ED25519 && key->type == GEN_KEY_ED25519) ||
         ((alg == GEN_SIG_RSA_SHA256 || alg == GEN_SIG_RSA_SHA384 || alg == GEN_SIG_RSA_SHA512 ||
           alg == GEN_SIG_RSA_SHA1) &&
          gen_key_is_rsa(key->type)))) {
        s->real++;
        return gen_sign_evp(s, key, alg, tbs, tbs_len, out);
    }
    s->fake++;
    gen_sign_fake(key, alg, r, out);
    return !out->failed;
}
