/* A buffered output file, optionally gzip-compressed (zlib, gzip wrapper) on the fly. */
#ifndef CS_GEN_STREAM_H
#define CS_GEN_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <zlib.h>

typedef struct gen_stream {
    FILE *f;
    int gzip;
    z_stream z;
    uint8_t *buf, *zbuf;
    size_t len;
    uint64_t bytes_in, bytes_out;
    int failed;
} gen_stream;

/* gzip_level -1: plain; 1..9: gzip at that level. Returns 0 (errno set) on failure. */
int gen_stream_open(gen_stream *s, const char *path, int gzip_level);
int gen_stream_write(gen_stream *s, const void *p, size_t n);
int gen_stream_puts(gen_stream *s, const char *str);
/* Flushes, finishes the gzip member and closes; returns 0 if anything failed. */
int gen_stream_close(gen_stream *s);

/* Makes a directory and its parents (mkdir -p). */
int gen_mkdirs(const char *path);

#endif
