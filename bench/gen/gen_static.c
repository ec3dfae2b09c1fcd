#include <stdlib.h>
#include <string.h>

#include "bench/gen/gen_fill.h"

gen_static gen_statics;

const uint8_t *gen_ctx_value(gen_ctx *x, size_t *len) {
    if (x->tmp->failed) {
        *len = 0;
        return NULL;
    }
    uint8_t *p = gen_arena_alloc(x->arena, x->tmp->len);
    if (p == NULL) {
        *len = 0;
        return NULL;
    }
    memcpy(p, x->tmp->buf, x->tmp->len);
    *len = x->tmp->len;
    return p;
}

const uint8_t *gen_ski_for(const gen_ca *ca, const gen_key *k) {
    return ca->h.ski_sha256 ? k->ski_sha256 : k->ski_sha1;
}

static int gen_static_take(gen_der *d, uint8_t **out, size_t *len) {
    if (d->failed) {
        gen_der_free(d);
        return 0;
    }
    *out = d->buf;
    *len = d->len;
    return 1;
}

int gen_static_init(void) {
    gen_der d;
    /* smimeCapabilities (RFC 4262 / RFC 8551 §2.5.2): AES-256-CBC, AES-128-CBC */
    gen_der_init(&d);
    gen_der_open(&d, GEN_SEQUENCE);
    gen_der_open(&d, GEN_SEQUENCE);
    gen_der_oid(&d, gen_oids[GEN_ALG_AES256_CBC].b, gen_oids[GEN_ALG_AES256_CBC].len);
    gen_der_close(&d);
    gen_der_open(&d, GEN_SEQUENCE);
    gen_der_oid(&d, gen_oids[GEN_ALG_AES128_CBC].b, gen_oids[GEN_ALG_AES128_CBC].len);
    gen_der_close(&d);
    gen_der_close(&d);
    if (!gen_static_take(&d, &gen_statics.smime_caps, &gen_statics.smime_caps_len)) {
        return 0;
    }
    /* qcStatements: QcCompliance (ETSI EN 319 412-5) */
    gen_der_init(&d);
    gen_der_open(&d, GEN_SEQUENCE);
    gen_der_open(&d, GEN_SEQUENCE);
    gen_der_oid(&d, gen_oids[GEN_QCS_COMPLIANCE].b, gen_oids[GEN_QCS_COMPLIANCE].len);
    gen_der_close(&d);
    gen_der_close(&d);
    if (!gen_static_take(&d, &gen_statics.qc, &gen_statics.qc_len)) {
        return 0;
    }
    /* Microsoft certificate template {templateID, major 100, minor 4} */
    uint8_t tmpl[32];
    size_t tl = gen_oid_from_dotted("1.3.6.1.4.1.311.21.8.8821131.1245377.4", tmpl, sizeof tmpl);
    gen_der_init(&d);
    gen_der_open(&d, GEN_SEQUENCE);
    gen_der_oid(&d, tmpl, tl);
    gen_der_int(&d, 100);
    gen_der_int(&d, 4);
    gen_der_close(&d);
    if (tl == 0 || !gen_static_take(&d, &gen_statics.ms_template, &gen_statics.ms_template_len)) {
        return 0;
    }
    /* A private extension: UTF8String "certscan-gen" */
    gen_der_init(&d);
    gen_der_str(&d, GEN_UTF8STRING, "certscan-gen");
    if (!gen_static_take(&d, &gen_statics.private_ext, &gen_statics.private_ext_len)) {
        return 0;
    }
    /* CT poison: NULL (RFC 6962 §3.1) */
    gen_der_init(&d);
    gen_der_null(&d);
    return gen_static_take(&d, &gen_statics.poison, &gen_statics.poison_len);
}

void gen_static_free(void) {
    free(gen_statics.smime_caps);
    free(gen_statics.qc);
    free(gen_statics.ms_template);
    free(gen_statics.poison);
    free(gen_statics.private_ext);
    memset(&gen_statics, 0, sizeof gen_statics);
}
