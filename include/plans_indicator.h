/*
 * plans_indicator: the action plan of an office scored from published
 * figures only (scores.h: basis other than SCORE_FROM_ITEMS), which has no
 * item scores to plan from.
 *
 * One row (PLAN_RAISE) per indicator whose published score, rounded to 2
 * decimals, is below the target, in model order; row.item is then the
 * indicator's node index (row.item == row.indicator).  Its measures,
 * monitoring steps, evidence and texts to publish are those of the
 * indicator's items in the measures library, grouped: each distinct text
 * once, as a numbered list; units as a list of distinct names; the latest
 * quarter of its items.  The gain is the indicator's ITA weight (from the
 * model's weights) times the points it lacks to the target, the rank and
 * counts those of the indicator among the offices, and the priority rule
 * is that of plans.h.  An office scored at the tool or ITA level, or with
 * no indicator below the target, gets a plan without rows.
 */
#ifndef ITABENCH_PLANS_INDICATOR_H
#define ITABENCH_PLANS_INDICATOR_H

#include "plans.h"

/* Computes the indicator-level plan of the office at a position in
 * in->current->offices (in->measures must be set).  The grouped texts are
 * owned by out (plan.owned_texts); free with plans_free_office. */
void plans_indicator_compute(const plans_input *in, size_t position,
                             office_plan *out);

#endif
