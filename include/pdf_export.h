/*
 * pdf_export: the signed documents printed to PDF (--pdf), ready to
 * publish on a district's website, through LibreOffice (soffice) when it
 * is installed.
 *
 * A document is some sheets of a workbook, printed as their print setup
 * says and nothing else: per office the analysis and the action plan
 * (item O42 of the assessment) and the report on carrying the plan out
 * (O43); for the city its Summary and, when plans came back, its Plan
 * progress (the city's O43).  The writers' sheet tables say which
 * sheet belongs to which document (office_book.h, city_book.h).  Each
 * document is a PDF beside its workbook, named by the workbook and the
 * document (pdf_export_file_name):
 *   offices/ita_2564_1015_thon-buri.xlsx -> offices/ita_2564_1015_thon-buri-O42.pdf
 *                                           offices/ita_2564_1015_thon-buri-O43.pdf
 *   ita_2564_city.xlsx                   -> ita_2564_city-summary.pdf
 *                                           ita_2564_city-progress.pdf
 *
 * Nothing is written outside the output folder: a temporary folder made
 * inside it holds LibreOffice's profile, HOME and TMPDIR, a print copy of
 * each document's workbook (print_copy.h: the document's sheets shown,
 * every other sheet hidden) and LibreOffice's PDFs; each PDF is then
 * written to its name through outfile.h (atomically, never through a
 * link, never over an input file) and the temporary folder removed.  The
 * workbooks themselves are never touched.  A signal to itabench reaches
 * LibreOffice (outfile_track_child); the temporary folder of a run killed
 * meanwhile (".itabench-pdf-<pid>-XXXXXX", its process gone) is removed
 * by the next --pdf run into that folder.
 *
 * What the caller does around it (print_pdfs in main_itabench.c): a PDF
 * there that was changed since itabench printed it (signed) is kept as
 * its dated backup first (output_keep.h), and each PDF that landed is
 * listed in the output folder's manifest (manifest.h).
 */
#ifndef ITABENCH_PDF_EXPORT_H
#define ITABENCH_PDF_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The documents a sheet may belong to; PDF_NOT_PRINTED: none. */
typedef enum {
    PDF_NOT_PRINTED,
    PDF_O42,            /* an office's analysis and action plan */
    PDF_O43,            /* an office's report on carrying the plan out */
    PDF_CITY_SUMMARY,   /* the city's summary */
    PDF_CITY_PROGRESS,  /* the city's report on carrying the plans out
                           (its Plan progress sheet: plans came back) */
    PDF_N_DOCUMENTS
} pdf_document;

/* Where a sheet is printed: in which document, and its place there
 * (documents print their sheets by ascending page_order). */
typedef struct {
    pdf_document document;
    int page_order;
} pdf_place;

/* At most this many sheets in one document. */
#define PDF_MAX_SHEETS 8

typedef enum {
    PDF_EXPORT_DONE,        /* every document has its PDF */
    PDF_EXPORT_NO_SOFFICE,  /* LibreOffice is not installed: nothing made */
    PDF_EXPORT_FAILED       /* some were not made (named on err) */
} pdf_export_status;

/* One document to print; sheets and book are borrowed. */
typedef struct {
    const char *book;                    /* the workbook, in the output folder */
    pdf_document document;
    const char *sheets[PDF_MAX_SHEETS];  /* their names, in print order */
    size_t n_sheets;
    /* filled by pdf_export_documents */
    char *pdf;                           /* the PDF's path; owned */
    bool landed;                         /* written under that path */
} pdf_job;

/* The PDF file name of a document of the workbook named book (a path or a
 * name): book without ".xlsx", then "-O42", "-O43", "-summary" or
 * "-progress", then
 * ".pdf", in book's folder.  A new string. */
char *pdf_export_file_name(const char *book, pdf_document document);

/* The LibreOffice program found on PATH (soffice, else libreoffice), as a
 * new string, or NULL when neither is installed. */
char *pdf_export_find_soffice(void);

/* Prints the n documents (their workbooks inside out_dir, which
 * outfile_root has opened) to PDF as above, in one LibreOffice run,
 * setting each job's pdf and landed; says on err what could not be made
 * and why ("itabench: --pdf: ...").  Free the jobs with pdf_job_free. */
pdf_export_status pdf_export_documents(const char *out_dir, pdf_job *jobs,
                                       size_t n, FILE *err);

void pdf_job_free(pdf_job *job);

#endif
