/* A reader: streams one input at a time into chunks. It frames entries (PEM markers, DER
 * headers, line ends) and copies each into the current chunk; decoding is left to the workers,
 * so a reader costs a few hundred nanoseconds per certificate and one can feed several workers.
 */
#ifndef CS_READER_H
#define CS_READER_H

#include <stdalign.h>
#include <stdatomic.h>

#include "scanner/chunk.h"
#include "scanner/scan.h"

/* Hands a filled chunk on and returns an empty one to continue with, or NULL when the scan is
 * stopping. */
typedef cs_chunk *(*cs_reader_emit_fn)(void *ctx, cs_chunk *full);

typedef struct cs_reader {
    alignas(64) atomic_uint_fast64_t bytes; /* read so far: the progress line's, per reader so
                                               that no two threads write one counter */
    uint64_t bytes_done;                    /* of the inputs already closed */
    const cs_scan_options *opt;
    cs_reader_emit_fn emit;
    void *ctx;
} cs_reader;

void cs_reader_init(cs_reader *r, const cs_scan_options *opt, cs_reader_emit_fn emit, void *ctx);
/* Reads `file` into chunks, starting with *cur (an empty chunk) and ending with the file's last
 * chunk handed on; *cur is then the next empty chunk. Returns 0 when emit said stop (*cur is
 * then NULL). */
int cs_reader_file(cs_reader *r, cs_scan_file *file, cs_chunk **cur);

#endif
