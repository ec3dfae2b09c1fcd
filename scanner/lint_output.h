/* Per-certificate output of `certscan lint`: text, one JSON object per line, or JUnit XML.
 *
 * JSON lines (keep this shape stable: users' scripts depend on it):
 * {"input":"<path>#<index>","sha256":"<hex>","profile":"<id>","profile_why":"<why>",
 *  "findings":[{"rule":"<id>","severity":"error|warning|notice","citation":"<doc> §<section>",
 *  "detail":"..."}]}
 * Additions that appear only when asked for: "ca_owner":"<CCADB CA Owner>" after "profile_why"
 * when --ccadb knows the certificate's CA; a waived finding carries
 * "waived":{"id","reason","ticket","expires"} (--policy); under --tbs the line has
 * "form":"tbs|certificate" and "skipped":[{"rule","reason"}].
 *
 * JUnit: one <testsuite> per certificate, one <testcase> per rule with a finding (a <failure>),
 * waived or skipped (a <skipped>); a certificate without any has one passing testcase. The
 * caller writes the <testsuites> wrapper (cs_lint_junit_begin / _end).
 *
 * Lines are rendered by the workers into each batch's text buffer (the SHA-256 and rule details
 * are the costly part, so they run on every core) and written in input order by the scan's
 * writer. */
#ifndef CS_LINT_OUTPUT_H
#define CS_LINT_OUTPUT_H

#include <stdio.h>

#include "io/buf.h"
#include "scanner/findings.h"
#include "scanner/owners.h"
#include "scanner/scan.h"

typedef enum cs_lint_format { CS_LINT_TEXT, CS_LINT_JSON, CS_LINT_JUNIT } cs_lint_format;

/* One per worker. */
typedef struct cs_lint_output {
    cs_lint_format format;
    const cs_ruleset *rules;
    const cs_audit *policy;    /* may be NULL */
    cs_finding_list list;      /* reused for every certificate */
    const cs_owner_db *owners; /* --ccadb: JSON lines carry "ca_owner" when known; may be NULL */
} cs_lint_output;

void cs_lint_output_init(cs_lint_output *lo, cs_lint_format format, const cs_ruleset *rules,
                         const cs_audit *policy);
void cs_lint_output_free(cs_lint_output *lo);
/* A cs_scan_batch_fn: renders every item of the batch into `out`. */
int cs_lint_output_batch(void *lint_output, const cs_scan_batch *b, cs_buf *out);

void cs_lint_junit_begin(FILE *out);
void cs_lint_junit_end(FILE *out);

#endif
