#include "tests/support/derb.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"

void derb_init(derb *b) {
    memset(b, 0, sizeof *b);
}

void derb_free(derb *b) {
    free(b->buf);
    memset(b, 0, sizeof *b);
}

uint8_t *derb_take(derb *b, size_t *out_len) {
    uint8_t *p = b->buf;
    *out_len = b->len;
    b->buf = NULL;
    b->len = b->cap = 0;
    return p;
}

static void derb_reserve(derb *b, size_t extra) {
    if (b->len + extra <= b->cap) {
        return;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra) {
        cap *= 2;
    }
    uint8_t *p = realloc(b->buf, cap);
    if (p == NULL) {
        abort();
    }
    b->buf = p;
    b->cap = cap;
}

void derb_raw(derb *b, const void *data, size_t len) {
    if (len == 0) {
        return;
    }
    derb_reserve(b, len);
    memcpy(b->buf + b->len, data, len);
    b->len += len;
}

void derb_tag(derb *b, uint32_t tag) {
    uint8_t id =
        (uint8_t)((tag & CS_DER_CLASS_MASK) >> 24) | (uint8_t)((tag & CS_DER_CONSTRUCTED) >> 24);
    uint32_t number = tag & CS_DER_NUMBER_MASK;
    if (number < 31) {
        id |= (uint8_t)number;
        derb_raw(b, &id, 1);
        return;
    }
    id |= 0x1F;
    derb_raw(b, &id, 1);
    uint8_t tmp[5];
    int n = 0;
    do {
        tmp[n++] = (uint8_t)(number & 0x7F);
        number >>= 7;
    } while (number != 0);
    while (n > 0) {
        uint8_t o = tmp[--n];
        if (n > 0) {
            o |= 0x80;
        }
        derb_raw(b, &o, 1);
    }
}

static size_t derb_len_bytes(size_t len, uint8_t out[5]) {
    if (len < 0x80) {
        out[0] = (uint8_t)len;
        return 1;
    }
    size_t n = 0;
    for (size_t v = len; v != 0; v >>= 8) {
        n++;
    }
    if (n > 4) {
        abort(); /* DER lengths here stay below 2^32 */
    }
    out[0] = (uint8_t)(0x80 | n);
    for (size_t i = 0; i < n; i++) {
        out[1 + i] = (uint8_t)(len >> (8 * (n - 1 - i)));
    }
    return n + 1;
}

void derb_open(derb *b, uint32_t tag) {
    if (b->depth >= DERB_MAX_DEPTH) {
        b->failed = 1;
        return;
    }
    derb_tag(b, tag);
    uint8_t placeholder = 0;
    derb_raw(b, &placeholder, 1);
    b->open_at[b->depth++] = b->len;
}

void derb_close(derb *b) {
    if (b->depth <= 0) {
        b->failed = 1;
        return;
    }
    size_t start = b->open_at[--b->depth];
    size_t content_len = b->len - start;
    uint8_t lb[5];
    size_t n = derb_len_bytes(content_len, lb);
    if (n > 1) {
        derb_reserve(b, n - 1);
        memmove(b->buf + start + n - 1, b->buf + start, content_len);
        b->len += n - 1;
    }
    memcpy(b->buf + start - 1, lb, n);
}

void derb_prim(derb *b, uint32_t tag, const void *content, size_t len) {
    derb_tag(b, tag);
    uint8_t lb[5];
    size_t n = derb_len_bytes(len, lb);
    derb_raw(b, lb, n);
    derb_raw(b, content, len);
}

size_t derb_oid_bytes(const char *dotted, uint8_t *out, size_t cap) {
    uint64_t arcs[64];
    size_t num = 0;
    const char *p = dotted;
    while (*p != '\0' && num < 64) {
        char *end;
        arcs[num++] = strtoull(p, &end, 10);
        if (end == p) {
            return 0;
        }
        p = *end == '.' ? end + 1 : end;
    }
    if (num < 2) {
        return 0;
    }
    size_t len = 0;
    for (size_t i = 1; i < num; i++) {
        uint64_t v = i == 1 ? arcs[0] * 40 + arcs[1] : arcs[i];
        uint8_t tmp[10];
        int n = 0;
        do {
            tmp[n++] = (uint8_t)(v & 0x7F);
            v >>= 7;
        } while (v != 0);
        while (n > 0) {
            if (len >= cap) {
                return 0;
            }
            n--;
            out[len++] = (uint8_t)(tmp[n] | (n > 0 ? 0x80 : 0));
        }
    }
    return len;
}

void derb_oid(derb *b, const char *dotted) {
    uint8_t tmp[128];
    size_t n = derb_oid_bytes(dotted, tmp, sizeof tmp);
    if (n == 0) {
        b->failed = 1;
        return;
    }
    derb_prim(b, CS_DER_OID, tmp, n);
}

void derb_int(derb *b, int64_t value) {
    uint8_t tmp[9];
    int n = 0;
    uint64_t u = (uint64_t)value;
    for (int i = 7; i >= 0; i--) {
        tmp[n++] = (uint8_t)(u >> (8 * i));
    }
    /* Strip redundant leading octets (X.690 §8.3.2). */
    int start = 0;
    while (start < 7 && ((tmp[start] == 0x00 && (tmp[start + 1] & 0x80) == 0) ||
                         (tmp[start] == 0xFF && (tmp[start + 1] & 0x80) != 0))) {
        start++;
    }
    derb_prim(b, CS_DER_INTEGER, tmp + start, (size_t)(8 - start));
}

void derb_int_bytes(derb *b, const void *content, size_t len) {
    derb_prim(b, CS_DER_INTEGER, content, len);
}

void derb_bool(derb *b, int value) {
    uint8_t v = value ? 0xFF : 0x00;
    derb_prim(b, CS_DER_BOOLEAN, &v, 1);
}

void derb_null(derb *b) {
    derb_prim(b, CS_DER_NULL, NULL, 0);
}

void derb_str(derb *b, uint32_t tag, const char *text) {
    derb_prim(b, tag, text, strlen(text));
}

void derb_bits(derb *b, unsigned unused, const void *content, size_t len) {
    derb_tag(b, CS_DER_BIT_STRING);
    uint8_t lb[5];
    size_t n = derb_len_bytes(len + 1, lb);
    derb_raw(b, lb, n);
    uint8_t u = (uint8_t)unused;
    derb_raw(b, &u, 1);
    derb_raw(b, content, len);
}
