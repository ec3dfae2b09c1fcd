/* libFuzzer target: the certificate view and every extension decoder.
 *
 * The input is parsed as one Certificate (and as a bare TBSCertificate). When the parse
 * succeeds, every extension value goes through every decoder in scanner/x509_ext.h, whatever its
 * OID (so each decoder sees arbitrary bytes, not only the values whose OID happens to match),
 * every list is iterated to its end, and the names are printed. Besides the sanitizers, the
 * documented contracts are checked and a violation aborts:
 * - a failure has a status, a structure name and an offset inside the input;
 * - every span of the view lies inside the input;
 * - a list decoder that succeeds guarantees its iteration succeeds, with the same count, and
 *   every item an iterator returns is validated in full, nested lists included;
 * - an iterator that failed fails again (it does not advance), and one at its end stays there;
 * - strings written into buffers are terminated within them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"
#include "scanner/x509.h"
#include "scanner/x509_ext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_x509: invariant failed: %s (%s:%d)\n", #cond, __FILE__,          \
                    __LINE__);                                                                     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The input being checked; spans must stay inside it. */
static const uint8_t *g_in;
static size_t g_len;
/* Keeps the optimiser from dropping results. */
static volatile size_t g_sink;

static void check_span(cs_der s) {
    if (s.len == 0) {
        return;
    }
    CHECK(s.ptr != NULL);
    CHECK(s.ptr >= g_in && s.ptr <= g_in + g_len);
    CHECK(s.len <= (size_t)(g_in + g_len - s.ptr));
    g_sink += s.ptr[0] + s.ptr[s.len - 1];
}

static void check_error(const cs_der_error *err) {
    CHECK(err->status != CS_DER_OK);
    CHECK((unsigned)err->status < CS_DER_STATUS_COUNT);
    CHECK(err->where != NULL);
    CHECK(err->offset <= g_len);
    g_sink += strlen(cs_der_status_name(err->status)) + strlen(cs_der_status_text(err->status));
}

static cs_der_error new_error(void) {
    cs_der_error err;
    memset(&err, 0, sizeof err);
    err.base = g_in;
    return err;
}

/* An arc of k octets has at most 2.11k + 1 digits, so 4 characters per octet and the first
 * arc's "2." always fit. */
static char g_oid_text[4 * 8192 + 16];

static void check_oid_text(cs_der oid) {
    check_span(oid);
    if (4 * oid.len + 16 > sizeof g_oid_text) {
        return;
    }
    size_t n = cs_der_oid_to_string(oid, g_oid_text, 4 * oid.len + 16);
    CHECK(n == strlen(g_oid_text));
    CHECK((n > 0) == (cs_der_check_oid(oid) != 0)); /* room enough: 0 only when malformed */
    /* A small buffer: terminated within it, and a non-zero length is the whole text. */
    char small[24];
    memset(small, 'x', sizeof small);
    size_t m = cs_der_oid_to_string(oid, small, sizeof small);
    CHECK(memchr(small, '\0', sizeof small) != NULL);
    if (m > 0) {
        CHECK(m == n && strcmp(small, g_oid_text) == 0);
    }
}

/* An iterator result after the list ended or failed must repeat. */
#define CHECK_STICKY(result, again)                                                                \
    do {                                                                                           \
        if ((result) != CS_ITER_ITEM) {                                                            \
            CHECK((again) == (result));                                                            \
        }                                                                                          \
    } while (0)

/* GeneralNames content whose validity is already established (must_succeed) or not. */
static unsigned walk_general_names(cs_der content, int must_succeed) {
    cs_gn_iter it;
    cs_general_name gn;
    cs_der_error err = new_error();
    cs_iter_result r;
    unsigned count = 0;
    cs_gn_iter_init(&it, content);
    while ((r = cs_gn_iter_next(&it, &gn, &err)) == CS_ITER_ITEM) {
        CHECK((unsigned)gn.type < CS_GN_TYPE_COUNT);
        CHECK(cs_gn_type_name(gn.type) != NULL);
        check_span(gn.raw);
        check_span(gn.value);
        if (gn.type == CS_GN_OTHER_NAME) {
            check_oid_text(gn.other_oid);
        }
        if (gn.type == CS_GN_REGISTERED_ID) {
            CHECK(cs_der_check_oid(gn.value));
        }
        if (gn.type == CS_GN_DIRECTORY) {
            /* The Name TLV was validated: a generic walk of it cannot fail. */
            cs_der_error e2 = new_error();
            CHECK(cs_der_validate_tree(gn.value, CS_DER_MAX_DEPTH + 2, &e2, "dirName"));
        }
        count++;
    }
    if (r == CS_ITER_ERROR) {
        CHECK(!must_succeed);
        check_error(&err);
    }
    cs_der_error err2 = new_error();
    CHECK_STICKY(r, cs_gn_iter_next(&it, &gn, &err2));
    return count;
}

static void fuzz_general_names(cs_der value) {
    cs_gn_iter it;
    unsigned counts[CS_GN_TYPE_COUNT], total = 0;
    cs_der_error err = new_error();
    if (cs_decode_general_names(value, &it, counts, &total, &err)) {
        unsigned sum = 0;
        for (unsigned i = 0; i < CS_GN_TYPE_COUNT; i++) {
            sum += counts[i];
        }
        CHECK(sum == total);
        CHECK(walk_general_names(it.rest, 1) == total);
    } else {
        check_error(&err);
    }
}

static void fuzz_key_usage(cs_der value) {
    cs_key_usage ku;
    cs_der_error err = new_error();
    if (cs_decode_key_usage(value, &ku, &err)) {
        CHECK(ku.unused_bits <= 7);
        g_sink += ku.bits;
    } else {
        check_error(&err);
    }
}

static void fuzz_basic_constraints(cs_der value) {
    cs_basic_constraints bc;
    cs_der_error err = new_error();
    if (cs_decode_basic_constraints(value, &bc, &err)) {
        if (!bc.has_path_len) {
            CHECK(bc.path_len == 0);
        }
        g_sink += bc.ca;
    } else {
        check_error(&err);
    }
}

static void fuzz_eku(cs_der value) {
    cs_oid_iter it;
    unsigned count = 0;
    uint32_t mask = 0;
    cs_der_error err = new_error();
    if (!cs_decode_ext_key_usage(value, &it, &count, &mask, &err)) {
        check_error(&err);
        return;
    }
    cs_der oid;
    cs_iter_result r;
    unsigned n = 0;
    while ((r = cs_oid_iter_next(&it, &oid, &err)) == CS_ITER_ITEM) {
        CHECK(cs_der_check_oid(oid));
        check_oid_text(oid);
        cs_eku_id id = cs_oid_eku(oid);
        CHECK(mask & (1u << id));
        n++;
    }
    CHECK(r == CS_ITER_END);
    CHECK(n == count);
    CHECK(cs_oid_iter_next(&it, &oid, &err) == CS_ITER_END);
}

static void fuzz_policies(cs_der value) {
    cs_policy_iter it;
    unsigned count = 0;
    cs_der_error err = new_error();
    if (!cs_decode_certificate_policies(value, &it, &count, &err)) {
        check_error(&err);
        return;
    }
    cs_policy pol;
    cs_iter_result r;
    unsigned n = 0;
    while ((r = cs_policy_iter_next(&it, &pol, &err)) == CS_ITER_ITEM) {
        check_oid_text(pol.oid);
        CHECK(cs_der_check_oid(pol.oid));
        n++;
        if (!pol.has_qualifiers) {
            continue;
        }
        check_span(pol.qualifiers);
        cs_qualifier_iter qi;
        cs_policy_qualifier q;
        cs_iter_result qr;
        cs_qualifier_iter_init(&qi, pol.qualifiers);
        while ((qr = cs_qualifier_iter_next(&qi, &q, &err)) == CS_ITER_ITEM) {
            check_oid_text(q.oid);
            check_span(q.qualifier);
            check_span(q.cps_uri);
            check_span(q.explicit_text);
        }
        /* Items are validated in full: the nested qualifier list cannot fail. */
        CHECK(qr == CS_ITER_END);
        CHECK(cs_qualifier_iter_next(&qi, &q, &err) == CS_ITER_END);
    }
    CHECK(r == CS_ITER_END);
    CHECK(n == count);
}

static void fuzz_aki(cs_der value) {
    cs_aki aki;
    cs_der_error err = new_error();
    if (!cs_decode_aki(value, &aki, &err)) {
        check_error(&err);
        return;
    }
    check_span(aki.key_id);
    check_span(aki.serial);
    if (aki.has_issuer) {
        check_span(aki.issuer);
        walk_general_names(aki.issuer, 1);
    }
}

static void fuzz_ski(cs_der value) {
    cs_der key_id;
    cs_der_error err = new_error();
    if (cs_decode_ski(value, &key_id, &err)) {
        check_span(key_id);
    } else {
        check_error(&err);
    }
}

static void fuzz_crl_dp(cs_der value) {
    cs_dist_point_iter it;
    unsigned count = 0;
    cs_der_error err = new_error();
    if (!cs_decode_crl_distribution_points(value, &it, &count, &err)) {
        check_error(&err);
        return;
    }
    cs_dist_point dp;
    cs_iter_result r;
    unsigned n = 0;
    while ((r = cs_dist_point_iter_next(&it, &dp, &err)) == CS_ITER_ITEM) {
        n++;
        check_span(dp.name);
        check_span(dp.reasons);
        check_span(dp.crl_issuer);
        if (dp.has_name && dp.name_is_full) {
            walk_general_names(dp.name, 1);
        }
        if (dp.has_crl_issuer) {
            walk_general_names(dp.crl_issuer, 1);
        }
        if (dp.has_reasons) {
            g_sink += cs_der_bitstring_bits(dp.reasons);
        }
    }
    CHECK(r == CS_ITER_END);
    CHECK(n == count);
    CHECK(cs_dist_point_iter_next(&it, &dp, &err) == CS_ITER_END);
}

static void fuzz_info_access(cs_der value) {
    cs_access_iter it;
    unsigned count = 0;
    cs_der_error err = new_error();
    if (!cs_decode_info_access(value, &it, &count, &err)) {
        check_error(&err);
        return;
    }
    cs_access_desc desc;
    cs_iter_result r;
    unsigned n = 0;
    while ((r = cs_access_iter_next(&it, &desc, &err)) == CS_ITER_ITEM) {
        n++;
        check_oid_text(desc.method);
        check_span(desc.location.raw);
        check_span(desc.location.value);
        CHECK((unsigned)desc.location.type < CS_GN_TYPE_COUNT);
    }
    CHECK(r == CS_ITER_END);
    CHECK(n == count);
}

static void walk_subtrees(cs_der content) {
    cs_subtree_iter it;
    cs_subtree st;
    cs_der_error err = new_error();
    cs_iter_result r;
    cs_subtree_iter_init(&it, content);
    while ((r = cs_subtree_iter_next(&it, &st, &err)) == CS_ITER_ITEM) {
        check_span(st.base.raw);
        check_span(st.base.value);
        if (!st.has_minimum) {
            CHECK(st.minimum == 0);
        }
        g_sink += (size_t)st.maximum;
    }
    CHECK(r == CS_ITER_END);
    CHECK(cs_subtree_iter_next(&it, &st, &err) == CS_ITER_END);
}

static void fuzz_name_constraints(cs_der value) {
    cs_name_constraints nc;
    cs_der_error err = new_error();
    if (!cs_decode_name_constraints(value, &nc, &err)) {
        check_error(&err);
        return;
    }
    if (nc.has_permitted) {
        check_span(nc.permitted);
        walk_subtrees(nc.permitted);
    }
    if (nc.has_excluded) {
        check_span(nc.excluded);
        walk_subtrees(nc.excluded);
    }
}

static void fuzz_extension_value(cs_der value) {
    fuzz_key_usage(value);
    fuzz_basic_constraints(value);
    fuzz_eku(value);
    fuzz_general_names(value);
    fuzz_policies(value);
    fuzz_aki(value);
    fuzz_ski(value);
    fuzz_crl_dp(value);
    fuzz_info_access(value);
    fuzz_name_constraints(value);
}

static void check_name(const cs_x509_name *name) {
    check_span(name->raw);
    CHECK(name->num_attrs <= name->total_attrs);
    CHECK(name->num_attrs <= CS_X509_MAX_ATTRS);
    CHECK(name->overflow == (name->total_attrs > name->num_attrs));
    for (unsigned i = 0; i < name->num_attrs; i++) {
        const cs_x509_attr *a = &name->attr[i];
        check_oid_text(a->oid);
        CHECK(cs_der_check_oid(a->oid));
        check_span(a->value);
        CHECK(a->rdn < name->num_rdns);
        CHECK(a->rdn_size >= 1);
        if (i > 0) {
            CHECK(a->rdn >= name->attr[i - 1].rdn);
        }
        CHECK(cs_attr_short_name((cs_attr_id)a->id) != NULL);
    }
    /* Every buffer size, small ones included: terminated, length consistent. */
    static const size_t sizes[] = {1, 2, 3, 4, 5, 8, 17, 64, 300, 4096};
    char buf[4096];
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        memset(buf, 0x5A, sizeof buf);
        size_t n = cs_x509_name_to_string(name, buf, sizes[i]);
        CHECK(n < sizes[i]);
        CHECK(buf[n] == '\0');
        CHECK(strlen(buf) == n);
        if (sizes[i] < sizeof buf) {
            CHECK(buf[sizes[i]] == 0x5A); /* nothing written past buf_len */
        }
    }
    CHECK(cs_x509_name_to_string(name, buf, 0) == 0);
}

static void check_view(const cs_x509 *x) {
    CHECK(x->der.ptr == g_in);
    check_span(x->tbs);
    check_span(x->serial);
    check_span(x->tbs_sig_alg.raw);
    check_oid_text(x->tbs_sig_alg.oid);
    check_span(x->tbs_sig_alg.params);
    check_span(x->sig_alg.raw);
    check_span(x->signature);
    check_span(x->validity);
    check_span(x->not_before.raw);
    check_span(x->not_after.raw);
    char t[32];
    cs_time_format(x->not_before.epoch, t, sizeof t);
    cs_time_format(x->not_after.epoch, t, sizeof t);
    check_span(x->spki.raw);
    check_span(x->spki.key);
    check_span(x->spki.alg.params);
    check_span(x->spki.rsa_modulus);
    check_span(x->spki.rsa_exponent);
    CHECK(cs_key_type_name(x->spki.type) != NULL);
    check_span(x->issuer_uid);
    check_span(x->subject_uid);
    check_span(x->extensions);
    check_name(&x->issuer);
    check_name(&x->subject);
    CHECK(x->num_exts <= x->total_exts);
    CHECK(x->num_exts <= CS_X509_MAX_EXTS);
    for (unsigned i = 0; i < x->num_exts; i++) {
        const cs_x509_ext *e = &x->ext[i];
        check_span(e->raw);
        check_oid_text(e->oid);
        check_span(e->value);
        CHECK(cs_ext_name((cs_ext_id)e->id) != NULL);
        CHECK(cs_x509_find_ext(x, (cs_ext_id)e->id) <= (int)i);
        fuzz_extension_value(e->value);
    }
}

static cs_x509 g_view;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    g_in = data;
    g_len = size;
    cs_der_error err;

    if (cs_x509_parse(&g_view, data, size, &err)) {
        check_view(&g_view);
    } else {
        CHECK(err.base == data);
        check_error(&err);
    }

    if (cs_x509_parse_tbs(&g_view, data, size, &err)) {
        check_view(&g_view);
    } else {
        check_error(&err);
    }

    /* The generic tree walk, and the extension decoders straight on the input. */
    err = new_error();
    if (!cs_der_validate_tree(cs_der_make(data, size), CS_DER_MAX_DEPTH, &err, "input")) {
        check_error(&err);
    }
    fuzz_extension_value(cs_der_make(data, size));
    return 0;
}
