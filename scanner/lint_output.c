#include "scanner/lint_output.h"

#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>

#include "io/json.h"

void cs_lint_output_init(cs_lint_output *lo, cs_lint_format format, const cs_ruleset *rules) {
    memset(lo, 0, sizeof *lo);
    lo->format = format;
    lo->rules = rules;
    lo->unparseable_rule = cs_ruleset_find(rules, "x509.unparseable");
}

typedef struct cs_finding_text {
    const cs_rule *rule;
    char detail[512];
} cs_finding_text;

static void cs_unparseable_detail(const cs_scan_entry *it, char *buf, size_t len) {
    if (it->entry_status == CS_ENTRY_OK) {
        snprintf(buf, len, "%s at byte %zu (%s)", cs_der_status_text(it->parse_error.status),
                 it->parse_error.offset,
                 it->parse_error.where != NULL ? it->parse_error.where : "input");
        return;
    }
    char line[32] = "";
    if (it->line != 0) {
        snprintf(line, sizeof line, ", line %llu", (unsigned long long)it->line);
    }
    snprintf(buf, len, "%s (input offset %llu%s)%s%s", cs_entry_status_text(it->entry_status),
             (unsigned long long)it->offset, line, it->entry_detail != NULL ? ": " : "",
             it->entry_detail != NULL ? it->entry_detail : "");
}

/* What a CT log said of the entry, when known: its index and timestamp, and whether it is a
 * precertificate (from the log entry's type, else from the poison extension) or a chain
 * certificate (--chains). */
static void cs_write_log_info(const cs_log_info *log, cs_buf *out) {
    if (log->has_index) {
        cs_buf_printf(out, ",\"log_index\":%llu", (unsigned long long)log->index);
    }
    if (log->has_timestamp) {
        cs_buf_printf(out, ",\"log_timestamp\":%llu", (unsigned long long)log->timestamp);
    }
    if (log->kind != CS_KIND_UNKNOWN) {
        cs_buf_printf(out, ",\"precert\":%s", log->kind == CS_KIND_PRECERT ? "true" : "false");
    }
    if (log->kind == CS_KIND_CHAIN) {
        cs_buf_puts(out, ",\"chain\":true");
    }
}

static void cs_write_item(cs_lint_output *lo, const cs_scan_batch *b, unsigned lane, cs_buf *out) {
    const cs_scan_item *item = &b->item[lane];
    const cs_scan_entry *it = item->entry;
    char sha_hex[2 * SHA256_DIGEST_LENGTH + 1] = "";
    if (item->der != NULL) {
        static const char hex[] = "0123456789abcdef";
        unsigned char md[SHA256_DIGEST_LENGTH];
        SHA256(item->der, item->der_len, md);
        for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
            sha_hex[2 * i] = hex[md[i] >> 4];
            sha_hex[2 * i + 1] = hex[md[i] & 15];
        }
        sha_hex[2 * SHA256_DIGEST_LENGTH] = '\0';
    }
    const char *profile = it->parsed ? cs_facts_profile_name(&b->batch.facts[lane]) : "none";
    if (lo->format == CS_LINT_JSON) {
        char input[4096];
        snprintf(input, sizeof input, "%s#%llu", it->input, (unsigned long long)it->index);
        cs_buf_puts(out, "{\"input\":");
        cs_json_buf_string(out, input);
        if (item->der != NULL) {
            cs_buf_printf(out, ",\"sha256\":\"%s\"", sha_hex);
        } else {
            cs_buf_puts(out, ",\"sha256\":null");
        }
        cs_buf_printf(out, ",\"profile\":\"%s\",\"profile_why\":\"%s\"", profile,
                      it->parsed ? cs_profile_why_name(b->batch.facts[lane].smime.why) : "none");
        cs_write_log_info(&it->log, out);
        cs_buf_puts(out, ",\"findings\":[");
    } else {
        cs_buf_printf(out, "%s#%llu  sha256=%s  profile=%s", it->input,
                      (unsigned long long)it->index, item->der != NULL ? sha_hex : "-", profile);
        if (it->log.has_index) {
            cs_buf_printf(out, "  log_index=%llu", (unsigned long long)it->log.index);
        }
        if (it->log.has_timestamp) {
            cs_buf_printf(out, "  log_timestamp=%llu", (unsigned long long)it->log.timestamp);
        }
        if (it->log.kind == CS_KIND_PRECERT || it->log.kind == CS_KIND_CHAIN) {
            cs_buf_printf(out, "  %s", cs_entry_kind_name((cs_entry_kind)it->log.kind));
        }
        cs_buf_putc(out, '\n');
    }
    int first = 1;
    size_t num_rules = cs_ruleset_count(lo->rules);
    for (size_t r = 0; r < num_rules; r++) {
        int hit = it->parsed ? (int)((b->fail[r] >> lane) & 1) : (long)r == lo->unparseable_rule;
        if (!hit) {
            continue;
        }
        const cs_rule *rule = cs_ruleset_rule(lo->rules, r);
        char detail[512] = "";
        if (!it->parsed) {
            cs_unparseable_detail(it, detail, sizeof detail);
        } else if (rule->detail != NULL) {
            cs_cert_ctx ctx = {&item->x509, &b->batch.facts[lane]};
            rule->detail(&ctx, detail, sizeof detail);
        }
        lo->findings[rule->severity]++;
        char citation[128];
        snprintf(citation, sizeof citation, "%s \xC2\xA7%s", rule->source, rule->citation);
        if (lo->format == CS_LINT_JSON) {
            cs_buf_puts(out, first ? "{\"rule\":" : ",{\"rule\":");
            cs_json_buf_string(out, rule->id);
            cs_buf_printf(out,
                          ",\"severity\":\"%s\",\"citation\":", cs_severity_name(rule->severity));
            cs_json_buf_string(out, citation);
            cs_buf_puts(out, ",\"detail\":");
            cs_json_buf_string(out, detail);
            cs_buf_putc(out, '}');
        } else {
            cs_buf_printf(out, "  %-7s %s (%s)%s%s\n", cs_severity_name(rule->severity), rule->id,
                          citation, detail[0] ? ": " : "", detail);
        }
        first = 0;
    }
    if (lo->format == CS_LINT_JSON) {
        cs_buf_puts(out, "]}\n");
    } else if (first) {
        cs_buf_puts(out, "  no findings\n");
    }
}

int cs_lint_output_batch(void *lint_output, const cs_scan_batch *b, cs_buf *out) {
    cs_lint_output *lo = lint_output;
    for (unsigned i = 0; i < b->n; i++) {
        cs_write_item(lo, b, i, out);
    }
    return !out->failed;
}
