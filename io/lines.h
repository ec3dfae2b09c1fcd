/* Line numbers for text inputs: a cursor that only moves forward, so numbering every entry of a
 * file costs one pass over its bytes. */
#ifndef CS_IO_LINES_H
#define CS_IO_LINES_H

#include <stddef.h>
#include <stdint.h>

typedef struct cs_line_cursor {
    size_t pos;        /* the cursor's byte offset */
    uint64_t line;     /* 1-based line of pos */
    size_t line_start; /* offset of the first byte of that line */
} cs_line_cursor;

void cs_line_cursor_init(cs_line_cursor *c);
/* Moves the cursor forward to `to` (no-op when to <= pos). */
void cs_line_cursor_advance(cs_line_cursor *c, const uint8_t *buf, size_t to);
/* Number of '\n' bytes in p[0..n). */
uint64_t cs_count_newlines(const uint8_t *p, size_t n);

#endif
