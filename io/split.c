#include "io/split.h"

#include <string.h>
#include <unistd.h>

#define CS_SPLIT_BEGIN     "-----BEGIN "
#define CS_SPLIT_BEGIN_LEN 11
/* Bytes read per look: a few lines of PEM or base64, so a cut is usually found in one read. */
#define CS_SPLIT_PROBE ((size_t)16 << 10)

/* A cut at buf[i], where buf[0] is the file's byte `base` (i >= 1: the byte before is known). */
static int cs_split_is_cut(const uint8_t *buf, size_t len, size_t i, cs_input_format format) {
    if (buf[i - 1] != '\n') {
        return 0;
    }
    if (format == CS_INPUT_BASE64_LINES) {
        return 1;
    }
    return len - i >= CS_SPLIT_BEGIN_LEN &&
           memcmp(buf + i, CS_SPLIT_BEGIN, CS_SPLIT_BEGIN_LEN) == 0;
}

/* Searches buf (the file's bytes from `base`) for the first cut at a file offset in
 * [from, to); buf must hold the byte before `from` (base < from). Returns its offset or `to`.
 * A BEGIN marker needs its 11 bytes in buf: the caller overlaps its reads by that much. */
static uint64_t cs_split_search(const uint8_t *buf, size_t len, uint64_t base, uint64_t from,
                                uint64_t to, cs_input_format format) {
    size_t i = (size_t)(from - base);
    size_t end = to - base < len ? (size_t)(to - base) : len;
    while (i < end) {
        const uint8_t *nl = memchr(buf + i - 1, '\n', end - (i - 1));
        if (nl == NULL) {
            break;
        }
        i = (size_t)(nl - buf) + 1;
        if (i >= end) {
            break;
        }
        if (cs_split_is_cut(buf, len, i, format)) {
            return base + i;
        }
        i++;
    }
    return to;
}

uint64_t cs_split_boundary_mem(const uint8_t *text, size_t len, cs_input_format format,
                               uint64_t from, uint64_t to) {
    if (from == 0) {
        from = 1; /* a cut at 0 is no cut */
    }
    if (to > len) {
        to = len;
    }
    if (from >= to) {
        return to;
    }
    return cs_split_search(text, len, 0, from, to, format);
}

uint64_t cs_split_boundary(int fd, cs_input_format format, uint64_t from, uint64_t to) {
    uint8_t buf[CS_SPLIT_PROBE];
    if (from == 0) {
        from = 1;
    }
    while (from < to) {
        /* From the byte before `from`, and CS_SPLIT_BEGIN_LEN bytes past the last place a cut
         * may be found in this read, so a marker is never judged on part of its bytes. */
        uint64_t base = from - 1;
        ssize_t n = pread(fd, buf, sizeof buf, (off_t)base);
        if (n <= 1) {
            return to;
        }
        size_t len = (size_t)n;
        uint64_t search_to = base + len;
        if (len == sizeof buf) {
            search_to -= CS_SPLIT_BEGIN_LEN;
        }
        if (search_to > to) {
            search_to = to;
        }
        uint64_t cut = cs_split_search(buf, len, base, from, search_to, format);
        if (cut != search_to || search_to == to) {
            return cut;
        }
        from = search_to;
    }
    return to;
}
