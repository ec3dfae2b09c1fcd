/* Agreement with zlint's development vectors.
 *
 * corpora/zlint/expected_results.tsv lists (lint, test file, expected status) from zlint's own
 * tests. For every lint that one of our rules names as its zlint equivalent, our rules must agree
 * with the expected status on every listed file: Error, Warn or Notice means a finding of that
 * rule; Pass, NA or NE means none. A deliberate disagreement must be listed in
 * rules/DEVIATIONS.md as a table row "| `lint` | `file` | reason |". */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/input.h"
#include "scanner/engine.h"

#define ZLINT_DIR CS_SOURCE_DIR "/corpora/zlint"

typedef struct row {
    char lint[128];
    char file[256];
    char status[16];
} row;

static row *load_rows(size_t *out_count) {
    FILE *f = fopen(ZLINT_DIR "/expected_results.tsv", "r");
    cr_assert_not_null(f);
    size_t cap = 2048, n = 0;
    row *rows = malloc(cap * sizeof *rows);
    char line[1024];
    int header = 1;
    while (fgets(line, sizeof line, f) != NULL) {
        if (header) {
            header = 0;
            continue;
        }
        row r;
        if (sscanf(line, "%127[^\t]\t%255[^\t]\t%15[^\t\n]", r.lint, r.file, r.status) != 3) {
            continue;
        }
        if (n == cap) {
            cap *= 2;
            rows = realloc(rows, cap * sizeof *rows);
        }
        rows[n++] = r;
    }
    fclose(f);
    *out_count = n;
    return rows;
}

/* Deliberate deviations: table rows of rules/DEVIATIONS.md naming a zlint lint and a file. */
static int is_deviation(const char *text, const char *lint, const char *file) {
    char needle[512];
    snprintf(needle, sizeof needle, "| `%s` | `%s` |", lint, file);
    return text != NULL && strstr(text, needle) != NULL;
}

static char *load_text(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)len + 1);
    size_t got = fread(text, 1, (size_t)len, f);
    text[got] = '\0';
    fclose(f);
    return text;
}

/* zlint's tables name most files relative to testdata/, but some S/MIME tests join a subfolder
 * in code (smime/MailboxAddressFromSAN/...): such a file is found by its path's ending. */
typedef struct find_ctx {
    const char *suffix;
    char found[512];
} find_ctx;

static int find_file(void *ctx, const char *path) {
    find_ctx *fc = ctx;
    size_t n = strlen(path), m = strlen(fc->suffix);
    if (fc->found[0] == '\0' && n > m && path[n - m - 1] == '/' &&
        strcmp(path + n - m, fc->suffix) == 0) {
        snprintf(fc->found, sizeof fc->found, "%s", path);
    }
    return 1;
}

static void resolve(const char *file, char *path, size_t len) {
    snprintf(path, len, "%s/testdata/%s", ZLINT_DIR, file);
    FILE *f = fopen(path, "rb");
    if (f != NULL) {
        fclose(f);
        return;
    }
    find_ctx fc = {.suffix = file};
    const char *root[] = {ZLINT_DIR "/testdata"};
    cs_input_walk(root, 1, find_file, NULL, &fc);
    if (fc.found[0] != '\0') {
        snprintf(path, len, "%s", fc.found);
    }
}

/* Lints the first certificate of a test file; sets fired[rule] for every finding. Returns 0 when
 * the file holds no parseable certificate. */
static int lint_file(const cs_ruleset *rs, const char *file, uint8_t *fired) {
    char path[512], err[256];
    resolve(file, path, sizeof path);
    cs_input *in = cs_input_open(path, CS_INPUT_AUTO, err, sizeof err);
    if (in == NULL) {
        return 0;
    }
    cs_entry e;
    int ok = 0;
    while (cs_input_next(in, &e)) {
        if (e.status != CS_ENTRY_OK) {
            continue;
        }
        cs_x509 *x = malloc(sizeof *x);
        cs_batch *b = malloc(sizeof *b);
        uint64_t *fail = calloc(cs_ruleset_count(rs), sizeof *fail);
        cs_der_error derr;
        if (cs_x509_parse(x, e.der, e.der_len, &derr)) {
            cs_batch_reset(b, NULL);
            cs_batch_add(b, x);
            cs_engine_eval(rs, b, fail);
            for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
                fired[i] = (uint8_t)(fail[i] & 1);
            }
            ok = 1;
        }
        free(fail);
        free(b);
        free(x);
        break;
    }
    cs_input_close(in);
    return ok;
}

static int names_lint(const cs_rule *r, const char *lint) {
    for (size_t i = 0; r->zlint != NULL && r->zlint[i] != NULL; i++) {
        if (strcmp(r->zlint[i], lint) == 0) {
            return 1;
        }
    }
    return 0;
}

Test(zlint, development_vectors_agree, .timeout = 600) {
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    cr_assert_not_null(rs, "%s", err);
    size_t num_rules = cs_ruleset_count(rs);
    size_t num_rows;
    row *rows = load_rows(&num_rows);
    cr_assert_gt(num_rows, 1000);
    char *deviations = load_text(CS_SOURCE_DIR "/rules/DEVIATIONS.md");
    uint8_t *fired = calloc(num_rules, 1);
    char current[256] = "";
    int current_ok = 0;
    size_t compared = 0, agree = 0, deliberate = 0, unexplained = 0, unparsed = 0;
    char lints_seen[512][128];
    size_t num_lints = 0;

    for (size_t i = 0; i < num_rows; i++) {
        const row *r = &rows[i];
        int mapped = 0;
        int ours = 0;
        for (size_t k = 0; k < num_rules; k++) {
            if (names_lint(cs_ruleset_rule(rs, k), r->lint)) {
                mapped = 1;
            }
        }
        if (!mapped) {
            continue;
        }
        if (strcmp(current, r->file) != 0) {
            snprintf(current, sizeof current, "%s", r->file);
            memset(fired, 0, num_rules);
            current_ok = lint_file(rs, r->file, fired);
        }
        if (!current_ok) {
            unparsed++;
            printf("zlint: %s: %s could not be parsed by certscan\n", r->lint, r->file);
            continue;
        }
        for (size_t k = 0; k < num_rules; k++) {
            if (fired[k] && names_lint(cs_ruleset_rule(rs, k), r->lint)) {
                ours = 1;
            }
        }
        int seen = 0;
        for (size_t l = 0; l < num_lints; l++) {
            seen |= strcmp(lints_seen[l], r->lint) == 0;
        }
        if (!seen && num_lints < 512) {
            snprintf(lints_seen[num_lints++], sizeof lints_seen[0], "%s", r->lint);
        }
        int expected = strcmp(r->status, "Error") == 0 || strcmp(r->status, "Warn") == 0 ||
                       strcmp(r->status, "Notice") == 0;
        compared++;
        if (ours == expected) {
            agree++;
        } else if (is_deviation(deviations, r->lint, r->file)) {
            deliberate++;
        } else {
            unexplained++;
            printf("zlint: DISAGREE %s on %s: zlint expects %s, certscan %s\n", r->lint, r->file,
                   r->status, ours ? "has a finding" : "has none");
        }
    }
    printf("zlint agreement: %zu lints mapped, %zu rows compared, %zu agree, %zu deliberate "
           "deviations (rules/DEVIATIONS.md), %zu unexplained, %zu files unparsed\n",
           num_lints, compared, agree, deliberate, unexplained, unparsed);
    fflush(stdout);
    cr_assert_gt(compared, 0);
    cr_assert_eq(unexplained, 0, "%zu rows disagree with zlint without a listed reason",
                 unexplained);
    cr_assert_eq(unparsed, 0);
    free(fired);
    free(deviations);
    free(rows);
    cs_ruleset_free(rs);
}
