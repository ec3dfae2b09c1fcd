/* LDAP Data Interchange Format (RFC 2849): one entry per certificate with the DER in
 * userCertificate;binary (cACertificate;binary for CA certificates, RFC 4523), base64 after
 * "::" and folded at 76 columns with a leading space on continuation lines. */
#include <stdio.h>
#include <string.h>

#include "bench/gen/gen_out.h"

static int gen_ldif_begin(gen_sink *s) {
    return gen_stream_puts(&s->st, "version: 1\n\n");
}

static int gen_ldif_entry(gen_sink *s, const gen_entry *e) {
    /* pkiUser / pkiCA (RFC 4523 §4.1, §4.2) are auxiliary classes that carry the certificate
     * attributes; account and device are the structural classes beside them. */
    char head[256];
    unsigned long long n = (unsigned long long)e->index;
    if (e->is_ca) {
        snprintf(head, sizeof head,
                 "dn: cn=cert%llu,ou=certificates,dc=example,dc=org\nobjectClass: top\n"
                 "objectClass: device\nobjectClass: pkiCA\ncn: cert%llu\ncACertificate;binary:: ",
                 n, n);
    } else {
        snprintf(head, sizeof head,
                 "dn: uid=cert%llu,ou=certificates,dc=example,dc=org\nobjectClass: top\n"
                 "objectClass: account\nobjectClass: pkiUser\nuid: cert%llu\n"
                 "userCertificate;binary:: ",
                 n, n);
    }
    size_t head_len = strlen(head);
    size_t first_line = head_len - (size_t)(strrchr(head, '\n') - head) - 1;
    size_t b64 = gen_base64_len(e->len);
    char *buf = gen_sink_scratch(s, head_len + b64 * 2 + (b64 / 75 + 4) * 2 + 16);
    if (buf == NULL) {
        return 0;
    }
    memcpy(buf, head, head_len);
    char *enc = buf + head_len + b64 + (b64 / 75 + 4) * 2 + 8;
    gen_base64(e->der, e->len, enc);
    size_t o = head_len;
    /* the first physical line holds 76 characters including the attribute name */
    size_t room = first_line < 76 ? 76 - first_line : 1;
    size_t i = 0;
    while (i < b64) {
        size_t k = b64 - i < room ? b64 - i : room;
        memcpy(buf + o, enc + i, k);
        o += k;
        i += k;
        buf[o++] = '\n';
        if (i < b64) {
            buf[o++] = ' ';
        }
        room = 75;
    }
    buf[o++] = '\n';
    return gen_stream_write(&s->st, buf, o);
}

const gen_format gen_format_ldif = {
    .name = "ldif",
    .ext = "ldif",
    .file_begin = gen_ldif_begin,
    .entry = gen_ldif_entry,
};
