/*
 * progress_csv: writes plan_progress_<year>.csv, one row per returned
 * office workbook in the order of the progress set (progress.h), columns
 * year,office_code,office_name_th,office_name_en,rows,done,in_progress,
 * not_started,overdue,no_owner,projected_ita,file.  Computes nothing.
 */
#ifndef ITABENCH_PROGRESS_CSV_H
#define ITABENCH_PROGRESS_CSV_H

#include "progress.h"
#include "registry.h"

#include <stdbool.h>

/* Writes the file through outfile (all or nothing); false with errno set
 * when it cannot be written. */
bool progress_csv_write(const progress_set *ps, const registry *r,
                        const char *path);

#endif
