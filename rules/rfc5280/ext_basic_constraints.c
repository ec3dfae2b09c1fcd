/* RFC 5280 §4.2.1.9 basicConstraints. */
#include <stdio.h>

#include "rules/rule.h"

static void not_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "basicConstraints asserts cA but is not marked critical");
}

/* As zlint, every cA certificate; the RFC's MUST is for keys that verify certificate
 * signatures, which cA TRUE announces (§4.2.1.9 first paragraph). */
CS_RULE(rfc5280_basic_constraints_not_critical) = {
    .id = "rfc5280.basic_constraints.not_critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.9",
    .description = "basicConstraints MUST be critical in CA certificates whose key verifies "
                   "certificate signatures (read: cA TRUE).",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_CA | CS_APPLIES_ROOT | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.basic_constraints_extension_not_critical"),
    .zlint = CS_NAMES("e_basic_constraints_not_critical"),
    .when = {.all = {CS_COL_BC_CA}, .none = {CS_COL_EXT_CRITICAL + CS_EXT_BASIC_CONSTRAINTS}},
    .detail = not_critical_detail,
};

static void ca_false_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "basicConstraints encodes cA FALSE instead of omitting it");
}

CS_RULE(rfc5280_basic_constraints_ca_false_encoded) = {
    .id = "rfc5280.basic_constraints.ca_false_encoded",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.9, App. B",
    .description = "cA equal to its DEFAULT (FALSE) MUST be omitted in DER (X.690 §11.5).",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_basic_constr_invalid_der"),
    .when = {.all = {CS_COL_BC_CA_FALSE_ENCODED}},
    .detail = ca_false_detail,
};

static void ca_not_der_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "basicConstraints cA BOOLEAN is neither 0x00 nor 0xFF");
}

CS_RULE(rfc5280_basic_constraints_ca_not_der) = {
    .id = "rfc5280.basic_constraints.ca_not_der",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.9, App. B",
    .description = "The cA BOOLEAN MUST be DER: TRUE is 0xFF (X.690 §11.1).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_BC_CA_NOT_DER}},
    .detail = ca_not_der_detail,
};

static void path_len_without_ca_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "pathLenConstraint is present but cA is not asserted");
}

CS_RULE(rfc5280_basic_constraints_path_len_without_ca) = {
    .id = "rfc5280.basic_constraints.path_len_without_ca",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.9",
    .description = "pathLenConstraint MUST NOT be present unless cA is asserted.",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.basic_constraints_has_pathlen_for_non_ca"),
    .zlint = CS_NAMES("e_path_len_constraint_improperly_included"),
    .when = {.all = {CS_COL_BC_PATH_LEN}, .none = {CS_COL_BC_CA}},
    .detail = path_len_without_ca_detail,
};

static void path_len_without_cert_sign_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "pathLenConstraint is present but keyUsage %s",
             cs_facts_has(c->facts, CS_COL_KU_ABSENT) ? "is absent" : "lacks keyCertSign");
}

/* Read literally, as zlint does: an absent keyUsage does not assert keyCertSign either. */
CS_RULE(rfc5280_basic_constraints_path_len_without_cert_sign) = {
    .id = "rfc5280.basic_constraints.path_len_without_cert_sign",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.9",
    .description = "pathLenConstraint MUST NOT be present unless keyUsage asserts keyCertSign "
                   "(an absent keyUsage asserts nothing).",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_path_len_constraint_improperly_included"),
    .when = {.all = {CS_COL_BC_PATH_LEN, CS_COL_BC_CA}, .none = {CS_COL_KU_CERT_SIGN}},
    .detail = path_len_without_cert_sign_detail,
};

static void path_len_negative_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "pathLenConstraint is negative");
}

CS_RULE(rfc5280_basic_constraints_path_len_negative) = {
    .id = "rfc5280.basic_constraints.path_len_negative",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.9",
    .description = "pathLenConstraint, where present, MUST be greater than or equal to zero.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_path_len_constraint_zero_or_less"),
    .when = {.all = {CS_COL_BC_PATH_LEN_NEGATIVE}},
    .detail = path_len_negative_detail,
};
