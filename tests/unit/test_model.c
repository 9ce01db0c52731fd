/*
 * The model loader refuses inconsistent models with an error naming the
 * file, the line and the offending id, and loads a good one.
 */
#include "model.h"
#include "text.h"

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
                 2, "weight \"-2\" is not a non-negative number");
}

static void test_weights_adding_up_to_zero(void **state)
{
    (void)state;
    expect_error("tool,T,,1,,survey,,\n"
                 "indicator,A,T,1,,,,\n"
                 "item,i1,A,0,,scale4,,\n"
                 "item,i2,A,0,,scale4,,\n" GOOD_TAIL,
                 3, "the weights under A add up to 0");
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_model_and_weights),
        cmocka_unit_test(test_unknown_parent),
        cmocka_unit_test(test_parent_of_the_wrong_kind),
        cmocka_unit_test(test_duplicate_id),
        cmocka_unit_test(test_negative_weight),
        cmocka_unit_test(test_weights_adding_up_to_zero),
        cmocka_unit_test(test_node_without_items),
        cmocka_unit_test(test_mixed_children),
        cmocka_unit_test(test_unknown_answer_type_and_kind),
        cmocka_unit_test(test_missing_target_and_grades),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
