/* static-ct-api data tiles: TileLeafs back to back, with no count and no markers, so a record
 * that does not decode ends the tile (like DER, nothing after it can be found again). Each
 * entry's index in the log is its leaf_index extension (required by the spec), checked against
 * the tile's own numbering: tile N's entry k is N × 256 + k, where N comes from the path when it
 * has the tile/data/<N> shape and otherwise from the first entry's leaf_index. The framer copies
 * only the certificate to lint (the x509 certificate, or the precertificate), not the TBS.
 */
#include <stdio.h>
#include <string.h>

#include "io/ct_framer.h"
#include "io/ct_leaf.h"
#include "io/framer.h"

#define CS_TILE_WIDTH 256

int cs_ct_tile_path(const char *path, uint64_t *tile, unsigned *partial_width) {
    const char *at = NULL;
    for (const char *p = strstr(path, "tile/data/"); p != NULL; p = strstr(p + 1, "tile/data/")) {
        if (p == path || p[-1] == '/') {
            at = p;
        }
    }
    if (at == NULL) {
        return 0;
    }
    const char *s = at + strlen("tile/data/");
    uint64_t n = 0;
    for (;;) {
        int x = *s == 'x';
        s += x;
        if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
              s[2] <= '9')) {
            return 0;
        }
        if (n > UINT64_MAX / 1000) {
            return 0;
        }
        n = n * 1000 + (uint64_t)((s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0'));
        s += 3;
        if (x) {
            if (*s != '/') {
                return 0;
            }
            s++;
            continue;
        }
        break;
    }
    unsigned width = 0;
    if (strncmp(s, ".p/", 3) == 0) {
        s += 3;
        while (*s >= '0' && *s <= '9' && width < 1000) {
            width = width * 10 + (unsigned)(*s++ - '0');
        }
        if (width == 0 || width >= CS_TILE_WIDTH) {
            return 0;
        }
    }
    if (*s != '\0') {
        return 0;
    }
    *tile = n;
    if (partial_width != NULL) {
        *partial_width = width;
    }
    return 1;
}

static void cs_tiles_consume(cs_framer *f, size_t n) {
    cs_window_consume(f->w, n);
    f->nonblank = 1;
}

/* Everything left is one rejection: the tile cannot be read past a bad record. */
static int cs_tiles_reject_rest(cs_framer *f, cs_raw_entry *out, cs_entry_status status,
                                uint64_t offset) {
    uint64_t left = 0;
    do {
        size_t a = cs_window_avail(f->w);
        left += a;
        cs_tiles_consume(f, a);
    } while (cs_window_more(f->w) > 0);
    size_t k = strlen(f->detail);
    snprintf(f->detail + k, sizeof f->detail - k, "; %llu bytes of the tile not read",
             (unsigned long long)left);
    f->done = 1;
    cs_framer_reject(f, out, status, offset, 0);
    /* Where in the log the unreadable record stands, when the tile's number is known. */
    out->log.index = f->ct.tile_no * CS_TILE_WIDTH + f->ct.position;
    out->log.has_index = (uint8_t)f->ct.has_tile_no;
    return 1;
}

int cs_ct_tiles_next(cs_framer *f, cs_raw_entry *out) {
    if (cs_ct_pending_next(f, out)) {
        return 1;
    }
    if (f->done) {
        return 0;
    }
    size_t avail = cs_window_avail(f->w);
    while (avail == 0) {
        if (cs_window_more(f->w) <= 0) {
            return 0;
        }
        avail = cs_window_avail(f->w);
    }
    uint64_t offset = cs_window_offset(f->w);
    cs_ct_entry e;
    size_t need = 0;
    cs_ct_result r;
    char why[200] = "";
    for (;;) {
        r = cs_ct_tile_leaf(cs_window_data(f->w), cs_window_avail(f->w), &e, &need, why,
                            sizeof why);
        if (r != CS_CT_SHORT) {
            break;
        }
        /* Read up to what the TileLeaf is known to need, not one read at a time. */
        int more = cs_window_more(f->w);
        while (more > 0 && cs_window_avail(f->w) < need && cs_window_more(f->w) > 0) {
        }
        if (more == 0) {
            snprintf(f->detail, sizeof f->detail,
                     "TileLeaf %llu is truncated: it needs at least %zu bytes, %zu are left",
                     (unsigned long long)f->ct.position, need, cs_window_avail(f->w));
            return cs_tiles_reject_rest(f, out, CS_ENTRY_CT_TILE, offset);
        }
        if (more < 0) {
            snprintf(f->detail, sizeof f->detail,
                     "TileLeaf %llu is longer than %zu bytes, the most held at once",
                     (unsigned long long)f->ct.position, f->w->max);
            return cs_tiles_reject_rest(f, out, CS_ENTRY_TOO_LARGE, offset);
        }
    }
    if (r == CS_CT_BAD) {
        snprintf(f->detail, sizeof f->detail, "TileLeaf %llu: %s",
                 (unsigned long long)f->ct.position, why);
        return cs_tiles_reject_rest(f, out, CS_ENTRY_CT_TILE, offset);
    }
    uint64_t position = f->ct.position++;
    uint64_t leaf_index = 0;
    int has_leaf_index = cs_ct_leaf_index(e.ext, e.ext_len, &leaf_index, why, sizeof why);
    const uint8_t *der = e.entry_type == CS_CT_PRECERT_ENTRY ? e.precert : e.cert;
    size_t der_len = e.entry_type == CS_CT_PRECERT_ENTRY ? e.precert_len : e.cert_len;
    cs_log_info log = {.timestamp = e.timestamp,
                       .kind = e.entry_type == CS_CT_PRECERT_ENTRY ? CS_KIND_PRECERT : CS_KIND_CERT,
                       .has_timestamp = 1};
    /* The tile's numbering: from its path, else from its first leaf_index. */
    if (!f->ct.has_tile_no && position == 0 && has_leaf_index == 1) {
        f->ct.has_tile_no = 1;
        f->ct.tile_no = leaf_index / CS_TILE_WIDTH;
    }
    int has_expected = f->ct.has_tile_no;
    uint64_t expected = f->ct.tile_no * CS_TILE_WIDTH + position;
    cs_entry_status status = CS_ENTRY_OK;
    if (has_leaf_index < 0) {
        snprintf(f->detail, sizeof f->detail, "TileLeaf %llu: %s", (unsigned long long)position,
                 why);
        status = CS_ENTRY_CT_TILE;
    } else if (position >= CS_TILE_WIDTH) {
        snprintf(f->detail, sizeof f->detail, "TileLeaf %llu: a data tile holds at most %d entries",
                 (unsigned long long)position, CS_TILE_WIDTH);
        status = CS_ENTRY_CT_TILE;
    } else if (has_leaf_index == 1 && has_expected && leaf_index != expected) {
        snprintf(f->detail, sizeof f->detail,
                 "TileLeaf %llu has leaf_index %llu, but its place in tile %llu makes it %llu",
                 (unsigned long long)position, (unsigned long long)leaf_index,
                 (unsigned long long)f->ct.tile_no, (unsigned long long)expected);
        status = CS_ENTRY_CT_LEAF_INDEX;
    } else if (der_len > CS_ENTRY_MAX_SIZE) {
        snprintf(f->detail, sizeof f->detail, "the certificate of %zu bytes exceeds %zu bytes",
                 der_len, (size_t)CS_ENTRY_MAX_SIZE);
        status = CS_ENTRY_TOO_LARGE;
    }
    if (has_leaf_index == 1) {
        log.index = leaf_index;
        log.has_index = 1;
    } else if (has_expected) {
        log.index = expected;
        log.has_index = 1;
    }
    if (status != CS_ENTRY_OK) {
        cs_framer_reject(f, out, status, offset, 0);
    } else {
        memset(out, 0, sizeof *out);
        out->status = CS_ENTRY_OK;
        out->encoding = CS_ENCODING_DER;
        out->data = der;
        out->len = der_len;
        out->input = f->name;
        out->index = f->index++;
        out->offset = offset;
        out->detail = "";
    }
    out->log = log;
    if (f->ct.chains && status == CS_ENTRY_OK) {
        cs_ct_tile_chains(f, e.chain, e.chain_len);
    }
    /* The bytes stay in the window until the next call: consuming only moves its start. */
    cs_tiles_consume(f, e.len);
    return 1;
}
