#include "scanner/survey.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "scanner/survey_internal.h"
#include "scanner/x509_ext.h"

#define CS_SV_NAME_MAX 1024

/* ---- names ---- */

const char *cs_sv_type_name(unsigned type) {
    static const char *const pkix[] = {"pkix.subscriber", "pkix.ca", "pkix.root", "pkix.precert"};
    if (type < CS_SV_TYPE_PKIX_SUBSCRIBER) {
        return cs_profile_name((cs_profile)(type + CS_PROFILE_SMIME_UNDETERMINED));
    }
    return type < CS_SV_TYPES ? pkix[type - CS_SV_TYPE_PKIX_SUBSCRIBER] : "unknown";
}

const char *cs_sv_key_name(unsigned key) {
    static const char *const names[CS_SV_KEYS] = {
        "other",      "RSA<2048",   "RSA-2048",    "RSA-3072",  "RSA-4096",  "RSA-other",
        "RSASSA-PSS", "P-256",      "P-384",       "P-521",     "EC-other",  "Ed25519",
        "Ed448",      "X25519",     "X448",        "ML-DSA-44", "ML-DSA-65", "ML-DSA-87",
        "ML-KEM-512", "ML-KEM-768", "ML-KEM-1024", "DSA"};
    return key < CS_SV_KEYS ? names[key] : "other";
}

const char *cs_sv_eku_name(unsigned eku) {
    static const char *const names[CS_SV_EKUS] = {
        "absent", "email", "email+client", "email+client+other", "email+other", "no-email"};
    return eku < CS_SV_EKUS ? names[eku] : "absent";
}

const char *cs_sv_validity_name(unsigned bucket) {
    static const char *const names[CS_SV_VALIDITY] = {"<=90d",  "<=180d", "<=365d",  "<=398d",
                                                      "<=730d", "<=825d", "<=1185d", "<=5y",
                                                      "<=10y",  ">10y"};
    return bucket < CS_SV_VALIDITY ? names[bucket] : ">10y";
}

const char *cs_sv_flag_name(unsigned flag) {
    static const char *const names[] = {"cn_only_mailbox", "pseudonym", "country_xx"};
    return flag < 3 ? names[flag] : "";
}

void cs_sv_month_name(unsigned month, char *buf, size_t len) {
    snprintf(buf, len, "%04u-%02u", CS_SV_MONTH_FIRST_YEAR + month / 12, month % 12 + 1);
}

/* ---- classification of one certificate ---- */

static unsigned cs_sv_type_of(const cs_facts *f) {
    if (f->profile != CS_PROFILE_PKIX) {
        return (unsigned)f->profile - CS_PROFILE_SMIME_UNDETERMINED;
    }
    if (f->precert) {
        return CS_SV_TYPE_PKIX_PRECERT;
    }
    return f->kind == CS_KIND_ROOT ? CS_SV_TYPE_PKIX_ROOT
           : f->kind == CS_KIND_CA ? CS_SV_TYPE_PKIX_CA
                                   : CS_SV_TYPE_PKIX_SUBSCRIBER;
}

static unsigned cs_sv_key_of(const cs_x509_spki *k) {
    switch (k->type) {
    case CS_KEY_RSA:
        if (!k->key_parsed) {
            return CS_SV_KEY_OTHER;
        }
        return k->bits < 2048    ? CS_SV_KEY_RSA_SMALL
               : k->bits == 2048 ? CS_SV_KEY_RSA_2048
               : k->bits == 3072 ? CS_SV_KEY_RSA_3072
               : k->bits == 4096 ? CS_SV_KEY_RSA_4096
                                 : CS_SV_KEY_RSA_OTHER;
    case CS_KEY_RSA_PSS:
        return CS_SV_KEY_RSA_PSS;
    case CS_KEY_EC:
        return k->curve == CS_CURVE_P256   ? CS_SV_KEY_P256
               : k->curve == CS_CURVE_P384 ? CS_SV_KEY_P384
               : k->curve == CS_CURVE_P521 ? CS_SV_KEY_P521
                                           : CS_SV_KEY_EC_OTHER;
    case CS_KEY_ED25519:
        return CS_SV_KEY_ED25519;
    case CS_KEY_ED448:
        return CS_SV_KEY_ED448;
    case CS_KEY_X25519:
        return CS_SV_KEY_X25519;
    case CS_KEY_X448:
        return CS_SV_KEY_X448;
    case CS_KEY_DSA:
        return CS_SV_KEY_DSA;
    default:
        break;
    }
    switch (k->alg.id) {
    case CS_ALG_ML_DSA_44:
        return CS_SV_KEY_ML_DSA_44;
    case CS_ALG_ML_DSA_65:
        return CS_SV_KEY_ML_DSA_65;
    case CS_ALG_ML_DSA_87:
        return CS_SV_KEY_ML_DSA_87;
    case CS_ALG_ML_KEM_512:
        return CS_SV_KEY_ML_KEM_512;
    case CS_ALG_ML_KEM_768:
        return CS_SV_KEY_ML_KEM_768;
    case CS_ALG_ML_KEM_1024:
        return CS_SV_KEY_ML_KEM_1024;
    default:
        return CS_SV_KEY_OTHER;
    }
}

/* The EKU classes of the S/MIME area (cs_smext_eku_combo), for every certificate: that area
 * computes them for S/MIME subscribers only. */
static unsigned cs_sv_eku_of(const cs_facts *f) {
    if (!cs_facts_has(f, CS_COL_EXT_PRESENT + CS_EXT_EXT_KEY_USAGE)) {
        return CS_SMEXT_EKU_ABSENT;
    }
    uint32_t m = f->eku_mask;
    uint32_t email = (uint32_t)1 << CS_EKU_EMAIL_PROTECTION;
    uint32_t client = (uint32_t)1 << CS_EKU_CLIENT_AUTH;
    if ((f->ext_malformed & ((uint64_t)1 << CS_EXT_EXT_KEY_USAGE)) || !(m & email)) {
        return CS_SMEXT_EKU_NO_EMAIL;
    }
    uint32_t others = m & ~(email | client);
    return (m & client) && others ? CS_SMEXT_EKU_EMAIL_CLIENT_OTHER
           : (m & client)         ? CS_SMEXT_EKU_EMAIL_CLIENT
           : others               ? CS_SMEXT_EKU_EMAIL_OTHER
                                  : CS_SMEXT_EKU_EMAIL_ONLY;
}

static unsigned cs_sv_validity_of(const cs_facts *f) {
    /* Inclusive, as the S/MIME area counts it (RFC 5280: both ends belong to the period). */
    static const int64_t upper_days[CS_SV_VALIDITY - 1] = {90,  180,  365,  398, 730,
                                                           825, 1185, 1826, 3653};
    int64_t secs = f->not_after - f->not_before + 1;
    int64_t days = secs <= 0 ? 0 : (secs + 86399) / 86400;
    for (unsigned i = 0; i < CS_SV_VALIDITY - 1; i++) {
        if (days <= upper_days[i]) {
            return i;
        }
    }
    return CS_SV_VALIDITY - 1;
}

static unsigned cs_sv_month_of(int64_t epoch) {
    /* Days to civil date (H. Hinnant's algorithm), proleptic Gregorian. */
    int64_t z = (epoch >= 0 ? epoch : epoch - 86399) / 86400 + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t month = mp < 10 ? mp + 3 : mp - 9;
    int64_t year = yoe + era * 400 + (month <= 2);
    int64_t index = (year - CS_SV_MONTH_FIRST_YEAR) * 12 + (month - 1);
    return index < 0 ? 0 : index >= CS_SV_MONTHS ? CS_SV_MONTHS - 1 : (unsigned)index;
}

/* ---- CAs ---- */

static uint64_t cs_sv_ca_hash(const uint8_t *issuer, size_t issuer_len, const uint8_t *aki,
                              size_t aki_len) {
    XXH64_hash_t h = XXH3_64bits(issuer, issuer_len);
    return XXH3_64bits_withSeed(aki, aki_len, h);
}

static void cs_sv_ca_free(cs_sv_ca *c) {
    free(c->issuer_der);
    free(c->aki);
    free(c->name);
    free(c);
}

static int cs_sv_ca_grow(cs_survey *s) {
    size_t cap = s->ca_cap ? s->ca_cap * 2 : 64;
    cs_sv_ca **cas = calloc(cap, sizeof *cas);
    if (cas == NULL) {
        return 0;
    }
    for (size_t i = 0; i < s->ca_cap; i++) {
        if (s->cas[i] != NULL) {
            size_t j = s->cas[i]->hash & (cap - 1);
            while (cas[j] != NULL) {
                j = (j + 1) & (cap - 1);
            }
            cas[j] = s->cas[i];
        }
    }
    free(s->cas);
    s->cas = cas;
    s->ca_cap = cap;
    return 1;
}

cs_sv_ca *cs_sv_ca_find(cs_survey *s, const uint8_t *issuer, size_t issuer_len, const uint8_t *aki,
                        size_t aki_len, const char *name) {
    if ((s->ca_count + 1) * 2 > s->ca_cap && !cs_sv_ca_grow(s)) {
        return NULL;
    }
    uint64_t h = cs_sv_ca_hash(issuer, issuer_len, aki, aki_len);
    size_t j = h & (s->ca_cap - 1);
    for (; s->cas[j] != NULL; j = (j + 1) & (s->ca_cap - 1)) {
        cs_sv_ca *c = s->cas[j];
        if (c->hash == h && c->issuer_len == issuer_len && c->aki_len == aki_len &&
            memcmp(c->issuer_der, issuer, issuer_len) == 0 &&
            (aki_len == 0 || memcmp(c->aki, aki, aki_len) == 0)) {
            return c;
        }
    }
    cs_sv_ca *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return NULL;
    }
    c->issuer_der = malloc(issuer_len ? issuer_len : 1);
    c->aki = malloc(aki_len ? aki_len : 1);
    c->name = strdup(name);
    if (c->issuer_der == NULL || c->aki == NULL || c->name == NULL) {
        cs_sv_ca_free(c);
        return NULL;
    }
    if (issuer_len) {
        memcpy(c->issuer_der, issuer, issuer_len);
    }
    if (aki_len) {
        memcpy(c->aki, aki, aki_len);
    }
    c->issuer_len = issuer_len;
    c->aki_len = aki_len;
    c->hash = h;
    s->cas[j] = c;
    s->ca_count++;
    return c;
}

const cs_sv_ca *cs_sv_ca_by_hash(const cs_survey *s, uint64_t hash) {
    if (s->ca_cap == 0) {
        return NULL;
    }
    for (size_t j = hash & (s->ca_cap - 1); s->cas[j] != NULL; j = (j + 1) & (s->ca_cap - 1)) {
        if (s->cas[j]->hash == hash) {
            return s->cas[j];
        }
    }
    return NULL;
}

cs_sv_month *cs_sv_month_get(cs_survey *s, unsigned month) {
    if (s->months[month] == NULL) {
        s->months[month] = calloc(1, sizeof *s->months[month]);
    }
    return s->months[month];
}

/* ---- bounded key tables ---- */

static int cs_sv_keys_kept(const cs_sv_keys *t, uint64_t h0) {
    return t->level == 0 || (h0 >> (64 - t->level)) == 0;
}

static void cs_sv_keys_free(cs_sv_keys *t) {
    for (size_t i = 0; i < t->cap; i++) {
        free(t->slot[i].subject);
    }
    free(t->slot);
    t->slot = NULL;
    t->cap = t->len = 0;
}

/* Rebuilds the table with `cap` slots, dropping the keys outside the sample. */
static int cs_sv_keys_rebuild(cs_sv_keys *t, size_t cap) {
    cs_sv_key *fresh = calloc(cap, sizeof *fresh);
    if (fresh == NULL) {
        return 0;
    }
    size_t len = 0;
    for (size_t i = 0; i < t->cap; i++) {
        cs_sv_key *k = &t->slot[i];
        if (!k->used) {
            continue;
        }
        if (!cs_sv_keys_kept(t, k->h0)) {
            free(k->subject);
            continue;
        }
        size_t j = k->h1 & (cap - 1);
        while (fresh[j].used) {
            j = (j + 1) & (cap - 1);
        }
        fresh[j] = *k;
        len++;
    }
    free(t->slot);
    t->slot = fresh;
    t->cap = cap;
    t->len = len;
    return 1;
}

int cs_sv_keys_set_level(cs_sv_keys *t, unsigned level) {
    if (level <= t->level) {
        return 1;
    }
    t->level = level > 64 ? 64 : level;
    return t->cap == 0 || cs_sv_keys_rebuild(t, t->cap);
}

/* Merges the smallest distinct non-zero hashes of `src` into `dst` (both ascending, n each). */
static void cs_sv_set_merge(uint64_t *dst, const uint64_t *src, size_t n) {
    uint64_t out[CS_SV_SET];
    size_t a = 0, b = 0, k = 0;
    while (k < n) {
        uint64_t x = a < n && dst[a] != 0 ? dst[a] : UINT64_MAX;
        uint64_t y = b < n && src[b] != 0 ? src[b] : UINT64_MAX;
        uint64_t m = x < y ? x : y;
        if (m == UINT64_MAX) {
            break;
        }
        out[k++] = m;
        a += x == m;
        b += y == m;
    }
    for (size_t i = 0; i < n; i++) {
        dst[i] = i < k ? out[i] : 0;
    }
}

int cs_sv_keys_add(cs_sv_keys *t, const cs_sv_key *k, size_t set_halves) {
    if (!cs_sv_keys_kept(t, k->h0)) {
        return 1;
    }
    if (t->cap == 0 && !cs_sv_keys_rebuild(t, 256)) {
        return 0;
    }
    size_t j = k->h1 & (t->cap - 1);
    for (; t->slot[j].used; j = (j + 1) & (t->cap - 1)) {
        cs_sv_key *d = &t->slot[j];
        if (d->h0 == k->h0 && d->h1 == k->h1) {
            d->certs += k->certs;
            size_t half = CS_SV_SET / set_halves;
            for (size_t p = 0; p < set_halves; p++) {
                cs_sv_set_merge(d->set + p * half, k->set + p * half, half);
            }
            /* Two encodings hashing alike is not expected; keep the smaller text so the result
             * does not depend on the order. */
            if (k->subject != NULL && (d->subject == NULL || strcmp(k->subject, d->subject) < 0)) {
                char *copy = strdup(k->subject);
                if (copy == NULL) {
                    return 0;
                }
                free(d->subject);
                d->subject = copy;
            }
            return 1;
        }
    }
    cs_sv_key *d = &t->slot[j];
    *d = *k;
    d->used = 1;
    d->subject = NULL;
    if (k->subject != NULL && (d->subject = strdup(k->subject)) == NULL) {
        d->used = 0;
        return 0;
    }
    t->len++;
    while (t->len > t->limit) {
        /* Over the limit: halve the sample. The kept keys stay exact; see survey.h. */
        t->level++;
        if (!cs_sv_keys_rebuild(t, t->cap)) {
            return 0;
        }
    }
    if (t->len * 4 > t->cap * 3 || (t->len * 2 > t->cap && t->cap < 1024)) {
        return cs_sv_keys_rebuild(t, t->cap * 2);
    }
    return 1;
}

/* ---- lifecycle ---- */

cs_survey *cs_survey_new(void) {
    cs_survey *s = calloc(1, sizeof *s);
    if (s == NULL) {
        return NULL;
    }
    s->key_limit = CS_SURVEY_KEY_LIMIT;
    s->reuse.limit = s->cross.limit = s->key_limit;
    return s;
}

int cs_survey_set_key_limit(cs_survey *s, size_t limit) {
    if (limit == 0 || s->certs != 0) {
        return 0;
    }
    s->key_limit = s->reuse.limit = s->cross.limit = limit;
    return 1;
}

void cs_survey_free(cs_survey *s) {
    if (s == NULL) {
        return;
    }
    for (size_t i = 0; i < s->ca_cap; i++) {
        if (s->cas[i] != NULL) {
            cs_sv_ca_free(s->cas[i]);
        }
    }
    free(s->cas);
    for (size_t m = 0; m < CS_SV_MONTHS; m++) {
        free(s->months[m]);
    }
    cs_sv_keys_free(&s->reuse);
    cs_sv_keys_free(&s->cross);
    free(s);
}

uint64_t cs_survey_certificates(const cs_survey *s) {
    return s->certs;
}

/* ---- adding certificates ---- */

static uint64_t cs_sv_nonzero(uint64_t h) {
    return h != 0 ? h : 1;
}

static int cs_sv_add_cert(cs_survey *s, const cs_x509 *x, const cs_facts *f) {
    /* The issuing CA: issuer Name and the AKI keyIdentifier (a re-keyed CA is another CA). */
    cs_der aki_id = cs_der_make(NULL, 0);
    int aki_index = cs_x509_find_ext(x, CS_EXT_AUTHORITY_KEY_ID);
    if (aki_index >= 0) {
        cs_aki aki;
        cs_der_error err = {.base = x->der.ptr};
        if (cs_decode_aki(x->ext[aki_index].value, &aki, &err) && aki.has_key_id) {
            aki_id = aki.key_id;
        }
    }
    cs_der issuer = x->issuer.raw;
    uint64_t h = cs_sv_ca_hash(issuer.ptr, issuer.len, aki_id.ptr, aki_id.len);
    cs_sv_ca *ca = NULL;
    /* Look up before naming: the issuer string is written only for a new CA. */
    if (s->ca_cap != 0) {
        for (size_t j = h & (s->ca_cap - 1); s->cas[j] != NULL; j = (j + 1) & (s->ca_cap - 1)) {
            cs_sv_ca *c = s->cas[j];
            if (c->hash == h && c->issuer_len == issuer.len && c->aki_len == aki_id.len &&
                memcmp(c->issuer_der, issuer.ptr, issuer.len) == 0 &&
                (aki_id.len == 0 || memcmp(c->aki, aki_id.ptr, aki_id.len) == 0)) {
                ca = c;
                break;
            }
        }
    }
    if (ca == NULL) {
        char name[CS_SV_NAME_MAX];
        cs_x509_name_to_string(&x->issuer, name, sizeof name);
        ca = cs_sv_ca_find(s, issuer.ptr, issuer.len, aki_id.ptr, aki_id.len, name);
        if (ca == NULL) {
            return 0;
        }
    }

    unsigned type = cs_sv_type_of(f);
    unsigned key = cs_sv_key_of(&x->spki);
    unsigned eku = cs_sv_eku_of(f);
    unsigned validity = cs_sv_validity_of(f);
    s->certs++;
    ca->certs++;
    uint64_t *tc = ca->by_type[type];
    tc[CS_SV_TC_CERTS]++;
    tc[CS_SV_TC_EKU + eku]++;
    tc[CS_SV_TC_CN_ONLY_MAILBOX] += (f->smsubj.survey & CS_SMS_SURVEY_CN_ONLY_MAILBOX) != 0;
    tc[CS_SV_TC_PSEUDONYM] += (f->smsubj.survey & CS_SMS_SURVEY_PSEUDONYM) != 0;
    tc[CS_SV_TC_COUNTRY_XX] += (f->smsubj.survey & CS_SMS_SURVEY_COUNTRY_XX) != 0;
    ca->keys[key]++;
    ca->sigs[x->tbs_sig_alg.id < CS_ALG_COUNT ? x->tbs_sig_alg.id : 0]++;
    ca->validity[validity]++;

    cs_sv_month *m = cs_sv_month_get(s, cs_sv_month_of(f->not_before));
    if (m == NULL) {
        return 0;
    }
    m->types[type]++;
    m->keys[key]++;

    s->type_certs[type]++;
    s->type_validity[type][validity]++;
    uint8_t seen[CS_ATTR_COUNT] = {0};
    for (unsigned i = 0; i < x->subject.num_attrs; i++) {
        unsigned id = x->subject.attr[i].id < CS_ATTR_COUNT ? x->subject.attr[i].id : 0;
        if (!seen[id]) {
            seen[id] = 1;
            s->type_attrs[type][id]++;
        }
    }

    /* Key reuse: every certificate. */
    cs_der spki = x->spki.raw;
    cs_der subject = x->subject.raw;
    XXH128_hash_t kh = XXH3_128bits(spki.ptr, spki.len);
    uint64_t subject_hash = cs_sv_nonzero(XXH3_64bits(subject.ptr, subject.len));
    cs_sv_key k = {.h0 = kh.high64,
                   .h1 = kh.low64,
                   .certs = 1,
                   .set = {subject_hash, 0, cs_sv_nonzero(ca->hash), 0},
                   .key_class = (uint8_t)key};
    if (!cs_sv_keys_add(&s->reuse, &k, 2)) {
        return 0;
    }
    /* Cross-certificates: CA certificates, one subject and key under several issuers. */
    if (f->kind == CS_KIND_CA || f->kind == CS_KIND_ROOT) {
        XXH128_hash_t ch = XXH3_128bits_withSeed(spki.ptr, spki.len, subject_hash);
        cs_sv_key c = {.h0 = ch.high64,
                       .h1 = ch.low64,
                       .certs = 1,
                       .set = {cs_sv_nonzero(ca->hash), 0, 0, 0},
                       .key_class = (uint8_t)key};
        /* The subject text is written only for a key the sample keeps. */
        if (cs_sv_keys_kept(&s->cross, c.h0)) {
            char name[CS_SV_NAME_MAX];
            cs_x509_name_to_string(&x->subject, name, sizeof name);
            c.subject = name;
            if (!cs_sv_keys_add(&s->cross, &c, 1)) {
                return 0;
            }
        }
    }
    return 1;
}

int cs_survey_add_batch(cs_survey *s, const cs_scan_batch *b) {
    return cs_survey_add_lanes(s, b, UINT64_MAX);
}

int cs_survey_add_lanes(cs_survey *s, const cs_scan_batch *b, uint64_t lanes) {
    for (unsigned i = 0; i < b->n; i++) {
        if (((lanes >> i) & 1) && b->item[i].entry->parsed &&
            !cs_sv_add_cert(s, &b->item[i].x509, &b->batch.facts[i])) {
            return 0;
        }
    }
    return 1;
}

/* ---- merging ---- */

static int cs_sv_keys_merge(cs_sv_keys *dst, const cs_sv_keys *src, size_t halves) {
    if (!cs_sv_keys_set_level(dst, src->level)) {
        return 0;
    }
    for (size_t i = 0; i < src->cap; i++) {
        if (src->slot[i].used && !cs_sv_keys_add(dst, &src->slot[i], halves)) {
            return 0;
        }
    }
    return 1;
}

int cs_survey_merge(cs_survey *dst, const cs_survey *src) {
    if (dst->key_limit != src->key_limit) {
        return 0;
    }
    for (size_t i = 0; i < src->ca_cap; i++) {
        const cs_sv_ca *c = src->cas[i];
        if (c == NULL) {
            continue;
        }
        cs_sv_ca *d = cs_sv_ca_find(dst, c->issuer_der, c->issuer_len, c->aki, c->aki_len, c->name);
        if (d == NULL) {
            return 0;
        }
        d->certs += c->certs;
        for (unsigned t = 0; t < CS_SV_TYPES; t++) {
            for (unsigned k = 0; k < CS_SV_TC; k++) {
                d->by_type[t][k] += c->by_type[t][k];
            }
        }
        for (unsigned k = 0; k < CS_SV_KEYS; k++) {
            d->keys[k] += c->keys[k];
        }
        for (unsigned k = 0; k < CS_ALG_COUNT; k++) {
            d->sigs[k] += c->sigs[k];
        }
        for (unsigned k = 0; k < CS_SV_VALIDITY; k++) {
            d->validity[k] += c->validity[k];
        }
    }
    for (unsigned m = 0; m < CS_SV_MONTHS; m++) {
        if (src->months[m] == NULL) {
            continue;
        }
        cs_sv_month *d = cs_sv_month_get(dst, m);
        if (d == NULL) {
            return 0;
        }
        for (unsigned k = 0; k < CS_SV_TYPES; k++) {
            d->types[k] += src->months[m]->types[k];
        }
        for (unsigned k = 0; k < CS_SV_KEYS; k++) {
            d->keys[k] += src->months[m]->keys[k];
        }
    }
    for (unsigned t = 0; t < CS_SV_TYPES; t++) {
        dst->type_certs[t] += src->type_certs[t];
        for (unsigned k = 0; k < CS_SV_VALIDITY; k++) {
            dst->type_validity[t][k] += src->type_validity[t][k];
        }
        for (unsigned k = 0; k < CS_ATTR_COUNT; k++) {
            dst->type_attrs[t][k] += src->type_attrs[t][k];
        }
    }
    dst->certs += src->certs;
    return cs_sv_keys_merge(&dst->reuse, &src->reuse, 2) &&
           cs_sv_keys_merge(&dst->cross, &src->cross, 1);
}
