/* The simulated PKI: roots, S/MIME and TLS issuing CAs, each with its own key, names, URLs and
 * habits (validity, serial length, extension order, optional extensions, key mix, defect
 * tendencies), plus the shared subscriber key pool. Built once from the seed. */
#ifndef CS_GEN_WORLD_H
#define CS_GEN_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "bench/gen/gen_cert.h"
#include "bench/gen/gen_expect.h"
#include "bench/gen/gen_keys.h"
#include "bench/gen/gen_names.h"
#include "bench/gen/gen_sign.h"

/* SBR profile index: type (0 mailbox, 1 organization, 2 sponsor, 3 individual) * 3 +
 * generation (0 legacy, 1 multipurpose, 2 strict). */
#define GEN_PROFILES        12
#define GEN_PROFILE(t, g)   ((t)*3 + (g))
#define GEN_PROFILE_TYPE(p) ((p) / 3)
#define GEN_PROFILE_GEN(p)  ((p) % 3)
enum { GEN_T_MAILBOX = 0, GEN_T_ORG, GEN_T_SPONSOR, GEN_T_INDIVIDUAL };
enum { GEN_G_LEGACY = 0, GEN_G_MULTI, GEN_G_STRICT };

/* Dates that gate what may be issued (SBR §7.1.6.1, SMC013) and the corpus' "today". */
#define GEN_DATE_SBR        1693526400LL /* 2023-09-01 */
#define GEN_DATE_LEGACY_END 1752537600LL /* 2025-07-15 */
#define GEN_DATE_PQC        1755820800LL /* 2025-08-22 */
#define GEN_DATE_NOW        1793491200LL /* 2026-11-01 */

typedef enum gen_ca_role { GEN_ROLE_ROOT = 0, GEN_ROLE_SMIME, GEN_ROLE_TLS } gen_ca_role;

typedef struct gen_habits {
    uint32_t profile_weight[GEN_PROFILES];   /* S/MIME profiles issued */
    uint32_t key_weight[GEN_KEY_TYPE_COUNT]; /* subscriber key types */
    uint16_t validity_days[3];               /* per generation; TLS uses [0] */
    uint8_t serial_len;                      /* random octets in the serial */
    uint8_t ski_sha256;                      /* RFC 7093 key identifiers */
    uint8_t ocsp, ca_issuers;                /* AIA entries */
    uint8_t cps;                             /* CPS qualifier on the CA's own policy */
    uint8_t own_policy;                      /* a CA policy OID beside the reserved one */
    uint8_t email_attr;                      /* emailAddress in the subject */
    uint8_t cn_present;
    uint8_t smime_caps;
    uint8_t eku_client;    /* clientAuth beside emailProtection (not Strict) */
    uint8_t ku_nr;         /* nonRepudiation with digitalSignature */
    uint8_t rsa_dual;      /* RSA: digitalSignature + keyEncipherment */
    uint8_t ec_agree;      /* EC: digitalSignature + keyAgreement */
    uint8_t printable;     /* PrintableString where the value allows */
    uint8_t smtputf8;      /* SmtpUTF8Mailbox for non-ASCII local parts */
    uint8_t ou;            /* organizationalUnitName (an Affiliate) */
    uint8_t locality;      /* L and ST */
    uint8_t street;        /* streetAddress and postalCode (not Strict) */
    uint8_t qc;            /* qcStatements */
    uint8_t lei;           /* LEI extension (organization, sponsor) */
    uint8_t upn;           /* UPN otherName (not Strict) */
    uint8_t ldap_crl;      /* a second, LDAP CRL URI (Legacy only) */
    uint8_t empty_subject; /* mailbox certificates with an empty subject */
    uint8_t pseudonym;     /* individual certificates under a pseudonym */
    uint8_t ms_template;   /* Microsoft certificate template extension */
    uint8_t adobe;         /* Adobe Time-stamp extension (not Strict) */
    uint8_t serial_attr;   /* subject serialNumber (a natural person identifier or a CA number) */
    uint8_t user_notice;   /* userNotice explicitText on the CA's policy */
    uint8_t aliases;       /* a second mailbox in the SAN now and then */
    uint8_t rsa_split;     /* separate RSA encryption certificates (keyEncipherment only) */
    uint8_t cn_reversed;   /* personal names written "Surname Given" */
    uint8_t cn_mailbox;    /* commonName holding the mailbox instead of a name */
    uint8_t cn_case;       /* mailbox in the commonName with the domain as the applicant typed it */
    uint8_t crl2;          /* a second distribution point (a backup CRL host) */
    uint8_t ldap_aia;      /* Legacy: an LDAP caIssuers beside the http one */
    uint8_t bc_empty;      /* TLS: an empty, critical basicConstraints */
    uint8_t crldp;         /* TLS: cRLDistributionPoints */
    uint8_t ov;            /* TLS: organisation-validated subjects */
    double defect_rate;    /* share of certificates with a defect (times --defects) */
    uint32_t defect_weight[64];
} gen_habits;

typedef struct gen_ca {
    int index;
    int parent; /* index of the issuer; itself for roots */
    gen_ca_role role;
    const gen_country *country;
    char name[256]; /* subject as certscan prints it: "C=DE, O=..., CN=..." */
    char org[96], cn[96], domain[64], slug[48];
    uint8_t *subject_der;
    size_t subject_len;
    gen_key key;
    gen_sig_alg sig_alg; /* how it signs */
    int64_t not_before, not_after;
    int64_t issue_from, issue_to; /* notBefore range of what it issues */
    char crl_url[160], ldap_url[512], ocsp_url[128], issuer_url[160], cps_url[128];
    /* extension values for the certificates it issues */
    uint8_t *aki, *crldp, *crldp_ldap, *aia, *aia_ldap, *adobe_ts;
    size_t aki_len, crldp_len, crldp_ldap_len, aia_len, aia_ldap_len, adobe_ts_len;
    uint8_t own_policy[24];
    uint8_t own_policy_len;
    uint8_t order[GEN_X_COUNT];
    int num_order;
    gen_habits h;
    uint32_t volume; /* relative share of the subscriber certificates */
    uint8_t *cert;   /* its own certificate */
    size_t cert_len;
    gen_findings cert_findings; /* what certscan should report on it (under its issuer) */
    int cert_defect;            /* the CA defect in it (gen_defect_ca.h), or -1 */
} gen_ca;

typedef struct gen_config {
    uint64_t seed;
    uint64_t count;       /* entries in total, CA certificates included */
    int num_cas;          /* 0: from count */
    double defects;       /* multiplier of each CA's defect rate; 0: none */
    size_t pool_per_type; /* subscriber keys per key type */
    int sign_mode;        /* GEN_SIGN_* */
    int tls_share;        /* percent of issuing CAs that are TLS CAs */
    int threads;          /* key generation */
} gen_config;

enum { GEN_SIGN_CHEAP = 0, GEN_SIGN_NONE, GEN_SIGN_ALL };

typedef struct gen_world {
    gen_config cfg;
    gen_ca *cas;
    int num_cas;
    int *issuers;     /* issuing CAs (not roots) */
    uint64_t *cumvol; /* cumulative volumes over `issuers` */
    int num_issuers;
    gen_key_pool pool;
} gen_world;

/* Builds CAs, keys and CA certificates. Returns 0 with a message in err on failure. */
int gen_world_build(gen_world *w, const gen_config *cfg, char *err, size_t errlen);
void gen_world_free(gen_world *w);
/* The issuing CA for a certificate drawn from r (weighted by volume). */
const gen_ca *gen_world_pick_issuer(const gen_world *w, gen_rng *r);

/* The reserved policy OID 2.23.140.1.5.<type>.<gen> of an SBR profile (content octets). */
const uint8_t *gen_reserved_oid(int profile, uint8_t *len);
/* "smime.mailbox.legacy" etc. */
const char *gen_profile_name(int profile);

/* A random serial of the CA's habit into c (positive, below 2^159). */
void gen_serial(gen_cert *c, const gen_ca *ca, gen_rng *r);
/* A random serial of n random octets (n <= 20), positive and below 2^159. */
void gen_serial_len(gen_cert *c, size_t n, gen_rng *r);
/* A notBefore in the CA's window (clamped to [lo, hi]), at the CA's habitual time of day. */
int64_t gen_not_before(const gen_ca *ca, gen_rng *r, int64_t lo, int64_t hi);
/* Whether certificates issued by `ca` get a real signature under the signing mode. */
int gen_world_sign_real(const gen_world *w, const gen_ca *ca);

#endif
