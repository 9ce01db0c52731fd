/*
 * results_csv: the two CSV outputs of the interface spec,
 * results_<year>.csv (one row per office, best first) and
 * data_quality_<year>.csv (every finding of the run).
 *
 * Both are written atomically (see outfile.h).  Return false with errno
 * set when the file cannot be written; nothing is left half-written.
 */
#ifndef ITABENCH_RESULTS_CSV_H
#define ITABENCH_RESULTS_CSV_H

#include "report.h"

#include <stdbool.h>

/* Writes results_<year>.csv.  The score columns follow the model: one per
 * tool and per indicator (ids in lower case), one n_<tool> per survey tool. */
bool results_csv_write(const report *rep, const char *path);

/* Writes data_quality_<year>.csv: severity,office_code,file,line,check,message. */
bool data_quality_csv_write(const report *rep, const char *path);

#endif
