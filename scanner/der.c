#include "scanner/der.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    const char *text;
} cs_der_status_info[CS_DER_STATUS_COUNT] = {
    [CS_DER_OK] = {"ok", "no error"},
    [CS_DER_TRUNCATED] = {"truncated", "element runs past the end of its container"},
    [CS_DER_INDEFINITE_LENGTH] = {"indefinite_length", "indefinite length (not allowed in DER)"},
    [CS_DER_NONMINIMAL_LENGTH] = {"nonminimal_length", "length not minimally encoded"},
    [CS_DER_LENGTH_OVERFLOW] = {"length_overflow", "length field longer than 4 octets"},
    [CS_DER_BAD_TAG] = {"bad_tag", "malformed tag"},
    [CS_DER_UNEXPECTED_TAG] = {"unexpected_tag", "unexpected tag"},
    [CS_DER_TRAILING_DATA] = {"trailing_data", "trailing data after the last element"},
    [CS_DER_TOO_DEEP] = {"too_deep", "nesting too deep"},
    [CS_DER_BAD_INTEGER] = {"bad_integer", "malformed INTEGER"},
    [CS_DER_BAD_BOOLEAN] = {"bad_boolean", "malformed BOOLEAN"},
    [CS_DER_BAD_OID] = {"bad_oid", "malformed OBJECT IDENTIFIER"},
    [CS_DER_BAD_BITSTRING] = {"bad_bitstring", "malformed BIT STRING"},
    [CS_DER_BAD_TIME] = {"bad_time", "malformed time"},
    [CS_DER_BAD_VALUE] = {"bad_value", "value not allowed here"},
    [CS_DER_LIMIT] = {"limit", "structure exceeds a limit of the reader"},
};

const char *cs_der_status_name(cs_der_status status) {
    if ((unsigned)status >= CS_DER_STATUS_COUNT) {
        return "unknown";
    }
    return cs_der_status_info[status].name;
}

const char *cs_der_status_text(cs_der_status status) {
    if ((unsigned)status >= CS_DER_STATUS_COUNT) {
        return "unknown error";
    }
    return cs_der_status_info[status].text;
}

int cs_der_fail(cs_der_error *err, cs_der_status status, const uint8_t *at, const char *where) {
    if (err != NULL) {
        err->status = status;
        err->offset = (err->base != NULL && at >= err->base) ? (size_t)(at - err->base) : 0;
        err->where = where;
    }
    return 0;
}

/* Parses identifier and length octets. On success *out_header is the header size and
 * *out_len the content length, already checked against the bytes available. */
static int cs_der_parse_header(const uint8_t *p, size_t avail, uint32_t *out_tag,
                               size_t *out_header, size_t *out_len, cs_der_error *err,
                               const char *where) {
    if (avail < 2) {
        return cs_der_fail(err, CS_DER_TRUNCATED, p, where);
    }
    uint8_t id = p[0];
    uint32_t tag = ((uint32_t)(id & 0xC0) << 24) | ((uint32_t)(id & 0x20) << 24);
    size_t i = 1;
    if ((id & 0x1F) != 0x1F) {
        tag |= id & 0x1Fu;
    } else {
        /* X.690 §8.1.2.4: high tag number form, base 128, no leading 0x80 octet, and only for
         * numbers of 31 and above (§8.1.2.2 otherwise). */
        uint32_t number = 0;
        for (;;) {
            if (i >= avail) {
                return cs_der_fail(err, CS_DER_TRUNCATED, p, where);
            }
            uint8_t b = p[i++];
            if (number == 0 && b == 0x80) {
                return cs_der_fail(err, CS_DER_BAD_TAG, p, where);
            }
            if (number > (CS_DER_NUMBER_MASK >> 7)) {
                return cs_der_fail(err, CS_DER_BAD_TAG, p, where);
            }
            number = (number << 7) | (b & 0x7Fu);
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (number < 31) {
            return cs_der_fail(err, CS_DER_BAD_TAG, p, where);
        }
        tag |= number;
    }
    if (i >= avail) {
        return cs_der_fail(err, CS_DER_TRUNCATED, p, where);
    }
    uint8_t lb = p[i++];
    size_t len;
    if (lb < 0x80) {
        len = lb;
    } else if (lb == 0x80) {
        return cs_der_fail(err, CS_DER_INDEFINITE_LENGTH, p, where);
    } else {
        size_t num = lb & 0x7Fu;
        if (num > 4) {
            return cs_der_fail(err, CS_DER_LENGTH_OVERFLOW, p, where);
        }
        if (avail - i < num) {
            return cs_der_fail(err, CS_DER_TRUNCATED, p, where);
        }
        if (p[i] == 0) {
            return cs_der_fail(err, CS_DER_NONMINIMAL_LENGTH, p, where);
        }
        len = 0;
        for (size_t k = 0; k < num; k++) {
            len = (len << 8) | p[i + k];
        }
        i += num;
        if (len < 0x80) {
            return cs_der_fail(err, CS_DER_NONMINIMAL_LENGTH, p, where);
        }
    }
    if (avail - i < len) {
        return cs_der_fail(err, CS_DER_TRUNCATED, p, where);
    }
    *out_tag = tag;
    *out_header = i;
    *out_len = len;
    return 1;
}

int cs_der_get_any_slow(cs_der *cur, uint32_t *out_tag, cs_der *out_element, cs_der *out_content,
                        cs_der_error *err, const char *where) {
    uint32_t tag;
    size_t header, len;
    if (!cs_der_parse_header(cur->ptr, cur->len, &tag, &header, &len, err, where)) {
        return 0;
    }
    if (out_tag != NULL) {
        *out_tag = tag;
    }
    if (out_element != NULL) {
        *out_element = cs_der_make(cur->ptr, header + len);
    }
    if (out_content != NULL) {
        *out_content = cs_der_make(cur->ptr + header, len);
    }
    cur->ptr += header + len;
    cur->len -= header + len;
    return 1;
}

int cs_der_get_element_slow(cs_der *cur, uint32_t tag, cs_der *out_element, cs_der *out_content,
                            cs_der_error *err, const char *where) {
    const uint8_t *start = cur->ptr;
    uint32_t got;
    cs_der save = *cur;
    if (!cs_der_get_any(cur, &got, out_element, out_content, err, where)) {
        return 0;
    }
    if (got != tag) {
        *cur = save;
        return cs_der_fail(err, CS_DER_UNEXPECTED_TAG, start, where);
    }
    return 1;
}

int cs_der_get_slow(cs_der *cur, uint32_t tag, cs_der *out_content, cs_der_error *err,
                    const char *where) {
    return cs_der_get_element_slow(cur, tag, NULL, out_content, err, where);
}

int cs_der_peek_tag(const cs_der *cur, uint32_t *out_tag) {
    uint32_t tag;
    size_t header, len;
    if (cur->len == 0 || !cs_der_parse_header(cur->ptr, cur->len, &tag, &header, &len, NULL, "")) {
        return 0;
    }
    *out_tag = tag;
    return 1;
}

int cs_der_get_optional_slow(cs_der *cur, uint32_t tag, cs_der *out_content, int *out_present,
                             cs_der_error *err, const char *where) {
    *out_present = 0;
    if (cur->len == 0) {
        return 1;
    }
    uint32_t got;
    size_t header, len;
    if (!cs_der_parse_header(cur->ptr, cur->len, &got, &header, &len, err, where)) {
        return 0;
    }
    if (got != tag) {
        return 1;
    }
    *out_present = 1;
    return cs_der_get(cur, tag, out_content, err, where);
}

int cs_der_expect_end(const cs_der *cur, cs_der_error *err, const char *where) {
    if (cur->len != 0) {
        return cs_der_fail(err, CS_DER_TRAILING_DATA, cur->ptr, where);
    }
    return 1;
}

int cs_der_validate_tree(cs_der in, unsigned max_depth, cs_der_error *err, const char *where) {
    while (in.len > 0) {
        uint32_t tag;
        const uint8_t *at = in.ptr;
        cs_der content;
        if (!cs_der_get_any(&in, &tag, NULL, &content, err, where)) {
            return 0;
        }
        if (tag & CS_DER_CONSTRUCTED) {
            if (max_depth == 0) {
                return cs_der_fail(err, CS_DER_TOO_DEEP, at, where);
            }
            if (!cs_der_validate_tree(content, max_depth - 1, err, where)) {
                return 0;
            }
        }
    }
    return 1;
}

int cs_der_check_integer(cs_der content, int *out_negative, int *out_minimal) {
    if (content.len == 0) {
        return 0;
    }
    *out_negative = (content.ptr[0] & 0x80) != 0;
    *out_minimal = 1;
    if (content.len > 1) {
        if ((content.ptr[0] == 0x00 && (content.ptr[1] & 0x80) == 0) ||
            (content.ptr[0] == 0xFF && (content.ptr[1] & 0x80) != 0)) {
            *out_minimal = 0;
        }
    }
    return 1;
}

int cs_der_parse_uint64(cs_der content, uint64_t *out) {
    int negative, minimal;
    if (!cs_der_check_integer(content, &negative, &minimal) || negative) {
        return 0;
    }
    size_t i = 0;
    while (i + 1 < content.len && content.ptr[i] == 0) {
        i++;
    }
    if (content.len - i > 8 || (content.len - i == 8 && (content.ptr[i] & 0x80))) {
        return 0;
    }
    uint64_t v = 0;
    for (; i < content.len; i++) {
        v = (v << 8) | content.ptr[i];
    }
    *out = v;
    return 1;
}

/* Bit 7 of each byte lane set where the byte equals 0x80 (SWAR, exact: no false positives). */
static inline uint64_t cs_swar_eq80(uint64_t w) {
    uint64_t x = w ^ 0x8080808080808080ull; /* 0x00 where the byte was 0x80 */
    return ~(((x & 0x7F7F7F7F7F7F7F7Full) + 0x7F7F7F7F7F7F7F7Full) | x) & 0x8080808080808080ull;
}

int cs_der_check_oid(cs_der content) {
    size_t n = content.len;
    const uint8_t *p = content.ptr;
    if (n == 0 || p[n - 1] >= 0x80) {
        return 0;
    }
    /* X.690 §8.19.2: each arc in the fewest octets, so no arc starts with 0x80. An arc starts at
     * octet 0 and after every octet below 0x80. Most OIDs are short: octet by octet they cost
     * less than assembling words. */
    if (n <= 16) {
        uint8_t prev = 0;
        for (size_t i = 0; i < n; i++) {
            if (p[i] == 0x80 && prev < 0x80) {
                return 0;
            }
            prev = p[i];
        }
        return 1;
    }
    /* Longer ones eight octets at a time: `cont` has bit 7 set in
     * each lane whose octet continues an arc; shifted by one lane it says whether the previous
     * octet did, and carry holds the last lane of the previous word. */
    uint64_t carry = 0;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t w = 0;
        size_t take = n - i < 8 ? n - i : 8;
        memcpy(&w, p + i, take); /* little-endian lanes; missing lanes read as 0x00 */
        uint64_t cont = w & 0x8080808080808080ull;
        uint64_t prev_cont = (cont << 8) | carry;
        if (cs_swar_eq80(w) & ~prev_cont & 0x8080808080808080ull) {
            return 0;
        }
        carry = cont >> 56;
    }
    return 1;
}

int cs_der_check_bitstring(cs_der content, unsigned *out_unused, int *out_der_ok) {
    if (content.len == 0) {
        return 0;
    }
    unsigned unused = content.ptr[0];
    if (unused > 7 || (content.len == 1 && unused != 0)) {
        return 0;
    }
    *out_unused = unused;
    *out_der_ok = 1;
    if (unused != 0) {
        uint8_t mask = (uint8_t)((1u << unused) - 1);
        if (content.ptr[content.len - 1] & mask) {
            *out_der_ok = 0;
        }
    }
    return 1;
}

uint64_t cs_der_bitstring_bits(cs_der content) {
    uint64_t bits = 0;
    for (size_t i = 1; i < content.len && i <= 8; i++) {
        for (unsigned b = 0; b < 8; b++) {
            if (content.ptr[i] & (0x80u >> b)) {
                bits |= (uint64_t)1 << ((i - 1) * 8 + b);
            }
        }
    }
    return bits;
}

size_t cs_der_oid_to_string(cs_der content, char *buf, size_t buf_len) {
    if (buf_len == 0) {
        return 0;
    }
    buf[0] = '\0';
    if (!cs_der_check_oid(content)) {
        return 0;
    }
    size_t out = 0;
    uint64_t value = 0;
    int overflow = 0, first = 1;
    for (size_t i = 0; i < content.len; i++) {
        uint8_t b = content.ptr[i];
        if (value > (UINT64_MAX >> 7)) {
            overflow = 1;
        }
        value = (value << 7) | (b & 0x7Fu);
        if (b & 0x80) {
            continue;
        }
        char arc[48];
        int n;
        if (overflow) {
            n = snprintf(arc, sizeof arc, first ? "?" : ".?");
        } else if (first) {
            /* X.690 §8.19.4: the first octets combine the first two arcs as 40 * X + Y. */
            uint64_t x = value < 40 ? 0 : value < 80 ? 1 : 2;
            n = snprintf(arc, sizeof arc, "%llu.%llu", (unsigned long long)x,
                         (unsigned long long)(value - 40 * x));
        } else {
            n = snprintf(arc, sizeof arc, ".%llu", (unsigned long long)value);
        }
        if (n < 0 || out + (size_t)n >= buf_len) {
            /* Never hand back a silently cut OID: the caller sees an empty string and 0. */
            buf[0] = '\0';
            return 0;
        }
        memcpy(buf + out, arc, (size_t)n + 1);
        out += (size_t)n;
        value = 0;
        overflow = 0;
        first = 0;
    }
    return out;
}

int cs_der_equal(cs_der a, cs_der b) {
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}
