/*
 * city_sheets: the parts of the city workbook (city_book.h), for the
 * modules that write it; not for other callers.
 *
 *  - city: what every sheet writer reads (the report, the workbook, its
 *    sheets) and where sheets find each other's cells;
 *  - small helpers (city_common.c): titles and notes, names in the
 *    report's language, the office identity columns, and a sheet's main
 *    table finished through the column kit (xlsx_table.h: a column is a
 *    table entry with its own cell function; columns per tool, indicator
 *    or item are added at run time to an xlsx_columns);
 *  - one writer per sheet (city_sheet_<name>.c), called by city_book.c in
 *    the order of its fill table.
 *
 * Every sheet has its title on row 0, notes on rows 1-2, its first table's
 * header on CITY_HEAD and data from CITY_FIRST.  Writers never stop at an
 * error of libxlsxwriter: the book keeps the first (xlsx_note_err), and
 * xlsx_book_close then refuses the workbook (exit 3).
 */
#ifndef ITABENCH_CITY_SHEETS_H
#define ITABENCH_CITY_SHEETS_H

#include "report.h"
#include "xlsx_common.h"

#include <stdbool.h>
#include <stddef.h>

#define CITY_HEAD 3
#define CITY_FIRST (CITY_HEAD + 1)

/* The sheets, in the order of the workbook.  A sheet a run may lack
 * (ITA intervals, City trend, Movers, Item changes, Plan progress) moves the sheets after it: the
 * book's n-th sheet is not always enum value n, so charts name a sheet by
 * its worksheet (c->ws[sheet]->name), not by xlsx_book.sheet_names. */
enum city_sheet {
    CITY_SUMMARY, CITY_RANKING,
    CITY_INTERVALS,                   /* only with the ITA's uncertainty */
    CITY_INDICATORS, CITY_DISTRIBUTION, CITY_GRADES, CITY_GAPS,
    CITY_QUESTIONS, CITY_OIT, CITY_ZONES,
    CITY_CITY_TREND,                  /* only with two years or more */
    CITY_TREND,
    CITY_MOVERS, CITY_ITEM_CHANGES,   /* only with the previous year's
                                         uncertainty */
    CITY_QUALITY, CITY_METHOD, CITY_MODEL, CITY_ITEM_SCORES,
    CITY_PROGRESS, CITY_PROGRESS_DETAILS,
                     /* only when action plans came back: last, so that
                        the others keep their places without them */
    CITY_N_SHEETS
};

typedef struct {
    xlsx_book *b;
    const report *rep;
    const model *m;
    const year_scores *ys;
    const city_stats *cs;
    lxw_worksheet *ws[CITY_N_SHEETS];
    char *ref[CITY_N_SHEETS];   /* quoted sheet names for formulas */
    size_t *main;               /* ITA, the tools, the indicators */
    size_t n_main;
    char **pool;                /* strings that live as long as the book */
    size_t n_pool;
    /* where other sheets' formulas and charts find things */
    lxw_col_t rk_ita, rk_pass, rk_zone, rk_name;  /* city_sheet_ranking_locate */
    lxw_col_t rk_low, rk_high;  /* the ITA's 95 % interval on Ranking */
    lxw_col_t rk_p_pass;        /* the chance of reaching Target (formula) */
    lxw_col_t rk_se;            /* the ITA's SE */
    size_t rk_width;            /* Ranking's columns */
    lxw_col_t ind_first;        /* Indicators: column of main[0] */
    lxw_row_t hist_first;       /* Grades and correlations: first grade
                                   row */
    lxw_col_t hist_id, hist_count;
    /* widths that show every office's code, name and zone name on one
     * line (city_fit_names) */
    double w_code, w_name, w_zone;
} city;

/* ---- the sheet writers ---------------------------------------------
 * Each writes its sheet ws of the workbook c->b from the report c->rep
 * (scores and statistics, never computed here), keeping the first
 * libxlsxwriter error in the book (xlsx_note_err). */

/* Summary: the Target cell (the workbook's name `Target`), key figures,
 * grades, best and weakest offices, the weakest indicators, the facts in
 * sentences and three charts.  Reads c->rk_* (Ranking) and c->hist_*
 * (Grades and correlations): written last. */
void city_sheet_summary_write(city *c, lxw_worksheet *ws);

/* Where the Summary's charts go, and what above them they read or keep
 * whole. */
typedef struct {
    lxw_row_t first_row;        /* the charts from this row down */
    lxw_row_t radar_first;      /* the radar's data: n_radar rows, the */
    size_t n_radar;             /* city mean in column B, target in C */
    const lxw_row_t *breaks;    /* n_breaks page breaks (0: none) that */
    size_t n_breaks;            /* keep the tables whole with headings */
} city_summary_charts_at;

/* The Summary's charts from row at->first_row down, each starting a
 * printed page: ITA by office (sorted, each bar split at Target) from the
 * Ranking sheet, the grade histogram from Grades and correlations, and a
 * radar of the indicators' city means (from the Summary's rows at
 * at->radar_first) against the target.  The page breaks of the sheet are
 * set here: the charts' and at->breaks before them. */
void city_sheet_summary_charts(city *c, lxw_worksheet *ws,
                               const city_summary_charts_at *at);

/* Sets c->rk_ita, rk_pass, rk_zone and rk_name (the Ranking columns that
 * other sheets refer to), rk_low and rk_high (the ITA's 95 % interval, read
 * by the caterpillar chart) and rk_width (Ranking's columns, right of
 * which the chart's data go).  Call before any writer. */
void city_sheet_ranking_locate(city *c);

/* Ranking: every office by rank, with pass and gap as formulas on Target,
 * tool scores and the change since the previous year. */
void city_sheet_ranking_write(city *c, lxw_worksheet *ws);

/* ITA intervals (when the ITA's uncertainty is known): the caterpillar
 * chart of the Ranking table, every office's ITA with its 95 % interval,
 * best first, named by its office, and the target (a line on the Target
 * cell), on one printed page with no repeated rows; its data in hidden
 * columns right of the Ranking table (written here: Ranking is written
 * first).  Reads c->rk_*. */
void city_sheet_intervals_write(city *c, lxw_worksheet *ws);

/* Where an interval comes from (uncertainty.h), in the report's language:
 * answer counts, approximate from respondents, unknown, no sampling
 * error. */
const char *city_basis_name(const city *c, uncertainty_basis basis);

/* Indicators: every office's headline measures (c->main), coloured by
 * column, city statistics under the table; written row by row in
 * constant memory (xlsx_add_streamed_sheet).  Sets c->ind_first. */
void city_sheet_indicators_write(city *c, lxw_worksheet *ws);

/* Distribution: summary statistics and Tukey outliers of every headline
 * measure, counts below target as formulas on the Indicators sheet (reads
 * c->ind_first), the sheet's only table. */
void city_sheet_distribution_write(city *c, lxw_worksheet *ws);

/* The Distribution table's columns with their widths (ids such as IND10
 * and the correlation matrices' corner cells whole, no header word
 * broken), into t (start at {0}; the caller frees it): the Grades and
 * correlations sheet takes the same widths. */
void city_distribution_columns(city *c, xlsx_columns *t);

/* The corner cell of a correlation matrix, which names its coefficient
 * ("Pearson r", "Spearman rho"), in the workbook's language: a static
 * string. */
const char *city_correlation_corner(const city *c,
                                    stats_correlation_kind kind);

/* Grades and correlations: the grade histogram of ITA (sets c->hist_*:
 * the Summary's chart reads it) with the Pearson correlations of the
 * indicators on the first printed page, the Spearman ones on the next; no
 * repeated rows. */
void city_sheet_grades_write(city *c, lxw_worksheet *ws);

/* Where the Distribution sheet counts the offices below Target on the
 * j-th headline measure (c->main[j]): the column, and the row in *row.
 * Other sheets' counts refer to it, so that they agree. */
lxw_col_t city_distribution_below_cell(lxw_row_t *row, size_t j);

/* Gaps: every office's gap to the target and the ITA points lost per
 * indicator, as formulas on Target, with city totals; written row by row
 * in constant memory (xlsx_add_streamed_sheet). */
void city_sheet_gaps_write(city *c, lxw_worksheet *ws);

/* Questions: every item of the model, city-wide weaknesses first. */
void city_sheet_questions_write(city *c, lxw_worksheet *ws);

/* Item scores: every office's score of every item, by rank, in a sheet
 * written row by row in constant memory (xlsx_add_streamed_sheet): the
 * data the Questions sheet's counts below Target are formulas on. */
void city_sheet_item_scores_write(city *c, lxw_worksheet *ws);

/* The Item scores column of an item (a measure, stats.h numbering), and a
 * new "'Sheet'!$E$5:$E$54" of its scores. */
lxw_col_t city_item_scores_col(const city *c, size_t measure);
char *city_item_scores_range(const city *c, size_t measure);

/* OIT: the disclosure items of every office, with counts of the missing;
 * written row by row in constant memory (xlsx_add_streamed_sheet). */
void city_sheet_oit_write(city *c, lxw_worksheet *ws);

/* Zones: the zones compared (offices passing as formulas on the Ranking
 * sheet: reads c->rk_zone, c->rk_pass) and every office ranked in its
 * zone. */
void city_sheet_zones_write(city *c, lxw_worksheet *ws);

/* Trend: ITA and grade of every office in every year of the input and
 * the change since the previous year, the only table of its sheet (the
 * movers, the chart and the paired t-test have sheets of their own). */
void city_sheet_trend_write(city *c, lxw_worksheet *ws);

/* City trend (when the input holds two years or more): the ITA chart
 * over the years on its first printed page, and the paired t-test of the
 * change since the previous year (when there is one) on the next; no
 * repeated rows. */
void city_sheet_city_trend_write(city *c, lxw_worksheet *ws);

/* On ws, whose first n_cols columns print at scale percent, when the
 * input holds two years or more: a heading on row r and under it a line
 * chart of the ITA over the years (the city median, quartiles and each
 * zone's median; a line per office for up to 12 offices) as high as the
 * rest of a printed page holds, in fonts that print readable at scale;
 * its data (stats_series) in hidden columns right of the n_cols.
 * Returns the first row under the chart (r with fewer than two years). */
lxw_row_t city_sheet_trend_chart(city *c, lxw_worksheet *ws, lxw_row_t r,
                                 size_t n_cols, int scale);

/* Movers (when both years' uncertainty is known): the biggest movers up
 * and down of every headline measure since the previous year, each
 * change with its 95 % interval, its Benjamini-Hochberg q-value and
 * whether it is significant (uncertainty.h). */
void city_sheet_movers_write(city *c, lxw_worksheet *ws);

/* Item changes (as Movers): the items whose city-wide mean moved most,
 * the first few of each tool, with the same figures. */
void city_sheet_item_changes_write(city *c, lxw_worksheet *ws);

/* "yes"/"no" of a significant change, in the report's language. */
const char *city_significance(const city *c, bool significant);

/* Plan progress (only when report.progress is set): one row per office
 * whose action plan came back with its counts, the sheet's only table. */
void city_sheet_progress_write(city *c, lxw_worksheet *ws);

/* Plan progress details (with Plan progress): a stacked bar per office
 * (done, in progress, not started: the Plan progress table's counts), the
 * offices whose plan has not come back, and last the overdue rows with
 * office, item, owner and due date, whose header repeats on every page
 * they continue on. */
void city_sheet_progress_details_write(city *c, lxw_worksheet *ws);

/* Data quality: the findings of the run (report.diags). */
void city_sheet_quality_write(city *c, lxw_worksheet *ws);

/* Method: program, model and registry, the grade bands, the shape of the
 * distribution, the uncertainty, and the files read with their SHA-256
 * (read from disk here). */
void city_sheet_method_write(city *c, lxw_worksheet *ws);

/* Scoring model: the model's nodes, one row each, a table whose header
 * prints on every page (it takes several; on the Method sheet, among
 * tables side by side, it could repeat none). */
void city_sheet_model_write(city *c, lxw_worksheet *ws);

/* The Method sheet's section on how sure the figures are, from row r (its
 * columns A-H): the uncertainty method and its assumptions in plain words,
 * and this run's replicates and interval bases.  Returns the next free
 * row. */
lxw_row_t city_sheet_method_uncertainty(city *c, lxw_worksheet *ws, lxw_row_t r);

/* ---- helpers (city_common.c) ----------------------------------------- */

/* Keeps err in the book when it is the first error (xlsx_note_err). */
void city_note_err(city *c, lxw_error err);

/* Keeps s (a string from malloc) until the book is written, for table
 * headers and chart names that libxlsxwriter reads on close; returns s. */
const char *city_pool(city *c, char *s);

/* Text in the report's language. */
const char *city_tr(const city *c, const char *th, const char *en);
bool city_english(const city *c);

/* A measure (stats.h numbering): its id ("ITA", "IND1"), and its id and
 * label, "IND1 label" (kept in the pool). */
const char *city_measure_id(const city *c, size_t k);
const char *city_measure_title(city *c, size_t k);

/* The width (xlsx_column units) a column of data cells needs to show the
 * widest of texts (n of them) on one line: at least width, at most cap. */
double city_fit_width(const city *c, double width, double cap,
                      const char *const *texts, size_t n);

/* width, widened (in half units) until no word of header, in bold, is
 * broken between letters (textlayout_word_width). */
double city_header_width(const city *c, double width, const char *header);

/* city_header_width for each of n columns, in place. */
void city_header_widths(const city *c, xlsx_column *cols, size_t n);

/* Sets c->w_code, w_name and w_zone from the registry's offices and zones
 * in the report's language.  Call before any writer. */
void city_fit_names(city *c);

/* The office of rank i+1. */
const office_score *city_ranked(const city *c, size_t i);

/* ---- the office identity columns, one cell function each ----------
 * For tables written by xlsx_write_rows whose rows are offices: the
 * cell's item is an office_score (city_row_ranked, with the city as the
 * sheet, gives the office of rank i+1).  The cells read names from the
 * book's report, not from the sheet, so a table whose rows come in an
 * order of its own may pass a sheet context of its own. */
const void *city_row_ranked(const void *c, size_t i);
void city_cell_rank(const xlsx_cell *cell);   /* rank among all offices */
void city_cell_code(const xlsx_cell *cell);   /* the registry's code */
void city_cell_name(const xlsx_cell *cell);   /* name, workbook language */
void city_cell_zone(const xlsx_cell *cell);   /* zone name, the same */

/* The columns above with their headers and the widths that show every
 * office's code, name and zone on one line (city_fit_names). */
xlsx_table_column city_rank_column(const city *c);
xlsx_table_column city_code_column(const city *c);
xlsx_table_column city_name_column(const city *c);
xlsx_table_column city_zone_column(const city *c);

/* The double at offset in a struct of statistics (stats_summary,
 * stats_paired): lets column and row tables name statistics as data. */
double city_stat_at(const void *stats, size_t offset);

/* The format of a kind of data cell, plain or bold. */
lxw_format *city_fmt(const city *c, xlsx_kind kind);
lxw_format *city_bold(const city *c, xlsx_kind kind);

/* "B7" into buf (LXW_MAX_CELL_NAME_LENGTH); returns buf. */
const char *city_cell(char *buf, lxw_row_t r, lxw_col_t col);

/* Returns a new "'Sheet'!$F$5:$F$54" for rows first..last of a column. */
char *city_column_range(const city *c, enum city_sheet sheet, lxw_row_t first,
                        lxw_row_t last, lxw_col_t col);

/* The last data row of a table of n rows (an empty table keeps one). */
lxw_row_t city_last_row(size_t n);

/* The sheet title with the fiscal year on row 0. */
void city_title(city *c, lxw_worksheet *ws, const char *th, const char *en);

/* A section heading: larger text in a taller row. */
void city_subtitle(city *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                   const char *text);

/* The significance level of every test the city workbook reports. */
#define CITY_ALPHA 0.05

/* A test's verdict in words, in the workbook's language, for readers who
 * do not read p-values: "ไม่แตกต่างอย่างมีนัยสำคัญ" / "not significantly
 * different" when p >= CITY_ALPHA (and for a NAN p), else "แตกต่างอย่าง
 * มีนัยสำคัญ" / "significantly different".  A static string. */
const char *city_verdict(const city *c, double p);

/* The widest a chart may be, in libxlsxwriter's default chart widths
 * (480 px). */
#define CITY_CHART_X_SCALE 2.6

/* A chart's x_scale (worksheet_insert_chart_opt) that covers only the
 * first n_cols columns of ws printed on its first page at scale percent,
 * at most CITY_CHART_X_SCALE.  libxlsxwriter anchors a chart to the
 * columns its pixels cover with 7-pixel characters; a spreadsheet then
 * draws those columns with its own, wider characters (textlayout's); the
 * page holds what fits of those.  Call after the column widths are set. */
double city_chart_x_scale(const lxw_worksheet *ws, size_t n_cols, int scale);

/* libxlsxwriter's default chart height (pixels), the unit of y_scale. */
#define CITY_CHART_PX 288.0

/* The height (points of the sheet) of a chart anchored under row r that
 * ends on the printed page of rows 0..r (the sheet printed at scale
 * percent, no repeated rows): the page's body less those rows and two
 * rows to spare, at most max_y_scale default charts high. */
double city_chart_height_pt(lxw_worksheet *ws, lxw_row_t r, int scale,
                            double max_y_scale);

/* The first row under a chart anchored at row first and height points
 * high, as libxlsxwriter anchors it: where a page break keeps the chart
 * whole on the page above. */
lxw_row_t city_row_under_chart(lxw_worksheet *ws, lxw_row_t first,
                               double height);

/* Prints ws at scale percent (xlsx_fit_scale) instead of fitting it to the
 * page: Excel ignores manual page breaks on a sheet fitted to the page. */
void city_print_at_scale(lxw_worksheet *ws, int scale);

/* ---- a sheet's main table, through the column kit ------------------ */

/* Column widths (each at least city_header_width of its header), the
 * Excel table (named table), frozen header and frozen columns, and print
 * setup of a sheet whose one table t starts at CITY_HEAD, printed with
 * its header on every page and no text under XLSX_MIN_PRINT_PT: split
 * across pages with the frozen columns repeated when too wide
 * (xlsx_print_readable).  Returns the print scale (percent). */
int city_finish_columns(city *c, lxw_worksheet *ws, const xlsx_columns *t,
                        size_t n_rows, const char *table, lxw_col_t frozen);

/* For a sheet written row by row (xlsx_add_streamed_sheet), in place of
 * city_finish_columns: the header row on CITY_HEAD, column widths and an
 * autofilter over the header and n_rows rows (no table), the header and
 * the columns before frozen frozen, and the print setup of
 * city_finish_columns for a sheet whose smallest text is smallest_pt
 * points.  Call after the rows above CITY_HEAD and before the data. */
void city_filtered_columns(city *c, lxw_worksheet *ws, const xlsx_columns *t,
                           size_t n_rows, lxw_col_t frozen, double smallest_pt);

/* The column of t written by cell (xlsx_table_column_of).  A sheet looks
 * up only columns it has: a missing one is a program error (assert),
 * never column A. */
lxw_col_t city_column_of(const xlsx_columns *t, xlsx_cell_fn cell);

/* The header texts of n kit columns on row r, from column 0, in the
 * header format; the row keeps the sheet's height (xlsx_write_headers
 * fits it): for the small tables under or beside a sheet's main one. */
void city_header_row(city *c, lxw_worksheet *ws, lxw_row_t r,
                     const xlsx_table_column *cols, size_t n);

#endif
