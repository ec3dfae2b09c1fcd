/* `scan --findings FILE.jsonl`: one JSON line per entry with findings, for incident work. The
 * shape of `lint --format json` plus where the certificate came from and who issued it:
 *
 * {"input":"<path>#<index>","sha256":"<hex>","profile":"<id>","profile_why":"...",
 *  "findings":[{"rule":..,"severity":..,"citation":..,"detail":..[,"in_baseline":bool]}],
 *  "issuer":"<DN>","serial":"<hex>","not_before":"YYYY-MM-DDTHH:MM:SSZ",
 *  "position":{"input":"<path>","entry":N,"offset":N,"line":N}}
 *
 * Privacy: for S/MIME certificates (an S/MIME profile, or emailProtection with a mailbox) rule
 * details, which may quote names and mailboxes, are left out ("detail":null) unless
 * --include-subject, which also adds "subject". Lines are rendered by the workers and written in
 * input order; with --shard only the shard's entries are written. */
#ifndef CS_FINDINGS_OUTPUT_H
#define CS_FINDINGS_OUTPUT_H

#include "io/buf.h"
#include "scanner/aggregate.h"

typedef struct cs_findings_output {
    const cs_ruleset *rules;
    long unparseable_rule;
    int include_subject;
    uint32_t shard_k, shard_n;
    const cs_agg *baseline; /* scan --baseline: each finding says whether its (CA, rule) pair
                               had findings there ("in_baseline") */
    long *baseline_rule;    /* rule index -> the baseline's, -1 when it has no such rule */
} cs_findings_output;

void cs_findings_output_init(cs_findings_output *fo, const cs_ruleset *rules,
                             const cs_agg_config *cfg, int include_subject);
/* Marks findings against a loaded baseline; returns 0 when memory ran out. */
int cs_findings_output_set_baseline(cs_findings_output *fo, const cs_agg *baseline);
void cs_findings_output_free(cs_findings_output *fo);
/* Renders the batch's entries with findings into `out`; returns 0 when memory ran out. */
int cs_findings_output_batch(cs_findings_output *fo, const cs_scan_batch *b, cs_buf *out);

#endif
