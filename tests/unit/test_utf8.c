/*
 * text_utf8_next: the one UTF-8 decoder.  Code points are those of the
 * Unicode charts (ก U+0E01 = E0 B8 81, € U+20AC = E2 82 AC, 😀 U+1F600 =
 * F0 9F 98 80); invalid forms are those RFC 3629 forbids.
 */
#include "text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static void check(const char *s, size_t n, size_t len, unsigned cp)
{
    unsigned got = 0;
    assert_int_equal(text_utf8_next(s, n, &got), len);
    assert_int_equal(got, cp);
}

static void test_valid_characters(void **state)
{
    (void)state;
    check("A", 1, 1, 'A');
    check("\xC3\xA9", 2, 2, 0xE9);              /* é */
    check("\xE0\xB8\x81", 3, 3, 0x0E01);        /* ก */
    check("\xE2\x82\xAC", 3, 3, 0x20AC);        /* € */
    check("\xF0\x9F\x98\x80", 4, 4, 0x1F600);   /* 😀 */
    check("\xEF\xBF\xBD", 3, 3, 0xFFFD);        /* a real U+FFFD is valid */
}

/* Forms RFC 3629 forbids, sequences cut short or never begun, and a
 * NUL, which ends any sequence: over a NUL-terminated string a bound of
 * TEXT_UTF8_MAX is safe, nothing after the NUL is read. */
static void test_invalid_sequences(void **state)
{
    (void)state;
    check("\xC0\xAF", 2, 0, 0xFFFD);             /* overlong '/' */
    check("\xED\xA0\x80", 3, 0, 0xFFFD);         /* surrogate U+D800 */
    check("\xF4\x90\x80\x80", 4, 0, 0xFFFD);     /* above U+10FFFF */
    check("\xE9", 1, 0, 0xFFFD);                 /* Latin-1 é */
    check("\xE0\xB8\x81", 2, 0, 0xFFFD);         /* cut short by n */
    check("\x80", 1, 0, 0xFFFD);                 /* lone continuation */
    check("\xE0\xB8", TEXT_UTF8_MAX, 0, 0xFFFD);  /* cut short by a NUL */
    check("", TEXT_UTF8_MAX, 1, 0);
}

/* The one cut (text_utf8_cut_len / text_utf8_copy), worked by hand on
 * "กำไร" = ก E0 B8 81, ำ E0 B8 B3, ไ E0 B9 84, ร E0 B8 A3 (12 bytes) and
 * "ที่" = ท E0 B8 97, ี E0 B8 B5 (combining), ่ E0 B9 88 (combining). */
static void test_cut_at_character_boundary(void **state)
{
    (void)state;
    const char *kamrai = "\xE0\xB8\x81\xE0\xB8\xB3\xE0\xB9\x84\xE0\xB8\xA3";
    /* every limit from 0 to 12 bytes cuts at 0, 3, 6, 9 or 12 */
    static const size_t expected[13] = {0, 0, 0, 3, 3, 3, 6, 6, 6, 9, 9, 9,
                                        12};
    for (size_t max = 0; max <= 12; max++) {
        assert_int_equal(text_utf8_cut_len(kamrai, max), expected[max]);
        char buf[16];
        bool whole = text_utf8_copy(buf, max + 1, kamrai);
        assert_int_equal(strlen(buf), expected[max]);
        assert_true(text_utf8_valid(buf, strlen(buf)));
        assert_int_equal(whole, max == 12);
    }
    /* a 255-byte cut of 100 Thai characters (300 bytes): 255 = 85 whole */
    char long_text[301];
    for (int i = 0; i < 100; i++)
        memcpy(long_text + 3 * i, "\xE0\xB8\x81", 3);
    long_text[300] = '\0';
    assert_int_equal(text_utf8_cut_len(long_text, 255), 255);
    assert_int_equal(text_utf8_cut_len(long_text, 254), 252);
    /* a vowel or tone mark stays with its consonant: "ทที่" cut at 6 or
     * 9 bytes keeps "ท" alone, not "ทท" without its marks */
    const char *thi = "\xE0\xB8\x97\xE0\xB8\x97\xE0\xB8\xB5\xE0\xB9\x88";
    assert_int_equal(text_utf8_cut_len(thi, 6), 3);
    assert_int_equal(text_utf8_cut_len(thi, 9), 3);
    assert_int_equal(text_utf8_cut_len(thi, 12), 12);
    /* ASCII: byte for byte */
    assert_int_equal(text_utf8_cut_len("abcdef", 4), 4);
}

/* text_append joins text of any length, whole. */
static void test_append_keeps_everything(void **state)
{
    (void)state;
    char *s = NULL;
    for (int i = 0; i < 200; i++)
        s = text_append(s, "%s\xE0\xB8\x81", i ? "," : "");
    assert_int_equal(strlen(s), 200 * 3 + 199);
    assert_true(text_utf8_valid(s, strlen(s)));
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_characters),
        cmocka_unit_test(test_invalid_sequences),
        cmocka_unit_test(test_cut_at_character_boundary),
        cmocka_unit_test(test_append_keeps_everything),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
