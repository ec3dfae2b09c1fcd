/* The aggregate's tables, shared by aggregate.c (counting, merging), agg_view.c (sorted views
 * for the outputs) and agg_cbor.c (files). Not for other modules: use aggregate.h. */
#ifndef CS_AGG_INTERNAL_H
#define CS_AGG_INTERNAL_H

#include <xxhash.h>

#include "scanner/agg_map.h"
#include "scanner/aggregate.h"

#define CS_AGG_SERIAL_MAX 32 /* serial content octets kept in a sample (longer: cut) */

/* An issuing CA: issuer Name DER plus the authorityKeyIdentifier keyIdentifier. */
typedef struct cs_agg_ca {
    uint8_t *issuer_der;
    uint32_t issuer_len;
    uint8_t has_aki;
    uint8_t *aki;
    uint32_t aki_len;
    char *name; /* the issuer as cs_x509_name_to_string writes it */
} cs_agg_ca;

/* Per (CA, profile, month). */
typedef struct cs_agg_cell {
    uint64_t scanned;
    uint64_t with_sev[CS_SEV_COUNT];
    uint64_t with_any;
    uint64_t findings;
} cs_agg_cell;

typedef struct cs_agg_sample {
    XXH128_hash_t id; /* content id: the order samples are kept in */
    uint8_t sha256[32];
    uint8_t serial_len;
    uint8_t serial[CS_AGG_SERIAL_MAX];
} cs_agg_sample;

/* Per (CA, rule). */
typedef struct cs_agg_carule {
    uint64_t count;
    int64_t first_nb, last_nb;
    uint32_t num_samples;
    cs_agg_sample *samples; /* ascending id, at most the aggregate's bound */
} cs_agg_carule;

typedef struct cs_agg_reason {
    char *key;
    uint64_t count;
    char *example;
    uint64_t example_input, example_index;
} cs_agg_reason;

typedef struct cs_agg_survey {
    const cs_agg_survey_ops *ops;
    void *state;
} cs_agg_survey;

/* Byte log of precertificates held until cs_agg_finish, in blocks so it never reallocates. */
typedef struct cs_agg_log_block {
    struct cs_agg_log_block *next;
    size_t len, cap;
    uint8_t data[];
} cs_agg_log_block;

/* Totals of what the scan read and counted, all shard-local (docs/report-schema.md). */
typedef struct cs_agg_totals {
    uint64_t inputs, input_errors, skipped_blocks, bytes; /* file-level: shard 1 only */
    uint64_t parsed, rejected;                            /* entries of this shard */
    uint64_t other_shards;
    uint64_t duplicates, precerts_with_final, excluded_by_mode;
} cs_agg_totals;

/* Profile code: (cs_profile << 3) | (precert << 2) | cs_kind. */
#define CS_AGG_CODE(profile, precert, kind)                                                        \
    ((uint8_t)(((profile) << 3) | ((precert) << 2) | (kind)))
#define CS_AGG_CODE_PROFILE(c) ((unsigned)(c) >> 3)
#define CS_AGG_CODE_PRECERT(c) (((unsigned)(c) >> 2) & 1u)
#define CS_AGG_CODE_KIND(c)    ((unsigned)(c)&3u)

/* Month key: months since 1900-01, clamped to 0..65535. */
#define CS_AGG_MONTH_BASE_YEAR 1900

/* Packed keys of the tables. */
#define CS_AGG_CELL_K0(ca, month, code)                                                            \
    (((uint64_t)(ca) << 32) | ((uint64_t)(month) << 8) | (uint64_t)(code))
#define CS_AGG_K0_CA(k0)    ((uint32_t)((k0) >> 32))
#define CS_AGG_K0_MONTH(k0) ((unsigned)(((k0) >> 8) & 0xFFFFu))
#define CS_AGG_K0_CODE(k0)  ((unsigned)((k0)&0xFFu))

struct cs_agg {
    /* rule table: from the rule set, or from a file */
    size_t num_rules;
    char **rule_id;
    uint8_t *rule_sev;
    char ruleset_version[64];
    const cs_ruleset *rules; /* NULL for a loaded aggregate */

    cs_agg_config cfg;
    uint64_t shard_mask_lo; /* shards covered, for merge: bit k-1 (shard_n <= 64) */

    /* CAs: dense list, found by the XXH3-128 of issuer DER + AKI */
    cs_agg_ca *cas;
    size_t num_cas, cas_cap;
    cs_amap ca_index; /* -> uint32_t index */

    cs_amap cells;     /* (ca, month, code) -> cs_agg_cell */
    cs_amap cellrules; /* (ca, month, code), rule -> uint64_t */
    cs_amap carules;   /* (ca << 32 | rule) -> cs_agg_carule */

    cs_agg_reason *reasons;
    size_t num_reasons;

    cs_agg_totals tot;
    char **inputs; /* sorted, unique */
    size_t num_inputs;

    cs_agg_owner_fn owner_fn;
    void *owner_ctx;
    cs_agg_survey surveys[CS_AGG_MAX_SURVEYS];
    size_t num_surveys;

    /* scanning only */
    cs_certset *seen;
    cs_agg_log_block *log_head, *log_tail;
    uint64_t log_bytes;   /* allocated for the log, for the --memory check */
    uint16_t *lane_rules; /* CS_BATCH_LANES x num_rules scratch */
};

/* An empty aggregate with its own copy of a rule table (loading files). */
cs_agg *cs_agg_new_table(size_t num_rules, char *const *ids, const uint8_t *sev,
                         const char *ruleset_version, const cs_agg_config *cfg);
/* Finds or adds a CA; returns its index or -1 when memory ran out. `name` NULL: rendered later
 * by the caller (only cs_agg_add_batch passes NULL, with `x`). */
long cs_agg_ca_intern(cs_agg *a, const uint8_t *issuer, size_t issuer_len, const uint8_t *aki,
                      size_t aki_len, int has_aki, const cs_x509 *x, const char *name);
/* The index in `a` of the CA `ca` of another aggregate (same issuer Name and key id), or -1. */
long cs_agg_ca_find(const cs_agg *a, const cs_agg_ca *ca);
/* Adds a sample to a (CA, rule), keeping the bound. Returns 0 when memory ran out. */
int cs_agg_carule_sample(cs_agg *a, cs_agg_carule *cr, const cs_agg_sample *s);
int cs_agg_add_reason(cs_agg *a, const char *key, uint64_t count, const char *example,
                      uint64_t input, uint64_t index);
int cs_agg_add_input(cs_agg *a, const char *path);
/* Month key of a notBefore; "YYYY-MM" of a month key. */
unsigned cs_agg_month_of(int64_t epoch);
void cs_agg_month_text(unsigned month, char out[8]);
/* "YYYY-MM-DDTHH:MM:SSZ". */
void cs_agg_time_text(int64_t epoch, char out[32]);
/* Profile name of a code ("smime.mailbox.strict", "pkix.precert", ...). */
const char *cs_agg_code_name(unsigned code);
/* The survey kind registered under this name, or NULL. */
const cs_agg_survey_ops *cs_agg_registered_survey(const char *name);
/* The owner for a CA (NULL when no hook or unknown). */
const char *cs_agg_ca_owner(const cs_agg *a, const cs_agg_ca *ca);

#endif
