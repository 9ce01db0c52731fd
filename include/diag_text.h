/*
 * diag_text: the findings of a run (diag.h) in the language of a
 * workbook.  Findings are written in English where they are made (stderr
 * and the data_quality CSV keep them so); a Thai workbook shows them in
 * Thai, rendered by the kind of finding (its check code) from a table: the
 * values of the English message are read back through the message's
 * pattern and put into the Thai sentence.  A kind without a Thai sentence,
 * or a message that does not match its pattern, is shown as the Thai name
 * of its kind, or as a plain Thai sentence saying where the details are:
 * never in English.
 */
#ifndef ITABENCH_DIAG_TEXT_H
#define ITABENCH_DIAG_TEXT_H

#include "diag.h"
#include "report.h"

/* The kind of a finding in words, by its check code ("published figure
 * differs" / "ค่าที่เผยแพร่ต่างจากค่าที่คำนวณ"); for an unknown code, the
 * code itself in English and a generic Thai name in Thai.  Static text. */
const char *diag_text_kind(const char *check, report_lang lang);

/* Returns a new string: the finding's message in rep->lang (office names
 * in Thai come from rep->r). */
char *diag_text_message(const report *rep, const diag *d);

#endif
