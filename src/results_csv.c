#include "results_csv.h"
#include "csvout.h"
#include "outfile.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the columns of results_<year>.csv ----------------------------------
 * One table: each column is its name and the getter of its cell.  The
 * model's tools and indicators, and the respondents of survey tools, add a
 * column each (node or tool position in arg), after the fixed ones. */

typedef struct {
    const year_scores *ys;
    const office_score *s;
    const office *of;
    size_t arg;              /* the column's own parameter */
    const year_uncertainty *yu;  /* how sure ys is (uncertainty.h) */
    size_t pos;              /* s's position in ys->offices */
} result_row;

typedef struct {
    enum { CELL_TEXT, CELL_SCORE, CELL_COUNT, CELL_CHANCE } kind;
    const char *text;        /* CELL_TEXT */
    double number;           /* CELL_SCORE (2 decimals), CELL_COUNT,
                                CELL_CHANCE (0..1, 4 decimals) */
    char buf[16];            /* room for a text made by the getter */
} result_cell;

typedef void (*result_getter)(const result_row *row, result_cell *cell);

typedef struct {
    char *name;              /* owned */
    result_getter get;
    size_t arg;
} result_column;

static void text_cell(result_cell *cell, const char *text)
{
    cell->kind = CELL_TEXT;
    cell->text = text;
}

static void number_cell(result_cell *cell, bool score, double number)
{
    cell->kind = score ? CELL_SCORE : CELL_COUNT;
    cell->number = number;
}

static void get_year(const result_row *r, result_cell *c)
{
    snprintf(c->buf, sizeof c->buf, "%d", r->ys->year);
    text_cell(c, c->buf);
}

static void get_code(const result_row *r, result_cell *c)
{
    text_cell(c, r->of->code);
}

static void get_name_th(const result_row *r, result_cell *c)
{
    text_cell(c, r->of->name_th);
}

static void get_name_en(const result_row *r, result_cell *c)
{
    text_cell(c, r->of->name_en);
}

static void get_zone(const result_row *r, result_cell *c)
{
    text_cell(c, r->ys->r->zones[r->of->zone].name_th);
}

static void get_ita(const result_row *r, result_cell *c)
{
    number_cell(c, true, r->s->ita_r2);
}

static void get_grade(const result_row *r, result_cell *c)
{
    text_cell(c, r->ys->m->grades[r->s->grade].id);
}

static void get_pass(const result_row *r, result_cell *c)
{
    number_cell(c, false, r->s->pass);
}

static void get_gap(const result_row *r, result_cell *c)
{
    number_cell(c, true, r->s->gap);
}

static void get_rank(const result_row *r, result_cell *c)
{
    number_cell(c, false, r->s->rank);
}

static void get_zone_rank(const result_row *r, result_cell *c)
{
    number_cell(c, false, r->s->zone_rank);
}

/* arg: a model node (tool or indicator) */
static void get_node_score(const result_row *r, result_cell *c)
{
    number_cell(c, true, score_round2(r->s->node[r->arg]));
}

/* arg: a respondent group's position in model.groups (a tool, or a part) */
static void get_respondents(const result_row *r, result_cell *c)
{
    number_cell(c, false, r->s->respondents[r->arg]);
}

/* blank for an office scored from published figures (no items) */
static void get_items_below(const result_row *r, result_cell *c)
{
    number_cell(c, false,
                scores_from_items(r->s) ? (double)r->s->items_below : NAN);
}

/* "items", or the level of the published figures it was scored from */
static void get_scored_from(const result_row *r, result_cell *c)
{
    text_cell(c, scores_basis_name(r->s->basis, LANG_EN));
}

/* How sure the ITA is (uncertainty.h): blank when unknown. */
static void get_ita_se(const result_row *r, result_cell *c)
{
    number_cell(c, true,
                score_round2(uncertainty_of(r->yu, r->pos, MEASURE_ITA).se));
}

static void get_ita_low(const result_row *r, result_cell *c)
{
    number_cell(c, true,
                score_round2(uncertainty_of(r->yu, r->pos, MEASURE_ITA).low));
}

static void get_ita_high(const result_row *r, result_cell *c)
{
    number_cell(c, true,
                score_round2(uncertainty_of(r->yu, r->pos, MEASURE_ITA).high));
}

static void get_p_pass(const result_row *r, result_cell *c)
{
    c->kind = CELL_CHANCE;
    c->number = r->yu->offices[r->pos].p_pass;
}

/* 0 (not simulated or unknown) is a blank cell */
static void get_rank_low(const result_row *r, result_cell *c)
{
    int rank = r->yu->offices[r->pos].rank_low;
    number_cell(c, false, rank ? rank : NAN);
}

static void get_rank_high(const result_row *r, result_cell *c)
{
    int rank = r->yu->offices[r->pos].rank_high;
    number_cell(c, false, rank ? rank : NAN);
}

/* Where the ITA's SE came from: "respondents", "sd", "counts", "bound",
 * or empty when unknown (uncertainty_basis_name). */
static void get_se_method(const result_row *r, result_cell *c)
{
    c->kind = CELL_TEXT;
    c->text = uncertainty_basis_name(
        uncertainty_of(r->yu, r->pos, MEASURE_ITA).basis);
}

static const struct {
    const char *name;
    result_getter get;
} leading_columns[] = {
    {"year", get_year},        {"office_code", get_code},
    {"office_name_th", get_name_th}, {"office_name_en", get_name_en},
    {"zone", get_zone},        {"ita", get_ita},
    {"grade", get_grade},      {"pass", get_pass},
    {"gap_to_target", get_gap}, {"rank", get_rank},
    {"zone_rank", get_zone_rank},
}, uncertainty_columns[] = {
    {"ita_se", get_ita_se},     {"ita_low", get_ita_low},
    {"ita_high", get_ita_high}, {"p_pass", get_p_pass},
    {"rank_low", get_rank_low}, {"rank_high", get_rank_high},
    {"se_method", get_se_method},
};

static void add_column(result_column **cols, size_t *n, char *name,
                       result_getter get, size_t arg)
{
    *cols = xrealloc(*cols, (*n + 1) * sizeof **cols);
    (*cols)[(*n)++] = (result_column){name, get, arg};
}

/* The columns for a model, in order; *n receives their count.  Free with
 * free_columns. */
static result_column *results_columns(const model *m, size_t *n)
{
    result_column *cols = NULL;
    *n = 0;
    for (size_t i = 0; i < sizeof leading_columns / sizeof *leading_columns; i++)
        add_column(&cols, n, xstrdup(leading_columns[i].name),
                   leading_columns[i].get, 0);
    for (size_t t = 0; t < m->n_tools; t++)
        add_column(&cols, n, text_ascii_lower(m->nodes[m->tools[t]].id),
                   get_node_score, (size_t)m->tools[t]);
    for (size_t i = 0; i < m->n_indicators; i++)
        add_column(&cols, n, text_ascii_lower(m->nodes[m->indicators[i]].id),
                   get_node_score, (size_t)m->indicators[i]);
    /* the respondents of each tool answered by respondents, or of each of
     * its parts (n_eit_part1...): each part has its own */
    for (size_t g = 0; g < m->n_groups; g++) {
        const model_node *group = &m->nodes[m->groups[g]];
        if (model_has_respondents(&m->nodes[group->tool])) {
            char *id = text_ascii_lower(group->id);
            add_column(&cols, n, xasprintf("n_%s", id), get_respondents, g);
            free(id);
        }
    }
    add_column(&cols, n, xstrdup("items_below_target"), get_items_below, 0);
    for (size_t i = 0;
         i < sizeof uncertainty_columns / sizeof *uncertainty_columns; i++)
        add_column(&cols, n, xstrdup(uncertainty_columns[i].name),
                   uncertainty_columns[i].get, 0);
    add_column(&cols, n, xstrdup("scored_from"), get_scored_from, 0);
    return cols;
}

/* A chance from 0 to 1 with 4 decimals; an empty field when NAN. */
static void write_chance(FILE *out, double chance)
{
    fputc(',', out);
    if (!isnan(chance))
        fprintf(out, "%.4f", chance);
}

static void free_columns(result_column *cols, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cols[i].name);
    free(cols);
}

static void write_row(FILE *out, const result_column *cols, size_t n,
                      const year_scores *ys, const year_uncertainty *yu,
                      const office_score *s)
{
    for (size_t i = 0; i < n; i++) {
        result_row row = {ys, s, &ys->r->offices[s->office], cols[i].arg,
                          yu, (size_t)(s - ys->offices)};
        result_cell cell;
        cols[i].get(&row, &cell);
        if (cell.kind == CELL_TEXT)
            csvout_field(out, cell.text, i == 0);
        else if (cell.kind == CELL_SCORE)
            csvout_score(out, cell.number);
        else if (cell.kind == CELL_CHANCE)
            write_chance(out, cell.number);
        else
            csvout_count(out, cell.number);
    }
    csvout_end(out);
}

/* An office not scored (--skip-incomplete): its year, code, names and
 * zone, "not scored: N items missing" in the grade column, the rest
 * blank. */
static void write_unscored_row(FILE *out, const result_column *cols, size_t n,
                               const year_scores *ys, size_t i)
{
    const office *of = &ys->r->offices[ys->unscored[i]];
    char year[16];
    snprintf(year, sizeof year, "%d", ys->year);
    char *mark = xasprintf("not scored: %zu items missing",
                           ys->unscored_missing[i]);
    const struct { const char *name, *value; } known[] = {
        {"year", year}, {"office_code", of->code},
        {"office_name_th", of->name_th}, {"office_name_en", of->name_en},
        {"zone", ys->r->zones[of->zone].name_th}, {"grade", mark}};
    for (size_t c = 0; c < n; c++) {
        const char *value = "";
        for (size_t k = 0; k < sizeof known / sizeof *known; k++)
            if (strcmp(cols[c].name, known[k].name) == 0)
                value = known[k].value;
        csvout_field(out, value, c == 0);
    }
    csvout_end(out);
    free(mark);
}

bool results_csv_write(const report *rep, const char *path)
{
    outfile f;
    if (!outfile_open(&f, path, true))
        return false;
    const year_scores *ys = rep->current;
    size_t n;
    result_column *cols = results_columns(rep->m, &n);
    for (size_t i = 0; i < n; i++)
        csvout_field(f.fp, cols[i].name, i == 0);
    csvout_end(f.fp);
    for (size_t pos = 0; pos < ys->n; pos++)
        write_row(f.fp, cols, n, ys, rep->uncertainty,
                  &ys->offices[ys->by_rank[pos]]);
    for (size_t i = 0; i < ys->n_unscored; i++)
        write_unscored_row(f.fp, cols, n, ys, i);
    free_columns(cols, n);
    return outfile_commit(&f);
}

bool data_quality_csv_write(const report *rep, const char *path)
{
    static const char *const header[] = {"severity", "office_code", "file",
                                         "line", "check", "message"};
    outfile f;
    if (!outfile_open(&f, path, true))
        return false;
    for (size_t i = 0; i < 6; i++)
        csvout_field(f.fp, header[i], i == 0);
    csvout_end(f.fp);
    for (size_t i = 0; i < rep->diags->n; i++) {
        const diag *d = &rep->diags->items[i];
        csvout_field(f.fp, diag_severity_name(d->severity), true);
        csvout_field(f.fp, d->office_code ? d->office_code : "", false);
        csvout_field(f.fp, d->file ? d->file : "", false);
        csvout_count(f.fp, d->line ? (double)d->line : NAN);
        csvout_field(f.fp, d->check, false);
        csvout_field(f.fp, d->message, false);
        csvout_end(f.fp);
    }
    if (rep->diags->dropped) {
        /* the list keeps DIAG_KEEP findings; say how many more there were */
        char *message = xasprintf("%zu more findings were not kept; fix the "
                                  "ones above and run again",
                                  rep->diags->dropped);
        csvout_field(f.fp, "note", true);
        csvout_field(f.fp, "", false);
        csvout_field(f.fp, "", false);
        csvout_count(f.fp, NAN);
        csvout_field(f.fp, "not_kept", false);
        csvout_field(f.fp, message, false);
        csvout_end(f.fp);
        free(message);
    }
    return outfile_commit(&f);
}
