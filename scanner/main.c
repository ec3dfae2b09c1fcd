/* certscan: the command line. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/ct_seen.h"
#include "io/input.h"
#include "scanner/agg_cli.h"
#include "scanner/aggregate.h"
#include "scanner/engine.h"
#include "scanner/lint_output.h"
#include "scanner/audit.h"
#include "scanner/owner_tally.h"
#include "scanner/owners.h"
#include "scanner/progress.h"
#include "scanner/agg_diff.h"
#include "scanner/scan_passes.h"
#include "scanner/report_html.h"
#include "scanner/rules_output.h"
#include "scanner/scan.h"
#include "scanner/survey_ops.h"

#define CS_VERSION       "0.1.0"
#define CS_EXIT_OK       0
#define CS_EXIT_FINDINGS 1
#define CS_EXIT_USAGE    2
#define CS_EXIT_INPUT    3
#define CS_FAIL_NEVER    (-1)

static const char cs_usage[] =
    "usage: certscan <command> [options] [INPUT...]\n"
    "\n"
    "commands:\n"
    "  scan INPUT...    scan certificates and report findings per issuing CA and rule\n"
    "  lint INPUT...    report each certificate's profile and findings\n"
    "  rules            list every rule with its metadata\n"
    "  merge A.cbor B.cbor... -o ALL.cbor\n"
    "                   merge saved aggregates (the shards of one corpus, or disjoint corpora)\n"
    "  report FILE.cbor...\n"
    "                   render saved or merged aggregates (text, --json, --csv DIR)\n"
    "  diff OLD.cbor NEW.cbor\n"
    "                   what changed between two saved aggregates: (CA, rule) pairs with\n"
    "                   new findings (appeared or grew) and with fewer (text, --json)\n"
    "\n"
    "INPUT is a file, a directory (read recursively) or - for standard input. The format is\n"
    "detected from the content: Certificate Transparency get-entries JSON (responses or JSON\n"
    "lines of entries), static-ct-api data tiles (a tile file, or a log's tile tree:\n"
    "tile/data/... and issuer/), CSV reports with a header naming a PEM column (CCADB's, one\n"
    "certificate per row), LDIF (userCertificate/cACertificate values), PEM blocks anywhere in\n"
    "text, single or concatenated DER, or base64 DER one per line; gzip and zlib compressed\n"
    "inputs are decompressed on the fly.\n"
    "\n"
    "options:\n"
    "  --format text|json|junit output format (default text); junit: lint only, one test\n"
    "                           case per certificate and rule with a finding\n"
    "  --fail-on LEVEL          exit 1 when a finding of severity LEVEL or above is left\n"
    "                           after waivers: error, warning, notice or never (default:\n"
    "                           error for lint, never for scan)\n"
    "  --policy FILE            waivers and per-CA / per-profile rule settings (JSON;\n"
    "                           docs/policy.md). Waived findings are shown and counted\n"
    "                           apart; expired and stale waivers are reported\n"
    "  --tbs                    lint: pre-issuance input, a bare TBSCertificate or a\n"
    "                           certificate with a throw-away key or dummy signature\n"
    "                           (detected per entry); rules that need the signature are\n"
    "                           skipped and listed as skipped\n"
    "  --input-format F         force the input format: auto, pem, der, base64, ccadb (or\n"
    "                           csv), ldif, ctjson, tiles\n"
    "  --chains                 CT inputs: also lint the chain certificates (get-entries\n"
    "                           extra_data, tile issuers), each once per run\n"
    "  --strict-input           stop at the first rejected entry (a record that cannot be\n"
    "                           read), with exit status 3\n"
    "  --ccadb PATH...          CCADB reports (files or directories; every argument up to the\n"
    "                           next option): CA owner reports and certificate (PEM) reports,\n"
    "                           joined on the SHA-256 fingerprint; scan reports how many\n"
    "                           certificates got a CA owner, lint adds \"ca_owner\" to JSON\n"
    "  --as-of DATE|now         judge every certificate by the rules in force at DATE\n"
    "                           (YYYY-MM-DD) instead of at its notBefore\n"
    "  --profile-map FILE       map a CA's private policy OIDs to S/MIME profiles, one\n"
    "                           OID=PROFILE per line (e.g. 1.3.6.1.4.1.99.1=smime.sponsor.strict)\n"
    "  --profile ID             judge every certificate as profile ID (smime.<type>.<generation>,\n"
    "                           or pkilint's names such as SPONSORED-STRICT)\n"
    "  --top N                  text report: list at most N CAs (default 25; 0: every CA\n"
    "                           with findings)\n"
    "  --all-cas                scan: list CAs without findings too\n"
    "  --count MODE             scan: final-or-precert (default: a precertificate counts only\n"
    "                           when its final certificate is not in the corpus), all, final,\n"
    "                           or precert; an exact duplicate always counts once\n"
    "  --samples N              scan: certificates sampled per CA and rule (default 10)\n"
    "  --memory SIZE            scan: keep memory under SIZE (default 512M, 0: no limit): a\n"
    "                           corpus in files is read in as many passes as it takes\n"
    "                           (same report); standard input past it warns and goes on\n"
    "  --passes N               scan: read the inputs in N passes whatever their size\n"
    "  --shard K/N              scan: only shard K of N, by content hash (duplicates and a\n"
    "                           precertificate with its final land in one shard)\n"
    "  --save FILE.cbor         scan: save the aggregate for merge, report and diff\n"
    "  --baseline FILE.cbor     scan: also report what changed since that saved aggregate\n"
    "                           (as diff does); --fail-on then judges only the new\n"
    "                           findings, and --findings lines say for each finding\n"
    "                           whether its (CA, rule) pair had findings there\n"
    "  --csv DIR                scan, report: also write one CSV file per table into DIR\n"
    "                           (scan: the survey tables too)\n"
    "  --survey                 scan: add the survey tables (EKU combinations, keys, signature\n"
    "                           algorithms, validity, types per month, subject attributes,\n"
    "                           cross-certificates, key reuse) to the report and saved file\n"
    "  --html FILE              scan, report: also write the report as one self-contained HTML\n"
    "                           page with charts and sortable tables (scan: implies --survey)\n"
    "  --json                   report: print the JSON document (as scan --format json)\n"
    "  --findings FILE.jsonl    scan: one JSON line per certificate with findings (lint's\n"
    "                           shape plus issuer, serial, notBefore, position)\n"
    "  --include-subject        --findings: add subject names and S/MIME rule details (left\n"
    "                           out by default: they may name people and mailboxes)\n"
    "  --group-by ca|owner      text report by issuing CA (default) or by CA owner\n"
    "  -o FILE.cbor             merge: the output file\n"
    "  -j, --jobs N             threads evaluating certificates (default: every CPU, or 1\n"
    "                           for files under 512 KiB in all); the\n"
    "                           output is the same for any N, in input order\n"
    "  --readers N              threads reading inputs (default: one per 4 workers); several\n"
    "                           inputs are read at once\n"
    "  --split-size BYTES       with several readers, cut plain PEM and base64-lines files of\n"
    "                           at least BYTES into ranges read in parallel (default 64 MiB;\n"
    "                           0: never)\n"
    "  --progress               show progress on stderr even when it is not a terminal\n"
    "  --max-ratio N            stop gzip/zlib inputs that expand more than N times\n"
    "                           (default 200; 0: no limit)\n"
    "  --read-size BYTES        bytes read at a time (default 1 MiB; for testing)\n"
    "  -v, --verbose            report every rejected entry on stderr (default: the first 20)\n"
    "  -q, --quiet              report no rejected entry and no progress on stderr (rejected\n"
    "                           entries are still counted)\n"
    "  -h, --help               this help\n"
    "  --version                print the version\n"
    "\n"
    "exit status (never the number of findings):\n"
    "  0  no finding at or above the --fail-on level (waived findings do not count)\n"
    "  1  findings at or above the --fail-on level\n"
    "  2  usage error (bad option, unreadable --policy, --profile-map or --ccadb file)\n"
    "  3  no such finding, but some input could not be read or some entry was rejected\n"
    "     (not a certificate); with --strict-input, at the first rejected entry\n";

typedef struct cs_cli {
    const char *command;
    const char **inputs;
    size_t num_inputs;
    int json;
    int junit;
    int fail_on; /* a cs_severity, or CS_FAIL_NEVER; CS_SEV_COUNT until set */
    const char *policy_path;
    int tbs;
    cs_input_format input_format;
    cs_ruleset_options rule_options;
    cs_profile_config *profiles;
    size_t top;
    int all_cas;
    int survey;
    const char *html_path;
    int verbose;
    int quiet;
    unsigned jobs;       /* 0: every CPU */
    unsigned readers;    /* 0: automatic */
    uint64_t split_size; /* 0: the default; UINT64_MAX: never */
    int progress;
    int strict_input;
    cs_input_config input;
    const char **ccadb; /* --ccadb paths */
    size_t num_ccadb;
    cs_agg_cli agg; /* scan's aggregate options, merge and report */
} cs_cli;

static int cs_usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, "certscan: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'certscan --help'.\n");
    return 0;
}

/* A whole number in [min, max]; 0 when `text` is not one. */
static int cs_parse_count(const char *text, unsigned long long min, unsigned long long max,
                          unsigned long long *out) {
    char *end;
    if (text == NULL || text[0] < '0' || text[0] > '9') {
        return 0;
    }
    unsigned long long v = strtoull(text, &end, 10);
    if (*end != '\0' || v < min || v > max) {
        return 0;
    }
    *out = v;
    return 1;
}

static int cs_parse_args(int argc, char **argv, cs_cli *cli) {
    cs_input_config_default(&cli->input);
    cs_agg_cli_init(&cli->agg);
    cli->top = CS_REPORT_TOP_DEFAULT;
    cli->inputs = calloc((size_t)argc, sizeof *cli->inputs);
    cli->ccadb = calloc((size_t)argc, sizeof *cli->ccadb);
    if (cli->inputs == NULL || cli->ccadb == NULL) {
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        int agg_used = cs_agg_cli_option(&cli->agg, a, next);
        if (agg_used < 0) {
            return 0;
        }
        if (agg_used > 0) {
            i += agg_used - 1;
            continue;
        }
        if (strcmp(a, "--json") == 0) {
            cli->json = 1;
        } else if (strcmp(a, "--format") == 0) {
            if (next == NULL || (strcmp(next, "json") != 0 && strcmp(next, "text") != 0 &&
                                 strcmp(next, "junit") != 0)) {
                return cs_usage_error("--format needs text, json or junit, got '%s'",
                                      next ? next : "");
            }
            cli->json = strcmp(next, "json") == 0;
            cli->junit = strcmp(next, "junit") == 0;
            i++;
        } else if (strcmp(a, "--fail-on") == 0) {
            static const char *const levels[] = {"notice", "warning", "error"};
            cli->fail_on = next != NULL && strcmp(next, "never") == 0 ? CS_FAIL_NEVER : -2;
            for (int s = 0; next != NULL && s < CS_SEV_COUNT; s++) {
                if (strcmp(next, levels[s]) == 0) {
                    cli->fail_on = s;
                }
            }
            if (cli->fail_on == -2) {
                return cs_usage_error("--fail-on needs error, warning, notice or never, got '%s'",
                                      next ? next : "");
            }
            i++;
        } else if (strcmp(a, "--policy") == 0) {
            if (next == NULL || cli->policy_path != NULL) {
                return cs_usage_error("--policy needs one FILE%s", "");
            }
            cli->policy_path = next;
            i++;
        } else if (strcmp(a, "--tbs") == 0) {
            cli->tbs = 1;
        } else if (strcmp(a, "--input-format") == 0) {
            if (next == NULL || !cs_input_format_parse(next, &cli->input_format)) {
                return cs_usage_error("--input-format needs auto, pem, der, base64, ccadb, ldif, "
                                      "ctjson or tiles, got '%s'",
                                      next ? next : "");
            }
            i++;
        } else if (strcmp(a, "--ccadb") == 0) {
            /* Several paths: every argument up to the next option. */
            size_t before = cli->num_ccadb;
            while (i + 1 < argc && (argv[i + 1][0] != '-' || strcmp(argv[i + 1], "-") == 0)) {
                cli->ccadb[cli->num_ccadb++] = argv[++i];
            }
            if (cli->num_ccadb == before) {
                return cs_usage_error("--ccadb needs at least one file or directory%s", "");
            }
        } else if (strcmp(a, "--as-of") == 0) {
            if (next == NULL) {
                return cs_usage_error("--as-of needs a date%s", "");
            }
            cli->rule_options.has_as_of = 1;
            if (strcmp(next, "now") == 0) {
                cli->rule_options.as_of = (int64_t)time(NULL);
            } else if (!cs_parse_date(next, &cli->rule_options.as_of)) {
                return cs_usage_error("--as-of: '%s' is not YYYY-MM-DD or now", next);
            }
            i++;
        } else if (strcmp(a, "--profile-map") == 0 || strcmp(a, "--profile") == 0) {
            if (next == NULL) {
                return cs_usage_error("%s needs an argument", a);
            }
            if (cli->profiles == NULL &&
                (cli->profiles = calloc(1, sizeof *cli->profiles)) == NULL) {
                return 0;
            }
            if (strcmp(a, "--profile") == 0) {
                if (!cs_profile_parse(next, &cli->profiles->forced_profile) ||
                    cli->profiles->forced_profile == CS_PROFILE_PKIX ||
                    cli->profiles->forced_profile == CS_PROFILE_SMIME_UNDETERMINED) {
                    return cs_usage_error("--profile: unknown profile '%s' (e.g. "
                                          "smime.mailbox.strict or MAILBOX-STRICT)",
                                          next);
                }
                cli->profiles->forced = 1;
            } else {
                char err[512];
                if (!cs_profile_config_load_map(cli->profiles, next, err, sizeof err)) {
                    return cs_usage_error("--profile-map: %s", err);
                }
            }
            i++;
        } else if (strcmp(a, "--top") == 0) {
            char *end;
            if (next == NULL || (cli->top = strtoul(next, &end, 10), *end != '\0')) {
                return cs_usage_error("--top needs a number, got '%s'", next ? next : "");
            }
            i++;
        } else if (strcmp(a, "--chains") == 0) {
            cli->input.chains = 1;
        } else if (strcmp(a, "--strict-input") == 0) {
            cli->strict_input = 1;
        } else if (strcmp(a, "--all-cas") == 0) {
            cli->all_cas = 1;
        } else if (strcmp(a, "--survey") == 0) {
            cli->survey = 1;
        } else if (strcmp(a, "--html") == 0) {
            if (next == NULL || next[0] == '\0') {
                return cs_usage_error("%s needs a path", a);
            }
            cli->html_path = next;
            cli->survey = 1;
            i++;
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0 ||
                   strcmp(a, "--readers") == 0) {
            unsigned long long v;
            if (!cs_parse_count(next, 1, 4096, &v)) {
                return cs_usage_error("%s needs a number of threads from 1 to 4096", a);
            }
            if (strcmp(a, "--readers") == 0) {
                cli->readers = (unsigned)v;
            } else {
                cli->jobs = (unsigned)v;
            }
            i++;
        } else if (strncmp(a, "-j", 2) == 0 && a[2] != '\0') {
            unsigned long long v;
            if (!cs_parse_count(a + 2, 1, 4096, &v)) {
                return cs_usage_error("-j needs a number of threads from 1 to 4096, got '%s'",
                                      a + 2);
            }
            cli->jobs = (unsigned)v;
        } else if (strcmp(a, "--progress") == 0) {
            cli->progress = 1;
        } else if (strcmp(a, "--max-ratio") == 0) {
            unsigned long long v;
            if (!cs_parse_count(next, 0, UINT_MAX, &v)) {
                return cs_usage_error("--max-ratio needs a number, got '%s'", next ? next : "");
            }
            cli->input.max_ratio = (unsigned)v;
            i++;
        } else if (strcmp(a, "--split-size") == 0) {
            unsigned long long v;
            if (!cs_parse_count(next, 0, UINT64_MAX - 1, &v)) {
                return cs_usage_error("--split-size needs a number of bytes, got '%s'",
                                      next ? next : "");
            }
            cli->split_size = v == 0 ? UINT64_MAX : (uint64_t)v;
            i++;
        } else if (strcmp(a, "--read-size") == 0) {
            unsigned long long v;
            if (!cs_parse_count(next, 1, (unsigned long long)1 << 30, &v)) {
                return cs_usage_error("--read-size needs a number of bytes from 1 to 2^30, got "
                                      "'%s'",
                                      next ? next : "");
            }
            cli->input.read_size = (size_t)v;
            i++;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            cli->verbose = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            cli->quiet = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(cs_usage, stdout);
            exit(CS_EXIT_OK);
        } else if (strcmp(a, "--version") == 0) {
            printf("certscan %s\n", CS_VERSION);
            exit(CS_EXIT_OK);
        } else if (a[0] == '-' && a[1] != '\0') {
            return cs_usage_error("unknown option '%s'", a);
        } else if (cli->command == NULL) {
            cli->command = a;
        } else {
            cli->inputs[cli->num_inputs++] = a;
        }
    }
    if (cli->command == NULL) {
        fputs(cs_usage, stderr);
        return 0;
    }
    int lint = strcmp(cli->command, "lint") == 0;
    if (cli->junit && !lint) {
        return cs_usage_error("--format junit is for lint%s", "");
    }
    if (cli->tbs && !lint) {
        return cs_usage_error("--tbs is for lint%s", "");
    }
    if (cli->fail_on == CS_SEV_COUNT) {
        cli->fail_on = lint ? CS_SEV_ERROR : CS_FAIL_NEVER;
    }
    return 1;
}

typedef struct cs_scan_ctx {
    const cs_cli *cli;
    cs_progress *progress;
    int lint;
    cs_scan_aggs *aggs; /* scan: where --findings lines go */
    uint64_t reported;
    uint64_t unreported;
    /* scan --memory passes: messages about the inputs come from pass 1 only, and a pass 1
     * started over skips those its abandoned run already printed. */
    unsigned pass;
    uint64_t rejections_seen, rejections_done, errors_seen, errors_done;
    cs_audit *policy;
    cs_owner_tally *tallies; /* with --ccadb: pass 1 only (it sees every certificate) */
    unsigned jobs;
    cs_scan_batch_fn on_batch; /* pass 1's */
    void *const *worker_state;
} cs_scan_ctx;

#define CS_REJECTIONS_SHOWN 20

static void cs_report_rejection(const cs_scan_entry *it) {
    char line[64] = "";
    if (it->line != 0) {
        snprintf(line, sizeof line, ", line %llu", (unsigned long long)it->line);
    } else if (it->log.has_index) {
        snprintf(line, sizeof line, ", log index %llu", (unsigned long long)it->log.index);
    }
    if (it->entry_status != CS_ENTRY_OK) {
        fprintf(stderr, "certscan: %s entry %llu (offset %llu%s): rejected: %s%s%s\n", it->input,
                (unsigned long long)it->index, (unsigned long long)it->offset, line,
                cs_entry_status_text(it->entry_status), it->entry_detail ? ": " : "",
                it->entry_detail ? it->entry_detail : "");
    } else {
        fprintf(stderr,
                "certscan: %s entry %llu (offset %llu%s): rejected: %s in %s at certificate "
                "byte %zu\n",
                it->input, (unsigned long long)it->index, (unsigned long long)it->offset, line,
                cs_der_status_text(it->parse_error.status),
                it->parse_error.where ? it->parse_error.where : "input", it->parse_error.offset);
    }
}

/* Where the text of entry `k` of a batch ends: each entry's lines start with one that is not
 * indented (lint's text and JSON lines alike). */
static size_t cs_text_end_of_entry(const cs_buf *text, unsigned k) {
    unsigned headers = 0;
    for (size_t at = 0; at < text->len;) {
        if (text->p[at] != ' ' && headers++ == k + 1) {
            return at;
        }
        const char *nl = memchr(text->p + at, '\n', text->len - at);
        at = nl != NULL ? (size_t)(nl - text->p) + 1 : text->len;
    }
    return text->len;
}

/* --strict-input: the first entry rejected before parsing ends the run, after the output of the
 * entries before it (and of itself, for lint). Worker threads may be busy with later chunks:
 * nothing they hold needs saving, so the process ends here. */
static void cs_strict_stop(cs_scan_ctx *sc, const cs_scan_entry *entries, unsigned n,
                           const cs_buf *text) {
    for (unsigned i = 0; i < n; i++) {
        if (entries[i].entry_status == CS_ENTRY_OK) {
            continue;
        }
        if (sc->lint) {
            fwrite(text->p, 1, cs_text_end_of_entry(text, i), stdout);
        }
        fflush(stdout);
        if (sc->progress != NULL) {
            cs_progress_lock(sc->progress);
        }
        cs_report_rejection(&entries[i]);
        fprintf(stderr, "certscan: --strict-input: stopping at the first rejected entry\n");
        fflush(stderr);
        _exit(CS_EXIT_INPUT);
    }
}

/* The writer: called in input order, on this thread. */
static void cs_on_ordered(void *ctx, const cs_scan_entry *entries, unsigned n, const cs_buf *text) {
    cs_scan_ctx *sc = ctx;
    if (sc->cli->strict_input) {
        cs_strict_stop(sc, entries, n, text);
    }
    if (sc->lint) {
        fwrite(text->p, 1, text->len, stdout);
        return;
    }
    cs_scan_aggs_write(sc->aggs, text);
    for (unsigned i = 0; i < n && sc->pass <= 1; i++) {
        if (entries[i].parsed || sc->rejections_seen++ < sc->rejections_done) {
            continue;
        }
        if (sc->cli->quiet || (!sc->cli->verbose && sc->reported >= CS_REJECTIONS_SHOWN)) {
            sc->unreported++;
            continue;
        }
        sc->reported++;
        if (sc->progress != NULL) {
            cs_progress_lock(sc->progress);
        }
        cs_report_rejection(&entries[i]);
        if (sc->progress != NULL) {
            cs_progress_unlock(sc->progress);
        }
    }
}

static void cs_on_error(void *ctx, const char *path, const char *message) {
    cs_scan_ctx *sc = ctx;
    if (sc->pass > 1 || sc->errors_seen++ < sc->errors_done) {
        return;
    }
    if (sc->progress != NULL) {
        cs_progress_lock(sc->progress);
    }
    fprintf(stderr, "certscan: %s: %s\n", path, message);
    if (sc->progress != NULL) {
        cs_progress_unlock(sc->progress);
    }
}

/* Per-worker states: an aggregate each for scan, a lint renderer each for lint. */
typedef struct cs_worker_states {
    unsigned n;
    void **state;
    cs_scan_aggs aggs;
    cs_lint_output *lints;
} cs_worker_states;

static void cs_worker_states_free(cs_worker_states *ws) {
    cs_scan_aggs_free(&ws->aggs);
    for (unsigned i = 0; ws->lints != NULL && i < ws->n; i++) {
        cs_lint_output_free(&ws->lints[i]);
    }
    free(ws->lints);
    free(ws->state);
}

static int cs_worker_states_init(cs_worker_states *ws, unsigned n, int lint, const cs_cli *cli,
                                 const cs_ruleset *rs, const cs_audit *policy) {
    memset(ws, 0, sizeof *ws);
    ws->n = n;
    ws->state = calloc(n, sizeof *ws->state);
    if (ws->state == NULL) {
        return 0;
    }
    if (lint) {
        ws->lints = calloc(n, sizeof *ws->lints);
        if (ws->lints == NULL) {
            return 0;
        }
        for (unsigned i = 0; i < n; i++) {
            cs_lint_output_init(&ws->lints[i],
                                cli->junit  ? CS_LINT_JUNIT
                                : cli->json ? CS_LINT_JSON
                                            : CS_LINT_TEXT,
                                rs, policy);
            ws->state[i] = &ws->lints[i];
        }
        return 1;
    }
    char err[512];
    if (!cs_scan_aggs_init(&ws->aggs, &cli->agg, rs, n, err, sizeof err)) {
        fprintf(stderr, "certscan: %s\n", err);
        return 0;
    }
    for (unsigned i = 0; i < n; i++) {
        ws->state[i] = ws->aggs.state[i];
    }
    return 1;
}

/* What the scan JSON carries beyond the aggregate's document: the CA owner tally (--ccadb) and
 * the policy section (--policy), written as the document's last members. */
typedef struct cs_json_extras {
    const cs_owner_tally *tallies;
    const cs_audit *policy;
    const cs_agg_diff *diff; /* --baseline */
    const char *baseline_path;
} cs_json_extras;

static void cs_write_json_extras(FILE *out, const void *ctx) {
    const cs_json_extras *x = ctx;
    if (x->tallies != NULL) {
        cs_owner_tally_json(out, &x->tallies[0]);
    }
    if (x->policy != NULL) {
        fputs(",\"policy\":", out);
        cs_audit_report_json(out, x->policy);
    }
    if (x->diff != NULL) {
        fputs(",\"baseline_diff\":", out);
        cs_agg_diff_json(out, x->diff, x->baseline_path, "this scan");
    }
}

/* The aggregate's CA-owner hook over the --ccadb database. */
static const char *cs_owner_name(void *ctx, const uint8_t *issuer_dn, size_t issuer_len,
                                 const uint8_t *aki, size_t aki_len) {
    const cs_owner_info *info = cs_owner_db_by_issuer(ctx, issuer_dn, issuer_len, aki, aki_len);
    return info != NULL ? info->ca_owner : NULL;
}

/* scan --memory: before each pass (scanner/scan_passes.h). */
static void cs_before_pass(void *ctx, unsigned k, unsigned n, int restart, cs_scan_options *opt) {
    (void)n;
    cs_scan_ctx *sc = ctx;
    sc->pass = k;
    if (restart) {
        cs_audit_reset_counts(sc->policy);
        for (unsigned i = 0; sc->tallies != NULL && i < sc->jobs; i++) {
            sc->tallies[i].certificates = sc->tallies[i].by_fingerprint = 0;
            sc->tallies[i].by_issuer = 0;
        }
        sc->rejections_done =
            sc->rejections_seen > sc->rejections_done ? sc->rejections_seen : sc->rejections_done;
        sc->errors_done = sc->errors_seen > sc->errors_done ? sc->errors_seen : sc->errors_done;
        sc->rejections_seen = sc->errors_seen = 0;
    }
    /* The owner tally counts every certificate it sees: pass 1 sees them all. */
    opt->on_batch = k == 1 ? sc->on_batch : cs_scan_aggs_batch;
    opt->worker_state = k == 1 ? sc->worker_state : sc->aggs->state;
}

/* Exit status from what is left after the policy: never a count (it would wrap at 256). */
static uint64_t cs_at_or_above(const cs_cli *cli, const uint64_t findings[CS_SEV_COUNT]) {
    uint64_t n = 0;
    for (int s = cli->fail_on; cli->fail_on != CS_FAIL_NEVER && s < CS_SEV_COUNT; s++) {
        n += findings[s];
    }
    return n;
}

/* With a baseline, only the findings it did not have count (`diff` may be NULL). */
static int cs_exit_status(const cs_cli *cli, const cs_audit *policy, const cs_agg_diff *diff,
                          const cs_scan_totals *totals) {
    cs_audit_totals pt;
    cs_audit_totals_get(policy, &pt);
    uint64_t fresh[CS_SEV_COUNT];
    if (diff != NULL) {
        cs_agg_diff_new_findings(diff, fresh);
    }
    uint64_t at_or_above = cs_at_or_above(cli, diff != NULL ? fresh : pt.findings);
    if (at_or_above > 0) {
        return CS_EXIT_FINDINGS;
    }
    return totals->input_errors > 0 || totals->rejected > 0 ? CS_EXIT_INPUT : CS_EXIT_OK;
}

/* Inputs that fit in one chunk (regular files of 512 KiB in all, the chunk arena): one worker
 * evaluates them whatever -j says, so starting threads would only add to a short run's time
 * (`certscan lint one.pem` in a CA's issuance pipeline; bench/bench_latency). */
static int cs_inputs_are_small(const cs_cli *cli) {
    uint64_t total = 0;
    for (size_t i = 0; i < cli->num_inputs; i++) {
        struct stat st;
        if (stat(cli->inputs[i], &st) != 0 || !S_ISREG(st.st_mode)) {
            return 0;
        }
        total += (uint64_t)st.st_size;
    }
    return total <= (uint64_t)512 << 10;
}

static int cs_run_scan(const cs_cli *cli, const cs_ruleset *rs, cs_audit *policy, int lint) {
    if (cli->num_inputs == 0) {
        cs_usage_error("%s needs at least one INPUT (use - for standard input)", cli->command);
        return CS_EXIT_USAGE;
    }
    if (lint && (cli->survey || cli->agg.csv_dir != NULL || cli->html_path != NULL ||
                 cli->agg.baseline_path != NULL)) {
        cs_usage_error("%s: --survey, --csv, --html and --baseline are options of scan",
                       cli->command);
        return CS_EXIT_USAGE;
    }
    unsigned jobs = cli->jobs != 0             ? cli->jobs
                    : cs_inputs_are_small(cli) ? 1
                                               : cs_scan_default_jobs();
    cs_owner_db *owners = NULL;
    if (cli->num_ccadb != 0 &&
        (owners = cs_owner_db_load(cli->ccadb, cli->num_ccadb, stderr)) == NULL) {
        return CS_EXIT_USAGE;
    }
    cs_worker_states ws;
    cs_owner_tally *tallies = owners != NULL && !lint ? calloc(jobs, sizeof *tallies) : NULL;
    if (!cs_worker_states_init(&ws, jobs, lint, cli, rs, policy) ||
        (owners != NULL && !lint && tallies == NULL)) {
        cs_worker_states_free(&ws);
        free(tallies);
        cs_owner_db_free(owners);
        fprintf(stderr, "certscan: out of memory\n");
        return 1;
    }
    for (unsigned i = 0; owners != NULL && i < jobs; i++) {
        if (lint) {
            ws.lints[i].owners = owners;
        } else {
            tallies[i] = (cs_owner_tally){
                .db = owners, .inner = cs_scan_aggs_batch, .inner_state = ws.state[i]};
            ws.state[i] = &tallies[i];
        }
    }
    cs_scan_ctx sc = {.cli = cli, .lint = lint, .aggs = &ws.aggs};
    int tty = isatty(STDERR_FILENO);
    if (cli->progress || (tty && !cli->quiet)) {
        /* Without it the scan still runs: the line is a convenience. */
        sc.progress = cs_progress_new(stderr, tty);
    }
    cs_input_config input = cli->input;
    if (input.chains && (input.chain_seen = cs_ct_seen_new()) == NULL) {
        cs_progress_free(sc.progress);
        cs_worker_states_free(&ws);
        fprintf(stderr, "certscan: out of memory\n");
        return 1;
    }
    cs_scan_options opt = {
        .format = cli->input_format,
        .input = input,
        .rules = rs,
        .profiles = cli->profiles,
        .jobs = jobs,
        .readers = cli->readers,
        .split_size = cli->split_size,
        .worker_state = ws.state,
        .policy = policy,
        .tbs = cli->tbs,
        .on_batch = lint              ? cs_lint_output_batch
                    : tallies != NULL ? cs_owner_tally_batch
                                      : cs_scan_aggs_batch,
        .on_ordered = cs_on_ordered,
        .on_error = cs_on_error,
        .ctx = &sc,
        .progress = sc.progress,
    };
    cs_scan_totals totals;
    char err[256];
    if (cli->junit) {
        cs_lint_junit_begin(stdout);
    }
    int ok;
    cs_mem_plan plan;
    if (lint) {
        ok = cs_scan_paths(cli->inputs, cli->num_inputs, &opt, &totals, err, sizeof err);
    } else if (!cs_mem_plan_make(&plan, cli->agg.memory, cli->agg.passes, cli->inputs,
                                 cli->num_inputs, jobs, cli->agg.survey, err, sizeof err)) {
        ok = 0;
    } else {
        cs_progress_free(sc.progress);
        sc.progress = NULL;
        if (plan.passes > 1 && cli->agg.cfg.shard_n != 0) {
            /* A pass is a shard; a shard of a shard is not one merge can put back together. */
            fprintf(stderr,
                    "certscan: warning: --shard %u/%u with --memory: this shard would need "
                    "%u passes; scanning it in one (use more shards to stay within --memory)\n",
                    cli->agg.cfg.shard_k, cli->agg.cfg.shard_n, plan.passes);
        }
        if (cli->agg.cfg.shard_n != 0) {
            plan.passes = 1;
            plan.rewindable = 0; /* past the budget: warn, never start over */
        }
        sc.policy = policy;
        sc.tallies = tallies;
        sc.jobs = jobs;
        sc.on_batch = opt.on_batch;
        sc.worker_state = opt.worker_state;
        cs_scan_passes sp = {.plan = &plan,
                             .aggs = &ws.aggs,
                             .before_pass = cs_before_pass,
                             .ctx = &sc,
                             .show_progress = cli->progress || (tty && !cli->quiet),
                             .tty = tty,
                             .progress_slot = &sc.progress,
                             .quiet = cli->quiet};
        ok = cs_scan_passes_run(&sp, cli->inputs, cli->num_inputs, &opt, &totals, err, sizeof err);
    }
    cs_progress_free(sc.progress);
    cs_ct_seen_free(opt.input.chain_seen);
    cs_agg *all = NULL;
    if (ok && !lint) {
        all = cs_scan_aggs_finish(&ws.aggs, &totals, cli->inputs, cli->num_inputs, err, sizeof err);
        ok = all != NULL;
    }
    for (unsigned i = 1; ok && tallies != NULL && i < jobs; i++) {
        cs_owner_tally_merge(&tallies[0], &tallies[i]);
    }
    if (!ok) {
        fprintf(stderr, "certscan: %s\n", err);
        cs_worker_states_free(&ws);
        free(tallies);
        cs_owner_db_free(owners);
        return 1;
    }
    if (sc.unreported > 0 && !cli->quiet) {
        fprintf(stderr, "certscan: %llu more rejected entries not shown (use --verbose)\n",
                (unsigned long long)sc.unreported);
    }
    if (cli->junit) {
        cs_lint_junit_end(stdout);
    }
    int outputs_failed = 0;
    cs_agg_diff *diff = NULL;
    if (!lint) {
        if (owners != NULL) {
            cs_agg_set_owner(all, cs_owner_name, owners);
        }
        if (cli->agg.baseline != NULL && (diff = cs_agg_diff_new(cli->agg.baseline, all)) == NULL) {
            fprintf(stderr, "certscan: --baseline: out of memory\n");
            outputs_failed = 1;
        }
        cs_json_extras extras = {.tallies = tallies,
                                 .policy = cli->policy_path ? policy : NULL,
                                 .diff = diff,
                                 .baseline_path = cli->agg.baseline_path};
        cs_report_options ro = {.top_cas = cli->top,
                                .all_cas = cli->all_cas,
                                .group_by_owner = cli->agg.group_by_owner,
                                .json_extra = cs_write_json_extras,
                                .json_extra_ctx = &extras};
        outputs_failed = cs_agg_cli_outputs(&cli->agg, all, cli->json, &ro);
        if (!cli->json && !outputs_failed) {
            if (tallies != NULL) {
                cs_owner_tally_text(stdout, &tallies[0]);
            }
            cs_audit_report_text(stdout, policy);
            if (diff != NULL) {
                cs_agg_diff_text(stdout, diff, cli->agg.baseline_path, "this scan");
            }
        }
    } else if (!cli->quiet) {
        /* stdout carries one line or test suite per certificate: the summary goes aside. */
        fflush(stdout);
        cs_audit_report_text(stderr, policy);
    }
    cs_worker_states_free(&ws);
    free(tallies);
    cs_owner_db_free(owners);
    if (outputs_failed) {
        cs_agg_diff_free(diff);
        return 1;
    }
    if (totals.entries != totals.parsed + totals.rejected) {
        /* The driver counts every entry once; a mismatch is a certscan bug, never hidden. */
        fprintf(stderr, "certscan: internal error: %llu read != %llu parsed + %llu rejected\n",
                (unsigned long long)totals.entries, (unsigned long long)totals.parsed,
                (unsigned long long)totals.rejected);
        return 1;
    }
    int rc = cs_exit_status(cli, policy, diff, &totals);
    cs_agg_diff_free(diff);
    return rc;
}

int main(int argc, char **argv) {
    cs_cli cli = {.fail_on = CS_SEV_COUNT};
    if (!cs_parse_args(argc, argv, &cli)) {
        free(cli.inputs);
        free(cli.ccadb);
        free(cli.profiles);
        return CS_EXIT_USAGE;
    }
    cli.agg.cfg.has_as_of = cli.rule_options.has_as_of;
    cli.agg.cfg.as_of = cli.rule_options.as_of;
    /* --csv writes the survey tables beside the aggregate's, and --html charts them. */
    cli.agg.survey = cli.survey || cli.agg.csv_dir != NULL || cli.html_path != NULL;
    cli.agg.html_path = cli.html_path;
    cs_agg_register_survey(cs_survey_agg_ops());
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(&cli.rule_options, err, sizeof err);
    if (rs == NULL) {
        fprintf(stderr, "certscan: %s\n", err);
        free(cli.inputs);
        free(cli.ccadb);
        free(cli.profiles);
        return 1;
    }
    /* Waiver expiry is judged by the clock, not by --as-of: a waiver is a promise about when
     * the CA will have fixed things, whatever date the certificates are judged at. */
    cs_audit *policy = cs_audit_new(rs, (int64_t)time(NULL));
    if (policy == NULL ||
        (cli.policy_path != NULL && !cs_audit_load(policy, cli.policy_path, err, sizeof err))) {
        fprintf(stderr, "certscan: --policy: %s\n", policy ? err : "out of memory");
        cs_audit_free(policy);
        cs_ruleset_free(rs);
        free(cli.inputs);
        free(cli.ccadb);
        free(cli.profiles);
        return CS_EXIT_USAGE;
    }
    cs_audit_set_tbs(policy, cli.tbs);
    int rc;
    if (!cs_agg_cli_load_baseline(&cli.agg)) {
        rc = CS_EXIT_USAGE;
    } else if (strcmp(cli.command, "scan") == 0) {
        rc = cs_run_scan(&cli, rs, policy, 0);
    } else if (strcmp(cli.command, "lint") == 0) {
        rc = cs_run_scan(&cli, rs, policy, 1);
    } else if (strcmp(cli.command, "merge") == 0 || strcmp(cli.command, "report") == 0) {
        cs_report_options ro = {
            .top_cas = cli.top, .all_cas = cli.all_cas, .group_by_owner = cli.agg.group_by_owner};
        rc = strcmp(cli.command, "merge") == 0
                 ? cs_agg_cli_merge(&cli.agg, cli.inputs, cli.num_inputs)
                 : cs_agg_cli_report(&cli.agg, cli.inputs, cli.num_inputs, cli.json, &ro);
    } else if (strcmp(cli.command, "diff") == 0) {
        uint64_t fresh[CS_SEV_COUNT] = {0};
        rc = cs_agg_cli_diff(cli.inputs, cli.num_inputs, cli.json, fresh);
        if (rc == CS_EXIT_OK && cs_at_or_above(&cli, fresh) > 0) {
            rc = CS_EXIT_FINDINGS;
        }
    } else if (strcmp(cli.command, "rules") == 0) {
        if (cli.json) {
            cs_rules_write_json(stdout, rs);
        } else {
            cs_rules_write_text(stdout, rs);
        }
        rc = CS_EXIT_OK;
    } else {
        cs_usage_error("unknown command '%s'", cli.command);
        rc = CS_EXIT_USAGE;
    }
    cs_agg_free((cs_agg *)cli.agg.baseline);
    cs_audit_free(policy);
    cs_ruleset_free(rs);
    free(cli.inputs);
    free(cli.ccadb);
    free(cli.profiles);
    fflush(stdout);
    return rc;
}
