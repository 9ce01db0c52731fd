/*
 * manifest: what itabench wrote into an output folder, written and read
 * back on the file system in a new folder under TMPDIR.
 */
#include "manifest.h"
#include "text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static char *new_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/itabench-manifest-XXXXXX",
                          tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    char *offices = xasprintf("%s/offices", dir);
    assert_int_equal(mkdir(offices, 0777), 0);
    free(offices);
    return dir;
}

static void touch(const char *dir, const char *name)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    free(path);
}

static void remove_all(char *dir)
{
    const char *names[] = {"offices/b.xlsx", "offices/a.xlsx",
                           "offices/a-O43.pdf", "city-summary.pdf",
                           MANIFEST_NAME, "offices"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        if (unlink(p) != 0)
            rmdir(p);
        free(p);
    }
    rmdir(dir);
    free(dir);
}

/* Entries are kept sorted by file and replaced by file. */
static void test_set_find(void **state)
{
    (void)state;
    manifest m = {0};
    manifest_set(&m, "offices/b.xlsx", SHA_B, 2564, "22", false);
    manifest_set(&m, "offices/a.xlsx", SHA_A, 2564, "11", false);
    manifest_set(&m, "offices/b.xlsx", SHA_A, 2565, "22", true);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.entries[0].file, "offices/a.xlsx");
    const manifest_entry *e = manifest_find(&m, "offices/b.xlsx");
    assert_non_null(e);
    assert_string_equal(e->sha256, SHA_A);
    assert_int_equal(e->year, 2565);
    assert_true(e->carried);
    assert_null(manifest_find(&m, "offices/c.xlsx"));
    manifest_free(&m);
}

/* Written and read back the same; a file that is gone is left out. */
static void test_round_trip(void **state)
{
    (void)state;
    char *dir = new_dir();
    touch(dir, "offices/a.xlsx");
    manifest m = {0};
    manifest_set(&m, "offices/a.xlsx", SHA_A, 2564, "11", true);
    manifest_set(&m, "offices/b.xlsx", SHA_B, 2564, "22", false);
    assert_true(manifest_write(&m, dir));
    manifest_free(&m);
    manifest_load(&m, dir);
    assert_int_equal(m.n, 1);
    assert_string_equal(m.entries[0].file, "offices/a.xlsx");
    assert_string_equal(m.entries[0].sha256, SHA_A);
    assert_string_equal(m.entries[0].office, "11");
    assert_int_equal(m.entries[0].year, 2564);
    assert_true(m.entries[0].carried);
    manifest_free(&m);
    remove_all(dir);
}

/* Lines that do not read back are ignored; no manifest is an empty one. */
static void test_bad_lines(void **state)
{
    (void)state;
    char *dir = new_dir();
    manifest m;
    manifest_load(&m, dir);
    assert_int_equal(m.n, 0);
    char *path = xasprintf("%s/" MANIFEST_NAME, dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "# comment\n"
               "short\t2564\t11\tnew\toffices/x.xlsx\n"
               SHA_A "\tyear\t11\tnew\toffices/y.xlsx\n"
               SHA_A "\t2564\t11\toffices/z.xlsx\n"
               SHA_B "\t2564\t22\tnew\toffices/b.xlsx\n");
    fclose(f);
    free(path);
    manifest_load(&m, dir);
    assert_int_equal(m.n, 1);
    assert_string_equal(m.entries[0].file, "offices/b.xlsx");
    assert_false(m.entries[0].carried);
    manifest_free(&m);
    remove_all(dir);
}

/* The PDFs of --pdf: an office's under its code, the city's under "-";
 * the manifest is written a second time in the same run (after the
 * workbooks, then after the PDFs) and keeps both. */
static void test_pdf_lines_and_a_second_write(void **state)
{
    (void)state;
    char *dir = new_dir();
    touch(dir, "offices/a.xlsx");
    touch(dir, "offices/a-O43.pdf");
    touch(dir, "city-summary.pdf");
    manifest m = {0};
    manifest_set(&m, "offices/a.xlsx", SHA_A, 2564, "11", false);
    assert_true(manifest_write(&m, dir));
    manifest_set(&m, "offices/a-O43.pdf", SHA_B, 2564, "11", false);
    manifest_set(&m, "city-summary.pdf", SHA_A, 2564, "-", false);
    assert_true(manifest_write(&m, dir));
    manifest_free(&m);
    manifest_load(&m, dir);
    assert_int_equal(m.n, 3);
    /* byte order: "c" < "o" */
    assert_string_equal(m.entries[0].file, "city-summary.pdf");
    assert_string_equal(m.entries[0].office, "-");
    const manifest_entry *e = manifest_find(&m, "offices/a-O43.pdf");
    assert_non_null(e);
    assert_string_equal(e->sha256, SHA_B);
    assert_string_equal(e->office, "11");
    assert_int_equal(e->year, 2564);
    assert_false(e->carried);
    manifest_free(&m);
    remove_all(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_find),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_pdf_lines_and_a_second_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
