/* Issue 8 from the user's side: exit statuses per --fail-on level, waivers (applied, expired,
 * stale), per-CA / per-profile rule settings, pre-issuance (--tbs) forms, JUnit output. Runs
 * the certscan binary on real roots from corpora/. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/shell.h"

#define CERTSCAN CS_CERTSCAN_BIN
#define SRC      CS_SOURCE_DIR

/* Findings of these roots (certscan lint): */
#define ROOT_ERRORS      SRC "/corpora/roots/Starfield_Class_2_CA.crt"   /* 2 errors */
#define ROOT_WARNING     SRC "/corpora/roots/TeliaSonera_Root_CA_v1.crt" /* 1 warning */
#define ROOT_NOTICE      SRC "/corpora/roots/ACCVRAIZ1.crt"              /* 1 notice */
#define ROOT_CLEAN       SRC "/corpora/roots/ISRG_Root_X1.crt"           /* none */
#define STARFIELD_SHA256 "1465fa205397b876faa6f0a9958e5590e40fcc7faa4fb7c2c8677521fb5fb658"

static int status_of(const char *fmt, const char *a, const char *b) {
    char cmd[2048];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    tsh_output r = tsh_capture(cmd);
    free(r.out);
    return r.status;
}

static size_t count(const char *text, const char *needle) {
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle)) {
        n++;
    }
    return n;
}

static char g_dir[64];

static const char *tmp_path(const char *name) {
    static char path[4][256];
    static int next;
    if (g_dir[0] == '\0') {
        strcpy(g_dir, "/tmp/cs_test_audit.XXXXXX");
        cr_assert_not_null(mkdtemp(g_dir));
    }
    char *p = path[next++ % 4];
    snprintf(p, 256, "%s/%s", g_dir, name);
    return p;
}

static const char *write_file(const char *name, const char *text) {
    const char *path = tmp_path(name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* ---- exit statuses ---- */

Test(audit, exit_status_for_every_threshold) {
    const char *certs[] = {ROOT_ERRORS, ROOT_WARNING, ROOT_NOTICE, ROOT_CLEAN};
    const char *levels[] = {"error", "warning", "notice", "never"};
    /* expected[cert][level]: 1 when the certificate has a finding at or above the level. */
    const int expected[4][4] = {{1, 1, 1, 0}, {0, 1, 1, 0}, {0, 0, 1, 0}, {0, 0, 0, 0}};
    for (int c = 0; c < 4; c++) {
        for (int l = 0; l < 4; l++) {
            int st =
                status_of(CERTSCAN " lint --fail-on %s %s >/dev/null 2>&1", levels[l], certs[c]);
            cr_assert_eq(st, expected[c][l], "lint --fail-on %s %s: exit %d", levels[l], certs[c],
                         st);
            st = status_of(CERTSCAN " scan --fail-on %s %s >/dev/null 2>&1", levels[l], certs[c]);
            cr_assert_eq(st, expected[c][l], "scan --fail-on %s %s: exit %d", levels[l], certs[c],
                         st);
        }
    }
    /* Defaults: error for lint, never for scan. */
    cr_assert_eq(status_of(CERTSCAN " lint %s%s >/dev/null 2>&1", ROOT_ERRORS, ""), 1);
    cr_assert_eq(status_of(CERTSCAN " lint %s%s >/dev/null 2>&1", ROOT_WARNING, ""), 0);
    cr_assert_eq(status_of(CERTSCAN " scan %s%s >/dev/null 2>&1", ROOT_ERRORS, ""), 0);
}

Test(audit, usage_and_input_errors) {
    cr_assert_eq(status_of(CERTSCAN " lint --fail-on sometimes %s%s 2>/dev/null", ROOT_CLEAN, ""),
                 2);
    cr_assert_eq(status_of(CERTSCAN " scan --format junit %s%s 2>/dev/null", ROOT_CLEAN, ""), 2);
    /* A rejected entry and nothing at or above the level: 3. */
    const char *trunc = SRC "/tests/data/input/truncated.der";
    cr_assert_eq(status_of(CERTSCAN " lint --fail-on never %s%s >/dev/null 2>&1", trunc, ""), 3);
    cr_assert_eq(status_of(CERTSCAN " scan %s%s >/dev/null 2>&1", trunc, ""), 3);
    cr_assert_eq(status_of(CERTSCAN " scan /nonexistent/cert.pem%s%s >/dev/null 2>&1", "", ""), 3);
    /* Findings at the level win over input errors. */
    cr_assert_eq(
        status_of(CERTSCAN " lint --fail-on error %s %s >/dev/null 2>&1", ROOT_ERRORS, trunc), 1);
    /* A broken policy file is a usage error, naming the file and place. */
    const char *bad = write_file("bad.json", "{\"waivers\":[{\"rule\":\"no.such.rule\"}]}");
    char cmd[512];
    snprintf(cmd, sizeof cmd, CERTSCAN " lint --policy %s %s 2>&1 >/dev/null", bad, ROOT_CLEAN);
    tsh_output r = tsh_capture(cmd);
    cr_assert_eq(r.status, 2);
    cr_assert_not_null(strstr(r.out, "waivers[0]"), "%s", r.out);
    free(r.out);
}

/* ---- waivers ---- */

static const char *policy_file(void) {
    return write_file(
        "policy.json",
        "{\"waivers\": [\n"
        "  {\"id\": \"W-1\", \"rule\": \"rfc5280.serial.not_positive\",\n"
        "   \"scope\": {\"sha256\": \"" STARFIELD_SHA256 "\"},\n"
        "   \"reason\": \"legacy root, serial cannot change\", \"ticket\": \"SEC-1\",\n"
        "   \"expires\": \"2999-12-31\"},\n"
        "  {\"id\": \"W-2\", \"rule\": \"rfc5280.basic_constraints.not_critical\",\n"
        "   \"scope\": {\"issuer\": \"C=US, O=Starfield Technologies\\\\, Inc., OU=Starfield Class "
        "2 "
        "Certification Authority\"},\n"
        "   \"reason\": \"was accepted once\", \"ticket\": \"SEC-2\", \"expires\": "
        "\"2020-01-31\"},\n"
        "  {\"id\": \"W-3\", \"rule\": \"rfc5280.key_usage.not_critical\",\n"
        "   \"scope\": {\"profile\": \"smime.mailbox.strict\"},\n"
        "   \"reason\": \"nothing of that profile here\", \"ticket\": \"SEC-3\",\n"
        "   \"expires\": \"2999-01-01\"}\n"
        "]}\n");
}

Test(audit, waivers_applied_expired_and_stale) {
    const char *policy = policy_file();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, CERTSCAN " lint --format json --policy %s %s %s 2>%s", policy,
             ROOT_ERRORS, ROOT_WARNING, tmp_path("stderr.txt"));
    tsh_output r = tsh_capture(cmd);
    /* W-1 waives the zero serial: shown, marked, with its reason and ticket. */
    cr_assert_not_null(strstr(r.out, "{\"rule\":\"rfc5280.serial.not_positive\""), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"waived\":{\"id\":\"W-1\",\"reason\":\"legacy root, "
                                     "serial cannot change\",\"ticket\":\"SEC-1\""),
                       "%s", r.out);
    /* W-2 expired: the finding is live again, so lint still fails on errors. */
    cr_assert_eq(count(r.out, "\"waived\""), 1, "%s", r.out);
    cr_assert_not_null(strstr(r.out, "rfc5280.basic_constraints.not_critical"));
    cr_assert_eq(r.status, 1);
    free(r.out);
    snprintf(cmd, sizeof cmd, "cat %s", tmp_path("stderr.txt"));
    r = tsh_capture(cmd);
    cr_assert_not_null(strstr(r.out, "findings waived:   1 (error 1, warning 0, notice 0)"), "%s",
                       r.out);
    cr_assert_not_null(strstr(r.out, "Expired waivers"), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "W-2  rfc5280.basic_constraints.not_critical  ticket SEC-2  "
                                     "expires 2020-01-31  findings it would have waived: 1"),
                       "%s", r.out);
    cr_assert_not_null(strstr(r.out, "Stale waivers"), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "W-3  rfc5280.key_usage.not_critical"), "%s", r.out);
    free(r.out);

    /* scan: the same in the report's policy section. */
    snprintf(cmd, sizeof cmd, CERTSCAN " scan --format json --policy %s %s %s 2>/dev/null", policy,
             ROOT_ERRORS, ROOT_WARNING);
    r = tsh_capture(cmd);
    cr_assert_not_null(strstr(r.out, "\"policy\":{\"file\":"), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"waived\":{\"error\":1,\"warning\":0,\"notice\":0}"), "%s",
                       r.out);
    cr_assert_not_null(strstr(r.out, "\"id\":\"W-1\""));
    cr_assert_not_null(strstr(r.out, "\"status\":\"active\",\"waived\":1"), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"status\":\"expired\",\"waived\":0,"
                                     "\"matched_after_expiry\":1"),
                       "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"status\":\"stale\""), "%s", r.out);
    cr_assert_eq(r.out[r.len - 2], '}', "one JSON object");
    free(r.out);
}

Test(audit, waiver_clears_the_exit_status) {
    const char *policy = write_file(
        "all.json",
        "{\"waivers\": [\n"
        "  {\"rule\": \"rfc5280.serial.not_positive\", \"scope\": {\"profile\": \"pkix.root\"},\n"
        "   \"reason\": \"r\", \"ticket\": \"T-1\", \"expires\": \"2999-12-31\"},\n"
        "  {\"rule\": \"rfc5280.basic_constraints.not_critical\",\n"
        "   \"scope\": {\"sha256\": \"" STARFIELD_SHA256 "\"},\n"
        "   \"reason\": \"r\", \"ticket\": \"T-2\", \"expires\": \"2999-12-31\"}]}\n");
    cr_assert_eq(status_of(CERTSCAN " lint --policy %s %s >/dev/null 2>&1", policy, ROOT_ERRORS),
                 0);
    cr_assert_eq(status_of(CERTSCAN " lint --fail-on notice --policy %s %s >/dev/null 2>&1", policy,
                           ROOT_ERRORS),
                 0);
}

Test(audit, rule_settings_per_profile_and_ca) {
    /* Off for every root, back on for Starfield's issuer: the last matching entry wins. */
    const char *policy = write_file(
        "rules.json", "{\"rules\": [\n"
                      "  {\"scope\": {\"profile\": \"pkix.root\"},\n"
                      "   \"disable\": [\"rfc5280.serial.not_positive\",\n"
                      "               \"rfc5280.basic_constraints.not_critical\"]},\n"
                      "  {\"scope\": {\"issuer\": \"C=US, O=Starfield Technologies\\\\, Inc., "
                      "OU=Starfield Class 2 Certification Authority\"},\n"
                      "   \"enable\": [\"rfc5280.serial.not_positive\"]}]}\n");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, CERTSCAN " lint --format json --policy %s %s 2>/dev/null", policy,
             ROOT_ERRORS);
    tsh_output r = tsh_capture(cmd);
    cr_assert_not_null(strstr(r.out, "rfc5280.serial.not_positive"), "%s", r.out);
    cr_assert_null(strstr(r.out, "rfc5280.basic_constraints.not_critical"), "%s", r.out);
    cr_assert_eq(r.status, 1);
    free(r.out);
    snprintf(cmd, sizeof cmd, CERTSCAN " scan --policy %s %s 2>/dev/null", policy, ROOT_ERRORS);
    r = tsh_capture(cmd);
    cr_assert_not_null(strstr(r.out, "findings of rules disabled by the policy: 1"), "%s", r.out);
    free(r.out);
}

/* ---- pre-issuance forms ---- */

/* The DER of a PEM root, via the shell's base64. */
static const char *der_of(const char *pem, const char *name) {
    const char *path = tmp_path(name);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "sed -n '/BEGIN CERT/,/END CERT/p' %s | grep -v -- ----- | base64 -d > %s", pem, path);
    cr_assert_eq(system(cmd), 0);
    return path;
}

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    unsigned char *buf = malloc(1 << 16);
    *len = fread(buf, 1, 1 << 16, f);
    fclose(f);
    return buf;
}

/* Header length of the DER element at p. */
static size_t header_len(const unsigned char *p) {
    return p[1] & 0x80 ? 2 + (p[1] & 0x7f) : 2;
}

static size_t element_len(const unsigned char *p) {
    size_t h = header_len(p), n = 0;
    if (h == 2) {
        return 2 + p[1];
    }
    for (size_t i = 2; i < h; i++) {
        n = n << 8 | p[i];
    }
    return h + n;
}

static void write_bytes(const char *path, const unsigned char *p, size_t n) {
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fwrite(p, 1, n, f);
    fclose(f);
}

Test(audit, tbs_forms) {
    /* A bare TBSCertificate cut out of a real root: rejected as a certificate, linted with
     * --tbs with the same TBS-level findings and the signature rules listed as skipped. */
    size_t len;
    unsigned char *der = slurp(der_of(ROOT_ERRORS, "starfield.der"), &len);
    const unsigned char *tbs = der + header_len(der);
    const char *tbs_path = tmp_path("starfield.tbs");
    write_bytes(tbs_path, tbs, element_len(tbs));
    char cmd[1024];
    snprintf(cmd, sizeof cmd, CERTSCAN " lint --format json --fail-on never %s", tbs_path);
    tsh_output r = tsh_capture(cmd);
    cr_assert_not_null(strstr(r.out, "x509.unparseable"), "%s", r.out);
    free(r.out);
    snprintf(cmd, sizeof cmd, CERTSCAN " lint --tbs --format json %s", tbs_path);
    r = tsh_capture(cmd);
    cr_assert_null(strstr(r.out, "x509.unparseable"), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"form\":\"tbs\""), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"rule\":\"rfc5280.serial.not_positive\""), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"skipped\":[{\"rule\":\"rfc3279.dsa.signature_value_"
                                     "malformed\",\"reason\":\"no signature"),
                       "%s", r.out);
    cr_assert_not_null(strstr(r.out, "{\"rule\":\"rfc5280.signature_algorithm.mismatch\""));
    cr_assert_eq(r.status, 1); /* its errors are TBS-level */
    free(r.out);
    free(der);

    /* A certificate with a dummy signature (zeros): an ECDSA root whose signatureValue no
     * longer holds an Ecdsa-Sig-Value. Plain lint reports it; --tbs skips it. */
    const char *ec = der_of(SRC "/corpora/roots/Trustwave_Global_ECC_P256_Certification_"
                                "Authority.crt",
                            "ec.der");
    der = slurp(ec, &len);
    const unsigned char *sig_alg = tbs = der + header_len(der);
    sig_alg = tbs + element_len(tbs);
    const unsigned char *sig = sig_alg + element_len(sig_alg);
    size_t sig_content = header_len(sig) + 1; /* the unused-bits octet */
    memset((unsigned char *)sig + sig_content, 0, element_len(sig) - sig_content);
    const char *dummy = tmp_path("ec_dummy.der");
    write_bytes(dummy, der, len);
    free(der);
    snprintf(cmd, sizeof cmd, CERTSCAN " lint --format json --fail-on never %s", dummy);
    r = tsh_capture(cmd);
    cr_assert_not_null(strstr(r.out, "{\"rule\":\"rfc5758.ecdsa.signature_value_malformed\""), "%s",
                       r.out);
    free(r.out);
    snprintf(cmd, sizeof cmd, CERTSCAN " lint --tbs --format json --fail-on never %s", dummy);
    r = tsh_capture(cmd);
    cr_assert_not_null(strstr(r.out, "\"form\":\"certificate\""), "%s", r.out);
    cr_assert_null(strstr(r.out, "{\"rule\":\"rfc5758.ecdsa.signature_value_malformed\",\"sev"),
                   "%s", r.out);
    cr_assert_not_null(strstr(r.out, "{\"rule\":\"rfc5758.ecdsa.signature_value_malformed\","
                                     "\"reason\":"),
                       "%s", r.out);
    free(r.out);
    /* --tbs is a lint option. */
    cr_assert_eq(status_of(CERTSCAN " scan --tbs %s%s 2>/dev/null", dummy, ""), 2);
}

/* ---- JUnit ---- */

Test(audit, junit_one_case_per_rule_and_certificate) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd, CERTSCAN " lint --format junit %s %s %s", ROOT_ERRORS, ROOT_CLEAN,
             ROOT_NOTICE);
    tsh_output r = tsh_capture(cmd);
    cr_assert_eq(r.status, 1);
    cr_assert_eq(strncmp(r.out, "<?xml", 5), 0);
    cr_assert_eq(count(r.out, "<testsuite name="), 3, "%s", r.out);
    cr_assert_eq(count(r.out, "<testcase "), 4, "%s", r.out); /* 2 + 1 passing + 1 */
    cr_assert_eq(count(r.out, "<failure type=\"error\""), 2, "%s", r.out);
    cr_assert_eq(count(r.out, "<failure type=\"notice\""), 1, "%s", r.out);
    cr_assert_not_null(strstr(r.out, "<testcase classname=\"rfc5280.serial.not_positive\""));
    cr_assert_not_null(strstr(r.out, "</testsuites>\n"));
    free(r.out);
}
