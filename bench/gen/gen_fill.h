/* Fillers: turn an issuing CA and a profile into a certificate description (gen_cert) of a
 * valid subscriber certificate. Defects are applied afterwards (gen_defect.h). */
#ifndef CS_GEN_FILL_H
#define CS_GEN_FILL_H

#include "bench/gen/gen_arena.h"
#include "bench/gen/gen_cert.h"
#include "bench/gen/gen_expect.h"
#include "bench/gen/gen_subject.h"
#include "bench/gen/gen_world.h"

/* What one certificate is being made from, and the scratch it may use. */
typedef struct gen_ctx {
    const gen_world *w;
    const gen_ca *ca;
    gen_arena *arena;
    gen_der *tmp; /* scratch for extension values */
    gen_rng *r;
    gen_findings *f; /* findings the certificate is expected to have */
    int profile;     /* SBR profile index, or -1 for TLS */
    int precert;     /* TLS: a precertificate */
    gen_identity id; /* the subject's identity */
} gen_ctx;

/* Copies the scratch DER into the arena; returns it (NULL on overflow). */
const uint8_t *gen_ctx_value(gen_ctx *x, size_t *len);

/* Fixed extension values, built once. */
typedef struct gen_static {
    uint8_t *smime_caps, *qc, *ms_template, *poison, *private_ext;
    size_t smime_caps_len, qc_len, ms_template_len, poison_len, private_ext_len;
} gen_static;
extern gen_static gen_statics;
int gen_static_init(void);
void gen_static_free(void);

/* An S/MIME subscriber certificate of profile x->profile. */
void gen_smime_fill(gen_ctx *x, gen_cert *c);
/* A TLS server certificate (or precertificate when x->precert). */
void gen_tls_fill(gen_ctx *x, gen_cert *c);
/* Subject key identifier of a key by the CA's habit. */
const uint8_t *gen_ski_for(const gen_ca *ca, const gen_key *k);

#endif
