/* Facts about S/MIME subscriber extensions (SBR 7.1.2.3, 7.1.2.4), keyUsage per key type and
 * generation, EKU, policy identifiers, validity periods and serial numbers.
 *
 * The extractor runs only for S/MIME subscriber certificates (profile other than PKIX), so TLS and
 * CA corpora pay one branch. Every column is finding-shaped and independent of the generation
 * where the generation only changes which rule applies: rules pick the generation with
 * `.profiles`. Presence and criticality come from CS_COL_EXT_PRESENT/CS_COL_EXT_CRITICAL. */
#ifndef CS_FACTS_SMEXT_H
#define CS_FACTS_SMEXT_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/profile.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_SMEXT_FIRST_ = CS_COL_SMEXT_BASE - 1,
    CS_COL_SMEXT_SMIME, /* an S/MIME subscriber certificate: set whenever this area runs */
    /* keyUsage (7.1.2.3 (e)), set only when keyUsage is present and decodes */
    CS_COL_SMEXT_KU_RSA_OTHER,        /* RSA: a bit outside dS, nR, kE, dE */
    CS_COL_SMEXT_KU_RSA_NOT_STRICT,   /* RSA: not one of the Strict bit sets */
    CS_COL_SMEXT_KU_RSA_NOT_ML,       /* RSA: not one of the Multipurpose/Legacy bit sets */
    CS_COL_SMEXT_KU_EC_OTHER,         /* EC: a bit outside dS, nR, kA, eO, dO */
    CS_COL_SMEXT_KU_EC_NOT_LISTED,    /* EC: not one of the listed bit sets */
    CS_COL_SMEXT_KU_EDDSA_NOT_LISTED, /* Ed25519/Ed448: not {dS} or {dS, nR} */
    CS_COL_SMEXT_KU_MLDSA_NOT_LISTED, /* ML-DSA: not {dS} or {dS, nR} */
    CS_COL_SMEXT_KU_MLKEM_NOT_LISTED, /* ML-KEM: not exactly {kE} */
    CS_COL_SMEXT_KU_NO_PURPOSE,       /* neither the signing nor the key-management bit */
    /* extKeyUsage (7.1.2.3 (f)), set only when the EKU is present and decodes */
    CS_COL_SMEXT_EKU_NO_EMAIL,       /* no id-kp-emailProtection */
    CS_COL_SMEXT_EKU_PROHIBITED,     /* serverAuth, codeSigning, timeStamping or anyEKU */
    CS_COL_SMEXT_EKU_NOT_ONLY_EMAIL, /* a purpose other than emailProtection */
    CS_COL_SMEXT_EKU_OCSP_SIGNING,   /* id-kp-OCSPSigning */
    /* certificatePolicies (7.1.2.3 (a)) */
    CS_COL_SMEXT_CP_ANY_POLICY,
    CS_COL_SMEXT_CP_CPS_NOT_HTTP,   /* a CPS qualifier whose URI is not http:// or https:// */
    CS_COL_SMEXT_CP_NOTICE_NO_TEXT, /* a userNotice without explicitText */
    /* cRLDistributionPoints (7.1.2.3 (b)) */
    CS_COL_SMEXT_CRLDP_NO_HTTP,      /* no fullName URI with scheme http */
    CS_COL_SMEXT_CRLDP_OTHER_SCHEME, /* a fullName URI with a scheme other than http */
    CS_COL_SMEXT_CRLDP_NON_URI, /* a fullName GeneralName that is not a URI, or a relative name */
    /* authorityInformationAccess (7.1.2.3 (c)) */
    CS_COL_SMEXT_AIA_OCSP_OTHER_SCHEME, /* an OCSP URI with a scheme other than http */
    CS_COL_SMEXT_AIA_OCSP_NO_HTTP,      /* OCSP entries, none with an http URI */
    CS_COL_SMEXT_AIA_CAI_OTHER_SCHEME,  /* a caIssuers URI with a scheme other than http */
    CS_COL_SMEXT_AIA_CAI_NO_HTTP,       /* caIssuers entries, none with an http URI */
    CS_COL_SMEXT_AIA_NO_CA_ISSUERS,     /* AIA present without caIssuers */
    CS_COL_SMEXT_AIA_NON_URI,           /* an accessLocation that is not a URI */
    /* authorityKeyIdentifier (7.1.2.3 (g)) */
    CS_COL_SMEXT_AKI_ISSUER_SERIAL, /* authorityCertIssuer or authorityCertSerialNumber */
    /* 7.1.2.4: an extension 7.1.2.3 does not specify */
    CS_COL_SMEXT_UNSPECIFIED_EXT,
    /* validity (6.3.2), counted inclusively: notAfter - notBefore + 1 s */
    CS_COL_SMEXT_VALIDITY_OVER_825,
    CS_COL_SMEXT_VALIDITY_AT_825,
    CS_COL_SMEXT_VALIDITY_OVER_1185,
    CS_COL_SMEXT_VALIDITY_AT_1185,
    /* serialNumber (7.1) */
    CS_COL_SMEXT_SERIAL_OUT_OF_RANGE, /* not > 0 and < 2^159 */
    CS_COL_SMEXT_SERIAL_SHORT,        /* fewer than 8 significant octets (64 bits) */
    CS_COL_SMEXT_END_
};
_Static_assert(CS_COL_SMEXT_END_ <= CS_COL_SMSUBJ_BASE, "too many smext columns");

/* Profile masks for rule declarations. */
#define CS_SMEXT_P(type, gen)                                                                      \
    CS_PROFILE_BIT(CS_PROFILE_SMIME_MAILBOX_LEGACY + 3 * ((type)-1) + ((gen)-1))
#define CS_SMEXT_GEN(gen)                                                                          \
    (CS_SMEXT_P(1, gen) | CS_SMEXT_P(2, gen) | CS_SMEXT_P(3, gen) | CS_SMEXT_P(4, gen))
#define CS_SMEXT_TYPE(type)   (CS_SMEXT_P(type, 1) | CS_SMEXT_P(type, 2) | CS_SMEXT_P(type, 3))
#define CS_SMEXT_LEGACY       CS_SMEXT_GEN(CS_SMIME_LEGACY)
#define CS_SMEXT_MULTIPURPOSE CS_SMEXT_GEN(CS_SMIME_MULTIPURPOSE)
#define CS_SMEXT_STRICT       CS_SMEXT_GEN(CS_SMIME_STRICT)
#define CS_SMEXT_MAILBOX      CS_SMEXT_TYPE(CS_SMIME_MAILBOX)
#define CS_SMEXT_ORGANIZATION CS_SMEXT_TYPE(CS_SMIME_ORGANIZATION)
#define CS_SMEXT_SPONSOR      CS_SMEXT_TYPE(CS_SMIME_SPONSOR)
#define CS_SMEXT_INDIVIDUAL   CS_SMEXT_TYPE(CS_SMIME_INDIVIDUAL)
#define CS_SMEXT_UNDETERMINED CS_PROFILE_BIT(CS_PROFILE_SMIME_UNDETERMINED)
/* All 12 SBR profiles, without smime.undetermined. */
#define CS_SMEXT_DETERMINED (CS_SMEXT_LEGACY | CS_SMEXT_MULTIPURPOSE | CS_SMEXT_STRICT)

/* What the EKU holds, for surveys (cs_facts_smext.eku_combo). */
typedef enum cs_smext_eku_combo {
    CS_SMEXT_EKU_ABSENT = 0,
    CS_SMEXT_EKU_EMAIL_ONLY,         /* emailProtection alone */
    CS_SMEXT_EKU_EMAIL_CLIENT,       /* emailProtection + clientAuth */
    CS_SMEXT_EKU_EMAIL_CLIENT_OTHER, /* emailProtection + clientAuth + others */
    CS_SMEXT_EKU_EMAIL_OTHER,        /* emailProtection + others, no clientAuth */
    CS_SMEXT_EKU_NO_EMAIL            /* present (or undecodable) without emailProtection */
} cs_smext_eku_combo;

/* keyUsage purpose, for surveys (cs_facts_smext.ku_purpose). */
typedef enum cs_smext_ku_purpose {
    CS_SMEXT_KU_NONE = 0, /* absent, or no purpose bit for the key type */
    CS_SMEXT_KU_SIGNING,
    CS_SMEXT_KU_KEY_MANAGEMENT,
    CS_SMEXT_KU_DUAL_USE
} cs_smext_ku_purpose;

/* Decoded values rules of this area read, and survey facts. */
typedef struct cs_facts_smext {
    uint8_t eku_combo;      /* cs_smext_eku_combo */
    uint8_t ku_purpose;     /* cs_smext_ku_purpose */
    uint16_t validity_days; /* inclusive validity in days, rounded up (saturated) */
} cs_facts_smext;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_smext(const cs_x509 *x509, struct cs_facts *out);

/* 1 when a URI's scheme is `scheme` (ASCII, case-insensitive), i.e. it starts with "scheme:". */
int cs_smext_uri_scheme_is(cs_der uri, const char *scheme);

#endif
