/* A worker: turns a chunk of framed entries into evaluated certificates. Per entry it decodes
 * (base64 for PEM and base64 lines), hashes (XXH3-128), parses and extracts facts; per chunk it
 * runs every rule over the batch of 64 and hands the batch to the caller's on_batch. A worker's
 * memory (certificate views, facts, decode buffer) is its own and reused for every chunk.
 */
#ifndef CS_WORKER_H
#define CS_WORKER_H

#include "scanner/chunk.h"
#include "scanner/scan.h"

typedef struct cs_worker {
    const cs_scan_options *opt;
    void *state; /* the caller's per-worker state */
    cs_scan_batch *batch;
    uint8_t *dec; /* decoded DER of the chunk's PEM and base64 entries */
    size_t dec_cap;
} cs_worker;

/* Returns 0 when memory ran out. */
int cs_worker_init(cs_worker *w, const cs_scan_options *opt, void *state);
void cs_worker_free(cs_worker *w);
/* Evaluates the chunk, recording each entry's outcome in it. Returns 0 when memory ran out
 * (in this worker or in on_batch). */
int cs_worker_run(cs_worker *w, cs_chunk *c);

#endif
