/*
 * Action plans and the measures library on the tiny model
 * (tests/fixtures/tiny, target 75).  Every expected number is worked out by
 * hand in the comments from the fixture:
 *
 *   item  parent  answer     ita_weight                 One/Three  Two
 *   a1    X1      scale4     1/4 * 1/2 * 1/2 = 0.0625       80      70
 *   a2    X1      scale4     0.0625                         60      70
 *   a3    X2      scale4     1/4 * 1/2 * 1   = 0.125        90      70
 *   b1    S1      published  3/4 * 1/2 * 1/2 = 0.1875      100      70
 *   b2    S1      published  0.1875                          0      70
 *   b3    S2      published  3/4 * 1/2 * 1   = 0.375       100      70
 *
 *   ITA: One and Three 76.25 (pass), Two 70 (fails 75 by 5).
 */
#include "dataset.h"
#include "ingest.h"
#include "measures.h"
#include "model.h"
#include "plans.h"
#include "tiny_world.h"
#include "registry.h"
#include "report.h"
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

#define FIXTURE TINY_FIXTURE

static const char measures_header[] =
    "item,lead_unit_th,lead_unit_en,support_units_th,support_units_en,"
    "measure_th,measure_en,monitoring_th,monitoring_en,publish_th,publish_en\n";

/* One row per item, a2 given twice (two measures to join). */
static const char measures_rows[] =
    "a1,ฝ่ายปกครอง,Administration,ทุกฝ่าย,All sections,ทำ a1,Do a1,ตรวจ a1,Check a1,,\n"
    "a2,ฝ่ายปกครอง,Administration,ฝ่ายการคลัง,Finance,ทำ a2,Do a2,ตรวจ a2,Check a2,,\n"
    "a3,ฝ่ายการคลัง,Finance,,,ทำ a3,Do a3,ตรวจ a3,Check a3,,\n"
    "b1,ฝ่ายปกครอง,Administration,,,ทำ b1,Do b1,ตรวจ b1,Check b1,เผยแพร่ b1,Publish b1\n"
    "b2,ฝ่ายปกครอง,Administration,,,ทำ b2,Do b2,ตรวจ b2,Check b2,เผยแพร่ b2,Publish b2\n"
    "b3,ฝ่ายปกครอง,Administration,,,ทำ b3,Do b3,ตรวจ b3,Check b3,เผยแพร่ b3,Publish b3\n"
    "A2,ฝ่ายทะเบียน,Registration,ฝ่ายการคลัง; ฝ่ายโยธา,Finance; Public Works,ทำ a2 อีก,Also do a2,ตรวจ a2 อีก,Check a2 again,,\n";

typedef struct {
    tiny_world t;
    measures_library *lib;
    char measures_path[64];
} world;

/* Writes text to a new temporary file; its name goes to path. */
static void write_temp(char *path, size_t size, const char *text)
{
    snprintf(path, size, "%s/itabench_measuresXXXXXX", P_tmpdir);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    *state = w;
    if (!tiny_world_load(&w->t))
        return -1;
    char *text = malloc(sizeof measures_header + sizeof measures_rows);
    strcpy(text, measures_header);
    strcat(text, measures_rows);
    write_temp(w->measures_path, sizeof w->measures_path, text);
    free(text);
    w->lib = measures_load(w->measures_path, w->t.m, &w->t.diags);
    if (!w->lib)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    unlink(w->measures_path);
    measures_free(w->lib);
    tiny_world_free(&w->t);
    free(w);
    return 0;
}

static plans_input make_input(const world *w, report_lang lang)
{
    return (plans_input){.m = w->t.m, .r = w->t.r, .current = w->t.ys,
                         .stats = w->t.cs, .lang = lang, .measures = w->lib};
}

static const char *item_id(const world *w, const plan_row *row)
{
    return w->t.m->nodes[row->item].id;
}

static void test_passing_office_lists_its_two_weak_items(void **state)
{
    world *w = *state;
    plans_input rep = make_input(w, LANG_EN);
    office_plan p;
    plans_compute_office(&rep, 0, &p); /* One */
    /* below 75: a2 (60) and b2 (0) */
    assert_int_equal(p.n_rows, 2);
    assert_string_equal(item_id(w, &p.rows[0]), "a2");
    assert_string_equal(item_id(w, &p.rows[1]), "b2");
    /* a2: goal 75, gap 15, gain 0.0625 * 15 = 0.9375 -> high (>= 0.5) */
    const plan_row *a2 = &p.rows[0];
    assert_float_equal(a2->goal, 75, 1e-12);
    assert_float_equal(a2->gap, 15, 1e-9);
    assert_float_equal(a2->gain, 0.9375, 1e-12);
    assert_string_equal(plans_priorities(&(size_t){0})[a2->priority].id, "high");
    /* a2 across offices: 60, 70, 60 -> rank 2 (only Two above), all three
     * below 75 -> city-wide, best Two with 70 */
    assert_int_equal(a2->rank, 2);
    assert_int_equal(a2->n_below, 3);
    assert_int_equal(a2->n_offices, 3);
    assert_true(a2->city_wide);
    assert_int_equal(a2->best_office, 1);
    assert_float_equal(a2->best_score, 70, 1e-9);
    assert_false(a2->unpublished);
    /* two rows of the library joined: numbered measures, distinct units */
    assert_string_equal(a2->measure, "1. Do a2\n2. Also do a2");
    assert_string_equal(a2->monitoring, "1. Check a2\n2. Check a2 again");
    assert_string_equal(a2->lead, "Administration; Registration");
    assert_string_equal(a2->support, "Finance; Public Works");
    /* b2: published item at 0, goal 100: gain 0.1875 * 100 = 18.75 */
    const plan_row *b2 = &p.rows[1];
    assert_float_equal(b2->goal, 100, 1e-12);
    assert_float_equal(b2->gain, 18.75, 1e-12);
    assert_true(b2->unpublished);
    assert_string_equal(b2->publish, "Publish b2");
    assert_string_equal(b2->timeframe, "Throughout fiscal year B.E. 2565");
    /* path: b2 then a2; 76.25 + 18.75 = 95, + 0.9375 = 95.9375; One
     * already passes: 0 steps needed */
    assert_int_equal(p.path[0], 1);
    assert_int_equal(p.path[1], 0);
    assert_float_equal(p.projected[0], 95, 1e-9);
    assert_float_equal(p.projected[1], 95.9375, 1e-9);
    assert_int_equal(p.steps_to_target, 0);
    assert_float_equal(p.total_gain, 19.6875, 1e-12);
    plans_free_office(&p);
}

static void test_failing_office_path_reaches_target_at_first_step(void **state)
{
    world *w = *state;
    plans_input rep = make_input(w, LANG_EN);
    office_plan p;
    plans_compute_office(&rep, 1, &p); /* Two: every item at 70 */
    assert_int_equal(p.n_rows, 6);
    static const char *const order[] = {"a1", "a2", "a3", "b1", "b2", "b3"};
    /* gains: a1, a2 0.0625*5 = 0.3125; a3 0.125*5 = 0.625;
     * b1, b2 0.1875*30 = 5.625; b3 0.375*30 = 11.25 */
    static const double gains[] = {0.3125, 0.3125, 0.625, 5.625, 5.625, 11.25};
    /* 0.3125 medium (0.2..0.5), the others high */
    static const char *const priority[] = {"medium", "medium", "high",
                                           "high", "high", "high"};
    size_t n_priorities;
    const plan_priority *bands = plans_priorities(&n_priorities);
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(item_id(w, &p.rows[i]), order[i]);
        assert_float_equal(p.rows[i].gain, gains[i], 1e-12);
        assert_string_equal(bands[p.rows[i].priority].id, priority[i]);
    }
    /* path: b3, b1, b2 (equal gains in model order), a3, a1, a2 */
    static const size_t path[] = {5, 3, 4, 2, 0, 1};
    /* 70 + 11.25 = 81.25, 86.875, 92.5, 93.125, 93.4375, 93.75; the last is
     * A at 75 and B at 100: (75 + 3 * 100) / 4 = 93.75 */
    static const double projected[] = {81.25, 86.875, 92.5, 93.125, 93.4375,
                                       93.75};
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(p.path[k], path[k]);
        assert_float_equal(p.projected[k], projected[k], 1e-9);
    }
    /* 81.25 >= 75 after the first step */
    assert_int_equal(p.steps_to_target, 1);
    /* a1: 80, 70, 80 -> Two ranks 3rd; only Two below 75 -> local; best is
     * One (the first of the two 80s, by code) */
    const plan_row *a1 = &p.rows[0];
    assert_int_equal(a1->rank, 3);
    assert_int_equal(a1->n_below, 1);
    assert_false(a1->city_wide);
    assert_int_equal(a1->best_office, 0);
    assert_float_equal(a1->best_score, 80, 1e-9);
    /* b2 at 70 is published in part: not "unpublished" */
    assert_false(p.rows[4].unpublished);
    plans_free_office(&p);
}

static void test_higher_target_needs_four_steps(void **state)
{
    world *w = *state;
    year_scores *ys95 = scores_compute(&w->t.d, 2564, 95);
    city_stats *cs95 = stats_compute(ys95);
    plans_input rep = make_input(w, LANG_EN);
    rep.current = ys95;
    rep.stats = cs95;
    office_plan p;
    plans_compute_office(&rep, 1, &p); /* Two, target 95 */
    /* a1, a2: 0.0625*25 = 1.5625; a3 0.125*25 = 3.125; b1, b2 5.625;
     * b3 11.25.  Path b3, b1, b2, a3, a1, a2: 81.25, 86.875, 92.5,
     * 95.625 (>= 95 at step 4), 97.1875, 98.75 = (95 + 300) / 4 */
    static const size_t path[] = {5, 3, 4, 2, 0, 1};
    static const double projected[] = {81.25, 86.875, 92.5, 95.625, 97.1875,
                                       98.75};
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(p.path[k], path[k]);
        assert_float_equal(p.projected[k], projected[k], 1e-9);
    }
    assert_int_equal(p.steps_to_target, 4);
    /* One (76.25) fails 95 too: a1 80, a2 60, a3 90 and b2 0 are below.
     * Gains a1 0.0625*15 = 0.9375, a2 0.0625*35 = 2.1875, a3 0.125*5 =
     * 0.625, b2 18.75.  Path b2, a2, a1, a3: 95 (reached at step 1),
     * 97.1875, 98.125, 98.75 = (95 + 300) / 4 */
    office_plan one;
    plans_compute_office(&rep, 0, &one);
    assert_int_equal(one.n_rows, 4);
    static const size_t one_path[] = {3, 1, 0, 2};
    static const double one_projected[] = {95, 97.1875, 98.125, 98.75};
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(one.path[k], one_path[k]);
        assert_float_equal(one.projected[k], one_projected[k], 1e-9);
    }
    assert_int_equal(one.steps_to_target, 1);
    plans_free_office(&one);
    plans_free_office(&p);
    stats_free(cs95);
    scores_free(ys95);
}

static void test_analysis_states_the_numbers(void **state)
{
    world *w = *state;
    plans_input rep = make_input(w, LANG_EN);
    office_plan p;
    plans_compute_office(&rep, 1, &p);
    /* a1 of Two: 70, 5 below 75, gain 0.3125 -> 0.31, 3rd of 3, local,
     * learn from One (80) */
    const char *a1 = p.rows[0].analysis;
    assert_non_null(strstr(a1, "Score 70.00, 5.00 points below the target of 75"));
    assert_non_null(strstr(a1, "adds 0.31 ITA points"));
    assert_non_null(strstr(a1, "ranks 3rd of 3 offices"));
    assert_non_null(strstr(a1, "local weakness; learn from One"));
    assert_non_null(strstr(a1, "with 80.00"));
    /* a2 of Two: all three below -> city-wide */
    assert_non_null(strstr(p.rows[1].analysis, "3 of the 3 offices"));
    assert_non_null(strstr(p.rows[1].analysis, "city-wide weakness"));
    plans_free_office(&p);

    rep.lang = LANG_TH;
    plans_compute_office(&rep, 0, &p); /* One: b2 unpublished */
    const plan_row *b2 = &p.rows[1];
    assert_non_null(strstr(b2->analysis, "ไม่พบการเผยแพร่ข้อมูล"));
    assert_non_null(strstr(b2->analysis, "18.75"));
    assert_non_null(strstr(b2->analysis, "สำนักงานเขตสอง"));
    assert_string_equal(b2->timeframe, "ตลอดปีงบประมาณ พ.ศ. 2565");
    assert_string_equal(b2->publish, "เผยแพร่ b2");
    plans_free_office(&p);
}

static void test_plan_set_in_the_order_asked(void **state)
{
    world *w = *state;
    plans_input rep = make_input(w, LANG_TH);
    int offices[] = {2, 0};
    plan_set *set = plans_compute(&rep, offices, 2);
    assert_int_equal(set->n, 2);
    assert_int_equal(set->plans[0].office, 2);
    assert_int_equal(set->plans[1].office, 0);
    assert_ptr_equal(plans_find(set, 0), &set->plans[1]);
    assert_null(plans_find(set, 1));
    plans_free(set);
    set = plans_compute(&rep, NULL, 0);
    assert_int_equal(set->n, 3);
    plans_free(set);
}

/* Loads a library made of the header and rows; returns it (or NULL) and
 * leaves the findings in diags. */
static measures_library *load_text(const world *w, const char *rows,
                                   diag_list *diags)
{
    char path[64];
    char *text = malloc(strlen(measures_header) + strlen(rows) + 1);
    strcpy(text, measures_header);
    strcat(text, rows);
    write_temp(path, sizeof path, text);
    free(text);
    measures_library *lib = measures_load(path, w->t.m, diags);
    unlink(path);
    return lib;
}

static bool has_message(const diag_list *d, unsigned long line,
                        const char *part)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].line == line && strstr(d->items[i].message, part))
            return true;
    return false;
}

static void test_measures_errors_name_line_and_value(void **state)
{
    world *w = *state;
    diag_list diags;
    diag_init(&diags);
    /* line 2 unknown item, line 3 an indicator, line 4 empty measure_en,
     * line 5 a published item without publish text; a3 and b3 missing */
    measures_library *lib = load_text(w,
        "zz9,ฝ่าย,Unit,,,ทำ,Do,ตรวจ,Check,,\n"
        "X1,ฝ่าย,Unit,,,ทำ,Do,ตรวจ,Check,,\n"
        "a1,ฝ่าย,Unit,,,ทำ,,ตรวจ,Check,,\n"
        "b1,ฝ่าย,Unit,,,ทำ,Do,ตรวจ,Check,,\n"
        "a2,ฝ่าย,Unit,,,ทำ,Do,ตรวจ,Check,,\n"
        "b2,ฝ่าย,Unit,,,ทำ,Do,ตรวจ,Check,เผยแพร่,Publish\n",
        &diags);
    assert_null(lib);
    assert_true(has_message(&diags, 2, "item \"zz9\" is not in the model"));
    assert_true(has_message(&diags, 3, "\"X1\" is not an item"));
    assert_true(has_message(&diags, 4, "a1: measure_en is empty"));
    assert_true(has_message(&diags, 5, "b1: publish_th is empty"));
    assert_true(has_message(&diags, 0, "2 items of the model"));
    assert_true(has_message(&diags, 0, "a3, b3"));
    for (size_t i = 0; i < diags.n; i++)
        assert_non_null(diags.items[i].file);
    diag_free(&diags);

    /* a missing column is named, and no coverage noise follows */
    diag_init(&diags);
    char path[64];
    write_temp(path, sizeof path, "item,measure_th\na1,ทำ\n");
    assert_null(measures_load(path, w->t.m, &diags));
    unlink(path);
    assert_true(has_message(&diags, 1, "no column lead_unit_th"));
    assert_false(has_message(&diags, 0, "of the model"));
    diag_free(&diags);
}

static void test_measures_texts_by_language(void **state)
{
    world *w = *state;
    const measure_entry *e = measures_for_item(w->lib, model_find(w->t.m, "a3"));
    assert_non_null(e);
    assert_string_equal(measures_text(e, MEASURE_LEAD, LANG_TH), "ฝ่ายการคลัง");
    assert_string_equal(measures_text(e, MEASURE_LEAD, LANG_EN), "Finance");
    assert_string_equal(measures_text(e, MEASURE_SUPPORT, LANG_EN), "");
    assert_int_equal(e->n_rows, 1);
    assert_int_equal(e->line, 4);
    assert_null(measures_for_item(w->lib, model_find(w->t.m, "X1")));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passing_office_lists_its_two_weak_items),
        cmocka_unit_test(test_failing_office_path_reaches_target_at_first_step),
        cmocka_unit_test(test_higher_target_needs_four_steps),
        cmocka_unit_test(test_analysis_states_the_numbers),
        cmocka_unit_test(test_plan_set_in_the_order_asked),
        cmocka_unit_test(test_measures_errors_name_line_and_value),
        cmocka_unit_test(test_measures_texts_by_language),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
