/* The command line of the aggregate: scan's aggregate options and outputs, and the `merge` and
 * `report` commands. main.c hands these options over and calls in; the lead's call points for
 * CA owners (cs_agg_set_owner) and surveys (cs_agg_attach_survey, cs_agg_register_survey) are
 * marked "CALL POINT" in agg_cli.c. */
#ifndef CS_AGG_CLI_H
#define CS_AGG_CLI_H

#include <stdatomic.h>
#include <stdio.h>

#include "scanner/aggregate.h"
#include "scanner/findings_output.h"
#include "scanner/progress.h"
#include "scanner/survey.h"

typedef struct cs_agg_cli {
    cs_agg_config cfg;
    const char *save_path;     /* --save FILE.cbor */
    const char *csv_dir;       /* --csv DIR */
    const char *findings_path; /* --findings FILE.jsonl */
    const char *output_path;   /* merge -o FILE.cbor */
    int include_subject;       /* --include-subject */
    int group_by_owner;        /* --group-by owner */
    int survey;                /* scan: keep the survey tables (--survey, --csv, --html) */
    uint64_t memory;           /* scan --memory SIZE (0: no limit) */
    unsigned passes;           /* scan --passes N (0: from --memory and the inputs' size) */
    const char *html_path;     /* --html FILE: the report as one HTML page */
    const char *baseline_path; /* scan --baseline FILE.cbor */
    const cs_agg *baseline;    /* loaded from it (cs_agg_cli_load_baseline) */
} cs_agg_cli;

void cs_agg_cli_init(cs_agg_cli *o);
/* One command-line option: 0 when it is not one of these, 1 when `arg` was used, 2 when `next`
 * was used too, -1 after printing a usage error. */
int cs_agg_cli_option(cs_agg_cli *o, const char *arg, const char *next);

typedef struct cs_scan_aggs cs_scan_aggs;

/* Per-worker state of a scan: its aggregate and, with --findings, its line renderer. */
typedef struct cs_scan_worker_agg {
    cs_agg *agg;
    cs_survey *survey; /* with --survey */
    cs_findings_output findings;
    int with_findings;
    cs_scan_aggs *scan;
    atomic_uint_fast64_t held_bytes; /* the aggregate's held precertificates, for --memory */
} cs_scan_worker_agg;

struct cs_scan_aggs {
    unsigned n;
    const cs_agg_cli *options;
    const cs_ruleset *rules;
    cs_certset *seen;
    cs_scan_worker_agg *workers;
    void **state; /* &workers[i], for cs_scan_options.worker_state */
    FILE *findings_file;
    /* Passes (scan --memory, scanner/membudget.h): the passes done, merged. */
    unsigned pass_k, pass_n;
    cs_agg *merged;
    cs_survey *merged_survey;
    /* --memory: bytes the key table and held precertificates may take (0: no check). Past it,
     * a scan that can start over stops (over_budget); one that cannot warns once and goes on. */
    uint64_t key_budget;
    uint64_t limit; /* --memory, for the warning */
    int can_restart;
    cs_progress *progress; /* to take the line off the screen for the warning; may be NULL */
    atomic_int over_budget;
    atomic_int warned;
};

/* Returns 0 with a message when memory ran out or --findings cannot be opened. */
int cs_scan_aggs_init(cs_scan_aggs *s, const cs_agg_cli *o, const cs_ruleset *rs, unsigned n,
                      char *errbuf, size_t errlen);
/* A cs_scan_batch_fn for the workers. */
int cs_scan_aggs_batch(void *worker, const cs_scan_batch *b, cs_buf *out);
/* On the writer thread: the batch's --findings lines. */
void cs_scan_aggs_write(cs_scan_aggs *s, const cs_buf *text);
/* Scan in passes (scan --memory): from now on the workers count pass k of n, with a fresh key
 * table; the passes before are kept merged. Returns 0 with a message when memory ran out. */
int cs_scan_aggs_begin_pass(cs_scan_aggs *s, unsigned k, unsigned n, char *errbuf, size_t errlen);
/* After a pass but the last: finishes the workers' aggregates and merges them into the passes
 * done, and frees the key table. Returns 0 with a message when memory ran out. */
int cs_scan_aggs_end_pass(cs_scan_aggs *s, char *errbuf, size_t errlen);
/* After a pass went over the budget: drops everything counted and empties --findings, for a
 * scan that starts over. */
void cs_scan_aggs_drop_all(cs_scan_aggs *s);
/* Bytes the key table and held precertificates take now (for the per-pass progress lines). */
uint64_t cs_scan_aggs_key_bytes(cs_scan_aggs *s);
/* After the scan: finishes and merges the workers' aggregates, records the totals and inputs.
 * Returns the merged aggregate (owned by `s`), or NULL with a message. */
cs_agg *cs_scan_aggs_finish(cs_scan_aggs *s, const cs_scan_totals *t, const char *const *inputs,
                            size_t n, char *errbuf, size_t errlen);
void cs_scan_aggs_free(cs_scan_aggs *s);

/* The outputs of a finished aggregate: text or JSON on stdout, then --save and --csv. Returns
 * 0 on success, 1 after printing a message. */
int cs_agg_cli_outputs(const cs_agg_cli *o, cs_agg *a, int json, const cs_report_options *ro);

/* `certscan merge A.cbor B.cbor ... -o ALL.cbor` and `certscan report FILE.cbor...`; return the
 * exit status. */
int cs_agg_cli_merge(const cs_agg_cli *o, const char *const *files, size_t n);
int cs_agg_cli_report(const cs_agg_cli *o, const char *const *files, size_t n, int json,
                      const cs_report_options *ro);

/* Loads --baseline into o->baseline (the caller frees it). Returns 0 with a message. */
int cs_agg_cli_load_baseline(cs_agg_cli *o);

/* `certscan diff OLD.cbor NEW.cbor`: prints what changed (agg_diff.h) and returns 0, or prints
 * a message and returns 1 (unreadable file) or 2 (usage). `new_findings` receives the new
 * findings per severity, for --fail-on. */
int cs_agg_cli_diff(const char *const *files, size_t n, int json,
                    uint64_t new_findings[CS_SEV_COUNT]);

#endif
