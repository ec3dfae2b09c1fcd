#include "tests/support/shell.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void tsh_die(const char *what, const char *arg) {
    fprintf(stderr, "test support: %s %s\n", what, arg);
    abort();
}

int tsh_run(const char *fmt, ...) {
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof cmd) {
        tsh_die("command too long:", fmt);
    }
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

tsh_output tsh_capture(const char *cmd) {
    tsh_output r = {0};
    FILE *p = popen(cmd, "r");
    size_t cap = 1 << 16;
    r.out = malloc(cap);
    if (p == NULL || r.out == NULL) {
        tsh_die("cannot run", cmd);
    }
    size_t n;
    while ((n = fread(r.out + r.len, 1, cap - r.len - 1, p)) > 0) {
        r.len += n;
        if (cap - r.len < 4096) {
            cap *= 2;
            if ((r.out = realloc(r.out, cap)) == NULL) {
                tsh_die("out of memory running", cmd);
            }
        }
    }
    r.out[r.len] = '\0';
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

char *tsh_slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        tsh_die("cannot open", path);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        tsh_die("cannot read", path);
    }
    fclose(f);
    buf[n] = '\0';
    if (len != NULL) {
        *len = (size_t)n;
    }
    return buf;
}

void tsh_mkdtemp(char *dir, size_t size, const char *name) {
    snprintf(dir, size, "/tmp/certscan-test-%s-XXXXXX", name);
    if (mkdtemp(dir) == NULL) {
        tsh_die("cannot make a folder like", dir);
    }
}

void tsh_rmdir(const char *dir) {
    if (tsh_run("rm -rf '%s'", dir) != 0) {
        tsh_die("cannot remove", dir);
    }
}
