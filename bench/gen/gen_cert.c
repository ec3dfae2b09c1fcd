#include "bench/gen/gen_cert.h"

#include <string.h>

static const gen_oid_id gen_ext_oid[GEN_X_COUNT] = {
    [GEN_X_BC] = GEN_EXT_BC,
    [GEN_X_KU] = GEN_EXT_KU,
    [GEN_X_EKU] = GEN_EXT_EKU,
    [GEN_X_SAN] = GEN_EXT_SAN,
    [GEN_X_CP] = GEN_EXT_CP,
    [GEN_X_CRLDP] = GEN_EXT_CRLDP,
    [GEN_X_AIA] = GEN_EXT_AIA,
    [GEN_X_AKI] = GEN_EXT_AKI,
    [GEN_X_SKI] = GEN_EXT_SKI,
    [GEN_X_NC] = GEN_EXT_NC,
    [GEN_X_SMIME_CAPS] = GEN_EXT_SMIME_CAPS,
    [GEN_X_QC] = GEN_EXT_QC,
    [GEN_X_LEI] = GEN_EXT_LEI,
    [GEN_X_LEI_ROLE] = GEN_EXT_LEI_ROLE,
    [GEN_X_SDA] = GEN_EXT_SDA,
    [GEN_X_ADOBE_TS] = GEN_EXT_ADOBE_TS,
    [GEN_X_SCT] = GEN_EXT_SCT,
    [GEN_X_POISON] = GEN_EXT_POISON,
    [GEN_X_MS_TEMPLATE] = GEN_EXT_MS_TEMPLATE,
    [GEN_X_PRIVATE] = GEN_EXT_PRIVATE,
};

void gen_cert_init(gen_cert *c, const uint8_t *order, int num_order) {
    /* Only the scalar part and the counts need clearing; arrays are written before read. */
    memset(c, 0, offsetof(gen_cert, subject));
    c->num_subject = 0;
    c->num_eku = 0;
    c->num_pol = 0;
    c->num_san = 0;
    c->bc_ca = 0;
    c->bc_path_len = -1;
    c->ku = 0;
    c->ski = NULL;
    c->key = NULL;
    c->spki = NULL;
    c->spki_len = 0;
    memset(c->ext, 0, sizeof c->ext);
    memcpy(c->order, order, (size_t)num_order);
    c->num_order = num_order;
    c->version = 2;
    c->signer = NULL;
    c->sign_real = 0;
}

void gen_cert_add_attr(gen_cert *c, gen_oid_id type, uint8_t tag, const char *value) {
    if (c->num_subject < GEN_MAX_ATTRS) {
        c->subject[c->num_subject++] =
            (gen_attr){.type = type, .tag = tag, .len = (uint16_t)strlen(value), .value = value};
    }
}

void gen_cert_add_gname(gen_cert *c, gen_gn_kind kind, const char *value) {
    if (c->num_san < GEN_MAX_NAMES) {
        c->san[c->num_san++] =
            (gen_gname){.kind = (uint8_t)kind, .len = (uint16_t)strlen(value), .value = value};
    }
}

void gen_cert_set_ext(gen_cert *c, gen_ext_id id, int critical, const uint8_t *value, size_t len) {
    c->ext[id].present = 1;
    c->ext[id].critical = (uint8_t)critical;
    c->ext[id].duplicate = 0;
    c->ext[id].value = value;
    c->ext[id].len = len;
}

int gen_cert_find_attr(const gen_cert *c, gen_oid_id type) {
    for (int i = 0; i < c->num_subject; i++) {
        if (c->subject[i].type == type) {
            return i;
        }
    }
    return -1;
}

void gen_cert_remove_attr(gen_cert *c, int index) {
    if (index < 0 || index >= c->num_subject) {
        return;
    }
    memmove(&c->subject[index], &c->subject[index + 1],
            (size_t)(c->num_subject - index - 1) * sizeof c->subject[0]);
    c->num_subject--;
}

void gen_cert_put_attr(gen_cert *c, gen_oid_id type, uint8_t tag, const char *value) {
    int i = gen_cert_find_attr(c, type);
    if (i < 0) {
        gen_cert_add_attr(c, type, tag, value);
        return;
    }
    c->subject[i] =
        (gen_attr){.type = type, .tag = tag, .len = (uint16_t)strlen(value), .value = value};
}

int64_t gen_days_from_civil(int y, unsigned m, unsigned d) {
    /* Howard Hinnant's days_from_civil. */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3u : 9u)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void gen_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (*m <= 2));
}

static void gen_put2(char *p, unsigned v) {
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

uint8_t gen_time_text(int64_t t, char out[16]) {
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    int y;
    unsigned m, d;
    gen_civil_from_days(days, &y, &m, &d);
    char *p = out;
    uint8_t tag;
    if (y >= 1950 && y < 2050) {
        gen_put2(p, (unsigned)(y % 100));
        p += 2;
        tag = GEN_UTCTIME;
    } else {
        gen_put2(p, (unsigned)(y / 100));
        gen_put2(p + 2, (unsigned)(y % 100));
        p += 4;
        tag = GEN_GENERALIZEDTIME;
    }
    gen_put2(p, m);
    gen_put2(p + 2, d);
    gen_put2(p + 4, (unsigned)(secs / 3600));
    gen_put2(p + 6, (unsigned)(secs / 60 % 60));
    gen_put2(p + 8, (unsigned)(secs % 60));
    p[10] = 'Z';
    p[11] = '\0';
    return tag;
}

static void gen_time(gen_der *d, int64_t t, const char *text, uint8_t tag) {
    if (text != NULL) {
        gen_der_str(d, tag, text);
        return;
    }
    char buf[16];
    tag = gen_time_text(t, buf);
    gen_der_str(d, tag, buf);
}

void gen_name_encode(gen_der *d, const gen_attr *attrs, int num) {
    gen_der_open(d, GEN_SEQUENCE);
    for (int i = 0; i < num; i++) {
        const gen_attr *a = &attrs[i];
        gen_der_open(d, GEN_SET);
        gen_der_open(d, GEN_SEQUENCE);
        gen_der_oid(d, gen_oids[a->type].b, gen_oids[a->type].len);
        gen_der_prim(d, a->tag, a->value, a->len);
        gen_der_close(d);
        gen_der_close(d);
    }
    gen_der_close(d);
}

static void gen_oid_w(gen_der *d, gen_oid_id id) {
    gen_der_oid(d, gen_oids[id].b, gen_oids[id].len);
}

static void gen_ku_value(gen_der *d, unsigned bits) {
    uint8_t octets[2] = {0, 0};
    int highest = -1;
    for (int i = 0; i < 9; i++) {
        if (bits & (1u << i)) {
            octets[i / 8] |= (uint8_t)(0x80u >> (i % 8));
            highest = i;
        }
    }
    size_t n = highest < 0 ? 0 : (size_t)(highest / 8 + 1);
    unsigned unused = highest < 0 ? 0 : (unsigned)(7 - highest % 8);
    gen_der_bits(d, unused, octets, n);
}

static void gen_gname_w(gen_der *d, const gen_gname *g) {
    switch (g->kind) {
    case GEN_GN_EMAIL:
        gen_der_prim(d, GEN_CTX(1), g->value, g->len);
        break;
    case GEN_GN_DNS:
        gen_der_prim(d, GEN_CTX(2), g->value, g->len);
        break;
    case GEN_GN_URI:
        gen_der_prim(d, GEN_CTX(6), g->value, g->len);
        break;
    case GEN_GN_IP:
        gen_der_prim(d, GEN_CTX(7), g->value, g->len);
        break;
    default:
        /* otherName [0] { type-id, [0] EXPLICIT UTF8String } */
        gen_der_open(d, GEN_CTX_CONS(0));
        gen_oid_w(d, g->kind == GEN_GN_SMTPUTF8 ? GEN_ON_SMTPUTF8 : GEN_ON_UPN);
        gen_der_open(d, GEN_CTX_CONS(0));
        gen_der_prim(d, GEN_UTF8STRING, g->value, g->len);
        gen_der_close(d);
        gen_der_close(d);
        break;
    }
}

static void gen_policies_w(gen_der *d, const gen_cert *c) {
    gen_der_open(d, GEN_SEQUENCE);
    for (int i = 0; i < c->num_pol; i++) {
        const gen_policy *p = &c->pol[i];
        gen_der_open(d, GEN_SEQUENCE);
        gen_der_oid(d, p->oid, p->len);
        if (p->cps != NULL || p->notice != NULL) {
            gen_der_open(d, GEN_SEQUENCE);
            if (p->cps != NULL) {
                gen_der_open(d, GEN_SEQUENCE);
                gen_oid_w(d, GEN_QT_CPS);
                gen_der_str(d, GEN_IA5STRING, p->cps);
                gen_der_close(d);
            }
            if (p->notice != NULL) {
                gen_der_open(d, GEN_SEQUENCE);
                gen_oid_w(d, GEN_QT_UNOTICE);
                gen_der_open(d, GEN_SEQUENCE);
                gen_der_str(d, GEN_UTF8STRING, p->notice);
                gen_der_close(d);
                gen_der_close(d);
            }
            gen_der_close(d);
        }
        gen_der_close(d);
    }
    gen_der_close(d);
}

/* The value of an extension built from the certificate's fields. */
static void gen_ext_value(gen_der *d, const gen_cert *c, gen_ext_id id) {
    switch (id) {
    case GEN_X_BC:
        gen_der_open(d, GEN_SEQUENCE);
        if (c->bc_ca) {
            gen_der_bool_true(d);
        }
        if (c->bc_path_len >= 0) {
            gen_der_int(d, (uint64_t)c->bc_path_len);
        }
        gen_der_close(d);
        break;
    case GEN_X_KU:
        gen_ku_value(d, c->ku);
        break;
    case GEN_X_EKU:
        gen_der_open(d, GEN_SEQUENCE);
        for (int i = 0; i < c->num_eku; i++) {
            gen_oid_w(d, c->eku[i]);
        }
        gen_der_close(d);
        break;
    case GEN_X_SAN:
        gen_der_open(d, GEN_SEQUENCE);
        for (int i = 0; i < c->num_san; i++) {
            gen_gname_w(d, &c->san[i]);
        }
        gen_der_close(d);
        break;
    case GEN_X_CP:
        gen_policies_w(d, c);
        break;
    case GEN_X_SKI:
        gen_der_prim(d, GEN_OCTET_STRING, c->ski, 20);
        break;
    default:
        /* Every other extension carries a fixed value set by its filler. */
        d->failed = 1;
        break;
    }
}

static void gen_ext_w(gen_der *d, const gen_cert *c, gen_ext_id id) {
    const gen_ext *e = &c->ext[id];
    gen_der_open(d, GEN_SEQUENCE);
    gen_oid_w(d, gen_ext_oid[id]);
    if (e->critical) {
        gen_der_bool_true(d);
    }
    if (e->value != NULL) {
        gen_der_prim(d, GEN_OCTET_STRING, e->value, e->len);
    } else {
        gen_der_open(d, GEN_OCTET_STRING);
        gen_ext_value(d, c, id);
        gen_der_close(d);
    }
    gen_der_close(d);
}

/* tbsCertificate */
static void gen_tbs_write(gen_der *out, const gen_cert *c) {
    const gen_sig_alg_der *alg = &gen_sig_algs[c->sig_alg];
    gen_der_open(out, GEN_SEQUENCE);
    gen_der_open(out, GEN_CTX_CONS(0));
    gen_der_int(out, (uint64_t)c->version);
    gen_der_close(out);
    gen_der_prim(out, GEN_INTEGER, c->serial, c->serial_len);
    gen_der_raw(out, alg->b, alg->len);
    gen_der_raw(out, c->issuer, c->issuer_len);
    gen_der_open(out, GEN_SEQUENCE);
    gen_time(out, c->not_before, c->nb_text, c->nb_tag);
    gen_time(out, c->not_after, c->na_text, c->na_tag);
    gen_der_close(out);
    gen_name_encode(out, c->subject, c->num_subject);
    gen_der_raw(out, c->spki, c->spki_len);
    gen_der_open(out, GEN_CTX_CONS(3));
    gen_der_open(out, GEN_SEQUENCE);
    for (int i = 0; i < c->num_order; i++) {
        gen_ext_id id = (gen_ext_id)c->order[i];
        if (c->ext[id].present) {
            gen_ext_w(out, c, id);
            if (c->ext[id].duplicate) {
                gen_ext_w(out, c, id);
            }
        }
    }
    gen_der_close(out);
    gen_der_close(out);
    gen_der_close(out);
}

int gen_cert_encode_tbs(const gen_cert *c, gen_der *out) {
    gen_der_reset(out);
    gen_tbs_write(out, c);
    return !out->failed && out->depth == 0;
}

int gen_cert_encode(const gen_cert *c, gen_signer *s, gen_rng *r, gen_der *out, size_t *tbs_off,
                    size_t *tbs_len) {
    const gen_sig_alg_der *alg = &gen_sig_algs[c->sig_alg];
    gen_der_reset(out);
    gen_der_open(out, GEN_SEQUENCE);
    size_t tbs_start = out->len;
    gen_tbs_write(out, c);
    if (out->failed) {
        return 0;
    }
    size_t tlen = out->len - tbs_start;
    gen_der_raw(out, alg->b, alg->len);
    /* gen_sign appends to `out` while reading the TBS from it: reserve the largest signature
     * (ML-DSA-87, 4627 octets) first so the buffer cannot move under the pointer. */
    if (gen_der_reserve(out, 8192) == NULL ||
        !gen_sign(s, c->signer, c->sig_alg, c->sign_real, out->buf + tbs_start, tlen, r, out)) {
        return 0;
    }
    gen_der_close(out);
    if (tbs_off != NULL) {
        /* Closing the outer SEQUENCE may have widened its length field, moving the TBS. */
        *tbs_off = out->len > 1 && out->buf[1] >= 0x80 ? 2 + (size_t)(out->buf[1] & 0x7F) : 2;
        *tbs_len = tlen;
    }
    return !out->failed && out->depth == 0;
}
