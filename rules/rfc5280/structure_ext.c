/* RFC 5280 §4.1, §4.1.2.1 and §4.1.2.8: the version field's encoding and values, and unique
 * identifiers. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/facts_names.h"

static void version_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "version field encoded with value %llu%s",
             (unsigned long long)c->x509->version_value,
             c->x509->version_nonminimal ? " (INTEGER not minimally encoded)" : "");
}

CS_RULE(rfc5280_version_invalid) = {
    .id = "rfc5280.version.invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.1",
    .description = "The version MUST be one RFC 5280 defines: v1 (0), v2 (1) or v3 (2).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_VERSION_INVALID}},
    .detail = version_detail,
};

CS_RULE(rfc5280_version_explicit_v1) = {
    .id = "rfc5280.version.explicit_v1",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1, App. B (X.690 §11.5)",
    .description = "version is DEFAULT v1: in DER a v1 certificate MUST omit the field rather "
                   "than encode the value 0.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_VERSION_EXPLICIT_V1}},
    .detail = version_detail,
};

CS_RULE(rfc5280_version_not_minimal) = {
    .id = "rfc5280.version.not_minimal",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1, App. B (X.690 §8.3.2)",
    .description = "The version INTEGER MUST be minimally encoded (DER).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_VERSION_NONMINIMAL}},
    .detail = version_detail,
};

static void uid_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    snprintf(buf, len, "%s%s%s in a certificate with version %s",
             x->has_issuer_uid ? "issuerUniqueID" : "",
             x->has_issuer_uid && x->has_subject_uid ? " and " : "",
             x->has_subject_uid ? "subjectUniqueID" : "",
             !x->version_present     ? "absent (v1)"
             : x->version_value == 0 ? "v1"
             : x->version_value == 1 ? "v2"
             : x->version_value == 2 ? "v3"
                                     : "undefined");
}

CS_RULE(rfc5280_unique_id_present) = {
    .id = "rfc5280.unique_id.present",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.8",
    .description = "Conforming CAs MUST NOT generate certificates with issuerUniqueID or "
                   "subjectUniqueID.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.issuer_unique_id_present", "pkix.subject_unique_id_present"),
    .zlint = CS_NAMES("e_cert_contains_unique_identifier"),
    .when = {.all = {CS_COL_UID_PRESENT}},
    .detail = uid_detail,
};

CS_RULE(rfc5280_unique_id_version) = {
    .id = "rfc5280.unique_id.version",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.8",
    .description = "Unique identifiers MUST only appear in version 2 or 3 certificates.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_cert_unique_identifier_version_not_2_or_3"),
    .when = {.all = {CS_COL_UID_BAD_VERSION}},
    .detail = uid_detail,
};
