/*
 * itabench: ingest -> model -> scores -> checks -> writers.  This file only
 * wires the modules together and maps failures to the exit statuses of the
 * interface spec.
 */
#include "city_book.h"
#include "cli.h"
#include "dataset.h"
#include "diag.h"
#include "ingest.h"
#include "measures.h"
#include "model.h"
#include "manifest.h"
#include "office_book.h"
#include "office_books.h"
#include "office_keep.h"
#include "office_selection.h"
#include "outfile.h"
#include "output_keep.h"
#include "pdf_export.h"
#include "output_check.h"
#include "plans.h"
#include "progress.h"
#include "progress_csv.h"
#include "registry.h"
#include "report.h"
#include "results_csv.h"
#include "returned.h"
#include "scores.h"
#include "stats.h"
#include "text.h"
#include "textlayout.h"
#include "respondent_answers.h"
#include "uncertainty.h"
#include "workers.h"

#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_DONE = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_OUTPUT = 3,
       EXIT_PDF = 4 };

/* Warnings and notes printed on stderr, the rest counted (the data-quality
 * file lists them all): beside the errors of a failed run with --verbose,
 * and after a run without --verbose.  Errors are never capped: diag_print
 * prints every one. */
#define MAX_WARNING_LINES_WITH_ERRORS 200
#define MAX_WARNING_LINES 20

/* One output of the run: its file name pattern and its writer. */
typedef struct {
    const char *pattern;                          /* %d = the year */
    bool (*write)(const report *rep, const char *path);
} output_step;

static const output_step csv_outputs[] = {
    {"results_%d.csv", results_csv_write},
    {"data_quality_%d.csv", data_quality_csv_write},
};

static int fail_input(const diag_list *diags, const cli_options *opt)
{
    diag_print(diags, stderr, opt->verbosity > 0 ? DIAG_WARNING : DIAG_ERROR,
               MAX_WARNING_LINES_WITH_ERRORS);
    fprintf(stderr, "itabench: %zu error%s in the input; nothing was written\n",
            diag_count(diags, DIAG_ERROR),
            diag_count(diags, DIAG_ERROR) == 1 ? "" : "s");
    return EXIT_INPUT;
}

static bool any_synthetic(const dataset *d)
{
    for (size_t f = 0; f < d->n_files; f++) {
        char *copy = xstrdup(d->files[f]);
        bool synthetic = strncmp(basename(copy), "synthetic", 9) == 0;
        free(copy);
        if (synthetic)
            return true;
    }
    return false;
}

/* Refuses a run whose outputs would replace one of its own inputs: every
 * file read is protected (outfile refuses to replace it), and the CSV
 * outputs, whose names are known here, are checked before anything is
 * written. */
static bool outputs_overwrite_inputs(const cli_options *opt, const dataset *d,
                                     int year)
{
    const char *references[] = {opt->model_path, opt->districts_path,
                                opt->measures_path};
    for (size_t i = 0; i < sizeof references / sizeof *references; i++)
        if (references[i])
            outfile_protect(references[i]);
    for (size_t f = 0; f < d->n_files; f++)
        outfile_protect(d->file_paths[f]);
    size_t len = strlen(opt->out_dir);
    const char *sep = len && opt->out_dir[len - 1] == '/' ? "" : "/";
    bool clash = false;
    for (size_t i = 0; i < sizeof csv_outputs / sizeof *csv_outputs; i++) {
        char name[64];
        snprintf(name, sizeof name, csv_outputs[i].pattern, year);
        char *path = xasprintf("%s%s%s", opt->out_dir, sep, name);
        const char *input = outfile_protected(path);
        if (input) {
            fprintf(stderr,
                    "itabench: the output %s would overwrite the input file "
                    "%s; nothing was written: choose another output folder "
                    "(-o)\n",
                    path, input);
            clash = true;
        }
        free(path);
    }
    return clash;
}

/* How sure a year's scores are (NULL for no year); rank intervals only for
 * the year reported on. */
static year_uncertainty *year_uncertainty_of(const dataset *d, const year_scores *ys,
                                  const cli_options *opt, bool ranks,
                                  const year_uncertainty *previous)
{
    uncertainty_options options = {.seed = opt->seed, .replicates = opt->replicates,
                        .ranks = ranks,
                        .item_correlation = opt->item_correlation,
                        .previous = previous,
                        .jobs = opt->jobs ? opt->jobs : workers_default_jobs()};
    if (!ys)
        return NULL;
    clock_t start = clock();
    year_uncertainty *yu = uncertainty_compute(d, ys, &options);
    if (opt->verbosity > 0 && ranks)
        fprintf(stderr, "itabench: rank intervals: %zu replicates of %zu "
                "offices (seed %lu) in %.2f s of CPU\n",
                yu->replicates, ys->n, yu->seed,
                (double)(clock() - start) / CLOCKS_PER_SEC);
    return yu;
}

/* The scoring models: --model forces one for every year; otherwise each
 * year gets its shipped model_<year>.csv (model_catalog_pick).  Each year
 * is read and scored with its own model; the latest reads the headers,
 * and every model a year uses must share its tools and indicators
 * (model_check_shared, issue 20). */
typedef struct {
    model_file *files;
    size_t n;
    model **loaded;   /* per file, NULL when it does not load; or [0] =
                         the forced one */
    bool *said;       /* per file: its errors were said */
    diag_list *unsaid;  /* per file: what loading it found, said when a
                           year needs it (models_for_year) */
    bool *shared;     /* per file: shares the tools and indicators */
    const model **frameworks;  /* the loaded ones, for dataset.frameworks */
    size_t n_frameworks;
} year_models;

/* Loads the model data are read with (the latest) and every other one of
 * the catalog, so that headers know their items; a model that does not
 * load is said when a year needs it.  NULL after errors in diags. */
static model *models_open(year_models *ym, const cli_options *opt,
                          diag_list *diags)
{
    *ym = (year_models){0};
    if (opt->model_path) {
        ym->loaded = xcalloc(1, sizeof *ym->loaded);
        return ym->loaded[0] = model_load(opt->model_path, diags);
    }
    char *dir = cli_reference_path(".");
    ym->n = model_catalog(dir, &ym->files);
    ym->loaded = xcalloc(ym->n ? ym->n : 1, sizeof *ym->loaded);
    ym->said = xcalloc(ym->n ? ym->n : 1, sizeof *ym->said);
    ym->unsaid = xcalloc(ym->n ? ym->n : 1, sizeof *ym->unsaid);
    for (size_t i = 0; i < ym->n; i++)
        diag_init(&ym->unsaid[i]);
    ym->shared = xcalloc(ym->n ? ym->n : 1, sizeof *ym->shared);
    ym->frameworks = xcalloc(ym->n ? ym->n : 1, sizeof *ym->frameworks);
    if (ym->n == 0)
        diag_add(diags, DIAG_ERROR, dir, 0, NULL, "model",
                 "no scoring model (model_<year>.csv) in the reference "
                 "folder: give one with --model");
    free(dir);
    if (ym->n == 0)
        return NULL;
    ym->loaded[ym->n - 1] = model_load(ym->files[ym->n - 1].path, diags);
    ym->said[ym->n - 1] = ym->shared[ym->n - 1] = true;
    for (size_t i = 0; i + 1 < ym->n; i++)
        ym->loaded[i] = model_load(ym->files[i].path, &ym->unsaid[i]);
    for (size_t i = 0; i < ym->n; i++)
        if (ym->loaded[i])
            ym->frameworks[ym->n_frameworks++] = ym->loaded[i];
    return ym->loaded[ym->n - 1];
}

/* A note, when a year has no model of its own, saying which it is scored
 * with. */
static void models_note_year(const year_models *ym, int year,
                             diag_list *diags)
{
    bool exact;
    size_t i = ym->n ? model_catalog_pick(ym->files, ym->n, year, &exact) : 0;
    if (ym->n && !exact)
        diag_add(diags, DIAG_NOTE, NULL, 0, NULL, "model",
                 "there is no model for %d: it is scored with the ITA %d "
                 "model (%s)",
                 year, ym->files[i].year,
                 ym->files[i].year < year ? "the latest before it"
                                          : "the earliest there is");
}

/* The model of a year (an error for each tool or indicator it does not
 * share with the model data are read with); NULL after an error. */
static const model *models_for_year(year_models *ym, const model *read_with,
                                    int year, diag_list *diags)
{
    if (ym->n == 0)
        return read_with;
    bool exact;
    size_t i = model_catalog_pick(ym->files, ym->n, year, &exact);
    bool first = !ym->said[i];
    ym->said[i] = true;
    if (!ym->loaded[i] && first)  /* said now, once a year needs it */
        diag_copy(diags, &ym->unsaid[i], DIAG_ERROR);
    const model *m = ym->loaded[i];
    if (m && first)
        ym->shared[i] = model_check_shared(m, read_with, diags);
    return m && ym->shared[i] ? m : NULL;
}

static void models_free(year_models *ym)
{
    for (size_t i = 0; i < (ym->n ? ym->n : 1); i++)
        model_free(ym->loaded[i]);
    for (size_t i = 0; ym->unsaid && i < ym->n; i++)
        diag_free(&ym->unsaid[i]);
    free(ym->unsaid);
    free(ym->loaded);
    free(ym->said);
    free(ym->shared);
    free(ym->frameworks);
    model_catalog_free(ym->files, ym->n);
}

/* What one run holds, from loading to writing. */
typedef struct {
    const cli_options *opt;
    diag_list *diags;
    year_models models;
    model *m;                     /* the model data are read with */
    registry *r;
    measures_library *measures;   /* NULL unless plans are wanted */
    office_selection selection;
    bool want_plans;
    dataset d;
    returned_set returned;        /* action plans sent back in office
                                     workbooks among the inputs */
    int year;                     /* the year reported on */
    year_scores **years;          /* one per year of d */
    const year_scores *current, *previous;
    progress_set *progress;       /* of the plans sent back, or NULL */
} run_state;

/* The run's outputs other than office workbooks (the CSVs, the city
 * workbook): an edited one is kept before it is written over
 * (output_keep.h), and each lands in the manifest at the end. */
#define MAX_KEPT_OUTPUTS 8
_Static_assert(sizeof csv_outputs / sizeof *csv_outputs + 2 <=
                   MAX_KEPT_OUTPUTS,
               "the CSVs, plan progress and the city workbook");
typedef struct {
    manifest before;          /* the output folder's, before the run */
    output_keep_in in;
    output_keep kept[MAX_KEPT_OUTPUTS];
    size_t n;
} run_outputs;

/* An output kept when edited (output_keep.h): its name in the output
 * folder, whether it is the city workbook, and its writer. */
typedef struct {
    const char *name;
    bool city;
    bool (*write)(const report *rep, const char *path, void *ctx);
    void *ctx;
} kept_output;

/* Writes out_dir/out->name with out->write(rep, path, out->ctx), keeping
 * an edited file there first; returns whether it was written (false after
 * saying why). */
static bool write_kept(run_outputs *ro, const report *rep,
                       const cli_options *opt, const kept_output *out)
{
    output_keep *k = &ro->kept[ro->n++];
    if (!output_keep_before(&ro->in, out->name, out->city, k))
        return false;
    bool ok = out->write(rep, k->path, out->ctx);
    if (!ok)
        fprintf(stderr, "itabench: cannot write %s: %s\n", k->path,
                outfile_strerror(errno));
    else if (opt->verbosity > 0)
        fprintf(stderr, "itabench: wrote %s\n", k->path);
    output_keep_after(&ro->in, k, ok);
    return ok;
}

/* A CSV writer (output_step's) as write_kept calls it. */
static bool write_csv_step(const report *rep, const char *path, void *ctx)
{
    const output_step *step = ctx;
    return step->write(rep, path);
}

static bool write_progress_csv(const report *rep, const char *path,
                               void *ctx)
{
    (void)ctx;
    return progress_csv_write(rep->progress, rep->r, path);
}

/* The CSV outputs, after making the output folder. */
static int write_csv_outputs(const report *rep, const cli_options *opt,
                             run_outputs *ro)
{
    outfile_sweep(opt->out_dir);
    for (size_t i = 0; i < sizeof csv_outputs / sizeof *csv_outputs; i++) {
        char name[64];
        snprintf(name, sizeof name, csv_outputs[i].pattern, rep->current->year);
        kept_output out = {name, false, write_csv_step,
                           (void *)&csv_outputs[i]};
        if (!write_kept(ro, rep, opt, &out))
            return EXIT_OUTPUT;
    }
    if (rep->progress) {
        char name[64];
        snprintf(name, sizeof name, "plan_progress_%d.csv",
                 rep->progress->year);
        kept_output out = {name, false, write_progress_csv, NULL};
        if (!write_kept(ro, rep, opt, &out))
            return EXIT_OUTPUT;
    }
    return EXIT_DONE;
}

/* The city workbook as write_kept calls it. */
static bool write_city_book(const report *rep, const char *path, void *ctx)
{
    const cli_options *opt = ctx;
    /* --single-workbook: every office's action plan as a sheet */
    bool protect = opt->protect;
    return city_book_write(
        rep, path, opt->single_workbook ? office_plan_sheets_hook : NULL,
        &protect);
}

static int write_city_output(const report *rep, const cli_options *opt,
                             run_outputs *ro)
{
    if (opt->no_city_book)
        return EXIT_DONE;
    char name[64];
    snprintf(name, sizeof name, "ita_%d_city.xlsx", rep->current->year);
    kept_output out = {name, true, write_city_book, (void *)opt};
    return write_kept(ro, rep, opt, &out) ? EXIT_DONE : EXIT_OUTPUT;
}

/* The manifest with what landed of the CSVs and the city workbook, after
 * the office workbooks have recorded theirs; returns whether it was
 * written. */
static bool record_outputs(run_outputs *ro, const cli_options *opt, int year)
{
    manifest m;
    manifest_load(&m, opt->out_dir);
    bool any = false;
    for (size_t i = 0; i < ro->n; i++) {
        output_keep_record(&ro->kept[i], &m, year);
        any |= ro->kept[i].new_sha256[0] != '\0';
    }
    bool ok = !any || manifest_write(&m, opt->out_dir);
    if (!ok)
        fprintf(stderr, "itabench: cannot write %s/" MANIFEST_NAME ": %s\n",
                opt->out_dir, strerror(errno));
    manifest_free(&m);
    return ok;
}

/* The CSVs, then the office workbooks and the city workbook at once: the
 * office workbooks' worker processes start first (-j, office_books.h), and
 * this process writes the city workbook meanwhile.  Returns the exit
 * status. */
static int write_outputs(const report *rep, const plans_input *plan_in,
                         const run_state *st)
{
    const cli_options *opt = st->opt;
    /* every output checked before the first is written */
    static const int check_exit[] = {
        [OUTPUT_CHECK_OK] = EXIT_DONE, [OUTPUT_CHECK_INPUT] = EXIT_USAGE,
        [OUTPUT_CHECK_REFUSED] = EXIT_OUTPUT};
    int status = check_exit[output_check_all(rep, opt, &st->selection, stderr)];
    run_outputs ro = {.in = {.dir = opt->out_dir, .force = opt->force,
                             .target_given = !isnan(opt->target),
                             .target = rep->current->target}};
    manifest_load(&ro.before, opt->out_dir);
    ro.in.written = &ro.before;
    if (status == EXIT_DONE)
        status = write_csv_outputs(rep, opt, &ro);
    office_books *books = NULL;
    if (status == EXIT_DONE && !opt->no_office_books) {
        books = office_books_start(&(office_books_options){
            .rep = rep, .plan_in = plan_in,
            .offices = st->selection.offices, .n_offices = st->selection.n,
            .out_dir = opt->out_dir, .protect = opt->protect,
            .force = opt->force, .verbosity = opt->verbosity,
            .jobs = opt->jobs});
        if (!books)
            status = EXIT_OUTPUT;
    }
    if (status == EXIT_DONE)
        status = write_city_output(rep, opt, &ro);
    /* what landed, even when something failed, in the manifest: written
     * once, by the office workbooks when there are any (a name is written
     * once in a run, outfile.h) */
    if (books) {
        manifest landed = {0};
        for (size_t i = 0; i < ro.n; i++)
            output_keep_record(&ro.kept[i], &landed, rep->current->year);
        office_books_note_outputs(books, &landed);
        manifest_free(&landed);
        if (!office_books_finish(books, status != EXIT_DONE))
            status = EXIT_OUTPUT;
    } else if (!record_outputs(&ro, opt, rep->current->year)) {
        status = EXIT_OUTPUT;
    }
    for (size_t i = 0; i < ro.n; i++)
        output_keep_free(&ro.kept[i]);
    manifest_free(&ro.before);
    return status;
}

/* The documents to print, each with what becomes of the PDF it replaces
 * (output_keep.h: one signed or otherwise changed since is kept) and its
 * office code in the manifest. */
typedef struct {
    pdf_job *jobs;
    output_keep *kept;
    const char **office;   /* borrowed; OUTPUT_KEEP_CITY_WIDE: the city's */
    size_t n;
} pdf_jobs;

/* Adds the documents of one workbook this run wrote (book: its path,
 * borrowed; office: its office's code, borrowed, or NULL for the
 * city's). */
static void add_documents(pdf_jobs *p, const char *book, const char *office,
                          const report *rep, report_lang lang)
{
    for (int d = PDF_NOT_PRINTED + 1; d < PDF_N_DOCUMENTS; d++) {
        pdf_job job = {.book = book, .document = (pdf_document)d};
        job.n_sheets = office
                           ? office_book_document_sheets(lang, job.document,
                                                         job.sheets,
                                                         PDF_MAX_SHEETS)
                           : city_book_document_sheets(rep, job.document,
                                                       job.sheets,
                                                       PDF_MAX_SHEETS);
        if (!job.n_sheets)
            continue;
        p->jobs = xrealloc(p->jobs, (p->n + 1) * sizeof *p->jobs);
        p->office = xrealloc(p->office, (p->n + 1) * sizeof *p->office);
        p->office[p->n] = office ? office : OUTPUT_KEEP_CITY_WIDE;
        p->jobs[p->n++] = job;
    }
}

/* The workbooks this run wrote whose documents --pdf prints (the city
 * workbook, the chosen offices' workbooks), their documents added to p;
 * returns the workbooks' paths (n_books of them), which p borrows. */
static char **collect_documents(const report *rep, const run_state *st,
                                pdf_jobs *p, size_t *n_books)
{
    const cli_options *opt = st->opt;
    size_t len = strlen(opt->out_dir);
    const char *sep = len && opt->out_dir[len - 1] == '/' ? "" : "/";
    const year_scores *ys = rep->current;
    char **books = xcalloc(ys->n + 1, sizeof *books);
    *n_books = 0;
    if (!opt->no_city_book) {
        books[*n_books] = xasprintf("%s%sita_%d_city.xlsx", opt->out_dir,
                                    sep, ys->year);
        add_documents(p, books[(*n_books)++], NULL, rep, opt->lang);
    }
    for (size_t i = 0; i < ys->n && !opt->no_office_books; i++) {
        int office = ys->offices[i].office;
        bool chosen = st->selection.n == 0;
        for (size_t k = 0; k < st->selection.n; k++)
            chosen |= st->selection.offices[k] == office;
        char *name = chosen ? office_book_file_name(rep, office) : NULL;
        char *path = name ? xasprintf("%s%s" OFFICE_BOOKS_DIR "/%s",
                                      opt->out_dir, sep, name)
                          : NULL;
        free(name);
        if (path && access(path, F_OK) == 0) {
            books[(*n_books)++] = path;
            add_documents(p, path, rep->r->offices[office].code, rep,
                          opt->lang);
        } else {
            free(path);
        }
    }
    return books;
}

/* Before anything is printed: each PDF there that was changed since
 * itabench wrote it is kept as its dated backup (output_keep_before); a
 * document whose changed PDF cannot be kept is not printed (moved out of
 * p, after saying why).  Returns whether every one may be printed. */
static bool keep_changed_pdfs(const output_keep_in *in, pdf_jobs *p)
{
    size_t len = strlen(in->dir);
    /* the jobs' paths are in->dir, a slash, and the name in the folder */
    size_t prefix = len + !(len && in->dir[len - 1] == '/');
    p->kept = xcalloc(p->n ? p->n : 1, sizeof *p->kept);
    size_t kept = 0;
    for (size_t i = 0; i < p->n; i++) {
        char *pdf = pdf_export_file_name(p->jobs[i].book, p->jobs[i].document);
        bool ok = output_keep_before(in, pdf + prefix, false, &p->kept[kept]);
        free(pdf);
        if (!ok) {
            output_keep_free(&p->kept[kept]);
            continue;
        }
        p->jobs[kept] = p->jobs[i];
        p->office[kept++] = p->office[i];
    }
    bool all = kept == p->n;
    p->n = kept;
    return all;
}

/* After printing: says what became of each changed PDF, and lists each
 * PDF that landed in the manifest (written a second time this run: after
 * the workbooks, now after the PDFs).  Returns whether the manifest was
 * written. */
static bool record_pdfs(const output_keep_in *in, pdf_jobs *p, int year)
{
    manifest m;
    manifest_load(&m, in->dir);
    bool any = false;
    for (size_t i = 0; i < p->n; i++) {
        output_keep_after(in, &p->kept[i], p->jobs[i].landed);
        output_keep_record_office(&p->kept[i], &m, year, p->office[i]);
        any |= p->kept[i].new_sha256[0] != '\0';
    }
    bool ok = !any || manifest_write(&m, in->dir);
    if (!ok)
        fprintf(stderr, "itabench: cannot write %s/" MANIFEST_NAME ": %s\n",
                in->dir, outfile_strerror(errno));
    manifest_free(&m);
    return ok;
}

/* --pdf: the signed documents of the workbooks this run wrote (the city
 * summary; each office's O42 and O43) printed to PDF beside them
 * (pdf_export.h), a PDF changed since kept first (output_keep.h), each
 * one printed listed in the manifest; returns the exit status. */
static int print_pdfs(const report *rep, const run_state *st)
{
    const cli_options *opt = st->opt;
    pdf_jobs p = {0};
    size_t n_books;
    char **books = collect_documents(rep, st, &p, &n_books);
    manifest before;
    manifest_load(&before, opt->out_dir);
    output_keep_in in = {.written = &before, .dir = opt->out_dir,
                         .force = opt->force,
                         .target_given = !isnan(opt->target),
                         .target = rep->current->target};
    bool all_kept = keep_changed_pdfs(&in, &p);
    pdf_export_status ps =
        p.n ? pdf_export_documents(opt->out_dir, p.jobs, p.n, stderr)
            : PDF_EXPORT_DONE;
    if (ps == PDF_EXPORT_DONE && p.n && opt->verbosity >= 0)
        fprintf(stderr, "itabench: --pdf: %zu PDF files (the signed "
                        "documents) beside their workbooks\n", p.n);
    bool recorded = record_pdfs(&in, &p, rep->current->year);
    for (size_t i = 0; i < p.n; i++) {
        pdf_job_free(&p.jobs[i]);
        output_keep_free(&p.kept[i]);
    }
    for (size_t i = 0; i < n_books; i++)
        free(books[i]);
    free(books);
    free(p.jobs);
    free(p.kept);
    free(p.office);
    manifest_free(&before);
    if (!all_kept || !recorded)
        return EXIT_OUTPUT;
    return ps == PDF_EXPORT_DONE ? EXIT_DONE : EXIT_PDF;
}

/* --as-of, or today (local time). */
static plan_date as_of_date(const cli_options *opt)
{
    if (opt->as_of_year)
        return (plan_date){opt->as_of_year, opt->as_of_month, opt->as_of_day};
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return (plan_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/* Reads every input into st->d and picks the year reported on (an error
 * in diags when the input has none or not the one asked for). */
/* dataset.claim_workbook: an office workbook among the inputs is an
 * action plan sent back, read into the returned_set ctx. */
static bool claim_returned_plan(void *ctx, struct xlsxread_book *book,
                                const char *shown, diag_list *diags)
{
    if (!returned_is_office_book(book))
        return false;
    if (returned_read(ctx, book, shown, diags))
        diag_add(diags, DIAG_NOTE, shown, 0, NULL, "returned_plan",
                 "read as a returned action plan");
    return true;
}

/* dataset.year_model: the year's framework (models_for_year). */
static const model *year_model(void *ctx, int year)
{
    run_state *st = ctx;
    return models_for_year(&st->models, st->m, year, st->diags);
}

static void read_inputs(run_state *st)
{
    const cli_options *opt = st->opt;
    dataset *d = &st->d;
    dataset_init(d, st->m, st->r);
    d->year_model = year_model;
    d->year_model_ctx = st;
    d->frameworks = st->models.frameworks;
    d->n_frameworks = st->models.n_frameworks;
    d->encoding = opt->encoding;
    d->skip_incomplete = opt->skip_incomplete;
    d->claim_workbook = claim_returned_plan;
    d->claim_ctx = &st->returned;
    for (size_t i = 0; i < opt->n_inputs; i++)
        ingest_path(d, opt->inputs[i], st->diags);
    respondent_answers_settle(d, st->diags);
    dataset_check_complete(d, st->diags);
    scores_check_unscored(d, st->diags);
    st->year = opt->year ? opt->year
               : d->n_years ? d->years[d->n_years - 1].year
                            : 0;
    if (dataset_find_year(d, st->year))
        return;
    if (d->n_years == 0)
        diag_add(st->diags, DIAG_ERROR, NULL, 0, NULL, "year",
                 "the input holds no item scores or published figures");
    else
        diag_add(st->diags, DIAG_ERROR, NULL, 0, NULL, "year",
                 "the input has no data for fiscal year %d (it has %d to %d)",
                 st->year, d->years[0].year, d->years[d->n_years - 1].year);
}

/* Scores every year of the input with its model at the target, checks
 * the published figures, finds the current and the previous year and
 * notes when they do not score the same offices. */
static void score_years(run_state *st)
{
    const dataset *d = &st->d;
    st->years = xcalloc(d->n_years ? d->n_years : 1, sizeof *st->years);
    for (size_t y = 0; y < d->n_years; y++) {
        /* the year's framework, picked when ingest first met the year */
        const model *m = d->years[y].m;
        models_note_year(&st->models, d->years[y].year, st->diags);
        double target = isnan(st->opt->target) ? m->target : st->opt->target;
        st->years[y] = scores_compute(d, d->years[y].year, target);
        scores_check_published(st->years[y], d, st->diags);
        if (y > 0)
            model_note_unshared_items(m, d->years[y].year, d->years[y - 1].m,
                                      d->years[y - 1].year, st->diags);
        if (d->years[y].year == st->year) {
            st->current = st->years[y];
            st->previous = y > 0 && d->years[y - 1].year == st->year - 1
                               ? st->years[y - 1]
                               : NULL;
        }
    }
    /* without --skip-incomplete the missing items are errors already */
    if (st->current && st->current->n == 0 && st->opt->skip_incomplete)
        diag_add(st->diags, DIAG_ERROR, NULL, 0, NULL, "year",
                 "no office of %d has every item: nothing can be scored",
                 st->year);
    else if (st->current && st->previous)
        scores_check_pairing(st->current, st->previous, st->diags);
    scores_note_published(st->current, st->diags);
}

/* The returned plans' counts over every office, on stderr. */
static void say_progress(const progress_set *ps)
{
    if (!ps)
        return;
    size_t sum[7] = {0};
    for (size_t i = 0; i < ps->n; i++) {
        const progress_office *po = &ps->offices[i];
        const size_t counts[7] = {po->rows, po->done, po->in_progress,
                                  po->not_started, po->overdue, po->no_owner,
                                  po->measures_changed};
        for (int k = 0; k < 7; k++)
            sum[k] += counts[k];
    }
    fprintf(stderr,
            "itabench: action plans of %zu offices came back (%d results, "
            "as of %04d-%02d-%02d): %zu rows, %zu done, %zu in progress, %zu "
            "not started, %zu overdue, %zu without an owner, %zu measures "
            "changed from the default\n",
            ps->n, ps->year, ps->as_of.year, ps->as_of.month, ps->as_of.day,
            sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6]);
}

/* Every year's uncertainty, in year order, for the year-by-year changes
 * (each year's changes tested against the year before it: q-values,
 * uncertainty.h); rank intervals for the reported year only.  *now and
 * *before receive the reported and the previous year's.  Free each and
 * the array. */
static year_uncertainty **every_year_sure(const run_state *st,
                                          year_uncertainty **now,
                                          year_uncertainty **before)
{
    year_uncertainty **every_year =
        xcalloc(st->d.n_years ? st->d.n_years : 1, sizeof *every_year);
    for (size_t y = 0; y < st->d.n_years; y++) {
        every_year[y] = year_uncertainty_of(&st->d, st->years[y], st->opt,
                                 st->years[y] == st->current,
                                 y ? every_year[y - 1] : NULL);
        if (st->years[y] == st->current)
            *now = every_year[y];
        if (st->years[y] == st->previous)
            *before = every_year[y];
    }
    return every_year;
}

/* The run's closing lines on stderr: what was scored, every warning
 * counted, where the outputs are; then the offices scored from published
 * figures and the plans that came back. */
static void say_done(const run_state *st)
{
    fprintf(stderr,
            "itabench: %d: %zu offices scored, %zu warnings; outputs in %s\n",
            st->year, st->current->n, diag_count(st->diags, DIAG_WARNING),
            st->opt->out_dir);
    if (st->current->n_published)
        fprintf(stderr,
                "itabench: %d: %zu offices from published figures only: "
                "item gaps, questions, item plan rows and standard errors "
                "left blank for them\n",
                st->year, st->current->n_published);
    say_progress(st->progress);
}

/* Statistics, plans and every output of a run without input errors;
 * returns the exit status. */
static int write_run(run_state *st)
{
    const cli_options *opt = st->opt;
    /* statistics feed the workbooks and plans only */
    city_stats *stats = !opt->no_city_book || st->want_plans
                            ? stats_compute(st->current)
                            : NULL;
    year_uncertainty *now = NULL, *before = NULL;
    year_uncertainty **every_year = every_year_sure(st, &now, &before);
    /* the writers describe the reported year's framework */
    report rep = {.m = st->current->m, .r = st->r, .d = &st->d,
                  .years = st->years,
                  .n_years = st->d.n_years, .current = st->current,
                  .previous = st->previous, .stats = stats,
                  .uncertainty = now, .previous_uncertainty = before,
                  .year_uncertainty =
                      (const year_uncertainty *const *)every_year,
                  .diags = st->diags, .lang = opt->lang, .font = opt->font,
                  .thai_digits = opt->thai_digits,
                  .version = ITABENCH_VERSION,
                  .synthetic = any_synthetic(&st->d),
                  .measures = st->measures, .progress = st->progress};
    plans_input plan_in = {.m = st->current->m, .r = st->r, .current = st->current,
                           .stats = stats, .measures = st->measures,
                           .lang = opt->lang};
    plan_set *plans = NULL;
    bool selection_ok = !st->want_plans ||
                        office_selection_check(&st->selection, &rep, stderr);
    /* every plan at once only for --single-workbook; the office workbooks
     * compute theirs one at a time (office_books_start) */
    if (selection_ok && opt->single_workbook)
        rep.plans = plans = plans_compute(&plan_in, NULL, 0);
    /* what a rerun carries from edited office workbooks, said and listed
     * (data_quality_<year>.csv) before anything is written */
    if (selection_ok && st->want_plans && !opt->no_office_books)
        office_keep_survey(
            &(office_keep_survey_in){
                .rep = &rep, .lib = st->measures,
                .file_name = office_book_file_name,
                .offices = st->selection.offices,
                .n_offices = st->selection.n, .out_dir = opt->out_dir,
                .force = opt->force, .quiet = opt->verbosity < 0,
                .target_given = !isnan(opt->target)},
            st->diags);
    if (opt->verbosity >= 0)
        diag_print(st->diags, stderr, DIAG_WARNING,
                   opt->verbosity > 0 ? (size_t)-1 : MAX_WARNING_LINES);
    /* what reading the input freed goes back to the system before the
     * workers are forked (they would each map it) and the city workbook
     * is written */
    malloc_trim(0);
    int status = selection_ok ? write_outputs(&rep, &plan_in, st)
                              : EXIT_USAGE;
    if (status == EXIT_DONE && opt->verbosity >= 0)
        say_done(st);
    if (status == EXIT_DONE && opt->pdf)
        status = print_pdfs(&rep, st);
    plans_free(plans);
    for (size_t y = 0; y < st->d.n_years; y++)
        uncertainty_free(every_year[y]);
    free(every_year);
    stats_free(stats);
    return status;
}

/* The measures library when only the returned plans need it, to count
 * the measures changed: one that does not load is no error of the run
 * (a note says the count is left out). */
static measures_library *measures_for_counting(const cli_options *opt,
                                               const model *m,
                                               diag_list *diags)
{
    diag_list scratch;
    diag_init(&scratch);
    measures_library *lib = measures_load(opt->measures_path, m, &scratch);
    if (!lib)
        diag_add(diags, DIAG_NOTE, NULL, 0, NULL, "returned_plan",
                 "the measures library does not fit the model: the "
                 "returned plans' measures changed from the default are not "
                 "counted");
    diag_free(&scratch);
    return lib;
}

/* The measures library, checked against the reported year's framework
 * (the items its plans are drawn from), when plans are wanted or the
 * returned plans count their measures changed from the library's. */
static void load_measures(run_state *st)
{
    const model *m = st->current ? st->current->m : st->m;
    if (st->want_plans)
        st->measures = measures_load(st->opt->measures_path, m, st->diags);
    if (!st->measures && st->returned.n)
        st->measures = measures_for_counting(st->opt, m, st->diags);
}

static int run(const cli_options *opt, diag_list *diags)
{
    run_state st = {.opt = opt, .diags = diags};
    st.m = models_open(&st.models, opt, diags);
    st.r = registry_load(opt->districts_path, diags);
    if (!st.m || !st.r) {
        int status = fail_input(diags, opt);
        models_free(&st.models);
        registry_free(st.r);
        return status;
    }
    if (!office_selection_parse(st.r, opt->offices, &st.selection, stderr)) {
        models_free(&st.models);
        registry_free(st.r);
        return EXIT_USAGE;
    }
    /* Action plans feed the office workbooks and --single-workbook. */
    st.want_plans = !opt->no_office_books || opt->single_workbook;
    read_inputs(&st);
    score_years(&st);
    load_measures(&st);
    uncertainty_check_counts(&st.d, diags);
    if (st.current)
        st.progress = progress_compute(&st.returned, st.current,
                                       st.measures, as_of_date(opt), diags);
    if (opt->strict)
        diag_promote_warnings(diags);

    int status;
    if (outputs_overwrite_inputs(opt, &st.d, st.year))
        status = EXIT_USAGE;
    else if (diag_count(diags, DIAG_ERROR) > 0)
        status = fail_input(diags, opt);
    else
        status = write_run(&st);
    progress_free(st.progress);
    for (size_t y = 0; y < st.d.n_years; y++)
        scores_free(st.years[y]);
    free(st.years);
    dataset_free(&st.d);
    returned_free(&st.returned);
    measures_free(st.measures);
    office_selection_free(&st.selection);
    models_free(&st.models);
    registry_free(st.r);
    return status;
}

/* --check-model FILE: what the model says on stdout, or every error in
 * it on stderr; exit 0 when it is valid, 1 when not. */
static int check_model(const char *path)
{
    diag_list diags;
    diag_init(&diags);
    model *m = model_load(path, &diags);
    diag_print(&diags, stderr, DIAG_WARNING, (size_t)-1);
    if (m)
        model_describe(m, stdout);
    else
        fprintf(stderr, "itabench: %zu error%s in the model %s\n",
                diag_count(&diags, DIAG_ERROR),
                diag_count(&diags, DIAG_ERROR) == 1 ? "" : "s", path);
    int status = m ? EXIT_DONE : EXIT_INPUT;
    model_free(m);
    diag_free(&diags);
    return status;
}

int main(int argc, char **argv)
{
    cli_options opt;
    cli_status cs = cli_parse(argc, argv, &opt);
    if (cs != CLI_RUN) {
        cli_free(&opt);
        return cs == CLI_EXIT_OK ? EXIT_DONE : EXIT_USAGE;
    }
    if (opt.check_model) {
        int status = check_model(opt.check_model);
        cli_free(&opt);
        return status;
    }
    outfile_install_signal_handlers();
    diag_list diags;
    diag_init(&diags);
    int status = run(&opt, &diags);
    diag_free(&diags);
    textlayout_cache_free();
    cli_free(&opt);
    return status;
}
