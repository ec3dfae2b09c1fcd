/* Aggregates of a scan: entries rejected per reason, and per issuing CA and rule the number of
 * certificates with findings, with the certificates scanned per CA as the denominator.
 *
 * Each worker fills its own aggregate (no lock, no shared counter); they are merged at the end.
 * Whatever the order batches arrive in, the merged result is the same: counts add up, and the
 * example kept for a rejection reason is the one earliest in input order. */
#ifndef CS_AGGREGATE_H
#define CS_AGGREGATE_H

#include <stdint.h>
#include <stdio.h>

#include "scanner/scan.h"

typedef struct cs_agg cs_agg;

cs_agg *cs_agg_new(const cs_ruleset *rules);
void cs_agg_free(cs_agg *a);
/* Adds a scanned batch. Returns 0 when memory ran out. */
int cs_agg_add_batch(cs_agg *a, const cs_scan_batch *b);
/* Adds `src` into `dst` (same rule set). Returns 0 when memory ran out. */
int cs_agg_merge(cs_agg *dst, const cs_agg *src);

typedef struct cs_survey cs_survey;

typedef struct cs_report_options {
    size_t top_cas; /* list at most this many CAs (0: all with findings) */
    int all_cas;    /* list CAs without findings too */
    /* Survey tables: under "surveys" in JSON, after the CAs in text; NULL for none. */
    const cs_survey *survey;
} cs_report_options;

void cs_report_text(FILE *out, const cs_agg *a, const cs_scan_totals *t,
                    const cs_report_options *opt);
void cs_report_json(FILE *out, const cs_agg *a, const cs_scan_totals *t,
                    const cs_report_options *opt);

/* Read access for tests and later outputs. */
size_t cs_agg_num_cas(const cs_agg *a);
/* Certificates scanned and with a finding of rule `rule` for the CA whose issuer string is
 * `issuer` (as cs_x509_name_to_string writes it); 0 when unknown. */
uint64_t cs_agg_ca_scanned(const cs_agg *a, const char *issuer);
uint64_t cs_agg_ca_rule(const cs_agg *a, const char *issuer, size_t rule);
uint64_t cs_agg_rule_total(const cs_agg *a, size_t rule);
/* Rejections per reason key (see cs_scan_entry_reason); 0 when none. */
uint64_t cs_agg_rejected(const cs_agg *a, const char *reason);

#endif
