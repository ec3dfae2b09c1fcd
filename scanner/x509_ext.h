/* Decoders for the contents of the extensions certscan interprets (RFC 5280 §4.2).
 *
 * Each decoder takes an extension's extnValue content (cs_x509_ext.value) and either fills a small
 * struct of spans and flags or sets up an iterator over a list; nothing is allocated. Decoders are
 * strict DER at the structural level and return 0 with a cs_der_error (offset relative to
 * err->base, which the caller sets, normally to the certificate's first byte) when the value does
 * not match the extension's ASN.1. A decode failure is a finding about that certificate, not a
 * reason to reject it.
 *
 * Iterators return CS_ITER_ITEM (an item was stored), CS_ITER_END, or CS_ITER_ERROR (err filled).
 */
#ifndef CS_X509_EXT_H
#define CS_X509_EXT_H

#include <stdint.h>

#include "scanner/der.h"
#include "scanner/oid.h"

typedef enum cs_iter_result {
    CS_ITER_ERROR = -1,
    CS_ITER_END = 0,
    CS_ITER_ITEM = 1
} cs_iter_result;

/* --- keyUsage (§4.2.1.3): KeyUsage ::= BIT STRING --- */
#define CS_KU_DIGITAL_SIGNATURE 0x001u
#define CS_KU_NON_REPUDIATION   0x002u /* contentCommitment */
#define CS_KU_KEY_ENCIPHERMENT  0x004u
#define CS_KU_DATA_ENCIPHERMENT 0x008u
#define CS_KU_KEY_AGREEMENT     0x010u
#define CS_KU_KEY_CERT_SIGN     0x020u
#define CS_KU_CRL_SIGN          0x040u
#define CS_KU_ENCIPHER_ONLY     0x080u
#define CS_KU_DECIPHER_ONLY     0x100u

typedef struct cs_key_usage {
    uint16_t bits;           /* CS_KU_* as set */
    uint8_t unused_bits;     /* the BIT STRING's unused-bits octet */
    uint8_t padding_nonzero; /* unused bits not zero (not DER) */
    uint8_t trailing_zero;   /* trailing zero bits not removed (X.690 §11.2.2 for named bits) */
    uint8_t undefined_bits;  /* bits beyond decipherOnly are set */
    uint8_t num_bytes;       /* content octets after the unused-bits octet */
} cs_key_usage;
int cs_decode_key_usage(cs_der value, cs_key_usage *out, cs_der_error *err);

/* --- basicConstraints (§4.2.1.9) --- */
typedef struct cs_basic_constraints {
    uint8_t ca;
    uint8_t ca_encoded_false; /* cA present and FALSE: DEFAULT encoded */
    uint8_t ca_not_der;       /* BOOLEAN other than 0x00/0xFF */
    uint8_t has_path_len;
    uint8_t path_len_negative;
    uint8_t path_len_too_large; /* does not fit 63 bits */
    uint64_t path_len;
} cs_basic_constraints;
int cs_decode_basic_constraints(cs_der value, cs_basic_constraints *out, cs_der_error *err);

/* --- OID lists: extKeyUsage (§4.2.1.12) --- */
typedef struct cs_oid_iter {
    cs_der rest;
} cs_oid_iter;
/* EKU: checks the outer SEQUENCE and sets up iteration over its OIDs. `*out_count` (may be NULL)
 * gets the number of entries; `*out_mask` (may be NULL) gets bit (1 << cs_eku_id) per recognised
 * purpose, with bit 0 (CS_EKU_UNKNOWN) for any unrecognised one. */
int cs_decode_ext_key_usage(cs_der value, cs_oid_iter *out_iter, unsigned *out_count,
                            uint32_t *out_mask, cs_der_error *err);
cs_iter_result cs_oid_iter_next(cs_oid_iter *it, cs_der *out_oid, cs_der_error *err);

/* --- GeneralName (§4.2.1.6) --- */
typedef enum cs_gn_type {
    CS_GN_OTHER_NAME = 0,
    CS_GN_RFC822 = 1,
    CS_GN_DNS = 2,
    CS_GN_X400 = 3,
    CS_GN_DIRECTORY = 4,
    CS_GN_EDI_PARTY = 5,
    CS_GN_URI = 6,
    CS_GN_IP = 7,
    CS_GN_REGISTERED_ID = 8,
    CS_GN_TYPE_COUNT
} cs_gn_type;

const char *cs_gn_type_name(cs_gn_type type);

typedef struct cs_general_name {
    cs_gn_type type;
    cs_der raw; /* the whole GeneralName TLV */
    /* rfc822/dns/uri: the IA5String bytes; ip: the address octets; registeredID: the OID
     * content; directoryName: the Name TLV (parse with cs_x509_parse_name); x400Address and
     * ediPartyName: the [3]/[5] content, uninterpreted; otherName: the inner value's content. */
    cs_der value;
    cs_der other_oid;   /* otherName type-id, OID content */
    uint32_t other_tag; /* otherName inner value tag, e.g. CS_DER_UTF8STRING for SmtpUTF8Mailbox */
} cs_general_name;

typedef struct cs_gn_iter {
    cs_der rest;
} cs_gn_iter;
/* Starts iteration over GeneralNames content (the bytes inside the SEQUENCE). */
void cs_gn_iter_init(cs_gn_iter *it, cs_der general_names_content);
cs_iter_result cs_gn_iter_next(cs_gn_iter *it, cs_general_name *out, cs_der_error *err);

/* subjectAltName / issuerAltName: GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName.
 * Validates every entry and counts them per type (out_counts has CS_GN_TYPE_COUNT slots, may be
 * NULL), then sets up the iterator. An empty SEQUENCE decodes (count 0): rules report it. */
int cs_decode_general_names(cs_der value, cs_gn_iter *out_iter, unsigned *out_counts,
                            unsigned *out_total, cs_der_error *err);

/* --- certificatePolicies (§4.2.1.4) --- */
typedef struct cs_policy {
    cs_der oid; /* policyIdentifier content */
    uint8_t has_qualifiers;
    cs_der qualifiers; /* content of the policyQualifiers SEQUENCE */
} cs_policy;
typedef struct cs_policy_iter {
    cs_der rest;
} cs_policy_iter;
int cs_decode_certificate_policies(cs_der value, cs_policy_iter *out_iter, unsigned *out_count,
                                   cs_der_error *err);
cs_iter_result cs_policy_iter_next(cs_policy_iter *it, cs_policy *out, cs_der_error *err);

typedef struct cs_policy_qualifier {
    cs_der oid;        /* policyQualifierId content */
    cs_misc_oid_id id; /* CS_OID_QT_CPS, CS_OID_QT_UNOTICE or CS_OID_UNKNOWN */
    cs_der qualifier;  /* the qualifier TLV */
    /* For CPS: the IA5String content (cps_tag holds the actual tag). */
    cs_der cps_uri;
    uint32_t cps_tag;
    /* For UserNotice. */
    uint8_t has_notice_ref;
    uint8_t has_explicit_text;
    uint32_t explicit_text_tag;
    cs_der explicit_text;
} cs_policy_qualifier;
typedef struct cs_qualifier_iter {
    cs_der rest;
} cs_qualifier_iter;
void cs_qualifier_iter_init(cs_qualifier_iter *it, cs_der qualifiers_content);
cs_iter_result cs_qualifier_iter_next(cs_qualifier_iter *it, cs_policy_qualifier *out,
                                      cs_der_error *err);

/* --- authorityKeyIdentifier (§4.2.1.1) --- */
typedef struct cs_aki {
    uint8_t has_key_id;
    cs_der key_id;
    uint8_t has_issuer;
    cs_der issuer; /* GeneralNames content */
    uint8_t has_serial;
    cs_der serial; /* INTEGER content */
} cs_aki;
int cs_decode_aki(cs_der value, cs_aki *out, cs_der_error *err);

/* --- subjectKeyIdentifier (§4.2.1.2): KeyIdentifier ::= OCTET STRING --- */
int cs_decode_ski(cs_der value, cs_der *out_key_id, cs_der_error *err);

/* --- cRLDistributionPoints / freshestCRL (§4.2.1.13, §4.2.1.15) --- */
typedef struct cs_dist_point {
    uint8_t has_name;
    uint8_t name_is_full; /* fullName [0] GeneralNames, else nameRelativeToCRLIssuer [1] */
    cs_der name;          /* fullName GeneralNames content, or the RDN content */
    uint8_t has_reasons;
    cs_der reasons; /* BIT STRING content */
    uint8_t has_crl_issuer;
    cs_der crl_issuer; /* GeneralNames content */
} cs_dist_point;
typedef struct cs_dist_point_iter {
    cs_der rest;
} cs_dist_point_iter;
int cs_decode_crl_distribution_points(cs_der value, cs_dist_point_iter *out_iter,
                                      unsigned *out_count, cs_der_error *err);
cs_iter_result cs_dist_point_iter_next(cs_dist_point_iter *it, cs_dist_point *out,
                                       cs_der_error *err);

/* --- authorityInfoAccess / subjectInfoAccess (§4.2.2.1, §4.2.2.2) --- */
typedef struct cs_access_desc {
    cs_der method;            /* accessMethod OID content */
    cs_misc_oid_id method_id; /* CS_OID_AD_OCSP, CS_OID_AD_CA_ISSUERS, ... */
    cs_general_name location;
} cs_access_desc;
typedef struct cs_access_iter {
    cs_der rest;
} cs_access_iter;
int cs_decode_info_access(cs_der value, cs_access_iter *out_iter, unsigned *out_count,
                          cs_der_error *err);
cs_iter_result cs_access_iter_next(cs_access_iter *it, cs_access_desc *out, cs_der_error *err);

/* --- nameConstraints (§4.2.1.10) --- */
typedef struct cs_name_constraints {
    uint8_t has_permitted;
    cs_der permitted; /* GeneralSubtrees content */
    uint8_t has_excluded;
    cs_der excluded;
} cs_name_constraints;
int cs_decode_name_constraints(cs_der value, cs_name_constraints *out, cs_der_error *err);

typedef struct cs_subtree {
    cs_general_name base;
    uint8_t has_minimum; /* minimum present (DEFAULT 0, so present = encoded) */
    uint64_t minimum;
    uint8_t has_maximum;
    uint64_t maximum;
} cs_subtree;
typedef struct cs_subtree_iter {
    cs_der rest;
} cs_subtree_iter;
void cs_subtree_iter_init(cs_subtree_iter *it, cs_der subtrees_content);
cs_iter_result cs_subtree_iter_next(cs_subtree_iter *it, cs_subtree *out, cs_der_error *err);

#endif
