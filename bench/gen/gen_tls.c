/* TLS server certificates as public CAs issue them (CA/B Forum TLS BR practice): DNS names in
 * the SAN, serverAuth and clientAuth, the BR policy OID, OCSP/CRL pointers, and either an
 * embedded SCT list (final certificate) or the CT poison (precertificate, RFC 6962 §3.1).
 * certscan has no TLS BR rules, so these exercise the RFC 5280 and RFC 6962 rules. */
#include <string.h>

#include "bench/gen/gen_fill.h"

/* SignedCertificateTimestampList (RFC 6962 §3.3) with `n` SCTs, wrapped in the OCTET STRING
 * the extension value is. */
static const uint8_t *gen_sct_list(gen_ctx *x, int64_t issued, int n, size_t *len) {
    uint8_t buf[1024];
    size_t at = 2;
    for (int i = 0; i < n; i++) {
        size_t start = at;
        at += 2;
        buf[at++] = 0;                     /* v1 */
        gen_rng_bytes(x->r, buf + at, 32); /* LogID */
        at += 32;
        uint64_t ms = (uint64_t)issued * 1000 - 60000 + gen_rng_below(x->r, 60000);
        for (int b = 7; b >= 0; b--) {
            buf[at++] = (uint8_t)(ms >> (8 * b));
        }
        buf[at++] = 0; /* no extensions */
        buf[at++] = 0;
        buf[at++] = 4; /* sha256 */
        buf[at++] = 3; /* ecdsa */
        /* An ECDSA P-256 signature: SEQUENCE of two 32-octet INTEGERs (with sign octets). */
        uint8_t rs[2][33];
        size_t rl[2];
        for (int k = 0; k < 2; k++) {
            gen_rng_bytes(x->r, rs[k] + 1, 32);
            rs[k][1] |= 1;
            rs[k][0] = 0;
            rl[k] = rs[k][1] & 0x80 ? 33 : 32;
        }
        size_t seq = 2 + rl[0] + 2 + rl[1];
        buf[at++] = (uint8_t)((seq + 2) >> 8);
        buf[at++] = (uint8_t)(seq + 2);
        buf[at++] = 0x30;
        buf[at++] = (uint8_t)seq;
        for (int k = 0; k < 2; k++) {
            buf[at++] = 0x02;
            buf[at++] = (uint8_t)rl[k];
            memcpy(buf + at, rl[k] == 33 ? rs[k] : rs[k] + 1, rl[k]);
            at += rl[k];
        }
        size_t sct_len = at - start - 2;
        buf[start] = (uint8_t)(sct_len >> 8);
        buf[start + 1] = (uint8_t)sct_len;
    }
    buf[0] = (uint8_t)((at - 2) >> 8);
    buf[1] = (uint8_t)(at - 2);
    gen_der_reset(x->tmp);
    gen_der_prim(x->tmp, GEN_OCTET_STRING, buf, at);
    return gen_ctx_value(x, len);
}

void gen_tls_fill(gen_ctx *x, gen_cert *c) {
    const gen_ca *ca = x->ca;
    gen_rng *r = x->r;
    gen_cert_init(c, ca->order, ca->num_order);
    gen_serial(c, ca, r);
    c->sig_alg = ca->sig_alg;
    c->issuer = ca->subject_der;
    c->issuer_len = ca->subject_len;
    c->not_before = gen_not_before(ca, r, 0, GEN_DATE_NOW);
    c->not_after = c->not_before + (int64_t)ca->h.validity_days[0] * 86400 - 1;
    gen_identity_make(&x->id, x->arena, r, ca->country, 1, c->not_before);
    const char *domain = x->id.domain;

    uint32_t w[GEN_KEY_TYPE_COUNT];
    memcpy(w, ca->h.key_weight, sizeof w);
    gen_key_type kt = (gen_key_type)gen_rng_weighted(r, w, GEN_KEY_TYPE_COUNT);
    const gen_key *key = &x->w->pool.keys[kt][gen_rng_below(r, x->w->pool.count[kt])];
    c->key = key;
    c->spki = key->spki;
    c->spki_len = key->spki_len;
    c->ski = gen_ski_for(ca, key);
    c->ku = gen_key_is_rsa(kt) ? GEN_KU_DS | GEN_KU_KE : GEN_KU_DS;

    gen_cert_add_gname(c, GEN_GN_DNS, domain);
    static const char *const hosts[] = {"www", "mail", "api", "shop", "portal", "vpn", NULL};
    int extra = (int)gen_rng_below(r, 4);
    for (int i = 0; i < extra; i++) {
        gen_cert_add_gname(c, GEN_GN_DNS, gen_arena_printf(x->arena, "%s.%s", hosts[i], domain));
    }
    if (gen_rng_chance(r, 0.15)) {
        gen_cert_add_gname(c, GEN_GN_DNS, gen_arena_printf(x->arena, "*.%s", domain));
    }
    int ov = ca->h.ov && gen_rng_chance(r, 0.7);
    if (ov) {
        gen_cert_add_attr(c, GEN_AT_C, GEN_PRINTABLESTRING, x->id.country->code);
        if (x->id.state != NULL) {
            gen_cert_add_attr(c, GEN_AT_ST, GEN_UTF8STRING, x->id.state);
        }
        gen_cert_add_attr(c, GEN_AT_L, GEN_UTF8STRING, x->id.city);
        gen_cert_add_attr(c, GEN_AT_O, GEN_UTF8STRING, x->id.org);
    }
    gen_cert_add_attr(c, GEN_AT_CN, GEN_UTF8STRING, domain);

    c->eku[c->num_eku++] = GEN_KP_SERVER;
    c->eku[c->num_eku++] = GEN_KP_CLIENT;
    gen_oid_id pol = ov ? GEN_POL_TLS_OV : GEN_POL_TLS_DV;
    c->pol[c->num_pol++] = (gen_policy){gen_oids[pol].b, gen_oids[pol].len, NULL, NULL};
    if (ca->h.bc_empty) {
        gen_cert_set_ext(c, GEN_X_BC, 1, NULL, 0);
    }
    gen_cert_set_ext(c, GEN_X_KU, 1, NULL, 0);
    gen_cert_set_ext(c, GEN_X_EKU, 0, NULL, 0);
    gen_cert_set_ext(c, GEN_X_SAN, 0, NULL, 0);
    gen_cert_set_ext(c, GEN_X_CP, 0, NULL, 0);
    if (ca->h.crldp) {
        gen_cert_set_ext(c, GEN_X_CRLDP, 0, ca->crldp, ca->crldp_len);
    }
    gen_cert_set_ext(c, GEN_X_AIA, 0, ca->aia, ca->aia_len);
    gen_cert_set_ext(c, GEN_X_AKI, 0, ca->aki, ca->aki_len);
    gen_cert_set_ext(c, GEN_X_SKI, 0, NULL, 0);
    if (x->precert) {
        gen_cert_set_ext(c, GEN_X_POISON, 1, gen_statics.poison, gen_statics.poison_len);
    } else {
        size_t len;
        const uint8_t *v = gen_sct_list(x, c->not_before, 2 + (int)gen_rng_below(r, 2), &len);
        gen_cert_set_ext(c, GEN_X_SCT, 0, v, len);
    }
    c->signer = &ca->key;
    c->sign_real = gen_world_sign_real(x->w, ca);
}
