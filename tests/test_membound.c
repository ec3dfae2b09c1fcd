/* scan --memory and --passes (scanner/membudget.h): a corpus counted in several passes, each a
 * shard of the pairing key with its own key table, gives byte for byte the report of one pass,
 * with duplicates and precertificate/final pairs in the corpus; standard input is read once. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/support/shell.h"
#include "tests/support/tcert.h"
#include "tests/support/tcert_ct.h"

#define CERTSCAN CS_CERTSCAN_BIN

static char dir[64];

static void make_dir(void) {
    tsh_mkdtemp(dir, sizeof dir, "membound");
}

static void remove_dir(void) {
    tsh_rmdir(dir);
}

static void assert_same_file(const char *a, const char *b) {
    cr_assert_eq(tsh_run("cmp -s '%s/%s' '%s/%s'", dir, a, dir, b), 0, "%s and %s differ", a, b);
}

/* kind 0: a plain certificate, 1: a precertificate, 2: the final certificate with SCTs. */
static void write_cert(FILE *f, uint8_t serial, int kind) {
    cr_assert(tcert_ct_write(f, &serial, 1, (tcert_ct_kind)kind));
}

/* A generated corpus (several CAs, defects, S/MIME and TLS, precertificates without their
 * final), one of its files again (duplicates), and CT pairs in both orders, a lone
 * precertificate and a duplicate final. */
static void make_corpus(void) {
    char gen[512];
    snprintf(gen, sizeof gen, "%s", CERTSCAN);
    char *slash = strrchr(gen, '/');
    cr_assert_not_null(slash);
    snprintf(slash, sizeof gen - (size_t)(slash - gen), "/bench/certscan-gen");
    cr_assert_eq(access(gen, X_OK), 0, "%s not built (CS_BENCH=OFF?)", gen);
    cr_assert_eq(tsh_run("%s -q -o %s/gen -n 3000 --cas 10 --key-pool 2 --seed 11 --defect all:0.5 "
                         "--formats der --per-file 1000",
                         gen, dir),
                 0);
    cr_assert_eq(tsh_run("mkdir -p %s/corpus && cp %s/gen/der/* %s/corpus/ && "
                         "for f in %s/gen/der/*; do cp \"$f\" %s/corpus/again-$(basename \"$f\"); "
                         "break; done",
                         dir, dir, dir, dir, dir),
                 0);
    char path[128];
    snprintf(path, sizeof path, "%s/corpus/ct.der", dir);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    for (uint8_t s = 1; s <= 40; s++) {
        int order = s % 4; /* 0: final, precert; 1: precert, final; 2: lone precert; 3: plain */
        write_cert(f, s, order == 1 || order == 2 ? 1 : order == 0 ? 2 : 0);
        if (order <= 1) {
            write_cert(f, s, order == 0 ? 1 : 2);
        }
        if (s % 5 == 0) {
            write_cert(f, s, order == 1 ? 2 : order == 0 ? 2 : order == 2 ? 1 : 0);
        }
    }
    fclose(f);
}

static unsigned long long num(const char *json, const char *key) {
    char pat[128];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(json, pat);
    cr_assert_not_null(p, "no %s in %.400s", key, json);
    return strtoull(p + strlen(pat), NULL, 10);
}

Test(membound, several_passes_give_the_report_of_one, .init = make_dir, .fini = remove_dir,
     .timeout = 600) {
    make_corpus();
    cr_assert_eq(tsh_run("cd %s && %s scan -q -j 2 --memory 0 --format json --save one.cbor "
                         "corpus > one.json",
                         dir, CERTSCAN),
                 0);
    char one[256];
    snprintf(one, sizeof one, "%s/one.json", dir);
    char *json = tsh_slurp(one, NULL);
    /* The corpus holds what passes must keep together. */
    cr_assert_gt(num(json, "duplicates"), 1000);
    cr_assert_gt(num(json, "precerts_with_final"), 10);
    free(json);
    static const char *const runs[] = {"-j 1 --passes 2", "-j 2 --passes 3", "-j 3 --passes 7",
                                       "-j 2 --passes 64"};
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        cr_assert_eq(tsh_run("cd %s && %s scan -q %s --format json --save multi.cbor corpus > "
                             "multi.json 2> multi.err",
                             dir, CERTSCAN, runs[i]),
                     0, "%s", runs[i]);
        assert_same_file("one.json", "multi.json");
        assert_same_file("one.cbor", "multi.cbor");
    }
    /* The survey and the text report too. */
    cr_assert_eq(tsh_run("cd %s && %s scan -q --survey --memory 0 corpus > one.txt && "
                         "%s scan -q --survey --passes 4 corpus > multi.txt",
                         dir, CERTSCAN, CERTSCAN),
                 0);
    assert_same_file("one.txt", "multi.txt");
}

Test(membound, each_pass_is_reported_unless_quiet, .init = make_dir, .fini = remove_dir,
     .timeout = 600) {
    make_corpus();
    cr_assert_eq(tsh_run("cd %s && %s scan --passes 3 corpus > out.txt 2> err.txt", dir, CERTSCAN),
                 0);
    for (int k = 1; k <= 3; k++) {
        cr_assert_eq(tsh_run("grep -q '^certscan: pass %d of 3 done' %s/err.txt", k, dir), 0,
                     "pass %d line missing", k);
    }
    cr_assert_eq(tsh_run("grep -q 'counting them in 3 passes' %s/err.txt", dir), 0);
    cr_assert_eq(tsh_run("cd %s && %s scan -q --passes 3 corpus 2> err.txt > /dev/null && "
                         "test ! -s err.txt",
                         dir, CERTSCAN),
                 0);
}

Test(membound, standard_input_is_read_once_and_counted_exactly, .init = make_dir,
     .fini = remove_dir, .timeout = 600) {
    make_corpus();
    cr_assert_eq(tsh_run("cd %s && cat corpus/* > all.der && %s scan -q --format json --memory 0 "
                         "all.der > file.json && "
                         "%s scan --format json --passes 3 - < all.der > stdin.json 2> err.txt",
                         dir, CERTSCAN, CERTSCAN),
                 0);
    /* One pass (no "pass" line), and the counts of the file's scan but for the input's name. */
    cr_assert_eq(tsh_run("grep -q pass %s/err.txt", dir), 1);
    cr_assert_eq(
        tsh_run("cd %s && sed 's/\"all.der\"/\"-\"/' file.json | cmp -s - stdin.json", dir), 0);
}

Test(membound, options_are_checked, .init = make_dir, .fini = remove_dir) {
    cr_assert_eq(tsh_run("%s scan --memory lots x.der 2> %s/e.txt", CERTSCAN, dir), 2);
    cr_assert_eq(tsh_run("grep -q -- '--memory needs a size' %s/e.txt", dir), 0);
    cr_assert_eq(tsh_run("%s scan --passes 65 x.der 2> /dev/null", CERTSCAN), 2);
    /* A limit below what the pipeline needs is refused, naming what it needs. */
    cr_assert_neq(tsh_run("%s scan -j 8 --memory 64M %s 2> %s/e.txt", CERTSCAN, CERTSCAN, dir), 0);
    cr_assert_eq(tsh_run("grep -q 'too small for -j 8' %s/e.txt", dir), 0);
}
