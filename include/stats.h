/*
 * stats: descriptive statistics of one year's scores across offices, with
 * GSL (gsl_stats_*, gsl_sort, gsl_histogram, gsl_cdf_*): nothing here is
 * re-implemented by hand.  Read by the writers and by plans; computes no
 * score itself (scores come from scores.h).
 *
 * Statistics are by measure (model.h: MEASURE_ITA, 1 + n for node n).
 */
#ifndef ITABENCH_STATS_H
#define ITABENCH_STATS_H

#include "scores.h"

#include <stddef.h>

typedef struct {
    size_t n;
    double mean, sd, min, q1, median, q3, max, iqr;
    double skewness, kurtosis;  /* kurtosis is excess kurtosis (normal = 0) */
    double cv;                  /* sd / mean, NAN when mean is 0 */
    size_t below_target;        /* offices whose rounded value < target */
    double share_below;         /* below_target / n, 0..1 */
    size_t best, worst;         /* positions in year_scores.offices of the
                                   offices ranked first and last (rounded
                                   value, then office code, as in ranks) */
} stats_summary;

typedef struct {
    const year_scores *ys;      /* borrowed */
    size_t n_measures;          /* 1 + model n_nodes */
    stats_summary *city;        /* [n_measures] */
    stats_summary *zone;        /* [zone * n_measures + measure]: n = 0 and
                                   NAN statistics when the zone has no
                                   office this year */
    size_t *zone_ranking;       /* positions in ys->offices, zone by zone
                                   (registry zone order), each zone best
                                   first as in ys->by_rank */
    size_t *zone_first;         /* [n_zones + 1]: zone z's offices are
                                   zone_ranking[zone_first[z] ..
                                   zone_first[z + 1]) */
    size_t *zone_place;         /* [position]: the office's index within
                                   its zone's ranking, from 0 */
    double *ranked;             /* [measure * n + i]: the offices' values
                                   rounded to 2 decimals, ascending, so that
                                   ranks and percentiles are O(log n) */
} city_stats;

/* Computes the city and zone statistics of every measure, once, so that
 * what the writers ask per office is O(1) or O(log n): O(n log n) per
 * measure.  Free with stats_free.  Never fails (out of memory aborts). */
city_stats *stats_compute(const year_scores *ys);

/* Frees the statistics; NULL is allowed. */
void stats_free(city_stats *cs);

/* The median of a measure over the offices of a zone (registry zone
 * index) this year; NAN when the zone has none. */
double stats_zone_median(const city_stats *cs, size_t zone, size_t measure);

/* Percentile rank of value among the offices on a measure, 0..100: the
 * share of offices scoring below it plus half the share scoring the same
 * (on values rounded to 2 decimals). */
double stats_percentile(const city_stats *cs, size_t measure, double value);

/* (value - mean) / sd on a measure; NAN when sd is 0. */
double stats_zscore(const city_stats *cs, size_t measure, double value);

/* Standard competition rank (1 = best) of value among the offices on a
 * measure, on values rounded to 2 decimals; 0 for NAN (an office scored
 * from published figures has no value below its level).  Statistics,
 * percentiles and ranks are over the offices with a value. */
int stats_rank(const city_stats *cs, size_t measure, double value);

/* Tukey's fences on a measure: values below q1 - 1.5 IQR or above
 * q3 + 1.5 IQR (full precision, the quartiles of stats_summary). */
typedef struct {
    double low_fence, high_fence;
    size_t *offices;     /* positions in year_scores.offices, low outliers
                            first (lowest first), then high ones (highest
                            first); owned, free with stats_outliers_free */
    size_t n_low, n_high;
} stats_outliers;

/* Finds the Tukey outliers of a measure.  Never fails; no offices gives
 * NAN fences and no outliers. */
void stats_tukey(const city_stats *cs, size_t measure, stats_outliers *out);

void stats_outliers_free(stats_outliers *o);

/* Counts the offices in each grade of the model on a measure (values
 * rounded to 2 decimals, as grades are given), with a gsl_histogram whose
 * bins are the model's grade bands.  counts[g] is for model.grades[g]
 * (best first); counts has model n_grades entries. */
void stats_grade_counts(const city_stats *cs, size_t measure, size_t *counts);

/* Which correlation coefficient. */
typedef enum { STATS_PEARSON, STATS_SPEARMAN } stats_correlation_kind;

/* Returns a new k x k matrix (row-major, caller frees) of the correlation
 * of every pair of the given measures across the offices:
 * gsl_stats_correlation (Pearson) or gsl_stats_spearman.  NAN where a
 * measure does not vary or there are fewer than 2 offices. */
double *stats_correlation(const city_stats *cs, const size_t *measures,
                          size_t k, stats_correlation_kind kind);

/* A paired t-test of the change of one measure between two years, over
 * the offices present in both. */
typedef struct {
    size_t n;                  /* offices in both years */
    double mean_change;        /* mean of (later - earlier) */
    double sd_change;          /* sample standard deviation of the changes */
    double t, df;              /* t = mean / (sd / sqrt n), df = n - 1 */
    double p;                  /* two-sided, 2 * gsl_cdf_tdist_Q(|t|, df) */
    double ci_low, ci_high;    /* 95 % confidence interval of the mean
                                  change (gsl_cdf_tdist_Qinv) */
} stats_paired;

/* Compares a measure between two years on values rounded to 2 decimals
 * (the figures the workbooks show).  The measure is later's (its model's
 * numbering), found in earlier's framework by id (model_measure_in); n is
 * 0 when earlier's framework lacks it.  Fields that cannot be computed
 * (n < 2, or every change equal) are NAN; n is always set. */
void stats_paired_change(const year_scores *earlier, const year_scores *later,
                         size_t measure, stats_paired *out);

/* The summary of a measure over the offices of one zone (registry zone
 * index); below_target counts rounded values, best and worst are positions
 * in year_scores.offices.  n = 0 (and NAN statistics) when the zone has no
 * office this year.  O(1): computed by stats_compute. */
void stats_zone_summary(const city_stats *cs, size_t zone, size_t measure,
                        stats_summary *out);

/* The offices of a zone this year, best first (the order of
 * year_scores.by_rank), as positions in year_scores.offices (borrowed from
 * cs); *n receives their number (0 for a zone outside the registry). */
const size_t *stats_zone_ranking(const city_stats *cs, size_t zone,
                                 size_t *n);

/* The index of the office at a position of year_scores.offices within its
 * zone's ranking (stats_zone_ranking), from 0; O(1). */
size_t stats_zone_place(const city_stats *cs, size_t position);

/* How stats_sort_weakest orders measures. */
typedef enum {
    STATS_BY_MEAN,          /* lowest city mean first */
    STATS_BY_BELOW_TARGET,  /* most offices below target first, then lowest
                               city mean */
} stats_weakness;

/* Sorts measures[0..k) in place, weakest first; equal ones keep their
 * given order. */
void stats_sort_weakest(const city_stats *cs, size_t *measures, size_t k,
                        stats_weakness order);

/* One year of a measure's series across the offices (statistics as
 * stats_compute's, over the offices with a value): the city's extremes,
 * quartiles and median, and every zone's median. */
typedef struct {
    int year;
    size_t n;                   /* offices with a value */
    double min, q1, median, q3, max;
    double *zone_median;        /* [registry n_zones]: NAN for a zone
                                   without an office that year */
} stats_year_point;

/* The series of measure over n_years years (oldest first, as
 * report.years; each with its by_rank): a new array of n_years points,
 * free with stats_series_free.  Never fails (out of memory aborts). */
stats_year_point *stats_series(const year_scores *const *years,
                               size_t n_years, size_t measure);

/* Frees a series of n_years points; NULL is allowed. */
void stats_series_free(stats_year_point *series, size_t n_years);

#endif
