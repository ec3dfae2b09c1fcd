/* RFC 6962 §3.1 (precertificate poison) and §3.3 (embedded SCT list). */
#include <stdio.h>

#include "rules/rule.h"

static void poison_not_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "the CT poison extension is not marked critical");
}

CS_RULE(rfc6962_poison_not_critical) = {
    .id = "rfc6962.poison.not_critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 6962",
    .citation = "3.1",
    .description = "The precertificate poison extension MUST be critical.",
    .effective = "2013-06-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.ct_precert_poison_extension_not_critical"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_CT_POISON},
             .none = {CS_COL_EXT_CRITICAL + CS_EXT_CT_POISON}},
    .detail = poison_not_critical_detail,
};

static void with_sct_list_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "a precertificate (CT poison) that also embeds an SCT list");
}

CS_RULE(rfc6962_precert_with_sct_list) = {
    .id = "rfc6962.precert.with_sct_list",
    .severity = CS_SEV_ERROR,
    .source = "RFC 6962",
    .citation = "3.3",
    .description = "SCTs are embedded in the final certificate: a precertificate MUST NOT carry "
                   "an SCT list.",
    .effective = "2013-06-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.ct_precert_poison_and_sctlist_extensions_present"),
    .zlint = CS_NAMES("e_precert_with_sct_list"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_CT_POISON,
                     CS_COL_EXT_PRESENT + CS_EXT_CT_SCT_LIST}},
    .detail = with_sct_list_detail,
};

static void sct_list_empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "the embedded SCT list holds no SCT");
}

/* zlint applies it to end-entity certificates that are not precertificates. */
CS_RULE(rfc6962_sct_list_empty) = {
    .id = "rfc6962.sct_list.empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 6962",
    .citation = "3.3",
    .description = "An embedded SignedCertificateTimestampList MUST include at least one SCT.",
    .effective = "2013-06-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .pkilint = CS_NAMES("pkix.sct_list_empty"),
    .zlint = CS_NAMES("e_empty_sct_list"),
    .when = {.all = {CS_COL_SCT_LIST_EMPTY}},
    .detail = sct_list_empty_detail,
};
