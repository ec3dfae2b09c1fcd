/* RFC 9295 §3 (which replaces RFC 8410 §5): keyUsage bits for Ed25519/Ed448 and X25519/X448
 * keys. */
#include <stdio.h>

#include "rules/rule.h"

static void plain_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits, names, sizeof names);
    snprintf(buf, len, "%s certificate with an %s key has keyUsage %s",
             c->facts->kind == CS_KIND_SUBSCRIBER ? "end-entity" : "CA",
             cs_alg_name(c->x509->spki.alg.id), names);
}

CS_RULE(rfc9295_eddsa_ku_prohibited) = {
    .id = "rfc9295.eddsa.ku_prohibited",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9295",
    .citation = "3",
    .description = "keyUsage with an Ed25519 or Ed448 key MUST NOT contain keyEncipherment, "
                   "dataEncipherment, keyAgreement, encipherOnly or decipherOnly, nor keyCertSign "
                   "in an end-entity certificate.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.key_usage_value_prohibited_for_edwards_curve"),
    .when = {.all = {CS_COL_EDDSA_KU_PROHIBITED_BY_KIND}},
    .detail = plain_detail,
};

CS_RULE(rfc9295_eddsa_ku_required_missing) = {
    .id = "rfc9295.eddsa.ku_required_missing",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9295",
    .citation = "3",
    .description = "keyUsage with an Ed25519 or Ed448 key MUST contain keyCertSign in a CA "
                   "certificate, and at least one of digitalSignature, nonRepudiation and cRLSign "
                   "in an end-entity (or CRL issuer) certificate.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EDDSA_KU_MISSING_BY_KIND}},
    .detail = plain_detail,
};

CS_RULE(rfc9295_xdh_ku_prohibited) = {
    .id = "rfc9295.xdh.ku_prohibited",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9295",
    .citation = "3",
    .description = "keyUsage with an X25519 or X448 key MUST NOT contain digitalSignature, "
                   "nonRepudiation, keyEncipherment, dataEncipherment, keyCertSign or cRLSign, "
                   "and may add at most one of encipherOnly and decipherOnly.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.key_usage_value_prohibited_for_edwards_curve"),
    .when = {.all = {CS_COL_XDH_KU_PROHIBITED}},
    .detail = plain_detail,
};

CS_RULE(rfc9295_xdh_ku_key_agreement_missing) = {
    .id = "rfc9295.xdh.ku_key_agreement_missing",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9295",
    .citation = "3",
    .description = "keyUsage with an X25519 or X448 key MUST contain keyAgreement.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.key_usage_value_required_but_missing_for_edwards_curve"),
    .when = {.all = {CS_COL_XDH_KU_KA_MISSING}},
    .detail = plain_detail,
};
