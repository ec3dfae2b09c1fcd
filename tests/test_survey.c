/* Survey tables (scanner/survey.c): counts against a generated corpus whose makeup
 * certscan-gen's manifest states, merges that give the whole whatever the split and order,
 * the same tables for any number of threads, and JSON and CBOR round trips. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "scanner/survey.h"

#include "tests/support/shell.h"

#define GEN      CS_GEN_BIN
#define CERTSCAN CS_CERTSCAN_BIN
#define SRC      CS_SOURCE_DIR

static char dir[64];
static cs_ruleset *rules;

/* A corpus of 1,500 entries in three DER files of 500, keys from a pool of 8 per type; made
 * once before the tests are forked (key generation takes a while under the sanitizers). */
ReportHook(PRE_ALL)(struct criterion_test_set *set) {
    (void)set;
    snprintf(dir, sizeof dir, "/tmp/certscan-test-survey-XXXXXX");
    if (mkdtemp(dir) == NULL ||
        tsh_run("'%s' -o '%s' -n 1500 --per-file 500 --formats der --seed 11 --key-pool 8 "
                ">/dev/null",
                GEN, dir) != 0) {
        fprintf(stderr, "test_survey: certscan-gen failed\n");
        dir[0] = '\0';
    }
    /* The tests run in processes of their own that do not share this one's memory. */
    setenv("CS_TEST_SURVEY_CORPUS", dir, 1);
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats) {
    (void)stats;
    if (dir[0] != '\0') {
        tsh_run("rm -rf '%s'", dir);
    }
}

static void setup(void) {
    const char *made = getenv("CS_TEST_SURVEY_CORPUS");
    cr_assert(made != NULL && made[0] != '\0', "no generated corpus");
    snprintf(dir, sizeof dir, "%s", made);
    cs_ruleset_options o = {0};
    char err[256];
    rules = cs_ruleset_new(&o, err, sizeof err);
    cr_assert_not_null(rules, "%s", err);
}

static void teardown(void) {
    cs_ruleset_free(rules);
}

static int on_batch(void *state, const cs_scan_batch *b, cs_buf *out) {
    (void)out;
    return cs_survey_add_batch(state, b);
}

static void on_ordered(void *ctx, const cs_scan_entry *e, unsigned n, const cs_buf *text) {
    (void)ctx;
    (void)e;
    (void)n;
    (void)text;
}

/* Surveys the given files with `jobs` workers and a key limit; returns the merged survey. */
static cs_survey *survey_of(const char *const *paths, size_t n, unsigned jobs, size_t limit) {
    cs_survey **s = calloc(jobs, sizeof *s);
    void **state = calloc(jobs, sizeof *state);
    for (unsigned i = 0; i < jobs; i++) {
        s[i] = cs_survey_new();
        cr_assert(limit == 0 || cs_survey_set_key_limit(s[i], limit));
        state[i] = s[i];
    }
    cs_scan_options opt = {.rules = rules,
                           .jobs = jobs,
                           .worker_state = state,
                           .on_batch = on_batch,
                           .on_ordered = on_ordered};
    cs_input_config_default(&opt.input);
    cs_scan_totals t;
    char err[256];
    cr_assert(cs_scan_paths(paths, n, &opt, &t, err, sizeof err), "%s", err);
    for (unsigned i = 1; i < jobs; i++) {
        cr_assert(cs_survey_merge(s[0], s[i]));
        cs_survey_free(s[i]);
    }
    cs_survey *out = s[0];
    free(s);
    free(state);
    return out;
}

static char *json_of(const cs_survey *s) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cs_survey_json(f, s);
    fclose(f);
    return text;
}

static const char *file(int i) {
    static char path[4][128];
    snprintf(path[i], sizeof path[i], "%s/der/corpus-%06d.der", dir, i);
    return path[i];
}

static uint64_t manifest(const char *key, const char *name) {
    char path[128], line[512];
    snprintf(path, sizeof path, "%s/manifest.tsv", dir);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    uint64_t value = UINT64_MAX;
    while (fgets(line, sizeof line, f) != NULL) {
        char k[64], n[128];
        unsigned long long v;
        if (name == NULL && sscanf(line, "%63s %llu", k, &v) == 2 && strcmp(k, key) == 0) {
            value = v;
        } else if (name != NULL && sscanf(line, "%63s %127s %llu", k, n, &v) == 3 &&
                   strcmp(k, key) == 0 && strcmp(n, name) == 0) {
            value = v;
        }
    }
    fclose(f);
    cr_assert_neq(value, UINT64_MAX, "manifest has no %s %s", key, name ? name : "");
    return value;
}

TestSuite(survey, .init = setup, .fini = teardown, .timeout = 600);

Test(survey, counts_match_the_generated_corpus) {
    const char *paths[] = {dir};
    cs_survey *s = survey_of(paths, 1, 2, 0);
    cr_assert_eq(cs_survey_certificates(s), manifest("entries", NULL));
    /* Every profile the generator wrote, as the survey's types. */
    static const char *const types[] = {"mailbox", "organization", "sponsor", "individual"};
    static const char *const gens[] = {"legacy", "multipurpose", "strict"};
    uint64_t smime = 0;
    for (int t = 0; t < 4; t++) {
        for (int g = 0; g < 3; g++) {
            char profile[64];
            snprintf(profile, sizeof profile, "smime.%s.%s", types[t], gens[g]);
            const char *label[] = {profile};
            uint64_t got = cs_survey_cell(s, "validity_by_type", label, 1, "certificates");
            cr_assert_eq(got, manifest("profile", profile), "%s: %llu", profile,
                         (unsigned long long)got);
            /* The same certificates in the EKU, attribute and per-month tables. */
            const char *ca_type[] = {NULL, profile};
            cr_assert_eq(cs_survey_cell(s, "eku_by_ca_type", ca_type, 2, "certificates"), got);
            cr_assert_eq(cs_survey_cell(s, "subject_attributes_by_type", label, 1, "certificates"),
                         got);
            cr_assert_eq(cs_survey_cell(s, "types_by_month", NULL, 0, profile), got);
            smime += got;
        }
    }
    cr_assert_eq(smime, manifest("smime", NULL));
    const char *pre[] = {"pkix.precert"};
    cr_assert_eq(cs_survey_cell(s, "validity_by_type", pre, 1, "certificates"),
                 manifest("precertificates", NULL));
    const char *cas[] = {"pkix.ca"}, *roots[] = {"pkix.root"};
    cr_assert_eq(cs_survey_cell(s, "validity_by_type", cas, 1, "certificates") +
                     cs_survey_cell(s, "validity_by_type", roots, 1, "certificates"),
                 manifest("ca_certificates", NULL));
    /* Strict S/MIME has emailProtection only (the SBR), Legacy may add clientAuth. */
    const char *strict_mailbox[] = {NULL, "smime.mailbox.strict"};
    uint64_t strict = cs_survey_cell(s, "eku_by_ca_type", strict_mailbox, 2, "certificates");
    uint64_t email_only = cs_survey_cell(s, "eku_by_ca_type", strict_mailbox, 2, "email");
    cr_assert_gt(strict, 0);
    cr_assert_geq(email_only + 2, strict, "email only %llu of %llu strict mailbox",
                  (unsigned long long)email_only, (unsigned long long)strict);
    /* Keys come from a pool of 40 per type: far fewer keys than certificates, all counted. */
    const char *distinct[] = {"distinct_keys_sampled"},
               *shared[] = {"keys_in_several_certificates"};
    uint64_t keys = cs_survey_cell(s, "key_reuse", distinct, 1, "value");
    cr_assert_lt(keys, 600, "%llu distinct keys", (unsigned long long)keys);
    cr_assert_gt(cs_survey_cell(s, "key_reuse", shared, 1, "value"), 20);
    uint64_t by_class = 0;
    static const char *const classes[] = {
        "RSA-2048",  "RSA-3072",  "RSA-4096",  "P-256",      "P-384",      "P-521", "Ed25519",
        "ML-DSA-44", "ML-DSA-65", "ML-DSA-87", "ML-KEM-768", "RSASSA-PSS", "other"};
    for (size_t i = 0; i < sizeof classes / sizeof *classes; i++) {
        by_class += cs_survey_cell(s, "keys_by_ca", NULL, 0, classes[i]);
    }
    cr_assert_eq(by_class, cs_survey_certificates(s));
    cs_survey_free(s);
}

/* Split in three and merged in any order = the whole, with and without key sampling. */
Test(survey, merge_of_parts_is_the_whole) {
    for (int limited = 0; limited < 2; limited++) {
        size_t limit = limited ? 16 : 0; /* 16 keys: the key tables sample */
        const char *all[] = {file(0), file(1), file(2)};
        cs_survey *whole = survey_of(all, 3, 1, limit);
        char *expect = json_of(whole);
        if (limited) {
            cr_assert(strstr(expect, "\"reuse_level\":0") == NULL, "no sampling happened");
        }
        static const int orders[][3] = {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}};
        for (int o = 0; o < 3; o++) {
            cs_survey *part[3];
            for (int i = 0; i < 3; i++) {
                const char *one[] = {file(orders[o][i])};
                part[i] = survey_of(one, 1, 1, limit);
            }
            /* (a + b) + c, and a + (b + c) for the second order */
            if (o == 1) {
                cr_assert(cs_survey_merge(part[1], part[2]));
                cr_assert(cs_survey_merge(part[0], part[1]));
            } else {
                cr_assert(cs_survey_merge(part[0], part[1]));
                cr_assert(cs_survey_merge(part[0], part[2]));
            }
            char *got = json_of(part[0]);
            cr_assert_str_eq(got, expect, "order %d, limit %zu", o, limit);
            free(got);
            for (int i = 0; i < 3; i++) {
                cs_survey_free(part[i]);
            }
        }
        /* Threads: the same tables with 1 and 3 workers. */
        cs_survey *threaded = survey_of(all, 3, 3, limit);
        char *got = json_of(threaded);
        cr_assert_str_eq(got, expect);
        free(got);
        cs_survey_free(threaded);
        free(expect);
        cs_survey_free(whole);
    }
}

Test(survey, cbor_round_trip_and_merge) {
    const char *all[] = {file(0), file(1), file(2)};
    cs_survey *s = survey_of(all, 3, 1, 0);
    char *expect = json_of(s);
    cbor_item_t *item = cs_survey_to_cbor(s);
    cr_assert_not_null(item);
    unsigned char *bytes = NULL;
    size_t size = 0;
    size_t len = cbor_serialize_alloc(item, &bytes, &size);
    cr_assert_gt(len, 0);
    cbor_decref(&item);
    struct cbor_load_result res;
    cbor_item_t *back = cbor_load(bytes, len, &res);
    cr_assert_not_null(back);
    cs_survey *copy = cs_survey_from_cbor(back);
    cr_assert_not_null(copy);
    char *got = json_of(copy);
    cr_assert_str_eq(got, expect);
    /* A decoded survey merges like the original: copy + s = s' + s. */
    cs_survey *again = survey_of(all, 3, 1, 0);
    cr_assert(cs_survey_merge(copy, s));
    cr_assert(cs_survey_merge(again, s));
    char *twice = json_of(again), *twice_copy = json_of(copy);
    cr_assert_str_eq(twice_copy, twice);
    cr_assert_str_neq(twice, expect);
    free(twice);
    free(twice_copy);
    cs_survey_free(again);
    free(got);
    cbor_decref(&back);
    /* Damaged files: every decodable mutation is refused or read, never a crash (ASan). */
    uint64_t x = 88172645463325252u;
    for (int round = 0; round < 300; round++) {
        unsigned char *bad = malloc(len);
        memcpy(bad, bytes, len);
        for (int k = 0; k < 1 + round % 4; k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            bad[x % len] ^= (unsigned char)(1u << (x >> 32) % 8);
        }
        struct cbor_load_result r2;
        cbor_item_t *item2 = cbor_load(bad, len, &r2);
        if (item2 != NULL) {
            cs_survey *maybe = cs_survey_from_cbor(item2);
            if (maybe != NULL) {
                char *text = json_of(maybe);
                free(text);
                cs_survey_free(maybe);
            }
            cbor_decref(&item2);
        }
        free(bad);
    }
    free(bytes);
    /* Not a survey: rejected, not misread. */
    cbor_item_t *junk = cbor_build_string("survey");
    cr_assert_null(cs_survey_from_cbor(junk));
    cbor_decref(&junk);
    cs_survey_free(copy);
    cs_survey_free(s);
    free(expect);
}

Test(survey, json_document_shape) {
    const char *paths[] = {SRC "/corpora/ccadb"};
    cs_survey *s = survey_of(paths, 1, 2, 0);
    char *text = json_of(s);
    json_error_t error;
    json_t *root = json_loads(text, 0, &error);
    cr_assert_not_null(root, "line %d: %s", error.line, error.text);
    cr_assert_eq(json_integer_value(json_object_get(root, "version")), 1);
    cr_assert_eq((uint64_t)json_integer_value(json_object_get(root, "certificates")),
                 cs_survey_certificates(s));
    json_t *tables = json_object_get(root, "tables");
    cr_assert_eq(json_array_size(tables), 12);
    size_t i;
    json_t *t;
    json_array_foreach(tables, i, t) {
        size_t labels = (size_t)json_integer_value(json_object_get(t, "labels"));
        size_t cols = json_array_size(json_object_get(t, "columns"));
        cr_assert_gt(cols, labels, "%s", json_string_value(json_object_get(t, "id")));
        size_t r;
        json_t *row;
        json_array_foreach(json_object_get(t, "rows"), r, row) {
            cr_assert_eq(json_array_size(row), cols);
            for (size_t c = 0; c < cols; c++) {
                cr_assert(c < labels ? json_is_string(json_array_get(row, c))
                                     : json_is_integer(json_array_get(row, c)));
            }
        }
    }
    /* CCADB holds cross-signed CAs: some subject and key under several issuers. */
    cr_assert_gt(cs_survey_cell(s, "cross_certificates", NULL, 0, "certificates"), 100);
    json_decref(root);
    free(text);
    cs_survey_free(s);
}

/* The CLI: --csv writes one file per table; --format json carries them under "surveys", by
 * survey kind ("smime"). */
Test(survey, cli_csv_and_json) {
    cr_assert_eq(tsh_run("'%s' scan -q --csv '%s/csv' --format json '%s/der' > '%s/report.json'",
                         CERTSCAN, dir, dir, dir),
                 0);
    char path[256];
    snprintf(path, sizeof path, "%s/report.json", dir);
    json_error_t error;
    json_t *root = json_load_file(path, 0, &error);
    cr_assert_not_null(root, "line %d: %s", error.line, error.text);
    json_t *sv = json_object_get(json_object_get(root, "surveys"), "smime");
    cr_assert(json_is_object(sv));
    cr_assert_eq(json_integer_value(json_object_get(sv, "certificates")),
                 json_integer_value(json_object_get(root, "parsed")));
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(sv, "tables"), i, t) {
        snprintf(path, sizeof path, "%s/csv/%s.csv", dir,
                 json_string_value(json_object_get(t, "id")));
        FILE *f = fopen(path, "r");
        cr_assert_not_null(f, "%s missing", path);
        size_t lines = 0;
        for (int ch; (ch = fgetc(f)) != EOF;) {
            lines += ch == '\n';
        }
        fclose(f);
        cr_assert_eq(lines, 1 + json_array_size(json_object_get(t, "rows")), "%s", path);
    }
    json_decref(root);
    /* Text: the tables are printed, no line wider than 100 columns. */
    cr_assert_eq(tsh_run("'%s' scan -q --survey '%s/der' > '%s/report.txt'", CERTSCAN, dir, dir),
                 0);
    cr_assert_eq(tsh_run("grep -q 'eku_by_ca_type' '%s/report.txt'", dir), 0);
    cr_assert_eq(tsh_run("test $(sed -n '/^Surveys of/,$p' '%s/report.txt' | LC_ALL=C.UTF-8 wc -L) "
                         "-le 100",
                         dir),
                 0);
}
