/*
 * returned: reads back an action plan that itabench wrote into an office
 * workbook and an office edited and sent back (statuses, owners, due dates,
 * measures, target scores).  Data only: what the workbook says, as text and
 * numbers; which office and year it is checked against the input, and the
 * progress counted, by progress.h.
 *
 * The plan sheet ("แผนปฏิบัติการ" / "Action plan") is found by name, its
 * table by the names of its header cells (Thai or English), so columns and
 * rows may be moved or added.  A plan row is a row below the header whose
 * Item cell and at least one other cell read back are filled (a group row,
 * merged across, fills the Item cell alone; the sign-off lines leave it
 * empty).  What the plan was drawn from is in a hidden cell,
 * RETURNED_MARKER followed by " year=<B.E.> office=<code>" and, since
 * workbooks are rewritten keeping their edits, " target=<target>" (the
 * target the plan was drafted for).  The budget column is read when it is
 * there.
 */
#ifndef ITABENCH_RETURNED_H
#define ITABENCH_RETURNED_H

#include "diag.h"
#include "plans.h"

#include <stdbool.h>
#include <stddef.h>

#define RETURNED_MARKER PLANS_RETURN_MARKER

/* An open workbook (xlsxread.h), by its tag: the writers' xlsx_book is
 * another type. */
struct xlsx_book;

typedef enum {
    RETURNED_NOT_STARTED,
    RETURNED_IN_PROGRESS,
    RETURNED_DONE,
    RETURNED_N_STATUS
} returned_status;

/* The status dropdown's choices in a language, indexed by
 * returned_status and ended by NULL (as a list validation takes them):
 * what the plan sheet offers and what reading it back accepts.  Static. */
const char *const *returned_status_choices(report_lang lang);

typedef struct returned_row_s {
    char *item;              /* the Item cell as written */
    returned_status status;  /* a status not among the choices: not started
                                (with a warning) */
    char *owner;             /* "" when none */
    bool has_due;            /* a date was read */
    plan_date due;
    char *measure;           /* the measures text, "" when none */
    char *budget;            /* the budget cell as text, "" when none */
    double planned;          /* the target score typed in; NAN when none */
    unsigned line;           /* row of the sheet */
} returned_row;

typedef struct {
    char *file;              /* the workbook as named in messages */
    int year;                /* B.E., from the marker */
    double target;           /* drafted for, from the marker; NAN when the
                                marker does not say */
    char *office_code;       /* from the marker */
    returned_row *rows;
    size_t n_rows;
} returned_plan;

typedef struct returned_set {
    returned_plan *plans;    /* in reading order */
    size_t n;
} returned_set;

/* True when the workbook is an office workbook: written by itabench (its
 * creator) with a sheet named as the office workbook's Profile sheet. */
bool returned_is_office_book(const struct xlsx_book *book);

/* Reads the plan of an office workbook (returned_is_office_book) into a new
 * entry of set.  Problems (no plan sheet, no marker, no header, a status
 * or due date not understood) go to diags with file and row; returns false
 * when no plan could be read (an error was added). */
bool returned_read(returned_set *set, struct xlsx_book *book, const char *shown,
                   diag_list *diags);

/* Points each row of plan (rows[n]) at the row of old with the same item
 * (plan_row.carried), so that a rewritten workbook keeps the edits of the
 * one it replaces; rows of old whose item is no longer in the plan are not
 * carried. */
void returned_carry(plan_row *rows, size_t n, const model *m,
                    const returned_plan *old);

/* The edits of old to keep in a new plan of the same office and results
 * year (plans_compute_office_edited): one per item of the model that old
 * has a row of (the first row of an item counts), with the target score
 * typed in when it differs from the one the plan was drafted with (the
 * goal plans.h gives at old->target; with no target in the marker, every
 * target score typed in counts), else NAN.  s: the office's scores that
 * year.  Returns the number of edits; *out (free it) receives them. */
size_t returned_edits(const returned_plan *old, const model *m,
                      const office_score *s, plan_edit **out);

/* Whether a measures text read back is the default def: def alone, or
 * after a line of its own (the plan sheet puts the item to publish
 * first); spaces and line breaks at the end of def do not count. */
bool returned_measure_is_default(const char *text, const char *def);

/* Whether the row read back (old) says anything its new row would not
 * say by default: a status other than not started, an owner, a budget, a
 * due date other than the row's, or measures other than the row's. */
bool returned_row_edited(const returned_row *old, const plan_row *row);

/* Frees every plan; the set itself is left empty. */
void returned_free(returned_set *set);

#endif
