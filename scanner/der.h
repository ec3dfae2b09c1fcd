/* Strict, zero-copy DER reader (ITU-T X.690 §8 and §10).
 *
 * A cs_der is a read cursor over bytes it does not own: {ptr, len}. Every getter advances the
 * cursor on success and returns 1; on failure it returns 0, leaves the cursor unspecified and
 * fills the cs_der_error with what went wrong and the byte offset where it happened. Offsets are
 * measured from cs_der_error.base, which the caller sets to the start of the input buffer.
 *
 * Strict means: definite lengths only, minimal length octets, at most 4 length octets, tag
 * numbers in the shortest form, and no bytes after the outermost element where the caller asks
 * for that. For a linter these are rejections the user must hear about, never silent repairs.
 */
#ifndef CS_DER_H
#define CS_DER_H

#include <stddef.h>
#include <stdint.h>

typedef struct cs_der {
    const uint8_t *ptr;
    size_t len;
} cs_der;

/* Tags: class in bits 30-31, constructed flag in bit 29, tag number below. */
#define CS_DER_CLASS_UNIVERSAL   0x00000000u
#define CS_DER_CLASS_APPLICATION 0x40000000u
#define CS_DER_CLASS_CONTEXT     0x80000000u
#define CS_DER_CLASS_PRIVATE     0xC0000000u
#define CS_DER_CLASS_MASK        0xC0000000u
#define CS_DER_CONSTRUCTED       0x20000000u
#define CS_DER_NUMBER_MASK       0x1FFFFFFFu

#define CS_DER_BOOLEAN         0x01u
#define CS_DER_INTEGER         0x02u
#define CS_DER_BIT_STRING      0x03u
#define CS_DER_OCTET_STRING    0x04u
#define CS_DER_NULL            0x05u
#define CS_DER_OID             0x06u
#define CS_DER_ENUMERATED      0x0Au
#define CS_DER_UTF8STRING      0x0Cu
#define CS_DER_NUMERICSTRING   0x12u
#define CS_DER_PRINTABLESTRING 0x13u
#define CS_DER_TELETEXSTRING   0x14u
#define CS_DER_VIDEOTEXSTRING  0x15u
#define CS_DER_IA5STRING       0x16u
#define CS_DER_UTCTIME         0x17u
#define CS_DER_GENERALIZEDTIME 0x18u
#define CS_DER_GRAPHICSTRING   0x19u
#define CS_DER_VISIBLESTRING   0x1Au
#define CS_DER_GENERALSTRING   0x1Bu
#define CS_DER_UNIVERSALSTRING 0x1Cu
#define CS_DER_BMPSTRING       0x1Eu
#define CS_DER_SEQUENCE        (0x10u | CS_DER_CONSTRUCTED)
#define CS_DER_SET             (0x11u | CS_DER_CONSTRUCTED)
#define CS_DER_CONTEXT(n)      (CS_DER_CLASS_CONTEXT | (uint32_t)(n))
#define CS_DER_CONTEXT_CONS(n) (CS_DER_CLASS_CONTEXT | CS_DER_CONSTRUCTED | (uint32_t)(n))

/* Default nesting bound for generic tree walks. Certificates nest about 12 deep. */
#define CS_DER_MAX_DEPTH 32

typedef enum cs_der_status {
    CS_DER_OK = 0,
    CS_DER_TRUNCATED,         /* an element runs past the end of its container */
    CS_DER_INDEFINITE_LENGTH, /* X.690 §10.1: DER uses the definite form only */
    CS_DER_NONMINIMAL_LENGTH, /* X.690 §10.1: the fewest length octets */
    CS_DER_LENGTH_OVERFLOW,   /* more than 4 length octets */
    CS_DER_BAD_TAG,           /* non-minimal high tag number, or one that does not fit */
    CS_DER_UNEXPECTED_TAG,    /* a different element than the structure requires */
    CS_DER_TRAILING_DATA,     /* bytes after the last element */
    CS_DER_TOO_DEEP,          /* nesting beyond the bound */
    CS_DER_BAD_INTEGER,       /* empty INTEGER */
    CS_DER_BAD_BOOLEAN,       /* length other than 1 */
    CS_DER_BAD_OID,           /* empty, truncated or non-minimal arc */
    CS_DER_BAD_BITSTRING,     /* missing or invalid unused-bits octet */
    CS_DER_BAD_TIME,          /* a time value that is not a date */
    CS_DER_BAD_VALUE,         /* a value outside what the structure allows */
    CS_DER_LIMIT,             /* a structure exceeds a bound of the view (documented) */
    CS_DER_STATUS_COUNT
} cs_der_status;

typedef struct cs_der_error {
    const uint8_t *base; /* set by the caller: offsets are relative to it */
    cs_der_status status;
    size_t offset;     /* where the offending element or octet starts */
    const char *where; /* the structure being read, e.g. "tbsCertificate.validity" */
} cs_der_error;

/* A short stable name for a status, e.g. "nonminimal_length". */
const char *cs_der_status_name(cs_der_status status);
/* A human sentence for a status, e.g. "length not minimally encoded". */
const char *cs_der_status_text(cs_der_status status);

static inline cs_der cs_der_make(const uint8_t *ptr, size_t len) {
    cs_der d = {ptr, len};
    return d;
}

/* Records a failure at `at` (which must lie within or just past the input) and returns 0. */
int cs_der_fail(cs_der_error *err, cs_der_status status, const uint8_t *at, const char *where);

/* Out-of-line readers behind the inline fast paths below; they decide every case. */
int cs_der_get_slow(cs_der *cur, uint32_t tag, cs_der *out_content, cs_der_error *err,
                    const char *where);
int cs_der_get_element_slow(cs_der *cur, uint32_t tag, cs_der *out_element, cs_der *out_content,
                            cs_der_error *err, const char *where);

/* The common case, inline: a minimal definite length below 65536 that fits in `avail`. Sets the
 * header size (identifier octet included) and content length; 0 sends the caller to the
 * out-of-line reader, which decides every other case. */
static inline int cs_der_fast_length(const uint8_t *p, size_t avail, size_t *out_header,
                                     size_t *out_len);

static inline int cs_der_fast_header(const uint8_t *p, size_t avail, size_t *out_header,
                                     size_t *out_len) {
    if (avail < 2 || (p[0] & 0x1F) == 0x1F) {
        return 0;
    }
    return cs_der_fast_length(p, avail, out_header, out_len);
}

/* The length part of cs_der_fast_header, for a caller that has already seen at least two
 * octets and a low tag number at `p`. */
static inline int cs_der_fast_length(const uint8_t *p, size_t avail, size_t *out_header,
                                     size_t *out_len) {
    size_t header, len;
    uint8_t lb = p[1];
    if (lb < 0x80) {
        header = 2;
        len = lb;
    } else if (lb == 0x81 && avail >= 3 && p[2] >= 0x80) {
        header = 3;
        len = p[2];
    } else if (lb == 0x82 && avail >= 4 && p[2] != 0) {
        header = 4;
        len = (size_t)p[2] << 8 | p[3];
    } else {
        return 0;
    }
    if (avail - header < len) {
        return 0;
    }
    *out_header = header;
    *out_len = len;
    return 1;
}

/* Consumes the element at the cursor into the outputs (either may be NULL). */
static inline void cs_der_take(cs_der *cur, size_t header, size_t len, cs_der *out_element,
                               cs_der *out_content) {
    if (out_element != NULL) {
        out_element->ptr = cur->ptr;
        out_element->len = header + len;
    }
    if (out_content != NULL) {
        out_content->ptr = cur->ptr + header;
        out_content->len = len;
    }
    cur->ptr += header + len;
    cur->len -= header + len;
}

/* Fast path for an expected low tag number (< 31): returns 0 without consuming anything when the
 * element is anything else, or malformed. */
static inline int cs_der_try_fast(cs_der *cur, uint32_t tag, cs_der *out_element,
                                  cs_der *out_content) {
    size_t header, len;
    /* The identifier octet first: a mismatch (an absent OPTIONAL field) costs one compare, and
     * a match with a tag number below 31 already rules out the high-tag-number form. */
    if ((tag & CS_DER_NUMBER_MASK) >= 31 || cur->len < 2 ||
        cur->ptr[0] != (uint8_t)(((tag & CS_DER_CLASS_MASK) >> 24) |
                                 ((tag & CS_DER_CONSTRUCTED) >> 24) | (tag & 0x1Fu)) ||
        !cs_der_fast_length(cur->ptr, cur->len, &header, &len)) {
        return 0;
    }
    cs_der_take(cur, header, len, out_element, out_content);
    return 1;
}

/* The same without a tag check: returns the tag, or 0 (tag 0 is reserved, never valid) when the
 * element needs the out-of-line reader. */
static inline uint32_t cs_der_try_fast_any(cs_der *cur, cs_der *out_element, cs_der *out_content) {
    size_t header, len;
    if (!cs_der_fast_header(cur->ptr, cur->len, &header, &len) || cur->ptr[0] == 0) {
        return 0;
    }
    uint8_t id = cur->ptr[0];
    uint32_t tag = ((uint32_t)(id & 0xC0) << 24) | ((uint32_t)(id & 0x20) << 24) | (id & 0x1Fu);
    cs_der_take(cur, header, len, out_element, out_content);
    return tag;
}

int cs_der_get_any_slow(cs_der *cur, uint32_t *out_tag, cs_der *out_element, cs_der *out_content,
                        cs_der_error *err, const char *where);
int cs_der_get_optional_slow(cs_der *cur, uint32_t tag, cs_der *out_content, int *out_present,
                             cs_der_error *err, const char *where);

/* Reads one element of any tag. `out_element` covers header and content, `out_content` only
 * the content; either may be NULL, and so may `out_tag`. */
static inline int cs_der_get_any(cs_der *cur, uint32_t *out_tag, cs_der *out_element,
                                 cs_der *out_content, cs_der_error *err, const char *where) {
    uint32_t tag = cs_der_try_fast_any(cur, out_element, out_content);
    if (tag != 0) {
        if (out_tag != NULL) {
            *out_tag = tag;
        }
        return 1;
    }
    return cs_der_get_any_slow(cur, out_tag, out_element, out_content, err, where);
}

/* Reads one element that must have tag `tag`; `out_content` gets its content. */
static inline int cs_der_get(cs_der *cur, uint32_t tag, cs_der *out_content, cs_der_error *err,
                             const char *where) {
    return cs_der_try_fast(cur, tag, NULL, out_content) ||
           cs_der_get_slow(cur, tag, out_content, err, where);
}

/* Like cs_der_get, but `out_element` also gets the whole TLV (header included). Either output
 * may be NULL. */
static inline int cs_der_get_element(cs_der *cur, uint32_t tag, cs_der *out_element,
                                     cs_der *out_content, cs_der_error *err, const char *where) {
    cs_der ignored;
    return cs_der_try_fast(cur, tag, out_element, out_content != NULL ? out_content : &ignored) ||
           cs_der_get_element_slow(cur, tag, out_element, out_content, err, where);
}

/* If the next element has tag `tag`, reads it (and sets *out_present to 1); otherwise leaves the
 * cursor alone and sets *out_present to 0. Fails only on a malformed element. */
static inline int cs_der_get_optional(cs_der *cur, uint32_t tag, cs_der *out_content,
                                      int *out_present, cs_der_error *err, const char *where) {
    if (cur->len == 0) {
        *out_present = 0;
        return 1;
    }
    if (cs_der_try_fast(cur, tag, NULL, out_content)) {
        *out_present = 1;
        return 1;
    }
    /* Another element, well-formed as far as its header goes: absent. (The out-of-line path
     * decides every other case, including a malformed next element, which is an error.) */
    cs_der probe = *cur;
    if (cs_der_try_fast_any(&probe, NULL, NULL) != 0) {
        *out_present = 0;
        return 1;
    }
    return cs_der_get_optional_slow(cur, tag, out_content, out_present, err, where);
}

/* The tag of the next element without consuming it; 0 at the end or on a malformed tag. */
int cs_der_peek_tag(const cs_der *cur, uint32_t *out_tag);

/* Fails with CS_DER_TRAILING_DATA unless the cursor is empty. */
int cs_der_expect_end(const cs_der *cur, cs_der_error *err, const char *where);

/* Checks that `in` is a sequence of well-formed DER elements, descending into every constructed
 * element down to `max_depth` levels. Used for ANY-typed content the view does not interpret. */
int cs_der_validate_tree(cs_der in, unsigned max_depth, cs_der_error *err, const char *where);

/* --- Validators over element content (they do not advance anything) --- */

/* INTEGER content: non-empty. Sets *out_negative and *out_minimal (X.690 §8.3.2: the first nine
 * bits are not all zero or all one). */
int cs_der_check_integer(cs_der content, int *out_negative, int *out_minimal);
/* Small non-negative INTEGER into *out (fails if negative or above INT64_MAX). */
int cs_der_parse_uint64(cs_der content, uint64_t *out);
/* OID content: non-empty, every arc minimal, last octet terminates an arc. */
int cs_der_check_oid(cs_der content);
/* BIT STRING content: unused-bits octet 0..7, zero when empty, and unused bits zero (DER). Sets
 * *out_unused. Returns 0 when not valid; *out_der_ok is 0 when valid BER but the padding bits are
 * not zero. */
int cs_der_check_bitstring(cs_der content, unsigned *out_unused, int *out_der_ok);
/* Named-bit value of a BIT STRING as bits 0..63 (bit 0 = first bit), for keyUsage and similar. */
uint64_t cs_der_bitstring_bits(cs_der content);

/* Writes the dotted form of an OID into buf (always NUL-terminated); returns the length, or 0 if
 * the OID is malformed. Arcs above 2^64 are printed as "?". */
size_t cs_der_oid_to_string(cs_der content, char *buf, size_t buf_len);

/* Equality of two byte ranges. */
int cs_der_equal(cs_der a, cs_der b);

#endif
