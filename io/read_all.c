#include "io/read_all.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* Linux transfers at most this much per read(); asking for more only costs a partial read. */
#define CS_READ_MAX_CALL ((size_t)0x7FFFF000)
#define CS_READ_MIN_CAP  ((size_t)64 * 1024)

static int cs_read_grow(uint8_t **buf, size_t *cap, size_t min_cap) {
    size_t c = *cap;
    if (c >= min_cap) {
        return 1;
    }
    if (c < CS_READ_MIN_CAP) {
        c = CS_READ_MIN_CAP;
    }
    while (c < min_cap) {
        if (c > SIZE_MAX / 2) {
            return 0;
        }
        c *= 2;
    }
    uint8_t *p = realloc(*buf, c);
    if (p == NULL) {
        return 0;
    }
    *buf = p;
    *cap = c;
    return 1;
}

int cs_read_all(int fd, uint64_t size_hint, uint8_t **out_buf, size_t *out_len, int *out_errno) {
    uint8_t *buf = NULL;
    size_t cap = 0;
    size_t len = 0;
    int ok = 1;
    *out_errno = 0;
    /* One byte beyond the expected size, so a file read in full is seen to end (read returns
     * 0) without growing the buffer; a file that grew meanwhile falls back to doubling. */
    if (size_hint != 0 && size_hint < SIZE_MAX - 1) {
        buf = malloc((size_t)size_hint + 1);
        if (buf == NULL) {
            *out_errno = ENOMEM;
            ok = 0;
        } else {
            cap = (size_t)size_hint + 1;
        }
    }
    while (ok) {
        if (len == cap && !cs_read_grow(&buf, &cap, cap + 1)) {
            *out_errno = ENOMEM;
            ok = 0;
            break;
        }
        size_t want = cap - len;
        if (want > CS_READ_MAX_CALL) {
            want = CS_READ_MAX_CALL;
        }
        ssize_t n = read(fd, buf + len, want);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            *out_errno = errno;
            ok = 0;
            break;
        }
        if (n == 0) {
            break;
        }
        len += (size_t)n;
    }
    *out_buf = buf;
    *out_len = len;
    return ok;
}
