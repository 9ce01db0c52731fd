/*
 * output_keep: a rerun never destroys an edit of the run's files that
 * are not office workbooks: the city workbook (ita_<year>_city.xlsx), the
 * CSV outputs (results_<year>.csv, ...) and the PDFs of --pdf
 * (pdf_export.h: a PDF signed since is kept).  Office workbooks have
 * office_keep.h, whose backup naming and manifest (manifest.h) this
 * module reuses.
 *
 * Before an output is written over a file already there, the file is
 * checked against the manifest of the output folder:
 *   - not there, or the bytes itabench wrote (same SHA-256): written over;
 *   - changed since (another SHA-256, or not in the manifest): kept as
 *     <stem>.edited-<YYYY-MM-DD>[-k].<ext> beside the new one (never over
 *     an existing backup), and said on stderr even with -q, naming both
 *     files.  Nothing of it is carried: cells and sheets added to an
 *     edited city workbook stay in the backup, and the message says so.
 *     The Target of an edited city workbook is read back (the cell right
 *     of its label on the Summary sheet, city_book.h): when it differs
 *     from the run's and -t was not given, the message says "Target was
 *     90 in your edited workbook (<backup>); this run used 85; pass -t 90
 *     to keep it".
 *     It is not carried silently: the results CSV, the office workbooks and
 *     every text of the city workbook are made at the run's target;
 *   - with --force: written over without a backup, and said.
 * A backup made before writing is removed again when the writing fails or
 * writes the very bytes that were there (nothing was edited then).
 */
#ifndef ITABENCH_OUTPUT_KEEP_H
#define ITABENCH_OUTPUT_KEEP_H

#include "manifest.h"

#include <stdbool.h>

/* What every output's decision reads (borrowed). */
typedef struct {
    const manifest *written;   /* the output folder's manifest before
                                  this run */
    const char *dir;           /* the output folder */
    bool force;                /* --force */
    bool target_given;         /* -t was given */
    double target;             /* the run's target */
} output_keep_in;

/* What becomes of the file an output replaces. */
typedef enum {
    OUTPUT_NEW,       /* nothing there, or the file itabench wrote */
    OUTPUT_KEPT,      /* changed since: kept as backup */
    OUTPUT_FORCED,    /* changed since: written over (--force) */
} output_keep_what;

typedef struct {
    char *file;              /* the output's name, relative to the
                                output folder; owned */
    char *path;              /* dir/file; owned */
    output_keep_what keep;
    char old_sha256[65];     /* of the file there, when keep is set */
    char *backup;            /* the backup's name, relative to the
                                output folder, or NULL; owned */
    bool city;               /* a city workbook */
    bool has_target;         /* an edited city workbook's Target read */
    double edited_target;
    char new_sha256[65];     /* of the file written, "" when none */
} output_keep;

/* Before the output file (relative to the output folder: "results_2564.csv",
 * "offices/ita_2564_1015_thon-buri-O43.pdf") is written: decides, and keeps a
 * changed file as its dated backup.  city says the file is a city
 * workbook (its Target is read back).  Returns false after printing why
 * no backup could be made: the output must not be written then.  Free out
 * with output_keep_free, also after a failure. */
bool output_keep_before(const output_keep_in *in, const char *file,
                        bool city, output_keep *out);

/* After the output was written (written: whether it landed): removes the
 * backup when nothing landed or the bytes are the same as before, and
 * says on stderr what became of a changed file. */
void output_keep_after(const output_keep_in *in, output_keep *k,
                       bool written);

/* Records the file written in m (year: the results year), once the
 * manifest of the whole run is loaded; nothing when nothing landed (or
 * its SHA-256 could not be read: it then counts as edited next time). */
void output_keep_record(const output_keep *k, manifest *m, int year);

/* The same, under an office's code (an office's PDF) rather than
 * OUTPUT_KEEP_CITY_WIDE; office is copied. */
void output_keep_record_office(const output_keep *k, manifest *m, int year,
                               const char *office);

void output_keep_free(output_keep *k);

/* The office field of the manifest's lines for the outputs of the whole
 * city (manifest.h). */
#define OUTPUT_KEEP_CITY_WIDE "-"

#endif
