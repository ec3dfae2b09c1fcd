/* Line numbers for text inputs: a cursor that only moves forward over a stream, so numbering
 * every entry of a file costs one pass over its bytes, whatever window the bytes pass through. */
#ifndef CS_IO_LINES_H
#define CS_IO_LINES_H

#include <stddef.h>
#include <stdint.h>

typedef struct cs_line_cursor {
    uint64_t pos;        /* stream offset of the cursor */
    uint64_t line;       /* 1-based line of pos */
    uint64_t line_start; /* stream offset of the first byte of that line */
} cs_line_cursor;

void cs_line_cursor_init(cs_line_cursor *c);
/* Moves the cursor over the n bytes at p, which are the stream's bytes from c->pos on. */
void cs_line_cursor_skip(cs_line_cursor *c, const uint8_t *p, size_t n);
/* Number of '\n' bytes in p[0..n). */
uint64_t cs_count_newlines(const uint8_t *p, size_t n);

#endif
