/* Facts about S/MIME subscriber extensions (SBR 7.1.2.3, 7.1.2.4), keyUsage per key type and generation, EKU, policy identifiers, validity periods and serial numbers. */
#ifndef CS_FACTS_SMEXT_H
#define CS_FACTS_SMEXT_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_SMEXT_FIRST_ = CS_COL_SMEXT_BASE - 1,
    /* columns go here, one per fact */
    CS_COL_SMEXT_END_
};
_Static_assert(CS_COL_SMEXT_END_ <= CS_COL_SMSUBJ_BASE, "too many smext columns");

/* Decoded values rules of this area read (kept so that no rule decodes anything again). */
typedef struct cs_facts_smext {
    uint8_t unused_;
} cs_facts_smext;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_smext(const cs_x509 *x509, struct cs_facts *out);

#endif
