/* Memo of facts that depend only on a few bytes of a certificate.
 *
 * Certificates repeat themselves: a CA writes the same CRL distribution points, AIA URLs,
 * policies and name constraints into everything it issues, and a key recurs in its
 * cross-certificates and renewals. In the 10,229 CCADB certificates only 13% of the CRL
 * distribution point values are distinct, 15% of the AIA values and 20% of the policy values; in a
 * CT log or an LDAP dump of one CA's subscribers the share is far lower. Judging each distinct
 * value once per thread, and replaying the columns it set for the next certificate carrying the
 * same bytes, is where most of the fact extraction time of a large scan goes back.
 *
 * A memoised computation names a kind, the bytes it depends on, and the range of columns it may
 * set. The first time, it runs as usual between cs_memo_lookup (a miss) and cs_memo_save; the
 * save remembers the columns it set in that range and a small result. It is remembered only
 * when the computation was pure: no column outside the range changed (a malformed extension
 * records its error position, which belongs to one certificate), the range was clear before
 * (so every column it sets is seen), and the caller did not mark it context-dependent with
 * cs_memo_forget. The key is compared byte for byte, never by hash alone.
 *
 * The table is per thread (workers never share it), bounded (a fixed number of slots, keys up
 * to CS_MEMO_MAX_KEY bytes) and freed when the thread exits.
 */
#ifndef CS_FACTS_MEMO_H
#define CS_FACTS_MEMO_H

#include <stdint.h>

#include "scanner/der.h"
#include "scanner/facts_cols.h"
#include "scanner/x509.h"

struct cs_facts;

typedef enum cs_memo_kind {
    CS_MEMO_CRLDP = 1,    /* cRLDistributionPoints columns */
    CS_MEMO_FRESHEST,     /* freshestCRL columns */
    CS_MEMO_AIA,          /* authorityInfoAccess columns */
    CS_MEMO_SIA,          /* subjectInfoAccess columns */
    CS_MEMO_NC,           /* nameConstraints columns */
    CS_MEMO_POLICIES,     /* certificatePolicies columns (RFC 5280 area) */
    CS_MEMO_SMALG_CP_SBR, /* S/MIME CA detection: a reserved SBR policy OID is present */
    CS_MEMO_SMALG_CP,     /* S/MIME CA policy columns */
    CS_MEMO_SMALG_CRLDP,  /* S/MIME CA: CRLDP has an http:// URI */
    CS_MEMO_SMALG_AIA,    /* S/MIME CA: AIA has an http:// caIssuers URI */
    CS_MEMO_SMALG_NC,     /* S/MIME CA: nameConstraints columns */
    CS_MEMO_EC_POINT,     /* an EC public key lies on its curve (kind carries the curve) */
    CS_MEMO_EKU,          /* the purposes of an extKeyUsage value that decoded */
    CS_MEMO_PROFILE_CP,   /* profile detection: what the certificatePolicies OIDs declare */
    CS_MEMO_SMEXT_CP,     /* S/MIME subscriber certificatePolicies columns */
    CS_MEMO_SMEXT_CRLDP,  /* S/MIME subscriber cRLDistributionPoints columns */
    CS_MEMO_SMEXT_AIA,    /* S/MIME subscriber authorityInfoAccess columns */
    CS_MEMO_KIND_COUNT_
} cs_memo_kind;

/* Longest key remembered; longer values are judged every time. */
#define CS_MEMO_MAX_KEY 4096
/* Most columns one entry replays. */
#define CS_MEMO_MAX_COLS 6

typedef struct cs_memo_rec {
    uint64_t before[CS_FACT_WORDS];
    uint64_t malformed;
    uint32_t kind;
    uint32_t lo, hi; /* the columns the computation may set: [lo, hi) */
    cs_der key;
    uint64_t hash;
    int active; /* a miss that may still be remembered */
} cs_memo_rec;

/* Looks up (kind, key). On a hit, sets the remembered columns in `f`, stores the remembered
 * result in `*result` (when not NULL) and returns 1. On a miss, starts `rec` and returns 0: the
 * caller computes into `f` and ends with cs_memo_save. `kind` may carry qualifiers above its
 * low byte (an attribute id, a curve). `f` may be NULL for result-only computations. */
int cs_memo_lookup(cs_memo_rec *rec, uint32_t kind, cs_der key, unsigned lo, unsigned hi,
                   struct cs_facts *f, uint32_t *result);

/* The computation depended on more than the key (another field of the certificate): do not
 * remember it. */
static inline void cs_memo_forget(cs_memo_rec *rec) {
    rec->active = 0;
}

/* Ends a miss: remembers the columns the computation set in [lo, hi) and `result`, when it was
 * pure (see above). */
void cs_memo_save(cs_memo_rec *rec, const struct cs_facts *f, uint32_t result);

/* A judgement of one extension value that sets columns in [lo, hi) of `f`; it calls
 * cs_memo_forget(memo) when it reads more of the certificate than the value. */
typedef void (*cs_memo_judge_fn)(const cs_x509 *x, const cs_x509_ext *e, struct cs_facts *f,
                                 cs_memo_rec *memo);

/* Runs `judge` on the value of `e` once per distinct value, replaying its columns after. */
void cs_memo_columns(uint32_t kind, unsigned lo, unsigned hi, const cs_x509 *x,
                     const cs_x509_ext *e, struct cs_facts *f, cs_memo_judge_fn judge);

/* Turns the memo off (0) or on (1, the default) for the calling thread; off, every lookup
 * misses and nothing is saved. Tests compare both ways. */
void cs_memo_set_enabled(int enabled);

/* Forgets everything the calling thread remembered (its statistics too): a benchmark that
 * passes over the same corpus again starts each pass as a first scan of it would. */
void cs_memo_reset(void);
/* Frees the calling thread's table now rather than at thread exit (libcertscan's
 * cs_lib_thread_cleanup); it is made again on next use. */
void cs_memo_thread_cleanup(void);

/* Hits and lookups of the calling thread, for benchmarks. */
void cs_memo_stats(uint64_t *hits, uint64_t *lookups);

#endif
