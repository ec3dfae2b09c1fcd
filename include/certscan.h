/* libcertscan: lint X.509 certificates from C.
 *
 *   cs_lib *lib = cs_lib_open(&options, err, sizeof err);   once; share it between threads
 *   cs_lib_findings *f;
 *   cs_lib_lint_der(lib, der, der_len, &f);                 per certificate, any thread
 *   for (size_t i = 0; i < cs_lib_findings_count(f); i++) ... cs_lib_finding_rule(f, i) ...
 *   cs_lib_findings_free(f);
 *   cs_lib_close(lib);
 *
 * Thread safety: a cs_lib is read-only after cs_lib_open (apart from atomic counters), so any
 * number of threads may lint with the same handle at once. The library keeps no global mutable
 * state of its own. Two per-thread caches (decoded extension judgements, and elliptic-curve
 * arithmetic contexts for key checks) are created on a thread's first lint and freed when that
 * thread exits; cs_lib_thread_cleanup() frees the calling thread's caches earlier (for the main
 * thread, or before unloading). The shared library is linked with -z nodelete, so it is never
 * unmapped while such a thread-exit destructor is pending.
 *
 * Link with `pkg-config --cflags --libs certscan` (shared) or `pkg-config --static ...`.
 */
#ifndef CERTSCAN_H
#define CERTSCAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CS_LIB_API __attribute__((visibility("default")))
#else
#define CS_LIB_API
#endif

#define CS_LIB_VERSION "0.1.0"

typedef struct cs_lib cs_lib;
typedef struct cs_lib_findings cs_lib_findings;

typedef enum cs_lib_severity {
    CS_LIB_NOTICE = 0,
    CS_LIB_WARNING = 1,
    CS_LIB_ERROR = 2
} cs_lib_severity;

typedef enum cs_lib_status {
    CS_LIB_LIVE = 0,   /* a finding */
    CS_LIB_WAIVED = 1, /* a finding a waiver of the policy file covers */
    CS_LIB_SKIPPED = 2 /* not judged: the rule needs a real signature (tbs mode) */
} cs_lib_status;

typedef struct cs_lib_options {
    /* Judge by the rules in force at this time (seconds since the epoch) instead of at each
     * certificate's notBefore. */
    int has_as_of;
    int64_t as_of;
    /* Judge every certificate as this profile ("smime.sponsor.strict", "SPONSORED-STRICT");
     * NULL: detect it. */
    const char *profile;
    /* A file of OID=PROFILE lines mapping a CA's private policy OIDs; NULL for none. */
    const char *profile_map;
    /* A policy file (waivers, per-CA rule settings; docs/policy.md); NULL for none. */
    const char *policy;
    /* Waiver expiry is judged at this time (seconds since the epoch); 0: now. */
    int64_t now;
    /* Pre-issuance: accept a bare TBSCertificate or a certificate with a throw-away or dummy
     * signature, and skip the rules that need a real signature. */
    int tbs;
} cs_lib_options;

/* Builds the rule set. `options` may be NULL for the defaults. Returns NULL with a message in
 * errbuf when an option or file is invalid or memory ran out. */
CS_LIB_API cs_lib *cs_lib_open(const cs_lib_options *options, char *errbuf, size_t errlen);
CS_LIB_API void cs_lib_close(cs_lib *lib);

/* Lints one DER certificate (or TBSCertificate in tbs mode). Returns 0 and sets *out (free it
 * with cs_lib_findings_free) on success, including when the bytes are not a certificate: that is
 * reported as the finding x509.unparseable. Returns -1 when memory ran out (*out is NULL). */
CS_LIB_API int cs_lib_lint_der(const cs_lib *lib, const uint8_t *der, size_t len,
                               cs_lib_findings **out);

CS_LIB_API size_t cs_lib_findings_count(const cs_lib_findings *f);
/* The certificate's profile id ("pkix.subscriber", "smime.mailbox.strict", "none"). */
CS_LIB_API const char *cs_lib_findings_profile(const cs_lib_findings *f);
/* Finding i (0 <= i < count), in rule id order. Strings live until cs_lib_findings_free; free
 * every findings list before cs_lib_close (a waiver's ticket belongs to the handle). */
CS_LIB_API const char *cs_lib_finding_rule(const cs_lib_findings *f, size_t i);
CS_LIB_API cs_lib_severity cs_lib_finding_severity(const cs_lib_findings *f, size_t i);
CS_LIB_API const char *cs_lib_finding_citation(const cs_lib_findings *f, size_t i);
CS_LIB_API const char *cs_lib_finding_message(const cs_lib_findings *f, size_t i);
CS_LIB_API cs_lib_status cs_lib_finding_status(const cs_lib_findings *f, size_t i);
/* For a waived finding, the waiver's ticket reference; else NULL. */
CS_LIB_API const char *cs_lib_finding_waiver_ticket(const cs_lib_findings *f, size_t i);
CS_LIB_API void cs_lib_findings_free(cs_lib_findings *f);

/* "error", "warning", "notice". */
CS_LIB_API const char *cs_lib_severity_name(cs_lib_severity severity);
/* Frees the calling thread's caches (they are rebuilt if it lints again). */
CS_LIB_API void cs_lib_thread_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif
