#include "dataset.h"
#include "respondent_answers.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
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
    free(yd->population);
    free(yd->tool_sd);
    free(yd->published);
    free(yd->pub_src);
    free(yd->office_src);
    free(yd->counts);
    free(yd->count_src);
}

/* An open-addressing set of (device, inode) pairs. */
struct dataset_seen {
    unsigned long long (*keys)[2];
    size_t n, cap;  /* cap a power of two; a key {0, 0} marks a free slot */
};

static size_t seen_slot(const struct dataset_seen *s, unsigned long long dev,
                        unsigned long long ino)
{
    size_t h = (size_t)((dev * 0x9E3779B97F4A7C15ull) ^ (ino * 0xC2B2AE3D27D4EB4Full));
    size_t i = h & (s->cap - 1);
    while ((s->keys[i][0] || s->keys[i][1]) &&
           (s->keys[i][0] != dev || s->keys[i][1] != ino))
        i = (i + 1) & (s->cap - 1);
    return i;
}

static void seen_grow(struct dataset_seen *s)
{
    struct dataset_seen bigger = {
        xcalloc(s->cap ? s->cap * 2 : 64, sizeof *s->keys), s->n,
        s->cap ? s->cap * 2 : 64};
    for (size_t i = 0; i < s->cap; i++)
        if (s->keys[i][0] || s->keys[i][1]) {
            size_t j = seen_slot(&bigger, s->keys[i][0], s->keys[i][1]);
            bigger.keys[j][0] = s->keys[i][0];
            bigger.keys[j][1] = s->keys[i][1];
        }
    free(s->keys);
    *s = bigger;
}

bool dataset_first_visit(dataset *d, unsigned long long dev,
                         unsigned long long ino)
{
    if (!d->seen)
        d->seen = xcalloc(1, sizeof *d->seen);
    struct dataset_seen *s = d->seen;
    if (2 * (s->n + 1) > s->cap)
        seen_grow(s);
    /* {0, 0} is the free mark: shift inode 0 (no real file has it) */
    size_t i = seen_slot(s, dev, ino ? ino : ~0ull);
    if (s->keys[i][0] || s->keys[i][1])
        return false;
    s->keys[i][0] = dev;
    s->keys[i][1] = ino ? ino : ~0ull;
    s->n++;
    return true;
}

void dataset_free(dataset *d)
{
    respondent_answers_free(d->answers);
    for (size_t y = 0; y < d->n_years; y++)
        free_year(&d->years[y]);
    for (size_t f = 0; f < d->n_files; f++) {
        free(d->files[f]);
        free(d->file_paths[f]);
    }
    free(d->files);
    free(d->file_paths);
    free(d->file_sha256);
    if (d->seen)
        free(d->seen->keys);
    free(d->seen);
    free(d->years);
    memset(d, 0, sizeof *d);
}

uint32_t dataset_add_file(dataset *d, const char *path)
{
    size_t n = d->n_files + 1;
    d->files = xrealloc(d->files, n * sizeof *d->files);
    d->file_paths = xrealloc(d->file_paths, n * sizeof *d->file_paths);
    d->file_sha256 = xrealloc(d->file_sha256, n * sizeof *d->file_sha256);
    d->files[n - 1] = xstrdup(path);
    d->file_paths[n - 1] = xstrdup(path);
    d->file_sha256[n - 1][0] = '\0';
    return (uint32_t)d->n_files++;
}

void dataset_forget_last_file(dataset *d)
{
    if (!d->n_files)
        return;
    d->n_files--;
    free(d->files[d->n_files]);
    free(d->file_paths[d->n_files]);
}

void dataset_set_file_shown(dataset *d, uint32_t file, const char *shown)
{
    free(d->files[file]);
    d->files[file] = xstrdup(shown);
}

void dataset_set_file_digest(dataset *d, uint32_t file, const char *hex)
{
    snprintf(d->file_sha256[file], sizeof d->file_sha256[file], "%s", hex);
}

bool dataset_file_digest(const dataset *d, size_t file, char out[65])
{
    if (file >= d->n_files || !d->file_sha256[file][0])
        return false;
    memcpy(out, d->file_sha256[file], 65);
    return true;
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
    const model *m = d->year_model ? d->year_model(d->year_model_ctx, year)
                                   : d->m;
    m = m ? m : d->m;
    year_data *yd = &d->years[pos];
    *yd = (year_data){
        .year = year,
        .m = m,
        .items = nan_array(n_off * m->n_items),
        .item_src = xcalloc(n_off * m->n_items, sizeof(source_ref)),
        .respondents = nan_array(n_off * m->n_groups),
        .resp_src = xcalloc(n_off * m->n_groups, sizeof(source_ref)),
        .population = nan_array(n_off * m->n_groups),
        .tool_sd = nan_array(n_off * m->n_groups),
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
    yd->count_width = dataset_count_width(yd->m);
    size_t n = d->r->n_offices * yd->m->n_items * yd->count_width;
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
    const size_t widths[] = {yd->m->n_groups, 1 + yd->m->n_nodes};
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

/* True when office o's published figures in year yd give an ITA
 * (model_published_gives_ita: the levels scores.h scores at). */
static bool has_published(const year_data *yd, size_t o)
{
    return yd->published &&
           model_published_gives_ita(
               yd->m, &yd->published[o * (1 + yd->m->n_nodes)]);
}

/* A year is scored when some office has item scores or published figures
 * (an office without items is scored from its figures, scores.h). */
static bool has_item_scores(const dataset *d, const year_data *yd)
{
    for (size_t o = 0; o < d->r->n_offices; o++)
        if (yd->office_src[o].line || has_published(yd, o))
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
                 "no item scores for that year, and no office's figures give "
                 "an ITA (the ITA, every tool or every indicator): they are "
                 "not used",
                 yd->year);
        free_year(yd);
    }
    d->n_years = kept;
}

/* An error naming the items office o lacks in year yd, if any. */
static void check_office_items(const dataset *d, const year_data *yd,
                               size_t o, diag_list *diags)
{
    const model *m = yd->m;
    const double *items = dataset_office_items(d, yd, o);
    const source_ref *src = &yd->item_src[dataset_item_index(yd, o, 0)];
    size_t missing = 0;
    /* item ids are the model's text: joined whole, never cut */
    char *list = NULL;
    for (size_t s = 0; s < m->n_items; s++) {
        /* a bad value (NAN with a line) was reported already */
        if (!isnan(items[s]) || src[s].line)
            continue;
        if (missing < 12)
            list = text_append(list, "%s%s", missing ? ", " : "",
                               m->nodes[m->items[s]].id);
        missing++;
    }
    if (!missing)
        return;
    const office *of = &d->r->offices[o];
    diag_add(diags, d->skip_incomplete ? DIAG_WARNING : DIAG_ERROR,
             d->files[yd->office_src[o].file], yd->office_src[o].line,
             of->code, "missing_items",
             "office %s (%s) has no score for %zu of %zu items in %d: %s%s%s",
             of->code, of->name_en, missing, m->n_items, yd->year, list,
             missing > 12 ? ", ..." : "",
             d->skip_incomplete
                 ? "; not scored: left out of scores, ranks and statistics "
                   "(--skip-incomplete)"
                 : " (--skip-incomplete leaves such offices out of the scores "
                   "instead)");
    free(list);
}

/* True when office o has data in year yd but some item has no score. */
static bool lacks_items(const dataset *d, const year_data *yd, size_t o)
{
    const double *items = dataset_office_items(d, yd, o);
    for (size_t s = 0; s < yd->m->n_items; s++)
        if (isnan(items[s]))
            return true;
    return false;
}

/* A warning naming the offices of the registry without any item score in
 * year yd: the city's figures then stand for the others only. */
static void check_coverage(const dataset *d, const year_data *yd,
                           diag_list *diags)
{
    size_t n_off = d->r->n_offices, absent = 0, left_out = 0;
    /* office names are the registry's text: joined whole, never cut */
    char *list = NULL;
    for (size_t o = 0; o < n_off; o++) {
        bool out = yd->office_src[o].line && d->skip_incomplete &&
                   lacks_items(d, yd, o);
        if ((yd->office_src[o].line || has_published(yd, o)) && !out)
            continue;
        const office *of = &d->r->offices[o];
        if (absent + left_out < 10)
            list = text_append(list, "%s%s (%s%s)",
                               absent + left_out ? ", " : "", of->code,
                               of->name_en, out ? ", items missing" : "");
        absent += !out;
        left_out += out;
    }
    size_t n = absent + left_out;
    if (n && !left_out)
        diag_add(diags, DIAG_WARNING, NULL, 0, NULL, "coverage",
                 "%zu of the %zu offices of the registry have no item scores "
                 "in %d: %s%s; the city figures of %d cover the other %zu "
                 "offices only",
                 n, n_off, yd->year, list, n > 10 ? ", ..." : "", yd->year,
                 n_off - n);
    else if (n)
        diag_add(diags, DIAG_WARNING, NULL, 0, NULL, "coverage",
                 "%zu of the %zu offices of the registry are not scored in "
                 "%d (no item scores, or items missing with "
                 "--skip-incomplete): %s%s; the city figures of %d cover the "
                 "other %zu offices only",
                 n, n_off, yd->year, list, n > 10 ? ", ..." : "", yd->year,
                 n_off - n);
    free(list);
}

void dataset_check_complete(dataset *d, diag_list *diags)
{
    drop_unscored_years(d, diags);
    for (size_t y = 0; y < d->n_years; y++) {
        const year_data *yd = &d->years[y];
        for (size_t o = 0; o < d->r->n_offices; o++)
            if (yd->office_src[o].line)
                check_office_items(d, yd, o, diags);
        check_coverage(d, yd, diags);
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
