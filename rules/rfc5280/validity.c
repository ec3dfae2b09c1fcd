/* RFC 5280 §4.1.2.5: validity time encodings. */
#include <stdio.h>

#include "rules/rule.h"

static int generalized_before_2050(const cs_cert_ctx *c) {
    return cs_facts_has(c->facts, CS_COL_NOT_BEFORE_GENERALIZED_PRE2050) ||
           cs_facts_has(c->facts, CS_COL_NOT_AFTER_GENERALIZED_PRE2050);
}

static void generalized_before_2050_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    int nb = cs_facts_has(c->facts, CS_COL_NOT_BEFORE_GENERALIZED_PRE2050);
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
    .description = "Validity dates through 2049 MUST be encoded as UTCTime; GeneralizedTime only "
                   "from 2050.",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_wrong_time_format_pre2050"),
    .check = generalized_before_2050,
    .detail = generalized_before_2050_detail,
};
