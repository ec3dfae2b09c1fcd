/* Word lists for realistic names: people, organisations, places and domains per country. Every
 * value is safe for the string type the generator picks for it (gen_names_printable says when
 * a PrintableString may hold it). */
#ifndef CS_GEN_NAMES_H
#define CS_GEN_NAMES_H

#include <stddef.h>

#include "bench/gen/gen_rng.h"

typedef struct gen_person_name {
    const char *display; /* UTF-8 */
    const char *ascii;   /* lowercase ASCII transliteration, for mailbox local parts */
} gen_person_name;

typedef struct gen_country {
    const char *code;       /* ISO 3166-1 alpha-2 */
    const char *vat_prefix; /* the VAT scheme's country part (EL for Greece) */
    const char *tld;
    const char *const *cities;
    const char *const *states;   /* NULL: none used */
    const char *const *suffixes; /* legal-form suffixes */
    const char *postal_format;   /* '9' digit, 'A' letter, others literal */
} gen_country;

extern const gen_country gen_countries[];
extern const size_t gen_num_countries;

const gen_person_name *gen_given_name(gen_rng *r);
const gen_person_name *gen_surname(gen_rng *r);
const char *gen_org_word(gen_rng *r);
/* An organisation word with non-ASCII letters: `display` as written, `ascii` holding its
 * lowercase UTF-8 form (the U-label an IDN domain is made from). */
const gen_person_name *gen_org_word_idn(gen_rng *r);
const char *gen_org_kind(gen_rng *r); /* "Logistik", "Systems", ... */
const char *gen_street_word(gen_rng *r);
const char *gen_title(gen_rng *r);
const char *gen_pick(gen_rng *r, const char *const *list); /* NULL-terminated list */

/* 1 when every octet is in the PrintableString alphabet (X.680 §41.4). */
int gen_names_printable(const char *s, size_t n);
/* Lowercase letters and digits of s, others dropped or turned into '-' (for domain labels);
 * returns the length written (at most cap - 1). */
size_t gen_names_slug(const char *s, char *out, size_t cap);

#endif
