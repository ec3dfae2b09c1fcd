/* The survey's state in CBOR (RFC 8949) with libcbor. Counters are keyed by name (type, key
 * class, algorithm, attribute), not by enum value, so a saved survey stays readable when a
 * later certscan adds or reorders classes. Layout (docs/survey-schema.md, "CBOR"):
 *
 *   {"v": 1, "limit": u, "certs": u,
 *    "cas": [[issuer_der, aki, name, {type: [10 counters]}, {key: n}, {alg: n}, {bucket: n}]...],
 *    "months": [[month_index, {type: n}, {key: n}]...],
 *    "types": [[type, certs, {bucket: n}, {attribute: n}]...],
 *    "reuse": [level, [[h0, h1, certs, key, [set...]]...]],
 *    "cross": [level, [[h0, h1, certs, key, [set...], subject]...]]}
 */
#include <stdlib.h>
#include <string.h>

#include "scanner/survey_internal.h"

/* ---- encoding ---- */

static int cs_cb_add(cbor_item_t *map, cbor_item_t *key, cbor_item_t *value) {
    if (key == NULL || value == NULL) {
        if (key) {
            cbor_decref(&key);
        }
        if (value) {
            cbor_decref(&value);
        }
        return 0;
    }
    return cbor_map_add(map, (struct cbor_pair){.key = cbor_move(key), .value = cbor_move(value)});
}

static int cs_cb_push(cbor_item_t *array, cbor_item_t *item) {
    if (item == NULL) {
        return 0;
    }
    return cbor_array_push(array, cbor_move(item));
}

/* {name: count} for the non-zero counts. */
static cbor_item_t *cs_cb_counts(const uint64_t *v, size_t n, const char *(*name)(unsigned)) {
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        used += v[i] != 0;
    }
    cbor_item_t *map = cbor_new_definite_map(used);
    for (size_t i = 0; map != NULL && i < n; i++) {
        if (v[i] != 0 &&
            !cs_cb_add(map, cbor_build_string(name((unsigned)i)), cbor_build_uint64(v[i]))) {
            cbor_decref(&map);
        }
    }
    return map;
}

static const char *cs_cb_alg_name(unsigned id) {
    return id == 0 ? "other" : cs_alg_name((cs_alg_id)id);
}

static const char *cs_cb_attr_name(unsigned id) {
    return id == 0 ? "other" : cs_attr_short_name((cs_attr_id)id);
}

static cbor_item_t *cs_cb_ca(const cs_sv_ca *c) {
    cbor_item_t *a = cbor_new_definite_array(7);
    if (a == NULL) {
        return NULL;
    }
    size_t types = 0;
    for (unsigned t = 0; t < CS_SV_TYPES; t++) {
        types += c->by_type[t][CS_SV_TC_CERTS] != 0;
    }
    cbor_item_t *by_type = cbor_new_definite_map(types);
    for (unsigned t = 0; by_type != NULL && t < CS_SV_TYPES; t++) {
        if (c->by_type[t][CS_SV_TC_CERTS] == 0) {
            continue;
        }
        cbor_item_t *v = cbor_new_definite_array(CS_SV_TC);
        for (unsigned k = 0; v != NULL && k < CS_SV_TC; k++) {
            if (!cs_cb_push(v, cbor_build_uint64(c->by_type[t][k]))) {
                cbor_decref(&v);
            }
        }
        if (!cs_cb_add(by_type, cbor_build_string(cs_sv_type_name(t)), v)) {
            cbor_decref(&by_type);
        }
    }
    int ok = cs_cb_push(a, cbor_build_bytestring(c->issuer_der, c->issuer_len)) &&
             cs_cb_push(a, cbor_build_bytestring(c->aki, c->aki_len)) &&
             cs_cb_push(a, cbor_build_string(c->name)) && cs_cb_push(a, by_type) &&
             cs_cb_push(a, cs_cb_counts(c->keys, CS_SV_KEYS, cs_sv_key_name)) &&
             cs_cb_push(a, cs_cb_counts(c->sigs, CS_ALG_COUNT, cs_cb_alg_name)) &&
             cs_cb_push(a, cs_cb_counts(c->validity, CS_SV_VALIDITY, cs_sv_validity_name));
    if (!ok) {
        cbor_decref(&a);
    }
    return a;
}

static cbor_item_t *cs_cb_keys(const cs_sv_keys *t, int with_subject) {
    cbor_item_t *outer = cbor_new_definite_array(2);
    cbor_item_t *list = cbor_new_definite_array(t->len);
    if (outer == NULL || list == NULL) {
        if (outer) {
            cbor_decref(&outer);
        }
        if (list) {
            cbor_decref(&list);
        }
        return NULL;
    }
    for (size_t i = 0; list != NULL && i < t->cap; i++) {
        const cs_sv_key *k = &t->slot[i];
        if (!k->used) {
            continue;
        }
        cbor_item_t *e = cbor_new_definite_array(with_subject ? 6 : 5);
        cbor_item_t *set = cbor_new_definite_array(CS_SV_SET);
        for (size_t j = 0; set != NULL && j < CS_SV_SET; j++) {
            if (!cs_cb_push(set, cbor_build_uint64(k->set[j]))) {
                cbor_decref(&set);
            }
        }
        int ok =
            e != NULL && cs_cb_push(e, cbor_build_uint64(k->h0)) &&
            cs_cb_push(e, cbor_build_uint64(k->h1)) && cs_cb_push(e, cbor_build_uint64(k->certs)) &&
            cs_cb_push(e, cbor_build_string(cs_sv_key_name(k->key_class))) && cs_cb_push(e, set) &&
            (!with_subject ||
             cs_cb_push(e, cbor_build_string(k->subject != NULL ? k->subject : "")));
        if (!ok || !cs_cb_push(list, e)) {
            cbor_decref(&list);
        }
    }
    if (!cs_cb_push(outer, cbor_build_uint64(t->level)) || !cs_cb_push(outer, list)) {
        cbor_decref(&outer);
    }
    return outer;
}

cbor_item_t *cs_survey_to_cbor(const cs_survey *s) {
    cbor_item_t *root = cbor_new_definite_map(8);
    cbor_item_t *cas = cbor_new_definite_array(s->ca_count);
    size_t months = 0, types = 0;
    for (unsigned m = 0; m < CS_SV_MONTHS; m++) {
        months += s->months[m] != NULL;
    }
    for (unsigned t = 0; t < CS_SV_TYPES; t++) {
        types += s->type_certs[t] != 0;
    }
    cbor_item_t *month_list = cbor_new_definite_array(months);
    cbor_item_t *type_list = cbor_new_definite_array(types);
    int ok = root != NULL && cas != NULL && month_list != NULL && type_list != NULL;
    for (size_t i = 0; ok && i < s->ca_cap; i++) {
        ok = s->cas[i] == NULL || cs_cb_push(cas, cs_cb_ca(s->cas[i]));
    }
    for (unsigned m = 0; ok && m < CS_SV_MONTHS; m++) {
        if (s->months[m] == NULL) {
            continue;
        }
        cbor_item_t *e = cbor_new_definite_array(3);
        ok = e != NULL && cs_cb_push(e, cbor_build_uint64(m)) &&
             cs_cb_push(e, cs_cb_counts(s->months[m]->types, CS_SV_TYPES, cs_sv_type_name)) &&
             cs_cb_push(e, cs_cb_counts(s->months[m]->keys, CS_SV_KEYS, cs_sv_key_name)) &&
             cs_cb_push(month_list, e);
    }
    for (unsigned t = 0; ok && t < CS_SV_TYPES; t++) {
        if (s->type_certs[t] == 0) {
            continue;
        }
        cbor_item_t *e = cbor_new_definite_array(4);
        ok =
            e != NULL && cs_cb_push(e, cbor_build_string(cs_sv_type_name(t))) &&
            cs_cb_push(e, cbor_build_uint64(s->type_certs[t])) &&
            cs_cb_push(e, cs_cb_counts(s->type_validity[t], CS_SV_VALIDITY, cs_sv_validity_name)) &&
            cs_cb_push(e, cs_cb_counts(s->type_attrs[t], CS_ATTR_COUNT, cs_cb_attr_name)) &&
            cs_cb_push(type_list, e);
    }
    ok = ok && cs_cb_add(root, cbor_build_string("v"), cbor_build_uint8(1)) &&
         cs_cb_add(root, cbor_build_string("limit"), cbor_build_uint64(s->key_limit)) &&
         cs_cb_add(root, cbor_build_string("certs"), cbor_build_uint64(s->certs)) &&
         cs_cb_add(root, cbor_build_string("cas"), cas) &&
         cs_cb_add(root, cbor_build_string("months"), month_list) &&
         cs_cb_add(root, cbor_build_string("types"), type_list) &&
         cs_cb_add(root, cbor_build_string("reuse"), cs_cb_keys(&s->reuse, 0)) &&
         cs_cb_add(root, cbor_build_string("cross"), cs_cb_keys(&s->cross, 1));
    if (!ok) {
        /* cs_cb_add took the items it was given; only those never handed over remain. */
        if (root != NULL) {
            cbor_decref(&root);
        }
        return NULL;
    }
    return root;
}

/* ---- decoding ---- */

static int cs_cb_text_is(const cbor_item_t *item, const char *text) {
    size_t n = strlen(text);
    return cbor_isa_string(item) && cbor_string_is_definite(item) &&
           cbor_string_length(item) == n && memcmp(cbor_string_handle(item), text, n) == 0;
}

static const cbor_item_t *cs_cb_get(const cbor_item_t *map, const char *key) {
    if (!cbor_isa_map(map)) {
        return NULL;
    }
    struct cbor_pair *p = cbor_map_handle(map);
    for (size_t i = 0; i < cbor_map_size(map); i++) {
        if (cs_cb_text_is(p[i].key, key)) {
            return p[i].value;
        }
    }
    return NULL;
}

static int cs_cb_uint(const cbor_item_t *item, uint64_t *out) {
    if (item == NULL || !cbor_isa_uint(item)) {
        return 0;
    }
    *out = cbor_get_int(item);
    return 1;
}

/* A copy of a definite text string; NULL when it is not one. */
static char *cs_cb_text(const cbor_item_t *item) {
    if (item == NULL || !cbor_isa_string(item) || !cbor_string_is_definite(item)) {
        return NULL;
    }
    size_t n = cbor_string_length(item);
    char *s = malloc(n + 1);
    if (s != NULL) {
        memcpy(s, cbor_string_handle(item), n);
        s[n] = '\0';
    }
    return s;
}

static int cs_cb_name_index(const cbor_item_t *key, size_t n, const char *(*name)(unsigned),
                            size_t *out) {
    for (size_t i = 0; i < n; i++) {
        if (cs_cb_text_is(key, name((unsigned)i))) {
            *out = i;
            return 1;
        }
    }
    return 0;
}

/* Adds {name: count} into v; an unknown name fails (the survey is from a newer certscan). */
static int cs_cb_read_counts(const cbor_item_t *map, uint64_t *v, size_t n,
                             const char *(*name)(unsigned)) {
    if (map == NULL || !cbor_isa_map(map)) {
        return 0;
    }
    struct cbor_pair *p = cbor_map_handle(map);
    for (size_t i = 0; i < cbor_map_size(map); i++) {
        size_t index;
        uint64_t count;
        if (!cs_cb_name_index(p[i].key, n, name, &index) || !cs_cb_uint(p[i].value, &count)) {
            return 0;
        }
        v[index] += count;
    }
    return 1;
}

static const cbor_item_t *cs_cb_at(const cbor_item_t *array, size_t i) {
    return cbor_isa_array(array) && i < cbor_array_size(array) ? cbor_array_handle(array)[i] : NULL;
}

static int cs_cb_read_ca(cs_survey *s, const cbor_item_t *e) {
    const cbor_item_t *dn = cs_cb_at(e, 0), *aki = cs_cb_at(e, 1);
    char *name = cs_cb_text(cs_cb_at(e, 2));
    if (dn == NULL || aki == NULL || name == NULL || !cbor_isa_bytestring(dn) ||
        !cbor_isa_bytestring(aki) || !cbor_bytestring_is_definite(dn) ||
        !cbor_bytestring_is_definite(aki)) {
        free(name);
        return 0;
    }
    cs_sv_ca *c = cs_sv_ca_find(s, cbor_bytestring_handle(dn), cbor_bytestring_length(dn),
                                cbor_bytestring_handle(aki), cbor_bytestring_length(aki), name);
    free(name);
    if (c == NULL) {
        return 0;
    }
    const cbor_item_t *by_type = cs_cb_at(e, 3);
    if (by_type == NULL || !cbor_isa_map(by_type)) {
        return 0;
    }
    struct cbor_pair *p = cbor_map_handle(by_type);
    for (size_t i = 0; i < cbor_map_size(by_type); i++) {
        size_t t;
        if (!cs_cb_name_index(p[i].key, CS_SV_TYPES, cs_sv_type_name, &t) ||
            !cbor_isa_array(p[i].value) || cbor_array_size(p[i].value) != CS_SV_TC) {
            return 0;
        }
        for (size_t k = 0; k < CS_SV_TC; k++) {
            uint64_t n;
            if (!cs_cb_uint(cs_cb_at(p[i].value, k), &n)) {
                return 0;
            }
            c->by_type[t][k] += n;
        }
    }
    uint64_t certs = 0;
    for (unsigned t = 0; t < CS_SV_TYPES; t++) {
        certs += c->by_type[t][CS_SV_TC_CERTS];
    }
    c->certs = certs;
    return cs_cb_read_counts(cs_cb_at(e, 4), c->keys, CS_SV_KEYS, cs_sv_key_name) &&
           cs_cb_read_counts(cs_cb_at(e, 5), c->sigs, CS_ALG_COUNT, cs_cb_alg_name) &&
           cs_cb_read_counts(cs_cb_at(e, 6), c->validity, CS_SV_VALIDITY, cs_sv_validity_name);
}

static int cs_cb_read_keys(cs_sv_keys *t, const cbor_item_t *item, int with_subject) {
    uint64_t level;
    const cbor_item_t *list = cs_cb_at(item, 1);
    if (!cs_cb_uint(cs_cb_at(item, 0), &level) || level > 64 || list == NULL ||
        !cbor_isa_array(list) || !cs_sv_keys_set_level(t, (unsigned)level)) {
        return 0;
    }
    for (size_t i = 0; i < cbor_array_size(list); i++) {
        const cbor_item_t *e = cs_cb_at(list, i);
        cs_sv_key k = {0};
        size_t key_class;
        const cbor_item_t *set = cs_cb_at(e, 4);
        if (!cs_cb_uint(cs_cb_at(e, 0), &k.h0) || !cs_cb_uint(cs_cb_at(e, 1), &k.h1) ||
            !cs_cb_uint(cs_cb_at(e, 2), &k.certs) || cs_cb_at(e, 3) == NULL ||
            !cs_cb_name_index(cs_cb_at(e, 3), CS_SV_KEYS, cs_sv_key_name, &key_class) ||
            set == NULL || !cbor_isa_array(set) || cbor_array_size(set) != CS_SV_SET) {
            return 0;
        }
        k.key_class = (uint8_t)key_class;
        for (size_t j = 0; j < CS_SV_SET; j++) {
            if (!cs_cb_uint(cs_cb_at(set, j), &k.set[j])) {
                return 0;
            }
        }
        char *subject = with_subject ? cs_cb_text(cs_cb_at(e, 5)) : NULL;
        if (with_subject && subject == NULL) {
            return 0;
        }
        k.subject = subject;
        int ok = cs_sv_keys_add(t, &k, with_subject ? 1 : 2);
        free(subject);
        if (!ok) {
            return 0;
        }
    }
    return 1;
}

cs_survey *cs_survey_from_cbor(const cbor_item_t *item) {
    uint64_t version, limit, certs;
    if (!cs_cb_uint(cs_cb_get(item, "v"), &version) || version != 1 ||
        !cs_cb_uint(cs_cb_get(item, "limit"), &limit) ||
        !cs_cb_uint(cs_cb_get(item, "certs"), &certs)) {
        return NULL;
    }
    cs_survey *s = cs_survey_new();
    if (s == NULL || !cs_survey_set_key_limit(s, (size_t)limit)) {
        cs_survey_free(s);
        return NULL;
    }
    const cbor_item_t *cas = cs_cb_get(item, "cas");
    const cbor_item_t *months = cs_cb_get(item, "months");
    const cbor_item_t *types = cs_cb_get(item, "types");
    int ok = cas != NULL && cbor_isa_array(cas) && months != NULL && cbor_isa_array(months) &&
             types != NULL && cbor_isa_array(types);
    for (size_t i = 0; ok && i < cbor_array_size(cas); i++) {
        ok = cs_cb_read_ca(s, cs_cb_at(cas, i));
    }
    for (size_t i = 0; ok && i < cbor_array_size(months); i++) {
        const cbor_item_t *e = cs_cb_at(months, i);
        uint64_t m;
        cs_sv_month *mo;
        ok = cs_cb_uint(cs_cb_at(e, 0), &m) && m < CS_SV_MONTHS &&
             (mo = cs_sv_month_get(s, (unsigned)m)) != NULL &&
             cs_cb_read_counts(cs_cb_at(e, 1), mo->types, CS_SV_TYPES, cs_sv_type_name) &&
             cs_cb_read_counts(cs_cb_at(e, 2), mo->keys, CS_SV_KEYS, cs_sv_key_name);
    }
    for (size_t i = 0; ok && i < cbor_array_size(types); i++) {
        const cbor_item_t *e = cs_cb_at(types, i);
        size_t t;
        uint64_t n;
        ok = cs_cb_at(e, 0) != NULL &&
             cs_cb_name_index(cs_cb_at(e, 0), CS_SV_TYPES, cs_sv_type_name, &t) &&
             cs_cb_uint(cs_cb_at(e, 1), &n) &&
             cs_cb_read_counts(cs_cb_at(e, 2), s->type_validity[t], CS_SV_VALIDITY,
                               cs_sv_validity_name) &&
             cs_cb_read_counts(cs_cb_at(e, 3), s->type_attrs[t], CS_ATTR_COUNT, cs_cb_attr_name);
        if (ok) {
            s->type_certs[t] += n;
        }
    }
    ok = ok && cs_cb_read_keys(&s->reuse, cs_cb_get(item, "reuse"), 0) &&
         cs_cb_read_keys(&s->cross, cs_cb_get(item, "cross"), 1);
    if (!ok) {
        cs_survey_free(s);
        return NULL;
    }
    s->certs = certs;
    return s;
}
