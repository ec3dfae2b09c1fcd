/* Facts about the S/MIME subject DN matrix (SBR 7.1.4.2), SAN mailbox rules (7.1.4.2.1), commonName sources, pseudonyms, organizationIdentifier and LEI. */
#ifndef CS_FACTS_SMSUBJ_H
#define CS_FACTS_SMSUBJ_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_SMSUBJ_FIRST_ = CS_COL_SMSUBJ_BASE - 1,
    /* columns go here, one per fact */
    CS_COL_SMSUBJ_END_
};
_Static_assert(CS_COL_SMSUBJ_END_ <= CS_COL_SMALG_BASE, "too many smsubj columns");

/* Decoded values rules of this area read (kept so that no rule decodes anything again). */
typedef struct cs_facts_smsubj {
    uint8_t unused_;
} cs_facts_smsubj;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_smsubj(const cs_x509 *x509, struct cs_facts *out);

#endif
