/* Compares the generator's expected findings (expected.tsv) with a certscan report
 * (`certscan scan --format json --all-cas`): every CA's certificate count and every (CA, rule)
 * count must match, no CA or rule may appear on one side only, and every entry must have been
 * parsed. Prints the differences; returns 0 when they agree, 1 when not, 2 on unreadable
 * input. */
#ifndef CS_GEN_CHECK_H
#define CS_GEN_CHECK_H

#include <stdio.h>

int gen_check(const char *expected_path, const char *report_path, FILE *out);

#endif
