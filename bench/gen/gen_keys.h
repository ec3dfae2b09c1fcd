/* Keys for the generator, made deterministically from (--seed, index): RSA from a seeded prime
 * search (sieve, then Miller-Rabin with seeded bases; OpenSSL's keygen draws from its own DRBG
 * and could not be repeated), EC private scalars from the seed with the public point computed
 * by OpenSSL, Ed25519 from a seeded 32-octet private key. ML-DSA and ML-KEM are not in
 * OpenSSL 3.0: their public keys are random octets of the FIPS 204/203 length behind the right
 * AlgorithmIdentifier, and they cannot sign. Subscriber keys come from a pool made once and
 * shared by many certificates; each CA has its own key. */
#ifndef CS_GEN_KEYS_H
#define CS_GEN_KEYS_H

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <stddef.h>
#include <stdint.h>

typedef enum gen_key_type {
    GEN_KEY_RSA2048 = 0,
    GEN_KEY_RSA3072,
    GEN_KEY_RSA4096,
    GEN_KEY_P256,
    GEN_KEY_P384,
    GEN_KEY_P521,
    GEN_KEY_ED25519,
    GEN_KEY_MLDSA44,
    GEN_KEY_MLDSA65,
    GEN_KEY_MLDSA87,
    GEN_KEY_MLKEM768,
    GEN_KEY_RSA1024, /* only for the weak-key defect */
    GEN_KEY_TYPE_COUNT
} gen_key_type;

typedef struct gen_key {
    gen_key_type type;
    uint8_t *spki; /* SubjectPublicKeyInfo DER */
    size_t spki_len;
    uint8_t ski_sha1[20];   /* RFC 5280 §4.2.1.2 method 1 */
    uint8_t ski_sha256[20]; /* RFC 7093 §2 method 1: leftmost 160 bits of SHA-256 */
    uint8_t mod_top;        /* RSA: the modulus' first octet, so fake signatures stay below it */
    EVP_PKEY *pkey;         /* RSA and Ed25519 signing keys; NULL for pool keys */
    BIGNUM *ec_d;           /* EC signing keys: the private scalar */
} gen_key;

const char *gen_key_type_name(gen_key_type t);
int gen_key_is_rsa(gen_key_type t);
int gen_key_is_ec(gen_key_type t);
int gen_key_is_mldsa(gen_key_type t);
/* RSA modulus octets, EC field octets, 0 for others. */
size_t gen_key_size(gen_key_type t);

/* Makes key `index` of `type` from the seed; `signing` keeps what is needed to sign. Returns 0
 * on an OpenSSL failure. */
int gen_key_make(gen_key *k, gen_key_type type, uint64_t seed, uint64_t index, int signing);
void gen_key_cleanup(gen_key *k);

/* Several keys at once on `threads` threads (key generation dominates start-up). jobs[i]
 * describes key i: type, index, signing; results land in out[i]. */
typedef struct gen_key_job {
    gen_key_type type;
    uint64_t index;
    int signing;
    gen_key *out;
} gen_key_job;
int gen_keys_make_all(gen_key_job *jobs, size_t num_jobs, uint64_t seed, int threads);

/* The subscriber key pool: `count[t]` keys of each type. */
typedef struct gen_key_pool {
    gen_key *keys[GEN_KEY_TYPE_COUNT];
    size_t count[GEN_KEY_TYPE_COUNT];
} gen_key_pool;

#endif
