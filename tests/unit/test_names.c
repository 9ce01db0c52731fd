/*
 * names: file-name components and Excel sheet names made from input text.
 * Expected values are written out by hand from the rules in names.h.
 */
#include "names.h"
#include "text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void check_component(const char *text, size_t max_len, const char *expected)
{
    char *got = names_file_component(text, max_len);
    assert_string_equal(got, expected);
    assert_true(strlen(got) <= max_len);
    free(got);
}

static void test_component_basic(void **state)
{
    (void)state;
    check_component("Phra Nakhon", 64, "phra-nakhon");
    check_component("  Bang Rak  ", 64, "bang-rak");
    check_component("A/B\\C", 64, "a-b-c");
    check_component("../../etc/passwd", 64, "etc-passwd");
    check_component("..", 64, "unnamed");
    check_component("", 64, "unnamed");
    check_component("a\nb\tc\x01" "d", 64, "a-b-c-d");
}

static void test_component_thai_only(void **state)
{
    (void)state;
    /* Thai letters are not ASCII letters or digits: nothing survives. */
    check_component("สำนักงานเขตพระนคร", 64, "unnamed");
    /* A code next to Thai keeps the code. */
    check_component("1001 พระนคร", 64, "1001");
}

static void test_component_reserved(void **state)
{
    (void)state;
    check_component("CON", 64, "con-x");
    check_component("nul", 64, "nul-x");
    check_component("com1", 64, "com1-x");
    check_component("Lpt9", 64, "lpt9-x");
    /* Not reserved: longer names that merely start like one. */
    check_component("console", 64, "console");
    /* No room for the suffix: a plain "x", still at most max_len. */
    check_component("con", 4, "x");
}

static void test_component_max_len(void **state)
{
    (void)state;
    check_component("abcdefghij", 4, "abcd");
    /* The cut lands just after a '-': it is dropped. */
    check_component("abc def", 4, "abc");
    /* max_len 0 cannot be met by a never-empty name: one byte. */
    char *one = names_file_component("abc", 0);
    assert_string_equal(one, "a");
    free(one);
}

static void check_sheet(const char *text, const char *const *taken, size_t n,
                        const char *expected)
{
    char *got = names_sheet(text, taken, n);
    assert_string_equal(got, expected);
    assert_true(text_utf8_valid(got, strlen(got)));
    free(got);
}

static void test_sheet_forbidden_chars(void **state)
{
    (void)state;
    check_sheet("a[b]c:d*e?f/g\\h", NULL, 0, "a_b_c_d_e_f_g_h");
    check_sheet("'quoted'", NULL, 0, "quoted");
    check_sheet("''", NULL, 0, "Sheet");
    check_sheet("", NULL, 0, "Sheet");
    check_sheet("tab\there", NULL, 0, "tab_here");
    /* An invalid UTF-8 byte becomes '_', never a cut sequence. */
    check_sheet("a\xff" "b", NULL, 0, "a_b");
}

static void test_sheet_length_ascii(void **state)
{
    (void)state;
    /* 40 ASCII characters -> the first 31. */
    check_sheet("0123456789012345678901234567890123456789", NULL, 0,
                "0123456789012345678901234567890");
}

static void test_sheet_length_thai(void **state)
{
    (void)state;
    /* "กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ" is 42 Thai letters of 3
     * bytes each; Excel counts 1 unit each, so 31 letters (93 bytes) stay. */
    const char *letters = "กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ";
    char *got = names_sheet(letters, NULL, 0);
    assert_int_equal(strlen(got), 93);
    assert_memory_equal(got, letters, 93);
    free(got);
}

static void test_sheet_length_astral(void **state)
{
    (void)state;
    /* 30 'a' then U+1F600 (2 UTF-16 units): 32 units, so the emoji goes
     * whole rather than being cut in half. */
    check_sheet("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xF0\x9F\x98\x80", NULL, 0,
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    /* 29 'a' then the emoji: 31 units, fits. */
    check_sheet("aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xF0\x9F\x98\x80", NULL, 0,
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xF0\x9F\x98\x80");
}

static void test_sheet_unique(void **state)
{
    (void)state;
    const char *taken[] = {"Summary", "summary (2)"};
    check_sheet("SUMMARY", taken, 2, "SUMMARY (3)");
    check_sheet("Other", taken, 2, "Other");
    /* Excel reserves "History". */
    check_sheet("history", NULL, 0, "history (2)");
}

static void test_sheet_unique_after_truncation(void **state)
{
    (void)state;
    /* Two 35-character names equal in their first 31: the second gets the
     * suffix inside the 31 (27 characters + " (2)"). */
    const char *first = "0123456789012345678901234567890";
    const char *taken[] = {first};
    check_sheet("0123456789012345678901234567890XXXX", taken, 1,
                "012345678901234567890123456 (2)");
}

static void test_sheet_unique_thai_truncation(void **state)
{
    (void)state;
    /* 31 Thai letters taken; another with the same start
     * (42 letters) gets 27 letters + " (2)" = 31 units. */
    const char *letters = "กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ";
    char first[94];
    memcpy(first, letters, 93);
    first[93] = '\0';
    const char *taken[] = {first};
    char *got = names_sheet(letters, taken, 1);
    assert_int_equal(strlen(got), 27 * 3 + 4);
    assert_memory_equal(got, letters, 81);
    assert_string_equal(got + 81, " (2)");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_component_basic),
        cmocka_unit_test(test_component_thai_only),
        cmocka_unit_test(test_component_reserved),
        cmocka_unit_test(test_component_max_len),
        cmocka_unit_test(test_sheet_forbidden_chars),
        cmocka_unit_test(test_sheet_length_ascii),
        cmocka_unit_test(test_sheet_length_thai),
        cmocka_unit_test(test_sheet_length_astral),
        cmocka_unit_test(test_sheet_unique),
        cmocka_unit_test(test_sheet_unique_after_truncation),
        cmocka_unit_test(test_sheet_unique_thai_truncation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
