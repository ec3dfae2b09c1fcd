/* The shortcuts of the GeneralName facts: the vector path of cs_dns_check agrees with the
 * octet-by-octet one, and cs_gn_uri_is_http is the S/MIME checks' "http://" test. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <string.h>

#include "scanner/facts_gnames.h"
#include "scanner/gn_syntax.h"

static uint32_t dns(const char *s) {
    return cs_dns_check((const uint8_t *)s, strlen(s), 0);
}

/* An uppercase letter sends a name down the octet-by-octet path; its flags must be those of the
 * lowercase name plus CS_DNS_UPPERCASE. */
static void same_both_ways(const char *lower) {
    char upper[300];
    size_t n = strlen(lower);
    cr_assert_lt(n, sizeof upper);
    memcpy(upper, lower, n + 1);
    for (size_t i = 0; i < n; i++) {
        if (islower((unsigned char)upper[i])) {
            upper[i] = (char)toupper((unsigned char)upper[i]);
            break;
        }
    }
    cr_assert_eq(dns(lower) | CS_DNS_UPPERCASE, dns(upper) | CS_DNS_UPPERCASE, "%s", lower);
}

Test(gn_fast, numeric_last_label_on_both_paths) {
    cr_assert(dns("192.0.2.1") & CS_DNS_NUMERIC_TLD);
    cr_assert(dns("a.123") & CS_DNS_NUMERIC_TLD);
    cr_assert_not(dns("a.12b") & CS_DNS_NUMERIC_TLD);
    cr_assert_not(dns("example.com") & CS_DNS_NUMERIC_TLD);
    cr_assert_not(dns("example.com.") & CS_DNS_NUMERIC_TLD);
    const char *names[] = {
        "a.123",
        "a.12b",
        "x.example.com",
        "x.example.9",
        "abc.",
        "9",
        "b.0123456789",
        /* 64 octets, the longest the vector path takes, ending in digits */
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzab.123456789",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzab.12345678a",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        same_both_ways(names[i]);
    }
    cr_assert(dns("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzab.123456789") &
              CS_DNS_NUMERIC_TLD);
}

static int http(const char *s) {
    return cs_gn_uri_is_http((const uint8_t *)s, strlen(s));
}

Test(gn_fast, http_prefix_in_any_case) {
    cr_assert(http("http://crl.example.com/ca.crl"));
    cr_assert(http("HTTP://crl.example.com/ca.crl"));
    cr_assert(http("hTtP://x"));
    cr_assert_not(http("http://"), "nothing after the scheme");
    cr_assert_not(http("https://crl.example.com/"));
    cr_assert_not(http("ldap://crl.example.com/"));
    cr_assert_not(http("http:/x.example"));
    cr_assert_not(http("(ttp://x.example"), "'(' | 0x20 is not 'h'");
    cr_assert_not(http("http:\x1a/x.example"));
}
