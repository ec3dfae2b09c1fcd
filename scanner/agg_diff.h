/* What changed between two aggregates: `certscan diff OLD.cbor NEW.cbor` and
 * `scan --baseline OLD.cbor` (a CA's nightly job: only what is new since last night).
 *
 * The unit is a (CA, rule) pair, matched by the CA's issuer Name and key id and by the rule's id
 * (so two rule-set versions compare). A pair's *new findings* are the certificates it gained in
 * each (profile, month of notBefore) cell, added up over the cells where it gained: yesterday's
 * certificates that expired out of a nightly corpus do not hide today's, which land in other
 * months. Its *gone findings* are the losses, likewise. The document is described in
 * docs/report-schema.md ("certscan-diff"). */
#ifndef CS_AGG_DIFF_H
#define CS_AGG_DIFF_H

#include <stdint.h>
#include <stdio.h>

#include "scanner/aggregate.h"

typedef struct cs_agg_diff cs_agg_diff;

/* NULL when memory ran out. Both aggregates must outlive the diff. */
cs_agg_diff *cs_agg_diff_new(const cs_agg *old_agg, const cs_agg *new_agg);
void cs_agg_diff_free(cs_agg_diff *d);

/* New findings per severity (the sum over pairs), what --fail-on judges with a baseline. */
void cs_agg_diff_new_findings(const cs_agg_diff *d, uint64_t out[CS_SEV_COUNT]);

/* `old_name` and `new_name` label the two sides (file names, or "this scan"). */
void cs_agg_diff_text(FILE *out, const cs_agg_diff *d, const char *old_name, const char *new_name);
/* One JSON object (schema certscan-diff). */
void cs_agg_diff_json(FILE *out, const cs_agg_diff *d, const char *old_name, const char *new_name);

#endif
