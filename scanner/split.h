/* One large input read by several readers: a plain PEM or base64-lines file of at least
 * `split_size` bytes is cut into byte ranges (at line starts, or BEGIN markers that start a line:
 * io/split.h says why those are safe and why DER and gzip are never cut), and each range travels
 * as an input of its own (same number and path) through the files queue, so that any reader
 * may take it.
 *
 * A reader frames its range as if it were a file, with the file's offsets but entries numbered
 * from 0 and lines from 1. The numbers become the file's once the ranges before are read: each
 * range, when done, publishes where the next one starts (entries, newlines and chunks so far). A
 * reader whose range's start is not yet known parks its filled chunks instead of handing them
 * to the workers, and renumbers and hands them on once it is (waiting for it only when it has no
 * empty chunk left). So workers and the writer only ever see the file's numbers: lint text,
 * rejection details and reports are the same bytes as with one reader, and the writer orders
 * chunks by (input, chunk number) as for any file.
 *
 * Ranges are short (at most CS_SPLIT_RANGE bytes, about two chunks of certificates) so that a
 * range usually fits in its reader's parked chunks: readers then frame consecutive ranges at the
 * same time and never wait. No deadlock: ranges are queued in order, so the earliest range not
 * yet read is always being read, its start is known, and its chunks reach the writer.
 */
#ifndef CS_SPLIT_H
#define CS_SPLIT_H

#include <stdint.h>

#include "scanner/chunk.h"
#include "scanner/reader.h"
#include "scanner/scan.h"

/* Files at least this large are split when there are several readers (--split-size). */
#define CS_SPLIT_SIZE_DEFAULT ((uint64_t)64 << 20)
/* The longest range; shorter when --split-size is smaller. */
#define CS_SPLIT_RANGE ((uint64_t)1 << 20)

typedef struct cs_split cs_split;

void cs_split_unref(cs_split *s);

/* Hands one range on (the walker pushes it on the files queue); 0 when the scan is stopping. */
typedef int (*cs_split_push_fn)(void *ctx, cs_scan_file *range);

/* When `path` is a regular, uncompressed PEM or base64-lines file of at least `split_size` bytes
 * with a cut in it, creates its ranges (input number `no`) and hands them to `push` in order:
 * returns 1, with *stopped set if push said stop. Returns 0 when the file is not to be split:
 * the caller queues it whole. */
int cs_split_file(const char *path, uint64_t no, const cs_scan_options *opt, uint64_t split_size,
                  cs_split_push_fn push, void *ctx, int *stopped);

/* How a range reader reaches the pipeline. */
typedef struct cs_split_ops {
    void *ctx;
    void (*push)(void *ctx, cs_chunk *c);      /* a filled chunk, to the workers */
    cs_chunk *(*try_take)(void *ctx);          /* an empty chunk, or NULL if none now */
    cs_chunk *(*take)(void *ctx);              /* an empty chunk; NULL: the scan is stopping */
    void (*give_back)(void *ctx, cs_chunk *c); /* an unused chunk, back to the free list */
    cs_chunk **parked;                         /* room for all of the reader's chunks */
} cs_split_ops;

/* Reads the range `file` as cs_reader_file reads a file (*cur: the empty chunk to start with,
 * then the next one). Returns 0 when the scan is stopping (*cur is then NULL). */
int cs_split_read(cs_reader *r, cs_scan_file *file, cs_chunk **cur, const cs_split_ops *ops);

/* A range that will not be read because the scan is stopping: wakes readers waiting for it. */
void cs_split_abandon(cs_scan_file *file);

#endif
