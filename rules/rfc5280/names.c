/* RFC 5280 §4.1.2.4, §4.1.2.6, App. A and App. B: issuer and subject names, their attribute
 * types, string types and contents.
 *
 * Content rules look at the subject only: the issuer field repeats the issuing CA's subject byte
 * for byte (§4.1.2.6 (a)), and is judged on that CA's own certificate. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/facts_names.h"

#define ATTR_DETAIL(fn, subject, problem, what)                                                    \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        cs_names_attr_detail(c->x509, subject, problem, what, buf, len);                           \
    }

/* --- Both names: structure --- */

static void issuer_empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "issuer has %u RDN(s) and no attribute", (unsigned)c->x509->issuer.num_rdns);
}

CS_RULE(rfc5280_issuer_empty) = {
    .id = "rfc5280.issuer.empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.4",
    .description = "The issuer field MUST contain a non-empty distinguished name (read as: at "
                   "least one attribute; a name of empty RDNs is empty).",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.name_empty"),
    .zlint = CS_NAMES("e_issuer_field_empty"),
    .when = {.all = {CS_COL_ISSUER_EMPTY}},
    .detail = issuer_empty_detail,
};

static void subject_empty_ca_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "subject is empty in a certificate %s",
             cs_facts_has(c->facts, CS_COL_BC_CA) ? "with basicConstraints cA TRUE"
                                                  : "whose keyUsage asserts cRLSign");
}

CS_RULE(rfc5280_subject_empty_for_ca) = {
    .id = "rfc5280.subject.empty_for_ca",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.6",
    .description = "A CA (basicConstraints cA TRUE) or CRL issuer (keyUsage cRLSign) MUST have a "
                   "non-empty subject distinguished name.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ca_subject_field_empty"),
    .when = {.all = {CS_COL_SUBJECT_EMPTY_CA}},
    .detail = subject_empty_ca_detail,
};

static void empty_rdn_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "%s has an RDN (SET) with no attribute",
             c->x509->issuer.empty_rdn ? "issuer" : "subject");
}

CS_RULE(rfc5280_names_empty_rdn) = {
    .id = "rfc5280.names.empty_rdn",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.4",
    .description = "Every RelativeDistinguishedName MUST hold at least one attribute (SET SIZE "
                   "(1..MAX) OF AttributeTypeAndValue), in issuer and subject.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_NAME_EMPTY_RDN}},
    .detail = empty_rdn_detail,
};

static void empty_value_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    int subject = cs_names_find_problem(&c->x509->issuer, CS_NP_EMPTY_VALUE, 0) < 0;
    cs_names_attr_detail(c->x509, subject, CS_NP_EMPTY_VALUE, "empty value", buf, len);
}

CS_RULE(rfc5280_names_empty_value) = {
    .id = "rfc5280.names.empty_value",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.4, App. A",
    .description = "Attribute values MUST NOT be empty strings: DirectoryString and the other "
                   "string types of App. A have SIZE (1..MAX) (issuer and subject).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_NAME_EMPTY_VALUE}},
    .detail = empty_value_detail,
};

static int name_has_dup(const cs_x509_name *n, char *buf, size_t len, const char *where) {
    for (unsigned i = 0; i < n->num_attrs; i++) {
        for (unsigned j = i + 1; j < n->num_attrs && n->attr[j].rdn == n->attr[i].rdn; j++) {
            if (cs_der_equal(n->attr[i].oid, n->attr[j].oid)) {
                char label[96];
                snprintf(buf, len, "%s RDN %u holds %s more than once", where,
                         (unsigned)n->attr[i].rdn + 1,
                         cs_names_attr_label(&n->attr[i], label, sizeof label));
                return 1;
            }
        }
    }
    return 0;
}

static void rdn_dup_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    if (!name_has_dup(&c->x509->issuer, buf, len, "issuer") &&
        !name_has_dup(&c->x509->subject, buf, len, "subject")) {
        snprintf(buf, len, "an RDN holds an attribute type more than once");
    }
}

CS_RULE(rfc5280_names_rdn_duplicate_type) = {
    .id = "rfc5280.names.rdn_duplicate_type",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.4 (X.501 RelativeDistinguishedName)",
    .description = "One RDN MUST NOT hold two values of the same attribute type (X.501, which "
                   "RFC 5280 takes the Name type from); issuer and subject.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.rdn_contains_duplicate_attribute_types"),
    .when = {.all = {CS_COL_NAME_RDN_DUP_TYPE}},
    .detail = rdn_dup_detail,
};

static void rdn_unsorted_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "a multi-valued RDN of the %s is not in DER SET OF order",
             c->x509->issuer.rdn_set_unsorted ? "issuer" : "subject");
}

CS_RULE(rfc5280_names_rdn_unsorted) = {
    .id = "rfc5280.names.rdn_unsorted",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.1.3, App. B (X.690 §11.6)",
    .description = "The values of a multi-valued RDN MUST be in DER order (SET OF sorted by "
                   "encoding), since the TBSCertificate is DER; issuer and subject.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_NAME_RDN_UNSORTED}},
    .detail = rdn_unsorted_detail,
};

/* --- Issuer --- */

ATTR_DETAIL(issuer_country_detail, 0, CS_NP_COUNTRY_TYPE, "countryName is not a PrintableString")

CS_RULE(rfc5280_issuer_country_not_printable) = {
    .id = "rfc5280.issuer.country_not_printable",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. A (X520countryName)",
    .description = "countryName in the issuer MUST be a PrintableString.",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_issuer_dn_country_not_printable_string"),
    .when = {.all = {CS_COL_ISSUER_COUNTRY_NOT_PRINTABLE}},
    .detail = issuer_country_detail,
};

ATTR_DETAIL(issuer_legacy_detail, 0, CS_NP_LEGACY_TYPE, "DirectoryString encoded as a legacy type")

/* A notice: §4.1.2.4 lets a CA keep the Teletex/BMP/Universal encodings it used before, or
 * share those of the CAs of its domain, which one certificate cannot show. */
CS_RULE(rfc5280_issuer_legacy_string_type) = {
    .id = "rfc5280.issuer.legacy_string_type",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "4.1.2.4",
    .description = "An issuer DirectoryString is a TeletexString, BMPString or UniversalString: "
                   "allowed only where the CA used that encoding before (or shares it with the "
                   "existing CAs of its domain); otherwise PrintableString or UTF8String.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_ISSUER_LEGACY_STRING}},
    .detail = issuer_legacy_detail,
};

/* --- Subject: string types --- */

ATTR_DETAIL(dirstring_detail, 1, CS_NP_DIRSTRING_TYPE, "not one of the DirectoryString choices")

CS_RULE(rfc5280_subject_directory_string_bad_type) = {
    .id = "rfc5280.subject.directory_string_bad_type",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.6, 4.1.2.4, App. A",
    .description = "An attribute of type DirectoryString (CN, O, OU, L, ST, street, title, "
                   "names, pseudonym, postalCode, businessCategory, organizationIdentifier...) "
                   "MUST be one of TeletexString, PrintableString, UniversalString, UTF8String, "
                   "BMPString.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_DIRSTRING_BAD_TYPE}},
    .detail = dirstring_detail,
};

ATTR_DETAIL(subject_legacy_detail, 1, CS_NP_LEGACY_TYPE, "DirectoryString encoded as a legacy type")

CS_RULE(rfc5280_subject_legacy_string_type) = {
    .id = "rfc5280.subject.legacy_string_type",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.1.2.6",
    .description = "TeletexString, BMPString and UniversalString SHOULD NOT be used in the "
                   "subject of new certificates (only where the name was established before); "
                   "use PrintableString or UTF8String.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_LEGACY_STRING}},
    .detail = subject_legacy_detail,
};

ATTR_DETAIL(subject_country_detail, 1, CS_NP_COUNTRY_TYPE, "countryName is not a PrintableString")

CS_RULE(rfc5280_subject_country_not_printable) = {
    .id = "rfc5280.subject.country_not_printable",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. A (X520countryName)",
    .description = "countryName in the subject MUST be a PrintableString.",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_subject_dn_country_not_printable_string"),
    .when = {.all = {CS_COL_SUBJ_COUNTRY_NOT_PRINTABLE}},
    .detail = subject_country_detail,
};

ATTR_DETAIL(country_length_detail, 1, CS_NP_COUNTRY_LENGTH, "countryName is not two characters")

CS_RULE(rfc5280_subject_country_bad_length) = {
    .id = "rfc5280.subject.country_bad_length",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. A (X520countryName)",
    .description = "countryName MUST be exactly two characters (PrintableString (SIZE (2)), an "
                   "ISO 3166 alpha-2 code).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_COUNTRY_BAD_LENGTH}},
    .detail = country_length_detail,
};

ATTR_DETAIL(serial_type_detail, 1, CS_NP_SERIAL_TYPE, "serialNumber is not a PrintableString")

CS_RULE(rfc5280_subject_serial_number_not_printable) = {
    .id = "rfc5280.subject.serial_number_not_printable",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. A (X520SerialNumber)",
    .description = "The serialNumber attribute (2.5.4.5) MUST be a PrintableString.",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_subject_dn_serial_number_not_printable_string"),
    .when = {.all = {CS_COL_SUBJ_SERIAL_NOT_PRINTABLE}},
    .detail = serial_type_detail,
};

ATTR_DETAIL(dnq_type_detail, 1, CS_NP_DNQ_TYPE, "dnQualifier is not a PrintableString")

CS_RULE(rfc5280_subject_dn_qualifier_not_printable) = {
    .id = "rfc5280.subject.dn_qualifier_not_printable",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. A (X520dnQualifier)",
    .description = "The dnQualifier attribute MUST be a PrintableString.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_DNQ_NOT_PRINTABLE}},
    .detail = dnq_type_detail,
};

ATTR_DETAIL(email_type_detail, 1, CS_NP_EMAIL_TYPE, "emailAddress is not an IA5String")

CS_RULE(rfc5280_subject_email_not_ia5) = {
    .id = "rfc5280.subject.email_not_ia5",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. A (EmailAddress)",
    .description = "The legacy emailAddress attribute MUST be an IA5String.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_EMAIL_NOT_IA5}},
    .detail = email_type_detail,
};

ATTR_DETAIL(dc_type_detail, 1, CS_NP_DC_TYPE, "domainComponent is not an IA5String")

CS_RULE(rfc5280_subject_domain_component_not_ia5) = {
    .id = "rfc5280.subject.domain_component_not_ia5",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. A (DomainComponent)",
    .description = "The domainComponent attribute MUST be an IA5String.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_DC_NOT_IA5}},
    .detail = dc_type_detail,
};

ATTR_DETAIL(dc_label_detail, 1, CS_NP_DC_LABEL, "not a single DNS label (LDH, 1-63 characters)")

CS_RULE(rfc5280_subject_domain_component_not_label) = {
    .id = "rfc5280.subject.domain_component_not_label",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.4, 7.3 (RFC 4519 §2.4)",
    .description = "A domainComponent holds one label of a DNS name: 1 to 63 letters, digits "
                   "and hyphens, no hyphen first or last, no dot (IDN labels as A-labels).",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.name_domain_components_invalid_domain_name"),
    .when = {.all = {CS_COL_SUBJ_DC_BAD_LABEL}},
    .detail = dc_label_detail,
};

/* --- Subject: string contents --- */

ATTR_DETAIL(printable_detail, 1, CS_NP_PRINTABLE_ALPHA,
            "character outside the PrintableString alphabet")

CS_RULE(rfc5280_subject_printable_string_bad_alphabet) = {
    .id = "rfc5280.subject.printable_string_bad_alphabet",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. B",
    .description = "A PrintableString MUST hold only A-Z a-z 0-9, space and ' ( ) + , - . / : "
                   "= ? (so no @, _, & or *).",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_subject_printable_string_badalpha"),
    .when = {.all = {CS_COL_SUBJ_PRINTABLE_BAD_ALPHA}},
    .detail = printable_detail,
};

ATTR_DETAIL(ia5_detail, 1, CS_NP_IA5, "octet above 0x7F in an IA5String")

CS_RULE(rfc5280_subject_ia5_string_not_ascii) = {
    .id = "rfc5280.subject.ia5_string_not_ascii",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. A (X.680 IA5String)",
    .description = "An IA5String MUST hold only octets 0x00-0x7F (International Alphabet 5).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_IA5_NOT_ASCII}},
    .detail = ia5_detail,
};

ATTR_DETAIL(utf8_detail, 1, CS_NP_UTF8, "not valid UTF-8")

CS_RULE(rfc5280_subject_utf8_string_invalid) = {
    .id = "rfc5280.subject.utf8_string_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.4 (RFC 3629)",
    .description = "A UTF8String MUST be valid UTF-8 (RFC 3629): no overlong forms, surrogates, "
                   "code points above U+10FFFF or truncated sequences.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_UTF8_INVALID}},
    .detail = utf8_detail,
};

ATTR_DETAIL(bmp_detail, 1, CS_NP_BMP, "odd length or a surrogate code unit")

CS_RULE(rfc5280_subject_bmp_string_invalid) = {
    .id = "rfc5280.subject.bmp_string_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. A (X.680 BMPString)",
    .description = "A BMPString MUST be UCS-2: an even number of octets and no surrogate code "
                   "units (U+D800-U+DFFF).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_BMP_INVALID}},
    .detail = bmp_detail,
};

ATTR_DETAIL(universal_detail, 1, CS_NP_UNIVERSAL,
            "length not a multiple of 4, a surrogate or a value above U+10FFFF")

CS_RULE(rfc5280_subject_universal_string_invalid) = {
    .id = "rfc5280.subject.universal_string_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "App. A (X.680 UniversalString)",
    .description = "A UniversalString MUST be UCS-4: a multiple of four octets, each character "
                   "a Unicode scalar value (at most U+10FFFF, no surrogates).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_UNIVERSAL_INVALID}},
    .detail = universal_detail,
};

ATTR_DETAIL(control_detail, 1, CS_NP_CONTROL, "control character")

/* A notice: RFC 5280 says nothing about control characters in names (zlint reports an error).
 * Each value is decoded by its own type, so a BMPString's zero high octets are not controls. */
CS_RULE(rfc5280_subject_control_characters) = {
    .id = "rfc5280.subject.control_characters",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "App. A",
    .description = "A subject attribute value holds a control character (U+0000-U+001F, "
                   "U+007F-U+009F); not forbidden by RFC 5280 but rarely intended.",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_subject_dn_not_printable_characters"),
    .when = {.all = {CS_COL_SUBJ_CONTROL_CHARS}},
    .detail = control_detail,
};

/* --- Subject: emailAddress --- */

static void email_not_in_san_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_name *s = &c->x509->subject;
    for (unsigned i = 0; i < s->num_attrs; i++) {
        if (s->attr[i].id == CS_ATTR_EMAIL_ADDRESS) {
            char value[256];
            cs_names_value_excerpt(&s->attr[i], value, sizeof value);
            snprintf(buf, len, "subject emailAddress \"%s\"%s", value,
                     cs_x509_find_ext(c->x509, CS_EXT_SUBJECT_ALT_NAME) < 0
                         ? " with no subjectAltName extension"
                         : " (or another) is not an rfc822Name of the subjectAltName");
            return;
        }
    }
    snprintf(buf, len, "a subject emailAddress is not in the subjectAltName");
}

CS_RULE(rfc5280_subject_email_not_in_san) = {
    .id = "rfc5280.subject.email_not_in_san",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.6",
    .description = "New certificates with email addresses MUST carry them as rfc822Name in the "
                   "subjectAltName: every subject emailAddress must also be an rfc822Name there "
                   "(compared octet for octet).",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.subject_email_address_not_in_san"),
    .zlint = CS_NAMES("e_subj_email_not_in_san"),
    .when = {.all = {CS_COL_SUBJ_EMAIL_NOT_IN_SAN}},
    .detail = email_not_in_san_detail,
};

static void email_deprecated_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_name *s = &c->x509->subject;
    for (unsigned i = 0; i < s->num_attrs; i++) {
        if (s->attr[i].id == CS_ATTR_EMAIL_ADDRESS) {
            char value[256];
            cs_names_value_excerpt(&s->attr[i], value, sizeof value);
            snprintf(buf, len, "subject emailAddress \"%s\"", value);
            return;
        }
    }
    snprintf(buf, len, "subject has an emailAddress attribute");
}

CS_RULE(rfc5280_subject_email_address_deprecated) = {
    .id = "rfc5280.subject.email_address_deprecated",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "4.1.2.6",
    .description = "The subject carries the legacy emailAddress attribute: deprecated, though "
                   "permitted beside the subjectAltName rfc822Name for legacy software.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SUBJ_EMAIL_PRESENT}},
    .detail = email_deprecated_detail,
};
