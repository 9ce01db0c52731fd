/*
 * office_book: one workbook per office, offices/ita_<year>_<code>_<slug>.xlsx,
 * for the district head: where the office stands, against whom, what is
 * weak, what to do about it and what buys the most points.  Sheets, in
 * order:
 *   Profile         ITA, grade, pass, gap, ranks; every tool and indicator
 *                   against the city and zone medians and the best office,
 *                   with percentile and z-score; a radar chart of the
 *                   indicators (office, city median, target)
 *   Items           every item of the model against the city
 *   Action plan     one row per item below the target (plans.h), with the
 *                   columns of a district's own plan plus points, priority,
 *                   status (dropdown), owner and due date to fill in
 *   Path to target  items by points gained; planned scores are editable and
 *                   the projected ITA is a formula on them
 *   Peers           the office beside its zone's best office and the
 *                   offices ranked just above and below it, and the
 *                   zone's quartiles
 * Thai by default, English with report.lang.  Same formats and print setup
 * as the city workbook (xlsx_common.h).  Reads scores, statistics and plans
 * from the report; computes none.  One module per sheet: see
 * office_sheets.h.
 */
#ifndef ITABENCH_OFFICE_BOOK_H
#define ITABENCH_OFFICE_BOOK_H

#include "manifest.h"
#include "pdf_export.h"
#include "plans.h"
#include "registry.h"
#include "report.h"
#include "xlsx_common.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The offices --office names, as registry indices. */
typedef struct {
    int *offices;       /* owned; NULL when every office is meant */
    size_t n;
} office_selection;

/* Parses a comma-separated list of office codes or names (NULL or "" =
 * every office) against the registry.  Duplicates are kept once.  Returns
 * false after printing "itabench: --office ...: ..." to err for a name
 * that is not in the registry (a usage error).  Free with
 * office_selection_free. */
bool office_selection_parse(const registry *r, const char *list,
                            office_selection *sel, FILE *err);

/* Checks that every selected office has scores in the report's year;
 * prints the first that has not to err and returns false. */
bool office_selection_check(const office_selection *sel, const report *rep,
                            FILE *err);

void office_selection_free(office_selection *sel);

/* The folder of the output folder the office workbooks go to:
 * OFFICE_BOOKS_DIR of office_keep.h, where the manifest names them. */

/* Returns a new file name (no folder) of an office's workbook:
 * ita_<year>_<code>_<slug>.xlsx, each part made file-safe. */
char *office_book_file_name(const report *rep, int office_index);

/* The names of the sheets of an office workbook written in lang that make
 * up the document (pdf_export.h: PDF_O42, the analysis then the action
 * plan; PDF_O43, the report), in print order, into names (static
 * strings); returns how many (at most max; none for PDF_NOT_PRINTED or a
 * city document). */
size_t office_book_document_sheets(report_lang lang, pdf_document document,
                                   const char **names, size_t max);

/* Writes the workbook of one office (its plan must be in rep->plans) to
 * path, atomically.  protect: lock every cell but the ones users fill in.
 * Returns false with errno set; nothing is left under path then. */
bool office_book_write(const report *rep, const office_plan *plan,
                       const char *path, bool protect);

/* Writes the workbooks of the selected offices (every office scored this
 * year when sel lists none) into out_dir/offices/, in `jobs` worker
 * processes (workers.h; 1: in this process); the bytes do not depend on
 * jobs.  Each office's plan is computed from plan_in just before its
 * workbook and freed after it, so memory does not grow with the number of
 * offices.  Stops at the first failure, printing the path and the reason
 * to stderr, and returns false (exit 3); no temporary is left behind.
 * verbosity (cli_options): 1 names each file written on stderr; 0 shows a
 * progress line when stderr is a terminal; -1 is silent.
 *
 * A workbook already in the folder that was edited since itabench wrote
 * it is never lost (office_keep.h): its edits are carried into the new
 * workbook and it is kept as a dated backup, or, drawn from other
 * results, it is left and the new workbook gets another name; force
 * (--force) writes over it without carrying.  Afterwards, whether or not
 * every workbook was written, out_dir/.itabench-manifest (manifest.h)
 * lists each workbook that landed with its SHA-256; the same for any
 * jobs. */
bool office_books_write(const report *rep, const plans_input *plan_in,
                        const office_selection *sel, const char *out_dir,
                        bool protect, bool force, int verbosity, int jobs);

/* office_books_write in two steps, so that the program can write the city
 * workbook while worker processes write the office workbooks:
 * office_books_start creates the folder and starts the workers (NULL
 * after printing why the folder could not be made: exit 3);
 * office_books_finish waits for them (for -j 1 it writes every workbook
 * itself, then) and returns what office_books_write would.  stop: another
 * output failed, stop the workers (their temporaries are removed) and
 * return false.  office_books_finish frees books. */
typedef struct office_books office_books;
office_books *office_books_start(const report *rep,
                                 const plans_input *plan_in,
                                 const office_selection *sel,
                                 const char *out_dir, bool protect,
                                 bool force, int verbosity, int jobs);
bool office_books_finish(office_books *books, bool stop);

/* Adds the entries of outputs (the run's other outputs that landed: the
 * CSVs, the city workbook) to the manifest office_books_finish writes, so
 * that the folder's manifest is written once.  Call before it. */
void office_books_note_outputs(office_books *books, const manifest *outputs);

/* The columns of an office's plan that other sheets read, the one home
 * of the planned scores and gains.  Only columns, never rows: the rows
 * are the district's to insert, delete, move and sort, so other sheets
 * look an item up by its code in item_col and sum whole columns. */
typedef struct {
    char *sheet;             /* quoted sheet name; owned */
    lxw_col_t item_col;      /* the item code of each row */
    lxw_col_t goal_col;      /* its target score, typed in */
    lxw_col_t gain_col;      /* the ITA points it gains there (formula) */
} office_plan_cells;

void office_plan_cells_free(office_plan_cells *cells);

/* Adds the action plan of one office as a sheet to any workbook open with
 * xlsx_book_open (its own workbook, or the city workbook for
 * --single-workbook).  sheet_th/sheet_en name the sheet (made legal and
 * unique by xlsx_add_sheet); cells (may be NULL) receives where the target
 * scores are (free with office_plan_cells_free).  Returns the sheet, or
 * NULL when libxlsxwriter failed. */
lxw_worksheet *office_plan_sheet_add(xlsx_book *b, const office_plan *plan,
                                     const char *sheet_th,
                                     const char *sheet_en, bool protect,
                                     office_plan_cells *cells);

/* Adds one action-plan sheet per plan of rep->plans to a workbook, named
 * by the office ("แผน <name>" / "Plan <name>").  Returns false when a sheet
 * could not be added. */
bool office_plan_sheets_add_all(xlsx_book *b, bool protect);

/* The same with the signature of city_book_extra_fn, for
 * --single-workbook: ctx points to a bool, whether to protect the sheets
 * (NULL: not protected). */
bool office_plan_sheets_hook(xlsx_book *b, void *ctx);

#endif
