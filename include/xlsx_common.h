/*
 * xlsx_common: the one header the workbook writers include, on top of
 * libxlsxwriter.  The kit, which knows no ITA:
 *
 *  - xlsx_book.h: the workbook written atomically through outfile.h, its
 *    formats (one font, Thai or English, Thai digits on request), cell
 *    writers that cut text at Excel's limit and blank NAN numbers, and the
 *    error policy (the first libxlsxwriter error refuses the workbook);
 *  - xlsx_table.h: column layouts as data, tables whose columns write
 *    their own cells (xlsx_write_rows), widths, header rows, Excel tables
 *    and row heights for wrapped text;
 *  - xlsx_print.h: A4 print set-up, readable scales, page widths;
 *
 * and what knows the ITA (xlsx_ita.h): books opened from the report
 * (xlsx_ita_book_open, xlsx_report), names in the report's language,
 * scores, the named cell Target with the gap and pass formulas on it,
 * grade and pass colours.
 *
 * Typical use:
 *     xlsx_book b;
 *     if (!xlsx_ita_book_open(&b, path, rep, title, comments)) -> errno
 *     lxw_worksheet *ws = xlsx_add_sheet(&b, "อันดับ", "Ranking");
 *     xlsx_set_columns(&b, ws, 0, cols, n_cols);
 *     ... write rows 1..n below a header row 0 (xlsx_write_rows) ...
 *     xlsx_add_table(&b, ws, 0, 0, n, cols, n_cols, "Ranking");
 *     worksheet_freeze_panes(ws, 1, 0);
 *     xlsx_print_setup(&b, ws, 0, 0);
 *     if (!xlsx_book_close(&b)) -> errno
 */
#ifndef ITABENCH_XLSX_COMMON_H
#define ITABENCH_XLSX_COMMON_H

#include "xlsx_book.h"
#include "xlsx_table.h"
#include "xlsx_print.h"
#include "xlsx_ita.h"

#endif
