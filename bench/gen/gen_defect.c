#include "bench/gen/gen_defect.h"

#include <string.h>

#include "bench/gen/gen_defect_fns.h"

int gen_dx_smime(const gen_ctx *x) {
    return x->profile >= 0;
}

int gen_dx_type(const gen_ctx *x) {
    return GEN_PROFILE_TYPE(x->profile);
}

int gen_dx_generation(const gen_ctx *x) {
    return GEN_PROFILE_GEN(x->profile);
}

void gen_dx_expect(gen_ctx *x, const char *rule) {
    gen_findings_add(x->f, rule);
}

void gen_dx_expect_smime(gen_ctx *x, const char *rule) {
    if (gen_dx_smime(x)) {
        gen_findings_add(x->f, rule);
    }
}

int gen_dx_subject_has_mailbox(const gen_cert *c) {
    for (int i = 0; i < c->num_subject; i++) {
        if (memchr(c->subject[i].value, '@', c->subject[i].len) != NULL) {
            return 1;
        }
    }
    return 0;
}

enum { S = GEN_DK_SMIME, T = GEN_DK_TLS, ST = GEN_DK_SMIME | GEN_DK_TLS };

const gen_defect gen_defects[] = {
    /* RFC 5280 and friends, any subscriber certificate */
    {"ku_not_critical", ST, NULL, gen_d_ku_not_critical,
     "keyUsage not critical (RFC 5280 4.2.1.3, SBR 7.1.2.3 e: SHOULD)"},
    {"serial_negative", ST, gen_a_serial_high_bit, gen_d_serial_negative,
     "serial without its 0x00 sign octet, so negative (RFC 5280 4.1.2.2, SBR 7.1)"},
    {"serial_too_long", ST, NULL, gen_d_serial_too_long,
     "21-octet serial (RFC 5280 4.1.2.2; SBR 7.1: below 2^159)"},
    {"aki_missing", ST, NULL, gen_d_aki_missing,
     "no authorityKeyIdentifier (RFC 5280 4.2.1.1, SBR 7.1.2.3 g)"},
    {"ski_missing", ST, NULL, gen_d_ski_missing,
     "no subjectKeyIdentifier (RFC 5280 4.2.1.2, SBR 7.1.2.3 n: SHOULD)"},
    {"aia_critical", ST, NULL, gen_d_aia_critical,
     "authorityInfoAccess critical (RFC 5280 4.2.2.1, SBR 7.1.2.3 c)"},
    {"ski_duplicate", ST, NULL, gen_d_ski_duplicate, "subjectKeyIdentifier twice (RFC 5280 4.2)"},
    {"utc_no_seconds", ST, NULL, gen_d_utc_no_seconds,
     "notAfter UTCTime without seconds (RFC 5280 4.1.2.5.1)"},
    {"generalized_before_2050", ST, NULL, gen_d_generalized_before_2050,
     "notAfter before 2050 as GeneralizedTime (RFC 5280 4.1.2.5)"},
    {"validity_negative", ST, NULL, gen_d_validity_negative,
     "notAfter before notBefore (RFC 5280 4.1.2.5; a notice)"},
    {"unknown_critical_ext", ST, NULL, gen_d_unknown_critical,
     "a private extension marked critical (RFC 5280 4.2; a notice)"},
    {"san_critical", ST, gen_a_has_subject, gen_d_san_critical,
     "subjectAltName critical with a subject (RFC 5280 4.2.1.6, SBR 7.1.2.3 h: SHOULD NOT)"},
    /* names and strings */
    {"country_uk", S, gen_a_country_no_org_id, gen_d_country_uk,
     "countryName UK, not an ISO 3166-1 code (SBR 7.1.4.2.2 n)"},
    {"country_three_letters", ST, gen_a_country_no_org_id, gen_d_country_three_letters,
     "countryName of three letters (RFC 5280 App. A SIZE (2); SBR 7.1.4.2.2 n)"},
    {"printable_non_ascii", ST, gen_a_has_locality, gen_d_printable_non_ascii,
     "PrintableString holding UTF-8 (X.680 41.4, RFC 5280 App. A)"},
    {"utf8_invalid", ST, gen_a_has_locality, gen_d_utf8_invalid,
     "UTF8String holding Latin-1 octets (RFC 5280 4.1.2.4, RFC 3629)"},
    {"insignificant_value", S, gen_a_has_locality, gen_d_insignificant_value,
     "an attribute holding only '-' (SBR 7.1.4.2)"},
    {"email_utf8string", S, gen_a_has_email_attr, gen_d_email_utf8string,
     "emailAddress as UTF8String (RFC 5280 App. A: IA5String)"},
    {"cn_too_long", T, NULL, gen_d_cn_too_long,
     "commonName over 64 characters (RFC 5280 App. A ub-common-name)"},
    {"dns_underscore", T, NULL, gen_d_dns_underscore,
     "dNSName with an underscore (RFC 5280 4.2.1.6, RFC 1034 3.5)"},
    /* S/MIME Baseline Requirements */
    {"san_missing", S, NULL, gen_d_san_missing, "no subjectAltName (SBR 7.1.2.3 h, 7.1.4.2.1)"},
    {"san_dns_only", S, NULL, gen_d_san_dns_only,
     "subjectAltName with a dNSName and no mailbox (SBR 7.1.4.2.1)"},
    {"eku_server_auth", S, NULL, gen_d_eku_server_auth, "serverAuth in the EKU (SBR 7.1.2.3 f)"},
    {"eku_client_auth_strict", S, gen_a_strict, gen_d_eku_client_strict,
     "clientAuth in a Strict EKU (SBR 7.1.2.3 f)"},
    {"eku_missing", S, NULL, gen_d_eku_missing, "no extKeyUsage (SBR 7.1.2.3 f)"},
    {"ku_missing", S, NULL, gen_d_ku_missing, "no keyUsage (SBR 7.1.2.3 e)"},
    {"ku_wrong_bit", S, NULL, gen_d_ku_wrong_bit,
     "a keyUsage bit the key algorithm does not allow (SBR 7.1.2.3 e; RFC 3279, 8813, 9295, 9881, "
     "9935)"},
    {"validity_too_long", S, NULL, gen_d_validity_too_long,
     "validity over 825 (Strict, Multipurpose) or 1185 (Legacy) days (SBR 6.3.2)"},
    {"validity_at_maximum", S, NULL, gen_d_validity_at_max,
     "validity of exactly the maximum (SBR 6.3.2: SHOULD NOT)"},
    {"legacy_after_sunset", S, gen_a_legacy, gen_d_legacy_after_sunset,
     "Legacy policy OID on or after 2025-07-15 (SBR 7.1.6.1)"},
    {"cps_not_http", S, NULL, gen_d_cps_not_http, "CPS qualifier with an ldap URL (SBR 7.1.2.3 a)"},
    {"crldp_missing", S, NULL, gen_d_crldp_missing, "no cRLDistributionPoints (SBR 7.1.2.3 b)"},
    {"crldp_https", S, NULL, gen_d_crldp_https,
     "CRL pointer with https only (SBR 7.1.2.3 b; RFC 5280 4.2.1.13 SHOULD)"},
    {"org_id_missing", S, gen_a_org_id, gen_d_org_id_missing,
     "no organizationIdentifier (SBR 7.1.4.2.4, 7.1.4.2.5)"},
    {"org_id_bad_scheme", S, gen_a_org_id, gen_d_org_id_bad_scheme,
     "organizationIdentifier scheme TAX (SBR 7.1.4.2.2 d, App. A.1)"},
    {"org_id_country_mismatch", S, gen_a_org_id_national, gen_d_org_id_country_mismatch,
     "VAT identifier of another country than countryName (SBR 7.1.4.2.2 d Note 1)"},
    {"lei_bad_checksum", S, gen_a_org_or_sponsor, gen_d_lei_bad_checksum,
     "LEI extension with wrong check digits (SBR 7.1.2.3 l, ISO 17442)"},
    {"lei_prohibited", S, gen_a_mailbox_or_individual, gen_d_lei_prohibited,
     "LEI extension in a mailbox or individual certificate (SBR 7.1.2.3 l)"},
    {"mailbox_cn_not_in_san", S, gen_a_mailbox_cn, gen_d_mailbox_cn_not_in_san,
     "commonName mailbox not repeated in the SAN (SBR 7.1.4.2.1, 7.1.4.2.2 a)"},
    {"mailbox_with_org", S, gen_a_mailbox, gen_d_mailbox_with_org,
     "organizationName in a mailbox-validated subject (SBR 7.1.4.2.3)"},
    {"individual_with_org", S, gen_a_individual, gen_d_individual_with_org,
     "organizationName in an individual-validated subject (SBR 7.1.4.2.6)"},
    {"street_in_strict", S, gen_a_strict_locality, gen_d_street_in_strict,
     "streetAddress in a Strict subject (SBR 7.1.4.2.4-6)"},
    {"sda_prohibited", S, gen_a_sda_prohibited, gen_d_sda_prohibited,
     "subjectDirectoryAttributes where not allowed (SBR 7.1.2.3 j)"},
    {"adobe_in_strict", S, gen_a_strict, gen_d_adobe_in_strict,
     "Adobe Time-stamp extension in a Strict certificate (SBR 7.1.2.3 m)"},
    {"rsa_1024", S, gen_a_rsa_key, gen_d_rsa_1024, "1024-bit RSA key (SBR 6.1.5)"},
    {"sha1_signature", S, gen_a_rsa_key, gen_d_sha1_signature,
     "sha1WithRSAEncryption signature (SBR 7.1.3.2)"},
    {"ec_point_invalid", S, gen_a_ec_key, gen_d_ec_point_invalid,
     "EC public key not on its curve (SBR 6.1.5, RFC 5480)"},
    {"mldsa_key_short", S, gen_a_mldsa_key, gen_d_mldsa_key_short,
     "ML-DSA public key one octet short (RFC 9881 4)"},
    /* RFC 6962 */
    {"precert_with_scts", T, gen_a_precert, gen_d_precert_with_scts,
     "precertificate with an SCT list (RFC 6962 3.3)"},
    {"sct_list_empty", T, gen_a_final_tls, gen_d_sct_list_empty, "empty SCT list (RFC 6962 3.3)"},
};
const int gen_num_defects = (int)(sizeof gen_defects / sizeof gen_defects[0]);

static int gen_defect_applies(const gen_ctx *x, const gen_cert *c, int d) {
    unsigned kind = gen_dx_smime(x) ? GEN_DK_SMIME : GEN_DK_TLS;
    return (gen_defects[d].kinds & kind) != 0 &&
           (gen_defects[d].applies == NULL || gen_defects[d].applies(x, c));
}

int gen_defect_apply_one(gen_ctx *x, gen_cert *c, int index) {
    if (index < 0 || index >= gen_num_defects || !gen_defect_applies(x, c, index)) {
        return 0;
    }
    gen_defects[index].apply(x, c);
    x->f->defects |= (uint64_t)1 << index;
    return 1;
}

int gen_defect_apply(gen_ctx *x, gen_cert *c, int uniform) {
    uint32_t w[64];
    uint32_t total = 0;
    for (int d = 0; d < gen_num_defects; d++) {
        w[d] = !gen_defect_applies(x, c, d) ? 0 : uniform ? 1 : 1 + x->ca->h.defect_weight[d];
        total += w[d];
    }
    if (total == 0) {
        return -1;
    }
    int d = (int)gen_rng_weighted(x->r, w, (size_t)gen_num_defects);
    gen_defect_apply_one(x, c, d);
    return d;
}

int gen_defect_find(const char *name) {
    for (int d = 0; d < gen_num_defects; d++) {
        if (strcmp(gen_defects[d].name, name) == 0) {
            return d;
        }
    }
    return -1;
}
