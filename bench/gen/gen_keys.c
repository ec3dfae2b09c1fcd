#include "bench/gen/gen_keys.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/param_build.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "bench/gen/gen_der.h"
#include "bench/gen/gen_oid.h"
#include "bench/gen/gen_rng.h"

static const char *const gen_key_names[GEN_KEY_TYPE_COUNT] = {
    "rsa2048", "rsa3072", "rsa4096", "p256",    "p384",     "p521",
    "ed25519", "mldsa44", "mldsa65", "mldsa87", "mlkem768", "rsa1024",
};

const char *gen_key_type_name(gen_key_type t) {
    return gen_key_names[t];
}

int gen_key_is_rsa(gen_key_type t) {
    return t == GEN_KEY_RSA2048 || t == GEN_KEY_RSA3072 || t == GEN_KEY_RSA4096 ||
           t == GEN_KEY_RSA1024;
}

int gen_key_is_ec(gen_key_type t) {
    return t == GEN_KEY_P256 || t == GEN_KEY_P384 || t == GEN_KEY_P521;
}

int gen_key_is_mldsa(gen_key_type t) {
    return t == GEN_KEY_MLDSA44 || t == GEN_KEY_MLDSA65 || t == GEN_KEY_MLDSA87;
}

size_t gen_key_size(gen_key_type t) {
    switch (t) {
    case GEN_KEY_RSA1024:
        return 128;
    case GEN_KEY_RSA2048:
        return 256;
    case GEN_KEY_RSA3072:
        return 384;
    case GEN_KEY_RSA4096:
        return 512;
    case GEN_KEY_P256:
        return 32;
    case GEN_KEY_P384:
        return 48;
    case GEN_KEY_P521:
        return 66;
    default:
        return 0;
    }
}

/* FIPS 204 / FIPS 203 public key lengths. */
static size_t gen_key_raw_len(gen_key_type t) {
    switch (t) {
    case GEN_KEY_MLDSA44:
        return 1312;
    case GEN_KEY_MLDSA65:
        return 1952;
    case GEN_KEY_MLDSA87:
        return 2592;
    case GEN_KEY_MLKEM768:
        return 1184;
    default:
        return 0;
    }
}

static gen_oid_id gen_key_raw_oid(gen_key_type t) {
    switch (t) {
    case GEN_KEY_MLDSA44:
        return GEN_ALG_MLDSA44;
    case GEN_KEY_MLDSA65:
        return GEN_ALG_MLDSA65;
    case GEN_KEY_MLDSA87:
        return GEN_ALG_MLDSA87;
    case GEN_KEY_MLKEM768:
        return GEN_ALG_MLKEM768;
    default:
        return GEN_ALG_ED25519;
    }
}

/* SPKI with an absent-parameters AlgorithmIdentifier and a raw key (Ed25519, ML-DSA, ML-KEM). */
static int gen_spki_raw(gen_key *k, gen_oid_id alg, const uint8_t *pub, size_t len) {
    gen_der d;
    gen_der_init(&d);
    gen_der_open(&d, GEN_SEQUENCE);
    gen_der_open(&d, GEN_SEQUENCE);
    gen_der_oid(&d, gen_oids[alg].b, gen_oids[alg].len);
    gen_der_close(&d);
    gen_der_bits(&d, 0, pub, len);
    gen_der_close(&d);
    if (d.failed) {
        gen_der_free(&d);
        return 0;
    }
    k->spki = d.buf;
    k->spki_len = d.len;
    return 1;
}

/* Key identifiers over the subjectPublicKey BIT STRING value (without the unused-bits octet). */
static void gen_key_ids(gen_key *k, const uint8_t *pub, size_t len) {
    uint8_t h[32];
    SHA1(pub, len, k->ski_sha1);
    SHA256(pub, len, h);
    memcpy(k->ski_sha256, h, 20);
}

static int gen_key_raw(gen_key *k, gen_rng *r) {
    size_t len = gen_key_raw_len(k->type);
    uint8_t *pub = malloc(len);
    if (pub == NULL) {
        return 0;
    }
    gen_rng_bytes(r, pub, len);
    int ok = gen_spki_raw(k, gen_key_raw_oid(k->type), pub, len);
    gen_key_ids(k, pub, len);
    free(pub);
    return ok;
}

static int gen_key_ed25519(gen_key *k, gen_rng *r, int signing) {
    uint8_t priv[32], pub[32];
    size_t pub_len = sizeof pub;
    gen_rng_bytes(r, priv, sizeof priv);
    EVP_PKEY *p = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, priv, sizeof priv);
    if (p == NULL || EVP_PKEY_get_raw_public_key(p, pub, &pub_len) != 1 || pub_len != 32) {
        EVP_PKEY_free(p);
        return 0;
    }
    int ok = gen_spki_raw(k, GEN_ALG_ED25519, pub, pub_len);
    gen_key_ids(k, pub, pub_len);
    if (signing) {
        k->pkey = p;
    } else {
        EVP_PKEY_free(p);
    }
    return ok;
}

static int gen_key_ec(gen_key *k, gen_rng *r, int signing) {
    int nid = k->type == GEN_KEY_P256   ? NID_X9_62_prime256v1
              : k->type == GEN_KEY_P384 ? NID_secp384r1
                                        : NID_secp521r1;
    size_t size = gen_key_size(k->type);
    EC_GROUP *g = EC_GROUP_new_by_curve_name(nid);
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *d = BN_new();
    EC_POINT *q = g != NULL ? EC_POINT_new(g) : NULL;
    uint8_t pub[1 + 2 * 66], raw[66];
    int ok = g != NULL && ctx != NULL && d != NULL && q != NULL;
    while (ok) {
        gen_rng_bytes(r, raw, size);
        if (size == 66) {
            raw[0] &= 0x01; /* P-521: 521 bits */
        }
        ok = BN_bin2bn(raw, (int)size, d) != NULL;
        if (ok && !BN_is_zero(d) && BN_cmp(d, EC_GROUP_get0_order(g)) < 0) {
            break;
        }
    }
    size_t pub_len = 0;
    if (ok) {
        ok = EC_POINT_mul(g, q, d, NULL, NULL, ctx) == 1;
        pub_len =
            ok ? EC_POINT_point2oct(g, q, POINT_CONVERSION_UNCOMPRESSED, pub, sizeof pub, ctx) : 0;
        ok = pub_len == 1 + 2 * size;
    }
    if (ok) {
        gen_oid_id curve = k->type == GEN_KEY_P256   ? GEN_ALG_P256
                           : k->type == GEN_KEY_P384 ? GEN_ALG_P384
                                                     : GEN_ALG_P521;
        gen_der der;
        gen_der_init(&der);
        gen_der_open(&der, GEN_SEQUENCE);
        gen_der_open(&der, GEN_SEQUENCE);
        gen_der_oid(&der, gen_oids[GEN_ALG_EC].b, gen_oids[GEN_ALG_EC].len);
        gen_der_oid(&der, gen_oids[curve].b, gen_oids[curve].len);
        gen_der_close(&der);
        gen_der_bits(&der, 0, pub, pub_len);
        gen_der_close(&der);
        ok = !der.failed;
        k->spki = der.buf;
        k->spki_len = der.len;
        gen_key_ids(k, pub, pub_len);
    }
    if (ok && signing) {
        k->ec_d = d;
        d = NULL;
    }
    BN_clear_free(d);
    EC_POINT_free(q);
    BN_CTX_free(ctx);
    EC_GROUP_free(g);
    return ok;
}

/* Odd primes below 2^16 for the sieve: most candidates die here, before any modular
 * exponentiation. */
#define GEN_SIEVE_PRIMES 6541
static uint16_t gen_small_primes[GEN_SIEVE_PRIMES];
static size_t gen_num_small_primes;
static pthread_once_t gen_primes_once = PTHREAD_ONCE_INIT;

static void gen_primes_init(void) {
    static uint8_t composite[1 << 16];
    for (uint32_t n = 3; n < (1u << 16); n += 2) {
        if (composite[n]) {
            continue;
        }
        if (gen_num_small_primes < GEN_SIEVE_PRIMES) {
            gen_small_primes[gen_num_small_primes++] = (uint16_t)n;
        }
        for (uint32_t m = n * n; m < (1u << 16); m += 2 * n) {
            composite[m] = 1;
        }
    }
}

/* Miller-Rabin with `rounds` bases drawn from the seeded stream; 1 when probably prime. */
static int gen_miller_rabin(const BIGNUM *n, int rounds, gen_rng *r, BN_CTX *ctx) {
    BN_CTX_start(ctx);
    BIGNUM *n1 = BN_CTX_get(ctx), *d = BN_CTX_get(ctx), *a = BN_CTX_get(ctx), *x = BN_CTX_get(ctx);
    BN_MONT_CTX *mont = BN_MONT_CTX_new();
    int result = 0;
    if (x == NULL || mont == NULL || !BN_MONT_CTX_set(mont, n, ctx) || !BN_copy(n1, n) ||
        !BN_sub_word(n1, 1)) {
        goto done;
    }
    int s = 0;
    while (!BN_is_bit_set(n1, s)) {
        s++;
    }
    if (!BN_rshift(d, n1, s)) {
        goto done;
    }
    uint8_t raw[64];
    /* Bases below n: one octet shorter than n, at most 64 octets. */
    int len = BN_num_bytes(n) - 1;
    if (len > (int)sizeof raw) {
        len = (int)sizeof raw;
    }
    for (int round = 0; round < rounds; round++) {
        gen_rng_bytes(r, raw, (size_t)len);
        if (!BN_bin2bn(raw, len, a) || !BN_add_word(a, 2) ||
            !BN_mod_exp_mont(x, a, d, n, ctx, mont)) {
            goto done;
        }
        if (BN_is_one(x) || BN_cmp(x, n1) == 0) {
            continue;
        }
        int witness = 1;
        for (int i = 1; i < s && witness; i++) {
            if (!BN_mod_sqr(x, x, n, ctx)) {
                goto done;
            }
            witness = BN_cmp(x, n1) != 0;
        }
        if (witness) {
            goto done;
        }
    }
    result = 1;
done:
    BN_MONT_CTX_free(mont);
    BN_CTX_end(ctx);
    return result;
}

/* Fermat test to base 2 (2^(n-1) = 1 mod n): a word base makes the exponentiation cheaper
 * than a Miller-Rabin round, and it rejects almost every composite the sieve left. */
static int gen_fermat2(const BIGNUM *n, BN_CTX *ctx) {
    BN_CTX_start(ctx);
    BIGNUM *e = BN_CTX_get(ctx), *v = BN_CTX_get(ctx);
    int ok = v != NULL && BN_copy(e, n) && BN_sub_word(e, 1) &&
             BN_mod_exp_mont_word(v, 2, e, n, ctx, NULL) && BN_is_one(v);
    BN_CTX_end(ctx);
    return ok;
}

/* A prime of exactly `bits` bits with the top two bits set (so p*q has 2*bits bits) and
 * p mod 65537 != 1 (so e = 65537 is invertible). */
static BIGNUM *gen_prime(int bits, gen_rng *r, BN_CTX *ctx) {
    pthread_once(&gen_primes_once, gen_primes_init);
    uint8_t raw[512];
    size_t nbytes = (size_t)bits / 8;
    /* Candidates p + delta for even delta < 2^17, sieved in one window. */
    enum { WINDOW = 1 << 16 };
    static _Thread_local uint8_t composite[WINDOW];
    BIGNUM *p = BN_new();
    if (p == NULL) {
        return NULL;
    }
    for (;;) {
        gen_rng_bytes(r, raw, nbytes);
        raw[0] |= 0xC0;
        raw[nbytes - 1] |= 1;
        if (!BN_bin2bn(raw, (int)nbytes, p)) {
            break;
        }
        memset(composite, 0, sizeof composite);
        for (size_t i = 0; i < gen_num_small_primes; i++) {
            uint32_t q = gen_small_primes[i];
            uint32_t rem = (uint32_t)BN_mod_word(p, q);
            /* the first even delta with p + delta = 0 mod q, then every 2q */
            uint32_t delta = (q - rem) % q;
            if (delta & 1) {
                delta += q;
            }
            for (uint32_t d = delta / 2; d < WINDOW; d += q) {
                composite[d] = 1;
            }
        }
        for (uint32_t k = 0; k < WINDOW; k++) {
            if (composite[k]) {
                continue;
            }
            BIGNUM *c = BN_dup(p);
            if (c == NULL || !BN_add_word(c, 2 * k)) {
                BN_free(c);
                break;
            }
            if (BN_num_bits(c) == bits && BN_mod_word(c, 65537) != 1 && gen_fermat2(c, ctx) &&
                gen_miller_rabin(c, 6, r, ctx)) {
                BN_free(p);
                return c;
            }
            BN_free(c);
        }
    }
    BN_free(p);
    return NULL;
}

static int gen_rsa_private(gen_key *k, BIGNUM *n, BIGNUM *e, BIGNUM *p, BIGNUM *q, BN_CTX *ctx) {
    BN_CTX_start(ctx);
    BIGNUM *p1 = BN_CTX_get(ctx), *q1 = BN_CTX_get(ctx), *phi = BN_CTX_get(ctx),
           *d = BN_CTX_get(ctx), *dp = BN_CTX_get(ctx), *dq = BN_CTX_get(ctx),
           *qinv = BN_CTX_get(ctx);
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *pctx = NULL;
    int ok = qinv != NULL && bld != NULL && BN_sub(p1, p, BN_value_one()) &&
             BN_sub(q1, q, BN_value_one()) && BN_mul(phi, p1, q1, ctx) &&
             BN_mod_inverse(d, e, phi, ctx) != NULL && BN_mod(dp, d, p1, ctx) &&
             BN_mod(dq, d, q1, ctx) && BN_mod_inverse(qinv, q, p, ctx) != NULL &&
             OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) &&
             OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) &&
             OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_D, d) &&
             OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_FACTOR1, p) &&
             OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_FACTOR2, q) &&
             OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_EXPONENT1, dp) &&
             OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_EXPONENT2, dq) &&
             OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, qinv);
    if (ok) {
        params = OSSL_PARAM_BLD_to_param(bld);
        pctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
        ok = params != NULL && pctx != NULL && EVP_PKEY_fromdata_init(pctx) == 1 &&
             EVP_PKEY_fromdata(pctx, &k->pkey, EVP_PKEY_KEYPAIR, params) == 1;
    }
    EVP_PKEY_CTX_free(pctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_CTX_end(ctx);
    return ok;
}

static int gen_key_rsa(gen_key *k, gen_rng *r, int signing) {
    int bits = (int)gen_key_size(k->type) * 8;
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *p = NULL, *q = NULL, *n = BN_new(), *e = BN_new();
    int ok = ctx != NULL && n != NULL && e != NULL && BN_set_word(e, 65537);
    if (ok) {
        p = gen_prime(bits / 2, r, ctx);
        q = gen_prime(bits / 2, r, ctx);
        ok = p != NULL && q != NULL && BN_cmp(p, q) != 0 && BN_mul(n, p, q, ctx) &&
             BN_num_bits(n) == bits;
    }
    if (ok) {
        size_t mlen = (size_t)bits / 8;
        uint8_t *mod = malloc(mlen);
        gen_der d;
        gen_der_init(&d);
        ok = mod != NULL && BN_bn2binpad(n, mod, (int)mlen) == (int)mlen;
        if (ok) {
            k->mod_top = mod[0];
            /* RSAPublicKey first, then the SPKI around it. */
            static const uint8_t e65537[] = {0x01, 0x00, 0x01};
            gen_der_open(&d, GEN_SEQUENCE);
            gen_der_uint_bytes(&d, mod, mlen);
            gen_der_uint_bytes(&d, e65537, sizeof e65537);
            gen_der_close(&d);
            gen_der spki;
            gen_der_init(&spki);
            gen_der_open(&spki, GEN_SEQUENCE);
            gen_der_open(&spki, GEN_SEQUENCE);
            gen_der_oid(&spki, gen_oids[GEN_ALG_RSA].b, gen_oids[GEN_ALG_RSA].len);
            gen_der_null(&spki);
            gen_der_close(&spki);
            gen_der_bits(&spki, 0, d.buf, d.len);
            gen_der_close(&spki);
            ok = !d.failed && !spki.failed;
            gen_key_ids(k, d.buf, d.len);
            k->spki = spki.buf;
            k->spki_len = spki.len;
        }
        gen_der_free(&d);
        free(mod);
    }
    if (ok && signing) {
        ok = gen_rsa_private(k, n, e, p, q, ctx);
    }
    BN_clear_free(p);
    BN_clear_free(q);
    BN_free(n);
    BN_free(e);
    BN_CTX_free(ctx);
    return ok;
}

int gen_key_make(gen_key *k, gen_key_type type, uint64_t seed, uint64_t index, int signing) {
    memset(k, 0, sizeof *k);
    k->type = type;
    gen_rng r;
    gen_rng_init(&r, seed, GEN_RNG_KEY, (uint64_t)type << 32 ^ index ^ (signing ? 1ull << 63 : 0));
    if (gen_key_is_rsa(type)) {
        return gen_key_rsa(k, &r, signing);
    }
    if (gen_key_is_ec(type)) {
        return gen_key_ec(k, &r, signing);
    }
    if (type == GEN_KEY_ED25519) {
        return gen_key_ed25519(k, &r, signing);
    }
    return gen_key_raw(k, &r);
}

void gen_key_cleanup(gen_key *k) {
    free(k->spki);
    EVP_PKEY_free(k->pkey);
    BN_clear_free(k->ec_d);
    memset(k, 0, sizeof *k);
}

typedef struct gen_key_work {
    gen_key_job *jobs;
    size_t num_jobs;
    size_t next;
    uint64_t seed;
    int failed;
    pthread_mutex_t lock;
} gen_key_work;

static void *gen_key_worker(void *arg) {
    gen_key_work *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->lock);
        size_t i = w->next++;
        pthread_mutex_unlock(&w->lock);
        if (i >= w->num_jobs) {
            return NULL;
        }
        gen_key_job *j = &w->jobs[i];
        if (!gen_key_make(j->out, j->type, w->seed, j->index, j->signing)) {
            pthread_mutex_lock(&w->lock);
            w->failed = 1;
            pthread_mutex_unlock(&w->lock);
        }
    }
}

int gen_keys_make_all(gen_key_job *jobs, size_t num_jobs, uint64_t seed, int threads) {
    gen_key_work w = {.jobs = jobs, .num_jobs = num_jobs, .seed = seed};
    pthread_mutex_init(&w.lock, NULL);
    pthread_t tid[64];
    int started = 0;
    if (threads > 64) {
        threads = 64;
    }
    for (int t = 1; t < threads; t++) {
        if (pthread_create(&tid[started], NULL, gen_key_worker, &w) == 0) {
            started++;
        }
    }
    gen_key_worker(&w);
    for (int t = 0; t < started; t++) {
        pthread_join(tid[t], NULL);
    }
    pthread_mutex_destroy(&w.lock);
    return !w.failed;
}
