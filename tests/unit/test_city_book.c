/*
 * city_book and xlsx_common on the tiny fixture (tests/fixtures/tiny):
 * the extra-sheets hook, the all-or-nothing output when the hook or the
 * folder fails, text cut at Excel's limit, and the row-height estimate.
 * What the sheets say is checked by tests/integration/test_city_book.py.
 */
#include "city_book.h"
#include "dataset.h"
#include "ingest.h"
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "stats.h"
#include "text.h"
#include "tiny_world.h"
#include "xlsx_common.h"

#include <dirent.h>
#include <errno.h>
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

#define FIXTURE TINY_FIXTURE

typedef struct {
    tiny_world t;
    report rep;
    char dir[4096];
} world;

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    *state = w;
    if (!tiny_world_load(&w->t))
        return -1;
    w->rep = (report){.m = w->t.m, .r = w->t.r, .d = &w->t.d, .years = &w->t.ys,
                      .n_years = 1, .current = w->t.ys, .stats = w->t.cs,
                      .diags = &w->t.diags, .lang = LANG_EN,
                      .font = "TH Sarabun New", .version = "test"};
    const char *tmp = getenv("TMPDIR");
    snprintf(w->dir, sizeof w->dir, "%s/itabench-city-XXXXXX",
             tmp && *tmp ? tmp : P_tmpdir);
    if (!mkdtemp(w->dir))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    DIR *d = opendir(w->dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || e->d_name[1] == '.'))
            continue;
        char *p = xasprintf("%s/%s", w->dir, e->d_name);
        unlink(p);
        free(p);
    }
    if (d)
        closedir(d);
    rmdir(w->dir);
    tiny_world_free(&w->t);
    free(w);
    return 0;
}

static size_t files_in(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

typedef struct {
    bool result;
    int calls;
    char *name;          /* the name the hook's sheet got */
} hook_state;

/* Adds a sheet named like the city book's first one: it must get a unique
 * name. */
static bool add_sheet(xlsx_book *book, void *ctx)
{
    hook_state *h = ctx;
    h->calls++;
    lxw_worksheet *ws = xlsx_add_sheet(book, "สรุป", "Summary");
    if (!ws)
        return false;
    h->name = xstrdup(ws->name);
    xlsx_write_text(book, ws, 0, 0, "extra", book->f.cell[XLSX_TEXT]);
    return h->result;
}

static void test_hook_adds_a_sheet(void **state)
{
    world *w = *state;
    char *path = xasprintf("%s/city.xlsx", w->dir);
    hook_state h = {.result = true};
    assert_true(city_book_write(&w->rep, path, add_sheet, &h));
    assert_int_equal(h.calls, 1);
    assert_string_equal(h.name, "Summary (2)");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 1000);
    assert_int_equal(files_in(w->dir), 1); /* no temporary left */
    unlink(path);
    free(h.name);
    free(path);
}

static void test_failing_hook_leaves_nothing(void **state)
{
    world *w = *state;
    char *path = xasprintf("%s/city.xlsx", w->dir);
    hook_state h = {.result = false};
    errno = 0;
    assert_false(city_book_write(&w->rep, path, add_sheet, &h));
    assert_int_not_equal(errno, 0);
    assert_int_equal(files_in(w->dir), 0);
    free(h.name);
    free(path);
}

static void test_missing_folder_fails_with_errno(void **state)
{
    world *w = *state;
    char *path = xasprintf("%s/no/such/folder/city.xlsx", w->dir);
    errno = 0;
    assert_false(city_book_write(&w->rep, path, NULL, NULL));
    assert_int_equal(errno, ENOENT);
    free(path);
}

/* The error policy of every workbook: the first libxlsxwriter error is
 * kept (a cell beyond Excel's 1,048,576 rows, then a second error), the
 * writer goes on, and closing refuses the workbook with EIO and leaves no
 * file. */
/* Opens the workbook dir/name with one sheet; returns the sheet. */
static lxw_worksheet *open_book(const world *w, const char *name,
                                xlsx_book *b, char **path)
{
    *path = xasprintf("%s/%s", w->dir, name);
    assert_true(xlsx_ita_book_open(b, *path, &w->rep, "t", ""));
    return xlsx_add_sheet(b, "ก", "A");
}

static void test_first_error_refuses_the_book(void **state)
{
    world *w = *state;
    char *path;
    xlsx_book b;
    lxw_worksheet *ws = open_book(w, "err.xlsx", &b, &path);
    assert_int_equal(b.err, LXW_NO_ERROR);
    lxw_error first = xlsx_write_number(&b, ws, 2000000, 0, 1, NULL);
    assert_int_not_equal(first, LXW_NO_ERROR);
    assert_int_equal(b.err, first);
    xlsx_note_err(&b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    assert_int_equal(b.err, first);
    assert_int_equal(xlsx_write_text(&b, ws, 0, 0, "ok", NULL), LXW_NO_ERROR);
    errno = 0;
    assert_false(xlsx_book_close(&b));
    assert_int_equal(errno, EIO);
    assert_int_equal(files_in(w->dir), 0);
    free(path);
}

/* 40,000 ASCII letters: cut to 32,766 and "…" (one UTF-16 unit); a
 * 32,767-letter text is not cut. */
static void test_text_cut_at_excel_limit(void **state)
{
    world *w = *state;
    char *path;
    xlsx_book b;
    lxw_worksheet *ws = open_book(w, "cut.xlsx", &b, &path);
    char *long_text = malloc(40001);
    memset(long_text, 'x', 40000);
    long_text[40000] = '\0';
    assert_int_equal(xlsx_write_text(&b, ws, 0, 0, long_text, NULL), LXW_NO_ERROR);
    assert_int_equal(b.n_cut, 1);
    long_text[XLSX_TEXT_MAX] = '\0';
    assert_int_equal(xlsx_write_text(&b, ws, 1, 0, long_text, NULL), LXW_NO_ERROR);
    assert_int_equal(b.n_cut, 1);
    /* the same limit in Thai (3 bytes, one unit per character) */
    char *thai = malloc(3 * 40000 + 1);
    for (size_t i = 0; i < 40000; i++)
        memcpy(thai + 3 * i, "ก", 3);
    thai[3 * 40000] = '\0';
    assert_int_equal(xlsx_write_text(&b, ws, 2, 0, thai, NULL), LXW_NO_ERROR);
    assert_int_equal(b.n_cut, 2);
    assert_true(xlsx_book_close(&b));
    free(thai);
    free(long_text);
    unlink(path);
    free(path);
}

/* Lines per cell at 14 pt: an em is 14 * 96/72 = 18.67 px; a Latin
 * character 0.48 em = 8.96 px, a Thai letter 0.54 em = 10.08 px, each
 * counted 8 % wider for breaks.  A width of 11 units is 11 * 8 + 5 = 93 px,
 * less 6 px of padding, less 12 % for words that do not fit: 76.56 px.
 * So 7 Latin characters fit (7 * 9.68 = 67.7; 8 need 77.4) and 7 Thai
 * letters (7 * 10.89 = 76.2; 8 need 87.1); marks above and below take no
 * room ("ที่นี่" is 6 code points, 2 letters). */
static void test_text_lines(void **state)
{
    (void)state;
    /* A layout width of 11 is 11 * 7 + 5 = 82 pixels, 76 for the text
     * (textlayout.c: 6 pixels of cell margins).  Digits are 0.544 em of
     * 14 pt at 96 dpi, 10.155 px: 7 take 71.1 px, 8 take 81.2 (one word,
     * broken between characters: 2 lines). */
    assert_int_equal(xlsx_text_lines("1234567", 11, 14), 1);
    assert_int_equal(xlsx_text_lines("12345678", 11, 14), 2);
    assert_int_equal(xlsx_text_lines("a\nb", 40, 14), 2);
    /* ท and น are 0.596 em (11.125 px), the marks above take nothing:
     * ที่นี่ three times is 6 letters, 66.75 px; four times 89 px, and
     * libthai breaks between the words */
    assert_int_equal(xlsx_text_lines("ที่นี่ที่นี่ที่นี่", 11, 14), 1);
    assert_int_equal(xlsx_text_lines("ที่นี่ที่นี่ที่นี่ที่นี่", 11, 14), 2);
    assert_int_equal(xlsx_text_lines(NULL, 10, 14), 1);
    assert_int_equal(xlsx_text_lines("", 10, 14), 1);
    /* one line keeps the default row (XLSX_LINE_HEIGHT); two lines of
     * 14 pt: 2 * 14 * 1.655 + 2 = 48.34, rounded up */
    assert_true(xlsx_lines_height(1, 14) == XLSX_LINE_HEIGHT);
    assert_true(xlsx_lines_height(2, 14) == 49.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hook_adds_a_sheet),
        cmocka_unit_test(test_failing_hook_leaves_nothing),
        cmocka_unit_test(test_missing_folder_fails_with_errno),
        cmocka_unit_test(test_text_cut_at_excel_limit),
        cmocka_unit_test(test_first_error_refuses_the_book),
        cmocka_unit_test(test_text_lines),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
