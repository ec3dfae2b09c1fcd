/* CA certificates: self-signed roots (no EKU, no policies, as SBR §7.1.2.1 wants them) and
 * issuing CAs signed by their root, carrying what SBR §7.1.2.2 (S/MIME) or the TLS practice
 * asks for. The CA's own habits decide string types and extension order. */
#ifndef CS_GEN_CACERT_H
#define CS_GEN_CACERT_H

#include "bench/gen/gen_world.h"

/* Fills `c` with the certificate of `ca` (its parent must have been built). */
void gen_cacert_fill(const gen_world *w, const gen_ca *ca, gen_cert *c, gen_rng *r);
/* Builds and stores ca->cert; returns 0 on failure. */
int gen_cacert_build(gen_world *w, gen_ca *ca);

#endif
