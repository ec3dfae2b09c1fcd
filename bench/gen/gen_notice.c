/* Notices a certificate carries by design: certscan reports them (severity notice) on
 * certificates that break no requirement, so the expectations must count them too. They are
 * derived from the final certificate description, after any defect. */
#include "bench/gen/gen_notice.h"

void gen_expect_design(gen_ctx *x, const gen_cert *c) {
    for (int i = 0; i < c->num_pol; i++) {
        if (c->ext[GEN_X_CP].present && (c->pol[i].cps != NULL || c->pol[i].notice != NULL)) {
            /* RFC 5280 §4.2.1.4 recommends policy OIDs without qualifiers. */
            gen_findings_add(x->f, "rfc5280.policies.has_qualifier");
        }
    }
    if (gen_cert_find_attr(c, GEN_AT_EMAIL) >= 0) {
        /* RFC 5280 §4.1.2.6: emailAddress in the subject is deprecated (still permitted). */
        gen_findings_add(x->f, "rfc5280.subject.email_address_deprecated");
    }
    if (x->profile >= 0 && (c->ext[GEN_X_MS_TEMPLATE].present || c->ext[GEN_X_PRIVATE].present)) {
        /* SBR §7.1.2.4: an extension 7.1.2.3 does not list, documented by the CA. */
        gen_findings_add(x->f, "smime.ext.unspecified");
    }
}
