/* What the end-to-end tests share: running a shell command, reading a whole file, and a
 * temporary folder. They abort with a message when the machine fails them (no memory, an
 * unreadable file), which Criterion reports as the test's failure. */
#ifndef CS_TESTS_SHELL_H
#define CS_TESTS_SHELL_H

#include <stddef.h>

/* Runs the command made from `fmt` with /bin/sh; returns its exit status (-1 when killed). */
int tsh_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A command's standard output (NUL-terminated; free `out`) and exit status (-1 when killed). */
typedef struct tsh_output {
    char *out;
    size_t len;
    int status;
} tsh_output;
tsh_output tsh_capture(const char *cmd);

/* The whole file, NUL-terminated; its length in *len when len is not NULL. Free it. */
char *tsh_slurp(const char *path, size_t *len);

/* Makes /tmp/certscan-test-<name>-XXXXXX into `dir` (at least 64 bytes); tsh_rmdir removes it. */
void tsh_mkdtemp(char *dir, size_t size, const char *name);
void tsh_rmdir(const char *dir);

#endif
