#include "scanner/aggregate.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "io/json.h"
#include "scanner/survey.h"

#define CS_NAME_MAX 1024

/* A CA's count for one rule. Most CAs trip a handful of the 400 rules, so counts are kept in a
 * small hash table per CA rather than an array of every rule: on a corpus of many CAs, with an
 * aggregate per worker, the arrays would cost cores x CAs x rules words. */
typedef struct cs_agg_rule_count {
    uint32_t rule_plus1; /* 0: empty slot */
    uint64_t count;
} cs_agg_rule_count;

typedef struct cs_agg_ca {
    uint64_t hash;
    uint8_t *issuer_der; /* the issuer Name TLV, for exact matching */
    size_t issuer_len;
    char *name;
    uint64_t scanned;
    uint64_t with_severity[CS_SEV_COUNT];
    uint64_t with_any;
    cs_agg_rule_count *counts; /* open addressing, power-of-two capacity */
    uint32_t counts_cap;
    uint32_t counts_len;
} cs_agg_ca;

typedef struct cs_agg_reason {
    char *key;          /* "x509.unexpected_tag at tbsCertificate.issuer" */
    const char *reason; /* the reason part of the key */
    uint64_t count;
    char *example; /* the occurrence earliest in input order: "path#index (offset N): detail" */
    uint64_t example_input;
    uint64_t example_index;
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

static void cs_agg_ca_free(cs_agg_ca *c) {
    free(c->issuer_der);
    free(c->name);
    free(c->counts);
    free(c);
}

void cs_agg_free(cs_agg *a) {
    if (a == NULL) {
        return;
    }
    for (size_t i = 0; a->cas != NULL && i < a->ca_cap; i++) {
        if (a->cas[i] != NULL) {
            cs_agg_ca_free(a->cas[i]);
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

/* ---- per-CA rule counts ---- */

static size_t cs_agg_rule_slot(uint32_t rule, uint32_t mask) {
    return (size_t)((rule * 2654435761u) >> 7) & mask;
}

static uint64_t cs_agg_ca_count(const cs_agg_ca *c, size_t rule) {
    if (c->counts_cap == 0) {
        return 0;
    }
    uint32_t mask = c->counts_cap - 1;
    for (size_t j = cs_agg_rule_slot((uint32_t)rule, mask);; j = (j + 1) & mask) {
        if (c->counts[j].rule_plus1 == 0) {
            return 0;
        }
        if (c->counts[j].rule_plus1 == rule + 1) {
            return c->counts[j].count;
        }
    }
}

static int cs_agg_ca_grow(cs_agg_ca *c) {
    uint32_t cap = c->counts_cap != 0 ? c->counts_cap * 2 : 8;
    cs_agg_rule_count *fresh = calloc(cap, sizeof *fresh);
    if (fresh == NULL) {
        return 0;
    }
    for (uint32_t i = 0; i < c->counts_cap; i++) {
        if (c->counts[i].rule_plus1 != 0) {
            size_t j = cs_agg_rule_slot(c->counts[i].rule_plus1 - 1, cap - 1);
            while (fresh[j].rule_plus1 != 0) {
                j = (j + 1) & (cap - 1);
            }
            fresh[j] = c->counts[i];
        }
    }
    free(c->counts);
    c->counts = fresh;
    c->counts_cap = cap;
    return 1;
}

static int cs_agg_ca_add(cs_agg_ca *c, size_t rule, uint64_t n) {
    if ((c->counts_len + 1) * 2 > c->counts_cap && !cs_agg_ca_grow(c)) {
        return 0;
    }
    uint32_t mask = c->counts_cap - 1;
    for (size_t j = cs_agg_rule_slot((uint32_t)rule, mask);; j = (j + 1) & mask) {
        if (c->counts[j].rule_plus1 == rule + 1) {
            c->counts[j].count += n;
            return 1;
        }
        if (c->counts[j].rule_plus1 == 0) {
            c->counts[j].rule_plus1 = (uint32_t)rule + 1;
            c->counts[j].count = n;
            c->counts_len++;
            return 1;
        }
    }
}

/* ---- CAs ---- */

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

/* The CA whose issuer Name is `der`, created if new. `x` names it when it is created (merges
 * pass NULL and `name` instead). */
static cs_agg_ca *cs_agg_find(cs_agg *a, const uint8_t *der, size_t len, uint64_t h,
                              const cs_x509 *x, const char *name) {
    size_t j = h & (a->ca_cap - 1);
    while (a->cas[j] != NULL) {
        cs_agg_ca *c = a->cas[j];
        if (c->hash == h && c->issuer_len == len && memcmp(c->issuer_der, der, len) == 0) {
            return c;
        }
        j = (j + 1) & (a->ca_cap - 1);
    }
    if ((a->ca_count + 1) * 2 > a->ca_cap) {
        if (!cs_agg_grow(a)) {
            return NULL;
        }
        return cs_agg_find(a, der, len, h, x, name);
    }
    cs_agg_ca *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return NULL;
    }
    char text[CS_NAME_MAX];
    if (x != NULL) {
        cs_x509_name_to_string(&x->issuer, text, sizeof text);
        name = text;
    }
    c->issuer_der = malloc(len ? len : 1);
    c->name = strdup(name);
    if (c->issuer_der == NULL || c->name == NULL) {
        cs_agg_ca_free(c);
        return NULL;
    }
    a->cas[j] = c;
    memcpy(c->issuer_der, der, len);
    c->issuer_len = len;
    c->hash = h;
    a->ca_count++;
    return c;
}

static cs_agg_ca *cs_agg_find_ca(cs_agg *a, const cs_x509 *x) {
    cs_der issuer = x->issuer.raw;
    return cs_agg_find(a, issuer.ptr, issuer.len, XXH3_64bits(issuer.ptr, issuer.len), x, NULL);
}

/* ---- rejections ---- */

static int cs_agg_earlier(uint64_t input_a, uint64_t index_a, uint64_t input_b, uint64_t index_b) {
    return input_a != input_b ? input_a < input_b : index_a < index_b;
}

static void cs_agg_example(const cs_scan_entry *e, char *buf, size_t len) {
    if (e->entry_status != CS_ENTRY_OK) {
        snprintf(buf, len, "%s#%llu (offset %llu): %s", e->input, (unsigned long long)e->index,
                 (unsigned long long)e->offset,
                 e->entry_detail != NULL ? e->entry_detail : cs_entry_status_text(e->entry_status));
    } else {
        snprintf(buf, len, "%s#%llu: %s at certificate byte %zu", e->input,
                 (unsigned long long)e->index, cs_der_status_text(e->parse_error.status),
                 e->parse_error.offset);
    }
}

static cs_agg_reason *cs_agg_find_reason(cs_agg *a, const char *key) {
    for (size_t i = 0; i < a->num_reasons; i++) {
        if (strcmp(a->reasons[i].key, key) == 0) {
            return &a->reasons[i];
        }
    }
    return NULL;
}

/* A new reason with no count yet; NULL when memory ran out. */
static cs_agg_reason *cs_agg_new_reason(cs_agg *a, const char *key, const char *reason,
                                        const char *example, uint64_t input, uint64_t index) {
    cs_agg_reason *r = realloc(a->reasons, (a->num_reasons + 1) * sizeof *r);
    if (r == NULL) {
        return NULL;
    }
    a->reasons = r;
    r = &a->reasons[a->num_reasons];
    r->key = strdup(key);
    r->example = strdup(example);
    if (r->key == NULL || r->example == NULL) {
        free(r->key);
        free(r->example);
        return NULL;
    }
    r->reason = reason;
    r->count = 0;
    r->example_input = input;
    r->example_index = index;
    a->num_reasons++;
    return r;
}

static int cs_agg_set_example(cs_agg_reason *r, const char *example, uint64_t input,
                              uint64_t index) {
    char *copy = strdup(example);
    if (copy == NULL) {
        return 0;
    }
    free(r->example);
    r->example = copy;
    r->example_input = input;
    r->example_index = index;
    return 1;
}

static int cs_agg_reject(cs_agg *a, const cs_scan_entry *e) {
    const char *reason = cs_scan_entry_reason(e);
    char key[256];
    if (e->entry_status == CS_ENTRY_OK && e->parse_error.where != NULL) {
        snprintf(key, sizeof key, "%s at %s", reason, e->parse_error.where);
    } else {
        snprintf(key, sizeof key, "%s", reason);
    }
    cs_agg_reason *r = cs_agg_find_reason(a, key);
    if (r != NULL && !cs_agg_earlier(e->input_no, e->index, r->example_input, r->example_index)) {
        r->count++;
        return 1;
    }
    char example[1024];
    cs_agg_example(e, example, sizeof example);
    if (r == NULL) {
        r = cs_agg_new_reason(a, key, reason, example, e->input_no, e->index);
    } else if (!cs_agg_set_example(r, example, e->input_no, e->index)) {
        return 0;
    }
    if (r == NULL) {
        return 0;
    }
    r->count++;
    return 1;
}

/* ---- batches ---- */

int cs_agg_add_batch(cs_agg *a, const cs_scan_batch *b) {
    cs_agg_ca *ca_of[CS_BATCH_LANES];
    uint8_t sev_of[CS_BATCH_LANES][CS_SEV_COUNT];
    memset(sev_of, 0, sizeof sev_of);
    for (unsigned i = 0; i < b->n; i++) {
        const cs_scan_item *it = &b->item[i];
        ca_of[i] = NULL;
        if (!it->entry->parsed) {
            if (!cs_agg_reject(a, it->entry)) {
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
            if (!cs_agg_ca_add(ca_of[lane], r, 1)) {
                return 0;
            }
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

int cs_agg_merge(cs_agg *dst, const cs_agg *src) {
    for (size_t i = 0; i < src->ca_cap; i++) {
        const cs_agg_ca *s = src->cas[i];
        if (s == NULL) {
            continue;
        }
        cs_agg_ca *d = cs_agg_find(dst, s->issuer_der, s->issuer_len, s->hash, NULL, s->name);
        if (d == NULL) {
            return 0;
        }
        d->scanned += s->scanned;
        d->with_any += s->with_any;
        for (unsigned k = 0; k < CS_SEV_COUNT; k++) {
            d->with_severity[k] += s->with_severity[k];
        }
        for (uint32_t k = 0; k < s->counts_cap; k++) {
            if (s->counts[k].rule_plus1 != 0 &&
                !cs_agg_ca_add(d, s->counts[k].rule_plus1 - 1, s->counts[k].count)) {
                return 0;
            }
        }
    }
    for (size_t r = 0; r < dst->num_rules; r++) {
        dst->rule_total[r] += src->rule_total[r];
    }
    for (unsigned k = 0; k < CS_SEV_COUNT; k++) {
        dst->with_severity[k] += src->with_severity[k];
    }
    dst->with_any += src->with_any;
    for (size_t i = 0; i < src->num_reasons; i++) {
        const cs_agg_reason *s = &src->reasons[i];
        cs_agg_reason *d = cs_agg_find_reason(dst, s->key);
        if (d == NULL) {
            d = cs_agg_new_reason(dst, s->key, s->reason, s->example, s->example_input,
                                  s->example_index);
            if (d == NULL) {
                return 0;
            }
        } else if (cs_agg_earlier(s->example_input, s->example_index, d->example_input,
                                  d->example_index) &&
                   !cs_agg_set_example(d, s->example, s->example_input, s->example_index)) {
            return 0;
        }
        d->count += s->count;
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
    return c != NULL && rule < a->num_rules ? cs_agg_ca_count(c, rule) : 0;
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
    int by_name = strcmp(a->name, b->name);
    if (by_name != 0) {
        return by_name;
    }
    /* Two encodings of one name are two CAs: order them by their bytes, so that the report does
     * not depend on which worker saw which first. */
    if (a->issuer_len != b->issuer_len) {
        return a->issuer_len < b->issuer_len ? -1 : 1;
    }
    return memcmp(a->issuer_der, b->issuer_der, a->issuer_len);
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
            uint64_t count = cs_agg_ca_count(c, r);
            if (count == 0) {
                continue;
            }
            const cs_rule *rule = cs_ruleset_rule(a->rules, r);
            fprintf(out, "    %-44s %-8s %6llu / %llu\n", rule->id,
                    cs_severity_name(rule->severity), (unsigned long long)count,
                    (unsigned long long)c->scanned);
        }
    }
    free(list);
    if (opt->survey != NULL) {
        cs_survey_text(out, opt->survey, 0);
    }
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
            uint64_t count = cs_agg_ca_count(c, r);
            if (count == 0) {
                continue;
            }
            if (!first_rule) {
                fputc(',', out);
            }
            first_rule = 0;
            cs_json_string(out, cs_ruleset_rule(a->rules, r)->id);
            fprintf(out, ":%llu", (unsigned long long)count);
        }
        fputs("}}", out);
    }
    fputc(']', out);
    if (opt->survey != NULL) {
        fputs(",\"surveys\":", out);
        cs_survey_json(out, opt->survey);
    }
    fputs("}\n", out);
    free(list);
}
