/* A table-driven S/MIME test certificate builder: tsmime_defaults(s, profile) describes a valid,
 * finding-free subscriber certificate for any of the 12 SBR profiles (subject attributes per
 * type, SAN mailbox, EKU emailProtection, keyUsage per key, certificatePolicies with the reserved
 * OID, AKI, SKI derived from the key, CRLDP and AIA with http URIs); a test changes one part and
 * builds or lints. Everything is plain data: strings are referenced, not copied, so keep them
 * alive until the build. The signature is a placeholder (rules do not verify signatures). */
#ifndef CS_TEST_TCERT_SMIME_H
#define CS_TEST_TCERT_SMIME_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/profile.h"
#include "tests/support/tcert.h"
#include "tests/support/tcert_names.h"

/* Dotted OIDs tests commonly need. */
#define TSMIME_OID_EMAIL_PROTECTION "1.3.6.1.5.5.7.3.4"
#define TSMIME_OID_CLIENT_AUTH      "1.3.6.1.5.5.7.3.2"
#define TSMIME_OID_SERVER_AUTH      "1.3.6.1.5.5.7.3.1"
#define TSMIME_OID_CODE_SIGNING     "1.3.6.1.5.5.7.3.3"
#define TSMIME_OID_TIME_STAMPING    "1.3.6.1.5.5.7.3.8"
#define TSMIME_OID_OCSP_SIGNING     "1.3.6.1.5.5.7.3.9"
#define TSMIME_OID_ANY_EKU          "2.5.29.37.0"
#define TSMIME_OID_ANY_POLICY       "2.5.29.32.0"
#define TSMIME_OID_AD_OCSP          "1.3.6.1.5.5.7.48.1"
#define TSMIME_OID_AD_CA_ISSUERS    "1.3.6.1.5.5.7.48.2"
#define TSMIME_OID_LEI              "1.3.6.1.4.1.52266.1"
#define TSMIME_OID_LEI_ROLE         "1.3.6.1.4.1.52266.2"
#define TSMIME_OID_ADOBE_TIMESTAMP  "1.2.840.113583.1.1.9.1"
#define TSMIME_OID_ADOBE_ARCHIVE    "1.2.840.113583.1.1.9.2"
#define TSMIME_OID_SMIME_CAPS       "1.2.840.113549.1.9.15"
#define TSMIME_OID_SDA              "2.5.29.9"
#define TSMIME_OID_QC_STATEMENTS    "1.3.6.1.5.5.7.1.3"
#define TSMIME_OID_BC               "2.5.29.19"

/* The default extensions, in the order they are written. */
typedef enum tsmime_ext_id {
    TSMIME_KU = 0,
    TSMIME_EKU,
    TSMIME_SAN,
    TSMIME_CP,
    TSMIME_CRLDP,
    TSMIME_AIA,
    TSMIME_AKI,
    TSMIME_SKI,
    TSMIME_EXT_COUNT
} tsmime_ext_id;

typedef struct tsmime_slot {
    int omit;             /* leave the extension out */
    int critical;         /* 1: critical TRUE (defaults: keyUsage only) */
    const uint8_t *value; /* non-NULL: this extnValue content instead of the built one */
    size_t value_len;
} tsmime_slot;

/* Keys. The SPKI of RSA, P-256, P-384 and Ed25519 keys is generated once per process;
 * ML-DSA/ML-KEM SPKIs hold a patterned key of the right length. */
typedef enum tsmime_key {
    TSMIME_KEY_P256 = 0,
    TSMIME_KEY_RSA2048,
    TSMIME_KEY_ED25519,
    TSMIME_KEY_P384,
    TSMIME_KEY_ED448,
    TSMIME_KEY_ML_DSA_44,
    TSMIME_KEY_ML_KEM_768,
    TSMIME_KEY_COUNT
} tsmime_key;

#define TSMIME_MAX_ATTRS  12
#define TSMIME_MAX_LIST   6
#define TSMIME_MAX_EXTRAS 8

typedef struct tsmime_access {
    const char *method; /* dotted accessMethod, e.g. TSMIME_OID_AD_CA_ISSUERS */
    const char *uri;    /* uniformResourceIdentifier */
} tsmime_access;

typedef struct tsmime {
    cs_profile profile; /* sets the reserved policy OID and the default subject */
    tsmime_key key;
    const uint8_t *spki; /* non-NULL: this whole SubjectPublicKeyInfo instead of `key` */
    size_t spki_len;

    int version;           /* INTEGER value (2 = v3); -1 omits the field */
    const uint8_t *serial; /* INTEGER content octets */
    size_t serial_len;
    const char *sig_oid; /* both signature AlgorithmIdentifiers (no parameters unless RSA) */

    const char *not_before; /* UTCTime "YYMMDDHHMMSSZ" or GeneralizedTime (by length) */
    const char *not_after;

    tn_atv issuer[TSMIME_MAX_ATTRS + 1];  /* ends with oid NULL */
    tn_atv subject[TSMIME_MAX_ATTRS + 1]; /* ends with oid NULL; an empty list = empty subject */

    const char *mailbox[TSMIME_MAX_LIST + 1]; /* SAN rfc822Names, NULL-terminated */
    unsigned ku;                              /* CS_KU_* bits */
    const char *eku[TSMIME_MAX_LIST + 1];     /* dotted purposes, NULL-terminated */
    const char *policy[TSMIME_MAX_LIST + 1];  /* dotted policy OIDs, NULL-terminated */
    const char *cps_uri;                      /* adds a CPS qualifier to the first policy */
    int user_notice;                          /* 1: adds a userNotice to the first policy */
    const char *notice_text;                  /* its explicitText (UTF8String); NULL: none */
    int notice_ref;                           /* 1: the userNotice carries a noticeRef */
    const char *crldp[TSMIME_MAX_LIST + 1];   /* fullName URIs of one DistributionPoint */
    const char *crldp_dirname;                /* adds a directoryName CN= to that fullName */
    tsmime_access aia[TSMIME_MAX_LIST + 1];   /* ends with method NULL */
    int aki_issuer_serial;                    /* 1: AKI also carries issuer and serial */
    int aki_no_key_id;                        /* 1: AKI without keyIdentifier */
    tsmime_slot slot[TSMIME_EXT_COUNT];       /* per default extension */
    tcert_ext extra[TSMIME_MAX_EXTRAS];       /* more extensions, written after the defaults */
    int num_extra;
} tsmime;

/* The reserved policy OID of an S/MIME profile ("2.23.140.1.5.1.3"); NULL for others. */
const char *tsmime_reserved_oid(cs_profile p);
/* The 12 SBR profiles, for loops: tsmime_profiles[0..11]. */
extern const cs_profile tsmime_profiles[12];
/* A valid certificate of profile `p` (one of the 12) with notBefore 2025-03-01 and 365 days of
 * validity, a P-256 key with keyUsage digitalSignature. */
void tsmime_defaults(tsmime *s, cs_profile p);
/* Changes the key and sets the keyUsage to the key's usual signing (or, for ML-KEM,
 * key-management) bits: {dS} for EC, EdDSA and ML-DSA; {dS, kE} for RSA; {kE} for ML-KEM. */
void tsmime_set_key(tsmime *s, tsmime_key key);
/* Adds an extension with raw value bytes (referenced). */
void tsmime_add_ext(tsmime *s, const char *oid, int critical, const uint8_t *value, size_t len);
/* A small valid value for extensions whose content the tests do not care about (LEI, LEI
 * Role, Adobe, smimeCapabilities, subjectDirectoryAttributes, qcStatements): a DER NULL or a
 * short SEQUENCE as appropriate. */
void tsmime_add_simple_ext(tsmime *s, const char *oid, int critical);

/* Builds the DER certificate; the caller frees it. Aborts on builder errors. */
uint8_t *tsmime_build(const tsmime *s, size_t *out_len);
/* 1 when rule `rule_id` has a finding on the certificate, 0 when not; aborts when the rule does
 * not exist or the certificate does not parse. Uses one rule set per process. */
int tsmime_fires(const tsmime *s, const char *rule_id);
/* Ids of the rules whose id starts with `prefix` (e.g. "smime.") that fire, comma-separated in
 * buf ("" when none); returns their number. */
int tsmime_findings(const tsmime *s, const char *prefix, char *buf, size_t len);

#endif
