/*
 * How sure a score is, worked through by hand on the tiny model
 * (tests/fixtures/tiny: tool A (survey, weight 1) = X1 (a1, a2) and X2
 * (a3); tool B (check, weight 3) = Y1 (S1 (b1, b2), S2 (b3)); target 75).
 *
 * Office 11 in 2564: a1..b3 = 80, 60, 90, 100, 0, 100; ITA 76.25.
 *   a1 counts (0, 2, 2, 6) at values 0, 100/3, 200/3, 100: n = 10,
 *      mean = (200/3 + 400/3 + 600) / 10 = 80;
 *      sum c (v - 80)^2 = 2 (140/3)^2 + 2 (40/3)^2 + 6 (20)^2 = 64000/9,
 *      s^2 = 64000/81, SE^2 = s^2 / 10 = 6400/81, SE = 80/9 = 8.888889.
 *   a2 counts (1, 3, 3, 3): mean = (100 + 200 + 300) / 10 = 60;
 *      sum c (v - 60)^2 = 3600 + 3 (80/3)^2 + 3 (20/3)^2 + 3 (40)^2
 *      = 96000/9, SE^2 = 96000/81/10 = 9600/81, SE = 10.886621.
 *   a3 no counts, tool A has 12 respondents, L = 4: SE = sqrt(90 * 10 / 3
 *      / 12) = sqrt(25) = 5 (approximate).
 *   b1..b3 an assessor's check: SE = 0.
 *   X1 = (8.888889 + 10.886621) / 2 = 9.887755;  X2 = 5;
 *   A = (9.887755 + 5) / 2 = 7.443877;  B = 0;
 *   ITA = (1 x 7.443877 + 3 x 0) / 4 = 1.860969 (basis: approximate, a3).
 *   z = 1.959964: interval 76.25 -/+ 3.647433 = 72.602567 .. 79.897433;
 *   p_pass = 1 - Phi((75 - 0.005 - 76.25) / 1.860969)
 *          = 1 - Phi(-0.674380) = 0.749965.
 *
 * Office 11 in 2563: a1..b3 = 80, 60, 84, 100, 100, 100, respondents only
 * (12): a1 sqrt(80 * 20 / 3 / 12) = 6.666667, a2 sqrt(60 * 40 / 36) =
 * 8.164966, a3 sqrt(84 * 16 / 36) = 6.110101; X1 7.415816, A 6.762959,
 * ITA SE 1.690740; ITA = ((70 + 84) / 2 + 3 x 100) / 4 = 94.25.
 *   ITA change 76.25 - 94.25 = -18, SE sqrt(1.860969^2 + 1.690740^2) =
 *   2.514320, z SE = 4.927978: significant.
 *   X2 change 90 - 84 = 6, SE sqrt(5^2 + 6.110101^2) = 7.895146, z SE =
 *   15.474202: not significant; interval -9.474202 .. 21.474202.
 *   B change 75 - 100 = -25, SE 0: significant (no sampling error).
 */
#include "dataset.h"
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "uncertainty.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define FIXTURE "tests/fixtures/tiny/"
#define EPS 1e-6

typedef struct {
    model *m;
    registry *r;
    dataset d;
    diag_list diags;
    year_scores *now, *before;
    year_uncertainty *u_now, *u_before;
} world;

static void set_items(world *w, year_data *yd, const double *scores)
{
    static const char *const ids[] = {"a1", "a2", "a3", "b1", "b2", "b3"};
    yd->office_src[0] = (source_ref){0, 1};
    for (size_t i = 0; i < 6; i++)
        yd->items[w->m->item_slot[model_find(w->m, ids[i])]] = scores[i];
    yd->respondents[0] = 12; /* tool A, the first tool */
}

static void set_counts(world *w, year_data *yd, const char *id,
                       const double *counts)
{
    dataset_alloc_counts(&w->d, yd);
    size_t slot = (size_t)w->m->item_slot[model_find(w->m, id)];
    for (size_t l = 0; l < 4; l++)
        yd->counts[slot * yd->count_width + l] = counts[l];
}

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    *state = w;
    diag_init(&w->diags);
    w->m = model_load(FIXTURE "model.csv", &w->diags);
    w->r = registry_load(FIXTURE "offices.csv", &w->diags);
    if (!w->m || !w->r)
        return -1;
    dataset_init(&w->d, w->m, w->r);
    dataset_add_file(&w->d, "by hand");
    set_items(w, dataset_year(&w->d, 2563),
              (const double[]){80, 60, 84, 100, 100, 100});
    year_data *yd = dataset_year(&w->d, 2564);
    set_items(w, yd, (const double[]){80, 60, 90, 100, 0, 100});
    set_counts(w, yd, "a1", (const double[]){0, 2, 2, 6});
    set_counts(w, yd, "a2", (const double[]){1, 3, 3, 3});
    w->now = scores_compute(&w->d, 2564, 75);
    w->before = scores_compute(&w->d, 2563, 75);
    unc_options opt = {.seed = 1, .replicates = 1000, .ranks = true};
    w->u_now = uncertainty_compute(&w->d, w->now, &opt);
    opt.ranks = false;
    w->u_before = uncertainty_compute(&w->d, w->before, &opt);
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    uncertainty_free(w->u_now);
    uncertainty_free(w->u_before);
    scores_free(w->now);
    scores_free(w->before);
    if (w->m && w->r)
        dataset_free(&w->d);
    model_free(w->m);
    registry_free(w->r);
    diag_free(&w->diags);
    free(w);
    return 0;
}

static unc_interval node_of(const world *w, const char *id)
{
    return uncertainty_of(w->u_now, 0, 1 + (size_t)model_find(w->m, id));
}

static void test_item_standard_errors(void **state)
{
    world *w = *state;
    double mean, n;
    double se = uncertainty_counts_se((const double[]){0, 2, 2, 6}, 4, &mean, &n);
    assert_float_equal(mean, 80, EPS);
    assert_float_equal(n, 10, EPS);
    assert_float_equal(se, 80.0 / 9, EPS);
    assert_float_equal(uncertainty_binomial_se(90, 4, 12), 5, EPS);
    /* yes/no, L = 2: sqrt(75 * 25 / 1 / 30) = sqrt(62.5) */
    assert_float_equal(uncertainty_binomial_se(75, 2, 30), sqrt(62.5), EPS);
    assert_true(isnan(uncertainty_binomial_se(75, 2, NAN)));
    /* one answer has no spread to speak of */
    assert_true(isnan(uncertainty_counts_se((const double[]){0, 1, NAN, 0},
                                            4, &mean, &n)));
    assert_float_equal(node_of(w, "a1").se, 8.888889, EPS);
    assert_int_equal(node_of(w, "a1").basis, UNC_COUNTS);
    assert_float_equal(node_of(w, "a2").se, 10.886621, EPS);
    assert_float_equal(node_of(w, "a3").se, 5, EPS);
    assert_int_equal(node_of(w, "a3").basis, UNC_APPROXIMATE);
    assert_float_equal(node_of(w, "b2").se, 0, EPS);
    assert_int_equal(node_of(w, "b2").basis, UNC_EXACT);
}

static void test_up_the_model(void **state)
{
    world *w = *state;
    assert_float_equal(node_of(w, "X1").se, 9.887755, EPS);
    assert_int_equal(node_of(w, "X1").basis, UNC_COUNTS);
    assert_float_equal(node_of(w, "X2").se, 5, EPS);
    assert_float_equal(node_of(w, "A").se, 7.443877, EPS);
    assert_int_equal(node_of(w, "A").basis, UNC_APPROXIMATE);
    assert_float_equal(node_of(w, "B").se, 0, EPS);
    assert_int_equal(node_of(w, "B").basis, UNC_EXACT);
    unc_interval ita = uncertainty_of(w->u_now, 0, 0);
    assert_float_equal(w->now->offices[0].ita, 76.25, EPS);
    assert_float_equal(ita.se, 1.860969, EPS);
    assert_int_equal(ita.basis, UNC_APPROXIMATE);
    assert_float_equal(ita.low, 72.602567, EPS);
    assert_float_equal(ita.high, 79.897433, EPS);
    assert_float_equal(w->u_now->offices[0].p_pass, 0.749965, EPS);
    /* B scores 75 exactly and has no error: its interval is the point */
    assert_float_equal(node_of(w, "B").low, 75, EPS);
    assert_float_equal(node_of(w, "B").high, 75, EPS);
    /* a lone office is first in every replicate */
    assert_int_equal(w->u_now->replicates, 1000);
    assert_int_equal(w->u_now->offices[0].rank_low, 1);
    assert_int_equal(w->u_now->offices[0].rank_high, 1);
}

static void test_changes(void **state)
{
    world *w = *state;
    unc_change c;
    assert_true(uncertainty_change(w->u_before, w->u_now, 0, 0, &c));
    assert_float_equal(c.delta, -18, EPS);
    assert_float_equal(c.se, 2.514320, EPS);
    assert_true(c.significant);
    size_t x2 = 1 + (size_t)model_find(w->m, "X2");
    assert_true(uncertainty_change(w->u_before, w->u_now, 0, x2, &c));
    assert_float_equal(c.delta, 6, EPS);
    assert_float_equal(c.se, 7.895146, EPS);
    assert_float_equal(c.low, -9.474202, EPS);
    assert_float_equal(c.high, 21.474202, EPS);
    assert_false(c.significant);
    assert_int_equal(c.basis, UNC_APPROXIMATE);
    size_t b = 1 + (size_t)model_find(w->m, "B");
    assert_true(uncertainty_change(w->u_before, w->u_now, 0, b, &c));
    assert_float_equal(c.delta, -25, EPS);
    assert_float_equal(c.se, 0, EPS);
    assert_true(c.significant);
    /* office 22 is in neither year */
    assert_false(uncertainty_change(w->u_before, w->u_now, 1, 0, &c));
}

/* Movers and city-wide item changes: office 11 alone.  Items that moved:
 * b2 100 -> 0 (-100, SE 0: significant), a3 84 -> 90 (+6, SE sqrt(5^2 +
 * 6.110101^2) = 7.895146: not significant); the other four did not move. */
static void test_movers_and_item_changes(void **state)
{
    world *w = *state;
    size_t n;
    unc_mover *movers = uncertainty_movers(w->u_before, w->u_now, 0, &n);
    assert_int_equal(n, 1);
    assert_int_equal(movers[0].office, 0);
    assert_float_equal(movers[0].change.delta, -18, EPS);
    free(movers);
    unc_city_change *items = uncertainty_item_changes(w->u_before, w->u_now);
    assert_int_equal(items[0].measure, 1 + (size_t)model_find(w->m, "b2"));
    assert_float_equal(items[0].mean_delta, -100, EPS);
    assert_true(items[0].significant);
    assert_int_equal(items[1].measure, 1 + (size_t)model_find(w->m, "a3"));
    assert_float_equal(items[1].mean_delta, 6, EPS);
    assert_float_equal(items[1].se, 7.895146, EPS);
    assert_false(items[1].significant);
    /* the unmoved ones keep model order: a1, a2, b1, b3 */
    static const char *const still[] = {"a1", "a2", "b1", "b3"};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(items[2 + i].measure,
                         1 + (size_t)model_find(w->m, still[i]));
        assert_float_equal(items[2 + i].mean_delta, 0, EPS);
        assert_int_equal(items[2 + i].n, 1);
    }
    free(items);
}

/* Rank intervals: offices 11 and 22 score the same ITA (76.25) with SEs
 * of about 1.9 and 1.6, so each is first in about half the replicates:
 * both between 1 and 2.  Office 33 (ITA 40) has no respondents and no
 * counts: no interval of its own, and third in every replicate, so it
 * never changes the others' ranks. */
static void test_rank_intervals(void **state)
{
    world *w = *state;
    dataset d;
    dataset_init(&d, w->m, w->r);
    dataset_add_file(&d, "by hand");
    year_data *yd = dataset_year(&d, 2564);
    const double scores[3][6] = {{80, 60, 90, 100, 0, 100},
                                 {80, 60, 90, 100, 0, 100},
                                 {10, 10, 10, 50, 50, 50}};
    static const char *const ids[] = {"a1", "a2", "a3", "b1", "b2", "b3"};
    for (size_t o = 0; o < 3; o++) {
        yd->office_src[o] = (source_ref){0, 1};
        for (size_t i = 0; i < 6; i++)
            yd->items[o * w->m->n_items +
                      (size_t)w->m->item_slot[model_find(w->m, ids[i])]] =
                scores[o][i];
    }
    yd->respondents[0 * w->m->n_tools] = 10;
    yd->respondents[1 * w->m->n_tools] = 14;
    year_scores *ys = scores_compute(&d, 2564, 75);
    unc_options opt = {.seed = 5, .replicates = 1000, .ranks = true};
    year_uncertainty *u = uncertainty_compute(&d, ys, &opt);
    assert_int_equal(ys->n, 3);
    for (size_t pos = 0; pos < 2; pos++) {
        assert_int_equal(u->offices[pos].rank_low, 1);
        assert_int_equal(u->offices[pos].rank_high, 2);
    }
    assert_int_equal(uncertainty_of(u, 2, 0).basis, UNC_UNKNOWN);
    assert_true(isnan(uncertainty_of(u, 2, 0).se));
    assert_true(isnan(u->offices[2].p_pass));
    assert_int_equal(u->offices[2].rank_low, 0);
    assert_int_equal(u->offices[2].rank_high, 0);
    /* 11 and 22 pass (76.25 >= 75) with a chance of failing of about 25 %
     * and 21 %; their rank intervals span 1 place; 33 is unknown */
    unc_summary sum;
    uncertainty_summarize(u, 0, &sum);
    assert_int_equal(sum.n, 3);
    assert_int_equal(sum.known, 2);
    assert_int_equal(sum.approximate, 2);
    assert_int_equal(sum.wide_ranks, 2);
    assert_int_equal(sum.above_at_risk, 2);
    assert_int_equal(sum.below_in_reach, 0);
    uncertainty_summarize(u, 1, &sum);
    assert_int_equal(sum.wide_ranks, 0);
    uncertainty_free(u);
    scores_free(ys);
    dataset_free(&d);
}

static void test_default_replicates(void **state)
{
    (void)state;
    assert_int_equal(uncertainty_default_replicates(50), 10000);
    assert_int_equal(uncertainty_default_replicates(500), 10000);
    assert_int_equal(uncertainty_default_replicates(2000), 2500);
    assert_int_equal(uncertainty_default_replicates(8300), 1000);
    assert_string_equal(uncertainty_basis_name(UNC_APPROXIMATE), "approximate");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_item_standard_errors),
        cmocka_unit_test(test_up_the_model),
        cmocka_unit_test(test_changes),
        cmocka_unit_test(test_movers_and_item_changes),
        cmocka_unit_test(test_rank_intervals),
        cmocka_unit_test(test_default_replicates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
