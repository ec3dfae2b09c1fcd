/* The engine's mechanics: registry, applicability by kind, effective dates, --as-of, batches. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/engine.h"
#include "tests/support/tcert.h"

Test(engine, registry_is_sorted_unique_and_complete) {
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    cr_assert_not_null(rs, "%s", err);
    cr_assert_geq(cs_ruleset_count(rs), 9);
    for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
        const cs_rule *r = cs_ruleset_rule(rs, i);
        cr_assert_not_null(r->id);
        cr_assert(r->source != NULL && r->citation != NULL && r->description != NULL, "%s", r->id);
        cr_assert_neq(r->applies & CS_APPLIES_ALL_KINDS, 0, "%s applies to nothing", r->id);
        if (i > 0) {
            cr_assert_lt(strcmp(cs_ruleset_rule(rs, i - 1)->id, r->id), 0);
        }
        /* Severity follows the requirement's language: a MUST rule is not a notice. */
        if (strstr(r->description, "MUST") != NULL && strstr(r->description, "relying") == NULL) {
            cr_assert_eq(r->severity, CS_SEV_ERROR, "%s says MUST but is %s", r->id,
                         cs_severity_name(r->severity));
        }
    }
    cr_assert_geq(cs_ruleset_find(rs, "rfc5280.serial.too_long"), 0);
    cr_assert_eq(cs_ruleset_find(rs, "no.such.rule"), -1);
    cs_ruleset_free(rs);
}

Test(engine, dates_parse) {
    int64_t t;
    cr_assert(cs_parse_date("2023-09-01", &t));
    cr_assert_eq(t, 1693526400);
    cr_assert(cs_parse_date("1970-01-01T00:00:01Z", &t));
    cr_assert_eq(t, 1);
    cr_assert_not(cs_parse_date("2023-13-01", &t));
    cr_assert_not(cs_parse_date("2023-09-01x", &t));
}

/* A batch with several certificates of different kinds and serials: each lane's result must be
 * its own. */
Test(engine, lanes_are_independent) {
    static const uint8_t zero[] = {0x00};
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    cr_assert_not_null(rs);
    long rule = cs_ruleset_find(rs, "rfc5280.serial.not_positive");
    cs_batch *b = malloc(sizeof *b);
    cs_x509 *views = calloc(CS_BATCH_LANES, sizeof *views);
    uint8_t *ders[CS_BATCH_LANES];
    uint64_t *fail = calloc(cs_ruleset_count(rs), sizeof *fail);
    cs_batch_reset(b, NULL);
    uint64_t expected = 0;
    for (unsigned i = 0; i < CS_BATCH_LANES; i++) {
        tcert t;
        tcert_defaults(&t);
        if (i % 3 == 0) {
            t.serial = zero;
            t.serial_len = 1;
            expected |= (uint64_t)1 << i;
        }
        if (i % 2 == 0) {
            tcert_make_ca(&t);
        }
        size_t len;
        ders[i] = tcert_build(&t, &len);
        cs_der_error derr;
        cr_assert(cs_x509_parse(&views[i], ders[i], len, &derr));
        cr_assert_eq(cs_batch_add(b, &views[i]), i);
    }
    cs_engine_eval(rs, b, fail);
    for (unsigned i = 0; i < CS_BATCH_LANES; i++) {
        cr_assert_eq(b->facts[i].kind, i % 2 == 0 ? CS_KIND_CA : CS_KIND_SUBSCRIBER);
    }
    cr_assert_eq(fail[rule], expected, "got %llx", (unsigned long long)fail[rule]);
    for (unsigned i = 0; i < CS_BATCH_LANES; i++) {
        free(ders[i]);
    }
    free(fail);
    free(views);
    free(b);
    cs_ruleset_free(rs);
}

Test(engine, kind_detection) {
    tcert t;
    tcert_defaults(&t);
    tcert_make_ca(&t);
    t.subject_cn = t.issuer_cn;
    size_t len;
    uint8_t *der = tcert_build(&t, &len);
    cs_x509 *x = malloc(sizeof *x);
    cs_der_error derr;
    cs_facts f;
    cr_assert(cs_x509_parse(x, der, len, &derr));
    cs_facts_extract(x, NULL, &f);
    cr_assert_eq(f.kind, CS_KIND_ROOT);
    cr_assert_str_eq(cs_facts_profile_name(&f), "pkix.root");
    free(der);

    static const uint8_t poison[] = {0x05, 0x00};
    tcert_defaults(&t);
    tcert_add_ext(&t, "1.3.6.1.4.1.11129.2.4.3", 1, poison, sizeof poison);
    der = tcert_build(&t, &len);
    cr_assert(cs_x509_parse(x, der, len, &derr));
    cs_facts_extract(x, NULL, &f);
    cr_assert_eq(f.kind, CS_KIND_SUBSCRIBER);
    cr_assert(f.precert);
    cr_assert_str_eq(cs_facts_profile_name(&f), "pkix.precert");
    free(der);
    free(x);
}

/* A rule declared only in this test binary: the registry picks it up like any other. */
CS_RULE(test_dated_rule) = {
    .id = "test.dated",
    .severity = CS_SEV_WARNING,
    .source = "certscan tests",
    .citation = "0",
    .description = "fires on every certificate with extensions, in force during 2024",
    .effective = "2024-01-01",
    .ineffective = "2025-01-01",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_HAS_EXTENSIONS}},
};

static uint64_t eval_dated(const cs_ruleset_options *opt) {
    static const char *const not_before[3] = {"231231235959Z", "240601000000Z", "250101000000Z"};
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(opt, err, sizeof err);
    cr_assert_not_null(rs, "%s", err);
    long rule = cs_ruleset_find(rs, "test.dated");
    cr_assert_geq(rule, 0);
    cs_batch *b = malloc(sizeof *b);
    cs_x509 *views = calloc(3, sizeof *views);
    uint8_t *ders[3];
    uint64_t *fail = calloc(cs_ruleset_count(rs), sizeof *fail);
    cs_batch_reset(b, NULL);
    for (unsigned i = 0; i < 3; i++) {
        tcert t;
        tcert_defaults(&t);
        t.not_before = not_before[i];
        t.not_after = "300101000000Z";
        size_t len;
        ders[i] = tcert_build(&t, &len);
        cs_der_error derr;
        cr_assert(cs_x509_parse(&views[i], ders[i], len, &derr));
        cs_batch_add(b, &views[i]);
    }
    cs_engine_eval(rs, b, fail);
    uint64_t result = fail[rule];
    for (unsigned i = 0; i < 3; i++) {
        free(ders[i]);
    }
    free(fail);
    free(views);
    free(b);
    cs_ruleset_free(rs);
    return result;
}

Test(engine, effective_dates_judge_by_not_before) {
    /* Only the certificate issued in 2024 is judged by a rule in force during 2024. */
    cr_assert_eq(eval_dated(NULL), 0x2);
}

Test(engine, as_of_judges_every_certificate_at_one_date) {
    cs_ruleset_options opt = {.has_as_of = 1};
    cr_assert(cs_parse_date("2024-06-30", &opt.as_of));
    cr_assert_eq(eval_dated(&opt), 0x7);
    cr_assert(cs_parse_date("2026-01-01", &opt.as_of));
    cr_assert_eq(eval_dated(&opt), 0x0);
}

/* The fast paths for short X.509 arcs must agree with the tables. */
Test(oid, fast_paths_agree_with_tables) {
    for (unsigned id = 1; id < CS_EXT_COUNT; id++) {
        cs_der oid = cs_ext_oid((cs_ext_id)id);
        cr_assert_eq(cs_oid_ext(oid), id, "%s", cs_ext_name((cs_ext_id)id));
    }
    for (unsigned id = 1; id < CS_ATTR_COUNT; id++) {
        cs_der oid = cs_attr_oid((cs_attr_id)id);
        cr_assert_eq(cs_oid_attr(oid), id, "%s", cs_attr_short_name((cs_attr_id)id));
    }
    for (unsigned id = 1; id < CS_ALG_COUNT; id++) {
        cs_der oid = cs_alg_oid((cs_alg_id)id);
        cr_assert_eq(cs_oid_alg(oid), id, "%s", cs_alg_name((cs_alg_id)id));
    }
    static const uint8_t unknown_ce[] = {0x55, 0x1D, 0x7F};
    cr_assert_eq(cs_oid_ext(cs_der_make(unknown_ce, 3)), CS_EXT_UNKNOWN);
}
