/* SBR 7.1.2.3 (f): extKeyUsage presence, emailProtection, prohibited and (Strict) other
 * purposes. */
#include <stdio.h>

#include "rules/rule.h"

static void eku_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    size_t used = (size_t)snprintf(buf, len, "extKeyUsage:");
    uint32_t m = c->facts->eku_mask;
    for (unsigned id = 0; id < CS_EKU_COUNT && used < len; id++) {
        if (m & ((uint32_t)1 << id)) {
            used += (size_t)snprintf(buf + used, len - used, " %s",
                                     id == CS_EKU_UNKNOWN ? "(unrecognised)" : cs_eku_name(id));
        }
    }
}

static void eku_missing_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "no extKeyUsage extension");
}

#define EKU_COMMON                                                                                 \
    .source = "CA/B Forum S/MIME BR", .citation = "7.1.2.3 (f)", .effective = "2023-09-01",        \
    .applies = CS_APPLIES_SUBSCRIBER

CS_RULE(smime_eku_missing) = {
    .id = "smime.eku.missing",
    .severity = CS_SEV_ERROR,
    EKU_COMMON,
    .description = "S/MIME subscriber certificates SHALL carry the extKeyUsage extension.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.extended_key_usage_extension_missing"),
    .zlint = CS_NAMES("e_smime_legacy_multipurpose_eku_check", "e_smime_strict_eku_check"),
    .when = {.all = {CS_COL_SMEXT_SMIME}, .none = {CS_COL_EXT_PRESENT + CS_EXT_EXT_KEY_USAGE}},
    .detail = eku_missing_detail,
};

CS_RULE(smime_eku_no_email_protection) = {
    .id = "smime.eku.no_email_protection",
    .severity = CS_SEV_ERROR,
    EKU_COMMON,
    .description = "extKeyUsage SHALL include id-kp-emailProtection.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.emailprotection_eku_missing"),
    .zlint = CS_NAMES("e_smime_legacy_multipurpose_eku_check", "e_smime_strict_eku_check"),
    .when = {.all = {CS_COL_SMEXT_EKU_NO_EMAIL}},
    .detail = eku_detail,
};

CS_RULE(smime_eku_prohibited) = {
    .id = "smime.eku.prohibited",
    .severity = CS_SEV_ERROR,
    EKU_COMMON,
    .description = "extKeyUsage SHALL NOT include serverAuth, codeSigning, timeStamping or "
                   "anyExtendedKeyUsage.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.prohibited_eku_present"),
    .zlint = CS_NAMES("e_smime_legacy_multipurpose_eku_check", "e_smime_strict_eku_check"),
    .when = {.all = {CS_COL_SMEXT_EKU_PROHIBITED}},
    .detail = eku_detail,
};

CS_RULE(smime_eku_strict_other) = {
    .id = "smime.eku.strict_other",
    .severity = CS_SEV_ERROR,
    EKU_COMMON,
    .description = "Strict certificates SHALL NOT carry any purpose besides emailProtection "
                   "(clientAuth and document signing included).",
    .profiles = CS_SMEXT_STRICT,
    .pkilint = CS_NAMES("cabf.smime.prohibited_eku_present"),
    .zlint = CS_NAMES("e_smime_strict_eku_check"),
    .when = {.all = {CS_COL_SMEXT_EKU_NOT_ONLY_EMAIL}},
    .detail = eku_detail,
};

/* Not in the prohibited list, but an OCSP responder purpose has no place in an S/MIME
 * certificate: 7.1.2.4 (unlisted value, "unless the CA is aware of a reason") makes it a
 * warning, where pkilint reports an error. In Strict, smime.eku.strict_other already fires. */
CS_RULE(smime_eku_ocsp_signing) = {
    .id = "smime.eku.ocsp_signing",
    .severity = CS_SEV_WARNING,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.2.3 (f), 7.1.2.4",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .description = "extKeyUsage SHOULD NOT include id-kp-OCSPSigning, a purpose S/MIME "
                   "certificates have no reason to carry.",
    .profiles = CS_SMEXT_MULTIPURPOSE | CS_SMEXT_LEGACY | CS_SMEXT_UNDETERMINED,
    .pkilint = CS_NAMES("cabf.smime.prohibited_eku_present"),
    .when = {.all = {CS_COL_SMEXT_EKU_OCSP_SIGNING}},
    .detail = eku_detail,
};
