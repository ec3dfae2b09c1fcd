/* The scan report as one self-contained HTML page: inline CSS, inline SVG charts, a few lines of
 * inline JavaScript to sort tables; nothing is fetched from the network.
 *
 * It renders the JSON report document (what `certscan scan --format json` prints, with the
 * survey tables under "surveys"), not the in-memory aggregates, so that a report saved as JSON
 * or rebuilt from a CBOR aggregate renders the same way, and the page can only show what the
 * JSON report carries. The JSON key names it reads are gathered at the top of report_html.c. */
#ifndef CS_REPORT_HTML_H
#define CS_REPORT_HTML_H

#include <stddef.h>
#include <stdio.h>

/* Writes the page for the report in `report_json` (`len` bytes). Returns 0 when the JSON does
 * not parse as a report object (a message is written to stderr) or memory ran out. */
int cs_report_html(FILE *out, const char *report_json, size_t len);

#endif
