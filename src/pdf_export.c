/* The signed documents printed to PDF through LibreOffice (pdf_export.h). */
#include "pdf_export.h"
#include "text.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
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

/* The folder of path (a new string): "." when it names none. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? xasprintf("%.*s", (int)(slash - path + (slash == path)), path)
                 : xstrdup(".");
}

/* The PDF's file name of a workbook path: its base name, .pdf for
 * .xlsx.  A new string. */
static char *pdf_name(const char *book)
{
    const char *slash = strrchr(book, '/');
    const char *base = slash ? slash + 1 : book;
    const char *dot = strrchr(base, '.');
    size_t len = dot ? (size_t)(dot - base) : strlen(base);
    return xasprintf("%.*s.pdf", (int)len, base);
}

/* Runs LibreOffice on the books, converting into out (inside tmp, which
 * also holds its profile, HOME and TMPDIR); true when it exited 0. */
static bool run_soffice(const char *soffice, const char *tmp, const char *out,
                        const char *const *books, size_t n, FILE *err)
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
    pid_t pid = fork();
    if (pid == 0) {
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
    int status = 0;
    bool ok = pid > 0 && waitpid(pid, &status, 0) == pid &&
              WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (pid < 0)
        fprintf(err, "itabench: --pdf: cannot start %s: %s\n", soffice,
                strerror(errno));
    free(argv);
    free(profile);
    return ok;
}

pdf_export_status pdf_export_books(const char *out_dir,
                                   const char *const *books, size_t n,
                                   FILE *err)
{
    char *soffice = pdf_export_find_soffice();
    if (!soffice) {
        fprintf(err, "itabench: --pdf: LibreOffice (soffice) is not "
                     "installed: the workbooks are written, no PDF is made "
                     "(install LibreOffice Calc, e.g. apt-get install "
                     "libreoffice-calc)\n");
        return PDF_EXPORT_NO_SOFFICE;
    }
    char abs_out[PATH_MAX];
    if (!realpath(out_dir, abs_out)) {
        fprintf(err, "itabench: --pdf: %s: %s\n", out_dir, strerror(errno));
        free(soffice);
        return PDF_EXPORT_FAILED;
    }
    char *tmp = xasprintf("%s/.itabench-pdf-XXXXXX", abs_out);
    if (!mkdtemp(tmp)) {
        fprintf(err, "itabench: --pdf: cannot make a folder in %s: %s\n",
                out_dir, strerror(errno));
        free(tmp);
        free(soffice);
        return PDF_EXPORT_FAILED;
    }
    char *conv = xasprintf("%s/pdf", tmp);
    pdf_export_status result = PDF_EXPORT_DONE;
    if (mkdir(conv, 0700) != 0 || !run_soffice(soffice, tmp, conv, books, n, err))
        result = PDF_EXPORT_FAILED;
    /* every PDF made goes beside its workbook; a missing one is named */
    for (size_t i = 0; i < n; i++) {
        char *name = pdf_name(books[i]);
        char *made = xasprintf("%s/%s", conv, name);
        char *dir = folder_of(books[i]);
        char *final = xasprintf("%s/%s", dir, name);
        if (access(made, F_OK) != 0 || rename(made, final) != 0) {
            fprintf(err, "itabench: --pdf: %s: LibreOffice made no PDF\n",
                    books[i]);
            result = PDF_EXPORT_FAILED;
        }
        free(final);
        free(dir);
        free(made);
        free(name);
    }
    nftw(tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(conv);
    free(tmp);
    free(soffice);
    return result;
}
