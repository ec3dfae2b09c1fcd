/* Facts about extensions made of GeneralNames: subjectAltName, issuerAltName, nameConstraints,
 * cRLDistributionPoints, freshestCRL, authority/subject information access. */
#ifndef CS_FACTS_GNAMES_H
#define CS_FACTS_GNAMES_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_GNAMES_FIRST_ = CS_COL_GNAMES_BASE - 1,
    /* columns go here, one per fact */
    CS_COL_GNAMES_END_
};
_Static_assert(CS_COL_GNAMES_END_ <= CS_COL_ALGS_BASE, "too many gnames columns");

/* Decoded values rules of this area read (kept so that no rule decodes anything again). */
typedef struct cs_facts_gnames {
    uint8_t unused_;
} cs_facts_gnames;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_gnames(const cs_x509 *x509, struct cs_facts *out);

#endif
