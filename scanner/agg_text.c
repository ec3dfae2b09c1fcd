/* The terminal report: totals, the rules with most findings, and the CAs with most certificates
 * with findings, each CA with its rules. Fits 100 columns; names that would not are cut with
 * "...". */
#define _GNU_SOURCE /* qsort_r */
#include <stdlib.h>
#include <string.h>

#include "scanner/agg_view.h"

#define CS_TEXT_WIDTH    100
#define CS_TEXT_TOPRULES 20

static double cs_pct(uint64_t part, uint64_t whole) {
    return whole != 0 ? 100.0 * (double)part / (double)whole : 0.0;
}

/* `text` cut to `width` columns (bytes; names are mostly ASCII), with "..." when cut. */
static const char *cs_fit(const char *text, size_t width, char *buf, size_t len) {
    if (strlen(text) <= width) {
        return text;
    }
    snprintf(buf, len, "%.*s...", (int)(width - 3), text);
    return buf;
}

static void cs_text_counts(FILE *out, const char *indent, const cs_agg_cell *c) {
    fprintf(out, "%swith an error       %12llu  %6.2f%%\n", indent,
            (unsigned long long)c->with_sev[CS_SEV_ERROR],
            cs_pct(c->with_sev[CS_SEV_ERROR], c->scanned));
    fprintf(out, "%swith a warning      %12llu  %6.2f%%\n", indent,
            (unsigned long long)c->with_sev[CS_SEV_WARNING],
            cs_pct(c->with_sev[CS_SEV_WARNING], c->scanned));
    fprintf(out, "%swith a notice       %12llu  %6.2f%%\n", indent,
            (unsigned long long)c->with_sev[CS_SEV_NOTICE],
            cs_pct(c->with_sev[CS_SEV_NOTICE], c->scanned));
    fprintf(out, "%swith any finding    %12llu  %6.2f%%\n", indent, (unsigned long long)c->with_any,
            cs_pct(c->with_any, c->scanned));
}

static void cs_text_header(FILE *out, const cs_agg *a, const cs_view *v) {
    const cs_agg_totals *t = &a->tot;
    char as_of[32] = "each certificate's notBefore";
    if (a->cfg.has_as_of) {
        cs_agg_time_text(a->cfg.as_of, as_of);
    }
    fprintf(out, "Rule set %s, counting %s\n", a->ruleset_version, cs_count_mode_name(a->cfg.mode));
    fprintf(out, "Rules in force at %s\n", as_of);
    if (a->cfg.shard_n != 0) {
        fprintf(out, "Shards of %u:", a->cfg.shard_n);
        for (unsigned k = 0; k < 64 && k < a->cfg.shard_n; k++) {
            if (a->shard_mask_lo >> k & 1) {
                fprintf(out, " %u", k + 1);
            }
        }
        fprintf(out, " (file counts are in shard 1)\n");
    }
    fprintf(out, "Inputs opened        %12llu\n", (unsigned long long)t->inputs);
    if (t->input_errors != 0) {
        fprintf(out, "Inputs unreadable    %12llu\n", (unsigned long long)t->input_errors);
    }
    fprintf(out, "Entries read         %12llu\n", (unsigned long long)(t->parsed + t->rejected));
    fprintf(out, "  parsed             %12llu\n", (unsigned long long)t->parsed);
    fprintf(out, "  rejected           %12llu\n", (unsigned long long)t->rejected);
    char buf[CS_TEXT_WIDTH + 8];
    for (size_t i = 0; i < a->num_reasons; i++) {
        const cs_agg_reason *r = &a->reasons[v->reasons[i]];
        fprintf(out, "    %-56s %12llu\n", cs_fit(r->key, 56, buf, sizeof buf),
                (unsigned long long)r->count);
        fprintf(out, "      e.g. %s\n", cs_fit(r->example, CS_TEXT_WIDTH - 11, buf, sizeof buf));
    }
    if (t->skipped_blocks != 0) {
        fprintf(
            out,
            "  not certificates %14llu  (other PEM blocks, CSV rows without PEM, LDIF PKCS #7)\n",
            (unsigned long long)t->skipped_blocks);
    }
    if (a->cfg.shard_n != 0) {
        fprintf(out, "Entries of other shards %9llu\n", (unsigned long long)t->other_shards);
    }
    fprintf(out, "Certificates counted %12llu\n", (unsigned long long)v->total.scanned);
    fprintf(out, "  duplicates         %12llu  (counted once)\n",
            (unsigned long long)t->duplicates);
    fprintf(out, "  precerts w/ final  %12llu  (not counted: the final certificate is)\n",
            (unsigned long long)t->precerts_with_final);
    if (t->excluded_by_mode != 0) {
        fprintf(out, "  left out by --count %11llu\n", (unsigned long long)t->excluded_by_mode);
    }
    cs_text_counts(out, "  ", &v->total);
    fprintf(out, "Findings             %12llu\n", (unsigned long long)v->total.findings);
}

static void cs_text_rules(FILE *out, const cs_agg *a, const cs_view *v) {
    size_t shown = v->num_rules < CS_TEXT_TOPRULES ? v->num_rules : CS_TEXT_TOPRULES;
    fprintf(out, "\nRules with findings: %zu (top %zu by certificates)\n", v->num_rules, shown);
    if (shown == 0) {
        return;
    }
    fprintf(out, "  %-58s %-8s %12s %8s %7s\n", "rule", "severity", "certificates", "share", "CAs");
    char buf[80];
    for (size_t i = 0; i < shown; i++) {
        const cs_view_rule *r = &v->rules[i];
        fprintf(out, "  %-58s %-8s %12llu %7.2f%% %7u\n",
                cs_fit(a->rule_id[r->rule], 58, buf, sizeof buf),
                cs_severity_name((cs_severity)a->rule_sev[r->rule]),
                (unsigned long long)r->certificates, cs_pct(r->certificates, v->total.scanned),
                r->cas);
    }
}

static void cs_text_ca_line(FILE *out, const char *name, const cs_agg_cell *c) {
    char buf[CS_TEXT_WIDTH + 8];
    fprintf(out, "  %s\n", cs_fit(name, CS_TEXT_WIDTH - 2, buf, sizeof buf));
    fprintf(out, "    certificates %llu, findings %llu\n", (unsigned long long)c->scanned,
            (unsigned long long)c->findings);
    fprintf(out,
            "    with an error %llu, a warning %llu, a notice %llu, any finding %llu (%.2f%%)\n",
            (unsigned long long)c->with_sev[CS_SEV_ERROR],
            (unsigned long long)c->with_sev[CS_SEV_WARNING],
            (unsigned long long)c->with_sev[CS_SEV_NOTICE], (unsigned long long)c->with_any,
            cs_pct(c->with_any, c->scanned));
}

static void cs_text_profiles(FILE *out, const cs_view *v) {
    fprintf(out, "\nBy profile\n  %-37s %12s %11s %11s %11s %11s\n", "profile", "certificates",
            "error", "warning", "notice", "any");
    for (size_t i = 0; i < v->num_profiles; i++) {
        const cs_agg_cell *c = &v->profiles[i].tot;
        fprintf(out, "  %-37s %12llu %11llu %11llu %11llu %11llu\n", v->profiles[i].name,
                (unsigned long long)c->scanned, (unsigned long long)c->with_sev[CS_SEV_ERROR],
                (unsigned long long)c->with_sev[CS_SEV_WARNING],
                (unsigned long long)c->with_sev[CS_SEV_NOTICE], (unsigned long long)c->with_any);
    }
}

static int cs_text_cmp_count(const void *p, const void *q, void *ctx) {
    const cs_agg *a = ctx;
    size_t x = *(const size_t *)p, y = *(const size_t *)q;
    uint64_t cx = ((const cs_agg_carule *)cs_amap_val(&a->carules, x))->count;
    uint64_t cy = ((const cs_agg_carule *)cs_amap_val(&a->carules, y))->count;
    if (cx != cy) {
        return cx > cy ? -1 : 1;
    }
    uint64_t rx = a->carules.keys[x].k0 & 0xFFFFFFFFu, ry = a->carules.keys[y].k0 & 0xFFFFFFFFu;
    return (rx > ry) - (rx < ry);
}

/* A CA's rules, most certificates first, at most CS_REPORT_TOP_RULES of them. */
static void cs_text_ca_rules(FILE *out, const cs_agg *a, const size_t *rows, size_t n,
                             uint64_t scanned) {
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (order == NULL) {
        return;
    }
    memcpy(order, rows, n * sizeof *order);
    qsort_r(order, n, sizeof *order, cs_text_cmp_count, (void *)a);
    char buf[80], first[32], last[32];
    size_t shown = n < CS_REPORT_TOP_RULES ? n : CS_REPORT_TOP_RULES;
    for (size_t k = 0; k < shown; k++) {
        const cs_agg_carule *c = cs_amap_val(&a->carules, order[k]);
        uint32_t r = (uint32_t)(a->carules.keys[order[k]].k0 & 0xFFFFFFFFu);
        cs_agg_time_text(c->first_nb, first);
        cs_agg_time_text(c->last_nb, last);
        first[10] = last[10] = '\0';
        fprintf(out, "    %-45s %-7s %9llu/%-9llu %s..%s\n",
                cs_fit(a->rule_id[r], 45, buf, sizeof buf),
                cs_severity_name((cs_severity)a->rule_sev[r]), (unsigned long long)c->count,
                (unsigned long long)scanned, first, last);
    }
    if (n > shown) {
        fprintf(out, "    ... %zu more rules (--format json or --csv for every rule)\n", n - shown);
    }
    free(order);
}

static void cs_text_cas(FILE *out, const cs_agg *a, const cs_view *v,
                        const cs_report_options *opt) {
    size_t listed = 0;
    for (size_t i = 0; i < v->num_cas; i++) {
        listed += opt->all_cas || v->cas[i].tot.with_any != 0;
    }
    size_t shown = opt->top_cas != 0 && opt->top_cas < listed ? opt->top_cas : listed;
    fprintf(out, "\nBy issuing CA: %zu CAs, %zu listed (most certificates with findings first)\n",
            v->num_cas, shown);
    size_t cr = 0, n = 0;
    char buf[CS_TEXT_WIDTH + 8];
    for (size_t i = 0; i < v->num_cas && n < shown; i++) {
        const cs_view_ca *vc = &v->cas[i];
        size_t start = cr;
        while (cr < a->carules.len &&
               v->ca_pos[CS_AGG_K0_CA(a->carules.keys[v->carules[cr]].k0)] == i) {
            cr++;
        }
        if (!opt->all_cas && vc->tot.with_any == 0) {
            continue;
        }
        n++;
        cs_text_ca_line(out, a->cas[vc->ca].name, &vc->tot);
        if (vc->owner != NULL) {
            fprintf(out, "    owner: %s\n", cs_fit(vc->owner, CS_TEXT_WIDTH - 11, buf, sizeof buf));
        }
        cs_text_ca_rules(out, a, &v->carules[start], cr - start, vc->tot.scanned);
    }
}

static void cs_text_owners(FILE *out, const cs_view *v, const cs_report_options *opt) {
    size_t shown = opt->top_cas != 0 && opt->top_cas < v->num_owners ? opt->top_cas : v->num_owners;
    fprintf(out, "\nBy CA owner: %zu owners, %zu listed\n", v->num_owners, shown);
    for (size_t i = 0; i < shown; i++) {
        cs_text_ca_line(out, v->owners[i].name, &v->owners[i].tot);
        fprintf(out, "    issuing CAs %u\n", v->owners[i].key);
    }
}

void cs_report_text(FILE *out, const cs_agg *a, const cs_report_options *opt) {
    cs_view v;
    if (!cs_view_build(&v, a)) {
        fputs("certscan: out of memory\n", out);
        return;
    }
    cs_text_header(out, a, &v);
    cs_text_profiles(out, &v);
    cs_text_rules(out, a, &v);
    if (opt->group_by_owner && a->owner_fn != NULL) {
        cs_text_owners(out, &v, opt);
    } else {
        cs_text_cas(out, a, &v, opt);
    }
    for (size_t i = 0; i < a->num_surveys; i++) {
        if (a->surveys[i].ops->text != NULL) {
            a->surveys[i].ops->text(out, a->surveys[i].state);
        }
    }
    cs_view_free(&v);
}
