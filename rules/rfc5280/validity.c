/* RFC 5280 §4.1.2.5: validity time encodings. */
#include <stdio.h>

#include "rules/rule.h"

/* 1950-01-01T00:00:00Z: UTCTime's two-digit years cover 1950-2049 only (§4.1.2.5.1), so a date
 * before 1950 can only be a GeneralizedTime and is no violation of "through 2049 as UTCTime". */
static int generalized_could_be_utc(const cs_x509_time *t) {
    const int64_t y1950 = -631152000;
    return t->epoch >= y1950;
}

static int not_before_wrong(const cs_cert_ctx *c) {
    return cs_facts_has(c->facts, CS_COL_NOT_BEFORE_GENERALIZED_PRE2050) &&
           generalized_could_be_utc(&c->x509->not_before);
}

static int not_after_wrong(const cs_cert_ctx *c) {
    return cs_facts_has(c->facts, CS_COL_NOT_AFTER_GENERALIZED_PRE2050) &&
           generalized_could_be_utc(&c->x509->not_after);
}

static int generalized_before_2050(const cs_cert_ctx *c) {
    return not_before_wrong(c) || not_after_wrong(c);
}

static void generalized_before_2050_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    int nb = not_before_wrong(c);
    const cs_x509_time *t = nb ? &c->x509->not_before : &c->x509->not_after;
    snprintf(buf, len, "%s is GeneralizedTime %.*s, before 2050", nb ? "notBefore" : "notAfter",
             (int)t->raw.len, (const char *)t->raw.ptr);
}

/* UTCTime cannot express a year from 2050 on (YY >= 50 reads as 19YY), so the rule's other half,
 * "GeneralizedTime from 2050", cannot be violated by an encoding that decodes. */
CS_RULE(rfc5280_validity_generalized_before_2050) = {
    .id = "rfc5280.validity.generalized_before_2050",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.5",
    .description = "Validity dates from 1950 through 2049 MUST be encoded as UTCTime; "
                   "GeneralizedTime only from 2050 (and before 1950, which UTCTime cannot "
                   "express).",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_wrong_time_format_pre2050"),
    .check = generalized_before_2050,
    .detail = generalized_before_2050_detail,
};
