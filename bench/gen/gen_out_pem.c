/* Base64 text formats: PEM bundles (RFC 7468, 64-column lines), one base64 DER per line, and
 * CCADB's AllCertificatePEMsCSVFormat report (a SHA-256 fingerprint column and the PEM in a
 * quoted field, as crt.sh republishes it). */
#include <openssl/sha.h>
#include <stdio.h>

#include "bench/gen/gen_out.h"

static int gen_pem_entry(gen_sink *s, const gen_entry *e) {
    return gen_stream_puts(&s->st, "-----BEGIN CERTIFICATE-----\n") &&
           gen_write_base64_lines(s, e->der, e->len, 64, "\n") &&
           gen_stream_puts(&s->st, "-----END CERTIFICATE-----\n");
}

const gen_format gen_format_pem = {
    .name = "pem",
    .ext = "pem",
    .entry = gen_pem_entry,
};

static int gen_b64_entry(gen_sink *s, const gen_entry *e) {
    char *buf = gen_sink_scratch(s, gen_base64_len(e->len) + 2);
    if (buf == NULL) {
        return 0;
    }
    size_t n = gen_base64(e->der, e->len, buf);
    buf[n++] = '\n';
    return gen_stream_write(&s->st, buf, n);
}

const gen_format gen_format_b64 = {
    .name = "b64",
    .ext = "b64",
    .entry = gen_b64_entry,
};

static int gen_ccadb_begin(gen_sink *s) {
    return gen_stream_puts(&s->st, "SHA-256 Fingerprint,X.509 Certificate (PEM)\n");
}

static int gen_ccadb_entry(gen_sink *s, const gen_entry *e) {
    uint8_t h[32];
    char hex[66];
    SHA256(e->der, e->len, h);
    for (int i = 0; i < 32; i++) {
        snprintf(hex + 2 * i, 3, "%02X", h[i]);
    }
    hex[64] = ',';
    hex[65] = '"';
    return gen_stream_write(&s->st, hex, 66) &&
           gen_stream_puts(&s->st, "-----BEGIN CERTIFICATE-----\n") &&
           gen_write_base64_lines(s, e->der, e->len, 64, "\n") &&
           gen_stream_puts(&s->st, "-----END CERTIFICATE-----\"\n");
}

const gen_format gen_format_ccadb = {
    .name = "ccadb",
    .ext = "csv",
    .file_begin = gen_ccadb_begin,
    .entry = gen_ccadb_entry,
};
