#include "tests/support/tcert_gnames.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"
#include "tests/support/lintone.h"

static void tgn_str(derb *b, uint32_t tag, const char *s) {
    derb_prim(b, tag, s, strlen(s));
}

void tgn_dns(derb *b, const char *name) {
    tgn_str(b, CS_DER_CONTEXT(2), name);
}

void tgn_rfc822(derb *b, const char *name) {
    tgn_str(b, CS_DER_CONTEXT(1), name);
}

void tgn_uri(derb *b, const char *uri) {
    tgn_str(b, CS_DER_CONTEXT(6), uri);
}

void tgn_ip(derb *b, const uint8_t *octets, size_t len) {
    derb_prim(b, CS_DER_CONTEXT(7), octets, len);
}

void tgn_dirname(derb *b, const char *cn) {
    derb_open(b, CS_DER_CONTEXT_CONS(4));
    derb_open(b, CS_DER_SEQUENCE);
    if (cn != NULL) {
        derb_open(b, CS_DER_SET);
        derb_open(b, CS_DER_SEQUENCE);
        derb_oid(b, "2.5.4.6");
        derb_str(b, CS_DER_PRINTABLESTRING, "US");
        derb_close(b);
        derb_close(b);
        derb_open(b, CS_DER_SET);
        derb_open(b, CS_DER_SEQUENCE);
        derb_oid(b, "2.5.4.3");
        derb_str(b, CS_DER_UTF8STRING, cn);
        derb_close(b);
        derb_close(b);
    }
    derb_close(b);
    derb_close(b);
}

void tgn_dirname_tcert(derb *b, const char *cn) {
    static const struct {
        const char *oid;
        uint32_t tag;
        const char *value;
    } rdn[] = {{"2.5.4.6", CS_DER_PRINTABLESTRING, "US"},
               {"2.5.4.10", CS_DER_UTF8STRING, "certscan tests"},
               {"2.5.4.3", CS_DER_UTF8STRING, NULL}};
    derb_open(b, CS_DER_CONTEXT_CONS(4));
    derb_open(b, CS_DER_SEQUENCE);
    for (size_t i = 0; i < sizeof rdn / sizeof rdn[0]; i++) {
        derb_open(b, CS_DER_SET);
        derb_open(b, CS_DER_SEQUENCE);
        derb_oid(b, rdn[i].oid);
        derb_str(b, rdn[i].tag, rdn[i].value != NULL ? rdn[i].value : cn);
        derb_close(b);
        derb_close(b);
    }
    derb_close(b);
    derb_close(b);
}

void tgn_rid(derb *b, const char *oid) {
    uint8_t content[64];
    size_t len = derb_oid_bytes(oid, content, sizeof content);
    derb_prim(b, CS_DER_CONTEXT(8), content, len);
}

void tgn_x400(derb *b) {
    derb_open(b, CS_DER_CONTEXT_CONS(3));
    derb_open(b, CS_DER_SEQUENCE);
    derb_close(b);
    derb_close(b);
}

void tgn_edi(derb *b, const char *party) {
    derb_open(b, CS_DER_CONTEXT_CONS(5));
    derb_open(b, CS_DER_CONTEXT_CONS(1));
    derb_str(b, CS_DER_UTF8STRING, party);
    derb_close(b);
    derb_close(b);
}

void tgn_other(derb *b, const char *oid, uint32_t tag, const void *value, size_t len) {
    derb_open(b, CS_DER_CONTEXT_CONS(0));
    derb_oid(b, oid);
    derb_open(b, CS_DER_CONTEXT_CONS(0));
    derb_prim(b, tag, value, len);
    derb_close(b);
    derb_close(b);
}

void tgn_smtp(derb *b, const char *mailbox) {
    tgn_other(b, TGN_OID_SMTPUTF8, CS_DER_UTF8STRING, mailbox, strlen(mailbox));
}

void tgn_add(tcert *t, tgn_bag *bag, const char *oid, int critical, derb *b) {
    if (b->failed || b->depth != 0 || bag->n >= TCERT_MAX_EXTS) {
        abort();
    }
    size_t len;
    uint8_t *bytes = derb_take(b, &len);
    bag->buf[bag->n++] = bytes;
    tcert_add_ext(t, oid, critical, bytes, len);
}

void tgn_bag_free(tgn_bag *bag) {
    for (int i = 0; i < bag->n; i++) {
        free(bag->buf[i]);
    }
    bag->n = 0;
}

int tgn_lint(const tcert *t, const char *rule) {
    size_t len;
    uint8_t *der = tcert_build(t, &len);
    int r = lintone(der, len, rule, NULL);
    free(der);
    return r;
}

int tgn_lint_one_name(const tcert *t, const char *oid, int critical,
                      void (*write)(derb *b, const char *value), const char *value,
                      const char *rule) {
    tcert copy = *t;
    tgn_bag bag = {0};
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    write(&b, value);
    derb_close(&b);
    tgn_add(&copy, &bag, oid, critical, &b);
    int r = tgn_lint(&copy, rule);
    tgn_bag_free(&bag);
    derb_free(&b);
    return r;
}
