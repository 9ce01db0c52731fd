/*
 * output_check: every output a run will write, checked before the first
 * is written, so that a run that cannot write all of them writes none.
 */
#ifndef ITABENCH_OUTPUT_CHECK_H
#define ITABENCH_OUTPUT_CHECK_H

#include "cli.h"
#include "office_selection.h"
#include "report.h"

typedef enum {
    OUTPUT_CHECK_OK,      /* every output may be written */
    OUTPUT_CHECK_INPUT,   /* an output would replace an input: usage error */
    OUTPUT_CHECK_REFUSED, /* the folder or a name cannot take an output */
} output_check_status;

/* Checks the outputs the run will write into opt->out_dir: results and
 * data-quality CSVs, plan progress (when rep->progress), the city
 * workbook, the office workbooks (the selected or scored offices) and the
 * manifest.  An output whose path is an input file of the run comes back
 * as OUTPUT_CHECK_INPUT before anything is made; then the output folder is
 * opened (outfile_root, making it when missing) and every name checked:
 * two offices whose workbooks would have one name (compared ignoring
 * case, as some file systems do), or a link, folder, named pipe, device or
 * socket at a name or in the way, is OUTPUT_CHECK_REFUSED.  Each problem
 * is printed to err as "itabench: ..." naming the path; nothing is
 * written but the output folder itself. */
output_check_status output_check_all(const report *rep, const cli_options *opt,
                                     const office_selection *sel, FILE *err);

#endif
