/* Extension builders for the exts-area tests, on top of tcert and derb. Values built here are
 * owned by a pool that lives until tx_reset(), so a test can add several and build the
 * certificate afterwards. */
#ifndef CS_TEST_TCERT_EXTS_H
#define CS_TEST_TCERT_EXTS_H

#include <stddef.h>
#include <stdint.h>

#include "tests/support/derb.h"
#include "tests/support/tcert.h"

/* Dotted OIDs of the extensions used in the tests. */
#define TX_AKI     "2.5.29.35"
#define TX_SKI     "2.5.29.14"
#define TX_KU      "2.5.29.15"
#define TX_BC      "2.5.29.19"
#define TX_EKU     "2.5.29.37"
#define TX_CP      "2.5.29.32"
#define TX_PM      "2.5.29.33"
#define TX_PC      "2.5.29.36"
#define TX_IAP     "2.5.29.54"
#define TX_SDA     "2.5.29.9"
#define TX_POISON  "1.3.6.1.4.1.11129.2.4.3"
#define TX_SCT     "1.3.6.1.4.1.11129.2.4.2"
#define TX_SMIME   "1.2.840.113549.1.9.15"
#define TX_QC      "1.3.6.1.5.5.7.1.3"
#define TX_ANY_POL "2.5.29.32.0"

/* Takes the builder's bytes into the pool and adds them as an extension value. */
void tx_add(tcert *t, const char *oid, int critical, derb *b);
/* Adds raw value bytes (copied into the pool). */
void tx_add_raw(tcert *t, const char *oid, int critical, const void *value, size_t len);
/* Frees every pooled value. */
void tx_reset(void);

/* keyUsage with `bits` (CS_KU_*) in minimal DER. */
void tx_ku(tcert *t, int critical, unsigned bits);
/* basicConstraints; path_len < 0 leaves it out. */
void tx_bc(tcert *t, int critical, int ca, long path_len);
/* authorityKeyIdentifier with a keyIdentifier. */
void tx_aki(tcert *t);
void tx_ski(tcert *t);
/* extKeyUsage with `n` dotted purposes. */
void tx_eku(tcert *t, int critical, const char *const *purposes, size_t n);
/* certificatePolicies with one policy and no qualifiers. */
void tx_policy(tcert *t, const char *policy_oid);
/* certificatePolicies with one policy holding one user notice whose explicitText has tag `tag`
 * and content `text` (`len` octets); with_ref adds a noticeRef. */
void tx_policy_notice(tcert *t, const char *policy_oid, uint32_t tag, const void *text, size_t len,
                      int with_ref);

/* A subscriber / CA certificate with the extensions RFC 5280 wants (AKI, SKI, keyUsage, and for
 * a CA a critical basicConstraints): no finding of the exts area. */
void tx_subscriber(tcert *t);
void tx_ca(tcert *t);

/* Builds and lints; the result of lintone(). */
int tx_lint(const tcert *t, const char *rule_id);
/* Rule ids of the exts area that fire on the certificate, comma-separated into buf ("" when
 * none); returns how many fired. */
int tx_area_findings(const tcert *t, char *buf, size_t len);

#endif
