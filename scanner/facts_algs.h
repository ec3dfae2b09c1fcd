/* Facts about signature and public key algorithms: parameter encodings, key sizes and forms. */
#ifndef CS_FACTS_ALGS_H
#define CS_FACTS_ALGS_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_ALGS_FIRST_ = CS_COL_ALGS_BASE - 1,
    /* columns go here, one per fact */
    CS_COL_ALGS_END_
};
_Static_assert(CS_COL_ALGS_END_ <= CS_COL_SMIME_BASE, "too many algs columns");

/* Decoded values rules of this area read (kept so that no rule decodes anything again). */
typedef struct cs_facts_algs {
    uint8_t unused_;
} cs_facts_algs;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_algs(const cs_x509 *x509, struct cs_facts *out);

#endif
