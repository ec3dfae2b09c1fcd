/* SBR 6.1.5 and 6.1.6: key sizes and public key parameter checks of S/MIME certificates
 * (subscriber certificates of every profile and S/MIME CA certificates; see alg.c for why the
 * scope is a column). */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/smalg_factor.h"
#include "scanner/x509_spki.h"

static void modulus_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "RSA modulus is %u bits (at least 2048 and a multiple of 8 required)",
             c->x509->spki.bits);
}

CS_RULE(smime_key_rsa_modulus_size) = {
    .id = "smime.key.rsa_modulus_size",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "6.1.5",
    .description = "An RSA modulus SHALL be at least 2048 bits long and its size in bits SHALL "
                   "be divisible by 8.",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_ALL_KINDS,
    .pkilint = CS_NAMES("cabf.rsa_modulus_invalid_length"),
    .when = {.all = {CS_COL_SMALG_SCOPE, CS_COL_SMALG_RSA_MODULUS_INVALID}},
    .detail = modulus_detail,
};

static void exponent_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_der e = c->x509->spki.rsa_exponent;
    uint32_t bits = cs_integer_bits(e);
    if (bits <= 64) {
        unsigned long long v = 0;
        for (size_t i = 0; i < e.len; i++) {
            v = v << 8 | e.ptr[i];
        }
        snprintf(buf, len, "RSA public exponent is %llu%s", v,
                 e.len > 0 && (e.ptr[0] & 0x80) ? " (encoded negative)" : "");
    } else {
        snprintf(buf, len, "RSA public exponent is %u bits long", bits);
    }
}

CS_RULE(smime_key_rsa_exponent_prohibited) = {
    .id = "smime.key.rsa_exponent_prohibited",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "6.1.6",
    .description = "The RSA public exponent SHALL be an odd number equal to 3 or more.",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_ALL_KINDS,
    .pkilint = CS_NAMES("cabf.rsa_exponent_prohibited_value"),
    .when = {.all = {CS_COL_SMALG_SCOPE, CS_COL_SMALG_RSA_EXPONENT_PROHIBITED}},
    .detail = exponent_detail,
};

CS_RULE(smime_key_rsa_exponent_range) = {
    .id = "smime.key.rsa_exponent_range",
    .severity = CS_SEV_WARNING,
    .source = "CA/B Forum S/MIME BR",
    .citation = "6.1.6",
    .description = "The RSA public exponent SHOULD be in the range 2^16+1 to 2^256-1.",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_ALL_KINDS,
    .pkilint = CS_NAMES("cabf.rsa_exponent_not_in_recommended_range"),
    .when = {.all = {CS_COL_SMALG_SCOPE, CS_COL_SMALG_RSA_EXPONENT_NOT_RECOMMENDED}},
    .detail = exponent_detail,
};

static int small_factor(const cs_cert_ctx *c) {
    const cs_x509_spki *k = &c->x509->spki;
    unsigned p;
    return k->type == CS_KEY_RSA && k->key_parsed && cs_smalg_rsa_small_factor(k->rsa_modulus, &p);
}

static void small_factor_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    unsigned p = 0;
    cs_smalg_rsa_small_factor(c->x509->spki.rsa_modulus, &p);
    snprintf(buf, len, "RSA modulus is divisible by %u", p);
}

/* A .check, so that the trial division runs only for S/MIME subscriber certificates that the
 * engine keeps, not in the extractor for every certificate in scope. */
CS_RULE(smime_key_rsa_small_factor) = {
    .id = "smime.key.rsa_small_factor",
    .severity = CS_SEV_WARNING,
    .source = "CA/B Forum S/MIME BR",
    .citation = "6.1.6",
    .description = "The RSA modulus SHOULD be odd, not the power of a prime and have no factors "
                   "smaller than 752 (NIST SP 800-89 5.3.3); checked by trial division by the "
                   "primes below 752.",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.rsa_modulus_has_small_prime_factor"),
    .check = small_factor,
    .detail = small_factor_detail,
};

static void ec_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "the %s public key is %s", cs_curve_name((cs_curve_id)c->x509->spki.curve),
             cs_facts_has(c->facts, CS_COL_EC_POINT_NOT_ON_CURVE) ? "not a point on the curve"
                                                                  : "not a well-formed point");
}

/* An error although pkilint warns: 6.1.5 admits only valid points on the named curves. */
CS_RULE(smime_key_ec_point_invalid) = {
    .id = "smime.key.ec_point_invalid",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "6.1.5, 6.1.6",
    .description = "An ECDSA public key SHALL be a valid point on P-256, P-384 or P-521 (full "
                   "public key validation: well-formed and on the curve).",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_ALL_KINDS,
    .pkilint = CS_NAMES("cabf.ecdsa_key_validation_failed"),
    .when = {.all = {CS_COL_SMALG_SCOPE, CS_COL_SMALG_EC_KEY_INVALID}},
    .detail = ec_detail,
};
