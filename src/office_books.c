#include "office_books.h"
#include "manifest.h"
#include "office_book.h"
#include "office_keep.h"
#include "outfile.h"
#include "returned.h"
#include "text.h"
#include "workers.h"
#include "xlsxread.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
    const int *offices;         /* registry indices; n_offices 0: every
                                   office scored this year */
    size_t n_offices;
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

/* Writes the workbook of a plan to the next pending temporary, records it
 * in res and settles the file it replaces (office_keep_settle).  Returns
 * false after saying why; nothing is pending then. */
static bool write_pending(books_job *job, const office_plan *plan,
                          bool carried, office_keep *kept, const char *path,
                          book_result *res)
{
    outfile *pending = &job->pending[job->n_pending];
    const returned_plan *old = carried ? &kept->old.plans[0] : NULL;
    if (!office_book_write(job->rep, plan, old, path, job->protect,
                           pending)) {
        fprintf(stderr, "itabench: cannot write %s: %s\n", path,
                outfile_strerror(errno));
        return false;
    }
    /* cut, if ever, at a character boundary (text_utf8_copy) */
    text_utf8_copy(res->file, sizeof res->file, kept->file);
    res->office = plan->office;
    res->carried = carried;
    if (!xlsxread_sha256(pending->temp_path, res->sha256))
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
    if (job->n_offices) {
        const office_score *s = scores_find(ys, job->offices[i]);
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
        bool carried = office_keep_plan(&kept, job->plan_in, position,
                                        &plan);
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

office_books *office_books_start(const office_books_options *opt)
{
    const report *rep = opt->rep;
    const char *out_dir = opt->out_dir;
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
    size_t n = opt->n_offices ? opt->n_offices : rep->current->n;
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
    books->progress = opt->verbosity == 0 && isatty(STDERR_FILENO);
    books->job = (books_job){
        .rep = rep, .plan_in = opt->plan_in, .offices = opt->offices,
        .n_offices = opt->n_offices, .dir = dir, .protect = opt->protect,
        .verbose = opt->verbosity > 0, .results = results,
        .keep = {.written = &books->written, .dir = dir, .rel_dir = OFFICE_BOOKS_DIR,
                 .year = rep->current->year, .force = opt->force,
                 .quiet = opt->verbosity < 0}};
    books->w = workers_start(&(workers_tasks){.n = n,
                                              .task = write_office_task,
                                              .finish = commit_books,
                                              .ctx = &books->job},
                             opt->jobs);
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
