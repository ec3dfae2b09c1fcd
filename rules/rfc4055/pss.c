/* RFC 4055 §1.2 and §3: RSASSA-PSS parameters in keys and signature AlgorithmIdentifiers, and
 * the keyUsage of RSASSA-PSS and RSAES-OAEP keys. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/x509_spki.h"

/* The AlgorithmIdentifiers that carry RSASSA-PSS parameters, in the order details report them. */
typedef struct pss_site {
    const cs_x509_alg *alg;
    const char *field;
} pss_site;

static int pss_sites(const cs_x509 *x, pss_site *out) {
    int n = 0;
    if (x->spki.alg.id == CS_ALG_RSA_PSS && x->spki.alg.params.len > 0) {
        out[n++] = (pss_site){&x->spki.alg, "subjectPublicKeyInfo"};
    }
    if (x->tbs_sig_alg.id == CS_ALG_RSA_PSS) {
        out[n++] = (pss_site){&x->tbs_sig_alg, "tbsCertificate.signature"};
    }
    if (x->sig_alg.raw.ptr != NULL && x->sig_alg.id == CS_ALG_RSA_PSS) {
        out[n++] = (pss_site){&x->sig_alg, "signatureAlgorithm"};
    }
    return n;
}

typedef int (*pss_test)(const cs_x509_alg *alg, const cs_rsa_pss_params *p, int valid);

/* Describes the first site where `test` holds. */
static void pss_detail(const cs_cert_ctx *c, pss_test test, const char *what, char *buf,
                       size_t len) {
    pss_site sites[3];
    int n = pss_sites(c->x509, sites);
    for (int i = 0; i < n; i++) {
        cs_rsa_pss_params p = {0};
        int valid =
            sites[i].alg->params.len > 0 && cs_parse_rsa_pss_params(sites[i].alg->params, &p);
        if (sites[i].alg->params.len == 0) {
            p.invalid = "parameters absent";
        }
        if (test(sites[i].alg, &p, valid)) {
            snprintf(buf, len, "%s: %s", sites[i].field,
                     what != NULL ? what : (p.invalid != NULL ? p.invalid : "invalid"));
            return;
        }
    }
    snprintf(buf, len, "RSASSA-PSS parameters");
}

static int test_invalid(const cs_x509_alg *alg, const cs_rsa_pss_params *p, int valid) {
    (void)p;
    return alg->params.len > 0 && !valid;
}

static void invalid_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    pss_detail(c, test_invalid, NULL, buf, len);
}

CS_RULE(rfc4055_pss_params_invalid) = {
    .id = "rfc4055.pss.params_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 4055",
    .citation = "3.1",
    .description = "RSASSA-PSS parameters, where present (subjectPublicKeyInfo, "
                   "tbsCertificate.signature, signatureAlgorithm), MUST use the RSASSA-PSS-params "
                   "syntax with a SHA-1/224/256/384/512 hash and MGF1 as mask generation function.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_PSS_PARAMS_INVALID}},
    .detail = invalid_detail,
};

static int test_default(const cs_x509_alg *alg, const cs_rsa_pss_params *p, int valid) {
    (void)alg;
    return valid && p->default_encoded;
}

static void default_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    pss_detail(c, test_default,
               "a field equal to its DEFAULT is encoded (SHA-1 hash, MGF1 with SHA-1, "
               "saltLength 20 or trailerField 1)",
               buf, len);
}

CS_RULE(rfc4055_pss_params_default_encoded) = {
    .id = "rfc4055.pss.params_default_encoded",
    .severity = CS_SEV_ERROR,
    .source = "RFC 4055",
    .citation = "3.1",
    .description = "RSASSA-PSS-params MUST omit fields that hold their DEFAULT: hashAlgorithm for "
                   "SHA-1, maskGenAlgorithm for MGF1 with SHA-1, trailerField (and, by DER, "
                   "saltLength 20).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_PSS_PARAMS_DEFAULT_ENCODED}},
    .detail = default_detail,
};

static int test_trailer(const cs_x509_alg *alg, const cs_rsa_pss_params *p, int valid) {
    (void)alg;
    return valid && p->trailer_not_1;
}

static void trailer_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    pss_detail(c, test_trailer, "trailerField is not 1 (trailerFieldBC)", buf, len);
}

CS_RULE(rfc4055_pss_trailer_field_not_1) = {
    .id = "rfc4055.pss.trailer_field_not_1",
    .severity = CS_SEV_ERROR,
    .source = "RFC 4055",
    .citation = "3.1",
    .description = "The RSASSA-PSS trailerField MUST be 1 (trailerFieldBC).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_PSS_TRAILER_NOT_1}},
    .detail = trailer_detail,
};

static void absent_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    snprintf(buf, len, "%s is id-RSASSA-PSS without parameters",
             x->tbs_sig_alg.id == CS_ALG_RSA_PSS && x->tbs_sig_alg.params.len == 0
                 ? "tbsCertificate.signature"
                 : "signatureAlgorithm");
}

CS_RULE(rfc4055_pss_signature_params_absent) = {
    .id = "rfc4055.pss.signature_params_absent",
    .severity = CS_SEV_ERROR,
    .source = "RFC 4055",
    .citation = "3.1",
    .description = "When id-RSASSA-PSS identifies a signature (tbsCertificate.signature, "
                   "signatureAlgorithm), its RSASSA-PSS-params MUST be present.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_PSS_SIG_PARAMS_ABSENT}},
    .detail = absent_detail,
};

static int test_mgf(const cs_x509_alg *alg, const cs_rsa_pss_params *p, int valid) {
    (void)alg;
    return valid && p->hash != p->mgf_hash;
}

static void mgf_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    pss_detail(c, test_mgf, "the MGF1 hash differs from hashAlgorithm", buf, len);
}

CS_RULE(rfc4055_pss_mgf_hash_mismatch) = {
    .id = "rfc4055.pss.mgf_hash_mismatch",
    .severity = CS_SEV_WARNING,
    .source = "RFC 4055",
    .citation = "3.1",
    .description = "The hash used by MGF1 in RSASSA-PSS-params is strongly RECOMMENDED to be the "
                   "same as hashAlgorithm.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_PSS_MGF_HASH_MISMATCH}},
    .detail = mgf_detail,
};

static void pss_ku_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits, names, sizeof names);
    snprintf(buf, len, "%s certificate with an id-RSASSA-PSS key has keyUsage %s",
             c->facts->kind == CS_KIND_SUBSCRIBER ? "end-entity" : "CA", names);
}

CS_RULE(rfc4055_pss_ku_not_allowed) = {
    .id = "rfc4055.pss.ku_not_allowed",
    .severity = CS_SEV_ERROR,
    .source = "RFC 4055",
    .citation = "1.2",
    .description = "keyUsage with an id-RSASSA-PSS key MUST contain digitalSignature or "
                   "nonRepudiation (end entity), or one of those or keyCertSign or cRLSign (CA), "
                   "and no other bit, since the key may only be used for RSASSA-PSS.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_PSS_KU_BY_KIND}},
    .detail = pss_ku_detail,
};

static void oaep_ku_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits, names, sizeof names);
    snprintf(buf, len, "id-RSAES-OAEP key with keyUsage %s", names);
}

CS_RULE(rfc4055_oaep_ku_not_allowed) = {
    .id = "rfc4055.oaep.ku_not_allowed",
    .severity = CS_SEV_ERROR,
    .source = "RFC 4055",
    .citation = "1.2",
    .description = "keyUsage with an id-RSAES-OAEP key MUST contain only keyEncipherment and/or "
                   "dataEncipherment.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_OAEP_KU_NOT_ALLOWED}},
    .detail = oaep_ku_detail,
};

CS_RULE(rfc4055_oaep_ku_both_encipherment) = {
    .id = "rfc4055.oaep.ku_both_encipherment",
    .severity = CS_SEV_WARNING,
    .source = "RFC 4055",
    .citation = "1.2",
    .description = "keyUsage with an id-RSAES-OAEP key SHOULD NOT contain both keyEncipherment "
                   "and dataEncipherment.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_OAEP_KU_BOTH}},
    .detail = oaep_ku_detail,
};
