/* The multi-core scan (scanner/pipeline.c, scanner/scan.c): whatever the number of workers,
 * readers and the read size, the same entries come out, in input order, each exactly once and
 * accounted for as parsed or rejected; a scan that fails stops without hanging; and the certscan
 * command prints byte-identical reports for -j 1 and -j 4. Built with -DCS_TSAN=ON, these runs
 * are the pipeline's data-race check. */
#include <criterion/criterion.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xxhash.h>

#include "io/input.h"
#include "scanner/engine.h"
#include "scanner/progress.h"
#include "scanner/scan.h"

#include "tests/support/shell.h"

#define SRC      CS_SOURCE_DIR
#define CERTSCAN CS_CERTSCAN_BIN

/* ---- collecting what a scan delivers ---- */

typedef struct rec {
    char input[512];
    uint64_t input_no, index, offset, line;
    cs_entry_status status;
    int parsed;
    cs_der_status der_status;
    int has_der;
    XXH128_hash_t id;
    char detail[320];
} rec;

typedef struct collected {
    rec *r;
    size_t n, cap;
    cs_buf text;   /* on_batch text, in the order on_ordered got it */
    cs_buf events; /* "E path: message" for errors, "I n" per input's first entry */
    uint64_t last_input;
    int any;
} collected;

/* Per worker: counts, and a line per entry into the batch's text. */
typedef struct worker_state {
    uint64_t entries;
    uint64_t batches;
    int fail_after; /* > 0: on_batch fails on that call (a scan that runs out of memory) */
} worker_state;

static int on_batch(void *state, const cs_scan_batch *b, cs_buf *out) {
    worker_state *w = state;
    w->batches++;
    if (w->fail_after > 0 && (int)w->batches == w->fail_after) {
        return 0;
    }
    for (unsigned i = 0; i < b->n; i++) {
        const cs_scan_entry *e = b->item[i].entry;
        unsigned hits = 0;
        for (size_t r = 0; b->fail != NULL && r < 410 && e->parsed; r++) {
            hits += (unsigned)((b->fail[r] >> i) & 1);
        }
        cs_buf_printf(out, "%s#%llu %d %u\n", e->input, (unsigned long long)e->index, e->parsed,
                      hits);
        w->entries++;
    }
    return 1;
}

static void on_ordered(void *ctx, const cs_scan_entry *entries, unsigned n, const cs_buf *text) {
    collected *c = ctx;
    cs_buf_put(&c->text, text->p, text->len);
    for (unsigned i = 0; i < n; i++) {
        const cs_scan_entry *e = &entries[i];
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 1024;
            c->r = realloc(c->r, c->cap * sizeof *c->r);
            cr_assert_not_null(c->r);
        }
        rec *r = &c->r[c->n++];
        memset(r, 0, sizeof *r);
        snprintf(r->input, sizeof r->input, "%s", e->input);
        r->input_no = e->input_no;
        r->index = e->index;
        r->offset = e->offset;
        r->line = e->line;
        r->status = e->entry_status;
        r->parsed = e->parsed;
        r->der_status = e->parse_error.status;
        r->has_der = e->has_der;
        r->id = e->id;
        snprintf(r->detail, sizeof r->detail, "%s", e->entry_detail ? e->entry_detail : "");
        if (!c->any || e->input_no != c->last_input) {
            cs_buf_printf(&c->events, "I %llu\n", (unsigned long long)e->input_no);
        }
        c->any = 1;
        c->last_input = e->input_no;
    }
}

static void on_error(void *ctx, const char *path, const char *message) {
    collected *c = ctx;
    cs_buf_printf(&c->events, "E %s: %s\n", path, message);
}

typedef struct scan_setup {
    unsigned jobs;
    unsigned readers;
    size_t read_size;
    int fail_after;
} scan_setup;

static cs_ruleset *rules(void) {
    cs_ruleset_options o = {0};
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(&o, err, sizeof err);
    cr_assert_not_null(rs, "%s", err);
    return rs;
}

/* Runs a scan; returns cs_scan_paths' result, with what it delivered in *c. */
static int scan(const char *const *paths, size_t n, const cs_ruleset *rs, scan_setup s,
                collected *c, cs_scan_totals *t, char *err, size_t errlen) {
    memset(c, 0, sizeof *c);
    cs_buf_init(&c->text);
    cs_buf_init(&c->events);
    worker_state *ws = calloc(s.jobs, sizeof *ws);
    void **state = calloc(s.jobs, sizeof *state);
    for (unsigned i = 0; i < s.jobs; i++) {
        ws[i].fail_after = s.fail_after;
        state[i] = &ws[i];
    }
    cs_scan_options opt = {
        .rules = rs,
        .jobs = s.jobs,
        .readers = s.readers,
        .worker_state = state,
        .on_batch = on_batch,
        .on_ordered = on_ordered,
        .on_error = on_error,
        .ctx = c,
    };
    cs_input_config_default(&opt.input);
    if (s.read_size != 0) {
        opt.input.read_size = s.read_size;
    }
    int ok = cs_scan_paths(paths, n, &opt, t, err, errlen);
    if (ok) {
        uint64_t by_workers = 0;
        for (unsigned i = 0; i < s.jobs; i++) {
            by_workers += ws[i].entries;
        }
        cr_assert_eq(by_workers, t->entries, "workers saw %llu entries, the writer %llu",
                     (unsigned long long)by_workers, (unsigned long long)t->entries);
    }
    free(state);
    free(ws);
    return ok;
}

static void collected_free(collected *c) {
    free(c->r);
    cs_buf_free(&c->text);
    cs_buf_free(&c->events);
}

static void same_scan(const collected *a, const cs_scan_totals *ta, const collected *b,
                      const cs_scan_totals *tb, const char *what) {
    cr_assert_eq(a->n, b->n, "%s: %zu entries vs %zu", what, a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        const rec *x = &a->r[i], *y = &b->r[i];
        cr_assert_str_eq(x->input, y->input, "%s: entry %zu", what, i);
        cr_assert(x->input_no == y->input_no && x->index == y->index && x->offset == y->offset &&
                      x->line == y->line,
                  "%s: entry %zu position", what, i);
        cr_assert(x->status == y->status && x->parsed == y->parsed &&
                      x->der_status == y->der_status && x->has_der == y->has_der,
                  "%s: entry %zu outcome", what, i);
        cr_assert(x->id.low64 == y->id.low64 && x->id.high64 == y->id.high64, "%s: entry %zu id",
                  what, i);
        cr_assert_str_eq(x->detail, y->detail, "%s: entry %zu detail", what, i);
    }
    cr_assert_eq(a->text.len, b->text.len, "%s: text length", what);
    cr_assert_arr_eq(a->text.p, b->text.p, a->text.len, "%s: text", what);
    cr_assert_eq(a->events.len, b->events.len, "%s: events\n%.*s\nvs\n%.*s", what,
                 (int)a->events.len, a->events.p, (int)b->events.len, b->events.p);
    cr_assert_arr_eq(a->events.p, b->events.p, a->events.len, "%s: events", what);
    cr_assert(ta->inputs == tb->inputs && ta->input_errors == tb->input_errors &&
                  ta->entries == tb->entries && ta->parsed == tb->parsed &&
                  ta->rejected == tb->rejected && ta->skipped_blocks == tb->skipped_blocks &&
                  ta->bytes == tb->bytes,
              "%s: totals", what);
}

/* ---- determinism and order ---- */

static const char *const mixed_inputs[] = {
    SRC "/corpora/roots",
    SRC "/tests/data/input",
    "/nonexistent/certscan-test-input",
    SRC "/corpora/zlint/testdata/smime",
    SRC "/corpora/ccadb/AllCertificatePEMsCSVFormat_NotBeforeYear_2005.csv",
};
#define NUM_MIXED (sizeof mixed_inputs / sizeof mixed_inputs[0])

Test(pipeline, same_entries_and_text_for_any_threads_and_reads, .timeout = 600) {
    cs_ruleset *rs = rules();
    char err[256];
    collected base;
    cs_scan_totals tb;
    cr_assert(
        scan(mixed_inputs, NUM_MIXED, rs, (scan_setup){.jobs = 1}, &base, &tb, err, sizeof err),
        "%s", err);
    cr_assert_gt(tb.entries, 400);
    cr_assert_eq(tb.input_errors, 1);
    static const scan_setup setups[] = {
        {.jobs = 2, .readers = 1},
        {.jobs = 4, .readers = 3},
        {.jobs = 3, .readers = 2, .read_size = 97},
        {.jobs = 16, .readers = 5, .read_size = 4099},
    };
    for (size_t k = 0; k < sizeof setups / sizeof setups[0]; k++) {
        collected c;
        cs_scan_totals t;
        char what[64];
        snprintf(what, sizeof what, "-j %u, %u readers, reads of %zu", setups[k].jobs,
                 setups[k].readers, setups[k].read_size);
        cr_assert(scan(mixed_inputs, NUM_MIXED, rs, setups[k], &c, &t, err, sizeof err), "%s: %s",
                  what, err);
        same_scan(&base, &tb, &c, &t, what);
        collected_free(&c);
    }
    collected_free(&base);
    cs_ruleset_free(rs);
}

Test(pipeline, entries_come_in_input_order, .timeout = 300) {
    cs_ruleset *rs = rules();
    char err[256];
    collected c;
    cs_scan_totals t;
    cr_assert(scan(mixed_inputs, NUM_MIXED, rs, (scan_setup){.jobs = 4, .readers = 3}, &c, &t, err,
                   sizeof err),
              "%s", err);
    for (size_t i = 1; i < c.n; i++) {
        const rec *a = &c.r[i - 1], *b = &c.r[i];
        if (a->input_no == b->input_no) {
            cr_assert_eq(b->index, a->index + 1, "entry %zu: index %llu after %llu", i,
                         (unsigned long long)b->index, (unsigned long long)a->index);
            cr_assert_str_eq(a->input, b->input);
        } else {
            cr_assert_gt(b->input_no, a->input_no, "entry %zu: input %llu after %llu", i,
                         (unsigned long long)b->input_no, (unsigned long long)a->input_no);
            cr_assert_eq(b->index, 0);
        }
    }
    /* The unreadable input is reported between the inputs around it. */
    const char *events = c.events.p;
    const char *err_at = strstr(events, "E /nonexistent/certscan-test-input:");
    cr_assert_not_null(err_at, "%.*s", (int)c.events.len, events);
    collected_free(&c);
    cs_ruleset_free(rs);
}

/* ---- reconciliation against a one-thread oracle ---- */

typedef struct oracle {
    collected *c;
    size_t at;
    uint64_t parsed, rejected;
    cs_x509 *x;
} oracle;

/* Reads each input with cs_input_next and parses it, independently of the pipeline, and checks
 * entry by entry what the pipeline delivered. */
static int oracle_file(void *ctx, const char *path) {
    oracle *o = ctx;
    char err[256];
    cs_input *in = cs_input_open(path, CS_INPUT_AUTO, err, sizeof err);
    cr_assert_not_null(in, "%s", err);
    cs_entry e;
    while (cs_input_next(in, &e)) {
        cr_assert_lt(o->at, o->c->n, "the pipeline delivered fewer entries than %s holds", path);
        const rec *r = &o->c->r[o->at++];
        cr_assert_str_eq(r->input, path);
        cr_assert_eq(r->index, e.index);
        cr_assert_eq(r->offset, e.offset);
        cr_assert_eq(r->status, e.status, "%s#%llu", path, (unsigned long long)e.index);
        int parsed = 0;
        if (e.status == CS_ENTRY_OK) {
            cs_der_error derr = {0};
            parsed = cs_x509_parse(o->x, e.der, e.der_len, &derr);
            cr_assert_eq(r->der_status, derr.status);
            XXH128_hash_t id = XXH3_128bits(e.der, e.der_len);
            cr_assert(r->has_der && r->id.low64 == id.low64 && r->id.high64 == id.high64,
                      "%s#%llu: the id is XXH3-128 of the DER", path, (unsigned long long)e.index);
        } else {
            cr_assert_not(r->has_der);
            cr_assert(r->id.low64 == 0 && r->id.high64 == 0);
            cr_assert_str_eq(r->detail, e.detail);
        }
        cr_assert_eq(r->parsed, parsed, "%s#%llu", path, (unsigned long long)e.index);
        if (parsed) {
            o->parsed++;
        } else {
            o->rejected++;
        }
    }
    cs_input_close(in);
    return 1;
}

Test(pipeline, every_entry_read_is_parsed_or_rejected, .timeout = 300) {
    cs_ruleset *rs = rules();
    /* Inputs with bad records of every kind: bad base64, unterminated and empty PEM, truncated
     * and stray DER, unrecognised content, and certificates that do not parse. */
    const char *paths[] = {SRC "/tests/data/input", SRC "/corpora/zlint/testdata"};
    char err[256];
    collected c;
    cs_scan_totals t;
    cr_assert(scan(paths, 2, rs, (scan_setup){.jobs = 4, .readers = 2}, &c, &t, err, sizeof err),
              "%s", err);
    cr_assert_eq(t.entries, t.parsed + t.rejected, "read = parsed + rejected");
    cr_assert_eq(t.entries, c.n, "every entry delivered once");
    cr_assert_gt(t.rejected, 10);
    oracle o = {.c = &c, .x = malloc(sizeof(cs_x509))};
    cs_input_walk(paths, 2, oracle_file, NULL, &o);
    cr_assert_eq(o.at, c.n, "the pipeline delivered entries the inputs do not hold");
    cr_assert_eq(o.parsed, t.parsed);
    cr_assert_eq(o.rejected, t.rejected);
    free(o.x);
    collected_free(&c);
    cs_ruleset_free(rs);
}

Test(pipeline, an_entry_larger_than_a_chunk, .timeout = 120) {
    /* 600 KB of DER content: framed (under the 1 MiB limit), larger than a chunk's arena, so
     * the chunk grows for it; not a certificate, so it is rejected by the parser. */
    char dir[] = "/tmp/cs_test_pipeline.XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/big.der", dir);
    size_t content = 600000;
    uint8_t *data = calloc(1, content + 5);
    data[0] = 0x30;
    data[1] = 0x83;
    data[2] = (uint8_t)(content >> 16);
    data[3] = (uint8_t)(content >> 8);
    data[4] = (uint8_t)content;
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, content + 5, f);
    fclose(f);
    const char *paths[] = {path, SRC "/corpora/roots/ISRG_Root_X1.crt", path};
    cs_ruleset *rs = rules();
    char err[256];
    collected c;
    cs_scan_totals t;
    cr_assert(scan(paths, 3, rs, (scan_setup){.jobs = 2}, &c, &t, err, sizeof err), "%s", err);
    cr_assert_eq(t.entries, 3);
    cr_assert_eq(t.parsed, 1);
    cr_assert_eq(c.r[0].status, CS_ENTRY_OK);
    cr_assert_not(c.r[0].parsed);
    cr_assert(c.r[1].parsed);
    collected_free(&c);
    cs_ruleset_free(rs);
    unlink(path);
    rmdir(dir);
    free(data);
}

Test(pipeline, a_failing_worker_stops_the_scan_without_hanging, .timeout = 120) {
    cs_ruleset *rs = rules();
    const char *paths[] = {SRC "/corpora/zlint/testdata", SRC "/corpora/ccadb"};
    static const scan_setup setups[] = {
        {.jobs = 1, .fail_after = 3},
        {.jobs = 4, .readers = 2, .fail_after = 3},
        {.jobs = 2, .readers = 1, .fail_after = 1},
    };
    for (size_t k = 0; k < sizeof setups / sizeof setups[0]; k++) {
        char err[256] = "";
        collected c;
        cs_scan_totals t;
        cr_assert_not(scan(paths, 2, rs, setups[k], &c, &t, err, sizeof err));
        cr_assert_str_eq(err, "out of memory");
        collected_free(&c);
    }
    cs_ruleset_free(rs);
}

/* ---- progress ---- */

Test(progress, line_format) {
    char line[256];
    cs_progress_sample s = {.entries = 1500000, .bytes = (uint64_t)3 << 30};
    cs_progress_format(line, sizeof line, &s, 2.0, 0, 0);
    cr_assert_str_eq(line, "certscan: 1500000 entries, 750.0k/s, 3.0 GiB read");
    cs_progress_format(line, sizeof line, &s, 2.0, (uint64_t)12 << 30, 1);
    cr_assert_str_eq(line, "certscan: 1500000 entries, 750.0k/s, 3.0 GiB read of 12.0 GiB, 25%, "
                           "ETA 0:00:06");
    s.bytes = (uint64_t)12 << 30;
    cs_progress_format(line, sizeof line, &s, 8.0, (uint64_t)12 << 30, 1);
    cr_assert_str_eq(line, "certscan: 1500000 entries, 187.5k/s, 12.0 GiB read of 12.0 GiB, 100%");
}

Test(progress, forced_into_a_file_writes_lines) {
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    cs_progress *p = cs_progress_new(f, 0);
    cr_assert_not_null(p);
    cs_ruleset *rs = rules();
    const char *paths[] = {SRC "/corpora/roots"};
    cs_scan_options opt = {.rules = rs, .jobs = 2, .progress = p};
    cs_input_config_default(&opt.input);
    cs_scan_totals t;
    char err[256];
    cr_assert(cs_scan_paths(paths, 1, &opt, &t, err, sizeof err), "%s", err);
    cs_progress_free(p);
    rewind(f);
    char text[4096] = "";
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    /* At least the last line, with every entry and the inputs' size. */
    char want[128];
    snprintf(want, sizeof want, "certscan: %llu entries", (unsigned long long)t.entries);
    cr_assert_not_null(strstr(text, want), "%s", text);
    cr_assert_not_null(strstr(text, "100%"), "%s", text);
    cr_assert_null(strchr(text, '\r'), "no carriage returns outside a terminal");
    cs_ruleset_free(rs);
}

/* ---- the command line, -j 1 against -j 4 ---- */

/* Exit status 0, 1 (findings at the --fail-on level: lint's default) or 3 (rejected entries)
 * are normal runs; 2 or a signal are not. */
static char *run_capture(const char *cmd, size_t *out_len, int *status) {
    tsh_output r = tsh_capture(cmd);
    cr_assert(r.status == 0 || r.status == 1 || r.status == 3, "%s exited with %d", cmd, r.status);
    *status = r.status;
    *out_len = r.len;
    return r.out;
}

static void same_output(const char *args) {
    char cmd[1024];
    size_t n1 = 0, n4 = 0;
    int st1, st4;
    snprintf(cmd, sizeof cmd, "%s %s -j 1 2>&1", CERTSCAN, args);
    char *one = run_capture(cmd, &n1, &st1);
    snprintf(cmd, sizeof cmd, "%s %s -j 4 --readers 2 2>&1", CERTSCAN, args);
    char *four = run_capture(cmd, &n4, &st4);
    cr_assert_eq(st1, st4, "%s: exit %d with -j 1, %d with -j 4", args, st1, st4);
    cr_assert_gt(n1, 100, "%s: no output", args);
    cr_assert_eq(n1, n4, "%s: %zu bytes with -j 1, %zu with -j 4", args, n1, n4);
    cr_assert_arr_eq(one, four, n1, "%s: -j 1 and -j 4 differ", args);
    free(one);
    free(four);
}

Test(pipeline_cli, ccadb_identical_for_j1_and_j4, .timeout = 900) {
    same_output("scan --format json " SRC "/corpora/ccadb");
    same_output("lint " SRC "/corpora/ccadb");
}

Test(pipeline_cli, zlint_identical_for_j1_and_j4, .timeout = 900) {
    same_output("scan --format json " SRC "/corpora/zlint");
    same_output("scan " SRC "/corpora/zlint " SRC "/tests/data/input");
    same_output("lint --format json " SRC "/corpora/zlint");
}
