/*
 * Carrying the edits of a plan into a new one (returned_edits,
 * plans_compute_office_edited, returned_carry) on the tiny model
 * (tests/fixtures/tiny, target 75), worked out by hand from the fixture:
 *
 *   item  ita_weight  One   kind of item
 *   a1    0.0625       80   scale
 *   a2    0.0625       60   scale
 *   b2    0.1875        0   published (goal 100)
 *
 * Office One's plan at 75 has rows a2 (goal 75, gain 0.0625 * 15 =
 * 0.9375) and b2 (goal 100, gain 0.1875 * 100 = 18.75).
 */
#include "measures.h"
#include "plans.h"
#include "returned.h"
#include "tiny_world.h"

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

static const char measures_text_csv[] =
    "item,lead_unit_th,lead_unit_en,support_units_th,support_units_en,"
    "measure_th,measure_en,monitoring_th,monitoring_en,publish_th,publish_en,"
    "evidence_th,evidence_en,quarter,in_every_plan\n"
    "a1,ก,A,,,ทำ a1,Do a1,ตรวจ,Check,,,หลักฐาน,Evidence,1,\n"
    "a2,ก,A,,,ทำ a2,Do a2,ตรวจ,Check,,,หลักฐาน,Evidence,1,\n"
    "a3,ก,A,,,ทำ a3,Do a3,ตรวจ,Check,,,หลักฐาน,Evidence,1,\n"
    "b1,ก,A,,,ทำ b1,Do b1,ตรวจ,Check,เผยแพร่,Publish,หลักฐาน,Evidence,1,\n"
    "b2,ก,A,,,ทำ b2,Do b2,ตรวจ,Check,เผยแพร่,Publish,หลักฐาน,Evidence,1,\n"
    "b3,ก,A,,,ทำ b3,Do b3,ตรวจ,Check,เผยแพร่,Publish,หลักฐาน,Evidence,1,\n";

typedef struct {
    tiny_world t;
    measures_library *lib;
    char path[64];
} world;

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    *state = w;
    if (!tiny_world_load(&w->t))
        return -1;
    snprintf(w->path, sizeof w->path, "%s/itabench_carryXXXXXX", P_tmpdir);
    int fd = mkstemp(w->path);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    fputs(measures_text_csv, f);
    fclose(f);
    w->lib = measures_load(w->path, w->t.m, &w->t.diags);
    return w->lib ? 0 : -1;
}

static int teardown(void **state)
{
    world *w = *state;
    unlink(w->path);
    measures_free(w->lib);
    tiny_world_free(&w->t);
    free(w);
    return 0;
}

/* An edited plan of office One: a1 (not below 75) typed up to 90, a2 at
 * the default 75 and again further down, an indicator's row, b2 at the
 * default 100. */
static returned_row rows[] = {
    {.item = "a1", .planned = 90, .owner = "", .measure = "", .budget = ""},
    {.item = "a2", .planned = 75, .owner = "", .measure = "", .budget = ""},
    {.item = "X1", .planned = 50, .owner = "", .measure = "", .budget = ""},
    {.item = "a2", .planned = 99, .owner = "", .measure = "", .budget = ""},
    {.item = "b2", .planned = 100, .owner = "", .measure = "", .budget = ""},
};

static returned_plan old_plan(double target)
{
    return (returned_plan){.year = 2564, .office_code = "11", .target = target,
                           .rows = rows,
                           .n_rows = sizeof rows / sizeof *rows};
}

static const char *id(const world *w, int node)
{
    return w->t.m->nodes[node].id;
}

static void test_edits_keep_only_typed_goals(void **state)
{
    world *w = *state;
    returned_plan old = old_plan(75);
    plan_edit *e;
    size_t n = returned_edits(&old, w->t.m, &w->t.ys->offices[0], &e);
    /* a1, a2 (its first row), b2; X1 is no item */
    assert_int_equal(n, 3);
    assert_string_equal(id(w, e[0].item), "a1");
    assert_float_equal(e[0].goal, 90, 0);   /* default: its score 80 */
    assert_string_equal(id(w, e[1].item), "a2");
    assert_true(isnan(e[1].goal));          /* 75: the target's default */
    assert_string_equal(id(w, e[2].item), "b2");
    assert_true(isnan(e[2].goal));          /* 100: a disclosure's */
    free(e);
    /* a marker without the target: every goal typed counts */
    old = old_plan(NAN);
    n = returned_edits(&old, w->t.m, &w->t.ys->offices[0], &e);
    assert_int_equal(n, 3);
    assert_float_equal(e[1].goal, 75, 0);
    free(e);
}

static void test_row_no_longer_below_is_kept(void **state)
{
    world *w = *state;
    plans_input in = {.m = w->t.m, .r = w->t.r, .current = w->t.ys,
                      .stats = w->t.cs, .measures = w->lib,
                      .lang = LANG_EN};
    returned_plan old = old_plan(75);
    plan_edit *e;
    size_t n = returned_edits(&old, w->t.m, &w->t.ys->offices[0], &e);
    office_plan p;
    plans_compute_office_edited(&in, 0, e, n, &p);
    free(e);
    /* model order: a1 (kept), a2, b2 */
    assert_int_equal(p.n_rows, 3);
    assert_int_equal(p.n_raise, 2);
    assert_string_equal(id(w, p.rows[0].item), "a1");
    assert_true(p.rows[0].kept);
    assert_int_equal(p.rows[0].kind, PLAN_KEEP);
    /* goal 90 typed: 0.0625 * (90 - 80) = 0.625 */
    assert_float_equal(p.rows[0].goal, 90, 1e-12);
    assert_float_equal(p.rows[0].gain, 0.625, 1e-12);
    assert_false(p.rows[1].kept);
    assert_float_equal(p.rows[1].gain, 0.9375, 1e-12);
    assert_float_equal(p.rows[2].gain, 18.75, 1e-12);
    assert_float_equal(p.total_gain, 20.3125, 1e-12);
    /* path: the rows to raise, most points first, then the kept one */
    assert_int_equal(p.path[0], 2);
    assert_int_equal(p.path[1], 1);
    assert_int_equal(p.path[2], 0);
    /* carried: each row points at the first old row of its item */
    returned_carry(p.rows, p.n_rows, w->t.m, &old);
    assert_ptr_equal(p.rows[0].carried, &rows[0]);
    assert_ptr_equal(p.rows[1].carried, &rows[1]);
    assert_ptr_equal(p.rows[2].carried, &rows[4]);
    plans_free_office(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edits_keep_only_typed_goals),
        cmocka_unit_test(test_row_no_longer_below_is_kept),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
