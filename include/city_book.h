/*
 * city_book: the city comparison workbook, ita_<year>_city.xlsx, that city
 * oversight opens to compare every district office and keeps editing.
 *
 * Sheets, in this order (Thai names by default, English with --lang en):
 * Summary, Ranking, Indicators, Distribution, Gaps, Questions, OIT, Zones,
 * Trend, Data quality, Method.  Charts: ITA by office (sorted, with a
 * gridline at the target), the grade histogram, and a radar of the
 * indicators' city means against the target.
 *
 * The target lives in one named cell, `Target` (on the Summary sheet);
 * every gap and pass flag is a formula on it, written with its cached
 * value.  Ranges are Excel tables with filters; headers are frozen; A4
 * landscape print setup.  The same input gives the same bytes.
 *
 * Reads the report only (scores.h and stats.h computed everything); writes
 * atomically through outfile.h.  One module per sheet: see city_sheets.h.
 */
#ifndef ITABENCH_CITY_BOOK_H
#define ITABENCH_CITY_BOOK_H

#include "pdf_export.h"
#include "report.h"
#include "xlsx_common.h"

#include <stdbool.h>

/* Called after the city sheets and before the workbook is closed, so that
 * another module can add sheets (e.g. --single-workbook adds the offices'
 * plans).  Sheet names should come from xlsx_add_sheet (unique); table
 * names must not repeat the city book's: Ranking, Indicators, Distribution,
 * Grades, Gaps, Questions, OpenData, Zones, ZoneRanks, Trend, DataQuality,
 * Model, GradeBands, Files.  Returns false on an error; the workbook is
 * then not written. */
typedef bool (*city_book_extra_fn)(xlsx_book *book, void *ctx);

/* The names of the sheets of the city workbook of rep (in rep->lang)
 * that make up the document (pdf_export.h: PDF_CITY_SUMMARY, the Summary
 * sheet; PDF_CITY_PROGRESS, the Plan progress sheet, the city's report on
 * carrying the plans out), in print order, into names (static strings);
 * returns how many (at most max; none for PDF_NOT_PRINTED or an office's
 * document, and none for a sheet not in rep's workbook: Plan progress is
 * there only when plans came back). */
size_t city_book_document_sheets(const report *rep, pdf_document document,
                                 const char **names, size_t max);

/* Writes the city workbook of rep->current to path (e.g.
 * "outputs/ita_2564_city.xlsx").  extra may be NULL.  Returns false with
 * errno set (or EIO) when the file cannot be written; nothing is left
 * under path then. */
bool city_book_write(const report *rep, const char *path,
                     city_book_extra_fn extra, void *extra_ctx);

#endif
