/*
 * cli: the command line of itabench (see the README and --help): options
 * into an options struct, and where the shipped reference data is.
 */
#ifndef ITABENCH_CLI_H
#define ITABENCH_CLI_H

#include "lang.h"

#include <stdbool.h>
#include <stddef.h>

/* The program's version (--version, the Method sheet, the workbooks'
 * properties) is set in one place, the Makefile's VERSION, which passes
 * it as -DITABENCH_VERSION="...". */
#ifndef ITABENCH_VERSION
#error "ITABENCH_VERSION is passed by the Makefile (-DITABENCH_VERSION=\"x.y.z\")"
#endif

/* The most worker processes -j may ask for. */
#define CLI_MAX_JOBS 256

typedef enum { CLI_RUN, CLI_EXIT_OK, CLI_EXIT_USAGE } cli_status;

typedef struct {
    char **inputs;          /* borrowed from argv */
    size_t n_inputs;
    const char *out_dir;
    int year;               /* B.E.; 0 = latest in the input */
    double target;          /* NAN = the model's */
    char *model_path;       /* owned; NULL = each year's shipped model */
    const char *check_model; /* --check-model FILE: describe it, no run */
    char *districts_path;   /* owned */
    char *measures_path;    /* owned */
    char *offices;          /* comma-separated codes, or NULL for all */
    bool no_office_books;
    bool no_city_book;
    bool single_workbook;
    bool protect;
    bool force;             /* --force: edited office workbooks are written
                               over, their edits not carried */
    report_lang lang;
    const char *font;
    bool thai_digits;       /* --thai-digits (Thai workbooks) */
    bool pdf;               /* --pdf: the signed documents printed to PDF */
    bool strict;
    bool skip_incomplete;   /* offices lacking items are left out, not errors */
    const char *encoding;   /* --encoding: iconv name of the input files;
                               NULL = detect each file's */
    int verbosity;          /* -1 quiet, 0 normal, 1 verbose */
    unsigned long seed;     /* --seed: of the rank-interval replicates */
    size_t replicates;      /* --replicates; 0 = the default for the size */
    double item_correlation; /* --item-correlation: rho, 0..1 */
    int jobs;               /* -j: office workbook processes; 0 = the
                               number of online CPUs */
    /* --as-of: the date returned plans are judged at (overdue rows), C.E.;
     * as_of_year 0 = today */
    int as_of_year, as_of_month, as_of_day;
} cli_options;

/* Parses argv.  CLI_EXIT_OK after --help/--version (already printed),
 * CLI_EXIT_USAGE after a usage error (already printed to stderr). */
cli_status cli_parse(int argc, char **argv, cli_options *opt);

void cli_free(cli_options *opt);

/* Returns a new path to the shipped reference file name: beside the
 * executable's repository (inputs/reference one or two folders up) or its installation
 * (../share/itabench/reference), else under ITABENCH_DATADIR. */
char *cli_reference_path(const char *name);

#endif
