/* The command line of the aggregate: scan's aggregate options and outputs, and the `merge` and
 * `report` commands. main.c hands these options over and calls in; the lead's call points for
 * CA owners (cs_agg_set_owner) and surveys (cs_agg_attach_survey, cs_agg_register_survey) are
 * marked "CALL POINT" in agg_cli.c. */
#ifndef CS_AGG_CLI_H
#define CS_AGG_CLI_H

#include <stdio.h>

#include "scanner/aggregate.h"
#include "scanner/findings_output.h"
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
    const char *html_path;     /* --html FILE: the report as one HTML page */
    const char *baseline_path; /* scan --baseline FILE.cbor */
    const cs_agg *baseline;    /* loaded from it (cs_agg_cli_load_baseline) */
} cs_agg_cli;

void cs_agg_cli_init(cs_agg_cli *o);
/* One command-line option: 0 when it is not one of these, 1 when `arg` was used, 2 when `next`
 * was used too, -1 after printing a usage error. */
int cs_agg_cli_option(cs_agg_cli *o, const char *arg, const char *next);

/* Per-worker state of a scan: its aggregate and, with --findings, its line renderer. */
typedef struct cs_scan_worker_agg {
    cs_agg *agg;
    cs_survey *survey; /* with --survey */
    cs_findings_output findings;
    int with_findings;
} cs_scan_worker_agg;

typedef struct cs_scan_aggs {
    unsigned n;
    cs_certset *seen;
    cs_scan_worker_agg *workers;
    void **state; /* &workers[i], for cs_scan_options.worker_state */
    FILE *findings_file;
} cs_scan_aggs;

/* Returns 0 with a message when memory ran out or --findings cannot be opened. */
int cs_scan_aggs_init(cs_scan_aggs *s, const cs_agg_cli *o, const cs_ruleset *rs, unsigned n,
                      char *errbuf, size_t errlen);
/* A cs_scan_batch_fn for the workers. */
int cs_scan_aggs_batch(void *worker, const cs_scan_batch *b, cs_buf *out);
/* On the writer thread: the batch's --findings lines. */
void cs_scan_aggs_write(cs_scan_aggs *s, const cs_buf *text);
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
