/* The string checkers of scanner/strings.c: every implementation against the scalar reference,
 * and the scalar reference against independent, naive definitions of each type.
 *
 * strings/bench (runs only with CS_STRINGS_BENCH=1) times the implementations on the attribute
 * values of real certificates: CS_STRINGS_BENCH=1 ./test_strings --filter 'strings/bench'. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/input.h"
#include "scanner/der.h"
#include "scanner/strings.h"
#include "scanner/x509.h"

static const uint32_t tags[] = {
    CS_DER_PRINTABLESTRING, CS_DER_IA5STRING,       CS_DER_VISIBLESTRING,
    CS_DER_NUMERICSTRING,   CS_DER_TELETEXSTRING,   CS_DER_UTF8STRING,
    CS_DER_BMPSTRING,       CS_DER_UNIVERSALSTRING, CS_DER_OCTET_STRING, /* not a string type: 0 */
};
#define NUM_TAGS (sizeof tags / sizeof tags[0])

/* --- Naive definitions, written from the standards without the tables of strings.c --- */

static int naive_control(uint32_t cp) {
    return cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F);
}

/* RFC 3629 decoding by the bit patterns of the lead octet; returns the length or 0. */
static size_t naive_utf8_one(const uint8_t *p, size_t n, uint32_t *cp) {
    size_t len;
    uint32_t v, min;
    if ((p[0] & 0x80) == 0) {
        *cp = p[0];
        return 1;
    } else if ((p[0] & 0xE0) == 0xC0) {
        len = 2, v = p[0] & 0x1F, min = 0x80;
    } else if ((p[0] & 0xF0) == 0xE0) {
        len = 3, v = p[0] & 0x0F, min = 0x800;
    } else if ((p[0] & 0xF8) == 0xF0) {
        len = 4, v = p[0] & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            return 0;
        }
        v = v << 6 | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        return 0;
    }
    *cp = v;
    return len;
}

static unsigned naive_check(uint32_t tag, const uint8_t *p, size_t n, uint32_t *chars) {
    unsigned f = 0;
    *chars = (uint32_t)n;
    switch (tag) {
    case CS_DER_PRINTABLESTRING:
    case CS_DER_IA5STRING:
    case CS_DER_VISIBLESTRING:
    case CS_DER_NUMERICSTRING:
        for (size_t i = 0; i < n; i++) {
            uint8_t c = p[i];
            int ok;
            if (tag == CS_DER_PRINTABLESTRING) {
                ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     (c != 0 && strchr(" '()+,-./:=?", c) != NULL);
            } else if (tag == CS_DER_IA5STRING) {
                ok = c <= 0x7F;
            } else if (tag == CS_DER_VISIBLESTRING) {
                ok = c >= 0x20 && c <= 0x7E;
            } else {
                ok = (c >= '0' && c <= '9') || c == ' ';
            }
            if (!ok) {
                f |= CS_STR_INVALID;
            }
            if (c <= 0x1F || c == 0x7F) {
                f |= CS_STR_CONTROL;
            }
        }
        return f;
    case CS_DER_TELETEXSTRING:
        for (size_t i = 0; i < n; i++) {
            if (naive_control(p[i])) {
                f |= CS_STR_CONTROL;
            }
        }
        return f;
    case CS_DER_UTF8STRING: {
        uint32_t count = 0;
        for (size_t i = 0; i < n; count++) {
            uint32_t cp;
            size_t len = naive_utf8_one(p + i, n - i, &cp);
            if (len == 0) {
                f |= CS_STR_INVALID;
                i++;
            } else {
                f |= naive_control(cp) ? CS_STR_CONTROL : 0;
                i += len;
            }
        }
        *chars = count;
        return f;
    }
    case CS_DER_BMPSTRING:
        f |= n % 2 ? CS_STR_INVALID : 0;
        for (size_t i = 0; i + 2 <= n; i += 2) {
            uint32_t u = (uint32_t)(p[i] * 256 + p[i + 1]);
            f |= (u >= 0xD800 && u <= 0xDFFF) ? CS_STR_INVALID
                 : naive_control(u)           ? CS_STR_CONTROL
                                              : 0;
        }
        *chars = (uint32_t)(n / 2 + n % 2);
        return f;
    case CS_DER_UNIVERSALSTRING:
        f |= n % 4 ? CS_STR_INVALID : 0;
        for (size_t i = 0; i + 4 <= n; i += 4) {
            uint32_t u = (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 |
                         p[i + 3];
            f |= (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) ? CS_STR_INVALID
                 : naive_control(u)                             ? CS_STR_CONTROL
                                                                : 0;
        }
        *chars = (uint32_t)((n + 3) / 4);
        return f;
    default:
        return 0;
    }
}

/* Every implementation and the naive definition agree with the scalar reference on p[0..n). */
static void agree(uint32_t tag, const uint8_t *p, size_t n) {
    uint32_t ref_chars, naive_chars;
    unsigned ref = cs_str_check_with(CS_STR_IMPL_SCALAR, tag, p, n, &ref_chars);
    unsigned naive = naive_check(tag, p, n, &naive_chars);
    if (ref != naive || (ref_chars != naive_chars && !(ref & CS_STR_INVALID))) {
        cr_assert_fail("tag 0x%X, %zu octets (first 0x%02X): scalar %u/%u, naive %u/%u", tag, n,
                       n ? p[0] : 0, ref, ref_chars, naive, naive_chars);
    }
    for (int impl = 0; impl < CS_STR_IMPL_COUNT; impl++) {
        if (!cs_str_impl_available((cs_str_impl)impl)) {
            continue;
        }
        uint32_t chars;
        unsigned got = cs_str_check_with((cs_str_impl)impl, tag, p, n, &chars);
        if (got != ref || chars != ref_chars) {
            cr_assert_fail("tag 0x%X, %zu octets: %s says %u/%u, scalar %u/%u", tag, n,
                           cs_str_impl_name((cs_str_impl)impl), got, chars, ref, ref_chars);
        }
    }
    uint32_t chars;
    cr_assert_eq(cs_str_check(tag, p, n, &chars), ref);
}

Test(strings, implementations_listed) {
    cr_assert(cs_str_impl_available(CS_STR_IMPL_SCALAR));
    cr_assert(cs_str_impl_available(CS_STR_IMPL_SWAR));
    cr_assert(cs_str_impl_available(cs_str_impl_default()));
    for (int impl = 0; impl < CS_STR_IMPL_COUNT; impl++) {
        printf("strings: %s %s\n", cs_str_impl_name((cs_str_impl)impl),
               cs_str_impl_available((cs_str_impl)impl) ? "available" : "not available");
    }
}

/* Every octet value alone, and at every position of every length up to 70 (so that each lane
 * and the overlapping tail of the 8-, 16- and 32-octet paths sees it), for every tag. */
Test(strings, exhaustive_single_octets, .timeout = 120) {
    uint8_t buf[80];
    for (size_t t = 0; t < NUM_TAGS; t++) {
        for (unsigned b = 0; b < 256; b++) {
            buf[0] = (uint8_t)b;
            agree(tags[t], buf, 1);
            for (size_t len = 2; len <= 70; len++) {
                for (size_t pos = 0; pos < len; pos++) {
                    memset(buf, 'a', len);
                    buf[pos] = (uint8_t)b;
                    agree(tags[t], buf, len);
                }
            }
        }
    }
}

Test(strings, printable_alphabet) {
    const char *alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?";
    int count = 0;
    for (unsigned c = 0; c < 256; c++) {
        int in = c != 0 && strchr(alphabet, (int)c) != NULL;
        cr_assert_eq(cs_str_printable_char((uint8_t)c), in, "octet 0x%02X", c);
        count += in;
    }
    cr_assert_eq(count, 74);
}

typedef struct utf8_case {
    const char *bytes;
    size_t len;
    int valid;
} utf8_case;

/* RFC 3629 §4 and the Unicode Table 3-7 boundaries. */
Test(strings, utf8_edge_cases) {
    static const utf8_case cases[] = {
        {"", 0, 1},
        {"\x00", 1, 1},
        {"\x7F", 1, 1},
        {"\xC2\x80", 2, 1},
        {"\xDF\xBF", 2, 1},
        {"\xE0\xA0\x80", 3, 1},
        {"\xEF\xBF\xBF", 3, 1}, /* U+FFFF is a noncharacter, but valid UTF-8 */
        {"\xED\x9F\xBF", 3, 1}, /* U+D7FF */
        {"\xEE\x80\x80", 3, 1}, /* U+E000 */
        {"\xF0\x90\x80\x80", 4, 1},
        {"\xF4\x8F\xBF\xBF", 4, 1}, /* U+10FFFF */
        {"\xEF\xBB\xBF", 3, 1},     /* BOM */
        {"\x80", 1, 0},             /* lone continuation */
        {"\xBF", 1, 0},
        {"\xC0\x80", 2, 0}, /* overlong U+0000 */
        {"\xC1\xBF", 2, 0}, /* overlong U+007F */
        {"\xE0\x80\x80", 3, 0},
        {"\xE0\x9F\xBF", 3, 0}, /* overlong U+07FF */
        {"\xF0\x80\x80\x80", 4, 0},
        {"\xF0\x8F\xBF\xBF", 4, 0},         /* overlong U+FFFF */
        {"\xED\xA0\x80", 3, 0},             /* U+D800 */
        {"\xED\xBF\xBF", 3, 0},             /* U+DFFF */
        {"\xED\xA0\x80\xED\xB0\x80", 6, 0}, /* CESU-8 pair */
        {"\xF4\x90\x80\x80", 4, 0},         /* U+110000 */
        {"\xF5\x80\x80\x80", 4, 0},
        {"\xF8\x88\x80\x80\x80", 5, 0}, /* five-octet form */
        {"\xFC\x84\x80\x80\x80\x80", 6, 0},
        {"\xFE", 1, 0},
        {"\xFF", 1, 0},
        {"\xC2", 1, 0}, /* truncated */
        {"\xE2\x82", 2, 0},
        {"\xF0\x9F\x98", 3, 0},
        {"\xC2\x41", 2, 0}, /* continuation missing */
        {"\xE2\x41\xAC", 3, 0},
        {"\xE2\x82\x41", 3, 0},
        {"\xF0\x9F\x41\x80", 4, 0},
        {"\xF0\x9F\x98\x41", 4, 0},
        {"abc\xC3\xA9xyz", 8, 1},
        {"abcdefghijklmnopqrstuvwxyz\xC3", 27, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const uint8_t *p = (const uint8_t *)cases[i].bytes;
        for (int impl = 0; impl < CS_STR_IMPL_COUNT; impl++) {
            if (!cs_str_impl_available((cs_str_impl)impl)) {
                continue;
            }
            unsigned f =
                cs_str_check_with((cs_str_impl)impl, CS_DER_UTF8STRING, p, cases[i].len, NULL);
            cr_assert_eq((f & CS_STR_INVALID) == 0, cases[i].valid, "case %zu (%s)", i,
                         cs_str_impl_name((cs_str_impl)impl));
        }
        agree(CS_DER_UTF8STRING, p, cases[i].len);
    }
    /* Characters, not octets. */
    uint32_t chars;
    cs_str_check(CS_DER_UTF8STRING, (const uint8_t *)"a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 10,
                 &chars);
    cr_assert_eq(chars, 4);
    /* C1 controls are two octets in UTF-8; U+00A0 is not a control. */
    cr_assert_eq(cs_str_check(CS_DER_UTF8STRING, (const uint8_t *)"\xC2\x9F", 2, NULL),
                 CS_STR_CONTROL);
    cr_assert_eq(cs_str_check(CS_DER_UTF8STRING, (const uint8_t *)"\xC2\xA0", 2, NULL), 0);
}

/* Every two- and three-octet sequence, against the naive decoder. */
Test(strings, utf8_exhaustive_short, .timeout = 300) {
    uint8_t b[3];
    for (unsigned x = 0; x < 65536; x++) {
        b[0] = (uint8_t)(x >> 8);
        b[1] = (uint8_t)x;
        agree(CS_DER_UTF8STRING, b, 2);
    }
    for (unsigned x = 0; x < (1u << 24); x++) {
        b[0] = (uint8_t)(x >> 16);
        b[1] = (uint8_t)(x >> 8);
        b[2] = (uint8_t)x;
        uint32_t c1, c2;
        unsigned r = cs_str_check_with(CS_STR_IMPL_SCALAR, CS_DER_UTF8STRING, b, 3, &c1);
        unsigned n = naive_check(CS_DER_UTF8STRING, b, 3, &c2);
        if (r != n || c1 != c2) {
            cr_assert_fail("%02X %02X %02X: %u/%u vs naive %u/%u", b[0], b[1], b[2], r, c1, n, c2);
        }
    }
    /* Four octets: every lead and second octet, with continuation and non-continuation
     * octets after. */
    static const uint8_t tails[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0, 0xFF};
    for (unsigned x = 0; x < 65536; x++) {
        for (size_t i = 0; i < sizeof tails; i++) {
            for (size_t j = 0; j < sizeof tails; j++) {
                uint8_t q[4] = {(uint8_t)(x >> 8), (uint8_t)x, tails[i], tails[j]};
                agree(CS_DER_UTF8STRING, q, 4);
            }
        }
    }
}

Test(strings, bmp_and_universal) {
    uint8_t b[4];
    for (unsigned u = 0; u < 65536; u++) {
        b[0] = (uint8_t)(u >> 8);
        b[1] = (uint8_t)u;
        agree(CS_DER_BMPSTRING, b, 2);
        agree(CS_DER_BMPSTRING, b, 1);
    }
    static const uint32_t cps[] = {0,        0x1F,     0x20,       0x7E,       0x7F,
                                   0x9F,     0xA0,     0xD7FF,     0xD800,     0xDBFF,
                                   0xDC00,   0xDFFF,   0xE000,     0xFFFF,     0x10000,
                                   0x10FFFF, 0x110000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        b[0] = (uint8_t)(cps[i] >> 24);
        b[1] = (uint8_t)(cps[i] >> 16);
        b[2] = (uint8_t)(cps[i] >> 8);
        b[3] = (uint8_t)cps[i];
        agree(CS_DER_UNIVERSALSTRING, b, 4);
        agree(CS_DER_UNIVERSALSTRING, b, 3);
    }
    uint32_t chars;
    cr_assert_eq(cs_str_check(CS_DER_BMPSTRING, (const uint8_t *)"\xD8\x3D\xDE\x00", 4, &chars),
                 CS_STR_INVALID);
    cr_assert_eq(chars, 2);
    cr_assert_eq(cs_str_check(CS_DER_UNIVERSALSTRING, (const uint8_t *)"\0\x01\xF6\0", 4, &chars),
                 0);
    cr_assert_eq(chars, 1);
}

/* xorshift64*: reproducible. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

Test(strings, random_strings, .timeout = 300) {
    static const char *const pieces[] = {"a",
                                         "Z",
                                         "0",
                                         " ",
                                         "'",
                                         "@",
                                         "_",
                                         "\t",
                                         "\x7F",
                                         "\xC3\xA9",
                                         "\xE2\x82\xAC",
                                         "\xF0\x9F\x98\x80",
                                         "\xC2\x85",
                                         "\x80",
                                         "\xED\xA0\x80",
                                         "\xC0\xAF",
                                         "\xFF",
                                         "-",
                                         ".",
                                         "\0"};
    uint8_t buf[200];
    for (int iter = 0; iter < 200000; iter++) {
        size_t n = (size_t)(rng() % 100);
        int mode = (int)(rng() % 3);
        size_t len = 0;
        while (len < n) {
            if (mode == 0) { /* uniform octets */
                buf[len++] = (uint8_t)rng();
            } else if (mode == 1) { /* printable ASCII, now and then something else */
                uint64_t r = rng();
                buf[len++] = (r % 50 == 0) ? (uint8_t)(r >> 8) : (uint8_t)(0x20 + (r >> 8) % 95);
            } else { /* pieces of valid and invalid UTF-8 */
                const char *p = pieces[rng() % (sizeof pieces / sizeof pieces[0])];
                size_t pl = p[0] == '\0' ? 1 : strlen(p);
                if (len + pl > sizeof buf) {
                    break;
                }
                memcpy(buf + len, p, pl);
                len += pl;
            }
        }
        for (size_t t = 0; t < NUM_TAGS; t++) {
            agree(tags[t], buf, len);
        }
    }
}

/* --- Measurement --- */

typedef struct bench_value {
    uint32_t tag;
    const uint8_t *p;
    size_t n;
} bench_value;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct bench_load {
    bench_value *v;
    size_t cap, count, octets;
    uint8_t **keep;
    size_t kept, keep_cap;
    cs_x509 *x;
} bench_load;

/* Keeps a copy of every certificate of a file and records its issuer and subject values. */
static int bench_file(void *ctx, const char *path) {
    bench_load *l = ctx;
    char err[256];
    cs_input *in = cs_input_open(path, CS_INPUT_AUTO, err, sizeof err);
    if (in == NULL) {
        return 1;
    }
    cs_entry e;
    while (cs_input_next(in, &e)) {
        cs_der_error derr;
        if (e.status != CS_ENTRY_OK || l->kept == l->keep_cap) {
            continue;
        }
        uint8_t *copy = malloc(e.der_len);
        memcpy(copy, e.der, e.der_len);
        l->keep[l->kept++] = copy;
        if (!cs_x509_parse(l->x, copy, e.der_len, &derr)) {
            continue;
        }
        const cs_x509_name *names[2] = {&l->x->issuer, &l->x->subject};
        for (int k = 0; k < 2; k++) {
            for (unsigned i = 0; i < names[k]->num_attrs && l->count < l->cap; i++) {
                const cs_x509_attr *a = &names[k]->attr[i];
                l->v[l->count++] = (bench_value){a->tag, a->value.ptr, a->value.len};
                l->octets += a->value.len;
            }
        }
    }
    cs_input_close(in);
    return 1;
}

Test(strings, bench, .timeout = 600) {
    if (getenv("CS_STRINGS_BENCH") == NULL) {
        cr_skip_test("set CS_STRINGS_BENCH=1 to measure");
    }
    /* Every issuer and subject attribute value of the CCADB corpus, in corpus order. */
    bench_load l = {.cap = 1 << 18, .keep_cap = 1 << 16};
    l.v = malloc(l.cap * sizeof *l.v);
    l.keep = malloc(l.keep_cap * sizeof *l.keep);
    l.x = malloc(sizeof *l.x);
    const char *paths[] = {CS_SOURCE_DIR "/corpora/ccadb"};
    cs_input_walk(paths, 1, bench_file, NULL, &l);
    bench_value *v = l.v;
    size_t count = l.count, octets = l.octets;
    cr_assert_gt(count, 1000);
    /* Packed one after the other: in the scanner a value is read right after the parse has
     * touched it, so it is in cache; scattered over 14 MB of certificates it would not be. */
    uint8_t *arena = malloc(octets + 1);
    size_t at = 0;
    for (size_t i = 0; i < count; i++) {
        memcpy(arena + at, v[i].p, v[i].n);
        v[i].p = arena + at;
        at += v[i].n;
    }
    size_t hist[5] = {0};
    for (size_t i = 0; i < count; i++) {
        hist[v[i].n < 8 ? 0 : v[i].n < 16 ? 1 : v[i].n < 32 ? 2 : v[i].n < 64 ? 3 : 4]++;
    }
    printf("strings bench: %zu values, %.1f octets average; <8: %zu, 8-15: %zu, 16-31: %zu, "
           "32-63: %zu, 64+: %zu\n",
           count, (double)octets / (double)count, hist[0], hist[1], hist[2], hist[3], hist[4]);
    for (int impl = 0; impl < CS_STR_IMPL_COUNT; impl++) {
        if (!cs_str_impl_available((cs_str_impl)impl)) {
            continue;
        }
        double best = 1e9;
        unsigned sink = 0;
        for (int round = 0; round < 7; round++) {
            double t0 = now_s();
            for (int rep = 0; rep < 20; rep++) {
                for (size_t i = 0; i < count; i++) {
                    uint32_t chars;
                    sink += cs_str_check_with((cs_str_impl)impl, v[i].tag, v[i].p, v[i].n, &chars);
                    sink += chars;
                }
            }
            double dt = now_s() - t0;
            best = dt < best ? dt : best;
        }
        printf("strings bench: %-6s %6.2f ns/value %6.3f ns/octet (sink %u)\n",
               cs_str_impl_name((cs_str_impl)impl), best * 1e9 / (20.0 * (double)count),
               best * 1e9 / (20.0 * (double)octets), sink);
    }
    {
        double best = 1e9;
        unsigned sink = 0;
        for (int round = 0; round < 7; round++) {
            double t0 = now_s();
            for (int rep = 0; rep < 20; rep++) {
                for (size_t i = 0; i < count; i++) {
                    uint32_t chars;
                    sink += cs_str_check(v[i].tag, v[i].p, v[i].n, &chars);
                    sink += chars;
                }
            }
            double dt = now_s() - t0;
            best = dt < best ? dt : best;
        }
        printf("strings bench: cs_str_check (default, %s) %6.2f ns/value (sink %u)\n",
               cs_str_impl_name(cs_str_impl_default()), best * 1e9 / (20.0 * (double)count), sink);
    }
    fflush(stdout);
    for (size_t i = 0; i < l.kept; i++) {
        free(l.keep[i]);
    }
    free(l.keep);
    free(l.x);
    free(arena);
    free(v);
}
