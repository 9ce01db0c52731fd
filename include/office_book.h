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

#include "outfile.h"
#include "pdf_export.h"
#include "plans.h"
#include "report.h"
#include "returned.h"
#include "xlsx_common.h"

#include <stdbool.h>
#include <stddef.h>

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

/* Writes the workbook of one office's plan (computed by the caller:
 * office_keep_plan when it carries edits) to path, atomically.  old (may
 * be NULL): the plan read back from the edited workbook it replaces,
 * whose edits plan carries; it adds the sheet of what the rerun did with
 * them (office_changes.h).  protect: lock every cell but the ones users
 * fill in.  pending NULL: the workbook is committed under path; else it
 * is left complete in *pending's temporary, for the caller to commit
 * (outfile_commit_batch) or abort.  Returns false with errno set; nothing
 * is left under path then, nor pending. */
bool office_book_write(const report *rep, const office_plan *plan,
                       const returned_plan *old, const char *path,
                       bool protect, outfile *pending);

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
