/*
 * csvread: streams the records of one CSV file to a callback, with the line
 * number each record starts on.  Parsing is libcsv's; this module adds what
 * files from spreadsheets need: a UTF-8 byte order mark, CRLF, blank lines,
 * the separator (comma, semicolon or tab) detected from the header line, and
 * a UTF-8 check of every line.
 *
 * Problems with the file itself (cannot open, invalid UTF-8, unterminated
 * quote) are added to the diag list with file and line; the callback sees
 * only well-formed records.
 */
#ifndef ITABENCH_CSVREAD_H
#define ITABENCH_CSVREAD_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *file;     /* as given to csvread_file */
    unsigned long line;   /* line the record starts on, 1-based */
    size_t n_fields;
    char **fields;        /* NUL-terminated, raw (not trimmed); owned by csvread */
    char separator;       /* the separator detected for this file */
} csv_record;

/* Called once per record, header included.  Returning false stops reading
 * (without an error). */
typedef bool (*csv_record_fn)(const csv_record *record, void *ctx);

/* Reads path and calls on_record for each record.  Returns true when the
 * whole file was read without a file-level error; errors go to diags. */
bool csvread_file(const char *path, csv_record_fn on_record, void *ctx,
                  diag_list *diags);

/* The separator most frequent outside quotes in a header line: ',' ';' or
 * '\t' (',' when there is none). */
char csvread_detect_separator(const char *line, size_t len);



/* Index of the header field named name (compared cleaned and
 * case-insensitively), or -1. */
int csvread_column(const csv_record *header, const char *name);

/* Field i of a record, or "" when the record is shorter (ragged rows). */
const char *csvread_field(const csv_record *record, int i);
#endif
