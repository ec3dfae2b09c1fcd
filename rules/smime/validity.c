/* SBR 6.3.2: maximum validity periods, counted inclusively (notAfter - notBefore + 1 s). */
#include <stdio.h>

#include "rules/rule.h"

static void validity_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    /* Recomputed from the dates: the fact saturates at 65535 days, which is enough to judge. */
    int64_t secs = c->facts->not_after - c->facts->not_before + 1;
    long long days = secs <= 0 ? 0 : (long long)((secs + 86399) / 86400);
    snprintf(buf, len, "validity period of %lld s (%lld days, counted inclusively)",
             (long long)secs, days);
}

static int at_maximum(const cs_cert_ctx *c) {
    int gen = cs_profile_smime_generation((cs_profile)c->facts->profile);
    unsigned col =
        gen == CS_SMIME_LEGACY ? CS_COL_SMEXT_VALIDITY_AT_1185 : CS_COL_SMEXT_VALIDITY_AT_825;
    return gen != 0 && cs_facts_has(c->facts, col);
}

#define VALIDITY_COMMON                                                                            \
    .source = "CA/B Forum S/MIME BR", .citation = "6.3.2", .effective = "2023-09-01",              \
    .applies = CS_APPLIES_SUBSCRIBER

CS_RULE(smime_validity_over_825) = {
    .id = "smime.validity.over_825_days",
    .severity = CS_SEV_ERROR,
    VALIDITY_COMMON,
    .description = "Strict and Multipurpose certificates SHALL NOT be valid for more than 825 "
                   "days.",
    .profiles = CS_SMEXT_STRICT | CS_SMEXT_MULTIPURPOSE,
    .pkilint = CS_NAMES("cabf.smime.certificate_validity_period_exceeds_825_days"),
    .when = {.all = {CS_COL_SMEXT_VALIDITY_OVER_825}},
    .detail = validity_detail,
};

/* Above 1185 days no generation allows it, so undetermined certificates are judged too. */
CS_RULE(smime_validity_over_1185) = {
    .id = "smime.validity.over_1185_days",
    .severity = CS_SEV_ERROR,
    VALIDITY_COMMON,
    .description = "Legacy certificates (and any S/MIME certificate) SHALL NOT be valid for more "
                   "than 1185 days.",
    .profiles = CS_SMEXT_LEGACY | CS_SMEXT_UNDETERMINED,
    .pkilint = CS_NAMES("cabf.smime.certificate_validity_period_exceeds_1185_days"),
    .when = {.all = {CS_COL_SMEXT_VALIDITY_OVER_1185}},
    .detail = validity_detail,
};

CS_RULE(smime_validity_at_maximum) = {
    .id = "smime.validity.at_maximum",
    .severity = CS_SEV_WARNING,
    VALIDITY_COMMON,
    .description = "Certificates SHOULD NOT be issued for the maximum permissible validity "
                   "period by default (825 or 1185 days exactly).",
    .profiles = CS_SMEXT_DETERMINED,
    .pkilint = CS_NAMES("cabf.smime.certificate_validity_period_at_maximum"),
    .check = at_maximum,
    .detail = validity_detail,
};
