/*
 * outfile: all-or-nothing output files.  Each output is written to a hidden
 * temporary file in the destination folder and renamed over the final name
 * only when complete, so a failure or a killed run never leaves a
 * half-written file under a real output name.
 */
#ifndef ITABENCH_OUTFILE_H
#define ITABENCH_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    char *final_path;
    char *temp_path;
    FILE *fp;            /* open for writing after outfile_open */
} outfile;

/* Creates the temporary file next to final_path.  With want_stream the file
 * is also opened as fp; without it, the (empty) file is left for another
 * library to write by name.  Returns false with errno set. */
bool outfile_open(outfile *f, const char *final_path, bool want_stream);

/* Flushes, closes and renames the temporary over the final name.  Returns
 * false (and removes the temporary) when any step fails. */
bool outfile_commit(outfile *f);

/* Closes and removes the temporary; the final name is untouched. */
void outfile_abort(outfile *f);

/* Removes temporaries left in dir by a run that was killed. */
void outfile_sweep(const char *dir);

/* Creates a folder and its parents (mode 0777 less umask); true if it
 * exists afterwards. */
bool outfile_mkdirs(const char *dir);

#endif
