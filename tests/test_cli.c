/* The certscan command line end to end, run as a user would run it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tests/support/shell.h"

#define CERTSCAN CS_CERTSCAN_BIN
#define SRC      CS_SOURCE_DIR

static unsigned long long field(const char *text, const char *label) {
    const char *p = strstr(text, label);
    cr_assert_not_null(p, "no '%s' in output:\n%s", label, text);
    return strtoull(p + strlen(label), NULL, 10);
}

Test(cli, scan_accounts_for_every_ccadb_certificate) {
    tsh_output r = tsh_capture(CERTSCAN " scan --top 0 " SRC "/corpora/ccadb 2>/dev/null");
    cr_assert_eq(r.status, 0);
    unsigned long long read = field(r.out, "Entries read");
    unsigned long long parsed = field(r.out, "  parsed");
    unsigned long long rejected = field(r.out, "  rejected");
    cr_assert_eq(read, 10229);
    cr_assert_eq(parsed + rejected, read);
    cr_assert_eq(parsed, 10229, "%s", r.out);
    /* The report names CAs with their findings and denominators. */
    cr_assert_not_null(strstr(r.out, "By issuing CA: "));
    cr_assert_not_null(strstr(r.out, "rfc5280.extensions.malformed"));
    cr_assert_not_null(strstr(r.out, "CN=Microsoft RSA Root Certificate Authority 2017"));
    free(r.out);
}

Test(cli, scan_json_counts_reconcile) {
    tsh_output r = tsh_capture(CERTSCAN " scan --format json " SRC "/corpora/roots " SRC
                                        "/tests/data/input/bad_base64.pem 2>/dev/null");
    cr_assert_eq(r.status, 3); /* rejected entries and no failing finding (issue 8) */
    unsigned long long entries = field(r.out, "\"entries\":");
    unsigned long long parsed = field(r.out, "\"parsed\":");
    unsigned long long rejected = field(r.out, "\"rejected\":");
    cr_assert_eq(parsed, 148 + 0 + 1, "%s", r.out); /* 148 roots; the fixture's good blocks */
    cr_assert_eq(entries, parsed + rejected);
    cr_assert_geq(rejected, 1);
    cr_assert_not_null(strstr(r.out, "\"reason\":\"input.bad_base64\""), "%s", r.out);
    free(r.out);
}

Test(cli, rejected_entries_are_named_on_stderr) {
    tsh_output r =
        tsh_capture(CERTSCAN " scan " SRC "/tests/data/input/truncated.der 2>&1 >/dev/null");
    /* The fixture holds one good certificate, then one cut short. */
    cr_assert_not_null(strstr(r.out, "truncated.der entry 1 (offset 442)"), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "rejected"), "%s", r.out);
    free(r.out);
}

Test(cli, lint_json_shape) {
    tsh_output r =
        tsh_capture(CERTSCAN " lint --format json " SRC "/corpora/roots/ISRG_Root_X1.crt");
    cr_assert_eq(r.status, 0);
    cr_assert_eq(strncmp(r.out, "{\"input\":\"", 10), 0, "%s", r.out);
    cr_assert_not_null(strstr(r.out, "ISRG_Root_X1.crt#0\""));
    /* sha256 of the DER, as `openssl x509 -outform der | sha256sum` prints it. */
    cr_assert_not_null(
        strstr(r.out,
               "\"sha256\":\"96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6\""),
        "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"profile\":\"pkix.root\""), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"findings\":[]}\n"), "%s", r.out);
    free(r.out);
}

Test(cli, lint_reports_unparseable_entries_with_a_finding) {
    tsh_output r =
        tsh_capture(CERTSCAN " lint --format json " SRC "/tests/data/input/truncated.der");
    cr_assert_not_null(strstr(r.out, "\"rule\":\"x509.unparseable\""), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"severity\":\"error\""), "%s", r.out);
    free(r.out);
}

Test(cli, lint_finds_a_known_defect) {
    /* A CCADB certificate whose keyUsage value is the single byte d4 (zlint agrees). */
    tsh_output r = tsh_capture(
        CERTSCAN " lint --format json " SRC
                 "/corpora/ccadb/AllCertificatePEMsCSVFormat_NotBeforeYear_2021.csv"
                 " | grep 3acd6f50d569963ede389e5a3d024fef52cb537dbf497ca1725e9ce710117807");
    cr_assert_not_null(strstr(r.out, "\"rule\":\"rfc5280.extensions.malformed\""), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"citation\":\"RFC 5280 \xC2\xA7"
                                     "4.2\""),
                       "%s", r.out);
    free(r.out);
}

Test(cli, stdin_is_an_input) {
    tsh_output r = tsh_capture("cat " SRC "/corpora/roots/ISRG_Root_X1.crt | " CERTSCAN
                               " lint --format json -");
    cr_assert_eq(r.status, 0);
    cr_assert_not_null(strstr(r.out, "{\"input\":\"-#0\""), "%s", r.out);
    free(r.out);
}

Test(cli, rules_json_has_the_documented_keys) {
    tsh_output r = tsh_capture(CERTSCAN " rules --format json");
    cr_assert_eq(r.status, 0);
    static const char *const keys[] = {
        "\"id\":",        "\"severity\":",    "\"source\":",  "\"citation\":", "\"description\":",
        "\"effective\":", "\"ineffective\":", "\"applies\":", "\"pkilint\":",  "\"zlint\":"};
    size_t lines = 0;
    for (char *line = strtok(r.out, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        lines++;
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            cr_assert_not_null(strstr(line, keys[k]), "%s missing in %s", keys[k], line);
        }
    }
    cr_assert_geq(lines, 9);
    free(r.out);
}

Test(cli, usage_errors_exit_2) {
    tsh_output r = tsh_capture(CERTSCAN " scan --format yaml x 2>/dev/null");
    cr_assert_eq(r.status, 2);
    free(r.out);
    r = tsh_capture(CERTSCAN " frobnicate 2>/dev/null");
    cr_assert_eq(r.status, 2);
    free(r.out);
    r = tsh_capture(CERTSCAN " scan 2>/dev/null");
    cr_assert_eq(r.status, 2);
    free(r.out);
}

Test(cli, unreadable_input_exits_3_and_the_scan_goes_on) {
    tsh_output r =
        tsh_capture(CERTSCAN " scan /nonexistent/file " SRC "/corpora/roots 2>/dev/null");
    cr_assert_eq(r.status, 3);
    cr_assert_eq(field(r.out, "  parsed"), 148);
    free(r.out);
}

Test(cli, profiles_reported_with_their_reason) {
    /* zlint's vector with policy 2.23.140.1.5.1.1 and a SAN mailbox. */
    tsh_output r = tsh_capture(
        CERTSCAN " lint --format json " SRC
                 "/corpora/zlint/testdata/smime/MailboxAddressFromSAN/WithSANEmailMatched.pem");
    cr_assert_not_null(
        strstr(r.out, "\"profile\":\"smime.mailbox.legacy\",\"profile_why\":\"reserved-oid\""),
        "%s", r.out);
    free(r.out);
    r = tsh_capture(CERTSCAN " lint --format json --profile SPONSORED-STRICT " SRC
                             "/corpora/roots/ISRG_Root_X1.crt");
    cr_assert_not_null(
        strstr(r.out, "\"profile\":\"smime.sponsor.strict\",\"profile_why\":\"forced\""), "%s",
        r.out);
    free(r.out);
    r = tsh_capture(CERTSCAN " lint --profile no.such.profile x 2>/dev/null");
    cr_assert_eq(r.status, 2);
    free(r.out);
    r = tsh_capture(CERTSCAN " lint --profile-map /nonexistent x 2>/dev/null");
    cr_assert_eq(r.status, 2);
    free(r.out);
}

/* ---- threads, progress, compressed inputs ---- */

Test(cli, jobs_do_not_change_the_output) {
    tsh_output one = tsh_capture(CERTSCAN " scan --format json -j 1 " SRC "/corpora/roots " SRC
                                          "/tests/data/input 2>&1");
    tsh_output three = tsh_capture(CERTSCAN " scan --format json -j3 --readers 2 " SRC
                                            "/corpora/roots " SRC "/tests/data/input 2>&1");
    /* tests/data/input holds rejected entries: exit 3 (issue 8). */
    cr_assert_eq(one.status, 3);
    cr_assert_eq(three.status, 3);
    cr_assert_eq(one.len, three.len);
    cr_assert_arr_eq(one.out, three.out, one.len, "-j 1 and -j 3 differ");
    free(one.out);
    free(three.out);
}

Test(cli, thread_options_are_checked) {
    const char *bad[] = {" scan -j 0 x",         " scan -j x x",        " scan --jobs",
                         " scan -j0 x",          " scan --readers 0 x", " scan --max-ratio -1 x",
                         " scan --read-size 0 x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "%s%s 2>/dev/null", CERTSCAN, bad[i]);
        tsh_output r = tsh_capture(cmd);
        cr_assert_eq(r.status, 2, "%s: exit %d", bad[i], r.status);
        free(r.out);
    }
}

Test(cli, progress_only_when_asked_outside_a_terminal) {
    /* stderr is a pipe here: no progress unless forced, and never on stdout. */
    tsh_output quiet = tsh_capture(CERTSCAN " scan -j 2 " SRC "/corpora/roots 2>&1 >/dev/null");
    cr_assert_null(strstr(quiet.out, "entries,"), "%s", quiet.out);
    free(quiet.out);
    tsh_output forced =
        tsh_capture(CERTSCAN " scan -j 2 --progress " SRC "/corpora/roots 2>&1 >/dev/null");
    cr_assert_not_null(strstr(forced.out, "certscan: 148 entries,"), "%s", forced.out);
    cr_assert_not_null(strstr(forced.out, "100%"), "%s", forced.out);
    free(forced.out);
    tsh_output out =
        tsh_capture(CERTSCAN " scan -j 2 --progress " SRC "/corpora/roots 2>/dev/null");
    cr_assert_null(strstr(out.out, "entries,"), "progress went to stdout");
    free(out.out);
}

Test(cli, gzip_input_and_bomb) {
    char dir[] = "/tmp/cs_test_cli.XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char cmd[1024];
    /* The file name says nothing: the content is sniffed. */
    snprintf(cmd, sizeof cmd, "gzip -c " SRC "/corpora/roots/ISRG_Root_X1.crt > %s/x1.bin", dir);
    cr_assert_eq(system(cmd), 0);
    snprintf(cmd, sizeof cmd, CERTSCAN " lint --format json %s/x1.bin", dir);
    tsh_output r = tsh_capture(cmd);
    cr_assert_eq(r.status, 0);
    cr_assert_not_null(
        strstr(r.out,
               "\"sha256\":\"96bcec06264976f37460779acf28c5a7cfe8a3c0aae11a8ffcee05c0bddf08c6\""),
        "%s", r.out);
    free(r.out);
    /* 40 MiB of zeros in a few KB: stopped, and the message names the input. */
    snprintf(cmd, sizeof cmd, "head -c 41943040 /dev/zero | gzip -c > %s/bomb.gz", dir);
    cr_assert_eq(system(cmd), 0);
    snprintf(cmd, sizeof cmd, CERTSCAN " scan --max-ratio 100 %s/bomb.gz 2>&1 >/dev/null", dir);
    r = tsh_capture(cmd);
    cr_assert_eq(r.status, 3); /* a rejected entry */
    char want[256];
    snprintf(want, sizeof want, "certscan: %s/bomb.gz entry 1", dir);
    cr_assert_not_null(strstr(r.out, want), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "decompression failed: gzip data expands more than 100 times"),
                       "%s", r.out);
    free(r.out);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}
