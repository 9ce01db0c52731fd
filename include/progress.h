/*
 * progress: how the action plans sent back are going (returned.h), per
 * office, for the results year the plans were drawn from: rows, done, in
 * progress, not started, overdue (not done and due before the as-of date),
 * rows without an owner, measures changed from the default (the measures
 * text of a row differs from the measures library's, in either language,
 * with or without the line asking to publish that the plan sheet puts
 * before it; an emptied text is changed), and the ITA projected from the
 * target scores typed in the plan.  Computed in the plans layer; the writers only print it.
 *
 * Projection, as the plan sheet's "ITA if every row meets its target": the
 * office's ITA plus, for each item of the plan (counted once), its
 * ita_weight times the points its target score is above its score.  ITA is
 * linear in the item scores, so this is exact.
 *
 * Only a plan that differs from what itabench wrote counts as come back
 * (returned_plan_edited); one as written is a note and left out.
 *
 * Checks (into diags, naming the workbook): a plan for an office not in
 * the registry, or for a year or office the input has no scores of, is an
 * error; a plan drawn from another year than the one reported on is left
 * out with a warning; of two plans for the same office the one read first
 * (inputs in the order given, folders in name order) is kept and the other
 * left out, with a warning naming both; an item not of the model is a
 * warning (the row is counted, but projects nothing).
 */
#ifndef ITABENCH_PROGRESS_H
#define ITABENCH_PROGRESS_H

#include "diag.h"
#include "plans.h"
#include "returned.h"
#include "scores.h"

#include <stddef.h>

typedef struct {
    int office;                   /* registry index */
    const returned_plan *plan;    /* borrowed from the returned_set */
    size_t rows, done, in_progress, not_started, overdue, no_owner;
    size_t not_understood;        /* rows whose status is kept as typed,
                                     not understood (returned.h): counted
                                     in none of done, in progress, not
                                     started */
    size_t measures_changed;      /* 0 when no library was given */
    double ita;                   /* the office's ITA that year */
    double projected_ita;
} progress_office;

typedef struct progress_set {
    int year;                     /* B.E.: the results year of the plans */
    plan_date as_of;
    const struct measures_library *measures;   /* borrowed, may be NULL */
    progress_office *offices;     /* best first by done share (done/rows),
                                     ties by more rows done, then registry
                                     order */
    size_t n;
} progress_set;

/* Counts the progress of the plans in rs drawn from ys's year (ys is the
 * year reported on); measures (may be NULL: nothing counted as changed)
 * gives the default measures.  Returns NULL when rs is NULL or no plan is
 * kept; problems go to diags.  Free with progress_free. */
progress_set *progress_compute(const returned_set *rs, const year_scores *ys,
                               const struct measures_library *measures,
                               plan_date as_of, diag_list *diags);

/* True when row is overdue at the set's as-of date. */
bool progress_row_overdue(const progress_set *ps, const returned_row *row);

void progress_free(progress_set *ps);

#endif
