/* The unit that travels through the scanner's pipeline: up to CS_CHUNK_ENTRIES framed entries of
 * one input (several batches of 64), with their bytes copied into the chunk's own arena, their
 * positions and, once a worker is done, their outcomes and any text to write. A chunk is the
 * unit of every queue operation and wake-up, so it is several batches long: each hand-over costs
 * a few atomic operations and, when a stage sleeps, a system call, and that cost is spread over
 * the chunk's entries.
 *
 * Ownership: a chunk belongs to one reader, which fills it and hands it on; a worker then owns
 * it until it passes it to the writer, which returns it to that reader's free list. Chunks are
 * allocated once, when the pipeline starts, and recycled: nothing is allocated per entry. An
 * input's path and totals live in a cs_scan_file that its chunks share, counted by reference.
 */
#ifndef CS_CHUNK_H
#define CS_CHUNK_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "io/buf.h"
#include "io/input.h"
#include "scanner/scan.h"

#define CS_CHUNK_BATCHES 4
#define CS_CHUNK_ENTRIES (CS_CHUNK_BATCHES * CS_BATCH_LANES)
/* A chunk's arena, in bytes: 256 certificates of ~1.4 KB as DER or ~1.9 KB as PEM fit. A chunk
 * whose arena fills up is handed on with fewer entries; one holding an entry larger than the
 * arena grows for it and shrinks back when recycled. */
#define CS_CHUNK_ARENA  ((size_t)512 << 10)
#define CS_CHUNK_DETAIL 320

struct cs_split;

typedef struct cs_scan_file {
    atomic_uint refs;
    uint64_t no; /* input number, in walk order */
    /* One byte range of a large file read by several readers (scanner/split.h), or NULL: the
     * ranges are inputs of their own with the same number and path, read in order. */
    struct cs_split *split;
    unsigned range; /* 0, 1, ... */
    int last_range; /* the file's last range: its last chunk is the file's */
    uint64_t start; /* the range's bytes */
    uint64_t length;
    const char *error; /* why it could not be read (then it has no entries), or NULL */
    char error_text[256];
    uint64_t bytes; /* bytes read; set before its last chunk is handed on */
    uint64_t skipped;
    char path[];
} cs_scan_file;

/* A file with one reference, held by whoever created it. NULL when memory ran out. */
cs_scan_file *cs_scan_file_new(const char *path, uint64_t no, const char *error);
/* Marks the file unreadable, with why. */
void cs_scan_file_set_error(cs_scan_file *f, const char *error);
void cs_scan_file_ref(cs_scan_file *f);
void cs_scan_file_unref(cs_scan_file *f);

/* Where an entry's framed bytes are in the arena, and how to decode them. */
typedef struct cs_chunk_raw {
    size_t off;
    size_t len;
    size_t body;
    uint64_t column;
    uint8_t encoding; /* cs_entry_encoding */
    uint8_t trusted;
    uint8_t has_sha256;
    uint8_t sha256[32]; /* CSV: the row's SHA-256 Fingerprint (cs_raw_entry.sha256) */
    cs_ct_spans ct;     /* CT JSON: where leaf_input and extra_data are */
} cs_chunk_raw;

typedef struct cs_chunk {
    cs_scan_file *file;
    uint64_t seq; /* chunk number within the file */
    int last;     /* the file's last chunk (possibly empty) */
    unsigned reader;
    unsigned n;
    cs_scan_entry entry[CS_CHUNK_ENTRIES];
    cs_chunk_raw raw[CS_CHUNK_ENTRIES];
    char detail[CS_CHUNK_ENTRIES][CS_CHUNK_DETAIL];
    uint8_t *arena;
    size_t arena_len;
    size_t arena_cap;
    cs_buf out; /* text from on_batch */
} cs_chunk;

cs_chunk *cs_chunk_new(unsigned reader);
void cs_chunk_free(cs_chunk *c);
/* Empties the chunk for chunk `seq` of `file` (taking a reference to it). */
void cs_chunk_start(cs_chunk *c, cs_scan_file *file, uint64_t seq);
/* Drops the chunk's reference to its file. */
void cs_chunk_release(cs_chunk *c);
/* Copies a framed entry in. Returns 0 when the chunk is full (CS_CHUNK_ENTRIES entries, or the
 * bytes do not fit beside those already there); an empty chunk always takes the entry, growing its
 * arena or, if memory runs out, recording the entry as rejected. */
int cs_chunk_add(cs_chunk *c, const cs_raw_entry *raw);

#endif
