/* Defects in CA certificates: a CA's own certificate gets one now and then (a quarter of them
 * at --defects 1), and certscan reports it under the issuer of that certificate (the root,
 * or the root itself for its self-signed certificate). */
#include "bench/gen/gen_defect_ca.h"

#include <string.h>

typedef struct gen_ca_defect {
    const char *name;
    int smime_only;
    void (*apply)(const gen_ca *ca, gen_cert *c, gen_findings *f);
    const char *what;
} gen_ca_defect;

static int gen_smime_ca(const gen_ca *ca) {
    return ca->role == GEN_ROLE_SMIME;
}

/* RFC 5280 §4.2.1.9; SBR §7.1.2.1 (d), §7.1.2.2 (d) */
static void gen_cd_bc_not_critical(const gen_ca *ca, gen_cert *c, gen_findings *f) {
    c->ext[GEN_X_BC].critical = 0;
    gen_findings_add(f, "rfc5280.basic_constraints.not_critical");
    if (gen_smime_ca(ca)) {
        gen_findings_add(f, "smime.ca.bc_not_critical");
    }
}

/* RFC 5280 §4.2.1.3 (SHOULD); SBR §7.1.2.1 (e), §7.1.2.2 (e) (SHALL) */
static void gen_cd_ku_not_critical(const gen_ca *ca, gen_cert *c, gen_findings *f) {
    c->ext[GEN_X_KU].critical = 0;
    gen_findings_add(f, "rfc5280.key_usage.not_critical");
    if (gen_smime_ca(ca)) {
        gen_findings_add(f, "smime.ca.ku_not_critical");
    }
}

/* RFC 5280 §4.2.1.2: every CA certificate MUST carry subjectKeyIdentifier. */
static void gen_cd_ski_missing(const gen_ca *ca, gen_cert *c, gen_findings *f) {
    c->ext[GEN_X_SKI].present = 0;
    gen_findings_add(f, "rfc5280.ski.missing_ca");
    if (gen_smime_ca(ca)) {
        gen_findings_add(f, "smime.ca.ski_missing");
    }
}

/* SBR §7.1.2.2 (c): authorityInformationAccess SHOULD be present. */
static void gen_cd_aia_missing(const gen_ca *ca, gen_cert *c, gen_findings *f) {
    (void)ca;
    c->ext[GEN_X_AIA].present = 0;
    gen_findings_add(f, "smime.ca.aia_missing");
}

/* SBR §7.1.2.2 (b): cRLDistributionPoints SHALL be present. */
static void gen_cd_crldp_missing(const gen_ca *ca, gen_cert *c, gen_findings *f) {
    (void)ca;
    c->ext[GEN_X_CRLDP].present = 0;
    gen_findings_add(f, "smime.ca.crldp_missing");
}

/* SBR §7.1.2.2 (g): an S/MIME issuing CA SHALL NOT have serverAuth. */
static void gen_cd_eku_server_auth(const gen_ca *ca, gen_cert *c, gen_findings *f) {
    (void)ca;
    c->eku[c->num_eku++] = GEN_KP_SERVER;
    gen_findings_add(f, "smime.ca.eku_prohibited");
}

/* SBR §7.1.2.2 (a): certificatePolicies SHALL be present. */
static void gen_cd_policies_missing(const gen_ca *ca, gen_cert *c, gen_findings *f) {
    (void)ca;
    c->ext[GEN_X_CP].present = 0;
    gen_findings_add(f, "smime.ca.policies_missing");
}

/* SBR §7.1.2.1 (e), §7.1.2.2 (e): keyCertSign and cRLSign SHALL be set. */
static void gen_cd_ku_no_crl_sign(const gen_ca *ca, gen_cert *c, gen_findings *f) {
    (void)ca;
    c->ku &= ~(unsigned)GEN_KU_CRL;
    gen_findings_add(f, "smime.ca.ku_cert_crl_sign");
}

static const gen_ca_defect gen_ca_defects[] = {
    {"ca_bc_not_critical", 0, gen_cd_bc_not_critical,
     "basicConstraints not critical (RFC 5280 4.2.1.9; SBR 7.1.2.2 d)"},
    {"ca_ku_not_critical", 0, gen_cd_ku_not_critical,
     "keyUsage not critical (RFC 5280 4.2.1.3; SBR 7.1.2.2 e)"},
    {"ca_ski_missing", 0, gen_cd_ski_missing, "no subjectKeyIdentifier (RFC 5280 4.2.1.2)"},
    {"ca_aia_missing", 1, gen_cd_aia_missing, "no authorityInfoAccess (SBR 7.1.2.2 c: SHOULD)"},
    {"ca_crldp_missing", 1, gen_cd_crldp_missing, "no cRLDistributionPoints (SBR 7.1.2.2 b)"},
    {"ca_eku_server_auth", 1, gen_cd_eku_server_auth, "serverAuth in the EKU (SBR 7.1.2.2 g)"},
    {"ca_policies_missing", 1, gen_cd_policies_missing, "no certificatePolicies (SBR 7.1.2.2 a)"},
    {"ca_ku_no_crl_sign", 1, gen_cd_ku_no_crl_sign, "keyUsage without cRLSign (SBR 7.1.2.2 e)"},
};
const int gen_num_ca_defects = (int)(sizeof gen_ca_defects / sizeof gen_ca_defects[0]);

const char *gen_ca_defect_name(int index) {
    return gen_ca_defects[index].name;
}

const char *gen_ca_defect_what(int index) {
    return gen_ca_defects[index].what;
}

int gen_ca_defect_apply(const gen_ca *ca, gen_cert *c, gen_rng *r, gen_findings *f) {
    uint32_t w[16];
    uint32_t total = 0;
    for (int d = 0; d < gen_num_ca_defects; d++) {
        /* roots have no AIA, CRLDP, EKU or policies to break; TLS CAs no SBR rules */
        w[d] = !gen_ca_defects[d].smime_only || gen_smime_ca(ca) ? 1 : 0;
        total += w[d];
    }
    if (total == 0) {
        return -1;
    }
    int d = (int)gen_rng_weighted(r, w, (size_t)gen_num_ca_defects);
    gen_ca_defects[d].apply(ca, c, f);
    f->defects |= (uint64_t)1 << d;
    return d;
}
