/* SBR 7.1 (serialNumber) and 7.1.1 (version) for S/MIME subscriber certificates. */
#include <stdio.h>

#include "rules/rule.h"

static void serial_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    size_t used =
        (size_t)snprintf(buf, len, "serialNumber of %zu content octets: ", c->x509->serial.len);
    for (size_t i = 0; i < c->x509->serial.len && i < 24 && used < len; i++) {
        used += (size_t)snprintf(buf + used, len - used, "%02x", c->x509->serial.ptr[i]);
    }
}

static void version_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    if (!c->x509->version_present) {
        snprintf(buf, len, "version field absent (v1)");
    } else {
        snprintf(buf, len, "version value %llu, not 2 (v3)",
                 (unsigned long long)c->x509->version_value);
    }
}

CS_RULE(smime_serial_out_of_range) = {
    .id = "smime.serial.out_of_range",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1",
    .description = "serialNumber SHALL be greater than zero and less than 2^159.",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("pkix.certificate_serial_number_out_of_range"),
    .when = {.all = {CS_COL_SMEXT_SERIAL_OUT_OF_RANGE}},
    .detail = serial_detail,
};

/* 64 bits of CSPRNG output cannot be seen in one certificate; a value below 2^56 has them with
 * probability 1/256 only, so a notice. */
CS_RULE(smime_serial_short) = {
    .id = "smime.serial.short",
    .severity = CS_SEV_NOTICE,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1",
    .description = "serialNumber has fewer than 8 significant octets, so it can hardly hold the "
                   "64 bits of CSPRNG output 7.1 requires.",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_PROFILES_SMIME_ALL,
    .when = {.all = {CS_COL_SMEXT_SERIAL_SHORT}},
    .detail = serial_detail,
};

CS_RULE(smime_version_not_v3) = {
    .id = "smime.version.not_v3",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.1",
    .description = "S/MIME subscriber certificates SHALL be X.509 v3.",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("pkix.certificate_version_is_not_v3"),
    .when = {.all = {CS_COL_SMEXT_SMIME}, .none = {CS_COL_VERSION_V3}},
    .detail = version_detail,
};
