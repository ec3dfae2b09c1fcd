/* The generation loop: CA certificates first, then subscriber certificates drawn per issuing
 * CA, each filled, possibly given a defect, encoded, signed, written to every sink and
 * counted in the expectations. Certificate i uses its own random stream (seed, i), so the
 * output depends on the seed alone. */
#ifndef CS_GEN_RUN_H
#define CS_GEN_RUN_H

#include "bench/gen/gen_expect.h"
#include "bench/gen/gen_out.h"
#include "bench/gen/gen_world.h"

typedef struct gen_run_options {
    gen_sink **sinks;
    int num_sinks;
    int only_defect; /* >= 0: apply only this defect, at rate `only_rate`; -2: any defect,
                        chosen uniformly, at that rate */
    double only_rate;
} gen_run_options;

typedef struct gen_stats {
    uint64_t entries, subscribers, smime, tls, precerts, der_bytes;
    uint64_t real_sigs, fake_sigs;
    uint64_t per_profile[GEN_PROFILES];
    double cpu_seconds; /* generation loop, this thread */
} gen_stats;

int gen_run(const gen_world *w, const gen_run_options *o, gen_expect *e, gen_stats *st);

#endif
