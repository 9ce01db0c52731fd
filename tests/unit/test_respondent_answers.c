/*
 * Respondent-level answers (respondent_answers.h), worked by hand on the
 * tiny model (tests/fixtures/tiny: tool A = X1 (a1, a2) and X2 (a3), all
 * 4-level, worth 0, 100/3, 200/3, 100; tool B an assessor's check).
 *
 * Office 11 in 2564, three respondents of A (long form):
 *   r1: a1 4, a2 3, a3 4;  r2: a1 3, a2 3, a3 4;  r3: a1 4, a2 2 (a3 not
 *   answered).
 *   a1 = (100 + 66.666667 + 100) / 3 = 88.888889, counts (0, 0, 1, 2);
 *   a2 = (66.666667 x 2 + 33.333333) / 3 = 55.555556, counts (0, 1, 2, 0);
 *   a3 = 100 from two answers, counts (0, 0, 0, 2); respondents of A: 3.
 *   X1 (a1, a2 half each, all answered): z = 83.333333, 66.666667,
 *   66.666667, mean 72.222222, s_z^2 = (11.111111^2 + 2 x 5.555556^2) / 2
 *   = 92.592593, SE = sqrt(92.592593 / 3) = 5.555556.
 *   A (a1 1/4, a2 1/4, a3 1/2, a3 by 2 of 3): u_r = sum w_j (n / n_j)
 *   (y_rj - ybar_j): r1 0.25 x 11.111111 + 0.25 x 11.111111 + 0.5 x 1.5 x
 *   0 = 5.555556; r2 0.25 x -22.222222 + 0.25 x 11.111111 = -2.777778; r3
 *   0.25 x 11.111111 + 0.25 x -22.222222 = -2.777778; sum u^2 = 46.296296,
 *   SE = sqrt(46.296296 / 6) = 2.777778.
 */
#include "dataset.h"
#include "diag.h"
#include "ingest.h"
#include "model.h"
#include "registry.h"
#include "respondent_answers.h"
#include "scores.h"
#include "uncertainty.h"

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
#define EPS 1e-6

typedef struct {
    model *m;
    registry *r;
    dataset d;
    diag_list diags;
    char path[64];
} world;

/* Reads `text` as an input file into a fresh dataset and settles it. */
static void read_text(world *w, const char *text)
{
    strcpy(w->path, "/tmp/itabench-answers-XXXXXX.csv");
    int fd = mkstemps(w->path, 4);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    dataset_init(&w->d, w->m, w->r);
    ingest_path(&w->d, w->path, &w->diags);
    respondent_answers_settle(&w->d, &w->diags);
    unlink(w->path);
}

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    *state = w;
    diag_init(&w->diags);
    w->m = model_load(FIXTURE "model.csv", &w->diags);
    w->r = registry_load(FIXTURE "offices.csv", &w->diags);
    return w->m && w->r ? 0 : -1;
}

static int teardown(void **state)
{
    world *w = *state;
    model_free(w->m);
    registry_free(w->r);
    diag_free(&w->diags);
    free(w);
    return 0;
}

static double item(const world *w, const year_data *yd, const char *id)
{
    return yd->items[w->m->item_slot[model_find(w->m, id)]];
}

static double count(const world *w, const year_data *yd, const char *id,
                    int level)
{
    size_t slot = (size_t)w->m->item_slot[model_find(w->m, id)];
    return yd->counts[dataset_count_index(&w->d, yd, 0, slot) +
                      (size_t)level - 1];
}

static void test_answers_give_scores_counts_and_se(void **state)
{
    world *w = *state;
    diag_free(&w->diags);
    read_text(w, "year,office_code,tool,respondent,item,answer\n"
                 "2564,11,A,r1,a1,4\n2564,11,A,r1,a2,3\n2564,11,A,r1,a3,4\n"
                 "2564,11,A,r2,a1,3\n2564,11,A,r2,a2,3\n2564,11,A,r2,a3,4\n"
                 "2564,11,A,r3,a1,4\n2564,11,A,r3,a2,2\n2564,11,A,r3,a3,\n");
    assert_int_equal(diag_count(&w->diags, DIAG_ERROR), 0);
    year_data *yd = dataset_year(&w->d, 2564);
    assert_float_equal(item(w, yd, "a1"), 88.888889, EPS);
    assert_float_equal(item(w, yd, "a2"), 55.555556, EPS);
    assert_float_equal(item(w, yd, "a3"), 100, EPS);
    assert_float_equal(count(w, yd, "a1", 3), 1, 0);
    assert_float_equal(count(w, yd, "a1", 4), 2, 0);
    assert_float_equal(count(w, yd, "a2", 2), 1, 0);
    assert_float_equal(count(w, yd, "a3", 4), 2, 0);
    assert_float_equal(count(w, yd, "a3", 1), 0, 0);
    assert_float_equal(yd->respondents[0], 3, 0);
    assert_int_equal(respondent_answers_offices(&w->d, 2564), 1);
    const answer_matrix *am = respondent_answers_find(&w->d, 2564, 0, 0);
    assert_non_null(am);
    assert_int_equal(am->n, 3);
    assert_int_equal(am->k, 3);
    /* B's checks by hand, so that the office is scored */
    static const char *const checks[] = {"b1", "b2", "b3"};
    for (size_t i = 0; i < 3; i++)
        yd->items[w->m->item_slot[model_find(w->m, checks[i])]] = 100;
    year_scores *ys = scores_compute(&w->d, 2564, 75);
    uncertainty_options opt = {.item_correlation = 0.5};
    year_uncertainty *u = uncertainty_compute(&w->d, ys, &opt);
    size_t x1 = 1 + (size_t)model_find(w->m, "X1");
    size_t a = 1 + (size_t)model_find(w->m, "A");
    assert_float_equal(uncertainty_of(u, 0, x1).se, 5.555556, EPS);
    assert_int_equal(uncertainty_of(u, 0, x1).basis, UNCERTAINTY_RESPONDENTS);
    assert_float_equal(uncertainty_of(u, 0, a).se, 2.777778, EPS);
    /* ITA: W_A = 1/4, B exact */
    assert_float_equal(uncertainty_of(u, 0, 0).se, 2.777778 / 4, EPS);
    assert_int_equal(uncertainty_of(u, 0, 0).basis, UNCERTAINTY_RESPONDENTS);
    uncertainty_free(u);
    scores_free(ys);
    dataset_free(&w->d);
}

/* A second answer of one person to one item, a level outside 1..4, an item
 * under another tool, an answer without a respondent: four errors, none
 * naming the respondent ("secret-id"). */
static void test_bad_answers_are_errors(void **state)
{
    world *w = *state;
    diag_free(&w->diags);
    read_text(w, "year,office_code,tool,respondent,item,answer\n"
                 "2564,11,A,secret-id,a1,4\n2564,11,A,secret-id,a1,3\n"
                 "2564,11,A,secret-id,a2,5\n2564,11,B,secret-id,a3,4\n"
                 "2564,11,A,,a3,4\n");
    assert_int_equal(diag_count(&w->diags, DIAG_ERROR), 4);
    for (size_t i = 0; i < w->diags.n; i++)
        assert_null(strstr(w->diags.items[i].message, "secret-id"));
    dataset_free(&w->d);
}

/* Given item scores and counts that disagree with the answers: an error
 * naming the office and item for each. */
static void test_answers_must_agree(void **state)
{
    world *w = *state;
    diag_free(&w->diags);
    read_text(w, "year,office_code,item,score\n2564,11,a1,88.89\n"
                 "2564,11,a2,50\n"
                 "\n"
                 "year,office_code,tool,respondent,item,answer\n"
                 "2564,11,A,r1,a1,4\n2564,11,A,r1,a2,3\n"
                 "2564,11,A,r2,a1,3\n2564,11,A,r2,a2,3\n"
                 "2564,11,A,r3,a1,4\n2564,11,A,r3,a2,2\n");
    assert_int_equal(diag_count(&w->diags, DIAG_ERROR), 1);
    assert_non_null(strstr(w->diags.items[w->diags.n - 1].message,
                           "office 11 (One) 2564: the respondents' answers to "
                           "a2 give 55.556 (3 answers), its score is 50.00"));
    dataset_free(&w->d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answers_give_scores_counts_and_se),
        cmocka_unit_test(test_bad_answers_are_errors),
        cmocka_unit_test(test_answers_must_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
