/* Facts about S/MIME algorithm encodings and key checks (SBR 7.1.3, 6.1.5, 6.1.6) and S/MIME CA certificates (7.1.2.1, 7.1.2.2). */
#ifndef CS_FACTS_SMALG_H
#define CS_FACTS_SMALG_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_SMALG_FIRST_ = CS_COL_SMALG_BASE - 1,
    /* columns go here, one per fact */
    CS_COL_SMALG_END_
};
_Static_assert(CS_COL_SMALG_END_ <= CS_COL_COUNT, "too many smalg columns");

/* Decoded values rules of this area read (kept so that no rule decodes anything again). */
typedef struct cs_facts_smalg {
    uint8_t unused_;
} cs_facts_smalg;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_smalg(const cs_x509 *x509, struct cs_facts *out);

#endif
