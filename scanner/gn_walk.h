/* Walks the GeneralNames of an extension for rule details.
 *
 * The fact extractor (facts_gnames.c) only keeps one bit per kind of problem; when a finding is
 * printed, the rule's detail walks the extension again with cs_gn_walk to name the offending
 * entry. This runs only for printed findings, never on the evaluation path. */
#ifndef CS_GN_WALK_H
#define CS_GN_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/oid.h"
#include "scanner/x509.h"
#include "scanner/x509_ext.h"

typedef enum cs_gn_place {
    CS_GN_PLACE_LIST,       /* subjectAltName / issuerAltName entry */
    CS_GN_PLACE_PERMITTED,  /* nameConstraints permittedSubtrees base */
    CS_GN_PLACE_EXCLUDED,   /* nameConstraints excludedSubtrees base */
    CS_GN_PLACE_DP_NAME,    /* DistributionPoint fullName entry */
    CS_GN_PLACE_CRL_ISSUER, /* DistributionPoint cRLIssuer entry */
    CS_GN_PLACE_ACCESS      /* AccessDescription accessLocation */
} cs_gn_place;

typedef struct cs_gn_visit {
    cs_gn_place place;
    unsigned item;             /* DistributionPoint, AccessDescription or subtree, from 0 */
    cs_misc_oid_id method;     /* accessMethod, for CS_GN_PLACE_ACCESS */
    const cs_subtree *subtree; /* for the name constraint places */
    const cs_general_name *gn;
} cs_gn_visit;

/* Returns nonzero to stop the walk. */
typedef int (*cs_gn_visitor)(const cs_gn_visit *v, void *arg);

/* Visits every GeneralName of every instance of extension `id` (subjectAltName, issuerAltName,
 * nameConstraints, cRLDistributionPoints, freshestCRL, authority/subject information access).
 * Returns the visitor's nonzero value, or 0. Content that does not decode ends the walk (it is
 * reported by rfc5280.extensions.malformed). */
int cs_gn_walk(const cs_x509 *x, cs_ext_id id, cs_gn_visitor fn, void *arg);

/* Set in cs_gn_name_flags for a name with an empty value. */
#define CS_GN_EMPTY_VALUE 0x80000000u

/* The check flags the fact extractor computes for this name in its place: CS_DNS_* for dNSName,
 * CS_MBX_* for rfc822Name, CS_URI_* (or, in name constraints, CS_DNS_*) for URIs, 1 for an
 * iPAddress of the wrong length (CS_IPNC_* in name constraints), CS_SMTP_* for SmtpUTF8Mailbox;
 * plus CS_GN_EMPTY_VALUE. */
uint32_t cs_gn_name_flags(const cs_gn_visit *v);

/* Writes `value` quoted into buf: printable ASCII as is, other octets as \xNN, cut with "..."
 * past about 80 characters. Returns the length written. */
size_t cs_gn_quote(cs_der value, char *buf, size_t len);

/* Writes a GeneralName's value for a sentence: an iPAddress as an address (with "/mask" in name
 * constraints), a directoryName as an RFC 4514-style string, anything else quoted
 * (cs_gn_quote). Returns the length written. */
size_t cs_gn_format(const cs_general_name *gn, char *buf, size_t len);

/* Detail sentence for the first name in extension `id` of type `type` (any type when negative)
 * whose cs_gn_name_flags intersect `mask` (any name of that type when mask is 0): writes
 * "<what>: <form> "<value>"" and returns 1, or writes `what` alone and returns 0. */
int cs_gn_describe_first(const cs_x509 *x, cs_ext_id id, int type, uint32_t mask, const char *what,
                         char *buf, size_t len);

#endif
