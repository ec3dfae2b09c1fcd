/* Content sniffing: which format a buffer is in. Never looks at file names. */
#ifndef CS_IO_DETECT_H
#define CS_IO_DETECT_H

#include <stddef.h>
#include <stdint.h>

#include "io/input.h"

/* Returns CT_JSON, CT_TILES, CCADB, LDIF, PEM, DER or BASE64_LINES, or AUTO when the content is
 * in no known format (including when it is empty or only whitespace; see cs_detect_is_blank).
 * Checked in this order: '{' or '[' first with a "leaf_input" key makes CT JSON; a first
 * TileLeaf whose timestamp, entry type, lengths and certificate header make sense makes CT
 * tiles; a first line that is a CSV header naming a PEM or "SHA-256 Fingerprint" column makes
 * CCADB (io/ccadb.h); a first record line "version:" or "dn:" makes LDIF; any
 * "-----BEGIN " makes PEM; a first byte 0x30 with a plausible DER header makes DER; a first
 * non-blank line starting with "MI" (base64 of 0x30 0x8X, a SEQUENCE with a long-form length)
 * makes base64 lines. */
cs_input_format cs_detect_format(const uint8_t *buf, size_t len);

/* 1 when buf holds nothing but whitespace. */
int cs_detect_is_blank(const uint8_t *buf, size_t len);

/* 1 for the bytes trimmed around base64 lines and skipped in PEM bodies. */
static inline int cs_is_space(uint8_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

#endif
