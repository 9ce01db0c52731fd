/*
 * manifest: what itabench wrote into an output folder, so that a rerun can
 * tell a file it wrote from one somebody edited since.  The file
 * MANIFEST_NAME in the output folder holds one line per office workbook,
 * one per output of the whole city (the city workbook, the CSVs:
 * output_keep.h), whose office code is "-", and one per PDF that --pdf
 * printed (pdf_export.h; an office's under its office code, the city's
 * under "-"):
 *
 *   <SHA-256>\t<results year>\t<office code>\t<edits>\t<file>
 *
 * edits is "carried" when the workbook holds edits carried from one it
 * replaced (a rerun must carry them again), else "new".
 * edits is "new" for every output but an office workbook.
 * file relative to the output folder ("offices/ita_2564_10_x.xlsx"), lines
 * sorted by file (byte order), after a first comment line.  It is
 * rewritten whole and atomically (outfile.h) after the workbooks it lists
 * have landed, and again after the PDFs have (the one name a run writes
 * twice); lines that do not read back are ignored.  A line stays as long
 * as its file is there: a run that does not write a file (a run without
 * --pdf, another --office) keeps the line of the one an earlier run wrote,
 * so that an edit of it is still told from the bytes written.
 */
#ifndef ITABENCH_MANIFEST_H
#define ITABENCH_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define MANIFEST_NAME ".itabench-manifest"

typedef struct {
    char *file;          /* relative to the output folder; owned */
    char sha256[65];     /* hex */
    int year;            /* B.E. results year */
    char *office;        /* office code; owned */
    bool carried;        /* holds edits carried from an earlier workbook */
} manifest_entry;

typedef struct {
    manifest_entry *entries;   /* sorted by file */
    size_t n;
} manifest;

/* Reads out_dir/MANIFEST_NAME into m (left empty when there is none).
 * Never fails: a manifest that cannot be read counts as empty (every
 * workbook then counts as possibly edited, the safe side).  Free with
 * manifest_free. */
void manifest_load(manifest *m, const char *out_dir);

/* The entry of a file (relative to the output folder), or NULL. */
const manifest_entry *manifest_find(const manifest *m, const char *file);

/* Adds or replaces the entry of file (strings copied). */
void manifest_set(manifest *m, const char *file, const char *sha256,
                  int year, const char *office, bool carried);

/* Writes m to out_dir/MANIFEST_NAME atomically, leaving out the entries
 * whose file no longer exists.  Returns false with errno set. */
bool manifest_write(const manifest *m, const char *out_dir);

void manifest_free(manifest *m);

#endif
