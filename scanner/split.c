#include "scanner/split.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/framer.h"
#include "io/split.h"

/* Where a range starts in the file's numbering. */
typedef struct cs_split_base {
    uint64_t index; /* entries before the range */
    uint64_t line;  /* newlines before the range */
    uint64_t seq;   /* chunks before the range */
} cs_split_base;

struct cs_split {
    atomic_uint refs;
    cs_input_format format;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    /* Under mu: ranges 0 .. ready-1 are read, and `next` is where range `ready` starts. */
    unsigned ready;
    cs_split_base next;
    uint64_t bytes, skipped; /* of the ranges read */
    int abandoned;           /* a range will never be read: nothing after it is delivered */
};

static cs_split *cs_split_new(cs_input_format format) {
    cs_split *s = calloc(1, sizeof *s);
    if (s == NULL) {
        return NULL;
    }
    if (pthread_mutex_init(&s->mu, NULL) != 0) {
        free(s);
        return NULL;
    }
    if (pthread_cond_init(&s->cv, NULL) != 0) {
        pthread_mutex_destroy(&s->mu);
        free(s);
        return NULL;
    }
    atomic_init(&s->refs, 1);
    s->format = format;
    return s;
}

void cs_split_unref(cs_split *s) {
    if (s != NULL && atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1) {
        pthread_cond_destroy(&s->cv);
        pthread_mutex_destroy(&s->mu);
        free(s);
    }
}

/* ---- planning, on the walker ---- */

/* The format one reader would frame the file with, when that allows cuts; AUTO otherwise. */
static cs_input_format cs_split_format(const char *path, const cs_scan_options *opt) {
    cs_input_config probe = opt->input;
    probe.read_size = CS_DETECT_SPAN;
    char err[256];
    cs_input *in = cs_input_open_with(path, opt->format, &probe, err, sizeof err);
    if (in == NULL) {
        return CS_INPUT_AUTO; /* the reader reports it */
    }
    cs_input_format format = cs_input_get_format(in);
    int plain = strcmp(cs_input_compression(in), "plain") == 0;
    cs_input_close(in);
    return plain && (format == CS_INPUT_PEM || format == CS_INPUT_BASE64_LINES) ? format
                                                                                : CS_INPUT_AUTO;
}

int cs_split_file(const char *path, uint64_t no, const cs_scan_options *opt, uint64_t split_size,
                  cs_split_push_fn push, void *ctx, int *stopped) {
    *stopped = 0;
    struct stat st;
    if (split_size == 0 || strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        (uint64_t)st.st_size < split_size) {
        return 0;
    }
    uint64_t size = (uint64_t)st.st_size;
    uint64_t range = split_size < CS_SPLIT_RANGE ? split_size : CS_SPLIT_RANGE;
    cs_input_format format = cs_split_format(path, opt);
    if (format == CS_INPUT_AUTO) {
        return 0;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    uint64_t cut = cs_split_boundary(fd, format, range, size);
    cs_split *sp = cut < size ? cs_split_new(format) : NULL;
    if (sp == NULL) {
        close(fd);
        return 0;
    }
    uint64_t start = 0;
    for (unsigned k = 0;; k++) {
        cs_scan_file *f = cs_scan_file_new(path, no, NULL);
        if (f == NULL) {
            *stopped = 1;
            break;
        }
        atomic_fetch_add_explicit(&sp->refs, 1, memory_order_relaxed);
        f->split = sp;
        f->range = k;
        f->start = start;
        f->length = cut - start;
        f->last_range = cut == size;
        if (!push(ctx, f)) {
            *stopped = 1;
            break;
        }
        if (cut == size) {
            break;
        }
        start = cut;
        cut = cs_split_boundary(fd, format, start + range, size);
    }
    close(fd);
    cs_split_unref(sp);
    return 1;
}

/* ---- reading a range ---- */

/* Waits until the range's start is known: 1 with *base set, 0 if it never will be. */
static int cs_split_wait(cs_split *sp, unsigned range, cs_split_base *base) {
    pthread_mutex_lock(&sp->mu);
    while (sp->ready != range && !sp->abandoned) {
        pthread_cond_wait(&sp->cv, &sp->mu);
    }
    int ok = sp->ready == range;
    *base = sp->next;
    pthread_mutex_unlock(&sp->mu);
    return ok;
}

static int cs_split_known(cs_split *sp, unsigned range, cs_split_base *base) {
    pthread_mutex_lock(&sp->mu);
    int ok = sp->ready == range;
    *base = sp->next;
    pthread_mutex_unlock(&sp->mu);
    return ok;
}

void cs_split_abandon(cs_scan_file *file) {
    cs_split *sp = file->split;
    pthread_mutex_lock(&sp->mu);
    sp->abandoned = 1;
    pthread_cond_broadcast(&sp->cv);
    pthread_mutex_unlock(&sp->mu);
}

/* Renumbers a chunk of the range into the file's numbering. */
static void cs_split_renumber(cs_chunk *c, const cs_split_base *base) {
    c->seq += base->seq;
    for (unsigned i = 0; i < c->n; i++) {
        c->entry[i].index += base->index;
        if (c->entry[i].line != 0) {
            c->entry[i].line += base->line;
        }
    }
}

typedef struct cs_split_reading {
    cs_split *sp;
    const cs_split_ops *ops;
    unsigned range;
    int known;
    cs_split_base base;
    size_t parked;
    uint64_t seq; /* chunks of the range so far */
} cs_split_reading;

/* Renumbers the parked chunks and hands them on, in order. */
static void cs_split_release(cs_split_reading *rd) {
    for (size_t i = 0; i < rd->parked; i++) {
        cs_split_renumber(rd->ops->parked[i], &rd->base);
        rd->ops->push(rd->ops->ctx, rd->ops->parked[i]);
    }
    rd->parked = 0;
}

/* Waits for the range's start, then hands the parked chunks on. 0 if it never comes. */
static int cs_split_settle(cs_split_reading *rd) {
    if (!rd->known) {
        if (!cs_split_wait(rd->sp, rd->range, &rd->base)) {
            return 0;
        }
        rd->known = 1;
    }
    cs_split_release(rd);
    return 1;
}

/* A filled chunk: on to the workers when the range's start is known, parked otherwise. Returns
 * the next empty chunk, or NULL when the scan is stopping. */
static cs_chunk *cs_split_hand_on(cs_split_reading *rd, cs_chunk *c) {
    rd->seq++;
    if (!rd->known && cs_split_known(rd->sp, rd->range, &rd->base)) {
        rd->known = 1;
        cs_split_release(rd);
    }
    if (rd->known) {
        cs_split_renumber(c, &rd->base);
        rd->ops->push(rd->ops->ctx, c);
        return rd->ops->take(rd->ops->ctx);
    }
    rd->ops->parked[rd->parked++] = c;
    cs_chunk *e = rd->ops->try_take(rd->ops->ctx);
    if (e != NULL) {
        return e;
    }
    /* Every chunk is parked or out: nothing to do until the range before is read. */
    if (!cs_split_settle(rd)) {
        return NULL;
    }
    return rd->ops->take(rd->ops->ctx);
}

/* The scan is stopping: parked chunks go back unsent, and later ranges learn of it. */
static void cs_split_stop(cs_split_reading *rd, cs_scan_file *file) {
    for (size_t i = 0; i < rd->parked; i++) {
        cs_chunk_release(rd->ops->parked[i]);
        rd->ops->give_back(rd->ops->ctx, rd->ops->parked[i]);
    }
    rd->parked = 0;
    cs_split_abandon(file);
}

static const char *cs_split_strip_path(const char *message, const char *path) {
    size_t n = strlen(path);
    if (strncmp(message, path, n) == 0 && message[n] == ':' && message[n + 1] == ' ') {
        return message + n + 2;
    }
    return message;
}

int cs_split_read(cs_reader *r, cs_scan_file *file, cs_chunk **cur, const cs_split_ops *ops) {
    cs_split_reading rd = {.sp = file->split, .ops = ops, .range = file->range};
    cs_chunk *c = *cur;
    cs_chunk_start(c, file, 0);
    uint64_t entries = 0, newlines = 0, bytes = 0, skipped = 0;
    char err[512];
    cs_input *in = cs_input_open_range(file->path, rd.sp->format, &r->opt->input, file->start,
                                       file->length, err, sizeof err);
    if (in == NULL) {
        /* Opened once already, so this is rare (the file went away, no descriptor left): one
         * rejection stands for the range. Its newlines are unknown, so later lines are off. */
        char detail[CS_CHUNK_DETAIL];
        snprintf(detail, sizeof detail, "reading bytes %llu to %llu failed: %s",
                 (unsigned long long)file->start, (unsigned long long)(file->start + file->length),
                 cs_split_strip_path(err, file->path));
        cs_raw_entry raw = {.status = CS_ENTRY_READ_ERROR,
                            .input = file->path,
                            .offset = file->start,
                            .detail = detail};
        cs_chunk_add(c, &raw);
        entries = 1;
    } else {
        cs_raw_entry raw;
        while (cs_input_next_raw(in, &raw)) {
            if (!cs_chunk_add(c, &raw)) {
                atomic_store_explicit(&r->bytes, r->bytes_done + cs_input_bytes_read(in),
                                      memory_order_relaxed);
                c = cs_split_hand_on(&rd, c);
                if (c == NULL) {
                    cs_input_close(in);
                    cs_split_stop(&rd, file);
                    *cur = NULL;
                    return 0;
                }
                cs_chunk_start(c, file, rd.seq);
                cs_chunk_add(c, &raw);
            }
        }
        entries = cs_input_entries(in);
        newlines = cs_input_newlines(in);
        bytes = cs_input_bytes_read(in);
        skipped = cs_input_skipped_blocks(in);
        cs_input_close(in);
    }
    r->bytes_done += bytes;
    atomic_store_explicit(&r->bytes, r->bytes_done, memory_order_relaxed);
    if (!cs_split_settle(&rd)) {
        cs_chunk_release(c);
        ops->give_back(ops->ctx, c);
        cs_split_stop(&rd, file);
        *cur = NULL;
        return 0;
    }
    /* The file's last chunk closes it even when empty; other ranges send theirs only when it
     * holds entries. */
    int send = file->last_range || c->n > 0;
    cs_split *sp = rd.sp;
    pthread_mutex_lock(&sp->mu);
    sp->next.index += entries;
    sp->next.line += newlines;
    sp->next.seq += rd.seq + (send ? 1 : 0);
    sp->bytes += bytes;
    sp->skipped += skipped;
    sp->ready++;
    if (file->last_range) {
        file->bytes = sp->bytes;
        file->skipped = sp->skipped;
    }
    pthread_cond_broadcast(&sp->cv);
    pthread_mutex_unlock(&sp->mu);
    if (send) {
        c->last = file->last_range;
        cs_split_renumber(c, &rd.base);
        ops->push(ops->ctx, c);
        c = ops->take(ops->ctx);
    }
    *cur = c;
    return c != NULL;
}
