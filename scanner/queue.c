#include "scanner/queue.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CS_QUEUE_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define CS_QUEUE_RELAX() __asm__ __volatile__("yield")
#else
#define CS_QUEUE_RELAX() ((void)0)
#endif

/* About a microsecond of spinning (pause is tens of cycles) before sleeping: long enough to ride
 * out the gap between two batches of a busy stage, short enough that an idle one goes to sleep
 * at once. */
#define CS_QUEUE_SPINS 200

typedef struct cs_queue_cell {
    atomic_size_t seq;
    void *item;
} cs_queue_cell;

struct cs_queue {
    cs_queue_cell *cells;
    size_t mask;
    /* Producers and consumers each write their own position: separate cache lines. */
    alignas(64) atomic_size_t head; /* next push */
    alignas(64) atomic_size_t tail; /* next pop */
    alignas(64) atomic_uint pop_sleepers;
    atomic_uint push_sleepers;
    atomic_size_t pop_level; /* items a sleeping consumer waits for */
    atomic_int closed;
    pthread_mutex_t mu;
    pthread_cond_t nonempty;
    pthread_cond_t nonfull;
};

cs_queue *cs_queue_new(size_t capacity) {
    size_t cap = 2;
    while (cap < capacity) {
        cap *= 2;
    }
    cs_queue *q = aligned_alloc(64, (sizeof *q + 63) / 64 * 64);
    if (q == NULL) {
        return NULL;
    }
    q->cells = malloc(cap * sizeof *q->cells);
    if (q->cells == NULL) {
        free(q);
        return NULL;
    }
    if (pthread_mutex_init(&q->mu, NULL) != 0) {
        free(q->cells);
        free(q);
        return NULL;
    }
    if (pthread_cond_init(&q->nonempty, NULL) != 0) {
        pthread_mutex_destroy(&q->mu);
        free(q->cells);
        free(q);
        return NULL;
    }
    if (pthread_cond_init(&q->nonfull, NULL) != 0) {
        pthread_cond_destroy(&q->nonempty);
        pthread_mutex_destroy(&q->mu);
        free(q->cells);
        free(q);
        return NULL;
    }
    q->mask = cap - 1;
    for (size_t i = 0; i < cap; i++) {
        atomic_init(&q->cells[i].seq, i);
        q->cells[i].item = NULL;
    }
    atomic_init(&q->head, 0);
    atomic_init(&q->tail, 0);
    atomic_init(&q->pop_sleepers, 0);
    atomic_init(&q->push_sleepers, 0);
    atomic_init(&q->pop_level, 1);
    atomic_init(&q->closed, 0);
    return q;
}

void cs_queue_free(cs_queue *q) {
    if (q == NULL) {
        return;
    }
    pthread_cond_destroy(&q->nonfull);
    pthread_cond_destroy(&q->nonempty);
    pthread_mutex_destroy(&q->mu);
    free(q->cells);
    free(q);
}

size_t cs_queue_capacity(const cs_queue *q) {
    return q->mask + 1;
}

/* Items in the queue: exact for the pushing side right after its push (its position came from
 * an atomic read-modify-write, and the consumer it would wake is asleep, not moving `tail`). */
static size_t cs_queue_size(cs_queue *q) {
    size_t head = atomic_load_explicit(&q->head, memory_order_relaxed);
    size_t tail = atomic_load_explicit(&q->tail, memory_order_relaxed);
    return head - tail;
}

/* Wakes a sleeper of the other side, if any. The fence pairs with the one a sleeper issues after
 * announcing itself: either this side sees the sleeper, or the sleeper's last look at the ring
 * sees what this side just did, so a wake-up is never lost. */
static void cs_queue_wake(cs_queue *q, atomic_uint *sleepers, pthread_cond_t *cond) {
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load_explicit(sleepers, memory_order_relaxed) != 0) {
        pthread_mutex_lock(&q->mu);
        pthread_cond_signal(cond);
        pthread_mutex_unlock(&q->mu);
    }
}

static void cs_queue_wake_consumer(cs_queue *q) {
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load_explicit(&q->pop_sleepers, memory_order_relaxed) != 0 &&
        cs_queue_size(q) >= atomic_load_explicit(&q->pop_level, memory_order_relaxed)) {
        pthread_mutex_lock(&q->mu);
        pthread_cond_signal(&q->nonempty);
        pthread_mutex_unlock(&q->mu);
    }
}

static int cs_queue_try_push_quiet(cs_queue *q, void *item) {
    size_t pos = atomic_load_explicit(&q->head, memory_order_relaxed);
    for (;;) {
        cs_queue_cell *c = &q->cells[pos & q->mask];
        size_t seq = atomic_load_explicit(&c->seq, memory_order_acquire);
        intptr_t dif = (intptr_t)seq - (intptr_t)pos;
        if (dif == 0) {
            if (atomic_compare_exchange_weak_explicit(&q->head, &pos, pos + 1, memory_order_relaxed,
                                                      memory_order_relaxed)) {
                c->item = item;
                atomic_store_explicit(&c->seq, pos + 1, memory_order_release);
                return 1;
            }
        } else if (dif < 0) {
            return 0; /* the cell still holds the item of the previous lap: full */
        } else {
            pos = atomic_load_explicit(&q->head, memory_order_relaxed);
        }
    }
}

static void *cs_queue_try_pop_quiet(cs_queue *q) {
    size_t pos = atomic_load_explicit(&q->tail, memory_order_relaxed);
    for (;;) {
        cs_queue_cell *c = &q->cells[pos & q->mask];
        size_t seq = atomic_load_explicit(&c->seq, memory_order_acquire);
        intptr_t dif = (intptr_t)seq - (intptr_t)(pos + 1);
        if (dif == 0) {
            if (atomic_compare_exchange_weak_explicit(&q->tail, &pos, pos + 1, memory_order_relaxed,
                                                      memory_order_relaxed)) {
                void *item = c->item;
                atomic_store_explicit(&c->seq, pos + q->mask + 1, memory_order_release);
                return item;
            }
        } else if (dif < 0) {
            return NULL; /* not yet filled on this lap: empty */
        } else {
            pos = atomic_load_explicit(&q->tail, memory_order_relaxed);
        }
    }
}

int cs_queue_try_push(cs_queue *q, void *item) {
    if (!cs_queue_try_push_quiet(q, item)) {
        return 0;
    }
    cs_queue_wake_consumer(q);
    return 1;
}

void *cs_queue_try_pop(cs_queue *q) {
    void *item = cs_queue_try_pop_quiet(q);
    if (item != NULL) {
        cs_queue_wake(q, &q->push_sleepers, &q->nonfull);
    }
    return item;
}

int cs_queue_push(cs_queue *q, void *item) {
    for (int i = 0; i < CS_QUEUE_SPINS; i++) {
        if (atomic_load_explicit(&q->closed, memory_order_acquire)) {
            return 0;
        }
        if (cs_queue_try_push(q, item)) {
            return 1;
        }
        CS_QUEUE_RELAX();
    }
    int pushed = 0;
    pthread_mutex_lock(&q->mu);
    atomic_fetch_add_explicit(&q->push_sleepers, 1, memory_order_seq_cst);
    atomic_thread_fence(memory_order_seq_cst);
    while (!atomic_load_explicit(&q->closed, memory_order_acquire)) {
        if (cs_queue_try_push_quiet(q, item)) {
            pushed = 1;
            break;
        }
        pthread_cond_wait(&q->nonfull, &q->mu);
    }
    atomic_fetch_sub_explicit(&q->push_sleepers, 1, memory_order_relaxed);
    pthread_mutex_unlock(&q->mu);
    if (pushed) {
        cs_queue_wake_consumer(q);
    }
    return pushed;
}

void *cs_queue_pop_level(cs_queue *q, size_t level) {
    for (int i = 0; i < CS_QUEUE_SPINS; i++) {
        void *item = cs_queue_try_pop(q);
        if (item != NULL) {
            return item;
        }
        CS_QUEUE_RELAX();
    }
    void *item = NULL;
    pthread_mutex_lock(&q->mu);
    atomic_store_explicit(&q->pop_level, level != 0 ? level : 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&q->pop_sleepers, 1, memory_order_seq_cst);
    atomic_thread_fence(memory_order_seq_cst);
    for (;;) {
        int closed = atomic_load_explicit(&q->closed, memory_order_acquire);
        /* Every push happened before the close: once closed, one more look sees them all. */
        if (closed || cs_queue_size(q) >= level) {
            item = cs_queue_try_pop_quiet(q);
            if (item != NULL || closed) {
                break;
            }
        }
        pthread_cond_wait(&q->nonempty, &q->mu);
    }
    atomic_fetch_sub_explicit(&q->pop_sleepers, 1, memory_order_relaxed);
    atomic_store_explicit(&q->pop_level, 1, memory_order_relaxed);
    pthread_mutex_unlock(&q->mu);
    if (item != NULL) {
        cs_queue_wake(q, &q->push_sleepers, &q->nonfull);
    }
    return item;
}

void *cs_queue_pop(cs_queue *q) {
    return cs_queue_pop_level(q, 1);
}

unsigned cs_queue_sleeping_consumers(cs_queue *q) {
    return atomic_load_explicit(&q->pop_sleepers, memory_order_acquire);
}

void cs_queue_close(cs_queue *q) {
    pthread_mutex_lock(&q->mu);
    atomic_store_explicit(&q->closed, 1, memory_order_release);
    pthread_cond_broadcast(&q->nonempty);
    pthread_cond_broadcast(&q->nonfull);
    pthread_mutex_unlock(&q->mu);
}
