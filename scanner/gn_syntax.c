/* Name syntax checks for GeneralName forms. See gn_syntax.h. */
#include "scanner/gn_syntax.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "scanner/der.h"

/* --- Domain names --- */

/* Octet classes, one table lookup per octet instead of comparisons and strchr. */
enum {
    CS_GN_URI_CHAR = 0x01, /* RFC 3986 unreserved, gen-delims and sub-delims ('%' apart) */
    CS_GN_ALPHA = 0x02,
    CS_GN_DIGIT = 0x04,
    CS_GN_SCHEME = 0x08, /* ALPHA / DIGIT / "+" / "-" / "." */
    CS_GN_HEX = 0x10,
    CS_GN_ATEXT = 0x20,    /* RFC 5322 atext */
    CS_GN_AUTH_STOP = 0x80 /* '/', '?', '#' (end of an authority) and '@' (end of userinfo) */
};

static const uint8_t cs_gn_class[256] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x21, 0x00, 0xA1, 0x21, 0x20, 0x21, 0x21, 0x01, 0x01, 0x21, 0x29, 0x01, 0x29, 0x09, 0xA1,
    0x3D, 0x3D, 0x3D, 0x3D, 0x3D, 0x3D, 0x3D, 0x3D, 0x3D, 0x3D, 0x01, 0x01, 0x00, 0x21, 0x00, 0xA1,
    0x81, 0x3B, 0x3B, 0x3B, 0x3B, 0x3B, 0x3B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B,
    0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x01, 0x00, 0x01, 0x20, 0x21,
    0x20, 0x3B, 0x3B, 0x3B, 0x3B, 0x3B, 0x3B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B,
    0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x20, 0x20, 0x20, 0x21, 0x00,
};

static int cs_gn_is_alpha(uint8_t c) {
    return (cs_gn_class[c] & CS_GN_ALPHA) != 0;
}

static int cs_gn_is_digit(uint8_t c) {
    return (cs_gn_class[c] & CS_GN_DIGIT) != 0;
}

static int cs_gn_is_hex(uint8_t c) {
    return (cs_gn_class[c] & CS_GN_HEX) != 0;
}

static int cs_gn_starts_ace(const uint8_t *label, size_t n) {
    return n >= 4 && (label[0] | 0x20) == 'x' && (label[1] | 0x20) == 'n' && label[2] == '-' &&
           label[3] == '-';
}

/* CS_DNS_* flag of each octet of a name: 0 for the lowercase LDH characters and '.'. */
static const uint16_t cs_dns_octet[256] = {
    0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100,
    0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100,
    0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100,
    0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x000, 0x000, 0x100, 0x000, 0x000, 0x000, 0x000,
    0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100, 0x100,
    0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400,
    0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400, 0x400,
    0x100, 0x100, 0x100, 0x100, 0x080, 0x100, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,
    0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,
    0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x100, 0x100, 0x100, 0x100, 0x100, 0x002, 0x002,
    0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002,
    0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002,
    0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002,
    0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002,
    0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002,
    0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002,
    0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002,
    0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002,
    0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002,
    0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002, 0x002,
};

/* The label p[start, end): length, hyphens at its ends, and A-label validity. */
static inline __attribute__((always_inline)) uint32_t cs_dns_label_flags(const uint8_t *p,
                                                                         size_t start, size_t end) {
    size_t len = end - start;
    if (len == 0) {
        return CS_DNS_EMPTY_LABEL;
    }
    uint32_t f = len > 63 ? CS_DNS_LABEL_TOO_LONG : 0;
    if (p[start] == '-' || p[end - 1] == '-') {
        f |= CS_DNS_HYPHEN_EDGE;
    }
    if (cs_gn_starts_ace(p + start, len) && !cs_a_label_valid(p + start, len)) {
        f |= CS_DNS_BAD_A_LABEL;
    }
    return f;
}

#if defined(__SSE2__)
/* The common case: at most 64 octets, all lowercase letters, digits, '-' or '.'. Returns 1 and
 * the positions of the dots as bits, 16 octets at a time; 0 when the name needs the octet-by-octet
 * path. */
static int cs_dns_plain_dots(const uint8_t *q, size_t len, uint64_t *out_dots,
                             uint64_t *out_digits) {
    if (len == 0 || len > 64) {
        return 0;
    }
    const __m128i a1 = _mm_set1_epi8('a' - 1), z1 = _mm_set1_epi8('z' + 1);
    const __m128i d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1);
    const __m128i hyphen = _mm_set1_epi8('-'), dot = _mm_set1_epi8('.');
    uint64_t ok = 0, dots = 0, digits = 0;
    for (size_t c = 0; c * 16 < len; c++) {
        __m128i v;
        if (c * 16 + 16 <= len) {
            v = _mm_loadu_si128((const __m128i *)(const void *)(q + c * 16));
        } else {
            /* Never read past the value: the tail goes through a zeroed copy. */
            uint8_t tail[16] = {0};
            memcpy(tail, q + c * 16, len - c * 16);
            v = _mm_loadu_si128((const __m128i *)(const void *)tail);
        }
        __m128i lower = _mm_and_si128(_mm_cmpgt_epi8(v, a1), _mm_cmplt_epi8(v, z1));
        __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, d0), _mm_cmplt_epi8(v, d9));
        __m128i is_dot = _mm_cmpeq_epi8(v, dot);
        __m128i good = _mm_or_si128(_mm_or_si128(lower, digit),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, hyphen), is_dot));
        ok |= (uint64_t)(uint32_t)_mm_movemask_epi8(good) << (c * 16);
        dots |= (uint64_t)(uint32_t)_mm_movemask_epi8(is_dot) << (c * 16);
        digits |= (uint64_t)(uint32_t)_mm_movemask_epi8(digit) << (c * 16);
    }
    uint64_t valid = len == 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1;
    if ((ok & valid) != valid) {
        return 0;
    }
    *out_dots = dots & valid;
    *out_digits = digits & valid;
    return 1;
}
#endif

uint32_t cs_dns_check(const uint8_t *p, size_t n, unsigned options) {
    if (n == 0) {
        return CS_DNS_EMPTY;
    }
    if (n == 1 && p[0] == ' ') {
        return CS_DNS_SPACE;
    }
    uint32_t f = n > 253 ? CS_DNS_TOO_LONG : 0;
    size_t i = 0;
    if (p[0] == '.' && (options & CS_DNS_ALLOW_LEADING_DOT) != 0) {
        f |= CS_DNS_LEADING_DOT;
        i = 1;
    }
    if ((options & CS_DNS_ALLOW_WILDCARD) != 0 && n - i >= 2 && p[i] == '*' && p[i + 1] == '.') {
        f |= CS_DNS_WILDCARD;
        i += 2;
    }
    unsigned labels = 0;
    size_t start = i;
    /* -1: the last label's digits are still to be counted. */
    int numeric = -1;
#if defined(__SSE2__)
    uint64_t dots, digits;
    if (cs_dns_plain_dots(p + i, n - i, &dots, &digits)) {
        while (dots != 0) {
            size_t k = i + (size_t)__builtin_ctzll(dots);
            f |= cs_dns_label_flags(p, start, k);
            labels++;
            dots &= dots - 1;
            start = k + 1;
        }
        f |= cs_dns_label_flags(p, start, n);
        labels++;
        if (start < n) {
            /* At most 64 octets from p + i, so the last label fits the digit mask. */
            size_t w = n - start;
            uint64_t want = w >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << w) - 1;
            numeric = ((digits >> (start - i)) & want) == want;
        }
    } else
#endif
    {
        /* Octet flags accumulate from a table; a label is judged at its dot. */
        for (size_t k = i;; k++) {
            if (k < n) {
                uint8_t c = p[k];
                f |= cs_dns_octet[c];
                if (c != '.') {
                    continue;
                }
            }
            f |= cs_dns_label_flags(p, start, k);
            labels++;
            if (k >= n) {
                break;
            }
            start = k + 1; /* a trailing dot leaves an empty last label */
        }
    }
    if (start < n && numeric < 0) {
        numeric = 1;
        for (size_t k = start; k < n; k++) {
            numeric &= cs_gn_is_digit(p[k]);
        }
    }
    if (start < n && numeric > 0) {
        f |= CS_DNS_NUMERIC_TLD;
    }
    if (labels < 2) {
        f |= CS_DNS_SINGLE_LABEL;
    }
    return f;
}

/* --- Punycode (RFC 3492 §5, §6.2) --- */

enum {
    CS_PC_BASE = 36,
    CS_PC_TMIN = 1,
    CS_PC_TMAX = 26,
    CS_PC_SKEW = 38,
    CS_PC_DAMP = 700,
    CS_PC_INITIAL_BIAS = 72,
    CS_PC_INITIAL_N = 128
};

static uint32_t cs_pc_adapt(uint32_t delta, uint32_t num_points, int first) {
    delta = first ? delta / CS_PC_DAMP : delta / 2;
    delta += delta / num_points;
    uint32_t k = 0;
    while (delta > ((CS_PC_BASE - CS_PC_TMIN) * CS_PC_TMAX) / 2) {
        delta /= CS_PC_BASE - CS_PC_TMIN;
        k += CS_PC_BASE;
    }
    return k + (CS_PC_BASE - CS_PC_TMIN + 1) * delta / (delta + CS_PC_SKEW);
}

static int cs_pc_digit(uint8_t c) {
    if (c >= 'a' && c <= 'z') {
        return c - 'a';
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 26;
    }
    return -1;
}

int cs_punycode_decode(const uint8_t *in, size_t n, uint32_t *out, size_t cap) {
    size_t b = 0;
    for (size_t j = 0; j < n; j++) {
        if (in[j] == '-') {
            b = j;
        }
    }
    if (b > cap) {
        return -1;
    }
    size_t len = 0;
    for (size_t j = 0; j < b; j++) {
        if (in[j] >= 0x80) {
            return -1;
        }
        out[len++] = in[j];
    }
    size_t pos = b > 0 ? b + 1 : 0;
    uint32_t code = CS_PC_INITIAL_N, i = 0, bias = CS_PC_INITIAL_BIAS;
    while (pos < n) {
        uint32_t old_i = i, w = 1;
        for (uint32_t k = CS_PC_BASE;; k += CS_PC_BASE) {
            if (pos >= n) {
                return -1;
            }
            int digit = cs_pc_digit(in[pos++]);
            if (digit < 0 || (uint32_t)digit > (UINT32_MAX - i) / w) {
                return -1;
            }
            i += (uint32_t)digit * w;
            uint32_t t = k <= bias ? CS_PC_TMIN : k >= bias + CS_PC_TMAX ? CS_PC_TMAX : k - bias;
            if ((uint32_t)digit < t) {
                break;
            }
            if (w > UINT32_MAX / (CS_PC_BASE - t)) {
                return -1;
            }
            w *= CS_PC_BASE - t;
        }
        uint32_t points = (uint32_t)len + 1;
        bias = cs_pc_adapt(i - old_i, points, old_i == 0);
        if (i / points > UINT32_MAX - code) {
            return -1;
        }
        code += i / points;
        i %= points;
        /* Basic code points are never encoded as deltas (RFC 3492 §6.2 "fail on basic"). */
        if (code < 0x80 || code > 0x10FFFF || len >= cap) {
            return -1;
        }
        memmove(out + i + 1, out + i, (len - i) * sizeof *out);
        out[i++] = code;
        len++;
    }
    return (int)len;
}

int cs_a_label_valid(const uint8_t *label, size_t n) {
    uint32_t cps[64];
    if (n <= 4) {
        return 0;
    }
    int count = cs_punycode_decode(label + 4, n - 4, cps, sizeof cps / sizeof cps[0]);
    if (count <= 0) {
        return 0;
    }
    int non_ascii = 0;
    for (int i = 0; i < count; i++) {
        if (cps[i] >= 0xD800 && cps[i] <= 0xDFFF) {
            return 0;
        }
        non_ascii |= cps[i] >= 0x80;
    }
    /* "xn--" followed by the encoding of an all-ASCII label is a fake A-label (RFC 5890 §2.3.2.1).
     */
    return non_ascii;
}

/* --- rfc822Name --- */

static int cs_gn_is_atext(uint8_t c) {
    return (cs_gn_class[c] & CS_GN_ATEXT) != 0;
}

/* Local-part = Dot-string / Quoted-string (RFC 5321 §4.1.2). */
static int cs_gn_local_part_ok(const uint8_t *p, size_t n) {
    if (n == 0) {
        return 0;
    }
    if (p[0] == '"') {
        if (n < 2 || p[n - 1] != '"') {
            return 0;
        }
        for (size_t i = 1; i + 1 < n; i++) {
            uint8_t c = p[i];
            if (c == '\\') {
                i++;
                if (i + 1 >= n || p[i] < 0x20 || p[i] > 0x7E) {
                    return 0;
                }
            } else if (c == '"' || c < 0x20 || c > 0x7E) {
                return 0;
            }
        }
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.') {
            if (i == 0 || i + 1 == n || p[i - 1] == '.') {
                return 0;
            }
        } else if (!cs_gn_is_atext(p[i])) {
            return 0;
        }
    }
    return 1;
}

/* Domain / address-literal (RFC 5321 §4.1.2, §4.1.3). */
static int cs_gn_mail_domain_ok(const uint8_t *p, size_t n) {
    if (n == 0) {
        return 0;
    }
    if (p[0] == '[') {
        if (n < 3 || p[n - 1] != ']') {
            return 0;
        }
        for (size_t i = 1; i + 1 < n; i++) {
            if (p[i] < 33 || p[i] > 126 || p[i] == '[' || p[i] == ']' || p[i] == '\\') {
                return 0;
            }
        }
        return 1;
    }
    uint32_t f = cs_dns_check(p, n, 0);
    return (f & (CS_DNS_EMPTY | CS_DNS_NOT_IA5 | CS_DNS_SPACE | CS_DNS_SYNTAX)) == 0;
}

/* The last '@' of p[0, n) (n when there is none) and whether an octet is above 0x7F. */
static size_t cs_mbx_scan(const uint8_t *p, size_t n, uint32_t *f) {
    size_t at = n;
#if defined(__SSE2__)
    /* Addresses are short: 16 octets at a time, the tail through a zeroed copy so that nothing
     * past the value is read. */
    const __m128i at_sign = _mm_set1_epi8('@');
    unsigned high = 0;
    for (size_t c = 0; c < n; c += 16) {
        __m128i v;
        if (c + 16 <= n) {
            v = _mm_loadu_si128((const __m128i *)(const void *)(p + c));
        } else {
            uint8_t tail[16] = {0};
            memcpy(tail, p + c, n - c);
            v = _mm_loadu_si128((const __m128i *)(const void *)tail);
        }
        high |= (unsigned)_mm_movemask_epi8(v);
        unsigned ats = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, at_sign));
        if (ats != 0) {
            at = c + 31 - (size_t)__builtin_clz(ats);
        }
    }
    if (high != 0) {
        *f |= CS_MBX_NOT_IA5;
    }
#else
    for (size_t i = 0; i < n; i++) {
        if (p[i] >= 0x80) {
            *f |= CS_MBX_NOT_IA5;
        }
        if (p[i] == '@') {
            at = i;
        }
    }
#endif
    return at;
}

uint32_t cs_mailbox_check(const uint8_t *p, size_t n) {
    if (n == 0) {
        return CS_MBX_EMPTY;
    }
    uint32_t f = 0;
    /* The last '@': a quoted local part may hold one, a domain cannot. */
    size_t at = cs_mbx_scan(p, n, &f);
    if (at == n) {
        return f | CS_MBX_NO_AT;
    }
    if (!cs_gn_local_part_ok(p, at)) {
        f |= CS_MBX_BAD_LOCAL;
    }
    if (!cs_gn_mail_domain_ok(p + at + 1, n - at - 1)) {
        f |= CS_MBX_BAD_DOMAIN;
    }
    return f;
}

/* --- URI --- */

static int cs_gn_scheme_is(const uint8_t *p, size_t n, const char *name) {
    size_t len = strlen(name);
    if (n != len) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if ((p[i] | 0x20) != name[i]) {
            return 0;
        }
    }
    return 1;
}

static int cs_gn_is_ipv4(const uint8_t *p, size_t n) {
    unsigned parts = 0, value = 0, digits = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || p[i] == '.') {
            if (digits == 0 || value > 255) {
                return 0;
            }
            parts++;
            value = 0;
            digits = 0;
        } else if (cs_gn_is_digit(p[i]) && digits < 3) {
            value = value * 10 + (unsigned)(p[i] - '0');
            digits++;
        } else {
            return 0;
        }
    }
    return parts == 4;
}

/* The inside of "[...]": an IPv6 address or IPvFuture (RFC 3986 §3.2.2), checked loosely. */
static int cs_gn_ip_literal_ok(const uint8_t *p, size_t n) {
    if (n == 0) {
        return 0;
    }
    if ((p[0] | 0x20) == 'v') {
        return n >= 4; /* IPvFuture: "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ) */
    }
    unsigned colons = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == ':') {
            colons++;
        } else if (!cs_gn_is_hex(p[i]) && p[i] != '.') {
            return 0;
        }
    }
    return colons >= 2;
}

/* Host, port and (for ldap://) the LDAP URL parts after "scheme://". */
static uint32_t cs_gn_uri_authority(const uint8_t *p, size_t n, int ldap, int check_host) {
    uint32_t f = 0;
    size_t end = 0, host = 0;
    for (; end < n; end++) {
        if ((cs_gn_class[p[end]] & CS_GN_AUTH_STOP) != 0) {
            if (p[end] != '@') {
                break;
            }
            host = end + 1;
        }
    }
    size_t host_end = end;
    if (!check_host) {
        if (ldap && (host == end || p[host] == ':')) {
            f |= CS_URI_LDAP_NO_HOST;
        }
    } else if (host < end && p[host] == '[') {
        size_t close = host;
        while (close < end && p[close] != ']') {
            close++;
        }
        if (close == end || !cs_gn_ip_literal_ok(p + host + 1, close - host - 1)) {
            f |= CS_URI_BAD_SYNTAX | CS_URI_HOST_INVALID;
        }
        host_end = close < end ? close + 1 : end;
        if (host_end < end && p[host_end] != ':') {
            f |= CS_URI_BAD_SYNTAX;
        }
    } else {
        const void *port = memchr(p + host, ':', end - host);
        if (port != NULL) {
            host_end = (size_t)((const uint8_t *)port - p);
        }
        size_t host_len = host_end - host;
        if (host_len == 0) {
            f |= CS_URI_HOST_INVALID;
            if (ldap) {
                f |= CS_URI_LDAP_NO_HOST;
            }
        } else if (!cs_gn_is_ipv4(p + host, host_len)) {
            uint32_t dns = cs_dns_check(p + host, host_len, CS_DNS_ALLOW_WILDCARD);
            if ((dns & CS_DNS_NOT_FQDN) != 0) {
                f |= CS_URI_HOST_INVALID;
            }
            if ((dns & CS_DNS_TOO_LONG) != 0) {
                f |= CS_URI_HOST_TOO_LONG;
            }
        }
    }
    if (check_host && host_end < end) { /* ":" port */
        for (size_t i = host_end + 1; i < end; i++) {
            if (!cs_gn_is_digit(p[i])) {
                f |= CS_URI_BAD_SYNTAX;
                break;
            }
        }
    }
    if (ldap) {
        /* ldapurl = "ldap://" [hostport] ["/" [dn ["?" [attributes] ...]]] (RFC 4516 §2). */
        size_t dn = end;
        if (dn >= n || p[dn] != '/') {
            return f | CS_URI_LDAP_NO_DN | CS_URI_LDAP_NO_ATTRS;
        }
        dn++;
        size_t dn_end = dn;
        while (dn_end < n && p[dn_end] != '?') {
            dn_end++;
        }
        if (dn_end == dn) {
            f |= CS_URI_LDAP_NO_DN;
        }
        size_t attrs = dn_end + 1, attrs_end = attrs;
        unsigned commas = 0;
        while (attrs_end < n && p[attrs_end] != '?') {
            commas += p[attrs_end] == ',';
            attrs_end++;
        }
        if (dn_end >= n || attrs_end == attrs) {
            f |= CS_URI_LDAP_NO_ATTRS;
        } else if (commas > 0) {
            f |= CS_URI_LDAP_MANY_ATTRS;
        }
    }
    return f;
}

/* 1 when every octet is a URI character other than '%' (RFC 3986 unreserved, gen-delims,
 * sub-delims): the common case, checked 16 octets at a time where SSE2 is available. */
static int cs_gn_uri_plain(const uint8_t *p, size_t n) {
    size_t i = 0;
#if defined(__SSE2__)
    /* Allowed: 0x21..0x7A and '~' except " % < > \\ ^ ` (signed compares: octets >= 0x80 are
     * negative, so they fail the lower bound). */
    const __m128i lo = _mm_set1_epi8(0x20), hi = _mm_set1_epi8(0x7A), tilde = _mm_set1_epi8(0x7E);
    const __m128i x22 = _mm_set1_epi8(0x22), x25 = _mm_set1_epi8(0x25), x3c = _mm_set1_epi8(0x3C),
                  x3e = _mm_set1_epi8(0x3E), x5c = _mm_set1_epi8(0x5C), x5e = _mm_set1_epi8(0x5E),
                  x60 = _mm_set1_epi8(0x60);
    if (n >= 16) {
        for (;; i += 16) {
            if (i + 16 > n) {
                i = n - 16; /* the last block overlaps the one before: no scalar tail */
            }
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            __m128i bad = _mm_or_si128(_mm_cmpeq_epi8(v, x22), _mm_cmpeq_epi8(v, x25));
            bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(v, x3c), _mm_cmpeq_epi8(v, x3e)));
            bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(v, x5c), _mm_cmpeq_epi8(v, x5e)));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, x60));
            bad = _mm_or_si128(bad,
                               _mm_andnot_si128(_mm_cmpeq_epi8(v, tilde), _mm_cmpgt_epi8(v, hi)));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(_mm_cmpgt_epi8(v, lo), _mm_setzero_si128()));
            if (_mm_movemask_epi8(bad) != 0) {
                return 0;
            }
            if (i + 16 >= n) {
                return 1;
            }
        }
    }
#endif
    unsigned special = 0;
    for (; i < n; i++) {
        special |= (cs_gn_class[p[i]] & CS_GN_URI_CHAR) ^ CS_GN_URI_CHAR;
    }
    return special == 0;
}

uint32_t cs_uri_check(const uint8_t *p, size_t n, unsigned options) {
    if (n == 0) {
        return CS_URI_EMPTY;
    }
    uint32_t f = 0;
    /* Most URIs hold only plain URI characters: find that out without branches, and classify
     * the octets one by one only when something else is there. */
    unsigned special = cs_gn_uri_plain(p, n) ? 0 : 1;
    for (size_t i = 0; special != 0 && i < n; i++) {
        uint8_t c = p[i];
        if ((cs_gn_class[c] & CS_GN_URI_CHAR) != 0) {
            continue;
        }
        if (c >= 0x80) {
            f |= CS_URI_NOT_IA5;
        } else if (c == '%') {
            if (i + 2 >= n || !cs_gn_is_hex(p[i + 1]) || !cs_gn_is_hex(p[i + 2])) {
                f |= CS_URI_BAD_SYNTAX;
            }
        } else {
            f |= CS_URI_BAD_SYNTAX;
        }
    }
    /* The usual CRL, OCSP and caIssuers location: its scheme needs no scan. */
    if (n > 7 && memcmp(p, "http://", 7) == 0) {
        if ((options & CS_URI_CHECK_HOST) != 0) {
            f |= cs_gn_uri_authority(p + 7, n - 7, 0, 1);
        }
        return f | CS_URI_HTTP;
    }
    /* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
    size_t colon = 0;
    if (cs_gn_is_alpha(p[0])) {
        colon = 1;
        while (colon < n && (cs_gn_class[p[colon]] & CS_GN_SCHEME) != 0) {
            colon++;
        }
    }
    if (colon == 0 || colon >= n || p[colon] != ':') {
        return f | CS_URI_RELATIVE;
    }
    const uint8_t *rest = p + colon + 1;
    size_t rest_len = n - colon - 1;
    if (rest_len == 0 || (rest_len == 2 && rest[0] == '/' && rest[1] == '/')) {
        return f | CS_URI_NO_SSP;
    }
    if (rest_len >= 2 && rest[0] == '/' && rest[1] == '/') {
        int http = cs_gn_scheme_is(p, colon, "http");
        int ldap = cs_gn_scheme_is(p, colon, "ldap");
        f |= http ? CS_URI_HTTP : 0;
        f |= ldap ? CS_URI_LDAP : 0;
        int check_host = (options & CS_URI_CHECK_HOST) != 0;
        if (ldap || check_host) {
            f |= cs_gn_uri_authority(rest + 2, rest_len - 2, ldap, check_host);
        }
    }
    return f;
}

/* --- SmtpUTF8Mailbox --- */

/* RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF. */
static int cs_gn_utf8_valid(const uint8_t *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint8_t c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp, min;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return 0;
        }
        if (n - i < len) {
            return 0;
        }
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return 0;
        }
        i += len;
    }
    return 1;
}

uint32_t cs_smtputf8_check(uint32_t tag, const uint8_t *p, size_t n) {
    if (tag != CS_DER_UTF8STRING || !cs_gn_utf8_valid(p, n)) {
        return CS_SMTP_NOT_UTF8;
    }
    uint32_t f = 0;
    size_t at = n;
    int ascii_local = 1;
    for (size_t i = 0; i < n; i++) {
        if (i + 2 < n && p[i] == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF) {
            f |= CS_SMTP_BOM;
        }
        if (p[i] == '@') {
            at = i;
        }
    }
    if (at == n || at == 0 || at + 1 == n) {
        return f | CS_SMTP_SYNTAX;
    }
    for (size_t i = 0; i < at; i++) {
        ascii_local &= p[i] < 0x80;
    }
    if (ascii_local) {
        f |= CS_SMTP_ASCII_LOCAL;
    }
    uint32_t dns = cs_dns_check(p + at + 1, n - at - 1, 0);
    if ((dns & (CS_DNS_NOT_IA5 | CS_DNS_SPACE | CS_DNS_SYNTAX)) != 0) {
        f |= CS_SMTP_BAD_DOMAIN;
    }
    if ((dns & CS_DNS_UPPERCASE) != 0) {
        f |= CS_SMTP_UPPERCASE;
    }
    return f;
}

/* --- iPAddress constraints --- */

uint32_t cs_ip_constraint_check(const uint8_t *p, size_t n) {
    if (n != 8 && n != 32) {
        return CS_IPNC_LENGTH;
    }
    size_t half = n / 2;
    int zero_seen = 0;
    for (size_t i = 0; i < half; i++) {
        uint8_t mask = p[half + i];
        if ((p[i] & (uint8_t)~mask) != 0) {
            return CS_IPNC_NOT_CIDR;
        }
        for (int bit = 7; bit >= 0; bit--) {
            if ((mask >> bit) & 1u) {
                if (zero_seen) {
                    return CS_IPNC_NOT_CIDR;
                }
            } else {
                zero_seen = 1;
            }
        }
    }
    return 0;
}
