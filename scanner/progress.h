/* The progress line on stderr: entries, rate, bytes read and, when the total input size is
 * known, percent and time left. A thread of its own samples the scan a few times a second, so
 * the scan itself never pays for it beyond the counters it keeps anyway (one per stage thread,
 * written once per batch, never a shared counter per entry).
 *
 * On a terminal the line is redrawn in place four times a second and cleared at the end;
 * elsewhere (when forced with --progress) one line is written per second and a last one at the
 * end, so logs stay readable.
 */
#ifndef CS_PROGRESS_H
#define CS_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

typedef struct cs_progress cs_progress;

typedef struct cs_progress_sample {
    uint64_t entries; /* entries delivered */
    uint64_t bytes;   /* input bytes read */
} cs_progress_sample;

typedef void (*cs_progress_sample_fn)(void *ctx, cs_progress_sample *out);

/* `tty`: redraw one line in place. NULL when memory ran out. */
cs_progress *cs_progress_new(FILE *out, int tty);
void cs_progress_free(cs_progress *p);
/* The inputs' total size, once known (percent and ETA appear then). */
void cs_progress_set_total(cs_progress *p, uint64_t total_bytes);
/* Starts the sampling thread; 0 when it cannot be started (the scan goes on without it). */
int cs_progress_start(cs_progress *p, cs_progress_sample_fn sample, void *ctx);
/* Stops it, after a last sample. */
void cs_progress_stop(cs_progress *p);
/* Around any other write to the same stream: takes the line off the screen first. */
void cs_progress_lock(cs_progress *p);
void cs_progress_unlock(cs_progress *p);

/* Formats one progress line (without line end) into buf: exposed for tests. */
void cs_progress_format(char *buf, size_t len, const cs_progress_sample *s, double seconds,
                        uint64_t total_bytes, int total_known);

#endif
