#include "scanner/findings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/tbs.h"

void cs_finding_list_free(cs_finding_list *l) {
    free(l->item);
    memset(l, 0, sizeof *l);
}

void cs_findings_unparseable_detail(const cs_scan_entry *it, char *buf, size_t len) {
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

static cs_finding *cs_findings_add(cs_finding_list *l, const cs_rule *rule,
                                   cs_finding_status status) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        cs_finding *p = realloc(l->item, cap * sizeof *p);
        if (p == NULL) {
            l->failed = 1;
            return NULL;
        }
        l->item = p;
        l->cap = cap;
    }
    cs_finding *f = &l->item[l->n++];
    memset(f, 0, offsetof(cs_finding, detail));
    f->detail[0] = '\0';
    f->rule = rule;
    f->status = status;
    snprintf(f->citation, sizeof f->citation, "%s \xC2\xA7%s", rule->source, rule->citation);
    return f;
}

int cs_findings_collect(const cs_ruleset *rules, const cs_audit *policy, const cs_scan_batch *b,
                        unsigned lane, cs_finding_list *out) {
    out->n = 0;
    out->failed = 0;
    const cs_scan_item *item = &b->item[lane];
    const cs_scan_entry *it = item->entry;
    if (!it->parsed) {
        long r = cs_ruleset_find(rules, "x509.unparseable");
        cs_finding *f =
            r >= 0 ? cs_findings_add(out, cs_ruleset_rule(rules, (size_t)r), CS_FINDING_LIVE)
                   : NULL;
        if (f != NULL) {
            cs_findings_unparseable_detail(it, f->detail, sizeof f->detail);
        }
        return !out->failed;
    }
    int tbs = cs_audit_tbs(policy);
    size_t num_rules = cs_ruleset_count(rules);
    uint64_t bit = (uint64_t)1 << lane;
    for (size_t r = 0; r < num_rules; r++) {
        const cs_rule *rule = cs_ruleset_rule(rules, r);
        cs_finding_status status;
        if (tbs && rule->needs_signature) {
            status = CS_FINDING_SKIPPED;
        } else if (b->fail[r] & bit) {
            status = CS_FINDING_LIVE;
        } else if (b->waived != NULL && (b->waived[r] & bit)) {
            status = CS_FINDING_WAIVED;
        } else {
            continue;
        }
        cs_finding *f = cs_findings_add(out, rule, status);
        if (f == NULL) {
            break;
        }
        if (status == CS_FINDING_SKIPPED) {
            snprintf(f->detail, sizeof f->detail, "%s", CS_TBS_SKIP_REASON);
            continue;
        }
        if (status == CS_FINDING_WAIVED && !cs_audit_waiver_for(policy, b, lane, r, &f->waiver)) {
            f->waiver = (cs_waiver_info){"?", "?", "?", "?"};
        }
        if (rule->detail != NULL) {
            cs_cert_ctx ctx = {&item->x509, &b->batch.facts[lane]};
            rule->detail(&ctx, f->detail, sizeof f->detail);
        }
    }
    return !out->failed;
}
