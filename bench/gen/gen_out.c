#include "bench/gen/gen_out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const gen_format *const gen_formats[] = {
    &gen_format_der,  &gen_format_pem,    &gen_format_b64,   &gen_format_ccadb,
    &gen_format_ldif, &gen_format_ctjson, &gen_format_tiles,
};
#define GEN_NUM_FORMATS (sizeof gen_formats / sizeof gen_formats[0])

const char *gen_format_names(void) {
    return "der, pem, b64, ccadb, ldif, ctjson, tiles; add .gz to a stream format for gzip";
}

gen_sink *gen_sink_open(const char *name, const char *out_dir, uint64_t per_file, int gzip_level,
                        char *err, size_t errlen) {
    char base[32];
    size_t n = strlen(name);
    int gz = n > 3 && strcmp(name + n - 3, ".gz") == 0;
    if (n >= sizeof base) {
        snprintf(err, errlen, "unknown format '%s'", name);
        return NULL;
    }
    memcpy(base, name, n + 1);
    if (gz) {
        base[n - 3] = '\0';
    }
    const gen_format *fmt = NULL;
    for (size_t i = 0; i < GEN_NUM_FORMATS; i++) {
        if (strcmp(gen_formats[i]->name, base) == 0) {
            fmt = gen_formats[i];
        }
    }
    if (fmt == NULL || (gz && fmt->directory)) {
        snprintf(err, errlen, "unknown format '%s' (formats: %s)", name, gen_format_names());
        return NULL;
    }
    gen_sink *s = calloc(1, sizeof *s);
    if (s == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->fmt = fmt;
    s->gzip_level = gz ? (gzip_level > 0 ? gzip_level : 6) : -1;
    s->per_file = fmt->directory ? 0 : per_file ? per_file : fmt->default_per_file;
    snprintf(s->dir, sizeof s->dir, "%s/%s", out_dir, name);
    if (!gen_mkdirs(s->dir)) {
        snprintf(err, errlen, "%s: %s", s->dir, strerror(errno));
        free(s);
        return NULL;
    }
    return s;
}

char *gen_sink_scratch(gen_sink *s, size_t n) {
    if (n > s->scratch_cap) {
        size_t cap = n * 2 + 4096;
        char *p = realloc(s->scratch, cap);
        if (p == NULL) {
            return NULL;
        }
        s->scratch = p;
        s->scratch_cap = cap;
    }
    return s->scratch;
}

static int gen_sink_file_open(gen_sink *s) {
    char path[4096];
    if (s->per_file == 0) {
        snprintf(path, sizeof path, "%s/corpus.%s%s", s->dir, s->fmt->ext,
                 s->gzip_level > 0 ? ".gz" : "");
    } else {
        snprintf(path, sizeof path, "%s/corpus-%06d.%s%s", s->dir, s->file_no, s->fmt->ext,
                 s->gzip_level > 0 ? ".gz" : "");
    }
    if (!gen_stream_open(&s->st, path, s->gzip_level)) {
        fprintf(stderr, "certscan-gen: %s: %s\n", path, strerror(errno));
        return 0;
    }
    s->open = 1;
    s->in_file = 0;
    s->file_no++;
    return s->fmt->file_begin == NULL || s->fmt->file_begin(s);
}

static int gen_sink_file_close(gen_sink *s) {
    int ok = s->fmt->file_end == NULL || s->fmt->file_end(s);
    ok = gen_stream_close(&s->st) && ok;
    s->open = 0;
    return ok;
}

int gen_sink_entry(gen_sink *s, const gen_entry *e) {
    if (!s->fmt->directory) {
        if (s->open && s->per_file != 0 && s->in_file == s->per_file && !gen_sink_file_close(s)) {
            return 0;
        }
        if (!s->open && !gen_sink_file_open(s)) {
            return 0;
        }
    }
    s->in_file++;
    s->total++;
    return s->fmt->entry(s, e);
}

int gen_sink_close(gen_sink *s) {
    int ok = 1;
    if (!s->fmt->directory) {
        if (!s->open) {
            ok = gen_sink_file_open(s); /* an empty corpus is still one (empty) file */
        }
        ok = ok && gen_sink_file_close(s);
    }
    if (s->fmt->finish != NULL) {
        ok = s->fmt->finish(s) && ok;
    }
    free(s->scratch);
    free(s);
    return ok;
}

size_t gen_base64_len(size_t n) {
    return (n + 2) / 3 * 4;
}

size_t gen_base64(const uint8_t *in, size_t n, char *out) {
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0, i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = t[v >> 18];
        out[o++] = t[(v >> 12) & 63];
        out[o++] = t[(v >> 6) & 63];
        out[o++] = t[v & 63];
    }
    if (i < n) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
        out[o++] = t[v >> 18];
        out[o++] = t[(v >> 12) & 63];
        out[o++] = i + 1 < n ? t[(v >> 6) & 63] : '=';
        out[o++] = '=';
    }
    out[o] = '\0';
    return o;
}

int gen_write_base64_lines(gen_sink *s, const uint8_t *in, size_t n, size_t width,
                           const char *eol) {
    size_t b64 = gen_base64_len(n);
    size_t eol_len = strlen(eol);
    char *buf = gen_sink_scratch(s, b64 * 2 + (b64 / width + 2) * eol_len + 8);
    if (buf == NULL) {
        return 0;
    }
    /* Encode into the upper half, then copy down in lines. */
    char *enc = buf + b64 + (b64 / width + 2) * eol_len + 4;
    gen_base64(in, n, enc);
    size_t o = 0;
    for (size_t i = 0; i < b64; i += width) {
        size_t k = b64 - i < width ? b64 - i : width;
        memcpy(buf + o, enc + i, k);
        o += k;
        memcpy(buf + o, eol, eol_len);
        o += eol_len;
    }
    return gen_stream_write(&s->st, buf, o);
}
