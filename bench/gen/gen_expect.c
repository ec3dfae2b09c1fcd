#include "bench/gen/gen_expect.h"

#include <stdlib.h>
#include <string.h>

static const char *gen_rules[GEN_MAX_RULES];
static int gen_rules_count;

int gen_rule_intern(const char *id) {
    for (int i = 0; i < gen_rules_count; i++) {
        if (gen_rules[i] == id || strcmp(gen_rules[i], id) == 0) {
            return i;
        }
    }
    if (gen_rules_count == GEN_MAX_RULES) {
        abort(); /* more distinct rules than the generator can name: a programming error */
    }
    gen_rules[gen_rules_count] = id;
    return gen_rules_count++;
}

const char *gen_rule_name(int index) {
    return gen_rules[index];
}

int gen_num_rules(void) {
    return gen_rules_count;
}

void gen_findings_clear(gen_findings *f) {
    f->num = 0;
    f->defects = 0;
}

void gen_findings_add(gen_findings *f, const char *rule_id) {
    int r = gen_rule_intern(rule_id);
    for (int i = 0; i < f->num; i++) {
        if (f->rule[i] == r) {
            return;
        }
    }
    if (f->num < GEN_MAX_CERT_FINDING) {
        f->rule[f->num++] = (uint16_t)r;
    }
}

int gen_findings_has(const gen_findings *f, const char *rule_id) {
    int r = gen_rule_intern(rule_id);
    for (int i = 0; i < f->num; i++) {
        if (f->rule[i] == r) {
            return 1;
        }
    }
    return 0;
}

int gen_expect_init(gen_expect *e, size_t num_cas, size_t num_defects) {
    memset(e, 0, sizeof *e);
    e->num_cas = num_cas;
    e->issued = calloc(num_cas, sizeof *e->issued);
    e->counts = calloc(num_cas * GEN_MAX_RULES, sizeof *e->counts);
    (void)num_defects; /* one counter per bit of gen_findings.defects */
    e->defect_use = calloc(64, sizeof *e->defect_use);
    return e->issued != NULL && e->counts != NULL && e->defect_use != NULL;
}

void gen_expect_free(gen_expect *e) {
    free(e->issued);
    free(e->counts);
    free(e->defect_use);
    memset(e, 0, sizeof *e);
}

void gen_expect_add(gen_expect *e, size_t ca, const gen_findings *f) {
    e->issued[ca]++;
    for (int i = 0; i < f->num; i++) {
        e->counts[ca * GEN_MAX_RULES + f->rule[i]]++;
    }
    if (f->defects != 0) {
        e->defective++;
        for (int d = 0; d < 64; d++) {
            if (f->defects & ((uint64_t)1 << d)) {
                e->defect_use[d]++;
            }
        }
    } else {
        e->clean++;
    }
}

int gen_expect_write(const gen_expect *e, FILE *out, const char *const *ca_names) {
    fprintf(out, "# certscan-gen expected findings per issuing CA and rule; rule \"*\" is the "
                 "number of certificates the CA issued\n");
    fprintf(out, "ca\trule\tcount\n");
    for (size_t c = 0; c < e->num_cas; c++) {
        if (e->issued[c] == 0) {
            continue;
        }
        fprintf(out, "%s\t*\t%llu\n", ca_names[c], (unsigned long long)e->issued[c]);
        for (int r = 0; r < gen_rules_count; r++) {
            uint64_t n = e->counts[c * GEN_MAX_RULES + (size_t)r];
            if (n != 0) {
                fprintf(out, "%s\t%s\t%llu\n", ca_names[c], gen_rules[r], (unsigned long long)n);
            }
        }
    }
    return ferror(out) == 0;
}
