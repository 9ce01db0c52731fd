/*
 * xlsxread: the rows of small workbooks written by openpyxl, by LibreOffice
 * and by hand (tests/fixtures/xlsx), compared with the cells their makers
 * were told to write (see the values below: they are the inputs of the
 * fixtures, not output of this reader).
 */
#include "diag.h"
#include "xlsxread.h"
#include "text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define FIXTURE "tests/fixtures/xlsx/"

/* Every record of a sheet as "row|field|field..." lines. */
typedef struct {
    char text[4096];
} dump;

static bool on_row(const csv_record *r, void *ctx)
{
    dump *d = ctx;
    size_t n = strlen(d->text);
    n += (size_t)snprintf(d->text + n, sizeof d->text - n, "%lu", r->line);
    for (size_t i = 0; i < r->n_fields; i++)
        n += (size_t)snprintf(d->text + n, sizeof d->text - n, "|%s",
                              r->fields[i]);
    snprintf(d->text + n, sizeof d->text - n, "\n");
    return true;
}

static void read_sheet(const char *path, size_t sheet, const char *name,
                       const char *want)
{
    diag_list diags;
    diag_init(&diags);
    xlsxread_book *book = xlsxread_open(path, &diags);
    assert_non_null(book);
    assert_string_equal(xlsxread_sheet_at(book, sheet)->name, name);
    dump d = {{0}};
    assert_true(xlsxread_rows(book, sheet, on_row, &d, &diags));
    assert_string_equal(d.text, want);
    assert_int_equal(diags.n, 0);
    xlsxread_close(book);
    diag_free(&diags);
}

/* The kinds fixtures: A1 a title merged over A1:D1; B3 left out (sparse);
 * A4 the date 2021-09-30 and A5 2021-09-30 08:15 (Python datetimes); B4 and
 * B5 booleans; D4 the formula =1+2. */
static void test_openpyxl_kinds(void **state)
{
    (void)state;
    /* openpyxl's D4 holds the formula only: the row ends at B4 */
    read_sheet(FIXTURE "openpyxl_kinds.xlsx", 0, "Kinds",
               "1|ITA 2564 ผลคะแนน\n"
               "2|year|office_code|item|score\n"
               "3|2564||I1|85\n"
               "4|2021-09-30|TRUE\n"
               "5|2021-09-30T08:15:00|FALSE\n");
}

static void test_libreoffice_kinds(void **state)
{
    (void)state;
    read_sheet(FIXTURE "libreoffice_kinds.xlsx", 0, "Kinds",
               "1|ITA 2564 ผลคะแนน\n"
               "2|year|office_code|item|score\n"
               "3|2564||I1|85\n"
               "4|2021-09-30|TRUE||3\n"
               "5|2021-09-30T08:15:00|FALSE\n");
}

static void test_hidden_sheet_listed_with_state(void **state)
{
    (void)state;
    diag_list diags;
    diag_init(&diags);
    xlsxread_book *book = xlsxread_open(FIXTURE "openpyxl_kinds.xlsx", &diags);
    assert_non_null(book);
    assert_int_equal(xlsxread_sheet_count(book), 2);
    assert_string_equal(xlsxread_sheet_at(book, 1)->name, "Hidden");
    assert_int_equal(xlsxread_sheet_at(book, 1)->state, XLSXREAD_HIDDEN);
    assert_int_equal(xlsxread_sheet_at(book, 0)->state, XLSXREAD_VISIBLE);
    assert_string_equal(xlsxread_creator(book), "openpyxl");
    xlsxread_close(book);
    diag_free(&diags);
}

/* Hand-written XML: namespace prefixes, no cell references, inline
 * strings in rich-text runs (the phonetic run is not text), a string
 * formula's cached value, a number written 8.5E1. */
static void test_inline_strings(void **state)
{
    (void)state;
    read_sheet(FIXTURE "handmade_inline.xlsx", 0, "Inline",
               "1|year|office_code|item|score\n"
               "2|2564|1001|I1|8.5E1\n");
}

static void test_long_by_both(void **state)
{
    (void)state;
    static const char want[] = "1|year|office_code|item|score\n"
                               "2|2564|1001|I1|96.25\n"
                               "3|2564|1001|I2|90.78\n"
                               "4|2564|1002|I1|0.1\n";
    read_sheet(FIXTURE "openpyxl_long.xlsx", 0, "Scores", want);
    read_sheet(FIXTURE "libreoffice_long.xlsx", 0, "Scores", want);
}

static void test_not_a_workbook(void **state)
{
    (void)state;
    diag_list diags;
    diag_init(&diags);
    assert_null(xlsxread_open("tests/fixtures/xlsx/missing.xlsx", &diags));
    assert_null(xlsxread_open("tests/bad/binary_junk.csv", &diags));
    assert_int_equal(diag_count(&diags, DIAG_ERROR), 2);
    assert_non_null(strstr(diags.items[1].message, "not an Excel workbook"));
    diag_free(&diags);
}

/* for each sheet: the callback sees every sheet and may skip one */
static bool visible_only(const xlsxread_book *book, const xlsxread_sheet *sheet,
                         void *ctx)
{
    (void)book;
    dump *d = ctx;
    strcat(d->text, sheet->name);
    strcat(d->text, "\n");
    return sheet->state == XLSXREAD_VISIBLE;
}

static void test_each_sheet(void **state)
{
    (void)state;
    diag_list diags;
    diag_init(&diags);
    dump d = {{0}};
    assert_true(xlsxread_each_sheet(FIXTURE "libreoffice_long.xlsx",
                                    visible_only, on_row, &d, &diags));
    assert_string_equal(d.text, "Scores\n"
                                "1|year|office_code|item|score\n"
                                "2|2564|1001|I1|96.25\n"
                                "3|2564|1001|I2|90.78\n"
                                "4|2564|1002|I1|0.1\n");
    d.text[0] = '\0';
    /* the hidden sheet's "x" is not read */
    assert_true(xlsxread_each_sheet(FIXTURE "openpyxl_kinds.xlsx",
                                    visible_only, on_row, &d, &diags));
    assert_non_null(strstr(d.text, "Kinds\n1|ITA 2564"));
    assert_non_null(strstr(d.text, "5|2021-09-30T08:15:00|FALSE\nHidden\n"));
    assert_null(strstr(d.text, "|x"));
    assert_int_equal(diags.n, 0);
    diag_free(&diags);
}

static void test_column_letters(void **state)
{
    (void)state;
    char buf[4];
    /* 26 letters, then AA = 27, AZ = 52, ZZ = 702, AAA = 703, XFD = 16384 */
    assert_string_equal(diag_column_letters(1, buf), "A");
    assert_string_equal(diag_column_letters(26, buf), "Z");
    assert_string_equal(diag_column_letters(27, buf), "AA");
    assert_string_equal(diag_column_letters(52, buf), "AZ");
    assert_string_equal(diag_column_letters(702, buf), "ZZ");
    assert_string_equal(diag_column_letters(703, buf), "AAA");
    assert_string_equal(diag_column_letters(16384, buf), "XFD");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_openpyxl_kinds),
        cmocka_unit_test(test_libreoffice_kinds),
        cmocka_unit_test(test_hidden_sheet_listed_with_state),
        cmocka_unit_test(test_inline_strings),
        cmocka_unit_test(test_long_by_both),
        cmocka_unit_test(test_not_a_workbook),
        cmocka_unit_test(test_each_sheet),
        cmocka_unit_test(test_column_letters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
