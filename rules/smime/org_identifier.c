/* SBR 7.1.4.2.2 (d) and Appendix A.1: the syntax of subject:organizationIdentifier,
 * "SSS" scheme + "CC" country [+ "+sub"] [+ "-" registration reference], and its country. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/facts_names.h"

#define SMS_SOURCE "CA/B Forum S/MIME BR"
#define SMS_SINCE  "2023-09-01"
#define SMS_V109   "2025-05-14" /* SBR v1.0.9 (SMC011) */

/* Names the first organizationIdentifier with the problem of column `col`. */
static void orgid_detail(const cs_cert_ctx *c, unsigned col, const char *what, char *buf,
                         size_t len) {
    const cs_x509_name *n = &c->x509->subject;
    const uint8_t *country = NULL;
    for (unsigned i = 0; i < n->num_attrs; i++) {
        if (n->attr[i].id == CS_ATTR_COUNTRY && n->attr[i].value.len == 2 && country == NULL) {
            country = n->attr[i].value.ptr;
        }
    }
    for (unsigned i = 0; i < n->num_attrs; i++) {
        const cs_x509_attr *a = &n->attr[i];
        if (a->id != CS_ATTR_ORGANIZATION_IDENTIFIER) {
            continue;
        }
        cs_sms_orgid id;
        cs_sms_orgid_parse(a, country, &id);
        if (id.problems & (1u << (col - CS_COL_SMS_ORGID_ENCODING))) {
            char value[64];
            cs_names_value_excerpt(a, value, sizeof value);
            snprintf(buf, len, "subject organizationIdentifier \"%s\": %s", value, what);
            return;
        }
    }
    snprintf(buf, len, "subject organizationIdentifier: %s", what);
}

#define ORGID_DETAIL(name, col, what)                                                              \
    static void name(const cs_cert_ctx *c, char *buf, size_t len) {                                \
        orgid_detail(c, col, what, buf, len);                                                      \
    }

/* The syntax is judged wherever an organizationIdentifier appears, smime.undetermined included:
 * in mailbox and individual subjects the attribute is also reported by the subject table rules,
 * but its value stays wrong either way (pkilint judges it for every type as well). */
#define ORGID_PROFILES CS_SMS_ANY

ORGID_DETAIL(encoding_detail, CS_COL_SMS_ORGID_ENCODING, "neither PrintableString nor UTF8String")

CS_RULE(smime_org_identifier_encoding) = {
    .id = "smime.org_identifier.encoding",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (d)",
    .description = "organizationIdentifier SHALL be a PrintableString or UTF8String.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = ORGID_PROFILES,
    .pkilint = CS_NAMES("cabf.invalid_subject_organization_identifier_encoding"),
    .when = {.all = {CS_COL_SMS_ORGID_ENCODING}},
    .detail = encoding_detail,
};

ORGID_DETAIL(format_detail, CS_COL_SMS_ORGID_FORMAT,
             "not 3-letter scheme + 2-letter country [+ \"+\" subdivision] [+ \"-\" reference]")

CS_RULE(smime_org_identifier_format) = {
    .id = "smime.org_identifier.format",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (d), Appendix A.1",
    .description = "organizationIdentifier SHALL be scheme (3 letters), country (2 letters), an "
                   "optional \"+\" subdivision of up to 3 characters and a \"-\" reference.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = ORGID_PROFILES,
    .pkilint = CS_NAMES("cabf.invalid_subject_organization_identifier_format"),
    .when = {.all = {CS_COL_SMS_ORGID_FORMAT}},
    .detail = format_detail,
};

ORGID_DETAIL(scheme_detail, CS_COL_SMS_ORGID_SCHEME,
             "the scheme is none of NTR, VAT, PSD, LEI, GOV, INT")

CS_RULE(smime_org_identifier_scheme) = {
    .id = "smime.org_identifier.scheme",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (d), Appendix A.1",
    .description = "The organizationIdentifier scheme SHALL be NTR, VAT, PSD, LEI, GOV or INT.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = ORGID_PROFILES,
    .pkilint = CS_NAMES("cabf.invalid_organization_identifier_registration_scheme"),
    .when = {.all = {CS_COL_SMS_ORGID_SCHEME}},
    .detail = scheme_detail,
};

ORGID_DETAIL(country_detail, CS_COL_SMS_ORGID_COUNTRY,
             "country code not valid for the scheme (ISO 3166-1 or XX; XG for LEI and INT)")

CS_RULE(smime_org_identifier_country) = {
    .id = "smime.org_identifier.country",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (d), Appendix A.1",
    .description = "The organizationIdentifier country SHALL be XG for LEI and INT, otherwise an "
                   "ISO 3166-1 code (XX, or EL/XI for VAT).",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = ORGID_PROFILES,
    .pkilint = CS_NAMES("cabf.invalid_organization_identifier_country"),
    .when = {.all = {CS_COL_SMS_ORGID_COUNTRY}},
    .detail = country_detail,
};

ORGID_DETAIL(subdiv_global_detail, CS_COL_SMS_ORGID_SUBDIV_GLOBAL,
             "a subdivision with a global scheme (LEI, INT)")

CS_RULE(smime_org_identifier_subdivision_global) = {
    .id = "smime.org_identifier.subdivision_global",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (d), Appendix A.1",
    .description = "LEI and INT organizationIdentifiers (country XG) SHALL NOT carry a "
                   "subdivision.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = ORGID_PROFILES,
    .pkilint = CS_NAMES("cabf.invalid_subject_organization_identifier_state_province_for_scheme"),
    .when = {.all = {CS_COL_SMS_ORGID_SUBDIV_GLOBAL}},
    .detail = subdiv_global_detail,
};

ORGID_DETAIL(subdiv_scheme_detail, CS_COL_SMS_ORGID_SUBDIV_SCHEME,
             "a subdivision with VAT or PSD, which before SBR v1.0.9 only NTR and GOV had")

/* v1.0.0-1.0.8 defined "+sub" for NTR (and GOV by Note 2) only; v1.0.9 opened it to every scheme
 * whose references are not unique nationally, which cannot be linted. */
CS_RULE(smime_org_identifier_subdivision_scheme) = {
    .id = "smime.org_identifier.subdivision_scheme",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "Appendix A.1 (v1.0.0-1.0.8)",
    .description = "Before SBR v1.0.9, VAT and PSD organizationIdentifiers SHALL NOT carry a "
                   "subdivision.",
    .effective = SMS_SINCE,
    .ineffective = SMS_V109,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = ORGID_PROFILES,
    .pkilint = CS_NAMES("cabf.invalid_subject_organization_identifier_state_province_for_scheme"),
    .when = {.all = {CS_COL_SMS_ORGID_SUBDIV_SCHEME}},
    .detail = subdiv_scheme_detail,
};

ORGID_DETAIL(ref_missing_detail, CS_COL_SMS_ORGID_REF_MISSING,
             "no registration reference, which NTR, VAT, PSD and LEI require")

CS_RULE(smime_org_identifier_reference_missing) = {
    .id = "smime.org_identifier.reference_missing",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (d), Appendix A.1",
    .description = "NTR, VAT, PSD and LEI organizationIdentifiers SHALL carry a registration "
                   "reference after \"-\".",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = ORGID_PROFILES,
    .pkilint = CS_NAMES("cabf.organization_identifier_reference_missing_for_scheme"),
    .when = {.all = {CS_COL_SMS_ORGID_REF_MISSING}},
    .detail = ref_missing_detail,
};

ORGID_DETAIL(ref_present_detail, CS_COL_SMS_ORGID_REF_PRESENT,
             "a registration reference with GOV or INT, which have none")

CS_RULE(smime_org_identifier_reference_present) = {
    .id = "smime.org_identifier.reference_present",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (d) Note 2",
    .description = "GOV and INT organizationIdentifiers are scheme and country only, with no "
                   "registration reference (interpretation of Note 2).",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = ORGID_PROFILES,
    .pkilint =
        CS_NAMES("cabf.smime.prohibited_organization_identifier_reference_present_for_scheme"),
    .when = {.all = {CS_COL_SMS_ORGID_REF_PRESENT}},
    .detail = ref_present_detail,
};

ORGID_DETAIL(mismatch_detail, CS_COL_SMS_ORGID_C_MISMATCH,
             "its country differs from the subject countryName")

CS_RULE(smime_org_identifier_country_mismatch) = {
    .id = "smime.org_identifier.country_mismatch",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (d) Note 1",
    .description = "Except for LEI and INT, the organizationIdentifier country SHALL equal "
                   "countryName when present (VAT may use the Art. 215 prefixes EL and XI).",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = ORGID_PROFILES,
    .pkilint = CS_NAMES("cabf.smime.org_identifier_and_country_name_attribute_inconsistent"),
    .zlint = CS_NAMES("e_registration_scheme_id_matches_subject_country"),
    .when = {.all = {CS_COL_SMS_ORGID_C_MISMATCH}},
    .detail = mismatch_detail,
};

ORGID_DETAIL(euid_detail, CS_COL_SMS_ORGID_DE_NTR_NOT_EUID,
             "a German trade register reference that is not an EUID at country level")

CS_RULE(smime_org_identifier_german_ntr_euid) = {
    .id = "smime.org_identifier.german_ntr_euid",
    .severity = CS_SEV_WARNING,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (d) Note 3",
    .description = "An NTRDE organizationIdentifier SHOULD carry an EUID (\"DE\" + register + "
                   "\".\" + number), without subdivision.",
    .effective = SMS_V109,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = ORGID_PROFILES,
    .pkilint = CS_NAMES("cabf.smime.german_ntr_registration_reference_not_euid"),
    .when = {.all = {CS_COL_SMS_ORGID_DE_NTR_NOT_EUID}},
    .detail = euid_detail,
};
