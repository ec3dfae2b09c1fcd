/* Test-certificate support for names, unique identifiers and the version field: builds Name
 * TLVs attribute by attribute and rebuilds a tcert certificate with other names, unique
 * identifiers or a raw version element. */
#ifndef CS_TEST_TCERT_NAMES_H
#define CS_TEST_TCERT_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "tests/support/tcert.h"

/* One attribute of a Name. A list ends with an entry whose oid is NULL. */
typedef struct tn_atv {
    const char *oid;   /* dotted; "" makes an empty RDN (no attribute) */
    uint32_t tag;      /* value tag, e.g. CS_DER_UTF8STRING */
    const char *value; /* value content octets */
    size_t len;        /* 0: strlen(value) */
    int same_rdn;      /* 1: joins the previous attribute's RDN (written in the order given) */
} tn_atv;

/* A Name TLV (SEQUENCE OF RDN) from a list; the caller frees it. An empty list (or NULL) is an
 * empty Name. */
uint8_t *tn_name(const tn_atv *list, size_t *out_len);

typedef struct tn_opts {
    const tn_atv *issuer;  /* NULL: keep tcert's issuer */
    const tn_atv *subject; /* NULL: keep tcert's subject */
    int empty_subject;     /* 1: an empty subject Name */
    /* The whole [0] version element to write instead of tcert's (NULL: keep). */
    const uint8_t *version_tlv;
    size_t version_tlv_len;
    /* Unique identifiers: BIT STRING content, unused-bits octet first. */
    const uint8_t *issuer_uid;
    size_t issuer_uid_len;
    const uint8_t *subject_uid;
    size_t subject_uid_len;
} tn_opts;

/* Builds tcert `t`, then rewrites it with the options; the caller frees the result. Aborts on
 * builder errors. */
uint8_t *tn_build(const tcert *t, const tn_opts *o, size_t *out_len);

#endif
