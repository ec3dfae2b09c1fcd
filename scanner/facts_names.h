/* Facts about issuer and subject names, validity times, the version field and unique
 * identifiers: attribute types, string types and alphabets, lengths, empty values.
 *
 * Names are walked once per certificate. Attribute values of the subject are checked in full
 * (type, alphabet, encoding, length); the issuer's values are checked only for what RFC 5280
 * asks of the issuer field itself (non-empty, countryName type, legacy string types), because
 * the issuer field repeats the issuing CA's subject byte for byte (§4.1.2.6 (a)) and its
 * content is judged on that CA's certificate. */
#ifndef CS_FACTS_NAMES_H
#define CS_FACTS_NAMES_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_NAMES_FIRST_ = CS_COL_NAMES_BASE - 1,
    /* Both names. */
    CS_COL_ISSUER_EMPTY,      /* issuer has no attribute */
    CS_COL_SUBJECT_EMPTY,     /* subject has no attribute */
    CS_COL_SUBJECT_EMPTY_CA,  /* subject empty, and cA TRUE or keyUsage cRLSign */
    CS_COL_NAME_EMPTY_RDN,    /* an RDN with no attribute, in issuer or subject */
    CS_COL_NAME_EMPTY_VALUE,  /* a string value of length 0, in issuer or subject */
    CS_COL_NAME_RDN_DUP_TYPE, /* an RDN holds one attribute type twice */
    CS_COL_NAME_RDN_UNSORTED, /* a multi-valued RDN not in DER SET OF order */
    /* Issuer only. */
    CS_COL_ISSUER_COUNTRY_NOT_PRINTABLE,
    CS_COL_ISSUER_LEGACY_STRING, /* Teletex/BMP/UniversalString in a DirectoryString */
    /* Subject: string types. */
    CS_COL_SUBJ_DIRSTRING_BAD_TYPE, /* a DirectoryString attribute outside the five choices */
    CS_COL_SUBJ_LEGACY_STRING,      /* Teletex/BMP/UniversalString in a DirectoryString */
    CS_COL_SUBJ_COUNTRY_NOT_PRINTABLE,
    CS_COL_SUBJ_COUNTRY_BAD_LENGTH, /* countryName not exactly two characters */
    CS_COL_SUBJ_SERIAL_NOT_PRINTABLE,
    CS_COL_SUBJ_DNQ_NOT_PRINTABLE,
    CS_COL_SUBJ_EMAIL_NOT_IA5,
    CS_COL_SUBJ_DC_NOT_IA5,
    CS_COL_SUBJ_DC_BAD_LABEL, /* a domainComponent that is not one DNS label */
    /* Subject: string contents. */
    CS_COL_SUBJ_PRINTABLE_BAD_ALPHA,
    CS_COL_SUBJ_IA5_NOT_ASCII,
    CS_COL_SUBJ_UTF8_INVALID,
    CS_COL_SUBJ_BMP_INVALID,
    CS_COL_SUBJ_UNIVERSAL_INVALID,
    CS_COL_SUBJ_CONTROL_CHARS,
    /* Subject: emailAddress. */
    CS_COL_SUBJ_EMAIL_PRESENT,
    CS_COL_SUBJ_EMAIL_NOT_IN_SAN,
    /* Subject: upper bounds (characters). */
    CS_COL_SUBJ_CN_TOO_LONG,
    CS_COL_SUBJ_O_TOO_LONG,
    CS_COL_SUBJ_OU_TOO_LONG,
    CS_COL_SUBJ_L_TOO_LONG,
    CS_COL_SUBJ_ST_TOO_LONG,
    CS_COL_SUBJ_TITLE_TOO_LONG,
    CS_COL_SUBJ_SERIAL_TOO_LONG,
    CS_COL_SUBJ_EMAIL_TOO_LONG,
    CS_COL_SUBJ_PSEUDONYM_TOO_LONG,
    CS_COL_SUBJ_GIVEN_NAME_TOO_LONG,
    CS_COL_SUBJ_SURNAME_TOO_LONG,
    CS_COL_SUBJ_X520NAME_TOO_LONG, /* name, initials, generationQualifier */
    CS_COL_SUBJ_POSTAL_CODE_TOO_LONG,
    CS_COL_SUBJ_STREET_TOO_LONG,
    CS_COL_SUBJ_GIVEN_NAME_OVER_64,
    CS_COL_SUBJ_SURNAME_OVER_64,
    /* Validity. */
    CS_COL_UTC_NO_SECONDS,
    CS_COL_UTC_NOT_ZULU,
    CS_COL_GEN_NO_SECONDS,
    CS_COL_GEN_FRACTION,
    CS_COL_GEN_NOT_ZULU,
    CS_COL_VALIDITY_NEGATIVE, /* notBefore after notAfter */
    /* Version and unique identifiers. */
    CS_COL_VERSION_INVALID,     /* a value other than 0, 1, 2 */
    CS_COL_VERSION_EXPLICIT_V1, /* the DEFAULT v1 encoded */
    CS_COL_VERSION_NONMINIMAL,  /* the version INTEGER not minimally encoded */
    CS_COL_UID_PRESENT,
    CS_COL_UID_BAD_VERSION, /* a unique identifier in a certificate that is not v2 or v3 */
    CS_COL_NAMES_END_
};
_Static_assert(CS_COL_NAMES_END_ <= CS_COL_EXTS_BASE, "too many names columns");

/* Nothing decoded is kept: every rule of this area is a predicate over the columns above, and
 * details re-walk the view. */
typedef struct cs_facts_names {
    uint8_t unused_;
} cs_facts_names;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_names(const cs_x509 *x509, struct cs_facts *out);

/* Problems of one attribute value (the same test the extractor runs), for rule details. */
#define CS_NP_EMPTY_VALUE     (1u << 0)
#define CS_NP_DIRSTRING_TYPE  (1u << 1)
#define CS_NP_LEGACY_TYPE     (1u << 2)
#define CS_NP_COUNTRY_TYPE    (1u << 3)
#define CS_NP_COUNTRY_LENGTH  (1u << 4)
#define CS_NP_SERIAL_TYPE     (1u << 5)
#define CS_NP_DNQ_TYPE        (1u << 6)
#define CS_NP_EMAIL_TYPE      (1u << 7)
#define CS_NP_DC_TYPE         (1u << 8)
#define CS_NP_DC_LABEL        (1u << 9)
#define CS_NP_PRINTABLE_ALPHA (1u << 10)
#define CS_NP_IA5             (1u << 11)
#define CS_NP_UTF8            (1u << 12)
#define CS_NP_BMP             (1u << 13)
#define CS_NP_UNIVERSAL       (1u << 14)
#define CS_NP_CONTROL         (1u << 15)
#define CS_NP_TOO_LONG        (1u << 16) /* above the bound of its attribute type */
#define CS_NP_OVER_64         (1u << 17) /* givenName/surname above 64 (zlint's X.411 advice) */
#define CS_NP_ISSUER_CHECKS   (CS_NP_EMPTY_VALUE | CS_NP_LEGACY_TYPE | CS_NP_COUNTRY_TYPE)

/* Problems of an attribute; `content` 0 limits the test to CS_NP_ISSUER_CHECKS (no pass over
 * the value). *out_chars (may be NULL) gets the value's length in characters when `content`. */
uint32_t cs_names_attr_problems(const cs_x509_attr *a, int content, uint32_t *out_chars);

/* The upper bound in characters of an attribute type (0: none), and the column its excess
 * sets. */
uint32_t cs_names_attr_bound(cs_attr_id id, unsigned *out_col);

/* Index of the first attribute of `name` with one of `problems`, or -1. */
int cs_names_find_problem(const cs_x509_name *name, uint32_t problems, int content);

/* The attribute type for messages: "CN", or the dotted OID (buf at least 96 bytes). */
const char *cs_names_attr_label(const cs_x509_attr *a, char *buf, size_t buf_len);

/* A short name of a string tag: "UTF8String", "PrintableString", or "tag 0x.." in buf. */
const char *cs_names_tag_name(uint32_t tag, char *buf, size_t buf_len);

/* Writes up to 48 octets of a value into out (printable ASCII as is, other octets as \xHH;
 * "..." when cut). Returns the length. */
size_t cs_names_value_excerpt(const cs_x509_attr *a, char *out, size_t cap);

/* A sentence for the first attribute of the subject (or issuer) with one of `problems`:
 * "subject CN (UTF8String, 70 characters) \"...\": <what>". */
void cs_names_attr_detail(const cs_x509 *x, int subject, uint32_t problems, const char *what,
                          char *buf, size_t len);

#endif
