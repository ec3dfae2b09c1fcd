/* libFuzzer target: the RFC 4180 row scanner (io/csv.c) and the CCADB CSV and LDIF readers
 * (io/ccadb.c, io/ldif.c) over the streaming window.
 *
 * Checked besides the sanitizers (a violation aborts):
 * - cs_csv_scan: a row's fields and length lie inside the span, a broken row's offset too, and
 *   "more" is only asked for when bytes may follow; a row framed with the whole input is framed
 *   the same from any longer-than-the-row prefix (the answer never depends on unseen bytes);
 * - the readers: the input read 1 byte at a time and 1 MiB at a time gives the same entries,
 *   statuses, positions and details; every entry is numbered in order; an OK entry's bytes lie
 *   inside the input; a detail is printable text.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "io/csv.h"
#include "io/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_csv: invariant failed: %s (%s:%d)\n", #cond, __FILE__,           \
                    __LINE__);                                                                     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#define MAX_FIELDS 16

static void check_scan(const uint8_t *data, size_t size) {
    cs_csv_field f[MAX_FIELDS];
    cs_csv_row row;
    cs_csv_status st = cs_csv_scan(data, size, 1, f, MAX_FIELDS, &row);
    CHECK(st != CS_CSV_MORE);
    if (st == CS_CSV_BROKEN) {
        CHECK(row.error_at <= size);
        CHECK(row.why != NULL);
        return;
    }
    CHECK(row.used <= size);
    CHECK(row.nfields >= 1);
    for (size_t i = 0; i < row.nfields && i < MAX_FIELDS; i++) {
        CHECK(f[i].off + f[i].len <= row.used);
    }
    /* Any prefix longer than the row frames it the same, without knowing the rest. */
    for (size_t cut = row.used + 1; cut <= size && cut <= row.used + 3; cut++) {
        cs_csv_field g[MAX_FIELDS];
        cs_csv_row r2;
        CHECK(cs_csv_scan(data, cut, 0, g, MAX_FIELDS, &r2) == CS_CSV_ROW);
        CHECK(r2.used == row.used && r2.nfields == row.nfields);
        for (size_t i = 0; i < row.nfields && i < MAX_FIELDS; i++) {
            CHECK(g[i].off == f[i].off && g[i].len == f[i].len && g[i].quoted == f[i].quoted);
        }
    }
}

typedef struct seen {
    cs_entry_status status;
    uint64_t index, offset, line;
    char detail[320];
} seen;

#define MAX_SEEN 256

static size_t read_all(const char *path, cs_input_format format, size_t read_size, seen *out,
                       const uint8_t *data, size_t size) {
    cs_input_config config;
    cs_input_config_default(&config);
    config.read_size = read_size;
    config.window_max = 4096; /* small, so entries longer than the window are exercised */
    config.max_ratio = 0;
    cs_input *in = cs_input_open_with(path, format, &config, NULL, 0);
    CHECK(in != NULL);
    cs_raw_entry raw;
    size_t n = 0;
    while (cs_input_next_raw(in, &raw)) {
        CHECK(raw.index == n);
        if (raw.status == CS_ENTRY_OK) {
            CHECK(raw.offset + raw.len <= size);
            CHECK(memcmp(raw.data, data + raw.offset, raw.len) == 0);
            CHECK(raw.body <= raw.len);
        }
        for (const char *c = raw.detail; c != NULL && *c; c++) {
            CHECK((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7F);
        }
        if (n < MAX_SEEN) {
            out[n] = (seen){raw.status, raw.index, raw.offset, raw.line, ""};
            snprintf(out[n].detail, sizeof out[n].detail, "%s", raw.detail ? raw.detail : "");
        }
        n++;
    }
    cs_input_close(in);
    return n;
}

static seen g_a[MAX_SEEN], g_b[MAX_SEEN];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    check_scan(data, size);
    int fd = memfd_create("fuzz_csv", 0);
    CHECK(fd >= 0);
    CHECK(write(fd, data, size) == (ssize_t)size);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    static const cs_input_format formats[] = {CS_INPUT_CCADB, CS_INPUT_LDIF, CS_INPUT_AUTO};
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
        size_t na = read_all(path, formats[k], 1, g_a, data, size);
        size_t nb = read_all(path, formats[k], (size_t)1 << 20, g_b, data, size);
        CHECK(na == nb);
        for (size_t i = 0; i < na && i < MAX_SEEN; i++) {
            CHECK(g_a[i].status == g_b[i].status);
            CHECK(g_a[i].offset == g_b[i].offset);
            CHECK(g_a[i].line == g_b[i].line);
            CHECK(strcmp(g_a[i].detail, g_b[i].detail) == 0);
        }
    }
    close(fd);
    return 0;
}
