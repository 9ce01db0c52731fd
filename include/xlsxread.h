/*
 * xlsxread: streams the rows of the worksheets of an Excel workbook (.xlsx,
 * Office Open XML) as csv_record rows, so that a sheet can be read like a
 * CSV file.  The zip is read with libminizip, every XML part with expat, a
 * piece at a time: memory is one row plus the shared-strings table.
 *
 * A row's fields are its cells from column A to the last cell present;
 * missing cells are empty fields, rows without any value are skipped.  Cell
 * values as text:
 *   - shared and inline strings as written (rich-text runs joined, phonetic
 *     runs left out);
 *   - numbers as stored in the file (the shortest text that reads back as
 *     the same double, e.g. "84.1");
 *   - numbers whose cell format is a date or time as ISO text:
 *     "2021-09-30", "2021-09-30T08:15:00", or "08:15:00" for a time alone
 *     (serials of the 1900 date system; 1904 workbooks are shifted);
 *   - numbers whose cell format is a percentage as shown: 0.8525 as
 *     "85.25%" (which ingest refuses, as it does in a CSV file, rather than
 *     read a score of 0.8525);
 *   - booleans as TRUE / FALSE, errors as written (#DIV/0!);
 *   - formulas as their cached value (empty when the file has none).
 * A merged title row above a header is a row with one cell.
 *
 * Each record's file is "<path>:<sheet name>" and its line the row number
 * (1-based); its sheet is the sheet's name, so that diag can print cells as
 * book.xlsx:Sheet!C12.
 *
 * Refused with an error naming the file: files that are not zip workbooks,
 * damaged zips (bad headers, CRC errors), encrypted workbooks (an OLE
 * compound file), .xls and .ods files (the message says to save as .xlsx or
 * CSV UTF-8), parts larger than XLSXREAD_PART_MAX, workbooks larger than
 * XLSXREAD_TOTAL_MAX uncompressed, and parts that expand more than
 * XLSXREAD_RATIO_MAX times (zip bombs).
 */
#ifndef ITABENCH_XLSXREAD_H
#define ITABENCH_XLSXREAD_H

#include "csvread.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

/* Most bytes one part may expand to, all parts read together, and the most
 * a part may expand relative to its compressed size (once past 1 MiB). */
#define XLSXREAD_PART_MAX ((unsigned long long)256 << 20)
#define XLSXREAD_TOTAL_MAX ((unsigned long long)1 << 30)
#define XLSXREAD_RATIO_MAX 1000
/* Columns (XFD) and rows of an Excel sheet. */
#define XLSXREAD_MAX_COLUMNS 16384
#define XLSXREAD_MAX_ROWS 1048576

typedef enum {
    XLSXREAD_VISIBLE,
    XLSXREAD_HIDDEN,
    XLSXREAD_VERY_HIDDEN
} xlsxread_sheet_state;

typedef struct {
    char *name;               /* as shown on the tab */
    char *part;               /* zip entry of its XML, e.g. xl/worksheets/sheet1.xml */
    xlsxread_sheet_state state;
} xlsxread_sheet;

typedef struct xlsxread_book xlsxread_book;

/* Opens a workbook and reads its sheet list, relationships, styles, shared
 * strings and document properties.  Returns NULL after adding an error
 * (file, line 0) to diags.  Close with xlsxread_close. */
xlsxread_book *xlsxread_open(const char *path, diag_list *diags);

/* Frees everything; NULL is allowed. */
void xlsxread_close(xlsxread_book *book);

/* The worksheets in tab order (chart sheets are not listed). */
size_t xlsxread_sheet_count(const xlsxread_book *book);
const xlsxread_sheet *xlsxread_sheet_at(const xlsxread_book *book, size_t i);

/* The creator (dc:creator) of docProps/core.xml, or "" when absent; owned
 * by the book. */
const char *xlsxread_creator(const xlsxread_book *book);

/* From now on, xlsxread_rows refuses (an error naming the cell, the sheet
 * read no further) a formula cell whose value the workbook does not hold:
 * no cached value, or a workbook that asks for a full calculation when
 * opened (calcPr fullCalcOnLoad), whose cached values are placeholders.
 * For data; plans read back keep their typed cells
 * (xlsxread_uncalculated_as_formula). */
void xlsxread_refuse_uncalculated(xlsxread_book *book);

/* From now on, xlsxread_rows reads a formula cell whose workbook holds no
 * value for it (none, or an empty one, as openpyxl saves a formula typed;
 * a formula whose result is "" reads so too) as its
 * formula, "=" then its whole text, rather than as an empty cell: for
 * cells a person typed (plans read back, returned.h), whose formula is
 * then kept as typed instead of lost.  A formula with a value stored
 * reads as that value. */
void xlsxread_uncalculated_as_formula(xlsxread_book *book);

/* True when text has the form xlsxread gives a number cell with a date or
 * time format (2021-09-30, 2021-09-30T08:15:00, 08:15:00), so that a
 * message can say the cell was formatted as a date. */
bool xlsxread_is_date_text(const char *text);

/* Streams the rows of sheet i to on_record (as csvread does for a file).
 * Returns true when the whole sheet was read without a file-level error;
 * false after adding one to diags, or when on_record stopped (no error). */
bool xlsxread_rows(xlsxread_book *book, size_t i, csv_record_fn on_record,
                   void *ctx, diag_list *diags);

/* Called before each sheet's rows: returning false skips the sheet. */
typedef bool (*xlsxread_sheet_fn)(const xlsxread_book *book,
                                  const xlsxread_sheet *sheet, void *ctx);

/* Opens path and streams every sheet in tab order: on_sheet (may be NULL)
 * before each, then its rows to on_record.  Returns false when the
 * workbook could not be opened or a sheet could not be read (errors in
 * diags). */
bool xlsxread_each_sheet(const char *path, xlsxread_sheet_fn on_sheet,
                         csv_record_fn on_record, void *ctx,
                         diag_list *diags);

/* The hex SHA-256 of the file's bytes into out (the Method sheet lists
 * every input with it); false when it cannot be read. */
bool xlsxread_sha256(const char *path, char out[65]);

/* True when the file starts like a zip (PK\3\4) or an OLE compound file
 * (D0 CF 11 E0): a workbook, not text. */
bool xlsxread_looks_like_workbook(const char *path);

#endif
