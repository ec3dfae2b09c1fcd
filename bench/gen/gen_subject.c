#include "bench/gen/gen_subject.h"

#include "bench/gen/gen_idna.h"

#include <stdio.h>
#include <string.h>

#define GEN_DATE_V109 1747180800LL /* 2025-05-14: SBR 1.0.9, German NTR references as EUID */

void gen_lei(gen_rng *r, char out[21]) {
    static const char *const lous[] = {"5493", "2138", "9695", "8156", "3912", "7245"};
    static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    memcpy(out, lous[gen_rng_below(r, 6)], 4);
    out[4] = '0';
    out[5] = '0';
    for (int i = 6; i < 18; i++) {
        out[i] = alnum[gen_rng_below(r, 36)];
    }
    /* ISO 7064 MOD 97-10 over the 18 characters (letters as 10..35) followed by "00" */
    unsigned m = 0;
    for (int i = 0; i < 18; i++) {
        unsigned v = out[i] <= '9' ? (unsigned)(out[i] - '0') : (unsigned)(out[i] - 'A' + 10);
        m = v < 10 ? (m * 10 + v) % 97 : (m * 100 + v) % 97;
    }
    m = (m * 100) % 97;
    unsigned check = 98 - m;
    out[18] = (char)('0' + check / 10);
    out[19] = (char)('0' + check % 10);
    out[20] = '\0';
}

static const char *gen_digits(gen_arena *a, gen_rng *r, int n) {
    char buf[32];
    buf[0] = (char)('1' + gen_rng_below(r, 9));
    for (int i = 1; i < n && i < 31; i++) {
        buf[i] = (char)('0' + gen_rng_below(r, 10));
    }
    buf[n < 31 ? n : 31] = '\0';
    return gen_arena_strdup(a, buf);
}

static const char *gen_postal(gen_arena *a, gen_rng *r, const char *format) {
    char buf[16];
    size_t i = 0;
    for (; format[i] != '\0' && i + 1 < sizeof buf; i++) {
        char f = format[i];
        buf[i] = f == '9'   ? (char)('0' + gen_rng_below(r, 10))
                 : f == 'A' ? (char)('A' + gen_rng_below(r, 26))
                            : f;
    }
    buf[i] = '\0';
    return gen_arena_strdup(a, buf);
}

static const char *gen_org_id(gen_arena *a, gen_rng *r, const gen_country *c, const char *lei,
                              int64_t issued) {
    /* SBR App. A.1 schemes, roughly as often as they appear in practice */
    uint64_t pick = gen_rng_below(r, 20);
    if (pick <= 1) {
        return gen_arena_printf(a, "LEIXG-%s", lei);
    }
    if (pick == 6) {
        /* PSD2 authorisation number, ETSI TS 119 495 §5.2.1: PSD + country + NCA id */
        return gen_arena_printf(a, "PSD%s-CB-%s", c->code, gen_digits(a, r, 8));
    }
    if (pick == 7) {
        /* Note 2: no registration reference; a state government adds its subdivision */
        if (c->states != NULL && gen_rng_chance(r, 0.5)) {
            /* ISO 3166-2 subdivisions of the countries with states in gen_names.c */
            static const char *const de[] = {"BY", "NW", "BE", NULL};
            static const char *const us[] = {"TX", "WA", "CA", NULL};
            static const char *const ca[] = {"ON", "QC", "BC", NULL};
            const char *const *list = strcmp(c->code, "DE") == 0   ? de
                                      : strcmp(c->code, "US") == 0 ? us
                                                                   : ca;
            return gen_arena_printf(a, "GOV%s+%s", c->code, gen_pick(r, list));
        }
        return gen_arena_printf(a, "GOV%s", c->code);
    }
    if (pick <= 5) {
        if (strcmp(c->code, "DE") == 0) {
            static const char *const courts[] = {"D2601V", "K1101R", "F1103R", "B1101R"};
            if (issued >= GEN_DATE_V109 || gen_rng_chance(r, 0.5)) {
                return gen_arena_printf(a, "NTRDE-DE%s.HRB%s", courts[gen_rng_below(r, 4)],
                                        gen_digits(a, r, 5));
            }
            return gen_arena_printf(a, "NTRDE-HRB%s", gen_digits(a, r, 5));
        }
        if (strcmp(c->code, "US") == 0) {
            /* US companies register with a state, not nationally (App. A.1 subdivision form) */
            static const char *const states[] = {"DE", "CA", "NY", "TX", NULL};
            return gen_arena_printf(a, "NTRUS+%s-%s", gen_pick(r, states), gen_digits(a, r, 7));
        }
        return gen_arena_printf(a, "NTR%s-%s", c->code, gen_digits(a, r, 8));
    }
    return gen_arena_printf(a, "VAT%s-%s", c->vat_prefix, gen_digits(a, r, 9));
}

/* Lowercase ASCII letters and the Latin-1 capitals (U+00C0-U+00DE but U+00D7). */
static const char *gen_utf8_lower(gen_arena *a, const char *s) {
    size_t n = strlen(s);
    char *out = gen_arena_alloc(a, n + 1);
    if (out == NULL) {
        return "";
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c + 32);
        } else if (i > 0 && (unsigned char)s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E &&
                   c != 0x97) {
            c = (unsigned char)(c + 32);
        }
        out[i] = (char)c;
    }
    out[n] = '\0';
    return out;
}

static int gen_has_non_ascii(const char *s) {
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s >= 0x80) {
            return 1;
        }
    }
    return 0;
}

void gen_identity_make(gen_identity *id, gen_arena *a, gen_rng *r, const gen_country *home,
                       int organization, int64_t issued) {
    memset(id, 0, sizeof *id);
    id->country = home != NULL && gen_rng_chance(r, 0.6)
                      ? home
                      : &gen_countries[gen_rng_below(r, gen_num_countries)];
    id->given = gen_given_name(r);
    id->surname = gen_surname(r);
    id->full_name = gen_arena_printf(a, "%s %s", id->given->display, id->surname->display);
    /* now and then an organisation with an internationalised name and domain */
    const gen_person_name *idn = gen_rng_chance(r, 0.08) ? gen_org_word_idn(r) : NULL;
    const char *word = idn != NULL ? idn->display : gen_org_word(r);
    const char *kind = gen_org_kind(r);
    const char *suffix = gen_pick(r, id->country->suffixes);
    id->org = gen_arena_printf(a, "%s %s %s", word, kind, suffix);
    id->affiliate = gen_arena_printf(a, "%s %s %s", gen_org_word(r), gen_org_kind(r), suffix);
    char lei[21];
    gen_lei(r, lei);
    id->lei = gen_arena_strdup(a, lei);
    id->org_id = gen_org_id(a, r, id->country, id->lei, issued);
    char slug[64], kslug[32];
    gen_names_slug(word, slug, sizeof slug);
    gen_names_slug(kind, kslug, sizeof kslug);
    if (idn != NULL) {
        /* the A-label of the whole U-label "bären-logistik" (RFC 5890) */
        char label[128];
        char ulabel[96];
        snprintf(ulabel, sizeof ulabel, "%s-%s", idn->ascii, kslug);
        if (gen_idna_label(ulabel, label, sizeof label) == 0) {
            snprintf(label, sizeof label, "%s", kslug);
        }
        id->domain = gen_arena_printf(a, "%s.%s", label, id->country->tld);
    } else if (organization || gen_rng_chance(r, 0.3)) {
        id->domain = gen_arena_printf(a, "%s-%s.%s", slug, kslug, id->country->tld);
    } else {
        static const char *const providers[] = {"freemail", "posteo",  "mailbox",
                                                "webpost",  "netmail", NULL};
        id->domain = gen_arena_printf(a, "%s.%s", gen_pick(r, providers), id->country->tld);
    }
    switch (gen_rng_below(r, 4)) {
    case 0:
        id->mailbox =
            gen_arena_printf(a, "%s.%s@%s", id->given->ascii, id->surname->ascii, id->domain);
        break;
    case 1:
        id->mailbox =
            gen_arena_printf(a, "%c.%s@%s", id->given->ascii[0], id->surname->ascii, id->domain);
        break;
    case 2:
        id->mailbox =
            gen_arena_printf(a, "%s%s@%s", id->given->ascii, id->surname->ascii, id->domain);
        break;
    default:
        id->mailbox = gen_arena_printf(a, "%s.%s%d@%s", id->given->ascii, id->surname->ascii,
                                       (int)gen_rng_range(r, 1, 99), id->domain);
        break;
    }
    if (gen_has_non_ascii(id->given->display)) {
        id->utf8_mailbox = gen_arena_printf(a, "%s.%s@%s", gen_utf8_lower(a, id->given->display),
                                            id->surname->ascii, id->domain);
    }
    id->city = gen_pick(r, id->country->cities);
    id->state = id->country->states != NULL ? gen_pick(r, id->country->states) : NULL;
    id->street = gen_arena_printf(a, "%s %d", gen_street_word(r), (int)gen_rng_range(r, 1, 180));
    id->postal = gen_postal(a, r, id->country->postal_format);
    id->pseudonym = gen_arena_printf(a, "%s%s", gen_org_word(r), gen_digits(a, r, 3));
}
