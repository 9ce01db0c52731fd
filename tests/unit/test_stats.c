/*
 * stats on nine made-up offices whose scores are set directly (no
 * scoring), so that every expected number can be worked out by hand in the
 * comments.  The model is the tiny fixture (grades G >= 80, P >= 50,
 * F >= 0, target 75); the registry is built here: offices 0-4 in zone 0,
 * offices 5-8 in zone 1.
 *
 * Office i has (by measure):
 *   ITA  50   70   72   74   75   76   78   80   100
 *   X1    0    1    2    3    4    5    6    7     8   ("z")
 *   X2    1    1    2    2    3    3    4    4     5   ("w", ties)
 *   Y1   74   74   74   74   74   74   74   74    74   (constant)
 *   S1    0    0    0  100  100  100  100  100   100
 *   a1 79.995 80 49.994 49.995 0 100 50 79.994 65      (grade bounds)
 *   A     1    2    3   10    (offices 0-3 only matter: see skewness)
 *   a2    -    -    -   10   20   30   40   50    60   (no value: offices
 *                                    scored from published figures only)
 */
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "stats.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define FIXTURE "tests/fixtures/tiny/"
#define N 9

static const double ita[N] = {50, 70, 72, 74, 75, 76, 78, 80, 100};
static const double z[N] = {0, 1, 2, 3, 4, 5, 6, 7, 8};
static const double w[N] = {1, 1, 2, 2, 3, 3, 4, 4, 5};
static const double s1[N] = {0, 0, 0, 100, 100, 100, 100, 100, 100};
static const double a1[N] = {79.995, 80, 49.994, 49.995, 0, 100, 50, 79.994, 65};

typedef struct {
    model *m;
    registry r;
    office offices[N];
    char codes[N][4];
    zone zones[2];
    double *nodes;             /* [N * n_nodes] */
    office_score os[N];
    size_t by_rank[N];         /* best first: the ITA rises with i */
    year_scores ys;
    office_score earlier_os[N];
    year_scores earlier;
    city_stats *cs;
} world;

static size_t measure_of(const world *wd, const char *id)
{
    int node = model_find(wd->m, id);
    assert_true(node >= 0);
    return 1 + (size_t)node;
}

static void set_node(world *wd, const char *id, const double *values)
{
    int node = model_find(wd->m, id);
    assert_true(node >= 0);
    for (size_t i = 0; i < N; i++)
        wd->nodes[i * wd->m->n_nodes + (size_t)node] = values[i];
}

static int setup(void **state)
{
    world *wd = calloc(1, sizeof *wd);
    diag_list diags;
    diag_init(&diags);
    wd->m = model_load(FIXTURE "model.csv", &diags);
    diag_free(&diags);
    if (!wd->m)
        return -1;
    wd->zones[0] = (zone){"โซน 0", "Zone 0"};
    wd->zones[1] = (zone){"โซน 1", "Zone 1"};
    for (size_t i = 0; i < N; i++) {
        snprintf(wd->codes[i], sizeof wd->codes[i], "%zu", 10 + i);
        wd->offices[i] = (office){.code = wd->codes[i], .name_th = wd->codes[i],
                                  .name_en = wd->codes[i], .zone = i < 5 ? 0 : 1};
    }
    wd->r = (registry){.offices = wd->offices, .n_offices = N,
                       .zones = wd->zones, .n_zones = 2};
    wd->nodes = calloc(N * wd->m->n_nodes, sizeof(double));
    set_node(wd, "X1", z);
    set_node(wd, "X2", w);
    set_node(wd, "Y1", (const double[N]){74, 74, 74, 74, 74, 74, 74, 74, 74});
    set_node(wd, "S1", s1);
    set_node(wd, "a1", a1);
    set_node(wd, "A", (const double[N]){1, 2, 3, 10, 4, 4, 4, 4, 4});
    set_node(wd, "a2",
             (const double[N]){NAN, NAN, NAN, 10, 20, 30, 40, 50, 60});
    for (size_t i = 0; i < N; i++)
        wd->os[i] = (office_score){.office = (int)i,
                                   .node = wd->nodes + i * wd->m->n_nodes,
                                   .ita = ita[i], .ita_r2 = ita[i]};
    for (size_t i = 0; i < N; i++)
        wd->by_rank[i] = N - 1 - i;
    wd->ys = (year_scores){.year = 2564, .target = 75, .m = wd->m, .r = &wd->r,
                           .offices = wd->os, .n = N, .by_rank = wd->by_rank};
    /* The year before: offices 0-7 (office 8 is new), ITA such that the
     * changes are -1 0 1 2 2 3 4 5. */
    static const double change[N - 1] = {-1, 0, 1, 2, 2, 3, 4, 5};
    for (size_t i = 0; i < N - 1; i++)
        wd->earlier_os[i] = (office_score){.office = (int)i,
                                           .node = wd->nodes + i * wd->m->n_nodes,
                                           .ita = ita[i] - change[i],
                                           .ita_r2 = ita[i] - change[i]};
    wd->earlier = (year_scores){.year = 2563, .target = 75, .m = wd->m,
                                .r = &wd->r, .offices = wd->earlier_os,
                                .n = N - 1};
    wd->cs = stats_compute(&wd->ys);
    *state = wd;
    return 0;
}

static int teardown(void **state)
{
    world *wd = *state;
    stats_free(wd->cs);
    free(wd->nodes);
    model_free(wd->m);
    free(wd);
    return 0;
}

/* a2 has no value for offices 0-2 (scored from published figures): the
 * statistics are over the six others, 10 20 30 40 50 60.  Median
 * (30 + 40) / 2 = 35, all six below 75; 40 ranks 3rd (50 and 60 above);
 * its percentile (3 below + half of 1 equal) / 6 = 58.33; zone 0 holds 10
 * and 20 (median 15), zone 1 30 to 60 (median 45); best office 8, worst
 * office 3; an office without a value has no rank (0). */
static void test_offices_without_a_value_are_left_out(void **state)
{
    world *wd = *state;
    size_t a2 = measure_of(wd, "a2");
    const stats_summary *s = &wd->cs->city[a2];
    assert_int_equal(s->n, 6);
    assert_float_equal(s->median, 35, 1e-12);
    assert_float_equal(s->mean, 35, 1e-12);
    assert_float_equal(s->min, 10, 1e-12);
    assert_int_equal(s->below_target, 6);
    assert_int_equal(s->best, 8);
    assert_int_equal(s->worst, 3);
    assert_int_equal(stats_rank(wd->cs, a2, 40), 3);
    assert_int_equal(stats_rank(wd->cs, a2, NAN), 0);
    assert_float_equal(stats_percentile(wd->cs, a2, 40), 350.0 / 6, 1e-9);
    assert_true(isnan(stats_percentile(wd->cs, a2, NAN)));
    assert_float_equal(stats_zone_median(wd->cs, 0, a2), 15, 1e-12);
    assert_float_equal(stats_zone_median(wd->cs, 1, a2), 45, 1e-12);
}

/* ITA: sum 675, mean 75; deviations -25 -5 -3 -1 0 1 3 5 25, squares sum
 * 1320, sample variance 1320/8 = 165.  GSL quantiles on sorted data take
 * index (n-1)p = 2, 4, 6 exactly: Q1 = 72, median 75, Q3 = 78, IQR 6.
 * Deviations are symmetric: skewness 0.  Fourth powers sum
 * 2 (390625 + 625 + 81 + 1) = 782664; excess kurtosis
 * 782664 / (9 * 165^2) - 3 = 47589 / 245025.  Below 75: 50 70 72 74. */
static void test_summary_by_hand(void **state)
{
    world *wd = *state;
    const stats_summary *s = &wd->cs->city[MEASURE_ITA];
    assert_int_equal(s->n, 9);
    assert_float_equal(s->mean, 75, 1e-12);
    assert_float_equal(s->sd, sqrt(165), 1e-12);
    assert_float_equal(s->min, 50, 0);
    assert_float_equal(s->q1, 72, 1e-12);
    assert_float_equal(s->median, 75, 1e-12);
    assert_float_equal(s->q3, 78, 1e-12);
    assert_float_equal(s->max, 100, 0);
    assert_float_equal(s->iqr, 6, 1e-12);
    assert_float_equal(s->skewness, 0, 1e-12);
    assert_float_equal(s->kurtosis, 47589.0 / 245025.0, 1e-12);
    assert_float_equal(s->cv, sqrt(165) / 75, 1e-12);
    assert_int_equal(s->below_target, 4);
    assert_float_equal(s->share_below, 4.0 / 9.0, 1e-12);
    assert_int_equal(s->best, 8);
    assert_int_equal(s->worst, 0);
}

/* Tool A on 1 2 3 10 4 4 4 4 4: sum 36, mean 4; deviations -3 -2 -1 6 0 x5;
 * squares 50, variance 50/8; cubes -27 -8 -1 +216 = 180.
 * GSL's skewness = (1/n) sum (d/sd)^3 = 20 / (50/8)^1.5. */
static void test_skewness_by_hand(void **state)
{
    world *wd = *state;
    const stats_summary *s = &wd->cs->city[measure_of(wd, "A")];
    assert_float_equal(s->mean, 4, 1e-12);
    assert_float_equal(s->skewness, 20.0 / pow(50.0 / 8.0, 1.5), 1e-12);
    /* Q1 at index 2 of 1 2 3 4 4 4 4 4 10 = 3; Q3 at index 6 = 4 */
    assert_float_equal(s->q1, 3, 1e-12);
    assert_float_equal(s->q3, 4, 1e-12);
}

/* The constant Y1 has sd 0, hence NAN skewness and kurtosis (and
 * correlations, below). */
static void test_constant_measure(void **state)
{
    world *wd = *state;
    const stats_summary *s = &wd->cs->city[measure_of(wd, "Y1")];
    assert_float_equal(s->sd, 0, 0);
    assert_true(isnan(s->skewness));
    assert_true(isnan(s->kurtosis));
    assert_int_equal(s->below_target, 9);
}

/* Fences 72 - 9 = 63 and 78 + 9 = 87: 50 below, 100 above. */
static void test_tukey(void **state)
{
    world *wd = *state;
    stats_outliers o;
    stats_tukey(wd->cs, MEASURE_ITA, &o);
    assert_float_equal(o.low_fence, 63, 1e-12);
    assert_float_equal(o.high_fence, 87, 1e-12);
    assert_int_equal(o.n_low, 1);
    assert_int_equal(o.n_high, 1);
    assert_int_equal(o.offices[0], 0);
    assert_int_equal(o.offices[1], 8);
    stats_outliers_free(&o);

    /* S1: Q1 at index 2 = 0, Q3 = 100, fences -150 and 250: none */
    stats_tukey(wd->cs, measure_of(wd, "S1"), &o);
    assert_int_equal(o.n_low + o.n_high, 0);
    stats_outliers_free(&o);
}

/* a1 rounded: 80.00 80 49.99 50.00 0 100 50 79.99 65:
 * G (>= 80): 79.995 80 100 = 3; P (>= 50): 49.995 50 79.994 65 = 4;
 * F: 49.994 0 = 2.  ITA: G 80 100 = 2, P the other 7, F 0. */
static void test_grade_histogram(void **state)
{
    world *wd = *state;
    assert_int_equal(wd->m->n_grades, 3);
    size_t counts[3];
    stats_grade_counts(wd->cs, measure_of(wd, "a1"), counts);
    assert_int_equal(counts[0], 3);
    assert_int_equal(counts[1], 4);
    assert_int_equal(counts[2], 2);
    stats_grade_counts(wd->cs, MEASURE_ITA, counts);
    assert_int_equal(counts[0], 2);
    assert_int_equal(counts[1], 7);
    assert_int_equal(counts[2], 0);
    /* the same as model_grade_of, office by office */
    size_t by_model[3] = {0};
    for (size_t i = 0; i < N; i++)
        by_model[model_grade_of(wd->m, score_round2(a1[i]))]++;
    stats_grade_counts(wd->cs, measure_of(wd, "a1"), counts);
    assert_memory_equal(by_model, counts, sizeof counts);
}

/* Pearson(ITA, z): deviations of z -4..4 (squares 60), of ITA as above
 * (squares 1320); products 100+15+6+1+0+1+6+15+100 = 244:
 * r = 244 / sqrt(1320 * 60).  Spearman(ITA, z) = 1 (both increasing).
 * Spearman(ITA, w): ranks of w with ties averaged 1.5 1.5 3.5 3.5 5.5 5.5
 * 7.5 7.5 9; against ranks 1..9, products sum 58, squares 60 and 58:
 * rho = 58 / sqrt(60 * 58) = sqrt(58/60). */
static void test_correlations(void **state)
{
    world *wd = *state;
    size_t ms[4] = {MEASURE_ITA, measure_of(wd, "X1"), measure_of(wd, "X2"),
                    measure_of(wd, "Y1")};
    double *p = stats_correlation(wd->cs, ms, 4, STATS_PEARSON);
    double *s = stats_correlation(wd->cs, ms, 4, STATS_SPEARMAN);
    assert_float_equal(p[0 * 4 + 1], 244 / sqrt(1320.0 * 60.0), 1e-12);
    assert_float_equal(p[1 * 4 + 0], 244 / sqrt(1320.0 * 60.0), 1e-12);
    assert_float_equal(p[0], 1, 1e-12);
    assert_float_equal(s[0 * 4 + 1], 1, 1e-12);
    assert_float_equal(s[0 * 4 + 2], sqrt(58.0 / 60.0), 1e-12);
    assert_float_equal(s[2 * 4 + 0], sqrt(58.0 / 60.0), 1e-12);
    assert_true(isnan(p[3]) && isnan(s[3 * 4 + 0]) && isnan(p[15]));
    free(p);
    free(s);
}

/* Changes -1 0 1 2 2 3 4 5 over the 8 offices of both years: mean 2,
 * deviations -3 -2 -1 0 0 1 2 3, squares 28, variance 4, sd 2;
 * t = 2 / (2 / sqrt 8) = sqrt 8, df 7.  For odd df the t distribution
 * has a closed form (Abramowitz & Stegun 26.7.3): with
 * theta = atan(t / sqrt 7), P(|T| < t) = (2/pi) (theta + sin theta
 * (cos theta + (2/3) cos^3 theta + (8/15) cos^5 theta)).
 * 95 % interval: 2 +- t(0.975, 7) 2/sqrt 8 with t(0.975, 7) = 2.364624
 * (table). */
static void test_paired_t(void **state)
{
    world *wd = *state;
    stats_paired t;
    stats_paired_change(&wd->earlier, &wd->ys, MEASURE_ITA, &t);
    assert_int_equal(t.n, 8);
    assert_float_equal(t.mean_change, 2, 1e-12);
    assert_float_equal(t.sd_change, 2, 1e-12);
    assert_float_equal(t.t, sqrt(8), 1e-12);
    assert_float_equal(t.df, 7, 0);
    double th = atan(sqrt(8) / sqrt(7)), c = cos(th);
    double inside = 2 / M_PI *
                    (th + sin(th) * (c + 2.0 / 3 * pow(c, 3) + 8.0 / 15 * pow(c, 5)));
    assert_float_equal(t.p, 1 - inside, 1e-10);
    assert_true(t.p > 0.02 && t.p < 0.05); /* t tables: 2.365 < t < 2.998 */
    assert_float_equal(t.ci_low, 2 - 2.364624 * 2 / sqrt(8), 1e-5);
    assert_float_equal(t.ci_high, 2 + 2.364624 * 2 / sqrt(8), 1e-5);

    /* one office in common: no sd, no t */
    year_scores one = wd->earlier;
    one.n = 1;
    stats_paired_change(&one, &wd->ys, MEASURE_ITA, &t);
    assert_int_equal(t.n, 1);
    assert_float_equal(t.mean_change, -1, 1e-12);
    assert_true(isnan(t.t) && isnan(t.p));
}

/* An earlier year scored with another framework (issue 20): the tiny
 * model without item a2 and with an item n0 listed first, so that every
 * node has another index there.  X1 is compared by its id: earlier X1 =
 * z - 1 for offices 0-7, so every change is +1 (mean 1, sd 0); a2, not in
 * the earlier framework, is compared with nothing (n 0). */
static void test_paired_change_across_frameworks(void **state)
{
    world *wd = *state;
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/itabench-test-stats-XXXXXX",
             tmp && *tmp ? tmp : P_tmpdir);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("kind,id,parent,weight,min_score,answer_type,label_th,label_en\n"
          "item,n0,X2,1,,scale4,,\n"
          "target,TARGET,,,75,,,\n"
          "tool,A,,1,,survey,,\n"
          "tool,B,,3,,check,,\n"
          "indicator,X1,A,1,,,,\n"
          "indicator,X2,A,1,,,,\n"
          "indicator,Y1,B,1,,,,\n"
          "item,a1,X1,1,,scale4,,\n"
          "item,a3,X2,1,,scale4,,\n"
          "item,b1,Y1,1,,published,,\n"
          "grade,G,,,80,,,\n"
          "grade,F,,,0,,,\n", f);
    fclose(f);
    diag_list diags;
    diag_init(&diags);
    model *other = model_load(path, &diags);
    unlink(path);
    diag_free(&diags);
    assert_non_null(other);
    int x1 = model_find(other, "X1");
    assert_int_not_equal(x1, model_find(wd->m, "X1"));
    double *nodes = calloc((N - 1) * other->n_nodes, sizeof *nodes);
    office_score os[N - 1];
    for (size_t i = 0; i < N - 1; i++) {
        nodes[i * other->n_nodes + (size_t)x1] = z[i] - 1;
        os[i] = (office_score){.office = (int)i,
                               .node = nodes + i * other->n_nodes,
                               .ita = ita[i], .ita_r2 = ita[i]};
    }
    year_scores earlier = {.year = 2563, .target = 75, .m = other,
                           .r = &wd->r, .offices = os, .n = N - 1};
    stats_paired t;
    stats_paired_change(&earlier, &wd->ys, measure_of(wd, "X1"), &t);
    assert_int_equal(t.n, 8);
    assert_float_equal(t.mean_change, 1, 1e-12);
    assert_float_equal(t.sd_change, 0, 1e-12);
    stats_paired_change(&earlier, &wd->ys, measure_of(wd, "a2"), &t);
    assert_int_equal(t.n, 0);
    assert_true(isnan(t.mean_change));
    free(nodes);
    model_free(other);
}

/* Zone 0 = offices 0-4: ITA 50 70 72 74 75, mean 341/5, median 72, 4
 * below 75, best office 4, worst 0.  Zone 1 = 76 78 80 100: mean 83.5,
 * median (78 + 80)/2 = 79, none below, best office 8. */
static void test_zone_summary(void **state)
{
    world *wd = *state;
    stats_summary s;
    stats_zone_summary(wd->cs, 0, MEASURE_ITA, &s);
    assert_int_equal(s.n, 5);
    assert_float_equal(s.mean, 341.0 / 5, 1e-12);
    assert_float_equal(s.median, 72, 1e-12);
    assert_int_equal(s.below_target, 4);
    assert_int_equal(s.best, 4);
    assert_int_equal(s.worst, 0);
    stats_zone_summary(wd->cs, 1, MEASURE_ITA, &s);
    assert_int_equal(s.n, 4);
    assert_float_equal(s.mean, 83.5, 1e-12);
    assert_float_equal(s.median, 79, 1e-12);
    assert_int_equal(s.below_target, 0);
    assert_int_equal(s.best, 8);
    /* the same median as stats_compute's zone_median */
    assert_float_equal(stats_zone_median(wd->cs, 1, MEASURE_ITA),
                       79, 1e-12);
    /* zone 0 quartiles (QUARTILE.INC) of 50 70 72 74 75: at index 1 and 3 */
    stats_zone_summary(wd->cs, 0, MEASURE_ITA, &s);
    assert_float_equal(s.q1, 70, 1e-12);
    assert_float_equal(s.q3, 74, 1e-12);
}

/* Zone 0 best first: offices 4 3 2 1 0; zone 1: 8 7 6 5.  Office 2 is
 * third in zone 0 (place 2), office 5 last in zone 1 (place 3). */
static void test_zone_ranking(void **state)
{
    world *wd = *state;
    size_t n;
    const size_t *zone0 = stats_zone_ranking(wd->cs, 0, &n);
    assert_int_equal(n, 5);
    static const size_t want0[] = {4, 3, 2, 1, 0};
    for (size_t i = 0; i < n; i++)
        assert_int_equal(zone0[i], want0[i]);
    const size_t *zone1 = stats_zone_ranking(wd->cs, 1, &n);
    assert_int_equal(n, 4);
    static const size_t want1[] = {8, 7, 6, 5};
    for (size_t i = 0; i < n; i++)
        assert_int_equal(zone1[i], want1[i]);
    assert_int_equal(stats_zone_place(wd->cs, 2), 2);
    assert_int_equal(stats_zone_place(wd->cs, 5), 3);
    assert_int_equal(stats_zone_place(wd->cs, 8), 0);
    stats_zone_ranking(wd->cs, 7, &n);   /* no such zone */
    assert_int_equal(n, 0);
}

/* Means: ITA 75, Y1 74, S1 600/9 = 66.7; below 75: ITA 4, Y1 9, S1 3. */
static void test_sort_weakest(void **state)
{
    world *wd = *state;
    size_t ita_m = MEASURE_ITA, y1 = measure_of(wd, "Y1"), s1m = measure_of(wd, "S1");
    size_t by_mean[3] = {ita_m, y1, s1m};
    stats_sort_weakest(wd->cs, by_mean, 3, STATS_BY_MEAN);
    assert_int_equal(by_mean[0], s1m);
    assert_int_equal(by_mean[1], y1);
    assert_int_equal(by_mean[2], ita_m);
    size_t by_below[3] = {ita_m, y1, s1m};
    stats_sort_weakest(wd->cs, by_below, 3, STATS_BY_BELOW_TARGET);
    assert_int_equal(by_below[0], y1);
    assert_int_equal(by_below[1], ita_m);
    assert_int_equal(by_below[2], s1m);
    /* X1 and X2 both have 9 below: the lower mean (X2, 25/9 < 4) first */
    size_t tie[2] = {measure_of(wd, "X1"), measure_of(wd, "X2")};
    stats_sort_weakest(wd->cs, tie, 2, STATS_BY_BELOW_TARGET);
    assert_int_equal(tie[0], measure_of(wd, "X2"));
}

/* The existing helpers on the same data: percentile of 75 = (4 below +
 * half of 1 equal) / 9; rank of 76 = 3 better (78 80 100) + 1; z of
 * 75 + sd = 1. */
static void test_percentile_rank_z(void **state)
{
    world *wd = *state;
    assert_float_equal(stats_percentile(wd->cs, MEASURE_ITA, 75), 100 * 4.5 / 9,
                       1e-12);
    assert_int_equal(stats_rank(wd->cs, MEASURE_ITA, 76), 4);
    assert_float_equal(stats_zscore(wd->cs, MEASURE_ITA, 75 + sqrt(165)), 1, 1e-12);
}

/* The ITA series over the year before and this year.  The year before
 * (offices 0-7): 51 70 71 72 73 73 74 75.  Median (72 + 73) / 2 = 72.5;
 * quartiles as QUARTILE.INC: q1 at position 7 * 0.25 = 1.75, 70 + 0.75 *
 * (71 - 70) = 70.75; q3 at 5.25, 73 + 0.25 * (74 - 73) = 73.25; zone 0
 * (51 70 71 72 73) median 71, zone 1 (73 74 75) 74.  This year: 50 ...
 * 100, median 75, q1 72, q3 78; zone medians 72 and 79. */
static void test_series_by_hand(void **state)
{
    world *wd = *state;
    year_scores earlier = wd->earlier;
    size_t by_rank[N - 1];
    for (size_t i = 0; i < N - 1; i++)
        by_rank[i] = N - 2 - i;
    earlier.by_rank = by_rank;
    const year_scores *years[] = {&earlier, &wd->ys};
    stats_year_point *s = stats_series(years, 2, MEASURE_ITA);
    assert_int_equal(s[0].year, 2563);
    assert_int_equal(s[0].n, 8);
    assert_float_equal(s[0].min, 51, 1e-12);
    assert_float_equal(s[0].q1, 70.75, 1e-12);
    assert_float_equal(s[0].median, 72.5, 1e-12);
    assert_float_equal(s[0].q3, 73.25, 1e-12);
    assert_float_equal(s[0].max, 75, 1e-12);
    assert_float_equal(s[0].zone_median[0], 71, 1e-12);
    assert_float_equal(s[0].zone_median[1], 74, 1e-12);
    assert_int_equal(s[1].year, 2564);
    assert_int_equal(s[1].n, 9);
    assert_float_equal(s[1].q1, 72, 1e-12);
    assert_float_equal(s[1].median, 75, 1e-12);
    assert_float_equal(s[1].q3, 78, 1e-12);
    assert_float_equal(s[1].zone_median[0], 72, 1e-12);
    assert_float_equal(s[1].zone_median[1], 79, 1e-12);
    stats_series_free(s, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_by_hand),
        cmocka_unit_test(test_offices_without_a_value_are_left_out),
        cmocka_unit_test(test_skewness_by_hand),
        cmocka_unit_test(test_constant_measure),
        cmocka_unit_test(test_tukey),
        cmocka_unit_test(test_grade_histogram),
        cmocka_unit_test(test_correlations),
        cmocka_unit_test(test_paired_t),
        cmocka_unit_test(test_paired_change_across_frameworks),
        cmocka_unit_test(test_zone_summary),
        cmocka_unit_test(test_zone_ranking),
        cmocka_unit_test(test_sort_weakest),
        cmocka_unit_test(test_percentile_rank_z),
        cmocka_unit_test(test_series_by_hand),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
