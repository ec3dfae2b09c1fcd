/* RFC 5280 §4.2.1.7: the issuerAltName extension, encoded as subjectAltName is (§4.2.1.6). */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/gn_syntax.h"
#include "scanner/gn_walk.h"

#define IAN CS_EXT_ISSUER_ALT_NAME

#define IAN_DETAIL(fn, type, mask, what)                                                           \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        cs_gn_describe_first(c->x509, IAN, type, mask, what, buf, len);                            \
    }

static void critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "issuerAltName is critical");
}

CS_RULE(rfc5280_ian_critical) = {
    .id = "rfc5280.ian.critical",
    .severity = CS_SEV_WARNING,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "The issuerAltName extension SHOULD be non-critical.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.issuer_alt_name_extension_critical"),
    .zlint = CS_NAMES("w_ext_ian_critical"),
    .when = {.all = {CS_COL_EXT_CRITICAL + CS_EXT_ISSUER_ALT_NAME}},
    .detail = critical_detail,
};

static void no_entries_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "issuerAltName is an empty sequence");
}

CS_RULE(rfc5280_ian_no_entries) = {
    .id = "rfc5280.ian.no_entries",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "An issuerAltName extension MUST contain at least one GeneralName.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_ian_no_entries", "e_ext_cannot_be_empty_sequence"),
    .when = {.all = {CS_COL_IAN_NO_ENTRIES}},
    .detail = no_entries_detail,
};

IAN_DETAIL(empty_name_detail, -1, CS_GN_EMPTY_VALUE, "empty name")

CS_RULE(rfc5280_ian_empty_name) = {
    .id = "rfc5280.ian.empty_name",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "issuerAltName MUST NOT contain an empty GeneralName (read: an empty string "
                   "or address, or a directoryName with no RDN).",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_ian_empty_name"),
    .when = {.all = {CS_COL_IAN_EMPTY_NAME}},
    .detail = empty_name_detail,
};

IAN_DETAIL(dns_not_ia5_detail, CS_GN_DNS, CS_DNS_NOT_IA5, "dNSName with non-ASCII octets")

CS_RULE(rfc5280_ian_dns_not_ia5) = {
    .id = "rfc5280.ian.dns_not_ia5",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "An issuerAltName dNSName is an IA5String: octets above 0x7F are not "
                   "allowed.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_ian_dns_not_ia5_string"),
    .when = {.all = {CS_COL_IAN_DNS_NOT_IA5}},
    .detail = dns_not_ia5_detail,
};

IAN_DETAIL(dns_space_detail, CS_GN_DNS, CS_DNS_SPACE, "dNSName")

CS_RULE(rfc5280_ian_dns_space) = {
    .id = "rfc5280.ian.dns_space",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "An issuerAltName dNSName of \" \" MUST NOT be used.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_ian_space_dns_name"),
    .when = {.all = {CS_COL_IAN_DNS_SPACE}},
    .detail = dns_space_detail,
};

IAN_DETAIL(dns_invalid_detail, CS_GN_DNS, CS_DNS_SYNTAX,
           "dNSName not in preferred name syntax with A-labels")

CS_RULE(rfc5280_ian_dns_invalid) = {
    .id = "rfc5280.ian.dns_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "An issuerAltName dNSName MUST be in preferred name syntax (letters, digits "
                   "and inner hyphens, labels of 1 to 63 octets, at most 253 octets) with "
                   "internationalized labels as valid A-labels.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_domain_name_syntax", "pkix.dnsname_domain_name_too_long"),
    .when = {.all = {CS_COL_IAN_DNS_INVALID}},
    .detail = dns_invalid_detail,
};

IAN_DETAIL(rfc822_detail, CS_GN_RFC822, CS_MBX_INVALID, "rfc822Name that is not a bare mailbox")

CS_RULE(rfc5280_ian_rfc822_invalid) = {
    .id = "rfc5280.ian.rfc822_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "An issuerAltName rfc822Name MUST be a Mailbox (local-part@domain) in ASCII, "
                   "without display name, comment or angle brackets.",
    .effective = "1999-01-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_email_address_syntax",
                        "pkix.rfc822name_domain_part_too_long"),
    .zlint = CS_NAMES("e_ext_ian_rfc822_format_invalid"),
    .when = {.all = {CS_COL_IAN_RFC822_INVALID}},
    .detail = rfc822_detail,
};

IAN_DETAIL(uri_not_ia5_detail, CS_GN_URI, CS_URI_NOT_IA5, "URI with non-ASCII octets")

CS_RULE(rfc5280_ian_uri_not_ia5) = {
    .id = "rfc5280.ian.uri_not_ia5",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "An issuerAltName uniformResourceIdentifier is an IA5String: octets above "
                   "0x7F are not allowed.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_ext_ian_uri_not_ia5"),
    .when = {.all = {CS_COL_IAN_URI_NOT_IA5}},
    .detail = uri_not_ia5_detail,
};

IAN_DETAIL(uri_relative_detail, CS_GN_URI, CS_URI_RELATIVE, "URI without a scheme")

CS_RULE(rfc5280_ian_uri_relative) = {
    .id = "rfc5280.ian.uri_relative",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "An issuerAltName uniformResourceIdentifier MUST NOT be a relative URI.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_uri_syntax"),
    .zlint = CS_NAMES("e_ext_ian_uri_relative", "e_ext_ian_uri_format_invalid"),
    .when = {.all = {CS_COL_IAN_URI_RELATIVE}},
    .detail = uri_relative_detail,
};

IAN_DETAIL(uri_invalid_detail, CS_GN_URI, CS_URI_NO_SSP | CS_URI_BAD_SYNTAX,
           "URI not in RFC 3986 syntax")

CS_RULE(rfc5280_ian_uri_invalid) = {
    .id = "rfc5280.ian.uri_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "An issuerAltName uniformResourceIdentifier MUST follow RFC 3986 syntax and "
                   "have a scheme-specific part.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.invalid_uri_syntax"),
    .zlint = CS_NAMES("e_ext_ian_uri_format_invalid"),
    .when = {.all = {CS_COL_IAN_URI_INVALID}},
    .detail = uri_invalid_detail,
};

IAN_DETAIL(uri_host_detail, CS_GN_URI, CS_URI_HOST_INVALID | CS_URI_HOST_TOO_LONG,
           "URI whose host is neither a fully qualified domain name nor an IP address")

CS_RULE(rfc5280_ian_uri_host) = {
    .id = "rfc5280.ian.uri_host",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "An issuerAltName uniformResourceIdentifier with an authority MUST have a "
                   "fully qualified domain name or an IP address as its host.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.uri_domain_name_too_long"),
    .zlint = CS_NAMES("e_ext_ian_uri_host_not_fqdn_or_ip"),
    .when = {.all = {CS_COL_IAN_URI_HOST}},
    .detail = uri_host_detail,
};

IAN_DETAIL(ip_length_detail, CS_GN_IP, 1, "iPAddress of neither 4 nor 16 octets")

CS_RULE(rfc5280_ian_ip_length) = {
    .id = "rfc5280.ian.ip_length",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2.1.7",
    .description = "An issuerAltName iPAddress MUST be exactly 4 or 16 octets.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.ip_address_wrong_length"),
    .when = {.all = {CS_COL_IAN_IP_LENGTH}},
    .detail = ip_length_detail,
};
