/*
 * office_changes: the sheet "การเปลี่ยนแปลง" / "Changes" of an office
 * workbook that carries the edits of an edited one (office_keep.h): what
 * a rerun did with the district's edits, in the workbook's language, row
 * by row: values kept as typed but not understood (with the sheet row
 * they were typed in), rows added or second rows of an item (carried
 * after the row they follow), rows deleted (they stay deleted), and rows
 * kept from the edited plan although no longer below the target.  The
 * same findings are in data_quality_<year>.csv (office_keep_survey).
 */
#ifndef ITABENCH_OFFICE_CHANGES_H
#define ITABENCH_OFFICE_CHANGES_H

#include "plans.h"
#include "returned.h"
#include "xlsx_common.h"

/* Adds the sheet to b, for plan written from old (resolved,
 * returned_resolve; its rows are those the plan's rows carry).  Returns
 * the sheet, or NULL when libxlsxwriter refuses it. */
lxw_worksheet *office_changes_sheet_add(xlsx_book *b, const office_plan *plan,
                                        const returned_plan *old);

#endif
