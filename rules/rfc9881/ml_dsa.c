/* RFC 9881: ML-DSA (FIPS 204) in X.509 certificates. */
#include <stdio.h>

#include "rules/rule.h"

static int is_ml_dsa(cs_alg_id id) {
    return id == CS_ALG_ML_DSA_44 || id == CS_ALG_ML_DSA_65 || id == CS_ALG_ML_DSA_87;
}

static void params_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    const cs_x509_alg *a = &x->spki.alg;
    const char *field = "subjectPublicKeyInfo";
    if (!(is_ml_dsa(a->id) && a->params.len > 0)) {
        a = is_ml_dsa(x->tbs_sig_alg.id) && x->tbs_sig_alg.params.len > 0 ? &x->tbs_sig_alg
                                                                          : &x->sig_alg;
        field = a == &x->tbs_sig_alg ? "tbsCertificate.signature" : "signatureAlgorithm";
    }
    snprintf(buf, len, "%s %s has parameters (%zu octets, tag 0x%02x); they must be absent", field,
             cs_alg_name(a->id), a->params.len, a->params.len ? a->params.ptr[0] : 0);
}

CS_RULE(rfc9881_ml_dsa_params_present) = {
    .id = "rfc9881.ml_dsa.params_present",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9881",
    .citation = "2",
    .description = "id-ml-dsa-44/65/87 AlgorithmIdentifiers (in subjectPublicKeyInfo and in "
                   "signature fields) MUST have absent parameters.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_MLDSA_PARAMS_PRESENT}},
    .detail = params_detail,
};

static unsigned key_octets(cs_alg_id id) {
    return id == CS_ALG_ML_DSA_44 ? 1312u : id == CS_ALG_ML_DSA_65 ? 1952u : 2592u;
}

static void key_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_spki *k = &c->x509->spki;
    snprintf(buf, len, "%s public key is %zu octets with %u unused bits (%u octets required)",
             cs_alg_name(k->alg.id), k->key.len, k->key_unused_bits, key_octets(k->alg.id));
}

CS_RULE(rfc9881_ml_dsa_key_length_invalid) = {
    .id = "rfc9881.ml_dsa.key_length_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9881",
    .citation = "4",
    .description = "An ML-DSA subjectPublicKey is the raw FIPS 204 public key without ASN.1 "
                   "wrapping: 1312 (ML-DSA-44), 1952 (-65) or 2592 (-87) octets, no unused bits.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_MLDSA_KEY_LENGTH}},
    .detail = key_detail,
};

static void sig_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    unsigned want = x->sig_alg.id == CS_ALG_ML_DSA_44   ? 2420u
                    : x->sig_alg.id == CS_ALG_ML_DSA_65 ? 3309u
                                                        : 4627u;
    snprintf(buf, len, "%s signatureValue is %zu octets with %u unused bits (%u required)",
             cs_alg_name(x->sig_alg.id), x->signature.len, x->signature_unused_bits, want);
}

CS_RULE(rfc9881_ml_dsa_signature_length_invalid) = {
    .id = "rfc9881.ml_dsa.signature_length_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9881",
    .citation = "3",
    .description = "An ML-DSA signatureValue is the raw FIPS 204 signature: 2420 (ML-DSA-44), "
                   "3309 (-65) or 4627 (-87) octets, no unused bits.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_MLDSA_SIG_LENGTH}},
    .detail = sig_detail,
    .needs_signature = 1,
};

static void ku_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits, names, sizeof names);
    snprintf(buf, len, "%s key with keyUsage %s", cs_alg_name(c->x509->spki.alg.id), names);
}

CS_RULE(rfc9881_ml_dsa_ku_prohibited) = {
    .id = "rfc9881.ml_dsa.ku_prohibited",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9881",
    .citation = "5",
    .description = "keyUsage with an ML-DSA key MUST NOT contain keyEncipherment, "
                   "dataEncipherment, keyAgreement, encipherOnly or decipherOnly.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.key_usage_value_prohibited_for_mldsa"),
    .when = {.all = {CS_COL_MLDSA_KU_PROHIBITED}},
    .detail = ku_detail,
};

CS_RULE(rfc9881_ml_dsa_ku_required_missing) = {
    .id = "rfc9881.ml_dsa.ku_required_missing",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9881",
    .citation = "5",
    .description = "keyUsage with an ML-DSA key MUST contain at least one of digitalSignature, "
                   "nonRepudiation, keyCertSign and cRLSign.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_MLDSA_KU_MISSING}},
    .detail = ku_detail,
};

static int is_hash_ml_dsa(cs_alg_id id) {
    return id == CS_ALG_HASH_ML_DSA_44 || id == CS_ALG_HASH_ML_DSA_65 ||
           id == CS_ALG_HASH_ML_DSA_87;
}

static void hash_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    const cs_x509_alg *a = is_hash_ml_dsa(x->spki.alg.id)      ? &x->spki.alg
                           : is_hash_ml_dsa(x->tbs_sig_alg.id) ? &x->tbs_sig_alg
                                                               : &x->sig_alg;
    snprintf(buf, len, "%s is %s",
             a == &x->spki.alg      ? "subjectPublicKeyInfo"
             : a == &x->tbs_sig_alg ? "tbsCertificate.signature"
                                    : "signatureAlgorithm",
             cs_alg_name(a->id));
}

CS_RULE(rfc9881_hash_ml_dsa_prohibited) = {
    .id = "rfc9881.hash_ml_dsa.prohibited",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9881",
    .citation = "8.3",
    .description = "HashML-DSA (id-hash-ml-dsa-*-with-sha512) MUST NOT be used in X.509 "
                   "certificates, neither as the subject public key algorithm nor as the "
                   "signature algorithm.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.hash_mldsa_ca_key_prohibited"),
    .when = {.all = {CS_COL_HASH_MLDSA_PRESENT}},
    .detail = hash_detail,
};
