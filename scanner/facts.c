#include "scanner/facts.h"

#include <string.h>

#include "scanner/facts_memo.h"

const char *cs_kind_name(cs_kind kind) {
    switch (kind) {
    case CS_KIND_SUBSCRIBER:
        return "subscriber";
    case CS_KIND_CA:
        return "ca";
    case CS_KIND_ROOT:
        return "root";
    default:
        return "unknown";
    }
}

const char *cs_facts_profile_name(const cs_facts *f) {
    if (f->profile != CS_PROFILE_PKIX) {
        return cs_profile_name((cs_profile)f->profile);
    }
    if (f->precert) {
        return "pkix.precert";
    }
    switch (f->kind) {
    case CS_KIND_ROOT:
        return "pkix.root";
    case CS_KIND_CA:
        return "pkix.ca";
    default:
        return "pkix.subscriber";
    }
}

void cs_facts_ext_failed(cs_facts *f, cs_ext_id id, const cs_der_error *err) {
    if (f->ext_malformed == 0) {
        f->ext_error = *err;
        f->ext_error_id = (uint8_t)id;
    }
    f->ext_malformed |= (uint64_t)1 << id;
    cs_facts_set(f, CS_COL_EXT_MALFORMED);
}

/* Decodes the extensions whose values other rules read, once. */
static void cs_facts_decode(const cs_x509 *x, cs_facts *f, const cs_x509_ext *e) {
    cs_der_error err = {.base = x->der.ptr};
    switch ((cs_ext_id)e->id) {
    case CS_EXT_BASIC_CONSTRAINTS:
        if (!cs_decode_basic_constraints(e->value, &f->bc, &err)) {
            cs_facts_ext_failed(f, CS_EXT_BASIC_CONSTRAINTS, &err);
        } else if (f->bc.ca) {
            cs_facts_set(f, CS_COL_BC_CA);
        }
        break;
    case CS_EXT_KEY_USAGE:
        if (!cs_decode_key_usage(e->value, &f->ku, &err)) {
            cs_facts_ext_failed(f, CS_EXT_KEY_USAGE, &err);
        }
        break;
    case CS_EXT_EXT_KEY_USAGE: {
        /* A CA issues thousands of certificates with the same purposes: decoded once per
         * distinct value; a value that fails to decode is not remembered, its error position
         * belongs to this certificate. */
        cs_memo_rec memo;
        if (cs_memo_lookup(&memo, CS_MEMO_EKU, e->value, 0, 0, NULL, &f->eku_mask)) {
            break;
        }
        cs_oid_iter it;
        unsigned count;
        if (!cs_decode_ext_key_usage(e->value, &it, &count, &f->eku_mask, &err)) {
            cs_facts_ext_failed(f, CS_EXT_EXT_KEY_USAGE, &err);
        } else {
            cs_memo_save(&memo, NULL, f->eku_mask);
        }
        break;
    }
    default:
        break;
    }
}

/* Self-signed roots are told from cross-certificates and key rollover certificates by their key
 * identifiers when both are present: a root's AKI keyIdentifier names its own key. */
static int cs_facts_aki_matches_ski(const cs_x509 *x) {
    int aki_index = cs_x509_find_ext(x, CS_EXT_AUTHORITY_KEY_ID);
    int ski_index = cs_x509_find_ext(x, CS_EXT_SUBJECT_KEY_ID);
    if (aki_index < 0 || ski_index < 0) {
        return 1;
    }
    cs_der_error err = {.base = x->der.ptr};
    cs_aki aki;
    cs_der ski;
    if (!cs_decode_aki(x->ext[aki_index].value, &aki, &err) ||
        !cs_decode_ski(x->ext[ski_index].value, &ski, &err)) {
        return 1;
    }
    return !aki.has_key_id || cs_der_equal(aki.key_id, ski);
}

/* The facts every area reads: kind, profile, decoded keyUsage / basicConstraints / EKU. */
static void cs_facts_extract_base(const cs_x509 *x, const cs_profile_config *profiles,
                                  cs_facts *out, uint64_t *columns, uint64_t lane) {
    memset(out, 0, sizeof *out);
    out->columns = columns;
    out->lane = lane;
    out->not_before = x->not_before.epoch;
    out->not_after = x->not_after.epoch;

    if (x->serial_negative) {
        cs_facts_set(out, CS_COL_SERIAL_NEGATIVE);
    }
    int zero = 1;
    for (size_t i = 0; i < x->serial.len && zero; i++) {
        zero = x->serial.ptr[i] == 0;
    }
    if (zero) {
        cs_facts_set(out, CS_COL_SERIAL_ZERO);
    }
    /* Counted on the encoded content octets, a 0x00 pad included, as zlint and pkilint do. */
    if (x->serial.len > 20) {
        cs_facts_set(out, CS_COL_SERIAL_TOO_LONG);
    }
    if (x->serial_nonminimal) {
        cs_facts_set(out, CS_COL_SERIAL_NONMINIMAL);
    }
    if (x->version_present) {
        cs_facts_set(out, CS_COL_VERSION_PRESENT);
    }
    if (x->version_present && x->version_value == 2) {
        cs_facts_set(out, CS_COL_VERSION_V3);
    }
    if (x->has_extensions) {
        cs_facts_set(out, CS_COL_HAS_EXTENSIONS);
    }
    if (x->sig_alg.raw.ptr != NULL && !cs_der_equal(x->sig_alg.raw, x->tbs_sig_alg.raw)) {
        cs_facts_set(out, CS_COL_SIG_ALG_MISMATCH);
    }
    /* 2050-01-01T00:00:00Z: RFC 5280 §4.1.2.5 switches from UTCTime to GeneralizedTime here. */
    const int64_t y2050 = 2524608000;
    if (x->not_before.tag == CS_DER_GENERALIZEDTIME && x->not_before.epoch < y2050) {
        cs_facts_set(out, CS_COL_NOT_BEFORE_GENERALIZED_PRE2050);
    }
    if (x->not_after.tag == CS_DER_GENERALIZEDTIME && x->not_after.epoch < y2050) {
        cs_facts_set(out, CS_COL_NOT_AFTER_GENERALIZED_PRE2050);
    }
    if (cs_der_equal(x->issuer.raw, x->subject.raw)) {
        cs_facts_set(out, CS_COL_SELF_ISSUED);
    }

    uint64_t seen_known = 0;
    for (unsigned i = 0; i < x->num_exts; i++) {
        const cs_x509_ext *e = &x->ext[i];
        if (e->id != CS_EXT_UNKNOWN) {
            if (seen_known & ((uint64_t)1 << e->id)) {
                cs_facts_set(out, CS_COL_EXT_DUPLICATE);
            }
            seen_known |= (uint64_t)1 << e->id;
            cs_facts_set(out, CS_COL_EXT_PRESENT + e->id);
            if (e->critical) {
                cs_facts_set(out, CS_COL_EXT_CRITICAL + e->id);
            }
            cs_facts_decode(x, out, e);
        } else {
            if (e->critical) {
                cs_facts_set(out, CS_COL_EXT_UNKNOWN_CRITICAL);
            }
            /* Unknown OIDs are rare, so a quadratic search among them is cheap. */
            for (unsigned j = 0; j < i; j++) {
                if (x->ext[j].id == CS_EXT_UNKNOWN && cs_der_equal(x->ext[j].oid, e->oid)) {
                    cs_facts_set(out, CS_COL_EXT_DUPLICATE);
                }
            }
        }
    }

    if (cs_facts_has(out, CS_COL_EXT_PRESENT + CS_EXT_CT_POISON)) {
        out->precert = 1;
        cs_facts_set(out, CS_COL_PRECERT);
    }
    if (cs_facts_has(out, CS_COL_BC_CA)) {
        out->kind = cs_facts_has(out, CS_COL_SELF_ISSUED) && cs_facts_aki_matches_ski(x)
                        ? CS_KIND_ROOT
                        : CS_KIND_CA;
    } else if (!x->has_extensions && cs_facts_has(out, CS_COL_SELF_ISSUED)) {
        /* Version 1 roots predate basicConstraints; self-issued without extensions is the
         * only sign of them. */
        out->kind = CS_KIND_ROOT;
    } else {
        out->kind = CS_KIND_SUBSCRIBER;
    }
    cs_profile_detect(x, out->kind == CS_KIND_SUBSCRIBER, out->eku_mask, profiles, &out->smime);
    out->profile = (uint8_t)out->smime.profile;
    if (out->smime.smime) {
        cs_facts_set(out, CS_COL_SMIME_SUBSCRIBER);
    }
}

typedef void (*cs_facts_area_fn)(const cs_x509 *x, cs_facts *out);

/* The areas in the order they must run for one certificate: the S/MIME areas read the facts of
 * profile detection and of the RFC areas. */
static const cs_facts_area_fn cs_facts_areas[] = {
    cs_facts_extract_names, cs_facts_extract_exts,   cs_facts_extract_gnames, cs_facts_extract_algs,
    cs_facts_extract_smext, cs_facts_extract_smsubj, cs_facts_extract_smalg,
};

void cs_facts_extract_lanes(const cs_x509 *const *x, const cs_profile_config *profiles,
                            cs_facts *out, unsigned n, uint64_t *columns, unsigned first_lane) {
    for (unsigned i = 0; i < n; i++) {
        if (x[i] != NULL) {
            cs_facts_extract_base(x[i], profiles, &out[i], columns,
                                  columns != NULL ? (uint64_t)1 << (first_lane + i) : 0);
        }
    }
    /* One area at a time over every certificate rather than one certificate at a time: the
     * areas' code together is larger than the instruction cache, so running them certificate
     * by certificate fetched most of it again for each one. */
    for (size_t a = 0; a < sizeof cs_facts_areas / sizeof cs_facts_areas[0]; a++) {
        for (unsigned i = 0; i < n; i++) {
            if (x[i] != NULL) {
                cs_facts_areas[a](x[i], &out[i]);
            }
        }
    }
    /* The facts are now the certificates' own: nothing writes to the columns any more. */
    for (unsigned i = 0; i < n; i++) {
        if (x[i] != NULL) {
            out[i].columns = NULL;
        }
    }
}

void cs_facts_extract_many(const cs_x509 *const *x, const cs_profile_config *profiles,
                           cs_facts *out, unsigned n) {
    cs_facts_extract_lanes(x, profiles, out, n, NULL, 0);
}

void cs_facts_extract(const cs_x509 *x, const cs_profile_config *profiles, cs_facts *out) {
    cs_facts_extract_many(&x, profiles, out, 1);
}
