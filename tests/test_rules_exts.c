/* Rules about extension contents (exts area): each on crafted certificates that pass and that
 * fail it. Certificates start from tx_subscriber / tx_ca, which carry no finding of this area,
 * and change one extension. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/facts_exts.h"
#include "scanner/x509_ext.h"
#include "tests/support/lintone.h"
#include "tests/support/tcert_exts.h"

static void teardown(void) {
    tx_reset();
}

TestSuite(exts, .fini = teardown);

#define FIRES(t, id)  cr_assert_eq(tx_lint(&(t), id), 1, "%s should fire", id)
#define PASSES(t, id) cr_assert_eq(tx_lint(&(t), id), 0, "%s should not fire", id)

/* Removes extension `index` from the certificate under construction. */
static void drop_ext(tcert *t, int index) {
    memmove(&t->ext[index], &t->ext[index + 1],
            (size_t)(t->num_exts - index - 1) * sizeof t->ext[0]);
    t->num_exts--;
}

static int find_ext(const tcert *t, const char *oid) {
    for (int i = 0; i < t->num_exts; i++) {
        if (strcmp(t->ext[i].oid, oid) == 0) {
            return i;
        }
    }
    return -1;
}

static void drop(tcert *t, const char *oid) {
    int i = find_ext(t, oid);
    cr_assert_geq(i, 0);
    drop_ext(t, i);
}

Test(exts, clean_certificates_have_no_area_findings) {
    char ids[512];
    tcert t;
    tx_subscriber(&t);
    cr_assert_eq(tx_area_findings(&t, ids, sizeof ids), 0, "subscriber: %s", ids);
    tx_ca(&t);
    cr_assert_eq(tx_area_findings(&t, ids, sizeof ids), 0, "CA: %s", ids);
}

/* --- extension encoding --- */

Test(exts, extension_critical_false_encoded) {
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.extension_encoding.critical_false");
    t.ext[find_ext(&t, TX_SKI)].encode_false = 1;
    FIRES(t, "rfc5280.extension_encoding.critical_false");
}

Test(exts, extension_critical_not_der) {
    static const uint8_t ski[] = {0x04, 0x02, 0x01, 0x02};
    static const uint8_t pattern[] = {0x06, 0x03, 0x55, 0x1D, 0x0E, 0x01, 0x01, 0xFF};
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.extension_encoding.critical_not_der");
    /* The builder writes DER booleans only: build a critical SKI, then patch TRUE (FF) to 01. */
    drop(&t, TX_SKI);
    tcert_add_ext(&t, TX_SKI, 1, ski, sizeof ski);
    size_t len;
    uint8_t *der = tcert_build(&t, &len);
    uint8_t *hit = NULL;
    for (size_t i = 0; i + sizeof pattern <= len && hit == NULL; i++) {
        if (memcmp(der + i, pattern, sizeof pattern) == 0) {
            hit = der + i;
        }
    }
    cr_assert_not_null(hit);
    cr_assert_eq(lintone(der, len, "rfc5280.extension_encoding.critical_not_der", NULL), 0);
    hit[7] = 0x01;
    cr_assert_eq(lintone(der, len, "rfc5280.extension_encoding.critical_not_der", NULL), 1);
    free(der);
}

/* --- authorityKeyIdentifier --- */

Test(exts, aki_missing) {
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.aki.missing");
    drop(&t, TX_AKI);
    FIRES(t, "rfc5280.aki.missing");
    /* A self-signed root may omit it. */
    tx_ca(&t);
    t.subject_cn = t.issuer_cn;
    drop(&t, TX_AKI);
    PASSES(t, "rfc5280.aki.missing");
    /* A self-issued CA whose key identifiers differ is a cross/rollover CA: it must have one,
     * and here it has one that does not match, so it stays a CA and passes. */
    tx_ca(&t);
    t.subject_cn = t.issuer_cn;
    PASSES(t, "rfc5280.aki.missing");
    /* A subordinate CA without AKI fails. */
    tx_ca(&t);
    drop(&t, TX_AKI);
    FIRES(t, "rfc5280.aki.missing");
}

Test(exts, aki_no_key_identifier) {
    derb b;
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.aki.no_key_identifier");
    drop(&t, TX_AKI);
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_CONTEXT_CONS(1));
    derb_str(&b, CS_DER_CONTEXT(2), "ca.example");
    derb_close(&b);
    derb_int_bytes(&b, "\x05", 1);
    /* [2] IMPLICIT INTEGER: rewrite the tag. */
    b.buf[b.len - 3] = 0x82;
    derb_close(&b);
    tx_add(&t, TX_AKI, 0, &b);
    FIRES(t, "rfc5280.aki.no_key_identifier");
    PASSES(t, "rfc5280.aki.issuer_serial_unpaired");
}

Test(exts, aki_critical) {
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.aki.critical");
    t.ext[find_ext(&t, TX_AKI)].critical = 1;
    FIRES(t, "rfc5280.aki.critical");
}

Test(exts, aki_issuer_serial_unpaired) {
    static const uint8_t key_id[] = {0xA1, 0xA2};
    derb b;
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.aki.issuer_serial_unpaired");
    drop(&t, TX_AKI);
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_prim(&b, CS_DER_CONTEXT(0), key_id, sizeof key_id);
    derb_prim(&b, CS_DER_CONTEXT(2), "\x05", 1); /* serial without issuer */
    derb_close(&b);
    tx_add(&t, TX_AKI, 0, &b);
    FIRES(t, "rfc5280.aki.issuer_serial_unpaired");
    PASSES(t, "rfc5280.aki.no_key_identifier");
}

Test(exts, aki_cert_issuer_empty) {
    static const uint8_t key_id[] = {0xA1, 0xA2};
    derb b;
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.aki.cert_issuer_empty");
    drop(&t, TX_AKI);
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_prim(&b, CS_DER_CONTEXT(0), key_id, sizeof key_id);
    derb_open(&b, CS_DER_CONTEXT_CONS(1));
    derb_close(&b);
    derb_prim(&b, CS_DER_CONTEXT(2), "\x05", 1);
    derb_close(&b);
    tx_add(&t, TX_AKI, 0, &b);
    FIRES(t, "rfc5280.aki.cert_issuer_empty");
}

/* --- subjectKeyIdentifier --- */

Test(exts, ski_missing_ca) {
    tcert t;
    tx_ca(&t);
    PASSES(t, "rfc5280.ski.missing_ca");
    drop(&t, TX_SKI);
    FIRES(t, "rfc5280.ski.missing_ca");
    PASSES(t, "rfc5280.ski.missing_subscriber");
    /* Roots too. */
    tx_ca(&t);
    t.subject_cn = t.issuer_cn;
    drop(&t, TX_SKI);
    drop(&t, TX_AKI);
    FIRES(t, "rfc5280.ski.missing_ca");
}

Test(exts, ski_missing_subscriber) {
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.ski.missing_subscriber");
    drop(&t, TX_SKI);
    FIRES(t, "rfc5280.ski.missing_subscriber");
    PASSES(t, "rfc5280.ski.missing_ca");
}

Test(exts, ski_critical) {
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.ski.critical");
    t.ext[find_ext(&t, TX_SKI)].critical = 1;
    FIRES(t, "rfc5280.ski.critical");
}

/* --- keyUsage --- */

Test(exts, key_usage_no_bits) {
    static const uint8_t empty[] = {0x03, 0x01, 0x00};
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.key_usage.no_bits");
    drop(&t, TX_KU);
    tx_add_raw(&t, TX_KU, 1, empty, sizeof empty);
    FIRES(t, "rfc5280.key_usage.no_bits");
}

Test(exts, key_usage_not_critical) {
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.key_usage.not_critical");
    t.ext[find_ext(&t, TX_KU)].critical = 0;
    FIRES(t, "rfc5280.key_usage.not_critical");
}

Test(exts, key_usage_cert_sign_without_ca) {
    tcert t;
    tx_ca(&t);
    PASSES(t, "rfc5280.key_usage.cert_sign_without_ca");
    tx_subscriber(&t);
    drop(&t, TX_KU);
    tx_ku(&t, 1, CS_KU_DIGITAL_SIGNATURE | CS_KU_KEY_CERT_SIGN);
    FIRES(t, "rfc5280.key_usage.cert_sign_without_ca");
    /* basicConstraints present without cA: still not a CA. */
    tx_bc(&t, 1, 0, -1);
    FIRES(t, "rfc5280.key_usage.cert_sign_without_ca");
}

Test(exts, key_usage_superfluous_octet) {
    static const uint8_t trailing[] = {0x03, 0x03, 0x07, 0x80, 0x00};
    tcert t;
    tx_subscriber(&t);
    PASSES(t, "rfc5280.key_usage.superfluous_octet");
    drop(&t, TX_KU);
    tx_add_raw(&t, TX_KU, 1, trailing, sizeof trailing);
    FIRES(t, "rfc5280.key_usage.superfluous_octet");
}

Test(exts, key_usage_wrong_unused_bits) {
    static const uint8_t zero_unused[] = {0x03, 0x02, 0x00, 0x80};
    static const uint8_t padding_set[] = {0x03, 0x02, 0x05, 0xA1};
    static const uint8_t right[] = {0x03, 0x02, 0x05, 0xA0};
    tcert t;
    tx_subscriber(&t);
    drop(&t, TX_KU);
    tx_add_raw(&t, TX_KU, 1, right, sizeof right);
    PASSES(t, "rfc5280.key_usage.wrong_unused_bits");
    t.ext[t.num_exts - 1].value = zero_unused;
    FIRES(t, "rfc5280.key_usage.wrong_unused_bits");
    t.ext[t.num_exts - 1].value = padding_set;
    FIRES(t, "rfc5280.key_usage.wrong_unused_bits");
}

Test(exts, key_usage_bad_length) {
    static const uint8_t three[] = {0x03, 0x04, 0x07, 0x80, 0x00, 0x80};
    static const uint8_t undefined[] = {0x03, 0x03, 0x06, 0x80, 0x40};
    /* Nine bits with the ninth zero: a superfluous octet, but not longer than the named bits. */
    static const uint8_t nine_bits[] = {0x03, 0x03, 0x07, 0x06, 0x00};
    tcert t;
    tx_subscriber(&t);
    drop(&t, TX_KU);
    /* decipherOnly needs the second octet. */
    tx_ku(&t, 1, CS_KU_KEY_AGREEMENT | CS_KU_DECIPHER_ONLY);
    PASSES(t, "rfc5280.key_usage.bad_length");
    drop(&t, TX_KU);
    tx_add_raw(&t, TX_KU, 1, nine_bits, sizeof nine_bits);
    PASSES(t, "rfc5280.key_usage.bad_length");
    FIRES(t, "rfc5280.key_usage.superfluous_octet");
    t.ext[t.num_exts - 1].value = three;
    t.ext[t.num_exts - 1].value_len = sizeof three;
    FIRES(t, "rfc5280.key_usage.bad_length");
    t.ext[t.num_exts - 1].value = undefined;
    t.ext[t.num_exts - 1].value_len = sizeof undefined;
    FIRES(t, "rfc5280.key_usage.bad_length");
}

Test(exts, key_usage_eo_do_without_key_agreement) {
    tcert t;
    tx_subscriber(&t);
    drop(&t, TX_KU);
    tx_ku(&t, 1, CS_KU_KEY_AGREEMENT | CS_KU_ENCIPHER_ONLY);
    PASSES(t, "rfc5280.key_usage.eo_do_without_key_agreement");
    drop(&t, TX_KU);
    tx_ku(&t, 1, CS_KU_DIGITAL_SIGNATURE | CS_KU_DECIPHER_ONLY);
    FIRES(t, "rfc5280.key_usage.eo_do_without_key_agreement");
}

Test(exts, key_usage_missing_in_ca) {
    tcert t;
    tx_ca(&t);
    PASSES(t, "rfc5280.key_usage.missing_in_ca");
    drop(&t, TX_KU);
    FIRES(t, "rfc5280.key_usage.missing_in_ca");
    /* Certificates before RFC 5280 are not judged by it. */
    t.not_before = "070101000000Z";
    PASSES(t, "rfc5280.key_usage.missing_in_ca");
}

Test(exts, key_usage_ca_without_cert_sign) {
    tcert t;
    tx_ca(&t);
    PASSES(t, "rfc5280.key_usage.ca_without_cert_sign");
    drop(&t, TX_KU);
    tx_ku(&t, 1, CS_KU_CRL_SIGN);
    FIRES(t, "rfc5280.key_usage.ca_without_cert_sign");
}

/* --- basicConstraints --- */

Test(exts, basic_constraints_not_critical) {
    tcert t;
    tx_ca(&t);
    PASSES(t, "rfc5280.basic_constraints.not_critical");
    t.ext[find_ext(&t, TX_BC)].critical = 0;
    FIRES(t, "rfc5280.basic_constraints.not_critical");
    /* A non-critical basicConstraints without cA is fine. */
    tx_subscriber(&t);
    tx_bc(&t, 0, 0, -1);
    PASSES(t, "rfc5280.basic_constraints.not_critical");
}

Test(exts, basic_constraints_ca_false_encoded) {
    derb b;
    tcert t;
    tx_subscriber(&t);
    tx_bc(&t, 1, 0, -1);
    PASSES(t, "rfc5280.basic_constraints.ca_false_encoded");
    drop(&t, TX_BC);
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_bool(&b, 0);
    derb_close(&b);
    tx_add(&t, TX_BC, 1, &b);
    FIRES(t, "rfc5280.basic_constraints.ca_false_encoded");
}

Test(exts, basic_constraints_ca_not_der) {
    static const uint8_t bc_01[] = {0x30, 0x03, 0x01, 0x01, 0x01};
    static const uint8_t bc_ff[] = {0x30, 0x03, 0x01, 0x01, 0xFF};
    tcert t;
    tx_ca(&t);
    drop(&t, TX_BC);
    tx_add_raw(&t, TX_BC, 1, bc_ff, sizeof bc_ff);
    PASSES(t, "rfc5280.basic_constraints.ca_not_der");
    t.ext[t.num_exts - 1].value = bc_01;
    FIRES(t, "rfc5280.basic_constraints.ca_not_der");
}

Test(exts, basic_constraints_path_len_without_ca) {
    tcert t;
    tx_ca(&t);
    drop(&t, TX_BC);
    tx_bc(&t, 1, 1, 0);
    PASSES(t, "rfc5280.basic_constraints.path_len_without_ca");
    tx_subscriber(&t);
    tx_bc(&t, 1, 0, 1);
    FIRES(t, "rfc5280.basic_constraints.path_len_without_ca");
}

Test(exts, basic_constraints_path_len_without_cert_sign) {
    tcert t;
    tx_ca(&t);
    drop(&t, TX_BC);
    tx_bc(&t, 1, 1, 2);
    PASSES(t, "rfc5280.basic_constraints.path_len_without_cert_sign");
    drop(&t, TX_KU);
    tx_ku(&t, 1, CS_KU_CRL_SIGN);
    FIRES(t, "rfc5280.basic_constraints.path_len_without_cert_sign");
    drop(&t, TX_KU);
    FIRES(t, "rfc5280.basic_constraints.path_len_without_cert_sign");
}

Test(exts, basic_constraints_path_len_negative) {
    static const uint8_t negative[] = {0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0xFF};
    static const uint8_t zero[] = {0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0x00};
    tcert t;
    tx_ca(&t);
    drop(&t, TX_BC);
    tx_add_raw(&t, TX_BC, 1, zero, sizeof zero);
    PASSES(t, "rfc5280.basic_constraints.path_len_negative");
    t.ext[t.num_exts - 1].value = negative;
    FIRES(t, "rfc5280.basic_constraints.path_len_negative");
}

/* --- extKeyUsage --- */

Test(exts, eku_empty) {
    static const char *const server[] = {"1.3.6.1.5.5.7.3.1"};
    tcert t;
    tx_subscriber(&t);
    tx_eku(&t, 0, server, 1);
    PASSES(t, "rfc5280.eku.empty");
    drop(&t, TX_EKU);
    tx_eku(&t, 0, NULL, 0);
    FIRES(t, "rfc5280.eku.empty");
}

Test(exts, eku_any_critical) {
    static const char *const any[] = {"1.3.6.1.5.5.7.3.1", "2.5.29.37.0"};
    static const char *const server[] = {"1.3.6.1.5.5.7.3.1"};
    tcert t;
    tx_subscriber(&t);
    tx_eku(&t, 0, any, 2);
    PASSES(t, "rfc5280.eku.any_critical");
    drop(&t, TX_EKU);
    tx_eku(&t, 1, server, 1);
    PASSES(t, "rfc5280.eku.any_critical");
    drop(&t, TX_EKU);
    tx_eku(&t, 1, any, 2);
    FIRES(t, "rfc5280.eku.any_critical");
}

Test(exts, eku_inconsistent_with_key_usage) {
    static const char *const server[] = {"1.3.6.1.5.5.7.3.1"};
    static const char *const code_and_other[] = {"1.3.6.1.5.5.7.3.3", "1.2.3.4.5"};
    static const char *const code[] = {"1.3.6.1.5.5.7.3.3"};
    tcert t;
    tx_subscriber(&t);
    tx_eku(&t, 0, server, 1);
    PASSES(t, "rfc5280.eku.inconsistent_with_key_usage");
    drop(&t, TX_KU);
    tx_ku(&t, 1, CS_KU_DATA_ENCIPHERMENT);
    FIRES(t, "rfc5280.eku.inconsistent_with_key_usage");
    drop(&t, TX_EKU);
    tx_eku(&t, 0, code, 1);
    FIRES(t, "rfc5280.eku.inconsistent_with_key_usage");
    /* An unrecognised purpose may be the one the key serves. */
    drop(&t, TX_EKU);
    tx_eku(&t, 0, code_and_other, 2);
    PASSES(t, "rfc5280.eku.inconsistent_with_key_usage");
}

Test(exts, rfc3161_time_stamping_not_critical) {
    static const char *const ts[] = {"1.3.6.1.5.5.7.3.8"};
    tcert t;
    tx_subscriber(&t);
    tx_eku(&t, 1, ts, 1);
    PASSES(t, "rfc3161.eku.time_stamping_not_critical");
    drop(&t, TX_EKU);
    tx_eku(&t, 0, ts, 1);
    FIRES(t, "rfc3161.eku.time_stamping_not_critical");
    /* CA certificates constraining their subordinates are not time-stamping units. */
    tx_ca(&t);
    tx_eku(&t, 0, ts, 1);
    PASSES(t, "rfc3161.eku.time_stamping_not_critical");
}

/* --- certificatePolicies --- */

/* Opens SEQUENCE OF PolicyInformation; the caller adds policies and calls cp_end. */
static void cp_begin(derb *b) {
    derb_init(b);
    derb_open(b, CS_DER_SEQUENCE);
}

static void cp_plain(derb *b, const char *oid) {
    derb_open(b, CS_DER_SEQUENCE);
    derb_oid(b, oid);
    derb_close(b);
}

/* A policy with one qualifier of id `qualifier_oid` holding an IA5String (or `tag`). */
static void cp_qualified(derb *b, const char *oid, const char *qualifier_oid, uint32_t tag,
                         const char *text) {
    derb_open(b, CS_DER_SEQUENCE);
    derb_oid(b, oid);
    derb_open(b, CS_DER_SEQUENCE);
    derb_open(b, CS_DER_SEQUENCE);
    derb_oid(b, qualifier_oid);
    derb_str(b, tag, text);
    derb_close(b);
    derb_close(b);
    derb_close(b);
}

Test(exts, policies_empty) {
    derb b;
    tcert t;
    tx_subscriber(&t);
    tx_policy(&t, "2.23.140.1.2.1");
    PASSES(t, "rfc5280.policies.empty");
    drop(&t, TX_CP);
    cp_begin(&b);
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    FIRES(t, "rfc5280.policies.empty");
}

Test(exts, policies_duplicate) {
    derb b;
    tcert t;
    tx_subscriber(&t);
    cp_begin(&b);
    cp_plain(&b, "2.23.140.1.2.1");
    cp_plain(&b, "1.2.3.4");
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    PASSES(t, "rfc5280.policies.duplicate");
    drop(&t, TX_CP);
    cp_begin(&b);
    cp_plain(&b, "2.23.140.1.2.1");
    cp_plain(&b, "1.2.3.4");
    cp_qualified(&b, "2.23.140.1.2.1", "1.3.6.1.5.5.7.2.1", CS_DER_IA5STRING, "http://x.test/");
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    FIRES(t, "rfc5280.policies.duplicate");
}

Test(exts, policies_duplicate_beyond_kept_list) {
    /* More policies than the extractor keeps: the duplicate is the 40th. */
    char oid[32];
    derb b;
    tcert t;
    tx_subscriber(&t);
    cp_begin(&b);
    for (int i = 0; i < 39; i++) {
        snprintf(oid, sizeof oid, "1.2.3.%d", i + 1);
        cp_plain(&b, oid);
    }
    cp_plain(&b, "1.2.3.40");
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    PASSES(t, "rfc5280.policies.duplicate");
    drop(&t, TX_CP);
    cp_begin(&b);
    for (int i = 0; i < 39; i++) {
        snprintf(oid, sizeof oid, "1.2.3.%d", i + 1);
        cp_plain(&b, oid);
    }
    cp_plain(&b, "1.2.3.35");
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    FIRES(t, "rfc5280.policies.duplicate");
}

Test(exts, policies_qualifiers_empty) {
    derb b;
    tcert t;
    tx_subscriber(&t);
    cp_begin(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "1.2.3.4");
    derb_open(&b, CS_DER_SEQUENCE);
    derb_close(&b);
    derb_close(&b);
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    FIRES(t, "rfc5280.policies.qualifiers_empty");
    drop(&t, TX_CP);
    tx_policy(&t, "1.2.3.4");
    PASSES(t, "rfc5280.policies.qualifiers_empty");
}

Test(exts, policies_has_qualifier) {
    derb b;
    tcert t;
    tx_subscriber(&t);
    tx_policy(&t, "1.2.3.4");
    PASSES(t, "rfc5280.policies.has_qualifier");
    drop(&t, TX_CP);
    cp_begin(&b);
    cp_qualified(&b, "1.2.3.4", "1.3.6.1.5.5.7.2.1", CS_DER_IA5STRING, "http://x.test/");
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    FIRES(t, "rfc5280.policies.has_qualifier");
    PASSES(t, "rfc5280.policies.other_qualifier");
}

Test(exts, policies_other_qualifier) {
    derb b;
    tcert t;
    tx_subscriber(&t);
    cp_begin(&b);
    cp_qualified(&b, "1.2.3.4", "1.3.6.1.5.5.7.2.3", CS_DER_UTF8STRING, "other");
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    FIRES(t, "rfc5280.policies.other_qualifier");
    PASSES(t, "rfc5280.policies.any_policy_qualifier");
}

Test(exts, policies_any_policy_qualifier) {
    derb b;
    tcert t;
    tx_ca(&t);
    cp_begin(&b);
    cp_qualified(&b, TX_ANY_POL, "1.3.6.1.5.5.7.2.1", CS_DER_IA5STRING, "http://x.test/");
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    PASSES(t, "rfc5280.policies.any_policy_qualifier");
    drop(&t, TX_CP);
    cp_begin(&b);
    cp_qualified(&b, TX_ANY_POL, "1.3.6.1.5.5.7.2.3", CS_DER_UTF8STRING, "other");
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    FIRES(t, "rfc5280.policies.any_policy_qualifier");
}

Test(exts, policies_cps_uri_not_ia5) {
    derb b;
    tcert t;
    tx_subscriber(&t);
    cp_begin(&b);
    cp_qualified(&b, "1.2.3.4", "1.3.6.1.5.5.7.2.1", CS_DER_IA5STRING, "http://x.test/");
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    PASSES(t, "rfc5280.policies.cps_uri_not_ia5");
    drop(&t, TX_CP);
    cp_begin(&b);
    cp_qualified(&b, "1.2.3.4", "1.3.6.1.5.5.7.2.1", CS_DER_UTF8STRING, "http://x.test/");
    derb_close(&b);
    tx_add(&t, TX_CP, 0, &b);
    FIRES(t, "rfc5280.policies.cps_uri_not_ia5");
}

Test(exts, policies_notice_ref) {
    tcert t;
    tx_subscriber(&t);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, "text", 4, 0);
    PASSES(t, "rfc5280.policies.notice_ref");
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, "text", 4, 1);
    FIRES(t, "rfc5280.policies.notice_ref");
}

Test(exts, policies_explicit_text_empty) {
    tcert t;
    tx_subscriber(&t);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, "x", 1, 0);
    PASSES(t, "rfc5280.policies.explicit_text_empty");
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, "", 0, 0);
    FIRES(t, "rfc5280.policies.explicit_text_empty");
}

Test(exts, policies_explicit_text_too_long) {
    char text[402];
    tcert t;
    memset(text, 'a', 201);
    tx_subscriber(&t);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, text, 200, 0);
    PASSES(t, "rfc5280.policies.explicit_text_too_long");
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, text, 201, 0);
    FIRES(t, "rfc5280.policies.explicit_text_too_long");
    /* Characters, not octets: 200 two-octet characters are fine. */
    for (int i = 0; i < 200; i++) {
        text[2 * i] = (char)0xC3;
        text[2 * i + 1] = (char)0xA9;
    }
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, text, 400, 0);
    PASSES(t, "rfc5280.policies.explicit_text_too_long");
    /* BMPString: 201 code units. */
    memset(text, 0, sizeof text);
    for (int i = 0; i < 201; i++) {
        text[2 * i + 1] = 'b';
    }
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_BMPSTRING, text, 402, 0);
    FIRES(t, "rfc5280.policies.explicit_text_too_long");
    /* Not judged before RFC 6818. */
    t.not_before = "120101000000Z";
    PASSES(t, "rfc5280.policies.explicit_text_too_long");
}

Test(exts, policies_explicit_text_ia5) {
    tcert t;
    tx_subscriber(&t);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_VISIBLESTRING, "text", 4, 0);
    PASSES(t, "rfc5280.policies.explicit_text_ia5");
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_IA5STRING, "text", 4, 0);
    FIRES(t, "rfc5280.policies.explicit_text_ia5");
}

Test(exts, policies_explicit_text_not_utf8) {
    tcert t;
    tx_subscriber(&t);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, "text", 4, 0);
    PASSES(t, "rfc5280.policies.explicit_text_not_utf8");
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_VISIBLESTRING, "text", 4, 0);
    FIRES(t, "rfc5280.policies.explicit_text_not_utf8");
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_BMPSTRING, "\0t\0x", 4, 0);
    FIRES(t, "rfc5280.policies.explicit_text_not_utf8");
}

Test(exts, policies_explicit_text_control) {
    tcert t;
    tx_subscriber(&t);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, "!\xC2\xAFi", 4, 0);
    PASSES(t, "rfc5280.policies.explicit_text_control");
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, "!\xC2\xAF\x10", 4, 0);
    FIRES(t, "rfc5280.policies.explicit_text_control");
    drop(&t, TX_CP);
    /* U+0088, a C1 control. */
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, "!\xC2\x88/", 4, 0);
    FIRES(t, "rfc5280.policies.explicit_text_control");
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_VISIBLESTRING, "a\tb", 3, 0);
    FIRES(t, "rfc5280.policies.explicit_text_control");
}

Test(exts, policies_explicit_text_not_nfc) {
    tcert t;
    tx_subscriber(&t);
    /* U+00E0 precomposed: NFC. */
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING,
                     "\xC3\xA0"
                     "cd",
                     4, 0);
    PASSES(t, "rfc5280.policies.explicit_text_not_nfc");
    drop(&t, TX_CP);
    /* a + U+0300 composes to U+00E0. */
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING,
                     "a\xCC\x80"
                     "cd",
                     5, 0);
    FIRES(t, "rfc5280.policies.explicit_text_not_nfc");
    drop(&t, TX_CP);
    /* The same in a BMPString. */
    tx_policy_notice(&t, "1.2.3.4", CS_DER_BMPSTRING, "\0a\x03\x00\0c", 6, 0);
    FIRES(t, "rfc5280.policies.explicit_text_not_nfc");
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_BMPSTRING, "\0\xE0\0c", 4, 0);
    PASSES(t, "rfc5280.policies.explicit_text_not_nfc");
}

Test(exts, display_text_scan) {
    cs_display_text_info info;
#define SCAN(tag, s)                                                                               \
    cs_display_text_scan(tag, cs_der_make((const uint8_t *)(s), sizeof(s) - 1), &info)
    cr_assert_eq(SCAN(CS_DER_UTF8STRING, "plain ASCII"), 1);
    cr_assert(!info.not_nfc && !info.control && info.chars == 11);
    /* U+212B ANGSTROM SIGN never appears in NFC. */
    cr_assert_eq(SCAN(CS_DER_UTF8STRING, "\xE2\x84\xAB"), 1);
    cr_assert(info.not_nfc && info.first_bad == 0x212B);
    /* Marks out of canonical order: U+0301 (230) then U+0323 (220). */
    cr_assert_eq(SCAN(CS_DER_UTF8STRING, "x\xCC\x81\xCC\xA3"), 1);
    cr_assert(info.not_nfc);
    /* In order (220 then 230) after a letter they do not compose with: NFC. */
    cr_assert_eq(SCAN(CS_DER_UTF8STRING, "x\xCC\xA3\xCC\x81"), 1);
    cr_assert(!info.not_nfc);
    /* Hangul L + V composes; a precomposed syllable does not. */
    cr_assert_eq(SCAN(CS_DER_UTF8STRING, "\xE1\x84\x80\xE1\x85\xA1"), 1);
    cr_assert(info.not_nfc);
    cr_assert_eq(SCAN(CS_DER_UTF8STRING, "\xEA\xB0\x80"), 1);
    cr_assert(!info.not_nfc && info.chars == 1);
    /* Invalid strings. */
    cr_assert_eq(SCAN(CS_DER_UTF8STRING, "\xC0\x80"), 0);     /* overlong */
    cr_assert_eq(SCAN(CS_DER_UTF8STRING, "\xED\xA0\x80"), 0); /* surrogate */
    cr_assert_eq(SCAN(CS_DER_UTF8STRING, "\xE2\x84"), 0);     /* truncated */
    cr_assert_eq(SCAN(CS_DER_BMPSTRING, "\0a\0"), 0);         /* odd length */
    cr_assert_eq(SCAN(CS_DER_VISIBLESTRING, "\xE9"), 0);      /* 8-bit */
#undef SCAN
}

Test(exts, policies_invalid_explicit_text_is_malformed) {
    tcert t;
    tx_subscriber(&t);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, "ok", 2, 0);
    PASSES(t, "rfc5280.extensions.malformed");
    drop(&t, TX_CP);
    tx_policy_notice(&t, "1.2.3.4", CS_DER_UTF8STRING, "\xFF", 1, 0);
    FIRES(t, "rfc5280.extensions.malformed");
    PASSES(t, "rfc5280.policies.explicit_text_not_nfc");
}

/* --- policyMappings --- */

static void pm_value(tcert *t, int critical, const char *from, const char *to, int empty) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    if (!empty) {
        derb_open(&b, CS_DER_SEQUENCE);
        derb_oid(&b, from);
        derb_oid(&b, to);
        derb_close(&b);
    }
    derb_close(&b);
    tx_add(t, TX_PM, critical, &b);
}

Test(exts, policy_mappings_empty) {
    tcert t;
    tx_ca(&t);
    tx_policy(&t, "1.2.3.4");
    pm_value(&t, 1, "1.2.3.4", "1.2.3.5", 0);
    PASSES(t, "rfc5280.policy_mappings.empty");
    drop(&t, TX_PM);
    pm_value(&t, 1, NULL, NULL, 1);
    FIRES(t, "rfc5280.policy_mappings.empty");
}

Test(exts, policy_mappings_not_critical) {
    tcert t;
    tx_ca(&t);
    tx_policy(&t, "1.2.3.4");
    pm_value(&t, 1, "1.2.3.4", "1.2.3.5", 0);
    PASSES(t, "rfc5280.policy_mappings.not_critical");
    t.ext[find_ext(&t, TX_PM)].critical = 0;
    FIRES(t, "rfc5280.policy_mappings.not_critical");
}

Test(exts, policy_mappings_any_policy) {
    tcert t;
    tx_ca(&t);
    tx_policy(&t, "1.2.3.4");
    pm_value(&t, 1, "1.2.3.4", "1.2.3.5", 0);
    PASSES(t, "rfc5280.policy_mappings.any_policy");
    drop(&t, TX_PM);
    pm_value(&t, 1, "1.2.3.4", TX_ANY_POL, 0);
    FIRES(t, "rfc5280.policy_mappings.any_policy");
    drop(&t, TX_PM);
    pm_value(&t, 1, TX_ANY_POL, "1.2.3.4", 0);
    FIRES(t, "rfc5280.policy_mappings.any_policy");
}

Test(exts, policy_mappings_issuer_policy_not_asserted) {
    tcert t;
    tx_ca(&t);
    tx_policy(&t, "1.2.3.4");
    pm_value(&t, 1, "1.2.3.4", "1.2.3.5", 0);
    PASSES(t, "rfc5280.policy_mappings.issuer_policy_not_asserted");
    drop(&t, TX_PM);
    pm_value(&t, 1, "1.2.3.9", "1.2.3.5", 0);
    FIRES(t, "rfc5280.policy_mappings.issuer_policy_not_asserted");
    drop(&t, TX_CP);
    FIRES(t, "rfc5280.policy_mappings.issuer_policy_not_asserted");
}

Test(exts, policy_mappings_in_end_entity) {
    tcert t;
    tx_ca(&t);
    pm_value(&t, 1, "1.2.3.4", "1.2.3.5", 0);
    PASSES(t, "rfc5280.policy_mappings.in_end_entity");
    tx_subscriber(&t);
    pm_value(&t, 1, "1.2.3.4", "1.2.3.5", 0);
    FIRES(t, "rfc5280.policy_mappings.in_end_entity");
}

/* --- policyConstraints, inhibitAnyPolicy --- */

Test(exts, policy_constraints_empty) {
    static const uint8_t empty[] = {0x30, 0x00};
    static const uint8_t require[] = {0x30, 0x03, 0x80, 0x01, 0x00};
    tcert t;
    tx_ca(&t);
    tx_add_raw(&t, TX_PC, 1, require, sizeof require);
    PASSES(t, "rfc5280.policy_constraints.empty");
    PASSES(t, "rfc5280.extensions.malformed");
    t.ext[t.num_exts - 1].value = empty;
    t.ext[t.num_exts - 1].value_len = sizeof empty;
    FIRES(t, "rfc5280.policy_constraints.empty");
}

Test(exts, policy_constraints_not_critical) {
    static const uint8_t inhibit[] = {0x30, 0x03, 0x81, 0x01, 0x02};
    tcert t;
    tx_ca(&t);
    tx_add_raw(&t, TX_PC, 1, inhibit, sizeof inhibit);
    PASSES(t, "rfc5280.policy_constraints.not_critical");
    t.ext[t.num_exts - 1].critical = 0;
    FIRES(t, "rfc5280.policy_constraints.not_critical");
}

Test(exts, policy_constraints_in_end_entity) {
    static const uint8_t inhibit[] = {0x30, 0x03, 0x81, 0x01, 0x02};
    tcert t;
    tx_ca(&t);
    tx_add_raw(&t, TX_PC, 1, inhibit, sizeof inhibit);
    PASSES(t, "rfc5280.policy_constraints.in_end_entity");
    tx_subscriber(&t);
    tx_add_raw(&t, TX_PC, 1, inhibit, sizeof inhibit);
    FIRES(t, "rfc5280.policy_constraints.in_end_entity");
}

Test(exts, policy_constraints_negative_is_malformed) {
    static const uint8_t negative[] = {0x30, 0x03, 0x80, 0x01, 0xFF};
    tcert t;
    tx_ca(&t);
    tx_add_raw(&t, TX_PC, 1, negative, sizeof negative);
    FIRES(t, "rfc5280.extensions.malformed");
}

Test(exts, inhibit_any_policy_not_critical) {
    static const uint8_t zero[] = {0x02, 0x01, 0x00};
    tcert t;
    tx_ca(&t);
    tx_add_raw(&t, TX_IAP, 1, zero, sizeof zero);
    PASSES(t, "rfc5280.inhibit_any_policy.not_critical");
    PASSES(t, "rfc5280.extensions.malformed");
    t.ext[t.num_exts - 1].critical = 0;
    FIRES(t, "rfc5280.inhibit_any_policy.not_critical");
}

Test(exts, inhibit_any_policy_in_end_entity) {
    static const uint8_t zero[] = {0x02, 0x01, 0x00};
    tcert t;
    tx_ca(&t);
    tx_add_raw(&t, TX_IAP, 1, zero, sizeof zero);
    PASSES(t, "rfc5280.inhibit_any_policy.in_end_entity");
    tx_subscriber(&t);
    tx_add_raw(&t, TX_IAP, 1, zero, sizeof zero);
    FIRES(t, "rfc5280.inhibit_any_policy.in_end_entity");
    /* A negative SkipCerts is not an InhibitAnyPolicy. */
    static const uint8_t negative[] = {0x02, 0x01, 0x80};
    t.ext[t.num_exts - 1].value = negative;
    FIRES(t, "rfc5280.extensions.malformed");
}

/* --- subjectDirectoryAttributes --- */

static void sda_value(tcert *t, int critical, int attrs, int values) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    for (int i = 0; i < attrs; i++) {
        derb_open(&b, CS_DER_SEQUENCE);
        derb_oid(&b, "1.3.6.1.5.5.7.9.4"); /* countryOfCitizenship */
        derb_open(&b, CS_DER_SET);
        for (int k = 0; k < values; k++) {
            derb_str(&b, CS_DER_PRINTABLESTRING, "DE");
        }
        derb_close(&b);
        derb_close(&b);
    }
    derb_close(&b);
    tx_add(t, TX_SDA, critical, &b);
}

Test(exts, subject_directory_attributes_critical) {
    tcert t;
    tx_subscriber(&t);
    sda_value(&t, 0, 1, 1);
    PASSES(t, "rfc5280.subject_directory_attributes.critical");
    PASSES(t, "rfc5280.extensions.malformed");
    t.ext[t.num_exts - 1].critical = 1;
    FIRES(t, "rfc5280.subject_directory_attributes.critical");
}

Test(exts, subject_directory_attributes_empty) {
    tcert t;
    tx_subscriber(&t);
    sda_value(&t, 0, 1, 1);
    PASSES(t, "rfc5280.subject_directory_attributes.empty");
    drop(&t, TX_SDA);
    sda_value(&t, 0, 0, 0);
    FIRES(t, "rfc5280.subject_directory_attributes.empty");
    drop(&t, TX_SDA);
    sda_value(&t, 0, 1, 0);
    FIRES(t, "rfc5280.subject_directory_attributes.empty");
}

/* --- Certificate Transparency --- */

static const uint8_t poison_null[] = {0x05, 0x00};

/* An SCT list of `n` SCTs of 4 bytes each (the contents are not interpreted). */
static void sct_value(tcert *t, int n) {
    uint8_t list[2 + 8 * 6];
    size_t len = 2;
    for (int i = 0; i < n; i++) {
        list[len++] = 0;
        list[len++] = 4;
        memcpy(list + len, "\x00\x11\x22\x33", 4);
        len += 4;
    }
    list[0] = (uint8_t)((len - 2) >> 8);
    list[1] = (uint8_t)(len - 2);
    derb b;
    derb_init(&b);
    derb_prim(&b, CS_DER_OCTET_STRING, list, len);
    tx_add(t, TX_SCT, 0, &b);
}

Test(exts, ct_poison_not_critical) {
    tcert t;
    tx_subscriber(&t);
    tx_add_raw(&t, TX_POISON, 1, poison_null, sizeof poison_null);
    PASSES(t, "rfc6962.poison.not_critical");
    PASSES(t, "rfc5280.extensions.malformed");
    t.ext[t.num_exts - 1].critical = 0;
    FIRES(t, "rfc6962.poison.not_critical");
}

Test(exts, ct_poison_not_null_is_malformed) {
    static const uint8_t octets[] = {0x04, 0x00};
    tcert t;
    tx_subscriber(&t);
    tx_add_raw(&t, TX_POISON, 1, octets, sizeof octets);
    FIRES(t, "rfc5280.extensions.malformed");
}

Test(exts, ct_precert_with_sct_list) {
    tcert t;
    tx_subscriber(&t);
    tx_add_raw(&t, TX_POISON, 1, poison_null, sizeof poison_null);
    PASSES(t, "rfc6962.precert.with_sct_list");
    sct_value(&t, 1);
    FIRES(t, "rfc6962.precert.with_sct_list");
    /* A final certificate with SCTs is what RFC 6962 wants. */
    tx_subscriber(&t);
    sct_value(&t, 2);
    PASSES(t, "rfc6962.precert.with_sct_list");
    PASSES(t, "rfc5280.extensions.malformed");
}

Test(exts, ct_sct_list_empty) {
    tcert t;
    tx_subscriber(&t);
    sct_value(&t, 1);
    PASSES(t, "rfc6962.sct_list.empty");
    drop(&t, TX_SCT);
    sct_value(&t, 0);
    FIRES(t, "rfc6962.sct_list.empty");
}

Test(exts, ct_sct_list_bad_framing_is_malformed) {
    static const uint8_t short_list[] = {0x04, 0x05, 0x00, 0x05, 0x00, 0x04, 0x01};
    static const uint8_t zero_sct[] = {0x04, 0x04, 0x00, 0x02, 0x00, 0x00};
    tcert t;
    tx_subscriber(&t);
    tx_add_raw(&t, TX_SCT, 0, short_list, sizeof short_list);
    FIRES(t, "rfc5280.extensions.malformed");
    t.ext[t.num_exts - 1].value = zero_sct;
    t.ext[t.num_exts - 1].value_len = sizeof zero_sct;
    FIRES(t, "rfc5280.extensions.malformed");
}

/* --- RFC 4262, RFC 3739 --- */

Test(exts, smime_capabilities_critical) {
    static const uint8_t caps[] = {0x30, 0x0B, 0x30, 0x09, 0x06, 0x07, 0x2A,
                                   0x86, 0x48, 0x86, 0xF7, 0x0D, 0x07};
    tcert t;
    tx_subscriber(&t);
    tx_add_raw(&t, TX_SMIME, 0, caps, sizeof caps);
    PASSES(t, "rfc4262.smime_capabilities.critical");
    t.ext[t.num_exts - 1].critical = 1;
    FIRES(t, "rfc4262.smime_capabilities.critical");
}

Test(exts, qc_statements_pkix_syntax_v1) {
    derb b;
    tcert t;
    tx_subscriber(&t);
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "0.4.0.1862.1.1"); /* id-etsi-qcs-QcCompliance */
    derb_close(&b);
    derb_close(&b);
    tx_add(&t, TX_QC, 0, &b);
    PASSES(t, "rfc3739.qc_statements.pkix_syntax_v1");
    drop(&t, TX_QC);
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_oid(&b, "1.3.6.1.5.5.7.11.1");
    derb_close(&b);
    derb_close(&b);
    tx_add(&t, TX_QC, 0, &b);
    FIRES(t, "rfc3739.qc_statements.pkix_syntax_v1");
}
