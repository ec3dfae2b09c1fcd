/* RFC 5280 §4.1 and App. B: how an Extension's own fields are encoded (DER, X.690 §11). */
#include <stdio.h>

#include "rules/rule.h"

static void ext_name(const cs_x509_ext *e, char *buf, size_t len) {
    if (e->id != CS_EXT_UNKNOWN) {
        snprintf(buf, len, "%s", cs_ext_name((cs_ext_id)e->id));
    } else if (cs_der_oid_to_string(e->oid, buf, len) == 0) {
        snprintf(buf, len, "an extension");
    }
}

static void critical_false_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    for (unsigned i = 0; i < x->num_exts; i++) {
        if (x->ext[i].critical_encoded_false) {
            char name[96];
            ext_name(&x->ext[i], name, sizeof name);
            snprintf(buf, len, "%s encodes critical FALSE instead of omitting it", name);
            return;
        }
    }
    buf[0] = '\0';
}

CS_RULE(rfc5280_extension_encoding_critical_false) = {
    .id = "rfc5280.extension_encoding.critical_false",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1",
    .description = "An extension's critical field equal to its DEFAULT (FALSE) MUST be omitted "
                   "in DER (X.690 §11.5), not encoded.",
    .effective = "2008-05-01",
    .applies = CS_APPLIES_ALL,
    .zlint = CS_NAMES("e_cert_ext_invalid_der"),
    .when = {.all = {CS_COL_EXT_CRITICAL_FALSE}},
    .detail = critical_false_detail,
};

static void critical_not_der_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    for (unsigned i = 0; i < x->num_exts; i++) {
        if (x->ext[i].critical_not_der) {
            char name[96];
            ext_name(&x->ext[i], name, sizeof name);
            snprintf(buf, len, "%s: critical BOOLEAN is neither 0x00 nor 0xFF", name);
            return;
        }
    }
    buf[0] = '\0';
}

CS_RULE(rfc5280_extension_encoding_critical_not_der) = {
    .id = "rfc5280.extension_encoding.critical_not_der",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.1",
    .description = "An extension's critical BOOLEAN MUST be DER: TRUE is 0xFF (X.690 §11.1).",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EXT_CRITICAL_NOT_DER}},
    .detail = critical_not_der_detail,
};
