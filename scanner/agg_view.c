#define _GNU_SOURCE /* qsort_r */
#include "scanner/agg_view.h"

#include <stdlib.h>
#include <string.h>

static void cs_cell_add(cs_agg_cell *d, const cs_agg_cell *s) {
    d->scanned += s->scanned;
    d->with_any += s->with_any;
    d->findings += s->findings;
    for (unsigned k = 0; k < CS_SEV_COUNT; k++) {
        d->with_sev[k] += s->with_sev[k];
    }
}

static int cs_cmp_u64_desc(uint64_t x, uint64_t y) {
    return x > y ? -1 : x < y;
}

static int cs_cmp_bytes(const uint8_t *x, size_t xl, const uint8_t *y, size_t yl) {
    int c = memcmp(x, y, xl < yl ? xl : yl);
    return c != 0 ? c : (xl > yl) - (xl < yl);
}

static int cs_view_cmp_ca(const void *p, const void *q, void *ctx) {
    const cs_agg *a = ctx;
    const cs_view_ca *x = p, *y = q;
    int c = cs_cmp_u64_desc(x->tot.with_any, y->tot.with_any);
    if (c == 0) {
        c = cs_cmp_u64_desc(x->tot.scanned, y->tot.scanned);
    }
    const cs_agg_ca *cx = &a->cas[x->ca], *cy = &a->cas[y->ca];
    if (c == 0) {
        c = strcmp(cx->name, cy->name);
    }
    if (c == 0) {
        c = cs_cmp_bytes(cx->issuer_der, cx->issuer_len, cy->issuer_der, cy->issuer_len);
    }
    if (c == 0) {
        c = (int)cx->has_aki - (int)cy->has_aki;
    }
    if (c == 0) {
        c = cs_cmp_bytes(cx->aki, cx->aki_len, cy->aki, cy->aki_len);
    }
    return c;
}

static int cs_view_cmp_rule(const void *p, const void *q) {
    const cs_view_rule *x = p, *y = q;
    int c = cs_cmp_u64_desc(x->certificates, y->certificates);
    return c != 0 ? c : (x->rule > y->rule) - (x->rule < y->rule);
}

static int cs_view_cmp_group(const void *p, const void *q) {
    const cs_view_group *x = p, *y = q;
    return (x->key > y->key) - (x->key < y->key);
}

static int cs_view_cmp_owner(const void *p, const void *q) {
    const cs_view_group *x = p, *y = q;
    int c = cs_cmp_u64_desc(x->tot.with_any, y->tot.with_any);
    if (c == 0) {
        c = cs_cmp_u64_desc(x->tot.scanned, y->tot.scanned);
    }
    return c != 0 ? c : strcmp(x->name, y->name);
}

/* Cell keys sort by (CA position, profile code, month[, rule]). */
typedef struct cs_view_sort {
    const cs_view *v;
    const cs_amap *m;
} cs_view_sort;

static uint64_t cs_view_cell_rank(const cs_view *v, uint64_t k0) {
    return ((uint64_t)v->ca_pos[CS_AGG_K0_CA(k0)] << 32) | ((uint64_t)CS_AGG_K0_CODE(k0) << 16) |
           CS_AGG_K0_MONTH(k0);
}

static int cs_view_cmp_cell(const void *p, const void *q, void *ctx) {
    const cs_view_sort *s = ctx;
    const cs_amap_key *x = &s->m->keys[*(const size_t *)p], *y = &s->m->keys[*(const size_t *)q];
    uint64_t rx = cs_view_cell_rank(s->v, x->k0), ry = cs_view_cell_rank(s->v, y->k0);
    if (rx != ry) {
        return rx < ry ? -1 : 1;
    }
    return (x->k1 > y->k1) - (x->k1 < y->k1);
}

static int cs_view_cmp_carule(const void *p, const void *q, void *ctx) {
    const cs_view_sort *s = ctx;
    uint64_t x = s->m->keys[*(const size_t *)p].k0, y = s->m->keys[*(const size_t *)q].k0;
    uint64_t rx = ((uint64_t)s->v->ca_pos[CS_AGG_K0_CA(x)] << 32) | (x & 0xFFFFFFFFu);
    uint64_t ry = ((uint64_t)s->v->ca_pos[CS_AGG_K0_CA(y)] << 32) | (y & 0xFFFFFFFFu);
    return (rx > ry) - (rx < ry);
}

static int cs_view_cmp_reason(const void *p, const void *q, void *ctx) {
    const cs_agg *a = ctx;
    const cs_agg_reason *x = &a->reasons[*(const size_t *)p], *y = &a->reasons[*(const size_t *)q];
    int c = cs_cmp_u64_desc(x->count, y->count);
    return c != 0 ? c : strcmp(x->key, y->key);
}

static size_t *cs_view_indices(size_t n) {
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    for (size_t i = 0; idx != NULL && i < n; i++) {
        idx[i] = i;
    }
    return idx;
}

static cs_view_group *cs_view_group_get(cs_view_group **list, size_t *num, unsigned key) {
    for (size_t i = 0; i < *num; i++) {
        if ((*list)[i].key == key) {
            return &(*list)[i];
        }
    }
    cs_view_group *g = realloc(*list, (*num + 1) * sizeof *g);
    if (g == NULL) {
        return NULL;
    }
    *list = g;
    g = &g[(*num)++];
    memset(g, 0, sizeof *g);
    g->key = key;
    return g;
}

int cs_view_build(cs_view *v, const cs_agg *a) {
    memset(v, 0, sizeof *v);
    v->a = a;
    size_t nc = a->num_cas;
    cs_view_ca *all = calloc(nc ? nc : 1, sizeof *all);
    v->ca_pos = calloc(nc ? nc : 1, sizeof *v->ca_pos);
    uint64_t *rule_certs = calloc(a->num_rules ? a->num_rules : 1, sizeof *rule_certs);
    uint32_t *rule_cas = calloc(a->num_rules ? a->num_rules : 1, sizeof *rule_cas);
    if (all == NULL || v->ca_pos == NULL || rule_certs == NULL || rule_cas == NULL) {
        goto fail;
    }
    for (size_t i = 0; i < nc; i++) {
        all[i].ca = (uint32_t)i;
    }
    /* Month keys are dense enough for a linear list per distinct month: a few hundred. */
    for (size_t i = 0; i < a->cells.len; i++) {
        uint64_t k0 = a->cells.keys[i].k0;
        const cs_agg_cell *c = cs_amap_val(&a->cells, i);
        cs_view_group *p, *m;
        cs_cell_add(&all[CS_AGG_K0_CA(k0)].tot, c);
        cs_cell_add(&v->total, c);
        if ((p = cs_view_group_get(&v->profiles, &v->num_profiles, CS_AGG_K0_CODE(k0))) == NULL ||
            (m = cs_view_group_get(&v->months, &v->num_months, CS_AGG_K0_MONTH(k0))) == NULL) {
            goto fail;
        }
        cs_cell_add(&p->tot, c);
        cs_cell_add(&m->tot, c);
    }
    for (size_t i = 0; i < a->carules.len; i++) {
        uint64_t k0 = a->carules.keys[i].k0;
        const cs_agg_carule *cr = cs_amap_val(&a->carules, i);
        if (cr->count == 0) {
            continue;
        }
        uint32_t r = (uint32_t)(k0 & 0xFFFFFFFFu);
        rule_certs[r] += cr->count;
        rule_cas[r]++;
        all[CS_AGG_K0_CA(k0)].rules_hit++;
    }
    /* CAs that counted nothing (every certificate a duplicate or paired) are left out. */
    v->cas = all;
    for (size_t i = 0; i < nc; i++) {
        if (all[i].tot.scanned != 0) {
            all[v->num_cas++] = all[i];
        }
    }
    qsort_r(v->cas, v->num_cas, sizeof *v->cas, cs_view_cmp_ca, (void *)a);
    for (size_t i = 0; i < v->num_cas; i++) {
        v->ca_pos[v->cas[i].ca] = (uint32_t)i;
        v->cas[i].owner = cs_agg_ca_owner(a, &a->cas[v->cas[i].ca]);
    }
    v->rules = calloc(a->num_rules ? a->num_rules : 1, sizeof *v->rules);
    if (v->rules == NULL) {
        goto fail;
    }
    for (size_t r = 0; r < a->num_rules; r++) {
        if (rule_certs[r] != 0) {
            v->rules[v->num_rules++] = (cs_view_rule){(uint32_t)r, rule_certs[r], rule_cas[r]};
        }
    }
    qsort(v->rules, v->num_rules, sizeof *v->rules, cs_view_cmp_rule);
    for (size_t i = 0; i < v->num_profiles; i++) {
        v->profiles[i].name = cs_agg_code_name(v->profiles[i].key);
    }
    if (v->num_profiles != 0) { /* qsort wants a valid pointer even for no elements */
        qsort(v->profiles, v->num_profiles, sizeof *v->profiles, cs_view_cmp_group);
    }
    if (v->num_months != 0) {
        qsort(v->months, v->num_months, sizeof *v->months, cs_view_cmp_group);
    }
    if (a->owner_fn != NULL) {
        for (size_t i = 0; i < v->num_cas; i++) {
            const char *owner = v->cas[i].owner != NULL ? v->cas[i].owner : "(unknown owner)";
            cs_view_group *g = NULL;
            for (size_t k = 0; k < v->num_owners && g == NULL; k++) {
                if (strcmp(v->owners[k].name, owner) == 0) {
                    g = &v->owners[k];
                }
            }
            if (g == NULL) {
                if ((g = cs_view_group_get(&v->owners, &v->num_owners, (unsigned)v->num_owners)) ==
                    NULL) {
                    goto fail;
                }
                g->key = 0;
                g->name = owner;
            }
            g->key++; /* an owner group's key counts its CAs */
            cs_cell_add(&g->tot, &v->cas[i].tot);
        }
        if (v->num_owners != 0) {
            qsort(v->owners, v->num_owners, sizeof *v->owners, cs_view_cmp_owner);
        }
    }
    v->cells = cs_view_indices(a->cells.len);
    v->cellrules = cs_view_indices(a->cellrules.len);
    v->carules = cs_view_indices(a->carules.len);
    v->reasons = cs_view_indices(a->num_reasons);
    if (v->cells == NULL || v->cellrules == NULL || v->carules == NULL || v->reasons == NULL) {
        goto fail;
    }
    cs_view_sort s = {v, &a->cells};
    qsort_r(v->cells, a->cells.len, sizeof *v->cells, cs_view_cmp_cell, &s);
    s.m = &a->cellrules;
    qsort_r(v->cellrules, a->cellrules.len, sizeof *v->cellrules, cs_view_cmp_cell, &s);
    s.m = &a->carules;
    qsort_r(v->carules, a->carules.len, sizeof *v->carules, cs_view_cmp_carule, &s);
    qsort_r(v->reasons, a->num_reasons, sizeof *v->reasons, cs_view_cmp_reason, (void *)a);
    free(rule_certs);
    free(rule_cas);
    return 1;
fail:
    free(rule_certs);
    free(rule_cas);
    if (v->cas == NULL) {
        free(all);
    }
    cs_view_free(v);
    return 0;
}

void cs_view_free(cs_view *v) {
    free(v->cas);
    free(v->ca_pos);
    free(v->rules);
    free(v->profiles);
    free(v->months);
    free(v->owners);
    free(v->cells);
    free(v->cellrules);
    free(v->carules);
    free(v->reasons);
    memset(v, 0, sizeof *v);
}
