/*
 * model: the ITA scoring model, loaded from a CSV file (see
 * inputs/reference/model_2564.csv), so that nothing about the number of
 * items, indicators, tools, their weights or the grade bands is in C.
 *
 * The model is a tree: tools -> indicators -> optional sub-indicators ->
 * items.  A node's score is the weighted mean of its children's scores
 * (weights relative among siblings); ITA is the weighted mean of the tools.
 * From the same weights each node gets ita_weight: the ITA points one point
 * of that node is worth.
 *
 * File format, one row per node, columns in any order:
 *   kind,id,parent,weight,min_score,answer_type,label_th,label_en[,tool_min]
 * kind is source | target | tool | part | indicator | sub | item | grade.
 * answer_type is survey | check for tools and scale4 | yesno | published
 * for items.  The source row names, in label_th and label_en, the manual
 * (name and year) the model was written from.
 *
 * Validation (every violation an error naming file and line, all
 * collected): numbers as in score files (the file's separator settles a
 * decimal comma; ambiguous, percent and non-finite values refused),
 * known columns each once, ids unique, a tree of the kinds above, weights
 * finite and positive and their sums and products finite, exactly one
 * target in 0-100, grade bounds and tool minimums in 0-100, grade ids
 * unique, the lowest grade starting at 0.
 * A grade row is a letter grade or a pass level: the ITA (2 decimals) must
 * be at least min_score and, when tool_min is given, every tool at least
 * tool_min; the first (highest) grade an office meets is its grade.
 *
 * Each ITA year has its model file, inputs/reference/model_<year>.csv (B.E.
 * year); model_catalog lists them and picks the one for a year.
 */
#ifndef ITABENCH_MODEL_H
#define ITABENCH_MODEL_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* NODE_PART: a part of a tool answered by its own respondents with its own
 * items (FY2566's two-part EIT): parent a tool, children indicators; the
 * tool's score is the weighted mean of its parts like any node's. */
typedef enum { NODE_TOOL, NODE_INDICATOR, NODE_SUB, NODE_ITEM, NODE_PART,
               NODE_KIND_COUNT } node_kind;

typedef struct {
    node_kind kind;
    char *id;           /* "IIT", "IND1", "9.1", "I1" */
    char *label_th;
    char *label_en;
    char *answer_type;  /* "survey"/"check" for tools, "scale4"/"yesno"/"published" for items */
    double weight;      /* relative to the siblings */
    int parent;         /* node index; -1 for tools, whose parent is ITA */
    int tool;           /* node index of the tool this node belongs to */
    int indicator;      /* node index of its indicator; -1 for tools */
    int *children;      /* node indices, in file order */
    size_t n_children;
    double ita_weight;  /* ITA points per point of this node's score */
} model_node;

typedef struct {
    char *id;           /* "AA" */
    char *label_th;
    char *label_en;
    double min_score;   /* lower bound of the band */
    double tool_min;    /* every tool at least this (0 = no condition) */
    unsigned long line; /* its row in the model file */
} model_grade;

typedef struct {
    char *path;             /* the file it was loaded from, as shown */
    char sha256[65];        /* its SHA-256, taken while reading it */
    int year;               /* B.E. year of a model_<year>.csv file, else 0 */
    model_node *nodes;      /* in file order */
    size_t n_nodes;
    /* node indices by kind, in file order */
    int *tools, *indicators, *subs, *items;
    size_t n_tools, n_indicators, n_subs, n_items;
    int *item_slot;         /* node index -> position in items[], -1 if not an item */
    /* Respondent groups: the nodes answered by their own respondents,
     * each tool's parts or, for a tool without parts, the tool itself, in
     * the order of tools (without parts: exactly tools[]).  Respondent
     * counts, populations and sds are kept per group. */
    int *groups;
    size_t n_groups;
    int *group_of;          /* node index -> position in groups[] of the
                               group it is answered in (its part, else its
                               tool); -1 for a tool with parts */
    int *by_id;             /* node indices sorted by id, for model_find */
    model_grade *grades;    /* sorted by min_score, best first */
    size_t n_grades;
    double target;
    char *source_th, *source_en;  /* the source row's texts; "" if none */
} model;

/* Loads and checks a model file.  Returns NULL and adds errors (with file and
 * line) to diags when the file is missing or inconsistent.  Free the result
 * with model_free. */
model *model_load(const char *path, diag_list *diags);

void model_free(model *m);

/* Writes what a model says, for a person checking it (--check-model):
 * its source, the tree with each node's weight normalised among its
 * siblings and in ITA points, the target and the grade rules in words. */
void model_describe(const model *m, FILE *out);

/* The kind of a node as the model file names it ("tool", "part"...). */
const char *model_kind_name(node_kind kind);

/* True when published figures pub[] (by measure, NAN where not given)
 * determine an ITA: the ITA itself, or every tool known, a node being
 * known when given or when every child is known (a tool from its parts
 * or indicators, an indicator from its sub-indicators). */
bool model_published_gives_ita(const model *m, const double *pub);

/* Node index of the node with this id (case-insensitive), or -1. */
int model_find(const model *m, const char *id);

/* Index into m->grades of the grade of a score (already rounded to 2
 * decimals); the lowest band when the score is below every bound. */
size_t model_grade_of(const model *m, double score);

/* Years of different frameworks (models) in one run must share the tools
 * and the indicators: the same ids, each indicator under the same tool.
 * Parts, sub-indicators and items may differ.  Adds an error to diags for
 * every tool or indicator that is in one model only or under another tool,
 * naming both model files and the id; returns true when none differs. */
bool model_check_shared(const model *a, const model *b, diag_list *diags);

/* The measure (see below: 0 ITA, 1 + n node n) of model `to` that is
 * measure `measure` of model `from`: ITA is ITA, a node the node of the
 * same id and kind (a reused id means the same question, README "The model
 * is data"); -1 when `to` has none. */
long model_measure_in(const model *from, size_t measure, const model *to);

/* Adds one note when two years of a run (later after earlier) are scored
 * with models whose items differ: the items of each found in one only
 * (by id), left out of the comparisons between the years.  Nothing when
 * the items agree. */
void model_note_unshared_items(const model *later, int later_year,
                               const model *earlier, int earlier_year,
                               diag_list *diags);

typedef struct {
    int year;    /* B.E. */
    char *path;
} model_file;

/* The model_<year>.csv files of folder dir, by year.  Returns how many;
 * *files is a new array (free with model_catalog_free), NULL when none. */
size_t model_catalog(const char *dir, model_file **files);

void model_catalog_free(model_file *files, size_t n);

/* Index of the model for a year among n (> 0) files sorted by year: the
 * year's own, else the latest not later than it, else the earliest.
 * *exact says whether it is the year's own. */
size_t model_catalog_pick(const model_file *files, size_t n, int year,
                          bool *exact);

/* For an unknown id: a new " (did you mean I10?)" naming the node whose id
 * is nearest (text_is_near), of the kind wanted (-1 for any), or a new ""
 * when none is near.  Caller frees. */
char *model_suggest(const model *m, const char *typed, int kind);

/* Depth of a node: 0 for tools, 1 for indicators, and so on. */
int model_depth(const model *m, int node);

/* True for an item checked on the office's website (answer_type
 * "published": 0 or 100), whose goal in an action plan is 100. */
bool model_is_disclosure(const model_node *item);

/* True for a tool answered by respondents (answer_type "survey"), whose
 * respondent counts the results report. */
bool model_has_respondents(const model_node *tool);

/* A measure is what every office gets a score on: 0 is ITA, 1 + n is model
 * node n (tool, indicator, sub-indicator or item).  Published figures,
 * statistics and the workbooks all use this numbering.  (An action of an
 * office's plan, from the measures library of measures.h, is "มาตรการ":
 * a plan text, not a measure in this sense.) */
#define MEASURE_ITA 0

/* The measure of a model node. */
static inline size_t model_node_measure(int node)
{
    return 1 + (size_t)node;
}

/* A measure's id: "ITA", or the node's id ("IND1", "I3"); borrowed. */
static inline const char *model_measure_id(const model *m, size_t measure)
{
    return measure == MEASURE_ITA ? "ITA" : m->nodes[measure - 1].id;
}

/* The number of answer levels L of an item (4 for scale4, 2 for yesno): an
 * answer at level l = 1..L is worth 100 (l - 1) / (L - 1) points.  0 for an
 * item checked by an assessor (published), which has no answer levels. */
int model_answer_levels(const model_node *item);

#endif
