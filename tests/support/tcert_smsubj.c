#include "tests/support/tcert_smsubj.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"
#include "tests/support/lintone.h"
#include "tests/support/tcert.h"
#include "tests/support/tcert_gnames.h"

const cs_profile tss_profiles_13[13] = {
    CS_PROFILE_SMIME_MAILBOX_LEGACY,
    CS_PROFILE_SMIME_MAILBOX_MULTIPURPOSE,
    CS_PROFILE_SMIME_MAILBOX_STRICT,
    CS_PROFILE_SMIME_ORGANIZATION_LEGACY,
    CS_PROFILE_SMIME_ORGANIZATION_MULTIPURPOSE,
    CS_PROFILE_SMIME_ORGANIZATION_STRICT,
    CS_PROFILE_SMIME_SPONSOR_LEGACY,
    CS_PROFILE_SMIME_SPONSOR_MULTIPURPOSE,
    CS_PROFILE_SMIME_SPONSOR_STRICT,
    CS_PROFILE_SMIME_INDIVIDUAL_LEGACY,
    CS_PROFILE_SMIME_INDIVIDUAL_MULTIPURPOSE,
    CS_PROFILE_SMIME_INDIVIDUAL_STRICT,
    CS_PROFILE_SMIME_UNDETERMINED,
};

void tss_add(tss_subject *s, const char *oid, uint32_t tag, const char *value) {
    if (s->n >= TSS_MAX_ATTRS) {
        abort();
    }
    s->a[s->n] = (tn_atv){oid, tag != 0 ? tag : CS_DER_UTF8STRING, value, 0, 0};
    s->n++;
    s->a[s->n] = (tn_atv){NULL, 0, NULL, 0, 0};
}

void tss_remove(tss_subject *s, const char *oid) {
    size_t w = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->a[i].oid, oid) != 0) {
            s->a[w++] = s->a[i];
        }
    }
    s->n = w;
    s->a[s->n] = (tn_atv){NULL, 0, NULL, 0, 0};
}

void tss_set(tss_subject *s, const char *oid, uint32_t tag, const char *value) {
    int found = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->a[i].oid, oid) == 0) {
            s->a[i].tag = tag != 0 ? tag : CS_DER_UTF8STRING;
            s->a[i].value = value;
            s->a[i].len = 0;
            found = 1;
        }
    }
    if (!found) {
        tss_add(s, oid, tag, value);
    }
}

void tss_default_subject(cs_profile p, tss_subject *s) {
    memset(s, 0, sizeof *s);
    switch (cs_profile_smime_type(p)) {
    case CS_SMIME_ORGANIZATION:
        tss_add(s, TSS_OID_C, CS_DER_PRINTABLESTRING, "DE");
        tss_add(s, TSS_OID_O, 0, "Example GmbH");
        tss_add(s, TSS_OID_ORGID, CS_DER_PRINTABLESTRING, "VATDE-123456789");
        tss_add(s, TSS_OID_CN, 0, "Example GmbH");
        break;
    case CS_SMIME_SPONSOR:
        tss_add(s, TSS_OID_C, CS_DER_PRINTABLESTRING, "DE");
        tss_add(s, TSS_OID_O, 0, "Example GmbH");
        tss_add(s, TSS_OID_ORGID, CS_DER_PRINTABLESTRING, "VATDE-123456789");
        tss_add(s, TSS_OID_GIVEN, 0, "Alice");
        tss_add(s, TSS_OID_SN, 0, "Smith");
        tss_add(s, TSS_OID_CN, 0, "Alice Smith");
        break;
    case CS_SMIME_INDIVIDUAL:
        tss_add(s, TSS_OID_C, CS_DER_PRINTABLESTRING, "DE");
        tss_add(s, TSS_OID_GIVEN, 0, "Alice");
        tss_add(s, TSS_OID_SN, 0, "Smith");
        tss_add(s, TSS_OID_CN, 0, "Alice Smith");
        break;
    default:
        tss_add(s, TSS_OID_CN, 0, TSS_MAILBOX);
        break;
    }
}

uint8_t *tss_build(const tss_spec *s, size_t *out_len) {
    tcert t;
    tcert_defaults(&t);
    if (s->not_before != NULL) {
        t.not_before = s->not_before;
        t.not_after = "291201000000Z";
    }
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);

    /* keyUsage digitalSignature (P-256 key), EKU emailProtection. */
    static const uint8_t ku_ds[] = {0x03, 0x02, 0x07, 0x80};
    tcert_add_ext(&t, "2.5.29.15", 1, ku_ds, sizeof ku_ds);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "1.3.6.1.5.5.7.3.4");
    derb_close(&b);
    tgn_add(&t, &bag, "2.5.29.37", 0, &b);

    int type = cs_profile_smime_type(s->profile), gen = cs_profile_smime_generation(s->profile);
    if (type != 0) {
        char oid[32];
        snprintf(oid, sizeof oid, "2.23.140.1.5.%d.%d", type, gen);
        derb_open(&b, CS_DER_SEQUENCE);
        derb_open(&b, CS_DER_SEQUENCE);
        derb_oid(&b, oid);
        derb_close(&b);
        derb_close(&b);
        tgn_add(&t, &bag, "2.5.29.32", 0, &b);
    }
    if (!s->no_san) {
        static const char *const def[] = {TSS_MAILBOX, NULL};
        const char *const *mb = s->san_mailboxes != NULL ? s->san_mailboxes : def;
        derb_open(&b, CS_DER_SEQUENCE);
        for (size_t i = 0; !s->san_none && mb[i] != NULL; i++) {
            tgn_rfc822(&b, mb[i]);
        }
        if (s->san_extra != NULL) {
            s->san_extra(&b, s->san_extra_arg);
        }
        derb_close(&b);
        tgn_add(&t, &bag, "2.5.29.17", 0, &b);
    }
    if (s->lei_ext != NULL) {
        tcert_add_ext(&t, TSS_OID_LEI, 0, s->lei_ext, s->lei_ext_len);
    }
    tss_subject def;
    const tss_subject *subj = s->subj;
    if (subj == NULL) {
        tss_default_subject(s->profile, &def);
        subj = &def;
    }
    tn_opts o = {.subject = subj->a, .empty_subject = subj->n == 0};
    uint8_t *der = tn_build(&t, &o, out_len);
    tgn_bag_free(&bag);
    derb_free(&b);
    return der;
}

int tss_lint(const tss_spec *s, const char *rule) {
    size_t len;
    uint8_t *der = tss_build(s, &len);
    int r = lintone(der, len, rule, NULL);
    free(der);
    return r;
}
