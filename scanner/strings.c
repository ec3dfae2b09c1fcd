/* String checks for name attribute values; see strings.h for what each type allows.
 *
 * The work splits in two: an octet-class scan (is every octet in the PrintableString alphabet,
 * is any octet >= 0x80, a C0 control or DEL, a C1 octet), which has scalar, SWAR, SSE2 and AVX2
 * kernels, and the decoding of multi-octet characters (UTF-8 beyond ASCII, BMP, Universal),
 * which is scalar and shared by all of them. Most certificate strings are ASCII, so for them the
 * class scan is the whole check. */
#include "scanner/strings.h"

#include <string.h>

#include "scanner/der.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define CS_STR_X86 1
#else
#define CS_STR_X86 0
#endif

/* Octet classes. */
#define K_NONPRINT 0x01u /* outside the PrintableString alphabet */
#define K_CTRL     0x02u /* 0x00-0x1F or 0x7F */
#define K_HIGH     0x04u /* 0x80-0xFF */
#define K_C1       0x08u /* 0x80-0x9F */
#define K_NONNUM   0x10u /* not a digit or space */

/* PrintableString alphabet: A-Z a-z 0-9 space ' ( ) + , - . / : = ? */
#define CS_PRINTABLE(c)                                                                            \
    (((c) >= 'A' && (c) <= 'Z') || ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9') ||     \
     (c) == ' ' || (c) == '\'' || (c) == '(' || (c) == ')' || (c) == '+' || (c) == ',' ||          \
     (c) == '-' || (c) == '.' || (c) == '/' || (c) == ':' || (c) == '=' || (c) == '?')
#define CS_CLASS(c)                                                                                \
    (uint8_t)((CS_PRINTABLE(c) ? 0 : K_NONPRINT) | (((c) < 0x20 || (c) == 0x7F) ? K_CTRL : 0) |    \
              ((c) >= 0x80 ? K_HIGH : 0) | (((c) >= 0x80 && (c) <= 0x9F) ? K_C1 : 0) |             \
              ((((c) >= '0' && (c) <= '9') || (c) == ' ') ? 0 : K_NONNUM))
#define CS_CLASS4(c)  CS_CLASS(c), CS_CLASS((c) + 1), CS_CLASS((c) + 2), CS_CLASS((c) + 3)
#define CS_CLASS16(c) CS_CLASS4(c), CS_CLASS4((c) + 4), CS_CLASS4((c) + 8), CS_CLASS4((c) + 12)
#define CS_CLASS64(c)                                                                              \
    CS_CLASS16(c), CS_CLASS16((c) + 16), CS_CLASS16((c) + 32), CS_CLASS16((c) + 48)

/* Octet classes, computed by the compiler. */
static const uint8_t cs_str_class[256] = {CS_CLASS64(0), CS_CLASS64(64), CS_CLASS64(128),
                                          CS_CLASS64(192)};

int cs_str_printable_char(uint8_t c) {
    return CS_PRINTABLE(c);
}

/* --- Kernels: OR of the classes of every octet, restricted to the ASCII-range classes
 * (K_CTRL | K_HIGH | K_C1), and "every octet is in the PrintableString alphabet". --- */

/* Four accumulators, so that the OR chain does not bound the loop to one octet per cycle. */
static unsigned cs_k_or_scalar(const uint8_t *p, size_t n) {
    unsigned a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        a0 |= cs_str_class[p[i]];
        a1 |= cs_str_class[p[i + 1]];
        a2 |= cs_str_class[p[i + 2]];
        a3 |= cs_str_class[p[i + 3]];
    }
    for (; i < n; i++) {
        a0 |= cs_str_class[p[i]];
    }
    return a0 | a1 | a2 | a3;
}

static unsigned cs_k_ascii_scalar(const uint8_t *p, size_t n) {
    return cs_k_or_scalar(p, n) & (K_CTRL | K_HIGH | K_C1);
}

static int cs_k_printable_scalar(const uint8_t *p, size_t n) {
    return (cs_k_or_scalar(p, n) & K_NONPRINT) == 0;
}

#define SWAR_ONES 0x0101010101010101ull
#define SWAR_HIGH 0x8080808080808080ull

static uint64_t cs_load64(const uint8_t *p) {
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

/* Classes of one 8-octet word. The "has a byte below n" test is exact as a yes/no answer for
 * n <= 0x80: a borrow can only mark a byte above one that really is below n. */
static unsigned cs_swar_word(uint64_t w) {
    unsigned k = 0;
    uint64_t high = w & SWAR_HIGH;
    if (high != 0) {
        k |= K_HIGH;
        /* C1: the top three bits are 100. */
        uint64_t t = (w & (SWAR_ONES * 0xE0)) ^ (SWAR_ONES * 0x80);
        if (((t - SWAR_ONES) & ~t & SWAR_HIGH) != 0) {
            k |= K_C1;
        }
    }
    uint64_t below = (w - SWAR_ONES * 0x20) & ~w & SWAR_HIGH;
    uint64_t del = w ^ (SWAR_ONES * 0x7F);
    if (below != 0 || ((del - SWAR_ONES) & ~del & SWAR_HIGH) != 0) {
        k |= K_CTRL;
    }
    return k;
}

static unsigned cs_k_ascii_swar(const uint8_t *p, size_t n) {
    if (n < 8) {
        return cs_k_ascii_scalar(p, n);
    }
    unsigned k = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        k |= cs_swar_word(cs_load64(p + i));
    }
    if (i < n) {
        /* The last word overlaps octets already seen: OR does not mind. */
        k |= cs_swar_word(cs_load64(p + n - 8));
    }
    return k;
}

#if CS_STR_X86
/* SSE2 is part of x86-64, so these need no run-time check. */
static unsigned cs_sse2_ascii(__m128i v) {
    unsigned k = 0;
    int high = _mm_movemask_epi8(v);
    if (high != 0) {
        k |= K_HIGH;
        /* 0x80-0x9F are -128..-97 as signed octets. */
        if (_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-96))) != 0) {
            k |= K_C1;
        }
    }
    __m128i c0 =
        _mm_and_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
    __m128i del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F));
    if (_mm_movemask_epi8(_mm_or_si128(c0, del)) != 0) {
        k |= K_CTRL;
    }
    return k;
}

/* Signed range test lo <= v <= hi for 0 <= lo <= hi < 0x80 (octets >= 0x80 are negative and
 * fall outside every such range). */
static __m128i cs_sse2_range(__m128i v, char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)(lo - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8((char)(hi + 1))));
}

/* 1 when all sixteen octets are in the alphabet: ' through : except *, space, =, ?, A-Z, a-z. */
static int cs_sse2_printable(__m128i v) {
    __m128i ok =
        _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('*')), cs_sse2_range(v, '\'', ':'));
    ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
    ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, _mm_set1_epi8('=')));
    ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, _mm_set1_epi8('?')));
    ok = _mm_or_si128(ok, cs_sse2_range(v, 'A', 'Z'));
    ok = _mm_or_si128(ok, cs_sse2_range(v, 'a', 'z'));
    return _mm_movemask_epi8(ok) == 0xFFFF;
}

/* The octets of a string of 1 to 15 octets in one vector, without reading outside it: two
 * overlapping loads from either end (octets seen twice do not change an OR or an AND); for fewer
 * than 8 octets the free lanes are filled with 'a', which belongs to no class, and for fewer
 * than 4 the first, middle and last octets cover them all. */
static __m128i cs_sse2_short(const uint8_t *p, size_t n) {
    if (n >= 8) {
        uint64_t lo = cs_load64(p), hi = cs_load64(p + n - 8);
        return _mm_set_epi64x((long long)hi, (long long)lo);
    }
    uint32_t lo, hi;
    if (n >= 4) {
        memcpy(&lo, p, 4);
        memcpy(&hi, p + n - 4, 4);
    } else {
        lo = (uint32_t)p[0] | (uint32_t)p[n / 2] << 8 | (uint32_t)p[n - 1] << 16 | 0x61000000u;
        hi = lo;
    }
    return _mm_set_epi32(0x61616161, 0x61616161, (int)hi, (int)lo);
}

static unsigned cs_k_ascii_sse2(const uint8_t *p, size_t n) {
    if (n < 16) {
        return n == 0 ? 0 : cs_sse2_ascii(cs_sse2_short(p, n));
    }
    unsigned k = 0;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        k |= cs_sse2_ascii(_mm_loadu_si128((const __m128i *)(const void *)(p + i)));
    }
    if (i < n) {
        k |= cs_sse2_ascii(_mm_loadu_si128((const __m128i *)(const void *)(p + n - 16)));
    }
    return k;
}

static int cs_k_printable_sse2(const uint8_t *p, size_t n) {
    if (n < 16) {
        return n == 0 || cs_sse2_printable(cs_sse2_short(p, n));
    }
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        if (!cs_sse2_printable(_mm_loadu_si128((const __m128i *)(const void *)(p + i)))) {
            return 0;
        }
    }
    return i == n ||
           cs_sse2_printable(_mm_loadu_si128((const __m128i *)(const void *)(p + n - 16)));
}

__attribute__((target("avx2"))) static unsigned cs_avx2_ascii(__m256i v) {
    unsigned k = 0;
    if (_mm256_movemask_epi8(v) != 0) {
        k |= K_HIGH;
        if (_mm256_movemask_epi8(_mm256_cmpgt_epi8(_mm256_set1_epi8(-96), v)) != 0) {
            k |= K_C1;
        }
    }
    __m256i c0 = _mm256_and_si256(_mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v),
                                  _mm256_cmpgt_epi8(v, _mm256_set1_epi8(-1)));
    __m256i del = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7F));
    if (_mm256_movemask_epi8(_mm256_or_si256(c0, del)) != 0) {
        k |= K_CTRL;
    }
    return k;
}

__attribute__((target("avx2"))) static __m256i cs_avx2_range(__m256i v, char lo, char hi) {
    return _mm256_and_si256(_mm256_cmpgt_epi8(v, _mm256_set1_epi8((char)(lo - 1))),
                            _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(hi + 1)), v));
}

__attribute__((target("avx2"))) static int cs_avx2_printable(__m256i v) {
    __m256i ok = _mm256_andnot_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('*')),
                                     cs_avx2_range(v, '\'', ':'));
    ok = _mm256_or_si256(ok, _mm256_cmpeq_epi8(v, _mm256_set1_epi8(' ')));
    ok = _mm256_or_si256(ok, _mm256_cmpeq_epi8(v, _mm256_set1_epi8('=')));
    ok = _mm256_or_si256(ok, _mm256_cmpeq_epi8(v, _mm256_set1_epi8('?')));
    ok = _mm256_or_si256(ok, cs_avx2_range(v, 'A', 'Z'));
    ok = _mm256_or_si256(ok, cs_avx2_range(v, 'a', 'z'));
    return _mm256_movemask_epi8(ok) == -1;
}

__attribute__((target("avx2"))) static unsigned cs_k_ascii_avx2(const uint8_t *p, size_t n) {
    if (n < 32) {
        return cs_k_ascii_sse2(p, n);
    }
    unsigned k = 0;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        k |= cs_avx2_ascii(_mm256_loadu_si256((const __m256i *)(const void *)(p + i)));
    }
    if (i < n) {
        k |= cs_avx2_ascii(_mm256_loadu_si256((const __m256i *)(const void *)(p + n - 32)));
    }
    return k;
}

__attribute__((target("avx2"))) static int cs_k_printable_avx2(const uint8_t *p, size_t n) {
    if (n < 32) {
        return cs_k_printable_sse2(p, n);
    }
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        if (!cs_avx2_printable(_mm256_loadu_si256((const __m256i *)(const void *)(p + i)))) {
            return 0;
        }
    }
    return i == n ||
           cs_avx2_printable(_mm256_loadu_si256((const __m256i *)(const void *)(p + n - 32)));
}
#endif

const char *cs_str_impl_name(cs_str_impl impl) {
    static const char *const names[CS_STR_IMPL_COUNT] = {"scalar", "swar", "sse2", "avx2"};
    return (unsigned)impl < CS_STR_IMPL_COUNT ? names[impl] : "unknown";
}

int cs_str_impl_available(cs_str_impl impl) {
    switch (impl) {
    case CS_STR_IMPL_SCALAR:
    case CS_STR_IMPL_SWAR:
        return 1;
#if CS_STR_X86
    case CS_STR_IMPL_SSE2:
        return 1;
    case CS_STR_IMPL_AVX2:
        return __builtin_cpu_supports("avx2");
#endif
    default:
        return 0;
    }
}

static unsigned cs_k_ascii(cs_str_impl impl, const uint8_t *p, size_t n) {
    switch (impl) {
    case CS_STR_IMPL_SWAR:
        return cs_k_ascii_swar(p, n);
#if CS_STR_X86
    case CS_STR_IMPL_SSE2:
        return cs_k_ascii_sse2(p, n);
    case CS_STR_IMPL_AVX2:
        return cs_k_ascii_avx2(p, n);
#endif
    default:
        return cs_k_ascii_scalar(p, n);
    }
}

static int cs_k_printable(cs_str_impl impl, const uint8_t *p, size_t n) {
    switch (impl) {
#if CS_STR_X86
    case CS_STR_IMPL_SSE2:
        return cs_k_printable_sse2(p, n);
    case CS_STR_IMPL_AVX2:
        return cs_k_printable_avx2(p, n);
#endif
    default:
        /* SWAR has no cheap alphabet test; the table is what it would fall back to anyway. */
        return cs_k_printable_scalar(p, n);
    }
}

/* --- Decoding (shared by every implementation) --- */

size_t cs_str_utf8_sequence(const uint8_t *p, size_t n, uint32_t *out_cp) {
    uint8_t b = p[0];
    if (b < 0x80) {
        *out_cp = b;
        return 1;
    }
    /* RFC 3629 §4: the second octet's range depends on the first, which excludes overlong
     * forms (C0, C1, E0 80-9F, F0 80-8F), surrogates (ED A0-BF) and values above U+10FFFF
     * (F4 90-BF, F5-FF). */
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;
    uint32_t cp;
    if (b < 0xC2) {
        return 0;
    } else if (b < 0xE0) {
        len = 2;
        cp = b & 0x1Fu;
    } else if (b < 0xF0) {
        len = 3;
        cp = b & 0x0Fu;
        lo = b == 0xE0 ? 0xA0 : 0x80;
        hi = b == 0xED ? 0x9F : 0xBF;
    } else if (b < 0xF5) {
        len = 4;
        cp = b & 0x07u;
        lo = b == 0xF0 ? 0x90 : 0x80;
        hi = b == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (n < len || p[1] < lo || p[1] > hi) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if (i > 1 && (p[i] & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    *out_cp = cp;
    return len;
}

static int cs_str_control_cp(uint32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

static unsigned cs_str_utf8_slow(const uint8_t *p, size_t n, uint32_t *chars) {
    unsigned flags = 0;
    uint32_t count = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = cs_str_utf8_sequence(p + i, n - i, &cp);
        if (len == 0) {
            flags |= CS_STR_INVALID;
            len = 1;
        } else if (cs_str_control_cp(cp)) {
            flags |= CS_STR_CONTROL;
        }
        count++;
        i += len;
    }
    *chars = count;
    return flags;
}

static unsigned cs_str_bmp(const uint8_t *p, size_t n, uint32_t *chars) {
    unsigned flags = (n & 1) ? CS_STR_INVALID : 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t u = (uint32_t)p[i] << 8 | p[i + 1];
        if (u >= 0xD800 && u <= 0xDFFF) {
            flags |= CS_STR_INVALID;
        } else if (cs_str_control_cp(u)) {
            flags |= CS_STR_CONTROL;
        }
    }
    *chars = (uint32_t)((n + 1) / 2);
    return flags;
}

static unsigned cs_str_universal(const uint8_t *p, size_t n, uint32_t *chars) {
    unsigned flags = (n & 3) ? CS_STR_INVALID : 0;
    for (size_t i = 0; i + 3 < n; i += 4) {
        uint32_t u =
            (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | p[i + 3];
        if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) {
            flags |= CS_STR_INVALID;
        } else if (cs_str_control_cp(u)) {
            flags |= CS_STR_CONTROL;
        }
    }
    *chars = (uint32_t)((n + 3) / 4);
    return flags;
}

static unsigned cs_str_numeric(const uint8_t *p, size_t n) {
    unsigned acc = 0;
    for (size_t i = 0; i < n; i++) {
        acc |= cs_str_class[p[i]];
    }
    return ((acc & K_NONNUM) ? CS_STR_INVALID : 0) | ((acc & K_CTRL) ? CS_STR_CONTROL : 0);
}

/* Inlined once per implementation, so that the kernel switches fold away. */
static inline __attribute__((always_inline)) unsigned
cs_str_check_core(cs_str_impl impl, uint32_t tag, const uint8_t *p, size_t n, uint32_t *chars) {
    *chars = (uint32_t)n;
    unsigned k;
    switch (tag) {
    case CS_DER_PRINTABLESTRING:
        if (cs_k_printable(impl, p, n)) {
            return 0;
        }
        return CS_STR_INVALID | ((cs_k_ascii(impl, p, n) & K_CTRL) ? CS_STR_CONTROL : 0);
    case CS_DER_IA5STRING:
        k = cs_k_ascii(impl, p, n);
        return ((k & K_HIGH) ? CS_STR_INVALID : 0) | ((k & K_CTRL) ? CS_STR_CONTROL : 0);
    case CS_DER_VISIBLESTRING:
        k = cs_k_ascii(impl, p, n);
        return ((k & (K_HIGH | K_CTRL)) ? CS_STR_INVALID : 0) | ((k & K_CTRL) ? CS_STR_CONTROL : 0);
    case CS_DER_NUMERICSTRING:
        return cs_str_numeric(p, n);
    case CS_DER_TELETEXSTRING:
        k = cs_k_ascii(impl, p, n);
        return (k & (K_CTRL | K_C1)) ? CS_STR_CONTROL : 0;
    case CS_DER_UTF8STRING:
        k = cs_k_ascii(impl, p, n);
        if ((k & K_HIGH) == 0) {
            return (k & K_CTRL) ? CS_STR_CONTROL : 0;
        }
        return cs_str_utf8_slow(p, n, chars);
    case CS_DER_BMPSTRING:
        return cs_str_bmp(p, n, chars);
    case CS_DER_UNIVERSALSTRING:
        return cs_str_universal(p, n, chars);
    default:
        return 0;
    }
}

unsigned cs_str_check_with(cs_str_impl impl, uint32_t tag, const uint8_t *p, size_t n,
                           uint32_t *out_chars) {
    uint32_t ignored;
    uint32_t *chars = out_chars != NULL ? out_chars : &ignored;
    if (!cs_str_impl_available(impl)) {
        impl = CS_STR_IMPL_SCALAR;
    }
    switch (impl) {
    case CS_STR_IMPL_SWAR:
        return cs_str_check_core(CS_STR_IMPL_SWAR, tag, p, n, chars);
    case CS_STR_IMPL_SSE2:
        return cs_str_check_core(CS_STR_IMPL_SSE2, tag, p, n, chars);
    case CS_STR_IMPL_AVX2:
        return cs_str_check_core(CS_STR_IMPL_AVX2, tag, p, n, chars);
    default:
        return cs_str_check_core(CS_STR_IMPL_SCALAR, tag, p, n, chars);
    }
}

/* The default was chosen by measurement (tests/test_strings.c, strings/bench: the 78,598
 * issuer and subject values of the CCADB corpus, 17.3 octets on average, a third under 8):
 * scalar 14.0 ns per value, SWAR 12.4, SSE2 9.9, AVX2 9.4. SSE2 is part of x86-64, so it needs
 * no run-time check; AVX2's further 5% is below this machine's run-to-run noise and would need
 * one. */
#if CS_STR_X86
#define CS_STR_DEFAULT CS_STR_IMPL_SSE2
#else
#define CS_STR_DEFAULT CS_STR_IMPL_SWAR
#endif

cs_str_impl cs_str_impl_default(void) {
    return CS_STR_DEFAULT;
}

unsigned cs_str_check(uint32_t tag, const uint8_t *p, size_t n, uint32_t *out_chars) {
    uint32_t ignored;
    return cs_str_check_core(CS_STR_DEFAULT, tag, p, n, out_chars != NULL ? out_chars : &ignored);
}
