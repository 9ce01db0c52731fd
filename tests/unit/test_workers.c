/*
 * workers: tasks run in worker processes.  Each task appends its index to
 * a file of its own under a new folder (processes share no memory, so the
 * files are how the test sees what ran where); the expected results follow
 * from the rules of workers.h: every task once, worker k of j runs k,
 * k + j, ... in order, finish once per process, progress in the parent.
 */
#include "workers.h"
#include "text.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

typedef struct {
    char *dir;
    size_t fail_at;        /* the task that fails; (size_t)-1: none */
    size_t progress_calls, last_done;
} job;

static void append(const char *dir, const char *name, const char *line)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "a");
    assert_non_null(f);
    fputs(line, f);
    fclose(f);
    free(path);
}

/* Task i: writes "i" to task-<i> and "<i> " to the log of its process. */
static bool task(void *ctx, size_t i)
{
    job *j = ctx;
    if (i == j->fail_at)
        return false;
    char name[64], line[64];
    snprintf(name, sizeof name, "task-%zu", i);
    snprintf(line, sizeof line, "%zu", i);
    append(j->dir, name, line);
    snprintf(name, sizeof name, "pid-%ld", (long)getpid());
    snprintf(line, sizeof line, "%zu ", i);
    append(j->dir, name, line);
    return true;
}

static bool finish(void *ctx)
{
    job *j = ctx;
    char name[64];
    snprintf(name, sizeof name, "finish-%ld", (long)getpid());
    append(j->dir, name, "done");
    return true;
}

static void progress(void *ctx, size_t done, size_t n)
{
    job *j = ctx;
    assert_true(done == j->last_done + 1 && done <= n);
    j->last_done = done;
    j->progress_calls++;
}

static job new_job(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/itabench-workers-XXXXXX",
                          tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    return (job){.dir = dir, .fail_at = (size_t)-1};
}

/* Counts the files whose names start with prefix; concatenates their
 * contents (sorted by name) into out when out is not NULL. */
static size_t files(const job *j, const char *prefix, char *out, size_t len)
{
    struct dirent **list;
    int n = scandir(j->dir, &list, NULL, alphasort);
    assert_true(n >= 0);
    size_t count = 0;
    if (out)
        out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (strncmp(list[i]->d_name, prefix, strlen(prefix)) == 0) {
            count++;
            char *path = xasprintf("%s/%s", j->dir, list[i]->d_name);
            FILE *f = fopen(path, "r");
            char buf[256] = "";
            size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
            buf[got] = '\0';
            if (f)
                fclose(f);
            if (out) {
                strncat(out, buf, len - strlen(out) - 1);
                strncat(out, "|", len - strlen(out) - 1);
            }
            free(path);
        }
        free(list[i]);
    }
    free(list);
    return count;
}

static void remove_job(job *j)
{
    struct dirent **list;
    int n = scandir(j->dir, &list, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", j->dir, list[i]->d_name);
        unlink(path);
        free(path);
        free(list[i]);
    }
    free(list);
    rmdir(j->dir);
    free(j->dir);
}

/* 7 tasks in 3 workers: tasks 0 3 6, 1 4, 2 5, each in its own process
 * and in that order; every task once; finish once per worker; progress 7
 * times in the parent. */
static void test_three_workers_share_seven_tasks(void **state)
{
    (void)state;
    job j = new_job();
    assert_true(workers_run(&(workers_tasks){7, task, finish, &j},
                            3, progress, &j));
    for (size_t i = 0; i < 7; i++) {
        char name[32], want[32], got[64];
        snprintf(name, sizeof name, "task-%zu", i);
        snprintf(want, sizeof want, "%zu|", i);
        assert_int_equal(files(&j, name, got, sizeof got), 1);
        assert_string_equal(got, want);
    }
    char logs[256];
    assert_int_equal(files(&j, "pid-", logs, sizeof logs), 3);
    /* pids sort in any order: look for each worker's sequence */
    assert_non_null(strstr(logs, "0 3 6 |"));
    assert_non_null(strstr(logs, "1 4 |"));
    assert_non_null(strstr(logs, "2 5 |"));
    assert_int_equal(files(&j, "finish-", NULL, 0), 3);
    assert_int_equal(j.progress_calls, 7);
    remove_job(&j);
}

/* One job: every task in this process, in order, then finish. */
static void test_one_job_runs_here(void **state)
{
    (void)state;
    job j = new_job();
    assert_true(workers_run(&(workers_tasks){4, task, finish, &j},
                            1, progress, &j));
    char name[32], logs[64];
    snprintf(name, sizeof name, "pid-%ld", (long)getpid());
    assert_int_equal(files(&j, name, logs, sizeof logs), 1);
    assert_string_equal(logs, "0 1 2 3 |");
    snprintf(name, sizeof name, "finish-%ld", (long)getpid());
    assert_int_equal(files(&j, name, NULL, 0), 1);
    assert_int_equal(j.progress_calls, 4);
    remove_job(&j);
}

/* Task 0 fails in worker 0 of 2: the run fails, worker 0 ran nothing
 * else and did not finish. */
static void test_a_failing_task_fails_the_run(void **state)
{
    (void)state;
    job j = new_job();
    j.fail_at = 0;
    assert_false(workers_run(&(workers_tasks){6, task, finish, &j},
                             2, NULL, NULL));
    assert_int_equal(files(&j, "task-0", NULL, 0), 0);
    assert_int_equal(files(&j, "task-2", NULL, 0), 0);
    assert_int_equal(files(&j, "task-4", NULL, 0), 0);
    assert_true(files(&j, "finish-", NULL, 0) <= 1);
    remove_job(&j);
    j = new_job();
    j.fail_at = 2;
    assert_false(workers_run(&(workers_tasks){3, task, finish, &j},
                             1, NULL, NULL));
    assert_int_equal(files(&j, "task-", NULL, 0), 2);
    assert_int_equal(files(&j, "finish-", NULL, 0), 0);
    remove_job(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_workers_share_seven_tasks),
        cmocka_unit_test(test_one_job_runs_here),
        cmocka_unit_test(test_a_failing_task_fails_the_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
