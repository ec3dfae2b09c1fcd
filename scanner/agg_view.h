/* Sorted views of an aggregate for the outputs (text, JSON, CSV, CBOR), so every output lists
 * CAs, rules, profiles and months in the same order, whatever order they were counted in. */
#ifndef CS_AGG_VIEW_H
#define CS_AGG_VIEW_H

#include "scanner/agg_internal.h"

typedef struct cs_view_ca {
    uint32_t ca; /* index in a->cas */
    const char *owner;
    cs_agg_cell tot; /* over its profiles and months */
    uint32_t rules_hit;
} cs_view_ca;

typedef struct cs_view_rule {
    uint32_t rule;
    uint64_t certificates;
    uint32_t cas;
} cs_view_rule;

typedef struct cs_view_group {
    unsigned key; /* profile code or month */
    const char *name;
    cs_agg_cell tot;
} cs_view_group;

typedef struct cs_view {
    const cs_agg *a;
    cs_agg_cell total;
    cs_view_ca *cas; /* most certificates with findings first, then most certificates, name */
    size_t num_cas;
    uint32_t *ca_pos;    /* a->cas index -> position in cas */
    cs_view_rule *rules; /* rules with findings: most certificates first, then id */
    size_t num_rules;
    cs_view_group *profiles; /* by code */
    size_t num_profiles;
    cs_view_group *months; /* ascending */
    size_t num_months;
    cs_view_group *owners; /* with an owner hook: CAs grouped by owner (key: their number) */
    size_t num_owners;
    size_t *cells;     /* a->cells indices by (CA position, profile, month) */
    size_t *cellrules; /* a->cellrules indices by (CA position, profile, month, rule) */
    size_t *carules;   /* a->carules indices by (CA position, rule) */
    size_t *reasons;   /* a->reasons indices, most first, then key */
} cs_view;

/* Returns 0 when memory ran out. */
int cs_view_build(cs_view *v, const cs_agg *a);
void cs_view_free(cs_view *v);

#endif
