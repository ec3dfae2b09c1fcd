/* GeneralName walks for rule details. See gn_walk.h. */
#include "scanner/gn_walk.h"

#include <stdio.h>

#include "scanner/gn_syntax.h"

static int cs_gn_walk_names(cs_der names, cs_gn_visit *v, cs_gn_visitor fn, void *arg) {
    cs_der_error err = {.base = names.ptr};
    cs_gn_iter it;
    cs_general_name gn;
    cs_gn_iter_init(&it, names);
    while (cs_gn_iter_next(&it, &gn, &err) == CS_ITER_ITEM) {
        v->gn = &gn;
        int r = fn(v, arg);
        if (r != 0) {
            return r;
        }
    }
    return 0;
}

static int cs_gn_walk_one(cs_der value, cs_ext_id id, cs_gn_visitor fn, void *arg) {
    cs_der_error err = {.base = value.ptr};
    cs_der cur = value, seq;
    cs_gn_visit v = {0};
    if (!cs_der_get(&cur, CS_DER_SEQUENCE, &seq, &err, "walk")) {
        return 0;
    }
    switch (id) {
    case CS_EXT_SUBJECT_ALT_NAME:
    case CS_EXT_ISSUER_ALT_NAME:
        v.place = CS_GN_PLACE_LIST;
        return cs_gn_walk_names(seq, &v, fn, arg);
    case CS_EXT_NAME_CONSTRAINTS: {
        for (unsigned i = 0; i < 2; i++) {
            cs_der trees;
            int present;
            if (!cs_der_get_optional(&seq, CS_DER_CONTEXT_CONS(i), &trees, &present, &err,
                                     "walk")) {
                return 0;
            }
            if (!present) {
                continue;
            }
            cs_subtree_iter it;
            cs_subtree st;
            cs_subtree_iter_init(&it, trees);
            v.place = i == 0 ? CS_GN_PLACE_PERMITTED : CS_GN_PLACE_EXCLUDED;
            v.item = 0;
            while (cs_subtree_iter_next(&it, &st, &err) == CS_ITER_ITEM) {
                v.subtree = &st;
                v.gn = &st.base;
                int r = fn(&v, arg);
                if (r != 0) {
                    return r;
                }
                v.item++;
            }
        }
        return 0;
    }
    case CS_EXT_CRL_DISTRIBUTION_POINTS:
    case CS_EXT_FRESHEST_CRL: {
        cs_dist_point_iter it = {seq};
        cs_dist_point dp;
        while (cs_dist_point_iter_next(&it, &dp, &err) == CS_ITER_ITEM) {
            int r = 0;
            if (dp.has_name && dp.name_is_full) {
                v.place = CS_GN_PLACE_DP_NAME;
                r = cs_gn_walk_names(dp.name, &v, fn, arg);
            }
            if (r == 0 && dp.has_crl_issuer) {
                v.place = CS_GN_PLACE_CRL_ISSUER;
                r = cs_gn_walk_names(dp.crl_issuer, &v, fn, arg);
            }
            if (r != 0) {
                return r;
            }
            v.item++;
        }
        return 0;
    }
    case CS_EXT_AUTHORITY_INFO_ACCESS:
    case CS_EXT_SUBJECT_INFO_ACCESS: {
        cs_access_iter it = {seq};
        cs_access_desc desc;
        v.place = CS_GN_PLACE_ACCESS;
        while (cs_access_iter_next(&it, &desc, &err) == CS_ITER_ITEM) {
            v.method = desc.method_id;
            v.gn = &desc.location;
            int r = fn(&v, arg);
            if (r != 0) {
                return r;
            }
            v.item++;
        }
        return 0;
    }
    default:
        return 0;
    }
}

int cs_gn_walk(const cs_x509 *x, cs_ext_id id, cs_gn_visitor fn, void *arg) {
    for (unsigned i = 0; i < x->num_exts; i++) {
        if (x->ext[i].id == id) {
            int r = cs_gn_walk_one(x->ext[i].value, id, fn, arg);
            if (r != 0) {
                return r;
            }
        }
    }
    return 0;
}

uint32_t cs_gn_name_flags(const cs_gn_visit *v) {
    const cs_general_name *gn = v->gn;
    const cs_der d = gn->value;
    int constraint = v->place == CS_GN_PLACE_PERMITTED || v->place == CS_GN_PLACE_EXCLUDED;
    uint32_t empty =
        (gn->type == CS_GN_DIRECTORY ? d.len <= 2 : d.len == 0) ? CS_GN_EMPTY_VALUE : 0;
    switch (gn->type) {
    case CS_GN_DNS:
        if (constraint) {
            return empty | (d.len == 0 ? 0 : cs_dns_check(d.ptr, d.len, CS_DNS_ALLOW_LEADING_DOT));
        }
        return empty | cs_dns_check(d.ptr, d.len, CS_DNS_ALLOW_WILDCARD);
    case CS_GN_RFC822:
        return empty | cs_mailbox_check(d.ptr, d.len);
    case CS_GN_URI:
        if (constraint) {
            return empty | cs_dns_check(d.ptr, d.len, CS_DNS_ALLOW_LEADING_DOT);
        }
        return empty |
               cs_uri_check(d.ptr, d.len, v->place == CS_GN_PLACE_LIST ? CS_URI_CHECK_HOST : 0);
    case CS_GN_IP:
        if (constraint) {
            return empty | cs_ip_constraint_check(d.ptr, d.len);
        }
        return empty | (d.len != 4 && d.len != 16);
    case CS_GN_OTHER_NAME:
        if (cs_oid_misc(gn->other_oid) == CS_OID_ON_SMTP_UTF8_MAILBOX) {
            return empty | cs_smtputf8_check(gn->other_tag, d.ptr, d.len);
        }
        return empty;
    default:
        return empty;
    }
}

size_t cs_gn_quote(cs_der value, char *buf, size_t len) {
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    if (len < 8) {
        if (len > 0) {
            buf[0] = '\0';
        }
        return 0;
    }
    buf[o++] = '"';
    for (size_t i = 0; i < value.len; i++) {
        uint8_t c = value.ptr[i];
        if (o + 8 >= len || i >= 80) {
            buf[o++] = '.';
            buf[o++] = '.';
            buf[o++] = '.';
            break;
        }
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            buf[o++] = (char)c;
        } else {
            buf[o++] = '\\';
            buf[o++] = 'x';
            buf[o++] = hex[c >> 4];
            buf[o++] = hex[c & 15];
        }
    }
    buf[o++] = '"';
    buf[o] = '\0';
    return o;
}

static size_t cs_gn_format_ip(const uint8_t *a, size_t n, char *buf, size_t len) {
    size_t o = 0;
    if (n == 4) {
        o = (size_t)snprintf(buf, len, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    } else {
        for (size_t i = 0; i < 16 && o < len; i += 2) {
            o += (size_t)snprintf(buf + o, len - o, "%s%x", i == 0 ? "" : ":",
                                  (unsigned)(a[i] << 8 | a[i + 1]));
        }
    }
    return o < len ? o : len - 1;
}

size_t cs_gn_format(const cs_general_name *gn, char *buf, size_t len) {
    const cs_der v = gn->value;
    if (len == 0) {
        return 0;
    }
    if (gn->type == CS_GN_IP && (v.len == 4 || v.len == 16)) {
        return cs_gn_format_ip(v.ptr, v.len, buf, len);
    }
    if (gn->type == CS_GN_IP && (v.len == 8 || v.len == 32)) {
        size_t half = v.len / 2;
        size_t o = cs_gn_format_ip(v.ptr, half, buf, len);
        if (o + 1 < len) {
            buf[o++] = '/';
            o += cs_gn_format_ip(v.ptr + half, half, buf + o, len - o);
        }
        return o;
    }
    if (gn->type == CS_GN_DIRECTORY) {
        cs_x509_name name;
        cs_der_error err = {.base = v.ptr};
        if (cs_x509_parse_name(v, &name, &err)) {
            return cs_x509_name_to_string(&name, buf, len);
        }
    }
    return cs_gn_quote(v, buf, len);
}

typedef struct cs_gn_find {
    int type;
    uint32_t mask;
    cs_general_name gn;
    cs_gn_place place;
    unsigned item;
} cs_gn_find;

static int cs_gn_find_visit(const cs_gn_visit *v, void *arg) {
    cs_gn_find *f = arg;
    if (f->type >= 0 && (int)v->gn->type != f->type) {
        return 0;
    }
    if (f->mask != 0 && (cs_gn_name_flags(v) & f->mask) == 0) {
        return 0;
    }
    f->gn = *v->gn;
    f->place = v->place;
    f->item = v->item;
    return 1;
}

int cs_gn_describe_first(const cs_x509 *x, cs_ext_id id, int type, uint32_t mask, const char *what,
                         char *buf, size_t len) {
    cs_gn_find f = {.type = type, .mask = mask};
    if (!cs_gn_walk(x, id, cs_gn_find_visit, &f)) {
        snprintf(buf, len, "%s", what);
        return 0;
    }
    char quoted[360];
    cs_gn_format(&f.gn, quoted, sizeof quoted);
    const char *place = "";
    char where[64] = "";
    switch (f.place) {
    case CS_GN_PLACE_PERMITTED:
        place = " in permittedSubtrees";
        break;
    case CS_GN_PLACE_EXCLUDED:
        place = " in excludedSubtrees";
        break;
    case CS_GN_PLACE_DP_NAME:
        snprintf(where, sizeof where, " in the fullName of distribution point %u", f.item + 1);
        place = where;
        break;
    case CS_GN_PLACE_CRL_ISSUER:
        snprintf(where, sizeof where, " in the cRLIssuer of distribution point %u", f.item + 1);
        place = where;
        break;
    case CS_GN_PLACE_ACCESS:
        snprintf(where, sizeof where, " in access description %u", f.item + 1);
        place = where;
        break;
    default:
        break;
    }
    snprintf(buf, len, "%s: %s %s%s", what, cs_gn_type_name(f.gn.type), quoted, place);
    return 1;
}
