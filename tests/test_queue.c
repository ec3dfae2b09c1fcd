/* The pipeline's queue (scanner/queue.h): order, capacity, close, sleeping, and stress runs with
 * several producers and consumers in which every item must come out exactly once. Built with
 * -DCS_TSAN=ON these runs are the queue's data-race check (scripts/run-tests.sh runs them so). */
#include <criterion/criterion.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scanner/queue.h"

/* Items are never NULL: encode (producer, sequence) as a non-zero integer. */
#define ITEM(producer, seq) ((void *)(uintptr_t)((((uint64_t)(producer) + 1) << 32) | (seq)))
#define ITEM_PRODUCER(it)   ((unsigned)(((uintptr_t)(it) >> 32) - 1))
#define ITEM_SEQ(it)        ((uint32_t)(uintptr_t)(it))

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

Test(queue, fifo_and_capacity) {
    cs_queue *q = cs_queue_new(5);
    cr_assert_not_null(q);
    cr_assert_eq(cs_queue_capacity(q), 8, "rounded up to a power of two");
    cr_assert_null(cs_queue_try_pop(q));
    for (uint32_t i = 0; i < 8; i++) {
        cr_assert(cs_queue_try_push(q, ITEM(0, i)), "push %u", i);
    }
    cr_assert_not(cs_queue_try_push(q, ITEM(0, 99)), "a full queue refuses");
    for (uint32_t i = 0; i < 8; i++) {
        void *it = cs_queue_try_pop(q);
        cr_assert_eq(ITEM_SEQ(it), i);
    }
    cr_assert_null(cs_queue_try_pop(q));
    /* Many laps around the ring keep the order. */
    for (uint32_t i = 0; i < 1000; i++) {
        cr_assert(cs_queue_try_push(q, ITEM(0, i)));
        cr_assert(cs_queue_try_push(q, ITEM(0, i + 1000000)));
        cr_assert_eq(ITEM_SEQ(cs_queue_try_pop(q)), i);
        cr_assert_eq(ITEM_SEQ(cs_queue_try_pop(q)), i + 1000000);
    }
    cs_queue_free(q);
}

Test(queue, close_drains_then_ends) {
    cs_queue *q = cs_queue_new(4);
    cr_assert(cs_queue_push(q, ITEM(0, 1)));
    cr_assert(cs_queue_push(q, ITEM(0, 2)));
    cs_queue_close(q);
    cr_assert_not(cs_queue_push(q, ITEM(0, 3)), "no push after close");
    cr_assert_eq(ITEM_SEQ(cs_queue_pop(q)), 1);
    cr_assert_eq(ITEM_SEQ(cs_queue_pop(q)), 2);
    cr_assert_null(cs_queue_pop(q));
    cr_assert_null(cs_queue_pop(q), "stays ended");
    cs_queue_free(q);
}

typedef struct waiter {
    cs_queue *q;
    size_t level;
    void *got;
    atomic_int returned;
} waiter;

static void *waiter_main(void *arg) {
    waiter *w = arg;
    w->got = cs_queue_pop_level(w->q, w->level);
    atomic_store(&w->returned, 1);
    return NULL;
}

/* Waits until the waiter is asleep in the queue (not spinning). */
static void wait_asleep(cs_queue *q) {
    for (int i = 0; i < 10000 && cs_queue_sleeping_consumers(q) == 0; i++) {
        sleep_ms(1);
    }
    cr_assert_eq(cs_queue_sleeping_consumers(q), 1, "the consumer never went to sleep");
}

Test(queue, close_wakes_a_sleeping_consumer) {
    cs_queue *q = cs_queue_new(4);
    waiter w = {.q = q, .level = 1};
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, waiter_main, &w), 0);
    wait_asleep(q);
    cs_queue_close(q);
    pthread_join(t, NULL);
    cr_assert(atomic_load(&w.returned));
    cr_assert_null(w.got);
    cs_queue_free(q);
}

Test(queue, sleeping_consumer_wakes_for_one_item) {
    cs_queue *q = cs_queue_new(4);
    waiter w = {.q = q, .level = 1};
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, waiter_main, &w), 0);
    wait_asleep(q);
    cr_assert(cs_queue_push(q, ITEM(0, 7)));
    pthread_join(t, NULL);
    cr_assert_eq(ITEM_SEQ(w.got), 7);
    cs_queue_free(q);
}

Test(queue, pop_level_sleeps_until_the_level) {
    cs_queue *q = cs_queue_new(8);
    waiter w = {.q = q, .level = 4};
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, waiter_main, &w), 0);
    wait_asleep(q);
    for (uint32_t i = 0; i < 3; i++) {
        cr_assert(cs_queue_push(q, ITEM(0, i)));
    }
    sleep_ms(50);
    cr_assert_not(atomic_load(&w.returned), "woken with 3 items of 4");
    cr_assert(cs_queue_push(q, ITEM(0, 3)));
    pthread_join(t, NULL);
    cr_assert_eq(ITEM_SEQ(w.got), 0, "the oldest item");
    for (uint32_t i = 1; i < 4; i++) {
        cr_assert_eq(ITEM_SEQ(cs_queue_try_pop(q)), i);
    }
    cs_queue_free(q);
}

static double thread_cpu_seconds(pthread_t t) {
    clockid_t clock;
    cr_assert_eq(pthread_getcpuclockid(t, &clock), 0);
    struct timespec ts;
    cr_assert_eq(clock_gettime(clock, &ts), 0);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

Test(queue, an_idle_consumer_costs_no_cpu) {
    cs_queue *q = cs_queue_new(4);
    waiter w = {.q = q, .level = 1};
    pthread_t t;
    cr_assert_eq(pthread_create(&t, NULL, waiter_main, &w), 0);
    wait_asleep(q);
    double before = thread_cpu_seconds(t);
    sleep_ms(300);
    double used = thread_cpu_seconds(t) - before;
    cr_assert_lt(used, 0.03, "an idle consumer used %.3f s of CPU in 0.3 s", used);
    cs_queue_close(q);
    pthread_join(t, NULL);
    cs_queue_free(q);
}

/* ---- stress ---- */

typedef struct stress {
    cs_queue *q;
    unsigned producers;
    unsigned consumers;
    uint32_t per_producer;
    int blocking;
    atomic_uint producers_left;
    atomic_uint_fast64_t popped;
    /* seen[p][s]: how many times item (p, s) came out */
    atomic_uchar **seen;
} stress;

typedef struct stress_thread {
    stress *s;
    unsigned id;
    uint64_t count;
    int order_ok;
    pthread_t thread;
} stress_thread;

static void *stress_producer(void *arg) {
    stress_thread *t = arg;
    stress *s = t->s;
    for (uint32_t i = 0; i < s->per_producer; i++) {
        if (s->blocking) {
            cr_assert(cs_queue_push(s->q, ITEM(t->id, i)));
        } else {
            while (!cs_queue_try_push(s->q, ITEM(t->id, i))) {
                sched_yield();
            }
        }
        t->count++;
    }
    /* The last producer out closes: every push has returned by then. */
    if (atomic_fetch_sub(&s->producers_left, 1) == 1) {
        cs_queue_close(s->q);
    }
    return NULL;
}

static void *stress_consumer(void *arg) {
    stress_thread *t = arg;
    stress *s = t->s;
    uint32_t *last = calloc(s->producers, sizeof *last);
    int *any = calloc(s->producers, sizeof *any);
    t->order_ok = 1;
    void *it;
    while ((it = cs_queue_pop(s->q)) != NULL) {
        unsigned p = ITEM_PRODUCER(it);
        uint32_t seq = ITEM_SEQ(it);
        if (p >= s->producers || seq >= s->per_producer) {
            t->order_ok = 0;
            continue;
        }
        /* One producer's items leave in the order they entered. */
        if (any[p] && seq <= last[p]) {
            t->order_ok = 0;
        }
        any[p] = 1;
        last[p] = seq;
        atomic_fetch_add(&s->seen[p][seq], 1);
        t->count++;
    }
    free(last);
    free(any);
    return NULL;
}

static void run_stress(unsigned producers, unsigned consumers, size_t capacity,
                       uint32_t per_producer, int blocking) {
    stress s = {.producers = producers,
                .consumers = consumers,
                .per_producer = per_producer,
                .blocking = blocking};
    s.q = cs_queue_new(capacity);
    cr_assert_not_null(s.q);
    atomic_init(&s.producers_left, producers);
    s.seen = calloc(producers, sizeof *s.seen);
    for (unsigned p = 0; p < producers; p++) {
        s.seen[p] = calloc(per_producer, sizeof **s.seen);
    }
    stress_thread *pt = calloc(producers, sizeof *pt);
    stress_thread *ct = calloc(consumers, sizeof *ct);
    for (unsigned c = 0; c < consumers; c++) {
        ct[c] = (stress_thread){.s = &s, .id = c};
        cr_assert_eq(pthread_create(&ct[c].thread, NULL, stress_consumer, &ct[c]), 0);
    }
    for (unsigned p = 0; p < producers; p++) {
        pt[p] = (stress_thread){.s = &s, .id = p};
        cr_assert_eq(pthread_create(&pt[p].thread, NULL, stress_producer, &pt[p]), 0);
    }
    uint64_t in = 0, out = 0;
    for (unsigned p = 0; p < producers; p++) {
        pthread_join(pt[p].thread, NULL);
        in += pt[p].count;
    }
    for (unsigned c = 0; c < consumers; c++) {
        pthread_join(ct[c].thread, NULL);
        out += ct[c].count;
        cr_assert(ct[c].order_ok, "consumer %u saw a producer's items out of order", c);
    }
    cr_assert_eq(in, (uint64_t)producers * per_producer);
    cr_assert_eq(out, in, "%llu items in, %llu out", (unsigned long long)in,
                 (unsigned long long)out);
    for (unsigned p = 0; p < producers; p++) {
        for (uint32_t i = 0; i < per_producer; i++) {
            cr_assert_eq(atomic_load(&s.seen[p][i]), 1, "item (%u, %u) came out %u times", p, i,
                         (unsigned)atomic_load(&s.seen[p][i]));
        }
        free(s.seen[p]);
    }
    free(s.seen);
    free(pt);
    free(ct);
    cs_queue_free(s.q);
}

Test(queue_stress, four_producers_four_consumers_small_ring) {
    run_stress(4, 4, 4, 50000, 1);
}

Test(queue_stress, one_producer_many_consumers) {
    run_stress(1, 6, 8, 100000, 1);
}

Test(queue_stress, many_producers_one_consumer) {
    run_stress(6, 1, 8, 30000, 1);
}

Test(queue_stress, try_push_spinning_producers) {
    run_stress(3, 3, 2, 30000, 0);
}

Test(queue_stress, large_ring_never_full) {
    run_stress(2, 2, 1 << 16, 30000, 1);
}
