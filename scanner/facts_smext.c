#include "scanner/facts_smext.h"

#include "scanner/facts.h"

void cs_facts_extract_smext(const cs_x509 *x509, struct cs_facts *out) {
    (void)x509;
    (void)out;
}
