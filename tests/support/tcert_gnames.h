/* GeneralName builders for the gnames tests: write GeneralNames into a derb buffer, then hand the
 * buffer to a tcert as an extension value. */
#ifndef CS_TEST_TCERT_GNAMES_H
#define CS_TEST_TCERT_GNAMES_H

#include <stddef.h>
#include <stdint.h>

#include "tests/support/derb.h"
#include "tests/support/tcert.h"

#define TGN_OID_SAN              "2.5.29.17"
#define TGN_OID_IAN              "2.5.29.18"
#define TGN_OID_NC               "2.5.29.30"
#define TGN_OID_CRLDP            "2.5.29.31"
#define TGN_OID_FRESHEST         "2.5.29.46"
#define TGN_OID_AIA              "1.3.6.1.5.5.7.1.1"
#define TGN_OID_SIA              "1.3.6.1.5.5.7.1.11"
#define TGN_OID_SMTPUTF8         "1.3.6.1.5.5.7.8.9"
#define TGN_OID_AD_OCSP          "1.3.6.1.5.5.7.48.1"
#define TGN_OID_AD_CA_ISSUERS    "1.3.6.1.5.5.7.48.2"
#define TGN_OID_AD_CA_REPOSITORY "1.3.6.1.5.5.7.48.5"

/* One GeneralName each (RFC 5280 §4.2.1.6 tags). */
void tgn_dns(derb *b, const char *name);
void tgn_rfc822(derb *b, const char *name);
void tgn_uri(derb *b, const char *uri);
void tgn_ip(derb *b, const uint8_t *octets, size_t len);
/* directoryName C=US, CN=cn; an empty Name when cn is NULL. */
void tgn_dirname(derb *b, const char *cn);
/* directoryName encoded exactly as tcert encodes its issuer and subject (C=US, O=certscan tests,
 * CN=cn), so a test can name the certificate's own issuer. */
void tgn_dirname_tcert(derb *b, const char *cn);
void tgn_rid(derb *b, const char *oid);
/* x400Address: an ORAddress with an empty built-in-standard-attributes SEQUENCE. */
void tgn_x400(derb *b);
/* ediPartyName with partyName [1] DirectoryString (UTF8String) `party`. */
void tgn_edi(derb *b, const char *party);
/* otherName `oid` with a value of universal tag `tag` and these content octets. */
void tgn_other(derb *b, const char *oid, uint32_t tag, const void *value, size_t len);
/* otherName SmtpUTF8Mailbox (a UTF8String). */
void tgn_smtp(derb *b, const char *mailbox);

/* Extension values built for one certificate; freed by tgn_bag_free. */
typedef struct tgn_bag {
    uint8_t *buf[TCERT_MAX_EXTS];
    int n;
} tgn_bag;

/* Adds an extension whose value is what `b` holds (its bytes move into the bag; `b` is left
 * empty and reusable). */
void tgn_add(tcert *t, tgn_bag *bag, const char *oid, int critical, derb *b);
void tgn_bag_free(tgn_bag *bag);

/* A certificate with one extension of a single GeneralNames SEQUENCE holding one name written by
 * `write(b, value)`, linted for `rule` (lintone's result). `t` is the starting certificate. */
int tgn_lint_one_name(const tcert *t, const char *oid, int critical,
                      void (*write)(derb *b, const char *value), const char *value,
                      const char *rule);
/* Lints a built certificate for one rule (lintone's result). */
int tgn_lint(const tcert *t, const char *rule);

#endif
