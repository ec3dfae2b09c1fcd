/* SBR 7.1.2.3 (b): cRLDistributionPoints presence, criticality and URI schemes per generation. */
#include <stdio.h>

#include "rules/rule.h"

#define SMEXT_DETAIL(name, text)                                                                   \
    static void name(const cs_cert_ctx *c, char *buf, size_t len) {                                \
        (void)c;                                                                                   \
        snprintf(buf, len, "%s", text);                                                            \
    }

SMEXT_DETAIL(missing_detail, "no cRLDistributionPoints extension")
SMEXT_DETAIL(critical_detail, "cRLDistributionPoints is marked critical")
SMEXT_DETAIL(no_http_detail, "no distribution point fullName holds an http:// URI")
SMEXT_DETAIL(scheme_detail, "a distribution point URI has a scheme other than http")
SMEXT_DETAIL(non_uri_detail,
             "a distribution point name is not a URI (another GeneralName, or a relative name)")

#define CRLDP_COMMON                                                                               \
    .source = "CA/B Forum S/MIME BR", .citation = "7.1.2.3 (b)", .effective = "2023-09-01",        \
    .applies = CS_APPLIES_SUBSCRIBER

CS_RULE(smime_ext_crldp_missing) = {
    .id = "smime.ext.crldp_missing",
    .severity = CS_SEV_ERROR,
    CRLDP_COMMON,
    .description = "S/MIME subscriber certificates SHALL carry cRLDistributionPoints.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.crldp_extension_missing"),
    .zlint = CS_NAMES("e_subscribers_shall_have_crl_distribution_points"),
    .when = {.all = {CS_COL_SMEXT_SMIME},
             .none = {CS_COL_EXT_PRESENT + CS_EXT_CRL_DISTRIBUTION_POINTS}},
    .detail = missing_detail,
};

CS_RULE(smime_ext_crldp_critical) = {
    .id = "smime.ext.crldp_critical",
    .severity = CS_SEV_WARNING,
    CRLDP_COMMON,
    .description = "cRLDistributionPoints SHOULD NOT be marked critical.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.critical_crldp_extension"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CS_COL_EXT_CRITICAL + CS_EXT_CRL_DISTRIBUTION_POINTS}},
    .detail = critical_detail,
};

CS_RULE(smime_ext_crldp_no_http) = {
    .id = "smime.ext.crldp_no_http",
    .severity = CS_SEV_ERROR,
    CRLDP_COMMON,
    .description = "cRLDistributionPoints SHALL include at least one fullName URI with the "
                   "http scheme (every generation).",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.no_http_crldp_uri"),
    .zlint = CS_NAMES("e_subscribers_crl_distribution_points_are_http"),
    .when = {.all = {CS_COL_SMEXT_CRLDP_NO_HTTP}},
    .detail = no_http_detail,
};

CS_RULE(smime_ext_crldp_other_scheme) = {
    .id = "smime.ext.crldp_other_scheme",
    .severity = CS_SEV_ERROR,
    CRLDP_COMMON,
    .description = "Strict and Multipurpose cRLDistributionPoints URIs SHALL all use the http "
                   "scheme (Legacy MAY add others).",
    .profiles = CS_SMEXT_STRICT | CS_SMEXT_MULTIPURPOSE,
    .pkilint = CS_NAMES("cabf.smime.crldp_fullname_prohibited_uri_scheme"),
    .zlint = CS_NAMES("e_subscribers_crl_distribution_points_are_http"),
    .when = {.all = {CS_COL_SMEXT_CRLDP_OTHER_SCHEME}},
    .detail = scheme_detail,
};

/* 7.1.2.3 (b) speaks only of URIs; a directoryName or relative name is not addressed (matrix
 * §10.2 interp.), so a notice where pkilint reports an error. */
CS_RULE(smime_ext_crldp_non_uri) = {
    .id = "smime.ext.crldp_non_uri",
    .severity = CS_SEV_NOTICE,
    CRLDP_COMMON,
    .description = "A distribution point name other than a URI is not one 7.1.2.3 (b) "
                   "provides for (reading: notice).",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.crldp_fullname_prohibited_generalname_type"),
    .when = {.all = {CS_COL_SMEXT_CRLDP_NON_URI}},
    .detail = non_uri_detail,
};
