/*
 * The column kit's lookup of a column by its cell function
 * (xlsx_table_column_of): the first column written by the function, and
 * a stop, never column A, when no column is (a formula or a chart on
 * column A would show the wrong data without a word).
 */
#include "xlsx_common.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

static void code_cell(const xlsx_cell *cell)
{
    (void)cell;
}

static void count_cell(const xlsx_cell *cell)
{
    (void)cell;
}

static void missing_cell(const xlsx_cell *cell)
{
    (void)cell;
}

/* count_cell twice, as a table of counts by offset has it */
static const xlsx_table_column table[] = {
    {{"รหัส", "Code", 7, XLSX_TEXT}, code_cell, 0},
    {{"", "", 7, XLSX_TEXT}, NULL, 0},
    {{"แถว", "Rows", 8, XLSX_INT}, count_cell, 8},
    {{"เสร็จ", "Done", 8, XLSX_INT}, count_cell, 16},
};
#define N_TABLE (sizeof table / sizeof *table)

static void test_first_column_of_the_function(void **state)
{
    (void)state;
    assert_int_equal(xlsx_table_column_of(table, N_TABLE, code_cell), 0);
    assert_int_equal(xlsx_table_column_of(table, N_TABLE, count_cell), 2);
    /* a shorter view of the same table */
    assert_int_equal(xlsx_table_column_of(table + 2, 2, count_cell), 0);
}

/* Runs the lookup of a function that no column has in a child process;
 * returns its wait status. */
static int status_of_missing_lookup(void)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        /* the assertion's message is expected: keep the test log clean */
        if (!freopen("/dev/null", "w", stderr))
            _exit(2);
        xlsx_table_column_of(table, N_TABLE, missing_cell);
        _exit(0);
    }
    int status = 0;
    assert_true(pid > 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void test_missing_column_stops(void **state)
{
    (void)state;
    int status = status_of_missing_lookup();
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_column_of_the_function),
        cmocka_unit_test(test_missing_column_stops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
