/* `certscan rules`: every rule with its metadata, as text or as JSON lines (one object per
 * rule with the keys id, severity, source, citation, description, effective, ineffective,
 * applies, pkilint, zlint). */
#ifndef CS_RULES_OUTPUT_H
#define CS_RULES_OUTPUT_H

#include <stdio.h>

#include "scanner/engine.h"

void cs_rules_write_text(FILE *out, const cs_ruleset *rs);
void cs_rules_write_json(FILE *out, const cs_ruleset *rs);

#endif
