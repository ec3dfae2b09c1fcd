/* libFuzzer target: the CT framers (get-entries JSON and static-ct-api tiles) and CT decoding.
 *
 * The input is read as a whole stream, once as CT JSON and once as tiles (forced, so the framers
 * see every kind of byte, not only what detection lets through), with reads of a size taken from
 * the first byte so that entries straddle the window in every way, and once with detection.
 * Besides the sanitizers, the documented contracts are checked and a violation aborts:
 * - every entry is accounted for: OK with DER bytes inside the decode buffer, or a rejection
 *   with a reason and a detail;
 * - entry numbers count up from 0 and offsets never go past the bytes read;
 * - an input yields at most one entry per byte, plus one (no endless loop on any bytes).
 */
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "io/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_ct: invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void fuzz_ct_read(int fd, size_t size, cs_input_format format, size_t read_size) {
    char path[64], err[256];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    cs_input_config cfg;
    cs_input_config_default(&cfg);
    cfg.read_size = read_size;
    cfg.window_max = 1 << 16; /* small, so the too-large paths are reached too */
    cs_input *in = cs_input_open_with(path, format, &cfg, err, sizeof err);
    CHECK(in != NULL);
    cs_entry e;
    uint64_t n = 0;
    while (cs_input_next(in, &e)) {
        CHECK(e.index == n);
        CHECK(e.offset <= size);
        if (e.status == CS_ENTRY_OK) {
            CHECK(e.der != NULL && e.der_len > 0);
            /* touch every byte: ASan checks they are inside a live buffer */
            volatile uint8_t sum = 0;
            for (size_t i = 0; i < e.der_len; i++) {
                sum ^= e.der[i];
            }
            (void)sum;
        } else {
            CHECK(e.detail != NULL);
            CHECK(strlen(e.detail) < 320);
            CHECK(strcmp(cs_entry_status_name(e.status), "input.unknown") != 0);
        }
        n++;
        CHECK(n <= size + 2);
    }
    cs_input_close(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    int fd = memfd_create("fuzz_ct", MFD_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    if (size > 0 && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    /* from 1 byte to 16 KiB a read: small reads make every entry straddle many of them */
    size_t read_size = size > 0 ? (size_t)data[0] * 64 + 1 : 1;
    fuzz_ct_read(fd, size, CS_INPUT_CT_JSON, read_size);
    fuzz_ct_read(fd, size, CS_INPUT_CT_TILES, read_size);
    fuzz_ct_read(fd, size, CS_INPUT_AUTO, 1 << 20);
    close(fd);
    return 0;
}
