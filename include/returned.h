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
 * target the plan was drafted for), then the language, the items written
 * and the rows whose lead is an alternative (lang=, items=, leads=).  The
 * budget column is read when it is there.  The Monitoring and Responsible
 * sections columns are found by their headers, or, a header renamed or
 * emptied, where itabench writes them (a warning says so).  The sign-off
 * under the plan is no plan row, even where plans written before put it
 * in a column read.
 */
#ifndef ITABENCH_RETURNED_H
#define ITABENCH_RETURNED_H

#include "diag.h"
#include "plans.h"
#include "xlsxread.h"

struct measures_library;

#include <stdbool.h>
#include <stddef.h>

#define RETURNED_MARKER PLANS_RETURN_MARKER

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

/* One row read back.  Every text is the cell as typed, whole (no length
 * limit, nothing trimmed); what could be interpreted is also kept as data
 * (status, due, planned), what could not is flagged and kept as typed, so
 * that a rewritten workbook writes it back verbatim (marked) instead of a
 * default. */
typedef struct returned_row_s {
    char *item;              /* the Item cell, trimmed, as typed; "" for a
                                row added without one */
    int node;                /* the model item it names (case-insensitive),
                                or -1; set by returned_resolve */
    char *status_text;       /* the Status cell as typed */
    returned_status status;  /* what it means; not started when empty or
                                not understood */
    bool status_understood;  /* false: status_text is kept as typed */
    char *owner;             /* "" when none */
    char *due_text;          /* the Due cell as read ("" when empty) */
    bool has_due;            /* a date was read */
    bool due_understood;     /* false (and due_text not empty): kept as
                                typed */
    plan_date due;
    char *measure;           /* the measures text, "" when none */
    bool measure_edited;     /* differs from what itabench wrote there (in
                                the workbook's language); returned_resolve */
    char *monitoring;        /* the monitoring text, "" when none */
    bool monitoring_edited;  /* likewise, when the sheet has the column */
    char *units;             /* the responsible sections, "" when none */
    bool units_edited;       /* likewise (plans_units_as_written) */
    char *budget;            /* the budget cell as text, "" when none */
    char *goal_text;         /* the target score cell as read */
    double planned;          /* the target score typed in, 0-100; NAN when
                                none or not understood */
    bool goal_understood;    /* false (and goal_text not empty): kept as
                                typed */
    char *result;            /* "ผลการดำเนินงาน" / "Result", "" when none */
    char *evidence;          /* "หลักฐาน" / "Evidence", "" when none */
    /* Written right after the row before it in the new workbook, not in a
     * row of its own: a row added without an item code, a second row of
     * the same item, or a row of a code not of the model. */
    bool follows;
    size_t n_followers;      /* rows after this one that follow it */
    unsigned line;           /* row of the sheet */
} returned_row;

typedef struct {
    char *file;              /* the workbook as named in messages */
    int year;                /* B.E., from the marker */
    double target;           /* drafted for, from the marker; NAN when the
                                marker does not say */
    char *office_code;       /* from the marker */
    report_lang lang;        /* written in, from the marker (lang=th|en);
                                LANG_TH when the marker does not say */
    bool has_lang;           /* the marker says it */
    char *written_items;     /* the items itabench wrote, "I1,I2,...",
                                from the marker (items=); NULL when the
                                marker does not say */
    char *written_leads;     /* the rows whose lead is not the library's,
                                "I7:2,I8:1" (item: the alternative,
                                plans_lead_alternative), from the marker
                                (leads=); NULL when the marker does not
                                say (any lead the schedule may give is
                                then no edit) */
    /* The sheet has the Monitoring and Responsible sections columns
     * (plans written before they were carried may not: then nothing of
     * theirs is an edit). */
    bool has_monitoring, has_units;
    returned_row *rows;
    size_t n_rows;
    /* The O43 report sheet's "as of" cell, as read (NULL when the sheet
     * or its label is not there), and the date it holds
     * (has_report_date). */
    char *report_date_text;
    bool has_report_date;
    plan_date report_date;
    /* The Target typed on the Profile sheet (has_profile_target), which a
     * rerun does not carry: the run's target makes the plan (it is said,
     * office_keep.h). */
    double profile_target;
    bool has_profile_target;
} returned_plan;

typedef struct returned_set {
    returned_plan *plans;    /* in reading order */
    size_t n;
} returned_set;

/* True when the workbook is an office workbook, by its content: written by
 * itabench (its creator) with a sheet named as the office workbook's
 * Profile sheet, or (its author removed, its other sheets deleted) with a
 * sheet named as the plan sheet. */
bool returned_is_office_book(const xlsxread_book *book);

/* Reads the plan of an office workbook (returned_is_office_book) into a new
 * entry of set.  Problems (no plan sheet, no marker, no header, a status
 * or due date not understood) go to diags with file and row; returns false
 * when no plan could be read (an error was added). */
bool returned_read(returned_set *set, xlsxread_book *book, const char *shown,
                   diag_list *diags);

/* The key a status is compared by: text_clean, then no white space at
 * all, ASCII letters in lower case, SARA AM typed as NIKHAHIT + SARA AA
 * (a tone mark between them or not) composed.  A new string. */
char *returned_status_key(const char *text);

/* What a status typed means: the dropdown's words of either language or
 * one of their synonyms (a data table in returned.c: เสร็จแล้ว,
 * อยู่ระหว่างดำเนินการ, ยังไม่ได้ดำเนินการ, completed, ongoing, ...),
 * compared by returned_status_key; an empty cell is not started.  False
 * when not understood (*out is then not started). */
bool returned_status_parse(const char *text, returned_status *out);

/* The model item a code names, compared after text_clean and without
 * regard to ASCII case ("i10" is I10); -1 when none. */
int returned_find_item(const model *m, const char *code);

/* Resolves old against the model once it is read: each row's node
 * (returned_find_item), which rows follow the row before them (added
 * without an item code, a second row of an item, a code not of the
 * model: rows[k+1 .. k+n_followers] follow rows[k]; rows above the
 * first item's row are moved after it), and whether each measures text
 * is an edit (it differs from the library's text in the workbook's
 * language, lib may be NULL: every non-empty text is). */
void returned_resolve(returned_plan *old, const model *m,
                      const struct measures_library *lib);

/* Points each row of plan (rows[n]) at the first row of old with the same
 * item (plan_row.carried; returned_resolve first), so that a rewritten
 * workbook keeps the edits of the one it replaces; its followers are
 * written after it. */
void returned_carry(plan_row *rows, size_t n, const model *m,
                    const returned_plan *old);

/* The items itabench wrote into old (its marker's items=) of which old
 * has no row any more: the district deleted them.  *out (free it)
 * receives their nodes; returns their number (0 when the marker does not
 * list what was written). */
size_t returned_deleted(const returned_plan *old, const model *m, int **out);

/* The edits of old to keep in a new plan of the same office and results
 * year (plans_compute_office_edited; returned_resolve first): one per
 * item that old has a row of, with the target score typed in when it
 * differs from the one the plan was drafted with (the goal plans.h gives
 * at old->target; with no target in the marker, every target score typed
 * in counts), else NAN; and one, deleted, per item the district deleted
 * (returned_deleted), which stays deleted.  s: the office's scores that
 * year.  Returns the number of edits; *out (free it) receives them. */
size_t returned_edits(const returned_plan *old, const model *m,
                      const office_score *s, plan_edit **out);

/* Whether a measures text read back is the default def: def alone, or
 * after a line of its own (plans written before put the item to publish
 * first), with the line breaks the plan sheet puts in at libthai's words
 * or a person adds (text_same_but_breaks); spaces and line breaks at the
 * end of either do not count. */
bool returned_measure_is_default(const char *text, const char *def);

/* Whether the O43 report's "as of" cell read back says something other
 * than the date itabench writes there (the end of the plan's fiscal year):
 * another date, or a text that is no date (kept as typed). */
bool returned_report_date_edited(const returned_plan *p);

/* Whether the row read back (old) says anything its new row would not
 * say by default: a status other than not started, or one not
 * understood, an owner, a budget, a result, evidence, a due date other
 * than the row's or not understood, a target score not understood,
 * measures edited (returned_resolve) or rows that follow it. */
bool returned_row_edited(const returned_row *old, const plan_row *row);

/* Cells of p kept as typed because they were not understood (status, due
 * date, target score). */
size_t returned_not_understood(const returned_plan *p);

/* Whether p differs from what itabench wrote (it "came back"): a status,
 * owner, budget, result or evidence typed, a value not understood, a due
 * date other than its quarter's end, a target score other than the
 * default at the marker's target (s: the office's scores, may be NULL),
 * measures other than the library's (lib may be NULL) in the workbook's
 * language, a row added, duplicated or deleted (against the marker's
 * items). */
bool returned_plan_edited(const returned_plan *p, const model *m,
                          const struct measures_library *lib,
                          const office_score *s);

/* Frees every plan; the set itself is left empty. */
void returned_free(returned_set *set);

#endif
