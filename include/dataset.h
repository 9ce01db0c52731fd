/*
 * dataset: what the input says, per fiscal year and office, before any
 * scoring: item scores, respondent counts and published figures, each with
 * the file and line it came from.  Filled by ingest, read by scores.
 *
 * Storage is dense (offices x items per year) so that 8,300 offices stay a
 * few megabytes and every lookup is O(1).  Missing values are NAN.
 */
#ifndef ITABENCH_DATASET_H
#define ITABENCH_DATASET_H

#include "diag.h"
#include "model.h"
#include "registry.h"

#include <stdbool.h>
#include <stdint.h>

/* An open workbook (xlsxread.h). */
struct xlsxread_book;

typedef struct {
    uint32_t file;   /* index into dataset.files; meaningful when line > 0 */
    uint32_t line;
} source_ref;

typedef struct {
    int year;                 /* B.E. */
    const model *m;           /* the year's framework (borrowed): items,
                                 tools, measures and slots of every array
                                 below are this model's */
    double *items;            /* [office * n_items + slot] */
    source_ref *item_src;
    double *respondents;      /* [office * n_groups + group]: per
                                 respondent group of the model (a tool,
                                 or each part of a tool with parts) */
    source_ref *resp_src;
    double *population;       /* the respondents file's optional population
                                 N and sd of the group's score
                                 (uncertainty.h), like respondents; NAN =
                                 not given */
    double *tool_sd;
    double *published;        /* [office * (1 + n_nodes) + measure]
                                 (model.h: 0 ITA, 1 + n node n); NULL
                                 until a figure is read */
    source_ref *pub_src;
    source_ref *office_src;   /* first row naming the office this year; line 0 = absent */
    double *counts;           /* answers per level: [(office * n_items + slot)
                                 * count_width + level - 1]; NULL until an
                                 answer count is read; NAN = not given */
    source_ref *count_src;
    size_t count_width;       /* dataset_count_width of the model */
} year_data;

typedef struct {
    const model *m;           /* the model a header's item columns are
                                 read with, and each year's unless
                                 year_model says otherwise */
    const registry *r;
    /* The model of a year, asked once when the year is first met (each
     * year is read and scored with its own framework, README "The model
     * is data"); NULL = d->m for every year.  Returns NULL after reporting
     * why (the year is then read with d->m).  ctx is year_model_ctx. */
    const model *(*year_model)(void *ctx, int year);
    void *year_model_ctx;
    /* Every model a year of the run may be read with, besides m, for
     * recognising item columns of another framework (ids in some model
     * but not in m); borrowed; n_frameworks 0 = m alone. */
    const model *const *frameworks;
    size_t n_frameworks;
    year_data *years;         /* sorted by year */
    size_t n_years;
    char **files;             /* every file read, in reading order, named as
                                 shown in messages and workbooks: valid
                                 UTF-8 without control characters */
    char **file_paths;        /* the same files as opened (any bytes) */
    char (*file_sha256)[65];  /* hex SHA-256 of each file's bytes, computed
                                 while reading; "" when not read to its end */
    size_t n_files;
    struct dataset_seen *seen;  /* (device, inode) of every file and folder
                                   visited */
    const char *encoding;     /* of the input files (an iconv name), NULL =
                                 detect; set by the caller before ingest */
    /* Offered every workbook before it is read, set by the caller before
     * ingest: returns true when it takes the workbook (the program reads
     * office workbooks sent back as action plans, returned.h), which is
     * then not listed nor read as input.  NULL: none is taken.  ctx is
     * claim_ctx; book an open xlsxread.h workbook. */
    bool (*claim_workbook)(void *ctx, struct xlsxread_book *book,
                           const char *shown, diag_list *diags);
    void *claim_ctx;
    struct answer_set *answers;  /* respondent-level answers
                                    (respondent_answers.h); NULL until one
                                    is read */
    bool skip_incomplete;     /* --skip-incomplete: offices lacking items are
                                 warned about and left out, not errors */
} dataset;

/* Where an office's score on an item is kept: the office is a registry
 * index, the slot a position in the year's model's items.  The index
 * serves both year_data.items and year_data.item_src. */
static inline size_t dataset_item_index(const year_data *yd, size_t office,
                                        size_t slot)
{
    return office * yd->m->n_items + slot;
}

/* An office's item scores in a year, by slot ([yd->m->n_items], NAN for
 * missing); borrowed from yd. */
static inline const double *dataset_office_items(const dataset *d,
                                                 const year_data *yd,
                                                 size_t office)
{
    (void)d;
    return &yd->items[dataset_item_index(yd, office, 0)];
}

/* An office's score on an item slot in a year; NAN when missing. */
static inline double dataset_item(const dataset *d, const year_data *yd,
                                  size_t office, size_t slot)
{
    (void)d;
    return yd->items[dataset_item_index(yd, office, slot)];
}

/* Where an office's answer counts on an item begin in year_data.counts and
 * count_src: count_width cells, by level - 1. */
static inline size_t dataset_count_index(const dataset *d,
                                         const year_data *yd, size_t office,
                                         size_t slot)
{
    (void)d;
    return dataset_item_index(yd, office, slot) * yd->count_width;
}

/* Makes an empty dataset over a model and a registry (both borrowed). */
void dataset_init(dataset *d, const model *m, const registry *r);

void dataset_free(dataset *d);

/* Registers a file (path copied, shown as is, no digest yet) and returns
 * its index for source_ref. */
uint32_t dataset_add_file(dataset *d, const char *path);

/* Forgets the file registered last, when it turned out not to be an input
 * (no source_ref may point to it). */
void dataset_forget_last_file(dataset *d);

/* Sets how file `file` is named in messages and workbooks (copied). */
void dataset_set_file_shown(dataset *d, uint32_t file, const char *shown);

/* Sets the hex SHA-256 of file `file` ("" when not read to its end). */
void dataset_set_file_digest(dataset *d, uint32_t file, const char *hex);

/* Copies the stored hex SHA-256 of file `file` into out; false when the
 * file was not read to its end (no digest). */
bool dataset_file_digest(const dataset *d, size_t file, char out[65]);

/* True the first time a (device, inode) pair is seen: every file and
 * folder is read once, however many links lead to it. */
bool dataset_first_visit(dataset *d, unsigned long long dev,
                         unsigned long long ino);

/* The data of one year, created empty on first use, laid out by the
 * year's model (d->year_model). */
year_data *dataset_year(dataset *d, int year);

/* The data of one year, or NULL when the input has none. */
const year_data *dataset_find_year(const dataset *d, int year);

/* The width of an item's row of answer counts: the most answer levels of
 * any item of the model (model_answer_levels). */
size_t dataset_count_width(const model *m);

/* Allocates a year's answer counts (all NAN) unless they already are. */
void dataset_alloc_counts(dataset *d, year_data *yd);

/* Adds an error for every office that appears in a year but lacks items,
 * naming the missing items (an item whose value was already reported as
 * bad is not named again), and a warning per year naming the offices of
 * the registry with no item scores at all (the city figures of that year
 * cover only the others); with d->skip_incomplete the missing items are a
 * warning ("not scored": scores_compute leaves such offices out).  An
 * office with published figures that give an ITA
 * (model_published_gives_ita) but no items counts as covered (it is scored from its
 * figures).  A year where no office has item scores or such figures
 * cannot be scored: it is dropped from
 * d->years with a warning naming its first row, so that the latest year and
 * -y only ever pick a year with scores. */
void dataset_check_complete(dataset *d, diag_list *diags);

/* Converts a year as typed (2564 or 2021) to B.E.; 0 when implausible. */
int dataset_year_be(long year);

/* The C.E. year of a B.E. year (2564 -> 2021). */
int dataset_year_ce(int year_be);

#endif
