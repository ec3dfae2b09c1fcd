/* Internationalised domain labels as A-labels (RFC 5890): "xn--" and the Punycode (RFC 3492)
 * of the lowercase U-label, so names with umlauts appear as real CAs write them in dNSName,
 * rfc822Name and SmtpUTF8Mailbox domains (RFC 9549, RFC 9598). */
#ifndef CS_GEN_IDNA_H
#define CS_GEN_IDNA_H

#include <stddef.h>

/* Writes the A-label of a lowercase UTF-8 label (or the label itself when it is ASCII) into
 * out; returns its length, 0 when it does not fit or the UTF-8 is malformed. */
size_t gen_idna_label(const char *utf8, char *out, size_t cap);

#endif
