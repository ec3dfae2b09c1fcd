/* RFC 5280 §4.2: extensions in general. */
#include <stdio.h>

#include "rules/rule.h"

static void duplicate_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    for (unsigned i = 0; i < x->num_exts; i++) {
        for (unsigned j = 0; j < i; j++) {
            if (cs_der_equal(x->ext[i].oid, x->ext[j].oid)) {
                char oid[96];
                cs_der_oid_to_string(x->ext[i].oid, oid, sizeof oid);
                snprintf(buf, len, "extension %s (%s) appears more than once", oid,
                         cs_ext_name((cs_ext_id)x->ext[i].id));
                return;
            }
        }
    }
    snprintf(buf, len, "an extension appears more than once");
}

CS_RULE(rfc5280_extensions_duplicate) = {
    .id = "rfc5280.extensions.duplicate",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2",
    .description = "A certificate MUST NOT include more than one instance of an extension.",
    .applies = CS_APPLIES_ALL,
    .pkilint = CS_NAMES("pkix.duplicate_extension"),
    .zlint = CS_NAMES("e_ext_duplicate_extension"),
    .when = {.all = {CS_COL_EXT_DUPLICATE}},
    .detail = duplicate_detail,
};

static void unknown_critical_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_x509 *x = c->x509;
    for (unsigned i = 0; i < x->num_exts; i++) {
        if (x->ext[i].critical && x->ext[i].id == CS_EXT_UNKNOWN) {
            char oid[96];
            cs_der_oid_to_string(x->ext[i].oid, oid, sizeof oid);
            snprintf(buf, len, "critical extension %s is not recognised", oid);
            return;
        }
    }
    buf[0] = '\0';
}

/* A notice, not an error: 5280 lets a CA mark any extension critical; relying parties that do
 * not recognise it must reject the certificate, which is what users want to hear about. */
CS_RULE(rfc5280_extensions_unknown_critical) = {
    .id = "rfc5280.extensions.unknown_critical",
    .severity = CS_SEV_NOTICE,
    .source = "RFC 5280",
    .citation = "4.2",
    .description = "A critical extension that relying parties are unlikely to recognise: a system "
                   "MUST reject a certificate with an unrecognised critical extension.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EXT_UNKNOWN_CRITICAL}},
    .detail = unknown_critical_detail,
};

static void malformed_detail(const cs_cert_ctx *c, char *buf, size_t len) {
    const cs_facts *f = c->facts;
    unsigned id = f->ext_error_id;
    snprintf(buf, len, "%s: %s at byte %zu (%s)", cs_ext_name((cs_ext_id)id),
             cs_der_status_text(f->ext_error.status), f->ext_error.offset,
             f->ext_error.where != NULL ? f->ext_error.where : "value");
}

CS_RULE(rfc5280_extensions_malformed) = {
    .id = "rfc5280.extensions.malformed",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280",
    .citation = "4.2",
    .description = "An extension's value MUST be the DER encoding of the extension's ASN.1 type.",
    .applies = CS_APPLIES_ALL,
    .when = {.all = {CS_COL_EXT_MALFORMED}},
    .detail = malformed_detail,
};
