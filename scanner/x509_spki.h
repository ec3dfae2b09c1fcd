/* SubjectPublicKeyInfo: algorithm, key type, size or curve (RFC 5280 §4.1.2.7 and the algorithm
 * RFCs: 3279, 4055, 5480, 8410, 9881 for ML-DSA, 9935 for ML-KEM). */
#ifndef CS_X509_SPKI_H
#define CS_X509_SPKI_H

#include "scanner/x509.h"

/* Reads the SubjectPublicKeyInfo at the cursor into `out`. Fails only when the outer structure
 * is malformed; a key whose inside cannot be read leaves out->key_parsed at 0 for the rules. */
int cs_x509_parse_spki(cs_der *cur, cs_x509_spki *out, cs_der_error *err);

/* Number of significant bits of an unsigned big-endian integer's content. */
uint32_t cs_integer_bits(cs_der content);

#endif
