/*
 * ingest: headers told apart by all their columns, tables joined with their
 * own headers, numbers by the file's separator, grouped repeats, coverage,
 * special files, and every file and folder read once.  Runs on the tiny
 * model and registry (tests/fixtures/tiny); inputs are written to a fresh
 * temporary folder.  Office 11's items a1..b3 are given as 80, 60, 90, 100,
 * 0, 100 in every form, and each test checks the stored values.
 */
#include "dataset.h"
#include "diag.h"
#include "ingest.h"
#include "model.h"
#include "registry.h"
#include "text.h"
#include "tiny_world.h"

#include <math.h>
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

typedef struct {
    char dir[64];
    model *m;
    registry *r;
    dataset d;
    diag_list diags;
} world;

static int setup(void **state)
{
    world *w = xcalloc(1, sizeof *w);
    strcpy(w->dir, "/tmp/itabench-unit-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    diag_init(&w->diags);
    w->m = model_load(TINY_FIXTURE "model.csv", &w->diags);
    w->r = registry_load(TINY_FIXTURE "offices.csv", &w->diags);
    assert_non_null(w->m);
    assert_non_null(w->r);
    dataset_init(&w->d, w->m, w->r);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    char *cmd = xasprintf("rm -rf '%s'", w->dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    dataset_free(&w->d);
    diag_free(&w->diags);
    model_free(w->m);
    registry_free(w->r);
    free(w);
    return 0;
}

/* Office 11's six items in long form, after the header. */
#define LONG_HEADER "year,office_code,item,score\n"
#define LONG_11 "2564,11,a1,80\n2564,11,a2,60\n2564,11,a3,90\n" \
                "2564,11,b1,100\n2564,11,b2,0\n2564,11,b3,100\n"

/* Writes text to dir/name and returns the path (caller frees). */
static char *put(world *w, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", w->dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static double item(world *w, const char *office_code, const char *id)
{
    const year_data *yd = dataset_find_year(&w->d, 2564);
    if (!yd)
        return NAN;
    int o = registry_find(w->r, office_code);
    int node = model_find(w->m, id);
    return dataset_item(&w->d, yd, (size_t)o, (size_t)w->m->item_slot[node]);
}

static void assert_office_11(world *w)
{
    static const char *const ids[] = {"a1", "a2", "a3", "b1", "b2", "b3"};
    static const double values[] = {80, 60, 90, 100, 0, 100};
    for (size_t i = 0; i < 6; i++)
        if (item(w, "11", ids[i]) != values[i])
            fail_msg("%s = %g, expected %g", ids[i], item(w, "11", ids[i]),
                     values[i]);
}

/* The first finding whose message contains text, or NULL. */
static const diag *find(const world *w, const char *text)
{
    for (size_t i = 0; i < w->diags.n; i++)
        if (strstr(w->diags.items[i].message, text))
            return &w->diags.items[i];
    return NULL;
}

static void read_one(world *w, const char *name, const char *text)
{
    char *path = put(w, name, text);
    assert_true(ingest_path(&w->d, path, &w->diags));
    free(path);
}

static void test_thai_headers_and_title_rows(void **state)
{
    world *w = *state;
    read_one(w, "thai.csv",
             "ผลการประเมิน\n\nปีงบประมาณ,หน่วยงาน,ข้อ,คะแนน\n"
             "2564,หนึ่ง,a1,80\n2564,11,a2,60\n2564,One,a3,90\n"
             "2564,11,b1,100\n2564,11,b2,0\n2564,11,b3,100\n");
    assert_int_equal(diag_count(&w->diags, DIAG_ERROR), 0);
    assert_office_11(w);
    const diag *note = find(w, "the header is on line 3");
    assert_non_null(note);
}

static void test_new_header_new_column_order(void **state)
{
    world *w = *state;
    /* two wide files joined: the second has its items in another order */
    read_one(w, "joined.csv",
             "year,office_code,a1,a2,a3,b1,b2,b3\n"
             "2564,22,70,70,70,70,70,70\n"
             "Year,Office Code,b3,b2,b1,a3,a2,a1\n"
             "2564,11,100,0,100,90,60,80\n");
    assert_int_equal(diag_count(&w->diags, DIAG_ERROR), 0);
    assert_office_11(w);
    assert_non_null(find(w, "a new header here"));
}

static void test_kind_by_whole_header(void **state)
{
    world *w = *state;
    read_one(w, "mixed.csv", "year,office_code,item,score,tool,n\n"
                             "2564,11,a1,80,A,10\n");
    const diag *e = find(w, "form no kind of input file");
    assert_non_null(e);
    assert_int_equal(e->severity, DIAG_ERROR);
    assert_true(isnan(item(w, "11", "a1")));
}

static void test_side_by_side_tables(void **state)
{
    world *w = *state;
    read_one(w, "side.csv", "year,office_code,item,score,year,office_code,"
                            "item,score\n2564,11,a1,80,2564,22,a1,70\n");
    assert_non_null(find(w, "column E (5) repeats an earlier column"));
    assert_true(isnan(item(w, "22", "a1")));
}

static void test_numbers_by_separator(void **state)
{
    world *w = *state;
    read_one(w, "semi.csv",
             "year;office_code;item;score\n2564;11;a1;80,000\n"
             "2564;11;a2;60\n2564;11;a3;90,0\n2564;11;b1;100.00000000000001\n"
             "2564;11;b2;-0.0000000000000001\n2564;11;b3;๑๐๐\n");
    assert_int_equal(diag_count(&w->diags, DIAG_ERROR), 0);
    assert_office_11(w);
    read_one(w, "comma.csv", "year,office_code,item,score\n"
                             "2564,22,a1,\"96,250\"\n");
    const diag *e = find(w, "is ambiguous: 96.25 with a decimal mark, or "
                            "96250 with a thousands separator");
    assert_non_null(e);
    assert_int_equal(e->line, 2);
}

/* Names and items are looked up once for each way they are written
 * (name_cache): what a text named stays what it names, whatever row and
 * office it comes back on, and a name that does not match its office is an
 * error on every row where it does not. */
static void test_lookups_remembered_per_row(void **state)
{
    world *w = *state;
    read_one(w, "names.csv",
             "year,office_code,office_name,item,score\n"
             "2564,11,One,a1,80\n"          /* 2: One names 11 */
             "2564,22,One,a1,70\n"          /* 3: One again, on 22: error */
             "2564,22,Two,A1 ,70\n"         /* 4: "A1 " is a1 too */
             "2564,11,One,a2,60\n"
             "2564,22,One,a2,70\n"          /* 6: error again */
             "2564,One,,a3,90\n"            /* 7: the office by name */
             "2564,11,One,x9,1\n"           /* 8: unknown item */
             "2564,11,One,x9,2\n");         /* 9: and again */
    assert_int_equal(diag_count(&w->diags, DIAG_ERROR), 4);
    static const unsigned long lines[] = {3, 6, 8, 9};
    static const char *const texts[] = {
        "office_name \"One\" does not match office_code 22 (Two)",
        "office_name \"One\" does not match office_code 22 (Two)",
        "unknown item: \"x9\"", "unknown item: \"x9\""};
    size_t k = 0;
    for (size_t i = 0; i < w->diags.n; i++) {
        const diag *d = &w->diags.items[i];
        if (d->severity != DIAG_ERROR)
            continue;
        assert_int_equal(d->line, lines[k]);
        if (!strstr(d->message, texts[k]))
            fail_msg("line %lu: %s", lines[k], d->message);
        k++;
    }
    assert_true(item(w, "11", "a1") == 80);
    assert_true(item(w, "22", "a1") == 70);
    assert_true(item(w, "11", "a2") == 60);
    assert_true(item(w, "11", "a3") == 90);
    assert_true(isnan(item(w, "22", "a2")));
}

static void test_block_pasted_twice_one_warning(void **state)
{
    world *w = *state;
    read_one(w, "twice.csv", LONG_HEADER LONG_11 LONG_11);
    assert_int_equal(diag_count(&w->diags, DIAG_WARNING), 1);
    const diag *d = find(w, "lines 8-13 repeat 6 values already given");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "twice.csv:2-7; office 11 in 2564"));
    assert_office_11(w);
}

static void test_coverage_names_absent_offices(void **state)
{
    world *w = *state;
    read_one(w, "one.csv", LONG_HEADER LONG_11);
    dataset_check_complete(&w->d, &w->diags);
    const diag *d = find(w, "2 of the 3 offices of the registry have no "
                            "item scores in 2564: 22 (Two), 33 (Three)");
    assert_non_null(d);
    assert_int_equal(d->severity, DIAG_WARNING);
}

static void test_fifo_skipped_and_links_once(void **state)
{
    world *w = *state;
    char *good = put(w, "scores.csv", LONG_HEADER LONG_11);
    char *fifo = xasprintf("%s/stale.csv", w->dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char *link = xasprintf("%s/again.csv", w->dir);
    assert_int_equal(symlink(good, link), 0);
    char *loop = xasprintf("%s/loop", w->dir);
    assert_int_equal(symlink(".", loop), 0);
    assert_true(ingest_path(&w->d, w->dir, &w->diags));
    assert_non_null(find(w, "skipped: a named pipe, not a file"));
    assert_non_null(find(w, "the same file was read already"));
    assert_int_equal(w->d.n_files, 1);
    assert_int_equal(strlen(w->d.file_sha256[0]), 64);
    assert_int_equal(diag_count(&w->diags, DIAG_ERROR), 0);
    assert_office_11(w);
    free(good);
    free(fifo);
    free(link);
    free(loop);
}

static void test_own_results_skipped(void **state)
{
    world *w = *state;
    read_one(w, "results_2564.csv",
             "year,office_code,office_name_th,office_name_en,zone,ita,grade,"
             "pass,gap_to_target,rank,zone_rank,a,b,items_below_target\n"
             "2564,11,หนึ่ง,One,Zone 1,76.25,P,yes,0,1,1,80,75,2\n");
    assert_non_null(find(w, "skipped: a results file written by itabench"));
    assert_int_equal(w->d.n_files, 0);
    assert_int_equal(diag_count(&w->diags, DIAG_ERROR), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_thai_headers_and_title_rows,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_header_new_column_order,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_kind_by_whole_header, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_side_by_side_tables, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_numbers_by_separator, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_lookups_remembered_per_row,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_block_pasted_twice_one_warning,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_coverage_names_absent_offices,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo_skipped_and_links_once,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_own_results_skipped, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
