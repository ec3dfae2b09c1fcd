/* The survey tables (survey.h) as a survey kind of the aggregate (aggregate.h): how saved and
 * merged aggregate files carry them under "surveys". */
#ifndef CS_SURVEY_OPS_H
#define CS_SURVEY_OPS_H

#include "scanner/aggregate.h"

/* The kind's name under "surveys" in JSON and CBOR. */
#define CS_SURVEY_KIND "smime"

const cs_agg_survey_ops *cs_survey_agg_ops(void);

#endif
