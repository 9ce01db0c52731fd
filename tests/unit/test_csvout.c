/*
 * csvout: fields that a spreadsheet would run as formulas get an
 * apostrophe; numbers and ordinary text are written as they are, quoted
 * only when CSV needs it.  Expected bytes written out by hand.
 */
#include "csvout.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

/* The bytes csvout_field writes for one field at the start of a row. */
static void check_field(const char *text, const char *expected)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    csvout_field(out, text, true);
    fclose(out);
    assert_string_equal(buf, expected);
    free(buf);
}

static void test_formulas_neutralised(void **state)
{
    (void)state;
    check_field("=1+1", "\"'=1+1\"");
    check_field("=HYPERLINK(\"http://x\",\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    check_field("+66 2 123 4567", "\"'+66 2 123 4567\"");
    check_field("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\"");
    check_field("@SUM(A1)", "\"'@SUM(A1)\"");
    check_field("\tx", "\"'\tx\"");
    check_field("\rx", "\"'\rx\"");
    check_field("  =1+1", "\"'  =1+1\"");
    check_field("\xEF\xBC\x9D" "1+1", "\"'\xEF\xBC\x9D" "1+1\"");  /* ＝ */
    check_field("-", "\"'-\"");
    /* a number with a stray invisible character is not a plain number */
    check_field("-\xE2\x80\x8B" "5", "\"'-\xE2\x80\x8B" "5\"");
}

static void test_numbers_and_text_untouched(void **state)
{
    (void)state;
    check_field("-5", "-5");
    check_field("+5", "+5");
    check_field("-83.35", "-83.35");
    check_field("-1.5e3", "-1.5e3");
    check_field("สำนักงานเขตพระนคร", "สำนักงานเขตพระนคร");
    check_field("a=b", "a=b");
    check_field("", "");
    check_field("a,b", "\"a,b\"");
    check_field("say \"hi\"", "\"say \"\"hi\"\"\"");
}

static void test_row(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    csvout_field(out, "1001", true);
    csvout_field(out, "=x", false);
    csvout_score(out, 83.344);
    csvout_score(out, NAN);
    csvout_count(out, 12);
    csvout_end(out);
    fclose(out);
    /* 2 decimals; NAN is an empty field */
    assert_string_equal(buf, "1001,\"'=x\",83.34,,12\r\n");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formulas_neutralised),
        cmocka_unit_test(test_numbers_and_text_untouched),
        cmocka_unit_test(test_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
