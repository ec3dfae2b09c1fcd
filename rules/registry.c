/* The linker collects every CS_RULE declaration's pointer into the section "cs_rules" and, since
 * the name is a C identifier, defines __start_cs_rules and __stop_cs_rules around it. */
#include "rules/rule.h"

extern const cs_rule *const __start_cs_rules[] __attribute__((weak));
extern const cs_rule *const __stop_cs_rules[] __attribute__((weak));

const cs_rule *const *cs_rules_linked(size_t *out_count) {
    if (__start_cs_rules == NULL || __stop_cs_rules == NULL) {
        *out_count = 0;
        return NULL;
    }
    *out_count = (size_t)(__stop_cs_rules - __start_cs_rules);
    return __start_cs_rules;
}

const char *cs_severity_name(cs_severity severity) {
    switch (severity) {
    case CS_SEV_ERROR:
        return "error";
    case CS_SEV_WARNING:
        return "warning";
    case CS_SEV_NOTICE:
        return "notice";
    default:
        return "unknown";
    }
}
