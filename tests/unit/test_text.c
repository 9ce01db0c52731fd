/*
 * text: cleaning, quoting and number parsing of what people type in Thai
 * spreadsheets.  Every expected value is written out by hand.
 */
#include "text.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void check_number(const char *text, num_status expected_status,
                         double expected)
{
    double v = -12345.0;
    num_status st = text_parse_number(text, &v);
    if (st != expected_status)
        fail_msg("%s: status %d, expected %d", text, st, expected_status);
    if (st == NUM_OK || st == NUM_PERCENT) {
        if (fabs(v - expected) > 1e-9 * (1 + fabs(expected)))
            fail_msg("%s: %.17g, expected %.17g", text, v, expected);
    } else {
        assert_true(v == -12345.0); /* *out untouched */
    }
}

static void test_plain_numbers(void **state)
{
    (void)state;
    check_number("83.35", NUM_OK, 83.35);
    check_number("0", NUM_OK, 0);
    check_number("100", NUM_OK, 100);
    check_number("-5", NUM_OK, -5);
    check_number("+5", NUM_OK, 5);
    check_number(".5", NUM_OK, 0.5);
    check_number("5.", NUM_OK, 5);
    check_number("8.335E+01", NUM_OK, 83.35);
    check_number("00083.35", NUM_OK, 83.35);
}

static void test_thai_digits_and_spaces(void **state)
{
    (void)state;
    check_number("๘๓.๓๕", NUM_OK, 83.35);
    check_number("๑๐๐", NUM_OK, 100);
    check_number("  83.35  ", NUM_OK, 83.35);
    check_number("\xC2\xA0" "83.35\xC2\xA0", NUM_OK, 83.35);   /* NBSP */
    check_number("\t83.35\r\n", NUM_OK, 83.35);
    check_number("\xE2\x80\x8B" "83.35", NUM_OK, 83.35);      /* ZWSP */
    check_number("\xEF\xBB\xBF" "83.35", NUM_OK, 83.35);      /* BOM */
    check_number("\xE2\x88\x92" "5", NUM_OK, -5);             /* − */
    check_number("- 5", NUM_OK, -5);
    /* a space inside is not a decimal point */
    check_number("83 35", NUM_INVALID, 0);
    check_number("83. 35", NUM_INVALID, 0);
}

static void test_separators(void **state)
{
    (void)state;
    check_number("1,234", NUM_OK, 1234);
    check_number("1,234.5", NUM_OK, 1234.5);
    check_number("1.234,5", NUM_OK, 1234.5);
    check_number("1,234,567", NUM_OK, 1234567);
    check_number("1.234.567", NUM_OK, 1234567);
    check_number("1 234", NUM_OK, 1234);
    check_number("1\xE2\x80\xAF" "234,5", NUM_OK, 1234.5);     /* narrow NBSP */
    check_number("83,35", NUM_OK, 83.35);
    check_number("83,5", NUM_OK, 83.5);
    check_number(",5", NUM_OK, 0.5);
    /* grouping that is not in threes, or two decimal points */
    check_number("1,23,456", NUM_INVALID, 0);
    check_number("12,34.5", NUM_INVALID, 0);
    check_number("1.2.3,4,5", NUM_INVALID, 0);
    check_number("1,234.5.6", NUM_INVALID, 0);
    check_number("1.234,5,6", NUM_INVALID, 0);
    check_number(".", NUM_INVALID, 0);
    check_number(",", NUM_INVALID, 0);
}

static void test_missing(void **state)
{
    (void)state;
    check_number("", NUM_EMPTY, 0);
    check_number("   ", NUM_EMPTY, 0);
    check_number("-", NUM_EMPTY, 0);
    check_number(" - ", NUM_EMPTY, 0);
    check_number("\xE2\x80\x93", NUM_EMPTY, 0); /* – */
    check_number("N/A", NUM_EMPTY, 0);
    check_number("n/a", NUM_EMPTY, 0);
    check_number("NA", NUM_EMPTY, 0);
    check_number("#N/A", NUM_EMPTY, 0);
}

static void test_percent(void **state)
{
    (void)state;
    check_number("85%", NUM_PERCENT, 85);
    check_number("85 %", NUM_PERCENT, 85);
    check_number("๘๕.๕%", NUM_PERCENT, 85.5);
    check_number("85\xEF\xBC\x85", NUM_PERCENT, 85); /* full-width ％ */
    check_number("%", NUM_INVALID, 0);
    check_number("%85", NUM_INVALID, 0);
    check_number("abc%", NUM_INVALID, 0);
}

static void test_nonfinite_and_overflow(void **state)
{
    (void)state;
    check_number("nan", NUM_NONFINITE, 0);
    check_number("NaN", NUM_NONFINITE, 0);
    check_number("inf", NUM_NONFINITE, 0);
    check_number("-Infinity", NUM_NONFINITE, 0);
    check_number("+INF", NUM_NONFINITE, 0);
    check_number("1e999", NUM_NONFINITE, 0);
    check_number("-1e400", NUM_NONFINITE, 0);
    /* underflow is a tiny number, not an error */
    check_number("1e-400", NUM_OK, 0);
    /* 400 digits: about 1e399, beyond double */
    char big[402];
    big[0] = '1';
    memset(big + 1, '0', 399);
    big[400] = '\0';
    check_number(big, NUM_NONFINITE, 0);
}

static void test_not_numbers(void **state)
{
    (void)state;
    check_number("abc", NUM_INVALID, 0);
    check_number("12abc", NUM_INVALID, 0);
    check_number("0x10", NUM_INVALID, 0);
    check_number("1e", NUM_INVALID, 0);
    check_number("e5", NUM_INVALID, 0);
    check_number("+", NUM_INVALID, 0);
    check_number("--5", NUM_INVALID, 0);
    check_number("5-", NUM_INVALID, 0);
    check_number("#DIV/0!", NUM_INVALID, 0);
    check_number("=A1+1", NUM_INVALID, 0);
    check_number("(5)", NUM_INVALID, 0);
}

static void test_parse_int(void **state)
{
    (void)state;
    long v = 0;
    assert_true(text_parse_int("2564", &v));
    assert_int_equal(v, 2564);
    assert_true(text_parse_int("๒๕๖๔", &v));
    assert_int_equal(v, 2564);
    assert_true(text_parse_int(" 2021 ", &v));
    assert_int_equal(v, 2021);
    assert_false(text_parse_int("", &v));
    assert_false(text_parse_int("-1", &v));
    assert_false(text_parse_int("25a4", &v));
    assert_false(text_parse_int("12345678901234567890", &v));
}

static void test_clean(void **state)
{
    (void)state;
    char *c = text_clean("  สำนักงาน\xE2\x80\x8B" "เขต\xC2\xA0\xC2\xA0พระนคร  ");
    assert_string_equal(c, "สำนักงานเขต พระนคร");
    free(c);
}

static void test_quote_short(void **state)
{
    (void)state;
    char *q = text_quote_short("abc", 40);
    assert_string_equal(q, "\"abc\"");
    free(q);
    /* cut after 3 Thai characters, whole sequences only, with "…" */
    q = text_quote_short("กขคฆง", 3);
    assert_string_equal(q, "\"กขค\xE2\x80\xA6\"");
    free(q);
    /* control bytes and invalid bytes are shown as '?' */
    q = text_quote_short("a\x01" "b\xFF", 40);
    assert_string_equal(q, "\"a?b?\"");
    free(q);
}

static void test_utf8_valid_prefix(void **state)
{
    (void)state;
    assert_int_equal(text_utf8_valid_prefix("abc", 3), 3);
    assert_int_equal(text_utf8_valid_prefix("ab\xFF" "c", 4), 2);
    /* "ก" is E0 B8 81: cut after two bytes it is not valid */
    assert_int_equal(text_utf8_valid_prefix("aก", 3), 1);
    /* overlong '/' and a UTF-16 surrogate */
    assert_int_equal(text_utf8_valid_prefix("\xC0\xAF", 2), 0);
    assert_int_equal(text_utf8_valid_prefix("x\xED\xA0\x80", 4), 1);
    assert_true(text_utf8_valid("", 0));
    /* long ASCII runs are skipped eight bytes at a time: a bad byte or a
     * Thai character at every position of the first words is still seen */
    for (size_t at = 0; at < 20; at++) {
        char s[32];
        memset(s, 'a', sizeof s);
        s[at] = '\xFF';
        assert_int_equal(text_utf8_valid_prefix(s, sizeof s), at);
        memcpy(s + at, "\xE0\xB8\x81", 3); /* ก */
        assert_int_equal(text_utf8_valid_prefix(s, sizeof s), sizeof s);
        assert_int_equal(text_utf8_valid_prefix(s, at + 2), at);
    }
}

/* Plain numbers ("86.91", "275": ASCII digits, one '.') take a path
 * without cleaning; their value must be the one strtod gives the same
 * text, bit for bit, whatever the number of digits. */
static void test_plain_number_path(void **state)
{
    (void)state;
    unsigned seed = 12345;
    for (int k = 0; k < 20000; k++) {
        char s[40];
        size_t n = 0, digits = 1 + (seed = seed * 1103515245u + 12345u) % 18;
        size_t point = (seed >> 8) % (digits + 1);
        for (size_t i = 0; i < digits; i++) {
            if (i == point && i > 0)
                s[n++] = '.';
            seed = seed * 1103515245u + 12345u;
            s[n++] = (char)('0' + (seed >> 16) % 10);
        }
        s[n] = '\0';
        double v = -1, expected = strtod(s, NULL);
        assert_int_equal(text_parse_number_in(s, ',', &v, NULL), NUM_OK);
        if (memcmp(&v, &expected, sizeof v) != 0)
            fail_msg("%s: %.17g, strtod %.17g", s, v, expected);
    }
    /* 2^53 + 1 has 16 digits: read by the general path, as strtod does */
    check_number("9007199254740993", NUM_OK, 9007199254740992.0);
    check_number("0.1", NUM_OK, 0.1);
    check_number("007", NUM_OK, 7);
}

/* One value read from a file with the given separator. */
static void check_in(const char *text, char sep, num_status expected_status,
                     double expected, double expected_alt)
{
    double v = -1, alt = -1;
    num_status st = text_parse_number_in(text, sep, &v, &alt);
    if (st != expected_status)
        fail_msg("%s in '%c' file: status %d, expected %d", text, sep, st,
                 expected_status);
    if (st == NUM_OK || st == NUM_AMBIGUOUS)
        assert_true(fabs(v - expected) < 1e-12);
    if (st == NUM_AMBIGUOUS)
        assert_true(fabs(alt - expected_alt) < 1e-9);
}

static void test_separator_rule(void **state)
{
    (void)state;
    /* README, Numbers: a lone mark before exactly three digits */
    check_in("96,250", ';', NUM_OK, 96.25, 0);       /* decimal comma */
    check_in("96.250", ';', NUM_AMBIGUOUS, 96.25, 96250);
    check_in("96,250", ',', NUM_AMBIGUOUS, 96.25, 96250);
    check_in("96,250", '\t', NUM_AMBIGUOUS, 96.25, 96250);
    check_in("96.250", ',', NUM_OK, 96.25, 0);
    check_in("1,250", ',', NUM_AMBIGUOUS, 1.25, 1250);
    /* no first thousands group before the mark: a decimal everywhere */
    check_in("0,100", ',', NUM_OK, 0.1, 0);
    check_in("0,100", ';', NUM_OK, 0.1, 0);
    check_in(",100", ',', NUM_OK, 0.1, 0);
    check_in("0.100", ';', NUM_OK, 0.1, 0);
    check_in("1234,567", ',', NUM_OK, 1234.567, 0);
    /* not three digits after it: a decimal mark whatever the file */
    check_in("83,35", ',', NUM_OK, 83.35, 0);
    check_in("83.35", ';', NUM_OK, 83.35, 0);
    /* both marks, or repeated ones: settled by themselves */
    check_in("1.234,5", ',', NUM_OK, 1234.5, 0);
    check_in("1,234.5", ';', NUM_OK, 1234.5, 0);
    check_in("1,234,567", ',', NUM_OK, 1234567, 0);
    /* binary noise is a number like any other (ranges allow it) */
    check_in("100.00000000000001", ',', NUM_OK, 100.00000000000001, 0);
}

static void test_name_key_sara_am(void **state)
{
    (void)state;
    /* "สำนักงานเขตน้ำ" typed with NIKHAHIT + SARA AA, the tone mark first */
    char *a = text_name_key("\xE0\xB8\xAA\xE0\xB9\x8D\xE0\xB8\xB2"
                            "นักงานเขต" "\xE0\xB8\x99\xE0\xB9\x89"
                            "\xE0\xB9\x8D\xE0\xB8\xB2");
    char *b = text_name_key("น้ำ");
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void test_escape_and_strip(void **state)
{
    (void)state;
    char *e = text_escape_invalid("a\x01" "b\xA1\xD2" "c\t\xE0\xB8\x81");
    /* control and invalid bytes as \xNN; tab and Thai kept */
    assert_string_equal(e, "a\\x01" "b\\xA1\\xD2" "c\t\xE0\xB8\x81");
    free(e);
    char s[] = "On\x01" "e\x1b \xC2\x85" "x\x7F\xEF\xBF\xBF";
    assert_int_equal(text_strip_controls(s), 5);
    assert_string_equal(s, "One x");
    /* U+FFFE is UTF-8 but not an XML character; U+FFFD is both */
    e = text_escape_invalid("a\xEF\xBF\xBE" "b\xEF\xBF\xBD");
    assert_string_equal(e, "a\\xEF\\xBF\\xBE" "b\xEF\xBF\xBD");
    free(e);
}

/* Distances worked out by hand: kitten -> sitting is the textbook 3
 * (k->s, e->i, +g); Thai counts characters, not bytes (สาทร -> สาธร is one
 * substitution though each letter is 3 bytes). */
static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(text_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(text_edit_distance("", "abc"), 3);
    assert_int_equal(text_edit_distance("same", "same"), 0);
    assert_int_equal(text_edit_distance("สาทร", "สาธร"), 1);
    assert_int_equal(text_edit_distance("sathorn", "sathon"), 1);
    size_t d;
    char *typed = text_suggest_key("Thonburi");
    char *name = text_suggest_key("Thon Buri");
    assert_true(text_is_near(typed, name, &d));
    assert_int_equal(d, 0);
    free(typed);
    free(name);
    typed = text_suggest_key("สำนักงานเขต สาธร");
    assert_string_equal(typed, "สาธร");
    free(typed);
    /* 4 characters allow 1 edit: "I100" -> "i10" yes, "abcd" -> "wxyz" no */
    assert_true(text_is_near("i100", "i10", &d));
    assert_false(text_is_near("abcd", "wxyz", &d));
}

/* A text read back is the one written when only line breaks differ: put
 * in where none was (Thai, between words), or for spaces; ends aside. */
static void test_same_but_breaks(void **state)
{
    (void)state;
    assert_true(text_same_but_breaks("ทำ ก", "ทำ ก"));
    assert_true(text_same_but_breaks("ติดตาม\nผล", "ติดตามผล"));
    assert_true(text_same_but_breaks("Do\nthe work", "Do the work"));
    assert_true(text_same_but_breaks("Do \nthe work", "Do the work"));
    assert_true(text_same_but_breaks("Do\r\nthe work\n", "Do the work "));
    assert_true(text_same_but_breaks(NULL, ""));
    assert_false(text_same_but_breaks("Do the work", "Do\nthe work"));
    assert_false(text_same_but_breaks("Do the\nwork!", "Do the work"));
    assert_false(text_same_but_breaks("Do thework", "Do the work"));
    assert_false(text_same_but_breaks("Do the", "Do the work"));
    assert_false(text_same_but_breaks("", "Do"));
    assert_false(text_same_but_breaks("x\nDo", "Do"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_plain_numbers),
        cmocka_unit_test(test_thai_digits_and_spaces),
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_nonfinite_and_overflow),
        cmocka_unit_test(test_not_numbers),
        cmocka_unit_test(test_parse_int),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_quote_short),
        cmocka_unit_test(test_utf8_valid_prefix),
        cmocka_unit_test(test_plain_number_path),
        cmocka_unit_test(test_separator_rule),
        cmocka_unit_test(test_escape_and_strip),
        cmocka_unit_test(test_name_key_sara_am),
        cmocka_unit_test(test_same_but_breaks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
