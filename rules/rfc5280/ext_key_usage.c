/* RFC 5280 §4.2.1.3 keyUsage (and its DER form, App. B / X.690 §11.2.2). */
#include <stdio.h>

#include "rules/rule.h"

/* The keyUsage value as encoded, in hex, for detail sentences. */
static void ku_hex(const cs_x509 *x, char *buf, size_t len) {
    int i = cs_x509_find_ext(x, CS_EXT_KEY_USAGE);
    size_t used = 0;
    buf[0] = '\0';
    if (i < 0) {
        return;
    }
    cs_der v = x->ext[i].value;
    for (size_t k = 0; k < v.len && used + 3 < len; k++) {
        used += (size_t)snprintf(buf + used, len - used, "%s%02X", k ? " " : "", v.ptr[k]);
    }
}

static void ku_names(uint16_t bits, char *buf, size_t len) {
    static const char *const names[] = {"digitalSignature", "nonRepudiation", "keyEncipherment",
                                        "dataEncipherment", "keyAgreement",   "keyCertSign",
                                        "cRLSign",          "encipherOnly",   "decipherOnly"};
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned k = 0; k < 9; k++) {
        if ((bits & (1u << k)) && used < len) {
            used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "", names[k]);
        }
    }
    if (used == 0) {
        snprintf(buf, len, "none");
    }
}

static void no_bits_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char hex[64];
    ku_hex(c->x509, hex, sizeof hex);
    snprintf(buf, len, "keyUsage asserts no bit (value %s)", hex);
}

CS_RULE(rfc5280_key_usage_no_bits) = {
    .id = "rfc5280.key_usage.no_bits",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.3",
    .description = "When keyUsage is present, at least one of its bits MUST be set.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.no_ku_bits_set"),
    .zlint = CS_NAMES("e_ext_key_usage_without_bits"),
    .when = {.all = {CS_COL_KU_NO_BITS}},
    .detail = no_bits_detail,
};

static void not_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "keyUsage is not marked critical");
}

CS_RULE(rfc5280_key_usage_not_critical) = {
    .id = "rfc5280.key_usage.not_critical",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.3",
    .description = "keyUsage SHOULD be marked critical.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.key_usage_extension_not_critical"),
    .zlint = CS_NAMES("w_ext_key_usage_not_critical"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_KEY_USAGE},
             .none = {CS_COL_EXT_CRITICAL + CS_EXT_KEY_USAGE}},
    .detail = not_critical_detail,
};

static void cert_sign_without_ca_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "keyCertSign is set but basicConstraints %s",
             cs_facts_has(c->facts, CS_COL_EXT_PRESENT + CS_EXT_BASIC_CONSTRAINTS)
                 ? "does not assert cA"
                 : "is absent");
}

CS_RULE(rfc5280_key_usage_cert_sign_without_ca) = {
    .id = "rfc5280.key_usage.cert_sign_without_ca",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.3, 4.2.1.9",
    .description = "keyCertSign MUST NOT be set unless basicConstraints asserts cA.",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.ee_certificate_keycertsign_keyusage_set"),
    .zlint = CS_NAMES("e_ext_key_usage_cert_sign_without_ca"),
    .when = {.all = {CS_COL_KU_CERT_SIGN}, .none = {CS_COL_BC_CA}},
    .detail = cert_sign_without_ca_detail,
};

static void superfluous_octet_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char hex[64];
    ku_hex(c->x509, hex, sizeof hex);
    snprintf(buf, len, "keyUsage BIT STRING ends in a zero octet (value %s)", hex);
}

CS_RULE(rfc5280_key_usage_superfluous_octet) = {
    .id = "rfc5280.key_usage.superfluous_octet",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.3, App. B",
    .description = "The keyUsage BIT STRING MUST NOT end in an all-zero octet: DER removes "
                   "trailing zero bits from a named bit list (X.690 §11.2.2).",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_superfluous_ku_encoding"),
    .when = {.all = {CS_COL_KU_SUPERFLUOUS_OCTET}},
    .detail = superfluous_octet_detail,
};

static void wrong_unused_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char hex[64];
    ku_hex(c->x509, hex, sizeof hex);
    snprintf(buf, len,
             "keyUsage declares %u unused bits, which is not the number of trailing zero bits "
             "(value %s)",
             (unsigned)c->facts->ku.unused_bits, hex);
}

CS_RULE(rfc5280_key_usage_wrong_unused_bits) = {
    .id = "rfc5280.key_usage.wrong_unused_bits",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.3, App. B",
    .description = "The keyUsage unused-bits count MUST equal the number of trailing zero bits of "
                   "the value (trailing zeros removed, padding zero: X.690 §11.2).",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_incorrect_ku_encoding"),
    .when = {.all = {CS_COL_KU_WRONG_UNUSED}},
    .detail = wrong_unused_detail,
};

static void bad_length_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char hex[64];
    ku_hex(c->x509, hex, sizeof hex);
    snprintf(buf, len, "keyUsage is %u bits long%s (value %s)",
             (unsigned)c->facts->ku.num_bytes * 8 - c->facts->ku.unused_bits,
             c->facts->ku.undefined_bits ? ", with bits beyond decipherOnly set" : "", hex);
}

/* zlint's first version wanted exactly one value octet, which rejects decipherOnly (bit 8); the
 * reading here, like zlint's current one, is "no more than the nine named bits". A zero octet
 * after the last set bit is the separate superfluous_octet finding. */
CS_RULE(rfc5280_key_usage_bad_length) = {
    .id = "rfc5280.key_usage.bad_length",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.3",
    .description = "The keyUsage BIT STRING MUST NOT be longer than its nine named bits "
                   "(digitalSignature to decipherOnly).",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_key_usage_incorrect_length"),
    .when = {.all = {CS_COL_KU_BAD_LENGTH}},
    .detail = bad_length_detail,
};

static void eo_do_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char names[160];
    ku_names(c->facts->ku.bits, names, sizeof names);
    snprintf(buf, len, "keyUsage %s: encipherOnly/decipherOnly without keyAgreement", names);
}

CS_RULE(rfc5280_key_usage_eo_do_without_key_agreement) = {
    .id = "rfc5280.key_usage.eo_do_without_key_agreement",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "4.2.1.3",
    .description = "encipherOnly and decipherOnly have no defined meaning unless keyAgreement is "
                   "also set.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_KU_EO_DO_WITHOUT_KA}},
    .detail = eo_do_detail,
};

static void missing_in_ca_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "basicConstraints cA is TRUE but there is no keyUsage");
}

/* cA TRUE says the key may verify certificate signatures (§4.2.1.9), so this reads §4.2.1.3's
 * "certificates that contain public keys used to validate signatures on certificates or CRLs"
 * as every cA certificate, as pkilint does. The sentence is new in RFC 5280. */
CS_RULE(rfc5280_key_usage_missing_in_ca) = {
    .id = "rfc5280.key_usage.missing_in_ca",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.3",
    .description = "keyUsage MUST be present in certificates whose key verifies certificate or "
                   "CRL signatures (read: every cA certificate).",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_CA | CS_APPLIES_ROOT | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.ca_certificate_no_ku_extension"),
    .when = {.all = {CS_COL_BC_CA, CS_COL_KU_ABSENT}},
    .detail = missing_in_ca_detail,
};

static void ca_without_cert_sign_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char names[160];
    ku_names(c->facts->ku.bits, names, sizeof names);
    snprintf(buf, len, "cA is TRUE but keyUsage (%s) lacks keyCertSign", names);
}

/* A notice: RFC 5280 lets a CA key be used for CRLs only, so cA without keyCertSign is
 * inconsistent but not forbidden (pkilint reports it as an error). */
CS_RULE(rfc5280_key_usage_ca_without_cert_sign) = {
    .id = "rfc5280.key_usage.ca_without_cert_sign",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "4.2.1.3, 4.2.1.9",
    .description = "basicConstraints asserts cA but keyUsage lacks keyCertSign, so the key cannot "
                   "verify certificate signatures.",
    .applies = CS_APPLIES_CA | CS_APPLIES_ROOT | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.ca_certificate_keycertsign_keyusage_not_set"),
    .when = {.all = {CS_COL_BC_CA, CS_COL_KU_NO_CERT_SIGN}},
    .detail = ca_without_cert_sign_detail,
};
