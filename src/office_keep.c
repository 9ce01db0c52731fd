#include "office_keep.h"
#include "measures.h"
#include "outfile.h"
#include "text.h"
#include "xlsxread.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Names tried for a new workbook or a backup before giving up. */
#define MAX_VARIANTS 1000


/* file with "-k" before its extension (".xlsx", ".csv") (k > 1), or file
 * itself; then `middle` (e.g. ".edited-2026-12-02") inserted before the
 * extension.  New string. */
static char *variant(const char *file, const char *middle, unsigned k)
{
    size_t len = strlen(file);
    const char *dot = strrchr(file, '.');
    size_t stem = dot && dot != file ? (size_t)(dot - file) : len;
    if (k <= 1)
        return xasprintf("%.*s%s%s", (int)stem, file, middle, file + stem);
    return xasprintf("%.*s%s-%u%s", (int)stem, file, middle, k, file + stem);
}

/* Copies from to a new file to (which must not exist). */
static bool copy_file(const char *from, const char *to)
{
    FILE *in = outfile_read_existing(from);
    return in && outfile_write_from(in, to);
}

/* Keeps dir/file as dir/<stem>.edited-<today>[-k].xlsx (a hard link, or a
 * copy where links are not allowed); never replaces a file.  *backup
 * receives the name. */
static bool keep_backup(const char *dir, const char *file, char **backup)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char middle[64];
    snprintf(middle, sizeof middle, ".edited-%04d-%02d-%02d",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    char *from = xasprintf("%s/%s", dir, file);
    bool ok = false;
    for (unsigned k = 1; k <= MAX_VARIANTS && !ok; k++) {
        char *name = variant(file, middle, k);
        char *to = xasprintf("%s/%s", dir, name);
        struct stat st;
        if (link(from, to) == 0) {
            ok = true;
        } else if (errno != EEXIST && lstat(to, &st) != 0) {
            ok = copy_file(from, to);
        }
        free(to);
        if (ok)
            *backup = name;
        else
            free(name);
    }
    free(from);
    return ok;
}

typedef enum { EX_CARRY, EX_OTHER, EX_UNREADABLE } examined;

/* Reads an edited file's plan into old; says whether to carry it, to
 * leave the file (another year or office), or that it cannot be read
 * (the reasons in diags). */
static examined examine(const office_keep_in *in, const char *path,
                        const char *code, returned_set *old,
                        diag_list *diags)
{
    xlsxread_book *book = xlsxread_open(path, diags);
    if (!book)
        return EX_UNREADABLE;
    bool office_book = returned_is_office_book(book);
    if (!office_book)
        diag_add(diags, DIAG_ERROR, path, 0, NULL, "keep",
                 "not an office workbook written by itabench");
    bool read = office_book && returned_read(old, book, path, diags);
    xlsxread_close(book);
    if (!read)
        return EX_UNREADABLE;
    const returned_plan *p = &old->plans[0];
    if (p->year != in->year || strcmp(p->office_code, code) != 0) {
        returned_free(old);
        return EX_OTHER;
    }
    return EX_CARRY;
}

/* What is at dir/name already. */
typedef enum {
    AT_NOTHING,        /* no file */
    AT_OURS,           /* the bytes itabench wrote */
    AT_OURS_CARRIED,   /* the same, holding edits carried from before */
    AT_EDITED,         /* another file, or edited since */
} found;

static found look(const office_keep_in *in, const char *name,
                  const char *path, char digest[65])
{
    struct stat st;
    /* no file, or no file to keep (a folder, link or named pipe: the write
     * refuses it, saying so) */
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return AT_NOTHING;
    char *rel = xasprintf("%s/%s", in->rel_dir, name);
    const manifest_entry *e = manifest_find(in->written, rel);
    free(rel);
    if (!xlsxread_sha256(path, digest))
        digest[0] = '\0';   /* unreadable: edited, kept */
    if (!e || strcmp(digest, e->sha256) != 0)
        return AT_EDITED;
    return e->carried ? AT_OURS_CARRIED : AT_OURS;
}

/* A workbook itabench wrote with edits carried into it: they are carried
 * again (no backup: it was not edited since). */
static void carry_again(const office_keep_in *in, const char *path,
                        const char *code, office_keep *out)
{
    diag_list diags;
    diag_init(&diags);
    if (examine(in, path, code, &out->old, &diags) != EX_CARRY)
        returned_free(&out->old);
    diag_free(&diags);
}

/* Says on stderr what became of an edited file kept as backup. */
static void say_kept(const office_keep *k, const char *path,
                     const char *backup)
{
    /* what reading it found was said before anything was written
     * (office_keep_survey) */
    if (k->keep == KEEP_CARRIED)
        fprintf(stderr,
                "itabench: %s was edited since itabench wrote it: its "
                "edits are carried into the new workbook; the edited file "
                "is kept as %s\n",
                path, backup);
    else
        fprintf(stderr,
                "itabench: %s was changed since itabench wrote it and its "
                "plan cannot be read (above): it is kept as %s, and nothing "
                "of it is carried into the new workbook\n",
                path, backup);
}

/* An edited file at path: read to be carried (KEEP_CARRIED), left for
 * another year or office (false), or unreadable (KEEP_UNREADABLE); what
 * reading it found stays in out->diags for office_keep_settle. */
static bool edited(const office_keep_in *in, const char *path,
                   const char *code, office_keep *out)
{
    examined ex = examine(in, path, code, &out->old, &out->diags);
    if (ex == EX_OTHER)
        return false;
    out->keep = ex == EX_CARRY ? KEEP_CARRIED : KEEP_UNREADABLE;
    return true;
}

/* The workbook of the same results year and office that the manifest
 * lists under another name than file (the office's former name, before a
 * registry rename) and that is still there, or NULL.  A new string (no
 * folder). */
static char *former_name(const office_keep_in *in, const char *file,
                         const char *code)
{
    size_t dir_len = strlen(in->rel_dir);
    static const char book_ext[] = ".xlsx";
    for (size_t i = 0; i < in->written->n; i++) {
        const manifest_entry *e = &in->written->entries[i];
        size_t len = strlen(e->file);
        /* the office's PDFs (--pdf) are listed under its code too */
        bool book = len >= sizeof book_ext - 1 &&
                    strcmp(e->file + len - (sizeof book_ext - 1),
                           book_ext) == 0;
        if (!book || e->year != in->year || strcmp(e->office, code) != 0 ||
            strncmp(e->file, in->rel_dir, dir_len) != 0 ||
            e->file[dir_len] != '/' || strchr(e->file + dir_len + 1, '/') ||
            strcmp(e->file + dir_len + 1, file) == 0)
            continue;
        char *path = xasprintf("%s/%s", in->dir, e->file + dir_len + 1);
        struct stat st;
        bool there = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
        free(path);
        if (there)
            return xstrdup(e->file + dir_len + 1);
    }
    return NULL;
}

/* No workbook under file: one edited under the office's former name is
 * carried from (KEEP_RENAMED); true when so. */
static bool carry_renamed(const office_keep_in *in, const char *file,
                          const char *code, office_keep *out)
{
    char *former = former_name(in, file, code);
    if (!former)
        return false;
    char *path = xasprintf("%s/%s", in->dir, former);
    char digest[65];
    found at = look(in, former, path, digest);
    bool carried = false;
    if (at == AT_EDITED || at == AT_OURS_CARRIED) {
        carried = examine(in, path, code, &out->old, &out->diags) == EX_CARRY;
        if (!carried)
            returned_free(&out->old);
    }
    if (carried) {
        out->keep = KEEP_RENAMED;
        out->renamed_from = former;
        memcpy(out->old_sha256, digest, sizeof digest);
    } else {
        free(former);
    }
    free(path);
    return carried;
}

bool office_keep_decide(const office_keep_in *in, const char *file,
                        const char *code, office_keep *out)
{
    *out = (office_keep){0};
    diag_init(&out->diags);
    char *first = xasprintf("%s/%s", in->dir, file);
    struct stat st;
    bool nothing_there = lstat(first, &st) != 0 && errno == ENOENT;
    free(first);
    if (nothing_there && !in->force && carry_renamed(in, file, code, out)) {
        out->file = xstrdup(file);
        return true;
    }
    for (unsigned k = 1; k <= MAX_VARIANTS; k++) {
        char *name = variant(file, "", k);
        char *path = xasprintf("%s/%s", in->dir, name);
        bool done = true;
        found at = look(in, name, path, out->old_sha256);
        if (in->force && (at == AT_EDITED || at == AT_OURS_CARRIED))
            out->keep = at == AT_EDITED ? KEEP_FORCED : KEEP_FORCED_CARRIED;
        else if (at == AT_OURS_CARRIED)
            carry_again(in, path, code, out);
        else if (at == AT_EDITED)
            done = edited(in, path, code, out);
        if (!done && !in->quiet)
            fprintf(stderr,
                    "itabench: %s was edited and holds a plan of other "
                    "results (another year or office): it is left as it "
                    "is; the new workbook takes another name\n",
                    path);
        free(path);
        if (done) {
            if (k > 1 && !in->quiet)
                fprintf(stderr, "itabench: the new workbook is %s/%s\n",
                        in->dir, name);
            out->file = name;
            return true;
        }
        free(name);
        diag_free(&out->diags);
        diag_init(&out->diags);
    }
    fprintf(stderr, "itabench: no free name for a new workbook beside %s/%s\n",
            in->dir, file);
    return false;
}

bool office_keep_settle(const office_keep_in *in, office_keep *k,
                        const char *new_sha256)
{
    /* the same bytes as the new workbook (a run that ended before it
     * rewrote the manifest): nothing was edited */
    if (k->keep == KEEP_NONE || strcmp(k->old_sha256, new_sha256) == 0)
        return true;
    if (k->keep == KEEP_RENAMED) {
        if (!in->quiet)
            fprintf(stderr,
                    "itabench: %s/%s is this office's workbook under its "
                    "former name (the list of districts renamed it): its "
                    "edits are carried into %s/%s; it is left as it is\n",
                    in->dir, k->renamed_from, in->dir, k->file);
        return true;
    }
    char *path = xasprintf("%s/%s", in->dir, k->file);
    bool ok = true;
    if (k->keep == KEEP_FORCED || k->keep == KEEP_FORCED_CARRIED) {
        /* said even when quiet, once the new workbook is written: edits
         * are lost */
        fprintf(stderr,
                k->keep == KEEP_FORCED
                    ? "itabench: --force: overwrote %s, which was edited "
                      "since itabench wrote it (its edits are not carried)\n"
                    : "itabench: --force: overwrote %s, which held edits "
                      "carried from an earlier workbook (kept in its "
                      ".edited- backups); they are not carried\n",
                path);
    } else {
        char *backup = NULL;
        ok = keep_backup(in->dir, k->file, &backup);
        if (!ok)
            fprintf(stderr,
                    "itabench: %s was edited since itabench wrote it, and a "
                    "backup of it cannot be made (%s): it is left as it is "
                    "and no new workbook is written for it\n",
                    path, strerror(errno));
        else if (!in->quiet)
            say_kept(k, path, backup);
        free(backup);
    }
    free(path);
    return ok;
}

void office_keep_free(office_keep *k)
{
    free(k->file);
    free(k->renamed_from);
    returned_free(&k->old);
    diag_free(&k->diags);
    *k = (office_keep){0};
}

/* The edits that change nothing (a target typed as the default, a row
 * read back as written) are not counted, so that such a workbook is
 * written afresh rather than marked as carrying. */
bool office_keep_plan(office_keep *kept, const plans_input *in,
                      size_t position, office_plan *plan)
{
    plan_edit *edits = NULL;
    size_t n_edits = 0;
    returned_plan *old = kept->old.n ? &kept->old.plans[0] : NULL;
    if (old)
        returned_resolve(old, in->m, in->measures);
    if (old)
        n_edits = returned_edits(old, in->m, &in->current->offices[position],
                                 &edits);
    plans_compute_office_edited(in, position, edits, n_edits, plan);
    bool any = false;
    for (size_t k = 0; k < n_edits; k++)
        any |= !isnan(edits[k].goal) || edits[k].deleted;
    free(edits);
    if (!old)
        return false;
    returned_carry(plan->rows, plan->n_rows, in->m, old);
    if (returned_report_date_edited(old)) {
        plan->report_as_of_set = old->has_report_date;
        plan->report_as_of = old->report_date;
        plan->report_as_of_text = old->has_report_date
                                      ? NULL
                                      : old->report_date_text;
        any = true;
    }
    for (size_t i = 0; i < plan->n_rows; i++)
        any |= plan->rows[i].kept ||
               (plan->rows[i].carried &&
                returned_row_edited(plan->rows[i].carried, &plan->rows[i]));
    for (size_t i = 0; i < plan->n_rows && !any; i++)
        plan->rows[i].carried = NULL;
    return any;
}

bool office_keep_backup(const char *dir, const char *file, char **backup)
{
    return keep_backup(dir, file, backup);
}

/* The rows of old that follow another (added, second rows of an item). */
static size_t followers(const returned_plan *old)
{
    size_t n = 0;
    for (size_t i = 0; i < old->n_rows; i++)
        n += old->rows[i].follows;
    return n;
}

/* What carrying one office's edited workbook will do, into diags and on
 * stderr; returns the warnings said. */
/* Where an edited workbook is, for what is said of it. */
typedef struct {
    const char *path, *code;
    bool quiet;               /* -q: the warnings are not printed */
} office_keep_where;

/* A Target typed on the edited workbook's Profile other than the run's:
 * not carried (the run's target makes every plan and text, as for the
 * city workbook: output_keep.h), said with the option that keeps it. */
static void say_target(const returned_plan *old, const report *rep,
                       const office_keep_where *at, diag_list *diags)
{
    const char *path = at->path, *code = at->code;
    double typed = score_round2(old->profile_target),
           used = score_round2(rep->current->target);
    if (!old->has_profile_target || typed == used)
        return;
    char *msg = xasprintf("Target was %g in your edited workbook; this run "
                          "used %g; pass -t %g to keep it",
                          typed, used, typed);
    diag_add(diags, DIAG_WARNING, path, 0, code, "plan_target", "%s", msg);
    if (at->quiet)   /* else the warnings are printed (main) */
        fprintf(stderr, "itabench: %s: %s\n", path, msg);
    free(msg);
}

static size_t survey_office(const office_keep_in *in, const report *rep,
                            const measures_library *lib,
                            office_keep_file_name file_name, int index,
                            diag_list *diags)
{
    const office *o = &rep->r->offices[index];
    char *file = file_name(rep, index);
    office_keep k;
    size_t warned = 0;
    if (!office_keep_decide(in, file, o->code, &k)) {
        office_keep_free(&k);
        free(file);
        return 0;
    }
    char *path = xasprintf("%s/%s", in->dir,
                           k.renamed_from ? k.renamed_from : k.file);
    size_t before = diag_count(diags, DIAG_WARNING);
    if (k.keep == KEEP_CARRIED || k.keep == KEEP_RENAMED) {
        returned_plan *old = &k.old.plans[0];
        returned_resolve(old, rep->m, lib);
        if (!in->target_given)
            say_target(old, rep,
                       &(office_keep_where){path, o->code, in->quiet},
                       diags);
    }
    /* a workbook whose bytes differ but whose plan holds nothing typed
     * (one a killed run left without its manifest line) carries nothing
     * worth a word */
    if ((k.keep == KEEP_CARRIED || k.keep == KEEP_RENAMED) &&
        returned_plan_edited(&k.old.plans[0], rep->m, lib,
                             scores_find(rep->current, index))) {
        returned_plan *old = &k.old.plans[0];
        diag_copy(diags, &k.diags, DIAG_WARNING);
        int *gone;
        size_t n_gone = returned_deleted(old, rep->m, &gone);
        for (size_t i = 0; i < n_gone; i++)
            diag_add(diags, DIAG_WARNING, path, 0, o->code, "plan_deleted",
                     "item %s: its row was deleted from the edited plan: it "
                     "stays deleted in the new workbook (type its code in a "
                     "row of the plan to have it back)",
                     rep->m->nodes[gone[i]].id);
        free(gone);
        size_t unclear = returned_not_understood(old);
        char *msg = xasprintf(
            "edits carried into the new workbook: %zu plan rows read, %zu of "
            "them added or second rows of an item; %zu values kept as typed "
            "but not understood (marked with a comment); %zu rows deleted "
            "stay deleted",
            old->n_rows, followers(old), unclear, n_gone);
        diag_add(diags, DIAG_NOTE, path, 0, o->code, "plan_carry", "%s", msg);
        if (!in->quiet || unclear || n_gone)
            fprintf(stderr, "itabench: %s: %s\n", path, msg);
        free(msg);
    } else if (k.keep == KEEP_UNREADABLE) {
        diag_copy(diags, &k.diags, DIAG_WARNING);
        diag_add(diags, DIAG_WARNING, path, 0, o->code, "plan_not_carried",
                 "edited since itabench wrote it and its plan cannot be "
                 "read (above): kept as a dated backup, nothing of it is "
                 "carried");
        fprintf(stderr, "itabench: %s: edited, its plan cannot be read: "
                        "nothing of it is carried (it is kept as a backup)\n",
                path);
    } else if (k.keep == KEEP_FORCED || k.keep == KEEP_FORCED_CARRIED) {
        diag_add(diags, DIAG_WARNING, path, 0, o->code, "plan_not_carried",
                 "--force: edited since itabench wrote it; written over, "
                 "its edits are not carried");
    }
    warned = diag_count(diags, DIAG_WARNING) - before;
    free(path);
    office_keep_free(&k);
    free(file);
    return warned;
}

size_t office_keep_survey(const office_keep_survey_in *survey,
                          diag_list *diags)
{
    const report *rep = survey->rep;
    const char *out_dir = survey->out_dir;
    const int *offices = survey->offices;
    size_t n_offices = survey->n_offices;
    manifest written;
    manifest_load(&written, out_dir);
    size_t len = strlen(out_dir);
    char *dir = xasprintf("%s%s" OFFICE_BOOKS_DIR, out_dir,
                          len && out_dir[len - 1] == '/' ? "" : "/");
    office_keep_in in = {.written = &written, .dir = dir,
                         .rel_dir = OFFICE_BOOKS_DIR,
                         .year = rep->current->year, .force = survey->force,
                         .quiet = survey->quiet,
                         .target_given = survey->target_given};
    size_t warned = 0;
    size_t n = n_offices ? n_offices : rep->current->n;
    for (size_t i = 0; i < n; i++) {
        int index = n_offices ? offices[i] : rep->current->offices[i].office;
        if (n_offices && !scores_find(rep->current, index))
            continue;
        warned += survey_office(&in, rep, survey->lib, survey->file_name,
                                index, diags);
    }
    free(dir);
    manifest_free(&written);
    return warned;
}
