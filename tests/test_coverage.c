/* Peer coverage: every pkilint S/MIME finding code and every zlint CABF_SMIME_BR lint
 * (the lists in rules/peers/) is named as an equivalent by some rule, or explained in
 * rules/DEVIATIONS.md. Prints the counts a reader of rules/COVERAGE.md would want. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/engine.h"

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    size_t got = fread(text, 1, (size_t)n, f);
    text[got] = '\0';
    fclose(f);
    return text;
}

static int named(const cs_ruleset *rs, const char *code, int zlint) {
    for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
        const cs_rule *r = cs_ruleset_rule(rs, i);
        const char *const *names = zlint ? r->zlint : r->pkilint;
        for (size_t k = 0; names != NULL && names[k] != NULL; k++) {
            if (strcmp(names[k], code) == 0) {
                return 1;
            }
        }
    }
    return 0;
}

static void check_peer(const char *file, int zlint, size_t min_codes) {
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    cr_assert_not_null(rs, "%s", err);
    char *list = slurp(file);
    char *dev = slurp(CS_SOURCE_DIR "/rules/DEVIATIONS.md");
    size_t total = 0, mapped = 0, explained = 0, missing = 0;
    for (char *line = strtok(list, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        char code[160];
        if (sscanf(line, "%159[^\t]", code) != 1) {
            continue;
        }
        total++;
        char quoted[170];
        snprintf(quoted, sizeof quoted, "`%s`", code);
        if (named(rs, code, zlint)) {
            mapped++;
        } else if (strstr(dev, quoted) != NULL) {
            explained++;
        } else {
            missing++;
            printf("coverage: %s %s is neither named by a rule nor explained\n",
                   zlint ? "zlint" : "pkilint", code);
        }
    }
    printf("coverage %s: %zu checks, %zu named by rules, %zu explained in DEVIATIONS.md, %zu "
           "missing\n",
           zlint ? "zlint S/MIME" : "pkilint S/MIME", total, mapped, explained, missing);
    fflush(stdout);
    cr_assert_geq(total, min_codes);
    cr_assert_eq(missing, 0);
    free(list);
    free(dev);
    cs_ruleset_free(rs);
}

Test(coverage, pkilint_smime_codes) {
    check_peer(CS_SOURCE_DIR "/rules/peers/pkilint-smime-codes.tsv", 0, 185);
}

Test(coverage, zlint_smime_lints) {
    check_peer(CS_SOURCE_DIR "/rules/peers/zlint-smime-lints.tsv", 1, 37);
}
