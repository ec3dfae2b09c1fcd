/* SBR 7.1.2.3 (c): authorityInformationAccess presence, criticality, content and URI schemes per
 * generation. */
#include <stdio.h>

#include "rules/rule.h"

#define SMEXT_DETAIL(name, text)                                                                   \
    static void name(const cs_cert_ctx *c, char *buf, size_t len) {                                \
        (void)c;                                                                                   \
        snprintf(buf, len, "%s", text);                                                            \
    }

SMEXT_DETAIL(missing_detail, "no authorityInformationAccess extension")
SMEXT_DETAIL(critical_detail, "authorityInformationAccess is marked critical")
SMEXT_DETAIL(ocsp_scheme_detail, "an id-ad-ocsp URI has a scheme other than http")
SMEXT_DETAIL(cai_scheme_detail, "an id-ad-caIssuers URI has a scheme other than http")
SMEXT_DETAIL(ocsp_no_http_detail, "id-ad-ocsp entries, none with an http:// URI")
SMEXT_DETAIL(cai_no_http_detail, "id-ad-caIssuers entries, none with an http:// URI")
SMEXT_DETAIL(no_cai_detail, "authorityInformationAccess has no id-ad-caIssuers entry")
SMEXT_DETAIL(non_uri_detail, "an OCSP or caIssuers accessLocation is not a URI")

#define AIA_COMMON                                                                                 \
    .source = "CA/B Forum S/MIME BR", .citation = "7.1.2.3 (c)", .effective = "2023-09-01",        \
    .applies = CS_APPLIES_SUBSCRIBER

CS_RULE(smime_ext_aia_missing) = {
    .id = "smime.ext.aia_missing",
    .severity = CS_SEV_WARNING,
    AIA_COMMON,
    .description = "S/MIME subscriber certificates SHOULD carry authorityInformationAccess.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.aia_extension_missing"),
    .when = {.all = {CS_COL_SMEXT_SMIME},
             .none = {CS_COL_EXT_PRESENT + CS_EXT_AUTHORITY_INFO_ACCESS}},
    .detail = missing_detail,
};

CS_RULE(smime_ext_aia_critical) = {
    .id = "smime.ext.aia_critical",
    .severity = CS_SEV_ERROR,
    AIA_COMMON,
    .description = "authorityInformationAccess SHALL NOT be marked critical.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("pkix.authority_information_access_extension_critical"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CS_COL_EXT_CRITICAL + CS_EXT_AUTHORITY_INFO_ACCESS}},
    .detail = critical_detail,
};

CS_RULE(smime_ext_aia_ocsp_other_scheme) = {
    .id = "smime.ext.aia_ocsp_other_scheme",
    .severity = CS_SEV_ERROR,
    AIA_COMMON,
    .description = "Strict and Multipurpose id-ad-ocsp URIs SHALL all use the http scheme.",
    .profiles = CS_SMEXT_STRICT | CS_SMEXT_MULTIPURPOSE,
    .pkilint = CS_NAMES("cabf.smime.aia_prohibited_uri_scheme"),
    .zlint = CS_NAMES("e_smime_strict_aia_shall_have_http_only"),
    .when = {.all = {CS_COL_SMEXT_AIA_OCSP_OTHER_SCHEME}},
    .detail = ocsp_scheme_detail,
};

CS_RULE(smime_ext_aia_ca_issuers_other_scheme) = {
    .id = "smime.ext.aia_ca_issuers_other_scheme",
    .severity = CS_SEV_ERROR,
    AIA_COMMON,
    .description = "Strict and Multipurpose id-ad-caIssuers URIs SHALL all use the http scheme.",
    .profiles = CS_SMEXT_STRICT | CS_SMEXT_MULTIPURPOSE,
    .pkilint = CS_NAMES("cabf.smime.aia_prohibited_uri_scheme"),
    .zlint = CS_NAMES("e_smime_strict_aia_shall_have_http_only"),
    .when = {.all = {CS_COL_SMEXT_AIA_CAI_OTHER_SCHEME}},
    .detail = cai_scheme_detail,
};

CS_RULE(smime_ext_aia_ocsp_no_http) = {
    .id = "smime.ext.aia_ocsp_no_http",
    .severity = CS_SEV_ERROR,
    AIA_COMMON,
    .description = "When id-ad-ocsp is present, at least one of its URIs SHALL use the http "
                   "scheme (every generation).",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.aia_ocsp_has_no_http_uri"),
    .zlint = CS_NAMES("e_smime_legacy_aia_shall_have_one_http"),
    .when = {.all = {CS_COL_SMEXT_AIA_OCSP_NO_HTTP}},
    .detail = ocsp_no_http_detail,
};

CS_RULE(smime_ext_aia_ca_issuers_no_http) = {
    .id = "smime.ext.aia_ca_issuers_no_http",
    .severity = CS_SEV_ERROR,
    AIA_COMMON,
    .description = "When id-ad-caIssuers is present, at least one of its URIs SHALL use the "
                   "http scheme (every generation).",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.aia_ca_issuers_has_no_http_uri"),
    .zlint = CS_NAMES("e_smime_legacy_aia_shall_have_one_http"),
    .when = {.all = {CS_COL_SMEXT_AIA_CAI_NO_HTTP}},
    .detail = cai_no_http_detail,
};

CS_RULE(smime_ext_aia_no_ca_issuers) = {
    .id = "smime.ext.aia_no_ca_issuers",
    .severity = CS_SEV_WARNING,
    AIA_COMMON,
    .description = "authorityInformationAccess SHOULD include at least one id-ad-caIssuers "
                   "entry.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.aia_ca_issuers_missing",
                        "googl.gmail.authority_info_access_ca_issuers_missing"),
    .when = {.all = {CS_COL_SMEXT_AIA_NO_CA_ISSUERS}},
    .detail = no_cai_detail,
};

/* 7.1.2.3 (c) describes accessLocations only as URIs with schemes; another GeneralName is not
 * addressed (matrix §10.3 interp.): a notice, where pkilint reports an error. */
CS_RULE(smime_ext_aia_non_uri) = {
    .id = "smime.ext.aia_non_uri",
    .severity = CS_SEV_NOTICE,
    AIA_COMMON,
    .description = "An OCSP or caIssuers accessLocation other than a URI is not one 7.1.2.3 (c) "
                   "provides for (reading: notice).",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.aia_prohibited_generalname_type"),
    .when = {.all = {CS_COL_SMEXT_AIA_NON_URI}},
    .detail = non_uri_detail,
};
