/* The certificates a scan has counted, shared by every worker: one 64-bit fingerprint per
 * distinct certificate, with two flags saying whether it was seen as a final certificate and
 * as a precertificate.
 *
 * The keys are the aggregate's: a certificate's copy key (cs_agg_copy_key), which only an exact
 * copy shares, and a final certificate's pairing key in a domain of its own (cs_agg_final_key),
 * which its precertificate looks up. The table is split into 4096 stripes by the key's top 12
 * bits, each a small open-addressed table of 8-byte slots behind its own mutex: a worker holds a
 * stripe for one probe, and with 4096 stripes two workers rarely want the same one. The stripe
 * number stands for the top 12 bits, so a slot keeps the next 62 bits and the flags: 74 bits of
 * fingerprint, a false match below 1e-9 for 10 million certificates.
 *
 * Memory: 8 bytes a slot, tables kept between 3/8 and 3/4 full: 11 to 21 bytes per distinct
 * certificate (about 13 on average), plus the 4096 stripe headers (256 KB). */
#ifndef CS_CERTSET_H
#define CS_CERTSET_H

#include <stddef.h>
#include <stdint.h>

#define CS_CERTSET_FINAL   1u /* seen as a certificate */
#define CS_CERTSET_PRECERT 2u /* seen as a precertificate */

typedef struct cs_certset cs_certset;

cs_certset *cs_certset_new(void);
void cs_certset_free(cs_certset *s);
/* Adds `flag` to the key's flags. Returns the flags the key had before (0: new), or -1 when
 * memory ran out. Thread-safe. */
int cs_certset_add(cs_certset *s, uint64_t key, unsigned flag);
/* A hint that `key` is about to be added or looked up: step 0 fetches its stripe into the
 * cache, step 1 (after step 0 for the keys of a whole batch) its slot. Many keys in flight at
 * once hide the two cache misses of a probe, which otherwise wait one after the other.
 * Thread-safe; changes nothing. */
void cs_certset_prefetch(cs_certset *s, uint64_t key, int step);
/* The key's flags (0: absent). Thread-safe. */
unsigned cs_certset_flags(cs_certset *s, uint64_t key);
/* Distinct keys and bytes held, for the README's numbers and tests. */
uint64_t cs_certset_count(cs_certset *s);
uint64_t cs_certset_bytes(cs_certset *s);
/* The same without taking the stripes' locks (a relaxed read of a running total): cheap enough
 * to check once per batch against a memory budget (scanner/membudget.h). */
uint64_t cs_certset_bytes_now(cs_certset *s);

#endif
