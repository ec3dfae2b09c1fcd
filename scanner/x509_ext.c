/* Extension value decoders (RFC 5280 §4.2). See x509_ext.h.
 *
 * Conventions shared by every decoder and iterator here:
 * - An item an iterator returns has been validated in full, nested lists included, so a caller
 *   that walks the spans of a returned item with another iterator cannot hit an error there.
 * - The list decoders run their iterator once over the whole list, so a decode that succeeds
 *   guarantees the iteration that follows succeeds too.
 * - Iterators advance only on success: after CS_ITER_ERROR the next call fails the same way, so a
 *   caller that loops until CS_ITER_END without checking for errors cannot spin forever on a
 *   half-consumed item nor silently skip one.
 * - SIZE (1..MAX) lists that are empty decode with a count of 0: the rules report them, and the
 *   decoders keep to what DER and the ASN.1 structure require.
 * - INTEGERs the view turns into numbers (pathLenConstraint, BaseDistance) must be minimally
 *   encoded, because the number no longer shows the encoding to the rules. INTEGERs kept as spans
 *   (authorityCertSerialNumber, noticeNumbers) need only be non-empty, as for the serial number.
 * - A content error (bad OID, BOOLEAN length...) is reported at the start of the element holding
 *   it; structural errors come from the cursor API with its own offsets.
 */
#include "scanner/x509_ext.h"

#include <string.h>

#define CS_W_GN            "generalName"
#define CS_W_GN_OTHER      "generalName.otherName"
#define CS_W_GN_X400       "generalName.x400Address"
#define CS_W_GN_DIRECTORY  "generalName.directoryName"
#define CS_W_GN_EDI        "generalName.ediPartyName"
#define CS_W_GN_REGISTERED "generalName.registeredID"

/* --- Shared helpers --- */

static cs_der cs_ext_empty(void) {
    return cs_der_make(NULL, 0);
}

/* An extension value is exactly one element: nothing may follow it. */
static int cs_ext_outer(cs_der value, uint32_t tag, cs_der *out_content, cs_der_error *err,
                        const char *where) {
    cs_der cur = value;
    if (!cs_der_get(&cur, tag, out_content, err, where)) {
        return 0;
    }
    return cs_der_expect_end(&cur, err, where);
}

/* A SEQUENCE OF list decoder: checks the outer SEQUENCE, runs the item reader to the end so that
 * a successful decode guarantees error-free iteration, counts the items, and hands back the list
 * content for the caller's iterator. On failure the list is empty and the count 0. */
typedef cs_iter_result (*cs_ext_item_fn)(cs_der *rest, cs_der_error *err);

static int cs_ext_decode_seq(cs_der value, const char *where, cs_ext_item_fn next, cs_der *out_rest,
                             unsigned *out_count, cs_der_error *err) {
    cs_der seq, rest;
    unsigned count = 0;
    cs_iter_result r = CS_ITER_ERROR;
    if (out_rest != NULL) {
        *out_rest = cs_ext_empty();
    }
    if (out_count != NULL) {
        *out_count = 0;
    }
    if (!cs_ext_outer(value, CS_DER_SEQUENCE, &seq, err, where)) {
        return 0;
    }
    rest = seq;
    while ((r = next(&rest, err)) == CS_ITER_ITEM) {
        count++;
    }
    if (r == CS_ITER_ERROR) {
        return 0;
    }
    if (out_rest != NULL) {
        *out_rest = seq;
    }
    if (out_count != NULL) {
        *out_count = count;
    }
    return 1;
}

static int cs_ext_get_oid(cs_der *cur, cs_der *out_oid, cs_der_error *err, const char *where) {
    const uint8_t *at = cur->ptr;
    cs_der oid;
    if (!cs_der_get(cur, CS_DER_OID, &oid, err, where)) {
        return 0;
    }
    if (!cs_der_check_oid(oid)) {
        return cs_der_fail(err, CS_DER_BAD_OID, at, where);
    }
    if (out_oid != NULL) {
        *out_oid = oid;
    }
    return 1;
}

/* ANY: one element of any tag. The view does not interpret it, but it must still be well-formed
 * DER all the way down, or a rule that looks inside later would trip over it. */
static int cs_ext_get_any_valid(cs_der *cur, uint32_t *out_tag, cs_der *out_element,
                                cs_der *out_content, cs_der_error *err, const char *where) {
    uint32_t tag;
    cs_der element, content;
    if (!cs_der_get_any(cur, &tag, &element, &content, err, where)) {
        return 0;
    }
    if ((tag & CS_DER_CONSTRUCTED) != 0 &&
        !cs_der_validate_tree(content, CS_DER_MAX_DEPTH, err, where)) {
        return 0;
    }
    if (out_tag != NULL) {
        *out_tag = tag;
    }
    if (out_element != NULL) {
        *out_element = element;
    }
    if (out_content != NULL) {
        *out_content = content;
    }
    return 1;
}

/* RelativeDistinguishedName content: AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }.
 * An empty SET is left to the rules, like other empty SIZE (1..MAX) lists. */
static int cs_ext_check_rdn(cs_der set, cs_der_error *err, const char *where) {
    while (set.len > 0) {
        cs_der atv;
        if (!cs_der_get(&set, CS_DER_SEQUENCE, &atv, err, where) ||
            !cs_ext_get_oid(&atv, NULL, err, where) ||
            !cs_ext_get_any_valid(&atv, NULL, NULL, NULL, err, where) ||
            !cs_der_expect_end(&atv, err, where)) {
            return 0;
        }
    }
    return 1;
}

/* Name (RDNSequence) content: a SEQUENCE OF RelativeDistinguishedName. */
static int cs_ext_check_name(cs_der name, cs_der_error *err, const char *where) {
    while (name.len > 0) {
        cs_der set;
        if (!cs_der_get(&name, CS_DER_SET, &set, err, where) ||
            !cs_ext_check_rdn(set, err, where)) {
            return 0;
        }
    }
    return 1;
}

/* INTEGER (0..MAX) turned into a number. Fails on an empty or non-minimal INTEGER; a negative
 * value or one above INT64_MAX succeeds with the matching flag set and *out_value 0 or UINT64_MAX,
 * so each caller decides what those mean for its field. */
static int cs_ext_get_count(cs_der content, const uint8_t *at, uint64_t *out_value,
                            int *out_negative, int *out_too_large, cs_der_error *err,
                            const char *where) {
    int negative, minimal;
    *out_value = 0;
    *out_negative = 0;
    *out_too_large = 0;
    if (!cs_der_check_integer(content, &negative, &minimal) || !minimal) {
        return cs_der_fail(err, CS_DER_BAD_INTEGER, at, where);
    }
    if (negative) {
        *out_negative = 1;
    } else if (!cs_der_parse_uint64(content, out_value)) {
        *out_too_large = 1;
        *out_value = UINT64_MAX;
    }
    return 1;
}

/* --- keyUsage --- */

int cs_decode_key_usage(cs_der value, cs_key_usage *out, cs_der_error *err) {
    const char *where = "keyUsage";
    cs_der content;
    unsigned unused;
    int der_ok;
    memset(out, 0, sizeof *out);
    if (!cs_ext_outer(value, CS_DER_BIT_STRING, &content, err, where)) {
        return 0;
    }
    if (!cs_der_check_bitstring(content, &unused, &der_ok)) {
        return cs_der_fail(err, CS_DER_BAD_BITSTRING, value.ptr, where);
    }
    const uint8_t *bytes = content.ptr + 1;
    size_t n = content.len - 1;
    out->unused_bits = (uint8_t)unused;
    out->padding_nonzero = !der_ok;
    /* Saturates: anything past the second octet is already reported through undefined_bits or
     * trailing_zero, the exact size adds nothing. */
    out->num_bytes = n > UINT8_MAX ? UINT8_MAX : (uint8_t)n;
    if (n == 0) {
        return 1;
    }
    /* X.690 §11.2.2: a named bit list ends on a set bit, so the last used bit must be 1. */
    out->trailing_zero = (bytes[n - 1] & (1u << unused)) == 0;
    uint16_t bits = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = bytes[i];
        if (i == n - 1) {
            /* Padding bits are not part of the value; padding_nonzero reports them. */
            b = (uint8_t)(b & (0xFFu << unused));
        }
        if (i == 0) {
            for (unsigned k = 0; k < 8; k++) {
                if (b & (0x80u >> k)) {
                    bits = (uint16_t)(bits | (1u << k));
                }
            }
        } else if (i == 1) {
            if (b & 0x80u) {
                bits = (uint16_t)(bits | CS_KU_DECIPHER_ONLY);
            }
            if (b & 0x7Fu) {
                out->undefined_bits = 1;
            }
        } else if (b != 0) {
            out->undefined_bits = 1;
        }
    }
    out->bits = bits;
    return 1;
}

/* --- basicConstraints --- */

int cs_decode_basic_constraints(cs_der value, cs_basic_constraints *out, cs_der_error *err) {
    cs_der seq, field;
    int present;
    memset(out, 0, sizeof *out);
    if (!cs_ext_outer(value, CS_DER_SEQUENCE, &seq, err, "basicConstraints")) {
        return 0;
    }
    const uint8_t *at = seq.ptr;
    if (!cs_der_get_optional(&seq, CS_DER_BOOLEAN, &field, &present, err, "basicConstraints.cA")) {
        return 0;
    }
    if (present) {
        if (field.len != 1) {
            return cs_der_fail(err, CS_DER_BAD_BOOLEAN, at, "basicConstraints.cA");
        }
        out->ca = field.ptr[0] != 0x00;
        out->ca_encoded_false = field.ptr[0] == 0x00;
        out->ca_not_der = field.ptr[0] != 0x00 && field.ptr[0] != 0xFF;
    }
    at = seq.ptr;
    if (!cs_der_get_optional(&seq, CS_DER_INTEGER, &field, &present, err,
                             "basicConstraints.pathLenConstraint")) {
        return 0;
    }
    if (present) {
        int negative, too_large;
        if (!cs_ext_get_count(field, at, &out->path_len, &negative, &too_large, err,
                              "basicConstraints.pathLenConstraint")) {
            return 0;
        }
        out->has_path_len = 1;
        out->path_len_negative = (uint8_t)negative;
        out->path_len_too_large = (uint8_t)too_large;
    }
    /* A field out of order or of the wrong type is left here and reported as trailing. */
    return cs_der_expect_end(&seq, err, "basicConstraints");
}

/* --- extKeyUsage --- */

cs_iter_result cs_oid_iter_next(cs_oid_iter *it, cs_der *out_oid, cs_der_error *err) {
    if (it->rest.len == 0) {
        return CS_ITER_END;
    }
    cs_der cur = it->rest;
    if (!cs_ext_get_oid(&cur, out_oid, err, "extKeyUsage")) {
        return CS_ITER_ERROR;
    }
    it->rest = cur;
    return CS_ITER_ITEM;
}

int cs_decode_ext_key_usage(cs_der value, cs_oid_iter *out_iter, unsigned *out_count,
                            uint32_t *out_mask, cs_der_error *err) {
    cs_der seq;
    if (out_iter != NULL) {
        out_iter->rest = cs_ext_empty();
    }
    if (out_count != NULL) {
        *out_count = 0;
    }
    if (out_mask != NULL) {
        *out_mask = 0;
    }
    if (!cs_ext_outer(value, CS_DER_SEQUENCE, &seq, err, "extKeyUsage")) {
        return 0;
    }
    cs_oid_iter it = {seq};
    unsigned count = 0;
    uint32_t mask = 0;
    cs_der oid;
    cs_iter_result r;
    while ((r = cs_oid_iter_next(&it, &oid, err)) == CS_ITER_ITEM) {
        cs_eku_id id = cs_oid_eku(oid);
        count++;
        mask |= (unsigned)id < 32 ? 1u << (unsigned)id : 1u;
    }
    if (r == CS_ITER_ERROR) {
        return 0;
    }
    if (out_iter != NULL) {
        out_iter->rest = seq;
    }
    if (out_count != NULL) {
        *out_count = count;
    }
    if (out_mask != NULL) {
        *out_mask = mask;
    }
    return 1;
}

/* --- GeneralName --- */

const char *cs_gn_type_name(cs_gn_type type) {
    switch (type) {
    case CS_GN_OTHER_NAME:
        return "otherName";
    case CS_GN_RFC822:
        return "rfc822Name";
    case CS_GN_DNS:
        return "dNSName";
    case CS_GN_X400:
        return "x400Address";
    case CS_GN_DIRECTORY:
        return "directoryName";
    case CS_GN_EDI_PARTY:
        return "ediPartyName";
    case CS_GN_URI:
        return "uniformResourceIdentifier";
    case CS_GN_IP:
        return "iPAddress";
    case CS_GN_REGISTERED_ID:
        return "registeredID";
    case CS_GN_TYPE_COUNT:
        break;
    }
    return "unknown";
}

/* Reads exactly one GeneralName from `cur`. The CHOICE's tags are all context-specific, and the
 * constructed bit is part of the tag: a string type in constructed form, or a structured type in
 * primitive form, is not a GeneralName DER allows. */
static int cs_gn_parse(cs_der *cur, cs_general_name *out, cs_der_error *err) {
    const uint8_t *at = cur->ptr;
    uint32_t tag;
    cs_der element, content;
    memset(out, 0, sizeof *out);
    if (!cs_der_get_any(cur, &tag, &element, &content, err, CS_W_GN)) {
        return 0;
    }
    out->raw = element;
    out->value = content;
    switch (tag) {
    case CS_DER_CONTEXT_CONS(0): {
        /* AnotherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }, tagged [0] IMPLICIT. */
        cs_der explicit_value;
        out->type = CS_GN_OTHER_NAME;
        if (!cs_ext_get_oid(&content, &out->other_oid, err, CS_W_GN_OTHER) ||
            !cs_der_get(&content, CS_DER_CONTEXT_CONS(0), &explicit_value, err, CS_W_GN_OTHER) ||
            !cs_ext_get_any_valid(&explicit_value, &out->other_tag, NULL, &out->value, err,
                                  CS_W_GN_OTHER) ||
            !cs_der_expect_end(&explicit_value, err, CS_W_GN_OTHER) ||
            !cs_der_expect_end(&content, err, CS_W_GN_OTHER)) {
            return 0;
        }
        return 1;
    }
    case CS_DER_CONTEXT(1):
        out->type = CS_GN_RFC822;
        return 1;
    case CS_DER_CONTEXT(2):
        out->type = CS_GN_DNS;
        return 1;
    case CS_DER_CONTEXT_CONS(3):
        out->type = CS_GN_X400;
        return cs_der_validate_tree(content, CS_DER_MAX_DEPTH, err, CS_W_GN_X400);
    case CS_DER_CONTEXT_CONS(4): {
        /* EXPLICIT because Name is a CHOICE: the content is the Name's own SEQUENCE. */
        cs_der inner = content, rdns;
        out->type = CS_GN_DIRECTORY;
        if (!cs_der_get_element(&inner, CS_DER_SEQUENCE, &out->value, &rdns, err,
                                CS_W_GN_DIRECTORY) ||
            !cs_ext_check_name(rdns, err, CS_W_GN_DIRECTORY) ||
            !cs_der_expect_end(&inner, err, CS_W_GN_DIRECTORY)) {
            return 0;
        }
        return 1;
    }
    case CS_DER_CONTEXT_CONS(5):
        out->type = CS_GN_EDI_PARTY;
        return cs_der_validate_tree(content, CS_DER_MAX_DEPTH, err, CS_W_GN_EDI);
    case CS_DER_CONTEXT(6):
        out->type = CS_GN_URI;
        return 1;
    case CS_DER_CONTEXT(7):
        out->type = CS_GN_IP;
        return 1;
    case CS_DER_CONTEXT(8):
        out->type = CS_GN_REGISTERED_ID;
        if (!cs_der_check_oid(content)) {
            return cs_der_fail(err, CS_DER_BAD_OID, at, CS_W_GN_REGISTERED);
        }
        return 1;
    default:
        return cs_der_fail(err, CS_DER_UNEXPECTED_TAG, at, CS_W_GN);
    }
}

void cs_gn_iter_init(cs_gn_iter *it, cs_der general_names_content) {
    it->rest = general_names_content;
}

cs_iter_result cs_gn_iter_next(cs_gn_iter *it, cs_general_name *out, cs_der_error *err) {
    if (it->rest.len == 0) {
        return CS_ITER_END;
    }
    cs_der cur = it->rest;
    if (!cs_gn_parse(&cur, out, err)) {
        return CS_ITER_ERROR;
    }
    it->rest = cur;
    return CS_ITER_ITEM;
}

/* Validates GeneralNames content; out_counts (CS_GN_TYPE_COUNT slots, may be NULL) is added to,
 * entry by entry, so it is partial on failure. */
static int cs_gn_check_all(cs_der content, unsigned *out_counts, cs_der_error *err) {
    cs_gn_iter it;
    cs_general_name gn;
    cs_iter_result r;
    cs_gn_iter_init(&it, content);
    while ((r = cs_gn_iter_next(&it, &gn, err)) == CS_ITER_ITEM) {
        if (out_counts != NULL) {
            out_counts[gn.type]++;
        }
    }
    return r == CS_ITER_END;
}

int cs_decode_general_names(cs_der value, cs_gn_iter *out_iter, unsigned *out_counts,
                            unsigned *out_total, cs_der_error *err) {
    cs_der seq;
    unsigned counts[CS_GN_TYPE_COUNT] = {0};
    if (out_iter != NULL) {
        cs_gn_iter_init(out_iter, cs_ext_empty());
    }
    if (out_counts != NULL) {
        memset(out_counts, 0, CS_GN_TYPE_COUNT * sizeof *out_counts);
    }
    if (out_total != NULL) {
        *out_total = 0;
    }
    if (!cs_ext_outer(value, CS_DER_SEQUENCE, &seq, err, "generalNames") ||
        !cs_gn_check_all(seq, counts, err)) {
        return 0;
    }
    unsigned total = 0;
    for (unsigned i = 0; i < CS_GN_TYPE_COUNT; i++) {
        total += counts[i];
    }
    if (out_iter != NULL) {
        cs_gn_iter_init(out_iter, seq);
    }
    if (out_counts != NULL) {
        memcpy(out_counts, counts, sizeof counts);
    }
    if (out_total != NULL) {
        *out_total = total;
    }
    return 1;
}

/* --- certificatePolicies --- */

/* DisplayText ::= CHOICE { ia5String, visibleString, bmpString, utf8String }. */
static int cs_ext_is_display_text(uint32_t tag) {
    return tag == CS_DER_IA5STRING || tag == CS_DER_VISIBLESTRING || tag == CS_DER_BMPSTRING ||
           tag == CS_DER_UTF8STRING;
}

static int cs_ext_get_display_text(cs_der *cur, uint32_t *out_tag, cs_der *out_text,
                                   cs_der_error *err, const char *where) {
    const uint8_t *at = cur->ptr;
    uint32_t tag;
    if (!cs_der_get_any(cur, &tag, NULL, out_text, err, where)) {
        return 0;
    }
    if (!cs_ext_is_display_text(tag)) {
        return cs_der_fail(err, CS_DER_UNEXPECTED_TAG, at, where);
    }
    if (out_tag != NULL) {
        *out_tag = tag;
    }
    return 1;
}

/* NoticeReference ::= SEQUENCE { organization DisplayText, noticeNumbers SEQUENCE OF INTEGER }. */
static int cs_ext_check_notice_ref(cs_der ref, cs_der_error *err) {
    const char *where = "certificatePolicies.noticeRef";
    cs_der numbers;
    if (!cs_ext_get_display_text(&ref, NULL, NULL, err, where) ||
        !cs_der_get(&ref, CS_DER_SEQUENCE, &numbers, err, where) ||
        !cs_der_expect_end(&ref, err, where)) {
        return 0;
    }
    while (numbers.len > 0) {
        const uint8_t *at = numbers.ptr;
        cs_der number;
        int negative, minimal;
        if (!cs_der_get(&numbers, CS_DER_INTEGER, &number, err, where)) {
            return 0;
        }
        if (!cs_der_check_integer(number, &negative, &minimal)) {
            return cs_der_fail(err, CS_DER_BAD_INTEGER, at, where);
        }
    }
    return 1;
}

/* UserNotice ::= SEQUENCE { noticeRef NoticeReference OPTIONAL, explicitText DisplayText
 * OPTIONAL }. */
static int cs_ext_parse_user_notice(cs_der notice, cs_policy_qualifier *out, cs_der_error *err) {
    const char *where = "certificatePolicies.userNotice";
    cs_der ref;
    int present;
    if (!cs_der_get_optional(&notice, CS_DER_SEQUENCE, &ref, &present, err, where)) {
        return 0;
    }
    if (present) {
        out->has_notice_ref = 1;
        if (!cs_ext_check_notice_ref(ref, err)) {
            return 0;
        }
    }
    if (notice.len > 0) {
        out->has_explicit_text = 1;
        if (!cs_ext_get_display_text(&notice, &out->explicit_text_tag, &out->explicit_text, err,
                                     "certificatePolicies.explicitText")) {
            return 0;
        }
    }
    return cs_der_expect_end(&notice, err, where);
}

void cs_qualifier_iter_init(cs_qualifier_iter *it, cs_der qualifiers_content) {
    it->rest = qualifiers_content;
}

/* PolicyQualifierInfo ::= SEQUENCE { policyQualifierId OID, qualifier ANY DEFINED BY id }. */
cs_iter_result cs_qualifier_iter_next(cs_qualifier_iter *it, cs_policy_qualifier *out,
                                      cs_der_error *err) {
    const char *where = "certificatePolicies.policyQualifierInfo";
    if (it->rest.len == 0) {
        return CS_ITER_END;
    }
    cs_der cur = it->rest, info, content;
    memset(out, 0, sizeof *out);
    if (!cs_der_get(&cur, CS_DER_SEQUENCE, &info, err, where) ||
        !cs_ext_get_oid(&info, &out->oid, err, where)) {
        return CS_ITER_ERROR;
    }
    const uint8_t *at = info.ptr;
    uint32_t tag;
    if (!cs_ext_get_any_valid(&info, &tag, &out->qualifier, &content, err, where) ||
        !cs_der_expect_end(&info, err, where)) {
        return CS_ITER_ERROR;
    }
    cs_misc_oid_id id = cs_oid_misc(out->oid);
    if (id == CS_OID_QT_CPS) {
        out->id = id;
        /* CPSuri ::= IA5String. Other string types are kept (cps_tag) for the rules to report;
         * a constructed value cannot be a string in DER. */
        if ((tag & CS_DER_CONSTRUCTED) != 0) {
            cs_der_fail(err, CS_DER_UNEXPECTED_TAG, at, "certificatePolicies.cPSuri");
            return CS_ITER_ERROR;
        }
        out->cps_uri = content;
        out->cps_tag = tag;
    } else if (id == CS_OID_QT_UNOTICE) {
        out->id = id;
        if (tag != CS_DER_SEQUENCE) {
            cs_der_fail(err, CS_DER_UNEXPECTED_TAG, at, "certificatePolicies.userNotice");
            return CS_ITER_ERROR;
        }
        if (!cs_ext_parse_user_notice(content, out, err)) {
            return CS_ITER_ERROR;
        }
    } else {
        out->id = CS_OID_UNKNOWN;
    }
    it->rest = cur;
    return CS_ITER_ITEM;
}

/* PolicyInformation ::= SEQUENCE { policyIdentifier OID,
 *     policyQualifiers SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo OPTIONAL }. */
cs_iter_result cs_policy_iter_next(cs_policy_iter *it, cs_policy *out, cs_der_error *err) {
    const char *where = "certificatePolicies.policyInformation";
    if (it->rest.len == 0) {
        return CS_ITER_END;
    }
    cs_der cur = it->rest, info;
    int present;
    memset(out, 0, sizeof *out);
    if (!cs_der_get(&cur, CS_DER_SEQUENCE, &info, err, where) ||
        !cs_ext_get_oid(&info, &out->oid, err, where) ||
        !cs_der_get_optional(&info, CS_DER_SEQUENCE, &out->qualifiers, &present, err, where) ||
        !cs_der_expect_end(&info, err, where)) {
        return CS_ITER_ERROR;
    }
    out->has_qualifiers = (uint8_t)present;
    if (present) {
        cs_qualifier_iter qit;
        cs_policy_qualifier q;
        cs_iter_result r;
        cs_qualifier_iter_init(&qit, out->qualifiers);
        while ((r = cs_qualifier_iter_next(&qit, &q, err)) == CS_ITER_ITEM) {
        }
        if (r == CS_ITER_ERROR) {
            return CS_ITER_ERROR;
        }
    }
    it->rest = cur;
    return CS_ITER_ITEM;
}

static cs_iter_result cs_policy_item(cs_der *rest, cs_der_error *err) {
    cs_policy_iter it = {*rest};
    cs_policy item;
    cs_iter_result r = cs_policy_iter_next(&it, &item, err);
    *rest = it.rest;
    return r;
}

int cs_decode_certificate_policies(cs_der value, cs_policy_iter *out_iter, unsigned *out_count,
                                   cs_der_error *err) {
    return cs_ext_decode_seq(value, "certificatePolicies", cs_policy_item,
                             out_iter != NULL ? &out_iter->rest : NULL, out_count, err);
}

/* --- authorityKeyIdentifier / subjectKeyIdentifier --- */

int cs_decode_aki(cs_der value, cs_aki *out, cs_der_error *err) {
    cs_der seq;
    int present;
    memset(out, 0, sizeof *out);
    if (!cs_ext_outer(value, CS_DER_SEQUENCE, &seq, err, "authorityKeyIdentifier")) {
        return 0;
    }
    if (!cs_der_get_optional(&seq, CS_DER_CONTEXT(0), &out->key_id, &present, err,
                             "authorityKeyIdentifier.keyIdentifier")) {
        return 0;
    }
    out->has_key_id = (uint8_t)present;
    if (!cs_der_get_optional(&seq, CS_DER_CONTEXT_CONS(1), &out->issuer, &present, err,
                             "authorityKeyIdentifier.authorityCertIssuer")) {
        return 0;
    }
    out->has_issuer = (uint8_t)present;
    if (present && !cs_gn_check_all(out->issuer, NULL, err)) {
        return 0;
    }
    const uint8_t *at = seq.ptr;
    if (!cs_der_get_optional(&seq, CS_DER_CONTEXT(2), &out->serial, &present, err,
                             "authorityKeyIdentifier.authorityCertSerialNumber")) {
        return 0;
    }
    out->has_serial = (uint8_t)present;
    if (present) {
        int negative, minimal;
        if (!cs_der_check_integer(out->serial, &negative, &minimal)) {
            return cs_der_fail(err, CS_DER_BAD_INTEGER, at,
                               "authorityKeyIdentifier.authorityCertSerialNumber");
        }
    }
    return cs_der_expect_end(&seq, err, "authorityKeyIdentifier");
}

int cs_decode_ski(cs_der value, cs_der *out_key_id, cs_der_error *err) {
    cs_der key_id;
    *out_key_id = cs_ext_empty();
    if (!cs_ext_outer(value, CS_DER_OCTET_STRING, &key_id, err, "subjectKeyIdentifier")) {
        return 0;
    }
    *out_key_id = key_id;
    return 1;
}

/* --- cRLDistributionPoints / freshestCRL --- */

/* DistributionPoint ::= SEQUENCE {
 *     distributionPoint [0] DistributionPointName OPTIONAL,  -- EXPLICIT: a CHOICE
 *     reasons           [1] ReasonFlags OPTIONAL,            -- IMPLICIT BIT STRING
 *     cRLIssuer         [2] GeneralNames OPTIONAL }          -- IMPLICIT */
cs_iter_result cs_dist_point_iter_next(cs_dist_point_iter *it, cs_dist_point *out,
                                       cs_der_error *err) {
    const char *where = "distributionPoint";
    if (it->rest.len == 0) {
        return CS_ITER_END;
    }
    cs_der cur = it->rest, dp, dpn;
    int present;
    memset(out, 0, sizeof *out);
    if (!cs_der_get(&cur, CS_DER_SEQUENCE, &dp, err, where) ||
        !cs_der_get_optional(&dp, CS_DER_CONTEXT_CONS(0), &dpn, &present, err,
                             "distributionPoint.distributionPoint")) {
        return CS_ITER_ERROR;
    }
    if (present) {
        const uint8_t *at = dpn.ptr;
        uint32_t tag;
        out->has_name = 1;
        if (!cs_der_get_any(&dpn, &tag, NULL, &out->name, err,
                            "distributionPoint.distributionPoint")) {
            return CS_ITER_ERROR;
        }
        if (tag == CS_DER_CONTEXT_CONS(0)) {
            out->name_is_full = 1;
            if (!cs_gn_check_all(out->name, NULL, err)) {
                return CS_ITER_ERROR;
            }
        } else if (tag == CS_DER_CONTEXT_CONS(1)) {
            if (!cs_ext_check_rdn(out->name, err, "distributionPoint.nameRelativeToCRLIssuer")) {
                return CS_ITER_ERROR;
            }
        } else {
            cs_der_fail(err, CS_DER_UNEXPECTED_TAG, at, "distributionPoint.distributionPoint");
            return CS_ITER_ERROR;
        }
        if (!cs_der_expect_end(&dpn, err, "distributionPoint.distributionPoint")) {
            return CS_ITER_ERROR;
        }
    }
    const uint8_t *at = dp.ptr;
    if (!cs_der_get_optional(&dp, CS_DER_CONTEXT(1), &out->reasons, &present, err,
                             "distributionPoint.reasons")) {
        return CS_ITER_ERROR;
    }
    if (present) {
        unsigned unused;
        int der_ok;
        out->has_reasons = 1;
        /* Non-zero padding is valid BER; the span lets the rules see it. */
        if (!cs_der_check_bitstring(out->reasons, &unused, &der_ok)) {
            cs_der_fail(err, CS_DER_BAD_BITSTRING, at, "distributionPoint.reasons");
            return CS_ITER_ERROR;
        }
    }
    if (!cs_der_get_optional(&dp, CS_DER_CONTEXT_CONS(2), &out->crl_issuer, &present, err,
                             "distributionPoint.cRLIssuer")) {
        return CS_ITER_ERROR;
    }
    if (present) {
        out->has_crl_issuer = 1;
        if (!cs_gn_check_all(out->crl_issuer, NULL, err)) {
            return CS_ITER_ERROR;
        }
    }
    if (!cs_der_expect_end(&dp, err, where)) {
        return CS_ITER_ERROR;
    }
    it->rest = cur;
    return CS_ITER_ITEM;
}

static cs_iter_result cs_dist_point_item(cs_der *rest, cs_der_error *err) {
    cs_dist_point_iter it = {*rest};
    cs_dist_point item;
    cs_iter_result r = cs_dist_point_iter_next(&it, &item, err);
    *rest = it.rest;
    return r;
}

int cs_decode_crl_distribution_points(cs_der value, cs_dist_point_iter *out_iter,
                                      unsigned *out_count, cs_der_error *err) {
    return cs_ext_decode_seq(value, "cRLDistributionPoints", cs_dist_point_item,
                             out_iter != NULL ? &out_iter->rest : NULL, out_count, err);
}

/* --- authorityInfoAccess / subjectInfoAccess --- */

static cs_misc_oid_id cs_ext_access_method(cs_der oid) {
    cs_misc_oid_id id = cs_oid_misc(oid);
    switch (id) {
    case CS_OID_AD_OCSP:
    case CS_OID_AD_CA_ISSUERS:
    case CS_OID_AD_CA_REPOSITORY:
    case CS_OID_AD_TIMESTAMPING:
        return id;
    default:
        /* Another known OID (a policy, a hash) is no access method. */
        return CS_OID_UNKNOWN;
    }
}

/* AccessDescription ::= SEQUENCE { accessMethod OID, accessLocation GeneralName }. */
cs_iter_result cs_access_iter_next(cs_access_iter *it, cs_access_desc *out, cs_der_error *err) {
    const char *where = "accessDescription";
    if (it->rest.len == 0) {
        return CS_ITER_END;
    }
    cs_der cur = it->rest, desc;
    memset(out, 0, sizeof *out);
    if (!cs_der_get(&cur, CS_DER_SEQUENCE, &desc, err, where) ||
        !cs_ext_get_oid(&desc, &out->method, err, "accessDescription.accessMethod") ||
        !cs_gn_parse(&desc, &out->location, err) || !cs_der_expect_end(&desc, err, where)) {
        return CS_ITER_ERROR;
    }
    out->method_id = cs_ext_access_method(out->method);
    it->rest = cur;
    return CS_ITER_ITEM;
}

static cs_iter_result cs_access_item(cs_der *rest, cs_der_error *err) {
    cs_access_iter it = {*rest};
    cs_access_desc item;
    cs_iter_result r = cs_access_iter_next(&it, &item, err);
    *rest = it.rest;
    return r;
}

int cs_decode_info_access(cs_der value, cs_access_iter *out_iter, unsigned *out_count,
                          cs_der_error *err) {
    return cs_ext_decode_seq(value, "infoAccess", cs_access_item,
                             out_iter != NULL ? &out_iter->rest : NULL, out_count, err);
}

/* --- nameConstraints --- */

void cs_subtree_iter_init(cs_subtree_iter *it, cs_der subtrees_content) {
    it->rest = subtrees_content;
}

/* BaseDistance ::= INTEGER (0..MAX). The view has no flags for a distance out of range, and no
 * certificate needs one, so those are decode errors: negative is outside the type, and a value
 * above INT64_MAX is beyond what the view holds (CS_DER_LIMIT). */
static int cs_ext_get_distance(cs_der content, const uint8_t *at, uint64_t *out, cs_der_error *err,
                               const char *where) {
    int negative, too_large;
    if (!cs_ext_get_count(content, at, out, &negative, &too_large, err, where)) {
        return 0;
    }
    if (negative) {
        return cs_der_fail(err, CS_DER_BAD_VALUE, at, where);
    }
    if (too_large) {
        return cs_der_fail(err, CS_DER_LIMIT, at, where);
    }
    return 1;
}

/* GeneralSubtree ::= SEQUENCE { base GeneralName,
 *     minimum [0] IMPLICIT BaseDistance DEFAULT 0, maximum [1] IMPLICIT BaseDistance OPTIONAL }. */
cs_iter_result cs_subtree_iter_next(cs_subtree_iter *it, cs_subtree *out, cs_der_error *err) {
    const char *where = "generalSubtree";
    if (it->rest.len == 0) {
        return CS_ITER_END;
    }
    cs_der cur = it->rest, st, field;
    int present;
    /* cs_gn_parse fills the base: only the distances need clearing. */
    out->has_minimum = 0;
    out->minimum = 0;
    out->has_maximum = 0;
    out->maximum = 0;
    if (!cs_der_get(&cur, CS_DER_SEQUENCE, &st, err, where) || !cs_gn_parse(&st, &out->base, err)) {
        return CS_ITER_ERROR;
    }
    const uint8_t *at = st.ptr;
    if (!cs_der_get_optional(&st, CS_DER_CONTEXT(0), &field, &present, err,
                             "generalSubtree.minimum")) {
        return CS_ITER_ERROR;
    }
    if (present) {
        out->has_minimum = 1;
        if (!cs_ext_get_distance(field, at, &out->minimum, err, "generalSubtree.minimum")) {
            return CS_ITER_ERROR;
        }
    }
    at = st.ptr;
    if (!cs_der_get_optional(&st, CS_DER_CONTEXT(1), &field, &present, err,
                             "generalSubtree.maximum")) {
        return CS_ITER_ERROR;
    }
    if (present) {
        out->has_maximum = 1;
        if (!cs_ext_get_distance(field, at, &out->maximum, err, "generalSubtree.maximum")) {
            return CS_ITER_ERROR;
        }
    }
    if (!cs_der_expect_end(&st, err, where)) {
        return CS_ITER_ERROR;
    }
    it->rest = cur;
    return CS_ITER_ITEM;
}

static int cs_ext_check_subtrees(cs_der content, cs_der_error *err) {
    cs_subtree_iter it;
    cs_subtree st;
    cs_iter_result r;
    cs_subtree_iter_init(&it, content);
    while ((r = cs_subtree_iter_next(&it, &st, err)) == CS_ITER_ITEM) {
    }
    return r == CS_ITER_END;
}

/* NameConstraints ::= SEQUENCE { permittedSubtrees [0] IMPLICIT GeneralSubtrees OPTIONAL,
 *     excludedSubtrees [1] IMPLICIT GeneralSubtrees OPTIONAL }. */
int cs_decode_name_constraints(cs_der value, cs_name_constraints *out, cs_der_error *err) {
    cs_der seq;
    int present;
    memset(out, 0, sizeof *out);
    if (!cs_ext_outer(value, CS_DER_SEQUENCE, &seq, err, "nameConstraints")) {
        return 0;
    }
    if (!cs_der_get_optional(&seq, CS_DER_CONTEXT_CONS(0), &out->permitted, &present, err,
                             "nameConstraints.permittedSubtrees")) {
        return 0;
    }
    out->has_permitted = (uint8_t)present;
    if (present && !cs_ext_check_subtrees(out->permitted, err)) {
        return 0;
    }
    if (!cs_der_get_optional(&seq, CS_DER_CONTEXT_CONS(1), &out->excluded, &present, err,
                             "nameConstraints.excludedSubtrees")) {
        return 0;
    }
    out->has_excluded = (uint8_t)present;
    if (present && !cs_ext_check_subtrees(out->excluded, err)) {
        return 0;
    }
    return cs_der_expect_end(&seq, err, "nameConstraints");
}
