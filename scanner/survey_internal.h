/* The survey's state, shared by survey.c (adding, merging), survey_tables.c (tables and their
 * outputs) and survey_cbor.c. Not for other modules: they use survey.h. */
#ifndef CS_SURVEY_INTERNAL_H
#define CS_SURVEY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/oid.h"
#include "scanner/survey.h"

/* Certificate types: the 13 S/MIME profiles (smime.undetermined first), then PKIX by kind. */
enum {
    CS_SV_TYPE_PKIX_SUBSCRIBER = 13,
    CS_SV_TYPE_PKIX_CA,
    CS_SV_TYPE_PKIX_ROOT,
    CS_SV_TYPE_PKIX_PRECERT,
    CS_SV_TYPES
};

/* Key classes. */
enum {
    CS_SV_KEY_OTHER = 0,
    CS_SV_KEY_RSA_SMALL,
    CS_SV_KEY_RSA_2048,
    CS_SV_KEY_RSA_3072,
    CS_SV_KEY_RSA_4096,
    CS_SV_KEY_RSA_OTHER,
    CS_SV_KEY_RSA_PSS,
    CS_SV_KEY_P256,
    CS_SV_KEY_P384,
    CS_SV_KEY_P521,
    CS_SV_KEY_EC_OTHER,
    CS_SV_KEY_ED25519,
    CS_SV_KEY_ED448,
    CS_SV_KEY_X25519,
    CS_SV_KEY_X448,
    CS_SV_KEY_ML_DSA_44,
    CS_SV_KEY_ML_DSA_65,
    CS_SV_KEY_ML_DSA_87,
    CS_SV_KEY_ML_KEM_512,
    CS_SV_KEY_ML_KEM_768,
    CS_SV_KEY_ML_KEM_1024,
    CS_SV_KEY_DSA,
    CS_SV_KEYS
};

/* Per (CA, type) counters. */
enum {
    CS_SV_TC_CERTS = 0,
    CS_SV_TC_EKU, /* + cs_smext_eku_combo (6 values) */
    CS_SV_TC_CN_ONLY_MAILBOX = CS_SV_TC_EKU + 6,
    CS_SV_TC_PSEUDONYM,
    CS_SV_TC_COUNTRY_XX,
    CS_SV_TC
};
#define CS_SV_EKUS 6

#define CS_SV_VALIDITY 10
/* Months from 1950-01 to 2099-12; dates outside are counted in the first or last. */
#define CS_SV_MONTH_FIRST_YEAR 1950
#define CS_SV_MONTHS           (150 * 12)

/* Issuers of a key, subjects of a key: the smallest distinct hashes seen, so that merges keep
 * the same ones whatever the order. */
#define CS_SV_SET 4

typedef struct cs_sv_ca {
    uint64_t hash; /* of the issuer Name and the AKI keyIdentifier */
    uint8_t *issuer_der;
    size_t issuer_len;
    uint8_t *aki; /* keyIdentifier of the certificates' AKI (kept for a CA-owner lookup) */
    size_t aki_len;
    char *name;
    uint64_t certs;
    uint64_t by_type[CS_SV_TYPES][CS_SV_TC];
    uint64_t keys[CS_SV_KEYS];
    uint64_t sigs[CS_ALG_COUNT];
    uint64_t validity[CS_SV_VALIDITY];
} cs_sv_ca;

typedef struct cs_sv_month {
    uint64_t types[CS_SV_TYPES];
    uint64_t keys[CS_SV_KEYS];
} cs_sv_month;

/* One key of a bounded key table. Reuse table: a SubjectPublicKeyInfo, set[0..1] the smallest
 * two subject hashes, set[2..3] the smallest two issuer hashes. Cross table: a subject Name and
 * key of a CA certificate, set[] the smallest four issuer (CA) hashes, `subject` its text. */
typedef struct cs_sv_key {
    uint64_t h0, h1; /* XXH3-128 of the key; h0 decides the sample */
    uint64_t certs;
    uint64_t set[CS_SV_SET]; /* 0: empty */
    char *subject;
    uint8_t used;
    uint8_t key_class;
} cs_sv_key;

typedef struct cs_sv_keys {
    cs_sv_key *slot; /* open addressing, power-of-two capacity */
    size_t cap;
    size_t len;
    unsigned level; /* keys kept: those whose top `level` bits of h0 are 0 */
    size_t limit;
} cs_sv_keys;

struct cs_survey {
    uint64_t certs;
    size_t key_limit;
    cs_sv_ca **cas; /* open addressing, power-of-two capacity */
    size_t ca_cap;
    size_t ca_count;
    cs_sv_month *months[CS_SV_MONTHS];
    uint64_t type_certs[CS_SV_TYPES];
    uint64_t type_validity[CS_SV_TYPES][CS_SV_VALIDITY];
    uint64_t type_attrs[CS_SV_TYPES][CS_ATTR_COUNT];
    cs_sv_keys reuse;
    cs_sv_keys cross;
};

const char *cs_sv_type_name(unsigned type);
const char *cs_sv_key_name(unsigned key);
const char *cs_sv_eku_name(unsigned eku);
const char *cs_sv_validity_name(unsigned bucket);
const char *cs_sv_flag_name(unsigned flag); /* 0..2: the CN/pseudonym/XX counters */
/* "2024-03" for a month index. */
void cs_sv_month_name(unsigned month, char *buf, size_t len);

/* Finds or creates a CA record (name used when created). NULL when memory ran out. */
cs_sv_ca *cs_sv_ca_find(cs_survey *s, const uint8_t *issuer, size_t issuer_len, const uint8_t *aki,
                        size_t aki_len, const char *name);
const cs_sv_ca *cs_sv_ca_by_hash(const cs_survey *s, uint64_t hash);
cs_sv_month *cs_sv_month_get(cs_survey *s, unsigned month);

/* Adds `n` occurrences of a key (with its set and subject) to a table; merges sets. */
int cs_sv_keys_add(cs_sv_keys *t, const cs_sv_key *k, size_t set_halves);
/* Raises the table's level to at least `level`. */
int cs_sv_keys_set_level(cs_sv_keys *t, unsigned level);

#endif
