/* Facts about extension contents: key identifiers, keyUsage, basicConstraints, extKeyUsage,
 * certificate policies, policy mappings and constraints, subjectDirectoryAttributes, CT. */
#ifndef CS_FACTS_EXTS_H
#define CS_FACTS_EXTS_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_EXTS_FIRST_ = CS_COL_EXTS_BASE - 1,
    /* columns go here, one per fact */
    CS_COL_EXTS_END_
};
_Static_assert(CS_COL_EXTS_END_ <= CS_COL_GNAMES_BASE, "too many exts columns");

/* Decoded values rules of this area read (kept so that no rule decodes anything again). */
typedef struct cs_facts_exts {
    uint8_t unused_;
} cs_facts_exts;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_exts(const cs_x509 *x509, struct cs_facts *out);

#endif
