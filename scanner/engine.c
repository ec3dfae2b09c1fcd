#include "scanner/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cs_ruleset {
    size_t count;
    const cs_rule **rule;
    int64_t *effective;
    int64_t *ineffective;
    /* The distinct dates rules start or stop at, sorted; each rule's plan holds the slot of its
     * effective and ineffective date among cs_engine_eval's date masks: the date's index in that
     * list, or for an unset date one of the two constant slots after the dates. A batch computes
     * one "notBefore >= date" mask per distinct date, so each rule's date window costs one AND-NOT.
     */
    int64_t *dates;
    size_t num_dates;
    /* Per rule, what cs_engine_eval reads on every batch, packed together (see cs_rule_plan). */
    struct cs_rule_plan *plan;
    cs_ruleset_options options;
};

/* A rule as the batch loop reads it: one small record per rule in one array, instead of a
 * pointer to each rule's declaration spread over the binary. Most rules are predicates whose
 * first column no certificate of a batch has: `first` lets the loop settle those with one load. */
typedef struct cs_rule_plan {
    uint16_t first;     /* when.all[0] of a predicate rule; 0 for check/eval rules */
    uint16_t kind_sel;  /* kind_lanes index: precertificate flag << CS_KIND_COUNT | kinds */
    uint16_t effective; /* date slots (cs_ruleset_index_dates) */
    uint16_t ineffective;
    uint8_t skip; /* raised by the parser: never evaluated */
    uint64_t profiles;
} cs_rule_plan;

/* `n` decimal digits at `p`; -1 when one is not a digit. */
static int cs_digits(const char *p, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return -1;
        }
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* By hand rather than sscanf: every rule's dates are parsed at each start, and sscanf made up a
 * third of a one-certificate `certscan lint` (bench/bench_latency). */
int cs_parse_date(const char *text, int64_t *out) {
    int y = cs_digits(text, 4), m = -1, d = -1, hh = 0, mm = 0, ss = 0;
    if (y >= 0 && text[4] == '-' && (m = cs_digits(text + 5, 2)) >= 0 && text[7] == '-') {
        d = cs_digits(text + 8, 2);
    }
    if (d < 0) {
        return 0;
    }
    const char *rest = text + 10;
    if (*rest == 'T') {
        if ((hh = cs_digits(rest + 1, 2)) < 0 || rest[3] != ':' ||
            (mm = cs_digits(rest + 4, 2)) < 0 || rest[6] != ':' ||
            (ss = cs_digits(rest + 7, 2)) < 0 || rest[9] != 'Z') {
            return 0;
        }
        rest += 10;
    }
    if (*rest != '\0' || m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59) {
        return 0;
    }
    *out =
        cs_time_from_civil(y, (unsigned)m, (unsigned)d, (unsigned)hh, (unsigned)mm, (unsigned)ss);
    return 1;
}

static int cs_date_compare(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static uint16_t cs_date_slot(const cs_ruleset *rs, int64_t date, uint16_t unset_slot) {
    if (date == INT64_MIN || date == INT64_MAX) {
        return unset_slot;
    }
    const int64_t *hit =
        bsearch(&date, rs->dates, rs->num_dates, sizeof *rs->dates, cs_date_compare);
    return (uint16_t)(hit - rs->dates);
}

static int cs_ruleset_index_dates(cs_ruleset *rs) {
    size_t n = rs->count ? rs->count : 1;
    rs->dates = malloc(2 * n * sizeof *rs->dates);
    if (rs->dates == NULL) {
        return 0;
    }
    size_t num = 0;
    for (size_t i = 0; i < rs->count; i++) {
        if (rs->effective[i] != INT64_MIN) {
            rs->dates[num++] = rs->effective[i];
        }
        if (rs->ineffective[i] != INT64_MAX) {
            rs->dates[num++] = rs->ineffective[i];
        }
    }
    qsort(rs->dates, num, sizeof *rs->dates, cs_date_compare);
    size_t unique = 0;
    for (size_t i = 0; i < num; i++) {
        if (unique == 0 || rs->dates[unique - 1] != rs->dates[i]) {
            rs->dates[unique++] = rs->dates[i];
        }
    }
    if (unique > CS_ENGINE_MAX_DATES) {
        return 0;
    }
    rs->num_dates = unique;
    for (size_t i = 0; i < rs->count; i++) {
        /* An unset effective date names the all-ones slot, an unset ineffective date the zero
         * slot (cs_engine_eval). */
        rs->plan[i].effective = cs_date_slot(rs, rs->effective[i], CS_ENGINE_MAX_DATES);
        rs->plan[i].ineffective = cs_date_slot(rs, rs->ineffective[i], CS_ENGINE_MAX_DATES + 1);
    }
    return 1;
}

static int cs_rule_compare(const void *a, const void *b) {
    const cs_rule *ra = *(const cs_rule *const *)a;
    const cs_rule *rb = *(const cs_rule *const *)b;
    return strcmp(ra->id, rb->id);
}

cs_ruleset *cs_ruleset_new(const cs_ruleset_options *options, char *errbuf, size_t errlen) {
    size_t linked;
    const cs_rule *const *rules = cs_rules_linked(&linked);
    cs_ruleset *rs = calloc(1, sizeof *rs);
    if (rs == NULL) {
        snprintf(errbuf, errlen, "out of memory");
        return NULL;
    }
    if (options != NULL) {
        rs->options = *options;
    }
    rs->rule = calloc(linked ? linked : 1, sizeof *rs->rule);
    rs->effective = calloc(linked ? linked : 1, sizeof *rs->effective);
    rs->ineffective = calloc(linked ? linked : 1, sizeof *rs->ineffective);
    if (rs->rule == NULL || rs->effective == NULL || rs->ineffective == NULL) {
        snprintf(errbuf, errlen, "out of memory");
        cs_ruleset_free(rs);
        return NULL;
    }
    for (size_t i = 0; i < linked; i++) {
        rs->rule[i] = rules[i];
    }
    rs->count = linked;
    qsort(rs->rule, rs->count, sizeof *rs->rule, cs_rule_compare);
    for (size_t i = 0; i < rs->count; i++) {
        const cs_rule *r = rs->rule[i];
        if (i > 0 && strcmp(rs->rule[i - 1]->id, r->id) == 0) {
            snprintf(errbuf, errlen, "rule id %s declared twice", r->id);
            cs_ruleset_free(rs);
            return NULL;
        }
        rs->effective[i] = INT64_MIN;
        rs->ineffective[i] = INT64_MAX;
        if ((r->effective != NULL && !cs_parse_date(r->effective, &rs->effective[i])) ||
            (r->ineffective != NULL && !cs_parse_date(r->ineffective, &rs->ineffective[i]))) {
            snprintf(errbuf, errlen, "rule %s has a malformed date", r->id);
            cs_ruleset_free(rs);
            return NULL;
        }
        int ways = (r->when.all[0] != 0) + (r->check != NULL) + (r->eval != NULL);
        if (ways != (r->raised_by_parser ? 0 : 1)) {
            snprintf(errbuf, errlen, "rule %s must set exactly one of when, check, eval", r->id);
            cs_ruleset_free(rs);
            return NULL;
        }
    }
    rs->plan = calloc(rs->count ? rs->count : 1, sizeof *rs->plan);
    if (rs->plan == NULL) {
        snprintf(errbuf, errlen, "out of memory");
        cs_ruleset_free(rs);
        return NULL;
    }
    if (!cs_ruleset_index_dates(rs)) {
        snprintf(errbuf, errlen, "out of memory, or more than %d distinct rule dates",
                 CS_ENGINE_MAX_DATES);
        cs_ruleset_free(rs);
        return NULL;
    }
    for (size_t i = 0; i < rs->count; i++) {
        const cs_rule *r = rs->rule[i];
        cs_rule_plan *p = &rs->plan[i];
        p->first = r->check == NULL && r->eval == NULL ? r->when.all[0] : 0;
        p->kind_sel = (uint16_t)(((r->applies & CS_APPLIES_PRECERT) != 0) << CS_KIND_COUNT |
                                 (r->applies & ((1u << CS_KIND_COUNT) - 1)));
        p->skip = r->raised_by_parser;
        p->profiles = r->profiles;
    }
    return rs;
}

void cs_ruleset_free(cs_ruleset *rs) {
    if (rs == NULL) {
        return;
    }
    free(rs->rule);
    free(rs->effective);
    free(rs->ineffective);
    free(rs->dates);
    free(rs->plan);
    free(rs);
}

size_t cs_ruleset_count(const cs_ruleset *rs) {
    return rs->count;
}

const cs_rule *cs_ruleset_rule(const cs_ruleset *rs, size_t index) {
    return index < rs->count ? rs->rule[index] : NULL;
}

long cs_ruleset_find(const cs_ruleset *rs, const char *id) {
    for (size_t i = 0; i < rs->count; i++) {
        if (strcmp(rs->rule[i]->id, id) == 0) {
            return (long)i;
        }
    }
    return -1;
}

int64_t cs_ruleset_effective(const cs_ruleset *rs, size_t index) {
    return rs->effective[index];
}

int64_t cs_ruleset_ineffective(const cs_ruleset *rs, size_t index) {
    return rs->ineffective[index];
}

void cs_batch_reset(cs_batch *b, const cs_profile_config *profiles) {
    b->n = 0;
    b->profiles = profiles;
    b->valid = 0;
    b->extracted = 0;
    memset(b->col, 0, sizeof b->col);
    memset(b->kind, 0, sizeof b->kind);
}

unsigned cs_batch_add(cs_batch *b, const cs_x509 *x509) {
    unsigned lane = b->n++;
    b->x509[lane] = x509;
    b->valid |= (uint64_t)1 << lane;
    return lane;
}

void cs_batch_extract(cs_batch *b) {
    unsigned from = b->extracted;
    if (from >= b->n) {
        return;
    }
    /* The extraction sets each fact in the lane's bits and in the batch's columns at once. */
    cs_facts_extract_lanes(b->x509 + from, b->profiles, b->facts + from, b->n - from, b->col, from);
    for (unsigned lane = from; lane < b->n; lane++) {
        if (b->x509[lane] != NULL) {
            b->kind[b->facts[lane].kind] |= (uint64_t)1 << lane;
        }
    }
    b->extracted = b->n;
}

unsigned cs_batch_add_empty(cs_batch *b) {
    unsigned lane = b->n++;
    b->x509[lane] = NULL;
    memset(&b->facts[lane], 0, sizeof b->facts[lane]);
    return lane;
}

/* For every distinct rule date, the lanes judged at or after it: by notBefore, or all lanes at
 * once under --as-of. */
static void cs_engine_date_masks(const cs_ruleset *rs, const cs_batch *b, uint64_t *out) {
    for (size_t d = 0; d < rs->num_dates; d++) {
        int64_t date = rs->dates[d];
        if (rs->options.has_as_of) {
            out[d] = rs->options.as_of >= date ? b->valid : 0;
            continue;
        }
        out[d] = 0;
    }
    if (rs->options.has_as_of) {
        return;
    }
    /* Each lane is at or after the first k dates (dates are sorted): found by binary search,
     * it goes into out[k - 1], and a running OR from the last date down spreads it to every
     * earlier one. A few steps per lane instead of one test per lane and date. */
    for (uint64_t l = b->valid; l != 0; l &= l - 1) {
        unsigned lane = (unsigned)__builtin_ctzll(l);
        int64_t nb = b->facts[lane].not_before;
        size_t lo = 0, hi = rs->num_dates;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (rs->dates[mid] <= nb) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0) {
            out[lo - 1] |= (uint64_t)1 << lane;
        }
    }
    for (size_t d = rs->num_dates; d-- > 1;) {
        out[d - 1] |= out[d];
    }
}

static uint64_t cs_engine_predicate(const cs_rule *r, const cs_batch *b) {
    uint64_t m = ~(uint64_t)0;
    for (unsigned i = 0; i < CS_RULE_MAX_COLS && r->when.all[i] != 0; i++) {
        m &= b->col[r->when.all[i]];
    }
    for (unsigned i = 0; i < CS_RULE_MAX_COLS && r->when.none[i] != 0; i++) {
        m &= ~b->col[r->when.none[i]];
    }
    return m;
}

void cs_engine_eval(const cs_ruleset *rs, cs_batch *b, uint64_t *out_fail) {
    cs_batch_extract(b);
    uint64_t precert = b->col[CS_COL_PRECERT];
    /* Two more slots past the dates: an unset effective date gates nothing (all ones) and an
     * unset ineffective date cuts nothing (zero), so each rule's window is two loads and no
     * branch. */
    uint64_t at_or_after[CS_ENGINE_MAX_DATES + 2];
    cs_engine_date_masks(rs, b, at_or_after);
    at_or_after[CS_ENGINE_MAX_DATES] = ~(uint64_t)0;
    at_or_after[CS_ENGINE_MAX_DATES + 1] = 0;
    /* The lanes of every combination of kinds, with and without precertificates: a rule's
     * applicability is then one table look-up instead of a loop over the kinds. */
    uint64_t kind_lanes[2u << CS_KIND_COUNT];
    for (unsigned m = 0; m < (1u << CS_KIND_COUNT); m++) {
        uint64_t lanes = 0;
        for (unsigned k = 0; k < CS_KIND_COUNT; k++) {
            if (m & (1u << k)) {
                lanes |= b->kind[k];
            }
        }
        kind_lanes[(1u << CS_KIND_COUNT) | m] = lanes & b->valid;
        kind_lanes[m] = lanes & b->valid & ~precert;
    }
    /* Lanes per profile, and which profiles occur in this batch at all. */
    uint64_t profile_lanes[CS_PROFILE_COUNT] = {0};
    uint64_t present_profiles = 0;
    for (uint64_t l = b->valid; l != 0; l &= l - 1) {
        unsigned lane = (unsigned)__builtin_ctzll(l);
        profile_lanes[b->facts[lane].profile] |= (uint64_t)1 << lane;
        present_profiles |= (uint64_t)1 << b->facts[lane].profile;
    }
    for (size_t i = 0; i < rs->count; i++) {
        const cs_rule_plan *p = &rs->plan[i];
        /* A predicate whose first column no lane has fails nowhere, whatever else holds. */
        if ((p->first != 0 && b->col[p->first] == 0) || p->skip) {
            out_fail[i] = 0;
            continue;
        }
        uint64_t lanes = kind_lanes[p->kind_sel];
        if (p->profiles != 0) {
            uint64_t keep = 0;
            for (uint64_t m = p->profiles & present_profiles; m != 0; m &= m - 1) {
                keep |= profile_lanes[__builtin_ctzll(m)];
            }
            lanes &= keep;
        }
        lanes &= at_or_after[p->effective] & ~at_or_after[p->ineffective];
        uint64_t fail = 0;
        if (lanes != 0) {
            const cs_rule *r = rs->rule[i];
            if (r->eval != NULL) {
                fail = r->eval(b, lanes);
            } else if (r->check != NULL) {
                for (uint64_t l = lanes; l != 0; l &= l - 1) {
                    unsigned lane = (unsigned)__builtin_ctzll(l);
                    cs_cert_ctx ctx = {b->x509[lane], &b->facts[lane]};
                    if (r->check(&ctx)) {
                        fail |= (uint64_t)1 << lane;
                    }
                }
            } else {
                fail = cs_engine_predicate(r, b);
            }
        }
        out_fail[i] = fail & lanes;
    }
}
