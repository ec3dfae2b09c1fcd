#include "scanner/facts_smalg.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "scanner/facts.h"
#include "scanner/facts_gnames.h"
#include "scanner/facts_memo.h"
#include "scanner/x509_spki.h"

/* SBR 7.1.3.1: the only SubjectPublicKeyInfo AlgorithmIdentifier encodings. The first six are
 * in force from v1.0.0; the PQC six from v1.0.11 (SMC013). */
#define CS_SMALG_SPKI_CLASSIC 6
static const struct {
    uint8_t len;
    uint8_t der[22];
    uint8_t key_class;
} cs_smalg_spki[] = {
    {15,
     {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00},
     CS_SMALG_KEY_OTHER},
    {21,
     {0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
      0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07},
     CS_SMALG_KEY_P256},
    {18,
     {0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81,
      0x04, 0x00, 0x22},
     CS_SMALG_KEY_P384},
    {18,
     {0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81,
      0x04, 0x00, 0x23},
     CS_SMALG_KEY_P521},
    {7, {0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70}, CS_SMALG_KEY_ED25519},
    {7, {0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71}, CS_SMALG_KEY_ED448},
    {13,
     {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11},
     CS_SMALG_KEY_ML_DSA_44},
    {13,
     {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x12},
     CS_SMALG_KEY_ML_DSA_65},
    {13,
     {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x13},
     CS_SMALG_KEY_ML_DSA_87},
    {13,
     {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x04, 0x01},
     CS_SMALG_KEY_ML_KEM_512},
    {13,
     {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x04, 0x02},
     CS_SMALG_KEY_ML_KEM_768},
    {13,
     {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x04, 0x03},
     CS_SMALG_KEY_ML_KEM_1024},
};

/* SBR 7.1.3.2: the only signature AlgorithmIdentifier encodings; `key` is the index of the SPKI
 * encoding the issuer's key must have (RSA for PKCS #1 and PSS; the curve fixed by the hash for
 * ECDSA; the same parameter set for EdDSA and ML-DSA). The ML-DSA three come from v1.0.11. */
#define CS_SMALG_SIG_CLASSIC 11
#define CS_SMALG_PSS_PREFIX                                                                        \
    0x30, 0x41, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a, 0x30, 0x34,      \
        0xa0, 0x0f, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02
#define CS_SMALG_PSS_MID                                                                           \
    0x05, 0x00, 0xa1, 0x1c, 0x30, 0x1a, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,      \
        0x01, 0x08, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02
static const struct {
    uint8_t len;
    uint8_t der[67];
    uint8_t key;
} cs_smalg_sig[] = {
    {15,
     {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00},
     0},
    {15,
     {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c, 0x05, 0x00},
     0},
    {15,
     {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d, 0x05, 0x00},
     0},
    {67,
     {CS_SMALG_PSS_PREFIX, 0x01, CS_SMALG_PSS_MID, 0x01, 0x05, 0x00, 0xa2, 0x03, 0x02, 0x01, 0x20},
     0},
    {67,
     {CS_SMALG_PSS_PREFIX, 0x02, CS_SMALG_PSS_MID, 0x02, 0x05, 0x00, 0xa2, 0x03, 0x02, 0x01, 0x30},
     0},
    {67,
     {CS_SMALG_PSS_PREFIX, 0x03, CS_SMALG_PSS_MID, 0x03, 0x05, 0x00, 0xa2, 0x03, 0x02, 0x01, 0x40},
     0},
    {12, {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02}, 1},
    {12, {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03}, 2},
    {12, {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04}, 3},
    {7, {0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70}, 4},
    {7, {0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71}, 5},
    {13, {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11}, 6},
    {13, {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x12}, 7},
    {13, {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x13}, 8},
};

#define CS_SMALG_COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *cs_smalg_key_class_name(cs_smalg_key_class c) {
    static const char *const names[CS_SMALG_KEY_CLASS_COUNT] = {
        "other",     "RSA<2048",  "RSA-2048",   "RSA-3072",   "RSA-4096",   "RSA-other",
        "P-256",     "P-384",     "P-521",      "Ed25519",    "Ed448",      "ML-DSA-44",
        "ML-DSA-65", "ML-DSA-87", "ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"};
    return (unsigned)c < CS_SMALG_KEY_CLASS_COUNT ? names[c] : "other";
}

static unsigned cs_smalg_find_spki(cs_der raw) {
    for (unsigned i = 0; i < CS_SMALG_COUNT(cs_smalg_spki); i++) {
        if (raw.len == cs_smalg_spki[i].len &&
            memcmp(raw.ptr, cs_smalg_spki[i].der, raw.len) == 0) {
            return i + 1;
        }
    }
    return 0;
}

static unsigned cs_smalg_find_sig(cs_der raw) {
    for (unsigned i = 0; i < CS_SMALG_COUNT(cs_smalg_sig); i++) {
        if (raw.len == cs_smalg_sig[i].len && memcmp(raw.ptr, cs_smalg_sig[i].der, raw.len) == 0) {
            return i + 1;
        }
    }
    return 0;
}

static int cs_smalg_sha1(const cs_x509_alg *a) {
    switch ((cs_alg_id)a->id) {
    case CS_ALG_SHA1_RSA:
    case CS_ALG_ECDSA_SHA1:
    case CS_ALG_DSA_SHA1:
        return 1;
    case CS_ALG_RSA_PSS: {
        cs_rsa_pss_params p;
        if (a->params.len == 0) {
            return 1; /* every field at its DEFAULT: SHA-1 */
        }
        cs_parse_rsa_pss_params(a->params, &p);
        return p.invalid == NULL && p.hash == CS_OID_SHA1;
    }
    default:
        return 0;
    }
}

/* 2.23.140.1.5 as OID content octets. */
static const uint8_t cs_smalg_sbr_arc[] = {0x67, 0x81, 0x0C, 0x01, 0x05};

static int cs_smalg_is_sbr_oid(cs_der oid) {
    return oid.len >= sizeof cs_smalg_sbr_arc &&
           memcmp(oid.ptr, cs_smalg_sbr_arc, sizeof cs_smalg_sbr_arc) == 0;
}

static int cs_smalg_is_http(cs_der uri) {
    static const char http[] = "http://";
    if (uri.len <= sizeof http - 1) {
        return 0;
    }
    for (size_t i = 0; i < sizeof http - 1; i++) {
        uint8_t c = uri.ptr[i];
        if (c >= 'A' && c <= 'Z') {
            c = (uint8_t)(c + 32);
        }
        if (c != (uint8_t)http[i]) {
            return 0;
        }
    }
    return 1;
}

static int cs_smalg_is_http_or_https(cs_der uri) {
    static const char https[] = "https://";
    if (cs_smalg_is_http(uri)) {
        return 1;
    }
    if (uri.len <= sizeof https - 1) {
        return 0;
    }
    for (size_t i = 0; i < sizeof https - 1; i++) {
        uint8_t c = uri.ptr[i];
        if (c >= 'A' && c <= 'Z') {
            c = (uint8_t)(c + 32);
        }
        if (c != (uint8_t)https[i]) {
            return 0;
        }
    }
    return 1;
}

/* certificatePolicies of a CA: reserved SBR OIDs, anyPolicy and qualifier forms. Returns 1 when
 * a reserved SBR OID is present. */
/* Whether the bytes contain an OID starting 2.23.140.1.5 (06 len 67 81 0c 01 05): a cheap
 * necessary condition for a reserved SBR policy OID, checked before a full decode. */
static int cs_smalg_has_sbr_arc(cs_der value) {
    static const uint8_t arc[] = {0x67, 0x81, 0x0C, 0x01, 0x05};
    const uint8_t *p = value.ptr;
    size_t i = 2;
#if defined(__SSE2__)
    /* 16 positions at a time: a candidate is a 0x67 followed by 0x81, rare outside the arc. */
    const __m128i first = _mm_set1_epi8(0x67), second = _mm_set1_epi8((char)0x81);
    for (; i + 17 <= value.len; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 1));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, second)));
        while (m != 0) {
            size_t k = i + (size_t)__builtin_ctz(m);
            if (k + sizeof arc <= value.len && p[k - 2] == 0x06 &&
                memcmp(p + k, arc, sizeof arc) == 0) {
                return 1;
            }
            m &= m - 1;
        }
    }
#endif
    for (; i + sizeof arc <= value.len; i++) {
        if (p[i] == 0x67 && p[i - 2] == 0x06 && memcmp(p + i, arc, sizeof arc) == 0) {
            return 1;
        }
    }
    return 0;
}

static int cs_smalg_ca_policies_judge(const cs_x509 *x, const cs_x509_ext *e, cs_facts *f,
                                      int record) {
    cs_der_error err = {.base = x->der.ptr};
    /* One pass instead of cs_decode_certificate_policies and a walk: nothing is recorded until
     * the end, so a value that fails to decode part way still leaves no trace. */
    cs_der cur = e->value, seq;
    if (!cs_der_get(&cur, CS_DER_SEQUENCE, &seq, &err, "certificatePolicies") ||
        !cs_der_expect_end(&cur, &err, "certificatePolicies")) {
        return 0;
    }
    cs_policy_iter it = {seq};
    int sbr = 0, any = 0, bad_qualifier = 0;
    cs_policy pol;
    cs_iter_result r;
    while ((r = cs_policy_iter_next(&it, &pol, &err)) == CS_ITER_ITEM) {
        sbr |= cs_smalg_is_sbr_oid(pol.oid);
        any |= cs_oid_misc(pol.oid) == CS_OID_ANY_POLICY;
        if (!record || !pol.has_qualifiers) {
            continue;
        }
        cs_qualifier_iter qi;
        cs_policy_qualifier q;
        cs_qualifier_iter_init(&qi, pol.qualifiers);
        while (cs_qualifier_iter_next(&qi, &q, &err) == CS_ITER_ITEM) {
            if (q.id == CS_OID_QT_CPS) {
                bad_qualifier |= !cs_smalg_is_http_or_https(q.cps_uri);
            } else if (q.id == CS_OID_QT_UNOTICE) {
                bad_qualifier |= q.has_notice_ref || !q.has_explicit_text;
            }
        }
    }
    if (r == CS_ITER_ERROR) {
        return 0;
    }
    if (record) {
        if (!sbr && !any) {
            cs_facts_set(f, CS_COL_SMALG_CA_CP_NO_SBR_OID);
        }
        if (any) {
            cs_facts_set(f, CS_COL_SMALG_CA_CP_ANY_POLICY);
        }
        if (bad_qualifier) {
            cs_facts_set(f, CS_COL_SMALG_CA_CP_QUALIFIER_BAD);
        }
    }
    return sbr;
}

static int cs_smalg_ca_policies(const cs_x509 *x, const cs_x509_ext *e, cs_facts *f, int record) {
    cs_memo_rec memo;
    uint32_t sbr;
    if (!record) {
        /* Most CA certificates are not S/MIME CAs: look for the encoded reserved arc (OID tag, a
         * length, then 2.23.140.1.5) in the raw bytes before decoding anything, or even looking
         * the value up, which costs more than the scan. */
        if (!cs_smalg_has_sbr_arc(e->value)) {
            return 0;
        }
        if (!cs_memo_lookup(&memo, CS_MEMO_SMALG_CP_SBR, e->value, 0, 0, NULL, &sbr)) {
            sbr = (uint32_t)cs_smalg_ca_policies_judge(x, e, f, 0);
            cs_memo_save(&memo, NULL, sbr);
        }
        return (int)sbr;
    }
    if (!cs_memo_lookup(&memo, CS_MEMO_SMALG_CP, e->value, CS_COL_SMALG_CA_CP_NO_SBR_OID,
                        CS_COL_SMALG_CA_CP_QUALIFIER_BAD + 1, f, &sbr)) {
        sbr = (uint32_t)cs_smalg_ca_policies_judge(x, e, f, 1);
        cs_memo_save(&memo, f, sbr);
    }
    return (int)sbr;
}

static int cs_smalg_ext_ok(const cs_facts *f, cs_ext_id id) {
    return cs_facts_has(f, CS_COL_EXT_PRESENT + id) && !((f->ext_malformed >> id) & 1u);
}

static void cs_smalg_crldp_judge(const cs_x509 *x, const cs_x509_ext *e, cs_facts *f,
                                 cs_memo_rec *memo) {
    cs_der_error err = {.base = x->der.ptr};
    cs_dist_point_iter it;
    unsigned count;
    if (!cs_decode_crl_distribution_points(e->value, &it, &count, &err)) {
        return;
    }
    cs_dist_point dp;
    int http = 0;
    while (cs_dist_point_iter_next(&it, &dp, &err) == CS_ITER_ITEM) {
        if (!dp.has_name || !dp.name_is_full) {
            continue;
        }
        cs_gn_iter gi;
        cs_general_name gn;
        cs_gn_iter_init(&gi, dp.name);
        while (cs_gn_iter_next(&gi, &gn, &err) == CS_ITER_ITEM) {
            http |= gn.type == CS_GN_URI && cs_smalg_is_http(gn.value);
        }
    }
    if (!http) {
        cs_facts_set(f, CS_COL_SMALG_CA_CRLDP_NO_HTTP);
    }
}

static void cs_smalg_aia_judge(const cs_x509 *x, const cs_x509_ext *e, cs_facts *f,
                               cs_memo_rec *memo) {
    cs_der_error err = {.base = x->der.ptr};
    cs_access_iter it;
    unsigned count;
    if (!cs_decode_info_access(e->value, &it, &count, &err)) {
        return;
    }
    cs_access_desc ad;
    int http_issuers = 0;
    while (cs_access_iter_next(&it, &ad, &err) == CS_ITER_ITEM) {
        http_issuers |= ad.method_id == CS_OID_AD_CA_ISSUERS && ad.location.type == CS_GN_URI &&
                        cs_smalg_is_http(ad.location.value);
    }
    if (!http_issuers) {
        cs_facts_set(f, CS_COL_SMALG_CA_AIA_NO_HTTP_ISSUERS);
    }
}

/* SBR 7.1.5: a CA constrained to emailProtection constrains both rfc822Name and directoryName in
 * its permittedSubtrees. */
static void cs_smalg_name_constraints_judge(const cs_x509 *x, const cs_x509_ext *e, cs_facts *f,
                                            cs_memo_rec *memo) {
    cs_der_error err = {.base = x->der.ptr};
    cs_name_constraints nc;
    if (!cs_decode_name_constraints(e->value, &nc, &err)) {
        return;
    }
    int rfc822 = 0, dir = 0, mailbox = 0;
    if (nc.has_permitted) {
        cs_subtree_iter it;
        cs_subtree st;
        cs_subtree_iter_init(&it, nc.permitted);
        while (cs_subtree_iter_next(&it, &st, &err) == CS_ITER_ITEM) {
            rfc822 |= st.base.type == CS_GN_RFC822;
            mailbox |= st.base.type == CS_GN_RFC822 &&
                       memchr(st.base.value.ptr, '@', st.base.value.len) != NULL;
            dir |= st.base.type == CS_GN_DIRECTORY;
        }
    }
    if (!rfc822 || !dir) {
        cs_facts_set(f, CS_COL_SMALG_CA_TC_NC_INCOMPLETE);
    }
    if (mailbox) {
        cs_facts_set(f, CS_COL_SMALG_CA_TC_NC_MAILBOX);
    }
}

/* Whether an authorityKeyIdentifier value is only "30 L 80 L' keyIdentifier": the form nearly
 * every CA writes, which has neither authorityCertIssuer nor a serial number whether it decodes
 * or not, so no decode is needed to tell. */
static int cs_smalg_aki_key_id_only(cs_der v) {
    return v.len >= 4 && v.len <= 129 && v.ptr[0] == 0x30 && v.ptr[1] == v.len - 2 &&
           v.ptr[2] == 0x80 && v.ptr[3] == v.len - 4;
}

/* "An http:// URI is present" for cRLDistributionPoints or authorityInfoAccess: taken from the
 * general-names area's walk of the same extension (`seen` with its `bits`) when it judged this
 * one, else judged here once per distinct value. */
static void cs_smalg_http_check(const cs_x509 *x, cs_facts *f, const cs_x509_ext *e,
                                const void *seen, unsigned bits, unsigned http, unsigned col,
                                uint32_t kind, cs_memo_judge_fn judge) {
    if (e == NULL) {
        return;
    }
    if (seen == e) {
        if ((bits & (CS_GN_SMCA_VALID | http)) == CS_GN_SMCA_VALID) {
            cs_facts_set(f, col);
        }
    } else {
        cs_memo_columns(kind, col, col + 1, x, e, f, judge);
    }
}

static void cs_smalg_ca(const cs_x509 *x, cs_facts *f) {
    /* The first extension of each type, as the other areas read them; a mask says which are
     * set, so the array needs no clearing. */
    uint64_t have = 0;
    const cs_x509_ext *ext[CS_EXT_COUNT];
    for (unsigned i = 0; i < x->num_exts; i++) {
        uint8_t id = x->ext[i].id;
        if (id != CS_EXT_UNKNOWN && ((have >> id) & 1u) == 0) {
            have |= (uint64_t)1 << id;
            ext[id] = &x->ext[i];
        }
    }
#define CS_SMALG_EXT(id) (((have >> (id)) & 1u) != 0 ? ext[id] : NULL)
    if (cs_smalg_ext_ok(f, CS_EXT_KEY_USAGE) &&
        (f->ku.bits & (CS_KU_KEY_CERT_SIGN | CS_KU_CRL_SIGN)) !=
            (CS_KU_KEY_CERT_SIGN | CS_KU_CRL_SIGN)) {
        cs_facts_set(f, CS_COL_SMALG_CA_KU_SIGN_BITS_MISSING);
    }
    if (CS_SMALG_EXT(CS_EXT_CERTIFICATE_POLICIES) != NULL) {
        cs_smalg_ca_policies(x, ext[CS_EXT_CERTIFICATE_POLICIES], f, 1);
    }
    if (cs_smalg_ext_ok(f, CS_EXT_EXT_KEY_USAGE)) {
        if (!((f->eku_mask >> CS_EKU_EMAIL_PROTECTION) & 1u)) {
            cs_facts_set(f, CS_COL_SMALG_CA_EKU_NO_EMAIL);
        }
        const uint32_t prohibited = (1u << CS_EKU_SERVER_AUTH) | (1u << CS_EKU_CODE_SIGNING) |
                                    (1u << CS_EKU_TIME_STAMPING) | (1u << CS_EKU_ANY);
        if (f->eku_mask & prohibited) {
            cs_facts_set(f, CS_COL_SMALG_CA_EKU_PROHIBITED);
        }
        const cs_x509_ext *nc = CS_SMALG_EXT(CS_EXT_NAME_CONSTRAINTS);
        if (((f->eku_mask >> CS_EKU_EMAIL_PROTECTION) & 1u) &&
            !((f->eku_mask >> CS_EKU_ANY) & 1u) && nc != NULL) {
            if (f->gnames.smca_nc_ext == nc) {
                /* The RFC 5280 area walked these subtrees already. */
                const uint32_t b = f->gnames.smca_nc;
                if ((b & CS_GN_SMCA_VALID) != 0) {
                    if ((b & (CS_GN_SMCA_NC_RFC822 | CS_GN_SMCA_NC_DIR)) !=
                        (CS_GN_SMCA_NC_RFC822 | CS_GN_SMCA_NC_DIR)) {
                        cs_facts_set(f, CS_COL_SMALG_CA_TC_NC_INCOMPLETE);
                    }
                    if ((b & CS_GN_SMCA_NC_MAILBOX) != 0) {
                        cs_facts_set(f, CS_COL_SMALG_CA_TC_NC_MAILBOX);
                    }
                }
            } else {
                cs_memo_columns(CS_MEMO_SMALG_NC, CS_COL_SMALG_CA_TC_NC_INCOMPLETE,
                                CS_COL_SMALG_CA_TC_NC_MAILBOX + 1, x, nc, f,
                                cs_smalg_name_constraints_judge);
            }
        }
    }
    const cs_x509_ext *aki_ext = CS_SMALG_EXT(CS_EXT_AUTHORITY_KEY_ID);
    if (aki_ext != NULL && !cs_smalg_aki_key_id_only(aki_ext->value)) {
        cs_der_error err = {.base = x->der.ptr};
        cs_aki aki;
        if (cs_decode_aki(aki_ext->value, &aki, &err) && (aki.has_issuer || aki.has_serial)) {
            cs_facts_set(f, CS_COL_SMALG_CA_AKI_ISSUER_SERIAL);
        }
    }
    int cn = 0, o = 0, c = 0;
    for (unsigned i = 0; i < x->subject.num_attrs; i++) {
        cn |= x->subject.attr[i].id == CS_ATTR_COMMON_NAME;
        o |= x->subject.attr[i].id == CS_ATTR_ORGANIZATION;
        c |= x->subject.attr[i].id == CS_ATTR_COUNTRY;
    }
    if (!(cn && o && c)) {
        cs_facts_set(f, CS_COL_SMALG_CA_SUBJECT_INCOMPLETE);
    }
    cs_smalg_http_check(x, f, CS_SMALG_EXT(CS_EXT_CRL_DISTRIBUTION_POINTS),
                        f->gnames.smca_crldp_ext, f->gnames.smca_crldp, CS_GN_SMCA_CRLDP_HTTP,
                        CS_COL_SMALG_CA_CRLDP_NO_HTTP, CS_MEMO_SMALG_CRLDP, cs_smalg_crldp_judge);
    cs_smalg_http_check(x, f, CS_SMALG_EXT(CS_EXT_AUTHORITY_INFO_ACCESS), f->gnames.smca_aia_ext,
                        f->gnames.smca_aia, CS_GN_SMCA_AIA_HTTP_ISSUERS,
                        CS_COL_SMALG_CA_AIA_NO_HTTP_ISSUERS, CS_MEMO_SMALG_AIA, cs_smalg_aia_judge);
#undef CS_SMALG_EXT
}

static uint8_t cs_smalg_rsa_class(uint32_t bits) {
    switch (bits) {
    case 2048:
        return CS_SMALG_KEY_RSA_2048;
    case 3072:
        return CS_SMALG_KEY_RSA_3072;
    case 4096:
        return CS_SMALG_KEY_RSA_4096;
    default:
        return bits < 2048 ? CS_SMALG_KEY_RSA_SMALL : CS_SMALG_KEY_RSA_OTHER;
    }
}

static void cs_smalg_keys(const cs_x509 *x, cs_facts *f) {
    const cs_x509_spki *k = &x->spki;
    if (k->type == CS_KEY_RSA && k->key_parsed) {
        if (k->bits < 2048 || k->bits % 8 != 0) {
            cs_facts_set(f, CS_COL_SMALG_RSA_MODULUS_INVALID);
        }
        /* The algs area has judged the exponent's sign, parity and size: reuse it. */
        if (cs_facts_has(f, CS_COL_RSA_EXPONENT_NOT_POSITIVE) ||
            cs_facts_has(f, CS_COL_RSA_EXPONENT_EVEN) ||
            cs_facts_has(f, CS_COL_RSA_EXPONENT_BELOW_3)) {
            cs_facts_set(f, CS_COL_SMALG_RSA_EXPONENT_PROHIBITED);
        } else {
            uint32_t e_bits = cs_integer_bits(k->rsa_exponent);
            uint64_t value = 0;
            if (e_bits <= 64) {
                for (size_t i = 0; i < k->rsa_exponent.len; i++) {
                    value = value << 8 | k->rsa_exponent.ptr[i];
                }
            }
            int small = e_bits <= 64 && value < 65537u;
            if (small || e_bits > 256) {
                cs_facts_set(f, CS_COL_SMALG_RSA_EXPONENT_NOT_RECOMMENDED);
            }
        }
        f->smalg.key_class = cs_smalg_rsa_class(k->bits);
    } else if (k->type == CS_KEY_EC) {
        if (cs_facts_has(f, CS_COL_EC_POINT_MALFORMED) ||
            cs_facts_has(f, CS_COL_EC_POINT_NOT_ON_CURVE)) {
            cs_facts_set(f, CS_COL_SMALG_EC_KEY_INVALID);
        }
    }
}

void cs_facts_extract_smalg(const cs_x509 *x, struct cs_facts *out) {
    int ca = out->kind == CS_KIND_CA || out->kind == CS_KIND_ROOT;
    if (!out->smime.smime && !ca) {
        return;
    }
    if (ca) {
        int smime_ca = (out->eku_mask >> CS_EKU_EMAIL_PROTECTION) & 1u;
        if (!smime_ca) {
            int index = cs_x509_find_ext(x, CS_EXT_CERTIFICATE_POLICIES);
            smime_ca = index >= 0 && cs_smalg_ca_policies(x, &x->ext[index], out, 0);
        }
        if (!smime_ca) {
            return;
        }
        cs_facts_set(out, CS_COL_SMALG_SMIME_CA);
        cs_smalg_ca(x, out);
    }
    cs_facts_set(out, CS_COL_SMALG_SCOPE);

    unsigned spki = cs_smalg_find_spki(x->spki.alg.raw);
    out->smalg.spki_index = (uint8_t)spki;
    if (spki == 0) {
        cs_facts_set(out, CS_COL_SMALG_SPKI_NOT_ALLOWED);
    }
    if (spki == 0 || spki > CS_SMALG_SPKI_CLASSIC) {
        cs_facts_set(out, CS_COL_SMALG_SPKI_NOT_CLASSIC);
    }
    if (spki != 0) {
        out->smalg.key_class = cs_smalg_spki[spki - 1].key_class;
    }

    unsigned sig = cs_smalg_find_sig(x->tbs_sig_alg.raw);
    unsigned outer = x->sig_alg.raw.ptr == NULL ? sig : cs_smalg_find_sig(x->sig_alg.raw);
    out->smalg.sig_index = (uint8_t)sig;
    out->smalg.sig_alg = (uint8_t)x->tbs_sig_alg.id;
    if (sig == 0 || outer == 0) {
        cs_facts_set(out, CS_COL_SMALG_SIG_NOT_ALLOWED);
    }
    if (sig == 0 || sig > CS_SMALG_SIG_CLASSIC || outer == 0 || outer > CS_SMALG_SIG_CLASSIC) {
        cs_facts_set(out, CS_COL_SMALG_SIG_NOT_CLASSIC);
    }
    if (cs_smalg_sha1(&x->tbs_sig_alg)) {
        cs_facts_set(out, CS_COL_SMALG_SIG_SHA1);
        /* 2026-09-15T00:00:00Z: SMC016's deadline for SHA-1 signed S/MIME CA certificates. */
        if (out->not_after >= 1789430400) {
            cs_facts_set(out, CS_COL_SMALG_SHA1_UNEXPIRED);
        }
    }
    /* A self-signed certificate carries its issuer's key, so the key the signature algorithm
     * is bound to (7.1.3.2) can be checked without the chain. */
    if (out->kind == CS_KIND_ROOT && sig != 0 && spki != 0 &&
        cs_smalg_sig[sig - 1].key + 1u != spki) {
        cs_facts_set(out, CS_COL_SMALG_SIG_KEY_MISMATCH);
    }
    cs_smalg_keys(x, out);
}
