/* RFC 3279 §2.3.1: RSA subject public keys (rsaEncryption; the RSAPublicKey rules also cover
 * id-RSASSA-PSS keys, RFC 4055 §1.2) and their keyUsage bits. */
#include <stdio.h>

#include "rules/rule.h"

#define ALL_KINDS_AND_PRECERTS CS_APPLIES_ALL
#define EE_AND_PRECERTS        (CS_APPLIES_SUBSCRIBER | CS_APPLIES_PRECERT)
#define CA_KINDS               (CS_APPLIES_CA | CS_APPLIES_ROOT | CS_APPLIES_PRECERT)

static void spki_params_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_alg *a = &c->x509->spki.alg;
    if (a->params.len == 0) {
        snprintf(buf, len, "rsaEncryption AlgorithmIdentifier has no parameters (NULL required)");
    } else {
        snprintf(buf, len,
                 "rsaEncryption AlgorithmIdentifier parameters are %zu octets with tag 0x%02x, "
                 "not NULL (05 00)",
                 a->params.len, a->params.ptr[0]);
    }
}

CS_RULE(rfc3279_rsa_spki_params_not_null) = {
    .id = "rfc3279.rsa.spki_params_not_null",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.3.1",
    .description = "The rsaEncryption AlgorithmIdentifier in subjectPublicKeyInfo MUST have NULL "
                   "parameters (absent parameters are non-conforming too; RFC 4055 §1.2).",
    .effective = "2008-05-01",
    .applies = ALL_KINDS_AND_PRECERTS,
    .zlint = CS_NAMES("e_spki_rsa_encryption_parameter_not_null"),
    .when = {.all = {CS_COL_RSA_SPKI_PARAMS_NOT_NULL}},
    .detail = spki_params_detail,
};

static void key_malformed_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_spki *k = &c->x509->spki;
    if (k->key_parsed) {
        snprintf(buf, len, "subjectPublicKey BIT STRING has %u unused bits", k->key_unused_bits);
    } else {
        snprintf(buf, len,
                 "subjectPublicKey (%zu octets) is not a DER RSAPublicKey SEQUENCE { modulus "
                 "INTEGER, publicExponent INTEGER }",
                 k->key.len);
    }
}

CS_RULE(rfc3279_rsa_key_malformed) = {
    .id = "rfc3279.rsa.key_malformed",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.3.1",
    .description = "An RSA subjectPublicKey (rsaEncryption or id-RSASSA-PSS) MUST be the DER "
                   "encoding of RSAPublicKey ::= SEQUENCE { modulus, publicExponent } in a BIT "
                   "STRING without unused bits.",
    .applies = ALL_KINDS_AND_PRECERTS,
    .when = {.all = {CS_COL_RSA_KEY_MALFORMED}},
    .detail = key_malformed_detail,
};

static void integer_detail(const char *what, cs_der v, char *buf, size_t len) {
    snprintf(buf, len, "%s is %s (%zu content octets, first 0x%02x)", what,
             (v.ptr[0] & 0x80) ? "negative" : "zero", v.len, v.ptr[0]);
}

static void modulus_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    integer_detail("RSA modulus", c->x509->spki.rsa_modulus, buf, len);
}

CS_RULE(rfc3279_rsa_modulus_not_positive) = {
    .id = "rfc3279.rsa.modulus_not_positive",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.3.1",
    .description = "The RSA modulus n MUST be a positive INTEGER (RSAPublicKey, RFC 8017 §3.1).",
    .applies = ALL_KINDS_AND_PRECERTS,
    .when = {.all = {CS_COL_RSA_MODULUS_NOT_POSITIVE}},
    .detail = modulus_detail,
};

static void exponent_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    integer_detail("RSA public exponent", c->x509->spki.rsa_exponent, buf, len);
}

CS_RULE(rfc3279_rsa_exponent_not_positive) = {
    .id = "rfc3279.rsa.exponent_not_positive",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.3.1",
    .description = "The RSA public exponent e MUST be a positive INTEGER (RSAPublicKey, RFC 8017 "
                   "§3.1).",
    .applies = ALL_KINDS_AND_PRECERTS,
    .zlint = CS_NAMES("e_rsa_exp_negative"),
    .when = {.all = {CS_COL_RSA_EXPONENT_NOT_POSITIVE}},
    .detail = exponent_detail,
};

static int nonminimal(cs_der v) {
    return v.len > 1 &&
           ((v.ptr[0] == 0x00 && !(v.ptr[1] & 0x80)) || (v.ptr[0] == 0xFF && (v.ptr[1] & 0x80)));
}

static void nonminimal_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509_spki *k = &c->x509->spki;
    int n = nonminimal(k->rsa_modulus), e = nonminimal(k->rsa_exponent);
    snprintf(buf, len, "%s%s%s not minimally encoded (leading 0x%02x%02x)", n ? "modulus" : "",
             n && e ? " and " : "", e ? "publicExponent" : "",
             n ? k->rsa_modulus.ptr[0] : k->rsa_exponent.ptr[0],
             n ? k->rsa_modulus.ptr[1] : k->rsa_exponent.ptr[1]);
}

CS_RULE(rfc3279_rsa_integer_not_minimal) = {
    .id = "rfc3279.rsa.integer_not_minimal",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.3.1",
    .description = "The RSAPublicKey modulus and publicExponent MUST be DER INTEGERs: no "
                   "redundant leading 0x00 or 0xFF octet (X.690 §8.3.2).",
    .applies = ALL_KINDS_AND_PRECERTS,
    .when = {.all = {CS_COL_RSA_INTEGER_NONMINIMAL}},
    .detail = nonminimal_detail,
};

static unsigned long long small_exponent(cs_der e) {
    unsigned long long v = 0;
    for (size_t i = 0; i < e.len; i++) {
        v = (v << 8) | e.ptr[i];
        if (v > (1ull << 48)) {
            return v;
        }
    }
    return v;
}

static void exponent_value_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    cs_der e = c->x509->spki.rsa_exponent;
    if (e.len <= 6) {
        snprintf(buf, len, "RSA public exponent is %llu", small_exponent(e));
    } else {
        snprintf(buf, len, "RSA public exponent (%zu octets) ends in 0x%02x", e.len,
                 e.ptr[e.len - 1]);
    }
}

/* Notices: PKCS #1 defines e as an integer 3 <= e <= n-1 coprime to lambda(n) (hence odd), but
 * RFC 3279 carries no MUST for it; a key outside it is simply not an RSA public key. */
CS_RULE(rfc3279_rsa_exponent_even) = {
    .id = "rfc3279.rsa.exponent_even",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 3279",
    .citation = "2.3.1",
    .description = "The RSA public exponent is even: RSAPublicKey takes e from PKCS #1 (RFC 8017 "
                   "§3.1), where e is coprime to lambda(n) and therefore odd (a definition there; "
                   "RFC 3279 states no requirement of its own).",
    .applies = ALL_KINDS_AND_PRECERTS,
    .zlint = CS_NAMES("e_rsa_public_exponent_not_odd"),
    .when = {.all = {CS_COL_RSA_EXPONENT_EVEN}},
    .detail = exponent_value_detail,
};

CS_RULE(rfc3279_rsa_exponent_below_3) = {
    .id = "rfc3279.rsa.exponent_below_3",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 3279",
    .citation = "2.3.1",
    .description = "The RSA public exponent is 1 or 2: PKCS #1 (RFC 8017 §3.1) defines e in the "
                   "range 3 to n-1 (a definition there; RFC 3279 states no requirement of its "
                   "own).",
    .applies = ALL_KINDS_AND_PRECERTS,
    .zlint = CS_NAMES("e_rsa_public_exponent_too_small"),
    .when = {.all = {CS_COL_RSA_EXPONENT_BELOW_3}},
    .detail = exponent_value_detail,
};

static void ku_detail(const cs_cert_ctx *c, unsigned bad, const char *kind, char *buf, size_t len) {
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits & bad, names, sizeof names);
    snprintf(buf, len, "%s certificate with an RSA key asserts %s", kind, names);
}

static void ku_ee_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    ku_detail(c,
              CS_KU_KEY_AGREEMENT | CS_KU_KEY_CERT_SIGN | CS_KU_CRL_SIGN | CS_KU_ENCIPHER_ONLY |
                  CS_KU_DECIPHER_ONLY,
              "end-entity", buf, len);
}

CS_RULE(rfc3279_rsa_ku_not_allowed_ee) = {
    .id = "rfc3279.rsa.ku_not_allowed_ee",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.3.1",
    .description = "keyUsage of an end-entity certificate with an rsaEncryption key lists only "
                   "digitalSignature, nonRepudiation, keyEncipherment and dataEncipherment (the "
                   "RFC says these MAY be present; other bits are errors, as in zlint).",
    .effective = "2002-04-01",
    .applies = EE_AND_PRECERTS,
    .pkilint = CS_NAMES("pkix.key_usage_value_prohibited_for_rsa"),
    .zlint = CS_NAMES("e_rsa_allowed_ku_ee"),
    .when = {.all = {CS_COL_RSA_KU_NOT_EE}},
    .detail = ku_ee_detail,
};

static void ku_ca_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    ku_detail(c, CS_KU_KEY_AGREEMENT | CS_KU_ENCIPHER_ONLY | CS_KU_DECIPHER_ONLY, "CA", buf, len);
}

CS_RULE(rfc3279_rsa_ku_not_allowed_ca) = {
    .id = "rfc3279.rsa.ku_not_allowed_ca",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3279",
    .citation = "2.3.1",
    .description = "keyUsage of a CA certificate with an rsaEncryption key lists only "
                   "digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, "
                   "keyCertSign and cRLSign (the RFC says these MAY be present; keyAgreement, "
                   "encipherOnly and decipherOnly are errors, as in zlint).",
    .effective = "2002-04-01",
    .applies = CA_KINDS,
    .pkilint = CS_NAMES("pkix.key_usage_value_prohibited_for_rsa"),
    .zlint = CS_NAMES("e_rsa_allowed_ku_ca"),
    .when = {.all = {CS_COL_RSA_KU_NOT_CA}},
    .detail = ku_ca_detail,
};

static void encipher_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char names[160];
    cs_algs_ku_string(c->facts->ku.bits, names, sizeof names);
    snprintf(buf, len, "CA certificate with an RSA key asserts %s", names);
}

CS_RULE(rfc3279_rsa_ku_encipherment_with_cert_sign) = {
    .id = "rfc3279.rsa.ku_encipherment_with_cert_sign",
    .severity = CS_SEV_WARNING,
    .source = "RFC 3279",
    .citation = "2.3.1",
    .description = "A CA certificate with an rsaEncryption key that asserts keyCertSign or "
                   "cRLSign SHOULD NOT also assert keyEncipherment or dataEncipherment (zlint "
                   "reports this RECOMMENDATION as an error).",
    .effective = "2002-04-01",
    .applies = CA_KINDS,
    .zlint = CS_NAMES("e_rsa_allowed_ku_no_encipherment_ca"),
    .when = {.all = {CS_COL_RSA_KU_ENCIPHER_AND_SIGN}},
    .detail = encipher_detail,
};
