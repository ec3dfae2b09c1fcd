/* RFC 5280 §4.2.1.13 cRLDistributionPoints and §4.2.1.15 freshestCRL, which has the same syntax
 * and conventions. The rules of both extensions are declared side by side. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/gn_syntax.h"
#include "scanner/gn_walk.h"

#define CRLDP    CS_EXT_CRL_DISTRIBUTION_POINTS
#define FRESHEST CS_EXT_FRESHEST_CRL

/* --- details --- */

static int dp_has_http_ldap(const cs_dist_point *dp) {
    cs_der_error err = {.base = dp->name.ptr};
    cs_gn_iter it;
    cs_general_name gn;
    cs_gn_iter_init(&it, dp->name);
    while (cs_gn_iter_next(&it, &gn, &err) == CS_ITER_ITEM) {
        if (gn.type == CS_GN_URI &&
            (cs_uri_check(gn.value.ptr, gn.value.len, 0) & (CS_URI_HTTP | CS_URI_LDAP)) != 0) {
            return 1;
        }
    }
    return 0;
}

static unsigned dp_issuer_dns(const cs_dist_point *dp) {
    cs_der_error err = {.base = dp->crl_issuer.ptr};
    cs_gn_iter it;
    cs_general_name gn;
    unsigned n = 0;
    cs_gn_iter_init(&it, dp->crl_issuer);
    while (cs_gn_iter_next(&it, &gn, &err) == CS_ITER_ITEM) {
        n += gn.type == CS_GN_DIRECTORY;
    }
    return n;
}

typedef enum dp_problem {
    DP_INCOMPLETE,
    DP_EMPTY_NAMES,
    DP_NO_HTTP_LDAP,
    DP_RELATIVE,
    DP_RELATIVE_MULTI
} dp_problem;

static int dp_has(const cs_dist_point *dp, dp_problem p) {
    switch (p) {
    case DP_INCOMPLETE:
        return !dp->has_name && !dp->has_crl_issuer;
    case DP_EMPTY_NAMES:
        return (dp->has_name && dp->name_is_full && dp->name.len == 0) ||
               (dp->has_crl_issuer && dp->crl_issuer.len == 0);
    case DP_NO_HTTP_LDAP:
        return dp->has_name && (!dp->name_is_full || !dp_has_http_ldap(dp));
    case DP_RELATIVE:
        return dp->has_name && !dp->name_is_full;
    case DP_RELATIVE_MULTI:
        return dp->has_name && !dp->name_is_full && dp->has_crl_issuer && dp_issuer_dns(dp) > 1;
    }
    return 0;
}

/* Names the first DistributionPoint with the problem. */
static void dp_describe(const cs_cert_ctx *c, cs_ext_id id, dp_problem p, const char *what,
                        char *buf, size_t len) {
    int index = cs_x509_find_ext(c->x509, id);
    snprintf(buf, len, "%s", what);
    if (index < 0) {
        return;
    }
    cs_der_error err = {.base = c->x509->der.ptr};
    cs_dist_point_iter it;
    cs_dist_point dp;
    unsigned n = 0;
    if (!cs_decode_crl_distribution_points(c->x509->ext[index].value, &it, NULL, &err)) {
        return;
    }
    while (cs_dist_point_iter_next(&it, &dp, &err) == CS_ITER_ITEM) {
        n++;
        if (dp_has(&dp, p)) {
            snprintf(buf, len, "%s: distribution point %u of %s", what, n, cs_ext_name(id));
            return;
        }
    }
}

typedef struct issuer_find {
    const cs_x509 *x;
    int want_equal; /* 1: a directoryName equal to the issuer; 0: a non-directoryName */
    char *buf;
    size_t len;
    const char *what;
} issuer_find;

static int issuer_visit(const cs_gn_visit *v, void *arg) {
    issuer_find *f = arg;
    if (v->place != CS_GN_PLACE_CRL_ISSUER) {
        return 0;
    }
    int hit = f->want_equal
                  ? v->gn->type == CS_GN_DIRECTORY && cs_der_equal(v->gn->value, f->x->issuer.raw)
                  : v->gn->type != CS_GN_DIRECTORY;
    if (!hit) {
        return 0;
    }
    char quoted[360];
    cs_gn_format(v->gn, quoted, sizeof quoted);
    snprintf(f->buf, f->len, "%s: %s %s in distribution point %u", f->what,
             cs_gn_type_name(v->gn->type), f->want_equal ? "(the issuer's name)" : quoted,
             v->item + 1);
    return 1;
}

static void issuer_describe(const cs_cert_ctx *c, cs_ext_id id, int want_equal, const char *what,
                            char *buf, size_t len) {
    issuer_find f = {c->x509, want_equal, buf, len, what};
    if (!cs_gn_walk(c->x509, id, issuer_visit, &f)) {
        snprintf(buf, len, "%s", what);
    }
}

#define DP_DETAIL(fn, id, problem, what)                                                           \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        dp_describe(c, id, problem, what, buf, len);                                               \
    }
#define GN_DETAIL(fn, id, mask, what)                                                              \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        cs_gn_describe_first(c->x509, id, CS_GN_URI, mask, what, buf, len);                        \
    }
#define ISSUER_DETAIL(fn, id, equal, what)                                                         \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        issuer_describe(c, id, equal, what, buf, len);                                             \
    }
#define TEXT_DETAIL(fn, text)                                                                      \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        (void)c;                                                                                   \
        snprintf(buf, len, "%s", text);                                                            \
    }

#define LDAP_INCOMPLETE (CS_URI_LDAP_NO_DN | CS_URI_LDAP_NO_ATTRS | CS_URI_LDAP_MANY_ATTRS)

TEXT_DETAIL(crldp_critical_detail, "cRLDistributionPoints is critical")
TEXT_DETAIL(crldp_no_entries_detail, "cRLDistributionPoints is an empty sequence")
DP_DETAIL(crldp_incomplete_detail, CRLDP, DP_INCOMPLETE,
          "neither distributionPoint nor cRLIssuer present")
DP_DETAIL(crldp_empty_names_detail, CRLDP, DP_EMPTY_NAMES, "empty fullName or cRLIssuer")
DP_DETAIL(crldp_no_http_ldap_detail, CRLDP, DP_NO_HTTP_LDAP,
          "distributionPoint without an http:// or ldap:// URI")
GN_DETAIL(crldp_uri_invalid_detail, CRLDP, CS_URI_INVALID, "URI not a valid absolute URI")
GN_DETAIL(crldp_ldap_incomplete_detail, CRLDP, LDAP_INCOMPLETE,
          "LDAP URI without a dn or a single attribute")
GN_DETAIL(crldp_ldap_no_host_detail, CRLDP, CS_URI_LDAP_NO_HOST, "LDAP URI without a host")
ISSUER_DETAIL(crldp_issuer_not_dn_detail, CRLDP, 0, "cRLIssuer entry that is not a directoryName")
ISSUER_DETAIL(crldp_issuer_is_issuer_detail, CRLDP, 1, "cRLIssuer equal to the certificate issuer")
DP_DETAIL(crldp_relative_detail, CRLDP, DP_RELATIVE, "nameRelativeToCRLIssuer used")
DP_DETAIL(crldp_relative_multi_detail, CRLDP, DP_RELATIVE_MULTI,
          "nameRelativeToCRLIssuer with several cRLIssuer names")
TEXT_DETAIL(crldp_all_reasons_detail,
            "every distribution point has a reasons field that leaves out some reasons")

TEXT_DETAIL(freshest_critical_detail, "freshestCRL is critical")
TEXT_DETAIL(freshest_no_entries_detail, "freshestCRL is an empty sequence")
DP_DETAIL(freshest_incomplete_detail, FRESHEST, DP_INCOMPLETE,
          "neither distributionPoint nor cRLIssuer present")
DP_DETAIL(freshest_empty_names_detail, FRESHEST, DP_EMPTY_NAMES, "empty fullName or cRLIssuer")
DP_DETAIL(freshest_no_http_ldap_detail, FRESHEST, DP_NO_HTTP_LDAP,
          "distributionPoint without an http:// or ldap:// URI")
GN_DETAIL(freshest_uri_invalid_detail, FRESHEST, CS_URI_INVALID, "URI not a valid absolute URI")
GN_DETAIL(freshest_ldap_incomplete_detail, FRESHEST, LDAP_INCOMPLETE,
          "LDAP URI without a dn or a single attribute")
GN_DETAIL(freshest_ldap_no_host_detail, FRESHEST, CS_URI_LDAP_NO_HOST, "LDAP URI without a host")
ISSUER_DETAIL(freshest_issuer_not_dn_detail, FRESHEST, 0,
              "cRLIssuer entry that is not a directoryName")
ISSUER_DETAIL(freshest_issuer_is_issuer_detail, FRESHEST, 1,
              "cRLIssuer equal to the certificate issuer")
DP_DETAIL(freshest_relative_detail, FRESHEST, DP_RELATIVE, "nameRelativeToCRLIssuer used")
DP_DETAIL(freshest_relative_multi_detail, FRESHEST, DP_RELATIVE_MULTI,
          "nameRelativeToCRLIssuer with several cRLIssuer names")
TEXT_DETAIL(freshest_all_reasons_detail,
            "every distribution point has a reasons field that leaves out some reasons")

/* --- cRLDistributionPoints --- */

CS_RULE(rfc5280_crldp_critical) = {
    .id = "rfc5280.crldp.critical",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "The cRLDistributionPoints extension SHOULD be non-critical.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_crldp_extension_critical"),
    .zlint = CS_NAMES("w_ext_crl_distribution_marked_critical"),
    .when = {.all = {CS_COL_EXT_CRITICAL + CS_EXT_CRL_DISTRIBUTION_POINTS}},
    .detail = crldp_critical_detail,
};

CS_RULE(rfc5280_crldp_no_entries) = {
    .id = "rfc5280.crldp.no_entries",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "CRLDistributionPoints is SIZE (1..MAX): it MUST hold a DistributionPoint.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_cannot_be_empty_sequence"),
    .when = {.all = {CS_COL_CRLDP_NO_ENTRIES}},
    .detail = crldp_no_entries_detail,
};

CS_RULE(rfc5280_crldp_incomplete) = {
    .id = "rfc5280.crldp.incomplete",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "A DistributionPoint MUST NOT consist of the reasons field alone: "
                   "distributionPoint or cRLIssuer MUST be present (read: an empty "
                   "DistributionPoint breaks this too).",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.distribution_point_does_not_contain_name_or_issuer"),
    .zlint = CS_NAMES("e_distribution_point_incomplete"),
    .when = {.all = {CS_COL_CRLDP_INCOMPLETE}},
    .detail = crldp_incomplete_detail,
};

CS_RULE(rfc5280_crldp_empty_general_names) = {
    .id = "rfc5280.crldp.empty_general_names",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "A fullName or cRLIssuer is GeneralNames, SIZE (1..MAX): it MUST hold a name.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CRLDP_EMPTY_NAMES}},
    .detail = crldp_empty_names_detail,
};

CS_RULE(rfc5280_crldp_no_http_or_ldap_uri) = {
    .id = "rfc5280.crldp.no_http_or_ldap_uri",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "A DistributionPointName SHOULD include at least one HTTP or LDAP URI "
                   "(read: per distribution point that has a name).",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("w_distribution_point_missing_ldap_or_uri"),
    .when = {.all = {CS_COL_CRLDP_NO_HTTP_LDAP}},
    .detail = crldp_no_http_ldap_detail,
};

CS_RULE(rfc5280_crldp_uri_invalid) = {
    .id = "rfc5280.crldp.uri_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "A distribution point URI MUST be an absolute URI in RFC 3986 syntax, in "
                   "ASCII.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_uri_syntax"),
    .when = {.all = {CS_COL_CRLDP_URI_INVALID}},
    .detail = crldp_uri_invalid_detail,
};

CS_RULE(rfc5280_crldp_ldap_uri_incomplete) = {
    .id = "rfc5280.crldp.ldap_uri_incomplete",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "An LDAP distribution point URI MUST include a <dn> and a single <attrdesc>.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CRLDP_LDAP_INCOMPLETE}},
    .detail = crldp_ldap_incomplete_detail,
};

CS_RULE(rfc5280_crldp_ldap_uri_no_host) = {
    .id = "rfc5280.crldp.ldap_uri_no_host",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "An LDAP distribution point URI SHOULD include a <host>.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CRLDP_LDAP_NO_HOST}},
    .detail = crldp_ldap_no_host_detail,
};

CS_RULE(rfc5280_crldp_crl_issuer_not_directory_name) = {
    .id = "rfc5280.crldp.crl_issuer_not_directory_name",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "cRLIssuer MUST contain only the distinguished name from the issuer field of "
                   "the CRL: every entry is a directoryName.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CRLDP_ISSUER_NOT_DN}},
    .detail = crldp_issuer_not_dn_detail,
};

CS_RULE(rfc5280_crldp_crl_issuer_is_issuer) = {
    .id = "rfc5280.crldp.crl_issuer_is_issuer",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "When the certificate issuer is also the CRL issuer, cRLIssuer MUST be "
                   "omitted (read: a cRLIssuer encoded as the certificate's issuer field).",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CRLDP_ISSUER_IS_ISSUER}},
    .detail = crldp_issuer_is_issuer_detail,
};

CS_RULE(rfc5280_crldp_relative_name) = {
    .id = "rfc5280.crldp.relative_name",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "Conforming CAs SHOULD NOT use nameRelativeToCRLIssuer for distribution point "
                   "names.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CRLDP_RELATIVE_NAME}},
    .detail = crldp_relative_detail,
};

CS_RULE(rfc5280_crldp_relative_name_multiple_issuers) = {
    .id = "rfc5280.crldp.relative_name_multiple_issuers",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "nameRelativeToCRLIssuer MUST NOT be used when cRLIssuer holds more than one "
                   "distinguished name.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CRLDP_RELATIVE_MULTI}},
    .detail = crldp_relative_multi_detail,
};

CS_RULE(rfc5280_crldp_no_all_reasons) = {
    .id = "rfc5280.crldp.no_all_reasons",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.13",
    .description = "At least one DistributionPoint MUST point to a CRL covering all reasons: "
                   "without a reasons field, or with every reason set.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_CRLDP_NO_ALL_REASONS}},
    .detail = crldp_all_reasons_detail,
};

/* --- freshestCRL --- */

CS_RULE(rfc5280_freshest_crl_critical) = {
    .id = "rfc5280.freshest_crl.critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.15",
    .description = "The freshestCRL extension MUST be non-critical.",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_freshest_crl_marked_critical"),
    .when = {.all = {CS_COL_EXT_CRITICAL + CS_EXT_FRESHEST_CRL}},
    .detail = freshest_critical_detail,
};

CS_RULE(rfc5280_freshest_crl_no_entries) = {
    .id = "rfc5280.freshest_crl.no_entries",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.15",
    .description = "FreshestCRL is SIZE (1..MAX): it MUST hold a DistributionPoint.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_cannot_be_empty_sequence"),
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_NO_ENTRIES)}},
    .detail = freshest_no_entries_detail,
};

CS_RULE(rfc5280_freshest_crl_incomplete) = {
    .id = "rfc5280.freshest_crl.incomplete",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "A freshestCRL DistributionPoint MUST NOT consist of the reasons field alone: "
                   "distributionPoint or cRLIssuer MUST be present.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_INCOMPLETE)}},
    .detail = freshest_incomplete_detail,
};

CS_RULE(rfc5280_freshest_crl_empty_general_names) = {
    .id = "rfc5280.freshest_crl.empty_general_names",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "A freshestCRL fullName or cRLIssuer MUST hold a name.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_EMPTY_NAMES)}},
    .detail = freshest_empty_names_detail,
};

CS_RULE(rfc5280_freshest_crl_no_http_or_ldap_uri) = {
    .id = "rfc5280.freshest_crl.no_http_or_ldap_uri",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "A freshestCRL DistributionPointName SHOULD include at least one HTTP or LDAP "
                   "URI.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_NO_HTTP_LDAP)}},
    .detail = freshest_no_http_ldap_detail,
};

CS_RULE(rfc5280_freshest_crl_uri_invalid) = {
    .id = "rfc5280.freshest_crl.uri_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "A freshestCRL URI MUST be an absolute URI in RFC 3986 syntax, in ASCII.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_uri_syntax"),
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_URI_INVALID)}},
    .detail = freshest_uri_invalid_detail,
};

CS_RULE(rfc5280_freshest_crl_ldap_uri_incomplete) = {
    .id = "rfc5280.freshest_crl.ldap_uri_incomplete",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "An LDAP freshestCRL URI MUST include a <dn> and a single <attrdesc>.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_LDAP_INCOMPLETE)}},
    .detail = freshest_ldap_incomplete_detail,
};

CS_RULE(rfc5280_freshest_crl_ldap_uri_no_host) = {
    .id = "rfc5280.freshest_crl.ldap_uri_no_host",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "An LDAP freshestCRL URI SHOULD include a <host>.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_LDAP_NO_HOST)}},
    .detail = freshest_ldap_no_host_detail,
};

CS_RULE(rfc5280_freshest_crl_crl_issuer_not_directory_name) = {
    .id = "rfc5280.freshest_crl.crl_issuer_not_directory_name",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "A freshestCRL cRLIssuer MUST contain only the CRL issuer's distinguished "
                   "name.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_ISSUER_NOT_DN)}},
    .detail = freshest_issuer_not_dn_detail,
};

CS_RULE(rfc5280_freshest_crl_crl_issuer_is_issuer) = {
    .id = "rfc5280.freshest_crl.crl_issuer_is_issuer",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "When the certificate issuer also issues the delta CRL, the freshestCRL "
                   "cRLIssuer MUST be omitted.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_ISSUER_IS_ISSUER)}},
    .detail = freshest_issuer_is_issuer_detail,
};

CS_RULE(rfc5280_freshest_crl_relative_name) = {
    .id = "rfc5280.freshest_crl.relative_name",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "Conforming CAs SHOULD NOT use nameRelativeToCRLIssuer in freshestCRL.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_RELATIVE_NAME)}},
    .detail = freshest_relative_detail,
};

CS_RULE(rfc5280_freshest_crl_relative_name_multiple_issuers) = {
    .id = "rfc5280.freshest_crl.relative_name_multiple_issuers",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "nameRelativeToCRLIssuer MUST NOT be used when the freshestCRL cRLIssuer holds "
                   "more than one distinguished name.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_RELATIVE_MULTI)}},
    .detail = freshest_relative_multi_detail,
};

CS_RULE(rfc5280_freshest_crl_no_all_reasons) = {
    .id = "rfc5280.freshest_crl.no_all_reasons",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.15, 4.2.1.13",
    .description = "At least one freshestCRL DistributionPoint MUST point to a delta CRL covering "
                   "all reasons.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_FRESHEST(CS_COL_CRLDP_NO_ALL_REASONS)}},
    .detail = freshest_all_reasons_detail,
};
