#include "scanner/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_reader_init(cs_reader *r, const cs_scan_options *opt, cs_reader_emit_fn emit, void *ctx) {
    atomic_init(&r->bytes, 0);
    r->bytes_done = 0;
    r->opt = opt;
    r->emit = emit;
    r->ctx = ctx;
}

/* cs_input_open's message starts with the path, which the error report names already. */
static const char *cs_reader_strip_path(const char *message, const char *path) {
    size_t n = strlen(path);
    if (strncmp(message, path, n) == 0 && message[n] == ':' && message[n + 1] == ' ') {
        return message + n + 2;
    }
    return message;
}

int cs_reader_file(cs_reader *r, cs_scan_file *file, cs_chunk **cur) {
    cs_chunk *c = *cur;
    uint64_t seq = 0;
    cs_chunk_start(c, file, seq++);
    if (file->error == NULL) {
        char err[512];
        cs_input *in =
            cs_input_open_with(file->path, r->opt->format, &r->opt->input, err, sizeof err);
        if (in == NULL) {
            cs_scan_file_set_error(file, cs_reader_strip_path(err, file->path));
        } else {
            cs_raw_entry raw;
            while (cs_input_next_raw(in, &raw)) {
                if (!cs_chunk_add(c, &raw)) {
                    atomic_store_explicit(&r->bytes, r->bytes_done + cs_input_bytes_read(in),
                                          memory_order_relaxed);
                    c = r->emit(r->ctx, c);
                    if (c == NULL) {
                        cs_input_close(in);
                        *cur = NULL;
                        return 0;
                    }
                    cs_chunk_start(c, file, seq++);
                    cs_chunk_add(c, &raw);
                }
            }
            file->bytes = cs_input_bytes_read(in);
            file->skipped = cs_input_skipped_blocks(in);
            cs_input_close(in);
            r->bytes_done += file->bytes;
            atomic_store_explicit(&r->bytes, r->bytes_done, memory_order_relaxed);
        }
    }
    c->last = 1;
    c = r->emit(r->ctx, c);
    *cur = c;
    return c != NULL;
}
