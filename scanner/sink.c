#include "scanner/sink.h"

#include <stdlib.h>
#include <string.h>

int cs_sink_init(cs_sink *s, const cs_scan_options *opt, cs_scan_totals *totals, size_t capacity) {
    memset(s, 0, sizeof *s);
    s->opt = opt;
    s->totals = totals;
    s->cap = capacity != 0 ? capacity : 1;
    s->held = malloc(s->cap * sizeof *s->held);
    atomic_init(&s->entries, 0);
    return s->held != NULL;
}

void cs_sink_free(cs_sink *s) {
    free(s->held);
    s->held = NULL;
}

void cs_sink_deliver(cs_sink *s, cs_chunk *c) {
    cs_scan_totals *t = s->totals;
    uint64_t parsed = 0;
    for (unsigned i = 0; i < c->n; i++) {
        parsed += (uint64_t)c->entry[i].parsed;
    }
    t->entries += c->n;
    t->parsed += parsed;
    t->rejected += c->n - parsed;
    if (s->opt->on_ordered != NULL) {
        s->opt->on_ordered(s->opt->ctx, c->entry, c->n, &c->out);
    }
    if (c->last) {
        const cs_scan_file *f = c->file;
        if (f->error != NULL) {
            t->input_errors++;
            if (s->opt->on_error != NULL) {
                s->opt->on_error(s->opt->ctx, f->path, f->error);
            }
        } else {
            t->inputs++;
            t->bytes += f->bytes;
            t->skipped_blocks += f->skipped;
        }
        s->next_file++;
        s->next_seq = 0;
    } else {
        s->next_seq++;
    }
    atomic_store_explicit(&s->entries, t->entries, memory_order_relaxed);
}

static int cs_sink_is_next(const cs_sink *s, const cs_chunk *c) {
    return c->file->no == s->next_file && c->seq == s->next_seq;
}

void cs_sink_put(cs_sink *s, cs_chunk *c, void (*recycle)(void *ctx, cs_chunk *c), void *ctx) {
    if (!cs_sink_is_next(s, c)) {
        /* The pool bounds the chunks in flight, so this array never overflows. */
        s->held[s->num_held++] = c;
        return;
    }
    cs_sink_deliver(s, c);
    recycle(ctx, c);
    /* Delivering one may make held ones due. A linear scan: the pool is small, and this runs
     * once per chunk of 64 entries. */
    for (size_t i = 0; i < s->num_held;) {
        if (cs_sink_is_next(s, s->held[i])) {
            cs_chunk *h = s->held[i];
            s->held[i] = s->held[--s->num_held];
            cs_sink_deliver(s, h);
            recycle(ctx, h);
            i = 0;
        } else {
            i++;
        }
    }
}

void cs_sink_drop(cs_sink *s, void (*recycle)(void *ctx, cs_chunk *c), void *ctx) {
    while (s->num_held > 0) {
        recycle(ctx, s->held[--s->num_held]);
    }
}
