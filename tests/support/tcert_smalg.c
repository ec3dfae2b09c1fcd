#include "tests/support/tcert_smalg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "scanner/der.h"
#include "tests/support/derb.h"

#define OID_EKU  "2.5.29.37"
#define OID_CP   "2.5.29.32"
#define OID_SAN  "2.5.29.17"
#define OID_KU   "2.5.29.15"
#define OID_BC   "2.5.29.19"
#define OID_SKI  "2.5.29.14"
#define OID_AKI  "2.5.29.35"
#define OID_CRL  "2.5.29.31"
#define OID_AIA  "1.3.6.1.5.5.7.1.1"
#define OID_MAIL "1.3.6.1.5.5.7.3.4"

const cs_profile tsm_profiles[13] = {
    CS_PROFILE_SMIME_UNDETERMINED,         CS_PROFILE_SMIME_MAILBOX_LEGACY,
    CS_PROFILE_SMIME_MAILBOX_MULTIPURPOSE, CS_PROFILE_SMIME_MAILBOX_STRICT,
    CS_PROFILE_SMIME_ORGANIZATION_LEGACY,  CS_PROFILE_SMIME_ORGANIZATION_MULTIPURPOSE,
    CS_PROFILE_SMIME_ORGANIZATION_STRICT,  CS_PROFILE_SMIME_SPONSOR_LEGACY,
    CS_PROFILE_SMIME_SPONSOR_MULTIPURPOSE, CS_PROFILE_SMIME_SPONSOR_STRICT,
    CS_PROFILE_SMIME_INDIVIDUAL_LEGACY,    CS_PROFILE_SMIME_INDIVIDUAL_MULTIPURPOSE,
    CS_PROFILE_SMIME_INDIVIDUAL_STRICT,
};

const uint8_t *tsm_keep(tsm *s, const void *data, size_t len) {
    if (s->used + len > sizeof s->arena) {
        abort();
    }
    uint8_t *p = s->arena + s->used;
    memcpy(p, data, len);
    s->used += len;
    return p;
}

static const uint8_t *keep_derb(tsm *s, derb *b, size_t *len) {
    if (b->failed) {
        abort();
    }
    *len = b->len;
    const uint8_t *p = tsm_keep(s, b->buf, b->len);
    derb_free(b);
    return p;
}

int tsm_find(const tsm *s, const char *oid) {
    for (int i = 0; i < s->t.num_exts; i++) {
        if (strcmp(s->t.ext[i].oid, oid) == 0) {
            return i;
        }
    }
    return -1;
}

void tsm_drop(tsm *s, const char *oid) {
    int i = tsm_find(s, oid);
    if (i < 0) {
        abort();
    }
    memmove(&s->t.ext[i], &s->t.ext[i + 1], (size_t)(s->t.num_exts - i - 1) * sizeof s->t.ext[0]);
    s->t.num_exts--;
}

void tsm_set_critical(tsm *s, const char *oid, int critical) {
    int i = tsm_find(s, oid);
    if (i < 0) {
        abort();
    }
    s->t.ext[i].critical = critical;
}

void tsm_set_ext(tsm *s, const char *oid, const void *value, size_t len) {
    const uint8_t *v = tsm_keep(s, value, len);
    int i = tsm_find(s, oid);
    if (i < 0) {
        tcert_add_ext(&s->t, oid, 0, v, len);
    } else {
        s->t.ext[i].value = v;
        s->t.ext[i].value_len = len;
    }
}

void tsm_set_eku(tsm *s, const char *const *oids, size_t n) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    for (size_t i = 0; i < n; i++) {
        derb_oid(&b, oids[i]);
    }
    derb_close(&b);
    tsm_set_ext(s, OID_EKU, b.buf, b.len);
    derb_free(&b);
}

void tsm_set_policies(tsm *s, const char *const *oids, size_t n) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    for (size_t i = 0; i < n; i++) {
        derb_open(&b, CS_DER_SEQUENCE);
        derb_oid(&b, oids[i]);
        derb_close(&b);
    }
    derb_close(&b);
    tsm_set_ext(s, OID_CP, b.buf, b.len);
    derb_free(&b);
}

void tsm_set_not_before(tsm *s, const char *utc) {
    s->t.not_before = utc;
}

static void add(tsm *s, const char *oid, int critical, derb *b) {
    size_t len;
    const uint8_t *v = keep_derb(s, b, &len);
    tcert_add_ext(&s->t, oid, critical, v, len);
}

static void add_key_ids(tsm *s, int aki) {
    static const uint8_t key_id[20] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                       11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    derb b;
    derb_init(&b);
    derb_prim(&b, CS_DER_OCTET_STRING, key_id, sizeof key_id);
    add(s, OID_SKI, 0, &b);
    if (aki) {
        static const uint8_t other_id[20] = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
                                             9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
        derb_init(&b);
        derb_open(&b, CS_DER_SEQUENCE);
        derb_prim(&b, CS_DER_CONTEXT(0), other_id, sizeof other_id);
        derb_close(&b);
        add(s, OID_AKI, 0, &b);
    }
}

static void add_crldp_aia(tsm *s) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_CONTEXT_CONS(0));
    derb_open(&b, CS_DER_CONTEXT_CONS(0));
    derb_str(&b, CS_DER_CONTEXT(6), "http://crl.example.com/ca.crl");
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    add(s, OID_CRL, 0, &b);
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "1.3.6.1.5.5.7.48.2");
    derb_str(&b, CS_DER_CONTEXT(6), "http://ca.example.com/ca.cer");
    derb_close(&b);
    derb_close(&b);
    add(s, OID_AIA, 0, &b);
}

void tsm_subscriber(tsm *s, cs_profile p) {
    memset(s, 0, sizeof *s);
    tcert_defaults(&s->t);
    s->t.not_before = "250101000000Z";
    s->t.not_after = "260101000000Z";
    s->t.subject_cn = "alice@example.com";
    derb b;
    derb_init(&b);
    derb_prim(&b, CS_DER_BIT_STRING, (const uint8_t[]){0x07, 0x80}, 2); /* digitalSignature */
    add(s, OID_KU, 1, &b);
    static const char *const mail[] = {OID_MAIL};
    tsm_set_eku(s, mail, 1);
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_str(&b, CS_DER_CONTEXT(1), "alice@example.com");
    derb_close(&b);
    add(s, OID_SAN, 0, &b);
    int type = cs_profile_smime_type(p), gen = cs_profile_smime_generation(p);
    if (type != 0) {
        char oid[32];
        snprintf(oid, sizeof oid, "2.23.140.1.5.%d.%d", type, gen);
        const char *oids[] = {(const char *)tsm_keep(s, oid, strlen(oid) + 1)};
        tsm_set_policies(s, oids, 1);
    }
    add_key_ids(s, 1);
    add_crldp_aia(s);
}

static void add_ca_core(tsm *s) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_bool(&b, 1);
    derb_close(&b);
    add(s, OID_BC, 1, &b);
    derb_init(&b);
    derb_prim(&b, CS_DER_BIT_STRING, (const uint8_t[]){0x01, 0x06}, 2); /* keyCertSign, cRLSign */
    add(s, OID_KU, 1, &b);
}

void tsm_ca(tsm *s) {
    memset(s, 0, sizeof *s);
    tcert_defaults(&s->t);
    s->t.not_before = "240101000000Z";
    s->t.not_after = "340101000000Z";
    s->t.issuer_cn = "certscan Test Root";
    s->t.subject_cn = "certscan Test S/MIME CA";
    add_ca_core(s);
    static const char *const eku[] = {OID_MAIL, "1.3.6.1.5.5.7.3.2"};
    tsm_set_eku(s, eku, 2);
    static const char *const cp[] = {"2.23.140.1.5.1.3", "2.23.140.1.5.4.2"};
    tsm_set_policies(s, cp, 2);
    add_key_ids(s, 1);
    add_crldp_aia(s);
}

void tsm_root(tsm *s) {
    memset(s, 0, sizeof *s);
    tcert_defaults(&s->t);
    s->t.not_before = "240101000000Z";
    s->t.not_after = "440101000000Z";
    s->t.issuer_cn = "certscan Test Root";
    s->t.subject_cn = "certscan Test Root";
    add_ca_core(s);
    add_key_ids(s, 0);
    static const char *const cp[] = {"2.23.140.1.5.2.3"};
    tsm_set_policies(s, cp, 1);
}

static uint64_t *lint_all(const tsm *s, const tcert_algs *a, const cs_ruleset_options *o,
                          cs_ruleset **out_rs) {
    static const tcert_algs none = {0};
    size_t len;
    uint8_t *der = tcert_algs_build(&s->t, a != NULL ? a : &none, &len);
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(o, err, sizeof err);
    cs_x509 *x = malloc(sizeof *x);
    cs_batch *b = malloc(sizeof *b);
    uint64_t *fail = rs != NULL ? calloc(cs_ruleset_count(rs), sizeof *fail) : NULL;
    cs_der_error derr;
    if (rs == NULL || x == NULL || b == NULL || fail == NULL ||
        !cs_x509_parse(x, der, len, &derr)) {
        abort();
    }
    cs_batch_reset(b, NULL);
    cs_batch_add(b, x);
    cs_engine_eval(rs, b, fail);
    free(b);
    free(x);
    free(der);
    *out_rs = rs;
    return fail;
}

int tsm_fires(const tsm *s, const tcert_algs *a, const char *rule, const cs_ruleset_options *o) {
    cs_ruleset *rs;
    uint64_t *fail = lint_all(s, a, o, &rs);
    long index = cs_ruleset_find(rs, rule);
    if (index < 0) {
        abort();
    }
    int r = (int)(fail[index] & 1);
    free(fail);
    cs_ruleset_free(rs);
    return r;
}

static int in_area(const char *id) {
    return strncmp(id, "smime.alg.", 10) == 0 || strncmp(id, "smime.key.", 10) == 0 ||
           strncmp(id, "smime.ca.", 9) == 0;
}

int tsm_area_findings(const tsm *s, const tcert_algs *a, char *first, size_t first_len) {
    cs_ruleset *rs;
    uint64_t *fail = lint_all(s, a, NULL, &rs);
    int n = 0;
    if (first != NULL && first_len > 0) {
        first[0] = '\0';
    }
    for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
        const char *id = cs_ruleset_rule(rs, i)->id;
        if ((fail[i] & 1) && in_area(id)) {
            if (n == 0 && first != NULL) {
                snprintf(first, first_len, "%s", id);
            }
            n++;
        }
    }
    free(fail);
    cs_ruleset_free(rs);
    return n;
}
