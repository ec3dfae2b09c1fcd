/* RFC 3279 §2.2.2 and §2.3.2: DSA signature values, DSA keys and their keyUsage bits. */
#include <stdio.h>

#include "rules/rule.h"

static void params_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_alg *a = &c->x509->spki.alg;
    snprintf(buf, len, "id-dsa parameters are %zu octets with tag 0x%02x, not Dss-Parms",
             a->params.len, a->params.ptr[0]);
}

CS_RULE(rfc3279_dsa_params_malformed) = {
    .id = "rfc3279.dsa.params_malformed",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.3.2",
    .description = "id-dsa subjectPublicKeyInfo parameters MUST be Dss-Parms ::= SEQUENCE { p, q, "
                   "g } or be omitted entirely (inherited from the issuer); NULL is not allowed.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_DSA_PARAMS_MALFORMED}},
    .detail = params_detail,
};

static void key_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_spki *k = &c->x509->spki;
    if (k->key_parsed) {
        snprintf(buf, len, "subjectPublicKey BIT STRING has %u unused bits", k->key_unused_bits);
    } else {
        snprintf(buf, len, "subjectPublicKey (%zu octets) is not one DER INTEGER", k->key.len);
    }
}

CS_RULE(rfc3279_dsa_key_malformed) = {
    .id = "rfc3279.dsa.key_malformed",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.3.2",
    .description = "A DSA subjectPublicKey MUST be the DER encoding of DSAPublicKey ::= INTEGER "
                   "in a BIT STRING without unused bits.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_DSA_KEY_MALFORMED}},
    .detail = key_detail,
};

static void ku_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    int ca = c->facts->kind != CS_KIND_SUBSCRIBER;
    unsigned allowed = CS_KU_DIGITAL_SIGNATURE | CS_KU_NON_REPUDIATION |
                       (ca ? CS_KU_KEY_CERT_SIGN | CS_KU_CRL_SIGN : 0);
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits & ~allowed, names, sizeof names);
    snprintf(buf, len, "%s certificate with a DSA key asserts %s", ca ? "CA" : "end-entity", names);
}

CS_RULE(rfc3279_dsa_ku_not_allowed) = {
    .id = "rfc3279.dsa.ku_not_allowed",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.3.2",
    .description = "keyUsage with a DSA key lists only digitalSignature and nonRepudiation, plus "
                   "keyCertSign and cRLSign in a CA certificate (the RFC says these MAY be "
                   "present; other bits are treated as errors, as zlint and pkilint do for RSA).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_DSA_KU_BY_KIND}},
    .detail = ku_detail,
};

static void sig_value_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len,
             "%s signatureValue (%zu octets, %u unused bits) is not a DER SEQUENCE of two "
             "positive INTEGERs",
             cs_alg_name(c->x509->sig_alg.id), c->x509->signature.len,
             c->x509->signature_unused_bits);
}

CS_RULE(rfc3279_dsa_signature_value_malformed) = {
    .id = "rfc3279.dsa.signature_value_malformed",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.2.2",
    .description = "A DSA signatureValue MUST hold the DER encoding of Dss-Sig-Value ::= SEQUENCE "
                   "{ r INTEGER, s INTEGER } (r and s positive, minimally encoded, no unused "
                   "bits).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_DSA_SIG_VALUE_MALFORMED}},
    .detail = sig_value_detail,
    .needs_signature = 1,
};
