#include "scanner/facts_smext.h"

#include <string.h>

#include "scanner/facts.h"
#include "scanner/facts_memo.h"

int cs_smext_uri_scheme_is(cs_der uri, const char *scheme) {
    size_t n = strlen(scheme);
    if (uri.len <= n || uri.ptr[n] != ':') {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t c = uri.ptr[i];
        if (c >= 'A' && c <= 'Z') {
            c = (uint8_t)(c + ('a' - 'A'));
        }
        if (c != (uint8_t)scheme[i]) {
            return 0;
        }
    }
    return 1;
}

#define DS CS_KU_DIGITAL_SIGNATURE
#define NR CS_KU_NON_REPUDIATION
#define KE CS_KU_KEY_ENCIPHERMENT
#define DE CS_KU_DATA_ENCIPHERMENT
#define KA CS_KU_KEY_AGREEMENT
#define EO CS_KU_ENCIPHER_ONLY
#define DO CS_KU_DECIPHER_ONLY

static int ku_in(unsigned bits, const uint16_t *sets, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (bits == sets[i]) {
            return 1;
        }
    }
    return 0;
}

/* The closed lists of 7.1.2.3 (e): nonRepudiation only beside digitalSignature, dataEncipherment
 * only beside keyEncipherment, and at most one of encipherOnly/decipherOnly, only beside
 * keyAgreement. */
static const uint16_t ku_rsa_strict[] = {DS, DS | NR, KE, DS | KE, DS | KE | NR};
static const uint16_t ku_rsa_ml[] = {DS,           DS | NR, KE,           DS | KE,
                                     DS | KE | NR, KE | DE, DS | KE | DE, DS | KE | NR | DE};
static const uint16_t ku_ec[] = {
    DS,           DS | NR,      KA,           KA | EO,           KA | DO,          DS | KA,
    DS | KA | NR, DS | KA | EO, DS | KA | DO, DS | KA | NR | EO, DS | KA | NR | DO};
static const uint16_t ku_sign_only[] = {DS, DS | NR};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void smext_ku(const cs_x509 *x, cs_facts *f) {
    if (!cs_facts_has(f, CS_COL_EXT_PRESENT + CS_EXT_KEY_USAGE) ||
        (f->ext_malformed & ((uint64_t)1 << CS_EXT_KEY_USAGE))) {
        return;
    }
    unsigned bits = f->ku.bits;
    unsigned sign = 0, manage = 0;
    switch (x->spki.type) {
    case CS_KEY_RSA:
        if (bits & ~(unsigned)(DS | NR | KE | DE)) {
            cs_facts_set(f, CS_COL_SMEXT_KU_RSA_OTHER);
        }
        if (!ku_in(bits, ku_rsa_strict, N(ku_rsa_strict))) {
            cs_facts_set(f, CS_COL_SMEXT_KU_RSA_NOT_STRICT);
        }
        if (!ku_in(bits, ku_rsa_ml, N(ku_rsa_ml))) {
            cs_facts_set(f, CS_COL_SMEXT_KU_RSA_NOT_ML);
        }
        sign = bits & DS;
        manage = bits & KE;
        break;
    case CS_KEY_EC:
        if (bits & ~(unsigned)(DS | NR | KA | EO | DO)) {
            cs_facts_set(f, CS_COL_SMEXT_KU_EC_OTHER);
        }
        if (!ku_in(bits, ku_ec, N(ku_ec))) {
            cs_facts_set(f, CS_COL_SMEXT_KU_EC_NOT_LISTED);
        }
        sign = bits & DS;
        manage = bits & KA;
        break;
    case CS_KEY_ED25519:
    case CS_KEY_ED448:
        if (!ku_in(bits, ku_sign_only, N(ku_sign_only))) {
            cs_facts_set(f, CS_COL_SMEXT_KU_EDDSA_NOT_LISTED);
        }
        sign = bits & DS;
        break;
    case CS_KEY_ML_DSA:
        if (!ku_in(bits, ku_sign_only, N(ku_sign_only))) {
            cs_facts_set(f, CS_COL_SMEXT_KU_MLDSA_NOT_LISTED);
        }
        sign = bits & DS;
        break;
    case CS_KEY_ML_KEM:
        if (bits != KE) {
            cs_facts_set(f, CS_COL_SMEXT_KU_MLKEM_NOT_LISTED);
        }
        manage = bits & KE;
        break;
    default:
        /* Keys the SBR does not allow are reported by the algorithm rules; their keyUsage has
         * no allowance to be judged against. */
        return;
    }
    if (!sign && !manage) {
        cs_facts_set(f, CS_COL_SMEXT_KU_NO_PURPOSE);
    }
    f->smext.ku_purpose = (uint8_t)(sign && manage ? CS_SMEXT_KU_DUAL_USE
                                    : sign         ? CS_SMEXT_KU_SIGNING
                                    : manage       ? CS_SMEXT_KU_KEY_MANAGEMENT
                                                   : CS_SMEXT_KU_NONE);
}

#define EKU(id) ((uint32_t)1 << (id))

static void smext_eku(cs_facts *f) {
    if (!cs_facts_has(f, CS_COL_EXT_PRESENT + CS_EXT_EXT_KEY_USAGE)) {
        f->smext.eku_combo = CS_SMEXT_EKU_ABSENT;
        return;
    }
    if (f->ext_malformed & ((uint64_t)1 << CS_EXT_EXT_KEY_USAGE)) {
        f->smext.eku_combo = CS_SMEXT_EKU_NO_EMAIL;
        return;
    }
    uint32_t m = f->eku_mask;
    uint32_t email = EKU(CS_EKU_EMAIL_PROTECTION), client = EKU(CS_EKU_CLIENT_AUTH);
    if (!(m & email)) {
        cs_facts_set(f, CS_COL_SMEXT_EKU_NO_EMAIL);
    }
    if (m & (EKU(CS_EKU_SERVER_AUTH) | EKU(CS_EKU_CODE_SIGNING) | EKU(CS_EKU_TIME_STAMPING) |
             EKU(CS_EKU_ANY))) {
        cs_facts_set(f, CS_COL_SMEXT_EKU_PROHIBITED);
    }
    if (m & ~email) {
        cs_facts_set(f, CS_COL_SMEXT_EKU_NOT_ONLY_EMAIL);
    }
    if (m & EKU(CS_EKU_OCSP_SIGNING)) {
        cs_facts_set(f, CS_COL_SMEXT_EKU_OCSP_SIGNING);
    }
    uint32_t others = m & ~(email | client);
    f->smext.eku_combo = (uint8_t)(!(m & email)             ? CS_SMEXT_EKU_NO_EMAIL
                                   : (m & client) && others ? CS_SMEXT_EKU_EMAIL_CLIENT_OTHER
                                   : (m & client)           ? CS_SMEXT_EKU_EMAIL_CLIENT
                                   : others                 ? CS_SMEXT_EKU_EMAIL_OTHER
                                                            : CS_SMEXT_EKU_EMAIL_ONLY);
}

static int http_or_https(cs_der uri) {
    return cs_smext_uri_scheme_is(uri, "http") || cs_smext_uri_scheme_is(uri, "https");
}

/* Decode failures are reported by the RFC 5280 rules; here a malformed list just ends the walk. */
static void smext_policies(const cs_x509 *x, const cs_x509_ext *e, cs_facts *f, cs_memo_rec *memo) {
    (void)memo; /* reads the value alone */
    cs_der value = e->value;
    cs_der_error err = {.base = x->der.ptr};
    cs_policy_iter it;
    if (!cs_decode_certificate_policies(value, &it, NULL, &err)) {
        return;
    }
    cs_der any = cs_misc_oid(CS_OID_ANY_POLICY);
    cs_policy p;
    while (cs_policy_iter_next(&it, &p, &err) == CS_ITER_ITEM) {
        if (cs_der_equal(p.oid, any)) {
            cs_facts_set(f, CS_COL_SMEXT_CP_ANY_POLICY);
        }
        if (!p.has_qualifiers) {
            continue;
        }
        cs_qualifier_iter qi;
        cs_qualifier_iter_init(&qi, p.qualifiers);
        cs_policy_qualifier q;
        while (cs_qualifier_iter_next(&qi, &q, &err) == CS_ITER_ITEM) {
            if (q.id == CS_OID_QT_CPS && !http_or_https(q.cps_uri)) {
                cs_facts_set(f, CS_COL_SMEXT_CP_CPS_NOT_HTTP);
            } else if (q.id == CS_OID_QT_UNOTICE && !q.has_explicit_text) {
                cs_facts_set(f, CS_COL_SMEXT_CP_NOTICE_NO_TEXT);
            }
        }
    }
}

static void smext_crldp(const cs_x509 *x, const cs_x509_ext *e, cs_facts *f, cs_memo_rec *memo) {
    (void)memo; /* reads the value alone */
    cs_der value = e->value;
    cs_der_error err = {.base = x->der.ptr};
    cs_dist_point_iter it;
    if (!cs_decode_crl_distribution_points(value, &it, NULL, &err)) {
        return;
    }
    int http = 0;
    cs_dist_point dp;
    while (cs_dist_point_iter_next(&it, &dp, &err) == CS_ITER_ITEM) {
        if (!dp.has_name) {
            continue;
        }
        if (!dp.name_is_full) {
            cs_facts_set(f, CS_COL_SMEXT_CRLDP_NON_URI);
            continue;
        }
        cs_gn_iter gi;
        cs_gn_iter_init(&gi, dp.name);
        cs_general_name gn;
        while (cs_gn_iter_next(&gi, &gn, &err) == CS_ITER_ITEM) {
            if (gn.type != CS_GN_URI) {
                cs_facts_set(f, CS_COL_SMEXT_CRLDP_NON_URI);
            } else if (cs_smext_uri_scheme_is(gn.value, "http")) {
                http = 1;
            } else {
                cs_facts_set(f, CS_COL_SMEXT_CRLDP_OTHER_SCHEME);
            }
        }
    }
    if (!http) {
        cs_facts_set(f, CS_COL_SMEXT_CRLDP_NO_HTTP);
    }
}

static void smext_aia(const cs_x509 *x, const cs_x509_ext *e, cs_facts *f, cs_memo_rec *memo) {
    (void)memo; /* reads the value alone */
    cs_der value = e->value;
    cs_der_error err = {.base = x->der.ptr};
    cs_access_iter it;
    if (!cs_decode_info_access(value, &it, NULL, &err)) {
        return;
    }
    int ocsp = 0, ocsp_http = 0, cai = 0, cai_http = 0;
    cs_access_desc ad;
    while (cs_access_iter_next(&it, &ad, &err) == CS_ITER_ITEM) {
        int is_ocsp = ad.method_id == CS_OID_AD_OCSP;
        int is_cai = ad.method_id == CS_OID_AD_CA_ISSUERS;
        if (!is_ocsp && !is_cai) {
            continue;
        }
        ocsp += is_ocsp;
        cai += is_cai;
        if (ad.location.type != CS_GN_URI) {
            cs_facts_set(f, CS_COL_SMEXT_AIA_NON_URI);
            continue;
        }
        int http = cs_smext_uri_scheme_is(ad.location.value, "http");
        if (is_ocsp) {
            ocsp_http |= http;
            if (!http) {
                cs_facts_set(f, CS_COL_SMEXT_AIA_OCSP_OTHER_SCHEME);
            }
        } else {
            cai_http |= http;
            if (!http) {
                cs_facts_set(f, CS_COL_SMEXT_AIA_CAI_OTHER_SCHEME);
            }
        }
    }
    if (ocsp && !ocsp_http) {
        cs_facts_set(f, CS_COL_SMEXT_AIA_OCSP_NO_HTTP);
    }
    if (cai && !cai_http) {
        cs_facts_set(f, CS_COL_SMEXT_AIA_CAI_NO_HTTP);
    }
    if (!cai) {
        cs_facts_set(f, CS_COL_SMEXT_AIA_NO_CA_ISSUERS);
    }
}

static void smext_aki(const cs_x509 *x, cs_facts *f, cs_der value) {
    cs_der_error err = {.base = x->der.ptr};
    cs_aki aki;
    if (cs_decode_aki(value, &aki, &err) && (aki.has_issuer || aki.has_serial)) {
        cs_facts_set(f, CS_COL_SMEXT_AKI_ISSUER_SERIAL);
    }
}

/* The extensions 7.1.2.3 specifies for subscriber certificates; anything else falls under
 * 7.1.2.4. */
static const uint64_t smext_specified =
    (uint64_t)1 << CS_EXT_CERTIFICATE_POLICIES | (uint64_t)1 << CS_EXT_CRL_DISTRIBUTION_POINTS |
    (uint64_t)1 << CS_EXT_AUTHORITY_INFO_ACCESS | (uint64_t)1 << CS_EXT_BASIC_CONSTRAINTS |
    (uint64_t)1 << CS_EXT_KEY_USAGE | (uint64_t)1 << CS_EXT_EXT_KEY_USAGE |
    (uint64_t)1 << CS_EXT_AUTHORITY_KEY_ID | (uint64_t)1 << CS_EXT_SUBJECT_ALT_NAME |
    (uint64_t)1 << CS_EXT_SMIME_CAPABILITIES | (uint64_t)1 << CS_EXT_SUBJECT_DIRECTORY_ATTRIBUTES |
    (uint64_t)1 << CS_EXT_QC_STATEMENTS | (uint64_t)1 << CS_EXT_LEI |
    (uint64_t)1 << CS_EXT_LEI_ROLE | (uint64_t)1 << CS_EXT_ADOBE_TIMESTAMP |
    (uint64_t)1 << CS_EXT_ADOBE_ARCHIVE_REV_INFO | (uint64_t)1 << CS_EXT_SUBJECT_KEY_ID;

static void smext_validity(cs_facts *f) {
    /* RFC 5280's validity period includes both ends, so one second is added (matrix §2). */
    int64_t secs = f->not_after - f->not_before + 1;
    const int64_t day = 86400;
    if (secs > 825 * day) {
        cs_facts_set(f, CS_COL_SMEXT_VALIDITY_OVER_825);
    } else if (secs == 825 * day) {
        cs_facts_set(f, CS_COL_SMEXT_VALIDITY_AT_825);
    }
    if (secs > 1185 * day) {
        cs_facts_set(f, CS_COL_SMEXT_VALIDITY_OVER_1185);
    } else if (secs == 1185 * day) {
        cs_facts_set(f, CS_COL_SMEXT_VALIDITY_AT_1185);
    }
    int64_t days = secs <= 0 ? 0 : (secs + day - 1) / day;
    f->smext.validity_days = (uint16_t)(days > 65535 ? 65535 : days);
}

static void smext_serial(const cs_x509 *x, cs_facts *f) {
    /* Positive and minimal with at most 20 content octets is exactly 0 < n < 2^159. */
    if (cs_facts_has(f, CS_COL_SERIAL_NEGATIVE) || cs_facts_has(f, CS_COL_SERIAL_ZERO) ||
        cs_facts_has(f, CS_COL_SERIAL_TOO_LONG)) {
        cs_facts_set(f, CS_COL_SMEXT_SERIAL_OUT_OF_RANGE);
    }
    size_t significant = x->serial.len;
    const uint8_t *p = x->serial.ptr;
    while (significant > 0 && *p == 0) {
        p++;
        significant--;
    }
    if (significant < 8) {
        cs_facts_set(f, CS_COL_SMEXT_SERIAL_SHORT);
    }
}

void cs_facts_extract_smext(const cs_x509 *x, struct cs_facts *out) {
    if (out->kind != CS_KIND_SUBSCRIBER || out->profile == CS_PROFILE_PKIX) {
        return;
    }
    cs_facts_set(out, CS_COL_SMEXT_SMIME);
    smext_ku(x, out);
    smext_eku(out);
    for (unsigned i = 0; i < x->num_exts; i++) {
        const cs_x509_ext *e = &x->ext[i];
        if (e->id == CS_EXT_UNKNOWN || !(smext_specified & ((uint64_t)1 << e->id))) {
            cs_facts_set(out, CS_COL_SMEXT_UNSPECIFIED_EXT);
        }
        switch ((cs_ext_id)e->id) {
        /* A CA's subscribers share these values: each distinct one is judged once. */
        case CS_EXT_CERTIFICATE_POLICIES:
            cs_memo_columns(CS_MEMO_SMEXT_CP, CS_COL_SMEXT_CP_ANY_POLICY,
                            CS_COL_SMEXT_CP_NOTICE_NO_TEXT + 1, x, e, out, smext_policies);
            break;
        case CS_EXT_CRL_DISTRIBUTION_POINTS:
            cs_memo_columns(CS_MEMO_SMEXT_CRLDP, CS_COL_SMEXT_CRLDP_NO_HTTP,
                            CS_COL_SMEXT_CRLDP_NON_URI + 1, x, e, out, smext_crldp);
            break;
        case CS_EXT_AUTHORITY_INFO_ACCESS:
            cs_memo_columns(CS_MEMO_SMEXT_AIA, CS_COL_SMEXT_AIA_OCSP_OTHER_SCHEME,
                            CS_COL_SMEXT_AIA_NON_URI + 1, x, e, out, smext_aia);
            break;
        case CS_EXT_AUTHORITY_KEY_ID:
            smext_aki(x, out, e->value);
            break;
        default:
            break;
        }
    }
    smext_validity(out);
    smext_serial(x, out);
}
