#include "io/ct_seen.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct cs_ct_seen {
    pthread_mutex_t lock;
    uint8_t (*keys)[32]; /* an all-zero key marks an empty slot */
    size_t cap, count;
};

cs_ct_seen *cs_ct_seen_new(void) {
    cs_ct_seen *s = calloc(1, sizeof *s);
    if (s == NULL) {
        return NULL;
    }
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

void cs_ct_seen_free(cs_ct_seen *s) {
    if (s == NULL) {
        return;
    }
    pthread_mutex_destroy(&s->lock);
    free(s->keys);
    free(s);
}

static int cs_ct_seen_is_empty(const uint8_t *k) {
    static const uint8_t zero[32];
    return memcmp(k, zero, 32) == 0;
}

/* The digest is uniform: its first bytes are the hash. */
static size_t cs_ct_seen_slot(const uint8_t *k, size_t mask) {
    size_t h = 0;
    memcpy(&h, k, sizeof h);
    return h & mask;
}

static int cs_ct_seen_insert(cs_ct_seen *s, const uint8_t *k) {
    size_t mask = s->cap - 1;
    for (size_t i = cs_ct_seen_slot(k, mask);; i = (i + 1) & mask) {
        if (cs_ct_seen_is_empty(s->keys[i])) {
            memcpy(s->keys[i], k, 32);
            s->count++;
            return 1;
        }
        if (memcmp(s->keys[i], k, 32) == 0) {
            return 0;
        }
    }
}

static int cs_ct_seen_grow(cs_ct_seen *s) {
    size_t cap = s->cap != 0 ? s->cap * 2 : 256;
    uint8_t(*old)[32] = s->keys;
    size_t old_cap = s->cap;
    s->keys = calloc(cap, 32);
    if (s->keys == NULL) {
        s->keys = old;
        return 0;
    }
    s->cap = cap;
    s->count = 0;
    for (size_t i = 0; i < old_cap; i++) {
        if (!cs_ct_seen_is_empty(old[i])) {
            cs_ct_seen_insert(s, old[i]);
        }
    }
    free(old);
    return 1;
}

int cs_ct_seen_add(cs_ct_seen *s, const uint8_t sha256[32]) {
    if (cs_ct_seen_is_empty(sha256)) {
        return 0; /* not a digest anyone will meet; and it is the empty-slot marker */
    }
    pthread_mutex_lock(&s->lock);
    int r;
    if ((s->count + 1) * 2 > s->cap && !cs_ct_seen_grow(s)) {
        r = -1;
    } else {
        r = cs_ct_seen_insert(s, sha256);
    }
    pthread_mutex_unlock(&s->lock);
    return r;
}
