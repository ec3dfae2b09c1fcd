#include "scanner/profile.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scanner/facts_memo.h"
#include "scanner/x509_ext.h"

static const struct {
    const char *id;
    const char *pkilint;
} cs_profile_names[CS_PROFILE_COUNT] = {
    [CS_PROFILE_PKIX] = {"pkix", NULL},
    [CS_PROFILE_SMIME_UNDETERMINED] = {"smime.undetermined", NULL},
    [CS_PROFILE_SMIME_MAILBOX_LEGACY] = {"smime.mailbox.legacy", "MAILBOX-LEGACY"},
    [CS_PROFILE_SMIME_MAILBOX_MULTIPURPOSE] = {"smime.mailbox.multipurpose",
                                               "MAILBOX-MULTIPURPOSE"},
    [CS_PROFILE_SMIME_MAILBOX_STRICT] = {"smime.mailbox.strict", "MAILBOX-STRICT"},
    [CS_PROFILE_SMIME_ORGANIZATION_LEGACY] = {"smime.organization.legacy", "ORGANIZATION-LEGACY"},
    [CS_PROFILE_SMIME_ORGANIZATION_MULTIPURPOSE] = {"smime.organization.multipurpose",
                                                    "ORGANIZATION-MULTIPURPOSE"},
    [CS_PROFILE_SMIME_ORGANIZATION_STRICT] = {"smime.organization.strict", "ORGANIZATION-STRICT"},
    [CS_PROFILE_SMIME_SPONSOR_LEGACY] = {"smime.sponsor.legacy", "SPONSORED-LEGACY"},
    [CS_PROFILE_SMIME_SPONSOR_MULTIPURPOSE] = {"smime.sponsor.multipurpose",
                                               "SPONSORED-MULTIPURPOSE"},
    [CS_PROFILE_SMIME_SPONSOR_STRICT] = {"smime.sponsor.strict", "SPONSORED-STRICT"},
    [CS_PROFILE_SMIME_INDIVIDUAL_LEGACY] = {"smime.individual.legacy", "INDIVIDUAL-LEGACY"},
    [CS_PROFILE_SMIME_INDIVIDUAL_MULTIPURPOSE] = {"smime.individual.multipurpose",
                                                  "INDIVIDUAL-MULTIPURPOSE"},
    [CS_PROFILE_SMIME_INDIVIDUAL_STRICT] = {"smime.individual.strict", "INDIVIDUAL-STRICT"},
};

cs_profile cs_profile_smime(cs_smime_type type, cs_smime_generation generation) {
    if (type < CS_SMIME_MAILBOX || type > CS_SMIME_INDIVIDUAL || generation < CS_SMIME_LEGACY ||
        generation > CS_SMIME_STRICT) {
        return CS_PROFILE_SMIME_UNDETERMINED;
    }
    return (cs_profile)(CS_PROFILE_SMIME_MAILBOX_LEGACY + (type - 1) * 3 + (generation - 1));
}

int cs_profile_smime_type(cs_profile p) {
    return p >= CS_PROFILE_SMIME_MAILBOX_LEGACY && p < CS_PROFILE_COUNT
               ? (int)(p - CS_PROFILE_SMIME_MAILBOX_LEGACY) / 3 + 1
               : 0;
}

int cs_profile_smime_generation(cs_profile p) {
    return p >= CS_PROFILE_SMIME_MAILBOX_LEGACY && p < CS_PROFILE_COUNT
               ? (int)(p - CS_PROFILE_SMIME_MAILBOX_LEGACY) % 3 + 1
               : 0;
}

const char *cs_profile_name(cs_profile p) {
    return (unsigned)p < CS_PROFILE_COUNT ? cs_profile_names[p].id : "unknown";
}

int cs_profile_parse(const char *text, cs_profile *out) {
    for (unsigned p = 0; p < CS_PROFILE_COUNT; p++) {
        if (strcasecmp(text, cs_profile_names[p].id) == 0 ||
            (cs_profile_names[p].pkilint != NULL &&
             strcasecmp(text, cs_profile_names[p].pkilint) == 0)) {
            *out = (cs_profile)p;
            return 1;
        }
    }
    return 0;
}

const char *cs_profile_why_name(cs_profile_why why) {
    switch (why) {
    case CS_PROFILE_WHY_RESERVED_OID:
        return "reserved-oid";
    case CS_PROFILE_WHY_MAP:
        return "map";
    case CS_PROFILE_WHY_FORCED:
        return "forced";
    default:
        return "none";
    }
}

/* Encodes a dotted OID into content octets; returns the length or 0. */
static size_t cs_oid_encode(const char *dotted, uint8_t *out, size_t cap) {
    uint64_t arcs[32];
    size_t num = 0;
    const char *p = dotted;
    while (*p != '\0') {
        if (num == 32 || !isdigit((unsigned char)*p)) {
            return 0;
        }
        char *end;
        arcs[num++] = strtoull(p, &end, 10);
        if (*end == '.') {
            p = end + 1;
            if (*p == '\0') {
                return 0;
            }
        } else if (*end == '\0') {
            p = end;
        } else {
            return 0;
        }
    }
    if (num < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40)) {
        return 0;
    }
    size_t len = 0;
    for (size_t i = 1; i < num; i++) {
        uint64_t v = i == 1 ? arcs[0] * 40 + arcs[1] : arcs[i];
        uint8_t tmp[10];
        size_t n = 0;
        do {
            tmp[n++] = (uint8_t)(v & 0x7F);
            v >>= 7;
        } while (v != 0);
        if (len + n > cap) {
            return 0;
        }
        while (n > 0) {
            n--;
            out[len++] = (uint8_t)(tmp[n] | (n > 0 ? 0x80 : 0));
        }
    }
    return len;
}

static char *cs_trim(char *s) {
    while (isspace((unsigned char)*s)) {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1])) {
        s[--n] = '\0';
    }
    return s;
}

int cs_profile_config_load_map(cs_profile_config *cfg, const char *path, char *errbuf,
                               size_t errlen) {
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(errbuf, errlen, "%s: cannot open", path);
        return 0;
    }
    char line[512];
    unsigned lineno = 0;
    int ok = 1;
    while (ok && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash != NULL) {
            *hash = '\0';
        }
        char *text = cs_trim(line);
        if (*text == '\0') {
            continue;
        }
        char *eq = strchr(text, '=');
        cs_profile profile;
        if (eq == NULL) {
            snprintf(errbuf, errlen, "%s:%u: expected OID=PROFILE", path, lineno);
            ok = 0;
            break;
        }
        *eq = '\0';
        char *oid = cs_trim(text), *name = cs_trim(eq + 1);
        if (!cs_profile_parse(name, &profile) || profile == CS_PROFILE_PKIX) {
            snprintf(errbuf, errlen, "%s:%u: unknown profile '%s'", path, lineno, name);
            ok = 0;
        } else if (cfg->num_map == CS_PROFILE_MAP_MAX) {
            snprintf(errbuf, errlen, "%s:%u: more than %d entries", path, lineno,
                     CS_PROFILE_MAP_MAX);
            ok = 0;
        } else {
            size_t n =
                cs_oid_encode(oid, cfg->map[cfg->num_map].oid, sizeof cfg->map[cfg->num_map].oid);
            if (n == 0) {
                snprintf(errbuf, errlen, "%s:%u: '%s' is not a dotted OID", path, lineno, oid);
                ok = 0;
            } else {
                cfg->map[cfg->num_map].oid_len = (uint8_t)n;
                cfg->map[cfg->num_map].profile = profile;
                cfg->num_map++;
            }
        }
    }
    fclose(f);
    return ok;
}

/* 2.23.140.1.5 (SBR §7.1.6.1) as content octets: 67 81 0c 01 05. */
static const uint8_t cs_smime_arc[] = {0x67, 0x81, 0x0C, 0x01, 0x05};

static void cs_profile_policies_walk(const cs_x509 *x, cs_der value, const cs_profile_config *cfg,
                                     cs_profile_result *out, cs_profile *mapped) {
    cs_der_error err = {.base = x->der.ptr};
    cs_policy_iter it;
    unsigned count;
    if (!cs_decode_certificate_policies(value, &it, &count, &err)) {
        return;
    }
    cs_policy pol;
    while (cs_policy_iter_next(&it, &pol, &err) == CS_ITER_ITEM) {
        const uint8_t *p = pol.oid.ptr;
        if (pol.oid.len >= sizeof cs_smime_arc &&
            memcmp(p, cs_smime_arc, sizeof cs_smime_arc) == 0) {
            if (out->num_reserved_oids < UINT8_MAX) {
                out->num_reserved_oids++;
            }
            /* The type and generation arcs are single octets: 2.23.140.1.5.T.G. */
            if (pol.oid.len == sizeof cs_smime_arc + 2 && p[5] >= 1 && p[5] <= 4 && p[6] >= 1 &&
                p[6] <= 3) {
                if (out->why != CS_PROFILE_WHY_RESERVED_OID) {
                    out->profile = cs_profile_smime((cs_smime_type)p[5], (cs_smime_generation)p[6]);
                    out->why = CS_PROFILE_WHY_RESERVED_OID;
                }
            } else {
                out->reserved_oid_invalid = 1;
            }
            continue;
        }
        for (size_t i = 0; cfg != NULL && i < cfg->num_map && *mapped == CS_PROFILE_PKIX; i++) {
            if (cfg->map[i].oid_len == pol.oid.len &&
                memcmp(cfg->map[i].oid, pol.oid.ptr, pol.oid.len) == 0) {
                *mapped = cfg->map[i].profile;
            }
        }
    }
}

/* What the walk above found, packed into a memo result: the reserved-OID count (0-7), the
 * profile a reserved OID named (8-15), the mapped profile (16-23), and the why and invalid
 * flags (24, 25). */
#define CS_PROFILE_CP_WHY_RESERVED 0x1000000u
#define CS_PROFILE_CP_INVALID      0x2000000u

/* A CA writes the same policies into everything it issues: the walk (which validates every
 * qualifier) runs once per distinct value and configuration without a map. With a
 * --profile-map the result depends on the map, so it is not remembered. */
static void cs_profile_policies(const cs_x509 *x, const cs_profile_config *cfg,
                                cs_profile_result *out, cs_profile *mapped) {
    int index = cs_x509_find_ext(x, CS_EXT_CERTIFICATE_POLICIES);
    if (index < 0) {
        return;
    }
    cs_der value = x->ext[index].value;
    if (cfg != NULL && cfg->num_map > 0) {
        cs_profile_policies_walk(x, value, cfg, out, mapped);
        return;
    }
    /* The caller starts from a zeroed result with profile PKIX and no mapping; the walk then
     * depends on the value alone. */
    cs_memo_rec memo;
    uint32_t r;
    if (cs_memo_lookup(&memo, CS_MEMO_PROFILE_CP, value, 0, 0, NULL, &r)) {
        out->num_reserved_oids = (uint8_t)(r & 0xFFu);
        if (r & CS_PROFILE_CP_WHY_RESERVED) {
            out->profile = (cs_profile)((r >> 8) & 0xFFu);
            out->why = CS_PROFILE_WHY_RESERVED_OID;
        }
        out->reserved_oid_invalid = (uint8_t)((r & CS_PROFILE_CP_INVALID) != 0);
        *mapped = (cs_profile)((r >> 16) & 0xFFu);
        return;
    }
    cs_profile_policies_walk(x, value, cfg, out, mapped);
    r = out->num_reserved_oids | (uint32_t)(*mapped & 0xFF) << 16;
    if (out->why == CS_PROFILE_WHY_RESERVED_OID) {
        r |= (uint32_t)(out->profile & 0xFF) << 8 | CS_PROFILE_CP_WHY_RESERVED;
    }
    if (out->reserved_oid_invalid) {
        r |= CS_PROFILE_CP_INVALID;
    }
    cs_memo_save(&memo, NULL, r);
}

static int cs_profile_has_mailbox(const cs_x509 *x) {
    int index = cs_x509_find_ext(x, CS_EXT_SUBJECT_ALT_NAME);
    if (index < 0) {
        return 0;
    }
    cs_der_error err = {.base = x->der.ptr};
    cs_gn_iter it;
    unsigned counts[CS_GN_TYPE_COUNT], total;
    if (!cs_decode_general_names(x->ext[index].value, &it, counts, &total, &err)) {
        return 0;
    }
    if (counts[CS_GN_RFC822] > 0) {
        return 1;
    }
    if (counts[CS_GN_OTHER_NAME] == 0) {
        return 0;
    }
    cs_general_name gn;
    while (cs_gn_iter_next(&it, &gn, &err) == CS_ITER_ITEM) {
        if (gn.type == CS_GN_OTHER_NAME &&
            cs_oid_misc(gn.other_oid) == CS_OID_ON_SMTP_UTF8_MAILBOX) {
            return 1;
        }
    }
    return 0;
}

void cs_profile_detect(const cs_x509 *x509, int is_subscriber, uint32_t eku_mask,
                       const cs_profile_config *cfg, cs_profile_result *out) {
    memset(out, 0, sizeof *out);
    out->profile = CS_PROFILE_PKIX;
    out->email_protection = (eku_mask >> CS_EKU_EMAIL_PROTECTION) & 1u;
    if (cfg != NULL && cfg->forced) {
        /* Forcing replaces the detected profile, not what the policies hold: the reserved-OID
         * count (SBR 7.1.2.3 (a), smime.policy.reserved_oid_count) is still this certificate's.
         * The scan may set profile and why, which are overwritten next. */
        cs_profile ignored = CS_PROFILE_PKIX;
        cs_profile_policies(x509, NULL, out, &ignored);
        out->profile = cfg->forced_profile;
        out->why = CS_PROFILE_WHY_FORCED;
        out->smime = cfg->forced_profile != CS_PROFILE_PKIX;
        out->has_mailbox = (uint8_t)cs_profile_has_mailbox(x509);
        return;
    }
    if (!is_subscriber) {
        return;
    }
    /* A reserved SBR policy OID (or a mapped private one) declares an S/MIME certificate even
     * when its EKU or SAN is wrong: those are then findings, as pkilint and zlint judge them. */
    cs_profile mapped = CS_PROFILE_PKIX;
    cs_profile_policies(x509, cfg, out, &mapped);
    if (out->why == CS_PROFILE_WHY_RESERVED_OID || mapped != CS_PROFILE_PKIX) {
        out->smime = 1;
        out->has_mailbox = (uint8_t)cs_profile_has_mailbox(x509);
        if (out->why != CS_PROFILE_WHY_RESERVED_OID) {
            out->profile = mapped;
            out->why = CS_PROFILE_WHY_MAP;
        }
        return;
    }
    /* Otherwise SBR §1.1's definition: emailProtection and a mailbox address. Such a certificate
     * without a usable policy OID is S/MIME of undetermined type, and reported as such. */
    if (!out->email_protection) {
        return;
    }
    out->has_mailbox = (uint8_t)cs_profile_has_mailbox(x509);
    if (out->has_mailbox || out->num_reserved_oids > 0) {
        out->smime = 1;
        out->profile = CS_PROFILE_SMIME_UNDETERMINED;
    }
}
