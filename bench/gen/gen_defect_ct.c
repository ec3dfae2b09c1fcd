/* Defects against RFC 6962 in TLS certificates and precertificates. */
#include "bench/gen/gen_defect_fns.h"

int gen_a_precert(const gen_ctx *x, const gen_cert *c) {
    (void)c;
    return !gen_dx_smime(x) && x->precert;
}

/* RFC 6962 §3.3: SCTs go into the final certificate; a precertificate carrying a list (here an
 * empty one) breaks that. */
void gen_d_precert_with_scts(gen_ctx *x, gen_cert *c) {
    static const uint8_t empty_list[] = {0x04, 0x02, 0x00, 0x00};
    gen_cert_set_ext(c, GEN_X_SCT, 0, empty_list, sizeof empty_list);
    gen_dx_expect(x, "rfc6962.precert.with_sct_list");
}

int gen_a_final_tls(const gen_ctx *x, const gen_cert *c) {
    (void)c;
    return !gen_dx_smime(x) && !x->precert;
}

/* RFC 6962 §3.3: SignedCertificateTimestampList holds at least one SCT (<1..2^16-1>). */
void gen_d_sct_list_empty(gen_ctx *x, gen_cert *c) {
    static const uint8_t empty_list[] = {0x04, 0x02, 0x00, 0x00};
    gen_cert_set_ext(c, GEN_X_SCT, 0, empty_list, sizeof empty_list);
    gen_dx_expect(x, "rfc6962.sct_list.empty");
}
