/* `scan --ccadb`: how many certificates got a CA owner, and how (scanner/owners.h).
 *
 * A tally wraps a worker's own batch callback (the aggregate's): it looks every parsed
 * certificate up in the owner database, counts the outcome, then hands the batch on. One tally
 * per worker, merged at the end, so no counter is shared between threads. The lookup needs each
 * certificate's SHA-256, which a plain `scan` does not compute: it costs a hash per certificate
 * only when --ccadb is given. */
#ifndef CS_OWNER_TALLY_H
#define CS_OWNER_TALLY_H

#include <stdint.h>
#include <stdio.h>

#include "scanner/owners.h"
#include "scanner/scan.h"

typedef struct cs_owner_tally {
    const cs_owner_db *db;
    cs_scan_batch_fn inner;
    void *inner_state;
    uint64_t certificates; /* parsed certificates looked up */
    uint64_t by_fingerprint;
    uint64_t by_issuer;
} cs_owner_tally;

/* A cs_scan_batch_fn whose state is a cs_owner_tally. */
int cs_owner_tally_batch(void *tally, const cs_scan_batch *b, cs_buf *out);
void cs_owner_tally_merge(cs_owner_tally *into, const cs_owner_tally *from);
/* The report section, text; and as JSON members (",\"ca_owners\":{...}") for the scan report. */
void cs_owner_tally_text(FILE *out, const cs_owner_tally *t);
void cs_owner_tally_json(FILE *out, const void *tally);

#endif
