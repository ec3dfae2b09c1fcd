/* Defects against the S/MIME Baseline Requirements (SBR v1.0.12): extensions, key usage,
 * EKU, validity, policies, subject attributes per type, keys and algorithms. */
#include <string.h>

#include "bench/gen/gen_defect_fns.h"

/* §7.1.2.3 (h): subjectAltName SHALL be present (the mailbox requirement of §7.1.4.2.1 is then
 * reported once, as the missing extension). */
void gen_d_san_missing(gen_ctx *x, gen_cert *c) {
    c->ext[GEN_X_SAN].present = 0;
    gen_dx_expect(x, "smime.ext.san_missing");
    if (gen_dx_subject_has_mailbox(c)) {
        gen_dx_expect(x, "smime.san.mailbox_not_in_san");
    }
    if (gen_cert_find_attr(c, GEN_AT_EMAIL) >= 0) {
        gen_dx_expect(x, "rfc5280.subject.email_not_in_san");
    }
    if (c->num_subject == 0) {
        gen_dx_expect(x, "rfc5280.san.missing_with_empty_subject");
    }
}

/* §7.1.4.2.1: at least one rfc822Name or SmtpUTF8Mailbox, and no dNSName. */
void gen_d_san_dns_only(gen_ctx *x, gen_cert *c) {
    const char *at = strchr(x->id.mailbox, '@');
    c->num_san = 0;
    gen_cert_add_gname(c, GEN_GN_DNS, at != NULL ? at + 1 : "example.com");
    gen_dx_expect(x, "smime.san.no_mailbox");
    gen_dx_expect(x, "smime.san.prohibited_type");
    if (gen_dx_subject_has_mailbox(c)) {
        gen_dx_expect(x, "smime.san.mailbox_not_in_san");
    }
    if (gen_cert_find_attr(c, GEN_AT_EMAIL) >= 0) {
        gen_dx_expect(x, "rfc5280.subject.email_not_in_san");
    }
}

/* §7.1.2.3 (f): serverAuth SHALL NOT be present; Strict allows emailProtection only. */
void gen_d_eku_server_auth(gen_ctx *x, gen_cert *c) {
    c->eku[c->num_eku++] = GEN_KP_SERVER;
    gen_dx_expect(x, "smime.eku.prohibited");
    if (gen_dx_generation(x) == GEN_G_STRICT) {
        gen_dx_expect(x, "smime.eku.strict_other");
    }
}

int gen_a_strict(const gen_ctx *x, const gen_cert *c) {
    (void)c;
    return gen_dx_generation(x) == GEN_G_STRICT;
}

/* §7.1.2.3 (f): Strict SHALL NOT carry any other purpose, clientAuth included. */
void gen_d_eku_client_strict(gen_ctx *x, gen_cert *c) {
    c->eku[c->num_eku++] = GEN_KP_CLIENT;
    gen_dx_expect(x, "smime.eku.strict_other");
}

/* §7.1.2.3 (f): extKeyUsage SHALL be present. */
void gen_d_eku_missing(gen_ctx *x, gen_cert *c) {
    c->ext[GEN_X_EKU].present = 0;
    gen_dx_expect(x, "smime.eku.missing");
}

/* §7.1.2.3 (e): keyUsage SHALL be present. */
void gen_d_ku_missing(gen_ctx *x, gen_cert *c) {
    c->ext[GEN_X_KU].present = 0;
    gen_dx_expect(x, "smime.ku.missing");
}

/* §7.1.2.3 (e): only the listed bits per key algorithm; one foreign bit per key type. */
void gen_d_ku_wrong_bit(gen_ctx *x, gen_cert *c) {
    gen_key_type t = c->key->type;
    if (gen_key_is_rsa(t)) {
        /* keyAgreement has no meaning for RSA (RFC 3279 §2.3.1) */
        c->ku |= GEN_KU_KA;
        gen_dx_expect(x, "rfc3279.rsa.ku_not_allowed_ee");
        gen_dx_expect(x, "smime.ku.rsa_other_bits");
        /* and the set is none of the allowed ones */
        gen_dx_expect(x, gen_dx_generation(x) == GEN_G_STRICT ? "smime.ku.rsa_strict"
                                                              : "smime.ku.rsa_multipurpose_legacy");
    } else if (gen_key_is_ec(t)) {
        /* RFC 8813 §3: no keyEncipherment with EC keys */
        c->ku |= GEN_KU_KE;
        gen_dx_expect(x, "rfc5480.ec.ku_encipherment");
        gen_dx_expect(x, "rfc5480.ec.ku_ee_unexpected"); /* RFC 5480 §3 lists dS, nR, kA */
        gen_dx_expect(x, "smime.ku.ec_other_bits");
        gen_dx_expect(x, "smime.ku.ec"); /* not an allowed set either */
    } else if (t == GEN_KEY_ED25519) {
        c->ku |= GEN_KU_KA; /* RFC 9295 §3 */
        gen_dx_expect(x, "rfc9295.eddsa.ku_prohibited");
        gen_dx_expect(x, "smime.ku.edwards");
    } else if (gen_key_is_mldsa(t)) {
        c->ku |= GEN_KU_KE; /* RFC 9881 §5 */
        gen_dx_expect(x, "rfc9881.ml_dsa.ku_prohibited");
        gen_dx_expect(x, "smime.ku.ml_dsa");
    } else {
        c->ku |= GEN_KU_DS; /* ML-KEM: keyEncipherment only (RFC 9935 §4) */
        gen_dx_expect(x, "rfc9935.ml_kem.ku_not_key_encipherment_only");
        gen_dx_expect(x, "smime.ku.ml_kem");
    }
}

/* §6.3.2: at most 825 days (Strict, Multipurpose) or 1185 days (Legacy). */
void gen_d_validity_too_long(gen_ctx *x, gen_cert *c) {
    int legacy = gen_dx_generation(x) == GEN_G_LEGACY;
    c->not_after = c->not_before + (legacy ? 1200 : 900) * (int64_t)86400 - 1;
    gen_dx_expect(x, legacy ? "smime.validity.over_1185_days" : "smime.validity.over_825_days");
}

/* §6.3.2: SHOULD NOT be issued for the maximum period (inclusive of both ends). */
void gen_d_validity_at_max(gen_ctx *x, gen_cert *c) {
    int legacy = gen_dx_generation(x) == GEN_G_LEGACY;
    c->not_after = c->not_before + (legacy ? 1185 : 825) * (int64_t)86400 - 1;
    gen_dx_expect(x, "smime.validity.at_maximum");
}

int gen_a_legacy(const gen_ctx *x, const gen_cert *c) {
    (void)c;
    return gen_dx_generation(x) == GEN_G_LEGACY;
}

/* §7.1.6.1: no Legacy policy OIDs in certificates issued from 2025-07-15 (SMC08). */
void gen_d_legacy_after_sunset(gen_ctx *x, gen_cert *c) {
    int64_t days = (c->not_after - c->not_before + 1) / 86400;
    c->not_before = GEN_DATE_LEGACY_END + (int64_t)gen_rng_below(x->r, 400) * 86400 + 3600;
    c->not_after = c->not_before + days * 86400 - 1;
    int i = gen_cert_find_attr(c, GEN_AT_ORG_ID);
    if (i >= 0 && strncmp(c->subject[i].value, "NTRDE-HRB", 9) == 0) {
        /* the later date falls under SBR 1.0.9, whose German references are EUIDs: write it as
         * the CA would have then, so that only the sunset is wrong */
        c->subject[i].value =
            gen_arena_printf(x->arena, "NTRDE-DEK1101R.%s", c->subject[i].value + 6);
        c->subject[i].len = (uint16_t)strlen(c->subject[i].value);
    }
    gen_dx_expect(x, "smime.policy.legacy_sunset");
}

/* §7.1.2.3 (a): a CPS qualifier SHALL hold an HTTP or HTTPS URL. */
void gen_d_cps_not_http(gen_ctx *x, gen_cert *c) {
    const char *ldap = gen_arena_printf(x->arena, "ldap://ldap.%s/cn=cps", x->ca->domain);
    if (x->ca->h.own_policy && c->num_pol > 1) {
        c->pol[1].cps = ldap;
    } else {
        c->pol[c->num_pol++] = (gen_policy){x->ca->own_policy, x->ca->own_policy_len, ldap, NULL};
    }
    gen_dx_expect(x, "smime.policy.cps_not_http");
}

/* §7.1.2.3 (b): cRLDistributionPoints SHALL be present. */
void gen_d_crldp_missing(gen_ctx *x, gen_cert *c) {
    c->ext[GEN_X_CRLDP].present = 0;
    gen_dx_expect(x, "smime.ext.crldp_missing");
}

/* §7.1.2.3 (b): Strict and Multipurpose distribution points SHALL use http only, and every
 * generation needs one http URI. An https-only CRL pointer breaks both (Legacy: the second). */
void gen_d_crldp_https(gen_ctx *x, gen_cert *c) {
    gen_der *d = x->tmp;
    gen_der_reset(d);
    gen_der_open(d, GEN_SEQUENCE);
    gen_der_open(d, GEN_SEQUENCE);
    gen_der_open(d, GEN_CTX_CONS(0));
    gen_der_open(d, GEN_CTX_CONS(0));
    gen_der_str(d, GEN_CTX(6),
                gen_arena_printf(x->arena, "https://crl.%s/%s.crl", x->ca->domain, x->ca->slug));
    gen_der_close(d);
    gen_der_close(d);
    gen_der_close(d);
    gen_der_close(d);
    size_t len;
    const uint8_t *v = gen_ctx_value(x, &len);
    gen_cert_set_ext(c, GEN_X_CRLDP, 0, v, len);
    gen_dx_expect(x, "smime.ext.crldp_no_http");
    gen_dx_expect(x, "rfc5280.crldp.no_http_or_ldap_uri"); /* RFC 5280 §4.2.1.13 SHOULD */
    if (gen_dx_generation(x) != GEN_G_LEGACY) {
        gen_dx_expect(x, "smime.ext.crldp_other_scheme");
    }
}

int gen_a_org_id(const gen_ctx *x, const gen_cert *c) {
    return gen_cert_find_attr(c, GEN_AT_ORG_ID) >= 0 && gen_dx_smime(x);
}

/* §7.1.4.2.4-5: organizationIdentifier SHALL be present for organization and sponsor types. */
void gen_d_org_id_missing(gen_ctx *x, gen_cert *c) {
    gen_cert_remove_attr(c, gen_cert_find_attr(c, GEN_AT_ORG_ID));
    gen_dx_expect(x, "smime.subject.organization_identifier_missing");
}

/* §7.1.4.2.2 (d), App. A.1: the scheme SHALL be NTR, VAT, PSD, LEI, GOV or INT ("TAX" is a
 * natural-person scheme of App. A.2). */
void gen_d_org_id_bad_scheme(gen_ctx *x, gen_cert *c) {
    const char *orgid = c->subject[gen_cert_find_attr(c, GEN_AT_ORG_ID)].value;
    const char *dash = strchr(orgid, '-');
    gen_cert_put_attr(c, GEN_AT_ORG_ID, GEN_PRINTABLESTRING,
                      gen_arena_printf(x->arena, "TAX%s-%s", x->id.country->code,
                                       dash != NULL ? dash + 1 : "12345"));
    gen_dx_expect(x, "smime.org_identifier.scheme");
}

int gen_a_org_id_national(const gen_ctx *x, const gen_cert *c) {
    int i = gen_cert_find_attr(c, GEN_AT_ORG_ID);
    return i >= 0 && gen_dx_smime(x) && gen_cert_find_attr(c, GEN_AT_C) >= 0 &&
           strncmp(c->subject[i].value, "VAT", 3) == 0;
}

/* §7.1.4.2.2 (d) Note 1: the identifier's country SHALL equal countryName (a VAT number
 * registered in another country than the one in C). */
void gen_d_org_id_country_mismatch(gen_ctx *x, gen_cert *c) {
    const char *other = strcmp(x->id.country->code, "AT") == 0 ? "BE" : "AT";
    gen_cert_put_attr(c, GEN_AT_ORG_ID, GEN_PRINTABLESTRING,
                      gen_arena_printf(x->arena, "VAT%s-U%09u", other,
                                       (unsigned)gen_rng_below(x->r, 1000000000)));
    gen_dx_expect(x, "smime.org_identifier.country_mismatch");
}

int gen_a_org_or_sponsor(const gen_ctx *x, const gen_cert *c) {
    (void)c;
    return gen_dx_smime(x) && (gen_dx_type(x) == GEN_T_ORG || gen_dx_type(x) == GEN_T_SPONSOR);
}

static void gen_lei_ext(gen_ctx *x, gen_cert *c, const char *lei) {
    gen_der_reset(x->tmp);
    gen_der_str(x->tmp, GEN_PRINTABLESTRING, lei);
    size_t len;
    const uint8_t *v = gen_ctx_value(x, &len);
    gen_cert_set_ext(c, GEN_X_LEI, 0, v, len);
}

/* §7.1.2.3 (l), ISO 17442: the last two digits are ISO 7064 MOD 97-10 check digits. */
void gen_d_lei_bad_checksum(gen_ctx *x, gen_cert *c) {
    char lei[21];
    memcpy(lei, x->id.lei, 21);
    lei[19] = lei[19] == '9' ? '0' : (char)(lei[19] + 1);
    gen_lei_ext(x, c, gen_arena_strdup(x->arena, lei));
    gen_dx_expect(x, "smime.lei.checksum");
}

int gen_a_mailbox_or_individual(const gen_ctx *x, const gen_cert *c) {
    (void)c;
    return gen_dx_smime(x) &&
           (gen_dx_type(x) == GEN_T_MAILBOX || gen_dx_type(x) == GEN_T_INDIVIDUAL);
}

/* §7.1.2.3 (l): the LEI extension SHALL NOT be in mailbox or individual certificates. */
void gen_d_lei_prohibited(gen_ctx *x, gen_cert *c) {
    gen_lei_ext(x, c, x->id.lei);
    gen_dx_expect(x, "smime.ext.lei_prohibited");
}

int gen_a_mailbox_cn(const gen_ctx *x, const gen_cert *c) {
    return gen_dx_smime(x) && gen_dx_type(x) == GEN_T_MAILBOX &&
           gen_cert_find_attr(c, GEN_AT_CN) >= 0;
}

/* §7.1.4.2.2 (a), §7.1.4.2.1: a mailbox in the commonName SHALL be repeated in the SAN. */
void gen_d_mailbox_cn_not_in_san(gen_ctx *x, gen_cert *c) {
    gen_cert_put_attr(c, GEN_AT_CN, GEN_UTF8STRING,
                      gen_arena_printf(x->arena, "postmaster@%s", x->ca->domain));
    gen_dx_expect(x, "smime.san.mailbox_not_in_san");
}

int gen_a_mailbox(const gen_ctx *x, const gen_cert *c) {
    (void)c;
    return gen_dx_smime(x) && gen_dx_type(x) == GEN_T_MAILBOX;
}

/* §7.1.4.2.3: a mailbox-validated subject holds only commonName, serialNumber, emailAddress. */
void gen_d_mailbox_with_org(gen_ctx *x, gen_cert *c) {
    gen_cert_add_attr(c, GEN_AT_O, GEN_UTF8STRING, x->id.org);
    gen_dx_expect(x, "smime.subject.mailbox_attribute");
    if (c->num_subject == 1 && c->ext[GEN_X_SAN].critical) {
        /* the subject is no longer empty, so the critical SAN now goes against §7.1.2.3 (h) */
        gen_dx_expect(x, "rfc5280.san.critical_with_subject");
        gen_dx_expect(x, "smime.ext.san_critical");
    }
}

int gen_a_individual(const gen_ctx *x, const gen_cert *c) {
    (void)c;
    return gen_dx_smime(x) && gen_dx_type(x) == GEN_T_INDIVIDUAL;
}

/* §7.1.4.2.6: an individual-validated subject SHALL NOT hold organizationName. */
void gen_d_individual_with_org(gen_ctx *x, gen_cert *c) {
    gen_cert_add_attr(c, GEN_AT_O, GEN_UTF8STRING, x->id.org);
    gen_dx_expect(x, "smime.subject.individual_org_attribute");
}

int gen_a_strict_locality(const gen_ctx *x, const gen_cert *c) {
    return gen_dx_smime(x) && gen_dx_generation(x) == GEN_G_STRICT &&
           gen_cert_find_attr(c, GEN_AT_L) >= 0;
}

/* §7.1.4.2.4-6: Strict subjects SHALL NOT hold streetAddress. */
void gen_d_street_in_strict(gen_ctx *x, gen_cert *c) {
    gen_cert_add_attr(c, GEN_AT_STREET, GEN_UTF8STRING, x->id.street);
    gen_dx_expect(x, "smime.subject.strict_street_postal");
}

/* §7.1.2.3 (j): subjectDirectoryAttributes SHALL NOT be in Strict or Multipurpose
 * certificates; Legacy may carry verified attributes, which a mailbox-validated subject does
 * not have (certscan's reading, as pkilint's). */
int gen_a_sda_prohibited(const gen_ctx *x, const gen_cert *c) {
    (void)c;
    return gen_dx_smime(x) &&
           (gen_dx_generation(x) != GEN_G_LEGACY || gen_dx_type(x) == GEN_T_MAILBOX);
}

void gen_d_sda_prohibited(gen_ctx *x, gen_cert *c) {
    static const uint8_t dob[] = {0x30, 0x1f, 0x30, 0x1d, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05,
                                  0x07, 0x09, 0x01, 0x31, 0x11, 0x18, 0x0f, '1',  '9',  '8',  '0',
                                  '0',  '6',  '1',  '5',  '1',  '2',  '0',  '0',  '0',  '0',  'Z'};
    gen_cert_set_ext(c, GEN_X_SDA, 0, dob, sizeof dob);
    gen_dx_expect(x, "smime.ext.sda_prohibited");
}

/* §7.1.2.3 (m): the Adobe Time-stamp extension SHALL NOT be in Strict certificates. */
void gen_d_adobe_in_strict(gen_ctx *x, gen_cert *c) {
    gen_cert_set_ext(c, GEN_X_ADOBE_TS, 0, x->ca->adobe_ts, x->ca->adobe_ts_len);
    gen_dx_expect(x, "smime.ext.adobe_timestamp_prohibited");
}

int gen_a_rsa_key(const gen_ctx *x, const gen_cert *c) {
    return gen_dx_smime(x) && c->key != NULL && gen_key_is_rsa(c->key->type) &&
           gen_key_is_rsa(x->ca->key.type);
}

/* §6.1.5: RSA moduli SHALL be at least 2048 bits. */
void gen_d_rsa_1024(gen_ctx *x, gen_cert *c) {
    const gen_key_pool *p = &x->w->pool;
    const gen_key *k = &p->keys[GEN_KEY_RSA1024][gen_rng_below(x->r, p->count[GEN_KEY_RSA1024])];
    c->key = k;
    c->spki = k->spki;
    c->spki_len = k->spki_len;
    c->ski = gen_ski_for(x->ca, k);
    gen_dx_expect(x, "smime.key.rsa_modulus_size");
}

/* §7.1.3.2: only the listed signature encodings; sha1WithRSAEncryption is not one (and from
 * SMC016, 2026-09-15, SHA-1 is banned outright). */
void gen_d_sha1_signature(gen_ctx *x, gen_cert *c) {
    c->sig_alg = GEN_SIG_RSA_SHA1;
    gen_dx_expect(x, c->not_before >= GEN_DATE_PQC ? "smime.alg.signature_encoding"
                                                   : "smime.alg.signature_encoding_pre_pqc");
    if (c->not_before >= 1789430400LL) {
        gen_dx_expect(x, "smime.alg.sha1_signature");
    }
}

int gen_a_ec_key(const gen_ctx *x, const gen_cert *c) {
    return gen_dx_smime(x) && c->key != NULL && gen_key_is_ec(c->key->type);
}

/* §6.1.5: an ECDSA key SHALL be a valid point on its curve: the last octet of y changed. */
void gen_d_ec_point_invalid(gen_ctx *x, gen_cert *c) {
    uint8_t *spki = gen_arena_alloc(x->arena, c->spki_len);
    if (spki == NULL) {
        return;
    }
    memcpy(spki, c->spki, c->spki_len);
    spki[c->spki_len - 1] ^= 0x01;
    c->spki = spki;
    gen_dx_expect(x, "rfc5480.ec.point_not_on_curve");
    gen_dx_expect(x, "smime.key.ec_point_invalid");
}

int gen_a_mldsa_key(const gen_ctx *x, const gen_cert *c) {
    return gen_dx_smime(x) && c->key != NULL && gen_key_is_mldsa(c->key->type);
}

/* RFC 9881 §4: the ML-DSA public key is exactly 1312/1952/2592 octets; one is cut off. */
void gen_d_mldsa_key_short(gen_ctx *x, gen_cert *c) {
    gen_der *d = x->tmp;
    gen_der_reset(d);
    /* SEQUENCE { alg, BIT STRING } with the key one octet shorter */
    const uint8_t *p = c->spki;
    size_t hdr = p[1] & 0x80 ? 2 + (size_t)(p[1] & 0x7F) : 2;
    const uint8_t *alg = p + hdr;
    size_t alg_len = 2 + (size_t)alg[1];
    const uint8_t *bits = alg + alg_len;
    size_t bhdr = bits[1] & 0x80 ? 2 + (size_t)(bits[1] & 0x7F) : 2;
    size_t key_len = c->spki_len - hdr - alg_len - bhdr - 1;
    gen_der_open(d, GEN_SEQUENCE);
    gen_der_raw(d, alg, alg_len);
    gen_der_bits(d, 0, bits + bhdr + 1, key_len - 1);
    gen_der_close(d);
    size_t len;
    c->spki = gen_ctx_value(x, &len);
    c->spki_len = len;
    gen_dx_expect(x, "rfc9881.ml_dsa.key_length_invalid");
}
