/* The slab behind the certificate set: zeroed blocks, recycled by size, never overlapping. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "scanner/slab.h"

static int cs_test_all_zero(const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0) {
            return 0;
        }
    }
    return 1;
}

Test(slab, blocks_are_zeroed_aligned_disjoint_and_recycled) {
    cs_slab s;
    cs_slab_init(&s);
    enum { N = 3000 };
    static unsigned char *block[N];
    static size_t size[N];
    for (size_t i = 0; i < N; i++) {
        size[i] = (size_t)16 << (i % 10); /* 16 B .. 8 KiB, interleaved */
        block[i] = cs_slab_alloc(&s, size[i]);
        cr_assert_not_null(block[i]);
        cr_assert_eq((uintptr_t)block[i] % size[i], 0, "block %zu misaligned", i);
        cr_assert(cs_test_all_zero(block[i], size[i]), "block %zu not zeroed", i);
        memset(block[i], (int)(i % 251) + 1, size[i]);
    }
    /* Every block still holds its own pattern: none overlaps another. */
    for (size_t i = 0; i < N; i++) {
        for (size_t k = 0; k < size[i]; k++) {
            cr_assert_eq(block[i][k], (unsigned char)(i % 251) + 1, "block %zu overwritten", i);
        }
    }
    /* Freed blocks come back, zeroed, for the same size. */
    cs_slab_free(&s, block[7], size[7]);
    unsigned char *again = cs_slab_alloc(&s, size[7]);
    cr_expect_eq(again, block[7]);
    cr_expect(cs_test_all_zero(again, size[7]));
    /* A block larger than a region gets a region of its own. */
    size_t big = (size_t)16 << 20;
    unsigned char *large = cs_slab_alloc(&s, big);
    cr_assert_not_null(large);
    cr_expect(large[0] == 0 && large[big - 1] == 0);
    large[big - 1] = 1;
    cr_expect_null(cs_slab_alloc(&s, 24), "not a power of two");
    cs_slab_destroy(&s);
}
