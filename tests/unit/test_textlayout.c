/*
 * textlayout: line counts worked out by hand from the class widths of
 * src/textlayout.c (thousandths of an em) at 14 pt, where an em is
 * 14 * 96/72 = 18.6667 px:
 *
 *   a (Latin lower)        546 -> 10.192 px     space 324 -> 6.048 px
 *   ก ส ด ค บ (Thai)       596 -> 11.125 px     ร ว 481 -> 8.979 px
 *   ิ ี ั ่ ้ (marks)          0                  เ 328 -> 6.123 px
 *
 * A column of width w units offers (w + 5/7) * 0.544 * 18.6667 - 6 px:
 * a unit is the digit of TH Sarabun New 14 pt, 10.155 px.
 *   w = 5.8 -> 60.15 px          w = 10 -> 102.80 px
 */
#include "textlayout.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

static void test_empty_text_takes_one_line(void **state)
{
    (void)state;
    assert_int_equal(textlayout_lines(NULL, 10, 14), 1);
    assert_int_equal(textlayout_lines("", 10, 14), 1);
    assert_float_equal(textlayout_text_px(NULL, 14), 0, 1e-12);
}

static void test_column_and_glyph_widths(void **state)
{
    (void)state;
    assert_float_equal(textlayout_column_px(10), 102.80, 0.01);
    assert_float_equal(textlayout_column_px(5.8), 60.15, 0.01);
    /* ก 11.125; vowel and tone marks add nothing: กิ่ = ก */
    assert_float_equal(textlayout_text_px("ก", 14), 11.125, 0.001);
    assert_float_equal(textlayout_text_px("กิ่", 14), 11.125, 0.001);
    /* เก: 6.123 + 11.125 */
    assert_float_equal(textlayout_text_px("เก", 14), 17.248, 0.001);
    /* "aa a": 3 * 10.192 + 6.048; a newline has no width */
    assert_float_equal(textlayout_text_px("aa a", 14), 36.624, 0.001);
    assert_float_equal(textlayout_text_px("aa\na", 14), 30.576, 0.001);
}

static void test_newlines_start_lines(void **state)
{
    (void)state;
    assert_int_equal(textlayout_lines("a\nb\nc", 30, 14), 3);
    /* an empty line between two counts too */
    assert_int_equal(textlayout_lines("a\n\nc", 30, 14), 3);
}

static void test_latin_words_wrap_at_spaces(void **state)
{
    (void)state;
    /* "aaaa aaaa": words of 40.77 px; together 87.59 px.  Room 60.15:
     * two lines; room 102.80: one. */
    assert_int_equal(textlayout_lines("aaaa aaaa", 5.8, 14), 2);
    assert_int_equal(textlayout_lines("aaaa aaaa", 10, 14), 1);
    /* a trailing space does not push a word to a new line: "aaaaa " is
     * 50.96 + 6.05 px in 60.15 */
    assert_int_equal(textlayout_lines("aaaaa ", 5.8, 14), 1);
}

static void test_long_word_breaks_between_characters(void **state)
{
    (void)state;
    /* ten a's, 101.92 px, in 60.15 px: 5 a's (50.96) per line, the sixth
     * would make 61.15: two lines */
    assert_int_equal(textlayout_lines("aaaaaaaaaa", 5.8, 14), 2);
    /* eleven: 5 + 5 + 1 */
    assert_int_equal(textlayout_lines("aaaaaaaaaaa", 5.8, 14), 3);
}

static void test_thai_breaks_between_words(void **state)
{
    (void)state;
    /* libthai splits ครับครับครับ into three words ครับ of
     * 11.125 + 8.979 + 0 + 11.125 = 31.23 px.  Two words (62.46) do not
     * fit in 60.15, so each takes a line: 3 lines, where breaking
     * anywhere (93.69 px of text) would give 2. */
    assert_int_equal(textlayout_lines("ครับครับครับ", 5.8, 14), 3);
    /* in 102.80 px all three fit: one line */
    assert_int_equal(textlayout_lines("ครับครับครับ", 10, 14), 1);
    /* สวัสดีครับ: สวัสดี 11.125 + 8.979 + 11.125 + 11.125 = 42.35 and
     * ครับ 31.23, 73.58 together: two lines in 60.15 px */
    assert_int_equal(textlayout_lines("สวัสดีครับ", 5.8, 14), 2);
}

/* textlayout_wrap fills 0.92 of the room (WRAP_ROOM): 55.34 px at
 * w = 5.8, 94.58 at w = 10, and at w = 9.2, whose room is
 * (9.2 + 5/7) * 10.1547 - 6 = 94.68 px, 87.10. */
static void assert_wrap(const char *text, double width, const char *want)
{
    char *got = textlayout_wrap(text, width, 14);
    assert_string_equal(got, want);
    free(got);
}

static void test_wrap_breaks_lines_at_words(void **state)
{
    (void)state;
    /* ครับ 31.23 px: one a line in 55.34, all three (93.69) in 94.58 */
    assert_wrap("ครับครับครับ", 5.8, "ครับ\nครับ\nครับ");
    assert_wrap("ครับครับครับ", 10, "ครับครับครับ");
    /* at 9.2 the three fit the room (textlayout_lines: 1 line) but not
     * its 0.92: two (62.46) on the first line */
    assert_int_equal(textlayout_lines("ครับครับครับ", 9.2, 14), 1);
    assert_wrap("ครับครับครับ", 9.2, "ครับครับ\nครับ");
    /* a break at a space takes the space's place; newlines stay */
    assert_wrap("aaaa aaaa\nครับ", 5.8, "aaaa\naaaa\nครับ");
    /* a word wider than the column is left to the spreadsheet */
    assert_wrap("aaaaaaaaaa", 5.8, "aaaaaaaaaa");
    assert_wrap("", 5.8, "");
}

/* textlayout_wrap_names breaks at spaces: a name that fits a line stays
 * whole although libthai finds words in it; one wider than the column
 * breaks at libthai's words.  ครับ 31.23 px, a space 6.05, the room
 * 94.58 at w = 10 (test_wrap_breaks_lines_at_words): "ครับครับ" (62.46)
 * fits, two of them with a space (130.97) do not. */
static void test_wrap_names_keeps_names_whole(void **state)
{
    (void)state;
    char *got = textlayout_wrap_names("ครับครับ ครับครับ", 10, 14);
    assert_string_equal(got, "ครับครับ\nครับครับ");
    free(got);
    /* at w = 20 both fit one line */
    got = textlayout_wrap_names("ครับครับ ครับครับ", 20, 14);
    assert_string_equal(got, "ครับครับ ครับครับ");
    free(got);
    /* ครับ x 4 (124.9) is wider than the room: broken at libthai's words,
     * three (93.69) on the first line, then ครับ, a space, ครับ (68.5) */
    got = textlayout_wrap_names("ครับครับครับครับ ครับ", 10, 14);
    assert_string_equal(got, "ครับครับครับ\nครับ ครับ");
    free(got);
    /* where textlayout_wrap splits a name, wrap_names keeps it whole */
    got = textlayout_wrap("ครับ ครับครับ", 10, 14);
    assert_string_equal(got, "ครับ ครับ\nครับ");
    free(got);
    got = textlayout_wrap_names("ครับ ครับครับ", 10, 14);
    assert_string_equal(got, "ครับ\nครับครับ");
    free(got);
}

static void test_row_height(void **state)
{
    (void)state;
    /* 14 pt * 1.655 = 23.17 pt a line, + 2 pt, rounded up */
    assert_float_equal(textlayout_row_height(1, 14), 26, 1e-9);
    assert_float_equal(textlayout_row_height(0, 14), 26, 1e-9);
    assert_float_equal(textlayout_row_height(3, 14), 72, 1e-9);
    assert_float_equal(textlayout_text_height("ครับครับครับ", 5.8, 14), 72,
                       1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_text_takes_one_line),
        cmocka_unit_test(test_column_and_glyph_widths),
        cmocka_unit_test(test_newlines_start_lines),
        cmocka_unit_test(test_latin_words_wrap_at_spaces),
        cmocka_unit_test(test_long_word_breaks_between_characters),
        cmocka_unit_test(test_thai_breaks_between_words),
        cmocka_unit_test(test_wrap_breaks_lines_at_words),
        cmocka_unit_test(test_wrap_names_keeps_names_whole),
        cmocka_unit_test(test_row_height),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
