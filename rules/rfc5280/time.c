/* RFC 5280 §4.1.2.5.1 and §4.1.2.5.2: the form of validity times, and the order of the two. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/facts_names.h"

/* "notBefore UTCTime 2501010000Z" for the first time of this tag that is not canonical. */
static void time_detail(const cs_cert_ctx *c, uint32_t tag, const char *what, char *buf,
                        size_t len) {
    const cs_x509_time *nb = &c->x509->not_before, *na = &c->x509->not_after;
    int first = nb->tag == tag && !nb->canonical;
    const cs_x509_time *t = first ? nb : na;
    snprintf(buf, len, "%s %s \"%.*s\": %s", first ? "notBefore" : "notAfter",
             tag == CS_DER_UTCTIME ? "UTCTime" : "GeneralizedTime", (int)t->raw.len,
             (const char *)t->raw.ptr, what);
}

#define TIME_RULE(name, rule_id, col, tag, cite, text, what, zlint_name, pkilint_name)             \
    static void name##_detail(const cs_cert_ctx *c, char *buf, size_t len) {                       \
        time_detail(c, tag, what, buf, len);                                                       \
    }                                                                                              \
    CS_RULE(name) = {                                                                              \
        .id = rule_id,                                                                             \
        .severity = CS_SEV_ERROR,                                                                  \
        .source = "RFC 5280",                                                                      \
        .citation = cite,                                                                          \
        .description = text,                                                                       \
        .effective = "1999-01-01",                                                                 \
        .applies = CS_APPLIES_ALL,                                                                 \
        .pkilint = pkilint_name,                                                                   \
        .zlint = zlint_name,                                                                       \
        .when = {.all = {col}},                                                                    \
        .detail = name##_detail,                                                                   \
    }

TIME_RULE(rfc5280_validity_utc_time_no_seconds, "rfc5280.validity.utc_time_no_seconds",
          CS_COL_UTC_NO_SECONDS, CS_DER_UTCTIME, "4.1.2.5.1",
          "UTCTime validity values MUST include seconds (YYMMDDHHMMSSZ), even when zero.",
          "no seconds", CS_NAMES("e_utc_time_does_not_include_seconds"),
          CS_NAMES("pkix.utctime_incorrect_syntax", "pkix.invalid_time_syntax"));

TIME_RULE(rfc5280_validity_utc_time_not_zulu, "rfc5280.validity.utc_time_not_zulu",
          CS_COL_UTC_NOT_ZULU, CS_DER_UTCTIME, "4.1.2.5.1",
          "UTCTime validity values MUST be expressed in Greenwich Mean Time (ending in Z, no "
          "offset).",
          "not in Zulu time", CS_NAMES("e_utc_time_not_in_zulu"),
          CS_NAMES("pkix.utctime_incorrect_syntax", "pkix.invalid_time_syntax"));

TIME_RULE(rfc5280_validity_generalized_time_no_seconds,
          "rfc5280.validity.generalized_time_no_seconds", CS_COL_GEN_NO_SECONDS,
          CS_DER_GENERALIZEDTIME, "4.1.2.5.2",
          "GeneralizedTime validity values MUST include seconds (YYYYMMDDHHMMSSZ), even when "
          "zero.",
          "no seconds", CS_NAMES("e_generalized_time_does_not_include_seconds"),
          CS_NAMES("pkix.generalizedtime_incorrect_syntax", "pkix.invalid_time_syntax"));

TIME_RULE(rfc5280_validity_generalized_time_fraction, "rfc5280.validity.generalized_time_fraction",
          CS_COL_GEN_FRACTION, CS_DER_GENERALIZEDTIME, "4.1.2.5.2",
          "GeneralizedTime validity values MUST NOT include fractional seconds.",
          "fractional seconds", CS_NAMES("e_generalized_time_includes_fraction_seconds"),
          CS_NAMES("pkix.generalizedtime_incorrect_syntax", "pkix.invalid_time_syntax"));

TIME_RULE(rfc5280_validity_generalized_time_not_zulu, "rfc5280.validity.generalized_time_not_zulu",
          CS_COL_GEN_NOT_ZULU, CS_DER_GENERALIZEDTIME, "4.1.2.5.2",
          "GeneralizedTime validity values MUST be expressed in Greenwich Mean Time (ending in "
          "Z; neither an offset nor local time).",
          "not in Zulu time", CS_NAMES("e_generalized_time_not_in_zulu"),
          CS_NAMES("pkix.generalizedtime_incorrect_syntax", "pkix.invalid_time_syntax"));

static void negative_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char nb[32], na[32];
    cs_time_format(c->x509->not_before.epoch, nb, sizeof nb);
    cs_time_format(c->x509->not_after.epoch, na, sizeof na);
    snprintf(buf, len, "notBefore %s is after notAfter %s", nb, na);
}

/* A notice by the letter of RFC 5280, which defines the period but states no requirement on
 * the order (pkilint and zlint report an error). Equal times are a period of one second. */
CS_RULE(rfc5280_validity_negative) = {
    .id = "rfc5280.validity.negative",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "4.1.2.5",
    .description = "notBefore is after notAfter: the validity period is empty.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_negative_validity_period"),
    .zlint = CS_NAMES("e_validity_time_not_positive"),
    .when = {.all = {CS_COL_VALIDITY_NEGATIVE}},
    .detail = negative_detail,
};
