/* A rule's declaration: its metadata and how it is evaluated, in one place.
 *
 * A rule file declares each rule with CS_RULE(name) = { ... }; the linker gathers the
 * declarations (section "cs_rules"), so adding a rule touches no other file. See rules/README.md.
 *
 * A rule is evaluated in one of three ways, chosen by which field is set:
 *   .when     a predicate over fact columns: the certificate has a finding when every column in
 *             `all` is set and no column in `none` is (64 certificates per machine word);
 *   .check    a per-certificate function over the view and its facts, run only for the
 *             certificates the applicability masks keep;
 *   .eval     a batch function that computes the finding mask itself (for vectorised content
 *             checks).
 * The engine applies kind, profile and date applicability; rules never do.
 */
#ifndef CS_RULES_RULE_H
#define CS_RULES_RULE_H

#include <stddef.h>
#include <stdint.h>

#include "scanner/facts.h"
#include "scanner/x509.h"

typedef enum cs_severity {
    CS_SEV_NOTICE = 0,  /* MAY-level, informational, or a sanity check */
    CS_SEV_WARNING = 1, /* SHOULD / SHOULD NOT / RECOMMENDED */
    CS_SEV_ERROR = 2,   /* MUST / MUST NOT / SHALL, or invalid encoding */
    CS_SEV_COUNT
} cs_severity;

const char *cs_severity_name(cs_severity severity);

/* What a rule applies to: certificate kinds (see cs_kind in facts.h). */
#define CS_APPLIES_SUBSCRIBER (1u << CS_KIND_SUBSCRIBER)
#define CS_APPLIES_CA         (1u << CS_KIND_CA)
#define CS_APPLIES_ROOT       (1u << CS_KIND_ROOT)
#define CS_APPLIES_PRECERT    (1u << 8) /* also run on precertificates */
#define CS_APPLIES_ALL_KINDS  (CS_APPLIES_SUBSCRIBER | CS_APPLIES_CA | CS_APPLIES_ROOT)
#define CS_APPLIES_ALL        (CS_APPLIES_ALL_KINDS | CS_APPLIES_PRECERT)

/* A certificate handed to a per-certificate check. */
typedef struct cs_cert_ctx {
    const cs_x509 *x509;
    const cs_facts *facts;
} cs_cert_ctx;

struct cs_batch;

#define CS_RULE_MAX_COLS 4

typedef struct cs_rule {
    const char *id; /* stable, never renamed or reused: "rfc5280.serial.too_long" */
    cs_severity severity;
    const char *source;      /* document and version: "RFC 5280" */
    const char *citation;    /* section: "4.1.2.2" */
    const char *description; /* one line */
    const char
        *effective; /* "YYYY-MM-DD": judged for certificates from this date on; NULL = always */
    const char *ineffective;    /* "YYYY-MM-DD": no longer judged from this date on; NULL = never */
    uint32_t applies;           /* CS_APPLIES_* */
    uint64_t profiles;          /* CS_PROFILE_* bits (facts.h); 0 means every profile */
    const char *const *pkilint; /* equivalent pkilint finding codes, NULL-terminated, or NULL */
    const char *const *zlint;   /* equivalent zlint lint names, NULL-terminated, or NULL */

    struct {
        uint16_t all[CS_RULE_MAX_COLS];  /* columns that must all be set (0 ends the list) */
        uint16_t none[CS_RULE_MAX_COLS]; /* columns that must all be clear */
    } when;
    /* Returns 1 when the certificate has the finding. */
    int (*check)(const cs_cert_ctx *cert);
    /* Returns the finding mask for the lanes in `applicable`. */
    uint64_t (*eval)(const struct cs_batch *batch, uint64_t applicable);
    /* Set on the one rule the parser raises for entries that are not a certificate; the engine
     * never evaluates it. */
    uint8_t raised_by_parser;
    /* Reads Certificate.signatureAlgorithm or signatureValue, which a pre-issuance
     * (`lint --tbs`) certificate lacks or carries only as a placeholder: such rules are skipped
     * there, and the output says so. */
    uint8_t needs_signature;
    /* Optional: a sentence about this certificate's finding (for per-certificate output). */
    void (*detail)(const cs_cert_ctx *cert, char *buf, size_t buf_len);
} cs_rule;

/* Lists for .pkilint / .zlint: CS_NAMES("a", "b"). */
#define CS_NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

#define CS_RULE(name)                                                                              \
    static const cs_rule name;                                                                     \
    __attribute__((used, section("cs_rules"))) static const cs_rule *const name##_registration =   \
        &name;                                                                                     \
    static const cs_rule name

/* All rules linked into the program, in link order (the rule set sorts them by id). */
const cs_rule *const *cs_rules_linked(size_t *out_count);

#endif
