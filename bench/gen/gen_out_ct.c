/* RFC 6962 §4.6 get-entries responses: {"entries":[{"leaf_input":..., "extra_data":...}]},
 * one response per file of --per-file entries (default 1000, a common log page size), as a
 * crawl of a log stores them. leaf_input is a MerkleTreeLeaf (§3.4); extra_data the chain
 * (x509_entry) or a PrecertChainEntry (precert_entry). */
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "bench/gen/gen_out.h"

typedef struct gen_ct_buf {
    uint8_t *p;
    size_t len, cap;
    int failed;
} gen_ct_buf;

static void gen_ct_put(gen_ct_buf *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2 + 4096;
        uint8_t *q = realloc(b->p, cap);
        if (q == NULL) {
            b->failed = 1;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

static void gen_ct_u(gen_ct_buf *b, uint64_t v, int octets) {
    uint8_t t[8];
    for (int i = 0; i < octets; i++) {
        t[i] = (uint8_t)(v >> (8 * (octets - 1 - i)));
    }
    gen_ct_put(b, t, (size_t)octets);
}

/* opaque ASN.1Cert<1..2^24-1> */
static void gen_ct_cert(gen_ct_buf *b, const uint8_t *der, size_t len) {
    gen_ct_u(b, len, 3);
    gen_ct_put(b, der, len);
}

/* The issuing chain of an entry, issuer first, root last (the root alone for a root). */
static void gen_ct_chain(gen_ct_buf *b, const gen_entry *e) {
    const gen_ca *ca = e->issuer;
    size_t at = b->len;
    gen_ct_u(b, 0, 3);
    for (int depth = 0; ca != NULL && depth < 4; depth++) {
        gen_ct_cert(b, ca->cert, ca->cert_len);
        const gen_ca *parent = &e->world->cas[ca->parent];
        ca = parent == ca ? NULL : parent;
    }
    size_t total = b->len - at - 3;
    if (!b->failed) {
        b->p[at] = (uint8_t)(total >> 16);
        b->p[at + 1] = (uint8_t)(total >> 8);
        b->p[at + 2] = (uint8_t)total;
    }
}

typedef struct gen_ct_state {
    gen_ct_buf leaf, extra;
} gen_ct_state;

static int gen_ct_begin(gen_sink *s) {
    if (s->state == NULL) {
        s->state = calloc(1, sizeof(gen_ct_state));
        if (s->state == NULL) {
            return 0;
        }
    }
    return gen_stream_puts(&s->st, "{\"entries\":[");
}

static int gen_ct_entry(gen_sink *s, const gen_entry *e) {
    gen_ct_state *st = s->state;
    gen_ct_buf *leaf = &st->leaf, *extra = &st->extra;
    leaf->len = extra->len = 0;
    gen_ct_u(leaf, 0, 1); /* version v1 */
    gen_ct_u(leaf, 0, 1); /* timestamped_entry */
    gen_ct_u(leaf, (uint64_t)e->timestamp_ms, 8);
    if (e->precert) {
        uint8_t h[32];
        SHA256(e->issuer->key.spki, e->issuer->key.spki_len, h);
        gen_ct_u(leaf, 1, 2);
        gen_ct_put(leaf, h, 32);
        gen_ct_cert(leaf, e->ct_tbs, e->ct_tbs_len);
        gen_ct_cert(extra, e->der, e->len);
    } else {
        gen_ct_u(leaf, 0, 2);
        gen_ct_cert(leaf, e->der, e->len);
    }
    gen_ct_u(leaf, 0, 2); /* no CtExtensions */
    gen_ct_chain(extra, e);
    if (leaf->failed || extra->failed) {
        return 0;
    }
    size_t n1 = gen_base64_len(leaf->len), n2 = gen_base64_len(extra->len);
    char *buf = gen_sink_scratch(s, n1 + n2 + 64);
    if (buf == NULL) {
        return 0;
    }
    size_t o = 0;
    const char *open = s->in_file > 1 ? ",{\"leaf_input\":\"" : "{\"leaf_input\":\"";
    memcpy(buf, open, strlen(open));
    o += strlen(open);
    o += gen_base64(leaf->p, leaf->len, buf + o);
    memcpy(buf + o, "\",\"extra_data\":\"", 16);
    o += 16;
    o += gen_base64(extra->p, extra->len, buf + o);
    memcpy(buf + o, "\"}", 2);
    o += 2;
    return gen_stream_write(&s->st, buf, o);
}

static int gen_ct_end(gen_sink *s) {
    return gen_stream_puts(&s->st, "]}\n");
}

static int gen_ct_finish_free(gen_sink *s) {
    gen_ct_state *st = s->state;
    if (st != NULL) {
        free(st->leaf.p);
        free(st->extra.p);
        free(st);
        s->state = NULL;
    }
    return 1;
}

const gen_format gen_format_ctjson = {
    .name = "ctjson",
    .ext = "json",
    .default_per_file = 1000,
    .file_begin = gen_ct_begin,
    .entry = gen_ct_entry,
    .file_end = gen_ct_end,
    .finish = gen_ct_finish_free,
};
