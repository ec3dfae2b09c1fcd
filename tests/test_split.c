/* One large file read by several readers (io/split.c, scanner/split.c): cuts fall only where
 * framing is between entries, the ranges cover the file, and a scan with 4 readers cutting a big
 * PEM or base64-lines file into ranges of a few KiB delivers exactly what one reader delivers
 * (entries, numbers, offsets, lines, details, lint text, scan report). DER and gzip files are
 * never cut. Built with -DCS_TSAN=ON, the parallel runs are the parking and renumbering's
 * data-race check. */
#include <criterion/criterion.h>

#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "io/buf.h"
#include "io/input.h"
#include "io/split.h"
#include "scanner/engine.h"
#include "scanner/scan.h"
#include "scanner/split.h"

#include "tests/support/shell.h"

#define SRC      CS_SOURCE_DIR
#define CERTSCAN CS_CERTSCAN_BIN
#define INPUT    SRC "/tests/data/input/"

/* ---- test files ---- */

static void append_file(cs_buf *b, const char *path) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        cs_buf_put(b, buf, n);
    }
    fclose(f);
}

static char g_dir[] = "/tmp/cs_split_XXXXXX";

static const char *write_file(const char *name, const cs_buf *b, char *path, size_t len) {
    snprintf(path, len, "%s/%s", g_dir, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s", path);
    cr_assert_eq(fwrite(b->p, 1, b->len, f), b->len);
    fclose(f);
    return path;
}

/* A PEM bundle of about 700 KB: every root certificate three times, with the awkward cases
 * between them (bad base64, RFC 1421 headers, CRLF, TRUSTED CERTIFICATE, a key, an
 * unterminated block, text), so that cuts land next to each of them. */
static void make_pem(cs_buf *b) {
    static const char *const extras[] = {"bad_base64.pem", "headers.pem", "crlf.pem", "trusted.pem",
                                         "unterminated.pem"};
    cs_buf_init(b);
    for (int round = 0; round < 3; round++) {
        FILE *ls = popen("ls " SRC "/corpora/roots/*.crt", "r");
        cr_assert_not_null(ls);
        char path[1024];
        int k = 0;
        while (fgets(path, sizeof path, ls) != NULL) {
            path[strcspn(path, "\n")] = '\0';
            append_file(b, path);
            if (++k % 37 == round) {
                char extra[1024];
                snprintf(extra, sizeof extra, INPUT "%s", extras[(k / 37 + round) % 5]);
                append_file(b, extra);
                cs_buf_puts(b, "text between blocks\n-----BEGIN PRIVATE KEY-----\nAAAA\n"
                               "-----END PRIVATE KEY-----\n");
            }
        }
        pclose(ls);
    }
}

/* base64 lines: every certificate of lines.b64 many times, with blank, padded and bad lines. */
static void make_b64(cs_buf *b) {
    cs_buf_init(b);
    for (int i = 0; i < 60; i++) {
        append_file(b, INPUT "lines.b64");
        cs_buf_puts(b, i % 3 == 0 ? "   \n" : i % 3 == 1 ? "!!not base64\n" : "\r\n");
    }
}

/* ---- cuts ---- */

static cs_buf g_pem, g_b64;
static char g_pem_path[512], g_b64_path[512];

static void setup(void) {
    strcpy(g_dir, "/tmp/cs_split_XXXXXX");
    cr_assert_not_null(mkdtemp(g_dir));
    make_pem(&g_pem);
    make_b64(&g_b64);
    write_file("big.pem", &g_pem, g_pem_path, sizeof g_pem_path);
    write_file("big.b64", &g_b64, g_b64_path, sizeof g_b64_path);
}

static void teardown(void) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s", g_dir);
    cr_assert_eq(system(cmd), 0);
    cs_buf_free(&g_pem);
    cs_buf_free(&g_b64);
}

Test(split, cuts_only_at_line_starts_and_begin_markers, .init = setup, .fini = teardown,
     .timeout = 600) {
    const uint8_t *p = (const uint8_t *)g_pem.p;
    int fd = open(g_pem_path, O_RDONLY);
    cr_assert_geq(fd, 0);
    size_t cuts = 0;
    for (uint64_t from = 0; from < g_pem.len; from += 4093) {
        uint64_t cut = cs_split_boundary(fd, CS_INPUT_PEM, from, g_pem.len);
        cr_assert_eq(cut, cs_split_boundary_mem(p, g_pem.len, CS_INPUT_PEM, from, g_pem.len));
        if (cut == g_pem.len) {
            continue;
        }
        cuts++;
        cr_assert_geq(cut, from);
        cr_assert_eq(p[cut - 1], '\n', "cut at %llu", (unsigned long long)cut);
        cr_assert_eq(memcmp(p + cut, "-----BEGIN ", 11), 0, "cut at %llu", (unsigned long long)cut);
        /* The first such marker at or after `from`. */
        for (uint64_t i = from > 0 ? from : 1; i < cut; i++) {
            cr_assert(!(p[i - 1] == '\n' && memcmp(p + i, "-----BEGIN ", 11) == 0),
                      "missed a cut at %llu", (unsigned long long)i);
        }
    }
    cr_assert_gt(cuts, 100);
    close(fd);
    /* base64 lines: any line start; none inside the last line. */
    const uint8_t *q = (const uint8_t *)g_b64.p;
    for (uint64_t from = 1; from < g_b64.len; from += 511) {
        uint64_t cut = cs_split_boundary_mem(q, g_b64.len, CS_INPUT_BASE64_LINES, from, g_b64.len);
        if (cut < g_b64.len) {
            cr_assert_eq(q[cut - 1], '\n');
            cr_assert(memchr(q + from - 1, '\n', cut - from) == NULL, "missed a line start");
        }
    }
}

typedef struct ranges {
    cs_scan_file *r[4096];
    size_t n;
} ranges;

static int collect_range(void *ctx, cs_scan_file *f) {
    ranges *rs = ctx;
    cr_assert_lt(rs->n, 4096);
    rs->r[rs->n++] = f;
    return 1;
}

static void plan(const char *path, uint64_t split_size, ranges *rs, int *split) {
    cs_scan_options opt = {0};
    cs_input_config_default(&opt.input);
    int stopped = 1;
    rs->n = 0;
    *split = cs_split_file(path, 7, &opt, split_size, collect_range, rs, &stopped);
    cr_assert_not(stopped);
}

Test(split, ranges_cover_the_file_in_order, .init = setup, .fini = teardown, .timeout = 600) {
    const char *paths[] = {g_pem_path, g_b64_path};
    size_t sizes[] = {g_pem.len, g_b64.len};
    for (int k = 0; k < 2; k++) {
        ranges rs;
        int split;
        plan(paths[k], 4096, &rs, &split);
        cr_assert(split, "%s was not split", paths[k]);
        cr_assert_gt(rs.n, 10, "%s: %zu ranges", paths[k], rs.n);
        uint64_t at = 0;
        for (size_t i = 0; i < rs.n; i++) {
            cs_scan_file *f = rs.r[i];
            cr_assert_eq(f->no, 7);
            cr_assert_str_eq(f->path, paths[k]);
            cr_assert_eq(f->range, i);
            cr_assert_eq(f->start, at, "range %zu", i);
            cr_assert_gt(f->length, 0);
            cr_assert_eq(f->last_range, i + 1 == rs.n);
            at += f->length;
            cs_scan_file_unref(f);
        }
        cr_assert_eq(at, sizes[k]);
        /* Below the threshold: whole. */
        plan(paths[k], sizes[k] + 1, &rs, &split);
        cr_assert_not(split);
        cr_assert_eq(rs.n, 0);
    }
}

Test(split, der_and_gzip_are_never_cut, .init = setup, .fini = teardown, .timeout = 600) {
    char path[512];
    /* DER: the certificates of concat.der many times. */
    cs_buf der;
    cs_buf_init(&der);
    for (int i = 0; i < 200; i++) {
        append_file(&der, INPUT "concat.der");
    }
    write_file("big.der", &der, path, sizeof path);
    ranges rs;
    int split;
    plan(path, 4096, &rs, &split);
    cr_assert_not(split, "DER has no safe cut");
    cs_buf_free(&der);
    /* gzip of the PEM bundle. */
    snprintf(path, sizeof path, "%s/big.pem.gz", g_dir);
    gzFile gz = gzopen(path, "wb1");
    cr_assert_not_null(gz);
    cr_assert_eq(gzwrite(gz, g_pem.p, (unsigned)g_pem.len), (int)g_pem.len);
    gzclose(gz);
    plan(path, 4096, &rs, &split);
    cr_assert_not(split, "gzip is inflated from its start");
}

/* ---- the scan ---- */

typedef struct collected {
    cs_buf lines; /* one line per entry, every field a user sees */
    cs_buf text;  /* on_batch text, in delivery order */
} collected;

/* > 0: on_batch fails on that call, counted over all workers (a scan that runs out of memory). */
static atomic_int g_fail_after;

static int on_batch(void *state, const cs_scan_batch *b, cs_buf *out) {
    int fail_after = atomic_load(&g_fail_after);
    if (fail_after > 0 && atomic_fetch_sub(&g_fail_after, 1) == 1) {
        return 0;
    }
    for (unsigned i = 0; i < b->n; i++) {
        const cs_scan_entry *e = b->item[i].entry;
        /* What a worker sees is what it renders (lint lines, report examples). */
        cs_buf_printf(out, "%s#%llu line %llu: %s\n", e->input, (unsigned long long)e->index,
                      (unsigned long long)e->line, e->entry_detail ? e->entry_detail : "");
    }
    return 1;
}

static void on_ordered(void *ctx, const cs_scan_entry *entries, unsigned n, const cs_buf *text) {
    collected *c = ctx;
    cs_buf_put(&c->text, text->p, text->len);
    for (unsigned i = 0; i < n; i++) {
        const cs_scan_entry *e = &entries[i];
        cs_buf_printf(&c->lines, "%s %llu #%llu @%llu line %llu %d %d %d %016llx%016llx %s\n",
                      e->input, (unsigned long long)e->input_no, (unsigned long long)e->index,
                      (unsigned long long)e->offset, (unsigned long long)e->line,
                      (int)e->entry_status, e->parsed, (int)e->parse_error.status,
                      (unsigned long long)e->id.high64, (unsigned long long)e->id.low64,
                      e->entry_detail ? e->entry_detail : "");
    }
}

static int scan_status(const char *const *paths, size_t n, unsigned jobs, unsigned readers,
                       uint64_t split_size, size_t read_size, collected *c, cs_scan_totals *t,
                       char *err, size_t errlen) {
    cs_ruleset_options o = {0};
    cs_ruleset *rs = cs_ruleset_new(&o, err, errlen);
    cr_assert_not_null(rs, "%s", err);
    cs_buf_init(&c->lines);
    cs_buf_init(&c->text);
    cs_scan_options opt = {.rules = rs,
                           .jobs = jobs,
                           .readers = readers,
                           .split_size = split_size,
                           .on_batch = on_batch,
                           .on_ordered = on_ordered,
                           .ctx = c};
    cs_input_config_default(&opt.input);
    if (read_size != 0) {
        opt.input.read_size = read_size;
    }
    int ok = cs_scan_paths(paths, n, &opt, t, err, errlen);
    cs_ruleset_free(rs);
    return ok;
}

static void scan(const char *const *paths, size_t n, unsigned jobs, unsigned readers,
                 uint64_t split_size, size_t read_size, collected *c, cs_scan_totals *t) {
    char err[256];
    cr_assert(scan_status(paths, n, jobs, readers, split_size, read_size, c, t, err, sizeof err),
              "%s", err);
}

static void same(const collected *a, const cs_scan_totals *ta, const collected *b,
                 const cs_scan_totals *tb, const char *what) {
    cr_assert_eq(a->lines.len, b->lines.len, "%s: entries differ", what);
    cr_assert_arr_eq(a->lines.p, b->lines.p, a->lines.len, "%s: entries differ", what);
    cr_assert_eq(a->text.len, b->text.len, "%s: text differs", what);
    cr_assert_arr_eq(a->text.p, b->text.p, a->text.len, "%s: text differs", what);
    cr_assert(ta->inputs == tb->inputs && ta->entries == tb->entries && ta->parsed == tb->parsed &&
                  ta->rejected == tb->rejected && ta->skipped_blocks == tb->skipped_blocks &&
                  ta->bytes == tb->bytes,
              "%s: totals differ", what);
}

static void collected_free(collected *c) {
    cs_buf_free(&c->lines);
    cs_buf_free(&c->text);
}

Test(split, four_readers_deliver_what_one_reader_delivers, .init = setup, .fini = teardown,
     .timeout = 600) {
    /* The big files between two small ones, so that ranges and whole inputs interleave. */
    const char *paths[] = {INPUT "ISRG_Root_X1.crt", g_pem_path, INPUT "lines.b64", g_b64_path,
                           INPUT "concat.der"};
    collected one, many;
    cs_scan_totals t1, tn;
    scan(paths, 5, 2, 1, 0, 0, &one, &t1);
    cr_assert_gt(t1.entries, 600);
    cr_assert_gt(t1.rejected, 10);
    cr_assert_gt(t1.skipped_blocks, 5);
    /* Ranges of 4 KiB (two or three certificates), and of 64 KiB; reads of 1 MiB and 333 B. */
    struct {
        unsigned jobs, readers;
        uint64_t split;
        size_t read;
    } setups[] = {{4, 4, 4096, 0}, {2, 2, 4096, 333}, {3, 3, 65536, 0}, {8, 4, 1000, 4096}};
    for (size_t k = 0; k < sizeof setups / sizeof setups[0]; k++) {
        scan(paths, 5, setups[k].jobs, setups[k].readers, setups[k].split, setups[k].read, &many,
             &tn);
        char what[128];
        snprintf(what, sizeof what, "-j %u, %u readers, split at %llu, reads of %zu",
                 setups[k].jobs, setups[k].readers, (unsigned long long)setups[k].split,
                 setups[k].read);
        same(&one, &t1, &many, &tn, what);
        collected_free(&many);
    }
    collected_free(&one);
}

Test(split, a_failing_scan_stops_without_hanging, .init = setup, .fini = teardown, .timeout = 300) {
    /* Fails early (readers parked, waiting for ranges before theirs) and late. */
    const char *paths[] = {g_pem_path, g_b64_path};
    for (int after = 1; after <= 9; after += 4) {
        atomic_store(&g_fail_after, after);
        collected c;
        cs_scan_totals t;
        char err[256] = "";
        cr_assert_not(scan_status(paths, 2, 4, 4, 4096, 0, &c, &t, err, sizeof err));
        cr_assert_str_eq(err, "out of memory");
        collected_free(&c);
    }
    atomic_store(&g_fail_after, 0);
}

/* Ranges of 1 MiB hold 500 to 1,000 certificates, more than a reader's chunks at -j 2: readers
 * park chunks, run out, wait for the range before, then renumber and hand on what they parked. */
Test(split, ranges_longer_than_a_readers_chunks, .init = setup, .fini = teardown, .timeout = 600) {
    cs_buf pem, b64;
    cs_buf_init(&pem);
    cs_buf_init(&b64);
    for (int i = 0; i < 5; i++) {
        cs_buf_put(&pem, g_pem.p, g_pem.len);
    }
    for (int i = 0; i < 20; i++) {
        cs_buf_put(&b64, g_b64.p, g_b64.len);
    }
    char pem_path[512], b64_path[512];
    const char *paths[] = {write_file("large.pem", &pem, pem_path, sizeof pem_path),
                           write_file("large.b64", &b64, b64_path, sizeof b64_path)};
    cr_assert_gt(pem.len, 3 << 20);
    cr_assert_gt(b64.len, 3 << 20);
    collected one, many;
    cs_scan_totals t1, tn;
    scan(paths, 2, 2, 1, 0, 0, &one, &t1);
    const unsigned setups[][2] = {{2, 2}, {4, 4}, {3, 2}};
    for (size_t k = 0; k < sizeof setups / sizeof setups[0]; k++) {
        scan(paths, 2, setups[k][0], setups[k][1], (uint64_t)1 << 20, 0, &many, &tn);
        char what[64];
        snprintf(what, sizeof what, "-j %u, %u readers, 1 MiB ranges", setups[k][0], setups[k][1]);
        same(&one, &t1, &many, &tn, what);
        collected_free(&many);
    }
    collected_free(&one);
    cs_buf_free(&pem);
    cs_buf_free(&b64);
}

/* ---- the command line: lint lines and the scan report ---- */

/* The output of a run that went through: exit 0, 1 (findings at or above --fail-on) or 3 (some
 * entries rejected), never a usage error or a crash; the status goes to *status. */
static char *run_capture(const char *cmd, size_t *out_len, int *status) {
    tsh_output r = tsh_capture(cmd);
    cr_assert(r.status == 0 || r.status == 1 || r.status == 3, "%s exited with %d", cmd, r.status);
    *status = r.status;
    *out_len = r.len;
    return r.out;
}

static void same_output(const char *args) {
    char cmd[2048];
    size_t n1 = 0, n4 = 0;
    int st1, st4;
    snprintf(cmd, sizeof cmd, "%s %s -j 2 --readers 1 2>&1", CERTSCAN, args);
    char *one = run_capture(cmd, &n1, &st1);
    snprintf(cmd, sizeof cmd, "%s %s -j 4 --readers 4 --split-size 4096 2>&1", CERTSCAN, args);
    char *four = run_capture(cmd, &n4, &st4);
    cr_assert_eq(st1, st4, "%s: exit %d with 1 reader, %d with 4", args, st1, st4);
    cr_assert_gt(n1, 1000, "%s: no output", args);
    cr_assert_eq(n1, n4, "%s: %zu bytes with 1 reader, %zu with 4", args, n1, n4);
    cr_assert_arr_eq(one, four, n1, "%s: 1 and 4 readers differ", args);
    free(one);
    free(four);
}

Test(split, cli_lint_and_report_identical_with_one_and_four_readers, .init = setup,
     .fini = teardown, .timeout = 600) {
    char args[1536];
    const char *commands[] = {"lint", "lint --format json", "scan --format json", "scan -v"};
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        snprintf(args, sizeof args, "%s %s %s", commands[k], g_pem_path, g_b64_path);
        same_output(args);
    }
}
