/* The facts memo (scanner/facts_memo.h) must never change a result: every certificate bundled in
 * corpora/ is judged with the memo off, then twice with it on (cold, then warm, so most values
 * are replayed), and each time every fact column and decoded value must be identical. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/input.h"
#include "scanner/facts.h"
#include "scanner/facts_memo.h"

typedef struct memo_corpus {
    uint8_t **der;
    size_t *len;
    size_t count, cap;
} memo_corpus;

static int memo_load(void *ctx, const char *path) {
    memo_corpus *c = ctx;
    char err[256];
    cs_input *in = cs_input_open(path, CS_INPUT_AUTO, err, sizeof err);
    if (in == NULL) {
        return 1;
    }
    cs_entry e;
    while (cs_input_next(in, &e)) {
        if (e.status != CS_ENTRY_OK) {
            continue;
        }
        if (c->count == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 4096;
            c->der = realloc(c->der, c->cap * sizeof *c->der);
            c->len = realloc(c->len, c->cap * sizeof *c->len);
            cr_assert(c->der != NULL && c->len != NULL);
        }
        c->der[c->count] = malloc(e.der_len);
        cr_assert_not_null(c->der[c->count]);
        memcpy(c->der[c->count], e.der, e.der_len);
        c->len[c->count++] = e.der_len;
    }
    cs_input_close(in);
    return 1;
}

static void memo_facts(const memo_corpus *c, cs_facts *out, int *parsed) {
    static cs_x509 view;
    for (size_t i = 0; i < c->count; i++) {
        cs_der_error err;
        parsed[i] = cs_x509_parse(&view, c->der[i], c->len[i], &err);
        if (parsed[i]) {
            cs_facts_extract(&view, NULL, &out[i]);
        }
    }
}

static void memo_same(const memo_corpus *c, const cs_facts *a, const cs_facts *b, const int *ok,
                      const char *what) {
    for (size_t i = 0; i < c->count; i++) {
        if (!ok[i]) {
            continue;
        }
        for (unsigned w = 0; w < CS_FACT_WORDS; w++) {
            cr_assert_eq(a[i].bits[w], b[i].bits[w],
                         "%s: certificate %zu, fact word %u differs (%016llx vs %016llx)", what, i,
                         w, (unsigned long long)a[i].bits[w], (unsigned long long)b[i].bits[w]);
        }
        cr_assert_eq(a[i].eku_mask, b[i].eku_mask, "%s: certificate %zu, EKU", what, i);
        cr_assert_eq(a[i].ext_malformed, b[i].ext_malformed, "%s: certificate %zu", what, i);
        cr_assert_eq(a[i].profile, b[i].profile, "%s: certificate %zu", what, i);
        cr_assert_eq(a[i].kind, b[i].kind, "%s: certificate %zu", what, i);
    }
}

Test(facts_memo, replayed_facts_equal_judged_facts, .timeout = 120) {
    const char *paths[] = {CS_SOURCE_DIR "/corpora/ccadb", CS_SOURCE_DIR "/corpora/roots",
                           CS_SOURCE_DIR "/corpora/zlint"};
    memo_corpus c = {0};
    cs_input_walk(paths, 3, memo_load, NULL, &c);
    cr_assert_gt(c.count, 10000, "corpora not found under %s", CS_SOURCE_DIR);

    cs_facts *off = calloc(c.count, sizeof *off), *cold = calloc(c.count, sizeof *cold),
             *warm = calloc(c.count, sizeof *warm);
    int *ok = calloc(c.count, sizeof *ok);
    cr_assert(off != NULL && cold != NULL && warm != NULL && ok != NULL);

    cs_memo_set_enabled(0);
    memo_facts(&c, off, ok);
    cs_memo_set_enabled(1);
    uint64_t hits0, lookups0, hits, lookups;
    cs_memo_stats(&hits0, &lookups0);
    memo_facts(&c, cold, ok);
    memo_facts(&c, warm, ok);
    cs_memo_stats(&hits, &lookups);

    memo_same(&c, off, cold, ok, "memo cold");
    memo_same(&c, off, warm, ok, "memo warm");
    /* The memo must actually be exercised, or this test proves nothing. */
    cr_assert_gt(hits - hits0, (lookups - lookups0) / 2, "only %llu of %llu lookups hit",
                 (unsigned long long)(hits - hits0), (unsigned long long)(lookups - lookups0));

    for (size_t i = 0; i < c.count; i++) {
        free(c.der[i]);
    }
    free(c.der);
    free(c.len);
    free(off);
    free(cold);
    free(warm);
    free(ok);
}

/* The same bytes under two kinds must not share an entry. */
Test(facts_memo, kinds_do_not_collide) {
    static const uint8_t bytes[] = {0x30, 0x03, 0x02, 0x01, 0x05};
    cs_der key = cs_der_make(bytes, sizeof bytes);
    cs_memo_rec rec;
    uint32_t r = 0;
    cs_memo_set_enabled(1);
    if (!cs_memo_lookup(&rec, CS_MEMO_EKU, key, 0, 0, NULL, &r)) {
        cs_memo_save(&rec, NULL, 7);
    }
    cr_assert(cs_memo_lookup(&rec, CS_MEMO_EKU, key, 0, 0, NULL, &r));
    cr_assert_eq(r, 7);
    cr_assert_not(cs_memo_lookup(&rec, CS_MEMO_SMALG_CP_SBR, key, 0, 0, NULL, &r));
    /* A computation marked context-dependent is not remembered. */
    cs_memo_forget(&rec);
    cs_memo_save(&rec, NULL, 1);
    cr_assert_not(cs_memo_lookup(&rec, CS_MEMO_SMALG_CP_SBR, key, 0, 0, NULL, &r));
}

/* A computation that sets a column outside its declared range is not remembered. */
Test(facts_memo, impure_computation_is_not_remembered) {
    static const uint8_t bytes[] = {0x04, 0x01, 0x09};
    cs_der key = cs_der_make(bytes, sizeof bytes);
    cs_facts f;
    memset(&f, 0, sizeof f);
    cs_memo_rec rec;
    cs_memo_set_enabled(1);
    cr_assert_not(cs_memo_lookup(&rec, CS_MEMO_NC, key, 100, 110, &f, NULL));
    cs_facts_set(&f, 105);
    cs_facts_set(&f, 200);
    cs_memo_save(&rec, &f, 0);
    memset(&f, 0, sizeof f);
    cr_assert_not(cs_memo_lookup(&rec, CS_MEMO_NC, key, 100, 110, &f, NULL));
    /* Within the range it is, and a hit replays exactly those columns. */
    cs_facts_set(&f, 105);
    cs_facts_set(&f, 109);
    cs_memo_save(&rec, &f, 0);
    memset(&f, 0, sizeof f);
    cr_assert(cs_memo_lookup(&rec, CS_MEMO_NC, key, 100, 110, &f, NULL));
    cr_assert(cs_facts_has(&f, 105) && cs_facts_has(&f, 109));
    cr_assert_not(cs_facts_has(&f, 106));
}
