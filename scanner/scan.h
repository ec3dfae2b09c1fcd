/* The scan driver: inputs -> entries -> parse -> facts -> rules, a batch of 64 at a time.
 *
 * This is the single-threaded driver; the streaming multi-core pipeline replaces the loop but
 * keeps the batch and the callback. Each batch is handed to the callback after evaluation with
 * every entry's outcome (parsed, or rejected with its reason), so callers never see an entry
 * twice and never miss one.
 */
#ifndef CS_SCAN_H
#define CS_SCAN_H

#include <stdint.h>

#include "io/input.h"
#include "scanner/engine.h"

typedef struct cs_scan_item {
    const char *input;            /* path, valid during the callback */
    uint64_t index;               /* entry number within the input */
    uint64_t offset;              /* byte offset in the input */
    uint64_t line;                /* 1-based line for text inputs, else 0 */
    cs_entry_status entry_status; /* rejected by the reader (framing, base64) */
    const char *entry_detail;
    int parsed;               /* 1 when x509 holds a certificate */
    cs_der_error parse_error; /* when the reader yielded bytes that did not parse */
    const uint8_t *der;       /* the entry's bytes, NULL for reader rejections */
    size_t der_len;
    cs_x509 x509;
} cs_scan_item;

typedef struct cs_scan_batch {
    unsigned n;
    cs_scan_item item[CS_BATCH_LANES];
    cs_batch batch; /* lane i holds item i */
    uint64_t *fail; /* one word per rule of the rule set */
} cs_scan_batch;

typedef void (*cs_scan_batch_fn)(void *ctx, const cs_scan_batch *b);
/* Called for inputs or paths that cannot be opened (the scan goes on). */
typedef void (*cs_scan_error_fn)(void *ctx, const char *path, const char *message);

typedef struct cs_scan_options {
    cs_input_format format;
    const cs_ruleset *rules;
    const cs_profile_config *profiles; /* may be NULL */
    cs_scan_batch_fn on_batch;
    cs_scan_error_fn on_error;
    void *ctx;
} cs_scan_options;

typedef struct cs_scan_totals {
    uint64_t inputs;       /* files opened */
    uint64_t input_errors; /* paths that could not be opened or read */
    uint64_t entries;      /* entries read */
    uint64_t parsed;
    uint64_t rejected;
    uint64_t skipped_blocks; /* PEM blocks of other types (keys, CRLs) */
    uint64_t bytes;
} cs_scan_totals;

/* Scans the given paths (files, directories, "-"). Returns 1 unless memory ran out. */
int cs_scan_paths(const char *const *paths, size_t num_paths, const cs_scan_options *options,
                  cs_scan_totals *out_totals);

/* Reason key for a rejected item: "input.bad_base64", "x509.truncated", ... */
const char *cs_scan_item_reason(const cs_scan_item *item);

#endif
