/* CCADB CSV reports and LDIF (io/csv.c, io/ccadb.c, io/ldif.c) and the CA owner join
 * (scanner/owners.c): the RFC 4180 row scanner, crafted reports and directory dumps with every
 * kind of bad record (each rejected with its reason and position while the rest is read, at
 * every read size), the real CCADB reports in corpora/ccadb, and --ccadb end to end. */
#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/csv.h"
#include "io/input.h"
#include "scanner/owners.h"
#include "scanner/x509.h"

#define SRC           CS_SOURCE_DIR
#define CERTSCAN      CS_CERTSCAN_BIN
#define FIXTURE(name) SRC "/tests/data/input/" name

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *out_len) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    cr_assert_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (out_len != NULL) {
        *out_len = (size_t)n;
    }
    return buf;
}

/* A growing text with the line each appended piece starts on. */
typedef struct text {
    char *p;
    size_t len;
    size_t cap;
    unsigned long long line; /* line of the next byte appended */
} text;

static unsigned long long put(text *t, const char *s) {
    unsigned long long at = t->line ? t->line : 1;
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->p = realloc(t->p, t->cap);
    }
    memcpy(t->p + t->len, s, n + 1);
    t->len += n;
    t->line = at;
    for (size_t i = 0; i < n; i++) {
        t->line += s[i] == '\n';
    }
    return at;
}

/* The PEM text of a fixture certificate, its DER and SHA-256 in hex. */
typedef struct cert {
    char *pem;
    uint8_t *der;
    size_t der_len;
    char hex[65];
} cert;

static cert load_cert(const char *name) {
    cert c;
    char path[512];
    snprintf(path, sizeof path, FIXTURE("%s.crt"), name);
    c.pem = slurp(path, NULL);
    size_t n = strlen(c.pem);
    while (n > 0 && (c.pem[n - 1] == '\n' || c.pem[n - 1] == '\r')) {
        c.pem[--n] = '\0';
    }
    snprintf(path, sizeof path, FIXTURE("%s.der"), name);
    c.der = (uint8_t *)slurp(path, &c.der_len);
    uint8_t md[32];
    SHA256(c.der, c.der_len, md);
    for (int i = 0; i < 32; i++) {
        snprintf(c.hex + 2 * i, 3, "%02X", md[i]);
    }
    return c;
}

static void free_cert(cert *c) {
    free(c->pem);
    free(c->der);
}

typedef struct got {
    cs_entry_status status;
    uint64_t index, offset, line;
    char detail[400];
    uint8_t md[32];
} got;

typedef struct run {
    size_t n;
    got e[64];
    cs_input_format format;
    uint64_t skipped;
} run;

static char tmp_dir[64];

static void tmp_setup(void) {
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/cs_ccadb_XXXXXX");
    cr_assert_not_null(mkdtemp(tmp_dir));
}

static void tmp_teardown(void) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp_dir);
    cr_assert_eq(system(cmd), 0);
}

static const char *write_tmp(const char *name, const char *data, size_t len) {
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmp_dir, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    return path;
}

static void run_input(const char *path, cs_input_format format, size_t read_size, run *r) {
    memset(r, 0, sizeof *r);
    cs_input_config config;
    cs_input_config_default(&config);
    config.read_size = read_size;
    char err[256];
    cs_input *in = cs_input_open_with(path, format, &config, err, sizeof err);
    cr_assert_not_null(in, "%s", err);
    r->format = cs_input_get_format(in);
    cs_entry e;
    while (cs_input_next(in, &e)) {
        cr_assert_lt(r->n, 64);
        got *g = &r->e[r->n++];
        g->status = e.status;
        g->index = e.index;
        g->offset = e.offset;
        g->line = e.line;
        snprintf(g->detail, sizeof g->detail, "%s", e.detail);
        if (e.status == CS_ENTRY_OK) {
            SHA256(e.der, e.der_len, g->md);
        }
    }
    r->skipped = cs_input_skipped_blocks(in);
    cs_input_close(in);
}

static void expect(const run *r, size_t i, cs_entry_status status, unsigned long long line,
                   const char *in_detail) {
    cr_assert_lt(i, r->n, "entry %zu missing (got %zu)", i, r->n);
    const got *g = &r->e[i];
    cr_assert_eq(g->status, status, "entry %zu: %s, expected %s (%s)", i,
                 cs_entry_status_name(g->status), cs_entry_status_name(status), g->detail);
    cr_assert_eq(g->index, i);
    if (line != 0) {
        cr_assert_eq(g->line, line, "entry %zu: line %llu, expected %llu (%s)", i,
                     (unsigned long long)g->line, line, g->detail);
    }
    if (in_detail != NULL) {
        cr_assert_not_null(strstr(g->detail, in_detail), "entry %zu: \"%s\" lacks \"%s\"", i,
                           g->detail, in_detail);
    }
}

static void expect_cert(const run *r, size_t i, const cert *c) {
    expect(r, i, CS_ENTRY_OK, 0, NULL);
    uint8_t md[32];
    SHA256(c->der, c->der_len, md);
    cr_assert_arr_eq(r->e[i].md, md, 32, "entry %zu is not the expected certificate", i);
}

/* The same entries, whatever the read size (rows and lines straddling every boundary). */
static void expect_same_at_every_read_size(const char *path, const run *want) {
    static const size_t sizes[] = {1, 2, 3, 7, 64, 333, 4096};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        run r;
        run_input(path, CS_INPUT_AUTO, sizes[k], &r);
        cr_assert_eq(r.n, want->n, "read size %zu: %zu entries, expected %zu", sizes[k], r.n,
                     want->n);
        cr_assert_eq(r.skipped, want->skipped);
        for (size_t i = 0; i < r.n; i++) {
            cr_assert_eq(r.e[i].status, want->e[i].status, "read size %zu, entry %zu", sizes[k], i);
            cr_assert_eq(r.e[i].offset, want->e[i].offset, "read size %zu, entry %zu", sizes[k], i);
            cr_assert_eq(r.e[i].line, want->e[i].line, "read size %zu, entry %zu", sizes[k], i);
            cr_assert_str_eq(r.e[i].detail, want->e[i].detail);
            cr_assert_arr_eq(r.e[i].md, want->e[i].md, 32);
        }
    }
}

/* ---- the RFC 4180 row scanner ---- */

static cs_csv_status scan_str(const char *s, int eof, cs_csv_field *f, size_t max,
                              cs_csv_row *row) {
    return cs_csv_scan((const uint8_t *)s, strlen(s), eof, f, max, row);
}

static void expect_field(const char *s, const cs_csv_field *f, const char *want, int quoted,
                         int escaped) {
    cr_assert_eq(f->len, strlen(want), "field \"%.*s\", expected \"%s\"", (int)f->len, s + f->off,
                 want);
    cr_assert_eq(memcmp(s + f->off, want, f->len), 0);
    cr_assert_eq(f->quoted, quoted);
    cr_assert_eq(f->escaped, escaped);
}

Test(csv, quoted_fields_with_newlines_and_doubled_quotes) {
    const char *s = "plain,\"a \"\"quoted\"\", comma\",\"two\r\nlines\",,\"\"\r\nnext";
    cs_csv_field f[8];
    cs_csv_row row;
    cr_assert_eq(scan_str(s, 0, f, 8, &row), CS_CSV_ROW);
    cr_assert_eq(row.nfields, 5);
    cr_assert_eq(row.used, strlen(s) - strlen("next"));
    expect_field(s, &f[0], "plain", 0, 0);
    expect_field(s, &f[1], "a \"\"quoted\"\", comma", 1, 1);
    expect_field(s, &f[2], "two\r\nlines", 1, 0);
    expect_field(s, &f[3], "", 0, 0);
    expect_field(s, &f[4], "", 1, 0);
}

Test(csv, line_ends_and_the_end_of_the_input) {
    cs_csv_field f[4];
    cs_csv_row row;
    cr_assert_eq(scan_str("a,b\n", 1, f, 4, &row), CS_CSV_ROW);
    cr_assert_eq(row.used, 4);
    cr_assert_eq(scan_str("a,b\rc", 1, f, 4, &row), CS_CSV_ROW, "a lone CR ends a row");
    cr_assert_eq(row.used, 4);
    cr_assert_eq(scan_str("a,b", 1, f, 4, &row), CS_CSV_ROW, "the last row needs no line end");
    cr_assert_eq(row.used, 3);
    cr_assert_eq(row.nfields, 2);
    cr_assert_eq(scan_str("a,\"b\"", 1, f, 4, &row), CS_CSV_ROW);
    cr_assert_eq(row.nfields, 2);
    cr_assert_eq(scan_str("a,b,", 1, f, 4, &row), CS_CSV_ROW);
    cr_assert_eq(row.nfields, 3, "a trailing comma is an empty last field");
    /* More fields than stored: counted, the first ones kept. */
    cr_assert_eq(scan_str("1,2,3,4,5,6\n", 1, f, 4, &row), CS_CSV_ROW);
    cr_assert_eq(row.nfields, 6);
    expect_field("1,2,3,4,5,6\n", &f[3], "4", 0, 0);
}

Test(csv, asks_for_more_where_the_next_bytes_decide) {
    cs_csv_field f[4];
    cs_csv_row row;
    const char *cases[] = {"a,b", "a,\"b", "a,\"b\"", "a,\"b\"\"", "a,b\r", "\"x\ny"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cr_assert_eq(scan_str(cases[i], 0, f, 4, &row), CS_CSV_MORE, "\"%s\"", cases[i]);
    }
}

Test(csv, broken_quoting_is_located) {
    cs_csv_field f[4];
    cs_csv_row row;
    cr_assert_eq(scan_str("ab\"c,d\n", 1, f, 4, &row), CS_CSV_BROKEN);
    cr_assert_eq(row.error_at, 2);
    cr_assert_not_null(strstr(row.why, "unquoted"));
    cr_assert_eq(scan_str("\"ab\"c,d\n", 1, f, 4, &row), CS_CSV_BROKEN);
    cr_assert_eq(row.error_at, 4);
    cr_assert_eq(scan_str("x,\"never closed\n", 1, f, 4, &row), CS_CSV_BROKEN);
    cr_assert_eq(row.error_at, 2);
    cr_assert_not_null(strstr(row.why, "end of the input"));
}

Test(csv, header_names_and_fingerprints) {
    const char *s = "\xEF\xBB\xBF"
                    "Sha-256 FINGERPRINT , 'x'";
    cs_csv_field f[4];
    cs_csv_row row;
    cr_assert_eq(scan_str(s, 1, f, 4, &row), CS_CSV_ROW);
    cr_assert(cs_csv_header_is((const uint8_t *)s, &f[0], "SHA-256 Fingerprint"));
    cr_assert(cs_csv_header_is((const uint8_t *)s, &f[1], "x"), "single quotes trimmed");
    uint8_t fp[32];
    const char *hex = "2930BD09A07126BDC17288D4F2AD84645EC948607907A97B5ED0B0B05879EF69";
    cr_assert(cs_csv_parse_sha256((const uint8_t *)hex, 64, fp));
    cr_assert_eq(fp[0], 0x29);
    cr_assert_eq(fp[31], 0x69);
    const char *colons = "29:30:BD:09:A0:71:26:BD:C1:72:88:D4:F2:AD:84:64:5E:C9:48:60:79:07:A9:7B:"
                         "5E:D0:B0:B0:58:79:EF:69";
    cr_assert(cs_csv_parse_sha256((const uint8_t *)colons, strlen(colons), fp));
    cr_assert_not(cs_csv_parse_sha256((const uint8_t *)hex, 62, fp));
    cr_assert_not(cs_csv_parse_sha256((const uint8_t *)"not hex", 7, fp));
}

/* ---- a crafted CCADB report ---- */

/* A PEM whose last base64 characters are cut off (so the body ends inside a 4-character group). */
static char *truncated_pem(const char *pem) {
    char *s = strdup(pem);
    char *end = strstr(s, "-----END");
    cr_assert_not_null(end);
    char *cut = end - 1; /* the line end before END */
    while (*cut == '\n' || *cut == '\r') {
        cut--;
    }
    /* Drop three characters of the last line, keeping the line end and the END marker. */
    memmove(cut - 2, cut + 1, strlen(cut + 1) + 1);
    return s;
}

Test(ccadb, columns_by_name_and_every_bad_row, .init = tmp_setup, .fini = tmp_teardown) {
    cert a = load_cert("Amazon_Root_CA_3");
    cert b = load_cert("ISRG_Root_X2");
    cert c = load_cert("ISRG_Root_X1");
    text t = {0};
    char row[8192];
    /* Columns in another order than CCADB's, with extra ones: found by name. */
    put(&t, "\"Certificate Name\",\"X.509 Certificate (PEM)\",\"Comments\",\"SHA-256 "
            "Fingerprint\"\r\n");
    unsigned long long lines[16];
    size_t k = 0;
    snprintf(row, sizeof row, "\"A\",\"%s\",\"a \"\"note\"\",\r\non two lines\",\"%s\"\r\n", a.pem,
             a.hex);
    lines[k++] = put(&t, row); /* row 1: good */
    snprintf(row, sizeof row, "\"broken\",\"%s\"junk,\"x\",\"%s\"\r\n", b.pem, b.hex);
    lines[k++] = put(&t, row); /* row 2: a closing quote followed by junk */
    lines[k++] = put(&t, "\"empty\",\"\",\"no certificate\",\"\"\r\n"); /* row 3 */
    char *trunc = truncated_pem(b.pem);
    snprintf(row, sizeof row, "\"truncated\",\"%s\",\"\",\"%s\"\r\n", trunc, b.hex);
    free(trunc);
    lines[k++] = put(&t, row); /* row 4: truncated base64 */
    char *unterminated = strdup(c.pem);
    *strstr(unterminated, "-----END") = '\0';
    snprintf(row, sizeof row, "\"unterminated\",\"%s\",\"\",\"%s\"\r\n", unterminated, c.hex);
    free(unterminated);
    lines[k++] = put(&t, row); /* row 5: no END marker in the cell */
    snprintf(row, sizeof row, "\"mismatch\",\"%s\",\"\",\"%s\"\r\n", b.pem, a.hex);
    lines[k++] = put(&t, row); /* row 6: the fingerprint of another certificate */
    snprintf(row, sizeof row, "\"bad hex\",\"%s\",\"\",\"'not a fingerprint'\"\r\n", b.pem);
    lines[k++] = put(&t, row);             /* row 7 */
    lines[k++] = put(&t, "\"short\"\r\n"); /* row 8: no PEM cell at all */
    snprintf(row, sizeof row, "\"C\",\"%s\",\"\",\"'%s'\"", c.pem, c.hex);
    lines[k++] = put(&t, row); /* row 9: good, quoted fingerprint, no final line end */
    const char *path = write_tmp("report.csv", t.p, t.len);

    run r;
    run_input(path, CS_INPUT_AUTO, 1 << 20, &r);
    cr_assert_eq(r.format, CS_INPUT_CCADB);
    cr_assert_eq(r.n, 9, "one entry per row (%zu)", r.n);
    expect_cert(&r, 0, &a);
    cr_assert_eq(r.e[0].line, lines[0], "the PEM starts on the row's line");
    expect(&r, 1, CS_ENTRY_CSV_QUOTING, lines[1], "CSV row 2: broken quoting at line");
    expect(&r, 2, CS_ENTRY_MISSING_PEM, lines[2],
           "CSV row 3: the \"X.509 Certificate (PEM)\" cell is empty");
    expect(&r, 3, CS_ENTRY_BAD_BASE64, lines[3], NULL);
    expect(&r, 4, CS_ENTRY_UNTERMINATED_PEM, lines[4], "CSV row 5");
    expect(&r, 5, CS_ENTRY_FINGERPRINT, lines[5], a.hex);
    expect(&r, 6, CS_ENTRY_FINGERPRINT, lines[6], "CSV row 7: the SHA-256 Fingerprint");
    expect(&r, 7, CS_ENTRY_MISSING_PEM, lines[7], "CSV row 8 has 1 field and");
    expect_cert(&r, 8, &c);
    expect_same_at_every_read_size(path, &r);

    /* The same report forced as PEM text: the rows are lost, the certificates are not. */
    run p;
    run_input(path, CS_INPUT_PEM, 1 << 20, &p);
    cr_assert_eq(p.format, CS_INPUT_PEM);
    free(t.p);
    free_cert(&a);
    free_cert(&b);
    free_cert(&c);
}

Test(ccadb, a_quote_never_closed_and_a_row_too_long, .init = tmp_setup, .fini = tmp_teardown) {
    cert a = load_cert("Amazon_Root_CA_3");
    text t = {0};
    char row[8192];
    put(&t, "SHA-256 Fingerprint,X.509 Certificate (PEM)\n");
    snprintf(row, sizeof row, "%s,\"%s\"\n", a.hex, a.pem);
    put(&t, row);
    unsigned long long open_line = put(&t, "ABCD,\"-----BEGIN CERTIFICATE-----\nMIIB\n");
    const char *path = write_tmp("open.csv", t.p, t.len);
    run r;
    run_input(path, CS_INPUT_AUTO, 1 << 20, &r);
    cr_assert_eq(r.n, 2);
    expect_cert(&r, 0, &a);
    expect(&r, 1, CS_ENTRY_CSV_QUOTING, open_line, "still open at the end of the input");
    expect_same_at_every_read_size(path, &r);
    free(t.p);
    free_cert(&a);
}

Test(ccadb, pem_info_quotes_and_a_block_that_is_no_certificate, .init = tmp_setup,
     .fini = tmp_teardown) {
    cert a = load_cert("Amazon_Root_CA_3");
    text t = {0};
    char row[8192];
    put(&t, "\"Owner\",\"SHA-256 Fingerprint\",\"PEM Info\"\r\n");
    unsigned long long key_line =
        put(&t, "\"X\",\"\",\"'-----BEGIN PRIVATE KEY-----\r\r\nAAAA\r\r\n-----END PRIVATE "
                "KEY-----'\"\r\n");
    snprintf(row, sizeof row, "\"Amazon\",\"%s\",\"'%s'\"\r\n", a.hex, a.pem);
    put(&t, row);
    const char *path = write_tmp("pem_info.csv", t.p, t.len);
    run r;
    run_input(path, CS_INPUT_AUTO, 1 << 20, &r);
    cr_assert_eq(r.format, CS_INPUT_CCADB);
    cr_assert_eq(r.n, 2);
    expect(&r, 0, CS_ENTRY_MISSING_PEM, key_line,
           "CSV row 1: the \"PEM Info\" cell holds a PEM block that is not a certificate");
    expect_cert(&r, 1, &a);
    expect_same_at_every_read_size(path, &r);
    free(t.p);
    free_cert(&a);
}

Test(ccadb, owner_report_rows_are_skipped_not_entries, .init = tmp_setup, .fini = tmp_teardown) {
    const char *csv =
        "\"CA Owner\",\"SHA-256 Fingerprint\",\"Comments\"\n"
        "\"Owner A\",\"2930BD09A07126BDC17288D4F2AD84645EC948607907A97B5ED0B0B05879EF69\",\"x\"\n"
        "\"Owner "
        "B\",\"8688E58F4C7A945FADCE7F62BFEF521B82DA7DC38BFDB0163478A5FE42E57870\","
        "\"multi\nline\"\n";
    const char *path = write_tmp("owners.csv", csv, strlen(csv));
    run r;
    run_input(path, CS_INPUT_AUTO, 1 << 20, &r);
    cr_assert_eq(r.format, CS_INPUT_CCADB);
    cr_assert_eq(r.n, 0);
    cr_assert_eq(r.skipped, 2);
    /* Forced on a file without such a header: one rejection saying why. */
    run f;
    run_input(FIXTURE("lines.b64"), CS_INPUT_CCADB, 1 << 20, &f);
    cr_assert_eq(f.n, 1);
    expect(&f, 0, CS_ENTRY_UNRECOGNISED, 0, "not a CSV header");
}

Test(ccadb, real_reports_one_entry_per_row) {
    /* Every year file: detected as a report, every row a certificate whose fingerprint matches
     * (the reader checks it), as many as the file has PEM blocks. */
    static const int years[] = {1994, 2003, 2014, 2021, 2026};
    for (size_t y = 0; y < sizeof years / sizeof years[0]; y++) {
        char path[512];
        snprintf(path, sizeof path,
                 SRC "/corpora/ccadb/AllCertificatePEMsCSVFormat_NotBeforeYear_%d.csv", years[y]);
        size_t len;
        char *all = slurp(path, &len);
        size_t blocks = 0;
        for (const char *p = all; (p = strstr(p, "-----BEGIN CERTIFICATE-----")) != NULL; p++) {
            blocks++;
        }
        free(all);
        cs_input *in = cs_input_open(path, CS_INPUT_AUTO, NULL, 0);
        cr_assert_not_null(in);
        cr_assert_eq(cs_input_get_format(in), CS_INPUT_CCADB);
        cs_entry e;
        size_t n = 0;
        while (cs_input_next(in, &e)) {
            cr_assert_eq(e.status, CS_ENTRY_OK, "%s entry %zu: %s", path, n, e.detail);
            cr_assert_eq(e.index, n);
            n++;
        }
        cs_input_close(in);
        cr_assert_eq(n, blocks, "%s: %zu entries, %zu PEM blocks", path, n, blocks);
    }
}

/* ---- LDIF ---- */

/* The certificate's base64 folded RFC 2849 style: `first` characters on the attribute's line,
 * then lines of one space and 75 characters, with `eol` line ends. */
static void put_folded(text *t, const char *attr, const cert *c, const char *eol) {
    const char *body = strstr(c->pem, "-----\n") + 6;
    char b64[8192];
    size_t k = 0;
    for (const char *p = body; *p != '\0' && *p != '-'; p++) {
        if (*p != '\n' && *p != '\r') {
            b64[k++] = *p;
        }
    }
    b64[k] = '\0';
    char line[128];
    snprintf(line, sizeof line, "%s:: ", attr);
    put(t, line);
    size_t room = 76 - strlen(line);
    for (size_t i = 0; i < k;) {
        size_t n = k - i < room ? k - i : room;
        snprintf(line, sizeof line, "%.*s%s", (int)n, b64 + i, eol);
        put(t, line);
        i += n;
        if (i < k) {
            put(t, " ");
        }
        room = 75;
    }
}

Test(ldif, folded_values_several_per_entry_and_bad_records, .init = tmp_setup,
     .fini = tmp_teardown) {
    cert a = load_cert("Amazon_Root_CA_3");
    cert b = load_cert("ISRG_Root_X2");
    cert c = load_cert("ISRG_Root_X1");
    text t = {0};
    put(&t, "# a directory dump\n# whose comment\n  is folded\nversion: 1\n\n");
    unsigned long long dn1 = put(&t, "dn: uid=alice,ou=people,dc=example,dc=org\r\n");
    put(&t, "objectClass: inetOrgPerson\r\nmail: alice@example.org\r\n");
    unsigned long long a_line = t.line;
    put_folded(&t, "userCertificate;binary", &a, "\r\n"); /* CRLF, folded */
    unsigned long long b_line = t.line;
    put_folded(&t, "userCertificate;binary", &b, "\r\n"); /* a second value */
    put(&t, "userSMIMECertificate;binary:: MIIBAgYJKoZIhvcNAQcCoIIB8zCCAe8CAQEx\r\n\r\n");
    put(&t, "dn: cn=ca,dc=example,dc=org\n");
    unsigned long long c_line = t.line;
    put_folded(&t, "cACertificate", &c, "\n");
    put(&t, "\n");
    unsigned long long dn2 = put(&t, "dn: uid=bob,dc=example,dc=org\n");
    unsigned long long trunc_line =
        put(&t, "userCertificate;binary:: MIIBtjCCAVugAwIBAgITBmyf1XSXNmY/Owua2eiedgPySjAKBggqZ\n");
    unsigned long long plain_line = put(&t, "userCertificate: not base64\n");
    unsigned long long url_line = put(&t, "userCertificate;binary:< file:///etc/cert.der\n");
    unsigned long long fold_line = t.line;
    put_folded(&t, "userCertificate;binary", &a, "\n");
    /* Break the folding of that value: its third line loses its leading space, and so do the
     * lines after it (one rejection for the run). */
    char *third = t.p + t.len;
    for (int back = 0; back < 3; back++) {
        do {
            third--;
        } while (third[-1] != '\n');
    }
    cr_assert_eq(*third, ' ');
    unsigned long long unfolded_line = 1;
    for (const char *q = t.p; q < third; q++) {
        unfolded_line += *q == '\n';
    }
    memmove(third, third + 1, strlen(third + 1) + 1);
    t.len--;
    put(&t, "\n");
    unsigned long long blank_fold = put(&t, " continued after a blank line\n");
    put(&t, "\ndn: uid=carol,dc=example,dc=org\n");
    unsigned long long last_line = t.line;
    put_folded(&t, "2.5.4.36;binary", &b, "\n");
    const char *path = write_tmp("dump.ldif", t.p, t.len);

    run r;
    run_input(path, CS_INPUT_AUTO, 1 << 20, &r);
    cr_assert_eq(r.format, CS_INPUT_LDIF);
    expect_cert(&r, 0, &a);
    cr_assert_eq(r.e[0].line, a_line);
    expect_cert(&r, 1, &b);
    cr_assert_eq(r.e[1].line, b_line);
    expect_cert(&r, 2, &c);
    cr_assert_eq(r.e[2].line, c_line);
    expect(&r, 3, CS_ENTRY_BAD_BASE64, trunc_line, "inside a 4-character group");
    expect(&r, 4, CS_ENTRY_LDIF_SYNTAX, plain_line, "plain text");
    char dn[64];
    snprintf(dn, sizeof dn, "dn is at line %llu", dn2);
    expect(&r, 4, CS_ENTRY_LDIF_SYNTAX, plain_line, dn);
    expect(&r, 5, CS_ENTRY_LDIF_SYNTAX, url_line, "URL");
    /* The value cut short by the broken fold, then the lines that lost their space. */
    cr_assert_eq(r.e[6].line, fold_line);
    cr_assert(r.e[6].status != CS_ENTRY_OK || memcmp(r.e[6].md, r.e[0].md, 32) != 0,
              "a value whose folding is broken is not the certificate");
    expect(&r, 7, CS_ENTRY_LDIF_SYNTAX, unfolded_line, "a folded line must start with one space");
    expect(&r, 8, CS_ENTRY_LDIF_SYNTAX, blank_fold, "1 line from line");
    expect_cert(&r, 9, &b);
    cr_assert_eq(r.e[9].line, last_line);
    cr_assert_eq(r.n, 10);
    cr_assert_eq(r.skipped, 1, "the userSMIMECertificate (PKCS #7) value");
    (void)dn1;
    expect_same_at_every_read_size(path, &r);
    free(t.p);
    free_cert(&a);
    free_cert(&b);
    free_cert(&c);
}

/* ---- the CA owner join on the real reports ---- */

static const char *const owner_files[] = {
    SRC "/corpora/ccadb/owners/AllCertificateRecordsReport-2021-04-05.csv",
    SRC "/corpora/ccadb/owners/mozilla-PublicAllIntermediateCerts-2020-06.csv",
    SRC "/corpora/ccadb/owners/mozilla-PublicAllIntermediateCerts-2026-03.csv",
};

/* The CA Owner the owner reports give a fingerprint, found without the CSV reader: the row's
 * first physical line holds the fingerprint and starts with the quoted "CA Owner" (the first
 * column of all three reports); the last file listing it wins, as with --ccadb. */
static int owner_by_text(char *const *texts, const char *hex, char *owner, size_t cap) {
    int found = 0;
    for (size_t f = 0; f < 3; f++) {
        const char *at = strstr(texts[f], hex);
        if (at == NULL) {
            continue;
        }
        const char *start = at;
        while (start > texts[f] && start[-1] != '\n') {
            start--;
        }
        cr_assert_eq(*start, '"', "the row of %s starts with its quoted owner", hex);
        const char *end = strstr(start + 1, "\",");
        cr_assert_not_null(end);
        snprintf(owner, cap, "%.*s", (int)(end - start - 1), start + 1);
        found = 1;
    }
    return found;
}

Test(owners, real_reports_join_by_fingerprint_and_issuer) {
    const char *paths[] = {SRC "/corpora/ccadb/owners", SRC "/corpora/ccadb"};
    char *errbuf = NULL;
    size_t errlen = 0;
    FILE *err = open_memstream(&errbuf, &errlen);
    cs_owner_db *db = cs_owner_db_load(paths, 2, err);
    fclose(err);
    cr_assert_not_null(db, "%s", errbuf);
    cr_assert_eq(errlen, 0, "every row of the real reports is used: %s", errbuf);
    free(errbuf);
    char *texts[3];
    for (size_t f = 0; f < 3; f++) {
        texts[f] = slurp(owner_files[f], NULL);
    }
    cs_x509 *x = malloc(sizeof *x);
    size_t certs = 0, listed = 0, by_fp = 0, by_issuer = 0;
    cs_input *in;
    const char *years = SRC "/corpora/ccadb";
    /* Every certificate of the year files, read as a scan reads them. */
    struct list {
        char **p;
        size_t n;
    } files = {0};
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls %s/*.csv", years);
    FILE *ls = popen(cmd, "r");
    char line[1024];
    while (fgets(line, sizeof line, ls) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        files.p = realloc(files.p, (files.n + 1) * sizeof *files.p);
        files.p[files.n++] = strdup(line);
    }
    pclose(ls);
    cr_assert_eq(files.n, 33);
    for (size_t f = 0; f < files.n; f++) {
        in = cs_input_open(files.p[f], CS_INPUT_AUTO, NULL, 0);
        cr_assert_not_null(in);
        cs_entry e;
        while (cs_input_next(in, &e)) {
            cr_assert_eq(e.status, CS_ENTRY_OK);
            cs_der_error derr = {.base = e.der};
            cr_assert(cs_x509_parse(x, e.der, e.der_len, &derr));
            uint8_t md[32];
            SHA256(e.der, e.der_len, md);
            char hex[65];
            for (int i = 0; i < 32; i++) {
                snprintf(hex + 2 * i, 3, "%02X", md[i]);
            }
            certs++;
            char owner[256];
            cs_owner_match how;
            const cs_owner_info *info = cs_owner_db_for_cert(db, md, x, &how);
            if (owner_by_text(texts, hex, owner, sizeof owner)) {
                listed++;
                cr_assert_eq(how, CS_OWNER_BY_FINGERPRINT, "%s is in an owner report", hex);
                cr_assert_str_eq(info->ca_owner, owner, "%s", hex);
            }
            by_fp += how == CS_OWNER_BY_FINGERPRINT;
            by_issuer += how == CS_OWNER_BY_ISSUER;
            if (how == CS_OWNER_BY_ISSUER) {
                /* Only certificates no report lists are joined through their issuer, and the
                 * answer is the owner of a CA certificate with their issuer's name. */
                cr_assert_not_null(info->ca_owner);
            }
        }
        cs_input_close(in);
        free(files.p[f]);
    }
    free(files.p);
    cr_log_info("%zu certificates: %zu owners by fingerprint, %zu through their issuer, %zu none",
                certs, by_fp, by_issuer, certs - by_fp - by_issuer);
    cr_assert_eq(certs, 10229);
    /* Every certificate listed in an owner report has its owner: the floor is what the reports
     * list, found here by searching their text, not by the reader under test. */
    cr_assert_eq(by_fp, listed);
    cr_assert_gt(listed, 8000, "the Mozilla and CCADB reports list most CCADB certificates");
    /* The certificates the reports do not list (roots of other programs, certificates issued
     * after the reports, revoked ones) are many more than the join through issuers recovers
     * when it works at all; it must recover some: a CA's older and newer certificates share
     * their issuer. */
    cr_assert_gt(by_issuer, 0);
    cr_assert_leq(by_fp + by_issuer, certs);
    cr_assert_eq(cs_owner_db_certificates(db), 10217, "distinct certificates in the year files");
    for (size_t f = 0; f < 3; f++) {
        free(texts[f]);
    }
    free(x);
    cs_owner_db_free(db);
}

Test(owners, columns_status_and_ambiguity, .init = tmp_setup, .fini = tmp_teardown) {
    cert a = load_cert("Amazon_Root_CA_3");
    cert b = load_cert("ISRG_Root_X2");
    text t = {0};
    char row[8192];
    /* V5-like report: status columns, flags; a later file overrides non-empty values. */
    put(&t, "\"CA Owner\",\"SHA-256 Fingerprint\",\"Subordinate CA Owner\",\"Mozilla Status\","
            "\"Microsoft Status\",\"Technically Constrained\",\"S/MIME Capable\"\n");
    snprintf(row, sizeof row,
             "\"Amazon \"\"Trust\"\"\",\"%s\",\"\",\"Included\",\"Included\",\"False\",\"True\"\n",
             a.hex);
    put(&t, row);
    snprintf(row, sizeof row, "\"ISRG\",\"%s\",\"Sub\",\"\",\"\",\"\",\"\"\n", b.hex);
    put(&t, row);
    put(&t, "\"Nobody\",\"not a fingerprint\",\"\",\"\",\"\",\"\",\"\"\n");
    char dir[256];
    snprintf(dir, sizeof dir, "%s", write_tmp("v5.csv", t.p, t.len));
    char pem_report[16384];
    snprintf(pem_report, sizeof pem_report,
             "SHA-256 Fingerprint,X.509 Certificate (PEM)\n%s,\"%s\"\n%s,\"%s\"\n", a.hex, a.pem,
             b.hex, b.pem);
    char pems[256];
    snprintf(pems, sizeof pems, "%s", write_tmp("pems.csv", pem_report, strlen(pem_report)));
    const char *paths[] = {dir, pems};
    char *errbuf = NULL;
    size_t errlen = 0;
    FILE *err = open_memstream(&errbuf, &errlen);
    cs_owner_db *db = cs_owner_db_load(paths, 2, err);
    fclose(err);
    cr_assert_not_null(db);
    cr_assert_not_null(strstr(errbuf, "1 of 3 rows not used"), "%s", errbuf);
    cr_assert_not_null(strstr(errbuf, "line 4"), "%s", errbuf);
    free(errbuf);
    cr_assert_eq(cs_owner_db_count(db), 2);
    uint8_t md[32];
    SHA256(a.der, a.der_len, md);
    const cs_owner_info *i = cs_owner_db_by_fingerprint(db, md);
    cr_assert_not_null(i);
    cr_assert_str_eq(i->ca_owner, "Amazon \"Trust\"");
    cr_assert_null(i->subordinate_ca_owner);
    cr_assert_str_eq(i->store_status, "Mozilla: Included; Microsoft: Included");
    cr_assert_eq(i->technically_constrained, 0);
    cr_assert_eq(i->smime_capable, 1);
    SHA256(b.der, b.der_len, md);
    i = cs_owner_db_by_fingerprint(db, md);
    cr_assert_str_eq(i->subordinate_ca_owner, "Sub");
    cr_assert_null(i->store_status);
    cr_assert_eq(i->technically_constrained, -1);
    /* Through the issuer: a root's issuer is itself; with and without the key identifier. */
    cs_x509 *x = malloc(sizeof *x);
    cs_der_error derr = {.base = b.der};
    cr_assert(cs_x509_parse(x, b.der, b.der_len, &derr));
    i = cs_owner_db_by_issuer(db, x->issuer.raw.ptr, x->issuer.raw.len, NULL, 0);
    cr_assert_not_null(i);
    cr_assert_str_eq(i->ca_owner, "ISRG");
    cr_assert_null(
        cs_owner_db_by_issuer(db, x->issuer.raw.ptr, x->issuer.raw.len, (const uint8_t *)"nope", 4),
        "a key identifier that is no CA's");
    free(x);
    cs_owner_db_free(db);
    /* A file that is not a report fails the load with a message. */
    const char *bad[] = {FIXTURE("lines.b64")};
    errbuf = NULL;
    err = open_memstream(&errbuf, &errlen);
    cr_assert_null(cs_owner_db_load(bad, 1, err));
    fclose(err);
    cr_assert_not_null(strstr(errbuf, "not a CCADB report"), "%s", errbuf);
    free(errbuf);
    free(t.p);
    free_cert(&a);
    free_cert(&b);
}

/* ---- end to end ---- */

static char *run_cmd(const char *cmd, int *status) {
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    size_t cap = 1 << 20, len = 0, n;
    char *out = malloc(cap);
    while ((n = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 4096) {
            cap *= 2;
            out = realloc(out, cap);
        }
    }
    out[len] = '\0';
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

static unsigned long long json_number(const char *s, const char *key) {
    const char *p = strstr(s, key);
    cr_assert_not_null(p, "no %s in %s", key, s);
    return strtoull(p + strlen(key), NULL, 10);
}

Test(cli_ccadb, scan_reports_owners_and_lint_names_them) {
    int st;
    char *out = run_cmd(CERTSCAN " scan -q --format json " SRC "/corpora/ccadb --ccadb " SRC
                                 "/corpora/ccadb/owners " SRC "/corpora/ccadb",
                        &st);
    cr_assert_eq(st, 0, "%s", out);
    cr_assert_eq(json_number(out, "\"entries\":"), 10229);
    cr_assert_eq(json_number(out, "\"parsed\":"), 10229);
    /* The owner reports under corpora/ccadb/owners are records, not certificates. */
    cr_assert_eq(json_number(out, "\"skipped_pem_blocks\":"), 6714 + 2718 + 2584);
    unsigned long long fp = json_number(out, "\"by_fingerprint\":");
    unsigned long long issuer = json_number(out, "\"by_issuer\":");
    unsigned long long none = json_number(out, "\"none\":");
    cr_assert_eq(json_number(out, "\"ca_owners\":{\"records\":"), 8360);
    cr_assert_eq(fp + issuer + none, 10229);
    cr_assert_gt(fp, 8000);
    cr_assert_gt(issuer, 0);
    free(out);
    out = run_cmd(CERTSCAN " scan -q -j 2 --format json " SRC "/corpora/ccadb --ccadb " SRC
                           "/corpora/ccadb/owners " SRC "/corpora/ccadb",
                  &st);
    cr_assert_eq(json_number(out, "\"by_fingerprint\":"), fp, "the same with two workers");
    cr_assert_eq(json_number(out, "\"by_issuer\":"), issuer);
    free(out);
    /* lint: the Amazon root's line names its owner. */
    out = run_cmd(CERTSCAN " lint -q --format json " SRC
                           "/corpora/ccadb/AllCertificatePEMsCSVFormat_NotBeforeYear_2015.csv"
                           " --ccadb " SRC "/corpora/ccadb/owners " SRC "/corpora/ccadb | grep -c "
                           "'\"ca_owner\":\"Amazon Trust Services\"'",
                  &st);
    cr_assert_gt(strtoul(out, NULL, 10), 0, "%s", out);
    free(out);
    out = run_cmd(CERTSCAN " scan --ccadb 2>&1", &st);
    cr_assert_eq(st, 2);
    free(out);
    out = run_cmd(CERTSCAN " scan " SRC "/corpora/roots --ccadb " SRC
                           "/tests/data/input/lines.b64 2>&1",
                  &st);
    cr_assert_eq(st, 2, "an unusable --ccadb file is a usage error");
    cr_assert_not_null(strstr(out, "not a CCADB report"), "%s", out);
    free(out);
}

Test(cli_ccadb, input_format_names) {
    cs_input_format f;
    cr_assert(cs_input_format_parse("ccadb", &f));
    cr_assert_eq(f, CS_INPUT_CCADB);
    cr_assert(cs_input_format_parse("csv", &f));
    cr_assert_eq(f, CS_INPUT_CCADB);
    cr_assert(cs_input_format_parse("ldif", &f));
    cr_assert_eq(f, CS_INPUT_LDIF);
    cr_assert_str_eq(cs_entry_status_name(CS_ENTRY_CSV_QUOTING), "input.csv_quoting");
    cr_assert_str_eq(cs_entry_status_name(CS_ENTRY_FINGERPRINT), "input.fingerprint_mismatch");
}
