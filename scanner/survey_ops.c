#include "scanner/survey_ops.h"

#include <cbor.h>

#include "scanner/survey.h"

static int cs_survey_op_merge(void *dst, const void *src) {
    return cs_survey_merge(dst, src);
}

static void cs_survey_op_json(FILE *out, const void *state) {
    cs_survey_json(out, state);
}

static void cs_survey_op_text(FILE *out, const void *state) {
    /* The tables' latest or largest rows: the full tables are in JSON and CSV. */
    cs_survey_text(out, state, 20);
}

static void *cs_survey_op_cbor_encode(const void *state) {
    return cs_survey_to_cbor(state);
}

static void *cs_survey_op_cbor_decode(const void *item) {
    return cs_survey_from_cbor(item);
}

static int cs_survey_op_csv(const void *state, const char *dir) {
    return cs_survey_csv(state, dir);
}

static void cs_survey_op_free(void *state) {
    cs_survey_free(state);
}

static const cs_agg_survey_ops cs_survey_ops = {
    .name = CS_SURVEY_KIND,
    .merge = cs_survey_op_merge,
    .json = cs_survey_op_json,
    .text = cs_survey_op_text,
    .cbor_encode = cs_survey_op_cbor_encode,
    .cbor_decode = cs_survey_op_cbor_decode,
    .csv = cs_survey_op_csv,
    .free = cs_survey_op_free,
};

const cs_agg_survey_ops *cs_survey_agg_ops(void) {
    return &cs_survey_ops;
}
