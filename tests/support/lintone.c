#include "tests/support/lintone.h"

#include <stdlib.h>

int lintone(const uint8_t *der, size_t len, const char *rule_id,
            const cs_ruleset_options *options) {
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(options, err, sizeof err);
    if (rs == NULL) {
        abort();
    }
    long index = cs_ruleset_find(rs, rule_id);
    if (index < 0) {
        cs_ruleset_free(rs);
        return -2;
    }
    cs_x509 *x = malloc(sizeof *x);
    cs_batch *b = malloc(sizeof *b);
    uint64_t *fail = calloc(cs_ruleset_count(rs), sizeof *fail);
    if (x == NULL || b == NULL || fail == NULL) {
        abort();
    }
    cs_der_error derr;
    int result = -1;
    if (cs_x509_parse(x, der, len, &derr)) {
        cs_batch_reset(b, NULL);
        cs_batch_add(b, x);
        cs_engine_eval(rs, b, fail);
        result = (int)(fail[index] & 1);
    }
    free(fail);
    free(b);
    free(x);
    cs_ruleset_free(rs);
    return result;
}

int lintone_count(const uint8_t *der, size_t len) {
    char err[256];
    cs_ruleset *rs = cs_ruleset_new(NULL, err, sizeof err);
    if (rs == NULL) {
        abort();
    }
    cs_x509 *x = malloc(sizeof *x);
    cs_batch *b = malloc(sizeof *b);
    uint64_t *fail = calloc(cs_ruleset_count(rs), sizeof *fail);
    if (x == NULL || b == NULL || fail == NULL) {
        abort();
    }
    cs_der_error derr;
    int count = -1;
    if (cs_x509_parse(x, der, len, &derr)) {
        cs_batch_reset(b, NULL);
        cs_batch_add(b, x);
        cs_engine_eval(rs, b, fail);
        count = 0;
        for (size_t i = 0; i < cs_ruleset_count(rs); i++) {
            count += (int)(fail[i] & 1);
        }
    }
    free(fail);
    free(b);
    free(x);
    cs_ruleset_free(rs);
    return count;
}
