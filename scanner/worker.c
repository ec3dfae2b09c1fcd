#include "scanner/worker.h"

#include "scanner/aggregate.h"
#include "scanner/audit.h"
#include "scanner/tbs.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#if defined(__x86_64__)
#include <xxh_x86dispatch.h>
#endif

/* How many entries ahead the worker prefetches a certificate's bytes and record: far enough for
 * them to arrive from the reader's core while the entries in between are evaluated. */
#define CS_WORKER_AHEAD 2

int cs_worker_init(cs_worker *w, const cs_scan_options *opt, void *state) {
    memset(w, 0, sizeof *w);
    w->opt = opt;
    w->state = state;
    w->batch = calloc(1, sizeof *w->batch);
    if (w->batch == NULL) {
        return 0;
    }
    size_t num_rules = cs_ruleset_count(opt->rules);
    w->batch->fail = calloc(num_rules ? num_rules : 1, sizeof(uint64_t));
    w->batch->waived = calloc(num_rules ? num_rules : 1, sizeof(uint64_t));
    if (w->batch->fail == NULL || w->batch->waived == NULL) {
        free(w->batch->fail);
        free(w->batch->waived);
        free(w->batch);
        w->batch = NULL;
        return 0;
    }
    return 1;
}

void cs_worker_free(cs_worker *w) {
    if (w->batch != NULL) {
        free(w->batch->fail);
        free(w->batch->waived);
        free(w->batch);
    }
    free(w->dec);
    memset(w, 0, sizeof *w);
}

/* Room to decode every entry of the chunk side by side: base64 decodes to at most 3/4 of its
 * text, plus a partial group per entry. */
static int cs_worker_reserve(cs_worker *w, const cs_chunk *c) {
    size_t need = c->arena_len + 4 * (size_t)c->n;
    if (need <= w->dec_cap) {
        return 1;
    }
    size_t cap = w->dec_cap != 0 ? w->dec_cap : CS_CHUNK_ARENA;
    while (cap < need) {
        cap *= 2;
    }
    uint8_t *p = realloc(w->dec, cap);
    if (p == NULL) {
        return 0;
    }
    w->dec = p;
    w->dec_cap = cap;
    return 1;
}

/* Decodes entry i into w->dec at *pos; on success the item points at its DER. */
static void cs_worker_decode(cs_worker *w, cs_chunk *c, unsigned i, cs_scan_item *it, size_t *pos) {
    cs_scan_entry *e = &c->entry[i];
    const cs_chunk_raw *r = &c->raw[i];
    cs_raw_entry raw = {
        .status = CS_ENTRY_OK,
        .encoding = (cs_entry_encoding)r->encoding,
        .data = c->arena + r->off,
        .len = r->len,
        .body = r->body,
        .column = r->column,
        .trusted = r->trusted,
        .sha256 = r->has_sha256 ? r->sha256 : NULL,
        .ct = r->ct,
        .log = e->log,
        .input = e->input,
        .index = e->index,
        .offset = e->offset,
        .line = e->line,
    };
    size_t max = cs_raw_decoded_max(&raw);
    cs_entry_status st = cs_raw_decode_log(&raw, w->dec + *pos, &it->der, &it->der_len, &e->log,
                                           c->detail[i], CS_CHUNK_DETAIL);
    if (st != CS_ENTRY_OK) {
        e->entry_status = st;
        e->entry_detail = c->detail[i];
        it->der = NULL;
        it->der_len = 0;
        return;
    }
    *pos += max;
    e->has_der = 1;
#if defined(__x86_64__)
    /* The same hash as XXH3_128bits, with the widest vector unit the CPU has: the default
     * build of the library is SSE2 only, and the hash is about 5% of a certificate's time. */
    e->id = XXH3_128bits_dispatch(it->der, it->der_len);
#else
    e->id = XXH3_128bits(it->der, it->der_len);
#endif
}

/* Entries [first, first + n) of the chunk as one batch of 64 lanes. */
static int cs_worker_batch(cs_worker *w, cs_chunk *c, unsigned first, unsigned n, size_t *pos) {
    cs_scan_batch *b = w->batch;
    cs_batch_reset(&b->batch, w->opt->profiles);
    b->n = n;
    for (unsigned k = 0; k < n; k++) {
        unsigned i = first + k;
        cs_scan_entry *e = &c->entry[i];
        cs_scan_item *it = &b->item[k];
        if (i + CS_WORKER_AHEAD < c->n) {
            /* The reader filled the chunk on another core: fetch what comes a little later
             * while this entry is parsed. */
            unsigned ahead = i + CS_WORKER_AHEAD;
            __builtin_prefetch(&c->entry[ahead], 1);
            __builtin_prefetch((char *)&c->entry[ahead] + 64, 1);
            if (c->entry[ahead].entry_status == CS_ENTRY_OK) {
                const uint8_t *bytes = c->arena + c->raw[ahead].off;
                for (size_t at = 0; at < c->raw[ahead].len && at < 2048; at += 64) {
                    __builtin_prefetch(bytes + at, 0);
                }
            }
        }
        it->entry = e;
        it->der = NULL;
        it->der_len = 0;
        if (e->entry_status == CS_ENTRY_OK) {
            cs_worker_decode(w, c, i, it, pos);
        }
        if (it->der != NULL) {
            e->parsed = w->opt->tbs
                            ? cs_tbs_parse(&it->x509, it->der, it->der_len, &e->parse_error)
                            : cs_x509_parse(&it->x509, it->der, it->der_len, &e->parse_error);
        }
        it->pair_key = e->parsed ? cs_agg_pair_key(&it->x509) : 0;
        if (e->parsed &&
            (w->opt->pass_n < 2 || it->pair_key % w->opt->pass_n == w->opt->pass_k - 1)) {
            cs_batch_add(&b->batch, &it->x509);
        } else {
            /* Unparsed, or counted in another pass of a --memory scan: no facts, no rules. */
            cs_batch_add_empty(&b->batch);
        }
    }
    /* Facts are extracted a batch at a time: only after this are they the lanes' own. */
    cs_batch_extract(&b->batch);
    for (unsigned k = 0; k < n; k++) {
        cs_scan_entry *e = b->item[k].entry;
        if (e->parsed && (b->batch.valid >> k & 1) && e->log.kind == CS_KIND_UNKNOWN) {
            /* Not from a log: the poison extension tells a precertificate. */
            e->log.kind = b->batch.facts[k].precert ? CS_KIND_PRECERT : CS_KIND_CERT;
        }
    }
    cs_engine_eval(w->opt->rules, &b->batch, b->fail);
    cs_audit_apply(w->opt->policy, b);
    return w->opt->on_batch == NULL || w->opt->on_batch(w->state, b, &c->out);
}

int cs_worker_run(cs_worker *w, cs_chunk *c) {
    if (!cs_worker_reserve(w, c)) {
        return 0;
    }
    cs_buf_clear(&c->out);
    size_t pos = 0;
    for (unsigned first = 0; first < c->n; first += CS_BATCH_LANES) {
        unsigned n = c->n - first < CS_BATCH_LANES ? c->n - first : CS_BATCH_LANES;
        if (!cs_worker_batch(w, c, first, n, &pos)) {
            return 0;
        }
    }
    return !c->out.failed;
}
