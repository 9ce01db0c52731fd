/*
 * xlsx_ita: what the workbook kit (xlsx_book, xlsx_table, xlsx_print)
 * needs to know of the ITA to write its workbooks:
 *
 *  - xlsx_ita_book_open: a kit book set up from the report (font,
 *    language, Thai digits, author, a creation time fixed by the fiscal
 *    year) that carries the report (xlsx_report) and the grade and
 *    pass/fail formats;
 *  - Thai or English text by report.lang (xlsx_tr), and the names of
 *    offices, zones, model nodes, grades and headline measures in it;
 *  - scores as the workbooks show them (xlsx_write_score), the named cell
 *    `Target` and the gap and pass formulas on it, in one place;
 *  - grade, pass/fail and score colours as conditional formats.
 */
#ifndef ITABENCH_XLSX_ITA_H
#define ITABENCH_XLSX_ITA_H

#include "report.h"
#include "xlsx_book.h"

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

/* The workbook font: report.font, or XLSX_DEFAULT_FONT when it is unset. */
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
 * the program worked out cached (the book keeps the first error).  Seven
 * parameters: a cell writer's, as libxlsxwriter's
 * worksheet_write_formula_num takes them (xlsx_write_formula), with the
 * score expression in place of the formula. */
lxw_error xlsx_write_gap(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                         lxw_col_t col, const char *score, double cached,
                         lxw_format *fmt);
lxw_error xlsx_write_pass(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                          lxw_col_t col, const char *score, bool cached,
                          lxw_format *fmt);

/* Adds conditional formats colouring the range by grade: grade ids written
 * as text (by_score false) or scores, coloured by the model's grade bands
 * (by_score true).  Seven parameters: the range as libxlsxwriter's
 * worksheet_conditional_format_range takes it (sheet, first row and
 * column, last row and column), the book and one switch. */
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
