/* libcertscan: the public API (include/certscan.h) over the scanner core.
 *
 * A lint is the CLI's pipeline for one certificate: parse (or, in tbs mode, parse either
 * pre-issuance form), extract facts into lane 0 of a batch, evaluate every rule, apply the
 * policy, and collect the findings list with cs_findings_collect, the function `certscan lint`
 * renders its lines from. All per-call memory is allocated per call, so calls on one handle
 * never share mutable memory.
 */
#include "include/certscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scanner/audit.h"
#include "scanner/engine.h"
#include "scanner/facts_memo.h"
#include "scanner/findings.h"
#include "scanner/tbs.h"

struct cs_lib {
    cs_ruleset *rules;
    cs_profile_config *profiles; /* NULL when neither profile nor profile_map is given */
    cs_audit *audit;
    int tbs;
};

struct cs_lib_findings {
    char profile[32];
    cs_finding_list list;
};

CS_LIB_API void cs_lib_close(cs_lib *lib) {
    if (lib == NULL) {
        return;
    }
    cs_audit_free(lib->audit);
    cs_ruleset_free(lib->rules);
    free(lib->profiles);
    free(lib);
}

static cs_lib *cs_lib_fail(cs_lib *lib, char *errbuf, size_t errlen, const char *what) {
    if (what != NULL) {
        snprintf(errbuf, errlen, "%s", what);
    }
    cs_lib_close(lib);
    return NULL;
}

CS_LIB_API cs_lib *cs_lib_open(const cs_lib_options *options, char *errbuf, size_t errlen) {
    cs_lib_options defaults;
    memset(&defaults, 0, sizeof defaults);
    const cs_lib_options *o = options != NULL ? options : &defaults;
    cs_lib *lib = calloc(1, sizeof *lib);
    if (lib == NULL) {
        return cs_lib_fail(NULL, errbuf, errlen, "out of memory");
    }
    cs_ruleset_options ro = {.has_as_of = o->has_as_of, .as_of = o->as_of};
    if ((lib->rules = cs_ruleset_new(&ro, errbuf, errlen)) == NULL) {
        return cs_lib_fail(lib, errbuf, errlen, NULL);
    }
    if (o->profile != NULL || o->profile_map != NULL) {
        if ((lib->profiles = calloc(1, sizeof *lib->profiles)) == NULL) {
            return cs_lib_fail(lib, errbuf, errlen, "out of memory");
        }
        if (o->profile != NULL) {
            if (!cs_profile_parse(o->profile, &lib->profiles->forced_profile) ||
                lib->profiles->forced_profile == CS_PROFILE_PKIX ||
                lib->profiles->forced_profile == CS_PROFILE_SMIME_UNDETERMINED) {
                snprintf(errbuf, errlen, "unknown profile '%s'", o->profile);
                return cs_lib_fail(lib, errbuf, errlen, NULL);
            }
            lib->profiles->forced = 1;
        }
        if (o->profile_map != NULL &&
            !cs_profile_config_load_map(lib->profiles, o->profile_map, errbuf, errlen)) {
            return cs_lib_fail(lib, errbuf, errlen, NULL);
        }
    }
    lib->audit = cs_audit_new(lib->rules, o->now != 0 ? o->now : (int64_t)time(NULL));
    if (lib->audit == NULL) {
        return cs_lib_fail(lib, errbuf, errlen, "out of memory");
    }
    if (o->policy != NULL && !cs_audit_load(lib->audit, o->policy, errbuf, errlen)) {
        return cs_lib_fail(lib, errbuf, errlen, NULL);
    }
    lib->tbs = o->tbs != 0;
    cs_audit_set_tbs(lib->audit, lib->tbs);
    return lib;
}

/* One lint's memory: a batch with one lane in use. */
typedef struct cs_lib_work {
    cs_scan_batch batch;
    cs_scan_entry entry;
} cs_lib_work;

CS_LIB_API int cs_lib_lint_der(const cs_lib *lib, const uint8_t *der, size_t len,
                               cs_lib_findings **out) {
    *out = NULL;
    size_t num_rules = cs_ruleset_count(lib->rules);
    cs_lib_work *w = malloc(sizeof *w);
    cs_lib_findings *f = calloc(1, sizeof *f);
    uint64_t *words = calloc(2 * (num_rules ? num_rules : 1), sizeof *words);
    if (w == NULL || f == NULL || words == NULL) {
        free(w);
        free(f);
        free(words);
        return -1;
    }
    cs_scan_batch *b = &w->batch;
    memset(&w->entry, 0, sizeof w->entry);
    w->entry.input = "(buffer)";
    w->entry.has_der = 1;
    b->n = 1;
    b->fail = words;
    b->waived = words + num_rules;
    b->item[0].entry = &w->entry;
    b->item[0].der = der;
    b->item[0].der_len = len;
    cs_batch_reset(&b->batch, lib->profiles);
    cs_x509 *x = &b->item[0].x509;
    w->entry.parsed = lib->tbs ? cs_tbs_parse(x, der, len, &w->entry.parse_error)
                               : cs_x509_parse(x, der, len, &w->entry.parse_error);
    if (w->entry.parsed) {
        cs_batch_add(&b->batch, x);
    } else {
        cs_batch_add_empty(&b->batch);
    }
    cs_engine_eval(lib->rules, &b->batch, b->fail);
    cs_audit_apply(lib->audit, b);
    int ok = cs_findings_collect(lib->rules, lib->audit, b, 0, &f->list);
    snprintf(f->profile, sizeof f->profile, "%s",
             w->entry.parsed ? cs_facts_profile_name(&b->batch.facts[0]) : "none");
    free(words);
    free(w);
    if (!ok) {
        cs_lib_findings_free(f);
        return -1;
    }
    *out = f;
    return 0;
}

CS_LIB_API size_t cs_lib_findings_count(const cs_lib_findings *f) {
    return f->list.n;
}

CS_LIB_API const char *cs_lib_findings_profile(const cs_lib_findings *f) {
    return f->profile;
}

CS_LIB_API const char *cs_lib_finding_rule(const cs_lib_findings *f, size_t i) {
    return i < f->list.n ? f->list.item[i].rule->id : NULL;
}

CS_LIB_API cs_lib_severity cs_lib_finding_severity(const cs_lib_findings *f, size_t i) {
    return i < f->list.n ? (cs_lib_severity)f->list.item[i].rule->severity : CS_LIB_NOTICE;
}

CS_LIB_API const char *cs_lib_finding_citation(const cs_lib_findings *f, size_t i) {
    return i < f->list.n ? f->list.item[i].citation : NULL;
}

CS_LIB_API const char *cs_lib_finding_message(const cs_lib_findings *f, size_t i) {
    if (i >= f->list.n) {
        return NULL;
    }
    const cs_finding *it = &f->list.item[i];
    return it->detail[0] != '\0' ? it->detail : it->rule->description;
}

CS_LIB_API cs_lib_status cs_lib_finding_status(const cs_lib_findings *f, size_t i) {
    return i < f->list.n ? (cs_lib_status)f->list.item[i].status : CS_LIB_LIVE;
}

CS_LIB_API const char *cs_lib_finding_waiver_ticket(const cs_lib_findings *f, size_t i) {
    return i < f->list.n && f->list.item[i].status == CS_FINDING_WAIVED
               ? f->list.item[i].waiver.ticket
               : NULL;
}

CS_LIB_API void cs_lib_findings_free(cs_lib_findings *f) {
    if (f != NULL) {
        cs_finding_list_free(&f->list);
        free(f);
    }
}

CS_LIB_API const char *cs_lib_severity_name(cs_lib_severity severity) {
    return cs_severity_name((cs_severity)severity);
}

CS_LIB_API void cs_lib_thread_cleanup(void) {
    cs_memo_thread_cleanup();
    cs_algs_ec_thread_cleanup();
}

_Static_assert((int)CS_LIB_ERROR == (int)CS_SEV_ERROR &&
                   (int)CS_LIB_WARNING == (int)CS_SEV_WARNING &&
                   (int)CS_LIB_NOTICE == (int)CS_SEV_NOTICE,
               "public severities mirror cs_severity");
_Static_assert((int)CS_LIB_WAIVED == (int)CS_FINDING_WAIVED &&
                   (int)CS_LIB_SKIPPED == (int)CS_FINDING_SKIPPED,
               "public statuses mirror cs_finding_status");
