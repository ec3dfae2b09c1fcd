#include "scanner/facts_gnames.h"

#include "scanner/facts.h"

void cs_facts_extract_gnames(const cs_x509 *x509, struct cs_facts *out) {
    (void)x509;
    (void)out;
}
