/* LDAP Data Interchange Format (RFC 2849): certificates from directory dumps.
 *
 * An entry is yielded for each value of userCertificate or cACertificate (RFC 4523; with or
 * without ";binary", by name or OID 2.5.4.36 / 2.5.4.37) written in base64 ("::"), folded lines
 * included; several values per LDIF entry give several entries. Its position is the line of the
 * attribute; rejections also name the line of the entry's "dn:". userSMIMECertificate values
 * (PKCS #7 SignedData, RFC 2798) are counted as skipped, not read. Other attributes, comments,
 * "version:" and change records' "-" lines are passed over; a line that is none of these (a
 * continuation line missing its leading space, or one after a blank line) is an
 * input.ldif_syntax rejection, one per run of such lines.
 */
#ifndef CS_IO_LDIF_H
#define CS_IO_LDIF_H

#include <stddef.h>
#include <stdint.h>

typedef struct cs_ldif_state {
    uint64_t dn_line; /* line of the current entry's "dn:", 0 before any */
} cs_ldif_state;

/* 1 when the first line that is not blank or a comment starts with "version:" or "dn:". */
int cs_ldif_detect(const uint8_t *buf, size_t len);

struct cs_framer;
struct cs_raw_entry;
int cs_ldif_next(struct cs_framer *f, struct cs_raw_entry *out);

#endif
