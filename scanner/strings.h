/* Character checks for the ASN.1 string types of names: one pass over a value tells whether it
 * is a valid value of its type, whether it holds control characters, and how many characters it
 * has (RFC 5280 App. A bounds count characters, not octets).
 *
 * What "valid" means per type:
 *   PrintableString  A-Z a-z 0-9 space ' ( ) + , - . / : = ?   (X.680 §41.4, RFC 5280 App. B)
 *   IA5String        0x00-0x7F                                   (X.680 §41.3: ISO 646 IRV)
 *   VisibleString    0x20-0x7E
 *   NumericString    0-9 and space
 *   UTF8String       RFC 3629: no overlong forms, no surrogates (U+D800-U+DFFF), nothing above
 *                    U+10FFFF, no truncated sequence
 *   BMPString        UCS-2 big-endian: an even number of octets and no surrogate code units
 *   UniversalString  UCS-4 big-endian: a multiple of four octets, at most U+10FFFF, no surrogates
 *   TeletexString    anything (T.61 escapes are not interpreted); octets are characters
 * Control characters are U+0000-U+001F and U+007F-U+009F (C0, DEL and C1, as RFC 6818 §3 lists
 * them); in TeletexString the octets 0x80-0x9F count as C1. Unicode normalisation (NFC) is not
 * checked here.
 *
 * Every entry point has a scalar reference (table lookups, one octet at a time) that the faster
 * variants are tested against. The fast variants only speed up the ASCII-range work (the alphabet
 * classes of octets); multi-octet UTF-8, BMP and Universal decoding is scalar in all of them.
 * cs_str_check uses SSE2 on x86-64 (SWAR elsewhere): on the issuer and subject values of the
 * CCADB corpus it takes about 10 ns per value against 14 for the scalar table
 * (tests/test_strings.c, strings/bench); AVX2's few percent more are within noise, so it is not
 * chosen at run time.
 */
#ifndef CS_STRINGS_H
#define CS_STRINGS_H

#include <stddef.h>
#include <stdint.h>

#define CS_STR_INVALID 0x1u /* not a valid value of its type */
#define CS_STR_CONTROL 0x2u /* holds a control character */

/* Implementations of the octet-class scan. */
typedef enum cs_str_impl {
    CS_STR_IMPL_SCALAR = 0, /* 256-entry table, one octet at a time: the reference */
    CS_STR_IMPL_SWAR,       /* eight octets per 64-bit word for the ASCII classes */
    CS_STR_IMPL_SSE2,       /* sixteen octets per vector (x86-64 only) */
    CS_STR_IMPL_AVX2,       /* thirty-two octets per vector (x86-64 with AVX2 at run time) */
    CS_STR_IMPL_COUNT
} cs_str_impl;

const char *cs_str_impl_name(cs_str_impl impl);
/* 1 when the implementation can run on this machine. */
int cs_str_impl_available(cs_str_impl impl);

/* Checks the content octets of a string of ASN.1 type `tag` (CS_DER_UTF8STRING, ...). Returns
 * CS_STR_* flags and stores the number of characters in *out_chars (may be NULL); for an invalid
 * value the count is a best effort (complete sequences and code units). Tags that are not string
 * types return 0 with the octet count. Uses the implementation chosen for this machine. */
unsigned cs_str_check(uint32_t tag, const uint8_t *p, size_t n, uint32_t *out_chars);

/* The same with a given implementation (for tests and measurements). An implementation that is
 * not available falls back to the scalar one. */
unsigned cs_str_check_with(cs_str_impl impl, uint32_t tag, const uint8_t *p, size_t n,
                           uint32_t *out_chars);

/* The implementation cs_str_check uses. */
cs_str_impl cs_str_impl_default(void);

/* Single checks, also used by tests. */
int cs_str_printable_char(uint8_t c);
/* Length of the valid UTF-8 sequence starting at p (1-4), or 0 when it is not one. */
size_t cs_str_utf8_sequence(const uint8_t *p, size_t n, uint32_t *out_cp);

#endif
