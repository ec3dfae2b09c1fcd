/* SBR 7.1.4.2.1: what the subjectAltName of an S/MIME subscriber certificate holds. Its presence
 * and criticality (7.1.2.3 (h)) are rules of the extensions area; the RFC syntax of rfc822Name
 * and SmtpUTF8Mailbox values is judged by the RFC 5280 / RFC 9598 rules as well. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/gn_syntax.h"
#include "scanner/gn_walk.h"

#define SMS_SOURCE "CA/B Forum S/MIME BR"
#define SMS_SINCE  "2023-09-01"

static void no_mailbox_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len, "subjectAltName has no rfc822Name and no SmtpUTF8Mailbox otherName");
}

CS_RULE(smime_san_no_mailbox) = {
    .id = "smime.san.no_mailbox",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.1",
    .description = "subjectAltName SHALL contain at least one rfc822Name or SmtpUTF8Mailbox "
                   "otherName.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .pkilint = CS_NAMES("cabf.smime.san_does_not_contain_email_address"),
    .when = {.all = {CS_COL_SMS_SAN_NO_MAILBOX}},
    .detail = no_mailbox_detail,
};

typedef struct first_gn {
    int want_other; /* 1: an otherName that is not SmtpUTF8Mailbox; 0: a prohibited type */
    char *buf;
    size_t len;
} first_gn;

static int first_gn_visit(const cs_gn_visit *v, void *arg) {
    first_gn *f = arg;
    const cs_general_name *gn = v->gn;
    if (v->place != CS_GN_PLACE_LIST) {
        return 0;
    }
    int hit = f->want_other ? gn->type == CS_GN_OTHER_NAME &&
                                  cs_oid_misc(gn->other_oid) != CS_OID_ON_SMTP_UTF8_MAILBOX
                            : gn->type != CS_GN_OTHER_NAME && gn->type != CS_GN_RFC822 &&
                                  gn->type != CS_GN_DIRECTORY;
    if (!hit) {
        return 0;
    }
    char quoted[128];
    cs_gn_quote(gn->value, quoted, sizeof quoted);
    snprintf(f->buf, f->len, "subjectAltName %s %s is not allowed in S/MIME certificates",
             cs_gn_type_name(gn->type), quoted);
    return 1;
}

static void prohibited_type_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    first_gn f = {0, buf, len};
    if (!cs_gn_walk(c->x509, CS_EXT_SUBJECT_ALT_NAME, first_gn_visit, &f)) {
        snprintf(buf, len,
                 "subjectAltName holds a name type other than rfc822Name, otherName "
                 "and directoryName");
    }
}

CS_RULE(smime_san_prohibited_type) = {
    .id = "smime.san.prohibited_type",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.1",
    .description = "subjectAltName SHALL NOT hold dNSName, iPAddress, uniformResourceIdentifier, "
                   "registeredID, x400Address or ediPartyName entries.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .pkilint = CS_NAMES("cabf.smime.prohibited_generalname_type_present"),
    .when = {.all = {CS_COL_SMS_SAN_PROHIBITED_TYPE}},
    .detail = prohibited_type_detail,
};

static void other_name_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    first_gn f = {1, buf, len};
    if (!cs_gn_walk(c->x509, CS_EXT_SUBJECT_ALT_NAME, first_gn_visit, &f)) {
        snprintf(buf, len, "subjectAltName holds an otherName other than SmtpUTF8Mailbox");
    }
}

/* Only Legacy and Multipurpose may carry otherNames of any type; Strict keeps SmtpUTF8Mailbox. */
CS_RULE(smime_san_strict_other_name) = {
    .id = "smime.san.strict_other_name",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.1",
    .description = "A strict certificate's subjectAltName SHALL NOT hold otherNames other than "
                   "SmtpUTF8Mailbox.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_STRICT,
    .pkilint = CS_NAMES("cabf.smime.prohibited_othername_type_present"),
    .when = {.all = {CS_COL_SMS_SAN_OTHER_NAME}},
    .detail = other_name_detail,
};

static void mailbox_invalid_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    if (!cs_gn_describe_first(c->x509, CS_EXT_SUBJECT_ALT_NAME, CS_GN_RFC822, CS_MBX_INVALID,
                              "not a single bare Mailbox Address", buf, len)) {
        snprintf(buf, len, "a subjectAltName mailbox is not a single bare Mailbox Address");
    }
}

CS_RULE(smime_san_mailbox_syntax) = {
    .id = "smime.san.mailbox_syntax",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.1, 1.6.1 (Mailbox Address)",
    .description = "Each rfc822Name and SmtpUTF8Mailbox SHALL be one RFC 5321 Mailbox (RFC 6532 "
                   "for SmtpUTF8Mailbox), with no display name, list or comment.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .zlint = CS_NAMES("e_single_email_if_present"),
    .when = {.all = {CS_COL_SMS_SAN_MAILBOX_INVALID}},
    .detail = mailbox_invalid_detail,
};

static void not_in_san_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    (void)c;
    snprintf(buf, len,
             "a Mailbox Address of the subject or of a SAN directoryName is not "
             "repeated as an rfc822Name or SmtpUTF8Mailbox");
}

CS_RULE(smime_san_mailbox_not_in_san) = {
    .id = "smime.san.mailbox_not_in_san",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.1",
    .description = "Every Mailbox Address in the subject (emailAddress, commonName or any other "
                   "attribute) or in a SAN directoryName SHALL be repeated as an rfc822Name or "
                   "SmtpUTF8Mailbox.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .pkilint = CS_NAMES("cabf.smime.email_address_in_attribute_not_in_san"),
    .zlint = CS_NAMES("e_mailbox_address_shall_contain_an_rfc822_name"),
    .when = {.all = {CS_COL_SMS_MAILBOX_NOT_IN_SAN}},
    .detail = not_in_san_detail,
};

static void dirname_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    snprintf(buf, len, "a subjectAltName directoryName holds attributes a %s subject may not",
             cs_profile_name((cs_profile)c->facts->profile));
}

CS_RULE(smime_san_directory_name_attributes) = {
    .id = "smime.san.directory_name_attributes",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.1",
    .description = "A subjectAltName directoryName SHALL follow the subject attribute table of "
                   "the certificate's type and generation (7.1.4.2.3-7.1.4.2.6).",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ALL_12,
    .when = {.all = {CS_COL_SMS_DIRNAME_ATTR}},
    .detail = dirname_detail,
};
