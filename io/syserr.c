#include "io/syserr.h"

#include <stdio.h>
#include <string.h>

const char *cs_syserr(int err, char *buf, size_t len) {
    if (len == 0) {
        return buf;
    }
    /* The XSI strerror_r (returns int) is the one declared without _GNU_SOURCE. */
    if (strerror_r(err, buf, len) != 0) {
        snprintf(buf, len, "error %d", err);
    }
    return buf;
}
