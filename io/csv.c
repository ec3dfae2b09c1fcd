#include "io/csv.h"

#include <string.h>

size_t cs_csv_skip_blank(const uint8_t *p, size_t n) {
    size_t i = 0;
    while (i < n && (p[i] == '\n' || p[i] == '\r')) {
        i++;
    }
    return i;
}

static void cs_csv_store(cs_csv_field *fields, size_t max_fields, size_t k, size_t off, size_t len,
                         int quoted, int escaped) {
    if (k < max_fields) {
        fields[k].off = off;
        fields[k].len = len;
        fields[k].quoted = (uint8_t)quoted;
        fields[k].escaped = (uint8_t)escaped;
    }
}

static cs_csv_status cs_csv_broken(cs_csv_row *row, size_t at, const char *why) {
    row->error_at = at;
    row->why = why;
    return CS_CSV_BROKEN;
}

/* The row ends at p[i] (a line end, or the end of the span at eof). */
static cs_csv_status cs_csv_row_end(const uint8_t *p, size_t n, int eof, size_t i, size_t k,
                                    cs_csv_row *row) {
    if (i < n && p[i] == '\r') {
        if (i + 1 == n && !eof) {
            return CS_CSV_MORE; /* "\r\n" or a lone "\r": the next byte decides */
        }
        i++;
    }
    if (i < n && p[i] == '\n') {
        i++;
    }
    row->used = i;
    row->nfields = k;
    return CS_CSV_ROW;
}

cs_csv_status cs_csv_scan(const uint8_t *p, size_t n, int eof, cs_csv_field *fields,
                          size_t max_fields, cs_csv_row *row) {
    memset(row, 0, sizeof *row);
    size_t i = 0;
    size_t k = 0;
    for (;;) {
        if (i < n && p[i] == '"') {
            size_t open = i;
            size_t j = i + 1;
            int escaped = 0;
            size_t close;
            for (;;) {
                const uint8_t *q = j < n ? memchr(p + j, '"', n - j) : NULL;
                if (q == NULL) {
                    return eof ? cs_csv_broken(
                                     row, open,
                                     "a quoted field is still open at the end of the input")
                               : CS_CSV_MORE;
                }
                size_t at = (size_t)(q - p);
                if (at + 1 == n && !eof) {
                    return CS_CSV_MORE; /* a closing quote or the first of a doubled one */
                }
                if (at + 1 < n && p[at + 1] == '"') {
                    escaped = 1;
                    j = at + 2;
                    continue;
                }
                close = at;
                break;
            }
            cs_csv_store(fields, max_fields, k++, open + 1, close - open - 1, 1, escaped);
            i = close + 1;
            if (i == n) {
                return cs_csv_row_end(p, n, eof, i, k, row); /* eof here, see above */
            }
            if (p[i] == ',') {
                i++;
                continue;
            }
            if (p[i] == '\r' || p[i] == '\n') {
                return cs_csv_row_end(p, n, eof, i, k, row);
            }
            return cs_csv_broken(
                row, i,
                "a closing quote is followed by something other than a comma or a line end");
        }
        size_t start = i;
        while (i < n && p[i] != ',' && p[i] != '\r' && p[i] != '\n' && p[i] != '"') {
            i++;
        }
        if (i < n && p[i] == '"') {
            return cs_csv_broken(row, i, "a quote inside an unquoted field");
        }
        if (i == n && !eof) {
            return CS_CSV_MORE;
        }
        cs_csv_store(fields, max_fields, k++, start, i - start, 0, 0);
        if (i < n && p[i] == ',') {
            i++;
            continue;
        }
        return cs_csv_row_end(p, n, eof, i, k, row);
    }
}

void cs_csv_trim(const uint8_t *p, const cs_csv_field *field, size_t *start, size_t *len) {
    size_t s = field->off;
    size_t e = field->off + field->len;
    while (s < e && (p[s] == ' ' || p[s] == '\t' || p[s] == '\r' || p[s] == '\n' || p[s] == '\'')) {
        s++;
    }
    while (e > s && (p[e - 1] == ' ' || p[e - 1] == '\t' || p[e - 1] == '\r' || p[e - 1] == '\n' ||
                     p[e - 1] == '\'')) {
        e--;
    }
    *start = s;
    *len = e - s;
}

static int cs_csv_lower(int c) {
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int cs_csv_header_is(const uint8_t *p, const cs_csv_field *field, const char *name) {
    size_t s;
    size_t len;
    cs_csv_trim(p, field, &s, &len);
    /* A UTF-8 byte order mark before the first column name. */
    if (len >= 3 && p[s] == 0xEF && p[s + 1] == 0xBB && p[s + 2] == 0xBF) {
        s += 3;
        len -= 3;
    }
    size_t nl = strlen(name);
    if (len != nl) {
        return 0;
    }
    for (size_t i = 0; i < nl; i++) {
        if (cs_csv_lower(p[s + i]) != cs_csv_lower((unsigned char)name[i])) {
            return 0;
        }
    }
    return 1;
}

/* Hex digit values plus one (0: not a hex digit): one load per digit, on the reader's path for
 * every row. */
static const uint8_t cs_csv_hex1[256] = {
    ['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,  ['6'] = 7,  ['7'] = 8,
    ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
    ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

int cs_csv_parse_sha256(const uint8_t *p, size_t len, uint8_t out[32]) {
    size_t k = 0;
    size_t i = 0;
    while (i < len) {
        if (p[i] == ':' || p[i] == ' ') {
            i++;
            continue;
        }
        if (k == 32 || i + 1 >= len) {
            return 0;
        }
        int hi = cs_csv_hex1[p[i]];
        int lo = cs_csv_hex1[p[i + 1]];
        if (hi == 0 || lo == 0) {
            return 0;
        }
        out[k++] = (uint8_t)((hi - 1) << 4 | (lo - 1));
        i += 2;
    }
    return k == 32;
}
