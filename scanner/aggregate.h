/* Aggregates of a scan (issue 7): per issuing CA, rule, severity, profile and month of
 * notBefore, the certificates counted (the denominator), the certificates with at least one
 * finding per severity, and the findings; per (CA, rule) the first and last notBefore and a
 * bounded sample of certificates; entries rejected per reason.
 *
 * Each worker fills its own aggregate (no lock) and they are merged at the end; saved
 * aggregates (`--save`, CBOR) merge the same way (`certscan merge`). Merging is associative and
 * commutative and independent of batch order: counts add, first/last are min/max, and a sample
 * keeps the certificates with the smallest content ids (XXH3-128), so one scan, any -j, and
 * disjoint shards merged give the same bytes.
 *
 * Counting (issue 6): certificates are counted once however often they appear (the shared
 * cs_certset, keyed by the pairing key below), and a precertificate is counted according to the
 * counting mode: with final-or-precert (the default) only when its final certificate is not in
 * the corpus. A precertificate that might still meet its final is held in its worker's log
 * (about 24 bytes plus 2 per finding) until cs_agg_finish; scanner/README.md gives the memory
 * per distinct certificate. */
#ifndef CS_AGGREGATE_H
#define CS_AGGREGATE_H

#include <stdint.h>
#include <stdio.h>

#include "scanner/certset.h"
#include "scanner/scan.h"

typedef struct cs_agg cs_agg;

typedef enum cs_count_mode {
    CS_COUNT_FINAL_OR_PRECERT = 0, /* a precertificate counts when its final is absent */
    CS_COUNT_ALL,                  /* certificates and precertificates */
    CS_COUNT_FINAL,                /* certificates only */
    CS_COUNT_PRECERT,              /* precertificates only */
    CS_COUNT_MODE_COUNT
} cs_count_mode;

const char *cs_count_mode_name(cs_count_mode mode); /* "final-or-precert", "all", ... */
int cs_count_mode_parse(const char *text, cs_count_mode *out);

#define CS_AGG_DEFAULT_SAMPLES 10
#define CS_AGG_MAX_SAMPLES     1000

typedef struct cs_agg_config {
    cs_count_mode mode;
    unsigned samples; /* per (CA, rule) */
    uint32_t shard_k; /* 1..shard_n; 0 when not sharded */
    uint32_t shard_n; /* 0 when not sharded */
    int has_as_of;    /* --as-of, recorded in saved files */
    int64_t as_of;
} cs_agg_config;

void cs_agg_config_default(cs_agg_config *cfg);

/* `seen` (shared by every worker of the scan, may be NULL for no deduplication and no pairing)
 * must outlive the aggregate's cs_agg_finish. */
cs_agg *cs_agg_new(const cs_ruleset *rules, const cs_agg_config *cfg, cs_certset *seen);
void cs_agg_free(cs_agg *a);
/* Adds a scanned batch (on the worker's thread). Returns 0 when memory ran out. */
int cs_agg_add_batch(cs_agg *a, const cs_scan_batch *b);
/* After the scan, before merging: counts the held precertificates whose final certificate never
 * came. Returns 0 when memory ran out. */
int cs_agg_finish(cs_agg *a);
/* Adds `src` into `dst`. Refuses (0, with a message) aggregates made with another rule set,
 * counting mode or as-of date, or sharing a shard; 0 with "out of memory" too. */
int cs_agg_merge(cs_agg *dst, const cs_agg *src, char *errbuf, size_t errlen);
/* Records the scan's totals and inputs (the paths as given) in the aggregate. Returns 0 when
 * memory ran out. */
int cs_agg_set_scan(cs_agg *a, const cs_scan_totals *t, const char *const *inputs, size_t n);

/* CA owner (CCADB): called with a CA's issuer Name DER and authorityKeyIdentifier keyIdentifier
 * (aki NULL when absent); returns the owner's name or NULL. Every output adds `ca_owner`. */
typedef const char *(*cs_agg_owner_fn)(void *ctx, const uint8_t *issuer_dn, size_t issuer_len,
                                       const uint8_t *aki, size_t aki_len);
void cs_agg_set_owner(cs_agg *a, cs_agg_owner_fn fn, void *ctx);
int cs_agg_has_owner(const cs_agg *a);

/* Surveys (survey.[ch]) ride along in reports and files under "surveys": the lead attaches a
 * merged survey state; merge, save and load call these. `cbor_*` take and return cbor_item_t *. */
typedef struct cs_agg_survey_ops {
    const char *name; /* key under "surveys" */
    int (*merge)(void *dst, const void *src);
    void (*json)(FILE *out, const void *state); /* one JSON value */
    void (*text)(FILE *out, const void *state); /* after the text report; may be NULL */
    void *(*cbor_encode)(const void *state);
    void *(*cbor_decode)(const void *item); /* NULL on a malformed item */
    int (*csv)(const void *state, const char *dir);
    void (*free)(void *state);
} cs_agg_survey_ops;
#define CS_AGG_MAX_SURVEYS 4
/* Registers a survey kind for cs_agg_load (process-wide, before any load). */
void cs_agg_register_survey(const cs_agg_survey_ops *ops);
/* The aggregate takes ownership of `state`. Returns 0 when all slots are taken. */
int cs_agg_attach_survey(cs_agg *a, const cs_agg_survey_ops *ops, void *state);

/* CBOR aggregate file (docs/report-schema.md). Return 0 with a message on failure. */
int cs_agg_save(const cs_agg *a, const char *path, char *errbuf, size_t errlen);
cs_agg *cs_agg_load(const char *path, char *errbuf, size_t errlen);

#define CS_REPORT_TOP_DEFAULT 25 /* CAs in the text report */
#define CS_REPORT_TOP_RULES   10 /* rules per CA in the text report */

typedef struct cs_survey cs_survey;

typedef struct cs_report_options {
    size_t top_cas;     /* text: list at most this many CAs (0: every CA with findings) */
    int all_cas;        /* text: list CAs without findings too */
    int group_by_owner; /* text: group CAs by their owner */
    /* JSON: more members written before the report's closing brace (e.g. ",\"ca_owners\":{}") */
    void (*json_extra)(FILE *out, const void *ctx);
    const void *json_extra_ctx;
} cs_report_options;

/* The terminal report (100 columns). */
void cs_report_text(FILE *out, const cs_agg *a, const cs_report_options *opt);
/* The JSON document of docs/report-schema.md: what `scan --format json` and `report --json`
 * print, and what the HTML report renders. */
void cs_report_json(FILE *out, const cs_agg *a, const cs_report_options *opt);
/* One CSV file per table in `dir` (created if missing). Returns 0 with a message on failure. */
int cs_report_csv(const char *dir, const cs_agg *a, const cs_report_options *opt, char *errbuf,
                  size_t errlen);

/* Read access for tests. */
size_t cs_agg_num_cas(const cs_agg *a);
/* Certificates counted and with a finding of rule `rule` for the CA whose issuer string is
 * `issuer` (as cs_x509_name_to_string writes it; CAs of that name added up); 0 when unknown. */
uint64_t cs_agg_ca_scanned(const cs_agg *a, const char *issuer);
uint64_t cs_agg_ca_rule(const cs_agg *a, const char *issuer, size_t rule);
uint64_t cs_agg_rule_total(const cs_agg *a, size_t rule);
/* Rejections per reason key (see cs_scan_entry_reason); 0 when none. */
uint64_t cs_agg_rejected(const cs_agg *a, const char *reason);
/* Totals as counted: certificates, duplicates, precertificates dropped for their final, entries
 * excluded by the counting mode, entries of other shards. */
typedef struct cs_agg_counted {
    uint64_t certificates, duplicates, precerts_with_final, excluded_by_mode, other_shards;
} cs_agg_counted;
void cs_agg_get_counted(const cs_agg *a, cs_agg_counted *out);

/* Lookups in a loaded aggregate (scan --baseline marks --findings lines with them): a rule's
 * index by id, the index of a certificate's issuing CA (issuer Name and AKI key id), the
 * certificates counted with a finding of that rule for that CA. -1 and 0 when absent. */
long cs_agg_rule_index(const cs_agg *a, const char *rule_id);
long cs_agg_ca_of_cert(const cs_agg *a, const cs_x509 *x);
uint64_t cs_agg_pair_count(const cs_agg *a, long ca, long rule);

/* The pairing key of a certificate: XXH3-64 of its TBSCertificate content without the CT poison
 * and SCT list extensions and without the headers of the extensions' [3] and SEQUENCE, so a
 * precertificate and its final certificate (RFC 6962 §3.1) share it. Also what --shard and
 * --passes select by (scanner/agg_keys.c). */
uint64_t cs_agg_pair_key(const cs_x509 *x);
/* The key of one certificate's bytes, for counting copies once: the pairing key extended with
 * the signature after the TBSCertificate. */
uint64_t cs_agg_copy_key(const cs_x509 *x, uint64_t pair_key);
/* Where a final certificate's pairing key is recorded in the table (--count final-or-precert),
 * so that a precertificate finds it. */
uint64_t cs_agg_final_key(uint64_t pair_key);
/* The lanes of a scanned batch that belong to the aggregate's shard (every lane when not
 * sharded; rejected entries always): what a survey attached to it may count. */
uint64_t cs_agg_shard_lanes(const cs_agg *a, const cs_scan_batch *b);
/* Bytes allocated for held precertificates (released by cs_agg_finish): on the worker's
 * thread, for the --memory check. */
uint64_t cs_agg_held_bytes(const cs_agg *a);
/* After cs_agg_finish and the merge of its scan's workers: forgets the key table, which may then
 * be freed (a later table at the same address must not make another scan's aggregate look like
 * a worker of the same scan to cs_agg_merge). */
void cs_agg_detach_seen(cs_agg *a);

#endif
