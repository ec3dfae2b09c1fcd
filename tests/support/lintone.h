/* Lints one DER certificate through the real engine and tells whether a rule fired. */
#ifndef CS_TEST_LINTONE_H
#define CS_TEST_LINTONE_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/engine.h"

/* 1: the rule has a finding; 0: it has none; -1: the certificate did not parse; -2: no such
 * rule. `options` may be NULL. */
int lintone(const uint8_t *der, size_t len, const char *rule_id, const cs_ruleset_options *options);
/* Number of findings of every rule for this certificate (-1 when it does not parse). */
int lintone_count(const uint8_t *der, size_t len);

#endif
