/* Injected defects: each one changes a valid certificate description in one realistic way
 * (a missing mailbox, a wrong keyUsage, a bad validity, a mis-encoded string, an extra EKU, a
 * bad country code, a negative serial, ...) and records the rules certscan must report for
 * it, with the SBR/RFC section that makes it an error. A CA picks among the defects that
 * apply to a certificate with its own weights, so findings cluster per CA as in real
 * corpora. */
#ifndef CS_GEN_DEFECT_H
#define CS_GEN_DEFECT_H

#include "bench/gen/gen_fill.h"

enum { GEN_DK_SMIME = 1, GEN_DK_TLS = 2 };

typedef struct gen_defect {
    const char *name;
    unsigned kinds;
    /* NULL: applies to every certificate of its kinds. */
    int (*applies)(const gen_ctx *x, const gen_cert *c);
    /* Changes c and adds the expected rules to x->f. */
    void (*apply)(gen_ctx *x, gen_cert *c);
    const char *what; /* one line, with the requirement it breaks */
} gen_defect;

extern const gen_defect gen_defects[];
extern const int gen_num_defects;

/* Picks a defect among those that apply (weighted by the CA's habits, or uniformly when
 * `uniform`), applies it and returns its index; -1 when none applies. */
int gen_defect_apply(gen_ctx *x, gen_cert *c, int uniform);
/* Applies defect `index` if it applies; returns 1 when applied. */
int gen_defect_apply_one(gen_ctx *x, gen_cert *c, int index);
/* Index of a defect by name, or -1. */
int gen_defect_find(const char *name);

#endif
