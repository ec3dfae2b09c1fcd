/* A stand-in for <criterion/criterion.h>, for the ThreadSanitizer stage only.
 *
 * Criterion cannot start under ThreadSanitizer (its BoxFort arena looks for free address space
 * with mincore and finds none in TSan's memory layout: Snaipe/Criterion issue #274). So that the
 * threaded tests (test_queue.c, test_pipeline.c) still run under TSan unchanged, the TSan stage
 * of scripts/run-tests.sh compiles them against this header, which provides the part of the API
 * they use: Test() with .timeout/.init/.fini, and the cr_assert family. Each test runs in a forked
 * child, as under Criterion; a failed assertion prints where and why and fails the test.
 *
 * usage: test_x [--filter SUITE/NAME-PREFIX]
 */
#ifndef CS_TSAN_CRITERION_SHIM_H
#define CS_TSAN_CRITERION_SHIM_H

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct cs_shim_test {
    const char *suite;
    const char *name;
    void (*fn)(void);
    double timeout;
    void (*init)(void);
    void (*fini)(void);
    struct cs_shim_test *next;
} cs_shim_test;

static cs_shim_test *cs_shim_tests;

#define Test(s_, n_, ...)                                                                          \
    static void s_##_##n_##_impl(void);                                                            \
    static cs_shim_test s_##_##n_##_desc = {                                                       \
        .suite = #s_, .name = #n_, .fn = s_##_##n_##_impl, __VA_ARGS__};                           \
    __attribute__((constructor)) static void s_##_##n_##_register(void) {                          \
        s_##_##n_##_desc.next = cs_shim_tests;                                                     \
        cs_shim_tests = &s_##_##n_##_desc;                                                         \
    }                                                                                              \
    static void s_##_##n_##_impl(void)

__attribute__((format(printf, 4, 5), noreturn)) static void
cs_shim_fail(const char *file, int line, const char *expr, const char *fmt, ...) {
    fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
    if (fmt[0] != '\0') {
        va_list ap;
        va_start(ap, fmt);
        fputs("  ", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
        va_end(ap);
    }
    fflush(stderr);
    _exit(1);
}

#define CS_SHIM_CHECK(cond, text, ...)                                                             \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            cs_shim_fail(__FILE__, __LINE__, text, "" __VA_ARGS__);                                \
        }                                                                                          \
    } while (0)

#define cr_assert(cond, ...)        CS_SHIM_CHECK(cond, #cond, __VA_ARGS__)
#define cr_assert_not(cond, ...)    CS_SHIM_CHECK(!(cond), "!(" #cond ")", __VA_ARGS__)
#define cr_assert_eq(a, b, ...)     CS_SHIM_CHECK((a) == (b), #a " == " #b, __VA_ARGS__)
#define cr_assert_neq(a, b, ...)    CS_SHIM_CHECK((a) != (b), #a " != " #b, __VA_ARGS__)
#define cr_assert_lt(a, b, ...)     CS_SHIM_CHECK((a) < (b), #a " < " #b, __VA_ARGS__)
#define cr_assert_gt(a, b, ...)     CS_SHIM_CHECK((a) > (b), #a " > " #b, __VA_ARGS__)
#define cr_assert_geq(a, b, ...)    CS_SHIM_CHECK((a) >= (b), #a " >= " #b, __VA_ARGS__)
#define cr_assert_null(p, ...)      CS_SHIM_CHECK((p) == NULL, #p " == NULL", __VA_ARGS__)
#define cr_assert_not_null(p, ...)  CS_SHIM_CHECK((p) != NULL, #p " != NULL", __VA_ARGS__)
#define cr_assert_str_eq(a, b, ...) CS_SHIM_CHECK(strcmp((a), (b)) == 0, #a " == " #b, __VA_ARGS__)
#define cr_assert_arr_eq(a, b, n, ...)                                                             \
    CS_SHIM_CHECK(memcmp((a), (b), (n)) == 0, #a " == " #b, __VA_ARGS__)

/* Runs one test in a child process; returns 1 when it passed. */
static int cs_shim_run(const cs_shim_test *t) {
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 0;
    }
    if (pid == 0) {
        alarm(t->timeout > 0 ? (unsigned)t->timeout : 600);
        if (t->init != NULL) {
            t->init();
        }
        t->fn();
        if (t->fini != NULL) {
            t->fini();
        }
        fflush(NULL);
        exit(0);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) {
        perror("waitpid");
        return 0;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        return 1;
    }
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "%s/%s: killed by signal %d%s\n", t->suite, t->name, WTERMSIG(status),
                WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
    }
    return 0;
}

int main(int argc, char **argv) {
    const char *filter = NULL;
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--filter") == 0) {
            filter = argv[i + 1];
        }
    }
    /* Registration runs in reverse: reverse again to run in file order. */
    cs_shim_test *ordered = NULL;
    while (cs_shim_tests != NULL) {
        cs_shim_test *t = cs_shim_tests;
        cs_shim_tests = t->next;
        t->next = ordered;
        ordered = t;
    }
    int passed = 0, failed = 0;
    for (cs_shim_test *t = ordered; t != NULL; t = t->next) {
        char full[256];
        snprintf(full, sizeof full, "%s/%s", t->suite, t->name);
        if (filter != NULL && strncmp(full, filter, strlen(filter)) != 0) {
            continue;
        }
        int ok = cs_shim_run(t);
        printf("[%s] %s\n", ok ? "PASS" : "FAIL", full);
        fflush(stdout);
        passed += ok;
        failed += !ok;
    }
    printf("Synthesis: Tested: %d | Passing: %d | Failing: %d\n", passed + failed, passed, failed);
    return failed != 0 || passed == 0;
}

#endif
