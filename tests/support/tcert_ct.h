/* Certificates in the three CT roles, for tests of precertificate pairing and counting. */
#ifndef CS_TESTS_TCERT_CT_H
#define CS_TESTS_TCERT_CT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
    TCERT_CT_PLAIN = 0,   /* neither CT extension */
    TCERT_CT_PRECERT = 1, /* the critical poison extension (RFC 6962 §3.1) */
    TCERT_CT_FINAL = 2,   /* the SCT list extension, as a final certificate carries it */
} tcert_ct_kind;

/* Appends the DER of the default test certificate with this serial in this role to f; the same
 * serial in another role is its precertificate or final certificate. Returns 0 on a write error. */
int tcert_ct_write(FILE *f, const uint8_t *serial, size_t serial_len, tcert_ct_kind kind);

#endif
