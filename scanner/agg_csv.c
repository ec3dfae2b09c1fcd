/* `--csv DIR`: one CSV file per table (RFC 4180: comma, CRLF-free "\n" lines, fields quoted
 * when they hold a comma, quote or line break). The tables and columns are those of the JSON
 * document (docs/report-schema.md); CAs are named by issuer and AKI in every table, so each file
 * stands alone. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scanner/agg_view.h"

static void cs_csv_field(FILE *f, const char *s) {
    if (strpbrk(s, ",\"\n\r") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') {
            fputc('"', f);
        }
        fputc(*s, f);
    }
    fputc('"', f);
}

static void cs_csv_hex(FILE *f, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%02x", p[i]);
    }
}

static void cs_csv_ca(FILE *f, const cs_agg *a, const cs_view *v, uint32_t ca) {
    const cs_agg_ca *c = &a->cas[ca];
    fprintf(f, "%u,", v->ca_pos[ca] + 1);
    cs_csv_field(f, c->name);
    fputc(',', f);
    if (c->has_aki) {
        cs_csv_hex(f, c->aki, c->aki_len);
    }
    fputc(',', f);
    const char *owner = v->cas[v->ca_pos[ca]].owner;
    cs_csv_field(f, owner != NULL ? owner : "");
}

static void cs_csv_counts(FILE *f, const cs_agg_cell *c) {
    fprintf(f, ",%llu,%llu,%llu,%llu,%llu,%llu\n", (unsigned long long)c->scanned,
            (unsigned long long)c->with_sev[CS_SEV_ERROR],
            (unsigned long long)c->with_sev[CS_SEV_WARNING],
            (unsigned long long)c->with_sev[CS_SEV_NOTICE], (unsigned long long)c->with_any,
            (unsigned long long)c->findings);
}

#define CS_CSV_COUNTS "scanned,with_error,with_warning,with_notice,with_any,findings"
#define CS_CSV_CA     "ca,issuer,aki,ca_owner"

static FILE *cs_csv_open(const char *dir, const char *name, const char *header, char *err,
                         size_t errlen) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return NULL;
    }
    fprintf(f, "%s\n", header);
    return f;
}

static int cs_csv_close(FILE *f, char *err, size_t errlen) {
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        snprintf(err, errlen, "write error");
        return 0;
    }
    return 1;
}

static int cs_csv_tables(const char *dir, const cs_agg *a, const cs_view *v, char *err, size_t el) {
    const cs_agg_totals *t = &a->tot;
    FILE *f = cs_csv_open(dir, "summary.csv", "key,value", err, el);
    if (f == NULL) {
        return 0;
    }
    fprintf(f, "schema_version,1\nruleset,%s\ncount_mode,%s\nsamples_per_ca_rule,%u\n",
            a->ruleset_version, cs_count_mode_name(a->cfg.mode), a->cfg.samples);
    char when[32] = "";
    if (a->cfg.has_as_of) {
        cs_agg_time_text(a->cfg.as_of, when);
    }
    fprintf(f, "as_of,%s\nshard_n,%u\n", when, a->cfg.shard_n);
    const struct {
        const char *k;
        uint64_t v;
    } rows[] = {{"files", t->inputs},
                {"input_errors", t->input_errors},
                {"entries", t->parsed + t->rejected},
                {"parsed", t->parsed},
                {"rejected", t->rejected},
                {"skipped_pem_blocks", t->skipped_blocks},
                {"bytes", t->bytes},
                {"other_shards", t->other_shards},
                {"duplicates", t->duplicates},
                {"precerts_with_final", t->precerts_with_final},
                {"excluded_by_count_mode", t->excluded_by_mode},
                {"certificates", v->total.scanned},
                {"with_error", v->total.with_sev[CS_SEV_ERROR]},
                {"with_warning", v->total.with_sev[CS_SEV_WARNING]},
                {"with_notice", v->total.with_sev[CS_SEV_NOTICE]},
                {"with_any", v->total.with_any},
                {"findings", v->total.findings}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        fprintf(f, "%s,%llu\n", rows[i].k, (unsigned long long)rows[i].v);
    }
    for (size_t i = 0; i < a->num_inputs; i++) {
        fputs("input,", f);
        cs_csv_field(f, a->inputs[i]);
        fputc('\n', f);
    }
    if (!cs_csv_close(f, err, el) ||
        (f = cs_csv_open(dir, "rejections.csv", "reason,count,example", err, el)) == NULL) {
        return 0;
    }
    for (size_t i = 0; i < a->num_reasons; i++) {
        const cs_agg_reason *r = &a->reasons[v->reasons[i]];
        cs_csv_field(f, r->key);
        fprintf(f, ",%llu,", (unsigned long long)r->count);
        cs_csv_field(f, r->example);
        fputc('\n', f);
    }
    if (!cs_csv_close(f, err, el) ||
        (f = cs_csv_open(dir, "rules.csv", "rule,severity,certificates,cas", err, el)) == NULL) {
        return 0;
    }
    for (size_t i = 0; i < v->num_rules; i++) {
        fprintf(f, "%s,%s,%llu,%u\n", a->rule_id[v->rules[i].rule],
                cs_severity_name((cs_severity)a->rule_sev[v->rules[i].rule]),
                (unsigned long long)v->rules[i].certificates, v->rules[i].cas);
    }
    if (!cs_csv_close(f, err, el) ||
        (f = cs_csv_open(dir, "cas.csv", CS_CSV_CA ",issuer_der," CS_CSV_COUNTS, err, el)) ==
            NULL) {
        return 0;
    }
    for (size_t i = 0; i < v->num_cas; i++) {
        const cs_agg_ca *c = &a->cas[v->cas[i].ca];
        cs_csv_ca(f, a, v, v->cas[i].ca);
        fputc(',', f);
        cs_csv_hex(f, c->issuer_der, c->issuer_len);
        cs_csv_counts(f, &v->cas[i].tot);
    }
    if (!cs_csv_close(f, err, el) ||
        (f = cs_csv_open(dir, "profiles.csv", "profile," CS_CSV_COUNTS, err, el)) == NULL) {
        return 0;
    }
    for (size_t i = 0; i < v->num_profiles; i++) {
        fputs(v->profiles[i].name, f);
        cs_csv_counts(f, &v->profiles[i].tot);
    }
    if (!cs_csv_close(f, err, el) ||
        (f = cs_csv_open(dir, "months.csv", "month," CS_CSV_COUNTS, err, el)) == NULL) {
        return 0;
    }
    for (size_t i = 0; i < v->num_months; i++) {
        char ym[8];
        cs_agg_month_text(v->months[i].key, ym);
        fputs(ym, f);
        cs_csv_counts(f, &v->months[i].tot);
    }
    if (!cs_csv_close(f, err, el) ||
        (f = cs_csv_open(dir, "ca_rules.csv",
                         CS_CSV_CA ",rule,severity,certificates,first_not_before,last_not_before",
                         err, el)) == NULL) {
        return 0;
    }
    FILE *s = cs_csv_open(dir, "samples.csv", CS_CSV_CA ",rule,sha256,serial", err, el);
    if (s == NULL) {
        fclose(f);
        return 0;
    }
    for (size_t i = 0; i < a->carules.len; i++) {
        uint64_t k0 = a->carules.keys[v->carules[i]].k0;
        const cs_agg_carule *c = cs_amap_val(&a->carules, v->carules[i]);
        uint32_t r = (uint32_t)(k0 & 0xFFFFFFFFu);
        char first[32], last[32];
        cs_agg_time_text(c->first_nb, first);
        cs_agg_time_text(c->last_nb, last);
        cs_csv_ca(f, a, v, CS_AGG_K0_CA(k0));
        fprintf(f, ",%s,%s,%llu,%s,%s\n", a->rule_id[r],
                cs_severity_name((cs_severity)a->rule_sev[r]), (unsigned long long)c->count, first,
                last);
        for (uint32_t k = 0; k < c->num_samples; k++) {
            cs_csv_ca(s, a, v, CS_AGG_K0_CA(k0));
            fprintf(s, ",%s,", a->rule_id[r]);
            cs_csv_hex(s, c->samples[k].sha256, 32);
            fputc(',', s);
            cs_csv_hex(s, c->samples[k].serial, c->samples[k].serial_len);
            fputc('\n', s);
        }
    }
    if (!cs_csv_close(s, err, el)) {
        fclose(f);
        return 0;
    }
    if (!cs_csv_close(f, err, el) ||
        (f = cs_csv_open(dir, "cells.csv", CS_CSV_CA ",profile,month," CS_CSV_COUNTS, err, el)) ==
            NULL) {
        return 0;
    }
    for (size_t i = 0; i < a->cells.len; i++) {
        uint64_t k0 = a->cells.keys[v->cells[i]].k0;
        char ym[8];
        cs_agg_month_text(CS_AGG_K0_MONTH(k0), ym);
        cs_csv_ca(f, a, v, CS_AGG_K0_CA(k0));
        fprintf(f, ",%s,%s", cs_agg_code_name(CS_AGG_K0_CODE(k0)), ym);
        cs_csv_counts(f, cs_amap_val(&a->cells, v->cells[i]));
    }
    if (!cs_csv_close(f, err, el) ||
        (f = cs_csv_open(dir, "cell_rules.csv",
                         CS_CSV_CA ",profile,month,rule,severity,certificates", err, el)) == NULL) {
        return 0;
    }
    for (size_t i = 0; i < a->cellrules.len; i++) {
        const cs_amap_key *k = &a->cellrules.keys[v->cellrules[i]];
        char ym[8];
        cs_agg_month_text(CS_AGG_K0_MONTH(k->k0), ym);
        cs_csv_ca(f, a, v, CS_AGG_K0_CA(k->k0));
        fprintf(f, ",%s,%s,%s,%s,%llu\n", cs_agg_code_name(CS_AGG_K0_CODE(k->k0)), ym,
                a->rule_id[k->k1 - 1], cs_severity_name((cs_severity)a->rule_sev[k->k1 - 1]),
                (unsigned long long)*(const uint64_t *)cs_amap_val(&a->cellrules, v->cellrules[i]));
    }
    return cs_csv_close(f, err, el);
}

int cs_report_csv(const char *dir, const cs_agg *a, const cs_report_options *opt, char *err,
                  size_t errlen) {
    (void)opt;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create the folder: %s", strerror(errno));
        return 0;
    }
    cs_view v;
    if (!cs_view_build(&v, a)) {
        snprintf(err, errlen, "out of memory");
        return 0;
    }
    int ok = cs_csv_tables(dir, a, &v, err, errlen);
    for (size_t i = 0; ok && i < a->num_surveys; i++) {
        if (a->surveys[i].ops->csv != NULL && !a->surveys[i].ops->csv(a->surveys[i].state, dir)) {
            snprintf(err, errlen, "survey %s: write error", a->surveys[i].ops->name);
            ok = 0;
        }
    }
    cs_view_free(&v);
    return ok;
}
