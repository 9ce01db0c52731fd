#include "outfile.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temporaries are hidden and carry this marker so that outfile_sweep finds
 * only its own. */
#define TEMP_MARK ".itabench-tmp-"

bool outfile_open(outfile *f, const char *final_path, bool want_stream)
{
    *f = (outfile){.final_path = xstrdup(final_path)};
    const char *slash = strrchr(final_path, '/');
    size_t dir_len = slash ? (size_t)(slash - final_path + 1) : 0;
    f->temp_path = xasprintf("%.*s" TEMP_MARK "%s-XXXXXX", (int)dir_len,
                             final_path, final_path + dir_len);
    int fd = mkstemp(f->temp_path);
    if (fd < 0) {
        int saved = errno;
        free(f->temp_path);
        free(f->final_path);
        *f = (outfile){0};
        errno = saved;
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

bool outfile_commit(outfile *f)
{
    bool ok = true;
    if (f->fp) {
        ok = fflush(f->fp) == 0 && !ferror(f->fp);
        ok = (fclose(f->fp) == 0) && ok;
        f->fp = NULL;
    }
    int saved = 0;
    if (ok && rename(f->temp_path, f->final_path) != 0)
        ok = false;
    if (!ok) {
        saved = errno;
        unlink(f->temp_path);
    }
    free(f->temp_path);
    free(f->final_path);
    *f = (outfile){0};
    if (!ok)
        errno = saved;
    return ok;
}

void outfile_abort(outfile *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->temp_path)
        unlink(f->temp_path);
    free(f->temp_path);
    free(f->final_path);
    *f = (outfile){0};
}

void outfile_sweep(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, TEMP_MARK, strlen(TEMP_MARK)) != 0)
            continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        unlink(path);
        free(path);
    }
    closedir(d);
}

bool outfile_mkdirs(const char *dir)
{
    char *path = xstrdup(dir);
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
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
