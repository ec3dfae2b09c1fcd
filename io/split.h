/* Where a large text file may be cut so that several threads frame its parts independently and
 * find exactly the entries one pass over the whole file finds.
 *
 * A cut must be a place where framing is between entries whatever came before it:
 * - base64 lines: any line start. Each line is one entry, a line longer than the window is
 *   skipped to its end, so no entry crosses a line end.
 * - PEM: a "-----BEGIN " marker at the start of a line. A BEGIN ends any block still open (it is
 *   reported unterminated there, also when skipped as too large), and what follows an END
 *   marker is only looked at up to the end of its line, so a BEGIN that starts a line always
 *   starts a new block. (A BEGIN elsewhere may be swallowed by a malformed END line before it.)
 * - DER cannot be cut: nothing marks where an element starts, and a certificate's bytes may
 *   look like any header. gzip and zlib cannot be cut either: inflating needs everything before
 *   (and the file's offsets are not the content's). Both are read whole, by one reader.
 * A range that a cut ends knows a BEGIN follows (cs_framer.ends_at_begin): its last block is
 * unterminated "before the next BEGIN", and too large when it fits the window only without that
 * marker, as in one pass. fuzz/fuzz_stream.c checks that reading the ranges between such cuts
 * gives the same entries as one pass.
 */
#ifndef CS_IO_SPLIT_H
#define CS_IO_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "io/input.h"

/* The first cut in [from, to) of the file open as fd (read with pread, the file position is
 * left alone), for PEM or base64 lines; `to` when there is none (or on a read error). */
uint64_t cs_split_boundary(int fd, cs_input_format format, uint64_t from, uint64_t to);

/* The same over bytes in memory (text[0..len) is the whole file). */
uint64_t cs_split_boundary_mem(const uint8_t *text, size_t len, cs_input_format format,
                               uint64_t from, uint64_t to);

#endif
