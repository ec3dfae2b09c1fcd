#include "bench/gen/gen_der.h"

#include <stdlib.h>
#include <string.h>

void gen_der_init(gen_der *d) {
    memset(d, 0, sizeof *d);
}

void gen_der_free(gen_der *d) {
    free(d->buf);
    memset(d, 0, sizeof *d);
}

void gen_der_reset(gen_der *d) {
    d->len = 0;
    d->depth = 0;
    d->failed = 0;
}

uint8_t *gen_der_reserve(gen_der *d, size_t n) {
    if (d->failed) {
        return NULL;
    }
    if (d->len + n > d->cap) {
        size_t cap = d->cap ? d->cap : 4096;
        while (cap < d->len + n) {
            cap *= 2;
        }
        uint8_t *p = realloc(d->buf, cap);
        if (p == NULL) {
            d->failed = 1;
            return NULL;
        }
        d->buf = p;
        d->cap = cap;
    }
    return d->buf + d->len;
}

void gen_der_raw(gen_der *d, const void *p, size_t n) {
    uint8_t *out = gen_der_reserve(d, n);
    if (out != NULL && n > 0) {
        memcpy(out, p, n);
        d->len += n;
    }
}

size_t gen_der_header(uint8_t *out, uint8_t tag, size_t n) {
    out[0] = tag;
    if (n < 0x80) {
        out[1] = (uint8_t)n;
        return 2;
    }
    size_t k = n <= 0xFF ? 1 : n <= 0xFFFF ? 2 : n <= 0xFFFFFF ? 3 : 4;
    out[1] = (uint8_t)(0x80 | k);
    for (size_t i = 0; i < k; i++) {
        out[2 + i] = (uint8_t)(n >> (8 * (k - 1 - i)));
    }
    return 2 + k;
}

void gen_der_open(gen_der *d, uint8_t tag) {
    uint8_t *out = gen_der_reserve(d, 2);
    if (out == NULL) {
        return;
    }
    if (d->depth == GEN_DER_DEPTH) {
        d->failed = 1;
        return;
    }
    out[0] = tag;
    out[1] = 0;
    d->open[d->depth++] = d->len + 1;
    d->len += 2;
}

void gen_der_close(gen_der *d) {
    if (d->failed) {
        return;
    }
    if (d->depth == 0) {
        d->failed = 1;
        return;
    }
    size_t at = d->open[--d->depth];
    size_t n = d->len - at - 1;
    if (n < 0x80) {
        d->buf[at] = (uint8_t)n;
        return;
    }
    size_t k = n <= 0xFF ? 1 : n <= 0xFFFF ? 2 : n <= 0xFFFFFF ? 3 : 4;
    if (gen_der_reserve(d, k) == NULL) {
        return;
    }
    memmove(d->buf + at + 1 + k, d->buf + at + 1, n);
    d->buf[at] = (uint8_t)(0x80 | k);
    for (size_t i = 0; i < k; i++) {
        d->buf[at + 1 + i] = (uint8_t)(n >> (8 * (k - 1 - i)));
    }
    d->len += k;
}

void gen_der_prim(gen_der *d, uint8_t tag, const void *content, size_t n) {
    uint8_t *out = gen_der_reserve(d, n + 6);
    if (out == NULL) {
        return;
    }
    size_t h = gen_der_header(out, tag, n);
    if (n > 0) {
        memcpy(out + h, content, n);
    }
    d->len += h + n;
}

void gen_der_str(gen_der *d, uint8_t tag, const char *s) {
    gen_der_prim(d, tag, s, strlen(s));
}

void gen_der_int(gen_der *d, uint64_t v) {
    uint8_t b[9];
    size_t n = 0;
    for (int i = 7; i >= 0; i--) {
        b[1 + n++] = (uint8_t)(v >> (8 * i));
    }
    gen_der_uint_bytes(d, b + 1, n);
}

void gen_der_uint_bytes(gen_der *d, const uint8_t *mag, size_t n) {
    while (n > 1 && mag[0] == 0) {
        mag++;
        n--;
    }
    uint8_t *out = gen_der_reserve(d, n + 7);
    if (out == NULL) {
        return;
    }
    int pad = n == 0 || (mag[0] & 0x80) != 0;
    size_t h = gen_der_header(out, GEN_INTEGER, n + (size_t)pad);
    if (pad) {
        out[h++] = 0;
    }
    if (n > 0) {
        memcpy(out + h, mag, n);
    }
    d->len += h + n;
}

void gen_der_bool_true(gen_der *d) {
    static const uint8_t t[] = {GEN_BOOLEAN, 1, 0xFF};
    gen_der_raw(d, t, sizeof t);
}

void gen_der_null(gen_der *d) {
    static const uint8_t t[] = {GEN_NULL, 0};
    gen_der_raw(d, t, sizeof t);
}

void gen_der_oid(gen_der *d, const void *content, size_t n) {
    gen_der_prim(d, GEN_OID, content, n);
}

void gen_der_bits(gen_der *d, unsigned unused, const void *content, size_t n) {
    uint8_t *out = gen_der_reserve(d, n + 7);
    if (out == NULL) {
        return;
    }
    size_t h = gen_der_header(out, GEN_BIT_STRING, n + 1);
    out[h++] = (uint8_t)unused;
    if (n > 0) {
        memcpy(out + h, content, n);
    }
    d->len += h + n;
}

size_t gen_oid_encode(const char *dotted, uint8_t *out, size_t cap) {
    uint64_t arcs[64];
    size_t num = 0;
    const char *p = dotted;
    while (*p != '\0') {
        char *end;
        if (num == 64 || *p < '0' || *p > '9') {
            return 0;
        }
        arcs[num++] = strtoull(p, &end, 10);
        p = end;
        if (*p == '.') {
            p++;
        } else if (*p != '\0') {
            return 0;
        }
    }
    if (num < 2 || arcs[0] > 2) {
        return 0;
    }
    size_t len = 0;
    for (size_t i = 1; i < num; i++) {
        uint64_t v = i == 1 ? arcs[0] * 40 + arcs[1] : arcs[i];
        uint8_t tmp[10];
        size_t k = 0;
        do {
            tmp[k++] = (uint8_t)(v & 0x7F);
            v >>= 7;
        } while (v != 0);
        if (len + k > cap) {
            return 0;
        }
        while (k > 0) {
            k--;
            out[len++] = (uint8_t)(tmp[k] | (k > 0 ? 0x80 : 0));
        }
    }
    return len;
}
