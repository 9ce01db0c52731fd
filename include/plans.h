/*
 * plans: the action plan of one office as data, computed once after the
 * statistics and read by the workbook writers (which compute nothing):
 *
 *  - one row for every item whose score, rounded to 2 decimals, is below
 *    the target, in model order (so grouped by tool and indicator), with
 *    the gap, the ITA points the item would gain at its goal, a priority,
 *    the office's rank among the offices, how many offices are below the
 *    target on the item, whether that makes it a city-wide weakness, the
 *    best office to learn from, an analysis written from these numbers, and
 *    the measures, monitoring and responsible units of the measures library;
 *  - the path to target: the rows ordered by points gained, the projected
 *    ITA after each step, and the step at which it reaches the target.
 *
 * Gains come from the model: an item's ita_weight (ITA points per point of
 * its score) times the points it lacks to its goal.  The goal is the target,
 * except for disclosure items (answer_type "published"), which are either
 * published (100) or not (0), so their goal is 100.  ITA is linear in the
 * item scores, so the projection (ITA plus the sum of the gains) is exact.
 */
#ifndef ITABENCH_PLANS_H
#define ITABENCH_PLANS_H

#include "lang.h"
#include "measures.h"
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "stats.h"

#include <stdbool.h>
#include <stddef.h>

/* What plans are computed from (all borrowed): the model, the registry
 * (office names), the year planned for and its statistics, the measures
 * library, and the language of the texts. */
typedef struct {
    const model *m;
    const registry *r;
    const year_scores *current;  /* the year planned for */
    const city_stats *stats;     /* its statistics */
    const struct measures_library *measures;
    report_lang lang;
} plans_input;

/* Priority bands by ITA points gained, best first (see plans.c for the
 * thresholds, kept as a table). */
typedef struct {
    const char *id;          /* "high", "medium", "low" */
    const char *label[2];    /* [report_lang] */
    double min_gain;         /* lower bound of the band, ITA points */
} plan_priority;

typedef struct {
    int item;               /* model node index */
    int indicator;          /* model node index of its indicator */
    int tool;               /* model node index of its tool */
    double score;           /* full precision, as input */
    double target;          /* the run's target */
    double goal;            /* score the gain is counted at: target or 100 */
    double gap;             /* target - score rounded to 2 decimals, > 0 */
    double ita_weight;      /* ITA points per point of this item */
    double gain;            /* ita_weight * (goal - score) */
    size_t priority;        /* index into plans_priorities() */
    int rank;               /* the office's competition rank on the item */
    size_t n_offices;       /* offices scored this year */
    size_t n_below;         /* offices whose rounded score is below target */
    bool city_wide;         /* most offices are below the target too */
    bool unpublished;       /* a disclosure item at 0: must be published */
    int best_office;        /* registry index of the best office on the item */
    double best_score;
    char *analysis;         /* full sentences, in the report's language */
    char *timeframe;        /* "throughout fiscal year <year+1>" */
    /* from the measures library, in the report's language (borrowed) */
    const char *measure, *monitoring, *lead, *support, *publish;
} plan_row;

typedef struct {
    int office;                /* registry index */
    const office_score *score; /* borrowed from the report's current year */
    plan_row *rows;            /* model order */
    size_t n_rows;
    size_t *path;              /* [n_rows] row indices, most points first,
                                  ties in model order */
    double *projected;         /* [n_rows] ITA after path steps 0..k */
    /* Steps of the path needed to reach the target: 0 when the office
     * already passes, PLANS_UNREACHABLE when even every step is not
     * enough. */
    size_t steps_to_target;
    double total_gain;         /* sum of every row's gain */
} office_plan;

#define PLANS_UNREACHABLE ((size_t)-1)

typedef struct plan_set {
    office_plan *plans;        /* in the order asked for */
    size_t n;
} plan_set;

/* The priority bands, best first; *n receives their number. */
const plan_priority *plans_priorities(size_t *n);

/* Computes the action plan of one office (a position in
 * in->current->offices) from in's scores, statistics and measures
 * (in->measures must be set).  Texts are in in->lang.  Free with
 * plans_free_office. */
void plans_compute_office(const plans_input *in, size_t position,
                          office_plan *out);

void plans_free_office(office_plan *plan);

/* Computes the plans of the offices given as registry indices (all offices
 * scored this year when offices is NULL), in that order; offices without
 * scores this year are skipped.  Free with plans_free. */
plan_set *plans_compute(const plans_input *in, const int *offices,
                        size_t n_offices);

void plans_free(plan_set *set);

/* The plan of an office (registry index) in a set, or NULL. */
const office_plan *plans_find(const plan_set *set, int office);

/* Returns a new string: the office's name as a sentence would use it in
 * the language (Thai names get the "สำนักงานเขต" prefix they lack). */
char *plans_office_name(const registry *r, report_lang lang,
                        int office_index);

#endif
