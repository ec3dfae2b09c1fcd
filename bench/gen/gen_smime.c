/* S/MIME subscriber certificates by the SBR profile matrix: subject attributes per type and
 * generation (§7.1.4.2.3-6), SAN mailboxes (§7.1.4.2.1), keyUsage per key (§7.1.2.3 (e)),
 * EKU per generation (f), the reserved policy OID (a), and the optional extensions each
 * generation allows, as the issuing CA's habits choose. */
#include <stdio.h>
#include <string.h>

#include "bench/gen/gen_fill.h"

static uint8_t gen_dstr(const gen_ctx *x, const char *s) {
    return x->ca->h.printable && gen_names_printable(s, strlen(s)) ? GEN_PRINTABLESTRING
                                                                   : GEN_UTF8STRING;
}

static void gen_attr_str(gen_ctx *x, gen_cert *c, gen_oid_id type, const char *v) {
    gen_cert_add_attr(c, type, gen_dstr(x, v), v);
}

static gen_key_type gen_subscriber_key(gen_ctx *x, int64_t nb) {
    uint32_t w[GEN_KEY_TYPE_COUNT];
    memcpy(w, x->ca->h.key_weight, sizeof w);
    if (nb < GEN_DATE_PQC) {
        /* ML-DSA and ML-KEM keys only from SBR 1.0.11 (SMC013) on */
        w[GEN_KEY_MLDSA44] = w[GEN_KEY_MLDSA65] = w[GEN_KEY_MLDSA87] = w[GEN_KEY_MLKEM768] = 0;
    }
    w[GEN_KEY_RSA1024] = 0;
    uint32_t total = 0;
    for (int t = 0; t < GEN_KEY_TYPE_COUNT; t++) {
        total += w[t];
    }
    if (total == 0) {
        return GEN_KEY_RSA2048;
    }
    return (gen_key_type)gen_rng_weighted(x->r, w, GEN_KEY_TYPE_COUNT);
}

static unsigned gen_smime_ku(const gen_ca *ca, gen_key_type t, gen_rng *r) {
    unsigned nr = ca->h.ku_nr ? GEN_KU_NR : 0;
    if (gen_key_is_rsa(t)) {
        if (ca->h.rsa_split && gen_rng_chance(r, 0.5)) {
            return GEN_KU_KE; /* the encryption half of a signing/encryption pair */
        }
        return ca->h.rsa_dual && gen_rng_chance(r, 0.8) ? GEN_KU_DS | GEN_KU_KE | nr
                                                        : GEN_KU_DS | nr;
    }
    if (gen_key_is_ec(t)) {
        if (ca->h.ec_agree && gen_rng_chance(r, 0.2)) {
            /* key agreement only (an encryption certificate), now and then restricted to
             * enciphering (RFC 5480 §3 allows encipherOnly with keyAgreement) */
            return gen_rng_chance(r, 0.3) ? GEN_KU_KA | GEN_KU_EO : GEN_KU_KA;
        }
        return ca->h.ec_agree && gen_rng_chance(r, 0.8) ? GEN_KU_DS | GEN_KU_KA | nr
                                                        : GEN_KU_DS | nr;
    }
    if (t == GEN_KEY_MLKEM768) {
        return GEN_KU_KE;
    }
    return GEN_KU_DS | nr;
}

/* mailbox_cn: the SAN mailbox a commonName may repeat; ascii_mailbox: the rfc822Name in the
 * SAN that an emailAddress (an IA5String) may repeat, NULL when the SAN has none. */
static void gen_smime_subject(gen_ctx *x, gen_cert *c, int type, int generation,
                              const char *mailbox_cn, const char *ascii_mailbox) {
    const gen_ca *ca = x->ca;
    const gen_identity *id = &x->id;
    gen_rng *r = x->r;
    if (type == GEN_T_MAILBOX) {
        if (ca->h.empty_subject && gen_rng_chance(r, 0.5)) {
            return;
        }
        if (ca->h.cn_present || !ca->h.email_attr) {
            if (ca->h.cn_case && mailbox_cn == ascii_mailbox && gen_rng_chance(r, 0.5)) {
                /* the domain as the applicant typed it: domains compare case-insensitively
                 * (RFC 5321 §2.4), so this is still the SAN's mailbox */
                char *cn = (char *)gen_arena_strdup(x->arena, mailbox_cn);
                char *at = strchr(cn, '@');
                if (at != NULL && at[1] >= 'a' && at[1] <= 'z') {
                    at[1] = (char)(at[1] - 'a' + 'A');
                }
                mailbox_cn = cn;
            }
            gen_cert_add_attr(c, GEN_AT_CN, gen_dstr(x, mailbox_cn), mailbox_cn);
        }
        if (ca->h.email_attr && ascii_mailbox != NULL) {
            gen_cert_add_attr(c, GEN_AT_EMAIL, GEN_IA5STRING, ascii_mailbox);
        }
        return;
    }
    int pseudonym = type == GEN_T_INDIVIDUAL && ca->h.pseudonym && gen_rng_chance(r, 0.3);
    /* Legacy sponsor and individual subjects may name the person by commonName alone
     * (§7.1.4.2.5-6 notes) */
    int cn_only = generation == GEN_G_LEGACY && ca->h.cn_present && !pseudonym &&
                  (type == GEN_T_SPONSOR || type == GEN_T_INDIVIDUAL) && gen_rng_chance(r, 0.15);
    gen_cert_add_attr(c, GEN_AT_C, GEN_PRINTABLESTRING, id->country->code);
    if (ca->h.locality) {
        if (id->state != NULL) {
            gen_attr_str(x, c, GEN_AT_ST, id->state);
        }
        gen_attr_str(x, c, GEN_AT_L, id->city);
        if (ca->h.street && generation != GEN_G_STRICT) {
            gen_attr_str(x, c, GEN_AT_STREET, id->street);
            gen_attr_str(x, c, GEN_AT_POSTAL, id->postal);
        }
    }
    if (type == GEN_T_ORG || type == GEN_T_SPONSOR) {
        gen_attr_str(x, c, GEN_AT_O, id->org);
        if (ca->h.ou && gen_rng_chance(r, 0.5)) {
            gen_attr_str(x, c, GEN_AT_OU, id->affiliate);
        }
        gen_attr_str(x, c, GEN_AT_ORG_ID, id->org_id);
    }
    if (type == GEN_T_SPONSOR || type == GEN_T_INDIVIDUAL) {
        if (pseudonym) {
            gen_attr_str(x, c, GEN_AT_PSEUDONYM, id->pseudonym);
        } else if (!cn_only) {
            gen_attr_str(x, c, GEN_AT_GIVEN, id->given->display);
            gen_attr_str(x, c, GEN_AT_SURNAME, id->surname->display);
        }
        if (type == GEN_T_SPONSOR && gen_rng_chance(r, 0.3)) {
            gen_attr_str(x, c, GEN_AT_TITLE, gen_title(r));
        }
    }
    if (ca->h.serial_attr) {
        /* SBR §7.1.4.2.2 (g): a Natural Person Identifier (ETSI EN 319 412-1 §5.1.3) for
         * people, a CA-assigned number otherwise */
        const char *sn =
            type == GEN_T_SPONSOR || type == GEN_T_INDIVIDUAL
                ? gen_arena_printf(x->arena, "PNO%s-%010llu", id->country->code,
                                   (unsigned long long)gen_rng_below(r, 10000000000ull))
                : gen_arena_printf(x->arena, "%08llu",
                                   (unsigned long long)gen_rng_below(r, 100000000ull));
        gen_cert_add_attr(c, GEN_AT_SERIAL, GEN_PRINTABLESTRING, sn);
    }
    if (ca->h.cn_present) {
        const char *cn = type == GEN_T_ORG ? id->org : pseudonym ? id->pseudonym : id->full_name;
        if (ca->h.cn_mailbox && ascii_mailbox != NULL && gen_rng_chance(r, 0.5)) {
            cn = ascii_mailbox; /* §7.1.4.2.2 (a): a Mailbox Address is allowed for every type */
        } else if (!pseudonym && type != GEN_T_ORG && ca->h.cn_reversed) {
            cn = gen_arena_printf(x->arena, "%s %s", id->surname->display, id->given->display);
        }
        gen_attr_str(x, c, GEN_AT_CN, cn);
    }
    if (ca->h.email_attr && ascii_mailbox != NULL) {
        gen_cert_add_attr(c, GEN_AT_EMAIL, GEN_IA5STRING, ascii_mailbox);
    }
}

static void gen_smime_optional(gen_ctx *x, gen_cert *c, int type, int generation) {
    const gen_ca *ca = x->ca;
    gen_rng *r = x->r;
    if (ca->h.smime_caps) {
        gen_cert_set_ext(c, GEN_X_SMIME_CAPS, 0, gen_statics.smime_caps,
                         gen_statics.smime_caps_len);
    }
    if (ca->h.qc && type != GEN_T_MAILBOX) {
        gen_cert_set_ext(c, GEN_X_QC, 0, gen_statics.qc, gen_statics.qc_len);
    }
    if (ca->h.lei && (type == GEN_T_ORG || type == GEN_T_SPONSOR) && gen_rng_chance(r, 0.5)) {
        gen_der_reset(x->tmp);
        gen_der_str(x->tmp, GEN_PRINTABLESTRING, x->id.lei);
        size_t len;
        const uint8_t *v = gen_ctx_value(x, &len);
        gen_cert_set_ext(c, GEN_X_LEI, 0, v, len);
        if (type == GEN_T_SPONSOR) {
            gen_der_reset(x->tmp);
            gen_der_str(x->tmp, GEN_UTF8STRING, gen_title(r));
            v = gen_ctx_value(x, &len);
            gen_cert_set_ext(c, GEN_X_LEI_ROLE, 0, v, len);
        }
    }
    if (generation == GEN_G_LEGACY && type != GEN_T_MAILBOX && ca->h.qc && gen_rng_chance(r, 0.5)) {
        /* subjectDirectoryAttributes {dateOfBirth} (RFC 3739 §3.2.2) */
        int64_t day = gen_days_from_civil(1950, 1, 1) + (int64_t)gen_rng_below(r, 50 * 365);
        char gt[20];
        /* GeneralizedTime whatever the year: the attribute's syntax, not a validity time. */
        int y;
        unsigned m, d;
        gen_civil_from_days(day, &y, &m, &d);
        snprintf(gt, sizeof gt, "%04d%02u%02u120000Z", y, m, d);
        uint8_t dob_oid[16];
        size_t dl = gen_oid_from_dotted("1.3.6.1.5.5.7.9.1", dob_oid, sizeof dob_oid);
        gen_der_reset(x->tmp);
        gen_der_open(x->tmp, GEN_SEQUENCE);
        gen_der_open(x->tmp, GEN_SEQUENCE);
        gen_der_oid(x->tmp, dob_oid, dl);
        gen_der_open(x->tmp, GEN_SET);
        gen_der_str(x->tmp, GEN_GENERALIZEDTIME, gt);
        gen_der_close(x->tmp);
        gen_der_close(x->tmp);
        gen_der_close(x->tmp);
        size_t len;
        const uint8_t *v = gen_ctx_value(x, &len);
        gen_cert_set_ext(c, GEN_X_SDA, 0, v, len);
    }
    if (generation != GEN_G_STRICT && ca->h.adobe && gen_rng_chance(r, 0.5)) {
        gen_cert_set_ext(c, GEN_X_ADOBE_TS, 0, ca->adobe_ts, ca->adobe_ts_len);
    }
    if (ca->h.ms_template) {
        gen_cert_set_ext(c, GEN_X_MS_TEMPLATE, 0, gen_statics.ms_template,
                         gen_statics.ms_template_len);
    }
}

void gen_smime_fill(gen_ctx *x, gen_cert *c) {
    const gen_ca *ca = x->ca;
    gen_rng *r = x->r;
    int type = GEN_PROFILE_TYPE(x->profile);
    int generation = GEN_PROFILE_GEN(x->profile);
    gen_cert_init(c, ca->order, ca->num_order);
    gen_serial(c, ca, r);
    c->sig_alg = ca->sig_alg;
    c->issuer = ca->subject_der;
    c->issuer_len = ca->subject_len;
    int64_t hi = generation == GEN_G_LEGACY ? GEN_DATE_LEGACY_END - 86400 : GEN_DATE_NOW;
    c->not_before = gen_not_before(ca, r, GEN_DATE_SBR, hi);
    c->not_after = c->not_before + (int64_t)ca->h.validity_days[generation] * 86400 - 1;
    gen_identity_make(&x->id, x->arena, r, ca->country, type == GEN_T_ORG || type == GEN_T_SPONSOR,
                      c->not_before);

    gen_key_type kt = gen_subscriber_key(x, c->not_before);
    const gen_key *key = &x->w->pool.keys[kt][gen_rng_below(r, x->w->pool.count[kt])];
    c->key = key;
    c->spki = key->spki;
    c->spki_len = key->spki_len;
    c->ski = gen_ski_for(ca, key);
    c->ku = gen_smime_ku(ca, kt, r);

    /* Mailboxes: an ASCII one, or for a non-ASCII local part an SmtpUTF8Mailbox (RFC 9598). */
    const char *ascii = x->id.mailbox;
    int utf8 = ca->h.smtputf8 && x->id.utf8_mailbox != NULL && gen_rng_chance(r, 0.5);
    if (utf8) {
        gen_cert_add_gname(c, GEN_GN_SMTPUTF8, x->id.utf8_mailbox);
        if (gen_rng_chance(r, 0.5)) {
            gen_cert_add_gname(c, GEN_GN_EMAIL, ascii);
        } else {
            ascii = NULL;
        }
    } else {
        gen_cert_add_gname(c, GEN_GN_EMAIL, ascii);
    }
    if (ca->h.aliases && gen_rng_chance(r, 0.3)) {
        const char *at = strchr(x->id.mailbox, '@');
        gen_cert_add_gname(c, GEN_GN_EMAIL,
                           gen_arena_printf(x->arena, "%s.%s%s", x->id.given->ascii,
                                            x->id.surname->ascii, at != NULL ? at : "@invalid"));
    }
    if (generation != GEN_G_STRICT && ca->h.upn && gen_rng_chance(r, 0.5)) {
        gen_cert_add_gname(c, GEN_GN_UPN, x->id.mailbox);
    }
    gen_smime_subject(x, c, type, generation, utf8 ? x->id.utf8_mailbox : ascii, ascii);

    c->eku[c->num_eku++] = GEN_KP_EMAIL;
    if (generation != GEN_G_STRICT && ca->h.eku_client && kt != GEN_KEY_MLKEM768) {
        c->eku[c->num_eku++] = GEN_KP_CLIENT;
    }
    uint8_t len;
    const uint8_t *oid = gen_reserved_oid(x->profile, &len);
    c->pol[c->num_pol++] = (gen_policy){oid, len, NULL, NULL};
    if (ca->h.own_policy) {
        c->pol[c->num_pol++] = (gen_policy){
            ca->own_policy, ca->own_policy_len, ca->h.cps ? ca->cps_url : NULL,
            ca->h.user_notice ? "Issued under the S/MIME Baseline Requirements" : NULL};
    }
    gen_cert_set_ext(c, GEN_X_KU, 1, NULL, 0);
    gen_cert_set_ext(c, GEN_X_EKU, 0, NULL, 0);
    gen_cert_set_ext(c, GEN_X_SAN, c->num_subject == 0, NULL, 0);
    gen_cert_set_ext(c, GEN_X_CP, 0, NULL, 0);
    if (generation == GEN_G_LEGACY && ca->h.ldap_crl) {
        gen_cert_set_ext(c, GEN_X_CRLDP, 0, ca->crldp_ldap, ca->crldp_ldap_len);
    } else {
        gen_cert_set_ext(c, GEN_X_CRLDP, 0, ca->crldp, ca->crldp_len);
    }
    if (generation == GEN_G_LEGACY && ca->h.ldap_aia) {
        gen_cert_set_ext(c, GEN_X_AIA, 0, ca->aia_ldap, ca->aia_ldap_len);
    } else {
        gen_cert_set_ext(c, GEN_X_AIA, 0, ca->aia, ca->aia_len);
    }
    gen_cert_set_ext(c, GEN_X_AKI, 0, ca->aki, ca->aki_len);
    gen_cert_set_ext(c, GEN_X_SKI, 0, NULL, 0);
    gen_smime_optional(x, c, type, generation);
    c->signer = &ca->key;
    c->sign_real = gen_world_sign_real(x->w, ca);
}
