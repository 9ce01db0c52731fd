#include "output_keep.h"
#include "city_target.h"
#include "office_keep.h"
#include "scores.h"
#include "text.h"
#include "xlsxread.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The search for the Target cell of a city workbook. */
typedef struct {
    bool found;
    double value;
} target_search;

/* A row whose first cell is the Target label, in either language: the
 * value right of it. */
static bool find_target(const csv_record *rec, void *ctx)
{
    target_search *t = ctx;
    if (rec->n_fields < 2 || (strcmp(rec->fields[0], CITY_TARGET_LABEL_TH) != 0
                              && strcmp(rec->fields[0],
                                        CITY_TARGET_LABEL_EN) != 0))
        return true;
    t->found = text_parse_number(rec->fields[1], &t->value) == NUM_OK;
    return false;   /* the first one is the cell */
}

/* The Target of the city workbook at path, when it can be read. */
static bool edited_target(const char *path, double *target)
{
    diag_list diags;
    diag_init(&diags);
    xlsxread_book *book = xlsxread_open(path, &diags);
    target_search t = {0};
    for (size_t i = 0; book && i < xlsxread_sheet_count(book) && !t.found;
         i++)
        xlsxread_rows(book, i, find_target, &t, &diags);
    xlsxread_close(book);
    diag_free(&diags);
    *target = t.value;
    return t.found;
}

/* Whether dir/file is there and is not the file the manifest lists
 * (digest receives its SHA-256, "" when unreadable). */
static bool changed_since(const output_keep_in *in, const char *file,
                          const char *path, char digest[65])
{
    struct stat st;
    /* no file, or no file to keep (a folder: the write fails, saying so) */
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    if (!xlsxread_sha256(path, digest))
        digest[0] = '\0';
    const manifest_entry *e = manifest_find(in->written, file);
    return !e || strcmp(e->sha256, digest) != 0;
}

bool output_keep_before(const output_keep_in *in, const char *file,
                        bool city, output_keep *out)
{
    size_t len = strlen(in->dir);
    *out = (output_keep){
        .file = xstrdup(file),
        .path = xasprintf("%s%s%s", in->dir,
                          len && in->dir[len - 1] == '/' ? "" : "/", file)};
    if (!changed_since(in, file, out->path, out->old_sha256))
        return true;
    out->city = city;
    if (city)
        out->has_target = edited_target(out->path, &out->edited_target);
    if (in->force) {
        out->keep = OUTPUT_FORCED;
        return true;
    }
    out->keep = OUTPUT_KEPT;
    if (office_keep_backup(in->dir, file, &out->backup))
        return true;
    fprintf(stderr,
            "itabench: %s was changed since itabench wrote it, and a backup "
            "of it cannot be made (%s): it is left as it is and not written "
            "over\n",
            out->path, strerror(errno));
    return false;
}

/* The backup's path. */
static char *backup_path(const output_keep_in *in, const output_keep *k)
{
    size_t len = strlen(in->dir);
    return xasprintf("%s%s%s", in->dir,
                     len && in->dir[len - 1] == '/' ? "" : "/", k->backup);
}

/* What the new file is made from and what it lacks of the changed one,
 * by the kind of output. */
static const char *new_file_note(const output_keep *k)
{
    static const char pdf[] = ".pdf";
    size_t len = strlen(k->file);
    if (k->city)
        return "is written from the input, without the cells or sheets "
               "added to the changed one (they are in the backup)";
    /* a PDF changed since is most often one signed: the new one is not */
    if (len >= sizeof pdf - 1 &&
        strcmp(k->file + len - (sizeof pdf - 1), pdf) == 0)
        return "is printed again from its workbook, without the changes (a "
               "signature added to the changed one is in the backup: sign "
               "the new one again)";
    return "is written from the input, without the changes (they are in "
           "the backup)";
}

/* Says what became of a changed file, even with -q: it held edits. */
static void say(const output_keep_in *in, const output_keep *k)
{
    char *backup = k->backup ? backup_path(in, k) : NULL;
    if (!backup)
        fprintf(stderr,
                "itabench: --force: overwrote %s, which was changed since "
                "itabench wrote it (no backup kept)\n",
                k->path);
    else
        fprintf(stderr,
                "itabench: %s was changed since itabench wrote it: the "
                "changed file is kept as %s; the new %s %s\n",
                k->path, backup, k->path, new_file_note(k));
    /* the two targets as people type them: 90, 84.5 */
    if (k->has_target && !in->target_given &&
        score_round2(k->edited_target) != score_round2(in->target))
        fprintf(stderr,
                "itabench: Target was %g in your edited workbook (%s); this "
                "run used %g; pass -t %g to keep it\n",
                score_round2(k->edited_target), backup ? backup : k->path,
                score_round2(in->target), score_round2(k->edited_target));
    free(backup);
}

void output_keep_after(const output_keep_in *in, output_keep *k,
                       bool written)
{
    if (!written || !xlsxread_sha256(k->path, k->new_sha256))
        k->new_sha256[0] = '\0';
    /* nothing landed, or the same bytes: nothing was lost, no backup */
    bool same = k->new_sha256[0] && strcmp(k->new_sha256, k->old_sha256) == 0;
    if (k->backup && (!written || same)) {
        char *backup = backup_path(in, k);
        unlink(backup);
        free(backup);
        free(k->backup);
        k->backup = NULL;
    }
    if (written && !same && k->keep != OUTPUT_NEW)
        say(in, k);
}

void output_keep_record_office(const output_keep *k, manifest *m, int year,
                               const char *office)
{
    if (k->new_sha256[0])
        manifest_set(m, k->file, k->new_sha256, year, office, false);
}

void output_keep_record(const output_keep *k, manifest *m, int year)
{
    output_keep_record_office(k, m, year, OUTPUT_KEEP_CITY_WIDE);
}

void output_keep_free(output_keep *k)
{
    free(k->file);
    free(k->path);
    free(k->backup);
    *k = (output_keep){0};
}
