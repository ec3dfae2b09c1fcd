#include "scanner/pipeline.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/chunk.h"
#include "scanner/progress.h"
#include "scanner/queue.h"
#include "scanner/reader.h"
#include "scanner/sink.h"
#include "scanner/split.h"
#include "scanner/worker.h"

/* Inputs waiting for a reader: paths are small, and the walk runs ahead of the readers by at
 * most this many. */
#define CS_PIPELINE_FILES_QUEUE 64

typedef struct cs_pipeline cs_pipeline;

typedef struct cs_reader_slot {
    cs_reader reader;
    cs_pipeline *p;
    unsigned id;
    cs_queue *free_list; /* this reader's empty chunks, returned by the writer */
    size_t wake_level;   /* free chunks a reader thread waits for once it has none */
    cs_split_ops split;  /* for ranges of a split file (reader threads only) */
    pthread_t thread;    /* readers 1..; reader 0 is the calling thread */
} cs_reader_slot;

typedef struct cs_worker_slot {
    cs_worker worker;
    cs_pipeline *p;
    pthread_t thread;
} cs_worker_slot;

struct cs_pipeline {
    const cs_scan_options *opt;
    const char *const *paths;
    size_t num_paths;
    unsigned num_readers;
    unsigned num_workers;        /* worker states: -j */
    unsigned num_worker_threads; /* the rest run on the calling thread (main_worker) */
    cs_worker *main_worker;      /* the calling thread's, when it is the single reader */
    size_t per_reader;
    size_t num_chunks;
    cs_queue *files; /* walker -> readers: cs_scan_file */
    cs_queue *work;  /* readers -> workers: filled chunks */
    cs_queue *done;  /* workers -> writer: evaluated chunks */
    cs_reader_slot *readers;
    cs_worker_slot *workers;
    cs_chunk **chunks; /* every chunk, for the teardown */
    cs_sink sink;
    pthread_t walker;
    atomic_uint live_readers;
    atomic_uint live_workers;
    atomic_int failed;     /* memory ran out: stop reading, drain, report */
    char wake_writer;      /* its address, pushed on `done`, tells the writer of a failure */
    uint64_t next_file_no; /* the walker's */
    uint64_t split_size;   /* files this large are split over the readers; 0: never */
};

unsigned cs_pipeline_chunks_per_reader(unsigned jobs, unsigned readers) {
    unsigned n = (2 * jobs + readers - 1) / readers + 2;
    return n < 4 ? 4 : n;
}

static void cs_pipeline_fail(cs_pipeline *p) {
    if (!atomic_exchange(&p->failed, 1)) {
        /* The walker's pushes now fail, so it stops; readers drain what is queued. */
        cs_queue_close(p->files);
        /* A reader that stops mid-input never sends that input's last chunk, and chunks held
         * for the order behind it would never be freed: the writer must hear of the failure
         * even if no chunk comes. `done` has one cell more than there are chunks for this. */
        cs_queue_push(p->done, &p->wake_writer);
    }
}

static int cs_pipeline_failed(cs_pipeline *p) {
    return atomic_load_explicit(&p->failed, memory_order_relaxed);
}

/* ---- walker ---- */

static int cs_pipeline_push_file(cs_pipeline *p, const char *path, const char *error) {
    cs_scan_file *f = cs_scan_file_new(path, p->next_file_no, error);
    if (f == NULL) {
        cs_pipeline_fail(p);
        return 0;
    }
    if (!cs_queue_push(p->files, f)) {
        cs_scan_file_unref(f);
        return 0;
    }
    p->next_file_no++;
    return 1;
}

static int cs_pipeline_push_range(void *ctx, cs_scan_file *range) {
    cs_pipeline *p = ctx;
    if (!cs_queue_push(p->files, range)) {
        cs_scan_file_unref(range);
        return 0;
    }
    return 1;
}

static int cs_pipeline_walk_file(void *ctx, const char *path) {
    cs_pipeline *p = ctx;
    int stopped = 0;
    if (p->split_size != 0 && cs_split_file(path, p->next_file_no, p->opt, p->split_size,
                                            cs_pipeline_push_range, p, &stopped)) {
        p->next_file_no++;
        return !stopped;
    }
    return cs_pipeline_push_file(p, path, NULL);
}

static void cs_pipeline_walk_error(void *ctx, const char *path, const char *message) {
    cs_pipeline_push_file(ctx, path, message);
}

static void *cs_pipeline_walker(void *arg) {
    cs_pipeline *p = arg;
    cs_input_walk(p->paths, p->num_paths, cs_pipeline_walk_file, cs_pipeline_walk_error, p);
    cs_queue_close(p->files);
    return NULL;
}

/* ---- writer: in input order, on the calling thread ---- */

static void cs_pipeline_recycle(void *ctx, cs_chunk *c) {
    cs_pipeline *p = ctx;
    cs_chunk_release(c);
    /* Each free list can hold all of its reader's chunks: never waits. */
    cs_queue_push(p->readers[c->reader].free_list, c);
}

/* Takes one item off `done`: a chunk to deliver (or drop, after a failure). */
static void cs_pipeline_take(cs_pipeline *p, void *item) {
    if (cs_pipeline_failed(p)) {
        if (item != &p->wake_writer) {
            cs_pipeline_recycle(p, item);
        }
        cs_sink_drop(&p->sink, cs_pipeline_recycle, p);
        return;
    }
    cs_sink_put(&p->sink, item, cs_pipeline_recycle, p);
}

/* ---- readers ---- */

/* Reader threads: hand the chunk to the workers; wait for an empty one. */
static cs_chunk *cs_pipeline_reader_emit(void *ctx, cs_chunk *full) {
    cs_reader_slot *rs = ctx;
    cs_pipeline *p = rs->p;
    /* The work queue holds every chunk there is, so this push never waits. */
    cs_queue_push(p->work, full);
    /* Backpressure: with no empty chunk left, this reader sleeps until the writer has freed
     * half of its chunks (all of them come back: the writer only holds chunks back for the
     * order, and the input read first is always deliverable), then reads on for a while. */
    cs_chunk *c = cs_queue_pop_level(rs->free_list, rs->wake_level);
    return c == NULL || cs_pipeline_failed(p) ? NULL : c;
}

/* The calling thread evaluates a chunk itself and delivers it; 0 when there was none queued. */
static int cs_pipeline_main_evaluate(cs_pipeline *p) {
    cs_chunk *c = cs_queue_try_pop(p->work);
    if (c == NULL) {
        return 0;
    }
    if (!cs_pipeline_failed(p) && !cs_worker_run(p->main_worker, c)) {
        cs_pipeline_fail(p);
    }
    cs_pipeline_take(p, c);
    return 1;
}

static void cs_pipeline_main_deliver(cs_pipeline *p) {
    void *item;
    while ((item = cs_queue_try_pop(p->done)) != NULL) {
        cs_pipeline_take(p, item);
    }
}

/* With a single reader, the calling thread is that reader, the writer and one of the -j workers:
 * it reads while it has an empty chunk, and otherwise evaluates a filled one rather than wait,
 * so that -j N keeps exactly N threads busy and no chunk waits for a writer to be woken. */
static cs_chunk *cs_pipeline_main_emit(void *ctx, cs_chunk *full) {
    cs_reader_slot *rs = ctx;
    cs_pipeline *p = rs->p;
    cs_queue_push(p->work, full);
    cs_pipeline_main_deliver(p);
    cs_chunk *c;
    while ((c = cs_queue_try_pop(rs->free_list)) == NULL) {
        if (cs_pipeline_main_evaluate(p)) {
            cs_pipeline_main_deliver(p);
            continue;
        }
        /* Every chunk not held back for the order is being evaluated or is on its way through
         * `done`: sleep until half of them (or all, if fewer are out) have come. */
        size_t out = p->num_chunks - p->sink.num_held;
        size_t level = out < p->num_chunks / 2 ? out : p->num_chunks / 2;
        void *item = cs_queue_pop_level(p->done, level != 0 ? level : 1);
        if (item == NULL) {
            return NULL;
        }
        cs_pipeline_take(p, item);
    }
    return cs_pipeline_failed(p) ? NULL : c;
}

static void cs_pipeline_read_files(cs_reader_slot *rs) {
    cs_pipeline *p = rs->p;
    cs_chunk *c = cs_queue_try_pop(rs->free_list);
    cs_scan_file *f;
    while ((f = cs_queue_pop(p->files)) != NULL) {
        if (c != NULL && !cs_pipeline_failed(p)) {
            if (f->split != NULL) {
                cs_split_read(&rs->reader, f, &c, &rs->split);
            } else {
                cs_reader_file(&rs->reader, f, &c);
            }
        } else if (f->split != NULL) {
            cs_split_abandon(f);
        }
        cs_scan_file_unref(f);
    }
    if (c != NULL) {
        cs_queue_push(rs->free_list, c);
    }
    if (atomic_fetch_sub(&p->live_readers, 1) == 1) {
        cs_queue_close(p->work);
    }
}

static void *cs_pipeline_reader(void *arg) {
    cs_pipeline_read_files(arg);
    return NULL;
}

/* Ranges of a split file: the same queues, with parking (scanner/split.h). */
static void cs_pipeline_split_push(void *ctx, cs_chunk *c) {
    cs_reader_slot *rs = ctx;
    cs_queue_push(rs->p->work, c);
}

static cs_chunk *cs_pipeline_split_try_take(void *ctx) {
    cs_reader_slot *rs = ctx;
    return cs_queue_try_pop(rs->free_list);
}

static void cs_pipeline_split_give_back(void *ctx, cs_chunk *c) {
    cs_reader_slot *rs = ctx;
    cs_queue_push(rs->free_list, c);
}

static cs_chunk *cs_pipeline_split_take(void *ctx) {
    cs_reader_slot *rs = ctx;
    cs_chunk *c = cs_queue_pop_level(rs->free_list, rs->wake_level);
    if (c != NULL && cs_pipeline_failed(rs->p)) {
        cs_queue_push(rs->free_list, c);
        return NULL;
    }
    return c;
}

/* ---- workers ---- */

static void *cs_pipeline_worker(void *arg) {
    cs_worker_slot *ws = arg;
    cs_pipeline *p = ws->p;
    cs_chunk *c;
    while ((c = cs_queue_pop(p->work)) != NULL) {
        if (!cs_pipeline_failed(p) && !cs_worker_run(&ws->worker, c)) {
            cs_pipeline_fail(p);
        }
        cs_queue_push(p->done, c);
    }
    if (atomic_fetch_sub(&p->live_workers, 1) == 1) {
        cs_queue_close(p->done);
    }
    return NULL;
}

/* ---- progress ---- */

static void cs_pipeline_sample(void *ctx, cs_progress_sample *out) {
    cs_pipeline *p = ctx;
    out->entries = atomic_load_explicit(&p->sink.entries, memory_order_relaxed);
    out->bytes = 0;
    for (unsigned i = 0; i < p->num_readers; i++) {
        out->bytes += atomic_load_explicit(&p->readers[i].reader.bytes, memory_order_relaxed);
    }
}

/* ---- setup and teardown ---- */

static void cs_pipeline_free(cs_pipeline *p) {
    if (p->readers != NULL) {
        for (unsigned i = 0; i < p->num_readers; i++) {
            cs_queue_free(p->readers[i].free_list);
            free(p->readers[i].split.parked);
        }
    }
    if (p->workers != NULL) {
        for (unsigned i = 0; i < p->num_workers; i++) {
            cs_worker_free(&p->workers[i].worker);
        }
    }
    if (p->chunks != NULL) {
        for (size_t i = 0; i < p->num_chunks; i++) {
            cs_chunk_free(p->chunks[i]);
        }
    }
    if (p->files != NULL) {
        cs_scan_file *f;
        while ((f = cs_queue_try_pop(p->files)) != NULL) {
            cs_scan_file_unref(f);
        }
    }
    cs_queue_free(p->files);
    cs_queue_free(p->work);
    cs_queue_free(p->done);
    cs_sink_free(&p->sink);
    free(p->readers);
    free(p->workers);
    free(p->chunks);
}

static int cs_pipeline_setup(cs_pipeline *p, cs_scan_totals *totals) {
    const cs_scan_options *opt = p->opt;
    p->per_reader = cs_pipeline_chunks_per_reader(p->num_workers, p->num_readers);
    p->num_chunks = p->per_reader * p->num_readers;
    p->files = cs_queue_new(CS_PIPELINE_FILES_QUEUE);
    p->work = cs_queue_new(p->num_chunks);
    p->done = cs_queue_new(p->num_chunks + 1);
    p->readers = calloc(p->num_readers, sizeof *p->readers);
    p->workers = calloc(p->num_workers, sizeof *p->workers);
    p->chunks = calloc(p->num_chunks, sizeof *p->chunks);
    if (p->files == NULL || p->work == NULL || p->done == NULL || p->readers == NULL ||
        p->workers == NULL || p->chunks == NULL ||
        !cs_sink_init(&p->sink, opt, totals, p->num_chunks)) {
        return 0;
    }
    for (unsigned r = 0; r < p->num_readers; r++) {
        cs_reader_slot *rs = &p->readers[r];
        rs->p = p;
        rs->id = r;
        int on_main = p->num_readers == 1;
        cs_reader_init(&rs->reader, opt, on_main ? cs_pipeline_main_emit : cs_pipeline_reader_emit,
                       rs);
        rs->free_list = cs_queue_new(p->per_reader);
        rs->wake_level = p->per_reader / 2;
        rs->split = (cs_split_ops){.ctx = rs,
                                   .push = cs_pipeline_split_push,
                                   .try_take = cs_pipeline_split_try_take,
                                   .take = cs_pipeline_split_take,
                                   .give_back = cs_pipeline_split_give_back,
                                   .parked = calloc(p->per_reader, sizeof(cs_chunk *))};
        if (rs->free_list == NULL || rs->split.parked == NULL) {
            return 0;
        }
        for (size_t k = 0; k < p->per_reader; k++) {
            cs_chunk *c = cs_chunk_new(r);
            if (c == NULL) {
                return 0;
            }
            p->chunks[r * p->per_reader + k] = c;
            cs_queue_push(rs->free_list, c);
        }
    }
    for (unsigned w = 0; w < p->num_workers; w++) {
        p->workers[w].p = p;
        void *state = opt->worker_state != NULL ? opt->worker_state[w] : NULL;
        if (!cs_worker_init(&p->workers[w].worker, opt, state)) {
            return 0;
        }
    }
    return 1;
}

/* Starts the worker, reader and walker threads; returns 0 if one could not be started, having
 * closed what its consumers wait on so that those started still finish. Reader threads are
 * p->readers[first .. *out_readers). */
static int cs_pipeline_start(cs_pipeline *p, unsigned first, unsigned *out_workers,
                             unsigned *out_readers, int *out_walker) {
    unsigned w = 0, r = first;
    *out_walker = 0;
    for (; w < p->num_worker_threads; w++) {
        if (pthread_create(&p->workers[w].thread, NULL, cs_pipeline_worker, &p->workers[w]) != 0) {
            break;
        }
    }
    *out_workers = w;
    if (w < p->num_worker_threads) {
        unsigned missing_workers = p->num_worker_threads - w;
        cs_pipeline_fail(p);
        if (atomic_fetch_sub(&p->live_workers, missing_workers) == missing_workers) {
            cs_queue_close(p->done);
        }
    } else {
        for (; r < p->num_readers; r++) {
            if (pthread_create(&p->readers[r].thread, NULL, cs_pipeline_reader, &p->readers[r]) !=
                0) {
                break;
            }
        }
    }
    *out_readers = r;
    unsigned missing = p->num_readers - r;
    if (missing > 0) {
        cs_pipeline_fail(p);
        if (atomic_fetch_sub(&p->live_readers, missing) == missing) {
            cs_queue_close(p->work);
        }
        return 0;
    }
    *out_walker = pthread_create(&p->walker, NULL, cs_pipeline_walker, p) == 0;
    if (!*out_walker) {
        cs_pipeline_fail(p);
        return 0;
    }
    return 1;
}

int cs_pipeline_run(const char *const *paths, size_t num_paths, const cs_scan_options *options,
                    cs_scan_totals *totals, char *errbuf, size_t errlen) {
    cs_pipeline p;
    memset(&p, 0, sizeof p);
    p.opt = options;
    p.paths = paths;
    p.num_paths = num_paths;
    p.num_workers = options->jobs;
    p.num_readers =
        options->readers != 0 ? options->readers : cs_scan_default_readers(p.num_workers);
    /* A single reader runs on the calling thread (see cs_pipeline_main_emit), which then also
     * evaluates chunks as the last of the -j workers; several readers are threads of their own,
     * and the calling thread only writes, so that a reader waiting for an input never keeps the
     * others' chunks from being delivered. */
    int main_reads = p.num_readers == 1;
    /* Only reader threads read ranges: one reader gains nothing from cutting a file. */
    p.split_size = main_reads                          ? 0
                   : options->split_size == 0          ? CS_SPLIT_SIZE_DEFAULT
                   : options->split_size == UINT64_MAX ? 0
                                                       : options->split_size;
    p.num_worker_threads = main_reads ? p.num_workers - 1 : p.num_workers;
    atomic_init(&p.failed, 0);
    atomic_init(&p.live_workers, p.num_worker_threads);
    atomic_init(&p.live_readers, p.num_readers);
    if (!cs_pipeline_setup(&p, totals)) {
        cs_pipeline_free(&p);
        snprintf(errbuf, errlen, "out of memory");
        return 0;
    }
    if (options->progress != NULL) {
        cs_progress_start(options->progress, cs_pipeline_sample, &p);
    }
    if (main_reads) {
        p.main_worker = &p.workers[p.num_workers - 1].worker;
    }
    unsigned first = main_reads ? 1 : 0;
    unsigned workers = 0, readers = first;
    int walker = 0;
    int started = cs_pipeline_start(&p, first, &workers, &readers, &walker);
    if (main_reads && started) {
        cs_pipeline_read_files(&p.readers[0]);
        /* The input is read: help the workers with what is left. */
        while (cs_pipeline_main_evaluate(&p)) {
            cs_pipeline_main_deliver(&p);
        }
    } else if (main_reads && atomic_fetch_sub(&p.live_readers, 1) == 1) {
        cs_queue_close(p.work);
    }
    void *item;
    while ((item = cs_queue_pop(p.done)) != NULL) {
        cs_pipeline_take(&p, item);
    }
    if (walker) {
        pthread_join(p.walker, NULL);
    }
    for (unsigned i = first; i < readers; i++) {
        pthread_join(p.readers[i].thread, NULL);
    }
    for (unsigned i = 0; i < workers; i++) {
        pthread_join(p.workers[i].thread, NULL);
    }
    if (options->progress != NULL) {
        cs_progress_stop(options->progress);
    }
    int failed = cs_pipeline_failed(&p);
    int stuck = !failed && p.sink.num_held != 0;
    cs_sink_drop(&p.sink, cs_pipeline_recycle, &p);
    cs_pipeline_free(&p);
    if (!started) {
        snprintf(errbuf, errlen, "cannot start the scan's threads");
        return 0;
    }
    if (failed) {
        snprintf(errbuf, errlen, "out of memory");
        return 0;
    }
    if (stuck) {
        /* Every chunk handed out came back in order; anything left is a certscan bug. */
        snprintf(errbuf, errlen, "internal error: chunks left out of order");
        return 0;
    }
    return 1;
}
