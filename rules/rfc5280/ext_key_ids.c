/* RFC 5280 §4.2.1.1 authorityKeyIdentifier and §4.2.1.2 subjectKeyIdentifier. */
#include <stdio.h>

#include "rules/rule.h"

static void aki_missing_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "no authorityKeyIdentifier in a %s certificate",
             cs_facts_has(c->facts, CS_COL_SELF_ISSUED) ? "self-issued (but not self-signed CA)"
                                                        : "non-self-issued");
}

/* The self-signed CA exception is read from the kind: a root is a cA certificate whose issuer
 * and subject are identical and whose key identifiers (if any) match; zlint verifies the
 * signature instead. */
CS_RULE(rfc5280_aki_missing) = {
    .id = "rfc5280.aki.missing",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.1",
    .description = "authorityKeyIdentifier MUST be present, except in a CA's self-signed "
                   "certificate.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_SUBSCRIBER | CS_APPLIES_CA | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.authority_key_identifier_extension_absent"),
    .zlint = CS_NAMES("e_ext_authority_key_identifier_missing",
                      "e_ext_authority_key_identifier_no_key_identifier"),
    .when = {.all = {CS_COL_AKI_ABSENT}},
    .detail = aki_missing_detail,
};

static void aki_no_key_id_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "authorityKeyIdentifier has no keyIdentifier field");
}

CS_RULE(rfc5280_aki_no_key_identifier) = {
    .id = "rfc5280.aki.no_key_identifier",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.1",
    .description = "authorityKeyIdentifier MUST carry the keyIdentifier field (issuer name and "
                   "serial alone do not suffice).",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_SUBSCRIBER | CS_APPLIES_CA | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.authority_key_identifier_keyid_missing"),
    .zlint = CS_NAMES("e_ext_authority_key_identifier_no_key_identifier"),
    .when = {.all = {CS_COL_AKI_NO_KEY_ID}},
    .detail = aki_no_key_id_detail,
};

static void aki_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "authorityKeyIdentifier is marked critical");
}

CS_RULE(rfc5280_aki_critical) = {
    .id = "rfc5280.aki.critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.1",
    .description = "authorityKeyIdentifier MUST be non-critical.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.authority_key_identifier_critical",
                        "pkix.certificate_akid_extension_critical"),
    .zlint = CS_NAMES("e_ext_authority_key_identifier_critical"),
    .when = {.all = {CS_COL_EXT_CRITICAL + CS_EXT_AUTHORITY_KEY_ID}},
    .detail = aki_critical_detail,
};

static void aki_unpaired_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    int i = cs_x509_find_ext(c->x509, CS_EXT_AUTHORITY_KEY_ID);
    cs_aki aki;
    cs_der_error err = {.base = c->x509->der.ptr};
    if (i >= 0 && cs_decode_aki(c->x509->ext[i].value, &aki, &err)) {
        snprintf(buf, len, "authorityKeyIdentifier has %s without %s",
                 aki.has_issuer ? "authorityCertIssuer" : "authorityCertSerialNumber",
                 aki.has_issuer ? "authorityCertSerialNumber" : "authorityCertIssuer");
    } else {
        buf[0] = '\0';
    }
}

CS_RULE(rfc5280_aki_issuer_serial_unpaired) = {
    .id = "rfc5280.aki.issuer_serial_unpaired",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.1, A.2",
    .description = "authorityCertIssuer and authorityCertSerialNumber MUST both be present or "
                   "both be absent.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.aki_with_cert_issuer_but_serial_number_absent",
                        "pkix.aki_with_serial_number_but_cert_issuer_absent"),
    .when = {.all = {CS_COL_AKI_ISSUER_SERIAL_UNPAIRED}},
    .detail = aki_unpaired_detail,
};

static void aki_issuer_empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "authorityKeyIdentifier.authorityCertIssuer is an empty GeneralNames");
}

CS_RULE(rfc5280_aki_cert_issuer_empty) = {
    .id = "rfc5280.aki.cert_issuer_empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.1, A.2",
    .description = "authorityCertIssuer is GeneralNames, SEQUENCE SIZE (1..MAX): it MUST hold at "
                   "least one name.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_AKI_ISSUER_EMPTY}},
    .detail = aki_issuer_empty_detail,
};

static void ski_missing_ca_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "basicConstraints cA is TRUE but there is no subjectKeyIdentifier");
}

CS_RULE(rfc5280_ski_missing_ca) = {
    .id = "rfc5280.ski.missing_ca",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.2",
    .description = "subjectKeyIdentifier MUST appear in every CA certificate (basicConstraints "
                   "cA TRUE).",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_CA | CS_APPLIES_ROOT | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.certificate_skid_ca_missing"),
    .zlint = CS_NAMES("e_ext_subject_key_identifier_missing_ca"),
    .when = {.all = {CS_COL_BC_CA, CS_COL_SKI_ABSENT}},
    .detail = ski_missing_ca_detail,
};

static void ski_missing_subscriber_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "end-entity certificate without subjectKeyIdentifier");
}

CS_RULE(rfc5280_ski_missing_subscriber) = {
    .id = "rfc5280.ski.missing_subscriber",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.2",
    .description = "subjectKeyIdentifier SHOULD be included in end-entity certificates.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_SUBSCRIBER | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.certificate_skid_end_entity_missing"),
    .zlint = CS_NAMES("w_ext_subject_key_identifier_missing_sub_cert"),
    .when = {.all = {CS_COL_SKI_ABSENT}, .none = {CS_COL_BC_CA}},
    .detail = ski_missing_subscriber_detail,
};

static void ski_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "subjectKeyIdentifier is marked critical");
}

CS_RULE(rfc5280_ski_critical) = {
    .id = "rfc5280.ski.critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.2",
    .description = "subjectKeyIdentifier MUST be non-critical.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_skid_extension_critical"),
    .zlint = CS_NAMES("e_ext_subject_key_identifier_critical"),
    .when = {.all = {CS_COL_EXT_CRITICAL + CS_EXT_SUBJECT_KEY_ID}},
    .detail = ski_critical_detail,
};
