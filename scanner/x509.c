/* One pass over a Certificate (RFC 5280 §4.1), recording spans. */
#include "scanner/x509.h"

#include <string.h>

#include "scanner/x509_spki.h"

static int cs_parse_alg(cs_der *cur, cs_x509_alg *out, cs_der_error *err, const char *where) {
    cs_der content, oid_element;
    if (!cs_der_get_element(cur, CS_DER_SEQUENCE, &out->raw, &content, err, where) ||
        !cs_der_get_element(&content, CS_DER_OID, &oid_element, &out->oid, err, where)) {
        return 0;
    }
    out->id = cs_oid_alg(out->oid);
    if (out->id == CS_ALG_UNKNOWN && !cs_der_check_oid(out->oid)) {
        return cs_der_fail(err, CS_DER_BAD_OID, oid_element.ptr, where);
    }
    out->params = cs_der_make(content.ptr, 0);
    if (content.len > 0) {
        uint32_t tag;
        cs_der inner;
        if (!cs_der_get_any(&content, &tag, &out->params, &inner, err, where)) {
            return 0;
        }
        if ((tag & CS_DER_CONSTRUCTED) &&
            !cs_der_validate_tree(inner, CS_DER_MAX_DEPTH, err, where)) {
            return 0;
        }
    }
    return cs_der_expect_end(&content, err, where);
}

/* Certificate.signatureAlgorithm repeats tbsCertificate.signature octet for octet in every
 * well-formed certificate: when the octets at `cur` are the same, the parse is the same, moved
 * to where they are. Returns 0 (consuming nothing) when they differ. */
static int cs_parse_alg_again(cs_der *cur, const cs_x509_alg *same, cs_x509_alg *out) {
    size_t n = same->raw.len;
    if (n == 0 || cur->len < n || memcmp(cur->ptr, same->raw.ptr, n) != 0) {
        return 0;
    }
    ptrdiff_t shift = cur->ptr - same->raw.ptr;
    *out = *same;
    out->raw.ptr += shift;
    out->oid.ptr += shift;
    out->params.ptr += shift;
    cur->ptr += n;
    cur->len -= n;
    return 1;
}

/* DER orders the members of a SET OF by their encodings, compared as octet strings with the
 * shorter one padded with zeros (X.690 §11.6). */
static int cs_set_order_ok(cs_der a, cs_der b) {
    size_t n = a.len < b.len ? a.len : b.len;
    int c = memcmp(a.ptr, b.ptr, n);
    if (c != 0) {
        return c < 0;
    }
    for (size_t i = n; i < b.len; i++) {
        if (b.ptr[i] != 0) {
            return 1;
        }
    }
    for (size_t i = n; i < a.len; i++) {
        if (a.ptr[i] != 0) {
            return 0;
        }
    }
    return 1;
}

/* Universal string types an X.520 attribute value is usually encoded with. */
static int cs_name_fast_tag(uint8_t t) {
    switch (t) {
    case CS_DER_UTF8STRING:
    case CS_DER_PRINTABLESTRING:
    case CS_DER_IA5STRING:
    case CS_DER_TELETEXSTRING:
    case CS_DER_BMPSTRING:
    case CS_DER_UNIVERSALSTRING:
    case CS_DER_NUMERICSTRING:
    case CS_DER_VISIBLESTRING:
        return 1;
    default:
        return 0;
    }
}

/* The usual RDN, one attribute of the X.520 arc with a short string value:
 *   31 L1 30 L2 06 03 55 04 NN T L3 value,  L1 = L2 + 2, L2 = L3 + 7, all below 0x80.
 * Recognised from its bytes in one step; it is exactly what the general path below accepts for
 * these bytes. Returns the bytes consumed, or 0 to take the general path. */
static size_t cs_name_fast_rdn(const uint8_t *p, size_t n, cs_x509_attr *a) {
    if (n < 11 || p[0] != 0x31 || p[2] != 0x30 || p[4] != 0x06 || p[5] != 3 || p[6] != 0x55 ||
        p[7] != 0x04 || p[8] >= 0x80 || !cs_name_fast_tag(p[9])) {
        return 0;
    }
    size_t l1 = p[1], l2 = p[3], l3 = p[10];
    if (l1 >= 0x80 || l3 >= 0x80 || l1 != l2 + 2 || l2 != l3 + 7 || 2 + l1 > n) {
        return 0;
    }
    a->oid = cs_der_make(p + 6, 3);
    a->value = cs_der_make(p + 11, l3);
    a->tag = p[9];
    a->id = (uint8_t)cs_oid_attr_x520(p[8]);
    a->rdn_size = 1;
    return 2 + l1;
}

static int cs_parse_name(cs_der *cur, cs_x509_name *out, cs_der_error *err, const char *where) {
    cs_der rdns;
    memset(out, 0, offsetof(cs_x509_name, attr));
    if (!cs_der_get_element(cur, CS_DER_SEQUENCE, &out->raw, &rdns, err, where)) {
        return 0;
    }
    while (rdns.len > 0) {
        if (out->num_attrs < CS_X509_MAX_ATTRS && out->num_rdns < UINT16_MAX &&
            out->total_attrs < UINT16_MAX) {
            cs_x509_attr *a = &out->attr[out->num_attrs];
            size_t used = cs_name_fast_rdn(rdns.ptr, rdns.len, a);
            if (used != 0) {
                a->rdn = out->num_rdns++;
                out->num_attrs++;
                out->total_attrs++;
                rdns.ptr += used;
                rdns.len -= used;
                continue;
            }
        }
        cs_der set;
        if (!cs_der_get(&rdns, CS_DER_SET, &set, err, where)) {
            return 0;
        }
        if (out->num_rdns == UINT16_MAX) {
            return cs_der_fail(err, CS_DER_LIMIT, set.ptr, where);
        }
        uint16_t rdn = out->num_rdns++;
        if (set.len == 0) {
            out->empty_rdn = 1;
        }
        unsigned first_attr = out->num_attrs;
        unsigned in_rdn = 0;
        cs_der prev = {NULL, 0};
        while (set.len > 0) {
            cs_der atv, atv_content, oid_element, oid, value;
            uint32_t tag;
            if (!cs_der_get_element(&set, CS_DER_SEQUENCE, &atv, &atv_content, err, where) ||
                !cs_der_get_element(&atv_content, CS_DER_OID, &oid_element, &oid, err, where)) {
                return 0;
            }
            /* Recognised OIDs are valid by construction; only unknown ones need the check. */
            cs_attr_id attr_id = cs_oid_attr(oid);
            if (attr_id == CS_ATTR_UNKNOWN && !cs_der_check_oid(oid)) {
                return cs_der_fail(err, CS_DER_BAD_OID, oid_element.ptr, where);
            }
            if (!cs_der_get_any(&atv_content, &tag, NULL, &value, err, where)) {
                return 0;
            }
            if ((tag & CS_DER_CONSTRUCTED) &&
                !cs_der_validate_tree(value, CS_DER_MAX_DEPTH, err, where)) {
                return 0;
            }
            if (!cs_der_expect_end(&atv_content, err, where)) {
                return 0;
            }
            if (prev.ptr != NULL && !cs_set_order_ok(prev, atv)) {
                out->rdn_set_unsorted = 1;
            }
            prev = atv;
            in_rdn++;
            if (out->total_attrs == UINT16_MAX) {
                return cs_der_fail(err, CS_DER_LIMIT, atv.ptr, where);
            }
            out->total_attrs++;
            if (out->num_attrs < CS_X509_MAX_ATTRS) {
                cs_x509_attr *a = &out->attr[out->num_attrs++];
                a->oid = oid;
                a->value = value;
                a->tag = tag;
                a->rdn = rdn;
                a->id = (uint8_t)attr_id;
                a->rdn_size = 0;
            } else {
                out->overflow = 1;
            }
        }
        for (unsigned i = first_attr; i < out->num_attrs; i++) {
            out->attr[i].rdn_size = (uint8_t)(in_rdn > 255 ? 255 : in_rdn);
        }
    }
    return 1;
}

static int cs_parse_time(cs_der *cur, cs_x509_time *out, cs_der_error *err, const char *where) {
    uint32_t tag;
    const uint8_t *at = cur->ptr;
    if (!cs_der_get_any(cur, &tag, NULL, &out->raw, err, where)) {
        return 0;
    }
    if (tag != CS_DER_UTCTIME && tag != CS_DER_GENERALIZEDTIME) {
        return cs_der_fail(err, CS_DER_UNEXPECTED_TAG, at, where);
    }
    int canonical;
    if (!cs_time_parse(tag, out->raw, &out->epoch, &canonical)) {
        return cs_der_fail(err, CS_DER_BAD_TIME, at, where);
    }
    out->tag = tag;
    out->canonical = (uint8_t)canonical;
    return 1;
}

static int cs_parse_extensions(cs_der content, cs_x509 *out, cs_der_error *err) {
    static const char where[] = "tbsCertificate.extensions";
    cs_der list;
    if (!cs_der_get(&content, CS_DER_SEQUENCE, &list, err, where) ||
        !cs_der_expect_end(&content, err, where)) {
        return 0;
    }
    while (list.len > 0) {
        cs_der raw, ext, oid_element, oid, value;
        if (!cs_der_get_element(&list, CS_DER_SEQUENCE, &raw, &ext, err, where) ||
            !cs_der_get_element(&ext, CS_DER_OID, &oid_element, &oid, err, where)) {
            return 0;
        }
        cs_ext_id ext_id = cs_oid_ext(oid);
        if (ext_id == CS_EXT_UNKNOWN && !cs_der_check_oid(oid)) {
            return cs_der_fail(err, CS_DER_BAD_OID, oid_element.ptr, where);
        }
        cs_der crit;
        int has_crit;
        const uint8_t *crit_at = ext.ptr;
        if (!cs_der_get_optional(&ext, CS_DER_BOOLEAN, &crit, &has_crit, err, where)) {
            return 0;
        }
        if (has_crit && crit.len != 1) {
            return cs_der_fail(err, CS_DER_BAD_BOOLEAN, crit_at, where);
        }
        if (!cs_der_get(&ext, CS_DER_OCTET_STRING, &value, err, where) ||
            !cs_der_expect_end(&ext, err, where)) {
            return 0;
        }
        if (out->total_exts == UINT16_MAX) {
            return cs_der_fail(err, CS_DER_LIMIT, raw.ptr, where);
        }
        out->total_exts++;
        if (out->num_exts >= CS_X509_MAX_EXTS) {
            out->exts_overflow = 1;
            continue;
        }
        cs_x509_ext *e = &out->ext[out->num_exts++];
        e->raw = raw;
        e->oid = oid;
        e->value = value;
        e->id = (uint8_t)ext_id;
        e->critical = has_crit && crit.ptr[0] != 0;
        e->critical_encoded_false = has_crit && crit.ptr[0] == 0;
        e->critical_not_der = has_crit && crit.ptr[0] != 0 && crit.ptr[0] != 0xFF;
    }
    return 1;
}

static int cs_parse_unique_id(cs_der *cur, uint32_t tag, cs_der *out, uint8_t *out_present,
                              cs_der_error *err, const char *where) {
    int present;
    const uint8_t *at = cur->ptr;
    if (!cs_der_get_optional(cur, tag, out, &present, err, where)) {
        return 0;
    }
    *out_present = (uint8_t)present;
    if (present) {
        unsigned unused;
        int der_ok;
        if (!cs_der_check_bitstring(*out, &unused, &der_ok)) {
            return cs_der_fail(err, CS_DER_BAD_BITSTRING, at, where);
        }
    }
    return 1;
}

static int cs_parse_tbs_content(cs_der tbs, cs_x509 *out, cs_der_error *err) {
    int present;
    cs_der version;
    if (!cs_der_get_optional(&tbs, CS_DER_CONTEXT_CONS(0), &version, &present, err,
                             "tbsCertificate.version")) {
        return 0;
    }
    if (present) {
        cs_der v;
        int negative, minimal;
        const uint8_t *at = version.ptr;
        if (!cs_der_get(&version, CS_DER_INTEGER, &v, err, "tbsCertificate.version") ||
            !cs_der_expect_end(&version, err, "tbsCertificate.version")) {
            return 0;
        }
        if (!cs_der_check_integer(v, &negative, &minimal) ||
            !cs_der_parse_uint64(v, &out->version_value)) {
            return cs_der_fail(err, CS_DER_BAD_INTEGER, at, "tbsCertificate.version");
        }
        out->version_present = 1;
        out->version_nonminimal = !minimal;
        out->version = (uint8_t)(out->version_value > 255 ? 255 : out->version_value);
    }

    const uint8_t *serial_at = tbs.ptr;
    if (!cs_der_get(&tbs, CS_DER_INTEGER, &out->serial, err, "tbsCertificate.serialNumber")) {
        return 0;
    }
    int negative, minimal;
    if (!cs_der_check_integer(out->serial, &negative, &minimal)) {
        return cs_der_fail(err, CS_DER_BAD_INTEGER, serial_at, "tbsCertificate.serialNumber");
    }
    out->serial_negative = (uint8_t)negative;
    out->serial_nonminimal = (uint8_t)!minimal;

    if (!cs_parse_alg(&tbs, &out->tbs_sig_alg, err, "tbsCertificate.signature") ||
        !cs_parse_name(&tbs, &out->issuer, err, "tbsCertificate.issuer")) {
        return 0;
    }
    cs_der validity;
    if (!cs_der_get_element(&tbs, CS_DER_SEQUENCE, &out->validity, &validity, err,
                            "tbsCertificate.validity") ||
        !cs_parse_time(&validity, &out->not_before, err, "tbsCertificate.validity.notBefore") ||
        !cs_parse_time(&validity, &out->not_after, err, "tbsCertificate.validity.notAfter") ||
        !cs_der_expect_end(&validity, err, "tbsCertificate.validity")) {
        return 0;
    }
    if (!cs_parse_name(&tbs, &out->subject, err, "tbsCertificate.subject") ||
        !cs_x509_parse_spki(&tbs, &out->spki, err)) {
        return 0;
    }
    cs_der exts;
    const uint8_t *exts_at = tbs.ptr;
    size_t exts_header, exts_len;
    if (tbs.len > 0 && tbs.ptr[0] == 0xA3 &&
        cs_der_fast_header(tbs.ptr, tbs.len, &exts_header, &exts_len)) {
        /* The usual case: extensions follow the key at once, so neither unique identifier is
         * there (each optional reader would have probed this same header to say so). */
        out->has_issuer_uid = 0;
        out->has_subject_uid = 0;
        cs_der_take(&tbs, exts_header, exts_len, NULL, &exts);
        present = 1;
    } else {
        if (!cs_parse_unique_id(&tbs, CS_DER_CONTEXT(1), &out->issuer_uid, &out->has_issuer_uid,
                                err, "tbsCertificate.issuerUniqueID") ||
            !cs_parse_unique_id(&tbs, CS_DER_CONTEXT(2), &out->subject_uid, &out->has_subject_uid,
                                err, "tbsCertificate.subjectUniqueID")) {
            return 0;
        }
        exts_at = tbs.ptr;
        if (!cs_der_get_optional(&tbs, CS_DER_CONTEXT_CONS(3), &exts, &present, err,
                                 "tbsCertificate.extensions")) {
            return 0;
        }
    }
    if (present) {
        out->has_extensions = 1;
        out->extensions = cs_der_make(exts_at, (size_t)(exts.ptr + exts.len - exts_at));
        if (!cs_parse_extensions(exts, out, err)) {
            return 0;
        }
    }
    return cs_der_expect_end(&tbs, err, "tbsCertificate");
}

static void cs_x509_reset(cs_x509 *out, const uint8_t *der, size_t len) {
    /* The attribute and extension arrays are written before they are read, so only the
     * scalar part of the view needs clearing; that keeps a failed or small parse cheap. */
    memset(out, 0, offsetof(cs_x509, issuer));
    memset(&out->issuer, 0, offsetof(cs_x509_name, attr));
    memset(&out->subject, 0, offsetof(cs_x509_name, attr));
    out->der = cs_der_make(der, len);
}

int cs_x509_parse(cs_x509 *out, const uint8_t *der, size_t len, cs_der_error *err) {
    cs_x509_reset(out, der, len);
    err->base = der;
    err->status = CS_DER_OK;
    err->offset = 0;
    err->where = NULL;
    cs_der input = cs_der_make(der, len), cert, tbs, sig_element;
    if (!cs_der_get(&input, CS_DER_SEQUENCE, &cert, err, "Certificate") ||
        !cs_der_expect_end(&input, err, "Certificate") ||
        !cs_der_get_element(&cert, CS_DER_SEQUENCE, &out->tbs, &tbs, err, "tbsCertificate") ||
        !cs_parse_tbs_content(tbs, out, err) ||
        !(cs_parse_alg_again(&cert, &out->tbs_sig_alg, &out->sig_alg) ||
          cs_parse_alg(&cert, &out->sig_alg, err, "signatureAlgorithm")) ||
        !cs_der_get_element(&cert, CS_DER_BIT_STRING, &sig_element, &out->signature, err,
                            "signatureValue") ||
        !cs_der_expect_end(&cert, err, "Certificate")) {
        return 0;
    }
    unsigned unused;
    int der_ok;
    if (!cs_der_check_bitstring(out->signature, &unused, &der_ok)) {
        return cs_der_fail(err, CS_DER_BAD_BITSTRING, sig_element.ptr, "signatureValue");
    }
    out->signature_unused_bits = (uint8_t)unused;
    out->signature.ptr++;
    out->signature.len--;
    return 1;
}

int cs_x509_parse_tbs(cs_x509 *out, const uint8_t *der, size_t len, cs_der_error *err) {
    cs_x509_reset(out, der, len);
    err->base = der;
    err->status = CS_DER_OK;
    err->offset = 0;
    err->where = NULL;
    cs_der input = cs_der_make(der, len), tbs;
    return cs_der_get_element(&input, CS_DER_SEQUENCE, &out->tbs, &tbs, err, "tbsCertificate") &&
           cs_der_expect_end(&input, err, "tbsCertificate") && cs_parse_tbs_content(tbs, out, err);
}

int cs_x509_parse_name(cs_der name_tlv, cs_x509_name *out, cs_der_error *err) {
    static const char where[] = "directoryName";
    return cs_parse_name(&name_tlv, out, err, where) && cs_der_expect_end(&name_tlv, err, where);
}

int cs_x509_find_ext(const cs_x509 *cert, cs_ext_id id) {
    for (unsigned i = 0; i < cert->num_exts; i++) {
        if (cert->ext[i].id == id) {
            return (int)i;
        }
    }
    return -1;
}
