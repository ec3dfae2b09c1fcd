#include "tests/support/tcert.h"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/der.h"
#include "tests/support/derb.h"

static const uint8_t tcert_default_serial[] = {0x4A, 0x1B, 0x2C, 0x3D, 0x4E, 0x5F, 0x60, 0x71};

void tcert_defaults(tcert *t) {
    memset(t, 0, sizeof *t);
    t->version = 2;
    t->serial = tcert_default_serial;
    t->serial_len = sizeof tcert_default_serial;
    t->tbs_sig_oid = "1.2.840.10045.4.3.2"; /* ecdsa-with-SHA256 */
    t->issuer_cn = "certscan Test CA";
    t->subject_cn = "certscan test subscriber";
    t->not_before = "250101000000Z";
    t->not_before_tag = CS_DER_UTCTIME;
    t->not_after = "260101000000Z";
    t->not_after_tag = CS_DER_UTCTIME;
    t->with_extensions = 1;
}

void tcert_add_ext(tcert *t, const char *oid, int critical, const uint8_t *value, size_t len) {
    if (t->num_exts >= TCERT_MAX_EXTS) {
        abort();
    }
    tcert_ext *e = &t->ext[t->num_exts++];
    memset(e, 0, sizeof *e);
    e->oid = oid;
    e->critical = critical;
    e->value = value;
    e->value_len = len;
}

void tcert_make_ca(tcert *t) {
    static const uint8_t bc_ca[] = {0x30, 0x03, 0x01, 0x01, 0xFF};
    static const uint8_t ku_cert_crl[] = {0x03, 0x02, 0x01, 0x06};
    tcert_add_ext(t, "2.5.29.19", 1, bc_ca, sizeof bc_ca);
    tcert_add_ext(t, "2.5.29.15", 1, ku_cert_crl, sizeof ku_cert_crl);
}

/* SubjectPublicKeyInfo DER of a key generated once per process and type. */
static const uint8_t *tcert_spki(int key_type, size_t *out_len) {
    static uint8_t *cache[3];
    static size_t cache_len[3];
    if (key_type < 0 || key_type > 2) {
        abort();
    }
    if (cache[key_type] == NULL) {
        EVP_PKEY *pkey = key_type == 0   ? EVP_EC_gen("P-256")
                         : key_type == 1 ? EVP_RSA_gen(2048)
                                         : EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
        if (pkey == NULL) {
            abort();
        }
        unsigned char *der = NULL;
        int len = i2d_PUBKEY(pkey, &der);
        if (len <= 0) {
            abort();
        }
        cache[key_type] = der;
        cache_len[key_type] = (size_t)len;
        EVP_PKEY_free(pkey);
    }
    *out_len = cache_len[key_type];
    return cache[key_type];
}

static void tcert_name(derb *b, const char *cn) {
    derb_open(b, CS_DER_SEQUENCE);
    if (cn != NULL) {
        derb_open(b, CS_DER_SET);
        derb_open(b, CS_DER_SEQUENCE);
        derb_oid(b, "2.5.4.6");
        derb_str(b, CS_DER_PRINTABLESTRING, "US");
        derb_close(b);
        derb_close(b);
        derb_open(b, CS_DER_SET);
        derb_open(b, CS_DER_SEQUENCE);
        derb_oid(b, "2.5.4.10");
        derb_str(b, CS_DER_UTF8STRING, "certscan tests");
        derb_close(b);
        derb_close(b);
        derb_open(b, CS_DER_SET);
        derb_open(b, CS_DER_SEQUENCE);
        derb_oid(b, "2.5.4.3");
        derb_str(b, CS_DER_UTF8STRING, cn);
        derb_close(b);
        derb_close(b);
    }
    derb_close(b);
}

static void tcert_alg(derb *b, const char *oid, int null_params) {
    derb_open(b, CS_DER_SEQUENCE);
    derb_oid(b, oid);
    if (null_params) {
        derb_null(b);
    }
    derb_close(b);
}

uint8_t *tcert_build(const tcert *t, size_t *out_len) {
    derb b;
    derb_init(&b);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_open(&b, CS_DER_SEQUENCE); /* tbsCertificate */
    if (t->version >= 0) {
        derb_open(&b, CS_DER_CONTEXT_CONS(0));
        derb_int(&b, t->version);
        derb_close(&b);
    }
    derb_int_bytes(&b, t->serial, t->serial_len);
    tcert_alg(&b, t->tbs_sig_oid, t->tbs_sig_null);
    tcert_name(&b, t->issuer_cn);
    derb_open(&b, CS_DER_SEQUENCE);
    derb_str(&b, t->not_before_tag, t->not_before);
    derb_str(&b, t->not_after_tag, t->not_after);
    derb_close(&b);
    tcert_name(&b, t->subject_cn);
    size_t spki_len;
    const uint8_t *spki = tcert_spki(t->key_type, &spki_len);
    derb_raw(&b, spki, spki_len);
    if (t->with_extensions) {
        derb_open(&b, CS_DER_CONTEXT_CONS(3));
        derb_open(&b, CS_DER_SEQUENCE);
        for (int i = 0; i < t->num_exts; i++) {
            const tcert_ext *e = &t->ext[i];
            derb_open(&b, CS_DER_SEQUENCE);
            derb_oid(&b, e->oid);
            if (e->critical) {
                derb_bool(&b, 1);
            } else if (e->encode_false) {
                derb_bool(&b, 0);
            }
            derb_prim(&b, CS_DER_OCTET_STRING, e->value, e->value_len);
            derb_close(&b);
        }
        derb_close(&b);
        derb_close(&b);
    }
    derb_close(&b); /* tbsCertificate */
    tcert_alg(&b, t->sig_oid != NULL ? t->sig_oid : t->tbs_sig_oid,
              t->sig_oid != NULL ? t->sig_null : t->tbs_sig_null);
    /* A well-formed ECDSA-Sig-Value {r = 1, s = 1}: structure right, value meaningless. */
    static const uint8_t placeholder_sig[] = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01};
    derb_bits(&b, 0, placeholder_sig, sizeof placeholder_sig);
    derb_close(&b);
    if (b.failed || b.depth != 0) {
        abort();
    }
    return derb_take(&b, out_len);
}
