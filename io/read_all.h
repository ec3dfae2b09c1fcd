/* Reading a whole file descriptor into one malloc'd buffer.
 *
 * This is the reading half of an input; the framing half (io/framer.h) only sees a buffer, so a
 * streaming reader can later replace this one without touching it.
 */
#ifndef CS_IO_READ_ALL_H
#define CS_IO_READ_ALL_H

#include <stddef.h>
#include <stdint.h>

/* Reads fd to its end. `size_hint` is the expected size (a regular file's st_size) or 0.
 * Returns 1 on success, or 0 with *out_errno set; in both cases *out_buf and *out_len hold the
 * bytes read (on failure, those before the error), *out_buf may be NULL when nothing was read,
 * and the caller frees it. */
int cs_read_all(int fd, uint64_t size_hint, uint8_t **out_buf, size_t *out_len, int *out_errno);

#endif
