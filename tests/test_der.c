/* The strict DER reader (scanner/der.c) and the certificate view (scanner/x509.c) on valid and
 * on crafted malformed input. Every rejection is checked for its exact status and byte offset:
 * the offset is what certscan prints to a user, so a wrong one is a bug too. */
#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/pem.h>

#include "scanner/der.h"
#include "scanner/x509.h"
#include "tests/support/derb.h"

/* Checks status, offset (from err.base) and, when wh is not NULL, the structure name. */
#define ASSERT_ERR(err, st, off, wh)                                                               \
    do {                                                                                           \
        cr_assert_eq((err).status, (st), "status %s, expected %s",                                 \
                     cs_der_status_name((err).status), cs_der_status_name(st));                    \
        cr_assert_eq((err).offset, (size_t)(off), "offset %zu, expected %zu", (err).offset,        \
                     (size_t)(off));                                                               \
        if ((wh) != NULL) {                                                                        \
            cr_assert_not_null((err).where);                                                       \
            cr_assert_str_eq((err).where, (const char *)(wh));                                     \
        }                                                                                          \
    } while (0)

static cs_der_error err_at(const uint8_t *base) {
    cs_der_error e = {base, CS_DER_OK, 0, NULL};
    return e;
}

/* ------------------------------------------------------------------------------------------ */
/* Element headers                                                                            */
/* ------------------------------------------------------------------------------------------ */

/* Two junk octets precede every case so that offsets are checked relative to err.base and not
 * to the cursor. */
#define PREFIX 2

typedef struct hdr_case {
    const char *name;
    uint8_t bytes[12];
    size_t len;
    cs_der_status status; /* CS_DER_OK for a valid element */
    uint32_t tag;         /* valid: the decoded tag */
    size_t header;        /* valid: header octets */
    size_t content;       /* valid: content octets */
} hdr_case;

/* A case: the bytes as the variadic tail, their count taken from the same list. */
#define VALID(name, tag, header, content, ...)                                                     \
    { name, {__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}), CS_DER_OK, tag, header, content }
#define BAD(name, status, ...)                                                                     \
    { name, {__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}), status, 0, 0, 0 }

static const hdr_case header_cases[] = {
    /* Valid short and long forms, classes and tag numbers. */
    VALID("integer", CS_DER_INTEGER, 2, 1, 0x02, 0x01, 0x05),
    VALID("null", CS_DER_NULL, 2, 0, 0x05, 0x00),
    VALID("sequence", CS_DER_SEQUENCE, 2, 0, 0x30, 0x00),
    VALID("set", CS_DER_SET, 2, 0, 0x31, 0x00),
    VALID("context prim 3", CS_DER_CONTEXT(3), 2, 0, 0x83, 0x00),
    VALID("context cons 3", CS_DER_CONTEXT_CONS(3), 2, 0, 0xA3, 0x00),
    VALID("application cons 0", CS_DER_CLASS_APPLICATION | CS_DER_CONSTRUCTED, 2, 0, 0x60, 0x00),
    VALID("private prim 30", CS_DER_CLASS_PRIVATE | 30u, 2, 0, 0xDE, 0x00),
    VALID("high tag 31", CS_DER_CONTEXT(31), 3, 0, 0x9F, 0x1F, 0x00),
    VALID("high tag 127", CS_DER_CONTEXT(127), 3, 0, 0x9F, 0x7F, 0x00),
    VALID("high tag 128 constructed", CS_DER_CONTEXT_CONS(128), 4, 0, 0xBF, 0x81, 0x00, 0x00),
    VALID("application high tag", CS_DER_CLASS_APPLICATION | 32u, 3, 1, 0x5F, 0x20, 0x01, 0xAA),
    VALID("largest tag number", CS_DER_CLASS_PRIVATE | 0x1FFFFFFFu, 7, 0, 0xDF, 0x81, 0xFF, 0xFF,
          0xFF, 0x7F, 0x00),
    VALID("universal high tag 31", 31u, 3, 0, 0x1F, 0x1F, 0x00),

    /* Truncated headers and contents. */
    {"empty", {0}, 0, CS_DER_TRUNCATED, 0, 0, 0},
    BAD("tag only", CS_DER_TRUNCATED, 0x02),
    BAD("content short by one", CS_DER_TRUNCATED, 0x02, 0x03, 0x01, 0x02),
    BAD("content missing", CS_DER_TRUNCATED, 0x04, 0x05),
    BAD("length octets missing", CS_DER_TRUNCATED, 0x04, 0x81),
    BAD("length octets short", CS_DER_TRUNCATED, 0x04, 0x82, 0x01),
    BAD("4-octet length past the end", CS_DER_TRUNCATED, 0x04, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x00),
    BAD("largest 4-octet length", CS_DER_TRUNCATED, 0x04, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x00),
    BAD("high tag unterminated", CS_DER_TRUNCATED, 0x9F, 0x81),
    BAD("high tag without length", CS_DER_TRUNCATED, 0x9F, 0x1F),

    /* Lengths not in the shortest form (X.690 §10.1). */
    BAD("0x81 0x05", CS_DER_NONMINIMAL_LENGTH, 0x04, 0x81, 0x05, 1, 2, 3, 4, 5),
    BAD("0x81 0x7F", CS_DER_NONMINIMAL_LENGTH, 0x04, 0x81, 0x7F),
    BAD("0x81 0x00", CS_DER_NONMINIMAL_LENGTH, 0x30, 0x81, 0x00),
    BAD("0x82 0x00 0x80", CS_DER_NONMINIMAL_LENGTH, 0x04, 0x82, 0x00, 0x80),
    BAD("0x82 0x00 0x05", CS_DER_NONMINIMAL_LENGTH, 0x04, 0x82, 0x00, 0x05, 1, 2, 3, 4, 5),
    BAD("0x83 0x00 0x01 0x00", CS_DER_NONMINIMAL_LENGTH, 0x04, 0x83, 0x00, 0x01, 0x00),
    BAD("0x84 leading zero", CS_DER_NONMINIMAL_LENGTH, 0x04, 0x84, 0x00, 0x00, 0x00, 0x01, 0x00),

    /* Length fields over 4 octets, and the indefinite form. */
    BAD("5 length octets", CS_DER_LENGTH_OVERFLOW, 0x04, 0x85, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00),
    BAD("5 length octets, truncated", CS_DER_LENGTH_OVERFLOW, 0x04, 0x85, 0x01),
    BAD("0xFF length", CS_DER_LENGTH_OVERFLOW, 0x04, 0xFF),
    BAD("indefinite constructed", CS_DER_INDEFINITE_LENGTH, 0x30, 0x80, 0x05, 0x00, 0x00, 0x00),
    BAD("indefinite primitive", CS_DER_INDEFINITE_LENGTH, 0x04, 0x80, 0x00, 0x00),

    /* High tag number form (X.690 §8.1.2.4). */
    BAD("high tag leading 0x80", CS_DER_BAD_TAG, 0x9F, 0x80, 0x1F, 0x00),
    BAD("high tag leading 0x80 then 0x01", CS_DER_BAD_TAG, 0xBF, 0x80, 0x81, 0x00, 0x00),
    BAD("high form for 30", CS_DER_BAD_TAG, 0x9F, 0x1E, 0x00),
    BAD("high form for 5", CS_DER_BAD_TAG, 0x1F, 0x05, 0x00),
    BAD("high form for 0", CS_DER_BAD_TAG, 0x9F, 0x00, 0x00),
    BAD("tag number above 29 bits", CS_DER_BAD_TAG, 0x9F, 0x82, 0x80, 0x80, 0x80, 0x00, 0x00),
    BAD("tag number of 6 octets", CS_DER_BAD_TAG, 0x9F, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00),
};

Test(der_header, table) {
    for (size_t i = 0; i < sizeof header_cases / sizeof header_cases[0]; i++) {
        const hdr_case *c = &header_cases[i];
        /* An exact-size heap copy, so that AddressSanitizer sees any read past the end. */
        uint8_t *buf = malloc(PREFIX + c->len);
        cr_assert_not_null(buf);
        buf[0] = 0xAA;
        buf[1] = 0xBB;
        memcpy(buf + PREFIX, c->bytes, c->len);
        cs_der cur = cs_der_make(buf + PREFIX, c->len);
        cs_der_error err = err_at(buf);
        uint32_t tag = 0xDEADBEEF;
        cs_der element = {NULL, 0}, content = {NULL, 0};
        int ok = cs_der_get_any(&cur, &tag, &element, &content, &err, "case");
        if (c->status == CS_DER_OK) {
            cr_assert(ok, "%s: rejected with %s", c->name, cs_der_status_name(err.status));
            cr_assert_eq(tag, c->tag, "%s: tag %08x, expected %08x", c->name, tag, c->tag);
            cr_assert_eq(element.ptr, buf + PREFIX, "%s", c->name);
            cr_assert_eq(element.len, c->header + c->content, "%s", c->name);
            cr_assert_eq(content.ptr, buf + PREFIX + c->header, "%s", c->name);
            cr_assert_eq(content.len, c->content, "%s", c->name);
            cr_assert_eq(cur.ptr, buf + PREFIX + c->len, "%s: cursor not advanced", c->name);
            cr_assert_eq(cur.len, 0, "%s", c->name);
            /* peek_tag agrees and does not consume. */
            cs_der again = cs_der_make(buf + PREFIX, c->len);
            uint32_t peeked = 0;
            cr_assert(cs_der_peek_tag(&again, &peeked), "%s", c->name);
            cr_assert_eq(peeked, c->tag, "%s", c->name);
            cr_assert_eq(again.len, c->len, "%s", c->name);
        } else {
            cr_assert_not(ok, "%s: accepted", c->name);
            cr_assert_eq(err.status, c->status, "%s: status %s, expected %s", c->name,
                         cs_der_status_name(err.status), cs_der_status_name(c->status));
            cr_assert_eq(err.offset, PREFIX, "%s: offset %zu, expected %d", c->name, err.offset,
                         PREFIX);
            cr_assert_str_eq(err.where, "case", "%s", c->name);
            cs_der again = cs_der_make(buf + PREFIX, c->len);
            uint32_t peeked = 0;
            cr_assert_not(cs_der_peek_tag(&again, &peeked), "%s: peek accepted", c->name);
        }
        free(buf);
    }
}

/* The long forms at the exact boundaries where each becomes the minimal one. */
static void check_long_length(size_t content_len, size_t header_len) {
    size_t total = header_len + content_len;
    uint8_t *buf = calloc(1, total);
    cr_assert_not_null(buf);
    buf[0] = CS_DER_OCTET_STRING;
    if (header_len == 2) {
        buf[1] = (uint8_t)content_len;
    } else {
        size_t n = header_len - 2;
        buf[1] = (uint8_t)(0x80 | n);
        for (size_t i = 0; i < n; i++) {
            buf[2 + i] = (uint8_t)(content_len >> (8 * (n - 1 - i)));
        }
    }
    cs_der cur = cs_der_make(buf, total), content;
    cs_der_error err = err_at(buf);
    cr_assert(cs_der_get(&cur, CS_DER_OCTET_STRING, &content, &err, "len"),
              "length %zu with %zu header octets rejected: %s", content_len, header_len,
              cs_der_status_name(err.status));
    cr_assert_eq(content.ptr, buf + header_len);
    cr_assert_eq(content.len, content_len);
    cr_assert_eq(cur.len, 0);

    /* One byte fewer than the length says is truncation, reported at the element. */
    cs_der short_cur = cs_der_make(buf, total - 1);
    err = err_at(buf);
    cr_assert_not(cs_der_get(&short_cur, CS_DER_OCTET_STRING, &content, &err, "len"));
    ASSERT_ERR(err, CS_DER_TRUNCATED, 0, "len");
    free(buf);
}

Test(der_header, long_form_boundaries) {
    check_long_length(0x7F, 2);
    check_long_length(0x80, 3);
    check_long_length(0xFF, 3);
    check_long_length(0x100, 4);
    check_long_length(0xFFFF, 4);
    check_long_length(0x10000, 5);
    check_long_length(0x1000000, 6); /* 16 MiB: the 4-octet form is accepted */
}

/* ------------------------------------------------------------------------------------------ */
/* Cursor API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

Test(der_cursor, sequence_walk_and_offsets) {
    /* junk, SEQUENCE { INTEGER 5, OCTET STRING "ab", [0] { NULL } }, BOOLEAN TRUE */
    static const uint8_t in[] = {0xEE, 0x30, 0x0B, 0x02, 0x01, 0x05, 0x04, 0x02, 'a',
                                 'b',  0xA0, 0x02, 0x05, 0x00, 0x01, 0x01, 0xFF};
    cs_der cur = cs_der_make(in + 1, sizeof in - 1), seq, seq_el, v, ctx;
    cs_der_error err = err_at(in);
    cr_assert(cs_der_get_element(&cur, CS_DER_SEQUENCE, &seq_el, &seq, &err, "s"));
    cr_assert_eq(seq_el.ptr, in + 1);
    cr_assert_eq(seq_el.len, 13);
    cr_assert_eq(seq.ptr, in + 3);
    cr_assert_eq(seq.len, 11);

    uint64_t n;
    cr_assert(cs_der_get(&seq, CS_DER_INTEGER, &v, &err, "s"));
    cr_assert(cs_der_parse_uint64(v, &n));
    cr_assert_eq(n, 5);

    /* A wrong tag is reported at the element, with the caller's structure name. */
    cs_der save = seq;
    cr_assert_not(cs_der_get(&seq, CS_DER_INTEGER, &v, &err, "s.second"));
    ASSERT_ERR(err, CS_DER_UNEXPECTED_TAG, 6, "s.second");
    seq = save;
    /* Constructed versus primitive is part of the tag. */
    err = err_at(in);
    cr_assert_not(cs_der_get(&seq, CS_DER_CLASS_UNIVERSAL | CS_DER_CONSTRUCTED | 0x04u, &v, &err,
                             "s.second"));
    ASSERT_ERR(err, CS_DER_UNEXPECTED_TAG, 6, NULL);
    seq = save;
    cr_assert(cs_der_get(&seq, CS_DER_OCTET_STRING, &v, &err, "s"));
    cr_assert_eq(v.len, 2);
    cr_assert_eq(memcmp(v.ptr, "ab", 2), 0);

    /* [0] primitive is not [0] constructed, and the class matters. */
    save = seq;
    err = err_at(in);
    cr_assert_not(cs_der_get(&seq, CS_DER_CONTEXT(0), &ctx, &err, "s.ctx"));
    ASSERT_ERR(err, CS_DER_UNEXPECTED_TAG, 10, "s.ctx");
    seq = save;
    err = err_at(in);
    cr_assert_not(cs_der_get(&seq, CS_DER_CLASS_APPLICATION | CS_DER_CONSTRUCTED, &ctx, &err, "x"));
    ASSERT_ERR(err, CS_DER_UNEXPECTED_TAG, 10, "x");
    seq = save;
    cr_assert(cs_der_get(&seq, CS_DER_CONTEXT_CONS(0), &ctx, &err, "s"));
    cr_assert(cs_der_get(&ctx, CS_DER_NULL, &v, &err, "s"));
    cr_assert_eq(v.len, 0);
    cr_assert(cs_der_expect_end(&ctx, &err, "s"));
    cr_assert(cs_der_expect_end(&seq, &err, "s"));

    /* Bytes after the element: trailing data at the first extra octet. */
    err = err_at(in);
    cr_assert_not(cs_der_expect_end(&cur, &err, "top"));
    ASSERT_ERR(err, CS_DER_TRAILING_DATA, 14, "top");
    cr_assert(cs_der_get(&cur, CS_DER_BOOLEAN, &v, &err, "top"));
    cr_assert(cs_der_expect_end(&cur, &err, "top"));

    /* Reading past the end is truncation at the end offset. */
    err = err_at(in);
    cr_assert_not(cs_der_get_any(&cur, NULL, NULL, NULL, &err, "past"));
    ASSERT_ERR(err, CS_DER_TRUNCATED, sizeof in, "past");
}

Test(der_cursor, optional) {
    static const uint8_t in[] = {0xA0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x01, 0x07};
    cs_der cur = cs_der_make(in, sizeof in), v;
    cs_der_error err = err_at(in);
    int present = -1;

    /* Absent: nothing consumed. */
    cr_assert(cs_der_get_optional(&cur, CS_DER_CONTEXT_CONS(1), &v, &present, &err, "opt"));
    cr_assert_eq(present, 0);
    cr_assert_eq(cur.ptr, in);
    cr_assert_eq(cur.len, sizeof in);
    /* The primitive form of the same number is another tag. */
    cr_assert(cs_der_get_optional(&cur, CS_DER_CONTEXT(0), &v, &present, &err, "opt"));
    cr_assert_eq(present, 0);
    cr_assert_eq(cur.ptr, in);

    /* Present: consumed. */
    cr_assert(cs_der_get_optional(&cur, CS_DER_CONTEXT_CONS(0), &v, &present, &err, "opt"));
    cr_assert_eq(present, 1);
    cr_assert_eq(v.ptr, in + 2);
    cr_assert_eq(v.len, 3);
    cr_assert_eq(cur.ptr, in + 5);

    cr_assert(cs_der_get(&cur, CS_DER_INTEGER, &v, &err, "opt"));
    /* At the end: absent, not an error. */
    present = -1;
    cr_assert(cs_der_get_optional(&cur, CS_DER_INTEGER, &v, &present, &err, "opt"));
    cr_assert_eq(present, 0);

    /* A malformed next element fails even when its tag is not the one asked for. */
    static const uint8_t bad[] = {0x00, 0x02, 0x81, 0x01, 0x05};
    cs_der b = cs_der_make(bad + 1, sizeof bad - 1);
    err = err_at(bad);
    cr_assert_not(cs_der_get_optional(&b, CS_DER_CONTEXT_CONS(0), &v, &present, &err, "opt.bad"));
    ASSERT_ERR(err, CS_DER_NONMINIMAL_LENGTH, 1, "opt.bad");
    static const uint8_t trunc[] = {0xA0, 0x05, 0x02};
    b = cs_der_make(trunc, sizeof trunc);
    err = err_at(trunc);
    cr_assert_not(cs_der_get_optional(&b, CS_DER_CONTEXT_CONS(0), &v, &present, &err, "opt.t"));
    ASSERT_ERR(err, CS_DER_TRUNCATED, 0, "opt.t");
}

Test(der_cursor, peek_tag) {
    static const uint8_t in[] = {0xA3, 0x00};
    cs_der cur = cs_der_make(in, sizeof in), empty = cs_der_make(in, 0);
    uint32_t tag = 0;
    cr_assert(cs_der_peek_tag(&cur, &tag));
    cr_assert_eq(tag, CS_DER_CONTEXT_CONS(3));
    cr_assert_eq(cur.len, 2);
    cr_assert_not(cs_der_peek_tag(&empty, &tag));
}

Test(der_cursor, fail_and_status_names) {
    uint8_t buf[8] = {0};
    cs_der_error err = err_at(buf);
    cr_assert_eq(cs_der_fail(&err, CS_DER_BAD_OID, buf + 5, "w"), 0);
    ASSERT_ERR(err, CS_DER_BAD_OID, 5, "w");
    /* One past the end is a valid place for an error (something missing at the end). */
    cr_assert_eq(cs_der_fail(&err, CS_DER_TRUNCATED, buf + 8, "w"), 0);
    cr_assert_eq(err.offset, 8);
    /* Without a base the offset is 0; without an error record nothing is written. */
    err.base = NULL;
    cs_der_fail(&err, CS_DER_BAD_TAG, buf + 3, "w");
    cr_assert_eq(err.offset, 0);
    cr_assert_eq(cs_der_fail(NULL, CS_DER_BAD_TAG, buf, "w"), 0);

    for (int s = 0; s < CS_DER_STATUS_COUNT; s++) {
        const char *name = cs_der_status_name((cs_der_status)s);
        const char *text = cs_der_status_text((cs_der_status)s);
        cr_assert(name != NULL && name[0] != '\0', "status %d has no name", s);
        cr_assert(text != NULL && text[0] != '\0', "status %d has no text", s);
        cr_assert_str_neq(name, "unknown", "status %d", s);
        for (int t = 0; t < s; t++) {
            cr_assert_str_neq(name, cs_der_status_name((cs_der_status)t), "duplicate name %s",
                              name);
        }
    }
    cr_assert_str_eq(cs_der_status_name(CS_DER_NONMINIMAL_LENGTH), "nonminimal_length");
    cr_assert_str_eq(cs_der_status_name(CS_DER_STATUS_COUNT), "unknown");
    cr_assert_str_eq(cs_der_status_name((cs_der_status)-1), "unknown");
    cr_assert_str_eq(cs_der_status_text((cs_der_status)1000), "unknown error");
}

Test(der_cursor, equal) {
    static const uint8_t a[] = {1, 2, 3}, b[] = {1, 2, 3}, c[] = {1, 2, 4};
    cr_assert(cs_der_equal(cs_der_make(a, 3), cs_der_make(b, 3)));
    cr_assert_not(cs_der_equal(cs_der_make(a, 3), cs_der_make(c, 3)));
    cr_assert_not(cs_der_equal(cs_der_make(a, 3), cs_der_make(b, 2)));
    cr_assert(cs_der_equal(cs_der_make(NULL, 0), cs_der_make(a, 0)));
}

/* ------------------------------------------------------------------------------------------ */
/* validate_tree                                                                              */
/* ------------------------------------------------------------------------------------------ */

/* `n` nested empty-ending SEQUENCEs built from the inside out. hdr_at[k] (k < n) receives the
 * offset of the k-th SEQUENCE from the outside. */
static uint8_t *nested_sequences(size_t n, size_t *out_len, size_t *hdr_at) {
    size_t cap = 8 * n + 8, len = 2;
    uint8_t *buf = malloc(cap), *tmp = malloc(cap);
    size_t *hdr = malloc(n * sizeof *hdr);
    cr_assert(buf != NULL && tmp != NULL && hdr != NULL);
    buf[0] = 0x30;
    buf[1] = 0x00;
    hdr[0] = 2; /* header sizes, innermost first */
    for (size_t k = 1; k < n; k++) {
        size_t h;
        tmp[0] = 0x30;
        if (len < 0x80) {
            tmp[1] = (uint8_t)len;
            h = 2;
        } else if (len < 0x100) {
            tmp[1] = 0x81;
            tmp[2] = (uint8_t)len;
            h = 3;
        } else {
            tmp[1] = 0x82;
            tmp[2] = (uint8_t)(len >> 8);
            tmp[3] = (uint8_t)len;
            h = 4;
        }
        memcpy(tmp + h, buf, len);
        len += h;
        memcpy(buf, tmp, len);
        hdr[k] = h;
    }
    size_t off = 0;
    for (size_t k = 0; k < n; k++) {
        hdr_at[k] = off;
        off += hdr[n - 1 - k];
    }
    free(tmp);
    free(hdr);
    *out_len = len;
    return buf;
}

Test(der_tree, depth_bound) {
    size_t at[1000], len;
    uint8_t *buf = nested_sequences(CS_DER_MAX_DEPTH, &len, at);
    cs_der_error err = err_at(buf);
    cr_assert(cs_der_validate_tree(cs_der_make(buf, len), CS_DER_MAX_DEPTH, &err, "tree"),
              "%d nested SEQUENCEs rejected", CS_DER_MAX_DEPTH);
    free(buf);

    /* One more level is too deep, reported at the element that does not fit. */
    buf = nested_sequences(CS_DER_MAX_DEPTH + 1, &len, at);
    err = err_at(buf);
    cr_assert_not(cs_der_validate_tree(cs_der_make(buf, len), CS_DER_MAX_DEPTH, &err, "tree"));
    ASSERT_ERR(err, CS_DER_TOO_DEEP, at[CS_DER_MAX_DEPTH], "tree");
    cr_assert_eq(at[CS_DER_MAX_DEPTH], 2 * CS_DER_MAX_DEPTH);
    free(buf);

    /* Far deeper input fails the same way, without recursing further (no stack growth). */
    buf = nested_sequences(1000, &len, at);
    err = err_at(buf);
    cr_assert_not(cs_der_validate_tree(cs_der_make(buf, len), CS_DER_MAX_DEPTH, &err, "tree"));
    ASSERT_ERR(err, CS_DER_TOO_DEEP, at[CS_DER_MAX_DEPTH], "tree");
    /* A smaller bound. */
    err = err_at(buf);
    cr_assert_not(cs_der_validate_tree(cs_der_make(buf, len), 3, &err, "tree"));
    ASSERT_ERR(err, CS_DER_TOO_DEEP, at[3], "tree");
    free(buf);

    /* Bound 0: primitives only. */
    static const uint8_t prims[] = {0x02, 0x01, 0x00, 0x04, 0x00};
    static const uint8_t cons[] = {0x02, 0x01, 0x00, 0x30, 0x00};
    err = err_at(prims);
    cr_assert(cs_der_validate_tree(cs_der_make(prims, sizeof prims), 0, &err, "tree"));
    err = err_at(cons);
    cr_assert_not(cs_der_validate_tree(cs_der_make(cons, sizeof cons), 0, &err, "tree"));
    ASSERT_ERR(err, CS_DER_TOO_DEEP, 3, "tree");
}

Test(der_tree, malformed_inside) {
    /* SEQUENCE { SET { INTEGER 1, [0] { NULL } }, OCTET STRING { 30 80 00 } }: primitives are
     * not descended into, whatever their content looks like. */
    static const uint8_t ok[] = {0x30, 0x0E, 0x31, 0x07, 0x02, 0x01, 0x01, 0xA0, 0x02,
                                 0x05, 0x00, 0x04, 0x03, 0x30, 0x80, 0x00, 0x05, 0x00};
    cs_der_error err = err_at(ok);
    cr_assert(cs_der_validate_tree(cs_der_make(ok, sizeof ok), CS_DER_MAX_DEPTH, &err, "t"));
    cr_assert(cs_der_validate_tree(cs_der_make(ok, 0), CS_DER_MAX_DEPTH, &err, "t"));

    struct {
        const char *name;
        uint8_t bytes[16];
        size_t len;
        cs_der_status status;
        size_t offset;
    } cases[] = {
        {"inner truncated", {0x30, 0x05, 0x02, 0x04, 0x01, 0x02, 0x03}, 7, CS_DER_TRUNCATED, 2},
        {"inner non-minimal",
         {0x30, 0x06, 0x31, 0x04, 0x04, 0x81, 0x01, 0x00},
         8,
         CS_DER_NONMINIMAL_LENGTH,
         4},
        {"inner indefinite",
         {0x30, 0x06, 0xA0, 0x80, 0x05, 0x00, 0x00, 0x00},
         8,
         CS_DER_INDEFINITE_LENGTH,
         2},
        {"inner bad tag", {0x30, 0x03, 0x9F, 0x01, 0x00}, 5, CS_DER_BAD_TAG, 2},
        {"inner overflow", {0x30, 0x02, 0x04, 0x85}, 4, CS_DER_LENGTH_OVERFLOW, 2},
        {"second top-level element",
         {0x05, 0x00, 0x30, 0x03, 0x04, 0x02, 0x00},
         7,
         CS_DER_TRUNCATED,
         4},
        {"garbage after a valid child", {0x30, 0x03, 0x05, 0x00, 0x00}, 5, CS_DER_TRUNCATED, 4},
        {"outer runs past the end", {0x30, 0x04, 0x05, 0x00}, 4, CS_DER_TRUNCATED, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t *buf = malloc(cases[i].len);
        memcpy(buf, cases[i].bytes, cases[i].len);
        err = err_at(buf);
        cr_assert_not(
            cs_der_validate_tree(cs_der_make(buf, cases[i].len), CS_DER_MAX_DEPTH, &err, "t"),
            "%s: accepted", cases[i].name);
        cr_assert_eq(err.status, cases[i].status, "%s: status %s", cases[i].name,
                     cs_der_status_name(err.status));
        cr_assert_eq(err.offset, cases[i].offset, "%s: offset %zu, expected %zu", cases[i].name,
                     err.offset, cases[i].offset);
        free(buf);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Content validators                                                                         */
/* ------------------------------------------------------------------------------------------ */

static cs_der bytes(const uint8_t *p, size_t n) {
    return cs_der_make(p, n);
}
#define B(...) bytes((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

static void check_int(cs_der v, int valid, int negative, int minimal) {
    int neg = -1, min = -1;
    int ok = cs_der_check_integer(v, &neg, &min);
    cr_assert_eq(ok, valid, "len %zu first %02x", v.len, v.len ? v.ptr[0] : 0);
    if (valid) {
        cr_assert_eq(neg, negative, "len %zu first %02x", v.len, v.ptr[0]);
        cr_assert_eq(min, minimal, "len %zu first %02x", v.len, v.ptr[0]);
    }
}

Test(der_content, integer_minimality) {
    check_int(cs_der_make(NULL, 0), 0, 0, 0);
    check_int(B(0x00), 1, 0, 1);
    check_int(B(0x7F), 1, 0, 1);
    check_int(B(0x80), 1, 1, 1);
    check_int(B(0xFF), 1, 1, 1);
    check_int(B(0x00, 0x80), 1, 0, 1);
    check_int(B(0x00, 0x7F), 1, 0, 0);
    check_int(B(0x00, 0x00), 1, 0, 0);
    check_int(B(0x00, 0x00, 0x80), 1, 0, 0);
    check_int(B(0xFF, 0x7F), 1, 1, 1);
    check_int(B(0xFF, 0x80), 1, 1, 0);
    check_int(B(0xFF, 0xFF), 1, 1, 0);
    check_int(B(0x01, 0x00), 1, 0, 1);
}

Test(der_content, parse_uint64) {
    uint64_t v = 12345;
    cr_assert(cs_der_parse_uint64(B(0x00), &v));
    cr_assert_eq(v, 0);
    cr_assert(cs_der_parse_uint64(B(0x00, 0x80), &v));
    cr_assert_eq(v, 128);
    cr_assert(cs_der_parse_uint64(B(0x01, 0x00), &v));
    cr_assert_eq(v, 256);
    cr_assert(cs_der_parse_uint64(B(0x00, 0x00, 0x05), &v)); /* non-minimal, still a number */
    cr_assert_eq(v, 5);
    cr_assert(cs_der_parse_uint64(B(0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), &v));
    cr_assert_eq(v, (uint64_t)INT64_MAX);
    cr_assert(cs_der_parse_uint64(B(0x00, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), &v));
    cr_assert_eq(v, (uint64_t)INT64_MAX);
    v = 7;
    cr_assert_not(cs_der_parse_uint64(B(0x00, 0x80, 0, 0, 0, 0, 0, 0, 0), &v));
    cr_assert_not(cs_der_parse_uint64(B(0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), &v));
    cr_assert_not(cs_der_parse_uint64(B(0x01, 0, 0, 0, 0, 0, 0, 0, 0), &v));
    cr_assert_not(cs_der_parse_uint64(B(0x80), &v));
    cr_assert_not(cs_der_parse_uint64(B(0xFF), &v));
    cr_assert_not(cs_der_parse_uint64(cs_der_make(NULL, 0), &v));
    cr_assert_eq(v, 7, "a failed parse wrote its output");
}

Test(der_content, oid_validity) {
    cr_assert(cs_der_check_oid(B(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B)));
    cr_assert(cs_der_check_oid(B(0x55, 0x1D, 0x13)));
    cr_assert(cs_der_check_oid(B(0x00)));
    /* 0x80 inside an arc (a zero 7-bit group) is fine; only a leading one is padding. */
    cr_assert(cs_der_check_oid(B(0x2A, 0x81, 0x80, 0x01)));

    cr_assert_not(cs_der_check_oid(cs_der_make(NULL, 0)), "empty");
    cr_assert_not(cs_der_check_oid(B(0x80, 0x01)), "non-minimal first arc");
    cr_assert_not(cs_der_check_oid(B(0x2A, 0x80, 0x01)), "non-minimal second arc");
    cr_assert_not(cs_der_check_oid(B(0x2A, 0x03, 0x80, 0x80, 0x01)), "non-minimal later arc");
    cr_assert_not(cs_der_check_oid(B(0x2A, 0x86, 0x48, 0x86)), "unterminated");
    cr_assert_not(cs_der_check_oid(B(0x86)), "single unterminated octet");
}

static void check_oid_string(cs_der oid, const char *expected) {
    char buf[128];
    memset(buf, 'x', sizeof buf);
    size_t n = cs_der_oid_to_string(oid, buf, sizeof buf);
    cr_assert_str_eq(buf, expected);
    cr_assert_eq(n, strlen(expected));
}

Test(der_content, oid_to_string) {
    check_oid_string(B(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B),
                     "1.2.840.113549.1.1.11");
    check_oid_string(B(0x55, 0x1D, 0x13), "2.5.29.19");
    check_oid_string(B(0x00), "0.0");
    check_oid_string(B(0x27), "0.39");
    check_oid_string(B(0x28), "1.0");
    check_oid_string(B(0x4F), "1.39");
    check_oid_string(B(0x50), "2.0");
    check_oid_string(B(0x88, 0x37), "2.999"); /* X.690 §8.19.4 example: 2.999 is 0x88 0x37 */
    check_oid_string(B(0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x15, 0x14),
                     "1.3.6.1.4.1.311.21.20");
    check_oid_string(B(0x2A, 0x81, 0x80, 0x01), "1.2.16385");
    /* The largest arc that fits 64 bits, and the first that does not. */
    check_oid_string(B(0x2A, 0x81, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F),
                     "1.2.18446744073709551615");
    check_oid_string(B(0x2A, 0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x05),
                     "1.2.?.5");
    check_oid_string(B(0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x05), "?.5");

    /* Malformed: 0 and an empty string. */
    char buf[32] = "junk";
    cr_assert_eq(cs_der_oid_to_string(B(0x2A, 0x80, 0x01), buf, sizeof buf), 0);
    cr_assert_str_eq(buf, "");
    strcpy(buf, "junk");
    cr_assert_eq(cs_der_oid_to_string(cs_der_make(NULL, 0), buf, sizeof buf), 0);
    cr_assert_str_eq(buf, "");
    strcpy(buf, "junk");
    cr_assert_eq(cs_der_oid_to_string(B(0x2A, 0x86), buf, sizeof buf), 0);
    cr_assert_str_eq(buf, "");

    /* Too small a buffer: 0, and what is there is terminated within the buffer. "2.5.29.19"
     * needs 10 bytes. */
    char small[10];
    cr_assert_eq(cs_der_oid_to_string(B(0x55, 0x1D, 0x13), small, 10), 9);
    cr_assert_str_eq(small, "2.5.29.19");
    memset(small, 'x', sizeof small);
    cr_assert_eq(cs_der_oid_to_string(B(0x55, 0x1D, 0x13), small, 9), 0);
    cr_assert_not_null(memchr(small, '\0', 9), "not terminated within the buffer");
    cr_assert_eq(small[9], 'x', "wrote past buf_len");
    memset(small, 'x', sizeof small);
    cr_assert_eq(cs_der_oid_to_string(B(0x55, 0x1D, 0x13), small, 0), 0);
    cr_assert_eq(small[0], 'x', "wrote into a zero-length buffer");
}

static void check_bits(cs_der v, int valid, unsigned unused, int der_ok) {
    unsigned u = 99;
    int d = -1;
    int ok = cs_der_check_bitstring(v, &u, &d);
    cr_assert_eq(ok, valid, "len %zu first %02x", v.len, v.len ? v.ptr[0] : 0);
    if (valid) {
        cr_assert_eq(u, unused);
        cr_assert_eq(d, der_ok, "len %zu first %02x", v.len, v.ptr[0]);
    }
}

Test(der_content, bit_string) {
    check_bits(cs_der_make(NULL, 0), 0, 0, 0); /* no unused-bits octet */
    check_bits(B(0x00), 1, 0, 1);              /* empty string */
    check_bits(B(0x01), 0, 0, 0);              /* unused bits with no octet */
    check_bits(B(0x07), 0, 0, 0);
    check_bits(B(0x08, 0x00), 0, 0, 0); /* unused bits above 7 */
    check_bits(B(0xFF, 0x00), 0, 0, 0);
    check_bits(B(0x00, 0xFF), 1, 0, 1);
    check_bits(B(0x03, 0xF8), 1, 3, 1);
    check_bits(B(0x03, 0xF9), 1, 3, 0); /* padding bit set: BER, not DER */
    check_bits(B(0x03, 0xFC), 1, 3, 0);
    check_bits(B(0x07, 0x80), 1, 7, 1);
    check_bits(B(0x07, 0x81), 1, 7, 0);
    check_bits(B(0x01, 0xFF, 0xFE), 1, 1, 1);
    check_bits(B(0x01, 0xFE, 0xFF), 1, 1, 0); /* only the last octet holds padding */

    /* Named bits: bit 0 is the first (most significant) bit. */
    cr_assert_eq(cs_der_bitstring_bits(B(0x05, 0xA0)), 0x5u); /* digitalSignature, keyEnc. */
    cr_assert_eq(cs_der_bitstring_bits(B(0x01, 0x86)), 0x61u);
    cr_assert_eq(cs_der_bitstring_bits(B(0x07, 0x80)), 0x1u);
    cr_assert_eq(cs_der_bitstring_bits(B(0x07, 0x00, 0x80)), 0x100u);
    cr_assert_eq(cs_der_bitstring_bits(B(0x00)), 0);
    /* Bits beyond 64 are not represented. */
    cr_assert_eq(cs_der_bitstring_bits(B(0x00, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xFF)),
                 (uint64_t)1 << 63);
}

/* ------------------------------------------------------------------------------------------ */
/* Whole certificates: a small DER tree model to mutate real certificates                      */
/* ------------------------------------------------------------------------------------------ */

enum { LEN_MINIMAL, LEN_PLUS_ONE, LEN_INDEFINITE };

typedef struct tnode tnode;
struct tnode {
    uint8_t id[8];
    size_t id_len;
    int constructed;
    const uint8_t *content; /* primitive content, or the bytes written verbatim when raw */
    size_t content_len;
    tnode *kids;
    size_t nkids;
    int raw;      /* a cut-off element: `content` is written as is, without a header */
    int len_form; /* LEN_* */
    size_t orig_start, orig_header, orig_end;
    size_t out_start; /* where the last serialisation put it */
};

/* A reader of its own for valid DER (the input is a real certificate), independent of der.c. */
static void tn_parse_list(const uint8_t *base, size_t start, size_t end, tnode **out,
                          size_t *out_n) {
    tnode *arr = NULL;
    size_t n = 0;
    for (size_t p = start; p < end;) {
        arr = realloc(arr, (n + 1) * sizeof *arr);
        cr_assert_not_null(arr);
        tnode *t = &arr[n++];
        memset(t, 0, sizeof *t);
        size_t q = p;
        uint8_t b = base[q++];
        t->id[t->id_len++] = b;
        if ((b & 0x1F) == 0x1F) {
            while (base[q] & 0x80) {
                t->id[t->id_len++] = base[q++];
            }
            t->id[t->id_len++] = base[q++];
        }
        uint8_t lb = base[q++];
        size_t len = lb;
        if (lb & 0x80) {
            len = 0;
            for (unsigned k = 0; k < (lb & 0x7Fu); k++) {
                len = (len << 8) | base[q++];
            }
        }
        cr_assert_leq(q + len, end, "fixture is not DER at %zu", p);
        t->orig_start = p;
        t->orig_header = q - p;
        t->orig_end = q + len;
        t->constructed = (b & 0x20) != 0;
        if (t->constructed) {
            tn_parse_list(base, q, q + len, &t->kids, &t->nkids);
        } else {
            t->content = base + q;
            t->content_len = len;
        }
        p = q + len;
    }
    *out = arr;
    *out_n = n;
}

static tnode *tn_parse(const uint8_t *der, size_t len) {
    tnode *list;
    size_t n;
    tn_parse_list(der, 0, len, &list, &n);
    cr_assert_eq(n, 1, "fixture is not one element");
    return list;
}

static void tn_free_kids(tnode *t) {
    for (size_t i = 0; i < t->nkids; i++) {
        tn_free_kids(&t->kids[i]);
    }
    free(t->kids);
    t->kids = NULL;
    t->nkids = 0;
}

static void tn_free(tnode *root) {
    tn_free_kids(root);
    free(root);
}

static void tn_copy_into(tnode *dst, const tnode *src) {
    *dst = *src;
    if (src->nkids > 0) {
        dst->kids = calloc(src->nkids, sizeof *dst->kids);
        cr_assert_not_null(dst->kids);
        for (size_t i = 0; i < src->nkids; i++) {
            tn_copy_into(&dst->kids[i], &src->kids[i]);
        }
    }
}

static tnode *tn_clone(const tnode *src) {
    tnode *t = malloc(sizeof *t);
    cr_assert_not_null(t);
    tn_copy_into(t, src);
    return t;
}

/* The node reached by following child indexes from `root`, ending with -1. */
static tnode *tn_path(tnode *root, ...) {
    va_list ap;
    va_start(ap, root);
    tnode *t = root;
    for (int i = va_arg(ap, int); i >= 0; i = va_arg(ap, int)) {
        cr_assert_lt((size_t)i, t->nkids, "fixture has no child %d here (has %zu, tag %02x)", i,
                     t->nkids, t->id[0]);
        t = &t->kids[i];
    }
    va_end(ap);
    return t;
}

static size_t tn_size(const tnode *t);

static size_t tn_content_size(const tnode *t) {
    if (!t->constructed) {
        return t->content_len;
    }
    size_t n = 0;
    for (size_t i = 0; i < t->nkids; i++) {
        n += tn_size(&t->kids[i]);
    }
    return n;
}

/* Length octets for `len` in the requested form. LEN_PLUS_ONE is one octet longer than needed:
 * 0x81 for a short length, else a leading zero octet. */
static size_t tn_len_bytes(size_t len, int form, uint8_t out[8]) {
    if (form == LEN_INDEFINITE) {
        out[0] = 0x80;
        return 1;
    }
    if (len < 0x80) {
        if (form == LEN_MINIMAL) {
            out[0] = (uint8_t)len;
            return 1;
        }
        out[0] = 0x81;
        out[1] = (uint8_t)len;
        return 2;
    }
    size_t n = 0;
    for (size_t v = len; v != 0; v >>= 8) {
        n++;
    }
    size_t pad = form == LEN_PLUS_ONE ? 1 : 0;
    out[0] = (uint8_t)(0x80 | (n + pad));
    if (pad) {
        out[1] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        out[1 + pad + i] = (uint8_t)(len >> (8 * (n - 1 - i)));
    }
    return 1 + pad + n;
}

static size_t tn_size(const tnode *t) {
    if (t->raw) {
        return t->content_len;
    }
    uint8_t lb[8];
    size_t c = tn_content_size(t);
    return t->id_len + tn_len_bytes(c, t->len_form, lb) + c +
           (t->len_form == LEN_INDEFINITE ? 2 : 0);
}

static void tn_write(tnode *t, uint8_t *buf, size_t *pos) {
    t->out_start = *pos;
    if (t->raw) {
        memcpy(buf + *pos, t->content, t->content_len);
        *pos += t->content_len;
        return;
    }
    memcpy(buf + *pos, t->id, t->id_len);
    *pos += t->id_len;
    uint8_t lb[8];
    size_t c = tn_content_size(t), n = tn_len_bytes(c, t->len_form, lb);
    memcpy(buf + *pos, lb, n);
    *pos += n;
    if (t->constructed) {
        for (size_t i = 0; i < t->nkids; i++) {
            tn_write(&t->kids[i], buf, pos);
        }
    } else if (c > 0) {
        memcpy(buf + *pos, t->content, c);
        *pos += c;
    }
    if (t->len_form == LEN_INDEFINITE) {
        buf[(*pos)++] = 0;
        buf[(*pos)++] = 0;
    }
}

/* Serialises into an exact-size heap buffer (the caller frees it). */
static uint8_t *tn_serialize(tnode *root, size_t *out_len) {
    size_t n = tn_size(root), pos = 0;
    uint8_t *buf = malloc(n > 0 ? n : 1);
    cr_assert_not_null(buf);
    tn_write(root, buf, &pos);
    cr_assert_eq(pos, n);
    *out_len = n;
    return buf;
}

/* Keeps what of `t` lies before original offset `cut`, closing every constructed element that
 * contains the cut at the cut (their lengths shrink). An element whose header or primitive
 * content the cut runs through is kept as its raw leading bytes: its header still claims the
 * original length. Returns 0 when nothing of `t` is left. */
static int tn_cut(tnode *t, const uint8_t *orig, size_t cut) {
    if (cut >= t->orig_end) {
        return 1;
    }
    if (cut <= t->orig_start) {
        return 0;
    }
    if (cut < t->orig_start + t->orig_header || !t->constructed) {
        tn_free_kids(t);
        t->raw = 1;
        t->content = orig + t->orig_start;
        t->content_len = cut - t->orig_start;
        return 1;
    }
    size_t keep = 0;
    while (keep < t->nkids && tn_cut(&t->kids[keep], orig, cut)) {
        keep++;
    }
    for (size_t i = keep; i < t->nkids; i++) {
        tn_free_kids(&t->kids[i]);
    }
    t->nkids = keep;
    return 1;
}

static const tnode *tn_find_raw(const tnode *t) {
    if (t->raw) {
        return t;
    }
    for (size_t i = 0; i < t->nkids; i++) {
        const tnode *r = tn_find_raw(&t->kids[i]);
        if (r != NULL) {
            return r;
        }
    }
    return NULL;
}

/* Real certificates from the corpus, read as the raw DER inside the PEM (not re-encoded). */
static uint8_t *load_pem_der(const char *rel, size_t *out_len) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CS_SOURCE_DIR, rel);
    BIO *bio = BIO_new_file(path, "r");
    cr_assert_not_null(bio, "cannot open %s", path);
    char *name = NULL, *header = NULL;
    unsigned char *data = NULL;
    long len = 0;
    cr_assert(PEM_read_bio(bio, &name, &header, &data, &len) == 1, "no PEM block in %s", path);
    cr_assert_str_eq(name, "CERTIFICATE");
    uint8_t *der = malloc((size_t)len);
    cr_assert_not_null(der);
    memcpy(der, data, (size_t)len);
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
    BIO_free(bio);
    *out_len = (size_t)len;
    return der;
}

static const char *const fixtures[] = {
    "corpora/roots/ISRG_Root_X2.crt",            /* EC P-384, 3 extensions */
    "corpora/roots/ISRG_Root_X1.crt",            /* RSA 4096, 2-octet lengths */
    "corpora/roots/Amazon_Root_CA_3.crt",        /* EC P-256 */
    "corpora/zlint/testdata/userNoticePres.pem", /* issuerUniqueID, an empty RDN, 11 exts */
};

/* Parses `buf` (which must be exactly `len` heap bytes) and checks the outcome. */
static void expect_parse_fail(const uint8_t *buf, size_t len, cs_der_status status, size_t offset,
                              const char *where, const char *what) {
    cs_x509 *x = malloc(sizeof *x);
    cs_der_error err;
    cr_assert_not_null(x);
    int ok = cs_x509_parse(x, buf, len, &err);
    cr_assert_not(ok, "%s: accepted", what);
    cr_assert_eq(err.base, buf, "%s: err.base is not the input", what);
    cr_assert_eq(err.status, status, "%s: status %s (at %zu in %s), expected %s at %zu", what,
                 cs_der_status_name(err.status), err.offset, err.where ? err.where : "?",
                 cs_der_status_name(status), offset);
    cr_assert_eq(err.offset, offset, "%s: offset %zu, expected %zu (%s)", what, err.offset, offset,
                 err.where ? err.where : "?");
    if (where != NULL) {
        cr_assert_not_null(err.where, "%s", what);
        cr_assert_str_eq(err.where, where, "%s", what);
    }
    free(x);
}

Test(x509_cert, fixtures_parse_and_roundtrip) {
    for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++) {
        size_t len, out_len;
        uint8_t *der = load_pem_der(fixtures[f], &len);
        tnode *root = tn_parse(der, len);
        uint8_t *again = tn_serialize(root, &out_len);
        cr_assert_eq(out_len, len, "%s: tree model does not round-trip", fixtures[f]);
        cr_assert_eq(memcmp(again, der, len), 0, "%s: tree model does not round-trip", fixtures[f]);

        cs_x509 *x = malloc(sizeof *x);
        cs_der_error err;
        cr_assert(cs_x509_parse(x, der, len, &err), "%s: %s at %zu in %s", fixtures[f],
                  cs_der_status_name(err.status), err.offset, err.where);
        cr_assert_eq(x->der.ptr, der);
        cr_assert_eq(x->der.len, len);
        /* The spans are where the tree model says. */
        tnode *tbs = tn_path(root, 0, -1);
        cr_assert_eq(cs_x509_offset(x, x->tbs), tbs->orig_start);
        cr_assert_eq(x->tbs.len, tbs->orig_end - tbs->orig_start);
        tnode *issuer = tn_path(root, 0, 3, -1), *subject = tn_path(root, 0, 5, -1);
        cr_assert_eq(cs_x509_offset(x, x->issuer.raw), issuer->orig_start);
        cr_assert_eq(x->issuer.raw.len, issuer->orig_end - issuer->orig_start);
        cr_assert_eq(cs_x509_offset(x, x->subject.raw), subject->orig_start);
        cr_assert_eq(x->issuer.num_rdns, issuer->nkids);
        cr_assert_eq(x->subject.num_rdns, subject->nkids);
        tnode *exts = tbs->kids[tbs->nkids - 1].kids; /* [3] is last, then its SEQUENCE */
        cr_assert_eq(tbs->kids[tbs->nkids - 1].id[0], 0xA3, "%s", fixtures[f]);
        cr_assert(x->has_extensions);
        cr_assert_eq(x->total_exts, exts->nkids);
        for (size_t i = 0; i < exts->nkids && i < x->num_exts; i++) {
            cr_assert_eq(cs_x509_offset(x, x->ext[i].raw), exts->kids[i].orig_start);
        }
        cr_assert_eq(x->version, 2);
        free(x);
        free(again);
        tn_free(root);
        free(der);
    }
}

Test(x509_cert, fields_of_isrg_root_x2) {
    size_t len;
    uint8_t *der = load_pem_der("corpora/roots/ISRG_Root_X2.crt", &len);
    cs_x509 *x = malloc(sizeof *x);
    cs_der_error err;
    cr_assert(cs_x509_parse(x, der, len, &err));
    cr_assert_eq(len, 543);
    cr_assert_eq(x->version, 2);
    cr_assert_eq(x->serial.len, 16);
    cr_assert_eq(cs_x509_offset(x, x->serial), 15);
    cr_assert_eq(x->tbs_sig_alg.id, CS_ALG_ECDSA_SHA384);
    cr_assert_eq(x->sig_alg.id, CS_ALG_ECDSA_SHA384);
    cr_assert_eq(x->not_before.epoch, 1599177600); /* 200904000000Z */
    cr_assert_eq(x->not_after.epoch, 2231510400);  /* 400917160000Z */
    cr_assert_eq(x->not_before.tag, CS_DER_UTCTIME);
    cr_assert(x->not_before.canonical);
    cr_assert_eq(x->spki.type, CS_KEY_EC);
    cr_assert_eq(x->spki.curve, CS_CURVE_P384);
    cr_assert_eq(x->spki.bits, 384);
    cr_assert_eq(x->subject.total_attrs, 3);
    cr_assert_eq(x->subject.attr[2].id, CS_ATTR_COMMON_NAME);
    cr_assert_eq(x->subject.attr[2].value.len, 12);
    cr_assert_eq(memcmp(x->subject.attr[2].value.ptr, "ISRG Root X2", 12), 0);
    char name[256];
    cs_x509_name_to_string(&x->issuer, name, sizeof name);
    cr_assert_str_eq(name, "C=US, O=Internet Security Research Group, CN=ISRG Root X2");
    cr_assert_eq(x->total_exts, 3);
    cr_assert_eq(x->ext[0].id, CS_EXT_KEY_USAGE);
    cr_assert(x->ext[0].critical);
    cr_assert_eq(x->ext[1].id, CS_EXT_BASIC_CONSTRAINTS);
    cr_assert_eq(x->ext[2].id, CS_EXT_SUBJECT_KEY_ID);
    cr_assert_not(x->ext[2].critical);
    cr_assert_eq(x->signature.len, 103); /* 104 content octets less the unused-bits octet */
    cr_assert_eq(cs_x509_offset(x, x->signature), 440);
    free(x);
    free(der);
}

/* Every prefix of a certificate fails, at the Certificate's header: it claims more than there
 * is. Each prefix sits in its own exact-size heap buffer, so any read past it is caught. */
Test(x509_cert, every_prefix_is_truncated) {
    for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++) {
        size_t len;
        uint8_t *der = load_pem_der(fixtures[f], &len);
        for (size_t cut = 0; cut < len; cut++) {
            uint8_t *buf = malloc(cut > 0 ? cut : 1);
            memcpy(buf, der, cut);
            char what[128];
            snprintf(what, sizeof what, "%s cut at %zu", fixtures[f], cut);
            expect_parse_fail(buf, cut, CS_DER_TRUNCATED, 0, "Certificate", what);
            free(buf);
        }
        free(der);
    }
}

/* The same cuts, but with every enclosing SEQUENCE re-closed at the cut, so the parser walks
 * into the certificate and meets the cut-off element itself. It must fail with TRUNCATED either
 * at that element, or, when the cut falls between elements, at the end where the next required
 * field is missing. */
Test(x509_cert, every_cut_with_lengths_fixed_up) {
    for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++) {
        size_t len;
        uint8_t *der = load_pem_der(fixtures[f], &len);
        tnode *orig = tn_parse(der, len);
        size_t at_element = 0, at_end = 0;
        for (size_t cut = 0; cut < len; cut++) {
            tnode *t = tn_clone(orig);
            size_t out_len;
            uint8_t *buf;
            if (tn_cut(t, der, cut)) {
                buf = tn_serialize(t, &out_len);
            } else {
                buf = malloc(1);
                out_len = 0;
            }
            const tnode *partial = tn_find_raw(t);
            size_t expected = partial != NULL ? partial->out_start : out_len;
            if (partial != NULL) {
                at_element++;
            } else {
                at_end++;
            }
            char what[128];
            snprintf(what, sizeof what, "%s cut at %zu (re-closed, %zu bytes)", fixtures[f], cut,
                     out_len);
            expect_parse_fail(buf, out_len, CS_DER_TRUNCATED, expected, NULL, what);
            free(buf);
            tn_free(t);
        }
        /* Both kinds of cut happened. */
        cr_assert_gt(at_element, len / 2);
        cr_assert_gt(at_end, 10);
        tn_free(orig);
        free(der);
    }
}

/* One mutation of the ISRG Root X2 tree, serialised and parsed. */
typedef struct mutation {
    const char *name;
    void (*apply)(tnode *root);
    cs_der_status status;
    const char *where;
    int path[8]; /* child indexes to the element at fault, ended by -1 (its first octet) or -2 (its
                  * first content octet) */
} mutation;

static void m_outer_set(tnode *r) {
    r->id[0] = 0x31;
}
static void m_outer_indefinite(tnode *r) {
    r->len_form = LEN_INDEFINITE;
}
static void m_outer_nonminimal(tnode *r) {
    r->len_form = LEN_PLUS_ONE;
}
static void m_tbs_indefinite(tnode *r) {
    tn_path(r, 0, -1)->len_form = LEN_INDEFINITE;
}
static void m_tbs_wrong_tag(tnode *r) {
    tn_path(r, 0, -1)->id[0] = 0x31;
}
static const uint8_t month13[] = "201304000000Z";
static void m_month_13(tnode *r) {
    tnode *t = tn_path(r, 0, 4, 0, -1);
    t->content = month13;
    t->content_len = 13;
}
static const uint8_t day32[] = "400932160000Z";
static void m_day_32(tnode *r) {
    tnode *t = tn_path(r, 0, 4, 1, -1);
    t->content = day32;
    t->content_len = 13;
}
static void m_time_as_octets(tnode *r) {
    tn_path(r, 0, 4, 1, -1)->id[0] = CS_DER_OCTET_STRING;
}
static const uint8_t zero_int[] = {0x00};
static void m_tbs_extra(tnode *r) {
    tnode *tbs = tn_path(r, 0, -1);
    tbs->kids = realloc(tbs->kids, (tbs->nkids + 1) * sizeof *tbs->kids);
    tnode *extra = &tbs->kids[tbs->nkids++];
    memset(extra, 0, sizeof *extra);
    extra->id[0] = CS_DER_INTEGER;
    extra->id_len = 1;
    extra->content = zero_int;
    extra->content_len = 1;
}
static void m_issuer_value_nonminimal(tnode *r) {
    tn_path(r, 0, 3, 2, 0, 1, -1)->len_form = LEN_PLUS_ONE;
}
static void m_issuer_set_nonminimal(tnode *r) {
    tn_path(r, 0, 3, 1, -1)->len_form = LEN_PLUS_ONE;
}
static void m_issuer_indefinite(tnode *r) {
    tn_path(r, 0, 3, -1)->len_form = LEN_INDEFINITE;
}
static void m_subject_oid_nonminimal(tnode *r) {
    tn_path(r, 0, 5, 0, 0, 0, -1)->len_form = LEN_PLUS_ONE;
}
static const uint8_t bad_oid[] = {0x55, 0x80, 0x04, 0x06};
static void m_subject_bad_oid(tnode *r) {
    tnode *t = tn_path(r, 0, 5, 0, 0, 0, -1);
    t->content = bad_oid;
    t->content_len = sizeof bad_oid;
}
static void m_rdn_as_sequence(tnode *r) {
    tn_path(r, 0, 3, 1, -1)->id[0] = 0x30;
}
static void m_spki_nonminimal(tnode *r) {
    tn_path(r, 0, 6, 1, -1)->len_form = LEN_PLUS_ONE;
}
static const uint8_t bad_bits[] = {0x08, 0x04};
static void m_spki_bad_bitstring(tnode *r) {
    tnode *t = tn_path(r, 0, 6, 1, -1);
    t->content = bad_bits;
    t->content_len = sizeof bad_bits;
}
static void m_ext_nonminimal(tnode *r) {
    tn_path(r, 0, 7, 0, 2, 1, -1)->len_form = LEN_PLUS_ONE; /* SKI: no critical field */
}
static const uint8_t two_octets[] = {0xFF, 0xFF};
static void m_ext_boolean_length(tnode *r) {
    tnode *t = tn_path(r, 0, 7, 0, 0, 1, -1);
    t->content = two_octets;
    t->content_len = 2;
}
static void m_ext_value_as_bits(tnode *r) {
    tn_path(r, 0, 7, 0, 1, 2, -1)->id[0] = CS_DER_BIT_STRING;
}
static void m_ext_missing_value(tnode *r) {
    tn_path(r, 0, 7, 0, 1, -1)->nkids = 2; /* extnValue is primitive: nothing to free */
}
static void m_signature_tag(tnode *r) {
    tn_path(r, 2, -1)->id[0] = CS_DER_OCTET_STRING;
}
static void m_signature_bad_bits(tnode *r) {
    tnode *t = tn_path(r, 2, -1);
    t->content = bad_bits;
    t->content_len = sizeof bad_bits;
}
static void m_version_nonminimal(tnode *r) {
    tn_path(r, 0, 0, 0, -1)->len_form = LEN_PLUS_ONE;
}
static void m_high_tag_version(tnode *r) {
    tnode *v = tn_path(r, 0, 0, -1);
    v->id[0] = 0xBF; /* [0] in the high form: a malformed tag, not an absent version */
    v->id[1] = 0x00;
    v->id_len = 2;
}

#define MUT(name, apply, status, where, ...)                                                       \
    {                                                                                              \
        name, apply, status, where, {                                                              \
            __VA_ARGS__                                                                            \
        }                                                                                          \
    }

static const mutation mutations[] = {
    MUT("outer tag SET", m_outer_set, CS_DER_UNEXPECTED_TAG, "Certificate", -1),
    MUT("outer indefinite", m_outer_indefinite, CS_DER_INDEFINITE_LENGTH, "Certificate", -1),
    MUT("outer non-minimal length", m_outer_nonminimal, CS_DER_NONMINIMAL_LENGTH, "Certificate",
        -1),
    MUT("tbs indefinite", m_tbs_indefinite, CS_DER_INDEFINITE_LENGTH, "tbsCertificate", 0, -1),
    MUT("tbs tag SET", m_tbs_wrong_tag, CS_DER_UNEXPECTED_TAG, "tbsCertificate", 0, -1),
    MUT("version non-minimal", m_version_nonminimal, CS_DER_NONMINIMAL_LENGTH,
        "tbsCertificate.version", 0, 0, 0, -1),
    MUT("version high tag form", m_high_tag_version, CS_DER_BAD_TAG, "tbsCertificate.version", 0, 0,
        -1),
    MUT("notBefore month 13", m_month_13, CS_DER_BAD_TIME, "tbsCertificate.validity.notBefore", 0,
        4, 0, -1),
    MUT("notAfter day 32", m_day_32, CS_DER_BAD_TIME, "tbsCertificate.validity.notAfter", 0, 4, 1,
        -1),
    MUT("notAfter as OCTET STRING", m_time_as_octets, CS_DER_UNEXPECTED_TAG,
        "tbsCertificate.validity.notAfter", 0, 4, 1, -1),
    MUT("tbs extra element", m_tbs_extra, CS_DER_TRAILING_DATA, "tbsCertificate", 0, 8, -1),
    MUT("issuer value non-minimal length", m_issuer_value_nonminimal, CS_DER_NONMINIMAL_LENGTH,
        "tbsCertificate.issuer", 0, 3, 2, 0, 1, -1),
    MUT("issuer RDN non-minimal length", m_issuer_set_nonminimal, CS_DER_NONMINIMAL_LENGTH,
        "tbsCertificate.issuer", 0, 3, 1, -1),
    MUT("issuer indefinite", m_issuer_indefinite, CS_DER_INDEFINITE_LENGTH, "tbsCertificate.issuer",
        0, 3, -1),
    MUT("issuer RDN as SEQUENCE", m_rdn_as_sequence, CS_DER_UNEXPECTED_TAG, "tbsCertificate.issuer",
        0, 3, 1, -1),
    MUT("subject attribute OID non-minimal length", m_subject_oid_nonminimal,
        CS_DER_NONMINIMAL_LENGTH, "tbsCertificate.subject", 0, 5, 0, 0, 0, -1),
    MUT("subject attribute OID padded arc", m_subject_bad_oid, CS_DER_BAD_OID,
        "tbsCertificate.subject", 0, 5, 0, 0, 0, -1),
    MUT("SPKI key non-minimal length", m_spki_nonminimal, CS_DER_NONMINIMAL_LENGTH,
        "tbsCertificate.subjectPublicKeyInfo", 0, 6, 1, -1),
    MUT("SPKI key unused bits 8", m_spki_bad_bitstring, CS_DER_BAD_BITSTRING,
        "tbsCertificate.subjectPublicKeyInfo", 0, 6, 1, -1),
    MUT("extnValue non-minimal length", m_ext_nonminimal, CS_DER_NONMINIMAL_LENGTH,
        "tbsCertificate.extensions", 0, 7, 0, 2, 1, -1),
    MUT("critical of two octets", m_ext_boolean_length, CS_DER_BAD_BOOLEAN,
        "tbsCertificate.extensions", 0, 7, 0, 0, 1, -1),
    MUT("extnValue as BIT STRING", m_ext_value_as_bits, CS_DER_UNEXPECTED_TAG,
        "tbsCertificate.extensions", 0, 7, 0, 1, 2, -1),
    /* Missing at the end of its Extension: reported where it should start, the next one's. */
    MUT("extension without extnValue", m_ext_missing_value, CS_DER_TRUNCATED,
        "tbsCertificate.extensions", 0, 7, 0, 2, -1),
    MUT("signatureValue as OCTET STRING", m_signature_tag, CS_DER_UNEXPECTED_TAG, "signatureValue",
        2, -1),
    MUT("signatureValue unused bits 8", m_signature_bad_bits, CS_DER_BAD_BITSTRING,
        "signatureValue", 2, -1),
};

/* The offset an error about node `t` must have: its first octet, or for content checks (path
 * ending in -2) its first content octet, which is the octet at fault (OID padding, BOOLEAN
 * length, unused-bits count). */
static size_t expected_offset(tnode *root, const int *path) {
    tnode *t = root;
    int content = 0;
    for (const int *p = path; *p != -1; p++) {
        if (*p == -2) {
            content = 1;
            break;
        }
        t = &t->kids[*p];
    }
    if (!content) {
        return t->out_start;
    }
    uint8_t lb[8];
    return t->out_start + t->id_len + tn_len_bytes(tn_content_size(t), t->len_form, lb);
}

Test(x509_cert, mutations_report_status_and_offset) {
    size_t len;
    uint8_t *der = load_pem_der("corpora/roots/ISRG_Root_X2.crt", &len);
    tnode *orig = tn_parse(der, len);
    for (size_t i = 0; i < sizeof mutations / sizeof mutations[0]; i++) {
        const mutation *m = &mutations[i];
        tnode *t = tn_clone(orig);
        m->apply(t);
        size_t out_len;
        uint8_t *buf = tn_serialize(t, &out_len);
        expect_parse_fail(buf, out_len, m->status, expected_offset(t, m->path), m->where, m->name);
        free(buf);
        tn_free(t);
    }
    tn_free(orig);
    free(der);
}

Test(x509_cert, trailing_byte_after_certificate) {
    size_t len;
    uint8_t *der = load_pem_der("corpora/roots/ISRG_Root_X1.crt", &len);
    static const uint8_t extras[][3] = {{0x00}, {0x30, 0x00}, {0x05, 0x00, 0x00}};
    static const size_t extra_len[] = {1, 2, 3};
    for (size_t i = 0; i < 3; i++) {
        uint8_t *buf = malloc(len + extra_len[i]);
        memcpy(buf, der, len);
        memcpy(buf + len, extras[i], extra_len[i]);
        expect_parse_fail(buf, len + extra_len[i], CS_DER_TRAILING_DATA, len, "Certificate",
                          "trailing bytes");
        free(buf);
    }
    /* And the certificate itself, in an exact-size buffer, parses. */
    cs_x509 *x = malloc(sizeof *x);
    cs_der_error err;
    cr_assert(cs_x509_parse(x, der, len, &err));
    cr_assert_eq(x->spki.type, CS_KEY_RSA);
    cr_assert_eq(x->spki.bits, 4096);
    free(x);
    free(der);
}

Test(x509_cert, trailing_element_inside_certificate) {
    /* An element after signatureValue, inside the Certificate SEQUENCE. */
    size_t len;
    uint8_t *der = load_pem_der("corpora/roots/ISRG_Root_X2.crt", &len);
    tnode *t = tn_parse(der, len);
    t->kids = realloc(t->kids, 4 * sizeof *t->kids);
    memset(&t->kids[3], 0, sizeof t->kids[3]);
    t->kids[3].id[0] = CS_DER_NULL;
    t->kids[3].id_len = 1;
    t->nkids = 4;
    size_t out_len;
    uint8_t *buf = tn_serialize(t, &out_len);
    expect_parse_fail(buf, out_len, CS_DER_TRAILING_DATA, t->kids[3].out_start, "Certificate",
                      "element after signatureValue");
    free(buf);
    tn_free(t);
    free(der);
}

/* Certificates built from scratch with derb: fields the real fixtures do not have. */
static uint8_t *build_cert(size_t *out_len, int serial_kind, int ext_kind) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE); /* tbs */
    derb_open(&b, CS_DER_CONTEXT_CONS(0));
    derb_int(&b, 2);
    derb_close(&b);
    if (serial_kind == 0) {
        derb_int(&b, 0x1234);
    } else {
        derb_int_bytes(&b, NULL, 0); /* empty INTEGER */
    }
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "1.2.840.10045.4.3.2");
    derb_close(&b);
    for (int n = 0; n < 2; n++) {
        if (n == 1) {
            derb_open(&b, CS_DER_SEQUENCE);
            derb_prim(&b, CS_DER_UTCTIME, "250101000000Z", 13);
            derb_prim(&b, CS_DER_GENERALIZEDTIME, "20260101000000Z", 15);
            derb_close(&b);
        }
        derb_open(&b, CS_DER_SEQUENCE);
        derb_open(&b, CS_DER_SET);
        derb_open(&b, CS_DER_SEQUENCE);
        derb_oid(&b, "2.5.4.3");
        derb_str(&b, CS_DER_UTF8STRING, "test");
        derb_close(&b);
        derb_close(&b);
        derb_close(&b);
    }
    derb_open(&b, CS_DER_SEQUENCE); /* spki */
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "1.3.101.112");
    derb_close(&b);
    uint8_t key[32] = {0};
    derb_bits(&b, 0, key, sizeof key);
    derb_close(&b);
    derb_open(&b, CS_DER_CONTEXT_CONS(3));
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "2.5.29.19");
    if (ext_kind == 1) {
        derb_prim(&b, CS_DER_BOOLEAN, NULL, 0); /* empty BOOLEAN */
    } else {
        derb_bool(&b, 1);
    }
    derb_open(&b, CS_DER_OCTET_STRING);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_bool(&b, 1);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b); /* tbs */
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "1.2.840.10045.4.3.2");
    derb_close(&b);
    uint8_t sig[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    derb_bits(&b, 0, sig, sizeof sig);
    derb_close(&b);
    cr_assert_eq(b.failed, 0);
    cr_assert_eq(b.depth, 0);
    return derb_take(&b, out_len);
}

Test(x509_cert, built_certificate) {
    size_t len;
    uint8_t *der = build_cert(&len, 0, 0);
    cs_x509 *x = malloc(sizeof *x);
    cs_der_error err;
    cr_assert(cs_x509_parse(x, der, len, &err), "%s at %zu in %s", cs_der_status_name(err.status),
              err.offset, err.where);
    cr_assert_eq(x->spki.type, CS_KEY_ED25519);
    cr_assert_eq(x->not_after.tag, CS_DER_GENERALIZEDTIME);
    cr_assert_eq(x->not_after.epoch, 1767225600);
    cr_assert_eq(x->total_exts, 1);
    cr_assert(x->ext[0].critical);
    free(x);
    free(der);
}

/* Empty contents: the error must point at the element at fault, not at the next one. An empty
 * INTEGER or BOOLEAN has no content octet, so its content pointer is the next element's first
 * octet.
 *
 * Content errors (BAD_INTEGER for version and serial, BAD_OID, BAD_BOOLEAN, BAD_BITSTRING) are
 * reported at the first octet of the element holding the content, as der.h promises, so an
 * empty serial "02 00" is not blamed on the AlgorithmIdentifier after it. */
Test(x509_cert, empty_contents_point_at_their_element) {
    size_t len;
    uint8_t *der = build_cert(&len, 1, 0);
    tnode *t = tn_parse(der, len);
    size_t serial_at = tn_path(t, 0, 1, -1)->orig_start;
    expect_parse_fail(der, len, CS_DER_BAD_INTEGER, serial_at, "tbsCertificate.serialNumber",
                      "empty serial");
    tn_free(t);
    free(der);

    der = build_cert(&len, 0, 1);
    t = tn_parse(der, len);
    size_t bool_at = tn_path(t, 0, 7, 0, 0, 1, -1)->orig_start;
    expect_parse_fail(der, len, CS_DER_BAD_BOOLEAN, bool_at, "tbsCertificate.extensions",
                      "empty critical");
    tn_free(t);
    free(der);
}
