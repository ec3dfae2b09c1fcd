/* libFuzzer target: the streaming input path a scanner reader uses, end to end.
 *
 * The input's first CS_FUZZ_HEADER bytes choose the parameters, the rest is the file's content:
 *   byte 0: read size (1 to 1 MiB, 1 the most likely), byte 1: window maximum (256 B to 4 MiB),
 *   byte 2: format forced or detected, byte 3: expansion limit for gzip/zlib,
 *   byte 4: range length for the split check (1 to 4081 bytes).
 * The content is written to a memfd and opened by path (/dev/fd/N), exactly as a file is:
 * cs_input_open_with -> cs_stream (plain, gzip, zlib) -> cs_window -> cs_framer, then every entry
 * goes through cs_raw_decode as a worker would. Besides the sanitizers, a violation aborts:
 * - entries are numbered 0, 1, 2, ... and their offsets strictly increase;
 * - every entry is OK or rejected with a known status and a non-empty detail, and decoding an OK
 *   entry either gives DER of at most CS_ENTRY_MAX_SIZE bytes or a rejection with a detail;
 * - an OK entry's bytes lie inside the decompressed stream, after the previous OK entry's bytes,
 *   are no longer than the window maximum and, for plain content, are the content's bytes at its
 *   offset, with the line and column that the content's newlines give;
 * - differential: the same content framed with 1 MiB reads and with the chosen read size (1 byte
 *   unless the content inflates past 256 KiB) yields the same entries, field by field and byte
 *   by byte, the same detected format and the same skipped-block count;
 * - split: plain PEM or base64-lines content cut into ranges where io/split.h allows, each range
 *   read with cs_input_open_range and renumbered as scanner/split.c does, yields those entries
 *   too, and the ranges' newlines add up to the content's.
 */
#define _GNU_SOURCE /* memfd_create */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xxhash.h>

#include "io/input.h"
#include "io/split.h"
#include "io/stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_stream: invariant failed: %s (%s:%d)\n", #cond, __FILE__,        \
                    __LINE__);                                                                     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#define CS_FUZZ_HEADER 5
/* Past this much decompressed content the second pass reads 4 KiB at a time, not 1 byte, so
 * that a small input inflating to megabytes does not time out. */
#define CS_FUZZ_BYTEWISE_MAX ((uint64_t)256 << 10)

static const size_t read_sizes[] = {1, 1, 1, 1, 2, 3, 7, 13, 64, 255, 256, 4096, 65536, 1 << 20};
static const size_t window_maxes[] = {256, 257, 300, 512, 1000, 4096, 65536, (size_t)4 << 20};
static const cs_input_format formats[] = {CS_INPUT_AUTO,        CS_INPUT_AUTO, CS_INPUT_AUTO,
                                          CS_INPUT_AUTO,        CS_INPUT_DER,  CS_INPUT_PEM,
                                          CS_INPUT_BASE64_LINES};

/* What one entry looked like, for the differential check. */
typedef struct rec {
    cs_entry_status status, decoded;
    cs_entry_encoding encoding;
    uint64_t index, offset, line, column;
    size_t len, body, der_len;
    int trusted;
    XXH128_hash_t data_hash, der_hash;
    char detail[320], decode_detail[320];
} rec;

typedef struct pass {
    rec *r;
    size_t n, cap;
    cs_input_format format;
    uint64_t skipped;
    uint64_t ok_end; /* where the last OK entry's bytes end */
} pass;

static int g_fd = -1;
static char g_path[64];
static uint8_t *g_dec;

static void pass_add(pass *p, const rec *r) {
    if (p->n == p->cap) {
        p->cap = p->cap != 0 ? p->cap * 2 : 64;
        p->r = realloc(p->r, p->cap * sizeof *p->r);
        CHECK(p->r != NULL);
    }
    p->r[p->n++] = *r;
}

/* 1-based line and 0-based column of `offset` in plain content. */
static void line_of(const uint8_t *text, uint64_t offset, uint64_t *line, uint64_t *column) {
    uint64_t l = 1, start = 0;
    for (uint64_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            l++;
            start = i + 1;
        }
    }
    *line = l;
    *column = offset - start;
}

/* Reads every entry of `in` into `out`. A range of a split file numbers its entries from 0 and
 * its lines from 1: index_base and line_base (the entries and newlines before it) make them the
 * file's, as scanner/split.c does before a worker decodes them. */
static void collect(cs_input *in, const uint8_t *content, size_t size, size_t window_max,
                    uint64_t index_base, uint64_t line_base, pass *out) {
    int plain = strcmp(cs_input_compression(in), "plain") == 0;
    size_t held_max = window_max > 256 ? window_max : 256;
    uint64_t ok_end = out->ok_end;
    cs_raw_entry raw;
    while (cs_input_next_raw(in, &raw)) {
        rec r;
        memset(&r, 0, sizeof r);
        CHECK((unsigned)raw.status < CS_ENTRY_STATUS_COUNT);
        CHECK(raw.index + index_base == out->n);
        raw.index += index_base;
        if (raw.line != 0) {
            raw.line += line_base;
        }
        CHECK(out->n == 0 || raw.offset > out->r[out->n - 1].offset);
        CHECK(raw.input != NULL && strcmp(raw.input, g_path) == 0);
        r.status = raw.status;
        r.index = raw.index;
        r.offset = raw.offset;
        r.line = raw.line;
        CHECK(raw.detail != NULL);
        snprintf(r.detail, sizeof r.detail, "%s", raw.detail);
        if (raw.status != CS_ENTRY_OK) {
            CHECK(raw.detail[0] != '\0');
        } else {
            CHECK(raw.data != NULL && raw.len > 0);
            CHECK(raw.len <= held_max);
            CHECK(raw.offset >= ok_end);
            ok_end = raw.offset + raw.len;
            CHECK(raw.body <= raw.len);
            r.encoding = raw.encoding;
            r.len = raw.len;
            r.body = raw.body;
            r.column = raw.column;
            r.trusted = raw.trusted;
            r.data_hash = XXH3_128bits(raw.data, raw.len);
            if (plain) {
                CHECK(ok_end <= size);
                CHECK(memcmp(raw.data, content + raw.offset, raw.len) == 0);
                if (raw.encoding != CS_ENCODING_DER) {
                    uint64_t line, column;
                    line_of(content, raw.offset, &line, &column);
                    CHECK(raw.line == line);
                    CHECK(raw.column == column);
                } else {
                    CHECK(raw.line == 0);
                }
            }
            size_t need = cs_raw_decoded_max(&raw);
            CHECK(need <= CS_ENTRY_MAX_SIZE + 4);
            const uint8_t *der = NULL;
            size_t der_len = 0;
            r.decoded =
                cs_raw_decode(&raw, g_dec, &der, &der_len, r.decode_detail, sizeof r.decode_detail);
            CHECK((unsigned)r.decoded < CS_ENTRY_STATUS_COUNT);
            if (r.decoded == CS_ENTRY_OK) {
                CHECK(der != NULL && der_len > 0 && der_len <= CS_ENTRY_MAX_SIZE);
                r.der_len = der_len;
                r.der_hash = XXH3_128bits(der, der_len);
            } else {
                CHECK(r.decode_detail[0] != '\0');
            }
        }
        pass_add(out, &r);
    }
    CHECK(!cs_input_next_raw(in, &raw)); /* the end stays the end */
    CHECK(cs_input_entries(in) + index_base == out->n);
    out->ok_end = ok_end;
}

static void run(const uint8_t *content, size_t size, cs_input_format format, size_t read_size,
                size_t window_max, unsigned max_ratio, pass *out) {
    cs_input_config config = {
        .read_size = read_size, .window_max = window_max, .max_ratio = max_ratio};
    char err[512];
    memset(out, 0, sizeof *out);
    cs_input *in = cs_input_open_with(g_path, format, &config, err, sizeof err);
    CHECK(in != NULL); /* a readable regular file always opens */
    collect(in, content, size, window_max, 0, 0, out);
    out->format = cs_input_get_format(in);
    out->skipped = cs_input_skipped_blocks(in);
    if (strcmp(cs_input_compression(in), "plain") == 0) {
        CHECK(cs_input_bytes_read(in) == size);
        if (out->format != CS_INPUT_DER && out->format != CS_INPUT_AUTO) {
            uint64_t line, column;
            line_of(content, size, &line, &column);
            CHECK(cs_input_newlines(in) == line - 1);
        }
    }
    cs_input_close(in);
}

/* The file as scanner/split.c reads it with several readers: cut where cs_split_boundary_mem
 * allows, about every `range` bytes, each range framed on its own and renumbered. Returns 0 when
 * the file would not be split (not plain PEM or base64 lines as opened, or no cut). */
static int run_ranges(const uint8_t *content, size_t size, cs_input_format forced, size_t read_size,
                      size_t window_max, uint64_t range, pass *out) {
    cs_input_config config = {.read_size = read_size, .window_max = window_max, .max_ratio = 0};
    char err[512];
    memset(out, 0, sizeof *out);
    cs_input *probe = cs_input_open_with(g_path, forced, &config, err, sizeof err);
    CHECK(probe != NULL);
    cs_input_format format = cs_input_get_format(probe);
    int plain = strcmp(cs_input_compression(probe), "plain") == 0;
    cs_input_close(probe);
    if (!plain || (format != CS_INPUT_PEM && format != CS_INPUT_BASE64_LINES)) {
        return 0;
    }
    uint64_t cut = cs_split_boundary_mem(content, size, format, range, size);
    if (cut >= size) {
        return 0;
    }
    uint64_t start = 0, index_base = 0, line_base = 0;
    for (;;) {
        CHECK(cut > start && cut <= size);
        if (cut < size) {
            CHECK(content[cut - 1] == '\n');
        }
        cs_input *in =
            cs_input_open_range(g_path, format, &config, start, cut - start, err, sizeof err);
        CHECK(in != NULL);
        collect(in, content, size, window_max, index_base, line_base, out);
        index_base = out->n;
        line_base += cs_input_newlines(in);
        out->skipped += cs_input_skipped_blocks(in);
        CHECK(cs_input_bytes_read(in) == cut - start);
        cs_input_close(in);
        if (cut == size) {
            break;
        }
        start = cut;
        cut = cs_split_boundary_mem(content, size, format, start + range, size);
    }
    uint64_t line, column;
    line_of(content, size, &line, &column);
    CHECK(line_base == line - 1);
    out->format = format;
    return 1;
}

/* The content's size once inflated, by the stream layer alone (up to the expansion limit). */
static uint64_t inflated_size(unsigned max_ratio) {
    int fd = open(g_path, O_RDONLY | O_CLOEXEC);
    CHECK(fd >= 0);
    cs_stream s;
    cs_stream_init(&s, fd, max_ratio);
    size_t n;
    while ((n = cs_stream_read(&s, g_dec, CS_ENTRY_MAX_SIZE)) > 0) {
    }
    CHECK(s.eof);
    uint64_t out = s.out_bytes;
    cs_stream_free(&s);
    close(fd);
    return out;
}

/* FUZZ_STREAM_DEBUG=1 prints both passes' entries, to see what a failed check compared. */
static void dump(const char *name, const pass *p) {
    if (getenv("FUZZ_STREAM_DEBUG") == NULL) {
        return;
    }
    fprintf(stderr, "%s: format %d, %zu entries, %llu skipped\n", name, (int)p->format, p->n,
            (unsigned long long)p->skipped);
    for (size_t i = 0; i < p->n; i++) {
        const rec *r = &p->r[i];
        fprintf(stderr, "  #%llu %s @%llu line %llu col %llu len %zu: %s | %s\n",
                (unsigned long long)r->index, cs_entry_status_name(r->status),
                (unsigned long long)r->offset, (unsigned long long)r->line,
                (unsigned long long)r->column, r->len, r->detail, r->decode_detail);
    }
}

static void same(const pass *a, const pass *b) {
    dump("1 MiB reads", a);
    dump("chosen reads", b);
    CHECK(a->format == b->format);
    CHECK(a->skipped == b->skipped);
    CHECK(a->n == b->n);
    for (size_t i = 0; i < a->n; i++) {
        const rec *x = &a->r[i], *y = &b->r[i];
        CHECK(x->status == y->status);
        CHECK(x->offset == y->offset);
        CHECK(x->line == y->line);
        CHECK(strcmp(x->detail, y->detail) == 0);
        CHECK(x->encoding == y->encoding && x->len == y->len && x->body == y->body);
        CHECK(x->column == y->column && x->trusted == y->trusted);
        CHECK(XXH128_isEqual(x->data_hash, y->data_hash));
        CHECK(x->decoded == y->decoded && x->der_len == y->der_len);
        CHECK(XXH128_isEqual(x->der_hash, y->der_hash));
        CHECK(strcmp(x->decode_detail, y->decode_detail) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < CS_FUZZ_HEADER) {
        return 0;
    }
    if (g_fd < 0) {
        g_fd = memfd_create("fuzz_stream", MFD_CLOEXEC);
        CHECK(g_fd >= 0);
        snprintf(g_path, sizeof g_path, "/dev/fd/%d", g_fd);
        g_dec = malloc(CS_ENTRY_MAX_SIZE + 64);
        CHECK(g_dec != NULL);
    }
    size_t read_size = read_sizes[data[0] % (sizeof read_sizes / sizeof read_sizes[0])];
    size_t window_max = window_maxes[data[1] % (sizeof window_maxes / sizeof window_maxes[0])];
    cs_input_format format = formats[data[2] % (sizeof formats / sizeof formats[0])];
    unsigned max_ratio = data[3] < 128 ? CS_INPUT_MAX_RATIO : (unsigned)(data[3] - 127);
    const uint8_t *content = data + CS_FUZZ_HEADER;
    size_t len = size - CS_FUZZ_HEADER;

    CHECK(ftruncate(g_fd, 0) == 0);
    CHECK(pwrite(g_fd, content, len, 0) == (ssize_t)len);

    if (read_size < 4096 && inflated_size(max_ratio) > CS_FUZZ_BYTEWISE_MAX) {
        read_size = 4096;
    }
    pass big, small;
    run(content, len, format, (size_t)1 << 20, window_max, max_ratio, &big);
    run(content, len, format, read_size, window_max, max_ratio, &small);
    same(&big, &small);
    free(small.r);
    /* Ranges of 1 to 4096 bytes, so that small inputs are cut in many places. */
    uint64_t range = 1 + (uint64_t)data[4] * 16;
    pass ranges;
    if (run_ranges(content, len, format, read_size, window_max, range, &ranges)) {
        same(&big, &ranges);
    }
    free(ranges.r);
    free(big.r);
    return 0;
}
