/* Defects in subject names: country codes, string types and encodings, lengths, and DNS
 * names. */
#include <string.h>

#include "bench/gen/gen_defect_fns.h"

int gen_a_country_no_org_id(const gen_ctx *x, const gen_cert *c) {
    (void)x;
    /* organizationIdentifier carries the country too: keep it out of this defect */
    return gen_cert_find_attr(c, GEN_AT_C) >= 0 && gen_cert_find_attr(c, GEN_AT_ORG_ID) < 0;
}

/* SBR §7.1.4.2.2 (n): countryName SHALL be an ISO 3166-1 code; "UK" is reserved, GB is the
 * code. */
void gen_d_country_uk(gen_ctx *x, gen_cert *c) {
    gen_cert_put_attr(c, GEN_AT_C, GEN_PRINTABLESTRING, "UK");
    gen_dx_expect(x, "smime.subject.country_invalid");
}

/* RFC 5280 App. A: countryName is PrintableString (SIZE (2)); an alpha-3 code breaks it. */
void gen_d_country_three_letters(gen_ctx *x, gen_cert *c) {
    static const char *const alpha3[] = {"DEU", "FRA", "USA", "GBR", NULL};
    gen_cert_put_attr(c, GEN_AT_C, GEN_PRINTABLESTRING, gen_pick(x->r, alpha3));
    gen_dx_expect(x, "rfc5280.subject.country_bad_length");
    gen_dx_expect_smime(x, "smime.subject.country_invalid");
}

int gen_a_has_locality(const gen_ctx *x, const gen_cert *c) {
    (void)x;
    return gen_cert_find_attr(c, GEN_AT_L) >= 0;
}

/* X.680 §41.4: PrintableString has no letters outside A-Z a-z; "Köln" written as
 * PrintableString with the UTF-8 octets is the classic mis-encoding. */
void gen_d_printable_non_ascii(gen_ctx *x, gen_cert *c) {
    gen_cert_put_attr(c, GEN_AT_L, GEN_PRINTABLESTRING, "K\xC3\xB6ln");
    gen_dx_expect(x, "rfc5280.subject.printable_string_bad_alphabet");
}

/* RFC 5280 §4.1.2.4 / RFC 3629: UTF8String must be UTF-8; here Latin-1 octets ("M\xFCnchen"). */
void gen_d_utf8_invalid(gen_ctx *x, gen_cert *c) {
    gen_cert_put_attr(c, GEN_AT_L, GEN_UTF8STRING,
                      "M\xFC"
                      "nchen");
    gen_dx_expect(x, "rfc5280.subject.utf8_string_invalid");
}

/* SBR §7.1.4.2: no attribute may hold only metadata such as "-". */
void gen_d_insignificant_value(gen_ctx *x, gen_cert *c) {
    gen_cert_put_attr(c, GEN_AT_L, GEN_UTF8STRING, "-");
    gen_dx_expect(x, "smime.subject.insignificant_value");
}

/* An emailAddress is there, or can be added: the subject is not empty and the SAN repeats the
 * ASCII mailbox. */
int gen_a_has_email_attr(const gen_ctx *x, const gen_cert *c) {
    if (gen_cert_find_attr(c, GEN_AT_EMAIL) >= 0) {
        return 1;
    }
    for (int i = 0; i < c->num_san; i++) {
        if (c->san[i].kind == GEN_GN_EMAIL && c->san[i].value == x->id.mailbox) {
            return c->num_subject > 0 && c->ext[GEN_X_SAN].present;
        }
    }
    return 0;
}

/* RFC 5280 App. A: emailAddress is an IA5String (a UTF8String one is a common slip). */
void gen_d_email_utf8string(gen_ctx *x, gen_cert *c) {
    int i = gen_cert_find_attr(c, GEN_AT_EMAIL);
    if (i < 0) {
        gen_cert_add_attr(c, GEN_AT_EMAIL, GEN_UTF8STRING, x->id.mailbox);
    } else {
        c->subject[i].tag = GEN_UTF8STRING;
    }
    gen_dx_expect(x, "rfc5280.subject.email_not_ia5");
}

/* RFC 5280 App. A: ub-common-name is 64. */
void gen_d_cn_too_long(gen_ctx *x, gen_cert *c) {
    const char *cn = gen_arena_printf(x->arena, "%s-%s-%s.%s", "customer-portal-frontend",
                                      "production-cluster", "eu-central", "example.com");
    gen_cert_put_attr(c, GEN_AT_CN, GEN_UTF8STRING, cn);
    gen_dx_expect(x, "rfc5280.subject.common_name_too_long");
}

/* RFC 5280 §4.2.1.6 / RFC 1034 §3.5: a dNSName is in preferred name syntax (no underscore). */
void gen_d_dns_underscore(gen_ctx *x, gen_cert *c) {
    const char *domain = c->san[0].value;
    gen_cert_add_gname(c, GEN_GN_DNS, gen_arena_printf(x->arena, "mail_relay.%s", domain));
    gen_dx_expect(x, "rfc5280.san.dns_underscore");
}
