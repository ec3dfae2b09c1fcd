#include "tests/support/tcert_algs.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/engine.h"
#include "scanner/x509.h"
#include "tests/support/derb.h"
#include "tests/support/lintone.h"

static void tder_take(tder *out, derb *b) {
    if (b->failed || b->depth != 0 || b->len > TDER_CAP) {
        abort();
    }
    memcpy(out->b, b->buf, b->len);
    out->len = b->len;
    derb_free(b);
}

void tder_alg(tder *out, const char *oid, const void *params, size_t params_len) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, oid);
    if (params != NULL) {
        derb_raw(&b, params, params_len);
    }
    derb_close(&b);
    tder_take(out, &b);
}

void tder_alg_curve(tder *out, const char *oid, const char *curve_oid) {
    derb p;
    derb_init(&p);
    derb_oid(&p, curve_oid);
    tder_alg(out, oid, p.buf, p.len);
    derb_free(&p);
}

void tder_spki(tder *out, const tder *alg, const void *key, size_t key_len, unsigned unused) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_raw(&b, alg->b, alg->len);
    derb_bits(&b, unused, key, key_len);
    derb_close(&b);
    tder_take(out, &b);
}

void tder_rsa_key(tder *out, const void *n, size_t n_len, const void *e, size_t e_len) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_int_bytes(&b, n, n_len);
    derb_int_bytes(&b, e, e_len);
    derb_close(&b);
    tder_take(out, &b);
}

void tder_rsa_key_default(tder *out) {
    uint8_t n[257];
    n[0] = 0x00;
    for (size_t i = 1; i < sizeof n; i++) {
        n[i] = (uint8_t)(0x5A ^ (i * 37));
    }
    n[1] |= 0x80;
    n[256] |= 0x01;
    static const uint8_t e[] = {0x01, 0x00, 0x01};
    tder_rsa_key(out, n, sizeof n, e, sizeof e);
}

void tder_ec_point(tder *out, const char *group, int compressed) {
    EVP_PKEY *pkey = EVP_EC_gen(group);
    if (pkey == NULL) {
        abort();
    }
    uint8_t point[256];
    size_t len = 0;
    if (!EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point,
                                         sizeof point, &len) ||
        len < 3 || point[0] != 0x04) {
        abort();
    }
    EVP_PKEY_free(pkey);
    if (compressed) {
        size_t field = (len - 1) / 2;
        out->b[0] = (uint8_t)(0x02 | (point[len - 1] & 1));
        memcpy(out->b + 1, point + 1, field);
        out->len = 1 + field;
    } else {
        memcpy(out->b, point, len);
        out->len = len;
    }
}

void tder_dss_sig(tder *out, const void *r, size_t r_len, const void *s, size_t s_len) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_int_bytes(&b, r, r_len);
    derb_int_bytes(&b, s, s_len);
    derb_close(&b);
    tder_take(out, &b);
}

void tder_ku(tder *out, unsigned bits) {
    /* Named bit n is bit (7 - n % 8) of octet n / 8; DER drops trailing zero bits. */
    uint8_t octets[2] = {0, 0};
    int last = -1;
    for (int n = 0; n < 9; n++) {
        if (bits & (1u << n)) {
            octets[n / 8] |= (uint8_t)(0x80u >> (n % 8));
            last = n;
        }
    }
    size_t num = last < 0 ? 0 : (size_t)last / 8 + 1;
    unsigned unused = last < 0 ? 0 : 7u - (unsigned)last % 8;
    derb b;
    derb_init(&b);
    derb_bits(&b, unused, octets, num);
    tder_take(out, &b);
}

void tder_fill(tder *out, size_t len) {
    if (len > TDER_CAP) {
        abort();
    }
    for (size_t i = 0; i < len; i++) {
        out->b[i] = (uint8_t)(i * 131 + 7);
    }
    out->len = len;
}

/* Content span of a TLV the parser already accepted. */
static cs_der tlv_content(cs_der tlv) {
    cs_der content;
    if (!cs_der_get_any(&tlv, &(uint32_t){0}, NULL, &content, NULL, "")) {
        abort();
    }
    return content;
}

static void raw_span(derb *b, const uint8_t *from, const uint8_t *to) {
    if (to < from) {
        abort();
    }
    derb_raw(b, from, (size_t)(to - from));
}

uint8_t *tcert_algs_build(const tcert *t, const tcert_algs *a, size_t *out_len) {
    size_t base_len;
    uint8_t *base = tcert_build(t, &base_len);
    cs_x509 *x = malloc(sizeof *x);
    cs_der_error err;
    if (x == NULL || !cs_x509_parse(x, base, base_len, &err)) {
        abort();
    }
    cs_der tbs = tlv_content(x->tbs);
    const uint8_t *tbs_end = tbs.ptr + tbs.len;
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    raw_span(&b, tbs.ptr, x->tbs_sig_alg.raw.ptr);
    if (a->tbs_sig_alg != NULL) {
        derb_raw(&b, a->tbs_sig_alg->b, a->tbs_sig_alg->len);
    } else {
        derb_raw(&b, x->tbs_sig_alg.raw.ptr, x->tbs_sig_alg.raw.len);
    }
    raw_span(&b, x->tbs_sig_alg.raw.ptr + x->tbs_sig_alg.raw.len, x->spki.raw.ptr);
    if (a->spki != NULL) {
        derb_raw(&b, a->spki->b, a->spki->len);
    } else {
        derb_raw(&b, x->spki.raw.ptr, x->spki.raw.len);
    }
    raw_span(&b, x->spki.raw.ptr + x->spki.raw.len, tbs_end);
    derb_close(&b);
    if (a->sig_alg != NULL) {
        derb_raw(&b, a->sig_alg->b, a->sig_alg->len);
    } else {
        derb_raw(&b, x->sig_alg.raw.ptr, x->sig_alg.raw.len);
    }
    if (a->sig != NULL) {
        derb_bits(&b, a->sig_unused, a->sig->b, a->sig->len);
    } else {
        static const uint8_t valid_sig[] = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01};
        derb_bits(&b, a->sig_unused, valid_sig, sizeof valid_sig);
    }
    derb_close(&b);
    free(x);
    free(base);
    if (b.failed || b.depth != 0) {
        abort();
    }
    return derb_take(&b, out_len);
}

int tcert_algs_lint(const tcert *t, const tcert_algs *a, const char *rule) {
    size_t len;
    uint8_t *der = tcert_algs_build(t, a, &len);
    int r = lintone(der, len, rule, NULL);
    free(der);
    if (r < 0) {
        abort();
    }
    return r;
}

static int in_area(const char *id) {
    static const char *const prefixes[] = {"rfc3279.", "rfc4055.", "rfc5480.", "rfc5758.",
                                           "rfc8410.", "rfc9295.", "rfc9881.", "rfc9935."};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (strncmp(id, prefixes[i], strlen(prefixes[i])) == 0) {
            return 1;
        }
    }
    return 0;
}

int tcert_algs_area_findings(const tcert *t, const tcert_algs *a, char *first, size_t first_len) {
    size_t len;
    uint8_t *der = tcert_algs_build(t, a, &len);
    char errbuf[256];
    cs_ruleset *rs = cs_ruleset_new(NULL, errbuf, sizeof errbuf);
    cs_x509 *x = malloc(sizeof *x);
    cs_batch *b = malloc(sizeof *b);
    uint64_t *fail = rs != NULL ? calloc(cs_ruleset_count(rs), sizeof *fail) : NULL;
    cs_der_error err;
    if (rs == NULL || x == NULL || b == NULL || fail == NULL || !cs_x509_parse(x, der, len, &err)) {
        abort();
    }
    cs_batch_reset(b, NULL);
    cs_batch_add(b, x);
    cs_engine_eval(rs, b, fail);
    int count = 0;
    if (first != NULL && first_len > 0) {
        first[0] = '\0';
    }
    for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
        const cs_rule *r = cs_ruleset_rule(rs, i);
        if ((fail[i] & 1) && in_area(r->id)) {
            if (count == 0 && first != NULL && first_len > 0) {
                strncpy(first, r->id, first_len - 1);
                first[first_len - 1] = '\0';
            }
            count++;
        }
    }
    free(fail);
    free(b);
    free(x);
    free(der);
    cs_ruleset_free(rs);
    return count;
}
