/* The certificate view (cs_x509_parse) against OpenSSL's reading of the same DER bytes, over
 * every real certificate in corpora/: the CCADB export (10,229 CA certificates), Mozilla's roots
 * and zlint's test certificates. For every certificate both accept, the names (raw DER, entries,
 * RDN grouping), serial, validity, key type and size, signature fields and extension list must
 * agree. Certificates only one side rejects are listed: certscan-only rejections are findings to
 * look at, OpenSSL-only ones are where certscan is more lenient (and its rules report). */
#include <criterion/criterion.h>

#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "io/input.h"
#include "scanner/x509.h"
#include "scanner/x509_spki.h"

/* Details printed per category before going quiet (the counts stay exact). */
#define MAX_PRINTED 60

typedef struct view_stats {
    const char *corpus;
    size_t files;
    size_t read;            /* certificate entries read */
    size_t input_rejected;  /* entries the input layer rejected (bad base64, ...) */
    size_t both;            /* parsed by both */
    size_t ours_only;       /* rejected by certscan only */
    size_t ossl_only;       /* rejected by OpenSSL only */
    size_t neither;         /* rejected by both */
    size_t mismatches;      /* certificates where a compared field differs */
    size_t key_not_decoded; /* OpenSSL parsed the certificate but not its public key */
    size_t key_compared;
    size_t time_not_compared; /* ASN1_TIME_to_tm could not read a time */
    size_t skipped_blocks;    /* PEM blocks that are not certificates (CRLs in zlint's data) */
    size_t attrs_compared, exts_compared;
    size_t key_types[CS_KEY_TYPE_COUNT]; /* keys compared, by type */
    size_t printed_mismatch, printed_ours, printed_ossl;
} view_stats;

typedef struct cert_ref {
    const char *path;
    uint64_t index;
    uint64_t line;
    char sha256[65];
} cert_ref;

static void hex_into(char *out, const uint8_t *p, size_t n) {
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[p[i] >> 4];
        out[2 * i + 1] = hex[p[i] & 15];
    }
    out[2 * n] = '\0';
}

static void print_hex(FILE *f, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%02x", p[i]);
    }
}

/* Collects the differences found in one certificate; printed together. */
typedef struct diff_log {
    char text[4096];
    size_t len;
    int count;
} diff_log;

__attribute__((format(printf, 2, 3))) static void diff(diff_log *d, const char *fmt, ...) {
    d->count++;
    if (d->len + 2 >= sizeof d->text) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(d->text + d->len, sizeof d->text - d->len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        d->len += (size_t)n;
        if (d->len >= sizeof d->text - 1) {
            d->len = sizeof d->text - 2;
        }
        d->text[d->len++] = '\n';
        d->text[d->len] = '\0';
    }
}

static int span_eq(cs_der a, const uint8_t *p, size_t n) {
    return a.len == n && (n == 0 || memcmp(a.ptr, p, n) == 0);
}

static int oid_eq(cs_der ours, const ASN1_OBJECT *obj) {
    const unsigned char *data = OBJ_get0_data(obj);
    size_t n = OBJ_length(obj);
    return span_eq(ours, data, n);
}

/* Octets of the identifier and length of a DER element with this tag and content length. */
static size_t der_header_len(uint32_t tag, size_t len) {
    size_t n = 1;
    uint32_t number = tag & CS_DER_NUMBER_MASK;
    if (number >= 31) {
        for (; number != 0; number >>= 7) {
            n++;
        }
    }
    n++;
    if (len >= 0x80) {
        for (size_t v = len; v != 0; v >>= 8) {
            n++;
        }
    }
    return n;
}

static void compare_name(const char *which, const cs_x509_name *ours, const X509_NAME *theirs,
                         view_stats *st, diff_log *d) {
    unsigned char *enc = NULL;
    int enc_len = i2d_X509_NAME(theirs, &enc);
    if (enc_len < 0 || !span_eq(ours->raw, enc, (size_t)enc_len)) {
        diff(d, "%s: raw Name differs (ours %zu bytes, OpenSSL %d)", which, ours->raw.len, enc_len);
    }
    OPENSSL_free(enc);

    int count = X509_NAME_entry_count(theirs);
    if (count < 0 || (size_t)count != ours->total_attrs) {
        diff(d, "%s: %u attributes, OpenSSL %d", which, ours->total_attrs, count);
        return;
    }
    for (int i = 0; i < count && i < (int)ours->num_attrs; i++) {
        const cs_x509_attr *a = &ours->attr[i];
        st->attrs_compared++;
        const X509_NAME_ENTRY *e = X509_NAME_get_entry(theirs, i);
        if (!oid_eq(a->oid, X509_NAME_ENTRY_get_object(e))) {
            diff(d, "%s: attribute %d type differs", which, i);
        }
        if (X509_NAME_ENTRY_set(e) != (int)a->rdn) {
            diff(d, "%s: attribute %d in RDN %u, OpenSSL %d", which, i, a->rdn,
                 X509_NAME_ENTRY_set(e));
        }
        const ASN1_STRING *s = X509_NAME_ENTRY_get_data(e);
        const unsigned char *data = ASN1_STRING_get0_data(s);
        size_t n = (size_t)ASN1_STRING_length(s);
        int type = ASN1_STRING_type(s);
        if (type == V_ASN1_SEQUENCE || type == V_ASN1_SET || type == V_ASN1_OTHER) {
            /* Not a string type: OpenSSL keeps the value's whole encoding. */
            size_t h = der_header_len(a->tag, a->value.len);
            cs_der whole = cs_der_make(a->value.ptr - h, a->value.len + h);
            if (!span_eq(whole, data, n)) {
                diff(d, "%s: attribute %d value (tag %08x, OpenSSL type %d) differs", which, i,
                     a->tag, type);
            }
        } else {
            /* A string (BMPString as raw UCS-2 octets, UniversalString as UCS-4): the content
             * octets, and the type is the universal tag number. */
            if ((a->tag & ~CS_DER_NUMBER_MASK) != 0 || (uint32_t)type != a->tag) {
                diff(d, "%s: attribute %d tag %08x, OpenSSL type %d", which, i, a->tag, type);
            }
            cs_der value = a->value;
            if (type == V_ASN1_BIT_STRING && value.len > 0) {
                /* OpenSSL keeps the unused-bits count in the flags, not in the data. */
                value = cs_der_make(value.ptr + 1, value.len - 1);
            }
            if (!span_eq(value, data, n)) {
                diff(d, "%s: attribute %d value differs (%zu bytes, OpenSSL %zu)", which, i,
                     a->value.len, n);
            }
        }
    }
}

/* The serial as a signed BIGNUM (two's complement, as encoded). */
static BIGNUM *serial_bn(cs_der serial) {
    BIGNUM *bn;
    if (serial.len > 0 && (serial.ptr[0] & 0x80)) {
        uint8_t *tmp = malloc(serial.len);
        for (size_t i = 0; i < serial.len; i++) {
            tmp[i] = (uint8_t)~serial.ptr[i];
        }
        bn = BN_bin2bn(tmp, (int)serial.len, NULL);
        BN_add_word(bn, 1);
        BN_set_negative(bn, 1);
        free(tmp);
    } else {
        bn = BN_bin2bn(serial.ptr, (int)serial.len, NULL);
    }
    return bn;
}

static void compare_time(const char *which, const cs_x509_time *ours, const ASN1_TIME *theirs,
                         view_stats *st, diff_log *d) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!ASN1_TIME_to_tm(theirs, &tm)) {
        st->time_not_compared++;
        return;
    }
    int64_t epoch = (int64_t)timegm(&tm);
    if (epoch != ours->epoch) {
        diff(d, "%s: epoch %lld, OpenSSL %lld", which, (long long)ours->epoch, (long long)epoch);
    }
    if ((uint32_t)ASN1_STRING_type(theirs) != ours->tag) {
        diff(d, "%s: tag %u, OpenSSL type %d", which, ours->tag, ASN1_STRING_type(theirs));
    }
}

static void compare_key(const cs_x509 *v, X509 *x, view_stats *st, diff_log *d) {
    EVP_PKEY *pk = X509_get0_pubkey(x);
    if (pk == NULL) {
        st->key_not_decoded++;
        ERR_clear_error();
        return;
    }
    st->key_compared++;
    int id = EVP_PKEY_get_base_id(pk);
    int bits = EVP_PKEY_get_bits(pk);
    cs_key_type expected;
    switch (id) {
    case EVP_PKEY_RSA:
        expected = CS_KEY_RSA;
        break;
    case EVP_PKEY_RSA_PSS:
        expected = CS_KEY_RSA_PSS;
        break;
    case EVP_PKEY_EC:
        expected = CS_KEY_EC;
        break;
    case EVP_PKEY_DSA:
        expected = CS_KEY_DSA;
        break;
    case EVP_PKEY_ED25519:
        expected = CS_KEY_ED25519;
        bits = bits == 253 ? 256 : bits; /* OpenSSL counts the group order's bits */
        break;
    case EVP_PKEY_ED448:
        expected = CS_KEY_ED448;
        break;
    case EVP_PKEY_X25519:
        expected = CS_KEY_X25519;
        bits = bits == 253 ? 256 : bits;
        break;
    case EVP_PKEY_X448:
        expected = CS_KEY_X448;
        break;
    case EVP_PKEY_SM2:
        expected = CS_KEY_OTHER;
        break;
    default:
        diff(d, "key: OpenSSL type %d (%s) has no mapping", id, OBJ_nid2sn(id));
        return;
    }
    if (v->spki.type != expected) {
        /* An SM2-curve EC key is EVP_PKEY_EC in OpenSSL 3 and EC for certscan; the SM2
         * algorithm OID is CS_KEY_OTHER. */
        diff(d, "key: type %s, OpenSSL %s", cs_key_type_name(v->spki.type), OBJ_nid2sn(id));
        return;
    }
    if (expected == CS_KEY_EC && (v->spki.curve == CS_CURVE_EXPLICIT || v->spki.bits == 0)) {
        return; /* explicit parameters or an unknown named curve: no size in the view */
    }
    if (expected == CS_KEY_OTHER) {
        return;
    }
    st->key_types[expected]++;
    if ((int)v->spki.bits != bits) {
        diff(d, "key: %s %u bits, OpenSSL %d", cs_key_type_name(v->spki.type), v->spki.bits, bits);
    }
}

static void compare_extensions(const cs_x509 *v, X509 *x, view_stats *st, diff_log *d) {
    int count = X509_get_ext_count(x);
    if (count < 0 || (size_t)count != v->total_exts) {
        diff(d, "extensions: %u, OpenSSL %d", v->total_exts, count);
        return;
    }
    if (v->has_extensions != (X509_get0_extensions(x) != NULL)) {
        diff(d, "extensions: has_extensions %u, OpenSSL %s", v->has_extensions,
             X509_get0_extensions(x) != NULL ? "present" : "absent");
    }
    for (int i = 0; i < count && i < (int)v->num_exts; i++) {
        X509_EXTENSION *e = X509_get_ext(x, i);
        const cs_x509_ext *ours = &v->ext[i];
        st->exts_compared++;
        if (!oid_eq(ours->oid, X509_EXTENSION_get_object(e))) {
            diff(d, "extension %d: OID differs", i);
        }
        if ((X509_EXTENSION_get_critical(e) > 0) != (ours->critical != 0)) {
            diff(d, "extension %d: critical %u, OpenSSL %d", i, ours->critical,
                 X509_EXTENSION_get_critical(e));
        }
        const ASN1_OCTET_STRING *val = X509_EXTENSION_get_data(e);
        if (!span_eq(ours->value, ASN1_STRING_get0_data(val), (size_t)ASN1_STRING_length(val))) {
            diff(d, "extension %d: extnValue differs", i);
        }
    }
}

static void compare_view(const cs_x509 *v, X509 *x, view_stats *st, diff_log *d) {
    long version = X509_get_version(x);
    if ((uint64_t)version != v->version_value) {
        diff(d, "version: %llu, OpenSSL %ld", (unsigned long long)v->version_value, version);
    }

    const ASN1_INTEGER *serial = X509_get0_serialNumber(x);
    BIGNUM *theirs = ASN1_INTEGER_to_BN(serial, NULL), *ours = serial_bn(v->serial);
    if (theirs == NULL || ours == NULL || BN_cmp(theirs, ours) != 0) {
        char *a = ours ? BN_bn2hex(ours) : NULL, *b = theirs ? BN_bn2hex(theirs) : NULL;
        diff(d, "serial: %s, OpenSSL %s", a ? a : "?", b ? b : "?");
        OPENSSL_free(a);
        OPENSSL_free(b);
    }
    BN_free(theirs);
    BN_free(ours);

    const ASN1_BIT_STRING *sig;
    const X509_ALGOR *alg;
    const ASN1_OBJECT *obj;
    X509_get0_signature(&sig, &alg, x);
    X509_ALGOR_get0(&obj, NULL, NULL, alg);
    if (!oid_eq(v->sig_alg.oid, obj)) {
        diff(d, "signatureAlgorithm: OID differs");
    }
    X509_ALGOR_get0(&obj, NULL, NULL, X509_get0_tbs_sigalg(x));
    if (!oid_eq(v->tbs_sig_alg.oid, obj)) {
        diff(d, "tbsCertificate.signature: OID differs");
    }
    if (!span_eq(v->signature, ASN1_STRING_get0_data(sig), (size_t)ASN1_STRING_length(sig))) {
        /* OpenSSL drops trailing zero octets of a BIT STRING only when it re-encodes; d2i keeps
         * the octets as they are. */
        diff(d, "signatureValue: %zu octets, OpenSSL %d", v->signature.len,
             ASN1_STRING_length(sig));
    }

    compare_name("issuer", &v->issuer, X509_get_issuer_name(x), st, d);
    compare_name("subject", &v->subject, X509_get_subject_name(x), st, d);
    compare_time("notBefore", &v->not_before, X509_get0_notBefore(x), st, d);
    compare_time("notAfter", &v->not_after, X509_get0_notAfter(x), st, d);
    compare_key(v, x, st, d);
    compare_extensions(v, x, st, d);
}

static void print_ref(FILE *f, const cert_ref *r) {
    fprintf(f, "  %s entry %llu", r->path, (unsigned long long)r->index);
    if (r->line > 0) {
        fprintf(f, " (line %llu)", (unsigned long long)r->line);
    }
    fprintf(f, " sha256 %s\n", r->sha256);
}

static void check_one(const uint8_t *der, size_t len, const cert_ref *ref0, view_stats *st) {
    cert_ref ref = *ref0;
    uint8_t digest[SHA256_DIGEST_LENGTH];
    SHA256(der, len, digest);
    hex_into(ref.sha256, digest, sizeof digest);

    st->read++;
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    int ossl_ok = x != NULL && p == der + len;
    ERR_clear_error();

    cs_x509 *v = malloc(sizeof *v);
    cr_assert_not_null(v);
    cs_der_error err;
    int ours_ok = cs_x509_parse(v, der, len, &err);

    if (ours_ok && ossl_ok) {
        st->both++;
        diff_log d = {{0}, 0, 0};
        compare_view(v, x, st, &d);
        if (d.count > 0) {
            st->mismatches++;
            if (st->printed_mismatch++ < MAX_PRINTED) {
                fprintf(stderr, "[%s] MISMATCH with OpenSSL:\n", st->corpus);
                print_ref(stderr, &ref);
                fprintf(stderr, "%s", d.text);
            }
        }
    } else if (!ours_ok && ossl_ok) {
        st->ours_only++;
        if (st->printed_ours++ < MAX_PRINTED) {
            fprintf(stderr, "[%s] rejected by certscan only: %s at offset %zu in %s\n", st->corpus,
                    cs_der_status_name(err.status), err.offset, err.where ? err.where : "?");
            print_ref(stderr, &ref);
            size_t from = err.offset >= 8 ? err.offset - 8 : 0;
            size_t to = err.offset + 16 < len ? err.offset + 16 : len;
            fprintf(stderr, "  bytes %zu..%zu: ", from, to);
            print_hex(stderr, der + from, to - from);
            fprintf(stderr, "\n");
        }
    } else if (ours_ok && !ossl_ok) {
        st->ossl_only++;
        if (st->printed_ossl++ < MAX_PRINTED) {
            fprintf(stderr, "[%s] rejected by OpenSSL only%s\n", st->corpus,
                    x != NULL ? " (bytes after the Certificate)" : "");
            print_ref(stderr, &ref);
        }
    } else {
        st->neither++;
    }
    X509_free(x);
    free(v);
}

static void check_file(const char *path, view_stats *st) {
    char errbuf[256];
    cs_input *in = cs_input_open(path, CS_INPUT_AUTO, errbuf, sizeof errbuf);
    cr_assert_not_null(in, "cannot open %s: %s", path, errbuf);
    st->files++;
    cs_entry e;
    while (cs_input_next(in, &e)) {
        if (e.status != CS_ENTRY_OK) {
            st->input_rejected++;
            fprintf(stderr, "[%s] input rejected: %s entry %llu line %llu: %s (%s)\n", st->corpus,
                    path, (unsigned long long)e.index, (unsigned long long)e.line,
                    cs_entry_status_name(e.status), e.detail ? e.detail : "");
            continue;
        }
        cert_ref ref = {path, e.index, e.line, {0}};
        check_one(e.der, e.der_len, &ref, st);
    }
    st->skipped_blocks += cs_input_skipped_blocks(in);
    cs_input_close(in);
}

static void check_glob(const char *pattern, view_stats *st) {
    char full[1024];
    snprintf(full, sizeof full, "%s/%s", CS_SOURCE_DIR, pattern);
    glob_t g;
    int rc = glob(full, 0, NULL, &g);
    cr_assert_eq(rc, 0, "no files match %s", full);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        check_file(g.gl_pathv[i], st);
    }
    globfree(&g);
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int walk_pem(void *ctx, const char *path) {
    if (ends_with(path, ".pem")) {
        check_file(path, ctx);
    }
    return 1;
}

static void walk_error(void *ctx, const char *path, const char *message) {
    cr_assert_fail("cannot read %s: %s", path, message);
}

static void summary(const view_stats *st) {
    char line[512];
    snprintf(line, sizeof line,
             "view vs OpenSSL [%s]: %zu files, %zu read, %zu both parsed, %zu mismatches, %zu "
             "rejected by certscan only, %zu rejected by OpenSSL only, %zu rejected by both, %zu "
             "input rejections, %zu non-certificate PEM blocks; keys compared %zu (OpenSSL could "
             "not decode %zu), times not comparable %zu",
             st->corpus, st->files, st->read, st->both, st->mismatches, st->ours_only,
             st->ossl_only, st->neither, st->input_rejected, st->skipped_blocks, st->key_compared,
             st->key_not_decoded, st->time_not_compared);
    char types[256] = "";
    size_t used = 0;
    for (int t = 0; t < CS_KEY_TYPE_COUNT; t++) {
        if (st->key_types[t] > 0 && used < sizeof types) {
            used += (size_t)snprintf(types + used, sizeof types - used, " %s %zu",
                                     cs_key_type_name((cs_key_type)t), st->key_types[t]);
        }
    }
    fprintf(stderr, "%s\n  compared: %zu name attributes, %zu extensions; keys by type:%s\n", line,
            st->attrs_compared, st->exts_compared, types);
    cr_log_info("%s", line);
}

Test(x509_view, ccadb, .timeout = 600) {
    view_stats st = {.corpus = "ccadb"};
    check_glob("corpora/ccadb/*.csv", &st);
    summary(&st);
    cr_expect_eq(st.input_rejected, 0, "the input layer rejected CCADB entries");
    cr_expect_geq(st.read, 10229, "only %zu certificates read from the CCADB export", st.read);
    cr_expect_eq(st.mismatches, 0, "%zu certificates differ from OpenSSL", st.mismatches);
    cr_expect_geq(st.both, 10200, "only %zu certificates parsed by both", st.both);
    cr_expect_geq(st.key_compared, st.both - 10, "keys compared for only %zu", st.key_compared);
    cr_expect_gt(st.attrs_compared, 4 * st.both, "only %zu attributes compared", st.attrs_compared);
    cr_expect_gt(st.exts_compared, 4 * st.both, "only %zu extensions compared", st.exts_compared);
}

Test(x509_view, mozilla_roots) {
    view_stats st = {.corpus = "roots"};
    check_glob("corpora/roots/*.crt", &st);
    summary(&st);
    cr_expect_eq(st.input_rejected, 0);
    cr_expect_geq(st.read, 140, "only %zu roots read", st.read);
    cr_expect_eq(st.mismatches, 0, "%zu certificates differ from OpenSSL", st.mismatches);
    /* Root stores hold certificates every client parses: no rejection on either side. */
    cr_expect_eq(st.both, st.read, "%zu of %zu roots parsed by both", st.both, st.read);
}

Test(x509_view, zlint_testdata, .timeout = 600) {
    view_stats st = {.corpus = "zlint"};
    char root[1024];
    snprintf(root, sizeof root, "%s/corpora/zlint/testdata", CS_SOURCE_DIR);
    const char *paths[] = {root};
    cr_assert(cs_input_walk(paths, 1, walk_pem, walk_error, &st));
    summary(&st);
    /* zlint's test certificates are crafted to break rules, some structurally; only those both
     * parsers accept are compared. */
    cr_expect_geq(st.read, 1000, "only %zu zlint certificates read", st.read);
    cr_expect_eq(st.mismatches, 0, "%zu certificates differ from OpenSSL", st.mismatches);
    cr_expect_geq(st.both, st.read * 9 / 10, "only %zu of %zu parsed by both", st.both, st.read);
}
