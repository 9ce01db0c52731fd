/*
 * office_selection: the offices --office names (cli_options.offices), read
 * against the list of districts once it is loaded.  Part of the program
 * layer, next to the command line: problems are usage errors printed as
 * "itabench: --office ...", and the writers get plain registry indices.
 */
#ifndef ITABENCH_OFFICE_SELECTION_H
#define ITABENCH_OFFICE_SELECTION_H

#include "registry.h"
#include "report.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The offices --office names, as registry indices. */
typedef struct {
    int *offices;       /* owned; NULL when every office is meant */
    size_t n;
} office_selection;

/* Parses a comma-separated list of office codes or names (NULL or "" =
 * every office) against the registry.  Duplicates are kept once.  Returns
 * false after printing "itabench: --office ...: ..." to err for a name
 * that is not in the registry (a usage error).  Free with
 * office_selection_free. */
bool office_selection_parse(const registry *r, const char *list,
                            office_selection *sel, FILE *err);

/* Checks that every selected office has scores in the report's year;
 * prints the first that has not to err and returns false. */
bool office_selection_check(const office_selection *sel, const report *rep,
                            FILE *err);

/* Frees the list; sel is empty (every office) afterwards. */
void office_selection_free(office_selection *sel);

#endif
