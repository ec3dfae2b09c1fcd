/* RFC 4180 CSV, one row at a time, over a span of bytes that need not hold the whole input.
 *
 * cs_csv_scan frames the row at the start of a span: where each field is (quotes excluded,
 * doubled quotes left as they are and flagged) and how many bytes the row and its line end take.
 * It copies nothing, so a row's fields can be handed on as spans of the reader's window; when
 * the span ends inside the row it says so, and the caller reads more and asks again.
 *
 * Why not libcsv: certscan must name the line and byte of a broken row, bound a quoted field
 * that never closes, and carry on with the next row; libcsv reports no positions, buffers a
 * runaway field without limit and leaves resynchronisation to its caller, and copying every
 * field through its callbacks would cost a copy per certificate on the reader, the one thread
 * per input. This scanner is fuzzed by fuzz/fuzz_csv.c.
 *
 * Accepted: fields separated by ',', rows ended by "\n", "\r\n" or a lone "\r"; a field is
 * either quoted ("...", with "" for a quote, anything else inside, line ends included) or
 * unquoted (no quote, comma or line end). Rejected as broken quoting: a quote inside an unquoted
 * field, anything but a comma or a line end after a closing quote, a quoted field still open at
 * the end of the input.
 */
#ifndef CS_IO_CSV_H
#define CS_IO_CSV_H

#include <stddef.h>
#include <stdint.h>

typedef struct cs_csv_field {
    size_t off; /* first byte of the content (after the opening quote) */
    size_t len; /* content length (without the quotes) */
    uint8_t quoted;
    uint8_t escaped; /* holds a doubled quote: the content is not the value byte for byte */
} cs_csv_field;

typedef enum cs_csv_status {
    CS_CSV_ROW = 0, /* a complete row */
    CS_CSV_MORE,    /* the span ends inside the row: give a longer span */
    CS_CSV_BROKEN,  /* broken quoting at `error_at` */
} cs_csv_status;

typedef struct cs_csv_row {
    size_t used;     /* bytes of the row with its line end */
    size_t nfields;  /* fields in the row (only the first max_fields are stored) */
    size_t error_at; /* CS_CSV_BROKEN: offset of the offending byte */
    const char *why; /* CS_CSV_BROKEN: what is wrong, one phrase */
} cs_csv_row;

/* Frames the row starting at p[0]. `eof`: no bytes follow p[n). An empty span at eof is a row
 * of one empty field; callers skip blank lines before calling. */
cs_csv_status cs_csv_scan(const uint8_t *p, size_t n, int eof, cs_csv_field *fields,
                          size_t max_fields, cs_csv_row *row);

/* Bytes of line ends and blank lines at p[0..n), which come before the next row. */
size_t cs_csv_skip_blank(const uint8_t *p, size_t n);

/* The field's value with surrounding spaces and single quotes trimmed (CCADB's "PEM Info" wraps
 * its PEM in '...', and some tools do the same to fingerprints): *start and *len, relative to p. */
void cs_csv_trim(const uint8_t *p, const cs_csv_field *field, size_t *start, size_t *len);

/* Case-insensitive comparison of a header field with a column name, spaces trimmed. */
int cs_csv_header_is(const uint8_t *p, const cs_csv_field *field, const char *name);

/* Parses 64 hex digits (colons and spaces between bytes tolerated) into 32 bytes; returns 0 when
 * the text is not a SHA-256 fingerprint. */
int cs_csv_parse_sha256(const uint8_t *p, size_t len, uint8_t out[32]);

#endif
