/* Survey tables: what a corpus is made of, as the S/MIME working group asks it (issue 7).
 *
 * Counts per issuing CA, per certificate type (its profile: smime.<type>.<generation>,
 * smime.undetermined, pkix.subscriber/ca/root/precert) and per month of notBefore: EKU
 * combinations, key algorithms and sizes, signature algorithms, validity lengths, subject
 * attribute usage, S/MIME subject flags (commonName only a mailbox, pseudonym, countryName XX),
 * cross-certificates (one subject and key under several issuers) and key reuse (one SPKI in
 * several certificates). docs/survey-schema.md documents every table and the JSON object.
 *
 * Like the aggregate, each worker fills its own survey from the batches it evaluated (no lock);
 * surveys merge in any order to the same result. Per-key state (cross-certificates, key reuse)
 * is bounded: past a limit of distinct keys it keeps the keys whose hash falls in a shrinking
 * sample, chosen so that merged surveys keep exactly the keys one survey of the whole corpus
 * would have kept (docs/survey-schema.md, "Bounded key tables"). */
#ifndef CS_SURVEY_H
#define CS_SURVEY_H

#include <cbor.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scanner/scan.h"

typedef struct cs_survey cs_survey;

/* Distinct keys kept exactly per key table before sampling starts (cs_survey_set_key_limit). */
#define CS_SURVEY_KEY_LIMIT 65536

cs_survey *cs_survey_new(void);
void cs_survey_free(cs_survey *s);
/* Changes the key-table limit of an empty survey (tests use small limits; every survey that is
 * merged must use the same limit). Returns 0 when `s` is not empty or `limit` is 0. */
int cs_survey_set_key_limit(cs_survey *s, size_t limit);
/* Adds a scanned batch's parsed certificates. Returns 0 when memory ran out. */
int cs_survey_add_batch(cs_survey *s, const cs_scan_batch *b);
/* The same for the lanes set in `lanes` only (bit i: b->item[i]), e.g. those of one --shard. */
int cs_survey_add_lanes(cs_survey *s, const cs_scan_batch *b, uint64_t lanes);
/* Adds `src` into `dst`. Returns 0 when memory ran out or the key limits differ. */
int cs_survey_merge(cs_survey *dst, const cs_survey *src);

/* Certificates surveyed. */
uint64_t cs_survey_certificates(const cs_survey *s);

/* The JSON object that sits under the report's "surveys" key. */
void cs_survey_json(FILE *out, const cs_survey *s);
/* Terminal tables, at most 100 columns wide; at most `max_rows` rows per table (0: 20). */
void cs_survey_text(FILE *out, const cs_survey *s, size_t max_rows);
/* One CSV file per table in `dir` (created if missing): <table id>.csv. Returns 0 with
 * errno set when a directory or file cannot be written. */
int cs_survey_csv(const cs_survey *s, const char *dir);

/* CBOR, for saved and merged aggregates: the survey's full state (not its tables), so that a
 * decoded survey merges like the original. from_cbor returns NULL when the item is not a survey
 * this version can read. */
cbor_item_t *cs_survey_to_cbor(const cs_survey *s);
cs_survey *cs_survey_from_cbor(const cbor_item_t *item);

/* ---- read access, for tests ---- */

/* Row value of a table by its labels ("issuer", "type", ...) and column name, as the tables in
 * the JSON output hold it; 0 when absent. `labels` are matched in order against the row's label
 * cells; NULL entries match anything. */
uint64_t cs_survey_cell(const cs_survey *s, const char *table, const char *const *labels,
                        size_t num_labels, const char *column);

#endif
