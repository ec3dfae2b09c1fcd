#include "io/ccadb.h"

#include <stdio.h>
#include <string.h>

#include "io/framer.h"
#include "io/pem.h"

static const char *const cs_ccadb_pem_columns[] = {"X.509 Certificate (PEM)", "PEM Info", "PEM"};

int cs_ccadb_columns(const uint8_t *p, const cs_csv_field *fields, size_t nfields, size_t *col_pem,
                     size_t *col_fp) {
    *col_pem = CS_CCADB_NONE;
    *col_fp = CS_CCADB_NONE;
    size_t stored = nfields < CS_CCADB_MAX_FIELDS ? nfields : CS_CCADB_MAX_FIELDS;
    for (size_t i = 0; i < stored; i++) {
        for (size_t k = 0; k < sizeof cs_ccadb_pem_columns / sizeof cs_ccadb_pem_columns[0]; k++) {
            if (*col_pem == CS_CCADB_NONE &&
                cs_csv_header_is(p, &fields[i], cs_ccadb_pem_columns[k])) {
                *col_pem = i;
            }
        }
        if (*col_fp == CS_CCADB_NONE && cs_csv_header_is(p, &fields[i], "SHA-256 Fingerprint")) {
            *col_fp = i;
        }
    }
    return *col_pem != CS_CCADB_NONE || *col_fp != CS_CCADB_NONE;
}

int cs_ccadb_detect(const uint8_t *buf, size_t len) {
    const uint8_t *nl = memchr(buf, '\n', len);
    size_t line = nl != NULL ? (size_t)(nl - buf) : len;
    cs_csv_field fields[CS_CCADB_MAX_FIELDS];
    cs_csv_row row;
    if (cs_csv_scan(buf, line, 1, fields, CS_CCADB_MAX_FIELDS, &row) != CS_CSV_ROW ||
        row.nfields < 2) {
        return 0;
    }
    size_t col_pem;
    size_t col_fp;
    return cs_ccadb_columns(buf, fields, row.nfields, &col_pem, &col_fp);
}

/* Frames the row at the window's front, reading more as needed; at most `limit` bytes when
 * resynchronising (0: up to the window's maximum). */
static cs_csv_status cs_ccadb_scan(struct cs_framer *f, size_t limit, cs_csv_row *row,
                                   int *too_large) {
    *too_large = 0;
    for (;;) {
        size_t n = cs_window_avail(f->w);
        int eof = f->w->eof;
        if (limit != 0 && n > limit) {
            /* Resynchronising tries every line: never look further than a row can be long. */
            n = limit;
            eof = 0;
        }
        cs_csv_status st =
            cs_csv_scan(cs_window_data(f->w), n, eof, f->ccadb.fields, CS_CCADB_MAX_FIELDS, row);
        if (st != CS_CSV_MORE) {
            return st;
        }
        if ((limit != 0 && n >= limit) || cs_window_more(f->w) < 0) {
            *too_large = 1;
            return CS_CSV_MORE;
        }
    }
}

/* Skips to the end of the current line. Returns 0 at the end of the input. */
static int cs_ccadb_skip_line(struct cs_framer *f) {
    for (;;) {
        const uint8_t *p = cs_window_data(f->w);
        size_t n = cs_window_avail(f->w);
        const uint8_t *nl = memchr(p, '\n', n);
        if (nl != NULL) {
            cs_framer_consume(f, (size_t)(nl - p) + 1);
            return 1;
        }
        cs_framer_consume(f, n);
        if (cs_window_more(f->w) <= 0 && cs_window_avail(f->w) == 0) {
            return 0;
        }
    }
}

/* After a broken row: the next line that starts a well-formed row with as many fields as the
 * header (so a certificate's base64 lines, or the rest of a field whose opening quote was lost,
 * are not taken for rows). The lines passed over belong to the rejected row. */
static void cs_ccadb_resync(struct cs_framer *f) {
    while (cs_ccadb_skip_line(f)) {
        cs_csv_row row;
        int too_large;
        if (cs_window_avail(f->w) == 0 && cs_window_more(f->w) <= 0) {
            return;
        }
        if (cs_ccadb_scan(f, CS_CCADB_RESYNC_SPAN, &row, &too_large) == CS_CSV_ROW &&
            row.nfields == f->ccadb.ncols) {
            return;
        }
    }
}

static int cs_ccadb_reject_row(struct cs_framer *f, struct cs_raw_entry *out,
                               cs_entry_status status, uint64_t offset, uint64_t line,
                               size_t used) {
    cs_framer_consume(f, used);
    cs_framer_reject(f, out, status, offset, line);
    return 1;
}

static int cs_ccadb_header(struct cs_framer *f, const uint8_t *p, const cs_csv_row *row) {
    cs_ccadb_state *s = &f->ccadb;
    if (!cs_ccadb_columns(p, s->fields, row->nfields, &s->col_pem, &s->col_fp)) {
        return 0;
    }
    s->ncols = row->nfields;
    s->header_done = 1;
    if (s->col_pem != CS_CCADB_NONE) {
        size_t st;
        size_t len;
        cs_csv_trim(p, &s->fields[s->col_pem], &st, &len);
        snprintf(s->pem_name, sizeof s->pem_name, "%.*s", (int)len, (const char *)p + st);
    }
    return 1;
}

static int cs_ccadb_cert_label(const uint8_t *label, size_t len) {
    static const char *const labels[] = {"CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (strlen(labels[i]) == len && memcmp(labels[i], label, len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* One data row of a certificate report. */
static int cs_ccadb_row(struct cs_framer *f, struct cs_raw_entry *out, const uint8_t *p,
                        const cs_csv_row *row, uint64_t offset, uint64_t line) {
    cs_ccadb_state *s = &f->ccadb;
    unsigned long long rowno = (unsigned long long)s->row;
    if (s->col_pem >= row->nfields || s->col_pem >= CS_CCADB_MAX_FIELDS) {
        snprintf(f->detail, sizeof f->detail,
                 "CSV row %llu has %zu field%s and no \"%s\" cell (the header has %zu columns)",
                 rowno, row->nfields, row->nfields == 1 ? "" : "s", s->pem_name, s->ncols);
        return cs_ccadb_reject_row(f, out, CS_ENTRY_MISSING_PEM, offset, line, row->used);
    }
    size_t st;
    size_t len;
    cs_csv_trim(p, &s->fields[s->col_pem], &st, &len);
    cs_pem_block b;
    if (len == 0 || !cs_pem_next(p + st, len, 0, &b)) {
        snprintf(f->detail, sizeof f->detail, "CSV row %llu: the \"%s\" cell %s", rowno,
                 s->pem_name, len == 0 ? "is empty" : "holds no PEM block");
        return cs_ccadb_reject_row(f, out, CS_ENTRY_MISSING_PEM, offset, line, row->used);
    }
    size_t at = st + b.begin;
    uint64_t pem_line = line + cs_count_newlines(p, at);
    if (b.status == CS_PEM_OK && !cs_ccadb_cert_label(p + st + b.label, b.label_len)) {
        snprintf(f->detail, sizeof f->detail,
                 "CSV row %llu: the \"%s\" cell holds a PEM block that is not a certificate", rowno,
                 s->pem_name);
        return cs_ccadb_reject_row(f, out, CS_ENTRY_MISSING_PEM, offset + at, pem_line, row->used);
    }
    if (b.status != CS_PEM_OK) {
        snprintf(f->detail, sizeof f->detail, "CSV row %llu: the PEM block in \"%s\" %s", rowno,
                 s->pem_name,
                 b.status == CS_PEM_BAD_BEGIN    ? "has a malformed BEGIN line"
                 : b.status == CS_PEM_MISMATCHED ? "is closed by an END marker of another label"
                                                 : "has no END marker before the end of the cell");
        return cs_ccadb_reject_row(f, out, CS_ENTRY_UNTERMINATED_PEM, offset + at, pem_line,
                                   row->used);
    }
    const uint8_t *sha256 = NULL;
    if (s->col_fp < row->nfields && s->col_fp < CS_CCADB_MAX_FIELDS) {
        size_t fs;
        size_t fl;
        cs_csv_trim(p, &s->fields[s->col_fp], &fs, &fl);
        if (fl != 0) {
            if (!cs_csv_parse_sha256(p + fs, fl, s->sha256)) {
                snprintf(f->detail, sizeof f->detail,
                         "CSV row %llu: the SHA-256 Fingerprint \"%.*s\" is not 64 hex digits",
                         rowno, (int)(fl < 80 ? fl : 80), (const char *)p + fs);
                for (char *c = f->detail; *c; c++) {
                    if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7F) {
                        *c = '?';
                    }
                }
                return cs_ccadb_reject_row(f, out, CS_ENTRY_FINGERPRINT, offset, line, row->used);
            }
            sha256 = s->sha256;
        }
    }
    size_t col = at;
    while (col > 0 && p[col - 1] != '\n' && p[col - 1] != '\r') {
        col--;
    }
    uint64_t column = col == 0 ? f->lines.pos - f->lines.line_start + at : at - col;
    cs_framer_ok(f, out, CS_ENCODING_PEM, p + at, b.body_end - b.begin, offset + at, pem_line,
                 column);
    out->body = b.body - b.begin;
    out->trusted = b.label_len == strlen("TRUSTED CERTIFICATE") &&
                   memcmp(p + st + b.label, "TRUSTED CERTIFICATE", b.label_len) == 0;
    out->sha256 = sha256;
    /* The bytes stay in the window until the next call: consuming only moves its start. */
    cs_framer_consume(f, row->used);
    return 1;
}

int cs_ccadb_next(struct cs_framer *f, struct cs_raw_entry *out) {
    cs_ccadb_state *s = &f->ccadb;
    for (;;) {
        if (f->done) {
            return 0;
        }
        size_t n = cs_window_avail(f->w);
        size_t blank = cs_csv_skip_blank(cs_window_data(f->w), n);
        if (blank != 0) {
            cs_framer_consume(f, blank);
        }
        if (blank == n) {
            if (cs_window_more(f->w) <= 0 && cs_window_avail(f->w) == 0) {
                f->done = 1;
                return 0;
            }
            continue;
        }
        uint64_t offset = cs_window_offset(f->w);
        uint64_t line = f->lines.line;
        cs_csv_row row;
        int too_large;
        cs_csv_status st = cs_ccadb_scan(f, 0, &row, &too_large);
        const uint8_t *p = cs_window_data(f->w);
        if (!s->header_done) {
            if (st != CS_CSV_ROW || !cs_ccadb_header(f, p, &row)) {
                /* Only when the format was forced: without a header no column can be found. */
                cs_framer_drain(f);
                f->done = 1;
                snprintf(f->detail, sizeof f->detail,
                         "the first row is not a CSV header naming a \"X.509 Certificate (PEM)\", "
                         "\"PEM Info\" or \"SHA-256 Fingerprint\" column");
                cs_framer_reject(f, out, CS_ENTRY_UNRECOGNISED, offset, line);
                return 1;
            }
            cs_framer_consume(f, row.used);
            continue;
        }
        s->row++;
        if (st != CS_CSV_ROW) {
            if (too_large) {
                snprintf(f->detail, sizeof f->detail,
                         "CSV row %llu is longer than %zu bytes, the most held at once; "
                         "skipped to the next line that starts a row",
                         (unsigned long long)s->row, f->w->max);
            } else {
                uint64_t bad_line = line + cs_count_newlines(p, row.error_at);
                snprintf(f->detail, sizeof f->detail,
                         "CSV row %llu: broken quoting at line %llu: %s; skipped to the next line "
                         "that starts a row",
                         (unsigned long long)s->row, (unsigned long long)bad_line, row.why);
            }
            cs_ccadb_resync(f);
            cs_framer_reject(f, out, too_large ? CS_ENTRY_TOO_LARGE : CS_ENTRY_CSV_QUOTING, offset,
                             line);
            return 1;
        }
        if (s->col_pem == CS_CCADB_NONE) {
            f->skipped++; /* an owner report: a record, not a certificate */
            cs_framer_consume(f, row.used);
            continue;
        }
        return cs_ccadb_row(f, out, p, &row, offset, line);
    }
}
