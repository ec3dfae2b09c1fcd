/* Parse and lint throughput on certificates already in memory, single thread.
 *
 * usage: bench_parse [--seconds S] [--openssl N] [--only parse|facts|rules|openssl] INPUT...
 * Loads every certificate from the inputs, then measures, on this thread's CPU clock:
 *   parse       cs_x509_parse only
 *   facts       parse + fact extraction (all extension decoders the rules need)
 *   rules       parse + facts + every rule, in batches of 64 (what `certscan scan` does)
 *   openssl     d2i_X509 + X509_free on the first N certificates (default 2000), for the ratio
 * and prints certificates per CPU-second for each, with ratios to `parse`. `--only MODE` measures
 * one row, so a profiler attached to the run sees that mode alone. */
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/input.h"
#include "scanner/engine.h"
#include "scanner/facts_memo.h"
#include "scanner/x509.h"

typedef struct bench_corpus {
    uint8_t *bytes;
    size_t len, cap;
    size_t *offset;
    size_t *size;
    size_t count, slots;
} bench_corpus;

static void corpus_add(bench_corpus *c, const uint8_t *der, size_t len) {
    if (c->len + len > c->cap) {
        c->cap = (c->cap + len) * 2;
        c->bytes = realloc(c->bytes, c->cap);
    }
    if (c->count == c->slots) {
        c->slots = c->slots ? c->slots * 2 : 1024;
        c->offset = realloc(c->offset, c->slots * sizeof *c->offset);
        c->size = realloc(c->size, c->slots * sizeof *c->size);
    }
    if (c->bytes == NULL || c->offset == NULL || c->size == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    memcpy(c->bytes + c->len, der, len);
    c->offset[c->count] = c->len;
    c->size[c->count++] = len;
    c->len += len;
}

static int load_file(void *ctx, const char *path) {
    char err[256];
    cs_input *in = cs_input_open(path, CS_INPUT_AUTO, err, sizeof err);
    if (in == NULL) {
        fprintf(stderr, "%s: %s\n", path, err);
        return 1;
    }
    cs_entry e;
    while (cs_input_next(in, &e)) {
        if (e.status == CS_ENTRY_OK) {
            corpus_add(ctx, e.der, e.der_len);
        }
    }
    cs_input_close(in);
    return 1;
}

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef enum { MODE_PARSE, MODE_FACTS, MODE_RULES, MODE_OPENSSL } bench_mode;
static const char *const cs_bench_mode_names[] = {"parse", "facts", "rules", "openssl"};

static volatile uint64_t bench_sink;

/* One pass over the corpus (or its first `limit` certificates); returns certificates done. */
static size_t run_pass(const bench_corpus *c, bench_mode mode, const cs_ruleset *rs, cs_x509 *views,
                       cs_batch *b, uint64_t *fail, size_t limit) {
    size_t n = limit < c->count ? limit : c->count;
    uint64_t acc = 0;
    if (mode == MODE_OPENSSL) {
        for (size_t i = 0; i < n; i++) {
            const unsigned char *p = c->bytes + c->offset[i];
            X509 *x = d2i_X509(NULL, &p, (long)c->size[i]);
            acc += x != NULL;
            X509_free(x);
        }
        bench_sink += acc;
        return n;
    }
    cs_der_error err;
    /* Each pass judges the corpus as a first scan of it would: what the facts memo learnt in
     * the previous pass is forgotten, or every value after the first pass would be a hit. */
    cs_memo_reset();
    for (size_t start = 0; start < n; start += CS_BATCH_LANES) {
        size_t end = start + CS_BATCH_LANES < n ? start + CS_BATCH_LANES : n;
        if (mode == MODE_RULES) {
            cs_batch_reset(b, NULL);
        }
        for (size_t i = start; i < end; i++) {
            cs_x509 *v = &views[i - start];
            int ok = cs_x509_parse(v, c->bytes + c->offset[i], c->size[i], &err);
            acc += (uint64_t)ok;
            if (!ok) {
                if (mode == MODE_RULES) {
                    cs_batch_add_empty(b);
                }
                continue;
            }
            if (mode == MODE_FACTS) {
                cs_facts f;
                cs_facts_extract(v, NULL, &f);
                acc += f.bits[0];
            } else if (mode == MODE_RULES) {
                cs_batch_add(b, v);
            }
        }
        if (mode == MODE_RULES) {
            cs_engine_eval(rs, b, fail);
            acc += fail[0];
        }
    }
    bench_sink += acc;
    return n;
}

static double measure(const bench_corpus *c, bench_mode mode, const cs_ruleset *rs, cs_x509 *views,
                      cs_batch *b, uint64_t *fail, size_t limit, double seconds) {
    size_t done = 0;
    double start = cpu_now(), now;
    do {
        done += run_pass(c, mode, rs, views, b, fail, limit);
        now = cpu_now();
    } while (now - start < seconds);
    return (double)done / (now - start);
}

int main(int argc, char **argv) {
    double seconds = 2.0;
    size_t openssl_n = 2000;
    int only_mode = -1;
    const char *paths[256];
    size_t num_paths = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            seconds = atof(argv[++i]);
        } else if (strcmp(argv[i], "--openssl") == 0 && i + 1 < argc) {
            openssl_n = strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            const char *only = argv[++i];
            for (int m = MODE_PARSE; m <= MODE_OPENSSL; m++) {
                if (strcmp(only, cs_bench_mode_names[m]) == 0) {
                    only_mode = m;
                }
            }
            if (only_mode < 0) {
                fprintf(stderr, "unknown mode '%s'\n", only);
                return 2;
            }
        } else if (num_paths < 256) {
            paths[num_paths++] = argv[i];
        }
    }
    if (num_paths == 0) {
        fprintf(stderr,
                "usage: bench_parse [--seconds S] [--openssl N] [--only parse|facts|rules|openssl] "
                "INPUT...\n");
        return 2;
    }
    bench_corpus c = {0};
    cs_input_walk(paths, num_paths, load_file, NULL, &c);
    if (c.count == 0) {
        fprintf(stderr, "no certificates loaded\n");
        return 1;
    }
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    if (rs == NULL) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    cs_x509 *views = malloc(CS_BATCH_LANES * sizeof *views);
    cs_batch *b = malloc(sizeof *b);
    uint64_t *fail = calloc(cs_ruleset_count(rs), sizeof *fail);
    if (views == NULL || b == NULL || fail == NULL) {
        return 1;
    }
    printf("corpus: %zu certificates, %zu bytes (%.0f bytes average); %zu rules; %.1f s per row\n",
           c.count, c.len, (double)c.len / (double)c.count, cs_ruleset_count(rs), seconds);
    if (only_mode >= 0) {
        size_t limit = only_mode == MODE_OPENSSL ? openssl_n : SIZE_MAX;
        printf("%-34s %14.0f\n", cs_bench_mode_names[only_mode],
               measure(&c, (bench_mode)only_mode, rs, views, b, fail, limit, seconds));
        uint64_t hits, lookups;
        cs_memo_stats(&hits, &lookups);
        printf("facts memo, last pass: %llu of %llu lookups hit (%.1f%%)\n",
               (unsigned long long)hits, (unsigned long long)lookups,
               lookups ? 100.0 * (double)hits / (double)lookups : 0.0);
    } else {
        double parse = measure(&c, MODE_PARSE, rs, views, b, fail, SIZE_MAX, seconds);
        double facts = measure(&c, MODE_FACTS, rs, views, b, fail, SIZE_MAX, seconds);
        double rules = measure(&c, MODE_RULES, rs, views, b, fail, SIZE_MAX, seconds);
        printf("%-34s %14s %10s\n", "mode (1 thread, certs in memory)", "certs/cpu-s", "vs parse");
        printf("%-34s %14.0f %10.2f\n", "parse (cs_x509_parse)", parse, 1.0);
        printf("%-34s %14.0f %10.2f\n", "parse + facts", facts, facts / parse);
        printf("%-34s %14.0f %10.2f\n", "parse + facts + all rules", rules, rules / parse);
        /* --openssl 0 leaves the OpenSSL row out rather than print a zero rate and a ratio to it.
         */
        if (openssl_n > 0) {
            double ossl = measure(&c, MODE_OPENSSL, rs, views, b, fail, openssl_n, seconds);
            printf("%-34s %14.0f %10.4f\n", "OpenSSL d2i_X509 + X509_free", ossl, ossl / parse);
            printf("certscan parse+rules is %.0fx OpenSSL's parse alone\n", rules / ossl);
        }
    }
    cs_ruleset_free(rs);
    free(fail);
    free(b);
    free(views);
    free(c.bytes);
    free(c.offset);
    free(c.size);
    return 0;
}
