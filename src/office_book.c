#include "office_book.h"
#include "manifest.h"
#include "names.h"
#include "office_changes.h"
#include "office_keep.h"
#include "office_sheets.h"
#include "outfile.h"
#include "pdf_export.h"
#include "returned.h"
#include "text.h"
#include "workers.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* File-name parts are cut to these lengths (bytes). */
#define CODE_NAME_MAX 32
#define SLUG_NAME_MAX 64

/* The Action plan sheet is written as it is added (office_plan_sheet_add,
 * which the city workbook uses too). */
static lxw_worksheet *add_plan_sheet(office_ctx *o, const char *th,
                                     const char *en)
{
    return office_plan_sheet_add(o->b, o->plan, th, en, o->protect,
                                 &o->plan_cells);
}

static lxw_worksheet *add_sheet(office_ctx *o, const char *th, const char *en)
{
    return xlsx_add_sheet(o->b, th, en);
}

/* The sheets of an office workbook, in order: a new sheet is one more
 * entry (and one in fill_order). */
enum { SHEET_PROFILE, SHEET_ITEMS, SHEET_PLAN, SHEET_PATH, SHEET_PEERS,
       SHEET_ANALYSIS, SHEET_REPORT, N_SHEETS };
static const struct {
    const char *th, *en;
    lxw_worksheet *(*add)(office_ctx *o, const char *th, const char *en);
    void (*write)(office_ctx *o, lxw_worksheet *ws);   /* NULL: add writes */
    pdf_place print;   /* the signed document it belongs to (--pdf) */
} sheets[N_SHEETS] = {
    [SHEET_PROFILE] = {PLANS_SHEET_PROFILE, add_sheet,
                       office_sheet_profile_write, {PDF_NOT_PRINTED, 0}},
    [SHEET_ITEMS] = {"รายข้อ", "Items", add_sheet, office_sheet_items_write,
                     {PDF_NOT_PRINTED, 0}},
    [SHEET_PLAN] = {PLANS_SHEET_PLAN, add_plan_sheet, NULL, {PDF_O42, 2}},
    [SHEET_PATH] = {"เส้นทางสู่เป้าหมาย", "Path to target", add_sheet,
                    office_sheet_path_write, {PDF_NOT_PRINTED, 0}},
    [SHEET_PEERS] = {"เทียบกลุ่มเขต", "Peers", add_sheet,
                     office_sheet_peers_write, {PDF_NOT_PRINTED, 0}},
    /* the documents a district publishes beside the plan (O42 opens with
     * the analysis; O43 reports on the plan): last, so that the sheets
     * before them keep their places */
    [SHEET_ANALYSIS] = {PLANS_SHEET_ANALYSIS, add_sheet,
                        office_sheet_analysis_write, {PDF_O42, 1}},
    [SHEET_REPORT] = {PLANS_SHEET_REPORT, add_sheet,
                      office_sheet_report_write, {PDF_O43, 1}},
};

size_t office_book_document_sheets(report_lang lang, pdf_document document,
                                   const char **names, size_t max)
{
    size_t n = 0;
    /* by page order: a handful of sheets, so a selection each time */
    for (int order = 1; order <= N_SHEETS; order++)
        for (int i = 0; i < N_SHEETS; i++)
            if (sheets[i].print.document == document &&
                document != PDF_NOT_PRINTED &&
                sheets[i].print.page_order == order && n < max)
                names[n++] = lang == LANG_EN ? sheets[i].en : sheets[i].th;
    return n;
}

/* Sheets are filled so that what a sheet refers to is placed first:
 * Profile refers to cells of Items and Path to target, the O43 report to
 * the plan's. */
static const int fill_order[N_SHEETS] = {
    SHEET_PLAN, SHEET_ITEMS, SHEET_PATH, SHEET_PROFILE, SHEET_PEERS,
    SHEET_ANALYSIS, SHEET_REPORT,
};

/* ---- office selection ---------------------------------------------- */

bool office_selection_parse(const registry *r, const char *list,
                            office_selection *sel, FILE *err)
{
    *sel = (office_selection){0};
    if (!list || !*list)
        return true;
    char *copy = xstrdup(list);
    char *save = NULL;
    bool ok = true;
    for (char *tok = strtok_r(copy, ",", &save); tok && ok;
         tok = strtok_r(NULL, ",", &save)) {
        char *name = text_clean(tok);
        if (!*name) {
            free(name);
            continue;
        }
        int found = registry_find(r, name);
        if (found < 0) {
            char *q = text_quote_short(name, 60);
            char *hint = registry_suggest(r, name);
            fprintf(err,
                    "itabench: --office %s: no such office in %s (give a "
                    "code, a Thai or an English name)%s\n",
                    q, r->path, hint);
            free(hint);
            free(q);
            ok = false;
        } else {
            bool seen = false;
            for (size_t i = 0; i < sel->n; i++)
                seen |= sel->offices[i] == found;
            if (!seen) {
                sel->offices = xrealloc(sel->offices,
                                        (sel->n + 1) * sizeof *sel->offices);
                sel->offices[sel->n++] = found;
            }
        }
        free(name);
    }
    free(copy);
    if (ok && sel->n == 0) {
        fprintf(err, "itabench: --office names no office\n");
        ok = false;
    }
    if (!ok)
        office_selection_free(sel);
    return ok;
}

bool office_selection_check(const office_selection *sel, const report *rep,
                            FILE *err)
{
    for (size_t i = 0; i < sel->n; i++)
        if (!scores_find(rep->current, sel->offices[i])) {
            const office *o = &rep->r->offices[sel->offices[i]];
            fprintf(err,
                    "itabench: --office %s (%s): the input has no scores of "
                    "this office for %d\n",
                    o->code, o->name_en, rep->current->year);
            return false;
        }
    return true;
}

void office_selection_free(office_selection *sel)
{
    free(sel->offices);
    *sel = (office_selection){0};
}

char *office_book_file_name(const report *rep, int office_index)
{
    const office *o = &rep->r->offices[office_index];
    char *code = names_file_component(o->code, CODE_NAME_MAX);
    char *slug = names_file_component(o->name_en, SLUG_NAME_MAX);
    char *name = xasprintf("ita_%d_%s_%s.xlsx", rep->current->year, code, slug);
    free(code);
    free(slug);
    return name;
}

/* ---- the workbooks -------------------------------------------------- */

/* Writes the workbook; commits it, or hands over its complete temporary
 * in *pending when pending is not NULL. */
static bool write_book(const report *rep, const office_plan *plan,
                       const returned_plan *old, const char *path,
                       bool protect, outfile *pending)
{
    xlsx_book b;
    char *name = plans_office_name(rep->r, rep->lang, plan->office);
    char *title = xasprintf("ITA %d: %s", rep->current->year, name);
    free(name);
    bool opened = xlsx_book_open(
        &b, path, rep, title,
        xlsx_tr(rep, "ผลการประเมิน แผนปฏิบัติการ และเส้นทางสู่ค่าเป้าหมาย",
                "Results, action plan and path to the target"));
    free(title);
    if (!opened)
        return false;
    office_ctx o = {.b = &b, .plan = plan, .protect = protect};
    lxw_worksheet *ws[N_SHEETS];
    for (int i = 0; i < N_SHEETS; i++) {
        ws[i] = sheets[i].add(&o, sheets[i].th, sheets[i].en);
        if (!ws[i]) {
            xlsx_book_abort(&b);
            errno = EINVAL;
            return false;
        }
    }
    o.x = office_formats_make(&b);
    for (int i = 0; i < N_SHEETS; i++)
        if (sheets[fill_order[i]].write)
            sheets[fill_order[i]].write(&o, ws[fill_order[i]]);
    free(o.refs.items_sheet);
    free(o.refs.path_sheet);
    office_plan_cells_free(&o.plan_cells);
    /* what a rerun did with the edits it carries (office_changes.h) */
    if (old && !office_changes_sheet_add(&b, plan, old)) {
        xlsx_book_abort(&b);
        errno = EINVAL;
        return false;
    }
    worksheet_activate(ws[SHEET_PROFILE]);
    return pending ? xlsx_book_close_pending(&b, pending)
                   : xlsx_book_close(&b);
}

bool office_book_write(const report *rep, const office_plan *plan,
                       const char *path, bool protect)
{
    return write_book(rep, plan, NULL, path, protect, NULL);
}

/* Workbooks committed together (outfile_commit_batch): one syncfs per
 * this many instead of an fsync each. */
#define BOOKS_PER_COMMIT 32
_Static_assert(BOOKS_PER_COMMIT < OUTFILE_MAX_TRACKED,
               "every pending workbook must be removed on a signal");

/* What a task says of its workbook, in memory shared with the worker
 * processes, so that the manifest lists what landed whichever process
 * wrote it. */
#define BOOK_NAME_MAX 256
typedef struct {
    char file[BOOK_NAME_MAX];   /* the name written (no folder); "" none */
    char sha256[65];
    int office;                 /* registry index */
    bool carried;               /* holds edits carried from before */
    bool landed;                /* committed under its name */
} book_result;

/* What every office's task reads (workers.h), and the workbooks of this
 * process waiting to be committed. */
typedef struct {
    const report *rep;
    const plans_input *plan_in;
    const office_selection *sel;
    const char *dir;            /* out_dir/offices */
    bool protect, verbose;
    office_keep_in keep;        /* what is there already (office_keep.h) */
    book_result *results;       /* [n tasks], shared */
    outfile pending[BOOKS_PER_COMMIT];
    char *names[BOOKS_PER_COMMIT];   /* their paths, for the messages */
    size_t tasks[BOOKS_PER_COMMIT];  /* and their tasks */
    size_t n_pending;
} books_job;

/* Commits the workbooks written so far (also the workers' finish). */
static bool commit_books(void *ctx)
{
    books_job *job = ctx;
    size_t failed;
    bool ok = outfile_commit_batch(job->pending, job->n_pending, &failed);
    if (!ok)
        fprintf(stderr, "itabench: cannot write %s: %s\n",
                job->names[failed], outfile_strerror(errno));
    for (size_t i = 0; i < failed && i < job->n_pending; i++) {
        job->results[job->tasks[i]].landed = true;
        if (job->verbose)
            fprintf(stderr, "itabench: wrote %s\n", job->names[i]);
    }
    for (size_t i = 0; i < job->n_pending; i++)
        free(job->names[i]);
    job->n_pending = 0;
    return ok;
}

/* The plan of the office at position, keeping the edits of the workbook
 * it replaces (kept->old, office_keep.h).  Returns whether it keeps any:
 * a plan read back that says nothing but the defaults carries nothing,
 * so that its workbook is the one written afresh. */
static bool plan_keeping(const books_job *job, size_t position,
                         office_keep *kept, office_plan *plan)
{
    const plans_input *in = job->plan_in;
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
    for (size_t i = 0; i < plan->n_rows; i++)
        any |= plan->rows[i].kept ||
               (plan->rows[i].carried &&
                returned_row_edited(plan->rows[i].carried, &plan->rows[i]));
    for (size_t i = 0; i < plan->n_rows && !any; i++)
        plan->rows[i].carried = NULL;
    return any;
}

/* Writes the workbook of a plan to the next pending temporary, records it
 * in res and settles the file it replaces (office_keep_settle).  Returns
 * false after saying why; nothing is pending then. */
static bool write_pending(books_job *job, const office_plan *plan,
                          bool carried, office_keep *kept, const char *path,
                          book_result *res)
{
    outfile *pending = &job->pending[job->n_pending];
    const returned_plan *old = carried ? &kept->old.plans[0] : NULL;
    if (!write_book(job->rep, plan, old, path, job->protect, pending)) {
        fprintf(stderr, "itabench: cannot write %s: %s\n", path,
                outfile_strerror(errno));
        return false;
    }
    /* cut, if ever, at a character boundary (text_utf8_copy) */
    text_utf8_copy(res->file, sizeof res->file, kept->file);
    res->office = plan->office;
    res->carried = carried;
    if (!office_keep_digest(pending->temp_path, res->sha256))
        res->sha256[0] = '\0';
    if (office_keep_settle(&job->keep, kept, res->sha256))
        return true;
    outfile_abort(pending);
    res->file[0] = '\0';
    return false;
}

/* Writes the workbook of the i-th office of the job: its plan computed
 * just before and freed just after, so that memory does not grow with the
 * number of offices. */
static bool write_office_task(void *ctx, size_t i)
{
    books_job *job = ctx;
    const year_scores *ys = job->rep->current;
    size_t position = i;
    if (job->sel && job->sel->n) {
        const office_score *s = scores_find(ys, job->sel->offices[i]);
        if (!s)
            return true;
        position = (size_t)(s - ys->offices);
    }
    int office = ys->offices[position].office;
    char *file = office_book_file_name(job->rep, office);
    office_keep kept;
    bool ok = office_keep_decide(&job->keep, file,
                                 job->rep->r->offices[office].code, &kept);
    free(file);
    if (ok) {
        office_plan plan;
        bool carried = plan_keeping(job, position, &kept, &plan);
        char *path = xasprintf("%s/%s", job->dir, kept.file);
        ok = write_pending(job, &plan, carried, &kept, path,
                           &job->results[i]);
        plans_free_office(&plan);
        if (ok) {
            job->tasks[job->n_pending] = i;
            job->names[job->n_pending++] = path;
        } else {
            free(path);
        }
    }
    office_keep_free(&kept);
    if (!ok) {
        commit_books(job);
        return false;
    }
    return job->n_pending < BOOKS_PER_COMMIT || commit_books(job);
}

static void show_progress(void *ctx, size_t done, size_t n)
{
    (void)ctx;
    fprintf(stderr, "\ritabench: office workbooks %zu/%zu", done, n);
}

struct office_books {
    books_job job;
    char *dir, *out_dir;
    manifest written;     /* the manifest before this run */
    size_t n;             /* tasks */
    bool progress;
    workers *w;
};

/* The results of n tasks, in memory the workers share; NULL when it
 * cannot be had. */
static book_result *shared_results(size_t n)
{
    void *p = mmap(NULL, (n ? n : 1) * sizeof(book_result),
                   PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* The manifest after this run: the one before, with every workbook that
 * landed. */
static bool record_books(office_books *books)
{
    const report *rep = books->job.rep;
    for (size_t i = 0; i < books->n; i++) {
        const book_result *res = &books->job.results[i];
        if (!res->landed || !res->sha256[0])
            continue;
        char *rel = xasprintf(OFFICE_BOOKS_DIR "/%s", res->file);
        manifest_set(&books->written, rel, res->sha256, rep->current->year,
                     rep->r->offices[res->office].code, res->carried);
        free(rel);
    }
    if (manifest_write(&books->written, books->out_dir))
        return true;
    fprintf(stderr, "itabench: cannot write %s/" MANIFEST_NAME ": %s\n",
            books->out_dir, outfile_strerror(errno));
    return false;
}

office_books *office_books_start(const report *rep,
                                 const plans_input *plan_in,
                                 const office_selection *sel,
                                 const char *out_dir, bool protect,
                                 bool force, int verbosity, int jobs)
{
    size_t len = strlen(out_dir);
    char *dir = xasprintf("%s%s" OFFICE_BOOKS_DIR, out_dir,
                          len && out_dir[len - 1] == '/' ? "" : "/");
    if (!outfile_mkdirs(dir)) {
        fprintf(stderr, "itabench: cannot create the folder %s: %s\n", dir,
                outfile_strerror(errno));
        free(dir);
        return NULL;
    }
    outfile_sweep(dir);
    size_t n = sel && sel->n ? sel->n : rep->current->n;
    book_result *results = shared_results(n);
    if (!results) {
        fprintf(stderr, "itabench: cannot share memory with the workers: "
                "%s\n", strerror(errno));
        free(dir);
        return NULL;
    }
    office_books *books = xcalloc(1, sizeof *books);
    books->dir = dir;
    books->out_dir = xstrdup(out_dir);
    books->n = n;
    manifest_load(&books->written, out_dir);
    /* a progress line only where someone watches it */
    books->progress = verbosity == 0 && isatty(STDERR_FILENO);
    books->job = (books_job){
        .rep = rep, .plan_in = plan_in, .sel = sel, .dir = dir,
        .protect = protect, .verbose = verbosity > 0, .results = results,
        .keep = {.written = &books->written, .dir = dir, .rel_dir = OFFICE_BOOKS_DIR,
                 .year = rep->current->year, .force = force,
                 .quiet = verbosity < 0}};
    books->w = workers_start(n, jobs, write_office_task, commit_books,
                             &books->job);
    return books;
}

void office_books_note_outputs(office_books *books, const manifest *outputs)
{
    for (size_t i = 0; i < outputs->n; i++) {
        const manifest_entry *e = &outputs->entries[i];
        manifest_set(&books->written, e->file, e->sha256, e->year, e->office,
                     e->carried);
    }
}

bool office_books_finish(office_books *books, bool stop)
{
    bool ok = workers_wait(books->w, stop,
                           books->progress ? show_progress : NULL, NULL);
    if (books->progress && !stop)
        fputc('\n', stderr);
    /* the temporaries of a worker that died without its handler */
    if (!ok)
        outfile_sweep(books->dir);
    /* what landed, even when something failed */
    ok = record_books(books) && ok;
    munmap(books->job.results, (books->n ? books->n : 1) * sizeof(book_result));
    manifest_free(&books->written);
    free(books->out_dir);
    free(books->dir);
    free(books);
    return ok;
}

bool office_books_write(const report *rep, const plans_input *plan_in,
                        const office_selection *sel, const char *out_dir,
                        bool protect, bool force, int verbosity, int jobs)
{
    office_books *books = office_books_start(rep, plan_in, sel, out_dir,
                                             protect, force, verbosity, jobs);
    return books && office_books_finish(books, false);
}
