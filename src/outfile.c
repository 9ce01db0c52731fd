#include "outfile.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Temporaries are hidden and carry this marker so that outfile_sweep finds
 * only its own. */
#define TEMP_MARK ".itabench-tmp-"

/* Temporaries open at once: one per writer, so a handful; beyond this a
 * temporary is still removed by outfile_abort or the next run's sweep, only
 * not by the signal handler. */
enum { MAX_ACTIVE = OUTFILE_MAX_TRACKED };

/* Worker processes the handlers forward signals to (workers.h). */
enum { MAX_CHILDREN = 256 };

/* Bytes of the final name kept in the temporary's name. */
enum { TEMP_NAME_KEEP = 160 };

/* Read by the signal handler: a slot is either NULL or a complete string
 * that stays allocated until the slot is cleared (with signals blocked). */
static char *volatile active_temps[MAX_ACTIVE];

/* Read by the signal handler: 0 or the pid of a live worker. */
static volatile pid_t children[MAX_CHILDREN];

typedef struct {
    dev_t dev;
    ino_t ino;
    char *path;
} protected_file;

static protected_file *protected_files;
static size_t n_protected;

/* Runs with the handled signals blocked, so that the handler never sees a
 * slot half-updated. */
static void with_signals_blocked(bool block, sigset_t *saved)
{
    if (block) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGHUP);
        sigprocmask(SIG_BLOCK, &set, saved);
    } else {
        sigprocmask(SIG_SETMASK, saved, NULL);
    }
}

static void track_temp(char *path)
{
    sigset_t saved;
    with_signals_blocked(true, &saved);
    for (size_t i = 0; i < MAX_ACTIVE; i++)
        if (!active_temps[i]) {
            active_temps[i] = path;
            break;
        }
    with_signals_blocked(false, &saved);
}

static void untrack_temp(const char *path)
{
    sigset_t saved;
    with_signals_blocked(true, &saved);
    for (size_t i = 0; i < MAX_ACTIVE; i++)
        if (active_temps[i] == path)
            active_temps[i] = NULL;
    with_signals_blocked(false, &saved);
}

static void on_fatal_signal(int sig)
{
    /* only async-signal-safe calls here: kill, waitpid, unlink and raise; workers
     * remove their own temporaries in this same handler */
    for (size_t i = 0; i < MAX_CHILDREN; i++) {
        pid_t pid = children[i];
        if (pid > 0)
            kill(pid, sig);
    }
    /* and wait for them: whoever waits for this process then finds every
     * temporary removed */
    for (size_t i = 0; i < MAX_CHILDREN; i++) {
        pid_t pid = children[i];
        if (pid > 0)
            while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
                ;
    }
    for (size_t i = 0; i < MAX_ACTIVE; i++) {
        char *path = active_temps[i];
        if (path)
            unlink(path);
    }
    /* SA_RESETHAND restored the default action: die of the signal */
    raise(sig);
}

void outfile_install_signal_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    /* one handler at a time: a second signal waits for the first's
     * cleanup, then finds the default action */
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++)
        sigaddset(&sa.sa_mask, signals[i]);
    sa.sa_flags = (int)SA_RESETHAND;
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++)
        sigaction(signals[i], &sa, NULL);
}

void outfile_block_signals(bool block, sigset_t *saved)
{
    with_signals_blocked(block, saved);
}

bool outfile_track_child(pid_t pid)
{
    sigset_t saved;
    with_signals_blocked(true, &saved);
    bool tracked = false;
    for (size_t i = 0; i < MAX_CHILDREN && !tracked; i++)
        if (children[i] == 0) {
            children[i] = pid;
            tracked = true;
        }
    with_signals_blocked(false, &saved);
    return tracked;
}

void outfile_untrack_child(pid_t pid)
{
    sigset_t saved;
    with_signals_blocked(true, &saved);
    for (size_t i = 0; i < MAX_CHILDREN; i++)
        if (children[i] == pid)
            children[i] = 0;
    with_signals_blocked(false, &saved);
}

void outfile_forget_parent(void)
{
    /* the strings stay the parent's: only the slots are cleared */
    for (size_t i = 0; i < MAX_CHILDREN; i++)
        children[i] = 0;
    for (size_t i = 0; i < MAX_ACTIVE; i++)
        active_temps[i] = NULL;
}

void outfile_protect(const char *input_path)
{
    struct stat st;
    if (stat(input_path, &st) != 0)
        return;
    protected_files = xrealloc(protected_files,
                               (n_protected + 1) * sizeof *protected_files);
    protected_files[n_protected++] =
        (protected_file){st.st_dev, st.st_ino, xstrdup(input_path)};
}

const char *outfile_protected(const char *path)
{
    struct stat st;
    if (n_protected == 0 || stat(path, &st) != 0)
        return NULL;
    for (size_t i = 0; i < n_protected; i++)
        if (protected_files[i].dev == st.st_dev &&
            protected_files[i].ino == st.st_ino)
            return protected_files[i].path;
    return NULL;
}

bool outfile_open(outfile *f, const char *final_path, bool want_stream)
{
    *f = (outfile){0};
    if (outfile_protected(final_path)) {
        errno = EPERM;
        return false;
    }
    f->final_path = xstrdup(final_path);
    const char *slash = strrchr(final_path, '/');
    size_t dir_len = slash ? (size_t)(slash - final_path + 1) : 0;
    /* The final name, shortened (whole UTF-8 characters) so that the
     * temporary's name stays within NAME_MAX. */
    const char *name = final_path + dir_len;
    size_t name_len = strlen(name);
    if (name_len > TEMP_NAME_KEEP) {
        name_len = TEMP_NAME_KEEP;
        while (name_len > 0 && ((unsigned char)name[name_len] & 0xC0) == 0x80)
            name_len--;
    }
    f->temp_path = xasprintf("%.*s" TEMP_MARK "%ld-%.*s-XXXXXX", (int)dir_len,
                             final_path, (long)getpid(), (int)name_len, name);
    /* a signal between creating the temporary and tracking it would leave
     * it behind: hold the signals across both */
    sigset_t signals;
    with_signals_blocked(true, &signals);
    int fd = mkstemp(f->temp_path);
    if (fd >= 0)
        track_temp(f->temp_path);
    int saved_errno = errno;
    with_signals_blocked(false, &signals);
    if (fd < 0) {
        free(f->temp_path);
        free(f->final_path);
        *f = (outfile){0};
        errno = saved_errno;
        return false;
    }
    /* mkstemp makes the file 0600; outputs are ordinary files */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    if (want_stream) {
        f->fp = fdopen(fd, "wb");
        if (!f->fp) {
            int saved = errno;
            close(fd);
            outfile_abort(f);
            errno = saved;
            return false;
        }
    } else {
        close(fd);
    }
    return true;
}

/* Data on disk before the rename, so that a crash cannot leave the final
 * name pointing at an empty file. */
static bool sync_path(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0 || errno == EINVAL || errno == EROFS;
    close(fd);
    return ok;
}

bool outfile_commit(outfile *f)
{
    bool ok = true;
    if (f->fp) {
        ok = fflush(f->fp) == 0 && !ferror(f->fp);
        ok = ok && (fsync(fileno(f->fp)) == 0 || errno == EINVAL);
        ok = (fclose(f->fp) == 0) && ok;
        f->fp = NULL;
    } else {
        ok = sync_path(f->temp_path);
    }
    if (ok && outfile_protected(f->final_path)) {
        errno = EPERM;
        ok = false;
    }
    if (ok && rename(f->temp_path, f->final_path) != 0)
        ok = false;
    int saved = errno;
    if (!ok)
        unlink(f->temp_path);
    untrack_temp(f->temp_path);
    free(f->temp_path);
    free(f->final_path);
    *f = (outfile){0};
    if (!ok)
        errno = saved;
    return ok;
}

bool outfile_commit_batch(outfile *files, size_t n, size_t *failed)
{
    *failed = n;
    if (n == 0)
        return true;
    /* one syncfs puts every temporary's data on disk at the cost of one
     * fsync; where it fails, fsync each */
    bool synced = false;
    struct stat fs;
    const char *slash = strrchr(files[0].temp_path, '/');
    char *dir = slash ? xasprintf("%.*s", (int)(slash - files[0].temp_path + 1),
                                  files[0].temp_path)
                      : xstrdup(".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    free(dir);
    if (fd >= 0) {
        synced = fstat(fd, &fs) == 0 && syncfs(fd) == 0;
        close(fd);
    }
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        outfile *f = &files[i];
        if (!ok) {
            outfile_abort(f);
            continue;
        }
        /* a temporary on another file system has its own fsync */
        struct stat st;
        bool covered = synced && stat(f->temp_path, &st) == 0 &&
                       st.st_dev == fs.st_dev;
        ok = covered || sync_path(f->temp_path);
        if (ok && outfile_protected(f->final_path)) {
            errno = EPERM;
            ok = false;
        }
        ok = ok && rename(f->temp_path, f->final_path) == 0;
        if (!ok) {
            int saved = errno;
            *failed = i;
            outfile_abort(f);
            errno = saved;
            continue;
        }
        untrack_temp(f->temp_path);
        free(f->temp_path);
        free(f->final_path);
        *f = (outfile){0};
    }
    return ok;
}

void outfile_abort(outfile *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->temp_path) {
        unlink(f->temp_path);
        untrack_temp(f->temp_path);
    }
    free(f->temp_path);
    free(f->final_path);
    *f = (outfile){0};
}

/* True when the temporary's run (pid in its name) may still be writing it. */
static bool writer_alive(const char *temp_name)
{
    const char *p = temp_name + strlen(TEMP_MARK);
    char *end;
    long pid = strtol(p, &end, 10);
    if (end == p || *end != '-' || pid <= 0)
        return false;
    if (pid == (long)getpid())
        return true;
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

static void sweep_one(const char *dir, bool descend)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        if (strncmp(e->d_name, TEMP_MARK, strlen(TEMP_MARK)) == 0) {
            if (!writer_alive(e->d_name))
                unlink(path);
        } else if (descend) {
            struct stat st;
            if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
                sweep_one(path, false);
        }
        free(path);
    }
    closedir(d);
}

void outfile_sweep(const char *dir) { sweep_one(dir, true); }

bool outfile_mkdirs(const char *dir)
{
    char *path = xstrdup(dir);
    for (char *p = path; *p; p++) {
        if (*p != '/' || p == path)
            continue;
        *p = '\0';
        mkdir(path, 0777);
        *p = '/';
    }
    mkdir(path, 0777);
    struct stat st;
    bool ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    free(path);
    return ok;
}
