#include "scanner/facts_smsubj.h"

#include <string.h>

#include "scanner/facts.h"
#include "scanner/gn_syntax.h"
#include "scanner/x509_ext.h"

/* ISO 3166-1 alpha-2, officially assigned codes (249), sorted. */
static const char cs_sms_iso_codes[] =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCI"
    "CKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQ"
    "GRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLS"
    "LTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPG"
    "PHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTK"
    "TLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

int cs_sms_iso3166(const uint8_t *cc) {
    size_t lo = 0, hi = (sizeof cs_sms_iso_codes - 1) / 2;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int d = memcmp(cs_sms_iso_codes + 2 * mid, cc, 2);
        if (d == 0) {
            return 1;
        }
        if (d < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return 0;
}

static int cs_sms_upper(uint8_t c) {
    return c >= 'A' && c <= 'Z';
}

static int cs_sms_digit(uint8_t c) {
    return c >= '0' && c <= '9';
}

static int cs_sms_alnum(uint8_t c) {
    return cs_sms_upper(c) || cs_sms_digit(c) || (c >= 'a' && c <= 'z');
}

unsigned cs_sms_lei_check(const uint8_t *p, size_t n) {
    if (n != 20) {
        return CS_COL_SMS_LEI_FORMAT;
    }
    for (size_t i = 0; i < 20; i++) {
        if (i < 18 ? !(cs_sms_upper(p[i]) || cs_sms_digit(p[i])) : !cs_sms_digit(p[i])) {
            return CS_COL_SMS_LEI_FORMAT;
        }
    }
    /* ISO 7064 MOD 97-10 over the whole code, letters counting as 10..35: the remainder is 1. */
    unsigned r = 0;
    for (size_t i = 0; i < 20; i++) {
        r = cs_sms_digit(p[i]) ? (r * 10 + (unsigned)(p[i] - '0')) % 97
                               : (r * 100 + (unsigned)(p[i] - 'A' + 10)) % 97;
    }
    return r == 1 ? 0 : CS_COL_SMS_LEI_CHECKSUM;
}

#define CS_SMS_ORGID_BIT(col) (1u << ((col)-CS_COL_SMS_ORGID_ENCODING))

static int cs_sms_cc_is(const uint8_t *cc, const char *two) {
    return cc[0] == (uint8_t)two[0] && cc[1] == (uint8_t)two[1];
}

void cs_sms_orgid_parse(const cs_x509_attr *a, const uint8_t *country, cs_sms_orgid *out) {
    memset(out, 0, sizeof *out);
    const uint8_t *p = a->value.ptr;
    size_t n = a->value.len;
    if (a->tag != CS_DER_PRINTABLESTRING && a->tag != CS_DER_UTF8STRING) {
        out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_ENCODING);
    }
    if (n < 5 || !cs_sms_upper(p[0]) || !cs_sms_upper(p[1]) || !cs_sms_upper(p[2]) ||
        !cs_sms_upper(p[3]) || !cs_sms_upper(p[4])) {
        out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_FORMAT);
        return;
    }
    static const char schemes[] = "NTRVATPSDLEIGOVINT";
    for (unsigned s = 0; s < 6; s++) {
        if (memcmp(p, schemes + 3 * s, 3) == 0) {
            out->scheme = (uint8_t)(CS_SMS_SCHEME_NTR + s);
        }
    }
    out->cc = p + 3;
    if (out->scheme == CS_SMS_SCHEME_UNKNOWN) {
        out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_SCHEME);
        return;
    }
    size_t i = 5;
    if (i < n && p[i] == '+') {
        size_t j = i + 1;
        while (j < n && j - i - 1 < 4 && (cs_sms_upper(p[j]) || cs_sms_digit(p[j]))) {
            j++;
        }
        size_t sub = j - i - 1;
        if (sub < 1 || sub > 3) {
            out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_FORMAT);
            return;
        }
        out->has_subdiv = 1;
        i = j;
    }
    if (i < n) {
        if (p[i] != '-' || i + 1 == n) {
            out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_FORMAT);
            return;
        }
        out->reference = cs_der_make(p + i + 1, n - i - 1);
    }
    const uint8_t *cc = out->cc;
    int global = out->scheme == CS_SMS_SCHEME_LEI || out->scheme == CS_SMS_SCHEME_INT;
    int vat_prefix =
        out->scheme == CS_SMS_SCHEME_VAT && (cs_sms_cc_is(cc, "EL") || cs_sms_cc_is(cc, "XI"));
    if (global ? !cs_sms_cc_is(cc, "XG")
               : !(cs_sms_iso3166(cc) || cs_sms_cc_is(cc, "XX") || vat_prefix)) {
        out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_COUNTRY);
    }
    if (out->has_subdiv) {
        if (global) {
            out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_SUBDIV_GLOBAL);
        } else if (out->scheme == CS_SMS_SCHEME_VAT || out->scheme == CS_SMS_SCHEME_PSD) {
            out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_SUBDIV_SCHEME);
        }
    }
    int ref_expected = out->scheme != CS_SMS_SCHEME_GOV && out->scheme != CS_SMS_SCHEME_INT;
    if (ref_expected && out->reference.len == 0) {
        out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_REF_MISSING);
    } else if (!ref_expected && out->reference.len > 0) {
        out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_REF_PRESENT);
    }
    if (out->scheme == CS_SMS_SCHEME_LEI && out->reference.len > 0) {
        unsigned col = cs_sms_lei_check(out->reference.ptr, out->reference.len);
        if (col != 0) {
            out->problems |= CS_SMS_ORGID_BIT(col);
        }
    }
    /* Note 1: the identifier's country is the subject's, except for the global schemes and the
     * Art. 215 VAT prefixes EL (Greece) and XI (Northern Ireland). */
    if (country != NULL && !global) {
        int match = cs_sms_cc_is(cc, (const char *)country) ||
                    (cs_sms_cc_is(cc, "EL") && vat_prefix && cs_sms_cc_is(country, "GR")) ||
                    (cs_sms_cc_is(cc, "XI") && vat_prefix && cs_sms_cc_is(country, "GB"));
        if (!match) {
            out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_C_MISMATCH);
        }
    }
    /* Note 3: a German trade register reference SHOULD be an EUID, "DE" + register + "." +
     * local number, at country level. */
    if (out->scheme == CS_SMS_SCHEME_NTR && cs_sms_cc_is(cc, "DE")) {
        const uint8_t *r = out->reference.ptr;
        size_t rn = out->reference.len, dot = 2;
        while (dot < rn && cs_sms_alnum(r[dot])) {
            dot++;
        }
        int euid = rn > 4 && r[0] == 'D' && r[1] == 'E' && dot > 2 && dot < rn - 1 && r[dot] == '.';
        if (!euid || out->has_subdiv) {
            out->problems |= CS_SMS_ORGID_BIT(CS_COL_SMS_ORGID_DE_NTR_NOT_EUID);
        }
    }
}

/* --- Attribute classes --- */

unsigned cs_sms_attr_class(uint8_t id) {
    switch ((cs_attr_id)id) {
    case CS_ATTR_COMMON_NAME:
    case CS_ATTR_SERIAL_NUMBER:
    case CS_ATTR_EMAIL_ADDRESS:
        return 0;
    case CS_ATTR_GIVEN_NAME:
    case CS_ATTR_SURNAME:
    case CS_ATTR_PSEUDONYM:
    case CS_ATTR_TITLE:
        return CS_SMS_C_NON_MAILBOX | CS_SMS_C_PERSON;
    case CS_ATTR_ORGANIZATION:
    case CS_ATTR_ORGANIZATIONAL_UNIT:
    case CS_ATTR_ORGANIZATION_IDENTIFIER:
        return CS_SMS_C_NON_MAILBOX | CS_SMS_C_ORG;
    case CS_ATTR_STREET:
    case CS_ATTR_POSTAL_CODE:
        return CS_SMS_C_NON_MAILBOX | CS_SMS_C_STREET_POST;
    case CS_ATTR_LOCALITY:
    case CS_ATTR_STATE:
    case CS_ATTR_COUNTRY:
        return CS_SMS_C_NON_MAILBOX;
    default:
        return CS_SMS_C_NON_MAILBOX | CS_SMS_C_UNLISTED;
    }
}

/* Whether a set of attribute classes breaks the table of the profile (7.1.4.2.3-7.1.4.2.6). */
static int cs_sms_classes_prohibited(unsigned classes, int type, int gen) {
    unsigned bad = 0;
    switch (type) {
    case CS_SMIME_MAILBOX:
        return (classes & CS_SMS_C_NON_MAILBOX) != 0;
    case CS_SMIME_ORGANIZATION:
        bad = CS_SMS_C_PERSON;
        break;
    case CS_SMIME_INDIVIDUAL:
        bad = CS_SMS_C_ORG;
        break;
    case CS_SMIME_SPONSOR:
        break;
    default:
        return 0;
    }
    if (gen == CS_SMIME_STRICT) {
        bad |= CS_SMS_C_STREET_POST;
    }
    if (gen != CS_SMIME_LEGACY) {
        bad |= CS_SMS_C_UNLISTED;
    }
    return (classes & bad) != 0;
}

/* --- Mailboxes --- */

#define CS_SMS_MAX_MAILBOXES 32

/* No cs_mailbox_check flags kept (an SmtpUTF8Mailbox entry). */
#define CS_SMS_MBX_UNCHECKED UINT32_MAX

/* The SAN mailboxes, with the cs_mailbox_check flags of each rfc822Name: a subject emailAddress
 * or commonName usually repeats one, and its verdict is then not computed again. */
typedef struct cs_sms_mailboxes {
    cs_der v[CS_SMS_MAX_MAILBOXES];
    uint32_t flags[CS_SMS_MAX_MAILBOXES];
    unsigned n;
    unsigned overflow;
} cs_sms_mailboxes;

static void cs_sms_mb_add(cs_sms_mailboxes *m, cs_der v, uint32_t flags) {
    if (m->n < CS_SMS_MAX_MAILBOXES) {
        m->flags[m->n] = flags;
        m->v[m->n++] = v;
    } else {
        m->overflow = 1;
    }
}

static int cs_sms_byte_string(uint32_t tag) {
    return tag == CS_DER_UTF8STRING || tag == CS_DER_PRINTABLESTRING || tag == CS_DER_IA5STRING ||
           tag == CS_DER_TELETEXSTRING || tag == CS_DER_VISIBLESTRING;
}

/* A Mailbox Address: an RFC 5321 Mailbox, or (RFC 6532) one with a non-ASCII local part. The
 * flags of a value equal to a SAN rfc822Name come from `san`. */
static int cs_sms_is_mailbox(const cs_sms_mailboxes *san, uint32_t tag, cs_der v) {
    if (!cs_sms_byte_string(tag) || v.len == 0) {
        return 0;
    }
    /* Both checks below fail a value without '@' (CS_MBX_NO_AT, CS_SMTP_SYNTAX): most
     * attribute values are ruled out by one memchr. */
    if (memchr(v.ptr, '@', v.len) == NULL) {
        return 0;
    }
    uint32_t f = CS_SMS_MBX_UNCHECKED;
    for (unsigned i = 0; i < san->n; i++) {
        if (san->flags[i] != CS_SMS_MBX_UNCHECKED && san->v[i].len == v.len &&
            memcmp(san->v[i].ptr, v.ptr, v.len) == 0) {
            f = san->flags[i];
            break;
        }
    }
    if (f == CS_SMS_MBX_UNCHECKED) {
        f = cs_mailbox_check(v.ptr, v.len);
    }
    if (f == 0) {
        return 1;
    }
    if (tag != CS_DER_UTF8STRING || !(f & CS_MBX_NOT_IA5)) {
        return 0;
    }
    for (size_t i = 0; i < v.len; i++) {
        if (v.ptr[i] == ' ' || v.ptr[i] == '<' || v.ptr[i] == ',') {
            return 0;
        }
    }
    return (cs_smtputf8_check(tag, v.ptr, v.len) & (CS_SMTP_NOT_UTF8 | CS_SMTP_SYNTAX)) == 0;
}

/* Mailboxes compare with an exact local part and a case-insensitive domain (RFC 5321 §2.4). */
static int cs_sms_mb_equal(cs_der a, cs_der b) {
    if (a.len != b.len) {
        return 0;
    }
    size_t at = a.len;
    while (at > 0 && a.ptr[at - 1] != '@') {
        at--;
    }
    if (at == 0 || memcmp(a.ptr, b.ptr, at) != 0) {
        return 0;
    }
    for (size_t i = at; i < a.len; i++) {
        uint8_t x = a.ptr[i], y = b.ptr[i];
        x = (uint8_t)(x >= 'A' && x <= 'Z' ? x + 32 : x);
        y = (uint8_t)(y >= 'A' && y <= 'Z' ? y + 32 : y);
        if (x != y) {
            return 0;
        }
    }
    return 1;
}

/* `v` is a Mailbox Address (it holds an '@'). */
static int cs_sms_mb_in(const cs_sms_mailboxes *san, cs_der v) {
    if (san->overflow) {
        return 1; /* more SAN mailboxes than kept: do not guess */
    }
    /* The subject usually repeats a SAN mailbox byte for byte, which cs_sms_mb_equal would
     * accept too (the '@' is there), octet by octet. */
    for (unsigned i = 0; i < san->n; i++) {
        if (san->v[i].len == v.len && memcmp(san->v[i].ptr, v.ptr, v.len) == 0) {
            return 1;
        }
    }
    for (unsigned i = 0; i < san->n; i++) {
        if (cs_sms_mb_equal(san->v[i], v)) {
            return 1;
        }
    }
    return 0;
}

/* A value of punctuation and spaces only: a placeholder for "absent" (7.1.4.2). */
static int cs_sms_insignificant(const cs_x509_attr *a) {
    if (!cs_sms_byte_string(a->tag) || a->value.len == 0) {
        return 0;
    }
    for (size_t i = 0; i < a->value.len; i++) {
        uint8_t c = a->value.ptr[i];
        if (c >= 0x80 || cs_sms_alnum(c)) {
            return 0;
        }
    }
    return 1;
}

static int cs_sms_contains(cs_der hay, cs_der needle) {
    if (needle.len == 0 || needle.len > hay.len) {
        return 0;
    }
    for (size_t i = 0; i + needle.len <= hay.len; i++) {
        if (memcmp(hay.ptr + i, needle.ptr, needle.len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Appendix A.2 natural person identifier, judged only when the value has its shape
 * "SSSCC-..." with one of the six schemes: the country must be ISO 3166-1, the identifier
 * non-empty. */
static int cs_sms_npi_invalid(cs_der v) {
    static const char schemes[] = "PASIDCPNOTAXTINEID";
    if (v.len < 6 || v.ptr[5] != '-') {
        return 0;
    }
    int scheme = 0;
    for (unsigned s = 0; s < 6; s++) {
        scheme |= memcmp(v.ptr, schemes + 3 * s, 3) == 0;
    }
    if (!scheme) {
        return 0;
    }
    return !cs_sms_iso3166(v.ptr + 3) || v.len == 6;
}

typedef struct cs_sms_scan {
    const cs_x509_attr *cn[4];
    unsigned num_cn;
    const cs_x509_attr *o[4];
    unsigned num_o;
    const cs_x509_attr *pseudonym[4];
    unsigned num_pseudonym;
    const uint8_t *country; /* first two-letter countryName */
    unsigned classes;
    uint8_t has_l, has_st, has_c, has_street, has_postal, has_person, has_orgid;
} cs_sms_scan;

static void cs_sms_keep(const cs_x509_attr **list, unsigned *n, const cs_x509_attr *a) {
    if (*n < 4) {
        list[(*n)++] = a;
    }
}

/* Bit i set when subject attribute i is a Mailbox Address: judged once per certificate, read by
 * the emailAddress, commonName and mailbox-in-SAN checks. */
_Static_assert(CS_X509_MAX_ATTRS <= 64, "one bit per subject attribute");

static uint64_t cs_sms_subject_mailboxes(const cs_x509_name *name, const cs_sms_mailboxes *san) {
    uint64_t m = 0;
    for (unsigned i = 0; i < name->num_attrs; i++) {
        if (cs_sms_is_mailbox(san, name->attr[i].tag, name->attr[i].value)) {
            m |= (uint64_t)1 << i;
        }
    }
    return m;
}

static void cs_sms_scan_subject(const cs_x509_name *name, uint64_t mailboxes, cs_sms_scan *s,
                                cs_facts *out) {
    for (unsigned i = 0; i < name->num_attrs; i++) {
        const cs_x509_attr *a = &name->attr[i];
        s->classes |= cs_sms_attr_class(a->id);
        if (cs_sms_insignificant(a)) {
            cs_facts_set(out, CS_COL_SMS_INSIGNIFICANT_VALUE);
        }
        switch ((cs_attr_id)a->id) {
        case CS_ATTR_COMMON_NAME:
            cs_sms_keep(s->cn, &s->num_cn, a);
            break;
        case CS_ATTR_ORGANIZATION:
            cs_sms_keep(s->o, &s->num_o, a);
            break;
        case CS_ATTR_PSEUDONYM:
            cs_sms_keep(s->pseudonym, &s->num_pseudonym, a);
            break;
        case CS_ATTR_GIVEN_NAME:
        case CS_ATTR_SURNAME:
            s->has_person = 1;
            break;
        case CS_ATTR_ORGANIZATION_IDENTIFIER:
            s->has_orgid = 1;
            break;
        case CS_ATTR_LOCALITY:
            s->has_l = 1;
            break;
        case CS_ATTR_STATE:
            s->has_st = 1;
            break;
        case CS_ATTR_STREET:
            s->has_street = 1;
            break;
        case CS_ATTR_POSTAL_CODE:
            s->has_postal = 1;
            break;
        case CS_ATTR_COUNTRY:
            s->has_c = 1;
            if (a->value.len == 2 && s->country == NULL) {
                s->country = a->value.ptr;
            }
            if (a->value.len == 2 && a->value.ptr[0] == 'X' && a->value.ptr[1] == 'X') {
                out->smsubj.survey |= CS_SMS_SURVEY_COUNTRY_XX;
            } else if (a->value.len != 2 || !cs_sms_iso3166(a->value.ptr)) {
                cs_facts_set(out, CS_COL_SMS_COUNTRY_INVALID);
            }
            break;
        case CS_ATTR_EMAIL_ADDRESS:
            if (!((mailboxes >> i) & 1u)) {
                cs_facts_set(out, CS_COL_SMS_EMAIL_NOT_MAILBOX);
            }
            break;
        default:
            break;
        }
    }
}

/* Adds the mailboxes found in a name's attributes that the SAN does not repeat. */
static int cs_sms_name_mailboxes_missing(const cs_x509_name *name, const cs_sms_mailboxes *san) {
    for (unsigned i = 0; i < name->num_attrs; i++) {
        const cs_x509_attr *a = &name->attr[i];
        if (cs_sms_is_mailbox(san, a->tag, a->value) && !cs_sms_mb_in(san, a->value)) {
            return 1;
        }
    }
    return 0;
}

/* The same for the subject, whose mailboxes are known. */
static int cs_sms_subject_mailboxes_missing(const cs_x509_name *name, uint64_t mailboxes,
                                            const cs_sms_mailboxes *san) {
    for (uint64_t m = mailboxes; m != 0; m &= m - 1) {
        if (!cs_sms_mb_in(san, name->attr[__builtin_ctzll(m)].value)) {
            return 1;
        }
    }
    return 0;
}

static void cs_sms_scan_san(const cs_x509 *x, cs_facts *out, cs_sms_mailboxes *san, int type,
                            int gen) {
    int index = cs_x509_find_ext(x, CS_EXT_SUBJECT_ALT_NAME);
    if (index < 0) {
        return;
    }
    cs_der_error err = {.base = x->der.ptr};
    cs_gn_iter it;
    if (!cs_decode_general_names(x->ext[index].value, &it, NULL, NULL, &err)) {
        return; /* reported by rfc5280.extensions.malformed */
    }
    cs_general_name gn;
    unsigned mailboxes = 0;
    /* directoryNames are judged after the SAN mailboxes are all known. */
    cs_der dirnames[8];
    unsigned num_dirnames = 0;
    while (cs_gn_iter_next(&it, &gn, &err) == CS_ITER_ITEM) {
        switch (gn.type) {
        case CS_GN_RFC822: {
            mailboxes++;
            uint32_t f = cs_gn_san_mailbox_flags(&out->gnames, gn.value.ptr, gn.value.len);
            cs_sms_mb_add(san, gn.value, f);
            if (f != 0) {
                cs_facts_set(out, CS_COL_SMS_SAN_MAILBOX_INVALID);
            }
            break;
        }
        case CS_GN_OTHER_NAME:
            if (cs_oid_misc(gn.other_oid) == CS_OID_ON_SMTP_UTF8_MAILBOX) {
                mailboxes++;
                cs_sms_mb_add(san, gn.value, CS_SMS_MBX_UNCHECKED);
                if (cs_smtputf8_check(gn.other_tag, gn.value.ptr, gn.value.len) &
                    (CS_SMTP_NOT_UTF8 | CS_SMTP_SYNTAX)) {
                    cs_facts_set(out, CS_COL_SMS_SAN_MAILBOX_INVALID);
                }
            } else {
                cs_facts_set(out, CS_COL_SMS_SAN_OTHER_NAME);
            }
            break;
        case CS_GN_DIRECTORY:
            if (num_dirnames < 8) {
                dirnames[num_dirnames++] = gn.value;
            }
            break;
        default:
            cs_facts_set(out, CS_COL_SMS_SAN_PROHIBITED_TYPE);
            break;
        }
    }
    if (mailboxes == 0) {
        cs_facts_set(out, CS_COL_SMS_SAN_NO_MAILBOX);
    }
    for (unsigned i = 0; i < num_dirnames; i++) {
        cs_x509_name name;
        cs_der_error nerr = {.base = x->der.ptr};
        if (!cs_x509_parse_name(dirnames[i], &name, &nerr)) {
            continue;
        }
        unsigned classes = 0;
        for (unsigned j = 0; j < name.num_attrs; j++) {
            classes |= cs_sms_attr_class(name.attr[j].id);
        }
        if (cs_sms_classes_prohibited(classes, type, gen)) {
            cs_facts_set(out, CS_COL_SMS_DIRNAME_ATTR);
        }
        if (cs_sms_name_mailboxes_missing(&name, san)) {
            cs_facts_set(out, CS_COL_SMS_MAILBOX_NOT_IN_SAN);
        }
    }
}

static void cs_sms_common_name(const cs_x509_name *subject, uint64_t mailboxes,
                               const cs_sms_scan *s, const cs_sms_mailboxes *san, int gen,
                               cs_facts *out) {
    for (unsigned i = 0; i < s->num_cn; i++) {
        const cs_x509_attr *cn = s->cn[i];
        if ((mailboxes >> (unsigned)(cn - subject->attr)) & 1u) {
            if (s->num_cn == 1 && cs_sms_mb_in(san, cn->value) && !san->overflow) {
                out->smsubj.survey |= CS_SMS_SURVEY_CN_ONLY_MAILBOX;
            }
            continue;
        }
        cs_facts_set(out, CS_COL_SMS_CN_NOT_MAILBOX);
        int is_org = 0;
        for (unsigned j = 0; j < s->num_o; j++) {
            is_org |= cs_der_equal(cn->value, s->o[j]->value);
        }
        if (!is_org) {
            cs_facts_set(out, CS_COL_SMS_CN_NOT_ORG);
        }
        /* Sponsor and individual: a Personal Name (accepted when givenName or surname is there
         * to present it), or a Pseudonym that contains subject:pseudonym. With neither, only a
         * Legacy certificate may carry a bare Personal Name in the CN. */
        if (!s->has_person) {
            int ok = 0;
            if (s->num_pseudonym > 0) {
                for (unsigned j = 0; j < s->num_pseudonym; j++) {
                    ok |= cs_sms_contains(cn->value, s->pseudonym[j]->value);
                }
            } else {
                ok = gen == CS_SMIME_LEGACY;
            }
            if (!ok) {
                cs_facts_set(out, CS_COL_SMS_CN_NOT_PERSON);
            }
        }
    }
}

static void cs_sms_lei_extension(const cs_x509 *x, cs_facts *out) {
    int index = cs_x509_find_ext(x, CS_EXT_LEI);
    if (index < 0) {
        return;
    }
    cs_der cur = x->ext[index].value, content;
    cs_der_error err = {.base = x->der.ptr};
    if (!cs_der_get(&cur, CS_DER_PRINTABLESTRING, &content, &err, "LEI") || cur.len != 0) {
        cs_facts_set(out, CS_COL_SMS_LEI_FORMAT);
        return;
    }
    unsigned col = cs_sms_lei_check(content.ptr, content.len);
    if (col != 0) {
        cs_facts_set(out, col);
    }
}

void cs_facts_extract_smsubj(const cs_x509 *x, struct cs_facts *out) {
    if (!out->smime.smime) {
        return;
    }
    int type = cs_profile_smime_type((cs_profile)out->profile);
    int gen = cs_profile_smime_generation((cs_profile)out->profile);

    /* The SAN first: the subject's mailbox verdicts reuse its rfc822Name checks. */
    cs_sms_mailboxes san;
    san.n = 0;
    san.overflow = 0;
    cs_sms_scan_san(x, out, &san, type, gen);
    uint64_t mailboxes = cs_sms_subject_mailboxes(&x->subject, &san);

    cs_sms_scan s;
    memset(&s, 0, sizeof s);
    cs_sms_scan_subject(&x->subject, mailboxes, &s, out);

    if (s.num_cn > 0) {
        cs_facts_set(out, CS_COL_SMS_HAS_CN);
    }
    if (s.num_o > 0) {
        cs_facts_set(out, CS_COL_SMS_HAS_O);
    }
    if (s.has_orgid) {
        cs_facts_set(out, CS_COL_SMS_HAS_ORG_ID);
    }
    if (s.has_person) {
        cs_facts_set(out, CS_COL_SMS_HAS_PERSON_NAME);
    }
    if (s.num_pseudonym > 0) {
        cs_facts_set(out, CS_COL_SMS_HAS_PSEUDONYM);
        out->smsubj.survey |= CS_SMS_SURVEY_PSEUDONYM;
    }
    static const struct {
        unsigned cls, col;
    } classes[] = {
        {CS_SMS_C_NON_MAILBOX, CS_COL_SMS_NON_MAILBOX_ATTR},
        {CS_SMS_C_PERSON, CS_COL_SMS_NATURAL_PERSON_ATTR},
        {CS_SMS_C_ORG, CS_COL_SMS_ORG_ATTR},
        {CS_SMS_C_STREET_POST, CS_COL_SMS_STREET_OR_POSTAL},
        {CS_SMS_C_UNLISTED, CS_COL_SMS_UNLISTED_ATTR},
    };
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        if (s.classes & classes[i].cls) {
            cs_facts_set(out, classes[i].col);
        }
    }
    if (s.has_street && !s.has_l && !s.has_st) {
        cs_facts_set(out, CS_COL_SMS_STREET_WITHOUT_L_ST);
    }
    if ((s.has_l || s.has_st || s.has_postal) && !s.has_c) {
        cs_facts_set(out, CS_COL_SMS_ADDRESS_WITHOUT_C);
    }
    cs_sms_common_name(&x->subject, mailboxes, &s, &san, gen, out);
    if (cs_sms_subject_mailboxes_missing(&x->subject, mailboxes, &san)) {
        cs_facts_set(out, CS_COL_SMS_MAILBOX_NOT_IN_SAN);
    }

    /* Identifiers: organizationIdentifier and, for sponsor and individual certificates, the
     * natural person identifier a serialNumber may carry. */
    for (unsigned i = 0; i < x->subject.num_attrs; i++) {
        const cs_x509_attr *a = &x->subject.attr[i];
        if (a->id == CS_ATTR_ORGANIZATION_IDENTIFIER) {
            cs_sms_orgid id;
            cs_sms_orgid_parse(a, s.country, &id);
            for (unsigned col = CS_COL_SMS_ORGID_ENCODING; col <= CS_COL_SMS_LEI_CHECKSUM; col++) {
                if (id.problems & CS_SMS_ORGID_BIT(col)) {
                    cs_facts_set(out, col);
                }
            }
        } else if (a->id == CS_ATTR_SERIAL_NUMBER &&
                   (type == CS_SMIME_SPONSOR || type == CS_SMIME_INDIVIDUAL) &&
                   cs_sms_byte_string(a->tag) && cs_sms_npi_invalid(a->value)) {
            cs_facts_set(out, CS_COL_SMS_NPI_INVALID);
        }
    }
    cs_sms_lei_extension(x, out);
}
