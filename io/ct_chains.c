/* The CT framer's state, and chain certificates (--chains): the certificates of a get-entries
 * extra_data, or the issuers a TileLeaf names by fingerprint, each yielded once per scan (the
 * shared cs_ct_seen set, keyed by SHA-256) as an entry of kind "chain" right after the entry
 * that named it first. Decoding extra_data here costs the reader a base64 pass per entry, which
 * only --chains asks for. */
#include <fcntl.h>
#include "io/sha256.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/base64.h"
#include "io/ct_framer.h"
#include "io/ct_leaf.h"
#include "io/ct_seen.h"
#include "io/framer.h"

int cs_ct_framer_init(cs_framer *f, const char *path, int chains, cs_ct_seen *seen) {
    cs_ct_framer *ct = &f->ct;
    memset(ct, 0, sizeof *ct);
    ct->has_tile_no = cs_ct_tile_path(path, &ct->tile_no, NULL);
    ct->chains = chains;
    if (!chains) {
        return 1;
    }
    ct->seen = seen;
    if (seen == NULL) {
        if ((ct->seen = cs_ct_seen_new()) == NULL) {
            return 0;
        }
        ct->own_seen = 1;
    }
    /* The tree's root: the path up to its tile/data/ part. */
    const char *at = NULL;
    for (const char *p = strstr(path, "tile/data/"); p != NULL; p = strstr(p + 1, "tile/data/")) {
        if (p == path || p[-1] == '/') {
            at = p;
        }
    }
    if (at != NULL) {
        size_t n = (size_t)(at - path);
        if ((ct->tree_root = malloc(n + 1)) == NULL) {
            return 0;
        }
        memcpy(ct->tree_root, path, n);
        ct->tree_root[n] = '\0';
        /* Issuers are read "when present": a tree copied without its issuer/ folder (as some
         * test trees are) has only fingerprints, which are then not followed. */
        char *dir = malloc(n + sizeof "issuer");
        struct stat st;
        if (dir == NULL) {
            return 0;
        }
        snprintf(dir, n + sizeof "issuer", "%sissuer", ct->tree_root);
        if (stat(n == 0 ? "issuer" : dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            free(ct->tree_root);
            ct->tree_root = NULL;
        }
        free(dir);
    }
    return 1;
}

void cs_ct_framer_free(cs_framer *f) {
    cs_ct_framer *ct = &f->ct;
    if (ct->own_seen) {
        cs_ct_seen_free(ct->seen);
    }
    free(ct->tree_root);
    free(ct->pending.buf);
    free(ct->pending.items);
    memset(ct, 0, sizeof *ct);
}

/* ---- pending chain entries ---- */

static int cs_ct_pending_push(cs_framer *f, cs_entry_status status, const void *bytes, size_t len) {
    cs_ct_pending *pd = &f->ct.pending;
    if (pd->len + len > pd->cap) {
        size_t cap = (pd->len + len) * 2 + 4096;
        uint8_t *p = realloc(pd->buf, cap);
        if (p == NULL) {
            return 0;
        }
        pd->buf = p;
        pd->cap = cap;
    }
    if (pd->count == pd->cap_items) {
        size_t cap = pd->cap_items != 0 ? pd->cap_items * 2 : 16;
        cs_ct_pending_item *items = realloc(pd->items, cap * sizeof *items);
        if (items == NULL) {
            return 0;
        }
        pd->items = items;
        pd->cap_items = cap;
    }
    memcpy(pd->buf + pd->len, bytes, len);
    pd->len += len;
    pd->items[pd->count].end = pd->len;
    pd->items[pd->count].status = status;
    pd->count++;
    return 1;
}

static void cs_ct_pending_reject(cs_framer *f, cs_entry_status status, const char *detail) {
    cs_ct_pending_push(f, status, detail, strlen(detail) + 1);
}

int cs_ct_pending_next(cs_framer *f, cs_raw_entry *out) {
    cs_ct_pending *pd = &f->ct.pending;
    if (pd->next == pd->count) {
        pd->next = pd->count = pd->len = 0;
        return 0;
    }
    size_t start = pd->next == 0 ? 0 : pd->items[pd->next - 1].end;
    const cs_ct_pending_item *it = &pd->items[pd->next++];
    if (it->status != CS_ENTRY_OK) {
        snprintf(f->detail, sizeof f->detail, "%s", (const char *)pd->buf + start);
        cs_framer_reject(f, out, it->status, pd->offset, pd->line);
    } else {
        memset(out, 0, sizeof *out);
        out->status = CS_ENTRY_OK;
        out->encoding = CS_ENCODING_DER;
        out->data = pd->buf + start;
        out->len = it->end - start;
        out->input = f->name;
        out->index = f->index++;
        out->offset = pd->offset;
        out->line = pd->line;
        out->detail = "";
    }
    out->log.kind = CS_KIND_CHAIN;
    return 1;
}

static void cs_ct_pending_start(cs_framer *f, const cs_raw_entry *entry) {
    cs_ct_pending *pd = &f->ct.pending;
    pd->next = pd->count = pd->len = 0;
    pd->offset = entry->offset;
    pd->line = entry->line;
}

/* ---- base64 from JSON ---- */

int cs_ct_b64(const uint8_t *src, size_t n, int escaped, uint8_t *dst, size_t max_out,
              size_t *out_len, size_t *bad_at) {
    size_t len = n;
    if (escaped) {
        /* JSON may escape '/' as "\/" and wrap long strings with "\n": undo both into dst,
         * then decode in place (the decoder writes behind where it reads). Other escapes are
         * left as they are and fail as base64. */
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            if (src[i] == '\\' && i + 1 < n) {
                uint8_t c = src[i + 1];
                if (c == '/') {
                    dst[o++] = '/';
                    i++;
                    continue;
                }
                if (c == 'n' || c == 'r' || c == 't') {
                    i++;
                    continue;
                }
            }
            dst[o++] = src[i];
        }
        src = dst;
        len = o;
    }
    if (max_out != 0) {
        size_t chars = (max_out + 2) / 3 * 4;
        if (chars < len && !escaped) {
            len = chars;
        }
    }
    cs_base64_error err;
    if (!cs_base64_decode(src, len, dst, cs_base64_decoded_max(len), out_len, &err)) {
        *bad_at = err.offset;
        return 0;
    }
    return 1;
}

/* ---- get-entries chains ---- */

typedef struct cs_ct_chain_ctx {
    cs_framer *f;
    int failed;
} cs_ct_chain_ctx;

static void cs_ct_chain_cert(void *ctx, const uint8_t *der, size_t len) {
    cs_ct_chain_ctx *cc = ctx;
    uint8_t md[CS_SHA256_LEN];
    cs_sha256(der, len, md);
    int r = cs_ct_seen_add(cc->f->ct.seen, md);
    if (r < 0 || (r > 0 && !cs_ct_pending_push(cc->f, CS_ENTRY_OK, der, len))) {
        cc->failed = 1;
    }
}

void cs_ct_json_chains(cs_framer *f, const cs_raw_entry *entry) {
    cs_ct_pending_start(f, entry);
    const cs_ct_spans *ct = &entry->ct;
    /* The leaf's first 12 bytes say which kind of extra_data this is. */
    uint8_t head[16];
    size_t head_len = 0, bad_at;
    const uint8_t *leaf = entry->data + ct->leaf_off;
    if (ct->escaped || ct->leaf_len < 16 || !cs_ct_b64(leaf, 16, 0, head, 0, &head_len, &bad_at) ||
        head_len < 12) {
        if (ct->escaped) {
            /* Rare: decode the whole leaf. */
            uint8_t *tmp = malloc(ct->leaf_len + 4);
            if (tmp == NULL || !cs_ct_b64(leaf, ct->leaf_len, 1, tmp, 0, &head_len, &bad_at) ||
                head_len < 12) {
                free(tmp);
                return; /* the worker reports the leaf */
            }
            memcpy(head, tmp, 12);
            free(tmp);
        } else {
            return;
        }
    }
    int precert = head[10] == 0 && head[11] == CS_CT_PRECERT_ENTRY;
    /* The framer looked for escapes in the leaf only. */
    int escaped = ct->escaped || memchr(entry->data + ct->extra_off, '\\', ct->extra_len) != NULL;
    uint8_t *extra = malloc((size_t)ct->extra_len + 4);
    size_t extra_len = 0;
    if (extra == NULL) {
        return;
    }
    if (!cs_ct_b64(entry->data + ct->extra_off, ct->extra_len, escaped, extra, 0, &extra_len,
                   &bad_at)) {
        free(extra); /* the worker reports bad base64 for a precert; an x509 chain is ours */
        if (!precert) {
            char d[128];
            snprintf(d, sizeof d, "invalid base64 in extra_data at character %zu", bad_at + 1);
            cs_ct_pending_reject(f, CS_ENTRY_BAD_BASE64, d);
        }
        return;
    }
    const uint8_t *chain = extra;
    size_t chain_len = extra_len;
    if (precert) {
        const uint8_t *pc;
        size_t pc_len, need;
        char why[160];
        if (cs_ct_precert_of_extra(extra, extra_len, &pc, &pc_len, &need, why, sizeof why) !=
            CS_CT_OK) {
            free(extra);
            return; /* the worker reports it */
        }
        chain = pc + pc_len;
        chain_len = extra_len - (size_t)(chain - extra);
    }
    char why[200], d[256];
    cs_ct_chain_ctx cc = {.f = f};
    if (!cs_ct_chain_each(chain, chain_len, cs_ct_chain_cert, &cc, why, sizeof why)) {
        snprintf(d, sizeof d, "extra_data chain: %s", why);
        cs_ct_pending_reject(f, CS_ENTRY_CT_EXTRA_DATA, d);
    }
    if (cc.failed) {
        cs_ct_pending_reject(f, CS_ENTRY_READ_ERROR, "out of memory reading the chain");
    }
    free(extra);
}

/* ---- tile issuers ---- */

/* Reads issuer/<hex> of the tree into the pending buffer; a rejection when it is missing,
 * unreadable or does not hash to its name. */
static void cs_ct_tile_issuer(cs_framer *f, const uint8_t fp[32]) {
    static const char hex[] = "0123456789abcdef";
    char name[65];
    for (int i = 0; i < 32; i++) {
        name[2 * i] = hex[fp[i] >> 4];
        name[2 * i + 1] = hex[fp[i] & 15];
    }
    name[64] = '\0';
    size_t n = strlen(f->ct.tree_root) + 80;
    char *path = malloc(n);
    char d[320];
    if (path == NULL) {
        cs_ct_pending_reject(f, CS_ENTRY_READ_ERROR, "out of memory reading an issuer");
        return;
    }
    snprintf(path, n, "%sissuer/%s", f->ct.tree_root, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (uint64_t)st.st_size > CS_ENTRY_MAX_SIZE || st.st_size == 0) {
        snprintf(d, sizeof d, "issuer %.16s…: %sissuer/%s is missing or unreadable", name,
                 f->ct.tree_root, name);
        cs_ct_pending_reject(f, CS_ENTRY_CT_TILE, d);
        if (fd >= 0) {
            close(fd);
        }
        free(path);
        return;
    }
    uint8_t *der = malloc((size_t)st.st_size);
    ssize_t got = der != NULL ? read(fd, der, (size_t)st.st_size) : -1;
    close(fd);
    free(path);
    uint8_t md[CS_SHA256_LEN];
    if (got != (ssize_t)st.st_size) {
        snprintf(d, sizeof d, "issuer %.16s…: cannot be read whole", name);
        cs_ct_pending_reject(f, CS_ENTRY_READ_ERROR, d);
    } else if (cs_sha256(der, (size_t)got, md), memcmp(md, fp, 32) != 0) {
        snprintf(d, sizeof d, "issuer/%s: its SHA-256 is not its name", name);
        cs_ct_pending_reject(f, CS_ENTRY_CT_TILE, d);
    } else if (!cs_ct_pending_push(f, CS_ENTRY_OK, der, (size_t)got)) {
        cs_ct_pending_reject(f, CS_ENTRY_READ_ERROR, "out of memory reading an issuer");
    }
    free(der);
}

void cs_ct_tile_chains(cs_framer *f, const uint8_t *fingerprints, size_t len) {
    cs_ct_pending *pd = &f->ct.pending;
    pd->next = pd->count = pd->len = 0;
    pd->offset = cs_window_offset(f->w);
    pd->line = 0;
    if (f->ct.tree_root == NULL) {
        return; /* a tile outside a tree: the issuers are nowhere to be found */
    }
    for (size_t at = 0; at + 32 <= len; at += 32) {
        int r = cs_ct_seen_add(f->ct.seen, fingerprints + at);
        if (r > 0) {
            cs_ct_tile_issuer(f, fingerprints + at);
        } else if (r < 0) {
            cs_ct_pending_reject(f, CS_ENTRY_READ_ERROR, "out of memory reading the chain");
        }
    }
}
