/*
 * workers: runs n independent tasks (one office workbook each) in up to
 * `jobs` worker processes, forked after everything the tasks read has been
 * computed.  Processes, not threads: libxlsxwriter does not document that
 * it is thread-safe (nor does the code around it promise it), and a
 * process per share of the work needs no locking anywhere, at the cost of
 * a fork per worker.
 *
 * Worker k of j runs the tasks k, k + j, k + 2j, ... in that order, so the
 * share of each worker depends only on n and j; each task writes its own
 * file, so the outputs are the same bytes for any j.  A worker stops at its
 * first failed task (the task prints why) and exits with status 1; the
 * parent then stops the other workers (SIGTERM: their signal handlers
 * remove their temporaries, outfile.h) and reports the failure.  Signals
 * the parent receives are forwarded to the workers (outfile.h).  Workers
 * report each finished task through a pipe, so only the parent prints
 * progress.
 */
#ifndef ITABENCH_WORKERS_H
#define ITABENCH_WORKERS_H

#include <stdbool.h>
#include <stddef.h>

/* Runs task i; returns false after printing why it failed to stderr. */
typedef bool (*workers_task)(void *ctx, size_t i);

/* Run once by each worker after its last task (and by this process when
 * no worker is started): what the tasks left to do, such as committing
 * files written in batches; false after printing why it failed. */
typedef bool (*workers_finish)(void *ctx);

/* Told of progress in the parent: done of n tasks finished. */
typedef void (*workers_progress)(void *ctx, size_t done, size_t n);

/* What to run: task(ctx, i) for every i in [0, n), then finish(ctx)
 * (finish may be NULL) in each process that ran tasks.  Borrowed. */
typedef struct {
    size_t n;
    workers_task task;
    workers_finish finish;
    void *ctx;
} workers_tasks;

/* The default number of workers: the online CPUs, at least 1. */
int workers_default_jobs(void);

/* Runs the tasks: in this process when jobs is 1 or tasks->n <= 1, else
 * in min(jobs, n) worker processes (jobs 0: workers_default_jobs()).
 * progress (may be NULL) is called in this process after each finished
 * task.  Returns true when every task succeeded; false after the first
 * failure (or when a worker could not be started or died), with the
 * reason on stderr. */
bool workers_run(const workers_tasks *tasks, int jobs,
                 workers_progress progress, void *progress_ctx);

/* The same in two steps, so that this process can do other work (write
 * another output) while the workers run: workers_start starts them (or,
 * for one job, nothing yet); workers_wait runs the tasks here for one job
 * or follows the workers, then returns what workers_run would.  With stop
 * (the other work failed) the workers are stopped (SIGTERM: their
 * temporaries are removed) and false is returned.  workers_wait frees
 * the handle; call it exactly once. */
typedef struct workers workers;
workers *workers_start(const workers_tasks *tasks, int jobs);
bool workers_wait(workers *w, bool stop, workers_progress progress,
                  void *progress_ctx);

#endif
