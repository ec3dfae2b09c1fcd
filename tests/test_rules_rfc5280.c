/* Each RFC 5280 rule on crafted certificates that pass and that fail it. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "tests/support/lintone.h"
#include "tests/support/tcert.h"

static int lint_tcert(const tcert *t, const char *rule) {
    size_t len;
    uint8_t *der = tcert_build(t, &len);
    int r = lintone(der, len, rule, NULL);
    free(der);
    return r;
}

/* The builder's default certificate passes every rule of this file (other areas' rules, such as
 * the key identifier ones, are tested in their own files). */
Test(rfc5280, baseline_certificate_passes_these_rules) {
    static const char *const ids[] = {
        "rfc5280.serial.not_positive",
        "rfc5280.serial.too_long",
        "rfc5280.version.not_v3_with_extensions",
        "rfc5280.signature_algorithm.mismatch",
        "rfc5280.validity.generalized_before_2050",
        "rfc5280.extensions.duplicate",
        "rfc5280.extensions.unknown_critical",
        "rfc5280.extensions.malformed",
    };
    tcert t;
    tcert_defaults(&t);
    size_t len;
    uint8_t *der = tcert_build(&t, &len);
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        cr_assert_eq(lintone(der, len, ids[i], NULL), 0, "%s", ids[i]);
    }
    free(der);
}

Test(rfc5280, serial_not_positive) {
    static const uint8_t zero[] = {0x00};
    static const uint8_t negative[] = {0xFF, 0x01};
    static const uint8_t positive[] = {0x01};
    tcert t;
    tcert_defaults(&t);
    t.serial = positive;
    t.serial_len = sizeof positive;
    cr_assert_eq(lint_tcert(&t, "rfc5280.serial.not_positive"), 0);
    t.serial = zero;
    t.serial_len = sizeof zero;
    cr_assert_eq(lint_tcert(&t, "rfc5280.serial.not_positive"), 1);
    t.serial = negative;
    t.serial_len = sizeof negative;
    cr_assert_eq(lint_tcert(&t, "rfc5280.serial.not_positive"), 1);
}

/* Both serial bounds came with RFC 3280 (2002-04-01); RFC 2459 asked only for a unique integer,
 * so the zero serials of 1990s roots are not findings (10 such CCADB roots). */
Test(rfc5280, serial_rules_in_force_from_rfc3280) {
    static const uint8_t zero[] = {0x00};
    uint8_t long_serial[21];
    memset(long_serial, 0x11, sizeof long_serial);
    tcert t;
    tcert_defaults(&t);
    t.not_before = "020331235959Z";
    t.serial = zero;
    t.serial_len = sizeof zero;
    cr_assert_eq(lint_tcert(&t, "rfc5280.serial.not_positive"), 0);
    t.serial = long_serial;
    t.serial_len = sizeof long_serial;
    cr_assert_eq(lint_tcert(&t, "rfc5280.serial.too_long"), 0);
    t.not_before = "020401000000Z";
    cr_assert_eq(lint_tcert(&t, "rfc5280.serial.too_long"), 1);
    t.serial = zero;
    t.serial_len = sizeof zero;
    cr_assert_eq(lint_tcert(&t, "rfc5280.serial.not_positive"), 1);
}

/* UTCTime covers 1950-2049 (§4.1.2.5.1): a GeneralizedTime before 1950 has no UTCTime form and is
 * not reported (zlint test files carry notAfter 00010101000000Z); one from 1950 to 2049 is. */
Test(rfc5280, generalized_time_before_1950_has_no_utc_form) {
    tcert t;
    tcert_defaults(&t);
    t.not_after_tag = CS_DER_GENERALIZEDTIME;
    t.not_after = "00010101000000Z";
    cr_assert_eq(lint_tcert(&t, "rfc5280.validity.generalized_before_2050"), 0);
    t.not_after = "19491231235959Z";
    cr_assert_eq(lint_tcert(&t, "rfc5280.validity.generalized_before_2050"), 0);
    t.not_after = "19500101000000Z";
    cr_assert_eq(lint_tcert(&t, "rfc5280.validity.generalized_before_2050"), 1);
    t.not_after = "20491231235959Z";
    cr_assert_eq(lint_tcert(&t, "rfc5280.validity.generalized_before_2050"), 1);
    t.not_after = "20500101000000Z";
    cr_assert_eq(lint_tcert(&t, "rfc5280.validity.generalized_before_2050"), 0);
    /* notBefore too */
    t.not_after = "20500101000000Z";
    t.not_before_tag = CS_DER_GENERALIZEDTIME;
    t.not_before = "19400101000000Z";
    cr_assert_eq(lint_tcert(&t, "rfc5280.validity.generalized_before_2050"), 0);
    t.not_before = "20250101000000Z";
    cr_assert_eq(lint_tcert(&t, "rfc5280.validity.generalized_before_2050"), 1);
}

Test(rfc5280, serial_too_long) {
    uint8_t serial[21];
    memset(serial, 0x11, sizeof serial);
    tcert t;
    tcert_defaults(&t);
    t.serial = serial;
    t.serial_len = 20;
    cr_assert_eq(lint_tcert(&t, "rfc5280.serial.too_long"), 0);
    t.serial_len = 21;
    cr_assert_eq(lint_tcert(&t, "rfc5280.serial.too_long"), 1);
    /* 20 octets with the top bit set need a 0x00 pad: 21 encoded octets, flagged like zlint. */
    serial[0] = 0x00;
    serial[1] = 0x80;
    cr_assert_eq(lint_tcert(&t, "rfc5280.serial.too_long"), 1);
}

Test(rfc5280, version_not_v3_with_extensions) {
    static const uint8_t ski[] = {0x04, 0x02, 0x01, 0x02};
    tcert t;
    tcert_defaults(&t);
    tcert_add_ext(&t, "2.5.29.14", 0, ski, sizeof ski);
    cr_assert_eq(lint_tcert(&t, "rfc5280.version.not_v3_with_extensions"), 0);
    t.version = 1;
    cr_assert_eq(lint_tcert(&t, "rfc5280.version.not_v3_with_extensions"), 1);
    t.version = -1;
    cr_assert_eq(lint_tcert(&t, "rfc5280.version.not_v3_with_extensions"), 1);
    /* A v1 certificate without the extensions field is fine. */
    t.with_extensions = 0;
    cr_assert_eq(lint_tcert(&t, "rfc5280.version.not_v3_with_extensions"), 0);
}

Test(rfc5280, signature_algorithm_mismatch) {
    tcert t;
    tcert_defaults(&t);
    cr_assert_eq(lint_tcert(&t, "rfc5280.signature_algorithm.mismatch"), 0);
    t.sig_oid = "1.2.840.10045.4.3.3";
    cr_assert_eq(lint_tcert(&t, "rfc5280.signature_algorithm.mismatch"), 1);
    /* Same OID, but NULL parameters on one side only: the encodings differ. */
    t.sig_oid = "1.2.840.10045.4.3.2";
    t.sig_null = 1;
    cr_assert_eq(lint_tcert(&t, "rfc5280.signature_algorithm.mismatch"), 1);
}

Test(rfc5280, validity_generalized_before_2050) {
    tcert t;
    tcert_defaults(&t);
    t.not_after = "20491231235959Z";
    t.not_after_tag = CS_DER_GENERALIZEDTIME;
    cr_assert_eq(lint_tcert(&t, "rfc5280.validity.generalized_before_2050"), 1);
    t.not_after = "20500101000000Z";
    cr_assert_eq(lint_tcert(&t, "rfc5280.validity.generalized_before_2050"), 0);
    t.not_before = "20250101000000Z";
    t.not_before_tag = CS_DER_GENERALIZEDTIME;
    cr_assert_eq(lint_tcert(&t, "rfc5280.validity.generalized_before_2050"), 1);
}

Test(rfc5280, extensions_duplicate) {
    static const uint8_t ski[] = {0x04, 0x02, 0x01, 0x02};
    static const uint8_t unknown[] = {0x05, 0x00};
    tcert t;
    tcert_defaults(&t);
    tcert_add_ext(&t, "2.5.29.14", 0, ski, sizeof ski);
    tcert_add_ext(&t, "1.3.6.1.4.1.99999.1", 0, unknown, sizeof unknown);
    cr_assert_eq(lint_tcert(&t, "rfc5280.extensions.duplicate"), 0);
    tcert_add_ext(&t, "2.5.29.14", 0, ski, sizeof ski);
    cr_assert_eq(lint_tcert(&t, "rfc5280.extensions.duplicate"), 1);
    /* Unrecognised OIDs are compared too. */
    tcert_defaults(&t);
    tcert_add_ext(&t, "1.3.6.1.4.1.99999.1", 0, unknown, sizeof unknown);
    tcert_add_ext(&t, "1.3.6.1.4.1.99999.1", 0, unknown, sizeof unknown);
    cr_assert_eq(lint_tcert(&t, "rfc5280.extensions.duplicate"), 1);
}

Test(rfc5280, extensions_unknown_critical) {
    static const uint8_t unknown[] = {0x05, 0x00};
    static const uint8_t ku[] = {0x03, 0x02, 0x07, 0x80};
    tcert t;
    tcert_defaults(&t);
    tcert_add_ext(&t, "2.5.29.15", 1, ku, sizeof ku);
    tcert_add_ext(&t, "1.3.6.1.4.1.99999.1", 0, unknown, sizeof unknown);
    cr_assert_eq(lint_tcert(&t, "rfc5280.extensions.unknown_critical"), 0);
    t.ext[1].critical = 1;
    cr_assert_eq(lint_tcert(&t, "rfc5280.extensions.unknown_critical"), 1);
}

Test(rfc5280, extensions_malformed) {
    static const uint8_t good_bc[] = {0x30, 0x03, 0x01, 0x01, 0xFF};
    static const uint8_t trailing_bc[] = {0x30, 0x03, 0x01, 0x01, 0xFF, 0x00};
    static const uint8_t wrong_tag_ku[] = {0x04, 0x02, 0x07, 0x80};
    tcert t;
    tcert_defaults(&t);
    tcert_add_ext(&t, "2.5.29.19", 1, good_bc, sizeof good_bc);
    cr_assert_eq(lint_tcert(&t, "rfc5280.extensions.malformed"), 0);
    t.ext[0].value = trailing_bc;
    t.ext[0].value_len = sizeof trailing_bc;
    cr_assert_eq(lint_tcert(&t, "rfc5280.extensions.malformed"), 1);
    tcert_defaults(&t);
    tcert_add_ext(&t, "2.5.29.15", 1, wrong_tag_ku, sizeof wrong_tag_ku);
    cr_assert_eq(lint_tcert(&t, "rfc5280.extensions.malformed"), 1);
}
