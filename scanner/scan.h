/* The scan driver: inputs -> entries -> parse -> facts -> rules, a batch of 64 at a time, on
 * as many cores as asked (scanner/README.md draws the stages).
 *
 * Callers see two things. Each evaluated batch is handed to `on_batch` on the worker thread
 * that evaluated it, with that worker's own state (a per-worker aggregate, say), and may leave
 * text in a buffer. Then, on the calling thread and strictly in input order, `on_ordered` gets
 * the batch's entries (positions and outcomes) and that text, and `on_error` gets the inputs
 * that could not be read. Every entry read reaches `on_ordered` exactly once, parsed or
 * rejected with its reason, whatever the number of threads: output is the same for -j 1 and
 * -j 64.
 */
#ifndef CS_SCAN_H
#define CS_SCAN_H

#include <stdint.h>
#include <xxhash.h>

#include "io/buf.h"
#include "io/input.h"
#include "scanner/engine.h"

typedef struct cs_progress cs_progress;
typedef struct cs_audit cs_audit;

/* Where an entry was found and what became of it: everything but the certificate itself, so
 * it outlives the worker's view of the certificate. */
typedef struct cs_scan_entry {
    const char *input;            /* path, valid during the callbacks */
    uint64_t input_no;            /* the input's number, from 0, in the order inputs are read */
    uint64_t index;               /* entry number within the input */
    uint64_t offset;              /* byte offset in the input (decompressed) */
    uint64_t line;                /* 1-based line for text inputs, else 0 */
    cs_entry_status entry_status; /* rejected before parsing (framing, base64, decompression) */
    const char *entry_detail;     /* with such a rejection: one sentence; else NULL */
    int parsed;                   /* 1 when the bytes parsed as a certificate */
    cs_der_error parse_error;     /* when the bytes did not parse */
    int has_der;                  /* the entry's bytes were recovered */
    XXH128_hash_t id;             /* XXH3-128 of those bytes: identity for dedup and sharding */
    cs_log_info log; /* CT inputs: log timestamp and index, certificate / precertificate / chain */
} cs_scan_entry;

typedef struct cs_scan_item {
    cs_scan_entry *entry;
    const uint8_t *der; /* the entry's bytes, NULL when not recovered */
    size_t der_len;
    cs_x509 x509; /* valid when entry->parsed */
    /* cs_agg_pair_key of x509 when entry->parsed, computed once by the worker: --passes,
     * --shard and the aggregate's counting all select by it. */
    uint64_t pair_key;
} cs_scan_item;

typedef struct cs_scan_batch {
    unsigned n;
    cs_scan_item item[CS_BATCH_LANES];
    cs_batch batch; /* lane i holds item i */
    uint64_t *fail; /* one word per rule of the rule set */
    /* One word per rule: findings a waiver took out of `fail` (scanner/policy.h). */
    uint64_t *waived;
} cs_scan_batch;

/* On a worker thread: `worker_state` is that worker's entry of cs_scan_options.worker_state.
 * Text appended to `out` reaches on_ordered with the batch's entries. Returns 0 when memory ran
 * out, which stops the scan. */
typedef int (*cs_scan_batch_fn)(void *worker_state, const cs_scan_batch *b, cs_buf *out);
/* On the calling thread, in input order. */
typedef void (*cs_scan_ordered_fn)(void *ctx, const cs_scan_entry *entries, unsigned n,
                                   const cs_buf *text);
/* On the calling thread, in input order: inputs or paths that cannot be read (the scan goes
 * on). */
typedef void (*cs_scan_error_fn)(void *ctx, const char *path, const char *message);

typedef struct cs_scan_options {
    cs_input_format format;
    cs_input_config input; /* read size, window, expansion limit */
    const cs_ruleset *rules;
    const cs_profile_config *profiles; /* may be NULL */
    /* Threads evaluating certificates; with a single reader the calling thread is one of them
     * (and reads and writes too). 1 runs every stage on the calling thread, with no thread at
     * all. */
    unsigned jobs;
    /* Reader threads (0: one per four workers); more let several inputs be read at once. */
    unsigned readers;
    /* With several readers, plain PEM and base64-lines files of at least this many bytes are
     * cut into ranges read in parallel (scanner/split.h). 0: 64 MiB; UINT64_MAX: never. */
    uint64_t split_size;
    void *const *worker_state; /* `jobs` entries, or NULL */
    /* Waivers, per-CA rule settings and the severity tally, applied to every batch after the
     * rules ran and before on_batch (scanner/policy.h); may be NULL. */
    cs_audit *policy;
    /* Pre-issuance: entries may be bare TBSCertificates (scanner/tbs.h). */
    int tbs;
    cs_scan_batch_fn on_batch;
    cs_scan_ordered_fn on_ordered;
    cs_scan_error_fn on_error;
    void *ctx;
    cs_progress *progress; /* started and stopped by the scan; may be NULL */
    /* Pass pass_k of pass_n (scan --memory): parsed certificates whose pairing key is not
     * pass_k - 1 mod pass_n get no facts and no rules (an empty lane). pass_n < 2: every one. */
    uint32_t pass_k, pass_n;
} cs_scan_options;

typedef struct cs_scan_totals {
    uint64_t inputs;       /* files opened */
    uint64_t input_errors; /* paths that could not be opened or read */
    uint64_t entries;      /* entries read */
    uint64_t parsed;
    uint64_t rejected;
    uint64_t skipped_blocks; /* PEM blocks of other types (keys, CRLs) */
    uint64_t bytes;          /* bytes read from the inputs (compressed bytes for gzip) */
} cs_scan_totals;

/* Scans the given paths (files, directories, "-"). Returns 1 when the scan ran to the end; 0
 * with a message in errbuf when memory ran out or threads could not be started. */
int cs_scan_paths(const char *const *paths, size_t num_paths, const cs_scan_options *options,
                  cs_scan_totals *out_totals, char *errbuf, size_t errlen);

/* The CPUs this process may run on: the default for -j. */
unsigned cs_scan_default_jobs(void);
/* Readers for `jobs` workers when none are asked for. */
unsigned cs_scan_default_readers(unsigned jobs);

/* Reason key for a rejected entry: "input.bad_base64", "x509.truncated", ... */
const char *cs_scan_entry_reason(const cs_scan_entry *entry);

#endif
