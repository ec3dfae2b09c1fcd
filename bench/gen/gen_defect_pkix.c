/* Defects against RFC 5280 (and X.690 DER) that any subscriber certificate can carry. Where
 * the SBR repeats the requirement for S/MIME certificates, certscan reports both rules. */
#include <string.h>

#include "bench/gen/gen_defect_fns.h"

/* RFC 5280 §4.1.2.2: the serial number MUST be a positive integer. Dropping the sign octet of
 * a serial whose first octet has the top bit set makes it negative (a classic encoder bug). */
int gen_a_serial_high_bit(const gen_ctx *x, const gen_cert *c) {
    (void)x;
    return c->serial_len >= 2 && c->serial[0] == 0x00 && (c->serial[1] & 0x80);
}

void gen_d_serial_negative(gen_ctx *x, gen_cert *c) {
    memmove(c->serial, c->serial + 1, (size_t)c->serial_len - 1);
    c->serial_len--;
    gen_dx_expect(x, "rfc5280.serial.not_positive");
    gen_dx_expect_smime(x, "smime.serial.out_of_range"); /* SBR §7.1: > 0 */
}

/* RFC 5280 §4.1.2.2: at most 20 octets; SBR §7.1: below 2^159. */
void gen_d_serial_too_long(gen_ctx *x, gen_cert *c) {
    gen_rng_bytes(x->r, c->serial, 21);
    c->serial[0] = (uint8_t)(1 + gen_rng_below(x->r, 0x7F));
    c->serial_len = 21;
    gen_dx_expect(x, "rfc5280.serial.too_long");
    gen_dx_expect_smime(x, "smime.serial.out_of_range");
}

/* RFC 5280 §4.2.1.3 and SBR §7.1.2.3 (e): keyUsage SHOULD be critical. */
void gen_d_ku_not_critical(gen_ctx *x, gen_cert *c) {
    c->ext[GEN_X_KU].critical = 0;
    gen_dx_expect(x, "rfc5280.key_usage.not_critical");
    gen_dx_expect_smime(x, "smime.ku.not_critical");
}

/* RFC 5280 §4.2.1.1: authorityKeyIdentifier MUST be present; SBR §7.1.2.3 (g). */
void gen_d_aki_missing(gen_ctx *x, gen_cert *c) {
    c->ext[GEN_X_AKI].present = 0;
    gen_dx_expect(x, "rfc5280.aki.missing");
    gen_dx_expect_smime(x, "smime.ext.aki_missing");
}

/* RFC 5280 §4.2.1.2: SHOULD be in end-entity certificates; SBR §7.1.2.3 (n). */
void gen_d_ski_missing(gen_ctx *x, gen_cert *c) {
    c->ext[GEN_X_SKI].present = 0;
    gen_dx_expect(x, "rfc5280.ski.missing_subscriber");
    gen_dx_expect_smime(x, "smime.ext.ski_missing");
}

/* RFC 5280 §4.2.2.1: authorityInfoAccess MUST be non-critical; SBR §7.1.2.3 (c). */
void gen_d_aia_critical(gen_ctx *x, gen_cert *c) {
    c->ext[GEN_X_AIA].critical = 1;
    gen_dx_expect(x, "rfc5280.aia.critical");
    gen_dx_expect_smime(x, "smime.ext.aia_critical");
}

/* RFC 5280 §4.2: a certificate MUST NOT include more than one instance of an extension. */
void gen_d_ski_duplicate(gen_ctx *x, gen_cert *c) {
    c->ext[GEN_X_SKI].duplicate = 1;
    gen_dx_expect(x, "rfc5280.extensions.duplicate");
}

/* RFC 5280 §4.1.2.5.1: UTCTime MUST include seconds. */
void gen_d_utc_no_seconds(gen_ctx *x, gen_cert *c) {
    char t[16];
    gen_time_text(c->not_after, t); /* YYMMDDHHMMSSZ */
    t[10] = 'Z';
    t[11] = '\0';
    c->na_text = gen_arena_strdup(x->arena, t);
    c->na_tag = GEN_UTCTIME;
    gen_dx_expect(x, "rfc5280.validity.utc_time_no_seconds");
}

/* RFC 5280 §4.1.2.5: dates through 2049 MUST be UTCTime. */
void gen_d_generalized_before_2050(gen_ctx *x, gen_cert *c) {
    char t[16];
    gen_time_text(c->not_after, t);
    c->na_text = gen_arena_printf(x->arena, "20%s", t);
    c->na_tag = GEN_GENERALIZEDTIME;
    gen_dx_expect(x, "rfc5280.validity.generalized_before_2050");
}

/* notAfter before notBefore: an empty validity period (RFC 5280 §4.1.2.5 defines the period
 * as notBefore through notAfter; certscan reports it as a notice). */
void gen_d_validity_negative(gen_ctx *x, gen_cert *c) {
    c->not_after = c->not_before - 86400;
    gen_dx_expect(x, "rfc5280.validity.negative");
}

/* RFC 5280 §4.2: a critical extension the relying party does not recognise makes it reject
 * the certificate (a private extension marked critical); the SBR §7.1.2.4 notice for an
 * unlisted extension comes from gen_expect_design. */
void gen_d_unknown_critical(gen_ctx *x, gen_cert *c) {
    gen_cert_set_ext(c, GEN_X_PRIVATE, 1, gen_statics.private_ext, gen_statics.private_ext_len);
    gen_dx_expect(x, "rfc5280.extensions.unknown_critical");
}

int gen_a_has_subject(const gen_ctx *x, const gen_cert *c) {
    (void)x;
    return c->num_subject > 0 && c->ext[GEN_X_SAN].present;
}

/* RFC 5280 §4.2.1.6: with a non-empty subject, SAN SHOULD be non-critical; SBR §7.1.2.3 (h). */
void gen_d_san_critical(gen_ctx *x, gen_cert *c) {
    c->ext[GEN_X_SAN].critical = 1;
    gen_dx_expect(x, "rfc5280.san.critical_with_subject");
    gen_dx_expect_smime(x, "smime.ext.san_critical");
}
