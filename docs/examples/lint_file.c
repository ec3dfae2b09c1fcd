/* libcertscan example: lint DER certificates, one thread per file, all sharing one handle.
 *
 *   cc lint_file.c $(pkg-config --cflags --libs certscan) -lpthread -o lint_file
 *   openssl x509 -in cert.pem -outform der -out cert.der
 *   ./lint_file cert.der [more.der ...]
 *
 * Prints each certificate's profile and findings; exits 1 when any has an error-level finding
 * (waived ones excepted), 2 on bad usage or unreadable files, else 0. Set CERTSCAN_TBS=1 to
 * lint pre-issuance TBSCertificates.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <certscan.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct job {
    const cs_lib *lib;
    const char *path;
    char *report; /* what to print, made on the thread */
    int errors;   /* error-level findings left */
    int failed;   /* file unreadable or out of memory */
} job;

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *bigger = realloc(buf, cap *= 2);
            if (bigger == NULL) {
                free(buf);
                buf = NULL;
            }
            buf = bigger;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static void *lint_one(void *arg) {
    job *j = arg;
    size_t len;
    unsigned char *der = read_file(j->path, &len);
    cs_lib_findings *f = NULL;
    if (der == NULL || cs_lib_lint_der(j->lib, der, len, &f) != 0) {
        j->failed = 1;
        free(der);
        return NULL;
    }
    char *text = NULL;
    size_t text_len = 0;
    FILE *out = open_memstream(&text, &text_len);
    if (out != NULL) {
        fprintf(out, "%s: profile %s, %zu findings\n", j->path, cs_lib_findings_profile(f),
                cs_lib_findings_count(f));
        for (size_t i = 0; i < cs_lib_findings_count(f); i++) {
            cs_lib_status st = cs_lib_finding_status(f, i);
            fprintf(out, "  %-7s %s (%s): %s%s%s\n",
                    cs_lib_severity_name(cs_lib_finding_severity(f, i)), cs_lib_finding_rule(f, i),
                    cs_lib_finding_citation(f, i), cs_lib_finding_message(f, i),
                    st == CS_LIB_WAIVED    ? " [waived]"
                    : st == CS_LIB_SKIPPED ? " [skipped]"
                                           : "",
                    "");
            j->errors += st == CS_LIB_LIVE && cs_lib_finding_severity(f, i) == CS_LIB_ERROR;
        }
        fclose(out);
        j->report = text;
    }
    cs_lib_findings_free(f);
    free(der);
    /* Worker threads free their caches on exit by themselves; calling this is optional. */
    cs_lib_thread_cleanup();
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s CERT.der...\n", argv[0]);
        return 2;
    }
    cs_lib_options opt;
    memset(&opt, 0, sizeof opt);
    const char *tbs = getenv("CERTSCAN_TBS");
    opt.tbs = tbs != NULL && strcmp(tbs, "1") == 0;
    char err[256];
    cs_lib *lib = cs_lib_open(&opt, err, sizeof err);
    if (lib == NULL) {
        fprintf(stderr, "cs_lib_open: %s\n", err);
        return 2;
    }
    int n = argc - 1;
    job *jobs = calloc((size_t)n, sizeof *jobs);
    pthread_t *threads = calloc((size_t)n, sizeof *threads);
    if (jobs == NULL || threads == NULL) {
        return 2;
    }
    for (int i = 0; i < n; i++) {
        jobs[i] = (job){.lib = lib, .path = argv[i + 1]};
        if (pthread_create(&threads[i], NULL, lint_one, &jobs[i]) != 0) {
            return 2;
        }
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        pthread_join(threads[i], NULL);
        if (jobs[i].failed) {
            fprintf(stderr, "%s: cannot read or lint\n", jobs[i].path);
            rc = 2;
            continue;
        }
        fputs(jobs[i].report, stdout);
        free(jobs[i].report);
        if (jobs[i].errors > 0 && rc == 0) {
            rc = 1;
        }
    }
    free(jobs);
    free(threads);
    cs_lib_close(lib);
    cs_lib_thread_cleanup();
    return rc;
}
