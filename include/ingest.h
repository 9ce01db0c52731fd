/*
 * ingest: reads input CSV files and .xlsx workbooks into a dataset.  The
 * kind of each file (each sheet) is told by its whole header
 * (ingest_header.h: every column recognised, in English or Thai, columns in
 * any order):
 *   long item scores   year,office_code,item,score[,office_name]
 *   wide item scores   year,office_code[,office_name],<item ids...>
 *   respondents        year,office_code,tool,n
 *   published figures  year,office_code,measure,value
 *   answer counts      year,office_code,item,level,count
 * Title rows above the header are skipped; a complete header in the middle
 * of a file starts a new table with its own columns and kind.  Each kind
 * has its row reader in one table (ingest.c, kind_readers).  Offices are
 * named by code, Thai or English name.  Every problem becomes a finding in
 * diags with file, line, column and value; reading goes on after errors so
 * that all of them are reported at once.  Each file's SHA-256 is taken
 * while reading it and stored in the dataset.
 */
#ifndef ITABENCH_INGEST_H
#define ITABENCH_INGEST_H

#include "dataset.h"
#include "diag.h"

#include <stdbool.h>

/* Reads a CSV file or workbook, or every regular *.csv and *.xlsx below a
 * folder (recursively, in name order, skipping folders named "reference",
 * hidden entries, the program's own outputs (but for the workbooks
 * d->claim_workbook takes: office workbooks, whose action plans the program
 * reads back) and, with a warning, pipes,
 * devices and sockets).
 * Named here, a pipe is read (without ever blocking on an absent writer);
 * a device or socket is refused with an error.  Every file and folder is
 * read once, however many links or arguments lead to it.  Returns false
 * when the path itself cannot be examined (an error is in diags); errors
 * inside files are only counted in diags. */
bool ingest_path(dataset *d, const char *path, diag_list *diags);

/* Reads one file whatever its name (as ingest_path for a file): a
 * workbook (.xlsx, or anything that starts like a zip or OLE file; .xls and
 * .ods are refused with a message) sheet by sheet, where every sheet whose
 * header is recognised is an input and the others are skipped with a note;
 * otherwise a CSV file. */
void ingest_file(dataset *d, const char *path, diag_list *diags);

#endif
