/* Aggregates end to end (issues 6 and 7): counting modes, duplicates and precertificate pairs,
 * shards merged back into the scan of the whole, merge refusals, the CBOR round trip, CSV
 * tables, samples and the --findings lines. Run as a user would run certscan. */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/shell.h"
#include "tests/support/tcert.h"
#include "tests/support/tcert_ct.h"

#define CERTSCAN CS_CERTSCAN_BIN
#define SRC      CS_SOURCE_DIR

static char dir[64];

static void make_dir(void) {
    tsh_mkdtemp(dir, sizeof dir, "agg");
}

static void remove_dir(void) {
    tsh_rmdir(dir);
}

static char *path_in(const char *name) {
    static char p[8][256];
    static int k;
    k = (k + 1) % 8;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

/* The number after `"key":` at its first occurrence after `from` (NULL: the start). */
static unsigned long long num(const char *json, const char *key) {
    char pat[128];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(json, pat);
    cr_assert_not_null(p, "no %s in %.400s", key, json);
    return strtoull(p + strlen(pat), NULL, 10);
}

static void assert_same_file(const char *a, const char *b) {
    cr_assert_eq(tsh_run("cmp -s '%s' '%s'", a, b), 0, "%s and %s differ", a, b);
}

/* ---- a corpus with a precertificate pair, a lone precertificate and a duplicate ---- */

static void write_cert(FILE *f, const uint8_t *serial, size_t serial_len, int kind) {
    cr_assert(tcert_ct_write(f, serial, serial_len, (tcert_ct_kind)kind));
}

/* precert-first: P(1) F(1) F(1) P(2) X(3); otherwise F(1) P(1) F(1) P(2) X(3). Serial 1 is a
 * pair, 2 a precertificate without its final, 3 a plain certificate. */
static void write_ct_corpus(const char *name, int precert_first) {
    static const uint8_t s1[] = {0x11}, s2[] = {0x22}, s3[] = {0x33};
    FILE *f = fopen(path_in(name), "wb");
    cr_assert_not_null(f);
    write_cert(f, s1, 1, precert_first ? 1 : 2);
    write_cert(f, s1, 1, precert_first ? 2 : 1);
    write_cert(f, s1, 1, 2); /* the final again: a duplicate */
    write_cert(f, s2, 1, 1);
    write_cert(f, s3, 1, 0);
    fclose(f);
}

static char *scan_json(const char *opts, const char *input) {
    cr_assert_eq(
        tsh_run("%s scan -q --format json %s %s > %s", CERTSCAN, opts, input, path_in("out.json")),
        0);
    return tsh_slurp(path_in("out.json"), NULL);
}

static void check_mode(const char *mode, int precert_first, unsigned long long counted,
                       unsigned long long dups, unsigned long long paired,
                       unsigned long long excluded) {
    write_ct_corpus("ct.der", precert_first);
    char opts[64];
    snprintf(opts, sizeof opts, "--count %s", mode);
    for (int j = 1; j <= 3; j += 2) {
        char with_j[96];
        snprintf(with_j, sizeof with_j, "%s -j %d", opts, j);
        char *json = scan_json(with_j, path_in("ct.der"));
        cr_assert_eq(num(json, "parsed"), 5);
        cr_assert_eq(num(json, "scanned"), counted, "%s, precert first %d: %s", mode, precert_first,
                     json);
        cr_assert_eq(num(json, "duplicates"), dups, "%s", mode);
        cr_assert_eq(num(json, "precerts_with_final"), paired, "%s", mode);
        cr_assert_eq(num(json, "excluded_by_count_mode"), excluded, "%s", mode);
        free(json);
    }
}

Test(aggregate, counting_modes_pair_precertificates_and_count_duplicates_once, .init = make_dir,
     .fini = remove_dir) {
    for (int first = 0; first <= 1; first++) {
        /* F1 and X3 always; P2 has no final; P1 only when finals are not looked for. */
        check_mode("final-or-precert", first, 3, 1, 1, 0);
        check_mode("all", first, 4, 1, 0, 0);
        check_mode("final", first, 2, 1, 0, 2);
        check_mode("precert", first, 2, 1, 0, 2);
    }
}

/* Two certificates with one TBSCertificate and another outer signatureAlgorithm (a re-signing,
 * or a test vector) are two certificates with their own findings, not a copy of one another:
 * counting one of them as a duplicate made the findings depend on which a worker saw first. */
Test(aggregate, a_certificate_signed_again_is_not_a_duplicate, .init = make_dir,
     .fini = remove_dir) {
    static const uint8_t serial[] = {0x44};
    for (int order = 0; order <= 1; order++) {
        FILE *f = fopen(path_in("resigned.der"), "wb");
        cr_assert_not_null(f);
        for (int k = 0; k < 2; k++) {
            tcert t;
            tcert_defaults(&t);
            t.serial = serial;
            t.serial_len = sizeof serial;
            t.sig_oid = t.tbs_sig_oid;
            t.sig_null = (k == order); /* ecdsa-with-SHA256 with NULL parameters: an error */
            size_t len;
            uint8_t *der = tcert_build(&t, &len);
            cr_assert_eq(fwrite(der, 1, len, f), len);
            cr_assert_eq(fwrite(der, 1, len, f), len); /* and an exact copy of each */
            free(der);
        }
        fclose(f);
        for (int j = 1; j <= 3; j += 2) {
            char opts[32];
            snprintf(opts, sizeof opts, "-j %d", j);
            char *json = scan_json(opts, path_in("resigned.der"));
            cr_assert_eq(num(json, "parsed"), 4);
            cr_assert_eq(num(json, "scanned"), 2, "order %d, -j %d: %s", order, j, json);
            cr_assert_eq(num(json, "duplicates"), 2);
            const char *r = strstr(json, "{\"rule\":\"rfc5758.ecdsa.signature_params_present\"");
            cr_assert_not_null(r, "the re-signed copy's finding is counted: %s", json);
            cr_assert_eq(num(r, "certificates"), 1);
            free(json);
        }
    }
}

Test(aggregate, the_pair_lands_in_one_shard_and_shards_merge_to_the_whole, .init = make_dir,
     .fini = remove_dir) {
    write_ct_corpus("ct.der", 1);
    char *whole = scan_json("", path_in("ct.der"));
    for (int k = 1; k <= 4; k++) {
        cr_assert_eq(tsh_run("%s scan -q --shard %d/4 --save %s/s%d.cbor %s > /dev/null", CERTSCAN,
                             k, dir, k, path_in("ct.der")),
                     0);
    }
    cr_assert_eq(tsh_run("%s merge %s/s1.cbor %s/s2.cbor %s/s3.cbor %s/s4.cbor -o %s", CERTSCAN,
                         dir, dir, dir, dir, path_in("m.cbor")),
                 0);
    cr_assert_eq(
        tsh_run("%s report --json %s > %s", CERTSCAN, path_in("m.cbor"), path_in("m.json")), 0);
    char *merged = tsh_slurp(path_in("m.json"), NULL);
    cr_assert_str_eq(merged, whole);
    cr_assert_eq(num(whole, "precerts_with_final"), 1);
    free(whole);
    free(merged);
}

/* ---- a generated corpus: expected counts, shards, merge properties, round trip ---- */

/* certscan-gen sits in the build's bench/ folder, beside the certscan binary's folder. */
static void gen_path(char *out, size_t len) {
    snprintf(out, len, "%s", CERTSCAN);
    char *slash = strrchr(out, '/');
    cr_assert_not_null(slash);
    snprintf(slash, len - (size_t)(slash - out), "/bench/certscan-gen");
    cr_assert_eq(access(out, X_OK), 0, "%s not built (CS_BENCH=OFF?)", out);
}

static void make_gen_corpus(void) {
    char gen[512];
    gen_path(gen, sizeof gen);
    cr_assert_eq(tsh_run("%s -q -o %s/gen -n 3000 --cas 10 --key-pool 2 --seed 7 --defect all:0.5 "
                         "--formats der --per-file 700",
                         gen, dir),
                 0);
}

Test(aggregate, shards_merged_in_any_order_give_the_scan_of_the_whole, .init = make_dir,
     .fini = remove_dir, .timeout = 600) {
    make_gen_corpus();
    char gen[512];
    gen_path(gen, sizeof gen);
    char corpus[128];
    snprintf(corpus, sizeof corpus, "%s/gen/der", dir);
    cr_assert_eq(tsh_run("%s scan -q -j 2 --format json --save %s %s > %s", CERTSCAN,
                         path_in("whole.cbor"), corpus, path_in("whole.json")),
                 0);
    /* The aggregate agrees with the generator's expected counts per CA and rule. */
    cr_assert_eq(tsh_run("%s check %s/gen/expected.tsv %s > %s", gen, dir, path_in("whole.json"),
                         path_in("check.txt")),
                 0, "%s", tsh_slurp(path_in("check.txt"), NULL));
    /* Schema round trip: the saved aggregate renders as the scan printed it. */
    cr_assert_eq(
        tsh_run("%s report --json %s > %s", CERTSCAN, path_in("whole.cbor"), path_in("rt.json")),
        0);
    assert_same_file(path_in("whole.json"), path_in("rt.json"));
    for (int k = 1; k <= 3; k++) {
        cr_assert_eq(tsh_run("%s scan -q -j %d --shard %d/3 --save %s/s%d.cbor %s > /dev/null",
                             CERTSCAN, k, k, dir, k, corpus),
                     0);
    }
    /* Commutative and associative: every order and grouping gives the same bytes. */
    cr_assert_eq(
        tsh_run("cd %s && %s merge s1.cbor s2.cbor s3.cbor -o a.cbor && "
                "%s merge s3.cbor s1.cbor s2.cbor -o b.cbor && "
                "%s merge s2.cbor s3.cbor -o s23.cbor && %s merge s23.cbor s1.cbor -o c.cbor",
                dir, CERTSCAN, CERTSCAN, CERTSCAN, CERTSCAN),
        0);
    assert_same_file(path_in("a.cbor"), path_in("b.cbor"));
    assert_same_file(path_in("a.cbor"), path_in("c.cbor"));
    /* ... and exactly the aggregate of one scan over everything. */
    assert_same_file(path_in("a.cbor"), path_in("whole.cbor"));
    cr_assert_eq(
        tsh_run("%s report --json %s > %s", CERTSCAN, path_in("a.cbor"), path_in("a.json")), 0);
    assert_same_file(path_in("a.json"), path_in("whole.json"));
    /* A partial merge is still a shard: its text report says so. */
    cr_assert_eq(
        tsh_run("%s report %s | grep -q 'Shards of 3: 2 3'", CERTSCAN, path_in("s23.cbor")), 0);
}

/* The survey rides in the aggregate: each shard surveys its own certificates only, so the
 * merged shards' survey is the survey of the whole, not N times it. */
Test(aggregate, survey_of_merged_shards_is_the_survey_of_the_whole, .init = make_dir,
     .fini = remove_dir, .timeout = 600) {
    const char *in = SRC "/corpora/ccadb";
    cr_assert_eq(tsh_run("%s scan -q --survey --format json --save %s %s > %s", CERTSCAN,
                         path_in("whole.cbor"), in, path_in("whole.json")),
                 0);
    for (int k = 1; k <= 3; k++) {
        cr_assert_eq(
            tsh_run("%s scan -q -j 2 --survey --shard %d/3 --save %s/s%d.cbor %s > /dev/null",
                    CERTSCAN, k, dir, k, in),
            0);
    }
    cr_assert_eq(tsh_run("cd %s && %s merge s2.cbor s3.cbor s1.cbor -o all.cbor", dir, CERTSCAN),
                 0);
    cr_assert_eq(
        tsh_run("%s report --json %s > %s", CERTSCAN, path_in("all.cbor"), path_in("all.json")), 0);
    assert_same_file(path_in("all.json"), path_in("whole.json"));
    char *json = tsh_slurp(path_in("all.json"), NULL);
    const char *sv = strstr(json, "\"surveys\":{\"smime\":");
    cr_assert_not_null(sv, "no survey in the merged report");
    cr_assert_eq(num(sv, "certificates"), num(json, "parsed"), "every parsed certificate once");
    free(json);
}

Test(aggregate, merge_refuses_what_would_not_add_up, .init = make_dir, .fini = remove_dir) {
    const char *in = SRC "/corpora/roots";
    cr_assert_eq(tsh_run("cd %s && %s scan -q --save fop.cbor %s > /dev/null && "
                         "%s scan -q --count all --save all.cbor %s > /dev/null && "
                         "%s scan -q --shard 1/2 --save s1.cbor %s > /dev/null && "
                         "%s scan -q --shard 1/3 --save t1.cbor %s > /dev/null && "
                         "%s scan -q --survey --shard 2/2 --save v2.cbor %s > /dev/null",
                         dir, CERTSCAN, in, CERTSCAN, in, CERTSCAN, in, CERTSCAN, in, CERTSCAN, in),
                 0);
    const struct {
        const char *a, *b, *message;
    } cases[] = {
        {"fop.cbor", "all.cbor", "different counting modes"},
        {"s1.cbor", "s1.cbor", "both hold shard 1 of 2"},
        {"s1.cbor", "t1.cbor", "shards of different splits"},
        {"s1.cbor", "fop.cbor", "shards of different splits"},
        {"s1.cbor", "v2.cbor", "only one holds the smime survey"},
        {"v2.cbor", "s1.cbor", "only one holds the smime survey"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cr_assert_neq(tsh_run("cd %s && %s merge %s %s -o x.cbor 2> err.txt", dir, CERTSCAN,
                              cases[i].a, cases[i].b),
                      0, "%s + %s merged", cases[i].a, cases[i].b);
        char *err = tsh_slurp(path_in("err.txt"), NULL);
        cr_assert_not_null(strstr(err, cases[i].message), "%s", err);
        free(err);
    }
    /* Not an aggregate at all. */
    cr_assert_neq(tsh_run("%s report %s/corpora/roots/ISRG_Root_X1.crt 2> %s", CERTSCAN, SRC,
                          path_in("err.txt")),
                  0);
    char *err = tsh_slurp(path_in("err.txt"), NULL);
    cr_assert_not_null(strstr(err, "not a valid"), "%s", err);
    free(err);
}

Test(aggregate, csv_tables_samples_and_the_same_output_for_any_j, .init = make_dir,
     .fini = remove_dir) {
    const char *in = SRC "/corpora/ccadb";
    cr_assert_eq(tsh_run("%s scan -q -j 1 --samples 3 --format json --csv %s/csv %s > %s", CERTSCAN,
                         dir, in, path_in("j1.json")),
                 0);
    /* The same options: --csv also adds the survey tables to the report. */
    cr_assert_eq(tsh_run("%s scan -q -j 3 --samples 3 --format json --csv %s/csv3 %s > %s",
                         CERTSCAN, dir, in, path_in("j3.json")),
                 0);
    assert_same_file(path_in("j1.json"), path_in("j3.json"));
    cr_assert_eq(tsh_run("diff -r '%s/csv' '%s/csv3' > /dev/null", dir, dir), 0,
                 "CSV tables differ between -j 1 and -j 3");
    char *json = tsh_slurp(path_in("j1.json"), NULL);
    cr_assert_eq(num(json, "samples_per_ca_rule"), 3);
    /* No (CA, rule) lists more than 3 samples: a fourth "sha256" before the closing bracket. */
    for (const char *p = strstr(json, "\"samples\":["); p != NULL;
         p = strstr(p + 1, "\"samples\":[")) {
        const char *end = strchr(p, ']');
        int n = 0;
        for (const char *q = strstr(p, "\"sha256\""); q != NULL && q < end;
             q = strstr(q + 1, "\"sha256\"")) {
            n++;
        }
        cr_assert_leq(n, 3);
    }
    static const char *const tables[] = {"summary", "rejections", "rules",   "cas",   "profiles",
                                         "months",  "ca_rules",   "samples", "cells", "cell_rules"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "csv/%s.csv", tables[i]);
        cr_assert_eq(access(path_in(name), R_OK), 0, "%s missing", name);
    }
    /* One row per CA, plus the header. */
    cr_assert_eq(
        tsh_run("test $(wc -l < %s/csv/cas.csv) -eq %llu", dir, num(json, "cas_total") + 1), 0);
    free(json);
}

Test(aggregate, findings_lines_name_the_position_and_hide_smime_subjects, .init = make_dir,
     .fini = remove_dir) {
    const char *in = SRC "/corpora/ccadb";
    cr_assert_eq(tsh_run("%s scan -q --format json --findings %s %s > %s", CERTSCAN,
                         path_in("f.jsonl"), in, path_in("r.json")),
                 0);
    char *json = tsh_slurp(path_in("r.json"), NULL);
    /* One line per entry with a finding: every parsed certificate with one, duplicates too. */
    cr_assert_eq(tsh_run("test $(grep -c '\"findings\":\\[{' %s) -ge %llu", path_in("f.jsonl"),
                         num(json, "any")),
                 0);
    cr_assert_eq(
        tsh_run("grep -q '\"issuer\":.*\"serial\":\"[0-9a-f]*\",\"not_before\":\"[0-9T:-]*Z\""
                ".*\"position\":{\"input\":' %s",
                path_in("f.jsonl")),
        0);
    cr_assert_neq(tsh_run("grep -q '\"subject\":' %s", path_in("f.jsonl")), 0);
    cr_assert_eq(tsh_run("%s scan -q --findings %s --include-subject %s > /dev/null", CERTSCAN,
                         path_in("g.jsonl"), in),
                 0);
    cr_assert_eq(tsh_run("grep -q '\"subject\":' %s", path_in("g.jsonl")), 0);
    free(json);
}

Test(aggregate, damaged_aggregate_files_are_refused_cleanly, .init = make_dir, .fini = remove_dir,
     .timeout = 600) {
    cr_assert_eq(tsh_run("%s scan -q --save %s %s/corpora/roots > /dev/null", CERTSCAN,
                         path_in("good.cbor"), SRC),
                 0);
    char *good = tsh_slurp(path_in("good.cbor"), NULL);
    FILE *f = fopen(path_in("good.cbor"), "rb");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    /* Cut short anywhere, or one byte changed: a message and status 1, never a crash (a
     * sanitizer's report exits 99 here). */
    for (long cut = 0; cut < size; cut += size / 40 + 1) {
        cr_assert_eq(
            tsh_run("head -c %ld %s > %s && ASAN_OPTIONS=exitcode=99 UBSAN_OPTIONS=exitcode=99 "
                    "%s report %s > /dev/null 2>&1",
                    cut, path_in("good.cbor"), path_in("cut.cbor"), CERTSCAN, path_in("cut.cbor")),
            1, "cut at %ld", cut);
    }
    for (long at = 0; at < size; at += size / 60 + 1) {
        FILE *w = fopen(path_in("flip.cbor"), "wb");
        cr_assert_not_null(w);
        for (long i = 0; i < size; i++) {
            fputc(i == at ? good[i] ^ 0x5A : good[i], w);
        }
        fclose(w);
        int st =
            tsh_run("ASAN_OPTIONS=exitcode=99 UBSAN_OPTIONS=exitcode=99 %s report %s > /dev/null "
                    "2>&1",
                    CERTSCAN, path_in("flip.cbor"));
        cr_assert(st == 0 || st == 1, "byte %ld changed: status %d", at, st);
    }
    free(good);
}
