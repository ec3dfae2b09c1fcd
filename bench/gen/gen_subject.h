/* Subscriber identities: a person, an organisation with its organizationIdentifier and LEI,
 * and mailbox addresses, drawn from the word lists so that every value is well-formed
 * (identifiers with valid check digits, addresses in RFC 5321 syntax, lowercase domains). */
#ifndef CS_GEN_SUBJECT_H
#define CS_GEN_SUBJECT_H

#include "bench/gen/gen_arena.h"
#include "bench/gen/gen_names.h"
#include "bench/gen/gen_rng.h"

typedef struct gen_identity {
    const gen_person_name *given, *surname;
    const char *full_name; /* "Given Surname" */
    const gen_country *country;
    const char *org;          /* legal name */
    const char *affiliate;    /* another legal name, for OU */
    const char *org_id;       /* organizationIdentifier */
    const char *lei;          /* 20 characters */
    const char *domain;       /* the organisation's (or the mail provider's) domain */
    const char *mailbox;      /* ASCII local part */
    const char *utf8_mailbox; /* non-ASCII local part (SmtpUTF8Mailbox), or NULL */
    const char *city, *state, *street, *postal;
    const char *pseudonym;
} gen_identity;

/* `organization`: the subscriber belongs to an organisation (its domain for mail);
 * `issued`: notBefore, which decides the identifier syntax in force. */
void gen_identity_make(gen_identity *id, gen_arena *a, gen_rng *r, const gen_country *home,
                       int organization, int64_t issued);
/* An ISO 17442 LEI with ISO 7064 MOD 97-10 check digits into out (21 octets). */
void gen_lei(gen_rng *r, char out[21]);

#endif
