#include "scanner/aggregate.h"

#include "io/sha256.h"
#include <stdlib.h>
#include <string.h>

#include "scanner/agg_internal.h"

#define CS_NAME_MAX      1024
#define CS_AGG_LOG_BLOCK (1u << 20)

static const char *const cs_count_mode_names[CS_COUNT_MODE_COUNT] = {
    [CS_COUNT_FINAL_OR_PRECERT] = "final-or-precert",
    [CS_COUNT_ALL] = "all",
    [CS_COUNT_FINAL] = "final",
    [CS_COUNT_PRECERT] = "precert",
};

const char *cs_count_mode_name(cs_count_mode mode) {
    return (unsigned)mode < CS_COUNT_MODE_COUNT ? cs_count_mode_names[mode] : "unknown";
}

int cs_count_mode_parse(const char *text, cs_count_mode *out) {
    for (unsigned i = 0; i < CS_COUNT_MODE_COUNT; i++) {
        if (text != NULL && strcmp(text, cs_count_mode_names[i]) == 0) {
            *out = (cs_count_mode)i;
            return 1;
        }
    }
    return 0;
}

void cs_agg_config_default(cs_agg_config *cfg) {
    memset(cfg, 0, sizeof *cfg);
    cfg->mode = CS_COUNT_FINAL_OR_PRECERT;
    cfg->samples = CS_AGG_DEFAULT_SAMPLES;
}

/* ---- months and profiles ---- */

/* Days to civil date (H. Hinnant's algorithm), UTC. */
static void cs_agg_civil(int64_t epoch, int64_t *year, int *month, int *day, int64_t *secs) {
    int64_t days = epoch >= 0 ? epoch / 86400 : -((-epoch + 86399) / 86400);
    *secs = epoch - days * 86400;
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = yoe + era * 400 + (*month <= 2);
}

unsigned cs_agg_month_of(int64_t epoch) {
    int64_t y, secs;
    int m, d;
    cs_agg_civil(epoch, &y, &m, &d, &secs);
    int64_t key = (y - CS_AGG_MONTH_BASE_YEAR) * 12 + (m - 1);
    return key < 0 ? 0 : key > 0xFFFF ? 0xFFFF : (unsigned)key;
}

void cs_agg_time_text(int64_t epoch, char out[32]) {
    int64_t y, secs;
    int m, d;
    cs_agg_civil(epoch, &y, &m, &d, &secs);
    snprintf(out, 32, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
}

void cs_agg_month_text(unsigned month, char out[8]) {
    snprintf(out, 8, "%04u-%02u", (month / 12 + CS_AGG_MONTH_BASE_YEAR) % 10000, month % 12 + 1);
}

const char *cs_agg_code_name(unsigned code) {
    unsigned profile = CS_AGG_CODE_PROFILE(code);
    if (profile != CS_PROFILE_PKIX) {
        return cs_profile_name((cs_profile)profile);
    }
    if (CS_AGG_CODE_PRECERT(code)) {
        return "pkix.precert";
    }
    switch (CS_AGG_CODE_KIND(code)) {
    case CS_KIND_ROOT:
        return "pkix.root";
    case CS_KIND_CA:
        return "pkix.ca";
    default:
        return "pkix.subscriber";
    }
}

static void cs_agg_ruleset_version(const cs_ruleset *rs, char *out, size_t len) {
    uint64_t h = 0;
    size_t n = cs_ruleset_count(rs);
    for (size_t i = 0; i < n; i++) {
        const cs_rule *r = cs_ruleset_rule(rs, i);
        char line[512];
        int k = snprintf(line, sizeof line, "%s|%d|%s|%s|%u|%llu", r->id, (int)r->severity,
                         r->effective ? r->effective : "", r->ineffective ? r->ineffective : "",
                         r->applies, (unsigned long long)r->profiles);
        h = XXH3_64bits_withSeed(line, (size_t)k < sizeof line ? (size_t)k : sizeof line - 1, h);
    }
    snprintf(out, len, "%zu-%016llx", n, (unsigned long long)h);
}

/* ---- life cycle ---- */

static cs_agg *cs_agg_alloc(size_t num_rules, const cs_agg_config *cfg) {
    cs_agg *a = calloc(1, sizeof *a);
    if (a == NULL) {
        return NULL;
    }
    a->num_rules = num_rules;
    a->cfg = *cfg;
    if (cfg->shard_n != 0 && cfg->shard_n <= 64) {
        a->shard_mask_lo = (uint64_t)1 << (cfg->shard_k - 1);
    }
    a->rule_id = calloc(num_rules ? num_rules : 1, sizeof *a->rule_id);
    a->rule_sev = calloc(num_rules ? num_rules : 1, 1);
    cs_amap_init(&a->ca_index, sizeof(uint32_t));
    cs_amap_init(&a->cells, sizeof(cs_agg_cell));
    cs_amap_init(&a->cellrules, sizeof(uint64_t));
    cs_amap_init(&a->carules, sizeof(cs_agg_carule));
    if (a->rule_id == NULL || a->rule_sev == NULL) {
        cs_agg_free(a);
        return NULL;
    }
    return a;
}

cs_agg *cs_agg_new(const cs_ruleset *rules, const cs_agg_config *cfg, cs_certset *seen) {
    cs_agg *a = cs_agg_alloc(cs_ruleset_count(rules), cfg);
    if (a == NULL) {
        return NULL;
    }
    a->rules = rules;
    a->seen = seen;
    for (size_t i = 0; i < a->num_rules; i++) {
        const cs_rule *r = cs_ruleset_rule(rules, i);
        a->rule_id[i] = (char *)r->id; /* not owned: see cs_agg_free */
        a->rule_sev[i] = (uint8_t)r->severity;
    }
    cs_agg_ruleset_version(rules, a->ruleset_version, sizeof a->ruleset_version);
    a->lane_rules = malloc(CS_BATCH_LANES * (a->num_rules ? a->num_rules : 1) * sizeof(uint16_t));
    if (a->lane_rules == NULL) {
        cs_agg_free(a);
        return NULL;
    }
    return a;
}

cs_agg *cs_agg_new_table(size_t num_rules, char *const *ids, const uint8_t *sev,
                         const char *ruleset_version, const cs_agg_config *cfg) {
    cs_agg *a = cs_agg_alloc(num_rules, cfg);
    if (a == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < num_rules; i++) {
        a->rule_sev[i] = sev[i];
        if ((a->rule_id[i] = strdup(ids[i])) == NULL) {
            cs_agg_free(a);
            return NULL;
        }
    }
    snprintf(a->ruleset_version, sizeof a->ruleset_version, "%s", ruleset_version);
    return a;
}

static void cs_agg_free_log(cs_agg *a) {
    a->log_bytes = 0;
    while (a->log_head != NULL) {
        cs_agg_log_block *next = a->log_head->next;
        free(a->log_head);
        a->log_head = next;
    }
    a->log_tail = NULL;
}

void cs_agg_free(cs_agg *a) {
    if (a == NULL) {
        return;
    }
    for (size_t i = 0; a->rules == NULL && a->rule_id != NULL && i < a->num_rules; i++) {
        free(a->rule_id[i]);
    }
    free(a->rule_id);
    free(a->rule_sev);
    for (size_t i = 0; i < a->num_cas; i++) {
        free(a->cas[i].issuer_der);
        free(a->cas[i].aki);
        free(a->cas[i].name);
    }
    free(a->cas);
    for (size_t i = 0; i < a->carules.len; i++) {
        free(((cs_agg_carule *)cs_amap_val(&a->carules, i))->samples);
    }
    cs_amap_free(&a->ca_index);
    cs_amap_free(&a->cells);
    cs_amap_free(&a->cellrules);
    cs_amap_free(&a->carules);
    for (size_t i = 0; i < a->num_reasons; i++) {
        free(a->reasons[i].key);
        free(a->reasons[i].example);
    }
    free(a->reasons);
    for (size_t i = 0; i < a->num_inputs; i++) {
        free(a->inputs[i]);
    }
    free(a->inputs);
    for (size_t i = 0; i < a->num_surveys; i++) {
        if (a->surveys[i].ops->free != NULL) {
            a->surveys[i].ops->free(a->surveys[i].state);
        }
    }
    cs_agg_free_log(a);
    free(a->lane_rules);
    free(a);
}

void cs_agg_set_owner(cs_agg *a, cs_agg_owner_fn fn, void *ctx) {
    a->owner_fn = fn;
    a->owner_ctx = ctx;
}

int cs_agg_has_owner(const cs_agg *a) {
    return a->owner_fn != NULL;
}

const char *cs_agg_ca_owner(const cs_agg *a, const cs_agg_ca *ca) {
    if (a->owner_fn == NULL) {
        return NULL;
    }
    return a->owner_fn(a->owner_ctx, ca->issuer_der, ca->issuer_len, ca->has_aki ? ca->aki : NULL,
                       ca->has_aki ? ca->aki_len : 0);
}

static const cs_agg_survey_ops *cs_agg_survey_registry[CS_AGG_MAX_SURVEYS];

void cs_agg_register_survey(const cs_agg_survey_ops *ops) {
    for (size_t i = 0; i < CS_AGG_MAX_SURVEYS; i++) {
        if (cs_agg_survey_registry[i] == NULL || cs_agg_survey_registry[i] == ops) {
            cs_agg_survey_registry[i] = ops;
            return;
        }
    }
}

const cs_agg_survey_ops *cs_agg_registered_survey(const char *name) {
    for (size_t i = 0; i < CS_AGG_MAX_SURVEYS && cs_agg_survey_registry[i] != NULL; i++) {
        if (strcmp(cs_agg_survey_registry[i]->name, name) == 0) {
            return cs_agg_survey_registry[i];
        }
    }
    return NULL;
}

int cs_agg_attach_survey(cs_agg *a, const cs_agg_survey_ops *ops, void *state) {
    if (a->num_surveys == CS_AGG_MAX_SURVEYS) {
        return 0;
    }
    a->surveys[a->num_surveys].ops = ops;
    a->surveys[a->num_surveys].state = state;
    a->num_surveys++;
    return 1;
}

/* ---- CAs ---- */

static void cs_agg_ca_key(const uint8_t *issuer, size_t issuer_len, const uint8_t *aki,
                          size_t aki_len, int has_aki, uint64_t *k0, uint64_t *k1) {
    XXH128_hash_t h = XXH3_128bits(issuer, issuer_len);
    XXH128_hash_t k = XXH3_128bits_withSeed(has_aki ? aki : NULL, has_aki ? aki_len : 0,
                                            h.low64 ^ (uint64_t)has_aki);
    *k0 = k.low64 ^ h.high64;
    *k1 = k.high64;
}

static int cs_agg_ca_is(const cs_agg_ca *c, const uint8_t *issuer, size_t issuer_len,
                        const uint8_t *aki, size_t aki_len, int has_aki) {
    return c->issuer_len == issuer_len && memcmp(c->issuer_der, issuer, issuer_len) == 0 &&
           c->has_aki == has_aki &&
           (!has_aki || (c->aki_len == aki_len && memcmp(c->aki, aki, aki_len) == 0));
}

long cs_agg_ca_find(const cs_agg *a, const cs_agg_ca *ca) {
    uint64_t k0, k1;
    cs_agg_ca_key(ca->issuer_der, ca->issuer_len, ca->aki, ca->aki_len, ca->has_aki, &k0, &k1);
    for (;;) {
        const uint32_t *idx = cs_amap_find(&a->ca_index, k0, k1);
        if (idx == NULL || *idx == 0) {
            return -1;
        }
        if (cs_agg_ca_is(&a->cas[*idx - 1], ca->issuer_der, ca->issuer_len, ca->aki, ca->aki_len,
                         ca->has_aki)) {
            return (long)(*idx - 1);
        }
        k1 += 0x9E3779B97F4A7C15ull; /* as cs_agg_ca_intern probes */
    }
}

long cs_agg_ca_intern(cs_agg *a, const uint8_t *issuer, size_t issuer_len, const uint8_t *aki,
                      size_t aki_len, int has_aki, const cs_x509 *x, const char *name) {
    uint64_t k0, k1;
    cs_agg_ca_key(issuer, issuer_len, aki, aki_len, has_aki, &k0, &k1);
    for (;;) {
        uint32_t *idx = cs_amap_get(&a->ca_index, k0, k1);
        if (idx == NULL) {
            return -1;
        }
        if (*idx != 0) {
            const cs_agg_ca *c = &a->cas[*idx - 1];
            if (cs_agg_ca_is(c, issuer, issuer_len, aki, aki_len, has_aki)) {
                return (long)(*idx - 1);
            }
            k1 += 0x9E3779B97F4A7C15ull; /* a 128-bit collision: probe on */
            continue;
        }
        if (a->num_cas == a->cas_cap) {
            size_t cap = a->cas_cap ? a->cas_cap * 2 : 16;
            cs_agg_ca *cas = realloc(a->cas, cap * sizeof *cas);
            if (cas == NULL) {
                return -1;
            }
            a->cas = cas;
            a->cas_cap = cap;
        }
        cs_agg_ca *c = &a->cas[a->num_cas];
        memset(c, 0, sizeof *c);
        char text[CS_NAME_MAX];
        if (x != NULL) {
            cs_x509_name_to_string(&x->issuer, text, sizeof text);
            name = text;
        }
        c->issuer_der = malloc(issuer_len ? issuer_len : 1);
        c->aki = malloc(aki_len ? aki_len : 1);
        c->name = strdup(name != NULL ? name : "");
        if (c->issuer_der == NULL || c->aki == NULL || c->name == NULL) {
            free(c->issuer_der);
            free(c->aki);
            free(c->name);
            return -1;
        }
        memcpy(c->issuer_der, issuer, issuer_len);
        c->issuer_len = (uint32_t)issuer_len;
        c->has_aki = (uint8_t)(has_aki != 0);
        if (has_aki) {
            memcpy(c->aki, aki, aki_len);
            c->aki_len = (uint32_t)aki_len;
        }
        *idx = (uint32_t)++a->num_cas;
        return (long)(a->num_cas - 1);
    }
}

/* The issuing CA's identity in a certificate, pointing into its bytes (nothing owned). */
static cs_agg_ca cs_agg_ca_probe(const cs_x509 *x) {
    cs_aki aki = {0};
    int has_aki = 0;
    int i = cs_x509_find_ext(x, CS_EXT_AUTHORITY_KEY_ID);
    if (i >= 0) {
        cs_der_error err;
        has_aki = cs_decode_aki(x->ext[i].value, &aki, &err) && aki.has_key_id;
    }
    return (cs_agg_ca){.issuer_der = (uint8_t *)x->issuer.raw.ptr,
                       .issuer_len = (uint32_t)x->issuer.raw.len,
                       .has_aki = (uint8_t)has_aki,
                       .aki = (uint8_t *)aki.key_id.ptr,
                       .aki_len = has_aki ? (uint32_t)aki.key_id.len : 0};
}

static long cs_agg_ca_of(cs_agg *a, const cs_x509 *x) {
    cs_agg_ca p = cs_agg_ca_probe(x);
    return cs_agg_ca_intern(a, p.issuer_der, p.issuer_len, p.aki, p.aki_len, p.has_aki, x, NULL);
}

long cs_agg_rule_index(const cs_agg *a, const char *rule_id) {
    for (size_t i = 0; i < a->num_rules; i++) {
        if (strcmp(a->rule_id[i], rule_id) == 0) {
            return (long)i;
        }
    }
    return -1;
}

long cs_agg_ca_of_cert(const cs_agg *a, const cs_x509 *x) {
    cs_agg_ca p = cs_agg_ca_probe(x);
    return cs_agg_ca_find(a, &p);
}

uint64_t cs_agg_pair_count(const cs_agg *a, long ca, long rule) {
    if (ca < 0 || rule < 0) {
        return 0;
    }
    const cs_agg_carule *cr = cs_amap_find(&a->carules, ((uint64_t)ca << 32) | (uint64_t)rule, 0);
    return cr != NULL ? cr->count : 0;
}

/* ---- samples ---- */

static int cs_agg_sample_qualifies(const cs_agg *a, const cs_agg_carule *cr, XXH128_hash_t id) {
    if (a->cfg.samples == 0) {
        return 0;
    }
    return cr == NULL || cr->num_samples < a->cfg.samples ||
           XXH128_cmp(&id, &cr->samples[cr->num_samples - 1].id) < 0;
}

int cs_agg_carule_sample(cs_agg *a, cs_agg_carule *cr, const cs_agg_sample *s) {
    if (!cs_agg_sample_qualifies(a, cr, s->id)) {
        return 1;
    }
    uint32_t pos = 0;
    while (pos < cr->num_samples && XXH128_cmp(&cr->samples[pos].id, &s->id) < 0) {
        pos++;
    }
    if (pos < cr->num_samples && XXH128_isEqual(cr->samples[pos].id, s->id)) {
        return 1; /* the same certificate, from a merge of overlapping corpora */
    }
    if (cr->samples == NULL && (cr->samples = malloc(a->cfg.samples * sizeof *s)) == NULL) {
        return 0;
    }
    uint32_t keep = cr->num_samples < a->cfg.samples ? cr->num_samples : a->cfg.samples - 1;
    memmove(&cr->samples[pos + 1], &cr->samples[pos], (keep - pos) * sizeof *s);
    cr->samples[pos] = *s;
    cr->num_samples = keep + 1;
    return 1;
}

/* ---- counting one certificate ---- */

typedef struct cs_agg_one {
    uint32_t ca;
    uint8_t code;
    int64_t not_before;
    const uint16_t *rules;
    unsigned num_rules;
    /* the sample: computed lazily from der, or given */
    XXH128_hash_t id;
    const uint8_t *der;
    size_t der_len;
    const uint8_t *serial;
    size_t serial_len;
    const cs_agg_sample *sample;
} cs_agg_one;

static void cs_agg_make_sample(const cs_agg_one *c, cs_agg_sample *s) {
    memset(s, 0, sizeof *s);
    s->id = c->id;
    cs_sha256(c->der, c->der_len, s->sha256);
    s->serial_len =
        (uint8_t)(c->serial_len < CS_AGG_SERIAL_MAX ? c->serial_len : CS_AGG_SERIAL_MAX);
    memcpy(s->serial, c->serial, s->serial_len);
}

static int cs_agg_count(cs_agg *a, const cs_agg_one *c) {
    unsigned month = cs_agg_month_of(c->not_before);
    uint64_t k0 = CS_AGG_CELL_K0(c->ca, month, c->code);
    cs_agg_cell *cell = cs_amap_get(&a->cells, k0, 0);
    if (cell == NULL) {
        return 0;
    }
    cell->scanned++;
    cell->findings += c->num_rules;
    uint8_t sev[CS_SEV_COUNT] = {0};
    cs_agg_sample sample;
    int have_sample = 0;
    for (unsigned i = 0; i < c->num_rules; i++) {
        uint16_t r = c->rules[i];
        sev[a->rule_sev[r]] = 1;
        uint64_t *n = cs_amap_get(&a->cellrules, k0, (uint64_t)r + 1);
        cs_agg_carule *cr = cs_amap_get(&a->carules, ((uint64_t)c->ca << 32) | r, 0);
        if (n == NULL || cr == NULL) {
            return 0;
        }
        (*n)++;
        if (cr->count == 0 || c->not_before < cr->first_nb) {
            cr->first_nb = c->not_before;
        }
        if (cr->count == 0 || c->not_before > cr->last_nb) {
            cr->last_nb = c->not_before;
        }
        cr->count++;
        if (!cs_agg_sample_qualifies(a, cr, c->id)) {
            continue;
        }
        if (!have_sample) {
            if (c->sample != NULL) {
                sample = *c->sample;
            } else if (c->der != NULL) {
                cs_agg_make_sample(c, &sample);
            } else {
                continue; /* a held precertificate that did not qualify when it was held */
            }
            have_sample = 1;
        }
        if (!cs_agg_carule_sample(a, cr, &sample)) {
            return 0;
        }
    }
    int any = 0;
    for (unsigned s = 0; s < CS_SEV_COUNT; s++) {
        cell->with_sev[s] += sev[s];
        any |= sev[s];
    }
    cell->with_any += (uint64_t)any;
    return 1;
}

/* ---- held precertificates ---- */

/* Record: key u64, ca u32, code u8, has_sample u8, num_rules u16, not_before i64, rules u16[],
 * then with has_sample a cs_agg_sample. */
#define CS_AGG_REC_HEAD 24

static uint8_t *cs_agg_log_reserve(cs_agg *a, size_t n) {
    cs_agg_log_block *t = a->log_tail;
    if (t == NULL || t->cap - t->len < n) {
        size_t cap = n > CS_AGG_LOG_BLOCK ? n : CS_AGG_LOG_BLOCK;
        cs_agg_log_block *b = malloc(sizeof *b + cap);
        if (b == NULL) {
            return NULL;
        }
        b->next = NULL;
        b->len = 0;
        b->cap = cap;
        a->log_bytes += sizeof *b + cap;
        if (t != NULL) {
            t->next = b;
        } else {
            a->log_head = b;
        }
        a->log_tail = t = b;
    }
    uint8_t *p = t->data + t->len;
    t->len += n;
    return p;
}

static int cs_agg_hold(cs_agg *a, uint64_t key, const cs_agg_one *c) {
    int want_sample = 0;
    for (unsigned i = 0; i < c->num_rules && !want_sample; i++) {
        const cs_agg_carule *cr =
            cs_amap_find(&a->carules, ((uint64_t)c->ca << 32) | c->rules[i], 0);
        want_sample = cs_agg_sample_qualifies(a, cr, c->id);
    }
    size_t n =
        CS_AGG_REC_HEAD + 2 * (size_t)c->num_rules + (want_sample ? sizeof(cs_agg_sample) : 0);
    uint8_t *p = cs_agg_log_reserve(a, n);
    if (p == NULL) {
        return 0;
    }
    uint16_t nr = (uint16_t)c->num_rules;
    memcpy(p, &key, 8);
    memcpy(p + 8, &c->ca, 4);
    p[12] = c->code;
    p[13] = (uint8_t)want_sample;
    memcpy(p + 14, &nr, 2);
    memcpy(p + 16, &c->not_before, 8);
    memcpy(p + CS_AGG_REC_HEAD, c->rules, 2 * (size_t)nr);
    if (want_sample) {
        cs_agg_sample s;
        cs_agg_make_sample(c, &s);
        memcpy(p + CS_AGG_REC_HEAD + 2 * (size_t)nr, &s, sizeof s);
    }
    return 1;
}

int cs_agg_finish(cs_agg *a) {
    uint16_t *rules = a->lane_rules;
    for (cs_agg_log_block *b = a->log_head; b != NULL; b = b->next) {
        for (size_t off = 0; off < b->len;) {
            const uint8_t *p = b->data + off;
            uint64_t key;
            uint16_t nr;
            cs_agg_one c = {0};
            memcpy(&key, p, 8);
            memcpy(&c.ca, p + 8, 4);
            c.code = p[12];
            memcpy(&nr, p + 14, 2);
            memcpy(&c.not_before, p + 16, 8);
            memcpy(rules, p + CS_AGG_REC_HEAD, 2 * (size_t)nr);
            c.rules = rules;
            c.num_rules = nr;
            cs_agg_sample s;
            if (p[13]) {
                memcpy(&s, p + CS_AGG_REC_HEAD + 2 * (size_t)nr, sizeof s);
                c.sample = &s;
                c.id = s.id;
            } else {
                /* Did not qualify when held, so never will: an id no sample takes. */
                c.id.low64 = c.id.high64 = UINT64_MAX;
            }
            off += CS_AGG_REC_HEAD + 2 * (size_t)nr + (p[13] ? sizeof s : 0);
            if (a->seen != NULL &&
                (cs_certset_flags(a->seen, cs_agg_final_key(key)) & CS_CERTSET_FINAL)) {
                a->tot.precerts_with_final++;
            } else if (!cs_agg_count(a, &c)) {
                return 0;
            }
        }
    }
    cs_agg_free_log(a);
    return 1;
}

/* ---- rejections ---- */

static int cs_agg_earlier(uint64_t input_a, uint64_t index_a, uint64_t input_b, uint64_t index_b) {
    return input_a != input_b ? input_a < input_b : index_a < index_b;
}

int cs_agg_add_reason(cs_agg *a, const char *key, uint64_t count, const char *example,
                      uint64_t input, uint64_t index) {
    cs_agg_reason *r = NULL;
    for (size_t i = 0; i < a->num_reasons; i++) {
        if (strcmp(a->reasons[i].key, key) == 0) {
            r = &a->reasons[i];
            break;
        }
    }
    if (r == NULL) {
        cs_agg_reason *list = realloc(a->reasons, (a->num_reasons + 1) * sizeof *list);
        if (list == NULL) {
            return 0;
        }
        a->reasons = list;
        r = &list[a->num_reasons];
        memset(r, 0, sizeof *r);
        if ((r->key = strdup(key)) == NULL) {
            return 0;
        }
        a->num_reasons++;
    }
    if (r->example == NULL || cs_agg_earlier(input, index, r->example_input, r->example_index)) {
        char *copy = strdup(example);
        if (copy == NULL) {
            return 0;
        }
        free(r->example);
        r->example = copy;
        r->example_input = input;
        r->example_index = index;
    }
    r->count += count;
    return 1;
}

static int cs_agg_reject(cs_agg *a, const cs_scan_entry *e) {
    const char *reason = cs_scan_entry_reason(e);
    char key[256], example[1024];
    if (e->entry_status == CS_ENTRY_OK && e->parse_error.where != NULL) {
        snprintf(key, sizeof key, "%s at %s", reason, e->parse_error.where);
    } else {
        snprintf(key, sizeof key, "%s", reason);
    }
    if (e->entry_status != CS_ENTRY_OK) {
        snprintf(example, sizeof example, "%s#%llu (offset %llu): %s", e->input,
                 (unsigned long long)e->index, (unsigned long long)e->offset,
                 e->entry_detail != NULL ? e->entry_detail : cs_entry_status_text(e->entry_status));
    } else {
        snprintf(example, sizeof example, "%s#%llu: %s at certificate byte %zu", e->input,
                 (unsigned long long)e->index, cs_der_status_text(e->parse_error.status),
                 e->parse_error.offset);
    }
    return cs_agg_add_reason(a, key, 1, example, e->input_no, e->index);
}

/* ---- batches ---- */

static int cs_agg_rejected_in_shard(const cs_agg *a, const cs_scan_entry *e) {
    if (a->cfg.shard_n == 0) {
        return 1;
    }
    if (!e->has_der) {
        return a->cfg.shard_k == 1; /* no bytes to hash: the first shard counts them */
    }
    return e->id.low64 % a->cfg.shard_n == a->cfg.shard_k - 1;
}

void cs_agg_detach_seen(cs_agg *a) {
    a->seen = NULL;
}

uint64_t cs_agg_held_bytes(const cs_agg *a) {
    return a->log_bytes;
}

uint64_t cs_agg_shard_lanes(const cs_agg *a, const cs_scan_batch *b) {
    uint64_t lanes = b->n >= 64 ? UINT64_MAX : ((uint64_t)1 << b->n) - 1;
    for (unsigned i = 0; a->cfg.shard_n != 0 && i < b->n; i++) {
        const cs_scan_item *it = &b->item[i];
        if (it->entry->parsed && it->pair_key % a->cfg.shard_n != a->cfg.shard_k - 1) {
            lanes &= ~((uint64_t)1 << i);
        }
    }
    return lanes;
}

int cs_agg_add_batch(cs_agg *a, const cs_scan_batch *b) {
    unsigned num[CS_BATCH_LANES] = {0};
    size_t stride = a->num_rules;
    for (size_t r = 0; r < a->num_rules; r++) {
        for (uint64_t fail = b->fail[r]; fail != 0; fail &= fail - 1) {
            unsigned lane = (unsigned)__builtin_ctzll(fail);
            a->lane_rules[lane * stride + num[lane]++] = (uint16_t)r;
        }
    }
    /* The copy keys first, and the certificate set told which slots the batch will probe: the
     * probes' cache misses then overlap instead of stalling one after the other. */
    uint64_t copy[CS_BATCH_LANES];
    for (unsigned i = 0; i < b->n; i++) {
        if (b->item[i].entry->parsed) {
            copy[i] = cs_agg_copy_key(&b->item[i].x509, b->item[i].pair_key);
        }
    }
    for (int step = 0; a->seen != NULL && step < 2; step++) {
        for (unsigned i = 0; i < b->n; i++) {
            if (b->item[i].entry->parsed) {
                cs_certset_prefetch(a->seen, copy[i], step);
                if (a->cfg.mode == CS_COUNT_FINAL_OR_PRECERT) {
                    cs_certset_prefetch(a->seen, cs_agg_final_key(b->item[i].pair_key), step);
                }
            }
        }
    }
    for (unsigned i = 0; i < b->n; i++) {
        const cs_scan_item *it = &b->item[i];
        const cs_scan_entry *e = it->entry;
        if (!e->parsed) {
            if (!cs_agg_rejected_in_shard(a, e)) {
                a->tot.other_shards++;
                continue;
            }
            a->tot.rejected++;
            if (!cs_agg_reject(a, e)) {
                return 0;
            }
            continue;
        }
        const cs_x509 *x = &it->x509;
        uint64_t key = it->pair_key;
        if (a->cfg.shard_n != 0 && key % a->cfg.shard_n != a->cfg.shard_k - 1) {
            a->tot.other_shards++;
            continue;
        }
        a->tot.parsed++;
        const cs_facts *f = &b->batch.facts[i];
        int precert = f->precert != 0;
        if (a->seen != NULL) {
            unsigned flag = precert ? CS_CERTSET_PRECERT : CS_CERTSET_FINAL;
            int before = cs_certset_add(a->seen, copy[i], flag);
            if (before < 0) {
                return 0;
            }
            if ((unsigned)before & flag) {
                a->tot.duplicates++;
                continue;
            }
            if (!precert && a->cfg.mode == CS_COUNT_FINAL_OR_PRECERT &&
                cs_certset_add(a->seen, cs_agg_final_key(key), CS_CERTSET_FINAL) < 0) {
                return 0;
            }
        }
        if ((a->cfg.mode == CS_COUNT_FINAL && precert) ||
            (a->cfg.mode == CS_COUNT_PRECERT && !precert)) {
            a->tot.excluded_by_mode++;
            continue;
        }
        long ca = cs_agg_ca_of(a, x);
        if (ca < 0) {
            return 0;
        }
        cs_agg_one c = {
            .ca = (uint32_t)ca,
            .code = CS_AGG_CODE(f->profile, (unsigned)precert, f->kind),
            .not_before = x->not_before.epoch,
            .rules = &a->lane_rules[i * stride],
            .num_rules = num[i],
            .id = e->id,
            .der = it->der,
            .der_len = it->der_len,
            .serial = x->serial.ptr,
            .serial_len = x->serial.len,
        };
        if (precert && a->cfg.mode == CS_COUNT_FINAL_OR_PRECERT && a->seen != NULL) {
            if (cs_certset_flags(a->seen, cs_agg_final_key(key)) & CS_CERTSET_FINAL) {
                a->tot.precerts_with_final++;
            } else if (!cs_agg_hold(a, key, &c)) {
                return 0;
            }
            continue;
        }
        if (!cs_agg_count(a, &c)) {
            return 0;
        }
    }
    return 1;
}

/* ---- scan facts ---- */

static int cs_agg_cmp_str(const void *x, const void *y) {
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int cs_agg_add_input(cs_agg *a, const char *path) {
    for (size_t i = 0; i < a->num_inputs; i++) {
        if (strcmp(a->inputs[i], path) == 0) {
            return 1;
        }
    }
    char **list = realloc(a->inputs, (a->num_inputs + 1) * sizeof *list);
    if (list == NULL) {
        return 0;
    }
    a->inputs = list;
    if ((list[a->num_inputs] = strdup(path)) == NULL) {
        return 0;
    }
    a->num_inputs++;
    qsort(a->inputs, a->num_inputs, sizeof *a->inputs, cs_agg_cmp_str);
    return 1;
}

int cs_agg_set_scan(cs_agg *a, const cs_scan_totals *t, const char *const *inputs, size_t n) {
    /* File-level counts belong to the first shard only, so the shards of one corpus add up to
     * the scan of the whole. */
    if (a->cfg.shard_n == 0 || a->cfg.shard_k == 1) {
        a->tot.inputs = t->inputs;
        a->tot.input_errors = t->input_errors;
        a->tot.skipped_blocks = t->skipped_blocks;
        a->tot.bytes = t->bytes;
    }
    for (size_t i = 0; i < n; i++) {
        if (!cs_agg_add_input(a, inputs[i])) {
            return 0;
        }
    }
    return 1;
}

/* ---- merging ---- */

static int cs_agg_same_day(int64_t x, int64_t y) {
    return x / 86400 == y / 86400;
}

/* The name of a survey `a` holds and `b` does not, or NULL. */
static const char *cs_agg_survey_only_in(const cs_agg *a, const cs_agg *b) {
    for (size_t i = 0; i < a->num_surveys; i++) {
        size_t j = 0;
        while (j < b->num_surveys && b->surveys[j].ops != a->surveys[i].ops) {
            j++;
        }
        if (j == b->num_surveys) {
            return a->surveys[i].ops->name;
        }
    }
    return NULL;
}

static int cs_agg_compatible(const cs_agg *d, const cs_agg *s, char *err, size_t len) {
    if (strcmp(d->ruleset_version, s->ruleset_version) != 0 || d->num_rules != s->num_rules) {
        snprintf(err, len, "made with different rule sets (%s and %s): rescan with one certscan",
                 d->ruleset_version, s->ruleset_version);
        return 0;
    }
    if (d->cfg.mode != s->cfg.mode) {
        snprintf(err, len, "made with different counting modes (--count %s and --count %s)",
                 cs_count_mode_name(d->cfg.mode), cs_count_mode_name(s->cfg.mode));
        return 0;
    }
    if (d->cfg.has_as_of != s->cfg.has_as_of ||
        (d->cfg.has_as_of && !cs_agg_same_day(d->cfg.as_of, s->cfg.as_of))) {
        snprintf(err, len, "judged as of different dates (--as-of differs)");
        return 0;
    }
    if (d->cfg.shard_n != s->cfg.shard_n) {
        snprintf(err, len,
                 "shards of different splits (%u and %u shards; 0: not sharded): merge the "
                 "shards of one split first",
                 d->cfg.shard_n, s->cfg.shard_n);
        return 0;
    }
    if (d->cfg.shard_n != 0 && (d->shard_mask_lo & s->shard_mask_lo) != 0) {
        snprintf(err, len, "both hold shard %d of %u: the same certificates would count twice",
                 __builtin_ctzll(d->shard_mask_lo & s->shard_mask_lo) + 1, d->cfg.shard_n);
        return 0;
    }
    /* A survey of some parts only would read as the survey of the whole. */
    const char *only = cs_agg_survey_only_in(d, s);
    if (only != NULL || (only = cs_agg_survey_only_in(s, d)) != NULL) {
        snprintf(err, len, "only one holds the %s survey: scan every part with --survey, or none",
                 only);
        return 0;
    }
    for (size_t r = 0; r < d->num_rules; r++) {
        if (strcmp(d->rule_id[r], s->rule_id[r]) != 0) {
            snprintf(err, len, "rule tables differ at %s / %s", d->rule_id[r], s->rule_id[r]);
            return 0;
        }
    }
    return 1;
}

int cs_agg_merge(cs_agg *dst, const cs_agg *src, char *err, size_t errlen) {
    char ignored[8];
    if (err == NULL) {
        err = ignored;
        errlen = sizeof ignored;
    }
    /* The workers of one scan share `seen` and hold parts of the same shard. */
    int same_scan = dst->seen != NULL && dst->seen == src->seen;
    if (!same_scan && !cs_agg_compatible(dst, src, err, errlen)) {
        return 0;
    }
    snprintf(err, errlen, "out of memory");
    uint32_t *map = malloc((src->num_cas ? src->num_cas : 1) * sizeof *map);
    if (map == NULL) {
        return 0;
    }
    int ok = 1;
    for (size_t i = 0; ok && i < src->num_cas; i++) {
        const cs_agg_ca *c = &src->cas[i];
        long d = cs_agg_ca_intern(dst, c->issuer_der, c->issuer_len, c->aki, c->aki_len, c->has_aki,
                                  NULL, c->name);
        ok = d >= 0;
        map[i] = (uint32_t)d;
    }
    for (size_t i = 0; ok && i < src->cells.len; i++) {
        uint64_t k0 = src->cells.keys[i].k0;
        k0 = ((uint64_t)map[CS_AGG_K0_CA(k0)] << 32) | (k0 & 0xFFFFFFFFu);
        const cs_agg_cell *s = cs_amap_val(&src->cells, i);
        cs_agg_cell *d = cs_amap_get(&dst->cells, k0, 0);
        if ((ok = d != NULL)) {
            d->scanned += s->scanned;
            d->with_any += s->with_any;
            d->findings += s->findings;
            for (unsigned k = 0; k < CS_SEV_COUNT; k++) {
                d->with_sev[k] += s->with_sev[k];
            }
        }
    }
    for (size_t i = 0; ok && i < src->cellrules.len; i++) {
        uint64_t k0 = src->cellrules.keys[i].k0;
        k0 = ((uint64_t)map[CS_AGG_K0_CA(k0)] << 32) | (k0 & 0xFFFFFFFFu);
        uint64_t *d = cs_amap_get(&dst->cellrules, k0, src->cellrules.keys[i].k1);
        if ((ok = d != NULL)) {
            *d += *(const uint64_t *)cs_amap_val(&src->cellrules, i);
        }
    }
    if (src->cfg.samples < dst->cfg.samples) {
        dst->cfg.samples = src->cfg.samples; /* min: the bound both honour */
        for (size_t i = 0; i < dst->carules.len; i++) {
            cs_agg_carule *cr = cs_amap_val(&dst->carules, i);
            if (cr->num_samples > dst->cfg.samples) {
                cr->num_samples = dst->cfg.samples;
            }
        }
    }
    for (size_t i = 0; ok && i < src->carules.len; i++) {
        uint64_t k0 = src->carules.keys[i].k0;
        k0 = ((uint64_t)map[CS_AGG_K0_CA(k0)] << 32) | (k0 & 0xFFFFFFFFu);
        const cs_agg_carule *s = cs_amap_val(&src->carules, i);
        cs_agg_carule *d = cs_amap_get(&dst->carules, k0, 0);
        if (!(ok = d != NULL) || s->count == 0) {
            continue;
        }
        if (d->count == 0 || s->first_nb < d->first_nb) {
            d->first_nb = s->first_nb;
        }
        if (d->count == 0 || s->last_nb > d->last_nb) {
            d->last_nb = s->last_nb;
        }
        d->count += s->count;
        for (uint32_t k = 0; ok && k < s->num_samples; k++) {
            ok = cs_agg_carule_sample(dst, d, &s->samples[k]);
        }
    }
    free(map);
    for (size_t i = 0; ok && i < src->num_reasons; i++) {
        const cs_agg_reason *r = &src->reasons[i];
        ok = cs_agg_add_reason(dst, r->key, r->count, r->example, r->example_input,
                               r->example_index);
    }
    for (size_t i = 0; ok && i < src->num_inputs; i++) {
        ok = cs_agg_add_input(dst, src->inputs[i]);
    }
    if (!ok) {
        return 0;
    }
    /* Entries of neither shard: those the one left out minus those the other holds (both
     * read the same corpus). */
    uint64_t src_in = src->tot.parsed + src->tot.rejected;
    uint64_t other = dst->tot.other_shards > src_in ? dst->tot.other_shards - src_in : 0;
    const uint64_t *s = &src->tot.inputs;
    uint64_t *d = &dst->tot.inputs;
    for (size_t k = 0; k < sizeof dst->tot / sizeof(uint64_t); k++) {
        d[k] += s[k];
    }
    if (!same_scan) {
        dst->tot.other_shards = dst->cfg.shard_n != 0 ? other : 0;
    }
    dst->shard_mask_lo |= src->shard_mask_lo;
    if (dst->cfg.shard_n != 0 && dst->cfg.shard_n <= 64 &&
        dst->shard_mask_lo ==
            (dst->cfg.shard_n == 64 ? UINT64_MAX : ((uint64_t)1 << dst->cfg.shard_n) - 1)) {
        /* Every shard is in: the whole corpus, as one unsharded scan would have it. */
        dst->cfg.shard_n = dst->cfg.shard_k = 0;
        dst->shard_mask_lo = 0;
    }
    for (size_t i = 0; i < src->num_surveys; i++) {
        for (size_t j = 0; j < dst->num_surveys; j++) {
            if (dst->surveys[j].ops == src->surveys[i].ops && src->surveys[i].ops->merge != NULL &&
                !src->surveys[i].ops->merge(dst->surveys[j].state, src->surveys[i].state)) {
                snprintf(err, errlen, "out of memory merging survey %s", src->surveys[i].ops->name);
                return 0;
            }
        }
    }
    return 1;
}

/* ---- read access ---- */

size_t cs_agg_num_cas(const cs_agg *a) {
    return a->num_cas;
}

uint64_t cs_agg_ca_scanned(const cs_agg *a, const char *issuer) {
    uint64_t n = 0;
    for (size_t i = 0; i < a->cells.len; i++) {
        if (strcmp(a->cas[CS_AGG_K0_CA(a->cells.keys[i].k0)].name, issuer) == 0) {
            n += ((const cs_agg_cell *)cs_amap_val(&a->cells, i))->scanned;
        }
    }
    return n;
}

uint64_t cs_agg_ca_rule(const cs_agg *a, const char *issuer, size_t rule) {
    uint64_t n = 0;
    for (size_t i = 0; i < a->carules.len; i++) {
        uint64_t k0 = a->carules.keys[i].k0;
        if ((k0 & 0xFFFFFFFFu) == rule && strcmp(a->cas[CS_AGG_K0_CA(k0)].name, issuer) == 0) {
            n += ((const cs_agg_carule *)cs_amap_val(&a->carules, i))->count;
        }
    }
    return n;
}

uint64_t cs_agg_rule_total(const cs_agg *a, size_t rule) {
    uint64_t n = 0;
    for (size_t i = 0; i < a->carules.len; i++) {
        if ((a->carules.keys[i].k0 & 0xFFFFFFFFu) == rule) {
            n += ((const cs_agg_carule *)cs_amap_val(&a->carules, i))->count;
        }
    }
    return n;
}

uint64_t cs_agg_rejected(const cs_agg *a, const char *reason) {
    uint64_t n = 0;
    size_t len = strlen(reason);
    for (size_t i = 0; i < a->num_reasons; i++) {
        const char *k = a->reasons[i].key;
        if (strncmp(k, reason, len) == 0 && (k[len] == '\0' || k[len] == ' ')) {
            n += a->reasons[i].count;
        }
    }
    return n;
}

void cs_agg_get_counted(const cs_agg *a, cs_agg_counted *out) {
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < a->cells.len; i++) {
        out->certificates += ((const cs_agg_cell *)cs_amap_val(&a->cells, i))->scanned;
    }
    out->duplicates = a->tot.duplicates;
    out->precerts_with_final = a->tot.precerts_with_final;
    out->excluded_by_mode = a->tot.excluded_by_mode;
    out->other_shards = a->tot.other_shards;
}
