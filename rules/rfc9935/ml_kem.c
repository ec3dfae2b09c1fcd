/* RFC 9935: ML-KEM (FIPS 203) in X.509 certificates. */
#include <stdio.h>

#include "rules/rule.h"

static void params_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_alg *a = &c->x509->spki.alg;
    snprintf(buf, len, "%s has parameters (%zu octets, tag 0x%02x); they must be absent",
             cs_alg_name(a->id), a->params.len, a->params.ptr[0]);
}

CS_RULE(rfc9935_ml_kem_params_present) = {
    .id = "rfc9935.ml_kem.params_present",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9935",
    .citation = "3",
    .description = "id-alg-ml-kem-512/768/1024 AlgorithmIdentifiers MUST have absent parameters.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_MLKEM_PARAMS_PRESENT}},
    .detail = params_detail,
};

static void key_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_spki *k = &c->x509->spki;
    unsigned want = k->alg.id == CS_ALG_ML_KEM_512   ? 800u
                    : k->alg.id == CS_ALG_ML_KEM_768 ? 1184u
                                                     : 1568u;
    snprintf(buf, len, "%s public key is %zu octets with %u unused bits (%u octets required)",
             cs_alg_name(k->alg.id), k->key.len, k->key_unused_bits, want);
}

CS_RULE(rfc9935_ml_kem_key_length_invalid) = {
    .id = "rfc9935.ml_kem.key_length_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9935",
    .citation = "4",
    .description = "An ML-KEM subjectPublicKey is the raw FIPS 203 encapsulation key without "
                   "ASN.1 wrapping: 800 (ML-KEM-512), 1184 (-768) or 1568 (-1024) octets, no "
                   "unused bits.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_MLKEM_KEY_LENGTH}},
    .detail = key_detail,
};

static void ku_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits, names, sizeof names);
    snprintf(buf, len, "%s key with keyUsage %s", cs_alg_name(c->x509->spki.alg.id), names);
}

CS_RULE(rfc9935_ml_kem_ku_not_key_encipherment_only) = {
    .id = "rfc9935.ml_kem.ku_not_key_encipherment_only",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9935",
    .citation = "5",
    .description = "keyUsage with an ML-KEM key MUST contain keyEncipherment and no other bit.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.key_usage_value_prohibited_for_mlkem"),
    .when = {.all = {CS_COL_MLKEM_KU_NOT_KE_ONLY}},
    .detail = ku_detail,
};
