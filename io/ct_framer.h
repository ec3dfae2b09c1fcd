/* Framing Certificate Transparency inputs: get-entries JSON (ct_json.c) and static-ct-api data
 * tiles (ct_tiles.c), as two more formats of the framer (framer.h). Chain certificates
 * (--chains) are yielded as entries of their own right after the entry that names them.
 */
#ifndef CS_IO_CT_FRAMER_H
#define CS_IO_CT_FRAMER_H

#include <stddef.h>
#include <stdint.h>

#include "io/input.h"

struct cs_framer;
struct cs_ct_seen;

/* Chain certificates waiting to be yielded, in one buffer. */
typedef struct cs_ct_pending_item {
    size_t end;             /* where its bytes end in buf */
    cs_entry_status status; /* OK: the bytes are DER; else they are the rejection's detail */
} cs_ct_pending_item;

typedef struct cs_ct_pending {
    uint8_t *buf; /* the certificates' DER (or details), side by side */
    size_t len, cap;
    cs_ct_pending_item *items;
    size_t count, cap_items, next;
    uint64_t offset; /* the stream offset of the entry that named them */
    uint64_t line;
} cs_ct_pending;

typedef struct cs_ct_framer {
    int state; /* JSON: where in the document the framer is (ct_json.c) */
    /* tiles */
    int has_tile_no;   /* the path names the tile (.../tile/data/<N>[.p/<W>]) */
    uint64_t tile_no;  /* N */
    uint64_t position; /* TileLeafs read so far */
    int has_first;     /* the first TileLeaf carried a leaf_index */
    uint64_t first_index;
    char *tree_root; /* the tile tree's directory, for issuer/<sha256> (--chains) */
    /* --chains */
    int chains;
    struct cs_ct_seen *seen; /* shared by the scan, or owned (own_seen) */
    int own_seen;
    cs_ct_pending pending;
} cs_ct_framer;

/* Sets up the CT state for `path` (chains: yield chain certificates, deduplicated in `seen`, or
 * per input when NULL). Returns 0 when memory ran out. */
int cs_ct_framer_init(struct cs_framer *f, const char *path, int chains, struct cs_ct_seen *seen);
void cs_ct_framer_free(struct cs_framer *f);

int cs_ct_json_next(struct cs_framer *f, cs_raw_entry *out);
int cs_ct_tiles_next(struct cs_framer *f, cs_raw_entry *out);

/* Yields the next pending chain certificate: 1 when there was one. */
int cs_ct_pending_next(struct cs_framer *f, cs_raw_entry *out);
/* Queues the chain certificates of a get-entries entry (extra_data) or of a TileLeaf (its
 * fingerprints, read from the tree's issuer/ folder), those that `seen` does not have yet. */
void cs_ct_json_chains(struct cs_framer *f, const cs_raw_entry *entry);
void cs_ct_tile_chains(struct cs_framer *f, const uint8_t *fingerprints, size_t len);

/* Decodes base64 text from JSON (undoing escapes such as \/ when `escaped`) into dst, which
 * has room for n bytes; a prefix of `max_out` bytes is enough when nonzero. Returns 1 with
 * *out_len, or 0 with the character offset of the failure in *bad_at. */
int cs_ct_b64(const uint8_t *src, size_t n, int escaped, uint8_t *dst, size_t max_out,
              size_t *out_len, size_t *bad_at);

/* 1 when buf starts like CT JSON: '{' or '[' first, and a "leaf_input" key. */
int cs_ct_json_detect(const uint8_t *buf, size_t len);

/* Parses .../tile/data/<N>[.p/<W>] at the end of path: 1 with *tile set. */
int cs_ct_tile_path(const char *path, uint64_t *tile, unsigned *partial_width);

#endif
