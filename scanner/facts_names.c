#include "scanner/facts_names.h"

#include <stdio.h>
#include <string.h>

#include "scanner/facts.h"
#include "scanner/strings.h"
#include "scanner/x509_ext.h"

/* What RFC 5280 App. A (and X.520 where App. A is silent) says of each attribute type. */
enum { T_ANY = 0, T_DIRSTRING, T_PRINTABLE, T_IA5 };

typedef struct cs_attr_rule {
    uint8_t type;     /* T_* */
    uint8_t col;      /* too-long column - CS_COL_NAMES_BASE, 0 for none */
    uint32_t bound;   /* upper bound in characters, 0 for none */
    uint32_t problem; /* the CS_NP_* a wrong string type sets (T_PRINTABLE, T_IA5) */
} cs_attr_rule;

#define COL(c) (uint8_t)((c)-CS_COL_NAMES_BASE)

static const cs_attr_rule cs_attr_rules[CS_ATTR_COUNT] = {
    [CS_ATTR_COMMON_NAME] = {T_DIRSTRING, COL(CS_COL_SUBJ_CN_TOO_LONG), 64, 0},
    [CS_ATTR_SURNAME] = {T_DIRSTRING, COL(CS_COL_SUBJ_SURNAME_TOO_LONG), 32768, 0},
    [CS_ATTR_SERIAL_NUMBER] = {T_PRINTABLE, COL(CS_COL_SUBJ_SERIAL_TOO_LONG), 64,
                               CS_NP_SERIAL_TYPE},
    /* SIZE (2) exactly: checked apart from the upper bounds. */
    [CS_ATTR_COUNTRY] = {T_PRINTABLE, 0, 0, CS_NP_COUNTRY_TYPE},
    [CS_ATTR_LOCALITY] = {T_DIRSTRING, COL(CS_COL_SUBJ_L_TOO_LONG), 128, 0},
    [CS_ATTR_STATE] = {T_DIRSTRING, COL(CS_COL_SUBJ_ST_TOO_LONG), 128, 0},
    /* X.520 ub-street-address; streetAddress is not in RFC 5280's module. */
    [CS_ATTR_STREET] = {T_DIRSTRING, COL(CS_COL_SUBJ_STREET_TOO_LONG), 128, 0},
    [CS_ATTR_ORGANIZATION] = {T_DIRSTRING, COL(CS_COL_SUBJ_O_TOO_LONG), 64, 0},
    [CS_ATTR_ORGANIZATIONAL_UNIT] = {T_DIRSTRING, COL(CS_COL_SUBJ_OU_TOO_LONG), 64, 0},
    [CS_ATTR_TITLE] = {T_DIRSTRING, COL(CS_COL_SUBJ_TITLE_TOO_LONG), 64, 0},
    [CS_ATTR_BUSINESS_CATEGORY] = {T_DIRSTRING, 0, 0, 0},
    /* X.520 ub-postal-code (40); RFC 5280's ub-postal-code-length (16) belongs to the X.400
     * PostalCode address attribute, not to this one. */
    [CS_ATTR_POSTAL_CODE] = {T_DIRSTRING, COL(CS_COL_SUBJ_POSTAL_CODE_TOO_LONG), 40, 0},
    [CS_ATTR_GIVEN_NAME] = {T_DIRSTRING, COL(CS_COL_SUBJ_GIVEN_NAME_TOO_LONG), 32768, 0},
    [CS_ATTR_INITIALS] = {T_DIRSTRING, COL(CS_COL_SUBJ_X520NAME_TOO_LONG), 32768, 0},
    [CS_ATTR_GENERATION_QUALIFIER] = {T_DIRSTRING, COL(CS_COL_SUBJ_X520NAME_TOO_LONG), 32768, 0},
    [CS_ATTR_DN_QUALIFIER] = {T_PRINTABLE, 0, 0, CS_NP_DNQ_TYPE},
    [CS_ATTR_PSEUDONYM] = {T_DIRSTRING, COL(CS_COL_SUBJ_PSEUDONYM_TOO_LONG), 128, 0},
    [CS_ATTR_ORGANIZATION_IDENTIFIER] = {T_DIRSTRING, 0, 0, 0},
    [CS_ATTR_NAME] = {T_DIRSTRING, COL(CS_COL_SUBJ_X520NAME_TOO_LONG), 32768, 0},
    [CS_ATTR_EMAIL_ADDRESS] = {T_IA5, COL(CS_COL_SUBJ_EMAIL_TOO_LONG), 255, CS_NP_EMAIL_TYPE},
    [CS_ATTR_DOMAIN_COMPONENT] = {T_IA5, 0, 0, CS_NP_DC_TYPE},
    /* EV Guidelines §9.2.4 define these as X520LocalityName / X520StateOrProvinceName. */
    [CS_ATTR_JURISDICTION_LOCALITY] = {T_DIRSTRING, 0, 0, 0},
    [CS_ATTR_JURISDICTION_STATE] = {T_DIRSTRING, 0, 0, 0},
};

uint32_t cs_names_attr_bound(cs_attr_id id, unsigned *out_col) {
    const cs_attr_rule *r = &cs_attr_rules[(unsigned)id < CS_ATTR_COUNT ? id : 0];
    if (out_col != NULL) {
        *out_col = r->col != 0 ? CS_COL_NAMES_BASE + r->col : 0;
    }
    return r->bound;
}

static int cs_names_string_tag(uint32_t tag) {
    switch (tag) {
    case CS_DER_UTF8STRING:
    case CS_DER_PRINTABLESTRING:
    case CS_DER_TELETEXSTRING:
    case CS_DER_BMPSTRING:
    case CS_DER_UNIVERSALSTRING:
    case CS_DER_IA5STRING:
    case CS_DER_VISIBLESTRING:
    case CS_DER_NUMERICSTRING:
    case CS_DER_VIDEOTEXSTRING:
    case CS_DER_GRAPHICSTRING:
    case CS_DER_GENERALSTRING:
        return 1;
    default:
        return 0;
    }
}

/* RFC 4519 §2.4: a domainComponent holds one label of a DNS name; RFC 1034 §3.5 as relaxed by
 * RFC 1123 §2.1: letters, digits and hyphens, 1 to 63 of them, no hyphen at either end. */
static int cs_names_dns_label_ok(const uint8_t *p, size_t n) {
    if (n == 0 || n > 63 || p[0] == '-' || p[n - 1] == '-') {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-')) {
            return 0;
        }
    }
    return 1;
}

uint32_t cs_names_attr_problems(const cs_x509_attr *a, int content, uint32_t *out_chars) {
    const cs_attr_rule *r = &cs_attr_rules[a->id < CS_ATTR_COUNT ? a->id : 0];
    uint32_t tag = a->tag;
    uint32_t p = 0;
    int is_string = cs_names_string_tag(tag);
    if (is_string && a->value.len == 0) {
        p |= CS_NP_EMPTY_VALUE;
    }
    if (r->type == T_DIRSTRING) {
        if (tag == CS_DER_TELETEXSTRING || tag == CS_DER_BMPSTRING ||
            tag == CS_DER_UNIVERSALSTRING) {
            p |= CS_NP_LEGACY_TYPE;
        } else if (tag != CS_DER_PRINTABLESTRING && tag != CS_DER_UTF8STRING) {
            p |= CS_NP_DIRSTRING_TYPE;
        }
    } else if ((r->type == T_PRINTABLE && tag != CS_DER_PRINTABLESTRING) ||
               (r->type == T_IA5 && tag != CS_DER_IA5STRING)) {
        p |= r->problem;
    }
    if (!content) {
        return p & CS_NP_ISSUER_CHECKS;
    }
    uint32_t chars = (uint32_t)a->value.len;
    if (is_string) {
        unsigned f = cs_str_check(tag, a->value.ptr, a->value.len, &chars);
        if (f & CS_STR_CONTROL) {
            p |= CS_NP_CONTROL;
        }
        if (f & CS_STR_INVALID) {
            switch (tag) {
            case CS_DER_PRINTABLESTRING:
                p |= CS_NP_PRINTABLE_ALPHA;
                break;
            case CS_DER_IA5STRING:
                p |= CS_NP_IA5;
                break;
            case CS_DER_UTF8STRING:
                p |= CS_NP_UTF8;
                break;
            case CS_DER_BMPSTRING:
                p |= CS_NP_BMP;
                break;
            case CS_DER_UNIVERSALSTRING:
                p |= CS_NP_UNIVERSAL;
                break;
            default:
                /* Visible and Numeric strings are outside every attribute type checked here,
                 * and the DirectoryString rule reports them where it matters. */
                break;
            }
        }
    }
    if (r->bound != 0 && chars > r->bound) {
        p |= CS_NP_TOO_LONG;
    }
    if ((a->id == CS_ATTR_GIVEN_NAME || a->id == CS_ATTR_SURNAME) && chars > 64) {
        p |= CS_NP_OVER_64;
    }
    if (a->id == CS_ATTR_COUNTRY && is_string && chars != 2) {
        p |= CS_NP_COUNTRY_LENGTH;
    }
    if (a->id == CS_ATTR_DOMAIN_COMPONENT && tag == CS_DER_IA5STRING &&
        !cs_names_dns_label_ok(a->value.ptr, a->value.len)) {
        p |= CS_NP_DC_LABEL;
    }
    if (out_chars != NULL) {
        *out_chars = chars;
    }
    return p;
}

int cs_names_find_problem(const cs_x509_name *name, uint32_t problems, int content) {
    for (unsigned i = 0; i < name->num_attrs; i++) {
        if (cs_names_attr_problems(&name->attr[i], content, NULL) & problems) {
            return (int)i;
        }
    }
    return -1;
}

const char *cs_names_attr_label(const cs_x509_attr *a, char *buf, size_t buf_len) {
    if (a->id != CS_ATTR_UNKNOWN) {
        return cs_attr_short_name((cs_attr_id)a->id);
    }
    cs_der_oid_to_string(a->oid, buf, buf_len);
    return buf;
}

const char *cs_names_tag_name(uint32_t tag, char *buf, size_t buf_len) {
    switch (tag) {
    case CS_DER_UTF8STRING:
        return "UTF8String";
    case CS_DER_PRINTABLESTRING:
        return "PrintableString";
    case CS_DER_TELETEXSTRING:
        return "TeletexString";
    case CS_DER_BMPSTRING:
        return "BMPString";
    case CS_DER_UNIVERSALSTRING:
        return "UniversalString";
    case CS_DER_IA5STRING:
        return "IA5String";
    case CS_DER_VISIBLESTRING:
        return "VisibleString";
    case CS_DER_NUMERICSTRING:
        return "NumericString";
    default:
        snprintf(buf, buf_len, "tag 0x%X", (unsigned)tag);
        return buf;
    }
}

size_t cs_names_value_excerpt(const cs_x509_attr *a, char *out, size_t cap) {
    size_t o = 0;
    if (cap == 0) {
        return 0;
    }
    for (size_t i = 0; i < a->value.len && i < 48 && o + 5 < cap; i++) {
        uint8_t b = a->value.ptr[i];
        if (b >= 0x20 && b < 0x7F && b != '\\' && b != '"') {
            out[o++] = (char)b;
        } else {
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", b);
        }
    }
    if (a->value.len > 48 && o + 4 < cap) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return o;
}

void cs_names_attr_detail(const cs_x509 *x, int subject, uint32_t problems, const char *what,
                          char *buf, size_t len) {
    const cs_x509_name *name = subject ? &x->subject : &x->issuer;
    const char *where = subject ? "subject" : "issuer";
    int i = cs_names_find_problem(name, problems, subject);
    if (i < 0) {
        snprintf(buf, len, "%s: %s", where, what);
        return;
    }
    const cs_x509_attr *a = &name->attr[i];
    char label[96], tag[32], value[256];
    uint32_t chars = 0;
    cs_names_attr_problems(a, 1, &chars);
    cs_names_value_excerpt(a, value, sizeof value);
    snprintf(buf, len, "%s %s (%s, %u characters) \"%s\": %s", where,
             cs_names_attr_label(a, label, sizeof label),
             cs_names_tag_name(a->tag, tag, sizeof tag), (unsigned)chars, value, what);
}

/* An RDN repeats an attribute type. Attributes of one RDN are stored next to each other, and
 * multi-valued RDNs are rare and small, so the quadratic compare costs nothing. */
static int cs_names_rdn_dup(const cs_x509_name *name) {
    for (unsigned i = 0; i < name->num_attrs; i++) {
        const cs_x509_attr *a = &name->attr[i];
        if (a->rdn_size < 2) {
            continue;
        }
        for (unsigned j = i + 1; j < name->num_attrs && name->attr[j].rdn == a->rdn; j++) {
            if (cs_der_equal(a->oid, name->attr[j].oid)) {
                return 1;
            }
        }
    }
    return 0;
}

/* The subject's emailAddress values are all among the SAN's rfc822Names (compared octet for
 * octet, as zlint and pkilint do). */
static int cs_names_email_in_san(const cs_x509 *x, cs_facts *out, int *out_all_found) {
    int index = cs_x509_find_ext(x, CS_EXT_SUBJECT_ALT_NAME);
    *out_all_found = 0;
    if (index < 0) {
        return 1;
    }
    for (unsigned i = 0; i < x->subject.num_attrs; i++) {
        const cs_x509_attr *a = &x->subject.attr[i];
        if (a->id != CS_ATTR_EMAIL_ADDRESS) {
            continue;
        }
        cs_der_error err = {.base = x->der.ptr};
        cs_gn_iter it;
        if (!cs_decode_general_names(x->ext[index].value, &it, NULL, NULL, &err)) {
            cs_facts_ext_failed(out, CS_EXT_SUBJECT_ALT_NAME, &err);
            return 0;
        }
        cs_general_name gn;
        int found = 0;
        while (!found && cs_gn_iter_next(&it, &gn, &err) == CS_ITER_ITEM) {
            found = gn.type == CS_GN_RFC822 && cs_der_equal(gn.value, a->value);
        }
        if (!found) {
            return 1;
        }
    }
    *out_all_found = 1;
    return 1;
}

/* Time formats (RFC 5280 §4.1.2.5.1, §4.1.2.5.2) from the encoded octets, which the parser has
 * already accepted as a date: UTCTime YYMMDDhhmm[ss](Z|+hhmm|-hhmm), GeneralizedTime
 * YYYYMMDDhhmm[ss][.f+][Z|+hhmm|-hhmm]. */
static void cs_names_time(const cs_x509_time *t, cs_facts *out) {
    if (t->canonical) {
        return;
    }
    const uint8_t *p = t->raw.ptr;
    size_t n = t->raw.len;
    int zulu = n > 0 && p[n - 1] == 'Z';
    if (t->tag == CS_DER_UTCTIME) {
        if (!(n > 11 && p[10] >= '0' && p[10] <= '9')) {
            cs_facts_set(out, CS_COL_UTC_NO_SECONDS);
        }
        if (!zulu) {
            cs_facts_set(out, CS_COL_UTC_NOT_ZULU);
        }
    } else {
        if (!(n > 13 && p[12] >= '0' && p[12] <= '9')) {
            cs_facts_set(out, CS_COL_GEN_NO_SECONDS);
        }
        if (memchr(p, '.', n) != NULL || memchr(p, ',', n) != NULL) {
            cs_facts_set(out, CS_COL_GEN_FRACTION);
        }
        if (!zulu) {
            cs_facts_set(out, CS_COL_GEN_NOT_ZULU);
        }
    }
}

static const unsigned cs_np_subject_col[][2] = {
    {CS_NP_EMPTY_VALUE, CS_COL_NAME_EMPTY_VALUE},
    {CS_NP_DIRSTRING_TYPE, CS_COL_SUBJ_DIRSTRING_BAD_TYPE},
    {CS_NP_LEGACY_TYPE, CS_COL_SUBJ_LEGACY_STRING},
    {CS_NP_COUNTRY_TYPE, CS_COL_SUBJ_COUNTRY_NOT_PRINTABLE},
    {CS_NP_COUNTRY_LENGTH, CS_COL_SUBJ_COUNTRY_BAD_LENGTH},
    {CS_NP_SERIAL_TYPE, CS_COL_SUBJ_SERIAL_NOT_PRINTABLE},
    {CS_NP_DNQ_TYPE, CS_COL_SUBJ_DNQ_NOT_PRINTABLE},
    {CS_NP_EMAIL_TYPE, CS_COL_SUBJ_EMAIL_NOT_IA5},
    {CS_NP_DC_TYPE, CS_COL_SUBJ_DC_NOT_IA5},
    {CS_NP_DC_LABEL, CS_COL_SUBJ_DC_BAD_LABEL},
    {CS_NP_PRINTABLE_ALPHA, CS_COL_SUBJ_PRINTABLE_BAD_ALPHA},
    {CS_NP_IA5, CS_COL_SUBJ_IA5_NOT_ASCII},
    {CS_NP_UTF8, CS_COL_SUBJ_UTF8_INVALID},
    {CS_NP_BMP, CS_COL_SUBJ_BMP_INVALID},
    {CS_NP_UNIVERSAL, CS_COL_SUBJ_UNIVERSAL_INVALID},
    {CS_NP_CONTROL, CS_COL_SUBJ_CONTROL_CHARS},
};

void cs_facts_extract_names(const cs_x509 *x, struct cs_facts *out) {
    /* Version and unique identifiers. */
    if (x->version_present) {
        if (x->version_value > 2) {
            cs_facts_set(out, CS_COL_VERSION_INVALID);
        } else if (x->version_value == 0) {
            cs_facts_set(out, CS_COL_VERSION_EXPLICIT_V1);
        }
        if (x->version_nonminimal) {
            cs_facts_set(out, CS_COL_VERSION_NONMINIMAL);
        }
    }
    if (x->has_issuer_uid || x->has_subject_uid) {
        cs_facts_set(out, CS_COL_UID_PRESENT);
        if (!x->version_present || (x->version_value != 1 && x->version_value != 2)) {
            cs_facts_set(out, CS_COL_UID_BAD_VERSION);
        }
    }

    /* Validity. */
    cs_names_time(&x->not_before, out);
    cs_names_time(&x->not_after, out);
    if (x->not_before.epoch > x->not_after.epoch) {
        cs_facts_set(out, CS_COL_VALIDITY_NEGATIVE);
    }

    /* Both names: structure. */
    const cs_x509_name *iss = &x->issuer, *sub = &x->subject;
    if (iss->total_attrs == 0) {
        cs_facts_set(out, CS_COL_ISSUER_EMPTY);
    }
    if (sub->total_attrs == 0) {
        cs_facts_set(out, CS_COL_SUBJECT_EMPTY);
        /* §4.1.2.6: a CA, or a CRL issuer, needs a subject. keyUsage counts only when it
         * decoded. */
        int crl_signer = cs_facts_has(out, CS_COL_EXT_PRESENT + CS_EXT_KEY_USAGE) &&
                         !(out->ext_malformed & ((uint64_t)1 << CS_EXT_KEY_USAGE)) &&
                         (out->ku.bits & CS_KU_CRL_SIGN);
        if (cs_facts_has(out, CS_COL_BC_CA) || crl_signer) {
            cs_facts_set(out, CS_COL_SUBJECT_EMPTY_CA);
        }
    }
    if (iss->empty_rdn || sub->empty_rdn) {
        cs_facts_set(out, CS_COL_NAME_EMPTY_RDN);
    }
    if (iss->rdn_set_unsorted || sub->rdn_set_unsorted) {
        cs_facts_set(out, CS_COL_NAME_RDN_UNSORTED);
    }
    if (cs_names_rdn_dup(iss) || cs_names_rdn_dup(sub)) {
        cs_facts_set(out, CS_COL_NAME_RDN_DUP_TYPE);
    }

    /* Issuer: only what RFC 5280 asks of the issuer field itself. */
    uint32_t ip = 0;
    for (unsigned i = 0; i < iss->num_attrs; i++) {
        ip |= cs_names_attr_problems(&iss->attr[i], 0, NULL);
    }
    if (ip & CS_NP_EMPTY_VALUE) {
        cs_facts_set(out, CS_COL_NAME_EMPTY_VALUE);
    }
    if (ip & CS_NP_COUNTRY_TYPE) {
        cs_facts_set(out, CS_COL_ISSUER_COUNTRY_NOT_PRINTABLE);
    }
    if (ip & CS_NP_LEGACY_TYPE) {
        cs_facts_set(out, CS_COL_ISSUER_LEGACY_STRING);
    }

    /* Subject: every value in full. */
    uint32_t sp = 0;
    int email = 0;
    for (unsigned i = 0; i < sub->num_attrs; i++) {
        const cs_x509_attr *a = &sub->attr[i];
        uint32_t p = cs_names_attr_problems(a, 1, NULL);
        if (p & CS_NP_TOO_LONG) {
            unsigned col;
            cs_names_attr_bound((cs_attr_id)a->id, &col);
            cs_facts_set(out, col);
        }
        if (p & CS_NP_OVER_64) {
            cs_facts_set(out, a->id == CS_ATTR_GIVEN_NAME ? CS_COL_SUBJ_GIVEN_NAME_OVER_64
                                                          : CS_COL_SUBJ_SURNAME_OVER_64);
        }
        email |= a->id == CS_ATTR_EMAIL_ADDRESS;
        sp |= p;
    }
    if (sp != 0) {
        for (size_t k = 0; k < sizeof cs_np_subject_col / sizeof cs_np_subject_col[0]; k++) {
            if (sp & cs_np_subject_col[k][0]) {
                cs_facts_set(out, cs_np_subject_col[k][1]);
            }
        }
    }
    if (email) {
        cs_facts_set(out, CS_COL_SUBJ_EMAIL_PRESENT);
        int all_found;
        if (cs_names_email_in_san(x, out, &all_found) && !all_found) {
            cs_facts_set(out, CS_COL_SUBJ_EMAIL_NOT_IN_SAN);
        }
    }
}
