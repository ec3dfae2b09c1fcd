/* RFC 5280 §4.1.2.2: serialNumber. */
#include <stdio.h>

#include "rules/rule.h"

static int serial_not_positive(const cs_cert_ctx *c) {
    return cs_facts_has(c->facts, CS_COL_SERIAL_NEGATIVE) ||
           cs_facts_has(c->facts, CS_COL_SERIAL_ZERO);
}

static void serial_not_positive_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "serial number is %s",
             cs_facts_has(c->facts, CS_COL_SERIAL_ZERO) ? "zero" : "negative");
}

/* Both serial number bounds arrived with RFC 3280 (April 2002): RFC 2459 §4.1.2.2 asked only
 * for an integer unique per issuer, so earlier certificates (zero serials of 1990s roots) were
 * conforming when issued. zlint gates both lints at the same date. */
#define RFC3280_DATE "2002-04-01"

CS_RULE(rfc5280_serial_not_positive) = {
    .id = "rfc5280.serial.not_positive",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.2",
    .description = "The serial number MUST be a positive integer (neither zero nor negative).",
    .effective = RFC3280_DATE,
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_serial_number_out_of_range"),
    .zlint = CS_NAMES("e_serial_number_not_positive"),
    .check = serial_not_positive,
    .detail = serial_not_positive_detail,
};

static void serial_too_long_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "serial number has %zu content octets", c->x509->serial.len);
}

CS_RULE(rfc5280_serial_too_long) = {
    .id = "rfc5280.serial.too_long",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.2",
    .description = "The serial number MUST NOT be longer than 20 octets (counted on the encoded "
                   "INTEGER content, a leading 0x00 included, as zlint and pkilint count).",
    .effective = RFC3280_DATE,
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_serial_number_out_of_range"),
    .zlint = CS_NAMES("e_serial_number_longer_than_20_octets"),
    .when = {.all = {CS_COL_SERIAL_TOO_LONG}},
    .detail = serial_too_long_detail,
};
