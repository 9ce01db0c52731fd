/*
 * outfile: all-or-nothing output files.  Each output is written to a hidden
 * temporary file in the destination folder and renamed over the final name
 * only when complete, so a failure or a killed run never leaves a
 * half-written file under a real output name.
 *
 * Once outfile_root has opened the output folder, every path under it is
 * reached from that folder's descriptor one folder at a time, each opened
 * with O_NOFOLLOW: nothing is written outside the output folder or through
 * a link.  Temporaries are created with O_CREAT|O_EXCL|O_NOFOLLOW and
 * renamed with renameat; a final name that holds anything but a regular
 * file (a link, folder, named pipe, device or socket) is refused, never
 * opened, and so is a name this run has written already.
 *
 * Errors come back as false (or NULL) with errno set; outfile_strerror
 * turns errno into words, naming what was refused and why.
 *
 * Temporaries are named ".itabench-tmp-<pid>-<name>-XXXXXX": outfile_sweep
 * removes those of runs that are no longer alive, and the signal handlers of
 * outfile_install_signal_handlers remove those of this run when it is
 * interrupted.  Input files registered with outfile_protect are never
 * replaced.
 */
#ifndef ITABENCH_OUTFILE_H
#define ITABENCH_OUTFILE_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/* Temporaries of one process that the signal handlers remove: beyond
 * this many open at once, the others are left to the next run's sweep. */
#define OUTFILE_MAX_TRACKED 64

typedef struct {
    char *final_path;
    char *temp_path;     /* the temporary, for libraries that write by name */
    FILE *fp;            /* open for writing after outfile_open */
    /* private: the folder (kept open until commit or abort), the final
     * name in it (inside final_path) and the temporary's name in it */
    int dir_fd;
    const char *name;
    char *temp_name;
} outfile;

/* Opens the output folder `dir` once, making it and its parents when
 * missing; from then on every output under it is checked as above.  The
 * folder itself must not be a link.  False with errno set (outfile_strerror
 * says why: an empty name, a link, not a folder, no permission). */
bool outfile_root(const char *dir);

/* What outfile_open would refuse of final_path now, without creating
 * anything: an input file, a link or special file at the name or among
 * its folders, a name written already.  True when it may be written (a
 * folder still to be made counts as fine); false with errno set. */
bool outfile_check(const char *final_path);

/* Words for errno after an outfile function failed: the refusal's own
 * text (naming the path and what is there) or strerror's.  Static
 * storage, valid until the next refusal. */
const char *outfile_strerror(int err);

/* Opens an existing file of the output folder for reading (a manifest, an
 * earlier workbook), checking its type first without blocking (O_NONBLOCK,
 * O_NOFOLLOW): a link, named pipe, device or socket is not opened.  The
 * caller closes the stream; NULL with errno set otherwise. */
FILE *outfile_read_existing(const char *path);

/* Lets this run write final_path once more, which outfile_open refuses
 * otherwise (a name is written once per run): for the manifest alone
 * (manifest.h), rewritten as the run's outputs land, the PDFs after the
 * workbooks.  Nothing when the name was not written. */
void outfile_release_name(const char *final_path);

/* Creates the temporary file next to final_path.  With want_stream the file
 * is also opened as fp; without it, the (empty) file is left for another
 * library to write by name.  Returns false with errno set (EPERM when
 * final_path is a protected input file). */
bool outfile_open(outfile *f, const char *final_path, bool want_stream);

/* Flushes, syncs, closes and renames the temporary over the final name.
 * Returns false (and removes the temporary) when any step fails, with errno
 * set. */
bool outfile_commit(outfile *f);

/* Commits n temporaries written by name (fp NULL) at once: one syncfs of
 * their file system instead of an fsync each (thousands of fsyncs cost
 * more than writing the files), then renames each, in order, so that no
 * final name ever points at data not on disk.  At the first failure that
 * temporary and all later ones are removed (their final names untouched),
 * *failed receives its index and errno the reason, and false is returned;
 * the files before it are committed.  Every outfile is cleared. */
bool outfile_commit_batch(outfile *files, size_t n, size_t *failed);

/* Closes and removes the temporary; the final name is untouched. */
void outfile_abort(outfile *f);

/* Writes everything in (read to its end and closed here, in every case)
 * to final_path, atomically as outfile_open/outfile_commit: a backup of an
 * edited workbook, a PDF that LibreOffice made.  Returns false with errno
 * set (EIO for a read or write error); the final name is untouched then. */
bool outfile_write_from(FILE *in, const char *final_path);

/* Removes temporaries left in dir and its immediate subfolders by runs that
 * were killed (whose process no longer exists). */
void outfile_sweep(const char *dir);

/* Creates a folder and its parents (mode 0777 less umask); true if it
 * exists afterwards.  Under the output folder (outfile_root) no folder may
 * be a link.  False with errno set to why the folder could not be made. */
bool outfile_mkdirs(const char *dir);

/* Registers an input file (path copied) that no output may replace.  A path
 * that does not exist is ignored. */
void outfile_protect(const char *input_path);

/* The registered input path that `path` names (the same file, through any
 * link or spelling), or NULL. */
const char *outfile_protected(const char *path);

/* Installs handlers for SIGINT, SIGTERM and SIGHUP that forward the
 * signal to the worker processes tracked with outfile_track_child, remove
 * the temporaries this process has open, then die of the same signal. */
void outfile_install_signal_handlers(void);

/* Blocks (block true; saved receives the old mask) or restores (block
 * false) the signals the handlers catch: around fork and
 * outfile_track_child, so that no signal finds a worker untracked. */
void outfile_block_signals(bool block, sigset_t *saved);

/* Forwards the handled signals to a worker process (workers.h) until
 * outfile_untrack_child; false when too many are tracked already (up to
 * 256). */
bool outfile_track_child(pid_t pid);
void outfile_untrack_child(pid_t pid);

/* In a worker just forked: forgets the parent's temporaries and workers,
 * which are not the worker's to remove or signal. */
void outfile_forget_parent(void);

#endif
