/* RFC 9598 §3 (obsoleting RFC 8398): the SmtpUTF8Mailbox otherName (id-on-SmtpUTF8Mailbox,
 * 1.3.6.1.5.5.7.8.9) in subjectAltName and issuerAltName. Declared here beside the other
 * GeneralName rules because RFC 9598 profiles a GeneralName form of RFC 5280 §4.2.1.6. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/gn_syntax.h"
#include "scanner/gn_walk.h"

static void smtp_detail(const cs_cert_ctx *c, uint32_t mask, const char *what, char *buf,
                        size_t len) {
    if (!cs_gn_describe_first(c->x509, CS_EXT_SUBJECT_ALT_NAME, CS_GN_OTHER_NAME, mask, what, buf,
                              len)) {
        cs_gn_describe_first(c->x509, CS_EXT_ISSUER_ALT_NAME, CS_GN_OTHER_NAME, mask, what, buf,
                             len);
    }
}

#define SMTP_DETAIL(fn, mask, what)                                                                \
    static void fn(const cs_cert_ctx *c, char *buf, size_t len) {                                  \
        smtp_detail(c, mask, what, buf, len);                                                      \
    }

/* RFC 8398, the first version of these requirements, dates from May 2018. */
#define SMTP_EFFECTIVE "2018-05-01"

SMTP_DETAIL(not_utf8_detail, CS_SMTP_NOT_UTF8, "SmtpUTF8Mailbox that is not a valid UTF8String")

CS_RULE(rfc9598_smtputf8_not_utf8string) = {
    .id = "rfc9598.smtputf8.not_utf8string",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9598",
    .citation = "3",
    .description = "SmtpUTF8Mailbox is a UTF8String: another string type, or octets that are not "
                   "UTF-8, are not allowed.",
    .effective = SMTP_EFFECTIVE,
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_SMTP_NOT_UTF8}},
    .detail = not_utf8_detail,
};

SMTP_DETAIL(syntax_detail, CS_SMTP_SYNTAX, "SmtpUTF8Mailbox that is not local-part@domain")

CS_RULE(rfc9598_smtputf8_invalid_syntax) = {
    .id = "rfc9598.smtputf8.invalid_syntax",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9598",
    .citation = "3",
    .description = "SmtpUTF8Mailbox MUST be a Mailbox of RFC 6531: a local part, '@' and a "
                   "domain.",
    .effective = SMTP_EFFECTIVE,
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.smtp_utf8_mailbox_invalid_syntax"),
    .when = {.all = {CS_COL_SMTP_SYNTAX}},
    .detail = syntax_detail,
};

SMTP_DETAIL(ascii_detail, CS_SMTP_ASCII_LOCAL, "SmtpUTF8Mailbox with an ASCII local part")

CS_RULE(rfc9598_smtputf8_ascii_local_part) = {
    .id = "rfc9598.smtputf8.ascii_local_part",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9598",
    .citation = "3",
    .description = "SmtpUTF8Mailbox MUST NOT be used when the local part is all ASCII: such an "
                   "address is an rfc822Name.",
    .effective = SMTP_EFFECTIVE,
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.smtp_utf8_mailbox_is_ascii_only"),
    .when = {.all = {CS_COL_SMTP_ASCII_LOCAL}},
    .detail = ascii_detail,
};

SMTP_DETAIL(bom_detail, CS_SMTP_BOM, "SmtpUTF8Mailbox with a byte-order mark")

CS_RULE(rfc9598_smtputf8_bom) = {
    .id = "rfc9598.smtputf8.bom",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9598",
    .citation = "3",
    .description = "The SmtpUTF8Mailbox UTF8String MUST NOT contain a byte-order mark (U+FEFF).",
    .effective = SMTP_EFFECTIVE,
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.smtp_utf8_mailbox_has_bom"),
    .when = {.all = {CS_COL_SMTP_BOM}},
    .detail = bom_detail,
};

SMTP_DETAIL(uppercase_detail, CS_SMTP_UPPERCASE, "SmtpUTF8Mailbox with capitals in the domain")

CS_RULE(rfc9598_smtputf8_domain_uppercase) = {
    .id = "rfc9598.smtputf8.domain_uppercase",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9598",
    .citation = "3",
    .description = "All domain labels of an SmtpUTF8Mailbox (NR-LDH labels and A-labels) MUST be "
                   "lowercase.",
    .effective = SMTP_EFFECTIVE,
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.smtp_utf8_mailbox_has_uppercase"),
    .when = {.all = {CS_COL_SMTP_UPPERCASE}},
    .detail = uppercase_detail,
};

SMTP_DETAIL(domain_detail, CS_SMTP_BAD_DOMAIN,
            "SmtpUTF8Mailbox whose domain is not an ASCII domain name with A-labels")

CS_RULE(rfc9598_smtputf8_domain_invalid) = {
    .id = "rfc9598.smtputf8.domain_invalid",
    .severity = CS_SEV_ERROR,
    .source = "RFC 9598",
    .citation = "3",
    .description = "SmtpUTF8Mailbox domain labels with non-ASCII characters MUST be A-labels, and "
                   "ASCII labels NR-LDH: the domain is an ASCII domain name in preferred syntax.",
    .effective = SMTP_EFFECTIVE,
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.smtp_utf8_mailbox_domain_part_invalid_syntax",
                        "pkix.smtputf8mailbox_domain_part_too_long"),
    .when = {.all = {CS_COL_SMTP_BAD_DOMAIN}},
    .detail = domain_detail,
};
