/*
 * The model loader refuses inconsistent models with an error naming the
 * file, the line and the offending id, and loads a good one.
 */
#include "model.h"
#include "scores.h"
#include "text.h"

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

#define HEADER "kind,id,parent,weight,min_score,answer_type,label_th,label_en\n"
#define GOOD_TAIL                                                          \
    "target,TARGET,,,85,,,\n"                                              \
    "grade,A,,,85,,,\n"                                                    \
    "grade,F,,,0,,,\n"

/* Loads rows (after the header) from a temporary file; returns the model
 * or NULL, with the findings in diags. */
static model *load(const char *rows, diag_list *diags, char *path, size_t cap)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(path, cap, "%s/itabench-test-model-XXXXXX",
             tmp && *tmp ? tmp : P_tmpdir);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(HEADER, f);
    fputs(rows, f);
    fclose(f);
    diag_init(diags);
    return model_load(path, diags);
}

/* Expects a refused model whose first error is on line and contains text. */
static void expect_error(const char *rows, unsigned long line, const char *text)
{
    diag_list diags;
    char path[4096];
    model *m = load(rows, &diags, path, sizeof path);
    assert_null(m);
    assert_true(diag_count(&diags, DIAG_ERROR) >= 1);
    bool found = false;
    for (size_t i = 0; i < diags.n && !found; i++)
        found = diags.items[i].line == line &&
                strstr(diags.items[i].message, text) &&
                strcmp(diags.items[i].file, path) == 0;
    if (!found)
        for (size_t i = 0; i < diags.n; i++)
            print_message("got line %lu: %s\n", diags.items[i].line,
                          diags.items[i].message);
    assert_true(found);
    diag_free(&diags);
    unlink(path);
}

static void test_good_model_and_weights(void **state)
{
    (void)state;
    diag_list diags;
    char path[4096];
    /* one tool, two indicators weighted 1 and 3, one item each:
     * i1 is worth 1/4 ITA point per point, i2 3/4 */
    model *m = load("tool,T,,1,,SURVEY,,\n"
                    "indicator,A,T,1,,,,\n"
                    "indicator,B,T,3,,,,\n"
                    "item,i1,A,,,,,\n"
                    "item,i2,B,,,published,,\n" GOOD_TAIL,
                    &diags, path, sizeof path);
    assert_non_null(m);
    assert_float_equal(m->nodes[model_find(m, "i1")].ita_weight, 0.25, 1e-12);
    assert_float_equal(m->nodes[model_find(m, "I2")].ita_weight, 0.75, 1e-12);
    /* answer types: case folded, empty means the kind's default */
    assert_true(model_has_respondents(&m->nodes[model_find(m, "T")]));
    assert_false(model_is_disclosure(&m->nodes[model_find(m, "i1")]));
    assert_true(model_is_disclosure(&m->nodes[model_find(m, "i2")]));
    assert_int_equal(model_find(m, "nope"), -1);
    model_free(m);
    diag_free(&diags);
    unlink(path);
}

static void test_unknown_parent(void **state)
{
    (void)state;
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,Z,1,,scale4,,\n" GOOD_TAIL,
                 4, "i1: parent \"Z\" is not defined");
}

static void test_parent_of_the_wrong_kind(void **state)
{
    (void)state;
    /* an indicator under an indicator */
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "indicator,B,A,1,,,,\n"
                 "item,i1,A,1,,scale4,,\n" GOOD_TAIL,
                 4, "B: parent \"A\" is of the wrong kind");
}

static void test_duplicate_id(void **state)
{
    (void)state;
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,1,,scale4,,\n"
                 "item,I1,A,1,,scale4,,\n" GOOD_TAIL,
                 5, "id I1 is defined twice");
}

static void test_negative_weight(void **state)
{
    (void)state;
    expect_error("tool,T,,-2,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,1,,scale4,,\n" GOOD_TAIL,
                 2, "weight \"-2\" must be more than 0");
}

/* Issue 21, reference files are input too: each rule its own error at
 * the line, and every error of a file at once. */
static void test_target_rules(void **state)
{
    (void)state;
    /* a target given twice is an error, not "the second wins" */
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,1,,scale4,,\n"
                 "target,TARGET,,,80,,,\n" GOOD_TAIL,
                 6, "a second target row (the first is at line 5)");
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,1,,scale4,,\n"
                 "target,TARGET,,,850,,,\n"
                 "grade,A,,,85,,,\n"
                 "grade,F,,,0,,,\n",
                 5, "min_score \"850\" is outside 0-100");
}

static void test_lowest_grade_starts_at_zero(void **state)
{
    (void)state;
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,1,,scale4,,\n"
                 "target,TARGET,,,85,,,\n"
                 "grade,A,,,85,,,\n"
                 "grade,F,,,50,,,\n",
                 7, "the lowest grade F starts at 50: grades must start at 0");
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,1,,scale4,,\n" GOOD_TAIL
                 "grade,a,,,60,,,\n",
                 8, "grade a is defined twice (first at line 6)");
}

static void test_weights_finite(void **state)
{
    (void)state;
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,inf,,,,\n"
                 "item,i1,A,1,,scale4,,\n" GOOD_TAIL,
                 3, "weight \"inf\" is not a finite number");
    /* each weight fits a double, their sum does not */
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1e308,,,,\n"
                 "indicator,B,T,1e308,,,,\n"
                 "item,i1,A,1,,scale4,,\n"
                 "item,i2,B,1,,scale4,,\n" GOOD_TAIL,
                 2, "the weights under T add up to more than a number can hold");
}

static void test_columns_and_all_errors_at_once(void **state)
{
    (void)state;
    diag_list diags;
    char path[4096];
    /* the header is HEADER; an unknown kind, a bad weight and a target
     * given twice: three errors, each at its line */
    model *m = load("tool,T,,1,,survey,,\n"
                    "indicator,A,T,x,,,,\n"
                    "branch,B,T,1,,,,\n"
                    "item,i1,A,1,,scale4,,\n"
                    "target,TARGET,,,80,,,\n" GOOD_TAIL,
                    &diags, path, sizeof path);
    assert_null(m);
    assert_true(diag_count(&diags, DIAG_ERROR) >= 3);
    unlink(path);
    diag_free(&diags);
}

static void test_semicolon_decimal_comma_and_parts(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/itabench-test-model-XXXXXX",
             tmp && *tmp ? tmp : P_tmpdir);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    /* semicolons: "1,5" is one and a half; a part of tool T weighs
     * 1.5 / (1.5 + 0.5) = 3/4 of it */
    fputs("kind;id;parent;weight;min_score;answer_type;label_th;label_en\n"
          "source;S;;;;;คู่มือ;Manual 2566\n"
          "tool;T;;1;;survey;;\n"
          "part;P1;T;1,5;;;;\n"
          "part;P2;T;0,5;;;;\n"
          "indicator;A;P1;1;;;;\n"
          "indicator;B;P2;1;;;;\n"
          "item;i1;A;1;;scale4;;\n"
          "item;i2;B;1;;scale4;;\n"
          "target;TARGET;;;84,5;;;\n"
          "grade;A;;;85;;;\n"
          "grade;F;;;0;;;\n", f);
    fclose(f);
    diag_list diags;
    diag_init(&diags);
    model *m = model_load(path, &diags);
    assert_non_null(m);
    assert_int_equal(diag_count(&diags, DIAG_WARNING), 0);
    assert_float_equal(m->target, 84.5, 1e-12);
    assert_float_equal(m->nodes[model_find(m, "P1")].ita_weight, 0.75, 1e-12);
    assert_float_equal(m->nodes[model_find(m, "i2")].ita_weight, 0.25, 1e-12);
    assert_int_equal(m->nodes[model_find(m, "i1")].tool, model_find(m, "T"));
    assert_string_equal(m->source_en, "Manual 2566");
    /* published figures: the parts give the tool, so the ITA */
    double pub[1 + 16];
    for (size_t k = 0; k <= m->n_nodes; k++)
        pub[k] = NAN;
    assert_false(model_published_gives_ita(m, pub));
    pub[model_node_measure(model_find(m, "P1"))] = 80;
    assert_false(model_published_gives_ita(m, pub));
    pub[model_node_measure(model_find(m, "P2"))] = 90;
    assert_true(model_published_gives_ita(m, pub));
    model_free(m);
    diag_free(&diags);
    unlink(path);
}

/* Weights must be positive (issue 21), so zero weights are refused on
 * their own lines before they can add up to 0 under their parent. */
static void test_weights_adding_up_to_zero(void **state)
{
    (void)state;
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,0,,scale4,,\n"
                 "item,i2,A,0,,scale4,,\n" GOOD_TAIL,
                 4, "weight \"0\" must be more than 0");
}

static void test_node_without_items(void **state)
{
    (void)state;
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "indicator,B,T,1,,,,\n"
                 "item,i1,A,1,,scale4,,\n" GOOD_TAIL,
                 4, "B has no items under it");
}

static void test_mixed_children(void **state)
{
    (void)state;
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "sub,S,A,1,,,,\n"
                 "item,i1,S,1,,scale4,,\n"
                 "item,i2,A,1,,scale4,,\n" GOOD_TAIL,
                 3, "A mixes items and sub-indicators");
}

static void test_unknown_answer_type_and_kind(void **state)
{
    (void)state;
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,1,,likert7,,\n" GOOD_TAIL,
                 4, "answer_type \"likert7\" is not one of those allowed");
    expect_error("tool,T,,1,,survey,,\n"
                 "widget,W,,1,,,,\n" GOOD_TAIL,
                 3, "unknown kind \"widget\"");
}

static void test_missing_target_and_grades(void **state)
{
    (void)state;
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,1,,scale4,,\n"
                 "grade,F,,,0,,,\n",
                 0, "the model has no target row");
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,1,,scale4,,\n"
                 "target,TARGET,,,85,,,\n",
                 0, "the model has no grade rows");
}

/* Pass levels (a 2566-style model, tests/fixtures/models): ผ่านดีเยี่ยม
 * needs ITA >= 95 and every tool >= 95, ผ่านดี ITA >= 85 and every tool
 * >= 85, ผ่าน ITA >= 85, ไม่ผ่าน below. */
static const char *level_of(const model *m, double iit, double eit, double oit)
{
    double node[256];
    assert_true(m->n_nodes <= 256);
    node[model_find(m, "IIT")] = iit;
    node[model_find(m, "EIT")] = eit;
    node[model_find(m, "OIT")] = oit;
    /* ITA = 0.3 IIT + 0.3 EIT + 0.4 OIT, as the model's weights 30/30/40 */
    double ita = score_round2(0.3 * iit + 0.3 * eit + 0.4 * oit);
    return m->grades[score_grade(m, ita, node)].label_th;
}

static void test_pass_levels_need_every_tool(void **state)
{
    (void)state;
    diag_list diags;
    diag_init(&diags);
    model *m = model_load("tests/fixtures/models/model_2566_levels.csv", &diags);
    assert_non_null(m);
    /* 0.3*100 + 0.3*84.10 + 0.4*98.525 = 30 + 25.23 + 39.41 = 94.64:
     * ITA over 85 but EIT under 85, so ผ่าน, not ผ่านดี */
    assert_string_equal(level_of(m, 100, 84.10, 98.525), "ผ่าน");
    /* EIT 85.00: 30 + 25.5 + 39.41 = 94.91, every tool >= 85: ผ่านดี */
    assert_string_equal(level_of(m, 100, 85.00, 98.525), "ผ่านดี");
    /* 96, 95, 97: ITA 28.8 + 28.5 + 38.8 = 96.1, every tool >= 95 */
    assert_string_equal(level_of(m, 96, 95, 97), "ผ่านดีเยี่ยม");
    /* 94.999 rounds to 95.00: still ผ่านดีเยี่ยม (tools are rounded) */
    assert_string_equal(level_of(m, 96, 94.999, 97), "ผ่านดีเยี่ยม");
    /* 100, 100, 94.99: ITA 97.996 -> 98.00, but OIT < 95: ผ่านดี */
    assert_string_equal(level_of(m, 100, 100, 94.99), "ผ่านดี");
    /* 80, 80, 90: ITA 24 + 24 + 36 = 84 < 85: ไม่ผ่าน */
    assert_string_equal(level_of(m, 80, 80, 90), "ไม่ผ่าน");
    model_free(m);
    diag_free(&diags);
}

/* Letter grades (no tool_min) follow the ITA alone: 94.64 is A. */
static void test_letter_grades_ignore_tools(void **state)
{
    (void)state;
    diag_list diags;
    diag_init(&diags);
    model *m = model_load("inputs/reference/model_2565.csv", &diags);
    assert_non_null(m);
    assert_int_equal(m->year, 2565);
    double node[256] = {0};
    node[model_find(m, "EIT")] = 84.10;
    assert_string_equal(m->grades[score_grade(m, 94.64, node)].id, "A");
    assert_string_equal(m->grades[score_grade(m, 95, node)].id, "AA");
    model_free(m);
    diag_free(&diags);
}

/* The model of a year: its own, else the latest before it, else the
 * earliest. */
static void test_catalog_pick(void **state)
{
    (void)state;
    model_file files[] = {{2564, "a"}, {2565, "b"}, {2567, "c"}};
    bool exact;
    assert_int_equal(model_catalog_pick(files, 3, 2565, &exact), 1);
    assert_true(exact);
    assert_int_equal(model_catalog_pick(files, 3, 2566, &exact), 1);
    assert_false(exact);
    assert_int_equal(model_catalog_pick(files, 3, 2570, &exact), 2);
    assert_false(exact);
    assert_int_equal(model_catalog_pick(files, 3, 2563, &exact), 0);
    assert_false(exact);
    model_file *shipped;
    size_t n = model_catalog("inputs/reference", &shipped);
    assert_true(n >= 2);
    assert_int_equal(shipped[0].year, 2564);
    assert_int_equal(shipped[1].year, 2565);
    model_catalog_free(shipped, n);
}

/* Two frameworks of one run (issue 20): tools T, U and indicators X, Y
 * in both; item a1 in both, a2 in the first only, n in the second only
 * and listed first there, so that every shared node has another index;
 * "Z" is an item in the first and an indicator in the second. */
#define FRAMEWORK_A                                                        \
    "tool,T,,1,,survey,,\n"                                                \
    "tool,U,,1,,check,,\n"                                                 \
    "indicator,X,T,1,,,,\n"                                                \
    "indicator,Y,U,1,,,,\n"                                                \
    "item,a1,X,,,,,\n"                                                     \
    "item,a2,X,,,,,\n"                                                     \
    "item,Z,Y,,,,,\n" GOOD_TAIL
#define FRAMEWORK_B                                                        \
    "item,n,X,,,,,\n"                                                      \
    "tool,T,,1,,survey,,\n"                                                \
    "tool,U,,1,,check,,\n"                                                 \
    "indicator,X,T,1,,,,\n"                                                \
    "indicator,Y,U,1,,,,\n"                                                \
    "item,a1,X,,,,,\n"                                                     \
    "indicator,Z,U,1,,,,\n"                                                \
    "item,z1,Z,,,,,\n"                                                     \
    "item,y1,Y,,,,,\n" GOOD_TAIL

static void test_measure_map_by_id_and_kind(void **state)
{
    (void)state;
    diag_list da, db;
    char pa[4096], pb[4096];
    model *a = load(FRAMEWORK_A, &da, pa, sizeof pa);
    model *b = load(FRAMEWORK_B, &db, pb, sizeof pb);
    assert_non_null(a);
    assert_non_null(b);
    /* by hand: a's measures are 1 + its file order (T 1, U 2, X 3, Y 4,
     * a1 5, a2 6, Z 7); b's n is 1, T 2, U 3, X 4, Y 5, a1 6, Z 7,
     * z1 8, y1 9 */
    static const long want[] = {0, -1, 1, 2, 3, 4, 5, -1, -1, -1};
    assert_int_equal(b->n_nodes, 9);
    for (size_t k = 0; k <= b->n_nodes; k++)
        assert_int_equal(model_measure_in(b, k, a), want[k]);
    assert_int_equal(model_measure_in(a, 6, b), -1);   /* a2: a's only */
    assert_int_equal(model_measure_in(a, 5, b), 6);    /* a1 */
    assert_int_equal(model_measure_in(a, 7, b), -1);   /* Z: other kind */
    assert_int_equal(model_measure_in(a, 0, b), 0);    /* ITA */
    model_free(a);
    model_free(b);
    diag_free(&da);
    diag_free(&db);
    unlink(pa);
    unlink(pb);
}

/* The errors of model_check_shared that name both files and id. */
static size_t shared_errors(const diag_list *d, const char *pa,
                            const char *pb, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].severity == DIAG_ERROR &&
             strstr(d->items[i].message, pa) &&
             strstr(d->items[i].message, pb) &&
             strstr(d->items[i].message, id) != NULL;
    return n;
}

static void test_frameworks_share_tools_and_indicators(void **state)
{
    (void)state;
    diag_list da, db, dc, found;
    char pa[4096], pb[4096], pc[4096];
    model *a = load(FRAMEWORK_A, &da, pa, sizeof pa);
    model *b = load(FRAMEWORK_B, &db, pb, sizeof pb);
    /* X moved under tool U; W, in c only, is what T keeps */
    model *c = load("tool,T,,1,,survey,,\n"
                    "tool,U,,1,,check,,\n"
                    "indicator,X,U,1,,,,\n"
                    "indicator,Y,U,1,,,,\n"
                    "item,a1,X,,,,,\n"
                    "item,y1,Y,,,,,\n"
                    "indicator,W,T,1,,,,\n"
                    "item,t1,W,,,,,\n" GOOD_TAIL,
                    &dc, pc, sizeof pc);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    diag_init(&found);
    /* items differ (a2, n, y1...) but the shared levels agree except Z,
     * an indicator in b only */
    assert_false(model_check_shared(a, b, &found));
    assert_int_equal(diag_count(&found, DIAG_ERROR), 1);
    assert_int_equal(shared_errors(&found, pa, pb, "indicator Z is in"), 1);
    diag_free(&found);
    diag_init(&found);
    assert_false(model_check_shared(a, c, &found));
    assert_int_equal(diag_count(&found, DIAG_ERROR), 2);
    assert_int_equal(shared_errors(&found, pa, pc, "indicator W is in"), 1);
    assert_int_equal(shared_errors(&found, pa, pc, "indicator X is under "
                                                   "tool T"), 1);
    diag_free(&found);
    diag_init(&found);
    assert_true(model_check_shared(a, a, &found));
    assert_int_equal(found.n, 0);
    diag_free(&found);
    model_free(a);
    model_free(b);
    model_free(c);
    diag_free(&da);
    diag_free(&db);
    diag_free(&dc);
    unlink(pa);
    unlink(pb);
    unlink(pc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measure_map_by_id_and_kind),
        cmocka_unit_test(test_frameworks_share_tools_and_indicators),
        cmocka_unit_test(test_good_model_and_weights),
        cmocka_unit_test(test_unknown_parent),
        cmocka_unit_test(test_parent_of_the_wrong_kind),
        cmocka_unit_test(test_duplicate_id),
        cmocka_unit_test(test_negative_weight),
        cmocka_unit_test(test_target_rules),
        cmocka_unit_test(test_lowest_grade_starts_at_zero),
        cmocka_unit_test(test_weights_finite),
        cmocka_unit_test(test_columns_and_all_errors_at_once),
        cmocka_unit_test(test_semicolon_decimal_comma_and_parts),
        cmocka_unit_test(test_weights_adding_up_to_zero),
        cmocka_unit_test(test_node_without_items),
        cmocka_unit_test(test_mixed_children),
        cmocka_unit_test(test_unknown_answer_type_and_kind),
        cmocka_unit_test(test_missing_target_and_grades),
        cmocka_unit_test(test_pass_levels_need_every_tool),
        cmocka_unit_test(test_letter_grades_ignore_tools),
        cmocka_unit_test(test_catalog_pick),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
