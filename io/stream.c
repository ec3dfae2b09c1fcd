#include "io/stream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/syserr.h"

void cs_stream_init(cs_stream *s, int fd, unsigned max_ratio) {
    memset(s, 0, sizeof *s);
    s->fd = fd;
    s->max_ratio = max_ratio;
}

void cs_stream_init_range(cs_stream *s, int fd, uint64_t start, uint64_t length) {
    cs_stream_init(s, fd, 0);
    s->sniffed = 1;
    s->kind = CS_STREAM_PLAIN;
    s->out_bytes = start;
    s->limit = length;
    if (length == 0) {
        s->fd_eof = 1;
    }
}

void cs_stream_free(cs_stream *s) {
    if (s->z_ready) {
        inflateEnd(&s->z);
        s->z_ready = 0;
    }
    free(s->in);
    s->in = NULL;
}

const char *cs_stream_kind_name(cs_stream_kind kind) {
    switch (kind) {
    case CS_STREAM_GZIP:
        return "gzip";
    case CS_STREAM_ZLIB:
        return "zlib";
    default:
        return "plain";
    }
}

static size_t cs_stream_fail(cs_stream *s, cs_stream_failure failure, const char *fmt,
                             const char *arg) {
    s->failure = failure;
    snprintf(s->message, sizeof s->message, fmt, arg);
    return 0;
}

/* One read(2) into dst: the count, 0 at end of file, or -1 on error (recorded). */
static long cs_stream_read_fd(cs_stream *s, uint8_t *dst, size_t cap) {
    if (s->limit != 0) {
        uint64_t left = s->limit - s->raw_bytes;
        if (left == 0) {
            s->fd_eof = 1;
            return 0;
        }
        cap = cap < left ? cap : (size_t)left;
    }
    for (;;) {
        ssize_t n = read(s->fd, dst, cap);
        if (n >= 0) {
            s->raw_bytes += (uint64_t)n;
            if (n == 0) {
                s->fd_eof = 1;
            }
            return (long)n;
        }
        if (errno != EINTR) {
            s->err_no = errno;
            char msg[96];
            cs_stream_fail(s, CS_STREAM_READ_ERROR, "%s", cs_syserr(errno, msg, sizeof msg));
            return -1;
        }
    }
}

/* Refills `in` once it is used up; 1 when bytes are there, 0 at end of file or on error. */
static int cs_stream_refill(cs_stream *s) {
    if (s->in_pos < s->in_len) {
        return 1;
    }
    s->in_pos = 0;
    s->in_len = 0;
    if (s->fd_eof) {
        return 0;
    }
    long n = cs_stream_read_fd(s, s->in, CS_STREAM_IN_SIZE);
    if (n <= 0) {
        return 0;
    }
    s->in_len = (size_t)n;
    return 1;
}

static size_t cs_stream_fill_min(cs_stream *s, size_t k);

static int cs_stream_is_zlib(const uint8_t *p) {
    /* CM 8 (deflate), CINFO <= 7, FDICT clear, and the header a multiple of 31. */
    return (p[0] & 0x0F) == 8 && (p[0] >> 4) <= 7 && (p[1] & 0x20) == 0 &&
           ((unsigned)p[0] * 256 + p[1]) % 31 == 0;
}

static int cs_stream_start_inflate(cs_stream *s) {
    memset(&s->z, 0, sizeof s->z);
    int bits = s->kind == CS_STREAM_GZIP ? 16 + MAX_WBITS : MAX_WBITS;
    if (inflateInit2(&s->z, bits) != Z_OK) {
        cs_stream_fail(s, CS_STREAM_OUT_OF_MEMORY, "%s", "out of memory starting inflate");
        return 0;
    }
    s->z_ready = 1;
    s->member_open = 1;
    return 1;
}

/* Reads the first bytes (two at least, unless the input is shorter) and picks the kind. A
 * failure is recorded, and the bytes read before it are still delivered. */
static void cs_stream_sniff(cs_stream *s) {
    s->sniffed = 1;
    s->in = malloc(CS_STREAM_IN_SIZE);
    if (s->in == NULL) {
        cs_stream_fail(s, CS_STREAM_OUT_OF_MEMORY, "%s", "out of memory");
        return;
    }
    cs_stream_fill_min(s, 2);
    if (s->in_len >= 2 && s->in[0] == 0x1F && s->in[1] == 0x8B) {
        s->kind = CS_STREAM_GZIP;
    } else if (s->in_len >= 2 && cs_stream_is_zlib(s->in)) {
        s->kind = CS_STREAM_ZLIB;
    } else {
        s->kind = CS_STREAM_PLAIN;
        return;
    }
    cs_stream_start_inflate(s);
}

static size_t cs_stream_read_plain(cs_stream *s, uint8_t *dst, size_t cap) {
    if (s->in_pos < s->in_len) {
        size_t n = s->in_len - s->in_pos;
        if (n > cap) {
            n = cap;
        }
        memcpy(dst, s->in + s->in_pos, n);
        s->in_pos += n;
        return n;
    }
    if (s->in != NULL) {
        /* Past the sniffed bytes, reads go straight into the caller's buffer. */
        free(s->in);
        s->in = NULL;
    }
    if (s->fd_eof || s->failure != CS_STREAM_OK) {
        return 0;
    }
    long n = cs_stream_read_fd(s, dst, cap);
    return n > 0 ? (size_t)n : 0;
}

/* Makes at least k unread bytes available in `in` (fewer at end of file or on error). */
static size_t cs_stream_fill_min(cs_stream *s, size_t k) {
    if (s->in_pos > 0 && s->in_len - s->in_pos < k) {
        memmove(s->in, s->in + s->in_pos, s->in_len - s->in_pos);
        s->in_len -= s->in_pos;
        s->in_pos = 0;
    }
    while (s->in_len - s->in_pos < k && !s->fd_eof) {
        long n = cs_stream_read_fd(s, s->in + s->in_len, CS_STREAM_IN_SIZE - s->in_len);
        if (n < 0) {
            break;
        }
        s->in_len += (size_t)n;
    }
    return s->in_len - s->in_pos;
}

/* At the end of a gzip member: another member may follow (concatenated .gz files), and
 * anything else after the data is reported, never ignored. */
static int cs_stream_next_member(cs_stream *s) {
    size_t avail = cs_stream_fill_min(s, 2);
    if (avail == 0) {
        return 0; /* clean end, or a read error already recorded */
    }
    if (s->kind == CS_STREAM_GZIP && avail >= 2 && s->in[s->in_pos] == 0x1F &&
        s->in[s->in_pos + 1] == 0x8B) {
        if (inflateReset(&s->z) != Z_OK) {
            cs_stream_fail(s, CS_STREAM_BAD_DATA, "%s", "cannot restart inflate");
            return 0;
        }
        s->member_open = 1;
        return 1;
    }
    if (s->failure != CS_STREAM_OK) {
        return 0;
    }
    cs_stream_fail(s, CS_STREAM_BAD_DATA, "%s data ends, then bytes follow that are not a member",
                   s->kind == CS_STREAM_GZIP ? "gzip" : "zlib");
    return 0;
}

static size_t cs_stream_read_inflate(cs_stream *s, uint8_t *dst, size_t cap) {
    const char *what = cs_stream_kind_name(s->kind);
    if (!s->z_ready || s->failure != CS_STREAM_OK) {
        return 0;
    }
    for (;;) {
        if (!s->member_open) {
            if (!cs_stream_next_member(s)) {
                return 0;
            }
        }
        int have_in = cs_stream_refill(s);
        if (!have_in && s->failure == CS_STREAM_OK && s->z.avail_out == 0) {
            /* All input is consumed, but the last call stopped because the output was full:
             * inflate may still hold decoded bytes (a literal or the rest of a match) that it
             * delivers without more input. Found by fuzz_stream with 1-byte reads. */
            have_in = 1;
        }
        if (!have_in) {
            if (s->failure == CS_STREAM_OK) {
                cs_stream_fail(s, CS_STREAM_BAD_DATA,
                               "%s data is truncated (the input ends "
                               "inside a compressed stream)",
                               what);
            }
            return 0;
        }
        s->z.next_in = s->in + s->in_pos;
        s->z.avail_in = (uInt)(s->in_len - s->in_pos);
        s->z.next_out = dst;
        s->z.avail_out = cap > UINT32_MAX ? UINT32_MAX : (uInt)cap;
        uInt out_before = s->z.avail_out;
        int rc = inflate(&s->z, Z_NO_FLUSH);
        s->in_pos = s->in_len - s->z.avail_in;
        size_t produced = out_before - s->z.avail_out;
        if (rc == Z_STREAM_END) {
            s->member_open = 0;
        } else if (rc == Z_MEM_ERROR) {
            return cs_stream_fail(s, CS_STREAM_OUT_OF_MEMORY, "%s", "out of memory inflating");
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            char msg[120];
            snprintf(msg, sizeof msg, "%s data is corrupt (%s)", what,
                     s->z.msg != NULL ? s->z.msg : "inflate failed");
            cs_stream_fail(s, CS_STREAM_BAD_DATA, "%s", msg);
            /* The bytes inflated before the corruption are good: deliver them, as smaller reads
             * would have; the next read reports the failure. */
            if (produced == 0) {
                return 0;
            }
        }
        if (produced == 0) {
            continue;
        }
        s->out_bytes += produced;
        if (s->max_ratio != 0 && s->out_bytes > CS_STREAM_RATIO_FLOOR &&
            s->out_bytes / s->max_ratio > s->raw_bytes) {
            char msg[160];
            snprintf(msg, sizeof msg,
                     "%s data expands more than %u times (%llu bytes from %llu): stopped as a "
                     "likely decompression bomb",
                     what, s->max_ratio, (unsigned long long)s->out_bytes,
                     (unsigned long long)s->raw_bytes);
            s->out_bytes -= produced;
            return cs_stream_fail(s, CS_STREAM_RATIO, "%s", msg);
        }
        return produced;
    }
}

size_t cs_stream_read(cs_stream *s, uint8_t *dst, size_t cap) {
    if (s->eof || cap == 0) {
        return 0;
    }
    if (!s->sniffed) {
        cs_stream_sniff(s);
    }
    size_t n = s->kind == CS_STREAM_PLAIN ? cs_stream_read_plain(s, dst, cap)
                                          : cs_stream_read_inflate(s, dst, cap);
    if (n == 0) {
        s->eof = 1;
    } else if (s->kind == CS_STREAM_PLAIN) {
        s->out_bytes += n;
    }
    return n;
}
