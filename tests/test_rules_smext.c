/* S/MIME extension, keyUsage, EKU, policy, validity and serial rules (area smext): every rule on
 * generated certificates of all 12 profiles and smime.undetermined, which pass it and fail it,
 * and not before its effective date. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/engine.h"
#include "scanner/facts.h"
#include "scanner/x509_ext.h"
#include "tests/support/derb.h"
#include "tests/support/tcert_smime.h"

#define ALL12 CS_SMEXT_DETERMINED
#define ALL   (CS_SMEXT_DETERMINED | CS_SMEXT_UNDETERMINED)
#define U     CS_SMEXT_UNDETERMINED
#define S     CS_SMEXT_STRICT
#define M     CS_SMEXT_MULTIPURPOSE
#define L     CS_SMEXT_LEGACY

#define OID_PRIVATE_POLICY "1.3.6.1.4.1.99999.1"

/* The rule-id prefixes of this area. */
static const char *const area_prefixes[] = {"smime.ext.",    "smime.ku.",       "smime.eku.",
                                            "smime.policy.", "smime.validity.", "smime.serial.",
                                            "smime.version."};

static int area_findings(const tsmime *s, char *buf, size_t len) {
    int n = 0;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof area_prefixes / sizeof area_prefixes[0]; i++) {
        char part[512];
        int k = tsmime_findings(s, area_prefixes[i], part, sizeof part);
        if (k > 0 && used < len) {
            used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? "," : "", part);
        }
        n += k;
    }
    return n;
}

/* The 13th "profile" of the loops: an S/MIME certificate (emailProtection and a mailbox)
 * whose only policy is private, so its profile is smime.undetermined. */
static void start(tsmime *s, int index) {
    if (index < 12) {
        tsmime_defaults(s, tsmime_profiles[index]);
    } else {
        tsmime_defaults(s, CS_PROFILE_SMIME_MAILBOX_STRICT);
        s->policy[0] = OID_PRIVATE_POLICY;
    }
}

static uint64_t bit_of(int index) {
    return index < 12 ? CS_PROFILE_BIT(tsmime_profiles[index]) : U;
}

Test(smext, defaults_have_no_finding_of_this_area) {
    static const tsmime_key keys[] = {TSMIME_KEY_P256, TSMIME_KEY_RSA2048, TSMIME_KEY_ED25519,
                                      TSMIME_KEY_P384, TSMIME_KEY_ED448};
    for (int p = 0; p < 12; p++) {
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            tsmime s;
            tsmime_defaults(&s, tsmime_profiles[p]);
            tsmime_set_key(&s, keys[k]);
            char buf[2048];
            int n = area_findings(&s, buf, sizeof buf);
            cr_assert_eq(n, 0, "%s key %d: %s", cs_profile_name(tsmime_profiles[p]), (int)keys[k],
                         buf);
            /* Every S/MIME rule, the other S/MIME areas' included: the builder is shared. */
            n = tsmime_findings(&s, "", buf, sizeof buf);
            if (n != 0) {
                cr_log_warn("%s key %d: other findings: %s", cs_profile_name(tsmime_profiles[p]),
                            (int)keys[k], buf);
            }
        }
    }
}

Test(smext, profile_detection_of_built_certificates) {
    for (int p = 0; p < 13; p++) {
        tsmime s;
        start(&s, p);
        size_t len;
        uint8_t *der = tsmime_build(&s, &len);
        cs_x509 *x = malloc(sizeof *x);
        cs_der_error err;
        cr_assert(cs_x509_parse(x, der, len, &err));
        cs_facts *f = malloc(sizeof *f);
        cs_facts_extract(x, NULL, f);
        cr_assert_eq(CS_PROFILE_BIT(f->profile), bit_of(p), "index %d: %s", p,
                     cs_facts_profile_name(f));
        cr_assert(cs_facts_has(f, CS_COL_SMEXT_SMIME));
        cr_assert_eq(f->smext.eku_combo, CS_SMEXT_EKU_EMAIL_ONLY);
        cr_assert_eq(f->smext.ku_purpose, CS_SMEXT_KU_SIGNING);
        cr_assert_eq(f->smext.validity_days, 365);
        free(f);
        free(x);
        free(der);
    }
}

Test(smext, survey_facts) {
    tsmime s;
    tsmime_defaults(&s, CS_PROFILE_SMIME_MAILBOX_MULTIPURPOSE);
    s.eku[1] = TSMIME_OID_CLIENT_AUTH;
    tsmime_set_key(&s, TSMIME_KEY_RSA2048);
    size_t len;
    uint8_t *der = tsmime_build(&s, &len);
    cs_x509 *x = malloc(sizeof *x);
    cs_der_error err;
    cr_assert(cs_x509_parse(x, der, len, &err));
    cs_facts *f = malloc(sizeof *f);
    cs_facts_extract(x, NULL, f);
    cr_assert_eq(f->smext.eku_combo, CS_SMEXT_EKU_EMAIL_CLIENT);
    cr_assert_eq(f->smext.ku_purpose, CS_SMEXT_KU_DUAL_USE);
    free(f);
    free(x);
    free(der);
}

/* --- mutations: each makes the certificate break one requirement --- */

static void m_ku_missing(tsmime *s) {
    s->slot[TSMIME_KU].omit = 1;
}
static void m_ku_not_critical(tsmime *s) {
    s->slot[TSMIME_KU].critical = 0;
}
static void m_rsa_ka(tsmime *s) {
    tsmime_set_key(s, TSMIME_KEY_RSA2048);
    s->ku = CS_KU_DIGITAL_SIGNATURE | CS_KU_KEY_AGREEMENT;
}
static void m_rsa_ke_de(tsmime *s) {
    tsmime_set_key(s, TSMIME_KEY_RSA2048);
    s->ku = CS_KU_KEY_ENCIPHERMENT | CS_KU_DATA_ENCIPHERMENT;
}
static void m_rsa_nr_ke(tsmime *s) {
    tsmime_set_key(s, TSMIME_KEY_RSA2048);
    s->ku = CS_KU_NON_REPUDIATION | CS_KU_KEY_ENCIPHERMENT;
}
static void m_ec_ke(tsmime *s) {
    s->ku = CS_KU_DIGITAL_SIGNATURE | CS_KU_KEY_ENCIPHERMENT;
}
static void m_ec_eo_do(tsmime *s) {
    s->ku = CS_KU_KEY_AGREEMENT | CS_KU_ENCIPHER_ONLY | CS_KU_DECIPHER_ONLY;
}
static void m_ed_ka(tsmime *s) {
    tsmime_set_key(s, TSMIME_KEY_ED25519);
    s->ku = CS_KU_DIGITAL_SIGNATURE | CS_KU_KEY_AGREEMENT;
}
static void pqc_date(tsmime *s) {
    s->not_before = "250901000000Z";
    s->not_after = "260831235959Z";
}
static void m_mldsa_ke(tsmime *s) {
    tsmime_set_key(s, TSMIME_KEY_ML_DSA_44);
    s->ku = CS_KU_DIGITAL_SIGNATURE | CS_KU_KEY_ENCIPHERMENT;
    pqc_date(s);
}
static void m_mlkem_ds(tsmime *s) {
    tsmime_set_key(s, TSMIME_KEY_ML_KEM_768);
    s->ku = CS_KU_KEY_ENCIPHERMENT | CS_KU_DIGITAL_SIGNATURE;
    pqc_date(s);
}
static void m_ec_nr(tsmime *s) {
    s->ku = CS_KU_NON_REPUDIATION;
}

static void m_eku_missing(tsmime *s) {
    s->slot[TSMIME_EKU].omit = 1;
}
static void m_eku_client_only(tsmime *s) {
    s->eku[0] = TSMIME_OID_CLIENT_AUTH;
}
static void m_eku_server(tsmime *s) {
    s->eku[1] = TSMIME_OID_SERVER_AUTH;
}
static void m_eku_any(tsmime *s) {
    s->eku[1] = TSMIME_OID_ANY_EKU;
}
static void m_eku_client(tsmime *s) {
    s->eku[1] = TSMIME_OID_CLIENT_AUTH;
}
static void m_eku_ocsp(tsmime *s) {
    s->eku[1] = TSMIME_OID_OCSP_SIGNING;
}

static void m_cp_missing(tsmime *s) {
    s->slot[TSMIME_CP].omit = 1;
}
static void m_cp_critical(tsmime *s) {
    s->slot[TSMIME_CP].critical = 1;
}
static void m_cp_any(tsmime *s) {
    s->policy[1] = TSMIME_OID_ANY_POLICY;
}
static void m_cp_cps_ftp(tsmime *s) {
    s->cps_uri = "ftp://example.com/cps";
}
static void m_cp_notice_ref(tsmime *s) {
    s->user_notice = 1;
    s->notice_text = "Example notice";
    s->notice_ref = 1;
}
static void m_cp_notice_no_text(tsmime *s) {
    s->user_notice = 1;
}
static void m_legacy_late(tsmime *s) {
    s->not_before = "250801000000Z";
    s->not_after = "260731235959Z";
}

static void m_crldp_missing(tsmime *s) {
    s->slot[TSMIME_CRLDP].omit = 1;
}
static void m_crldp_critical(tsmime *s) {
    s->slot[TSMIME_CRLDP].critical = 1;
}
static void m_crldp_ldap_only(tsmime *s) {
    s->crldp[0] = "ldap://ldap.example.com/cn=CA?crl";
}
static void m_crldp_http_ldap(tsmime *s) {
    s->crldp[1] = "ldap://ldap.example.com/cn=CA?crl";
}
static void m_crldp_https(tsmime *s) {
    s->crldp[1] = "https://crl.example.com/smime-ca.crl";
}
static void m_crldp_dirname(tsmime *s) {
    s->crldp_dirname = "CRL1";
}

static void m_aia_missing(tsmime *s) {
    s->slot[TSMIME_AIA].omit = 1;
}
static void m_aia_critical(tsmime *s) {
    s->slot[TSMIME_AIA].critical = 1;
}
static void m_aia_ocsp_ldap_extra(tsmime *s) {
    s->aia[2] = (tsmime_access){TSMIME_OID_AD_OCSP, "ldap://ocsp.example.com/"};
}
static void m_aia_cai_ldap_extra(tsmime *s) {
    s->aia[2] = (tsmime_access){TSMIME_OID_AD_CA_ISSUERS, "ldap://ca.example.com/cn=CA"};
}
static void m_aia_ocsp_ldap_only(tsmime *s) {
    s->aia[1].uri = "ldap://ocsp.example.com/";
}
static void m_aia_cai_ftp_only(tsmime *s) {
    s->aia[0].uri = "ftp://ca.example.com/ca.crt";
}
static void m_aia_no_cai(tsmime *s) {
    s->aia[0] = s->aia[1];
    s->aia[1] = (tsmime_access){NULL, NULL};
}
static void m_aia_dns(tsmime *s) {
    /* caIssuers with a dNSName location, beside a valid http one. */
    static const uint8_t value[] = {
        0x30, 0x34, 0x30, 0x18, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02,
        0x82, 0x0c, 'c',  'a',  '.',  'e',  'x',  'a',  'm',  'p',  'l',  'e',  '.',  'd',
        0x30, 0x18, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02, 0x86, 0x0c,
        'h',  't',  't',  'p',  ':',  '/',  '/',  'c',  'a',  '.',  'e',  'x'};
    s->slot[TSMIME_AIA].value = value;
    s->slot[TSMIME_AIA].value_len = sizeof value;
}

static void m_aki_missing(tsmime *s) {
    s->slot[TSMIME_AKI].omit = 1;
}
static void m_aki_critical(tsmime *s) {
    s->slot[TSMIME_AKI].critical = 1;
}
static void m_aki_no_key_id(tsmime *s) {
    s->aki_no_key_id = 1;
    s->aki_issuer_serial = 1;
}
static void m_aki_issuer(tsmime *s) {
    s->aki_issuer_serial = 1;
}
static void m_ski_missing(tsmime *s) {
    s->slot[TSMIME_SKI].omit = 1;
}
static void m_ski_critical(tsmime *s) {
    s->slot[TSMIME_SKI].critical = 1;
}
static void m_san_missing(tsmime *s) {
    s->slot[TSMIME_SAN].omit = 1;
}
static void m_san_critical(tsmime *s) {
    s->slot[TSMIME_SAN].critical = 1;
}

static void m_bc_path_len(tsmime *s) {
    static const uint8_t bc[] = {0x30, 0x03, 0x02, 0x01, 0x00};
    tsmime_add_ext(s, TSMIME_OID_BC, 0, bc, sizeof bc);
}
static void m_caps_critical(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_SMIME_CAPS, 1);
}
static void m_sda(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_SDA, 0);
}
static void m_sda_critical(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_SDA, 1);
}
static void m_qc_critical(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_QC_STATEMENTS, 1);
}
static void m_lei(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_LEI, 0);
}
static void m_lei_critical(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_LEI, 1);
}
static void m_role(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_LEI_ROLE, 0);
}
static void m_role_critical(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_LEI_ROLE, 1);
}
static void m_adobe_ts(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_ADOBE_TIMESTAMP, 0);
}
static void m_adobe_ari(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_ADOBE_ARCHIVE, 0);
}
static void m_adobe_ts_critical(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_ADOBE_TIMESTAMP, 1);
}
static void m_adobe_ari_critical(tsmime *s) {
    tsmime_add_simple_ext(s, TSMIME_OID_ADOBE_ARCHIVE, 1);
}
static void m_unspecified(tsmime *s) {
    static const uint8_t null_value[] = {0x05, 0x00};
    tsmime_add_ext(s, "1.3.6.1.4.1.99999.5", 0, null_value, sizeof null_value);
}

static void m_validity_826(tsmime *s) {
    s->not_after = "270604235959Z";
}
static void m_validity_825(tsmime *s) {
    s->not_after = "270603235959Z";
}
static void m_validity_1186(tsmime *s) {
    s->not_after = "280529235959Z";
}
static void m_validity_1185(tsmime *s) {
    s->not_after = "280528235959Z";
}
static void m_serial_zero(tsmime *s) {
    static const uint8_t zero[] = {0x00};
    s->serial = zero;
    s->serial_len = sizeof zero;
}
static void m_serial_21(tsmime *s) {
    static const uint8_t big[21] = {0x00, 0x80, 1,  2,  3,  4,  5,  6,  7,  8, 9,
                                    10,   11,   12, 13, 14, 15, 16, 17, 18, 19};
    s->serial = big;
    s->serial_len = sizeof big;
}
static void m_serial_short(tsmime *s) {
    static const uint8_t small[] = {0x01, 0x02, 0x03};
    s->serial = small;
    s->serial_len = sizeof small;
}
static void m_version_v2(tsmime *s) {
    s->version = 1;
}

typedef struct rcase {
    const char *rule;
    uint64_t fires; /* the profiles (of the 13 in the loop) where the mutation must fire it */
    void (*mutate)(tsmime *s);
    const char *before; /* a notBefore where it must not fire (NULL: 2023-08-01) */
} rcase;

static const rcase cases[] = {
    {"smime.ku.missing", ALL, m_ku_missing, NULL},
    {"smime.ku.not_critical", ALL, m_ku_not_critical, NULL},
    {"smime.ku.rsa_other_bits", ALL, m_rsa_ka, NULL},
    {"smime.ku.rsa_strict", S, m_rsa_ka, NULL},
    {"smime.ku.rsa_strict", S, m_rsa_ke_de, NULL},
    {"smime.ku.rsa_strict", S, m_rsa_nr_ke, NULL},
    {"smime.ku.rsa_multipurpose_legacy", M | L, m_rsa_ka, NULL},
    {"smime.ku.rsa_multipurpose_legacy", M | L, m_rsa_nr_ke, NULL},
    {"smime.ku.rsa_multipurpose_legacy", 0, m_rsa_ke_de, NULL},
    {"smime.ku.rsa_other_bits", 0, m_rsa_ke_de, NULL},
    {"smime.ku.ec_other_bits", ALL, m_ec_ke, NULL},
    {"smime.ku.ec", ALL, m_ec_ke, NULL},
    {"smime.ku.ec", ALL, m_ec_eo_do, NULL},
    {"smime.ku.ec_other_bits", 0, m_ec_eo_do, NULL},
    {"smime.ku.ec", ALL, m_ec_nr, NULL},
    {"smime.ku.edwards", ALL, m_ed_ka, NULL},
    {"smime.ku.ml_dsa", ALL, m_mldsa_ke, "250801000000Z"},
    {"smime.ku.ml_kem", ALL, m_mlkem_ds, "250801000000Z"},
    {"smime.ku.no_purpose", ALL, m_ec_nr, NULL},
    {"smime.eku.missing", ALL12, m_eku_missing, NULL},
    {"smime.eku.no_email_protection", ALL12, m_eku_client_only, NULL},
    {"smime.eku.prohibited", ALL, m_eku_server, NULL},
    {"smime.eku.prohibited", ALL, m_eku_any, NULL},
    {"smime.eku.strict_other", S, m_eku_client, NULL},
    {"smime.eku.strict_other", S, m_eku_ocsp, NULL},
    {"smime.eku.ocsp_signing", M | L | U, m_eku_ocsp, NULL},
    {"smime.eku.prohibited", 0, m_eku_client, NULL},
    {"smime.policy.missing", ALL, m_cp_missing, NULL},
    {"smime.policy.critical", ALL, m_cp_critical, NULL},
    {"smime.policy.any_policy", ALL, m_cp_any, NULL},
    {"smime.policy.cps_not_http", ALL, m_cp_cps_ftp, NULL},
    {"smime.policy.notice_ref", ALL, m_cp_notice_ref, NULL},
    {"smime.policy.notice_without_text", ALL, m_cp_notice_no_text, NULL},
    {"smime.policy.legacy_sunset", L, m_legacy_late, "250714000000Z"},
    {"smime.ext.crldp_missing", ALL, m_crldp_missing, NULL},
    {"smime.ext.crldp_critical", ALL, m_crldp_critical, NULL},
    {"smime.ext.crldp_no_http", ALL, m_crldp_ldap_only, NULL},
    {"smime.ext.crldp_other_scheme", S | M, m_crldp_ldap_only, NULL},
    {"smime.ext.crldp_other_scheme", S | M, m_crldp_http_ldap, NULL},
    {"smime.ext.crldp_other_scheme", S | M, m_crldp_https, NULL},
    {"smime.ext.crldp_no_http", 0, m_crldp_http_ldap, NULL},
    {"smime.ext.crldp_non_uri", ALL, m_crldp_dirname, NULL},
    {"smime.ext.aia_missing", ALL, m_aia_missing, NULL},
    {"smime.ext.aia_critical", ALL, m_aia_critical, NULL},
    {"smime.ext.aia_ocsp_other_scheme", S | M, m_aia_ocsp_ldap_extra, NULL},
    {"smime.ext.aia_ocsp_no_http", 0, m_aia_ocsp_ldap_extra, NULL},
    {"smime.ext.aia_ca_issuers_other_scheme", S | M, m_aia_cai_ldap_extra, NULL},
    {"smime.ext.aia_ocsp_no_http", ALL, m_aia_ocsp_ldap_only, NULL},
    {"smime.ext.aia_ca_issuers_no_http", ALL, m_aia_cai_ftp_only, NULL},
    {"smime.ext.aia_no_ca_issuers", ALL, m_aia_no_cai, NULL},
    {"smime.ext.aia_non_uri", ALL, m_aia_dns, NULL},
    {"smime.ext.aia_ca_issuers_no_http", 0, m_aia_dns, NULL},
    {"smime.ext.aki_missing", ALL, m_aki_missing, NULL},
    {"smime.ext.aki_critical", ALL, m_aki_critical, NULL},
    {"smime.ext.aki_no_key_id", ALL, m_aki_no_key_id, NULL},
    {"smime.ext.aki_issuer_serial", ALL, m_aki_issuer, NULL},
    {"smime.ext.ski_missing", ALL, m_ski_missing, NULL},
    {"smime.ext.ski_critical", ALL, m_ski_critical, NULL},
    {"smime.ext.san_missing", ALL12, m_san_missing, NULL},
    {"smime.ext.san_critical", ALL, m_san_critical, NULL},
    {"smime.ext.bc_path_len", ALL, m_bc_path_len, NULL},
    {"smime.ext.smime_capabilities_critical", ALL, m_caps_critical, NULL},
    {"smime.ext.sda_prohibited", S | M | CS_SMEXT_P(CS_SMIME_MAILBOX, CS_SMIME_LEGACY), m_sda,
     NULL},
    {"smime.ext.sda_critical", ALL, m_sda_critical, NULL},
    {"smime.ext.qc_statements_critical", ALL, m_qc_critical, NULL},
    {"smime.ext.lei_prohibited", CS_SMEXT_MAILBOX | CS_SMEXT_INDIVIDUAL, m_lei, NULL},
    {"smime.ext.lei_critical", ALL, m_lei_critical, NULL},
    {"smime.ext.lei_role_prohibited",
     CS_SMEXT_MAILBOX | CS_SMEXT_ORGANIZATION | CS_SMEXT_INDIVIDUAL, m_role, NULL},
    {"smime.ext.lei_role_critical", ALL, m_role_critical, NULL},
    {"smime.ext.adobe_timestamp_prohibited", S, m_adobe_ts, NULL},
    {"smime.ext.adobe_archive_prohibited", S, m_adobe_ari, NULL},
    {"smime.ext.adobe_timestamp_critical", ALL, m_adobe_ts_critical, NULL},
    {"smime.ext.adobe_archive_critical", ALL, m_adobe_ari_critical, NULL},
    {"smime.ext.unspecified", ALL, m_unspecified, NULL},
    {"smime.ext.unspecified", 0, m_lei, NULL},
    {"smime.validity.over_825_days", S | M, m_validity_826, NULL},
    {"smime.validity.over_825_days", 0, m_validity_825, NULL},
    {"smime.validity.at_maximum", S | M, m_validity_825, NULL},
    {"smime.validity.at_maximum", L, m_validity_1185, NULL},
    {"smime.validity.over_1185_days", L | U, m_validity_1186, NULL},
    {"smime.validity.over_1185_days", 0, m_validity_1185, NULL},
    {"smime.serial.out_of_range", ALL, m_serial_zero, NULL},
    {"smime.serial.out_of_range", ALL, m_serial_21, NULL},
    {"smime.serial.short", ALL, m_serial_short, NULL},
    {"smime.version.not_v3", ALL, m_version_v2, NULL},
};

Test(smext, every_rule_fires_where_it_applies_and_nowhere_else) {
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const rcase *rc = &cases[c];
        for (int p = 0; p < 13; p++) {
            tsmime s;
            start(&s, p);
            cr_assert_eq(tsmime_fires(&s, rc->rule), 0, "%s fires on the valid %s certificate",
                         rc->rule, p < 12 ? cs_profile_name(tsmime_profiles[p]) : "undetermined");
            rc->mutate(&s);
            int expected = (rc->fires & bit_of(p)) != 0;
            cr_assert_eq(tsmime_fires(&s, rc->rule), expected, "case %zu: %s on %s: expected %d", c,
                         rc->rule, p < 12 ? cs_profile_name(tsmime_profiles[p]) : "undetermined",
                         expected);
        }
    }
}

Test(smext, rules_do_not_fire_before_their_effective_date) {
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const rcase *rc = &cases[c];
        if (rc->fires == 0) {
            continue;
        }
        int p = 0;
        while (!(rc->fires & bit_of(p))) {
            p++;
        }
        tsmime s;
        start(&s, p);
        rc->mutate(&s);
        cr_assert_eq(tsmime_fires(&s, rc->rule), 1, "%s", rc->rule);
        /* Keep the validity length the mutation chose where it matters: only the start moves
         * for date checks of non-validity rules. */
        if (strncmp(rc->rule, "smime.validity.", 15) == 0) {
            s.not_before = "220301000000Z";
            s.not_after = rc->mutate == m_validity_826    ? "240603235959Z"
                          : rc->mutate == m_validity_825  ? "240602235959Z"
                          : rc->mutate == m_validity_1186 ? "250528235959Z"
                                                          : "250527235959Z";
        } else {
            s.not_before = rc->before != NULL ? rc->before : "230801000000Z";
            s.not_after = "240731235959Z";
        }
        cr_assert_eq(tsmime_fires(&s, rc->rule), 0, "%s fires before its effective date", rc->rule);
    }
}

Test(smext, uri_scheme) {
    cs_der http = cs_der_make((const uint8_t *)"HTTP://x", 8);
    cs_der https = cs_der_make((const uint8_t *)"https://x", 9);
    cs_der bare = cs_der_make((const uint8_t *)"http", 4);
    cr_assert(cs_smext_uri_scheme_is(http, "http"));
    cr_assert_not(cs_smext_uri_scheme_is(https, "http"));
    cr_assert(cs_smext_uri_scheme_is(https, "https"));
    cr_assert_not(cs_smext_uri_scheme_is(bare, "http"));
}

Test(smext, non_smime_certificates_get_no_smext_facts) {
    tsmime s;
    tsmime_defaults(&s, CS_PROFILE_SMIME_MAILBOX_STRICT);
    s.policy[0] = "2.23.140.1.2.1";
    s.eku[0] = TSMIME_OID_SERVER_AUTH;
    s.slot[TSMIME_KU].omit = 1;
    char buf[1024];
    cr_assert_eq(area_findings(&s, buf, sizeof buf), 0, "%s", buf);
}

/* Lints with a profile configuration (as --profile does) and tells whether `rule_id` fires. */
static int fires_with_profiles(const tsmime *s, const cs_profile_config *cfg, const char *rule_id) {
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    cr_assert_not_null(rs, "%s", err);
    long index = cs_ruleset_find(rs, rule_id);
    cr_assert_geq(index, 0, "%s", rule_id);
    size_t len;
    uint8_t *der = tsmime_build(s, &len);
    cs_x509 *x = malloc(sizeof *x);
    cs_batch *b = malloc(sizeof *b);
    uint64_t *fail = calloc(cs_ruleset_count(rs), sizeof *fail);
    cs_der_error derr;
    cr_assert(cs_x509_parse(x, der, len, &derr));
    cs_batch_reset(b, cfg);
    cs_batch_add(b, x);
    cs_engine_eval(rs, b, fail);
    int result = (int)(fail[index] & 1);
    free(fail);
    free(b);
    free(x);
    free(der);
    cs_ruleset_free(rs);
    return result;
}

/* SBR 7.1.2.3 (a): exactly one reserved policy OID. Forcing a profile (--profile, used to judge
 * certificates as the type pkilint chose) replaces the detected profile only: the OIDs the
 * certificate carries are still counted. (Before the fix every forced certificate had "none".) */
Test(smext, reserved_oid_count_with_detected_and_forced_profiles) {
    cs_profile_config *cfg = calloc(1, sizeof *cfg);
    cfg->forced = 1;
    cr_assert(cs_profile_parse("SPONSORED-STRICT", &cfg->forced_profile));
    const char *rule = "smime.policy.reserved_oid_count";

    tsmime s;
    tsmime_defaults(&s, CS_PROFILE_SMIME_MAILBOX_STRICT);
    cr_assert_eq(fires_with_profiles(&s, NULL, rule), 0);
    cr_assert_eq(fires_with_profiles(&s, cfg, rule), 0, "one reserved OID, profile forced");

    s.policy[1] = tsmime_reserved_oid(CS_PROFILE_SMIME_INDIVIDUAL_MULTIPURPOSE);
    cr_assert_eq(fires_with_profiles(&s, NULL, rule), 1);
    cr_assert_eq(fires_with_profiles(&s, cfg, rule), 1, "two reserved OIDs, profile forced");

    s.policy[0] = OID_PRIVATE_POLICY;
    s.policy[1] = NULL;
    cr_assert_eq(fires_with_profiles(&s, NULL, rule), 1, "smime.undetermined: no reserved OID");
    cr_assert_eq(fires_with_profiles(&s, cfg, rule), 1, "no reserved OID, profile forced");
    free(cfg);
}
