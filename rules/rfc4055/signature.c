/* RFC 4055 §5 and RFC 3279 §2.2.1: PKCS #1 v1.5 signature AlgorithmIdentifiers. */
#include <stdio.h>

#include "rules/rule.h"

static int is_pkcs1_sig(cs_alg_id id) {
    return id == CS_ALG_MD2_RSA || id == CS_ALG_MD5_RSA || id == CS_ALG_SHA1_RSA ||
           id == CS_ALG_SHA224_RSA || id == CS_ALG_SHA256_RSA || id == CS_ALG_SHA384_RSA ||
           id == CS_ALG_SHA512_RSA;
}

static int params_bad(const cs_x509_alg *a) {
    return is_pkcs1_sig(a->id) &&
           !(a->params.len == 2 && a->params.ptr[0] == CS_DER_NULL && a->params.ptr[1] == 0);
}

static void detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    const cs_x509_alg *a = params_bad(&x->tbs_sig_alg) ? &x->tbs_sig_alg : &x->sig_alg;
    const char *field = a == &x->tbs_sig_alg ? "tbsCertificate.signature" : "signatureAlgorithm";
    if (a->params.len == 0) {
        snprintf(buf, len, "%s %s has no parameters (NULL required)", field, cs_alg_name(a->id));
    } else {
        snprintf(buf, len, "%s %s parameters are %zu octets with tag 0x%02x, not NULL", field,
                 cs_alg_name(a->id), a->params.len, a->params.ptr[0]);
    }
}

CS_RULE(rfc4055_rsa_signature_params_not_null) = {
    .id = "rfc4055.rsa.signature_params_not_null",
    .severity = CS_SEV_ERROR,
    .source = "RFC 4055",
    .citation = "5",
    .description = "md2/md5/sha1/sha224/sha256/sha384/sha512WithRSAEncryption signature "
                   "AlgorithmIdentifiers (tbsCertificate.signature and signatureAlgorithm) MUST "
                   "have NULL parameters (RFC 3279 §2.2.1 for md2, md5 and sha1); verifiers "
                   "accept absent parameters, issuers must not produce them.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_tbs_signature_rsa_encryption_parameter_not_null"),
    .when = {.all = {CS_COL_RSA_SIG_PARAMS_NOT_NULL}},
    .detail = detail,
};
