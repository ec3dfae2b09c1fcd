/* The object identifiers the generator writes, encoded once at start-up (gen_oid_init) so the
 * per-certificate path copies ready content octets. */
#ifndef CS_GEN_OID_H
#define CS_GEN_OID_H

#include <stddef.h>
#include <stdint.h>

typedef enum gen_oid_id {
    /* attributes */
    GEN_AT_CN,
    GEN_AT_SURNAME,
    GEN_AT_SERIAL,
    GEN_AT_C,
    GEN_AT_L,
    GEN_AT_ST,
    GEN_AT_STREET,
    GEN_AT_O,
    GEN_AT_OU,
    GEN_AT_TITLE,
    GEN_AT_POSTAL,
    GEN_AT_GIVEN,
    GEN_AT_PSEUDONYM,
    GEN_AT_ORG_ID,
    GEN_AT_EMAIL,
    GEN_AT_DC,
    /* extensions */
    GEN_EXT_SDA,
    GEN_EXT_SKI,
    GEN_EXT_KU,
    GEN_EXT_SAN,
    GEN_EXT_BC,
    GEN_EXT_NC,
    GEN_EXT_CRLDP,
    GEN_EXT_CP,
    GEN_EXT_AKI,
    GEN_EXT_EKU,
    GEN_EXT_AIA,
    GEN_EXT_QC,
    GEN_EXT_SMIME_CAPS,
    GEN_EXT_LEI,
    GEN_EXT_LEI_ROLE,
    GEN_EXT_ADOBE_TS,
    GEN_EXT_SCT,
    GEN_EXT_POISON,
    GEN_EXT_MS_TEMPLATE,
    GEN_EXT_PRIVATE, /* a UUID OID (2.25, X.667): private, needs no registration */
    /* key purposes */
    GEN_KP_SERVER,
    GEN_KP_CLIENT,
    GEN_KP_CODE,
    GEN_KP_EMAIL,
    GEN_KP_TIME,
    GEN_KP_OCSP,
    GEN_KP_ANY,
    GEN_KP_DOCSIGN,
    /* policies and qualifiers */
    GEN_POL_ANY,
    GEN_POL_TLS_DV,
    GEN_POL_TLS_OV,
    GEN_QT_CPS,
    GEN_QT_UNOTICE,
    /* access methods, other names */
    GEN_AD_OCSP,
    GEN_AD_CA_ISSUERS,
    GEN_ON_SMTPUTF8,
    GEN_ON_UPN,
    /* qcStatements */
    GEN_QCS_COMPLIANCE,
    /* algorithms */
    GEN_ALG_RSA,
    GEN_ALG_EC,
    GEN_ALG_P256,
    GEN_ALG_P384,
    GEN_ALG_P521,
    GEN_ALG_ED25519,
    GEN_ALG_MLDSA44,
    GEN_ALG_MLDSA65,
    GEN_ALG_MLDSA87,
    GEN_ALG_MLKEM768,
    GEN_ALG_RSA_SHA1,
    GEN_ALG_RSA_SHA256,
    GEN_ALG_RSA_SHA384,
    GEN_ALG_RSA_SHA512,
    GEN_ALG_RSA_PSS,
    GEN_ALG_MGF1,
    GEN_ALG_SHA256,
    GEN_ALG_SHA384,
    GEN_ALG_ECDSA_SHA256,
    GEN_ALG_ECDSA_SHA384,
    GEN_ALG_ECDSA_SHA512,
    GEN_ALG_AES256_CBC,
    GEN_ALG_AES128_CBC,
    GEN_OID_COUNT
} gen_oid_id;

typedef struct gen_oid_bytes {
    uint8_t b[24];
    uint8_t len;
} gen_oid_bytes;

extern gen_oid_bytes gen_oids[GEN_OID_COUNT];

/* Encodes the table; returns 0 on a malformed entry (a programming error). */
int gen_oid_init(void);
/* The dotted form, for the expected-results file and diagnostics. */
const char *gen_oid_dotted(gen_oid_id id);
/* Encodes "2.23.140.1.5.<type>.<gen>" and other dotted OIDs made at run time; returns length. */
size_t gen_oid_from_dotted(const char *dotted, uint8_t *out, size_t cap);

#endif
