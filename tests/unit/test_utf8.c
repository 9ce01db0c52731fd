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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_characters),
        cmocka_unit_test(test_invalid_sequences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
