/* The CBOR aggregate file (`scan --save`, `merge -o`), format certscan-aggregate version 1
 * (docs/report-schema.md): everything the reports need, in the order of the sorted view so the
 * same aggregate always gives the same bytes. Written with libcbor's streaming encoder (no item
 * tree for what may be millions of cells), read back with cbor_load. */
#include <cbor.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/buf.h"
#include "scanner/agg_view.h"

#define CS_AGG_FILE_FORMAT  "certscan-aggregate"
#define CS_AGG_FILE_VERSION 1

/* ---- writing ---- */

static void cs_e_head(cs_buf *b, size_t (*enc)(size_t, unsigned char *, size_t), size_t n) {
    unsigned char tmp[9];
    cs_buf_put(b, tmp, enc(n, tmp, sizeof tmp));
}

static void cs_e_uint(cs_buf *b, uint64_t v) {
    unsigned char tmp[9];
    cs_buf_put(b, tmp, cbor_encode_uint(v, tmp, sizeof tmp));
}

static void cs_e_int(cs_buf *b, int64_t v) {
    unsigned char tmp[9];
    if (v >= 0) {
        cs_buf_put(b, tmp, cbor_encode_uint((uint64_t)v, tmp, sizeof tmp));
    } else {
        cs_buf_put(b, tmp, cbor_encode_negint((uint64_t)(-1 - v), tmp, sizeof tmp));
    }
}

static void cs_e_text(cs_buf *b, const char *s) {
    size_t n = strlen(s);
    cs_e_head(b, cbor_encode_string_start, n);
    cs_buf_put(b, s, n);
}

static void cs_e_bytes(cs_buf *b, const uint8_t *p, size_t n) {
    cs_e_head(b, cbor_encode_bytestring_start, n);
    cs_buf_put(b, p, n);
}

static void cs_e_null(cs_buf *b) {
    unsigned char tmp[1];
    cs_buf_put(b, tmp, cbor_encode_null(tmp, sizeof tmp));
}

static void cs_e_totals(cs_buf *b, const cs_agg_totals *t) {
    cs_e_head(b, cbor_encode_map_start, 10);
    const struct {
        const char *key;
        uint64_t v;
    } f[] = {{"files", t->inputs},
             {"input_errors", t->input_errors},
             {"skipped_pem_blocks", t->skipped_blocks},
             {"bytes", t->bytes},
             {"parsed", t->parsed},
             {"rejected", t->rejected},
             {"other_shards", t->other_shards},
             {"duplicates", t->duplicates},
             {"precerts_with_final", t->precerts_with_final},
             {"excluded_by_count_mode", t->excluded_by_mode}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        cs_e_text(b, f[i].key);
        cs_e_uint(b, f[i].v);
    }
}

static int cs_agg_encode(const cs_agg *a, const cs_view *v, cs_buf *b) {
    cs_e_head(b, cbor_encode_map_start, 16);
    cs_e_text(b, "format");
    cs_e_text(b, CS_AGG_FILE_FORMAT);
    cs_e_text(b, "version");
    cs_e_uint(b, CS_AGG_FILE_VERSION);
    cs_e_text(b, "ruleset");
    cs_e_text(b, a->ruleset_version);
    cs_e_text(b, "rules");
    cs_e_head(b, cbor_encode_array_start, a->num_rules);
    for (size_t r = 0; r < a->num_rules; r++) {
        cs_e_head(b, cbor_encode_array_start, 2);
        cs_e_text(b, a->rule_id[r]);
        cs_e_uint(b, a->rule_sev[r]);
    }
    cs_e_text(b, "count_mode");
    cs_e_text(b, cs_count_mode_name(a->cfg.mode));
    cs_e_text(b, "as_of");
    if (a->cfg.has_as_of) {
        cs_e_int(b, a->cfg.as_of);
    } else {
        cs_e_null(b);
    }
    cs_e_text(b, "samples");
    cs_e_uint(b, a->cfg.samples);
    cs_e_text(b, "shard");
    if (a->cfg.shard_n == 0) {
        cs_e_null(b);
    } else {
        cs_e_head(b, cbor_encode_map_start, 2);
        cs_e_text(b, "n");
        cs_e_uint(b, a->cfg.shard_n);
        cs_e_text(b, "k");
        cs_e_head(b, cbor_encode_array_start, (size_t)__builtin_popcountll(a->shard_mask_lo));
        for (unsigned k = 0; k < 64; k++) {
            if (a->shard_mask_lo >> k & 1) {
                cs_e_uint(b, k + 1);
            }
        }
    }
    cs_e_text(b, "inputs");
    cs_e_head(b, cbor_encode_array_start, a->num_inputs);
    for (size_t i = 0; i < a->num_inputs; i++) {
        cs_e_text(b, a->inputs[i]);
    }
    cs_e_text(b, "totals");
    cs_e_totals(b, &a->tot);
    cs_e_text(b, "rejections");
    cs_e_head(b, cbor_encode_array_start, a->num_reasons);
    for (size_t i = 0; i < a->num_reasons; i++) {
        const cs_agg_reason *r = &a->reasons[v->reasons[i]];
        cs_e_head(b, cbor_encode_array_start, 5);
        cs_e_text(b, r->key);
        cs_e_uint(b, r->count);
        cs_e_text(b, r->example);
        cs_e_uint(b, r->example_input);
        cs_e_uint(b, r->example_index);
    }
    cs_e_text(b, "cas");
    cs_e_head(b, cbor_encode_array_start, v->num_cas);
    for (size_t i = 0; i < v->num_cas; i++) {
        const cs_agg_ca *c = &a->cas[v->cas[i].ca];
        cs_e_head(b, cbor_encode_array_start, 3);
        cs_e_bytes(b, c->issuer_der, c->issuer_len);
        if (c->has_aki) {
            cs_e_bytes(b, c->aki, c->aki_len);
        } else {
            cs_e_null(b);
        }
        cs_e_text(b, c->name);
    }
    cs_e_text(b, "cells");
    cs_e_head(b, cbor_encode_array_start, a->cells.len);
    for (size_t i = 0; i < a->cells.len; i++) {
        uint64_t k0 = a->cells.keys[v->cells[i]].k0;
        const cs_agg_cell *c = cs_amap_val(&a->cells, v->cells[i]);
        cs_e_head(b, cbor_encode_array_start, 9);
        cs_e_uint(b, v->ca_pos[CS_AGG_K0_CA(k0)]);
        cs_e_uint(b, CS_AGG_K0_MONTH(k0));
        cs_e_uint(b, CS_AGG_K0_CODE(k0));
        cs_e_uint(b, c->scanned);
        cs_e_uint(b, c->with_sev[CS_SEV_ERROR]);
        cs_e_uint(b, c->with_sev[CS_SEV_WARNING]);
        cs_e_uint(b, c->with_sev[CS_SEV_NOTICE]);
        cs_e_uint(b, c->with_any);
        cs_e_uint(b, c->findings);
    }
    cs_e_text(b, "cell_rules");
    cs_e_head(b, cbor_encode_array_start, a->cellrules.len);
    for (size_t i = 0; i < a->cellrules.len; i++) {
        const cs_amap_key *k = &a->cellrules.keys[v->cellrules[i]];
        cs_e_head(b, cbor_encode_array_start, 5);
        cs_e_uint(b, v->ca_pos[CS_AGG_K0_CA(k->k0)]);
        cs_e_uint(b, CS_AGG_K0_MONTH(k->k0));
        cs_e_uint(b, CS_AGG_K0_CODE(k->k0));
        cs_e_uint(b, k->k1 - 1);
        cs_e_uint(b, *(const uint64_t *)cs_amap_val(&a->cellrules, v->cellrules[i]));
    }
    cs_e_text(b, "ca_rules");
    cs_e_head(b, cbor_encode_array_start, a->carules.len);
    for (size_t i = 0; i < a->carules.len; i++) {
        uint64_t k0 = a->carules.keys[v->carules[i]].k0;
        const cs_agg_carule *c = cs_amap_val(&a->carules, v->carules[i]);
        cs_e_head(b, cbor_encode_array_start, 6);
        cs_e_uint(b, v->ca_pos[CS_AGG_K0_CA(k0)]);
        cs_e_uint(b, k0 & 0xFFFFFFFFu);
        cs_e_uint(b, c->count);
        cs_e_int(b, c->first_nb);
        cs_e_int(b, c->last_nb);
        cs_e_head(b, cbor_encode_array_start, c->num_samples);
        for (uint32_t s = 0; s < c->num_samples; s++) {
            const cs_agg_sample *smp = &c->samples[s];
            cs_e_head(b, cbor_encode_array_start, 4);
            cs_e_uint(b, smp->id.high64);
            cs_e_uint(b, smp->id.low64);
            cs_e_bytes(b, smp->sha256, sizeof smp->sha256);
            cs_e_bytes(b, smp->serial, smp->serial_len);
        }
    }
    cs_e_text(b, "surveys");
    cs_e_head(b, cbor_encode_map_start, a->num_surveys);
    for (size_t i = 0; i < a->num_surveys; i++) {
        cs_e_text(b, a->surveys[i].ops->name);
        cbor_item_t *item = a->surveys[i].ops->cbor_encode
                                ? a->surveys[i].ops->cbor_encode(a->surveys[i].state)
                                : NULL;
        unsigned char *bytes = NULL;
        size_t size = 0, len = item != NULL ? cbor_serialize_alloc(item, &bytes, &size) : 0;
        if (len == 0) {
            cs_e_null(b);
        } else {
            cs_buf_put(b, bytes, len);
        }
        free(bytes);
        if (item != NULL) {
            cbor_decref(&item);
        }
    }
    return !b->failed;
}

int cs_agg_save(const cs_agg *a, const char *path, char *err, size_t errlen) {
    cs_view v;
    if (!cs_view_build(&v, a)) {
        snprintf(err, errlen, "out of memory");
        return 0;
    }
    cs_buf b;
    cs_buf_init(&b);
    int ok = cs_agg_encode(a, &v, &b);
    cs_view_free(&v);
    if (!ok) {
        cs_buf_free(&b);
        snprintf(err, errlen, "out of memory");
        return 0;
    }
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        snprintf(err, errlen, "cannot create: %s", strerror(errno));
        cs_buf_free(&b);
        return 0;
    }
    ok = fwrite(b.p, 1, b.len, f) == b.len;
    ok = (fclose(f) == 0) && ok;
    cs_buf_free(&b);
    if (!ok) {
        snprintf(err, errlen, "write error");
    }
    return ok;
}

/* ---- reading ---- */

typedef struct cs_dec {
    char *err;
    size_t errlen;
} cs_dec;

static int cs_bad(cs_dec *d, const char *what) {
    snprintf(d->err, d->errlen, "not a valid certscan aggregate file (%s)", what);
    return 0;
}

static const cbor_item_t *cs_d_get(const cbor_item_t *map, const char *key) {
    if (map == NULL || !cbor_isa_map(map)) {
        return NULL;
    }
    struct cbor_pair *p = cbor_map_handle(map);
    size_t klen = strlen(key);
    for (size_t i = 0; i < cbor_map_size(map); i++) {
        if (cbor_isa_string(p[i].key) && cbor_string_is_definite(p[i].key) &&
            cbor_string_length(p[i].key) == klen &&
            memcmp(cbor_string_handle(p[i].key), key, klen) == 0) {
            return p[i].value;
        }
    }
    return NULL;
}

static int cs_d_u64(const cbor_item_t *it, uint64_t *out) {
    if (it == NULL || !cbor_isa_uint(it)) {
        return 0;
    }
    *out = cbor_get_int(it);
    return 1;
}

static int cs_d_i64(const cbor_item_t *it, int64_t *out) {
    uint64_t v;
    if (cs_d_u64(it, &v)) {
        *out = (int64_t)v;
        return v <= INT64_MAX;
    }
    if (it == NULL || !cbor_isa_negint(it)) {
        return 0;
    }
    v = cbor_get_int(it);
    *out = -1 - (int64_t)v;
    return v <= INT64_MAX;
}

/* A definite text string, copied and NUL-terminated (NULL when not one or out of memory). */
static char *cs_d_text(const cbor_item_t *it) {
    if (it == NULL || !cbor_isa_string(it) || !cbor_string_is_definite(it)) {
        return NULL;
    }
    size_t n = cbor_string_length(it);
    char *s = malloc(n + 1);
    if (s != NULL) {
        memcpy(s, cbor_string_handle(it), n);
        s[n] = '\0';
    }
    return s;
}

static int cs_d_bytes(const cbor_item_t *it, const uint8_t **p, size_t *n) {
    if (it == NULL || !cbor_isa_bytestring(it) || !cbor_bytestring_is_definite(it)) {
        return 0;
    }
    *p = cbor_bytestring_handle(it);
    *n = cbor_bytestring_length(it);
    if (*p == NULL) {
        *p = (const uint8_t *)"";
    }
    return 1;
}

/* The array `it` with rows of at least `width` elements; NULL otherwise. */
static cbor_item_t **cs_d_rows(const cbor_item_t *it, size_t *n) {
    if (it == NULL || !cbor_isa_array(it) || !cbor_array_is_definite(it)) {
        return NULL;
    }
    *n = cbor_array_size(it);
    static cbor_item_t *empty[1];
    return *n != 0 ? cbor_array_handle(it) : empty;
}

static cbor_item_t **cs_d_row(const cbor_item_t *it, size_t width) {
    size_t n;
    cbor_item_t **r = cs_d_rows(it, &n);
    return r != NULL && n == width ? r : NULL;
}

static cs_agg *cs_agg_decode_head(const cbor_item_t *root, cs_dec *d) {
    char *format = cs_d_text(cs_d_get(root, "format"));
    int is_ours = format != NULL && strcmp(format, CS_AGG_FILE_FORMAT) == 0;
    free(format);
    if (!is_ours) {
        cs_bad(d, "no \"format\": \"" CS_AGG_FILE_FORMAT "\"");
        return NULL;
    }
    uint64_t version;
    if (!cs_d_u64(cs_d_get(root, "version"), &version) || version != CS_AGG_FILE_VERSION) {
        snprintf(d->err, d->errlen,
                 "aggregate file version not supported (this certscan reads "
                 "version %d)",
                 CS_AGG_FILE_VERSION);
        return NULL;
    }
    cs_agg_config cfg;
    cs_agg_config_default(&cfg);
    char *mode = cs_d_text(cs_d_get(root, "count_mode"));
    int mode_ok = cs_count_mode_parse(mode, &cfg.mode);
    free(mode);
    uint64_t samples;
    if (!mode_ok || !cs_d_u64(cs_d_get(root, "samples"), &samples) ||
        samples > CS_AGG_MAX_SAMPLES) {
        cs_bad(d, "count_mode or samples");
        return NULL;
    }
    cfg.samples = (unsigned)samples;
    const cbor_item_t *as_of = cs_d_get(root, "as_of");
    if (as_of != NULL && !cbor_is_null(as_of)) {
        if (!cs_d_i64(as_of, &cfg.as_of)) {
            cs_bad(d, "as_of");
            return NULL;
        }
        cfg.has_as_of = 1;
    }
    uint64_t mask = 0;
    const cbor_item_t *shard = cs_d_get(root, "shard");
    if (shard != NULL && !cbor_is_null(shard)) {
        uint64_t n, k;
        size_t nk;
        cbor_item_t **ks = cs_d_rows(cs_d_get(shard, "k"), &nk);
        if (!cs_d_u64(cs_d_get(shard, "n"), &n) || n < 2 || n > 64 || ks == NULL || nk == 0) {
            cs_bad(d, "shard");
            return NULL;
        }
        for (size_t i = 0; i < nk; i++) {
            if (!cs_d_u64(ks[i], &k) || k < 1 || k > n) {
                cs_bad(d, "shard");
                return NULL;
            }
            mask |= (uint64_t)1 << (k - 1);
        }
        cfg.shard_n = (uint32_t)n;
        cfg.shard_k = (uint32_t)__builtin_ctzll(mask) + 1;
    }
    size_t nr;
    cbor_item_t **rules = cs_d_rows(cs_d_get(root, "rules"), &nr);
    char *ruleset = cs_d_text(cs_d_get(root, "ruleset"));
    char **ids = calloc(nr ? nr : 1, sizeof *ids);
    uint8_t *sev = calloc(nr ? nr : 1, 1);
    int ok = rules != NULL && ruleset != NULL && ids != NULL && sev != NULL && nr <= 65535;
    for (size_t i = 0; ok && i < nr; i++) {
        cbor_item_t **row = cs_d_row(rules[i], 2);
        uint64_t s;
        ok = row != NULL && (ids[i] = cs_d_text(row[0])) != NULL && cs_d_u64(row[1], &s) &&
             s < CS_SEV_COUNT;
        if (ok) {
            sev[i] = (uint8_t)s;
        }
    }
    cs_agg *a = ok ? cs_agg_new_table(nr, ids, sev, ruleset, &cfg) : NULL;
    for (size_t i = 0; ids != NULL && i < nr; i++) {
        free(ids[i]);
    }
    free(ids);
    free(sev);
    free(ruleset);
    if (a == NULL) {
        cs_bad(d, "rules");
        return NULL;
    }
    a->shard_mask_lo = mask;
    return a;
}

static int cs_agg_decode_totals(cs_agg *a, const cbor_item_t *t, cs_dec *d) {
    const struct {
        const char *key;
        uint64_t *v;
    } f[] = {{"files", &a->tot.inputs},
             {"input_errors", &a->tot.input_errors},
             {"skipped_pem_blocks", &a->tot.skipped_blocks},
             {"bytes", &a->tot.bytes},
             {"parsed", &a->tot.parsed},
             {"rejected", &a->tot.rejected},
             {"other_shards", &a->tot.other_shards},
             {"duplicates", &a->tot.duplicates},
             {"precerts_with_final", &a->tot.precerts_with_final},
             {"excluded_by_count_mode", &a->tot.excluded_by_mode}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        if (!cs_d_u64(cs_d_get(t, f[i].key), f[i].v)) {
            return cs_bad(d, "totals");
        }
    }
    return 1;
}

static int cs_agg_decode_body(cs_agg *a, const cbor_item_t *root, cs_dec *d) {
    size_t n;
    cbor_item_t **rows = cs_d_rows(cs_d_get(root, "inputs"), &n);
    if (rows == NULL) {
        return cs_bad(d, "inputs");
    }
    for (size_t i = 0; i < n; i++) {
        char *s = cs_d_text(rows[i]);
        int ok = s != NULL && cs_agg_add_input(a, s);
        free(s);
        if (!ok) {
            return cs_bad(d, "inputs");
        }
    }
    if (!cs_agg_decode_totals(a, cs_d_get(root, "totals"), d)) {
        return 0;
    }
    if ((rows = cs_d_rows(cs_d_get(root, "rejections"), &n)) == NULL) {
        return cs_bad(d, "rejections");
    }
    for (size_t i = 0; i < n; i++) {
        cbor_item_t **r = cs_d_row(rows[i], 5);
        uint64_t count, input, index;
        char *key = r ? cs_d_text(r[0]) : NULL, *example = r ? cs_d_text(r[2]) : NULL;
        int ok = key != NULL && example != NULL && cs_d_u64(r[1], &count) &&
                 cs_d_u64(r[3], &input) && cs_d_u64(r[4], &index) &&
                 cs_agg_add_reason(a, key, count, example, input, index);
        free(key);
        free(example);
        if (!ok) {
            return cs_bad(d, "rejections");
        }
    }
    if ((rows = cs_d_rows(cs_d_get(root, "cas"), &n)) == NULL || n > UINT32_MAX) {
        return cs_bad(d, "cas");
    }
    size_t num_cas = n;
    for (size_t i = 0; i < n; i++) {
        cbor_item_t **r = cs_d_row(rows[i], 3);
        const uint8_t *der, *aki = NULL;
        size_t der_len, aki_len = 0;
        int has_aki = r != NULL && !cbor_is_null(r[1]);
        char *name = r ? cs_d_text(r[2]) : NULL;
        int ok = name != NULL && cs_d_bytes(r[0], &der, &der_len) &&
                 (!has_aki || cs_d_bytes(r[1], &aki, &aki_len)) &&
                 cs_agg_ca_intern(a, der, der_len, aki, aki_len, has_aki, NULL, name) == (long)i;
        free(name);
        if (!ok) {
            return cs_bad(d, "cas");
        }
    }
    if ((rows = cs_d_rows(cs_d_get(root, "cells"), &n)) == NULL) {
        return cs_bad(d, "cells");
    }
    for (size_t i = 0; i < n; i++) {
        cbor_item_t **r = cs_d_row(rows[i], 9);
        uint64_t v[9];
        int ok = r != NULL;
        for (size_t k = 0; ok && k < 9; k++) {
            ok = cs_d_u64(r[k], &v[k]);
        }
        ok = ok && v[0] < num_cas && v[1] <= 0xFFFF && v[2] <= 0xFF;
        cs_agg_cell *c = ok ? cs_amap_get(&a->cells, CS_AGG_CELL_K0(v[0], v[1], v[2]), 0) : NULL;
        if (c == NULL) {
            return cs_bad(d, "cells");
        }
        c->scanned += v[3];
        c->with_sev[CS_SEV_ERROR] += v[4];
        c->with_sev[CS_SEV_WARNING] += v[5];
        c->with_sev[CS_SEV_NOTICE] += v[6];
        c->with_any += v[7];
        c->findings += v[8];
    }
    if ((rows = cs_d_rows(cs_d_get(root, "cell_rules"), &n)) == NULL) {
        return cs_bad(d, "cell_rules");
    }
    for (size_t i = 0; i < n; i++) {
        cbor_item_t **r = cs_d_row(rows[i], 5);
        uint64_t v[5];
        int ok = r != NULL;
        for (size_t k = 0; ok && k < 5; k++) {
            ok = cs_d_u64(r[k], &v[k]);
        }
        ok = ok && v[0] < num_cas && v[1] <= 0xFFFF && v[2] <= 0xFF && v[3] < a->num_rules;
        uint64_t *c =
            ok ? cs_amap_get(&a->cellrules, CS_AGG_CELL_K0(v[0], v[1], v[2]), v[3] + 1) : NULL;
        if (c == NULL) {
            return cs_bad(d, "cell_rules");
        }
        *c += v[4];
    }
    if ((rows = cs_d_rows(cs_d_get(root, "ca_rules"), &n)) == NULL) {
        return cs_bad(d, "ca_rules");
    }
    for (size_t i = 0; i < n; i++) {
        cbor_item_t **r = cs_d_row(rows[i], 6);
        uint64_t ca, rule, count;
        int64_t first, last;
        size_t ns = 0;
        cbor_item_t **samples = r ? cs_d_rows(r[5], &ns) : NULL;
        int ok = samples != NULL && cs_d_u64(r[0], &ca) && cs_d_u64(r[1], &rule) &&
                 cs_d_u64(r[2], &count) && cs_d_i64(r[3], &first) && cs_d_i64(r[4], &last) &&
                 ca < num_cas && rule < a->num_rules;
        cs_agg_carule *cr = ok ? cs_amap_get(&a->carules, (ca << 32) | rule, 0) : NULL;
        if (cr == NULL || cr->count != 0) {
            return cs_bad(d, "ca_rules");
        }
        cr->count = count;
        cr->first_nb = first;
        cr->last_nb = last;
        for (size_t k = 0; k < ns; k++) {
            cbor_item_t **s = cs_d_row(samples[k], 4);
            cs_agg_sample smp = {0};
            const uint8_t *sha, *serial;
            size_t sha_len, serial_len;
            if (s == NULL || !cs_d_u64(s[0], &smp.id.high64) || !cs_d_u64(s[1], &smp.id.low64) ||
                !cs_d_bytes(s[2], &sha, &sha_len) || sha_len != 32 ||
                !cs_d_bytes(s[3], &serial, &serial_len) || serial_len > CS_AGG_SERIAL_MAX) {
                return cs_bad(d, "ca_rules samples");
            }
            memcpy(smp.sha256, sha, 32);
            memcpy(smp.serial, serial, serial_len);
            smp.serial_len = (uint8_t)serial_len;
            if (!cs_agg_carule_sample(a, cr, &smp)) {
                return cs_bad(d, "out of memory");
            }
        }
    }
    const cbor_item_t *surveys = cs_d_get(root, "surveys");
    if (surveys != NULL && cbor_isa_map(surveys)) {
        struct cbor_pair *p = cbor_map_handle(surveys);
        for (size_t i = 0; i < cbor_map_size(surveys); i++) {
            char *name = cs_d_text(p[i].key);
            const cs_agg_survey_ops *ops = name != NULL ? cs_agg_registered_survey(name) : NULL;
            free(name);
            if (ops == NULL || ops->cbor_decode == NULL) {
                continue; /* a survey this certscan does not know: left out of the reports */
            }
            void *state = ops->cbor_decode(p[i].value);
            if (state == NULL) {
                return cs_bad(d, "surveys");
            }
            if (!cs_agg_attach_survey(a, ops, state)) {
                ops->free(state);
            }
        }
    }
    return 1;
}

cs_agg *cs_agg_load(const char *path, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return NULL;
    }
    cs_buf b;
    cs_buf_init(&b);
    char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        cs_buf_put(&b, chunk, n);
    }
    int read_error = ferror(f);
    fclose(f);
    if (read_error || b.failed) {
        snprintf(err, errlen, read_error ? "read error" : "out of memory");
        cs_buf_free(&b);
        return NULL;
    }
    struct cbor_load_result res;
    cbor_item_t *root = cbor_load((const unsigned char *)b.p, b.len, &res);
    cs_buf_free(&b);
    cs_dec d = {err, errlen};
    if (root == NULL || res.error.code != CBOR_ERR_NONE) {
        snprintf(err, errlen, "not a valid CBOR file (error %d at byte %zu)", (int)res.error.code,
                 res.error.position);
        if (root != NULL) {
            cbor_decref(&root);
        }
        return NULL;
    }
    cs_agg *a = cs_agg_decode_head(root, &d);
    if (a != NULL && !cs_agg_decode_body(a, root, &d)) {
        cs_agg_free(a);
        a = NULL;
    }
    cbor_decref(&root);
    return a;
}
