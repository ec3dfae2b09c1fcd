/* RFC 5280 §4.1.2.6 and §4.2.1.6: the subjectAltName extension and the name forms it holds.
 * RFC 9549 §2.3 (replacing RFC 5280 §7.2): internationalized domain names as A-labels. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/gn_syntax.h"
#include "scanner/gn_walk.h"

#define SAN CS_EXT_SUBJECT_ALT_NAME

#define SAN_DETAIL(fn, type, mask, what)                                                           \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        cs_gn_describe_first(c->x509, SAN, type, mask, what, buf, len);                            \
    }

static void empty_subject_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "the subject is an empty sequence and there is no subjectAltName");
}

CS_RULE(rfc5280_san_missing_with_empty_subject) = {
    .id = "rfc5280.san.missing_with_empty_subject",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1.2.6",
    .description = "When the subject is an empty sequence, a subjectAltName extension MUST be "
                   "present.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_subject_empty_without_san"),
    .when = {.all = {CS_COL_GN_SUBJECT_EMPTY},
             .none = {CS_COL_EXT_PRESENT + CS_EXT_SUBJECT_ALT_NAME}},
    .detail = empty_subject_detail,
};

static void not_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "the subject is an empty sequence and subjectAltName is not critical");
}

CS_RULE(rfc5280_san_not_critical_with_empty_subject) = {
    .id = "rfc5280.san.not_critical_with_empty_subject",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "When the subject is an empty sequence, the subjectAltName extension MUST be "
                   "critical.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.san_extension_not_critical_empty_subject"),
    .zlint = CS_NAMES("e_ext_san_not_critical_without_subject"),
    .when = {.all = {CS_COL_GN_SUBJECT_EMPTY, CS_COL_EXT_PRESENT + CS_EXT_SUBJECT_ALT_NAME},
             .none = {CS_COL_EXT_CRITICAL + CS_EXT_SUBJECT_ALT_NAME}},
    .detail = not_critical_detail,
};

static void critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "subjectAltName is critical although the subject is not empty");
}

CS_RULE(rfc5280_san_critical_with_subject) = {
    .id = "rfc5280.san.critical_with_subject",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "With a non-empty subject, the subjectAltName extension SHOULD be "
                   "non-critical.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.san_extension_is_critical_non_empty_subject"),
    .zlint = CS_NAMES("w_ext_san_critical_with_subject_dn"),
    .when = {.all = {CS_COL_EXT_CRITICAL + CS_EXT_SUBJECT_ALT_NAME},
             .none = {CS_COL_GN_SUBJECT_EMPTY}},
    .detail = critical_detail,
};

static void no_entries_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "subjectAltName is an empty sequence");
}

CS_RULE(rfc5280_san_no_entries) = {
    .id = "rfc5280.san.no_entries",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A subjectAltName extension MUST contain at least one GeneralName.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_san_no_entries", "e_ext_cannot_be_empty_sequence"),
    .when = {.all = {CS_COL_SAN_NO_ENTRIES}},
    .detail = no_entries_detail,
};

SAN_DETAIL(empty_name_detail, -1, CS_GN_EMPTY_VALUE, "empty name")

CS_RULE(rfc5280_san_empty_name) = {
    .id = "rfc5280.san.empty_name",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "subjectAltName MUST NOT contain an empty GeneralName (read: an empty string "
                   "or address, or a directoryName with no RDN).",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_san_empty_name"),
    .when = {.all = {CS_COL_SAN_EMPTY_NAME}},
    .detail = empty_name_detail,
};

SAN_DETAIL(dns_not_ia5_detail, CS_GN_DNS, CS_DNS_NOT_IA5, "dNSName with non-ASCII octets")

CS_RULE(rfc5280_san_dns_not_ia5) = {
    .id = "rfc5280.san.dns_not_ia5",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A dNSName is an IA5String: octets above 0x7F (such as a U-label) are not "
                   "allowed.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_san_dns_not_ia5_string"),
    .when = {.all = {CS_COL_SAN_DNS_NOT_IA5}},
    .detail = dns_not_ia5_detail,
};

SAN_DETAIL(dns_space_detail, CS_GN_DNS, CS_DNS_SPACE, "dNSName")

CS_RULE(rfc5280_san_dns_space) = {
    .id = "rfc5280.san.dns_space",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A subjectAltName dNSName of \" \" MUST NOT be used.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_san_space_dns_name"),
    .when = {.all = {CS_COL_SAN_DNS_SPACE}},
    .detail = dns_space_detail,
};

/* The five preferred-name-syntax rules below mirror zlint's e_rfc_dnsname_* lints, which apply to
 * subscriber certificates only. */
#define SAN_DNS_APPLIES (CS_APPLIES_SUBSCRIBER | CS_APPLIES_PRECERT)

SAN_DETAIL(dns_empty_label_detail, CS_GN_DNS, CS_DNS_EMPTY_LABEL, "dNSName with an empty label")

CS_RULE(rfc5280_san_dns_empty_label) = {
    .id = "rfc5280.san.dns_empty_label",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A dNSName MUST be in preferred name syntax (RFC 1034 §3.5): no empty label "
                   "(leading, trailing or doubled dot).",
    .effective = "2008-05-01",
    .applies = SAN_DNS_APPLIES,
    .pkilint = CS_NAMES("pkix.invalid_domain_name_syntax"),
    .zlint = CS_NAMES("e_rfc_dnsname_empty_label"),
    .when = {.all = {CS_COL_SAN_DNS_EMPTY_LABEL}},
    .detail = dns_empty_label_detail,
};

SAN_DETAIL(dns_label_too_long_detail, CS_GN_DNS, CS_DNS_LABEL_TOO_LONG,
           "dNSName with a label over 63 octets")

CS_RULE(rfc5280_san_dns_label_too_long) = {
    .id = "rfc5280.san.dns_label_too_long",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A dNSName MUST be in preferred name syntax (RFC 1034 §3.5): labels are at "
                   "most 63 octets.",
    .effective = "2008-05-01",
    .applies = SAN_DNS_APPLIES,
    .pkilint = CS_NAMES("pkix.invalid_domain_name_syntax"),
    .zlint = CS_NAMES("e_rfc_dnsname_label_too_long"),
    .when = {.all = {CS_COL_SAN_DNS_LABEL_TOO_LONG}},
    .detail = dns_label_too_long_detail,
};

SAN_DETAIL(dns_hyphen_detail, CS_GN_DNS, CS_DNS_HYPHEN_EDGE,
           "dNSName with a label that begins or ends with '-'")

CS_RULE(rfc5280_san_dns_hyphen) = {
    .id = "rfc5280.san.dns_hyphen",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A dNSName MUST be in preferred name syntax (RFC 1034 §3.5): no label begins "
                   "or ends with a hyphen (read: any label, not only the registrable one).",
    .effective = "2008-05-01",
    .applies = SAN_DNS_APPLIES,
    .pkilint = CS_NAMES("pkix.invalid_domain_name_syntax"),
    .zlint = CS_NAMES("e_rfc_dnsname_hyphen_in_sld"),
    .when = {.all = {CS_COL_SAN_DNS_HYPHEN}},
    .detail = dns_hyphen_detail,
};

SAN_DETAIL(dns_underscore_detail, CS_GN_DNS, CS_DNS_UNDERSCORE, "dNSName with '_'")

CS_RULE(rfc5280_san_dns_underscore) = {
    .id = "rfc5280.san.dns_underscore",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A dNSName MUST be in preferred name syntax (RFC 1034 §3.5), which has no "
                   "underscore in any label (read: a MUST wherever the label is; zlint warns "
                   "for labels left of the registrable domain).",
    .effective = "2008-05-01",
    .applies = SAN_DNS_APPLIES,
    .pkilint = CS_NAMES("pkix.invalid_domain_name_syntax"),
    .zlint = CS_NAMES("e_rfc_dnsname_underscore_in_sld", "w_rfc_dnsname_underscore_in_trd"),
    .when = {.all = {CS_COL_SAN_DNS_UNDERSCORE}},
    .detail = dns_underscore_detail,
};

SAN_DETAIL(dns_too_long_detail, CS_GN_DNS, CS_DNS_TOO_LONG, "dNSName over 253 octets")

CS_RULE(rfc5280_san_dns_too_long) = {
    .id = "rfc5280.san.dns_too_long",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A dNSName MUST be in preferred name syntax: a domain name is at most 253 "
                   "octets in text form (RFC 1034 §3.1, RFC 1035 §2.3.4).",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.dnsname_domain_name_too_long"),
    .zlint = CS_NAMES("e_ext_san_dns_name_too_long"),
    .when = {.all = {CS_COL_SAN_DNS_TOO_LONG}},
    .detail = dns_too_long_detail,
};

SAN_DETAIL(dns_bad_char_detail, CS_GN_DNS, CS_DNS_BAD_CHAR,
           "dNSName with a character other than letters, digits, '-' and '.'")

CS_RULE(rfc5280_san_dns_bad_character) = {
    .id = "rfc5280.san.dns_bad_character",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A dNSName MUST be in preferred name syntax: only letters, digits and hyphens "
                   "in labels (a whole first label \"*\" is accepted as a wildcard).",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_domain_name_syntax"),
    .when = {.all = {CS_COL_SAN_DNS_BAD_CHAR}},
    .detail = dns_bad_char_detail,
};

SAN_DETAIL(dns_a_label_detail, CS_GN_DNS, CS_DNS_BAD_A_LABEL,
           "dNSName with an \"xn--\" label that is not a valid A-label")

CS_RULE(rfc9549_san_dns_invalid_a_label) = {
    .id = "rfc9549.san.dns_invalid_a_label",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9549",
    .citation = "2.3 (RFC 5280 7.2)",
    .description = "Internationalized labels of a dNSName MUST be A-labels: an \"xn--\" label "
                   "must be the Punycode of a label with non-ASCII characters.",
    .effective = "2003-03-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_international_dns_name_not_unicode"),
    .when = {.all = {CS_COL_SAN_DNS_BAD_A_LABEL}},
    .detail = dns_a_label_detail,
};

SAN_DETAIL(rfc822_detail, CS_GN_RFC822, CS_MBX_INVALID, "rfc822Name that is not a bare mailbox")

CS_RULE(rfc5280_san_rfc822_invalid) = {
    .id = "rfc5280.san.rfc822_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "An rfc822Name MUST be a Mailbox (local-part@domain, RFC 5321 §4.1.2) in "
                   "ASCII, without display name, comment or angle brackets.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_email_address_syntax",
                        "pkix.rfc822name_domain_part_too_long"),
    .zlint = CS_NAMES("e_ext_san_rfc822_format_invalid"),
    .when = {.all = {CS_COL_SAN_RFC822_INVALID}},
    .detail = rfc822_detail,
};

SAN_DETAIL(uri_not_ia5_detail, CS_GN_URI, CS_URI_NOT_IA5, "URI with non-ASCII octets")

CS_RULE(rfc5280_san_uri_not_ia5) = {
    .id = "rfc5280.san.uri_not_ia5",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A uniformResourceIdentifier is an IA5String: octets above 0x7F (an IRI) are "
                   "not allowed; IRIs are mapped to URIs first (RFC 5280 7.4).",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_san_uri_not_ia5"),
    .when = {.all = {CS_COL_SAN_URI_NOT_IA5}},
    .detail = uri_not_ia5_detail,
};

SAN_DETAIL(uri_relative_detail, CS_GN_URI, CS_URI_RELATIVE, "URI without a scheme")

/* zlint's e_ext_san_uri_format_invalid also fails a URI without a scheme: named here so a
 * relative URI is reported once. */
CS_RULE(rfc5280_san_uri_relative) = {
    .id = "rfc5280.san.uri_relative",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A uniformResourceIdentifier MUST NOT be a relative URI: it needs a scheme.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_uri_syntax"),
    .zlint = CS_NAMES("e_ext_san_uri_relative", "e_ext_san_uri_format_invalid"),
    .when = {.all = {CS_COL_SAN_URI_RELATIVE}},
    .detail = uri_relative_detail,
};

SAN_DETAIL(uri_invalid_detail, CS_GN_URI, CS_URI_NO_SSP | CS_URI_BAD_SYNTAX,
           "URI not in RFC 3986 syntax")

CS_RULE(rfc5280_san_uri_invalid) = {
    .id = "rfc5280.san.uri_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A uniformResourceIdentifier MUST follow RFC 3986 syntax and have a "
                   "scheme-specific part after the scheme.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_uri_syntax"),
    .zlint = CS_NAMES("e_ext_san_uri_format_invalid"),
    .when = {.all = {CS_COL_SAN_URI_INVALID}},
    .detail = uri_invalid_detail,
};

SAN_DETAIL(uri_host_detail, CS_GN_URI, CS_URI_HOST_INVALID | CS_URI_HOST_TOO_LONG,
           "URI whose host is neither a fully qualified domain name nor an IP address")

CS_RULE(rfc5280_san_uri_host) = {
    .id = "rfc5280.san.uri_host",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "A uniformResourceIdentifier with an authority MUST have a fully qualified "
                   "domain name or an IP address as its host.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.uri_domain_name_too_long"),
    .zlint = CS_NAMES("e_ext_san_uri_host_not_fqdn_or_ip"),
    .when = {.all = {CS_COL_SAN_URI_HOST}},
    .detail = uri_host_detail,
};

SAN_DETAIL(ip_length_detail, CS_GN_IP, 1, "iPAddress of neither 4 nor 16 octets")

CS_RULE(rfc5280_san_ip_length) = {
    .id = "rfc5280.san.ip_length",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.6",
    .description = "An iPAddress MUST be exactly 4 octets (IPv4) or 16 octets (IPv6).",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.ip_address_wrong_length"),
    .when = {.all = {CS_COL_SAN_IP_LENGTH}},
    .detail = ip_length_detail,
};
