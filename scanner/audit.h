/* A run's policy: waivers, per-CA and per-profile rule settings, pre-issuance skips, and the
 * tally of what came of every finding (for the exit status and the report).
 *
 * The policy file (`--policy FILE`, JSON; docs/policy.md has the format and an example):
 *
 *   {"waivers": [{"id": "W-17", "rule": "<rule id>", "scope": {...}, "reason": "...",
 *                 "ticket": "SEC-123", "expires": "YYYY-MM-DD"}],
 *    "rules":   [{"scope": {...}, "disable": ["<rule id>", ...], "enable": [...]}]}
 *
 * A scope holds any of "issuer" (the issuer DN as certscan prints it), "issuer_key_id" (the
 * authorityKeyIdentifier keyIdentifier, hex), "profile" (a profile id such as
 * smime.sponsor.strict or pkix.subscriber, or pkilint's name), "sha256" (one certificate); every
 * key given must match. A waiver needs at least one.
 *
 * What becomes of a finding, in order:
 *   - a rule a matching "rules" entry disables (the last matching entry naming the rule wins)
 *     is not a finding; it is counted as disabled;
 *   - under --tbs, a rule that reads the signature is skipped (counted, and listed by lint);
 *   - a finding a current waiver matches is moved from cs_scan_batch.fail to .waived: counted
 *     per severity and per waiver, and shown by lint with the waiver's reason and ticket;
 *   - a finding only an expired waiver (its expiry day is over, UTC) matches stays a finding,
 *     and the waiver is reported with the number of findings it no longer waives;
 *   - a waiver that matched nothing is reported as stale at the end of the run.
 *
 * The policy is read-only once loaded apart from its counters, which are atomics: one policy
 * serves every worker thread.
 */
#ifndef CS_AUDIT_H
#define CS_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scanner/scan.h"

/* An empty policy (no waivers, no settings) over `rules`; `now` judges waiver expiry. */
cs_audit *cs_audit_new(const cs_ruleset *rules, int64_t now);
void cs_audit_free(cs_audit *p);
/* Reads a policy file. On failure returns 0 with "FILE: where: what" in errbuf. */
int cs_audit_load(cs_audit *p, const char *path, char *errbuf, size_t errlen);
/* Skip the rules that need a real signature (lint --tbs). */
void cs_audit_set_tbs(cs_audit *p, int tbs);
int cs_audit_tbs(const cs_audit *p);

/* Applies the policy to an evaluated batch and counts its findings. NULL does nothing. Thread
 * safe. */
void cs_audit_apply(cs_audit *p, cs_scan_batch *b);
/* Zeroes what cs_audit_apply counted, for a scan that starts over (scan --memory). */
void cs_audit_reset_counts(cs_audit *p);

/* The waiver that waived rule `rule` for lane `lane` of an applied batch (for lint output). */
typedef struct cs_waiver_info {
    const char *id;
    const char *reason;
    const char *ticket;
    const char *expires; /* YYYY-MM-DD */
} cs_waiver_info;
int cs_audit_waiver_for(const cs_audit *p, const cs_scan_batch *b, unsigned lane, size_t rule,
                        cs_waiver_info *out);

/* Tallies after the run. */
typedef struct cs_audit_totals {
    uint64_t findings[3]; /* per cs_severity: findings left after settings and waivers */
    uint64_t waived[3];   /* per cs_severity: findings waived */
    uint64_t disabled;    /* findings of rules a setting disabled */
    uint64_t skipped;     /* signature rules skipped (--tbs), per certificate and rule */
    size_t num_waivers;
    size_t num_stale;   /* waivers that matched nothing */
    size_t num_expired; /* waivers past their expiry date */
} cs_audit_totals;
void cs_audit_totals_get(const cs_audit *p, cs_audit_totals *out);

/* The report section: waived counts per waiver, expired and stale waivers, disabled and skipped
 * counts. Text prints nothing when there is no policy to speak of; JSON is one object. */
void cs_audit_report_text(FILE *out, const cs_audit *p);
void cs_audit_report_json(FILE *out, const cs_audit *p);

#endif
