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
#include "text.h"
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
    "measure_th,measure_en,monitoring_th,monitoring_en,publish_th,publish_en,"
    "evidence_th,evidence_en,quarter,in_every_plan\n";

/* One row per item, a2 given twice (two measures to join). */
static const char measures_rows[] =
    "a1,ฝ่ายปกครอง,Administration,ทุกฝ่าย,All sections,ทำ a1,Do a1,ตรวจ a1,Check a1,,,หลักฐาน a1,Evidence a1,1,\n"
    "a2,ฝ่ายปกครอง,Administration,ฝ่ายการคลัง,Finance,ทำ a2,Do a2,ตรวจ a2,Check a2,,,หลักฐาน a2,Evidence a2,1,no\n"
    "a3,ฝ่ายการคลัง,Finance,,,ทำ a3,Do a3,ตรวจ a3,Check a3,,,หลักฐาน a3,Evidence a3,4,\n"
    "b1,ฝ่ายปกครอง,Administration,,,ทำ b1,Do b1,ตรวจ b1,Check b1,เผยแพร่ b1,Publish b1,หลักฐาน b1,Evidence b1,2,\n"
    "b2,ฝ่ายปกครอง,Administration,,,ทำ b2,Do b2,ตรวจ b2,Check b2,เผยแพร่ b2,Publish b2,หลักฐาน b2,Evidence b2,2,\n"
    "b3,ฝ่ายปกครอง,Administration,,,ทำ b3,Do b3,ตรวจ b3,Check b3,เผยแพร่ b3,Publish b3,หลักฐาน b3,Evidence b3,1,YES\n"
    "A2,ฝ่ายทะเบียน,Registration,ฝ่ายการคลัง; ฝ่ายโยธา,Finance; Public Works,ทำ a2 อีก,Also do a2,ตรวจ a2 อีก,Check a2 again,,,หลักฐาน a2 อีก,More evidence a2,3,\n";

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
    /* below 75: a2 (60) and b2 (0); b3 (100) kept: the library puts it in
     * every plan */
    assert_int_equal(p.n_rows, 3);
    assert_string_equal(item_id(w, &p.rows[0]), "a2");
    assert_string_equal(item_id(w, &p.rows[1]), "b2");
    assert_string_equal(item_id(w, &p.rows[2]), "b3");
    assert_int_equal(p.rows[2].kind, PLAN_KEEP);
    /* a2: goal 75, gap 15, gain 0.0625 * 15 = 0.9375.  Priority rule:
     * gain >= 0.50 (+2), gap >= 10 (+1); rank 2 of 3 is not in the lowest
     * fifth (2 * 5 > 3 * 4 is false) but 60 is the lowest score (shared
     * with Three); 3 of 3 below: city-wide (3 * 3 >= 3, no points).
     * 3 points: high by the bands, but a plan of 3 rows has no high row
     * (at most 3 / 5 = 0): medium. */
    const plan_row *a2 = &p.rows[0];
    assert_float_equal(a2->goal, 75, 1e-12);
    assert_float_equal(a2->gap, 15, 1e-9);
    assert_float_equal(a2->gain, 0.9375, 1e-12);
    assert_string_equal(plans_priorities(&(size_t){0})[a2->priority].id,
                        "medium");
    assert_int_equal(a2->points, 3);
    assert_int_equal(a2->factors, PLAN_F_GAIN_MAJOR | PLAN_F_WIDE_GAP |
                                      PLAN_F_LAST | PLAN_F_CITY_WIDE);
    assert_string_equal(a2->reason,
                        "3 points: ITA +0.94; 15.00 below the target; lowest "
                        "of 3; city-wide (3 of 3 below)");
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
    /* quarters: a2's rows say 1 and 3 (the latest counts), b2's 2, b3's 1;
     * 3 rows: a quarter holds one row (3 / 4 = 0, the first 3 quarters
     * one more), a unit leads at most one row of it.  Placed by priority
     * (b2 and a2 medium, b2 gaining more; b3 low, 0 points): b2 in 2, a2
     * in 3, b3 in 1, each where the library puts it.  Fiscal year 2565
     * runs from October 2021 to September 2022 */
    assert_int_equal(p.rows[2].quarter, 1);
    assert_int_equal(a2->quarter, 3);
    assert_string_equal(a2->timeframe, "Carry out Oct 2021 – Jun 2022 "
                                       "(quarter 3); monitor until Sep 2022");
    assert_int_equal(b2->quarter, 2);
    assert_string_equal(b2->timeframe, "Carry out Oct 2021 – Mar 2022 "
                                       "(quarter 2); monitor until Sep 2022");
    assert_int_equal(b2->due.year, 2022);
    assert_int_equal(b2->due.month, 3);
    assert_int_equal(b2->due.day, 31);
    assert_string_equal(b2->milestone[0], "Preparing");
    assert_string_equal(b2->milestone[1], "Published in full");
    assert_string_equal(b2->milestone[2], "Kept current");
    assert_string_equal(b2->milestone[3], "Kept current");
    assert_string_equal(a2->milestone[1], "Under way");
    assert_string_equal(a2->milestone[2], "In place, evidence filed");
    assert_string_equal(a2->milestone[3], "Monitored");
    /* success: the goal at the next assessment and the evidence */
    assert_string_equal(b2->success, "Published in full (100) in the ITA of "
                                     "2565");
    assert_string_equal(b2->evidence, "Evidence b2");
    assert_string_equal(a2->success, "75 or more in the ITA of 2565");
    assert_string_equal(a2->evidence, "1. Evidence a2\n2. More evidence a2");
    /* the printed codes of the factors that fired: gain >= 0.50 (A), gap
     * >= 10 (C), lowest (D), city-wide (G) */
    assert_string_equal(a2->codes, "A C D G");
    assert_int_equal(p.n_raise, 2);
    /* path: b2 then a2; 76.25 + 18.75 = 95, + 0.9375 = 95.9375; One
     * already passes: 0 steps needed */
    assert_int_equal(p.path[0], 1);
    assert_int_equal(p.path[1], 0);
    assert_int_equal(p.path[2], 2);   /* the kept row, gaining nothing */
    assert_float_equal(p.projected[0], 95, 1e-9);
    assert_float_equal(p.projected[1], 95.9375, 1e-9);
    assert_float_equal(p.projected[2], 95.9375, 1e-9);
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
    /* Two scores 70 everywhere, 5 below 75; every item has at least one
     * office below 75 of 3, so every one is city-wide (no points), and no
     * gap reaches 10.  Points:
     *   a1 gain 0.3125 (+1), 70 is rank 3 of 80/70/80: lowest fifth (+1),
     *      and the lowest score                         2 medium
     *   a2 gain 0.3125 (+1), rank 1 of 60/70/60         1 low
     *   a3 gain 0.625 (+2), rank 3 of 90/70/90 (+1)     3 high
     *   b1 gain 5.625 (+2), rank 3 of 100/70/100 (+1)   3 high
     *   b2 gain 5.625 (+2), rank 1 of 0/70/0            2 medium
     *   b3 gain 11.25 (+2), rank 3 of 100/70/100 (+1)   3 high
     * At most 6 / 5 = 1 row is high: of the three with 3 points, b3 gains
     * most; a3 and b1 become medium. */
    static const char *const priority[] = {"medium", "low", "medium",
                                           "medium", "medium", "high"};
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
    /* a1: 80, 70, 80 -> Two ranks 3rd; only Two below 75, but 1 of 3 is a
     * third: city-wide; best is One (the first of the two 80s, by code) */
    const plan_row *a1 = &p.rows[0];
    assert_int_equal(a1->rank, 3);
    assert_int_equal(a1->n_below, 1);
    assert_true(a1->city_wide);
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
     * 97.1875, 98.125, 98.75 = (95 + 300) / 4; then b3 (100), kept in
     * every plan, which gains nothing */
    office_plan one;
    plans_compute_office(&rep, 0, &one);
    assert_int_equal(one.n_rows, 5);
    static const size_t one_path[] = {3, 1, 0, 2, 4};
    static const double one_projected[] = {95, 97.1875, 98.125, 98.75,
                                           98.75};
    for (size_t k = 0; k < 5; k++) {
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
    /* a1 of Two: 70, 5 below 75, gain 0.3125 -> 0.31, 3rd of 3, one of
     * three offices below (a third): city-wide, best One (80) */
    const char *a1 = p.rows[0].analysis;
    assert_string_equal(a1, "70.00, 5.00 points below the target; rank 3 of "
                            "3 offices; offices below the target on this "
                            "item: 1 (a weakness shared across the city)");
    /* a2 of Two: all three below -> city-wide */
    assert_string_equal(p.rows[1].analysis,
                        "70.00, 5.00 points below the target; rank 1 of 3 "
                        "offices; offices below the target on this item: 3 "
                        "(a weakness shared across the city)");
    plans_free_office(&p);

    rep.lang = LANG_TH;
    plans_compute_office(&rep, 0, &p); /* One: b2 unpublished */
    const plan_row *b2 = &p.rows[1];
    /* b2 of One: 0, unpublished, gain 18.75; rank 2 of 0/70/0; below 75
     * on the world's statistics in every office: city-wide */
    assert_string_equal(b2->analysis,
                        "ยังไม่เผยแพร่ (0 คะแนน); ลำดับที่ 2 จาก 3 เขต; 3 เขต"
                        "ต่ำกว่าเป้าหมายในข้อนี้ (จุดอ่อนร่วมของเมือง)");
    assert_string_equal(b2->timeframe, "ดำเนินการ ต.ค. 2564 – มี.ค. 2565 "
                                       "(ภายในไตรมาส 2) ติดตามผลถึง ก.ย. 2565");
    assert_string_equal(b2->milestone[1], "เผยแพร่ครบถ้วน");
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


/* Plans of the tiny world at another target: scores and statistics
 * recomputed at it. */
typedef struct {
    year_scores *ys;
    city_stats *cs;
    plans_input rep;
} at_target;

static at_target report_at(const world *w, double target, report_lang lang)
{
    at_target a = {.ys = scores_compute(&w->t.d, 2564, target)};
    a.cs = stats_compute(a.ys);
    a.rep = make_input(w, lang);
    a.rep.current = a.ys;
    a.rep.stats = a.cs;
    return a;
}

static void free_at(at_target *a)
{
    stats_free(a->cs);
    scores_free(a->ys);
}

static void test_last_office_is_never_low(void **state)
{
    world *w = *state;
    at_target a = report_at(w, 62, LANG_EN);
    office_plan p;
    plans_compute_office(&a.rep, 0, &p); /* One at 62: a2 (60) and b2 (0),
                                            and b3 kept in every plan */
    assert_int_equal(p.n_rows, 3);
    /* a2: gain 0.0625 * 2 = 0.125 (< 0.20), gap 2; rank 2 of 60/70/60, not
     * in the lowest fifth; One and Three share the lowest score; 2 of 3
     * below 62: city-wide.  0 points, low by the bands, but the lowest
     * score makes it medium. */
    const plan_row *a2 = &p.rows[0];
    assert_string_equal(item_id(w, a2), "a2");
    assert_int_equal(a2->points, 0);
    assert_int_equal(a2->factors, PLAN_F_LAST | PLAN_F_CITY_WIDE);
    assert_string_equal(plans_priorities(&(size_t){0})[a2->priority].id,
                        "medium");
    assert_string_equal(a2->reason, "0 points: lowest of 3; city-wide (2 "
                                    "of 3 below)");
    plans_free_office(&p);
    free_at(&a);
}

static void test_office_with_nothing_below_keeps_its_weakest(void **state)
{
    world *w = *state;
    at_target a = report_at(w, 70, LANG_EN);
    office_plan p;
    plans_compute_office(&a.rep, 1, &p); /* Two: 70 everywhere, none < 70 */
    /* its 3 lowest items (all 70: model order a1, a2, a3) and b3, which
     * the library keeps in every plan; in model order */
    assert_int_equal(p.n_raise, 0);
    assert_int_equal(p.n_rows, 4);
    static const char *const ids[] = {"a1", "a2", "a3", "b3"};
    /* priorities: a1 rank 3 of 80/70/80: lowest fifth (+1) and lowest
     * score -> 1 point, medium by the floor; a2 rank 1 of 60/70/60: 0,
     * low; a3 rank 3 of 90/70/90: medium; b3 rank 3 of 100/70/100:
     * medium.  Keep rows gain nothing and have no gap. */
    static const char *const priority[] = {"medium", "low", "medium",
                                           "medium"};
    const plan_priority *bands = plans_priorities(&(size_t){0});
    for (size_t i = 0; i < 4; i++) {
        const plan_row *r = &p.rows[i];
        assert_string_equal(item_id(w, r), ids[i]);
        assert_int_equal(r->kind, PLAN_KEEP);
        assert_true(r->factors & PLAN_F_KEEP);
        assert_float_equal(r->gain, 0, 0);
        assert_float_equal(r->gap, 0, 0);
        assert_string_equal(bands[r->priority].id, priority[i]);
        assert_int_equal(p.path[i], i);
        assert_float_equal(p.projected[i], 70, 1e-9);
    }
    assert_int_equal(p.steps_to_target, 0);
    /* goals: the score it has; a disclosure item's 100 */
    assert_float_equal(p.rows[0].goal, 70, 1e-9);
    assert_float_equal(p.rows[3].goal, 100, 1e-9);
    assert_string_equal(p.rows[0].reason,
                        "1 point: lowest of 3; keep up");
    assert_string_equal(p.rows[0].success,
                        "70 or more (this year's) in the ITA of 2565");
    assert_string_equal(p.rows[3].success,
                        "Published in full and current (100) in the ITA of "
                        "2565");
    assert_string_equal(p.rows[0].codes, "D H");
    /* the numbers in words: b3 70 of 100/70/100 (rank 3), a1 70 of
     * 80/70/80 (rank 3); none below 70 */
    assert_string_equal(p.rows[3].analysis,
                        "70.00, published every year; rank 3 of 3 offices; "
                        "offices below the target on this item: 0");
    assert_string_equal(p.rows[0].analysis,
                        "70.00, not below the target; rank 3 of 3 offices; "
                        "offices below the target on this item: 0");
    /* a3 is due in quarter 4: under way until then */
    assert_string_equal(p.rows[2].timeframe,
                        "Carry out and monitor Oct 2021 – Sep 2022 "
                        "(quarters 1–4)");
    assert_string_equal(p.rows[2].milestone[2], "Under way");
    assert_string_equal(p.rows[2].milestone[3], "In place, evidence filed");
    plans_free_office(&p);
    free_at(&a);
}

static void test_fiscal_quarters_and_dates(void **state)
{
    world *w = *state;
    plans_input rep = make_input(w, LANG_TH);
    office_plan p;
    plans_compute_office(&rep, 0, &p);
    /* assessment 2564: plan for fiscal year 2565 = 1 Oct 2021 to 30 Sep
     * 2022 */
    assert_int_equal(p.fiscal_year, 2565);
    static const plan_date start[] = {{2021, 10, 1}, {2022, 1, 1},
                                      {2022, 4, 1}, {2022, 7, 1}};
    static const plan_date end[] = {{2021, 12, 31}, {2022, 3, 31},
                                    {2022, 6, 30}, {2022, 9, 30}};
    for (int q = 0; q < PLAN_QUARTERS; q++) {
        assert_memory_equal(&p.quarter_start[q], &start[q], sizeof start[q]);
        assert_memory_equal(&p.quarter_end[q], &end[q], sizeof end[q]);
    }
    char *th = plans_date_text(LANG_TH, end[3]);
    char *en = plans_date_text(LANG_EN, end[3]);
    char *th1 = plans_date_text(LANG_TH, end[0]);
    assert_string_equal(th, "30 ก.ย. 2565");
    assert_string_equal(en, "30 Sep 2022");
    assert_string_equal(th1, "31 ธ.ค. 2564");
    free(th);
    free(en);
    free(th1);
    plans_free_office(&p);
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
     * line 5 a published item without publish text, line 6 no evidence_en
     * and in_every_plan "maybe", line 7 quarter 5; a3 and b3 missing */
    measures_library *lib = load_text(w,
        "zz9,ฝ่าย,Unit,,,ทำ,Do,ตรวจ,Check,,,หลักฐาน,Evidence,1,\n"
        "X1,ฝ่าย,Unit,,,ทำ,Do,ตรวจ,Check,,,หลักฐาน,Evidence,1,\n"
        "a1,ฝ่าย,Unit,,,ทำ,,ตรวจ,Check,,,หลักฐาน,Evidence,1,\n"
        "b1,ฝ่าย,Unit,,,ทำ,Do,ตรวจ,Check,,,หลักฐาน,Evidence,1,\n"
        "a2,ฝ่าย,Unit,,,ทำ,Do,ตรวจ,Check,,,หลักฐาน,,1,maybe\n"
        "b2,ฝ่าย,Unit,,,ทำ,Do,ตรวจ,Check,เผยแพร่,Publish,หลักฐาน,Evidence,5,\n",
        &diags);
    assert_null(lib);
    assert_true(has_message(&diags, 2, "item \"zz9\" is not in the model"));
    assert_true(has_message(&diags, 3, "\"X1\" is not an item"));
    assert_true(has_message(&diags, 4, "a1: measure_en is empty"));
    assert_true(has_message(&diags, 5, "b1: publish_th is empty"));
    assert_true(has_message(&diags, 6, "a2: evidence_en is empty"));
    assert_true(has_message(&diags, 6,
                            "a2: in_every_plan \"maybe\" is neither yes"));
    assert_true(has_message(&diags, 7, "b2: quarter \"5\" is not a quarter"));
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
    assert_string_equal(measures_text(e, MEASURE_EVIDENCE, LANG_TH),
                        "หลักฐาน a3");
    assert_int_equal(e->quarter, 4);
    assert_false(e->in_every_plan);
    /* a2: quarters 1 and 3, the latest counts; "no" and "" */
    const measure_entry *a2 = measures_for_item(w->lib, model_find(w->t.m, "a2"));
    assert_int_equal(a2->quarter, 3);
    assert_false(a2->in_every_plan);
    /* b3: "YES" in any case */
    assert_true(measures_for_item(w->lib, model_find(w->t.m, "b3"))->in_every_plan);
    assert_null(measures_for_item(w->lib, model_find(w->t.m, "X1")));
}


/* A library with the optional columns: weaknesses, alternative leads and
 * a budget hint. */
static const char schedule_library[] =
    "item,lead_unit_th,lead_unit_en,support_units_th,support_units_en,"
    "measure_th,measure_en,monitoring_th,monitoring_en,publish_th,publish_en,"
    "evidence_th,evidence_en,quarter,in_every_plan,weakness_th,weakness_en,"
    "lead_alternatives_th,lead_alternatives_en,budget_th,budget_en\n"
    "a1,ปกครอง,Admin,,,ทำ,Do,ตรวจ,Check,,,หลักฐาน,Evidence,1,,อ่อน a1,Weak a1,คลัง,Finance,,\n"
    "a2,ปกครอง,Admin,,,ทำ,Do,ตรวจ,Check,,,หลักฐาน,Evidence,1,,อ่อน a2,Weak a2,คลัง,Finance,,\n"
    "a3,ปกครอง,Admin,,,ทำ,Do,ตรวจ,Check,,,หลักฐาน,Evidence,1,,อ่อน a3,Weak a3,คลัง,Finance,,\n"
    "b1,ปกครอง,Admin,ทะเบียน,Registry,ทำ,Do,ตรวจ,Check,พิมพ์,Publish,หลักฐาน,Evidence,1,,อ่อน b1,Weak b1,คลัง,Finance,,\n"
    "b2,ปกครอง,Admin,,,ทำ,Do,ตรวจ,Check,พิมพ์,Publish,หลักฐาน,Evidence,1,,อ่อน b2,Weak b2,คลัง,Finance,5000 บาท,5000 baht\n"
    "b3,ปกครอง,Admin,,,ทำ,Do,ตรวจ,Check,พิมพ์,Publish,หลักฐาน,Evidence,1,yes,อ่อน b3,Weak b3,คลัง,Finance,,\n";

static measures_library *load_library(const world *w, const char *text,
                                      diag_list *diags)
{
    char path[64];
    write_temp(path, sizeof path, text);
    measures_library *lib = measures_load(path, w->t.m, diags);
    unlink(path);
    return lib;
}

static void test_schedule_spreads_quarters_and_leads(void **state)
{
    world *w = *state;
    diag_list diags;
    diag_init(&diags);
    measures_library *lib = load_library(w, schedule_library, &diags);
    assert_non_null(lib);
    plans_input rep = make_input(w, LANG_EN);
    rep.measures = lib;
    office_plan p;
    plans_compute_office(&rep, 1, &p); /* Two: 6 rows, all below 75 */
    /* Priorities as test_failing_office_path_reaches_target_at_first_step:
     * b3 high; b1, b2, a3, a1 medium; a2 low.  6 rows: quarters take
     * 2, 2, 1, 1 (6 / 4 = 1, the first two one more); a unit leads at most
     * one row of each (2 / 3 = 0, at least 1).  Every row's library
     * quarter is 1.  In priority order, then gain (b1 and b2 equal: model
     * order), then model order:
     *   b3 -> quarter 1, Admin
     *   b1 -> quarter 1, Admin at its share: Finance leads, Admin supports
     *         before Registry
     *   b2 -> quarter 1 full: quarter 2, Admin
     *   a3 -> quarter 2, Finance
     *   a1 -> quarter 3, Admin
     *   a2 -> quarter 3 full: quarter 4, Admin */
    static const char *const ids[] = {"a1", "a2", "a3", "b1", "b2", "b3"};
    static const int quarter[] = {3, 4, 2, 1, 2, 1};
    static const char *const lead[] = {"Admin", "Admin", "Finance", "Finance",
                                       "Admin", "Admin"};
    static const char *const support[] = {"", "", "Admin", "Admin; Registry",
                                          "", ""};
    static const int end_month[] = {12, 3, 6, 9};
    for (size_t i = 0; i < 6; i++) {
        const plan_row *r = &p.rows[i];
        assert_string_equal(item_id(w, r), ids[i]);
        assert_int_equal(r->quarter, quarter[i]);
        assert_string_equal(r->lead, lead[i]);
        assert_string_equal(r->support, support[i]);
        assert_int_equal(r->due.month, end_month[quarter[i] - 1]);
    }
    assert_string_equal(p.rows[0].weakness, "Weak a1");
    assert_string_equal(p.rows[4].budget, "5000 baht");
    assert_string_equal(p.rows[3].budget, "");
    plans_free_office(&p);
    measures_free(lib);
    diag_free(&diags);
}

/* The units cell as the plan writes it, and what reading it back takes
 * as written: b1's library lead Admin with Registry supporting, or its
 * alternative Finance leading with Admin then Registry supporting (as
 * settle_schedule gives them), lines broken anywhere a space was or none
 * was; anything else is an edit. */
static void test_units_as_written(void **state)
{
    world *w = *state;
    diag_list diags;
    diag_init(&diags);
    measures_library *lib = load_library(w, schedule_library, &diags);
    assert_non_null(lib);
    char *text = plans_units_text(LANG_EN, "Finance", "Admin; Registry");
    assert_string_equal(text, "Finance\nAdmin, Registry");
    free(text);
    text = plans_units_text(LANG_TH, "ปกครอง", "");
    assert_string_equal(text, "ปกครอง");
    free(text);
    const measure_entry *b1 =
        measures_for_item(lib, model_find(w->t.m, "b1"));
    assert_non_null(b1);
    assert_string_equal(measures_text(b1, MEASURE_LEAD, LANG_EN), "Admin");
    assert_true(plans_units_as_written(b1, LANG_EN, "Admin\nRegistry", -1));
    assert_true(
        plans_units_as_written(b1, LANG_EN, "Admin\nRegistry \n", -1));
    assert_true(plans_units_as_written(b1, LANG_EN,
                                       "Finance\nAdmin,\nRegistry", -1));
    assert_true(plans_units_as_written(b1, LANG_TH, "ปกครอง\nทะเบียน", -1));
    assert_true(
        plans_units_as_written(b1, LANG_TH, "คลัง\nปกครอง\nทะเบียน", -1));
    assert_true(
        plans_units_as_written(b1, LANG_TH, "คลัง\nปกครอง ทะ\nเบียน", -1));
    /* edits: a unit dropped, another order, another unit, the other
     * language, a line joined where the plan broke it */
    assert_false(plans_units_as_written(b1, LANG_EN, "Admin", -1));
    assert_false(plans_units_as_written(b1, LANG_EN, "Registry\nAdmin", -1));
    assert_false(
        plans_units_as_written(b1, LANG_EN, "Finance\nRegistry", -1));
    assert_false(plans_units_as_written(b1, LANG_EN, "ปกครอง\nทะเบียน", -1));
    assert_false(plans_units_as_written(b1, LANG_EN, "Admin Registry", -1));
    assert_false(plans_units_as_written(b1, LANG_EN, "", -1));
    /* the lead the plan wrote known (its marker): the other lead's form is
     * an edit, a lead swapped by the district */
    assert_int_equal(plans_lead_alternative(b1, LANG_EN, "Admin"), 0);
    assert_int_equal(plans_lead_alternative(b1, LANG_EN, "Finance"), 1);
    assert_int_equal(plans_lead_alternative(b1, LANG_TH, "คลัง"), 1);
    assert_int_equal(plans_lead_alternative(b1, LANG_EN, "Registry"), -1);
    assert_true(plans_units_as_written(b1, LANG_EN, "Admin\nRegistry", 0));
    assert_false(plans_units_as_written(b1, LANG_EN,
                                        "Finance\nAdmin, Registry", 0));
    assert_true(plans_units_as_written(b1, LANG_EN,
                                       "Finance\nAdmin, Registry", 1));
    assert_false(plans_units_as_written(b1, LANG_EN, "Admin\nRegistry", 1));
    assert_false(plans_units_as_written(b1, LANG_EN, "Admin\nRegistry", 2));
    measures_free(lib);
    diag_free(&diags);
}

static void test_weakness_column_must_be_filled(void **state)
{
    world *w = *state;
    /* line 2: a1 without its English weakness */
    char *text = xstrdup(schedule_library);
    char *weak = strstr(text, "Weak a1");
    memmove(weak, weak + strlen("Weak a1"), strlen(weak + strlen("Weak a1")) + 1);
    diag_list diags;
    diag_init(&diags);
    measures_library *lib = load_library(w, text, &diags);
    assert_null(lib);
    assert_true(has_message(&diags, 2, "a1: weakness_en is empty"));
    free(text);
    diag_free(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passing_office_lists_its_two_weak_items),
        cmocka_unit_test(test_failing_office_path_reaches_target_at_first_step),
        cmocka_unit_test(test_higher_target_needs_four_steps),
        cmocka_unit_test(test_analysis_states_the_numbers),
        cmocka_unit_test(test_plan_set_in_the_order_asked),
        cmocka_unit_test(test_last_office_is_never_low),
        cmocka_unit_test(test_office_with_nothing_below_keeps_its_weakest),
        cmocka_unit_test(test_fiscal_quarters_and_dates),
        cmocka_unit_test(test_measures_errors_name_line_and_value),
        cmocka_unit_test(test_measures_texts_by_language),
        cmocka_unit_test(test_schedule_spreads_quarters_and_leads),
        cmocka_unit_test(test_weakness_column_must_be_filled),
        cmocka_unit_test(test_units_as_written),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
