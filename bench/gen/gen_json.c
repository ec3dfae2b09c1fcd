#include "bench/gen/gen_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gen_json_parser {
    const char *p, *end, *start;
    char *err;
    size_t errlen;
    int failed;
    int depth;
} gen_json_parser;

static void gen_json_fail(gen_json_parser *ps, const char *what) {
    if (!ps->failed) {
        snprintf(ps->err, ps->errlen, "JSON: %s at byte %zu", what, (size_t)(ps->p - ps->start));
    }
    ps->failed = 1;
}

static void gen_json_ws(gen_json_parser *ps) {
    while (ps->p < ps->end &&
           (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')) {
        ps->p++;
    }
}

static void gen_json_utf8(char *out, size_t *o, unsigned cp) {
    if (cp < 0x80) {
        out[(*o)++] = (char)cp;
    } else if (cp < 0x800) {
        out[(*o)++] = (char)(0xC0 | (cp >> 6));
        out[(*o)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out[(*o)++] = (char)(0xE0 | (cp >> 12));
        out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*o)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[(*o)++] = (char)(0xF0 | (cp >> 18));
        out[(*o)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*o)++] = (char)(0x80 | (cp & 0x3F));
    }
}

static int gen_json_hex4(const char *p, unsigned *out) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (unsigned)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= (unsigned)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= (unsigned)(c - 'A' + 10);
        } else {
            return 0;
        }
    }
    *out = v;
    return 1;
}

static char *gen_json_string(gen_json_parser *ps) {
    ps->p++; /* opening quote */
    const char *s = ps->p;
    while (ps->p < ps->end && *ps->p != '"') {
        ps->p += *ps->p == '\\' ? 2 : 1;
    }
    if (ps->p >= ps->end) {
        gen_json_fail(ps, "unterminated string");
        return NULL;
    }
    size_t n = (size_t)(ps->p - s);
    char *out = malloc(n + 1);
    if (out == NULL) {
        gen_json_fail(ps, "out of memory");
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            out[o++] = s[i];
            continue;
        }
        char c = s[++i];
        switch (c) {
        case 'n':
            out[o++] = '\n';
            break;
        case 't':
            out[o++] = '\t';
            break;
        case 'r':
            out[o++] = '\r';
            break;
        case 'b':
            out[o++] = '\b';
            break;
        case 'f':
            out[o++] = '\f';
            break;
        case 'u': {
            unsigned cp, lo;
            if (i + 4 >= n || !gen_json_hex4(s + i + 1, &cp)) {
                gen_json_fail(ps, "bad \\u escape");
                free(out);
                return NULL;
            }
            i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < n && s[i + 1] == '\\' && s[i + 2] == 'u' &&
                gen_json_hex4(s + i + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            gen_json_utf8(out, &o, cp);
            break;
        }
        default:
            out[o++] = c; /* \" \\ \/ */
            break;
        }
    }
    out[o] = '\0';
    ps->p++; /* closing quote */
    return out;
}

static int gen_json_value(gen_json_parser *ps, gen_json *v);

static int gen_json_push(gen_json_parser *ps, gen_json *v, size_t *cap) {
    if (v->num_kids == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        gen_json *k = realloc(v->kids, *cap * sizeof *k);
        if (k == NULL) {
            gen_json_fail(ps, "out of memory");
            return 0;
        }
        v->kids = k;
    }
    memset(&v->kids[v->num_kids], 0, sizeof v->kids[0]);
    return 1;
}

static int gen_json_container(gen_json_parser *ps, gen_json *v, int object) {
    v->type = object ? GEN_JSON_OBJECT : GEN_JSON_ARRAY;
    ps->p++;
    size_t cap = 0;
    gen_json_ws(ps);
    if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
        ps->p++;
        return 1;
    }
    for (;;) {
        if (!gen_json_push(ps, v, &cap)) {
            return 0;
        }
        gen_json *kid = &v->kids[v->num_kids++];
        gen_json_ws(ps);
        if (object) {
            if (ps->p >= ps->end || *ps->p != '"') {
                gen_json_fail(ps, "expected a member name");
                return 0;
            }
            kid->key = gen_json_string(ps);
            gen_json_ws(ps);
            if (kid->key == NULL || ps->p >= ps->end || *ps->p != ':') {
                gen_json_fail(ps, "expected ':'");
                return 0;
            }
            ps->p++;
        }
        if (!gen_json_value(ps, kid)) {
            return 0;
        }
        gen_json_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
            ps->p++;
            return 1;
        }
        gen_json_fail(ps, "expected ',' or a closing bracket");
        return 0;
    }
}

static int gen_json_value(gen_json_parser *ps, gen_json *v) {
    gen_json_ws(ps);
    if (ps->p >= ps->end) {
        gen_json_fail(ps, "unexpected end");
        return 0;
    }
    if (++ps->depth > 64) {
        gen_json_fail(ps, "nested too deeply");
        return 0;
    }
    int ok = 1;
    char c = *ps->p;
    if (c == '{' || c == '[') {
        ok = gen_json_container(ps, v, c == '{');
    } else if (c == '"') {
        v->type = GEN_JSON_STRING;
        v->string = gen_json_string(ps);
        ok = v->string != NULL;
    } else if (c == 't' && ps->end - ps->p >= 4 && memcmp(ps->p, "true", 4) == 0) {
        v->type = GEN_JSON_BOOL;
        v->number = 1;
        ps->p += 4;
    } else if (c == 'f' && ps->end - ps->p >= 5 && memcmp(ps->p, "false", 5) == 0) {
        v->type = GEN_JSON_BOOL;
        ps->p += 5;
    } else if (c == 'n' && ps->end - ps->p >= 4 && memcmp(ps->p, "null", 4) == 0) {
        v->type = GEN_JSON_NULL;
        ps->p += 4;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        char buf[64];
        size_t n = 0;
        while (ps->p < ps->end && n + 1 < sizeof buf && strchr("+-0123456789.eE", *ps->p)) {
            buf[n++] = *ps->p++;
        }
        buf[n] = '\0';
        v->type = GEN_JSON_NUMBER;
        v->number = strtod(buf, NULL);
    } else {
        gen_json_fail(ps, "unexpected character");
        ok = 0;
    }
    ps->depth--;
    return ok && !ps->failed;
}

static void gen_json_clear(gen_json *v) {
    for (size_t i = 0; i < v->num_kids; i++) {
        gen_json_clear(&v->kids[i]);
    }
    free(v->kids);
    free(v->string);
    free(v->key);
}

gen_json *gen_json_parse(const char *text, size_t len, char *err, size_t errlen) {
    gen_json_parser ps = {text, text + len, text, err, errlen, 0, 0};
    gen_json *v = calloc(1, sizeof *v);
    if (v == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (!gen_json_value(&ps, v)) {
        gen_json_fail(&ps, "syntax error");
        gen_json_free(v);
        return NULL;
    }
    gen_json_ws(&ps);
    if (ps.p != ps.end) {
        gen_json_fail(&ps, "trailing data");
        gen_json_free(v);
        return NULL;
    }
    return v;
}

void gen_json_free(gen_json *v) {
    if (v != NULL) {
        gen_json_clear(v);
        free(v);
    }
}

const gen_json *gen_json_get(const gen_json *obj, const char *key) {
    if (obj == NULL || obj->type != GEN_JSON_OBJECT) {
        return NULL;
    }
    for (size_t i = 0; i < obj->num_kids; i++) {
        if (strcmp(obj->kids[i].key, key) == 0) {
            return &obj->kids[i];
        }
    }
    return NULL;
}

double gen_json_number(const gen_json *obj, const char *key, double fallback) {
    const gen_json *v = gen_json_get(obj, key);
    return v != NULL && v->type == GEN_JSON_NUMBER ? v->number : fallback;
}
