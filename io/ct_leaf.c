#include "io/ct_leaf.h"

#include <stdio.h>
#include <string.h>

static uint64_t cs_ct_be(const uint8_t *p, int octets) {
    uint64_t v = 0;
    for (int i = 0; i < octets; i++) {
        v = v << 8 | p[i];
    }
    return v;
}

/* A length-prefixed vector at p[at..n): sets *body and *len; SHORT when it runs past n. */
static cs_ct_result cs_ct_vector(const uint8_t *p, size_t n, size_t at, int prefix, size_t *body,
                                 size_t *len, size_t *need) {
    if (n < at + (size_t)prefix) {
        *need = at + (size_t)prefix;
        return CS_CT_SHORT;
    }
    *len = (size_t)cs_ct_be(p + at, prefix);
    *body = at + (size_t)prefix;
    if (n - *body < *len) {
        *need = *body + *len;
        return CS_CT_SHORT;
    }
    return CS_CT_OK;
}

/* TimestampedEntry at p[0..n) (RFC 6962 §3.4). */
static cs_ct_result cs_ct_timestamped(const uint8_t *p, size_t n, cs_ct_entry *out, size_t *need,
                                      char *why, size_t why_len) {
    memset(out, 0, sizeof *out);
    if (n < 10) {
        *need = 10;
        return CS_CT_SHORT;
    }
    out->timestamp = cs_ct_be(p, 8);
    out->entry_type = (unsigned)cs_ct_be(p + 8, 2);
    size_t at = 10;
    if (out->entry_type == CS_CT_PRECERT_ENTRY) {
        if (n < at + 32) {
            *need = at + 32;
            return CS_CT_SHORT;
        }
        out->issuer_key_hash = p + at;
        at += 32;
    } else if (out->entry_type != CS_CT_X509_ENTRY) {
        snprintf(why, why_len, "entry_type %u is neither x509_entry (0) nor precert_entry (1)",
                 out->entry_type);
        return CS_CT_BAD;
    }
    size_t body, len;
    cs_ct_result r = cs_ct_vector(p, n, at, 3, &body, &len, need);
    if (r != CS_CT_OK) {
        return r;
    }
    if (len == 0) {
        snprintf(why, why_len, "the %s is empty",
                 out->entry_type == CS_CT_X509_ENTRY ? "certificate" : "tbs_certificate");
        return CS_CT_BAD;
    }
    out->cert = p + body;
    out->cert_len = len;
    at = body + len;
    if ((r = cs_ct_vector(p, n, at, 2, &body, &len, need)) != CS_CT_OK) {
        return r;
    }
    out->ext = p + body;
    out->ext_len = len;
    out->len = body + len;
    return CS_CT_OK;
}

cs_ct_result cs_ct_merkle_leaf(const uint8_t *p, size_t n, cs_ct_entry *out, char *why,
                               size_t why_len) {
    if (n < 2) {
        snprintf(why, why_len, "leaf_input has %zu bytes, too short for a MerkleTreeLeaf", n);
        return CS_CT_BAD;
    }
    if (p[0] != 0) {
        snprintf(why, why_len, "MerkleTreeLeaf version %u is not v1 (0)", p[0]);
        return CS_CT_BAD;
    }
    if (p[1] != 0) {
        snprintf(why, why_len, "MerkleTreeLeaf leaf_type %u is not timestamped_entry (0)", p[1]);
        return CS_CT_BAD;
    }
    size_t need = 0;
    cs_ct_result r = cs_ct_timestamped(p + 2, n - 2, out, &need, why, why_len);
    if (r == CS_CT_SHORT) {
        snprintf(why, why_len,
                 "the TimestampedEntry needs at least %zu bytes but leaf_input has %zu after "
                 "its header",
                 need, n - 2);
        return CS_CT_BAD;
    }
    if (r != CS_CT_OK) {
        return r;
    }
    if (out->len != n - 2) {
        snprintf(why, why_len, "%zu bytes after the TimestampedEntry in leaf_input",
                 n - 2 - out->len);
        return CS_CT_BAD;
    }
    out->len = n;
    return CS_CT_OK;
}

cs_ct_result cs_ct_tile_leaf(const uint8_t *p, size_t n, cs_ct_entry *out, size_t *need, char *why,
                             size_t why_len) {
    cs_ct_result r = cs_ct_timestamped(p, n, out, need, why, why_len);
    if (r != CS_CT_OK) {
        return r;
    }
    size_t at = out->len, body, len;
    if (out->entry_type == CS_CT_PRECERT_ENTRY) {
        if ((r = cs_ct_vector(p, n, at, 3, &body, &len, need)) != CS_CT_OK) {
            return r;
        }
        if (len == 0) {
            snprintf(why, why_len, "the pre_certificate is empty");
            return CS_CT_BAD;
        }
        out->precert = p + body;
        out->precert_len = len;
        at = body + len;
    }
    if ((r = cs_ct_vector(p, n, at, 2, &body, &len, need)) != CS_CT_OK) {
        return r;
    }
    if (len % 32 != 0) {
        snprintf(why, why_len,
                 "the certificate_chain has %zu bytes, not a whole number of "
                 "SHA-256 fingerprints",
                 len);
        return CS_CT_BAD;
    }
    out->chain = p + body;
    out->chain_len = len;
    out->len = body + len;
    return CS_CT_OK;
}

int cs_ct_leaf_index(const uint8_t *ext, size_t len, uint64_t *index, char *why, size_t why_len) {
    int found = 0;
    size_t at = 0;
    while (at < len) {
        if (len - at < 3) {
            snprintf(why, why_len, "the CtExtensions end inside an extension header");
            return -1;
        }
        unsigned type = ext[at];
        size_t elen = (size_t)cs_ct_be(ext + at + 1, 2);
        at += 3;
        if (len - at < elen) {
            snprintf(why, why_len, "extension %u declares %zu bytes but %zu are left", type, elen,
                     len - at);
            return -1;
        }
        if (type == 0) {
            if (found) {
                snprintf(why, why_len, "two leaf_index extensions");
                return -1;
            }
            if (elen != 5) {
                snprintf(why, why_len, "the leaf_index extension has %zu bytes instead of 5", elen);
                return -1;
            }
            *index = cs_ct_be(ext + at, 5);
            found = 1;
        }
        at += elen;
    }
    return found;
}

cs_ct_result cs_ct_precert_of_extra(const uint8_t *p, size_t n, const uint8_t **cert, size_t *len,
                                    size_t *need, char *why, size_t why_len) {
    size_t body;
    cs_ct_result r = cs_ct_vector(p, n, 0, 3, &body, len, need);
    if (r != CS_CT_OK) {
        return r;
    }
    if (*len == 0) {
        snprintf(why, why_len, "the PrecertChainEntry's pre_certificate is empty");
        return CS_CT_BAD;
    }
    *cert = p + body;
    return CS_CT_OK;
}

int cs_ct_chain_each(const uint8_t *p, size_t n, cs_ct_cert_fn fn, void *ctx, char *why,
                     size_t why_len) {
    size_t body, total, need;
    if (cs_ct_vector(p, n, 0, 3, &body, &total, &need) != CS_CT_OK) {
        snprintf(why, why_len, "the certificate_chain declares %zu bytes but %zu are left",
                 n < 3 ? (size_t)0 : (size_t)cs_ct_be(p, 3), n < 3 ? (size_t)0 : n - 3);
        return 0;
    }
    if (body + total != n) {
        snprintf(why, why_len, "%zu bytes after the certificate_chain", n - body - total);
        return 0;
    }
    size_t at = body, end = body + total;
    while (at < end) {
        size_t cbody, clen;
        if (cs_ct_vector(p, end, at, 3, &cbody, &clen, &need) != CS_CT_OK || clen == 0) {
            snprintf(why, why_len,
                     "a chain certificate at byte %zu of extra_data runs past the "
                     "chain or is empty",
                     at);
            return 0;
        }
        fn(ctx, p + cbody, clen);
        at = cbody + clen;
    }
    return 1;
}

/* Timestamps from 2010 to 2200, in ms: enough to tell a TileLeaf from other binary data. */
#define CS_CT_TS_MIN 1262304000000ull
#define CS_CT_TS_MAX 7258118400000ull

int cs_ct_tile_plausible(const uint8_t *p, size_t n) {
    cs_ct_entry e;
    size_t need = 0;
    char why[8];
    cs_ct_result r = cs_ct_tile_leaf(p, n, &e, &need, why, sizeof why);
    if (r == CS_CT_BAD) {
        return 0;
    }
    if (n < 10) {
        return 0;
    }
    uint64_t ts = cs_ct_be(p, 8);
    if (ts < CS_CT_TS_MIN || ts > CS_CT_TS_MAX) {
        return 0;
    }
    /* The certificate (or TBS) starts with a SEQUENCE with a long-form length. */
    size_t cert_at = 10 + (cs_ct_be(p + 8, 2) == CS_CT_PRECERT_ENTRY ? 32 : 0) + 3;
    if (n < cert_at + 2 || p[cert_at] != 0x30 || p[cert_at + 1] < 0x81 || p[cert_at + 1] > 0x83) {
        return 0;
    }
    return 1;
}
