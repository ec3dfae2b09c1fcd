/* Facts about S/MIME algorithm encodings and key checks (SBR 7.1.3, 6.1.5, 6.1.6) and S/MIME CA
 * certificates (7.1.2.1, 7.1.2.2, 7.1.5).
 *
 * Scope: an S/MIME subscriber certificate (profile detection's `smime`), or an "S/MIME CA
 * certificate": a CA or root certificate whose extKeyUsage lists emailProtection or whose
 * certificatePolicies carry a reserved SBR OID 2.23.140.1.5.x.y. Every other certificate returns
 * at once from the extractor, so TLS corpora pay one branch. Columns are finding-shaped, so most
 * rules are single-column predicates gated by CS_COL_SMALG_SCOPE or CS_COL_SMALG_SMIME_CA. */
#ifndef CS_FACTS_SMALG_H
#define CS_FACTS_SMALG_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_SMALG_FIRST_ = CS_COL_SMALG_BASE - 1,
    CS_COL_SMALG_SCOPE,    /* S/MIME subscriber certificate or S/MIME CA certificate */
    CS_COL_SMALG_SMIME_CA, /* CA or root with emailProtection EKU or a reserved SBR policy OID */
    /* SBR 7.1.3.1 / 7.1.3.2: exact AlgorithmIdentifier encodings */
    CS_COL_SMALG_SPKI_NOT_CLASSIC, /* SPKI AlgorithmIdentifier not one of RSA, P-256/384/521, Ed */
    CS_COL_SMALG_SPKI_NOT_ALLOWED, /* ... nor one of ML-DSA-44/65/87, ML-KEM-512/768/1024 */
    CS_COL_SMALG_SIG_NOT_CLASSIC, /* tbsCertificate.signature not one of the 11 pre-PQC encodings */
    CS_COL_SMALG_SIG_NOT_ALLOWED, /* ... nor ML-DSA-44/65/87 */
    CS_COL_SMALG_SIG_SHA1,        /* a SHA-1 based signature algorithm (RSA, ECDSA, DSA, PSS) */
    CS_COL_SMALG_SIG_KEY_MISMATCH, /* self-signed: the signature algorithm does not fit its key */
    /* SBR 6.1.5 / 6.1.6: keys */
    CS_COL_SMALG_RSA_MODULUS_INVALID,          /* modulus under 2048 bits or not a multiple of 8 */
    CS_COL_SMALG_RSA_EXPONENT_PROHIBITED,      /* exponent not positive, even or below 3 */
    CS_COL_SMALG_RSA_EXPONENT_NOT_RECOMMENDED, /* exponent outside [2^16+1, 2^256-1] */
    CS_COL_SMALG_EC_KEY_INVALID,               /* EC point malformed or not on its curve */
    /* SBR 7.1.2.1 / 7.1.2.2 / 7.1.5: S/MIME CA certificates (set only with SMIME_CA) */
    CS_COL_SMALG_CA_KU_SIGN_BITS_MISSING, /* keyUsage lacks keyCertSign or cRLSign */
    CS_COL_SMALG_CA_CP_NO_SBR_OID,        /* policies without a reserved SBR OID or anyPolicy */
    CS_COL_SMALG_CA_CP_ANY_POLICY,        /* policies include anyPolicy */
    CS_COL_SMALG_CA_EKU_NO_EMAIL,         /* extKeyUsage without emailProtection */
    CS_COL_SMALG_CA_EKU_PROHIBITED,       /* serverAuth, codeSigning, timeStamping or anyEKU */
    CS_COL_SMALG_CA_AKI_ISSUER_SERIAL,    /* AKI with authorityCertIssuer or serial number */
    CS_COL_SMALG_CA_SUBJECT_INCOMPLETE,   /* subject without commonName, O or countryName */
    CS_COL_SMALG_CA_CRLDP_NO_HTTP,        /* cRLDistributionPoints without an http:// URI */
    CS_COL_SMALG_CA_AIA_NO_HTTP_ISSUERS,  /* AIA without a caIssuers http:// URI */
    CS_COL_SMALG_CA_CP_QUALIFIER_BAD,     /* CPS not an http(s) URL, or userNotice with noticeRef
                                             or without explicitText */
    CS_COL_SMALG_CA_TC_NC_INCOMPLETE, /* nameConstraints permit no rfc822Name or no directoryName */
    CS_COL_SMALG_CA_TC_NC_MAILBOX,    /* a permitted rfc822Name subtree holding a full mailbox */
    CS_COL_SMALG_SHA1_UNEXPIRED,      /* SHA-1 signature and notAfter on/after 2026-09-15 */
    CS_COL_SMALG_END_
};
_Static_assert(CS_COL_SMALG_END_ <= CS_COL_COUNT, "too many smalg columns");

/* Survey classes of the key and signature algorithm (for reports; 0 = other). */
typedef enum cs_smalg_key_class {
    CS_SMALG_KEY_OTHER = 0,
    CS_SMALG_KEY_RSA_SMALL, /* RSA under 2048 bits */
    CS_SMALG_KEY_RSA_2048,
    CS_SMALG_KEY_RSA_3072,
    CS_SMALG_KEY_RSA_4096,
    CS_SMALG_KEY_RSA_OTHER, /* RSA of another size of at least 2048 bits */
    CS_SMALG_KEY_P256,
    CS_SMALG_KEY_P384,
    CS_SMALG_KEY_P521,
    CS_SMALG_KEY_ED25519,
    CS_SMALG_KEY_ED448,
    CS_SMALG_KEY_ML_DSA_44,
    CS_SMALG_KEY_ML_DSA_65,
    CS_SMALG_KEY_ML_DSA_87,
    CS_SMALG_KEY_ML_KEM_512,
    CS_SMALG_KEY_ML_KEM_768,
    CS_SMALG_KEY_ML_KEM_1024,
    CS_SMALG_KEY_CLASS_COUNT
} cs_smalg_key_class;

const char *cs_smalg_key_class_name(cs_smalg_key_class c);

/* Decoded values rules of this area read (kept so that no rule decodes anything again). */
typedef struct cs_facts_smalg {
    uint8_t key_class;  /* cs_smalg_key_class, for certificates in scope */
    uint8_t sig_alg;    /* cs_alg_id of tbsCertificate.signature, for certificates in scope */
    uint8_t sig_index;  /* 1 + index into the allowed signature encodings, 0 when not allowed */
    uint8_t spki_index; /* 1 + index into the allowed SPKI encodings, 0 when not allowed */
} cs_facts_smalg;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_smalg(const cs_x509 *x509, struct cs_facts *out);

#endif
