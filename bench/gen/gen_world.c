#include "bench/gen/gen_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/gen/gen_cacert.h"
#include "bench/gen/gen_defect.h"

/* Extension orders seen in practice: OpenSSL-style, EJBCA-style and AD CS-style. Every list
 * names every extension, so whichever is present gets a place. */
static const uint8_t gen_orders[3][GEN_X_COUNT] = {
    {GEN_X_BC,         GEN_X_KU,          GEN_X_EKU,    GEN_X_SKI,      GEN_X_AKI,
     GEN_X_AIA,        GEN_X_CRLDP,       GEN_X_CP,     GEN_X_SAN,      GEN_X_NC,
     GEN_X_SMIME_CAPS, GEN_X_QC,          GEN_X_LEI,    GEN_X_LEI_ROLE, GEN_X_SDA,
     GEN_X_ADOBE_TS,   GEN_X_MS_TEMPLATE, GEN_X_POISON, GEN_X_SCT,      GEN_X_PRIVATE},
    {GEN_X_AIA,        GEN_X_SKI,         GEN_X_BC,  GEN_X_AKI,      GEN_X_CP,
     GEN_X_CRLDP,      GEN_X_KU,          GEN_X_EKU, GEN_X_SAN,      GEN_X_NC,
     GEN_X_QC,         GEN_X_SDA,         GEN_X_LEI, GEN_X_LEI_ROLE, GEN_X_ADOBE_TS,
     GEN_X_SMIME_CAPS, GEN_X_MS_TEMPLATE, GEN_X_SCT, GEN_X_POISON,   GEN_X_PRIVATE},
    {GEN_X_KU,  GEN_X_EKU,      GEN_X_MS_TEMPLATE, GEN_X_SMIME_CAPS, GEN_X_SKI,
     GEN_X_AKI, GEN_X_CRLDP,    GEN_X_AIA,         GEN_X_SAN,        GEN_X_CP,
     GEN_X_BC,  GEN_X_NC,       GEN_X_QC,          GEN_X_LEI,        GEN_X_LEI_ROLE,
     GEN_X_SDA, GEN_X_ADOBE_TS, GEN_X_POISON,      GEN_X_SCT,        GEN_X_PRIVATE},
};

static const char *const gen_brand_words[] = {
    "Nordwind", "Alpenblick", "Bluewater", "Silverline", "Greenfield", "Ironbridge",
    "Sunrise",  "Lighthouse", "Northstar", "Redwood",    "Cobalt",     "Quantum",
    "Helix",    "Meridian",   "Atlas",     "Orion",      "Vertex",     "Pioneer",
    "Summit",   "Harbor",     "Falcon",    "Evergreen",  "Granite",    "Horizon",
};
#define GEN_NUM_BRANDS (sizeof gen_brand_words / sizeof gen_brand_words[0])

static const uint8_t gen_reserved[GEN_PROFILES][8] = {
    {0x67, 0x81, 0x0c, 0x01, 0x05, 0x01, 0x01}, {0x67, 0x81, 0x0c, 0x01, 0x05, 0x01, 0x02},
    {0x67, 0x81, 0x0c, 0x01, 0x05, 0x01, 0x03}, {0x67, 0x81, 0x0c, 0x01, 0x05, 0x02, 0x01},
    {0x67, 0x81, 0x0c, 0x01, 0x05, 0x02, 0x02}, {0x67, 0x81, 0x0c, 0x01, 0x05, 0x02, 0x03},
    {0x67, 0x81, 0x0c, 0x01, 0x05, 0x03, 0x01}, {0x67, 0x81, 0x0c, 0x01, 0x05, 0x03, 0x02},
    {0x67, 0x81, 0x0c, 0x01, 0x05, 0x03, 0x03}, {0x67, 0x81, 0x0c, 0x01, 0x05, 0x04, 0x01},
    {0x67, 0x81, 0x0c, 0x01, 0x05, 0x04, 0x02}, {0x67, 0x81, 0x0c, 0x01, 0x05, 0x04, 0x03},
};

const uint8_t *gen_reserved_oid(int profile, uint8_t *len) {
    *len = 7;
    return gen_reserved[profile];
}

const char *gen_profile_name(int profile) {
    static const char *const names[GEN_PROFILES] = {
        "smime.mailbox.legacy",      "smime.mailbox.multipurpose",      "smime.mailbox.strict",
        "smime.organization.legacy", "smime.organization.multipurpose", "smime.organization.strict",
        "smime.sponsor.legacy",      "smime.sponsor.multipurpose",      "smime.sponsor.strict",
        "smime.individual.legacy",   "smime.individual.multipurpose",   "smime.individual.strict",
    };
    return names[profile];
}

/* RFC 4514 escaping, as certscan prints names. */
static void gen_dn_append(char *out, size_t cap, const char *label, const char *value) {
    size_t n = strlen(out);
    if (n > 0 && n + 2 < cap) {
        memcpy(out + n, ", ", 3);
        n += 2;
    }
    n += (size_t)snprintf(out + n, cap - n, "%s=", label);
    size_t len = strlen(value);
    for (size_t i = 0; i < len && n + 3 < cap; i++) {
        char c = value[i];
        if (strchr(",+\"\\<>;=", c) != NULL || (i == 0 && (c == '#' || c == ' ')) ||
            (i + 1 == len && c == ' ')) {
            out[n++] = '\\';
        }
        out[n++] = c;
    }
    out[n] = '\0';
}

static uint8_t gen_string_tag(const gen_ca *ca, const char *s) {
    return ca->h.printable && gen_names_printable(s, strlen(s)) ? GEN_PRINTABLESTRING
                                                                : GEN_UTF8STRING;
}

static int gen_make_subject(gen_ca *ca) {
    gen_attr attrs[3] = {
        {GEN_AT_C, GEN_PRINTABLESTRING, 2, ca->country->code},
        {GEN_AT_O, gen_string_tag(ca, ca->org), (uint16_t)strlen(ca->org), ca->org},
        {GEN_AT_CN, gen_string_tag(ca, ca->cn), (uint16_t)strlen(ca->cn), ca->cn},
    };
    gen_der d;
    gen_der_init(&d);
    gen_name_encode(&d, attrs, 3);
    if (d.failed) {
        gen_der_free(&d);
        return 0;
    }
    ca->subject_der = d.buf;
    ca->subject_len = d.len;
    ca->name[0] = '\0';
    gen_dn_append(ca->name, sizeof ca->name, "C", ca->country->code);
    gen_dn_append(ca->name, sizeof ca->name, "O", ca->org);
    gen_dn_append(ca->name, sizeof ca->name, "CN", ca->cn);
    return 1;
}

static int64_t gen_date(int y, unsigned m, unsigned d) {
    return gen_days_from_civil(y, m, d) * 86400;
}

static gen_key_type gen_pick_key(gen_rng *r, const uint32_t *w) {
    return (gen_key_type)gen_rng_weighted(r, w, GEN_KEY_TYPE_COUNT);
}

static gen_sig_alg gen_pick_sig(gen_rng *r, gen_key_type t) {
    if (!gen_key_is_rsa(t)) {
        return gen_sig_alg_for_key(t);
    }
    static const uint32_t w[] = {70, 14, 6, 8, 2};
    static const gen_sig_alg a[] = {GEN_SIG_RSA_SHA256, GEN_SIG_RSA_SHA384, GEN_SIG_RSA_SHA512,
                                    GEN_SIG_RSA_PSS_SHA256, GEN_SIG_RSA_PSS_SHA384};
    return a[gen_rng_weighted(r, w, 5)];
}

/* Habits of an issuing CA. */
static void gen_habits_pick(gen_ca *ca, gen_rng *r, int smime_index, int num_smime) {
    gen_habits *h = &ca->h;
    memset(h, 0, sizeof *h);
    if (ca->role == GEN_ROLE_SMIME) {
        /* Profile p belongs mainly to S/MIME CA p % num_smime, so a handful of CAs covers all
         * twelve; each CA also issues one or two others now and then. */
        for (int p = 0; p < GEN_PROFILES; p++) {
            if (p % num_smime == smime_index) {
                h->profile_weight[p] = 10;
            }
        }
        int extra = 1 + (int)gen_rng_below(r, 2);
        for (int i = 0; i < extra; i++) {
            h->profile_weight[gen_rng_below(r, GEN_PROFILES)] += 3;
        }
        static const uint16_t days[3][4] = {
            {365, 730, 1095, 1095}, {365, 730, 730, 790}, {365, 365, 730, 790}};
        for (int g = 0; g < 3; g++) {
            h->validity_days[g] = days[g][gen_rng_below(r, 4)];
        }
        uint32_t kw[GEN_KEY_TYPE_COUNT] = {0};
        kw[GEN_KEY_RSA2048] = 50;
        kw[GEN_KEY_RSA3072] = 10;
        kw[GEN_KEY_RSA4096] = 10;
        kw[GEN_KEY_P256] = 15;
        kw[GEN_KEY_P384] = 8;
        kw[GEN_KEY_P521] = 3;
        kw[GEN_KEY_ED25519] = 2;
        memcpy(h->key_weight, kw, sizeof kw);
    } else {
        static const uint16_t tls_days[] = {90, 90, 397, 365};
        h->validity_days[0] = tls_days[gen_rng_below(r, 4)];
        h->key_weight[GEN_KEY_RSA2048] = 60;
        h->key_weight[GEN_KEY_P256] = 30;
        h->key_weight[GEN_KEY_P384] = 10;
    }
    static const uint8_t serial_lens[] = {16, 16, 16, 20, 18, 12};
    h->serial_len = serial_lens[gen_rng_below(r, sizeof serial_lens)];
    h->ski_sha256 = gen_rng_chance(r, 0.2);
    h->ocsp = gen_rng_chance(r, 0.7);
    h->ca_issuers = 1;
    h->cps = gen_rng_chance(r, 0.4);
    h->own_policy = h->cps || gen_rng_chance(r, 0.3);
    h->email_attr = gen_rng_chance(r, 0.3);
    h->cn_present = gen_rng_chance(r, 0.85);
    h->smime_caps = gen_rng_chance(r, 0.3);
    h->eku_client = gen_rng_chance(r, 0.6);
    h->ku_nr = gen_rng_chance(r, 0.25);
    h->rsa_dual = gen_rng_chance(r, 0.6);
    h->ec_agree = gen_rng_chance(r, 0.4);
    h->printable = gen_rng_chance(r, 0.4);
    h->smtputf8 = gen_rng_chance(r, 0.3);
    h->ou = gen_rng_chance(r, 0.3);
    h->locality = gen_rng_chance(r, 0.5);
    h->street = gen_rng_chance(r, 0.2);
    h->qc = gen_rng_chance(r, 0.2);
    h->lei = gen_rng_chance(r, 0.2);
    h->upn = gen_rng_chance(r, 0.2);
    h->ldap_crl = gen_rng_chance(r, 0.2);
    h->empty_subject = gen_rng_chance(r, 0.1);
    h->pseudonym = gen_rng_chance(r, 0.2);
    h->ms_template = gen_rng_chance(r, 0.1);
    h->adobe = gen_rng_chance(r, 0.1);
    h->serial_attr = gen_rng_chance(r, 0.2);
    h->user_notice = gen_rng_chance(r, 0.2);
    h->aliases = gen_rng_chance(r, 0.3);
    h->rsa_split = gen_rng_chance(r, 0.3);
    h->cn_reversed = gen_rng_chance(r, 0.15);
    h->cn_mailbox = gen_rng_chance(r, 0.1);
    h->cn_case = gen_rng_chance(r, 0.1);
    h->crl2 = gen_rng_chance(r, 0.15);
    h->ldap_aia = gen_rng_chance(r, 0.2);
    h->bc_empty = gen_rng_chance(r, 0.5);
    h->crldp = gen_rng_chance(r, 0.7);
    h->ov = gen_rng_chance(r, 0.4);
    /* Defect tendencies: most CAs are careful, a few are sloppy, and each has pet mistakes. */
    static const double rates[] = {0.005, 0.01, 0.02, 0.02, 0.04, 0.08};
    h->defect_rate = rates[gen_rng_below(r, sizeof rates / sizeof rates[0])];
    for (int d = 0; d < gen_num_defects && d < 64; d++) {
        h->defect_weight[d] = (uint32_t)gen_rng_below(r, 4);
    }
    if (gen_num_defects > 0) {
        h->defect_weight[gen_rng_below(r, (uint64_t)gen_num_defects)] += 12;
    }
}

static int gen_ca_values(gen_ca *ca) {
    const uint8_t *kid = ca->h.ski_sha256 ? ca->key.ski_sha256 : ca->key.ski_sha1;
    gen_der d;
    gen_der_init(&d);
    /* AuthorityKeyIdentifier of what this CA issues */
    gen_der_open(&d, GEN_SEQUENCE);
    gen_der_prim(&d, GEN_CTX(0), kid, 20);
    gen_der_close(&d);
    int ok = !d.failed;
    ca->aki = d.buf;
    ca->aki_len = d.len;
    /* cRLDistributionPoints: one distribution point with an http URI (and an LDAP one for
     * Legacy habits), plus a second point on a backup host for some CAs */
    for (int ldap = 0; ldap < 2 && ok; ldap++) {
        gen_der_init(&d);
        gen_der_open(&d, GEN_SEQUENCE);
        gen_der_open(&d, GEN_SEQUENCE);
        gen_der_open(&d, GEN_CTX_CONS(0));
        gen_der_open(&d, GEN_CTX_CONS(0));
        gen_der_str(&d, GEN_CTX(6), ca->crl_url);
        if (ldap) {
            gen_der_str(&d, GEN_CTX(6), ca->ldap_url);
        }
        gen_der_close(&d);
        gen_der_close(&d);
        gen_der_close(&d);
        if (ca->h.crl2) {
            char url[192];
            snprintf(url, sizeof url, "http://crl2.%s/%s.crl", ca->domain, ca->slug);
            gen_der_open(&d, GEN_SEQUENCE);
            gen_der_open(&d, GEN_CTX_CONS(0));
            gen_der_open(&d, GEN_CTX_CONS(0));
            gen_der_str(&d, GEN_CTX(6), url);
            gen_der_close(&d);
            gen_der_close(&d);
            gen_der_close(&d);
        }
        gen_der_close(&d);
        ok = !d.failed;
        if (ldap) {
            ca->crldp_ldap = d.buf;
            ca->crldp_ldap_len = d.len;
        } else {
            ca->crldp = d.buf;
            ca->crldp_len = d.len;
        }
    }
    /* authorityInfoAccess, and its Legacy variant with an LDAP caIssuers (RFC 4516 URL) */
    for (int ldap = 0; ldap < 2 && ok; ldap++) {
        gen_der_init(&d);
        gen_der_open(&d, GEN_SEQUENCE);
        if (ca->h.ocsp) {
            gen_der_open(&d, GEN_SEQUENCE);
            gen_der_oid(&d, gen_oids[GEN_AD_OCSP].b, gen_oids[GEN_AD_OCSP].len);
            gen_der_str(&d, GEN_CTX(6), ca->ocsp_url);
            gen_der_close(&d);
        }
        gen_der_open(&d, GEN_SEQUENCE);
        gen_der_oid(&d, gen_oids[GEN_AD_CA_ISSUERS].b, gen_oids[GEN_AD_CA_ISSUERS].len);
        gen_der_str(&d, GEN_CTX(6), ca->issuer_url);
        gen_der_close(&d);
        if (ldap) {
            char url[600];
            snprintf(url, sizeof url, "%.*s?cACertificate;binary",
                     (int)(strchr(ca->ldap_url, '?') - ca->ldap_url), ca->ldap_url);
            gen_der_open(&d, GEN_SEQUENCE);
            gen_der_oid(&d, gen_oids[GEN_AD_CA_ISSUERS].b, gen_oids[GEN_AD_CA_ISSUERS].len);
            gen_der_str(&d, GEN_CTX(6), url);
            gen_der_close(&d);
        }
        gen_der_close(&d);
        ok = ok && !d.failed;
        if (ldap) {
            ca->aia_ldap = d.buf;
            ca->aia_ldap_len = d.len;
        } else {
            ca->aia = d.buf;
            ca->aia_len = d.len;
        }
    }
    /* Adobe Time-stamp {version 1, http location} */
    gen_der_init(&d);
    gen_der_open(&d, GEN_SEQUENCE);
    gen_der_int(&d, 1);
    char url[96];
    snprintf(url, sizeof url, "http://timestamp.%s", ca->domain);
    gen_der_str(&d, GEN_CTX(6), url);
    gen_der_close(&d);
    ok = ok && !d.failed;
    ca->adobe_ts = d.buf;
    ca->adobe_ts_len = d.len;
    return ok;
}

static void gen_ca_urls(gen_ca *ca) {
    snprintf(ca->crl_url, sizeof ca->crl_url, "http://crl.%s/%s.crl", ca->domain, ca->slug);
    snprintf(ca->ocsp_url, sizeof ca->ocsp_url, "http://ocsp.%s", ca->domain);
    snprintf(ca->issuer_url, sizeof ca->issuer_url, "http://cacerts.%s/%s.crt", ca->domain,
             ca->slug);
    snprintf(ca->cps_url, sizeof ca->cps_url, "https://www.%s/repository/cps", ca->domain);
    /* RFC 4516: ldap://host/dn?attributes, the DN percent-encoded */
    char dn[160];
    size_t n = 0;
    for (const char *p = ca->cn; *p != '\0' && n + 4 < sizeof dn; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.') {
            dn[n++] = *p;
        } else {
            n += (size_t)snprintf(dn + n, sizeof dn - n, "%%%02X", (unsigned char)*p);
        }
    }
    dn[n] = '\0';
    snprintf(ca->ldap_url, sizeof ca->ldap_url,
             "ldap://ldap.%s/CN=%s,O=%s,C=%s?certificateRevocationList;binary", ca->domain, dn,
             ca->slug, ca->country->code);
}

static size_t gen_ca_count(const gen_config *cfg) {
    if (cfg->num_cas > 0) {
        return (size_t)cfg->num_cas;
    }
    uint64_t n = cfg->count / 5000;
    return n < 12 ? 12 : n > 200 ? 200 : (size_t)n;
}

/* Names, roles, keys types, dates and habits; keys and certificates come later. */
static void gen_ca_plan(gen_world *w, int num_roots) {
    int n = w->num_cas;
    int num_issuing = n - num_roots;
    int pq = num_roots >= 2 && num_issuing >= 4; /* one ML-DSA hierarchy when there is room */
    int num_classic_roots = pq ? num_roots - 1 : num_roots;
    int smime_total = 0;
    int tls_share = w->cfg.tls_share;
    for (int j = 0; j < num_issuing; j++) {
        int tls = (j + 1) * tls_share / 100 > j * tls_share / 100;
        smime_total += !tls || (pq && j == num_issuing - 1);
    }
    int smime_seen = 0;
    for (int i = 0; i < n; i++) {
        gen_ca *ca = &w->cas[i];
        gen_rng r;
        gen_rng_init(&r, w->cfg.seed, GEN_RNG_CA, (uint64_t)i);
        ca->index = i;
        int j = i - num_roots;
        if (i < num_roots) {
            ca->role = GEN_ROLE_ROOT;
            ca->parent = i;
            ca->country = &gen_countries[gen_rng_below(&r, gen_num_countries)];
            const char *word = gen_brand_words[(w->cfg.seed + (uint64_t)i * 7) % GEN_NUM_BRANDS];
            const char *const *suf = ca->country->suffixes;
            const char *legal = suf[0];
            snprintf(ca->org, sizeof ca->org, "%s Trust Services %s", word, legal);
            gen_names_slug(word, ca->slug, sizeof ca->slug);
            snprintf(ca->domain, sizeof ca->domain, "%s-trust.%s", ca->slug, ca->country->tld);
            gen_key_type kt = pq && i == num_roots - 1 ? GEN_KEY_MLDSA87
                              : i % 3 == 2             ? GEN_KEY_P384
                                                       : GEN_KEY_RSA4096;
            ca->key.type = kt;
            const char *letter = kt == GEN_KEY_P384 ? "E" : kt == GEN_KEY_MLDSA87 ? "M" : "R";
            if (i >= (int)GEN_NUM_BRANDS) {
                snprintf(ca->cn, sizeof ca->cn, "%s Root CA %s%d", word, letter, i + 1);
            } else {
                snprintf(ca->cn, sizeof ca->cn, "%s Root CA %s%d", word, letter,
                         1 + (int)gen_rng_below(&r, 9));
            }
            if (kt == GEN_KEY_MLDSA87) {
                ca->not_before = gen_date(2025, 8, 25);
            } else {
                ca->not_before = gen_date(2014 + (int)gen_rng_below(&r, 9),
                                          1 + (unsigned)gen_rng_below(&r, 12), 1);
            }
            int years = gen_rng_chance(&r, 0.3) ? 35 : 25;
            ca->not_after = ca->not_before + (int64_t)years * 365 * 86400 - 1;
            ca->sig_alg = kt == GEN_KEY_RSA4096 && gen_rng_chance(&r, 0.5)
                              ? GEN_SIG_RSA_SHA384
                              : gen_sig_alg_for_key(kt);
            ca->h.printable = gen_rng_chance(&r, 0.4);
            ca->h.ski_sha256 = gen_rng_chance(&r, 0.2);
            ca->h.ocsp = gen_rng_chance(&r, 0.5);
            ca->h.ca_issuers = 1;
            continue;
        }
        int is_pq = pq && j == num_issuing - 1;
        int tls = !is_pq && (j + 1) * tls_share / 100 > j * tls_share / 100;
        ca->role = tls ? GEN_ROLE_TLS : GEN_ROLE_SMIME;
        ca->parent = is_pq ? num_roots - 1 : j % num_classic_roots;
        const gen_ca *root = &w->cas[ca->parent];
        ca->country = root->country;
        memcpy(ca->org, root->org, sizeof ca->org);
        memcpy(ca->domain, root->domain, sizeof ca->domain);
        int smime_index = tls ? 0 : smime_seen++;
        gen_habits_pick(ca, &r, smime_index, smime_total > 0 ? smime_total : 1);
        uint32_t kw[GEN_KEY_TYPE_COUNT] = {0};
        gen_key_type kt;
        if (is_pq) {
            kt = GEN_KEY_MLDSA65;
        } else if (tls) {
            kw[GEN_KEY_RSA2048] = 50;
            kw[GEN_KEY_P256] = 30;
            kw[GEN_KEY_P384] = 20;
            kt = gen_pick_key(&r, kw);
        } else {
            kw[GEN_KEY_RSA2048] = 30;
            kw[GEN_KEY_RSA3072] = 15;
            kw[GEN_KEY_RSA4096] = 15;
            kw[GEN_KEY_P256] = 20;
            kw[GEN_KEY_P384] = 12;
            kw[GEN_KEY_P521] = 5;
            kw[GEN_KEY_ED25519] = 8;
            kt = gen_pick_key(&r, kw);
        }
        ca->key.type = kt;
        ca->sig_alg = gen_pick_sig(&r, kt);
        const char *alg = gen_key_is_rsa(kt)      ? "RSA"
                          : kt == GEN_KEY_ED25519 ? "EdDSA"
                          : gen_key_is_mldsa(kt)  ? "PQC"
                                                  : "ECC";
        const char *word = root->cn;
        char brand[48];
        size_t bl = 0;
        while (word[bl] != ' ' && word[bl] != '\0' && bl + 1 < sizeof brand) {
            brand[bl] = word[bl];
            bl++;
        }
        brand[bl] = '\0';
        snprintf(ca->cn, sizeof ca->cn, "%s %s %s CA %d", brand, tls ? "TLS" : "S/MIME", alg,
                 j + 1);
        snprintf(ca->slug, sizeof ca->slug, "%s-%s-%d", tls ? "tls" : "smime", alg, j + 1);
        for (char *p = ca->slug; *p != '\0'; p++) {
            if (*p >= 'A' && *p <= 'Z') {
                *p = (char)(*p - 'A' + 'a');
            }
        }
        if (is_pq) {
            ca->not_before = gen_date(2025, 9, 1);
            ca->issue_from = gen_date(2025, 9, 2);
            memset(ca->h.key_weight, 0, sizeof ca->h.key_weight);
            ca->h.key_weight[GEN_KEY_MLDSA44] = 50;
            ca->h.key_weight[GEN_KEY_MLDSA65] = 25;
            ca->h.key_weight[GEN_KEY_MLDSA87] = 10;
            ca->h.key_weight[GEN_KEY_MLKEM768] = 15;
            for (int p = 0; p < GEN_PROFILES; p++) {
                if (GEN_PROFILE_GEN(p) == GEN_G_LEGACY) {
                    ca->h.profile_weight[p] = 0;
                }
            }
            ca->h.profile_weight[GEN_PROFILE(GEN_T_MAILBOX, GEN_G_STRICT)] += 5;
        } else {
            /* S/MIME CAs from SBR day one (2023-09-01) into mid-2024, so every issuing CA
             * certificate falls under the SBR CA rules and Legacy issuance has a window. */
            ca->not_before = gen_date(2023, 9, 1) + (int64_t)gen_rng_below(&r, 300) * 86400;
            ca->issue_from = ca->not_before + 86400;
        }
        ca->not_after = ca->not_before + (int64_t)(10 * 365 + 2) * 86400 - 1;
        ca->issue_to = GEN_DATE_NOW;
        /* Zipf-like volumes: a few big CAs, many small ones. */
        ca->volume = (uint32_t)(1000 / (1 + gen_rng_below(&r, 8)));
        ca->h.printable = ca->h.printable || gen_rng_chance(&r, 0.1);
    }
}

static int gen_world_keys(gen_world *w, char *err, size_t errlen) {
    size_t per = w->cfg.pool_per_type ? w->cfg.pool_per_type : 16;
    gen_key_pool *pool = &w->pool;
    for (int t = 0; t < GEN_KEY_TYPE_COUNT; t++) {
        size_t c = per;
        if (t == GEN_KEY_RSA3072 || t == GEN_KEY_RSA4096 || t == GEN_KEY_RSA1024) {
            c = per / 4 ? per / 4 : 1; /* slow to make and rare in issued certificates */
        } else if (gen_key_is_ec((gen_key_type)t) || t == GEN_KEY_ED25519) {
            c = per * 4; /* cheap */
        }
        pool->count[t] = c;
        pool->keys[t] = calloc(c, sizeof(gen_key));
        if (pool->keys[t] == NULL) {
            snprintf(err, errlen, "out of memory");
            return 0;
        }
    }
    size_t num_jobs = (size_t)w->num_cas;
    for (int t = 0; t < GEN_KEY_TYPE_COUNT; t++) {
        num_jobs += pool->count[t];
    }
    gen_key_job *jobs = calloc(num_jobs, sizeof *jobs);
    if (jobs == NULL) {
        snprintf(err, errlen, "out of memory");
        return 0;
    }
    size_t k = 0;
    /* Biggest first, so the threads finish together. */
    static const gen_key_type by_cost[GEN_KEY_TYPE_COUNT] = {
        GEN_KEY_RSA4096, GEN_KEY_RSA3072, GEN_KEY_RSA2048, GEN_KEY_RSA1024,
        GEN_KEY_P521,    GEN_KEY_P384,    GEN_KEY_P256,    GEN_KEY_ED25519,
        GEN_KEY_MLDSA87, GEN_KEY_MLDSA65, GEN_KEY_MLDSA44, GEN_KEY_MLKEM768};
    for (int c = 0; c < GEN_KEY_TYPE_COUNT; c++) {
        for (int i = 0; i < w->num_cas; i++) {
            if (w->cas[i].key.type == by_cost[c]) {
                jobs[k++] = (gen_key_job){w->cas[i].key.type, (uint64_t)i, 1, &w->cas[i].key};
            }
        }
        gen_key_type t = by_cost[c];
        for (size_t i = 0; i < pool->count[t]; i++) {
            jobs[k++] = (gen_key_job){t, 1000000 + i, 0, &pool->keys[t][i]};
        }
    }
    int ok = gen_keys_make_all(jobs, k, w->cfg.seed, w->cfg.threads > 0 ? w->cfg.threads : 1);
    free(jobs);
    if (!ok) {
        snprintf(err, errlen, "key generation failed (OpenSSL)");
    }
    return ok;
}

int gen_world_build(gen_world *w, const gen_config *cfg, char *err, size_t errlen) {
    memset(w, 0, sizeof *w);
    w->cfg = *cfg;
    w->num_cas = (int)gen_ca_count(cfg);
    if (w->num_cas < 3) {
        w->num_cas = 3;
    }
    int num_roots = w->num_cas / 6 < 2 ? (w->num_cas >= 6 ? 2 : 1) : w->num_cas / 6;
    w->cas = calloc((size_t)w->num_cas, sizeof *w->cas);
    w->issuers = calloc((size_t)w->num_cas, sizeof *w->issuers);
    w->cumvol = calloc((size_t)w->num_cas, sizeof *w->cumvol);
    if (w->cas == NULL || w->issuers == NULL || w->cumvol == NULL) {
        snprintf(err, errlen, "out of memory");
        return 0;
    }
    gen_ca_plan(w, num_roots);
    if (!gen_world_keys(w, err, errlen)) {
        return 0;
    }
    for (int i = 0; i < w->num_cas; i++) {
        gen_ca *ca = &w->cas[i];
        int order = (int)((w->cfg.seed + (uint64_t)i) % 3);
        memcpy(ca->order, gen_orders[order], GEN_X_COUNT);
        ca->num_order = GEN_X_COUNT;
        if (ca->role == GEN_ROLE_ROOT) {
            snprintf(ca->slug + strlen(ca->slug), sizeof ca->slug - strlen(ca->slug), "-root-%d",
                     i + 1);
        }
        gen_ca_urls(ca);
        if (!gen_make_subject(ca) || !gen_ca_values(ca)) {
            snprintf(err, errlen, "CA %d: encoding failed", i);
            return 0;
        }
        char dotted[64];
        snprintf(dotted, sizeof dotted, "1.3.6.1.4.1.%d.1.%d", 40000 + ca->parent, i + 1);
        ca->own_policy_len =
            (uint8_t)gen_oid_from_dotted(dotted, ca->own_policy, sizeof ca->own_policy);
    }
    /* Certificates: roots first, since their children reference them. */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < w->num_cas; i++) {
            gen_ca *ca = &w->cas[i];
            if ((ca->role == GEN_ROLE_ROOT) != (pass == 0)) {
                continue;
            }
            if (!gen_cacert_build(w, ca)) {
                snprintf(err, errlen, "CA %d: certificate failed", i);
                return 0;
            }
        }
    }
    uint64_t total = 0;
    for (int i = 0; i < w->num_cas; i++) {
        if (w->cas[i].role != GEN_ROLE_ROOT) {
            total += w->cas[i].volume;
            w->issuers[w->num_issuers] = i;
            w->cumvol[w->num_issuers++] = total;
        }
    }
    return 1;
}

void gen_world_free(gen_world *w) {
    for (int i = 0; w->cas != NULL && i < w->num_cas; i++) {
        gen_ca *ca = &w->cas[i];
        gen_key_cleanup(&ca->key);
        free(ca->subject_der);
        free(ca->aki);
        free(ca->crldp);
        free(ca->crldp_ldap);
        free(ca->aia);
        free(ca->aia_ldap);
        free(ca->adobe_ts);
        free(ca->cert);
    }
    for (int t = 0; t < GEN_KEY_TYPE_COUNT; t++) {
        for (size_t i = 0; i < w->pool.count[t]; i++) {
            gen_key_cleanup(&w->pool.keys[t][i]);
        }
        free(w->pool.keys[t]);
    }
    free(w->cas);
    free(w->issuers);
    free(w->cumvol);
    memset(w, 0, sizeof *w);
}

const gen_ca *gen_world_pick_issuer(const gen_world *w, gen_rng *r) {
    uint64_t x = gen_rng_below(r, w->cumvol[w->num_issuers - 1]);
    int lo = 0, hi = w->num_issuers - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (x < w->cumvol[mid]) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return &w->cas[w->issuers[lo]];
}

void gen_serial(gen_cert *c, const gen_ca *ca, gen_rng *r) {
    gen_serial_len(c, ca->h.serial_len ? ca->h.serial_len : 16, r);
}

void gen_serial_len(gen_cert *c, size_t n, gen_rng *r) {
    gen_rng_bytes(r, c->serial, n);
    if (n >= 20) {
        /* 20 octets: keep the value below 2^159 (SBR §7.1) and positive */
        c->serial[0] = (uint8_t)(1 + gen_rng_below(r, 0x7F));
        c->serial_len = (uint8_t)n;
        return;
    }
    if (c->serial[0] == 0) {
        c->serial[0] = 1; /* no redundant leading zero octet */
    }
    if (c->serial[0] & 0x80) {
        /* positive INTEGER: a leading zero octet, as CAs with 16 random octets write it */
        memmove(c->serial + 1, c->serial, n);
        c->serial[0] = 0;
        n++;
    }
    c->serial_len = (uint8_t)n;
}

int64_t gen_not_before(const gen_ca *ca, gen_rng *r, int64_t lo, int64_t hi) {
    if (lo < ca->issue_from) {
        lo = ca->issue_from;
    }
    if (hi > ca->issue_to) {
        hi = ca->issue_to;
    }
    if (hi < lo) {
        hi = lo;
    }
    int64_t day = gen_rng_range(r, lo / 86400, hi / 86400);
    return day * 86400 + gen_rng_range(r, 0, 86399);
}

int gen_world_sign_real(const gen_world *w, const gen_ca *ca) {
    if (w->cfg.sign_mode == GEN_SIGN_NONE) {
        return 0;
    }
    if (w->cfg.sign_mode == GEN_SIGN_ALL) {
        return 1;
    }
    return gen_sign_is_cheap(&ca->key, ca->sig_alg);
}
