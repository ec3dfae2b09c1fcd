/* Expected notices of a certificate's design (see gen_notice.c). */
#ifndef CS_GEN_NOTICE_H
#define CS_GEN_NOTICE_H

#include "bench/gen/gen_fill.h"

/* Adds to x->f the notices certscan reports for features of `c` that are not defects. */
void gen_expect_design(gen_ctx *x, const gen_cert *c);

#endif
