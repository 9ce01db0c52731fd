/*
 * outfile: all-or-nothing output files, checked on the file system.  Every
 * test works in its own new folder under TMPDIR.
 */
#include "outfile.h"
#include "text.h"

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
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#define MARK ".itabench-tmp-"

static char *new_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/itabench-outfile-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    return dir;
}

/* Removes dir and the files in it (one level, as the tests make). */
static void remove_dir(char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            char *p = xasprintf("%s/%s", dir, e->d_name);
            if (unlink(p) != 0)
                rmdir(p);
            free(p);
        }
    if (d)
        closedir(d);
    rmdir(dir);
    free(dir);
}

static size_t count_temps(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += strncmp(e->d_name, MARK, strlen(MARK)) == 0;
    if (d)
        closedir(d);
    return n;
}

/* The whole content of a file (new string), or NULL when it is absent. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return xstrdup(buf);
}

/* path holds want, no temporary is left in dir; frees path and removes
 * dir. */
static void expect_and_clean(char *dir, char *path, const char *want)
{
    char *got = slurp(path);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_int_equal(count_temps(dir), 0);
    free(got);
    free(path);
    remove_dir(dir);
}

/* Writes text to a new file dir/name; returns its path (new string). */
static char *file_with(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_commit_renames_the_complete_file(void **state)
{
    (void)state;
    char *dir = new_dir();
    char *path = xasprintf("%s/out.csv", dir);
    outfile f;
    assert_true(outfile_open(&f, path, true));
    fputs("a,b\n", f.fp);
    /* until the commit the final name does not exist; the temporary sits
     * in the same folder (so that the rename is atomic) */
    assert_null(slurp(path));
    assert_int_equal(count_temps(dir), 1);
    assert_true(strncmp(f.temp_path, dir, strlen(dir)) == 0);
    assert_true(outfile_commit(&f));
    expect_and_clean(dir, path, "a,b\n");
}

/* Three temporaries written by name, committed together; the second's
 * final name is a folder, so its rename fails: the first is in place, the
 * second and third are gone, and so are their temporaries. */
static void test_batch_commit_stops_at_the_first_failure(void **state)
{
    (void)state;
    char *dir = new_dir();
    char *paths[3];
    outfile files[3];
    for (size_t i = 0; i < 3; i++) {
        paths[i] = xasprintf("%s/book%zu.xlsx", dir, i);
        assert_true(outfile_open(&files[i], paths[i], false));
        FILE *f = fopen(files[i].temp_path, "w");
        assert_non_null(f);
        fprintf(f, "book %zu", i);
        fclose(f);
    }
    assert_int_equal(mkdir(paths[1], 0777), 0);
    size_t failed;
    errno = 0;
    assert_false(outfile_commit_batch(files, 3, &failed));
    assert_int_equal(failed, 1);
    assert_true(errno == EISDIR || errno == EEXIST || errno == ENOTEMPTY);
    for (size_t i = 0; i < 3; i++)
        assert_null(files[i].temp_path);
    char *first = slurp(paths[0]);
    assert_string_equal(first, "book 0");
    free(first);
    struct stat st;
    assert_int_equal(stat(paths[2], &st), -1);
    assert_int_equal(count_temps(dir), 0);
    rmdir(paths[1]);
    for (size_t i = 1; i < 3; i++)
        free(paths[i]);
    expect_and_clean(dir, paths[0], "book 0");
}

static void test_abort_keeps_the_old_file(void **state)
{
    (void)state;
    char *dir = new_dir();
    char *path = file_with(dir, "out.csv", "old\n");
    outfile f;
    assert_true(outfile_open(&f, path, true));
    fputs("half", f.fp);
    outfile_abort(&f);
    expect_and_clean(dir, path, "old\n");
}

static void test_protected_input_is_never_replaced(void **state)
{
    (void)state;
    char *dir = new_dir();
    char *input = file_with(dir, "input.csv", "data\n");
    outfile_protect(input);
    /* the same file under another spelling is found too */
    char *other = xasprintf("%s/./input.csv", dir);
    assert_non_null(outfile_protected(other));
    outfile f;
    errno = 0;
    assert_false(outfile_open(&f, other, true));
    assert_int_equal(errno, EPERM);
    char *elsewhere = xasprintf("%s/output.csv", dir);
    assert_null(outfile_protected(elsewhere));
    free(elsewhere);
    free(other);
    expect_and_clean(dir, input, "data\n");
}

static void test_mkdirs_makes_parents(void **state)
{
    (void)state;
    char *dir = new_dir();
    char *deep = xasprintf("%s/a/b", dir);
    assert_true(outfile_mkdirs(deep));
    assert_true(outfile_mkdirs(deep));   /* existing is fine */
    struct stat st;
    assert_int_equal(stat(deep, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    rmdir(deep);
    char *mid = xasprintf("%s/a", dir);
    rmdir(mid);
    free(mid);
    free(deep);
    remove_dir(dir);
}

/* A pid that is no longer alive: a child that has exited and been reaped. */
static pid_t dead_pid(void)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    return pid;
}

static void test_sweep_removes_only_dead_runs_temps(void **state)
{
    (void)state;
    char *dir = new_dir();
    char name[64];
    snprintf(name, sizeof name, MARK "%ld-out.csv-AbCdEf", (long)dead_pid());
    char *dead = file_with(dir, name, "");
    snprintf(name, sizeof name, MARK "%ld-out.csv-GhIjKl", (long)getpid());
    char *alive = file_with(dir, name, "");
    char *other = file_with(dir, "results.csv", "");
    outfile_sweep(dir);
    assert_int_equal(access(dead, F_OK), -1);
    assert_int_equal(access(alive, F_OK), 0);
    assert_int_equal(access(other, F_OK), 0);
    free(dead);
    free(alive);
    free(other);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_renames_the_complete_file),
        cmocka_unit_test(test_batch_commit_stops_at_the_first_failure),
        cmocka_unit_test(test_abort_keeps_the_old_file),
        cmocka_unit_test(test_protected_input_is_never_replaced),
        cmocka_unit_test(test_mkdirs_makes_parents),
        cmocka_unit_test(test_sweep_removes_only_dead_runs_temps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
