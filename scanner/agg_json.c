/* The JSON report document, schema certscan-report version 1 (docs/report-schema.md). One
 * writer for `scan --format json` and `report --json`, so a saved or merged aggregate renders
 * exactly as the scan that made it. */
#include <stdlib.h>

#include "io/json.h"
#include "scanner/agg_view.h"

#define CS_REPORT_SCHEMA_VERSION 1

static void cs_json_hex(FILE *out, const uint8_t *p, size_t n) {
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%02x", p[i]);
    }
    fputc('"', out);
}

static void cs_json_u64(FILE *out, const char *key, uint64_t v, int comma) {
    fprintf(out, "%s\"%s\":%llu", comma ? "," : "", key, (unsigned long long)v);
}

static void cs_json_counts(FILE *out, const cs_agg_cell *c) {
    fprintf(out,
            "\"scanned\":%llu,\"with_findings\":{\"any\":%llu,\"error\":%llu,\"warning\":%llu,"
            "\"notice\":%llu},\"findings\":%llu",
            (unsigned long long)c->scanned, (unsigned long long)c->with_any,
            (unsigned long long)c->with_sev[CS_SEV_ERROR],
            (unsigned long long)c->with_sev[CS_SEV_WARNING],
            (unsigned long long)c->with_sev[CS_SEV_NOTICE], (unsigned long long)c->findings);
}

static void cs_json_time(FILE *out, int64_t t) {
    char buf[32];
    cs_agg_time_text(t, buf);
    fprintf(out, "\"%s\"", buf);
}

static void cs_json_meta(FILE *out, const cs_agg *a) {
    fprintf(out, "{\"schema\":\"certscan-report\",\"schema_version\":%d,\"ruleset\":{\"version\":",
            CS_REPORT_SCHEMA_VERSION);
    cs_json_string(out, a->ruleset_version);
    fprintf(out, ",\"rules\":%zu},\"count_mode\":\"%s\",\"as_of\":", a->num_rules,
            cs_count_mode_name(a->cfg.mode));
    if (a->cfg.has_as_of) {
        cs_json_time(out, a->cfg.as_of);
    } else {
        fputs("null", out);
    }
    fputs(",\"shard\":", out);
    if (a->cfg.shard_n == 0) {
        fputs("null", out);
    } else {
        fprintf(out, "{\"n\":%u,\"k\":[", a->cfg.shard_n);
        int first = 1;
        for (unsigned k = 0; k < 64 && k < a->cfg.shard_n; k++) {
            if (a->shard_mask_lo >> k & 1) {
                fprintf(out, first ? "%u" : ",%u", k + 1);
                first = 0;
            }
        }
        fputs("]}", out);
    }
    fprintf(out, ",\"samples_per_ca_rule\":%u,\"inputs\":[", a->cfg.samples);
    for (size_t i = 0; i < a->num_inputs; i++) {
        if (i) {
            fputc(',', out);
        }
        cs_json_string(out, a->inputs[i]);
    }
    fputc(']', out);
}

static void cs_json_ca_id(FILE *out, const cs_agg *a, const cs_view_ca *vc) {
    const cs_agg_ca *ca = &a->cas[vc->ca];
    fputs("\"issuer\":", out);
    cs_json_string(out, ca->name);
    fputs(",\"issuer_der\":", out);
    cs_json_hex(out, ca->issuer_der, ca->issuer_len);
    fputs(",\"aki\":", out);
    if (ca->has_aki) {
        cs_json_hex(out, ca->aki, ca->aki_len);
    } else {
        fputs("null", out);
    }
    fputs(",\"ca_owner\":", out);
    if (vc->owner != NULL) {
        cs_json_string(out, vc->owner);
    } else {
        fputs("null", out);
    }
}

void cs_report_json(FILE *out, const cs_agg *a, const cs_report_options *opt) {
    (void)opt; /* JSON always carries every CA: --top and --all-cas shape the text report */
    cs_view v;
    if (!cs_view_build(&v, a)) {
        fputs("{\"error\":\"out of memory\"}\n", out);
        return;
    }
    const cs_agg_totals *t = &a->tot;
    cs_json_meta(out, a);
    fputs(",", out);
    cs_json_u64(out, "files", t->inputs, 0);
    cs_json_u64(out, "input_errors", t->input_errors, 1);
    cs_json_u64(out, "entries", t->parsed + t->rejected, 1);
    cs_json_u64(out, "parsed", t->parsed, 1);
    cs_json_u64(out, "rejected", t->rejected, 1);
    cs_json_u64(out, "skipped_pem_blocks", t->skipped_blocks, 1);
    cs_json_u64(out, "bytes", t->bytes, 1);
    cs_json_u64(out, "other_shards", t->other_shards, 1);
    cs_json_u64(out, "duplicates", t->duplicates, 1);
    cs_json_u64(out, "precerts_with_final", t->precerts_with_final, 1);
    cs_json_u64(out, "excluded_by_count_mode", t->excluded_by_mode, 1);
    fputs(",\"certificates\":{", out);
    cs_json_counts(out, &v.total);
    fputs("},\"rejected_by_reason\":[", out);
    for (size_t i = 0; i < a->num_reasons; i++) {
        const cs_agg_reason *r = &a->reasons[v.reasons[i]];
        fputs(i ? ",{\"reason\":" : "{\"reason\":", out);
        cs_json_string(out, r->key);
        fprintf(out, ",\"count\":%llu,\"example\":", (unsigned long long)r->count);
        cs_json_string(out, r->example);
        fputc('}', out);
    }
    fputs("],\"rules\":[", out);
    for (size_t i = 0; i < v.num_rules; i++) {
        const cs_view_rule *r = &v.rules[i];
        fputs(i ? ",{\"rule\":" : "{\"rule\":", out);
        cs_json_string(out, a->rule_id[r->rule]);
        fprintf(out, ",\"severity\":\"%s\",\"certificates\":%llu,\"cas\":%u}",
                cs_severity_name((cs_severity)a->rule_sev[r->rule]),
                (unsigned long long)r->certificates, r->cas);
    }
    fputs("],\"profiles\":[", out);
    for (size_t i = 0; i < v.num_profiles; i++) {
        const cs_view_group *g = &v.profiles[i];
        unsigned p = CS_AGG_CODE_PROFILE(g->key);
        fputs(i ? ",{\"profile\":" : "{\"profile\":", out);
        cs_json_string(out, g->name);
        fprintf(out, ",\"kind\":\"%s\",\"precert\":%s,\"smime_type\":%d,\"smime_generation\":%d,",
                cs_kind_name((cs_kind)CS_AGG_CODE_KIND(g->key)),
                CS_AGG_CODE_PRECERT(g->key) ? "true" : "false",
                cs_profile_smime_type((cs_profile)p), cs_profile_smime_generation((cs_profile)p));
        cs_json_counts(out, &g->tot);
        fputc('}', out);
    }
    fputs("],\"months\":[", out);
    for (size_t i = 0; i < v.num_months; i++) {
        char ym[8];
        cs_agg_month_text(v.months[i].key, ym);
        fprintf(out, "%s{\"month\":\"%s\",", i ? "," : "", ym);
        cs_json_counts(out, &v.months[i].tot);
        fputc('}', out);
    }
    fputs("]", out);
    if (a->owner_fn != NULL) {
        fputs(",\"owners\":[", out);
        for (size_t i = 0; i < v.num_owners; i++) {
            fputs(i ? ",{\"ca_owner\":" : "{\"ca_owner\":", out);
            cs_json_string(out, v.owners[i].name);
            fprintf(out, ",\"cas\":%u,", v.owners[i].key);
            cs_json_counts(out, &v.owners[i].tot);
            fputc('}', out);
        }
        fputs("]", out);
    }
    fprintf(out, ",\"cas_total\":%zu,\"cas\":[", v.num_cas);
    size_t cr = 0; /* walks v.carules, which is in CA order */
    for (size_t i = 0; i < v.num_cas; i++) {
        const cs_view_ca *vc = &v.cas[i];
        fputs(i ? ",{" : "{", out);
        cs_json_ca_id(out, a, vc);
        fputc(',', out);
        cs_json_counts(out, &vc->tot);
        size_t start = cr;
        fputs(",\"rules\":{", out);
        int first = 1;
        for (;
             cr < a->carules.len && v.ca_pos[CS_AGG_K0_CA(a->carules.keys[v.carules[cr]].k0)] == i;
             cr++) {
            const cs_agg_carule *c = cs_amap_val(&a->carules, v.carules[cr]);
            if (c->count == 0) {
                continue;
            }
            fputs(first ? "" : ",", out);
            first = 0;
            cs_json_string(out, a->rule_id[a->carules.keys[v.carules[cr]].k0 & 0xFFFFFFFFu]);
            fprintf(out, ":%llu", (unsigned long long)c->count);
        }
        fputs("},\"rule_details\":[", out);
        first = 1;
        for (size_t k = start; k < cr; k++) {
            const cs_agg_carule *c = cs_amap_val(&a->carules, v.carules[k]);
            uint32_t r = (uint32_t)(a->carules.keys[v.carules[k]].k0 & 0xFFFFFFFFu);
            if (c->count == 0) {
                continue;
            }
            fputs(first ? "{\"rule\":" : ",{\"rule\":", out);
            first = 0;
            cs_json_string(out, a->rule_id[r]);
            fprintf(out, ",\"severity\":\"%s\",\"certificates\":%llu,\"first_not_before\":",
                    cs_severity_name((cs_severity)a->rule_sev[r]), (unsigned long long)c->count);
            cs_json_time(out, c->first_nb);
            fputs(",\"last_not_before\":", out);
            cs_json_time(out, c->last_nb);
            fputs(",\"samples\":[", out);
            for (uint32_t s = 0; s < c->num_samples; s++) {
                fputs(s ? ",{\"sha256\":" : "{\"sha256\":", out);
                cs_json_hex(out, c->samples[s].sha256, 32);
                fputs(",\"serial\":", out);
                cs_json_hex(out, c->samples[s].serial, c->samples[s].serial_len);
                fputc('}', out);
            }
            fputs("]}", out);
        }
        fputs("]}", out);
    }
    /* The cube: per (CA, profile, month), with the CA as its position in "cas". */
    fputs("],\"cells\":[", out);
    size_t k = 0;
    for (size_t i = 0; i < a->cells.len; i++) {
        uint64_t k0 = a->cells.keys[v.cells[i]].k0;
        char ym[8];
        cs_agg_month_text(CS_AGG_K0_MONTH(k0), ym);
        fprintf(out, "%s{\"ca\":%u,\"profile\":\"%s\",\"month\":\"%s\",", i ? "," : "",
                v.ca_pos[CS_AGG_K0_CA(k0)], cs_agg_code_name(CS_AGG_K0_CODE(k0)), ym);
        cs_json_counts(out, cs_amap_val(&a->cells, v.cells[i]));
        fputs(",\"rules\":{", out);
        int first = 1;
        for (; k < a->cellrules.len && a->cellrules.keys[v.cellrules[k]].k0 == k0; k++) {
            fputs(first ? "" : ",", out);
            first = 0;
            cs_json_string(out, a->rule_id[a->cellrules.keys[v.cellrules[k]].k1 - 1]);
            fprintf(
                out, ":%llu",
                (unsigned long long)*(const uint64_t *)cs_amap_val(&a->cellrules, v.cellrules[k]));
        }
        fputs("}}", out);
    }
    fputs("],\"surveys\":{", out);
    for (size_t i = 0; i < a->num_surveys; i++) {
        fputs(i ? "," : "", out);
        cs_json_string(out, a->surveys[i].ops->name);
        fputc(':', out);
        if (a->surveys[i].ops->json != NULL) {
            a->surveys[i].ops->json(out, a->surveys[i].state);
        } else {
            fputs("null", out);
        }
    }
    fputc('}', out);
    if (opt != NULL && opt->json_extra != NULL) {
        opt->json_extra(out, opt->json_extra_ctx);
    }
    fputs("}\n", out);
    cs_view_free(&v);
}
