#include "diag.h"
#include "text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(diag_list *list) { memset(list, 0, sizeof *list); }

void diag_free(diag_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->items[i].office_code);
        free(list->items[i].file);
        free(list->items[i].check);
        free(list->items[i].message);
    }
    free(list->items);
    if (list->spill)
        fclose(list->spill);
    diag_init(list);
}

static void print_one(FILE *out, diag_severity severity, const char *file,
                      unsigned long line, const char *message)
{
    if (file && line)
        fprintf(out, "%s:%lu: ", file, line);
    else if (file)
        fprintf(out, "%s: ", file);
    fprintf(out, "%s: %s\n", diag_severity_name(severity), message);
}

/* An error past DIAG_KEEP: written out now, never dropped. */
static void spill_error(diag_list *list, const char *file, unsigned long line,
                        const char *message)
{
    if (!list->spill && !list->n_spilled)
        list->spill = tmpfile();
    print_one(list->spill ? list->spill : stderr, DIAG_ERROR, file, line,
              message);
    list->n_spilled++;
}

void diag_add(diag_list *list, diag_severity severity, const char *file,
              unsigned long line, const char *office_code, const char *check,
              const char *fmt, ...)
{
    list->n_by_severity[severity]++;
    if (list->n >= DIAG_KEEP && severity != DIAG_ERROR) {
        list->dropped++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *message = xvasprintf(fmt, ap);
    va_end(ap);
    if (list->n >= DIAG_KEEP) {
        spill_error(list, file, line, message);
        free(message);
        return;
    }
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 64;
        list->items = xrealloc(list->items, list->cap * sizeof *list->items);
    }
    list->items[list->n++] = (diag){
        .severity = severity,
        .office_code = office_code ? xstrdup(office_code) : NULL,
        .file = file ? xstrdup(file) : NULL,
        .line = line,
        .check = xstrdup(check ? check : ""),
        .message = message,
    };
}

size_t diag_count(const diag_list *list, diag_severity severity)
{
    return list->n_by_severity[severity];
}

void diag_promote_warnings(diag_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        if (list->items[i].severity == DIAG_WARNING)
            list->items[i].severity = DIAG_ERROR;
    list->n_by_severity[DIAG_ERROR] += list->n_by_severity[DIAG_WARNING];
    list->n_by_severity[DIAG_WARNING] = 0;
}

const char *diag_severity_name(diag_severity severity)
{
    static const char *const names[] = {"note", "warning", "error"};
    return names[severity];
}

/* Copies the spilled errors to out. */
static void print_spilled(const diag_list *list, FILE *out)
{
    if (!list->spill)
        return;
    fflush(list->spill);
    rewind(list->spill);
    char buf[8192];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, list->spill)) > 0)
        fwrite(buf, 1, got, out);
    fseek(list->spill, 0, SEEK_END);
}

void diag_print(const diag_list *list, FILE *out, diag_severity min_severity,
                size_t max_lines)
{
    size_t printed = 0, skipped = 0;
    for (size_t i = 0; i < list->n; i++) {
        const diag *d = &list->items[i];
        if (d->severity < min_severity)
            continue;
        if (d->severity != DIAG_ERROR && printed >= max_lines) {
            skipped++;
            continue;
        }
        print_one(out, d->severity, d->file, d->line, d->message);
        printed += d->severity != DIAG_ERROR;
    }
    print_spilled(list, out);
    if (!list->spill && list->n_spilled)
        fprintf(out, "(%zu more errors were printed above, as they were "
                     "found)\n", list->n_spilled);
    /* dropped findings were warnings or notes when dropped; --strict may
     * have made those warnings errors since: say so, they cannot be shown */
    size_t kept_errors = 0;
    for (size_t i = 0; i < list->n; i++)
        kept_errors += list->items[i].severity == DIAG_ERROR;
    size_t unshown = list->n_by_severity[DIAG_ERROR] - kept_errors -
                     list->n_spilled;
    if (unshown)
        fprintf(out, "... and %zu more errors: warnings past the %d findings "
                     "kept, counted only, made errors by --strict\n",
                unshown, DIAG_KEEP);
    size_t unseen = skipped + (min_severity < DIAG_ERROR ? list->dropped : 0);
    if (unseen)
        fprintf(out, "... and %zu more warnings or notes not shown\n", unseen);
}
