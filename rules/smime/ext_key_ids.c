/* SBR 7.1.2.3 (g) authorityKeyIdentifier and (n) subjectKeyIdentifier. */
#include <stdio.h>

#include "rules/rule.h"

#define SMEXT_DETAIL(name, text)                                                                   \
    static void name(const cs_cert_ctx *c, char *buf, size_t len) {                                \
        (void)c;                                                                                   \
        snprintf(buf, len, "%s", text);                                                            \
    }

SMEXT_DETAIL(aki_missing_detail, "no authorityKeyIdentifier extension")
SMEXT_DETAIL(aki_critical_detail, "authorityKeyIdentifier is marked critical")
SMEXT_DETAIL(aki_no_key_id_detail, "authorityKeyIdentifier has no keyIdentifier")
SMEXT_DETAIL(aki_issuer_detail,
             "authorityKeyIdentifier holds authorityCertIssuer or authorityCertSerialNumber")
SMEXT_DETAIL(ski_missing_detail, "no subjectKeyIdentifier extension")
SMEXT_DETAIL(ski_critical_detail, "subjectKeyIdentifier is marked critical")

#define AKI_COMMON                                                                                 \
    .source = "CA/B Forum S/MIME BR", .citation = "7.1.2.3 (g)", .effective = "2023-09-01",        \
    .applies = CS_APPLIES_SUBSCRIBER, .profiles = CS_PROFILES_SMIME_ALL,                           \
    .zlint = CS_NAMES("e_authority_key_identifier_correct")

CS_RULE(smime_ext_aki_missing) = {
    .id = "smime.ext.aki_missing",
    .severity = CS_SEV_ERROR,
    AKI_COMMON,
    .description = "S/MIME subscriber certificates SHALL carry authorityKeyIdentifier.",
    .pkilint = CS_NAMES("pkix.authority_key_identifier_extension_absent"),
    .when = {.all = {CS_COL_SMEXT_SMIME}, .none = {CS_COL_EXT_PRESENT + CS_EXT_AUTHORITY_KEY_ID}},
    .detail = aki_missing_detail,
};

CS_RULE(smime_ext_aki_critical) = {
    .id = "smime.ext.aki_critical",
    .severity = CS_SEV_ERROR,
    AKI_COMMON,
    .description = "authorityKeyIdentifier SHALL NOT be marked critical.",
    .pkilint = CS_NAMES("pkix.authority_key_identifier_critical"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CS_COL_EXT_CRITICAL + CS_EXT_AUTHORITY_KEY_ID}},
    .detail = aki_critical_detail,
};

CS_RULE(smime_ext_aki_no_key_id) = {
    .id = "smime.ext.aki_no_key_id",
    .severity = CS_SEV_ERROR,
    AKI_COMMON,
    .description = "authorityKeyIdentifier SHALL contain keyIdentifier.",
    .pkilint = CS_NAMES("pkix.authority_key_identifier_keyid_missing"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CS_COL_AKI_NO_KEY_ID}},
    .detail = aki_no_key_id_detail,
};

CS_RULE(smime_ext_aki_issuer_serial) = {
    .id = "smime.ext.aki_issuer_serial",
    .severity = CS_SEV_ERROR,
    AKI_COMMON,
    .description = "authorityKeyIdentifier SHALL NOT contain authorityCertIssuer or "
                   "authorityCertSerialNumber.",
    .pkilint = CS_NAMES("cabf.authority_key_identifier_has_issuer_cert"),
    .when = {.all = {CS_COL_SMEXT_AKI_ISSUER_SERIAL}},
    .detail = aki_issuer_detail,
};

CS_RULE(smime_ext_ski_missing) = {
    .id = "smime.ext.ski_missing",
    .severity = CS_SEV_WARNING,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.2.3 (n)",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_PROFILES_SMIME_ALL,
    .description = "S/MIME subscriber certificates SHOULD carry subjectKeyIdentifier.",
    .pkilint = CS_NAMES("pkix.certificate_skid_end_entity_missing"),
    .when = {.all = {CS_COL_SMEXT_SMIME}, .none = {CS_COL_EXT_PRESENT + CS_EXT_SUBJECT_KEY_ID}},
    .detail = ski_missing_detail,
};

CS_RULE(smime_ext_ski_critical) = {
    .id = "smime.ext.ski_critical",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.2.3 (n)",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_PROFILES_SMIME_ALL,
    .description = "subjectKeyIdentifier SHALL NOT be marked critical.",
    .pkilint = CS_NAMES("pkix.certificate_skid_extension_critical"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CS_COL_EXT_CRITICAL + CS_EXT_SUBJECT_KEY_ID}},
    .detail = ski_critical_detail,
};
