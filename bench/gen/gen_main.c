/* certscan-gen: writes synthetic certificate corpora with known defects, and checks a
 * certscan report against what it wrote.
 *
 *   certscan-gen [options] -o DIR        generate
 *   certscan-gen check EXPECTED REPORT   compare expected.tsv with `certscan scan --format
 *                                        json --all-cas` output; exit 1 on any difference
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/gen/gen_check.h"
#include "bench/gen/gen_defect.h"
#include "bench/gen/gen_defect_ca.h"
#include "bench/gen/gen_fill.h"
#include "bench/gen/gen_run.h"

static void gen_usage(FILE *out) {
    fprintf(out,
            "usage: certscan-gen [options] -o DIR\n"
            "       certscan-gen check EXPECTED.tsv REPORT.json\n\n"
            "options:\n"
            "  -o, --out DIR          output directory (made if missing)\n"
            "  -n, --count N          entries in total, CA certificates included "
            "(default 10000)\n"
            "  --seed S               random seed (default 1); same seed, same bytes\n"
            "  --formats LIST         comma-separated: %s (default der)\n"
            "  --per-file N           split stream formats every N entries (default: one "
            "file)\n"
            "  --gzip-level L         1..9 for .gz formats (default 6)\n"
            "  --cas N                number of CAs (default: from the count, 12 to 200)\n"
            "  --tls-share PCT        percent of issuing CAs that issue TLS (default 25)\n"
            "  --defects X            defect rate multiplier (default 1; 0: every "
            "certificate clean)\n"
            "  --defect NAME[:RATE]   apply only this defect, to RATE of the certificates "
            "(default 1);\n"
            "                         NAME all: any defect, chosen uniformly among those that "
            "apply\n"
            "  --list-defects         list the defects and exit\n"
            "  --key-pool N           subscriber keys per key type (default 16)\n"
            "  --signatures MODE      cheap (default: real where the issuer key is P-256 "
            "or Ed25519,\n"
            "                         and on CA certificates), all, none\n"
            "  -j N                   threads for key generation (default 2)\n"
            "  -q, --quiet            no statistics on stderr\n",
            gen_format_names());
}

static int gen_write_cas(const gen_world *w, const char *path) {
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        return 0;
    }
    fprintf(f, "index\trole\tparent\tkey\tsignature\tvolume\tdefect_rate\tname\n");
    static const char *const roles[] = {"root", "smime", "tls"};
    for (int i = 0; i < w->num_cas; i++) {
        const gen_ca *ca = &w->cas[i];
        fprintf(f, "%d\t%s\t%d\t%s\t%s\t%u\t%.3f\t%s\n", i, roles[ca->role], ca->parent,
                gen_key_type_name(ca->key.type), gen_sig_alg_name(ca->sig_alg), ca->volume,
                ca->h.defect_rate, ca->name);
    }
    return fclose(f) == 0;
}

static int gen_write_expected(const gen_world *w, const gen_expect *e, const char *path) {
    const char **names = calloc((size_t)w->num_cas, sizeof *names);
    FILE *f = fopen(path, "w");
    if (names == NULL || f == NULL) {
        free(names);
        if (f != NULL) {
            fclose(f);
        }
        return 0;
    }
    for (int i = 0; i < w->num_cas; i++) {
        names[i] = w->cas[i].name;
    }
    int ok = gen_expect_write(e, f, names);
    free(names);
    return fclose(f) == 0 && ok;
}

static int gen_write_manifest(const gen_world *w, const gen_expect *e, const gen_stats *st,
                              const char *formats, const char *path) {
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        return 0;
    }
    fprintf(f, "seed\t%llu\n", (unsigned long long)w->cfg.seed);
    fprintf(f, "entries\t%llu\n", (unsigned long long)st->entries);
    fprintf(f, "ca_certificates\t%llu\n", (unsigned long long)(st->entries - st->subscribers));
    fprintf(f, "smime\t%llu\n", (unsigned long long)st->smime);
    fprintf(f, "tls\t%llu\n", (unsigned long long)st->tls);
    fprintf(f, "precertificates\t%llu\n", (unsigned long long)st->precerts);
    fprintf(f, "clean\t%llu\n", (unsigned long long)e->clean);
    fprintf(f, "defective\t%llu\n", (unsigned long long)e->defective);
    fprintf(f, "der_bytes\t%llu\n", (unsigned long long)st->der_bytes);
    fprintf(f, "formats\t%s\n", formats);
    for (int p = 0; p < GEN_PROFILES; p++) {
        fprintf(f, "profile\t%s\t%llu\n", gen_profile_name(p),
                (unsigned long long)st->per_profile[p]);
    }
    for (int d = 0; d < gen_num_defects; d++) {
        fprintf(f, "defect\t%s\t%llu\n", gen_defects[d].name, (unsigned long long)e->defect_use[d]);
    }
    for (int i = 0; i < w->num_cas; i++) {
        if (w->cas[i].cert_defect >= 0) {
            fprintf(f, "ca_defect\t%s\t%s\n", gen_ca_defect_name(w->cas[i].cert_defect),
                    w->cas[i].name);
        }
    }
    return fclose(f) == 0;
}

static double gen_wall_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int gen_parse_u64(const char *s, uint64_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0') {
        return 0;
    }
    *out = v;
    return 1;
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "check") == 0) {
        if (argc != 4) {
            gen_usage(stderr);
            return 2;
        }
        return gen_check(argv[2], argv[3], stdout);
    }
    gen_config cfg = {.seed = 1, .count = 10000, .defects = 1.0, .tls_share = 25, .threads = 2};
    const char *out_dir = NULL, *formats = "der", *only = NULL;
    uint64_t per_file = 0, v;
    int gzip_level = 6, quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        int used = 1;
        if ((strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) && val != NULL) {
            out_dir = val;
        } else if ((strcmp(a, "-n") == 0 || strcmp(a, "--count") == 0) && val != NULL &&
                   gen_parse_u64(val, &v)) {
            cfg.count = v;
        } else if (strcmp(a, "--seed") == 0 && val != NULL && gen_parse_u64(val, &v)) {
            cfg.seed = v;
        } else if (strcmp(a, "--formats") == 0 && val != NULL) {
            formats = val;
        } else if (strcmp(a, "--per-file") == 0 && val != NULL && gen_parse_u64(val, &v)) {
            per_file = v;
        } else if (strcmp(a, "--gzip-level") == 0 && val != NULL && gen_parse_u64(val, &v) &&
                   v >= 1 && v <= 9) {
            gzip_level = (int)v;
        } else if (strcmp(a, "--cas") == 0 && val != NULL && gen_parse_u64(val, &v) && v >= 3 &&
                   v <= 100000) {
            cfg.num_cas = (int)v;
        } else if (strcmp(a, "--tls-share") == 0 && val != NULL && gen_parse_u64(val, &v) &&
                   v <= 100) {
            cfg.tls_share = (int)v;
        } else if (strcmp(a, "--defects") == 0 && val != NULL) {
            cfg.defects = atof(val);
        } else if (strcmp(a, "--defect") == 0 && val != NULL) {
            only = val;
        } else if (strcmp(a, "--key-pool") == 0 && val != NULL && gen_parse_u64(val, &v) &&
                   v >= 1 && v <= 100000) {
            cfg.pool_per_type = (size_t)v;
        } else if (strcmp(a, "--signatures") == 0 && val != NULL) {
            cfg.sign_mode = strcmp(val, "none") == 0  ? GEN_SIGN_NONE
                            : strcmp(val, "all") == 0 ? GEN_SIGN_ALL
                                                      : GEN_SIGN_CHEAP;
            if (cfg.sign_mode == GEN_SIGN_CHEAP && strcmp(val, "cheap") != 0) {
                fprintf(stderr, "certscan-gen: --signatures cheap|all|none\n");
                return 2;
            }
        } else if (strcmp(a, "-j") == 0 && val != NULL && gen_parse_u64(val, &v) && v >= 1 &&
                   v <= 64) {
            cfg.threads = (int)v;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
            used = 0;
        } else if (strcmp(a, "--list-defects") == 0) {
            for (int d = 0; d < gen_num_ca_defects; d++) {
                printf("%s\tca\t%s\n", gen_ca_defect_name(d), gen_ca_defect_what(d));
            }
            for (int d = 0; d < gen_num_defects; d++) {
                printf("%s\t%s\t%s\n", gen_defects[d].name,
                       gen_defects[d].kinds == GEN_DK_SMIME ? "smime"
                       : gen_defects[d].kinds == GEN_DK_TLS ? "tls"
                                                            : "any",
                       gen_defects[d].what);
            }
            return 0;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            gen_usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "certscan-gen: bad option or value: %s\n", a);
            gen_usage(stderr);
            return 2;
        }
        i += used;
    }
    if (out_dir == NULL) {
        gen_usage(stderr);
        return 2;
    }
    gen_run_options ro = {.only_defect = -1, .only_rate = 1.0};
    if (only != NULL) {
        char name[64];
        const char *colon = strchr(only, ':');
        size_t n = colon != NULL ? (size_t)(colon - only) : strlen(only);
        if (n >= sizeof name) {
            n = sizeof name - 1;
        }
        memcpy(name, only, n);
        name[n] = '\0';
        ro.only_defect = strcmp(name, "all") == 0 ? -2 : gen_defect_find(name);
        if (colon != NULL) {
            ro.only_rate = atof(colon + 1);
        }
        if (ro.only_defect == -1) {
            fprintf(stderr, "certscan-gen: no defect '%s' (--list-defects)\n", name);
            return 2;
        }
    }
    if (!gen_oid_init() || !gen_sign_init() || !gen_static_init()) {
        fprintf(stderr, "certscan-gen: initialisation failed\n");
        return 1;
    }
    if (!gen_mkdirs(out_dir)) {
        fprintf(stderr, "certscan-gen: %s: %s\n", out_dir, strerror(errno));
        return 1;
    }
    char err[512];
    double w0 = gen_wall_now();
    gen_world w;
    if (!gen_world_build(&w, &cfg, err, sizeof err)) {
        fprintf(stderr, "certscan-gen: %s\n", err);
        return 1;
    }
    double w1 = gen_wall_now();
    gen_sink *sinks[32];
    int num_sinks = 0;
    char list[1024];
    snprintf(list, sizeof list, "%s", formats);
    for (char *tok = strtok(list, ","); tok != NULL; tok = strtok(NULL, ",")) {
        if (num_sinks == 32) {
            break;
        }
        sinks[num_sinks] = gen_sink_open(tok, out_dir, per_file, gzip_level, err, sizeof err);
        if (sinks[num_sinks] == NULL) {
            fprintf(stderr, "certscan-gen: %s\n", err);
            return 2;
        }
        num_sinks++;
    }
    ro.sinks = sinks;
    ro.num_sinks = num_sinks;
    gen_expect e;
    gen_stats st;
    int ok = gen_expect_init(&e, (size_t)w.num_cas, (size_t)gen_num_defects) &&
             gen_run(&w, &ro, &e, &st);
    for (int i = 0; i < num_sinks; i++) {
        ok = gen_sink_close(sinks[i]) && ok;
    }
    double w3 = gen_wall_now();
    char path[4096];
    snprintf(path, sizeof path, "%s/expected.tsv", out_dir);
    ok = ok && gen_write_expected(&w, &e, path);
    snprintf(path, sizeof path, "%s/cas.tsv", out_dir);
    ok = ok && gen_write_cas(&w, path);
    snprintf(path, sizeof path, "%s/manifest.tsv", out_dir);
    ok = ok && gen_write_manifest(&w, &e, &st, formats, path);
    if (!quiet && ok) {
        fprintf(stderr,
                "certscan-gen: %llu entries (%llu S/MIME, %llu TLS, %d CAs), %llu defective, "
                "%.1f MB DER\n"
                "  setup (keys, CAs) %.2f s wall; generation %.2f s CPU on one thread = %.0f "
                "certificates/s; writing done %.2f s wall after start\n"
                "  signatures: %llu real, %llu random-shaped\n",
                (unsigned long long)st.entries, (unsigned long long)st.smime,
                (unsigned long long)st.tls, w.num_cas, (unsigned long long)e.defective,
                (double)st.der_bytes / 1e6, w1 - w0, st.cpu_seconds,
                st.cpu_seconds > 0 ? (double)st.subscribers / st.cpu_seconds : 0.0, w3 - w0,
                (unsigned long long)st.real_sigs, (unsigned long long)st.fake_sigs);
    }
    gen_expect_free(&e);
    gen_world_free(&w);
    gen_static_free();
    gen_sign_cleanup();
    if (!ok) {
        fprintf(stderr, "certscan-gen: failed\n");
        return 1;
    }
    return 0;
}
