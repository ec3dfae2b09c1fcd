#include "io/base64.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define CS_BASE64_HAVE_AVX2 1
#endif

/* Values 0..63 are sextets; the two markers and the invalid value all have a bit in 0xC0 set, so
 * one test on four OR-ed lookups tells whether a quantum is plain data. */
#define B64_SPACE   0x40u
#define B64_PAD     0x41u
#define B64_INVALID 0xFFu
#define B64_SPECIAL 0xC0u

static const uint8_t cs_base64_table[256] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x40, 0x40, 0x40, 0x40, 0x40, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0x40, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x3E, 0xFF, 0xFF, 0xFF, 0x3F,
    0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0xFF, 0xFF, 0xFF, 0x41, 0xFF, 0xFF,
    0xFF, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E,
    0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x32, 0x33, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
};

static int cs_base64_fail(cs_base64_error *err, cs_base64_status status, size_t offset) {
    if (err != NULL) {
        err->status = status;
        err->offset = offset;
    }
    return 0;
}

static int cs_base64_is_space(uint8_t c) {
    return cs_base64_table[c] == B64_SPACE;
}

/* Handles the final quantum from its first '=' at src[i], `have` sextets (in acc) before it. */
static int cs_base64_finish(const uint8_t *src, size_t len, size_t i, uint32_t acc, unsigned have,
                            uint8_t *dst, size_t cap, size_t *o, cs_base64_error *err) {
    if (have < 2) {
        return cs_base64_fail(err, CS_BASE64_BAD_PADDING, i);
    }
    i++;
    if (have == 2) {
        while (i < len && cs_base64_is_space(src[i])) {
            i++;
        }
        if (i == len) {
            return cs_base64_fail(err, CS_BASE64_TRUNCATED, len);
        }
        if (src[i] != '=') {
            return cs_base64_fail(err, CS_BASE64_BAD_PADDING, i);
        }
        i++;
    }
    for (; i < len; i++) {
        if (!cs_base64_is_space(src[i])) {
            return cs_base64_fail(err,
                                  cs_base64_table[src[i]] == B64_INVALID ? CS_BASE64_BAD_CHAR
                                                                         : CS_BASE64_BAD_PADDING,
                                  i);
        }
    }
    size_t n = have - 1;
    if (cap - *o < n) {
        return cs_base64_fail(err, CS_BASE64_TOO_LARGE, len);
    }
    if (have == 2) {
        dst[*o] = (uint8_t)(acc >> 4);
    } else {
        dst[*o] = (uint8_t)(acc >> 10);
        dst[*o + 1] = (uint8_t)(acc >> 2);
    }
    *o += n;
    return 1;
}

#ifdef CS_BASE64_HAVE_AVX2
/* 32 characters at a time while they are all in the alphabet (no whitespace, no padding): a
 * certificate is decoded on every core, and on base64 input this loop is a quarter of the scan
 * without it. Each block is classified by ranges (bytes >= 0x80 compare as negative, so they
 * fall in none), shifted to sextets, and packed: pairs into 12 bits, pairs of those into 24,
 * then 24 bytes gathered from 32. A block with anything else stops the loop (unless it starts
 * with a line break), and the scalar code goes on from there, finding any error exactly where it
 * always did. */
__attribute__((target("avx2"))) static void
cs_base64_avx2(const uint8_t *src, size_t len, uint8_t *dst, size_t cap, size_t *i, size_t *o) {
    const __m256i upper_lo = _mm256_set1_epi8('A' - 1), upper_hi = _mm256_set1_epi8('Z' + 1);
    const __m256i lower_lo = _mm256_set1_epi8('a' - 1), lower_hi = _mm256_set1_epi8('z' + 1);
    const __m256i digit_lo = _mm256_set1_epi8('0' - 1), digit_hi = _mm256_set1_epi8('9' + 1);
    const __m256i plus = _mm256_set1_epi8('+'), slash = _mm256_set1_epi8('/');
    const __m256i pack12 = _mm256_set1_epi32(0x01400140);
    const __m256i pack24 = _mm256_set1_epi32(0x00011000);
    const __m256i gather = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
                                            2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
    size_t si = *i, so = *o;
    while (len - si >= 32 && cap - so >= 32) {
        __m256i c = _mm256_loadu_si256((const __m256i *)(const void *)(src + si));
        __m256i up =
            _mm256_and_si256(_mm256_cmpgt_epi8(c, upper_lo), _mm256_cmpgt_epi8(upper_hi, c));
        __m256i lo =
            _mm256_and_si256(_mm256_cmpgt_epi8(c, lower_lo), _mm256_cmpgt_epi8(lower_hi, c));
        __m256i dg =
            _mm256_and_si256(_mm256_cmpgt_epi8(c, digit_lo), _mm256_cmpgt_epi8(digit_hi, c));
        __m256i pl = _mm256_cmpeq_epi8(c, plus);
        __m256i sl = _mm256_cmpeq_epi8(c, slash);
        __m256i valid =
            _mm256_or_si256(_mm256_or_si256(up, lo), _mm256_or_si256(dg, _mm256_or_si256(pl, sl)));
        if ((uint32_t)_mm256_movemask_epi8(valid) != 0xFFFFFFFFu) {
            /* A PEM body's lines are 64 characters: two blocks, then a line break, which is
             * stepped over here rather than in the scalar loop. Whitespace never splits a
             * quantum's meaning, and blocks hold whole quanta. */
            if (src[si] == '\n') {
                si++;
                continue;
            }
            if (src[si] == '\r' && src[si + 1] == '\n') {
                si += 2;
                continue;
            }
            break;
        }
        __m256i shift = _mm256_or_si256(
            _mm256_or_si256(_mm256_and_si256(up, _mm256_set1_epi8(-65)),
                            _mm256_and_si256(lo, _mm256_set1_epi8(-71))),
            _mm256_or_si256(_mm256_and_si256(dg, _mm256_set1_epi8(4)),
                            _mm256_or_si256(_mm256_and_si256(pl, _mm256_set1_epi8(19)),
                                            _mm256_and_si256(sl, _mm256_set1_epi8(16)))));
        __m256i v = _mm256_add_epi8(c, shift);
        v = _mm256_maddubs_epi16(v, pack12);
        v = _mm256_madd_epi16(v, pack24);
        v = _mm256_shuffle_epi8(v, gather);
        v = _mm256_permutevar8x32_epi32(v, lanes);
        _mm256_storeu_si256((__m256i *)(void *)(dst + so), v);
        si += 32;
        so += 24;
    }
    *i = si;
    *o = so;
}

/* 64 characters at a time with AVX-512 VBMI (Muła and Lemire, "Base64 encoding and decoding at
 * almost the speed of a memory copy", 2019): one two-table byte permute classifies and translates
 * every character at once, the same two multiply-adds pack the sextets, and one more permute
 * gathers the 48 bytes. Half the instructions of the AVX2 loop per character, which matters on
 * CT input, where the leaf and the precertificate of every entry go through here. Blocks are
 * taken, and line breaks stepped over, exactly as in the AVX2 loop. */
__attribute__((target("avx512f,avx512bw,avx512vbmi"))) static void
cs_base64_avx512(const uint8_t *src, size_t len, uint8_t *dst, size_t cap, size_t *i, size_t *o) {
    /* The sextet of each 7-bit character, or 0x80 when it is not in the alphabet. */
    static const int8_t sextets[128] = {
        -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
        -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
        -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, 62,   -128,
        -128, -128, 63,   52,   53,   54,   55,   56,   57,   58,   59,   60,   61,   -128, -128,
        -128, -128, -128, -128, -128, 0,    1,    2,    3,    4,    5,    6,    7,    8,    9,
        10,   11,   12,   13,   14,   15,   16,   17,   18,   19,   20,   21,   22,   23,   24,
        25,   -128, -128, -128, -128, -128, -128, 26,   27,   28,   29,   30,   31,   32,   33,
        34,   35,   36,   37,   38,   39,   40,   41,   42,   43,   44,   45,   46,   47,   48,
        49,   50,   51,   -128, -128, -128, -128, -128,
    };
    const __m512i lut_lo = _mm512_loadu_si512((const void *)sextets);
    const __m512i lut_hi = _mm512_loadu_si512((const void *)(sextets + 64));
    const __m512i pack12 = _mm512_set1_epi32(0x01400140);
    const __m512i pack24 = _mm512_set1_epi32(0x00011000);
    /* Output byte k is byte 2 - k % 3 of 32-bit lane k / 3 (the lanes hold 0x00AABBCC). */
    static const uint8_t order[64] = {
        2,  1,  0,  6,  5,  4,  10, 9,  8,  14, 13, 12, 18, 17, 16, 22, 21, 20, 26, 25, 24, 30,
        29, 28, 34, 33, 32, 38, 37, 36, 42, 41, 40, 46, 45, 44, 50, 49, 48, 54, 53, 52, 58, 57,
        56, 62, 61, 60, 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0};
    const __m512i gather = _mm512_loadu_si512((const void *)order);
    const __mmask64 out_mask = ((__mmask64)1 << 48) - 1;
    size_t si = *i, so = *o;
    while (len - si >= 64 && cap - so >= 48) {
        __m512i c = _mm512_loadu_si512((const void *)(src + si));
        __m512i v = _mm512_permutex2var_epi8(lut_lo, c, lut_hi);
        /* Bit 7 of the character (not ASCII) or of its sextet (not in the alphabet). */
        if (_mm512_movepi8_mask(_mm512_or_si512(v, c)) != 0) {
            if (src[si] == '\n') {
                si++;
                continue;
            }
            if (src[si] == '\r' && src[si + 1] == '\n') {
                si += 2;
                continue;
            }
            break;
        }
        v = _mm512_maddubs_epi16(v, pack12);
        v = _mm512_madd_epi16(v, pack24);
        v = _mm512_permutexvar_epi8(gather, v);
        _mm512_mask_storeu_epi8(dst + so, out_mask, v);
        si += 64;
        so += 48;
    }
    *i = si;
    *o = so;
}

/* 0: scalar, 1: AVX2, 2: AVX-512 VBMI, then AVX2 for what is left. */
static int cs_base64_simd;

static int cs_base64_cpu_level(void) {
    if (__builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512bw")) {
        return 2;
    }
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}

/* Chosen once at load time, before any thread can decode. */
__attribute__((constructor)) static void cs_base64_pick(void) {
    __builtin_cpu_init();
    cs_base64_simd = cs_base64_cpu_level();
}

int cs_base64_set_simd(int level) {
    int cpu = cs_base64_cpu_level();
    cs_base64_simd = level < cpu ? (level > 0 ? level : 0) : cpu;
    return cs_base64_simd;
}
#else
int cs_base64_set_simd(int level) {
    (void)level;
    return 0;
}
#endif

int cs_base64_decode(const uint8_t *src, size_t len, uint8_t *dst, size_t cap, size_t *out_len,
                     cs_base64_error *err) {
    const uint8_t *t = cs_base64_table;
    size_t i = 0;
    size_t o = 0;
    uint32_t acc = 0;
    unsigned have = 0;
    while (i < len) {
        if (have == 0) {
#ifdef CS_BASE64_HAVE_AVX2
            if (cs_base64_simd == 2) {
                cs_base64_avx512(src, len, dst, cap, &i, &o);
            }
            if (cs_base64_simd != 0) {
                cs_base64_avx2(src, len, dst, cap, &i, &o);
            }
#endif
            /* PEM lines hold whole quanta, so between line breaks this loop does all the work. */
            while (len - i >= 4) {
                uint32_t a = t[src[i]];
                uint32_t b = t[src[i + 1]];
                uint32_t c = t[src[i + 2]];
                uint32_t d = t[src[i + 3]];
                if (((a | b | c | d) & B64_SPECIAL) != 0) {
                    break;
                }
                if (cap - o < 3) {
                    return cs_base64_fail(err, CS_BASE64_TOO_LARGE, i);
                }
                uint32_t v = (a << 18) | (b << 12) | (c << 6) | d;
                dst[o] = (uint8_t)(v >> 16);
                dst[o + 1] = (uint8_t)(v >> 8);
                dst[o + 2] = (uint8_t)v;
                o += 3;
                i += 4;
            }
            if (i == len) {
                break;
            }
        }
        uint32_t v = t[src[i]];
        if (v < 64) {
            acc = (acc << 6) | v;
            if (++have == 4) {
                if (cap - o < 3) {
                    return cs_base64_fail(err, CS_BASE64_TOO_LARGE, i);
                }
                dst[o] = (uint8_t)(acc >> 16);
                dst[o + 1] = (uint8_t)(acc >> 8);
                dst[o + 2] = (uint8_t)acc;
                o += 3;
                acc = 0;
                have = 0;
            }
        } else if (v == B64_PAD) {
            if (!cs_base64_finish(src, len, i, acc, have, dst, cap, &o, err)) {
                return 0;
            }
            *out_len = o;
            return 1;
        } else if (v != B64_SPACE) {
            return cs_base64_fail(err, CS_BASE64_BAD_CHAR, i);
        }
        i++;
    }
    if (have != 0) {
        return cs_base64_fail(err, CS_BASE64_TRUNCATED, len);
    }
    *out_len = o;
    return 1;
}
