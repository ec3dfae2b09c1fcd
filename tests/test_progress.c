/* The progress line of a real scan (scanner/progress.c, cs_scan_paths): percent and ETA appear
 * when the inputs' total size is known (regular files; gzip measured in compressed bytes, which
 * is what the readers count), and never for standard input or a pipe, whose size is unknown.
 * Built with -DCS_TSAN=ON, these runs also check the sampling thread for data races. */
#include <criterion/criterion.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "io/input.h"
#include "scanner/engine.h"
#include "scanner/progress.h"
#include "scanner/scan.h"

#define SRC    CS_SOURCE_DIR
#define BUNDLE SRC "/tests/data/input/bundle.pem"

static cs_ruleset *rules(void) {
    cs_ruleset_options o = {0};
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(&o, err, sizeof err);
    cr_assert_not_null(rs, "%s", err);
    return rs;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

/* Scans `path` with the progress line forced into a file, as `--progress` does into a log;
 * returns every line written, and the totals. */
static char *progress_of(const char *path, unsigned jobs, cs_scan_totals *t) {
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    cs_progress *p = cs_progress_new(f, 0);
    cr_assert_not_null(p);
    cs_ruleset *rs = rules();
    const char *paths[] = {path};
    cs_scan_options opt = {.rules = rs, .jobs = jobs, .progress = p};
    cs_input_config_default(&opt.input);
    char err[256];
    cr_assert(cs_scan_paths(paths, 1, &opt, t, err, sizeof err), "%s", err);
    cs_progress_free(p);
    cs_ruleset_free(rs);
    rewind(f);
    char *text = calloc(1, 1 << 16);
    size_t n = fread(text, 1, (1 << 16) - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* A size as the progress line writes it (these inputs are between 1 KiB and 1 MiB). */
static void kib(char *buf, size_t len, uint64_t bytes) {
    cr_assert(bytes >= 1024 && bytes < (1 << 20));
    snprintf(buf, len, "%.1f KiB", (double)bytes / 1024);
}

/* The last line written: the one a user sees when the scan ends. */
static const char *last_line(const char *text) {
    size_t n = strlen(text);
    cr_assert_gt(n, 1, "no progress line at all");
    const char *p = text + n - 1; /* the final '\n' */
    while (p > text && p[-1] != '\n') {
        p--;
    }
    return p;
}

Test(progress, percent_of_a_regular_file, .timeout = 120) {
    for (unsigned jobs = 1; jobs <= 2; jobs++) {
        cs_scan_totals t;
        char *text = progress_of(BUNDLE, jobs, &t);
        struct stat st;
        cr_assert_eq(stat(BUNDLE, &st), 0);
        char want[160];
        snprintf(want, sizeof want, "certscan: %llu entries, ", (unsigned long long)t.entries);
        const char *last = last_line(text);
        cr_assert_not_null(strstr(last, want), "-j %u: %s", jobs, last);
        char size[32];
        kib(size, sizeof size, (uint64_t)st.st_size);
        snprintf(want, sizeof want, "%s read of %s, 100%%\n", size, size);
        cr_assert_not_null(strstr(last, want), "-j %u: %s", jobs, last);
        free(text);
    }
}

Test(progress, gzip_is_measured_in_compressed_bytes, .timeout = 120) {
    size_t len;
    char *pem = slurp(BUNDLE, &len);
    char path[] = "/tmp/cs_progress_XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    gzFile gz = gzdopen(fd, "wb9");
    cr_assert_not_null(gz);
    /* Compresses well: the compressed size is far below the decompressed one. */
    for (int i = 0; i < 20; i++) {
        cr_assert_eq(gzwrite(gz, pem, (unsigned)len), (int)len);
    }
    cr_assert_eq(gzclose(gz), Z_OK);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_lt((size_t)st.st_size * 4, len * 20);
    for (unsigned jobs = 1; jobs <= 2; jobs++) {
        cs_scan_totals t;
        char *text = progress_of(path, jobs, &t);
        cr_assert_eq(t.bytes, (uint64_t)st.st_size, "the scan counts compressed bytes");
        char want[160];
        char size[32];
        kib(size, sizeof size, (uint64_t)st.st_size);
        snprintf(want, sizeof want, "%s read of %s, 100%%\n", size, size);
        const char *last = last_line(text);
        cr_assert_not_null(strstr(last, want), "-j %u: %s", jobs, last);
        free(text);
    }
    unlink(path);
    free(pem);
}

typedef struct feeder {
    int fd;
    const char *data;
    size_t len;
} feeder;

static void *feed(void *arg) {
    feeder *f = arg;
    for (size_t off = 0; off < f->len;) {
        ssize_t n = write(f->fd, f->data + off, f->len - off);
        if (n <= 0) {
            break;
        }
        off += (size_t)n;
    }
    close(f->fd);
    return NULL;
}

Test(progress, no_percent_or_eta_for_a_pipe, .timeout = 120) {
    size_t len;
    char *pem = slurp(BUNDLE, &len);
    for (unsigned jobs = 1; jobs <= 2; jobs++) {
        int fds[2];
        cr_assert_eq(pipe(fds), 0);
        feeder f = {fds[1], pem, len};
        pthread_t th;
        cr_assert_eq(pthread_create(&th, NULL, feed, &f), 0);
        char path[64];
        snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
        cs_scan_totals t;
        char *text = progress_of(path, jobs, &t);
        pthread_join(th, NULL);
        close(fds[0]);
        cr_assert_gt(t.entries, 0);
        char want[160];
        snprintf(want, sizeof want, "certscan: %llu entries, ", (unsigned long long)t.entries);
        const char *last = last_line(text);
        cr_assert_not_null(strstr(last, want), "-j %u: %s", jobs, last);
        char size[32];
        kib(size, sizeof size, len);
        snprintf(want, sizeof want, "%s read\n", size);
        cr_assert_not_null(strstr(last, want), "-j %u: %s", jobs, last);
        cr_assert_null(strchr(text, '%'), "no percent without a known size: %s", text);
        cr_assert_null(strstr(text, "ETA"), "no ETA without a known size: %s", text);
        free(text);
    }
    free(pem);
}

Test(progress, eta_while_a_known_size_is_partly_read) {
    char line[256];
    /* A quarter of 4 GiB read in 10 s: three quarters left at the same pace. */
    cs_progress_sample s = {.entries = 1000, .bytes = (uint64_t)1 << 30};
    cs_progress_format(line, sizeof line, &s, 10.0, (uint64_t)4 << 30, 1);
    cr_assert_not_null(strstr(line, "of 4.0 GiB, 25%, ETA 0:00:30"), "%s", line);
    /* Total unknown (pipe): neither. */
    cs_progress_format(line, sizeof line, &s, 10.0, 0, 0);
    cr_assert_null(strchr(line, '%'), "%s", line);
    cr_assert_null(strstr(line, "ETA"), "%s", line);
    /* Nothing read yet: percent, but no ETA to extrapolate from. */
    s.bytes = 0;
    cs_progress_format(line, sizeof line, &s, 1.0, (uint64_t)4 << 30, 1);
    cr_assert_not_null(strstr(line, ", 0%"), "%s", line);
    cr_assert_null(strstr(line, "ETA"), "%s", line);
}
