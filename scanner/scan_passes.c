#include "scanner/scan_passes.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "io/ct_seen.h"
#include "scanner/progress.h"

static double cs_passes_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void cs_passes_say(const cs_scan_passes *sp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void cs_passes_say(const cs_scan_passes *sp, const char *fmt, ...) {
    if (sp->quiet) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    fputs("certscan: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* One pass: the scan of every input, counting the certificates of pass k of n. */
static int cs_passes_one(const cs_scan_passes *sp, const char *const *paths, size_t num_paths,
                         cs_scan_options *opt, cs_scan_totals *t, char *err, size_t errlen) {
    cs_progress *progress = sp->show_progress ? cs_progress_new(stderr, sp->tty) : NULL;
    opt->progress = progress;
    sp->aggs->progress = progress;
    if (sp->progress_slot != NULL) {
        *sp->progress_slot = progress;
    }
    int ok = cs_scan_paths(paths, num_paths, opt, t, err, errlen);
    if (sp->progress_slot != NULL) {
        *sp->progress_slot = NULL;
    }
    sp->aggs->progress = NULL;
    opt->progress = NULL;
    cs_progress_free(progress);
    return ok;
}

static int cs_passes_same_input(const cs_scan_totals *a, const cs_scan_totals *b) {
    return a->inputs == b->inputs && a->input_errors == b->input_errors &&
           a->entries == b->entries && a->parsed == b->parsed && a->rejected == b->rejected &&
           a->bytes == b->bytes;
}

int cs_scan_passes_run(const cs_scan_passes *sp, const char *const *paths, size_t num_paths,
                       cs_scan_options *opt, cs_scan_totals *totals, char *err, size_t errlen) {
    const cs_mem_plan *plan = sp->plan;
    cs_scan_aggs *aggs = sp->aggs;
    char limit[32], input[32], budget[32];
    cs_mem_format(limit, sizeof limit, plan->limit);
    cs_mem_format(input, sizeof input, plan->input_bytes);
    cs_mem_format(budget, sizeof budget, plan->key_budget);
    aggs->limit = plan->limit;
    aggs->key_budget = plan->key_budget;
    aggs->can_restart = plan->rewindable;
    unsigned n = plan->passes;
    if (n > 1) {
        cs_passes_say(sp,
                      "--memory %s: %s of input, up to about %llu certificates: counting them "
                      "in %u passes (%s for the key table of each)",
                      limit, input, (unsigned long long)plan->est_certs, n, budget);
    }
    int restart = 0;
    for (;;) {
        cs_scan_totals first = {0};
        int over = 0;
        for (unsigned k = 1; k <= n && !over; k++) {
            if (!cs_scan_aggs_begin_pass(aggs, k, n, err, errlen)) {
                return 0;
            }
            opt->pass_k = k;
            opt->pass_n = n;
            if (opt->input.chain_seen != NULL) {
                /* Chain certificates are yielded once per scan: each pass is one. */
                cs_ct_seen_free(opt->input.chain_seen);
                if ((opt->input.chain_seen = cs_ct_seen_new()) == NULL) {
                    snprintf(err, errlen, "out of memory");
                    return 0;
                }
            }
            if (sp->before_pass != NULL) {
                sp->before_pass(sp->ctx, k, n, restart && k == 1, opt);
            }
            double started = cs_passes_now();
            cs_scan_totals t;
            if (!cs_passes_one(sp, paths, num_paths, opt, &t, err, errlen)) {
                if (!atomic_load(&aggs->over_budget)) {
                    return 0;
                }
                over = 1;
                char used[32];
                cs_mem_format(used, sizeof used, cs_scan_aggs_key_bytes(aggs));
                unsigned more = cs_mem_more_passes(plan, n);
                if (more == n) {
                    /* As many passes as shards go: this time, past the budget, warn and go
                     * on rather than stop. */
                    aggs->can_restart = 0;
                }
                cs_passes_say(sp,
                              "--memory %s: pass %u of %u outgrew its %s (%s in the key table); "
                              "starting over in %u passes",
                              limit, k, n, budget, used, more);
                cs_scan_aggs_drop_all(aggs);
                n = more;
                restart = 1;
                break;
            }
            if (k == 1) {
                first = t;
            } else if (!cs_passes_same_input(&first, &t)) {
                snprintf(err, errlen,
                         "the inputs changed between passes (pass 1 read %llu entries in %llu "
                         "bytes, pass %u %llu in %llu): counts over several passes would not be "
                         "exact",
                         (unsigned long long)first.entries, (unsigned long long)first.bytes, k,
                         (unsigned long long)t.entries, (unsigned long long)t.bytes);
                return 0;
            }
            if (n > 1) {
                char used[32];
                cs_mem_format(used, sizeof used, cs_scan_aggs_key_bytes(aggs));
                cs_passes_say(sp, "pass %u of %u done in %.1f s: %llu keys, %s in the key table", k,
                              n, cs_passes_now() - started,
                              (unsigned long long)cs_certset_count(aggs->seen), used);
            }
            if (k < n && !cs_scan_aggs_end_pass(aggs, err, errlen)) {
                return 0;
            }
        }
        if (!over) {
            *totals = first;
            return 1;
        }
    }
}
