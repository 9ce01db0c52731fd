#include "model.h"
#include "csvread.h"
#include "text.h"

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The model file's columns; kind and id are required. */
enum { COL_KIND, COL_ID, COL_PARENT, COL_WEIGHT, COL_MIN, COL_ANSWER,
       COL_TH, COL_EN, COL_TOOL_MIN, N_COLS };
static const char *const column_names[N_COLS] = {
    "kind", "id", "parent", "weight", "min_score", "answer_type",
    "label_th", "label_en", "tool_min"};

/* The row kinds: node kinds by their node_kind, and the others. */
enum { ROW_GRADE = -1, ROW_TARGET = -2, ROW_SOURCE = -4, ROW_UNKNOWN = -3 };
static const struct { const char *name; int kind; } kinds[] = {
    {"tool", NODE_TOOL}, {"indicator", NODE_INDICATOR}, {"sub", NODE_SUB},
    {"item", NODE_ITEM}, {"part", NODE_PART}, {"grade", ROW_GRADE},
    {"target", ROW_TARGET}, {"source", ROW_SOURCE},
};

/* Scores, targets and grade bounds lie in 0-100. */
#define SCORE_MAX 100.0

/* The answer types a node of each kind may have; the first is the default
 * when the column is empty. */
static const char *const answer_types[][4] = {
    [NODE_TOOL] = {"survey", "check", NULL},
    [NODE_INDICATOR] = {"", NULL},
    [NODE_SUB] = {"", NULL},
    [NODE_ITEM] = {"scale4", "yesno", "published", NULL},
    [NODE_PART] = {"", NULL},
};
#define ANSWER_SURVEY "survey"
/* The answer levels of each item answer type (uncertainty spec: L). */
static const struct { const char *type; int levels; } answer_levels[] = {
    {"scale4", 4}, {"yesno", 2}, {"published", 0},
};
#define ANSWER_PUBLISHED "published"

/* The kinds a node's parent may have, by the node's kind (-1: none). */
static const int parent_kinds[NODE_KIND_COUNT][2] = {
    [NODE_TOOL] = {-1, -1}, [NODE_INDICATOR] = {NODE_TOOL, NODE_PART},
    [NODE_SUB] = {NODE_INDICATOR, -1}, [NODE_ITEM] = {NODE_INDICATOR, NODE_SUB},
    [NODE_PART] = {NODE_TOOL, -1}};

typedef struct {
    model *m;
    diag_list *diags;
    int col[N_COLS];
    char **parent_ids;          /* per node, resolved after reading */
    unsigned long *node_lines;
    size_t cap_nodes, cap_grades;
    unsigned long target_line, source_line;
    bool header_seen, failed;
} loader;

static char *field(const loader *l, const csv_record *r, int c)
{
    char *text = text_clean(csvread_field(r, l->col[c]));
    /* labels reach the workbooks, whose XML forbids control characters */
    size_t removed = text_strip_controls(text);
    if (removed)
        diag_add(l->diags, DIAG_WARNING, r->file, r->line, NULL, "model",
                 "%zu control character%s removed from column %d",
                 removed, removed == 1 ? "" : "s", l->col[c] + 1);
    return text;
}

/* What a number of the model may be. */
typedef enum { NUMBER_WEIGHT, NUMBER_SCORE } number_rule;

/* Reads a number of column c as score files are read (the file's
 * separator settles a decimal comma); fallback when empty.  A weight must
 * be finite and more than 0, a score (target, grade bound, tool minimum)
 * in 0-100.  False after reporting the value. */
static bool read_number(loader *l, const csv_record *r, int c, double *out,
                        double fallback, number_rule rule)
{
    char *text = field(l, r, c);
    double alt = 0;
    num_status st = text_parse_number_in(text, r->separator, out, &alt);
    char *q = text_quote_short(text, 40);
    const char *what = column_names[c];
    bool ok = false;
    if (st == NUM_EMPTY) {
        *out = fallback;
        ok = true;
    } else if (st == NUM_AMBIGUOUS)
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "%s %s is ambiguous: %.15g with a decimal mark, or %.15g "
                 "with a thousands separator", what, q, *out, alt);
    else if (st == NUM_PERCENT)
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "%s %s has a '%%' sign: write the number alone", what, q);
    else if (st != NUM_OK)
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "%s %s is not %s", what, q,
                 st == NUM_NONFINITE ? "a finite number" : "a number");
    else if (rule == NUMBER_WEIGHT && !(*out > 0))
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "%s %s must be more than 0", what, q);
    else if (rule == NUMBER_SCORE && (*out < 0 || *out > SCORE_MAX))
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "%s %s is outside 0-100", what, q);
    else
        ok = true;
    if (!ok && st != NUM_EMPTY)
        *out = fallback;  /* reported once: nothing follows from it */
    free(q);
    free(text);
    return ok;
}

static bool read_header(loader *l, const csv_record *r)
{
    for (int c = 0; c < N_COLS; c++)
        l->col[c] = csvread_column(r, column_names[c]);
    /* every column known, each once (as in score files) */
    for (size_t i = 0; i < r->n_fields; i++) {
        char *name = text_clean(csvread_field(r, (int)i));
        int known = -1;
        for (int c = 0; c < N_COLS && known < 0; c++)
            if (strcasecmp_ascii(name, column_names[c]) == 0)
                known = c;
        char *q = text_quote_short(name, 40);
        if (known < 0 && *name)
            diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                     "column %zu %s is not a model column (kind, id, parent, "
                     "weight, min_score, answer_type, label_th, label_en, "
                     "tool_min)", i + 1, q);
        else if (known >= 0 && l->col[known] != (int)i)
            diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                     "column %zu %s repeats column %d", i + 1, q,
                     l->col[known] + 1);
        l->failed |= (known < 0 && *name) ||
                     (known >= 0 && l->col[known] != (int)i);
        free(q);
        free(name);
    }
    if (l->col[COL_KIND] < 0 || l->col[COL_ID] < 0) {
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "a model file needs the columns kind and id");
        l->failed = true;
        return false;
    }
    return true;
}

/* A grade or pass level: ITA at least min_score and, when tool_min is
 * given, every tool at least tool_min. */
static void read_grade(loader *l, const csv_record *r, char *id)
{
    model *m = l->m;
    for (size_t g = 0; g < m->n_grades; g++)
        if (strcasecmp_ascii(m->grades[g].id, id) == 0) {
            diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                     "grade %s is defined twice (first at line %lu)", id,
                     m->grades[g].line);
            l->failed = true;
        }
    if (m->n_grades == l->cap_grades) {
        l->cap_grades = l->cap_grades ? 2 * l->cap_grades : 8;
        m->grades = xrealloc(m->grades, l->cap_grades * sizeof *m->grades);
    }
    model_grade *g = &m->grades[m->n_grades++];
    *g = (model_grade){.id = id, .label_th = field(l, r, COL_TH),
                       .label_en = field(l, r, COL_EN), .line = r->line};
    char *min = field(l, r, COL_MIN);
    if (!*min) {
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "grade %s has no min_score", id);
        l->failed = true;
    }
    free(min);
    l->failed |= !read_number(l, r, COL_MIN, &g->min_score, 0, NUMBER_SCORE);
    l->failed |= !read_number(l, r, COL_TOOL_MIN, &g->tool_min, 0,
                              NUMBER_SCORE);
}

/* The one target row: min_score in 0-100. */
static void read_target(loader *l, const csv_record *r)
{
    if (l->target_line) {
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "a second target row (the first is at line %lu): give "
                 "exactly one", l->target_line);
        l->failed = true;
        return;
    }
    l->target_line = r->line;
    char *min = field(l, r, COL_MIN);
    if (!*min) {
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "the target row has no min_score");
        l->failed = true;
    }
    free(min);
    l->failed |= !read_number(l, r, COL_MIN, &l->m->target, NAN, NUMBER_SCORE);
}

/* The one source row: the manual (name and year) the model comes from. */
static void read_source(loader *l, const csv_record *r)
{
    if (l->source_line) {
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "a second source row (the first is at line %lu)",
                 l->source_line);
        l->failed = true;
        return;
    }
    l->source_line = r->line;
    free(l->m->source_th);
    free(l->m->source_en);
    l->m->source_th = field(l, r, COL_TH);
    l->m->source_en = field(l, r, COL_EN);
    if (!*l->m->source_th && !*l->m->source_en) {
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "the source row names no manual (label_th, label_en)");
        l->failed = true;
    }
}

/* The node's answer type, checked against those its kind allows and
 * stored in canonical case (the kind's default when empty). */
static void check_answer_type(loader *l, const csv_record *r, model_node *node)
{
    const char *const *allowed = answer_types[node->kind];
    size_t a = 0;
    while (allowed[a] && strcasecmp_ascii(allowed[a], node->answer_type) != 0)
        a++;
    if (!*node->answer_type) {
        free(node->answer_type);
        node->answer_type = xstrdup(allowed[0]);
    } else if (!allowed[a] || !*allowed[a]) {
        char *q = text_quote_short(node->answer_type, 40);
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "%s: answer_type %s is not one of those allowed for a %s",
                 node->id, q, kinds[node->kind].name);
        free(q);
        l->failed = true;
    } else {
        free(node->answer_type);
        node->answer_type = xstrdup(allowed[a]);  /* canonical case */
    }
}

static void read_node(loader *l, const csv_record *r, node_kind k, char *id)
{
    model *m = l->m;
    if (model_find(m, id) >= 0) {
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 "id %s is defined twice", id);
        l->failed = true;
    }
    if (m->n_nodes == l->cap_nodes) {
        l->cap_nodes = l->cap_nodes ? 2 * l->cap_nodes : 128;
        m->nodes = xrealloc(m->nodes, l->cap_nodes * sizeof *m->nodes);
        l->parent_ids = xrealloc(l->parent_ids, l->cap_nodes * sizeof(char *));
        l->node_lines = xrealloc(l->node_lines, l->cap_nodes * sizeof(long));
    }
    model_node *node = &m->nodes[m->n_nodes];
    *node = (model_node){.kind = k, .id = id,
                         .label_th = field(l, r, COL_TH),
                         .label_en = field(l, r, COL_EN),
                         .answer_type = field(l, r, COL_ANSWER),
                         .parent = -1, .tool = -1, .indicator = -1};
    l->failed |= !read_number(l, r, COL_WEIGHT, &node->weight, 1,
                              NUMBER_WEIGHT);
    check_answer_type(l, r, node);
    l->parent_ids[m->n_nodes] = field(l, r, COL_PARENT);
    l->node_lines[m->n_nodes] = r->line;
    m->n_nodes++;
}

static bool on_model_record(const csv_record *r, void *ctx)
{
    loader *l = ctx;
    if (!l->header_seen) {
        l->header_seen = true;
        return read_header(l, r);
    }
    char *kind = field(l, r, COL_KIND);
    char *id = field(l, r, COL_ID);
    int k = ROW_UNKNOWN;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcasecmp_ascii(kind, kinds[i].name) == 0)
            k = kinds[i].kind;
    if (k == ROW_UNKNOWN || (!*id && k != ROW_SOURCE && k != ROW_TARGET)) {
        char *q = text_quote_short(kind, 40);
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "model",
                 k != ROW_UNKNOWN ? "the row has no id"
                      : "unknown kind %s (expected source, target, tool, "
                        "part, indicator, sub, item or grade)",
                 q);
        free(q);
        l->failed = true;
        free(id);
    } else if (k == ROW_TARGET) {
        read_target(l, r);
        free(id);
    } else if (k == ROW_SOURCE) {
        read_source(l, r);
        free(id);
    } else if (k == ROW_GRADE) {
        read_grade(l, r, id);
    } else {
        read_node(l, r, (node_kind)k, id);
    }
    free(kind);
    return true;
}

static int cmp_grade_desc(const void *a, const void *b)
{
    double x = ((const model_grade *)a)->min_score;
    double y = ((const model_grade *)b)->min_score;
    return (x < y) - (x > y);
}

/* Ingest looks up an item id per input row: a sorted index keeps that
 * O(log n).  While the file is still being read (by_id not built yet), a
 * plain scan is used. */
static const model *sort_model;

static int cmp_node_id(const void *a, const void *b)
{
    return strcasecmp_ascii(sort_model->nodes[*(const int *)a].id,
                            sort_model->nodes[*(const int *)b].id);
}

typedef struct {
    const model *m;
    const char *id;
} id_probe;

static int cmp_probe(const void *key, const void *elem)
{
    const id_probe *p = key;
    return strcasecmp_ascii(p->id, p->m->nodes[*(const int *)elem].id);
}

int model_find(const model *m, const char *id)
{
    if (!m->by_id) {
        for (size_t i = 0; i < m->n_nodes; i++)
            if (strcasecmp_ascii(m->nodes[i].id, id) == 0)
                return (int)i;
        return -1;
    }
    id_probe probe = {m, id};
    const int *hit = bsearch(&probe, m->by_id, m->n_nodes, sizeof(int), cmp_probe);
    return hit ? *hit : -1;
}

int model_depth(const model *m, int node)
{
    int depth = 0;
    while (m->nodes[node].parent >= 0)
        node = m->nodes[node].parent, depth++;
    return depth;
}

static void push(int **list, size_t *n, int value)
{
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = value;
}

/* Links every node to its parent and the parent to its children; false
 * after reporting a missing or wrong parent. */
static bool link_parents(loader *l)
{
    model *m = l->m;
    bool ok = true;
    for (size_t i = 0; i < m->n_nodes; i++) {
        model_node *node = &m->nodes[i];
        const char *pid = l->parent_ids[i];
        if (node->kind == NODE_TOOL) {
            if (*pid) {
                diag_add(l->diags, DIAG_ERROR, m->path, l->node_lines[i], NULL,
                         "model", "tool %s must not have a parent", node->id);
                ok = false;
            }
            continue;
        }
        int p = model_find(m, pid);
        const int *want = parent_kinds[node->kind];
        bool fits = p >= 0 && ((int)m->nodes[p].kind == want[0] ||
                               (int)m->nodes[p].kind == want[1]);
        if (!fits) {
            diag_add(l->diags, DIAG_ERROR, m->path, l->node_lines[i], NULL,
                     "model", "%s: parent \"%s\" is %s", node->id, pid,
                     p < 0 ? "not defined" : "of the wrong kind");
            ok = false;
            continue;
        }
        node->parent = p;
        push(&m->nodes[p].children, &m->nodes[p].n_children, (int)i);
    }
    return ok;
}

/* Checks what is under node i: some children, weights that do not add up
 * to 0, not items beside sub-indicators. */
static bool check_children(loader *l, size_t i)
{
    const model *m = l->m;
    const model_node *node = &m->nodes[i];
    bool ok = true;
    if (node->kind != NODE_ITEM && node->n_children == 0) {
        diag_add(l->diags, DIAG_ERROR, m->path, l->node_lines[i], NULL,
                 "model", "%s has no items under it", node->id);
        ok = false;
    }
    double weights = 0;
    bool mixed = false;
    for (size_t c = 0; c < node->n_children; c++) {
        const model_node *child = &m->nodes[node->children[c]];
        weights += child->weight;
        mixed |= child->kind != m->nodes[node->children[0]].kind;
    }
    if (node->n_children && !(weights > 0 && isfinite(weights))) {
        diag_add(l->diags, DIAG_ERROR, m->path, l->node_lines[i], NULL,
                 "model", "the weights under %s add up to %s", node->id,
                 weights > 0 ? "more than a number can hold" : "0");
        ok = false;
    }
    if (mixed) {
        diag_add(l->diags, DIAG_ERROR, m->path, l->node_lines[i], NULL,
                 "model", "%s mixes items and sub-indicators under it",
                 node->id);
        ok = false;
    }
    return ok;
}

/* Lists the nodes by kind, fills each node's tool and indicator and checks
 * the shape under every node. */
static bool index_kinds(loader *l)
{
    model *m = l->m;
    bool ok = true;
    for (size_t i = 0; i < m->n_nodes; i++) {
        model_node *node = &m->nodes[i];
        switch (node->kind) {
        case NODE_TOOL: push(&m->tools, &m->n_tools, (int)i); break;
        case NODE_INDICATOR: push(&m->indicators, &m->n_indicators, (int)i); break;
        case NODE_SUB: push(&m->subs, &m->n_subs, (int)i); break;
        case NODE_ITEM: push(&m->items, &m->n_items, (int)i); break;
        case NODE_PART: case NODE_KIND_COUNT: break;
        }
        ok &= check_children(l, i);
        int up = (int)i;
        while (m->nodes[up].parent >= 0) {
            if (m->nodes[up].kind == NODE_INDICATOR)
                node->indicator = up;
            up = m->nodes[up].parent;
        }
        node->tool = up;
        if (node->kind == NODE_INDICATOR)
            node->indicator = (int)i;
    }
    if (m->n_items == 0 || m->n_tools == 0) {
        diag_add(l->diags, DIAG_ERROR, m->path, 0, NULL, "model",
                 "the model has no tools or no items");
        ok = false;
    }
    return ok;
}

/* ita_weight: the product, down the path, of each node's share of its
 * siblings' total weight. */
static bool set_ita_weights(loader *l)
{
    model *m = l->m;
    double tool_total = 0;
    for (size_t t = 0; t < m->n_tools; t++)
        tool_total += m->nodes[m->tools[t]].weight;
    if (!(tool_total > 0 && isfinite(tool_total))) {
        diag_add(l->diags, DIAG_ERROR, m->path, 0, NULL, "model",
                 "the tool weights add up to %s",
                 tool_total > 0 ? "more than a number can hold" : "0");
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < m->n_nodes; i++) {
        double w = 1;
        for (int up = (int)i; up >= 0; up = m->nodes[up].parent) {
            const model_node *node = &m->nodes[up];
            double siblings = tool_total;
            if (node->parent >= 0) {
                const model_node *p = &m->nodes[node->parent];
                siblings = 0;
                for (size_t c = 0; c < p->n_children; c++)
                    siblings += m->nodes[p->children[c]].weight;
            }
            w *= siblings > 0 ? node->weight / siblings : 0;
        }
        m->nodes[i].ita_weight = w;
        if (!(w > 0 && isfinite(w))) {
            diag_add(l->diags, DIAG_ERROR, m->path, l->node_lines[i], NULL,
                     "model", "%s weighs nothing in ITA: its weight is too "
                     "small beside its siblings'", m->nodes[i].id);
            ok = false;
        }
    }
    return ok;
}

/* The respondent groups (model.h): each tool's parts, or the tool itself
 * when it has none, in the order of tools; and each node's group. */
static void build_groups(model *m)
{
    m->group_of = xmalloc((m->n_nodes ? m->n_nodes : 1) * sizeof *m->group_of);
    for (size_t t = 0; t < m->n_tools; t++) {
        const model_node *tool = &m->nodes[m->tools[t]];
        size_t before = m->n_groups;
        for (size_t c = 0; c < tool->n_children; c++)
            if (m->nodes[tool->children[c]].kind == NODE_PART)
                push(&m->groups, &m->n_groups, tool->children[c]);
        if (m->n_groups == before)
            push(&m->groups, &m->n_groups, m->tools[t]);
    }
    for (size_t i = 0; i < m->n_nodes; i++) {
        m->group_of[i] = -1;
        for (int up = (int)i; up >= 0 && m->group_of[i] < 0;
             up = m->nodes[up].parent)
            for (size_t g = 0; g < m->n_groups; g++)
                if (m->groups[g] == up)
                    m->group_of[i] = (int)g;
    }
}

/* The item slots and the sorted id index of model_find. */
static void build_lookups(model *m)
{
    m->item_slot = xmalloc(m->n_nodes * sizeof(int));
    for (size_t i = 0; i < m->n_nodes; i++)
        m->item_slot[i] = -1;
    for (size_t s = 0; s < m->n_items; s++)
        m->item_slot[m->items[s]] = (int)s;
    int *by_id = xmalloc(m->n_nodes * sizeof *by_id);
    for (size_t i = 0; i < m->n_nodes; i++)
        by_id[i] = (int)i;
    sort_model = m;
    qsort(by_id, m->n_nodes, sizeof *by_id, cmp_node_id);
    sort_model = NULL;
    m->by_id = by_id;
    build_groups(m);
}

/* Links parents and children, checks the tree's shape, fills tool,
 * indicator and ita_weight.  Returns false after adding errors. */
static bool link_tree(loader *l)
{
    if (!link_parents(l) || !index_kinds(l) || !set_ita_weights(l))
        return false;
    build_lookups(l->m);
    return true;
}

/* The B.E. year of a file named model_<year>.csv, else 0. */
static int file_year(const char *name)
{
    int year = 0, end = 0;
    if (sscanf(name, "model_%4d.csv%n", &year, &end) != 1 ||
        name[end] != '\0' || strlen(name) != 14)
        return 0;
    return year >= 2500 && year <= 2700 ? year : 0;
}

model *model_load(const char *path, diag_list *diags)
{
    model *m = xcalloc(1, sizeof *m);
    bool converted; /* the name reaches the workbooks: valid UTF-8 */
    m->path = csvread_display_name(path, &converted);
    const char *slash = strrchr(path, '/');
    m->year = file_year(slash ? slash + 1 : path);
    m->target = NAN;
    m->source_th = xstrdup("");
    m->source_en = xstrdup("");
    loader l = {.m = m, .diags = diags};
    bool read = csvread_file_digest(path, NULL, on_model_record, &l, diags,
                                    m->sha256);
    /* the tree is checked even after row errors: all errors at once */
    bool ok = read && l.header_seen && link_tree(&l) && !l.failed;
    if (read && m->n_grades == 0) {
        diag_add(diags, DIAG_ERROR, m->path, 0, NULL, "model",
                 "the model has no grade rows");
        ok = false;
    }
    if (read && !l.target_line) {
        diag_add(diags, DIAG_ERROR, m->path, 0, NULL, "model",
                 "the model has no target row");
        ok = false;
    }
    if (m->n_grades)
        qsort(m->grades, m->n_grades, sizeof *m->grades, cmp_grade_desc);
    /* an office below every grade must still fall in one */
    const model_grade *lowest = m->n_grades ? &m->grades[m->n_grades - 1] : NULL;
    if (lowest && lowest->min_score != 0) {
        diag_add(diags, DIAG_ERROR, m->path, lowest->line, NULL, "model",
                 "the lowest grade %s starts at %.15g: grades must start at "
                 "0, so that every score has one",
                 lowest->id, lowest->min_score);
        ok = false;
    }
    if (ok && !l.source_line)
        diag_add(diags, DIAG_WARNING, m->path, 0, NULL, "model",
                 "the model names no source: add a row "
                 "source,,,,,,<manual, Thai>,<manual and year, English> "
                 "(README, The model is data)");
    for (size_t i = 0; i < m->n_nodes; i++)
        free(l.parent_ids[i]);
    free(l.parent_ids);
    free(l.node_lines);
    if (!ok) {
        model_free(m);
        return NULL;
    }
    return m;
}

void model_free(model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_nodes; i++) {
        model_node *n = &m->nodes[i];
        free(n->id);
        free(n->label_th);
        free(n->label_en);
        free(n->answer_type);
        free(n->children);
    }
    for (size_t i = 0; i < m->n_grades; i++) {
        free(m->grades[i].id);
        free(m->grades[i].label_th);
        free(m->grades[i].label_en);
    }
    free(m->nodes);
    free(m->grades);
    free(m->tools);
    free(m->indicators);
    free(m->subs);
    free(m->items);
    free(m->item_slot);
    free(m->groups);
    free(m->group_of);
    free(m->by_id);
    free(m->path);
    free(m->source_th);
    free(m->source_en);
    free(m);
}

long model_measure_in(const model *from, size_t measure, const model *to)
{
    if (measure == MEASURE_ITA || from == to)
        return (long)measure;
    const model_node *node = &from->nodes[measure - 1];
    int there = model_find(to, node->id);
    return there >= 0 && to->nodes[there].kind == node->kind
               ? (long)model_node_measure(there)
               : -1;
}

/* The levels two frameworks of one run must share (issue 20): what a
 * year-to-year comparison always covers. */
static bool is_shared_level(node_kind kind)
{
    static const bool shared[NODE_KIND_COUNT] = {[NODE_TOOL] = true,
                                                 [NODE_INDICATOR] = true};
    return shared[kind];
}

/* The id of the tool a node belongs to. */
static const char *tool_id(const model *m, const model_node *node)
{
    return m->nodes[node->tool].id;
}

/* Adds an error for every shared-level node of `one` missing from `other`
 * and, with check_tool, for every one under another tool there; models a
 * and b name the pair in messages.  Returns how many. */
static size_t report_unshared(const model *one, const model *other,
                              const model *a, const model *b,
                              bool check_tool, diag_list *diags)
{
    size_t n = 0;
    for (size_t i = 0; i < one->n_nodes; i++) {
        const model_node *x = &one->nodes[i];
        if (!is_shared_level(x->kind))
            continue;
        int j = model_find(other, x->id);
        const model_node *y = j >= 0 ? &other->nodes[j] : NULL;
        bool same = y && y->kind == x->kind;
        if (same && (!check_tool ||
                     strcasecmp_ascii(tool_id(one, x), tool_id(other, y)) == 0))
            continue;
        n++;
        if (!same)
            diag_add(diags, DIAG_ERROR, one->path, 0, NULL, "model",
                     "the models %s and %s of one run do not share their "
                     "tools and indicators: %s %s is in %s only (years of "
                     "different frameworks may sit in one run only when "
                     "their tools and indicators have the same ids)",
                     a->path, b->path, model_kind_name(x->kind), x->id,
                     one->path);
        else
            diag_add(diags, DIAG_ERROR, one->path, 0, NULL, "model",
                     "the models %s and %s of one run do not share their "
                     "tools and indicators: %s %s is under tool %s in %s and "
                     "under tool %s in %s",
                     a->path, b->path, model_kind_name(x->kind), x->id,
                     tool_id(one, x), one->path, tool_id(other, y),
                     other->path);
    }
    return n;
}

bool model_check_shared(const model *a, const model *b, diag_list *diags)
{
    if (a == b)
        return true;
    /* a node under another tool is said once, from a's side */
    size_t n = report_unshared(a, b, a, b, true, diags);
    n += report_unshared(b, a, a, b, false, diags);
    return n == 0;
}

/* The ids of one's items that other lacks, joined ("I6, I12"), and how
 * many; NULL when none. */
static char *items_only_in(const model *one, const model *other, size_t *n)
{
    char *list = NULL;
    *n = 0;
    for (size_t s = 0; s < one->n_items; s++) {
        size_t measure = model_node_measure(one->items[s]);
        if (model_measure_in(one, measure, other) >= 0)
            continue;
        list = text_append(list, "%s%s", *n ? ", " : "",
                           one->nodes[one->items[s]].id);
        (*n)++;
    }
    return list;
}

void model_note_unshared_items(const model *later, int later_year,
                               const model *earlier, int earlier_year,
                               diag_list *diags)
{
    if (later == earlier)
        return;
    size_t n_later, n_earlier;
    char *only_later = items_only_in(later, earlier, &n_later);
    char *only_earlier = items_only_in(earlier, later, &n_earlier);
    if (n_later || n_earlier)
        diag_add(diags, DIAG_NOTE, NULL, 0, NULL, "framework",
                 "%d and %d are scored with different frameworks (%s, %s): "
                 "ITA, tools and indicators are compared between them, items "
                 "only where both models have the item's id; left out of the "
                 "item comparisons, items only in the later model: %zu (%s); "
                 "only in the earlier model: %zu (%s)",
                 earlier_year, later_year, earlier->path, later->path,
                 n_later, only_later ? only_later : "none", n_earlier,
                 only_earlier ? only_earlier : "none");
    free(only_later);
    free(only_earlier);
}

static int cmp_model_file(const void *a, const void *b)
{
    return ((const model_file *)a)->year - ((const model_file *)b)->year;
}

size_t model_catalog(const char *dir, model_file **files)
{
    *files = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    size_t len = strlen(dir);
    const char *sep = len && dir[len - 1] == '/' ? "" : "/";
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int year = file_year(e->d_name);
        if (!year)
            continue;
        *files = xrealloc(*files, (n + 1) * sizeof **files);
        (*files)[n++] = (model_file){year, xasprintf("%s%s%s", dir, sep,
                                                     e->d_name)};
    }
    closedir(d);
    if (n)
        qsort(*files, n, sizeof **files, cmp_model_file);
    return n;
}

void model_catalog_free(model_file *files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(files[i].path);
    free(files);
}

size_t model_catalog_pick(const model_file *files, size_t n, int year,
                          bool *exact)
{
    size_t pick = 0;  /* the earliest, when all are later */
    for (size_t i = 0; i < n && files[i].year <= year; i++)
        pick = i;
    *exact = files[pick].year == year;
    return pick;
}

size_t model_grade_of(const model *m, double score)
{
    for (size_t g = 0; g < m->n_grades; g++)
        if (score >= m->grades[g].min_score - 1e-9)
            return g;
    return m->n_grades - 1;
}

bool model_is_disclosure(const model_node *item)
{
    return strcmp(item->answer_type, ANSWER_PUBLISHED) == 0;
}

bool model_has_respondents(const model_node *tool)
{
    return strcmp(tool->answer_type, ANSWER_SURVEY) == 0;
}

int model_answer_levels(const model_node *item)
{
    for (size_t i = 0; i < sizeof answer_levels / sizeof *answer_levels; i++)
        if (strcmp(item->answer_type, answer_levels[i].type) == 0)
            return answer_levels[i].levels;
    return 0;
}

char *model_suggest(const model *m, const char *typed, int kind)
{
    char *key = text_suggest_key(typed);
    size_t best = SIZE_MAX;
    int found = -1;
    for (size_t i = 0; i < m->n_nodes && *key; i++) {
        if (kind >= 0 && m->nodes[i].kind != (node_kind)kind)
            continue;
        char *candidate = text_suggest_key(m->nodes[i].id);
        size_t d;
        if (text_is_near(key, candidate, &d) && d < best) {
            best = d;
            found = (int)i;
        }
        free(candidate);
    }
    free(key);
    return found < 0 ? xstrdup("")
                     : xasprintf(" (did you mean %s?)", m->nodes[found].id);
}

const char *model_kind_name(node_kind kind)
{
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (kinds[i].kind == (int)kind)
            return kinds[i].name;
    return "?";
}

/* A node and those under it, indented by depth: its weight, its share
 * among its siblings and the ITA points one point of it is worth. */
static void describe_node(const model *m, int i, double siblings, FILE *out)
{
    const model_node *n = &m->nodes[i];
    int depth = model_depth(m, i);
    fprintf(out, "%*s%s %s (%s): weight %.15g = %.2f%% of %s, %.6g ITA "
                 "points per point\n",
            2 * depth + 2, "", model_kind_name(n->kind), n->id,
            *n->label_en ? n->label_en : n->label_th, n->weight,
            100.0 * n->weight / siblings,
            n->parent >= 0 ? m->nodes[n->parent].id : "ITA", n->ita_weight);
    double total = 0;
    for (size_t c = 0; c < n->n_children; c++)
        total += m->nodes[n->children[c]].weight;
    for (size_t c = 0; c < n->n_children; c++)
        describe_node(m, n->children[c], total, out);
}

void model_describe(const model *m, FILE *out)
{
    fprintf(out, "model %s (SHA-256 %s)\n", m->path, m->sha256);
    fprintf(out, "source: %s%s%s\n",
            *m->source_en ? m->source_en : "(none given)",
            *m->source_th ? " / " : "", m->source_th);
    fprintf(out, "target: %.15g\n", m->target);
    size_t n_parts = 0;
    for (size_t i = 0; i < m->n_nodes; i++)
        n_parts += m->nodes[i].kind == NODE_PART;
    fprintf(out, "tree: %zu tools, %zu parts of tools, %zu indicators, %zu "
                 "sub-indicators, %zu items; each node the weighted mean of "
                 "those under it\n",
            m->n_tools, n_parts, m->n_indicators, m->n_subs, m->n_items);
    fprintf(out, "  ITA = weighted mean of the tools\n");
    double total = 0;
    for (size_t t = 0; t < m->n_tools; t++)
        total += m->nodes[m->tools[t]].weight;
    for (size_t t = 0; t < m->n_tools; t++)
        describe_node(m, m->tools[t], total, out);
    /* what the respondents file names: a part has its own respondents */
    fputs("respondents counted apart (the respondents file's tool column):",
          out);
    for (size_t g = 0, n = 0; g < m->n_groups; g++)
        if (model_has_respondents(&m->nodes[m->nodes[m->groups[g]].tool]))
            fprintf(out, "%s %s", n++ ? "," : "", m->nodes[m->groups[g]].id);
    fputc('\n', out);
    fprintf(out, "grades, the first an office meets (ITA rounded to 2 "
                 "decimals):\n");
    for (size_t g = 0; g < m->n_grades; g++) {
        const model_grade *gr = &m->grades[g];
        fprintf(out, "  %s (%s / %s): ITA %.15g or more", gr->id,
                gr->label_th, gr->label_en, gr->min_score);
        if (gr->tool_min > 0)
            fprintf(out, " and every tool %.15g or more", gr->tool_min);
        fputs(g + 1 == m->n_grades ? " (every other score)\n" : "\n", out);
    }
}

/* True when node i is known from published figures: its own, or every
 * child's (never an item: items are not published figures). */
static bool node_known(const model *m, int i, const double *pub)
{
    const model_node *n = &m->nodes[i];
    if (!isnan(pub[model_node_measure(i)]))
        return true;
    if (n->kind == NODE_ITEM || n->n_children == 0)
        return false;
    for (size_t c = 0; c < n->n_children; c++)
        if (!node_known(m, n->children[c], pub))
            return false;
    return true;
}

bool model_published_gives_ita(const model *m, const double *pub)
{
    if (!isnan(pub[MEASURE_ITA]))
        return true;
    for (size_t t = 0; t < m->n_tools; t++)
        if (!node_known(m, m->tools[t], pub))
            return false;
    return m->n_tools > 0;
}
