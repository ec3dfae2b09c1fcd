#include "scanner/smalg_factor.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CS_SF_X86 1
#endif

/* Primes below 752 (zlint's e_rsa_mod_factors_smaller_than_752, pkilint's
 * cabf.rsa_modulus_has_small_prime_factor), grouped so that each group's product is below
 * 2^29: a residue modulo the product then takes 32-by-32-bit multiply-adds into 64-bit lanes,
 * which AVX2 does four at a time, and one remainder per prime at the end. */
#define CS_SF_GROUPS 40
static const struct {
    uint32_t product;
    uint16_t primes[9];
} cs_sf_groups[CS_SF_GROUPS] = {
    {223092870u, {2, 3, 5, 7, 11, 13, 17, 19, 23}},
    {58642669u, {29, 31, 37, 41, 43}},
    {8965109u, {47, 53, 59, 61}},
    {27433619u, {67, 71, 73, 79}},
    {72370439u, {83, 89, 97, 101}},
    {135745657u, {103, 107, 109, 113}},
    {316818391u, {127, 131, 137, 139}},
    {3532343u, {149, 151, 157}},
    {4709233u, {163, 167, 173}},
    {6188209u, {179, 181, 191}},
    {7566179u, {193, 197, 199}},
    {10681031u, {211, 223, 227}},
    {12752323u, {229, 233, 239}},
    {15546187u, {241, 251, 257}},
    {19172437u, {263, 269, 271}},
    {22027871u, {277, 281, 283}},
    {27974761u, {293, 307, 311}},
    {32842151u, {313, 317, 331}},
    {40811711u, {337, 347, 349}},
    {46508809u, {353, 359, 367}},
    {54143561u, {373, 379, 383}},
    {61927633u, {389, 397, 401}},
    {72147191u, {409, 419, 421}},
    {81927497u, {431, 433, 439}},
    {90900499u, {443, 449, 457}},
    {99677881u, {461, 463, 467}},
    {114537043u, {479, 487, 491}},
    {127757473u, {499, 503, 509}},
    {147413303u, {521, 523, 541}},
    {171534277u, {547, 557, 563}},
    {187466723u, {569, 571, 577}},
    {208506509u, {587, 593, 599}},
    {223626691u, {601, 607, 613}},
    {240993413u, {617, 619, 631}},
    {266669461u, {641, 643, 647}},
    {284446147u, {653, 659, 661}},
    {311189143u, {673, 677, 683}},
    {343433219u, {691, 701, 709}},
    {383148629u, {719, 727, 733}},
    {412356827u, {739, 743, 751}},
};

/* 32-bit limbs: moduli up to 4096 bits take the table path, longer ones the octet loop. */
#define CS_SF_MAX_LIMBS 128
/* With m the largest product (412356827), a limb times a power is below 2^32 m, and so is a
 * folded lane (hi * (2^32 mod m) + lo): a 64-bit lane holds a fold and k products while
 * (k + 1) 2^32 m < 2^64, that is k + 1 <= 10. */
#define CS_SF_FOLD_EVERY 9

/* cs_sf_pow[i][g] = 2^(32 i) mod product g, limb-major so one limb meets every group in a row.
 * Built on first use rather than at load time: a process that lints no RSA key (and every
 * process's start-up) does not pay the 20 KB of page faults. */
static uint32_t cs_sf_pow[CS_SF_MAX_LIMBS][CS_SF_GROUPS];
static pthread_once_t cs_sf_pow_once = PTHREAD_ONCE_INIT;

static void cs_sf_build_pows(void) {
    for (size_t g = 0; g < CS_SF_GROUPS; g++) {
        uint64_t m = cs_sf_groups[g].product;
        uint64_t v = 1 % m;
        for (size_t i = 0; i < CS_SF_MAX_LIMBS; i++) {
            cs_sf_pow[i][g] = (uint32_t)v;
            v = (v << 32) % m;
        }
    }
}

/* Residues congruent to the modulus per group (not yet reduced), portable C. */
static void cs_sf_sums_scalar(const uint32_t *limbs, size_t n, uint64_t *acc) {
    memset(acc, 0, CS_SF_GROUPS * sizeof *acc);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && i % CS_SF_FOLD_EVERY == 0) {
            for (size_t g = 0; g < CS_SF_GROUPS; g++) {
                acc[g] = (acc[g] >> 32) * cs_sf_pow[1][g] + (acc[g] & 0xffffffffu);
            }
        }
        for (size_t g = 0; g < CS_SF_GROUPS; g++) {
            acc[g] += (uint64_t)limbs[i] * cs_sf_pow[i][g];
        }
    }
}

#ifdef CS_SF_X86
#define CS_SF_LANES 4
#define CS_SF_VECS  (CS_SF_GROUPS / CS_SF_LANES)

/* The same sums, four groups per register and all ten registers live across the limbs. */
__attribute__((target("avx2"))) static void cs_sf_sums_avx2(const uint32_t *limbs, size_t n,
                                                            uint64_t *out) {
    __m256i acc[CS_SF_VECS], fold[CS_SF_VECS];
    const __m256i low32 = _mm256_set1_epi64x(0xffffffff);
    for (size_t v = 0; v < CS_SF_VECS; v++) {
        acc[v] = _mm256_setzero_si256();
        fold[v] = _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)&cs_sf_pow[1][4 * v]));
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && i % CS_SF_FOLD_EVERY == 0) {
            for (size_t v = 0; v < CS_SF_VECS; v++) {
                __m256i hi = _mm256_mul_epu32(_mm256_srli_epi64(acc[v], 32), fold[v]);
                acc[v] = _mm256_add_epi64(hi, _mm256_and_si256(acc[v], low32));
            }
        }
        const __m256i limb = _mm256_set1_epi64x((long long)limbs[i]);
        const uint32_t *row = cs_sf_pow[i];
        for (size_t v = 0; v < CS_SF_VECS; v++) {
            __m256i pw = _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)&row[4 * v]));
            acc[v] = _mm256_add_epi64(acc[v], _mm256_mul_epu32(limb, pw));
        }
    }
    for (size_t v = 0; v < CS_SF_VECS; v++) {
        _mm256_storeu_si256((__m256i *)&out[4 * v], acc[v]);
    }
}
_Static_assert(CS_SF_GROUPS % CS_SF_LANES == 0, "groups fill whole AVX2 registers");

#define CS_SF_VECS512 (CS_SF_GROUPS / 8)

/* Eight groups per register: half the multiply-adds of AVX2 where the CPU has AVX-512. */
__attribute__((target("avx512f"))) static void cs_sf_sums_avx512(const uint32_t *limbs, size_t n,
                                                                 uint64_t *out) {
    __m512i acc[CS_SF_VECS512], fold[CS_SF_VECS512];
    const __m512i low32 = _mm512_set1_epi64(0xffffffff);
    for (size_t v = 0; v < CS_SF_VECS512; v++) {
        acc[v] = _mm512_setzero_si512();
        fold[v] = _mm512_cvtepu32_epi64(_mm256_loadu_si256((const __m256i *)&cs_sf_pow[1][8 * v]));
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && i % CS_SF_FOLD_EVERY == 0) {
            for (size_t v = 0; v < CS_SF_VECS512; v++) {
                __m512i hi = _mm512_mul_epu32(_mm512_srli_epi64(acc[v], 32), fold[v]);
                acc[v] = _mm512_add_epi64(hi, _mm512_and_si512(acc[v], low32));
            }
        }
        const __m512i limb = _mm512_set1_epi64((long long)limbs[i]);
        const uint32_t *row = cs_sf_pow[i];
        for (size_t v = 0; v < CS_SF_VECS512; v++) {
            __m512i pw = _mm512_cvtepu32_epi64(_mm256_loadu_si256((const __m256i *)&row[8 * v]));
            acc[v] = _mm512_add_epi64(acc[v], _mm512_mul_epu32(limb, pw));
        }
    }
    for (size_t v = 0; v < CS_SF_VECS512; v++) {
        _mm512_storeu_si512((void *)&out[8 * v], acc[v]);
    }
}
_Static_assert(CS_SF_GROUPS % 8 == 0, "groups fill whole AVX-512 registers");
#endif

/* Divisibility without division (Granlund and Montgomery): for odd p, x is a multiple of p
 * exactly when x * p^-1 mod 2^64 is at most (2^64 - 1) / p. Filled with the powers table. */
static uint64_t cs_sf_inverse[CS_SF_GROUPS][9], cs_sf_limit[CS_SF_GROUPS][9];

static void cs_sf_build_inverses(void) {
    for (size_t g = 0; g < CS_SF_GROUPS; g++) {
        for (unsigned j = 0; j < 9 && cs_sf_groups[g].primes[j] != 0; j++) {
            uint64_t p = cs_sf_groups[g].primes[j];
            if (p == 2) {
                continue;
            }
            uint64_t inv = p; /* Newton's iteration doubles the correct low bits: 3, 6, ... 96 */
            for (int k = 0; k < 5; k++) {
                inv *= 2 - p * inv;
            }
            cs_sf_inverse[g][j] = inv;
            cs_sf_limit[g][j] = UINT64_MAX / p;
        }
    }
}

static int cs_sf_test_group(uint64_t sum, size_t g, unsigned *out_prime) {
    for (unsigned j = 0; j < 9 && cs_sf_groups[g].primes[j] != 0; j++) {
        unsigned p = cs_sf_groups[g].primes[j];
        int divides = p == 2 ? (sum & 1) == 0 : sum * cs_sf_inverse[g][j] <= cs_sf_limit[g][j];
        if (divides) {
            *out_prime = p;
            return 1;
        }
    }
    return 0;
}

/* -1: not chosen yet; 0: portable C; 1: AVX2; 2: AVX-512. */
static int cs_sf_simd = -1;

static int cs_sf_cpu_level(void) {
#ifdef CS_SF_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        return 2;
    }
    return __builtin_cpu_supports("avx2") ? 1 : 0;
#else
    return 0;
#endif
}

static void cs_sf_init(void) {
    cs_sf_build_pows();
    cs_sf_build_inverses();
    if (__atomic_load_n(&cs_sf_simd, __ATOMIC_RELAXED) < 0) {
        __atomic_store_n(&cs_sf_simd, cs_sf_cpu_level(), __ATOMIC_RELAXED);
    }
}

int cs_smalg_factor_set_simd(int level) {
    pthread_once(&cs_sf_pow_once, cs_sf_init);
    int cpu = cs_sf_cpu_level();
    int chosen = level < cpu ? (level > 0 ? level : 0) : cpu;
    __atomic_store_n(&cs_sf_simd, chosen, __ATOMIC_RELAXED);
    return chosen;
}

int cs_smalg_rsa_small_factor(cs_der modulus, unsigned *out_prime) {
    /* Leading pad octets do not change the value. */
    while (modulus.len > 0 && modulus.ptr[0] == 0) {
        modulus.ptr++;
        modulus.len--;
    }
    if (modulus.len == 0) {
        return 0;
    }
    uint64_t sums[CS_SF_GROUPS];
    size_t n = (modulus.len + 3) / 4;
    if (n <= CS_SF_MAX_LIMBS) {
        pthread_once(&cs_sf_pow_once, cs_sf_init);
        /* Least significant limb first: whole big-endian words from the end, then the top limb
         * from the one to three octets left over. */
        uint32_t limbs[CS_SF_MAX_LIMBS];
        const uint8_t *end = modulus.ptr + modulus.len;
        size_t whole = modulus.len / 4;
        for (size_t i = 0; i < whole; i++) {
            const uint8_t *w = end - 4 * (i + 1);
            limbs[i] = (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 | (uint32_t)w[2] << 8 | w[3];
        }
        if (whole < n) {
            uint32_t v = 0;
            for (const uint8_t *q = modulus.ptr; q < end - 4 * whole; q++) {
                v = v << 8 | *q;
            }
            limbs[whole] = v;
        }
#ifdef CS_SF_X86
        int level = __atomic_load_n(&cs_sf_simd, __ATOMIC_RELAXED);
        if (level == 2) {
            cs_sf_sums_avx512(limbs, n, sums);
        } else if (level == 1) {
            cs_sf_sums_avx2(limbs, n, sums);
        } else {
            cs_sf_sums_scalar(limbs, n, sums);
        }
#else
        cs_sf_sums_scalar(limbs, n, sums);
#endif
    } else {
        for (size_t g = 0; g < CS_SF_GROUPS; g++) {
            uint64_t m = cs_sf_groups[g].product, r = 0;
            for (size_t i = 0; i < modulus.len; i++) {
                r = ((r << 8) | modulus.ptr[i]) % m;
            }
            sums[g] = r;
        }
    }
    for (size_t g = 0; g < CS_SF_GROUPS; g++) {
        if (cs_sf_test_group(sums[g], g, out_prime)) {
            return 1;
        }
    }
    return 0;
}
