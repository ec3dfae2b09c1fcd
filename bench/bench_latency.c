/* bench_latency: wall time of one `certscan lint` of one certificate, process start included,
 * as a CA's issuance pipeline would call it (pkilint's CLI takes about 1.6 s).
 *
 *   bench_latency [--runs N] [--] CERTSCAN [ARGS...]
 *   bench_latency build/certscan lint corpora/roots/ISRG_Root_X1.crt
 *
 * Runs the command N times (default 200) with stdout and stderr to /dev/null, after 5 warm-up
 * runs, and prints the wall-clock median, 95th percentile, minimum and maximum in milliseconds,
 * the child's CPU time (user + system), and the median against the 5 ms target. Exit status 0, or 2
 * when the command cannot be run.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define TARGET_MS 5.0

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One run; returns its wall time, or -1 when it could not run or was killed; *cpu gets its
 * user + system CPU time (steadier than wall time on a loaded machine). */
static double run_once(char **argv, double *cpu) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    double t0 = now_ms();
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        return -1;
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status)) {
        return -1;
    }
    double wall = now_ms() - t0;
    *cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    return wall;
}

int main(int argc, char **argv) {
    int runs = 200, first = 1;
    if (argc > 2 && strcmp(argv[1], "--runs") == 0) {
        runs = atoi(argv[2]);
        first = 3;
    }
    if (first < argc && strcmp(argv[first], "--") == 0) {
        first++;
    }
    if (first >= argc || runs < 1) {
        fprintf(stderr, "usage: bench_latency [--runs N] [--] CERTSCAN [ARGS...]\n");
        return 2;
    }
    char **cmd = argv + first;
    double cpu_one;
    for (int i = 0; i < 5; i++) {
        if (run_once(cmd, &cpu_one) < 0) {
            fprintf(stderr, "bench_latency: cannot run %s\n", cmd[0]);
            return 2;
        }
    }
    double *t = malloc((size_t)runs * sizeof *t);
    double *cpu = malloc((size_t)runs * sizeof *cpu);
    if (t == NULL || cpu == NULL) {
        return 2;
    }
    for (int i = 0; i < runs; i++) {
        if ((t[i] = run_once(cmd, &cpu[i])) < 0) {
            fprintf(stderr, "bench_latency: run %d failed\n", i);
            return 2;
        }
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
    double median = t[runs / 2], p95 = t[(int)(0.95 * (runs - 1))];
    printf("command:");
    for (char **a = cmd; *a != NULL; a++) {
        printf(" %s", *a);
    }
    printf("\nruns: %d (after 5 warm-up runs)\n", runs);
    printf("wall ms: median %.2f  p95 %.2f  min %.2f  max %.2f\n", median, p95, t[0], t[runs - 1]);
    printf("cpu ms (user + system): median %.2f  p95 %.2f  min %.2f\n", cpu[runs / 2],
           cpu[(int)(0.95 * (runs - 1))], cpu[0]);
    double load[1];
    if (getloadavg(load, 1) == 1) {
        printf("load average: %.2f (wall times grow with it; CPU times much less)\n", load[0]);
    }
    printf("target: median under %.0f ms: %s (%.1fx %s)\n", TARGET_MS,
           median < TARGET_MS ? "met" : "NOT met",
           median < TARGET_MS ? TARGET_MS / median : median / TARGET_MS,
           median < TARGET_MS ? "headroom" : "over");
    free(t);
    free(cpu);
    return 0;
}
