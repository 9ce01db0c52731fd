/*
 * measures: the library of default measures for action plans, loaded from
 * a CSV such as inputs/reference/measures.csv, one row per model item:
 *   item,lead_unit_th,lead_unit_en,support_units_th,support_units_en,
 *   measure_th,measure_en,monitoring_th,monitoring_en,publish_th,publish_en,
 *   evidence_th,evidence_en,quarter,in_every_plan
 * (columns in any order).  Users edit that file to change the defaults of
 * every office's action plan.  evidence is how the success of the measure
 * is verified (the documents that show it was done); quarter (1 to 4) is
 * the quarter of the plan's fiscal year by which the measure is in place;
 * in_every_plan ("yes" or empty) marks items that every plan keeps
 * current, also when the office has nothing below the target (the plan
 * itself and its progress report must be published every year).
 *
 * An item may have several rows: their measures, monitoring steps and
 * texts to publish are joined as a numbered list, their units as a list of
 * distinct names; the latest quarter of its rows is the item's, and it is in
 * every plan when one of its rows says so.  The library is checked against the model: every item
 * must be covered, every row must name an item of the model and carry a
 * lead unit, a measure, a monitoring step and evidence in both languages
 * and a quarter from 1 to 4, in_every_plan must be "yes", "no" or empty,
 * and every
 * item the model marks "published" (disclosure items) must say what to
 * publish.
 *
 * Optional columns (a library without them still loads; the plans then go
 * without what they give): weakness_th/weakness_en, the weakness each
 * item's question names when it scores low (the negative reading of the
 * question), which every row must fill when the file has the column;
 * lead_alternatives_th/lead_alternatives_en, the units that may lead the
 * item instead (a "; " list), and budget_th/budget_en, a budget hint.
 */
#ifndef ITABENCH_MEASURES_H
#define ITABENCH_MEASURES_H

#include "diag.h"
#include "model.h"
#include "lang.h"

#include <stdbool.h>

/* The texts of one item, each in Thai and English. */
typedef enum {
    MEASURE_LEAD,        /* the responsible unit (เจ้าภาพหลัก) */
    MEASURE_SUPPORT,     /* supporting units; may be "" */
    MEASURE_ACTION,      /* what to do */
    MEASURE_MONITORING,  /* how it is checked, and by whom */
    MEASURE_PUBLISH,     /* what must be published; "" for survey items */
    MEASURE_EVIDENCE,    /* how success is verified: the documents */
    MEASURE_WEAKNESS,    /* the question read negatively, as a plan's
                            analysis says it ("จุดอ่อน: ..."); "" when the
                            file has no weakness column */
    MEASURE_ALTERNATIVES,/* units that may lead instead of the lead unit,
                            when one unit would lead too much of a
                            quarter (plans.h); may be "" */
    MEASURE_BUDGET,      /* a budget hint; may be "" */
    MEASURE_N_FIELDS
} measure_field;

typedef struct {
    char *text[MEASURE_N_FIELDS][2];  /* [field][report_lang]; never NULL */
    int quarter;                      /* 1..4: in place by the end of it */
    bool in_every_plan;               /* kept current in every plan */
    size_t n_rows;                    /* rows of the file joined here */
    unsigned long line;               /* first row's line */
} measure_entry;

typedef struct measures_library {
    char *path;
    const model *m;                   /* borrowed */
    measure_entry *items;             /* [m->n_items], by item slot */
} measures_library;

/* Loads measures from path and checks them against the model (borrowed:
 * it must outlive the library).  Returns NULL after adding errors, each
 * with file, line and the offending value, to diags.  Free with
 * measures_free. */
measures_library *measures_load(const char *path, const model *m,
                                diag_list *diags);

void measures_free(measures_library *lib);

/* The entry of a model item (a node index), or NULL when node is not an
 * item.  Owned by the library. */
const measure_entry *measures_for_item(const measures_library *lib, int node);

/* One text of an entry in a language; "" when the file left it empty.
 * Owned by the library. */
const char *measures_text(const measure_entry *e, measure_field field,
                          report_lang lang);

/* One text of several items (node indices), grouped as the rows of one
 * item are: units as a list of distinct names, other texts each distinct
 * text once as a numbered list ("1. ...\n2. ...").  Returns a new string
 * (caller frees). */
char *measures_group(const measures_library *lib, const int *nodes, size_t n,
                     measure_field field, report_lang lang);

#endif
