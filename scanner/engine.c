#include "scanner/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cs_ruleset {
    size_t count;
    const cs_rule **rule;
    int64_t *effective;
    int64_t *ineffective;
    cs_ruleset_options options;
};

int cs_parse_date(const char *text, int64_t *out) {
    unsigned y, m, d, hh = 0, mm = 0, ss = 0;
    int consumed = 0;
    if (sscanf(text, "%4u-%2u-%2u%n", &y, &m, &d, &consumed) != 3) {
        return 0;
    }
    const char *rest = text + consumed;
    if (*rest == 'T') {
        int more = 0;
        if (sscanf(rest, "T%2u:%2u:%2uZ%n", &hh, &mm, &ss, &more) != 3 || more == 0) {
            return 0;
        }
        rest += more;
    }
    if (*rest != '\0' || m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59) {
        return 0;
    }
    *out = cs_time_from_civil(y, m, d, hh, mm, ss);
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
    return rs;
}

void cs_ruleset_free(cs_ruleset *rs) {
    if (rs == NULL) {
        return;
    }
    free(rs->rule);
    free(rs->effective);
    free(rs->ineffective);
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
    memset(b->col, 0, sizeof b->col);
    memset(b->kind, 0, sizeof b->kind);
}

unsigned cs_batch_add(cs_batch *b, const cs_x509 *x509) {
    unsigned lane = b->n++;
    uint64_t bit = (uint64_t)1 << lane;
    cs_facts *f = &b->facts[lane];
    b->x509[lane] = x509;
    cs_facts_extract(x509, b->profiles, f);
    b->valid |= bit;
    b->kind[f->kind] |= bit;
    /* Transpose: visit only the set bits of this certificate's fact words. */
    for (unsigned w = 0; w < CS_FACT_WORDS; w++) {
        for (uint64_t bits = f->bits[w]; bits != 0; bits &= bits - 1) {
            unsigned col = w * 64 + (unsigned)__builtin_ctzll(bits);
            b->col[col] |= bit;
        }
    }
    return lane;
}

unsigned cs_batch_add_empty(cs_batch *b) {
    unsigned lane = b->n++;
    b->x509[lane] = NULL;
    memset(&b->facts[lane], 0, sizeof b->facts[lane]);
    return lane;
}

/* Lanes whose judging time lies in [from, until). */
static uint64_t cs_engine_date_mask(const cs_ruleset *rs, const cs_batch *b, uint64_t lanes,
                                    int64_t from, int64_t until) {
    if (from == INT64_MIN && until == INT64_MAX) {
        return lanes;
    }
    if (rs->options.has_as_of) {
        return rs->options.as_of >= from && rs->options.as_of < until ? lanes : 0;
    }
    uint64_t mask = 0;
    for (uint64_t l = lanes; l != 0; l &= l - 1) {
        unsigned lane = (unsigned)__builtin_ctzll(l);
        int64_t t = b->facts[lane].not_before;
        if (t >= from && t < until) {
            mask |= (uint64_t)1 << lane;
        }
    }
    return mask;
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
    uint64_t precert = b->col[CS_COL_PRECERT];
    for (size_t i = 0; i < rs->count; i++) {
        const cs_rule *r = rs->rule[i];
        uint64_t lanes = 0;
        for (unsigned k = 0; k < CS_KIND_COUNT; k++) {
            if (r->applies & (1u << k)) {
                lanes |= b->kind[k];
            }
        }
        lanes &= b->valid;
        if (!(r->applies & CS_APPLIES_PRECERT)) {
            lanes &= ~precert;
        }
        if (r->profiles != 0) {
            uint64_t keep = 0;
            for (uint64_t l = lanes; l != 0; l &= l - 1) {
                unsigned lane = (unsigned)__builtin_ctzll(l);
                if (r->profiles & ((uint64_t)1 << b->facts[lane].profile)) {
                    keep |= (uint64_t)1 << lane;
                }
            }
            lanes = keep;
        }
        lanes = cs_engine_date_mask(rs, b, lanes, rs->effective[i], rs->ineffective[i]);
        uint64_t fail = 0;
        if (lanes != 0 && !r->raised_by_parser) {
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
