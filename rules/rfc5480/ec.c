/* RFC 5480 (as updated by RFC 8813): elliptic curve subject public keys and their keyUsage. */
#include <stdio.h>

#include "rules/rule.h"

static void params_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_alg *a = &c->x509->spki.alg;
    const char *what = "not ECParameters";
    if (a->params.len == 0) {
        what = "absent";
    } else if (a->params.ptr[0] == CS_DER_NULL) {
        what = "implicitCurve (NULL)";
    } else if (a->params.ptr[0] == 0x30) {
        what = "specifiedCurve (explicit parameters)";
    }
    snprintf(buf, len, "%s parameters are %s, not a namedCurve OID", cs_alg_name(a->id), what);
}

CS_RULE(rfc5480_ec_params_not_named_curve) = {
    .id = "rfc5480.ec.params_not_named_curve",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5480",
    .citation = "2.1.1",
    .description = "id-ecPublicKey (and id-ecDH, id-ecMQV) parameters MUST be present and MUST be "
                   "the namedCurve choice of ECParameters; implicitCurve and specifiedCurve MUST "
                   "NOT be used (RFC 3279 still allowed them: judged from RFC 5480 on).",
    .effective = "2009-03-01",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EC_PARAMS_NOT_NAMED}},
    .detail = params_detail,
};

static void point_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_spki *k = &c->x509->spki;
    if (k->key_unused_bits != 0) {
        snprintf(buf, len, "subjectPublicKey BIT STRING has %u unused bits", k->key_unused_bits);
    } else if (k->key.len < 2) {
        snprintf(buf, len, "EC point is %zu octets", k->key.len);
    } else {
        uint8_t form = k->key.ptr[0];
        snprintf(buf, len, "EC point on %s is %zu octets with first octet 0x%02x%s",
                 cs_curve_name(k->curve), k->key.len, form,
                 form == 0x06 || form == 0x07 ? " (hybrid form)" : "");
    }
}

CS_RULE(rfc5480_ec_point_malformed) = {
    .id = "rfc5480.ec.point_malformed",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5480",
    .citation = "2.2",
    .description = "The EC public key MUST be an uncompressed (0x04) or compressed (0x02/0x03) "
                   "ECPoint of the curve's length (SEC 1 §2.3.3); the hybrid form 0x06/0x07 MUST "
                   "NOT be used, and the BIT STRING has no unused bits.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EC_POINT_MALFORMED}},
    .detail = point_detail,
};

static void on_curve_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_spki *k = &c->x509->spki;
    snprintf(buf, len, "the %s point (%zu octets, form 0x%02x) does not lie on the curve",
             cs_curve_name(k->curve), k->key.len, k->key.ptr[0]);
}

/* A notice: RFC 5480 leaves key validation to the relying party; CA/B requirements make it an
 * error for CAs. */
CS_RULE(rfc5480_ec_point_not_on_curve) = {
    .id = "rfc5480.ec.point_not_on_curve",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5480",
    .citation = "2.2",
    .description = "The EC public key is not a point on its named curve (checked with OpenSSL for "
                   "the NIST, secp256k1, Brainpool and SM2 curves).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EC_POINT_NOT_ON_CURVE}},
    .detail = on_curve_detail,
};

static void ku_bits_detail(const cs_cert_ctx *c, unsigned bits, const char *what, char *buf,
                           size_t len) {
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits & bits, names, sizeof names);
    snprintf(buf, len, "%s asserts %s", what, names);
}

static void encipherment_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    ku_bits_detail(c, CS_KU_KEY_ENCIPHERMENT | CS_KU_DATA_ENCIPHERMENT,
                   "keyUsage with an id-ecPublicKey key", buf, len);
}

CS_RULE(rfc5480_ec_ku_encipherment) = {
    .id = "rfc5480.ec.ku_encipherment",
    .severity = CS_SEV_ERROR,
    .source = "RFC 8813",
    .citation = "3",
    .description = "keyUsage with an id-ecPublicKey key MUST NOT contain keyEncipherment or "
                   "dataEncipherment (RFC 8813 §3, updating RFC 5480 §3).",
    .effective = "2020-08-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.key_usage_value_prohibited_for_ec"),
    .zlint = CS_NAMES("e_ecdsa_allowed_ku"),
    .when = {.all = {CS_COL_EC_KU_ENCIPHERMENT}},
    .detail = encipherment_detail,
};

static void ee_unexpected_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    unsigned ok = CS_KU_DIGITAL_SIGNATURE | CS_KU_NON_REPUDIATION | CS_KU_KEY_AGREEMENT;
    if (c->facts->ku.bits & CS_KU_KEY_AGREEMENT) {
        ok |= CS_KU_ENCIPHER_ONLY | CS_KU_DECIPHER_ONLY;
    }
    ku_bits_detail(c, ~ok, "end-entity certificate with an id-ecPublicKey key", buf, len);
}

CS_RULE(rfc5480_ec_ku_ee_unexpected) = {
    .id = "rfc5480.ec.ku_ee_unexpected",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5480",
    .citation = "3",
    .description = "keyUsage of an end-entity certificate with an id-ecPublicKey key lists "
                   "digitalSignature, nonRepudiation and keyAgreement (with encipherOnly or "
                   "decipherOnly only beside keyAgreement); any other bit is unexpected.",
    .effective = "2012-07-01",
    .applies = CS_APPLIES_SUBSCRIBER | CS_APPLIES_PRECERT,
    .zlint = CS_NAMES("n_ecdsa_ee_invalid_ku"),
    .when = {.all = {CS_COL_EC_KU_EE_UNEXPECTED}},
    .detail = ee_unexpected_detail,
};

static void enc_dec_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    ku_bits_detail(c, CS_KU_ENCIPHER_ONLY | CS_KU_DECIPHER_ONLY,
                   "keyUsage with an id-ecPublicKey key", buf, len);
}

CS_RULE(rfc5480_ec_ku_encipher_and_decipher_only) = {
    .id = "rfc5480.ec.ku_encipher_and_decipher_only",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5480",
    .citation = "3",
    .description = "keyUsage with an id-ecPublicKey key may add encipherOnly or decipherOnly to "
                   "keyAgreement, but not both (RFC 3279 §2.3.5: MUST NOT assert both).",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EC_KU_ENC_DEC_ONLY}},
    .detail = enc_dec_detail,
};

static void agree_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits, names, sizeof names);
    snprintf(buf, len, "CA certificate with an id-ecPublicKey key asserts %s", names);
}

CS_RULE(rfc5480_ec_ku_agreement_with_cert_sign) = {
    .id = "rfc5480.ec.ku_agreement_with_cert_sign",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5480",
    .citation = "3",
    .description = "A CA certificate with an id-ecPublicKey key that asserts keyCertSign or "
                   "cRLSign SHOULD NOT also assert keyAgreement, encipherOnly or decipherOnly.",
    .effective = "2009-03-01",
    .applies = CS_APPLIES_CA | CS_APPLIES_ROOT | CS_APPLIES_PRECERT,
    .when = {.all = {CS_COL_EC_KU_AGREE_AND_SIGN}},
    .detail = agree_detail,
};

static void ecdh_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits, names, sizeof names);
    snprintf(buf, len, "%s key with keyUsage %s", cs_alg_name(c->x509->spki.alg.id), names);
}

CS_RULE(rfc5480_ecdh_ku_invalid) = {
    .id = "rfc5480.ecdh.ku_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5480",
    .citation = "3",
    .description = "keyUsage with an id-ecDH or id-ecMQV key MUST contain keyAgreement, MAY add "
                   "encipherOnly or decipherOnly (not both), and MUST NOT contain any other bit "
                   "(as corrected by erratum 6670 and RFC 8813).",
    .effective = "2009-03-01",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_ECDH_KU_INVALID}},
    .detail = ecdh_detail,
};
