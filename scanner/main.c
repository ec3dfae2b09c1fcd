/* certscan: the command line. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/input.h"
#include "scanner/aggregate.h"
#include "scanner/engine.h"
#include "scanner/lint_output.h"
#include "scanner/progress.h"
#include "scanner/rules_output.h"
#include "scanner/scan.h"

#define CS_VERSION    "0.1.0"
#define CS_EXIT_OK    0
#define CS_EXIT_USAGE 2
#define CS_EXIT_INPUT 3

static const char cs_usage[] =
    "usage: certscan <command> [options] [INPUT...]\n"
    "\n"
    "commands:\n"
    "  scan INPUT...    scan certificates and report findings per issuing CA and rule\n"
    "  lint INPUT...    report each certificate's profile and findings\n"
    "  rules            list every rule with its metadata\n"
    "\n"
    "INPUT is a file, a directory (read recursively) or - for standard input. The format is\n"
    "detected from the content: PEM blocks anywhere in text (bundles, CSV reports such as\n"
    "CCADB's), single or concatenated DER, or base64 DER one per line; gzip and zlib\n"
    "compressed inputs are decompressed on the fly.\n"
    "\n"
    "options:\n"
    "  --format text|json       output format (default text)\n"
    "  --input-format F         force the input format: auto, pem, der, base64\n"
    "  --as-of DATE|now         judge every certificate by the rules in force at DATE\n"
    "                           (YYYY-MM-DD) instead of at its notBefore\n"
    "  --profile-map FILE       map a CA's private policy OIDs to S/MIME profiles, one\n"
    "                           OID=PROFILE per line (e.g. 1.3.6.1.4.1.99.1=smime.sponsor.strict)\n"
    "  --profile ID             judge every certificate as profile ID (smime.<type>.<generation>,\n"
    "                           or pkilint's names such as SPONSORED-STRICT)\n"
    "  --top N                  scan: list at most N CAs (default: every CA with findings)\n"
    "  --all-cas                scan: list CAs without findings too\n"
    "  -j, --jobs N             threads evaluating certificates (default: every CPU); the\n"
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
    "exit status: 0 done, 2 usage error, 3 some input could not be read.\n";

typedef struct cs_cli {
    const char *command;
    const char **inputs;
    size_t num_inputs;
    int json;
    cs_input_format input_format;
    cs_ruleset_options rule_options;
    cs_profile_config *profiles;
    size_t top;
    int all_cas;
    int verbose;
    int quiet;
    unsigned jobs;       /* 0: every CPU */
    unsigned readers;    /* 0: automatic */
    uint64_t split_size; /* 0: the default; UINT64_MAX: never */
    int progress;
    cs_input_config input;
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
    cli->inputs = calloc((size_t)argc, sizeof *cli->inputs);
    if (cli->inputs == NULL) {
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--format") == 0) {
            if (next == NULL || (strcmp(next, "json") != 0 && strcmp(next, "text") != 0)) {
                return cs_usage_error("--format needs text or json, got '%s'", next ? next : "");
            }
            cli->json = strcmp(next, "json") == 0;
            i++;
        } else if (strcmp(a, "--input-format") == 0) {
            if (next == NULL || !cs_input_format_parse(next, &cli->input_format)) {
                return cs_usage_error("--input-format needs auto, pem, der or base64, got '%s'",
                                      next ? next : "");
            }
            i++;
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
        } else if (strcmp(a, "--all-cas") == 0) {
            cli->all_cas = 1;
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
    return 1;
}

typedef struct cs_scan_ctx {
    const cs_cli *cli;
    cs_progress *progress;
    int lint;
    uint64_t reported;
    uint64_t unreported;
} cs_scan_ctx;

#define CS_REJECTIONS_SHOWN 20

static void cs_report_rejection(const cs_scan_entry *it) {
    char line[32] = "";
    if (it->line != 0) {
        snprintf(line, sizeof line, ", line %llu", (unsigned long long)it->line);
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

/* The writer: called in input order, on this thread. */
static void cs_on_ordered(void *ctx, const cs_scan_entry *entries, unsigned n, const cs_buf *text) {
    cs_scan_ctx *sc = ctx;
    if (sc->lint) {
        fwrite(text->p, 1, text->len, stdout);
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        if (entries[i].parsed) {
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
    if (sc->progress != NULL) {
        cs_progress_lock(sc->progress);
    }
    fprintf(stderr, "certscan: %s: %s\n", path, message);
    if (sc->progress != NULL) {
        cs_progress_unlock(sc->progress);
    }
}

static int cs_on_agg_batch(void *agg, const cs_scan_batch *b, cs_buf *out) {
    (void)out;
    return cs_agg_add_batch(agg, b);
}

/* Per-worker states: an aggregate each for scan, a lint renderer each for lint. */
typedef struct cs_worker_states {
    unsigned n;
    void **state;
    cs_agg **aggs;
    cs_lint_output *lints;
} cs_worker_states;

static void cs_worker_states_free(cs_worker_states *ws) {
    for (unsigned i = 0; ws->aggs != NULL && i < ws->n; i++) {
        cs_agg_free(ws->aggs[i]);
    }
    free(ws->aggs);
    free(ws->lints);
    free(ws->state);
}

static int cs_worker_states_init(cs_worker_states *ws, unsigned n, int lint, const cs_cli *cli,
                                 const cs_ruleset *rs) {
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
            cs_lint_output_init(&ws->lints[i], cli->json ? CS_LINT_JSON : CS_LINT_TEXT, rs);
            ws->state[i] = &ws->lints[i];
        }
        return 1;
    }
    ws->aggs = calloc(n, sizeof *ws->aggs);
    if (ws->aggs == NULL) {
        return 0;
    }
    for (unsigned i = 0; i < n; i++) {
        if ((ws->aggs[i] = cs_agg_new(rs)) == NULL) {
            return 0;
        }
        ws->state[i] = ws->aggs[i];
    }
    return 1;
}

static int cs_run_scan(const cs_cli *cli, const cs_ruleset *rs, int lint) {
    if (cli->num_inputs == 0) {
        cs_usage_error("%s needs at least one INPUT (use - for standard input)", cli->command);
        return CS_EXIT_USAGE;
    }
    unsigned jobs = cli->jobs != 0 ? cli->jobs : cs_scan_default_jobs();
    cs_worker_states ws;
    if (!cs_worker_states_init(&ws, jobs, lint, cli, rs)) {
        cs_worker_states_free(&ws);
        fprintf(stderr, "certscan: out of memory\n");
        return 1;
    }
    cs_scan_ctx sc = {.cli = cli, .lint = lint};
    int tty = isatty(STDERR_FILENO);
    if (cli->progress || (tty && !cli->quiet)) {
        /* Without it the scan still runs: the line is a convenience. */
        sc.progress = cs_progress_new(stderr, tty);
    }
    cs_scan_options opt = {
        .format = cli->input_format,
        .input = cli->input,
        .rules = rs,
        .profiles = cli->profiles,
        .jobs = jobs,
        .readers = cli->readers,
        .split_size = cli->split_size,
        .worker_state = ws.state,
        .on_batch = lint ? cs_lint_output_batch : cs_on_agg_batch,
        .on_ordered = cs_on_ordered,
        .on_error = cs_on_error,
        .ctx = &sc,
        .progress = sc.progress,
    };
    cs_scan_totals totals;
    char err[256];
    int ok = cs_scan_paths(cli->inputs, cli->num_inputs, &opt, &totals, err, sizeof err);
    cs_progress_free(sc.progress);
    for (unsigned i = 1; ok && !lint && i < jobs; i++) {
        if (!cs_agg_merge(ws.aggs[0], ws.aggs[i])) {
            snprintf(err, sizeof err, "out of memory");
            ok = 0;
        }
    }
    if (!ok) {
        fprintf(stderr, "certscan: %s\n", err);
        cs_worker_states_free(&ws);
        return 1;
    }
    if (sc.unreported > 0 && !cli->quiet) {
        fprintf(stderr, "certscan: %llu more rejected entries not shown (use --verbose)\n",
                (unsigned long long)sc.unreported);
    }
    if (!lint) {
        cs_report_options ro = {.top_cas = cli->top, .all_cas = cli->all_cas};
        if (cli->json) {
            cs_report_json(stdout, ws.aggs[0], &totals, &ro);
        } else {
            cs_report_text(stdout, ws.aggs[0], &totals, &ro);
        }
    }
    cs_worker_states_free(&ws);
    if (totals.entries != totals.parsed + totals.rejected) {
        /* The driver counts every entry once; a mismatch is a certscan bug, never hidden. */
        fprintf(stderr, "certscan: internal error: %llu read != %llu parsed + %llu rejected\n",
                (unsigned long long)totals.entries, (unsigned long long)totals.parsed,
                (unsigned long long)totals.rejected);
        return 1;
    }
    return totals.input_errors > 0 ? CS_EXIT_INPUT : CS_EXIT_OK;
}

int main(int argc, char **argv) {
    cs_cli cli = {0};
    if (!cs_parse_args(argc, argv, &cli)) {
        free(cli.inputs);
        free(cli.profiles);
        return CS_EXIT_USAGE;
    }
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(&cli.rule_options, err, sizeof err);
    if (rs == NULL) {
        fprintf(stderr, "certscan: %s\n", err);
        free(cli.inputs);
        free(cli.profiles);
        return 1;
    }
    int rc;
    if (strcmp(cli.command, "scan") == 0) {
        rc = cs_run_scan(&cli, rs, 0);
    } else if (strcmp(cli.command, "lint") == 0) {
        rc = cs_run_scan(&cli, rs, 1);
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
    cs_ruleset_free(rs);
    free(cli.inputs);
    free(cli.profiles);
    fflush(stdout);
    return rc;
}
