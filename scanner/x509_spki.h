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

/* RSASSA-PSS-params (RFC 4055 §3.1) as read from an AlgorithmIdentifier's parameters. */
typedef struct cs_rsa_pss_params {
    uint8_t hash;            /* cs_misc_oid_id of hashAlgorithm (CS_OID_SHA1 when omitted) */
    uint8_t mgf_hash;        /* cs_misc_oid_id of the MGF1 hash (CS_OID_SHA1 when omitted) */
    uint8_t default_encoded; /* a field holding its DEFAULT value is encoded (SHA-1, MGF1 with
                                SHA-1, saltLength 20 or trailerField 1) */
    uint8_t trailer_not_1;   /* trailerField has a value other than trailerFieldBC (1) */
    uint64_t salt_length;
    const char *invalid; /* NULL when the syntax is valid, else what is wrong */
} cs_rsa_pss_params;

/* Reads RSASSA-PSS-params from `params` (the parameters TLV, which must be present). Returns 1
 * when they are valid RSASSA-PSS-params with a hash and mask generation function RFC 4055
 * defines; otherwise 0 with out->invalid saying why. */
int cs_parse_rsa_pss_params(cs_der params, cs_rsa_pss_params *out);

#endif
