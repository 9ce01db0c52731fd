/*
 * respondent_answers: the respondent-level input kind, one answer per
 * respondent and item (year,office_code,tool,respondent,item,answer, or
 * wide: one row per respondent with the item ids as columns).  Between
 * ingest and scores in the data flow: ingest hands every answer here;
 * respondent_answers_settle then works out, per office, year and item, the
 * item score and the answer counts (filled in when the input does not give
 * them, checked when it does) and the tool's respondents, and keeps each
 * office's answers as a matrix for the exact linearised SE
 * (uncertainty.h).
 *
 * A respondent id is opaque text used only to group one person's answers;
 * it is never kept past settling nor written anywhere (messages name the
 * file and line, not the id).
 */
#ifndef ITABENCH_RESPONDENT_ANSWERS_H
#define ITABENCH_RESPONDENT_ANSWERS_H

#include "dataset.h"
#include "diag.h"

#include <stddef.h>

/* One office's answers to one tool in a year, settled: n respondents x k
 * items of the tool (slots[j], in model order); y[r * k + j] the answer on
 * 0..100, NAN when respondent r did not answer item j. */
typedef struct {
    int year;
    int office;          /* registry index */
    size_t tool;         /* its respondent group: position in model.groups
                            (the tool, or the part of a tool with parts) */
    size_t n, k;
    int *slots;
    double *y;
} answer_matrix;

/* One answer cell of an input row at src (column `column`, 0-based):
 * respondent `respondent` (opaque text, not empty) answered item slot
 * `slot` of an office in a year with `answer`, a level 1..L of the item
 * (empty, "-" or "N/A": not answered, skipped).  `tool`, when the row has
 * a tool column (else NULL), must name the item's tool (or its part).  The texts are
 * borrowed. */
typedef struct {
    int year, office, slot, column;
    const char *tool, *respondent, *answer;
    source_ref src;
} answer_cell;

/* Reads one answer cell into d->answers (created on first use).  Errors
 * (a bad level, a wrong tool, no respondent id, a second answer of one
 * respondent to one item) name the file, line, column and office, never
 * the respondent id. */
void respondent_answers_read(dataset *d, const answer_cell *cell,
                             diag_list *diags);

/* After every input is read: per office, year and item answered, the mean
 * of the answers becomes the item score when none is given, else it must
 * equal it within 0.005 (an error naming the office, item and both
 * values); the same for the answer counts (an error at a count that
 * differs) and the tool's respondents n.  Builds the matrices and forgets
 * the respondent ids.  Nothing happens when no answers were read. */
void respondent_answers_settle(dataset *d, diag_list *diags);

/* The settled answers of an office's respondent group (model.groups: a
 * tool, or a part of a tool) in a year, or NULL (borrowed). */
const answer_matrix *respondent_answers_find(const dataset *d, int year,
                                             int office, size_t tool);

/* How many offices of a year have answers to some tool. */
size_t respondent_answers_offices(const dataset *d, int year);

/* Frees d->answers (NULL allowed). */
void respondent_answers_free(struct answer_set *set);

#endif
