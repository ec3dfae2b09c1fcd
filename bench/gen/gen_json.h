/* A small JSON reader (RFC 8259) for certscan's reports: parses a whole document into a tree
 * of values. Enough for `certscan scan --format json`; not a general-purpose library (no
 * streaming, numbers as double). */
#ifndef CS_GEN_JSON_H
#define CS_GEN_JSON_H

#include <stddef.h>

typedef enum gen_json_type {
    GEN_JSON_NULL = 0,
    GEN_JSON_BOOL,
    GEN_JSON_NUMBER,
    GEN_JSON_STRING,
    GEN_JSON_ARRAY,
    GEN_JSON_OBJECT
} gen_json_type;

typedef struct gen_json {
    gen_json_type type;
    double number;
    char *string;          /* strings; object member names in `key` */
    char *key;             /* the member name when this value is in an object */
    struct gen_json *kids; /* array elements or object members */
    size_t num_kids;
} gen_json;

/* Parses text; returns NULL (and a message in err) on a syntax error. */
gen_json *gen_json_parse(const char *text, size_t len, char *err, size_t errlen);
void gen_json_free(gen_json *v);
/* Member `key` of an object, or NULL. */
const gen_json *gen_json_get(const gen_json *obj, const char *key);
/* Numeric member, or `fallback` when absent or not a number. */
double gen_json_number(const gen_json *obj, const char *key, double fallback);

#endif
