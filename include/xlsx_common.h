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

#include "outfile.h"
#include "report.h"

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

/* Excel's limit on the characters of one cell (UTF-16 code units). */
#define XLSX_TEXT_MAX 32767

/* Row height (points) of one line of body text: TH Sarabun New at 14 pt
 * needs more than Excel's default 15. */
#define XLSX_LINE_HEIGHT 20.0

/* Grades beyond this many share the last colour. */
#define XLSX_MAX_GRADES 12

/* The kind of a column's cells: picks the cell format. */
typedef enum {
    XLSX_TEXT,      /* plain text, one line */
    XLSX_WRAP,      /* long text, wrapped, top-aligned */
    XLSX_INPUT,     /* wrapped and unlocked: cells users fill in */
    XLSX_SCORE,     /* number, 2 decimals */
    XLSX_INT,       /* whole number */
    XLSX_PERCENT,   /* share 0..1 shown as 0.0% */
    XLSX_DATE,      /* Excel date serial shown as xlsx_date_format */
    XLSX_FLAG,      /* 1/0 shown as pass/fail (ผ่าน/ไม่ผ่าน) */
    XLSX_FINE,      /* number, 4 decimals (weights) */
    XLSX_CHANCE,    /* probability 0..1 shown as "31 %", "> 99 %", "< 1 %" */
    XLSX_KIND_COUNT
} xlsx_kind;

/* Formats made once per workbook by xlsx_book_open; owned by the workbook
 * (libxlsxwriter frees them on close). */
typedef struct {
    lxw_format *title;      /* sheet title: large, bold */
    lxw_format *subtitle;   /* a line under the title: bold */
    lxw_format *header;     /* header row: bold, wrapped, filled, bordered */
    lxw_format *label;      /* bold text beside a value (key-value sheets) */
    lxw_format *note;       /* italic, wrapped: explanations */
    lxw_format *hint;       /* italic, one line (overflows to the right) */
    lxw_format *center;     /* plain text, centred (grades, short codes) */
    lxw_format *warning;    /* bold dark red: e.g. the synthetic-data notice */
    lxw_format *target;     /* the Target cell: unlocked, 2 decimals, yellow */
    lxw_format *cell[XLSX_KIND_COUNT];   /* data cells, by kind */
    lxw_format *bold[XLSX_KIND_COUNT];   /* the same, bold (summary rows) */
    /* For conditional formats only (colours, no font): one per model grade
     * in the order of model.grades (best first), and pass/fail fills. */
    lxw_format *grade[XLSX_MAX_GRADES];
    size_t n_grades;
    lxw_format *pass, *fail;
} xlsx_formats;

/* One workbook being written. */
typedef struct {
    lxw_workbook *wb;
    xlsx_formats f;
    const report *rep;       /* borrowed */
    outfile out;             /* the temporary file behind wb */
    char *tmpdir;            /* libxlsxwriter's temporary folder; owned */
    char **sheet_names;      /* names used so far, for unique sheet names */
    size_t n_sheets;
    size_t n_cut;            /* text cells cut at XLSX_TEXT_MAX */
    lxw_error err;           /* the first error of a libxlsxwriter call */
} xlsx_book;

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

/* The layouts of t's columns, a new array of t->n (xlsx_set_columns,
 * xlsx_add_table); caller frees. */
xlsx_column *xlsx_columns_layout(const xlsx_columns *t);

void xlsx_columns_free(xlsx_columns *t);

/* Write text, a number or (NAN) a blank in the cell's place and format:
 * the common body of cell functions. */
void xlsx_cell_text(const xlsx_cell *cell, const char *text);
void xlsx_cell_number(const xlsx_cell *cell, double value);

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

/* Opens a workbook that will become final_path: creates the temporary file
 * (outfile_open), the workbook on it, its document properties (title,
 * author "itabench <version>", comments, and a creation time fixed by the
 * fiscal year so the bytes do not depend on the clock) and its formats.
 * rep is borrowed until xlsx_book_close.  Returns false with errno set
 * (nothing is left behind). */
bool xlsx_book_open(xlsx_book *b, const char *final_path, const report *rep,
                    const char *title, const char *comments);

/* Writes the workbook and renames it to its final name.  Returns false with
 * errno set when anything failed: a libxlsxwriter error kept in b->err by
 * any writer (errno EIO; the run ends with exit 3), or the writing itself
 * (the temporary is removed and the final name untouched).  Reports cut text cells on stderr.  Frees everything the
 * book holds, in every case. */
bool xlsx_book_close(xlsx_book *b);

/* The same, but the complete temporary is handed over in *pending
 * instead of renamed: for outfile_commit_batch, which commits many
 * workbooks at the cost of one (outfile.h).  Until then it is removed on
 * a signal like any temporary. */
bool xlsx_book_close_pending(xlsx_book *b, outfile *pending);

/* Closes the workbook's resources without writing a final file (after an
 * error in a writer). */
void xlsx_book_abort(xlsx_book *b);

/* The error policy of every workbook: keeps err in b->err when it is the
 * first error (writers go on; xlsx_book_close then refuses the workbook).
 * Returns err.  Every xlsx_ function that writes to a sheet calls it, so
 * sheet writers need it only around their own libxlsxwriter calls. */
lxw_error xlsx_note_err(xlsx_book *b, lxw_error err);

/* Adds a worksheet named by the report's language; the name is made legal
 * and unique by names_sheet().  Its rows are XLSX_LINE_HEIGHT high.
 * Returns NULL when libxlsxwriter refuses it. */
lxw_worksheet *xlsx_add_sheet(xlsx_book *b, const char *th, const char *en);

/* As xlsx_add_sheet, for a sheet too big to hold in memory: libxlsxwriter's
 * constant_memory mode for this sheet only (libxlsxwriter takes the
 * workbook's option when it creates a sheet; the others stay as they
 * are).  Each row goes to a temporary file when a later row is started,
 * so rows must be written in order (a cell written to an earlier row is
 * lost), and the sheet can have no table (worksheet_add_table refuses) and
 * no merged cells; text is stored in the cells, not in shared strings.
 * Returns NULL when libxlsxwriter refuses it. */
lxw_worksheet *xlsx_add_streamed_sheet(xlsx_book *b, const char *th,
                                       const char *en);

/* Returns a new string: the sheet name quoted for formulas ('name', inner
 * apostrophes doubled), e.g. for "='สรุป'!B3". */
char *xlsx_sheet_ref(const lxw_worksheet *ws);

/* The format of a kind of data cell (bold for summary rows). */
lxw_format *xlsx_format(const xlsx_book *b, xlsx_kind kind, bool bold);

/* Sets fmt as f's number format: with Thai digits in a Thai workbook
 * when the report asks for them (report.thai_digits, thai_digits.h), as
 * every number format of the workbook is. */
void xlsx_set_num_format(const xlsx_book *b, lxw_format *f, const char *fmt);

/* A new format in the font and size of a kind of data cell (top-aligned,
 * and for XLSX_INPUT unlocked, wrapped and filled the same), with its own
 * number format; owned by the workbook.  Callers add what else differs. */
lxw_format *xlsx_derived_format(xlsx_book *b, xlsx_kind base_kind,
                                const char *num_format);

/* Writes n_rows rows of a table from first_row down, its columns from
 * column 0 on: for row i, each
 * column's cell function (columns without one are left blank) with
 * item = row_at(sheet, i) (row_at NULL: item NULL) and the column's
 * format.  A row gets its height from the texts its cells fitted
 * (xlsx_cell_fit); rows without any keep the default height. */
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
 * (report.thai_digits), so that no number prints as ###; columns of
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
 * when fmt does not wrap): titles, notes, warnings. */
void xlsx_wide_line(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t last_col, double width, const char *text,
                    lxw_format *fmt);

/* Writes the header texts of n columns on row, in the header format, and
 * makes the row high enough for the longest wrapped header. */
lxw_error xlsx_write_headers(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t first_col, const xlsx_column *cols,
                             size_t n);

/* Makes an Excel table (with filter buttons and banded rows) of n_rows data
 * rows below header_row, headed by the columns' texts (the header row is
 * made high enough for them).  name is the table's
 * name (letters, digits, '_'; unique in the workbook).  A table without data
 * rows gets one empty row, as Excel requires. */
lxw_error xlsx_add_table(xlsx_book *b, lxw_worksheet *ws, lxw_row_t header_row,
                         lxw_col_t first_col, size_t n_rows,
                         const xlsx_column *cols, size_t n_cols,
                         const char *name);

/* The same, leaving the header row's height alone (the sheet's default
 * row): for the smaller tables under a sheet's main table. */
lxw_error xlsx_add_table_unfitted(xlsx_book *b, lxw_worksheet *ws,
                                  lxw_row_t header_row, lxw_col_t first_col,
                                  size_t n_rows, const xlsx_column *cols,
                                  size_t n_cols, const char *name);

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
 * default order, which nothing here changes), with the key columns 0..keep_cols-1
 * (the office's code and name) repeated at the left of every page
 * (none when keep_cols is 0).  Returns the scale. */
int xlsx_print_readable(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                        lxw_row_t last_row, const xlsx_column *cols, size_t n,
                        lxw_col_t keep_cols, double smallest_pt);

/* Writes text (NULL: a blank cell) in fmt.  Text longer than Excel's
 * XLSX_TEXT_MAX is cut on a character boundary and counted in b->n_cut. */
lxw_error xlsx_write_text(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                          lxw_col_t col, const char *text, lxw_format *fmt);

/* Writes a number, or a blank cell in fmt when it is NAN or infinite
 * (Excel cannot hold those). */
lxw_error xlsx_write_number(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, double value, lxw_format *fmt);

/* Writes a formula with its cached value (so that readers which do not
 * recalculate see the value); a NAN value is cached as 0. */
lxw_error xlsx_write_formula(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t col, const char *formula, double value,
                             lxw_format *fmt);

/* Writes a score as the workbooks show it, rounded to 2 decimals
 * (score_round2), in the score format; NAN: a blank cell. */
lxw_error xlsx_write_score(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                           lxw_col_t col, double value);

/* xlsx_write_formula for a formula built with malloc, which it frees: the
 * seven parameters are a cell's place and content, as libxlsxwriter's
 * worksheet_write_formula_num takes them, and the book. */
lxw_error xlsx_take_formula(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, char *formula, double value,
                            lxw_format *fmt);

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


/* ---- added by cityrest ---- */

/* The column (index from 0) of the first of n table columns written by
 * cell, for formulas and other sheets that refer to it.  The column must
 * be there: a table without it is a programming error (assert), never a
 * silent column A.  For a run-time table: xlsx_table_column_of(t->cols,
 * t->n, cell). */
lxw_col_t xlsx_table_column_of(const xlsx_table_column *cols, size_t n,
                               xlsx_cell_fn cell);

#endif
