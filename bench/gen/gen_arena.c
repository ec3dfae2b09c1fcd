#include "bench/gen/gen_arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void gen_arena_reset(gen_arena *a) {
    a->used = 0;
    a->failed = 0;
}

void *gen_arena_alloc(gen_arena *a, size_t n) {
    size_t at = (a->used + 7) & ~(size_t)7;
    if (at + n > GEN_ARENA_SIZE) {
        a->failed = 1;
        return NULL;
    }
    a->used = at + n;
    return a->buf + at;
}

const char *gen_arena_printf(gen_arena *a, const char *fmt, ...) {
    char *out = (char *)a->buf + a->used;
    size_t room = GEN_ARENA_SIZE - a->used;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= room) {
        a->failed = 1;
        return "";
    }
    a->used += (size_t)n + 1;
    return out;
}

const char *gen_arena_strdup(gen_arena *a, const char *s) {
    size_t n = strlen(s) + 1;
    char *out = gen_arena_alloc(a, n);
    if (out == NULL) {
        return "";
    }
    memcpy(out, s, n);
    return out;
}
