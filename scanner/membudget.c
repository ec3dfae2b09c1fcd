#define _XOPEN_SOURCE 700 /* nftw */
#include "scanner/membudget.h"

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Measured with /usr/bin/time -v (scanner/README.md, "Memory budget"): a scan of a 2 MB file
 * peaks at 10 MB + 2.5 MB per worker; a 10-million corpus of 200 CAs adds about 20 MB of
 * aggregates per worker (CAs x months x rules). With a margin: */
#define CS_MEM_FIXED_BASE    ((uint64_t)24 << 20)
#define CS_MEM_FIXED_PER_JOB ((uint64_t)16 << 20)
/* --survey: key tables of CS_SURVEY_KEY_LIMIT keys per worker, and the merged one. */
#define CS_MEM_SURVEY_PER_JOB ((uint64_t)8 << 20)
/* Input bytes per distinct certificate, on the small side of what corpora hold (DER 600 to
 * 2,000 bytes, PEM and base64 a third more, CT JSON several times more with its chains), so
 * that the estimate errs towards more passes. Compressed files hold more than this suggests;
 * a pass that outgrows the budget is started over with more passes. */
#define CS_MEM_INPUT_BYTES_PER_CERT 800
/* Key table and held precertificates per distinct certificate, default counting mode: two keys
 * of a final certificate at the table's average load (about 13 bytes a key), or a
 * precertificate's key and its 25-byte record, rounded up for the table's growth steps. */
#define CS_MEM_BYTES_PER_CERT 40

int cs_mem_parse(const char *text, uint64_t *out) {
    if (text == NULL || text[0] < '0' || text[0] > '9') {
        return 0;
    }
    char *end;
    double v = strtod(text, &end);
    double unit = 1;
    switch (*end) {
    case 'k':
    case 'K':
        unit = 1024.0;
        end++;
        break;
    case 'm':
    case 'M':
        unit = 1024.0 * 1024;
        end++;
        break;
    case 'g':
    case 'G':
        unit = 1024.0 * 1024 * 1024;
        end++;
        break;
    case 't':
    case 'T':
        unit = 1024.0 * 1024 * 1024 * 1024;
        end++;
        break;
    default:
        break;
    }
    if (strcmp(end, "iB") == 0 || strcmp(end, "B") == 0) {
        end += strlen(end);
    }
    double bytes = v * unit;
    if (*end != '\0' || !isfinite(bytes) || bytes < 0 || bytes >= 18e18) {
        return 0;
    }
    *out = (uint64_t)bytes;
    return 1;
}

void cs_mem_format(char *buf, size_t len, uint64_t bytes) {
    static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double v = (double)bytes;
    unsigned u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        u++;
    }
    if (u == 0) {
        snprintf(buf, len, "%llu bytes", (unsigned long long)bytes);
    } else if (v == floor(v)) {
        snprintf(buf, len, "%.0f %s", v, units[u]);
    } else {
        snprintf(buf, len, "%.1f %s", v, units[u]);
    }
}

/* nftw has no context argument: the walk is on the calling thread, before the scan starts. */
static uint64_t cs_mem_walk_total;
static int cs_mem_walk_other;

static int cs_mem_walk(const char *path, const struct stat *st, int type, struct FTW *ftw) {
    (void)path;
    (void)ftw;
    if (type == FTW_F && S_ISREG(st->st_mode)) {
        cs_mem_walk_total += (uint64_t)st->st_size;
    } else if (type == FTW_F) {
        cs_mem_walk_other = 1; /* a FIFO or device inside a directory */
    }
    return 0;
}

int cs_mem_plan_make(cs_mem_plan *p, uint64_t limit, unsigned passes, const char *const *inputs,
                     size_t n, unsigned jobs, int survey, char *err, size_t errlen) {
    memset(p, 0, sizeof *p);
    p->limit = limit;
    p->passes = 1;
    p->rewindable = 1;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(inputs[i], "-") == 0 || stat(inputs[i], &st) != 0) {
            /* Standard input, or a path the scan will report as unreadable. */
            p->rewindable = p->rewindable && strcmp(inputs[i], "-") != 0;
            continue;
        }
        if (S_ISREG(st.st_mode)) {
            p->input_bytes += (uint64_t)st.st_size;
        } else if (S_ISDIR(st.st_mode)) {
            cs_mem_walk_total = 0;
            cs_mem_walk_other = 0;
            nftw(inputs[i], cs_mem_walk, 16, FTW_PHYS);
            p->input_bytes += cs_mem_walk_total;
            p->rewindable = p->rewindable && !cs_mem_walk_other;
        } else {
            p->rewindable = 0; /* a FIFO, a device, /dev/stdin */
        }
    }
    p->est_certs = p->input_bytes / CS_MEM_INPUT_BYTES_PER_CERT + 1;
    if (passes != 0 && p->rewindable) {
        p->passes = passes;
    }
    if (limit == 0) {
        return 1;
    }
    p->fixed = CS_MEM_FIXED_BASE + (uint64_t)jobs * CS_MEM_FIXED_PER_JOB +
               (survey ? (uint64_t)(jobs + 1) * CS_MEM_SURVEY_PER_JOB : 0);
    /* At least 8 MiB for the keys: below that, passes would multiply for little gain. */
    uint64_t least = p->fixed + ((uint64_t)8 << 20);
    if (limit < least) {
        char a[32], b[32];
        cs_mem_format(a, sizeof a, limit);
        cs_mem_format(b, sizeof b, least);
        snprintf(err, errlen,
                 "--memory %s is too small for -j %u%s: the scan needs at least %s (lower -j "
                 "or raise --memory)",
                 a, jobs, survey ? " with the survey" : "", b);
        return 0;
    }
    p->key_budget = limit - p->fixed;
    if (p->rewindable && passes == 0) {
        uint64_t need = p->est_certs * CS_MEM_BYTES_PER_CERT;
        uint64_t wanted = (need + p->key_budget - 1) / p->key_budget;
        p->passes = wanted < 1                   ? 1
                    : wanted > CS_MEM_MAX_PASSES ? CS_MEM_MAX_PASSES
                                                 : (unsigned)wanted;
    }
    return 1;
}

unsigned cs_mem_more_passes(const cs_mem_plan *p, unsigned passes) {
    (void)p;
    unsigned more = passes * 2;
    return more > CS_MEM_MAX_PASSES ? CS_MEM_MAX_PASSES : more;
}
