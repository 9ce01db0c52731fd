/*
 * stats: descriptive statistics of one year's scores across offices, with
 * GSL (gsl_stats_*, gsl_sort, gsl_histogram, gsl_cdf_*): nothing here is
 * re-implemented by hand.  Read by the writers and by plans; computes no
 * score itself (scores come from scores.h).
 *
 * A "measure" is 0 for ITA and 1 + n for model node n (tool, indicator,
 * sub-indicator or item), the same numbering as published figures.
 */
#ifndef ITABENCH_STATS_H
#define ITABENCH_STATS_H

#include "scores.h"

#include <stddef.h>

#define STATS_ITA 0

typedef struct {
    size_t n;
    double mean, sd, min, q1, median, q3, max, iqr;
    double skewness, kurtosis;  /* kurtosis is excess kurtosis (normal = 0) */
    double cv;                  /* sd / mean, NAN when mean is 0 */
    size_t below_target;        /* offices whose rounded value < target */
    double share_below;         /* below_target / n, 0..1 */
    size_t best, worst;         /* positions in year_scores.offices; ties go
                                   to the lower office code */
} stats_summary;

typedef struct {
    const year_scores *ys;      /* borrowed */
    size_t n_measures;          /* 1 + model n_nodes */
    stats_summary *city;        /* [n_measures] */
    double *zone_median;        /* [zone * n_measures + measure], NAN if the
                                   zone has no office this year */
} city_stats;

/* Computes the city and zone statistics of every measure.  Free with
 * stats_free.  Never fails (out of memory aborts). */
city_stats *stats_compute(const year_scores *ys);

void stats_free(city_stats *cs);

/* The value of a measure for one office: ITA or a node's score, full
 * precision. */
double stats_value(const year_scores *ys, const office_score *s,
                   size_t measure);

/* Percentile rank of value among the offices on a measure, 0..100: the
 * share of offices scoring below it plus half the share scoring the same
 * (on values rounded to 2 decimals). */
double stats_percentile(const city_stats *cs, size_t measure, double value);

/* (value - mean) / sd on a measure; NAN when sd is 0. */
double stats_zscore(const city_stats *cs, size_t measure, double value);

/* Standard competition rank (1 = best) of value among the offices on a
 * measure, on values rounded to 2 decimals. */
int stats_rank(const city_stats *cs, size_t measure, double value);

#endif
