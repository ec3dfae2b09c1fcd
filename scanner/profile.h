/* Profiles: which set of requirements a certificate is judged by.
 *
 * Every certificate has a kind (subscriber, subordinate CA, root; precertificate as a flag). A
 * subscriber certificate is S/MIME when it carries a reserved SBR policy OID
 * 2.23.140.1.5.<type>.<generation> (SBR §7.1.6.1) or a private OID mapped with --profile-map, or,
 * failing that, when it has emailProtection in its EKU and a mailbox in its SAN (SBR §1.1). Its
 * SBR type (mailbox, organization, sponsor, individual) and generation (legacy, multipurpose,
 * strict) come from that OID, from the map, or from --profile for every certificate. The reason
 * is recorded, so that an S/MIME certificate without a usable OID is reported as
 * "smime.undetermined" rather than silently judged as something else.
 */
#ifndef CS_PROFILE_H
#define CS_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/x509.h"

typedef enum cs_profile {
    CS_PROFILE_PKIX = 0,           /* not S/MIME: RFC 5280 rules by kind */
    CS_PROFILE_SMIME_UNDETERMINED, /* S/MIME subscriber with no reserved or mapped policy OID */
    CS_PROFILE_SMIME_MAILBOX_LEGACY,
    CS_PROFILE_SMIME_MAILBOX_MULTIPURPOSE,
    CS_PROFILE_SMIME_MAILBOX_STRICT,
    CS_PROFILE_SMIME_ORGANIZATION_LEGACY,
    CS_PROFILE_SMIME_ORGANIZATION_MULTIPURPOSE,
    CS_PROFILE_SMIME_ORGANIZATION_STRICT,
    CS_PROFILE_SMIME_SPONSOR_LEGACY,
    CS_PROFILE_SMIME_SPONSOR_MULTIPURPOSE,
    CS_PROFILE_SMIME_SPONSOR_STRICT,
    CS_PROFILE_SMIME_INDIVIDUAL_LEGACY,
    CS_PROFILE_SMIME_INDIVIDUAL_MULTIPURPOSE,
    CS_PROFILE_SMIME_INDIVIDUAL_STRICT,
    CS_PROFILE_COUNT
} cs_profile;

/* Masks for rule declarations (cs_rule.profiles). */
#define CS_PROFILE_BIT(p) ((uint64_t)1 << (p))
#define CS_PROFILES_SMIME_ALL                                                                      \
    (((uint64_t)1 << CS_PROFILE_COUNT) - 1 - CS_PROFILE_BIT(CS_PROFILE_PKIX))

typedef enum cs_smime_type {
    CS_SMIME_MAILBOX = 1,
    CS_SMIME_ORGANIZATION = 2,
    CS_SMIME_SPONSOR = 3,
    CS_SMIME_INDIVIDUAL = 4
} cs_smime_type;

typedef enum cs_smime_generation {
    CS_SMIME_LEGACY = 1,
    CS_SMIME_MULTIPURPOSE = 2,
    CS_SMIME_STRICT = 3
} cs_smime_generation;

/* The S/MIME profile for a type and generation (both 1-based as in the OID arcs). */
cs_profile cs_profile_smime(cs_smime_type type, cs_smime_generation generation);
/* Type and generation of an S/MIME profile; 0 for PKIX and undetermined. */
int cs_profile_smime_type(cs_profile p);
int cs_profile_smime_generation(cs_profile p);

/* "smime.sponsor.strict", "smime.undetermined"; PKIX profiles are named by kind elsewhere. */
const char *cs_profile_name(cs_profile p);
/* Accepts certscan ids ("smime.sponsor.strict") and pkilint's names ("SPONSORED-STRICT",
 * "MAILBOX-LEGACY", ...), case-insensitively. */
int cs_profile_parse(const char *text, cs_profile *out);

typedef enum cs_profile_why {
    CS_PROFILE_WHY_NONE = 0,     /* not S/MIME, or S/MIME without a usable OID */
    CS_PROFILE_WHY_RESERVED_OID, /* a 2.23.140.1.5.x.y policy OID */
    CS_PROFILE_WHY_MAP,          /* a private policy OID listed in --profile-map */
    CS_PROFILE_WHY_FORCED        /* --profile */
} cs_profile_why;

const char *cs_profile_why_name(cs_profile_why why); /* "reserved-oid", "map", "forced", "none" */

/* A CA's private policy OIDs mapped to profiles (--profile-map), plus a forced profile. */
#define CS_PROFILE_MAP_MAX 256

typedef struct cs_profile_config {
    size_t num_map;
    struct {
        uint8_t oid[64]; /* OID content octets */
        uint8_t oid_len;
        cs_profile profile;
    } map[CS_PROFILE_MAP_MAX];
    int forced; /* 1: every certificate gets `forced_profile` */
    cs_profile forced_profile;
} cs_profile_config;

/* Reads `OID=PROFILE` lines ('#' comments and blank lines allowed). On failure returns 0 and
 * writes "FILE:LINE: reason" into errbuf. */
int cs_profile_config_load_map(cs_profile_config *cfg, const char *path, char *errbuf,
                               size_t errlen);

/* What profile detection found for one certificate. */
typedef struct cs_profile_result {
    cs_profile profile;
    cs_profile_why why;
    uint8_t smime;                /* an S/MIME subscriber certificate (EKU + mailbox), or forced */
    uint8_t email_protection;     /* emailProtection in the EKU */
    uint8_t has_mailbox;          /* rfc822Name or SmtpUTF8Mailbox in the SAN */
    uint8_t num_reserved_oids;    /* 2.23.140.1.5.x.y OIDs present (SBR: exactly one) */
    uint8_t reserved_oid_invalid; /* a 2.23.140.1.5 OID with an unknown type or generation */
} cs_profile_result;

/* Detects the profile of a certificate. `is_subscriber` comes from the kind; `eku_mask` from the
 * decoded EKU (1 << cs_eku_id). `cfg` may be NULL. Reserved OIDs are counted only for subscriber
 * certificates. */
void cs_profile_detect(const cs_x509 *x509, int is_subscriber, uint32_t eku_mask,
                       const cs_profile_config *cfg, cs_profile_result *out);

#endif
