/* Profile detection: kinds, S/MIME type and generation from reserved OIDs, profile maps,
 * forced profiles and the recorded reason. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "scanner/facts.h"
#include "tests/support/derb.h"
#include "tests/support/tcert.h"

typedef struct built {
    uint8_t *value[4];
    size_t len[4];
} built;

/* certificatePolicies with the given dotted OIDs. */
static void policies(derb *b, const char *const *oids) {
    derb_init(b);
    derb_open(b, CS_DER_SEQUENCE);
    for (size_t i = 0; oids[i] != NULL; i++) {
        derb_open(b, CS_DER_SEQUENCE);
        derb_oid(b, oids[i]);
        derb_close(b);
    }
    derb_close(b);
}

static void eku(derb *b, const char *oid) {
    derb_init(b);
    derb_open(b, CS_DER_SEQUENCE);
    derb_oid(b, oid);
    derb_close(b);
}

static void san_email(derb *b, const char *mailbox) {
    derb_init(b);
    derb_open(b, CS_DER_SEQUENCE);
    derb_str(b, CS_DER_CONTEXT(1), mailbox);
    derb_close(b);
}

/* Builds a subscriber certificate with optional policies, EKU and SAN mailbox and returns the
 * detected facts. */
static cs_facts detect(const char *const *oids, const char *eku_oid, const char *mailbox,
                       const cs_profile_config *cfg) {
    tcert t;
    tcert_defaults(&t);
    derb cp, ek, sn;
    memset(&cp, 0, sizeof cp);
    memset(&ek, 0, sizeof ek);
    memset(&sn, 0, sizeof sn);
    if (oids != NULL) {
        policies(&cp, oids);
        tcert_add_ext(&t, "2.5.29.32", 0, cp.buf, cp.len);
    }
    if (eku_oid != NULL) {
        eku(&ek, eku_oid);
        tcert_add_ext(&t, "2.5.29.37", 0, ek.buf, ek.len);
    }
    if (mailbox != NULL) {
        san_email(&sn, mailbox);
        tcert_add_ext(&t, "2.5.29.17", 0, sn.buf, sn.len);
    }
    size_t len;
    uint8_t *der = tcert_build(&t, &len);
    cs_x509 *x = malloc(sizeof *x);
    cs_der_error err;
    cr_assert(cs_x509_parse(x, der, len, &err));
    cs_facts f;
    cs_facts_extract(x, cfg, &f);
    free(x);
    free(der);
    derb_free(&cp);
    derb_free(&ek);
    derb_free(&sn);
    return f;
}

#define EMAIL_PROTECTION "1.3.6.1.5.5.7.3.4"
#define SERVER_AUTH      "1.3.6.1.5.5.7.3.1"

Test(profile, reserved_oids_give_type_and_generation) {
    static const struct {
        const char *oid;
        const char *name;
    } cases[] = {
        {"2.23.140.1.5.1.1", "smime.mailbox.legacy"},
        {"2.23.140.1.5.1.3", "smime.mailbox.strict"},
        {"2.23.140.1.5.2.2", "smime.organization.multipurpose"},
        {"2.23.140.1.5.3.3", "smime.sponsor.strict"},
        {"2.23.140.1.5.4.1", "smime.individual.legacy"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *oids[] = {"1.3.6.1.4.1.99999.1", cases[i].oid, NULL};
        cs_facts f = detect(oids, EMAIL_PROTECTION, "a@example.com", NULL);
        cr_assert_str_eq(cs_facts_profile_name(&f), cases[i].name);
        cr_assert_eq(f.smime.why, CS_PROFILE_WHY_RESERVED_OID);
        cr_assert_eq(f.smime.num_reserved_oids, 1);
        cr_assert(cs_facts_has(&f, CS_COL_SMIME_SUBSCRIBER));
    }
}

Test(profile, reserved_oid_without_eku_is_still_smime) {
    const char *oids[] = {"2.23.140.1.5.3.2", NULL};
    cs_facts f = detect(oids, NULL, NULL, NULL);
    cr_assert_str_eq(cs_facts_profile_name(&f), "smime.sponsor.multipurpose");
    cr_assert_not(f.smime.has_mailbox);
}

Test(profile, email_protection_without_reserved_oid_is_undetermined) {
    const char *oids[] = {"1.3.6.1.4.1.99999.1", NULL};
    cs_facts f = detect(oids, EMAIL_PROTECTION, "a@example.com", NULL);
    cr_assert_str_eq(cs_facts_profile_name(&f), "smime.undetermined");
    cr_assert_eq(f.smime.why, CS_PROFILE_WHY_NONE);
    cr_assert(cs_facts_has(&f, CS_COL_SMIME_SUBSCRIBER));
}

Test(profile, tls_and_plain_certificates_are_pkix) {
    const char *oids[] = {"2.23.140.1.2.1", NULL};
    cs_facts f = detect(oids, SERVER_AUTH, NULL, NULL);
    cr_assert_str_eq(cs_facts_profile_name(&f), "pkix.subscriber");
    cr_assert_not(cs_facts_has(&f, CS_COL_SMIME_SUBSCRIBER));
    /* emailProtection without any mailbox is not an S/MIME certificate (SBR 1.1). */
    f = detect(NULL, EMAIL_PROTECTION, NULL, NULL);
    cr_assert_str_eq(cs_facts_profile_name(&f), "pkix.subscriber");
}

Test(profile, two_reserved_oids_are_counted) {
    const char *oids[] = {"2.23.140.1.5.1.3", "2.23.140.1.5.2.3", NULL};
    cs_facts f = detect(oids, EMAIL_PROTECTION, "a@example.com", NULL);
    cr_assert_eq(f.smime.num_reserved_oids, 2);
    cr_assert_str_eq(cs_facts_profile_name(&f), "smime.mailbox.strict");
}

Test(profile, map_and_forced) {
    char path[] = "/tmp/certscan-map-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    const char text[] = "# private OIDs of Example CA\n1.3.6.1.4.1.99999.7 = SPONSORED-STRICT\n\n"
                        "1.3.6.1.4.1.99999.8=smime.organization.legacy\n";
    cr_assert_eq(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    cs_profile_config *cfg = calloc(1, sizeof *cfg);
    char err[256];
    cr_assert(cs_profile_config_load_map(cfg, path, err, sizeof err), "%s", err);
    cr_assert_eq(cfg->num_map, 2);
    const char *oids[] = {"1.3.6.1.4.1.99999.7", NULL};
    cs_facts f = detect(oids, EMAIL_PROTECTION, "a@example.com", cfg);
    cr_assert_str_eq(cs_facts_profile_name(&f), "smime.sponsor.strict");
    cr_assert_eq(f.smime.why, CS_PROFILE_WHY_MAP);
    /* A reserved OID wins over the map. */
    const char *both[] = {"1.3.6.1.4.1.99999.7", "2.23.140.1.5.4.2", NULL};
    f = detect(both, EMAIL_PROTECTION, "a@example.com", cfg);
    cr_assert_str_eq(cs_facts_profile_name(&f), "smime.individual.multipurpose");
    cr_assert_eq(f.smime.why, CS_PROFILE_WHY_RESERVED_OID);
    /* Forced: every certificate, whatever it carries. */
    cfg->forced = 1;
    cr_assert(cs_profile_parse("mailbox-strict", &cfg->forced_profile));
    f = detect(NULL, SERVER_AUTH, NULL, cfg);
    cr_assert_str_eq(cs_facts_profile_name(&f), "smime.mailbox.strict");
    cr_assert_eq(f.smime.why, CS_PROFILE_WHY_FORCED);
    free(cfg);

    /* Bad lines are reported with file and line. */
    fd = open(path, O_WRONLY | O_TRUNC);
    const char bad[] = "1.3.6.1.4.1.99999.7=SPONSORED-STRICT\nnot-an-oid=MAILBOX-LEGACY\n";
    cr_assert_eq(write(fd, bad, sizeof bad - 1), (ssize_t)(sizeof bad - 1));
    close(fd);
    cfg = calloc(1, sizeof *cfg);
    cr_assert_not(cs_profile_config_load_map(cfg, path, err, sizeof err));
    cr_assert_not_null(strstr(err, ":2: "), "%s", err);
    free(cfg);
    unlink(path);
}

Test(profile, names_and_aliases) {
    cs_profile p;
    cr_assert(cs_profile_parse("SPONSORED-STRICT", &p));
    cr_assert_eq(p, CS_PROFILE_SMIME_SPONSOR_STRICT);
    cr_assert(cs_profile_parse("smime.individual.legacy", &p));
    cr_assert_eq(cs_profile_smime_type(p), CS_SMIME_INDIVIDUAL);
    cr_assert_eq(cs_profile_smime_generation(p), CS_SMIME_LEGACY);
    cr_assert_not(cs_profile_parse("smime.sponsor.lenient", &p));
    for (unsigned t = 1; t <= 4; t++) {
        for (unsigned g = 1; g <= 3; g++) {
            cs_profile q = cs_profile_smime((cs_smime_type)t, (cs_smime_generation)g);
            cr_assert_eq(cs_profile_smime_type(q), (int)t);
            cr_assert_eq(cs_profile_smime_generation(q), (int)g);
        }
    }
}
