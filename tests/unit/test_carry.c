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

/* A row read back as itabench wrote it but for the item and target
 * score (every text field set, everything understood). */
#define ROW(code, goal)                                                    \
    {.item = code, .planned = goal, .owner = "", .measure = "",            \
     .budget = "", .status_text = "", .due_text = "", .goal_text = "",     \
     .result = "", .evidence = "", .status_understood = true,             \
     .due_understood = true, .goal_understood = true, .node = -1}

/* An edited plan of office One: a1 (not below 75) typed up to 90, a2 at
 * the default 75 and again further down, an indicator's row, b2 at the
 * default 100. */
static returned_row rows[] = {
    ROW("a1", 90), ROW("a2", 75), ROW("X1", 50), ROW("a2", 99),
    ROW("b2", 100),
};

static returned_plan old_plan(const world *w, double target)
{
    returned_plan p = {.year = 2564, .office_code = "11", .target = target,
                       .rows = rows, .n_rows = sizeof rows / sizeof *rows};
    returned_resolve(&p, w->t.m, w->lib);
    return p;
}

static const char *id(const world *w, int node)
{
    return w->t.m->nodes[node].id;
}

static void test_edits_keep_only_typed_goals(void **state)
{
    world *w = *state;
    returned_plan old = old_plan(w, 75);
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
    old = old_plan(w, NAN);
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
    returned_plan old = old_plan(w, 75);
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

/* Statuses as people type them (returned_status_parse): the dropdown's
 * words of both languages and the synonyms, whatever the spaces, ASCII
 * case and way SARA AM was typed; anything else is not understood. */
static void test_status_synonyms(void **state)
{
    (void)state;
    static const struct {
        const char *typed;
        bool understood;
        returned_status status;
    } cases[] = {
        {"ดำเนินการแล้ว", true, RETURNED_DONE},
        {"เสร็จแล้ว", true, RETURNED_DONE},
        {"  เสร็จ สิ้น ", true, RETURNED_DONE},
        {"ดำเนินการเสร็จแล้ว", true, RETURNED_DONE},
        {"DONE", true, RETURNED_DONE},
        {"Completed", true, RETURNED_DONE},
        /* ก + NIKHAHIT + SARA AA: กำ typed in two keys */
        {"ก\xe0\xb9\x8d\xe0\xb8\xb2ลังดําเนินการ", true, RETURNED_IN_PROGRESS},
        {"อยู่ระหว่างดำเนินการ", true, RETURNED_IN_PROGRESS},
        {"กำลังทำ", true, RETURNED_IN_PROGRESS},
        {"In Progress", true, RETURNED_IN_PROGRESS},
        {"ยังไม่ได้ดำเนินการ", true, RETURNED_NOT_STARTED},
        {"not started", true, RETURNED_NOT_STARTED},
        {"", true, RETURNED_NOT_STARTED},
        {"รอผู้บริหารอนุมัติ", false, RETURNED_NOT_STARTED},
        {"50%", false, RETURNED_NOT_STARTED},
        {"done?", false, RETURNED_NOT_STARTED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        returned_status st = RETURNED_DONE;
        assert_int_equal(returned_status_parse(cases[i].typed, &st),
                         cases[i].understood);
        assert_int_equal(st, cases[i].status);
    }
}

/* Dates as Thai offices type them (plans_parse_date), worked out by hand:
 * B.E. 2565 is 2022 C.E.; two-digit years are B.E. 25YY. */
static void test_dates_typed(void **state)
{
    (void)state;
    static const struct {
        const char *typed;
        int y, m, d;            /* 0: not a date */
    } cases[] = {
        {"30 ก.ย. 2565", 2022, 9, 30},
        {"30 กันยายน 2565", 2022, 9, 30},
        {"30/9/2565", 2022, 9, 30},
        {"30/09/65", 2022, 9, 30},
        {"๓๐/๙/๒๕๖๕", 2022, 9, 30},
        {"๓๐ ก.ย. ๒๕๖๕", 2022, 9, 30},
        {"1/10/2021", 2021, 10, 1},
        {"5 Sep 2022", 2022, 9, 5},
        {"2565-09-30", 2022, 9, 30},
        {"2022-09-30T00:00:00", 2022, 9, 30},
        {"29/2/2567", 2024, 2, 29},
        {"29/2/2565", 0, 0, 0},
        {"31/02/2565", 0, 0, 0},
        {"ก.ย.", 0, 0, 0},
        {"ภายในไตรมาส 3", 0, 0, 0},
        {"30 กย 123", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        plan_date d;
        bool ok = plans_parse_date(cases[i].typed, true, &d);
        assert_int_equal(ok, cases[i].y != 0);
        if (ok) {
            assert_int_equal(d.year, cases[i].y);
            assert_int_equal(d.month, cases[i].m);
            assert_int_equal(d.day, cases[i].d);
        }
    }
}

/* Rows added without an item code, second rows of an item and codes not
 * of the model follow the row before them; a row above the first item's
 * row moves after it; an item the marker says was written and that has
 * no row is deleted, and stays deleted. */
static void test_followers_and_deleted(void **state)
{
    world *w = *state;
    returned_row r[] = {ROW("", NAN), ROW(" A2 ", NAN), ROW("a2", NAN),
                        ROW("zz", NAN), ROW("b2", NAN)};
    r[0].owner = "added above";
    returned_plan p = {.year = 2564, .office_code = "11", .target = 75,
                       .written_items = "a2,b2,a1", .rows = r, .n_rows = 5};
    returned_resolve(&p, w->t.m, w->lib);
    assert_string_equal(r[0].item, " A2 ");
    assert_string_equal(id(w, r[0].node), "a2");
    assert_false(r[0].follows);
    assert_int_equal(r[0].n_followers, 3);
    assert_string_equal(r[1].owner, "added above");
    assert_true(r[1].follows && r[2].follows && r[3].follows);
    assert_false(r[4].follows);
    assert_int_equal(r[4].n_followers, 0);
    int *gone;
    assert_int_equal(returned_deleted(&p, w->t.m, &gone), 1);
    assert_string_equal(id(w, gone[0]), "a1");
    free(gone);
    plan_edit *e;
    size_t n = returned_edits(&p, w->t.m, &w->t.ys->offices[0], &e);
    assert_int_equal(n, 3);    /* a2, b2, a1 deleted */
    assert_true(e[2].deleted);
    plans_input in = {.m = w->t.m, .r = w->t.r, .current = w->t.ys,
                      .stats = w->t.cs, .measures = w->lib,
                      .lang = LANG_EN};
    office_plan plan;
    plans_compute_office_edited(&in, 0, e, n, &plan);
    assert_int_equal(plan.n_rows, 2);    /* a2, b2: a1 not brought back */
    returned_carry(plan.rows, plan.n_rows, w->t.m, &p);
    assert_ptr_equal(plan.rows[0].carried, &r[0]);
    assert_true(returned_row_edited(&r[0], &plan.rows[0]));   /* followers */
    plans_free_office(&plan);
    free(e);
}

/* A measures text is an edit only when it is not what itabench wrote in
 * the workbook's language: the English default in an English workbook is
 * none, the Thai one there is one. */
static void test_measure_default_in_its_language(void **state)
{
    world *w = *state;
    returned_row r[] = {ROW("a2", NAN), ROW("b2", NAN)};
    r[0].measure = "Do a2";
    r[1].measure = "ทำ b2";
    returned_plan p = {.year = 2564, .office_code = "11", .target = 75,
                       .lang = LANG_EN, .has_lang = true, .rows = r,
                       .n_rows = 2};
    returned_resolve(&p, w->t.m, w->lib);
    assert_false(r[0].measure_edited);
    assert_true(r[1].measure_edited);
    p.lang = LANG_TH;
    returned_resolve(&p, w->t.m, w->lib);
    assert_true(r[0].measure_edited);
    assert_false(r[1].measure_edited);
}

/* "Came back" means edited (returned_plan_edited): a plan as itabench
 * wrote it is not; each kind of edit makes it one.  Office One scores a2
 * 60, so its default target score at 75 is 75. */
static void test_came_back_means_edited(void **state)
{
    world *w = *state;
    returned_row r[] = {ROW("a2", NAN), ROW("b2", NAN)};
    r[0].measure = "ทำ a2";
    r[1].measure = "เผยแพร่\nทำ b2";
    returned_plan p = {.year = 2564, .office_code = "11", .target = 75,
                       .has_lang = true, .written_items = "a2,b2",
                       .rows = r, .n_rows = 2};
    const office_score *s = &w->t.ys->offices[0];
    assert_false(returned_plan_edited(&p, w->t.m, w->lib, s));
    r[0].planned = 75;                     /* the default typed again */
    assert_false(returned_plan_edited(&p, w->t.m, w->lib, s));
    r[0].planned = 90;
    assert_true(returned_plan_edited(&p, w->t.m, w->lib, s));
    r[0].planned = NAN;
    r[0].owner = "นาย ก";
    assert_true(returned_plan_edited(&p, w->t.m, w->lib, s));
    r[0].owner = "";
    r[0].status_understood = false;
    assert_true(returned_plan_edited(&p, w->t.m, w->lib, s));
    r[0].status_understood = true;
    p.n_rows = 1;                           /* b2 deleted */
    assert_true(returned_plan_edited(&p, w->t.m, w->lib, s));
    p.n_rows = 2;
    p.lang = LANG_EN;                       /* Thai text in an English book */
    assert_true(returned_plan_edited(&p, w->t.m, w->lib, s));
    p.lang = LANG_TH;
    r[0].has_due = true;                    /* quarter 1 of fiscal 2565 */
    r[0].due = (plan_date){2021, 12, 31};
    assert_false(returned_plan_edited(&p, w->t.m, w->lib, s));
    r[0].due = (plan_date){2022, 1, 15};
    assert_true(returned_plan_edited(&p, w->t.m, w->lib, s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edits_keep_only_typed_goals),
        cmocka_unit_test(test_row_no_longer_below_is_kept),
        cmocka_unit_test(test_status_synonyms),
        cmocka_unit_test(test_dates_typed),
        cmocka_unit_test(test_followers_and_deleted),
        cmocka_unit_test(test_measure_default_in_its_language),
        cmocka_unit_test(test_came_back_means_edited),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
