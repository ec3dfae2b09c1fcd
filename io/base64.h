/* Scalar base64 decoder (RFC 4648 §4, standard alphabet) for PEM bodies and base64 lines.
 *
 * Whitespace (space, tab, CR, LF, VT, FF) is skipped anywhere, so a PEM body decodes in one call
 * without first being split into lines. Padding is strict: the data must end on a whole quantum,
 * '=' may only fill the last one or two places of the final quantum, and nothing but whitespace
 * may follow it. Unused bits in the final quantum are not checked, as OpenSSL does not check them
 * either and certificates in the wild carry them.
 */
#ifndef CS_IO_BASE64_H
#define CS_IO_BASE64_H

#include <stddef.h>
#include <stdint.h>

typedef enum cs_base64_status {
    CS_BASE64_OK = 0,
    CS_BASE64_BAD_CHAR,    /* a byte outside the alphabet */
    CS_BASE64_BAD_PADDING, /* '=' in the wrong place, or data after the padding */
    CS_BASE64_TRUNCATED,   /* the data ends inside a quantum (padding missing) */
    CS_BASE64_TOO_LARGE,   /* the decoded bytes would not fit in the output */
} cs_base64_status;

typedef struct cs_base64_error {
    cs_base64_status status;
    size_t
        offset; /* offset in the source of the offending byte (the source length for TRUNCATED) */
} cs_base64_error;

/* Upper bound of the decoded size of `len` source bytes. */
static inline size_t cs_base64_decoded_max(size_t len) {
    return len / 4 * 3 + 3;
}

/* Decodes src[0..len) into dst, which has room for `cap` bytes. Returns 1 with *out_len set, or 0
 * with *err filled (err may be NULL). */
int cs_base64_decode(const uint8_t *src, size_t len, uint8_t *dst, size_t cap, size_t *out_len,
                     cs_base64_error *err);

/* How runs of plain base64 are decoded: 0 scalar only, 1 also 32 characters at a time with AVX2,
 * 2 also 64 at a time with AVX-512 VBMI; by default the highest the CPU has. A level the CPU
 * lacks is lowered to one it has; returns the level in effect. Tests lower it to check the
 * vector paths against the scalar one. Not thread-safe: call before decoding starts. */
int cs_base64_set_simd(int level);

#endif
