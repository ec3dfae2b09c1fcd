/* OID classification: every table entry is found again from its own bytes through the hashed
 * index, and OIDs that differ in any octet are not. */
#include <criterion/criterion.h>
#include <string.h>

#include "scanner/oid.h"

/* Flips each octet of `oid` in turn and expects `lookup` not to answer `id` for any of them. */
static void cs_test_near_misses(cs_der oid, unsigned id, unsigned (*lookup)(cs_der)) {
    uint8_t buf[64];
    cr_assert(oid.len <= sizeof buf);
    for (size_t i = 0; i < oid.len; i++) {
        memcpy(buf, oid.ptr, oid.len);
        buf[i] ^= 0x01;
        cr_expect_neq(lookup(cs_der_make(buf, oid.len)), id, "octet %zu flipped", i);
    }
    if (oid.len > 1) {
        cr_expect_neq(lookup(cs_der_make(oid.ptr, oid.len - 1)), id, "truncated");
    }
}

static unsigned cs_test_ext(cs_der oid) {
    return (unsigned)cs_oid_ext(oid);
}
static unsigned cs_test_attr(cs_der oid) {
    return (unsigned)cs_oid_attr(oid);
}
static unsigned cs_test_alg(cs_der oid) {
    return (unsigned)cs_oid_alg(oid);
}
static unsigned cs_test_eku(cs_der oid) {
    return (unsigned)cs_oid_eku(oid);
}
static unsigned cs_test_misc(cs_der oid) {
    return (unsigned)cs_oid_misc(oid);
}

typedef struct cs_test_table {
    const char *name;
    unsigned count;
    cs_der (*bytes)(unsigned id);
    unsigned (*lookup)(cs_der oid);
} cs_test_table;

static cs_der cs_test_ext_bytes(unsigned id) {
    return cs_ext_oid((cs_ext_id)id);
}
static cs_der cs_test_attr_bytes(unsigned id) {
    return cs_attr_oid((cs_attr_id)id);
}
static cs_der cs_test_alg_bytes(unsigned id) {
    return cs_alg_oid((cs_alg_id)id);
}
static cs_der cs_test_eku_bytes(unsigned id) {
    return cs_eku_oid((cs_eku_id)id);
}
static cs_der cs_test_misc_bytes(unsigned id) {
    return cs_misc_oid((cs_misc_oid_id)id);
}

Test(oid, every_entry_round_trips_and_near_misses_do_not) {
    const cs_test_table tables[] = {
        {"extension", CS_EXT_COUNT, cs_test_ext_bytes, cs_test_ext},
        {"attribute", CS_ATTR_COUNT, cs_test_attr_bytes, cs_test_attr},
        {"algorithm", CS_ALG_COUNT, cs_test_alg_bytes, cs_test_alg},
        {"eku", CS_EKU_COUNT, cs_test_eku_bytes, cs_test_eku},
        {"misc", CS_OID_COUNT, cs_test_misc_bytes, cs_test_misc},
    };
    unsigned checked = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        for (unsigned id = 1; id < tables[t].count; id++) {
            cs_der oid = tables[t].bytes(id);
            if (oid.len == 0) {
                continue;
            }
            cr_expect_eq(tables[t].lookup(oid), id, "%s table entry %u", tables[t].name, id);
            cs_test_near_misses(oid, id, tables[t].lookup);
            checked++;
        }
    }
    cr_expect_gt(checked, 120, "only %u entries checked", checked);
}

Test(oid, curves_and_unknowns) {
    static const uint8_t p256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
    static const uint8_t p384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
    static const uint8_t brainpool384[] = {0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0b};
    static const uint8_t unknown[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x99, 0x01};
    cr_expect_eq(cs_oid_curve(cs_der_make(p256, sizeof p256)), CS_CURVE_P256);
    cr_expect_eq(cs_oid_curve(cs_der_make(p384, sizeof p384)), CS_CURVE_P384);
    cr_expect_eq(cs_oid_curve(cs_der_make(brainpool384, sizeof brainpool384)),
                 CS_CURVE_BRAINPOOL_P384R1);
    cr_expect_eq(cs_oid_curve(cs_der_make(unknown, sizeof unknown)), 0);
    cr_expect_eq(cs_oid_ext(cs_der_make(unknown, sizeof unknown)), CS_EXT_UNKNOWN);
    cr_expect_eq(cs_oid_alg(cs_der_make(NULL, 0)), 0);
    cr_expect_eq(cs_oid_misc(cs_der_make(p256, 1)), 0);
}
