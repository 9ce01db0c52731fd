/* Respondent-level answers (respondent_answers.h). */
#include "respondent_answers.h"
#include "text.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An answer's item score and its counts agree within half a hundredth
 * (as uncertainty.c's check of counts). */
#define SCORE_TOLERANCE (0.005 + 1e-9)

typedef struct {
    uint32_t respondent;   /* index among the group's ids */
    int slot;
    int level;
    source_ref src;
} answer_row;

/* One office's answers to one tool in a year, while reading. */
typedef struct {
    answer_matrix m;       /* year, office, tool; the rest at settling */
    char **ids;            /* respondent ids, dropped at settling */
    size_t n_ids, cap_ids;
    uint32_t *table;       /* open addressing: 1 + id index, 0 = empty */
    size_t table_size;
    answer_row *rows;
    size_t n_rows, cap_rows;
} answer_group;

struct answer_set {
    answer_group *groups;
    size_t n, cap;
    size_t last;           /* the group the last answer went to */
};

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void grow_table(answer_group *g)
{
    size_t size = g->table_size ? 2 * g->table_size : 64;
    uint32_t *table = xcalloc(size, sizeof *table);
    for (size_t i = 0; i < g->n_ids; i++) {
        size_t at = hash_text(g->ids[i]) & (size - 1);
        while (table[at])
            at = (at + 1) & (size - 1);
        table[at] = (uint32_t)(i + 1);
    }
    free(g->table);
    g->table = table;
    g->table_size = size;
}

/* The index of a respondent id in a group, added when new. */
static uint32_t respondent_index(answer_group *g, const char *id)
{
    if (2 * (g->n_ids + 1) > g->table_size)
        grow_table(g);
    size_t at = hash_text(id) & (g->table_size - 1);
    while (g->table[at]) {
        uint32_t i = g->table[at] - 1;
        if (strcmp(g->ids[i], id) == 0)
            return i;
        at = (at + 1) & (g->table_size - 1);
    }
    if (g->n_ids == g->cap_ids) {
        g->cap_ids = g->cap_ids ? 2 * g->cap_ids : 16;
        g->ids = xrealloc(g->ids, g->cap_ids * sizeof *g->ids);
    }
    g->ids[g->n_ids] = xstrdup(id);
    g->table[at] = (uint32_t)(g->n_ids + 1);
    return (uint32_t)g->n_ids++;
}

static answer_group *find_group(struct answer_set *set, int year, int office,
                                size_t tool, bool create)
{
    if (set->last < set->n) {
        answer_group *g = &set->groups[set->last];
        if (g->m.year == year && g->m.office == office && g->m.tool == tool)
            return g;
    }
    for (size_t i = 0; i < set->n; i++) {
        answer_matrix *m = &set->groups[i].m;
        if (m->year == year && m->office == office && m->tool == tool) {
            set->last = i;
            return &set->groups[i];
        }
    }
    if (!create)
        return NULL;
    if (set->n == set->cap) {
        set->cap = set->cap ? 2 * set->cap : 16;
        set->groups = xrealloc(set->groups, set->cap * sizeof *set->groups);
    }
    set->groups[set->n] = (answer_group){
        .m = {.year = year, .office = office, .tool = tool}};
    set->last = set->n;
    return &set->groups[set->n++];
}


void respondent_answers_read(dataset *d, const answer_cell *cell,
                             diag_list *diags)
{
    int year = cell->year, office = cell->office, slot = cell->slot;
    int column = cell->column;
    const char *tool = cell->tool, *respondent = cell->respondent;
    const char *answer = cell->answer;
    source_ref src = cell->src;
    /* the slot is of the year's framework (ingest made the year) */
    const model *m = dataset_year(d, year)->m;
    const model_node *item = &m->nodes[m->items[slot]];
    const char *code = d->r->offices[office].code;
    const char *file = d->files[src.file];
    int levels = model_answer_levels(item);
    double level;
    num_status st = text_parse_number(answer, &level);
    if (st == NUM_EMPTY)
        return;
    if (tool) {
        char *named = text_clean(tool);
        /* the item's tool, or the part of it the item is answered in */
        int group = m->groups[m->group_of[m->items[slot]]];
        bool same = strcasecmp_ascii(named, m->nodes[item->tool].id) == 0 ||
                    strcasecmp_ascii(named, m->nodes[group].id) == 0;
        if (!same)
            diag_add(diags, DIAG_ERROR, file, src.line, code, "unknown_tool",
                     "the answer to %s for office %s in %d is given under "
                     "tool \"%s\", but %s belongs to %s",
                     item->id, code, year, named, item->id,
                     m->nodes[item->tool].id);
        free(named);
        if (!same)
            return;
    }
    if (levels < 2 || st != NUM_OK || level != floor(level) || level < 1 ||
        level > levels) {
        char *q = text_quote_short(answer, 40);
        if (levels < 2)
            diag_add(diags, DIAG_ERROR, file, src.line, code, "level",
                     "answer %s to %s for office %s in %d: %s is checked by "
                     "an assessor and has no respondents' answers",
                     q, item->id, code, year, item->id);
        else
            diag_add(diags, DIAG_ERROR, file, src.line, code, "level",
                     "answer %s to %s for office %s in %d (column %d) is not "
                     "one of its levels 1-%d (%s)",
                     q, item->id, code, year, column + 1, levels,
                     item->answer_type);
        free(q);
        return;
    }
    char *id = text_clean(respondent);
    if (!*id) {
        diag_add(diags, DIAG_ERROR, file, src.line, code, "respondent",
                 "an answer to %s for office %s in %d has no respondent id",
                 item->id, code, year);
        free(id);
        return;
    }
    if (!d->answers)
        d->answers = xcalloc(1, sizeof *d->answers);
    answer_group *g = find_group(d->answers, year, office,
                                 (size_t)m->group_of[m->items[slot]],
                                 true);
    if (g->n_rows == g->cap_rows) {
        g->cap_rows = g->cap_rows ? 2 * g->cap_rows : 64;
        g->rows = xrealloc(g->rows, g->cap_rows * sizeof *g->rows);
    }
    g->rows[g->n_rows++] = (answer_row){respondent_index(g, id), slot,
                                        (int)level, src};
    free(id);
}

/* Item scores, counts and respondents of one group, checked or filled. */
typedef struct {
    dataset *d;
    year_data *yd;
    diag_list *diags;
    const answer_group *g;
} settling;

static const char *row_file(const settling *s, source_ref src)
{
    return s->d->files[src.file];
}

/* The first answer row of an item of the group (line order as read). */
static source_ref first_row_of(const answer_group *g, int slot)
{
    for (size_t i = 0; i < g->n_rows; i++)
        if (g->rows[i].slot == slot)
            return g->rows[i].src;
    return (source_ref){0, 0};
}

static void settle_item(const settling *s, size_t j, const double *level_count,
                        int levels)
{
    const dataset *d = s->d;
    const model *m = s->yd->m;
    const answer_matrix *am = &s->g->m;
    int slot = am->slots[j];
    const model_node *item = &m->nodes[m->items[slot]];
    const office *of = &d->r->offices[am->office];
    double n = 0, sum = 0;
    for (int l = 1; l <= levels; l++) {
        n += level_count[l - 1];
        sum += level_count[l - 1] * 100.0 * (l - 1) / (levels - 1);
    }
    if (n == 0)
        return;
    double mean = sum / n;
    source_ref first = first_row_of(s->g, slot);
    size_t at = dataset_item_index(s->yd, (size_t)am->office, (size_t)slot);
    if (!s->yd->item_src[at].line) {
        s->yd->items[at] = mean;
        s->yd->item_src[at] = first;
    } else if (!isnan(s->yd->items[at]) &&
               fabs(s->yd->items[at] - mean) > SCORE_TOLERANCE) {
        diag_add(s->diags, DIAG_ERROR, row_file(s, first), first.line,
                 of->code, "answers_mismatch",
                 "office %s (%s) %d: the respondents' answers to %s give "
                 "%.3f (%.0f answers), its score is %.2f (%s:%u)",
                 of->code, of->name_en, am->year, item->id, mean, n,
                 s->yd->items[at], row_file(s, s->yd->item_src[at]),
                 s->yd->item_src[at].line);
    }
    dataset_alloc_counts(s->d, s->yd);
    size_t c0 = dataset_count_index(d, s->yd, (size_t)am->office, (size_t)slot);
    bool given = false;
    for (int l = 0; l < levels; l++)
        given |= s->yd->count_src[c0 + (size_t)l].line != 0;
    for (int l = 0; l < levels; l++) {
        double *count = &s->yd->counts[c0 + (size_t)l];
        source_ref *src = &s->yd->count_src[c0 + (size_t)l];
        if (!given) {
            *count = level_count[l];
            *src = first;
        } else if ((isnan(*count) ? 0 : *count) != level_count[l]) {
            source_ref where = src->line ? *src : first;
            diag_add(s->diags, DIAG_ERROR, row_file(s, where), where.line,
                     of->code, "answers_mismatch",
                     "office %s (%s) %d: %.0f respondents answered %s at "
                     "level %d, the answer counts say %g",
                     of->code, of->name_en, am->year, level_count[l],
                     item->id, l + 1, isnan(*count) ? 0 : *count);
        }
    }
}

/* The group's matrix from its rows; duplicates are errors. */
static void build_matrix(const settling *s, answer_group *g)
{
    const model *m = s->yd->m;
    int *column = xmalloc((m->n_items ? m->n_items : 1) * sizeof *column);
    g->m.slots = xmalloc((m->n_items ? m->n_items : 1) * sizeof *g->m.slots);
    g->m.k = 0;
    for (size_t slot = 0; slot < m->n_items; slot++) {
        const model_node *item = &m->nodes[m->items[slot]];
        column[slot] = -1;
        if (m->group_of[m->items[slot]] == (int)g->m.tool &&
            model_answer_levels(item) >= 2) {
            column[slot] = (int)g->m.k;
            g->m.slots[g->m.k++] = (int)slot;
        }
    }
    g->m.n = g->n_ids;
    size_t cells = g->m.n * g->m.k;
    g->m.y = xmalloc((cells ? cells : 1) * sizeof *g->m.y);
    source_ref *seen = xcalloc(cells ? cells : 1, sizeof *seen);
    for (size_t c = 0; c < cells; c++)
        g->m.y[c] = NAN;
    const office *of = &s->d->r->offices[g->m.office];
    for (size_t i = 0; i < g->n_rows; i++) {
        const answer_row *row = &g->rows[i];
        const model_node *item = &m->nodes[m->items[row->slot]];
        size_t cell = row->respondent * g->m.k + (size_t)column[row->slot];
        if (seen[cell].line) {
            diag_add(s->diags, DIAG_ERROR, row_file(s, row->src), row->src.line,
                     of->code, "duplicate",
                     "office %s (%s) %d: the same respondent answers %s "
                     "twice (here and at %s:%u)",
                     of->code, of->name_en, g->m.year, item->id,
                     row_file(s, seen[cell]), seen[cell].line);
            continue;
        }
        seen[cell] = row->src;
        g->m.y[cell] = 100.0 * (row->level - 1) /
                       (model_answer_levels(item) - 1);
    }
    free(seen);
    free(column);
}

/* Item scores, counts and the respondents of one group. */
static void settle_group(settling *s, answer_group *g)
{
    const model *m = s->yd->m;
    s->g = g;
    build_matrix(s, g);
    for (size_t j = 0; j < g->m.k; j++) {
        const model_node *item = &m->nodes[m->items[g->m.slots[j]]];
        int levels = model_answer_levels(item);
        double count[16] = {0};
        if (levels > 16)
            continue;
        for (size_t r = 0; r < g->m.n; r++) {
            double y = g->m.y[r * g->m.k + j];
            if (!isnan(y))
                count[(int)lround(y * (levels - 1) / 100)]++;
        }
        settle_item(s, j, count, levels);
    }
    const office *of = &s->d->r->offices[g->m.office];
    size_t at = (size_t)g->m.office * m->n_groups + g->m.tool;
    source_ref first = g->rows[0].src;
    if (!s->yd->resp_src[at].line) {
        s->yd->respondents[at] = (double)g->m.n;
        s->yd->resp_src[at] = first;
    } else if (s->yd->respondents[at] != (double)g->m.n) {
        diag_add(s->diags, DIAG_ERROR, row_file(s, s->yd->resp_src[at]),
                 s->yd->resp_src[at].line, of->code, "answers_mismatch",
                 "office %s (%s) %d: %s has %g respondents here, but %zu "
                 "respondents' answers (first at %s:%u)",
                 of->code, of->name_en, g->m.year, m->nodes[m->groups[g->m.tool]].id,
                 s->yd->respondents[at], g->m.n, row_file(s, first), first.line);
    }
    if (!s->yd->office_src[g->m.office].line)
        s->yd->office_src[g->m.office] = first;
    /* the ids have done their work: nothing keeps them */
    for (size_t i = 0; i < g->n_ids; i++)
        free(g->ids[i]);
    free(g->ids);
    free(g->table);
    free(g->rows);
    g->ids = NULL;
    g->table = NULL;
    g->rows = NULL;
    g->n_ids = g->n_rows = 0;
}

void respondent_answers_settle(dataset *d, diag_list *diags)
{
    if (!d->answers)
        return;
    for (size_t i = 0; i < d->answers->n; i++) {
        answer_group *g = &d->answers->groups[i];
        settling s = {d, dataset_year(d, g->m.year), diags, NULL};
        settle_group(&s, g);
    }
}

const answer_matrix *respondent_answers_find(const dataset *d, int year,
                                             int office, size_t tool)
{
    if (!d->answers)
        return NULL;
    answer_group *g = find_group(d->answers, year, office, tool, false);
    return g && g->m.y ? &g->m : NULL;
}

size_t respondent_answers_offices(const dataset *d, int year)
{
    if (!d->answers)
        return 0;
    bool *seen = xcalloc(d->r->n_offices + 1, sizeof *seen);
    size_t n = 0;
    for (size_t i = 0; i < d->answers->n; i++) {
        const answer_matrix *m = &d->answers->groups[i].m;
        if (m->year == year && !seen[m->office]) {
            seen[m->office] = true;
            n++;
        }
    }
    free(seen);
    return n;
}

void respondent_answers_free(struct answer_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++) {
        answer_group *g = &set->groups[i];
        for (size_t j = 0; j < g->n_ids; j++)
            free(g->ids[j]);
        free(g->ids);
        free(g->table);
        free(g->rows);
        free(g->m.slots);
        free(g->m.y);
    }
    free(set->groups);
    free(set);
}
