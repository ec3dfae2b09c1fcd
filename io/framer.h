/* Framing a stream into entries: PEM blocks, DER elements or base64 lines.
 *
 * The framer reads through a cs_window and yields each entry as a span of the window (valid until
 * the next call), with its entry number, stream offset and line. It only finds entries; decoding
 * them is cs_raw_decode's business. An entry longer than the window's maximum is skipped without
 * being held, and reported as too large, so memory stays bounded whatever the input holds.
 */
#ifndef CS_IO_FRAMER_H
#define CS_IO_FRAMER_H

#include <stddef.h>
#include <stdint.h>

#include "io/ccadb.h"
#include "io/ct_framer.h"
#include "io/input.h"
#include "io/ldif.h"
#include "io/lines.h"
#include "io/window.h"

/* Detection looks at this much of the start of an input (less when the window is smaller). */
#define CS_DETECT_SPAN ((size_t)64 << 10)

typedef struct cs_framer {
    cs_window *w;
    cs_input_format format; /* AUTO: no format found (yet) */
    int probing;            /* AUTO: looking further on for a PEM block */
    const char *name;       /* copied into each entry's `input` */
    cs_line_cursor lines;   /* at the window's consumed position (text formats) */
    int count_lines;
    uint64_t index;   /* entries yielded so far */
    uint64_t skipped; /* non-certificate PEM blocks */
    int saw_begin;    /* a PEM BEGIN marker was found */
    int nonblank;     /* a byte other than whitespace was consumed */
    int done;
    int ends_at_begin; /* a range of a split file that a BEGIN marker follows (io/split.h) */
    uint8_t head[4];   /* the first bytes of the input, for the unrecognised-content detail */
    size_t head_len;
    char detail[320];
    cs_ccadb_state ccadb; /* CS_INPUT_CCADB */
    cs_ldif_state ldif;   /* CS_INPUT_LDIF */
    cs_ct_framer ct;      /* CT JSON and tiles (ct_framer.h) */
} cs_framer;

/* Detects the format when `format` is AUTO (reading the first bytes). */
void cs_framer_init(cs_framer *f, cs_window *w, cs_input_format format, const char *name);
/* Yields the next entry: returns 1 with *out filled, 0 at the end of the input. */
int cs_framer_next(cs_framer *f, cs_raw_entry *out);

/* Fills *out as a rejection numbered f->index (which advances) with the detail in f->detail.
 * Used by the framer and by whoever adds entries of its own (read errors). */
void cs_framer_reject(cs_framer *f, cs_raw_entry *out, cs_entry_status status, uint64_t offset,
                      uint64_t line);

/* For the format readers in their own files (io/ccadb.c, io/ldif.c). */
/* Drops n bytes from the front of the window, keeping lines and blankness up to date. */
void cs_framer_consume(cs_framer *f, size_t n);
/* Consumes everything up to the end of the input; returns how many bytes that was. */
uint64_t cs_framer_drain(cs_framer *f);
/* Fills *out as an entry of `len` bytes at `data` (in the window), numbered f->index. */
void cs_framer_ok(cs_framer *f, cs_raw_entry *out, cs_entry_encoding encoding, const uint8_t *data,
                  size_t len, uint64_t offset, uint64_t line, uint64_t column);

#endif
