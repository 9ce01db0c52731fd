/*
 * report: everything the writers read, gathered once by the program after
 * ingest, scoring and checking.  Writers only read it: they never compute.
 * The action plan of an office whose edited workbook is about to be
 * written over is recomputed keeping those edits by office_keep_plan
 * (office_keep.h), which the office workbooks' orchestration
 * (office_books.h) calls before it hands the plan to the writer, since the
 * edits are read only then.  All pointers are borrowed from the program,
 * which owns them.
 */
#ifndef ITABENCH_REPORT_H
#define ITABENCH_REPORT_H

#include "dataset.h"
#include "diag.h"
#include "lang.h"
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "stats.h"
#include "uncertainty.h"

#include <stdbool.h>

typedef struct {
    const model *m;
    const registry *r;
    const dataset *d;
    year_scores *const *years;   /* one per year of the dataset, oldest first */
    size_t n_years;
    const year_scores *current;  /* the year reported on */
    const year_scores *previous; /* the year before it, or NULL */
    const city_stats *stats;     /* statistics of the current year */
    /* How sure the scores are (uncertainty.h): the current year with rank
     * intervals, the previous year (NULL when there is none) without. */
    const year_uncertainty *uncertainty;
    const year_uncertainty *previous_uncertainty;
    /* How sure every year's scores are, one per years[] (the current's
     * is uncertainty; the others without rank intervals); NULL when not
     * computed.  The Trend sheet's year-by-year changes read them. */
    const year_uncertainty *const *year_uncertainty;
    const diag_list *diags;      /* every finding of the run */
    report_lang lang;
    const char *font;            /* font name for workbooks */
    bool thai_digits;            /* --thai-digits: Thai workbooks' numbers
                                    shown in Thai digits (thai_digits.h) */
    const char *version;         /* program version */
    bool synthetic;              /* the input says it is synthetic sample data */
    /* Action plans (plans.h), computed before the writers when office
     * workbooks or --single-workbook are asked for; NULL otherwise. */
    const struct measures_library *measures;
    const struct plan_set *plans;
    /* How the action plans sent back are going (progress.h); NULL when
     * none came back. */
    const struct progress_set *progress;
} report;

#endif
