/* A bounded multi-producer multi-consumer queue of pointers, the link between the scanner's
 * stages.
 *
 * The ring is Dmitry Vyukov's bounded MPMC queue: each cell carries a sequence number that says
 * whether it is free for the producer of a given turn or full for the consumer of that turn, so
 * a push or a pop is one compare-and-swap on the shared position and no lock. A stage that
 * finds the queue empty (or full) spins briefly, then sleeps on a condition variable, so an idle
 * stage costs no CPU; the other side takes the mutex only when it sees a sleeper, which in a
 * busy pipeline is never.
 *
 * The queue carries batches (64 certificates), not single entries: its cost is spread over a
 * batch. Items must not be NULL.
 */
#ifndef CS_QUEUE_H
#define CS_QUEUE_H

#include <stddef.h>

typedef struct cs_queue cs_queue;

/* A queue holding at least `capacity` items (rounded up to a power of two). NULL when memory
 * or a mutex could not be had. */
cs_queue *cs_queue_new(size_t capacity);
void cs_queue_free(cs_queue *q);
size_t cs_queue_capacity(const cs_queue *q);

/* Non-blocking: 1 when pushed, 0 when full. */
int cs_queue_try_push(cs_queue *q, void *item);
/* Non-blocking: the oldest item, or NULL when empty. */
void *cs_queue_try_pop(cs_queue *q);

/* Waits while the queue is full. Returns 0 (and does not push) once the queue is closed. */
int cs_queue_push(cs_queue *q, void *item);
/* Waits while the queue is empty and open. Returns NULL once it is closed and drained. */
void *cs_queue_pop(cs_queue *q);
/* The same, but once it has to sleep it sleeps until `level` items are there (or the queue is
 * closed), so that a stage that runs far ahead of its consumers is woken once per `level` items
 * rather than once per item. For a queue with a single consumer, which must know that `level`
 * items will come. */
void *cs_queue_pop_level(cs_queue *q, size_t level);

/* Consumers asleep in cs_queue_pop / cs_queue_pop_level right now (for tests and diagnostics). */
unsigned cs_queue_sleeping_consumers(cs_queue *q);

/* No more pushes: wakes every waiter. Items already in the queue can still be popped. Whoever
 * closes must know every push has returned (the pipeline closes from the last producer). */
void cs_queue_close(cs_queue *q);

#endif
