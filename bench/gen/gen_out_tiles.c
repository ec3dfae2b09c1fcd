/* Static CT API tiles (c2sp.org/static-ct-api, c2sp.org/tlog-tiles) for the corpus as one
 * log: data tiles of 256 TileLeaf entries (tile/data/<N>, the last one partial .p/<W>),
 * Merkle hash tiles at every level (tile/<L>/<N>), the chain certificates by fingerprint
 * (issuer/<sha256 hex>), and a checkpoint signed with an RFC 6962 note signature by a P-256
 * log key made from the seed (its SubjectPublicKeyInfo in log-key.der). Everything streams:
 * a full tile is written as soon as its 256 entries exist, so memory stays bounded at any
 * corpus size. */
#include <errno.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/gen/gen_out.h"

#define GEN_TILE_WIDTH  256
#define GEN_TILE_LEVELS 8 /* 256^8 entries: more than any corpus */

typedef struct gen_tiles {
    const gen_world *world;
    uint8_t *data; /* the current data tile */
    size_t data_len, data_cap;
    int data_entries;
    uint64_t data_index;
    uint8_t level[GEN_TILE_LEVELS][GEN_TILE_WIDTH][32]; /* hashes of the open tile per level */
    int level_count[GEN_TILE_LEVELS];
    uint64_t level_index[GEN_TILE_LEVELS];
    /* RFC 6962 compact range: perfect subtree roots, largest first */
    uint8_t stack[64][32];
    int stack_height[64];
    int stack_len;
    uint64_t size;
    EVP_MD_CTX *md;
    uint8_t issued[1024]; /* which CA certificates are in issuer/ already */
    int failed;
} gen_tiles;

/* "x001/x234/067" for 1234067 (tlog-tiles: 3-digit groups, all but the last prefixed x) */
static void gen_tile_index(uint64_t n, char *out, size_t cap) {
    char groups[8][8];
    int k = 0;
    do {
        snprintf(groups[k++], sizeof groups[0], "%03u", (unsigned)(n % 1000));
        n /= 1000;
    } while (n > 0 && k < 8);
    size_t o = 0;
    for (int i = k - 1; i >= 0 && o < cap; i--) {
        o += (size_t)snprintf(out + o, cap - o, "%s%s%s", i > 0 ? "x" : "", groups[i],
                              i > 0 ? "/" : "");
    }
}

static int gen_tile_write(gen_sink *s, const char *kind, uint64_t n, int width, const void *p,
                          size_t len) {
    char index[96], path[4096];
    gen_tile_index(n, index, sizeof index);
    if (width < GEN_TILE_WIDTH) {
        snprintf(path, sizeof path, "%s/tile/%s/%s.p/%d", s->dir, kind, index, width);
    } else {
        snprintf(path, sizeof path, "%s/tile/%s/%s", s->dir, kind, index);
    }
    char *slash = strrchr(path, '/');
    *slash = '\0';
    int ok = gen_mkdirs(path);
    *slash = '/';
    FILE *f = ok ? fopen(path, "wb") : NULL;
    if (f == NULL) {
        fprintf(stderr, "certscan-gen: %s: %s\n", path, strerror(errno));
        return 0;
    }
    ok = fwrite(p, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

static void gen_node(const uint8_t *l, const uint8_t *r, uint8_t out[32]) {
    uint8_t buf[65];
    buf[0] = 0x01; /* RFC 6962 §2.1 interior node */
    memcpy(buf + 1, l, 32);
    memcpy(buf + 33, r, 32);
    SHA256(buf, sizeof buf, out);
}

/* MTH of a full tile's 256 hashes (a perfect subtree of height 8). */
static void gen_tile_root(uint8_t hashes[GEN_TILE_WIDTH][32], uint8_t out[32]) {
    uint8_t work[GEN_TILE_WIDTH][32];
    memcpy(work, hashes, sizeof work);
    for (int n = GEN_TILE_WIDTH; n > 1; n /= 2) {
        for (int i = 0; i < n / 2; i++) {
            gen_node(work[2 * i], work[2 * i + 1], work[i]);
        }
    }
    memcpy(out, work[0], 32);
}

/* Adds a hash at `level`, writing the tile (and carrying its root up) when it fills. */
static int gen_tiles_push(gen_sink *s, gen_tiles *t, int level, const uint8_t h[32]) {
    if (level >= GEN_TILE_LEVELS) {
        return 1;
    }
    memcpy(t->level[level][t->level_count[level]++], h, 32);
    if (t->level_count[level] < GEN_TILE_WIDTH) {
        return 1;
    }
    char kind[16];
    snprintf(kind, sizeof kind, "%d", level);
    if (!gen_tile_write(s, kind, t->level_index[level], GEN_TILE_WIDTH, t->level[level],
                        sizeof t->level[level])) {
        return 0;
    }
    uint8_t root[32];
    gen_tile_root(t->level[level], root);
    t->level_count[level] = 0;
    t->level_index[level]++;
    return gen_tiles_push(s, t, level + 1, root);
}

static void gen_put(gen_tiles *t, const void *p, size_t n) {
    if (t->data_len + n > t->data_cap) {
        size_t cap = (t->data_len + n) * 2;
        uint8_t *q = realloc(t->data, cap);
        if (q == NULL) {
            t->failed = 1;
            return;
        }
        t->data = q;
        t->data_cap = cap;
    }
    memcpy(t->data + t->data_len, p, n);
    t->data_len += n;
}

static void gen_put_u(gen_tiles *t, uint64_t v, int octets) {
    uint8_t b[8];
    for (int i = 0; i < octets; i++) {
        b[i] = (uint8_t)(v >> (8 * (octets - 1 - i)));
    }
    gen_put(t, b, (size_t)octets);
}

static int gen_tiles_issuer(gen_sink *s, gen_tiles *t, const gen_ca *ca, uint8_t fp[32]) {
    SHA256(ca->cert, ca->cert_len, fp);
    if (ca->index < (int)sizeof t->issued && t->issued[ca->index]) {
        return 1;
    }
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/issuer", s->dir);
    if (!gen_mkdirs(path)) {
        return 0;
    }
    n += snprintf(path + n, sizeof path - (size_t)n, "/");
    for (int i = 0; i < 32; i++) {
        n += snprintf(path + n, sizeof path - (size_t)n, "%02x", fp[i]);
    }
    FILE *f = fopen(path, "wb");
    int ok = f != NULL && fwrite(ca->cert, 1, ca->cert_len, f) == ca->cert_len;
    if (f != NULL) {
        ok = fclose(f) == 0 && ok;
    }
    if (ok && ca->index < (int)sizeof t->issued) {
        t->issued[ca->index] = 1;
    }
    return ok;
}

static int gen_tiles_entry(gen_sink *s, const gen_entry *e) {
    gen_tiles *t = s->state;
    if (t == NULL) {
        t = s->state = calloc(1, sizeof *t);
        if (t == NULL) {
            return 0;
        }
    }
    t->world = e->world;
    size_t start = t->data_len;
    /* TimestampedEntry (RFC 6962 §3.4) with the leaf_index extension (static-ct-api) */
    gen_put_u(t, (uint64_t)e->timestamp_ms, 8);
    if (e->precert) {
        uint8_t h[32];
        SHA256(e->issuer->key.spki, e->issuer->key.spki_len, h);
        gen_put_u(t, 1, 2);
        gen_put(t, h, 32);
        gen_put_u(t, e->ct_tbs_len, 3);
        gen_put(t, e->ct_tbs, e->ct_tbs_len);
    } else {
        gen_put_u(t, 0, 2);
        gen_put_u(t, e->len, 3);
        gen_put(t, e->der, e->len);
    }
    static const uint8_t ext_head[] = {0x00, 0x08, 0x00, 0x00, 0x05};
    gen_put(t, ext_head, sizeof ext_head);
    gen_put_u(t, t->size, 5);
    size_t entry_end = t->data_len;
    if (e->precert) {
        gen_put_u(t, e->len, 3);
        gen_put(t, e->der, e->len);
    }
    /* certificate_chain: fingerprints, issuer first (a root's own fingerprint for a root) */
    uint8_t fps[4][32];
    int k = 0;
    for (const gen_ca *ca = e->issuer; ca != NULL && k < 4; k++) {
        if (!gen_tiles_issuer(s, t, ca, fps[k])) {
            return 0;
        }
        const gen_ca *parent = &e->world->cas[ca->parent];
        ca = parent == ca ? NULL : parent;
    }
    gen_put_u(t, (uint64_t)k * 32, 2);
    gen_put(t, fps, (size_t)k * 32);
    if (t->failed) {
        return 0;
    }
    /* leaf hash: SHA-256(0x00 || MerkleTreeLeaf), MerkleTreeLeaf = v1 || timestamped_entry ||
     * TimestampedEntry */
    static const uint8_t prefix[3] = {0x00, 0x00, 0x00};
    uint8_t leaf[32];
    if (t->md == NULL && (t->md = EVP_MD_CTX_new()) == NULL) {
        return 0;
    }
    if (EVP_DigestInit_ex(t->md, EVP_sha256(), NULL) != 1 ||
        EVP_DigestUpdate(t->md, prefix, 3) != 1 ||
        EVP_DigestUpdate(t->md, t->data + start, entry_end - start) != 1 ||
        EVP_DigestFinal_ex(t->md, leaf, NULL) != 1) {
        return 0;
    }
    /* compact range for the root hash */
    memcpy(t->stack[t->stack_len], leaf, 32);
    t->stack_height[t->stack_len++] = 0;
    while (t->stack_len >= 2 &&
           t->stack_height[t->stack_len - 1] == t->stack_height[t->stack_len - 2]) {
        gen_node(t->stack[t->stack_len - 2], t->stack[t->stack_len - 1],
                 t->stack[t->stack_len - 2]);
        t->stack_height[t->stack_len - 2]++;
        t->stack_len--;
    }
    t->size++;
    if (!gen_tiles_push(s, t, 0, leaf)) {
        return 0;
    }
    if (++t->data_entries == GEN_TILE_WIDTH) {
        if (!gen_tile_write(s, "data", t->data_index++, GEN_TILE_WIDTH, t->data, t->data_len)) {
            return 0;
        }
        t->data_len = 0;
        t->data_entries = 0;
    }
    return 1;
}

/* The checkpoint (c2sp.org/tlog-checkpoint) with an RFC 6962 note signature (type 0x05). */
static int gen_tiles_checkpoint(gen_sink *s, gen_tiles *t, const uint8_t root[32]) {
    uint64_t seed = t->world != NULL ? t->world->cfg.seed : 0;
    gen_key key;
    gen_signer signer;
    gen_der sig;
    gen_der_init(&sig);
    if (!gen_key_make(&key, GEN_KEY_P256, seed, 0x7C7C7C7Cu, 1)) {
        return 0;
    }
    int ok = gen_signer_init(&signer);
    char origin[96];
    snprintf(origin, sizeof origin, "certscan-gen.example/seed-%llu", (unsigned long long)seed);
    /* TreeHeadSignature input (RFC 6962 §3.5): v1, tree_hash, timestamp, size, root */
    uint64_t ts = (uint64_t)GEN_DATE_NOW * 1000;
    uint8_t sth[2 + 8 + 8 + 32];
    sth[0] = 0;
    sth[1] = 1;
    for (int i = 0; i < 8; i++) {
        sth[2 + i] = (uint8_t)(ts >> (56 - 8 * i));
        sth[10 + i] = (uint8_t)(t->size >> (56 - 8 * i));
    }
    memcpy(sth + 18, root, 32);
    gen_rng r;
    gen_rng_init(&r, seed, GEN_RNG_LAYOUT, 0);
    ok = ok && gen_sign(&signer, &key, GEN_SIG_ECDSA_SHA256, 1, sth, sizeof sth, &r, &sig);
    /* the BIT STRING holds 0x00 and the Ecdsa-Sig-Value */
    size_t hdr = ok && (sig.buf[1] & 0x80) ? 2 + (size_t)(sig.buf[1] & 0x7F) : 2;
    const uint8_t *der = sig.buf + hdr + 1;
    size_t der_len = ok ? sig.len - hdr - 1 : 0;
    uint8_t log_id[32], body[4 + 8 + 4 + 80];
    SHA256(key.spki, key.spki_len, log_id);
    /* key ID: SHA-256(name || 0x0A || 0x05 || LogID)[0:4] */
    uint8_t idin[160], kid[32];
    size_t on = strlen(origin);
    memcpy(idin, origin, on);
    idin[on] = 0x0A;
    idin[on + 1] = 0x05;
    memcpy(idin + on + 2, log_id, 32);
    SHA256(idin, on + 34, kid);
    size_t b = 0;
    memcpy(body, kid, 4);
    b += 4;
    for (int i = 0; i < 8; i++) {
        body[b++] = (uint8_t)(ts >> (56 - 8 * i));
    }
    body[b++] = 4; /* sha256 */
    body[b++] = 3; /* ecdsa */
    body[b++] = (uint8_t)(der_len >> 8);
    body[b++] = (uint8_t)der_len;
    if (ok && b + der_len <= sizeof body) {
        memcpy(body + b, der, der_len);
        b += der_len;
    } else {
        ok = 0;
    }
    char root64[64], body64[160], path[4096];
    gen_base64(root, 32, root64);
    gen_base64(body, b, body64);
    snprintf(path, sizeof path, "%s/checkpoint", s->dir);
    FILE *f = ok ? fopen(path, "w") : NULL;
    if (f != NULL) {
        fprintf(f, "%s\n%llu\n%s\n\n\xE2\x80\x94 %s %s\n", origin, (unsigned long long)t->size,
                root64, origin, body64);
        ok = fclose(f) == 0;
    } else {
        ok = 0;
    }
    snprintf(path, sizeof path, "%s/log-key.der", s->dir);
    f = ok ? fopen(path, "wb") : NULL;
    if (f != NULL) {
        ok = fwrite(key.spki, 1, key.spki_len, f) == key.spki_len;
        ok = fclose(f) == 0 && ok;
    } else {
        ok = 0;
    }
    gen_der_free(&sig);
    gen_signer_cleanup(&signer);
    gen_key_cleanup(&key);
    return ok;
}

static int gen_tiles_finish(gen_sink *s) {
    gen_tiles *t = s->state;
    if (t == NULL) {
        return 1; /* no entries: no log */
    }
    int ok = !t->failed;
    if (ok && t->data_entries > 0) {
        ok = gen_tile_write(s, "data", t->data_index, t->data_entries, t->data, t->data_len);
    }
    /* the partial tile of each level: floor(size / 256^l) mod 256 hashes */
    for (int l = 0; ok && l < GEN_TILE_LEVELS; l++) {
        if (t->level_count[l] > 0) {
            char kind[16];
            snprintf(kind, sizeof kind, "%d", l);
            ok = gen_tile_write(s, kind, t->level_index[l], t->level_count[l], t->level[l],
                                (size_t)t->level_count[l] * 32);
        }
    }
    /* root: fold the compact range from the smallest subtree up */
    uint8_t root[32];
    if (ok && t->stack_len > 0) {
        memcpy(root, t->stack[t->stack_len - 1], 32);
        for (int i = t->stack_len - 2; i >= 0; i--) {
            gen_node(t->stack[i], root, root);
        }
        ok = gen_tiles_checkpoint(s, t, root);
    }
    EVP_MD_CTX_free(t->md);
    free(t->data);
    free(t);
    s->state = NULL;
    return ok;
}

const gen_format gen_format_tiles = {
    .name = "tiles",
    .ext = "",
    .directory = 1,
    .entry = gen_tiles_entry,
    .finish = gen_tiles_finish,
};
