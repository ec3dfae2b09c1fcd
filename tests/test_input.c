/* Tests for io/: format detection, PEM/DER/base64-line framing, entry positions and the path
 * walk. Fixtures live in tests/data/input (see its README); inputs that are easier to build than
 * to store are written to a temporary directory. */
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
    cr_assert_eq(r.format, CS_INPUT_PEM);
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
