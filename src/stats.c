#include "stats.h"
#include "text.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_histogram.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double stats_zone_median(const city_stats *cs, size_t zone, size_t measure)
{
    return cs->zone[zone * cs->n_measures + measure].median;
}

const size_t *stats_zone_ranking(const city_stats *cs, size_t zone,
                                 size_t *n)
{
    if (zone >= cs->ys->r->n_zones) {
        *n = 0;
        return cs->zone_ranking;
    }
    *n = cs->zone_first[zone + 1] - cs->zone_first[zone];
    return &cs->zone_ranking[cs->zone_first[zone]];
}

size_t stats_zone_place(const city_stats *cs, size_t position)
{
    return cs->zone_place[position];
}

/* True when the office at position a (value va) ranks before the one at b:
 * higher rounded value, or the same and a lower office code, as in the
 * results' ranking. */
static bool ranks_before(const year_scores *ys, size_t a, size_t b, double va,
                         double vb)
{
    double ra = score_round2(va), rb = score_round2(vb);
    if (ra != rb)
        return ra > rb;
    return strcmp(ys->r->offices[ys->offices[a].office].code,
                  ys->r->offices[ys->offices[b].office].code) < 0;
}

/* Fills one summary from the values of the offices at the given positions
 * in ys->offices (every office when positions is NULL); values is scratch
 * of at least n entries, sorted here. */
static void summarise_offices(const year_scores *ys, size_t measure,
                              const size_t *positions, size_t n,
                              double *values, stats_summary *out)
{
    /* offices scored from published figures have no value on the
     * measures below their level (NAN): the statistics are over the
     * others */
    size_t known = 0;
    for (size_t i = 0; i < n; i++)
        known += !isnan(scores_value(&ys->offices[positions ? positions[i] : i],
                                     measure));
    if (known < n) {
        size_t *kept = xmalloc((known ? known : 1) * sizeof *kept);
        for (size_t i = 0, k = 0; i < n; i++) {
            size_t pos = positions ? positions[i] : i;
            if (!isnan(scores_value(&ys->offices[pos], measure)))
                kept[k++] = pos;
        }
        summarise_offices(ys, measure, kept, known, values, out);
        free(kept);
        return;
    }
    *out = (stats_summary){.n = n};
    if (n == 0) {
        out->mean = out->sd = out->min = out->q1 = out->median = out->q3 =
            out->max = out->iqr = out->skewness = out->kurtosis = out->cv = NAN;
        return;
    }
    size_t best = 0, worst = 0;
    for (size_t i = 0; i < n; i++) {
        size_t pos = positions ? positions[i] : i;
        values[i] = scores_value(&ys->offices[pos], measure);
        out->below_target += score_round2(values[i]) < ys->target;
        if (i > 0 && ranks_before(ys, pos, positions ? positions[best] : best,
                                  values[i], values[best]))
            best = i;
        if (i > 0 && ranks_before(ys, positions ? positions[worst] : worst, pos,
                                  values[worst], values[i]))
            worst = i;
    }
    out->best = positions ? positions[best] : best;
    out->worst = positions ? positions[worst] : worst;
    out->share_below = (double)out->below_target / (double)n;
    out->mean = gsl_stats_mean(values, 1, n);
    out->sd = n > 1 ? gsl_stats_sd_m(values, 1, n, out->mean) : NAN;
    out->skewness = n > 2 && out->sd > 0 ? gsl_stats_skew(values, 1, n) : NAN;
    out->kurtosis = n > 3 && out->sd > 0 ? gsl_stats_kurtosis(values, 1, n) : NAN;
    out->cv = out->mean != 0 ? out->sd / out->mean : NAN;
    gsl_sort(values, 1, n);
    out->min = values[0];
    out->max = values[n - 1];
    out->q1 = gsl_stats_quantile_from_sorted_data(values, 1, n, 0.25);
    out->median = gsl_stats_median_from_sorted_data(values, 1, n);
    out->q3 = gsl_stats_quantile_from_sorted_data(values, 1, n, 0.75);
    out->iqr = out->q3 - out->q1;
}

static void summarise(const year_scores *ys, size_t measure, double *values,
                      stats_summary *out)
{
    summarise_offices(ys, measure, NULL, ys->n, values, out);
}

/* Groups the offices by zone, each zone in the order of ys->by_rank
 * (a counting sort: O(n + zones)). */
static void rank_zones(city_stats *cs)
{
    const year_scores *ys = cs->ys;
    size_t n_zones = ys->r->n_zones;
    cs->zone_first = xcalloc(n_zones + 2, sizeof *cs->zone_first);
    cs->zone_ranking = xmalloc((ys->n ? ys->n : 1) * sizeof *cs->zone_ranking);
    cs->zone_place = xmalloc((ys->n ? ys->n : 1) * sizeof *cs->zone_place);
    for (size_t i = 0; i < ys->n; i++)
        cs->zone_first[(size_t)ys->r->offices[ys->offices[i].office].zone + 2]++;
    for (size_t z = 0; z < n_zones; z++)
        cs->zone_first[z + 2] += cs->zone_first[z + 1];
    /* zone_first[z + 1] is now where zone z starts: fill, moving it on */
    for (size_t i = 0; i < ys->n; i++) {
        size_t pos = ys->by_rank[i];
        size_t z = (size_t)ys->r->offices[ys->offices[pos].office].zone;
        size_t at = cs->zone_first[z + 1]++;
        cs->zone_ranking[at] = pos;
        cs->zone_place[pos] = at;
    }
    for (size_t i = 0; i < ys->n; i++) {
        size_t pos = cs->zone_ranking[i];
        size_t z = (size_t)ys->r->offices[ys->offices[pos].office].zone;
        cs->zone_place[pos] = i - cs->zone_first[z];
    }
}

city_stats *stats_compute(const year_scores *ys)
{
    city_stats *cs = xcalloc(1, sizeof *cs);
    cs->ys = ys;
    cs->n_measures = 1 + ys->m->n_nodes;
    cs->city = xcalloc(cs->n_measures, sizeof *cs->city);
    size_t n_zones = ys->r->n_zones;
    cs->zone = xcalloc((n_zones ? n_zones : 1) * cs->n_measures,
                       sizeof *cs->zone);
    rank_zones(cs);
    double *values = xmalloc((ys->n ? ys->n : 1) * sizeof(double));
    cs->ranked = xmalloc((ys->n ? ys->n : 1) * cs->n_measures * sizeof(double));
    for (size_t k = 0; k < cs->n_measures; k++) {
        summarise(ys, k, values, &cs->city[k]);
        double *ranked = &cs->ranked[k * ys->n];
        for (size_t i = 0; i < ys->n; i++)
            ranked[i] = score_round2(scores_value(&ys->offices[i], k));
        /* unknown values (NAN) sort first and count as no office */
        for (size_t i = 0; i < ys->n; i++)
            if (isnan(ranked[i]))
                ranked[i] = -INFINITY;
        gsl_sort(ranked, 1, ys->n);
        for (size_t z = 0; z < n_zones; z++) {
            size_t n;
            const size_t *members = stats_zone_ranking(cs, z, &n);
            summarise_offices(ys, k, members, n, values,
                              &cs->zone[z * cs->n_measures + k]);
        }
    }
    free(values);
    return cs;
}

void stats_free(city_stats *cs)
{
    if (!cs)
        return;
    free(cs->city);
    free(cs->zone);
    free(cs->zone_ranking);
    free(cs->zone_first);
    free(cs->zone_place);
    free(cs->ranked);
    free(cs);
}

/* How many offices have a rounded value <= v on a measure. */
static size_t count_at_most(const city_stats *cs, size_t measure, double v)
{
    size_t n = cs->ys->n;
    const double *sorted = &cs->ranked[measure * n];
    if (n == 0 || v < sorted[0])
        return 0;
    if (v >= sorted[n - 1])
        return n;
    /* the index i with sorted[i] <= v < sorted[i + 1] */
    return gsl_interp_bsearch(sorted, v, 0, n - 1) + 1;
}

/* Rounded values lie on a 0.01 grid: "below v" is "at most v - 0.005". */
#define HALF_STEP 0.005

double stats_percentile(const city_stats *cs, size_t measure, double value)
{
    size_t n = cs->ys->n;
    if (n == 0 || isnan(value))
        return NAN;
    double v = score_round2(value);
    /* offices without a value on the measure (-INFINITY) are left out */
    size_t known = cs->city[measure].n;
    if (known == 0)
        return NAN;
    double missing = (double)(n - known);
    double at_most = (double)count_at_most(cs, measure, v) - missing;
    double below = (double)count_at_most(cs, measure, v - HALF_STEP) - missing;
    return 100.0 * (below + 0.5 * (at_most - below)) / (double)known;
}

double stats_zscore(const city_stats *cs, size_t measure, double value)
{
    const stats_summary *s = &cs->city[measure];
    return s->sd > 0 ? (value - s->mean) / s->sd : NAN;
}

int stats_rank(const city_stats *cs, size_t measure, double value)
{
    if (isnan(value))
        return 0;  /* no value, no rank */
    size_t better = cs->ys->n -
                    count_at_most(cs, measure, score_round2(value));
    return (int)better + 1;
}

/* The values of a measure for every office, in ys->offices order; caller
 * frees. */
static double *measure_values(const year_scores *ys, size_t measure)
{
    double *v = xmalloc((ys->n ? ys->n : 1) * sizeof *v);
    for (size_t i = 0; i < ys->n; i++)
        v[i] = scores_value(&ys->offices[i], measure);
    return v;
}

void stats_tukey(const city_stats *cs, size_t measure, stats_outliers *out)
{
    const year_scores *ys = cs->ys;
    const stats_summary *s = &cs->city[measure];
    *out = (stats_outliers){.low_fence = NAN, .high_fence = NAN};
    out->offices = xmalloc((ys->n ? ys->n : 1) * sizeof *out->offices);
    if (ys->n == 0)
        return;
    out->low_fence = s->q1 - 1.5 * s->iqr;
    out->high_fence = s->q3 + 1.5 * s->iqr;
    double *v = measure_values(ys, measure);
    size_t *order = xmalloc(ys->n * sizeof *order);
    gsl_sort_index(order, v, 1, ys->n);
    for (size_t i = 0; i < ys->n && v[order[i]] < out->low_fence; i++)
        out->offices[out->n_low++] = order[i];
    for (size_t i = ys->n; i-- > 0 && v[order[i]] > out->high_fence;)
        out->offices[out->n_low + out->n_high++] = order[i];
    free(order);
    free(v);
}

void stats_outliers_free(stats_outliers *o)
{
    free(o->offices);
    o->offices = NULL;
    o->n_low = o->n_high = 0;
}

/* Grade bounds carry the same tolerance as model_grade_of, so that both
 * put a value on a bound into the same band. */
#define GRADE_BOUND_EPSILON 1e-9

void stats_grade_counts(const city_stats *cs, size_t measure, size_t *counts)
{
    const year_scores *ys = cs->ys;
    const model *m = ys->m;
    for (size_t g = 0; g < m->n_grades; g++)
        counts[g] = 0;
    if (ys->n == 0 || m->n_grades == 0)
        return;
    double *v = measure_values(ys, measure);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < ys->n; i++) {
        v[i] = score_round2(v[i]);
        lo = fmin(lo, v[i]);
        hi = fmax(hi, v[i]);
    }
    /* Bands ascending: the worst grade is last in m->grades.  The worst
     * band also takes everything below its bound (as model_grade_of does);
     * two grades with the same bound share one bin, which goes to the first
     * of them, again as model_grade_of does. */
    double *ranges = xmalloc((m->n_grades + 1) * sizeof *ranges);
    size_t *bin_grade = xmalloc(m->n_grades * sizeof *bin_grade);
    size_t n_bins = 0;
    ranges[0] = fmin(m->grades[m->n_grades - 1].min_score, lo) - 1.0;
    for (size_t g = m->n_grades; g-- > 0;) {
        double bound = m->grades[g].min_score - GRADE_BOUND_EPSILON;
        if (g == m->n_grades - 1) {
            bin_grade[n_bins++] = g;
            continue;
        }
        if (bound <= ranges[n_bins - 1] + GRADE_BOUND_EPSILON) {
            bin_grade[n_bins - 1] = g;
            continue;
        }
        ranges[n_bins] = bound;
        bin_grade[n_bins++] = g;
    }
    ranges[n_bins] = fmax(hi, ranges[n_bins - 1]) + 1.0;
    gsl_histogram *h = gsl_histogram_alloc(n_bins);
    gsl_histogram_set_ranges(h, ranges, n_bins + 1);
    for (size_t i = 0; i < ys->n; i++)
        gsl_histogram_increment(h, v[i]);
    for (size_t b = 0; b < n_bins; b++)
        counts[bin_grade[b]] += (size_t)gsl_histogram_get(h, b);
    gsl_histogram_free(h);
    free(bin_grade);
    free(ranges);
    free(v);
}

double *stats_correlation(const city_stats *cs, const size_t *measures,
                          size_t k, stats_correlation_kind kind)
{
    const year_scores *ys = cs->ys;
    size_t n = ys->n;
    double *matrix = xmalloc((k ? k * k : 1) * sizeof *matrix);
    double **v = xmalloc((k ? k : 1) * sizeof *v);
    for (size_t a = 0; a < k; a++)
        v[a] = measure_values(ys, measures[a]);
    double *work = xmalloc((n ? 2 * n : 1) * sizeof *work);
    for (size_t a = 0; a < k; a++) {
        for (size_t b = 0; b < k; b++) {
            double r = NAN;
            /* a constant measure has no correlation (GSL would divide by 0) */
            bool varies = n >= 2 && cs->city[measures[a]].sd > 0 &&
                          cs->city[measures[b]].sd > 0;
            if (varies && b < a)
                r = matrix[b * k + a];
            else if (varies)
                r = kind == STATS_SPEARMAN
                        ? gsl_stats_spearman(v[a], 1, v[b], 1, n, work)
                        : gsl_stats_correlation(v[a], 1, v[b], 1, n);
            matrix[a * k + b] = r;
        }
    }
    for (size_t a = 0; a < k; a++)
        free(v[a]);
    free(v);
    free(work);
    return matrix;
}

void stats_paired_change(const year_scores *earlier, const year_scores *later,
                         size_t measure, stats_paired *out)
{
    *out = (stats_paired){.mean_change = NAN, .sd_change = NAN, .t = NAN,
                          .df = NAN, .p = NAN, .ci_low = NAN, .ci_high = NAN};
    /* the measure in the earlier year's framework, by id (-1: an item of
     * the later one only, compared with nothing) */
    long then = model_measure_in(later->m, measure, earlier->m);
    double *change = xmalloc((later->n ? later->n : 1) * sizeof *change);
    for (size_t i = 0; then >= 0 && i < later->n; i++) {
        const office_score *now = &later->offices[i];
        const office_score *before = scores_find(earlier, now->office);
        if (before)
            change[out->n++] =
                score_round2(scores_value(now, measure)) -
                score_round2(scores_value(before, (size_t)then));
    }
    size_t n = out->n;
    if (n >= 1)
        out->mean_change = gsl_stats_mean(change, 1, n);
    if (n >= 2) {
        out->sd_change = gsl_stats_sd_m(change, 1, n, out->mean_change);
        out->df = (double)(n - 1);
        if (out->sd_change > 0) {
            double se = out->sd_change / sqrt((double)n);
            out->t = out->mean_change / se;
            out->p = 2.0 * gsl_cdf_tdist_Q(fabs(out->t), out->df);
            double t_crit = gsl_cdf_tdist_Qinv(0.025, out->df);
            out->ci_low = out->mean_change - t_crit * se;
            out->ci_high = out->mean_change + t_crit * se;
        }
    }
    free(change);
}

void stats_zone_summary(const city_stats *cs, size_t zone, size_t measure,
                        stats_summary *out)
{
    *out = cs->zone[zone * cs->n_measures + measure];
}

/* One measure while sorting weakest first. */
typedef struct {
    size_t measure, given;
    double mean;
    size_t below;
    stats_weakness order;
} weakness_key;

static int cmp_weakness(const void *a, const void *b)
{
    const weakness_key *x = a, *y = b;
    if (x->order == STATS_BY_BELOW_TARGET && x->below != y->below)
        return x->below > y->below ? -1 : 1;
    /* NAN means last (no data says nothing about weakness) */
    bool xn = isnan(x->mean), yn = isnan(y->mean);
    if (xn != yn)
        return xn ? 1 : -1;
    if (!xn && x->mean != y->mean)
        return x->mean < y->mean ? -1 : 1;
    return x->given < y->given ? -1 : x->given > y->given;
}

void stats_sort_weakest(const city_stats *cs, size_t *measures, size_t k,
                        stats_weakness order)
{
    weakness_key *keys = xmalloc((k ? k : 1) * sizeof *keys);
    for (size_t i = 0; i < k; i++)
        keys[i] = (weakness_key){.measure = measures[i], .given = i,
                                 .mean = cs->city[measures[i]].mean,
                                 .below = cs->city[measures[i]].below_target,
                                 .order = order};
    /* several keys and a stable order: qsort with the position as the last
     * key (gsl_sort_index sorts on one key only) */
    qsort(keys, k, sizeof *keys, cmp_weakness);
    for (size_t i = 0; i < k; i++)
        measures[i] = keys[i].measure;
    free(keys);
}

stats_year_point *stats_series(const year_scores *const *years,
                               size_t n_years, size_t measure)
{
    stats_year_point *series = xcalloc(n_years ? n_years : 1, sizeof *series);
    for (size_t y = 0; y < n_years; y++) {
        city_stats *cs = stats_compute(years[y]);
        const stats_summary *s = &cs->city[measure];
        size_t n_zones = years[y]->r->n_zones;
        series[y] = (stats_year_point){
            years[y]->year, s->n, s->min, s->q1, s->median, s->q3, s->max,
            xcalloc(n_zones ? n_zones : 1, sizeof(double))};
        for (size_t z = 0; z < n_zones; z++)
            series[y].zone_median[z] = stats_zone_median(cs, z, measure);
        stats_free(cs);
    }
    return series;
}

void stats_series_free(stats_year_point *series, size_t n_years)
{
    if (!series)
        return;
    for (size_t y = 0; y < n_years; y++)
        free(series[y].zone_median);
    free(series);
}
