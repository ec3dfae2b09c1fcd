#include "scanner/tbs.h"

#include "scanner/der.h"

/* The tag and content start of the outer SEQUENCE's first element, or 0 when the bytes do not
 * start with a definite-length SEQUENCE. Only the header is read: the parse checks the rest. */
static int cs_tbs_first_inner_tag(const uint8_t *der, size_t len, uint8_t *tag) {
    if (len < 2 || der[0] != 0x30) {
        return 0;
    }
    size_t at = 2;
    if (der[1] & 0x80) {
        at += der[1] & 0x7f;
    }
    if (at >= len) {
        return 0;
    }
    *tag = der[at];
    return 1;
}

cs_tbs_form cs_tbs_detect(const uint8_t *der, size_t len) {
    uint8_t tag;
    if (!cs_tbs_first_inner_tag(der, len, &tag)) {
        return CS_TBS_FORM_UNKNOWN;
    }
    switch (tag) {
    case 0xa0: /* [0] EXPLICIT version */
    case 0x02: /* serialNumber of a v1 TBSCertificate */
        return CS_TBS_FORM_TBS;
    case 0x30: /* tbsCertificate */
        return CS_TBS_FORM_CERTIFICATE;
    default:
        return CS_TBS_FORM_UNKNOWN;
    }
}

const char *cs_tbs_form_name(cs_tbs_form form) {
    switch (form) {
    case CS_TBS_FORM_TBS:
        return "tbs";
    case CS_TBS_FORM_CERTIFICATE:
        return "certificate";
    default:
        return "unknown";
    }
}

int cs_tbs_parse(cs_x509 *out, const uint8_t *der, size_t len, cs_der_error *err) {
    if (cs_tbs_detect(der, len) == CS_TBS_FORM_TBS) {
        return cs_x509_parse_tbs(out, der, len, err);
    }
    return cs_x509_parse(out, der, len, err);
}
