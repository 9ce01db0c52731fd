/*
 * registry: loading the office list and finding offices by code or name.
 * The good registry is the tiny fixture (tests/fixtures/tiny/offices.csv:
 * 11 หนึ่ง One and 22 สอง Two in โซนหนึ่ง, 33 สาม Three in โซนสอง); the bad
 * ones are written here, each with the error the header promises.
 */
#include "registry.h"
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

#define TINY_OFFICES "tests/fixtures/tiny/offices.csv"

/* Loads the tiny registry, which must load without a finding. */
static registry *load_tiny(void)
{
    diag_list diags;
    diag_init(&diags);
    registry *r = registry_load(TINY_OFFICES, &diags);
    assert_non_null(r);
    assert_int_equal(diags.n, 0);
    diag_free(&diags);
    return r;
}

static void test_loads_offices_and_zones(void **state)
{
    (void)state;
    registry *r = load_tiny();
    assert_int_equal(r->n_offices, 3);
    assert_string_equal(r->offices[0].code, "11");
    assert_string_equal(r->offices[2].name_th, "สาม");
    assert_string_equal(r->offices[2].name_en, "Three");
    /* zones in order of first appearance */
    assert_int_equal(r->n_zones, 2);
    assert_string_equal(r->zones[0].name_th, "โซนหนึ่ง");
    assert_string_equal(r->zones[1].name_en, "Zone 2");
    assert_int_equal(r->offices[0].zone, 0);
    assert_int_equal(r->offices[1].zone, 0);
    assert_int_equal(r->offices[2].zone, 1);
    registry_free(r);
}

static void test_finds_by_code_and_names(void **state)
{
    (void)state;
    registry *r = load_tiny();
    assert_int_equal(registry_find(r, "22"), 1);
    assert_int_equal(registry_find(r, "สาม"), 2);
    assert_int_equal(registry_find(r, "เขตสาม"), 2);
    assert_int_equal(registry_find(r, "สำนักงานเขตสาม"), 2);
    assert_int_equal(registry_find(r, "Three"), 2);
    assert_int_equal(registry_find(r, "three"), 2);       /* ASCII case */
    assert_int_equal(registry_find(r, "  One  "), 0);     /* spaces */
    assert_int_equal(registry_find(r, "Four"), -1);
    assert_int_equal(registry_find(r, "44"), -1);
    assert_int_equal(registry_find(r, ""), -1);
    registry_free(r);
}

/* Writes text to a new temporary file; returns its path (new string). */
static char *write_temp(const char *text)
{
    const char *tmp = getenv("TMPDIR");
    char *path = xasprintf("%s/itabench-registry-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Loading text fails with exactly one error on line, whose message
 * contains want. */
static void check_refused(const char *text, unsigned long line,
                          const char *want)
{
    char *path = write_temp(text);
    diag_list diags;
    diag_init(&diags);
    assert_null(registry_load(path, &diags));
    assert_int_equal(diag_count(&diags, DIAG_ERROR), 1);
    assert_int_equal(diags.items[0].line, line);
    assert_string_equal(diags.items[0].check, "registry");
    assert_string_equal(diags.items[0].file, path);
    if (!strstr(diags.items[0].message, want))
        fail_msg("message \"%s\" lacks \"%s\"", diags.items[0].message, want);
    diag_free(&diags);
    unlink(path);
    free(path);
}

static void test_refuses_bad_registries(void **state)
{
    (void)state;
    check_refused("code,name_th,zone_th\n1,ก,z\n", 1, "no column name_en");
    check_refused("code,name_th,name_en,zone_th,zone_en\n1,ก,,z,Z\n", 2,
                  "needs a code, a Thai name and an English name");
    check_refused("code,name_th,name_en,zone_th,zone_en\n"
                  "1,ก,A,z,Z\n2,ข,A,z,Z\n", 3,
                  "names two offices (lines 2 and 3)");
    check_refused("code,name_th,name_en,zone_th,zone_en\n", 0,
                  "lists no office");
}

/* The zone columns are optional (registry.c requires code and names
 * only): without them every office is in one unnamed zone. */
static void test_zones_are_optional(void **state)
{
    (void)state;
    char *path = write_temp("name_en,code,name_th\nA,1,ก\nB,2,ข\n");
    diag_list diags;
    diag_init(&diags);
    registry *r = registry_load(path, &diags);
    assert_non_null(r);
    assert_int_equal(r->n_offices, 2);
    assert_string_equal(r->offices[1].code, "2");   /* columns in any order */
    assert_string_equal(r->offices[1].name_en, "B");
    assert_int_equal(r->n_zones, 1);
    assert_string_equal(r->zones[0].name_th, "");
    assert_int_equal(r->offices[0].zone, r->offices[1].zone);
    registry_free(r);
    diag_free(&diags);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loads_offices_and_zones),
        cmocka_unit_test(test_finds_by_code_and_names),
        cmocka_unit_test(test_refuses_bad_registries),
        cmocka_unit_test(test_zones_are_optional),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
