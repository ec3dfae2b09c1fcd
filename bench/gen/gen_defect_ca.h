/* Defects in CA certificates (gen_defect_ca.c). */
#ifndef CS_GEN_DEFECT_CA_H
#define CS_GEN_DEFECT_CA_H

#include "bench/gen/gen_cert.h"
#include "bench/gen/gen_expect.h"
#include "bench/gen/gen_world.h"

extern const int gen_num_ca_defects;
const char *gen_ca_defect_name(int index);
const char *gen_ca_defect_what(int index);
/* Applies a defect that fits `ca`'s certificate `c`, adds its rules to f; returns its index or
 * -1. */
int gen_ca_defect_apply(const gen_ca *ca, gen_cert *c, gen_rng *r, gen_findings *f);

#endif
