/* scan --memory: running a scan in passes over its inputs (scanner/membudget.h), each pass
 * counting the certificates of one shard with a key table of its own, and starting over with
 * more passes when a pass outgrows the budget. */
#ifndef CS_SCAN_PASSES_H
#define CS_SCAN_PASSES_H

#include "scanner/agg_cli.h"
#include "scanner/membudget.h"
#include "scanner/scan.h"

typedef struct cs_scan_passes {
    const cs_mem_plan *plan;
    cs_scan_aggs *aggs;
    /* Before each pass, k of n; `restart`: everything counted so far was dropped (a pass went
     * over the budget), so what the caller counts beside the aggregate must be reset. The hook
     * may change `opt` (e.g. what on_batch wraps). */
    void (*before_pass)(void *ctx, unsigned k, unsigned n, int restart, cs_scan_options *opt);
    void *ctx;
    /* A progress line per pass (cs_progress_new(stderr, tty)); *progress_slot is set to it
     * during the pass, NULL after. */
    int show_progress, tty;
    cs_progress **progress_slot;
    int quiet; /* no line per pass on stderr */
} cs_scan_passes;

/* Scans the paths in plan->passes passes (more after a restart) and leaves the merged counts in
 * the aggregates' state for cs_scan_aggs_finish. `opt->input.chain_seen`, when set, is replaced
 * by a fresh set for each pass (the caller frees the last). Returns 1 with the first pass's
 * totals (the inputs' own, the same in every pass); 0 with a message when the scan failed or
 * the inputs changed between passes. */
int cs_scan_passes_run(const cs_scan_passes *sp, const char *const *paths, size_t num_paths,
                       cs_scan_options *opt, cs_scan_totals *totals, char *errbuf, size_t errlen);

#endif
