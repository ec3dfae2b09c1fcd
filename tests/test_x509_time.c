/* UTCTime and GeneralizedTime: the one-pass canonical reader agrees with the calendar on every
 * kind of date, and what it refuses goes to the general reader's verdict. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "scanner/x509_time.h"

/* The DER content of `epoch` as UTCTime (utc = 1) or GeneralizedTime, via cs_time_format. */
static size_t cs_test_time_text(int64_t epoch, int utc, char *out, size_t cap) {
    char iso[32];
    cs_time_format(epoch, iso, sizeof iso); /* YYYY-MM-DDTHH:MM:SSZ */
    return (size_t)snprintf(out, cap, "%.*s%.2s%.2s%.2s%.2s%.2sZ", utc ? 2 : 4, iso + (utc ? 2 : 0),
                            iso + 5, iso + 8, iso + 11, iso + 14, iso + 17);
}

static int cs_test_parse(uint32_t tag, const char *text, int64_t *epoch, int *canonical) {
    return cs_time_parse(tag, cs_der_make((const uint8_t *)text, strlen(text)), epoch, canonical);
}

Test(x509_time, canonical_forms_round_trip_over_the_calendar) {
    /* 1950-01-01 .. 2049-12-31 for UTCTime, 1601 .. 9999 for GeneralizedTime, stepping by an
     * odd number of seconds so every month, day, hour, minute and second value comes up. */
    const int64_t utc_from = -631152000, utc_to = 2524607999;
    const int64_t gen_from = -11644473600, gen_to = 253402300799;
    unsigned checked = 0;
    for (int utc = 1; utc >= 0; utc--) {
        int64_t from = utc ? utc_from : gen_from, to = utc ? utc_to : gen_to;
        int64_t step = (to - from) / 200003 | 1;
        for (int64_t t = from; t <= to; t += step) {
            char text[32];
            cs_test_time_text(t, utc, text, sizeof text);
            int64_t got = 0;
            int canonical = 0;
            cr_assert(cs_test_parse(utc ? CS_DER_UTCTIME : CS_DER_GENERALIZEDTIME, text, &got,
                                    &canonical),
                      "%s refused", text);
            cr_assert_eq(got, t, "%s: %lld, expected %lld", text, (long long)got, (long long)t);
            cr_assert(canonical, "%s", text);
            checked++;
        }
    }
    cr_expect_gt(checked, 400000);
}

Test(x509_time, calendar_edges) {
    int64_t t;
    int c;
    cr_expect(cs_test_parse(CS_DER_UTCTIME, "240229000000Z", &t, &c));
    cr_expect_not(cs_test_parse(CS_DER_UTCTIME, "230229000000Z", &t, &c));
    cr_expect(cs_test_parse(CS_DER_GENERALIZEDTIME, "20000229235959Z", &t, &c));
    cr_expect_not(cs_test_parse(CS_DER_GENERALIZEDTIME, "21000229000000Z", &t, &c));
    cr_expect(cs_test_parse(CS_DER_UTCTIME, "491231235959Z", &t, &c));
    cr_expect_eq(t, 2524607999);
    cr_expect(cs_test_parse(CS_DER_UTCTIME, "500101000000Z", &t, &c));
    cr_expect_eq(t, -631152000);
    const char *bad[] = {"241301000000Z", "240001000000Z", "240100000000Z", "240132000000Z",
                         "240431000000Z", "240101240000Z", "240101006000Z", "240101000060Z",
                         "2401010000a0Z", "24010100000/Z", "24010100:000Z", "240101000000z"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_expect_not(cs_test_parse(CS_DER_UTCTIME, bad[i], &t, &c), "%s accepted", bad[i]);
    }
}

Test(x509_time, other_forms_parse_but_are_not_canonical) {
    int64_t t, base;
    int c;
    cr_assert(cs_test_parse(CS_DER_GENERALIZEDTIME, "20240601120000Z", &base, &c) && c);
    cr_expect(cs_test_parse(CS_DER_GENERALIZEDTIME, "20240601120000.5Z", &t, &c));
    cr_expect_not(c);
    cr_expect_eq(t, base);
    cr_expect(cs_test_parse(CS_DER_GENERALIZEDTIME, "20240601140000+0200", &t, &c));
    cr_expect_not(c);
    cr_expect_eq(t, base);
    cr_expect(cs_test_parse(CS_DER_UTCTIME, "2406011200Z", &t, &c));
    cr_expect_not(c);
    cr_expect_eq(t, base);
    cr_expect_not(cs_test_parse(CS_DER_OCTET_STRING, "240601120000Z", &t, &c));
}
