/* Aggregates of a scan: entries read / parsed / rejected per reason, and per issuing CA and
 * rule the number of certificates with findings, with the certificates scanned per CA as the
 * denominator. */
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

typedef struct cs_report_options {
    size_t top_cas; /* list at most this many CAs (0: all with findings) */
    int all_cas;    /* list CAs without findings too */
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
/* Rejections per reason key (see cs_scan_item_reason); 0 when none. */
uint64_t cs_agg_rejected(const cs_agg *a, const char *reason);

#endif
