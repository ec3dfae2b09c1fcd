#include "scanner/facts_memo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
/* Inlined: the keys are short and the hash is on the path of every lookup. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "scanner/facts.h"

/* Slots per thread: a power of two. A CA's handful of distinct values per extension fits many
 * times over; a corpus of many CAs replaces entries as it moves from CA to CA. */
#define CS_MEMO_SLOTS 16384

typedef struct cs_memo_entry {
    uint64_t hash;
    uint32_t kind;
    uint32_t len;
    uint32_t result;
    uint32_t cap;
    uint8_t ncols;
    uint8_t valid;
    uint16_t cols[CS_MEMO_MAX_COLS];
    uint8_t *bytes;
} cs_memo_entry;

typedef struct cs_memo_table {
    cs_memo_entry slot[CS_MEMO_SLOTS];
    uint64_t hits, lookups;
    int disabled;
} cs_memo_table;

static _Thread_local cs_memo_table *cs_memo_tls;
static pthread_key_t cs_memo_key;
static pthread_once_t cs_memo_once = PTHREAD_ONCE_INIT;

static void cs_memo_free(void *p) {
    cs_memo_table *t = p;
    for (size_t i = 0; i < CS_MEMO_SLOTS; i++) {
        free(t->slot[i].bytes);
    }
    free(t);
}

static void cs_memo_key_make(void) {
    (void)pthread_key_create(&cs_memo_key, cs_memo_free);
}

/* The calling thread's table, created on first use; NULL when memory ran out (the memo then
 * stays out of the way). */
static cs_memo_table *cs_memo_table_get(void) {
    cs_memo_table *t = cs_memo_tls;
    if (t != NULL) {
        return t;
    }
    if (pthread_once(&cs_memo_once, cs_memo_key_make) != 0) {
        return NULL;
    }
    t = calloc(1, sizeof *t);
    if (t == NULL) {
        return NULL;
    }
    /* Registered so that the table is freed when the thread exits. */
    if (pthread_setspecific(cs_memo_key, t) != 0) {
        free(t);
        return NULL;
    }
    cs_memo_tls = t;
    return t;
}

void cs_memo_columns(uint32_t kind, unsigned lo, unsigned hi, const cs_x509 *x,
                     const cs_x509_ext *e, cs_facts *f, cs_memo_judge_fn judge) {
    cs_memo_rec memo;
    if (!cs_memo_lookup(&memo, kind, e->value, lo, hi, f, NULL)) {
        judge(x, e, f, &memo);
        cs_memo_save(&memo, f, 0);
    }
}

void cs_memo_set_enabled(int enabled) {
    cs_memo_table *t = cs_memo_table_get();
    if (t != NULL) {
        t->disabled = !enabled;
    }
}

void cs_memo_reset(void) {
    cs_memo_table *t = cs_memo_tls;
    if (t == NULL) {
        return;
    }
    for (size_t i = 0; i < CS_MEMO_SLOTS; i++) {
        t->slot[i].valid = 0;
    }
    t->hits = 0;
    t->lookups = 0;
}

void cs_memo_thread_cleanup(void) {
    cs_memo_table *t = cs_memo_tls;
    if (t == NULL) {
        return;
    }
    cs_memo_tls = NULL;
    (void)pthread_setspecific(cs_memo_key, NULL);
    cs_memo_free(t);
}

void cs_memo_stats(uint64_t *hits, uint64_t *lookups) {
    cs_memo_table *t = cs_memo_table_get();
    *hits = t != NULL ? t->hits : 0;
    *lookups = t != NULL ? t->lookups : 0;
}

/* The slot of a key. Long values (policies, name constraints) are sampled, start, middle and
 * end, so a lookup costs the same whatever their length; the full bytes are compared on a hit,
 * so a sample shared by two values costs only a miss. */
static uint64_t cs_memo_hash(uint32_t kind, cs_der key) {
    uint64_t seed = (uint64_t)kind << 32 | key.len;
    if (key.len <= 64) {
        return XXH3_64bits_withSeed(key.ptr, key.len, seed);
    }
    uint8_t sample[64];
    memcpy(sample, key.ptr, 16);
    memcpy(sample + 16, key.ptr + key.len / 2 - 8, 16);
    memcpy(sample + 32, key.ptr + key.len - 32, 32);
    return XXH3_64bits_withSeed(sample, sizeof sample, seed);
}

int cs_memo_lookup(cs_memo_rec *rec, uint32_t kind, cs_der key, unsigned lo, unsigned hi,
                   cs_facts *f, uint32_t *result) {
    rec->active = 0;
    cs_memo_table *t = cs_memo_tls != NULL ? cs_memo_tls : cs_memo_table_get();
    if (t == NULL || t->disabled || key.len > CS_MEMO_MAX_KEY) {
        return 0;
    }
    t->lookups++;
    uint64_t hash = cs_memo_hash(kind, key);
    cs_memo_entry *e = &t->slot[hash & (CS_MEMO_SLOTS - 1)];
    if (e->valid && e->hash == hash && e->kind == kind && e->len == key.len &&
        memcmp(e->bytes, key.ptr, key.len) == 0) {
        t->hits++;
        for (unsigned i = 0; i < e->ncols; i++) {
            cs_facts_set(f, e->cols[i]);
        }
        if (result != NULL) {
            *result = e->result;
        }
        return 1;
    }
    rec->active = 1;
    rec->kind = kind;
    rec->key = key;
    rec->hash = hash;
    rec->lo = lo;
    rec->hi = hi;
    if (f != NULL) {
        memcpy(rec->before, f->bits, sizeof rec->before);
        rec->malformed = f->ext_malformed;
    } else {
        memset(rec->before, 0, sizeof rec->before);
        rec->malformed = 0;
    }
    return 0;
}

/* The bits of word `w` that lie in [lo, hi). */
static uint64_t cs_memo_range_mask(unsigned w, unsigned lo, unsigned hi) {
    unsigned start = w * 64, end = start + 64;
    if (hi <= start || lo >= end) {
        return 0;
    }
    unsigned a = lo > start ? lo - start : 0;
    unsigned b = hi < end ? hi - start : 64;
    uint64_t upper = b == 64 ? ~(uint64_t)0 : ((uint64_t)1 << b) - 1;
    return upper & ~(((uint64_t)1 << a) - 1);
}

void cs_memo_save(cs_memo_rec *rec, const cs_facts *f, uint32_t result) {
    if (!rec->active) {
        return;
    }
    rec->active = 0;
    cs_memo_table *t = cs_memo_tls;
    if (t == NULL) {
        return;
    }
    uint16_t cols[CS_MEMO_MAX_COLS];
    unsigned ncols = 0;
    if (f != NULL) {
        if (f->ext_malformed != rec->malformed) {
            return;
        }
        /* An empty range spans no word: first > last. */
        unsigned first = rec->lo / 64, last = rec->hi > rec->lo ? (rec->hi - 1) / 64 : 0;
        if (rec->hi <= rec->lo) {
            first = 1;
            last = 0;
        }
        /* Every word outside the range must be unchanged: one branch-free pass the compiler
         * turns into vector XORs, then the range's one or two words in detail. */
        uint64_t outside = 0;
        for (unsigned w = 0; w < CS_FACT_WORDS; w++) {
            uint64_t changed = f->bits[w] ^ rec->before[w];
            outside |= (w < first || w > last) ? changed : 0;
        }
        if (outside != 0) {
            return;
        }
        for (unsigned w = first; w <= last; w++) {
            uint64_t changed = f->bits[w] ^ rec->before[w];
            uint64_t in = cs_memo_range_mask(w, rec->lo, rec->hi);
            if ((changed & ~in) != 0 || (rec->before[w] & in) != 0) {
                return;
            }
            for (uint64_t b = changed; b != 0; b &= b - 1) {
                if (ncols == CS_MEMO_MAX_COLS) {
                    return;
                }
                cols[ncols++] = (uint16_t)(w * 64 + (unsigned)__builtin_ctzll(b));
            }
        }
    }
    cs_memo_entry *e = &t->slot[rec->hash & (CS_MEMO_SLOTS - 1)];
    if (e->cap < rec->key.len) {
        uint32_t cap = rec->key.len < 64 ? 64 : (uint32_t)rec->key.len;
        uint8_t *bytes = realloc(e->bytes, cap);
        if (bytes == NULL) {
            return;
        }
        e->bytes = bytes;
        e->cap = cap;
    }
    if (rec->key.len > 0) {
        memcpy(e->bytes, rec->key.ptr, rec->key.len);
    }
    e->hash = rec->hash;
    e->kind = rec->kind;
    e->len = (uint32_t)rec->key.len;
    e->result = result;
    e->ncols = (uint8_t)ncols;
    memcpy(e->cols, cols, ncols * sizeof cols[0]);
    e->valid = 1;
}
