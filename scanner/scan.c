#include "scanner/scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reader's buffers are only valid until its next entry, so a batch keeps its own copy of
 * each entry's bytes in one reusable arena. */
typedef struct cs_scan_state {
    const cs_scan_options *opt;
    cs_scan_totals *totals;
    cs_scan_batch *batch;
    uint8_t *arena;
    size_t arena_len;
    size_t arena_cap;
    size_t item_offset[CS_BATCH_LANES];
    char *details[CS_BATCH_LANES]; /* copies of reader rejection details */
    int oom;
} cs_scan_state;

const char *cs_scan_item_reason(const cs_scan_item *item) {
    if (item->entry_status != CS_ENTRY_OK) {
        return cs_entry_status_name(item->entry_status);
    }
    static const char *const names[CS_DER_STATUS_COUNT] = {
        [CS_DER_OK] = "x509.ok",
        [CS_DER_TRUNCATED] = "x509.truncated",
        [CS_DER_INDEFINITE_LENGTH] = "x509.indefinite_length",
        [CS_DER_NONMINIMAL_LENGTH] = "x509.nonminimal_length",
        [CS_DER_LENGTH_OVERFLOW] = "x509.length_overflow",
        [CS_DER_BAD_TAG] = "x509.bad_tag",
        [CS_DER_UNEXPECTED_TAG] = "x509.unexpected_tag",
        [CS_DER_TRAILING_DATA] = "x509.trailing_data",
        [CS_DER_TOO_DEEP] = "x509.too_deep",
        [CS_DER_BAD_INTEGER] = "x509.bad_integer",
        [CS_DER_BAD_BOOLEAN] = "x509.bad_boolean",
        [CS_DER_BAD_OID] = "x509.bad_oid",
        [CS_DER_BAD_BITSTRING] = "x509.bad_bitstring",
        [CS_DER_BAD_TIME] = "x509.bad_time",
        [CS_DER_BAD_VALUE] = "x509.bad_value",
        [CS_DER_LIMIT] = "x509.limit",
    };
    unsigned s = (unsigned)item->parse_error.status;
    return s < CS_DER_STATUS_COUNT ? names[s] : "x509.unknown";
}

static void cs_scan_flush(cs_scan_state *st) {
    cs_scan_batch *b = st->batch;
    if (b->n == 0) {
        return;
    }
    cs_batch_reset(&b->batch, st->opt->profiles);
    for (unsigned i = 0; i < b->n; i++) {
        cs_scan_item *it = &b->item[i];
        if (it->entry_status == CS_ENTRY_OK) {
            it->der = st->arena + st->item_offset[i];
            it->parsed = cs_x509_parse(&it->x509, it->der, it->der_len, &it->parse_error);
        } else {
            it->der = NULL;
            it->parsed = 0;
        }
        if (it->parsed) {
            cs_batch_add(&b->batch, &it->x509);
            st->totals->parsed++;
        } else {
            cs_batch_add_empty(&b->batch);
            st->totals->rejected++;
        }
    }
    cs_engine_eval(st->opt->rules, &b->batch, b->fail);
    if (st->opt->on_batch != NULL) {
        st->opt->on_batch(st->opt->ctx, b);
    }
    b->n = 0;
    st->arena_len = 0;
}

static int cs_scan_add(cs_scan_state *st, const cs_entry *e) {
    cs_scan_batch *b = st->batch;
    unsigned i = b->n;
    cs_scan_item *it = &b->item[i];
    it->input = e->input;
    it->index = e->index;
    it->offset = e->offset;
    it->line = e->line;
    it->entry_status = e->status;
    it->entry_detail = NULL;
    it->der_len = 0;
    it->parse_error.status = CS_DER_OK;
    if (e->status == CS_ENTRY_OK) {
        if (st->arena_len + e->der_len > st->arena_cap) {
            size_t cap = st->arena_cap ? st->arena_cap : 1 << 17;
            while (cap < st->arena_len + e->der_len) {
                cap *= 2;
            }
            uint8_t *p = realloc(st->arena, cap);
            if (p == NULL) {
                return 0;
            }
            st->arena = p;
            st->arena_cap = cap;
        }
        memcpy(st->arena + st->arena_len, e->der, e->der_len);
        st->item_offset[i] = st->arena_len;
        st->arena_len += e->der_len;
        it->der_len = e->der_len;
    } else {
        free(st->details[i]);
        st->details[i] = e->detail != NULL ? strdup(e->detail) : NULL;
        it->entry_detail = st->details[i];
    }
    b->n++;
    st->totals->entries++;
    if (b->n == CS_BATCH_LANES) {
        cs_scan_flush(st);
    }
    return 1;
}

static int cs_scan_one_path(void *ctx, const char *path) {
    cs_scan_state *st = ctx;
    char err[512];
    cs_input *in = cs_input_open(path, st->opt->format, err, sizeof err);
    if (in == NULL) {
        st->totals->input_errors++;
        if (st->opt->on_error != NULL) {
            st->opt->on_error(st->opt->ctx, path, err);
        }
        return 1;
    }
    st->totals->inputs++;
    cs_entry e;
    while (cs_input_next(in, &e)) {
        if (!cs_scan_add(st, &e)) {
            st->oom = 1;
            break;
        }
    }
    /* Items point at the input's path, which lives as long as the input: flush first. */
    cs_scan_flush(st);
    st->totals->bytes += cs_input_bytes_read(in);
    st->totals->skipped_blocks += cs_input_skipped_blocks(in);
    cs_input_close(in);
    return !st->oom;
}

static void cs_scan_walk_error(void *ctx, const char *path, const char *message) {
    cs_scan_state *st = ctx;
    st->totals->input_errors++;
    if (st->opt->on_error != NULL) {
        st->opt->on_error(st->opt->ctx, path, message);
    }
}

int cs_scan_paths(const char *const *paths, size_t num_paths, const cs_scan_options *options,
                  cs_scan_totals *out_totals) {
    memset(out_totals, 0, sizeof *out_totals);
    cs_scan_state st = {.opt = options, .totals = out_totals};
    st.batch = calloc(1, sizeof *st.batch);
    size_t num_rules = cs_ruleset_count(options->rules);
    if (st.batch == NULL) {
        return 0;
    }
    st.batch->fail = calloc(num_rules ? num_rules : 1, sizeof(uint64_t));
    if (st.batch->fail == NULL) {
        free(st.batch);
        return 0;
    }
    cs_input_walk(paths, num_paths, cs_scan_one_path, cs_scan_walk_error, &st);
    for (unsigned i = 0; i < CS_BATCH_LANES; i++) {
        free(st.details[i]);
    }
    free(st.arena);
    free(st.batch->fail);
    free(st.batch);
    return !st.oom;
}
