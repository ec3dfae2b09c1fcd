/* Facts about the S/MIME subject DN matrix (SBR 7.1.4.2.2-7.1.4.2.6), SAN mailbox rules
 * (7.1.4.2.1), commonName sources, pseudonyms, organizationIdentifier (7.1.4.2.2 (d), Appendix
 * A.1), the natural person identifier in serialNumber (Appendix A.2) and LEI values.
 *
 * The extractor runs only for S/MIME subscriber certificates (cs_facts.smime.smime): it walks the
 * subject once, the subjectAltName once, and parses every organizationIdentifier. Type- and
 * generation-specific judgements that cannot be a plain column predicate (the commonName source
 * of sponsor and individual certificates, the attribute matrix of SAN directoryNames) are
 * computed here from the detected profile, so every rule stays a predicate. */
#ifndef CS_FACTS_SMSUBJ_H
#define CS_FACTS_SMSUBJ_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/profile.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_SMSUBJ_FIRST_ = CS_COL_SMSUBJ_BASE - 1,
    /* Subject attributes present. */
    CS_COL_SMS_HAS_CN,
    CS_COL_SMS_HAS_O,
    CS_COL_SMS_HAS_ORG_ID,
    CS_COL_SMS_HAS_PERSON_NAME, /* givenName or surname */
    CS_COL_SMS_HAS_PSEUDONYM,
    /* Subject attribute classes of the 7.1.4.2.3-7.1.4.2.6 tables. */
    CS_COL_SMS_NON_MAILBOX_ATTR,    /* an attribute other than CN, serialNumber, emailAddress */
    CS_COL_SMS_NATURAL_PERSON_ATTR, /* givenName, surname, pseudonym or title */
    CS_COL_SMS_ORG_ATTR,            /* organizationName, OU or organizationIdentifier */
    CS_COL_SMS_STREET_OR_POSTAL,    /* streetAddress or postalCode */
    CS_COL_SMS_UNLISTED_ATTR,       /* an attribute the tables do not list (DC, uid, ...) */
    /* Attribute dependencies (7.1.4.2.2 (j)-(m)). */
    CS_COL_SMS_STREET_WITHOUT_L_ST, /* streetAddress without localityName and stateOrProvince */
    CS_COL_SMS_ADDRESS_WITHOUT_C,   /* locality, state or postalCode without countryName */
    /* Attribute contents. */
    CS_COL_SMS_COUNTRY_INVALID,     /* countryName neither ISO 3166-1 alpha-2 nor XX */
    CS_COL_SMS_INSIGNIFICANT_VALUE, /* a value of punctuation and spaces only ("-", ".") */
    CS_COL_SMS_EMAIL_NOT_MAILBOX,   /* an emailAddress value that is not one bare Mailbox */
    CS_COL_SMS_CN_NOT_MAILBOX,      /* commonName present and not a Mailbox Address */
    CS_COL_SMS_CN_NOT_ORG,          /* commonName neither a mailbox nor an organizationName */
    CS_COL_SMS_CN_NOT_PERSON,       /* sponsor/individual commonName from no allowed source */
    CS_COL_SMS_NPI_INVALID,         /* serialNumber shaped as an A.2 identifier, badly */
    /* subjectAltName (7.1.4.2.1). */
    CS_COL_SMS_SAN_NO_MAILBOX,      /* SAN present without rfc822Name or SmtpUTF8Mailbox */
    CS_COL_SMS_SAN_PROHIBITED_TYPE, /* dNSName, iPAddress, URI, registeredID, x400, EDI */
    CS_COL_SMS_SAN_OTHER_NAME,      /* an otherName other than SmtpUTF8Mailbox */
    CS_COL_SMS_SAN_MAILBOX_INVALID, /* an rfc822Name or SmtpUTF8Mailbox that is no Mailbox */
    CS_COL_SMS_MAILBOX_NOT_IN_SAN,  /* a mailbox of the subject or a directoryName not in SAN */
    CS_COL_SMS_DIRNAME_ATTR,        /* a SAN directoryName breaks the profile's attribute table */
    /* organizationIdentifier (7.1.4.2.2 (d), Appendix A.1). */
    CS_COL_SMS_ORGID_ENCODING,        /* neither PrintableString nor UTF8String */
    CS_COL_SMS_ORGID_FORMAT,          /* not SSS CC [+sub] [-reference] */
    CS_COL_SMS_ORGID_SCHEME,          /* scheme not NTR, VAT, PSD, LEI, GOV or INT */
    CS_COL_SMS_ORGID_COUNTRY,         /* country code not valid for the scheme */
    CS_COL_SMS_ORGID_SUBDIV_GLOBAL,   /* "+sub" with LEI or INT (country XG) */
    CS_COL_SMS_ORGID_SUBDIV_SCHEME,   /* "+sub" with VAT or PSD (before v1.0.9 only NTR/GOV) */
    CS_COL_SMS_ORGID_REF_MISSING,     /* NTR, VAT, PSD or LEI without a reference */
    CS_COL_SMS_ORGID_REF_PRESENT,     /* GOV or INT with a reference */
    CS_COL_SMS_ORGID_C_MISMATCH,      /* country code differs from countryName */
    CS_COL_SMS_ORGID_DE_NTR_NOT_EUID, /* NTRDE reference not an EUID */
    /* LEI values (ISO 17442) in organizationIdentifier "LEIXG-" or the LEI extension. */
    CS_COL_SMS_LEI_FORMAT,   /* not 18 [0-9A-Z] and 2 digits */
    CS_COL_SMS_LEI_CHECKSUM, /* ISO 7064 MOD 97-10 check fails */
    CS_COL_SMSUBJ_END_
};
_Static_assert(CS_COL_SMSUBJ_END_ <= CS_COL_SMALG_BASE, "too many smsubj columns");

/* Survey flags (cs_facts_smsubj.survey). */
#define CS_SMS_SURVEY_CN_ONLY_MAILBOX 0x01u /* the commonName is exactly a SAN mailbox */
#define CS_SMS_SURVEY_PSEUDONYM       0x02u /* a pseudonym attribute is present */
#define CS_SMS_SURVEY_COUNTRY_XX      0x04u /* countryName is the user-assigned XX */

/* Decoded values rules of this area read (kept so that no rule decodes anything again). */
typedef struct cs_facts_smsubj {
    uint8_t survey; /* CS_SMS_SURVEY_* */
} cs_facts_smsubj;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_smsubj(const cs_x509 *x509, struct cs_facts *out);

/* Profile masks for this area's rule declarations. */
#define CS_SMS_P(t, g)              CS_PROFILE_BIT(cs_sms_profile_index_(t, g))
#define cs_sms_profile_index_(t, g) (CS_PROFILE_SMIME_MAILBOX_LEGACY + ((t)-1) * 3 + ((g)-1))
#define CS_SMS_TYPE(t)                                                                             \
    (CS_SMS_P(t, CS_SMIME_LEGACY) | CS_SMS_P(t, CS_SMIME_MULTIPURPOSE) |                           \
     CS_SMS_P(t, CS_SMIME_STRICT))
#define CS_SMS_GEN(g)                                                                              \
    (CS_SMS_P(CS_SMIME_MAILBOX, g) | CS_SMS_P(CS_SMIME_ORGANIZATION, g) |                          \
     CS_SMS_P(CS_SMIME_SPONSOR, g) | CS_SMS_P(CS_SMIME_INDIVIDUAL, g))
#define CS_SMS_MAILBOX    CS_SMS_TYPE(CS_SMIME_MAILBOX)
#define CS_SMS_ORG        CS_SMS_TYPE(CS_SMIME_ORGANIZATION)
#define CS_SMS_SPONSOR    CS_SMS_TYPE(CS_SMIME_SPONSOR)
#define CS_SMS_INDIVIDUAL CS_SMS_TYPE(CS_SMIME_INDIVIDUAL)
#define CS_SMS_LEGACY     CS_SMS_GEN(CS_SMIME_LEGACY)
#define CS_SMS_STRICT     CS_SMS_GEN(CS_SMIME_STRICT)
#define CS_SMS_NON_LEGACY (CS_SMS_GEN(CS_SMIME_MULTIPURPOSE) | CS_SMS_STRICT)
/* The 12 SBR profiles, without smime.undetermined. */
#define CS_SMS_ALL_12 (CS_SMS_LEGACY | CS_SMS_NON_LEGACY)
/* Every S/MIME subscriber certificate, smime.undetermined included. */
#define CS_SMS_ANY CS_PROFILES_SMIME_ALL

/* --- Helpers shared by the extractor and the rules' details --- */

/* Attribute classes of the subject tables (cs_sms_attr_class). */
#define CS_SMS_C_NON_MAILBOX 0x01u /* not CN, serialNumber or emailAddress */
#define CS_SMS_C_PERSON      0x02u /* givenName, surname, pseudonym, title */
#define CS_SMS_C_ORG         0x04u /* O, OU, organizationIdentifier */
#define CS_SMS_C_STREET_POST 0x08u /* streetAddress, postalCode */
#define CS_SMS_C_UNLISTED    0x10u /* not in the tables */

unsigned cs_sms_attr_class(uint8_t id);

/* 1 when the two letters are an ISO 3166-1 alpha-2 code (officially assigned). */
int cs_sms_iso3166(const uint8_t *cc);

/* An organizationIdentifier value split per Appendix A.1. */
typedef struct cs_sms_orgid {
    uint32_t problems;  /* bit (col - CS_COL_SMS_ORGID_ENCODING) per orgId/LEI column it sets */
    const uint8_t *cc;  /* the two country letters (NULL when the value is too short) */
    cs_der reference;   /* after the first '-' (empty when absent) */
    uint8_t scheme;     /* CS_SMS_SCHEME_* */
    uint8_t has_subdiv; /* "+sub" present */
} cs_sms_orgid;

enum {
    CS_SMS_SCHEME_UNKNOWN = 0,
    CS_SMS_SCHEME_NTR,
    CS_SMS_SCHEME_VAT,
    CS_SMS_SCHEME_PSD,
    CS_SMS_SCHEME_LEI,
    CS_SMS_SCHEME_GOV,
    CS_SMS_SCHEME_INT
};

/* Parses one organizationIdentifier attribute; `country` is the subject's countryName (two
 * letters) or NULL. The result's problems use column offsets from CS_COL_SMS_ORGID_ENCODING. */
void cs_sms_orgid_parse(const cs_x509_attr *a, const uint8_t *country, cs_sms_orgid *out);

/* ISO 17442 LEI checks: 0 when valid, else the column CS_COL_SMS_LEI_FORMAT or _CHECKSUM. */
unsigned cs_sms_lei_check(const uint8_t *p, size_t n);

#endif
