/*
 * The engine on a small made-up model (tests/fixtures/tiny): two tools
 * weighted 1 and 3, three indicators, one of them with sub-indicators.
 * Every expected number is worked out by hand in the comments.
 */
#include "dataset.h"
#include "ingest.h"
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "tiny_world.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define FIXTURE TINY_FIXTURE

typedef struct {
    tiny_world t;
} world;

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    *state = w;
    return tiny_world_load(&w->t) ? 0 : -1;
}

static int teardown(void **state)
{
    world *w = *state;
    tiny_world_free(&w->t);
    free(w);
    return 0;
}

static double node(const world *w, const office_score *s, const char *id)
{
    return s->node[model_find(w->t.m, id)];
}

static void test_model_shape_and_item_weights(void **state)
{
    world *w = *state;
    assert_int_equal(w->t.m->n_tools, 2);
    assert_int_equal(w->t.m->n_indicators, 3);
    assert_int_equal(w->t.m->n_subs, 2);
    assert_int_equal(w->t.m->n_items, 6);
    assert_true(w->t.m->target == 75);
    /* a1: tool A 1/4, X1 1/2 of A, a1 1/2 of X1 = 0.0625 */
    assert_float_equal(w->t.m->nodes[model_find(w->t.m, "a1")].ita_weight, 0.0625, 1e-12);
    /* a3: 1/4 * 1/2 * 1 = 0.125 */
    assert_float_equal(w->t.m->nodes[model_find(w->t.m, "a3")].ita_weight, 0.125, 1e-12);
    /* b1: tool B 3/4, Y1 all of B, S1 1/2 of Y1, b1 1/2 of S1 = 0.1875 */
    assert_float_equal(w->t.m->nodes[model_find(w->t.m, "b1")].ita_weight, 0.1875, 1e-12);
    /* b3: 3/4 * 1 * 1/2 * 1 = 0.375 */
    assert_float_equal(w->t.m->nodes[model_find(w->t.m, "b3")].ita_weight, 0.375, 1e-12);
    /* grades sorted best first whatever the file order */
    assert_string_equal(w->t.m->grades[0].id, "G");
    assert_string_equal(w->t.m->grades[2].id, "F");
}

static void test_office_scores_by_hand(void **state)
{
    world *w = *state;
    assert_int_equal(diag_count(&w->t.diags, DIAG_ERROR), 0);
    const office_score *one = scores_find(w->t.ys, 0);
    assert_non_null(one);
    /* X1 = (80+60)/2 = 70; X2 = 90; A = (70+90)/2 = 80 */
    assert_float_equal(node(w, one, "X1"), 70, 1e-9);
    assert_float_equal(node(w, one, "A"), 80, 1e-9);
    /* S1 = (100+0)/2 = 50; S2 = 100; Y1 = mean of subs = 75 (not the item
     * mean 66.67); B = 75 */
    assert_float_equal(node(w, one, "S1"), 50, 1e-9);
    assert_float_equal(node(w, one, "Y1"), 75, 1e-9);
    /* ITA = (1*80 + 3*75)/4 = 76.25: grade P (50..79.99), passes 75 */
    assert_float_equal(one->ita, 76.25, 1e-9);
    assert_string_equal(w->t.m->grades[one->grade].id, "P");
    assert_true(one->pass);
    assert_float_equal(one->gap, 0, 1e-12);
    /* below 75: a2 (60) and b2 (0) */
    assert_int_equal(one->items_below, 2);
}

static void test_wide_form_year_ce_and_ranks(void **state)
{
    world *w = *state;
    /* the wide file gives office 22 for 2021 C.E. = 2564 B.E., office 33
     * (named "เขตสาม", with a Thai digit in a1) for 2564: both in 2564.  The
     * long file gives office 11 for 2564: three offices in all.  */
    assert_int_equal(w->t.ys->n, 3);
    const office_score *one = scores_find(w->t.ys, 0), *two = scores_find(w->t.ys, 1),
                       *three = scores_find(w->t.ys, 2);
    assert_non_null(two);
    assert_non_null(three);
    /* office 22: all 70 -> ITA 70, fails by 5, six items below */
    assert_float_equal(two->ita, 70, 1e-9);
    assert_false(two->pass);
    assert_float_equal(two->gap, 5, 1e-9);
    assert_int_equal(two->items_below, 6);
    /* office 33 has office 11's scores: a tie at 76.25 -> ranks 1, 1, 3 */
    assert_float_equal(three->ita, 76.25, 1e-9);
    assert_int_equal(one->rank, 1);
    assert_int_equal(three->rank, 1);
    assert_int_equal(two->rank, 3);
    /* zones: 11 and 22 in zone 1 (ranks 1, 2); 33 alone in zone 2 */
    assert_int_equal(one->zone_rank, 1);
    assert_int_equal(two->zone_rank, 2);
    assert_int_equal(three->zone_rank, 1);
}

static void test_rounding_half_up(void **state)
{
    (void)state;
    assert_float_equal(score_round2(84.995), 85.00, 1e-12);
    assert_float_equal(score_round2(84.994999), 84.99, 1e-12);
    /* an exact value just under the edge stays under it */
    assert_float_equal(score_round2(84.99499999), 84.99, 1e-12);
    /* a mean whose exact decimal value is 84.995 but whose binary value is
     * a hair below: (84.99 + 85.00) / 2 */
    assert_float_equal(score_round2((84.99 + 85.00) / 2), 85.00, 1e-12);
    assert_float_equal(score_round2(1.005), 1.01, 1e-12);
    assert_float_equal(score_round2(2.675), 2.68, 1e-12);
    assert_float_equal(score_round2(100), 100, 1e-12);
}

/* A published figure is flagged only beyond its rounding bound, 0.005 +
 * 0.005 x the weights of its 2-decimal inputs (scores_rounding_bound).
 * Office 11's inputs: a1, a2 (X1), a3 (X2) scale4 items, 2 decimals; b1,
 * b2, b3 disclosure items, exact.  Bounds, by hand: A = 0.005 + 0.005 x
 * (weights of a1, a2, a3 in A: 1/4 + 1/4 + 1/2 = 1) = 0.01; X1 0.01;
 * Y1 and B (exact inputs only) 0.005; ITA: tool A weighs 1/4, so
 * 0.005 + 0.005 x 1/4 = 0.00625.  In published.csv, ITA is 0.004 off
 * (fine), A 0.011 off (line 3), X1 exact, Y1 0.01 off (line 5), B exactly
 * 0.005 off (fine). */
static void test_published_tolerance(void **state)
{
    world *w = *state;
    dataset d;
    diag_list diags;
    diag_init(&diags);
    dataset_init(&d, w->t.m, w->t.r);
    ingest_path(&d, FIXTURE "scores_long.csv", &diags);
    ingest_path(&d, FIXTURE "published.csv", &diags);
    year_scores *ys = scores_compute(&d, 2564, w->t.m->target);
    scores_check_published(ys, &d, &diags);
    assert_int_equal(diag_count(&diags, DIAG_ERROR), 0);
    assert_int_equal(diag_count(&diags, DIAG_WARNING), 2);
    assert_int_equal(diags.items[0].line, 3);
    assert_non_null(strstr(diags.items[0].message, "published A 80.01"));
    assert_non_null(strstr(diags.items[0].message, "(0.0100:"));
    assert_non_null(strstr(diags.items[1].message, "(0.0050:"));
    const office_score *s = scores_find(ys, 0);
    assert_non_null(s);
    const model *m = w->t.m;
    assert_float_equal(scores_rounding_bound(m, s, NULL, MEASURE_ITA),
                       0.00625, 1e-12);
    assert_float_equal(scores_rounding_bound(
                           m, s, NULL, model_node_measure(model_find(m, "A"))),
                       0.01, 1e-12);
    assert_float_equal(scores_rounding_bound(
                           m, s, NULL, model_node_measure(model_find(m, "B"))),
                       0.005, 1e-12);
    assert_int_equal(diags.items[1].line, 5);
    assert_non_null(strstr(diags.items[1].message, "published Y1 75.01"));
    scores_free(ys);
    dataset_free(&d);
    diag_free(&diags);
}

/* Offices with published figures only, at the deepest level given
 * (published_only.csv).  By hand: office 22 gives X1 70, X2 80, Y1 90:
 * A = 75, B = 90 (published 90.01 is kept: within 0.01 of 90), ITA
 * published 86.25 = (75 + 3 x 90) / 4 exactly; basis indicators.  Office
 * 33 gives tools A 60, B 80: (60 + 240) / 4 = 75.00 recomputed, published
 * 75.02 is kept for ranking but flagged (0.02 > 0.005 + 0.005 x 1);
 * basis tools.  Office 11 gives ITA 70.50 alone.  Ranks 22, 33, 11. */
static void test_published_only_offices(void **state)
{
    world *w = *state;
    const model *m = w->t.m;
    dataset d;
    diag_list diags;
    diag_init(&diags);
    dataset_init(&d, m, w->t.r);
    ingest_path(&d, FIXTURE "published_only.csv", &diags);
    dataset_check_complete(&d, &diags);
    scores_check_unscored(&d, &diags);
    assert_int_equal(diag_count(&diags, DIAG_ERROR), 0);
    assert_int_equal(diag_count(&diags, DIAG_WARNING), 0);
    year_scores *ys = scores_compute(&d, 2564, m->target);
    assert_non_null(ys);
    assert_int_equal(ys->n, 3);
    assert_int_equal(ys->n_published, 3);
    const office_score *one = scores_find(ys, 0), *two = scores_find(ys, 1),
                       *three = scores_find(ys, 2);
    assert_int_equal(two->basis, SCORE_FROM_INDICATORS);
    assert_int_equal(three->basis, SCORE_FROM_TOOLS);
    assert_int_equal(one->basis, SCORE_FROM_ITA);
    assert_float_equal(two->ita, 86.25, 1e-9);
    assert_float_equal(two->node[model_find(m, "A")], 75, 1e-9);
    assert_float_equal(two->node[model_find(m, "B")], 90.01, 1e-9);
    assert_true(isnan(two->node[model_find(m, "a1")]));
    assert_true(isnan(two->node[model_find(m, "S1")]));
    assert_int_equal(two->items_below, 0);
    assert_float_equal(three->ita_r2, 75.02, 1e-9);
    assert_true(isnan(three->node[model_find(m, "X1")]));
    assert_int_equal(two->rank, 1);
    assert_int_equal(three->rank, 2);
    assert_int_equal(one->rank, 3);
    assert_false(scores_from_items(one));
    scores_check_published(ys, &d, &diags);
    assert_int_equal(diag_count(&diags, DIAG_WARNING), 1);
    assert_int_equal(diags.items[0].line, 9);
    assert_non_null(strstr(diags.items[0].message, "published ITA 75.02"));
    assert_non_null(strstr(diags.items[0].message, "(0.0100:"));
    scores_note_published(ys, &diags);
    assert_int_equal(diag_count(&diags, DIAG_NOTE), 1);
    scores_free(ys);
    dataset_free(&d);
    diag_free(&diags);
}

/* Ranks, grade and pass use ITA rounded to 2 decimals: 84.996 and 85.004
 * both publish as 85.00 and tie for rank 1 (grade G, pass at target 85),
 * 84.994 publishes as 84.99 and ranks 3rd, failing by 0.01. */
static void test_ranks_and_grades_on_rounded_ita(void **state)
{
    world *w = *state;
    static const double ita[] = {84.996, 85.004, 84.994};
    dataset d;
    dataset_init(&d, w->t.m, w->t.r);
    dataset_add_file(&d, "made-up");
    year_data *yd = dataset_year(&d, 2564);
    for (size_t o = 0; o < 3; o++) {
        yd->office_src[o] = (source_ref){0, 1};
        /* every item at v gives every node, and ITA, v */
        for (size_t s = 0; s < w->t.m->n_items; s++)
            yd->items[o * w->t.m->n_items + s] = ita[o];
    }
    year_scores *ys = scores_compute(&d, 2564, 85);
    assert_int_equal(ys->n, 3);
    assert_int_equal(ys->offices[0].rank, 1);
    assert_int_equal(ys->offices[1].rank, 1);
    assert_int_equal(ys->offices[2].rank, 3);
    /* office 11 before 22 in the tie, by code */
    assert_int_equal(ys->by_rank[0], 0);
    assert_true(ys->offices[0].pass && ys->offices[1].pass);
    assert_false(ys->offices[2].pass);
    assert_float_equal(ys->offices[2].gap, 0.01, 1e-9);
    assert_string_equal(w->t.m->grades[ys->offices[0].grade].id, "G");
    /* zone 1 holds 11 and 22 (tied), zone 2 holds 33 alone */
    assert_int_equal(ys->offices[1].zone_rank, 1);
    assert_int_equal(ys->offices[2].zone_rank, 1);
    /* grade edges: 79.995 publishes as 80.00, a G; 79.994 as 79.99, a P */
    assert_string_equal(w->t.m->grades[model_grade_of(w->t.m, score_round2(79.995))].id, "G");
    assert_string_equal(w->t.m->grades[model_grade_of(w->t.m, score_round2(79.994))].id, "P");
    scores_free(ys);
    dataset_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_shape_and_item_weights),
        cmocka_unit_test(test_office_scores_by_hand),
        cmocka_unit_test(test_wide_form_year_ce_and_ranks),
        cmocka_unit_test(test_rounding_half_up),
        cmocka_unit_test(test_published_tolerance),
        cmocka_unit_test(test_published_only_offices),
        cmocka_unit_test(test_ranks_and_grades_on_rounded_ita),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
