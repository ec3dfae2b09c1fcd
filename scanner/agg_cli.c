#include "scanner/agg_cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/report_html.h"
#include "scanner/survey_ops.h"

void cs_agg_cli_init(cs_agg_cli *o) {
    memset(o, 0, sizeof *o);
    cs_agg_config_default(&o->cfg);
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

int cs_scan_aggs_init(cs_scan_aggs *s, const cs_agg_cli *o, const cs_ruleset *rs, unsigned n,
                      char *err, size_t errlen) {
    memset(s, 0, sizeof *s);
    snprintf(err, errlen, "out of memory");
    s->n = n;
    s->workers = calloc(n, sizeof *s->workers);
    s->state = calloc(n, sizeof *s->state);
    s->seen = cs_certset_new();
    if (s->workers == NULL || s->state == NULL || s->seen == NULL) {
        return 0;
    }
    for (unsigned i = 0; i < n; i++) {
        if ((s->workers[i].agg = cs_agg_new(rs, &o->cfg, s->seen)) == NULL ||
            (o->survey && (s->workers[i].survey = cs_survey_new()) == NULL)) {
            return 0;
        }
        if (o->findings_path != NULL) {
            cs_findings_output_init(&s->workers[i].findings, rs, &o->cfg, o->include_subject);
            s->workers[i].with_findings = 1;
            if (o->baseline != NULL &&
                !cs_findings_output_set_baseline(&s->workers[i].findings, o->baseline)) {
                return 0;
            }
        }
        s->state[i] = &s->workers[i];
    }
    if (o->findings_path != NULL && (s->findings_file = fopen(o->findings_path, "w")) == NULL) {
        snprintf(err, errlen, "--findings: cannot create %s", o->findings_path);
        return 0;
    }
    return 1;
}

int cs_scan_aggs_batch(void *worker, const cs_scan_batch *b, cs_buf *out) {
    cs_scan_worker_agg *w = worker;
    if (!cs_agg_add_batch(w->agg, b)) {
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

cs_agg *cs_scan_aggs_finish(cs_scan_aggs *s, const cs_scan_totals *t, const char *const *inputs,
                            size_t n, char *err, size_t errlen) {
    snprintf(err, errlen, "out of memory");
    for (unsigned i = 0; i < s->n; i++) {
        if (!cs_agg_finish(s->workers[i].agg)) {
            return NULL;
        }
    }
    cs_agg *all = s->workers[0].agg;
    for (unsigned i = 1; i < s->n; i++) {
        if (!cs_agg_merge(all, s->workers[i].agg, err, errlen)) {
            return NULL;
        }
        /* The workers' aggregates are done with: free them now, not at exit. */
        cs_agg_free(s->workers[i].agg);
        s->workers[i].agg = NULL;
    }
    cs_certset_free(s->seen);
    s->seen = NULL;
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
    if (s->workers[0].survey != NULL) {
        for (unsigned i = 1; i < s->n; i++) {
            if (!cs_survey_merge(s->workers[0].survey, s->workers[i].survey)) {
                snprintf(err, errlen, "out of memory");
                return NULL;
            }
        }
        if (!cs_agg_attach_survey(all, cs_survey_agg_ops(), s->workers[0].survey)) {
            snprintf(err, errlen, "too many surveys");
            return NULL;
        }
        s->workers[0].survey = NULL; /* the aggregate owns it now */
    }
    return all;
}

void cs_scan_aggs_free(cs_scan_aggs *s) {
    for (unsigned i = 0; s->workers != NULL && i < s->n; i++) {
        cs_agg_free(s->workers[i].agg);
        cs_survey_free(s->workers[i].survey);
        cs_findings_output_free(&s->workers[i].findings);
    }
    free(s->workers);
    free(s->state);
    cs_certset_free(s->seen);
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
