/* One certificate to write, as plain data: the fillers (gen_smime.c, gen_tls.c, gen_ca.c) set
 * the fields, defects (gen_defect.c) change them, and gen_cert_encode writes the DER and signs
 * it. Strings are referenced, not copied: they live in the caller's arena or in static tables
 * until the certificate is encoded. */
#ifndef CS_GEN_CERT_H
#define CS_GEN_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "bench/gen/gen_der.h"
#include "bench/gen/gen_oid.h"
#include "bench/gen/gen_rng.h"
#include "bench/gen/gen_sign.h"

#define GEN_MAX_ATTRS 16
#define GEN_MAX_NAMES 8
#define GEN_MAX_EKU   6
#define GEN_MAX_POL   8

typedef struct gen_attr {
    gen_oid_id type;
    uint8_t tag; /* string type */
    uint16_t len;
    const char *value;
} gen_attr;

typedef enum gen_gn_kind {
    GEN_GN_EMAIL = 0, /* rfc822Name */
    GEN_GN_DNS,
    GEN_GN_URI,
    GEN_GN_IP,
    GEN_GN_SMTPUTF8, /* otherName id-on-SmtpUTF8Mailbox (RFC 9598) */
    GEN_GN_UPN,      /* otherName Microsoft UPN */
} gen_gn_kind;

typedef struct gen_gname {
    uint8_t kind;
    uint16_t len;
    const char *value;
} gen_gname;

/* Extensions the generator knows, in no particular order (the CA's habit orders them). */
typedef enum gen_ext_id {
    GEN_X_BC = 0,
    GEN_X_KU,
    GEN_X_EKU,
    GEN_X_SAN,
    GEN_X_CP,
    GEN_X_CRLDP,
    GEN_X_AIA,
    GEN_X_AKI,
    GEN_X_SKI,
    GEN_X_NC,
    GEN_X_SMIME_CAPS,
    GEN_X_QC,
    GEN_X_LEI,
    GEN_X_LEI_ROLE,
    GEN_X_SDA,
    GEN_X_ADOBE_TS,
    GEN_X_SCT,
    GEN_X_POISON,
    GEN_X_MS_TEMPLATE,
    GEN_X_PRIVATE,
    GEN_X_COUNT
} gen_ext_id;

typedef struct gen_ext {
    uint8_t present;
    uint8_t critical;
    uint8_t duplicate;    /* written twice */
    const uint8_t *value; /* extnValue content; NULL: built from the certificate's fields */
    size_t len;
} gen_ext;

/* keyUsage bits, numbered as in RFC 5280 §4.2.1.3 */
enum {
    GEN_KU_DS = 1 << 0,
    GEN_KU_NR = 1 << 1,
    GEN_KU_KE = 1 << 2,
    GEN_KU_DE = 1 << 3,
    GEN_KU_KA = 1 << 4,
    GEN_KU_CERT = 1 << 5,
    GEN_KU_CRL = 1 << 6,
    GEN_KU_EO = 1 << 7,
    GEN_KU_DO = 1 << 8,
};

typedef struct gen_policy {
    const uint8_t *oid; /* content octets */
    uint8_t len;
    const char *cps;    /* CPS pointer qualifier, or NULL */
    const char *notice; /* userNotice explicitText (UTF8String), or NULL */
} gen_policy;

typedef struct gen_cert {
    int version;        /* INTEGER value (2 = v3) */
    uint8_t serial[24]; /* INTEGER content octets, written as they are */
    uint8_t serial_len;
    gen_sig_alg sig_alg;   /* tbsCertificate.signature and signatureAlgorithm */
    const uint8_t *issuer; /* Name DER */
    size_t issuer_len;
    int64_t not_before, not_after; /* seconds since 1970 */
    const char *nb_text, *na_text; /* non-NULL: this time text instead (with nb_tag, na_tag) */
    uint8_t nb_tag, na_tag;
    gen_attr subject[GEN_MAX_ATTRS];
    int num_subject;
    const gen_key *key; /* the subject's key (spki is normally its encoding) */
    const uint8_t *spki;
    size_t spki_len;
    const uint8_t *ski; /* 20 octets */
    unsigned ku;
    gen_oid_id eku[GEN_MAX_EKU];
    int num_eku;
    gen_policy pol[GEN_MAX_POL];
    int num_pol;
    int bc_ca;       /* basicConstraints cA TRUE */
    int bc_path_len; /* -1: absent */
    gen_gname san[GEN_MAX_NAMES];
    int num_san;
    gen_ext ext[GEN_X_COUNT];
    uint8_t order[GEN_X_COUNT]; /* writing order of the extensions */
    int num_order;
    const gen_key *signer; /* the issuer's key */
    int sign_real;         /* make a real signature when the key can */
} gen_cert;

/* An empty v3 certificate with the given extension order. */
void gen_cert_init(gen_cert *c, const uint8_t *order, int num_order);
void gen_cert_add_attr(gen_cert *c, gen_oid_id type, uint8_t tag, const char *value);
void gen_cert_add_gname(gen_cert *c, gen_gn_kind kind, const char *value);
/* Marks an extension present (with a fixed value when `value` is non-NULL). */
void gen_cert_set_ext(gen_cert *c, gen_ext_id id, int critical, const uint8_t *value, size_t len);
/* Index of the first attribute of `type`, or -1. */
int gen_cert_find_attr(const gen_cert *c, gen_oid_id type);
void gen_cert_remove_attr(gen_cert *c, int index);
/* Sets attribute `type` (replacing the first one, or adding it at the end). */
void gen_cert_put_attr(gen_cert *c, gen_oid_id type, uint8_t tag, const char *value);

/* Writes the certificate to out (reset first) and signs it. `tbs_off`/`tbs_len`, when not
 * NULL, receive where the TBSCertificate sits in out. Returns 0 on failure. */
int gen_cert_encode(const gen_cert *c, gen_signer *s, gen_rng *r, gen_der *out, size_t *tbs_off,
                    size_t *tbs_len);
/* Writes only the TBSCertificate (for CT: a precertificate's TBS without the poison). */
int gen_cert_encode_tbs(const gen_cert *c, gen_der *out);
/* Writes a Name from attributes (one attribute per RDN). */
void gen_name_encode(gen_der *d, const gen_attr *attrs, int num);
/* Time text for a Unix time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280
 * §4.1.2.5); returns the tag and fills out (16 octets). */
uint8_t gen_time_text(int64_t t, char out[16]);
/* Days since 1970-01-01 for a civil date, and back. */
int64_t gen_days_from_civil(int y, unsigned m, unsigned d);
void gen_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d);

#endif
