/* The HTML report (scanner/report_html.c): one self-contained page rendered from a scan of
 * corpora/ccadb, opened in headless Chromium: it must load with no script error and no console
 * message, and show its charts. The page and a screenshot are kept in
 * <build dir>/test-artifacts/ (report.html, report.png).
 *
 * Chromium is required: without it the test fails, unless CS_NO_BROWSER=1 says to skip the
 * browser part (scripts/deps.sh installs Debian's `chromium`). */
#include <criterion/criterion.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "scanner/report_html.h"

#include "tests/support/shell.h"

#define CERTSCAN CS_CERTSCAN_BIN
#define SRC      CS_SOURCE_DIR

/* <build dir>/test-artifacts: certscan lives at the top of the build dir. */
static const char *artifacts(void) {
    static char dir[1024];
    char bin[1024];
    snprintf(bin, sizeof bin, "%s", CERTSCAN);
    snprintf(dir, sizeof dir, "%s/test-artifacts", dirname(bin));
    mkdir(dir, 0777);
    return dir;
}

static size_t count(const char *text, const char *needle) {
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle)) {
        n++;
    }
    return n;
}

static char *render(const char *json) {
    char *html = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&html, &len);
    int ok = cs_report_html(f, json, strlen(json));
    fclose(f);
    if (!ok) {
        free(html);
        return NULL;
    }
    return html;
}

Test(report_html, rejects_what_is_not_a_report) {
    cr_assert_null(render("{\"inputs\": 1,"));
    cr_assert_null(render("[1, 2]"));
}

Test(report_html, escapes_names_and_works_without_surveys) {
    /* The versioned report document (docs/report-schema.md), cut down to one CA; one of the
     * three entries parsed is a duplicate, counted once. */
    const char *json =
        "{\"schema\":\"certscan-report\",\"schema_version\":1,\"inputs\":[\"a.pem\"],"
        "\"files\":1,\"entries\":3,\"parsed\":3,\"rejected\":0,\"duplicates\":1,"
        "\"certificates\":{\"scanned\":2,"
        "\"with_findings\":{\"any\":1,\"error\":1,\"warning\":0,\"notice\":0},\"findings\":1},"
        "\"rules\":[{\"rule\":\"rfc5280.x\",\"severity\":\"error\",\"certificates\":1,\"cas\":1}],"
        "\"cas_total\":1,\"cas\":[{\"issuer\":\"CN=<script>alert(1)</script>\",\"scanned\":2,"
        "\"with_findings\":{\"any\":1,\"error\":1,\"warning\":0,\"notice\":0},\"findings\":1,"
        "\"rules\":{\"rfc5280.x\":1},\"rule_details\":[{\"rule\":\"rfc5280.x\","
        "\"severity\":\"error\",\"certificates\":1,\"samples\":[{\"sha256\":"
        "\"5a3c0d9e5a3c0d9e5a3c0d9e5a3c0d9e5a3c0d9e5a3c0d9e5a3c0d9e5a3c0d9e\",\"serial\":\"03\"}]}]"
        "}]}";
    char *html = render(json);
    cr_assert_not_null(html);
    cr_assert_null(strstr(html, "<script>alert"), "an issuer name was not escaped");
    cr_assert_not_null(strstr(html, "CN=&lt;script&gt;alert(1)&lt;/script&gt;"));
    /* The (CA, rule) cell links to its samples, which are listed under that anchor. */
    cr_assert_not_null(strstr(html, "href=\"#s0-rfc5280.x\""));
    cr_assert_not_null(strstr(html, "id=\"s0-rfc5280.x\""));
    cr_assert_not_null(
        strstr(html, "5a3c0d9e5a3c0d9e5a3c0d9e5a3c0d9e5a3c0d9e5a3c0d9e5a3c0d9e5a3c0d9e"),
        "the sample's SHA-256 under its (CA, rule)");
    cr_assert_not_null(strstr(html, "No survey in this report"));
    cr_assert_not_null(strstr(html, "50.00%"), "the CA's rate (1 of 2)");
    cr_assert_not_null(strstr(html, "50.00% of counted"), "the rate of the certificates counted");
    free(html);
}

Test(report_html, ccadb_report_in_chromium, .timeout = 600) {
    const char *dir = artifacts();
    char html_path[1200], png[1200], dom[1200], log[1200], profile[1200];
    snprintf(html_path, sizeof html_path, "%s/report.html", dir);
    snprintf(png, sizeof png, "%s/report.png", dir);
    snprintf(dom, sizeof dom, "%s/report.dom.html", dir);
    snprintf(log, sizeof log, "%s/chromium.log", dir);
    snprintf(profile, sizeof profile, "%s/chromium-profile", dir);
    remove(png);
    /* The real CCADB certificates with their owners (CCADB owner reports): the page groups the
     * findings by CA owner too. */
    cr_assert_eq(
        tsh_run("'%s' scan -q --html '%s' '%s/corpora/ccadb' --ccadb '%s/corpora/ccadb/owners' "
                "'%s/corpora/ccadb' > /dev/null",
                CERTSCAN, html_path, SRC, SRC, SRC),
        0);
    size_t len;
    char *html = tsh_slurp(html_path, &len);
    /* Self-contained: nothing is loaded from anywhere. */
    cr_assert_null(strstr(html, "src=\""), "an external resource");
    cr_assert_null(strstr(html, "<link"), "an external stylesheet");
    cr_assert_null(strstr(html, "url("), "a CSS url()");
    cr_assert_null(strstr(html, "@import"));
    static const char *const charts[] = {"chart-owner-rate",
                                         "chart-ca-rate",
                                         "chart-rules",
                                         "chart-months",
                                         "chart-eku_by_ca_type",
                                         "chart-keys_by_ca",
                                         "chart-signatures_by_ca",
                                         "chart-types_by_month",
                                         "chart-validity_by_type",
                                         "chart-cross_certificates"};
    for (size_t i = 0; i < sizeof charts / sizeof *charts; i++) {
        char id[96];
        snprintf(id, sizeof id, "<svg class=\"chart\" id=\"%s\"", charts[i]);
        cr_assert_not_null(strstr(html, id), "%s missing", charts[i]);
    }
    cr_assert_gt(count(html, "<table class=\"sortable\""), 10);
    /* One row per CA owner, e.g. one whose CAs are all in the bundled reports. */
    const char *owners = strstr(html, "id=\"owner-table\"");
    cr_assert_not_null(owners, "no CA owner table");
    cr_assert_not_null(strstr(owners, "<td>DigiCert</td>"), "DigiCert is not among the owners");
    free(html);

    const char *no_browser = getenv("CS_NO_BROWSER");
    if (no_browser != NULL && strcmp(no_browser, "1") == 0) {
        cr_log_warn("CS_NO_BROWSER=1: the page was not opened in Chromium");
        return;
    }
    cr_assert_eq(tsh_run("command -v chromium > /dev/null"), 0,
                 "chromium is not installed (scripts/deps.sh installs it; CS_NO_BROWSER=1 skips)");
    /* --dump-dom prints the DOM after the scripts ran; console messages go to the log. */
    cr_assert_eq(tsh_run("timeout 180 chromium --headless --disable-gpu --no-sandbox "
                         "--user-data-dir='%s' --enable-logging=stderr --v=0 --dump-dom "
                         "'file://%s' > '%s' 2> '%s'",
                         profile, html_path, dom, log),
                 0);
    char *after = tsh_slurp(dom, NULL);
    cr_assert_null(strstr(after, "id=\"cs-script-error\""), "a script error: see %s", dom);
    cr_assert_not_null(strstr(after, "data-cs-ready=\"1\""), "the page's script did not finish");
    for (size_t i = 0; i < sizeof charts / sizeof *charts; i++) {
        cr_assert_not_null(strstr(after, charts[i]), "%s not in the DOM", charts[i]);
    }
    free(after);
    char *messages = tsh_slurp(log, NULL);
    cr_assert_null(strstr(messages, ":CONSOLE"), "console output: see %s", log);
    free(messages);
    cr_assert_eq(tsh_run("timeout 180 chromium --headless --disable-gpu --no-sandbox "
                         "--user-data-dir='%s' --hide-scrollbars --screenshot='%s' "
                         "--window-size=1280,2000 'file://%s' > /dev/null 2>&1",
                         profile, png, html_path),
                 0);
    char *image = tsh_slurp(png, &len);
    cr_assert_gt(len, 20000, "screenshot of %zu bytes", len);
    cr_assert_eq(memcmp(image, "\x89PNG", 4), 0);
    free(image);
    tsh_run("rm -rf '%s'", profile);
}
