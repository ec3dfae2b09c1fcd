#include "scanner/lint_output.h"

#include <stdio.h>
#include <string.h>

#include "io/json.h"
#include "io/sha256.h"
#include "scanner/tbs.h"

void cs_lint_output_init(cs_lint_output *lo, cs_lint_format format, const cs_ruleset *rules,
                         const cs_audit *policy) {
    memset(lo, 0, sizeof *lo);
    lo->format = format;
    lo->rules = rules;
    lo->policy = policy;
}

void cs_lint_output_free(cs_lint_output *lo) {
    cs_finding_list_free(&lo->list);
}

/* XML 1.0 text and attribute escaping; control characters XML cannot carry become '?'. */
static void cs_xml_buf_string(cs_buf *out, const char *s) {
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&':
            cs_buf_puts(out, "&amp;");
            break;
        case '<':
            cs_buf_puts(out, "&lt;");
            break;
        case '>':
            cs_buf_puts(out, "&gt;");
            break;
        case '"':
            cs_buf_puts(out, "&quot;");
            break;
        default:
            cs_buf_putc(out, c < 0x20 && c != '\t' && c != '\n' ? '?' : (char)c);
        }
    }
}

static void cs_write_json_finding(cs_buf *out, const cs_finding *f, int first) {
    cs_buf_puts(out, first ? "{\"rule\":" : ",{\"rule\":");
    cs_json_buf_string(out, f->rule->id);
    cs_buf_printf(out, ",\"severity\":\"%s\",\"citation\":", cs_severity_name(f->rule->severity));
    cs_json_buf_string(out, f->citation);
    cs_buf_puts(out, ",\"detail\":");
    cs_json_buf_string(out, f->detail);
    if (f->status == CS_FINDING_WAIVED) {
        cs_buf_puts(out, ",\"waived\":{\"id\":");
        cs_json_buf_string(out, f->waiver.id);
        cs_buf_puts(out, ",\"reason\":");
        cs_json_buf_string(out, f->waiver.reason);
        cs_buf_puts(out, ",\"ticket\":");
        cs_json_buf_string(out, f->waiver.ticket);
        cs_buf_puts(out, ",\"expires\":");
        cs_json_buf_string(out, f->waiver.expires);
        cs_buf_putc(out, '}');
    }
    cs_buf_putc(out, '}');
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

static void cs_write_json(cs_lint_output *lo, const cs_scan_item *item, const char *name,
                          const char *sha_hex, const char *profile, const char *why,
                          const char *owner, cs_buf *out) {
    cs_buf_puts(out, "{\"input\":");
    cs_json_buf_string(out, name);
    if (item->der != NULL) {
        cs_buf_printf(out, ",\"sha256\":\"%s\"", sha_hex);
    } else {
        cs_buf_puts(out, ",\"sha256\":null");
    }
    cs_buf_printf(out, ",\"profile\":\"%s\",\"profile_why\":\"%s\"", profile, why);
    if (owner != NULL) {
        cs_buf_puts(out, ",\"ca_owner\":");
        cs_json_buf_string(out, owner);
    }
    cs_write_log_info(&item->entry->log, out);
    int tbs = cs_audit_tbs(lo->policy);
    if (tbs) {
        cs_buf_printf(out, ",\"form\":\"%s\"",
                      cs_tbs_form_name(item->der != NULL ? cs_tbs_detect(item->der, item->der_len)
                                                         : CS_TBS_FORM_UNKNOWN));
    }
    cs_buf_puts(out, ",\"findings\":[");
    int first = 1;
    for (size_t i = 0; i < lo->list.n; i++) {
        if (lo->list.item[i].status != CS_FINDING_SKIPPED) {
            cs_write_json_finding(out, &lo->list.item[i], first);
            first = 0;
        }
    }
    cs_buf_putc(out, ']');
    if (tbs) {
        cs_buf_puts(out, ",\"skipped\":[");
        first = 1;
        for (size_t i = 0; i < lo->list.n; i++) {
            const cs_finding *f = &lo->list.item[i];
            if (f->status == CS_FINDING_SKIPPED) {
                cs_buf_puts(out, first ? "{\"rule\":" : ",{\"rule\":");
                cs_json_buf_string(out, f->rule->id);
                cs_buf_puts(out, ",\"reason\":");
                cs_json_buf_string(out, f->detail);
                cs_buf_putc(out, '}');
                first = 0;
            }
        }
        cs_buf_putc(out, ']');
    }
    cs_buf_puts(out, "}\n");
}

static void cs_write_text(cs_lint_output *lo, const cs_scan_item *item, const char *name,
                          const char *sha_hex, const char *profile, cs_buf *out) {
    cs_buf_printf(out, "%s  sha256=%s  profile=%s", name, item->der != NULL ? sha_hex : "-",
                  profile);
    if (cs_audit_tbs(lo->policy) && item->der != NULL) {
        cs_buf_printf(out, "  form=%s", cs_tbs_form_name(cs_tbs_detect(item->der, item->der_len)));
    }
    const cs_log_info *log = &item->entry->log;
    if (log->has_index) {
        cs_buf_printf(out, "  log_index=%llu", (unsigned long long)log->index);
    }
    if (log->has_timestamp) {
        cs_buf_printf(out, "  log_timestamp=%llu", (unsigned long long)log->timestamp);
    }
    if (log->kind == CS_KIND_PRECERT || log->kind == CS_KIND_CHAIN) {
        cs_buf_printf(out, "  %s", cs_entry_kind_name((cs_entry_kind)log->kind));
    }
    cs_buf_putc(out, '\n');
    int live = 0;
    for (size_t i = 0; i < lo->list.n; i++) {
        const cs_finding *f = &lo->list.item[i];
        const char *sev = cs_severity_name(f->rule->severity);
        switch (f->status) {
        case CS_FINDING_LIVE:
            cs_buf_printf(out, "  %-7s %s (%s)%s%s\n", sev, f->rule->id, f->citation,
                          f->detail[0] ? ": " : "", f->detail);
            live++;
            break;
        case CS_FINDING_WAIVED:
            cs_buf_printf(out, "  waived  %s %s (%s)%s%s [waiver %s: %s; ticket %s; expires %s]\n",
                          sev, f->rule->id, f->citation, f->detail[0] ? ": " : "", f->detail,
                          f->waiver.id, f->waiver.reason, f->waiver.ticket, f->waiver.expires);
            break;
        case CS_FINDING_SKIPPED:
            cs_buf_printf(out, "  skipped %s: %s\n", f->rule->id, f->detail);
            break;
        }
    }
    if (live == 0) {
        cs_buf_puts(out, "  no findings\n");
    }
}

static void cs_write_junit(cs_lint_output *lo, const char *name, const char *sha_hex,
                           const char *profile, cs_buf *out) {
    size_t failures = 0, skipped = 0;
    for (size_t i = 0; i < lo->list.n; i++) {
        failures += lo->list.item[i].status == CS_FINDING_LIVE;
        skipped += lo->list.item[i].status != CS_FINDING_LIVE;
    }
    size_t tests = lo->list.n != 0 ? lo->list.n : 1;
    cs_buf_puts(out, "  <testsuite name=\"");
    cs_xml_buf_string(out, name);
    cs_buf_printf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n", tests,
                  failures, skipped);
    cs_buf_printf(out,
                  "    <properties><property name=\"sha256\" value=\"%s\"/>"
                  "<property name=\"profile\" value=\"%s\"/></properties>\n",
                  sha_hex[0] ? sha_hex : "-", profile);
    if (lo->list.n == 0) {
        cs_buf_puts(out, "    <testcase classname=\"certscan\" name=\"");
        cs_xml_buf_string(out, name);
        cs_buf_puts(out, "\"/>\n");
    }
    for (size_t i = 0; i < lo->list.n; i++) {
        const cs_finding *f = &lo->list.item[i];
        cs_buf_puts(out, "    <testcase classname=\"");
        cs_xml_buf_string(out, f->rule->id);
        cs_buf_puts(out, "\" name=\"");
        cs_xml_buf_string(out, name);
        cs_buf_puts(out, "\">");
        if (f->status == CS_FINDING_LIVE) {
            cs_buf_printf(out, "<failure type=\"%s\" message=\"",
                          cs_severity_name(f->rule->severity));
            cs_xml_buf_string(out, f->detail[0] ? f->detail : f->rule->description);
            cs_buf_puts(out, "\">");
            cs_xml_buf_string(out, f->citation);
            cs_buf_puts(out, ": ");
            cs_xml_buf_string(out, f->rule->description);
            cs_buf_puts(out, "</failure>");
        } else {
            char msg[768];
            if (f->status == CS_FINDING_WAIVED) {
                snprintf(msg, sizeof msg, "waived by %s: %s (ticket %s, expires %s)", f->waiver.id,
                         f->waiver.reason, f->waiver.ticket, f->waiver.expires);
            } else {
                snprintf(msg, sizeof msg, "skipped: %s", f->detail);
            }
            cs_buf_puts(out, "<skipped message=\"");
            cs_xml_buf_string(out, msg);
            cs_buf_puts(out, "\"/>");
        }
        cs_buf_puts(out, "</testcase>\n");
    }
    cs_buf_puts(out, "  </testsuite>\n");
}

/* What a CT log said of the entry, when known: its index and timestamp, and whether it is a
 * precertificate (from the log entry's type, else from the poison extension) or a chain
 * certificate (--chains). */

static void cs_write_item(cs_lint_output *lo, const cs_scan_batch *b, unsigned lane, cs_buf *out) {
    const cs_scan_item *item = &b->item[lane];
    const cs_scan_entry *it = item->entry;
    char sha_hex[2 * CS_SHA256_LEN + 1] = "";
    uint8_t md[CS_SHA256_LEN];
    if (item->der != NULL) {
        static const char hex[] = "0123456789abcdef";
        cs_sha256(item->der, item->der_len, md);
        for (unsigned i = 0; i < CS_SHA256_LEN; i++) {
            sha_hex[2 * i] = hex[md[i] >> 4];
            sha_hex[2 * i + 1] = hex[md[i] & 15];
        }
    }
    const char *owner = NULL;
    if (lo->owners != NULL && it->parsed) {
        cs_owner_match how;
        const cs_owner_info *info = cs_owner_db_for_cert(lo->owners, md, &item->x509, &how);
        owner = info != NULL ? info->ca_owner : NULL;
    }
    const char *profile = it->parsed ? cs_facts_profile_name(&b->batch.facts[lane]) : "none";
    const char *why = it->parsed ? cs_profile_why_name(b->batch.facts[lane].smime.why) : "none";
    char name[4096];
    snprintf(name, sizeof name, "%s#%llu", it->input, (unsigned long long)it->index);
    if (!cs_findings_collect(lo->rules, lo->policy, b, lane, &lo->list)) {
        out->failed = 1;
        return;
    }
    switch (lo->format) {
    case CS_LINT_JSON:
        cs_write_json(lo, item, name, sha_hex, profile, why, owner, out);
        break;
    case CS_LINT_JUNIT:
        cs_write_junit(lo, name, sha_hex, profile, out);
        break;
    default:
        cs_write_text(lo, item, name, sha_hex, profile, out);
    }
}

int cs_lint_output_batch(void *lint_output, const cs_scan_batch *b, cs_buf *out) {
    cs_lint_output *lo = lint_output;
    for (unsigned i = 0; i < b->n; i++) {
        cs_write_item(lo, b, i, out);
    }
    return !out->failed;
}

void cs_lint_junit_begin(FILE *out) {
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"certscan lint\">\n", out);
}

void cs_lint_junit_end(FILE *out) {
    fputs("</testsuites>\n", out);
}
