/* Extensions of other RFCs that carry a plain certificate-level requirement: RFC 4262
 * smimeCapabilities and RFC 3739 qcStatements. */
#include <stdio.h>

#include "rules/rule.h"

static void smime_capabilities_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "smimeCapabilities is marked critical");
}

CS_RULE(rfc4262_smime_capabilities_critical) = {
    .id = "rfc4262.smime_capabilities.critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 4262",
    .citation = "2",
    .description = "The smimeCapabilities extension MUST NOT be marked critical.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.smime_capabilities_extension_critical"),
    .when = {.all = {CS_COL_EXT_CRITICAL + CS_EXT_SMIME_CAPABILITIES}},
    .detail = smime_capabilities_critical_detail,
};

static void qc_syntax_v1_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "qcStatements holds id-qcs-pkixQCSyntax-v1 (1.3.6.1.5.5.7.11.1)");
}

CS_RULE(rfc3739_qc_statements_pkix_syntax_v1) = {
    .id = "rfc3739.qc_statements.pkix_syntax_v1",
    .severity = CS_SEV_ERROR,
    .source = "RFC 3739",
    .citation = "3.2.6.1",
    .description = "The statement id-qcs-pkixQCSyntax-v1 (conformance to the obsoleted RFC 3039) "
                   "MUST NOT be included in certificates issued under RFC 3739.",
    .effective = "2004-03-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.prohibited_qualified_statement_present"),
    .when = {.all = {CS_COL_QC_PKIX_SYNTAX_V1}},
    .detail = qc_syntax_v1_detail,
};
