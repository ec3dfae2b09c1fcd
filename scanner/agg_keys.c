/* The keys that count a certificate once: pairing (precertificate and final certificate), copy
 * (exact duplicates) and the final certificate's slot. Every certificate computes the first
 * two, so the hashing is inlined and done in one call over the bytes that matter. */
#include "scanner/aggregate.h"

#include <string.h>
#define XXH_INLINE_ALL
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>
#if defined(__x86_64__)
/* libxxhash's run-time dispatched entry points (xxh_x86dispatch.h), declared here because that
 * header cannot be combined with XXH_INLINE_ALL, which the short keys want. */
XXH64_hash_t XXH3_64bits_dispatch(const void *input, size_t len);
XXH64_hash_t XXH3_64bits_withSeed_dispatch(const void *input, size_t len, XXH64_hash_t seed);
#endif

/* A TBSCertificate up to this size is gathered on the stack and hashed in one call; larger
 * ones stream. */
#define CS_AGG_KEY_GATHER 4096

typedef struct cs_agg_key_pieces {
    const uint8_t *ptr[CS_X509_MAX_EXTS + 2];
    size_t len[CS_X509_MAX_EXTS + 2];
    size_t count, total;
} cs_agg_key_pieces;

/* Appends a range, merged with the previous one when they touch. */
static void cs_agg_key_add(cs_agg_key_pieces *p, const uint8_t *ptr, size_t len) {
    if (len == 0) {
        return;
    }
    if (p->count > 0 && p->ptr[p->count - 1] + p->len[p->count - 1] == ptr) {
        p->len[p->count - 1] += len;
    } else {
        p->ptr[p->count] = ptr;
        p->len[p->count] = len;
        p->count++;
    }
    p->total += len;
}

/* XXH3 runs its inlined short-input code up to 240 bytes; longer inputs go through the
 * library's dispatcher, which picks the widest vector unit the CPU has (the inlined long-input
 * loop is SSE2 only, two to four times the instructions per byte). Same hash either way. */
#define CS_AGG_KEY_SHORT 240

static uint64_t cs_agg_hash64(const uint8_t *p, size_t len) {
#if defined(__x86_64__)
    if (len > CS_AGG_KEY_SHORT) {
        return XXH3_64bits_dispatch(p, len);
    }
#endif
    return XXH3_64bits(p, len);
}

static uint64_t cs_agg_key_hash(const cs_agg_key_pieces *p) {
    if (p->count == 1) {
        return cs_agg_hash64(p->ptr[0], p->len[0]);
    }
    if (p->total <= CS_AGG_KEY_GATHER) {
        uint8_t buf[CS_AGG_KEY_GATHER];
        size_t at = 0;
        for (size_t i = 0; i < p->count; i++) {
            memcpy(buf + at, p->ptr[i], p->len[i]);
            at += p->len[i];
        }
        return cs_agg_hash64(buf, at);
    }
    /* The streaming digest equals the one-shot hash of the concatenation. */
    XXH3_state_t state;
    XXH3_INITSTATE(&state);
    XXH3_64bits_reset(&state);
    for (size_t i = 0; i < p->count; i++) {
        XXH3_64bits_update(&state, p->ptr[i], p->len[i]);
    }
    return XXH3_64bits_digest(&state);
}

uint64_t cs_agg_pair_key(const cs_x509 *x) {
    const uint8_t *p = x->tbs.ptr;
    size_t len = x->tbs.len;
    size_t header = len > 1 && (p[1] & 0x80) ? 2 + (size_t)(p[1] & 0x7F) : 2;
    if (header > len) {
        return cs_agg_hash64(p, len);
    }
    const uint8_t *start = p + header, *end = p + len;
    if (!x->has_extensions || x->exts_overflow) {
        return cs_agg_hash64(start, (size_t)(end - start));
    }
    /* The fields before [3], each extension but the poison and the SCT list, and anything after:
     * the lengths of the enclosing TLVs differ between a precertificate and its final
     * certificate, the pieces do not. Contiguous extensions merge, so a certificate without
     * either CT extension is three ranges at most. */
    cs_agg_key_pieces pieces;
    pieces.count = 0;
    pieces.total = 0;
    cs_agg_key_add(&pieces, start, (size_t)(x->extensions.ptr - start));
    for (unsigned i = 0; i < x->num_exts; i++) {
        const cs_x509_ext *e = &x->ext[i];
        if (e->id == CS_EXT_CT_POISON || e->id == CS_EXT_CT_SCT_LIST) {
            continue;
        }
        cs_agg_key_add(&pieces, e->raw.ptr, e->raw.len);
    }
    const uint8_t *after = x->extensions.ptr + x->extensions.len;
    if (after < end) {
        cs_agg_key_add(&pieces, after, (size_t)(end - after));
    }
    return cs_agg_key_hash(&pieces);
}

uint64_t cs_agg_copy_key(const cs_x509 *x, uint64_t pair_key) {
    /* The signatureAlgorithm and signatureValue after the TBSCertificate: two certificates with
     * the same TBSCertificate but another signature (an ECDSA re-signing, a test vector with
     * other parameters) are different certificates with different findings. */
    const uint8_t *tail = x->tbs.ptr + x->tbs.len;
    const uint8_t *end = x->der.ptr + x->der.len;
    size_t len = tail < end ? (size_t)(end - tail) : 0;
#if defined(__x86_64__)
    if (len > CS_AGG_KEY_SHORT) {
        return XXH3_64bits_withSeed_dispatch(tail, len, pair_key);
    }
#endif
    return XXH3_64bits_withSeed(tail, len, pair_key);
}

uint64_t cs_agg_final_key(uint64_t pair_key) {
    /* Another domain of the same table: any fixed odd constant keeps the two apart. */
    return pair_key ^ 0x9E3779B97F4A7C15ull;
}
