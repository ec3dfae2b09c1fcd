/* Framing a buffer into entries: PEM blocks, DER elements or base64 lines.
 *
 * The framer works on bytes it does not own and knows nothing of files, so the same code serves
 * a whole-file buffer now and chunks of a stream later. Decoded certificates go into one buffer
 * owned by the framer and reused for every entry; rejection details go into a fixed array.
 */
#ifndef CS_IO_FRAMER_H
#define CS_IO_FRAMER_H

#include <stddef.h>
#include <stdint.h>

#include "io/input.h"
#include "io/lines.h"

typedef struct cs_framer {
    const uint8_t *buf;
    size_t len;
    cs_input_format format; /* AUTO means unrecognised content */
    const char *name;       /* copied into each entry's `input` */
    size_t pos;             /* bytes consumed */
    cs_line_cursor lines;
    uint64_t index;   /* entries yielded so far */
    uint64_t skipped; /* non-certificate PEM blocks */
    int saw_begin;    /* a PEM BEGIN marker was found */
    int done;
    uint8_t *out; /* decoded DER of the current entry */
    size_t out_cap;
    char detail[320];
} cs_framer;

void cs_framer_init(cs_framer *f, const uint8_t *buf, size_t len, cs_input_format format,
                    const char *name);
/* Yields the next entry: returns 1 with *out filled, 0 when the buffer is used up. */
int cs_framer_next(cs_framer *f, cs_entry *out);
void cs_framer_free(cs_framer *f);

/* Fills *out as entry number f->index with the given status and advances the index; the
 * detail is taken from f->detail. Used by the framer and by whoever adds entries of its own
 * (read errors). */
void cs_framer_emit(cs_framer *f, cs_entry *out, cs_entry_status status, uint64_t offset,
                    uint64_t line);

#endif
