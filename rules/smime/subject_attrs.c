/* SBR 7.1.4.2.2-7.1.4.2.6: which subject attributes each certificate type may, must and must not
 * carry, their dependencies, and the content rules that do not depend on the type. */
#include <stdio.h>
#include <string.h>

#include "rules/rule.h"
#include "scanner/facts_names.h"

#define SMS_SOURCE "CA/B Forum S/MIME BR"
#define SMS_SINCE  "2023-09-01" /* SBR v1.0.0 */
#define SMS_V104   "2024-05-11" /* SBR v1.0.4 (SMC06) */

/* Names the first subject attribute of one of `classes` (cs_sms_attr_class). */
static void first_of_class(const cs_cert_ctx *c, unsigned classes, const char *what, char *buf,
                           size_t len) {
    const cs_x509_name *n = &c->x509->subject;
    for (unsigned i = 0; i < n->num_attrs; i++) {
        if (cs_sms_attr_class(n->attr[i].id) & classes) {
            char label[96];
            snprintf(buf, len, "subject %s: %s (%s)",
                     cs_names_attr_label(&n->attr[i], label, sizeof label), what,
                     cs_profile_name((cs_profile)c->facts->profile));
            return;
        }
    }
    snprintf(buf, len, "%s", what);
}

static void mailbox_attr_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    first_of_class(c, CS_SMS_C_NON_MAILBOX, "not allowed in a mailbox-validated subject", buf, len);
}

CS_RULE(smime_subject_mailbox_attribute) = {
    .id = "smime.subject.mailbox_attribute",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.3",
    .description = "A mailbox-validated subject may hold only commonName, serialNumber and "
                   "emailAddress.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_MAILBOX,
    .pkilint = CS_NAMES("cabf.smime.prohibited_attribute"),
    .zlint = CS_NAMES("e_mailbox_validated_allowed_subjectdn_attributes",
                      "e_mailbox_validated_enforce_subject_field_restrictions"),
    .when = {.all = {CS_COL_SMS_NON_MAILBOX_ATTR}},
    .detail = mailbox_attr_detail,
};

static void org_person_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    first_of_class(c, CS_SMS_C_PERSON, "natural person attribute in an organization subject", buf,
                   len);
}

CS_RULE(smime_subject_organization_person_attribute) = {
    .id = "smime.subject.organization_person_attribute",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.4",
    .description = "An organization-validated subject SHALL NOT hold givenName, surname, "
                   "pseudonym or title.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ORG,
    .pkilint = CS_NAMES("cabf.smime.prohibited_attribute"),
    .when = {.all = {CS_COL_SMS_NATURAL_PERSON_ATTR}},
    .detail = org_person_detail,
};

static void individual_org_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    first_of_class(c, CS_SMS_C_ORG, "organization attribute in an individual subject", buf, len);
}

CS_RULE(smime_subject_individual_org_attribute) = {
    .id = "smime.subject.individual_org_attribute",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.6",
    .description = "An individual-validated subject SHALL NOT hold organizationName, "
                   "organizationalUnitName or organizationIdentifier.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_INDIVIDUAL,
    .pkilint = CS_NAMES("cabf.smime.prohibited_attribute"),
    .when = {.all = {CS_COL_SMS_ORG_ATTR}},
    .detail = individual_org_detail,
};

static void strict_address_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    first_of_class(c, CS_SMS_C_STREET_POST, "not allowed in a strict subject", buf, len);
}

CS_RULE(smime_subject_strict_street_postal) = {
    .id = "smime.subject.strict_street_postal",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.4-7.1.4.2.6",
    .description = "A strict organization, sponsor or individual subject SHALL NOT hold "
                   "streetAddress or postalCode.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = (CS_SMS_ORG | CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL) & CS_SMS_STRICT,
    .pkilint = CS_NAMES("cabf.smime.prohibited_attribute"),
    .when = {.all = {CS_COL_SMS_STREET_OR_POSTAL}},
    .detail = strict_address_detail,
};

static void unlisted_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    first_of_class(c, CS_SMS_C_UNLISTED, "an attribute the SBR tables do not list", buf, len);
}

CS_RULE(smime_subject_unlisted_attribute) = {
    .id = "smime.subject.unlisted_attribute",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.4-7.1.4.2.6",
    .description = "Multipurpose and strict organization, sponsor and individual subjects SHALL "
                   "NOT hold attributes outside the SBR table (Legacy MAY).",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = (CS_SMS_ORG | CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL) & CS_SMS_NON_LEGACY,
    .pkilint = CS_NAMES("cabf.smime.prohibited_attribute"),
    .when = {.all = {CS_COL_SMS_UNLISTED_ATTR}},
    .detail = unlisted_detail,
};

/* --- Required attributes --- */

static void org_name_missing_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "no subject organizationName in a %s certificate",
             cs_profile_name((cs_profile)c->facts->profile));
}

CS_RULE(smime_subject_organization_name_missing) = {
    .id = "smime.subject.organization_name_missing",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.4, 7.1.4.2.5",
    .description = "Organization- and sponsor-validated subjects SHALL hold organizationName.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ORG | CS_SMS_SPONSOR,
    .pkilint = CS_NAMES("cabf.smime.missing_required_attribute"),
    .when = {.all = {CS_COL_SMIME_SUBSCRIBER}, .none = {CS_COL_SMS_HAS_O}},
    .detail = org_name_missing_detail,
};

static void org_id_missing_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "no subject organizationIdentifier in a %s certificate",
             cs_profile_name((cs_profile)c->facts->profile));
}

CS_RULE(smime_subject_organization_identifier_missing) = {
    .id = "smime.subject.organization_identifier_missing",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.4, 7.1.4.2.5",
    .description = "Organization- and sponsor-validated subjects SHALL hold "
                   "organizationIdentifier.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ORG | CS_SMS_SPONSOR,
    .pkilint = CS_NAMES("cabf.smime.missing_required_attribute"),
    .when = {.all = {CS_COL_SMIME_SUBSCRIBER}, .none = {CS_COL_SMS_HAS_ORG_ID}},
    .detail = org_id_missing_detail,
};

static void person_name_missing_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "none of givenName, surname, pseudonym in a %s subject",
             cs_profile_name((cs_profile)c->facts->profile));
}

CS_RULE(smime_subject_person_name_missing) = {
    .id = "smime.subject.person_name_missing",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.5, 7.1.4.2.6",
    .description = "Multipurpose and strict sponsor and individual subjects SHALL hold givenName "
                   "and/or surname, or pseudonym.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = (CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL) & CS_SMS_NON_LEGACY,
    .pkilint = CS_NAMES("cabf.smime.missing_required_attribute"),
    .zlint = CS_NAMES("e_invalid_individual_identity"),
    .when = {.all = {CS_COL_SMIME_SUBSCRIBER},
             .none = {CS_COL_SMS_HAS_PERSON_NAME, CS_COL_SMS_HAS_PSEUDONYM}},
    .detail = person_name_missing_detail,
};

static void legacy_name_missing_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "none of givenName, surname, pseudonym, commonName in a %s subject",
             cs_profile_name((cs_profile)c->facts->profile));
}

/* Legacy may carry the Personal Name in commonName alone; with no name anywhere the subject does
 * not identify the natural person at all (interpretation, as pkilint). */
CS_RULE(smime_subject_legacy_name_missing) = {
    .id = "smime.subject.legacy_name_missing",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.5, 7.1.4.2.6",
    .description = "A Legacy sponsor or individual subject SHALL name the person: givenName, "
                   "surname, pseudonym or commonName (interpretation).",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = (CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL) & CS_SMS_LEGACY,
    .pkilint = CS_NAMES("cabf.smime.missing_required_attribute"),
    .when = {.all = {CS_COL_SMIME_SUBSCRIBER},
             .none = {CS_COL_SMS_HAS_PERSON_NAME, CS_COL_SMS_HAS_PSEUDONYM, CS_COL_SMS_HAS_CN}},
    .detail = legacy_name_missing_detail,
};

/* --- Pseudonym --- */

static void pseudonym_mixed_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "subject pseudonym together with givenName or surname");
}

CS_RULE(smime_subject_pseudonym_with_name) = {
    .id = "smime.subject.pseudonym_with_name",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (e), (f)",
    .description = "pseudonym SHALL NOT be present together with givenName or surname.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .pkilint = CS_NAMES("cabf.smime.mixed_name_and_pseudonym_attributes"),
    .when = {.all = {CS_COL_SMS_HAS_PSEUDONYM, CS_COL_SMS_HAS_PERSON_NAME}},
    .detail = pseudonym_mixed_detail,
};

/* --- Dependencies (v1.0.4) --- */

static void street_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "subject streetAddress without localityName or stateOrProvinceName");
}

CS_RULE(smime_subject_street_without_locality) = {
    .id = "smime.subject.street_without_locality",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (j)",
    .description = "streetAddress SHALL only be present with localityName or "
                   "stateOrProvinceName.",
    .effective = SMS_V104,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .pkilint = CS_NAMES("cabf.smime.required_attribute_missing_for_dependent_attribute"),
    .when = {.all = {CS_COL_SMS_STREET_WITHOUT_L_ST}},
    .detail = street_detail,
};

static void address_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len,
             "subject localityName, stateOrProvinceName or postalCode without countryName");
}

CS_RULE(smime_subject_address_without_country) = {
    .id = "smime.subject.address_without_country",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (k), (l), (m)",
    .description = "localityName, stateOrProvinceName and postalCode SHALL only be present with "
                   "countryName.",
    .effective = SMS_V104,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .pkilint = CS_NAMES("cabf.smime.required_attribute_missing_for_dependent_attribute"),
    .when = {.all = {CS_COL_SMS_ADDRESS_WITHOUT_C}},
    .detail = address_detail,
};

/* --- Contents --- */

static void first_attr_detail(const cs_cert_ctx *c, cs_attr_id id, const char *what, char *buf,
                              size_t len) {
    const cs_x509_name *n = &c->x509->subject;
    for (unsigned i = 0; i < n->num_attrs; i++) {
        if (n->attr[i].id == id) {
            char value[64], label[96];
            cs_names_value_excerpt(&n->attr[i], value, sizeof value);
            snprintf(buf, len, "subject %s \"%s\": %s",
                     cs_names_attr_label(&n->attr[i], label, sizeof label), value, what);
            return;
        }
    }
    snprintf(buf, len, "%s", what);
}

static void country_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    first_attr_detail(c, CS_ATTR_COUNTRY, "not an ISO 3166-1 alpha-2 code nor XX", buf, len);
}

/* Mailbox-validated subjects may not hold countryName at all (smime.subject.mailbox_attribute
 * reports it), so this rule leaves them out, as zlint does. */
CS_RULE(smime_subject_country_invalid) = {
    .id = "smime.subject.country_invalid",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (n)",
    .description = "countryName SHALL be an ISO 3166-1 alpha-2 code, or XX when the country has "
                   "none.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY & ~CS_SMS_MAILBOX,
    .pkilint = CS_NAMES("cabf.invalid_country_code"),
    .zlint = CS_NAMES("e_subject_country_name"),
    .when = {.all = {CS_COL_SMS_COUNTRY_INVALID}},
    .detail = country_detail,
};

static void insignificant_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_name *n = &c->x509->subject;
    for (unsigned i = 0; i < n->num_attrs; i++) {
        const cs_x509_attr *a = &n->attr[i];
        int only_marks = a->value.len > 0;
        for (size_t j = 0; j < a->value.len && only_marks; j++) {
            uint8_t ch = a->value.ptr[j];
            only_marks = ch < 0x80 && !((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
                                        (ch >= 'a' && ch <= 'z'));
        }
        if (only_marks) {
            first_attr_detail(c, (cs_attr_id)a->id,
                              "only punctuation or spaces, a placeholder for an absent value", buf,
                              len);
            return;
        }
    }
    snprintf(buf, len, "a subject value holds only punctuation or spaces");
}

CS_RULE(smime_subject_insignificant_value) = {
    .id = "smime.subject.insignificant_value",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2",
    .description = "Subject attributes SHALL NOT hold only metadata such as '.', '-' or ' ' to "
                   "say a value is absent.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .pkilint = CS_NAMES("cabf.insignificant_attribute_value_present"),
    .when = {.all = {CS_COL_SMS_INSIGNIFICANT_VALUE}},
    .detail = insignificant_detail,
};

static void email_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    first_attr_detail(c, CS_ATTR_EMAIL_ADDRESS, "not a single bare Mailbox Address", buf, len);
}

CS_RULE(smime_subject_email_not_mailbox) = {
    .id = "smime.subject.email_not_mailbox",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (h)",
    .description = "Each subject emailAddress SHALL hold a single Mailbox Address (no list, no "
                   "display name).",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .zlint = CS_NAMES("e_single_email_subject_if_present"),
    .when = {.all = {CS_COL_SMS_EMAIL_NOT_MAILBOX}},
    .detail = email_detail,
};

static void npi_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    first_attr_detail(c, CS_ATTR_SERIAL_NUMBER,
                      "shaped as an Appendix A.2 identifier, but its country code is not ISO "
                      "3166-1 or the identifier is empty",
                      buf, len);
}

/* serialNumber may be any CA-assigned value, so only a value that claims an A.2 scheme
 * ("PASDE-...") is judged, and only as a warning. */
CS_RULE(smime_subject_person_identifier) = {
    .id = "smime.subject.person_identifier",
    .severity = CS_SEV_WARNING,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (g), Appendix A.2",
    .description = "A serialNumber in natural person identifier form (PAS, IDC, PNO, TAX, TIN, "
                   "EID) should carry an ISO 3166-1 country code and an identifier.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL,
    .when = {.all = {CS_COL_SMS_NPI_INVALID}},
    .detail = npi_detail,
};
