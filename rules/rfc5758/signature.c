/* RFC 5758 §3.1, §3.2 (and RFC 3279 §2.2.2, §2.2.3 for the SHA-1 variants): DSA and ECDSA
 * signature AlgorithmIdentifiers and ECDSA signature values. */
#include <stdio.h>

#include "rules/rule.h"

static int is_ecdsa(cs_alg_id id) {
    return id == CS_ALG_ECDSA_SHA1 || id == CS_ALG_ECDSA_SHA224 || id == CS_ALG_ECDSA_SHA256 ||
           id == CS_ALG_ECDSA_SHA384 || id == CS_ALG_ECDSA_SHA512;
}

static int is_dsa(cs_alg_id id) {
    return id == CS_ALG_DSA_SHA1 || id == CS_ALG_DSA_SHA224 || id == CS_ALG_DSA_SHA256;
}

static void params_detail(const cs_x509 *x, int (*is)(cs_alg_id), char *buf, size_t len) {
    const cs_x509_alg *a =
        is(x->tbs_sig_alg.id) && x->tbs_sig_alg.params.len > 0 ? &x->tbs_sig_alg : &x->sig_alg;
    snprintf(buf, len, "%s %s has parameters (%zu octets, tag 0x%02x); they must be absent",
             a == &x->tbs_sig_alg ? "tbsCertificate.signature" : "signatureAlgorithm",
             cs_alg_name(a->id), a->params.len, a->params.len ? a->params.ptr[0] : 0);
}

static void ecdsa_params_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    params_detail(c->x509, is_ecdsa, buf, len);
}

CS_RULE(rfc5758_ecdsa_signature_params_present) = {
    .id = "rfc5758.ecdsa.signature_params_present",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5758",
    .citation = "3.2",
    .description = "ecdsa-with-SHA224/256/384/512 signature AlgorithmIdentifiers MUST omit the "
                   "parameters field (RFC 3279 §2.2.3 for ecdsa-with-SHA1).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_ECDSA_SIG_PARAMS_PRESENT}},
    .detail = ecdsa_params_detail,
};

static void ecdsa_value_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    snprintf(buf, len,
             "%s signatureValue (%zu octets, %u unused bits, first octet 0x%02x) is not a DER "
             "SEQUENCE of two positive INTEGERs",
             cs_alg_name(x->sig_alg.id), x->signature.len, x->signature_unused_bits,
             x->signature.len ? x->signature.ptr[0] : 0);
}

CS_RULE(rfc5758_ecdsa_signature_value_malformed) = {
    .id = "rfc5758.ecdsa.signature_value_malformed",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5758",
    .citation = "3.2",
    .description = "An ECDSA signatureValue MUST hold the DER encoding of Ecdsa-Sig-Value ::= "
                   "SEQUENCE { r INTEGER, s INTEGER } (r and s positive and minimally encoded, "
                   "no unused bits; RFC 3279 §2.2.3).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_ECDSA_SIG_VALUE_MALFORMED}},
    .detail = ecdsa_value_detail,
    .needs_signature = 1,
};

static void dsa_params_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    params_detail(c->x509, is_dsa, buf, len);
}

CS_RULE(rfc5758_dsa_signature_params_present) = {
    .id = "rfc5758.dsa.signature_params_present",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5758",
    .citation = "3.1",
    .description = "id-dsa-with-sha224/sha256 signature AlgorithmIdentifiers MUST omit the "
                   "parameters field (RFC 3279 §2.2.2: id-dsa-with-sha1 likewise).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_DSA_SIG_PARAMS_PRESENT}},
    .detail = dsa_params_detail,
};
