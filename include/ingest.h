/*
 * ingest: reads input CSV files into a dataset.  The kind of each file is
 * told by its header (columns in any order):
 *   long item scores   year,office_code,item,score[,office_name]
 *   wide item scores   year,office_code[,office_name],<item ids...>
 *   respondents        year,office_code,tool,n
 *   published figures  year,office_code,measure,value
 *   answer counts      year,office_code,item,level,count
 * Offices are named by code, Thai or English name.  Every problem becomes a
 * finding in diags with file, line and value; reading goes on after errors
 * so that all of them are reported at once.
 */
#ifndef ITABENCH_INGEST_H
#define ITABENCH_INGEST_H

#include "dataset.h"
#include "diag.h"

#include <stdbool.h>

/* Reads a CSV file, or every *.csv below a folder (recursively, in name
 * order, skipping folders named "reference" and hidden entries).  Returns
 * false when the path itself cannot be read (an error is in diags); errors
 * inside files are only counted in diags. */
bool ingest_path(dataset *d, const char *path, diag_list *diags);

/* Reads one CSV file whatever its name. */
void ingest_file(dataset *d, const char *path, diag_list *diags);

#endif
