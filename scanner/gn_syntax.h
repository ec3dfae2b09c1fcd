/* Syntax checks for the name forms GeneralNames carry.
 *
 * Each check makes one pass over a name's octets and returns a mask of everything wrong with it,
 * so the fact extractor can walk a list of names once and still feed every rule, and a rule's
 * detail can run the same check again to point at the name it is about.
 *
 * What is checked:
 *   dNSName and the domains inside other forms: the "preferred name syntax" of RFC 1034 §3.5 as
 *     relaxed by RFC 1123 §2.1 (letters, digits and hyphens; labels of 1 to 63 octets that neither
 *     begin nor end with a hyphen; at most 253 octets), the string " " (RFC 5280 §4.2.1.6), and
 *     A-labels: a label that starts with "xn--" must be the Punycode (RFC 3492) encoding of a
 *     label holding at least one non-ASCII code point (RFC 9549 §2.3, RFC 5890 §2.3.2.1).
 *     Unicode normalisation and the IDNA2008 code point tables (RFC 5892) are not checked.
 *   rfc822Name: an RFC 5321 §4.1.2 Mailbox, "local-part@domain" with a dot-atom or quoted-string
 *     local part and a domain or address literal; nothing else (no display name, "<>", comment).
 *   uniformResourceIdentifier: RFC 3986 syntax with a scheme, a scheme-specific part, only the
 *     octets RFC 3986 allows, well-formed percent-encoding, and a host that is an FQDN or an IP
 *     address when an authority is present (RFC 5280 §4.2.1.6); LDAP URLs (RFC 4516) are split
 *     into host, dn and attributes for the RFC 5280 §4.2.1.13 and §4.2.2.1 requirements.
 *   SmtpUTF8Mailbox (RFC 9598 §3).
 */
#ifndef CS_GN_SYNTAX_H
#define CS_GN_SYNTAX_H

#include <stddef.h>
#include <stdint.h>

/* --- Domain names --- */
#define CS_DNS_EMPTY          0x0001u /* no octets */
#define CS_DNS_NOT_IA5        0x0002u /* an octet above 0x7F */
#define CS_DNS_SPACE          0x0004u /* the value is exactly " " (no other flag is set then) */
#define CS_DNS_EMPTY_LABEL    0x0008u /* a leading, trailing or doubled dot */
#define CS_DNS_LABEL_TOO_LONG 0x0010u /* a label longer than 63 octets */
#define CS_DNS_TOO_LONG       0x0020u /* longer than 253 octets */
#define CS_DNS_HYPHEN_EDGE    0x0040u /* a label begins or ends with '-' */
#define CS_DNS_UNDERSCORE     0x0080u /* '_' in a label */
#define CS_DNS_BAD_CHAR       0x0100u /* another ASCII octet outside letters, digits and '-' */
#define CS_DNS_BAD_A_LABEL    0x0200u /* an "xn--" label that is not a valid A-label */
#define CS_DNS_UPPERCASE      0x0400u /* an ASCII capital letter (informational) */
#define CS_DNS_LEADING_DOT    0x0800u /* starts with '.', with CS_DNS_ALLOW_LEADING_DOT */
#define CS_DNS_SINGLE_LABEL   0x1000u /* one label only (a wildcard label not counted) */
#define CS_DNS_NUMERIC_TLD    0x2000u /* the last label is all digits (an IPv4 address, say) */
#define CS_DNS_WILDCARD       0x4000u /* the first label is "*", with CS_DNS_ALLOW_WILDCARD */

/* The flags that break the preferred name syntax. */
#define CS_DNS_SYNTAX                                                                              \
    (CS_DNS_EMPTY_LABEL | CS_DNS_LABEL_TOO_LONG | CS_DNS_TOO_LONG | CS_DNS_HYPHEN_EDGE |           \
     CS_DNS_UNDERSCORE | CS_DNS_BAD_CHAR | CS_DNS_BAD_A_LABEL)
/* Not a fully qualified domain name (for URI hosts and URI name constraints). */
#define CS_DNS_NOT_FQDN                                                                            \
    (CS_DNS_EMPTY | CS_DNS_NOT_IA5 | CS_DNS_SPACE | CS_DNS_SYNTAX | CS_DNS_SINGLE_LABEL |          \
     CS_DNS_NUMERIC_TLD)

/* Options of cs_dns_check. */
#define CS_DNS_ALLOW_WILDCARD    0x1u /* a first label of exactly "*" is accepted */
#define CS_DNS_ALLOW_LEADING_DOT 0x2u /* ".example.com" (a constraint form) is accepted */

uint32_t cs_dns_check(const uint8_t *p, size_t n, unsigned options);

/* 1 when `label` (which starts with "xn--", in any case) is a valid A-label: the rest decodes as
 * Punycode to code points that include at least one outside ASCII, none of them a surrogate. */
int cs_a_label_valid(const uint8_t *label, size_t n);

/* RFC 3492 §6.2 decoding of `in` (without the "xn--" prefix). Returns the number of code points
 * written to out (at most cap), or -1 when the input is not valid Punycode or needs more room. */
int cs_punycode_decode(const uint8_t *in, size_t n, uint32_t *out, size_t cap);

/* --- rfc822Name --- */
#define CS_MBX_EMPTY      0x01u /* no octets */
#define CS_MBX_NOT_IA5    0x02u /* an octet above 0x7F */
#define CS_MBX_NO_AT      0x04u /* no '@' (a host or domain: only a name constraint may be one) */
#define CS_MBX_BAD_LOCAL  0x08u /* the local part is not a dot-atom or quoted string */
#define CS_MBX_BAD_DOMAIN 0x10u /* the domain is neither a domain name nor an address literal */
#define CS_MBX_INVALID    (CS_MBX_NOT_IA5 | CS_MBX_NO_AT | CS_MBX_BAD_LOCAL | CS_MBX_BAD_DOMAIN)

uint32_t cs_mailbox_check(const uint8_t *p, size_t n);

/* --- uniformResourceIdentifier --- */
#define CS_URI_EMPTY           0x0001u /* no octets */
#define CS_URI_NOT_IA5         0x0002u /* an octet above 0x7F */
#define CS_URI_RELATIVE        0x0004u /* no scheme: a relative reference */
#define CS_URI_NO_SSP          0x0008u /* nothing after "scheme:" */
#define CS_URI_BAD_SYNTAX      0x0010u /* an octet RFC 3986 does not allow, bad %-escape or port */
#define CS_URI_HOST_INVALID    0x0020u /* an authority whose host is empty or not an FQDN or IP */
#define CS_URI_HTTP            0x0040u /* "http://" (scheme compared without case) */
#define CS_URI_LDAP            0x0080u /* "ldap://" */
#define CS_URI_LDAP_NO_DN      0x0100u /* LDAP URL without a dn */
#define CS_URI_LDAP_NO_ATTRS   0x0200u /* LDAP URL without attributes */
#define CS_URI_LDAP_MANY_ATTRS 0x0400u /* LDAP URL with more than one attribute */
#define CS_URI_LDAP_NO_HOST    0x0800u /* LDAP URL without a host */
#define CS_URI_HOST_TOO_LONG   0x1000u /* the host is a name longer than 253 octets */

/* A URI that is not a valid absolute URI. */
#define CS_URI_INVALID                                                                             \
    (CS_URI_EMPTY | CS_URI_NOT_IA5 | CS_URI_RELATIVE | CS_URI_NO_SSP | CS_URI_BAD_SYNTAX)

/* Options of cs_uri_check. */
#define CS_URI_CHECK_HOST 0x1u /* judge the host of an authority (CS_URI_HOST_*) */

uint32_t cs_uri_check(const uint8_t *p, size_t n, unsigned options);

/* --- SmtpUTF8Mailbox (otherName 1.3.6.1.5.5.7.8.9) --- */
#define CS_SMTP_NOT_UTF8    0x01u /* not a UTF8String holding valid UTF-8 (nothing else checked) */
#define CS_SMTP_SYNTAX      0x02u /* no '@', or an empty local part or domain */
#define CS_SMTP_ASCII_LOCAL 0x04u /* the local part is all ASCII: rfc822Name must be used */
#define CS_SMTP_BOM         0x08u /* holds U+FEFF (a byte-order mark) */
#define CS_SMTP_UPPERCASE   0x10u /* a capital letter in the domain */
#define CS_SMTP_BAD_DOMAIN                                                                         \
    0x20u /* a U-label, or not a domain in preferred syntax with A-labels                          \
           */

uint32_t cs_smtputf8_check(uint32_t tag, const uint8_t *p, size_t n);

/* --- iPAddress --- */
/* Name constraint iPAddress (RFC 5280 §4.2.1.10): 8 or 32 octets, address then CIDR mask. */
#define CS_IPNC_LENGTH   0x1u /* neither 8 nor 32 octets */
#define CS_IPNC_NOT_CIDR 0x2u /* mask ones not contiguous, or address bits outside the mask */

uint32_t cs_ip_constraint_check(const uint8_t *p, size_t n);

#endif
