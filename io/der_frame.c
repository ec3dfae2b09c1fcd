#include "io/der_frame.h"

/* Four tag-number octets carry 28 bits, more than any real tag needs. */
#define CS_DER_FRAME_MAX_TAG_OCTETS 4
#define CS_DER_FRAME_MAX_LEN_OCTETS 4

static int cs_der_frame_fail(cs_der_frame *out, cs_der_frame_status status, const char *why) {
    out->status = status;
    out->why = why;
    return 0;
}

int cs_der_frame_element(const uint8_t *p, size_t avail, cs_der_frame *out) {
    out->status = CS_DER_FRAME_OK;
    out->header_len = 0;
    out->total = 0;
    out->why = "";
    if (avail < 2) {
        return cs_der_frame_fail(out, CS_DER_FRAME_TRUNCATED, "header cut short");
    }
    size_t i = 1;
    if ((p[0] & 0x1F) == 0x1F) {
        size_t n = 0;
        do {
            if (i >= avail) {
                return cs_der_frame_fail(out, CS_DER_FRAME_TRUNCATED, "header cut short");
            }
            if (++n > CS_DER_FRAME_MAX_TAG_OCTETS) {
                return cs_der_frame_fail(out, CS_DER_FRAME_BAD_HEADER, "tag number too long");
            }
        } while ((p[i++] & 0x80) != 0);
        if (i >= avail) {
            return cs_der_frame_fail(out, CS_DER_FRAME_TRUNCATED, "header cut short");
        }
    }
    uint8_t first = p[i++];
    uint64_t len = 0;
    if (first < 0x80) {
        len = first;
    } else if (first == 0x80) {
        return cs_der_frame_fail(out, CS_DER_FRAME_BAD_HEADER, "indefinite length");
    } else {
        size_t n = first & 0x7Fu;
        if (n > CS_DER_FRAME_MAX_LEN_OCTETS) {
            return cs_der_frame_fail(out, CS_DER_FRAME_BAD_HEADER,
                                     "length field longer than 4 octets");
        }
        if (avail - i < n) {
            return cs_der_frame_fail(out, CS_DER_FRAME_TRUNCATED, "header cut short");
        }
        for (size_t k = 0; k < n; k++) {
            len = (len << 8) | p[i++];
        }
    }
    out->header_len = i;
    out->total = (uint64_t)i + len;
    if (len > avail - i) {
        return cs_der_frame_fail(out, CS_DER_FRAME_TRUNCATED, "element longer than the bytes left");
    }
    return 1;
}
