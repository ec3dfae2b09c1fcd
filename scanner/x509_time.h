/* Time values of certificates: parsing and formatting. */
#ifndef CS_X509_TIME_H
#define CS_X509_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/der.h"

/* Parses UTCTime or GeneralizedTime content. Accepts the BER forms certificates are seen with
 * (no seconds, fractions, offsets) so that rules can report them; *out_canonical says whether
 * the value has RFC 5280's form (YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ). Returns 0 if it is no date. */
int cs_time_parse(uint32_t tag, cs_der content, int64_t *out_epoch, int *out_canonical);

/* Seconds since the epoch of a proleptic Gregorian date and time (UTC). */
int64_t cs_time_from_civil(int64_t year, unsigned month, unsigned day, unsigned hour,
                           unsigned minute, unsigned second);

/* Writes "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void cs_time_format(int64_t epoch, char *buf, size_t buf_len);

#endif
