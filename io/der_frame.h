/* Framing of one DER element by its outer TLV header (X.690 §8.1.2, §8.1.3).
 *
 * Framing only finds where an element ends; it does not look inside it, and it accepts any length
 * encoding that is definite and at most 4 octets long (non-minimal encodings are the certificate
 * parser's to report, with a precise reason).
 */
#ifndef CS_IO_DER_FRAME_H
#define CS_IO_DER_FRAME_H

#include <stddef.h>
#include <stdint.h>

typedef enum cs_der_frame_status {
    CS_DER_FRAME_OK = 0,
    CS_DER_FRAME_BAD_HEADER, /* indefinite or over-long length, or an over-long tag number */
    CS_DER_FRAME_TRUNCATED,  /* the header or the content runs past the bytes available */
} cs_der_frame_status;

typedef struct cs_der_frame {
    cs_der_frame_status status;
    size_t header_len; /* identifier and length octets (valid unless BAD_HEADER) */
    uint64_t total;    /* header plus content; the declared size even when TRUNCATED */
    const char *why;   /* a short phrase for rejections, e.g. "indefinite length" */
} cs_der_frame;

/* Frames the element starting at p, with `avail` bytes available. Returns 1 when the whole
 * element is there, 0 otherwise, with *out describing what was found in both cases. */
int cs_der_frame_element(const uint8_t *p, size_t avail, cs_der_frame *out);

#endif
