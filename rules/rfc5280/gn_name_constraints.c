/* RFC 5280 §4.2.1.10: the nameConstraints extension. RFC 9549 §2.2 updates its rfc822Name
 * forms. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/gn_syntax.h"
#include "scanner/gn_walk.h"

#define NC CS_EXT_NAME_CONSTRAINTS

typedef struct nc_find {
    int (*pred)(const cs_gn_visit *v);
    const char *what;
    char *buf;
    size_t len;
} nc_find;

static int nc_find_visit(const cs_gn_visit *v, void *arg) {
    nc_find *f = arg;
    if (!f->pred(v)) {
        return 0;
    }
    char quoted[360];
    cs_gn_format(v->gn, quoted, sizeof quoted);
    snprintf(f->buf, f->len, "%s: %s %s in %s", f->what, cs_gn_type_name(v->gn->type), quoted,
             v->place == CS_GN_PLACE_PERMITTED ? "permittedSubtrees" : "excludedSubtrees");
    return 1;
}

/* Names the first subtree for which pred holds, or writes `what` alone. */
static void nc_describe(const cs_cert_ctx *c, int (*pred)(const cs_gn_visit *), const char *what,
                        char *buf, size_t len) {
    nc_find f = {pred, what, buf, len};
    if (!cs_gn_walk(c->x509, NC, nc_find_visit, &f)) {
        snprintf(buf, len, "%s", what);
    }
}

#define NC_DETAIL(fn, type, mask, what)                                                            \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        cs_gn_describe_first(c->x509, NC, type, mask, what, buf, len);                             \
    }

static void not_ca_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "nameConstraints in a certificate that is not a CA certificate");
}

CS_RULE(rfc5280_name_constraints_not_ca) = {
    .id = "rfc5280.name_constraints.not_ca",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "The nameConstraints extension MUST be used only in CA certificates.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_SUBSCRIBER | CS_APPLIES_PRECERT,
    .pkilint = CS_NAMES("pkix.name_constraints_in_ee_certificate"),
    .zlint = CS_NAMES("e_ext_name_constraints_not_in_ca"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_NAME_CONSTRAINTS}},
    .detail = not_ca_detail,
};

static void not_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "nameConstraints is not critical");
}

/* The RFC requirement; CA/B Forum rules that tolerate a non-critical extension (zlint
 * w_sub_ca_name_constraints_not_critical, the S/MIME BR) are profiles of their own. */
CS_RULE(rfc5280_name_constraints_not_critical) = {
    .id = "rfc5280.name_constraints.not_critical",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "Conforming CAs MUST mark the nameConstraints extension critical.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.certificate_name_constraints_extension_not_critical"),
    .zlint = CS_NAMES("e_ext_name_constraints_not_critical"),
    .when = {.all = {CS_COL_EXT_PRESENT + CS_EXT_NAME_CONSTRAINTS},
             .none = {CS_COL_EXT_CRITICAL + CS_EXT_NAME_CONSTRAINTS}},
    .detail = not_critical_detail,
};

static void empty_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "nameConstraints has neither permittedSubtrees nor excludedSubtrees");
}

CS_RULE(rfc5280_name_constraints_empty) = {
    .id = "rfc5280.name_constraints.empty",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "nameConstraints MUST NOT be an empty sequence: permittedSubtrees or "
                   "excludedSubtrees MUST be present.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.name_constraints_no_subtrees"),
    .zlint = CS_NAMES("e_name_constraint_empty"),
    .when = {.all = {CS_COL_NC_EMPTY}},
    .detail = empty_detail,
};

static void empty_subtrees_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "a permittedSubtrees or excludedSubtrees field holds no GeneralSubtree");
}

CS_RULE(rfc5280_name_constraints_empty_subtrees) = {
    .id = "rfc5280.name_constraints.empty_subtrees",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "GeneralSubtrees is SIZE (1..MAX): a permittedSubtrees or excludedSubtrees "
                   "field that is present MUST hold at least one subtree.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_NC_EMPTY_SUBTREES}},
    .detail = empty_subtrees_detail,
};

static int min_nonzero(const cs_gn_visit *v) {
    return v->subtree->has_minimum && v->subtree->minimum != 0;
}

static void min_nonzero_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    nc_describe(c, min_nonzero, "subtree with a minimum other than 0", buf, len);
}

CS_RULE(rfc5280_name_constraints_minimum_not_zero) = {
    .id = "rfc5280.name_constraints.minimum_not_zero",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "The minimum field of a GeneralSubtree MUST be zero.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.name_constraints_non_default_minimum"),
    .zlint = CS_NAMES("e_name_constraint_minimum_non_zero"),
    .when = {.all = {CS_COL_NC_MIN_NONZERO}},
    .detail = min_nonzero_detail,
};

static int min_encoded(const cs_gn_visit *v) {
    return v->subtree->has_minimum && v->subtree->minimum == 0;
}

static void min_encoded_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    nc_describe(c, min_encoded, "subtree with minimum 0 encoded", buf, len);
}

CS_RULE(rfc5280_name_constraints_minimum_encoded) = {
    .id = "rfc5280.name_constraints.minimum_encoded",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10, App. B",
    .description = "minimum is DEFAULT 0, so DER (X.690 §11.5) requires it to be omitted rather "
                   "than encoded as 0.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_NC_MIN_ENCODED}},
    .detail = min_encoded_detail,
};

static int max_present(const cs_gn_visit *v) {
    return v->subtree->has_maximum;
}

static void max_present_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    nc_describe(c, max_present, "subtree with a maximum", buf, len);
}

CS_RULE(rfc5280_name_constraints_maximum_present) = {
    .id = "rfc5280.name_constraints.maximum_present",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "The maximum field of a GeneralSubtree MUST be absent.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.name_constraints_maximum_specified"),
    .zlint = CS_NAMES("e_name_constraint_maximum_not_absent"),
    .when = {.all = {CS_COL_NC_MAX_PRESENT}},
    .detail = max_present_detail,
};

NC_DETAIL(x400_detail, CS_GN_X400, 0, "constraint on x400Address")

CS_RULE(rfc5280_name_constraints_x400) = {
    .id = "rfc5280.name_constraints.x400",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "CAs SHOULD NOT impose name constraints on the x400Address name form.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("w_name_constraint_on_x400"),
    .when = {.all = {CS_COL_NC_X400}},
    .detail = x400_detail,
};

NC_DETAIL(edi_detail, CS_GN_EDI_PARTY, 0, "constraint on ediPartyName")

CS_RULE(rfc5280_name_constraints_edi_party) = {
    .id = "rfc5280.name_constraints.edi_party",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "CAs SHOULD NOT impose name constraints on the ediPartyName name form.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("w_name_constraint_on_edi_party_name"),
    .when = {.all = {CS_COL_NC_EDI}},
    .detail = edi_detail,
};

NC_DETAIL(registered_id_detail, CS_GN_REGISTERED_ID, 0, "constraint on registeredID")

CS_RULE(rfc5280_name_constraints_registered_id) = {
    .id = "rfc5280.name_constraints.registered_id",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "CAs SHOULD NOT impose name constraints on the registeredID name form.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("w_name_constraint_on_registered_id"),
    .when = {.all = {CS_COL_NC_REGISTERED_ID}},
    .detail = registered_id_detail,
};

NC_DETAIL(ip_length_detail, CS_GN_IP, CS_IPNC_LENGTH,
          "iPAddress constraint of neither 8 nor 32 "
          "octets")

CS_RULE(rfc5280_name_constraints_ip_length) = {
    .id = "rfc5280.name_constraints.ip_length",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "An iPAddress constraint MUST be 8 octets (IPv4 address and mask) or 32 octets "
                   "(IPv6).",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.ip_address_name_constraint_wrong_length"),
    .when = {.all = {CS_COL_NC_IP_LENGTH}},
    .detail = ip_length_detail,
};

NC_DETAIL(ip_cidr_detail, CS_GN_IP, CS_IPNC_NOT_CIDR,
          "iPAddress constraint that is not a CIDR "
          "range")

CS_RULE(rfc5280_name_constraints_ip_not_cidr) = {
    .id = "rfc5280.name_constraints.ip_not_cidr",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "An iPAddress constraint MUST be an address range in RFC 4632 (CIDR) style: "
                   "a mask of leading ones, and no address bits outside it.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.ip_address_name_constraint_invalid_cidr"),
    .when = {.all = {CS_COL_NC_IP_NOT_CIDR}},
    .detail = ip_cidr_detail,
};

NC_DETAIL(uri_fqdn_detail, CS_GN_URI, CS_DNS_NOT_FQDN,
          "URI constraint that is not a fully qualified host or .domain")

CS_RULE(rfc5280_name_constraints_uri_not_fqdn) = {
    .id = "rfc5280.name_constraints.uri_not_fqdn",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "A URI constraint MUST be a fully qualified domain name, a host or a "
                   "\".domain\": not a URI, a single label or an IP address.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_uri_syntax"),
    .zlint = CS_NAMES("e_name_constraint_not_fqdn"),
    .when = {.all = {CS_COL_NC_URI_NOT_FQDN}},
    .detail = uri_fqdn_detail,
};

NC_DETAIL(dns_dot_detail, CS_GN_DNS, CS_DNS_LEADING_DOT, "dNSName constraint starting with '.'")

CS_RULE(rfc5280_name_constraints_dns_leading_dot) = {
    .id = "rfc5280.name_constraints.dns_leading_dot",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "A dNSName constraint is a DNS name (\"host.example.com\", matched by adding "
                   "labels on the left); the leading-dot form belongs to URI and rfc822Name "
                   "constraints only.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_dns_name_constraint_incorrect_dot_prefix"),
    .when = {.all = {CS_COL_NC_DNS_LEADING_DOT}},
    .detail = dns_dot_detail,
};

NC_DETAIL(dns_invalid_detail, CS_GN_DNS, CS_DNS_NOT_IA5 | CS_DNS_SPACE | CS_DNS_SYNTAX,
          "dNSName constraint not in preferred name syntax")

CS_RULE(rfc5280_name_constraints_dns_invalid) = {
    .id = "rfc5280.name_constraints.dns_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "A dNSName constraint MUST be a domain name in preferred name syntax, with "
                   "internationalized labels as A-labels (an empty constraint is allowed).",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_domain_name_syntax"),
    .when = {.all = {CS_COL_NC_DNS_INVALID}},
    .detail = dns_invalid_detail,
};

static int rfc822_mailbox(const cs_gn_visit *v) {
    return v->gn->type == CS_GN_RFC822 &&
           (cs_gn_name_flags(v) & (CS_MBX_NO_AT | CS_MBX_EMPTY | CS_GN_EMPTY_VALUE)) == 0;
}

static void rfc822_mailbox_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    nc_describe(c, rfc822_mailbox, "rfc822Name constraint naming a single mailbox", buf, len);
}

CS_RULE(rfc9549_name_constraints_rfc822_mailbox) = {
    .id = "rfc9549.name_constraints.rfc822_mailbox",
    .severity = CS_SEV_WARNING,
    .source = "RFC 9549",
    .citation = "2.2 (RFC 5280 4.2.1.10)",
    .description = "An rfc822Name constraint is a host or a \".domain\"; RFC 9549 removed the "
                   "single-mailbox form, so a constraint with '@' is no longer defined.",
    .effective = "2024-03-01",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_NC_RFC822_MAILBOX}},
    .detail = rfc822_mailbox_detail,
};

static int rfc822_invalid(const cs_gn_visit *v) {
    if (v->gn->type != CS_GN_RFC822) {
        return 0;
    }
    uint32_t f = cs_gn_name_flags(v);
    if ((f & (CS_MBX_NO_AT | CS_MBX_EMPTY)) == 0) {
        return (f & CS_MBX_INVALID) != 0;
    }
    uint32_t d = cs_dns_check(v->gn->value.ptr, v->gn->value.len, CS_DNS_ALLOW_LEADING_DOT);
    return (d & (CS_DNS_EMPTY | CS_DNS_NOT_IA5 | CS_DNS_SPACE | CS_DNS_SYNTAX)) != 0;
}

static void rfc822_invalid_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    nc_describe(c, rfc822_invalid, "rfc822Name constraint that is no mailbox, host or .domain", buf,
                len);
}

CS_RULE(rfc5280_name_constraints_rfc822_invalid) = {
    .id = "rfc5280.name_constraints.rfc822_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.10",
    .description = "An rfc822Name constraint MUST be a mailbox, a host or a \".domain\" in "
                   "preferred name syntax.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_email_address_syntax"),
    .when = {.all = {CS_COL_NC_RFC822_INVALID}},
    .detail = rfc822_invalid_detail,
};
