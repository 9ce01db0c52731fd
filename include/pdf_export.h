/*
 * pdf_export: the signed documents printed to PDF (--pdf), ready to
 * publish on a district's website, through LibreOffice (soffice) when it
 * is installed.
 *
 * Each workbook is printed whole, as its print setup says, to a PDF of
 * the same name beside it (ita_2564_1015_thon_buri.xlsx ->
 * ita_2564_1015_thon_buri.pdf).  Nothing is written outside the output
 * folder: LibreOffice runs with its own profile, HOME and TMPDIR in a
 * temporary folder made inside the output folder and removed afterwards,
 * and converts into a folder of that temporary folder; each PDF is then
 * renamed into place, so that no half-written PDF is ever left.
 */
#ifndef ITABENCH_PDF_EXPORT_H
#define ITABENCH_PDF_EXPORT_H

#include <stddef.h>
#include <stdio.h>

typedef enum {
    PDF_EXPORT_DONE,        /* every workbook has its PDF */
    PDF_EXPORT_NO_SOFFICE,  /* LibreOffice is not installed: nothing made */
    PDF_EXPORT_FAILED       /* LibreOffice failed on some (named on err) */
} pdf_export_status;

/* The LibreOffice program found on PATH (soffice, else libreoffice), as a
 * new string, or NULL when neither is installed. */
char *pdf_export_find_soffice(void);

/* Prints the n workbooks (paths inside out_dir) to PDF as above, saying
 * on err what could not be made and why ("itabench: --pdf: ...").
 * Returns how it went; the workbooks themselves are never touched. */
pdf_export_status pdf_export_books(const char *out_dir,
                                   const char *const *books, size_t n,
                                   FILE *err);

#endif
