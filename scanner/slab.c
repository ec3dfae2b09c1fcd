#include "scanner/slab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CS_SLAB_HUGE   ((size_t)2 << 20)
#define CS_SLAB_REGION ((size_t)8 << 20)

void cs_slab_init(cs_slab *s) {
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
}

void cs_slab_destroy(cs_slab *s) {
    for (size_t i = 0; i < s->num_regions; i++) {
        munmap(s->regions[i], s->region_size[i]);
    }
    free(s->regions);
    free(s->region_size);
    pthread_mutex_destroy(&s->lock);
    memset(s, 0, sizeof *s);
}

static unsigned cs_slab_class(size_t bytes) {
    return (unsigned)__builtin_ctzll((unsigned long long)bytes);
}

/* A new region of at least `bytes`, aligned to the huge page size so that the kernel can back
 * it with huge pages from its first octet. */
static int cs_slab_grow(cs_slab *s, size_t bytes) {
    size_t size = bytes > CS_SLAB_REGION ? bytes : CS_SLAB_REGION;
    size = (size + CS_SLAB_HUGE - 1) & ~(CS_SLAB_HUGE - 1);
    if (s->num_regions == s->cap_regions) {
        size_t cap = s->cap_regions ? s->cap_regions * 2 : 16;
        void **regions = realloc(s->regions, cap * sizeof *regions);
        if (regions == NULL) {
            return 0;
        }
        s->regions = regions;
        size_t *sizes = realloc(s->region_size, cap * sizeof *sizes);
        if (sizes == NULL) {
            return 0;
        }
        s->region_size = sizes;
        s->cap_regions = cap;
    }
    /* Map one huge page more than needed and cut the ends off to align the middle. */
    size_t span = size + CS_SLAB_HUGE;
    unsigned char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        return 0;
    }
    uintptr_t at = ((uintptr_t)p + CS_SLAB_HUGE - 1) & ~(uintptr_t)(CS_SLAB_HUGE - 1);
    unsigned char *start = (unsigned char *)at;
    if (start > p) {
        munmap(p, (size_t)(start - p));
    }
    size_t tail = (size_t)(p + span - (start + size));
    if (tail > 0) {
        munmap(start + size, tail);
    }
#ifdef MADV_HUGEPAGE
    /* A hint: where transparent huge pages are off, the region is ordinary pages. */
    (void)madvise(start, size, MADV_HUGEPAGE);
#endif
    s->regions[s->num_regions] = start;
    s->region_size[s->num_regions] = size;
    s->num_regions++;
    s->region = start;
    s->used = 0;
    s->size = size;
    return 1;
}

void *cs_slab_alloc(cs_slab *s, size_t bytes) {
    unsigned c = cs_slab_class(bytes);
    if (c >= CS_SLAB_CLASSES || bytes < 16 || (bytes & (bytes - 1)) != 0) {
        return NULL;
    }
    void *block = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->free_block[c] != NULL) {
        block = s->free_block[c];
        s->free_block[c] = *(void **)block;
        pthread_mutex_unlock(&s->lock);
        /* Recycled: zero it as calloc would (fresh mappings are zero already). */
        memset(block, 0, bytes);
        return block;
    }
    /* Blocks are carved in size order within a region, each aligned to its own size as long
     * as sizes only grow; round up regardless, so alignment never depends on the history. */
    size_t at = (s->used + bytes - 1) & ~(bytes - 1);
    if (s->region == NULL || at + bytes > s->size) {
        if (!cs_slab_grow(s, bytes)) {
            pthread_mutex_unlock(&s->lock);
            return NULL;
        }
        at = 0;
    }
    block = s->region + at;
    s->used = at + bytes;
    pthread_mutex_unlock(&s->lock);
    return block;
}

void cs_slab_free(cs_slab *s, void *block, size_t bytes) {
    if (block == NULL) {
        return;
    }
    unsigned c = cs_slab_class(bytes);
    pthread_mutex_lock(&s->lock);
    *(void **)block = s->free_block[c];
    s->free_block[c] = block;
    pthread_mutex_unlock(&s->lock);
}
