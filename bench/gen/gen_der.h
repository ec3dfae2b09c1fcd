/* A small DER writer for the generator: append-only buffer, constructed elements opened and
 * closed like CBB. A length placeholder of one octet is reserved on open; close widens it
 * (moving the content) only for contents of 128 octets or more, so most elements never move.
 * Errors (out of memory, unbalanced close) are sticky: check `failed` once at the end. */
#ifndef CS_GEN_DER_H
#define CS_GEN_DER_H

#include <stddef.h>
#include <stdint.h>

/* Universal tags and the class bits the generator writes (single-octet tags only). */
enum {
    GEN_BOOLEAN = 0x01,
    GEN_INTEGER = 0x02,
    GEN_BIT_STRING = 0x03,
    GEN_OCTET_STRING = 0x04,
    GEN_NULL = 0x05,
    GEN_OID = 0x06,
    GEN_UTF8STRING = 0x0C,
    GEN_PRINTABLESTRING = 0x13,
    GEN_TELETEXSTRING = 0x14,
    GEN_IA5STRING = 0x16,
    GEN_UTCTIME = 0x17,
    GEN_GENERALIZEDTIME = 0x18,
    GEN_BMPSTRING = 0x1E,
    GEN_SEQUENCE = 0x30,
    GEN_SET = 0x31,
};
#define GEN_CTX(n)      (0x80 | (n)) /* [n] IMPLICIT, primitive */
#define GEN_CTX_CONS(n) (0xA0 | (n)) /* [n], constructed */

#define GEN_DER_DEPTH 24

typedef struct gen_der {
    uint8_t *buf;
    size_t len, cap;
    size_t open[GEN_DER_DEPTH]; /* offset of each open element's length placeholder */
    int depth;
    int failed;
} gen_der;

void gen_der_init(gen_der *d);
void gen_der_free(gen_der *d);
/* Empties the buffer, keeping its memory. */
void gen_der_reset(gen_der *d);
/* Makes room for `n` more octets; returns a pointer to them (NULL once failed). */
uint8_t *gen_der_reserve(gen_der *d, size_t n);
void gen_der_raw(gen_der *d, const void *p, size_t n);
void gen_der_open(gen_der *d, uint8_t tag);
void gen_der_close(gen_der *d);
/* A primitive element with the given content. */
void gen_der_prim(gen_der *d, uint8_t tag, const void *content, size_t n);
void gen_der_str(gen_der *d, uint8_t tag, const char *s);
/* INTEGER from a non-negative value, minimally encoded. */
void gen_der_int(gen_der *d, uint64_t v);
/* INTEGER from big-endian magnitude octets: leading zeros dropped, 0x00 added when the top bit
 * is set, so the value stays positive. */
void gen_der_uint_bytes(gen_der *d, const uint8_t *mag, size_t n);
void gen_der_bool_true(gen_der *d);
void gen_der_null(gen_der *d);
/* OID from its content octets (already encoded, e.g. "\x55\x1d\x0f"). */
void gen_der_oid(gen_der *d, const void *content, size_t n);
/* BIT STRING with `unused` trailing bits in the last octet. */
void gen_der_bits(gen_der *d, unsigned unused, const void *content, size_t n);
/* Writes the header (tag and length) for a content of n octets; returns the header size. */
size_t gen_der_header(uint8_t *out, uint8_t tag, size_t n);

/* Encodes a dotted OID's content octets into out (at most cap); returns the length, 0 on
 * error. For building tables at start-up, not per certificate. */
size_t gen_oid_encode(const char *dotted, uint8_t *out, size_t cap);

#endif
