/* A byte stream from a file descriptor, with gzip and zlib data inflated on the fly.
 *
 * The first bytes decide, never the file name: 1f 8b starts gzip (RFC 1952), a valid zlib
 * header (RFC 1950: deflate, 32 KiB window at most, no preset dictionary, FCHECK right) starts
 * zlib, anything else is passed through. Concatenated gzip members are read one after the
 * other, as gzip(1) does. A decompressed stream that grows beyond `max_ratio` times the
 * compressed bytes read (once past CS_STREAM_RATIO_FLOOR bytes) is stopped as a likely
 * decompression bomb. A stream that fails stops like one that ended, with `failed` set and a
 * message: the bytes delivered before the failure are still good.
 */
#ifndef CS_IO_STREAM_H
#define CS_IO_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

typedef enum cs_stream_kind {
    CS_STREAM_PLAIN = 0,
    CS_STREAM_GZIP,
    CS_STREAM_ZLIB,
} cs_stream_kind;

typedef enum cs_stream_failure {
    CS_STREAM_OK = 0,
    CS_STREAM_READ_ERROR, /* read(2) failed */
    CS_STREAM_BAD_DATA,   /* corrupt, truncated or trailing data in compressed input */
    CS_STREAM_RATIO,      /* the expansion guard stopped the stream */
    CS_STREAM_OUT_OF_MEMORY,
} cs_stream_failure;

/* The expansion ratio is only judged once this much has been inflated, so that small inputs
 * that compress very well (blank padding, repeated headers) are never stopped. */
#define CS_STREAM_RATIO_FLOOR ((uint64_t)16 << 20)
#define CS_STREAM_IN_SIZE     ((size_t)256 << 10)

typedef struct cs_stream {
    int fd;
    cs_stream_kind kind;
    int sniffed;
    int eof; /* nothing more will be delivered (end or failure) */
    cs_stream_failure failure;
    int err_no; /* for READ_ERROR */
    char message[160];
    unsigned max_ratio; /* 0: no limit */
    uint64_t raw_bytes; /* bytes read from fd */
    uint64_t out_bytes; /* bytes delivered */
    /* Bytes read from fd and not yet delivered (plain) or inflated (compressed). */
    uint8_t *in;
    size_t in_pos, in_len;
    int fd_eof;
    z_stream z;
    int z_ready;
    int member_open; /* inside a gzip member or zlib stream (its end not yet seen) */
    uint64_t limit;  /* a byte range of a file: read no more than this from fd (0: to the end) */
} cs_stream;

void cs_stream_init(cs_stream *s, int fd, unsigned max_ratio);
/* A byte range [start, start + length) of a plain file, read from fd's current position (already
 * at start): never sniffed for compression (a range may start with any bytes), and out_bytes
 * counts from `start`, so that positions in messages are the file's. */
void cs_stream_init_range(cs_stream *s, int fd, uint64_t start, uint64_t length);
/* Reads up to cap bytes: returns how many, or 0 when the stream ended or failed (see `failure`).
 * Blocks until at least one byte is available on pipes. */
size_t cs_stream_read(cs_stream *s, uint8_t *dst, size_t cap);
void cs_stream_free(cs_stream *s);
const char *cs_stream_kind_name(cs_stream_kind kind);

#endif
