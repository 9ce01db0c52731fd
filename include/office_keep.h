/*
 * office_keep: a rerun never destroys an edit.  (A workbook of the office
 * under another name, its former one before a registry rename, as the
 * manifest lists it with the same year and office: its edits are carried
 * into the workbook under the new name, and it is left as it is.)  Before an office workbook
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
#include "plans.h"
#include "report.h"
#include "returned.h"

#include <stdbool.h>

/* The office workbooks' folder in the output folder. */
#define OFFICE_BOOKS_DIR "offices"

/* What every office's decision reads (borrowed). */
typedef struct {
    const manifest *written;   /* the manifest of the output folder */
    const char *dir;           /* the workbooks' folder */
    const char *rel_dir;       /* that folder as the manifest names it
                                  ("offices") */
    int year;                  /* the results year being written */
    bool force;                /* --force */
    bool quiet;                /* say nothing on stderr */
    bool target_given;         /* -t was given (survey_office) */
} office_keep_in;

/* What becomes of the file a new workbook replaces. */
typedef enum {
    KEEP_NONE,         /* nothing, or the workbook itabench wrote */
    KEEP_CARRIED,      /* edited: carried, kept as backup */
    KEEP_UNREADABLE,   /* edited, unreadable: kept as backup */
    KEEP_FORCED,       /* edited, written over (--force) */
    KEEP_FORCED_CARRIED,   /* holding carried edits, written over
                              (--force) */
    KEEP_RENAMED,      /* edited under the office's former file name (a
                          registry rename): carried, the file left */
} office_keep_what;

typedef struct {
    char *file;              /* the name to write (no folder); owned */
    returned_set old;        /* the plan to carry (n is 0 or 1) */
    office_keep_what keep;
    char old_sha256[65];     /* of the file there, when keep is set */
    char *renamed_from;      /* KEEP_RENAMED: the former name; owned */
    diag_list diags;         /* what reading it found */
} office_keep;

/* Decides where the workbook of an office (code) named file (no folder)
 * goes and what it carries (a file with another results year or office is
 * left, and another name taken).  Returns false after printing why no name
 * is free.  Free out with office_keep_free, also after a failure. */
bool office_keep_decide(const office_keep_in *in, const char *file,
                        const char *code, office_keep *out);

/* Once the new workbook is written (not yet in place), with its SHA-256:
 * keeps the edited file it replaces as the dated backup and says so, or
 * says that --force writes over it.  A file with the new workbook's bytes
 * was not edited (a run stopped before it rewrote the manifest leaves such
 * files): nothing is kept or said.  Returns false after printing why the
 * backup could not be made (the new workbook must not land then). */
bool office_keep_settle(const office_keep_in *in, office_keep *k,
                        const char *new_sha256);

void office_keep_free(office_keep *k);

/* Keeps dir/file as dir/<stem>.edited-<YYYY-MM-DD>[-k].<ext> (a hard
 * link, or a copy), never over an existing file, as edited office
 * workbooks are kept; the run's other outputs (output_keep.h) use it too.
 * *backup receives the name (no folder; free it).  Returns false with
 * errno set when no backup could be made. */
bool office_keep_backup(const char *dir, const char *file, char **backup);

struct measures_library;

/* An office's workbook name (office_book_file_name); a new string. */
typedef char *(*office_keep_file_name)(const report *rep, int office_index);

/* What office_keep_survey looks at (borrowed). */
typedef struct {
    const report *rep;
    const struct measures_library *lib;   /* may be NULL */
    office_keep_file_name file_name;
    const int *offices;        /* registry indices (--office) */
    size_t n_offices;          /* 0: every office scored */
    const char *out_dir;       /* the output folder */
    bool force;                /* --force */
    bool quiet;                /* say on stderr only what needs a look */
    bool target_given;         /* -t was given: a Target typed in an edited
                                  workbook is not said */
} office_keep_survey_in;

/* Before anything is written: what a rerun into in->out_dir will carry
 * from the edited workbooks of the selected offices, as
 * office_keep_decide will decide it.  For each edited workbook, adds to
 * diags what reading it found (values kept as typed, not understood, row
 * by row), a warning per row the district deleted (it stays deleted) and
 * a note counting what is carried; the count is said on stderr per
 * office, when quiet only if something was not understood, deleted or
 * cannot be carried.  Returns the number of such warnings said (they are
 * in diags, so the run's last line counts them). */
size_t office_keep_survey(const office_keep_survey_in *in, diag_list *diags);

/* Computes into plan (free with plans_free_office) the plan of the office
 * at position of in->current whose workbook is decided in kept
 * (office_keep_decide), keeping the edits of the workbook it replaces
 * (kept->old; resolved against the model here): the target scores typed
 * in and the rows deleted (returned_edits, plans_compute_office_edited),
 * and each row pointing at the row read back it carries (returned_carry).
 * Returns whether the plan carries any edit: a plan read back that says
 * nothing but the defaults carries nothing (no row points at it then), so
 * that its workbook is the one written afresh. */
bool office_keep_plan(office_keep *kept, const plans_input *in,
                      size_t position, office_plan *plan);

#endif
