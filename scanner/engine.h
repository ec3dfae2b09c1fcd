/* The rule engine: evaluates every rule over batches of 64 certificates.
 *
 * Per batch: each lane's facts are transposed into column words once; then for each rule the
 * engine forms the mask of lanes it applies to (kind, profile, effective dates) and computes the
 * finding mask from the rule's predicate, per-certificate check or batch function. The result is
 * one word per rule: bit i set = certificate i has that rule's finding.
 */
#ifndef CS_ENGINE_H
#define CS_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "rules/rule.h"
#include "scanner/facts.h"
#include "scanner/x509.h"

#define CS_BATCH_LANES 64
/* Distinct effective/ineffective dates across all rules (ballots and RFC dates: a few dozen). */
#define CS_ENGINE_MAX_DATES 256

typedef struct cs_batch {
    unsigned n;         /* lanes in use */
    unsigned extracted; /* lanes [0, extracted) have their facts and columns */
    uint64_t valid;     /* lanes holding a parsed certificate */
    const cs_x509 *x509[CS_BATCH_LANES];
    cs_facts facts[CS_BATCH_LANES];
    uint64_t col[CS_COL_COUNT];        /* transposed facts */
    uint64_t kind[CS_KIND_COUNT];      /* lanes per kind */
    const cs_profile_config *profiles; /* --profile-map / --profile, set by cs_batch_reset */
} cs_batch;

typedef struct cs_ruleset_options {
    /* Judge every certificate by the rules in force at this time (seconds since the epoch)
     * instead of at its notBefore. */
    int has_as_of;
    int64_t as_of;
} cs_ruleset_options;

typedef struct cs_ruleset cs_ruleset;

/* Builds the rule set from the linked rules, sorted by id. Returns NULL and writes a message
 * when a declaration is invalid (bad date, duplicate id). */
cs_ruleset *cs_ruleset_new(const cs_ruleset_options *options, char *errbuf, size_t errlen);
void cs_ruleset_free(cs_ruleset *rs);
size_t cs_ruleset_count(const cs_ruleset *rs);
const cs_rule *cs_ruleset_rule(const cs_ruleset *rs, size_t index);
/* Index of a rule by id, or -1. */
long cs_ruleset_find(const cs_ruleset *rs, const char *id);
/* Parsed effective / ineffective dates of rule `index` (INT64_MIN / INT64_MAX when unset). */
int64_t cs_ruleset_effective(const cs_ruleset *rs, size_t index);
int64_t cs_ruleset_ineffective(const cs_ruleset *rs, size_t index);

/* Parses "YYYY-MM-DD" (or "YYYY-MM-DDTHH:MM:SSZ") into seconds since the epoch. */
int cs_parse_date(const char *text, int64_t *out);

/* Empties the batch; `profiles` (may be NULL) is the profile configuration for the
 * certificates added next. */
void cs_batch_reset(cs_batch *b, const cs_profile_config *profiles);
/* Adds a parsed certificate (the view must outlive the evaluation). Returns the lane. Its facts
 * are extracted by cs_batch_extract, which cs_engine_eval calls: a whole batch at a time, one
 * fact area after the other, keeps each area's code in the instruction cache. */
unsigned cs_batch_add(cs_batch *b, const cs_x509 *x509);
/* Extracts the facts of the lanes added since the last call and fills the columns. */
void cs_batch_extract(cs_batch *b);
/* Adds a lane without a certificate (an entry that failed to parse), keeping lanes aligned with
 * input entries. */
unsigned cs_batch_add_empty(cs_batch *b);

/* Evaluates all rules; out_fail has cs_ruleset_count() words. */
void cs_engine_eval(const cs_ruleset *rs, cs_batch *b, uint64_t *out_fail);

#endif
