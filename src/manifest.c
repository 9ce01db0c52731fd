#include "manifest.h"
#include "outfile.h"
#include "text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *manifest_path(const char *out_dir)
{
    size_t len = strlen(out_dir);
    return xasprintf("%s%s" MANIFEST_NAME, out_dir,
                     len && out_dir[len - 1] == '/' ? "" : "/");
}

/* The first entry whose file is not before file (binary search). */
static size_t lower_bound(const manifest *m, const char *file)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(m->entries[mid].file, file) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const manifest_entry *manifest_find(const manifest *m, const char *file)
{
    size_t i = lower_bound(m, file);
    return i < m->n && strcmp(m->entries[i].file, file) == 0
               ? &m->entries[i]
               : NULL;
}

static bool is_digest(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!strchr("0123456789abcdef", s[n]))
            return false;
    return n == 64;
}

void manifest_set(manifest *m, const char *file, const char *sha256,
                  int year, const char *office, bool carried)
{
    size_t i = lower_bound(m, file);
    manifest_entry *e;
    if (i < m->n && strcmp(m->entries[i].file, file) == 0) {
        e = &m->entries[i];
        free(e->office);
    } else {
        m->entries = xrealloc(m->entries, (m->n + 1) * sizeof *m->entries);
        memmove(&m->entries[i + 1], &m->entries[i],
                (m->n - i) * sizeof *m->entries);
        m->n++;
        e = &m->entries[i];
        e->file = xstrdup(file);
    }
    snprintf(e->sha256, sizeof e->sha256, "%s", sha256);
    e->year = year;
    e->office = xstrdup(office);
    e->carried = carried;
}

/* The fields of a line. */
enum { F_SHA, F_YEAR, F_OFFICE, F_EDITS, F_FILE, N_FIELDS };

/* One line "<sha>\t<year>\t<office>\t<edits>\t<file>" into m; others
 * are ignored. */
static void read_line(manifest *m, char *line)
{
    line[strcspn(line, "\n")] = '\0';
    char *fields[N_FIELDS];
    for (int k = 0; k < N_FIELDS; k++) {
        fields[k] = line;
        char *tab = k < F_FILE ? strchr(line, '\t') : NULL;
        if (k < F_FILE && !tab)
            return;
        if (tab) {
            *tab = '\0';
            line = tab + 1;
        }
    }
    char *end;
    long year = strtol(fields[F_YEAR], &end, 10);
    if (!is_digest(fields[F_SHA]) || *end || end == fields[F_YEAR] ||
        !*fields[F_FILE])
        return;
    manifest_set(m, fields[F_FILE], fields[F_SHA], (int)year,
                 fields[F_OFFICE], strcmp(fields[F_EDITS], "carried") == 0);
}

void manifest_load(manifest *m, const char *out_dir)
{
    *m = (manifest){0};
    char *path = manifest_path(out_dir);
    /* a named pipe or link put there is not opened (outfile.h) */
    FILE *in = outfile_read_existing(path);
    free(path);
    if (!in)
        return;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, in) > 0)
        if (line[0] != '#')
            read_line(m, line);
    free(line);
    fclose(in);
}

bool manifest_write(const manifest *m, const char *out_dir)
{
    char *path = manifest_path(out_dir);
    /* the one name a run writes twice: after the workbooks land, and
     * again after the PDFs (--pdf) */
    outfile_release_name(path);
    outfile f;
    bool ok = outfile_open(&f, path, true);
    free(path);
    if (!ok)
        return false;
    size_t len = strlen(out_dir);
    const char *sep = len && out_dir[len - 1] == '/' ? "" : "/";
    fprintf(f.fp, "# itabench: the files it wrote here (SHA-256, results "
                  "year, office code or - for the whole city, carried edits "
                  "or new, file); a file whose SHA-256 differs was edited "
                  "since\n");
    for (size_t i = 0; i < m->n; i++) {
        const manifest_entry *e = &m->entries[i];
        char *file = xasprintf("%s%s%s", out_dir, sep, e->file);
        struct stat st;
        bool exists = stat(file, &st) == 0;
        free(file);
        if (exists)
            fprintf(f.fp, "%s\t%d\t%s\t%s\t%s\n", e->sha256, e->year,
                    e->office, e->carried ? "carried" : "new", e->file);
    }
    return outfile_commit(&f);
}

void manifest_free(manifest *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->entries[i].file);
        free(m->entries[i].office);
    }
    free(m->entries);
    *m = (manifest){0};
}
