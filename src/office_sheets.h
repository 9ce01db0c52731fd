/*
 * office_sheets: the parts of an office workbook (office_book.h), for the
 * modules that write it; not for other callers.
 *
 *  - office_formats: the formats an office workbook needs beyond
 *    xlsx_formats;
 *  - office_refs: where the Profile sheet finds the cells of the Items and
 *    Path to target sheets that its formulas refer to;
 *  - helpers (office_common.c): headings, benchmarks, sheet protection
 *    (row heights come from the kit: xlsx_fit_text, xlsx_set_row_lines);
 *  - one writer per sheet (office_sheet_<name>.c), called by
 *    office_book.c; the Action plan sheet is public (office_plan_sheet_add
 *    in office_book.h) since the city workbook takes it too.
 *
 * The sheet writers read the report (scores, statistics) and the office's
 * plan (plans.h); they compute no score.  The book keeps the first error
 * of libxlsxwriter (xlsx_note_err; the xlsx_ writers call it themselves)
 * and xlsx_book_close then refuses the workbook (exit 3), as in the city
 * workbook.
 */
#ifndef ITABENCH_OFFICE_SHEETS_H
#define ITABENCH_OFFICE_SHEETS_H

#include "office_book.h"
#include "plans.h"
#include "report.h"
#include "xlsx_common.h"

#include <stdbool.h>
#include <stddef.h>

/* Formats an office workbook needs beyond the shared ones, derived from
 * the shared formats so that the look stays the same; owned by the
 * workbook. */
typedef struct {
    lxw_format *input_score;   /* editable number, 2 decimals */
    lxw_format *input_date;    /* editable date */
    lxw_format *weight;        /* ITA points per point: 4 decimals */
    lxw_format *group;         /* tool and indicator rows of the plan */
    lxw_format *score_centre;  /* a score between two texts */
    lxw_format *text_centre;
    lxw_format *int_centre;
    lxw_format *text_indent;   /* text after a right-aligned number */
    lxw_format *wrap_indent;
    lxw_format *reached;       /* conditional: the step reaching the target */
} office_formats;

/* Adds the office formats to the workbook (each call adds them anew). */
office_formats office_formats_make(xlsx_book *b);

/* Where other sheets' cells that Profile refers to are. */
typedef struct {
    char *items_sheet;          /* quoted sheet name; owned */
    lxw_row_t items_first, items_last;
    lxw_col_t items_pass_col;
    char *path_sheet;           /* quoted sheet name; owned */
    lxw_row_t path_steps_row;
    lxw_col_t path_steps_col;
} office_refs;

/* The columns of the Action plan sheet (office_sheet_plan.c), for the
 * sheets whose formulas read it (the O43 report): the printed part, the
 * budget last (left out of the print area when no row has a budget), then
 * the follow-up columns the district fills in, then the hidden item
 * scores. */
enum {
    PC_ITEM, PC_ANALYSIS, PC_SCORE, PC_GOAL, PC_MEASURE, PC_MONITORING,
    PC_UNITS, PC_SUCCESS, PC_PRIORITY, PC_DUE, PC_BUDGET,
    PC_N_PRINTED,
    PC_REACHED = PC_N_PRINTED, PC_GAIN, PC_STATUS, PC_OWNER, PC_RESULT,
    PC_EVIDENCE, PC_MARKER,
    PC_N_COLUMNS
};

/* What every sheet writer of an office workbook reads: the book, the
 * office formats, the office's plan, the cross-sheet references, and
 * whether to lock the sheets. */
typedef struct {
    xlsx_book *b;
    office_formats x;
    const office_plan *plan;
    office_refs refs;
    office_plan_cells plan_cells;  /* where the plan's target scores are */
    bool protect;   /* lock every cell but the ones users fill in */
    const size_t *rows;   /* the measures of the rows of the table being
                             written (office_measure_at) */
} office_ctx;

/* ---- the sheet writers ---------------------------------------------
 * Each writes its sheet ws of o->b for the office of o->plan; they are
 * called by office_book.c in the order of its fill table. */

/* Profile: the Target cell (the workbook's name `Target`), ITA, grade,
 * pass, gap and ranks, every headline measure against the city and zone
 * medians and the best office, and a radar chart of the indicators.
 * Reads o->refs: write Items and Path to target first. */
void office_sheet_profile_write(office_ctx *o, lxw_worksheet *ws);

/* Items: every item of the model against the city, gap and pass as
 * formulas on Target.  Sets o->refs.items_* (items_sheet: new string). */
void office_sheet_items_write(office_ctx *o, lxw_worksheet *ws);

/* Path to target: the plan's items by points gained, planned scores
 * editable and the projected ITA a formula on them.  Sets o->refs.path_*
 * (path_sheet: new string). */
void office_sheet_path_write(office_ctx *o, lxw_worksheet *ws);

/* Peers: the office beside the peers that matter, measure by measure:
 * its zone's best office, the offices ranked just above and below it in
 * the zone, the zone's quartiles; a bounded number of columns. */
void office_sheet_peers_write(office_ctx *o, lxw_worksheet *ws);

/* Analysis: the office's ITA result in words, as a district's published
 * measures open with it: the result, each tool, a paragraph per indicator
 * with its items below the target and the weaknesses they name (phrase
 * tables in office_sheet_analysis.c, weaknesses from the measures
 * library).  A printed document of its own. */
void office_sheet_analysis_write(office_ctx *o, lxw_worksheet *ws);

/* The report on carrying out the measures (O43): counts by status, rows
 * overdue and the projected ITA, then every row of the plan with status,
 * owner, due date, result and evidence, all formulas on the Action plan's
 * cells (o->plan_cells: write the plan first).  Its own print area. */
void office_sheet_report_write(office_ctx *o, lxw_worksheet *ws);

/* ---- helpers (office_common.c) --------------------------------------- */

/* Cell reference like "C12" (relative) or "$C$12" (absolute) into out. */
void office_cell_ref(char *out, lxw_row_t row, lxw_col_t col, bool absolute);

/* Whole-column reference like "$C:$C" into out (at least 16 bytes): what
 * formulas over a table whose rows users insert, delete and sort read. */
void office_column_ref(char *out, lxw_col_t col);

/* Protects ws when protect is true: locked content is fixed, users may
 * still resize, filter and select. */
void office_protect(lxw_worksheet *ws, bool protect);

/* ---- cells of a measure's row -----------------------------------------
 * Cell functions (xlsx_table_column.cell) for tables whose rows are
 * measures of the office: xlsx_write_rows with sheet = the office_ctx,
 * whose rows holds the rows' measures, and row_at = office_measure_at.
 * Numbers go in the column's format; the gap and pass cells take the
 * column of the office's value in the column's arg. */
const void *office_measure_at(const void *sheet, size_t i);
size_t office_cell_measure(const xlsx_cell *cell);
void office_cell_value(const xlsx_cell *cell);        /* the office's */
void office_cell_city_median(const xlsx_cell *cell);
void office_cell_zone_median(const xlsx_cell *cell);
void office_cell_best_office(const xlsx_cell *cell);  /* name, fits row */
void office_cell_best_value(const xlsx_cell *cell);
void office_cell_percentile(const xlsx_cell *cell);
void office_cell_zscore(const xlsx_cell *cell);
void office_cell_rank(const xlsx_cell *cell);          /* in the city */
void office_cell_target(const xlsx_cell *cell);        /* =Target */
void office_cell_gap(const xlsx_cell *cell);           /* formula on Target */
void office_cell_pass(const xlsx_cell *cell);          /* formula on Target */

/* The six benchmark columns of a measure's row, in this order: the
 * office's value, the city and zone medians, the best office and its
 * value, the office's percentile; for a table initializer, after a
 * designator ([PF_SCORE] = OFFICE_BENCHMARK_COLUMNS(...)). */
#define OFFICE_BENCHMARK_COLUMNS(w_value, w_median, w_best, w_best_value,     \
                                 w_percentile)                                \
    {{"คะแนน", "Score", w_value, XLSX_SCORE}, office_cell_value, 0},           \
    {{"มัธยฐานทุกเขต", "City median", w_median, XLSX_SCORE},                    \
     office_cell_city_median, 0},                                             \
    {{"มัธยฐานกลุ่มเขต", "Zone median", w_median, XLSX_SCORE},                  \
     office_cell_zone_median, 0},                                             \
    {{"เขตที่ดีที่สุด", "Best office", w_best, XLSX_WRAP},                       \
     office_cell_best_office, 0},                                             \
    {{"คะแนนสูงสุด", "Best score", w_best_value, XLSX_SCORE},                   \
     office_cell_best_value, 0},                                              \
    {{"เปอร์เซ็นไทล์", "Percentile", w_percentile, XLSX_SCORE},                \
     office_cell_percentile, 0}

/* Column widths and formats of a layout.  Columns users fill in get the
 * plain wrapped format: only the cells of the table are unlocked and
 * coloured, not the whole column down to row 1,048,576. */
void office_set_widths(xlsx_book *b, lxw_worksheet *ws,
                       const xlsx_column *cols, size_t n);

/* What heads a sheet: the title, a subtitle and a note (each may be
 * NULL; the title not), across the sheet's columns 0..last_col (width
 * characters in all). */
typedef struct {
    lxw_col_t last_col;
    double width;
    const char *title, *subtitle, *note;
} office_heading_text;

/* text as the office workbook prints what itabench writes: with
 * --thai-digits, its numbers in Thai digits, codes kept (thai_digits_text);
 * else a copy.  Only for generated text, never a cell read back.  A new
 * string. */
char *office_prose(const xlsx_book *b, const char *text);

/* Writes h's title, subtitle, the synthetic-data warning (and the share
 * of offices the city figures stand for, when not all) and note, each
 * across h's columns, their numbers as office_prose writes them; returns
 * the next free row.  Also makes the sheet's
 * default row one line of body text. */
lxw_row_t office_heading(xlsx_book *b, lxw_worksheet *ws,
                         const office_heading_text *h);

/* The layout width (at least width) of a column that shows text whole
 * on one line in fmt (bold text XLSX_BOLD_WIDTH wider): labels beside
 * their values, which would cut them. */
double office_text_width(double width, const char *text,
                         const lxw_format *fmt);

/* Narrows the prose column cols[prose] (wrapped text) until the n
 * columns take on the sheet (as office_set_widths sets them: wider with
 * Thai digits, xlsx_shown_width) no more room than the layout plain
 * takes with Western digits: a sheet printed at a fixed scale then fits
 * its page's width as it does without Thai digits, rather than splitting
 * across pages. */
void office_give_room(const xlsx_book *b, xlsx_column *cols,
                      const xlsx_column *plain, size_t n, size_t prose);

/* The layout width (at least width) of a column of office names in the
 * body font, indented, that shows every office's name on one line:
 * LibreOffice breaks a name inside ("บางกอกน้|อย") where a narrower
 * column wraps it. */
double office_name_width(const xlsx_book *b, double width);

/* Writes a label (th or en) in column 0 of row. */
void office_label(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                  const char *th, const char *en);

/* Writes the header texts of n columns on row in the header format, and
 * returns the lines of the tallest printed one (bold, XLSX_BOLD_WIDTH
 * wider).  In a
 * Thai workbook the headers of the first n_printed columns (the printed
 * ones) are broken into lines with '\n' at libthai's word breaks
 * (textlayout_wrap): LibreOffice breaks Thai at the words of its own,
 * finer dictionary ("ฝ่ายที่รับผิด|ชอบ").  The reader of returned plans
 * matches headers with white space, line breaks included, removed
 * (returned_status_key).  Errors are kept in the book (xlsx_write_text).
 * The caller sets the row's height to the lines returned. */
double office_print_headers(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            const xlsx_column *cols, size_t n_printed,
                            size_t n);

#endif
