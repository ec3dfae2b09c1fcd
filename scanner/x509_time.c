/* UTCTime and GeneralizedTime (X.680 §46-47, RFC 5280 §4.1.2.5) to seconds since the epoch. */
#include "scanner/x509_time.h"

#include <stdio.h>
#include <string.h>

int64_t cs_time_from_civil(int64_t year, unsigned month, unsigned day, unsigned hour,
                           unsigned minute, unsigned second) {
    /* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    unsigned yoe = (unsigned)(year - era * 400);
    unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + (int64_t)doe - 719468;
    return days * 86400 + (int64_t)hour * 3600 + (int64_t)minute * 60 + (int64_t)second;
}

void cs_time_format(int64_t epoch, char *buf, size_t buf_len) {
    int64_t days = epoch >= 0 ? epoch / 86400 : -((-epoch + 86399) / 86400);
    int64_t secs = epoch - days * 86400;
    /* civil_from_days, the inverse of the above. */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(buf, buf_len, "%04lld-%02u-%02uT%02u:%02u:%02uZ", (long long)y, m, d,
             (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
}

static int cs_time_digits(const uint8_t *p, size_t n, unsigned *out) {
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return 0;
        }
        v = v * 10 + (unsigned)(p[i] - '0');
    }
    *out = v;
    return 1;
}

static unsigned cs_days_in_month(int64_t year, unsigned month) {
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
        return 29;
    }
    return days[month - 1];
}

/* Two decimal digits already known to be digits. */
static unsigned cs_time_d2(const uint8_t *p) {
    return (unsigned)(p[0] - '0') * 10 + (unsigned)(p[1] - '0');
}

/* Eight ASCII digits at `p`: every octet's high nibble is 3 and its low nibble at most 9 (adding
 * 6 to such an octet leaves the high nibble alone and cannot carry into the next one). */
static int cs_time_digits8(const uint8_t *p) {
    uint64_t w;
    memcpy(&w, p, sizeof w);
    const uint64_t high = 0xF0F0F0F0F0F0F0F0u, threes = 0x3030303030303030u,
                   sixes = 0x0606060606060606u;
    return (w & high) == threes && ((w + sixes) & high) == threes;
}

/* Four two-digit numbers from eight ASCII digits (already checked to be digits), in the order
 * they appear: each octet becomes its digit, then each even octet gets ten times itself plus
 * the odd octet after it. */
static void cs_time_pairs8(const uint8_t *p, unsigned out[4]) {
    uint64_t w;
    memcpy(&w, p, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    w -= 0x3030303030303030u;
    w = (w * 10 + (w >> 8)) & 0x00FF00FF00FF00FFu;
    out[0] = (unsigned)(w & 0xFF);
    out[1] = (unsigned)(w >> 16 & 0xFF);
    out[2] = (unsigned)(w >> 32 & 0xFF);
    out[3] = (unsigned)(w >> 48 & 0xFF);
}

/* The form nearly every certificate uses, YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ, in one pass.
 * Returns 0 for anything else, which the general parser below then judges. */
static int cs_time_parse_canonical(uint32_t tag, const uint8_t *p, size_t n, int64_t *out) {
    size_t year_len = tag == CS_DER_UTCTIME ? 2 : 4;
    if (n != year_len + 11 || p[n - 1] != 'Z') {
        return 0;
    }
    /* n - 1 digits (12 or 14), eight at a time: two overlapping words cover them. */
    if (!cs_time_digits8(p) || !cs_time_digits8(p + n - 9)) {
        return 0;
    }
    /* q: the last two digits of the year, then MMDDHHMMSS. */
    const uint8_t *q = p + year_len - 2;
    unsigned yymmddhh[4], ddhhmmss[4];
    cs_time_pairs8(q, yymmddhh);
    cs_time_pairs8(q + 4, ddhhmmss);
    unsigned yy = yymmddhh[0];
    int64_t year;
    if (year_len == 2) {
        year = yy >= 50 ? 1900 + yy : 2000 + yy;
    } else {
        year = (int64_t)cs_time_d2(p) * 100 + yy;
    }
    unsigned month = yymmddhh[1], day = yymmddhh[2], hour = yymmddhh[3], minute = ddhhmmss[2],
             second = ddhhmmss[3];
    if (month < 1 || month > 12 || day < 1 || day > cs_days_in_month(year, month) || hour > 23 ||
        minute > 59 || second > 59) {
        return 0;
    }
    *out = cs_time_from_civil(year, month, day, hour, minute, second);
    return 1;
}

int cs_time_parse(uint32_t tag, cs_der content, int64_t *out_epoch, int *out_canonical) {
    const uint8_t *p = content.ptr;
    size_t n = content.len;
    if ((tag == CS_DER_UTCTIME || tag == CS_DER_GENERALIZEDTIME) &&
        cs_time_parse_canonical(tag, p, n, out_epoch)) {
        *out_canonical = 1;
        return 1;
    }
    unsigned year, month, day, hour, minute, second = 0;
    size_t i;
    int64_t full_year;
    if (tag == CS_DER_UTCTIME) {
        if (n < 11 || !cs_time_digits(p, 2, &year)) {
            return 0;
        }
        /* RFC 5280 §4.1.2.5.1: YY >= 50 is 19YY, otherwise 20YY. */
        full_year = year >= 50 ? 1900 + year : 2000 + year;
        i = 2;
    } else if (tag == CS_DER_GENERALIZEDTIME) {
        if (n < 13 || !cs_time_digits(p, 4, &year)) {
            return 0;
        }
        full_year = year;
        i = 4;
    } else {
        return 0;
    }
    if (!cs_time_digits(p + i, 2, &month) || !cs_time_digits(p + i + 2, 2, &day) ||
        !cs_time_digits(p + i + 4, 2, &hour) || !cs_time_digits(p + i + 6, 2, &minute)) {
        return 0;
    }
    i += 8;
    /* Seconds are optional in BER UTCTime and in GeneralizedTime; RFC 5280 requires them. */
    int has_seconds = 0;
    if (i + 2 <= n && p[i] >= '0' && p[i] <= '9') {
        if (!cs_time_digits(p + i, 2, &second)) {
            return 0;
        }
        i += 2;
        has_seconds = 1;
    }
    int has_fraction = 0;
    if (tag == CS_DER_GENERALIZEDTIME && i < n && (p[i] == '.' || p[i] == ',')) {
        size_t start = ++i;
        while (i < n && p[i] >= '0' && p[i] <= '9') {
            i++;
        }
        if (i == start) {
            return 0;
        }
        has_fraction = 1;
    }
    int64_t offset = 0;
    int zulu = 0;
    if (i < n && p[i] == 'Z') {
        zulu = 1;
        i++;
    } else if (i < n && (p[i] == '+' || p[i] == '-')) {
        unsigned oh, om;
        if (i + 5 > n || !cs_time_digits(p + i + 1, 2, &oh) || !cs_time_digits(p + i + 3, 2, &om) ||
            oh > 23 || om > 59) {
            return 0;
        }
        offset = (int64_t)(oh * 3600 + om * 60) * (p[i] == '+' ? 1 : -1);
        i += 5;
    } else if (tag == CS_DER_UTCTIME) {
        return 0; /* UTCTime always carries Z or an offset */
    }
    if (i != n) {
        return 0;
    }
    if (month < 1 || month > 12 || day < 1 || day > cs_days_in_month(full_year, month) ||
        hour > 23 || minute > 59 || second > 59) {
        return 0;
    }
    *out_epoch = cs_time_from_civil(full_year, month, day, hour, minute, second) - offset;
    *out_canonical = zulu && has_seconds && !has_fraction && offset == 0 &&
                     n == (tag == CS_DER_UTCTIME ? 13u : 15u);
    return 1;
}
