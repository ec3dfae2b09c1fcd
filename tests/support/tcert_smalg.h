/* Builder support for the smalg tests (S/MIME algorithms, keys and CA certificates): valid
 * S/MIME subscriber certificates for any profile and valid S/MIME Subordinate and Root CA
 * certificates, with helpers to change one extension, and linting that reports which of this
 * area's rules (smime.alg.*, smime.key.*, smime.ca.*) fire. Keys and signature algorithms are
 * spliced in with tcert_algs. */
#ifndef CS_TEST_TCERT_SMALG_H
#define CS_TEST_TCERT_SMALG_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/engine.h"
#include "scanner/profile.h"
#include "tests/support/tcert.h"
#include "tests/support/tcert_algs.h"

typedef struct tsm {
    tcert t;
    uint8_t arena[8192]; /* extension values the tcert points into */
    size_t used;
} tsm;

/* An S/MIME subscriber certificate of profile p (CS_PROFILE_SMIME_UNDETERMINED: no policy OID),
 * notBefore 2025-01-01: EKU emailProtection, SAN rfc822Name, certificatePolicies with the
 * reserved OID, P-256 key signed with ECDSA-SHA256. */
void tsm_subscriber(tsm *s, cs_profile p);
/* A Subordinate CA certificate that meets SBR 7.1.2.2 (notBefore 2024-01-01). */
void tsm_ca(tsm *s);
/* A self-signed Root CA certificate that meets SBR 7.1.2.1 except that it carries a reserved SBR
 * policy OID (a SHOULD NOT), which is what makes it an S/MIME CA certificate to certscan. */
void tsm_root(tsm *s);

/* Copies bytes into the arena and returns the copy. */
const uint8_t *tsm_keep(tsm *s, const void *data, size_t len);
/* Index of the extension with this OID, or -1. */
int tsm_find(const tsm *s, const char *oid);
void tsm_drop(tsm *s, const char *oid);
void tsm_set_critical(tsm *s, const char *oid, int critical);
/* Replaces (or adds, non-critical) the extension's value. */
void tsm_set_ext(tsm *s, const char *oid, const void *value, size_t len);
/* EKU value from dotted OIDs. */
void tsm_set_eku(tsm *s, const char *const *oids, size_t n);
/* certificatePolicies value from dotted OIDs (no qualifiers). */
void tsm_set_policies(tsm *s, const char *const *oids, size_t n);
void tsm_set_not_before(tsm *s, const char *utc);

/* 1 when `rule` fires on the certificate (with the key/signature replacements in `a`, may be
 * NULL), 0 when not; aborts when it does not parse or the rule does not exist. */
int tsm_fires(const tsm *s, const tcert_algs *a, const char *rule, const cs_ruleset_options *o);
/* Number of this area's rules that fire; the first one's id goes to `first` (may be NULL). */
int tsm_area_findings(const tsm *s, const tcert_algs *a, char *first, size_t first_len);

/* The 12 SBR profiles and smime.undetermined. */
extern const cs_profile tsm_profiles[13];

#endif
