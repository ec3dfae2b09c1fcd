/* Facts about the GeneralName extensions: one walk over each list, every check of every name
 * done in that walk (scanner/gn_syntax.c), one column per kind of problem. */
#include "scanner/facts_gnames.h"

#include <string.h>

#include "scanner/facts.h"
#include "scanner/facts_memo.h"
#include "scanner/gn_syntax.h"
#include "scanner/x509_ext.h"

/* Where the facts of a subjectAltName or issuerAltName list go. */
typedef struct cs_gn_cols {
    uint16_t no_entries, empty_name;
    uint16_t dns_not_ia5, dns_space, dns_empty_label, dns_label_too_long, dns_too_long, dns_hyphen,
        dns_underscore, dns_bad_char, dns_bad_a_label;
    uint16_t rfc822_invalid;
    uint16_t uri_not_ia5, uri_relative, uri_invalid, uri_host;
    uint16_t ip_length;
} cs_gn_cols;

static const cs_gn_cols cs_san_cols = {
    CS_COL_SAN_NO_ENTRIES,   CS_COL_SAN_EMPTY_NAME,      CS_COL_SAN_DNS_NOT_IA5,
    CS_COL_SAN_DNS_SPACE,    CS_COL_SAN_DNS_EMPTY_LABEL, CS_COL_SAN_DNS_LABEL_TOO_LONG,
    CS_COL_SAN_DNS_TOO_LONG, CS_COL_SAN_DNS_HYPHEN,      CS_COL_SAN_DNS_UNDERSCORE,
    CS_COL_SAN_DNS_BAD_CHAR, CS_COL_SAN_DNS_BAD_A_LABEL, CS_COL_SAN_RFC822_INVALID,
    CS_COL_SAN_URI_NOT_IA5,  CS_COL_SAN_URI_RELATIVE,    CS_COL_SAN_URI_INVALID,
    CS_COL_SAN_URI_HOST,     CS_COL_SAN_IP_LENGTH,
};

/* issuerAltName has one column for every preferred-name-syntax problem. */
static const cs_gn_cols cs_ian_cols = {
    CS_COL_IAN_NO_ENTRIES,  CS_COL_IAN_EMPTY_NAME,   CS_COL_IAN_DNS_NOT_IA5,
    CS_COL_IAN_DNS_SPACE,   CS_COL_IAN_DNS_INVALID,  CS_COL_IAN_DNS_INVALID,
    CS_COL_IAN_DNS_INVALID, CS_COL_IAN_DNS_INVALID,  CS_COL_IAN_DNS_INVALID,
    CS_COL_IAN_DNS_INVALID, CS_COL_IAN_DNS_INVALID,  CS_COL_IAN_RFC822_INVALID,
    CS_COL_IAN_URI_NOT_IA5, CS_COL_IAN_URI_RELATIVE, CS_COL_IAN_URI_INVALID,
    CS_COL_IAN_URI_HOST,    CS_COL_IAN_IP_LENGTH,
};

static void cs_gn_set_if(cs_facts *out, uint32_t flags, uint32_t mask, unsigned col) {
    if ((flags & mask) != 0) {
        cs_facts_set(out, col);
    }
}

/* RFC 5280 §4.2.1.6: "empty GeneralName fields". A directoryName is empty when its Name has no
 * RDN (the TLV is just "30 00"). */
static int cs_gn_value_empty(const cs_general_name *gn) {
    return gn->type == CS_GN_DIRECTORY ? gn->value.len <= 2 : gn->value.len == 0;
}

/* Reads an extension value that is exactly one SEQUENCE; reports a failure as malformed. */
static int cs_gn_outer(const cs_x509 *x, const cs_x509_ext *e, cs_facts *out, const char *where,
                       cs_der *content) {
    cs_der_error err = {.base = x->der.ptr};
    cs_der cur = e->value;
    if (!cs_der_get(&cur, CS_DER_SEQUENCE, content, &err, where) ||
        !cs_der_expect_end(&cur, &err, where)) {
        cs_facts_ext_failed(out, (cs_ext_id)e->id, &err);
        return 0;
    }
    return 1;
}

int cs_gn_uri_is_http(const uint8_t *p, size_t n) {
    if (n <= 7) {
        return 0;
    }
    /* Or-ing 0x20 folds only 'H', 'T', 'P' onto the lowercase letters compared with. */
    uint32_t scheme;
    memcpy(&scheme, p, sizeof scheme);
    uint32_t want;
    memcpy(&want, "http", sizeof want);
    return (scheme | 0x20202020u) == want && p[4] == ':' && p[5] == '/' && p[6] == '/';
}

uint32_t cs_gn_san_mailbox_flags(const cs_facts_gnames *g, const uint8_t *p, size_t n) {
    for (unsigned i = 0; i < g->num_san_mbx; i++) {
        if (g->san_mbx_ptr[i] == p && g->san_mbx_len[i] == n) {
            return g->san_mbx_flags[i];
        }
    }
    return cs_mailbox_check(p, n);
}

/* subjectAltName / issuerAltName. `keep` (NULL for issuerAltName) receives the rfc822Name
 * check flags. */
static void cs_gn_alt_names(const cs_x509 *x, const cs_x509_ext *e, cs_facts *out,
                            const cs_gn_cols *c, uint32_t *smtp_flags, cs_facts_gnames *keep) {
    cs_der seq;
    if (!cs_gn_outer(x, e, out, "generalNames", &seq)) {
        return;
    }
    if (seq.len == 0) {
        cs_facts_set(out, c->no_entries);
        return;
    }
    uint32_t dns = 0, mbx = 0, uri = 0;
    int empty = 0, ip_bad = 0;
    cs_der_error err = {.base = x->der.ptr};
    cs_gn_iter it;
    cs_general_name gn;
    cs_iter_result r;
    cs_gn_iter_init(&it, seq);
    while ((r = cs_gn_iter_next(&it, &gn, &err)) == CS_ITER_ITEM) {
        if (cs_gn_value_empty(&gn)) {
            empty = 1;
            continue;
        }
        switch (gn.type) {
        case CS_GN_DNS:
            dns |= cs_dns_check(gn.value.ptr, gn.value.len, CS_DNS_ALLOW_WILDCARD);
            break;
        case CS_GN_RFC822: {
            uint32_t f = cs_mailbox_check(gn.value.ptr, gn.value.len);
            mbx |= f;
            if (keep != NULL && keep->num_san_mbx < CS_GN_SAN_MBX_KEEP) {
                keep->san_mbx_ptr[keep->num_san_mbx] = gn.value.ptr;
                keep->san_mbx_len[keep->num_san_mbx] = (uint32_t)gn.value.len;
                keep->san_mbx_flags[keep->num_san_mbx++] = f;
            }
            break;
        }
        case CS_GN_URI:
            uri |= cs_uri_check(gn.value.ptr, gn.value.len, CS_URI_CHECK_HOST);
            break;
        case CS_GN_IP:
            ip_bad |= gn.value.len != 4 && gn.value.len != 16;
            break;
        case CS_GN_OTHER_NAME:
            if (cs_oid_misc(gn.other_oid) == CS_OID_ON_SMTP_UTF8_MAILBOX) {
                *smtp_flags |= cs_smtputf8_check(gn.other_tag, gn.value.ptr, gn.value.len);
            }
            break;
        default:
            break;
        }
    }
    if (r == CS_ITER_ERROR) {
        cs_facts_ext_failed(out, (cs_ext_id)e->id, &err);
    }
    if (empty) {
        cs_facts_set(out, c->empty_name);
    }
    if (ip_bad) {
        cs_facts_set(out, c->ip_length);
    }
    if (dns != 0) {
        cs_gn_set_if(out, dns, CS_DNS_NOT_IA5, c->dns_not_ia5);
        cs_gn_set_if(out, dns, CS_DNS_SPACE, c->dns_space);
        cs_gn_set_if(out, dns, CS_DNS_EMPTY_LABEL, c->dns_empty_label);
        cs_gn_set_if(out, dns, CS_DNS_LABEL_TOO_LONG, c->dns_label_too_long);
        cs_gn_set_if(out, dns, CS_DNS_TOO_LONG, c->dns_too_long);
        cs_gn_set_if(out, dns, CS_DNS_HYPHEN_EDGE, c->dns_hyphen);
        cs_gn_set_if(out, dns, CS_DNS_UNDERSCORE, c->dns_underscore);
        cs_gn_set_if(out, dns, CS_DNS_BAD_CHAR, c->dns_bad_char);
        cs_gn_set_if(out, dns, CS_DNS_BAD_A_LABEL, c->dns_bad_a_label);
    }
    cs_gn_set_if(out, mbx, CS_MBX_INVALID, c->rfc822_invalid);
    if (uri != 0) {
        cs_gn_set_if(out, uri, CS_URI_NOT_IA5, c->uri_not_ia5);
        cs_gn_set_if(out, uri, CS_URI_RELATIVE, c->uri_relative);
        cs_gn_set_if(out, uri, CS_URI_NO_SSP | CS_URI_BAD_SYNTAX, c->uri_invalid);
        cs_gn_set_if(out, uri, CS_URI_HOST_INVALID | CS_URI_HOST_TOO_LONG, c->uri_host);
    }
}

/* One GeneralSubtree's base and distances. */
static void cs_gn_subtree(const cs_subtree *st, cs_facts *out) {
    if (st->has_minimum) {
        cs_facts_set(out, st->minimum != 0 ? CS_COL_NC_MIN_NONZERO : CS_COL_NC_MIN_ENCODED);
    }
    if (st->has_maximum) {
        cs_facts_set(out, CS_COL_NC_MAX_PRESENT);
    }
    const cs_der v = st->base.value;
    switch (st->base.type) {
    case CS_GN_X400:
        cs_facts_set(out, CS_COL_NC_X400);
        break;
    case CS_GN_EDI_PARTY:
        cs_facts_set(out, CS_COL_NC_EDI);
        break;
    case CS_GN_REGISTERED_ID:
        cs_facts_set(out, CS_COL_NC_REGISTERED_ID);
        break;
    case CS_GN_IP: {
        uint32_t f = cs_ip_constraint_check(v.ptr, v.len);
        cs_gn_set_if(out, f, CS_IPNC_LENGTH, CS_COL_NC_IP_LENGTH);
        cs_gn_set_if(out, f, CS_IPNC_NOT_CIDR, CS_COL_NC_IP_NOT_CIDR);
        break;
    }
    case CS_GN_URI: {
        uint32_t f = cs_dns_check(v.ptr, v.len, CS_DNS_ALLOW_LEADING_DOT);
        cs_gn_set_if(out, f, CS_DNS_NOT_FQDN, CS_COL_NC_URI_NOT_FQDN);
        break;
    }
    case CS_GN_DNS: {
        /* An empty dNSName constraint is the whole name space: allowed. */
        uint32_t f = v.len == 0 ? 0 : cs_dns_check(v.ptr, v.len, CS_DNS_ALLOW_LEADING_DOT);
        cs_gn_set_if(out, f, CS_DNS_LEADING_DOT, CS_COL_NC_DNS_LEADING_DOT);
        cs_gn_set_if(out, f, CS_DNS_NOT_IA5 | CS_DNS_SPACE | CS_DNS_SYNTAX, CS_COL_NC_DNS_INVALID);
        break;
    }
    case CS_GN_RFC822: {
        uint32_t f = cs_mailbox_check(v.ptr, v.len);
        if ((f & (CS_MBX_NO_AT | CS_MBX_EMPTY)) == 0) {
            cs_facts_set(out, CS_COL_NC_RFC822_MAILBOX);
            cs_gn_set_if(out, f, CS_MBX_INVALID, CS_COL_NC_RFC822_INVALID);
        } else {
            /* A host, or ".domain" for any host in it. */
            uint32_t d = cs_dns_check(v.ptr, v.len, CS_DNS_ALLOW_LEADING_DOT);
            cs_gn_set_if(out, d, CS_DNS_EMPTY | CS_DNS_NOT_IA5 | CS_DNS_SPACE | CS_DNS_SYNTAX,
                         CS_COL_NC_RFC822_INVALID);
        }
        break;
    }
    default:
        break;
    }
}

/* Returns the CS_GN_SMCA_NC_* bits of the permitted subtrees, with CS_GN_SMCA_VALID when the
 * value decoded. */
static uint32_t cs_gn_name_constraints(const cs_x509 *x, const cs_x509_ext *e, cs_facts *out,
                                       cs_memo_rec *memo) {
    const char *where = "nameConstraints";
    cs_der seq, trees[2];
    int present[2];
    cs_der_error err = {.base = x->der.ptr};
    if (!cs_gn_outer(x, e, out, where, &seq)) {
        return 0;
    }
    if (!cs_der_get_optional(&seq, CS_DER_CONTEXT_CONS(0), &trees[0], &present[0], &err, where) ||
        !cs_der_get_optional(&seq, CS_DER_CONTEXT_CONS(1), &trees[1], &present[1], &err, where) ||
        !cs_der_expect_end(&seq, &err, where)) {
        cs_facts_ext_failed(out, CS_EXT_NAME_CONSTRAINTS, &err);
        return 0;
    }
    uint32_t smca = CS_GN_SMCA_VALID;
    if (!present[0] && !present[1]) {
        cs_facts_set(out, CS_COL_NC_EMPTY);
    }
    for (int i = 0; i < 2; i++) {
        if (!present[i]) {
            continue;
        }
        if (trees[i].len == 0) {
            cs_facts_set(out, CS_COL_NC_EMPTY_SUBTREES);
        }
        cs_subtree_iter it;
        cs_subtree st;
        cs_iter_result r;
        cs_subtree_iter_init(&it, trees[i]);
        while ((r = cs_subtree_iter_next(&it, &st, &err)) == CS_ITER_ITEM) {
            cs_gn_subtree(&st, out);
            if (i == 0 && st.base.type == CS_GN_RFC822) {
                smca |= CS_GN_SMCA_NC_RFC822;
                if (memchr(st.base.value.ptr, '@', st.base.value.len) != NULL) {
                    smca |= CS_GN_SMCA_NC_MAILBOX;
                }
            } else if (i == 0 && st.base.type == CS_GN_DIRECTORY) {
                smca |= CS_GN_SMCA_NC_DIR;
            }
        }
        if (r == CS_ITER_ERROR) {
            cs_facts_ext_failed(out, CS_EXT_NAME_CONSTRAINTS, &err);
            return 0;
        }
    }
    return smca;
}

/* ReasonFlags with every reason, keyCompromise (1) through aACompromise (8). */
static int cs_gn_all_reasons(cs_der reasons) {
    const uint64_t all = 0x1FEu;
    return (cs_der_bitstring_bits(reasons) & all) == all;
}

/* cRLDistributionPoints / freshestCRL; `base` is the first column of the extension's block.
 * Returns CS_GN_SMCA_VALID (and CS_GN_SMCA_CRLDP_HTTP) when the value decoded. */
static uint32_t cs_gn_dist_points(const cs_x509 *x, const cs_x509_ext *e, cs_facts *out,
                                  cs_memo_rec *memo) {
    const unsigned base =
        e->id == CS_EXT_CRL_DISTRIBUTION_POINTS ? CS_COL_CRLDP_FIRST : CS_COL_FRESHEST_FIRST;
#define CS_DP_COL(col) ((unsigned)((col)-CS_COL_CRLDP_FIRST) + base)
    cs_der seq;
    if (!cs_gn_outer(x, e, out, "cRLDistributionPoints", &seq)) {
        return 0;
    }
    uint32_t smca = CS_GN_SMCA_VALID;
    cs_der_error err = {.base = x->der.ptr};
    cs_dist_point_iter it = {seq};
    cs_dist_point dp;
    cs_iter_result r;
    unsigned count = 0;
    int all_reasons = 0;
    while ((r = cs_dist_point_iter_next(&it, &dp, &err)) == CS_ITER_ITEM) {
        count++;
        if (!dp.has_name && !dp.has_crl_issuer) {
            cs_facts_set(out, CS_DP_COL(CS_COL_CRLDP_INCOMPLETE));
        }
        if (!dp.has_reasons || cs_gn_all_reasons(dp.reasons)) {
            all_reasons = 1;
        }
        cs_gn_iter names;
        cs_general_name gn;
        if (dp.has_name) {
            int http_ldap = 0;
            if (dp.name_is_full) {
                if (dp.name.len == 0) {
                    cs_facts_set(out, CS_DP_COL(CS_COL_CRLDP_EMPTY_NAMES));
                }
                cs_gn_iter_init(&names, dp.name);
                while (cs_gn_iter_next(&names, &gn, &err) == CS_ITER_ITEM) {
                    if (gn.type != CS_GN_URI) {
                        continue;
                    }
                    if (cs_gn_uri_is_http(gn.value.ptr, gn.value.len)) {
                        smca |= CS_GN_SMCA_CRLDP_HTTP;
                    }
                    uint32_t f = cs_uri_check(gn.value.ptr, gn.value.len, 0);
                    http_ldap |= (f & (CS_URI_HTTP | CS_URI_LDAP)) != 0;
                    cs_gn_set_if(out, f, CS_URI_INVALID, CS_DP_COL(CS_COL_CRLDP_URI_INVALID));
                    if ((f & CS_URI_LDAP) != 0) {
                        cs_gn_set_if(out, f,
                                     CS_URI_LDAP_NO_DN | CS_URI_LDAP_NO_ATTRS |
                                         CS_URI_LDAP_MANY_ATTRS,
                                     CS_DP_COL(CS_COL_CRLDP_LDAP_INCOMPLETE));
                        cs_gn_set_if(out, f, CS_URI_LDAP_NO_HOST,
                                     CS_DP_COL(CS_COL_CRLDP_LDAP_NO_HOST));
                    }
                }
            } else {
                cs_facts_set(out, CS_DP_COL(CS_COL_CRLDP_RELATIVE_NAME));
            }
            if (!http_ldap) {
                cs_facts_set(out, CS_DP_COL(CS_COL_CRLDP_NO_HTTP_LDAP));
            }
        }
        if (dp.has_crl_issuer) {
            /* Compared with this certificate's issuer below: not a function of the bytes of
             * the extension alone. */
            cs_memo_forget(memo);
            unsigned dns = 0;
            if (dp.crl_issuer.len == 0) {
                cs_facts_set(out, CS_DP_COL(CS_COL_CRLDP_EMPTY_NAMES));
            }
            cs_gn_iter_init(&names, dp.crl_issuer);
            while (cs_gn_iter_next(&names, &gn, &err) == CS_ITER_ITEM) {
                if (gn.type != CS_GN_DIRECTORY) {
                    cs_facts_set(out, CS_DP_COL(CS_COL_CRLDP_ISSUER_NOT_DN));
                    continue;
                }
                dns++;
                if (cs_der_equal(gn.value, x->issuer.raw)) {
                    cs_facts_set(out, CS_DP_COL(CS_COL_CRLDP_ISSUER_IS_ISSUER));
                }
            }
            if (dp.has_name && !dp.name_is_full && dns > 1) {
                cs_facts_set(out, CS_DP_COL(CS_COL_CRLDP_RELATIVE_MULTI));
            }
        }
    }
    if (r == CS_ITER_ERROR) {
        cs_facts_ext_failed(out, (cs_ext_id)e->id, &err);
        return 0;
    }
    if (count == 0) {
        cs_facts_set(out, CS_DP_COL(CS_COL_CRLDP_NO_ENTRIES));
    } else if (!all_reasons) {
        cs_facts_set(out, CS_DP_COL(CS_COL_CRLDP_NO_ALL_REASONS));
    }
    return smca;
#undef CS_DP_COL
}

/* authorityInfoAccess / subjectInfoAccess; `key` is the access method whose locations should
 * include an HTTP or LDAP URI (caIssuers, caRepository). Returns CS_GN_SMCA_VALID (and
 * CS_GN_SMCA_AIA_HTTP_ISSUERS) when the value decoded. */
static uint32_t cs_gn_info_access(const cs_x509 *x, const cs_x509_ext *e, cs_facts *out,
                                  cs_memo_rec *memo) {
    const int aia = e->id == CS_EXT_AUTHORITY_INFO_ACCESS;
    const unsigned base = aia ? CS_COL_AIA_FIRST : CS_COL_SIA_FIRST;
    const cs_misc_oid_id key = aia ? CS_OID_AD_CA_ISSUERS : CS_OID_AD_CA_REPOSITORY;
#define CS_AD_COL(col) ((unsigned)((col)-CS_COL_AIA_FIRST) + base)
    cs_der seq;
    if (!cs_gn_outer(x, e, out, "infoAccess", &seq)) {
        return 0;
    }
    uint32_t smca = CS_GN_SMCA_VALID;
    cs_der_error err = {.base = x->der.ptr};
    cs_access_iter it = {seq};
    cs_access_desc desc;
    cs_iter_result r;
    unsigned count = 0;
    int key_seen = 0, key_ok = 0;
    while ((r = cs_access_iter_next(&it, &desc, &err)) == CS_ITER_ITEM) {
        count++;
        int is_key = desc.method_id == key;
        key_seen |= is_key;
        if (desc.location.type != CS_GN_URI) {
            continue;
        }
        if (desc.method_id == CS_OID_AD_CA_ISSUERS &&
            cs_gn_uri_is_http(desc.location.value.ptr, desc.location.value.len)) {
            smca |= CS_GN_SMCA_AIA_HTTP_ISSUERS;
        }
        uint32_t f = cs_uri_check(desc.location.value.ptr, desc.location.value.len, 0);
        cs_gn_set_if(out, f, CS_URI_INVALID, CS_AD_COL(CS_COL_AIA_URI_INVALID));
        if (is_key) {
            key_ok |= (f & (CS_URI_HTTP | CS_URI_LDAP)) != 0;
            if ((f & CS_URI_LDAP) != 0) {
                cs_gn_set_if(out, f, CS_URI_LDAP_NO_DN | CS_URI_LDAP_NO_ATTRS,
                             CS_AD_COL(CS_COL_AIA_LDAP_INCOMPLETE));
                cs_gn_set_if(out, f, CS_URI_LDAP_NO_HOST, CS_AD_COL(CS_COL_AIA_LDAP_NO_HOST));
            }
        }
    }
    if (r == CS_ITER_ERROR) {
        cs_facts_ext_failed(out, (cs_ext_id)e->id, &err);
        return 0;
    }
    if (count == 0) {
        cs_facts_set(out, CS_AD_COL(CS_COL_AIA_NO_ENTRIES));
    }
    if (key_seen && !key_ok) {
        cs_facts_set(out, CS_AD_COL(CS_COL_AIA_NO_HTTP_LDAP));
    }
    return smca;
#undef CS_AD_COL
}

typedef uint32_t (*cs_gn_judge_fn)(const cs_x509 *x, const cs_x509_ext *e, cs_facts *out,
                                   cs_memo_rec *memo);

/* cs_memo_columns with the judge's CS_GN_SMCA_* bits kept as the memo's result; the bits of the
 * first extension of its type go to `*keep` (when `keep_ext` is not NULL). */
static void cs_gn_memo_judge(uint32_t kind, unsigned lo, unsigned hi, const cs_x509 *x,
                             const cs_x509_ext *e, cs_facts *out, cs_gn_judge_fn judge,
                             const void **keep_ext, uint8_t *keep) {
    cs_memo_rec memo;
    uint32_t smca = 0;
    if (!cs_memo_lookup(&memo, kind, e->value, lo, hi, out, &smca)) {
        smca = judge(x, e, out, &memo);
        cs_memo_save(&memo, out, smca);
    }
    if (keep_ext != NULL && *keep_ext == NULL) {
        *keep_ext = e;
        *keep = (uint8_t)smca;
    }
}

void cs_facts_extract_gnames(const cs_x509 *x, struct cs_facts *out) {
    if (x->subject.num_rdns == 0) {
        cs_facts_set(out, CS_COL_GN_SUBJECT_EMPTY);
    }
    /* A mask test per extension is cheaper than the switch's indirect jump, and most
     * extensions of a certificate are not of this area. */
    const uint64_t mine =
        (uint64_t)1 << CS_EXT_SUBJECT_ALT_NAME | (uint64_t)1 << CS_EXT_ISSUER_ALT_NAME |
        (uint64_t)1 << CS_EXT_NAME_CONSTRAINTS | (uint64_t)1 << CS_EXT_CRL_DISTRIBUTION_POINTS |
        (uint64_t)1 << CS_EXT_FRESHEST_CRL | (uint64_t)1 << CS_EXT_AUTHORITY_INFO_ACCESS |
        (uint64_t)1 << CS_EXT_SUBJECT_INFO_ACCESS;
    /* The base area marked which extensions are present: the walk stops after the last of
     * this area's, unless one type appears twice (then every one is judged). */
    _Static_assert(CS_COL_EXT_PRESENT + CS_EXT_COUNT <= 64, "presence bits in the first word");
    const int duplicate = cs_facts_has(out, CS_COL_EXT_DUPLICATE);
    uint64_t todo = duplicate ? mine : (out->bits[0] >> CS_COL_EXT_PRESENT) & mine;
    uint32_t smtp = 0;
    cs_facts_gnames *g = &out->gnames;
    const cs_x509_ext *ext = x->ext;
    for (unsigned i = 0, n = x->num_exts; i < n && todo != 0; i++) {
        const cs_x509_ext *e = &ext[i];
        if (((todo >> e->id) & 1u) == 0) {
            continue;
        }
        if (!duplicate) {
            todo &= ~((uint64_t)1 << e->id);
        }
        switch ((cs_ext_id)e->id) {
        case CS_EXT_SUBJECT_ALT_NAME:
            cs_gn_alt_names(x, e, out, &cs_san_cols, &smtp, &out->gnames);
            break;
        case CS_EXT_ISSUER_ALT_NAME:
            cs_gn_alt_names(x, e, out, &cs_ian_cols, &smtp, NULL);
            break;
        case CS_EXT_NAME_CONSTRAINTS:
            cs_gn_memo_judge(CS_MEMO_NC, CS_COL_NC_EMPTY, CS_COL_NC_RFC822_INVALID + 1, x, e, out,
                             cs_gn_name_constraints, &g->smca_nc_ext, &g->smca_nc);
            break;
        case CS_EXT_CRL_DISTRIBUTION_POINTS:
            cs_gn_memo_judge(CS_MEMO_CRLDP, CS_COL_CRLDP_FIRST, CS_COL_CRLDP_END_, x, e, out,
                             cs_gn_dist_points, &g->smca_crldp_ext, &g->smca_crldp);
            break;
        case CS_EXT_FRESHEST_CRL:
            cs_gn_memo_judge(CS_MEMO_FRESHEST, CS_COL_FRESHEST_FIRST,
                             CS_COL_FRESHEST_FIRST + (CS_COL_CRLDP_END_ - CS_COL_CRLDP_FIRST), x, e,
                             out, cs_gn_dist_points, NULL, NULL);
            break;
        case CS_EXT_AUTHORITY_INFO_ACCESS:
            cs_gn_memo_judge(CS_MEMO_AIA, CS_COL_AIA_FIRST, CS_COL_AIA_END_, x, e, out,
                             cs_gn_info_access, &g->smca_aia_ext, &g->smca_aia);
            break;
        case CS_EXT_SUBJECT_INFO_ACCESS:
            cs_gn_memo_judge(CS_MEMO_SIA, CS_COL_SIA_FIRST,
                             CS_COL_SIA_FIRST + (CS_COL_AIA_END_ - CS_COL_AIA_FIRST), x, e, out,
                             cs_gn_info_access, NULL, NULL);
            break;
        default:
            break;
        }
    }
    if (smtp != 0) {
        cs_gn_set_if(out, smtp, CS_SMTP_NOT_UTF8, CS_COL_SMTP_NOT_UTF8);
        cs_gn_set_if(out, smtp, CS_SMTP_SYNTAX, CS_COL_SMTP_SYNTAX);
        cs_gn_set_if(out, smtp, CS_SMTP_ASCII_LOCAL, CS_COL_SMTP_ASCII_LOCAL);
        cs_gn_set_if(out, smtp, CS_SMTP_BOM, CS_COL_SMTP_BOM);
        cs_gn_set_if(out, smtp, CS_SMTP_UPPERCASE, CS_COL_SMTP_UPPERCASE);
        cs_gn_set_if(out, smtp, CS_SMTP_BAD_DOMAIN, CS_COL_SMTP_BAD_DOMAIN);
    }
}
