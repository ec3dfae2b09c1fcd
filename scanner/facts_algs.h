/* Facts about signature and public key algorithms: parameter encodings, key sizes and forms,
 * signature value forms, and keyUsage bits against the key's algorithm.
 *
 * Each column is a finding-shaped fact ("this is wrong"), so that the rules are single-column
 * predicates. Columns about keyUsage are set only when the extension is present and decodes.
 * Columns named _BY_KIND already take the certificate's kind (end entity or CA) into account,
 * because the allowed bits differ by kind. */
#ifndef CS_FACTS_ALGS_H
#define CS_FACTS_ALGS_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_ALGS_FIRST_ = CS_COL_ALGS_BASE - 1,
    /* rsaEncryption and id-RSASSA-PSS keys (RFC 3279 §2.3.1, RFC 4055 §1.2) */
    CS_COL_RSA_SPKI_PARAMS_NOT_NULL, /* rsaEncryption SPKI parameters absent or not NULL */
    CS_COL_RSA_KEY_MALFORMED,        /* RSAPublicKey does not decode, or unused bits */
    CS_COL_RSA_MODULUS_NOT_POSITIVE, /* modulus negative or zero */
    CS_COL_RSA_EXPONENT_NOT_POSITIVE,
    CS_COL_RSA_INTEGER_NONMINIMAL,   /* modulus or exponent not minimally encoded */
    CS_COL_RSA_EXPONENT_EVEN,        /* positive and even */
    CS_COL_RSA_EXPONENT_BELOW_3,     /* 1 or 2 */
    CS_COL_RSA_KU_NOT_EE,            /* rsaEncryption KU has kA, keyCertSign, cRLSign, eO or dO */
    CS_COL_RSA_KU_NOT_CA,            /* rsaEncryption KU has kA, eO or dO */
    CS_COL_RSA_KU_ENCIPHER_AND_SIGN, /* (keyCertSign or cRLSign) with (kE or dE) */
    /* DSA (RFC 3279 §2.2.2, §2.3.2; RFC 5758 §3.1) */
    CS_COL_DSA_PARAMS_MALFORMED, /* present but not Dss-Parms (NULL included) */
    CS_COL_DSA_KEY_MALFORMED,    /* DSAPublicKey is not one INTEGER, or unused bits */
    CS_COL_DSA_KU_BY_KIND,       /* bits outside dS, nR (+ keyCertSign, cRLSign in a CA) */
    CS_COL_DSA_SIG_PARAMS_PRESENT,
    CS_COL_DSA_SIG_VALUE_MALFORMED,
    /* RSA signatures and RSASSA-PSS / RSAES-OAEP (RFC 4055, RFC 3279 §2.2.1) */
    CS_COL_RSA_SIG_PARAMS_NOT_NULL, /* PKCS #1 v1.5 signature AlgorithmIdentifier */
    CS_COL_PSS_PARAMS_INVALID,      /* in the SPKI or a signature AlgorithmIdentifier */
    CS_COL_PSS_PARAMS_DEFAULT_ENCODED,
    CS_COL_PSS_TRAILER_NOT_1,
    CS_COL_PSS_SIG_PARAMS_ABSENT,
    CS_COL_PSS_MGF_HASH_MISMATCH,
    CS_COL_PSS_KU_BY_KIND,
    CS_COL_OAEP_KU_NOT_ALLOWED,
    CS_COL_OAEP_KU_BOTH,
    /* Elliptic curve keys and ECDSA (RFC 5480, RFC 8813, RFC 5758 §3.2, RFC 3279 §2.2.3) */
    CS_COL_EC_PARAMS_NOT_NAMED, /* absent, implicitCurve, specifiedCurve or not ECParameters */
    CS_COL_EC_POINT_MALFORMED,  /* first octet, length for the curve, or unused bits */
    CS_COL_EC_POINT_NOT_ON_CURVE,
    CS_COL_EC_KU_ENCIPHERMENT,   /* id-ecPublicKey KU with kE or dE */
    CS_COL_EC_KU_EE_UNEXPECTED,  /* bits outside dS, nR, kA (eO/dO only with kA) */
    CS_COL_EC_KU_ENC_DEC_ONLY,   /* both encipherOnly and decipherOnly */
    CS_COL_EC_KU_AGREE_AND_SIGN, /* (keyCertSign or cRLSign) with (kA, eO or dO) */
    CS_COL_ECDH_KU_INVALID,      /* id-ecDH / id-ecMQV keyUsage */
    CS_COL_ECDSA_SIG_PARAMS_PRESENT,
    CS_COL_ECDSA_SIG_VALUE_MALFORMED,
    /* Curve25519 and Curve448 (RFC 8410, keyUsage per RFC 9295) */
    CS_COL_EDX_PARAMS_PRESENT, /* SPKI or Ed25519/Ed448 signature AlgorithmIdentifier */
    CS_COL_EDX_KEY_LENGTH,
    CS_COL_EDDSA_SIG_LENGTH,
    CS_COL_EDDSA_KU_PROHIBITED_BY_KIND,
    CS_COL_EDDSA_KU_MISSING_BY_KIND,
    CS_COL_XDH_KU_PROHIBITED,
    CS_COL_XDH_KU_KA_MISSING,
    /* ML-DSA (RFC 9881) and ML-KEM (RFC 9935) */
    CS_COL_MLDSA_PARAMS_PRESENT, /* SPKI or signature AlgorithmIdentifier */
    CS_COL_MLDSA_KEY_LENGTH,
    CS_COL_MLDSA_SIG_LENGTH,
    CS_COL_MLDSA_KU_PROHIBITED,
    CS_COL_MLDSA_KU_MISSING,
    CS_COL_HASH_MLDSA_PRESENT, /* HashML-DSA as SPKI or signature algorithm */
    CS_COL_MLKEM_PARAMS_PRESENT,
    CS_COL_MLKEM_KEY_LENGTH,
    CS_COL_MLKEM_KU_NOT_KE_ONLY,
    CS_COL_ALGS_END_
};
_Static_assert(CS_COL_ALGS_END_ <= CS_COL_SMIME_BASE, "too many algs columns");

/* Decoded values rules of this area read. Every rule of this area is a column predicate and
 * every detail re-reads the view, so nothing is kept here yet. */
typedef struct cs_facts_algs {
    uint8_t unused_;
} cs_facts_algs;

/* Sets this area's columns for one certificate. Reads the kind, which cs_facts_extract sets
 * before it calls the area extractors. */
void cs_facts_extract_algs(const cs_x509 *x509, struct cs_facts *out);

/* EC point validation on the named curve with OpenSSL: 1 on the curve, 0 not, -1 when the
 * curve is not one OpenSSL knows (the key is then not judged). */
int cs_algs_ec_point_on_curve(cs_curve_id curve, cs_der point);
/* For tests: 1 makes the check above use OpenSSL's BIGNUM arithmetic only (the calling thread),
 * 0 (the default) the fixed-size limbs of scanner/ec_mont.h where the field allows. */
void cs_algs_ec_use_bignum(int on);
/* Frees the calling thread's curve contexts now rather than at thread exit. */
void cs_algs_ec_thread_cleanup(void);

/* DER SEQUENCE { r INTEGER, s INTEGER } with r and s positive and minimal (Ecdsa-Sig-Value,
 * Dss-Sig-Value). Returns 1 when the signature value has that form. */
int cs_algs_dss_sig_value_ok(cs_der sig, uint8_t unused_bits);

/* Writes the names of the keyUsage bits (CS_KU_*) in `bits`, comma-separated, into buf (always
 * NUL-terminated). For rule details. */
void cs_algs_ku_string(unsigned bits, char *buf, size_t len);

#endif
