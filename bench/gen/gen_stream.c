#include "bench/gen/gen_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GEN_STREAM_BUF (1u << 20)

int gen_stream_open(gen_stream *s, const char *path, int gzip_level) {
    memset(s, 0, sizeof *s);
    s->buf = malloc(GEN_STREAM_BUF);
    s->f = fopen(path, "wb");
    if (s->buf == NULL || s->f == NULL) {
        int e = errno;
        free(s->buf);
        if (s->f != NULL) {
            fclose(s->f);
        }
        s->f = NULL;
        s->buf = NULL;
        errno = e;
        return 0;
    }
    if (gzip_level > 0) {
        s->gzip = 1;
        s->zbuf = malloc(GEN_STREAM_BUF);
        /* windowBits 15 + 16: a gzip member rather than a zlib stream */
        if (s->zbuf == NULL ||
            deflateInit2(&s->z, gzip_level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            free(s->zbuf);
            free(s->buf);
            fclose(s->f);
            s->f = NULL;
            errno = ENOMEM;
            return 0;
        }
    }
    return 1;
}

static int gen_stream_flush(gen_stream *s, int finish) {
    if (!s->gzip) {
        if (s->len > 0 && fwrite(s->buf, 1, s->len, s->f) != s->len) {
            s->failed = 1;
        }
        s->bytes_out += s->len;
        s->len = 0;
        return !s->failed;
    }
    s->z.next_in = s->buf;
    s->z.avail_in = (uInt)s->len;
    int rc;
    do {
        s->z.next_out = s->zbuf;
        s->z.avail_out = GEN_STREAM_BUF;
        rc = deflate(&s->z, finish ? Z_FINISH : Z_NO_FLUSH);
        size_t have = GEN_STREAM_BUF - s->z.avail_out;
        if (have > 0 && fwrite(s->zbuf, 1, have, s->f) != have) {
            s->failed = 1;
        }
        s->bytes_out += have;
    } while (!s->failed && (s->z.avail_in > 0 || (finish && rc != Z_STREAM_END)) &&
             rc != Z_STREAM_ERROR);
    if (rc == Z_STREAM_ERROR) {
        s->failed = 1;
    }
    s->len = 0;
    return !s->failed;
}

int gen_stream_write(gen_stream *s, const void *p, size_t n) {
    const uint8_t *in = p;
    s->bytes_in += n;
    while (n > 0) {
        size_t room = GEN_STREAM_BUF - s->len;
        size_t k = n < room ? n : room;
        memcpy(s->buf + s->len, in, k);
        s->len += k;
        in += k;
        n -= k;
        if (s->len == GEN_STREAM_BUF && !gen_stream_flush(s, 0)) {
            return 0;
        }
    }
    return !s->failed;
}

int gen_stream_puts(gen_stream *s, const char *str) {
    return gen_stream_write(s, str, strlen(str));
}

int gen_stream_close(gen_stream *s) {
    if (s->f == NULL) {
        return 0;
    }
    int ok = gen_stream_flush(s, 1);
    if (s->gzip) {
        deflateEnd(&s->z);
    }
    if (fclose(s->f) != 0) {
        ok = 0;
    }
    free(s->buf);
    free(s->zbuf);
    s->f = NULL;
    s->buf = s->zbuf = NULL;
    return ok && !s->failed;
}

int gen_mkdirs(const char *path) {
    char tmp[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof tmp) {
        errno = ENAMETOOLONG;
        return 0;
    }
    memcpy(tmp, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (tmp[i] == '/' || tmp[i] == '\0') {
            char c = tmp[i];
            tmp[i] = '\0';
            if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
                return 0;
            }
            tmp[i] = c;
        }
    }
    return 1;
}
