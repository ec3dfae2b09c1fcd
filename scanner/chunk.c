#include "scanner/chunk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/split.h"

/* Entries ahead of the one being written whose records are prefetched, and arena bytes ahead of
 * the next copy (about one certificate). */
#define CS_CHUNK_PREFETCH       4
#define CS_CHUNK_PREFETCH_BYTES 2048

cs_scan_file *cs_scan_file_new(const char *path, uint64_t no, const char *error) {
    size_t len = strlen(path);
    cs_scan_file *f = malloc(sizeof *f + len + 1);
    if (f == NULL) {
        return NULL;
    }
    atomic_init(&f->refs, 1);
    f->no = no;
    f->error = NULL;
    f->bytes = 0;
    f->skipped = 0;
    f->split = NULL;
    f->range = 0;
    f->last_range = 0;
    f->start = 0;
    f->length = 0;
    memcpy(f->path, path, len + 1);
    if (error != NULL) {
        cs_scan_file_set_error(f, error);
    }
    return f;
}

void cs_scan_file_set_error(cs_scan_file *f, const char *error) {
    snprintf(f->error_text, sizeof f->error_text, "%s", error);
    f->error = f->error_text;
}

void cs_scan_file_ref(cs_scan_file *f) {
    atomic_fetch_add_explicit(&f->refs, 1, memory_order_relaxed);
}

void cs_scan_file_unref(cs_scan_file *f) {
    if (f != NULL && atomic_fetch_sub_explicit(&f->refs, 1, memory_order_acq_rel) == 1) {
        cs_split_unref(f->split);
        free(f);
    }
}

cs_chunk *cs_chunk_new(unsigned reader) {
    cs_chunk *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return NULL;
    }
    c->arena = malloc(CS_CHUNK_ARENA);
    if (c->arena == NULL) {
        free(c);
        return NULL;
    }
    c->arena_cap = CS_CHUNK_ARENA;
    c->reader = reader;
    cs_buf_init(&c->out);
    return c;
}

void cs_chunk_free(cs_chunk *c) {
    if (c == NULL) {
        return;
    }
    cs_chunk_release(c);
    cs_buf_free(&c->out);
    free(c->arena);
    free(c);
}

void cs_chunk_start(cs_chunk *c, cs_scan_file *file, uint64_t seq) {
    cs_chunk_release(c);
    if (c->arena_cap > CS_CHUNK_ARENA) {
        /* Give back what one large entry took: a pool of grown chunks would hold memory the
         * rest of the corpus never needs. */
        uint8_t *p = realloc(c->arena, CS_CHUNK_ARENA);
        if (p != NULL) {
            c->arena = p;
            c->arena_cap = CS_CHUNK_ARENA;
        }
    }
    cs_scan_file_ref(file);
    c->file = file;
    c->seq = seq;
    c->last = 0;
    c->n = 0;
    c->arena_len = 0;
    cs_buf_clear(&c->out);
}

void cs_chunk_release(cs_chunk *c) {
    cs_scan_file_unref(c->file);
    c->file = NULL;
}

int cs_chunk_add(cs_chunk *c, const cs_raw_entry *raw) {
    if (c->n == CS_CHUNK_ENTRIES) {
        return 0;
    }
    unsigned i = c->n;
    cs_scan_entry *e = &c->entry[i];
    if (i + CS_CHUNK_PREFETCH < CS_CHUNK_ENTRIES) {
        /* The records were last written by a worker on another core: asking for them a few
         * entries ahead hides the wait for each cache line to move over. */
        __builtin_prefetch(&c->entry[i + CS_CHUNK_PREFETCH], 1);
        __builtin_prefetch((char *)&c->entry[i + CS_CHUNK_PREFETCH] + 64, 1);
        __builtin_prefetch(&c->raw[i + CS_CHUNK_PREFETCH], 1);
    }
    cs_entry_status status = raw->status;
    const char *detail = raw->detail;
    size_t len = status == CS_ENTRY_OK ? raw->len : 0;
    /* A get-entries entry: only its two base64 spans, side by side (cs_ct_compact). */
    int compact = status == CS_ENTRY_OK && cs_ct_compact(raw);
    if (compact) {
        len = (size_t)raw->ct.leaf_len + raw->ct.extra_len;
    }
    if (c->arena_cap - c->arena_len < len) {
        if (i > 0) {
            return 0;
        }
        uint8_t *p = realloc(c->arena, len);
        if (p != NULL) {
            c->arena = p;
            c->arena_cap = len;
        } else {
            status = CS_ENTRY_READ_ERROR;
            detail = "out of memory holding the entry";
            len = 0;
        }
    }
    c->n++;
    e->input = c->file->path;
    e->input_no = c->file->no;
    e->index = raw->index;
    e->offset = raw->offset;
    e->line = raw->line;
    e->entry_status = status;
    e->entry_detail = NULL;
    e->parsed = 0;
    memset(&e->parse_error, 0, sizeof e->parse_error);
    e->has_der = 0;
    e->id.low64 = 0;
    e->id.high64 = 0;
    e->log = raw->log;
    if (status != CS_ENTRY_OK) {
        snprintf(c->detail[i], sizeof c->detail[i], "%s", detail != NULL ? detail : "");
        e->entry_detail = c->detail[i];
        return 1;
    }
    cs_chunk_raw *r = &c->raw[i];
    r->off = c->arena_len;
    r->len = len;
    r->body = raw->body;
    r->column = raw->column;
    r->encoding = (uint8_t)raw->encoding;
    r->trusted = (uint8_t)raw->trusted;
    r->has_sha256 = raw->sha256 != NULL;
    if (raw->sha256 != NULL) {
        memcpy(r->sha256, raw->sha256, sizeof r->sha256);
    }
    r->ct = raw->ct;
    if (compact) {
        memcpy(c->arena + c->arena_len, raw->data + raw->ct.leaf_off, raw->ct.leaf_len);
        memcpy(c->arena + c->arena_len + raw->ct.leaf_len, raw->data + raw->ct.extra_off,
               raw->ct.extra_len);
        r->ct.leaf_off = 0;
        r->ct.extra_off = raw->ct.leaf_len;
    } else {
        memcpy(c->arena + c->arena_len, raw->data, len);
    }
    c->arena_len += len;
    /* The arena was last read by a worker on another core: ask for the lines the next entry
     * will be copied into now, so that the copy does not stall on each of them. */
    size_t ahead = c->arena_cap - c->arena_len;
    ahead = ahead < CS_CHUNK_PREFETCH_BYTES ? ahead : CS_CHUNK_PREFETCH_BYTES;
    for (size_t at = 0; at < ahead; at += 64) {
        __builtin_prefetch(c->arena + c->arena_len + at, 1);
    }
    return 1;
}
