/* SBR 7.1.3.1 and 7.1.3.2: the exact AlgorithmIdentifier encodings of S/MIME certificates.
 *
 * These rules judge S/MIME subscriber certificates (every profile, smime.undetermined included:
 * the encodings do not depend on type or generation) and S/MIME CA certificates (see
 * scanner/facts_smalg.h), through the CS_COL_SMALG_SCOPE column: CA certificates have no S/MIME
 * profile, so `.profiles` cannot select them. */
#include <stdio.h>

#include "rules/rule.h"

#define SMALG_KINDS CS_APPLIES_ALL_KINDS

static void hex(const cs_der d, char *buf, size_t len) {
    size_t o = 0;
    for (size_t i = 0; i < d.len && o + 3 < len; i++) {
        o += (size_t)snprintf(buf + o, len - o, "%02x", d.ptr[i]);
    }
    if (o < len) {
        buf[o] = '\0';
    }
}

static void spki_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char h[80];
    hex(c->x509->spki.alg.raw, h, sizeof h);
    snprintf(buf, len,
             "subjectPublicKeyInfo.algorithm %s (%s) is not an encoding SBR 7.1.3.1 "
             "permits at this notBefore",
             h, cs_alg_name((cs_alg_id)c->x509->spki.alg.id));
}

CS_RULE(smime_alg_spki_encoding_pre_pqc) = {
    .id = "smime.alg.spki_encoding_pre_pqc",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.3.1",
    .description = "Before SMC013 the subjectPublicKeyInfo AlgorithmIdentifier SHALL be "
                   "byte-for-byte one of the RSA, P-256, P-384, P-521, Ed25519 or Ed448 "
                   "encodings; ML-DSA and ML-KEM keys are not yet permitted (6.1.5).",
    .effective = "2023-09-01",
    .ineffective = "2025-08-22",
    .applies = SMALG_KINDS,
    .pkilint = CS_NAMES("cabf.smime.prohibited_spki_algorithm_encoding"),
    .zlint = CS_NAMES("e_invalid_legacy_spki_algoid"),
    .when = {.all = {CS_COL_SMALG_SCOPE, CS_COL_SMALG_SPKI_NOT_CLASSIC}},
    .detail = spki_detail,
};

CS_RULE(smime_alg_spki_encoding) = {
    .id = "smime.alg.spki_encoding",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.3.1",
    .description = "The subjectPublicKeyInfo AlgorithmIdentifier SHALL be byte-for-byte one of "
                   "the 12 encodings of 7.1.3.1 (RSA, P-256/384/521, Ed25519, Ed448, "
                   "ML-DSA-44/65/87, ML-KEM-512/768/1024); no other encodings are permitted.",
    .effective = "2025-08-22",
    .applies = SMALG_KINDS,
    .pkilint = CS_NAMES("cabf.smime.prohibited_spki_algorithm_encoding"),
    .zlint = CS_NAMES("e_invalid_spki_algoid"),
    .when = {.all = {CS_COL_SMALG_SCOPE, CS_COL_SMALG_SPKI_NOT_ALLOWED}},
    .detail = spki_detail,
};

static void sig_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char h[160];
    const cs_x509 *x = c->x509;
    const cs_x509_alg *a = &x->tbs_sig_alg;
    hex(a->raw, h, sizeof h);
    snprintf(buf, len,
             "signature AlgorithmIdentifier %s (%s) is not an encoding SBR 7.1.3.2 "
             "permits at this notBefore",
             h, cs_alg_name((cs_alg_id)a->id));
}

CS_RULE(smime_alg_signature_encoding_pre_pqc) = {
    .id = "smime.alg.signature_encoding_pre_pqc",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.3.2",
    .description = "Before SMC013 the signature AlgorithmIdentifier SHALL be byte-for-byte one "
                   "of the RSASSA-PKCS1-v1_5 SHA-256/384/512, RSASSA-PSS SHA-256/384/512, "
                   "ECDSA SHA-256/384/512, Ed25519 or Ed448 encodings (SHA-1 never).",
    .effective = "2023-09-01",
    .ineffective = "2025-08-22",
    .applies = SMALG_KINDS,
    .pkilint = CS_NAMES("cabf.smime.prohibited_signature_algorithm_encoding"),
    .when = {.all = {CS_COL_SMALG_SCOPE, CS_COL_SMALG_SIG_NOT_CLASSIC}},
    .detail = sig_detail,
};

CS_RULE(smime_alg_signature_encoding) = {
    .id = "smime.alg.signature_encoding",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.3.2",
    .description = "The signature AlgorithmIdentifier (tbsCertificate.signature and "
                   "signatureAlgorithm) SHALL be byte-for-byte one of the 14 encodings of "
                   "7.1.3.2, ML-DSA-44/65/87 included; HashML-DSA, SHA-1 and others are not.",
    .effective = "2025-08-22",
    .applies = SMALG_KINDS,
    .pkilint = CS_NAMES("cabf.smime.prohibited_signature_algorithm_encoding"),
    .when = {.all = {CS_COL_SMALG_SCOPE, CS_COL_SMALG_SIG_NOT_ALLOWED}},
    .detail = sig_detail,
};

static void sha1_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "signed with %s, a SHA-1 based algorithm",
             cs_alg_name((cs_alg_id)c->x509->tbs_sig_alg.id));
}

/* Redundant with the encoding rules for certificates issued under the SBR, but kept as its own
 * finding: SMC016 names SHA-1 explicitly, and the date is what a CA plans by. */
CS_RULE(smime_alg_sha1_signature) = {
    .id = "smime.alg.sha1_signature",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.3.2 (SMC016)",
    .description = "From SMC016 (2026-09-15) CAs SHALL NOT sign certificates with SHA-1 based "
                   "algorithms (date from a ballot summary; the 1.0.14 text was not available).",
    .effective = "2026-09-15",
    .applies = SMALG_KINDS,
    .when = {.all = {CS_COL_SMALG_SCOPE, CS_COL_SMALG_SIG_SHA1}},
    .detail = sha1_detail,
};

static void mismatch_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    snprintf(buf, len, "self-signed with %s, but its own key is %s (%s)",
             cs_alg_name((cs_alg_id)x->tbs_sig_alg.id),
             cs_smalg_key_class_name((cs_smalg_key_class)c->facts->smalg.key_class),
             cs_alg_name((cs_alg_id)x->spki.alg.id));
}

CS_RULE(smime_alg_signature_key_mismatch) = {
    .id = "smime.alg.signature_key_mismatch",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.3.2",
    .description = "The signature algorithm is fixed by the issuer's key: ECDSA-SHA256/384/512 "
                   "only with a P-256/P-384/P-521 key, Ed25519/Ed448/ML-DSA only with the same "
                   "key type, PKCS #1 and PSS only with RSA; checked on self-signed S/MIME CA "
                   "certificates, whose issuer key is their own.",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_ROOT,
    .when = {.all = {CS_COL_SMALG_SMIME_CA, CS_COL_SMALG_SIG_KEY_MISMATCH}},
    .detail = mismatch_detail,
};
