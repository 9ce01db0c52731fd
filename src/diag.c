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
    diag_init(list);
}

void diag_add(diag_list *list, diag_severity severity, const char *file,
              unsigned long line, const char *office_code, const char *check,
              const char *fmt, ...)
{
    list->n_by_severity[severity]++;
    if (list->n >= DIAG_KEEP) {
        list->dropped++;
        return;
    }
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 64;
        list->items = xrealloc(list->items, list->cap * sizeof *list->items);
    }
    va_list ap;
    va_start(ap, fmt);
    char *message = xvasprintf(fmt, ap);
    va_end(ap);
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

void diag_print(const diag_list *list, FILE *out, diag_severity min_severity,
                size_t max_lines)
{
    size_t printed = 0, skipped = 0;
    for (size_t i = 0; i < list->n; i++) {
        const diag *d = &list->items[i];
        if (d->severity < min_severity)
            continue;
        if (printed == max_lines) {
            skipped++;
            continue;
        }
        if (d->file && d->line)
            fprintf(out, "%s:%lu: ", d->file, d->line);
        else if (d->file)
            fprintf(out, "%s: ", d->file);
        fprintf(out, "%s: %s\n", diag_severity_name(d->severity), d->message);
        printed++;
    }
    if (skipped + list->dropped)
        fprintf(out, "... and %zu more findings not shown\n",
                skipped + list->dropped);
}
