/* Facts: what rules need to know about a certificate, extracted once from its view.
 *
 * A fact is a bit in a numbered column. Per certificate the columns are a small bitset
 * (cs_facts.bits); per batch of 64 certificates they are transposed into one machine word per
 * column (cs_batch.col), so a rule such as "keyUsage present and not critical" is
 * col[KU present] & ~col[KU critical]: 64 certificates in two instructions.
 *
 * Decoded extension values that content rules read (basicConstraints, keyUsage, EKU purposes)
 * are kept beside the bits, so no rule decodes an extension again.
 */
#ifndef CS_FACTS_H
#define CS_FACTS_H

#include <stdint.h>

#include "scanner/facts_algs.h"
#include "scanner/facts_cols.h"
#include "scanner/facts_exts.h"
#include "scanner/facts_gnames.h"
#include "scanner/facts_names.h"
#include "scanner/facts_smalg.h"
#include "scanner/facts_smext.h"
#include "scanner/facts_smsubj.h"
#include "scanner/profile.h"
#include "scanner/x509.h"
#include "scanner/x509_ext.h"

typedef enum cs_kind {
    CS_KIND_SUBSCRIBER = 0, /* end-entity certificate */
    CS_KIND_CA = 1,         /* subordinate or cross CA certificate */
    CS_KIND_ROOT = 2,       /* self-signed CA certificate */
    CS_KIND_COUNT
} cs_kind;

const char *cs_kind_name(cs_kind kind);

/* Core columns (structure, serial, version, validity, kinds); other areas declare theirs in
 * facts_<area>.h within the ranges of facts_cols.h. */
enum {
    CS_COL_PRECERT = CS_COL_CORE_BASE,
    CS_COL_SELF_ISSUED, /* issuer and subject encodings are identical */
    CS_COL_SERIAL_NEGATIVE,
    CS_COL_SERIAL_ZERO,
    CS_COL_SERIAL_TOO_LONG, /* more than 20 content octets */
    CS_COL_SERIAL_NONMINIMAL,
    CS_COL_VERSION_V3,       /* version field says v3 */
    CS_COL_VERSION_PRESENT,  /* version field encoded */
    CS_COL_HAS_EXTENSIONS,   /* the [3] extensions field is present */
    CS_COL_SIG_ALG_MISMATCH, /* signature != signatureAlgorithm (encodings differ) */
    CS_COL_NOT_BEFORE_GENERALIZED_PRE2050,
    CS_COL_NOT_AFTER_GENERALIZED_PRE2050,
    CS_COL_EXT_DUPLICATE,        /* an extension OID appears twice */
    CS_COL_EXT_UNKNOWN_CRITICAL, /* a critical extension certscan does not recognise */
    CS_COL_EXT_MALFORMED,        /* a recognised extension's value does not decode */
    CS_COL_BC_CA,                /* basicConstraints cA TRUE */
    CS_COL_SMIME_SUBSCRIBER,     /* emailProtection EKU and a mailbox in the SAN (or forced) */
    CS_COL_CORE_END_
};
_Static_assert(CS_COL_CORE_END_ <= CS_COL_NAMES_BASE, "too many core columns");

typedef struct cs_facts {
    uint64_t bits[CS_FACT_WORDS];
    uint8_t kind;            /* cs_kind */
    uint8_t precert;         /* carries the CT poison extension (RFC 6962 §3.1) */
    uint8_t profile;         /* cs_profile */
    cs_profile_result smime; /* what profile detection found, and why */
    int64_t not_before;
    int64_t not_after;

    uint64_t ext_malformed;  /* bit per cs_ext_id whose value failed to decode */
    cs_der_error ext_error;  /* the first decode failure */
    uint8_t ext_error_id;    /* the cs_ext_id of the extension it belongs to */
    cs_basic_constraints bc; /* valid when the extension is present and decoded */
    cs_key_usage ku;
    uint32_t eku_mask; /* 1 << cs_eku_id per purpose */

    /* Per-area decoded values (see facts_<area>.h). */
    cs_facts_names names;
    cs_facts_exts exts;
    cs_facts_gnames gnames;
    cs_facts_algs algs;
    cs_facts_smext smext;
    cs_facts_smsubj smsubj;
    cs_facts_smalg smalg;

    /* During a batch's extraction, the batch's transposed columns and this certificate's lane
     * bit: each fact set goes into both at once, so no transposition pass follows. NULL
     * otherwise. */
    uint64_t *columns;
    uint64_t lane;
} cs_facts;

static inline int cs_facts_has(const cs_facts *f, unsigned col) {
    return (int)((f->bits[col / 64] >> (col % 64)) & 1u);
}

static inline void cs_facts_set(cs_facts *f, unsigned col) {
    f->bits[col / 64] |= (uint64_t)1 << (col % 64);
    if (f->columns != NULL) {
        f->columns[col] |= f->lane;
    }
}

/* Records that a recognised extension's value does not decode (reported by
 * rfc5280.extensions.malformed with the first error's position). Area extractors call it too. */
void cs_facts_ext_failed(cs_facts *f, cs_ext_id id, const cs_der_error *err);

/* Extracts the facts of a parsed certificate; `profiles` (may be NULL) carries --profile-map
 * and --profile. */
void cs_facts_extract(const cs_x509 *x509, const cs_profile_config *profiles, cs_facts *out);
/* The same for `n` certificates at once (NULL entries are skipped, their facts untouched). */
void cs_facts_extract_many(const cs_x509 *const *x509, const cs_profile_config *profiles,
                           cs_facts *out, unsigned n);
/* The same for the lanes [first_lane, first_lane + n) of a batch, also setting each fact's bit
 * in `columns` (CS_COL_COUNT words, one bit per lane). */
void cs_facts_extract_lanes(const cs_x509 *const *x509, const cs_profile_config *profiles,
                            cs_facts *out, unsigned n, uint64_t *columns, unsigned first_lane);

/* Profile id for output: "smime.<type>.<generation>", "smime.undetermined", or for other
 * certificates "pkix.subscriber", "pkix.ca", "pkix.root", "pkix.precert". */
const char *cs_facts_profile_name(const cs_facts *f);

#endif
