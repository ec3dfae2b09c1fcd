/* Two aggregates compared pair by pair (agg_diff.h). */
#include "scanner/agg_diff.h"

#include <stdlib.h>
#include <string.h>

#include "io/json.h"
#include "scanner/agg_internal.h"

#define CS_DIFF_SCHEMA_VERSION 1
#define CS_DIFF_TEXT_GONE_MAX  20 /* gone pairs listed by the text report */

typedef enum cs_diff_status {
    CS_DIFF_SAME,
    CS_DIFF_APPEARED,    /* no finding in the baseline */
    CS_DIFF_GREW,        /* had findings, gained some */
    CS_DIFF_DISAPPEARED, /* no finding left */
    CS_DIFF_FELL,        /* lost some, gained none */
} cs_diff_status;

static const char *const cs_diff_status_name[] = {"same", "appeared", "grew", "disappeared",
                                                  "fell"};

typedef struct cs_diff_row {
    const cs_agg_ca *ca; /* the new side's when it has the CA */
    const char *rule;
    uint8_t sev;
    uint8_t rule_in_old;
    uint8_t status;
    uint64_t before, now; /* certificates with the finding */
    uint64_t added, gone; /* over (profile, month) cells: gains, losses */
    const cs_agg_carule *cr_new, *cr_old;
} cs_diff_row;

struct cs_agg_diff {
    const cs_agg *o, *n;
    cs_diff_row *rows; /* changed pairs, sorted */
    size_t num_rows;
    cs_agg_cell old_tot, new_tot;
    uint64_t new_findings[CS_SEV_COUNT];
    uint64_t gone_findings;
    size_t num_status[5];
};

/* Rule indices of `from` in `to` (-1: not in that rule set). Rule sets of one version list
 * the same ids in the same order, hence the first guess. */
static long *cs_diff_rule_map(const cs_agg *from, const cs_agg *to) {
    long *map = malloc((from->num_rules ? from->num_rules : 1) * sizeof *map);
    for (size_t i = 0; map != NULL && i < from->num_rules; i++) {
        map[i] = -1;
        if (i < to->num_rules && strcmp(from->rule_id[i], to->rule_id[i]) == 0) {
            map[i] = (long)i;
            continue;
        }
        for (size_t j = 0; j < to->num_rules; j++) {
            if (strcmp(from->rule_id[i], to->rule_id[j]) == 0) {
                map[i] = (long)j;
                break;
            }
        }
    }
    return map;
}

static long *cs_diff_ca_map(const cs_agg *from, const cs_agg *to) {
    long *map = malloc((from->num_cas ? from->num_cas : 1) * sizeof *map);
    for (size_t i = 0; map != NULL && i < from->num_cas; i++) {
        map[i] = cs_agg_ca_find(to, &from->cas[i]);
    }
    return map;
}

static void cs_diff_cell_add(cs_agg_cell *d, const cs_agg *a) {
    for (size_t i = 0; i < a->cells.len; i++) {
        const cs_agg_cell *c = cs_amap_val(&a->cells, i);
        d->scanned += c->scanned;
        d->with_any += c->with_any;
        d->findings += c->findings;
        for (unsigned k = 0; k < CS_SEV_COUNT; k++) {
            d->with_sev[k] += c->with_sev[k];
        }
    }
}

static int cs_diff_cmp_row(const void *p, const void *q) {
    const cs_diff_row *x = p, *y = q;
    int gx = x->added > 0, gy = y->added > 0;
    if (gx != gy) {
        return gy - gx; /* gains first */
    }
    if (x->sev != y->sev) {
        return (int)y->sev - (int)x->sev; /* errors (the highest) first */
    }
    uint64_t mx = gx ? x->added : x->gone, my = gy ? y->added : y->gone;
    if (mx != my) {
        return mx > my ? -1 : 1;
    }
    int c = strcmp(x->ca->name, y->ca->name);
    if (c == 0) {
        c = strcmp(x->rule, y->rule);
    }
    if (c == 0 && x->ca->issuer_len != y->ca->issuer_len) {
        c = x->ca->issuer_len < y->ca->issuer_len ? -1 : 1;
    }
    if (c == 0) {
        c = memcmp(x->ca->issuer_der, y->ca->issuer_der, x->ca->issuer_len);
    }
    if (c == 0 && x->ca->aki_len != y->ca->aki_len) {
        c = x->ca->aki_len < y->ca->aki_len ? -1 : 1;
    }
    if (c == 0 && x->ca->aki_len > 0) {
        c = memcmp(x->ca->aki, y->ca->aki, x->ca->aki_len);
    }
    return c;
}

/* Rows live in a map keyed by the pair in a union numbering: a CA or rule of the new side keeps
 * its index, one only the old side has comes after them. */
typedef struct cs_diff_build {
    cs_agg_diff *d;
    long *rule_n2o, *rule_o2n, *ca_n2o, *ca_o2n;
    cs_amap rows; /* (ca_u << 32 | rule_u) -> cs_diff_row */
} cs_diff_build;

static cs_diff_row *cs_diff_row_new(cs_diff_build *b, uint32_t ca_n, uint32_t rule_n) {
    cs_diff_row *r = cs_amap_get(&b->rows, ((uint64_t)ca_n << 32) | rule_n, 0);
    if (r != NULL && r->ca == NULL) {
        r->ca = &b->d->n->cas[ca_n];
        r->rule = b->d->n->rule_id[rule_n];
        r->sev = b->d->n->rule_sev[rule_n];
        r->rule_in_old = b->rule_n2o[rule_n] >= 0;
    }
    return r;
}

static cs_diff_row *cs_diff_row_old(cs_diff_build *b, uint32_t ca_o, uint32_t rule_o) {
    const cs_agg *n = b->d->n;
    long ca = b->ca_o2n[ca_o], rule = b->rule_o2n[rule_o];
    if (ca >= 0 && rule >= 0) {
        return cs_diff_row_new(b, (uint32_t)ca, (uint32_t)rule);
    }
    uint64_t ca_u = ca >= 0 ? (uint64_t)ca : n->num_cas + ca_o;
    uint64_t rule_u = rule >= 0 ? (uint64_t)rule : n->num_rules + rule_o;
    cs_diff_row *r = cs_amap_get(&b->rows, (ca_u << 32) | rule_u, 0);
    if (r != NULL && r->ca == NULL) {
        r->ca = ca >= 0 ? &n->cas[ca] : &b->d->o->cas[ca_o];
        r->rule = rule >= 0 ? n->rule_id[rule] : b->d->o->rule_id[rule_o];
        r->sev = rule >= 0 ? n->rule_sev[rule] : b->d->o->rule_sev[rule_o];
        r->rule_in_old = 1;
    }
    return r;
}

static int cs_diff_fill(cs_diff_build *b) {
    const cs_agg *o = b->d->o, *n = b->d->n;
    for (size_t i = 0; i < n->carules.len; i++) {
        uint64_t k0 = n->carules.keys[i].k0;
        cs_diff_row *r = cs_diff_row_new(b, CS_AGG_K0_CA(k0), (uint32_t)k0);
        if (r == NULL) {
            return 0;
        }
        r->cr_new = cs_amap_val(&n->carules, i);
        r->now = r->cr_new->count;
    }
    for (size_t i = 0; i < o->carules.len; i++) {
        uint64_t k0 = o->carules.keys[i].k0;
        cs_diff_row *r = cs_diff_row_old(b, CS_AGG_K0_CA(k0), (uint32_t)k0);
        if (r == NULL) {
            return 0;
        }
        r->cr_old = cs_amap_val(&o->carules, i);
        r->before = r->cr_old->count;
    }
    /* Gains and losses per (CA, profile, month) cell. */
    for (size_t i = 0; i < n->cellrules.len; i++) {
        cs_amap_key k = n->cellrules.keys[i];
        uint64_t now = *(const uint64_t *)cs_amap_val(&n->cellrules, i), before = 0;
        uint32_t ca = CS_AGG_K0_CA(k.k0), rule = (uint32_t)(k.k1 - 1);
        long ca_o = b->ca_n2o[ca], rule_o = b->rule_n2o[rule];
        if (ca_o >= 0 && rule_o >= 0) {
            const uint64_t *v = cs_amap_find(
                &o->cellrules,
                CS_AGG_CELL_K0((uint64_t)ca_o, CS_AGG_K0_MONTH(k.k0), CS_AGG_K0_CODE(k.k0)),
                (uint64_t)rule_o + 1);
            before = v != NULL ? *v : 0;
        }
        cs_diff_row *r = cs_diff_row_new(b, ca, rule);
        if (r == NULL) {
            return 0;
        }
        if (now > before) {
            r->added += now - before;
        } else {
            r->gone += before - now;
        }
    }
    for (size_t i = 0; i < o->cellrules.len; i++) {
        cs_amap_key k = o->cellrules.keys[i];
        uint32_t ca = CS_AGG_K0_CA(k.k0), rule = (uint32_t)(k.k1 - 1);
        long ca_n = b->ca_o2n[ca], rule_n = b->rule_o2n[rule];
        if (ca_n >= 0 && rule_n >= 0 &&
            cs_amap_find(
                &n->cellrules,
                CS_AGG_CELL_K0((uint64_t)ca_n, CS_AGG_K0_MONTH(k.k0), CS_AGG_K0_CODE(k.k0)),
                (uint64_t)rule_n + 1) != NULL) {
            continue; /* compared above */
        }
        cs_diff_row *r = cs_diff_row_old(b, ca, rule);
        if (r == NULL) {
            return 0;
        }
        r->gone += *(const uint64_t *)cs_amap_val(&o->cellrules, i);
    }
    return 1;
}

static int cs_diff_collect(cs_diff_build *b) {
    cs_agg_diff *d = b->d;
    d->rows = malloc((b->rows.len ? b->rows.len : 1) * sizeof *d->rows);
    if (d->rows == NULL) {
        return 0;
    }
    for (size_t i = 0; i < b->rows.len; i++) {
        cs_diff_row r = *(const cs_diff_row *)cs_amap_val(&b->rows, i);
        if (r.added == 0 && r.gone == 0) {
            continue;
        }
        r.status = r.added > 0  ? (r.before == 0 ? CS_DIFF_APPEARED : CS_DIFF_GREW)
                   : r.now == 0 ? CS_DIFF_DISAPPEARED
                                : CS_DIFF_FELL;
        d->num_status[r.status]++;
        d->new_findings[r.sev] += r.added;
        d->gone_findings += r.gone;
        d->rows[d->num_rows++] = r;
    }
    qsort(d->rows, d->num_rows, sizeof *d->rows, cs_diff_cmp_row);
    return 1;
}

cs_agg_diff *cs_agg_diff_new(const cs_agg *old_agg, const cs_agg *new_agg) {
    cs_agg_diff *d = calloc(1, sizeof *d);
    if (d == NULL) {
        return NULL;
    }
    d->o = old_agg;
    d->n = new_agg;
    cs_diff_cell_add(&d->old_tot, old_agg);
    cs_diff_cell_add(&d->new_tot, new_agg);
    cs_diff_build b = {.d = d,
                       .rule_n2o = cs_diff_rule_map(new_agg, old_agg),
                       .rule_o2n = cs_diff_rule_map(old_agg, new_agg),
                       .ca_n2o = cs_diff_ca_map(new_agg, old_agg),
                       .ca_o2n = cs_diff_ca_map(old_agg, new_agg)};
    cs_amap_init(&b.rows, sizeof(cs_diff_row));
    int ok = b.rule_n2o != NULL && b.rule_o2n != NULL && b.ca_n2o != NULL && b.ca_o2n != NULL &&
             cs_diff_fill(&b) && cs_diff_collect(&b);
    cs_amap_free(&b.rows);
    free(b.rule_n2o);
    free(b.rule_o2n);
    free(b.ca_n2o);
    free(b.ca_o2n);
    if (!ok) {
        cs_agg_diff_free(d);
        return NULL;
    }
    return d;
}

void cs_agg_diff_free(cs_agg_diff *d) {
    if (d != NULL) {
        free(d->rows);
        free(d);
    }
}

void cs_agg_diff_new_findings(const cs_agg_diff *d, uint64_t out[CS_SEV_COUNT]) {
    memcpy(out, d->new_findings, sizeof d->new_findings);
}

/* A new-side sample the baseline's samples of that pair do not hold: a certificate the
 * baseline did not have (samples are kept by content id, so a certificate that was a sample
 * stays one while it is counted). */
static int cs_diff_sample_is_new(const cs_diff_row *r, const cs_agg_sample *s) {
    for (uint32_t i = 0; r->cr_old != NULL && i < r->cr_old->num_samples; i++) {
        if (memcmp(r->cr_old->samples[i].sha256, s->sha256, 32) == 0) {
            return 0;
        }
    }
    return 1;
}

/* ---- text ---- */

static void cs_diff_hex(FILE *out, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%02x", p[i]);
    }
}

static const char *cs_diff_sev_name(unsigned sev) {
    return sev < CS_SEV_COUNT ? cs_severity_name((cs_severity)sev) : "?";
}

static void cs_diff_text_row(FILE *out, const cs_agg_diff *d, const cs_diff_row *r) {
    char change[48];
    if (r->added > 0) {
        snprintf(change, sizeof change, "+%llu", (unsigned long long)r->added);
    } else {
        snprintf(change, sizeof change, "-%llu", (unsigned long long)r->gone);
    }
    fprintf(out, "  %-8s %-11s %-44s %9llu -> %-9llu %s\n", cs_diff_sev_name(r->sev),
            cs_diff_status_name[r->status], r->rule, (unsigned long long)r->before,
            (unsigned long long)r->now, change);
    const char *owner = cs_agg_ca_owner(d->n, r->ca);
    fprintf(out, "           CA %.80s%s%s\n", r->ca->name, owner != NULL ? "  owner: " : "",
            owner != NULL ? owner : "");
    if (r->added == 0 || r->cr_new == NULL) {
        return;
    }
    int first = 1;
    for (uint32_t i = 0; i < r->cr_new->num_samples; i++) {
        const cs_agg_sample *s = &r->cr_new->samples[i];
        if (!cs_diff_sample_is_new(r, s)) {
            continue;
        }
        if (first) {
            fputs("           new certificates, SHA-256 and serial (--json for all of it):\n", out);
            first = 0;
        }
        /* 100 columns: a serial longer than 10 octets is cut. */
        fputs("           ", out);
        cs_diff_hex(out, s->sha256, 32);
        fputc(' ', out);
        cs_diff_hex(out, s->serial, s->serial_len < 10 ? s->serial_len : 10);
        fputs(s->serial_len > 10 ? "..\n" : "\n", out);
    }
}

void cs_agg_diff_text(FILE *out, const cs_agg_diff *d, const char *old_name, const char *new_name) {
    fprintf(out, "\nSince the baseline %s (%llu certificates) in %s (%llu certificates)\n",
            old_name, (unsigned long long)d->old_tot.scanned, new_name,
            (unsigned long long)d->new_tot.scanned);
    if (d->o->cfg.mode != d->n->cfg.mode) {
        fprintf(out, "  note: counted with --count %s against %s: counts may differ for that\n",
                cs_count_mode_name(d->n->cfg.mode), cs_count_mode_name(d->o->cfg.mode));
    }
    if (strcmp(d->o->ruleset_version, d->n->ruleset_version) != 0) {
        fprintf(out, "  note: rule set %s against %s: rules are matched by id\n",
                d->n->ruleset_version, d->o->ruleset_version);
    }
    fprintf(out,
            "  New findings: %llu error, %llu warning, %llu notice in %zu (CA, rule) pairs "
            "(%zu appeared, %zu grew)\n",
            (unsigned long long)d->new_findings[CS_SEV_ERROR],
            (unsigned long long)d->new_findings[CS_SEV_WARNING],
            (unsigned long long)d->new_findings[CS_SEV_NOTICE],
            d->num_status[CS_DIFF_APPEARED] + d->num_status[CS_DIFF_GREW],
            d->num_status[CS_DIFF_APPEARED], d->num_status[CS_DIFF_GREW]);
    fprintf(out, "  Gone findings: %llu in %zu pairs (%zu disappeared, %zu fell)\n",
            (unsigned long long)d->gone_findings,
            d->num_status[CS_DIFF_DISAPPEARED] + d->num_status[CS_DIFF_FELL],
            d->num_status[CS_DIFF_DISAPPEARED], d->num_status[CS_DIFF_FELL]);
    if (d->num_rows == 0) {
        return;
    }
    fprintf(out, "\n  %-8s %-11s %-44s %9s    %-9s %s\n", "SEVERITY", "CHANGE", "RULE", "BEFORE",
            "NOW", "CERTS");
    size_t gone_listed = 0, gone_left = 0;
    for (size_t i = 0; i < d->num_rows; i++) {
        const cs_diff_row *r = &d->rows[i];
        if (r->added == 0 && gone_listed == CS_DIFF_TEXT_GONE_MAX) {
            gone_left++;
            continue;
        }
        gone_listed += r->added == 0;
        cs_diff_text_row(out, d, r);
    }
    if (gone_left > 0) {
        fprintf(out, "  ... %zu more pairs with fewer findings (--json lists every pair)\n",
                gone_left);
    }
}

/* ---- JSON ---- */

static void cs_diff_json_hex(FILE *out, const uint8_t *p, size_t n) {
    fputc('"', out);
    cs_diff_hex(out, p, n);
    fputc('"', out);
}

static void cs_diff_json_side(FILE *out, const cs_agg *a, const cs_agg_cell *t, const char *name) {
    fputs("{\"name\":", out);
    cs_json_string(out, name);
    fputs(",\"ruleset\":", out);
    cs_json_string(out, a->ruleset_version);
    fprintf(out,
            ",\"count_mode\":\"%s\",\"certificates\":%llu,\"with_findings\":%llu,"
            "\"findings\":%llu}",
            cs_count_mode_name(a->cfg.mode), (unsigned long long)t->scanned,
            (unsigned long long)t->with_any, (unsigned long long)t->findings);
}

static void cs_diff_json_row(FILE *out, const cs_agg_diff *d, const cs_diff_row *r) {
    fprintf(out, "{\"change\":\"%s\",\"rule\":", cs_diff_status_name[r->status]);
    cs_json_string(out, r->rule);
    fprintf(out, ",\"severity\":\"%s\",\"rule_in_baseline\":%s,\"ca\":{\"issuer\":",
            cs_diff_sev_name(r->sev), r->rule_in_old ? "true" : "false");
    cs_json_string(out, r->ca->name);
    fputs(",\"issuer_dn\":", out);
    cs_diff_json_hex(out, r->ca->issuer_der, r->ca->issuer_len);
    fputs(",\"issuer_key_id\":", out);
    if (r->ca->has_aki) {
        cs_diff_json_hex(out, r->ca->aki, r->ca->aki_len);
    } else {
        fputs("null", out);
    }
    const char *owner = cs_agg_ca_owner(d->n, r->ca);
    if (owner != NULL) {
        fputs(",\"ca_owner\":", out);
        cs_json_string(out, owner);
    }
    fprintf(out, "},\"before\":%llu,\"now\":%llu,\"new\":%llu,\"gone\":%llu,\"new_samples\":[",
            (unsigned long long)r->before, (unsigned long long)r->now, (unsigned long long)r->added,
            (unsigned long long)r->gone);
    int first = 1;
    for (uint32_t i = 0; r->added > 0 && r->cr_new != NULL && i < r->cr_new->num_samples; i++) {
        const cs_agg_sample *s = &r->cr_new->samples[i];
        if (!cs_diff_sample_is_new(r, s)) {
            continue;
        }
        fputs(first ? "{\"sha256\":" : ",{\"sha256\":", out);
        first = 0;
        cs_diff_json_hex(out, s->sha256, 32);
        fputs(",\"serial\":", out);
        cs_diff_json_hex(out, s->serial, s->serial_len);
        fputc('}', out);
    }
    fputs("]}", out);
}

void cs_agg_diff_json(FILE *out, const cs_agg_diff *d, const char *old_name, const char *new_name) {
    fprintf(out, "{\"schema\":\"certscan-diff\",\"schema_version\":%d,\"baseline\":",
            CS_DIFF_SCHEMA_VERSION);
    cs_diff_json_side(out, d->o, &d->old_tot, old_name);
    fputs(",\"current\":", out);
    cs_diff_json_side(out, d->n, &d->new_tot, new_name);
    fprintf(out,
            ",\"new_findings\":{\"error\":%llu,\"warning\":%llu,\"notice\":%llu,\"pairs\":%zu,"
            "\"appeared\":%zu,\"grew\":%zu},\"gone_findings\":{\"total\":%llu,\"pairs\":%zu,"
            "\"disappeared\":%zu,\"fell\":%zu},\"pairs\":[",
            (unsigned long long)d->new_findings[CS_SEV_ERROR],
            (unsigned long long)d->new_findings[CS_SEV_WARNING],
            (unsigned long long)d->new_findings[CS_SEV_NOTICE],
            d->num_status[CS_DIFF_APPEARED] + d->num_status[CS_DIFF_GREW],
            d->num_status[CS_DIFF_APPEARED], d->num_status[CS_DIFF_GREW],
            (unsigned long long)d->gone_findings,
            d->num_status[CS_DIFF_DISAPPEARED] + d->num_status[CS_DIFF_FELL],
            d->num_status[CS_DIFF_DISAPPEARED], d->num_status[CS_DIFF_FELL]);
    for (size_t i = 0; i < d->num_rows; i++) {
        if (i > 0) {
            fputc(',', out);
        }
        cs_diff_json_row(out, d, &d->rows[i]);
    }
    fputs("]}", out);
}
