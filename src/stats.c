#include "stats.h"
#include "text.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double stats_value(const year_scores *ys, const office_score *s, size_t measure)
{
    (void)ys;
    return measure == STATS_ITA ? s->ita : s->node[measure - 1];
}

/* Fills one summary from the offices' values (values is scratch, sorted
 * here). */
static void summarise(const year_scores *ys, size_t measure, double *values,
                      stats_summary *out)
{
    size_t n = ys->n;
    *out = (stats_summary){.n = n};
    if (n == 0) {
        out->mean = out->sd = out->min = out->q1 = out->median = out->q3 =
            out->max = out->iqr = out->skewness = out->kurtosis = out->cv = NAN;
        return;
    }
    size_t best = 0, worst = 0;
    for (size_t i = 0; i < n; i++) {
        values[i] = stats_value(ys, &ys->offices[i], measure);
        out->below_target += score_round2(values[i]) < ys->target;
        /* offices[] is in registry order; strict comparisons keep the first
         * of equal values, and codes order ties the same way as ranks */
        if (values[i] > values[best] + 1e-12)
            best = i;
        if (values[i] < values[worst] - 1e-12)
            worst = i;
    }
    out->best = best;
    out->worst = worst;
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

city_stats *stats_compute(const year_scores *ys)
{
    city_stats *cs = xcalloc(1, sizeof *cs);
    cs->ys = ys;
    cs->n_measures = 1 + ys->m->n_nodes;
    cs->city = xcalloc(cs->n_measures, sizeof *cs->city);
    size_t n_zones = ys->r->n_zones;
    cs->zone_median = xmalloc((n_zones ? n_zones : 1) * cs->n_measures *
                              sizeof(double));
    double *values = xmalloc((ys->n ? ys->n : 1) * sizeof(double));
    for (size_t k = 0; k < cs->n_measures; k++) {
        summarise(ys, k, values, &cs->city[k]);
        for (size_t z = 0; z < n_zones; z++) {
            size_t n = 0;
            for (size_t i = 0; i < ys->n; i++)
                if (ys->r->offices[ys->offices[i].office].zone == (int)z)
                    values[n++] = stats_value(ys, &ys->offices[i], k);
            gsl_sort(values, 1, n);
            cs->zone_median[z * cs->n_measures + k] =
                n ? gsl_stats_median_from_sorted_data(values, 1, n) : NAN;
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
    free(cs->zone_median);
    free(cs);
}

double stats_percentile(const city_stats *cs, size_t measure, double value)
{
    const year_scores *ys = cs->ys;
    if (ys->n == 0)
        return NAN;
    double v = score_round2(value), below = 0, same = 0;
    for (size_t i = 0; i < ys->n; i++) {
        double x = score_round2(stats_value(ys, &ys->offices[i], measure));
        below += x < v;
        same += x == v;
    }
    return 100.0 * (below + 0.5 * same) / (double)ys->n;
}

double stats_zscore(const city_stats *cs, size_t measure, double value)
{
    const stats_summary *s = &cs->city[measure];
    return s->sd > 0 ? (value - s->mean) / s->sd : NAN;
}

int stats_rank(const city_stats *cs, size_t measure, double value)
{
    const year_scores *ys = cs->ys;
    double v = score_round2(value);
    int better = 0;
    for (size_t i = 0; i < ys->n; i++)
        better += score_round2(stats_value(ys, &ys->offices[i], measure)) > v;
    return better + 1;
}
