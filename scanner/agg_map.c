#include "scanner/agg_map.h"

#include <stdlib.h>
#include <string.h>

void cs_amap_init(cs_amap *m, size_t val_size) {
    memset(m, 0, sizeof *m);
    m->val_size = val_size;
}

void cs_amap_free(cs_amap *m) {
    free(m->keys);
    free(m->vals);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static size_t cs_amap_home(uint64_t k0, uint64_t k1, size_t mask) {
    uint64_t h = (k0 ^ (k1 * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29)) & mask;
}

static uint32_t *cs_amap_probe(const cs_amap *m, uint64_t k0, uint64_t k1) {
    size_t mask = m->num_slots - 1;
    for (size_t j = cs_amap_home(k0, k1, mask);; j = (j + 1) & mask) {
        uint32_t s = m->slots[j];
        if (s == 0 || (m->keys[s - 1].k0 == k0 && m->keys[s - 1].k1 == k1)) {
            return &m->slots[j];
        }
    }
}

void *cs_amap_find(const cs_amap *m, uint64_t k0, uint64_t k1) {
    if (m->num_slots == 0) {
        return NULL;
    }
    uint32_t s = *cs_amap_probe(m, k0, k1);
    return s != 0 ? cs_amap_val(m, s - 1) : NULL;
}

static int cs_amap_rehash(cs_amap *m, size_t num_slots) {
    uint32_t *slots = calloc(num_slots, sizeof *slots);
    if (slots == NULL) {
        return 0;
    }
    free(m->slots);
    m->slots = slots;
    m->num_slots = num_slots;
    for (size_t i = 0; i < m->len; i++) {
        *cs_amap_probe(m, m->keys[i].k0, m->keys[i].k1) = (uint32_t)(i + 1);
    }
    return 1;
}

void *cs_amap_get(cs_amap *m, uint64_t k0, uint64_t k1) {
    if ((m->len + 1) * 2 > m->num_slots &&
        !cs_amap_rehash(m, m->num_slots ? m->num_slots * 2 : 16)) {
        return NULL;
    }
    uint32_t *slot = cs_amap_probe(m, k0, k1);
    if (*slot != 0) {
        return cs_amap_val(m, *slot - 1);
    }
    if (m->len == UINT32_MAX - 1) {
        return NULL;
    }
    if (m->len == m->dense_cap) {
        size_t cap = m->dense_cap ? m->dense_cap * 2 : 8;
        cs_amap_key *keys = realloc(m->keys, cap * sizeof *keys);
        if (keys == NULL) {
            return NULL;
        }
        m->keys = keys;
        uint8_t *vals = realloc(m->vals, cap * m->val_size);
        if (vals == NULL) {
            return NULL;
        }
        m->vals = vals;
        m->dense_cap = cap;
    }
    size_t i = m->len++;
    m->keys[i].k0 = k0;
    m->keys[i].k1 = k1;
    memset(cs_amap_val(m, i), 0, m->val_size);
    *slot = (uint32_t)(i + 1);
    return cs_amap_val(m, i);
}

size_t cs_amap_bytes(const cs_amap *m) {
    return m->dense_cap * (sizeof(cs_amap_key) + m->val_size) + m->num_slots * sizeof(uint32_t);
}
