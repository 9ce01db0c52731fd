#include "outfile.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
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

/* ---- refusals: what outfile_strerror says ------------------------------ */

/* The reason of the last refusal, told by outfile_strerror while errno
 * still holds refusal_errno: strerror has no words for "a named pipe is
 * where the output goes". */
static int refusal_errno;
static char refusal[512];

static bool refuse(int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = xvasprintf(fmt, ap);
    va_end(ap);
    text_utf8_copy(refusal, sizeof refusal, text);
    free(text);
    refusal_errno = err;
    errno = err;
    return false;
}

const char *outfile_strerror(int err)
{
    if (err == refusal_errno && refusal[0])
        return refusal;
    return strerror(err);
}

/* What a file that is not a regular file is, in words. */
static const char *type_name(mode_t mode)
{
    static const struct {
        mode_t type;
        const char *name;
    } types[] = {
        {S_IFLNK, "a symbolic link"},     {S_IFDIR, "a folder"},
        {S_IFIFO, "a named pipe (FIFO)"}, {S_IFCHR, "a character device"},
        {S_IFBLK, "a block device"},      {S_IFSOCK, "a socket"},
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if ((mode & S_IFMT) == types[i].type)
            return types[i].name;
    return "not a regular file";
}

/* ---- the output folder ------------------------------------------------- */

/* Set by outfile_root: every path under root_path is reached from root_fd
 * one folder at a time, each opened with O_NOFOLLOW, so that no link in
 * the output folder leads a write elsewhere. */
static int root_fd = -1;
static char *root_path;

/* Names this process opened or wrote (folder device and inode, name): a
 * second output under a name already used by the run is refused rather
 * than written over the first. */
typedef struct {
    dev_t dir_dev;
    ino_t dir_ino;
    char *name;
} used_name;

static used_name *used_names;
static size_t n_used;

/* Paths given to libraries that write by name (libxlsxwriter): through
 * /proc/self/fd/<folder fd>/, so that even they reach the folder opened
 * here, whatever happens to its path meanwhile. */
static bool proc_fd_usable(void)
{
    static int usable = -1;
    if (usable < 0)
        usable = access("/proc/self/fd", X_OK) == 0;
    return usable == 1;
}

/* path without trailing slashes ("/" stays); a new string. */
static char *without_trailing_slashes(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    return xasprintf("%.*s", (int)n, path);
}

/* Opens the folder `name` in the folder dir_fd, never through a link;
 * with create, makes it first when missing.  path names it in messages. */
static int open_folder_at(int dir_fd, const char *name, bool create,
                          const char *path)
{
    if (strcmp(name, "..") == 0) {
        refuse(EXDEV, "%s leads out of the output folder (\"..\")", path);
        return -1;
    }
    if (create && mkdirat(dir_fd, name, 0777) != 0 && errno != EEXIST)
        return -1;
    int fd = openat(dir_fd, name,
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0)
        return fd;
    int err = errno;
    struct stat st;
    if ((err == ELOOP || err == ENOTDIR) &&
        fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        refuse(S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR,
               "%s is %s, not a folder: itabench writes only into real "
               "folders (remove it or choose another output folder)",
               path, type_name(st.st_mode));
    else
        errno = err;
    return -1;
}

/* The part of path below the output folder, or NULL when path is not
 * under it. */
static const char *below_root(const char *path)
{
    size_t n = strlen(root_path);
    if (strcmp(root_path, "/") == 0)
        n = 0;
    if (strncmp(path, root_path, n) != 0 || (path[n] != '/' && path[n]))
        return NULL;
    const char *rest = path + n;
    while (*rest == '/')
        rest++;
    return rest;
}

/* Opens the folders of rel below dir_fd (a copy of it is walked), the last
 * component excluded unless whole. */
static int walk_folders(int dir_fd, const char *rel, bool whole, bool create)
{
    int fd = fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    char *copy = xstrdup(rel);
    char *end = whole ? copy + strlen(copy) : strrchr(copy, '/');
    char *p = copy;
    while (end && p < end) {
        char *slash = strchr(p, '/');
        if (!slash || slash > end)
            slash = end;
        *slash = '\0';
        if (*p && strcmp(p, ".") != 0) {
            char *shown = xasprintf("%s/%.*s", root_path,
                                    (int)(slash - copy), rel);
            int next = open_folder_at(fd, p, create, shown);
            free(shown);
            int err = errno;
            close(fd);
            errno = err;
            fd = next;
            if (fd < 0)
                break;
        }
        p = slash + 1;
    }
    free(copy);
    return fd;
}

/* The folder that will hold path, opened; *name receives path's last
 * component.  Under the output folder, every folder is opened without
 * following links; elsewhere (no outfile_root: itagen, tests) the folder
 * as named. */
static int open_parent(const char *path, const char **name)
{
    const char *slash = strrchr(path, '/');
    *name = slash ? slash + 1 : path;
    if (!**name || strcmp(*name, ".") == 0 || strcmp(*name, "..") == 0) {
        refuse(EISDIR, "%s names a folder, not a file", path);
        return -1;
    }
    if (strlen(*name) > NAME_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (root_fd >= 0) {
        const char *rel = below_root(path);
        if (!rel) {
            refuse(EXDEV, "%s is outside the output folder %s", path,
                   root_path);
            return -1;
        }
        return walk_folders(root_fd, rel, false, false);
    }
    char *dir = slash ? xasprintf("%.*s", (int)(slash - path + 1), path)
                      : xstrdup(".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    return fd;
}

static bool same_name(const used_name *u, const struct stat *dir,
                      const char *name)
{
    return u->dir_dev == dir->st_dev && u->dir_ino == dir->st_ino &&
           strcmp(u->name, name) == 0;
}

/* Checks what is at name in dir_fd already: nothing, or a regular file
 * that this run has not written.  The caller names the path in its
 * message. */
static bool may_replace(int dir_fd, const char *name)
{
    struct stat dir;
    if (fstat(dir_fd, &dir) != 0)
        return false;
    for (size_t i = 0; i < n_used; i++)
        if (same_name(&used_names[i], &dir, name))
            return refuse(EEXIST,
                          "the name is written already by this run: two "
                          "outputs would have one name");
    struct stat st;
    if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT;
    if (S_ISREG(st.st_mode))
        return true;
    return refuse(S_ISDIR(st.st_mode) ? EISDIR : EEXIST,
                  "the name holds %s, not a file: itabench neither writes "
                  "through nor replaces it (remove it or choose another "
                  "output folder)",
                  type_name(st.st_mode));
}

/* The folders of used_names, held open so that no other folder can take
 * their inode number while the run lasts (a handful: the output folder
 * and offices/). */
static int *held_dirs;
static size_t n_held;

static void hold_dir(int dir_fd, const struct stat *dir)
{
    for (size_t i = 0; i < n_used; i++)
        if (used_names[i].dir_dev == dir->st_dev &&
            used_names[i].dir_ino == dir->st_ino)
            return;
    int fd = fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0)
        return;
    held_dirs = xrealloc(held_dirs, (n_held + 1) * sizeof *held_dirs);
    held_dirs[n_held++] = fd;
}

static void use_name(int dir_fd, const char *name)
{
    struct stat dir;
    if (fstat(dir_fd, &dir) != 0)
        return;
    hold_dir(dir_fd, &dir);
    used_names = xrealloc(used_names, (n_used + 1) * sizeof *used_names);
    used_names[n_used++] = (used_name){dir.st_dev, dir.st_ino, xstrdup(name)};
}

static void unuse_name(int dir_fd, const char *name)
{
    struct stat dir;
    if (fstat(dir_fd, &dir) != 0)
        return;
    for (size_t i = 0; i < n_used; i++)
        if (same_name(&used_names[i], &dir, name)) {
            free(used_names[i].name);
            used_names[i] = used_names[--n_used];
            return;
        }
}

void outfile_release_name(const char *final_path)
{
    const char *name;
    int dir_fd = open_parent(final_path, &name);
    if (dir_fd < 0)
        return;
    unuse_name(dir_fd, name);
    close(dir_fd);
}

bool outfile_root(const char *dir)
{
    if (!*dir)
        return refuse(EINVAL, "the output folder's name is empty");
    if (root_fd >= 0)
        close(root_fd);
    root_fd = -1;
    free(root_path);
    root_path = without_trailing_slashes(dir);
    if (!outfile_mkdirs(root_path))
        return false;
    int fd = open(root_path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 && (errno == ELOOP || errno == ENOTDIR) &&
        lstat(root_path, &st) == 0)
        return refuse(S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR,
                      "%s is %s, not a folder: itabench writes only into "
                      "real folders (give the folder itself)",
                      root_path, type_name(st.st_mode));
    if (fd < 0)
        return false;
    root_fd = fd;
    return true;
}

bool outfile_check(const char *final_path)
{
    const char *name;
    int dir_fd = open_parent(final_path, &name);
    if (dir_fd < 0)
        return errno == ENOENT;   /* a folder still to be made */
    bool ok = may_replace(dir_fd, name);
    if (ok && outfile_protected(final_path))
        ok = refuse(EPERM, "%s is an input file of this run", final_path);
    int err = errno;
    close(dir_fd);
    errno = err;
    return ok;
}

/* Creates a new temporary for `name` in dir_fd (O_EXCL, never through a
 * link); its name in *temp_name.  Returns its descriptor or -1. */
static int create_temp(int dir_fd, const char *name, char **temp_name)
{
    /* The final name, shortened (whole UTF-8 characters) so that the
     * temporary's name stays within NAME_MAX. */
    char kept[TEMP_NAME_KEEP + 1];
    text_utf8_copy(kept, sizeof kept, name);
    static unsigned counter;
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned salt = (unsigned)getpid() * 2654435761u ^
                        (unsigned)time(NULL) ^ (++counter * 40503u);
        *temp_name = xasprintf(TEMP_MARK "%ld-%s-%06x", (long)getpid(),
                               kept, salt & 0xFFFFFFu);
        int fd = openat(dir_fd, *temp_name,
                        O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                        0666);
        if (fd >= 0)
            return fd;
        int err = errno;
        free(*temp_name);
        *temp_name = NULL;
        if (err != EEXIST) {
            errno = err;
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}

bool outfile_open(outfile *f, const char *final_path, bool want_stream)
{
    *f = (outfile){.dir_fd = -1};
    const char *name;
    int dir_fd = open_parent(final_path, &name);
    if (dir_fd < 0)
        return false;
    if (!may_replace(dir_fd, name) ||
        (outfile_protected(final_path) &&
         !refuse(EPERM, "%s is an input file of this run", final_path))) {
        int err = errno;
        close(dir_fd);
        errno = err;
        return false;
    }
    /* a signal between creating the temporary and tracking it would leave
     * it behind: hold the signals across both */
    char *temp_name = NULL, *temp_path = NULL;
    sigset_t signals;
    with_signals_blocked(true, &signals);
    int fd = create_temp(dir_fd, name, &temp_name);
    if (fd >= 0) {
        size_t dir_len = (size_t)(name - final_path);
        temp_path = proc_fd_usable()
                        ? xasprintf("/proc/self/fd/%d/%s", dir_fd, temp_name)
                        : xasprintf("%.*s%s", (int)dir_len, final_path,
                                    temp_name);
        track_temp(temp_path);
    }
    int saved_errno = errno;
    with_signals_blocked(false, &signals);
    if (fd < 0) {
        close(dir_fd);
        errno = saved_errno;
        return false;
    }
    use_name(dir_fd, name);
    f->final_path = xstrdup(final_path);
    f->name = f->final_path + (name - final_path);
    f->temp_path = temp_path;
    f->temp_name = temp_name;
    f->dir_fd = dir_fd;
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

/* The temporary, opened again to sync it: still a regular file of its
 * own (nothing replaced it by a link meanwhile). */
static bool sync_temp(const outfile *f)
{
    int fd = openat(f->dir_fd, f->temp_name,
                    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (!ok)
        errno = EINVAL;
    ok = ok && (fsync(fd) == 0 || errno == EINVAL || errno == EROFS);
    int err = errno;
    close(fd);
    errno = err;
    return ok;
}

/* Frees what f holds; the temporary's name was renamed or removed. */
static void release(outfile *f)
{
    untrack_temp(f->temp_path);
    if (f->dir_fd >= 0)
        close(f->dir_fd);
    free(f->temp_path);
    free(f->temp_name);
    free(f->final_path);
    *f = (outfile){.dir_fd = -1};
}

/* Renames the synced temporary over the final name, after checking once
 * more what the final name holds now. */
static bool land(outfile *f)
{
    if (outfile_protected(f->final_path))
        return refuse(EPERM, "%s is an input file of this run",
                      f->final_path);
    struct stat st;
    if (fstatat(f->dir_fd, f->name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        !S_ISREG(st.st_mode))
        return refuse(S_ISDIR(st.st_mode) ? EISDIR : EEXIST,
                      "the name holds %s, not a file: itabench neither "
                      "writes through nor replaces it (remove it or choose "
                      "another output folder)",
                      type_name(st.st_mode));
    return renameat(f->dir_fd, f->temp_name, f->dir_fd, f->name) == 0;
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
        ok = sync_temp(f);
    }
    ok = ok && land(f);
    if (!ok) {
        int saved = errno;
        outfile_abort(f);
        errno = saved;
        return false;
    }
    release(f);
    return true;
}

bool outfile_commit_batch(outfile *files, size_t n, size_t *failed)
{
    *failed = n;
    if (n == 0)
        return true;
    /* one syncfs puts every temporary's data on disk at the cost of one
     * fsync; where it fails, fsync each */
    struct stat fs;
    bool synced = fstat(files[0].dir_fd, &fs) == 0 &&
                  syncfs(files[0].dir_fd) == 0;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        outfile *f = &files[i];
        if (!ok) {
            outfile_abort(f);
            continue;
        }
        /* a temporary on another file system has its own fsync */
        struct stat st;
        bool covered = synced && fstat(f->dir_fd, &st) == 0 &&
                       st.st_dev == fs.st_dev;
        ok = (covered || sync_temp(f)) && land(f);
        if (!ok) {
            int saved = errno;
            *failed = i;
            outfile_abort(f);
            errno = saved;
            continue;
        }
        release(f);
    }
    return ok;
}

void outfile_abort(outfile *f)
{
    if (f->fp)
        fclose(f->fp);
    f->fp = NULL;
    if (f->temp_name && f->dir_fd >= 0) {
        unlinkat(f->dir_fd, f->temp_name, 0);
        unuse_name(f->dir_fd, f->name);
    }
    if (f->temp_path)
        release(f);
    else
        *f = (outfile){.dir_fd = -1};
}

FILE *outfile_read_existing(const char *path)
{
    const char *name;
    int dir_fd = open_parent(path, &name);
    if (dir_fd < 0)
        return NULL;
    int fd = openat(dir_fd, name,
                    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    int err = errno;
    close(dir_fd);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        refuse(EINVAL, "%s is %s, not a file: it is not read", path,
               type_name(st.st_mode));
        return NULL;
    }
    if (fd < 0) {
        errno = err;
        return NULL;
    }
    /* a regular file never blocks: back to ordinary reads */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FILE *in = fdopen(fd, "rb");
    if (!in)
        close(fd);
    return in;
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

/* Removes dead runs' temporaries in the folder dir_fd (taken over), and
 * with descend in its subfolders, never following a link. */
static void sweep_fd(int dir_fd, bool descend)
{
    DIR *d = fdopendir(dir_fd);
    if (!d) {
        close(dir_fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (strncmp(e->d_name, TEMP_MARK, strlen(TEMP_MARK)) == 0) {
            if (!writer_alive(e->d_name))
                unlinkat(dirfd(d), e->d_name, 0);
        } else if (descend) {
            int sub = openat(dirfd(d), e->d_name,
                             O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0)
                sweep_fd(sub, false);
        }
    }
    closedir(d);
}

void outfile_sweep(const char *dir)
{
    int fd;
    const char *rel = root_fd >= 0 ? below_root(dir) : NULL;
    if (rel)
        fd = walk_folders(root_fd, rel, true, false);
    else
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0)
        sweep_fd(fd, true);
}

bool outfile_mkdirs(const char *dir)
{
    const char *rel = root_fd >= 0 ? below_root(dir) : NULL;
    if (rel) {
        int fd = walk_folders(root_fd, rel, true, true);
        if (fd < 0)
            return false;
        close(fd);
        return true;
    }
    char *path = xstrdup(dir);
    int failed = 0;   /* why the last folder could not be made */
    for (char *p = path; *p; p++) {
        if (*p != '/' || p == path)
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            failed = errno;
        *p = '/';
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        failed = errno;
    struct stat st;
    bool found = stat(path, &st) == 0;
    bool ok = found && S_ISDIR(st.st_mode);
    int err = found ? ENOTDIR : errno;
    if (!ok && failed)
        err = failed;
    free(path);
    if (!ok)
        errno = err;
    return ok;
}

bool outfile_write_from(FILE *in, const char *final_path)
{
    outfile f;
    if (!outfile_open(&f, final_path, true)) {
        int saved = errno;
        fclose(in);
        errno = saved;
        return false;
    }
    char buf[1 << 16];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, f.fp) == n;
    ok = ok && !ferror(in);
    fclose(in);
    if (!ok) {
        outfile_abort(&f);
        errno = EIO;
        return false;
    }
    return outfile_commit(&f);
}
