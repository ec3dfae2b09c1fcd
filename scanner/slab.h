/* Zeroed power-of-two blocks carved from large anonymous mappings that the kernel may back with
 * transparent huge pages, recycled by size.
 *
 * The certificate set's 4096 stripes grow by doubling, all at about the same pace: a scan of a
 * few hundred thousand certificates frees and allocates tens of thousands of small tables.
 * From malloc, each new table lands on fresh heap pages, and on the virtual machines certscan
 * was measured on a page fault costs 10 to 40 microseconds: the set's growth was half of a
 * scan's page faults. Blocks from 2 MiB-aligned regions with MADV_HUGEPAGE fault once per huge
 * page instead, and a stripe's old table goes to the next stripe that grows to that size. */
#ifndef CS_SLAB_H
#define CS_SLAB_H

#include <pthread.h>
#include <stddef.h>

#define CS_SLAB_CLASSES 40

typedef struct cs_slab {
    pthread_mutex_t lock;
    unsigned char *region; /* the region blocks are carved from */
    size_t used, size;
    void *free_block[CS_SLAB_CLASSES]; /* per log2 of the size: freed blocks, linked */
    void **regions;                    /* every mapping, for cs_slab_destroy */
    size_t *region_size;
    size_t num_regions, cap_regions;
} cs_slab;

void cs_slab_init(cs_slab *s);
/* Frees every mapping. */
void cs_slab_destroy(cs_slab *s);
/* A zeroed block of `bytes`, a power of two of at least 16; NULL when memory ran out.
 * Thread-safe. */
void *cs_slab_alloc(cs_slab *s, size_t bytes);
/* Returns a block of `bytes` (as allocated) for reuse. Thread-safe. */
void cs_slab_free(cs_slab *s, void *block, size_t bytes);

#endif
