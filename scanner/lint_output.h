/* Per-certificate output of `certscan lint`: text, or one JSON object per line:
 * {"input":"<path>#<index>","sha256":"<hex>","profile":"<id>","profile_why":"<why>",
 *  ["ca_owner":"<CCADB CA Owner>",] "findings":[{"rule":"<id>",
 *  "severity":"error|warning|notice","citation":"<doc> §<section>","detail":"..."}]}
 * Keep this shape stable: users' scripts depend on it.
 *
 * Lines are rendered by the workers into each batch's text buffer (the SHA-256 and rule details
 * are the costly part, so they run on every core) and written in input order by the scan's
 * writer. */
#ifndef CS_LINT_OUTPUT_H
#define CS_LINT_OUTPUT_H

#include "io/buf.h"
#include "scanner/owners.h"
#include "scanner/scan.h"

typedef enum cs_lint_format { CS_LINT_TEXT, CS_LINT_JSON } cs_lint_format;

/* One per worker. */
typedef struct cs_lint_output {
    cs_lint_format format;
    const cs_ruleset *rules;
    long unparseable_rule; /* index of x509.unparseable */
    uint64_t findings[CS_SEV_COUNT];
    const cs_owner_db *owners; /* --ccadb: JSON lines carry "ca_owner" when known; may be NULL */
} cs_lint_output;

void cs_lint_output_init(cs_lint_output *lo, cs_lint_format format, const cs_ruleset *rules);
/* A cs_scan_batch_fn: renders every item of the batch into `out`. */
int cs_lint_output_batch(void *lint_output, const cs_scan_batch *b, cs_buf *out);

#endif
