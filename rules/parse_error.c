/* The finding for an entry that is not a well-formed certificate. The parser raises it, so that
 * per-certificate output and aggregates name unparseable entries like any other finding. */
#include "rules/rule.h"

CS_RULE(certscan_unparseable) = {
    .id = "x509.unparseable",
    .severity = CS_SEV_ERROR,
    .source = "RFC 5280 / ITU-T X.690",
    .citation = "4.1",
    .description = "The entry is not a DER-encoded Certificate (RFC 5280 4.1 ASN.1, X.690 DER "
                   "rules); the detail names the structure and byte offset.",
    .applies = CS_APPLIES_ALL,
    .raised_by_parser = 1,
};
