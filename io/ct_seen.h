/* The set of chain certificates already yielded in a scan (--chains), keyed by SHA-256 of their
 * DER, shared by every reader thread: a mutex around an open-addressing table. Chain
 * certificates are few (the CAs of a log) and looked up once per CT entry, so one lock is cheap.
 */
#ifndef CS_IO_CT_SEEN_H
#define CS_IO_CT_SEEN_H

#include <stdint.h>

typedef struct cs_ct_seen cs_ct_seen;

cs_ct_seen *cs_ct_seen_new(void);
void cs_ct_seen_free(cs_ct_seen *s);
/* Adds the fingerprint: 1 when it is new, 0 when it was there, -1 when memory ran out. */
int cs_ct_seen_add(cs_ct_seen *s, const uint8_t sha256[32]);

#endif
