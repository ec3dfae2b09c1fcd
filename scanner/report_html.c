#include "scanner/report_html.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the JSON report's key names (docs/report-schema.md), in one place ---- */
#define K_INPUTS        "files" /* inputs opened */
#define K_ENTRIES       "entries"
#define K_PARSED        "parsed"
#define K_REJECTED      "rejected"
#define K_CERTIFICATES  "certificates"  /* {"scanned","with_findings":{...},"findings"} */
#define K_SCANNED       "scanned"       /* certificates counted: duplicates once, --count */
#define K_WITH_FINDINGS "with_findings" /* {"any","error","warning","notice"} */
#define K_RULES         "rules"         /* [{"rule","severity","certificates"}] */
#define K_RULE_ID       "rule"
#define K_RULE_SEVERITY "severity"
#define K_RULE_CERTS    "certificates"
#define K_CAS           "cas" /* [{"issuer","scanned","with_findings":{...},"rules":{id:n}}] */
#define K_CAS_TOTAL     "cas_total"
#define K_CA_ISSUER     "issuer"
#define K_CA_OWNER      "ca_owner"
#define K_OWNERS        "owners" /* with --ccadb: [{"ca_owner","cas","scanned","with_findings"}] */
#define K_OWNER_CAS     "cas"
#define K_CA_SCANNED    "scanned"
#define K_CA_WITH       "with_findings"
#define K_CA_RULES      "rules"
#define K_CA_DETAILS    "rule_details" /* [{"rule","samples":[{"sha256","serial"}]}] */
#define K_CA_SAMPLES    "samples"
#define K_REASONS       "rejected_by_reason"
#define K_SURVEYS       "surveys" /* {kind: survey}; survey.h: {"tables":[{"id","title",...}]} */
#define K_SURVEY_KIND   "smime"
#define K_SV_TABLES     "tables"
#define K_SV_ID         "id"
#define K_SV_TITLE      "title"
#define K_SV_LABELS     "labels"
#define K_SV_COLUMNS    "columns"
#define K_SV_ROWS       "rows"
#define SV_MONTH_TABLE  "types_by_month"
#define SV_MONTH_KEYS   "keys_by_month"

#define CHART_W    1100 /* SVG width in px */
#define BAR_ROWS   25   /* bars per chart */
#define TABLE_ROWS 500  /* rows per sortable table */
/* (CA, rule) rows and sample lists: whole CAs, in report order, until this many rows. */
#define CA_RULE_ROWS 2000

static const char *const cs_palette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                         "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
                                         "#1f77b4", "#aec7e8", "#2ca02c", "#98df8a", "#d62728",
                                         "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"};
#define PALETTE (sizeof cs_palette / sizeof *cs_palette)

/* ---- writing ---- */

static void cs_h(FILE *out, const char *text) {
    for (const char *p = text != NULL ? text : ""; *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(*p, out);
        }
    }
}

/* Anchor ids: letters, digits, '-', '.', '_' kept; anything else becomes '_'. */
static void cs_anchor(FILE *out, const char *prefix, size_t ca, const char *rule) {
    fprintf(out, "%s%zu", prefix, ca);
    if (rule != NULL) {
        fputc('-', out);
        for (const char *p = rule; *p; p++) {
            char c = *p;
            int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '.' || c == '_';
            fputc(ok ? c : '_', out);
        }
    }
}

static uint64_t cs_u(const json_t *obj, const char *key) {
    json_t *v = json_object_get(obj, key);
    return json_is_integer(v) && json_integer_value(v) > 0 ? (uint64_t)json_integer_value(v) : 0;
}

static const char *cs_s(const json_t *obj, const char *key) {
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : "";
}

static void cs_pct(FILE *out, uint64_t n, uint64_t d) {
    if (d == 0) {
        fputs("–", out);
    } else {
        fprintf(out, "%.2f%%", 100.0 * (double)n / (double)d);
    }
}

/* ---- charts ---- */

typedef struct cs_bar {
    const char *label;
    const char *href; /* may be NULL */
    double value;     /* bar length */
    char note[64];    /* right of the bar */
} cs_bar;

static void cs_svg_text(FILE *out, double x, double y, const char *anchor, const char *cls,
                        const char *text, size_t max_chars) {
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor, cls);
    size_t n = strlen(text);
    if (n > max_chars) {
        /* Cut in the middle, on character boundaries: names share their start (C=, O=) and
         * differ at the end (CN=). The full text is in the tooltip. */
        size_t head = max_chars / 3, tail = n - (max_chars - head - 1);
        while (head > 0 && ((unsigned char)text[head] & 0xC0) == 0x80) {
            head--;
        }
        while (tail < n && ((unsigned char)text[tail] & 0xC0) == 0x80) {
            tail++;
        }
        char *copy = strndup(text, head);
        cs_h(out, copy);
        free(copy);
        fputs("…", out);
        cs_h(out, text + tail);
        fputs("<title>", out);
        cs_h(out, text);
        fputs("</title>", out);
    } else {
        cs_h(out, text);
    }
    fputs("</text>", out);
}

/* Horizontal bars, longest = full width (or `max` when > 0, e.g. 1.0 for rates). */
static void cs_bar_chart(FILE *out, const char *id, const cs_bar *bars, size_t n, double max,
                         const char *color) {
    const double label_w = 420, note_w = 150, row_h = 22;
    double bar_w = CHART_W - label_w - note_w - 20;
    if (max <= 0) {
        for (size_t i = 0; i < n; i++) {
            max = bars[i].value > max ? bars[i].value : max;
        }
    }
    double h = (double)n * row_h + 10;
    fprintf(out,
            "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %d %.0f\" width=\"%d\" height=\"%.0f\" "
            "role=\"img\">",
            id, CHART_W, h, CHART_W, h);
    for (size_t i = 0; i < n; i++) {
        double y = 5 + (double)i * row_h;
        double w = max > 0 ? bar_w * bars[i].value / max : 0;
        if (bars[i].value > 0 && w < 1) {
            w = 1;
        }
        if (bars[i].href != NULL) {
            fprintf(out, "<a href=\"%s\">", bars[i].href);
        }
        cs_svg_text(out, label_w - 8, y + 15, "end", "lbl", bars[i].label, 56);
        fprintf(out,
                "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\" "
                "rx=\"2\"><title>",
                label_w, y + 3, w, row_h - 6, color);
        cs_h(out, bars[i].label);
        fputs(": ", out);
        cs_h(out, bars[i].note);
        fputs("</title></rect>", out);
        cs_svg_text(out, label_w + w + 6, y + 15, "start", "num", bars[i].note, 40);
        if (bars[i].href != NULL) {
            fputs("</a>", out);
        }
    }
    fputs("</svg>\n", out);
}

/* One line per series over the x labels (months). */
static void cs_line_chart(FILE *out, const char *id, const char *const *x_labels, size_t n,
                          const double *const *series, const char *const *names, size_t k) {
    const double left = 70, right = 200, top = 10, bottom = 40, h = 320;
    double w = CHART_W - left - right, plot_h = h - top - bottom;
    double max = 0;
    for (size_t s = 0; s < k; s++) {
        for (size_t i = 0; i < n; i++) {
            max = series[s][i] > max ? series[s][i] : max;
        }
    }
    if (max <= 0) {
        max = 1;
    }
    fprintf(out,
            "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %d %.0f\" width=\"%d\" height=\"%.0f\" "
            "role=\"img\">",
            id, CHART_W, h, CHART_W, h);
    for (int g = 0; g <= 4; g++) {
        double y = top + plot_h - plot_h * g / 4;
        char num[32];
        snprintf(num, sizeof num, "%.0f", max * g / 4);
        fprintf(out, "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left,
                left + w, y, y);
        cs_svg_text(out, left - 6, y + 4, "end", "num", num, 16);
    }
    size_t step = n > 12 ? (n + 11) / 12 : 1;
    for (size_t i = 0; i < n; i += step) {
        double x = n > 1 ? left + w * (double)i / (double)(n - 1) : left + w / 2;
        cs_svg_text(out, x, h - bottom + 18, "middle", "num", x_labels[i], 10);
    }
    for (size_t s = 0; s < k; s++) {
        const char *color = cs_palette[s % PALETTE];
        fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", color);
        for (size_t i = 0; i < n; i++) {
            double x = n > 1 ? left + w * (double)i / (double)(n - 1) : left + w / 2;
            fprintf(out, "%.1f,%.1f ", x, top + plot_h - plot_h * series[s][i] / max);
        }
        fputs("\"><title>", out);
        cs_h(out, names[s]);
        fputs("</title></polyline>", out);
        double ly = top + 14 + 18 * (double)s;
        fprintf(out, "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                left + w + 14, ly - 10, color);
        cs_svg_text(out, left + w + 32, ly, "start", "lbl", names[s], 24);
    }
    fputs("</svg>\n", out);
}

/* Stacked horizontal bars: per row the count columns after `skip` label+total columns. */
static void cs_stacked_chart(FILE *out, const char *id, json_t *columns, json_t *rows,
                             size_t labels, size_t first_count) {
    size_t n = json_array_size(rows), first_row = 0;
    if (n > BAR_ROWS) {
        /* Time series: the latest months are the ones asked about. */
        if (strcmp(json_string_value(json_array_get(columns, 0)), "month") == 0) {
            first_row = n - BAR_ROWS;
        }
        n = BAR_ROWS;
    }
    size_t cols = json_array_size(columns);
    const double label_w = 420, row_h = 22;
    double bar_w = CHART_W - label_w - 90;
    size_t legend_rows = (cols - first_count + 5) / 6;
    double h = (double)n * row_h + 16 + 20 * (double)legend_rows;
    fprintf(out,
            "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %d %.0f\" width=\"%d\" height=\"%.0f\" "
            "role=\"img\">",
            id, CHART_W, h, CHART_W, h);
    for (size_t r = 0; r < n; r++) {
        json_t *row = json_array_get(rows, first_row + r);
        double total = 0;
        for (size_t c = first_count; c < cols; c++) {
            total += (double)json_integer_value(json_array_get(row, c));
        }
        char label[1024] = "";
        size_t used = 0;
        for (size_t c = 0; c < labels && used < sizeof label; c++) {
            used += (size_t)snprintf(label + used, sizeof label - used, "%s%s", c ? " · " : "",
                                     json_string_value(json_array_get(row, c)));
        }
        double y = 5 + (double)r * row_h;
        cs_svg_text(out, label_w - 8, y + 15, "end", "lbl", label, 56);
        double x = label_w;
        for (size_t c = first_count; c < cols && total > 0; c++) {
            double v = (double)json_integer_value(json_array_get(row, c));
            if (v <= 0) {
                continue;
            }
            double w = bar_w * v / total;
            fprintf(
                out,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\"><title>", x,
                y + 3, w, row_h - 6, cs_palette[(c - first_count) % PALETTE]);
            cs_h(out, label);
            fputs(" — ", out);
            cs_h(out, json_string_value(json_array_get(columns, c)));
            fprintf(out, ": %.0f (%.1f%%)</title></rect>", v, 100 * v / total);
            x += w;
        }
        char sum[32];
        snprintf(sum, sizeof sum, "%.0f", total);
        cs_svg_text(out, label_w + bar_w + 8, y + 15, "start", "num", sum, 20);
    }
    double ly = (double)n * row_h + 24;
    for (size_t c = first_count; c < cols; c++) {
        size_t i = c - first_count;
        double lx = 10 + (double)(i % 6) * (CHART_W / 6.0);
        double y = ly + 20 * (double)(i / 6);
        fprintf(out, "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"%s\"/>", lx,
                y - 10, cs_palette[i % PALETTE]);
        cs_svg_text(out, lx + 16, y, "start", "lbl", json_string_value(json_array_get(columns, c)),
                    24);
    }
    fputs("</svg>\n", out);
}

/* Tables whose count columns overlap (a certificate has several attributes): each count is
 * shown as a share of the row's certificates, not stacked. */
static int cs_overlapping(const char *id) {
    return strcmp(id, "subject_attributes_by_type") == 0 ||
           strcmp(id, "smime_subject_by_ca_type") == 0;
}

/* One bar per non-zero (row, column): count / the row's certificates (column `total`). */
static void cs_rate_chart(FILE *out, const char *id, json_t *columns, json_t *rows, size_t labels,
                          size_t total) {
    size_t cols = json_array_size(columns), n = 0;
    cs_bar *bars = calloc(BAR_ROWS * 2, sizeof *bars);
    char(*text)[256] = calloc(BAR_ROWS * 2, sizeof *text);
    for (size_t r = 0; bars != NULL && text != NULL && r < json_array_size(rows); r++) {
        json_t *row = json_array_get(rows, r);
        double certs = (double)json_integer_value(json_array_get(row, total));
        for (size_t c = total + 1; c < cols && n < BAR_ROWS * 2 && certs > 0; c++) {
            double v = (double)json_integer_value(json_array_get(row, c));
            if (v <= 0) {
                continue;
            }
            size_t used = 0;
            for (size_t k = 0; k < labels && used < sizeof text[n]; k++) {
                used += (size_t)snprintf(text[n] + used, sizeof text[n] - used, "%s · ",
                                         json_string_value(json_array_get(row, k)));
            }
            if (used < sizeof text[n]) {
                snprintf(text[n] + used, sizeof text[n] - used, "%s",
                         json_string_value(json_array_get(columns, c)));
            }
            bars[n].label = text[n];
            bars[n].value = v / certs;
            snprintf(bars[n].note, sizeof bars[n].note, "%.1f%%  (%.0f / %.0f)", 100 * v / certs, v,
                     certs);
            n++;
        }
    }
    if (n > 0) {
        cs_bar_chart(out, id, bars, n, 1.0, "#b07aa1");
    } else {
        fprintf(out,
                "<svg class=\"chart\" id=\"%s\" width=\"%d\" height=\"24\"><text x=\"8\" "
                "y=\"16\" class=\"lbl\">none of these</text></svg>\n",
                id, CHART_W);
    }
    free(bars);
    free(text);
}

/* ---- sections ---- */

static const char cs_css[] =
    "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;"
    "color:#222;background:#fafafa}"
    "header{background:#1f3b57;color:#fff;padding:16px 28px}header h1{margin:0;font-size:22px}"
    "main{padding:8px 28px 40px;max-width:1180px}"
    "h2{margin:28px 0 8px;font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px}"
    "h3{margin:18px 0 6px;font-size:15px}"
    ".totals{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}"
    ".tile{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px "
    "14px;min-width:120px}"
    ".tile b{display:block;font-size:20px}"
    "svg.chart{background:#fff;border:1px solid "
    "#e3e3e3;border-radius:4px;max-width:100%;height:auto}"
    "svg .lbl{font-size:12px;fill:#333}svg .num{font-size:11px;fill:#555}"
    "svg .grid{stroke:#e6e6e6}svg a:hover text{fill:#c00}"
    "table{border-collapse:collapse;background:#fff;margin:6px 0;font-size:12.5px}"
    "th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    "th{background:#eef2f6;cursor:pointer;user-select:none;position:sticky;top:0}"
    "th.asc::after{content:' ▲'}th.desc::after{content:' ▼'}"
    "tr:target,:target{background:#fff3c4}"
    ".sev-error{color:#b00020}.sev-warning{color:#a15c00}.sev-notice{color:#555}"
    "details{margin:6px 0}summary{cursor:pointer;color:#1f3b57}"
    ".note{color:#666;font-size:12px}"
    ".scroll{max-height:560px;overflow:auto;border:1px solid #ddd;display:inline-block}"
    ".scroll table{margin:0}";

/* Sorting: click a header; numeric columns sort by data-v. */
static const char cs_js[] =
    "document.querySelectorAll('table.sortable').forEach(function(t){"
    "t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){"
    "var asc=!th.classList.contains('asc');"
    "t.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc')});"
    "th.classList.add(asc?'asc':'desc');var b=t.tBodies[0];var rows=Array.from(b.rows);"
    "rows.sort(function(x,y){var a=x.cells[i],c=y.cells[i];"
    "var u=a.dataset.v!==undefined?parseFloat(a.dataset.v):a.textContent;"
    "var v=c.dataset.v!==undefined?parseFloat(c.dataset.v):c.textContent;"
    "var r=(typeof u==='number'&&typeof v==='number')?u-v:String(u).localeCompare(String(v));"
    "return asc?r:-r});rows.forEach(function(r){b.appendChild(r)})})})});"
    /* Last: says the script ran to its end (the browser test looks for it). */
    "document.documentElement.setAttribute('data-cs-ready','1');";

/* The survey tables: the report carries each survey kind under "surveys". */
static json_t *cs_surveys(json_t *root) {
    json_t *sv = json_object_get(root, K_SURVEYS);
    json_t *kind = json_object_get(sv, K_SURVEY_KIND);
    return json_is_object(kind) ? kind : NULL;
}

/* The samples of one (CA, rule) cell. */
static json_t *cs_ca_samples(json_t *ca, const char *rule) {
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(ca, K_CA_DETAILS), i, d) {
        const char *id = json_string_value(json_object_get(d, K_RULE_ID));
        if (id != NULL && strcmp(id, rule) == 0) {
            return json_object_get(d, K_CA_SAMPLES);
        }
    }
    return NULL;
}

static void cs_tile(FILE *out, const char *name, uint64_t value, const char *extra) {
    fprintf(out, "<div class=\"tile\">%s<b>%" PRIu64 "</b>%s</div>", name, value,
            extra != NULL ? extra : "");
}

static void cs_section_totals(FILE *out, json_t *root) {
    json_t *certs = json_object_get(root, K_CERTIFICATES);
    json_t *with = json_object_get(certs, K_WITH_FINDINGS);
    /* Findings are counted over the certificates counted, not the entries parsed. */
    uint64_t parsed = cs_u(root, K_PARSED), counted = cs_u(certs, K_SCANNED),
             any = cs_u(with, "any");
    char rate[64];
    snprintf(rate, sizeof rate, "<span class=\"note\">%.2f%% of counted</span>",
             counted ? 100.0 * (double)any / (double)counted : 0.0);
    fputs("<div class=\"totals\">", out);
    cs_tile(out, "inputs", cs_u(root, K_INPUTS), NULL);
    cs_tile(out, "entries read", cs_u(root, K_ENTRIES), NULL);
    cs_tile(out, "parsed", parsed, NULL);
    cs_tile(out, "certificates counted", counted, NULL);
    cs_tile(out, "rejected", cs_u(root, K_REJECTED), NULL);
    cs_tile(out, "with findings", any, rate);
    cs_tile(out, "errors", cs_u(with, "error"), NULL);
    cs_tile(out, "warnings", cs_u(with, "warning"), NULL);
    cs_tile(out, "issuing CAs", cs_u(root, K_CAS_TOTAL), NULL);
    fputs("</div>\n", out);
    json_t *reasons = json_object_get(root, K_REASONS);
    if (json_array_size(reasons) > 0) {
        fputs("<details><summary>Rejected entries by reason</summary><table class=\"sortable\">"
              "<thead><tr><th>reason</th><th class=\"n\">count</th><th>example</th></tr></thead>"
              "<tbody>",
              out);
        size_t i;
        json_t *r;
        json_array_foreach(reasons, i, r) {
            fputs("<tr><td>", out);
            cs_h(out, cs_s(r, "reason"));
            fprintf(out, "</td><td class=\"n\" data-v=\"%" PRIu64 "\">%" PRIu64 "</td><td>",
                    cs_u(r, "count"), cs_u(r, "count"));
            cs_h(out, cs_s(r, "example"));
            fputs("</td></tr>", out);
        }
        fputs("</tbody></table></details>\n", out);
    }
}

static int cs_section_cas(FILE *out, json_t *root) {
    json_t *cas = json_object_get(root, K_CAS);
    size_t n = json_array_size(cas);
    fputs("<h2 id=\"cas\">Findings per issuing CA</h2>\n", out);
    if (n == 0) {
        fputs("<p class=\"note\">No CA has findings.</p>\n", out);
        return 1;
    }
    fputs("<p class=\"note\">Share of each CA's certificates with at least one finding (the CAs "
          "with the most certificates with findings; click a bar for its rules).</p>\n",
          out);
    size_t shown = n < BAR_ROWS ? n : BAR_ROWS;
    cs_bar *bars = calloc(shown, sizeof *bars);
    char(*hrefs)[32] = calloc(shown, sizeof *hrefs);
    if (bars == NULL || hrefs == NULL) {
        free(bars);
        free(hrefs);
        return 0;
    }
    for (size_t i = 0; i < shown; i++) {
        json_t *ca = json_array_get(cas, i);
        uint64_t scanned = cs_u(ca, K_CA_SCANNED);
        uint64_t any = cs_u(json_object_get(ca, K_CA_WITH), "any");
        bars[i].label = cs_s(ca, K_CA_ISSUER);
        bars[i].value = scanned ? (double)any / (double)scanned : 0;
        snprintf(hrefs[i], sizeof hrefs[i], "#ca%zu", i);
        bars[i].href = hrefs[i];
        snprintf(bars[i].note, sizeof bars[i].note, "%.1f%%  (%" PRIu64 " / %" PRIu64 ")",
                 100 * bars[i].value, any, scanned);
    }
    cs_bar_chart(out, "chart-ca-rate", bars, shown, 1.0, "#e15759");
    free(bars);
    free(hrefs);
    return 1;
}

/* With CCADB owner data (--ccadb): the same rates per CA owner, the unit root programs compare,
 * and a sortable table of every owner. Absent from reports without owner data. */
static int cs_section_owners(FILE *out, json_t *root) {
    json_t *owners = json_object_get(root, K_OWNERS);
    size_t n = json_array_size(owners);
    if (n == 0) {
        return 1;
    }
    fputs("<h2 id=\"owners\">Findings per CA owner</h2>\n<p class=\"note\">Share of the "
          "certificates issued by each CA owner's CAs with at least one finding (owners from "
          "CCADB data; the owners with the most certificates with findings).</p>\n",
          out);
    size_t shown = n < BAR_ROWS ? n : BAR_ROWS;
    cs_bar *bars = calloc(shown, sizeof *bars);
    if (bars == NULL) {
        return 0;
    }
    for (size_t i = 0; i < shown; i++) {
        json_t *o = json_array_get(owners, i);
        uint64_t scanned = cs_u(o, K_CA_SCANNED);
        uint64_t any = cs_u(json_object_get(o, K_CA_WITH), "any");
        const char *name = cs_s(o, K_CA_OWNER);
        bars[i].label = name[0] != '\0' ? name : "(unknown owner)";
        bars[i].value = scanned ? (double)any / (double)scanned : 0;
        snprintf(bars[i].note, sizeof bars[i].note, "%.1f%%  (%" PRIu64 " / %" PRIu64 ")",
                 100 * bars[i].value, any, scanned);
    }
    cs_bar_chart(out, "chart-owner-rate", bars, shown, 1.0, "#e15759");
    free(bars);
    fputs("<details open><summary>Every CA owner</summary><table class=\"sortable\" "
          "id=\"owner-table\"><thead><tr><th>CA owner</th><th class=\"n\">CAs</th>"
          "<th class=\"n\">certificates</th><th class=\"n\">with a finding</th>"
          "<th class=\"n\">rate</th><th class=\"n\">error</th><th class=\"n\">warning</th>"
          "<th class=\"n\">notice</th></tr></thead><tbody>\n",
          out);
    for (size_t i = 0; i < n && i < TABLE_ROWS; i++) {
        json_t *o = json_array_get(owners, i);
        json_t *with = json_object_get(o, K_CA_WITH);
        uint64_t scanned = cs_u(o, K_CA_SCANNED), any = cs_u(with, "any");
        const char *name = cs_s(o, K_CA_OWNER);
        fputs("<tr><td>", out);
        cs_h(out, name[0] != '\0' ? name : "(unknown owner)");
        fprintf(out,
                "</td><td class=\"n\">%" PRIu64 "</td><td class=\"n\">%" PRIu64
                "</td><td class=\"n\">%" PRIu64 "</td>",
                cs_u(o, K_OWNER_CAS), scanned, any);
        fprintf(out, "<td class=\"n\" data-v=\"%.6f\">",
                scanned ? (double)any / (double)scanned : 0.0);
        cs_pct(out, any, scanned);
        fprintf(out,
                "</td><td class=\"n\">%" PRIu64 "</td><td class=\"n\">%" PRIu64
                "</td><td class=\"n\">%" PRIu64 "</td></tr>\n",
                cs_u(with, "error"), cs_u(with, "warning"), cs_u(with, "notice"));
    }
    fputs("</tbody></table></details>\n", out);
    return 1;
}

/* Every (CA, rule) count, linking to its samples. */
static void cs_section_ca_rules(FILE *out, json_t *root) {
    json_t *cas = json_object_get(root, K_CAS);
    size_t n = json_array_size(cas);
    if (n == 0) {
        return;
    }

    fputs("<h2 id=\"ca-rule\">Findings per CA and rule</h2><p class=\"note\">Each count links to "
          "the samples of that CA and rule. Click a header to sort.</p>\n<div class=\"scroll\">"
          "<table class=\"sortable\" id=\"ca-rule-table\"><thead><tr>"
          "<th>issuer</th><th>rule</th><th class=\"n\">certificates</th><th class=\"n\">of "
          "scanned</th><th class=\"n\">rate</th></tr></thead><tbody>\n",
          out);
    size_t rows = 0;
    size_t i = 0;
    for (; i < n && rows < CA_RULE_ROWS; i++) {
        json_t *ca = json_array_get(cas, i);
        uint64_t scanned = cs_u(ca, K_CA_SCANNED);
        const char *rule;
        json_t *count;
        json_object_foreach(json_object_get(ca, K_CA_RULES), rule, count) {
            uint64_t c = json_is_integer(count) ? (uint64_t)json_integer_value(count) : 0;
            fprintf(out, "<tr><td><a href=\"#ca%zu\">", i);
            cs_h(out, cs_s(ca, K_CA_ISSUER));
            fputs("</a></td><td>", out);
            cs_h(out, rule);
            fprintf(out, "</td><td class=\"n\" data-v=\"%" PRIu64 "\"><a href=\"#", c);
            cs_anchor(out, "s", i, rule);
            fprintf(out,
                    "\">%" PRIu64 "</a></td><td class=\"n\" data-v=\"%" PRIu64 "\">%" PRIu64
                    "</td><td class=\"n\" data-v=\"%.6f\">",
                    c, scanned, scanned, scanned ? (double)c / (double)scanned : 0.0);
            cs_pct(out, c, scanned);
            fputs("</td></tr>\n", out);
            rows++;
        }
    }
    fputs("</tbody></table></div>\n", out);
    if (i < n) {
        fprintf(out,
                "<p class=\"note\">The first %zu of %zu CAs (the JSON report has them all).</p>\n",
                i, n);
    }
}

/* Samples: one block per CA, one anchor per (CA, rule). */
static void cs_section_samples(FILE *out, json_t *root) {
    json_t *cas = json_object_get(root, K_CAS);
    size_t n = json_array_size(cas);
    fputs("<h2 id=\"samples\">Samples per CA and rule</h2>\n", out);
    size_t rows = 0;
    for (size_t i = 0; i < n && rows < CA_RULE_ROWS; i++) {
        json_t *ca = json_array_get(cas, i);
        fprintf(out, "<h3 id=\"ca%zu\">", i);
        cs_h(out, cs_s(ca, K_CA_ISSUER));
        fprintf(out, " <span class=\"note\">scanned %" PRIu64 "</span></h3><ul>\n",
                cs_u(ca, K_CA_SCANNED));
        const char *rule;
        json_t *count;
        json_object_foreach(json_object_get(ca, K_CA_RULES), rule, count) {
            rows++;
            fputs("<li id=\"", out);
            cs_anchor(out, "s", i, rule);
            fputs("\"><b>", out);
            cs_h(out, rule);
            fprintf(out, "</b>: %" PRIu64 " certificates", (uint64_t)json_integer_value(count));
            json_t *list = cs_ca_samples(ca, rule);
            if (json_array_size(list) == 0) {
                fputs(" <span class=\"note\">(no samples recorded in this report)</span>", out);
            } else {
                fputs("<ul>", out);
                size_t k;
                json_t *sample;
                json_array_foreach(list, k, sample) {
                    fputs("<li><code>", out);
                    if (json_is_string(sample)) {
                        cs_h(out, json_string_value(sample));
                    } else {
                        char *text = json_dumps(sample, JSON_COMPACT);
                        cs_h(out, text);
                        free(text);
                    }
                    fputs("</code></li>", out);
                }
                fputs("</ul>", out);
            }
            fputs("</li>\n", out);
        }
        fputs("</ul>\n", out);
    }
}

static int cs_section_rules(FILE *out, json_t *root) {
    json_t *rules = json_object_get(root, K_RULES);
    uint64_t counted = cs_u(json_object_get(root, K_CERTIFICATES), K_SCANNED);
    size_t n = json_array_size(rules);
    fputs("<h2 id=\"rules\">Top rules</h2>\n", out);
    if (n == 0) {
        fputs("<p class=\"note\">No findings.</p>\n", out);
        return 1;
    }
    /* The report lists rules by id; the chart wants the largest first. */
    size_t *order = malloc(n * sizeof *order);
    cs_bar *bars = calloc(n < BAR_ROWS ? n : BAR_ROWS, sizeof *bars);
    if (order == NULL || bars == NULL) {
        free(order);
        free(bars);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        uint64_t c = cs_u(json_array_get(rules, i), K_RULE_CERTS);
        while (j > 0 && cs_u(json_array_get(rules, order[j - 1]), K_RULE_CERTS) < c) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    size_t shown = n < BAR_ROWS ? n : BAR_ROWS;
    for (size_t i = 0; i < shown; i++) {
        json_t *r = json_array_get(rules, order[i]);
        uint64_t c = cs_u(r, K_RULE_CERTS);
        bars[i].label = cs_s(r, K_RULE_ID);
        bars[i].value = (double)c;
        snprintf(bars[i].note, sizeof bars[i].note, "%" PRIu64 "  (%.2f%%)", c,
                 counted ? 100.0 * (double)c / (double)counted : 0.0);
    }
    cs_bar_chart(out, "chart-rules", bars, shown, 0, "#4e79a7");
    free(bars);
    fputs("<details><summary>All rules with findings</summary><table class=\"sortable\" "
          "id=\"rules-table\"><thead><tr><th>rule</th><th>severity</th><th class=\"n\">"
          "certificates</th><th class=\"n\">rate</th></tr></thead><tbody>\n",
          out);
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_array_get(rules, order[i]);
        uint64_t c = cs_u(r, K_RULE_CERTS);
        const char *sev = cs_s(r, K_RULE_SEVERITY);
        fputs("<tr><td>", out);
        cs_h(out, cs_s(r, K_RULE_ID));
        fputs("</td><td class=\"sev-", out);
        cs_h(out, sev);
        fputs("\">", out);
        cs_h(out, sev);
        fprintf(out, "</td><td class=\"n\" data-v=\"%" PRIu64 "\">%" PRIu64 "</td>", c, c);
        fprintf(out, "<td class=\"n\" data-v=\"%.6f\">",
                counted ? (double)c / (double)counted : 0.0);
        cs_pct(out, c, counted);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></details>\n", out);
    free(order);
    return 1;
}

static json_t *cs_survey_table(json_t *root, const char *id) {
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(cs_surveys(root), K_SV_TABLES), i, t) {
        if (strcmp(cs_s(t, K_SV_ID), id) == 0) {
            return t;
        }
    }
    return NULL;
}

/* Per month: certificates (and one line per certificate type) from the survey. */
static int cs_section_months(FILE *out, json_t *root) {
    json_t *t = cs_survey_table(root, SV_MONTH_TABLE);
    fputs("<h2 id=\"months\">Per month of notBefore</h2>\n", out);
    json_t *rows = json_object_get(t, K_SV_ROWS), *cols = json_object_get(t, K_SV_COLUMNS);
    size_t n = json_array_size(rows), k = json_array_size(cols);
    if (n == 0 || k < 2) {
        fputs("<p class=\"note\">No survey in this report (scan with --survey).</p>\n", out);
        return 1;
    }
    size_t series_n = k - 1 > 9 ? 9 : k - 1; /* the total, then the types */
    const char **x = calloc(n, sizeof *x);
    const char **names = calloc(series_n, sizeof *names);
    double **series = calloc(series_n, sizeof *series);
    int ok = x != NULL && names != NULL && series != NULL;
    for (size_t s = 0; ok && s < series_n; s++) {
        ok = (series[s] = calloc(n, sizeof **series)) != NULL;
        names[s] = json_string_value(json_array_get(cols, 1 + s));
    }
    for (size_t i = 0; ok && i < n; i++) {
        json_t *row = json_array_get(rows, i);
        x[i] = json_string_value(json_array_get(row, 0));
        for (size_t s = 0; s < series_n; s++) {
            series[s][i] = (double)json_integer_value(json_array_get(row, 1 + s));
        }
    }
    if (ok) {
        cs_line_chart(out, "chart-months", x, n, (const double *const *)series, names, series_n);
    }
    for (size_t s = 0; series != NULL && s < series_n; s++) {
        free(series[s]);
    }
    free(series);
    free(names);
    free(x);
    return ok;
}

static void cs_survey_html_table(FILE *out, json_t *t) {
    json_t *cols = json_object_get(t, K_SV_COLUMNS), *rows = json_object_get(t, K_SV_ROWS);
    size_t labels = (size_t)json_integer_value(json_object_get(t, K_SV_LABELS));
    size_t n = json_array_size(rows);
    fprintf(out, "<details><summary>Table (%zu rows%s)</summary><table class=\"sortable\" id=\"t-",
            n, n > TABLE_ROWS ? ", first 500 shown; --csv has them all" : "");
    cs_h(out, cs_s(t, K_SV_ID));
    fputs("\"><thead><tr>", out);
    size_t c;
    json_t *name;
    json_array_foreach(cols, c, name) {
        fprintf(out, "<th%s>", c >= labels ? " class=\"n\"" : "");
        cs_h(out, json_string_value(name));
        fputs("</th>", out);
    }
    fputs("</tr></thead><tbody>\n", out);
    for (size_t r = 0; r < n && r < TABLE_ROWS; r++) {
        json_t *row = json_array_get(rows, r), *cell;
        fputs("<tr>", out);
        json_array_foreach(row, c, cell) {
            if (json_is_integer(cell)) {
                fprintf(out,
                        "<td class=\"n\" data-v=\"%" JSON_INTEGER_FORMAT "\">%" JSON_INTEGER_FORMAT
                        "</td>",
                        json_integer_value(cell), json_integer_value(cell));
            } else {
                fputs("<td>", out);
                cs_h(out, json_string_value(cell));
                fputs("</td>", out);
            }
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table></details>\n", out);
}

static void cs_section_surveys(FILE *out, json_t *root) {
    json_t *sv = cs_surveys(root);
    fputs("<h2 id=\"surveys\">Surveys</h2>\n", out);
    if (!json_is_object(sv)) {
        fputs("<p class=\"note\">No survey in this report (scan with --survey).</p>\n", out);
        return;
    }
    fprintf(out,
            "<p class=\"note\">%" PRIu64 " certificates surveyed. Each chart shows, per row, "
            "the share of each column, its total on the right (the first %d rows, or the "
            "latest months); the table below it has the counts.</p>\n",
            cs_u(sv, "certificates"), BAR_ROWS);
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(sv, K_SV_TABLES), i, t) {
        const char *id = cs_s(t, K_SV_ID);
        json_t *cols = json_object_get(t, K_SV_COLUMNS), *rows = json_object_get(t, K_SV_ROWS);
        size_t labels = (size_t)json_integer_value(json_object_get(t, K_SV_LABELS));
        fputs("<h3 id=\"sv-", out);
        cs_h(out, id);
        fputs("\">", out);
        cs_h(out, cs_s(t, K_SV_TITLE));
        fputs("</h3>\n", out);
        if (json_array_size(rows) == 0) {
            fputs("<p class=\"note\">(none)</p>\n", out);
            continue;
        }
        size_t cols_n = json_array_size(cols);
        /* Tables of shares: count columns after a "certificates" total. */
        size_t first = labels;
        if (first < cols_n &&
            strcmp(json_string_value(json_array_get(cols, first)), "certificates") == 0) {
            first++;
        }
        char chart_id[128];
        snprintf(chart_id, sizeof chart_id, "chart-%s", id);
        if (first > labels && cs_overlapping(id)) {
            cs_rate_chart(out, chart_id, cols, rows, labels, labels);
        } else if (first < cols_n && first > labels) {
            cs_stacked_chart(out, chart_id, cols, rows, labels, first);
        } else if (cols_n == labels + 1) {
            /* One count per row (cross-certificates, key reuse): plain bars. */
            size_t n = json_array_size(rows) < BAR_ROWS ? json_array_size(rows) : BAR_ROWS;
            cs_bar *bars = calloc(n ? n : 1, sizeof *bars);
            for (size_t r = 0; bars != NULL && r < n; r++) {
                json_t *row = json_array_get(rows, r);
                bars[r].label = json_string_value(json_array_get(row, 0));
                bars[r].value = (double)json_integer_value(json_array_get(row, labels));
                snprintf(bars[r].note, sizeof bars[r].note, "%.0f", bars[r].value);
            }
            if (bars != NULL) {
                cs_bar_chart(out, chart_id, bars, n, 0, "#59a14f");
            }
            free(bars);
        }
        cs_survey_html_table(out, t);
    }
}

int cs_report_html(FILE *out, const char *report_json, size_t len) {
    json_error_t error;
    json_t *root = json_loadb(report_json, len, 0, &error);
    if (root == NULL || !json_is_object(root)) {
        fprintf(stderr, "certscan: html: the report is not a JSON object (line %d: %s)\n",
                error.line, root == NULL ? error.text : "not an object");
        json_decref(root);
        return 0;
    }
    /* window.onerror first, so that any script error leaves a mark the tests look for. */
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
          "<title>certscan report</title>"
          "<script>window.onerror=function(m){var d=document.createElement('div');"
          "d.id='cs-script-error';d.textContent='script error: '+m;"
          "(document.body||document.documentElement).appendChild(d)};</script>"
          "<style>",
          out);
    fputs(cs_css, out);
    fputs("</style></head><body>\n<header><h1>certscan report</h1></header><main>\n"
          "<nav class=\"note\"><a href=\"#owners\">CA owners</a> · <a href=\"#cas\">CAs</a> · "
          "<a href=\"#rules\">rules</a> · "
          "<a href=\"#months\">months</a> · <a href=\"#ca-rule\">CA × rule</a> · "
          "<a href=\"#surveys\">surveys</a> · "
          "<a href=\"#samples\">samples</a></nav>\n",
          out);
    cs_section_totals(out, root);
    int ok = cs_section_owners(out, root) && cs_section_cas(out, root) &&
             cs_section_rules(out, root) && cs_section_months(out, root);
    if (ok) {
        cs_section_ca_rules(out, root);
        cs_section_surveys(out, root);
        cs_section_samples(out, root);
    }
    fputs("</main><script>", out);
    fputs(cs_js, out);
    fputs("</script></body></html>\n", out);
    json_decref(root);
    return ok && !ferror(out);
}
