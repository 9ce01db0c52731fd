/*
 * csvout: writes CSV rows with libcsv's quoting, made safe to open in
 * Excel: a text field that starts with =, +, -, @, a tab or a carriage
 * return, or their full-width forms, possibly after spaces (and is not a
 * plain number such as -5 or 1.5e3) gets a leading apostrophe so that no
 * spreadsheet runs it as a formula.
 */
#ifndef ITABENCH_CSVOUT_H
#define ITABENCH_CSVOUT_H

#include <stdbool.h>
#include <stdio.h>

/* Writes one field; first says whether it starts the row. */
void csvout_field(FILE *out, const char *text, bool first);

/* Writes a number with 2 decimals, or an empty field when it is NAN. */
void csvout_score(FILE *out, double value);

/* Writes a whole number, or an empty field when it is NAN. */
void csvout_count(FILE *out, double value);

/* Ends the row with CRLF, as RFC 4180 and Excel expect. */
void csvout_end(FILE *out);

#endif
