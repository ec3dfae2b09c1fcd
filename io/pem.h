/* Finding PEM blocks (RFC 7468, with RFC 1421 headers tolerated) anywhere in text.
 *
 * Blocks are found by their "-----BEGIN " marker wherever it stands: at the start of a line in a
 * bundle, after a quote inside a CSV field, or inline with the body and END marker on the same
 * line. Only the markers are examined here; decoding the body is the caller's business.
 */
#ifndef CS_IO_PEM_H
#define CS_IO_PEM_H

#include <stddef.h>
#include <stdint.h>

typedef enum cs_pem_status {
    CS_PEM_OK = 0,
    CS_PEM_BAD_BEGIN,    /* "-----BEGIN " not followed by a label and "-----" on its line */
    CS_PEM_UNTERMINATED, /* no END marker before the next BEGIN or the end of the text */
    CS_PEM_MISMATCHED,   /* the next END marker carries a different label */
} cs_pem_status;

/* All positions are byte offsets into the text. */
typedef struct cs_pem_block {
    cs_pem_status status;
    size_t begin;            /* the first '-' of "-----BEGIN " */
    size_t label, label_len; /* the BEGIN label (empty for BAD_BEGIN) */
    size_t body, body_end;   /* the base64 body, after any header lines (OK and MISMATCHED) */
    size_t end_label, end_label_len; /* the END marker's label (MISMATCHED only) */
    size_t next;                     /* where the search for the following block resumes */
} cs_pem_block;

/* Longest label accepted on a BEGIN line; real labels are at most about 30 bytes. */
#define CS_PEM_MAX_LABEL 80

/* Returns the offset of the first "-----BEGIN " at or after `from`, or `len` when there is none. */
size_t cs_pem_find_begin(const uint8_t *text, size_t len, size_t from);

/* Reads the block whose search starts at `from`. Returns 0 when no BEGIN marker is left. */
int cs_pem_next(const uint8_t *text, size_t len, size_t from, cs_pem_block *out);

#endif
