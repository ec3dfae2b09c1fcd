/* Agreement with zlint on real certificates: every CCADB certificate of corpora/ccadb, linted
 * in-process, against zlint 3.7's recorded results on the same certificates
 * (corpora/oracles/zlint-ccadb.tsv, derived by tools/oracle_compare.py; see its README).
 *
 * For every rule that names zlint lints, each certificate is counted as both, only certscan,
 * only zlint, sibling (zlint's lint fired and another rule naming the same lint reports it: the
 * finding exists under a finer certscan name) or neither; zlint's NA/NE/pass are no finding and
 * its "fatal" leaves the certificate out for that lint. Every disagreement must be accounted for
 * by rows of rules/DEVIATIONS.md of the form
 *
 *     | `rule` | `lint` | zlint-ccadb | only-certscan | N | reason |      (or only-zlint)
 *
 * whose N (summed over the rows of a rule, lint and side; only-certscan rows of a rule may name
 * any of its lints) is at least the number observed. Rows for the other oracles (zlint-testdata,
 * pkilint-smime) are checked by tools/oracle_compare.py --check, which needs ../shared. A new
 * disagreement, or a larger one, fails the test until a rule is fixed or the reason written down.
 * The same comparison, with the certificates listed, is `tools/oracle_compare.py`. */
#include <criterion/criterion.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/input.h"
#include "scanner/engine.h"

#define ORACLE_TSV CS_SOURCE_DIR "/corpora/oracles/zlint-ccadb.tsv"
#define CCADB_DIR  CS_SOURCE_DIR "/corpora/ccadb"
#define MAX_LINTS  512 /* distinct zlint lints named by rules (164 today) */
#define RULE_LINTS 8   /* zlint lints one rule names (2 at most today) */
#define SEEN_SLOTS 32768u

typedef struct oracle_row {
    uint8_t sha[32];
    uint16_t lint; /* index into the lint table */
    uint8_t fatal; /* zlint's lint failed: no decision */
} oracle_row;

typedef struct tally {
    size_t both, only_cs, sibling, neither, undecided;
    size_t only_z[RULE_LINTS]; /* per lint of the rule */
} tally;

typedef struct ctx {
    const cs_ruleset *rs;
    size_t num_rules;
    /* lint table: names, and for each the rules naming it */
    char *lint[MAX_LINTS];
    size_t num_lints;
    size_t *lint_rules[MAX_LINTS];
    size_t lint_num_rules[MAX_LINTS];
    uint8_t lint_kept[MAX_LINTS]; /* listed as kept in the TSV */
    /* per rule: its lints as indices (num 0: no zlint equivalent) */
    uint16_t rule_lint[1024][RULE_LINTS];
    size_t rule_num_lints[1024];
    /* oracle */
    oracle_row *rows;
    size_t num_rows;
    uint8_t (*unparsed)[32];
    size_t num_unparsed;
    size_t judged_declared;
    /* corpus */
    uint8_t (*seen)[32]; /* open addressing on the first bytes of the hash */
    uint8_t *seen_used;
    size_t duplicates, skipped_unparsed, parse_failures, compared;
    /* the batch being filled */
    cs_batch *batch;
    cs_x509 *x509[CS_BATCH_LANES];
    uint8_t *der[CS_BATCH_LANES];
    uint8_t sha[CS_BATCH_LANES][32];
    unsigned lanes;
    uint64_t *fail;
    tally *tallies;
} ctx;

static long lint_index(const ctx *c, const char *name) {
    for (size_t i = 0; i < c->num_lints; i++) {
        if (strcmp(c->lint[i], name) == 0) {
            return (long)i;
        }
    }
    return -1;
}

/* The lint table from the rules' .zlint lists. */
static void build_lints(ctx *c) {
    for (size_t r = 0; r < c->num_rules; r++) {
        const cs_rule *rule = cs_ruleset_rule(c->rs, r);
        for (size_t k = 0; rule->zlint != NULL && rule->zlint[k] != NULL; k++) {
            long li = lint_index(c, rule->zlint[k]);
            if (li < 0) {
                cr_assert_lt(c->num_lints, MAX_LINTS);
                li = (long)c->num_lints;
                c->lint[c->num_lints] = strdup(rule->zlint[k]);
                c->lint_rules[c->num_lints] = calloc(c->num_rules, sizeof(size_t));
                c->num_lints++;
            }
            cr_assert_lt(c->rule_num_lints[r], RULE_LINTS, "%s names too many lints", rule->id);
            c->rule_lint[r][c->rule_num_lints[r]++] = (uint16_t)li;
            c->lint_rules[li][c->lint_num_rules[li]++] = r;
        }
    }
}

static int hex_to_sha(const char *hex, uint8_t out[32]) {
    for (int i = 0; i < 32; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
            return 0;
        }
        out[i] = (uint8_t)v;
    }
    return hex[64] == '\0';
}

static int cmp_row(const void *a, const void *b) {
    const oracle_row *x = a, *y = b;
    int d = memcmp(x->sha, y->sha, 32);
    return d != 0 ? d : (int)x->lint - (int)y->lint;
}

static int cmp_sha(const void *a, const void *b) {
    return memcmp(a, b, 32);
}

static void load_oracle(ctx *c) {
    FILE *f = fopen(ORACLE_TSV, "r");
    cr_assert_not_null(f, "%s is missing", ORACLE_TSV);
    size_t cap = 4096, ucap = 64;
    c->rows = malloc(cap * sizeof *c->rows);
    c->unparsed = malloc(ucap * sizeof *c->unparsed);
    char line[512];
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        char a[128], b[128], v[32];
        if (strncmp(line, "#lint\t", 6) == 0) {
            long li = lint_index(c, line + 6);
            if (li >= 0) {
                c->lint_kept[li] = 1;
            }
            continue;
        }
        if (sscanf(line, "# certificates judged: %zu", &c->judged_declared) == 1 ||
            line[0] == '#' || line[0] == '\0') {
            continue;
        }
        cr_assert_eq(sscanf(line, "%127[^\t]\t%127[^\t]\t%31s", a, b, v), 3, "bad line: %s", line);
        uint8_t sha[32];
        cr_assert(hex_to_sha(a, sha), "bad hash: %s", line);
        if (strcmp(b, "-") == 0) {
            if (c->num_unparsed == ucap) {
                ucap *= 2;
                c->unparsed = realloc(c->unparsed, ucap * sizeof *c->unparsed);
            }
            memcpy(c->unparsed[c->num_unparsed++], sha, 32);
            continue;
        }
        long li = lint_index(c, b);
        if (li < 0) {
            continue; /* a lint no rule names any more */
        }
        if (c->num_rows == cap) {
            cap *= 2;
            c->rows = realloc(c->rows, cap * sizeof *c->rows);
        }
        oracle_row *row = &c->rows[c->num_rows++];
        memcpy(row->sha, sha, 32);
        row->lint = (uint16_t)li;
        row->fatal = strcmp(v, "fatal") == 0;
    }
    fclose(f);
    qsort(c->rows, c->num_rows, sizeof *c->rows, cmp_row);
    qsort(c->unparsed, c->num_unparsed, sizeof *c->unparsed, cmp_sha);
    cr_assert_gt(c->judged_declared, 0, "%s has no '# certificates judged' line", ORACLE_TSV);
    /* A lint a rule names but the TSV did not keep would read as "zlint found nothing". */
    for (size_t i = 0; i < c->num_lints; i++) {
        cr_assert(c->lint_kept[i],
                  "%s lacks %s, which a rule now names: regenerate it with "
                  "tools/oracle_compare.py --write-tsv",
                  ORACLE_TSV, c->lint[i]);
    }
}

/* The oracle rows of one certificate: [*first, *first + count). */
static size_t rows_of(const ctx *c, const uint8_t sha[32], size_t *first) {
    size_t lo = 0, hi = c->num_rows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (memcmp(c->rows[mid].sha, sha, 32) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    size_t end = lo;
    while (end < c->num_rows && memcmp(c->rows[end].sha, sha, 32) == 0) {
        end++;
    }
    *first = lo;
    return end - lo;
}

/* CCADB lists some certificates more than once; each is compared once. */
static int first_sighting(ctx *c, const uint8_t sha[32]) {
    uint32_t h;
    memcpy(&h, sha, sizeof h);
    for (uint32_t i = 0; i < SEEN_SLOTS; i++) {
        uint32_t slot = (h + i) & (SEEN_SLOTS - 1);
        if (!c->seen_used[slot]) {
            c->seen_used[slot] = 1;
            memcpy(c->seen[slot], sha, 32);
            return 1;
        }
        if (memcmp(c->seen[slot], sha, 32) == 0) {
            return 0;
        }
    }
    cr_assert_fail("more than %u certificates", SEEN_SLOTS);
    return 0;
}

/* Whether zlint found (1), did not find (0) or could not decide (-1) lint `li` on a
 * certificate whose rows are [first, first + n). */
static int peer_result(const ctx *c, size_t first, size_t n, uint16_t li) {
    for (size_t i = first; i < first + n; i++) {
        if (c->rows[i].lint == li) {
            return c->rows[i].fatal ? -1 : 1;
        }
    }
    return 0;
}

static void compare_lane(ctx *c, unsigned lane) {
    size_t first, n = rows_of(c, c->sha[lane], &first);
    for (size_t r = 0; r < c->num_rules; r++) {
        size_t nl = c->rule_num_lints[r];
        if (nl == 0) {
            continue;
        }
        tally *t = &c->tallies[r];
        int mine = (int)((c->fail[r] >> lane) & 1);
        int decided = 0, hits = 0, sibling = 0;
        int hit[RULE_LINTS] = {0};
        for (size_t k = 0; k < nl; k++) {
            uint16_t li = c->rule_lint[r][k];
            int res = peer_result(c, first, n, li);
            if (res < 0) {
                continue;
            }
            decided = 1;
            if (res == 1) {
                hit[k] = 1;
                hits = 1;
                for (size_t s = 0; s < c->lint_num_rules[li]; s++) {
                    size_t other = c->lint_rules[li][s];
                    sibling |= other != r && ((c->fail[other] >> lane) & 1);
                }
            }
        }
        if (!decided) {
            t->undecided++;
        } else if (mine && hits) {
            t->both++;
        } else if (mine) {
            t->only_cs++;
        } else if (hits && sibling) {
            t->sibling++;
        } else if (hits) {
            for (size_t k = 0; k < nl; k++) {
                t->only_z[k] += (size_t)hit[k];
            }
        } else {
            t->neither++;
        }
    }
}

static void flush(ctx *c) {
    if (c->lanes == 0) {
        return;
    }
    cs_engine_eval(c->rs, c->batch, c->fail);
    for (unsigned lane = 0; lane < c->lanes; lane++) {
        compare_lane(c, lane);
        free(c->der[lane]);
    }
    c->compared += c->lanes;
    c->lanes = 0;
    cs_batch_reset(c->batch, NULL);
}

static int lint_file(void *arg, const char *path) {
    ctx *c = arg;
    char err[256];
    cs_input *in = cs_input_open(path, CS_INPUT_AUTO, err, sizeof err);
    cr_assert_not_null(in, "%s", err);
    cs_entry e;
    while (cs_input_next(in, &e)) {
        if (e.status != CS_ENTRY_OK) {
            continue;
        }
        uint8_t sha[32];
        SHA256(e.der, e.der_len, sha);
        if (!first_sighting(c, sha)) {
            c->duplicates++;
            continue;
        }
        if (bsearch(sha, c->unparsed, c->num_unparsed, sizeof *c->unparsed, cmp_sha) != NULL) {
            c->skipped_unparsed++;
            continue;
        }
        /* The view points into the DER, which the input reuses on the next call. */
        unsigned lane = c->lanes;
        c->der[lane] = malloc(e.der_len);
        memcpy(c->der[lane], e.der, e.der_len);
        cs_der_error derr;
        if (!cs_x509_parse(c->x509[lane], c->der[lane], e.der_len, &derr)) {
            c->parse_failures++;
            free(c->der[lane]);
            continue;
        }
        memcpy(c->sha[lane], sha, 32);
        cs_batch_add(c->batch, c->x509[lane]);
        if (++c->lanes == CS_BATCH_LANES) {
            flush(c);
        }
    }
    cs_input_close(in);
    return 1;
}

/* Documented disagreements with the CCADB oracle: the sum of N over the rows naming this rule,
 * side and (for only-zlint; NULL for only-certscan) lint. */
static size_t documented(const char *text, const char *rule, const char *lint, const char *side) {
    size_t total = 0;
    for (const char *p = text; p != NULL && (p = strstr(p, "\n| `")) != NULL; p++) {
        char r[160], l[160], o[32], s[32];
        unsigned count;
        if (sscanf(p + 1, "| `%159[^`]` | `%159[^`]` | %31s | %31s | %u |", r, l, o, s, &count) ==
                5 &&
            strcmp(o, "zlint-ccadb") == 0 && strcmp(r, rule) == 0 && strcmp(s, side) == 0 &&
            (lint == NULL || strcmp(l, lint) == 0)) {
            total += count;
        }
    }
    return total;
}

typedef struct order {
    size_t rule;
    size_t disagree;
} order;

static int cmp_order(const void *a, const void *b) {
    const order *x = a, *y = b;
    if (x->disagree != y->disagree) {
        return x->disagree < y->disagree ? 1 : -1;
    }
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

Test(oracle, zlint_on_ccadb_agrees_or_is_documented, .timeout = 900) {
    char err[256];
    ctx *c = calloc(1, sizeof *c);
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    cr_assert_not_null(rs, "%s", err);
    c->rs = rs;
    c->num_rules = cs_ruleset_count(rs);
    cr_assert_leq(c->num_rules, 1024);
    build_lints(c);
    load_oracle(c);
    c->seen = calloc(SEEN_SLOTS, sizeof *c->seen);
    c->seen_used = calloc(SEEN_SLOTS, 1);
    c->batch = malloc(sizeof *c->batch);
    for (unsigned i = 0; i < CS_BATCH_LANES; i++) {
        c->x509[i] = malloc(sizeof *c->x509[i]);
    }
    c->fail = calloc(c->num_rules, sizeof *c->fail);
    c->tallies = calloc(c->num_rules, sizeof *c->tallies);
    cs_batch_reset(c->batch, NULL);

    const char *roots[] = {CCADB_DIR};
    cr_assert(cs_input_walk(roots, 1, lint_file, NULL, c));
    flush(c);

    /* The TSV must describe this corpus: every certificate zlint judged was compared. */
    cr_assert_eq(c->parse_failures, 0, "%zu CCADB certificates did not parse", c->parse_failures);
    cr_assert_eq(c->compared, c->judged_declared,
                 "compared %zu certificates, the oracle judged %zu: corpus and TSV differ",
                 c->compared, c->judged_declared);
    cr_assert_eq(c->skipped_unparsed, c->num_unparsed);

    char *dev = NULL;
    {
        FILE *f = fopen(CS_SOURCE_DIR "/rules/DEVIATIONS.md", "rb");
        cr_assert_not_null(f);
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        fseek(f, 0, SEEK_SET);
        dev = malloc((size_t)len + 1);
        dev[fread(dev, 1, (size_t)len, f)] = '\0';
        fclose(f);
    }

    order *ord = malloc(c->num_rules * sizeof *ord);
    size_t num_ord = 0, agree_rules = 0, unexplained = 0, stale = 0;
    for (size_t r = 0; r < c->num_rules; r++) {
        if (c->rule_num_lints[r] == 0) {
            continue;
        }
        const tally *t = &c->tallies[r];
        size_t dis = t->only_cs;
        for (size_t k = 0; k < c->rule_num_lints[r]; k++) {
            dis += t->only_z[k];
        }
        agree_rules += dis == 0;
        ord[num_ord++] = (order){r, dis};
    }
    qsort(ord, num_ord, sizeof *ord, cmp_order);

    printf("zlint on CCADB: %zu certificates compared (%zu duplicates, %zu not parsed by zlint); "
           "%zu rules name a zlint lint, %zu agree on every certificate\n",
           c->compared, c->duplicates, c->skipped_unparsed, num_ord, agree_rules);
    printf("%-46s %-52s %6s %7s %7s %7s %7s\n", "rule", "zlint lint", "both", "only-cs", "only-z",
           "sibling", "neither");
    for (size_t i = 0; i < num_ord; i++) {
        size_t r = ord[i].rule;
        const cs_rule *rule = cs_ruleset_rule(rs, r);
        const tally *t = &c->tallies[r];
        for (size_t k = 0; k < c->rule_num_lints[r]; k++) {
            /* only-certscan belongs to the rule, so it is shown on its first lint's line */
            printf("%-46s %-52s %6zu %7zu %7zu %7zu %7zu\n", k == 0 ? rule->id : "",
                   c->lint[c->rule_lint[r][k]], k == 0 ? t->both : 0, k == 0 ? t->only_cs : 0,
                   t->only_z[k], k == 0 ? t->sibling : 0, k == 0 ? t->neither : 0);
        }
        if (t->only_cs > 0) {
            size_t doc = documented(dev, rule->id, NULL, "only-certscan");
            if (t->only_cs > doc) {
                unexplained++;
                printf("  UNEXPLAINED: %s only-certscan on %zu certificates, %zu documented\n",
                       rule->id, t->only_cs, doc);
            } else if (t->only_cs < doc) {
                stale++;
                printf("  note: %s only-certscan now %zu, %zu documented\n", rule->id, t->only_cs,
                       doc);
            }
        }
        for (size_t k = 0; k < c->rule_num_lints[r]; k++) {
            const char *lint = c->lint[c->rule_lint[r][k]];
            size_t doc = documented(dev, rule->id, lint, "only-zlint");
            if (t->only_z[k] > doc) {
                unexplained++;
                printf("  UNEXPLAINED: %s / %s only-zlint on %zu certificates, %zu documented\n",
                       rule->id, lint, t->only_z[k], doc);
            } else if (t->only_z[k] < doc) {
                stale++;
                printf("  note: %s / %s only-zlint now %zu, %zu documented\n", rule->id, lint,
                       t->only_z[k], doc);
            }
        }
    }
    printf("zlint on CCADB: %zu disagreements unexplained, %zu documented counts above the "
           "observed ones\n",
           unexplained, stale);
    fflush(stdout);
    cr_assert_gt(c->compared, 10000);
    cr_assert_eq(unexplained, 0,
                 "%zu (rule, lint) disagreements with zlint on CCADB are not in "
                 "rules/DEVIATIONS.md; see tools/oracle_compare.py --list -1",
                 unexplained);

    free(ord);
    free(dev);
    for (unsigned i = 0; i < CS_BATCH_LANES; i++) {
        free(c->x509[i]);
    }
    for (size_t i = 0; i < c->num_lints; i++) {
        free(c->lint[i]);
        free(c->lint_rules[i]);
    }
    free(c->tallies);
    free(c->fail);
    free(c->batch);
    free(c->seen);
    free(c->seen_used);
    free(c->rows);
    free(c->unparsed);
    free(c);
    cs_ruleset_free(rs);
}
