/* Signature algorithms and signing. Real signatures are made where they are cheap enough for
 * the generation rate: ECDSA (own implementation on OpenSSL's EC arithmetic, with a nonce
 * derived from the private key and the digest so output is repeatable; OpenSSL 3.0 has no
 * RFC 6979) and Ed25519 always; RSA PKCS #1 v1.5 and P-384 only when asked (CA certificates).
 * Otherwise the signatureValue is random octets of the right shape: an RSA signature below
 * the modulus, an Ecdsa-Sig-Value SEQUENCE of two positive INTEGERs below the order, 64 octets
 * for Ed25519, 2420/3309/4627 octets for ML-DSA (no ML-DSA in OpenSSL 3.0). */
#ifndef CS_GEN_SIGN_H
#define CS_GEN_SIGN_H

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <stddef.h>
#include <stdint.h>

#include "bench/gen/gen_der.h"
#include "bench/gen/gen_keys.h"
#include "bench/gen/gen_rng.h"

typedef enum gen_sig_alg {
    GEN_SIG_RSA_SHA256 = 0,
    GEN_SIG_RSA_SHA384,
    GEN_SIG_RSA_SHA512,
    GEN_SIG_RSA_PSS_SHA256,
    GEN_SIG_RSA_PSS_SHA384,
    GEN_SIG_ECDSA_SHA256,
    GEN_SIG_ECDSA_SHA384,
    GEN_SIG_ECDSA_SHA512, /* P-521 issuers; random-shaped (no real P-521 signing) */
    GEN_SIG_ED25519,
    GEN_SIG_MLDSA44,
    GEN_SIG_MLDSA65,
    GEN_SIG_MLDSA87,
    GEN_SIG_RSA_SHA1, /* defects only */
    GEN_SIG_COUNT
} gen_sig_alg;

/* The AlgorithmIdentifier DER of each algorithm, in the exact encodings of SBR 7.1.3.2
 * (built by gen_sign_init). */
typedef struct gen_sig_alg_der {
    uint8_t b[80];
    uint8_t len;
} gen_sig_alg_der;
extern gen_sig_alg_der gen_sig_algs[GEN_SIG_COUNT];

const char *gen_sig_alg_name(gen_sig_alg a);
/* The usual algorithm for a key (RSA: SHA-256; P-384: ECDSA-SHA384; ML-DSA: same set). */
gen_sig_alg gen_sig_alg_for_key(gen_key_type t);

/* Builds the AlgorithmIdentifier table and the EC groups; call once before threads start. */
int gen_sign_init(void);
void gen_sign_cleanup(void);

/* ECDSA nonces are made 64 at a time per key so that one modular inversion serves 64
 * signatures (Montgomery's trick); the inversion otherwise costs as much as the scalar
 * multiplication. The m-th signature of a key uses nonce m of that key, so output stays
 * repeatable as long as one signer signs in a fixed order. */
#define GEN_NONCE_BATCH 64

typedef struct gen_nonces {
    const gen_key *key;
    uint64_t made; /* nonces derived so far */
    int next, count;
    BIGNUM *kinv[GEN_NONCE_BATCH], *r[GEN_NONCE_BATCH];
    void *ed; /* Ed25519 keys: an EVP_MD_CTX initialised once and reused */
} gen_nonces;

/* Per-thread signing state. */
typedef struct gen_signer {
    BN_CTX *ctx;
    EC_POINT *point[2]; /* P-256, P-384 */
    gen_nonces *nonces; /* one entry per ECDSA key used */
    size_t num_nonces;
    uint64_t real, fake;
} gen_signer;

int gen_signer_init(gen_signer *s);
void gen_signer_cleanup(gen_signer *s);

/* 1 when `key` can make a real `alg` signature cheaply (ECDSA P-256, Ed25519). */
int gen_sign_is_cheap(const gen_key *key, gen_sig_alg alg);
/* Appends the signatureValue BIT STRING over tbs to out: a real signature with `key` when
 * `real` is set and the key can sign with `alg`, random octets of the right shape otherwise.
 * Returns 0 when a real signature failed. */
int gen_sign(gen_signer *s, const gen_key *key, gen_sig_alg alg, int real, const uint8_t *tbs,
             size_t tbs_len, gen_rng *r, gen_der *out);

#endif
