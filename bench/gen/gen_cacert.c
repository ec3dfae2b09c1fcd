#include "bench/gen/gen_cacert.h"

#include <stdlib.h>
#include <string.h>

#include "bench/gen/gen_defect_ca.h"

static uint8_t gen_tag_for(const gen_ca *ca, const char *s) {
    return ca->h.printable && gen_names_printable(s, strlen(s)) ? GEN_PRINTABLESTRING
                                                                : GEN_UTF8STRING;
}

void gen_cacert_fill(const gen_world *w, const gen_ca *ca, gen_cert *c, gen_rng *r) {
    const gen_ca *parent = &w->cas[ca->parent];
    gen_cert_init(c, parent->order, parent->num_order);
    /* CA serials: 16 to 20 random octets whatever the habit for subscribers. */
    gen_serial_len(c, 16 + (size_t)gen_rng_below(r, 5), r);
    c->sig_alg =
        parent->sig_alg == GEN_SIG_RSA_PSS_SHA256 || parent->sig_alg == GEN_SIG_RSA_PSS_SHA384
            ? GEN_SIG_RSA_SHA256 /* CA certificates get a real, repeatable signature */
            : parent->sig_alg;
    c->issuer = parent->subject_der;
    c->issuer_len = parent->subject_len;
    c->not_before = ca->not_before;
    c->not_after = ca->not_after;
    gen_cert_add_attr(c, GEN_AT_C, GEN_PRINTABLESTRING, ca->country->code);
    gen_cert_add_attr(c, GEN_AT_O, gen_tag_for(ca, ca->org), ca->org);
    gen_cert_add_attr(c, GEN_AT_CN, gen_tag_for(ca, ca->cn), ca->cn);
    c->key = &ca->key;
    c->spki = ca->key.spki;
    c->spki_len = ca->key.spki_len;
    c->ski = ca->h.ski_sha256 ? ca->key.ski_sha256 : ca->key.ski_sha1;
    c->signer = &parent->key;
    c->sign_real = w->cfg.sign_mode != GEN_SIGN_NONE;
    c->bc_ca = 1;
    gen_cert_set_ext(c, GEN_X_BC, 1, NULL, 0);
    gen_cert_set_ext(c, GEN_X_KU, 1, NULL, 0);
    gen_cert_set_ext(c, GEN_X_SKI, 0, NULL, 0);
    c->ku = GEN_KU_CERT | GEN_KU_CRL;
    if (ca->role == GEN_ROLE_ROOT) {
        if (gen_rng_chance(r, 0.5)) {
            c->ku |= GEN_KU_DS; /* signs OCSP responses itself */
        }
        return;
    }
    c->ku |= GEN_KU_DS;
    c->bc_path_len = 0;
    gen_cert_set_ext(c, GEN_X_AKI, 0, parent->aki, parent->aki_len);
    gen_cert_set_ext(c, GEN_X_CRLDP, 0, parent->crldp, parent->crldp_len);
    gen_cert_set_ext(c, GEN_X_AIA, 0, parent->aia, parent->aia_len);
    gen_cert_set_ext(c, GEN_X_EKU, 0, NULL, 0);
    gen_cert_set_ext(c, GEN_X_CP, 0, NULL, 0);
    if (ca->role == GEN_ROLE_SMIME) {
        c->eku[c->num_eku++] = GEN_KP_EMAIL;
        if (ca->h.eku_client) {
            c->eku[c->num_eku++] = GEN_KP_CLIENT;
        }
        /* SBR §7.1.2.2 (a): the reserved OIDs of the profiles it issues. */
        for (int p = 0; p < GEN_PROFILES && c->num_pol < GEN_MAX_POL - 1; p++) {
            if (ca->h.profile_weight[p] == 0) {
                continue;
            }
            uint8_t len;
            const uint8_t *oid = gen_reserved_oid(p, &len);
            int dup = 0;
            for (int i = 0; i < c->num_pol; i++) {
                dup |= c->pol[i].len == len && memcmp(c->pol[i].oid, oid, len) == 0;
            }
            if (!dup) {
                c->pol[c->num_pol++] = (gen_policy){oid, len, NULL, NULL};
            }
        }
    } else {
        c->eku[c->num_eku++] = GEN_KP_SERVER;
        c->eku[c->num_eku++] = GEN_KP_CLIENT;
        c->pol[c->num_pol++] =
            (gen_policy){gen_oids[GEN_POL_TLS_DV].b, gen_oids[GEN_POL_TLS_DV].len, NULL, NULL};
        c->pol[c->num_pol++] =
            (gen_policy){gen_oids[GEN_POL_TLS_OV].b, gen_oids[GEN_POL_TLS_OV].len, NULL, NULL};
    }
}

int gen_cacert_build(gen_world *w, gen_ca *ca) {
    gen_rng r;
    gen_rng_init(&r, w->cfg.seed, GEN_RNG_CA, 0x10000u + (uint64_t)ca->index);
    gen_cert *c = malloc(sizeof *c);
    gen_signer s;
    gen_der d;
    gen_der_init(&d);
    int ok = c != NULL && gen_signer_init(&s);
    gen_findings_clear(&ca->cert_findings);
    ca->cert_defect = -1;
    if (ok) {
        gen_cacert_fill(w, ca, c, &r);
        double rate = w->cfg.defects * 0.25;
        if (gen_rng_chance(&r, rate > 1 ? 1 : rate)) {
            ca->cert_defect = gen_ca_defect_apply(ca, c, &r, &ca->cert_findings);
        }
        ok = gen_cert_encode(c, &s, &r, &d, NULL, NULL);
        gen_signer_cleanup(&s);
    }
    free(c);
    if (!ok) {
        gen_der_free(&d);
        return 0;
    }
    ca->cert = d.buf;
    ca->cert_len = d.len;
    return 1;
}
