/*
 * ingest_header: what a header row of an input file says.  A row is a
 * header only when every one of its columns is recognised (by a name in
 * English or Thai, case, spaces, '_', '-' and '.' ignored, or as an item id
 * of the model) and together they form exactly one kind of file; the kind
 * is decided by the whole set of columns, never by a subset.
 */
#ifndef ITABENCH_INGEST_HEADER_H
#define ITABENCH_INGEST_HEADER_H

#include "csvread.h"
#include "model.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    ROLE_NONE = -1,
    ROLE_YEAR, ROLE_OFFICE, ROLE_NAME, ROLE_ITEM, ROLE_SCORE, ROLE_TOOL,
    ROLE_N, ROLE_MEASURE, ROLE_VALUE, ROLE_LEVEL, ROLE_COUNT,
    ROLE_POPULATION, ROLE_SD, ROLE_RESPONDENT, ROLE_ANSWER,
    N_ROLES
} column_role;

typedef struct {
    const char *name;     /* for messages: "respondents" */
    const char *form;     /* the canonical header, for messages */
    unsigned roles;       /* bit set of the column_roles it has (the office
                             name is allowed in every kind besides these) */
    bool wide;            /* item ids as columns */
    unsigned optional;    /* roles it may have besides (population, sd) */
} file_kind;

/* Every kind, in a fixed order; ingest reads each with its own reader. */
extern const file_kind ingest_kinds[];
extern const size_t ingest_n_kinds;

#define INGEST_NAMED_COLUMN (-2)
/* An item id of another framework of the run than the one the header is
 * read with (dataset.frameworks): its slot is the row's year's. */
#define INGEST_OTHER_FRAMEWORK (-3)

typedef struct {
    size_t n;             /* columns, Excel's blank padding at the end cut */
    int col[N_ROLES];     /* column of each role, or -1 */
    unsigned roles;       /* bit set of the roles present */
    int *item_slot;       /* per column: the item slot of the model,
                             INGEST_NAMED_COLUMN for a known column name,
                             INGEST_OTHER_FRAMEWORK, or -1: unknown (or
                             blank) */
    size_t n_items;       /* item-id columns */
    size_t n_recognised;  /* columns with a known name or item id */
    size_t n_unknown;     /* columns neither */
    int first_unknown;    /* first such column, or -1 */
    int first_repeat;     /* first column repeating an earlier one, or -1 */
    int kind;             /* index into ingest_kinds, or -1: not a header */
    int nearest;          /* the kind the columns come closest to */
} header_info;

/* True when id is an item of one of the n_others frameworks. */
bool ingest_item_elsewhere(const model *const *others, size_t n_others,
                           const char *id);

/* Analyses record r as a header, item ids by model m, or by one of the
 * n_others other frameworks of the run (INGEST_OTHER_FRAMEWORK; others may
 * be NULL when n_others is 0).  h must be zeroed before the first use
 * (item_slot NULL); each call frees what the last left in h.  Free with
 * free(h->item_slot). */
void ingest_header_analyse(const model *m, const model *const *others,
                           size_t n_others, const csv_record *r,
                           header_info *h);

/* True when the analysed row looks like a header (two or more recognised
 * columns) even if it is not a valid one; other rows above the header are
 * titles or notes, skipped. */
bool ingest_header_like(const header_info *h);

/* True when two header rows have the same columns in the same order. */
bool ingest_header_same(const csv_record *a, const csv_record *b);

/* The role a header cell names, or ROLE_NONE (item ids are not roles). */
column_role ingest_role_of(const char *cell);

/* The canonical name of a role ("office_code"). */
const char *ingest_role_name(column_role role);

/* Writes a column's spreadsheet letters and number: "C (3)" for the
 * 0-based column 2. */
void ingest_column_label(size_t column, char out[24]);

/* A new string listing the first max_columns cells of r with their
 * letters: `A "year", B "office"`.  Caller frees. */
char *ingest_header_describe(const csv_record *r, size_t max_columns);

/* A kind of file that is not an input: an output of this program, or
 * reference data put among the inputs. */
typedef struct {
    const char *what;       /* "a results file written by itabench" */
    bool reference;         /* reference data (a warning), not an output */
    const char *cells[8];   /* its first columns, NULL-terminated */
} known_file;

/* The known non-input file whose first columns r's are, or NULL. */
const known_file *ingest_known_file(const csv_record *r);

#endif
