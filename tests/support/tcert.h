/* A table-driven test certificate builder on top of derb: start from tcert_defaults (a valid
 * v3 subscriber certificate), change the fields a test is about, and build. The signature is a
 * placeholder: certscan's rules do not verify signatures. */
#ifndef CS_TEST_TCERT_H
#define CS_TEST_TCERT_H

#include <stddef.h>
#include <stdint.h>

#define TCERT_MAX_EXTS 16

typedef struct tcert_ext {
    const char *oid;      /* dotted */
    int critical;         /* 1: critical TRUE */
    int encode_false;     /* write critical FALSE explicitly (a DEFAULT value) */
    const uint8_t *value; /* extnValue content */
    size_t value_len;
} tcert_ext;

typedef struct tcert {
    int version;           /* -1: omit the field; otherwise the INTEGER value (2 = v3) */
    const uint8_t *serial; /* INTEGER content */
    size_t serial_len;
    const char *tbs_sig_oid; /* dotted */
    int tbs_sig_null;        /* NULL parameters */
    const char *sig_oid;     /* outer signatureAlgorithm; NULL: same as tbs */
    int sig_null;
    const char *issuer_cn;
    const char *subject_cn;  /* NULL: empty subject */
    const char *not_before;  /* time content, e.g. "250101000000Z" */
    uint32_t not_before_tag; /* CS_DER_UTCTIME or CS_DER_GENERALIZEDTIME */
    const char *not_after;
    uint32_t not_after_tag;
    int key_type;        /* 0: P-256, 1: RSA-2048, 2: Ed25519 */
    int with_extensions; /* write the [3] field (even when num_exts is 0) */
    tcert_ext ext[TCERT_MAX_EXTS];
    int num_exts;
} tcert;

void tcert_defaults(tcert *t);
/* Adds an extension (value bytes are copied by reference: keep them alive until build). */
void tcert_add_ext(tcert *t, const char *oid, int critical, const uint8_t *value, size_t len);
/* Adds basicConstraints cA TRUE (critical) and keyUsage keyCertSign|cRLSign (critical). */
void tcert_make_ca(tcert *t);
/* Builds the DER certificate; the caller frees it. Aborts on builder errors. */
uint8_t *tcert_build(const tcert *t, size_t *out_len);

#endif
