/*
 * office_books: the workbooks of every selected office (office_book.h
 * writes one), into the output folder's OFFICE_BOOKS_DIR, by worker
 * processes (workers.h), with the folder's manifest (manifest.h) and the
 * edited workbooks they replace kept (office_keep.h).
 */
#ifndef ITABENCH_OFFICE_BOOKS_H
#define ITABENCH_OFFICE_BOOKS_H

#include "manifest.h"
#include "plans.h"
#include "report.h"

#include <stdbool.h>
#include <stddef.h>

/* What to write and how (borrowed; read until office_books_finish). */
typedef struct {
    const report *rep;
    const plans_input *plan_in;  /* each office's plan is computed from it */
    const int *offices;          /* registry indices (--office) */
    size_t n_offices;            /* 0: every office scored this year */
    const char *out_dir;         /* the output folder */
    bool protect;                /* lock every cell but those filled in */
    bool force;                  /* --force */
    int verbosity;               /* cli_options': 1 names each file
                                    written on stderr; 0 shows a progress
                                    line when stderr is a terminal; -1 is
                                    silent */
    int jobs;                    /* worker processes (workers.h; 1: in
                                    this process) */
} office_books_options;

/* office_books_start and office_books_finish write the workbooks of the
 * selected offices into
 * out_dir/OFFICE_BOOKS_DIR/, in opt->jobs worker processes; the bytes do
 * not depend on jobs.  Each office's plan is computed from plan_in just
 * before its workbook and freed after it, so memory does not grow with
 * the number of offices.  Stops at the first failure, printing the path
 * and the reason to stderr, and returns false (exit 3); no temporary is
 * left behind.
 *
 * A workbook already in the folder that was edited since itabench wrote
 * it is never lost (office_keep.h): its edits are carried into the new
 * workbook and it is kept as a dated backup, or, drawn from other
 * results, it is left and the new workbook gets another name; force
 * (--force) writes over it without carrying.  Afterwards, whether or not
 * every workbook was written, out_dir/.itabench-manifest (manifest.h)
 * lists each workbook that landed with its SHA-256; the same for any
 * jobs.
 *
 * Two steps, so that the program can write the city workbook while
 * worker processes write the office workbooks:
 * office_books_start creates the folder and starts the workers (NULL
 * after printing why the folder could not be made: exit 3);
 * office_books_finish waits for them (for -j 1 it writes every workbook
 * itself, then) and returns whether every workbook landed.  stop: another
 * output failed, stop the workers (their temporaries are removed) and
 * return false.  office_books_finish frees books. */
typedef struct office_books office_books;
office_books *office_books_start(const office_books_options *opt);
bool office_books_finish(office_books *books, bool stop);

/* Adds the entries of outputs (the run's other outputs that landed: the
 * CSVs, the city workbook) to the manifest office_books_finish writes, so
 * that the folder's manifest is written once.  Call before it. */
void office_books_note_outputs(office_books *books, const manifest *outputs);

#endif
