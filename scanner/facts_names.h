/* Facts about issuer and subject names: attribute types, string types and alphabets, lengths, empty
 * values. */
#ifndef CS_FACTS_NAMES_H
#define CS_FACTS_NAMES_H

#include <stdint.h>

#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

enum {
    CS_COL_NAMES_FIRST_ = CS_COL_NAMES_BASE - 1,
    /* columns go here, one per fact */
    CS_COL_NAMES_END_
};
_Static_assert(CS_COL_NAMES_END_ <= CS_COL_EXTS_BASE, "too many names columns");

/* Decoded values rules of this area read (kept so that no rule decodes anything again). */
typedef struct cs_facts_names {
    uint8_t unused_;
} cs_facts_names;

/* Sets this area's columns and values for one certificate. */
void cs_facts_extract_names(const cs_x509 *x509, struct cs_facts *out);

#endif
