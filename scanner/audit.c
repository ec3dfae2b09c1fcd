#include "scanner/audit.h"

#include <jansson.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "io/json.h"
#include "io/sha256.h"
#include "scanner/x509_ext.h"

#define CS_AUDIT_NAME_MAX 1024 /* as the aggregate prints issuers */
#define CS_DAY            86400

typedef struct cs_audit_scope {
    char *issuer;
    uint8_t *key_id;
    size_t key_id_len;
    int has_key_id;
    char *profile; /* as cs_facts_profile_name prints it */
    int has_sha256;
    uint8_t sha256[CS_SHA256_LEN];
    unsigned needs; /* CS_NEED_* */
} cs_audit_scope;

enum { CS_NEED_ISSUER = 1, CS_NEED_KEY_ID = 2, CS_NEED_SHA256 = 4 };

typedef struct cs_waiver {
    char *id;
    size_t rule;
    cs_audit_scope scope;
    char *reason;
    char *ticket;
    char expires_text[11];
    int expired;
    atomic_uint_fast64_t waived;       /* findings it waived */
    atomic_uint_fast64_t after_expiry; /* findings it matched after it expired */
} cs_waiver;

typedef struct cs_rule_setting {
    cs_audit_scope scope;
    size_t *rules;
    size_t num_rules;
    int enable;
} cs_rule_setting;

/* Per rule: the waivers and settings naming it, as indices, in file order. */
typedef struct cs_rule_refs {
    size_t *index;
    size_t count;
} cs_rule_refs;

struct cs_audit {
    const cs_ruleset *rules;
    size_t num_rules;
    int64_t now;
    int tbs;
    char *path;
    cs_waiver *waivers;
    size_t num_waivers;
    cs_rule_setting *settings; /* one per (entry, enable|disable) */
    size_t num_settings;
    cs_rule_refs *waivers_of;  /* per rule */
    cs_rule_refs *settings_of; /* per rule */
    atomic_uint_fast64_t findings[CS_SEV_COUNT];
    atomic_uint_fast64_t waived[CS_SEV_COUNT];
    atomic_uint_fast64_t disabled;
    atomic_uint_fast64_t skipped;
};

void cs_audit_free(cs_audit *p);

void cs_audit_reset_counts(cs_audit *p) {
    for (int s = 0; s < CS_SEV_COUNT; s++) {
        atomic_store(&p->findings[s], 0);
        atomic_store(&p->waived[s], 0);
    }
    atomic_store(&p->disabled, 0);
    atomic_store(&p->skipped, 0);
    for (size_t i = 0; i < p->num_waivers; i++) {
        atomic_store(&p->waivers[i].waived, 0);
        atomic_store(&p->waivers[i].after_expiry, 0);
    }
}

cs_audit *cs_audit_new(const cs_ruleset *rules, int64_t now) {
    cs_audit *p = calloc(1, sizeof *p);
    if (p == NULL) {
        return NULL;
    }
    p->rules = rules;
    p->num_rules = cs_ruleset_count(rules);
    p->now = now;
    p->waivers_of = calloc(p->num_rules + 1, sizeof *p->waivers_of);
    p->settings_of = calloc(p->num_rules + 1, sizeof *p->settings_of);
    if (p->waivers_of == NULL || p->settings_of == NULL) {
        cs_audit_free(p);
        return NULL;
    }
    for (int s = 0; s < CS_SEV_COUNT; s++) {
        atomic_init(&p->findings[s], 0);
        atomic_init(&p->waived[s], 0);
    }
    atomic_init(&p->disabled, 0);
    atomic_init(&p->skipped, 0);
    return p;
}

static void cs_scope_free(cs_audit_scope *s) {
    free(s->issuer);
    free(s->key_id);
    free(s->profile);
}

static void cs_refs_free(cs_rule_refs *refs, size_t n) {
    for (size_t i = 0; refs != NULL && i < n; i++) {
        free(refs[i].index);
    }
    free(refs);
}

void cs_audit_free(cs_audit *p) {
    if (p == NULL) {
        return;
    }
    for (size_t i = 0; i < p->num_waivers; i++) {
        cs_waiver *w = &p->waivers[i];
        free(w->id);
        cs_scope_free(&w->scope);
        free(w->reason);
        free(w->ticket);
    }
    for (size_t i = 0; i < p->num_settings; i++) {
        cs_scope_free(&p->settings[i].scope);
        free(p->settings[i].rules);
    }
    free(p->waivers);
    free(p->settings);
    cs_refs_free(p->waivers_of, p->num_rules);
    cs_refs_free(p->settings_of, p->num_rules);
    free(p->path);
    free(p);
}

void cs_audit_set_tbs(cs_audit *p, int tbs) {
    p->tbs = tbs;
}

int cs_audit_tbs(const cs_audit *p) {
    return p != NULL && p->tbs;
}

/* ---- loading ---- */

typedef struct cs_load {
    cs_audit *p;
    char *err;
    size_t errlen;
} cs_load;

static int cs_load_fail(cs_load *l, const char *where, const char *what, const char *arg) {
    snprintf(l->err, l->errlen, "%s: %s: %s%s%s%s", l->p->path, where, what, arg ? " '" : "",
             arg ? arg : "", arg ? "'" : "");
    return 0;
}

static int cs_hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Hex with optional ':' separators (as openssl prints key ids). */
static int cs_parse_hex(const char *text, uint8_t *out, size_t cap, size_t *out_len) {
    size_t n = 0;
    for (const char *s = text; *s != '\0';) {
        if (*s == ':') {
            s++;
            continue;
        }
        int hi = cs_hex_value(s[0]);
        int lo = hi < 0 ? -1 : cs_hex_value(s[1]);
        if (lo < 0 || n == cap) {
            return 0;
        }
        out[n++] = (uint8_t)(hi << 4 | lo);
        s += 2;
    }
    *out_len = n;
    return n > 0;
}

static int cs_parse_scope(cs_load *l, const char *where, json_t *obj, cs_audit_scope *s) {
    if (!json_is_object(obj)) {
        return cs_load_fail(l, where, "scope must be an object", NULL);
    }
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        const char *text = json_string_value(v);
        if (text == NULL) {
            return cs_load_fail(l, where, "scope values are strings; not so for", key);
        }
        if (strcmp(key, "issuer") == 0) {
            s->issuer = strdup(text);
            s->needs |= CS_NEED_ISSUER;
        } else if (strcmp(key, "issuer_key_id") == 0) {
            uint8_t buf[64];
            if (!cs_parse_hex(text, buf, sizeof buf, &s->key_id_len)) {
                return cs_load_fail(l, where, "issuer_key_id is not hex of 1 to 64 octets", text);
            }
            s->key_id = malloc(s->key_id_len);
            if (s->key_id == NULL) {
                return cs_load_fail(l, where, "out of memory", NULL);
            }
            memcpy(s->key_id, buf, s->key_id_len);
            s->has_key_id = 1;
            s->needs |= CS_NEED_KEY_ID;
        } else if (strcmp(key, "profile") == 0) {
            cs_profile prof;
            if (strncmp(text, "pkix.", 5) == 0) {
                static const char *const pkix[] = {"pkix.subscriber", "pkix.ca", "pkix.root",
                                                   "pkix.precert"};
                int known = 0;
                for (size_t i = 0; i < sizeof pkix / sizeof *pkix; i++) {
                    known |= strcmp(text, pkix[i]) == 0;
                }
                if (!known) {
                    return cs_load_fail(l, where, "unknown profile", text);
                }
                s->profile = strdup(text);
            } else if (cs_profile_parse(text, &prof) && prof != CS_PROFILE_PKIX) {
                s->profile = strdup(cs_profile_name(prof));
            } else {
                return cs_load_fail(l, where, "unknown profile", text);
            }
        } else if (strcmp(key, "sha256") == 0) {
            size_t n;
            if (!cs_parse_hex(text, s->sha256, sizeof s->sha256, &n) || n != sizeof s->sha256) {
                return cs_load_fail(l, where, "sha256 is not 64 hex digits", text);
            }
            s->has_sha256 = 1;
            s->needs |= CS_NEED_SHA256;
        } else {
            return cs_load_fail(l, where,
                                "unknown scope key (issuer, issuer_key_id, profile, sha256)", key);
        }
    }
    return 1;
}

static int cs_is_empty_scope(const cs_audit_scope *s) {
    return s->issuer == NULL && !s->has_key_id && s->profile == NULL && !s->has_sha256;
}

static const char *cs_req_string(cs_load *l, const char *where, json_t *obj, const char *key) {
    const char *v = json_string_value(json_object_get(obj, key));
    if (v == NULL || v[0] == '\0') {
        cs_load_fail(l, where, "needs a non-empty string", key);
        return NULL;
    }
    return v;
}

static int cs_check_keys(cs_load *l, const char *where, json_t *obj, const char *const *allowed) {
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        int ok = 0;
        for (size_t i = 0; allowed[i] != NULL; i++) {
            ok |= strcmp(key, allowed[i]) == 0;
        }
        if (!ok) {
            return cs_load_fail(l, where, "unknown key", key);
        }
    }
    return 1;
}

static int cs_parse_waiver(cs_load *l, size_t index, json_t *obj, cs_waiver *w) {
    char where[64];
    snprintf(where, sizeof where, "waivers[%zu]", index);
    static const char *const keys[] = {"id", "rule", "scope", "reason", "ticket", "expires", NULL};
    if (!json_is_object(obj)) {
        return cs_load_fail(l, where, "must be an object", NULL);
    }
    if (!cs_check_keys(l, where, obj, keys)) {
        return 0;
    }
    const char *rule = cs_req_string(l, where, obj, "rule");
    const char *reason = rule ? cs_req_string(l, where, obj, "reason") : NULL;
    const char *ticket = reason ? cs_req_string(l, where, obj, "ticket") : NULL;
    const char *expires = ticket ? cs_req_string(l, where, obj, "expires") : NULL;
    if (expires == NULL) {
        return 0;
    }
    long r = cs_ruleset_find(l->p->rules, rule);
    if (r < 0) {
        return cs_load_fail(l, where, "unknown rule", rule);
    }
    int64_t day;
    if (strlen(expires) != 10 || !cs_parse_date(expires, &day)) {
        return cs_load_fail(l, where, "expires is not YYYY-MM-DD", expires);
    }
    json_t *scope = json_object_get(obj, "scope");
    if (scope == NULL) {
        return cs_load_fail(l, where, "needs a scope", NULL);
    }
    if (!cs_parse_scope(l, where, scope, &w->scope)) {
        return 0;
    }
    if (cs_is_empty_scope(&w->scope)) {
        return cs_load_fail(l, where,
                            "the scope names no CA, profile or certificate (to turn a rule off "
                            "everywhere, disable it under \"rules\")",
                            NULL);
    }
    const char *id = json_string_value(json_object_get(obj, "id"));
    w->id = id != NULL ? strdup(id) : strdup(where);
    w->rule = (size_t)r;
    w->reason = strdup(reason);
    w->ticket = strdup(ticket);
    memcpy(w->expires_text, expires, 11);
    /* A waiver holds through its expiry day (UTC). */
    w->expired = l->p->now >= day + CS_DAY;
    atomic_init(&w->waived, 0);
    atomic_init(&w->after_expiry, 0);
    if (w->id == NULL || w->reason == NULL || w->ticket == NULL) {
        return cs_load_fail(l, where, "out of memory", NULL);
    }
    return 1;
}

static int cs_parse_setting_list(cs_load *l, const char *where, json_t *list, int enable,
                                 json_t *scope_obj, cs_rule_setting *out) {
    if (!json_is_array(list)) {
        return cs_load_fail(l, where,
                            enable ? "enable must be a list of rule ids"
                                   : "disable must be a list of rule ids",
                            NULL);
    }
    out->enable = enable;
    out->rules = calloc(json_array_size(list) + 1, sizeof *out->rules);
    if (out->rules == NULL) {
        return cs_load_fail(l, where, "out of memory", NULL);
    }
    if (scope_obj != NULL && !cs_parse_scope(l, where, scope_obj, &out->scope)) {
        return 0;
    }
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        const char *id = json_string_value(v);
        long r = id != NULL ? cs_ruleset_find(l->p->rules, id) : -1;
        if (r < 0) {
            return cs_load_fail(l, where, "unknown rule", id != NULL ? id : "(not a string)");
        }
        out->rules[out->num_rules++] = (size_t)r;
    }
    return 1;
}

static int cs_add_ref(cs_rule_refs *refs, size_t index) {
    size_t *n = realloc(refs->index, (refs->count + 1) * sizeof *n);
    if (n == NULL) {
        return 0;
    }
    n[refs->count++] = index;
    refs->index = n;
    return 1;
}

static int cs_audit_index(cs_audit *p) {
    for (size_t i = 0; i < p->num_waivers; i++) {
        if (!cs_add_ref(&p->waivers_of[p->waivers[i].rule], i)) {
            return 0;
        }
    }
    for (size_t i = 0; i < p->num_settings; i++) {
        for (size_t k = 0; k < p->settings[i].num_rules; k++) {
            if (!cs_add_ref(&p->settings_of[p->settings[i].rules[k]], i)) {
                return 0;
            }
        }
    }
    return 1;
}

static int cs_audit_parse(cs_load *l, json_t *root) {
    cs_audit *p = l->p;
    static const char *const top_keys[] = {"waivers", "rules", NULL};
    if (!json_is_object(root)) {
        return cs_load_fail(l, "top level", "must be an object with waivers and rules", NULL);
    }
    if (!cs_check_keys(l, "top level", root, top_keys)) {
        return 0;
    }
    json_t *waivers = json_object_get(root, "waivers");
    json_t *rules = json_object_get(root, "rules");
    if ((waivers != NULL && !json_is_array(waivers)) || (rules != NULL && !json_is_array(rules))) {
        return cs_load_fail(l, "top level", "waivers and rules must be lists", NULL);
    }
    size_t nw = json_array_size(waivers), nr = json_array_size(rules);
    p->waivers = calloc(nw + 1, sizeof *p->waivers);
    p->settings = calloc(2 * nr + 1, sizeof *p->settings);
    if (p->waivers == NULL || p->settings == NULL) {
        return cs_load_fail(l, "top level", "out of memory", NULL);
    }
    size_t i;
    json_t *v;
    json_array_foreach(waivers, i, v) {
        p->num_waivers++;
        if (!cs_parse_waiver(l, i, v, &p->waivers[i])) {
            return 0;
        }
    }
    json_array_foreach(rules, i, v) {
        char where[64];
        snprintf(where, sizeof where, "rules[%zu]", i);
        static const char *const keys[] = {"scope", "disable", "enable", "comment", NULL};
        if (!json_is_object(v)) {
            return cs_load_fail(l, where, "must be an object", NULL);
        }
        if (!cs_check_keys(l, where, v, keys)) {
            return 0;
        }
        json_t *scope = json_object_get(v, "scope");
        json_t *disable = json_object_get(v, "disable");
        json_t *enable = json_object_get(v, "enable");
        if (disable == NULL && enable == NULL) {
            return cs_load_fail(l, where, "needs disable or enable", NULL);
        }
        /* Within one entry, disable first and enable after: "enable" wins for a rule in
         * both, as a later entry would. */
        if (disable != NULL &&
            (p->num_settings++, !cs_parse_setting_list(l, where, disable, 0, scope,
                                                       &p->settings[p->num_settings - 1]))) {
            return 0;
        }
        if (enable != NULL &&
            (p->num_settings++, !cs_parse_setting_list(l, where, enable, 1, scope,
                                                       &p->settings[p->num_settings - 1]))) {
            return 0;
        }
    }
    if (!cs_audit_index(p)) {
        return cs_load_fail(l, "top level", "out of memory", NULL);
    }
    return 1;
}

int cs_audit_load(cs_audit *p, const char *path, char *errbuf, size_t errlen) {
    if (p->path != NULL || (p->path = strdup(path)) == NULL) {
        snprintf(errbuf, errlen, "%s: %s", path,
                 p->path != NULL ? "only one policy file" : "out of memory");
        return 0;
    }
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        snprintf(errbuf, errlen, "%s: line %d, column %d: %s", path, jerr.line, jerr.column,
                 jerr.text);
        return 0;
    }
    cs_load l = {p, errbuf, errlen};
    int ok = cs_audit_parse(&l, root);
    json_decref(root);
    return ok;
}

/* ---- applying ---- */

/* What a scope may ask of a certificate, computed once per lane and only when asked. */
typedef struct cs_lane_ctx {
    unsigned have;
    int has_key_id;
    cs_der key_id;
    uint8_t sha256[CS_SHA256_LEN];
    char issuer[CS_AUDIT_NAME_MAX];
} cs_lane_ctx;

static void cs_lane_fill(const cs_scan_batch *b, unsigned lane, unsigned needs, cs_lane_ctx *c) {
    const cs_x509 *x = b->batch.x509[lane];
    unsigned missing = needs & ~c->have;
    if (missing & CS_NEED_ISSUER) {
        cs_x509_name_to_string(&x->issuer, c->issuer, sizeof c->issuer);
    }
    if (missing & CS_NEED_KEY_ID) {
        int i = cs_x509_find_ext(x, CS_EXT_AUTHORITY_KEY_ID);
        cs_aki aki;
        cs_der_error err = {.base = x->der.ptr};
        c->has_key_id = i >= 0 && cs_decode_aki(x->ext[i].value, &aki, &err) && aki.has_key_id;
        if (c->has_key_id) {
            c->key_id = aki.key_id;
        }
    }
    if (missing & CS_NEED_SHA256) {
        cs_sha256(b->item[lane].der, b->item[lane].der_len, c->sha256);
    }
    c->have |= needs;
}

static int cs_scope_match(const cs_audit_scope *s, const cs_scan_batch *b, unsigned lane,
                          cs_lane_ctx *c) {
    if (s->profile != NULL &&
        strcmp(s->profile, cs_facts_profile_name(&b->batch.facts[lane])) != 0) {
        return 0;
    }
    if (s->needs == 0) {
        return 1;
    }
    cs_lane_fill(b, lane, s->needs, c);
    if (s->issuer != NULL && strcmp(s->issuer, c->issuer) != 0) {
        return 0;
    }
    if (s->has_key_id && (!c->has_key_id || c->key_id.len != s->key_id_len ||
                          memcmp(c->key_id.ptr, s->key_id, s->key_id_len) != 0)) {
        return 0;
    }
    return !s->has_sha256 || memcmp(s->sha256, c->sha256, sizeof c->sha256) == 0;
}

/* 1 when the last setting naming rule `r` that matches the lane disables it. */
static int cs_disabled(const cs_audit *p, size_t r, const cs_scan_batch *b, unsigned lane,
                       cs_lane_ctx *c) {
    const cs_rule_refs *refs = &p->settings_of[r];
    for (size_t k = refs->count; k-- > 0;) {
        const cs_rule_setting *s = &p->settings[refs->index[k]];
        if (cs_scope_match(&s->scope, b, lane, c)) {
            return !s->enable;
        }
    }
    return 0;
}

/* The first current waiver of rule `r` matching the lane; counts expired ones met first. */
static cs_waiver *cs_find_waiver(const cs_audit *p, size_t r, const cs_scan_batch *b, unsigned lane,
                                 cs_lane_ctx *c, int count_expired) {
    const cs_rule_refs *refs = &p->waivers_of[r];
    for (size_t k = 0; k < refs->count; k++) {
        cs_waiver *w = &p->waivers[refs->index[k]];
        if (!cs_scope_match(&w->scope, b, lane, c)) {
            continue;
        }
        if (!w->expired) {
            return w;
        }
        if (count_expired) {
            atomic_fetch_add_explicit(&w->after_expiry, 1, memory_order_relaxed);
        }
    }
    return NULL;
}

void cs_audit_apply(cs_audit *p, cs_scan_batch *b) {
    if (p == NULL) {
        return;
    }
    uint64_t findings[CS_SEV_COUNT] = {0}, waived[CS_SEV_COUNT] = {0}, disabled = 0, skipped = 0;
    cs_lane_ctx *ctx = NULL; /* made on first need: 64 issuer strings are 64 KiB */
    uint64_t ctx_ready = 0;
    int oom = 0;
    for (size_t r = 0; r < p->num_rules; r++) {
        const cs_rule *rule = cs_ruleset_rule(p->rules, r);
        b->waived[r] = 0;
        if (p->tbs && rule->needs_signature) {
            skipped += (uint64_t)__builtin_popcountll(b->batch.valid);
            b->fail[r] = 0;
            continue;
        }
        uint64_t fail = b->fail[r];
        if (fail != 0 && (p->settings_of[r].count != 0 || p->waivers_of[r].count != 0) &&
            ctx == NULL && !oom) {
            ctx = malloc(CS_BATCH_LANES * sizeof *ctx);
            oom = ctx == NULL;
        }
        if (fail != 0 && ctx != NULL &&
            (p->settings_of[r].count != 0 || p->waivers_of[r].count != 0)) {
            uint64_t wv = 0;
            for (uint64_t l = fail; l != 0; l &= l - 1) {
                unsigned lane = (unsigned)__builtin_ctzll(l);
                uint64_t bit = (uint64_t)1 << lane;
                if (!(ctx_ready & bit)) {
                    ctx[lane].have = 0;
                    ctx_ready |= bit;
                }
                if (p->settings_of[r].count != 0 && cs_disabled(p, r, b, lane, &ctx[lane])) {
                    fail &= ~bit;
                    disabled++;
                    continue;
                }
                cs_waiver *w = cs_find_waiver(p, r, b, lane, &ctx[lane], 1);
                if (w != NULL) {
                    atomic_fetch_add_explicit(&w->waived, 1, memory_order_relaxed);
                    fail &= ~bit;
                    wv |= bit;
                }
            }
            b->fail[r] = fail;
            b->waived[r] = wv;
            waived[rule->severity] += (uint64_t)__builtin_popcountll(wv);
        }
        findings[rule->severity] += (uint64_t)__builtin_popcountll(fail);
    }
    free(ctx);
    for (int s = 0; s < CS_SEV_COUNT; s++) {
        atomic_fetch_add_explicit(&p->findings[s], findings[s], memory_order_relaxed);
        atomic_fetch_add_explicit(&p->waived[s], waived[s], memory_order_relaxed);
    }
    atomic_fetch_add_explicit(&p->disabled, disabled, memory_order_relaxed);
    atomic_fetch_add_explicit(&p->skipped, skipped, memory_order_relaxed);
}

int cs_audit_waiver_for(const cs_audit *p, const cs_scan_batch *b, unsigned lane, size_t rule,
                        cs_waiver_info *out) {
    if (p == NULL || rule >= p->num_rules) {
        return 0;
    }
    cs_lane_ctx ctx;
    ctx.have = 0;
    const cs_waiver *w = cs_find_waiver(p, rule, b, lane, &ctx, 0);
    if (w == NULL) {
        return 0;
    }
    *out = (cs_waiver_info){w->id, w->reason, w->ticket, w->expires_text};
    return 1;
}

/* ---- reporting ---- */

static uint64_t cs_load_counter(const atomic_uint_fast64_t *c) {
    return atomic_load_explicit(c, memory_order_relaxed);
}

void cs_audit_totals_get(const cs_audit *p, cs_audit_totals *out) {
    memset(out, 0, sizeof *out);
    for (int s = 0; s < CS_SEV_COUNT; s++) {
        out->findings[s] = cs_load_counter(&p->findings[s]);
        out->waived[s] = cs_load_counter(&p->waived[s]);
    }
    out->disabled = cs_load_counter(&p->disabled);
    out->skipped = cs_load_counter(&p->skipped);
    out->num_waivers = p->num_waivers;
    for (size_t i = 0; i < p->num_waivers; i++) {
        const cs_waiver *w = &p->waivers[i];
        out->num_expired += (size_t)w->expired;
        out->num_stale += (size_t)(!w->expired && cs_load_counter(&w->waived) == 0);
    }
}

static const char *cs_waiver_status(const cs_waiver *w) {
    if (w->expired) {
        return "expired";
    }
    return cs_load_counter(&w->waived) == 0 ? "stale" : "active";
}

void cs_audit_report_text(FILE *out, const cs_audit *p) {
    cs_audit_totals t;
    cs_audit_totals_get(p, &t);
    if (p->path == NULL && t.skipped == 0) {
        return;
    }
    fprintf(out, "\nPolicy%s%s%s\n", p->path ? " (" : "", p->path ? p->path : "",
            p->path ? ")" : "");
    fprintf(out, "  findings waived:   %llu (error %llu, warning %llu, notice %llu)\n",
            (unsigned long long)(t.waived[0] + t.waived[1] + t.waived[2]),
            (unsigned long long)t.waived[CS_SEV_ERROR],
            (unsigned long long)t.waived[CS_SEV_WARNING],
            (unsigned long long)t.waived[CS_SEV_NOTICE]);
    fprintf(out, "  findings of rules disabled by the policy: %llu\n",
            (unsigned long long)t.disabled);
    if (t.skipped != 0) {
        fprintf(out, "  signature rules skipped (%s): %llu\n", "--tbs",
                (unsigned long long)t.skipped);
    }
    static const char *const heads[] = {"active", "expired", "stale"};
    static const char *const titles[] = {"Waivers in use",
                                         "Expired waivers (no longer waive: renew or fix)",
                                         "Stale waivers (matched no finding: remove them)"};
    for (size_t h = 0; h < 3; h++) {
        int shown = 0;
        for (size_t i = 0; i < p->num_waivers; i++) {
            const cs_waiver *w = &p->waivers[i];
            if (strcmp(cs_waiver_status(w), heads[h]) != 0) {
                continue;
            }
            if (!shown++) {
                fprintf(out, "  %s:\n", titles[h]);
            }
            const cs_rule *rule = cs_ruleset_rule(p->rules, w->rule);
            fprintf(out, "    %s  %s  ticket %s  expires %s", w->id, rule->id, w->ticket,
                    w->expires_text);
            if (h == 0) {
                fprintf(out, "  waived %llu", (unsigned long long)cs_load_counter(&w->waived));
            } else if (h == 1) {
                fprintf(out, "  findings it would have waived: %llu",
                        (unsigned long long)cs_load_counter(&w->after_expiry));
            }
            fputc('\n', out);
        }
    }
}

void cs_audit_report_json(FILE *out, const cs_audit *p) {
    cs_audit_totals t;
    cs_audit_totals_get(p, &t);
    fputs("{\"file\":", out);
    if (p->path != NULL) {
        cs_json_string(out, p->path);
    } else {
        fputs("null", out);
    }
    fprintf(out,
            ",\"waived\":{\"error\":%llu,\"warning\":%llu,\"notice\":%llu},\"disabled\":%llu,"
            "\"skipped_no_signature\":%llu,\"waivers\":[",
            (unsigned long long)t.waived[CS_SEV_ERROR],
            (unsigned long long)t.waived[CS_SEV_WARNING],
            (unsigned long long)t.waived[CS_SEV_NOTICE], (unsigned long long)t.disabled,
            (unsigned long long)t.skipped);
    for (size_t i = 0; i < p->num_waivers; i++) {
        const cs_waiver *w = &p->waivers[i];
        fputs(i ? ",{\"id\":" : "{\"id\":", out);
        cs_json_string(out, w->id);
        fputs(",\"rule\":", out);
        cs_json_string(out, cs_ruleset_rule(p->rules, w->rule)->id);
        fputs(",\"ticket\":", out);
        cs_json_string(out, w->ticket);
        fprintf(out,
                ",\"expires\":\"%s\",\"status\":\"%s\",\"waived\":%llu,"
                "\"matched_after_expiry\":%llu}",
                w->expires_text, cs_waiver_status(w),
                (unsigned long long)cs_load_counter(&w->waived),
                (unsigned long long)cs_load_counter(&w->after_expiry));
    }
    fputs("]}", out);
}
