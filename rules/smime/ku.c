/* SBR 7.1.2.3 (e): keyUsage presence, criticality and the closed lists of bits per key type and
 * generation. */
#include <stdio.h>

#include "rules/rule.h"

static void ku_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char bits[160];
    cs_algs_ku_string(c->facts->ku.bits, bits, sizeof bits);
    snprintf(buf, len, "%s key with keyUsage {%s}", cs_key_type_name(c->x509->spki.type),
             bits[0] != '\0' ? bits : "none");
}

static void ku_missing_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "no keyUsage extension");
}

static void ku_not_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "keyUsage is not marked critical");
}

#define KU_COMMON                                                                                  \
    .source = "CA/B Forum S/MIME BR", .citation = "7.1.2.3 (e)", .effective = "2023-09-01",        \
    .applies = CS_APPLIES_SUBSCRIBER

CS_RULE(smime_ku_missing) = {
    .id = "smime.ku.missing",
    .severity = CS_SEV_ERROR,
    KU_COMMON,
    .description = "S/MIME subscriber certificates SHALL carry the keyUsage extension.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.key_usage_extension_missing"),
    .zlint = CS_NAMES("e_key_usage_presence"),
    .when = {.all = {CS_COL_SMEXT_SMIME}, .none = {CS_COL_EXT_PRESENT + CS_EXT_KEY_USAGE}},
    .detail = ku_missing_detail,
};

CS_RULE(smime_ku_not_critical) = {
    .id = "smime.ku.not_critical",
    .severity = CS_SEV_WARNING,
    KU_COMMON,
    .description = "keyUsage SHOULD be marked critical in S/MIME subscriber certificates.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.ku_extension_not_critical"),
    .zlint = CS_NAMES("w_key_usage_criticality"),
    .when = {.all = {CS_COL_SMEXT_SMIME, CS_COL_EXT_PRESENT + CS_EXT_KEY_USAGE},
             .none = {CS_COL_EXT_CRITICAL + CS_EXT_KEY_USAGE}},
    .detail = ku_not_critical_detail,
};

CS_RULE(smime_ku_rsa_other_bits) = {
    .id = "smime.ku.rsa_other_bits",
    .severity = CS_SEV_ERROR,
    KU_COMMON,
    .description = "An RSA key's keyUsage SHALL NOT set bits other than digitalSignature, "
                   "nonRepudiation, keyEncipherment and dataEncipherment.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.prohibited_ku_present"),
    .zlint = CS_NAMES("e_rsa_other_key_usages"),
    .when = {.all = {CS_COL_SMEXT_KU_RSA_OTHER}},
    .detail = ku_detail,
};

CS_RULE(smime_ku_rsa_strict) = {
    .id = "smime.ku.rsa_strict",
    .severity = CS_SEV_ERROR,
    KU_COMMON,
    .description = "A Strict RSA key's keyUsage SHALL be {dS}, {dS,nR}, {kE}, {dS,kE} or "
                   "{dS,kE,nR} (no dataEncipherment).",
    .profiles = CS_SMEXT_STRICT,
    .pkilint = CS_NAMES("cabf.smime.prohibited_ku_present"),
    .zlint = CS_NAMES("e_rsa_key_usage_strict"),
    .when = {.all = {CS_COL_SMEXT_KU_RSA_NOT_STRICT}},
    .detail = ku_detail,
};

CS_RULE(smime_ku_rsa_multipurpose_legacy) = {
    .id = "smime.ku.rsa_multipurpose_legacy",
    .severity = CS_SEV_ERROR,
    KU_COMMON,
    .description = "A Multipurpose or Legacy RSA key's keyUsage SHALL be a signing, key "
                   "management or dual-use set of 7.1.2.3 (e); dataEncipherment only with "
                   "keyEncipherment.",
    .profiles = CS_SMEXT_MULTIPURPOSE | CS_SMEXT_LEGACY,
    .pkilint = CS_NAMES("cabf.smime.prohibited_ku_present"),
    .zlint = CS_NAMES("e_rsa_key_usage_legacy_multipurpose"),
    .when = {.all = {CS_COL_SMEXT_KU_RSA_NOT_ML}},
    .detail = ku_detail,
};

CS_RULE(smime_ku_ec_other_bits) = {
    .id = "smime.ku.ec_other_bits",
    .severity = CS_SEV_ERROR,
    KU_COMMON,
    .description = "An EC key's keyUsage SHALL NOT set bits other than digitalSignature, "
                   "nonRepudiation, keyAgreement, encipherOnly and decipherOnly.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.prohibited_ku_present"),
    .zlint = CS_NAMES("e_ec_other_key_usages"),
    .when = {.all = {CS_COL_SMEXT_KU_EC_OTHER}},
    .detail = ku_detail,
};

/* At most one of encipherOnly/decipherOnly (matrix §4 interp.): setting both contradicts
 * RFC 5280 §4.2.1.3. */
CS_RULE(smime_ku_ec) = {
    .id = "smime.ku.ec",
    .severity = CS_SEV_ERROR,
    KU_COMMON,
    .description = "An EC key's keyUsage SHALL be a signing, key agreement or dual-use set of "
                   "7.1.2.3 (e); nonRepudiation only with digitalSignature, one of "
                   "encipherOnly/decipherOnly only with keyAgreement.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.prohibited_ku_present",
                        "pkix.both_encipheronly_and_decipheronly_ku_set"),
    .zlint = CS_NAMES("e_ecpublickey_key_usages"),
    .when = {.all = {CS_COL_SMEXT_KU_EC_NOT_LISTED}},
    .detail = ku_detail,
};

CS_RULE(smime_ku_edwards) = {
    .id = "smime.ku.edwards",
    .severity = CS_SEV_ERROR,
    KU_COMMON,
    .description = "An Ed25519 or Ed448 key's keyUsage SHALL be digitalSignature, with "
                   "nonRepudiation optional, and nothing else.",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.prohibited_ku_present"),
    .zlint = CS_NAMES("e_edwardspublickey_key_usages"),
    .when = {.all = {CS_COL_SMEXT_KU_EDDSA_NOT_LISTED}},
    .detail = ku_detail,
};

CS_RULE(smime_ku_ml_dsa) = {
    .id = "smime.ku.ml_dsa",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.2.3 (e)",
    .effective = "2025-08-22",
    .applies = CS_APPLIES_SUBSCRIBER,
    .description = "An ML-DSA key's keyUsage SHALL be digitalSignature, with nonRepudiation "
                   "optional, and nothing else (SBR 1.0.11).",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.prohibited_ku_present"),
    .when = {.all = {CS_COL_SMEXT_KU_MLDSA_NOT_LISTED}},
    .detail = ku_detail,
};

CS_RULE(smime_ku_ml_kem) = {
    .id = "smime.ku.ml_kem",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.2.3 (e)",
    .effective = "2025-08-22",
    .applies = CS_APPLIES_SUBSCRIBER,
    .description = "An ML-KEM key's keyUsage SHALL be keyEncipherment only (SBR 1.0.11).",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.prohibited_ku_present"),
    .when = {.all = {CS_COL_SMEXT_KU_MLKEM_NOT_LISTED}},
    .detail = ku_detail,
};

CS_RULE(smime_ku_no_purpose) = {
    .id = "smime.ku.no_purpose",
    .severity = CS_SEV_ERROR,
    KU_COMMON,
    .description = "keyUsage SHALL set the signing bit or the key-management bit of the key's "
                   "algorithm (no allowed set lacks both).",
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.unknown_certificate_key_usage_type"),
    .when = {.all = {CS_COL_SMEXT_KU_NO_PURPOSE}},
    .detail = ku_detail,
};
