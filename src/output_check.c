#include "output_check.h"
#include "city_book.h"
#include "manifest.h"
#include "office_book.h"
#include "office_keep.h"
#include "outfile.h"
#include "text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The output files of the run, relative to the output folder. */
typedef struct {
    char **rel;
    int *office;   /* registry index, or -1 for the city's outputs */
    size_t n;
} output_list;

static void add(output_list *l, char *rel, int office)
{
    l->rel = xrealloc(l->rel, (l->n + 1) * sizeof *l->rel);
    l->office = xrealloc(l->office, (l->n + 1) * sizeof *l->office);
    l->rel[l->n] = rel;
    l->office[l->n++] = office;
}

/* The PDFs --pdf prints of the workbook book (pdf_export.h), each a
 * document whose sheets the workbook's writer names. */
static void add_pdfs(output_list *l, const char *book, int office,
                     const report *rep, report_lang lang)
{
    char *copy = xstrdup(book);   /* l->rel moves as it grows */
    for (int d = PDF_NOT_PRINTED + 1; d < PDF_N_DOCUMENTS; d++) {
        const char *names[PDF_MAX_SHEETS];
        size_t n = office >= 0
                       ? office_book_document_sheets(lang, (pdf_document)d,
                                                     names, PDF_MAX_SHEETS)
                       : city_book_document_sheets(rep, (pdf_document)d,
                                                   names, PDF_MAX_SHEETS);
        if (n)
            add(l, pdf_export_file_name(copy, (pdf_document)d), office);
    }
    free(copy);
}

static void list_outputs(output_list *l, const report *rep,
                         const cli_options *opt, const office_selection *sel)
{
    int year = rep->current->year;
    add(l, xasprintf("results_%d.csv", year), -1);
    add(l, xasprintf("data_quality_%d.csv", year), -1);
    if (rep->progress)
        add(l, xasprintf("plan_progress_%d.csv", year), -1);
    if (!opt->no_city_book) {
        add(l, xasprintf("ita_%d_city.xlsx", year), -1);
        if (opt->pdf)
            add_pdfs(l, l->rel[l->n - 1], -1, rep, opt->lang);
    }
    if (opt->no_office_books)
        return;
    add(l, xstrdup(MANIFEST_NAME), -1);
    size_t n = sel && sel->n ? sel->n : rep->current->n;
    for (size_t i = 0; i < n; i++) {
        int office = sel && sel->n ? sel->offices[i]
                                   : rep->current->offices[i].office;
        char *file = office_book_file_name(rep, office);
        add(l, xasprintf(OFFICE_BOOKS_DIR "/%s", file), office);
        free(file);
        if (opt->pdf)
            add_pdfs(l, l->rel[l->n - 1], office, rep, opt->lang);
    }
}

static char *joined(const char *dir, const char *rel)
{
    size_t len = strlen(dir);
    return xasprintf("%s%s%s", dir, len && dir[len - 1] == '/' ? "" : "/",
                     rel);
}

/* Two offices whose workbooks would have one name: said for each pair. */
static bool names_clash(const output_list *l, const report *rep,
                        const char *out_dir, FILE *err)
{
    bool clash = false;
    for (size_t i = 0; i < l->n; i++)
        for (size_t j = i + 1; j < l->n && l->office[i] >= 0; j++) {
            if (l->office[j] < 0 || strcasecmp(l->rel[i], l->rel[j]) != 0)
                continue;
            const office *a = &rep->r->offices[l->office[i]];
            const office *b = &rep->r->offices[l->office[j]];
            char *path = joined(out_dir, l->rel[i]);
            fprintf(err,
                    "itabench: offices %s (%s) and %s (%s) would both be "
                    "written to %s, one over the other; nothing was written: "
                    "give them codes that differ in letters or digits in the "
                    "list of districts\n",
                    a->code, a->name_en, b->code, b->name_en, path);
            free(path);
            clash = true;
        }
    return clash;
}

output_check_status output_check_all(const report *rep, const cli_options *opt,
                                     const office_selection *sel, FILE *err)
{
    output_list l = {0};
    list_outputs(&l, rep, opt, sel);
    output_check_status status = OUTPUT_CHECK_OK;
    for (size_t i = 0; i < l.n; i++) {
        char *path = joined(opt->out_dir, l.rel[i]);
        const char *input = outfile_protected(path);
        if (input) {
            fprintf(err,
                    "itabench: the output %s would overwrite the input file "
                    "%s; nothing was written: choose another output folder "
                    "(-o)\n",
                    path, input);
            status = OUTPUT_CHECK_INPUT;
        }
        free(path);
    }
    if (status == OUTPUT_CHECK_OK && names_clash(&l, rep, opt->out_dir, err))
        status = OUTPUT_CHECK_REFUSED;
    if (status == OUTPUT_CHECK_OK && !outfile_root(opt->out_dir)) {
        fprintf(err, "itabench: cannot create the output folder %s: %s\n",
                opt->out_dir, outfile_strerror(errno));
        status = OUTPUT_CHECK_REFUSED;
    }
    for (size_t i = 0; i < l.n && status == OUTPUT_CHECK_OK; i++) {
        char *path = joined(opt->out_dir, l.rel[i]);
        if (!outfile_check(path)) {
            fprintf(err, "itabench: cannot write %s: %s; nothing was "
                         "written\n",
                    path, outfile_strerror(errno));
            status = OUTPUT_CHECK_REFUSED;
        }
        free(path);
    }
    for (size_t i = 0; i < l.n; i++)
        free(l.rel[i]);
    free(l.rel);
    free(l.office);
    return status;
}
