#include "scanner/owners.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/base64.h"
#include "io/ccadb.h"
#include "io/csv.h"
#include "io/input.h"
#include "io/lines.h"
#include "io/pem.h"
#include "scanner/x509_ext.h"

typedef struct cs_owner_rec {
    uint8_t fp[32];
    cs_owner_info info; /* strings owned by the record */
    uint8_t *subject;   /* subject Name TLV, from a certificate report */
    size_t subject_len;
    uint8_t *ski; /* subjectKeyIdentifier keyIdentifier */
    size_t ski_len;
    int has_ski;
} cs_owner_rec;

struct cs_owner_db {
    cs_owner_rec *recs;
    size_t n;
    size_t cap;
    uint32_t *table; /* open addressing on the fingerprint: record index + 1, 0 empty */
    size_t table_cap;
    uint32_t *by_subject; /* records with a subject, sorted by subject then key identifier */
    size_t n_subject;
    size_t owners;
};

/* ---- the fingerprint table ---- */

static size_t cs_owner_slot(const uint8_t fp[32], size_t cap) {
    uint64_t h;
    memcpy(&h, fp, sizeof h); /* a SHA-256 is already uniformly spread */
    return (size_t)h & (cap - 1);
}

static long cs_owner_find(const cs_owner_db *db, const uint8_t fp[32]) {
    if (db->table_cap == 0) {
        return -1;
    }
    for (size_t i = cs_owner_slot(fp, db->table_cap);; i = (i + 1) & (db->table_cap - 1)) {
        uint32_t v = db->table[i];
        if (v == 0) {
            return -1;
        }
        if (memcmp(db->recs[v - 1].fp, fp, 32) == 0) {
            return (long)(v - 1);
        }
    }
}

static int cs_owner_rehash(cs_owner_db *db, size_t cap) {
    uint32_t *t = calloc(cap, sizeof *t);
    if (t == NULL) {
        return 0;
    }
    for (size_t r = 0; r < db->n; r++) {
        size_t i = cs_owner_slot(db->recs[r].fp, cap);
        while (t[i] != 0) {
            i = (i + 1) & (cap - 1);
        }
        t[i] = (uint32_t)(r + 1);
    }
    free(db->table);
    db->table = t;
    db->table_cap = cap;
    return 1;
}

static cs_owner_rec *cs_owner_get(cs_owner_db *db, const uint8_t fp[32]) {
    long at = cs_owner_find(db, fp);
    if (at >= 0) {
        return &db->recs[at];
    }
    if (db->n == db->cap) {
        size_t cap = db->cap ? db->cap * 2 : 1024;
        cs_owner_rec *r = realloc(db->recs, cap * sizeof *r);
        if (r == NULL) {
            return NULL;
        }
        db->recs = r;
        db->cap = cap;
    }
    cs_owner_rec *rec = &db->recs[db->n++];
    memset(rec, 0, sizeof *rec);
    memcpy(rec->fp, fp, 32);
    rec->info.technically_constrained = -1;
    rec->info.smime_capable = -1;
    if ((db->n * 2 > db->table_cap &&
         !cs_owner_rehash(db, db->table_cap ? db->table_cap * 2 : 4096))) {
        db->n--;
        return NULL;
    }
    if (db->table_cap != 0 && cs_owner_find(db, fp) < 0) {
        size_t i = cs_owner_slot(fp, db->table_cap);
        while (db->table[i] != 0) {
            i = (i + 1) & (db->table_cap - 1);
        }
        db->table[i] = (uint32_t)db->n;
    }
    return rec;
}

/* ---- one report ---- */

enum {
    COL_FP,
    COL_OWNER,
    COL_SUB_OWNER,
    COL_PEM,
    COL_ROOT_STATUS,
    COL_TC,
    COL_SMIME,
    COL_STORE0, /* the per-store status columns follow */
    COL_COUNT = COL_STORE0 + 5
};

static const char *const cs_owner_store_cols[5] = {
    "Mozilla Status", "Microsoft Status", "Apple Status", "Chrome Status", "Google Chrome Status"};
static const char *const cs_owner_store_names[5] = {"Mozilla", "Microsoft", "Apple", "Chrome",
                                                    "Chrome"};

typedef struct cs_owner_load {
    cs_owner_db *db;
    FILE *err;
    int failed;
    cs_x509 *x509;
    uint8_t *der;
    cs_csv_field fields[CS_CCADB_MAX_FIELDS];
} cs_owner_load;

/* The field's value, spaces trimmed and doubled quotes undone; NULL when empty or out of memory
 * (*oom says which). */
static char *cs_owner_value(const uint8_t *p, const cs_csv_field *f, int *oom) {
    size_t s = f->off;
    size_t e = f->off + f->len;
    while (s < e && (p[s] == ' ' || p[s] == '\t' || p[s] == '\r' || p[s] == '\n')) {
        s++;
    }
    while (e > s && (p[e - 1] == ' ' || p[e - 1] == '\t' || p[e - 1] == '\r' || p[e - 1] == '\n')) {
        e--;
    }
    if (s == e) {
        return NULL;
    }
    char *v = malloc(e - s + 1);
    if (v == NULL) {
        *oom = 1;
        return NULL;
    }
    size_t k = 0;
    for (size_t i = s; i < e; i++) {
        v[k++] = (char)p[i];
        if (f->escaped && p[i] == '"' && i + 1 < e && p[i + 1] == '"') {
            i++;
        }
    }
    v[k] = '\0';
    return v;
}

static void cs_owner_set(const char **slot, char *value) {
    if (value != NULL) {
        free((char *)*slot);
        *slot = value;
    }
}

static int cs_owner_bool(const uint8_t *p, const cs_csv_field *f) {
    size_t s;
    size_t len;
    cs_csv_trim(p, f, &s, &len);
    cs_csv_field t = {.off = s, .len = len};
    if (cs_csv_header_is(p, &t, "true") || cs_csv_header_is(p, &t, "yes")) {
        return 1;
    }
    if (cs_csv_header_is(p, &t, "false") || cs_csv_header_is(p, &t, "no")) {
        return 0;
    }
    return -1;
}

/* Subject and key identifier from the row's PEM. Returns 0 when it is not a certificate. */
static int cs_owner_pem(cs_owner_load *ld, cs_owner_rec *rec, const uint8_t *p,
                        const cs_csv_field *f) {
    size_t s;
    size_t len;
    cs_csv_trim(p, f, &s, &len);
    cs_pem_block b;
    if (len == 0 || !cs_pem_next(p + s, len, 0, &b) || b.status != CS_PEM_OK) {
        return 0;
    }
    size_t n;
    cs_base64_error berr;
    if (!cs_base64_decode(p + s + b.body, b.body_end - b.body, ld->der, CS_ENTRY_MAX_SIZE, &n,
                          &berr)) {
        return 0;
    }
    cs_der_error err = {.base = ld->der};
    if (!cs_x509_parse(ld->x509, ld->der, n, &err)) {
        return 0;
    }
    cs_der subject = ld->x509->subject.raw;
    uint8_t *copy = malloc(subject.len ? subject.len : 1);
    if (copy == NULL) {
        return -1;
    }
    memcpy(copy, subject.ptr, subject.len);
    free(rec->subject);
    rec->subject = copy;
    rec->subject_len = subject.len;
    int at = cs_x509_find_ext(ld->x509, CS_EXT_SUBJECT_KEY_ID);
    cs_der kid;
    if (at >= 0 && cs_decode_ski(ld->x509->ext[at].value, &kid, &err)) {
        uint8_t *k = malloc(kid.len ? kid.len : 1);
        if (k == NULL) {
            return -1;
        }
        memcpy(k, kid.ptr, kid.len);
        free(rec->ski);
        rec->ski = k;
        rec->ski_len = kid.len;
        rec->has_ski = 1;
    }
    return 1;
}

/* Store status text from the per-store columns ("Mozilla: Included; Microsoft: Included"), or
 * else the "Status of Root Cert" column. */
static char *cs_owner_status(const uint8_t *p, const cs_csv_field *fields, size_t nf,
                             const size_t *col, int *oom) {
    char buf[512];
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < 5; i++) {
        size_t c = col[COL_STORE0 + i];
        if (c >= nf || c >= CS_CCADB_MAX_FIELDS) {
            continue;
        }
        size_t s;
        size_t len;
        cs_csv_trim(p, &fields[c], &s, &len);
        if (len == 0) {
            continue;
        }
        int w = snprintf(buf + k, sizeof buf - k, "%s%s: %.*s", k ? "; " : "",
                         cs_owner_store_names[i], (int)len, (const char *)p + s);
        if (w < 0 || (size_t)w >= sizeof buf - k) {
            break;
        }
        k += (size_t)w;
    }
    if (k != 0) {
        char *v = strdup(buf);
        *oom |= v == NULL;
        return v;
    }
    size_t c = col[COL_ROOT_STATUS];
    return c < nf && c < CS_CCADB_MAX_FIELDS ? cs_owner_value(p, &fields[c], oom) : NULL;
}

static int cs_owner_load_buf(cs_owner_load *ld, const char *path, const uint8_t *p, size_t n) {
    cs_owner_db *db = ld->db;
    size_t pos = cs_csv_skip_blank(p, n);
    cs_csv_row row;
    if (cs_csv_scan(p + pos, n - pos, 1, ld->fields, CS_CCADB_MAX_FIELDS, &row) != CS_CSV_ROW) {
        fprintf(ld->err, "certscan: --ccadb %s: the first row is not a CSV header\n", path);
        return 0;
    }
    const uint8_t *h = p + pos;
    size_t col[COL_COUNT];
    for (size_t i = 0; i < COL_COUNT; i++) {
        col[i] = CS_CCADB_NONE;
    }
    size_t ncols = row.nfields;
    size_t stored = ncols < CS_CCADB_MAX_FIELDS ? ncols : CS_CCADB_MAX_FIELDS;
    for (size_t i = stored; i-- > 0;) {
        const cs_csv_field *f = &ld->fields[i];
        static const struct {
            int col;
            const char *name;
        } names[] = {{COL_FP, "SHA-256 Fingerprint"},
                     {COL_OWNER, "CA Owner"},
                     {COL_OWNER, "Owner"},
                     {COL_SUB_OWNER, "Subordinate CA Owner"},
                     {COL_PEM, "X.509 Certificate (PEM)"},
                     {COL_PEM, "PEM Info"},
                     {COL_ROOT_STATUS, "Status of Root Cert"},
                     {COL_TC, "Technically Constrained"},
                     {COL_SMIME, "S/MIME Capable"}};
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            if (cs_csv_header_is(h, f, names[k].name)) {
                col[names[k].col] = i;
            }
        }
        for (int k = 0; k < 5; k++) {
            if (cs_csv_header_is(h, f, cs_owner_store_cols[k])) {
                col[COL_STORE0 + k] = i;
            }
        }
    }
    if (col[COL_FP] == CS_CCADB_NONE) {
        fprintf(ld->err,
                "certscan: --ccadb %s: not a CCADB report (no \"SHA-256 Fingerprint\" column)\n",
                path);
        return 0;
    }
    pos += row.used;
    uint64_t rows = 0;
    uint64_t bad = 0;
    uint64_t first_bad_line = 0;
    uint64_t line = 1 + cs_count_newlines(p, pos);
    int oom = 0;
    while (!oom) {
        size_t blank = cs_csv_skip_blank(p + pos, n - pos);
        line += cs_count_newlines(p + pos, blank);
        pos += blank;
        if (pos >= n) {
            break;
        }
        rows++;
        cs_csv_status st = cs_csv_scan(p + pos, n - pos, 1, ld->fields, CS_CCADB_MAX_FIELDS, &row);
        if (st != CS_CSV_ROW) {
            /* Broken quoting: skip the line, as the scan does, and count it. */
            bad++;
            first_bad_line = first_bad_line ? first_bad_line : line;
            const uint8_t *nl = memchr(p + pos, '\n', n - pos);
            size_t used = nl != NULL ? (size_t)(nl - (p + pos)) + 1 : n - pos;
            line += cs_count_newlines(p + pos, used);
            pos += used;
            continue;
        }
        const uint8_t *r = p + pos;
        uint64_t row_line = line;
        line += cs_count_newlines(r, row.used);
        pos += row.used;
        size_t nf = row.nfields < CS_CCADB_MAX_FIELDS ? row.nfields : CS_CCADB_MAX_FIELDS;
        uint8_t fp[32];
        size_t s;
        size_t len;
        if (col[COL_FP] >= nf) {
            bad++;
            first_bad_line = first_bad_line ? first_bad_line : row_line;
            continue;
        }
        cs_csv_trim(r, &ld->fields[col[COL_FP]], &s, &len);
        if (!cs_csv_parse_sha256(r + s, len, fp)) {
            bad++;
            first_bad_line = first_bad_line ? first_bad_line : row_line;
            continue;
        }
        cs_owner_rec *rec = cs_owner_get(db, fp);
        if (rec == NULL) {
            oom = 1;
            break;
        }
        int had_owner = rec->info.ca_owner != NULL;
        if (col[COL_OWNER] < nf) {
            cs_owner_set(&rec->info.ca_owner, cs_owner_value(r, &ld->fields[col[COL_OWNER]], &oom));
        }
        if (col[COL_SUB_OWNER] < nf) {
            cs_owner_set(&rec->info.subordinate_ca_owner,
                         cs_owner_value(r, &ld->fields[col[COL_SUB_OWNER]], &oom));
        }
        cs_owner_set(&rec->info.store_status, cs_owner_status(r, ld->fields, nf, col, &oom));
        if (col[COL_TC] < nf) {
            int v = cs_owner_bool(r, &ld->fields[col[COL_TC]]);
            rec->info.technically_constrained = v >= 0 ? v : rec->info.technically_constrained;
        }
        if (col[COL_SMIME] < nf) {
            int v = cs_owner_bool(r, &ld->fields[col[COL_SMIME]]);
            rec->info.smime_capable = v >= 0 ? v : rec->info.smime_capable;
        }
        db->owners += !had_owner && rec->info.ca_owner != NULL;
        if (col[COL_PEM] < nf) {
            int got = cs_owner_pem(ld, rec, r, &ld->fields[col[COL_PEM]]);
            if (got < 0) {
                oom = 1;
            } else if (got == 0) {
                bad++;
                first_bad_line = first_bad_line ? first_bad_line : row_line;
            }
        }
    }
    if (oom) {
        fprintf(ld->err, "certscan: --ccadb %s: out of memory\n", path);
        return 0;
    }
    if (bad != 0) {
        fprintf(ld->err,
                "certscan: --ccadb %s: %llu of %llu rows not used (broken quoting, no or a "
                "malformed SHA-256 Fingerprint, or a PEM that is not a certificate; first at "
                "line %llu)\n",
                path, (unsigned long long)bad, (unsigned long long)rows,
                (unsigned long long)first_bad_line);
    }
    return 1;
}

static int cs_owner_load_file(void *ctx, const char *path) {
    cs_owner_load *ld = ctx;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL) {
        fprintf(ld->err, "certscan: --ccadb %s: %s\n", path, strerror(errno));
        ld->failed = 1;
        return 0;
    }
    uint8_t *buf = NULL;
    size_t len = 0;
    size_t cap = 0;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : (size_t)1 << 20;
            uint8_t *nb = realloc(buf, ncap);
            if (nb == NULL) {
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            break;
        }
    }
    int read_error = ferror(f) || len == cap;
    if (f != stdin) {
        fclose(f);
    }
    int ok = !read_error && cs_owner_load_buf(ld, path, buf, len);
    if (read_error) {
        fprintf(ld->err, "certscan: --ccadb %s: cannot be read\n", path);
    }
    free(buf);
    ld->failed |= !ok;
    return ok;
}

static void cs_owner_load_error(void *ctx, const char *path, const char *message) {
    cs_owner_load *ld = ctx;
    fprintf(ld->err, "certscan: --ccadb %s: %s\n", path, message);
    ld->failed = 1;
}

/* ---- the issuer index ---- */

static int cs_owner_cmp_key(const cs_owner_rec *a, const uint8_t *subject, size_t subject_len) {
    if (a->subject_len != subject_len) {
        return a->subject_len < subject_len ? -1 : 1;
    }
    return memcmp(a->subject, subject, subject_len);
}

/* What the index is sorted on, carried along so that the comparison needs no context. */
typedef struct cs_owner_key {
    const uint8_t *subject;
    size_t len;
    uint32_t rec;
} cs_owner_key;

static int cs_owner_cmp(const void *x, const void *y) {
    const cs_owner_key *a = x;
    const cs_owner_key *b = y;
    if (a->len != b->len) {
        return a->len < b->len ? -1 : 1;
    }
    int c = memcmp(a->subject, b->subject, a->len);
    if (c != 0) {
        return c;
    }
    /* Then by load order, so lookups are stable. */
    return a->rec < b->rec ? -1 : 1;
}

static int cs_owner_index(cs_owner_db *db) {
    size_t cap = db->n ? db->n : 1;
    db->by_subject = malloc(cap * sizeof *db->by_subject);
    cs_owner_key *keys = malloc(cap * sizeof *keys);
    if (db->by_subject == NULL || keys == NULL) {
        free(keys);
        return 0;
    }
    for (size_t i = 0; i < db->n; i++) {
        if (db->recs[i].subject != NULL) {
            keys[db->n_subject++] =
                (cs_owner_key){db->recs[i].subject, db->recs[i].subject_len, (uint32_t)i};
        }
    }
    qsort(keys, db->n_subject, sizeof *keys, cs_owner_cmp);
    for (size_t i = 0; i < db->n_subject; i++) {
        db->by_subject[i] = keys[i].rec;
    }
    free(keys);
    return 1;
}

cs_owner_db *cs_owner_db_load(const char *const *paths, size_t n, FILE *err) {
    cs_owner_load ld = {.err = err};
    ld.db = calloc(1, sizeof *ld.db);
    ld.x509 = malloc(sizeof *ld.x509);
    ld.der = malloc(CS_ENTRY_MAX_SIZE);
    if (ld.db == NULL || ld.x509 == NULL || ld.der == NULL) {
        fprintf(err, "certscan: --ccadb: out of memory\n");
        ld.failed = 1;
    } else {
        cs_input_walk(paths, n, cs_owner_load_file, cs_owner_load_error, &ld);
    }
    free(ld.x509);
    free(ld.der);
    if (!ld.failed && !cs_owner_index(ld.db)) {
        fprintf(err, "certscan: --ccadb: out of memory\n");
        ld.failed = 1;
    }
    if (ld.failed) {
        cs_owner_db_free(ld.db);
        return NULL;
    }
    return ld.db;
}

void cs_owner_db_free(cs_owner_db *db) {
    if (db == NULL) {
        return;
    }
    for (size_t i = 0; i < db->n; i++) {
        cs_owner_rec *r = &db->recs[i];
        free((char *)r->info.ca_owner);
        free((char *)r->info.subordinate_ca_owner);
        free((char *)r->info.store_status);
        free(r->subject);
        free(r->ski);
    }
    free(db->recs);
    free(db->table);
    free(db->by_subject);
    free(db);
}

const cs_owner_info *cs_owner_db_by_fingerprint(const cs_owner_db *db, const uint8_t sha256[32]) {
    long at = cs_owner_find(db, sha256);
    if (at < 0 || db->recs[at].info.ca_owner == NULL) {
        return NULL;
    }
    return &db->recs[at].info;
}

const cs_owner_info *cs_owner_db_by_issuer(const cs_owner_db *db, const uint8_t *issuer_dn,
                                           size_t issuer_len, const uint8_t *aki, size_t aki_len) {
    size_t lo = 0;
    size_t hi = db->n_subject;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cs_owner_cmp_key(&db->recs[db->by_subject[mid]], issuer_dn, issuer_len) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    const cs_owner_info *found = NULL;
    for (size_t i = lo; i < db->n_subject; i++) {
        const cs_owner_rec *r = &db->recs[db->by_subject[i]];
        if (cs_owner_cmp_key(r, issuer_dn, issuer_len) != 0) {
            break;
        }
        if (aki != NULL && aki_len != 0 &&
            (!r->has_ski || r->ski_len != aki_len || memcmp(r->ski, aki, aki_len) != 0)) {
            continue;
        }
        if (r->info.ca_owner == NULL) {
            continue;
        }
        if (found == NULL) {
            found = &r->info;
        } else if (strcmp(found->ca_owner, r->info.ca_owner) != 0) {
            return NULL; /* two owners: ambiguous */
        }
    }
    return found;
}

size_t cs_owner_db_count(const cs_owner_db *db) {
    return db->owners;
}

size_t cs_owner_db_certificates(const cs_owner_db *db) {
    return db->n_subject;
}

const cs_owner_info *cs_owner_db_for_cert(const cs_owner_db *db, const uint8_t sha256[32],
                                          const cs_x509 *cert, cs_owner_match *how) {
    const cs_owner_info *info = cs_owner_db_by_fingerprint(db, sha256);
    if (info != NULL) {
        *how = CS_OWNER_BY_FINGERPRINT;
        return info;
    }
    const uint8_t *aki = NULL;
    size_t aki_len = 0;
    int at = cs_x509_find_ext(cert, CS_EXT_AUTHORITY_KEY_ID);
    cs_aki a;
    cs_der_error err = {.base = cert->der.ptr};
    if (at >= 0 && cs_decode_aki(cert->ext[at].value, &a, &err) && a.has_key_id) {
        aki = a.key_id.ptr;
        aki_len = a.key_id.len;
    }
    info = cs_owner_db_by_issuer(db, cert->issuer.raw.ptr, cert->issuer.raw.len, aki, aki_len);
    *how = info != NULL ? CS_OWNER_BY_ISSUER : CS_OWNER_NONE;
    return info;
}
