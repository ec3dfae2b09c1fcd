/* Scratch memory for one certificate's strings and extension values: reset per certificate,
 * never freed piecemeal. Running out is reported once (`failed`) rather than per call. */
#ifndef CS_GEN_ARENA_H
#define CS_GEN_ARENA_H

#include <stddef.h>
#include <stdint.h>

#define GEN_ARENA_SIZE 32768

typedef struct gen_arena {
    size_t used;
    int failed;
    uint8_t buf[GEN_ARENA_SIZE];
} gen_arena;

void gen_arena_reset(gen_arena *a);
void *gen_arena_alloc(gen_arena *a, size_t n);
/* printf into the arena; returns the string ("" once the arena is full). */
const char *gen_arena_printf(gen_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *gen_arena_strdup(gen_arena *a, const char *s);

#endif
