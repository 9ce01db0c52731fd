/*
 * print_copy: a copy of a workbook that prints only some of its sheets.
 *
 * LibreOffice prints every visible sheet of a workbook, in tab order, and
 * no hidden one.  The copy is the workbook's every part, unchanged, but
 * for its sheet list (xl/workbook.xml): the sheets named come first, in
 * the order named, visible; every other sheet follows, hidden, in its
 * own order.  Sheet-scoped names (print areas, print titles) follow their
 * sheets; formulas and charts name sheets, not positions, so they read
 * the same cells as in the workbook.  The first sheet named is the active
 * one.  The workbook is read with minizip and its sheet list with expat.
 */
#ifndef ITABENCH_PRINT_COPY_H
#define ITABENCH_PRINT_COPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Writes the copy of the workbook at book to copy (a new file, in a folder
 * the caller made for it), showing the n sheets named in sheets (n >= 1).
 * Returns false after printing "itabench: --pdf: <book>: <why>" to err:
 * the workbook cannot be read, a sheet named is not in it, or the copy
 * cannot be written (a partial copy may be left at copy: the caller's
 * folder is temporary). */
bool print_copy_write(const char *book, const char *copy,
                      const char *const *sheets, size_t n, FILE *err);

#endif
