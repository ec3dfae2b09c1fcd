/* Decoding framed entries into DER: the half of reading that the scanner's workers do, so that
 * base64 decoding runs on every core instead of on the reader. */
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>

#include "io/base64.h"
#include "io/der_frame.h"
#include "io/input.h"
#include "io/lines.h"

size_t cs_raw_decoded_max(const cs_raw_entry *raw) {
    if (raw->encoding == CS_ENCODING_DER) {
        return 0;
    }
    size_t cap = cs_base64_decoded_max(raw->len - raw->body);
    return cap < CS_ENTRY_MAX_SIZE ? cap : CS_ENTRY_MAX_SIZE;
}

static void cs_decode_char(uint8_t c, char *dst, size_t cap) {
    if (c >= 0x20 && c < 0x7F) {
        snprintf(dst, cap, "character '%c'", (char)c);
    } else {
        snprintf(dst, cap, "byte 0x%02x", (unsigned)c);
    }
}

/* Describes a base64 failure at data[at], with its line and column in the input. */
static void cs_decode_base64_detail(const cs_raw_entry *raw, const cs_base64_error *err, size_t at,
                                    char *detail, size_t detail_len) {
    uint64_t newlines = cs_count_newlines(raw->data, at);
    uint64_t column = raw->column + at + 1;
    if (newlines != 0) {
        size_t k = at;
        while (raw->data[k - 1] != '\n') {
            k--;
        }
        column = at - k + 1;
    }
    char where[64];
    if (raw->encoding == CS_ENCODING_PEM || raw->encoding == CS_ENCODING_LDIF) {
        snprintf(where, sizeof where, "line %llu, column %llu",
                 (unsigned long long)(raw->line + newlines), (unsigned long long)column);
    } else {
        snprintf(where, sizeof where, "column %llu", (unsigned long long)column);
    }
    char what[32];
    switch (err->status) {
    case CS_BASE64_BAD_CHAR:
        cs_decode_char(raw->data[at], what, sizeof what);
        snprintf(detail, detail_len, "invalid base64 %s at %s", what, where);
        break;
    case CS_BASE64_BAD_PADDING:
        if (raw->data[at] == '=') {
            snprintf(detail, detail_len, "misplaced base64 padding '=' at %s", where);
        } else {
            snprintf(detail, detail_len, "base64 data after the padding at %s", where);
        }
        break;
    default:
        snprintf(detail, detail_len,
                 "base64 ends inside a 4-character group (missing padding) at %s", where);
        break;
    }
}

/* A CSV row's SHA-256 Fingerprint names the certificate the report describes: when the PEM
 * beside it is another certificate, the row is inconsistent, and whatever the report says of it
 * (owner, store status) would be pinned on the wrong certificate. So the entry is rejected, with
 * both fingerprints, rather than linted under a false identity. */
static int cs_decode_check_sha256(const uint8_t want[32], const uint8_t *der, size_t len,
                                  char *detail, size_t detail_len) {
    uint8_t got[32];
    SHA256(der, len, got);
    if (memcmp(got, want, 32) == 0) {
        return 1;
    }
    char hw[65];
    char hg[65];
    for (int i = 0; i < 32; i++) {
        snprintf(hw + 2 * i, 3, "%02X", want[i]);
        snprintf(hg + 2 * i, 3, "%02X", got[i]);
    }
    snprintf(detail, detail_len,
             "the row's SHA-256 Fingerprint %s is not that of its certificate, %s", hw, hg);
    return 0;
}

cs_entry_status cs_raw_decode(const cs_raw_entry *raw, uint8_t *buf, const uint8_t **out_der,
                              size_t *out_len, char *detail, size_t detail_len) {
    *out_der = NULL;
    *out_len = 0;
    if (raw->status != CS_ENTRY_OK) {
        snprintf(detail, detail_len, "%s", raw->detail != NULL ? raw->detail : "");
        return raw->status;
    }
    if (raw->encoding == CS_ENCODING_DER) {
        *out_der = raw->data;
        *out_len = raw->len;
        return CS_ENTRY_OK;
    }
    const char *what = raw->encoding == CS_ENCODING_PEM    ? "PEM block"
                       : raw->encoding == CS_ENCODING_LDIF ? "LDIF value"
                                                           : "line";
    size_t n = 0;
    cs_base64_error err;
    if (!cs_base64_decode(raw->data + raw->body, raw->len - raw->body, buf, cs_raw_decoded_max(raw),
                          &n, &err)) {
        if (err.status == CS_BASE64_TOO_LARGE) {
            snprintf(detail, detail_len, "the %s decodes to more than %zu bytes", what,
                     (size_t)CS_ENTRY_MAX_SIZE);
            return CS_ENTRY_TOO_LARGE;
        }
        cs_decode_base64_detail(raw, &err, raw->body + err.offset, detail, detail_len);
        return CS_ENTRY_BAD_BASE64;
    }
    if (n == 0) {
        snprintf(detail, detail_len, "the %s has no base64 content", what);
        return CS_ENTRY_EMPTY_PEM;
    }
    if (raw->trusted) {
        /* OpenSSL appends its trust settings as a second SEQUENCE; the certificate is the
         * first element alone. */
        cs_der_frame fr;
        if (!cs_der_frame_element(buf, n, &fr)) {
            snprintf(detail, detail_len,
                     "cannot frame the certificate in a TRUSTED CERTIFICATE block: %s", fr.why);
            return fr.status == CS_DER_FRAME_TRUNCATED ? CS_ENTRY_DER_TRUNCATED
                                                       : CS_ENTRY_DER_FRAMING;
        }
        n = (size_t)fr.total;
    }
    if (raw->sha256 != NULL && !cs_decode_check_sha256(raw->sha256, buf, n, detail, detail_len)) {
        return CS_ENTRY_FINGERPRINT;
    }
    *out_der = buf;
    *out_len = n;
    return CS_ENTRY_OK;
}
