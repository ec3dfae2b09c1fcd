/* RFC 5280 §4.1.1.2 and §4.1.2.1: the certificate's version and signature fields. */
#include <stdio.h>

#include "rules/rule.h"

static void version_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    if (c->x509->version_present) {
        snprintf(buf, len, "extensions present with version value %llu (v%llu)",
                 (unsigned long long)c->x509->version_value,
                 (unsigned long long)c->x509->version_value + 1);
    } else {
        snprintf(buf, len, "extensions present with version absent (v1)");
    }
}

CS_RULE(rfc5280_version_not_v3_with_extensions) = {
    .id = "rfc5280.version.not_v3_with_extensions",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.1",
    .description = "When extensions are present, the version MUST be v3 (value 2).",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_version_is_not_v3"),
    .zlint = CS_NAMES("e_cert_extensions_version_not_3"),
    .when = {.all = {CS_COL_HAS_EXTENSIONS}, .none = {CS_COL_VERSION_V3}},
    .detail = version_detail,
};

static void sig_alg_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len,
             "tbsCertificate.signature is %s (%zu bytes), signatureAlgorithm is %s (%zu bytes)",
             cs_alg_name(c->x509->tbs_sig_alg.id), c->x509->tbs_sig_alg.raw.len,
             cs_alg_name(c->x509->sig_alg.id), c->x509->sig_alg.raw.len);
}

CS_RULE(rfc5280_signature_algorithm_mismatch) = {
    .id = "rfc5280.signature_algorithm.mismatch",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.1.2",
    .description = "signatureAlgorithm MUST be the same algorithm identifier as "
                   "tbsCertificate.signature (compared byte for byte, parameters included).",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_signature_algorithm_mismatch"),
    .zlint = CS_NAMES("e_cert_sig_alg_not_match_tbs_sig_alg"),
    .when = {.all = {CS_COL_SIG_ALG_MISMATCH}},
    .detail = sig_alg_detail,
    .needs_signature = 1,
};
