/* Tests for the extension decoders in scanner/x509_ext.c.
 *
 * Inputs are built with the DER builder; only deliberately malformed bytes are written raw.
 * Offsets are asserted against B.len recorded while building, so every value here stays below
 * 128 content bytes where an offset is recorded (a longer length field would shift them). */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"
#include "scanner/oid.h"
#include "scanner/x509_ext.h"
#include "tests/support/derb.h"

#define OID_SERVER_AUTH  "1.3.6.1.5.5.7.3.1"
#define OID_CLIENT_AUTH  "1.3.6.1.5.5.7.3.2"
#define OID_ANY_EKU      "2.5.29.37.0"
#define OID_ANY_POLICY   "2.5.29.32.0"
#define OID_DV_POLICY    "2.23.140.1.2.1"
#define OID_OV_POLICY    "2.23.140.1.2.2"
#define OID_QT_CPS       "1.3.6.1.5.5.7.2.1"
#define OID_QT_UNOTICE   "1.3.6.1.5.5.7.2.2"
#define OID_AD_OCSP      "1.3.6.1.5.5.7.48.1"
#define OID_AD_CA_ISSUER "1.3.6.1.5.5.7.48.2"
#define OID_AD_CA_REPO   "1.3.6.1.5.5.7.48.5"
#define OID_SMTP_UTF8    "1.3.6.1.5.5.7.8.9"
#define OID_CN           "2.5.4.3"

static derb B;
static cs_der_error E;

static void setup(void) {
    derb_init(&B);
    memset(&E, 0, sizeof E);
}

static void teardown(void) {
    derb_free(&B);
}

TestSuite(key_usage, .init = setup, .fini = teardown);
TestSuite(basic_constraints, .init = setup, .fini = teardown);
TestSuite(eku, .init = setup, .fini = teardown);
TestSuite(general_names, .init = setup, .fini = teardown);
TestSuite(policies, .init = setup, .fini = teardown);
TestSuite(aki, .init = setup, .fini = teardown);
TestSuite(ski, .init = setup, .fini = teardown);
TestSuite(crldp, .init = setup, .fini = teardown);
TestSuite(info_access, .init = setup, .fini = teardown);
TestSuite(name_constraints, .init = setup, .fini = teardown);
TestSuite(robustness, .init = setup, .fini = teardown);

/* The built bytes as a value, with the error base at their start. */
static cs_der built(void) {
    cr_assert_eq(B.failed, 0, "builder failed");
    cr_assert_eq(B.depth, 0, "builder left %d elements open", B.depth);
    memset(&E, 0, sizeof E);
    E.base = B.buf;
    return cs_der_make(B.buf, B.len);
}

static void expect_err(cs_der_status status, size_t offset, const char *where) {
    cr_assert_eq(E.status, status, "status %s, expected %s", cs_der_status_name(E.status),
                 cs_der_status_name(status));
    cr_assert_eq(E.offset, offset, "offset %zu, expected %zu", E.offset, offset);
    cr_assert_not_null(E.where);
    cr_assert_str_eq(E.where, where);
}

static int span_eq(cs_der span, const void *bytes, size_t len) {
    return span.len == len && (len == 0 || memcmp(span.ptr, bytes, len) == 0);
}

static int span_eq_str(cs_der span, const char *text) {
    return span_eq(span, text, strlen(text));
}

static int span_eq_oid(cs_der span, const char *dotted) {
    uint8_t tmp[64];
    size_t n = derb_oid_bytes(dotted, tmp, sizeof tmp);
    cr_assert_gt(n, 0);
    return span_eq(span, tmp, n);
}

static size_t off_of(cs_der span) {
    return (size_t)(span.ptr - B.buf);
}

/* A Name with one CN attribute. */
static void put_name(const char *cn) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SET);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_CN);
    derb_str(&B, CS_DER_UTF8STRING, cn);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
}

static void put_uri(const char *uri) {
    derb_str(&B, CS_DER_CONTEXT(6), uri);
}

static void put_dns(const char *dns) {
    derb_str(&B, CS_DER_CONTEXT(2), dns);
}

/* ------------------------------------------------------------------------------------------ */
/* keyUsage                                                                                    */

static cs_key_usage ku_ok(void) {
    cs_key_usage ku;
    cs_der v = built();
    cr_assert_eq(cs_decode_key_usage(v, &ku, &E), 1, "decode failed: %s at %zu",
                 cs_der_status_name(E.status), E.offset);
    return ku;
}

Test(key_usage, digital_signature_and_key_encipherment) {
    derb_bits(&B, 5, "\xA0", 1);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.bits, CS_KU_DIGITAL_SIGNATURE | CS_KU_KEY_ENCIPHERMENT);
    cr_assert_eq(ku.unused_bits, 5);
    cr_assert_eq(ku.num_bytes, 1);
    cr_assert_eq(ku.trailing_zero, 0);
    cr_assert_eq(ku.padding_nonzero, 0);
    cr_assert_eq(ku.undefined_bits, 0);
}

Test(key_usage, ca_bits) {
    derb_bits(&B, 1, "\x06", 1);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.bits, CS_KU_KEY_CERT_SIGN | CS_KU_CRL_SIGN);
    cr_assert_eq(ku.trailing_zero, 0);
}

Test(key_usage, every_bit_maps_to_its_constant) {
    /* Bit n alone, encoded minimally, gives exactly the n-th constant. */
    static const uint16_t expect[9] = {
        CS_KU_DIGITAL_SIGNATURE, CS_KU_NON_REPUDIATION, CS_KU_KEY_ENCIPHERMENT,
        CS_KU_DATA_ENCIPHERMENT, CS_KU_KEY_AGREEMENT,   CS_KU_KEY_CERT_SIGN,
        CS_KU_CRL_SIGN,          CS_KU_ENCIPHER_ONLY,   CS_KU_DECIPHER_ONLY};
    for (unsigned n = 0; n < 9; n++) {
        uint8_t bytes[2] = {0, 0};
        bytes[n / 8] = (uint8_t)(0x80u >> (n % 8));
        derb_free(&B);
        derb_init(&B);
        derb_bits(&B, 7 - (n % 8), bytes, n / 8 + 1);
        cs_key_usage ku = ku_ok();
        cr_assert_eq(ku.bits, expect[n], "bit %u: got 0x%x", n, ku.bits);
        cr_assert_eq(ku.trailing_zero, 0, "bit %u", n);
        cr_assert_eq(ku.undefined_bits, 0, "bit %u", n);
    }
}

Test(key_usage, decipher_only_in_second_octet) {
    derb_bits(&B, 7, "\x80\x80", 2);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.bits, CS_KU_DIGITAL_SIGNATURE | CS_KU_DECIPHER_ONLY);
    cr_assert_eq(ku.num_bytes, 2);
    cr_assert_eq(ku.unused_bits, 7);
    cr_assert_eq(ku.trailing_zero, 0);
    cr_assert_eq(ku.undefined_bits, 0);
}

Test(key_usage, empty_bit_string_is_valid) {
    derb_bits(&B, 0, NULL, 0);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.bits, 0);
    cr_assert_eq(ku.num_bytes, 0);
    cr_assert_eq(ku.trailing_zero, 0);
    cr_assert_eq(ku.padding_nonzero, 0);
}

Test(key_usage, trailing_zero_bit) {
    /* digitalSignature with 7 explicit zero bits after it: should be 07 80. */
    derb_bits(&B, 0, "\x80", 1);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.bits, CS_KU_DIGITAL_SIGNATURE);
    cr_assert_eq(ku.trailing_zero, 1);
    cr_assert_eq(ku.padding_nonzero, 0);
}

Test(key_usage, trailing_zero_bit_with_some_unused) {
    derb_bits(&B, 4, "\x80", 1);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.bits, CS_KU_DIGITAL_SIGNATURE);
    cr_assert_eq(ku.unused_bits, 4);
    cr_assert_eq(ku.trailing_zero, 1);
}

Test(key_usage, trailing_zero_octet) {
    derb_bits(&B, 7, "\x80\x00", 2);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.bits, CS_KU_DIGITAL_SIGNATURE);
    cr_assert_eq(ku.num_bytes, 2);
    cr_assert_eq(ku.trailing_zero, 1);
}

Test(key_usage, all_zero_octet) {
    derb_bits(&B, 0, "\x00", 1);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.bits, 0);
    cr_assert_eq(ku.trailing_zero, 1);
}

Test(key_usage, padding_nonzero_is_flagged_not_counted) {
    derb_bits(&B, 5, "\xA1", 1);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.padding_nonzero, 1);
    cr_assert_eq(ku.bits, CS_KU_DIGITAL_SIGNATURE | CS_KU_KEY_ENCIPHERMENT);
    cr_assert_eq(ku.trailing_zero, 0);
}

Test(key_usage, padding_bit_is_not_encipher_only) {
    /* Bit 7 (encipherOnly) is a padding bit here: it must not show up as a usage. */
    derb_bits(&B, 1, "\x03", 1);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.padding_nonzero, 1);
    cr_assert_eq(ku.bits, CS_KU_CRL_SIGN);
}

Test(key_usage, undefined_bit_in_second_octet) {
    derb_bits(&B, 6, "\x80\x40", 2);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.bits, CS_KU_DIGITAL_SIGNATURE);
    cr_assert_eq(ku.undefined_bits, 1);
    cr_assert_eq(ku.trailing_zero, 0);
}

Test(key_usage, undefined_bit_in_third_octet) {
    derb_bits(&B, 7, "\x80\x00\x80", 3);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.bits, CS_KU_DIGITAL_SIGNATURE);
    cr_assert_eq(ku.undefined_bits, 1);
    cr_assert_eq(ku.num_bytes, 3);
    cr_assert_eq(ku.trailing_zero, 0);
}

Test(key_usage, num_bytes_saturates) {
    uint8_t bytes[300];
    memset(bytes, 0xFF, sizeof bytes);
    derb_bits(&B, 0, bytes, sizeof bytes);
    cs_key_usage ku = ku_ok();
    cr_assert_eq(ku.num_bytes, 255);
    cr_assert_eq(ku.bits, 0x1FF);
    cr_assert_eq(ku.undefined_bits, 1);
}

Test(key_usage, wrong_tag) {
    derb_prim(&B, CS_DER_OCTET_STRING, "\x05\xA0", 2);
    cs_key_usage ku;
    cr_assert_eq(cs_decode_key_usage(built(), &ku, &E), 0);
    expect_err(CS_DER_UNEXPECTED_TAG, 0, "keyUsage");
}

Test(key_usage, unused_bits_above_seven) {
    derb_bits(&B, 8, "\x00", 1);
    cs_key_usage ku;
    cr_assert_eq(cs_decode_key_usage(built(), &ku, &E), 0);
    expect_err(CS_DER_BAD_BITSTRING, 0, "keyUsage");
}

Test(key_usage, unused_bits_without_content) {
    derb_bits(&B, 3, NULL, 0);
    cs_key_usage ku;
    cr_assert_eq(cs_decode_key_usage(built(), &ku, &E), 0);
    expect_err(CS_DER_BAD_BITSTRING, 0, "keyUsage");
}

Test(key_usage, missing_unused_bits_octet) {
    derb_prim(&B, CS_DER_BIT_STRING, NULL, 0);
    cs_key_usage ku;
    cr_assert_eq(cs_decode_key_usage(built(), &ku, &E), 0);
    expect_err(CS_DER_BAD_BITSTRING, 0, "keyUsage");
}

Test(key_usage, trailing_bytes) {
    derb_bits(&B, 5, "\xA0", 1);
    derb_null(&B);
    cs_key_usage ku;
    cr_assert_eq(cs_decode_key_usage(built(), &ku, &E), 0);
    expect_err(CS_DER_TRAILING_DATA, 4, "keyUsage");
}

Test(key_usage, truncated) {
    derb_raw(&B, "\x03\x02\x05", 3);
    cs_key_usage ku;
    cr_assert_eq(cs_decode_key_usage(built(), &ku, &E), 0);
    expect_err(CS_DER_TRUNCATED, 0, "keyUsage");
}

Test(key_usage, nonminimal_length) {
    derb_raw(&B, "\x03\x81\x02\x05\xA0", 5);
    cs_key_usage ku;
    cr_assert_eq(cs_decode_key_usage(built(), &ku, &E), 0);
    expect_err(CS_DER_NONMINIMAL_LENGTH, 0, "keyUsage");
}

Test(key_usage, indefinite_length) {
    derb_raw(&B, "\x03\x80\x05\xA0\x00\x00", 6);
    cs_key_usage ku;
    cr_assert_eq(cs_decode_key_usage(built(), &ku, &E), 0);
    expect_err(CS_DER_INDEFINITE_LENGTH, 0, "keyUsage");
}

Test(key_usage, empty_input) {
    cs_key_usage ku;
    memset(&E, 0, sizeof E);
    cr_assert_eq(cs_decode_key_usage(cs_der_make(NULL, 0), &ku, &E), 0);
    expect_err(CS_DER_TRUNCATED, 0, "keyUsage");
}

/* ------------------------------------------------------------------------------------------ */
/* basicConstraints                                                                            */

static cs_basic_constraints bc_ok(void) {
    cs_basic_constraints bc;
    cs_der v = built();
    cr_assert_eq(cs_decode_basic_constraints(v, &bc, &E), 1, "decode failed: %s at %zu",
                 cs_der_status_name(E.status), E.offset);
    return bc;
}

static void bc_fails(cs_der_status status, size_t offset, const char *where) {
    cs_basic_constraints bc;
    cr_assert_eq(cs_decode_basic_constraints(built(), &bc, &E), 0);
    expect_err(status, offset, where);
}

Test(basic_constraints, empty_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    cs_basic_constraints bc = bc_ok();
    cr_assert_eq(bc.ca, 0);
    cr_assert_eq(bc.ca_encoded_false, 0);
    cr_assert_eq(bc.ca_not_der, 0);
    cr_assert_eq(bc.has_path_len, 0);
}

Test(basic_constraints, ca_true) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_bool(&B, 1);
    derb_close(&B);
    cs_basic_constraints bc = bc_ok();
    cr_assert_eq(bc.ca, 1);
    cr_assert_eq(bc.ca_encoded_false, 0);
    cr_assert_eq(bc.ca_not_der, 0);
    cr_assert_eq(bc.has_path_len, 0);
}

Test(basic_constraints, ca_true_path_len_zero) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_bool(&B, 1);
    derb_int(&B, 0);
    derb_close(&B);
    cs_basic_constraints bc = bc_ok();
    cr_assert_eq(bc.ca, 1);
    cr_assert_eq(bc.has_path_len, 1);
    cr_assert_eq(bc.path_len, 0);
    cr_assert_eq(bc.path_len_negative, 0);
    cr_assert_eq(bc.path_len_too_large, 0);
}

Test(basic_constraints, path_len_without_ca) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_int(&B, 300);
    derb_close(&B);
    cs_basic_constraints bc = bc_ok();
    cr_assert_eq(bc.ca, 0);
    cr_assert_eq(bc.has_path_len, 1);
    cr_assert_eq(bc.path_len, 300);
}

Test(basic_constraints, ca_false_encoded) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_bool(&B, 0);
    derb_close(&B);
    cs_basic_constraints bc = bc_ok();
    cr_assert_eq(bc.ca, 0);
    cr_assert_eq(bc.ca_encoded_false, 1);
    cr_assert_eq(bc.ca_not_der, 0);
}

Test(basic_constraints, ca_boolean_not_der) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_BOOLEAN, "\x01", 1);
    derb_close(&B);
    cs_basic_constraints bc = bc_ok();
    cr_assert_eq(bc.ca, 1);
    cr_assert_eq(bc.ca_not_der, 1);
    cr_assert_eq(bc.ca_encoded_false, 0);
}

Test(basic_constraints, boolean_too_long) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_BOOLEAN, "\xFF\xFF", 2);
    derb_close(&B);
    bc_fails(CS_DER_BAD_BOOLEAN, 2, "basicConstraints.cA");
}

Test(basic_constraints, boolean_empty) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_BOOLEAN, NULL, 0);
    derb_close(&B);
    bc_fails(CS_DER_BAD_BOOLEAN, 2, "basicConstraints.cA");
}

Test(basic_constraints, path_len_negative) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_bool(&B, 1);
    derb_int(&B, -1);
    derb_close(&B);
    cs_basic_constraints bc = bc_ok();
    cr_assert_eq(bc.has_path_len, 1);
    cr_assert_eq(bc.path_len_negative, 1);
    cr_assert_eq(bc.path_len_too_large, 0);
    cr_assert_eq(bc.path_len, 0);
}

Test(basic_constraints, path_len_int64_max) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_int(&B, INT64_MAX);
    derb_close(&B);
    cs_basic_constraints bc = bc_ok();
    cr_assert_eq(bc.path_len, (uint64_t)INT64_MAX);
    cr_assert_eq(bc.path_len_too_large, 0);
}

Test(basic_constraints, path_len_too_large) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_int_bytes(&B, "\x00\x80\x00\x00\x00\x00\x00\x00\x00", 9); /* 2^63 */
    derb_close(&B);
    cs_basic_constraints bc = bc_ok();
    cr_assert_eq(bc.has_path_len, 1);
    cr_assert_eq(bc.path_len_too_large, 1);
    cr_assert_eq(bc.path_len_negative, 0);
    cr_assert_eq(bc.path_len, UINT64_MAX);
}

Test(basic_constraints, path_len_nonminimal_integer) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_bool(&B, 1);
    derb_int_bytes(&B, "\x00\x05", 2);
    derb_close(&B);
    bc_fails(CS_DER_BAD_INTEGER, 5, "basicConstraints.pathLenConstraint");
}

Test(basic_constraints, path_len_empty_integer) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_int_bytes(&B, NULL, 0);
    derb_close(&B);
    bc_fails(CS_DER_BAD_INTEGER, 2, "basicConstraints.pathLenConstraint");
}

Test(basic_constraints, fields_out_of_order) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_int(&B, 3);
    derb_bool(&B, 1);
    derb_close(&B);
    bc_fails(CS_DER_TRAILING_DATA, 5, "basicConstraints");
}

Test(basic_constraints, extra_field) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_bool(&B, 1);
    derb_int(&B, 0);
    derb_null(&B);
    derb_close(&B);
    bc_fails(CS_DER_TRAILING_DATA, 8, "basicConstraints");
}

Test(basic_constraints, trailing_after_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    derb_raw(&B, "\x00", 1);
    bc_fails(CS_DER_TRAILING_DATA, 2, "basicConstraints");
}

Test(basic_constraints, wrong_outer_tag) {
    derb_open(&B, CS_DER_SET);
    derb_bool(&B, 1);
    derb_close(&B);
    bc_fails(CS_DER_UNEXPECTED_TAG, 0, "basicConstraints");
}

Test(basic_constraints, inner_truncated) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_raw(&B, "\x01\x01", 2);
    derb_close(&B);
    bc_fails(CS_DER_TRUNCATED, 2, "basicConstraints.cA");
}

Test(basic_constraints, inner_nonminimal_length) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_raw(&B, "\x01\x81\x01\xFF", 4);
    derb_close(&B);
    bc_fails(CS_DER_NONMINIMAL_LENGTH, 2, "basicConstraints.cA");
}

/* ------------------------------------------------------------------------------------------ */
/* extKeyUsage                                                                                 */

Test(eku, known_purposes) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_SERVER_AUTH);
    derb_oid(&B, OID_CLIENT_AUTH);
    derb_close(&B);
    cs_oid_iter it;
    unsigned count = 99;
    uint32_t mask = 99;
    cr_assert_eq(cs_decode_ext_key_usage(built(), &it, &count, &mask, &E), 1);
    cr_assert_eq(count, 2);
    cr_assert_eq(mask, (1u << CS_EKU_SERVER_AUTH) | (1u << CS_EKU_CLIENT_AUTH));
    cs_der oid;
    cr_assert_eq(cs_oid_iter_next(&it, &oid, &E), CS_ITER_ITEM);
    cr_assert(cs_der_equal(oid, cs_eku_oid(CS_EKU_SERVER_AUTH)));
    cr_assert_eq(off_of(oid), 4);
    cr_assert_eq(cs_oid_iter_next(&it, &oid, &E), CS_ITER_ITEM);
    cr_assert(cs_der_equal(oid, cs_eku_oid(CS_EKU_CLIENT_AUTH)));
    cr_assert_eq(cs_oid_iter_next(&it, &oid, &E), CS_ITER_END);
    cr_assert_eq(cs_oid_iter_next(&it, &oid, &E), CS_ITER_END);
}

Test(eku, unknown_purpose_sets_bit_zero) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, "1.2.3.4");
    derb_oid(&B, OID_ANY_EKU);
    derb_close(&B);
    unsigned count;
    uint32_t mask;
    cr_assert_eq(cs_decode_ext_key_usage(built(), NULL, &count, &mask, &E), 1);
    cr_assert_eq(count, 2);
    cr_assert_eq(mask, 1u | (1u << CS_EKU_ANY));
}

Test(eku, empty_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    cs_oid_iter it;
    unsigned count = 99;
    uint32_t mask = 99;
    cr_assert_eq(cs_decode_ext_key_usage(built(), &it, &count, &mask, &E), 1);
    cr_assert_eq(count, 0);
    cr_assert_eq(mask, 0);
    cs_der oid;
    cr_assert_eq(cs_oid_iter_next(&it, &oid, &E), CS_ITER_END);
}

Test(eku, null_outputs) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_SERVER_AUTH);
    derb_close(&B);
    cr_assert_eq(cs_decode_ext_key_usage(built(), NULL, NULL, NULL, &E), 1);
}

Test(eku, entry_not_an_oid) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_SERVER_AUTH);
    derb_int(&B, 1);
    derb_close(&B);
    unsigned count = 99;
    uint32_t mask = 99;
    cr_assert_eq(cs_decode_ext_key_usage(built(), NULL, &count, &mask, &E), 0);
    expect_err(CS_DER_UNEXPECTED_TAG, 12, "extKeyUsage");
    cr_assert_eq(count, 0);
    cr_assert_eq(mask, 0);
}

Test(eku, oid_with_nonminimal_arc) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_SERVER_AUTH);
    derb_prim(&B, CS_DER_OID, "\x2B\x80\x01", 3);
    derb_close(&B);
    cr_assert_eq(cs_decode_ext_key_usage(built(), NULL, NULL, NULL, &E), 0);
    expect_err(CS_DER_BAD_OID, 12, "extKeyUsage");
}

Test(eku, empty_oid) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_OID, NULL, 0);
    derb_close(&B);
    cr_assert_eq(cs_decode_ext_key_usage(built(), NULL, NULL, NULL, &E), 0);
    expect_err(CS_DER_BAD_OID, 2, "extKeyUsage");
}

Test(eku, oid_with_unterminated_arc) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_OID, "\x2B\x86", 2);
    derb_close(&B);
    cr_assert_eq(cs_decode_ext_key_usage(built(), NULL, NULL, NULL, &E), 0);
    expect_err(CS_DER_BAD_OID, 2, "extKeyUsage");
}

Test(eku, trailing_after_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_SERVER_AUTH);
    derb_close(&B);
    derb_oid(&B, OID_CLIENT_AUTH);
    cr_assert_eq(cs_decode_ext_key_usage(built(), NULL, NULL, NULL, &E), 0);
    expect_err(CS_DER_TRAILING_DATA, 12, "extKeyUsage");
}

Test(eku, inner_truncated) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_raw(&B, "\x06\x05\x2B\x06", 4);
    derb_close(&B);
    cr_assert_eq(cs_decode_ext_key_usage(built(), NULL, NULL, NULL, &E), 0);
    expect_err(CS_DER_TRUNCATED, 2, "extKeyUsage");
}

Test(eku, iterator_error_is_sticky) {
    derb_oid(&B, OID_SERVER_AUTH);
    derb_prim(&B, CS_DER_OID, "\x80\x01", 2);
    cs_der v = built();
    cs_oid_iter it = {v};
    cs_der oid;
    cr_assert_eq(cs_oid_iter_next(&it, &oid, &E), CS_ITER_ITEM);
    cr_assert_eq(cs_oid_iter_next(&it, &oid, &E), CS_ITER_ERROR);
    expect_err(CS_DER_BAD_OID, 10, "extKeyUsage");
    memset(&E, 0, sizeof E);
    E.base = B.buf;
    cr_assert_eq(cs_oid_iter_next(&it, &oid, &E), CS_ITER_ERROR);
    expect_err(CS_DER_BAD_OID, 10, "extKeyUsage");
}

/* ------------------------------------------------------------------------------------------ */
/* GeneralName / GeneralNames                                                                  */

static const uint8_t ip_v4[4] = {192, 0, 2, 1};

/* One GeneralName of every type, in tag order. */
static void put_all_general_names(void) {
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_oid(&B, OID_SMTP_UTF8);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_str(&B, CS_DER_UTF8STRING, "a@b");
    derb_close(&B);
    derb_close(&B);
    derb_str(&B, CS_DER_CONTEXT(1), "x@example.com");
    put_dns("example.com");
    derb_open(&B, CS_DER_CONTEXT_CONS(3));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_str(&B, CS_DER_PRINTABLESTRING, "X");
    derb_close(&B);
    derb_close(&B);
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    put_name("Dir");
    derb_close(&B);
    derb_open(&B, CS_DER_CONTEXT_CONS(5));
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_str(&B, CS_DER_UTF8STRING, "party");
    derb_close(&B);
    derb_close(&B);
    put_uri("http://x/");
    derb_prim(&B, CS_DER_CONTEXT(7), ip_v4, sizeof ip_v4);
    uint8_t rid[16];
    size_t rid_len = derb_oid_bytes("1.2.3.4.5", rid, sizeof rid);
    derb_prim(&B, CS_DER_CONTEXT(8), rid, rid_len);
}

static void gn_next(cs_gn_iter *it, cs_general_name *gn, cs_gn_type type) {
    cr_assert_eq(cs_gn_iter_next(it, gn, &E), CS_ITER_ITEM, "error %s at %zu",
                 cs_der_status_name(E.status), E.offset);
    cr_assert_eq(gn->type, type, "type %s, expected %s", cs_gn_type_name(gn->type),
                 cs_gn_type_name(type));
}

Test(general_names, every_type) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_all_general_names();
    derb_close(&B);
    cs_gn_iter it;
    unsigned counts[CS_GN_TYPE_COUNT];
    unsigned total = 0;
    cr_assert_eq(cs_decode_general_names(built(), &it, counts, &total, &E), 1, "error %s at %zu",
                 cs_der_status_name(E.status), E.offset);
    cr_assert_eq(total, 9);
    for (unsigned i = 0; i < CS_GN_TYPE_COUNT; i++) {
        cr_assert_eq(counts[i], 1, "type %u counted %u times", i, counts[i]);
    }

    cs_general_name gn;
    gn_next(&it, &gn, CS_GN_OTHER_NAME);
    cr_assert(cs_der_equal(gn.other_oid, cs_misc_oid(CS_OID_ON_SMTP_UTF8_MAILBOX)));
    cr_assert_eq(gn.other_tag, CS_DER_UTF8STRING);
    cr_assert(span_eq_str(gn.value, "a@b"));
    cr_assert_eq(gn.raw.ptr[0], 0xA0);
    cr_assert_eq(off_of(gn.raw), 2);

    gn_next(&it, &gn, CS_GN_RFC822);
    cr_assert(span_eq_str(gn.value, "x@example.com"));
    cr_assert_eq(gn.raw.len, gn.value.len + 2);
    cr_assert_eq(gn.raw.ptr[0], 0x81);

    gn_next(&it, &gn, CS_GN_DNS);
    cr_assert(span_eq_str(gn.value, "example.com"));
    cr_assert_eq(gn.raw.ptr[0], 0x82);

    gn_next(&it, &gn, CS_GN_X400);
    cr_assert(span_eq(gn.value, "\x30\x03\x13\x01X", 5));

    gn_next(&it, &gn, CS_GN_DIRECTORY);
    cr_assert_eq(gn.raw.ptr[0], 0xA4);
    cr_assert_eq(gn.value.ptr[0], 0x30, "value is the Name TLV");
    cr_assert_eq(gn.value.len, gn.raw.len - 2);
    cr_assert_eq(gn.value.ptr, gn.raw.ptr + 2);

    gn_next(&it, &gn, CS_GN_EDI_PARTY);
    cr_assert(span_eq(gn.value, "\xA1\x07\x0C\x05party", 9));

    gn_next(&it, &gn, CS_GN_URI);
    cr_assert(span_eq_str(gn.value, "http://x/"));
    cr_assert_eq(gn.raw.ptr[0], 0x86);

    gn_next(&it, &gn, CS_GN_IP);
    cr_assert(span_eq(gn.value, ip_v4, sizeof ip_v4));

    gn_next(&it, &gn, CS_GN_REGISTERED_ID);
    cr_assert(span_eq_oid(gn.value, "1.2.3.4.5"));
    cr_assert_eq(gn.raw.ptr + gn.raw.len, B.buf + B.len, "last entry ends the value");

    cr_assert_eq(cs_gn_iter_next(&it, &gn, &E), CS_ITER_END);
}

Test(general_names, counts_per_type) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_dns("a.example");
    derb_prim(&B, CS_DER_CONTEXT(7), ip_v4, sizeof ip_v4);
    put_dns("b.example");
    derb_close(&B);
    unsigned counts[CS_GN_TYPE_COUNT];
    memset(counts, 0xAA, sizeof counts);
    unsigned total = 0;
    cr_assert_eq(cs_decode_general_names(built(), NULL, counts, &total, &E), 1);
    cr_assert_eq(total, 3);
    for (unsigned i = 0; i < CS_GN_TYPE_COUNT; i++) {
        unsigned want = i == CS_GN_DNS ? 2 : i == CS_GN_IP ? 1 : 0;
        cr_assert_eq(counts[i], want, "type %u: %u", i, counts[i]);
    }
}

Test(general_names, empty_sequence_decodes) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    cs_gn_iter it;
    unsigned counts[CS_GN_TYPE_COUNT];
    unsigned total = 99;
    cr_assert_eq(cs_decode_general_names(built(), &it, counts, &total, &E), 1);
    cr_assert_eq(total, 0);
    for (unsigned i = 0; i < CS_GN_TYPE_COUNT; i++) {
        cr_assert_eq(counts[i], 0);
    }
    cs_general_name gn;
    cr_assert_eq(cs_gn_iter_next(&it, &gn, &E), CS_ITER_END);
}

Test(general_names, null_outputs) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_dns("example.com");
    derb_close(&B);
    cr_assert_eq(cs_decode_general_names(built(), NULL, NULL, NULL, &E), 1);
}

static void gns_fail(cs_der_status status, size_t offset, const char *where) {
    cs_gn_iter it;
    unsigned counts[CS_GN_TYPE_COUNT];
    unsigned total = 99;
    cr_assert_eq(cs_decode_general_names(built(), &it, counts, &total, &E), 0);
    expect_err(status, offset, where);
    cr_assert_eq(total, 0);
    for (unsigned i = 0; i < CS_GN_TYPE_COUNT; i++) {
        cr_assert_eq(counts[i], 0, "counts stay zero on failure");
    }
    cs_general_name gn;
    cr_assert_eq(cs_gn_iter_next(&it, &gn, &E), CS_ITER_END, "iterator empty on failure");
}

Test(general_names, unknown_tag) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_dns("example.com");
    size_t at = B.len;
    derb_str(&B, CS_DER_CONTEXT(9), "x");
    derb_close(&B);
    gns_fail(CS_DER_UNEXPECTED_TAG, at, "generalName");
}

Test(general_names, high_tag_number) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_str(&B, CS_DER_CONTEXT(31), "x");
    derb_close(&B);
    gns_fail(CS_DER_UNEXPECTED_TAG, 2, "generalName");
}

Test(general_names, universal_tag) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_str(&B, CS_DER_IA5STRING, "example.com");
    derb_close(&B);
    gns_fail(CS_DER_UNEXPECTED_TAG, 2, "generalName");
}

Test(general_names, constructed_dns_name) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(2));
    derb_str(&B, CS_DER_IA5STRING, "example.com");
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_UNEXPECTED_TAG, 2, "generalName");
}

Test(general_names, primitive_directory_name) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(4), "\x30\x00", 2);
    derb_close(&B);
    gns_fail(CS_DER_UNEXPECTED_TAG, 2, "generalName");
}

Test(general_names, nonminimal_length_entry) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_raw(&B,
             "\x82\x81\x03"
             "abc",
             6);
    derb_close(&B);
    gns_fail(CS_DER_NONMINIMAL_LENGTH, 2, "generalName");
}

Test(general_names, truncated_entry) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_dns("example.com");
    size_t at = B.len;
    derb_raw(&B,
             "\x82\x05"
             "ab",
             4);
    derb_close(&B);
    gns_fail(CS_DER_TRUNCATED, at, "generalName");
}

Test(general_names, other_name_missing_value) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_oid(&B, OID_SMTP_UTF8);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_TRUNCATED, 14, "generalName.otherName");
}

Test(general_names, other_name_value_not_explicit) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_oid(&B, OID_SMTP_UTF8);
    derb_str(&B, CS_DER_CONTEXT(0), "a@b");
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_UNEXPECTED_TAG, 14, "generalName.otherName");
}

Test(general_names, other_name_two_values) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_oid(&B, OID_SMTP_UTF8);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_str(&B, CS_DER_UTF8STRING, "a@b");
    size_t at = B.len;
    derb_str(&B, CS_DER_UTF8STRING, "c@d");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_TRAILING_DATA, at, "generalName.otherName");
}

Test(general_names, other_name_trailing_field) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_oid(&B, OID_SMTP_UTF8);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_str(&B, CS_DER_UTF8STRING, "a@b");
    derb_close(&B);
    size_t at = B.len;
    derb_null(&B);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_TRAILING_DATA, at, "generalName.otherName");
}

Test(general_names, other_name_bad_type_id) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_prim(&B, CS_DER_OID, "\x80\x01", 2);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_str(&B, CS_DER_UTF8STRING, "a@b");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_BAD_OID, 4, "generalName.otherName");
}

Test(general_names, other_name_malformed_inner_value) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_oid(&B, OID_SMTP_UTF8);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_SEQUENCE);
    size_t at = B.len;
    derb_raw(&B, "\x02\x05\x01", 3);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_TRUNCATED, at, "generalName.otherName");
}

Test(general_names, registered_id_bad_oid) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(8), "\x2B\x80\x01", 3);
    derb_close(&B);
    gns_fail(CS_DER_BAD_OID, 2, "generalName.registeredID");
}

Test(general_names, directory_name_two_names) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    put_name("a");
    size_t at = B.len;
    put_name("b");
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_TRAILING_DATA, at, "generalName.directoryName");
}

Test(general_names, directory_name_empty) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_TRUNCATED, 4, "generalName.directoryName");
}

Test(general_names, directory_name_not_a_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    derb_open(&B, CS_DER_SET);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_UNEXPECTED_TAG, 4, "generalName.directoryName");
}

Test(general_names, directory_name_rdn_not_a_set) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_UNEXPECTED_TAG, 6, "generalName.directoryName");
}

Test(general_names, directory_name_attribute_without_value) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SET);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_CN);
    size_t at = B.len;
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_TRUNCATED, at, "generalName.directoryName");
}

Test(general_names, directory_name_attribute_bad_type) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SET);
    derb_open(&B, CS_DER_SEQUENCE);
    size_t at = B.len;
    derb_prim(&B, CS_DER_OID, "\x55\x84", 2);
    derb_str(&B, CS_DER_UTF8STRING, "x");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_BAD_OID, at, "generalName.directoryName");
}

Test(general_names, x400_address_malformed) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(3));
    derb_raw(&B, "\x30\x05\x01", 3);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_TRUNCATED, 4, "generalName.x400Address");
}

Test(general_names, edi_party_name_malformed) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(5));
    derb_raw(&B, "\xA1\x80\x00\x00", 4);
    derb_close(&B);
    derb_close(&B);
    gns_fail(CS_DER_INDEFINITE_LENGTH, 4, "generalName.ediPartyName");
}

Test(general_names, trailing_after_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_dns("example.com");
    derb_close(&B);
    size_t at = B.len;
    put_dns("example.org");
    gns_fail(CS_DER_TRAILING_DATA, at, "generalNames");
}

Test(general_names, wrong_outer_tag) {
    derb_open(&B, CS_DER_SET);
    put_dns("example.com");
    derb_close(&B);
    gns_fail(CS_DER_UNEXPECTED_TAG, 0, "generalNames");
}

Test(general_names, iterator_over_content) {
    put_dns("a.example");
    put_uri("http://b/");
    cs_der v = built();
    cs_gn_iter it;
    cs_general_name gn;
    cs_gn_iter_init(&it, v);
    gn_next(&it, &gn, CS_GN_DNS);
    cr_assert(span_eq_str(gn.value, "a.example"));
    gn_next(&it, &gn, CS_GN_URI);
    cr_assert(span_eq_str(gn.value, "http://b/"));
    cr_assert_eq(cs_gn_iter_next(&it, &gn, &E), CS_ITER_END);
}

Test(general_names, iterator_error_is_sticky) {
    put_dns("a.example");
    size_t at = B.len;
    derb_str(&B, CS_DER_CONTEXT(10), "x");
    cs_der v = built();
    cs_gn_iter it;
    cs_general_name gn;
    cs_gn_iter_init(&it, v);
    gn_next(&it, &gn, CS_GN_DNS);
    cr_assert_eq(cs_gn_iter_next(&it, &gn, &E), CS_ITER_ERROR);
    expect_err(CS_DER_UNEXPECTED_TAG, at, "generalName");
    cr_assert_eq(cs_gn_iter_next(&it, &gn, &E), CS_ITER_ERROR);
    expect_err(CS_DER_UNEXPECTED_TAG, at, "generalName");
}

Test(general_names, type_names) {
    cr_assert_str_eq(cs_gn_type_name(CS_GN_OTHER_NAME), "otherName");
    cr_assert_str_eq(cs_gn_type_name(CS_GN_RFC822), "rfc822Name");
    cr_assert_str_eq(cs_gn_type_name(CS_GN_DNS), "dNSName");
    cr_assert_str_eq(cs_gn_type_name(CS_GN_X400), "x400Address");
    cr_assert_str_eq(cs_gn_type_name(CS_GN_DIRECTORY), "directoryName");
    cr_assert_str_eq(cs_gn_type_name(CS_GN_EDI_PARTY), "ediPartyName");
    cr_assert_str_eq(cs_gn_type_name(CS_GN_URI), "uniformResourceIdentifier");
    cr_assert_str_eq(cs_gn_type_name(CS_GN_IP), "iPAddress");
    cr_assert_str_eq(cs_gn_type_name(CS_GN_REGISTERED_ID), "registeredID");
    cr_assert_str_eq(cs_gn_type_name(CS_GN_TYPE_COUNT), "unknown");
    cr_assert_str_eq(cs_gn_type_name((cs_gn_type)-1), "unknown");
}

/* ------------------------------------------------------------------------------------------ */
/* certificatePolicies                                                                         */

static void open_policy(const char *oid) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, oid);
}

static void put_cps(uint32_t tag, const char *uri) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_QT_CPS);
    derb_str(&B, tag, uri);
    derb_close(&B);
}

static void put_notice_ref(const char *org) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_str(&B, CS_DER_UTF8STRING, org);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_int(&B, 1);
    derb_int(&B, 2);
    derb_close(&B);
    derb_close(&B);
}

/* Opens SEQ { SEQ { anyPolicy, SEQ { SEQ { unotice, ... for a test to write the qualifier;
 * close_user_notice() closes the four. */
static void open_user_notice(void) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_QT_UNOTICE);
}

static void close_user_notice(void) {
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
}

/* Decodes the policies and returns the first qualifier of the first policy. */
static cs_policy_qualifier first_qualifier(void) {
    cs_policy_iter it;
    unsigned count = 0;
    cr_assert_eq(cs_decode_certificate_policies(built(), &it, &count, &E), 1, "error %s at %zu",
                 cs_der_status_name(E.status), E.offset);
    cr_assert_eq(count, 1);
    cs_policy p;
    cr_assert_eq(cs_policy_iter_next(&it, &p, &E), CS_ITER_ITEM);
    cr_assert_eq(p.has_qualifiers, 1);
    cs_qualifier_iter qit;
    cs_policy_qualifier q;
    cs_qualifier_iter_init(&qit, p.qualifiers);
    cr_assert_eq(cs_qualifier_iter_next(&qit, &q, &E), CS_ITER_ITEM);
    cs_policy_qualifier extra;
    cr_assert_eq(cs_qualifier_iter_next(&qit, &extra, &E), CS_ITER_END);
    return q;
}

static void policies_fail(cs_der_status status, size_t offset, const char *where) {
    cs_policy_iter it;
    unsigned count = 99;
    cr_assert_eq(cs_decode_certificate_policies(built(), &it, &count, &E), 0);
    expect_err(status, offset, where);
    cr_assert_eq(count, 0);
    cs_policy p;
    cr_assert_eq(cs_policy_iter_next(&it, &p, &E), CS_ITER_END);
}

Test(policies, single_without_qualifiers) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_DV_POLICY);
    derb_close(&B);
    derb_close(&B);
    cs_policy_iter it;
    unsigned count = 0;
    cr_assert_eq(cs_decode_certificate_policies(built(), &it, &count, &E), 1);
    cr_assert_eq(count, 1);
    cs_policy p;
    cr_assert_eq(cs_policy_iter_next(&it, &p, &E), CS_ITER_ITEM);
    cr_assert(span_eq_oid(p.oid, OID_DV_POLICY));
    cr_assert_eq(off_of(p.oid), 6);
    cr_assert_eq(p.has_qualifiers, 0);
    cr_assert_eq(p.qualifiers.len, 0);
    cr_assert_eq(cs_policy_iter_next(&it, &p, &E), CS_ITER_END);
}

Test(policies, cps_and_user_notice) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    put_cps(CS_DER_IA5STRING, "http://cps/");
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_QT_UNOTICE);
    derb_open(&B, CS_DER_SEQUENCE);
    put_notice_ref("Org");
    derb_str(&B, CS_DER_UTF8STRING, "Notice text");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    open_policy(OID_OV_POLICY);
    derb_close(&B);
    derb_close(&B);

    cs_policy_iter it;
    unsigned count = 0;
    cr_assert_eq(cs_decode_certificate_policies(built(), &it, &count, &E), 1);
    cr_assert_eq(count, 2);
    cs_policy p;
    cr_assert_eq(cs_policy_iter_next(&it, &p, &E), CS_ITER_ITEM);
    cr_assert(cs_der_equal(p.oid, cs_misc_oid(CS_OID_ANY_POLICY)));
    cr_assert_eq(p.has_qualifiers, 1);

    cs_qualifier_iter qit;
    cs_policy_qualifier q;
    cs_qualifier_iter_init(&qit, p.qualifiers);
    cr_assert_eq(cs_qualifier_iter_next(&qit, &q, &E), CS_ITER_ITEM);
    cr_assert_eq(q.id, CS_OID_QT_CPS);
    cr_assert(cs_der_equal(q.oid, cs_misc_oid(CS_OID_QT_CPS)));
    cr_assert(span_eq_str(q.cps_uri, "http://cps/"));
    cr_assert_eq(q.cps_tag, CS_DER_IA5STRING);
    cr_assert(span_eq(q.qualifier, "\x16\x0Bhttp://cps/", 13));
    cr_assert_eq(q.has_notice_ref, 0);
    cr_assert_eq(q.has_explicit_text, 0);

    cr_assert_eq(cs_qualifier_iter_next(&qit, &q, &E), CS_ITER_ITEM);
    cr_assert_eq(q.id, CS_OID_QT_UNOTICE);
    cr_assert_eq(q.has_notice_ref, 1);
    cr_assert_eq(q.has_explicit_text, 1);
    cr_assert_eq(q.explicit_text_tag, CS_DER_UTF8STRING);
    cr_assert(span_eq_str(q.explicit_text, "Notice text"));
    cr_assert_eq(q.qualifier.ptr[0], 0x30);
    cr_assert_eq(q.cps_uri.len, 0);
    cr_assert_eq(cs_qualifier_iter_next(&qit, &q, &E), CS_ITER_END);

    cr_assert_eq(cs_policy_iter_next(&it, &p, &E), CS_ITER_ITEM);
    cr_assert(span_eq_oid(p.oid, OID_OV_POLICY));
    cr_assert_eq(p.has_qualifiers, 0);
    cr_assert_eq(cs_policy_iter_next(&it, &p, &E), CS_ITER_END);
}

Test(policies, user_notice_bmp_text_only) {
    open_user_notice();
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_BMPSTRING, "\x00H\x00i", 4);
    derb_close(&B);
    close_user_notice();
    cs_policy_qualifier q = first_qualifier();
    cr_assert_eq(q.id, CS_OID_QT_UNOTICE);
    cr_assert_eq(q.has_notice_ref, 0);
    cr_assert_eq(q.has_explicit_text, 1);
    cr_assert_eq(q.explicit_text_tag, CS_DER_BMPSTRING);
    cr_assert(span_eq(q.explicit_text, "\x00H\x00i", 4));
}

Test(policies, user_notice_visible_and_ia5_text) {
    uint32_t tags[2] = {CS_DER_VISIBLESTRING, CS_DER_IA5STRING};
    for (int i = 0; i < 2; i++) {
        derb_free(&B);
        derb_init(&B);
        open_user_notice();
        derb_open(&B, CS_DER_SEQUENCE);
        derb_str(&B, tags[i], "Hi");
        derb_close(&B);
        close_user_notice();
        cs_policy_qualifier q = first_qualifier();
        cr_assert_eq(q.explicit_text_tag, tags[i]);
        cr_assert(span_eq_str(q.explicit_text, "Hi"));
    }
}

Test(policies, user_notice_ref_only) {
    open_user_notice();
    derb_open(&B, CS_DER_SEQUENCE);
    put_notice_ref("Org");
    derb_close(&B);
    close_user_notice();
    cs_policy_qualifier q = first_qualifier();
    cr_assert_eq(q.has_notice_ref, 1);
    cr_assert_eq(q.has_explicit_text, 0);
    cr_assert_eq(q.explicit_text.len, 0);
}

Test(policies, user_notice_empty) {
    open_user_notice();
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    close_user_notice();
    cs_policy_qualifier q = first_qualifier();
    cr_assert_eq(q.id, CS_OID_QT_UNOTICE);
    cr_assert_eq(q.has_notice_ref, 0);
    cr_assert_eq(q.has_explicit_text, 0);
}

Test(policies, cps_as_utf8_is_kept_for_rules) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    put_cps(CS_DER_UTF8STRING, "http://cps/");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    cs_policy_qualifier q = first_qualifier();
    cr_assert_eq(q.id, CS_OID_QT_CPS);
    cr_assert_eq(q.cps_tag, CS_DER_UTF8STRING);
    cr_assert(span_eq_str(q.cps_uri, "http://cps/"));
}

Test(policies, unknown_qualifier) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, "1.2.3.4");
    derb_open(&B, CS_DER_SEQUENCE);
    derb_int(&B, 5);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    cs_policy_qualifier q = first_qualifier();
    cr_assert_eq(q.id, CS_OID_UNKNOWN);
    cr_assert(span_eq_oid(q.oid, "1.2.3.4"));
    cr_assert(span_eq(q.qualifier, "\x30\x03\x02\x01\x05", 5));
    cr_assert_eq(q.cps_uri.len, 0);
    cr_assert_eq(q.has_explicit_text, 0);
}

Test(policies, known_oid_that_is_no_qualifier_id) {
    /* anyPolicy is a known misc OID but not a qualifier id: it must read as unknown. */
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_ANY_POLICY);
    derb_str(&B, CS_DER_IA5STRING, "x");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    cs_policy_qualifier q = first_qualifier();
    cr_assert_eq(q.id, CS_OID_UNKNOWN);
    cr_assert_eq(q.cps_uri.len, 0);
}

Test(policies, empty_list) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    cs_policy_iter it;
    unsigned count = 99;
    cr_assert_eq(cs_decode_certificate_policies(built(), &it, &count, &E), 1);
    cr_assert_eq(count, 0);
    cs_policy p;
    cr_assert_eq(cs_policy_iter_next(&it, &p, &E), CS_ITER_END);
}

Test(policies, empty_qualifier_list) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    cs_policy_iter it;
    cr_assert_eq(cs_decode_certificate_policies(built(), &it, NULL, &E), 1);
    cs_policy p;
    cr_assert_eq(cs_policy_iter_next(&it, &p, &E), CS_ITER_ITEM);
    cr_assert_eq(p.has_qualifiers, 1);
    cr_assert_eq(p.qualifiers.len, 0);
}

Test(policies, explicit_text_wrong_string_type) {
    open_user_notice();
    derb_open(&B, CS_DER_SEQUENCE);
    size_t at = B.len;
    derb_str(&B, CS_DER_PRINTABLESTRING, "Hi");
    derb_close(&B);
    close_user_notice();
    policies_fail(CS_DER_UNEXPECTED_TAG, at, "certificatePolicies.explicitText");
}

Test(policies, notice_ref_organization_wrong_type) {
    open_user_notice();
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    size_t at = B.len;
    derb_str(&B, CS_DER_PRINTABLESTRING, "Org");
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    close_user_notice();
    policies_fail(CS_DER_UNEXPECTED_TAG, at, "certificatePolicies.noticeRef");
}

Test(policies, notice_numbers_not_integers) {
    open_user_notice();
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_str(&B, CS_DER_UTF8STRING, "Org");
    derb_open(&B, CS_DER_SEQUENCE);
    derb_int(&B, 1);
    size_t at = B.len;
    derb_str(&B, CS_DER_UTF8STRING, "2");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    close_user_notice();
    policies_fail(CS_DER_UNEXPECTED_TAG, at, "certificatePolicies.noticeRef");
}

Test(policies, notice_number_empty_integer) {
    open_user_notice();
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_str(&B, CS_DER_UTF8STRING, "Org");
    derb_open(&B, CS_DER_SEQUENCE);
    size_t at = B.len;
    derb_int_bytes(&B, NULL, 0);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    close_user_notice();
    policies_fail(CS_DER_BAD_INTEGER, at, "certificatePolicies.noticeRef");
}

Test(policies, notice_ref_missing_numbers) {
    open_user_notice();
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_str(&B, CS_DER_UTF8STRING, "Org");
    size_t at = B.len;
    derb_close(&B);
    derb_close(&B);
    close_user_notice();
    policies_fail(CS_DER_TRUNCATED, at, "certificatePolicies.noticeRef");
}

Test(policies, user_notice_not_a_sequence) {
    open_user_notice();
    size_t at = B.len;
    derb_str(&B, CS_DER_UTF8STRING, "Hi");
    close_user_notice();
    policies_fail(CS_DER_UNEXPECTED_TAG, at, "certificatePolicies.userNotice");
}

Test(policies, user_notice_two_texts) {
    open_user_notice();
    derb_open(&B, CS_DER_SEQUENCE);
    derb_str(&B, CS_DER_UTF8STRING, "Hi");
    size_t at = B.len;
    derb_str(&B, CS_DER_UTF8STRING, "Ho");
    derb_close(&B);
    close_user_notice();
    policies_fail(CS_DER_TRAILING_DATA, at, "certificatePolicies.userNotice");
}

Test(policies, user_notice_ref_after_text) {
    open_user_notice();
    derb_open(&B, CS_DER_SEQUENCE);
    derb_str(&B, CS_DER_UTF8STRING, "Hi");
    size_t at = B.len;
    put_notice_ref("Org");
    derb_close(&B);
    close_user_notice();
    policies_fail(CS_DER_TRAILING_DATA, at, "certificatePolicies.userNotice");
}

Test(policies, cps_constructed) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_QT_CPS);
    size_t at = B.len;
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    policies_fail(CS_DER_UNEXPECTED_TAG, at, "certificatePolicies.cPSuri");
}

Test(policies, qualifier_missing) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_QT_CPS);
    size_t at = B.len;
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    policies_fail(CS_DER_TRUNCATED, at, "certificatePolicies.policyQualifierInfo");
}

Test(policies, qualifier_trailing) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_QT_CPS);
    derb_str(&B, CS_DER_IA5STRING, "http://a/");
    size_t at = B.len;
    derb_str(&B, CS_DER_IA5STRING, "http://b/");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    policies_fail(CS_DER_TRAILING_DATA, at, "certificatePolicies.policyQualifierInfo");
}

Test(policies, unknown_qualifier_malformed) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, "1.2.3.4");
    derb_open(&B, CS_DER_SEQUENCE);
    size_t at = B.len;
    derb_raw(&B, "\x02\x05", 2);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    policies_fail(CS_DER_TRUNCATED, at, "certificatePolicies.policyQualifierInfo");
}

Test(policies, bad_policy_oid) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_OID, "\x67\x81", 2);
    derb_close(&B);
    derb_close(&B);
    policies_fail(CS_DER_BAD_OID, 4, "certificatePolicies.policyInformation");
}

Test(policies, policy_not_a_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_ANY_POLICY);
    derb_close(&B);
    policies_fail(CS_DER_UNEXPECTED_TAG, 2, "certificatePolicies.policyInformation");
}

Test(policies, qualifiers_wrong_tag) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    size_t at = B.len;
    derb_open(&B, CS_DER_SET);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    policies_fail(CS_DER_TRAILING_DATA, at, "certificatePolicies.policyInformation");
}

Test(policies, policy_trailing_field) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    size_t at = B.len;
    derb_null(&B);
    derb_close(&B);
    derb_close(&B);
    policies_fail(CS_DER_TRAILING_DATA, at, "certificatePolicies.policyInformation");
}

Test(policies, trailing_after_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_close(&B);
    derb_close(&B);
    size_t at = B.len;
    derb_null(&B);
    policies_fail(CS_DER_TRAILING_DATA, at, "certificatePolicies");
}

/* ------------------------------------------------------------------------------------------ */
/* authorityKeyIdentifier / subjectKeyIdentifier                                               */

static const uint8_t key_id[20] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                   11, 12, 13, 14, 15, 16, 17, 18, 19, 20};

static void aki_fail(cs_der_status status, size_t offset, const char *where) {
    cs_aki aki;
    cr_assert_eq(cs_decode_aki(built(), &aki, &E), 0);
    expect_err(status, offset, where);
}

Test(aki, key_id_only) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(0), key_id, sizeof key_id);
    derb_close(&B);
    cs_aki aki;
    cr_assert_eq(cs_decode_aki(built(), &aki, &E), 1);
    cr_assert_eq(aki.has_key_id, 1);
    cr_assert(span_eq(aki.key_id, key_id, sizeof key_id));
    cr_assert_eq(off_of(aki.key_id), 4);
    cr_assert_eq(aki.has_issuer, 0);
    cr_assert_eq(aki.has_serial, 0);
}

Test(aki, all_fields) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(0), key_id, sizeof key_id);
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    put_name("Root");
    derb_close(&B);
    derb_close(&B);
    derb_prim(&B, CS_DER_CONTEXT(2), "\x01\x02", 2);
    derb_close(&B);
    cs_aki aki;
    cr_assert_eq(cs_decode_aki(built(), &aki, &E), 1);
    cr_assert_eq(aki.has_key_id, 1);
    cr_assert_eq(aki.has_issuer, 1);
    cr_assert_eq(aki.has_serial, 1);
    cr_assert(span_eq(aki.serial, "\x01\x02", 2));
    cs_gn_iter it;
    cs_general_name gn;
    cs_gn_iter_init(&it, aki.issuer);
    gn_next(&it, &gn, CS_GN_DIRECTORY);
    cr_assert_eq(cs_gn_iter_next(&it, &gn, &E), CS_ITER_END);
}

Test(aki, empty_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    cs_aki aki;
    cr_assert_eq(cs_decode_aki(built(), &aki, &E), 1);
    cr_assert_eq(aki.has_key_id, 0);
    cr_assert_eq(aki.has_issuer, 0);
    cr_assert_eq(aki.has_serial, 0);
}

Test(aki, key_id_constructed) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_close(&B);
    derb_close(&B);
    aki_fail(CS_DER_TRAILING_DATA, 2, "authorityKeyIdentifier");
}

Test(aki, issuer_primitive) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(1), "\x82\x01x", 3);
    derb_close(&B);
    aki_fail(CS_DER_TRAILING_DATA, 2, "authorityKeyIdentifier");
}

Test(aki, issuer_bad_general_name) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_str(&B, CS_DER_CONTEXT(9), "x");
    derb_close(&B);
    derb_close(&B);
    aki_fail(CS_DER_UNEXPECTED_TAG, 4, "generalName");
}

Test(aki, serial_empty) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(0), key_id, sizeof key_id);
    size_t at = B.len;
    derb_prim(&B, CS_DER_CONTEXT(2), NULL, 0);
    derb_close(&B);
    aki_fail(CS_DER_BAD_INTEGER, at, "authorityKeyIdentifier.authorityCertSerialNumber");
}

Test(aki, fields_out_of_order) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(2), "\x01", 1);
    size_t at = B.len;
    derb_prim(&B, CS_DER_CONTEXT(0), key_id, sizeof key_id);
    derb_close(&B);
    aki_fail(CS_DER_TRAILING_DATA, at, "authorityKeyIdentifier");
}

Test(aki, trailing_after_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    derb_null(&B);
    aki_fail(CS_DER_TRAILING_DATA, 2, "authorityKeyIdentifier");
}

Test(aki, wrong_outer_tag) {
    derb_prim(&B, CS_DER_OCTET_STRING, key_id, sizeof key_id);
    aki_fail(CS_DER_UNEXPECTED_TAG, 0, "authorityKeyIdentifier");
}

Test(aki, nonminimal_length) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_raw(&B, "\x80\x81\x01\xAA", 4);
    derb_close(&B);
    aki_fail(CS_DER_NONMINIMAL_LENGTH, 2, "authorityKeyIdentifier.keyIdentifier");
}

Test(ski, valid) {
    derb_prim(&B, CS_DER_OCTET_STRING, key_id, sizeof key_id);
    cs_der id;
    cr_assert_eq(cs_decode_ski(built(), &id, &E), 1);
    cr_assert(span_eq(id, key_id, sizeof key_id));
    cr_assert_eq(off_of(id), 2);
}

Test(ski, empty_octet_string) {
    derb_prim(&B, CS_DER_OCTET_STRING, NULL, 0);
    cs_der id;
    cr_assert_eq(cs_decode_ski(built(), &id, &E), 1);
    cr_assert_eq(id.len, 0);
}

Test(ski, wrong_tag) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_OCTET_STRING, key_id, sizeof key_id);
    derb_close(&B);
    cs_der id;
    cr_assert_eq(cs_decode_ski(built(), &id, &E), 0);
    expect_err(CS_DER_UNEXPECTED_TAG, 0, "subjectKeyIdentifier");
    cr_assert_eq(id.len, 0);
}

Test(ski, trailing) {
    derb_prim(&B, CS_DER_OCTET_STRING, key_id, sizeof key_id);
    derb_raw(&B, "\x00", 1);
    cs_der id;
    cr_assert_eq(cs_decode_ski(built(), &id, &E), 0);
    expect_err(CS_DER_TRAILING_DATA, 22, "subjectKeyIdentifier");
    cr_assert_eq(id.len, 0);
}

Test(ski, truncated) {
    derb_raw(&B, "\x04\x14\x01\x02", 4);
    cs_der id;
    cr_assert_eq(cs_decode_ski(built(), &id, &E), 0);
    expect_err(CS_DER_TRUNCATED, 0, "subjectKeyIdentifier");
}

/* ------------------------------------------------------------------------------------------ */
/* cRLDistributionPoints                                                                       */

static cs_dist_point single_dp(void) {
    cs_dist_point_iter it;
    unsigned count = 0;
    cr_assert_eq(cs_decode_crl_distribution_points(built(), &it, &count, &E), 1, "error %s at %zu",
                 cs_der_status_name(E.status), E.offset);
    cr_assert_eq(count, 1);
    cs_dist_point dp, extra;
    cr_assert_eq(cs_dist_point_iter_next(&it, &dp, &E), CS_ITER_ITEM);
    cr_assert_eq(cs_dist_point_iter_next(&it, &extra, &E), CS_ITER_END);
    return dp;
}

static void dp_fail(cs_der_status status, size_t offset, const char *where) {
    cs_dist_point_iter it;
    unsigned count = 99;
    cr_assert_eq(cs_decode_crl_distribution_points(built(), &it, &count, &E), 0);
    expect_err(status, offset, where);
    cr_assert_eq(count, 0);
}

/* SEQ { SEQ { [0] { [0] { uri } } ... */
static void open_dp_full_name(const char *uri) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    put_uri(uri);
    derb_close(&B);
    derb_close(&B);
}

Test(crldp, full_name_uri) {
    open_dp_full_name("http://crl/x.crl");
    derb_close(&B);
    derb_close(&B);
    cs_dist_point dp = single_dp();
    cr_assert_eq(dp.has_name, 1);
    cr_assert_eq(dp.name_is_full, 1);
    cr_assert_eq(dp.has_reasons, 0);
    cr_assert_eq(dp.has_crl_issuer, 0);
    cr_assert_eq(off_of(dp.name), 8);
    cs_gn_iter it;
    cs_general_name gn;
    cs_gn_iter_init(&it, dp.name);
    gn_next(&it, &gn, CS_GN_URI);
    cr_assert(span_eq_str(gn.value, "http://crl/x.crl"));
    cr_assert_eq(cs_gn_iter_next(&it, &gn, &E), CS_ITER_END);
}

Test(crldp, relative_name) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_CN);
    derb_str(&B, CS_DER_UTF8STRING, "crl");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    cs_dist_point dp = single_dp();
    cr_assert_eq(dp.has_name, 1);
    cr_assert_eq(dp.name_is_full, 0);
    cr_assert(span_eq(dp.name,
                      "\x30\x0A\x06\x03\x55\x04\x03\x0C\x03"
                      "crl",
                      12));
}

Test(crldp, reasons_and_crl_issuer) {
    open_dp_full_name("http://crl/");
    derb_prim(&B, CS_DER_CONTEXT(1), "\x05\x60", 2);
    derb_open(&B, CS_DER_CONTEXT_CONS(2));
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    put_name("Issuer");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    cs_dist_point dp = single_dp();
    cr_assert_eq(dp.has_name, 1);
    cr_assert_eq(dp.has_reasons, 1);
    cr_assert(span_eq(dp.reasons, "\x05\x60", 2));
    cr_assert_eq(dp.has_crl_issuer, 1);
    cs_gn_iter it;
    cs_general_name gn;
    cs_gn_iter_init(&it, dp.crl_issuer);
    gn_next(&it, &gn, CS_GN_DIRECTORY);
    cr_assert_eq(cs_gn_iter_next(&it, &gn, &E), CS_ITER_END);
}

Test(crldp, several_points) {
    derb_open(&B, CS_DER_SEQUENCE);
    for (int i = 0; i < 3; i++) {
        derb_open(&B, CS_DER_SEQUENCE);
        derb_open(&B, CS_DER_CONTEXT_CONS(0));
        derb_open(&B, CS_DER_CONTEXT_CONS(0));
        put_uri(i == 1 ? "http://b/" : "http://a/");
        derb_close(&B);
        derb_close(&B);
        derb_close(&B);
    }
    derb_close(&B);
    cs_dist_point_iter it;
    unsigned count = 0;
    cr_assert_eq(cs_decode_crl_distribution_points(built(), &it, &count, &E), 1);
    cr_assert_eq(count, 3);
    cs_dist_point dp;
    cr_assert_eq(cs_dist_point_iter_next(&it, &dp, &E), CS_ITER_ITEM);
    cr_assert_eq(cs_dist_point_iter_next(&it, &dp, &E), CS_ITER_ITEM);
    cr_assert(span_eq(dp.name, "\x86\x09http://b/", 11));
    cr_assert_eq(cs_dist_point_iter_next(&it, &dp, &E), CS_ITER_ITEM);
    cr_assert_eq(cs_dist_point_iter_next(&it, &dp, &E), CS_ITER_END);
}

Test(crldp, empty_list) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    unsigned count = 99;
    cr_assert_eq(cs_decode_crl_distribution_points(built(), NULL, &count, &E), 1);
    cr_assert_eq(count, 0);
}

Test(crldp, empty_point) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    derb_close(&B);
    cs_dist_point dp = single_dp();
    cr_assert_eq(dp.has_name, 0);
    cr_assert_eq(dp.has_reasons, 0);
    cr_assert_eq(dp.has_crl_issuer, 0);
}

Test(crldp, name_bad_choice) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_CONTEXT_CONS(2));
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_UNEXPECTED_TAG, 6, "distributionPoint.distributionPoint");
}

Test(crldp, full_name_primitive) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_str(&B, CS_DER_CONTEXT(0), "x");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_UNEXPECTED_TAG, 6, "distributionPoint.distributionPoint");
}

Test(crldp, name_empty) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_TRUNCATED, 6, "distributionPoint.distributionPoint");
}

Test(crldp, name_two_choices) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    put_uri("http://a/");
    derb_close(&B);
    size_t at = B.len;
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    put_uri("http://b/");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_TRAILING_DATA, at, "distributionPoint.distributionPoint");
}

Test(crldp, name_primitive) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(0), "\x86\x01x", 3);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_TRAILING_DATA, 4, "distributionPoint");
}

Test(crldp, full_name_bad_general_name) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_str(&B, CS_DER_IA5STRING, "http://a/");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_UNEXPECTED_TAG, 8, "generalName");
}

Test(crldp, relative_name_malformed) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_CN);
    size_t at = B.len;
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_TRUNCATED, at, "distributionPoint.nameRelativeToCRLIssuer");
}

Test(crldp, reasons_bad_unused_bits) {
    open_dp_full_name("http://crl/");
    size_t at = B.len;
    derb_prim(&B, CS_DER_CONTEXT(1), "\x08\x00", 2);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_BAD_BITSTRING, at, "distributionPoint.reasons");
}

Test(crldp, reasons_empty) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(1), NULL, 0);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_BAD_BITSTRING, 4, "distributionPoint.reasons");
}

Test(crldp, reasons_constructed) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_TRAILING_DATA, 4, "distributionPoint");
}

Test(crldp, crl_issuer_bad_general_name) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(2));
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_TRUNCATED, 8, "generalName.directoryName");
}

Test(crldp, fields_out_of_order) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(1), "\x07\x80", 2);
    size_t at = B.len;
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    put_uri("http://a/");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_TRAILING_DATA, at, "distributionPoint");
}

Test(crldp, point_not_a_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SET);
    derb_close(&B);
    derb_close(&B);
    dp_fail(CS_DER_UNEXPECTED_TAG, 2, "distributionPoint");
}

Test(crldp, trailing_after_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    derb_null(&B);
    dp_fail(CS_DER_TRAILING_DATA, 2, "cRLDistributionPoints");
}

/* ------------------------------------------------------------------------------------------ */
/* authorityInfoAccess / subjectInfoAccess                                                     */

static void put_access(const char *method, const char *uri) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, method);
    put_uri(uri);
    derb_close(&B);
}

static void access_fail(cs_der_status status, size_t offset, const char *where) {
    cs_access_iter it;
    unsigned count = 99;
    cr_assert_eq(cs_decode_info_access(built(), &it, &count, &E), 0);
    expect_err(status, offset, where);
    cr_assert_eq(count, 0);
    cs_access_desc ad;
    cr_assert_eq(cs_access_iter_next(&it, &ad, &E), CS_ITER_END);
}

Test(info_access, ocsp_and_ca_issuers) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_access(OID_AD_OCSP, "http://ocsp/");
    put_access(OID_AD_CA_ISSUER, "http://ca/ca.crt");
    derb_close(&B);
    cs_access_iter it;
    unsigned count = 0;
    cr_assert_eq(cs_decode_info_access(built(), &it, &count, &E), 1);
    cr_assert_eq(count, 2);
    cs_access_desc ad;
    cr_assert_eq(cs_access_iter_next(&it, &ad, &E), CS_ITER_ITEM);
    cr_assert_eq(ad.method_id, CS_OID_AD_OCSP);
    cr_assert(cs_der_equal(ad.method, cs_misc_oid(CS_OID_AD_OCSP)));
    cr_assert_eq(ad.location.type, CS_GN_URI);
    cr_assert(span_eq_str(ad.location.value, "http://ocsp/"));
    cr_assert_eq(cs_access_iter_next(&it, &ad, &E), CS_ITER_ITEM);
    cr_assert_eq(ad.method_id, CS_OID_AD_CA_ISSUERS);
    cr_assert(span_eq_str(ad.location.value, "http://ca/ca.crt"));
    cr_assert_eq(cs_access_iter_next(&it, &ad, &E), CS_ITER_END);
}

Test(info_access, method_ids) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_access(OID_AD_CA_REPO, "http://repo/");
    put_access("1.2.3.4", "http://other/");
    put_access(OID_ANY_POLICY, "http://policy/");
    derb_close(&B);
    cs_access_iter it;
    cr_assert_eq(cs_decode_info_access(built(), &it, NULL, &E), 1);
    cs_access_desc ad;
    cr_assert_eq(cs_access_iter_next(&it, &ad, &E), CS_ITER_ITEM);
    cr_assert_eq(ad.method_id, CS_OID_AD_CA_REPOSITORY);
    cr_assert_eq(cs_access_iter_next(&it, &ad, &E), CS_ITER_ITEM);
    cr_assert_eq(ad.method_id, CS_OID_UNKNOWN);
    cr_assert(span_eq_oid(ad.method, "1.2.3.4"));
    cr_assert_eq(cs_access_iter_next(&it, &ad, &E), CS_ITER_ITEM);
    cr_assert_eq(ad.method_id, CS_OID_UNKNOWN, "a policy OID is no access method");
}

Test(info_access, directory_location) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_AD_CA_REPO);
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    put_name("Repo");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    cs_access_iter it;
    cr_assert_eq(cs_decode_info_access(built(), &it, NULL, &E), 1);
    cs_access_desc ad;
    cr_assert_eq(cs_access_iter_next(&it, &ad, &E), CS_ITER_ITEM);
    cr_assert_eq(ad.location.type, CS_GN_DIRECTORY);
    cr_assert_eq(ad.location.value.ptr[0], 0x30);
}

Test(info_access, empty_list) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    cs_access_iter it;
    unsigned count = 99;
    cr_assert_eq(cs_decode_info_access(built(), &it, &count, &E), 1);
    cr_assert_eq(count, 0);
}

Test(info_access, missing_location) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_AD_OCSP);
    size_t at = B.len;
    derb_close(&B);
    derb_close(&B);
    access_fail(CS_DER_TRUNCATED, at, "generalName");
}

Test(info_access, two_locations) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_AD_OCSP);
    put_uri("http://a/");
    size_t at = B.len;
    put_uri("http://b/");
    derb_close(&B);
    derb_close(&B);
    access_fail(CS_DER_TRAILING_DATA, at, "accessDescription");
}

Test(info_access, bad_method_oid) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_OID, "\x2B\x06\x81", 3);
    put_uri("http://a/");
    derb_close(&B);
    derb_close(&B);
    access_fail(CS_DER_BAD_OID, 4, "accessDescription.accessMethod");
}

Test(info_access, method_not_an_oid) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    put_uri("http://a/");
    derb_close(&B);
    derb_close(&B);
    access_fail(CS_DER_UNEXPECTED_TAG, 4, "accessDescription.accessMethod");
}

Test(info_access, location_bad_tag) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_AD_OCSP);
    size_t at = B.len;
    derb_str(&B, CS_DER_IA5STRING, "http://a/");
    derb_close(&B);
    derb_close(&B);
    access_fail(CS_DER_UNEXPECTED_TAG, at, "generalName");
}

Test(info_access, description_not_a_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_AD_OCSP);
    derb_close(&B);
    access_fail(CS_DER_UNEXPECTED_TAG, 2, "accessDescription");
}

Test(info_access, trailing_after_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_access(OID_AD_OCSP, "http://ocsp/");
    derb_close(&B);
    size_t at = B.len;
    derb_null(&B);
    access_fail(CS_DER_TRAILING_DATA, at, "infoAccess");
}

/* ------------------------------------------------------------------------------------------ */
/* nameConstraints                                                                             */

static const uint8_t ip_range[8] = {10, 0, 0, 0, 255, 0, 0, 0};

static void nc_fail(cs_der_status status, size_t offset, const char *where) {
    cs_name_constraints nc;
    cr_assert_eq(cs_decode_name_constraints(built(), &nc, &E), 0);
    expect_err(status, offset, where);
}

/* SEQ { [0] { SEQ { dNSName ... */
static void open_permitted_subtree(void) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_SEQUENCE);
    put_dns("example.com");
}

static void close_permitted_subtree(void) {
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
}

Test(name_constraints, permitted_and_excluded) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_SEQUENCE);
    put_dns(".example.com");
    derb_close(&B);
    derb_close(&B);
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(7), ip_range, sizeof ip_range);
    derb_prim(&B, CS_DER_CONTEXT(0), "\x00", 1);
    derb_prim(&B, CS_DER_CONTEXT(1), "\x05", 1);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    cs_name_constraints nc;
    cr_assert_eq(cs_decode_name_constraints(built(), &nc, &E), 1);
    cr_assert_eq(nc.has_permitted, 1);
    cr_assert_eq(nc.has_excluded, 1);

    cs_subtree_iter it;
    cs_subtree st;
    cs_subtree_iter_init(&it, nc.permitted);
    cr_assert_eq(cs_subtree_iter_next(&it, &st, &E), CS_ITER_ITEM);
    cr_assert_eq(st.base.type, CS_GN_DNS);
    cr_assert(span_eq_str(st.base.value, ".example.com"));
    cr_assert_eq(st.has_minimum, 0);
    cr_assert_eq(st.has_maximum, 0);
    cr_assert_eq(cs_subtree_iter_next(&it, &st, &E), CS_ITER_END);

    cs_subtree_iter_init(&it, nc.excluded);
    cr_assert_eq(cs_subtree_iter_next(&it, &st, &E), CS_ITER_ITEM);
    cr_assert_eq(st.base.type, CS_GN_IP);
    cr_assert(span_eq(st.base.value, ip_range, sizeof ip_range));
    cr_assert_eq(st.has_minimum, 1);
    cr_assert_eq(st.minimum, 0);
    cr_assert_eq(st.has_maximum, 1);
    cr_assert_eq(st.maximum, 5);
    cr_assert_eq(cs_subtree_iter_next(&it, &st, &E), CS_ITER_END);
}

Test(name_constraints, excluded_only) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_open(&B, CS_DER_SEQUENCE);
    put_dns("bad.example");
    derb_close(&B);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_str(&B, CS_DER_CONTEXT(1), "@bad.example");
    derb_prim(&B, CS_DER_CONTEXT(0), "\x03", 1);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    cs_name_constraints nc;
    cr_assert_eq(cs_decode_name_constraints(built(), &nc, &E), 1);
    cr_assert_eq(nc.has_permitted, 0);
    cr_assert_eq(nc.permitted.len, 0);
    cr_assert_eq(nc.has_excluded, 1);
    cs_subtree_iter it;
    cs_subtree st;
    cs_subtree_iter_init(&it, nc.excluded);
    cr_assert_eq(cs_subtree_iter_next(&it, &st, &E), CS_ITER_ITEM);
    cr_assert_eq(cs_subtree_iter_next(&it, &st, &E), CS_ITER_ITEM);
    cr_assert_eq(st.base.type, CS_GN_RFC822);
    cr_assert_eq(st.has_minimum, 1);
    cr_assert_eq(st.minimum, 3);
    cr_assert_eq(st.has_maximum, 0);
    cr_assert_eq(cs_subtree_iter_next(&it, &st, &E), CS_ITER_END);
}

Test(name_constraints, empty_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    cs_name_constraints nc;
    cr_assert_eq(cs_decode_name_constraints(built(), &nc, &E), 1);
    cr_assert_eq(nc.has_permitted, 0);
    cr_assert_eq(nc.has_excluded, 0);
}

Test(name_constraints, empty_subtrees) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_close(&B);
    derb_close(&B);
    cs_name_constraints nc;
    cr_assert_eq(cs_decode_name_constraints(built(), &nc, &E), 1);
    cr_assert_eq(nc.has_permitted, 1);
    cr_assert_eq(nc.permitted.len, 0);
}

Test(name_constraints, maximum_int64_max) {
    open_permitted_subtree();
    derb_prim(&B, CS_DER_CONTEXT(1), "\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8);
    close_permitted_subtree();
    cs_name_constraints nc;
    cr_assert_eq(cs_decode_name_constraints(built(), &nc, &E), 1);
    cs_subtree_iter it;
    cs_subtree st;
    cs_subtree_iter_init(&it, nc.permitted);
    cr_assert_eq(cs_subtree_iter_next(&it, &st, &E), CS_ITER_ITEM);
    cr_assert_eq(st.maximum, (uint64_t)INT64_MAX);
}

Test(name_constraints, fields_out_of_order) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_close(&B);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_close(&B);
    derb_close(&B);
    nc_fail(CS_DER_TRAILING_DATA, 4, "nameConstraints");
}

Test(name_constraints, permitted_primitive) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(0), "\x30\x00", 2);
    derb_close(&B);
    nc_fail(CS_DER_TRAILING_DATA, 2, "nameConstraints");
}

Test(name_constraints, minimum_negative) {
    open_permitted_subtree();
    size_t at = B.len;
    derb_prim(&B, CS_DER_CONTEXT(0), "\xFF", 1);
    close_permitted_subtree();
    nc_fail(CS_DER_BAD_VALUE, at, "generalSubtree.minimum");
}

Test(name_constraints, minimum_nonminimal) {
    open_permitted_subtree();
    size_t at = B.len;
    derb_prim(&B, CS_DER_CONTEXT(0), "\x00\x00", 2);
    close_permitted_subtree();
    nc_fail(CS_DER_BAD_INTEGER, at, "generalSubtree.minimum");
}

Test(name_constraints, minimum_empty) {
    open_permitted_subtree();
    size_t at = B.len;
    derb_prim(&B, CS_DER_CONTEXT(0), NULL, 0);
    close_permitted_subtree();
    nc_fail(CS_DER_BAD_INTEGER, at, "generalSubtree.minimum");
}

Test(name_constraints, maximum_too_large) {
    open_permitted_subtree();
    size_t at = B.len;
    derb_prim(&B, CS_DER_CONTEXT(1), "\x00\x80\x00\x00\x00\x00\x00\x00\x00", 9);
    close_permitted_subtree();
    nc_fail(CS_DER_LIMIT, at, "generalSubtree.maximum");
}

Test(name_constraints, maximum_before_minimum) {
    open_permitted_subtree();
    derb_prim(&B, CS_DER_CONTEXT(1), "\x05", 1);
    size_t at = B.len;
    derb_prim(&B, CS_DER_CONTEXT(0), "\x00", 1);
    close_permitted_subtree();
    nc_fail(CS_DER_TRAILING_DATA, at, "generalSubtree");
}

Test(name_constraints, minimum_constructed) {
    open_permitted_subtree();
    size_t at = B.len;
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_close(&B);
    close_permitted_subtree();
    nc_fail(CS_DER_TRAILING_DATA, at, "generalSubtree");
}

Test(name_constraints, missing_base) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    nc_fail(CS_DER_TRUNCATED, 6, "generalName");
}

Test(name_constraints, base_bad_tag) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(0), "\x00", 1);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    nc_fail(CS_DER_UNEXPECTED_TAG, 6, "generalName");
}

Test(name_constraints, subtree_not_a_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    put_dns("example.com");
    derb_close(&B);
    derb_close(&B);
    nc_fail(CS_DER_UNEXPECTED_TAG, 4, "generalSubtree");
}

Test(name_constraints, trailing_after_sequence) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_close(&B);
    derb_null(&B);
    nc_fail(CS_DER_TRAILING_DATA, 2, "nameConstraints");
}

Test(name_constraints, subtree_iterator_error_is_sticky) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_dns("a.example");
    derb_prim(&B, CS_DER_CONTEXT(0), "\xFF", 1);
    derb_close(&B);
    cs_der v = built();
    cs_subtree_iter it;
    cs_subtree st;
    cs_subtree_iter_init(&it, v);
    cr_assert_eq(cs_subtree_iter_next(&it, &st, &E), CS_ITER_ERROR);
    expect_err(CS_DER_BAD_VALUE, 13, "generalSubtree.minimum");
    cr_assert_eq(cs_subtree_iter_next(&it, &st, &E), CS_ITER_ERROR);
    expect_err(CS_DER_BAD_VALUE, 13, "generalSubtree.minimum");
}

/* ------------------------------------------------------------------------------------------ */
/* Robustness: truncations and mutations of valid values, each decoded from a buffer of exactly
 * its size so AddressSanitizer sees any read past the end. */

/* Each walker decodes and then iterates everything reachable, nested lists included. Returns 1
 * when it all succeeds, 0 when the decode fails, and -1 when the decode succeeded but a later
 * iteration failed (the decoders promise that cannot happen). */
typedef int (*walker)(cs_der v, cs_der_error *err);

static int walk_gns(cs_der content, cs_der_error *err) {
    cs_gn_iter it;
    cs_general_name gn;
    cs_iter_result r;
    cs_gn_iter_init(&it, content);
    while ((r = cs_gn_iter_next(&it, &gn, err)) == CS_ITER_ITEM) {
    }
    return r == CS_ITER_END ? 1 : -1;
}

static int walk_ku(cs_der v, cs_der_error *err) {
    cs_key_usage ku;
    return cs_decode_key_usage(v, &ku, err);
}

static int walk_bc(cs_der v, cs_der_error *err) {
    cs_basic_constraints bc;
    return cs_decode_basic_constraints(v, &bc, err);
}

static int walk_ski(cs_der v, cs_der_error *err) {
    cs_der id;
    return cs_decode_ski(v, &id, err);
}

static int walk_eku(cs_der v, cs_der_error *err) {
    cs_oid_iter it;
    unsigned count, seen = 0;
    cs_der oid;
    cs_iter_result r;
    if (!cs_decode_ext_key_usage(v, &it, &count, NULL, err)) {
        return 0;
    }
    while ((r = cs_oid_iter_next(&it, &oid, err)) == CS_ITER_ITEM) {
        seen++;
    }
    return r == CS_ITER_END && seen == count ? 1 : -1;
}

static int walk_san(cs_der v, cs_der_error *err) {
    cs_gn_iter it;
    unsigned total, seen = 0;
    cs_general_name gn;
    cs_iter_result r;
    if (!cs_decode_general_names(v, &it, NULL, &total, err)) {
        return 0;
    }
    while ((r = cs_gn_iter_next(&it, &gn, err)) == CS_ITER_ITEM) {
        seen++;
    }
    return r == CS_ITER_END && seen == total ? 1 : -1;
}

static int walk_policies(cs_der v, cs_der_error *err) {
    cs_policy_iter it;
    cs_policy p;
    cs_iter_result r;
    if (!cs_decode_certificate_policies(v, &it, NULL, err)) {
        return 0;
    }
    while ((r = cs_policy_iter_next(&it, &p, err)) == CS_ITER_ITEM) {
        cs_qualifier_iter qit;
        cs_policy_qualifier q;
        cs_iter_result qr;
        cs_qualifier_iter_init(&qit, p.qualifiers);
        while ((qr = cs_qualifier_iter_next(&qit, &q, err)) == CS_ITER_ITEM) {
        }
        if (qr != CS_ITER_END) {
            return -1;
        }
    }
    return r == CS_ITER_END ? 1 : -1;
}

static int walk_aki(cs_der v, cs_der_error *err) {
    cs_aki aki;
    if (!cs_decode_aki(v, &aki, err)) {
        return 0;
    }
    return walk_gns(aki.issuer, err);
}

static int walk_crldp(cs_der v, cs_der_error *err) {
    cs_dist_point_iter it;
    cs_dist_point dp;
    cs_iter_result r;
    if (!cs_decode_crl_distribution_points(v, &it, NULL, err)) {
        return 0;
    }
    while ((r = cs_dist_point_iter_next(&it, &dp, err)) == CS_ITER_ITEM) {
        if ((dp.name_is_full && walk_gns(dp.name, err) != 1) || walk_gns(dp.crl_issuer, err) != 1) {
            return -1;
        }
    }
    return r == CS_ITER_END ? 1 : -1;
}

static int walk_aia(cs_der v, cs_der_error *err) {
    cs_access_iter it;
    cs_access_desc ad;
    cs_iter_result r;
    if (!cs_decode_info_access(v, &it, NULL, err)) {
        return 0;
    }
    while ((r = cs_access_iter_next(&it, &ad, err)) == CS_ITER_ITEM) {
    }
    return r == CS_ITER_END ? 1 : -1;
}

static int walk_subtrees(cs_der content, cs_der_error *err) {
    cs_subtree_iter it;
    cs_subtree st;
    cs_iter_result r;
    cs_subtree_iter_init(&it, content);
    while ((r = cs_subtree_iter_next(&it, &st, err)) == CS_ITER_ITEM) {
    }
    return r == CS_ITER_END ? 1 : -1;
}

static int walk_nc(cs_der v, cs_der_error *err) {
    cs_name_constraints nc;
    if (!cs_decode_name_constraints(v, &nc, err)) {
        return 0;
    }
    if (walk_subtrees(nc.permitted, err) != 1) {
        return -1;
    }
    return walk_subtrees(nc.excluded, err);
}

static const walker all_walkers[] = {walk_ku,  walk_bc,       walk_ski, walk_eku,   walk_san,
                                     walk_aki, walk_policies, walk_aia, walk_crldp, walk_nc};

typedef struct sample {
    void (*build)(void);
    walker walk;
} sample;

static void build_ku(void) {
    derb_bits(&B, 1, "\x86", 1);
}

static void build_bc(void) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_bool(&B, 1);
    derb_int(&B, 2);
    derb_close(&B);
}

static void build_ski(void) {
    derb_prim(&B, CS_DER_OCTET_STRING, key_id, sizeof key_id);
}

static void build_eku(void) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_SERVER_AUTH);
    derb_oid(&B, OID_CLIENT_AUTH);
    derb_close(&B);
}

static void build_san(void) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_all_general_names();
    derb_close(&B);
}

static void build_aki(void) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(0), key_id, 4);
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_open(&B, CS_DER_CONTEXT_CONS(4));
    put_name("Root");
    derb_close(&B);
    derb_close(&B);
    derb_prim(&B, CS_DER_CONTEXT(2), "\x01\x02", 2);
    derb_close(&B);
}

static void build_policies(void) {
    derb_open(&B, CS_DER_SEQUENCE);
    open_policy(OID_ANY_POLICY);
    derb_open(&B, CS_DER_SEQUENCE);
    put_cps(CS_DER_IA5STRING, "http://cps/");
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_QT_UNOTICE);
    derb_open(&B, CS_DER_SEQUENCE);
    put_notice_ref("Org");
    derb_str(&B, CS_DER_UTF8STRING, "Text");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    open_policy(OID_DV_POLICY);
    derb_close(&B);
    derb_close(&B);
}

static void build_aia(void) {
    derb_open(&B, CS_DER_SEQUENCE);
    put_access(OID_AD_OCSP, "http://o/");
    put_access(OID_AD_CA_ISSUER, "http://c/");
    derb_close(&B);
}

static void build_crldp(void) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    put_uri("http://crl/");
    derb_close(&B);
    derb_close(&B);
    derb_prim(&B, CS_DER_CONTEXT(1), "\x05\x60", 2);
    derb_open(&B, CS_DER_CONTEXT_CONS(2));
    put_dns("issuer.example");
    derb_close(&B);
    derb_close(&B);
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_oid(&B, OID_CN);
    derb_str(&B, CS_DER_UTF8STRING, "crl");
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
}

static void build_nc(void) {
    derb_open(&B, CS_DER_SEQUENCE);
    derb_open(&B, CS_DER_CONTEXT_CONS(0));
    derb_open(&B, CS_DER_SEQUENCE);
    put_dns(".example.com");
    derb_close(&B);
    derb_close(&B);
    derb_open(&B, CS_DER_CONTEXT_CONS(1));
    derb_open(&B, CS_DER_SEQUENCE);
    derb_prim(&B, CS_DER_CONTEXT(7), ip_range, sizeof ip_range);
    derb_prim(&B, CS_DER_CONTEXT(0), "\x00", 1);
    derb_prim(&B, CS_DER_CONTEXT(1), "\x05", 1);
    derb_close(&B);
    derb_close(&B);
    derb_close(&B);
}

static const sample samples[] = {
    {build_ku, walk_ku},
    {build_bc, walk_bc},
    {build_ski, walk_ski},
    {build_eku, walk_eku},
    {build_san, walk_san},
    {build_aki, walk_aki},
    {build_policies, walk_policies},
    {build_aia, walk_aia},
    {build_crldp, walk_crldp},
    {build_nc, walk_nc},
};

#define NUM_SAMPLES (sizeof samples / sizeof samples[0])
#define NUM_WALKERS (sizeof all_walkers / sizeof all_walkers[0])

/* A heap copy of exactly the built bytes (or a prefix of them). */
static uint8_t *exact_copy(size_t len) {
    uint8_t *p = malloc(len ? len : 1);
    cr_assert_not_null(p);
    memcpy(p, B.buf, len);
    return p;
}

static void rebuild(size_t i) {
    derb_free(&B);
    derb_init(&B);
    samples[i].build();
    cr_assert_eq(B.failed, 0);
    cr_assert_eq(B.depth, 0);
}

Test(robustness, samples_decode) {
    for (size_t i = 0; i < NUM_SAMPLES; i++) {
        rebuild(i);
        uint8_t *p = exact_copy(B.len);
        cs_der_error err = {.base = p};
        cr_assert_eq(samples[i].walk(cs_der_make(p, B.len), &err), 1, "sample %zu: %s at %zu", i,
                     cs_der_status_name(err.status), err.offset);
        free(p);
    }
}

Test(robustness, every_truncation_fails) {
    for (size_t i = 0; i < NUM_SAMPLES; i++) {
        rebuild(i);
        for (size_t len = 0; len < B.len; len++) {
            uint8_t *p = exact_copy(len);
            cs_der_error err = {.base = p};
            int r = samples[i].walk(cs_der_make(p, len), &err);
            cr_assert_eq(r, 0, "sample %zu truncated to %zu decoded", i, len);
            cr_assert_leq(err.offset, len, "sample %zu: offset %zu past %zu", i, err.offset, len);
            cr_assert_neq(err.status, CS_DER_OK);
            cr_assert_not_null(err.where);
            free(p);
        }
    }
}

Test(robustness, every_extension_appended_fails) {
    for (size_t i = 0; i < NUM_SAMPLES; i++) {
        rebuild(i);
        size_t len = B.len;
        derb_null(&B);
        uint8_t *p = exact_copy(B.len);
        cs_der_error err = {.base = p};
        cr_assert_eq(samples[i].walk(cs_der_make(p, B.len), &err), 0, "sample %zu", i);
        cr_assert_eq(err.status, CS_DER_TRAILING_DATA, "sample %zu", i);
        cr_assert_eq(err.offset, len, "sample %zu", i);
        free(p);
    }
}

Test(robustness, byte_mutations_stay_in_bounds) {
    static const uint8_t flips[] = {0x01, 0x02, 0x20, 0x40, 0x7F, 0x80, 0xFF};
    static const uint8_t sets[] = {0x00, 0x80, 0x81, 0x84, 0xFF};
    unsigned decoded = 0, rejected = 0;
    for (size_t i = 0; i < NUM_SAMPLES; i++) {
        rebuild(i);
        for (size_t pos = 0; pos < B.len; pos++) {
            for (size_t k = 0; k < sizeof flips + sizeof sets; k++) {
                uint8_t *p = exact_copy(B.len);
                p[pos] = k < sizeof flips ? (uint8_t)(p[pos] ^ flips[k]) : sets[k - sizeof flips];
                for (size_t w = 0; w < NUM_WALKERS; w++) {
                    cs_der_error err = {.base = p};
                    int r = all_walkers[w](cs_der_make(p, B.len), &err);
                    cr_assert_neq(r, -1,
                                  "sample %zu pos %zu variant %zu walker %zu: decoded but "
                                  "iteration failed (%s at %zu)",
                                  i, pos, k, w, cs_der_status_name(err.status), err.offset);
                    if (r == 0) {
                        cr_assert_leq(err.offset, B.len);
                        rejected++;
                    } else {
                        decoded++;
                    }
                }
                free(p);
            }
        }
    }
    /* Both outcomes must occur, or the mutation loop is not exercising anything. */
    cr_assert_gt(decoded, 0);
    cr_assert_gt(rejected, 0);
}
