#include "scanner/rules_output.h"

#include "io/json.h"

static void cs_json_names(FILE *out, const char *const *names) {
    fputc('[', out);
    for (size_t i = 0; names != NULL && names[i] != NULL; i++) {
        if (i > 0) {
            fputc(',', out);
        }
        cs_json_string(out, names[i]);
    }
    fputc(']', out);
}

static void cs_json_date(FILE *out, const char *date) {
    if (date == NULL) {
        fputs("null", out);
    } else {
        cs_json_string(out, date);
    }
}

void cs_rules_write_json(FILE *out, const cs_ruleset *rs) {
    for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
        const cs_rule *r = cs_ruleset_rule(rs, i);
        fputs("{\"id\":", out);
        cs_json_string(out, r->id);
        fprintf(out, ",\"severity\":\"%s\",\"source\":", cs_severity_name(r->severity));
        cs_json_string(out, r->source);
        fputs(",\"citation\":", out);
        cs_json_string(out, r->citation);
        fputs(",\"description\":", out);
        cs_json_string(out, r->description);
        fputs(",\"effective\":", out);
        cs_json_date(out, r->effective);
        fputs(",\"ineffective\":", out);
        cs_json_date(out, r->ineffective);
        fputs(",\"applies\":{\"kinds\":[", out);
        int first = 1;
        for (unsigned k = 0; k < CS_KIND_COUNT; k++) {
            if (r->applies & (1u << k)) {
                fprintf(out, "%s\"%s\"", first ? "" : ",", cs_kind_name((cs_kind)k));
                first = 0;
            }
        }
        fprintf(out, "],\"precertificates\":%s,\"profiles\":",
                (r->applies & CS_APPLIES_PRECERT) ? "true" : "false");
        if (r->profiles == 0) {
            fputs("\"all\"", out);
        } else {
            fputc('[', out);
            int first_profile = 1;
            for (unsigned p = 0; p < CS_PROFILE_COUNT; p++) {
                if (r->profiles & CS_PROFILE_BIT(p)) {
                    fprintf(out, "%s\"%s\"", first_profile ? "" : ",",
                            cs_profile_name((cs_profile)p));
                    first_profile = 0;
                }
            }
            fputc(']', out);
        }
        fputs("},\"pkilint\":", out);
        cs_json_names(out, r->pkilint);
        fputs(",\"zlint\":", out);
        cs_json_names(out, r->zlint);
        fputs("}\n", out);
    }
}

static void cs_text_names(FILE *out, const char *label, const char *const *names) {
    if (names == NULL || names[0] == NULL) {
        return;
    }
    fprintf(out, "    %s:", label);
    for (size_t i = 0; names[i] != NULL; i++) {
        fprintf(out, " %s", names[i]);
    }
    fputc('\n', out);
}

void cs_rules_write_text(FILE *out, const cs_ruleset *rs) {
    for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
        const cs_rule *r = cs_ruleset_rule(rs, i);
        fprintf(out, "%s  [%s]  %s \xC2\xA7%s\n", r->id, cs_severity_name(r->severity), r->source,
                r->citation);
        fprintf(out, "    %s\n", r->description);
        fprintf(out, "    applies to:");
        for (unsigned k = 0; k < CS_KIND_COUNT; k++) {
            if (r->applies & (1u << k)) {
                fprintf(out, " %s", cs_kind_name((cs_kind)k));
            }
        }
        if (r->applies & CS_APPLIES_PRECERT) {
            fputs(" (precertificates too)", out);
        }
        if (r->profiles == CS_PROFILES_SMIME_ALL) {
            fputs("; S/MIME profiles", out);
        } else if (r->profiles != 0) {
            fputs("; profiles", out);
            for (unsigned p = 0; p < CS_PROFILE_COUNT; p++) {
                if (r->profiles & CS_PROFILE_BIT(p)) {
                    fprintf(out, " %s", cs_profile_name((cs_profile)p));
                }
            }
        }
        fputc('\n', out);
        if (r->effective != NULL || r->ineffective != NULL) {
            fprintf(out, "    in force: %s to %s\n", r->effective ? r->effective : "always",
                    r->ineffective ? r->ineffective : "now");
        }
        cs_text_names(out, "pkilint", r->pkilint);
        cs_text_names(out, "zlint", r->zlint);
    }
    fprintf(out, "%zu rules\n", cs_ruleset_count(rs));
}
