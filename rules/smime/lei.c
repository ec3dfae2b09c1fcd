/* ISO 17442 Legal Entity Identifiers, as the SBR uses them: in an organizationIdentifier of the
 * LEI scheme (Appendix A.1) and as the value of the LEI extension (7.1.2.3 (l)). Whether the LEI
 * extension may appear at all is a rule of the extensions area. */
#include <stdio.h>
#include <string.h>

#include "rules/rule.h"

#define SMS_SOURCE "CA/B Forum S/MIME BR"
#define SMS_SINCE  "2023-09-01"

/* Writes where the first LEI with the problem of column `col` is. */
static void lei_detail(const cs_cert_ctx *c, unsigned col, const char *what, char *buf,
                       size_t len) {
    const cs_x509_name *n = &c->x509->subject;
    for (unsigned i = 0; i < n->num_attrs; i++) {
        const cs_x509_attr *a = &n->attr[i];
        if (a->id != CS_ATTR_ORGANIZATION_IDENTIFIER) {
            continue;
        }
        cs_sms_orgid id;
        cs_sms_orgid_parse(a, NULL, &id);
        if (id.scheme == CS_SMS_SCHEME_LEI && id.reference.len > 0 &&
            cs_sms_lei_check(id.reference.ptr, id.reference.len) == col) {
            snprintf(buf, len, "organizationIdentifier LEI \"%.*s\": %s",
                     (int)(id.reference.len > 40 ? 40 : id.reference.len),
                     (const char *)id.reference.ptr, what);
            return;
        }
    }
    snprintf(buf, len, "LEI extension value: %s", what);
}

static void format_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    lei_detail(c, CS_COL_SMS_LEI_FORMAT, "not 18 letters or digits followed by 2 check digits", buf,
               len);
}

CS_RULE(smime_lei_format) = {
    .id = "smime.lei.format",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.2.3 (l), Appendix A.1 (ISO 17442)",
    .description = "An LEI (organizationIdentifier LEIXG- or the LEI extension, a "
                   "PrintableString) SHALL be 18 characters [0-9A-Z] and 2 check digits.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .pkilint = CS_NAMES("iso.lei.invalid_lei_format"),
    .when = {.all = {CS_COL_SMS_LEI_FORMAT}},
    .detail = format_detail,
};

static void checksum_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    lei_detail(c, CS_COL_SMS_LEI_CHECKSUM, "the ISO 7064 MOD 97-10 check digits do not match", buf,
               len);
}

CS_RULE(smime_lei_checksum) = {
    .id = "smime.lei.checksum",
    .severity = CS_SEV_ERROR,
    .source = SMS_SOURCE,
    .citation = "7.1.2.3 (l), Appendix A.1 (ISO 17442)",
    .description = "An LEI's last two digits SHALL be its ISO 7064 MOD 97-10 check digits.",
    .effective = SMS_SINCE,
    .applies = CS_APPLIES_SUBSCRIBER,
    .profiles = CS_SMS_ANY,
    .pkilint = CS_NAMES("iso.lei.invalid_lei_checksum"),
    .when = {.all = {CS_COL_SMS_LEI_CHECKSUM}},
    .detail = checksum_detail,
};
