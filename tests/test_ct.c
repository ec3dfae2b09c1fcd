/* Certificate Transparency inputs: RFC 6962 get-entries JSON and static-ct-api data tiles, read
 * through cs_input as the scanner reads them, on the real samples in corpora/ct and on crafted
 * bad records; and the CT options of the command line (--chains, --strict-input, lint's log
 * fields). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "io/input.h"

#define SRC      CS_SOURCE_DIR
#define CERTSCAN CS_CERTSCAN_BIN
#define CT       SRC "/corpora/ct"
#define NAVIGLI  CT "/static-ct/navigli2025h2"

/* ---- helpers ---- */

static uint8_t *slurp(const char *path, size_t *out_len) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "open %s", path);
    size_t cap = 1 << 16, len = 0, n;
    uint8_t *p = malloc(cap);
    while ((n = fread(p + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            cap *= 2;
            p = realloc(p, cap);
        }
    }
    fclose(f);
    *out_len = len;
    return p;
}

static void spew(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "create %s", path);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    fclose(f);
}

static char *b64(const uint8_t *p, size_t n) {
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *out = malloc((n + 2) / 3 * 4 + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        out[o++] = t[v >> 18 & 63];
        out[o++] = t[v >> 12 & 63];
        out[o++] = i + 1 < n ? t[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? t[v & 63] : '=';
    }
    out[o] = '\0';
    return out;
}

typedef struct got {
    cs_entry_status status;
    cs_log_info log;
    uint64_t index, offset, line;
    size_t der_len;
    uint8_t der_head[4];
    uint8_t *der;
    char detail[320];
} got;

typedef struct run {
    got *e;
    size_t n;
    cs_input_format format;
} run;

static void run_input(const char *path, cs_input_format format, run *r) {
    memset(r, 0, sizeof *r);
    char err[256];
    cs_input *in = cs_input_open(path, format, err, sizeof err);
    cr_assert_not_null(in, "%s", err);
    r->format = cs_input_get_format(in);
    cs_entry e;
    size_t cap = 0;
    while (cs_input_next(in, &e)) {
        if (r->n == cap) {
            cap = cap ? cap * 2 : 64;
            r->e = realloc(r->e, cap * sizeof *r->e);
        }
        got *g = &r->e[r->n++];
        memset(g, 0, sizeof *g);
        g->status = e.status;
        g->log = e.log;
        g->index = e.index;
        g->offset = e.offset;
        g->line = e.line;
        g->der_len = e.der_len;
        if (e.der != NULL) {
            g->der = malloc(e.der_len);
            memcpy(g->der, e.der, e.der_len);
        }
        snprintf(g->detail, sizeof g->detail, "%s", e.detail ? e.detail : "");
    }
    cs_input_close(in);
}

static void run_free(run *r) {
    for (size_t i = 0; i < r->n; i++) {
        free(r->e[i].der);
    }
    free(r->e);
}

static char tmp_dir[] = "/tmp/cs_test_ct_XXXXXX";

static void tmp_setup(void) {
    cr_assert_not_null(mkdtemp(tmp_dir));
}

static void tmp_teardown(void) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
    cr_assert_eq(system(cmd), 0);
}

static const char *tmp(char *buf, size_t cap, const char *name) {
    snprintf(buf, cap, "%s/%s", tmp_dir, name);
    return buf;
}

static void write_text(const char *path, const char *text) {
    spew(path, text, strlen(text));
}

/* The real precert and x509 entries of scrape-ct-log, as base64 strings. */
typedef struct raw_entries {
    char *pre_leaf, *pre_extra, *x_leaf, *x_extra;
    uint8_t *pre_extra_bin;
    size_t pre_extra_len;
} raw_entries;

static void raw_load(raw_entries *re) {
    size_t n;
    uint8_t *p = slurp(CT "/rfc6962-raw/precert_leaf_input", &n);
    re->pre_leaf = b64(p, n);
    free(p);
    re->pre_extra_bin = slurp(CT "/rfc6962-raw/precert_extra_data", &re->pre_extra_len);
    re->pre_extra = b64(re->pre_extra_bin, re->pre_extra_len);
    p = slurp(CT "/rfc6962-raw/x509_leaf_input", &n);
    re->x_leaf = b64(p, n);
    free(p);
    p = slurp(CT "/rfc6962-raw/x509_extra_data", &n);
    re->x_extra = b64(p, n);
    free(p);
}

static void raw_free(raw_entries *re) {
    free(re->pre_leaf);
    free(re->pre_extra);
    free(re->x_leaf);
    free(re->x_extra);
    free(re->pre_extra_bin);
}

static char *entry_json(const char *leaf, const char *extra) {
    size_t n = strlen(leaf) + strlen(extra) + 64;
    char *s = malloc(n);
    snprintf(s, n, "{\"leaf_input\":\"%s\",\"extra_data\":\"%s\"}", leaf, extra);
    return s;
}

/* ---- get-entries JSON ---- */

Test(ct_json, four_real_entries) {
    run r;
    run_input(CT "/FourEntries.get-entries.json", CS_INPUT_AUTO, &r);
    cr_assert_eq(r.format, CS_INPUT_CT_JSON);
    cr_assert_eq(r.n, 4);
    for (size_t i = 0; i < 4; i++) {
        cr_assert_eq(r.e[i].status, CS_ENTRY_OK, "entry %zu: %s", i, r.e[i].detail);
        cr_assert_eq(r.e[i].log.kind, CS_KIND_CERT);
        cr_assert(r.e[i].log.has_timestamp);
        cr_assert_eq(r.e[i].der[0], 0x30);
        cr_assert_eq(r.e[i].index, i);
    }
    cr_assert_eq(r.e[0].log.timestamp, 1364258252899ull);
    cr_assert_eq(r.e[0].offset, 13, "the first entry object starts after {\"entries\": [");
    run_free(&r);
}

Test(ct_json, precert_entry_yields_the_precertificate, .init = tmp_setup, .fini = tmp_teardown) {
    raw_entries re;
    raw_load(&re);
    char *e1 = entry_json(re.pre_leaf, re.pre_extra), *e2 = entry_json(re.x_leaf, re.x_extra);
    size_t n = strlen(e1) + strlen(e2) + 64;
    char *doc = malloc(n);
    snprintf(doc, n, "{\"entries\": [%s, %s]}", e1, e2);
    char path[256];
    write_text(tmp(path, sizeof path, "two.json"), doc);
    run r;
    run_input(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.e[0].status, CS_ENTRY_OK, "%s", r.e[0].detail);
    cr_assert_eq(r.e[0].log.kind, CS_KIND_PRECERT);
    cr_assert_eq(r.e[0].log.timestamp, 1532471986235ull);
    /* PrecertChainEntry: the 1669-byte precertificate after its 3-byte length */
    cr_assert_eq(r.e[0].der_len, 1669);
    cr_assert_eq(memcmp(r.e[0].der, re.pre_extra_bin + 3, 1669), 0);
    cr_assert_eq(r.e[1].log.kind, CS_KIND_CERT);
    run_free(&r);
    free(doc);
    free(e1);
    free(e2);
    raw_free(&re);
}

Test(ct_json, every_shape_reads_the_same, .init = tmp_setup, .fini = tmp_teardown) {
    raw_entries re;
    raw_load(&re);
    char *e1 = entry_json(re.pre_leaf, re.pre_extra), *e2 = entry_json(re.x_leaf, re.x_extra);
    size_t n = 4 * (strlen(e1) + strlen(e2)) + 512;
    char *doc = malloc(n);
    char path[256];
    /* JSON lines */
    snprintf(doc, n, "%s\n%s\n", e1, e2);
    const char *shapes[6];
    char names[6][256];
    write_text(tmp(names[0], sizeof names[0], "lines.jsonl"), doc);
    /* two concatenated responses, pretty-printed, with other members */
    snprintf(doc, n,
             "{\n  \"note\": {\"a\": [1, \"]}\"]},\n  \"entries\": [\n    %s\n  ]\n}\n"
             "{\"entries\":[%s], \"more\": true}",
             e1, e2);
    write_text(tmp(names[1], sizeof names[1], "concat.json"), doc);
    /* a bare array */
    snprintf(doc, n, "[%s,%s]", e1, e2);
    write_text(tmp(names[2], sizeof names[2], "bare.json"), doc);
    /* '/' escaped as "\/", as some JSON writers do, and members in the other order */
    size_t k = 0;
    const char *tmpl[] = {"{\"extra_data\":\"",
                          re.pre_extra,
                          "\",\"leaf_input\":\"",
                          re.pre_leaf,
                          "\"}\n{\"leaf_input\":\"",
                          re.x_leaf,
                          "\",\"extra_data\":\"",
                          re.x_extra,
                          "\"}"};
    for (size_t t = 0; t < sizeof tmpl / sizeof tmpl[0]; t++) {
        for (const char *s = tmpl[t]; *s; s++) {
            if (*s == '/' && (t % 2) == 1) {
                doc[k++] = '\\';
            }
            doc[k++] = *s;
        }
    }
    doc[k] = '\0';
    write_text(tmp(names[3], sizeof names[3], "escaped.json"), doc);
    /* escapes in extra_data only, where the framer cuts the span to the precertificate */
    k = (size_t)snprintf(doc, n, "{\"leaf_input\":\"%s\",\"extra_data\":\"", re.pre_leaf);
    for (const char *c = re.pre_extra; *c; c++) {
        if (*c == '/') {
            doc[k++] = '\\';
        }
        doc[k++] = *c;
    }
    snprintf(doc + k, n - k, "\"}\n%s\n", e2);
    write_text(tmp(names[4], sizeof names[4], "extra-escaped.json"), doc);
    for (int i = 0; i < 5; i++) {
        shapes[i] = names[i];
        run r;
        run_input(shapes[i], CS_INPUT_AUTO, &r);
        cr_assert_eq(r.format, CS_INPUT_CT_JSON, "%s", shapes[i]);
        cr_assert_eq(r.n, 2, "%s: %zu entries", shapes[i], r.n);
        cr_assert_eq(r.e[0].status, CS_ENTRY_OK, "%s: %s", shapes[i], r.e[0].detail);
        cr_assert_eq(r.e[1].status, CS_ENTRY_OK, "%s: %s", shapes[i], r.e[1].detail);
        cr_assert_eq(r.e[0].log.kind, CS_KIND_PRECERT, "%s", shapes[i]);
        cr_assert_eq(r.e[0].der_len, 1669, "%s", shapes[i]);
        cr_assert_eq(r.e[1].log.kind, CS_KIND_CERT, "%s", shapes[i]);
        run_free(&r);
    }
    (void)path;
    free(doc);
    free(e1);
    free(e2);
    raw_free(&re);
}

Test(ct_json, index_member_is_the_log_index, .init = tmp_setup, .fini = tmp_teardown) {
    raw_entries re;
    raw_load(&re);
    size_t n = strlen(re.x_leaf) + strlen(re.x_extra) + 128;
    char *doc = malloc(n);
    snprintf(doc, n, "{\"index\": 4242, \"leaf_input\":\"%s\",\"extra_data\":\"%s\"}\n", re.x_leaf,
             re.x_extra);
    char path[256];
    write_text(tmp(path, sizeof path, "idx.jsonl"), doc);
    run r;
    run_input(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 1);
    cr_assert(r.e[0].log.has_index);
    cr_assert_eq(r.e[0].log.index, 4242);
    run_free(&r);
    free(doc);
    raw_free(&re);
}

/* One bad record among good ones: it is rejected with its reason and position, and the good
 * ones around it are still read. */
static void bad_between(const char *bad, cs_entry_status status, const char *detail_part) {
    raw_entries re;
    raw_load(&re);
    char *good = entry_json(re.x_leaf, re.x_extra);
    size_t n = 2 * strlen(good) + strlen(bad) + 64;
    char *doc = malloc(n);
    snprintf(doc, n, "{\"entries\":[%s,\n%s,\n%s]}\n", good, bad, good);
    char path[256];
    write_text(tmp(path, sizeof path, "bad.json"), doc);
    run r;
    run_input(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 3, "%zu entries for %s", r.n, bad);
    cr_assert_eq(r.e[0].status, CS_ENTRY_OK);
    cr_assert_eq(r.e[1].status, status, "%s: got %s: %s", bad, cs_entry_status_name(r.e[1].status),
                 r.e[1].detail);
    cr_assert_not_null(strstr(r.e[1].detail, detail_part), "detail: %s", r.e[1].detail);
    cr_assert_eq(r.e[1].line, 2, "the bad record's line");
    cr_assert_eq(r.e[1].offset, 12 + strlen(good) + 2, "the bad record's offset");
    cr_assert_eq(r.e[2].status, CS_ENTRY_OK, "after %s: %s", bad, r.e[2].detail);
    run_free(&r);
    free(doc);
    free(good);
    raw_free(&re);
}

/* A MerkleTreeLeaf built from parts, as base64. */
static char *leaf_b64(uint8_t version, uint8_t leaf_type, uint16_t entry_type, uint32_t cert_len,
                      size_t actual, size_t ext_len) {
    uint8_t buf[4096] = {0};
    size_t o = 0;
    buf[o++] = version;
    buf[o++] = leaf_type;
    uint64_t ts = 1700000000000ull;
    for (int i = 7; i >= 0; i--) {
        buf[o++] = (uint8_t)(ts >> (8 * i));
    }
    buf[o++] = (uint8_t)(entry_type >> 8);
    buf[o++] = (uint8_t)entry_type;
    buf[o++] = (uint8_t)(cert_len >> 16);
    buf[o++] = (uint8_t)(cert_len >> 8);
    buf[o++] = (uint8_t)cert_len;
    buf[o++] = 0x30;
    buf[o++] = 0x82;
    o += actual - 2;
    buf[o++] = (uint8_t)(ext_len >> 8);
    buf[o++] = (uint8_t)ext_len;
    return b64(buf, o);
}

Test(ct_json, bad_records_are_rejected_with_reason_and_position, .init = tmp_setup,
     .fini = tmp_teardown) {
    char bad[8192];
    /* truncated base64: one character short of a quantum */
    raw_entries re;
    raw_load(&re);
    snprintf(bad, sizeof bad, "{\"leaf_input\":\"%.*s\",\"extra_data\":\"\"}",
             (int)strlen(re.x_leaf) - 5, re.x_leaf);
    bad_between(bad, CS_ENTRY_BAD_BASE64, "invalid base64 in leaf_input");
    /* wrong leaf version */
    char *l = leaf_b64(1, 0, 0, 100, 100, 0);
    snprintf(bad, sizeof bad, "{\"leaf_input\":\"%s\",\"extra_data\":\"\"}", l);
    bad_between(bad, CS_ENTRY_CT_LEAF, "version 1 is not v1");
    free(l);
    /* wrong leaf type */
    l = leaf_b64(0, 3, 0, 100, 100, 0);
    snprintf(bad, sizeof bad, "{\"leaf_input\":\"%s\",\"extra_data\":\"\"}", l);
    bad_between(bad, CS_ENTRY_CT_LEAF, "leaf_type 3");
    free(l);
    /* an unknown entry type */
    l = leaf_b64(0, 0, 7, 100, 100, 0);
    snprintf(bad, sizeof bad, "{\"leaf_input\":\"%s\",\"extra_data\":\"\"}", l);
    bad_between(bad, CS_ENTRY_CT_LEAF, "entry_type 7");
    free(l);
    /* a certificate length past the leaf's end */
    l = leaf_b64(0, 0, 0, 2000, 100, 0);
    snprintf(bad, sizeof bad, "{\"leaf_input\":\"%s\",\"extra_data\":\"\"}", l);
    bad_between(bad, CS_ENTRY_CT_LEAF, "needs at least");
    free(l);
    /* a precert whose extra_data declares more than it holds */
    snprintf(bad, sizeof bad, "{\"leaf_input\":\"%s\",\"extra_data\":\"AAZAMIIB\"}", re.pre_leaf);
    bad_between(bad, CS_ENTRY_CT_EXTRA_DATA, "declares 1600 bytes");
    /* bad JSON: a missing ':' */
    bad_between("{\"leaf_input\" \"AAAA\"}", CS_ENTRY_CT_JSON, "':' was expected");
    /* bad JSON: leaf_input a number */
    bad_between("{\"leaf_input\": 12}", CS_ENTRY_CT_JSON, "leaf_input is not a string");
    /* an object without leaf_input */
    bad_between("{\"extra_data\": \"AAAA\"}", CS_ENTRY_CT_JSON, "without leaf_input");
    raw_free(&re);
}

Test(ct_json, truncated_document_is_one_rejection, .init = tmp_setup, .fini = tmp_teardown) {
    size_t n;
    uint8_t *p = slurp(CT "/FourEntries.get-entries.json", &n);
    char path[256];
    spew(tmp(path, sizeof path, "cut.json"), p, n - 400);
    run r;
    run_input(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 4);
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(r.e[i].status, CS_ENTRY_OK);
    }
    cr_assert_eq(r.e[3].status, CS_ENTRY_CT_JSON);
    cr_assert_not_null(strstr(r.e[3].detail, "truncated"), "%s", r.e[3].detail);
    run_free(&r);
    free(p);
}

Test(ct_json, small_reads_and_gzip_read_the_same, .init = tmp_setup, .fini = tmp_teardown) {
    size_t n;
    uint8_t *p = slurp(CT "/FourEntries.get-entries.json", &n);
    char path[256];
    gzFile gz = gzopen(tmp(path, sizeof path, "four.gz"), "wb");
    cr_assert_eq(gzwrite(gz, p, (unsigned)n), (int)n);
    gzclose(gz);
    run a, b;
    run_input(CT "/FourEntries.get-entries.json", CS_INPUT_AUTO, &a);
    run_input(path, CS_INPUT_AUTO, &b);
    cr_assert_eq(b.format, CS_INPUT_CT_JSON);
    cr_assert_eq(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        cr_assert_eq(b.e[i].status, CS_ENTRY_OK);
        cr_assert_eq(a.e[i].der_len, b.e[i].der_len);
        cr_assert_eq(memcmp(a.e[i].der, b.e[i].der, a.e[i].der_len), 0);
        cr_assert_eq(a.e[i].offset, b.e[i].offset);
    }
    /* 7-byte reads: every entry straddles many reads */
    cs_input_config cfg;
    cs_input_config_default(&cfg);
    cfg.read_size = 7;
    char err[256];
    cs_input *in = cs_input_open_with(path, CS_INPUT_AUTO, &cfg, err, sizeof err);
    cr_assert_not_null(in);
    cs_entry e;
    size_t k = 0;
    while (cs_input_next(in, &e)) {
        cr_assert_eq(e.status, CS_ENTRY_OK, "%s", e.detail);
        cr_assert_eq(e.der_len, a.e[k].der_len);
        k++;
    }
    cr_assert_eq(k, 4);
    cs_input_close(in);
    run_free(&a);
    run_free(&b);
    free(p);
}

/* ---- tiles ---- */

Test(ct_tiles, real_full_tile) {
    run r;
    run_input(NAVIGLI "/tile/data/003", CS_INPUT_AUTO, &r);
    cr_assert_eq(r.format, CS_INPUT_CT_TILES);
    cr_assert_eq(r.n, 256);
    for (size_t i = 0; i < r.n; i++) {
        cr_assert_eq(r.e[i].status, CS_ENTRY_OK, "%zu: %s", i, r.e[i].detail);
        cr_assert_eq(r.e[i].log.kind, CS_KIND_PRECERT);
        cr_assert(r.e[i].log.has_index);
        cr_assert_eq(r.e[i].log.index, 3 * 256 + i);
        cr_assert_eq(r.e[i].der[0], 0x30);
    }
    run_free(&r);
}

Test(ct_tiles, partial_tile_is_a_prefix_of_the_full_one) {
    run full, part;
    run_input(NAVIGLI "/tile/data/003", CS_INPUT_AUTO, &full);
    run_input(NAVIGLI "/tile/data/003.p/10", CS_INPUT_AUTO, &part);
    cr_assert_eq(part.n, 10);
    for (size_t i = 0; i < 10; i++) {
        cr_assert_eq(part.e[i].log.index, 768 + i);
        cr_assert_eq(part.e[i].der_len, full.e[i].der_len);
        cr_assert_eq(memcmp(part.e[i].der, full.e[i].der, part.e[i].der_len), 0);
    }
    run_free(&full);
    run_free(&part);
}

static int collect(void *ctx, const char *path) {
    char *buf = ctx;
    strcat(buf, strstr(path, "tile/data/"));
    strcat(buf, ";");
    return 1;
}

Test(ct_tiles, tree_walk_reads_data_tiles_once_by_index, .init = tmp_setup, .fini = tmp_teardown) {
    char got_paths[1024] = "";
    const char *paths[] = {NAVIGLI};
    cs_input_walk(paths, 1, collect, NULL, got_paths);
    /* 003.p/10 is superseded by 003 */
    cr_assert_str_eq(got_paths, "tile/data/000;tile/data/003;");
    /* the same from the tree's tile/ and tile/data/ folders */
    got_paths[0] = '\0';
    paths[0] = NAVIGLI "/tile";
    cs_input_walk(paths, 1, collect, NULL, got_paths);
    cr_assert_str_eq(got_paths, "tile/data/000;tile/data/003;");
    got_paths[0] = '\0';
    paths[0] = NAVIGLI "/tile/data/";
    cs_input_walk(paths, 1, collect, NULL, got_paths);
    cr_assert_str_eq(got_paths, "tile/data/000;tile/data/003;");
    /* A tree with hash tiles, a checkpoint and partial tiles only: the widest partial is read,
     * files that are not data tiles are not. */
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cd %s && mkdir -p t/tile/data/x001/002.p t/tile/data/000.p t/tile/0 t/issuer && "
             "head -c 8192 /dev/urandom > t/tile/0/000 && echo x > t/checkpoint && "
             "cp %s/tile/data/003.p/10 t/tile/data/000.p/10 && "
             "cp %s/tile/data/003.p/10 t/tile/data/000.p/9 && "
             "cp %s/tile/data/000 t/tile/data/x001/002.p/200",
             tmp_dir, NAVIGLI, NAVIGLI, NAVIGLI);
    cr_assert_eq(system(cmd), 0);
    got_paths[0] = '\0';
    char root[256];
    paths[0] = tmp(root, sizeof root, "t");
    cs_input_walk(paths, 1, collect, NULL, got_paths);
    cr_assert_str_eq(got_paths, "tile/data/000.p/10;tile/data/x001/002.p/200;");
}

Test(ct_tiles, leaf_index_out_of_place_is_rejected, .init = tmp_setup, .fini = tmp_teardown) {
    /* tile 3's bytes under the name of tile 5: every leaf_index disagrees with the place */
    char cmd[512], path[256];
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/tile/data/005.p && cp %s/tile/data/003.p/10 %s/tile/data/005.p/10",
             tmp_dir, NAVIGLI, tmp_dir);
    cr_assert_eq(system(cmd), 0);
    run r;
    run_input(tmp(path, sizeof path, "tile/data/005.p/10"), CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 10);
    cr_assert_eq(r.e[0].status, CS_ENTRY_CT_LEAF_INDEX);
    cr_assert_not_null(strstr(r.e[0].detail, "leaf_index 768"), "%s", r.e[0].detail);
    cr_assert_not_null(strstr(r.e[0].detail, "makes it 1280"), "%s", r.e[0].detail);
    run_free(&r);
}

Test(ct_tiles, bad_records, .init = tmp_setup, .fini = tmp_teardown) {
    size_t n;
    uint8_t *p = slurp(NAVIGLI "/tile/data/003.p/10", &n);
    char path[256];
    /* truncated: the last TileLeaf is cut */
    spew(tmp(path, sizeof path, "cut"), p, n - 100);
    run r;
    run_input(path, CS_INPUT_CT_TILES, &r);
    cr_assert_eq(r.n, 10);
    for (int i = 0; i < 9; i++) {
        cr_assert_eq(r.e[i].status, CS_ENTRY_OK);
    }
    cr_assert_eq(r.e[9].status, CS_ENTRY_CT_TILE);
    cr_assert_not_null(strstr(r.e[9].detail, "TileLeaf 9 is truncated"), "%s", r.e[9].detail);
    run_free(&r);
    /* a bad entry type in the second leaf: it and the rest of the tile are one rejection */
    run good;
    run_input(NAVIGLI "/tile/data/003.p/10", CS_INPUT_AUTO, &good);
    uint64_t second = good.e[1].offset;
    run_free(&good);
    p[second + 9] = 9;
    spew(tmp(path, sizeof path, "type"), p, n);
    run_input(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.n, 2);
    cr_assert_eq(r.e[1].status, CS_ENTRY_CT_TILE);
    cr_assert_eq(r.e[1].offset, second);
    cr_assert_not_null(strstr(r.e[1].detail, "entry_type 9"), "%s", r.e[1].detail);
    run_free(&r);
    free(p);
}

Test(ct_tiles, gzip_tile_reads_the_same, .init = tmp_setup, .fini = tmp_teardown) {
    size_t n;
    uint8_t *p = slurp(NAVIGLI "/tile/data/000", &n);
    char path[256];
    gzFile gz = gzopen(tmp(path, sizeof path, "000"), "wb");
    cr_assert_eq(gzwrite(gz, p, (unsigned)n), (int)n);
    gzclose(gz);
    run r;
    run_input(path, CS_INPUT_AUTO, &r);
    cr_assert_eq(r.format, CS_INPUT_CT_TILES);
    cr_assert_eq(r.n, 256);
    cr_assert_eq(r.e[255].status, CS_ENTRY_OK);
    cr_assert_eq(r.e[255].log.index, 255);
    run_free(&r);
    free(p);
}

/* ---- command line ---- */

typedef struct cli_result {
    char *out;
    int status;
} cli_result;

static cli_result cli(const char *cmd) {
    cli_result r = {0};
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    size_t cap = 1 << 20, len = 0, k;
    r.out = malloc(cap);
    while ((k = fread(r.out + len, 1, cap - len - 1, p)) > 0) {
        len += k;
        if (cap - len < 4096) {
            cap *= 2;
            r.out = realloc(r.out, cap);
        }
    }
    r.out[len] = '\0';
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

static size_t count(const char *text, const char *what) {
    size_t n = 0;
    for (const char *p = strstr(text, what); p != NULL; p = strstr(p + 1, what)) {
        n++;
    }
    return n;
}

Test(ct_cli, lint_json_carries_log_fields) {
    cli_result r = cli(CERTSCAN " lint -j 2 --format json " NAVIGLI "/tile/data/003.p/10");
    cr_assert_eq(r.status, 0);
    cr_assert_eq(count(r.out, "\n"), 10);
    cr_assert_not_null(strstr(r.out, "\"log_index\":768,\"log_timestamp\":"), "%s", r.out);
    cr_assert_eq(count(r.out, "\"precert\":true"), 10);
    free(r.out);
    r = cli(CERTSCAN " lint --format json " CT "/FourEntries.get-entries.json");
    cr_assert_not_null(strstr(r.out, "\"log_timestamp\":1364258252899,\"precert\":false"), "%s",
                       r.out);
    cr_assert_null(strstr(r.out, "log_index"), "get-entries says nothing of the index");
    free(r.out);
}

Test(ct_cli, chains_are_linted_once_per_run) {
    /* The four entries share their chain: with two copies of the file, still linted once. */
    cli_result r =
        cli(CERTSCAN " lint --format json --chains " CT "/FourEntries.get-entries.json " CT
                     "/FourEntries.get-entries.json");
    /* One entry has an error finding: lint fails on it (--fail-on error by default). */
    cr_assert_geq(count(r.out, "\"severity\":\"error\""), 1, "%s", r.out);
    cr_assert_eq(r.status, 1, "%s", r.out);
    size_t chains = count(r.out, "\"chain\":true");
    cr_assert_geq(chains, 1);
    cr_assert_eq(count(r.out, "\n"), 8 + chains, "%s", r.out);
    free(r.out);
    r = cli(CERTSCAN " lint --format json " CT "/FourEntries.get-entries.json");
    cr_assert_eq(count(r.out, "\"chain\":true"), 0);
    free(r.out);
}

Test(ct_cli, strict_input_stops_at_the_first_rejection, .init = tmp_setup, .fini = tmp_teardown) {
    size_t n;
    uint8_t *p = slurp(NAVIGLI "/tile/data/003.p/10", &n);
    char path[256], cmd[1024];
    spew(tmp(path, sizeof path, "cut"), p, n - 100);
    free(p);
    snprintf(cmd, sizeof cmd, CERTSCAN " lint --format json --strict-input %s %s 2>&1", path,
             CT "/FourEntries.get-entries.json");
    cli_result r = cli(cmd);
    cr_assert_eq(r.status, 3, "%s", r.out);
    cr_assert_not_null(strstr(r.out, "TileLeaf 9 is truncated"), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "--strict-input"), "%s", r.out);
    cr_assert_eq(count(r.out, "\"sha256\""), 10, "the entries up to the bad one: %s", r.out);
    free(r.out);
    /* without it, the scan goes on and counts the rejection by reason */
    snprintf(cmd, sizeof cmd, CERTSCAN " scan --format json %s %s 2>/dev/null", path,
             CT "/FourEntries.get-entries.json");
    r = cli(cmd);
    cr_assert_eq(r.status, 3, "a rejected entry: exit status 3");
    cr_assert_not_null(strstr(r.out, "\"reason\":\"input.ct_tile\""), "%s", r.out);
    cr_assert_not_null(strstr(r.out, "\"entries\":14"), "%s", r.out);
    free(r.out);
}

Test(ct_cli, input_format_forces_and_help_lists) {
    cli_result r = cli(CERTSCAN " scan --input-format tiles " CT "/FourEntries.get-entries.json "
                                "2>/dev/null");
    cr_assert_not_null(strstr(r.out, "\n  rejected                      1\n"), "%s", r.out);
    cr_assert_eq(r.status, 3, "a rejected entry: exit status 3");
    free(r.out);
    r = cli(CERTSCAN " --help");
    cr_assert_not_null(strstr(r.out, "ctjson"));
    cr_assert_not_null(strstr(r.out, "--chains"));
    cr_assert_not_null(strstr(r.out, "--strict-input"));
    free(r.out);
}

Test(ct_cli, stdin_plain_and_gzip) {
    cli_result r = cli("cat " CT "/FourEntries.get-entries.json | " CERTSCAN " scan -q -");
    cr_assert_eq(r.status, 0);
    cr_assert_not_null(strstr(r.out, "\n  parsed                        4\n"), "%s", r.out);
    free(r.out);
    r = cli("gzip -c " NAVIGLI "/tile/data/000 | " CERTSCAN " lint --format json -");
    cr_assert_eq(r.status, 0);
    cr_assert_eq(count(r.out, "\n"), 256);
    cr_assert_not_null(strstr(r.out, "\"log_index\":255,"), "%s", r.out);
    free(r.out);
}
