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

/* Where an office's scores come from: its item scores, or only published
 * figures (year,office_code,measure,value), taken at the deepest level the
 * figures cover completely.  Table-driven: scores.c lists the levels. */
typedef enum {
    SCORE_FROM_ITEMS,       /* recomputed from every item score */
    SCORE_FROM_INDICATORS,  /* published: every indicator given */
    SCORE_FROM_TOOLS,       /* published: every tool given (or its parts) */
    SCORE_FROM_ITA,         /* published: the ITA alone */
    SCORE_BASIS_COUNT
} score_basis;

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
    size_t items_below;   /* items whose rounded score is below the target;
                             0 when basis is not SCORE_FROM_ITEMS */
    score_basis basis;    /* items, or the level of its published figures;
                             nodes below that level are NAN */
    const double *respondents; /* [n_groups] (model.groups: each tool, or
                                  each part of a tool with parts), NAN
                                  where unknown */
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
    size_t n_published;    /* offices scored from published figures only */
} year_scores;

/* True when the office's scores were recomputed from its item scores; an
 * office scored from published figures has no items, sub-indicators below
 * its level, standard errors nor item-level plan rows. */
static inline bool scores_from_items(const office_score *s)
{
    return s->basis == SCORE_FROM_ITEMS;
}

/* The level an office was scored at, in words ("item scores",
 * "published indicators", ...), in Thai (lang 0) or English (1); static. */
const char *scores_basis_name(score_basis basis, int lang);

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

/* Computes the scores of one year with the year's framework (its
 * year_data.m, which ys->m is).  An office with item scores is
 * recomputed from them; an office with published figures only is taken
 * from them (each node its published figure, else the weighted mean of
 * its children when all of them are known; ITA likewise), its basis the
 * deepest of indicators, tools, ITA that is known for every node of the
 * level.  Offices that lack items, or whose published figures give no
 * ITA, are left out and listed in unscored (dataset_check_complete and
 * scores_check_unscored report them).  Returns NULL when the dataset has
 * no such year.  Free with scores_free. */
year_scores *scores_compute(const dataset *d, int year, double target);


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

/* The rounding bound of a published figure of an office recomputed from
 * its inputs: 0.005 for the figure's own 2-decimal rounding plus 0.005 x
 * the summed weights, in the measure, of the inputs given to 2 decimals.
 * The inputs are the office's item scores (basis SCORE_FROM_ITEMS, pub
 * ignored; disclosure items, 0 or 100, are exact and add nothing), or, for
 * an office scored from published figures (pub its row of published
 * figures by measure), the nearest published figures below the measure.
 * Example: ITA from 10 published indicators, 0.005 + 0.005 x 1 = 0.01. */
double scores_rounding_bound(const model *m, const office_score *s,
                             const double *pub, size_t measure);

/* Adds a warning for every published figure of the year (above the level
 * the office is scored at) that differs from the one recomputed from the
 * office's inputs by more than its rounding bound (scores_rounding_bound),
 * at the figure's file and line, naming the bound. */
void scores_check_published(const year_scores *ys, const dataset *d,
                            diag_list *diags);

/* Adds a warning, at the first such figure's file and line, for every
 * office and year with respondent counts, or published figures that give
 * no ITA, but no item scores, whose figures would otherwise vanish
 * silently; and one note per year saying how many offices are scored from
 * published figures only and what is left blank for them. */
void scores_check_unscored(const dataset *d, diag_list *diags);

/* Adds one note when offices of the year are scored from published
 * figures only, saying how many, at which level, and what is left blank
 * for them (not an error: mixed inputs are normal). */
void scores_note_published(const year_scores *ys, diag_list *diags);

#endif
