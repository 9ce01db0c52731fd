/*
 * xlsx_common: what every itabench workbook shares, on top of libxlsxwriter.
 *
 *  - an xlsx_book: the workbook written atomically through outfile.h
 *    (temporary file in the output folder, renamed when complete), with a
 *    fixed creation time so that the same input gives the same bytes;
 *  - one set of formats per workbook (xlsx_formats), all in the font of
 *    report.font at a size Thai readers can read;
 *  - Thai or English text by report.lang (xlsx_tr), and the names of
 *    offices, zones, model nodes and grades in it;
 *  - column layouts as data (xlsx_column): header th/en, width, kind;
 *    from them, column widths, header rows and Excel tables with filters;
 *  - A4 landscape print setup fitted to the page width, repeated header
 *    rows, page numbers in the footer;
 *  - text cells cut at Excel's 32,767-character limit (counted and reported
 *    on close), numbers that are NAN written as blank cells;
 *  - row heights for wrapped text, which Excel and LibreOffice do not
 *    compute when they open a file (one estimate: xlsx_text_lines);
 *  - the error policy: the first libxlsxwriter error is kept in the book
 *    and xlsx_book_close refuses the workbook (exit 3);
 *  - gap and pass formulas on Target, in one place (xlsx_write_gap...);
 *  - tables whose columns write their own cells (xlsx_write_rows);
 *  - the named cell `Target` that gap and pass formulas refer to.
 *
 * Typical use:
 *     xlsx_book b;
 *     if (!xlsx_book_open(&b, path, rep, title, comments)) -> errno
 *     lxw_worksheet *ws = xlsx_add_sheet(&b, "อันดับ", "Ranking");
 *     xlsx_set_columns(&b, ws, 0, cols, n_cols);
 *     ... write rows 1..n below a header row 0 ...
 *     xlsx_add_table(&b, ws, 0, 0, n, cols, n_cols, "Ranking");
 *     worksheet_freeze_panes(ws, 1, 0);
 *     xlsx_print_setup(&b, ws, 0, 0);
 *     if (!xlsx_book_close(&b)) -> errno
 *
 * A table whose columns write their own cells (a new column is one entry
 * and, when no cell function fits, a small new one):
 *     static void name_cell(const xlsx_cell *cell)
 *     {
 *         const thing *t = cell->item;     // row_at(sheet, row index)
 *         xlsx_write_text(cell->b, cell->ws, cell->row, cell->col, t->name,
 *                         cell->fmt);
 *         xlsx_cell_fit(cell, t->name, cell->column->col.width);
 *     }
 *     static const xlsx_table_column table[] = {
 *         {{"ชื่อ", "Name", 20, XLSX_WRAP}, name_cell, 0},
 *         {{"คะแนน", "Score", 9, XLSX_SCORE}, score_cell, 0},
 *     };
 *     xlsx_column cols[2];
 *     xlsx_table_layout(table, 2, cols);   // for set_columns, add_table
 *     xlsx_write_rows(&b, ws, 1, table, 2, n, sheet_ctx, row_at);
 */
#ifndef ITABENCH_XLSX_COMMON_H
#define ITABENCH_XLSX_COMMON_H

#include "xlsx_book.h"
#include "xlsx_table.h"
#include "xlsx_print.h"
#include "report.h"

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

/* Grades beyond this many share the last colour. */
#define XLSX_MAX_GRADES 12

/* The formats xlsx_ita_book_open keeps in the book's extra formats (for
 * conditional formats only: colours, no font): pass and fail fills, then
 * one per model grade in the order of model.grades (best first). */
enum {
    XLSX_ITA_PASS,
    XLSX_ITA_FAIL,
    XLSX_ITA_GRADE,
    XLSX_ITA_FORMATS = XLSX_ITA_GRADE + XLSX_MAX_GRADES
};

/* The report of a book opened by xlsx_ita_book_open (kept in the kit's
 * user pointer). */
static inline const report *xlsx_report(const xlsx_book *b)
{
    return (const report *)b->user;
}

/* Opens a workbook of the report that will become final_path
 * (xlsx_book_open): the report's font, language and Thai digits; author
 * "itabench <version>", title and comments; a creation time fixed by the
 * fiscal year so the bytes do not depend on the clock; the grade and
 * pass/fail formats of the model.  rep is borrowed until xlsx_book_close
 * (xlsx_report).  Returns false with errno set (nothing is left behind). */
bool xlsx_ita_book_open(xlsx_book *b, const char *final_path,
                        const report *rep, const char *title,
                        const char *comments);

/* The conditional format of grade g (model.grades order; grades beyond
 * XLSX_MAX_GRADES share the last), and of pass and fail flags. */
lxw_format *xlsx_grade_format(const xlsx_book *b, size_t grade);
lxw_format *xlsx_pass_format(const xlsx_book *b);
lxw_format *xlsx_fail_format(const xlsx_book *b);


/* Text in the report's language: th or en. */
const char *xlsx_tr(const report *rep, const char *th, const char *en);

/* The number format of dates: B.E. Thai ("30 ก.ย. 2565", in Excel and
 * LibreOffice) or C.E. English ("30 Sep 2022").  Static text. */
const char *xlsx_date_format(const report *rep);

/* The workbook font: report.font, or TH Sarabun New when it is unset. */
const char *xlsx_font_name(const report *rep);

/* Names in the report's language (borrowed from the registry and the
 * model).  xlsx_zone_name gives "" for an index outside the registry. */
const char *xlsx_office_name(const report *rep, int office_index);
const char *xlsx_zone_name(const report *rep, int zone_index);
const char *xlsx_node_label(const report *rep, int node);
const char *xlsx_grade_label(const report *rep, size_t grade);

/* Returns a new string: a node's id and label, "IND1 การปฏิบัติหน้าที่". */
char *xlsx_node_title(const report *rep, int node);

/* The same for a measure (stats.h numbering): "ITA" for MEASURE_ITA. */
char *xlsx_measure_title(const report *rep, size_t measure);

/* Returns a new array of the measures (stats.h numbering) that both
 * workbooks show as headlines, in this order: ITA, every tool, every
 * indicator.  *n receives their count. */
size_t *xlsx_headline_measures(const model *m, size_t *n);

/* Writes a score as the workbooks show it, rounded to 2 decimals
 * (score_round2), in the score format; NAN: a blank cell. */
lxw_error xlsx_write_score(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                           lxw_col_t col, double value);

/* Writes report->current->target in the Target format at (row, col) and
 * names that cell `Target` for the whole workbook, so that formulas can say
 * "=MAX(0,Target-F5)" and users change the target in one place. */
lxw_error xlsx_define_target(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t col);

/* ---- gap and pass: the one place of their formulas -------------------
 * score is an expression of a score as the workbooks show it (2 decimals):
 * a cell that holds a rounded score ("F5"), xlsx_shown_score() of a cell
 * that holds an unrounded one, or a number written with 2 decimals.  The
 * gap is MAX(0,Target-score), the pass flag IF(score>=Target,1,0), both on
 * the workbook's Target cell (xlsx_define_target), so that users who edit
 * the target see every gap and flag follow. */

/* Returns a new string: "ROUND(cell,2)" for the cell (row, col), with an
 * absolute reference ("$F$5") when absolute. */
char *xlsx_shown_score(lxw_row_t row, lxw_col_t col, bool absolute);

/* Return new strings, without the leading '=': the gap and the pass flag
 * of score, for formulas that use them inside a larger expression. */
char *xlsx_gap_expr(const char *score);
char *xlsx_pass_expr(const char *score);

/* Write "=gap" and "=pass flag" of score at (row, col), with the values
 * the program worked out cached (the book keeps the first error). */
lxw_error xlsx_write_gap(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                         lxw_col_t col, const char *score, double cached,
                         lxw_format *fmt);
lxw_error xlsx_write_pass(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                          lxw_col_t col, const char *score, bool cached,
                          lxw_format *fmt);

/* Adds conditional formats colouring the range by grade: grade ids written
 * as text (by_score false) or scores, coloured by the model's grade bands
 * (by_score true). */
lxw_error xlsx_grade_colours(xlsx_book *b, lxw_worksheet *ws,
                             lxw_row_t first_row, lxw_col_t first_col,
                             lxw_row_t last_row, lxw_col_t last_col,
                             bool by_score);

/* Adds a red-yellow-green colour scale (lowest red, highest green) to the
 * range. */
lxw_error xlsx_colour_scale(lxw_worksheet *ws, lxw_row_t first_row,
                            lxw_col_t first_col, lxw_row_t last_row,
                            lxw_col_t last_col);

/* Adds conditional formats colouring pass flags (1/0) green and red. */
lxw_error xlsx_pass_colours(xlsx_book *b, lxw_worksheet *ws,
                            lxw_row_t first_row, lxw_col_t first_col,
                            lxw_row_t last_row, lxw_col_t last_col);

#endif
