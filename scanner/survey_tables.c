/* The survey as tables: every output (JSON, CSV, text) and the HTML charts read the same rows,
 * so the table list below is the one place that says what the survey reports. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/json.h"
#include "scanner/survey_internal.h"

typedef struct cs_sv_cell {
    char *text; /* label cells */
    uint64_t n; /* count cells */
} cs_sv_cell;

typedef struct cs_sv_table {
    const char *id;
    const char *title;
    size_t labels;  /* leading label columns */
    size_t columns; /* all columns */
    const char **names;
    size_t rows;
    size_t rows_cap;
    cs_sv_cell *cells; /* rows x columns */
    int sort_by_count; /* 1: rows by the first count column, descending; 0: by labels; -1: as built
                        */
} cs_sv_table;

#define CS_SV_TABLES 12
/* Rows kept in key_reuse_top: the most shared keys. */
#define CS_SV_TOP_KEYS 100

static void cs_sv_table_free(cs_sv_table *t) {
    for (size_t i = 0; i < t->rows * t->columns; i++) {
        free(t->cells[i].text);
    }
    free(t->cells);
    free(t->names);
    memset(t, 0, sizeof *t);
}

/* A new row; its label cells are copies of `labels`. NULL when memory ran out. */
static cs_sv_cell *cs_sv_row(cs_sv_table *t, const char *const *labels) {
    if (t->rows == t->rows_cap) {
        size_t cap = t->rows_cap ? t->rows_cap * 2 : 16;
        cs_sv_cell *cells = realloc(t->cells, cap * t->columns * sizeof *cells);
        if (cells == NULL) {
            return NULL;
        }
        t->cells = cells;
        t->rows_cap = cap;
    }
    cs_sv_cell *row = &t->cells[t->rows * t->columns];
    memset(row, 0, t->columns * sizeof *row);
    for (size_t i = 0; i < t->labels; i++) {
        if ((row[i].text = strdup(labels[i] != NULL ? labels[i] : "")) == NULL) {
            for (size_t k = 0; k < i; k++) {
                free(row[k].text);
            }
            return NULL;
        }
    }
    t->rows++;
    return row;
}

static int cs_sv_table_init(cs_sv_table *t, const char *id, const char *title, size_t labels,
                            size_t columns) {
    memset(t, 0, sizeof *t);
    t->id = id;
    t->title = title;
    t->labels = labels;
    t->columns = columns;
    t->names = calloc(columns, sizeof *t->names);
    t->sort_by_count = 1;
    return t->names != NULL;
}

/* Drops count columns after the "certificates" total that are zero in every row (a corpus uses
 * a few of the 22 key classes and 41 algorithms). */
static void cs_sv_drop_empty_columns(cs_sv_table *t) {
    size_t keep = t->labels + 1;
    for (size_t c = t->labels + 1; c < t->columns; c++) {
        int used = 0;
        for (size_t r = 0; r < t->rows && !used; r++) {
            used = t->cells[r * t->columns + c].n != 0;
        }
        if (!used) {
            continue;
        }
        t->names[keep] = t->names[c];
        for (size_t r = 0; r < t->rows; r++) {
            t->cells[r * t->columns + keep] = t->cells[r * t->columns + c];
        }
        keep++;
    }
    /* Rows keep their stride; only the first `keep` cells of each are read from now on. */
    cs_sv_cell *packed = malloc((t->rows ? t->rows : 1) * (keep ? keep : 1) * sizeof *packed);
    if (packed == NULL) {
        return; /* the table keeps its zero columns */
    }
    for (size_t r = 0; r < t->rows; r++) {
        memcpy(&packed[r * keep], &t->cells[r * t->columns], keep * sizeof *packed);
    }
    free(t->cells);
    t->cells = packed;
    t->columns = keep;
    t->rows_cap = t->rows;
}

/* The table being sorted: qsort passes no context, and several threads may render surveys. */
static _Thread_local const cs_sv_table *cs_sv_sorting;

static int cs_sv_row_order(const void *pa, const void *pb) {
    const cs_sv_table *t = cs_sv_sorting;
    const cs_sv_cell *a = &t->cells[*(const size_t *)pa * t->columns];
    const cs_sv_cell *b = &t->cells[*(const size_t *)pb * t->columns];
    if (t->sort_by_count > 0 && t->labels < t->columns && a[t->labels].n != b[t->labels].n) {
        return a[t->labels].n < b[t->labels].n ? 1 : -1;
    }
    for (size_t k = 0; k < t->labels; k++) {
        int c = strcmp(a[k].text, b[k].text);
        if (c != 0) {
            return c;
        }
    }
    return 0;
}

/* Sorts rows: by the first count column descending, then labels; or by labels only. */
static void cs_sv_sort(cs_sv_table *t) {
    size_t n = t->rows, w = t->columns;
    if (n < 2 || t->sort_by_count < 0) {
        return;
    }
    size_t *order = malloc(n * sizeof *order);
    cs_sv_cell *sorted = malloc(n * w * sizeof *sorted);
    if (order == NULL || sorted == NULL) {
        free(order);
        free(sorted);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
    }
    cs_sv_sorting = t;
    qsort(order, n, sizeof *order, cs_sv_row_order);
    for (size_t i = 0; i < n; i++) {
        memcpy(&sorted[i * w], &t->cells[order[i] * w], w * sizeof *sorted);
    }
    free(t->cells);
    t->cells = sorted;
    t->rows_cap = n;
    free(order);
}

/* ---- building the tables ---- */

static void cs_sv_hex(const uint8_t *p, size_t n, char *out, size_t len) {
    size_t k = 0;
    for (size_t i = 0; i < n && k + 2 < len; i++) {
        k += (size_t)snprintf(out + k, len - k, "%02x", p[i]);
    }
    out[k] = '\0';
}

static int cs_sv_name_order(const void *pa, const void *pb) {
    return strcmp((*(const cs_sv_ca *const *)pa)->name, (*(const cs_sv_ca *const *)pb)->name);
}

/* Marks the CAs whose name another CA has too (same DN, another AKI): sorted[] by name. */
static uint8_t *cs_sv_shared_names(const cs_survey *s, const cs_sv_ca ***out_sorted) {
    const cs_sv_ca **sorted = malloc((s->ca_count ? s->ca_count : 1) * sizeof *sorted);
    uint8_t *shared = calloc(s->ca_count ? s->ca_count : 1, 1);
    if (sorted == NULL || shared == NULL) {
        free(sorted);
        free(shared);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < s->ca_cap; i++) {
        if (s->cas[i] != NULL) {
            sorted[n++] = s->cas[i];
        }
    }
    qsort(sorted, n, sizeof *sorted, cs_sv_name_order);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(sorted[i - 1]->name, sorted[i]->name) == 0) {
            shared[i - 1] = shared[i] = 1;
        }
    }
    *out_sorted = sorted;
    return shared;
}

/* The issuer label: its name, and "[aki:xxxxxxxx]" when another CA has the same name. */
static void cs_sv_issuer_label(const cs_sv_ca *c, int shared, char *out, size_t len) {
    if (!shared) {
        snprintf(out, len, "%s", c->name);
        return;
    }
    char hex[17];
    cs_sv_hex(c->aki, c->aki_len < 8 ? c->aki_len : 8, hex, sizeof hex);
    snprintf(out, len, "%s [aki:%s]", c->name, c->aki_len ? hex : "none");
}

static int cs_sv_build_ca_tables(const cs_survey *s, cs_sv_table *eku, cs_sv_table *flags,
                                 cs_sv_table *keys, cs_sv_table *sigs, cs_sv_table *validity) {
    char label[1200];
    const cs_sv_ca **sorted = NULL;
    uint8_t *shared = cs_sv_shared_names(s, &sorted);
    if (shared == NULL) {
        return 0;
    }
    int ok = 0;
    for (size_t i = 0; i < s->ca_count; i++) {
        const cs_sv_ca *c = sorted[i];
        cs_sv_issuer_label(c, shared[i], label, sizeof label);
        const char *issuer[1] = {label};
        for (unsigned t = 0; t < CS_SV_TYPES; t++) {
            const uint64_t *tc = c->by_type[t];
            if (tc[CS_SV_TC_CERTS] == 0) {
                continue;
            }
            const char *two[2] = {label, cs_sv_type_name(t)};
            cs_sv_cell *row = cs_sv_row(eku, two);
            if (row == NULL) {
                goto done;
            }
            row[2].n = tc[CS_SV_TC_CERTS];
            for (unsigned e = 0; e < CS_SV_EKUS; e++) {
                row[3 + e].n = tc[CS_SV_TC_EKU + e];
            }
            if (t < CS_SV_TYPE_PKIX_SUBSCRIBER) { /* the subject flags are S/MIME facts */
                if ((row = cs_sv_row(flags, two)) == NULL) {
                    goto done;
                }
                row[2].n = tc[CS_SV_TC_CERTS];
                for (unsigned f = 0; f < 3; f++) {
                    row[3 + f].n = tc[CS_SV_TC_CN_ONLY_MAILBOX + f];
                }
            }
        }
        cs_sv_cell *row = cs_sv_row(keys, issuer);
        if (row == NULL) {
            goto done;
        }
        row[1].n = c->certs;
        for (unsigned k = 0; k < CS_SV_KEYS; k++) {
            row[2 + k].n = c->keys[k];
        }
        if ((row = cs_sv_row(sigs, issuer)) == NULL) {
            goto done;
        }
        row[1].n = c->certs;
        for (unsigned k = 0; k < CS_ALG_COUNT; k++) {
            row[2 + k].n = c->sigs[k];
        }
        if ((row = cs_sv_row(validity, issuer)) == NULL) {
            goto done;
        }
        row[1].n = c->certs;
        for (unsigned k = 0; k < CS_SV_VALIDITY; k++) {
            row[2 + k].n = c->validity[k];
        }
    }
    ok = 1;
done:
    free(sorted);
    free(shared);
    return ok;
}

static int cs_sv_build_month_tables(const cs_survey *s, cs_sv_table *types, cs_sv_table *keys) {
    for (unsigned m = 0; m < CS_SV_MONTHS; m++) {
        const cs_sv_month *mo = s->months[m];
        if (mo == NULL) {
            continue;
        }
        char name[16];
        cs_sv_month_name(m, name, sizeof name);
        const char *label[1] = {name};
        cs_sv_cell *row = cs_sv_row(types, label);
        if (row == NULL) {
            return 0;
        }
        uint64_t total = 0;
        for (unsigned t = 0; t < CS_SV_TYPES; t++) {
            row[2 + t].n = mo->types[t];
            total += mo->types[t];
        }
        row[1].n = total;
        if ((row = cs_sv_row(keys, label)) == NULL) {
            return 0;
        }
        row[1].n = total;
        for (unsigned k = 0; k < CS_SV_KEYS; k++) {
            row[2 + k].n = mo->keys[k];
        }
    }
    return 1;
}

static int cs_sv_build_type_tables(const cs_survey *s, cs_sv_table *validity, cs_sv_table *attrs) {
    for (unsigned t = 0; t < CS_SV_TYPES; t++) {
        if (s->type_certs[t] == 0) {
            continue;
        }
        const char *label[1] = {cs_sv_type_name(t)};
        cs_sv_cell *row = cs_sv_row(validity, label);
        if (row == NULL) {
            return 0;
        }
        row[1].n = s->type_certs[t];
        for (unsigned k = 0; k < CS_SV_VALIDITY; k++) {
            row[2 + k].n = s->type_validity[t][k];
        }
        if ((row = cs_sv_row(attrs, label)) == NULL) {
            return 0;
        }
        row[1].n = s->type_certs[t];
        for (unsigned k = 0; k < CS_ATTR_COUNT; k++) {
            row[2 + k].n = s->type_attrs[t][k];
        }
    }
    return 1;
}

static int cs_sv_build_cross(const cs_survey *s, cs_sv_table *cross) {
    for (size_t i = 0; i < s->cross.cap; i++) {
        const cs_sv_key *k = &s->cross.slot[i];
        if (!k->used || k->set[1] == 0) {
            continue; /* one issuer: not a cross-certificate */
        }
        char issuers[4096] = "";
        size_t n = 0, used = 0;
        for (; n < CS_SV_SET && k->set[n] != 0; n++) {
            const cs_sv_ca *c = cs_sv_ca_by_hash(s, k->set[n]);
            used +=
                (size_t)snprintf(issuers + used, used < sizeof issuers ? sizeof issuers - used : 0,
                                 "%s%s", n ? " | " : "", c != NULL ? c->name : "?");
            if (used >= sizeof issuers) {
                used = sizeof issuers - 1;
            }
        }
        char count[16];
        snprintf(count, sizeof count, n == CS_SV_SET ? "%zu+" : "%zu", n);
        const char *labels[4] = {k->subject != NULL ? k->subject : "", cs_sv_key_name(k->key_class),
                                 count, issuers};
        cs_sv_cell *row = cs_sv_row(cross, labels);
        if (row == NULL) {
            return 0;
        }
        row[4].n = k->certs;
    }
    return 1;
}

static int cs_sv_build_reuse(const cs_survey *s, cs_sv_table *summary, cs_sv_table *top) {
    uint64_t keys = 0, reused = 0, certs_reused = 0, multi_subject = 0, multi_issuer = 0;
    for (size_t i = 0; i < s->reuse.cap; i++) {
        const cs_sv_key *k = &s->reuse.slot[i];
        if (!k->used) {
            continue;
        }
        keys++;
        if (k->certs < 2) {
            continue;
        }
        reused++;
        certs_reused += k->certs;
        multi_subject += k->set[1] != 0;
        multi_issuer += k->set[3] != 0;
        char hex[40];
        uint8_t b[16];
        for (int j = 0; j < 8; j++) {
            b[j] = (uint8_t)(k->h0 >> (56 - 8 * j));
            b[8 + j] = (uint8_t)(k->h1 >> (56 - 8 * j));
        }
        cs_sv_hex(b, 16, hex, sizeof hex);
        const char *labels[4] = {hex, cs_sv_key_name(k->key_class), k->set[1] ? "2+" : "1",
                                 k->set[3] ? "2+" : "1"};
        cs_sv_cell *row = cs_sv_row(top, labels);
        if (row == NULL) {
            return 0;
        }
        row[4].n = k->certs;
    }
    static const char *const metric[] = {"sample_level",
                                         "distinct_keys_sampled",
                                         "keys_in_several_certificates",
                                         "certificates_with_a_shared_key",
                                         "keys_under_several_subjects",
                                         "keys_under_several_issuers"};
    uint64_t values[] = {s->reuse.level, keys, reused, certs_reused, multi_subject, multi_issuer};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        const char *label[1] = {metric[i]};
        cs_sv_cell *row = cs_sv_row(summary, label);
        if (row == NULL) {
            return 0;
        }
        row[1].n = values[i];
    }
    summary->sort_by_count = -1;
    return 1;
}

static void cs_sv_tables_free(cs_sv_table *t) {
    for (size_t i = 0; i < CS_SV_TABLES; i++) {
        cs_sv_table_free(&t[i]);
    }
}

/* Builds every table in report order. Returns 0 when memory ran out. */
static int cs_sv_tables(const cs_survey *s, cs_sv_table *t) {
    memset(t, 0, CS_SV_TABLES * sizeof *t);
    enum {
        TYPES,
        EKU,
        KEYS_CA,
        KEYS_MONTH,
        SIGS,
        VAL_TYPE,
        VAL_CA,
        FLAGS,
        ATTRS,
        CROSS,
        REUSE,
        TOP
    };
    int ok =
        cs_sv_table_init(&t[TYPES], "types_by_month", "Certificate types per month of notBefore", 1,
                         2 + CS_SV_TYPES) &&
        cs_sv_table_init(&t[EKU], "eku_by_ca_type", "EKU combinations by issuing CA and type", 2,
                         3 + CS_SV_EKUS) &&
        cs_sv_table_init(&t[KEYS_CA], "keys_by_ca", "Key algorithms and sizes by issuing CA", 1,
                         2 + CS_SV_KEYS) &&
        cs_sv_table_init(&t[KEYS_MONTH], "keys_by_month",
                         "Key algorithms and sizes per month of notBefore", 1, 2 + CS_SV_KEYS) &&
        cs_sv_table_init(&t[SIGS], "signatures_by_ca", "Signature algorithms by issuing CA", 1,
                         2 + CS_ALG_COUNT) &&
        cs_sv_table_init(&t[VAL_TYPE], "validity_by_type", "Validity length by type", 1,
                         2 + CS_SV_VALIDITY) &&
        cs_sv_table_init(&t[VAL_CA], "validity_by_ca", "Validity length by issuing CA", 1,
                         2 + CS_SV_VALIDITY) &&
        cs_sv_table_init(&t[FLAGS], "smime_subject_by_ca_type",
                         "S/MIME subjects: commonName only a mailbox, pseudonym, countryName XX", 2,
                         6) &&
        cs_sv_table_init(&t[ATTRS], "subject_attributes_by_type",
                         "Subject attributes by type (certificates with the attribute)", 1,
                         2 + CS_ATTR_COUNT) &&
        cs_sv_table_init(&t[CROSS], "cross_certificates",
                         "Cross-certificates: one subject and key under several issuers", 4, 5) &&
        cs_sv_table_init(&t[REUSE], "key_reuse",
                         "Key reuse: one public key in several certificates", 1, 2) &&
        cs_sv_table_init(&t[TOP], "key_reuse_top",
                         "Most shared keys (XXH3-128 of the SubjectPublicKeyInfo)", 4, 5);
    if (!ok) {
        cs_sv_tables_free(t);
        return 0;
    }
    t[TYPES].names[0] = t[KEYS_MONTH].names[0] = "month";
    t[TYPES].names[1] = t[KEYS_MONTH].names[1] = "certificates";
    for (unsigned k = 0; k < CS_SV_TYPES; k++) {
        t[TYPES].names[2 + k] = cs_sv_type_name(k);
    }
    t[TYPES].sort_by_count = t[KEYS_MONTH].sort_by_count = 0;
    t[EKU].names[0] = t[FLAGS].names[0] = "issuer";
    t[EKU].names[1] = t[FLAGS].names[1] = "type";
    t[EKU].names[2] = t[FLAGS].names[2] = "certificates";
    for (unsigned e = 0; e < CS_SV_EKUS; e++) {
        t[EKU].names[3 + e] = cs_sv_eku_name(e);
    }
    for (unsigned f = 0; f < 3; f++) {
        t[FLAGS].names[3 + f] = cs_sv_flag_name(f);
    }
    t[KEYS_CA].names[0] = t[SIGS].names[0] = t[VAL_CA].names[0] = "issuer";
    t[VAL_TYPE].names[0] = t[ATTRS].names[0] = "type";
    t[KEYS_CA].names[1] = t[SIGS].names[1] = t[VAL_CA].names[1] = t[VAL_TYPE].names[1] =
        t[ATTRS].names[1] = "certificates";
    for (unsigned k = 0; k < CS_SV_KEYS; k++) {
        t[KEYS_CA].names[2 + k] = t[KEYS_MONTH].names[2 + k] = cs_sv_key_name(k);
    }
    for (unsigned k = 0; k < CS_ALG_COUNT; k++) {
        t[SIGS].names[2 + k] = k == 0 ? "other" : cs_alg_name((cs_alg_id)k);
    }
    for (unsigned k = 0; k < CS_SV_VALIDITY; k++) {
        t[VAL_TYPE].names[2 + k] = t[VAL_CA].names[2 + k] = cs_sv_validity_name(k);
    }
    for (unsigned k = 0; k < CS_ATTR_COUNT; k++) {
        t[ATTRS].names[2 + k] = k == 0 ? "other" : cs_attr_short_name((cs_attr_id)k);
    }
    static const char *const cross_names[] = {"subject", "key", "issuers", "issuer_names",
                                              "certificates"};
    memcpy(t[CROSS].names, cross_names, sizeof cross_names);
    t[REUSE].names[0] = "metric";
    t[REUSE].names[1] = "value";
    static const char *const top_names[] = {"spki_xxh128", "key", "subjects", "issuers",
                                            "certificates"};
    memcpy(t[TOP].names, top_names, sizeof top_names);
    ok = cs_sv_build_ca_tables(s, &t[EKU], &t[FLAGS], &t[KEYS_CA], &t[SIGS], &t[VAL_CA]) &&
         cs_sv_build_month_tables(s, &t[TYPES], &t[KEYS_MONTH]) &&
         cs_sv_build_type_tables(s, &t[VAL_TYPE], &t[ATTRS]) && cs_sv_build_cross(s, &t[CROSS]) &&
         cs_sv_build_reuse(s, &t[REUSE], &t[TOP]);
    if (!ok) {
        cs_sv_tables_free(t);
        return 0;
    }
    for (size_t i = 0; i < CS_SV_TABLES; i++) {
        if (i == TYPES || i == KEYS_CA || i == KEYS_MONTH || i == SIGS || i == ATTRS) {
            cs_sv_drop_empty_columns(&t[i]);
        }
        cs_sv_sort(&t[i]);
    }
    /* Past the top rows, only the key_reuse counts matter. */
    for (size_t r = CS_SV_TOP_KEYS; r < t[TOP].rows; r++) {
        for (size_t c = 0; c < t[TOP].labels; c++) {
            free(t[TOP].cells[r * t[TOP].columns + c].text);
        }
    }
    if (t[TOP].rows > CS_SV_TOP_KEYS) {
        t[TOP].rows = CS_SV_TOP_KEYS;
    }
    return 1;
}

/* ---- JSON ---- */

static void cs_sv_json_table(FILE *out, const cs_sv_table *t) {
    fputs("{\"id\":", out);
    cs_json_string(out, t->id);
    fputs(",\"title\":", out);
    cs_json_string(out, t->title);
    fprintf(out, ",\"labels\":%zu,\"columns\":[", t->labels);
    for (size_t c = 0; c < t->columns; c++) {
        if (c) {
            fputc(',', out);
        }
        cs_json_string(out, t->names[c]);
    }
    fputs("],\"rows\":[", out);
    for (size_t r = 0; r < t->rows; r++) {
        fputs(r ? ",[" : "[", out);
        for (size_t c = 0; c < t->columns; c++) {
            if (c) {
                fputc(',', out);
            }
            const cs_sv_cell *cell = &t->cells[r * t->columns + c];
            if (c < t->labels) {
                cs_json_string(out, cell->text);
            } else {
                fprintf(out, "%" PRIu64, cell->n);
            }
        }
        fputc(']', out);
    }
    fputs("]}", out);
}

void cs_survey_json(FILE *out, const cs_survey *s) {
    cs_sv_table t[CS_SV_TABLES];
    if (!cs_sv_tables(s, t)) {
        fputs("{\"version\":1,\"error\":\"out of memory\"}", out);
        return;
    }
    fprintf(out,
            "{\"version\":1,\"certificates\":%" PRIu64 ",\"key_tables\":{\"limit\":%zu,"
            "\"reuse_level\":%u,\"cross_level\":%u},\"tables\":[",
            s->certs, s->key_limit, s->reuse.level, s->cross.level);
    for (size_t i = 0; i < CS_SV_TABLES; i++) {
        if (i) {
            fputc(',', out);
        }
        cs_sv_json_table(out, &t[i]);
    }
    fputs("]}", out);
    cs_sv_tables_free(t);
}

/* ---- CSV (RFC 4180) ---- */

static void cs_sv_csv_field(FILE *f, const char *text) {
    if (strpbrk(text, ",\"\r\n") == NULL) {
        fputs(text, f);
        return;
    }
    fputc('"', f);
    for (const char *p = text; *p; p++) {
        if (*p == '"') {
            fputc('"', f);
        }
        fputc(*p, f);
    }
    fputc('"', f);
}

int cs_survey_csv(const cs_survey *s, const char *dir) {
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        return 0;
    }
    cs_sv_table t[CS_SV_TABLES];
    if (!cs_sv_tables(s, t)) {
        errno = ENOMEM;
        return 0;
    }
    int ok = 1;
    for (size_t i = 0; ok && i < CS_SV_TABLES; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", dir, t[i].id);
        FILE *f = fopen(path, "w");
        if (f == NULL) {
            ok = 0;
            break;
        }
        for (size_t c = 0; c < t[i].columns; c++) {
            if (c) {
                fputc(',', f);
            }
            cs_sv_csv_field(f, t[i].names[c]);
        }
        fputs("\r\n", f);
        for (size_t r = 0; r < t[i].rows; r++) {
            for (size_t c = 0; c < t[i].columns; c++) {
                const cs_sv_cell *cell = &t[i].cells[r * t[i].columns + c];
                if (c) {
                    fputc(',', f);
                }
                if (c < t[i].labels) {
                    cs_sv_csv_field(f, cell->text);
                } else {
                    fprintf(f, "%" PRIu64, cell->n);
                }
            }
            fputs("\r\n", f);
        }
        int saved = errno;
        if (ferror(f) | (fclose(f) != 0)) {
            ok = 0;
        }
        errno = ok ? saved : (errno ? errno : EIO);
    }
    cs_sv_tables_free(t);
    return ok;
}

/* ---- text ---- */

#define CS_SV_WIDTH 100

/* Writes at most `width` display columns of UTF-8 `text`, padded with spaces. */
static void cs_sv_text_cell(FILE *out, const char *text, size_t width) {
    size_t cols = 0, len = strlen(text), i = 0;
    while (i < len && cols < width) {
        size_t start = i++;
        while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80) {
            i++;
        }
        if (cols + 1 == width && i < len) {
            fputs("~", out); /* cut: the CSV and JSON have the whole text */
            cols++;
            break;
        }
        fwrite(text + start, 1, i - start, out);
        cols++;
    }
    for (; cols < width; cols++) {
        fputc(' ', out);
    }
}

static void cs_sv_text_table(FILE *out, const cs_sv_table *t, size_t max_rows) {
    fprintf(out, "\n%s  [%s]\n", t->title, t->id);
    if (t->rows == 0) {
        fputs("  (none)\n", out);
        return;
    }
    size_t shown = t->rows < max_rows ? t->rows : max_rows;
    /* Time series: the latest months are the ones asked about. */
    size_t skip = strcmp(t->names[0], "month") == 0 ? t->rows - shown : 0;
    const cs_sv_cell *cells = t->cells + skip * t->columns;
    size_t labels = t->labels < 4 ? t->labels : 4;
    size_t label_width[4] = {0};
    size_t label_total = 2;
    for (size_t c = 0; c < labels; c++) {
        size_t w = strlen(t->names[c]);
        for (size_t r = 0; r < shown; r++) {
            size_t l = strlen(cells[r * t->columns + c].text);
            w = l > w ? l : w;
        }
        /* Long labels (issuer names) are cut so that a group of counts still fits. */
        size_t cap = labels == 1 ? 44 : labels == 2 ? (c == 0 ? 40 : 26) : (c == 0 ? 30 : 14);
        label_width[c] = w < cap ? w : cap;
        label_total += label_width[c] + 2;
    }
    size_t *value_width = calloc(t->columns, sizeof *value_width);
    if (value_width == NULL) {
        return;
    }
    for (size_t c = t->labels; c < t->columns; c++) {
        size_t w = strlen(t->names[c]);
        for (size_t r = 0; r < shown; r++) {
            char num[24];
            size_t l = (size_t)snprintf(num, sizeof num, "%" PRIu64, cells[r * t->columns + c].n);
            w = l > w ? l : w;
        }
        value_width[c] = w;
    }
    /* Count columns in groups that fit 100 columns, the labels repeated in each group. */
    size_t first = t->labels;
    do {
        size_t last = first, used = label_total;
        while (last < t->columns &&
               (last == first || used + value_width[last] + 2 <= CS_SV_WIDTH)) {
            used += value_width[last] + 2;
            last++;
        }
        fputs("  ", out);
        for (size_t c = 0; c < labels; c++) {
            cs_sv_text_cell(out, t->names[c], label_width[c]);
            fputs("  ", out);
        }
        for (size_t c = first; c < last; c++) {
            fprintf(out, "%*s%s", (int)value_width[c], t->names[c], c + 1 < last ? "  " : "");
        }
        fputc('\n', out);
        for (size_t r = 0; r < shown; r++) {
            const cs_sv_cell *row = &cells[r * t->columns];
            fputs("  ", out);
            for (size_t c = 0; c < labels; c++) {
                cs_sv_text_cell(out, row[c].text, label_width[c]);
                fputs("  ", out);
            }
            for (size_t c = first; c < last; c++) {
                fprintf(out, "%*" PRIu64 "%s", (int)value_width[c], row[c].n,
                        c + 1 < last ? "  " : "");
            }
            fputc('\n', out);
        }
        first = last;
    } while (first < t->columns);
    if (shown < t->rows) {
        fprintf(out, "  (%zu %s rows: --csv DIR or --format json has them all)\n", t->rows - shown,
                skip ? "earlier" : "more");
    }
    free(value_width);
}

void cs_survey_text(FILE *out, const cs_survey *s, size_t max_rows) {
    cs_sv_table t[CS_SV_TABLES];
    if (!cs_sv_tables(s, t)) {
        fputs("\nSurveys: out of memory\n", out);
        return;
    }
    fprintf(out, "\nSurveys of %" PRIu64 " certificates (docs/survey-schema.md)\n", s->certs);
    if (s->reuse.level > 0 || s->cross.level > 0) {
        fprintf(out,
                "  key tables sampled: keys whose hash falls in 1/2^%u (reuse), 1/2^%u (cross)\n",
                s->reuse.level, s->cross.level);
    }
    for (size_t i = 0; i < CS_SV_TABLES; i++) {
        cs_sv_text_table(out, &t[i], max_rows ? max_rows : 20);
    }
    cs_sv_tables_free(t);
}

uint64_t cs_survey_cell(const cs_survey *s, const char *table, const char *const *labels,
                        size_t num_labels, const char *column) {
    cs_sv_table t[CS_SV_TABLES];
    if (!cs_sv_tables(s, t)) {
        return 0;
    }
    uint64_t value = 0;
    for (size_t i = 0; i < CS_SV_TABLES; i++) {
        if (strcmp(t[i].id, table) != 0) {
            continue;
        }
        size_t col = t[i].columns;
        for (size_t c = t[i].labels; c < t[i].columns; c++) {
            if (strcmp(t[i].names[c], column) == 0) {
                col = c;
            }
        }
        for (size_t r = 0; col < t[i].columns && r < t[i].rows; r++) {
            const cs_sv_cell *row = &t[i].cells[r * t[i].columns];
            int match = 1;
            for (size_t k = 0; k < num_labels && k < t[i].labels && match; k++) {
                match = labels[k] == NULL || strcmp(labels[k], row[k].text) == 0;
            }
            if (match) {
                value += row[col].n;
            }
        }
    }
    cs_sv_tables_free(t);
    return value;
}
