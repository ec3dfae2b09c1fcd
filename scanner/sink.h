/* The writer end of the pipeline: puts chunks back in input order and delivers them.
 *
 * Workers finish chunks in any order. Each chunk carries its input's number and its own number
 * within the input, and the sink holds early arrivals until the chunk due next comes; it then
 * counts the entries, calls on_ordered (and on_error for an unreadable input) and hands the chunk
 * back. The chunks held can never exceed the pool (readers stop when their free lists are empty),
 * so the reordering window is bounded by the pool size.
 */
#ifndef CS_SINK_H
#define CS_SINK_H

#include <stdatomic.h>

#include "scanner/chunk.h"
#include "scanner/scan.h"

typedef struct cs_sink {
    const cs_scan_options *opt;
    cs_scan_totals *totals;
    uint64_t next_file; /* the input due next */
    uint64_t next_seq;  /* its chunk due next */
    cs_chunk **held;    /* arrived early */
    size_t num_held;
    size_t cap;
    atomic_uint_fast64_t entries; /* delivered so far, for the progress line */
} cs_sink;

/* `capacity`: the most chunks that can be in flight. Returns 0 when memory ran out. */
int cs_sink_init(cs_sink *s, const cs_scan_options *opt, cs_scan_totals *totals, size_t capacity);
void cs_sink_free(cs_sink *s);
/* Delivers a chunk that is next in input order (the single-threaded scan produces them so). */
void cs_sink_deliver(cs_sink *s, cs_chunk *c);
/* Takes a chunk in any order; calls `recycle` for each chunk delivered (possibly none, possibly
 * several held ones). */
void cs_sink_put(cs_sink *s, cs_chunk *c, void (*recycle)(void *ctx, cs_chunk *c), void *ctx);
/* Hands every held chunk to `recycle` undelivered (a scan that stops early). */
void cs_sink_drop(cs_sink *s, void (*recycle)(void *ctx, cs_chunk *c), void *ctx);

#endif
