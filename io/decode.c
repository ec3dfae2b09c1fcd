/* Decoding framed entries into DER: the half of reading that the scanner's workers do, so that
 * base64 decoding runs on every core instead of on the reader. */
#include "io/sha256.h"
#include <stdio.h>
#include <string.h>

#include "io/base64.h"
#include "io/ct_framer.h"
#include "io/ct_leaf.h"
#include "io/der_frame.h"
#include "io/input.h"
#include "io/lines.h"

size_t cs_raw_decoded_max(const cs_raw_entry *raw) {
    if (raw->encoding == CS_ENCODING_DER) {
        return 0;
    }
    if (raw->encoding == CS_ENCODING_CT_JSON) {
        /* Escaped strings are unescaped in place first, so they need their own length; either
         * way this stays below raw->len, which holds both strings and their member names. */
        const cs_ct_spans *ct = &raw->ct;
        if (ct->escaped) {
            return (size_t)ct->leaf_len + ct->extra_len + 8;
        }
        return cs_base64_decoded_max(ct->leaf_len) + cs_base64_decoded_max(ct->extra_len);
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
    cs_sha256(der, len, got);
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

/* A get-entries entry: the certificate of an x509_entry is in leaf_input; a precert_entry's
 * precertificate is the first element of extra_data (PrecertChainEntry), of which only that
 * prefix is decoded. The TBSCertificate in the leaf is checked for framing only. */
static cs_entry_status cs_decode_ct_json(const cs_raw_entry *raw, uint8_t *buf,
                                         const uint8_t **out_der, size_t *out_len, cs_log_info *log,
                                         char *detail, size_t detail_len) {
    const cs_ct_spans *ct = &raw->ct;
    size_t leaf_n = 0, bad_at = 0;
    if (!cs_ct_b64(raw->data + ct->leaf_off, ct->leaf_len, ct->escaped, buf, 0, &leaf_n, &bad_at)) {
        snprintf(detail, detail_len, "invalid base64 in leaf_input at character %zu of %u",
                 bad_at + 1, (unsigned)ct->leaf_len);
        return CS_ENTRY_BAD_BASE64;
    }
    cs_ct_entry e;
    char why[200];
    if (cs_ct_merkle_leaf(buf, leaf_n, &e, why, sizeof why) != CS_CT_OK) {
        snprintf(detail, detail_len, "leaf_input: %s", why);
        return CS_ENTRY_CT_LEAF;
    }
    log->timestamp = e.timestamp;
    log->has_timestamp = 1;
    if (e.entry_type == CS_CT_X509_ENTRY) {
        log->kind = CS_KIND_CERT;
        *out_der = e.cert;
        *out_len = e.cert_len;
        return CS_ENTRY_OK;
    }
    log->kind = CS_KIND_PRECERT;
    if (!ct->has_extra) {
        snprintf(detail, detail_len, "a precert_entry without extra_data (its precertificate)");
        return CS_ENTRY_CT_EXTRA_DATA;
    }
    uint8_t *x = buf + leaf_n;
    const uint8_t *src = raw->data + ct->extra_off;
    size_t n = 0, need = 0, len = 0;
    const uint8_t *cert = NULL;
    cs_ct_result r = CS_CT_SHORT;
    /* The 3-byte length first, then exactly as much as the precertificate takes. */
    if (cs_ct_b64(src, ct->extra_len, ct->escaped, x, 3, &n, &bad_at)) {
        r = cs_ct_precert_of_extra(x, n, &cert, &len, &need, why, sizeof why);
        if (r == CS_CT_SHORT && !ct->escaped && n < need) {
            if (!cs_ct_b64(src, ct->extra_len, 0, x, need, &n, &bad_at)) {
                r = CS_CT_BAD;
                n = 0;
            } else {
                r = cs_ct_precert_of_extra(x, n, &cert, &len, &need, why, sizeof why);
            }
        }
    }
    if (r == CS_CT_SHORT && n >= 3) {
        snprintf(detail, detail_len,
                 "extra_data: the pre_certificate declares %zu bytes but extra_data holds %zu",
                 need - 3, n - 3);
        return CS_ENTRY_CT_EXTRA_DATA;
    }
    if (r != CS_CT_OK && n < 3) {
        snprintf(detail, detail_len, "invalid base64 in extra_data at character %zu of %u",
                 bad_at + 1, (unsigned)ct->extra_len);
        return CS_ENTRY_BAD_BASE64;
    }
    if (r != CS_CT_OK) {
        snprintf(detail, detail_len, "extra_data: %s", why);
        return CS_ENTRY_CT_EXTRA_DATA;
    }
    *out_der = cert;
    *out_len = len;
    return CS_ENTRY_OK;
}

cs_entry_status cs_raw_decode(const cs_raw_entry *raw, uint8_t *buf, const uint8_t **out_der,
                              size_t *out_len, char *detail, size_t detail_len) {
    cs_log_info log = raw->log;
    return cs_raw_decode_log(raw, buf, out_der, out_len, &log, detail, detail_len);
}

cs_entry_status cs_raw_decode_log(const cs_raw_entry *raw, uint8_t *buf, const uint8_t **out_der,
                                  size_t *out_len, cs_log_info *log, char *detail,
                                  size_t detail_len) {
    *out_der = NULL;
    *out_len = 0;
    *log = raw->log;
    if (raw->status != CS_ENTRY_OK) {
        snprintf(detail, detail_len, "%s", raw->detail != NULL ? raw->detail : "");
        return raw->status;
    }
    if (raw->encoding == CS_ENCODING_CT_JSON) {
        return cs_decode_ct_json(raw, buf, out_der, out_len, log, detail, detail_len);
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
