/* SBR 7.1.4.2.2 (a): where the subject commonName may come from, per certificate type. Whether a
 * Mailbox Address in the CN is repeated in the SAN is smime.san.mailbox_not_in_san. */
#include <stdio.h>

#include "rules/rule.h"
#include "scanner/facts_names.h"

#define SMS_SOURCE "CA/B Forum S/MIME BR"
#define SMS_SINCE  "2023-09-01"

static void cn_detail(const cs_cert_ctx *c, const char *what, char *buf, size_t len) {
    const cs_x509_name *n = &c->x509->subject;
    for (unsigned i = 0; i < n->num_attrs; i++) {
        if (n->attr[i].id == CS_ATTR_COMMON_NAME) {
            char value[64];
            cs_names_value_excerpt(&n->attr[i], value, sizeof value);
            snprintf(buf, len, "subject CN \"%s\": %s (%s)", value, what,
                     cs_profile_name((cs_profile)c->facts->profile));
            return;
        }
    }
    snprintf(buf, len, "%s", what);
}

static void mailbox_cn_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    cn_detail(c, "not a Mailbox Address", buf, len);
}

CS_RULE(smime_subject_cn_mailbox) = {
    .id = "smime.subject.cn_mailbox",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (a)",
    .description = "In a mailbox-validated certificate a commonName, if present, SHALL be a "
                   "Mailbox Address.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_MAILBOX,
    .pkilint = CS_NAMES("cabf.smime.common_name_value_unknown_source"),
    .zlint = CS_NAMES("e_commonname_mailbox_validated"),
    .when = {.all = {CS_COL_SMS_CN_NOT_MAILBOX}},
    .detail = mailbox_cn_detail,
};

static void org_cn_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    cn_detail(c, "neither a Mailbox Address nor the organizationName", buf, len);
}

CS_RULE(smime_subject_cn_organization) = {
    .id = "smime.subject.cn_organization",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (a)",
    .description = "In an organization-validated certificate a commonName SHALL be the "
                   "organizationName or a Mailbox Address.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ORG,
    .pkilint = CS_NAMES("cabf.smime.common_name_value_unknown_source"),
    .zlint = CS_NAMES("e_org_validated_invalid_cn"),
    .when = {.all = {CS_COL_SMS_CN_NOT_ORG}},
    .detail = org_cn_detail,
};

static void person_cn_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    cn_detail(c,
              cs_facts_has(c->facts, CS_COL_SMS_HAS_PSEUDONYM)
                  ? "does not contain the subject pseudonym and is no Mailbox Address"
                  : "no givenName or surname presents it as a Personal Name, and it is no Mailbox "
                    "Address",
              buf, len);
}

/* Reading (see rules/DEVIATIONS.md, S/MIME subject): a CN is a Personal Name when givenName or
 * surname is present; a Pseudonym when it contains subject:pseudonym (v1.0.1); Legacy certificates
 * may carry a Personal Name in the CN with no other name attribute. */
CS_RULE(smime_subject_cn_person) = {
    .id = "smime.subject.cn_person",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.4.2.2 (a)",
    .description = "In sponsor- and individual-validated certificates a commonName SHALL be a "
                   "Personal Name, a Pseudonym (containing subject:pseudonym) or a Mailbox "
                   "Address.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL,
    .pkilint = CS_NAMES("cabf.smime.common_name_value_unknown_source"),
    .when = {.all = {CS_COL_SMS_CN_NOT_PERSON}},
    .detail = person_cn_detail,
};
