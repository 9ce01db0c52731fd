/*
 * The workbook kit on its own (xlsx_book, xlsx_table, xlsx_print), as
 * libxlsxwriter tests its functions: a book opened with options in a new
 * folder, a table written by xlsx_write_rows_spec with columns added at
 * run time, closed, and the file read back (minizip, the parts' XML) for
 * the values, the table's range and the column widths worked out by hand.
 * This test links the kit's objects and their helpers only, no ITA module
 * (the Makefile's rule for it): the kit knows no report.
 */
#include "text.h"
#include "xlsx_book.h"
#include "xlsx_print.h"
#include "xlsx_table.h"

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <unzip.h>

typedef struct {
    char *dir;
    char *path;
} folder;

static int setup(void **state)
{
    folder *f = xcalloc(1, sizeof *f);
    const char *tmp = getenv("TMPDIR");
    f->dir = xasprintf("%s/itabench-kit-XXXXXX",
                       tmp && *tmp ? tmp : P_tmpdir);
    if (!mkdtemp(f->dir))
        return -1;
    f->path = xasprintf("%s/kit.xlsx", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    folder *f = *state;
    unlink(f->path);
    rmdir(f->dir);
    free(f->path);
    free(f->dir);
    free(f);
    return 0;
}

/* The text of one part of the xlsx (a new string), or NULL. */
static char *read_part(const char *path, const char *part)
{
    unzFile zip = unzOpen64(path);
    if (!zip)
        return NULL;
    char *text = NULL;
    unz_file_info64 info;
    if (unzLocateFile(zip, part, 1) == UNZ_OK &&
        unzGetCurrentFileInfo64(zip, &info, NULL, 0, NULL, 0, NULL, 0) ==
            UNZ_OK &&
        unzOpenCurrentFile(zip) == UNZ_OK) {
        text = xmalloc(info.uncompressed_size + 1);
        int n = unzReadCurrentFile(zip, text, (unsigned)info.uncompressed_size);
        text[n > 0 ? n : 0] = '\0';
        unzCloseCurrentFile(zip);
    }
    unzClose(zip);
    return text;
}

/* The XML of cell ref ("B2") in a sheet's XML, a new string; NULL when
 * the sheet has no such cell. */
static char *cell_xml(const char *sheet, const char *ref)
{
    char *key = xasprintf("<c r=\"%s\"", ref);
    const char *start = strstr(sheet, key);
    free(key);
    if (!start)
        return NULL;
    const char *gt = strchr(start, '>');
    const char *end = gt[-1] == '/' ? gt + 1 : strstr(start, "</c>") + 4;
    return xasprintf("%.*s", (int)(end - start), start);
}

/* The text of shared string i (the i-th <si>) in sharedStrings.xml. */
static char *shared_string(const char *sst, int i)
{
    const char *p = sst;
    for (int k = 0; k <= i; k++) {
        p = strstr(p, "<si>");
        assert_non_null(p);
        p += 4;
    }
    const char *t = strchr(strstr(p, "<t"), '>') + 1;
    return xasprintf("%.*s", (int)(strstr(t, "</t>") - t), t);
}

/* The text shown by cell ref: its shared string, its number, or "" for a
 * blank cell.  A new string. */
static char *cell_value(const char *sheet, const char *sst, const char *ref)
{
    char *xml = cell_xml(sheet, ref);
    assert_non_null(xml);
    const char *v = strstr(xml, "<v>");
    char *out;
    if (!v)
        out = xstrdup("");
    else if (strstr(xml, "t=\"s\""))
        out = shared_string(sst, atoi(v + 3));
    else
        out = xasprintf("%.*s", (int)(strstr(v, "</v>") - v - 3), v + 3);
    free(xml);
    return out;
}

/* The width="..." of the <col> element of column min (1-based). */
static double col_width(const char *sheet, int min)
{
    char *key = xasprintf("<col min=\"%d\"", min);
    const char *col = strstr(sheet, key);
    free(key);
    assert_non_null(col);
    return atof(strstr(col, "width=\"") + 7);
}

/* ---- a table with run-time columns ---------------------------------- */

typedef struct {
    const char *name;
    double values[2];
} thing;

static const thing things[] = {
    {"alpha", {1.25, 7}},
    {"beta", {NAN, 8}},       /* NAN: a blank cell */
    {"ก ข", {3.5, 9}},
};

static const void *thing_at(const void *sheet, size_t i)
{
    return &((const thing *)sheet)[i];
}

static void name_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, ((const thing *)cell->item)->name);
}

/* one column per value, the value's index in the column's arg */
static void value_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, ((const thing *)cell->item)->values[cell->column->arg]);
}

static void write_things(xlsx_book *b, lxw_worksheet *ws)
{
    static const xlsx_table_column fixed[] = {
        {{"ชื่อ", "Name", 20, XLSX_TEXT}, name_cell, 0},
    };
    xlsx_columns t = {0};
    xlsx_columns_add_all(&t, fixed, 1);
    xlsx_columns_add(&t, (xlsx_table_column){
                             {"ก", "First", 20, XLSX_SCORE}, value_cell, 0});
    xlsx_columns_add(&t, (xlsx_table_column){
                             {"ข", "Second", 20, XLSX_WRAP}, value_cell, 1});
    assert_int_equal(t.n, 3);
    assert_int_equal(xlsx_columns_find(&t, value_cell), 1);
    xlsx_column *layout = xlsx_columns_layout(&t);
    xlsx_set_columns(b, ws, 0, layout, t.n);
    xlsx_write_rows_spec(b, ws, &(xlsx_rows_spec){.first_row = 1,
                                                  .cols = t.cols,
                                                  .n_cols = t.n,
                                                  .n_rows = 3,
                                                  .sheet = (void *)things,
                                                  .row_at = thing_at});
    assert_int_equal(xlsx_add_table_spec(b, ws,
                                         &(xlsx_table_spec){.cols = layout,
                                                            .n_cols = t.n,
                                                            .n_rows = 3,
                                                            .name = "Things"}),
                     LXW_NO_ERROR);
    xlsx_print_setup(b, ws, 0, 0);
    free(layout);
    xlsx_columns_free(&t);
}

/* Column widths by hand.  A layout width of 20 is 20 * 7 + 5 = 145
 * pixels; the body font's digit is 0.544 em of 14 pt at 96/72 px/pt =
 * 10.15467 px, less Excel's stored margin of 5/7: 145 / 10.15467 - 0.71429
 * = 13.56486 characters.  The file stores Excel's form: whole pixels of
 * 7-pixel digits, round(13.56486 * 7) = 95, plus 5 pixels of padding, as
 * characters 100 / 7 = 14.285714, truncated to 1/256: 3657 / 256 =
 * 14.28515625.  With Thai digits, 13.56486 * 1.25 = 16.95608: round(118.69)
 * = 119 + 5 = 124 px, 17.714286, 4534 / 256 = 17.7109375. */
#define WIDTH_20 14.28515625
#define WIDTH_20_THAI_DIGITS 17.7109375

static void test_table_read_back(void **state)
{
    folder *f = *state;
    xlsx_book b;
    xlsx_book_options opt = {.lang = XLSX_LANG_EN, .title = "Kit",
                             .author = "kit test", .created = 86400};
    assert_true(xlsx_book_open(&b, f->path, &opt));
    lxw_worksheet *ws = xlsx_add_sheet(&b, "ของ", "Things");
    assert_non_null(ws);
    write_things(&b, ws);
    assert_true(xlsx_book_close(&b));

    char *sheet = read_part(f->path, "xl/worksheets/sheet1.xml");
    char *sst = read_part(f->path, "xl/sharedStrings.xml");
    char *table = read_part(f->path, "xl/tables/table1.xml");
    char *core = read_part(f->path, "docProps/core.xml");
    char *wbxml = read_part(f->path, "xl/workbook.xml");
    assert_non_null(sheet);
    assert_non_null(sst);
    assert_non_null(table);
    /* the header row is the table's, the data below it */
    static const struct {
        const char *ref, *shown;
    } cells[] = {
        {"A1", "Name"}, {"B1", "First"}, {"C1", "Second"},
        {"A2", "alpha"}, {"B2", "1.25"}, {"C2", "7"},
        {"A3", "beta"}, {"B3", ""}, {"C3", "8"},
        {"A4", "ก ข"}, {"B4", "3.5"}, {"C4", "9"},
    };
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        char *v = cell_value(sheet, sst, cells[i].ref);
        assert_string_equal(v, cells[i].shown);
        free(v);
    }
    assert_null(cell_xml(sheet, "D2"));
    assert_non_null(strstr(table, "ref=\"A1:C4\""));
    assert_non_null(strstr(table, "name=\"Things\""));
    assert_true(fabs(col_width(sheet, 1) - WIDTH_20) < 1e-9);
    assert_true(fabs(col_width(sheet, 2) - WIDTH_20) < 1e-9);
    /* English: the sheet's English name; the options' properties */
    assert_non_null(strstr(wbxml, "name=\"Things\""));
    assert_non_null(strstr(core, "<dc:creator>kit test</dc:creator>"));
    assert_non_null(strstr(core, "<dc:title>Kit</dc:title>"));
    assert_non_null(strstr(core, "1970-01-02T00:00:00Z"));
    /* A4 landscape */
    assert_non_null(strstr(sheet, "paperSize=\"9\""));
    assert_non_null(strstr(sheet, "orientation=\"landscape\""));
    free(sheet);
    free(sst);
    free(table);
    free(core);
    free(wbxml);
}

/* Thai with Thai digits: number columns wider by 1.25, wrapped prose not;
 * the Thai sheet name; number formats in Thai digits. */
static void test_thai_digits_widths(void **state)
{
    folder *f = *state;
    xlsx_book b;
    xlsx_book_options opt = {.lang = XLSX_LANG_TH, .thai_digits = true};
    assert_true(xlsx_book_open(&b, f->path, &opt));
    lxw_worksheet *ws = xlsx_add_sheet(&b, "ของ", "Things");
    write_things(&b, ws);
    assert_true(xlsx_book_close(&b));
    char *sheet = read_part(f->path, "xl/worksheets/sheet1.xml");
    char *wbxml = read_part(f->path, "xl/workbook.xml");
    char *styles = read_part(f->path, "xl/styles.xml");
    assert_true(fabs(col_width(sheet, 1) - WIDTH_20_THAI_DIGITS) < 1e-9);
    assert_true(fabs(col_width(sheet, 2) - WIDTH_20_THAI_DIGITS) < 1e-9);
    assert_true(fabs(col_width(sheet, 3) - WIDTH_20) < 1e-9);
    assert_non_null(strstr(wbxml, "name=\"ของ\""));
    /* "0.00" in Thai digits: thai_digits.h's [$-D00041E]0.00 */
    assert_non_null(strstr(styles, "[$-D00041E]0.00"));
    free(sheet);
    free(wbxml);
    free(styles);
}

/* The first libxlsxwriter error refuses the book: a table without
 * columns, then a good cell; close fails with EIO and leaves no file. */
static void test_error_leaves_no_file(void **state)
{
    folder *f = *state;
    xlsx_book b;
    assert_true(xlsx_book_open(&b, f->path, &(xlsx_book_options){0}));
    lxw_worksheet *ws = xlsx_add_sheet(&b, "ก", "A");
    assert_int_not_equal(
        xlsx_add_table_spec(&b, ws, &(xlsx_table_spec){.name = "T"}),
        LXW_NO_ERROR);
    assert_int_equal(b.err, LXW_ERROR_PARAMETER_VALIDATION);
    assert_int_equal(xlsx_write_text(&b, ws, 0, 0, "ok", NULL), LXW_NO_ERROR);
    errno = 0;
    assert_false(xlsx_book_close(&b));
    assert_int_equal(errno, EIO);
    assert_int_equal(access(f->path, F_OK), -1);
}

/* Sheet names are unique; the language picks the text. */
static void test_sheet_names_and_language(void **state)
{
    folder *f = *state;
    xlsx_book b;
    assert_true(xlsx_book_open(&b, f->path,
                               &(xlsx_book_options){.lang = XLSX_LANG_EN}));
    lxw_worksheet *one = xlsx_add_sheet(&b, "ก", "Same");
    lxw_worksheet *two = xlsx_add_sheet(&b, "ข", "Same");
    assert_string_equal(one->name, "Same");
    assert_string_not_equal(two->name, "Same");
    assert_string_equal(xlsx_book_tr(&b, "ไทย", "English"), "English");
    assert_string_equal(xlsx_book_font(&b), XLSX_DEFAULT_FONT);
    char *ref = xlsx_sheet_ref(one);
    assert_string_equal(ref, "'Same'");
    free(ref);
    xlsx_book_abort(&b);
    assert_int_equal(access(f->path, F_OK), -1);
}

/* A sheet too wide for a readable page: 30 columns of layout width 20 are
 * 30 * (20 * 7 + 5) = 4,350 px = 3,262.5 pt against 841.89 - 2 * 0.4 * 72
 * = 784.29 pt of A4 landscape between the margins: fitted, 24 %, which
 * would print 14-point text at 3.4 pt.  The readable scale is the least
 * that prints it at 9 pt, ceil(100 * 9 / 14) = 65 %, and the sheet goes
 * over several pages across with its first two columns repeated. */
static void test_print_readable_repeats_key_columns(void **state)
{
    folder *f = *state;
    xlsx_book b;
    assert_true(xlsx_book_open(&b, f->path,
                               &(xlsx_book_options){.lang = XLSX_LANG_EN}));
    lxw_worksheet *ws = xlsx_add_sheet(&b, "กว้าง", "Wide");
    xlsx_column cols[30];
    for (size_t c = 0; c < 30; c++)
        cols[c] = (xlsx_column){"ก", "A", 20, XLSX_SCORE};
    assert_int_equal(xlsx_fit_scale(cols, 30), 24);
    int scale = xlsx_print_readable_spec(
        &b, ws, &(xlsx_readable_spec){.first_row = 0, .last_row = 0,
                                      .cols = cols, .n_cols = 30,
                                      .keep_cols = 2, .smallest_pt = 14});
    assert_int_equal(scale, 65);
    xlsx_write_number(&b, ws, 1, 29, 1, NULL);
    assert_true(xlsx_book_close(&b));
    char *sheet = read_part(f->path, "xl/worksheets/sheet1.xml");
    char *wbxml = read_part(f->path, "xl/workbook.xml");
    assert_non_null(strstr(sheet, "scale=\"65\""));
    assert_non_null(strstr(wbxml, "Wide!$A:$B,Wide!$1:$1"));
    free(sheet);
    free(wbxml);
}

/* A table beside another (the Method sheet's files in F-H): the rows of
 * xlsx_write_rows_spec from first_col on, a column without a cell
 * function left blank.  Things' rows 0 and 2 in F-H of rows 3 and 4: F3
 * "alpha", G3 blank (no cell function), H3 7; F4 "beta", H4 8; nothing in
 * A-E. */
static void test_rows_from_first_col(void **state)
{
    folder *f = *state;
    static const xlsx_table_column cols[] = {
        {{"ชื่อ", "Name", 20, XLSX_TEXT}, name_cell, 0},
        {{"ว่าง", "Blank", 20, XLSX_TEXT}, NULL, 0},
        {{"ข", "Second", 20, XLSX_SCORE}, value_cell, 1},
    };
    xlsx_book b;
    assert_true(xlsx_book_open(&b, f->path,
                               &(xlsx_book_options){.lang = XLSX_LANG_EN}));
    lxw_worksheet *ws = xlsx_add_sheet(&b, "ก", "Beside");
    xlsx_write_rows_spec(&b, ws, &(xlsx_rows_spec){.first_row = 2,
                                                   .first_col = 5,
                                                   .cols = cols,
                                                   .n_cols = 3,
                                                   .n_rows = 2,
                                                   .sheet = (void *)things,
                                                   .row_at = thing_at});
    assert_true(xlsx_book_close(&b));
    char *sheet = read_part(f->path, "xl/worksheets/sheet1.xml");
    char *sst = read_part(f->path, "xl/sharedStrings.xml");
    static const struct {
        const char *ref, *shown;
    } cells[] = {{"F3", "alpha"}, {"H3", "7"}, {"F4", "beta"}, {"H4", "8"}};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        char *v = cell_value(sheet, sst, cells[i].ref);
        assert_string_equal(v, cells[i].shown);
        free(v);
    }
    static const char *const empty[] = {"A3", "E3", "G3", "A4", "G4", "I3"};
    for (size_t i = 0; i < sizeof empty / sizeof *empty; i++)
        assert_null(cell_xml(sheet, empty[i]));
    free(sheet);
    free(sst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_table_read_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thai_digits_widths, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_error_leaves_no_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sheet_names_and_language, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_print_readable_repeats_key_columns,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_rows_from_first_col, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
