/*
 * xlsx_book: a workbook on top of libxlsxwriter that knows nothing of
 * what it holds (the kit's lowest part; xlsx_table, xlsx_print and the
 * ITA helpers of xlsx_ita build on it).
 *
 *  - the workbook written atomically through outfile.h (temporary file in
 *    the output folder, renamed when complete), with a creation time given
 *    by its user so that the same input gives the same bytes;
 *  - one set of formats per workbook (xlsx_formats) in one font at a size
 *    Thai readers can read, with number formats in Thai digits on request;
 *  - text cells cut at Excel's 32,767-character limit (counted and
 *    reported on close), numbers that are NAN written as blank cells;
 *  - the error policy: the first libxlsxwriter error is kept in the book
 *    and xlsx_book_close refuses the workbook.
 *
 * Everything the book needs from its user (font, language, Thai digits,
 * document properties) comes in xlsx_book_options; the user's own context
 * rides along in xlsx_book.user, which the kit never reads.
 *
 * Typical use:
 *     xlsx_book b;
 *     xlsx_book_options opt = {.lang = XLSX_LANG_EN, .author = "me 1.0"};
 *     if (!xlsx_book_open(&b, path, &opt)) -> errno
 *     lxw_worksheet *ws = xlsx_add_sheet(&b, "ชีต", "Sheet");
 *     xlsx_write_number(&b, ws, 0, 0, 42, xlsx_format(&b, XLSX_INT, false));
 *     if (!xlsx_book_close(&b)) -> errno
 */
#ifndef ITABENCH_XLSX_BOOK_H
#define ITABENCH_XLSX_BOOK_H

#include "outfile.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <xlsxwriter.h>

/* Excel's limit on the characters of one cell (UTF-16 code units). */
#define XLSX_TEXT_MAX 32767

/* Row height (points) of one line of body text: TH Sarabun New at 14 pt
 * needs more than Excel's default 15. */
#define XLSX_LINE_HEIGHT 20.0

/* The font of a book whose options name none. */
#define XLSX_DEFAULT_FONT "TH Sarabun New"

/* How many formats a book's user can keep in the book (xlsx_book.extra). */
#define XLSX_EXTRA_FORMATS 16

/* The language of a workbook's own texts (sheet names, headers, footers,
 * pass/fail words): each is given in Thai and in English. */
typedef enum { XLSX_LANG_TH, XLSX_LANG_EN } xlsx_lang;

/* The kind of a column's cells: picks the cell format. */
typedef enum {
    XLSX_TEXT,      /* plain text, one line */
    XLSX_WRAP,      /* long text, wrapped, top-aligned */
    XLSX_INPUT,     /* wrapped and unlocked: cells users fill in */
    XLSX_SCORE,     /* number, 2 decimals */
    XLSX_INT,       /* whole number */
    XLSX_PERCENT,   /* share 0..1 shown as 0.0% */
    XLSX_DATE,      /* Excel date serial shown as xlsx_lang_date_format */
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
    lxw_format *target;     /* one value users set and formulas read:
                             * unlocked, 2 decimals, yellow */
    lxw_format *cell[XLSX_KIND_COUNT];   /* data cells, by kind */
    lxw_format *bold[XLSX_KIND_COUNT];   /* the same, bold (summary rows) */
} xlsx_formats;

/* What a book needs from its user.  Strings are borrowed: font and
 * program until xlsx_book_close, the others until xlsx_book_open returns.
 * {0} is a valid start: Thai, Western digits, XLSX_DEFAULT_FONT, no
 * properties, created 0: the time of writing (libxlsxwriter's default). */
typedef struct {
    const char *font;        /* every format's font; NULL or "": default */
    xlsx_lang lang;
    bool thai_digits;        /* number formats in Thai digits (Thai only) */
    const char *program;     /* names the program in error messages */
    const char *title, *author, *comments;  /* document properties */
    time_t created;          /* the creation time stored in the file */
    const void *user;        /* the user's context, kept in xlsx_book.user */
} xlsx_book_options;

/* One workbook being written. */
typedef struct {
    lxw_workbook *wb;
    xlsx_formats f;
    /* formats the book's user made for itself (conditional formats...),
     * by its own numbering; the kit never reads them */
    lxw_format *extra[XLSX_EXTRA_FORMATS];
    const void *user;        /* the user's context, borrowed; see above */
    const char *font;        /* borrowed from the options */
    xlsx_lang lang;
    bool thai_digits;
    const char *program;     /* borrowed from the options */
    outfile out;             /* the temporary file behind wb */
    char *tmpdir;            /* libxlsxwriter's temporary folder; owned */
    char **sheet_names;      /* names used so far, for unique sheet names */
    size_t n_sheets;
    size_t n_cut;            /* text cells cut at XLSX_TEXT_MAX */
    lxw_error err;           /* the first error of a libxlsxwriter call */
} xlsx_book;

/* Opens a workbook that will become final_path: creates the temporary file
 * (outfile_open), the workbook on it, its document properties and its
 * formats (opt).  Returns false with errno set (nothing is left
 * behind). */
bool xlsx_book_open(xlsx_book *b, const char *final_path,
                    const xlsx_book_options *opt);

/* Writes the workbook and renames it to its final name.  Returns false with
 * errno set when anything failed: a libxlsxwriter error kept in b->err by
 * any writer (errno EIO), or the writing itself (the temporary is removed
 * and the final name untouched).  Reports cut text cells on stderr.  Frees
 * everything the book holds, in every case. */
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

/* th or en by the book's language (static or the caller's text). */
const char *xlsx_book_tr(const xlsx_book *b, const char *th, const char *en);

/* The font every format of the book uses. */
const char *xlsx_book_font(const xlsx_book *b);

/* The number format of dates: B.E. Thai ("30 ก.ย. 2565", in Excel and
 * LibreOffice) or C.E. English ("30 Sep 2022").  Static text. */
const char *xlsx_lang_date_format(xlsx_lang lang);

/* Adds a worksheet named by the book's language; the name is made legal
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
 * whose options ask for them (thai_digits.h), as every number format of
 * the workbook is. */
void xlsx_set_num_format(const xlsx_book *b, lxw_format *f, const char *fmt);

/* A new format in the font and size of a kind of data cell (top-aligned,
 * and for XLSX_INPUT unlocked, wrapped and filled the same), with its own
 * number format; owned by the workbook.  Callers add what else differs. */
lxw_format *xlsx_derived_format(xlsx_book *b, xlsx_kind base_kind,
                                const char *num_format);

/* The cell writers take a cell's place and content in the order of
 * libxlsxwriter's worksheet_write_* (worksheet, row, column, value,
 * format), and the book that keeps their first error: six or seven
 * parameters that are one libxlsxwriter call's, not a struct's. */

/* Writes text (NULL: a blank cell) in fmt.  Text longer than Excel's
 * XLSX_TEXT_MAX is cut on a character boundary and counted in b->n_cut. */
lxw_error xlsx_write_text(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                          lxw_col_t col, const char *text, lxw_format *fmt);

/* Writes a number, or a blank cell in fmt when it is NAN or infinite
 * (Excel cannot hold those). */
lxw_error xlsx_write_number(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, double value, lxw_format *fmt);

/* Writes a formula with its cached value (so that readers which do not
 * recalculate see the value); a NAN value is cached as 0.  Seven
 * parameters: worksheet_write_formula_num's six and the book. */
lxw_error xlsx_write_formula(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t col, const char *formula, double value,
                             lxw_format *fmt);

/* xlsx_write_formula for a formula built with malloc, which it frees: the
 * seven parameters are a cell's place and content, as libxlsxwriter's
 * worksheet_write_formula_num takes them, and the book. */
lxw_error xlsx_take_formula(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, char *formula, double value,
                            lxw_format *fmt);

#endif
