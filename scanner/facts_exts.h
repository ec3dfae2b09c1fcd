/* Facts about extension contents: key identifiers, keyUsage, basicConstraints, extKeyUsage,
 * certificate policies, policy mappings and constraints, subjectDirectoryAttributes, CT. */
#ifndef CS_FACTS_EXTS_H
#define CS_FACTS_EXTS_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_EXTS_FIRST_ = CS_COL_EXTS_BASE - 1,
    /* Extension encoding (RFC 5280 App. B, X.690 §11). */
    CS_COL_EXT_CRITICAL_FALSE,   /* some extension encodes critical FALSE (a DEFAULT) */
    CS_COL_EXT_CRITICAL_NOT_DER, /* some extension's critical BOOLEAN is not 0x00/0xFF */
    /* authorityKeyIdentifier (§4.2.1.1). */
    CS_COL_AKI_ABSENT,
    CS_COL_AKI_NO_KEY_ID,              /* decoded, keyIdentifier field absent */
    CS_COL_AKI_ISSUER_SERIAL_UNPAIRED, /* exactly one of authorityCertIssuer/SerialNumber */
    CS_COL_AKI_ISSUER_EMPTY,           /* authorityCertIssuer holds no GeneralName */
    /* subjectKeyIdentifier (§4.2.1.2). */
    CS_COL_SKI_ABSENT,
    /* keyUsage (§4.2.1.3), from the decoded value or its encoding. */
    CS_COL_KU_ABSENT,
    CS_COL_KU_NO_BITS,           /* decoded, no named bit set */
    CS_COL_KU_CERT_SIGN,         /* keyCertSign set */
    CS_COL_KU_NO_CERT_SIGN,      /* decoded, keyCertSign not set */
    CS_COL_KU_SUPERFLUOUS_OCTET, /* the BIT STRING ends in an all-zero octet */
    CS_COL_KU_WRONG_UNUSED,      /* unused-bits count differs from the trailing zero bits */
    CS_COL_KU_BAD_LENGTH,        /* longer than the nine named bits */
    CS_COL_KU_EO_DO_WITHOUT_KA,  /* encipherOnly or decipherOnly without keyAgreement */
    /* basicConstraints (§4.2.1.9). */
    CS_COL_BC_CA_FALSE_ENCODED,
    CS_COL_BC_CA_NOT_DER,
    CS_COL_BC_PATH_LEN, /* pathLenConstraint present */
    CS_COL_BC_PATH_LEN_NEGATIVE,
    /* extKeyUsage (§4.2.1.12). */
    CS_COL_EKU_EMPTY,
    CS_COL_EKU_ANY,
    CS_COL_EKU_TIME_STAMPING,
    CS_COL_KU_EKU_INCONSISTENT, /* no listed purpose is compatible with the keyUsage bits */
    /* certificatePolicies (§4.2.1.4, RFC 6818 §3). */
    CS_COL_CP_EMPTY,
    CS_COL_CP_DUPLICATE,
    CS_COL_CP_QUALIFIERS_EMPTY,
    CS_COL_CP_HAS_QUALIFIER,
    CS_COL_CP_OTHER_QUALIFIER,          /* a qualifier other than CPS or UserNotice */
    CS_COL_CP_ANY_POLICY_BAD_QUALIFIER, /* ... on anyPolicy */
    CS_COL_CP_CPS_NOT_IA5,
    CS_COL_CP_NOTICE_REF,
    CS_COL_CP_TEXT_EMPTY,
    CS_COL_CP_TEXT_TOO_LONG, /* more than 200 characters */
    CS_COL_CP_TEXT_IA5,
    CS_COL_CP_TEXT_NOT_UTF8, /* any DisplayText other than UTF8String */
    CS_COL_CP_TEXT_CONTROL,
    CS_COL_CP_TEXT_NOT_NFC,
    /* policyMappings (§4.2.1.5). */
    CS_COL_PM_EMPTY,
    CS_COL_PM_ANY_POLICY,
    CS_COL_PM_NOT_IN_CP, /* an issuerDomainPolicy the certificatePolicies do not assert */
    /* policyConstraints (§4.2.1.11). */
    CS_COL_PC_EMPTY,
    /* subjectDirectoryAttributes (§4.2.1.8). */
    CS_COL_SDA_EMPTY, /* no attribute, or an attribute without values */
    /* RFC 6962 §3.3: SignedCertificateTimestampList. */
    CS_COL_SCT_LIST_EMPTY,
    /* RFC 3739 §3.2.6.1: qcStatements. */
    CS_COL_QC_PKIX_SYNTAX_V1, /* the obsolete id-qcs-pkixQCSyntax-v1 statement */
    CS_COL_EXTS_END_
};
_Static_assert(CS_COL_EXTS_END_ <= CS_COL_GNAMES_BASE, "too many exts columns");

/* Decoded values rules of this area read (kept so that no rule decodes anything again). Every
 * rule of this area is a predicate over the columns above and details re-walk the view, so
 * nothing is kept: the struct is copied 64 times per batch. */
typedef struct cs_facts_exts {
    uint8_t unused_;
} cs_facts_exts;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_exts(const cs_x509 *x509, struct cs_facts *out);

/* Explicit text checks shared with the rules' detail sentences. `tag` is the DisplayText tag.
 * Returns 0 when the string is not valid for its type (invalid UTF-8, odd-length BMPString). */
typedef struct cs_display_text_info {
    uint32_t chars;     /* characters (code points) */
    uint8_t control;    /* a C0 or C1 control character or DEL */
    uint8_t not_nfc;    /* certainly not in Unicode normalization form C */
    uint32_t first_bad; /* the first control or non-NFC code point, for messages */
} cs_display_text_info;
int cs_display_text_scan(uint32_t tag, cs_der text, cs_display_text_info *out);

#endif
