#define _GNU_SOURCE /* sched_getaffinity and CPU_COUNT */
#include "scanner/scan.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scanner/chunk.h"
#include "scanner/pipeline.h"
#include "scanner/progress.h"
#include "scanner/reader.h"
#include "scanner/sink.h"
#include "scanner/worker.h"

const char *cs_scan_entry_reason(const cs_scan_entry *entry) {
    if (entry->entry_status != CS_ENTRY_OK) {
        return cs_entry_status_name(entry->entry_status);
    }
    static const char *const names[CS_DER_STATUS_COUNT] = {
        [CS_DER_OK] = "x509.ok",
        [CS_DER_TRUNCATED] = "x509.truncated",
        [CS_DER_INDEFINITE_LENGTH] = "x509.indefinite_length",
        [CS_DER_NONMINIMAL_LENGTH] = "x509.nonminimal_length",
        [CS_DER_LENGTH_OVERFLOW] = "x509.length_overflow",
        [CS_DER_BAD_TAG] = "x509.bad_tag",
        [CS_DER_UNEXPECTED_TAG] = "x509.unexpected_tag",
        [CS_DER_TRAILING_DATA] = "x509.trailing_data",
        [CS_DER_TOO_DEEP] = "x509.too_deep",
        [CS_DER_BAD_INTEGER] = "x509.bad_integer",
        [CS_DER_BAD_BOOLEAN] = "x509.bad_boolean",
        [CS_DER_BAD_OID] = "x509.bad_oid",
        [CS_DER_BAD_BITSTRING] = "x509.bad_bitstring",
        [CS_DER_BAD_TIME] = "x509.bad_time",
        [CS_DER_BAD_VALUE] = "x509.bad_value",
        [CS_DER_LIMIT] = "x509.limit",
    };
    unsigned s = (unsigned)entry->parse_error.status;
    return s < CS_DER_STATUS_COUNT ? names[s] : "x509.unknown";
}

unsigned cs_scan_default_jobs(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) {
        return (unsigned)CPU_COUNT(&set);
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

unsigned cs_scan_default_readers(unsigned jobs) {
    /* A reader frames and copies; a worker decodes, parses and runs 400 rules: one reader
     * keeps about four workers busy on one input. More readers only help with more inputs. */
    unsigned r = jobs / 4;
    return r != 0 ? r : 1;
}

/* ---- every stage on the calling thread (-j 1) ---- */

typedef struct cs_scan_inline {
    const cs_scan_options *opt;
    cs_reader reader;
    cs_worker worker;
    cs_sink sink;
    cs_chunk *chunk; /* the one chunk, handed round the stages; NULL once a stage failed */
    cs_chunk *owned; /* the same, to free */
    uint64_t next_file_no;
    int failed;
} cs_scan_inline;

static cs_chunk *cs_scan_inline_emit(void *ctx, cs_chunk *full) {
    cs_scan_inline *s = ctx;
    if (!s->failed && !cs_worker_run(&s->worker, full)) {
        s->failed = 1;
    }
    if (!s->failed) {
        cs_sink_deliver(&s->sink, full);
    }
    cs_chunk_release(full);
    return s->failed ? NULL : full;
}

static int cs_scan_inline_file(cs_scan_inline *s, const char *path, const char *error) {
    cs_scan_file *f = cs_scan_file_new(path, s->next_file_no++, error);
    if (f == NULL) {
        s->failed = 1;
        return 0;
    }
    cs_reader_file(&s->reader, f, &s->chunk);
    cs_scan_file_unref(f);
    return !s->failed;
}

static int cs_scan_inline_walk_file(void *ctx, const char *path) {
    return cs_scan_inline_file(ctx, path, NULL);
}

static void cs_scan_inline_walk_error(void *ctx, const char *path, const char *message) {
    cs_scan_inline *s = ctx;
    if (!s->failed) {
        cs_scan_inline_file(s, path, message);
    }
}

static void cs_scan_inline_sample(void *ctx, cs_progress_sample *out) {
    cs_scan_inline *s = ctx;
    out->entries = atomic_load_explicit(&s->sink.entries, memory_order_relaxed);
    out->bytes = atomic_load_explicit(&s->reader.bytes, memory_order_relaxed);
}

static int cs_scan_inline_run(const char *const *paths, size_t num_paths,
                              const cs_scan_options *options, cs_scan_totals *totals, char *errbuf,
                              size_t errlen) {
    cs_scan_inline s;
    memset(&s, 0, sizeof s);
    s.opt = options;
    cs_reader_init(&s.reader, options, cs_scan_inline_emit, &s);
    void *state = options->worker_state != NULL ? options->worker_state[0] : NULL;
    s.chunk = s.owned = cs_chunk_new(0);
    int ok = s.chunk != NULL && cs_worker_init(&s.worker, options, state) &&
             cs_sink_init(&s.sink, options, totals, 1);
    if (ok) {
        if (options->progress != NULL) {
            cs_progress_start(options->progress, cs_scan_inline_sample, &s);
        }
        cs_input_walk(paths, num_paths, cs_scan_inline_walk_file, cs_scan_inline_walk_error, &s);
        if (options->progress != NULL) {
            cs_progress_stop(options->progress);
        }
        ok = !s.failed;
    }
    cs_chunk_free(s.owned);
    cs_worker_free(&s.worker);
    cs_sink_free(&s.sink);
    if (!ok) {
        snprintf(errbuf, errlen, "out of memory");
    }
    return ok;
}

/* ---- entry point ---- */

/* The inputs' total size for the progress line, when it can be had cheaply: every input a
 * regular file, or a directory of not too many. Standard input and other pipes have none. */
#define CS_SCAN_SIZE_WALK_MAX 10000

typedef struct cs_scan_size {
    uint64_t total;
    size_t files;
    int known;
} cs_scan_size;

static int cs_scan_size_file(void *ctx, const char *path) {
    cs_scan_size *z = ctx;
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        ++z->files > CS_SCAN_SIZE_WALK_MAX) {
        z->known = 0;
        return 0;
    }
    z->total += (uint64_t)st.st_size;
    return 1;
}

static void cs_scan_measure(const char *const *paths, size_t num_paths, cs_progress *progress) {
    cs_scan_size z = {0, 0, 1};
    cs_input_walk(paths, num_paths, cs_scan_size_file, NULL, &z);
    if (z.known) {
        cs_progress_set_total(progress, z.total);
    }
}

int cs_scan_paths(const char *const *paths, size_t num_paths, const cs_scan_options *options,
                  cs_scan_totals *out_totals, char *errbuf, size_t errlen) {
    memset(out_totals, 0, sizeof *out_totals);
    if (options->progress != NULL) {
        cs_scan_measure(paths, num_paths, options->progress);
    }
    if (options->jobs <= 1) {
        return cs_scan_inline_run(paths, num_paths, options, out_totals, errbuf, errlen);
    }
    return cs_pipeline_run(paths, num_paths, options, out_totals, errbuf, errlen);
}
