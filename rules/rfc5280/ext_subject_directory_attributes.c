/* RFC 5280 §4.2.1.8 subjectDirectoryAttributes. */
#include <stdio.h>

#include "rules/rule.h"

static void critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "subjectDirectoryAttributes is marked critical");
}

CS_RULE(rfc5280_subject_directory_attributes_critical) = {
    .id = "rfc5280.subject_directory_attributes.critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.8",
    .description = "subjectDirectoryAttributes MUST be non-critical.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.subject_directory_attributes_extension_critical"),
    .zlint = CS_NAMES("e_ext_subject_directory_attr_critical"),
    .when = {.all = {CS_COL_EXT_CRITICAL + CS_EXT_SUBJECT_DIRECTORY_ATTRIBUTES}},
    .detail = critical_detail,
};

static void empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len,
             "subjectDirectoryAttributes has no attribute, or an attribute with no "
             "value");
}

CS_RULE(rfc5280_subject_directory_attributes_empty) = {
    .id = "rfc5280.subject_directory_attributes.empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.8, A.1",
    .description = "subjectDirectoryAttributes MUST hold at least one attribute (SIZE (1..MAX)), "
                   "each with at least one value.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_cannot_be_empty_sequence"),
    .when = {.all = {CS_COL_SDA_EMPTY}},
    .detail = empty_detail,
};
