/* A hash map from a two-word key to a fixed-size value, for the aggregate's tables.
 *
 * Keys and values live in dense arrays in insertion order (an entry's index never changes), with
 * an open-addressed index of 32-bit positions beside them, so iterating is a walk over an array
 * and a table costs its entries plus 8 to 16 bytes each for the index. Values start zeroed. */
#ifndef CS_AGG_MAP_H
#define CS_AGG_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct cs_amap_key {
    uint64_t k0, k1;
} cs_amap_key;

typedef struct cs_amap {
    size_t val_size;
    cs_amap_key *keys;
    uint8_t *vals;
    size_t len;
    size_t dense_cap;
    uint32_t *slots; /* entry index + 1; 0 is empty */
    size_t num_slots;
} cs_amap;

void cs_amap_init(cs_amap *m, size_t val_size);
void cs_amap_free(cs_amap *m);
/* The value for the key, or NULL. */
void *cs_amap_find(const cs_amap *m, uint64_t k0, uint64_t k1);
/* The value for the key, created zeroed when absent; NULL when memory ran out. */
void *cs_amap_get(cs_amap *m, uint64_t k0, uint64_t k1);
static inline void *cs_amap_val(const cs_amap *m, size_t i) {
    return m->vals + i * m->val_size;
}
/* Bytes held, for the README's numbers. */
size_t cs_amap_bytes(const cs_amap *m);

#endif
