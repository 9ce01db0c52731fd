/*
 * name_cache: texts as typed mapped to what they name, bounded in keys
 * and key length.  Expected values are the ones stored.
 */
#include "name_cache.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static void test_get_and_put(void **state)
{
    (void)state;
    name_cache *c = name_cache_new(8);
    int v = -1;
    assert_false(name_cache_get(c, "I1", &v));
    name_cache_put(c, "I1", 0);
    name_cache_put(c, "i1", 0);
    name_cache_put(c, " I1 ", 0);
    name_cache_put(c, "I2", 1);
    assert_true(name_cache_get(c, "I1", &v));
    assert_int_equal(v, 0);
    assert_true(name_cache_get(c, "I2", &v));
    assert_int_equal(v, 1);
    /* the last key found is compared first: back and forth stays right */
    assert_true(name_cache_get(c, "I1", &v));
    assert_int_equal(v, 0);
    assert_true(name_cache_get(c, " I1 ", &v));
    assert_int_equal(v, 0);
    /* exact bytes: a prefix or a longer text is another key */
    assert_false(name_cache_get(c, "I", &v));
    assert_false(name_cache_get(c, "I12", &v));
    assert_false(name_cache_get(c, "", &v));
    /* a key stored twice keeps its first value */
    name_cache_put(c, "I2", 7);
    assert_true(name_cache_get(c, "I2", &v));
    assert_int_equal(v, 1);
    name_cache_free(c);
    name_cache_free(NULL);
}

static void test_bounded(void **state)
{
    (void)state;
    name_cache *c = name_cache_new(100);
    char key[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "office %d", i);
        name_cache_put(c, key, i);
    }
    /* at most 100 kept (fewer only if probes ran long); every answer is
     * the value stored */
    int kept = 0, v;
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "office %d", i);
        if (name_cache_get(c, key, &v)) {
            assert_int_equal(v, i);
            kept++;
        }
    }
    assert_true(kept > 50 && kept <= 100);
    /* a key longer than NAME_CACHE_KEY_MAX is never stored */
    name_cache *d = name_cache_new(4);
    char longer[NAME_CACHE_KEY_MAX + 2];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    name_cache_put(d, longer, 3);
    assert_false(name_cache_get(d, longer, &v));
    longer[NAME_CACHE_KEY_MAX] = '\0';
    name_cache_put(d, longer, 3);
    assert_true(name_cache_get(d, longer, &v));
    assert_int_equal(v, 3);
    name_cache_free(d);
    name_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get_and_put),
        cmocka_unit_test(test_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
