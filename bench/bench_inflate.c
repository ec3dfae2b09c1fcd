/* bench_inflate: how fast certscan's reader takes in compressed input, next to zlib alone.
 *
 *   bench_inflate [--repeat R] [--simd LEVEL] FILE...
 *
 * For the same files, best of R (default 3) wall-clock runs on one thread, prints
 *   inflate  BYTES  SECONDS   zlib alone: inflate every gzip member into a 1 MiB buffer (0
 *                             bytes for a file that is not gzip or zlib)
 *   frame    ENTRIES SECONDS  certscan's reader: open, inflate, detect, frame (cs_input_next_raw,
 *                             what a reader thread does per input)
 *   decode   ENTRIES SECONDS  the same plus decoding each entry to DER (cs_input_next), the
 *                             share of a worker's work that is input handling
 * bench/run divides the rates: frame / inflate is the reader's share of zlib's speed.
 * --simd LEVEL caps the base64 decoder's vector level (io/base64.h: 0 scalar, 1 AVX2, 2 AVX-512
 * VBMI), to compare them in one binary.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "io/base64.h"
#include "io/input.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Inflates the file (gzip, every member, or zlib) with zlib alone; returns the bytes out, or -1. */
static long long inflate_file(const char *path, uint8_t *in, uint8_t *out, size_t cap) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return -1;
    }
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK) {
        close(fd);
        return -1;
    }
    long long total = 0;
    ssize_t n;
    int ok = 1;
    uint8_t magic[2];
    if (pread(fd, magic, 2, 0) != 2 ||
        !((magic[0] == 0x1f && magic[1] == 0x8b) ||
          (magic[0] == 0x78 && (magic[0] << 8 | magic[1]) % 31 == 0))) {
        inflateEnd(&z);
        close(fd);
        return 0; /* not compressed: nothing for zlib to do */
    }
    while (ok && (n = read(fd, in, cap)) > 0) {
        z.next_in = in;
        z.avail_in = (uInt)n;
        while (z.avail_in > 0) {
            z.next_out = out;
            z.avail_out = (uInt)cap;
            int r = inflate(&z, Z_NO_FLUSH);
            total += (long long)(cap - z.avail_out);
            if (r == Z_STREAM_END) {
                inflateReset(&z); /* the next gzip member */
            } else if (r != Z_OK && r != Z_BUF_ERROR) {
                ok = 0;
                break;
            }
        }
    }
    inflateEnd(&z);
    close(fd);
    return ok ? total : -1;
}

static long long read_file(const char *path, int decode) {
    char err[256];
    cs_input *in = cs_input_open(path, CS_INPUT_AUTO, err, sizeof err);
    if (in == NULL) {
        fprintf(stderr, "bench_inflate: %s\n", err);
        return -1;
    }
    long long n = 0;
    if (decode) {
        cs_entry e;
        while (cs_input_next(in, &e)) {
            n += e.status == CS_ENTRY_OK;
        }
    } else {
        cs_raw_entry e;
        while (cs_input_next_raw(in, &e)) {
            n += e.status == CS_ENTRY_OK;
        }
    }
    cs_input_close(in);
    return n;
}

int main(int argc, char **argv) {
    int repeat = 3, first = 1;
    for (;;) {
        if (first + 1 < argc && strcmp(argv[first], "--repeat") == 0) {
            repeat = atoi(argv[first + 1]);
            first += 2;
        } else if (first + 1 < argc && strcmp(argv[first], "--simd") == 0) {
            cs_base64_set_simd(atoi(argv[first + 1]));
            first += 2;
        } else {
            break;
        }
    }
    if (first >= argc || repeat < 1) {
        fprintf(stderr, "usage: bench_inflate [--repeat R] [--simd LEVEL] FILE...\n");
        return 2;
    }
    size_t cap = (size_t)1 << 20;
    uint8_t *in = malloc(cap), *out = malloc(cap);
    if (in == NULL || out == NULL) {
        return 1;
    }
    const char *names[] = {"inflate", "frame", "decode"};
    for (int mode = 0; mode < 3; mode++) {
        double best = 0;
        long long count = 0;
        for (int r = 0; r < repeat; r++) {
            double t0 = now();
            long long c = 0;
            for (int i = first; i < argc; i++) {
                long long k =
                    mode == 0 ? inflate_file(argv[i], in, out, cap) : read_file(argv[i], mode == 2);
                if (k < 0) {
                    fprintf(stderr, "bench_inflate: %s: cannot be read\n", argv[i]);
                    return 1;
                }
                c += k;
            }
            double t = now() - t0;
            if (r == 0 || t < best) {
                best = t;
            }
            count = c;
        }
        printf("%s %lld %.6f\n", names[mode], count, best);
    }
    free(in);
    free(out);
    return 0;
}
