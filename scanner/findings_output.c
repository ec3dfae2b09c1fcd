#include "scanner/findings_output.h"

#include "io/sha256.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json.h"
#include "scanner/agg_internal.h"

void cs_findings_output_init(cs_findings_output *fo, const cs_ruleset *rules,
                             const cs_agg_config *cfg, int include_subject) {
    memset(fo, 0, sizeof *fo);
    fo->rules = rules;
    fo->unparseable_rule = cs_ruleset_find(rules, "x509.unparseable");
    fo->include_subject = include_subject;
    fo->shard_k = cfg->shard_k;
    fo->shard_n = cfg->shard_n;
}

static void cs_buf_hex(cs_buf *out, const uint8_t *p, size_t n) {
    static const char hex[] = "0123456789abcdef";
    cs_buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        cs_buf_putc(out, hex[p[i] >> 4]);
        cs_buf_putc(out, hex[p[i] & 15]);
    }
    cs_buf_putc(out, '"');
}

/* The same shard test as the aggregate's. */
static int cs_findings_in_shard(const cs_findings_output *fo, const cs_scan_item *it) {
    if (fo->shard_n == 0) {
        return 1;
    }
    if (it->entry->parsed) {
        return it->pair_key % fo->shard_n == fo->shard_k - 1;
    }
    if (!it->entry->has_der) {
        return fo->shard_k == 1;
    }
    return it->entry->id.low64 % fo->shard_n == fo->shard_k - 1;
}

static void cs_findings_item(cs_findings_output *fo, const cs_scan_batch *b, unsigned lane,
                             cs_buf *out) {
    const cs_scan_item *item = &b->item[lane];
    const cs_scan_entry *e = item->entry;
    const cs_facts *f = &b->batch.facts[lane];
    size_t num_rules = cs_ruleset_count(fo->rules);
    int any = !e->parsed;
    for (size_t r = 0; e->parsed && r < num_rules && !any; r++) {
        any = (int)((b->fail[r] >> lane) & 1);
    }
    if (!any || !cs_findings_in_shard(fo, item)) {
        return;
    }
    int private = e->parsed && (f->profile != CS_PROFILE_PKIX || f->smime.smime);
    char input[4096];
    snprintf(input, sizeof input, "%s#%llu", e->input, (unsigned long long)e->index);
    cs_buf_puts(out, "{\"input\":");
    cs_json_buf_string(out, input);
    cs_buf_puts(out, ",\"sha256\":");
    if (item->der != NULL) {
        unsigned char md[CS_SHA256_LEN];
        cs_sha256(item->der, item->der_len, md);
        cs_buf_hex(out, md, sizeof md);
    } else {
        cs_buf_puts(out, "null");
    }
    cs_buf_printf(out, ",\"profile\":\"%s\",\"profile_why\":\"%s\",\"findings\":[",
                  e->parsed ? cs_facts_profile_name(f) : "none",
                  e->parsed ? cs_profile_why_name(f->smime.why) : "none");
    int first = 1;
    long baseline_ca =
        fo->baseline != NULL && e->parsed ? cs_agg_ca_of_cert(fo->baseline, &item->x509) : -1;
    for (size_t r = 0; r < num_rules; r++) {
        int hit = e->parsed ? (int)((b->fail[r] >> lane) & 1) : (long)r == fo->unparseable_rule;
        if (!hit) {
            continue;
        }
        const cs_rule *rule = cs_ruleset_rule(fo->rules, r);
        char detail[512] = "";
        if (!e->parsed) {
            if (e->entry_status == CS_ENTRY_OK) {
                snprintf(detail, sizeof detail, "%s at byte %zu (%s)",
                         cs_der_status_text(e->parse_error.status), e->parse_error.offset,
                         e->parse_error.where != NULL ? e->parse_error.where : "input");
            } else {
                snprintf(detail, sizeof detail, "%s%s%s", cs_entry_status_text(e->entry_status),
                         e->entry_detail != NULL ? ": " : "",
                         e->entry_detail != NULL ? e->entry_detail : "");
            }
        } else if (rule->detail != NULL && (!private || fo->include_subject)) {
            cs_cert_ctx ctx = {&item->x509, f};
            rule->detail(&ctx, detail, sizeof detail);
        }
        char citation[128];
        snprintf(citation, sizeof citation, "%s \xC2\xA7%s", rule->source, rule->citation);
        cs_buf_puts(out, first ? "{\"rule\":" : ",{\"rule\":");
        first = 0;
        cs_json_buf_string(out, rule->id);
        cs_buf_printf(out, ",\"severity\":\"%s\",\"citation\":", cs_severity_name(rule->severity));
        cs_json_buf_string(out, citation);
        cs_buf_puts(out, ",\"detail\":");
        if (private && !fo->include_subject) {
            cs_buf_puts(out, "null");
        } else {
            cs_json_buf_string(out, detail);
        }
        if (fo->baseline != NULL) {
            /* The pair had findings in the baseline; false: a new (CA, rule) pair. */
            uint64_t before =
                e->parsed ? cs_agg_pair_count(fo->baseline, baseline_ca, fo->baseline_rule[r]) : 0;
            cs_buf_puts(out, before > 0 ? ",\"in_baseline\":true" : ",\"in_baseline\":false");
        }
        cs_buf_putc(out, '}');
    }
    cs_buf_puts(out, "]");
    if (e->parsed) {
        char name[1024], when[32];
        cs_x509_name_to_string(&item->x509.issuer, name, sizeof name);
        cs_buf_puts(out, ",\"issuer\":");
        cs_json_buf_string(out, name);
        cs_buf_puts(out, ",\"serial\":");
        cs_buf_hex(out, item->x509.serial.ptr, item->x509.serial.len);
        cs_agg_time_text(item->x509.not_before.epoch, when);
        cs_buf_printf(out, ",\"not_before\":\"%s\"", when);
        if (fo->include_subject) {
            cs_x509_name_to_string(&item->x509.subject, name, sizeof name);
            cs_buf_puts(out, ",\"subject\":");
            cs_json_buf_string(out, name);
        }
    }
    cs_buf_puts(out, ",\"position\":{\"input\":");
    cs_json_buf_string(out, e->input);
    cs_buf_printf(out, ",\"entry\":%llu,\"offset\":%llu,\"line\":%llu}}\n",
                  (unsigned long long)e->index, (unsigned long long)e->offset,
                  (unsigned long long)e->line);
}

int cs_findings_output_set_baseline(cs_findings_output *fo, const cs_agg *baseline) {
    size_t n = cs_ruleset_count(fo->rules);
    fo->baseline_rule = malloc((n ? n : 1) * sizeof *fo->baseline_rule);
    if (fo->baseline_rule == NULL) {
        return 0;
    }
    for (size_t r = 0; r < n; r++) {
        fo->baseline_rule[r] = cs_agg_rule_index(baseline, cs_ruleset_rule(fo->rules, r)->id);
    }
    fo->baseline = baseline;
    return 1;
}

void cs_findings_output_free(cs_findings_output *fo) {
    free(fo->baseline_rule);
    fo->baseline_rule = NULL;
    fo->baseline = NULL;
}

int cs_findings_output_batch(cs_findings_output *fo, const cs_scan_batch *b, cs_buf *out) {
    for (unsigned i = 0; i < b->n; i++) {
        cs_findings_item(fo, b, i, out);
    }
    return !out->failed;
}
