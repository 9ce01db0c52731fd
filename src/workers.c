#include "workers.h"
#include "outfile.h"
#include "text.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* What a worker tells the parent through the pipe, one byte per event. */
enum { TASK_DONE = 'd', TASK_FAILED = 'f' };

/* Worker exit statuses. */
enum { WORKER_OK = 0, WORKER_FAILED = 1 };

int workers_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 1 ? (int)(n < 256 ? n : 256) : 1;
}

static bool run_here(const workers_tasks *t, workers_progress progress,
                     void *progress_ctx)
{
    for (size_t i = 0; i < t->n; i++) {
        if (!t->task(t->ctx, i))
            return false;
        if (progress)
            progress(progress_ctx, i + 1, t->n);
    }
    return !t->finish || t->finish(t->ctx);
}

static void tell(int fd, char event)
{
    /* a parent that is gone has forwarded its signal already */
    while (write(fd, &event, 1) < 0 && errno == EINTR)
        ;
}

/* The body of worker k of j: tasks k, k + j, ...; never returns. */
static void worker_main(const workers_tasks *t, size_t k, size_t j, int fd)
{
    signal(SIGPIPE, SIG_IGN);
    int status = WORKER_OK;
    for (size_t i = k; i < t->n && status == WORKER_OK; i += j) {
        if (!t->task(t->ctx, i))
            status = WORKER_FAILED;
        else
            tell(fd, TASK_DONE);
    }
    if (status == WORKER_OK && t->finish && !t->finish(t->ctx))
        status = WORKER_FAILED;
    if (status != WORKER_OK)
        tell(fd, TASK_FAILED);
    fflush(NULL);
    _exit(status);
}

/* Starts worker k of j; returns its pid, or -1 with errno set. */
static pid_t start_worker(const workers_tasks *t, size_t k, size_t j,
                          const int pipe_fd[2])
{
    sigset_t saved;
    pid_t parent = getpid();
    outfile_block_signals(true, &saved);
    pid_t pid = fork();
    if (pid == 0) {
        outfile_forget_parent();
#ifdef __linux__
        /* a parent killed outright (SIGKILL) cannot forward its signal:
         * the kernel sends SIGTERM instead, whose handler cleans up */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
        if (getppid() != parent)
            raise(SIGTERM);
        outfile_block_signals(false, &saved);
        close(pipe_fd[0]);
        worker_main(t, k, j, pipe_fd[1]);
    }
    int saved_errno = errno;
    if (pid > 0 && !outfile_track_child(pid)) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        pid = -1;
        saved_errno = EAGAIN;
    }
    outfile_block_signals(false, &saved);
    errno = saved_errno;
    return pid;
}

static void stop_workers(const pid_t *pids, size_t j)
{
    for (size_t k = 0; k < j; k++)
        if (pids[k] > 0)
            kill(pids[k], SIGTERM);
}

/* Reads the workers' reports until every worker has closed the pipe;
 * stops them all at the first failure.  Returns false after a failure. */
static bool follow_workers(int fd, const pid_t *pids, size_t j, size_t n,
                           workers_progress progress, void *progress_ctx)
{
    bool ok = true;
    size_t done = 0;
    char buf[256];
    for (;;) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] == TASK_DONE && ok && progress)
                progress(progress_ctx, ++done, n);
            else if (buf[i] == TASK_FAILED && ok) {
                ok = false;
                stop_workers(pids, j);
            }
        }
    }
    return ok;
}

/* Waits for every worker; false when one of them did not succeed.
 * Workers stopped by the parent (failed true) are not reported again. */
static bool reap_workers(pid_t *pids, size_t j, bool failed)
{
    bool ok = true;
    for (size_t k = 0; k < j; k++) {
        if (pids[k] <= 0)
            continue;
        int status;
        while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
            ;
        outfile_untrack_child(pids[k]);
        if (WIFEXITED(status) && WEXITSTATUS(status) == WORKER_OK)
            continue;
        ok = false;
        if (WIFSIGNALED(status) && !failed)
            fprintf(stderr, "itabench: worker process %ld died of signal %d "
                            "(%s)\n",
                    (long)pids[k], WTERMSIG(status),
                    strsignal(WTERMSIG(status)));
    }
    return ok;
}

struct workers {
    workers_tasks tasks;
    size_t j;                /* 0: the tasks run here, in workers_wait */
    pid_t *pids;             /* [j] */
    int fd;                  /* the read end of the workers' pipe */
    bool started;            /* false when a worker could not be started */
};

workers *workers_start(const workers_tasks *tasks, int jobs)
{
    workers *w = xcalloc(1, sizeof *w);
    *w = (workers){.tasks = *tasks, .fd = -1, .started = true};
    size_t n = tasks->n;
    if (jobs <= 0)
        jobs = workers_default_jobs();
    if (jobs == 1 || n <= 1)
        return w;
    int pipe_fd[2];
    if (pipe(pipe_fd) != 0) {
        fprintf(stderr, "itabench: cannot start worker processes: %s\n",
                strerror(errno));
        w->started = false;
        return w;
    }
    w->j = (size_t)jobs < n ? (size_t)jobs : n;
    /* what is buffered now must not be written once per worker */
    fflush(NULL);
#ifdef __GLIBC__
    /* each worker starts with the parent's resident memory: give back
     * first what is free */
    malloc_trim(0);
#endif
    w->pids = xcalloc(w->j, sizeof *w->pids);
    for (size_t k = 0; k < w->j && w->started; k++) {
        w->pids[k] = start_worker(&w->tasks, k, w->j, pipe_fd);
        if (w->pids[k] < 0) {
            fprintf(stderr, "itabench: cannot start a worker process: %s\n",
                    strerror(errno));
            w->started = false;
            stop_workers(w->pids, k);
        }
    }
    close(pipe_fd[1]);
    w->fd = pipe_fd[0];
    return w;
}

bool workers_wait(workers *w, bool stop, workers_progress progress,
                  void *progress_ctx)
{
    bool ok = w->started && !stop;
    if (w->j == 0) {
        ok = ok && run_here(&w->tasks, progress, progress_ctx);
    } else {
        if (stop)
            stop_workers(w->pids, w->j);
        if (ok)
            ok = follow_workers(w->fd, w->pids, w->j, w->tasks.n, progress,
                                progress_ctx);
        close(w->fd);
        ok = reap_workers(w->pids, w->j, !ok) && ok;
    }
    free(w->pids);
    free(w);
    return ok;
}

bool workers_run(const workers_tasks *tasks, int jobs,
                 workers_progress progress, void *progress_ctx)
{
    return workers_wait(workers_start(tasks, jobs), false, progress,
                        progress_ctx);
}
