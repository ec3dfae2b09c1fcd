/* What certscan should report: for every certificate the generator knows which rules its
 * injected defects (and its CA's documented habits) break, and counts them per issuing CA and
 * rule exactly as `certscan scan` does (a certificate counts once per rule). */
#ifndef CS_GEN_EXPECT_H
#define CS_GEN_EXPECT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define GEN_MAX_RULES        512
#define GEN_MAX_CERT_FINDING 32

/* The rules one certificate is expected to break (deduplicated on add). */
typedef struct gen_findings {
    uint16_t rule[GEN_MAX_CERT_FINDING];
    int num;
    uint64_t defects; /* bit per defect applied (gen_defect.h) */
} gen_findings;

/* A rule id interned to a small number; the string must outlive the process (a literal). */
int gen_rule_intern(const char *id);
const char *gen_rule_name(int index);
int gen_num_rules(void);

void gen_findings_clear(gen_findings *f);
void gen_findings_add(gen_findings *f, const char *rule_id);
int gen_findings_has(const gen_findings *f, const char *rule_id);

typedef struct gen_expect {
    size_t num_cas;
    uint64_t *issued;     /* per CA: certificates it issued */
    uint64_t *counts;     /* [ca * GEN_MAX_RULES + rule] */
    uint64_t *defect_use; /* per defect: certificates it was applied to */
    uint64_t clean, defective;
} gen_expect;

int gen_expect_init(gen_expect *e, size_t num_cas, size_t num_defects);
void gen_expect_free(gen_expect *e);
void gen_expect_add(gen_expect *e, size_t ca, const gen_findings *f);
/* Tab-separated: ca, rule, count; rule "*" holds the certificates the CA issued. `ca_names`
 * gives each CA's issuer string as certscan prints it. */
int gen_expect_write(const gen_expect *e, FILE *out, const char *const *ca_names);

#endif
