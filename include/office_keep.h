/*
 * office_keep: a rerun never destroys an edit.  Before an office workbook
 * is written over one already in the folder, the one there is checked
 * against the manifest (manifest.h):
 *   - not there, or the bytes itabench wrote (same SHA-256): written over;
 *   - edited since (another SHA-256, or not in the manifest), drawn from
 *     the same results year and office (its marker, returned.h): its plan
 *     is read back to be carried into the new workbook by item, and the
 *     edited file is kept beside it as <name>.edited-<YYYY-MM-DD>.xlsx
 *     (-2, -3, ... when that exists: a backup is never written over);
 *   - edited, and drawn from another year or office: left as it is; the
 *     new workbook takes the next free name, <name>-2.xlsx, -3, ...
 *     (a name whose file is one itabench wrote counts as free);
 *   - edited and unreadable (damaged, not an office workbook, its plan
 *     sheet gone): kept as the dated backup, nothing carried, and said;
 *   - with force: written over without carrying, and said.
 * What happened is said on stderr (unless quiet).  Each office's decision
 * reads only the files of that office, so it is the same in any worker.
 */
#ifndef ITABENCH_OFFICE_KEEP_H
#define ITABENCH_OFFICE_KEEP_H

#include "manifest.h"
#include "returned.h"

#include <stdbool.h>

/* What every office's decision reads (borrowed). */
typedef struct {
    const manifest *written;   /* the manifest of the output folder */
    const char *dir;           /* the workbooks' folder */
    const char *rel_dir;       /* that folder as the manifest names it
                                  ("offices") */
    int year;                  /* the results year being written */
    bool force;                /* --force */
    bool quiet;                /* say nothing on stderr */
} office_keep_in;

typedef struct {
    char *file;        /* the name to write (no folder); owned */
    returned_set old;  /* the edited plan to carry (n is 0 or 1) */
} office_keep;

/* Decides where the workbook of an office (code) named file (no folder)
 * goes and what it carries, keeping any edited file as said above.
 * Returns false after printing why an edited file could not be kept (the
 * new workbook must not be written then).  Free out with
 * office_keep_free. */
bool office_keep_decide(const office_keep_in *in, const char *file,
                        const char *code, office_keep *out);

void office_keep_free(office_keep *k);

/* The hex SHA-256 of a file's bytes, as the manifest records it; false
 * when it cannot be read. */
bool office_keep_digest(const char *path, char out[65]);

#endif
