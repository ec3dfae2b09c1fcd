/* Tests for io/: format detection, PEM/DER/base64-line framing, entry positions, the path walk,
 * streaming (entries straddling read boundaries, entries longer than the window) and gzip/zlib.
 * Fixtures live in tests/data/input (see its README); inputs that are easier to build than to store
 * are written to a temporary directory. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/base64.h"
#include "io/der_frame.h"
#include "io/input.h"

#define FIXTURE(name) CS_SOURCE_DIR "/tests/data/input/" name

#define CERT_A "Amazon_Root_CA_3"
#define CERT_B "ISRG_Root_X2"
#define CERT_C "ISRG_Root_X1"

/* ---- helpers ---- */

static uint8_t *slurp(const char *path, size_t *out_len) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    uint8_t *buf = NULL;
    size_t len = 0;
    size_t cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            buf = realloc(buf, cap);
            cr_assert_not_null(buf);
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        if (n == 0) {
            break;
        }
        len += n;
    }
    fclose(f);
    *out_len = len;
    return buf;
}

static void spew(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot create %s", path);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
}

typedef struct got {
    cs_entry_status status;
    uint64_t index;
    uint64_t offset;
    uint64_t line;
    char detail[400];
    uint8_t *der;
    size_t der_len;
} got;

#define MAX_GOT 16

typedef struct run {
    size_t n;
    got e[MAX_GOT];
    cs_input_format format;
    uint64_t skipped;
    uint64_t bytes_read;
    uint64_t bytes_total;
} run;

/* Reads every entry of `path`, copying what the input only lends until the next call. */
static void run_path(const char *path, cs_input_format format, run *r) {
    memset(r, 0, sizeof *r);
    char err[256] = "";
    cs_input *in = cs_input_open(path, format, err, sizeof err);
    cr_assert_not_null(in, "open %s: %s", path, err);
    r->format = cs_input_get_format(in);
    cs_entry e;
    while (cs_input_next(in, &e)) {
        cr_assert_lt(r->n, MAX_GOT, "too many entries in %s", path);
        got *g = &r->e[r->n++];
        g->status = e.status;
        g->index = e.index;
        g->offset = e.offset;
        g->line = e.line;
        cr_assert_str_eq(e.input, path);
        cr_assert_not_null(e.detail);
        snprintf(g->detail, sizeof g->detail, "%s", e.detail);
        if (e.status == CS_ENTRY_OK) {
            cr_assert_not_null(e.der);
            g->der = malloc(e.der_len);
            memcpy(g->der, e.der, e.der_len);
            g->der_len = e.der_len;
        } else {
            cr_assert_null(e.der);
            cr_assert_eq(e.der_len, 0);
        }
    }
    cr_assert_eq(cs_input_next(in, &e), 0, "an input stays at its end");
    r->skipped = cs_input_skipped_blocks(in);
    r->bytes_read = cs_input_bytes_read(in);
    r->bytes_total = cs_input_bytes_total(in);
    cs_input_close(in);
}

static void run_free(run *r) {
    for (size_t i = 0; i < r->n; i++) {
        free(r->e[i].der);
    }
}

static void expect_entry(const run *r, size_t i, cs_entry_status status, uint64_t offset,
                         uint64_t line) {
    cr_assert_lt(i, r->n, "entry %zu missing (got %zu)", i, r->n);
    const got *g = &r->e[i];
    cr_assert_eq(g->status, status, "entry %zu: status %s, expected %s (%s)", i,
                 cs_entry_status_name(g->status), cs_entry_status_name(status), g->detail);
    cr_assert_eq(g->index, i, "entry %zu: index %llu", i, (unsigned long long)g->index);
    cr_assert_eq(g->offset, offset, "entry %zu: offset %llu, expected %llu", i,
                 (unsigned long long)g->offset, (unsigned long long)offset);
    cr_assert_eq(g->line, line, "entry %zu: line %llu, expected %llu", i,
                 (unsigned long long)g->line, (unsigned long long)line);
}

/* Checks an OK entry's bytes against tests/data/input/<cert>.der. */
static void expect_der(const run *r, size_t i, const char *cert) {
    char path[512];
    snprintf(path, sizeof path, "%s%s.der", FIXTURE(""), cert);
    size_t len = 0;
    uint8_t *want = slurp(path, &len);
    const got *g = &r->e[i];
    cr_assert_eq(g->der_len, len, "entry %zu: %zu bytes, expected %zu (%s)", i, g->der_len, len,
                 cert);
    cr_assert_arr_eq(g->der, want, len, "entry %zu differs from %s", i, cert);
    free(want);
}

static uint64_t file_size(const char *path) {
    struct stat st;
    cr_assert_eq(stat(path, &st), 0, "stat %s", path);
    return (uint64_t)st.st_size;
}

/* A scratch directory per test (Criterion runs each test in its own process). */
static char tmp_root[64];

static void remove_tree(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0) {
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d != NULL) {
            struct dirent *de;
            while ((de = readdir(d)) != NULL) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) {
                    continue;
                }
                char child[1024];
                snprintf(child, sizeof child, "%s/%s", path, de->d_name);
                remove_tree(child);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void tmp_setup(void) {
    snprintf(tmp_root, sizeof tmp_root, "/tmp/cs_test_input.XXXXXX");
    cr_assert_not_null(mkdtemp(tmp_root));
}

static void tmp_teardown(void) {
    remove_tree(tmp_root);
}

static const char *tmp_path(char *buf, size_t cap, const char *name) {
    snprintf(buf, cap, "%s/%s", tmp_root, name);
    return buf;
}

static uint8_t *fixture_bytes(const char *name, size_t *out_len) {
    char path[512];
    snprintf(path, sizeof path, "%s%s", FIXTURE(""), name);
    return slurp(path, out_len);
}

/* ---- names ---- */

Test(input_names, formats) {
    cs_input_format f = CS_INPUT_AUTO;
    cr_assert(cs_input_format_parse("der", &f));
    cr_assert_eq(f, CS_INPUT_DER);
    cr_assert(cs_input_format_parse("pem", &f));
    cr_assert_eq(f, CS_INPUT_PEM);
    cr_assert(cs_input_format_parse("base64", &f));
    cr_assert_eq(f, CS_INPUT_BASE64_LINES);
    cr_assert(cs_input_format_parse("auto", &f));
    cr_assert_eq(f, CS_INPUT_AUTO);
    cr_assert_not(cs_input_format_parse("pkcs7", &f));
    for (int i = 0; i < CS_INPUT_FORMAT_COUNT; i++) {
        cr_assert(cs_input_format_parse(cs_input_format_name((cs_input_format)i), &f));
        cr_assert_eq(f, (cs_input_format)i);
    }
}

Test(input_names, statuses) {
    cr_assert_str_eq(cs_entry_status_name(CS_ENTRY_BAD_BASE64), "input.bad_base64");
    cr_assert_str_eq(cs_entry_status_text(CS_ENTRY_BAD_BASE64), "invalid base64");
    cr_assert_str_eq(cs_entry_status_name(CS_ENTRY_UNTERMINATED_PEM), "input.unterminated_pem");
    cr_assert_str_eq(cs_entry_status_name(CS_ENTRY_DER_TRUNCATED), "input.der_truncated");
    for (int i = 0; i < CS_ENTRY_STATUS_COUNT; i++) {
        const char *name = cs_entry_status_name((cs_entry_status)i);
        cr_assert_not_null(name);
        cr_assert_eq(strncmp(name, "input.", 6), 0, "%s", name);
        cr_assert_not_null(cs_entry_status_text((cs_entry_status)i));
    }
    cr_assert_str_eq(cs_entry_status_name(CS_ENTRY_STATUS_COUNT), "input.unknown");
}

/* ---- base64 ---- */

static int b64(const char *src, uint8_t *dst, size_t cap, size_t *out_len, cs_base64_error *err) {
    return cs_base64_decode((const uint8_t *)src, strlen(src), dst, cap, out_len, err);
}

Test(base64, decodes_with_padding_and_whitespace) {
    uint8_t out[64];
    size_t n = 0;
    cs_base64_error err;
    cr_assert(b64("TWFu", out, sizeof out, &n, &err));
    cr_assert_eq(n, 3);
    cr_assert_arr_eq(out, "Man", 3);
    cr_assert(b64("TWE=", out, sizeof out, &n, &err));
    cr_assert_eq(n, 2);
    cr_assert_arr_eq(out, "Ma", 2);
    cr_assert(b64("TQ==", out, sizeof out, &n, &err));
    cr_assert_eq(n, 1);
    cr_assert_arr_eq(out, "M", 1);
    cr_assert(b64(" T W\r\nF u\tTQ =\n=\n", out, sizeof out, &n, &err));
    cr_assert_eq(n, 4);
    cr_assert_arr_eq(out, "ManM", 4);
    cr_assert(b64("", out, sizeof out, &n, &err));
    cr_assert_eq(n, 0);
    cr_assert(b64("+/+/", out, sizeof out, &n, &err));
    cr_assert_eq(n, 3);
    cr_assert_arr_eq(out, "\xfb\xff\xbf", 3);
}

static void b64_fails(const char *src, size_t cap, cs_base64_status status, size_t offset) {
    uint8_t out[64];
    size_t n = 0;
    cs_base64_error err = {CS_BASE64_OK, 0};
    cr_assert_not(b64(src, out, cap, &n, &err), "\"%s\" decoded", src);
    cr_assert_eq(err.status, status, "\"%s\": status %d, expected %d", src, err.status, status);
    cr_assert_eq(err.offset, offset, "\"%s\": offset %zu, expected %zu", src, err.offset, offset);
}

Test(base64, reports_the_first_bad_byte) {
    b64_fails("TW!u", 64, CS_BASE64_BAD_CHAR, 2);
    b64_fails("TWFuTWFu\nTWF-", 64, CS_BASE64_BAD_CHAR, 12);
    b64_fails("TWFu\x80", 64, CS_BASE64_BAD_CHAR, 4);
    b64_fails("TWFu\"", 64, CS_BASE64_BAD_CHAR, 4);
    b64_fails("T===", 64, CS_BASE64_BAD_PADDING, 1);
    b64_fails("====", 64, CS_BASE64_BAD_PADDING, 0);
    b64_fails("TQ=x", 64, CS_BASE64_BAD_PADDING, 3);
    b64_fails("TQ==TWFu", 64, CS_BASE64_BAD_PADDING, 4);
    b64_fails("TWE==", 64, CS_BASE64_BAD_PADDING, 4);
    b64_fails("TQ==!", 64, CS_BASE64_BAD_CHAR, 4);
    b64_fails("TWF", 64, CS_BASE64_TRUNCATED, 3);
    b64_fails("TQ=", 64, CS_BASE64_TRUNCATED, 3);
    b64_fails("TWFuT\n", 64, CS_BASE64_TRUNCATED, 6);
    b64_fails("TWFuTWFu", 5, CS_BASE64_TOO_LARGE, 4);
    b64_fails("TWFuTQ==", 3, CS_BASE64_TOO_LARGE, 8);
}

/* ---- DER framing ---- */

Test(der_frame, lengths) {
    cs_der_frame fr;
    const uint8_t short_form[] = {0x30, 0x03, 0x02, 0x01, 0x05, 0xAA};
    cr_assert(cs_der_frame_element(short_form, sizeof short_form, &fr));
    cr_assert_eq(fr.header_len, 2);
    cr_assert_eq(fr.total, 5);

    uint8_t long_form[300] = {0x30, 0x82, 0x01, 0x00};
    cr_assert(cs_der_frame_element(long_form, 260, &fr));
    cr_assert_eq(fr.header_len, 4);
    cr_assert_eq(fr.total, 260);
    cr_assert_not(cs_der_frame_element(long_form, 259, &fr));
    cr_assert_eq(fr.status, CS_DER_FRAME_TRUNCATED);
    cr_assert_eq(fr.total, 260);

    const uint8_t high_tag[] = {0x3F, 0x81, 0x00, 0x01, 0x00};
    cr_assert(cs_der_frame_element(high_tag, sizeof high_tag, &fr));
    cr_assert_eq(fr.header_len, 4);
    cr_assert_eq(fr.total, 5);
}

Test(der_frame, rejects) {
    cs_der_frame fr;
    const uint8_t indefinite[] = {0x30, 0x80, 0x00, 0x00};
    cr_assert_not(cs_der_frame_element(indefinite, sizeof indefinite, &fr));
    cr_assert_eq(fr.status, CS_DER_FRAME_BAD_HEADER);
    cr_assert_str_eq(fr.why, "indefinite length");
    const uint8_t five[] = {0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00};
    cr_assert_not(cs_der_frame_element(five, sizeof five, &fr));
    cr_assert_eq(fr.status, CS_DER_FRAME_BAD_HEADER);
    const uint8_t cut[] = {0x30, 0x82, 0x01};
    cr_assert_not(cs_der_frame_element(cut, sizeof cut, &fr));
    cr_assert_eq(fr.status, CS_DER_FRAME_TRUNCATED);
    cr_assert_not(cs_der_frame_element(cut, 1, &fr));
    cr_assert_eq(fr.status, CS_DER_FRAME_TRUNCATED);
}

/* ---- PEM ---- */

Test(input_pem, bundle_with_text_and_other_blocks) {
    run r;
    run_path(FIXTURE("bundle.pem"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.format, CS_INPUT_PEM);
    cr_assert_eq(r.n, 3);
    expect_entry(&r, 0, CS_ENTRY_OK, 83, 3);
    expect_der(&r, 0, CERT_A);
    expect_entry(&r, 1, CS_ENTRY_OK, 854, 21);
    expect_der(&r, 1, CERT_B);
    expect_entry(&r, 2, CS_ENTRY_OK, 1725, 39);
    expect_der(&r, 2, CERT_C);
    cr_assert_eq(r.skipped, 2, "the X509 CRL and PRIVATE KEY blocks");
    cr_assert_eq(r.bytes_read, file_size(FIXTURE("bundle.pem")));
    cr_assert_eq(r.bytes_total, file_size(FIXTURE("bundle.pem")));
    run_free(&r);
}

Test(input_pem, ccadb_csv_quoted_field) {
    run r;
    run_path(FIXTURE("ccadb.csv"), CS_INPUT_AUTO, &r);
    /* A CSV report with a PEM column is read row by row (tests/test_ccadb.c); the entries are
     * the same as when its PEM blocks are read as text. */
    cr_assert_eq(r.format, CS_INPUT_CCADB);
    cr_assert_eq(r.n, 2);
    expect_entry(&r, 0, CS_ENTRY_OK, 136, 2);
    expect_der(&r, 0, CERT_A);
    expect_entry(&r, 1, CS_ENTRY_OK, 820, 14);
    expect_der(&r, 1, CERT_B);
    cr_assert_eq(r.skipped, 0);
    run_free(&r);
}

Test(input_pem, ccadb_pem_info_single_quotes) {
    run r;
    run_path(FIXTURE("ccadb_pem_info.csv"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    expect_entry(&r, 0, CS_ENTRY_OK, 47, 2);
    expect_der(&r, 0, CERT_B);
    expect_entry(&r, 1, CS_ENTRY_OK, 856, 16);
    expect_der(&r, 1, CERT_C);
    run_free(&r);
}

Test(input_pem, crlf) {
    run r;
    run_path(FIXTURE("crlf.pem"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    expect_entry(&r, 0, CS_ENTRY_OK, 0, 1);
    expect_der(&r, 0, CERT_A);
    expect_entry(&r, 1, CS_ENTRY_OK, 668, 13);
    expect_der(&r, 1, CERT_B);
    run_free(&r);
}

Test(input_pem, rfc1421_headers_skipped) {
    run r;
    run_path(FIXTURE("headers.pem"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 1);
    expect_entry(&r, 0, CS_ENTRY_OK, 0, 1);
    expect_der(&r, 0, CERT_B);
    run_free(&r);
}

Test(input_pem, trusted_certificate_yields_the_certificate_only) {
    run r;
    run_path(FIXTURE("trusted.pem"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 1);
    expect_entry(&r, 0, CS_ENTRY_OK, 0, 1);
    expect_der(&r, 0, CERT_B);
    run_free(&r);
}

Test(input_pem, unterminated_then_next_block) {
    run r;
    run_path(FIXTURE("unterminated.pem"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 3);
    expect_entry(&r, 0, CS_ENTRY_OK, 0, 1);
    expect_der(&r, 0, CERT_A);
    expect_entry(&r, 1, CS_ENTRY_UNTERMINATED_PEM, 656, 13);
    cr_assert_str_eq(r.e[1].detail, "no \"-----END CERTIFICATE-----\" before the next BEGIN");
    expect_entry(&r, 2, CS_ENTRY_OK, 1009, 19);
    expect_der(&r, 2, CERT_C);
    run_free(&r);
}

Test(input_pem, unterminated_at_end_of_input) {
    run r;
    run_path(FIXTURE("unterminated_eof.pem"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    expect_entry(&r, 0, CS_ENTRY_OK, 0, 1);
    expect_entry(&r, 1, CS_ENTRY_UNTERMINATED_PEM, 656, 13);
    cr_assert_str_eq(r.e[1].detail, "no \"-----END CERTIFICATE-----\" before the end of the input");
    cr_assert_eq(r.bytes_read, file_size(FIXTURE("unterminated_eof.pem")));
    run_free(&r);
}

Test(input_pem, bad_base64_names_the_position) {
    run r;
    run_path(FIXTURE("bad_base64.pem"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    expect_entry(&r, 0, CS_ENTRY_BAD_BASE64, 0, 1);
    cr_assert_str_eq(r.e[0].detail, "invalid base64 character '!' at line 5, column 10");
    expect_entry(&r, 1, CS_ENTRY_OK, 656, 13);
    expect_der(&r, 1, CERT_B);
    run_free(&r);
}

/* Builds PEM text around a body, in memory, for the synthetic cases below. */
static char *pem_text(const char *label, const char *body) {
    size_t n = strlen(label) * 2 + strlen(body) + 64;
    char *s = malloc(n);
    snprintf(s, n, "-----BEGIN %s-----\n%s-----END %s-----\n", label, body, label);
    return s;
}

Test(input_pem, empty_mismatched_and_malformed_blocks, .init = tmp_setup, .fini = tmp_teardown) {
    size_t a_len = 0;
    uint8_t *a = fixture_bytes(CERT_A ".crt", &a_len);
    char *empty = pem_text("CERTIFICATE", "\n  \n");
    const char *mismatched = "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END X509 CRL-----\n";
    const char *malformed = "see -----BEGIN CERTIFICATE without dashes\n";
    size_t total = strlen(empty) + strlen(mismatched) + strlen(malformed) + a_len;
    char *text = malloc(total + 1);
    snprintf(text, total + 1, "%s%s%s%.*s", empty, mismatched, malformed, (int)a_len, (char *)a);
    char path[256];
    spew(tmp_path(path, sizeof path, "mixed.pem"), text, total);

    run r;
    run_path(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 4);
    expect_entry(&r, 0, CS_ENTRY_EMPTY_PEM, 0, 1);
    expect_entry(&r, 1, CS_ENTRY_UNTERMINATED_PEM, strlen(empty), 5);
    cr_assert_str_eq(r.e[1].detail,
                     "\"-----BEGIN CERTIFICATE-----\" is closed by \"-----END X509 CRL-----\"");
    expect_entry(&r, 2, CS_ENTRY_UNTERMINATED_PEM, strlen(empty) + strlen(mismatched) + 4, 8);
    expect_entry(&r, 3, CS_ENTRY_OK, strlen(empty) + strlen(mismatched) + strlen(malformed), 9);
    expect_der(&r, 3, CERT_A);
    run_free(&r);
    free(text);
    free(empty);
    free(a);
}

Test(input_pem, too_large_block_then_next, .init = tmp_setup, .fini = tmp_teardown) {
    /* 1.5 MiB of base64 decodes to more than the 1 MiB limit. */
    size_t body_len = 1536 * 1024;
    char *body = malloc(body_len + 1);
    for (size_t i = 0; i < body_len; i++) {
        body[i] = (i % 65 == 64) ? '\n' : 'A';
    }
    body[body_len] = '\0';
    char *big = pem_text("CERTIFICATE", body);
    size_t b_len = 0;
    uint8_t *b = fixture_bytes(CERT_B ".crt", &b_len);
    char path[256];
    tmp_path(path, sizeof path, "big.pem");
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs(big, f);
    fwrite(b, 1, b_len, f);
    fclose(f);

    run r;
    run_path(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    expect_entry(&r, 0, CS_ENTRY_TOO_LARGE, 0, 1);
    uint64_t big_lines = 0;
    for (const char *p = big; *p; p++) {
        big_lines += *p == '\n';
    }
    expect_entry(&r, 1, CS_ENTRY_OK, strlen(big), big_lines + 1);
    expect_der(&r, 1, CERT_B);
    run_free(&r);
    free(b);
    free(big);
    free(body);
}

/* ---- DER ---- */

Test(input_der, concatenated) {
    run r;
    run_path(FIXTURE("concat.der"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.format, CS_INPUT_DER);
    cr_assert_eq(r.n, 3);
    expect_entry(&r, 0, CS_ENTRY_OK, 0, 0);
    expect_der(&r, 0, CERT_A);
    expect_entry(&r, 1, CS_ENTRY_OK, 442, 0);
    expect_der(&r, 1, CERT_B);
    expect_entry(&r, 2, CS_ENTRY_OK, 985, 0);
    expect_der(&r, 2, CERT_C);
    cr_assert_eq(r.bytes_read, 2376);
    run_free(&r);
}

Test(input_der, truncated) {
    run r;
    run_path(FIXTURE("truncated.der"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    expect_entry(&r, 0, CS_ENTRY_OK, 0, 0);
    expect_der(&r, 0, CERT_A);
    expect_entry(&r, 1, CS_ENTRY_DER_TRUNCATED, 442, 0);
    cr_assert_str_eq(r.e[1].detail, "the DER element declares 543 bytes but only 100 are left");
    run_free(&r);
}

Test(input_der, stray_bytes_after_entries) {
    run r;
    run_path(FIXTURE("stray.der"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    expect_entry(&r, 0, CS_ENTRY_OK, 0, 0);
    expect_der(&r, 0, CERT_A);
    expect_entry(&r, 1, CS_ENTRY_UNRECOGNISED, 442, 0);
    cr_assert_str_eq(r.e[1].detail,
                     "byte 0x00 where a DER SEQUENCE (0x30) should start; 9 bytes not read");
    run_free(&r);
}

Test(input_der, framing_error_and_too_large, .init = tmp_setup, .fini = tmp_teardown) {
    size_t a_len = 0;
    uint8_t *a = fixture_bytes(CERT_A ".der", &a_len);
    char path[256];

    /* A 1 MiB + 1 byte element is rejected but framed, so the next one is still read. */
    size_t big_content = ((size_t)1 << 20) - 4;
    size_t len = 5 + big_content + a_len;
    uint8_t *data = calloc(1, len);
    data[0] = 0x30;
    data[1] = 0x83;
    data[2] = (uint8_t)(big_content >> 16);
    data[3] = (uint8_t)(big_content >> 8);
    data[4] = (uint8_t)big_content;
    memcpy(data + 5 + big_content, a, a_len);
    spew(tmp_path(path, sizeof path, "big.der"), data, len);
    run r;
    run_path(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    expect_entry(&r, 0, CS_ENTRY_TOO_LARGE, 0, 0);
    expect_entry(&r, 1, CS_ENTRY_OK, 5 + big_content, 0);
    expect_der(&r, 1, CERT_A);
    run_free(&r);

    /* An indefinite length after a good element: the rest is one framing rejection. */
    memcpy(data, a, a_len);
    const uint8_t bad[] = {0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00};
    memcpy(data + a_len, bad, sizeof bad);
    spew(tmp_path(path, sizeof path, "indefinite.der"), data, a_len + sizeof bad);
    run_path(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    expect_entry(&r, 0, CS_ENTRY_OK, 0, 0);
    expect_entry(&r, 1, CS_ENTRY_DER_FRAMING, a_len, 0);
    cr_assert_str_eq(r.e[1].detail, "cannot frame the DER element (indefinite length); 7 bytes "
                                    "not read");
    run_free(&r);

    /* Alone, an implausible header is not detected as DER, but forcing DER frames it. */
    spew(path, bad, sizeof bad);
    run_path(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.format, CS_INPUT_AUTO);
    cr_assert_eq(r.n, 1);
    expect_entry(&r, 0, CS_ENTRY_UNRECOGNISED, 0, 0);
    run_free(&r);
    run_path(path, CS_INPUT_DER, &r);
    cr_assert_eq(r.n, 1);
    expect_entry(&r, 0, CS_ENTRY_DER_FRAMING, 0, 0);
    run_free(&r);
    free(data);
    free(a);
}

/* ---- base64 per line ---- */

Test(input_base64_lines, lines_with_a_bad_one) {
    run r;
    run_path(FIXTURE("lines.b64"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.format, CS_INPUT_BASE64_LINES);
    cr_assert_eq(r.n, 4);
    expect_entry(&r, 0, CS_ENTRY_OK, 0, 1);
    expect_der(&r, 0, CERT_A);
    expect_entry(&r, 1, CS_ENTRY_OK, 596, 3);
    expect_der(&r, 1, CERT_B);
    expect_entry(&r, 2, CS_ENTRY_BAD_BASE64, 1324, 4);
    cr_assert_str_eq(r.e[2].detail, "invalid base64 character '!' at column 5");
    expect_entry(&r, 3, CS_ENTRY_OK, 1333, 5);
    expect_der(&r, 3, CERT_C);
    run_free(&r);
}

/* ---- detection ---- */

Test(input_detect, empty_file_has_no_entries) {
    run r;
    run_path(FIXTURE("empty.bin"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 0);
    cr_assert_eq(r.format, CS_INPUT_AUTO);
    cr_assert_eq(r.bytes_read, 0);
    run_free(&r);
}

Test(input_detect, unrecognised_binary) {
    run r;
    run_path(FIXTURE("unrecognised.bin"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.format, CS_INPUT_AUTO);
    cr_assert_eq(r.n, 1);
    expect_entry(&r, 0, CS_ENTRY_UNRECOGNISED, 0, 0);
    cr_assert_str_eq(r.e[0].detail, "content is not PEM, DER or base64 (starts with 7f 45 4c 46)");
    cr_assert_eq(r.bytes_read, 72);
    run_free(&r);
}

Test(input_detect, text_and_blank_files, .init = tmp_setup, .fini = tmp_teardown) {
    char path[256];
    run r;
    /* '0' is 0x30, but a text file starting with a digit is not DER. */
    spew(tmp_path(path, sizeof path, "digits.txt"), "0123 not a certificate\n", 23);
    run_path(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.format, CS_INPUT_AUTO);
    cr_assert_eq(r.n, 1);
    expect_entry(&r, 0, CS_ENTRY_UNRECOGNISED, 0, 0);
    run_free(&r);

    spew(tmp_path(path, sizeof path, "blank.txt"), " \n\r\n\t\n", 6);
    run_path(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 0);
    run_free(&r);

    /* Leading blank lines before base64 lines. */
    size_t b_len = 0;
    uint8_t *b = fixture_bytes("lines.b64", &b_len);
    size_t len = 0;
    while (b[len] != '\n') {
        len++;
    }
    char *text = malloc(len + 3);
    memcpy(text, "\n\n", 2);
    memcpy(text + 2, b, len);
    spew(tmp_path(path, sizeof path, "late.b64"), text, len + 2);
    run_path(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.format, CS_INPUT_BASE64_LINES);
    cr_assert_eq(r.n, 1);
    expect_entry(&r, 0, CS_ENTRY_OK, 2, 3);
    expect_der(&r, 0, CERT_A);
    run_free(&r);
    free(text);
    free(b);
}

Test(input_detect, forced_formats) {
    run r;
    run_path(FIXTURE("bundle.pem"), CS_INPUT_DER, &r);
    cr_assert_eq(r.format, CS_INPUT_DER);
    cr_assert_eq(r.n, 1);
    expect_entry(&r, 0, CS_ENTRY_UNRECOGNISED, 0, 0);
    run_free(&r);

    run_path(FIXTURE("concat.der"), CS_INPUT_PEM, &r);
    cr_assert_eq(r.format, CS_INPUT_PEM);
    cr_assert_eq(r.n, 1);
    expect_entry(&r, 0, CS_ENTRY_UNRECOGNISED, 0, 1);
    cr_assert_str_eq(r.e[0].detail, "no PEM block found in the input");
    run_free(&r);
}

/* ---- opening ---- */

Test(input_open, errors_name_the_path) {
    char err[256] = "";
    cr_assert_null(cs_input_open("/nonexistent/cert.pem", CS_INPUT_AUTO, err, sizeof err));
    cr_assert_str_eq(err, "/nonexistent/cert.pem: No such file or directory");
    cr_assert_null(cs_input_open(CS_SOURCE_DIR "/tests", CS_INPUT_AUTO, err, sizeof err));
    cr_assert_str_eq(err, CS_SOURCE_DIR "/tests: is a directory");
}

Test(input_open, stdin_pipe) {
    /* Larger than a pipe's buffer, so the writer blocks and the reader must grow its buffer. */
    size_t len = 0;
    uint8_t *bundle = fixture_bytes("bundle.pem", &len);
    const int copies = 200;
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    pid_t child = fork();
    cr_assert_neq(child, -1);
    if (child == 0) {
        close(fds[0]);
        for (int i = 0; i < copies; i++) {
            size_t off = 0;
            while (off < len) {
                ssize_t n = write(fds[1], bundle + off, len - off);
                if (n <= 0) {
                    _exit(1);
                }
                off += (size_t)n;
            }
        }
        _exit(0);
    }
    close(fds[1]);
    cr_assert_eq(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
    close(fds[0]);

    char err[256] = "";
    cs_input *in = cs_input_open("-", CS_INPUT_AUTO, err, sizeof err);
    cr_assert_not_null(in, "%s", err);
    cr_assert_eq(cs_input_get_format(in), CS_INPUT_PEM);
    cs_entry e;
    uint64_t n = 0;
    while (cs_input_next(in, &e)) {
        cr_assert_eq(e.status, CS_ENTRY_OK);
        cr_assert_str_eq(e.input, "-");
        cr_assert_eq(e.index, n);
        if (n == 3) {
            cr_assert_eq(e.offset, len + 83);
            cr_assert_eq(e.line, 70 + 3, "bundle.pem has 70 lines");
        }
        n++;
    }
    cr_assert_eq(n, 3u * copies);
    cr_assert_eq(cs_input_skipped_blocks(in), 2u * copies);
    cr_assert_eq(cs_input_bytes_total(in), 0, "unknown for a pipe");
    cr_assert_eq(cs_input_bytes_read(in), (uint64_t)len * copies);
    cs_input_close(in);
    int status = 0;
    cr_assert_eq(waitpid(child, &status, 0), child);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    free(bundle);
}

/* ---- walk ---- */

typedef struct walk_log {
    char calls[32][512];
    int ncalls;
    char errors[8][512];
    int nerrors;
    int stop_after; /* 0: never */
} walk_log;

static int walk_collect(void *ctx, const char *path) {
    walk_log *log = ctx;
    cr_assert_lt(log->ncalls, 32);
    snprintf(log->calls[log->ncalls++], sizeof log->calls[0], "%s", path);
    return log->stop_after == 0 || log->ncalls < log->stop_after;
}

static void walk_error(void *ctx, const char *path, const char *message) {
    walk_log *log = ctx;
    cr_assert_lt(log->nerrors, 8);
    snprintf(log->errors[log->nerrors++], sizeof log->errors[0], "%s: %s", path, message);
}

static void touch(const char *rel) {
    char path[512];
    spew(tmp_path(path, sizeof path, rel), "x", 1);
}

/* Expects the log entry to be tmp_root followed by `rel`. */
static void expect_rel(const char *got_path, const char *rel) {
    char want[512];
    snprintf(want, sizeof want, "%s%s", tmp_root, rel);
    cr_assert_str_eq(got_path, want);
}

static void make_tree(void) {
    char path[512];
    cr_assert_eq(mkdir(tmp_path(path, sizeof path, "sub"), 0755), 0);
    cr_assert_eq(mkdir(tmp_path(path, sizeof path, "sub/deeper"), 0755), 0);
    touch("b.pem");
    touch("a.pem");
    touch("Z.pem");
    touch(".hidden");
    touch("sub/z.pem");
    touch("sub/a.pem");
    touch("sub/deeper/x.der");
    cr_assert_eq(symlink(tmp_root, tmp_path(path, sizeof path, "loop")), 0);
    cr_assert_eq(symlink("..", tmp_path(path, sizeof path, "sub/up")), 0);
    cr_assert_eq(symlink("a.pem", tmp_path(path, sizeof path, "sub/link.pem")), 0);
    cr_assert_eq(symlink("missing", tmp_path(path, sizeof path, "broken")), 0);
    cr_assert_eq(mkfifo(tmp_path(path, sizeof path, "fifo"), 0644), 0);
}

Test(input_walk, sorted_recursive_loops_and_errors, .init = tmp_setup, .fini = tmp_teardown) {
    make_tree();
    const char *paths[] = {tmp_root, "-", "/nonexistent/x"};
    walk_log log;
    memset(&log, 0, sizeof log);
    cr_assert_eq(cs_input_walk(paths, 3, walk_collect, walk_error, &log), 1);

    const char *want[] = {"/.hidden",          "/Z.pem",        "/a.pem",    "/b.pem", "/sub/a.pem",
                          "/sub/deeper/x.der", "/sub/link.pem", "/sub/z.pem"};
    size_t nwant = sizeof want / sizeof want[0];
    cr_assert_eq(log.ncalls, (int)nwant + 1, "got %d calls", log.ncalls);
    for (size_t i = 0; i < nwant; i++) {
        expect_rel(log.calls[i], want[i]);
    }
    cr_assert_str_eq(log.calls[nwant], "-");

    cr_assert_eq(log.nerrors, 3);
    char want_err[600];
    snprintf(want_err, sizeof want_err, "%s/broken: No such file or directory", tmp_root);
    cr_assert_str_eq(log.errors[0], want_err);
    snprintf(want_err, sizeof want_err, "%s/fifo: not a regular file", tmp_root);
    cr_assert_str_eq(log.errors[1], want_err);
    cr_assert_str_eq(log.errors[2], "/nonexistent/x: No such file or directory");
}

Test(input_walk, files_as_given_trailing_slash_and_stop, .init = tmp_setup, .fini = tmp_teardown) {
    make_tree();
    char deeper[512];
    snprintf(deeper, sizeof deeper, "%s/sub/deeper/", tmp_root);
    char fifo[512];
    tmp_path(fifo, sizeof fifo, "fifo");
    const char *paths[] = {fifo, deeper};
    walk_log log;
    memset(&log, 0, sizeof log);
    cr_assert_eq(cs_input_walk(paths, 2, walk_collect, NULL, &log), 1);
    cr_assert_eq(log.ncalls, 2);
    expect_rel(log.calls[0], "/fifo");
    expect_rel(log.calls[1], "/sub/deeper/x.der");

    memset(&log, 0, sizeof log);
    log.stop_after = 2;
    const char *root[] = {tmp_root, "-"};
    cr_assert_eq(cs_input_walk(root, 2, walk_collect, NULL, &log), 0);
    cr_assert_eq(log.ncalls, 2);
}

Test(input_walk, reads_fixture_directory_in_order) {
    /* The walk feeding inputs: every fixture opens, and the order is by name. */
    const char *paths[] = {CS_SOURCE_DIR "/tests/data/input"};
    walk_log log;
    memset(&log, 0, sizeof log);
    cr_assert_eq(cs_input_walk(paths, 1, walk_collect, walk_error, &log), 1);
    cr_assert_eq(log.nerrors, 0);
    cr_assert_gt(log.ncalls, 20);
    for (int i = 1; i < log.ncalls; i++) {
        cr_assert_lt(strcmp(log.calls[i - 1], log.calls[i]), 0);
    }
    for (int i = 0; i < log.ncalls; i++) {
        char err[256];
        cs_input *in = cs_input_open(log.calls[i], CS_INPUT_AUTO, err, sizeof err);
        cr_assert_not_null(in, "%s", err);
        cs_input_close(in);
    }
}

/* ---- base64: the vector paths (AVX2, AVX-512 VBMI) against the scalar one ---- */

static void b64_both(const uint8_t *src, size_t len) {
    uint8_t a[1024], b[1024];
    size_t nb = 0;
    cs_base64_error eb = {CS_BASE64_OK, 0};
    cs_base64_set_simd(0);
    int rb = cs_base64_decode(src, len, b, sizeof b, &nb, &eb);
    /* Each level the CPU has; a level it lacks runs as the one below. */
    for (int level = 1; level <= 2; level++) {
        size_t na = 0;
        cs_base64_error ea = {CS_BASE64_OK, 0};
        cs_base64_set_simd(level);
        int ra = cs_base64_decode(src, len, a, sizeof a, &na, &ea);
        cr_assert_eq(ra, rb, "level %d and scalar disagree on success (len %zu)", level, len);
        if (ra) {
            cr_assert_eq(na, nb);
            cr_assert_arr_eq(a, b, na);
        } else {
            cr_assert_eq(ea.status, eb.status, "level %d: status %d vs %d", level, ea.status,
                         eb.status);
            cr_assert_eq(ea.offset, eb.offset, "level %d: offset %zu vs %zu", level, ea.offset,
                         eb.offset);
        }
    }
    cs_base64_set_simd(2);
}

Test(base64, vector_path_matches_scalar) {
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint8_t src[700];
    unsigned seed = 12345;
    for (int round = 0; round < 2000; round++) {
        size_t len = (size_t)(rand_r(&seed) % 600);
        for (size_t i = 0; i < len; i++) {
            src[i] = (uint8_t)alphabet[rand_r(&seed) % 64];
        }
        /* Line breaks and padding now and then, as PEM bodies have them. */
        if (round % 3 == 0) {
            for (size_t i = 64; i < len; i += 65) {
                src[i] = '\n';
            }
        } else if (round % 3 == 1) {
            for (size_t i = 64; i + 1 < len; i += 66) {
                src[i] = '\r';
                src[i + 1] = '\n';
            }
        }
        if (round % 5 == 0 && len >= 2) {
            src[len - 1] = '=';
        }
        b64_both(src, len);
    }
    /* Every byte value in every position of a block the vector loops would take (64 + 32 + a
     * scalar quantum and a bit). */
    uint8_t base[104];
    for (size_t i = 0; i < sizeof base; i++) {
        base[i] = (uint8_t)alphabet[(i * 7) % 64];
    }
    for (size_t pos = 0; pos < sizeof base; pos++) {
        for (int v = 0; v < 256; v++) {
            memcpy(src, base, sizeof base);
            src[pos] = (uint8_t)v;
            b64_both(src, sizeof base);
        }
    }
}

/* ---- streaming: any read size, the same entries ---- */

typedef struct entry_rec {
    cs_entry_status status;
    uint64_t index, offset, line;
    char detail[400];
    uint8_t *der;
    size_t der_len;
} entry_rec;

typedef struct stream_run {
    entry_rec *e;
    size_t n, cap;
    cs_input_format format;
    uint64_t skipped;
    uint64_t bytes_read;
    char compression[16];
} stream_run;

static void stream_collect(const char *path, cs_input_format format, size_t read_size,
                           size_t window_max, unsigned max_ratio, stream_run *r) {
    memset(r, 0, sizeof *r);
    cs_input_config cfg;
    cs_input_config_default(&cfg);
    if (read_size != 0) {
        cfg.read_size = read_size;
    }
    if (window_max != 0) {
        cfg.window_max = window_max;
    }
    cfg.max_ratio = max_ratio;
    char err[256] = "";
    cs_input *in = cs_input_open_with(path, format, &cfg, err, sizeof err);
    cr_assert_not_null(in, "open %s: %s", path, err);
    cs_entry e;
    while (cs_input_next(in, &e)) {
        if (r->n == r->cap) {
            r->cap = r->cap ? r->cap * 2 : 64;
            r->e = realloc(r->e, r->cap * sizeof *r->e);
        }
        entry_rec *g = &r->e[r->n++];
        memset(g, 0, sizeof *g);
        g->status = e.status;
        g->index = e.index;
        g->offset = e.offset;
        g->line = e.line;
        snprintf(g->detail, sizeof g->detail, "%s", e.detail);
        if (e.status == CS_ENTRY_OK) {
            g->der = malloc(e.der_len);
            memcpy(g->der, e.der, e.der_len);
            g->der_len = e.der_len;
        }
    }
    r->format = cs_input_get_format(in);
    r->skipped = cs_input_skipped_blocks(in);
    r->bytes_read = cs_input_bytes_read(in);
    snprintf(r->compression, sizeof r->compression, "%s", cs_input_compression(in));
    cs_input_close(in);
}

static void stream_free(stream_run *r) {
    for (size_t i = 0; i < r->n; i++) {
        free(r->e[i].der);
    }
    free(r->e);
}

static void stream_same(const stream_run *a, const stream_run *b, const char *what) {
    cr_assert_eq(a->n, b->n, "%s: %zu entries vs %zu", what, a->n, b->n);
    cr_assert_eq(a->format, b->format, "%s: format", what);
    cr_assert_eq(a->skipped, b->skipped, "%s: skipped blocks", what);
    for (size_t i = 0; i < a->n; i++) {
        const entry_rec *x = &a->e[i], *y = &b->e[i];
        cr_assert_eq(x->status, y->status, "%s: entry %zu status %s vs %s (%s / %s)", what, i,
                     cs_entry_status_name(x->status), cs_entry_status_name(y->status), x->detail,
                     y->detail);
        cr_assert_eq(x->index, y->index, "%s: entry %zu index", what, i);
        cr_assert_eq(x->offset, y->offset, "%s: entry %zu offset %llu vs %llu", what, i,
                     (unsigned long long)x->offset, (unsigned long long)y->offset);
        cr_assert_eq(x->line, y->line, "%s: entry %zu line %llu vs %llu", what, i,
                     (unsigned long long)x->line, (unsigned long long)y->line);
        cr_assert_str_eq(x->detail, y->detail, "%s: entry %zu detail", what, i);
        cr_assert_eq(x->der_len, y->der_len, "%s: entry %zu length", what, i);
        if (x->der_len != 0) {
            cr_assert_arr_eq(x->der, y->der, x->der_len, "%s: entry %zu bytes", what, i);
        }
    }
}

/* Reads `path` in one read and with each of the given read sizes: everything must match. The
 * inputs are small, and so is the window (big buffers are slow to set up under ASan). */
static void stream_check_sizes(const char *path, cs_input_format format, const size_t *sizes,
                               size_t num_sizes) {
    const size_t window = (size_t)4 << 20;
    stream_run whole;
    stream_collect(path, format, window, window, CS_INPUT_MAX_RATIO, &whole);
    for (size_t k = 0; k < num_sizes; k++) {
        stream_run part;
        stream_collect(path, format, sizes[k], window, CS_INPUT_MAX_RATIO, &part);
        char what[600];
        snprintf(what, sizeof what, "%s with %zu-byte reads", path, sizes[k]);
        stream_same(&whole, &part, what);
        cr_assert_eq(part.bytes_read, whole.bytes_read, "%s: bytes read", what);
        stream_free(&part);
    }
    stream_free(&whole);
}

typedef struct path_list {
    char paths[64][512];
    int n;
} path_list;

static int list_path(void *ctx, const char *path) {
    path_list *l = ctx;
    cr_assert_lt(l->n, 64);
    snprintf(l->paths[l->n++], sizeof l->paths[0], "%s", path);
    return 1;
}

Test(input_stream, every_fixture_straddling_every_boundary) {
    /* Read sizes down to one byte put every marker, header, line end and base64 group across a
     * read boundary somewhere. */
    const char *root[] = {CS_SOURCE_DIR "/tests/data/input"};
    path_list l = {.n = 0};
    cs_input_walk(root, 1, list_path, NULL, &l);
    cr_assert_gt(l.n, 20);
    static const size_t sizes[] = {1, 3, 7, 64, 4099};
    for (int i = 0; i < l.n; i++) {
        stream_check_sizes(l.paths[i], CS_INPUT_AUTO, sizes, sizeof sizes / sizeof sizes[0]);
    }
    /* Forced formats take the same paths through the window. */
    stream_check_sizes(FIXTURE("bundle.pem"), CS_INPUT_DER, sizes, 2);
    stream_check_sizes(FIXTURE("concat.der"), CS_INPUT_PEM, sizes, 2);
    stream_check_sizes(FIXTURE("concat.der"), CS_INPUT_BASE64_LINES, sizes, 2);
}

Test(input_stream, ccadb_csv_in_small_reads) {
    static const size_t sizes[] = {97, 4099, 65537};
    stream_check_sizes(CS_SOURCE_DIR
                       "/corpora/ccadb/AllCertificatePEMsCSVFormat_NotBeforeYear_1998.csv",
                       CS_INPUT_AUTO, sizes, 3);
}

/* Writes `copies` times the concatenation of the three certificates, as DER or as base64
 * lines. */
static void write_repeated(const char *path, int base64_lines, int copies) {
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    const char *certs[] = {CERT_A, CERT_B, CERT_C};
    for (int c = 0; c < copies; c++) {
        for (int k = 0; k < 3; k++) {
            size_t len = 0;
            char name[64];
            snprintf(name, sizeof name, "%s%s", certs[k], base64_lines ? ".crt" : ".der");
            uint8_t *b = fixture_bytes(name, &len);
            if (!base64_lines) {
                fwrite(b, 1, len, f);
            } else {
                /* The PEM body's lines joined into one. */
                for (size_t i = 0; i < len; i++) {
                    if (b[i] == '-') {
                        while (i < len && b[i] != '\n') {
                            i++;
                        }
                    } else if (b[i] != '\n') {
                        fputc(b[i], f);
                    }
                }
                fputs(c % 2 ? "\r\n" : "\n", f);
            }
            free(b);
        }
    }
    fclose(f);
}

Test(input_stream, der_and_base64_lines_straddle_reads, .init = tmp_setup, .fini = tmp_teardown) {
    char der[256], lines[256];
    write_repeated(tmp_path(der, sizeof der, "many.der"), 0, 40);
    write_repeated(tmp_path(lines, sizeof lines, "many.b64"), 1, 40);
    static const size_t sizes[] = {1, 5, 333, 4096};
    stream_check_sizes(der, CS_INPUT_AUTO, sizes, 4);
    stream_check_sizes(lines, CS_INPUT_AUTO, sizes, 4);
    stream_run r;
    stream_collect(lines, CS_INPUT_AUTO, 5, 0, CS_INPUT_MAX_RATIO, &r);
    cr_assert_eq(r.n, 120);
    cr_assert_eq(r.format, CS_INPUT_BASE64_LINES);
    for (size_t i = 0; i < r.n; i++) {
        cr_assert_eq(r.e[i].status, CS_ENTRY_OK);
        cr_assert_eq(r.e[i].line, i + 1);
    }
    stream_free(&r);
}

/* ---- entries longer than the window ---- */

static void write_text(const char *path, const char *a, const char *b) {
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs(a, f);
    if (b != NULL) {
        fputs(b, f);
    }
    fclose(f);
}

static char *repeat_lines(size_t lines, size_t width) {
    char *s = malloc(lines * (width + 1) + 1);
    size_t k = 0;
    for (size_t i = 0; i < lines; i++) {
        memset(s + k, 'A', width);
        k += width;
        s[k++] = '\n';
    }
    s[k] = '\0';
    return s;
}

Test(input_stream, oversize_pem_block_is_skipped, .init = tmp_setup, .fini = tmp_teardown) {
    char path[256];
    char *body = repeat_lines(200, 64); /* 13 KB: more than a 4 KiB window */
    char *big = pem_text("CERTIFICATE", body);
    size_t b_len = 0;
    char *b = (char *)fixture_bytes(CERT_B ".crt", &b_len);
    b = realloc(b, b_len + 1);
    b[b_len] = '\0';
    write_text(tmp_path(path, sizeof path, "big.pem"), big, b);
    stream_run r;
    stream_collect(path, CS_INPUT_AUTO, 1000, 4096, CS_INPUT_MAX_RATIO, &r);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.e[0].status, CS_ENTRY_TOO_LARGE, "%s", r.e[0].detail);
    cr_assert_str_eq(r.e[0].detail,
                     "the PEM block is longer than 4096 bytes, the most held at once");
    cr_assert_eq(r.e[0].offset, 0);
    cr_assert_eq(r.e[0].line, 1);
    cr_assert_eq(r.e[1].status, CS_ENTRY_OK);
    cr_assert_eq(r.e[1].offset, strlen(big));
    cr_assert_eq(r.e[1].line, 200 + 3);
    stream_free(&r);

    /* Without its END: unterminated, before the next BEGIN and at the end of the input. */
    char *open_block = malloc(strlen(body) + 64);
    sprintf(open_block, "-----BEGIN CERTIFICATE-----\n%s", body);
    write_text(path, open_block, b);
    stream_collect(path, CS_INPUT_AUTO, 1000, 4096, CS_INPUT_MAX_RATIO, &r);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.e[0].status, CS_ENTRY_UNTERMINATED_PEM);
    cr_assert_str_eq(r.e[0].detail, "no END marker before the next BEGIN");
    cr_assert_eq(r.e[1].status, CS_ENTRY_OK);
    cr_assert_eq(r.e[1].offset, strlen(open_block));
    stream_free(&r);
    write_text(path, open_block, NULL);
    stream_collect(path, CS_INPUT_AUTO, 1000, 4096, CS_INPUT_MAX_RATIO, &r);
    cr_assert_eq(r.n, 1);
    cr_assert_str_eq(r.e[0].detail, "no END marker before the end of the input");
    stream_free(&r);
    free(open_block);
    free(b);
    free(big);
    free(body);
}

Test(input_stream, oversize_der_element_and_line, .init = tmp_setup, .fini = tmp_teardown) {
    char path[256];
    size_t a_len = 0;
    uint8_t *a = fixture_bytes(CERT_A ".der", &a_len);
    size_t content = 10000;
    uint8_t *data = calloc(1, 4 + content + a_len);
    data[0] = 0x30;
    data[1] = 0x82;
    data[2] = (uint8_t)(content >> 8);
    data[3] = (uint8_t)content;
    memcpy(data + 4 + content, a, a_len);
    spew(tmp_path(path, sizeof path, "big.der"), data, 4 + content + a_len);
    stream_run r;
    stream_collect(path, CS_INPUT_AUTO, 700, 4096, CS_INPUT_MAX_RATIO, &r);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.e[0].status, CS_ENTRY_TOO_LARGE);
    cr_assert_str_eq(r.e[0].detail,
                     "the DER element of 10004 bytes is longer than 4096 bytes, the most held at "
                     "once");
    cr_assert_eq(r.e[1].status, CS_ENTRY_OK);
    cr_assert_eq(r.e[1].offset, 4 + content);
    stream_free(&r);

    /* Cut short: the element runs past the end, and says how much was there. */
    spew(path, data, 6000);
    stream_collect(path, CS_INPUT_AUTO, 700, 4096, CS_INPUT_MAX_RATIO, &r);
    cr_assert_eq(r.n, 1);
    cr_assert_eq(r.e[0].status, CS_ENTRY_DER_TRUNCATED);
    cr_assert_str_eq(r.e[0].detail, "the DER element declares 10004 bytes but only 6000 are left");
    stream_free(&r);

    /* A base64 line longer than the window, then a good one. */
    char *line = repeat_lines(1, 9000);
    size_t l_len = 0;
    uint8_t *lines = fixture_bytes("lines.b64", &l_len);
    size_t first = 0;
    while (lines[first] != '\n') {
        first++;
    }
    FILE *f = fopen(path, "wb");
    fprintf(f, "MI%s", line);
    fwrite(lines, 1, first + 1, f);
    fclose(f);
    stream_collect(path, CS_INPUT_AUTO, 700, 4096, CS_INPUT_MAX_RATIO, &r);
    cr_assert_eq(r.format, CS_INPUT_BASE64_LINES);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.e[0].status, CS_ENTRY_TOO_LARGE);
    cr_assert_eq(r.e[0].line, 1);
    cr_assert_eq(r.e[1].status, CS_ENTRY_OK);
    cr_assert_eq(r.e[1].line, 2);
    cr_assert_eq(r.e[1].offset, 2 + 9000 + 1);
    stream_free(&r);
    free(line);
    free(lines);
    free(data);
    free(a);
}

/* ---- gzip and zlib ---- */

#include <zlib.h>

/* Compresses data as one gzip member (window_bits 31) or one zlib stream (15). */
static uint8_t *deflate_bytes(const uint8_t *data, size_t len, int window_bits, size_t *out_len) {
    z_stream z;
    memset(&z, 0, sizeof z);
    cr_assert_eq(deflateInit2(&z, 9, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)len) + 64;
    uint8_t *out = malloc(cap);
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out_len = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

static void write_deflated(const char *path, const char *fixture, int window_bits,
                           size_t *out_len) {
    size_t len = 0;
    uint8_t *plain = fixture_bytes(fixture, &len);
    uint8_t *z = deflate_bytes(plain, len, window_bits, out_len);
    spew(path, z, *out_len);
    free(z);
    free(plain);
}

Test(input_gzip, gzip_and_zlib_read_like_the_plain_input, .init = tmp_setup, .fini = tmp_teardown) {
    char path[256];
    size_t zlen = 0;
    stream_run plain, packed;
    stream_collect(FIXTURE("bundle.pem"), CS_INPUT_AUTO, 0, 0, CS_INPUT_MAX_RATIO, &plain);
    write_deflated(tmp_path(path, sizeof path, "bundle.pem.gz"), "bundle.pem", 31, &zlen);
    stream_collect(path, CS_INPUT_AUTO, 0, 0, CS_INPUT_MAX_RATIO, &packed);
    stream_same(&plain, &packed, "gzip bundle.pem");
    cr_assert_str_eq(packed.compression, "gzip");
    cr_assert_eq(packed.bytes_read, zlen, "bytes read are the compressed bytes");
    stream_free(&packed);
    /* Small reads straddle the inflated output too. */
    stream_collect(path, CS_INPUT_AUTO, 7, 0, CS_INPUT_MAX_RATIO, &packed);
    stream_same(&plain, &packed, "gzip bundle.pem, 7-byte reads");
    stream_free(&packed);
    stream_free(&plain);

    stream_collect(FIXTURE("concat.der"), CS_INPUT_AUTO, 0, 0, CS_INPUT_MAX_RATIO, &plain);
    write_deflated(tmp_path(path, sizeof path, "concat.zz"), "concat.der", 15, &zlen);
    stream_collect(path, CS_INPUT_AUTO, 0, 0, CS_INPUT_MAX_RATIO, &packed);
    stream_same(&plain, &packed, "zlib concat.der");
    cr_assert_str_eq(packed.compression, "zlib");
    stream_free(&packed);
    stream_free(&plain);
}

Test(input_gzip, multi_member_gzip, .init = tmp_setup, .fini = tmp_teardown) {
    size_t a_len = 0, b_len = 0, za = 0, zb = 0;
    uint8_t *a = fixture_bytes(CERT_A ".crt", &a_len);
    uint8_t *b = fixture_bytes(CERT_B ".crt", &b_len);
    uint8_t *ga = deflate_bytes(a, a_len, 31, &za);
    uint8_t *gb = deflate_bytes(b, b_len, 31, &zb);
    uint8_t *both = malloc(za + zb);
    memcpy(both, ga, za);
    memcpy(both + za, gb, zb);
    char path[256];
    spew(tmp_path(path, sizeof path, "two.gz"), both, za + zb);
    stream_run r;
    stream_collect(path, CS_INPUT_AUTO, 0, 0, CS_INPUT_MAX_RATIO, &r);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.e[0].status, CS_ENTRY_OK);
    cr_assert_eq(r.e[1].status, CS_ENTRY_OK);
    cr_assert_eq(r.e[1].offset, a_len, "offsets count the decompressed bytes");
    cr_assert_eq(r.e[1].index, 1);
    stream_free(&r);

    /* Bytes after the last member that are not a member: reported, never ignored. */
    memcpy(both + za, "garbage!", 8);
    spew(path, both, za + 8);
    stream_collect(path, CS_INPUT_AUTO, 0, 0, CS_INPUT_MAX_RATIO, &r);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.e[0].status, CS_ENTRY_OK);
    cr_assert_eq(r.e[1].status, CS_ENTRY_DECOMPRESSION);
    cr_assert_not_null(strstr(r.e[1].detail, "bytes follow that are not a member"), "%s",
                       r.e[1].detail);
    stream_free(&r);
    free(both);
    free(ga);
    free(gb);
    free(a);
    free(b);
}

Test(input_gzip, truncated_and_corrupt, .init = tmp_setup, .fini = tmp_teardown) {
    size_t len = 0, zlen = 0;
    uint8_t *plain = fixture_bytes("bundle.pem", &len);
    uint8_t *z = deflate_bytes(plain, len, 31, &zlen);
    char path[256];
    spew(tmp_path(path, sizeof path, "cut.gz"), z, zlen * 2 / 3);
    stream_run r;
    stream_collect(path, CS_INPUT_AUTO, 0, 0, CS_INPUT_MAX_RATIO, &r);
    cr_assert_geq(r.n, 2);
    cr_assert_eq(r.e[0].status, CS_ENTRY_OK, "what was inflated before the cut is read");
    const entry_rec *last = &r.e[r.n - 1];
    cr_assert_eq(last->status, CS_ENTRY_DECOMPRESSION);
    cr_assert_not_null(strstr(last->detail, "gzip data is truncated"), "%s", last->detail);
    stream_free(&r);

    /* A flipped byte in the deflate data or the CRC. */
    z[zlen - 6] ^= 0xFF;
    spew(path, z, zlen);
    stream_collect(path, CS_INPUT_AUTO, 0, 0, CS_INPUT_MAX_RATIO, &r);
    last = &r.e[r.n - 1];
    cr_assert_eq(last->status, CS_ENTRY_DECOMPRESSION);
    cr_assert_not_null(strstr(last->detail, "gzip data is corrupt"), "%s", last->detail);
    stream_free(&r);
    free(z);
    free(plain);
}

Test(input_gzip, decompression_bomb_is_stopped, .init = tmp_setup, .fini = tmp_teardown) {
    /* A certificate, then 40 MiB of blanks: a ratio near 1000. */
    size_t a_len = 0;
    uint8_t *a = fixture_bytes(CERT_A ".crt", &a_len);
    size_t len = a_len + ((size_t)40 << 20);
    uint8_t *data = malloc(len);
    memcpy(data, a, a_len);
    memset(data + a_len, ' ', len - a_len);
    size_t zlen = 0;
    uint8_t *z = deflate_bytes(data, len, 31, &zlen);
    char path[256];
    spew(tmp_path(path, sizeof path, "bomb.gz"), z, zlen);
    stream_run r;
    stream_collect(path, CS_INPUT_AUTO, 0, 0, 100, &r);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.e[0].status, CS_ENTRY_OK);
    cr_assert_eq(r.e[1].status, CS_ENTRY_DECOMPRESSION);
    cr_assert_not_null(strstr(r.e[1].detail, "expands more than 100 times"), "%s", r.e[1].detail);
    cr_assert_not_null(strstr(r.e[1].detail, "decompression bomb"), "%s", r.e[1].detail);
    cr_assert_lt(r.e[1].offset, len, "stopped before the end");
    stream_free(&r);
    /* No limit: read to the end. */
    stream_collect(path, CS_INPUT_AUTO, 0, 0, 0, &r);
    cr_assert_eq(r.n, 1);
    stream_free(&r);
    free(z);
    free(data);
    free(a);
}

Test(input_gzip, gzip_on_stdin, .init = tmp_setup, .fini = tmp_teardown) {
    char path[256];
    size_t zlen = 0;
    write_deflated(tmp_path(path, sizeof path, "b.gz"), "bundle.pem", 31, &zlen);
    int fd = open(path, O_RDONLY);
    cr_assert_geq(fd, 0);
    cr_assert_eq(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    stream_run plain, in;
    stream_collect(FIXTURE("bundle.pem"), CS_INPUT_AUTO, 0, 0, CS_INPUT_MAX_RATIO, &plain);
    stream_collect("-", CS_INPUT_AUTO, 0, 0, CS_INPUT_MAX_RATIO, &in);
    stream_same(&plain, &in, "gzip on stdin");
    cr_assert_str_eq(in.compression, "gzip");
    stream_free(&in);
    stream_free(&plain);
}
