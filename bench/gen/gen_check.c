#include "bench/gen/gen_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bench/gen/gen_json.h"

typedef struct gen_row {
    char *ca, *rule;
    unsigned long long count;
    unsigned long long got; /* certscan's count, summed over its CAs of this name */
} gen_row;

typedef struct gen_rows {
    gen_row *row;
    size_t num, cap;
    size_t *slot; /* open addressing over (ca, rule): row index + 1, 0 empty */
    size_t slots;
} gen_rows;

static uint64_t gen_row_hash(const char *ca, const char *rule) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const char *p = ca; *p != '\0'; p++) {
        h = (h ^ (uint8_t)*p) * 1099511628211ull;
    }
    h = (h ^ '\t') * 1099511628211ull;
    for (const char *p = rule; *p != '\0'; p++) {
        h = (h ^ (uint8_t)*p) * 1099511628211ull;
    }
    return h;
}

static int gen_rows_index(gen_rows *rows) {
    rows->slots = 16;
    while (rows->slots < rows->num * 2) {
        rows->slots *= 2;
    }
    rows->slot = calloc(rows->slots, sizeof *rows->slot);
    if (rows->slot == NULL) {
        return 0;
    }
    for (size_t i = 0; i < rows->num; i++) {
        size_t j = gen_row_hash(rows->row[i].ca, rows->row[i].rule) & (rows->slots - 1);
        while (rows->slot[j] != 0) {
            j = (j + 1) & (rows->slots - 1);
        }
        rows->slot[j] = i + 1;
    }
    return 1;
}

static char *gen_slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0, k;
    char *buf = malloc(cap);
    while (buf != NULL && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n < 4096) {
            char *b = realloc(buf, cap * 2);
            if (b == NULL) {
                free(buf);
            }
            buf = b;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf != NULL) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static int gen_rows_load(gen_rows *rows, char *text) {
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || strncmp(line, "ca\trule\tcount", 13) == 0) {
            continue;
        }
        char *t1 = strchr(line, '\t');
        char *t2 = t1 != NULL ? strchr(t1 + 1, '\t') : NULL;
        if (t2 == NULL) {
            return 0;
        }
        *t1 = *t2 = '\0';
        if (rows->num == rows->cap) {
            rows->cap = rows->cap ? rows->cap * 2 : 256;
            gen_row *r = realloc(rows->row, rows->cap * sizeof *r);
            if (r == NULL) {
                return 0;
            }
            rows->row = r;
        }
        rows->row[rows->num++] = (gen_row){line, t1 + 1, strtoull(t2 + 1, NULL, 10), 0};
    }
    return 1;
}

static gen_row *gen_rows_find(gen_rows *rows, const char *ca, const char *rule) {
    size_t j = gen_row_hash(ca, rule) & (rows->slots - 1);
    for (; rows->slot[j] != 0; j = (j + 1) & (rows->slots - 1)) {
        gen_row *r = &rows->row[rows->slot[j] - 1];
        if (strcmp(r->ca, ca) == 0 && strcmp(r->rule, rule) == 0) {
            return r;
        }
    }
    return NULL;
}

static void gen_mismatch(FILE *out, int *bad, const char *ca, const char *rule,
                         unsigned long long want, unsigned long long got) {
    if (*bad < 50) {
        fprintf(out, "MISMATCH\t%s\t%s\texpected %llu\tcertscan %llu\n", ca, rule, want, got);
    }
    (*bad)++;
}

int gen_check(const char *expected_path, const char *report_path, FILE *out) {
    size_t elen = 0, rlen = 0;
    char *etext = gen_slurp(expected_path, &elen);
    char *rtext = gen_slurp(report_path, &rlen);
    gen_rows rows = {0};
    char err[256];
    gen_json *report = NULL;
    int status = 2;
    if (etext == NULL || rtext == NULL) {
        fprintf(out, "check: cannot read %s\n", etext == NULL ? expected_path : report_path);
        goto done;
    }
    if (!gen_rows_load(&rows, etext) || !gen_rows_index(&rows)) {
        fprintf(out, "check: %s: malformed line\n", expected_path);
        goto done;
    }
    report = gen_json_parse(rtext, rlen, err, sizeof err);
    const gen_json *cas = gen_json_get(report, "cas");
    if (report == NULL || cas == NULL || cas->type != GEN_JSON_ARRAY) {
        fprintf(out, "check: %s: %s\n", report_path, report == NULL ? err : "no \"cas\" array");
        goto done;
    }
    int bad = 0;
    unsigned long long issued = 0, findings = 0;
    for (size_t i = 0; i < rows.num; i++) {
        if (strcmp(rows.row[i].rule, "*") == 0) {
            issued += rows.row[i].count;
        } else {
            findings += rows.row[i].count;
        }
    }
    unsigned long long parsed = (unsigned long long)gen_json_number(report, "parsed", -1);
    unsigned long long rejected = (unsigned long long)gen_json_number(report, "rejected", -1);
    if (parsed != issued) {
        gen_mismatch(out, &bad, "(all)", "parsed", issued, parsed);
    }
    if (rejected != 0) {
        gen_mismatch(out, &bad, "(all)", "rejected", 0, rejected);
    }
    for (size_t i = 0; i < cas->num_kids; i++) {
        const gen_json *ca = &cas->kids[i];
        const gen_json *issuer = gen_json_get(ca, "issuer");
        const gen_json *rules = gen_json_get(ca, "rules");
        if (issuer == NULL || issuer->type != GEN_JSON_STRING) {
            continue;
        }
        unsigned long long scanned = (unsigned long long)gen_json_number(ca, "scanned", 0);
        gen_row *r = gen_rows_find(&rows, issuer->string, "*");
        if (r == NULL) {
            gen_mismatch(out, &bad, issuer->string, "*", 0, scanned);
        } else {
            r->got += scanned;
        }
        for (size_t k = 0; rules != NULL && k < rules->num_kids; k++) {
            const gen_json *rule = &rules->kids[k];
            unsigned long long got = (unsigned long long)rule->number;
            gen_row *e = gen_rows_find(&rows, issuer->string, rule->key);
            if (e == NULL) {
                gen_mismatch(out, &bad, issuer->string, rule->key, 0, got);
                continue;
            }
            e->got += got;
        }
    }
    /* certscan keys a CA by issuer name and authorityKeyIdentifier, so a CA whose certificates
     * carry different AKIs (or a defective one) is several report rows of one name: add them. */
    for (size_t i = 0; i < rows.num; i++) {
        if (rows.row[i].count != rows.row[i].got) {
            gen_mismatch(out, &bad, rows.row[i].ca, rows.row[i].rule, rows.row[i].count,
                         rows.row[i].got);
        }
    }
    if (bad > 50) {
        fprintf(out, "... %d differences in all\n", bad);
    }
    fprintf(out, "check: %llu certificates, %llu expected findings in %zu (CA, rule) rows: %s\n",
            issued, findings, rows.num, bad == 0 ? "certscan agrees" : "DIFFERENCES");
    status = bad == 0 ? 0 : 1;
done:
    gen_json_free(report);
    free(rows.row);
    free(rows.slot);
    free(etext);
    free(rtext);
    return status;
}
