/* Certificate Transparency binary structures: RFC 6962's MerkleTreeLeaf and TimestampedEntry
 * (§3.4), the extra_data of get-entries (§4.6), and static-ct-api's TileLeaf, with its
 * leaf_index extension. Bounds are checked against the bytes given; nothing is copied: the
 * results point into the caller's buffer.
 */
#ifndef CS_IO_CT_LEAF_H
#define CS_IO_CT_LEAF_H

#include <stddef.h>
#include <stdint.h>

#define CS_CT_X509_ENTRY    0
#define CS_CT_PRECERT_ENTRY 1

typedef enum cs_ct_result {
    CS_CT_OK = 0,
    CS_CT_SHORT, /* the structure runs past the bytes given (*need: how many it needs so far) */
    CS_CT_BAD,   /* the bytes are not the structure (`why`) */
} cs_ct_result;

typedef struct cs_ct_entry {
    uint64_t timestamp;
    unsigned entry_type;            /* CS_CT_X509_ENTRY or CS_CT_PRECERT_ENTRY */
    const uint8_t *issuer_key_hash; /* precert: 32 bytes */
    const uint8_t *cert;            /* x509: the certificate; precert: the TBSCertificate */
    size_t cert_len;
    const uint8_t *ext; /* CtExtensions */
    size_t ext_len;
    const uint8_t *precert; /* TileLeaf of a precert: the precertificate */
    size_t precert_len;
    const uint8_t *chain; /* TileLeaf: the chain's SHA-256 fingerprints */
    size_t chain_len;     /* a multiple of 32 */
    size_t len;           /* bytes the structure takes */
} cs_ct_entry;

/* A whole MerkleTreeLeaf (leaf_input): version v1, leaf type timestamped_entry, and nothing
 * after the TimestampedEntry. */
cs_ct_result cs_ct_merkle_leaf(const uint8_t *p, size_t n, cs_ct_entry *out, char *why,
                               size_t why_len);

/* One TileLeaf at the front of p[0..n): a TimestampedEntry, the precertificate for a precert
 * entry, and the chain fingerprints. On CS_CT_SHORT, *need is the length known so far (read at
 * least that much and call again). */
cs_ct_result cs_ct_tile_leaf(const uint8_t *p, size_t n, cs_ct_entry *out, size_t *need, char *why,
                             size_t why_len);

/* The leaf_index extension in CtExtensions: 1 with *index set, 0 when absent, -1 when the
 * extensions are malformed (`why`). */
int cs_ct_leaf_index(const uint8_t *ext, size_t len, uint64_t *index, char *why, size_t why_len);

/* extra_data: for a precert entry, the PrecertChainEntry's pre_certificate; the chain (3-byte
 * total length, then 3-byte-prefixed certificates) follows at *chain. For an x509 entry the
 * whole extra_data is the chain. Returns CS_CT_OK, or CS_CT_SHORT when only a prefix was given
 * and the pre_certificate runs past it (*need), or CS_CT_BAD. */
cs_ct_result cs_ct_precert_of_extra(const uint8_t *p, size_t n, const uint8_t **cert, size_t *len,
                                    size_t *need, char *why, size_t why_len);

/* Walks a certificate_chain (3-byte total length, then 3-byte-prefixed certificates): calls
 * fn for each; returns 0 with `why` when the chain is malformed. */
typedef void (*cs_ct_cert_fn)(void *ctx, const uint8_t *der, size_t len);
int cs_ct_chain_each(const uint8_t *p, size_t n, cs_ct_cert_fn fn, void *ctx, char *why,
                     size_t why_len);

/* 1 when p[0..n) starts like a TileLeaf: a plausible timestamp, an entry type, consistent
 * lengths and a DER certificate (content sniffing for detection). */
int cs_ct_tile_plausible(const uint8_t *p, size_t n);

#endif
