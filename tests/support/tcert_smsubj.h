/* Test certificates for the S/MIME subject and SAN rules: a valid, finding-free subscriber
 * certificate for any S/MIME profile (the reserved policy OID, emailProtection, a SAN mailbox and
 * a subject that fits the type), where a test changes one part: the subject attributes, the SAN
 * entries, notBefore or the LEI extension. */
#ifndef CS_TEST_TCERT_SMSUBJ_H
#define CS_TEST_TCERT_SMSUBJ_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/profile.h"
#include "tests/support/derb.h"
#include "tests/support/tcert_names.h"
#include "tests/support/tcert_smime.h" /* tsmime_profiles */

#define TSS_OID_CN     "2.5.4.3"
#define TSS_OID_SN     "2.5.4.4"
#define TSS_OID_SERIAL "2.5.4.5"
#define TSS_OID_C      "2.5.4.6"
#define TSS_OID_L      "2.5.4.7"
#define TSS_OID_ST     "2.5.4.8"
#define TSS_OID_STREET "2.5.4.9"
#define TSS_OID_O      "2.5.4.10"
#define TSS_OID_OU     "2.5.4.11"
#define TSS_OID_TITLE  "2.5.4.12"
#define TSS_OID_POSTAL "2.5.4.17"
#define TSS_OID_GIVEN  "2.5.4.42"
#define TSS_OID_PSEUDO "2.5.4.65"
#define TSS_OID_ORGID  "2.5.4.97"
#define TSS_OID_EMAIL  "1.2.840.113549.1.9.1"
#define TSS_OID_DC     "0.9.2342.19200300.100.1.25"
#define TSS_OID_UPN    "1.3.6.1.4.1.311.20.2.3"
#define TSS_OID_LEI    "1.3.6.1.4.1.52266.1"

/* The SAN mailbox of every default certificate. */
#define TSS_MAILBOX "alice@example.com"

#define TSS_MAX_ATTRS 24

/* A subject as an editable list (always NULL-terminated in `a`). */
typedef struct tss_subject {
    tn_atv a[TSS_MAX_ATTRS + 1];
    size_t n;
} tss_subject;

/* The default subject of a profile: mailbox CN=alice@example.com; organization O, orgId
 * VATDE-..., CN = O, C=DE; sponsor givenName, surname, CN, O, orgId, C; individual givenName,
 * surname, CN, C. smime.undetermined gets the mailbox subject. */
void tss_default_subject(cs_profile p, tss_subject *s);
/* Appends an attribute (UTF8String unless `tag` is set). */
void tss_add(tss_subject *s, const char *oid, uint32_t tag, const char *value);
/* Removes every attribute of this type. */
void tss_remove(tss_subject *s, const char *oid);
/* Replaces the value of every attribute of this type (appends it when absent). */
void tss_set(tss_subject *s, const char *oid, uint32_t tag, const char *value);

typedef struct tss_spec {
    cs_profile profile;      /* the reserved OID to carry; smime.undetermined: none */
    const tss_subject *subj; /* NULL: the profile's default subject */
    /* SAN: the rfc822Names (NULL: {TSS_MAILBOX}); `san_none` writes no mailbox at all. */
    const char *const *san_mailboxes;
    int san_none;
    int no_san; /* no subjectAltName extension */
    /* More GeneralNames written after the mailboxes (e.g. tgn_dns, tgn_smtp). */
    void (*san_extra)(derb *b, const char *arg);
    const char *san_extra_arg;
    const char *not_before; /* UTCTime content; NULL: 250101000000Z */
    const uint8_t *lei_ext; /* LEI extension value (DER), or NULL */
    size_t lei_ext_len;
} tss_spec;

/* Builds the certificate (caller frees). */
uint8_t *tss_build(const tss_spec *s, size_t *out_len);
/* Builds and lints it for one rule: lintone's result (1 finding, 0 none, <0 errors). */
int tss_lint(const tss_spec *s, const char *rule);

extern const cs_profile tss_profiles_13[13];

#endif
