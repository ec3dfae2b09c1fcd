/* CA owners from CCADB reports (`--ccadb FILE...`): who operates the CA of each certificate.
 *
 * Two kinds of CSV report are loaded, told apart by their header columns, never by name:
 * - owner reports ("CA Owner", "SHA-256 Fingerprint", optionally "Subordinate CA Owner", the
 *   root-store status columns, "Technically Constrained", "S/MIME Capable"): the CCADB's
 *   AllCertificateRecords reports and Mozilla's intermediate reports;
 * - certificate reports ("SHA-256 Fingerprint" and "X.509 Certificate (PEM)" or "PEM Info"): each
 *   certificate's subject DN and subjectKeyIdentifier are read from its PEM, so that a
 *   certificate can be joined to the CA that issued it (owner reports have no PEM).
 * Rows are joined on the SHA-256 fingerprint. When several reports describe one fingerprint, a
 * non-empty value from a file loaded later replaces the earlier one (files in the order given,
 * directories in name order): give the newest report last.
 *
 * A certificate's owner is that of its own fingerprint when a report lists it (a CA
 * certificate), else that of its issuer: the CA certificates whose subject DN equals its issuer
 * DN (byte for byte) and whose subjectKeyIdentifier equals its authorityKeyIdentifier's
 * keyIdentifier. A lookup is answered only when every such CA certificate with an owner names
 * the same CA Owner; when they disagree (a CA cross-certified under two owners), there is no
 * answer rather than a guess.
 *
 * The database is read-only once loaded: any number of threads may look up at once. */
#ifndef CS_OWNERS_H
#define CS_OWNERS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scanner/x509.h"

typedef struct cs_owner_info {
    const char *ca_owner;
    const char *subordinate_ca_owner; /* NULL when absent */
    const char *store_status;         /* e.g. "Mozilla: Included; Microsoft: Included"; NULL when
                                         absent */
    int technically_constrained;      /* -1 unknown, 0, 1 */
    int smime_capable;                /* -1 unknown, 0, 1 */
} cs_owner_info;

typedef struct cs_owner_db cs_owner_db;

/* Loads the reports in `paths` (files or directories). NULL on failure (an unreadable path, a
 * CSV that is not such a report, memory), with a message on err. Rows that cannot be used (no
 * or a malformed fingerprint, broken quoting, a PEM that does not parse) are counted and
 * reported on err, one line per file, and loading goes on. */
cs_owner_db *cs_owner_db_load(const char *const *paths, size_t n, FILE *err);
void cs_owner_db_free(cs_owner_db *db);

/* The record of this certificate's own fingerprint, when it has a CA Owner. */
const cs_owner_info *cs_owner_db_by_fingerprint(const cs_owner_db *db, const uint8_t sha256[32]);
/* The owner of the CA that issued a certificate: CA subject DN (DER) == issuer DN and CA SKI ==
 * AKI keyIdentifier (aki may be NULL/0: then by subject DN alone). NULL when unknown or
 * ambiguous. */
const cs_owner_info *cs_owner_db_by_issuer(const cs_owner_db *db, const uint8_t *issuer_dn,
                                           size_t issuer_len, const uint8_t *aki, size_t aki_len);
/* Records that carry a CA Owner. */
size_t cs_owner_db_count(const cs_owner_db *db);
/* Certificates whose subject and key identifier were read from certificate reports. */
size_t cs_owner_db_certificates(const cs_owner_db *db);

/* How a certificate's owner was found. */
typedef enum cs_owner_match {
    CS_OWNER_NONE = 0,
    CS_OWNER_BY_FINGERPRINT,
    CS_OWNER_BY_ISSUER,
} cs_owner_match;

/* Both lookups for a parsed certificate: by its SHA-256, then by its issuer DN and AKI. */
const cs_owner_info *cs_owner_db_for_cert(const cs_owner_db *db, const uint8_t sha256[32],
                                          const cs_x509 *cert, cs_owner_match *how);

#endif
