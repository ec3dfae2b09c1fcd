/* Pre-issuance linting (`certscan lint --tbs`, SBR §4.3.1.2): a CA lints what it is about to
 * sign. Three forms are accepted, told apart by their first bytes, never by an option:
 *
 *   - a bare TBSCertificate: a SEQUENCE whose first element is the [0] version or the serial
 *     INTEGER;
 *   - a Certificate signed with a throw-away key, or
 *   - a Certificate with a dummy signatureValue: both a SEQUENCE whose first element is the
 *     tbsCertificate SEQUENCE.
 *
 * In every form the signature is not the one the certificate will carry, so the rules that read
 * signatureAlgorithm or signatureValue (cs_rule.needs_signature) are skipped, and lint output
 * lists them as skipped with the reason.
 */
#ifndef CS_TBS_H
#define CS_TBS_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/x509.h"

typedef enum cs_tbs_form {
    CS_TBS_FORM_UNKNOWN = 0, /* neither: parsed as a Certificate, which reports what is wrong */
    CS_TBS_FORM_TBS,         /* a bare TBSCertificate */
    CS_TBS_FORM_CERTIFICATE  /* a Certificate with a throw-away or dummy signature */
} cs_tbs_form;

/* Tells the forms apart from the DER's first bytes. */
cs_tbs_form cs_tbs_detect(const uint8_t *der, size_t len);
/* "tbs", "certificate" ("unknown" for neither). */
const char *cs_tbs_form_name(cs_tbs_form form);

/* Parses either form into a view; a bare TBSCertificate leaves the signature fields empty. */
int cs_tbs_parse(cs_x509 *out, const uint8_t *der, size_t len, cs_der_error *err);

#define CS_TBS_SKIP_REASON "no signature: pre-issuance (--tbs) input"

#endif
