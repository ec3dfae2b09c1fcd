/* SBR 7.1.2.3 (a), 7.1.6.1, 7.1.6.4: certificatePolicies presence, criticality, anyPolicy,
 * qualifiers, and the Legacy sunset. */
#include <stdio.h>

#include "rules/rule.h"

#define SMEXT_DETAIL(name, text)                                                                   \
    static void name(const cs_cert_ctx *c, char *buf, size_t len) {                                \
        (void)c;                                                                                   \
        snprintf(buf, len, "%s", text);                                                            \
    }

SMEXT_DETAIL(cp_missing_detail, "no certificatePolicies extension")
SMEXT_DETAIL(cp_critical_detail, "certificatePolicies is marked critical")
SMEXT_DETAIL(cp_any_detail, "certificatePolicies includes anyPolicy (2.5.29.32.0)")
SMEXT_DETAIL(cp_cps_detail, "a CPS qualifier holds a URI that is not http:// or https://")
SMEXT_DETAIL(cp_noticeref_detail, "a userNotice qualifier holds a noticeRef")
SMEXT_DETAIL(cp_notext_detail, "a userNotice qualifier has no explicitText")

static void legacy_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "%s certificate issued on or after 2025-07-15",
             cs_profile_name((cs_profile)c->facts->profile));
}

#define CP_COMMON                                                                                  \
    .source = "CA/B Forum S/MIME BR", .effective = "2023-09-01", .applies = CS_APPLIES_SUBSCRIBER, \
    .profiles = CS_PROFILES_SMIME_ALL

CS_RULE(smime_policy_missing) = {
    .id = "smime.policy.missing",
    .severity = CS_SEV_ERROR,
    CP_COMMON,
    .citation = "7.1.2.3 (a)",
    .description = "S/MIME subscriber certificates SHALL carry certificatePolicies.",
    .pkilint = CS_NAMES("cabf.smime.certificate_policies_extension_missing"),
    .when = {.all = {CS_COL_SMEXT_SMIME},
             .none = {CS_COL_EXT_PRESENT + CS_EXT_CERTIFICATE_POLICIES}},
    .detail = cp_missing_detail,
};

CS_RULE(smime_policy_critical) = {
    .id = "smime.policy.critical",
    .severity = CS_SEV_WARNING,
    CP_COMMON,
    .citation = "7.1.2.3 (a)",
    .description = "certificatePolicies SHOULD NOT be marked critical.",
    .pkilint = CS_NAMES("cabf.critical_certificate_policies_extension"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CS_COL_EXT_CRITICAL + CS_EXT_CERTIFICATE_POLICIES}},
    .detail = cp_critical_detail,
};

/* The SBR allows only the reserved OID and OIDs the CA documents; anyPolicy asserts every policy
 * at once, which no subscriber CP documents. The text has no explicit prohibition, so a warning
 * (pkilint: error). */
CS_RULE(smime_policy_any_policy) = {
    .id = "smime.policy.any_policy",
    .severity = CS_SEV_WARNING,
    CP_COMMON,
    .citation = "7.1.2.3 (a)",
    .description = "certificatePolicies of a subscriber certificate SHOULD NOT include "
                   "anyPolicy (reading of 7.1.2.3 (a): only the reserved and documented OIDs).",
    .pkilint = CS_NAMES("cabf.smime.anypolicy_present"),
    .when = {.all = {CS_COL_SMEXT_CP_ANY_POLICY}},
    .detail = cp_any_detail,
};

CS_RULE(smime_policy_cps_not_http) = {
    .id = "smime.policy.cps_not_http",
    .severity = CS_SEV_ERROR,
    CP_COMMON,
    .citation = "7.1.2.3 (a)",
    .description = "A CPS policy qualifier SHALL hold an HTTP or HTTPS URL.",
    .pkilint = CS_NAMES("cabf.cps_uri_is_not_http"),
    .when = {.all = {CS_COL_SMEXT_CP_CPS_NOT_HTTP}},
    .detail = cp_cps_detail,
};

CS_RULE(smime_policy_notice_ref) = {
    .id = "smime.policy.notice_ref",
    .severity = CS_SEV_ERROR,
    CP_COMMON,
    .citation = "7.1.2.3 (a)",
    .description = "A userNotice policy qualifier SHALL NOT contain noticeRef.",
    .pkilint = CS_NAMES("cabf.smime.usernotice_has_noticeref"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CS_COL_CP_NOTICE_REF}},
    .detail = cp_noticeref_detail,
};

CS_RULE(smime_policy_notice_without_text) = {
    .id = "smime.policy.notice_without_text",
    .severity = CS_SEV_ERROR,
    CP_COMMON,
    .citation = "7.1.2.3 (a)",
    .description = "A userNotice policy qualifier SHALL contain explicitText.",
    .when = {.all = {CS_COL_SMEXT_CP_NOTICE_NO_TEXT}},
    .detail = cp_notext_detail,
};

CS_RULE(smime_policy_legacy_sunset) = {
    .id = "smime.policy.legacy_sunset",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.6.1",
    .description = "Subscriber certificates issued from 2025-07-15 SHALL NOT use the Legacy "
                   "policy identifiers 2.23.140.1.5.x.1 (ballot SMC08).",
    .effective = "2025-07-15",
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMEXT_LEGACY,
    .pkilint = CS_NAMES("cabf.smime.legacy_generation_certificate_issued_after_prohibition"),
    .zlint = CS_NAMES("e_legacy_generation_deprecated"),
    .when = {.all = {CS_COL_SMEXT_SMIME}},
    .detail = legacy_detail,
};
