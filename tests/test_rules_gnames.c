/* The GeneralName extension rules (subjectAltName, issuerAltName, SmtpUTF8Mailbox,
 * nameConstraints, cRLDistributionPoints, freshestCRL, authority/subject information access) on
 * crafted certificates that pass and fail each rule, and the name syntax checks behind them. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "scanner/engine.h"
#include "scanner/gn_syntax.h"
#include "tests/support/lintone.h"
#include "tests/support/tcert.h"
#include "tests/support/tcert_gnames.h"

/* --- helpers --- */

static tcert subscriber(void) {
    tcert t;
    tcert_defaults(&t);
    return t;
}

static tcert ca(void) {
    tcert t;
    tcert_defaults(&t);
    t.subject_cn = "certscan test sub CA";
    tcert_make_ca(&t);
    return t;
}

/* subjectAltName (non-critical) with one name in a subscriber certificate. */
static int san1(const char *rule, void (*w)(derb *, const char *), const char *value) {
    tcert t = subscriber();
    return tgn_lint_one_name(&t, TGN_OID_SAN, 0, w, value, rule);
}

/* issuerAltName with one name in a subscriber certificate. */
static int ian1(const char *rule, void (*w)(derb *, const char *), const char *value) {
    tcert t = subscriber();
    return tgn_lint_one_name(&t, TGN_OID_IAN, 0, w, value, rule);
}

static void w_smtp(derb *b, const char *v) {
    tgn_smtp(b, v);
}

static void w_dirname(derb *b, const char *v) {
    tgn_dirname(b, v);
}

static void w_ip4(derb *b, const char *v) {
    (void)v;
    static const uint8_t ip[] = {192, 0, 2, 1};
    tgn_ip(b, ip, sizeof ip);
}

static void w_ip5(derb *b, const char *v) {
    (void)v;
    static const uint8_t ip[] = {192, 0, 2, 1, 7};
    tgn_ip(b, ip, sizeof ip);
}

static void w_ip16(derb *b, const char *v) {
    (void)v;
    static const uint8_t ip[16] = {0x20, 0x01, 0x0d, 0xb8};
    tgn_ip(b, ip, sizeof ip);
}

static void w_ip_empty(derb *b, const char *v) {
    (void)v;
    tgn_ip(b, NULL, 0);
}

/* The detail sentence a rule writes for a certificate (empty when the rule has no finding). */
static void detail_of(const tcert *t, const char *rule_id, char *buf, size_t len) {
    char err[256];
    size_t der_len;
    uint8_t *der = tcert_build(t, &der_len);
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    cr_assert_not_null(rs, "%s", err);
    long index = cs_ruleset_find(rs, rule_id);
    cr_assert_geq(index, 0, "no rule %s", rule_id);
    cs_x509 *x = malloc(sizeof *x);
    cs_batch *b = malloc(sizeof *b);
    uint64_t *fail = calloc(cs_ruleset_count(rs), sizeof *fail);
    cs_der_error derr;
    cr_assert(cs_x509_parse(x, der, der_len, &derr));
    cs_batch_reset(b, NULL);
    cs_batch_add(b, x);
    cs_engine_eval(rs, b, fail);
    buf[0] = '\0';
    const cs_rule *r = cs_ruleset_rule(rs, (size_t)index);
    if ((fail[index] & 1) && r->detail != NULL) {
        cs_cert_ctx ctx = {x, &b->facts[0]};
        r->detail(&ctx, buf, len);
    }
    free(fail);
    free(b);
    free(x);
    cs_ruleset_free(rs);
    free(der);
}

/* --- name syntax checks --- */

Test(gn_syntax, punycode_decodes_rfc3492_samples) {
    uint32_t out[64];
    const char *bucher = "bcher-kva";
    int n = cs_punycode_decode((const uint8_t *)bucher, strlen(bucher), out, 64);
    cr_assert_eq(n, 6);
    cr_assert_eq(out[0], 'b');
    cr_assert_eq(out[1], 0xFC); /* ü */
    cr_assert_eq(out[5], 'r');
    const char *moskva = "80adxhks"; /* москва */
    n = cs_punycode_decode((const uint8_t *)moskva, strlen(moskva), out, 64);
    cr_assert_eq(n, 6);
    cr_assert_eq(out[0], 0x43C);
    cr_assert_eq(out[5], 0x430);
    /* RFC 3492 §7.1 (A) Arabic (Egyptian). */
    const char *arabic = "egbpdaj6bu4bxfgehfvwxn";
    n = cs_punycode_decode((const uint8_t *)arabic, strlen(arabic), out, 64);
    cr_assert_eq(n, 17);
    cr_assert_eq(out[0], 0x644);
    cr_assert_eq(out[16], 0x61F);
}

Test(gn_syntax, punycode_rejects_bad_input) {
    uint32_t out[64];
    const char *bad[] = {"12311613412431243", "abc-!", "99999999999", "a-"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int n = cs_punycode_decode((const uint8_t *)bad[i], strlen(bad[i]), out, 64);
        if (i == 3) {
            cr_assert_eq(n, 1, "basic-only input decodes");
        } else {
            cr_assert_lt(n, 0, "%s", bad[i]);
        }
    }
}

Test(gn_syntax, a_labels) {
    cr_assert(cs_a_label_valid((const uint8_t *)"xn--bcher-kva", 13));
    cr_assert(cs_a_label_valid((const uint8_t *)"XN--BCHER-KVA", 13));
    cr_assert(!cs_a_label_valid((const uint8_t *)"xn--abc-", 8), "fake A-label (ASCII only)");
    cr_assert(!cs_a_label_valid((const uint8_t *)"xn--", 4));
    cr_assert(!cs_a_label_valid((const uint8_t *)"xn--12311613412431243", 21));
}

static uint32_t dns(const char *s, unsigned opts) {
    return cs_dns_check((const uint8_t *)s, strlen(s), opts);
}

Test(gn_syntax, dns_names) {
    cr_assert_eq(dns("www.example.com", 0), 0);
    cr_assert_eq(dns("1.example.com", 0), 0, "RFC 1123 allows a leading digit");
    cr_assert_eq(dns("", 0), CS_DNS_EMPTY);
    cr_assert_eq(dns(" ", 0), CS_DNS_SPACE);
    cr_assert(dns(".example.com", 0) & CS_DNS_EMPTY_LABEL);
    cr_assert(dns("example.com.", 0) & CS_DNS_EMPTY_LABEL);
    cr_assert(dns("a..b", 0) & CS_DNS_EMPTY_LABEL);
    cr_assert(dns("-a.example.com", 0) & CS_DNS_HYPHEN_EDGE);
    cr_assert(dns("a_b.example.com", 0) & CS_DNS_UNDERSCORE);
    cr_assert(dns("a b.example.com", 0) & CS_DNS_BAD_CHAR);
    cr_assert(dns("*.example.com", 0) & CS_DNS_BAD_CHAR);
    cr_assert_eq(dns("*.example.com", CS_DNS_ALLOW_WILDCARD), CS_DNS_WILDCARD);
    cr_assert(dns("*.com", CS_DNS_ALLOW_WILDCARD) & CS_DNS_SINGLE_LABEL);
    cr_assert(dns("*", CS_DNS_ALLOW_WILDCARD) & CS_DNS_BAD_CHAR);
    cr_assert(dns("a.*.com", CS_DNS_ALLOW_WILDCARD) & CS_DNS_BAD_CHAR);
    cr_assert(dns("Example.com", 0) & CS_DNS_UPPERCASE);
    cr_assert(dns("b\xc3\xbc"
                  "cher.example",
                  0) &
              CS_DNS_NOT_IA5);
    cr_assert(dns("localhost", 0) & CS_DNS_SINGLE_LABEL);
    cr_assert(dns("192.0.2.1", 0) & CS_DNS_NUMERIC_TLD);
    cr_assert_eq(dns(".example.com", CS_DNS_ALLOW_LEADING_DOT), CS_DNS_LEADING_DOT);
    cr_assert(dns("xn--abc-.example", 0) & CS_DNS_BAD_A_LABEL);
    char label[70];
    memset(label, 'a', sizeof label);
    snprintf(label + 63, sizeof label - 63, ".com");
    cr_assert_eq(dns(label, 0), 0, "a 63-octet label");
    label[63] = 'a';
    snprintf(label + 64, sizeof label - 64, ".co");
    cr_assert(dns(label, 0) & CS_DNS_LABEL_TOO_LONG);
}

static uint32_t uri(const char *s) {
    return cs_uri_check((const uint8_t *)s, strlen(s), CS_URI_CHECK_HOST);
}

Test(gn_syntax, uris) {
    cr_assert_eq(uri("https://www.example.com/path?q=1#f"), 0);
    cr_assert_eq(uri("http://crl.example.com/ca.crl"), CS_URI_HTTP);
    cr_assert_eq(uri("HTTP://crl.example.com/ca.crl"), CS_URI_HTTP);
    cr_assert_eq(uri("sip:alice@example.com"), 0);
    cr_assert_eq(uri("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"), 0);
    cr_assert_eq(uri("https://192.0.2.1:8443/"), 0);
    cr_assert_eq(uri("https://[2001:db8::1]/"), 0);
    cr_assert_eq(uri(""), CS_URI_EMPTY);
    cr_assert(uri("www.example.com") & CS_URI_RELATIVE);
    cr_assert(uri("//www.example.com/") & CS_URI_RELATIVE);
    cr_assert(uri("https:") & CS_URI_NO_SSP);
    cr_assert(uri("https://") & CS_URI_NO_SSP);
    cr_assert(uri("http://a.example/a b") & CS_URI_BAD_SYNTAX);
    cr_assert(uri("http://a.example/%zz") & CS_URI_BAD_SYNTAX);
    cr_assert(uri("http://a.example:8o/") & CS_URI_BAD_SYNTAX);
    cr_assert(uri("http://localhost/") & CS_URI_HOST_INVALID);
    cr_assert(uri("file:///etc/hosts") & CS_URI_HOST_INVALID);
    cr_assert(uri("https://b\xc3\xbc"
                  "cher.example/") &
              CS_URI_NOT_IA5);
    uint32_t ldap = uri("ldap://ldap.example.com/cn=CA,o=Example?certificateRevocationList;binary");
    cr_assert_eq(ldap, CS_URI_LDAP);
    cr_assert(uri("ldap://ldap.example.com/cn=CA,o=Example") & CS_URI_LDAP_NO_ATTRS);
    cr_assert(uri("ldap://ldap.example.com/?certificateRevocationList") & CS_URI_LDAP_NO_DN);
    cr_assert(uri("ldap://ldap.example.com") & CS_URI_LDAP_NO_DN);
    cr_assert(uri("ldap://h.example.com/cn=CA?a,b") & CS_URI_LDAP_MANY_ATTRS);
    cr_assert(uri("ldap:///cn=CA?certificateRevocationList") & CS_URI_LDAP_NO_HOST);
    /* Without CS_URI_CHECK_HOST the host is not judged, LDAP URLs still are. */
    const char *local = "http://localhost/";
    cr_assert_eq(cs_uri_check((const uint8_t *)local, strlen(local), 0), CS_URI_HTTP);
    const char *no_host = "ldap:///cn=CA";
    cr_assert_eq(cs_uri_check((const uint8_t *)no_host, strlen(no_host), 0),
                 CS_URI_LDAP | CS_URI_LDAP_NO_HOST | CS_URI_LDAP_NO_ATTRS);
}

/* The 16-octet fast path and the octet-by-octet path must agree wherever the odd octet is. */
Test(gn_syntax, uri_octets_at_every_position) {
    static const char odd[] = {' ', '"', '<', '>', '\\', '^', '`', '{', '|', '}', 0x7F, 0x01};
    for (size_t len = 8; len <= 40; len++) {
        char text[48];
        memcpy(text, "http://", 7);
        memset(text + 7, 'a', len - 7);
        text[len] = '\0';
        cr_assert_eq(uri(text) & (CS_URI_BAD_SYNTAX | CS_URI_NOT_IA5), 0, "%s", text);
        text[len - 1] = '~';
        cr_assert_eq(uri(text) & CS_URI_BAD_SYNTAX, 0, "'~' is unreserved");
        for (size_t pos = 7; pos < len; pos++) {
            for (size_t k = 0; k < sizeof odd; k++) {
                memset(text + 7, 'a', len - 7);
                text[pos] = odd[k];
                cr_assert(uri(text) & CS_URI_BAD_SYNTAX, "0x%02x at %zu of %zu", odd[k], pos, len);
            }
            memset(text + 7, 'g', len - 7);
            text[pos] = '%';
            cr_assert(uri(text) & CS_URI_BAD_SYNTAX, "'%%' at %zu of %zu", pos, len);
            memset(text + 7, 'a', len - 7);
            text[pos] = (char)0xC3;
            cr_assert(uri(text) & CS_URI_NOT_IA5, "non-ASCII at %zu of %zu", pos, len);
        }
    }
}

Test(gn_syntax, dns_octets_at_every_position) {
    for (size_t len = 3; len <= 70; len++) {
        char text[80];
        memset(text, 'a', len);
        text[len / 2] = '.';
        text[len] = '\0';
        uint32_t base = dns(text, 0);
        cr_assert_eq(base & (CS_DNS_SYNTAX | CS_DNS_NOT_IA5 | CS_DNS_UPPERCASE), 0, "%s", text);
        for (size_t pos = 0; pos < len; pos++) {
            if (pos == len / 2) {
                continue;
            }
            text[pos] = 'A';
            cr_assert(dns(text, 0) & CS_DNS_UPPERCASE, "capital at %zu of %zu", pos, len);
            text[pos] = '_';
            cr_assert(dns(text, 0) & CS_DNS_UNDERSCORE, "'_' at %zu of %zu", pos, len);
            text[pos] = (char)0xC3;
            cr_assert(dns(text, 0) & CS_DNS_NOT_IA5, "non-ASCII at %zu of %zu", pos, len);
            text[pos] = '.';
            uint32_t dotted = dns(text, 0);
            cr_assert_eq((dotted & CS_DNS_EMPTY_LABEL) != 0,
                         pos == 0 || pos == len - 1 || pos + 1 == len / 2 || pos == len / 2 + 1,
                         "dot at %zu of %zu", pos, len);
            text[pos] = '-';
            cr_assert_eq((dns(text, 0) & CS_DNS_HYPHEN_EDGE) != 0,
                         pos == 0 || pos == len - 1 || pos + 1 == len / 2 || pos == len / 2 + 1,
                         "hyphen at %zu of %zu", pos, len);
            text[pos] = 'a';
        }
    }
}

static uint32_t mbx(const char *s) {
    return cs_mailbox_check((const uint8_t *)s, strlen(s));
}

Test(gn_syntax, mailboxes) {
    cr_assert_eq(mbx("user@example.com"), 0);
    cr_assert_eq(mbx("first.last+tag@mail.example.com"), 0);
    cr_assert_eq(mbx("\"john doe\"@example.com"), 0);
    cr_assert_eq(mbx("\"a@b\"@example.com"), 0);
    cr_assert_eq(mbx("user@[192.0.2.1]"), 0);
    cr_assert_eq(mbx("user@localhost"), 0);
    cr_assert_eq(mbx(""), CS_MBX_EMPTY);
    cr_assert(mbx("example.com") & CS_MBX_NO_AT);
    cr_assert(mbx("John Doe <jd@example.com>") & CS_MBX_BAD_LOCAL);
    cr_assert(mbx("jd@example.com (John)") & CS_MBX_BAD_DOMAIN);
    cr_assert(mbx("<jd@example.com>") & CS_MBX_BAD_LOCAL);
    cr_assert(mbx(".jd@example.com") & CS_MBX_BAD_LOCAL);
    cr_assert(mbx("j..d@example.com") & CS_MBX_BAD_LOCAL);
    cr_assert(mbx("jd@-example.com") & CS_MBX_BAD_DOMAIN);
    cr_assert(mbx("j\xc3\xbc@example.com") & CS_MBX_NOT_IA5);
}

/* The '@' and high-octet scan goes 16 octets at a time: the last '@' and a non-ASCII octet are
 * found in any chunk, the tail included, and nothing past the value counts. */
Test(gn_syntax, mailboxes_across_chunks) {
    /* '@' in the third chunk, at offset 40. */
    cr_assert_eq(mbx("abcdefghij.abcdefghij.abcdefghij.abcdefg@example.com"), 0);
    /* The last '@' decides: a quoted '@' in the first chunk, the real one in the second. */
    cr_assert_eq(mbx("\"a@bcdefghijklmnopqrs\"@example.com"), 0);
    /* A quoted '@' in the second chunk with no '@' after it leaves the domain "example.com\"". */
    cr_assert(mbx("\"abcdefghijklmnopq@example.com\"") & CS_MBX_BAD_LOCAL);
    /* Exactly 16 and 32 octets. */
    cr_assert_eq(mbx("abcdefgh@exam.pl"), 0);
    cr_assert_eq(mbx("abcdefghijklmnopqrstuvw@exam.com"), 0);
    /* A non-ASCII octet in the tail chunk only. */
    cr_assert(mbx("abcdefghijklmnop@example.co\xc3\xbc") & CS_MBX_NOT_IA5);
    cr_assert(mbx("abcdefghijklmnopqrstuvwxyzabcdefghij") & CS_MBX_NO_AT);
    /* A value cut before its '@': the octets after it are not read. */
    cr_assert(cs_mailbox_check((const uint8_t *)"abcdefghijklmnopqr@example.com", 18) &
              CS_MBX_NO_AT);
}

static uint32_t smtp(const char *s) {
    return cs_smtputf8_check(CS_DER_UTF8STRING, (const uint8_t *)s, strlen(s));
}

Test(gn_syntax, smtputf8_mailboxes) {
    cr_assert_eq(smtp("\xe7\x94\xa8\xe6\x88\xb7@example.com"), 0);
    cr_assert_eq(smtp("\xe7\x94\xa8\xe6\x88\xb7@xn--fsqu00a.example"), 0);
    cr_assert_eq(smtp("user@example.com"), CS_SMTP_ASCII_LOCAL);
    cr_assert(smtp("\xe7\x94\xa8@Example.com") & CS_SMTP_UPPERCASE);
    cr_assert(smtp("\xe7\x94\xa8@\xe4\xbe\x8b\xe5\xad\x90.example") & CS_SMTP_BAD_DOMAIN);
    cr_assert(smtp("\xef\xbb\xbf\xe7\x94\xa8@example.com") & CS_SMTP_BOM);
    cr_assert_eq(smtp("\xe7\x94\xa8"
                      "example.com"),
                 CS_SMTP_SYNTAX);
    cr_assert_eq(smtp("\xc0\xaf@example.com"), CS_SMTP_NOT_UTF8, "overlong");
    cr_assert_eq(cs_smtputf8_check(CS_DER_IA5STRING, (const uint8_t *)"a@b.c", 5),
                 CS_SMTP_NOT_UTF8);
}

Test(gn_syntax, ip_constraints) {
    static const uint8_t ok4[] = {192, 0, 2, 0, 255, 255, 255, 0};
    static const uint8_t all4[] = {0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t holes[] = {192, 0, 2, 0, 255, 0, 255, 0};
    static const uint8_t host_bits[] = {192, 0, 2, 1, 255, 255, 255, 0};
    uint8_t ok6[32] = {0x20, 0x01, 0x0d, 0xb8};
    memset(ok6 + 16, 0xFF, 4);
    cr_assert_eq(cs_ip_constraint_check(ok4, sizeof ok4), 0);
    cr_assert_eq(cs_ip_constraint_check(all4, sizeof all4), 0);
    cr_assert_eq(cs_ip_constraint_check(ok6, sizeof ok6), 0);
    cr_assert_eq(cs_ip_constraint_check(holes, sizeof holes), CS_IPNC_NOT_CIDR);
    cr_assert_eq(cs_ip_constraint_check(host_bits, sizeof host_bits), CS_IPNC_NOT_CIDR);
    cr_assert_eq(cs_ip_constraint_check(ok4, 4), CS_IPNC_LENGTH);
}

/* --- subjectAltName --- */

Test(gnames, good_extensions_have_no_gnames_findings) {
    tcert t = subscriber();
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    tgn_dns(&b, "www.example.com");
    tgn_dns(&b, "*.example.com");
    tgn_dns(&b, "xn--bcher-kva.example");
    tgn_rfc822(&b, "user@example.com");
    tgn_uri(&b, "https://www.example.com/");
    w_ip4(&b, NULL);
    w_ip16(&b, NULL);
    tgn_smtp(&b, "\xe7\x94\xa8\xe6\x88\xb7@example.com");
    derb_close(&b);
    tgn_add(&t, &bag, TGN_OID_SAN, 0, &b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_CONTEXT_CONS(0));
    derb_open(&b, CS_DER_CONTEXT_CONS(0));
    tgn_uri(&b, "http://crl.example.com/ca.crl");
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    tgn_add(&t, &bag, TGN_OID_CRLDP, 0, &b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, TGN_OID_AD_OCSP);
    tgn_uri(&b, "http://ocsp.example.com");
    derb_close(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, TGN_OID_AD_CA_ISSUERS);
    tgn_uri(&b, "http://ca.example.com/ca.crt");
    derb_close(&b);
    derb_close(&b);
    tgn_add(&t, &bag, TGN_OID_AIA, 0, &b);
    size_t len;
    uint8_t *der = tcert_build(&t, &len);
    size_t count;
    const cs_rule *const *rules = cs_rules_linked(&count);
    static const char *const prefixes[] = {"rfc5280.san.",
                                           "rfc5280.ian.",
                                           "rfc9549.",
                                           "rfc9598.",
                                           "rfc5280.name_constraints.",
                                           "rfc5280.crldp.",
                                           "rfc5280.freshest_crl.",
                                           "rfc5280.aia.",
                                           "rfc5280.sia."};
    size_t checked = 0;
    for (size_t i = 0; i < count; i++) {
        for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
            if (strncmp(rules[i]->id, prefixes[p], strlen(prefixes[p])) == 0) {
                cr_assert_eq(lintone(der, len, rules[i]->id, NULL), 0, "%s", rules[i]->id);
                checked++;
            }
        }
    }
    cr_assert_gt(checked, 80);
    cr_assert_eq(lintone(der, len, "rfc5280.extensions.malformed", NULL), 0);
    free(der);
    tgn_bag_free(&bag);
    derb_free(&b);
}

Test(gnames, san_missing_with_empty_subject) {
    const char *rule = "rfc5280.san.missing_with_empty_subject";
    tcert t = subscriber();
    cr_assert_eq(tgn_lint(&t, rule), 0);
    t.subject_cn = NULL;
    cr_assert_eq(tgn_lint(&t, rule), 1);
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_SAN, 1, tgn_rfc822, "a@example.com", rule), 0);
}

Test(gnames, san_not_critical_with_empty_subject) {
    const char *rule = "rfc5280.san.not_critical_with_empty_subject";
    tcert t = subscriber();
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_SAN, 0, tgn_dns, "a.example.com", rule), 0);
    t.subject_cn = NULL;
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_SAN, 0, tgn_dns, "a.example.com", rule), 1);
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_SAN, 1, tgn_dns, "a.example.com", rule), 0);
}

Test(gnames, san_critical_with_subject) {
    const char *rule = "rfc5280.san.critical_with_subject";
    tcert t = subscriber();
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_SAN, 0, tgn_dns, "a.example.com", rule), 0);
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_SAN, 1, tgn_dns, "a.example.com", rule), 1);
    t.subject_cn = NULL;
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_SAN, 1, tgn_dns, "a.example.com", rule), 0);
}

Test(gnames, san_no_entries) {
    static const uint8_t empty_seq[] = {0x30, 0x00};
    tcert t = subscriber();
    cr_assert_eq(san1("rfc5280.san.no_entries", tgn_dns, "a.example.com"), 0);
    tcert_add_ext(&t, TGN_OID_SAN, 0, empty_seq, sizeof empty_seq);
    cr_assert_eq(tgn_lint(&t, "rfc5280.san.no_entries"), 1);
    cr_assert_eq(tgn_lint(&t, "rfc5280.extensions.malformed"), 0);
}

Test(gnames, san_empty_name) {
    const char *rule = "rfc5280.san.empty_name";
    cr_assert_eq(san1(rule, tgn_dns, "a.example.com"), 0);
    cr_assert_eq(san1(rule, tgn_dns, ""), 1);
    cr_assert_eq(san1(rule, tgn_rfc822, ""), 1);
    cr_assert_eq(san1(rule, tgn_uri, ""), 1);
    cr_assert_eq(san1(rule, w_ip_empty, NULL), 1);
    cr_assert_eq(san1(rule, w_dirname, NULL), 1);
    cr_assert_eq(san1(rule, w_dirname, "someone"), 0);
    /* An empty name is reported once, not as a syntax error as well. */
    cr_assert_eq(san1("rfc5280.san.rfc822_invalid", tgn_rfc822, ""), 0);
    cr_assert_eq(san1("rfc5280.san.dns_bad_character", tgn_dns, ""), 0);
}

Test(gnames, san_dns_not_ia5) {
    const char *rule = "rfc5280.san.dns_not_ia5";
    cr_assert_eq(san1(rule, tgn_dns, "xn--bcher-kva.example"), 0);
    cr_assert_eq(san1(rule, tgn_dns,
                      "b\xc3\xbc"
                      "cher.example"),
                 1);
}

Test(gnames, san_dns_space) {
    const char *rule = "rfc5280.san.dns_space";
    cr_assert_eq(san1(rule, tgn_dns, " "), 1);
    cr_assert_eq(san1(rule, tgn_dns, "a.example.com"), 0);
    cr_assert_eq(san1("rfc5280.san.dns_bad_character", tgn_dns, " "), 0);
}

Test(gnames, san_dns_empty_label) {
    const char *rule = "rfc5280.san.dns_empty_label";
    cr_assert_eq(san1(rule, tgn_dns, "example.com"), 0);
    cr_assert_eq(san1(rule, tgn_dns, ".example.com"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "a..example.com"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "example.com."), 1);
    /* Like zlint's e_rfc_dnsname_empty_label, judged in subscriber certificates only. */
    tcert t = ca();
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_SAN, 0, tgn_dns, ".example.com", rule), 0);
}

Test(gnames, san_dns_label_too_long) {
    const char *rule = "rfc5280.san.dns_label_too_long";
    char name[80];
    memset(name, 'a', 63);
    snprintf(name + 63, sizeof name - 63, ".example.com");
    cr_assert_eq(san1(rule, tgn_dns, name), 0);
    memset(name, 'a', 64);
    snprintf(name + 64, sizeof name - 64, ".example.com");
    cr_assert_eq(san1(rule, tgn_dns, name), 1);
}

Test(gnames, san_dns_too_long) {
    const char *rule = "rfc5280.san.dns_too_long";
    char name[300];
    /* 4 labels of 62 octets and dots: 4 * 63 = 252, then one more octet label. */
    size_t o = 0;
    for (int i = 0; i < 4; i++) {
        memset(name + o, 'a' + i, 62);
        o += 62;
        name[o++] = '.';
    }
    name[o++] = 'b';
    name[o] = '\0';
    cr_assert_eq(strlen(name), 253);
    cr_assert_eq(san1(rule, tgn_dns, name), 0);
    name[o++] = 'c';
    name[o] = '\0';
    cr_assert_eq(san1(rule, tgn_dns, name), 1);
    tcert t = ca();
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_SAN, 0, tgn_dns, name, rule), 1);
}

Test(gnames, san_dns_hyphen) {
    const char *rule = "rfc5280.san.dns_hyphen";
    cr_assert_eq(san1(rule, tgn_dns, "a-b.example.com"), 0);
    cr_assert_eq(san1(rule, tgn_dns, "xn--bcher-kva.example"), 0);
    cr_assert_eq(san1(rule, tgn_dns, "-subtlety.co.uk"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "subtlety-.co.uk"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "www-.subtlety.co.uk"), 1);
}

Test(gnames, san_dns_underscore) {
    const char *rule = "rfc5280.san.dns_underscore";
    cr_assert_eq(san1(rule, tgn_dns, "subtlety.co.uk"), 0);
    cr_assert_eq(san1(rule, tgn_dns, "s_ubtlety.co.uk"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "a_.subtlety.co.uk"), 1);
}

Test(gnames, san_dns_bad_character) {
    const char *rule = "rfc5280.san.dns_bad_character";
    cr_assert_eq(san1(rule, tgn_dns, "*.example.com"), 0);
    cr_assert_eq(san1(rule, tgn_dns, "a b.example.com"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "http://www.example.com"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "a.*.example.com"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "*"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "a\x01.example.com"), 1);
}

Test(gnames, san_dns_invalid_a_label) {
    const char *rule = "rfc9549.san.dns_invalid_a_label";
    cr_assert_eq(san1(rule, tgn_dns, "xn--bcher-kva.example"), 0);
    cr_assert_eq(san1(rule, tgn_dns, "www.xn----7sbaabin3cbc7afgb4aiqh6v.xn--80adxhks"), 0);
    cr_assert_eq(san1(rule, tgn_dns, "xN--12311613412431243.com"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "xn--abc-.example"), 1);
    cr_assert_eq(san1(rule, tgn_dns, "xn--.example"), 1);
    tcert t = ca();
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_SAN, 0, tgn_dns, "xn--abc-.example", rule), 1);
}

Test(gnames, san_rfc822_invalid) {
    const char *rule = "rfc5280.san.rfc822_invalid";
    cr_assert_eq(san1(rule, tgn_rfc822, "user@example.com"), 0);
    cr_assert_eq(san1(rule, tgn_rfc822, "\"john doe\"@example.com"), 0);
    cr_assert_eq(san1(rule, tgn_rfc822, "John Doe <jd@example.com>"), 1);
    cr_assert_eq(san1(rule, tgn_rfc822, "jd@example.com (John)"), 1);
    cr_assert_eq(san1(rule, tgn_rfc822, "example.com"), 1);
    cr_assert_eq(san1(rule, tgn_rfc822, "j\xc3\xbc@example.com"), 1);
    cr_assert_eq(san1(rule, tgn_rfc822, "jd@bad_domain.example"), 1);
}

Test(gnames, san_uri_not_ia5) {
    const char *rule = "rfc5280.san.uri_not_ia5";
    cr_assert_eq(san1(rule, tgn_uri, "https://www.example.com/"), 0);
    cr_assert_eq(san1(rule, tgn_uri,
                      "https://b\xc3\xbc"
                      "cher.example/"),
                 1);
}

Test(gnames, san_uri_relative) {
    const char *rule = "rfc5280.san.uri_relative";
    cr_assert_eq(san1(rule, tgn_uri, "https://www.example.com"), 0);
    cr_assert_eq(san1(rule, tgn_uri, "www.example.com"), 1);
    cr_assert_eq(san1(rule, tgn_uri, "//www.example.com/x"), 1);
    /* Reported once: a relative URI has no authority to judge. */
    cr_assert_eq(san1("rfc5280.san.uri_host", tgn_uri, "www.example.com"), 0);
    cr_assert_eq(san1("rfc5280.san.uri_invalid", tgn_uri, "www.example.com"), 0);
}

Test(gnames, san_uri_invalid) {
    const char *rule = "rfc5280.san.uri_invalid";
    cr_assert_eq(san1(rule, tgn_uri, "sip:alice@example.com"), 0);
    cr_assert_eq(san1(rule, tgn_uri, "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"), 0);
    cr_assert_eq(san1(rule, tgn_uri, "https://"), 1);
    cr_assert_eq(san1(rule, tgn_uri, "mailto:"), 1);
    cr_assert_eq(san1(rule, tgn_uri, "https://www.example.com/a b"), 1);
    cr_assert_eq(san1(rule, tgn_uri, "https://www.example.com/%g0"), 1);
    cr_assert_eq(san1(rule, tgn_uri, "https://www.example.com:44x/"), 1);
}

Test(gnames, san_uri_host) {
    const char *rule = "rfc5280.san.uri_host";
    cr_assert_eq(san1(rule, tgn_uri, "test://user@www.example.com:1337/test"), 0);
    cr_assert_eq(san1(rule, tgn_uri, "test://user@*.example.com:1337/test"), 0);
    cr_assert_eq(san1(rule, tgn_uri, "https://192.0.2.1/"), 0);
    cr_assert_eq(san1(rule, tgn_uri, "https://[2001:db8::1]:443/"), 0);
    cr_assert_eq(san1(rule, tgn_uri, "sip:alice@sip.example.com"), 0);
    cr_assert_eq(san1(rule, tgn_uri, "https://localhost/"), 1);
    cr_assert_eq(san1(rule, tgn_uri, "test://user@*:1337/test"), 1);
    cr_assert_eq(san1(rule, tgn_uri, "test://user@*.com:1337/test"), 1);
    cr_assert_eq(san1(rule, tgn_uri, "file:///etc/hosts"), 1);
}

Test(gnames, san_ip_length) {
    const char *rule = "rfc5280.san.ip_length";
    cr_assert_eq(san1(rule, w_ip4, NULL), 0);
    cr_assert_eq(san1(rule, w_ip16, NULL), 0);
    cr_assert_eq(san1(rule, w_ip5, NULL), 1);
}

Test(gnames, san_malformed_reported_once) {
    /* A [9] tag is outside the GeneralName CHOICE: the extension is malformed. */
    static const uint8_t bad[] = {0x30, 0x05, 0x89, 0x03, 'a', '.', 'b'};
    tcert t = subscriber();
    tcert_add_ext(&t, TGN_OID_SAN, 0, bad, sizeof bad);
    cr_assert_eq(tgn_lint(&t, "rfc5280.extensions.malformed"), 1);
    cr_assert_eq(tgn_lint(&t, "rfc5280.san.no_entries"), 0);
    char detail[256];
    detail_of(&t, "rfc5280.extensions.malformed", detail, sizeof detail);
    cr_assert(strstr(detail, "subjectAltName") != NULL, "%s", detail);
}

Test(gnames, san_details_name_the_entry) {
    tcert t = subscriber();
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    tgn_dns(&b, "good.example.com");
    tgn_dns(&b, "bad..example.com");
    derb_close(&b);
    tgn_add(&t, &bag, TGN_OID_SAN, 0, &b);
    char detail[256];
    detail_of(&t, "rfc5280.san.dns_empty_label", detail, sizeof detail);
    cr_assert(strstr(detail, "\"bad..example.com\"") != NULL, "%s", detail);
    cr_assert(strstr(detail, "dNSName") != NULL, "%s", detail);
    tgn_bag_free(&bag);
    derb_free(&b);
}

/* --- issuerAltName --- */

Test(gnames, ian_critical) {
    tcert t = subscriber();
    const char *rule = "rfc5280.ian.critical";
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_IAN, 0, tgn_dns, "ca.example.com", rule), 0);
    cr_assert_eq(tgn_lint_one_name(&t, TGN_OID_IAN, 1, tgn_dns, "ca.example.com", rule), 1);
}

Test(gnames, ian_no_entries) {
    static const uint8_t empty_seq[] = {0x30, 0x00};
    tcert t = subscriber();
    cr_assert_eq(ian1("rfc5280.ian.no_entries", tgn_dns, "ca.example.com"), 0);
    tcert_add_ext(&t, TGN_OID_IAN, 0, empty_seq, sizeof empty_seq);
    cr_assert_eq(tgn_lint(&t, "rfc5280.ian.no_entries"), 1);
}

Test(gnames, ian_empty_name) {
    cr_assert_eq(ian1("rfc5280.ian.empty_name", tgn_dns, "ca.example.com"), 0);
    cr_assert_eq(ian1("rfc5280.ian.empty_name", tgn_rfc822, ""), 1);
}

Test(gnames, ian_dns_forms) {
    cr_assert_eq(ian1("rfc5280.ian.dns_not_ia5", tgn_dns, "ca.example.com"), 0);
    cr_assert_eq(ian1("rfc5280.ian.dns_not_ia5", tgn_dns,
                      "b\xc3\xbc"
                      "cher.example"),
                 1);
    cr_assert_eq(ian1("rfc5280.ian.dns_space", tgn_dns, " "), 1);
    cr_assert_eq(ian1("rfc5280.ian.dns_space", tgn_dns, "ca.example.com"), 0);
    const char *rule = "rfc5280.ian.dns_invalid";
    cr_assert_eq(ian1(rule, tgn_dns, "ca.example.com"), 0);
    cr_assert_eq(ian1(rule, tgn_dns, "ca..example.com"), 1);
    cr_assert_eq(ian1(rule, tgn_dns, "c_a.example.com"), 1);
    cr_assert_eq(ian1(rule, tgn_dns, "-ca.example.com"), 1);
    cr_assert_eq(ian1(rule, tgn_dns, "xn--abc-.example"), 1);
}

Test(gnames, ian_rfc822_invalid) {
    const char *rule = "rfc5280.ian.rfc822_invalid";
    cr_assert_eq(ian1(rule, tgn_rfc822, "ca@example.com"), 0);
    cr_assert_eq(ian1(rule, tgn_rfc822, "<ca@example.com>"), 1);
}

Test(gnames, ian_uris) {
    cr_assert_eq(ian1("rfc5280.ian.uri_not_ia5", tgn_uri, "https://ca.example/"), 0);
    cr_assert_eq(ian1("rfc5280.ian.uri_not_ia5", tgn_uri, "https://b\xc3\xbc.example/"), 1);
    cr_assert_eq(ian1("rfc5280.ian.uri_relative", tgn_uri, "https://ca.example.com/"), 0);
    cr_assert_eq(ian1("rfc5280.ian.uri_relative", tgn_uri, "ca.example.com"), 1);
    cr_assert_eq(ian1("rfc5280.ian.uri_invalid", tgn_uri, "https://ca.example.com/"), 0);
    cr_assert_eq(ian1("rfc5280.ian.uri_invalid", tgn_uri, "https://"), 1);
    cr_assert_eq(ian1("rfc5280.ian.uri_host", tgn_uri, "https://ca.example.com/"), 0);
    cr_assert_eq(ian1("rfc5280.ian.uri_host", tgn_uri, "https://ca/"), 1);
}

Test(gnames, ian_ip_length) {
    cr_assert_eq(ian1("rfc5280.ian.ip_length", w_ip4, NULL), 0);
    cr_assert_eq(ian1("rfc5280.ian.ip_length", w_ip5, NULL), 1);
}

/* --- SmtpUTF8Mailbox --- */

#define UNAME "\xe7\x94\xa8\xe6\x88\xb7" /* 用户 */

Test(gnames, smtputf8_not_utf8string) {
    const char *rule = "rfc9598.smtputf8.not_utf8string";
    cr_assert_eq(san1(rule, w_smtp, UNAME "@example.com"), 0);
    cr_assert_eq(san1(rule, w_smtp, "\xff\xfe@example.com"), 1);
    tcert t = subscriber();
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    tgn_other(&b, TGN_OID_SMTPUTF8, CS_DER_IA5STRING, "a@example.com", 13);
    derb_close(&b);
    tgn_add(&t, &bag, TGN_OID_SAN, 0, &b);
    cr_assert_eq(tgn_lint(&t, rule), 1);
    tgn_bag_free(&bag);
    derb_free(&b);
}

Test(gnames, smtputf8_invalid_syntax) {
    const char *rule = "rfc9598.smtputf8.invalid_syntax";
    cr_assert_eq(san1(rule, w_smtp, UNAME "@example.com"), 0);
    cr_assert_eq(san1(rule, w_smtp, UNAME "example.com"), 1);
    cr_assert_eq(san1(rule, w_smtp, "@example.com"), 1);
    cr_assert_eq(san1(rule, w_smtp, UNAME "@"), 1);
}

Test(gnames, smtputf8_ascii_local_part) {
    const char *rule = "rfc9598.smtputf8.ascii_local_part";
    cr_assert_eq(san1(rule, w_smtp, UNAME "@example.com"), 0);
    cr_assert_eq(san1(rule, w_smtp, "user@example.com"), 1);
    /* Judged in issuerAltName too. */
    cr_assert_eq(ian1(rule, w_smtp, "user@example.com"), 1);
}

Test(gnames, smtputf8_bom) {
    const char *rule = "rfc9598.smtputf8.bom";
    cr_assert_eq(san1(rule, w_smtp, UNAME "@example.com"), 0);
    cr_assert_eq(san1(rule, w_smtp, "\xef\xbb\xbf" UNAME "@example.com"), 1);
}

Test(gnames, smtputf8_domain_uppercase) {
    const char *rule = "rfc9598.smtputf8.domain_uppercase";
    cr_assert_eq(san1(rule, w_smtp, UNAME "@example.com"), 0);
    cr_assert_eq(san1(rule, w_smtp, UNAME "@Example.com"), 1);
    cr_assert_eq(san1(rule, w_smtp, UNAME "@XN--FSQU00A.example"), 1);
}

Test(gnames, smtputf8_domain_invalid) {
    const char *rule = "rfc9598.smtputf8.domain_invalid";
    cr_assert_eq(san1(rule, w_smtp, UNAME "@xn--fsqu00a.example"), 0);
    cr_assert_eq(san1(rule, w_smtp, UNAME "@\xe4\xbe\x8b\xe5\xad\x90.example"), 1);
    cr_assert_eq(san1(rule, w_smtp, UNAME "@bad_domain.example"), 1);
    cr_assert_eq(san1(rule, w_smtp, UNAME "@xn--abc-.example"), 1);
}

Test(gnames, smtputf8_other_other_names_ignored) {
    static const char upn[] = "user@example.com";
    tcert t = subscriber();
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    tgn_other(&b, "1.3.6.1.4.1.311.20.2.3", CS_DER_UTF8STRING, upn, sizeof upn - 1);
    derb_close(&b);
    tgn_add(&t, &bag, TGN_OID_SAN, 0, &b);
    cr_assert_eq(tgn_lint(&t, "rfc9598.smtputf8.ascii_local_part"), 0);
    tgn_bag_free(&bag);
    derb_free(&b);
}

/* --- nameConstraints --- */

typedef struct nc_spec {
    void (*write)(derb *b, const char *v);
    const char *value;
    int minimum; /* -1: absent */
    int maximum; /* -1: absent */
    int excluded;
} nc_spec;

static void w_nc_ip(derb *b, const char *v) {
    /* value: 8 or 32 raw octets after a length byte */
    tgn_ip(b, (const uint8_t *)v + 1, (size_t)(uint8_t)v[0]);
}

static void w_x400(derb *b, const char *v) {
    (void)v;
    tgn_x400(b);
}

static void w_edi(derb *b, const char *v) {
    tgn_edi(b, v);
}

static void w_rid(derb *b, const char *v) {
    tgn_rid(b, v);
}

/* nameConstraints with one subtree, in certificate `t`. */
static int nc_lint(tcert t, int critical, const nc_spec *s, const char *rule) {
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_CONTEXT_CONS(s->excluded ? 1 : 0));
    derb_open(&b, CS_DER_SEQUENCE);
    s->write(&b, s->value);
    if (s->minimum >= 0) {
        uint8_t v = (uint8_t)s->minimum;
        derb_prim(&b, CS_DER_CONTEXT(0), &v, 1);
    }
    if (s->maximum >= 0) {
        uint8_t v = (uint8_t)s->maximum;
        derb_prim(&b, CS_DER_CONTEXT(1), &v, 1);
    }
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    tgn_add(&t, &bag, TGN_OID_NC, critical, &b);
    int r = tgn_lint(&t, rule);
    tgn_bag_free(&bag);
    derb_free(&b);
    return r;
}

static int nc1(const char *rule, void (*w)(derb *, const char *), const char *v) {
    nc_spec s = {w, v, -1, -1, 0};
    return nc_lint(ca(), 1, &s, rule);
}

Test(gnames, nc_not_ca) {
    const char *rule = "rfc5280.name_constraints.not_ca";
    nc_spec s = {tgn_dns, "example.com", -1, -1, 0};
    cr_assert_eq(nc_lint(ca(), 1, &s, rule), 0);
    cr_assert_eq(nc_lint(subscriber(), 1, &s, rule), 1);
}

Test(gnames, nc_not_critical) {
    const char *rule = "rfc5280.name_constraints.not_critical";
    nc_spec s = {tgn_dns, "example.com", -1, -1, 0};
    cr_assert_eq(nc_lint(ca(), 1, &s, rule), 0);
    cr_assert_eq(nc_lint(ca(), 0, &s, rule), 1);
}

Test(gnames, nc_empty_and_empty_subtrees) {
    static const uint8_t empty[] = {0x30, 0x00};
    static const uint8_t empty_permitted[] = {0x30, 0x02, 0xA0, 0x00};
    tcert t = ca();
    tcert_add_ext(&t, TGN_OID_NC, 1, empty, sizeof empty);
    cr_assert_eq(tgn_lint(&t, "rfc5280.name_constraints.empty"), 1);
    cr_assert_eq(tgn_lint(&t, "rfc5280.name_constraints.empty_subtrees"), 0);
    t = ca();
    tcert_add_ext(&t, TGN_OID_NC, 1, empty_permitted, sizeof empty_permitted);
    cr_assert_eq(tgn_lint(&t, "rfc5280.name_constraints.empty"), 0);
    cr_assert_eq(tgn_lint(&t, "rfc5280.name_constraints.empty_subtrees"), 1);
    cr_assert_eq(nc1("rfc5280.name_constraints.empty", tgn_dns, "example.com"), 0);
    cr_assert_eq(nc1("rfc5280.name_constraints.empty_subtrees", tgn_dns, "example.com"), 0);
}

Test(gnames, nc_minimum_and_maximum) {
    nc_spec s = {tgn_dns, "example.com", -1, -1, 0};
    cr_assert_eq(nc_lint(ca(), 1, &s, "rfc5280.name_constraints.minimum_not_zero"), 0);
    cr_assert_eq(nc_lint(ca(), 1, &s, "rfc5280.name_constraints.minimum_encoded"), 0);
    cr_assert_eq(nc_lint(ca(), 1, &s, "rfc5280.name_constraints.maximum_present"), 0);
    s.minimum = 1;
    cr_assert_eq(nc_lint(ca(), 1, &s, "rfc5280.name_constraints.minimum_not_zero"), 1);
    cr_assert_eq(nc_lint(ca(), 1, &s, "rfc5280.name_constraints.minimum_encoded"), 0);
    s.minimum = 0;
    cr_assert_eq(nc_lint(ca(), 1, &s, "rfc5280.name_constraints.minimum_not_zero"), 0);
    cr_assert_eq(nc_lint(ca(), 1, &s, "rfc5280.name_constraints.minimum_encoded"), 1);
    s.minimum = -1;
    s.maximum = 0;
    s.excluded = 1;
    cr_assert_eq(nc_lint(ca(), 1, &s, "rfc5280.name_constraints.maximum_present"), 1);
}

Test(gnames, nc_discouraged_forms) {
    cr_assert_eq(nc1("rfc5280.name_constraints.x400", w_x400, NULL), 1);
    cr_assert_eq(nc1("rfc5280.name_constraints.x400", tgn_dns, "example.com"), 0);
    cr_assert_eq(nc1("rfc5280.name_constraints.edi_party", w_edi, "party"), 1);
    cr_assert_eq(nc1("rfc5280.name_constraints.edi_party", tgn_dns, "example.com"), 0);
    cr_assert_eq(nc1("rfc5280.name_constraints.registered_id", w_rid, "1.2.3.4"), 1);
    cr_assert_eq(nc1("rfc5280.name_constraints.registered_id", tgn_dns, "example.com"), 0);
}

Test(gnames, nc_ip) {
    static const char ok[] = {8, (char)192, 0, 2, 0, (char)255, (char)255, (char)255, 0};
    static const char short4[] = {4, (char)192, 0, 2, 0};
    static const char holes[] = {8, (char)192, 0, 2, 0, (char)255, 0, (char)255, 0};
    static const char host[] = {8, (char)192, 0, 2, 1, (char)255, (char)255, (char)255, 0};
    cr_assert_eq(nc1("rfc5280.name_constraints.ip_length", w_nc_ip, ok), 0);
    cr_assert_eq(nc1("rfc5280.name_constraints.ip_length", w_nc_ip, short4), 1);
    cr_assert_eq(nc1("rfc5280.name_constraints.ip_not_cidr", w_nc_ip, ok), 0);
    cr_assert_eq(nc1("rfc5280.name_constraints.ip_not_cidr", w_nc_ip, holes), 1);
    cr_assert_eq(nc1("rfc5280.name_constraints.ip_not_cidr", w_nc_ip, host), 1);
    cr_assert_eq(nc1("rfc5280.name_constraints.ip_not_cidr", w_nc_ip, short4), 0);
    /* The detail writes the constraint as address/mask. */
    tcert t = ca();
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_CONTEXT_CONS(0));
    derb_open(&b, CS_DER_SEQUENCE);
    w_nc_ip(&b, holes);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    tgn_add(&t, &bag, TGN_OID_NC, 1, &b);
    char detail[256];
    detail_of(&t, "rfc5280.name_constraints.ip_not_cidr", detail, sizeof detail);
    cr_assert(strstr(detail, "iPAddress 192.0.2.0/255.0.255.0 in permittedSubtrees") != NULL, "%s",
              detail);
    tgn_bag_free(&bag);
    derb_free(&b);
}

Test(gnames, nc_uri_not_fqdn) {
    const char *rule = "rfc5280.name_constraints.uri_not_fqdn";
    cr_assert_eq(nc1(rule, tgn_uri, "host.example.com"), 0);
    cr_assert_eq(nc1(rule, tgn_uri, ".example.com"), 0);
    cr_assert_eq(nc1(rule, tgn_uri, "example"), 1);
    cr_assert_eq(nc1(rule, tgn_uri, ".example"), 1);
    cr_assert_eq(nc1(rule, tgn_uri, "dns://192.168.1.1/ftp.example.org?type=A"), 1);
    cr_assert_eq(nc1(rule, tgn_uri, "192.168.1.1"), 1);
}

Test(gnames, nc_dns) {
    cr_assert_eq(nc1("rfc5280.name_constraints.dns_leading_dot", tgn_dns, "example.com"), 0);
    cr_assert_eq(nc1("rfc5280.name_constraints.dns_leading_dot", tgn_dns, ""), 0);
    cr_assert_eq(nc1("rfc5280.name_constraints.dns_leading_dot", tgn_dns, ".example.com"), 1);
    cr_assert_eq(nc1("rfc5280.name_constraints.dns_invalid", tgn_dns, "example.com"), 0);
    cr_assert_eq(nc1("rfc5280.name_constraints.dns_invalid", tgn_dns, ""), 0);
    cr_assert_eq(nc1("rfc5280.name_constraints.dns_invalid", tgn_dns, ".example.com"), 0);
    cr_assert_eq(nc1("rfc5280.name_constraints.dns_invalid", tgn_dns, "example.com "), 1);
    cr_assert_eq(nc1("rfc5280.name_constraints.dns_invalid", tgn_dns, "*.example.com"), 1);
}

Test(gnames, nc_rfc822) {
    const char *mailbox = "rfc9549.name_constraints.rfc822_mailbox";
    const char *invalid = "rfc5280.name_constraints.rfc822_invalid";
    cr_assert_eq(nc1(mailbox, tgn_rfc822, "example.com"), 0);
    cr_assert_eq(nc1(mailbox, tgn_rfc822, ".example.com"), 0);
    cr_assert_eq(nc1(mailbox, tgn_rfc822, "user@example.com"), 1);
    cr_assert_eq(nc1(invalid, tgn_rfc822, "example.com"), 0);
    cr_assert_eq(nc1(invalid, tgn_rfc822, ".example.com"), 0);
    cr_assert_eq(nc1(invalid, tgn_rfc822, "user@example.com"), 0);
    cr_assert_eq(nc1(invalid, tgn_rfc822, "@example.com"), 1);
    cr_assert_eq(nc1(invalid, tgn_rfc822, ""), 1);
    cr_assert_eq(nc1(invalid, tgn_rfc822, "exa mple.com"), 1);
}

Test(gnames, nc_detail_names_the_subtree) {
    tcert t = ca();
    nc_spec s = {tgn_dns, ".example.com", -1, -1, 1};
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_CONTEXT_CONS(1));
    derb_open(&b, CS_DER_SEQUENCE);
    s.write(&b, s.value);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    tgn_add(&t, &bag, TGN_OID_NC, 1, &b);
    char detail[256];
    detail_of(&t, "rfc5280.name_constraints.dns_leading_dot", detail, sizeof detail);
    cr_assert(strstr(detail, "\".example.com\" in excludedSubtrees") != NULL, "%s", detail);
    tgn_bag_free(&bag);
    derb_free(&b);
}

/* --- cRLDistributionPoints and freshestCRL --- */

enum { ISSUER_NONE, ISSUER_OTHER_DN, ISSUER_SAME_DN, ISSUER_URI, ISSUER_TWO_DNS, ISSUER_EMPTY };

typedef struct dp_spec {
    int has_name;
    int relative;           /* nameRelativeToCRLIssuer instead of fullName */
    const char *uri;        /* fullName URI; NULL: fullName with a directoryName, "" with nothing */
    const uint8_t *reasons; /* BIT STRING content, or NULL */
    size_t reasons_len;
    int issuer;
} dp_spec;

static void write_dp(derb *b, const dp_spec *s) {
    derb_open(b, CS_DER_SEQUENCE);
    if (s->has_name) {
        derb_open(b, CS_DER_CONTEXT_CONS(0));
        if (s->relative) {
            derb_open(b, CS_DER_CONTEXT_CONS(1));
            derb_open(b, CS_DER_SEQUENCE);
            derb_oid(b, "2.5.4.3");
            derb_str(b, CS_DER_UTF8STRING, "CRL1");
            derb_close(b);
            derb_close(b);
        } else {
            derb_open(b, CS_DER_CONTEXT_CONS(0));
            if (s->uri == NULL) {
                tgn_dirname(b, "CRL1");
            } else if (s->uri[0] != '\0') {
                tgn_uri(b, s->uri);
            }
            derb_close(b);
        }
        derb_close(b);
    }
    if (s->reasons != NULL) {
        derb_prim(b, CS_DER_CONTEXT(1), s->reasons, s->reasons_len);
    }
    if (s->issuer != ISSUER_NONE) {
        derb_open(b, CS_DER_CONTEXT_CONS(2));
        switch (s->issuer) {
        case ISSUER_OTHER_DN:
            tgn_dirname(b, "Another CRL Issuer");
            break;
        case ISSUER_SAME_DN:
            tgn_dirname_tcert(b, "certscan Test CA");
            break;
        case ISSUER_URI:
            tgn_uri(b, "http://crl.example.com/ca.crl");
            break;
        case ISSUER_TWO_DNS:
            tgn_dirname(b, "CRL Issuer A");
            tgn_dirname(b, "CRL Issuer B");
            break;
        default:
            break;
        }
        derb_close(b);
    }
    derb_close(b);
}

/* A certificate whose extension `oid` (cRLDistributionPoints or freshestCRL) holds these points. */
static int dp_lint(const char *oid, int critical, const dp_spec *dps, int n, const char *rule) {
    tcert t = subscriber();
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    for (int i = 0; i < n; i++) {
        write_dp(&b, &dps[i]);
    }
    derb_close(&b);
    tgn_add(&t, &bag, oid, critical, &b);
    int r = tgn_lint(&t, rule);
    tgn_bag_free(&bag);
    derb_free(&b);
    return r;
}

static const char *const dp_oids[2] = {TGN_OID_CRLDP, TGN_OID_FRESHEST};
static const char *const dp_prefix[2] = {"rfc5280.crldp.", "rfc5280.freshest_crl."};

/* Lints both extensions with the same points for rule `<prefix><what>`. */
#define DP_BOTH(critical, dps, n, what, expected)                                                  \
    for (int e_ = 0; e_ < 2; e_++) {                                                               \
        char rule_[128];                                                                           \
        snprintf(rule_, sizeof rule_, "%s%s", dp_prefix[e_], what);                                \
        cr_assert_eq(dp_lint(dp_oids[e_], critical, dps, n, rule_), expected, "%s line %d", rule_, \
                     __LINE__);                                                                    \
    }

static const uint8_t some_reasons[] = {0x05, 0x60};      /* keyCompromise, cACompromise */
static const uint8_t all_reasons[] = {0x07, 0x7F, 0x80}; /* keyCompromise .. aACompromise */

Test(gnames, dp_critical) {
    dp_spec ok = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_NONE};
    DP_BOTH(0, &ok, 1, "critical", 0);
    DP_BOTH(1, &ok, 1, "critical", 1);
}

Test(gnames, dp_no_entries) {
    static const uint8_t empty[] = {0x30, 0x00};
    for (int e = 0; e < 2; e++) {
        char rule[128];
        snprintf(rule, sizeof rule, "%sno_entries", dp_prefix[e]);
        tcert t = subscriber();
        tcert_add_ext(&t, dp_oids[e], 0, empty, sizeof empty);
        cr_assert_eq(tgn_lint(&t, rule), 1, "%s", rule);
    }
    dp_spec ok = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_NONE};
    DP_BOTH(0, &ok, 1, "no_entries", 0);
}

Test(gnames, dp_incomplete) {
    dp_spec reasons_only = {0, 0, NULL, some_reasons, sizeof some_reasons, ISSUER_NONE};
    dp_spec nothing = {0, 0, NULL, NULL, 0, ISSUER_NONE};
    dp_spec issuer_only = {0, 0, NULL, NULL, 0, ISSUER_OTHER_DN};
    dp_spec ok = {1,          0, "http://crl.example.com/ca.crl", some_reasons, sizeof some_reasons,
                  ISSUER_NONE};
    DP_BOTH(0, &reasons_only, 1, "incomplete", 1);
    DP_BOTH(0, &nothing, 1, "incomplete", 1);
    DP_BOTH(0, &issuer_only, 1, "incomplete", 0);
    DP_BOTH(0, &ok, 1, "incomplete", 0);
}

Test(gnames, dp_empty_general_names) {
    dp_spec empty_full = {1, 0, "", NULL, 0, ISSUER_NONE};
    dp_spec empty_issuer = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_EMPTY};
    dp_spec ok = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_OTHER_DN};
    DP_BOTH(0, &empty_full, 1, "empty_general_names", 1);
    DP_BOTH(0, &empty_issuer, 1, "empty_general_names", 1);
    DP_BOTH(0, &ok, 1, "empty_general_names", 0);
}

Test(gnames, dp_no_http_or_ldap_uri) {
    dp_spec https = {1, 0, "https://crl.example.com/ca.crl", NULL, 0, ISSUER_NONE};
    dp_spec dirname = {1, 0, NULL, NULL, 0, ISSUER_NONE};
    dp_spec relative = {1, 1, NULL, NULL, 0, ISSUER_OTHER_DN};
    dp_spec http = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_NONE};
    dp_spec ldap = {1,    0, "ldap://ldap.example.com/cn=CA?certificateRevocationList",
                    NULL, 0, ISSUER_NONE};
    dp_spec issuer_only = {0, 0, NULL, NULL, 0, ISSUER_OTHER_DN};
    DP_BOTH(0, &https, 1, "no_http_or_ldap_uri", 1);
    DP_BOTH(0, &dirname, 1, "no_http_or_ldap_uri", 1);
    DP_BOTH(0, &relative, 1, "no_http_or_ldap_uri", 1);
    DP_BOTH(0, &http, 1, "no_http_or_ldap_uri", 0);
    DP_BOTH(0, &ldap, 1, "no_http_or_ldap_uri", 0);
    DP_BOTH(0, &issuer_only, 1, "no_http_or_ldap_uri", 0);
    dp_spec mixed[2] = {http, dirname};
    DP_BOTH(0, mixed, 2, "no_http_or_ldap_uri", 1);
}

Test(gnames, dp_uri_invalid) {
    dp_spec ok = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_NONE};
    dp_spec relative = {1, 0, "crl.example.com/ca.crl", NULL, 0, ISSUER_NONE};
    dp_spec space = {1, 0, "http://crl.example.com/ca.crl ", NULL, 0, ISSUER_NONE};
    DP_BOTH(0, &ok, 1, "uri_invalid", 0);
    DP_BOTH(0, &relative, 1, "uri_invalid", 1);
    DP_BOTH(0, &space, 1, "uri_invalid", 1);
}

Test(gnames, dp_ldap_uri) {
    dp_spec ok = {
        1,    0, "ldap://ldap.example.com/cn=CA,o=Example?certificateRevocationList;binary",
        NULL, 0, ISSUER_NONE};
    dp_spec no_attr = {1, 0, "ldap://ldap.example.com/cn=CA,o=Example", NULL, 0, ISSUER_NONE};
    dp_spec no_dn = {1,    0, "ldap://ldap.example.com/?certificateRevocationList",
                     NULL, 0, ISSUER_NONE};
    dp_spec two = {1,    0, "ldap://ldap.example.com/cn=CA?certificateRevocationList,x",
                   NULL, 0, ISSUER_NONE};
    dp_spec no_host = {1, 0, "ldap:///cn=CA?certificateRevocationList", NULL, 0, ISSUER_NONE};
    DP_BOTH(0, &ok, 1, "ldap_uri_incomplete", 0);
    DP_BOTH(0, &no_attr, 1, "ldap_uri_incomplete", 1);
    DP_BOTH(0, &no_dn, 1, "ldap_uri_incomplete", 1);
    DP_BOTH(0, &two, 1, "ldap_uri_incomplete", 1);
    DP_BOTH(0, &no_host, 1, "ldap_uri_incomplete", 0);
    DP_BOTH(0, &ok, 1, "ldap_uri_no_host", 0);
    DP_BOTH(0, &no_host, 1, "ldap_uri_no_host", 1);
}

Test(gnames, dp_crl_issuer) {
    dp_spec other = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_OTHER_DN};
    dp_spec same = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_SAME_DN};
    dp_spec uri = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_URI};
    DP_BOTH(0, &other, 1, "crl_issuer_not_directory_name", 0);
    DP_BOTH(0, &uri, 1, "crl_issuer_not_directory_name", 1);
    DP_BOTH(0, &other, 1, "crl_issuer_is_issuer", 0);
    DP_BOTH(0, &same, 1, "crl_issuer_is_issuer", 1);
}

Test(gnames, dp_relative_name) {
    dp_spec full = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_OTHER_DN};
    dp_spec relative = {1, 1, NULL, NULL, 0, ISSUER_OTHER_DN};
    dp_spec relative_two = {1, 1, NULL, NULL, 0, ISSUER_TWO_DNS};
    DP_BOTH(0, &full, 1, "relative_name", 0);
    DP_BOTH(0, &relative, 1, "relative_name", 1);
    DP_BOTH(0, &relative, 1, "relative_name_multiple_issuers", 0);
    DP_BOTH(0, &relative_two, 1, "relative_name_multiple_issuers", 1);
}

Test(gnames, dp_no_all_reasons) {
    dp_spec some = {
        1, 0, "http://crl.example.com/a.crl", some_reasons, sizeof some_reasons, ISSUER_NONE};
    dp_spec all = {1,          0, "http://crl.example.com/b.crl", all_reasons, sizeof all_reasons,
                   ISSUER_NONE};
    dp_spec none = {1, 0, "http://crl.example.com/c.crl", NULL, 0, ISSUER_NONE};
    DP_BOTH(0, &some, 1, "no_all_reasons", 1);
    DP_BOTH(0, &all, 1, "no_all_reasons", 0);
    DP_BOTH(0, &none, 1, "no_all_reasons", 0);
    dp_spec two[2] = {some, none};
    DP_BOTH(0, two, 2, "no_all_reasons", 0);
}

Test(gnames, dp_detail_names_the_point) {
    tcert t = subscriber();
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    dp_spec ok = {1, 0, "http://crl.example.com/ca.crl", NULL, 0, ISSUER_NONE};
    dp_spec bad = {0, 0, NULL, some_reasons, sizeof some_reasons, ISSUER_NONE};
    write_dp(&b, &ok);
    write_dp(&b, &bad);
    derb_close(&b);
    tgn_add(&t, &bag, TGN_OID_CRLDP, 0, &b);
    char detail[256];
    detail_of(&t, "rfc5280.crldp.incomplete", detail, sizeof detail);
    cr_assert(strstr(detail, "distribution point 2") != NULL, "%s", detail);
    tgn_bag_free(&bag);
    derb_free(&b);
}

/* --- authorityInfoAccess and subjectInfoAccess --- */

typedef struct ad_spec {
    const char *method;
    void (*write)(derb *b, const char *v);
    const char *value;
} ad_spec;

static int ad_lint(const char *oid, int critical, const ad_spec *ads, int n, const char *rule) {
    tcert t = subscriber();
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    for (int i = 0; i < n; i++) {
        derb_open(&b, CS_DER_SEQUENCE);
        derb_oid(&b, ads[i].method);
        ads[i].write(&b, ads[i].value);
        derb_close(&b);
    }
    derb_close(&b);
    tgn_add(&t, &bag, oid, critical, &b);
    int r = tgn_lint(&t, rule);
    tgn_bag_free(&bag);
    derb_free(&b);
    return r;
}

Test(gnames, aia_sia_critical) {
    ad_spec ocsp = {TGN_OID_AD_OCSP, tgn_uri, "http://ocsp.example.com"};
    ad_spec repo = {TGN_OID_AD_CA_REPOSITORY, tgn_uri, "http://repo.example.com/"};
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &ocsp, 1, "rfc5280.aia.critical"), 0);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 1, &ocsp, 1, "rfc5280.aia.critical"), 1);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &repo, 1, "rfc5280.sia.critical"), 0);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 1, &repo, 1, "rfc5280.sia.critical"), 1);
}

Test(gnames, aia_sia_no_entries) {
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, NULL, 0, "rfc5280.aia.no_entries"), 1);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, NULL, 0, "rfc5280.sia.no_entries"), 1);
    ad_spec ocsp = {TGN_OID_AD_OCSP, tgn_uri, "http://ocsp.example.com"};
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &ocsp, 1, "rfc5280.aia.no_entries"), 0);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &ocsp, 1, "rfc5280.sia.no_entries"), 0);
}

Test(gnames, aia_ca_issuers_no_http_or_ldap_uri) {
    const char *rule = "rfc5280.aia.ca_issuers_no_http_or_ldap_uri";
    ad_spec ocsp = {TGN_OID_AD_OCSP, tgn_uri, "http://ocsp.example.com"};
    ad_spec http = {TGN_OID_AD_CA_ISSUERS, tgn_uri, "http://ca.example.com/ca.crt"};
    ad_spec ldap = {TGN_OID_AD_CA_ISSUERS, tgn_uri,
                    "ldap://ldap.example.com/cn=CA?cACertificate;binary"};
    ad_spec https = {TGN_OID_AD_CA_ISSUERS, tgn_uri, "https://ca.example.com/ca.crt"};
    ad_spec dirname = {TGN_OID_AD_CA_ISSUERS, w_dirname, "CA"};
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &ocsp, 1, rule), 0);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &http, 1, rule), 0);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &ldap, 1, rule), 0);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &https, 1, rule), 1);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &dirname, 1, rule), 1);
    ad_spec both[2] = {https, http};
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, both, 2, rule), 0);
}

Test(gnames, sia_ca_repository_no_http_or_ldap_uri) {
    const char *rule = "rfc5280.sia.ca_repository_no_http_or_ldap_uri";
    ad_spec http = {TGN_OID_AD_CA_REPOSITORY, tgn_uri, "http://repo.example.com/certs.p7c"};
    ad_spec https = {TGN_OID_AD_CA_REPOSITORY, tgn_uri, "https://repo.example.com/certs.p7c"};
    ad_spec other = {"1.3.6.1.5.5.7.48.3", tgn_uri, "https://tsa.example.com/"};
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &http, 1, rule), 0);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &https, 1, rule), 1);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &other, 1, rule), 0);
}

Test(gnames, aia_sia_uri_invalid) {
    ad_spec good = {TGN_OID_AD_OCSP, tgn_uri, "http://ocsp.example.com"};
    ad_spec bad = {TGN_OID_AD_OCSP, tgn_uri, "uri=http://ocsp.example.com"};
    ad_spec backslash = {TGN_OID_AD_CA_ISSUERS, tgn_uri, "http://ca.example.com\\ca.cer"};
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &good, 1, "rfc5280.aia.uri_invalid"), 0);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &bad, 1, "rfc5280.aia.uri_invalid"), 1);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &backslash, 1, "rfc5280.aia.uri_invalid"), 1);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &good, 1, "rfc5280.sia.uri_invalid"), 0);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &bad, 1, "rfc5280.sia.uri_invalid"), 1);
}

Test(gnames, aia_sia_ldap_uri) {
    ad_spec ok = {TGN_OID_AD_CA_ISSUERS, tgn_uri,
                  "ldap://ldap.example.com/cn=CA?cACertificate;binary,crossCertificatePair;binary"};
    ad_spec no_attrs = {TGN_OID_AD_CA_ISSUERS, tgn_uri, "ldap://ldap.example.com/cn=CA"};
    ad_spec no_host = {TGN_OID_AD_CA_ISSUERS, tgn_uri, "ldap:///cn=CA?cACertificate"};
    ad_spec ocsp_ldap = {TGN_OID_AD_OCSP, tgn_uri, "ldap://ldap.example.com/cn=CA"};
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &ok, 1, "rfc5280.aia.ldap_uri_incomplete"), 0);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &no_attrs, 1, "rfc5280.aia.ldap_uri_incomplete"), 1);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &ocsp_ldap, 1, "rfc5280.aia.ldap_uri_incomplete"), 0);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &ok, 1, "rfc5280.aia.ldap_uri_no_host"), 0);
    cr_assert_eq(ad_lint(TGN_OID_AIA, 0, &no_host, 1, "rfc5280.aia.ldap_uri_no_host"), 1);
    ad_spec repo_ok = {TGN_OID_AD_CA_REPOSITORY, tgn_uri,
                       "ldap://ldap.example.com/cn=CA?cACertificate"};
    ad_spec repo_no_attrs = {TGN_OID_AD_CA_REPOSITORY, tgn_uri, "ldap://ldap.example.com/cn=CA"};
    ad_spec repo_no_host = {TGN_OID_AD_CA_REPOSITORY, tgn_uri, "ldap:///cn=CA?cACertificate"};
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &repo_ok, 1, "rfc5280.sia.ldap_uri_incomplete"), 0);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &repo_no_attrs, 1, "rfc5280.sia.ldap_uri_incomplete"), 1);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &repo_ok, 1, "rfc5280.sia.ldap_uri_no_host"), 0);
    cr_assert_eq(ad_lint(TGN_OID_SIA, 0, &repo_no_host, 1, "rfc5280.sia.ldap_uri_no_host"), 1);
}

/* Every rule of this area is exercised above: a rule added without a test fails here. */
Test(gnames, every_rule_has_a_test) {
    static const char *const tested[] = {"rfc5280.san.missing_with_empty_subject",
                                         "rfc5280.san.not_critical_with_empty_subject",
                                         "rfc5280.san.critical_with_subject",
                                         "rfc5280.san.no_entries",
                                         "rfc5280.san.empty_name",
                                         "rfc5280.san.dns_not_ia5",
                                         "rfc5280.san.dns_space",
                                         "rfc5280.san.dns_empty_label",
                                         "rfc5280.san.dns_label_too_long",
                                         "rfc5280.san.dns_too_long",
                                         "rfc5280.san.dns_hyphen",
                                         "rfc5280.san.dns_underscore",
                                         "rfc5280.san.dns_bad_character",
                                         "rfc9549.san.dns_invalid_a_label",
                                         "rfc5280.san.rfc822_invalid",
                                         "rfc5280.san.uri_not_ia5",
                                         "rfc5280.san.uri_relative",
                                         "rfc5280.san.uri_invalid",
                                         "rfc5280.san.uri_host",
                                         "rfc5280.san.ip_length",
                                         "rfc5280.ian.critical",
                                         "rfc5280.ian.no_entries",
                                         "rfc5280.ian.empty_name",
                                         "rfc5280.ian.dns_not_ia5",
                                         "rfc5280.ian.dns_space",
                                         "rfc5280.ian.dns_invalid",
                                         "rfc5280.ian.rfc822_invalid",
                                         "rfc5280.ian.uri_not_ia5",
                                         "rfc5280.ian.uri_relative",
                                         "rfc5280.ian.uri_invalid",
                                         "rfc5280.ian.uri_host",
                                         "rfc5280.ian.ip_length",
                                         "rfc9598.smtputf8.not_utf8string",
                                         "rfc9598.smtputf8.invalid_syntax",
                                         "rfc9598.smtputf8.ascii_local_part",
                                         "rfc9598.smtputf8.bom",
                                         "rfc9598.smtputf8.domain_uppercase",
                                         "rfc9598.smtputf8.domain_invalid",
                                         "rfc5280.name_constraints.not_ca",
                                         "rfc5280.name_constraints.not_critical",
                                         "rfc5280.name_constraints.empty",
                                         "rfc5280.name_constraints.empty_subtrees",
                                         "rfc5280.name_constraints.minimum_not_zero",
                                         "rfc5280.name_constraints.minimum_encoded",
                                         "rfc5280.name_constraints.maximum_present",
                                         "rfc5280.name_constraints.x400",
                                         "rfc5280.name_constraints.edi_party",
                                         "rfc5280.name_constraints.registered_id",
                                         "rfc5280.name_constraints.ip_length",
                                         "rfc5280.name_constraints.ip_not_cidr",
                                         "rfc5280.name_constraints.uri_not_fqdn",
                                         "rfc5280.name_constraints.dns_leading_dot",
                                         "rfc5280.name_constraints.dns_invalid",
                                         "rfc9549.name_constraints.rfc822_mailbox",
                                         "rfc5280.name_constraints.rfc822_invalid",
                                         "rfc5280.aia.critical",
                                         "rfc5280.aia.no_entries",
                                         "rfc5280.aia.ca_issuers_no_http_or_ldap_uri",
                                         "rfc5280.aia.uri_invalid",
                                         "rfc5280.aia.ldap_uri_incomplete",
                                         "rfc5280.aia.ldap_uri_no_host",
                                         "rfc5280.sia.critical",
                                         "rfc5280.sia.no_entries",
                                         "rfc5280.sia.ca_repository_no_http_or_ldap_uri",
                                         "rfc5280.sia.uri_invalid",
                                         "rfc5280.sia.ldap_uri_incomplete",
                                         "rfc5280.sia.ldap_uri_no_host"};
    static const char *const dp_rules[] = {"critical",
                                           "no_entries",
                                           "incomplete",
                                           "empty_general_names",
                                           "no_http_or_ldap_uri",
                                           "uri_invalid",
                                           "ldap_uri_incomplete",
                                           "ldap_uri_no_host",
                                           "crl_issuer_not_directory_name",
                                           "crl_issuer_is_issuer",
                                           "relative_name",
                                           "relative_name_multiple_issuers",
                                           "no_all_reasons"};
    size_t count;
    const cs_rule *const *rules = cs_rules_linked(&count);
    static const char *const prefixes[] = {"rfc5280.san.",
                                           "rfc5280.ian.",
                                           "rfc9549.",
                                           "rfc9598.",
                                           "rfc5280.name_constraints.",
                                           "rfc5280.crldp.",
                                           "rfc5280.freshest_crl.",
                                           "rfc5280.aia.",
                                           "rfc5280.sia."};
    size_t mine = 0;
    for (size_t i = 0; i < count; i++) {
        const char *id = rules[i]->id;
        int in_area = 0;
        for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
            in_area |= strncmp(id, prefixes[p], strlen(prefixes[p])) == 0;
        }
        if (!in_area) {
            continue;
        }
        mine++;
        int found = 0;
        for (size_t k = 0; k < sizeof tested / sizeof tested[0]; k++) {
            found |= strcmp(id, tested[k]) == 0;
        }
        for (size_t k = 0; k < sizeof dp_rules / sizeof dp_rules[0]; k++) {
            char name[128];
            snprintf(name, sizeof name, "rfc5280.crldp.%s", dp_rules[k]);
            found |= strcmp(id, name) == 0;
            snprintf(name, sizeof name, "rfc5280.freshest_crl.%s", dp_rules[k]);
            found |= strcmp(id, name) == 0;
        }
        cr_assert(found, "rule %s has no test in this file", id);
        cr_assert_not_null(rules[i]->detail, "rule %s has no detail", id);
    }
    cr_assert_eq(mine,
                 sizeof tested / sizeof tested[0] + 2 * (sizeof dp_rules / sizeof dp_rules[0]));
}
