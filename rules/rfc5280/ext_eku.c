/* RFC 5280 §4.2.1.12 extKeyUsage; RFC 3161 §2.3 for time-stamping certificates. */
#include <stdio.h>

#include "rules/rule.h"

static void purposes(uint32_t mask, char *buf, size_t len) {
    size_t used = 0;
    buf[0] = '\0';
    for (uint32_t m = mask; m != 0 && used < len; m &= m - 1) {
        unsigned id = (unsigned)__builtin_ctz(m);
        used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
                                 id == CS_EKU_UNKNOWN ? "other" : cs_eku_name((cs_eku_id)id));
    }
}

static void empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "extKeyUsage is an empty SEQUENCE");
}

CS_RULE(rfc5280_eku_empty) = {
    .id = "rfc5280.eku.empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.12",
    .description = "extKeyUsage is SEQUENCE SIZE (1..MAX): it MUST list at least one purpose.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_cannot_be_empty_sequence"),
    .when = {.all = {CS_COL_EKU_EMPTY}},
    .detail = empty_detail,
};

static void any_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "extKeyUsage lists anyExtendedKeyUsage and is marked critical");
}

CS_RULE(rfc5280_eku_any_critical) = {
    .id = "rfc5280.eku.any_critical",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.12",
    .description = "extKeyUsage SHOULD NOT be critical when it lists anyExtendedKeyUsage.",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("w_eku_critical_improperly"),
    .when = {.all = {CS_COL_EKU_ANY, CS_COL_EXT_CRITICAL + CS_EXT_EXT_KEY_USAGE}},
    .detail = any_critical_detail,
};

static void inconsistent_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char list[192];
    purposes(c->facts->eku_mask, list, sizeof list);
    snprintf(buf, len, "keyUsage bits 0x%03X share no bit with what §4.2.1.12 allows for %s",
             (unsigned)c->facts->ku.bits, list);
}

/* A certificate "MUST only be used for a purpose consistent with both extensions"; when no listed
 * purpose shares a keyUsage bit with the ones §4.2.1.12 gives for it, the certificate serves no
 * purpose. Purposes without listed bits (other OIDs, anyExtendedKeyUsage) count as usable. zlint
 * instead requires the exact bit combinations it tabulates. */
CS_RULE(rfc5280_eku_inconsistent_with_key_usage) = {
    .id = "rfc5280.eku.inconsistent_with_key_usage",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.12",
    .description = "No extKeyUsage purpose is consistent with the keyUsage bits, so the "
                   "certificate cannot be used for anything.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_SUBSCRIBER | CS_APPLIES_PRECERT,
    .zlint = CS_NAMES("e_key_usage_and_extended_key_usage_inconsistent"),
    .when = {.all = {CS_COL_KU_EKU_INCONSISTENT}},
    .detail = inconsistent_detail,
};

static void time_stamping_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "extKeyUsage lists id-kp-timeStamping but is not marked critical");
}

/* Time-stamping units are end entities; CA certificates listing the purpose to constrain their
 * subordinates are outside RFC 3161's sentence. */
CS_RULE(rfc3161_eku_time_stamping_not_critical) = {
    .id = "rfc3161.eku.time_stamping_not_critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3161",
    .citation = "2.3",
    .description = "A time-stamping unit's extKeyUsage (id-kp-timeStamping) MUST be critical.",
    .effective = "2001-08-01",
    .applies = CS_APPLIES_SUBSCRIBER,
    .pkilint = CS_NAMES("pkix.extended_key_usage_extension_with_timestamping_not_critical"),
    .when = {.all = {CS_COL_EKU_TIME_STAMPING},
             .none = {CS_COL_EXT_CRITICAL + CS_EXT_EXT_KEY_USAGE}},
    .detail = time_stamping_detail,
};
