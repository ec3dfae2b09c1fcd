/* Zero-copy view of an X.509 certificate (RFC 5280 §4.1).
 *
 * cs_x509_parse walks the Certificate once and records spans (cs_der: pointer + length into the
 * caller's buffer, so offset = span.ptr - cert->der.ptr) for every TBSCertificate field, the names'
 * attributes and the extensions. Nothing is copied or allocated; the view is valid while the
 * buffer is. Extension contents are decoded on demand by the functions in x509_ext.h.
 *
 * What the parse rejects: anything that is not strict DER at the structural level (lengths, tags,
 * trailing bytes, nesting), a structure that does not match RFC 5280's ASN.1, and an unparseable
 * time. What it accepts and records for the rules instead: non-minimal INTEGERs (serial), explicit
 * DEFAULT values (version v1, critical FALSE), non-canonical time formats, non-zero BIT STRING
 * padding, unknown algorithms and extensions, and contents the extension decoders may reject.
 */
#ifndef CS_X509_H
#define CS_X509_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/der.h"
#include "scanner/oid.h"
#include "scanner/x509_time.h"

/* Bounds of the view. Real certificates stay far below them; a certificate above a bound is still
 * parsed and validated in full, only the first entries are kept and the overflow flag is set. */
#define CS_X509_MAX_ATTRS 48
#define CS_X509_MAX_EXTS  40

typedef struct cs_x509_alg {
    cs_der raw;    /* the whole AlgorithmIdentifier TLV */
    cs_der oid;    /* OID content */
    cs_der params; /* the parameters TLV, empty when absent */
    cs_alg_id id;
} cs_x509_alg;

typedef struct cs_x509_attr {
    cs_der oid;       /* attribute type, OID content */
    cs_der value;     /* value content (string bytes for string types) */
    uint32_t tag;     /* value tag, e.g. CS_DER_PRINTABLESTRING */
    uint16_t rdn;     /* index of the RDN (SET) holding it, from 0 */
    uint8_t id;       /* cs_attr_id */
    uint8_t rdn_size; /* number of attributes in that RDN (>1: multi-valued RDN) */
} cs_x509_attr;

typedef struct cs_x509_name {
    cs_der raw; /* the whole Name TLV */
    uint16_t num_rdns;
    uint16_t num_attrs;   /* attributes stored below */
    uint16_t total_attrs; /* attributes present (> num_attrs when overflowed) */
    uint8_t overflow;
    uint8_t rdn_set_unsorted; /* a multi-valued RDN whose SET OF is not in DER order */
    uint8_t empty_rdn;        /* an RDN with no attribute (SIZE (1..MAX) violated) */
    cs_x509_attr attr[CS_X509_MAX_ATTRS];
} cs_x509_name;

typedef struct cs_x509_time {
    int64_t epoch;     /* seconds since 1970-01-01T00:00:00Z */
    cs_der raw;        /* the time's content octets, as encoded */
    uint32_t tag;      /* CS_DER_UTCTIME or CS_DER_GENERALIZEDTIME */
    uint8_t canonical; /* RFC 5280 form: YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ */
} cs_x509_time;

typedef enum cs_key_type {
    CS_KEY_UNKNOWN = 0,
    CS_KEY_RSA,
    CS_KEY_RSA_PSS,
    CS_KEY_EC,
    CS_KEY_DSA,
    CS_KEY_ED25519,
    CS_KEY_ED448,
    CS_KEY_X25519,
    CS_KEY_X448,
    CS_KEY_ML_DSA,
    CS_KEY_ML_KEM,
    CS_KEY_OTHER, /* a recognised algorithm without a size model (GOST, SM2...) */
    CS_KEY_TYPE_COUNT
} cs_key_type;

const char *cs_key_type_name(cs_key_type type);

typedef struct cs_x509_spki {
    cs_der raw; /* the whole SubjectPublicKeyInfo TLV */
    cs_x509_alg alg;
    cs_der key;              /* subjectPublicKey bits, without the unused-bits octet */
    uint8_t key_unused_bits; /* the unused-bits octet (must be 0 for every key type here) */
    cs_key_type type;
    cs_curve_id curve;  /* for EC keys */
    uint32_t bits;      /* RSA/DSA modulus bits, EC field bits, ML-DSA/ML-KEM level */
    uint8_t key_parsed; /* the key's inner structure parsed (RSA SEQUENCE, EC point form) */
    cs_der rsa_modulus; /* INTEGER contents, as encoded */
    cs_der rsa_exponent;
} cs_x509_spki;

typedef struct cs_x509_ext {
    cs_der raw;   /* the whole Extension TLV */
    cs_der oid;   /* extnID content */
    cs_der value; /* extnValue content: the DER of the extension's own type */
    uint8_t id;   /* cs_ext_id */
    uint8_t critical;
    uint8_t critical_encoded_false; /* critical present as FALSE: a DEFAULT value encoded */
    uint8_t critical_not_der;       /* BOOLEAN not 0x00/0xFF */
} cs_x509_ext;

typedef struct cs_x509 {
    cs_der der; /* the whole Certificate */
    cs_der tbs; /* the TBSCertificate TLV (the signed bytes) */

    uint8_t version;         /* 0 = v1, 1 = v2, 2 = v3, as encoded (or 0 when absent) */
    uint8_t version_present; /* the [0] EXPLICIT version field was encoded */
    uint8_t version_nonminimal;
    uint64_t version_value; /* full value, for versions beyond v3 */

    cs_der serial; /* serialNumber INTEGER content, as encoded */
    uint8_t serial_negative;
    uint8_t serial_nonminimal;

    cs_x509_alg tbs_sig_alg; /* TBSCertificate.signature */
    cs_x509_alg sig_alg;     /* Certificate.signatureAlgorithm */
    cs_der signature;        /* signatureValue bits, without the unused-bits octet */
    uint8_t signature_unused_bits;

    cs_der validity; /* the Validity TLV */
    cs_x509_time not_before;
    cs_x509_time not_after;

    cs_x509_spki spki;

    cs_der issuer_uid;  /* [1] content (BIT STRING content), empty when absent */
    cs_der subject_uid; /* [2] content, empty when absent */
    uint8_t has_issuer_uid;
    uint8_t has_subject_uid;

    uint8_t has_extensions; /* the [3] field is present (even if its SEQUENCE is empty) */
    cs_der extensions;      /* the [3] TLV */
    uint16_t num_exts;      /* extensions stored below */
    uint16_t total_exts;    /* extensions present */
    uint8_t exts_overflow;

    /* The large arrays last, so that resetting a view clears only the fields above them. */
    cs_x509_name issuer;
    cs_x509_name subject;
    cs_x509_ext ext[CS_X509_MAX_EXTS];
} cs_x509;

/* Parses `len` bytes at `der` as exactly one Certificate. On failure returns 0 with `err` saying
 * what and where (offset from `der`). `out` is fully overwritten either way. */
int cs_x509_parse(cs_x509 *out, const uint8_t *der, size_t len, cs_der_error *err);

/* Parses a bare TBSCertificate (pre-issuance linting, CT precert leaves). The signature fields of
 * `out` are left empty. */
int cs_x509_parse_tbs(cs_x509 *out, const uint8_t *der, size_t len, cs_der_error *err);

/* Parses a Name TLV (e.g. a GeneralName directoryName) into `out`; err->base must be set. */
int cs_x509_parse_name(cs_der name_tlv, cs_x509_name *out, cs_der_error *err);

/* Index of the first extension with this id, or -1. */
int cs_x509_find_ext(const cs_x509 *cert, cs_ext_id id);

/* Byte offset of a span inside the certificate. */
static inline size_t cs_x509_offset(const cs_x509 *cert, cs_der span) {
    return (size_t)(span.ptr - cert->der.ptr);
}

/* Writes an RFC 4514-style string for a Name into buf (always NUL-terminated, truncated with
 * "..." if too long), most significant RDN first as in the encoding. Returns the length. */
size_t cs_x509_name_to_string(const cs_x509_name *name, char *buf, size_t buf_len);

#endif
