/* Thread-safe text for errno values (the scanner reads inputs from several threads). */
#ifndef CS_IO_SYSERR_H
#define CS_IO_SYSERR_H

#include <stddef.h>

/* Writes the message for `err` into buf and returns buf. */
const char *cs_syserr(int err, char *buf, size_t len);

#endif
