/* S/MIME subject, SAN, organizationIdentifier and LEI rules on generated certificates: every
 * profile's default certificate passes every rule; each mutation fires its rule on exactly the
 * profiles the rule applies to; dated rules stay silent before their date. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"
#include "scanner/facts.h"
#include "tests/support/derb.h"
#include "tests/support/tcert_gnames.h"
#include "tests/support/tcert_smsubj.h"

#define PRINT CS_DER_PRINTABLESTRING
#define IA5   CS_DER_IA5STRING

#define VALID_LEI   "5493001KJTIIGC8Y1R12"
#define INVALID_LEI "5493001KJTIIGC8Y1R13"

static const char *const rule_ids[] = {
    "smime.subject.mailbox_attribute",
    "smime.subject.organization_person_attribute",
    "smime.subject.individual_org_attribute",
    "smime.subject.strict_street_postal",
    "smime.subject.unlisted_attribute",
    "smime.subject.organization_name_missing",
    "smime.subject.organization_identifier_missing",
    "smime.subject.person_name_missing",
    "smime.subject.legacy_name_missing",
    "smime.subject.pseudonym_with_name",
    "smime.subject.street_without_locality",
    "smime.subject.address_without_country",
    "smime.subject.country_invalid",
    "smime.subject.insignificant_value",
    "smime.subject.email_not_mailbox",
    "smime.subject.person_identifier",
    "smime.subject.cn_mailbox",
    "smime.subject.cn_organization",
    "smime.subject.cn_person",
    "smime.san.no_mailbox",
    "smime.san.prohibited_type",
    "smime.san.strict_other_name",
    "smime.san.mailbox_syntax",
    "smime.san.mailbox_not_in_san",
    "smime.san.directory_name_attributes",
    "smime.org_identifier.encoding",
    "smime.org_identifier.format",
    "smime.org_identifier.scheme",
    "smime.org_identifier.country",
    "smime.org_identifier.subdivision_global",
    "smime.org_identifier.subdivision_scheme",
    "smime.org_identifier.reference_missing",
    "smime.org_identifier.reference_present",
    "smime.org_identifier.country_mismatch",
    "smime.org_identifier.german_ntr_euid",
    "smime.lei.format",
    "smime.lei.checksum",
};

#define NUM_RULES (sizeof rule_ids / sizeof rule_ids[0])

/* A mutation of a profile's default certificate. */
typedef void (*mutate_fn)(cs_profile p, tss_spec *spec, tss_subject *subj);

static int run(cs_profile p, mutate_fn mutate, const char *not_before, const char *rule) {
    tss_subject subj;
    tss_default_subject(p, &subj);
    tss_spec spec = {.profile = p, .subj = &subj, .not_before = not_before};
    if (mutate != NULL) {
        mutate(p, &spec, &subj);
    }
    int r = tss_lint(&spec, rule);
    cr_assert_neq(r, -2, "no rule %s", rule);
    cr_assert_neq(r, -1, "certificate for %s (%s) does not parse", rule, cs_profile_name(p));
    return r;
}

/* The mutation fires `rule` on exactly the profiles of `expected` (13 profiles tried). */
static void expect_profiles(const char *rule, mutate_fn mutate, uint64_t expected) {
    for (size_t i = 0; i < 13; i++) {
        cs_profile p = tss_profiles_13[i];
        int want = (expected & CS_PROFILE_BIT(p)) != 0;
        cr_expect_eq(run(p, mutate, NULL, rule), want, "%s on %s: expected %s", rule,
                     cs_profile_name(p), want ? "a finding" : "none");
    }
}

/* The mutation does not fire `rule` on any profile. */
static void expect_none(const char *rule, mutate_fn mutate) {
    expect_profiles(rule, mutate, 0);
}

/* With notBefore `before` the mutation is silent, with `from` it fires (profile p). */
static void expect_dated(const char *rule, mutate_fn mutate, cs_profile p, const char *before,
                         const char *from) {
    cr_expect_eq(run(p, mutate, before, rule), 0, "%s fires before its date (%s)", rule, before);
    cr_expect_eq(run(p, mutate, from, rule), 1, "%s silent from its date (%s)", rule, from);
}

/* organizationIdentifier rules judge the attribute wherever it appears. */
#define SMS_ORGID_PROFILES CS_SMS_ANY

Test(smsubj, defaults_are_clean) {
    for (size_t i = 0; i < 13; i++) {
        for (size_t r = 0; r < NUM_RULES; r++) {
            cr_expect_eq(run(tss_profiles_13[i], NULL, NULL, rule_ids[r]), 0,
                         "default %s certificate fires %s", cs_profile_name(tss_profiles_13[i]),
                         rule_ids[r]);
        }
    }
}

Test(smsubj, defaults_clean_before_sbr) {
    for (size_t i = 0; i < 13; i++) {
        for (size_t r = 0; r < NUM_RULES; r++) {
            cr_expect_eq(run(tss_profiles_13[i], NULL, "230801000000Z", rule_ids[r]), 0);
        }
    }
}

/* --- Attribute tables --- */

static void add_o(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_set(subj, TSS_OID_O, 0, "Example GmbH");
}

static void mv_allowed(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_default_subject(CS_PROFILE_SMIME_MAILBOX_STRICT, subj);
    tss_add(subj, TSS_OID_SERIAL, PRINT, "A1234");
    tss_add(subj, TSS_OID_EMAIL, IA5, TSS_MAILBOX);
}

Test(smsubj, mailbox_attribute) {
    expect_profiles("smime.subject.mailbox_attribute", add_o, CS_SMS_MAILBOX);
    expect_none("smime.subject.mailbox_attribute", mv_allowed);
    expect_dated("smime.subject.mailbox_attribute", add_o, CS_PROFILE_SMIME_MAILBOX_LEGACY,
                 "230831000000Z", "230901000000Z");
}

static void add_title(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_TITLE, 0, "Engineer");
}

static void add_given(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_set(subj, TSS_OID_GIVEN, 0, "Alice");
}

Test(smsubj, organization_person_attribute) {
    expect_profiles("smime.subject.organization_person_attribute", add_title, CS_SMS_ORG);
    expect_profiles("smime.subject.organization_person_attribute", add_given, CS_SMS_ORG);
}

static void add_ou(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_OU, 0, "Example Affiliate GmbH");
}

static void add_orgid(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_set(subj, TSS_OID_ORGID, PRINT, "VATDE-123456789");
}

Test(smsubj, individual_org_attribute) {
    expect_profiles("smime.subject.individual_org_attribute", add_ou, CS_SMS_INDIVIDUAL);
    expect_profiles("smime.subject.individual_org_attribute", add_orgid, CS_SMS_INDIVIDUAL);
}

static void add_postal(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_POSTAL, 0, "10115");
}

static void add_street(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_L, 0, "Berlin");
    tss_add(subj, TSS_OID_STREET, 0, "Unter den Linden 1");
}

Test(smsubj, strict_street_postal) {
    uint64_t want = (CS_SMS_ORG | CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL) & CS_SMS_STRICT;
    expect_profiles("smime.subject.strict_street_postal", add_postal, want);
    expect_profiles("smime.subject.strict_street_postal", add_street, want);
}

static void add_dc(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_DC, IA5, "example");
}

Test(smsubj, unlisted_attribute) {
    expect_profiles("smime.subject.unlisted_attribute", add_dc,
                    (CS_SMS_ORG | CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL) & CS_SMS_NON_LEGACY);
    /* Mailbox subjects report it as a mailbox attribute. */
    expect_profiles("smime.subject.mailbox_attribute", add_dc, CS_SMS_MAILBOX);
}

/* --- Required attributes --- */

static void drop_o(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_remove(subj, TSS_OID_O);
}

static void drop_orgid(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_remove(subj, TSS_OID_ORGID);
}

Test(smsubj, organization_attributes_missing) {
    expect_profiles("smime.subject.organization_name_missing", drop_o, CS_SMS_ORG | CS_SMS_SPONSOR);
    expect_profiles("smime.subject.organization_identifier_missing", drop_orgid,
                    CS_SMS_ORG | CS_SMS_SPONSOR);
    expect_dated("smime.subject.organization_name_missing", drop_o, CS_PROFILE_SMIME_SPONSOR_STRICT,
                 "230801000000Z", "240101000000Z");
}

static void drop_person(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_remove(subj, TSS_OID_GIVEN);
    tss_remove(subj, TSS_OID_SN);
}

static void drop_person_keep_pseudonym(cs_profile p, tss_spec *s, tss_subject *subj) {
    drop_person(p, s, subj);
    tss_add(subj, TSS_OID_PSEUDO, 0, "Ali");
    tss_set(subj, TSS_OID_CN, 0, "Ali");
}

static void drop_all_names(cs_profile p, tss_spec *s, tss_subject *subj) {
    drop_person(p, s, subj);
    tss_remove(subj, TSS_OID_CN);
}

static void only_surname(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_remove(subj, TSS_OID_GIVEN);
}

Test(smsubj, person_name_missing) {
    uint64_t sp_iv = CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL;
    expect_profiles("smime.subject.person_name_missing", drop_person, sp_iv & CS_SMS_NON_LEGACY);
    expect_none("smime.subject.person_name_missing", drop_person_keep_pseudonym);
    expect_none("smime.subject.person_name_missing", only_surname);
    /* Legacy may name the person in the CN alone, but not nowhere. */
    expect_none("smime.subject.legacy_name_missing", drop_person);
    expect_profiles("smime.subject.legacy_name_missing", drop_all_names, sp_iv & CS_SMS_LEGACY);
    expect_dated("smime.subject.legacy_name_missing", drop_all_names,
                 CS_PROFILE_SMIME_INDIVIDUAL_LEGACY, "230801000000Z", "240101000000Z");
}

/* --- Pseudonym --- */

static void pseudonym_and_given(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_PSEUDO, 0, "Ali");
    tss_set(subj, TSS_OID_GIVEN, 0, "Alice");
}

Test(smsubj, pseudonym_with_name) {
    expect_profiles("smime.subject.pseudonym_with_name", pseudonym_and_given, CS_SMS_ANY);
    expect_none("smime.subject.pseudonym_with_name", drop_person_keep_pseudonym);
}

/* --- Dependencies --- */

static void street_only(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_STREET, 0, "Unter den Linden 1");
}

static void street_with_state(cs_profile p, tss_spec *s, tss_subject *subj) {
    street_only(p, s, subj);
    tss_add(subj, TSS_OID_ST, 0, "Berlin");
    tss_set(subj, TSS_OID_C, PRINT, "DE");
}

static void locality_no_country(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_remove(subj, TSS_OID_C);
    tss_add(subj, TSS_OID_L, 0, "Berlin");
}

static void postal_no_country(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_remove(subj, TSS_OID_C);
    tss_add(subj, TSS_OID_POSTAL, 0, "10115");
}

Test(smsubj, dependencies) {
    expect_profiles("smime.subject.street_without_locality", street_only, CS_SMS_ANY);
    expect_none("smime.subject.street_without_locality", street_with_state);
    expect_profiles("smime.subject.address_without_country", locality_no_country, CS_SMS_ANY);
    expect_profiles("smime.subject.address_without_country", postal_no_country, CS_SMS_ANY);
    expect_none("smime.subject.address_without_country", street_with_state);
    /* SBR v1.0.4 (2024-05-11). */
    expect_dated("smime.subject.street_without_locality", street_only,
                 CS_PROFILE_SMIME_ORGANIZATION_LEGACY, "240510000000Z", "240511000000Z");
    expect_dated("smime.subject.address_without_country", locality_no_country,
                 CS_PROFILE_SMIME_INDIVIDUAL_STRICT, "240510000000Z", "240511000000Z");
}

/* --- Contents --- */

static void country_zz(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_set(subj, TSS_OID_C, PRINT, "ZZ");
}

static void country_lower(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_set(subj, TSS_OID_C, PRINT, "de");
}

static void country_xx(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_set(subj, TSS_OID_C, PRINT, "XX");
}

static void country_gr(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_set(subj, TSS_OID_C, PRINT, "GR");
}

Test(smsubj, country_invalid) {
    uint64_t want = CS_SMS_ANY & ~CS_SMS_MAILBOX;
    expect_profiles("smime.subject.country_invalid", country_zz, want);
    expect_profiles("smime.subject.country_invalid", country_lower, want);
    expect_none("smime.subject.country_invalid", country_xx);
    expect_none("smime.subject.country_invalid", country_gr);
}

static void ou_dash(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_OU, 0, "-");
}

static void ou_dot_space(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_OU, 0, ". ");
}

static void ou_real(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_OU, 0, "R&D - 1");
}

Test(smsubj, insignificant_value) {
    expect_profiles("smime.subject.insignificant_value", ou_dash, CS_SMS_ANY);
    expect_profiles("smime.subject.insignificant_value", ou_dot_space, CS_SMS_ANY);
    expect_none("smime.subject.insignificant_value", ou_real);
}

static void email_list(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_EMAIL, IA5, "alice@example.com bob@example.com");
}

static void email_display(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_EMAIL, IA5, "Alice <alice@example.com>");
}

static void email_ok(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_EMAIL, IA5, TSS_MAILBOX);
}

Test(smsubj, email_not_mailbox) {
    expect_profiles("smime.subject.email_not_mailbox", email_list, CS_SMS_ANY);
    expect_profiles("smime.subject.email_not_mailbox", email_display, CS_SMS_ANY);
    expect_none("smime.subject.email_not_mailbox", email_ok);
}

static void npi_bad_country(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_SERIAL, PRINT, "PASZZ-C01X00T47");
}

static void npi_empty(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_SERIAL, PRINT, "IDCDE-");
}

static void npi_ok(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_SERIAL, PRINT, "PNODE-1234567890");
}

static void serial_ca_assigned(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_SERIAL, PRINT, "TAXES123");
}

Test(smsubj, person_identifier) {
    uint64_t want = CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL;
    expect_profiles("smime.subject.person_identifier", npi_bad_country, want);
    expect_profiles("smime.subject.person_identifier", npi_empty, want);
    expect_none("smime.subject.person_identifier", npi_ok);
    expect_none("smime.subject.person_identifier", serial_ca_assigned);
}

/* --- commonName --- */

static void cn_word(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_set(subj, TSS_OID_CN, 0, "Somebody Else");
}

static void cn_mailbox(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_set(subj, TSS_OID_CN, 0, TSS_MAILBOX);
}

Test(smsubj, cn_mailbox) {
    expect_profiles("smime.subject.cn_mailbox", cn_word, CS_SMS_MAILBOX);
    expect_none("smime.subject.cn_mailbox", cn_mailbox);
}

Test(smsubj, cn_organization) {
    expect_profiles("smime.subject.cn_organization", cn_word, CS_SMS_ORG);
    expect_none("smime.subject.cn_organization", cn_mailbox);
}

static void pseudonym_cn_other(cs_profile p, tss_spec *s, tss_subject *subj) {
    drop_person(p, s, subj);
    tss_add(subj, TSS_OID_PSEUDO, 0, "Ali");
    tss_set(subj, TSS_OID_CN, 0, "Bob");
}

static void pseudonym_cn_contains(cs_profile p, tss_spec *s, tss_subject *subj) {
    drop_person(p, s, subj);
    tss_add(subj, TSS_OID_PSEUDO, 0, "Ali");
    tss_set(subj, TSS_OID_CN, 0, "Ali (pseudonym)");
}

Test(smsubj, cn_person) {
    uint64_t sp_iv = CS_SMS_SPONSOR | CS_SMS_INDIVIDUAL;
    expect_profiles("smime.subject.cn_person", pseudonym_cn_other, sp_iv);
    expect_none("smime.subject.cn_person", pseudonym_cn_contains);
    expect_none("smime.subject.cn_person", cn_mailbox);
    /* Given/surname present: any presentation of the Personal Name. */
    expect_none("smime.subject.cn_person", cn_word);
    /* A bare Personal Name CN: only Legacy may do without name attributes. */
    expect_profiles("smime.subject.cn_person", drop_person, sp_iv & CS_SMS_NON_LEGACY);
}

/* --- subjectAltName --- */

static void san_empty(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_none = 1;
}

static void write_dns(derb *b, const char *arg) {
    (void)arg;
    tgn_dns(b, "example.com");
}

static void write_uri(derb *b, const char *arg) {
    (void)arg;
    tgn_uri(b, "http://example.com/");
}

static void write_upn(derb *b, const char *arg) {
    (void)arg;
    tgn_other(b, TSS_OID_UPN, CS_DER_UTF8STRING, "alice@example.com", 17);
}

static void write_smtp(derb *b, const char *arg) {
    tgn_smtp(b, arg);
}

static void san_dns_only(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_extra = write_dns;
}

static void san_uri(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_extra = write_uri;
}

static void san_upn(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_extra = write_upn;
}

static void san_smtp_only(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_none = 1;
    s->san_extra = write_smtp;
    s->san_extra_arg = "\xc3\xa4lice@example.com";
    tss_remove(subj, TSS_OID_CN);
    if (cs_profile_smime_type(p) == CS_SMIME_MAILBOX || p == CS_PROFILE_SMIME_UNDETERMINED) {
        tss_add(subj, TSS_OID_CN, 0, "\xc3\xa4lice@example.com");
    } else {
        tss_default_subject(p, subj);
    }
}

Test(smsubj, san_no_mailbox) {
    /* Without a mailbox and a reserved OID a certificate is not S/MIME (SBR 1.1). */
    expect_profiles("smime.san.no_mailbox", san_empty, CS_SMS_ALL_12);
    expect_none("smime.san.no_mailbox", san_smtp_only);
    expect_none("smime.san.mailbox_not_in_san", san_smtp_only);
}

Test(smsubj, san_prohibited_type) {
    expect_profiles("smime.san.prohibited_type", san_dns_only, CS_SMS_ANY);
    expect_profiles("smime.san.prohibited_type", san_uri, CS_SMS_ANY);
    expect_none("smime.san.prohibited_type", san_upn);
    expect_none("smime.san.prohibited_type", san_smtp_only);
}

Test(smsubj, san_strict_other_name) {
    expect_profiles("smime.san.strict_other_name", san_upn, CS_SMS_STRICT);
    expect_none("smime.san.strict_other_name", san_smtp_only);
}

static const char *const bad_list[] = {"alice@example.com bob@example.com", NULL};
static const char *const bad_display[] = {"Alice <alice@example.com>", NULL};

static void san_list(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_mailboxes = bad_list;
}

static void san_display(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_mailboxes = bad_display;
}

Test(smsubj, san_mailbox_syntax) {
    expect_profiles("smime.san.mailbox_syntax", san_list, CS_SMS_ANY);
    expect_profiles("smime.san.mailbox_syntax", san_display, CS_SMS_ANY);
}

static void email_other(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_EMAIL, IA5, "bob@example.com");
}

static void email_domain_case(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_EMAIL, IA5, "alice@EXAMPLE.com");
}

static void email_local_case(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_EMAIL, IA5, "Alice@example.com");
}

static void title_mailbox(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_add(subj, TSS_OID_OU, 0, "bob@example.com");
}

/* directoryName with emailAddress `arg`. */
static void write_dirname_email(derb *b, const char *arg) {
    derb_open(b, CS_DER_CONTEXT_CONS(4));
    derb_open(b, CS_DER_SEQUENCE);
    derb_open(b, CS_DER_SET);
    derb_open(b, CS_DER_SEQUENCE);
    derb_oid(b, TSS_OID_EMAIL);
    derb_str(b, CS_DER_IA5STRING, arg);
    derb_close(b);
    derb_close(b);
    derb_close(b);
    derb_close(b);
}

static void dirname_other(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_extra = write_dirname_email;
    s->san_extra_arg = "bob@example.com";
}

static void dirname_same(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_extra = write_dirname_email;
    s->san_extra_arg = TSS_MAILBOX;
}

Test(smsubj, san_mailbox_not_in_san) {
    const char *rule = "smime.san.mailbox_not_in_san";
    expect_profiles(rule, email_other, CS_SMS_ANY);
    expect_profiles(rule, email_local_case, CS_SMS_ANY);
    expect_profiles(rule, title_mailbox, CS_SMS_ANY);
    expect_profiles(rule, dirname_other, CS_SMS_ANY);
    expect_none(rule, email_ok);
    expect_none(rule, email_domain_case);
    expect_none(rule, dirname_same);
    expect_dated(rule, email_other, CS_PROFILE_SMIME_SPONSOR_LEGACY, "230801000000Z",
                 "231001000000Z");
}

static void write_dirname_c(derb *b, const char *arg) {
    tgn_dirname(b, arg);
}

static void write_dirname_dc(derb *b, const char *arg) {
    derb_open(b, CS_DER_CONTEXT_CONS(4));
    derb_open(b, CS_DER_SEQUENCE);
    derb_open(b, CS_DER_SET);
    derb_open(b, CS_DER_SEQUENCE);
    derb_oid(b, TSS_OID_DC);
    derb_str(b, CS_DER_IA5STRING, arg);
    derb_close(b);
    derb_close(b);
    derb_close(b);
    derb_close(b);
}

static void dirname_country(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_extra = write_dirname_c;
    s->san_extra_arg = "Alice Smith";
}

static void dirname_dc(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->san_extra = write_dirname_dc;
    s->san_extra_arg = "example";
}

Test(smsubj, san_directory_name_attributes) {
    const char *rule = "smime.san.directory_name_attributes";
    /* C and CN: allowed everywhere but in mailbox-validated names. */
    expect_profiles(rule, dirname_country, CS_SMS_MAILBOX);
    /* An unlisted attribute: Legacy organization/sponsor/individual only. */
    expect_profiles(rule, dirname_dc, CS_SMS_MAILBOX | CS_SMS_NON_LEGACY);
    expect_none(rule, dirname_same);
}

/* --- organizationIdentifier --- */

static const char *orgid_value;
static const char *orgid_country;
static uint32_t orgid_tag;

static void set_orgid(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)s;
    tss_set(subj, TSS_OID_ORGID, orgid_tag != 0 ? orgid_tag : PRINT, orgid_value);
    if (orgid_country != NULL) {
        tss_set(subj, TSS_OID_C, PRINT, orgid_country);
    } else {
        tss_remove(subj, TSS_OID_C);
    }
}

/* organizationIdentifier `value` (with countryName `country`, NULL for none) fires `rule` on
 * every S/MIME profile when `fires`. */
static void orgid_case(const char *rule, const char *value, const char *country, uint32_t tag,
                       int fires) {
    orgid_value = value;
    orgid_country = country;
    orgid_tag = tag;
    expect_profiles(rule, set_orgid, fires ? SMS_ORGID_PROFILES : 0);
}

Test(smsubj, org_identifier_syntax) {
    orgid_case("smime.org_identifier.encoding", "VATDE-123456789", "DE", IA5, 1);
    orgid_case("smime.org_identifier.encoding", "VATDE-123456789", "DE", CS_DER_UTF8STRING, 0);
    orgid_case("smime.org_identifier.format", "VATDE123456789", "DE", 0, 1);
    orgid_case("smime.org_identifier.format", "VAT", "DE", 0, 1);
    orgid_case("smime.org_identifier.format", "NTRDE+ABCD-1", "DE", 0, 1);
    orgid_case("smime.org_identifier.format", "VATDE-", "DE", 0, 1);
    orgid_case("smime.org_identifier.format", "NTRDE+BY-HRB 1234", "DE", 0, 0);
    orgid_case("smime.org_identifier.scheme", "ABCDE-1234", "DE", 0, 1);
    orgid_case("smime.org_identifier.scheme", "PSDDE-BAFIN-123", "DE", 0, 0);
    orgid_case("smime.org_identifier.country", "VATZZ-1234", NULL, 0, 1);
    orgid_case("smime.org_identifier.country", "VATXG-1234", NULL, 0, 1);
    orgid_case("smime.org_identifier.country", "LEIDE-" VALID_LEI, NULL, 0, 1);
    orgid_case("smime.org_identifier.country", "INTDE", NULL, 0, 1);
    orgid_case("smime.org_identifier.country", "VATEL-123456789", "GR", 0, 0);
    orgid_case("smime.org_identifier.country", "NTRXX-1234", NULL, 0, 0);
    orgid_case("smime.org_identifier.country", "INTXG", NULL, 0, 0);
}

Test(smsubj, org_identifier_parts) {
    orgid_case("smime.org_identifier.subdivision_global", "INTXG+AB", NULL, 0, 1);
    orgid_case("smime.org_identifier.subdivision_global", "LEIXG+AB-" VALID_LEI, NULL, 0, 1);
    orgid_case("smime.org_identifier.subdivision_global", "GOVUS+CA", "US", 0, 0);
    orgid_case("smime.org_identifier.subdivision_scheme", "VATDE+BY-123", "DE", 0, 1);
    orgid_case("smime.org_identifier.subdivision_scheme", "PSDDE+BY-123", "DE", 0, 1);
    orgid_case("smime.org_identifier.subdivision_scheme", "NTRDE+BY-HRB123", "DE", 0, 0);
    orgid_case("smime.org_identifier.reference_missing", "NTRDE", "DE", 0, 1);
    orgid_case("smime.org_identifier.reference_missing", "LEIXG", "DE", 0, 1);
    orgid_case("smime.org_identifier.reference_missing", "GOVDE", "DE", 0, 0);
    orgid_case("smime.org_identifier.reference_present", "GOVDE-123", "DE", 0, 1);
    orgid_case("smime.org_identifier.reference_present", "INTXG-123", NULL, 0, 1);
    orgid_case("smime.org_identifier.reference_present", "GOVUS+CA", "US", 0, 0);
    /* v1.0.9 opened "+sub" to every scheme. */
    orgid_value = "VATDE+BY-123";
    orgid_country = "DE";
    orgid_tag = 0;
    expect_dated("smime.org_identifier.subdivision_scheme", set_orgid,
                 CS_PROFILE_SMIME_ORGANIZATION_STRICT, "250601000000Z", "250513000000Z");
}

Test(smsubj, org_identifier_country_mismatch) {
    const char *rule = "smime.org_identifier.country_mismatch";
    orgid_case(rule, "VATFR-123456789", "DE", 0, 1);
    orgid_case(rule, "GOVFR", "DE", 0, 1);
    orgid_case(rule, "VATDE-123456789", "DE", 0, 0);
    orgid_case(rule, "VATFR-123456789", NULL, 0, 0);
    orgid_case(rule, "VATEL-123456789", "GR", 0, 0);
    orgid_case(rule, "VATXI-123456789", "GB", 0, 0);
    orgid_case(rule, "NTREL-123456789", "GR", 0, 1);
    orgid_case(rule, "LEIXG-" VALID_LEI, "DE", 0, 0);
    orgid_case(rule, "INTXG", "DE", 0, 0);
}

Test(smsubj, org_identifier_german_ntr_euid) {
    const char *rule = "smime.org_identifier.german_ntr_euid";
    orgid_value = "NTRDE-HRB12345";
    orgid_country = "DE";
    orgid_tag = 0;
    for (size_t i = 0; i < 13; i++) {
        cs_profile p = tss_profiles_13[i];
        int want = (SMS_ORGID_PROFILES & CS_PROFILE_BIT(p)) != 0;
        cr_expect_eq(run(p, set_orgid, "250601000000Z", rule), want, "%s", cs_profile_name(p));
    }
    expect_dated(rule, set_orgid, CS_PROFILE_SMIME_SPONSOR_MULTIPURPOSE, "250513000000Z",
                 "250514000000Z");
    orgid_value = "NTRDE+BE-DER3306.HRB12345";
    cr_expect_eq(run(CS_PROFILE_SMIME_ORGANIZATION_STRICT, set_orgid, "250601000000Z", rule), 1);
    orgid_value = "NTRDE-DER3306.HRB12345";
    cr_expect_eq(run(CS_PROFILE_SMIME_ORGANIZATION_STRICT, set_orgid, "250601000000Z", rule), 0);
    orgid_value = "NTRFR-123456";
    orgid_country = "FR";
    cr_expect_eq(run(CS_PROFILE_SMIME_ORGANIZATION_STRICT, set_orgid, "250601000000Z", rule), 0);
}

/* --- LEI --- */

Test(smsubj, lei_in_org_identifier) {
    /* LEI checks run wherever an LEI appears, so every profile. */
    orgid_value = "LEIXG-" INVALID_LEI;
    orgid_country = NULL;
    orgid_tag = 0;
    expect_profiles("smime.lei.checksum", set_orgid, CS_SMS_ANY);
    orgid_value = "LEIXG-5493001KJTIIGC8Y1RAB";
    expect_profiles("smime.lei.format", set_orgid, CS_SMS_ANY);
    orgid_value = "LEIXG-5493001KJTIIGC8Y1R1";
    expect_profiles("smime.lei.format", set_orgid, CS_SMS_ANY);
    orgid_value = "LEIXG-" VALID_LEI;
    expect_none("smime.lei.format", set_orgid);
    expect_none("smime.lei.checksum", set_orgid);
}

static const uint8_t *lei_ext_value;
static size_t lei_ext_len;

static void set_lei_ext(cs_profile p, tss_spec *s, tss_subject *subj) {
    (void)p, (void)subj;
    s->lei_ext = lei_ext_value;
    s->lei_ext_len = lei_ext_len;
}

static void lei_ext(const char *text, uint32_t tag) {
    static uint8_t buf[64];
    size_t n = strlen(text);
    buf[0] = (uint8_t)tag;
    buf[1] = (uint8_t)n;
    memcpy(buf + 2, text, n);
    lei_ext_value = buf;
    lei_ext_len = n + 2;
}

Test(smsubj, lei_extension) {
    lei_ext(VALID_LEI, PRINT);
    expect_none("smime.lei.format", set_lei_ext);
    expect_none("smime.lei.checksum", set_lei_ext);
    lei_ext(INVALID_LEI, PRINT);
    expect_profiles("smime.lei.checksum", set_lei_ext, CS_SMS_ANY);
    lei_ext("5493001KJTIIGC8Y1", PRINT);
    expect_profiles("smime.lei.format", set_lei_ext, CS_SMS_ANY);
    lei_ext(VALID_LEI, CS_DER_UTF8STRING);
    expect_profiles("smime.lei.format", set_lei_ext, CS_SMS_ANY);
}

/* --- Survey facts --- */

static cs_facts survey_of(cs_profile p, mutate_fn mutate) {
    tss_subject subj;
    tss_default_subject(p, &subj);
    tss_spec spec = {.profile = p, .subj = &subj};
    if (mutate != NULL) {
        mutate(p, &spec, &subj);
    }
    size_t len;
    uint8_t *der = tss_build(&spec, &len);
    cs_x509 *x = malloc(sizeof *x);
    cs_der_error err;
    cr_assert(cs_x509_parse(x, der, len, &err));
    cs_facts f;
    cs_facts_extract(x, NULL, &f);
    free(x);
    free(der);
    return f;
}

Test(smsubj, survey_facts) {
    cs_facts f = survey_of(CS_PROFILE_SMIME_MAILBOX_STRICT, NULL);
    cr_expect_eq(f.smsubj.survey, CS_SMS_SURVEY_CN_ONLY_MAILBOX);
    f = survey_of(CS_PROFILE_SMIME_INDIVIDUAL_STRICT, drop_person_keep_pseudonym);
    cr_expect_eq(f.smsubj.survey, CS_SMS_SURVEY_PSEUDONYM);
    f = survey_of(CS_PROFILE_SMIME_SPONSOR_LEGACY, country_xx);
    cr_expect_eq(f.smsubj.survey, CS_SMS_SURVEY_COUNTRY_XX);
    /* Nothing is extracted for certificates that are not S/MIME. */
    f = survey_of(CS_PROFILE_SMIME_UNDETERMINED, san_empty);
    cr_expect_eq(f.smsubj.survey, 0);
    cr_expect_eq(cs_facts_has(&f, CS_COL_SMS_HAS_CN), 0);
}

/* --- Helpers --- */

Test(smsubj, helpers) {
    cr_expect(cs_sms_iso3166((const uint8_t *)"DE"));
    cr_expect(cs_sms_iso3166((const uint8_t *)"AD"));
    cr_expect(cs_sms_iso3166((const uint8_t *)"ZW"));
    cr_expect(!cs_sms_iso3166((const uint8_t *)"XX"));
    cr_expect(!cs_sms_iso3166((const uint8_t *)"UK"));
    cr_expect(!cs_sms_iso3166((const uint8_t *)"EL"));
    cr_expect_eq(cs_sms_lei_check((const uint8_t *)VALID_LEI, 20), 0);
    cr_expect_eq(cs_sms_lei_check((const uint8_t *)INVALID_LEI, 20), CS_COL_SMS_LEI_CHECKSUM);
    cr_expect_eq(cs_sms_lei_check((const uint8_t *)"5493001kjtiigc8y1r12", 20),
                 CS_COL_SMS_LEI_FORMAT);
}
