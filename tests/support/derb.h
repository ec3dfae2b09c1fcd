/* A small DER builder for tests: builds certificates and fragments field by field, so a negative
 * test changes one field instead of editing bytes. Lengths are fixed up when an element closes.
 * Errors (overflow of the nesting stack, bad OID text) set `failed`; tests assert it stays 0. */
#ifndef CS_TEST_DERB_H
#define CS_TEST_DERB_H

#include <stddef.h>
#include <stdint.h>

#define DERB_MAX_DEPTH 64

typedef struct derb {
    uint8_t *buf;
    size_t len;
    size_t cap;
    size_t open_at[DERB_MAX_DEPTH]; /* offsets of the content start of open elements */
    int depth;
    int failed;
} derb;

void derb_init(derb *b);
void derb_free(derb *b);
/* Takes ownership of the bytes away from the builder (caller frees with free()). */
uint8_t *derb_take(derb *b, size_t *out_len);

/* Starts a constructed (or any) element with tag (cs_der tag layout, see scanner/der.h). */
void derb_open(derb *b, uint32_t tag);
/* Ends the innermost open element, writing its minimal definite length. */
void derb_close(derb *b);

void derb_raw(derb *b, const void *data, size_t len);
/* Writes only identifier octets for `tag` (for crafting malformed input). */
void derb_tag(derb *b, uint32_t tag);
/* A primitive element with the given content. */
void derb_prim(derb *b, uint32_t tag, const void *content, size_t len);
void derb_oid(derb *b, const char *dotted);
/* Writes the content octets of a dotted OID into out; returns the length (0 on error). */
size_t derb_oid_bytes(const char *dotted, uint8_t *out, size_t cap);
void derb_int(derb *b, int64_t value);
/* An INTEGER with exactly these content bytes (may be non-minimal or negative). */
void derb_int_bytes(derb *b, const void *content, size_t len);
void derb_bool(derb *b, int value);
void derb_null(derb *b);
void derb_str(derb *b, uint32_t tag, const char *text);
/* BIT STRING with an unused-bits octet followed by `len` bytes. */
void derb_bits(derb *b, unsigned unused, const void *content, size_t len);

#endif
