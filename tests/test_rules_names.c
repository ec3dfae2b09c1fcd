/* Each names / strings / times / structure rule on crafted certificates that pass and that fail
 * it. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"
#include "scanner/engine.h"
#include "tests/support/derb.h"
#include "tests/support/lintone.h"
#include "tests/support/tcert.h"
#include "tests/support/tcert_names.h"

#define OID_CN       "2.5.4.3"
#define OID_SN       "2.5.4.4"
#define OID_SERIAL   "2.5.4.5"
#define OID_C        "2.5.4.6"
#define OID_L        "2.5.4.7"
#define OID_ST       "2.5.4.8"
#define OID_STREET   "2.5.4.9"
#define OID_O        "2.5.4.10"
#define OID_OU       "2.5.4.11"
#define OID_TITLE    "2.5.4.12"
#define OID_POSTAL   "2.5.4.17"
#define OID_NAME     "2.5.4.41"
#define OID_GIVEN    "2.5.4.42"
#define OID_INITIALS "2.5.4.43"
#define OID_GENQ     "2.5.4.44"
#define OID_DNQ      "2.5.4.46"
#define OID_PSEUDO   "2.5.4.65"
#define OID_EMAIL    "1.2.840.113549.1.9.1"
#define OID_DC       "0.9.2342.19200300.100.1.25"

#define UTF8  CS_DER_UTF8STRING
#define PRINT CS_DER_PRINTABLESTRING
#define IA5   CS_DER_IA5STRING
#define BMP   CS_DER_BMPSTRING
#define TELE  CS_DER_TELETEXSTRING
#define UNIV  CS_DER_UNIVERSALSTRING

static int lint_der(uint8_t *der, size_t len, const char *rule) {
    int r = lintone(der, len, rule, NULL);
    free(der);
    cr_assert_neq(r, -2, "no rule %s", rule);
    cr_assert_neq(r, -1, "certificate for %s does not parse", rule);
    return r;
}

static int lint_t(const tcert *t, const char *rule) {
    size_t len;
    uint8_t *der = tcert_build(t, &len);
    return lint_der(der, len, rule);
}

static int lint_o(const tcert *t, const tn_opts *o, const char *rule) {
    size_t len;
    uint8_t *der = tn_build(t, o, &len);
    return lint_der(der, len, rule);
}

/* The default certificate with this subject (NULL-terminated list). */
static int lint_subject(const tn_atv *subject, const char *rule) {
    tcert t;
    tcert_defaults(&t);
    tn_opts o = {.subject = subject};
    return lint_o(&t, &o, rule);
}

static int lint_issuer(const tn_atv *issuer, const char *rule) {
    tcert t;
    tcert_defaults(&t);
    tn_opts o = {.issuer = issuer};
    return lint_o(&t, &o, rule);
}

/* A subject with one attribute beside a valid CN. */
static int lint_attr(const char *oid, uint32_t tag, const char *value, size_t len,
                     const char *rule) {
    tn_atv s[] = {{OID_C, PRINT, "US", 0, 0}, {oid, tag, value, len, 0}, {NULL, 0, NULL, 0, 0}};
    return lint_subject(s, rule);
}

/* n copies of a string, in a buffer that lives until the next call with the same slot. */
static const char *rep(int slot, const char *unit, size_t n, size_t *out_len) {
    static char *bufs[4];
    size_t u = strlen(unit);
    free(bufs[slot]);
    bufs[slot] = malloc(u * n + 1);
    for (size_t i = 0; i < n; i++) {
        memcpy(bufs[slot] + i * u, unit, u);
    }
    bufs[slot][u * n] = '\0';
    *out_len = u * n;
    return bufs[slot];
}

/* Rule families of this area (other areas' rules are tested in their own files). */
static int ours(const char *id) {
    static const char *const prefixes[] = {"rfc5280.names.",
                                           "rfc5280.issuer.",
                                           "rfc5280.subject.",
                                           "rfc5280.validity.",
                                           "rfc5280.version.",
                                           "rfc5280.unique_id.",
                                           "x520."};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (strncmp(id, prefixes[i], strlen(prefixes[i])) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The ids of this area's rules with a finding ("" for none). */
static const char *fired(const uint8_t *der, size_t len) {
    static char out[2048];
    char err[256];
    out[0] = '\0';
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    cs_x509 *x = malloc(sizeof *x);
    cs_batch *b = malloc(sizeof *b);
    uint64_t *fail = calloc(cs_ruleset_count(rs), sizeof *fail);
    cs_der_error derr;
    if (cs_x509_parse(x, der, len, &derr)) {
        cs_batch_reset(b, NULL);
        cs_batch_add(b, x);
        cs_engine_eval(rs, b, fail);
        for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
            if ((fail[i] & 1) && ours(cs_ruleset_rule(rs, i)->id)) {
                strncat(out, cs_ruleset_rule(rs, i)->id, sizeof out - strlen(out) - 2);
                strncat(out, " ", sizeof out - strlen(out) - 1);
            }
        }
    }
    free(fail);
    free(b);
    free(x);
    cs_ruleset_free(rs);
    return out;
}

Test(names, baseline_has_no_findings) {
    tcert t;
    tcert_defaults(&t);
    size_t len;
    uint8_t *der = tcert_build(&t, &len);
    cr_assert_str_empty(fired(der, len));
    free(der);
    /* A rich, valid subject: every attribute type this area checks, well formed. */
    tn_atv s[] = {{OID_DC, IA5, "com", 0, 0},
                  {OID_DC, IA5, "example", 0, 0},
                  {OID_C, PRINT, "DE", 0, 0},
                  {OID_ST, UTF8, "Bayern", 0, 0},
                  {OID_L, UTF8, "M\xC3\xBCnchen", 0, 0},
                  {OID_O, PRINT, "Example (Test) GmbH", 0, 0},
                  {OID_OU, UTF8, "IT", 0, 0},
                  {OID_SERIAL, PRINT, "HRB 12345", 0, 0},
                  {OID_DNQ, PRINT, "q1", 0, 0},
                  {OID_GIVEN, UTF8, "Erika", 0, 0},
                  {OID_SN, UTF8, "Mustermann", 0, 0},
                  {OID_TITLE, UTF8, "Dr.", 0, 0},
                  {OID_POSTAL, UTF8, "80331", 0, 0},
                  {OID_STREET, UTF8, "Marienplatz 1", 0, 0},
                  {OID_CN, UTF8, "Erika Mustermann", 0, 0},
                  {NULL, 0, NULL, 0, 0}};
    tn_opts o = {.subject = s};
    der = tn_build(&t, &o, &len);
    cr_assert_str_empty(fired(der, len));
    free(der);
}

/* --- Both names: structure --- */

Test(names, issuer_empty) {
    tn_atv empty[] = {{NULL, 0, NULL, 0, 0}};
    tn_atv empty_rdn[] = {{"", 0, NULL, 0, 0}, {NULL, 0, NULL, 0, 0}};
    tn_atv one[] = {{OID_CN, UTF8, "CA", 0, 0}, {NULL, 0, NULL, 0, 0}};
    cr_assert_eq(lint_issuer(one, "rfc5280.issuer.empty"), 0);
    cr_assert_eq(lint_issuer(empty, "rfc5280.issuer.empty"), 1);
    /* A name of empty RDNs has no attribute: empty too. */
    cr_assert_eq(lint_issuer(empty_rdn, "rfc5280.issuer.empty"), 1);
    /* An empty subject is not this rule's business. */
    tcert t;
    tcert_defaults(&t);
    tn_opts o = {.empty_subject = 1};
    cr_assert_eq(lint_o(&t, &o, "rfc5280.issuer.empty"), 0);
}

Test(names, subject_empty_for_ca) {
    static const uint8_t ku_crl[] = {0x03, 0x02, 0x01, 0x02};
    static const uint8_t ku_ds[] = {0x03, 0x02, 0x07, 0x80};
    tcert t;
    tcert_defaults(&t);
    tcert_make_ca(&t);
    tn_opts keep = {0}, empty = {.empty_subject = 1};
    cr_assert_eq(lint_o(&t, &keep, "rfc5280.subject.empty_for_ca"), 0);
    cr_assert_eq(lint_o(&t, &empty, "rfc5280.subject.empty_for_ca"), 1);
    /* An end-entity certificate may have an empty subject (with a critical SAN). */
    tcert_defaults(&t);
    cr_assert_eq(lint_o(&t, &empty, "rfc5280.subject.empty_for_ca"), 0);
    tcert_add_ext(&t, "2.5.29.15", 1, ku_ds, sizeof ku_ds);
    cr_assert_eq(lint_o(&t, &empty, "rfc5280.subject.empty_for_ca"), 0);
    /* A CRL issuer needs a subject as well. */
    tcert_defaults(&t);
    tcert_add_ext(&t, "2.5.29.15", 1, ku_crl, sizeof ku_crl);
    cr_assert_eq(lint_o(&t, &empty, "rfc5280.subject.empty_for_ca"), 1);
}

Test(names, empty_rdn) {
    tn_atv ok[] = {{OID_CN, UTF8, "a", 0, 0}, {NULL, 0, NULL, 0, 0}};
    tn_atv bad[] = {{OID_CN, UTF8, "a", 0, 0}, {"", 0, NULL, 0, 0}, {NULL, 0, NULL, 0, 0}};
    cr_assert_eq(lint_subject(ok, "rfc5280.names.empty_rdn"), 0);
    cr_assert_eq(lint_subject(bad, "rfc5280.names.empty_rdn"), 1);
    cr_assert_eq(lint_issuer(bad, "rfc5280.names.empty_rdn"), 1);
}

Test(names, empty_value) {
    tn_atv ok[] = {{OID_CN, UTF8, "a", 0, 0}, {NULL, 0, NULL, 0, 0}};
    tn_atv bad[] = {{OID_O, UTF8, "a", 0, 0}, {OID_CN, UTF8, "", 0, 0}, {NULL, 0, NULL, 0, 0}};
    tn_atv bad_unknown[] = {{"1.3.6.1.4.1.99999.1", PRINT, "", 0, 0}, {NULL, 0, NULL, 0, 0}};
    cr_assert_eq(lint_subject(ok, "rfc5280.names.empty_value"), 0);
    cr_assert_eq(lint_subject(bad, "rfc5280.names.empty_value"), 1);
    cr_assert_eq(lint_subject(bad_unknown, "rfc5280.names.empty_value"), 1);
    cr_assert_eq(lint_issuer(bad, "rfc5280.names.empty_value"), 1);
}

Test(names, rdn_duplicate_type) {
    tn_atv dup[] = {{OID_CN, UTF8, "ab", 0, 0}, {OID_CN, UTF8, "cd", 0, 1}, {NULL, 0, NULL, 0, 0}};
    tn_atv multi[] = {{OID_CN, UTF8, "ab", 0, 0}, {OID_O, UTF8, "cd", 0, 1}, {NULL, 0, NULL, 0, 0}};
    /* The same type in two RDNs is fine. */
    tn_atv two[] = {{OID_OU, UTF8, "ab", 0, 0}, {OID_OU, UTF8, "cd", 0, 0}, {NULL, 0, NULL, 0, 0}};
    cr_assert_eq(lint_subject(multi, "rfc5280.names.rdn_duplicate_type"), 0);
    cr_assert_eq(lint_subject(two, "rfc5280.names.rdn_duplicate_type"), 0);
    cr_assert_eq(lint_subject(dup, "rfc5280.names.rdn_duplicate_type"), 1);
    cr_assert_eq(lint_issuer(dup, "rfc5280.names.rdn_duplicate_type"), 1);
}

Test(names, rdn_unsorted) {
    /* Equal lengths, so the encodings differ first in the OID's last arc: CN (3) < O (10). */
    tn_atv sorted[] = {
        {OID_CN, UTF8, "ab", 0, 0}, {OID_O, UTF8, "cd", 0, 1}, {NULL, 0, NULL, 0, 0}};
    tn_atv unsorted[] = {
        {OID_O, UTF8, "cd", 0, 0}, {OID_CN, UTF8, "ab", 0, 1}, {NULL, 0, NULL, 0, 0}};
    cr_assert_eq(lint_subject(sorted, "rfc5280.names.rdn_unsorted"), 0);
    cr_assert_eq(lint_subject(unsorted, "rfc5280.names.rdn_unsorted"), 1);
    cr_assert_eq(lint_issuer(unsorted, "rfc5280.names.rdn_unsorted"), 1);
}

/* --- Issuer --- */

Test(names, issuer_country_not_printable) {
    tn_atv ok[] = {{OID_C, PRINT, "US", 0, 0}, {OID_CN, UTF8, "CA", 0, 0}, {NULL, 0, NULL, 0, 0}};
    tn_atv bad[] = {{OID_C, UTF8, "US", 0, 0}, {OID_CN, UTF8, "CA", 0, 0}, {NULL, 0, NULL, 0, 0}};
    cr_assert_eq(lint_issuer(ok, "rfc5280.issuer.country_not_printable"), 0);
    cr_assert_eq(lint_issuer(bad, "rfc5280.issuer.country_not_printable"), 1);
    /* The subject's countryName is the other rule's. */
    cr_assert_eq(lint_subject(bad, "rfc5280.issuer.country_not_printable"), 0);
    cr_assert_eq(lint_subject(bad, "rfc5280.subject.country_not_printable"), 1);
    cr_assert_eq(lint_issuer(bad, "rfc5280.subject.country_not_printable"), 0);
}

Test(names, issuer_legacy_string_type) {
    tn_atv bmp[] = {{OID_CN, BMP, "\0C\0A", 4, 0}, {NULL, 0, NULL, 0, 0}};
    tn_atv tele[] = {{OID_O, TELE, "CA", 0, 0}, {NULL, 0, NULL, 0, 0}};
    tn_atv univ[] = {{OID_L, UNIV, "\0\0\0X", 4, 0}, {NULL, 0, NULL, 0, 0}};
    tn_atv utf8[] = {{OID_CN, UTF8, "CA", 0, 0}, {NULL, 0, NULL, 0, 0}};
    /* Not a DirectoryString attribute: not this rule. */
    tn_atv unknown[] = {{"1.3.6.1.4.1.99999.1", BMP, "\0C", 2, 0}, {NULL, 0, NULL, 0, 0}};
    cr_assert_eq(lint_issuer(utf8, "rfc5280.issuer.legacy_string_type"), 0);
    cr_assert_eq(lint_issuer(unknown, "rfc5280.issuer.legacy_string_type"), 0);
    cr_assert_eq(lint_issuer(bmp, "rfc5280.issuer.legacy_string_type"), 1);
    cr_assert_eq(lint_issuer(tele, "rfc5280.issuer.legacy_string_type"), 1);
    cr_assert_eq(lint_issuer(univ, "rfc5280.issuer.legacy_string_type"), 1);
    cr_assert_eq(lint_issuer(bmp, "rfc5280.subject.legacy_string_type"), 0);
}

/* --- Subject: string types --- */

Test(names, directory_string_bad_type) {
    const char *r = "rfc5280.subject.directory_string_bad_type";
    cr_assert_eq(lint_attr(OID_CN, UTF8, "x", 0, r), 0);
    cr_assert_eq(lint_attr(OID_CN, PRINT, "x", 0, r), 0);
    cr_assert_eq(lint_attr(OID_CN, TELE, "x", 0, r), 0); /* legacy, but one of the five */
    cr_assert_eq(lint_attr(OID_CN, IA5, "x", 0, r), 1);
    cr_assert_eq(lint_attr(OID_O, CS_DER_VISIBLESTRING, "x", 0, r), 1);
    cr_assert_eq(lint_attr(OID_POSTAL, CS_DER_NUMERICSTRING, "123", 0, r), 1);
    /* Attributes that are not DirectoryStrings are not this rule's. */
    cr_assert_eq(lint_attr("1.3.6.1.4.1.99999.1", IA5, "x", 0, r), 0);
}

Test(names, subject_legacy_string_type) {
    const char *r = "rfc5280.subject.legacy_string_type";
    cr_assert_eq(lint_attr(OID_O, UTF8, "x", 0, r), 0);
    cr_assert_eq(lint_attr(OID_O, BMP, "\0x", 2, r), 1);
    cr_assert_eq(lint_attr(OID_O, TELE, "x", 0, r), 1);
    cr_assert_eq(lint_attr(OID_O, UNIV, "\0\0\0x", 4, r), 1);
}

Test(names, country) {
    const char *type = "rfc5280.subject.country_not_printable";
    const char *length = "rfc5280.subject.country_bad_length";
    tn_atv s[] = {{OID_C, PRINT, "US", 0, 0}, {NULL, 0, NULL, 0, 0}};
    cr_assert_eq(lint_subject(s, type), 0);
    cr_assert_eq(lint_subject(s, length), 0);
    s[0].tag = UTF8;
    cr_assert_eq(lint_subject(s, type), 1);
    cr_assert_eq(lint_subject(s, length), 0);
    s[0].tag = PRINT;
    s[0].value = "USA";
    cr_assert_eq(lint_subject(s, length), 1);
    s[0].value = "U";
    cr_assert_eq(lint_subject(s, length), 1);
    /* Two characters in BMPString are four octets: the count is in characters. */
    s[0].tag = BMP;
    s[0].value = "\0U\0S";
    s[0].len = 4;
    cr_assert_eq(lint_subject(s, length), 0);
    cr_assert_eq(lint_subject(s, type), 1);
}

Test(names, serial_number_not_printable) {
    const char *r = "rfc5280.subject.serial_number_not_printable";
    cr_assert_eq(lint_attr(OID_SERIAL, PRINT, "1234", 0, r), 0);
    cr_assert_eq(lint_attr(OID_SERIAL, UTF8, "1234", 0, r), 1);
}

Test(names, dn_qualifier_not_printable) {
    const char *r = "rfc5280.subject.dn_qualifier_not_printable";
    cr_assert_eq(lint_attr(OID_DNQ, PRINT, "q", 0, r), 0);
    cr_assert_eq(lint_attr(OID_DNQ, UTF8, "q", 0, r), 1);
}

Test(names, email_not_ia5) {
    const char *r = "rfc5280.subject.email_not_ia5";
    cr_assert_eq(lint_attr(OID_EMAIL, IA5, "a@example.com", 0, r), 0);
    cr_assert_eq(lint_attr(OID_EMAIL, UTF8, "a@example.com", 0, r), 1);
    cr_assert_eq(lint_attr(OID_EMAIL, PRINT, "a.example.com", 0, r), 1);
}

Test(names, domain_component_not_ia5) {
    const char *r = "rfc5280.subject.domain_component_not_ia5";
    cr_assert_eq(lint_attr(OID_DC, IA5, "example", 0, r), 0);
    cr_assert_eq(lint_attr(OID_DC, UTF8, "example", 0, r), 1);
}

Test(names, domain_component_not_label) {
    const char *r = "rfc5280.subject.domain_component_not_label";
    size_t n;
    cr_assert_eq(lint_attr(OID_DC, IA5, "example", 0, r), 0);
    cr_assert_eq(lint_attr(OID_DC, IA5, "xn--bcher-kva", 0, r), 0);
    cr_assert_eq(lint_attr(OID_DC, IA5, "a-1", 0, r), 0);
    const char *label = rep(0, "a", 63, &n);
    cr_assert_eq(lint_attr(OID_DC, IA5, label, n, r), 0);
    label = rep(0, "a", 64, &n);
    cr_assert_eq(lint_attr(OID_DC, IA5, label, n, r), 1);
    cr_assert_eq(lint_attr(OID_DC, IA5, "ex_ample", 0, r), 1);
    cr_assert_eq(lint_attr(OID_DC, IA5, "example.com", 0, r), 1);
    cr_assert_eq(lint_attr(OID_DC, IA5, "-ab", 0, r), 1);
    cr_assert_eq(lint_attr(OID_DC, IA5, "ab-", 0, r), 1);
    cr_assert_eq(lint_attr(OID_DC, IA5, "a b", 0, r), 1);
}

/* --- Subject: string contents --- */

Test(names, printable_string_bad_alphabet) {
    const char *r = "rfc5280.subject.printable_string_bad_alphabet";
    cr_assert_eq(lint_attr(OID_O, PRINT, "O'Neil (Test) Co., Ltd. - A/B: x=y?", 0, r), 0);
    cr_assert_eq(lint_attr(OID_O, PRINT, "a@b", 0, r), 1);
    cr_assert_eq(lint_attr(OID_O, PRINT, "a_b", 0, r), 1);
    cr_assert_eq(lint_attr(OID_O, PRINT, "a*b", 0, r), 1);
    cr_assert_eq(lint_attr(OID_O, PRINT, "a&b", 0, r), 1);
    cr_assert_eq(lint_attr(OID_O, PRINT, "caf\xC3\xA9", 0, r), 1);
    /* Any attribute type, known or not. */
    cr_assert_eq(lint_attr("1.3.6.1.4.1.99999.1", PRINT, "a@b", 0, r), 1);
    /* Long values take the vector paths: the bad character at the end. */
    size_t n;
    const char *ok = rep(0, "abcdefgh", 9, &n);
    cr_assert_eq(lint_attr(OID_O, PRINT, ok, n, r), 0);
    char bad[80];
    memcpy(bad, ok, n);
    bad[n - 1] = '!';
    cr_assert_eq(lint_attr(OID_O, PRINT, bad, n, r), 1);
}

Test(names, ia5_string_not_ascii) {
    const char *r = "rfc5280.subject.ia5_string_not_ascii";
    cr_assert_eq(lint_attr(OID_EMAIL, IA5, "a@example.com", 0, r), 0);
    cr_assert_eq(lint_attr(OID_EMAIL, IA5, "\xC3\xA9@example.com", 0, r), 1);
}

Test(names, utf8_string_invalid) {
    const char *r = "rfc5280.subject.utf8_string_invalid";
    cr_assert_eq(lint_attr(OID_O, UTF8, "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 0, r), 0);
    cr_assert_eq(lint_attr(OID_O, UTF8, "\xC0\x80", 0, r), 1);         /* overlong NUL */
    cr_assert_eq(lint_attr(OID_O, UTF8, "a\xE0\x80\xAF", 0, r), 1);    /* overlong '/' */
    cr_assert_eq(lint_attr(OID_O, UTF8, "\xED\xA0\x80", 0, r), 1);     /* surrogate */
    cr_assert_eq(lint_attr(OID_O, UTF8, "\xF4\x90\x80\x80", 0, r), 1); /* > U+10FFFF */
    cr_assert_eq(lint_attr(OID_O, UTF8, "ab\xE2\x82", 0, r), 1);       /* truncated */
    cr_assert_eq(lint_attr(OID_O, UTF8, "caf\xE9", 0, r), 1);          /* Latin-1 */
}

Test(names, bmp_string_invalid) {
    const char *r = "rfc5280.subject.bmp_string_invalid";
    cr_assert_eq(lint_attr(OID_O, BMP, "\0a\x20\xAC", 4, r), 0);
    cr_assert_eq(lint_attr(OID_O, BMP, "\0a\0", 3, r), 1);
    cr_assert_eq(lint_attr(OID_O, BMP, "\0a\xD8\x3D", 4, r), 1);
}

Test(names, universal_string_invalid) {
    const char *r = "rfc5280.subject.universal_string_invalid";
    cr_assert_eq(lint_attr(OID_O, UNIV, "\0\0\0a\0\x01\xF6\x00", 8, r), 0);
    cr_assert_eq(lint_attr(OID_O, UNIV, "\0\0\0a\0", 5, r), 1);
    cr_assert_eq(lint_attr(OID_O, UNIV, "\0\x11\0\0", 4, r), 1);
    cr_assert_eq(lint_attr(OID_O, UNIV, "\0\0\xDC\0", 4, r), 1);
}

Test(names, control_characters) {
    const char *r = "rfc5280.subject.control_characters";
    cr_assert_eq(lint_attr(OID_O, UTF8, "plain text", 0, r), 0);
    /* BMPString octets 0x00 are high halves, not control characters. */
    cr_assert_eq(lint_attr(OID_O, BMP, "\0a\0b", 4, r), 0);
    cr_assert_eq(lint_attr(OID_O, UTF8, "a\tb", 0, r), 1);
    cr_assert_eq(lint_attr(OID_O, UTF8, "a\x7F", 0, r), 1);
    cr_assert_eq(lint_attr(OID_O, UTF8, "a\xC2\x85", 0, r), 1); /* U+0085, C1 */
    cr_assert_eq(lint_attr(OID_O, BMP, "\0a\0\n", 4, r), 1);
    cr_assert_eq(lint_attr(OID_O, TELE, "a\x85", 0, r), 1);
    cr_assert_eq(lint_attr(OID_EMAIL, IA5, "a\r@example.com", 0, r), 1);
}

/* --- Subject: emailAddress --- */

static size_t san_rfc822(uint8_t *out, size_t cap, const char *mailbox, const char *dns) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    if (dns != NULL) {
        derb_str(&b, CS_DER_CONTEXT(2), dns);
    }
    derb_str(&b, CS_DER_CONTEXT(1), mailbox);
    derb_close(&b);
    size_t len;
    uint8_t *der = derb_take(&b, &len);
    cr_assert_leq(len, cap);
    memcpy(out, der, len);
    free(der);
    return len;
}

Test(names, email_not_in_san) {
    const char *r = "rfc5280.subject.email_not_in_san";
    tn_atv s[] = {
        {OID_CN, UTF8, "a", 0, 0}, {OID_EMAIL, IA5, "a@example.com", 0, 0}, {NULL, 0, NULL, 0, 0}};
    uint8_t same[64], other[64], upper[64];
    size_t same_len = san_rfc822(same, sizeof same, "a@example.com", "example.com");
    size_t other_len = san_rfc822(other, sizeof other, "b@example.com", NULL);
    size_t upper_len = san_rfc822(upper, sizeof upper, "A@example.com", NULL);
    tcert t;
    tcert_defaults(&t);
    tn_opts o = {.subject = s};
    cr_assert_eq(lint_o(&t, &o, r), 1); /* no SAN at all */
    tcert_add_ext(&t, "2.5.29.17", 0, same, same_len);
    cr_assert_eq(lint_o(&t, &o, r), 0);
    tcert_defaults(&t);
    tcert_add_ext(&t, "2.5.29.17", 0, other, other_len);
    cr_assert_eq(lint_o(&t, &o, r), 1);
    /* Compared octet for octet, as zlint and pkilint do. */
    tcert_defaults(&t);
    tcert_add_ext(&t, "2.5.29.17", 0, upper, upper_len);
    cr_assert_eq(lint_o(&t, &o, r), 1);
    /* A SAN that does not decode is reported once, as malformed. */
    static const uint8_t broken[] = {0x30, 0x05, 0x81, 0x01, 0x61};
    tcert_defaults(&t);
    tcert_add_ext(&t, "2.5.29.17", 0, broken, sizeof broken);
    cr_assert_eq(lint_o(&t, &o, r), 0);
    cr_assert_eq(lint_o(&t, &o, "rfc5280.extensions.malformed"), 1);
    /* No emailAddress, nothing to find. */
    tcert_defaults(&t);
    cr_assert_eq(lint_t(&t, r), 0);
}

Test(names, email_address_deprecated) {
    const char *r = "rfc5280.subject.email_address_deprecated";
    tcert t;
    tcert_defaults(&t);
    cr_assert_eq(lint_t(&t, r), 0);
    cr_assert_eq(lint_attr(OID_EMAIL, IA5, "a@example.com", 0, r), 1);
}

/* --- Subject: upper bounds --- */

typedef struct bound_case {
    const char *oid;
    uint32_t tag;
    size_t bound;
    const char *rule;
} bound_case;

static void check_bound(const bound_case *c) {
    size_t n;
    const char *ok = rep(1, c->tag == IA5 ? "a" : "x", c->bound, &n);
    cr_assert_eq(lint_attr(c->oid, c->tag, ok, n, c->rule), 0, "%s at %zu", c->rule, c->bound);
    const char *bad = rep(1, c->tag == IA5 ? "a" : "x", c->bound + 1, &n);
    cr_assert_eq(lint_attr(c->oid, c->tag, bad, n, c->rule), 1, "%s above %zu", c->rule, c->bound);
}

Test(names, upper_bounds) {
    static const bound_case cases[] = {
        {OID_CN, UTF8, 64, "rfc5280.subject.common_name_too_long"},
        {OID_O, UTF8, 64, "rfc5280.subject.organization_too_long"},
        {OID_OU, UTF8, 64, "rfc5280.subject.organizational_unit_too_long"},
        {OID_L, UTF8, 128, "rfc5280.subject.locality_too_long"},
        {OID_ST, UTF8, 128, "rfc5280.subject.state_too_long"},
        {OID_TITLE, UTF8, 64, "rfc5280.subject.title_too_long"},
        {OID_SERIAL, PRINT, 64, "rfc5280.subject.serial_number_too_long"},
        {OID_EMAIL, IA5, 255, "rfc5280.subject.email_too_long"},
        {OID_PSEUDO, UTF8, 128, "rfc5280.subject.pseudonym_too_long"},
        {OID_GIVEN, UTF8, 32768, "rfc5280.subject.given_name_too_long"},
        {OID_SN, UTF8, 32768, "rfc5280.subject.surname_too_long"},
        {OID_NAME, UTF8, 32768, "rfc5280.subject.x520name_too_long"},
        {OID_INITIALS, UTF8, 32768, "rfc5280.subject.x520name_too_long"},
        {OID_GENQ, UTF8, 32768, "rfc5280.subject.x520name_too_long"},
        {OID_STREET, UTF8, 128, "x520.subject.street_address_too_long"},
        {OID_POSTAL, UTF8, 40, "x520.subject.postal_code_too_long"},
        {OID_GIVEN, UTF8, 64, "rfc5280.subject.given_name_over_64"},
        {OID_SN, UTF8, 64, "rfc5280.subject.surname_over_64"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_bound(&cases[i]);
    }
}

Test(names, upper_bounds_count_characters) {
    const char *r = "rfc5280.subject.common_name_too_long";
    size_t n;
    /* 64 two-octet characters are 128 octets, still within the bound. */
    const char *e = rep(0, "\xC3\xA9", 64, &n);
    cr_assert_eq(lint_attr(OID_CN, UTF8, e, n, r), 0);
    e = rep(0, "\xC3\xA9", 65, &n);
    cr_assert_eq(lint_attr(OID_CN, UTF8, e, n, r), 1);
    /* BMPString: two octets per character. */
    char bmp[130];
    for (int i = 0; i < 65; i++) {
        bmp[2 * i] = 0;
        bmp[2 * i + 1] = 'x';
    }
    cr_assert_eq(lint_attr(OID_CN, BMP, bmp, 128, r), 0);
    cr_assert_eq(lint_attr(OID_CN, BMP, bmp, 130, r), 1);
    /* givenName over 64 is only the notice, not the ub-name error. */
    e = rep(0, "x", 65, &n);
    cr_assert_eq(lint_attr(OID_GIVEN, UTF8, e, n, "rfc5280.subject.given_name_too_long"), 0);
}

/* --- Validity --- */

static int lint_times(const char *nb, uint32_t nb_tag, const char *na, uint32_t na_tag,
                      const char *rule) {
    tcert t;
    tcert_defaults(&t);
    t.not_before = nb;
    t.not_before_tag = nb_tag;
    t.not_after = na;
    t.not_after_tag = na_tag;
    return lint_t(&t, rule);
}

#define UTC CS_DER_UTCTIME
#define GEN CS_DER_GENERALIZEDTIME

Test(names, utc_time_no_seconds) {
    const char *r = "rfc5280.validity.utc_time_no_seconds";
    cr_assert_eq(lint_times("250101000000Z", UTC, "260101000000Z", UTC, r), 0);
    cr_assert_eq(lint_times("2501010000Z", UTC, "260101000000Z", UTC, r), 1);
    cr_assert_eq(lint_times("250101000000Z", UTC, "2601010000+0100", UTC, r), 1);
    /* An offset with seconds is the other rule's. */
    cr_assert_eq(lint_times("250101000000+0100", UTC, "260101000000Z", UTC, r), 0);
}

Test(names, utc_time_not_zulu) {
    const char *r = "rfc5280.validity.utc_time_not_zulu";
    cr_assert_eq(lint_times("250101000000Z", UTC, "260101000000Z", UTC, r), 0);
    cr_assert_eq(lint_times("250101000000+0100", UTC, "260101000000Z", UTC, r), 1);
    cr_assert_eq(lint_times("250101000000Z", UTC, "2601010000-0500", UTC, r), 1);
}

Test(names, generalized_time_no_seconds) {
    const char *r = "rfc5280.validity.generalized_time_no_seconds";
    cr_assert_eq(lint_times("250101000000Z", UTC, "20500101000000Z", GEN, r), 0);
    cr_assert_eq(lint_times("250101000000Z", UTC, "205001010000Z", GEN, r), 1);
    /* UTCTime without seconds is the other rule's. */
    cr_assert_eq(lint_times("2501010000Z", UTC, "20500101000000Z", GEN, r), 0);
}

Test(names, generalized_time_fraction) {
    const char *r = "rfc5280.validity.generalized_time_fraction";
    cr_assert_eq(lint_times("250101000000Z", UTC, "20500101000000Z", GEN, r), 0);
    cr_assert_eq(lint_times("250101000000Z", UTC, "20500101000000.5Z", GEN, r), 1);
    cr_assert_eq(lint_times("250101000000Z", UTC, "20500101000000,25Z", GEN, r), 1);
}

Test(names, generalized_time_not_zulu) {
    const char *r = "rfc5280.validity.generalized_time_not_zulu";
    cr_assert_eq(lint_times("250101000000Z", UTC, "20500101000000Z", GEN, r), 0);
    cr_assert_eq(lint_times("250101000000Z", UTC, "20500101000000+0100", GEN, r), 1);
    cr_assert_eq(lint_times("250101000000Z", UTC, "20500101000000", GEN, r), 1); /* local */
}

Test(names, validity_negative) {
    const char *r = "rfc5280.validity.negative";
    cr_assert_eq(lint_times("250101000000Z", UTC, "260101000000Z", UTC, r), 0);
    cr_assert_eq(lint_times("250101000000Z", UTC, "250101000000Z", UTC, r), 0);
    cr_assert_eq(lint_times("250101000001Z", UTC, "250101000000Z", UTC, r), 1);
    /* Compared as instants, offsets applied. */
    cr_assert_eq(lint_times("250101020000+0100", UTC, "250101013000Z", UTC, r), 0);
    cr_assert_eq(lint_times("250101020000-0100", UTC, "250101023000Z", UTC, r), 1);
}

/* --- Version and unique identifiers --- */

Test(names, version_invalid) {
    const char *r = "rfc5280.version.invalid";
    tcert t;
    tcert_defaults(&t);
    cr_assert_eq(lint_t(&t, r), 0);
    t.version = 1;
    cr_assert_eq(lint_t(&t, r), 0);
    t.version = 3;
    cr_assert_eq(lint_t(&t, r), 1);
    t.version = 200;
    cr_assert_eq(lint_t(&t, r), 1);
}

Test(names, version_explicit_v1) {
    const char *r = "rfc5280.version.explicit_v1";
    tcert t;
    tcert_defaults(&t);
    t.with_extensions = 0;
    t.version = -1;
    cr_assert_eq(lint_t(&t, r), 0);
    t.version = 0;
    cr_assert_eq(lint_t(&t, r), 1);
    t.version = 2;
    cr_assert_eq(lint_t(&t, r), 0);
}

Test(names, version_not_minimal) {
    const char *r = "rfc5280.version.not_minimal";
    static const uint8_t v3_long[] = {0xA0, 0x04, 0x02, 0x02, 0x00, 0x02};
    static const uint8_t v3[] = {0xA0, 0x03, 0x02, 0x01, 0x02};
    tcert t;
    tcert_defaults(&t);
    tn_opts o = {.version_tlv = v3, .version_tlv_len = sizeof v3};
    cr_assert_eq(lint_o(&t, &o, r), 0);
    o.version_tlv = v3_long;
    o.version_tlv_len = sizeof v3_long;
    cr_assert_eq(lint_o(&t, &o, r), 1);
    cr_assert_eq(lint_o(&t, &o, "rfc5280.version.invalid"), 0);
}

Test(names, unique_id_present) {
    const char *r = "rfc5280.unique_id.present";
    static const uint8_t uid[] = {0x00, 0x12, 0x34};
    tcert t;
    tcert_defaults(&t);
    tn_opts none = {0};
    tn_opts issuer = {.issuer_uid = uid, .issuer_uid_len = sizeof uid};
    tn_opts subject = {.subject_uid = uid, .subject_uid_len = sizeof uid};
    cr_assert_eq(lint_o(&t, &none, r), 0);
    cr_assert_eq(lint_o(&t, &issuer, r), 1);
    cr_assert_eq(lint_o(&t, &subject, r), 1);
    /* Before RFC 5280 (RFC 3280 allowed them): not judged. */
    t.not_before = "080101000000Z";
    cr_assert_eq(lint_o(&t, &subject, r), 0);
}

Test(names, unique_id_version) {
    const char *r = "rfc5280.unique_id.version";
    static const uint8_t uid[] = {0x00, 0x12, 0x34};
    tcert t;
    tcert_defaults(&t);
    tn_opts o = {.subject_uid = uid, .subject_uid_len = sizeof uid};
    cr_assert_eq(lint_o(&t, &o, r), 0); /* v3 */
    t.version = 1;
    cr_assert_eq(lint_o(&t, &o, r), 0); /* v2 */
    t.with_extensions = 0;
    t.version = -1;
    cr_assert_eq(lint_o(&t, &o, r), 1); /* v1 */
    t.version = 0;
    cr_assert_eq(lint_o(&t, &o, r), 1); /* explicit v1 */
    /* No unique identifier: nothing to judge. */
    tn_opts none = {0};
    cr_assert_eq(lint_o(&t, &none, r), 0);
}
