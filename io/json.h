/* Writing JSON text: string escaping (RFC 8259 §7). */
#ifndef CS_IO_JSON_H
#define CS_IO_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "io/buf.h"

/* Writes `len` bytes as a quoted JSON string. Bytes that are not valid UTF-8 are written as
 * \u00XX of the byte, so output is always valid JSON. */
void cs_json_string_n(FILE *out, const char *text, size_t len);
void cs_json_string(FILE *out, const char *text);
/* The same into a buffer (lint lines are rendered by workers, away from any FILE). */
void cs_json_buf_string_n(cs_buf *out, const char *text, size_t len);
void cs_json_buf_string(cs_buf *out, const char *text);

#endif
