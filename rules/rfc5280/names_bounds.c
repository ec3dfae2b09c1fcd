/* RFC 5280 App. A upper bounds of subject attributes, counted in characters (a UTF-8 sequence,
 * a BMP code unit pair, a UniversalString quadruple or one octet of the single-octet types each
 * count as one), as App. A's note and X.680 say.
 *
 * Two attributes RFC 5280's module does not bound have rules here with X.520's bounds
 * (streetAddress, postalCode), under the x520.* ids; see rules/DEVIATIONS.md (names) for why
 * RFC 5280's ub-postal-code-length is not used. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/facts_names.h"

/* The first subject attribute whose bound sets column `col` and that exceeds it. */
static void bound_detail(const cs_cert_ctx *c, unsigned col, uint32_t bound, char *buf,
                         size_t len) {
    const cs_x509_name *s = &c->x509->subject;
    for (unsigned i = 0; i < s->num_attrs; i++) {
        const cs_x509_attr *a = &s->attr[i];
        unsigned acol;
        cs_names_attr_bound((cs_attr_id)a->id, &acol);
        uint32_t chars = 0;
        if (acol == col && (cs_names_attr_problems(a, 1, &chars) & CS_NP_TOO_LONG)) {
            char label[96], value[256];
            cs_names_value_excerpt(a, value, sizeof value);
            snprintf(buf, len, "subject %s has %u characters, above the bound of %u: \"%s\"",
                     cs_names_attr_label(a, label, sizeof label), (unsigned)chars, (unsigned)bound,
                     value);
            return;
        }
    }
    snprintf(buf, len, "a subject attribute is longer than %u characters", (unsigned)bound);
}

#define BOUND_RULE(name, rule_id, col, bound, cite, text, eff, zlint_name)                         \
    static void name##_detail(const cs_cert_ctx *c, char *buf, size_t len) {                       \
        bound_detail(c, col, bound, buf, len);                                                     \
    }                                                                                              \
    CS_RULE(name) = {                                                                              \
        .id = rule_id,                                                                             \
        .severity = CS_SEV_ERROR,                                                                  \
        .source = "RFC 5280",                                                                      \
        .citation = cite,                                                                          \
        .description = text,                                                                       \
        .effective = eff,                                                                          \
        .applies = CS_APPLIES_ALL,                                                                 \
        .zlint = zlint_name,                                                                       \
        .when = {.all = {col}},                                                                    \
        .detail = name##_detail,                                                                   \
    }

BOUND_RULE(rfc5280_subject_common_name_too_long, "rfc5280.subject.common_name_too_long",
           CS_COL_SUBJ_CN_TOO_LONG, 64, "App. A (ub-common-name)",
           "commonName MUST NOT be longer than 64 characters.", "1999-01-01",
           CS_NAMES("e_subject_common_name_max_length"));

BOUND_RULE(rfc5280_subject_organization_too_long, "rfc5280.subject.organization_too_long",
           CS_COL_SUBJ_O_TOO_LONG, 64, "App. A (ub-organization-name)",
           "organizationName MUST NOT be longer than 64 characters.", "1999-01-01",
           CS_NAMES("e_subject_organization_name_max_length"));

BOUND_RULE(rfc5280_subject_organizational_unit_too_long,
           "rfc5280.subject.organizational_unit_too_long", CS_COL_SUBJ_OU_TOO_LONG, 64,
           "App. A (ub-organizational-unit-name)",
           "organizationalUnitName MUST NOT be longer than 64 characters.", "1999-01-01",
           CS_NAMES("e_subject_organizational_unit_name_max_length"));

BOUND_RULE(rfc5280_subject_locality_too_long, "rfc5280.subject.locality_too_long",
           CS_COL_SUBJ_L_TOO_LONG, 128, "App. A (ub-locality-name)",
           "localityName MUST NOT be longer than 128 characters.", "1999-01-01",
           CS_NAMES("e_subject_locality_name_max_length"));

BOUND_RULE(rfc5280_subject_state_too_long, "rfc5280.subject.state_too_long",
           CS_COL_SUBJ_ST_TOO_LONG, 128, "App. A (ub-state-name)",
           "stateOrProvinceName MUST NOT be longer than 128 characters.", "1999-01-01",
           CS_NAMES("e_subject_state_name_max_length"));

BOUND_RULE(rfc5280_subject_title_too_long, "rfc5280.subject.title_too_long",
           CS_COL_SUBJ_TITLE_TOO_LONG, 64, "App. A (ub-title)",
           "title MUST NOT be longer than 64 characters.", NULL, NULL);

BOUND_RULE(rfc5280_subject_serial_number_too_long, "rfc5280.subject.serial_number_too_long",
           CS_COL_SUBJ_SERIAL_TOO_LONG, 64, "App. A (ub-serial-number)",
           "The serialNumber attribute MUST NOT be longer than 64 characters.", NULL,
           CS_NAMES("e_subject_dn_serial_number_max_length"));

BOUND_RULE(rfc5280_subject_email_too_long, "rfc5280.subject.email_too_long",
           CS_COL_SUBJ_EMAIL_TOO_LONG, 255, "App. A (ub-emailaddress-length)",
           "emailAddress MUST NOT be longer than 255 characters (128 before RFC 5280).",
           "1999-01-01", CS_NAMES("e_subject_email_max_length"));

BOUND_RULE(rfc5280_subject_pseudonym_too_long, "rfc5280.subject.pseudonym_too_long",
           CS_COL_SUBJ_PSEUDONYM_TOO_LONG, 128, "App. A (ub-pseudonym)",
           "pseudonym MUST NOT be longer than 128 characters.", NULL, NULL);

BOUND_RULE(rfc5280_subject_given_name_too_long, "rfc5280.subject.given_name_too_long",
           CS_COL_SUBJ_GIVEN_NAME_TOO_LONG, 32768, "App. A (ub-name)",
           "givenName MUST NOT be longer than 32768 characters.", "1999-01-01",
           CS_NAMES("e_subject_given_name_max_length"));

BOUND_RULE(rfc5280_subject_surname_too_long, "rfc5280.subject.surname_too_long",
           CS_COL_SUBJ_SURNAME_TOO_LONG, 32768, "App. A (ub-name)",
           "surname MUST NOT be longer than 32768 characters.", "1999-01-01",
           CS_NAMES("e_subject_surname_max_length"));

BOUND_RULE(rfc5280_subject_x520name_too_long, "rfc5280.subject.x520name_too_long",
           CS_COL_SUBJ_X520NAME_TOO_LONG, 32768, "App. A (ub-name)",
           "name, initials and generationQualifier MUST NOT be longer than 32768 characters.", NULL,
           NULL);

/* X.520 bounds for attributes RFC 5280's module leaves out. */
#define X520_RULE(name, rule_id, col, bound, cite, text, zlint_name)                               \
    static void name##_detail(const cs_cert_ctx *c, char *buf, size_t len) {                       \
        bound_detail(c, col, bound, buf, len);                                                     \
    }                                                                                              \
    CS_RULE(name) = {                                                                              \
        .id = rule_id,                                                                             \
        .severity = CS_SEV_ERROR,                                                                  \
        .source = "ITU-T X.520",                                                                   \
        .citation = cite,                                                                          \
        .description = text,                                                                       \
        .effective = "1999-01-01",                                                                 \
        .applies = CS_APPLIES_ALL,                                                                 \
        .zlint = zlint_name,                                                                       \
        .when = {.all = {col}},                                                                    \
        .detail = name##_detail,                                                                   \
    }

X520_RULE(x520_subject_street_address_too_long, "x520.subject.street_address_too_long",
          CS_COL_SUBJ_STREET_TOO_LONG, 128, "Upper bounds (ub-street-address)",
          "streetAddress MUST NOT be longer than 128 characters.",
          CS_NAMES("e_subject_street_address_max_length"));

X520_RULE(x520_subject_postal_code_too_long, "x520.subject.postal_code_too_long",
          CS_COL_SUBJ_POSTAL_CODE_TOO_LONG, 40, "Upper bounds (ub-postal-code)",
          "postalCode MUST NOT be longer than 40 characters (X.520's bound; RFC 5280's 16 is the "
          "X.400 address attribute's).",
          CS_NAMES("e_subject_postal_code_max_length"));

/* zlint's X.411 advice: not a requirement of RFC 5280 or X.520, so a notice. */
#define OVER64_RULE(name, rule_id, col, text, zlint_name)                                          \
    static void name##_detail(const cs_cert_ctx *c, char *buf, size_t len) {                       \
        const cs_x509_name *s = &c->x509->subject;                                                 \
        for (unsigned i = 0; i < s->num_attrs; i++) {                                              \
            uint32_t chars = 0;                                                                    \
            if (cs_names_attr_problems(&s->attr[i], 1, &chars) & CS_NP_OVER_64 &&                  \
                (col == CS_COL_SUBJ_GIVEN_NAME_OVER_64) ==                                         \
                    (s->attr[i].id == CS_ATTR_GIVEN_NAME)) {                                       \
                snprintf(buf, len, "subject %s has %u characters",                                 \
                         cs_attr_short_name((cs_attr_id)s->attr[i].id), (unsigned)chars);          \
                return;                                                                            \
            }                                                                                      \
        }                                                                                          \
        snprintf(buf, len, "a subject name attribute is longer than 64 characters");               \
    }                                                                                              \
    CS_RULE(name) = {                                                                              \
        .id = rule_id,                                                                             \
        .severity = CS_SEV_NOTICE,                                                                 \
        .source = "RFC 5280",                                                                      \
        .citation = "App. A (ub-name; X.411 ub-common-name-length)",                               \
        .description = text,                                                                       \
        .effective = "1999-01-01",                                                                 \
        .applies = CS_APPLIES_ALL,                                                                 \
        .zlint = zlint_name,                                                                       \
        .when = {.all = {col}},                                                                    \
        .detail = name##_detail,                                                                   \
    }

OVER64_RULE(rfc5280_subject_given_name_over_64, "rfc5280.subject.given_name_over_64",
            CS_COL_SUBJ_GIVEN_NAME_OVER_64,
            "givenName is longer than 64 characters: within ub-name, but beyond the 64 of "
            "X.411's ub-common-name-length that some software assumes.",
            CS_NAMES("w_subject_given_name_recommended_max_length"));

OVER64_RULE(rfc5280_subject_surname_over_64, "rfc5280.subject.surname_over_64",
            CS_COL_SUBJ_SURNAME_OVER_64,
            "surname is longer than 64 characters: within ub-name, but beyond the 64 of X.411's "
            "ub-common-name-length that some software assumes.",
            CS_NAMES("w_subject_surname_recommended_max_length"));
