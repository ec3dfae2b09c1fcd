#include "scanner/progress.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct cs_progress {
    FILE *out;
    int tty;
    pthread_mutex_t mu; /* the line on screen and the stop flag */
    pthread_cond_t wake;
    pthread_t thread;
    int running;
    int stop;
    int drawn; /* a line is on the terminal */
    cs_progress_sample_fn sample;
    void *ctx;
    struct timespec start;
    atomic_uint_fast64_t total;
    atomic_int total_known;
};

cs_progress *cs_progress_new(FILE *out, int tty) {
    cs_progress *p = calloc(1, sizeof *p);
    if (p == NULL) {
        return NULL;
    }
    p->out = out;
    p->tty = tty;
    atomic_init(&p->total, 0);
    atomic_init(&p->total_known, 0);
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0) {
        free(p);
        return NULL;
    }
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    int ok = pthread_cond_init(&p->wake, &attr) == 0;
    pthread_condattr_destroy(&attr);
    if (!ok) {
        free(p);
        return NULL;
    }
    if (pthread_mutex_init(&p->mu, NULL) != 0) {
        pthread_cond_destroy(&p->wake);
        free(p);
        return NULL;
    }
    return p;
}

void cs_progress_free(cs_progress *p) {
    if (p == NULL) {
        return;
    }
    if (p->running) {
        cs_progress_stop(p);
    }
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

void cs_progress_set_total(cs_progress *p, uint64_t total_bytes) {
    atomic_store(&p->total, total_bytes);
    atomic_store(&p->total_known, 1);
}

static void cs_progress_size(char *buf, size_t len, double v) {
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    size_t u = 0;
    while (v >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
        v /= 1024;
        u++;
    }
    snprintf(buf, len, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
}

static void cs_progress_count(char *buf, size_t len, double v) {
    if (v >= 1e6) {
        snprintf(buf, len, "%.2fM", v / 1e6);
    } else if (v >= 1e4) {
        snprintf(buf, len, "%.1fk", v / 1e3);
    } else {
        snprintf(buf, len, "%.0f", v);
    }
}

void cs_progress_format(char *buf, size_t len, const cs_progress_sample *s, double seconds,
                        uint64_t total_bytes, int total_known) {
    char rate[32], read[32];
    cs_progress_count(rate, sizeof rate, seconds > 0 ? (double)s->entries / seconds : 0);
    cs_progress_size(read, sizeof read, (double)s->bytes);
    int n = snprintf(buf, len, "certscan: %llu entries, %s/s, %s read",
                     (unsigned long long)s->entries, rate, read);
    if (n < 0 || (size_t)n >= len || !total_known || total_bytes == 0) {
        return;
    }
    uint64_t done = s->bytes < total_bytes ? s->bytes : total_bytes;
    double frac = (double)done / (double)total_bytes;
    char total[32];
    cs_progress_size(total, sizeof total, (double)total_bytes);
    n += snprintf(buf + n, len - (size_t)n, " of %s, %.0f%%", total, frac * 100);
    if ((size_t)n < len && frac > 0 && frac < 1) {
        unsigned long long left = (unsigned long long)(seconds * (1 - frac) / frac + 0.5);
        snprintf(buf + n, len - (size_t)n, ", ETA %llu:%02llu:%02llu", left / 3600, left / 60 % 60,
                 left % 60);
    }
}

static double cs_progress_elapsed(const cs_progress *p) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - p->start.tv_sec) + (double)(now.tv_nsec - p->start.tv_nsec) * 1e-9;
}

/* Called with p->mu held. */
static void cs_progress_draw(cs_progress *p) {
    cs_progress_sample s = {0, 0};
    p->sample(p->ctx, &s);
    char line[256];
    cs_progress_format(line, sizeof line, &s, cs_progress_elapsed(p), atomic_load(&p->total),
                       atomic_load(&p->total_known));
    if (p->tty) {
        fprintf(p->out, "\r%s\033[K", line);
        p->drawn = 1;
    } else {
        fprintf(p->out, "%s\n", line);
    }
    fflush(p->out);
}

static void *cs_progress_main(void *arg) {
    cs_progress *p = arg;
    long interval_ns = p->tty ? 250000000L : 1000000000L;
    pthread_mutex_lock(&p->mu);
    struct timespec next = p->start;
    while (!p->stop) {
        next.tv_nsec += interval_ns;
        while (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            next.tv_sec++;
        }
        int rc = 0;
        while (!p->stop && rc != ETIMEDOUT) {
            rc = pthread_cond_timedwait(&p->wake, &p->mu, &next);
        }
        if (!p->stop) {
            cs_progress_draw(p);
        }
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

int cs_progress_start(cs_progress *p, cs_progress_sample_fn sample, void *ctx) {
    p->sample = sample;
    p->ctx = ctx;
    p->stop = 0;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->running = pthread_create(&p->thread, NULL, cs_progress_main, p) == 0;
    return p->running;
}

void cs_progress_stop(cs_progress *p) {
    if (!p->running) {
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    p->running = 0;
    pthread_mutex_lock(&p->mu);
    if (p->tty) {
        if (p->drawn) {
            fputs("\r\033[K", p->out);
            fflush(p->out);
            p->drawn = 0;
        }
    } else {
        cs_progress_draw(p);
    }
    pthread_mutex_unlock(&p->mu);
}

void cs_progress_lock(cs_progress *p) {
    pthread_mutex_lock(&p->mu);
    if (p->drawn) {
        fputs("\r\033[K", p->out);
        p->drawn = 0;
    }
}

void cs_progress_unlock(cs_progress *p) {
    fflush(p->out);
    pthread_mutex_unlock(&p->mu);
}
