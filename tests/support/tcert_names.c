#include "tests/support/tcert_names.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"
#include "tests/support/derb.h"

static void tn_name_into(derb *b, const tn_atv *list) {
    derb_open(b, CS_DER_SEQUENCE);
    int rdn_open = 0;
    for (size_t i = 0; list != NULL && list[i].oid != NULL; i++) {
        const tn_atv *a = &list[i];
        if (!(a->same_rdn && rdn_open)) {
            if (rdn_open) {
                derb_close(b);
            }
            derb_open(b, CS_DER_SET);
            rdn_open = 1;
        }
        if (a->oid[0] == '\0') {
            continue; /* an empty RDN */
        }
        derb_open(b, CS_DER_SEQUENCE);
        derb_oid(b, a->oid);
        derb_prim(b, a->tag, a->value, a->len != 0 ? a->len : strlen(a->value));
        derb_close(b);
    }
    if (rdn_open) {
        derb_close(b);
    }
    derb_close(b);
}

uint8_t *tn_name(const tn_atv *list, size_t *out_len) {
    derb b;
    derb_init(&b);
    tn_name_into(&b, list);
    if (b.failed || b.depth != 0) {
        abort();
    }
    return derb_take(&b, out_len);
}

/* Reads the next element of `cur` whole (header and content). */
static cs_der tn_next(cs_der *cur) {
    cs_der element, content;
    uint32_t tag;
    cs_der_error err = {.base = cur->ptr};
    if (!cs_der_get_any(cur, &tag, &element, &content, &err, "tn")) {
        abort();
    }
    return element;
}

static uint32_t tn_peek(const cs_der *cur) {
    uint32_t tag = 0;
    cs_der_peek_tag(cur, &tag);
    return tag;
}

uint8_t *tn_build(const tcert *t, const tn_opts *o, size_t *out_len) {
    size_t len;
    uint8_t *orig = tcert_build(t, &len);
    cs_der_error err = {.base = orig};
    cs_der cur = {orig, len}, cert, tbs;
    if (!cs_der_get(&cur, CS_DER_SEQUENCE, &cert, &err, "tn") ||
        !cs_der_get(&cert, CS_DER_SEQUENCE, &tbs, &err, "tn")) {
        abort();
    }
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    if (tn_peek(&tbs) == CS_DER_CONTEXT_CONS(0)) {
        cs_der v = tn_next(&tbs);
        if (o->version_tlv == NULL) {
            derb_raw(&b, v.ptr, v.len);
        }
    }
    if (o->version_tlv != NULL) {
        derb_raw(&b, o->version_tlv, o->version_tlv_len);
    }
    for (int field = 0; field < 6; field++) { /* serial, signature, issuer, validity, subject,
                                                  spki */
        cs_der e = tn_next(&tbs);
        if (field == 2 && o->issuer != NULL) {
            tn_name_into(&b, o->issuer);
        } else if (field == 4 && (o->subject != NULL || o->empty_subject)) {
            tn_name_into(&b, o->empty_subject ? NULL : o->subject);
        } else {
            derb_raw(&b, e.ptr, e.len);
        }
    }
    if (o->issuer_uid != NULL) {
        derb_prim(&b, CS_DER_CONTEXT(1), o->issuer_uid, o->issuer_uid_len);
    }
    if (o->subject_uid != NULL) {
        derb_prim(&b, CS_DER_CONTEXT(2), o->subject_uid, o->subject_uid_len);
    }
    while (tbs.len > 0) {
        cs_der e = tn_next(&tbs);
        derb_raw(&b, e.ptr, e.len);
    }
    derb_close(&b); /* tbsCertificate */
    while (cert.len > 0) {
        cs_der e = tn_next(&cert);
        derb_raw(&b, e.ptr, e.len);
    }
    derb_close(&b);
    free(orig);
    if (b.failed || b.depth != 0) {
        abort();
    }
    return derb_take(&b, out_len);
}
