/* SBR 7.1.2.3 (h): subjectAltName presence and criticality (its content is 7.1.4.2.1, judged by
 * the subject/SAN rules). */
#include <stdio.h>

#include "rules/rule.h"

#define SMEXT_DETAIL(name, text)                                                                   \
    static void name(const cs_cert_ctx *c, char *buf, size_t len) {                                \
        (void)c;                                                                                   \
        snprintf(buf, len, "%s", text);                                                            \
    }

SMEXT_DETAIL(missing_detail, "no subjectAltName extension")
SMEXT_DETAIL(critical_detail, "subjectAltName is critical although the subject is not empty")

CS_RULE(smime_ext_san_missing) = {
    .id = "smime.ext.san_missing",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.2.3 (h)",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_PROFILES_SMIME_ALL,
    .description = "S/MIME subscriber certificates SHALL carry subjectAltName.",
    .pkilint = CS_NAMES("cabf.smime.san_extension_missing"),
    .zlint = CS_NAMES("e_san_shall_be_present"),
    .when = {.all = {CS_COL_SMEXT_SMIME}, .none = {CS_COL_EXT_PRESENT + CS_EXT_SUBJECT_ALT_NAME}},
    .detail = missing_detail,
};

CS_RULE(smime_ext_san_critical) = {
    .id = "smime.ext.san_critical",
    .severity = CS_SEV_WARNING,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.2.3 (h)",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_PROFILES_SMIME_ALL,
    .description = "subjectAltName SHOULD NOT be marked critical unless the subject is an empty "
                   "sequence.",
    .pkilint = CS_NAMES("pkix.san_extension_is_critical_non_empty_subject"),
    .zlint = CS_NAMES("w_san_should_not_be_critical"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CS_COL_EXT_CRITICAL + CS_EXT_SUBJECT_ALT_NAME},
             .none = {CS_COL_GN_SUBJECT_EMPTY}},
    .detail = critical_detail,
};
