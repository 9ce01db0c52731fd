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

/* "file:line: " or, for a worksheet cell, "book.xlsx:Sheet!C12: ". */
static void print_one(FILE *out, diag_severity severity, const char *file,
                      unsigned long line, unsigned column, const char *message)
{
    char letters[4];
    if (file && line && column)
        fprintf(out, "%s!%s%lu: ", file, diag_column_letters(column, letters),
                line);
    else if (file && line)
        fprintf(out, "%s:%lu: ", file, line);
    else if (file)
        fprintf(out, "%s: ", file);
    fprintf(out, "%s: %s\n", diag_severity_name(severity), message);
}

/* An error past DIAG_KEEP: written out now, never dropped. */
static void spill_error(diag_list *list, const char *file, unsigned long line,
                        unsigned column, const char *message)
{
    if (!list->spill && !list->n_spilled)
        list->spill = tmpfile();
    print_one(list->spill ? list->spill : stderr, DIAG_ERROR, file, line,
              column, message);
    list->n_spilled++;
}

/* Adds a finding whose strings are copied, except message, which the list
 * takes over. */
static void add_taken(diag_list *list, const diag *d, char *message)
{
    list->n_by_severity[d->severity]++;
    if (list->n >= DIAG_KEEP && d->severity != DIAG_ERROR) {
        list->dropped++;
        free(message);
        return;
    }
    if (list->n >= DIAG_KEEP) {
        spill_error(list, d->file, d->line, d->column, message);
        free(message);
        return;
    }
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 64;
        list->items = xrealloc(list->items, list->cap * sizeof *list->items);
    }
    list->items[list->n++] = (diag){
        .severity = d->severity,
        .office_code = d->office_code ? xstrdup(d->office_code) : NULL,
        .file = d->file ? xstrdup(d->file) : NULL,
        .line = d->line,
        .column = d->column,
        .check = xstrdup(d->check ? d->check : ""),
        .message = message,
    };
}

void diag_copy(diag_list *to, const diag_list *from, diag_severity max)
{
    for (size_t i = 0; i < from->n; i++) {
        diag d = from->items[i];
        if (d.severity > max)
            d.severity = max;
        add_taken(to, &d, xstrdup(d.message));
    }
}

void diag_add(diag_list *list, diag_severity severity, const char *file,
              unsigned long line, const char *office_code, const char *check,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = xvasprintf(fmt, ap);
    va_end(ap);
    diag d = {severity, (char *)office_code, (char *)file, line, 0,
              (char *)check, NULL};
    add_taken(list, &d, message);
}

void diag_add_cell(diag_list *list, diag_severity severity,
                   const diag_cell *cell, const char *check, const char *fmt,
                   ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = xvasprintf(fmt, ap);
    va_end(ap);
    diag d = {severity, (char *)cell->office_code, (char *)cell->file,
              cell->line, cell->column, (char *)check, NULL};
    add_taken(list, &d, message);
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
        print_one(out, d->severity, d->file, d->line, d->column, d->message);
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

char *diag_column_letters(unsigned column, char buf[static 4])
{
    char tmp[3];
    size_t n = 0;
    for (; column > 0 && n < 3; column = (column - 1) / 26)
        tmp[n++] = (char)('A' + (column - 1) % 26);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}
