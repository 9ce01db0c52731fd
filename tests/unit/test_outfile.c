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

/* A stream copied whole into a new output, bigger than one buffer of the
 * copy (64 KiB); a stream open for writing only cannot be read, so the
 * copy fails (EIO) and leaves the old file and no temporary. */
static void test_write_from_copies_a_stream_whole(void **state)
{
    (void)state;
    char *dir = new_dir();
    char *path = xasprintf("%s/copy.pdf", dir);
    size_t size = 3 * 65536 + 7;
    char *want = xmalloc(size + 1);
    for (size_t i = 0; i < size; i++)
        want[i] = (char)('a' + i % 26);
    want[size] = '\0';
    FILE *in = tmpfile();
    assert_non_null(in);
    assert_int_equal(fwrite(want, 1, size, in), size);
    rewind(in);
    assert_true(outfile_write_from(in, path));
    FILE *out = fopen(path, "rb");
    assert_non_null(out);
    char *got = xmalloc(size + 2);
    assert_int_equal(fread(got, 1, size + 1, out), size);  /* no more */
    fclose(out);
    assert_memory_equal(got, want, size);
    free(got);
    free(want);
    unlink(path);
    free(path);
    path = file_with(dir, "old.pdf", "old\n");
    char *junk = xasprintf("%s/junk", dir);
    FILE *unreadable = fopen(junk, "w");
    assert_non_null(unreadable);
    fputs("x", unreadable);
    errno = 0;
    assert_false(outfile_write_from(unreadable, path));
    assert_int_equal(errno, EIO);
    assert_int_equal(count_temps(dir), 0);
    unlink(junk);
    free(junk);
    expect_and_clean(dir, path, "old\n");
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

/* ---- the output folder (outfile_root): these tests run last, since
 * from the first on every output must lie under the folder set ---- */

/* A symbolic link at the final name (to a file elsewhere), a named pipe
 * and a folder: each refused before anything is created, the link's
 * target untouched, and the pipe never opened (the test would hang). */
static void test_special_final_names_are_refused(void **state)
{
    (void)state;
    char *dir = new_dir();
    assert_true(outfile_root(dir));
    char *target = file_with(dir, "target.txt", "keep\n");
    char *link_path = xasprintf("%s/results.csv", dir);
    assert_int_equal(symlink(target, link_path), 0);
    char *fifo = xasprintf("%s/data_quality.csv", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char *folder = xasprintf("%s/city.xlsx", dir);
    assert_int_equal(mkdir(folder, 0777), 0);
    const char *paths[] = {link_path, fifo, folder};
    const char *what[] = {"a symbolic link", "a named pipe (FIFO)",
                          "a folder"};
    for (size_t i = 0; i < 3; i++) {
        outfile f;
        assert_false(outfile_check(paths[i]));
        assert_false(outfile_open(&f, paths[i], true));
        assert_non_null(strstr(outfile_strerror(errno), what[i]));
    }
    assert_int_equal(count_temps(dir), 0);
    char *kept = slurp(target);
    assert_string_equal(kept, "keep\n");
    free(kept);
    unlink(link_path);
    unlink(fifo);
    rmdir(folder);
    free(link_path);
    free(fifo);
    free(folder);
    expect_and_clean(dir, target, "keep\n");
}

/* offices/ as a link to a folder elsewhere: nothing is made or written
 * through it, whatever the call (mkdirs, check, open). */
static void test_linked_subfolder_is_refused(void **state)
{
    (void)state;
    char *dir = new_dir();
    char *elsewhere = new_dir();
    assert_true(outfile_root(dir));
    char *sub = xasprintf("%s/offices", dir);
    assert_int_equal(symlink(elsewhere, sub), 0);
    assert_false(outfile_mkdirs(sub));
    assert_non_null(strstr(outfile_strerror(errno), "a symbolic link"));
    char *book = xasprintf("%s/offices/book.xlsx", dir);
    outfile f;
    assert_false(outfile_check(book));
    assert_false(outfile_open(&f, book, false));
    char *deeper = xasprintf("%s/offices/new", dir);
    assert_false(outfile_mkdirs(deeper));
    DIR *d = opendir(elsewhere);
    size_t entries = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        entries += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(entries, 0);
    unlink(sub);
    free(sub);
    free(book);
    free(deeper);
    remove_dir(elsewhere);
    remove_dir(dir);
}

/* A second output under a name this run wrote is refused: the first
 * stays; a path outside the output folder or through ".." is refused. */
/* A name released (the manifest, rewritten after the PDFs land) may be
 * written once more, then is refused again.  Run before any input is
 * protected: a file made later could take a protected input's inode
 * number once that input is removed. */
static void test_released_name_is_written_once_more(void **state)
{
    (void)state;
    char *dir = new_dir();
    /* no outfile_root: it would hold for the later tests too */
    char *path = xasprintf("%s/manifest", dir);
    outfile f;
    assert_true(outfile_open(&f, path, true));
    fputs("first", f.fp);
    assert_true(outfile_commit(&f));
    outfile_release_name(path);
    assert_true(outfile_open(&f, path, true));
    fputs("again", f.fp);
    assert_true(outfile_commit(&f));
    assert_false(outfile_open(&f, path, true));
    assert_int_equal(errno, EEXIST);
    expect_and_clean(dir, path, "again");
}

static void test_name_written_once_and_inside(void **state)
{
    (void)state;
    char *dir = new_dir();
    assert_true(outfile_root(dir));
    char *path = xasprintf("%s/book.xlsx", dir);
    outfile f;
    assert_true(outfile_open(&f, path, true));
    fputs("first", f.fp);
    assert_true(outfile_commit(&f));
    assert_false(outfile_open(&f, path, true));
    assert_int_equal(errno, EEXIST);
    assert_non_null(strstr(outfile_strerror(errno), "written already"));
    char *outside = xasprintf("%s/../escape.csv", dir);
    assert_false(outfile_open(&f, outside, true));
    assert_int_equal(errno, EXDEV);
    assert_false(outfile_open(&f, "/tmp/itabench-elsewhere.csv", true));
    assert_int_equal(errno, EXDEV);
    free(outside);
    expect_and_clean(dir, path, "first");
}

/* outfile_root refuses an empty name and an output folder that is a
 * link; an existing manifest that is a named pipe is not opened. */
static void test_root_and_reading_refuse_links_and_pipes(void **state)
{
    (void)state;
    char *dir = new_dir();
    assert_false(outfile_root(""));
    assert_int_equal(errno, EINVAL);
    char *real = xasprintf("%s/real", dir);
    char *link_path = xasprintf("%s/link", dir);
    assert_int_equal(mkdir(real, 0777), 0);
    assert_int_equal(symlink(real, link_path), 0);
    assert_false(outfile_root(link_path));
    assert_non_null(strstr(outfile_strerror(errno), "a symbolic link"));
    assert_true(outfile_root(real));
    char *fifo = xasprintf("%s/.manifest", real);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_null(outfile_read_existing(fifo));
    assert_non_null(strstr(outfile_strerror(errno), "a named pipe"));
    unlink(fifo);
    unlink(link_path);
    rmdir(real);
    free(fifo);
    free(link_path);
    free(real);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_released_name_is_written_once_more),
        cmocka_unit_test(test_commit_renames_the_complete_file),
        cmocka_unit_test(test_batch_commit_stops_at_the_first_failure),
        cmocka_unit_test(test_write_from_copies_a_stream_whole),
        cmocka_unit_test(test_abort_keeps_the_old_file),
        cmocka_unit_test(test_protected_input_is_never_replaced),
        cmocka_unit_test(test_mkdirs_makes_parents),
        cmocka_unit_test(test_sweep_removes_only_dead_runs_temps),
        cmocka_unit_test(test_special_final_names_are_refused),
        cmocka_unit_test(test_linked_subfolder_is_refused),
        cmocka_unit_test(test_name_written_once_and_inside),
        cmocka_unit_test(test_root_and_reading_refuse_links_and_pipes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
