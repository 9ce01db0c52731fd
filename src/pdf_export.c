/* The signed documents printed to PDF through LibreOffice (pdf_export.h). */
#include "pdf_export.h"
#include "outfile.h"
#include "print_copy.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* LibreOffice's program names, in the order they are looked for. */
static const char *const soffice_names[] = {"soffice", "libreoffice"};

char *pdf_export_find_soffice(void)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        return NULL;
    for (size_t k = 0; k < sizeof soffice_names / sizeof *soffice_names; k++) {
        const char *p = path;
        while (*p) {
            size_t len = strcspn(p, ":");
            char *cand = xasprintf("%.*s/%s", (int)(len ? len : 1),
                                   len ? p : ".", soffice_names[k]);
            if (access(cand, X_OK) == 0)
                return cand;
            free(cand);
            p += len + (p[len] == ':');
        }
    }
    return NULL;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* The file-name ending of each document's PDF. */
static const char *const document_suffix[PDF_N_DOCUMENTS] = {
    [PDF_NOT_PRINTED] = "", [PDF_O42] = "-O42", [PDF_O43] = "-O43",
    [PDF_CITY_SUMMARY] = "-summary", [PDF_CITY_PROGRESS] = "-progress",
};

char *pdf_export_file_name(const char *book, pdf_document document)
{
    size_t len = strlen(book);
    static const char ext[] = ".xlsx";
    if (len >= sizeof ext - 1 && strcmp(book + len - (sizeof ext - 1), ext) == 0)
        len -= sizeof ext - 1;
    return xasprintf("%.*s%s.pdf", (int)len, book, document_suffix[document]);
}

/* The base name of path, without its extension: a new string. */
static char *stem_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t len = dot ? (size_t)(dot - base) : strlen(base);
    return xasprintf("%.*s", (int)len, base);
}

/* Runs LibreOffice on the print copies, converting into out (inside tmp, which
 * also holds its profile, HOME and TMPDIR); true when it exited 0. */
static bool run_soffice(const char *soffice, const char *tmp, const char *out,
                        const char **books, size_t n, FILE *err)
{
    char *profile = xasprintf("-env:UserInstallation=file://%s/profile", tmp);
    const char **argv = xmalloc((n + 8) * sizeof *argv);
    size_t a = 0;
    argv[a++] = soffice;
    argv[a++] = profile;
    argv[a++] = "--headless";
    argv[a++] = "--norestore";
    argv[a++] = "--convert-to";
    argv[a++] = "pdf";
    argv[a++] = "--outdir";
    argv[a++] = out;
    argv[a] = NULL;
    argv = xrealloc(argv, (a + n + 1) * sizeof *argv);
    for (size_t i = 0; i < n; i++)
        argv[a++] = books[i];
    argv[a] = NULL;
    fflush(NULL);
    /* a signal to itabench reaches LibreOffice too (outfile.h), so that
     * it does not outlive the run: tracked before any signal can come */
    sigset_t saved;
    outfile_block_signals(true, &saved);
    pid_t pid = fork();
    if (pid == 0) {
        outfile_forget_parent();
        outfile_block_signals(false, &saved);
        /* everything LibreOffice and its fonts cache write stays in tmp;
         * its chatter is not ours to show */
        setenv("HOME", tmp, 1);
        setenv("TMPDIR", tmp, 1);
        if (!freopen("/dev/null", "w", stdout) ||
            !freopen("/dev/null", "w", stderr))
            _exit(127);
        execv(soffice, (char *const *)argv);
        _exit(127);
    }
    int fork_errno = errno;
    bool tracked = pid > 0 && outfile_track_child(pid);
    outfile_block_signals(false, &saved);
    int status = 0;
    pid_t waited = -1;
    while (pid > 0 && (waited = waitpid(pid, &status, 0)) < 0 &&
           errno == EINTR)
        ;
    bool ok = pid > 0 && waited == pid && WIFEXITED(status) &&
              WEXITSTATUS(status) == 0;
    if (tracked)
        outfile_untrack_child(pid);
    if (pid < 0)
        fprintf(err, "itabench: --pdf: cannot start %s: %s\n", soffice,
                strerror(fork_errno));
    free(argv);
    free(profile);
    return ok;
}

/* Copies the file at from (in the temporary folder) to the output to,
 * through outfile.h; false after saying why. */
static bool land_pdf(const char *from, const char *to, FILE *err)
{
    FILE *in = fopen(from, "rb");
    if (!in) {
        fprintf(err, "itabench: --pdf: %s: LibreOffice made no PDF\n", to);
        return false;
    }
    if (!outfile_write_from(in, to)) {
        fprintf(err, "itabench: --pdf: cannot write %s: %s\n", to,
                outfile_strerror(errno));
        return false;
    }
    return true;
}

/* The temporary folders are named WORK_MARK<pid>-XXXXXX. */
#define WORK_MARK ".itabench-pdf-"

/* Removes the temporary folders in out (a real path) of runs that are no
 * longer alive (killed while LibreOffice printed). */
static void sweep_dead_folders(const char *out)
{
    DIR *dir = opendir(out);
    if (!dir)
        return;
    for (struct dirent *e; (e = readdir(dir));) {
        if (strncmp(e->d_name, WORK_MARK, strlen(WORK_MARK)) != 0)
            continue;
        char *end;
        long pid = strtol(e->d_name + strlen(WORK_MARK), &end, 10);
        if (pid <= 0 || *end != '-' || kill((pid_t)pid, 0) == 0 ||
            errno != ESRCH)
            continue;
        char *path = xasprintf("%s/%s", out, e->d_name);
        struct stat st;
        /* a folder, never a link: nftw does not follow the ones inside */
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        free(path);
    }
    closedir(dir);
}

/* The temporary folder's parts: LibreOffice's profile and home, the
 * print copies and the PDFs it makes. */
typedef struct {
    char *root, *copies, *made;
} work_folder;

static bool work_folder_make(work_folder *w, const char *out_dir, FILE *err)
{
    char abs_out[PATH_MAX];
    *w = (work_folder){0};
    if (!realpath(out_dir, abs_out)) {
        fprintf(err, "itabench: --pdf: %s: %s\n", out_dir, strerror(errno));
        return false;
    }
    sweep_dead_folders(abs_out);
    w->root = xasprintf("%s/" WORK_MARK "%ld-XXXXXX", abs_out, (long)getpid());
    if (!mkdtemp(w->root)) {
        fprintf(err, "itabench: --pdf: cannot make a folder in %s: %s\n",
                out_dir, strerror(errno));
        free(w->root);
        w->root = NULL;
        return false;
    }
    w->copies = xasprintf("%s/copies", w->root);
    w->made = xasprintf("%s/pdf", w->root);
    if (mkdir(w->copies, 0700) == 0 && mkdir(w->made, 0700) == 0)
        return true;
    fprintf(err, "itabench: --pdf: cannot make a folder in %s: %s\n",
            out_dir, strerror(errno));
    return false;
}

static void work_folder_remove(work_folder *w)
{
    if (w->root)
        nftw(w->root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(w->made);
    free(w->copies);
    free(w->root);
}

pdf_export_status pdf_export_documents(const char *out_dir, pdf_job *jobs,
                                       size_t n, FILE *err)
{
    for (size_t i = 0; i < n; i++)
        jobs[i].pdf = pdf_export_file_name(jobs[i].book, jobs[i].document);
    char *soffice = pdf_export_find_soffice();
    if (!soffice) {
        fprintf(err, "itabench: --pdf: LibreOffice (soffice) is not "
                     "installed: the workbooks are written, no PDF is made "
                     "(install LibreOffice Calc, e.g. apt-get install "
                     "libreoffice-calc)\n");
        return PDF_EXPORT_NO_SOFFICE;
    }
    work_folder w;
    bool ok = work_folder_make(&w, out_dir, err);
    /* the copies are numbered: two documents never share a name there */
    char **copies = xcalloc(n ? n : 1, sizeof *copies);
    const char **made = xcalloc(n ? n : 1, sizeof *made);
    size_t n_made = 0;
    for (size_t i = 0; i < n && ok; i++) {
        char *stem = stem_of(jobs[i].pdf);
        char *copy = xasprintf("%s/%zu-%s.xlsx", w.copies, i, stem);
        free(stem);
        if (print_copy_write(jobs[i].book, copy, jobs[i].sheets,
                             jobs[i].n_sheets, err))
            made[n_made++] = copies[i] = copy;
        else
            free(copy);
    }
    ok = ok && n_made == n;
    if (n_made && !run_soffice(soffice, w.root, w.made, made, n_made, err))
        ok = false;
    for (size_t i = 0; i < n; i++) {
        if (!copies[i])
            continue;
        char *stem = stem_of(copies[i]);
        char *pdf = xasprintf("%s/%s.pdf", w.made, stem);
        jobs[i].landed = land_pdf(pdf, jobs[i].pdf, err);
        ok &= jobs[i].landed;
        free(pdf);
        free(stem);
        free(copies[i]);
    }
    free(made);
    free(copies);
    work_folder_remove(&w);
    free(soffice);
    return ok ? PDF_EXPORT_DONE : PDF_EXPORT_FAILED;
}

void pdf_job_free(pdf_job *job)
{
    free(job->pdf);
    job->pdf = NULL;
}
