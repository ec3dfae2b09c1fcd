#include "tests/support/tcert_smime.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"
#include "scanner/engine.h"
#include "tests/support/derb.h"

const cs_profile tsmime_profiles[12] = {
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
};

const char *tsmime_reserved_oid(cs_profile p) {
    static const char *const oids[] = {
        "2.23.140.1.5.1.1", "2.23.140.1.5.1.2", "2.23.140.1.5.1.3", "2.23.140.1.5.2.1",
        "2.23.140.1.5.2.2", "2.23.140.1.5.2.3", "2.23.140.1.5.3.1", "2.23.140.1.5.3.2",
        "2.23.140.1.5.3.3", "2.23.140.1.5.4.1", "2.23.140.1.5.4.2", "2.23.140.1.5.4.3",
    };
    if (p < CS_PROFILE_SMIME_MAILBOX_LEGACY || p >= CS_PROFILE_COUNT) {
        return NULL;
    }
    return oids[p - CS_PROFILE_SMIME_MAILBOX_LEGACY];
}

static const uint8_t tsmime_default_serial[] = {0x3A, 0x91, 0x5C, 0x07, 0xE2, 0x44, 0x18,
                                                0xB6, 0x0D, 0x7F, 0x23, 0x65, 0xC9, 0x10};

#define OID_C      "2.5.4.6"
#define OID_O      "2.5.4.10"
#define OID_CN     "2.5.4.3"
#define OID_GIVEN  "2.5.4.42"
#define OID_SUR    "2.5.4.4"
#define OID_ORG_ID "2.5.4.97"

static void tsmime_set_atv(tn_atv *a, const char *oid, uint32_t tag, const char *value) {
    memset(a, 0, sizeof *a);
    a->oid = oid;
    a->tag = tag;
    a->value = value;
}

static void tsmime_default_subject(tsmime *s) {
    int type = cs_profile_smime_type(s->profile);
    tn_atv *a = s->subject;
    int n = 0;
    if (type != CS_SMIME_MAILBOX) {
        tsmime_set_atv(&a[n++], OID_C, CS_DER_PRINTABLESTRING, "DE");
    }
    if (type == CS_SMIME_ORGANIZATION || type == CS_SMIME_SPONSOR) {
        tsmime_set_atv(&a[n++], OID_O, CS_DER_UTF8STRING, "Example GmbH");
        tsmime_set_atv(&a[n++], OID_ORG_ID, CS_DER_PRINTABLESTRING, "VATDE-123456789");
    }
    if (type == CS_SMIME_SPONSOR || type == CS_SMIME_INDIVIDUAL) {
        tsmime_set_atv(&a[n++], OID_GIVEN, CS_DER_UTF8STRING, "Alice");
        tsmime_set_atv(&a[n++], OID_SUR, CS_DER_UTF8STRING, "Example");
    }
    const char *cn = type == CS_SMIME_MAILBOX        ? "alice@example.com"
                     : type == CS_SMIME_ORGANIZATION ? "Example GmbH"
                                                     : "Alice Example";
    tsmime_set_atv(&a[n++], OID_CN, CS_DER_UTF8STRING, cn);
    memset(&a[n], 0, sizeof a[n]);
}

void tsmime_set_key(tsmime *s, tsmime_key key) {
    s->key = key;
    s->spki = NULL;
    switch (key) {
    case TSMIME_KEY_RSA2048:
        s->ku = CS_KU_DIGITAL_SIGNATURE | CS_KU_KEY_ENCIPHERMENT;
        break;
    case TSMIME_KEY_ML_KEM_768:
        s->ku = CS_KU_KEY_ENCIPHERMENT;
        break;
    default:
        s->ku = CS_KU_DIGITAL_SIGNATURE;
        break;
    }
}

void tsmime_defaults(tsmime *s, cs_profile p) {
    memset(s, 0, sizeof *s);
    s->profile = p;
    s->version = 2;
    s->serial = tsmime_default_serial;
    s->serial_len = sizeof tsmime_default_serial;
    s->sig_oid = "1.2.840.10045.4.3.2"; /* ecdsa-with-SHA256, as SBR 7.1.3.2 encodes it */
    s->not_before = "250301000000Z";
    s->not_after = "260228235959Z"; /* 365 days, counted inclusively */
    tsmime_set_atv(&s->issuer[0], OID_C, CS_DER_PRINTABLESTRING, "US");
    tsmime_set_atv(&s->issuer[1], OID_O, CS_DER_UTF8STRING, "certscan tests");
    tsmime_set_atv(&s->issuer[2], OID_CN, CS_DER_UTF8STRING, "certscan Test S/MIME CA");
    tsmime_default_subject(s);
    s->mailbox[0] = "alice@example.com";
    tsmime_set_key(s, TSMIME_KEY_P256);
    s->eku[0] = TSMIME_OID_EMAIL_PROTECTION;
    s->policy[0] = tsmime_reserved_oid(p);
    s->crldp[0] = "http://crl.example.com/smime-ca.crl";
    s->aia[0] = (tsmime_access){TSMIME_OID_AD_CA_ISSUERS, "http://ca.example.com/smime-ca.crt"};
    s->aia[1] = (tsmime_access){TSMIME_OID_AD_OCSP, "http://ocsp.example.com"};
    s->slot[TSMIME_KU].critical = 1;
}

void tsmime_add_ext(tsmime *s, const char *oid, int critical, const uint8_t *value, size_t len) {
    if (s->num_extra >= TSMIME_MAX_EXTRAS) {
        abort();
    }
    tcert_ext *e = &s->extra[s->num_extra++];
    memset(e, 0, sizeof *e);
    e->oid = oid;
    e->critical = critical;
    e->value = value;
    e->value_len = len;
}

void tsmime_add_simple_ext(tsmime *s, const char *oid, int critical) {
    /* LEI (a valid ISO 17442 code) as PrintableString, role as UTF8String, Adobe timestamp
     * {version 1, URI}, archiveRevInfo {version 1}, smimeCapabilities {aes256-CBC},
     * subjectDirectoryAttributes {dateOfBirth}, qcStatements {QcCompliance}, empty
     * basicConstraints. */
    static const uint8_t lei[] = {0x13, 0x14, '5', '4', '9', '3', '0', '0', '1', 'K', 'J',
                                  'T',  'I',  'I', 'G', 'C', '8', 'Y', '1', 'R', '1', '2'};
    static const uint8_t role[] = {0x0C, 0x08, 'D', 'i', 'r', 'e', 'c', 't', 'o', 'r'};
    static const uint8_t adobe_ts[] = {0x30, 0x1a, 0x02, 0x01, 0x01, 0x86, 0x15, 'h', 't', 't',
                                       'p',  ':',  '/',  '/',  't',  's',  '.',  'e', 'x', 'a',
                                       'm',  'p',  'l',  'e',  '.',  'c',  'o',  'm'};
    static const uint8_t adobe_ari[] = {0x30, 0x03, 0x02, 0x01, 0x01};
    static const uint8_t caps[] = {0x30, 0x0d, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86,
                                   0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a};
    static const uint8_t sda[] = {0x30, 0x1f, 0x30, 0x1d, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05,
                                  0x07, 0x09, 0x01, 0x31, 0x11, 0x18, 0x0f, '1',  '9',  '8',  '0',
                                  '0',  '1',  '0',  '1',  '1',  '2',  '0',  '0',  '0',  '0',  'Z'};
    static const uint8_t qc[] = {0x30, 0x0a, 0x30, 0x08, 0x06, 0x06,
                                 0x04, 0x00, 0x8e, 0x46, 0x01, 0x01};
    static const uint8_t bc[] = {0x30, 0x00};
    static const struct {
        const char *oid;
        const uint8_t *value;
        size_t len;
    } table[] = {
        {TSMIME_OID_LEI, lei, sizeof lei},
        {TSMIME_OID_LEI_ROLE, role, sizeof role},
        {TSMIME_OID_ADOBE_TIMESTAMP, adobe_ts, sizeof adobe_ts},
        {TSMIME_OID_ADOBE_ARCHIVE, adobe_ari, sizeof adobe_ari},
        {TSMIME_OID_SMIME_CAPS, caps, sizeof caps},
        {TSMIME_OID_SDA, sda, sizeof sda},
        {TSMIME_OID_QC_STATEMENTS, qc, sizeof qc},
        {TSMIME_OID_BC, bc, sizeof bc},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i].oid, oid) == 0) {
            tsmime_add_ext(s, oid, critical, table[i].value, table[i].len);
            return;
        }
    }
    abort();
}

/* SubjectPublicKeyInfo DER per key, made once per process. */
static const uint8_t *tsmime_spki(tsmime_key key, size_t *out_len) {
    static uint8_t *cache[TSMIME_KEY_COUNT];
    static size_t cache_len[TSMIME_KEY_COUNT];
    if ((int)key < 0 || key >= TSMIME_KEY_COUNT) {
        abort();
    }
    if (cache[key] == NULL) {
        if (key == TSMIME_KEY_ML_DSA_44 || key == TSMIME_KEY_ML_KEM_768) {
            /* No ML-DSA/ML-KEM in this OpenSSL: a patterned key of the FIPS 204/203 length. */
            size_t klen = key == TSMIME_KEY_ML_DSA_44 ? 1312 : 1184;
            uint8_t *k = malloc(klen);
            for (size_t i = 0; i < klen; i++) {
                k[i] = (uint8_t)(i * 7 + 3);
            }
            derb b;
            derb_init(&b);
            derb_open(&b, CS_DER_SEQUENCE);
            derb_open(&b, CS_DER_SEQUENCE);
            derb_oid(&b, key == TSMIME_KEY_ML_DSA_44 ? "2.16.840.1.101.3.4.3.17"
                                                     : "2.16.840.1.101.3.4.4.2");
            derb_close(&b);
            derb_bits(&b, 0, k, klen);
            derb_close(&b);
            free(k);
            if (b.failed) {
                abort();
            }
            cache[key] = derb_take(&b, &cache_len[key]);
        } else {
            EVP_PKEY *pkey = key == TSMIME_KEY_P256      ? EVP_EC_gen("P-256")
                             : key == TSMIME_KEY_P384    ? EVP_EC_gen("P-384")
                             : key == TSMIME_KEY_RSA2048 ? EVP_RSA_gen(2048)
                             : key == TSMIME_KEY_ED25519 ? EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")
                                                         : EVP_PKEY_Q_keygen(NULL, NULL, "ED448");
            if (pkey == NULL) {
                abort();
            }
            unsigned char *der = NULL;
            int len = i2d_PUBKEY(pkey, &der);
            if (len <= 0) {
                abort();
            }
            cache[key] = malloc((size_t)len);
            memcpy(cache[key], der, (size_t)len);
            cache_len[key] = (size_t)len;
            OPENSSL_free(der);
            EVP_PKEY_free(pkey);
        }
    }
    *out_len = cache_len[key];
    return cache[key];
}

/* RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's value. */
static void tsmime_key_id(const uint8_t *spki, size_t len, uint8_t out[20]) {
    cs_der cur = cs_der_make(spki, len), seq, alg, bits;
    cs_der_error err = {.base = spki};
    if (!cs_der_get(&cur, CS_DER_SEQUENCE, &seq, &err, "spki") ||
        !cs_der_get(&seq, CS_DER_SEQUENCE, &alg, &err, "alg") ||
        !cs_der_get(&seq, CS_DER_BIT_STRING, &bits, &err, "key") || bits.len < 1) {
        memset(out, 0x5A, 20);
        return;
    }
    SHA1(bits.ptr + 1, bits.len - 1, out);
}

static void tsmime_name(derb *b, const tn_atv *list) {
    size_t len;
    uint8_t *name = tn_name(list, &len);
    derb_raw(b, name, len);
    free(name);
}

static void tsmime_time(derb *b, const char *t) {
    derb_str(b, strlen(t) == 13 ? CS_DER_UTCTIME : CS_DER_GENERALIZEDTIME, t);
}

static void tsmime_alg(derb *b, const char *oid) {
    derb_open(b, CS_DER_SEQUENCE);
    derb_oid(b, oid);
    if (strncmp(oid, "1.2.840.113549.1.1.", 19) == 0) {
        derb_null(b);
    }
    derb_close(b);
}

static void tsmime_ku_value(derb *b, unsigned bits) {
    uint8_t octets[2] = {0, 0};
    int highest = -1;
    for (int i = 0; i < 9; i++) {
        if (bits & (1u << i)) {
            octets[i / 8] |= (uint8_t)(0x80u >> (i % 8));
            highest = i;
        }
    }
    size_t n = highest < 0 ? 0 : (size_t)(highest / 8 + 1);
    unsigned unused = highest < 0 ? 0 : (unsigned)(7 - highest % 8);
    derb_bits(b, unused, octets, n);
}

/* Writes the value of default extension `id` into b; returns 0 when it is to be left out. */
static int tsmime_ext_value(const tsmime *s, tsmime_ext_id id, const uint8_t *key_id, derb *b) {
    switch (id) {
    case TSMIME_KU:
        tsmime_ku_value(b, s->ku);
        return 1;
    case TSMIME_EKU:
        derb_open(b, CS_DER_SEQUENCE);
        for (int i = 0; i < TSMIME_MAX_LIST && s->eku[i] != NULL; i++) {
            derb_oid(b, s->eku[i]);
        }
        derb_close(b);
        return 1;
    case TSMIME_SAN:
        derb_open(b, CS_DER_SEQUENCE);
        for (int i = 0; i < TSMIME_MAX_LIST && s->mailbox[i] != NULL; i++) {
            derb_str(b, CS_DER_CONTEXT(1), s->mailbox[i]);
        }
        derb_close(b);
        return 1;
    case TSMIME_CP:
        derb_open(b, CS_DER_SEQUENCE);
        for (int i = 0; i < TSMIME_MAX_LIST && s->policy[i] != NULL; i++) {
            derb_open(b, CS_DER_SEQUENCE);
            derb_oid(b, s->policy[i]);
            if (i == 0 && (s->cps_uri != NULL || s->user_notice)) {
                derb_open(b, CS_DER_SEQUENCE);
                if (s->cps_uri != NULL) {
                    derb_open(b, CS_DER_SEQUENCE);
                    derb_oid(b, "1.3.6.1.5.5.7.2.1");
                    derb_str(b, CS_DER_IA5STRING, s->cps_uri);
                    derb_close(b);
                }
                if (s->user_notice) {
                    derb_open(b, CS_DER_SEQUENCE);
                    derb_oid(b, "1.3.6.1.5.5.7.2.2");
                    derb_open(b, CS_DER_SEQUENCE);
                    if (s->notice_ref) {
                        derb_open(b, CS_DER_SEQUENCE);
                        derb_str(b, CS_DER_UTF8STRING, "certscan tests");
                        derb_open(b, CS_DER_SEQUENCE);
                        derb_int(b, 1);
                        derb_close(b);
                        derb_close(b);
                    }
                    if (s->notice_text != NULL) {
                        derb_str(b, CS_DER_UTF8STRING, s->notice_text);
                    }
                    derb_close(b);
                    derb_close(b);
                }
                derb_close(b);
            }
            derb_close(b);
        }
        derb_close(b);
        return 1;
    case TSMIME_CRLDP:
        derb_open(b, CS_DER_SEQUENCE);
        derb_open(b, CS_DER_SEQUENCE);
        derb_open(b, CS_DER_CONTEXT_CONS(0));
        derb_open(b, CS_DER_CONTEXT_CONS(0));
        for (int i = 0; i < TSMIME_MAX_LIST && s->crldp[i] != NULL; i++) {
            derb_str(b, CS_DER_CONTEXT(6), s->crldp[i]);
        }
        if (s->crldp_dirname != NULL) {
            tn_atv dn[2] = {{OID_CN, CS_DER_UTF8STRING, s->crldp_dirname, 0, 0},
                            {NULL, 0, NULL, 0, 0}};
            derb_open(b, CS_DER_CONTEXT_CONS(4));
            tsmime_name(b, dn);
            derb_close(b);
        }
        derb_close(b);
        derb_close(b);
        derb_close(b);
        derb_close(b);
        return 1;
    case TSMIME_AIA:
        derb_open(b, CS_DER_SEQUENCE);
        for (int i = 0; i < TSMIME_MAX_LIST && s->aia[i].method != NULL; i++) {
            derb_open(b, CS_DER_SEQUENCE);
            derb_oid(b, s->aia[i].method);
            derb_str(b, CS_DER_CONTEXT(6), s->aia[i].uri);
            derb_close(b);
        }
        derb_close(b);
        return 1;
    case TSMIME_AKI: {
        static const uint8_t issuer_key_id[20] = {0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x07,
                                                  0x18, 0x29, 0x3A, 0x4B, 0x5C, 0x6D, 0x7E,
                                                  0x8F, 0x90, 0x01, 0x12, 0x23, 0x34};
        static const uint8_t issuer_serial[] = {0x01, 0x02, 0x03, 0x04};
        derb_open(b, CS_DER_SEQUENCE);
        if (!s->aki_no_key_id) {
            derb_prim(b, CS_DER_CONTEXT(0), issuer_key_id, sizeof issuer_key_id);
        }
        if (s->aki_issuer_serial) {
            derb_open(b, CS_DER_CONTEXT_CONS(1));
            derb_open(b, CS_DER_CONTEXT_CONS(4));
            tsmime_name(b, s->issuer);
            derb_close(b);
            derb_close(b);
            derb_prim(b, CS_DER_CONTEXT(2), issuer_serial, sizeof issuer_serial);
        }
        derb_close(b);
        return 1;
    }
    case TSMIME_SKI:
        derb_prim(b, CS_DER_OCTET_STRING, key_id, 20);
        return 1;
    default:
        return 0;
    }
}

static const char *const tsmime_ext_oid[TSMIME_EXT_COUNT] = {
    "2.5.29.15", "2.5.29.37",         "2.5.29.17", "2.5.29.32",
    "2.5.29.31", "1.3.6.1.5.5.7.1.1", "2.5.29.35", "2.5.29.14",
};

static void tsmime_write_ext(derb *b, const char *oid, int critical, const uint8_t *v, size_t len) {
    derb_open(b, CS_DER_SEQUENCE);
    derb_oid(b, oid);
    if (critical) {
        derb_bool(b, 1);
    }
    derb_prim(b, CS_DER_OCTET_STRING, v, len);
    derb_close(b);
}

uint8_t *tsmime_build(const tsmime *s, size_t *out_len) {
    size_t spki_len = s->spki_len;
    const uint8_t *spki = s->spki != NULL ? s->spki : tsmime_spki(s->key, &spki_len);
    uint8_t key_id[20];
    tsmime_key_id(spki, spki_len, key_id);

    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE); /* tbsCertificate */
    if (s->version >= 0) {
        derb_open(&b, CS_DER_CONTEXT_CONS(0));
        derb_int(&b, s->version);
        derb_close(&b);
    }
    derb_int_bytes(&b, s->serial, s->serial_len);
    tsmime_alg(&b, s->sig_oid);
    tsmime_name(&b, s->issuer);
    derb_open(&b, CS_DER_SEQUENCE);
    tsmime_time(&b, s->not_before);
    tsmime_time(&b, s->not_after);
    derb_close(&b);
    tsmime_name(&b, s->subject);
    derb_raw(&b, spki, spki_len);
    derb_open(&b, CS_DER_CONTEXT_CONS(3));
    derb_open(&b, CS_DER_SEQUENCE);
    for (int id = 0; id < TSMIME_EXT_COUNT; id++) {
        const tsmime_slot *slot = &s->slot[id];
        if (slot->omit) {
            continue;
        }
        if (slot->value != NULL) {
            tsmime_write_ext(&b, tsmime_ext_oid[id], slot->critical, slot->value, slot->value_len);
            continue;
        }
        derb v;
        derb_init(&v);
        if (tsmime_ext_value(s, (tsmime_ext_id)id, key_id, &v)) {
            if (v.failed) {
                abort();
            }
            tsmime_write_ext(&b, tsmime_ext_oid[id], slot->critical, v.buf, v.len);
        }
        derb_free(&v);
    }
    for (int i = 0; i < s->num_extra; i++) {
        const tcert_ext *e = &s->extra[i];
        tsmime_write_ext(&b, e->oid, e->critical, e->value, e->value_len);
    }
    derb_close(&b);
    derb_close(&b);
    derb_close(&b); /* tbsCertificate */
    tsmime_alg(&b, s->sig_oid);
    static const uint8_t placeholder_sig[] = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01};
    derb_bits(&b, 0, placeholder_sig, sizeof placeholder_sig);
    derb_close(&b);
    if (b.failed || b.depth != 0) {
        abort();
    }
    return derb_take(&b, out_len);
}

/* One rule set for the process: building it per lint would dominate the tests' time. */
static cs_ruleset *tsmime_rules(void) {
    static cs_ruleset *rs;
    if (rs == NULL) {
        char err[256];
        rs = cs_ruleset_new(NULL, err, sizeof err);
        if (rs == NULL) {
            fprintf(stderr, "tsmime: %s\n", err);
            abort();
        }
    }
    return rs;
}

/* Evaluates every rule; returns the finding words (owned by the caller). */
static uint64_t *tsmime_eval(const tsmime *s) {
    cs_ruleset *rs = tsmime_rules();
    size_t len;
    uint8_t *der = tsmime_build(s, &len);
    cs_x509 *x = malloc(sizeof *x);
    cs_batch *b = malloc(sizeof *b);
    uint64_t *fail = calloc(cs_ruleset_count(rs), sizeof *fail);
    cs_der_error err;
    if (x == NULL || b == NULL || fail == NULL || !cs_x509_parse(x, der, len, &err)) {
        fprintf(stderr, "tsmime: built certificate does not parse\n");
        abort();
    }
    cs_batch_reset(b, NULL);
    cs_batch_add(b, x);
    cs_engine_eval(rs, b, fail);
    free(b);
    free(x);
    free(der);
    return fail;
}

int tsmime_fires(const tsmime *s, const char *rule_id) {
    long index = cs_ruleset_find(tsmime_rules(), rule_id);
    if (index < 0) {
        fprintf(stderr, "tsmime: no rule %s\n", rule_id);
        abort();
    }
    uint64_t *fail = tsmime_eval(s);
    int r = (int)(fail[index] & 1);
    free(fail);
    return r;
}

int tsmime_findings(const tsmime *s, const char *prefix, char *buf, size_t len) {
    cs_ruleset *rs = tsmime_rules();
    uint64_t *fail = tsmime_eval(s);
    size_t plen = strlen(prefix), used = 0;
    int count = 0;
    if (len > 0) {
        buf[0] = '\0';
    }
    for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
        const char *id = cs_ruleset_rule(rs, i)->id;
        if ((fail[i] & 1) && strncmp(id, prefix, plen) == 0) {
            count++;
            if (used < len) {
                used += (size_t)snprintf(buf + used, len - used, "%s%s", count > 1 ? "," : "", id);
            }
        }
    }
    free(fail);
    return count;
}
