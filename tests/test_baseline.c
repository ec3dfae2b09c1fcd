/* Baselines (issue 8): `certscan diff OLD.cbor NEW.cbor` and `scan --baseline`, on two generated
 * corpora that differ in a known way: the generator with one seed writes the same entries first
 * whatever the count, so "day 2" is "day 1" plus a tail of new certificates from the same CAs,
 * and what the diff calls new must be exactly what a scan of the tail alone finds. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/support/shell.h"

#define GEN      CS_GEN_BIN
#define CERTSCAN CS_CERTSCAN_BIN

static char dir[64];

/* day1/der/corpus.der (700 entries), day2/der/corpus.der (the same + 300), tail.der (the 300),
 * and the aggregates day1.cbor, day2.cbor. Made once before the tests are forked. */
ReportHook(PRE_ALL)(struct criterion_test_set *set) {
    (void)set;
    snprintf(dir, sizeof dir, "/tmp/certscan-test-baseline-XXXXXX");
    struct stat st;
    char day1[128];
    if (mkdtemp(dir) == NULL ||
        tsh_run("'%s' -q -o '%s/day1' -n 700 --seed 5 --key-pool 4 && "
                "'%s' -q -o '%s/day2' -n 1000 --seed 5 --key-pool 4",
                GEN, dir, GEN, dir) != 0 ||
        snprintf(day1, sizeof day1, "%s/day1/der/corpus.der", dir) < 0 || stat(day1, &st) != 0 ||
        tsh_run("tail -c +%lld '%s/day2/der/corpus.der' > '%s/tail.der' && "
                "'%s' scan -q '%s/day1/der' --save '%s/day1.cbor' > /dev/null && "
                "'%s' scan -q '%s/day2/der' --save '%s/day2.cbor' > /dev/null",
                (long long)st.st_size + 1, dir, dir, CERTSCAN, dir, dir, CERTSCAN, dir, dir) != 0) {
        fprintf(stderr, "test_baseline: could not make the corpora\n");
        dir[0] = '\0';
    }
    setenv("CS_TEST_BASELINE_DIR", dir, 1);
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats) {
    (void)stats;
    if (dir[0] != '\0') {
        tsh_run("rm -rf '%s'", dir);
    }
}

static void setup(void) {
    const char *made = getenv("CS_TEST_BASELINE_DIR");
    cr_assert(made != NULL && made[0] != '\0', "no generated corpora");
    snprintf(dir, sizeof dir, "%s", made);
}

static json_t *run_json(int want_status, const char *fmt, const char *a, const char *b) {
    char args[512], cmd[1024];
    snprintf(args, sizeof args, fmt, dir, a, dir, b);
    snprintf(cmd, sizeof cmd, "%s %s", CERTSCAN, args);
    tsh_output r = tsh_capture(cmd);
    cr_assert_eq(r.status, want_status, "%s: exit %d", cmd, r.status);
    json_error_t err;
    json_t *j = json_loadb(r.out, r.len, 0, &err);
    cr_assert_not_null(j, "%s: %s in %.300s", cmd, err.text, r.out);
    free(r.out);
    return j;
}

static long long jint(const json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    cr_assert(json_is_integer(v), "no %s", key);
    return (long long)json_integer_value(v);
}

/* Certificates with a finding of each severity in a scan of the tail alone. */
static void tail_findings(long long out[3]) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "%s scan -q --format json '%s/tail.der'", CERTSCAN, dir);
    tsh_output r = tsh_capture(cmd);
    cr_assert_eq(r.status, 0);
    json_t *j = json_loadb(r.out, r.len, 0, NULL);
    cr_assert_not_null(j);
    out[0] = out[1] = out[2] = 0;
    size_t i;
    json_t *rule;
    json_array_foreach(json_object_get(j, "rules"), i, rule) {
        const char *sev = json_string_value(json_object_get(rule, "severity"));
        int k = strcmp(sev, "error") == 0 ? 0 : strcmp(sev, "warning") == 0 ? 1 : 2;
        out[k] += jint(rule, "certificates");
    }
    json_decref(j);
    free(r.out);
    cr_assert_gt(out[0] + out[1] + out[2], 0, "the tail has findings to find");
}

Test(baseline, diff_reports_exactly_the_added_certificates, .init = setup) {
    long long tail[3];
    tail_findings(tail);
    json_t *d = run_json(0, "diff --json %s/%s %s/%s", "day1.cbor", "day2.cbor");
    cr_assert_str_eq(json_string_value(json_object_get(d, "schema")), "certscan-diff");
    json_t *fresh = json_object_get(d, "new_findings");
    cr_assert_eq(jint(fresh, "error"), tail[0]);
    cr_assert_eq(jint(fresh, "warning"), tail[1]);
    cr_assert_eq(jint(fresh, "notice"), tail[2]);
    cr_assert_eq(jint(json_object_get(d, "gone_findings"), "total"), 0);
    cr_assert_eq(jint(json_object_get(d, "current"), "certificates") -
                     jint(json_object_get(d, "baseline"), "certificates"),
                 300);
    /* Every listed pair gained exactly now - before, and its new samples are tail certificates
     * (day 1's samples of that pair are not repeated). */
    size_t i, grew = 0;
    json_t *p;
    json_array_foreach(json_object_get(d, "pairs"), i, p) {
        cr_assert_eq(jint(p, "new"), jint(p, "now") - jint(p, "before"));
        const char *change = json_string_value(json_object_get(p, "change"));
        cr_assert(strcmp(change, jint(p, "before") == 0 ? "appeared" : "grew") == 0, "%s", change);
        grew += strcmp(change, "grew") == 0;
        cr_assert_gt(json_array_size(json_object_get(p, "new_samples")), 0);
    }
    cr_assert_gt(grew, 0, "the same CAs issued the tail: some pairs grew");
    json_decref(d);
}

Test(baseline, the_other_way_round_they_are_gone, .init = setup) {
    long long tail[3];
    tail_findings(tail);
    json_t *d = run_json(0, "diff --json %s/%s %s/%s", "day2.cbor", "day1.cbor");
    json_t *fresh = json_object_get(d, "new_findings");
    cr_assert_eq(jint(fresh, "error") + jint(fresh, "warning") + jint(fresh, "notice"), 0);
    json_t *gone = json_object_get(d, "gone_findings");
    cr_assert_eq(jint(gone, "total"), tail[0] + tail[1] + tail[2]);
    cr_assert_gt(jint(gone, "disappeared") + jint(gone, "fell"), 0);
    json_decref(d);
    /* The same file against itself: nothing. */
    d = run_json(0, "diff --json %s/%s %s/%s", "day2.cbor", "day2.cbor");
    cr_assert_eq(json_array_size(json_object_get(d, "pairs")), 0);
    json_decref(d);
}

static int status_of(const char *fmt, const char *arg) {
    char args[512], cmd[1024];
    snprintf(args, sizeof args, fmt, dir, dir, arg);
    snprintf(cmd, sizeof cmd, "%s %s > /dev/null 2>&1", CERTSCAN, args);
    return tsh_run("%s", cmd);
}

Test(baseline, fail_on_judges_only_new_findings, .init = setup) {
    long long tail[3];
    tail_findings(tail);
    /* Day 1 against itself has findings, none new. */
    cr_assert_eq(status_of("scan %s/day1/der --baseline %s/day1.cbor --fail-on %s", "notice"), 0);
    cr_assert_eq(status_of("scan %s/day1/der --fail-on notice %.0s%s", ""), 1);
    cr_assert_eq(status_of("scan %s/day2/der --baseline %s/day1.cbor --fail-on %s", "notice"), 1);
    cr_assert_eq(status_of("scan %s/day2/der --baseline %s/day1.cbor --fail-on %s", "never"), 0);
    cr_assert_eq(status_of("scan %s/day2/der --baseline %s/day1.cbor --fail-on %s", "error"),
                 tail[0] > 0 ? 1 : 0);
    cr_assert_eq(status_of("diff %s/day1.cbor %s/day2.cbor --fail-on %s", "notice"), 1);
    cr_assert_eq(status_of("diff %s/day1.cbor %s/day2.cbor --fail-on %s", "never"), 0);
    cr_assert_eq(status_of("diff %s/day2.cbor %s/day1.cbor --fail-on %s", "notice"), 0);
    /* Usage: a missing or damaged baseline, one file for diff, --baseline with lint. */
    cr_assert_eq(status_of("scan %s/day1/der --baseline %s/%s", "missing.cbor"), 2);
    cr_assert_eq(status_of("scan %s/day1/der --baseline %s/%s", "tail.der"), 2);
    cr_assert_eq(status_of("diff %s/day1.cbor %.0s%s", ""), 2);
    cr_assert_eq(status_of("lint %s/day1/der --baseline %s/%s", "day1.cbor"), 2);
}

Test(baseline, scan_report_and_findings_lines_against_a_baseline, .init = setup) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "%s scan -q --format json %s/day2/der --baseline %s/day1.cbor --findings "
             "%s/f.jsonl",
             CERTSCAN, dir, dir, dir);
    tsh_output r = tsh_capture(cmd);
    cr_assert_eq(r.status, 0);
    json_t *j = json_loadb(r.out, r.len, 0, NULL);
    cr_assert_not_null(j);
    free(r.out);
    json_t *d = json_object_get(j, "baseline_diff");
    cr_assert_not_null(d, "the scan document carries the diff");
    json_t *alone = run_json(0, "diff --json %s/%s %s/%s", "day1.cbor", "day2.cbor");
    cr_assert(json_equal(json_object_get(d, "pairs"), json_object_get(alone, "pairs")),
              "scan --baseline and diff agree");
    /* Findings whose pair appeared are the ones marked as not in the baseline. */
    long long appeared = 0, marked_new = 0, marked = 0;
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(d, "pairs"), i, p) {
        if (strcmp(json_string_value(json_object_get(p, "change")), "appeared") == 0) {
            appeared += jint(p, "now");
        }
    }
    char path[128];
    snprintf(path, sizeof path, "%s/f.jsonl", dir);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    char line[16384];
    while (fgets(line, sizeof line, f) != NULL) {
        json_t *l = json_loads(line, 0, NULL);
        cr_assert_not_null(l, "%.200s", line);
        json_t *fi;
        json_array_foreach(json_object_get(l, "findings"), i, fi) {
            json_t *in = json_object_get(fi, "in_baseline");
            cr_assert(json_is_boolean(in), "every finding is marked");
            marked++;
            marked_new += json_is_false(in);
        }
        json_decref(l);
    }
    fclose(f);
    cr_assert_gt(marked, 0);
    cr_assert_eq(marked_new, appeared);
    json_decref(alone);
    json_decref(j);
}

/* ---- the README's nightly job (docs/examples/nightly.sh) ---- */

static int nightly(const char *corpus, const char *policy) {
    return tsh_run("CERTSCAN='%s' sh '%s/docs/examples/nightly.sh' '%s/%s' '%s/%s' '%s/state'",
                   CERTSCAN, CS_SOURCE_DIR, dir, corpus, dir, policy, dir);
}

/* Waivers for every error pair day 2 added, expiring on `expires`. */
static void write_waivers(const char *name, const char *expires) {
    json_t *d = run_json(0, "diff --json %s/%s %s/%s", "day1.cbor", "day2.cbor");
    json_t *waivers = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(d, "pairs"), i, p) {
        if (strcmp(json_string_value(json_object_get(p, "severity")), "error") != 0) {
            continue;
        }
        json_t *scope =
            json_pack("{s:O}", "issuer", json_object_get(json_object_get(p, "ca"), "issuer"));
        json_array_append_new(
            waivers, json_pack("{s:O,s:o,s:s,s:s,s:s}", "rule", json_object_get(p, "rule"), "scope",
                               scope, "reason", "test", "ticket", "T-1", "expires", expires));
    }
    cr_assert_gt(json_array_size(waivers), 0, "day 2 added error findings");
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    cr_assert_eq(json_dump_file(json_pack("{s:o}", "waivers", waivers), path, 0), 0);
    json_decref(d);
}

Test(baseline, the_nightly_job_fails_only_on_new_unwaived_errors, .init = setup) {
    cr_assert_eq(tsh_run("mkdir -p '%s/state' && echo '{}' > '%s/none.json'", dir, dir), 0);
    write_waivers("current.json", "2099-12-31");
    write_waivers("expired.json", "2020-01-01");
    /* Night 1 has no baseline: day 1's errors are all new. Night 2, the same certificates:
     * nothing new. */
    cr_assert_eq(nightly("day1/der", "none.json"), 1);
    cr_assert_eq(nightly("day1/der", "none.json"), 0);
    /* Night 3 adds the tail: its errors fail the job unless waived; an expired waiver no longer
     * waives (and is reported). */
    cr_assert_eq(tsh_run("cp '%s/state/last.cbor' '%s/night2.cbor'", dir, dir), 0);
    cr_assert_eq(nightly("day2/der", "expired.json"), 1);
    char path[128];
    snprintf(path, sizeof path, "%s/state/report.txt", dir);
    char *report = tsh_slurp(path, NULL);
    cr_assert_not_null(strstr(report, "expired"), "%s", report);
    cr_assert_not_null(strstr(report, "Since the baseline"), "%s", report);
    free(report);
    cr_assert_eq(tsh_run("cp '%s/night2.cbor' '%s/state/last.cbor'", dir, dir), 0);
    cr_assert_eq(nightly("day2/der", "current.json"), 0);
    report = tsh_slurp(path, NULL);
    cr_assert_not_null(strstr(report, "aived"), "waived findings are shown: %s", report);
    free(report);
}
