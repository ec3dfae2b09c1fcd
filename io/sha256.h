/* SHA-256 of a buffer, for certificate fingerprints (lint output, waiver scopes). */
#ifndef CS_IO_SHA256_H
#define CS_IO_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define CS_SHA256_LEN 32

void cs_sha256(const uint8_t *data, size_t len, uint8_t out[CS_SHA256_LEN]);
/* 64 lowercase hex digits and a NUL. */
void cs_sha256_hex(const uint8_t *data, size_t len, char out[2 * CS_SHA256_LEN + 1]);

#endif
