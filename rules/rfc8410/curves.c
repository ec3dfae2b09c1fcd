/* RFC 8410: Ed25519, Ed448, X25519 and X448 AlgorithmIdentifiers, keys and signatures. */
#include <stdio.h>

#include "rules/rule.h"

static int is_edx(cs_alg_id id) {
    return id == CS_ALG_ED25519 || id == CS_ALG_ED448 || id == CS_ALG_X25519 || id == CS_ALG_X448;
}

static void params_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    const cs_x509_alg *a = &x->spki.alg;
    const char *field = "subjectPublicKeyInfo";
    if (!(is_edx(a->id) && a->params.len > 0)) {
        a = is_edx(x->tbs_sig_alg.id) && x->tbs_sig_alg.params.len > 0 ? &x->tbs_sig_alg
                                                                       : &x->sig_alg;
        field = a == &x->tbs_sig_alg ? "tbsCertificate.signature" : "signatureAlgorithm";
    }
    snprintf(buf, len, "%s %s has parameters (%zu octets, tag 0x%02x); they must be absent", field,
             cs_alg_name(a->id), a->params.len, a->params.len ? a->params.ptr[0] : 0);
}

CS_RULE(rfc8410_algorithm_params_present) = {
    .id = "rfc8410.algorithm.params_present",
    .severity = CS_SEV_ERROR,
    .source = "RFC 8410",
    .citation = "3",
    .description = "id-Ed25519, id-Ed448, id-X25519 and id-X448 AlgorithmIdentifiers (in "
                   "subjectPublicKeyInfo and in signature fields) MUST have absent parameters.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EDX_PARAMS_PRESENT}},
    .detail = params_detail,
};

static void key_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_spki *k = &c->x509->spki;
    static const unsigned expected[] = {
        [CS_KEY_ED25519] = 32, [CS_KEY_ED448] = 57, [CS_KEY_X25519] = 32, [CS_KEY_X448] = 56};
    unsigned want =
        (unsigned)k->type < sizeof expected / sizeof expected[0] ? expected[k->type] : 0;
    snprintf(buf, len, "%s public key is %zu octets with %u unused bits (%u octets required)",
             cs_alg_name(k->alg.id), k->key.len, k->key_unused_bits, want);
}

CS_RULE(rfc8410_key_length_invalid) = {
    .id = "rfc8410.key.length_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 8410",
    .citation = "4",
    .description = "The subjectPublicKey of an Ed25519/X25519 key is the 32-octet raw key, of "
                   "Ed448 57 octets and of X448 56 octets, in a BIT STRING without unused bits.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EDX_KEY_LENGTH}},
    .detail = key_detail,
};

static void sig_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    snprintf(buf, len, "%s signatureValue is %zu octets with %u unused bits (%u required)",
             cs_alg_name(x->sig_alg.id), x->signature.len, x->signature_unused_bits,
             x->sig_alg.id == CS_ALG_ED25519 ? 64u : 114u);
}

CS_RULE(rfc8410_signature_length_invalid) = {
    .id = "rfc8410.signature.length_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 8410",
    .citation = "6",
    .description = "An Ed25519 signatureValue is the 64-octet signature and an Ed448 one the "
                   "114-octet signature of RFC 8032, in a BIT STRING without unused bits.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EDDSA_SIG_LENGTH}},
    .detail = sig_detail,
    .needs_signature = 1,
};
