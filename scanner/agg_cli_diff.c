/* The command line of baselines: `scan --baseline FILE.cbor` loads one, `certscan diff` compares
 * two saved aggregates (agg_diff.h). */
#include <stdlib.h>

#include "scanner/agg_cli.h"
#include "scanner/agg_diff.h"

int cs_agg_cli_load_baseline(cs_agg_cli *o) {
    if (o->baseline_path == NULL) {
        return 1;
    }
    char err[512];
    cs_agg *a = cs_agg_load(o->baseline_path, err, sizeof err);
    if (a == NULL) {
        fprintf(stderr, "certscan: --baseline %s: %s\n", o->baseline_path, err);
        return 0;
    }
    o->baseline = a;
    return 1;
}

int cs_agg_cli_diff(const char *const *files, size_t n, int json,
                    uint64_t new_findings[CS_SEV_COUNT]) {
    if (n != 2) {
        fprintf(stderr, "certscan: diff needs OLD.cbor NEW.cbor\nTry 'certscan --help'.\n");
        return 2;
    }
    char err[512];
    cs_agg *side[2] = {NULL, NULL};
    for (size_t i = 0; i < 2; i++) {
        if ((side[i] = cs_agg_load(files[i], err, sizeof err)) == NULL) {
            fprintf(stderr, "certscan: %s: %s\n", files[i], err);
            cs_agg_free(side[0]);
            return 1;
        }
    }
    cs_agg_diff *d = cs_agg_diff_new(side[0], side[1]);
    int ok = d != NULL;
    if (!ok) {
        fprintf(stderr, "certscan: diff: out of memory\n");
    } else if (json) {
        cs_agg_diff_json(stdout, d, files[0], files[1]);
        fputc('\n', stdout);
    } else {
        cs_agg_diff_text(stdout, d, files[0], files[1]);
    }
    if (ok) {
        cs_agg_diff_new_findings(d, new_findings);
    }
    cs_agg_diff_free(d);
    cs_agg_free(side[0]);
    cs_agg_free(side[1]);
    return ok ? 0 : 1;
}
