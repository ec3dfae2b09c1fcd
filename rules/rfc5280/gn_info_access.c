/* RFC 5280 §4.2.2.1 authorityInfoAccess and §4.2.2.2 subjectInfoAccess. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/gn_syntax.h"
#include "scanner/gn_walk.h"

#define AIA CS_EXT_AUTHORITY_INFO_ACCESS
#define SIA CS_EXT_SUBJECT_INFO_ACCESS

typedef struct method_find {
    cs_misc_oid_id method;
    uint32_t mask;
    const char *what;
    char *buf;
    size_t len;
} method_find;

static int method_visit(const cs_gn_visit *v, void *arg) {
    method_find *f = arg;
    if (v->method != f->method || v->gn->type != CS_GN_URI ||
        (cs_gn_name_flags(v) & f->mask) == 0) {
        return 0;
    }
    char quoted[360];
    cs_gn_format(v->gn, quoted, sizeof quoted);
    snprintf(f->buf, f->len, "%s: %s in access description %u", f->what, quoted, v->item + 1);
    return 1;
}

/* Names the first URI of the access method whose flags meet `mask`. */
static void method_describe(const cs_cert_ctx *c, cs_ext_id id, cs_misc_oid_id method,
                            uint32_t mask, const char *what, char *buf, size_t len) {
    method_find f = {method, mask, what, buf, len};
    if (!cs_gn_walk(c->x509, id, method_visit, &f)) {
        snprintf(buf, len, "%s", what);
    }
}

#define TEXT_DETAIL(fn, text)                                                                      \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        (void)c;                                                                                   \
        snprintf(buf, len, "%s", text);                                                            \
    }
#define URI_DETAIL(fn, id, what)                                                                   \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        cs_gn_describe_first(c->x509, id, CS_GN_URI, CS_URI_INVALID, what, buf, len);              \
    }
#define METHOD_DETAIL(fn, id, method, mask, what)                                                  \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        method_describe(c, id, method, mask, what, buf, len);                                      \
    }

TEXT_DETAIL(aia_critical_detail, "authorityInfoAccess is critical")
TEXT_DETAIL(aia_no_entries_detail, "authorityInfoAccess is an empty sequence")
TEXT_DETAIL(aia_no_http_ldap_detail, "no caIssuers accessLocation is an http:// or ldap:// URI")
URI_DETAIL(aia_uri_invalid_detail, AIA, "accessLocation URI not a valid absolute URI")
METHOD_DETAIL(aia_ldap_incomplete_detail, AIA, CS_OID_AD_CA_ISSUERS,
              CS_URI_LDAP_NO_DN | CS_URI_LDAP_NO_ATTRS,
              "caIssuers LDAP URI without dn or attributes")
METHOD_DETAIL(aia_ldap_no_host_detail, AIA, CS_OID_AD_CA_ISSUERS, CS_URI_LDAP_NO_HOST,
              "caIssuers LDAP URI without a host")

TEXT_DETAIL(sia_critical_detail, "subjectInfoAccess is critical")
TEXT_DETAIL(sia_no_entries_detail, "subjectInfoAccess is an empty sequence")
TEXT_DETAIL(sia_no_http_ldap_detail, "no caRepository accessLocation is an http:// or ldap:// URI")
URI_DETAIL(sia_uri_invalid_detail, SIA, "accessLocation URI not a valid absolute URI")
METHOD_DETAIL(sia_ldap_incomplete_detail, SIA, CS_OID_AD_CA_REPOSITORY,
              CS_URI_LDAP_NO_DN | CS_URI_LDAP_NO_ATTRS,
              "caRepository LDAP URI without dn or attributes")
METHOD_DETAIL(sia_ldap_no_host_detail, SIA, CS_OID_AD_CA_REPOSITORY, CS_URI_LDAP_NO_HOST,
              "caRepository LDAP URI without a host")

/* --- authorityInfoAccess --- */

CS_RULE(rfc5280_aia_critical) = {
    .id = "rfc5280.aia.critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.2.1",
    .description = "Conforming CAs MUST mark the authorityInfoAccess extension non-critical.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.authority_information_access_extension_critical"),
    .zlint = CS_NAMES("e_ext_aia_marked_critical"),
    .when = {.all = {CS_COL_EXT_CRITICAL + CS_EXT_AUTHORITY_INFO_ACCESS}},
    .detail = aia_critical_detail,
};

CS_RULE(rfc5280_aia_no_entries) = {
    .id = "rfc5280.aia.no_entries",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.2.1",
    .description = "AuthorityInfoAccessSyntax is SIZE (1..MAX): it MUST hold an access "
                   "description.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_cannot_be_empty_sequence"),
    .when = {.all = {CS_COL_AIA_NO_ENTRIES}},
    .detail = aia_no_entries_detail,
};

CS_RULE(rfc5280_aia_ca_issuers_no_http_or_ldap_uri) = {
    .id = "rfc5280.aia.ca_issuers_no_http_or_ldap_uri",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.2.1",
    .description = "When id-ad-caIssuers is used, at least one of its accessLocations SHOULD be "
                   "an HTTP or LDAP URI.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("w_ext_aia_access_location_missing"),
    .when = {.all = {CS_COL_AIA_NO_HTTP_LDAP}},
    .detail = aia_no_http_ldap_detail,
};

CS_RULE(rfc5280_aia_uri_invalid) = {
    .id = "rfc5280.aia.uri_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.2.1",
    .description = "An authorityInfoAccess URI MUST be an absolute URI in RFC 3986 syntax, in "
                   "ASCII.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_uri_syntax"),
    .when = {.all = {CS_COL_AIA_URI_INVALID}},
    .detail = aia_uri_invalid_detail,
};

CS_RULE(rfc5280_aia_ldap_uri_incomplete) = {
    .id = "rfc5280.aia.ldap_uri_incomplete",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.2.1",
    .description = "A caIssuers LDAP URI MUST include a <dn> and an <attributes> field.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_AIA_LDAP_INCOMPLETE}},
    .detail = aia_ldap_incomplete_detail,
};

CS_RULE(rfc5280_aia_ldap_uri_no_host) = {
    .id = "rfc5280.aia.ldap_uri_no_host",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.2.1",
    .description = "A caIssuers LDAP URI SHOULD include a <host>.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_AIA_LDAP_NO_HOST}},
    .detail = aia_ldap_no_host_detail,
};

/* --- subjectInfoAccess --- */

CS_RULE(rfc5280_sia_critical) = {
    .id = "rfc5280.sia.critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.2.2",
    .description = "Conforming CAs MUST mark the subjectInfoAccess extension non-critical.",
    .effective = "2002-04-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.subject_information_access_extension_critical"),
    .zlint = CS_NAMES("e_subject_info_access_marked_critical"),
    .when = {.all = {CS_COL_EXT_CRITICAL + CS_EXT_SUBJECT_INFO_ACCESS}},
    .detail = sia_critical_detail,
};

CS_RULE(rfc5280_sia_no_entries) = {
    .id = "rfc5280.sia.no_entries",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.2.2",
    .description = "SubjectInfoAccessSyntax is SIZE (1..MAX): it MUST hold an access "
                   "description.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_cannot_be_empty_sequence"),
    .when = {.all = {CS_COL_SIA(CS_COL_AIA_NO_ENTRIES)}},
    .detail = sia_no_entries_detail,
};

CS_RULE(rfc5280_sia_ca_repository_no_http_or_ldap_uri) = {
    .id = "rfc5280.sia.ca_repository_no_http_or_ldap_uri",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.2.2",
    .description = "When id-ad-caRepository is used, at least one of its accessLocations SHOULD "
                   "be an HTTP or LDAP URI.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SIA(CS_COL_AIA_NO_HTTP_LDAP)}},
    .detail = sia_no_http_ldap_detail,
};

CS_RULE(rfc5280_sia_uri_invalid) = {
    .id = "rfc5280.sia.uri_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.2.2",
    .description = "A subjectInfoAccess URI MUST be an absolute URI in RFC 3986 syntax, in "
                   "ASCII.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_uri_syntax"),
    .when = {.all = {CS_COL_SIA(CS_COL_AIA_URI_INVALID)}},
    .detail = sia_uri_invalid_detail,
};

CS_RULE(rfc5280_sia_ldap_uri_incomplete) = {
    .id = "rfc5280.sia.ldap_uri_incomplete",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.2.2",
    .description = "A caRepository LDAP URI MUST include a <dn> and an <attributes> field.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SIA(CS_COL_AIA_LDAP_INCOMPLETE)}},
    .detail = sia_ldap_incomplete_detail,
};

CS_RULE(rfc5280_sia_ldap_uri_no_host) = {
    .id = "rfc5280.sia.ldap_uri_no_host",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.2.2",
    .description = "A caRepository LDAP URI SHOULD include a <host>.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SIA(CS_COL_AIA_LDAP_NO_HOST)}},
    .detail = sia_ldap_no_host_detail,
};
