/* CSV reports with a header row, such as CCADB's: one entry per row, columns found by name.
 *
 * A report is recognised by its header: a column named "X.509 Certificate (PEM)" or "PEM Info"
 * (the certificate reports), or "SHA-256 Fingerprint" (the owner reports, which have no
 * certificate). Each data row of a certificate report yields one entry, whose position is the
 * row: the entry number is the data row number minus one, the line and offset those of the PEM
 * block in the row. Rows of a report without a PEM column are counted as skipped, not as
 * entries (`--ccadb` reads them for their owners). The SHA-256 Fingerprint of a row travels with
 * its entry and is checked against the certificate when it is decoded.
 */
#ifndef CS_IO_CCADB_H
#define CS_IO_CCADB_H

#include <stddef.h>
#include <stdint.h>

#include "io/csv.h"

/* Columns kept per row; the widest CCADB report has 89. */
#define CS_CCADB_MAX_FIELDS 256
/* A row that does not end within this many bytes while resynchronising is not a row. */
#define CS_CCADB_RESYNC_SPAN ((size_t)64 << 10)

/* Column indexes of a header; CS_CCADB_NONE when absent. */
#define CS_CCADB_NONE ((size_t)-1)

typedef struct cs_ccadb_state {
    int header_done;
    size_t ncols;
    size_t col_pem;
    size_t col_fp;
    char pem_name[32]; /* the PEM column's name, for messages */
    uint64_t row;      /* data rows read */
    uint8_t sha256[32];
    cs_csv_field fields[CS_CCADB_MAX_FIELDS];
} cs_ccadb_state;

/* Which columns a header names. Returns 1 when it is a report certscan reads (a PEM column or a
 * SHA-256 Fingerprint column). */
int cs_ccadb_columns(const uint8_t *p, const cs_csv_field *fields, size_t nfields, size_t *col_pem,
                     size_t *col_fp);

/* 1 when the first line of buf is such a header. */
int cs_ccadb_detect(const uint8_t *buf, size_t len);

struct cs_framer;
struct cs_raw_entry;
int cs_ccadb_next(struct cs_framer *f, struct cs_raw_entry *out);

#endif
