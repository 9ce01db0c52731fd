/*
 * diag: the list of findings (errors, warnings, notes) collected while
 * reading and checking the input.
 *
 * Every finding carries the file and line it comes from so that users can
 * fix the input; all findings are collected, not only the first.  The list
 * keeps at most DIAG_KEEP findings in memory, so that a million bad rows
 * cannot exhaust memory: past it, warnings and notes are only counted, but
 * errors are never lost: they go, formatted as diag_print prints them, to
 * an anonymous temporary file (or straight to stderr when none can be
 * made) and diag_print shows them after the kept ones.
 */
#ifndef ITABENCH_DIAG_H
#define ITABENCH_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define DIAG_KEEP 20000

typedef enum { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct {
    diag_severity severity;
    char *office_code;   /* may be NULL */
    char *file;          /* may be NULL */
    unsigned long line;  /* 0 when not tied to a line */
    unsigned column;     /* 1-based column of a worksheet cell (file is then
                            "book.xlsx:Sheet"), 0 otherwise */
    char *check;         /* short machine-readable name, e.g. "score_range" */
    char *message;       /* one sentence, already names the offending value */
} diag;

typedef struct {
    diag *items;
    size_t n, cap;
    size_t n_by_severity[3];  /* counts all findings, kept or not */
    size_t dropped;           /* warnings and notes counted but not kept */
    FILE *spill;              /* errors past DIAG_KEEP, one line each */
    size_t n_spilled;         /* errors written to spill (or stderr) */
} diag_list;

/* Initialises an empty list. */
void diag_init(diag_list *list);

/* Frees every finding; the list is empty and reusable afterwards. */
void diag_free(diag_list *list);

/* Adds a finding; strings are copied.  printf-style message.  Out of memory
 * aborts the program (there is nothing sensible to do without memory).
 * Seven parameters and the message's arguments, over the 6 of issue 23:
 * a finding's place (file, line, office) is written out in each of the
 * some 130 calls of every reader, as printf's arguments are, rather than
 * built first; a cell's place, with a column too, is a diag_cell. */
void diag_add(diag_list *list, diag_severity severity, const char *file,
              unsigned long line, const char *office_code, const char *check,
              const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* A cell of a worksheet a finding is about (borrowed). */
typedef struct {
    const char *file;          /* "book.xlsx:Sheet" */
    unsigned long line;        /* the row, 1-based */
    unsigned column;           /* 1-based; 0: the row only */
    const char *office_code;   /* the office concerned, or NULL */
} diag_cell;

/* As diag_add, for a cell of a worksheet: printed as
 * "book.xlsx:Sheet!C12: severity: message" (file "book.xlsx:Sheet", line
 * 12, column 3). */
void diag_add_cell(diag_list *list, diag_severity severity,
                   const diag_cell *cell, const char *check, const char *fmt,
                   ...) __attribute__((format(printf, 5, 6)));

/* The spreadsheet letters of a 1-based column into buf: 1 -> "A",
 * 28 -> "AB", 16384 -> "XFD" (larger columns are cut to 3 letters).
 * Returns buf. */
char *diag_column_letters(unsigned column, char buf[static 4]);

/* Adds a copy of every finding kept in from to to, a severity above max
 * lowered to max (an error reading a file the run goes on without is a
 * warning of the run). */
void diag_copy(diag_list *to, const diag_list *from, diag_severity max);

/* Number of findings of one severity (kept or dropped). */
size_t diag_count(const diag_list *list, diag_severity severity);

/* Turns every warning into an error (for --strict); warnings past
 * DIAG_KEEP, only counted, are counted as errors. */
void diag_promote_warnings(diag_list *list);

/* Name of a severity as written in data_quality files: error, warning, note. */
const char *diag_severity_name(diag_severity severity);

/* Prints findings at or above min_severity as "file:line: severity: message"
 * ("book.xlsx:Sheet!C12: ..." for a worksheet cell): every error, kept or
 * spilled; warnings and notes up to max_lines of them, then a count of
 * those not shown. */
void diag_print(const diag_list *list, FILE *out, diag_severity min_severity,
                size_t max_lines);

#endif
