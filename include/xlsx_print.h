/*
 * xlsx_print: how the sheets of an xlsx_book print, knowing nothing of
 * what they hold: A4 landscape fitted to the page width or at a readable
 * fixed scale, repeated header rows and key columns, the sheet's name and
 * page numbers in the footer (in the book's font and language).
 */
#ifndef ITABENCH_XLSX_PRINT_H
#define ITABENCH_XLSX_PRINT_H

#include "xlsx_book.h"
#include "xlsx_table.h"

#include <stddef.h>
#include <xlsxwriter.h>

/* No repeated rows in xlsx_print_setup. */
#define XLSX_NO_REPEAT ((lxw_row_t)-1)

/* A4 landscape, narrow margins, fitted to one page wide (as many pages
 * tall as needed), rows first_row..last_row repeated on every page (none
 * with XLSX_NO_REPEAT), sheet name and page numbers in the footer. */
void xlsx_print_setup(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                      lxw_row_t last_row);

/* The same at a fixed print scale (percent, 10 to 400) instead of
 * fitted to the page's width (scale 0: fitted, as xlsx_print_setup), with
 * narrower top and bottom margins (xlsx_print_body_height). */
void xlsx_print_setup_scaled(xlsx_book *b, lxw_worksheet *ws,
                             lxw_row_t first_row, lxw_row_t last_row,
                             int scale);

/* The width (pixels of the sheet at 96 dpi) between the side margins of
 * a page printed by xlsx_print_setup_scaled at scale. */
double xlsx_print_width_px(int scale);

/* The height (points of the sheet) of the body of a page printed by
 * xlsx_print_setup_scaled at scale, between its top and bottom margins:
 * for planning page breaks. */
double xlsx_print_body_height(int scale);

/* The largest print scale (percent, 10 to 100) at which n columns of
 * these layout widths fit across an A4 landscape page between
 * xlsx_print_setup's margins. */
int xlsx_fit_scale(const xlsx_column *cols, size_t n);

/* The smallest text size (points) any printed page may carry: a sheet
 * too wide for a page at that size is split across pages
 * (xlsx_print_readable), never shrunk below it. */
#define XLSX_MIN_PRINT_PT 9.0

/* The smallest print scale (percent) at which text of smallest_pt
 * points prints at XLSX_MIN_PRINT_PT or larger (100 when it is smaller
 * than that already: nothing is ever printed larger than the sheet). */
int xlsx_min_print_scale(double smallest_pt);

/* The size (points, pt or more) of a text, such as a chart's, that
 * prints at XLSX_MIN_PRINT_PT or larger on a page printed at scale
 * percent. */
double xlsx_readable_pt(double pt, int scale);

/* The scale a table of these columns prints at: fitted to the page's
 * width (xlsx_fit_scale) unless that would print text of smallest_pt
 * below XLSX_MIN_PRINT_PT; then xlsx_min_print_scale. */
int xlsx_readable_scale(const xlsx_column *cols, size_t n,
                        double smallest_pt);

/* Prints a table of these columns at xlsx_readable_scale (setting up the
 * page as xlsx_print_setup_scaled with rows first_row..last_row
 * repeated).  When the columns are wider than the page at that scale,
 * the sheet is split across pages in a defined order: down the rows
 * first, then over to the next columns (Excel's and LibreOffice's
 * default order, which nothing here changes), with the key columns
 * 0..keep_cols-1 (e.g. a code and a name) repeated at the left of every
 * page (none when keep_cols is 0).  Returns the scale.  Eight
 * parameters: the form the sheets were written with, kept as a thin
 * wrapper of xlsx_print_readable_spec (new code fills the struct). */
int xlsx_print_readable(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                        lxw_row_t last_row, const xlsx_column *cols, size_t n,
                        lxw_col_t keep_cols, double smallest_pt);

/* What xlsx_print_readable_spec prints: its eight parameters but the book
 * and the sheet. */
typedef struct {
    lxw_row_t first_row, last_row;   /* repeated rows (XLSX_NO_REPEAT) */
    const xlsx_column *cols;         /* the sheet's n_cols layouts */
    size_t n_cols;
    lxw_col_t keep_cols;             /* key columns repeated at the left */
    double smallest_pt;              /* the smallest text on the sheet */
} xlsx_readable_spec;

/* xlsx_print_readable with its settings in a struct; returns the
 * scale.  xlsx_print_readable is a thin wrapper of it. */
int xlsx_print_readable_spec(xlsx_book *b, lxw_worksheet *ws,
                             const xlsx_readable_spec *spec);

#endif
