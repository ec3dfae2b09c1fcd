/* One certificate's findings as a list: what `lint` prints and what libcertscan returns, built
 * by the same code so both say the same thing.
 *
 * Rules come in id order. A finding is either live, waived (a current waiver took it out of the
 * batch's fail words; its reason and ticket are attached), or, under --tbs, the entry is a rule
 * skipped because it needs a real signature. An entry that did not parse has one live finding,
 * x509.unparseable, saying what is wrong and where.
 */
#ifndef CS_FINDINGS_H
#define CS_FINDINGS_H

#include <stddef.h>

#include "scanner/audit.h"
#include "scanner/scan.h"

typedef enum cs_finding_status {
    CS_FINDING_LIVE = 0,
    CS_FINDING_WAIVED,
    CS_FINDING_SKIPPED /* not judged: needs a signature (--tbs) */
} cs_finding_status;

typedef struct cs_finding {
    const cs_rule *rule;
    cs_finding_status status;
    cs_waiver_info waiver; /* when waived */
    char citation[128];    /* "<source> §<section>" */
    char detail[512];
} cs_finding;

typedef struct cs_finding_list {
    cs_finding *item;
    size_t n;
    size_t cap;
    int failed; /* memory ran out: the list is short */
} cs_finding_list;

void cs_finding_list_free(cs_finding_list *l);
/* Replaces the list's contents with the findings of lane `lane` of an evaluated (and
 * policy-applied) batch. `policy` may be NULL. Returns 0 when memory ran out. */
int cs_findings_collect(const cs_ruleset *rules, const cs_audit *policy, const cs_scan_batch *b,
                        unsigned lane, cs_finding_list *out);

/* For an entry that did not parse: "<what> at byte N (<where>)" or the reader's reason. */
void cs_findings_unparseable_detail(const cs_scan_entry *it, char *buf, size_t len);

#endif
