/* Builder support for algorithm tests: DER pieces (AlgorithmIdentifiers, SubjectPublicKeyInfos,
 * RSA keys, EC points, DSS signature values, keyUsage values) in fixed buffers, and a build that
 * takes a tcert and replaces its SubjectPublicKeyInfo, signature AlgorithmIdentifiers and
 * signatureValue with such pieces. */
#ifndef CS_TEST_TCERT_ALGS_H
#define CS_TEST_TCERT_ALGS_H

#include <stddef.h>
#include <stdint.h>

#include "tests/support/tcert.h"

#define TDER_CAP 8192

/* A DER fragment in a fixed buffer (large enough for ML-DSA-87 keys and signatures). */
typedef struct tder {
    uint8_t b[TDER_CAP];
    size_t len;
} tder;

/* AlgorithmIdentifier { oid, params }: `params` is the whole parameters TLV, NULL for absent. */
void tder_alg(tder *out, const char *oid, const void *params, size_t params_len);
/* AlgorithmIdentifier whose parameters are a named curve OID (id-ecPublicKey style). */
void tder_alg_curve(tder *out, const char *oid, const char *curve_oid);
/* SubjectPublicKeyInfo { alg, BIT STRING (unused, key) }. */
void tder_spki(tder *out, const tder *alg, const void *key, size_t key_len, unsigned unused);
/* RSAPublicKey { modulus, publicExponent } with these INTEGER contents, as given. */
void tder_rsa_key(tder *out, const void *n, size_t n_len, const void *e, size_t e_len);
/* A 2048-bit positive modulus (odd, top bit set, minimal with its 0x00 pad) and e = 65537. */
void tder_rsa_key_default(tder *out);
/* The public point of a fresh key on an OpenSSL group ("P-256", "P-384", "P-521",
 * "secp256k1", "brainpoolP256r1"), uncompressed or compressed. */
void tder_ec_point(tder *out, const char *group, int compressed);
/* SEQUENCE { r INTEGER, s INTEGER } with these contents, as given. */
void tder_dss_sig(tder *out, const void *r, size_t r_len, const void *s, size_t s_len);
/* A keyUsage extnValue: the named bits CS_KU_* in minimal DER (trailing zero bits removed). */
void tder_ku(tder *out, unsigned bits);
/* `len` octets of a repeating pattern, for raw keys and signatures. */
void tder_fill(tder *out, size_t len);

typedef struct tcert_algs {
    const tder *spki;        /* NULL: the tcert's key */
    const tder *tbs_sig_alg; /* NULL: the tcert's tbsCertificate.signature */
    const tder *sig_alg;     /* NULL: the tcert's signatureAlgorithm */
    const tder *sig;         /* signatureValue octets; NULL: a valid 8-octet ECDSA value */
    unsigned sig_unused;     /* unused-bits octet of signatureValue */
} tcert_algs;

/* Builds the tcert, then splices the replacements in. The caller frees the result. */
uint8_t *tcert_algs_build(const tcert *t, const tcert_algs *a, size_t *out_len);

/* Lints a certificate built from t and a: 1/0 for the rule as lintone, aborting when it does
 * not parse. */
int tcert_algs_lint(const tcert *t, const tcert_algs *a, const char *rule);

/* Number of findings of the algorithm rules (ids starting with rfc3279., rfc4055., rfc5480.,
 * rfc5758., rfc8410., rfc9295., rfc9881., rfc9935.) for the certificate; the first one's id is
 * written to first (may be NULL). */
int tcert_algs_area_findings(const tcert *t, const tcert_algs *a, char *first, size_t first_len);

#endif
