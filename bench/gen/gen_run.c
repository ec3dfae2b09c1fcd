#include "bench/gen/gen_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/gen/gen_defect.h"
#include "bench/gen/gen_fill.h"
#include "bench/gen/gen_notice.h"

static double gen_cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int gen_emit(const gen_run_options *o, const gen_entry *e) {
    for (int i = 0; i < o->num_sinks; i++) {
        if (!gen_sink_entry(o->sinks[i], e)) {
            return 0;
        }
    }
    return 1;
}

static int gen_run_cas(const gen_world *w, const gen_run_options *o, gen_expect *e, gen_stats *st) {
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < w->num_cas; i++) {
            const gen_ca *ca = &w->cas[i];
            if ((ca->role == GEN_ROLE_ROOT) != (pass == 0)) {
                continue;
            }
            gen_entry en = {.der = ca->cert,
                            .len = ca->cert_len,
                            .issuer = &w->cas[ca->parent],
                            .world = w,
                            .index = st->entries,
                            .timestamp_ms = ca->not_before * 1000 + 1000,
                            .is_ca = 1};
            if (!gen_emit(o, &en)) {
                return 0;
            }
            /* a CA certificate's defect counts as defective, under bit 63 (CA defects have
             * their own table) */
            gen_findings f = ca->cert_findings;
            f.defects = ca->cert_defect >= 0 ? (uint64_t)1 << 63 : 0;
            gen_expect_add(e, (size_t)ca->parent, &f);
            st->entries++;
            st->der_bytes += ca->cert_len;
        }
    }
    return 1;
}

typedef struct gen_work {
    gen_arena arena;
    gen_der out, tmp, ct_tbs;
    gen_cert cert, copy;
    gen_signer signer;
} gen_work;

int gen_run(const gen_world *w, const gen_run_options *o, gen_expect *e, gen_stats *st) {
    memset(st, 0, sizeof *st);
    gen_work *k = calloc(1, sizeof *k);
    if (k == NULL || !gen_signer_init(&k->signer)) {
        free(k);
        return 0;
    }
    gen_der_init(&k->out);
    gen_der_init(&k->tmp);
    gen_der_init(&k->ct_tbs);
    double t0 = gen_cpu_now();
    int ok = gen_run_cas(w, o, e, st);
    uint64_t n = w->cfg.count > st->entries ? w->cfg.count - st->entries : 0;
    for (uint64_t i = 0; ok && i < n; i++) {
        gen_rng r;
        gen_rng_init(&r, w->cfg.seed, GEN_RNG_CERT, i);
        const gen_ca *ca = gen_world_pick_issuer(w, &r);
        gen_findings f;
        gen_findings_clear(&f);
        gen_arena_reset(&k->arena);
        gen_ctx x = {
            .w = w, .ca = ca, .arena = &k->arena, .tmp = &k->tmp, .r = &r, .f = &f, .profile = -1};
        if (ca->role == GEN_ROLE_TLS) {
            x.precert = gen_rng_chance(&r, 0.3);
            gen_tls_fill(&x, &k->cert);
            st->tls++;
            st->precerts += (uint64_t)x.precert;
        } else {
            x.profile = (int)gen_rng_weighted(&r, ca->h.profile_weight, GEN_PROFILES);
            gen_smime_fill(&x, &k->cert);
            st->smime++;
            st->per_profile[x.profile]++;
        }
        if (o->only_defect != -1) {
            if (gen_rng_chance(&r, o->only_rate)) {
                if (o->only_defect >= 0) {
                    gen_defect_apply_one(&x, &k->cert, o->only_defect);
                } else {
                    gen_defect_apply(&x, &k->cert, 1);
                }
            }
        } else if (w->cfg.defects > 0 && gen_rng_chance(&r, ca->h.defect_rate * w->cfg.defects)) {
            gen_defect_apply(&x, &k->cert, 0);
        }
        gen_expect_design(&x, &k->cert);
        size_t tbs_off, tbs_len;
        if (k->arena.failed ||
            !gen_cert_encode(&k->cert, &k->signer, &r, &k->out, &tbs_off, &tbs_len)) {
            fprintf(stderr, "certscan-gen: certificate %llu could not be encoded\n",
                    (unsigned long long)i);
            ok = 0;
            break;
        }
        gen_entry en = {.der = k->out.buf,
                        .len = k->out.len,
                        .issuer = ca,
                        .world = w,
                        .index = st->entries,
                        .timestamp_ms =
                            k->cert.not_before * 1000 + 1000 + (int64_t)gen_rng_below(&r, 60000),
                        .precert = x.precert};
        if (x.precert) {
            /* The CT leaf holds the TBS without the poison (RFC 6962 §3.2). */
            memcpy(&k->copy, &k->cert, sizeof k->copy);
            k->copy.ext[GEN_X_POISON].present = 0;
            if (!gen_cert_encode_tbs(&k->copy, &k->ct_tbs)) {
                ok = 0;
                break;
            }
            en.ct_tbs = k->ct_tbs.buf;
            en.ct_tbs_len = k->ct_tbs.len;
        }
        ok = gen_emit(o, &en);
        gen_expect_add(e, (size_t)ca->index, &f);
        st->entries++;
        st->subscribers++;
        st->der_bytes += k->out.len;
    }
    st->cpu_seconds = gen_cpu_now() - t0;
    st->real_sigs = k->signer.real;
    st->fake_sigs = k->signer.fake;
    gen_signer_cleanup(&k->signer);
    gen_der_free(&k->out);
    gen_der_free(&k->tmp);
    gen_der_free(&k->ct_tbs);
    free(k);
    return ok;
}
