#include "scanner/agg_cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/membudget.h"
#include "scanner/report_html.h"
#include "scanner/survey_ops.h"

void cs_agg_cli_init(cs_agg_cli *o) {
    memset(o, 0, sizeof *o);
    cs_agg_config_default(&o->cfg);
    o->memory = CS_MEM_DEFAULT_LIMIT;
}

static int cs_agg_cli_error(const char *fmt, const char *arg) {
    fprintf(stderr, "certscan: ");
    fprintf(stderr, fmt, arg != NULL ? arg : "");
    fprintf(stderr, "\nTry 'certscan --help'.\n");
    return -1;
}

int cs_agg_cli_option(cs_agg_cli *o, const char *a, const char *next) {
    if (strcmp(a, "--count") == 0) {
        if (!cs_count_mode_parse(next, &o->cfg.mode)) {
            return cs_agg_cli_error("--count needs final-or-precert, all, final or precert, got "
                                    "'%s'",
                                    next);
        }
        return 2;
    }
    if (strcmp(a, "--samples") == 0) {
        char *end;
        unsigned long v = next != NULL ? strtoul(next, &end, 10) : 0;
        if (next == NULL || next[0] < '0' || next[0] > '9' || *end != '\0' ||
            v > CS_AGG_MAX_SAMPLES) {
            return cs_agg_cli_error("--samples needs a number from 0 to 1000, got '%s'", next);
        }
        o->cfg.samples = (unsigned)v;
        return 2;
    }
    if (strcmp(a, "--shard") == 0) {
        unsigned k, n;
        char tail;
        if (next == NULL || sscanf(next, "%u/%u%c", &k, &n, &tail) != 2 || n < 1 || n > 64 ||
            k < 1 || k > n) {
            return cs_agg_cli_error("--shard needs K/N with 1 <= K <= N <= 64, got '%s'", next);
        }
        o->cfg.shard_k = n > 1 ? k : 0;
        o->cfg.shard_n = n > 1 ? n : 0;
        return 2;
    }
    const char **path = strcmp(a, "--save") == 0       ? &o->save_path
                        : strcmp(a, "--csv") == 0      ? &o->csv_dir
                        : strcmp(a, "--findings") == 0 ? &o->findings_path
                        : strcmp(a, "-o") == 0         ? &o->output_path
                        : strcmp(a, "--baseline") == 0 ? &o->baseline_path
                                                       : NULL;
    if (path != NULL) {
        if (next == NULL || next[0] == '\0') {
            return cs_agg_cli_error("%s needs a path", a);
        }
        *path = next;
        return 2;
    }
    if (strcmp(a, "--memory") == 0) {
        if (!cs_mem_parse(next, &o->memory)) {
            return cs_agg_cli_error("--memory needs a size such as 512M or 4G (0: no limit), "
                                    "got '%s'",
                                    next);
        }
        return 2;
    }
    if (strcmp(a, "--passes") == 0) {
        char *end;
        unsigned long v = next != NULL ? strtoul(next, &end, 10) : 0;
        if (next == NULL || next[0] < '1' || next[0] > '9' || *end != '\0' ||
            v > CS_MEM_MAX_PASSES) {
            return cs_agg_cli_error("--passes needs a number from 1 to 64, got '%s'", next);
        }
        o->passes = (unsigned)v;
        return 2;
    }
    if (strcmp(a, "--include-subject") == 0) {
        o->include_subject = 1;
        return 1;
    }
    if (strcmp(a, "--group-by") == 0) {
        if (next == NULL || (strcmp(next, "ca") != 0 && strcmp(next, "owner") != 0)) {
            return cs_agg_cli_error("--group-by needs ca or owner, got '%s'", next);
        }
        o->group_by_owner = strcmp(next, "owner") == 0;
        return 2;
    }
    return 0;
}

/* ---- scan ---- */

/* The per-pass state: key table, the workers' aggregates and surveys. */
static void cs_scan_aggs_drop_pass(cs_scan_aggs *s) {
    for (unsigned i = 0; s->workers != NULL && i < s->n; i++) {
        cs_agg_free(s->workers[i].agg);
        cs_survey_free(s->workers[i].survey);
        s->workers[i].agg = NULL;
        s->workers[i].survey = NULL;
        atomic_store_explicit(&s->workers[i].held_bytes, 0, memory_order_relaxed);
    }
    cs_certset_free(s->seen);
    s->seen = NULL;
}

int cs_scan_aggs_begin_pass(cs_scan_aggs *s, unsigned k, unsigned n, char *err, size_t errlen) {
    snprintf(err, errlen, "out of memory");
    cs_scan_aggs_drop_pass(s);
    cs_agg_config cfg = s->options->cfg;
    if (n > 1) {
        /* A pass is a shard: merged, the n shards are the scan of the whole. */
        cfg.shard_k = k;
        cfg.shard_n = n;
    }
    s->pass_k = k;
    s->pass_n = n;
    atomic_store(&s->over_budget, 0);
    if ((s->seen = cs_certset_new()) == NULL) {
        return 0;
    }
    for (unsigned i = 0; i < s->n; i++) {
        cs_scan_worker_agg *w = &s->workers[i];
        if ((w->agg = cs_agg_new(s->rules, &cfg, s->seen)) == NULL ||
            (s->options->survey && (w->survey = cs_survey_new()) == NULL)) {
            return 0;
        }
        if (s->options->findings_path != NULL) {
            cs_findings_output_free(&w->findings); /* the pass before's */
            cs_findings_output_init(&w->findings, s->rules, &cfg, s->options->include_subject);
            w->with_findings = 1;
            if (s->options->baseline != NULL &&
                !cs_findings_output_set_baseline(&w->findings, s->options->baseline)) {
                return 0;
            }
        }
    }
    return 1;
}

int cs_scan_aggs_init(cs_scan_aggs *s, const cs_agg_cli *o, const cs_ruleset *rs, unsigned n,
                      char *err, size_t errlen) {
    memset(s, 0, sizeof *s);
    snprintf(err, errlen, "out of memory");
    s->n = n;
    s->options = o;
    s->rules = rs;
    atomic_init(&s->over_budget, 0);
    atomic_init(&s->warned, 0);
    s->workers = calloc(n, sizeof *s->workers);
    s->state = calloc(n, sizeof *s->state);
    if (s->workers == NULL || s->state == NULL) {
        return 0;
    }
    for (unsigned i = 0; i < n; i++) {
        s->workers[i].scan = s;
        atomic_init(&s->workers[i].held_bytes, 0);
        s->state[i] = &s->workers[i];
    }
    if (!cs_scan_aggs_begin_pass(s, 1, 1, err, errlen)) {
        return 0;
    }
    if (o->findings_path != NULL && (s->findings_file = fopen(o->findings_path, "w")) == NULL) {
        snprintf(err, errlen, "--findings: cannot create %s", o->findings_path);
        return 0;
    }
    return 1;
}

uint64_t cs_scan_aggs_key_bytes(cs_scan_aggs *s) {
    uint64_t used = s->seen != NULL ? cs_certset_bytes_now(s->seen) : 0;
    for (unsigned i = 0; i < s->n; i++) {
        used += atomic_load_explicit(&s->workers[i].held_bytes, memory_order_relaxed);
    }
    return used;
}

/* Once per batch: a relaxed read of the key table's size and of each worker's log size. */
static int cs_scan_aggs_within_budget(cs_scan_worker_agg *w) {
    cs_scan_aggs *s = w->scan;
    atomic_store_explicit(&w->held_bytes, cs_agg_held_bytes(w->agg), memory_order_relaxed);
    uint64_t used = cs_scan_aggs_key_bytes(s);
    if (used <= s->key_budget) {
        return 1;
    }
    if (s->can_restart) {
        atomic_store(&s->over_budget, 1);
        return 0; /* stops the scan; the caller starts over with more passes */
    }
    if (atomic_exchange(&s->warned, 1) == 0) {
        char limit[32], keys[32];
        cs_mem_format(limit, sizeof limit, s->limit);
        cs_mem_format(keys, sizeof keys, used);
        if (s->progress != NULL) {
            cs_progress_lock(s->progress);
        }
        fprintf(stderr,
                "certscan: warning: --memory %s: the table of certificates counted holds %s, "
                "more than this limit leaves for it, and the input cannot be read twice "
                "(standard input or a pipe); the scan goes on counting exactly and will use "
                "more memory than %s. Scan a file instead (it is then read in passes), or "
                "split the input and use --shard.\n",
                limit, keys, limit);
        if (s->progress != NULL) {
            cs_progress_unlock(s->progress);
        }
    }
    return 1;
}

int cs_scan_aggs_batch(void *worker, const cs_scan_batch *b, cs_buf *out) {
    cs_scan_worker_agg *w = worker;
    if (!cs_agg_add_batch(w->agg, b)) {
        return 0;
    }
    if (w->scan->key_budget != 0 && !cs_scan_aggs_within_budget(w)) {
        return 0;
    }
    /* A sharded scan surveys its own shard only, so that merged shards survey the whole. */
    if (w->survey != NULL && !cs_survey_add_lanes(w->survey, b, cs_agg_shard_lanes(w->agg, b))) {
        return 0;
    }
    return !w->with_findings || cs_findings_output_batch(&w->findings, b, out);
}

void cs_scan_aggs_write(cs_scan_aggs *s, const cs_buf *text) {
    if (s->findings_file != NULL && text->len != 0) {
        fwrite(text->p, 1, text->len, s->findings_file);
    }
}

int cs_scan_aggs_end_pass(cs_scan_aggs *s, char *err, size_t errlen) {
    snprintf(err, errlen, "out of memory");
    for (unsigned i = 0; i < s->n; i++) {
        if (!cs_agg_finish(s->workers[i].agg)) {
            return 0;
        }
    }
    /* The workers of this pass first (they share its key table), then the pass into the
     * passes before, as shards merge. */
    cs_scan_worker_agg *first = &s->workers[0];
    for (unsigned i = 1; i < s->n; i++) {
        cs_scan_worker_agg *w = &s->workers[i];
        if (!cs_agg_merge(first->agg, w->agg, err, errlen)) {
            return 0;
        }
        /* The workers' aggregates are done with: free them now, not at exit. */
        cs_agg_free(w->agg);
        w->agg = NULL;
        if (w->survey != NULL && !cs_survey_merge(first->survey, w->survey)) {
            snprintf(err, errlen, "out of memory");
            return 0;
        }
        cs_survey_free(w->survey);
        w->survey = NULL;
    }
    cs_agg_detach_seen(first->agg);
    if (s->merged == NULL) {
        s->merged = first->agg;
    } else if (!cs_agg_merge(s->merged, first->agg, err, errlen)) {
        return 0;
    } else {
        cs_agg_free(first->agg);
    }
    first->agg = NULL;
    if (first->survey != NULL) {
        if (s->merged_survey == NULL) {
            s->merged_survey = first->survey;
        } else if (!cs_survey_merge(s->merged_survey, first->survey)) {
            snprintf(err, errlen, "out of memory");
            return 0;
        } else {
            cs_survey_free(first->survey);
        }
        first->survey = NULL;
    }
    cs_scan_aggs_drop_pass(s);
    return 1;
}

void cs_scan_aggs_drop_all(cs_scan_aggs *s) {
    cs_scan_aggs_drop_pass(s);
    cs_agg_free(s->merged);
    cs_survey_free(s->merged_survey);
    s->merged = NULL;
    s->merged_survey = NULL;
    if (s->findings_file != NULL) {
        /* The lines of the passes abandoned: the scan starting over writes them again. */
        fflush(s->findings_file);
        if (ftruncate(fileno(s->findings_file), 0) != 0) {
            clearerr(s->findings_file);
        }
        rewind(s->findings_file);
    }
}

cs_agg *cs_scan_aggs_finish(cs_scan_aggs *s, const cs_scan_totals *t, const char *const *inputs,
                            size_t n, char *err, size_t errlen) {
    if (!cs_scan_aggs_end_pass(s, err, errlen)) {
        return NULL;
    }
    snprintf(err, errlen, "out of memory");
    cs_agg *all = s->merged;
    if (!cs_agg_set_scan(all, t, inputs, n)) {
        return NULL;
    }
    if (s->findings_file != NULL) {
        int bad = ferror(s->findings_file);
        if (fclose(s->findings_file) != 0 || bad) {
            s->findings_file = NULL;
            snprintf(err, errlen, "--findings: write error");
            return NULL;
        }
        s->findings_file = NULL;
    }
    if (s->merged_survey != NULL) {
        if (!cs_agg_attach_survey(all, cs_survey_agg_ops(), s->merged_survey)) {
            snprintf(err, errlen, "too many surveys");
            return NULL;
        }
        s->merged_survey = NULL; /* the aggregate owns it now */
    }
    return all;
}

void cs_scan_aggs_free(cs_scan_aggs *s) {
    cs_scan_aggs_drop_pass(s);
    cs_agg_free(s->merged);
    cs_survey_free(s->merged_survey);
    for (unsigned i = 0; s->workers != NULL && i < s->n; i++) {
        cs_findings_output_free(&s->workers[i].findings);
    }
    free(s->workers);
    free(s->state);
    if (s->findings_file != NULL) {
        fclose(s->findings_file);
    }
    memset(s, 0, sizeof *s);
}

/* ---- outputs ---- */

/* --html: the JSON report document, rendered by report_html.c, which reads only that document,
 * so that a saved or merged aggregate renders as its scan did. */
static int cs_agg_cli_html(const char *path, const cs_agg *a, const cs_report_options *ro) {
    char *json = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&json, &len);
    if (mem == NULL) {
        fprintf(stderr, "certscan: --html: out of memory\n");
        return 0;
    }
    cs_report_json(mem, a, ro);
    fclose(mem);
    FILE *out = fopen(path, "w");
    int ok = out != NULL && cs_report_html(out, json, len);
    if (out == NULL) {
        fprintf(stderr, "certscan: --html %s: %s\n", path, strerror(errno));
    } else if (fclose(out) != 0 || !ok) {
        fprintf(stderr, "certscan: --html %s: could not write the report\n", path);
        ok = 0;
    }
    free(json);
    return ok;
}

int cs_agg_cli_outputs(const cs_agg_cli *o, cs_agg *a, int json, const cs_report_options *ro) {
    char err[512];
    if (ro->group_by_owner && !json && !cs_agg_has_owner(a)) {
        fprintf(stderr, "certscan: --group-by owner: no CA owner data loaded, grouping by CA\n");
    }
    if (json) {
        cs_report_json(stdout, a, ro);
    } else {
        cs_report_text(stdout, a, ro);
    }
    if (o->save_path != NULL && !cs_agg_save(a, o->save_path, err, sizeof err)) {
        fprintf(stderr, "certscan: --save %s: %s\n", o->save_path, err);
        return 1;
    }
    if (o->csv_dir != NULL && !cs_report_csv(o->csv_dir, a, ro, err, sizeof err)) {
        fprintf(stderr, "certscan: --csv %s: %s\n", o->csv_dir, err);
        return 1;
    }
    if (o->html_path != NULL && !cs_agg_cli_html(o->html_path, a, ro)) {
        return 1;
    }
    return 0;
}

/* Loads and merges the files, in the order given (the result does not depend on it). */
static cs_agg *cs_agg_cli_load_all(const char *const *files, size_t n) {
    char err[512];
    cs_agg *all = NULL;
    for (size_t i = 0; i < n; i++) {
        cs_agg *a = cs_agg_load(files[i], err, sizeof err);
        if (a == NULL) {
            fprintf(stderr, "certscan: %s: %s\n", files[i], err);
            cs_agg_free(all);
            return NULL;
        }
        if (all == NULL) {
            all = a;
            continue;
        }
        int ok = cs_agg_merge(all, a, err, sizeof err);
        cs_agg_free(a);
        if (!ok) {
            fprintf(stderr, "certscan: cannot merge %s into %s: %s\n", files[i], files[0], err);
            cs_agg_free(all);
            return NULL;
        }
    }
    /* CALL POINT (owners): cs_agg_set_owner(all, cs_owner_lookup, db); */
    return all;
}

int cs_agg_cli_merge(const cs_agg_cli *o, const char *const *files, size_t n) {
    if (n == 0 || o->output_path == NULL) {
        fprintf(stderr, "certscan: merge needs FILE.cbor... and -o OUT.cbor\nTry 'certscan "
                        "--help'.\n");
        return 2;
    }
    cs_agg *all = cs_agg_cli_load_all(files, n);
    if (all == NULL) {
        return 1;
    }
    char err[512];
    int ok = cs_agg_save(all, o->output_path, err, sizeof err);
    if (!ok) {
        fprintf(stderr, "certscan: %s: %s\n", o->output_path, err);
    }
    cs_agg_free(all);
    return ok ? 0 : 1;
}

int cs_agg_cli_report(const cs_agg_cli *o, const char *const *files, size_t n, int json,
                      const cs_report_options *ro) {
    if (n == 0) {
        fprintf(stderr, "certscan: report needs FILE.cbor...\nTry 'certscan --help'.\n");
        return 2;
    }
    cs_agg *all = cs_agg_cli_load_all(files, n);
    if (all == NULL) {
        return 1;
    }
    cs_agg_cli out = *o;
    out.save_path = NULL;
    int rc = cs_agg_cli_outputs(&out, all, json, ro);
    cs_agg_free(all);
    return rc;
}
