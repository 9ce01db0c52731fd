#include "dataset.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* C.E. years are told from B.E. years by size: B.E. = C.E. + 543. */
enum { BE_OFFSET = 543, FIRST_YEAR_CE = 1900, LAST_YEAR_CE = 2200 };

void dataset_init(dataset *d, const model *m, const registry *r)
{
    *d = (dataset){.m = m, .r = r};
}

static double *nan_array(size_t n)
{
    double *a = xmalloc(n * sizeof *a);
    for (size_t i = 0; i < n; i++)
        a[i] = NAN;
    return a;
}

static void free_year(year_data *yd)
{
    free(yd->items);
    free(yd->item_src);
    free(yd->respondents);
    free(yd->resp_src);
    free(yd->published);
    free(yd->pub_src);
    free(yd->office_src);
    free(yd->counts);
    free(yd->count_src);
}

void dataset_free(dataset *d)
{
    for (size_t y = 0; y < d->n_years; y++)
        free_year(&d->years[y]);
    for (size_t f = 0; f < d->n_files; f++)
        free(d->files[f]);
    free(d->files);
    free(d->years);
    memset(d, 0, sizeof *d);
}

uint32_t dataset_add_file(dataset *d, const char *path)
{
    d->files = xrealloc(d->files, (d->n_files + 1) * sizeof *d->files);
    d->files[d->n_files] = xstrdup(path);
    return (uint32_t)d->n_files++;
}

year_data *dataset_year(dataset *d, int year)
{
    size_t pos = 0;
    while (pos < d->n_years && d->years[pos].year < year)
        pos++;
    if (pos < d->n_years && d->years[pos].year == year)
        return &d->years[pos];
    size_t n_off = d->r->n_offices;
    d->years = xrealloc(d->years, (d->n_years + 1) * sizeof *d->years);
    memmove(&d->years[pos + 1], &d->years[pos],
            (d->n_years - pos) * sizeof *d->years);
    d->n_years++;
    year_data *yd = &d->years[pos];
    *yd = (year_data){
        .year = year,
        .items = nan_array(n_off * d->m->n_items),
        .item_src = xcalloc(n_off * d->m->n_items, sizeof(source_ref)),
        .respondents = nan_array(n_off * d->m->n_tools),
        .resp_src = xcalloc(n_off * d->m->n_tools, sizeof(source_ref)),
        .office_src = xcalloc(n_off, sizeof(source_ref)),
    };
    return yd;
}

size_t dataset_count_width(const model *m)
{
    int width = 0;
    for (size_t s = 0; s < m->n_items; s++) {
        int levels = model_answer_levels(&m->nodes[m->items[s]]);
        width = levels > width ? levels : width;
    }
    return (size_t)width;
}

void dataset_alloc_counts(dataset *d, year_data *yd)
{
    if (yd->counts)
        return;
    yd->count_width = dataset_count_width(d->m);
    size_t n = d->r->n_offices * d->m->n_items * yd->count_width;
    yd->counts = nan_array(n ? n : 1);
    yd->count_src = xcalloc(n ? n : 1, sizeof(source_ref));
}

const year_data *dataset_find_year(const dataset *d, int year)
{
    for (size_t y = 0; y < d->n_years; y++)
        if (d->years[y].year == year)
            return &d->years[y];
    return NULL;
}

/* The first row that gave anything for a year without item scores. */
static source_ref first_source(const dataset *d, const year_data *yd)
{
    source_ref best = {0, 0};
    size_t n_off = d->r->n_offices;
    const source_ref *lists[] = {yd->resp_src, yd->pub_src};
    const size_t widths[] = {d->m->n_tools, 1 + d->m->n_nodes};
    for (size_t l = 0; l < 2; l++) {
        if (!lists[l])
            continue;
        for (size_t i = 0; i < n_off * widths[l]; i++) {
            source_ref s = lists[l][i];
            if (s.line && (!best.line || s.file < best.file ||
                           (s.file == best.file && s.line < best.line)))
                best = s;
        }
    }
    return best;
}

static bool has_item_scores(const dataset *d, const year_data *yd)
{
    for (size_t o = 0; o < d->r->n_offices; o++)
        if (yd->office_src[o].line)
            return true;
    return false;
}

static void drop_unscored_years(dataset *d, diag_list *diags)
{
    size_t kept = 0;
    for (size_t y = 0; y < d->n_years; y++) {
        year_data *yd = &d->years[y];
        if (has_item_scores(d, yd)) {
            d->years[kept++] = *yd;
            continue;
        }
        source_ref s = first_source(d, yd);
        diag_add(diags, DIAG_WARNING, s.line ? d->files[s.file] : NULL,
                 s.line, NULL, "year_without_scores",
                 "the input has respondents or published figures for %d but "
                 "no item scores for that year: they are not used",
                 yd->year);
        free_year(yd);
    }
    d->n_years = kept;
}

void dataset_check_complete(dataset *d, diag_list *diags)
{
    drop_unscored_years(d, diags);
    const model *m = d->m;
    for (size_t y = 0; y < d->n_years; y++) {
        const year_data *yd = &d->years[y];
        for (size_t o = 0; o < d->r->n_offices; o++) {
            if (!yd->office_src[o].line)
                continue;
            const double *items = dataset_office_items(d, yd, o);
            size_t missing = 0;
            char list[256] = "";
            size_t used = 0;
            for (size_t s = 0; s < m->n_items; s++) {
                if (!isnan(items[s]))
                    continue;
                if (missing < 12 && used < sizeof list - 16)
                    used += (size_t)snprintf(list + used, sizeof list - used,
                                             "%s%s", missing ? ", " : "",
                                             m->nodes[m->items[s]].id);
                missing++;
            }
            if (!missing)
                continue;
            const office *of = &d->r->offices[o];
            diag_add(diags, DIAG_ERROR, d->files[yd->office_src[o].file],
                     yd->office_src[o].line, of->code, "missing_items",
                     "office %s (%s) has no score for %zu of %zu items in %d: "
                     "%s%s",
                     of->code, of->name_en, missing, m->n_items, yd->year, list,
                     missing > 12 ? ", ..." : "");
        }
    }
}

int dataset_year_be(long year)
{
    if (year >= FIRST_YEAR_CE && year <= LAST_YEAR_CE)
        return (int)(year + BE_OFFSET);
    if (year >= FIRST_YEAR_CE + BE_OFFSET && year <= LAST_YEAR_CE + BE_OFFSET)
        return (int)year;
    return 0;
}

int dataset_year_ce(int year_be) { return year_be - BE_OFFSET; }
