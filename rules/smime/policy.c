/* SBR §7.1.2.3 (a) and §7.1.6.1: the reserved S/MIME policy identifiers. */
#include <stdio.h>

#include "rules/rule.h"

static int reserved_oid_count(const cs_cert_ctx *c) {
    return c->facts->smime.num_reserved_oids != 1;
}

static void reserved_oid_count_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    unsigned n = c->facts->smime.num_reserved_oids;
    if (n == 0) {
        snprintf(buf, len,
                 "no reserved S/MIME policy OID (2.23.140.1.5.x.y); profile undetermined");
    } else {
        snprintf(buf, len, "%u reserved S/MIME policy OIDs", n);
    }
}

/* Applies to every S/MIME subscriber certificate (emailProtection and a mailbox), whatever its
 * policies say, which is how an S/MIME certificate without a reserved OID gets reported. */
CS_RULE(smime_policy_reserved_oid_count) = {
    .id = "smime.policy.reserved_oid_count",
    .severity = CS_SEV_ERROR,
    .source = "CA/B Forum S/MIME BR",
    .citation = "7.1.2.3 (a)",
    .description = "certificatePolicies SHALL include exactly one of the reserved policy "
                   "identifiers of SBR 7.1.6.1.",
    .effective = "2023-09-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_PROFILES_SMIME_ALL,
    .pkilint = CS_NAMES("cabf.smime.multiple_reserved_policy_oids",
                        "cabf.smime.no_required_reserved_policy_oid"),
    .zlint = CS_NAMES("e_exactly_one_smime_policy"),
    .check = reserved_oid_count,
    .detail = reserved_oid_count_detail,
};
