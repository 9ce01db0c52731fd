/*
 * scores: the ITA engine.  From a dataset's item scores it computes, for
 * every office with data in a year, every node of the model (sub-indicator,
 * indicator, tool), ITA, grade, pass, gap to the target, items below the
 * target, and the city and zone ranks; then compares the published figures
 * of the input with the recomputed ones.
 *
 * Scores are kept at full precision; grade, pass, gap and rank use ITA
 * rounded to 2 decimals, as the ITA method publishes it.  Nothing here knows
 * about output formats.
 */
#ifndef ITABENCH_SCORES_H
#define ITABENCH_SCORES_H

#include "dataset.h"
#include "diag.h"
#include "model.h"
#include "registry.h"

#include <stdbool.h>
#include <stddef.h>

/* node and respondents point into the year's store and into the dataset:
 * a year_scores must not outlive the dataset it was computed from. */
typedef struct {
    int office;           /* registry index */
    const double *node;   /* [n_nodes]: items as input, other nodes computed */
    double ita;           /* full precision */
    double ita_r2;        /* rounded to 2 decimals */
    size_t grade;         /* index into model.grades */
    bool pass;            /* ita_r2 >= target */
    double gap;           /* max(0, target - ita_r2) */
    int rank;             /* standard competition rank in the city, 1 = best */
    int zone_rank;        /* the same within the office's zone */
    size_t items_below;   /* items whose rounded score is below the target */
    const double *respondents; /* [n_tools], NAN where unknown */
} office_score;

/* The one value of a measure (model.h) for an office: its ITA, or its
 * score on a node; full precision. */
static inline double scores_value(const office_score *s, size_t measure)
{
    return measure == MEASURE_ITA ? s->ita : s->node[measure - 1];
}

typedef struct {
    int year;
    double target;
    const model *m;
    const registry *r;
    office_score *offices; /* every office with data this year, registry order */
    size_t n;
    size_t *by_rank;       /* positions in offices[], best first, ties by code */
    double *node_store;
    /* offices with data this year but items missing (--skip-incomplete):
     * not scored, registry order */
    int *unscored;
    size_t *unscored_missing; /* items missing, per unscored office */
    size_t n_unscored;
} year_scores;

/* Rounds half away from zero to 2 decimals, robust to binary noise, so that
 * 84.995 computed as 84.99499999999 still gives 85.00. */
double score_round2(double x);

/* The shortfall of a score to the target, on its published (2-decimal)
 * value: max(0, target - score_round2(value)).  Every gap in the outputs
 * is this one. */
double score_gap(double target, double value);

/* Index into m->grades of an office's grade: the first (highest) grade
 * whose min_score its ITA (ita_r2, 2 decimals) reaches and whose tool_min,
 * when given, every tool's score (node[], rounded to 2 decimals here)
 * reaches; the lowest grade when none fits. */
size_t score_grade(const model *m, double ita_r2, const double *node);

/* Computes the scores of one year.  Offices that lack items are left out
 * and listed in unscored (dataset_check_complete reports them).  Returns NULL when the dataset has
 * no such year.  Free with scores_free. */
year_scores *scores_compute(const dataset *d, int year, double target);

/* As scores_compute, with the model m (the year's framework, of the same
 * tree as d->m, see model_same_tree) instead of d->m. */
year_scores *scores_compute_model(const dataset *d, const model *m, int year,
                                  double target);

/* Frees a year's scores; NULL is allowed. */
void scores_free(year_scores *ys);

/* The score of an office (registry index) in a year, or NULL when it has
 * no data; O(log n). */
const office_score *scores_find(const year_scores *ys, int office);

/* Adds a note, when the two years do not score the same offices, saying
 * over how many offices (those scored in both) the change from previous
 * to ys is tested.  (Offices of the registry without scores are warned
 * about by dataset_check_complete.) */
void scores_check_pairing(const year_scores *ys, const year_scores *previous,
                          diag_list *diags);

/* Adds a warning for every published figure of the year that differs from
 * the recomputed one by more than 0.005, at the figure's file and line. */
void scores_check_published(const year_scores *ys, const dataset *d,
                            diag_list *diags);

/* Adds a warning, at the first such figure's file and line, for every
 * office and year with published figures or respondent counts but no item
 * scores, whose figures would otherwise vanish silently. */
void scores_check_unscored(const dataset *d, diag_list *diags);

#endif
