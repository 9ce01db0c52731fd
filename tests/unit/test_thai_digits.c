/*
 * thai_digits: number formats showing Thai digits.  Every expected format
 * is written out by hand from the rule of thai_digits.h (a locale code
 * [$-D00041E] per section; an own code keeps its calendar and language
 * with the digits byte 0D; digits in literals made Thai: ๙ is U+0E59).
 */
#include "thai_digits.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void check(const char *fmt, const char *expected)
{
    char *got = thai_digits_format(fmt);
    assert_string_equal(got, expected);
    free(got);
}

static void test_one_section(void **state)
{
    (void)state;
    check("0.00", "[$-D00041E]0.00");
    check("0", "[$-D00041E]0");
    check("0.0%", "[$-D00041E]0.0%");
    check(NULL, "[$-D00041E]General");
    check("", "[$-D00041E]General");
}

static void test_every_section(void **state)
{
    (void)state;
    /* LibreOffice applies a code to its own section only */
    check("0.00;-0.00;\"-\"",
          "[$-D00041E]0.00;[$-D00041E]-0.00;[$-D00041E]\"-\"");
    /* a ';' inside a literal does not start a section */
    check("0;\"a;b\"", "[$-D00041E]0;[$-D00041E]\"a;b\"");
}

static void test_own_locale_code(void **state)
{
    (void)state;
    /* Western digits (01), Buddhist calendar (07), Thai (041E) */
    check("[$-107041E]d mmm yyyy", "[$-D07041E]d mmm yyyy");
    /* Western digits, no calendar, no language named: Thai */
    check("[$-1000000]0", "[$-D00041E]0");
}

static void test_digits_in_literals(void **state)
{
    (void)state;
    check("[>0.99]\"> 99 %\";[<0.01]\"< 1 %\";0\" \"%",
          "[$-D00041E][>0.99]\"> \xe0\xb9\x99\xe0\xb9\x99 %\";"
          "[$-D00041E][<0.01]\"< \xe0\xb9\x91 %\";"
          "[$-D00041E]0\" \"%");
}

/* Prose: ๐ is U+0E50 (E0 B9 90), ๒ E0 B9 92, ๔ 94, ๕ 95, ๖ 96, ๙ 99. */
static void test_digits_in_prose(void **state)
{
    (void)state;
    char *got = thai_digits_text("ITA 62.46, 95% (I4 O43 IND10) 2564");
    assert_string_equal(got, "ITA \xe0\xb9\x96\xe0\xb9\x92.\xe0\xb9\x94"
                             "\xe0\xb9\x96, \xe0\xb9\x99\xe0\xb9\x95% "
                             "(I4 O43 IND10) \xe0\xb9\x92\xe0\xb9\x95"
                             "\xe0\xb9\x96\xe0\xb9\x94");
    free(got);
    got = thai_digits_text("");
    assert_string_equal(got, "");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_section),
        cmocka_unit_test(test_every_section),
        cmocka_unit_test(test_own_locale_code),
        cmocka_unit_test(test_digits_in_literals),
        cmocka_unit_test(test_digits_in_prose),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
