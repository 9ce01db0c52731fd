/*
 * xlsx_table: columns and tables of an xlsx_book, knowing nothing of what
 * they hold.
 *
 *  - column layouts as data (xlsx_column): header th/en, width, kind;
 *    from them, column widths, header rows and Excel tables with filters;
 *  - tables whose columns write their own cells (xlsx_table_column,
 *    xlsx_write_rows), with columns added at run time (xlsx_columns);
 *  - row heights for wrapped text, which Excel and LibreOffice do not
 *    compute when they open a file (one estimate: xlsx_text_lines).
 *
 * A table whose columns write their own cells (a new column is one entry
 * and, when no cell function fits, a small new one):
 *     static void name_cell(const xlsx_cell *cell)
 *     {
 *         const thing *t = cell->item;     // row_at(sheet, row index)
 *         xlsx_cell_text(cell, t->name);
 *         xlsx_cell_fit(cell, t->name, cell->column->col.width);
 *     }
 *     static const xlsx_table_column table[] = {
 *         {{"ชื่อ", "Name", 20, XLSX_WRAP}, name_cell, 0},
 *         {{"คะแนน", "Score", 9, XLSX_SCORE}, score_cell, 0},
 *     };
 *     xlsx_column cols[2];
 *     xlsx_table_layout(table, 2, cols);   // for set_columns, add_table
 *     xlsx_set_columns(&b, ws, 0, cols, 2);
 *     xlsx_write_rows_spec(&b, ws, &(xlsx_rows_spec){
 *         .first_row = 1, .cols = table, .n_cols = 2, .n_rows = n,
 *         .sheet = sheet_ctx, .row_at = row_at});
 *     xlsx_add_table_spec(&b, ws, &(xlsx_table_spec){
 *         .n_rows = n, .cols = cols, .n_cols = 2, .name = "Things"});
 */
#ifndef ITABENCH_XLSX_TABLE_H
#define ITABENCH_XLSX_TABLE_H

#include "xlsx_book.h"

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

/* The unit of the layouts: a digit of 11-point Calibri, 7 pixels, and 5
 * pixels of margin per column (Excel's definition). */
#define XLSX_LAYOUT_PX_PER_UNIT 7.0
#define XLSX_LAYOUT_MARGIN_PX 5.0

/* One column of a layout: headers, width, kind.  Layouts are static
 * tables in the writers. */
typedef struct {
    const char *th, *en;     /* header text */
    double width;            /* in Excel character units */
    xlsx_kind kind;
} xlsx_column;

/* The tallest cell of a row being written, in lines (start at {1}). */
typedef struct {
    double lines;
} xlsx_row_fit;

struct xlsx_table_column;

/* Where a cell function writes, and what it writes from. */
typedef struct {
    xlsx_book *b;
    lxw_worksheet *ws;
    lxw_row_t row;
    lxw_col_t col;
    const struct xlsx_table_column *column;  /* the column being written */
    lxw_format *fmt;         /* the format of the column's kind */
    void *sheet;             /* the sheet's own context (city *, office *) */
    const void *item;        /* what the row shows (row_at's answer) */
    size_t index;            /* the row's place in the table, from 0 */
    xlsx_row_fit *fit;       /* the row's tallest text (xlsx_cell_fit) */
} xlsx_cell;

/* Writes one cell of a column (xlsx_write_rows).  Errors go to the book
 * (xlsx_note_err), as with every xlsx_ writer. */
typedef void (*xlsx_cell_fn)(const xlsx_cell *cell);

/* One column of a table written by xlsx_write_rows: its layout (Thai and
 * English header, width, kind) and the function that writes its cells,
 * with a parameter of its own (an offset into a struct of statistics, a
 * measure...).  A sheet's table is a static array of them: a new column
 * is one more entry and, when no cell function fits, a small new one. */
typedef struct xlsx_table_column {
    xlsx_column col;
    xlsx_cell_fn cell;       /* writes a cell of the column; NULL: blank */
    size_t arg;              /* the cell function's own parameter */
} xlsx_table_column;

/* A table's columns built at run time: the static entries of a sheet and
 * the columns the model adds (one per tool, indicator or item, the
 * measure in arg), in one array for xlsx_write_rows.  Start at {0}; the
 * table owns its array (xlsx_columns_free). */
typedef struct {
    xlsx_table_column *cols;
    size_t n, cap;
} xlsx_columns;

/* Appends a copy of column. */
void xlsx_columns_add(xlsx_columns *t, xlsx_table_column column);

/* Appends copies of n columns. */
void xlsx_columns_add_all(xlsx_columns *t, const xlsx_table_column *cols,
                          size_t n);

/* The index of the first column written by cell (n when none): where
 * other columns' formulas find it. */
size_t xlsx_columns_find(const xlsx_columns *t, xlsx_cell_fn cell);

/* The column (index from 0) of the first of n table columns written by
 * cell, for formulas and other sheets that refer to it.  The column must
 * be there: a table without it is a programming error (assert), never a
 * silent column A.  For a run-time table: xlsx_table_column_of(t->cols,
 * t->n, cell). */
lxw_col_t xlsx_table_column_of(const xlsx_table_column *cols, size_t n,
                               xlsx_cell_fn cell);


/* The layouts of t's columns, a new array of t->n (xlsx_set_columns,
 * xlsx_add_table); caller frees. */
xlsx_column *xlsx_columns_layout(const xlsx_columns *t);

void xlsx_columns_free(xlsx_columns *t);

/* Write text, a number or (NAN) a blank in the cell's place and format:
 * the common body of cell functions. */
void xlsx_cell_text(const xlsx_cell *cell, const char *text);
void xlsx_cell_number(const xlsx_cell *cell, double value);

/* xlsx_write_rows_spec with the fields of an xlsx_rows_spec as
 * parameters, in its order: the form the sheets were written with, kept
 * as a thin wrapper (eight parameters; new code fills the struct). */
void xlsx_write_rows(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                     const xlsx_table_column *cols, size_t n_cols,
                     size_t n_rows, void *sheet,
                     const void *(*row_at)(const void *sheet, size_t i));

/* Makes the cell's row tall enough for text wrapped in a column width
 * characters wide (the body font): xlsx_write_rows sets the height of
 * every row where a cell asked for it. */
void xlsx_cell_fit(const xlsx_cell *cell, const char *text, double width);

/* The layouts of n table columns into out[n], for xlsx_set_columns,
 * xlsx_add_table and xlsx_columns_width. */
void xlsx_table_layout(const xlsx_table_column *cols, size_t n,
                       xlsx_column *out);

/* The sum of the widths of n columns (character units). */
double xlsx_columns_width(const xlsx_column *cols, size_t n);

/* The layout width (at least width, at most 60) of a column whose header
 * text prints without a word broken between letters (its longest word,
 * bold, on one line: libthai's word breaks, textlayout_word_width). */
double xlsx_header_width(const xlsx_book *b, double width, const char *header);

/* The width to give worksheet_set_column for a layout width (the
 * layout units of xlsx_column_width) of a column of this kind: wider by
 * the ratio of Thai to Western digits when the workbook shows Thai digits
 * (xlsx_book_options.thai_digits), so that no number prints as ###; columns of
 * wrapped prose (XLSX_WRAP, XLSX_INPUT) keep their width. */
double xlsx_shown_width(const xlsx_book *b, double width, xlsx_kind kind);

/* Sets the widths and the cell formats of n columns starting at first_col
 * (the format serves what users type later; written cells carry their own). */
void xlsx_set_columns(xlsx_book *b, lxw_worksheet *ws, lxw_col_t first_col,
                      const xlsx_column *cols, size_t n);

/* ---- row heights: the one estimate ---------------------------------
 * Rows written by libxlsxwriter keep the default height, and neither
 * Excel nor LibreOffice grows them to wrapped text when it opens a file:
 * every row of wrapped text gets its height from xlsx_text_lines, the one
 * estimate of both workbooks (headers, notes and cells alike). */

/* Layout widths (xlsx_column.width and every width given to the functions
 * below) are in the unit the layouts were drawn in, digits of 11-point
 * Calibri (7 pixels, plus 5 per column).  The workbooks' Normal font is
 * the body font (textlayout.h), whose digits are wider: this is the width
 * to give worksheet_set_column for a layout width, the same pixels. */
double xlsx_column_width(double layout_width);

/* How many lines text needs when wrapped in a cell width characters wide
 * in a font of font_pt points (glyph widths of TH Sarabun New and of its
 * metric twin Laksaman; Thai vowel and tone marks take no width), each
 * paragraph at least one line; 1 for NULL or "". */
double xlsx_text_lines(const char *text, double width, double font_pt);

/* The row height (points) of lines lines (at least one) of a font of
 * font_pt points. */
double xlsx_lines_height(double lines, double font_pt);

/* Sets a row's height to lines lines of font's size. */
void xlsx_set_row_lines(lxw_worksheet *ws, lxw_row_t row, double lines,
                        const lxw_format *font);

/* Grows fit to the lines text needs in the body font in a column width
 * characters wide. */
void xlsx_fit_text(xlsx_row_fit *fit, const xlsx_book *b, const char *text,
                   double width);

/* Bold text is about this much wider than the body's. */
#define XLSX_BOLD_WIDTH 1.1

/* The lines the tallest of the n header texts of cols needs, in bold. */
double xlsx_header_lines(const xlsx_book *b, const xlsx_column *cols,
                         size_t n);

/* Makes a header row as high as its tallest header text, in bold
 * (xlsx_header_lines). */
void xlsx_fit_header_row(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                         const xlsx_column *cols, size_t n);

/* Writes text in fmt across columns 0..last_col (merged when more than
 * one), the row as tall as the text needs over width characters (one line
 * when fmt does not wrap): titles, notes, warnings.  Seven parameters: a
 * cell writer's (xlsx_write_text) and the merge's last column and
 * width. */
void xlsx_wide_line(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t last_col, double width, const char *text,
                    lxw_format *fmt);

/* Writes the header texts of n columns on row, in the header format, and
 * makes the row high enough for the longest wrapped header. */
lxw_error xlsx_write_headers(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t first_col, const xlsx_column *cols,
                             size_t n);

/* xlsx_add_table_spec with the fields of an xlsx_table_spec as
 * parameters (header row fitted): the form the sheets were written with,
 * kept as a thin wrapper (eight parameters; new code fills the struct). */
lxw_error xlsx_add_table(xlsx_book *b, lxw_worksheet *ws, lxw_row_t header_row,
                         lxw_col_t first_col, size_t n_rows,
                         const xlsx_column *cols, size_t n_cols,
                         const char *name);

/* The same, leaving the header row's height alone (the sheet's default
 * row): for the smaller tables under a sheet's main table.  A thin
 * wrapper of xlsx_add_table_spec (keep_header_height), eight parameters
 * as xlsx_add_table. */
lxw_error xlsx_add_table_unfitted(xlsx_book *b, lxw_worksheet *ws,
                                  lxw_row_t header_row, lxw_col_t first_col,
                                  size_t n_rows, const xlsx_column *cols,
                                  size_t n_cols, const char *name);


/* An Excel table under a header row (xlsx_add_table_spec). */
typedef struct {
    lxw_row_t header_row;
    lxw_col_t first_col;
    size_t n_rows;               /* data rows below the header row */
    const xlsx_column *cols;     /* n_cols layouts: headers and kinds */
    size_t n_cols;
    const char *name;            /* letters, digits, '_'; unique */
    bool keep_header_height;     /* true: leave the header row's height */
} xlsx_table_spec;

/* Makes the Excel table of spec (with filter buttons and banded rows),
 * headed by the columns' texts; unless spec->keep_header_height, the
 * header row is made high enough for them.  A table without data rows
 * gets one empty row, as Excel requires.  No columns: an error.  Errors
 * are also kept in the book. */
lxw_error xlsx_add_table_spec(xlsx_book *b, lxw_worksheet *ws,
                              const xlsx_table_spec *spec);

/* The rows of a table whose columns write their own cells
 * (xlsx_write_rows_spec). */
typedef struct {
    lxw_row_t first_row;         /* the first data row */
    const xlsx_table_column *cols;  /* written from first_col on */
    size_t n_cols;
    size_t n_rows;
    void *sheet;                 /* the sheet's context, given to cells */
    /* what row i shows (xlsx_cell.item); NULL: every item NULL */
    const void *(*row_at)(const void *sheet, size_t i);
    lxw_col_t first_col;         /* where cols[0] goes (0: column A) */
} xlsx_rows_spec;

/* Writes spec->n_rows rows from spec->first_row down, the columns from
 * spec->first_col on: for row i, each column's cell function (columns
 * without one are left blank) with item = row_at(sheet, i) and the
 * column's format.  A row gets its height from
 * the texts its cells fitted (xlsx_cell_fit); rows without any keep the
 * default height.  Errors are kept in the book. */
void xlsx_write_rows_spec(xlsx_book *b, lxw_worksheet *ws,
                          const xlsx_rows_spec *spec);

#endif
