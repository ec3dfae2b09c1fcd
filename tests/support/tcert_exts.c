#include "tests/support/tcert_exts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/engine.h"
#include "scanner/x509_ext.h"
#include "tests/support/lintone.h"

#define TX_POOL 64

static uint8_t *tx_pool[TX_POOL];
static int tx_pooled;

static const uint8_t *tx_keep(uint8_t *p) {
    if (tx_pooled >= TX_POOL) {
        abort();
    }
    tx_pool[tx_pooled++] = p;
    return p;
}

void tx_reset(void) {
    for (int i = 0; i < tx_pooled; i++) {
        free(tx_pool[i]);
    }
    tx_pooled = 0;
}

void tx_add(tcert *t, const char *oid, int critical, derb *b) {
    size_t len;
    if (b->failed || b->depth != 0) {
        abort();
    }
    const uint8_t *v = tx_keep(derb_take(b, &len));
    tcert_add_ext(t, oid, critical, v, len);
}

void tx_add_raw(tcert *t, const char *oid, int critical, const void *value, size_t len) {
    uint8_t *copy = malloc(len ? len : 1);
    if (copy == NULL) {
        abort();
    }
    memcpy(copy, value, len);
    tcert_add_ext(t, oid, critical, tx_keep(copy), len);
}

void tx_ku(tcert *t, int critical, unsigned bits) {
    uint8_t content[2] = {0, 0};
    size_t n = 0;
    for (unsigned k = 0; k < 9; k++) {
        if (bits & (1u << k)) {
            content[k / 8] |= (uint8_t)(0x80u >> (k % 8));
            n = k / 8 + 1;
        }
    }
    unsigned unused = n ? (unsigned)__builtin_ctz(content[n - 1]) : 0;
    derb b;
    derb_init(&b);
    derb_bits(&b, unused, content, n);
    tx_add(t, TX_KU, critical, &b);
}

void tx_bc(tcert *t, int critical, int ca, long path_len) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    if (ca) {
        derb_bool(&b, 1);
    }
    if (path_len >= 0) {
        derb_int(&b, path_len);
    }
    derb_close(&b);
    tx_add(t, TX_BC, critical, &b);
}

void tx_aki(tcert *t) {
    static const uint8_t key_id[] = {0xA1, 0xA2, 0xA3, 0xA4};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_prim(&b, CS_DER_CONTEXT(0), key_id, sizeof key_id);
    derb_close(&b);
    tx_add(t, TX_AKI, 0, &b);
}

void tx_ski(tcert *t) {
    static const uint8_t key_id[] = {0xB1, 0xB2, 0xB3, 0xB4};
    derb b;
    derb_init(&b);
    derb_prim(&b, CS_DER_OCTET_STRING, key_id, sizeof key_id);
    tx_add(t, TX_SKI, 0, &b);
}

void tx_eku(tcert *t, int critical, const char *const *purposes, size_t n) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    for (size_t i = 0; i < n; i++) {
        derb_oid(&b, purposes[i]);
    }
    derb_close(&b);
    tx_add(t, TX_EKU, critical, &b);
}

void tx_policy(tcert *t, const char *policy_oid) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, policy_oid);
    derb_close(&b);
    derb_close(&b);
    tx_add(t, TX_CP, 0, &b);
}

void tx_policy_notice(tcert *t, const char *policy_oid, uint32_t tag, const void *text, size_t len,
                      int with_ref) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE); /* PolicyInformation */
    derb_oid(&b, policy_oid);
    derb_open(&b, CS_DER_SEQUENCE); /* policyQualifiers */
    derb_open(&b, CS_DER_SEQUENCE); /* PolicyQualifierInfo */
    derb_oid(&b, "1.3.6.1.5.5.7.2.2");
    derb_open(&b, CS_DER_SEQUENCE); /* UserNotice */
    if (with_ref) {
        derb_open(&b, CS_DER_SEQUENCE);
        derb_str(&b, CS_DER_UTF8STRING, "certscan tests");
        derb_open(&b, CS_DER_SEQUENCE);
        derb_int(&b, 1);
        derb_close(&b);
        derb_close(&b);
    }
    derb_prim(&b, tag, text, len);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    tx_add(t, TX_CP, 0, &b);
}

void tx_subscriber(tcert *t) {
    tcert_defaults(t);
    tx_aki(t);
    tx_ski(t);
    tx_ku(t, 1, CS_KU_DIGITAL_SIGNATURE);
}

void tx_ca(tcert *t) {
    tcert_defaults(t);
    t->subject_cn = "certscan Test Sub CA";
    tx_bc(t, 1, 1, -1);
    tx_ku(t, 1, CS_KU_KEY_CERT_SIGN | CS_KU_CRL_SIGN);
    tx_aki(t);
    tx_ski(t);
}

int tx_lint(const tcert *t, const char *rule_id) {
    size_t len;
    uint8_t *der = tcert_build(t, &len);
    int r = lintone(der, len, rule_id, NULL);
    free(der);
    return r;
}

static int tx_in_area(const char *id) {
    static const char *const prefixes[] = {
        "rfc5280.aki.",
        "rfc5280.ski.",
        "rfc5280.key_usage.",
        "rfc5280.basic_constraints.",
        "rfc5280.eku.",
        "rfc5280.policies.",
        "rfc5280.policy_",
        "rfc5280.inhibit_any_policy.",
        "rfc5280.extension_encoding.",
        "rfc5280.subject_directory_attributes.",
        "rfc6962.",
        "rfc3161.",
        "rfc4262.",
        "rfc3739.",
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (strncmp(id, prefixes[i], strlen(prefixes[i])) == 0) {
            return 1;
        }
    }
    return 0;
}

int tx_area_findings(const tcert *t, char *buf, size_t buflen) {
    char err[256];
    size_t len;
    uint8_t *der = tcert_build(t, &len);
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    cs_x509 *x = malloc(sizeof *x);
    cs_batch *b = malloc(sizeof *b);
    uint64_t *fail = rs ? calloc(cs_ruleset_count(rs), sizeof *fail) : NULL;
    cs_der_error derr;
    if (rs == NULL || x == NULL || b == NULL || fail == NULL ||
        !cs_x509_parse(x, der, len, &derr)) {
        abort();
    }
    cs_batch_reset(b, NULL);
    cs_batch_add(b, x);
    cs_engine_eval(rs, b, fail);
    int count = 0;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
        const char *id = cs_ruleset_rule(rs, i)->id;
        if ((fail[i] & 1) && tx_in_area(id)) {
            count++;
            if (used < buflen) {
                used +=
                    (size_t)snprintf(buf + used, buflen - used, "%s%s", count > 1 ? "," : "", id);
            }
        }
    }
    free(fail);
    free(b);
    free(x);
    free(der);
    cs_ruleset_free(rs);
    return count;
}
