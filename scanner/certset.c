#include "scanner/certset.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#define CS_CERTSET_STRIPE_BITS 12
#define CS_CERTSET_STRIPES     (1u << CS_CERTSET_STRIPE_BITS)
#define CS_CERTSET_FIRST_CAP   64

typedef struct cs_certset_stripe {
    pthread_mutex_t lock;
    uint64_t *slot; /* (fingerprint << 2 | flags); 0 is empty (a fingerprint is never 0) */
    uint32_t cap;   /* power of two */
    uint32_t len;
} cs_certset_stripe;

struct cs_certset {
    cs_certset_stripe stripe[CS_CERTSET_STRIPES];
    /* Slot bytes of every stripe: read once per batch by the --memory check, which must not
     * take 4096 locks to do it. */
    atomic_uint_fast64_t slot_bytes;
};

cs_certset *cs_certset_new(void) {
    cs_certset *s = calloc(1, sizeof *s);
    if (s == NULL) {
        return NULL;
    }
    for (unsigned i = 0; i < CS_CERTSET_STRIPES; i++) {
        pthread_mutex_init(&s->stripe[i].lock, NULL);
    }
    atomic_init(&s->slot_bytes, 0);
    return s;
}

void cs_certset_free(cs_certset *s) {
    if (s == NULL) {
        return;
    }
    for (unsigned i = 0; i < CS_CERTSET_STRIPES; i++) {
        pthread_mutex_destroy(&s->stripe[i].lock);
        free(s->stripe[i].slot);
    }
    free(s);
}

/* The 62 bits a slot keeps: those below the stripe bits; never 0. */
static uint64_t cs_certset_fp(uint64_t key) {
    uint64_t fp = (key << CS_CERTSET_STRIPE_BITS) >> 2;
    return fp != 0 ? fp : 1;
}

static size_t cs_certset_home(uint64_t fp, uint32_t cap) {
    /* The low bits of the key are as random as the high ones (XXH3), but they are shifted up
     * in fp; mix so neighbouring slots are independent. */
    return (size_t)((fp * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

static int cs_certset_grow(cs_certset *s, cs_certset_stripe *st) {
    uint32_t cap = st->cap != 0 ? st->cap * 2 : CS_CERTSET_FIRST_CAP;
    uint64_t *fresh = calloc(cap, sizeof *fresh);
    if (fresh == NULL) {
        return 0;
    }
    for (uint32_t i = 0; i < st->cap; i++) {
        uint64_t v = st->slot[i];
        if (v == 0) {
            continue;
        }
        size_t j = cs_certset_home(v >> 2, cap);
        while (fresh[j] != 0) {
            j = (j + 1) & (cap - 1);
        }
        fresh[j] = v;
    }
    free(st->slot);
    atomic_fetch_add_explicit(&s->slot_bytes, (uint64_t)(cap - st->cap) * sizeof *fresh,
                              memory_order_relaxed);
    /* Atomic stores, because cs_certset_prefetch reads the two without the lock. */
    __atomic_store_n(&st->slot, fresh, __ATOMIC_RELAXED);
    __atomic_store_n(&st->cap, cap, __ATOMIC_RELAXED);
    return 1;
}

/* The slot holding fp, or the empty slot where it belongs; NULL for an empty stripe. */
static uint64_t *cs_certset_probe(cs_certset_stripe *st, uint64_t fp) {
    if (st->cap == 0) {
        return NULL;
    }
    for (size_t j = cs_certset_home(fp, st->cap);; j = (j + 1) & (st->cap - 1)) {
        if (st->slot[j] == 0 || st->slot[j] >> 2 == fp) {
            return &st->slot[j];
        }
    }
}

void cs_certset_prefetch(cs_certset *s, uint64_t key, int step) {
    cs_certset_stripe *st = &s->stripe[key >> (64 - CS_CERTSET_STRIPE_BITS)];
    if (step == 0) {
        __builtin_prefetch(st, 1);
        return;
    }
    /* Read without the lock: a stale table only makes the hint useless, never wrong. */
    uint64_t *slot = __atomic_load_n(&st->slot, __ATOMIC_RELAXED);
    uint32_t cap = __atomic_load_n(&st->cap, __ATOMIC_RELAXED);
    if (slot != NULL && cap != 0) {
        __builtin_prefetch(&slot[cs_certset_home(cs_certset_fp(key), cap)], 1);
    }
}

int cs_certset_add(cs_certset *s, uint64_t key, unsigned flag) {
    cs_certset_stripe *st = &s->stripe[key >> (64 - CS_CERTSET_STRIPE_BITS)];
    uint64_t fp = cs_certset_fp(key);
    int before = -1;
    pthread_mutex_lock(&st->lock);
    if ((st->len + 1) * 4 > st->cap * 3 && !cs_certset_grow(s, st)) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    uint64_t *slot = cs_certset_probe(st, fp);
    if (*slot == 0) {
        st->len++;
        *slot = fp << 2;
    }
    before = (int)(*slot & 3u);
    *slot |= flag & 3u;
    pthread_mutex_unlock(&st->lock);
    return before;
}

unsigned cs_certset_flags(cs_certset *s, uint64_t key) {
    cs_certset_stripe *st = &s->stripe[key >> (64 - CS_CERTSET_STRIPE_BITS)];
    pthread_mutex_lock(&st->lock);
    uint64_t *slot = cs_certset_probe(st, cs_certset_fp(key));
    unsigned flags = slot != NULL ? (unsigned)(*slot & 3u) : 0;
    pthread_mutex_unlock(&st->lock);
    return flags;
}

uint64_t cs_certset_count(cs_certset *s) {
    uint64_t n = 0;
    for (unsigned i = 0; i < CS_CERTSET_STRIPES; i++) {
        pthread_mutex_lock(&s->stripe[i].lock);
        n += s->stripe[i].len;
        pthread_mutex_unlock(&s->stripe[i].lock);
    }
    return n;
}

uint64_t cs_certset_bytes(cs_certset *s) {
    uint64_t n = sizeof *s;
    for (unsigned i = 0; i < CS_CERTSET_STRIPES; i++) {
        pthread_mutex_lock(&s->stripe[i].lock);
        n += (uint64_t)s->stripe[i].cap * sizeof(uint64_t);
        pthread_mutex_unlock(&s->stripe[i].lock);
    }
    return n;
}

uint64_t cs_certset_bytes_now(cs_certset *s) {
    return sizeof *s + atomic_load_explicit(&s->slot_bytes, memory_order_relaxed);
}
