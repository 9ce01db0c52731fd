/*
 * Action plans of the sample (inputs/, synthetic, 50 offices) with the
 * shipped model and measures library: properties checked against counts
 * made here from the scores themselves, not from the statistics the plans
 * read.
 */
#include "dataset.h"
#include "diag.h"
#include "ingest.h"
#include "measures.h"
#include "model.h"
#include "plans.h"
#include "registry.h"
#include "report.h"
#include "scores.h"
#include "stats.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define REFERENCE "inputs/reference/"
#define YEAR 2564

typedef struct {
    model *m;
    registry *r;
    dataset d;
    diag_list diags;
    measures_library *lib;
    year_scores *ys;
    city_stats *cs;
    plan_set *plans;
    plans_input in;
} sample;

static sample the;

static int setup(void **state)
{
    (void)state;
    diag_init(&the.diags);
    the.m = model_load(REFERENCE "model_2564.csv", &the.diags);
    the.r = registry_load(REFERENCE "bangkok_districts.csv", &the.diags);
    if (!the.m || !the.r)
        return -1;
    the.lib = measures_load(REFERENCE "measures.csv", the.m, &the.diags);
    dataset_init(&the.d, the.m, the.r);
    ingest_path(&the.d, "inputs/", &the.diags);
    dataset_check_complete(&the.d, &the.diags);
    the.ys = scores_compute(&the.d, YEAR, the.m->target);
    if (!the.lib || !the.ys)
        return -1;
    the.cs = stats_compute(the.ys);
    the.in = (plans_input){.m = the.m, .r = the.r, .current = the.ys,
                           .stats = the.cs, .measures = the.lib,
                           .lang = LANG_TH};
    the.plans = plans_compute(&the.in, NULL, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    plans_free(the.plans);
    stats_free(the.cs);
    scores_free(the.ys);
    dataset_free(&the.d);
    measures_free(the.lib);
    model_free(the.m);
    registry_free(the.r);
    diag_free(&the.diags);
    return 0;
}

/* Offices whose rounded score on item is below the target, and whether
 * any is lower than value (rounded), counted from the scores. */
static size_t count_below(int item, double value, bool *any_lower)
{
    size_t n = 0;
    *any_lower = false;
    for (size_t i = 0; i < the.ys->n; i++) {
        double v = score_round2(the.ys->offices[i].node[item]);
        n += v < the.ys->target;
        *any_lower |= v < score_round2(value);
    }
    return n;
}

static void test_every_office_has_a_plan(void **state)
{
    (void)state;
    assert_int_equal(the.plans->n, 50);
    size_t keep_plans = 0;
    for (size_t i = 0; i < the.plans->n; i++) {
        const office_plan *p = &the.plans->plans[i];
        assert_true(p->n_rows > 0);
        if (p->n_raise > 0)
            continue;
        /* nothing below the target: its 3 lowest items and O42, O43 (the
         * library's in_every_plan items), 4 or 5 rows as they overlap */
        keep_plans++;
        assert_in_range(p->n_rows, 2, PLANS_KEEP_WEAKEST + 2);
        bool o42 = false, o43 = false;
        for (size_t k = 0; k < p->n_rows; k++) {
            assert_int_equal(p->rows[k].kind, PLAN_KEEP);
            const char *id = the.m->nodes[p->rows[k].item].id;
            o42 |= strcmp(id, "O42") == 0;
            o43 |= strcmp(id, "O43") == 0;
        }
        assert_true(o42 && o43);
    }
    /* the issue found three offices with an empty plan */
    assert_true(keep_plans >= 3);
}

static void test_last_office_rows_are_not_low_and_spread_is_counted(void **state)
{
    (void)state;
    size_t n_bands;
    const plan_priority *bands = plans_priorities(&n_bands);
    size_t last_rows = 0;
    for (size_t i = 0; i < the.plans->n; i++) {
        const office_plan *p = &the.plans->plans[i];
        for (size_t k = 0; k < p->n_rows; k++) {
            const plan_row *r = &p->rows[k];
            bool any_lower;
            size_t below = count_below(r->item, r->score, &any_lower);
            assert_int_equal(r->n_below, below);
            /* city-wide when at least a third of the 50 are below */
            assert_int_equal(r->city_wide, below * 3 >= 50);
            assert_int_equal((r->factors & PLAN_F_LAST) != 0, !any_lower);
            if (!any_lower) {
                last_rows++;
                assert_string_not_equal(bands[r->priority].id, "low");
            }
        }
    }
    assert_true(last_rows > 0);
}

static void test_thon_buri_i9(void **state)
{
    (void)state;
    /* Thon Buri (1015) is last of the 50 offices on I9 (the issue's
     * case): its row is not low, and the reason says it is the lowest */
    const office_plan *p = plans_find(the.plans, registry_find(the.r, "1015"));
    assert_non_null(p);
    int i9 = model_find(the.m, "I9");
    const plan_row *row = NULL;
    for (size_t k = 0; k < p->n_rows; k++)
        if (p->rows[k].item == i9)
            row = &p->rows[k];
    assert_non_null(row);
    bool any_lower;
    count_below(i9, row->score, &any_lower);
    assert_false(any_lower);
    assert_true(row->factors & PLAN_F_LAST);
    assert_string_not_equal(plans_priorities(&(size_t){0})[row->priority].id,
                            "low");
    assert_non_null(strstr(row->reason, "ต่ำสุดใน 50 เขต"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_office_has_a_plan),
        cmocka_unit_test(test_last_office_rows_are_not_low_and_spread_is_counted),
        cmocka_unit_test(test_thon_buri_i9),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
