/* RFC 5280 §4.2.1.4 certificatePolicies (with RFC 6818 §3 for explicitText), §4.2.1.5
 * policyMappings, §4.2.1.11 policyConstraints and §4.2.1.14 inhibitAnyPolicy. */
#include <stdio.h>
#include <string.h>

#include "rules/rule.h"

/* --- Detail helpers: walk the (already validated) policies again, only to print. --- */

typedef int (*qualifier_pred)(int any_policy, const cs_policy_qualifier *q);

static const uint8_t any_policy_oid[] = {0x55, 0x1D, 0x20, 0x00};

/* Finds the first qualifier matching `pred`; fills the policy OID text. */
static int find_qualifier(const cs_x509 *x, qualifier_pred pred, char *oid, size_t oid_len,
                          cs_policy_qualifier *out) {
    int i = cs_x509_find_ext(x, CS_EXT_CERTIFICATE_POLICIES);
    cs_der_error err = {.base = x->der.ptr};
    cs_policy_iter it;
    cs_policy p;
    if (i < 0 || !cs_decode_certificate_policies(x->ext[i].value, &it, NULL, &err)) {
        return 0;
    }
    while (cs_policy_iter_next(&it, &p, &err) == CS_ITER_ITEM) {
        if (!p.has_qualifiers) {
            continue;
        }
        int any = p.oid.len == sizeof any_policy_oid &&
                  cs_der_equal(p.oid, cs_der_make(any_policy_oid, sizeof any_policy_oid));
        cs_qualifier_iter qit;
        cs_qualifier_iter_init(&qit, p.qualifiers);
        while (cs_qualifier_iter_next(&qit, out, &err) == CS_ITER_ITEM) {
            if (pred(any, out)) {
                cs_der_oid_to_string(p.oid, oid, oid_len);
                return 1;
            }
        }
    }
    return 0;
}

static const char *string_type(uint32_t tag) {
    switch (tag) {
    case CS_DER_UTF8STRING:
        return "UTF8String";
    case CS_DER_BMPSTRING:
        return "BMPString";
    case CS_DER_VISIBLESTRING:
        return "VisibleString";
    case CS_DER_IA5STRING:
        return "IA5String";
    default:
        return "another type";
    }
}

static int is_text(int any, const cs_policy_qualifier *q) {
    (void)any;
    return q->id == CS_OID_QT_UNOTICE && q->has_explicit_text;
}

/* Describes the first explicitText for which `want` holds. */
static void text_detail(const cs_cert_ctx *c, char *buf, size_t len,
                        int (*want)(const cs_policy_qualifier *q, const cs_display_text_info *info),
                        const char *what) {
    const cs_x509 *x = c->x509;
    int i = cs_x509_find_ext(x, CS_EXT_CERTIFICATE_POLICIES);
    cs_der_error err = {.base = x->der.ptr};
    cs_policy_iter it;
    cs_policy p;
    buf[0] = '\0';
    if (i < 0 || !cs_decode_certificate_policies(x->ext[i].value, &it, NULL, &err)) {
        return;
    }
    while (cs_policy_iter_next(&it, &p, &err) == CS_ITER_ITEM) {
        cs_qualifier_iter qit;
        cs_policy_qualifier q;
        cs_qualifier_iter_init(&qit, p.has_qualifiers ? p.qualifiers : cs_der_make(NULL, 0));
        while (cs_qualifier_iter_next(&qit, &q, &err) == CS_ITER_ITEM) {
            cs_display_text_info info;
            if (!is_text(0, &q) ||
                !cs_display_text_scan(q.explicit_text_tag, q.explicit_text, &info) ||
                !want(&q, &info)) {
                continue;
            }
            char oid[96];
            cs_der_oid_to_string(p.oid, oid, sizeof oid);
            snprintf(buf, len, "policy %s: explicitText (%s, %u characters) %s", oid,
                     string_type(q.explicit_text_tag), (unsigned)info.chars, what);
            if (info.first_bad != 0 || info.control) {
                size_t used = strlen(buf);
                snprintf(buf + used, len - used, " (U+%04X)", (unsigned)info.first_bad);
            }
            return;
        }
    }
}

/* --- certificatePolicies --- */

static void cp_empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "certificatePolicies is an empty SEQUENCE");
}

CS_RULE(rfc5280_policies_empty) = {
    .id = "rfc5280.policies.empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.4",
    .description = "certificatePolicies is SEQUENCE SIZE (1..MAX): it MUST hold at least one "
                   "policy.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_cannot_be_empty_sequence"),
    .when = {.all = {CS_COL_CP_EMPTY}},
    .detail = cp_empty_detail,
};

static void duplicate_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    int i = cs_x509_find_ext(x, CS_EXT_CERTIFICATE_POLICIES);
    cs_der_error err = {.base = x->der.ptr};
    cs_policy_iter it, it2;
    cs_policy p, q;
    buf[0] = '\0';
    if (i < 0 || !cs_decode_certificate_policies(x->ext[i].value, &it, NULL, &err)) {
        return;
    }
    it2 = it;
    for (unsigned n = 0; cs_policy_iter_next(&it, &p, &err) == CS_ITER_ITEM; n++) {
        cs_policy_iter scan = it2;
        for (unsigned k = 0; k < n && cs_policy_iter_next(&scan, &q, &err) == CS_ITER_ITEM; k++) {
            if (cs_der_equal(p.oid, q.oid)) {
                char oid[96];
                cs_der_oid_to_string(p.oid, oid, sizeof oid);
                snprintf(buf, len, "policy %s appears more than once", oid);
                return;
            }
        }
    }
}

CS_RULE(rfc5280_policies_duplicate) = {
    .id = "rfc5280.policies.duplicate",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.4",
    .description = "A policy OID MUST NOT appear more than once in certificatePolicies.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.duplicate_certificate_policy_oids"),
    .zlint = CS_NAMES("e_ext_cert_policy_duplicate"),
    .when = {.all = {CS_COL_CP_DUPLICATE}},
    .detail = duplicate_detail,
};

static void qualifiers_empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "a policy has an empty policyQualifiers SEQUENCE");
}

CS_RULE(rfc5280_policies_qualifiers_empty) = {
    .id = "rfc5280.policies.qualifiers_empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.4",
    .description = "policyQualifiers, when present, is SEQUENCE SIZE (1..MAX): it MUST hold at "
                   "least one qualifier.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CP_QUALIFIERS_EMPTY}},
    .detail = qualifiers_empty_detail,
};

static int any_qualifier(int any, const cs_policy_qualifier *q) {
    (void)any;
    (void)q;
    return 1;
}

static void has_qualifier_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char oid[96];
    cs_policy_qualifier q;
    if (find_qualifier(c->x509, any_qualifier, oid, sizeof oid, &q)) {
        snprintf(buf, len, "policy %s has qualifiers", oid);
    } else {
        snprintf(buf, len, "a policy has qualifiers");
    }
}

CS_RULE(rfc5280_policies_has_qualifier) = {
    .id = "rfc5280.policies.has_qualifier",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "4.2.1.4",
    .description = "RFC 5280 recommends policy information terms of an OID only, without "
                   "qualifiers.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_policies_policy_has_qualifier"),
    .when = {.all = {CS_COL_CP_HAS_QUALIFIER}},
    .detail = has_qualifier_detail,
};

static int other_qualifier(int any, const cs_policy_qualifier *q) {
    (void)any;
    return q->id == CS_OID_UNKNOWN;
}

static void other_qualifier_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char oid[96], qid[96];
    cs_policy_qualifier q;
    if (find_qualifier(c->x509, other_qualifier, oid, sizeof oid, &q)) {
        cs_der_oid_to_string(q.oid, qid, sizeof qid);
        snprintf(buf, len, "policy %s has qualifier %s (neither CPS nor user notice)", oid, qid);
    } else {
        buf[0] = '\0';
    }
}

CS_RULE(rfc5280_policies_other_qualifier) = {
    .id = "rfc5280.policies.other_qualifier",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.4",
    .description = "Policy qualifiers are strongly recommended to be limited to the CPS pointer "
                   "and the user notice.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CP_OTHER_QUALIFIER}},
    .detail = other_qualifier_detail,
};

static int any_policy_other_qualifier(int any, const cs_policy_qualifier *q) {
    return any && q->id == CS_OID_UNKNOWN;
}

static void any_policy_qualifier_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char oid[96], qid[96];
    cs_policy_qualifier q;
    if (find_qualifier(c->x509, any_policy_other_qualifier, oid, sizeof oid, &q)) {
        cs_der_oid_to_string(q.oid, qid, sizeof qid);
        snprintf(buf, len, "anyPolicy has qualifier %s (neither CPS nor user notice)", qid);
    } else {
        buf[0] = '\0';
    }
}

CS_RULE(rfc5280_policies_any_policy_qualifier) = {
    .id = "rfc5280.policies.any_policy_qualifier",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.4",
    .description = "Qualifiers of anyPolicy MUST be limited to the CPS pointer and the user "
                   "notice.",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_policies_anypolicy_has_prohibited_qualifier"),
    .zlint = CS_NAMES("e_ext_cert_policy_disallowed_any_policy_qualifier"),
    .when = {.all = {CS_COL_CP_ANY_POLICY_BAD_QUALIFIER}},
    .detail = any_policy_qualifier_detail,
};

static int cps_not_ia5(int any, const cs_policy_qualifier *q) {
    (void)any;
    return q->id == CS_OID_QT_CPS && q->cps_tag != CS_DER_IA5STRING;
}

static void cps_not_ia5_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char oid[96];
    cs_policy_qualifier q;
    if (find_qualifier(c->x509, cps_not_ia5, oid, sizeof oid, &q)) {
        snprintf(buf, len, "policy %s: CPS pointer is %s, not IA5String", oid,
                 string_type(q.cps_tag));
    } else {
        buf[0] = '\0';
    }
}

CS_RULE(rfc5280_policies_cps_uri_not_ia5) = {
    .id = "rfc5280.policies.cps_uri_not_ia5",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.4",
    .description = "The CPS pointer qualifier (CPSuri) MUST be an IA5String.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CP_CPS_NOT_IA5}},
    .detail = cps_not_ia5_detail,
};

static int has_notice_ref(int any, const cs_policy_qualifier *q) {
    (void)any;
    return q->id == CS_OID_QT_UNOTICE && q->has_notice_ref;
}

static void notice_ref_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    char oid[96];
    cs_policy_qualifier q;
    if (find_qualifier(c->x509, has_notice_ref, oid, sizeof oid, &q)) {
        snprintf(buf, len, "policy %s: user notice has a noticeRef", oid);
    } else {
        buf[0] = '\0';
    }
}

CS_RULE(rfc5280_policies_notice_ref) = {
    .id = "rfc5280.policies.notice_ref",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.4",
    .description = "A user notice SHOULD NOT use the noticeRef option.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_policies_usernotice_has_noticeref"),
    .zlint = CS_NAMES("w_ext_cert_policy_contains_noticeref"),
    .when = {.all = {CS_COL_CP_NOTICE_REF}},
    .detail = notice_ref_detail,
};

static int text_empty(const cs_policy_qualifier *q, const cs_display_text_info *info) {
    (void)q;
    return info->chars == 0;
}

static void text_empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    text_detail(c, buf, len, text_empty, "is empty");
}

CS_RULE(rfc5280_policies_explicit_text_empty) = {
    .id = "rfc5280.policies.explicit_text_empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.4, A.2",
    .description = "explicitText is DisplayText SIZE (1..200): it MUST NOT be empty.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CP_TEXT_EMPTY}},
    .detail = text_empty_detail,
};

static int text_too_long(const cs_policy_qualifier *q, const cs_display_text_info *info) {
    (void)q;
    return info->chars > 200;
}

static void text_too_long_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    text_detail(c, buf, len, text_too_long, "is longer than 200 characters");
}

/* Counted in characters (code points), as the RFC says; zlint counts UTF-8 octets. */
CS_RULE(rfc5280_policies_explicit_text_too_long) = {
    .id = "rfc5280.policies.explicit_text_too_long",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.4 (RFC 6818 §3)",
    .description = "explicitText MUST NOT be longer than 200 characters (counted in characters, "
                   "not octets).",
    .effective = "2013-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_cert_policy_explicit_text_too_long"),
    .when = {.all = {CS_COL_CP_TEXT_TOO_LONG}},
    .detail = text_too_long_detail,
};

static int text_is_ia5(const cs_policy_qualifier *q, const cs_display_text_info *info) {
    (void)info;
    return q->explicit_text_tag == CS_DER_IA5STRING;
}

static void text_ia5_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    text_detail(c, buf, len, text_is_ia5, "is an IA5String");
}

CS_RULE(rfc5280_policies_explicit_text_ia5) = {
    .id = "rfc5280.policies.explicit_text_ia5",
    .severity = CS_SEV_ERROR,
    .source = "RFC 6818",
    .citation = "3",
    .description = "explicitText MUST NOT be encoded as IA5String.",
    .effective = "2013-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.rfc6818_certificate_policies_invalid_explicit_text_encoding"),
    .zlint = CS_NAMES("e_ext_cert_policy_explicit_text_ia5_string"),
    .when = {.all = {CS_COL_CP_TEXT_IA5}},
    .detail = text_ia5_detail,
};

static int text_not_utf8(const cs_policy_qualifier *q, const cs_display_text_info *info) {
    (void)info;
    return q->explicit_text_tag != CS_DER_UTF8STRING;
}

static void text_not_utf8_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    text_detail(c, buf, len, text_not_utf8, "is not a UTF8String");
}

/* RFC 6818 replaced 5280's "MUST NOT VisibleString or BMPString": those are now acceptable but
 * less preferred, so every non-UTF8String is this one warning (pkilint's 5280 code is an error
 * for Visible/BMP). */
CS_RULE(rfc5280_policies_explicit_text_not_utf8) = {
    .id = "rfc5280.policies.explicit_text_not_utf8",
    .severity = CS_SEV_WARNING,
    .source = "RFC 6818",
    .citation = "3",
    .description = "explicitText SHOULD be a UTF8String.",
    .effective = "2013-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.rfc5280_certificate_policies_invalid_explicit_text_encoding"),
    .zlint = CS_NAMES("w_ext_cert_policy_explicit_text_not_utf8"),
    .when = {.all = {CS_COL_CP_TEXT_NOT_UTF8}},
    .detail = text_not_utf8_detail,
};

static int text_control(const cs_policy_qualifier *q, const cs_display_text_info *info) {
    (void)q;
    return info->control;
}

static void text_control_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    text_detail(c, buf, len, text_control, "contains a control character");
}

CS_RULE(rfc5280_policies_explicit_text_control) = {
    .id = "rfc5280.policies.explicit_text_control",
    .severity = CS_SEV_WARNING,
    .source = "RFC 6818",
    .citation = "3",
    .description = "explicitText SHOULD NOT contain control characters (U+0000-U+001F, "
                   "U+007F-U+009F), whatever its string type.",
    .effective = "2013-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_policies_explicit_text_has_control_character"),
    .zlint = CS_NAMES("w_ext_cert_policy_explicit_text_includes_control"),
    .when = {.all = {CS_COL_CP_TEXT_CONTROL}},
    .detail = text_control_detail,
};

static int text_not_nfc(const cs_policy_qualifier *q, const cs_display_text_info *info) {
    (void)q;
    return info->not_nfc;
}

static void text_not_nfc_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    text_detail(c, buf, len, text_not_nfc, "is not in Unicode normalization form C");
}

/* The check reports only texts that are certainly not NFC (see cs_display_text_scan); a few
 * rare non-NFC sequences (a composition blocked behind another mark) go unreported. */
CS_RULE(rfc5280_policies_explicit_text_not_nfc) = {
    .id = "rfc5280.policies.explicit_text_not_nfc",
    .severity = CS_SEV_WARNING,
    .source = "RFC 6818",
    .citation = "3",
    .description = "UTF8String and BMPString explicitText SHOULD be normalized to NFC.",
    .effective = "2013-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_policies_explicit_text_not_nfc_normalized"),
    .zlint = CS_NAMES("w_ext_cert_policy_explicit_text_not_nfc"),
    .when = {.all = {CS_COL_CP_TEXT_NOT_NFC}},
    .detail = text_not_nfc_detail,
};

/* --- policyMappings --- */

static void pm_empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "policyMappings is an empty SEQUENCE");
}

CS_RULE(rfc5280_policy_mappings_empty) = {
    .id = "rfc5280.policy_mappings.empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.5",
    .description = "policyMappings is SEQUENCE SIZE (1..MAX): it MUST hold at least one "
                   "mapping.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_cannot_be_empty_sequence"),
    .when = {.all = {CS_COL_PM_EMPTY}},
    .detail = pm_empty_detail,
};

static void pm_not_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "policyMappings is not marked critical");
}

CS_RULE(rfc5280_policy_mappings_not_critical) = {
    .id = "rfc5280.policy_mappings.not_critical",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.5",
    .description = "policyMappings SHOULD be marked critical.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("w_ext_policy_map_not_critical"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_POLICY_MAPPINGS},
             .none = {CS_COL_EXT_CRITICAL + CS_EXT_POLICY_MAPPINGS}},
    .detail = pm_not_critical_detail,
};

static void pm_any_policy_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "policyMappings maps to or from anyPolicy (2.5.29.32.0)");
}

CS_RULE(rfc5280_policy_mappings_any_policy) = {
    .id = "rfc5280.policy_mappings.any_policy",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.5",
    .description = "Policies MUST NOT be mapped to or from anyPolicy.",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_policy_map_any_policy"),
    .when = {.all = {CS_COL_PM_ANY_POLICY}},
    .detail = pm_any_policy_detail,
};

static void pm_not_in_cp_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len,
             "a policyMappings issuerDomainPolicy is not asserted in "
             "certificatePolicies");
}

CS_RULE(rfc5280_policy_mappings_issuer_policy_not_asserted) = {
    .id = "rfc5280.policy_mappings.issuer_policy_not_asserted",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.5",
    .description = "Each issuerDomainPolicy in policyMappings SHOULD also be asserted in the "
                   "certificate's certificatePolicies.",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("w_ext_policy_map_not_in_cert_policy"),
    .when = {.all = {CS_COL_PM_NOT_IN_CP}},
    .detail = pm_not_in_cp_detail,
};

static void pm_in_end_entity_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "policyMappings in an end-entity certificate");
}

/* A notice: 5280 describes the extension as used in CA certificates without forbidding it
 * elsewhere (pkilint reports an error). */
CS_RULE(rfc5280_policy_mappings_in_end_entity) = {
    .id = "rfc5280.policy_mappings.in_end_entity",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "4.2.1.5",
    .description = "policyMappings is meant for CA certificates; in an end-entity certificate it "
                   "has no effect.",
    .applies = CS_APPLIES_SUBSCRIBER | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.end_entity_policy_mappings_extension_present"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_POLICY_MAPPINGS}, .none = {CS_COL_BC_CA}},
    .detail = pm_in_end_entity_detail,
};

/* --- policyConstraints --- */

static void pc_empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len,
             "policyConstraints has neither requireExplicitPolicy nor "
             "inhibitPolicyMapping");
}

CS_RULE(rfc5280_policy_constraints_empty) = {
    .id = "rfc5280.policy_constraints.empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.11",
    .description = "policyConstraints MUST NOT be an empty sequence: requireExplicitPolicy or "
                   "inhibitPolicyMapping MUST be present.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_policy_constraints_empty"),
    .when = {.all = {CS_COL_PC_EMPTY}},
    .detail = pc_empty_detail,
};

static void pc_not_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "policyConstraints is not marked critical");
}

CS_RULE(rfc5280_policy_constraints_not_critical) = {
    .id = "rfc5280.policy_constraints.not_critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.11",
    .description = "policyConstraints MUST be marked critical.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_policy_constraints_not_critical"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_POLICY_CONSTRAINTS},
             .none = {CS_COL_EXT_CRITICAL + CS_EXT_POLICY_CONSTRAINTS}},
    .detail = pc_not_critical_detail,
};

static void pc_in_end_entity_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "policyConstraints in an end-entity certificate");
}

CS_RULE(rfc5280_policy_constraints_in_end_entity) = {
    .id = "rfc5280.policy_constraints.in_end_entity",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "4.2.1.11",
    .description = "policyConstraints is for certificates issued to CAs; in an end-entity "
                   "certificate it has no effect.",
    .applies = CS_APPLIES_SUBSCRIBER | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.end_entity_policy_constraints_extension_present"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_POLICY_CONSTRAINTS}, .none = {CS_COL_BC_CA}},
    .detail = pc_in_end_entity_detail,
};

/* --- inhibitAnyPolicy --- */

static void iap_not_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "inhibitAnyPolicy is not marked critical");
}

CS_RULE(rfc5280_inhibit_any_policy_not_critical) = {
    .id = "rfc5280.inhibit_any_policy.not_critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.14",
    .description = "inhibitAnyPolicy MUST be marked critical.",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_inhibit_any_policy_not_critical"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_INHIBIT_ANY_POLICY},
             .none = {CS_COL_EXT_CRITICAL + CS_EXT_INHIBIT_ANY_POLICY}},
    .detail = iap_not_critical_detail,
};

static void iap_in_end_entity_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "inhibitAnyPolicy in an end-entity certificate");
}

CS_RULE(rfc5280_inhibit_any_policy_in_end_entity) = {
    .id = "rfc5280.inhibit_any_policy.in_end_entity",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "4.2.1.14",
    .description = "inhibitAnyPolicy is for certificates issued to CAs; in an end-entity "
                   "certificate it has no effect.",
    .applies = CS_APPLIES_SUBSCRIBER | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.end_entity_inhibit_anypolicy_extension_present"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_INHIBIT_ANY_POLICY}, .none = {CS_COL_BC_CA}},
    .detail = iap_in_end_entity_detail,
};
