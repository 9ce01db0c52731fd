/* Rank replicates in worker processes (uncertainty_tally.h). */
#include "uncertainty_tally.h"
#include "text.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Writes all of buf to fd; false on failure. */
static bool write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        len -= (size_t)w;
    }
    return true;
}

static bool read_all(int fd, void *buf, size_t len)
{
    char *p = buf;
    while (len > 0) {
        ssize_t r = read(fd, p, len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        len -= (size_t)r;
    }
    return true;
}

/* What every worker counts: the n counters of tally, by draw(ctx...). */
typedef struct {
    uint32_t *tally;
    size_t n;
    uncertainty_tally_draw draw;
    void *ctx;
} tally_job;

/* In worker k of j: its share of the blocks, sent back; never returns. */
static void run_worker(int fd, const tally_job *job, int k, int j)
{
    memset(job->tally, 0, job->n * sizeof *job->tally);
    job->draw(job->ctx, (size_t)k, (size_t)j);
    _exit(write_all(fd, job->tally, job->n * sizeof *job->tally) ? 0 : 1);
}

bool uncertainty_tally_parallel(uint32_t *tally, size_t n, int jobs, size_t blocks,
                        uncertainty_tally_draw draw, void *ctx)
{
    int j = (size_t)jobs < blocks ? jobs : (int)blocks;
    pid_t *pid = xcalloc((size_t)j, sizeof *pid);
    int *fd = xmalloc((size_t)j * sizeof *fd);
    uint32_t *sum = xcalloc(n ? n : 1, sizeof *sum);
    uint32_t *part = xmalloc((n ? n : 1) * sizeof *part);
    bool ok = true;
    int started = 0;
    fflush(NULL);
    for (; started < j; started++) {
        int p[2];
        if (pipe(p) != 0) {
            ok = false;
            break;
        }
        pid[started] = fork();
        if (pid[started] < 0) {
            close(p[0]);
            close(p[1]);
            ok = false;
            break;
        }
        if (pid[started] == 0) {
            close(p[0]);
            run_worker(p[1], &(tally_job){tally, n, draw, ctx}, started, j);
        }
        close(p[1]);
        fd[started] = p[0];
    }
    for (int k = 0; k < started; k++) {
        if (ok && read_all(fd[k], part, n * sizeof *part))
            for (size_t i = 0; i < n; i++)
                sum[i] += part[i];
        else
            ok = false;
        close(fd[k]);
    }
    for (int k = 0; k < started; k++) {
        int status;
        if (!ok)
            kill(pid[k], SIGTERM);
        while (waitpid(pid[k], &status, 0) < 0 && errno == EINTR)
            ;
        ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    if (ok)
        for (size_t i = 0; i < n; i++)
            tally[i] += sum[i];
    free(sum);
    free(part);
    free(pid);
    free(fd);
    return ok;
}
