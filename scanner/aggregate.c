#include "scanner/aggregate.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "io/json.h"

#define CS_NAME_MAX 1024

typedef struct cs_agg_ca {
    uint64_t hash;
    uint8_t *issuer_der; /* the issuer Name TLV, for exact matching */
    size_t issuer_len;
    char *name;
    uint64_t scanned;
    uint64_t with_severity[CS_SEV_COUNT];
    uint64_t with_any;
    uint64_t *rule_certs; /* per rule */
} cs_agg_ca;

typedef struct cs_agg_reason {
    char *key;          /* "x509.unexpected_tag at tbsCertificate.issuer" */
    const char *reason; /* the reason part of the key */
    uint64_t count;
    char *example; /* first occurrence: "path#index (offset N): detail" */
} cs_agg_reason;

struct cs_agg {
    const cs_ruleset *rules;
    size_t num_rules;
    cs_agg_ca **cas; /* open addressing, power-of-two capacity; records never move */
    size_t ca_cap;
    size_t ca_count;
    uint64_t *rule_total;
    uint64_t with_severity[CS_SEV_COUNT];
    uint64_t with_any;
    cs_agg_reason *reasons;
    size_t num_reasons;
};

cs_agg *cs_agg_new(const cs_ruleset *rules) {
    cs_agg *a = calloc(1, sizeof *a);
    if (a == NULL) {
        return NULL;
    }
    a->rules = rules;
    a->num_rules = cs_ruleset_count(rules);
    a->ca_cap = 1024;
    a->cas = calloc(a->ca_cap, sizeof *a->cas);
    a->rule_total = calloc(a->num_rules ? a->num_rules : 1, sizeof *a->rule_total);
    if (a->cas == NULL || a->rule_total == NULL) {
        cs_agg_free(a);
        return NULL;
    }
    return a;
}

void cs_agg_free(cs_agg *a) {
    if (a == NULL) {
        return;
    }
    for (size_t i = 0; a->cas != NULL && i < a->ca_cap; i++) {
        if (a->cas[i] != NULL) {
            free(a->cas[i]->issuer_der);
            free(a->cas[i]->name);
            free(a->cas[i]->rule_certs);
            free(a->cas[i]);
        }
    }
    for (size_t i = 0; i < a->num_reasons; i++) {
        free(a->reasons[i].key);
        free(a->reasons[i].example);
    }
    free(a->reasons);
    free(a->cas);
    free(a->rule_total);
    free(a);
}

static int cs_agg_grow(cs_agg *a) {
    size_t cap = a->ca_cap * 2;
    cs_agg_ca **cas = calloc(cap, sizeof *cas);
    if (cas == NULL) {
        return 0;
    }
    for (size_t i = 0; i < a->ca_cap; i++) {
        if (a->cas[i] == NULL) {
            continue;
        }
        size_t j = a->cas[i]->hash & (cap - 1);
        while (cas[j] != NULL) {
            j = (j + 1) & (cap - 1);
        }
        cas[j] = a->cas[i];
    }
    free(a->cas);
    a->cas = cas;
    a->ca_cap = cap;
    return 1;
}

static cs_agg_ca *cs_agg_find_ca(cs_agg *a, const cs_x509 *x) {
    cs_der issuer = x->issuer.raw;
    uint64_t h = XXH3_64bits(issuer.ptr, issuer.len);
    size_t j = h & (a->ca_cap - 1);
    while (a->cas[j] != NULL) {
        cs_agg_ca *c = a->cas[j];
        if (c->hash == h && c->issuer_len == issuer.len &&
            memcmp(c->issuer_der, issuer.ptr, issuer.len) == 0) {
            return c;
        }
        j = (j + 1) & (a->ca_cap - 1);
    }
    if ((a->ca_count + 1) * 2 > a->ca_cap) {
        if (!cs_agg_grow(a)) {
            return NULL;
        }
        return cs_agg_find_ca(a, x);
    }
    cs_agg_ca *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return NULL;
    }
    char name[CS_NAME_MAX];
    cs_x509_name_to_string(&x->issuer, name, sizeof name);
    c->issuer_der = malloc(issuer.len ? issuer.len : 1);
    c->name = strdup(name);
    c->rule_certs = calloc(a->num_rules ? a->num_rules : 1, sizeof *c->rule_certs);
    if (c->issuer_der == NULL || c->name == NULL || c->rule_certs == NULL) {
        free(c->issuer_der);
        free(c->name);
        free(c->rule_certs);
        free(c);
        return NULL;
    }
    a->cas[j] = c;
    memcpy(c->issuer_der, issuer.ptr, issuer.len);
    c->issuer_len = issuer.len;
    c->hash = h;
    a->ca_count++;
    return c;
}

static int cs_agg_reject(cs_agg *a, const cs_scan_item *it) {
    const char *reason = cs_scan_item_reason(it);
    char key[256];
    if (it->entry_status == CS_ENTRY_OK && it->parse_error.where != NULL) {
        snprintf(key, sizeof key, "%s at %s", reason, it->parse_error.where);
    } else {
        snprintf(key, sizeof key, "%s", reason);
    }
    for (size_t i = 0; i < a->num_reasons; i++) {
        if (strcmp(a->reasons[i].key, key) == 0) {
            a->reasons[i].count++;
            return 1;
        }
    }
    cs_agg_reason *r = realloc(a->reasons, (a->num_reasons + 1) * sizeof *r);
    if (r == NULL) {
        return 0;
    }
    a->reasons = r;
    char example[1024];
    if (it->entry_status != CS_ENTRY_OK) {
        snprintf(example, sizeof example, "%s#%llu (offset %llu): %s", it->input,
                 (unsigned long long)it->index, (unsigned long long)it->offset,
                 it->entry_detail != NULL ? it->entry_detail
                                          : cs_entry_status_text(it->entry_status));
    } else {
        snprintf(example, sizeof example, "%s#%llu: %s at certificate byte %zu", it->input,
                 (unsigned long long)it->index, cs_der_status_text(it->parse_error.status),
                 it->parse_error.offset);
    }
    r = &a->reasons[a->num_reasons];
    r->key = strdup(key);
    r->example = strdup(example);
    if (r->key == NULL || r->example == NULL) {
        free(r->key);
        free(r->example);
        return 0;
    }
    r->reason = reason;
    r->count = 1;
    a->num_reasons++;
    return 1;
}

int cs_agg_add_batch(cs_agg *a, const cs_scan_batch *b) {
    cs_agg_ca *ca_of[CS_BATCH_LANES];
    uint8_t sev_of[CS_BATCH_LANES][CS_SEV_COUNT];
    memset(sev_of, 0, sizeof sev_of);
    for (unsigned i = 0; i < b->n; i++) {
        const cs_scan_item *it = &b->item[i];
        ca_of[i] = NULL;
        if (!it->parsed) {
            if (!cs_agg_reject(a, it)) {
                return 0;
            }
            continue;
        }
        ca_of[i] = cs_agg_find_ca(a, &it->x509);
        if (ca_of[i] == NULL) {
            return 0;
        }
        ca_of[i]->scanned++;
    }
    for (size_t r = 0; r < a->num_rules; r++) {
        uint64_t fail = b->fail[r];
        if (fail == 0) {
            continue;
        }
        cs_severity sev = cs_ruleset_rule(a->rules, r)->severity;
        for (; fail != 0; fail &= fail - 1) {
            unsigned lane = (unsigned)__builtin_ctzll(fail);
            a->rule_total[r]++;
            ca_of[lane]->rule_certs[r]++;
            sev_of[lane][sev] = 1;
        }
    }
    for (unsigned i = 0; i < b->n; i++) {
        if (ca_of[i] == NULL) {
            continue;
        }
        int any = 0;
        for (unsigned s = 0; s < CS_SEV_COUNT; s++) {
            if (sev_of[i][s]) {
                ca_of[i]->with_severity[s]++;
                a->with_severity[s]++;
                any = 1;
            }
        }
        ca_of[i]->with_any += (uint64_t)any;
        a->with_any += (uint64_t)any;
    }
    return 1;
}

size_t cs_agg_num_cas(const cs_agg *a) {
    return a->ca_count;
}

static const cs_agg_ca *cs_agg_ca_by_name(const cs_agg *a, const char *issuer) {
    for (size_t i = 0; i < a->ca_cap; i++) {
        if (a->cas[i] != NULL && strcmp(a->cas[i]->name, issuer) == 0) {
            return a->cas[i];
        }
    }
    return NULL;
}

uint64_t cs_agg_ca_scanned(const cs_agg *a, const char *issuer) {
    const cs_agg_ca *c = cs_agg_ca_by_name(a, issuer);
    return c != NULL ? c->scanned : 0;
}

uint64_t cs_agg_ca_rule(const cs_agg *a, const char *issuer, size_t rule) {
    const cs_agg_ca *c = cs_agg_ca_by_name(a, issuer);
    return c != NULL && rule < a->num_rules ? c->rule_certs[rule] : 0;
}

uint64_t cs_agg_rule_total(const cs_agg *a, size_t rule) {
    return rule < a->num_rules ? a->rule_total[rule] : 0;
}

uint64_t cs_agg_rejected(const cs_agg *a, const char *reason) {
    uint64_t n = 0;
    for (size_t i = 0; i < a->num_reasons; i++) {
        if (strcmp(a->reasons[i].reason, reason) == 0) {
            n += a->reasons[i].count;
        }
    }
    return n;
}

/* ---- reports ---- */

static int cs_ca_order(const void *pa, const void *pb) {
    const cs_agg_ca *a = *(const cs_agg_ca *const *)pa;
    const cs_agg_ca *b = *(const cs_agg_ca *const *)pb;
    if (a->with_any != b->with_any) {
        return a->with_any > b->with_any ? -1 : 1;
    }
    if (a->scanned != b->scanned) {
        return a->scanned > b->scanned ? -1 : 1;
    }
    return strcmp(a->name, b->name);
}

static int cs_reason_order(const void *pa, const void *pb) {
    const cs_agg_reason *a = pa;
    const cs_agg_reason *b = pb;
    if (a->count != b->count) {
        return a->count > b->count ? -1 : 1;
    }
    return strcmp(a->key, b->key);
}

/* CAs in report order; the caller frees the array. */
static const cs_agg_ca **cs_agg_sorted_cas(const cs_agg *a, const cs_report_options *opt,
                                           size_t *out_count) {
    const cs_agg_ca **list = malloc((a->ca_count ? a->ca_count : 1) * sizeof *list);
    size_t n = 0;
    if (list == NULL) {
        *out_count = 0;
        return NULL;
    }
    for (size_t i = 0; i < a->ca_cap; i++) {
        const cs_agg_ca *c = a->cas[i];
        if (c != NULL && (c->with_any > 0 || opt->all_cas)) {
            list[n++] = c;
        }
    }
    if (n > 1) {
        qsort(list, n, sizeof *list, cs_ca_order);
    }
    if (opt->top_cas > 0 && n > opt->top_cas) {
        n = opt->top_cas;
    }
    *out_count = n;
    return list;
}

static void cs_sort_reasons(const cs_agg *a) {
    /* Sorting in place keeps reports deterministic; the table is small. */
    if (a->num_reasons > 1) {
        qsort(a->reasons, a->num_reasons, sizeof *a->reasons, cs_reason_order);
    }
}

void cs_report_text(FILE *out, const cs_agg *a, const cs_scan_totals *t,
                    const cs_report_options *opt) {
    cs_sort_reasons(a);
    fprintf(out, "Inputs            %10llu", (unsigned long long)t->inputs);
    if (t->input_errors > 0) {
        fprintf(out, "   (%llu could not be read)", (unsigned long long)t->input_errors);
    }
    fprintf(out, "\nEntries read      %10llu\n", (unsigned long long)t->entries);
    fprintf(out, "  parsed          %10llu\n", (unsigned long long)t->parsed);
    fprintf(out, "  rejected        %10llu\n", (unsigned long long)t->rejected);
    for (size_t i = 0; i < a->num_reasons; i++) {
        fprintf(out, "    %8llu  %s\n", (unsigned long long)a->reasons[i].count, a->reasons[i].key);
        fprintf(out, "              e.g. %s\n", a->reasons[i].example);
    }
    if (t->skipped_blocks > 0) {
        fprintf(out, "Other PEM blocks  %10llu   (keys, CRLs, requests: not certificates)\n",
                (unsigned long long)t->skipped_blocks);
    }
    fprintf(out,
            "\nCertificates with findings: %llu of %llu  (error %llu, warning %llu, notice %llu)\n",
            (unsigned long long)a->with_any, (unsigned long long)t->parsed,
            (unsigned long long)a->with_severity[CS_SEV_ERROR],
            (unsigned long long)a->with_severity[CS_SEV_WARNING],
            (unsigned long long)a->with_severity[CS_SEV_NOTICE]);

    fprintf(out, "\nBy rule (certificates with the finding / certificates parsed)\n");
    int any_rule = 0;
    for (size_t r = 0; r < a->num_rules; r++) {
        const cs_rule *rule = cs_ruleset_rule(a->rules, r);
        if (a->rule_total[r] == 0) {
            continue;
        }
        any_rule = 1;
        fprintf(out, "  %-46s %-8s %8llu / %llu\n", rule->id, cs_severity_name(rule->severity),
                (unsigned long long)a->rule_total[r], (unsigned long long)t->parsed);
    }
    if (!any_rule) {
        fprintf(out, "  (no findings)\n");
    }

    size_t n;
    const cs_agg_ca **list = cs_agg_sorted_cas(a, opt, &n);
    size_t with_findings = 0;
    for (size_t i = 0; i < a->ca_cap; i++) {
        with_findings += a->cas[i] != NULL && a->cas[i]->with_any > 0;
    }
    fprintf(out, "\nBy issuing CA: %zu CAs, %zu with findings%s\n", a->ca_count, with_findings,
            n < (opt->all_cas ? a->ca_count : with_findings) ? " (listing the first ones)" : "");
    for (size_t i = 0; list != NULL && i < n; i++) {
        const cs_agg_ca *c = list[i];
        fprintf(out, "\n  %s\n", c->name);
        fprintf(out,
                "    scanned %llu; with findings %llu (error %llu, warning %llu, notice %llu)\n",
                (unsigned long long)c->scanned, (unsigned long long)c->with_any,
                (unsigned long long)c->with_severity[CS_SEV_ERROR],
                (unsigned long long)c->with_severity[CS_SEV_WARNING],
                (unsigned long long)c->with_severity[CS_SEV_NOTICE]);
        for (size_t r = 0; r < a->num_rules; r++) {
            if (c->rule_certs[r] == 0) {
                continue;
            }
            const cs_rule *rule = cs_ruleset_rule(a->rules, r);
            fprintf(out, "    %-44s %-8s %6llu / %llu\n", rule->id,
                    cs_severity_name(rule->severity), (unsigned long long)c->rule_certs[r],
                    (unsigned long long)c->scanned);
        }
    }
    free(list);
}

void cs_report_json(FILE *out, const cs_agg *a, const cs_scan_totals *t,
                    const cs_report_options *opt) {
    cs_sort_reasons(a);
    fprintf(out,
            "{\"inputs\":%llu,\"input_errors\":%llu,\"entries\":%llu,\"parsed\":%llu,"
            "\"rejected\":%llu,\"skipped_pem_blocks\":%llu,",
            (unsigned long long)t->inputs, (unsigned long long)t->input_errors,
            (unsigned long long)t->entries, (unsigned long long)t->parsed,
            (unsigned long long)t->rejected, (unsigned long long)t->skipped_blocks);
    fputs("\"rejected_by_reason\":[", out);
    for (size_t i = 0; i < a->num_reasons; i++) {
        fputs(i ? ",{\"reason\":" : "{\"reason\":", out);
        cs_json_string(out, a->reasons[i].key);
        fprintf(out, ",\"count\":%llu,\"example\":", (unsigned long long)a->reasons[i].count);
        cs_json_string(out, a->reasons[i].example);
        fputc('}', out);
    }
    fprintf(out,
            "],\"certificates_with_findings\":{\"any\":%llu,\"error\":%llu,\"warning\":%llu,"
            "\"notice\":%llu},\"rules\":[",
            (unsigned long long)a->with_any, (unsigned long long)a->with_severity[CS_SEV_ERROR],
            (unsigned long long)a->with_severity[CS_SEV_WARNING],
            (unsigned long long)a->with_severity[CS_SEV_NOTICE]);
    int first = 1;
    for (size_t r = 0; r < a->num_rules; r++) {
        if (a->rule_total[r] == 0) {
            continue;
        }
        const cs_rule *rule = cs_ruleset_rule(a->rules, r);
        fputs(first ? "{\"rule\":" : ",{\"rule\":", out);
        first = 0;
        cs_json_string(out, rule->id);
        fprintf(out, ",\"severity\":\"%s\",\"certificates\":%llu}",
                cs_severity_name(rule->severity), (unsigned long long)a->rule_total[r]);
    }
    fprintf(out, "],\"cas_total\":%zu,\"cas\":[", a->ca_count);
    size_t n;
    const cs_agg_ca **list = cs_agg_sorted_cas(a, opt, &n);
    for (size_t i = 0; list != NULL && i < n; i++) {
        const cs_agg_ca *c = list[i];
        fputs(i ? ",{\"issuer\":" : "{\"issuer\":", out);
        cs_json_string(out, c->name);
        fprintf(out,
                ",\"scanned\":%llu,\"with_findings\":{\"any\":%llu,\"error\":%llu,"
                "\"warning\":%llu,\"notice\":%llu},\"rules\":{",
                (unsigned long long)c->scanned, (unsigned long long)c->with_any,
                (unsigned long long)c->with_severity[CS_SEV_ERROR],
                (unsigned long long)c->with_severity[CS_SEV_WARNING],
                (unsigned long long)c->with_severity[CS_SEV_NOTICE]);
        int first_rule = 1;
        for (size_t r = 0; r < a->num_rules; r++) {
            if (c->rule_certs[r] == 0) {
                continue;
            }
            if (!first_rule) {
                fputc(',', out);
            }
            first_rule = 0;
            cs_json_string(out, cs_ruleset_rule(a->rules, r)->id);
            fprintf(out, ":%llu", (unsigned long long)c->rule_certs[r]);
        }
        fputs("}}", out);
    }
    fputs("]}\n", out);
    free(list);
}
