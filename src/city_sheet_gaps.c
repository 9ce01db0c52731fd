/* The Gaps sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "textlayout.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* What the Gaps sheet's cells read: the city, the format of the gaps,
 * and the table's columns (the total sums the ITA lost on its row). */
typedef struct {
    city *c;
    lxw_format *gap_fmt;   /* no gap reads as a dash */
    const xlsx_columns *t;
} gaps;

static const void *gaps_row(const void *sheet, size_t i)
{
    return city_ranked(((const gaps *)sheet)->c, i);
}

static const gaps *cell_gaps(const xlsx_cell *cell)
{
    return cell->sheet;
}

static const office_score *cell_office(const xlsx_cell *cell)
{
    return cell->item;
}

/* The gap of office s to the target on measure, and the ITA points it
 * loses there (the gap times the measure's weight in ITA); 0 without a
 * score (score_gap). */
static double gap_of(const city *c, size_t measure, const office_score *s)
{
    return score_gap(c->ys->target, score_round2(scores_value(s, measure)));
}

static double loss_of(const city *c, size_t measure, const office_score *s)
{
    return c->m->nodes[measure - 1].ita_weight * gap_of(c, measure, s);
}

/* The cell's score on its column's measure (arg) as a number of 2
 * decimals in shown, for the formulas on Target; false, with the cell
 * left blank, for published figures only below their level (no score, no
 * gap). */
static bool shown_score(const xlsx_cell *cell, char shown[static 32])
{
    double score = scores_value(cell_office(cell), cell->column->arg);
    if (isnan(score)) {
        xlsx_write_number(cell->b, cell->ws, cell->row, cell->col, NAN,
                          cell_gaps(cell)->gap_fmt);
        return false;
    }
    snprintf(shown, 32, "%.2f", score_round2(score));
    return true;
}

/* The gap of the column's measure, as a formula on Target. */
static void gap_cell(const xlsx_cell *cell)
{
    const gaps *g = cell_gaps(cell);
    char shown[32];
    if (shown_score(cell, shown))
        xlsx_write_gap(cell->b, cell->ws, cell->row, cell->col, shown,
                       gap_of(g->c, cell->column->arg, cell_office(cell)),
                       g->gap_fmt);
}

/* The ITA points lost to the column's indicator, as a formula on Target. */
static void loss_cell(const xlsx_cell *cell)
{
    const gaps *g = cell_gaps(cell);
    size_t measure = cell->column->arg;
    char shown[32];
    if (!shown_score(cell, shown))
        return;
    char *expr = xlsx_gap_expr(shown);
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=%.10g*%s",
                                g->c->m->nodes[measure - 1].ita_weight, expr),
                      loss_of(g->c, measure, cell_office(cell)), g->gap_fmt);
    free(expr);
}

/* The ITA office s loses to all indicators: the sum of its loss columns,
 * in their order (the value total_cell caches). */
static double total_of(const gaps *g, const office_score *s)
{
    double total = 0;
    for (size_t k = 0; k < g->t->n; k++)
        if (g->t->cols[k].cell == loss_cell)
            total += loss_of(g->c, g->t->cols[k].arg, s);
    return total;
}

/* The sum of the row's loss columns, which stand right before it (a model
 * has items, so indicators: model.c). */
static void total_cell(const xlsx_cell *cell)
{
    const gaps *g = cell_gaps(cell);
    char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
    xlsx_take_formula(
        cell->b, cell->ws, cell->row, cell->col,
        xasprintf("=SUM(%s:%s)",
                  city_cell(a, cell->row, city_column_of(g->t, loss_cell)),
                  city_cell(b, cell->row, (lxw_col_t)(cell->col - 1))),
        total_of(g, cell_office(cell)), g->gap_fmt);
}

/* Rank, code and office, the gap of every headline measure, the ITA lost
 * to every indicator (arg: the measure), and their total. */
static void gaps_columns(city *c, xlsx_columns *t)
{
    xlsx_columns_add_all(t, (xlsx_table_column[]){city_rank_column(c),
                                                  city_code_column(c),
                                                  city_name_column(c)}, 3);
    for (size_t j = 0; j < c->n_main; j++) {
        const char *id = city_measure_id(c, c->main[j]);
        xlsx_columns_add(t, (xlsx_table_column){
                                {city_pool(c, xasprintf("ขาด %s", id)),
                                 city_pool(c, xasprintf("Gap %s", id)), 8,
                                 XLSX_SCORE},
                                gap_cell, c->main[j]});
    }
    for (size_t i = 0; i < c->m->n_indicators; i++) {
        const char *id = c->m->nodes[c->m->indicators[i]].id;
        xlsx_columns_add(t, (xlsx_table_column){
                                {city_pool(c, xasprintf("ITA ที่เสียจาก %s", id)),
                                 city_pool(c, xasprintf("ITA lost to %s", id)), 9,
                                 XLSX_SCORE},
                                loss_cell, 1 + (size_t)c->m->indicators[i]});
    }
    xlsx_columns_add(t, (xlsx_table_column){{"ITA ที่เสียรวมทุกตัวชี้วัด",
                                             "ITA lost, all indicators", 10,
                                             XLSX_SCORE},
                                            total_cell, 0});
}

/* Office s's value in column k (a gap, ITA lost or its total; 0 in the
 * others): what the column's cells cache and its city total adds up. */
static double column_value(const gaps *g, size_t k, const office_score *s)
{
    const xlsx_table_column *col = &g->t->cols[k];
    if (col->cell == gap_cell)
        return gap_of(g->c, col->arg, s);
    if (col->cell == loss_cell)
        return loss_of(g->c, col->arg, s);
    return col->cell == total_cell ? total_of(g, s) : 0;
}

static bool is_summed(const xlsx_table_column *col)
{
    return col->cell == gap_cell || col->cell == loss_cell ||
           col->cell == total_cell;
}

/* The city total of every column (column_total, t->n values), in the
 * order the rows are written, and the summed columns widened to show
 * their total in bold, never "###".  Before any row: a streamed sheet's
 * column widths are set before its cells. */
static void gap_totals(const gaps *g, xlsx_columns *t, double *column_total)
{
    for (size_t i = 0; i < g->c->ys->n; i++) {
        const office_score *s = city_ranked(g->c, i);
        for (size_t k = 0; k < t->n; k++)
            column_total[k] += column_value(g, k, s);
    }
    for (size_t k = 0; k < t->n; k++) {
        if (!is_summed(&t->cols[k]))
            continue;
        char shown[48];   /* a digit more for the bold */
        snprintf(shown, sizeof shown, "%.2f0", column_total[k]);
        const char *texts[] = {shown};
        t->cols[k].col.width =
            city_fit_width(g->c, t->cols[k].col.width, 20, texts, 1);
    }
}

/* City totals under the table: where the city's points are lost. */
static void write_city_totals(city *c, lxw_worksheet *ws,
                              const xlsx_columns *t, const double *column_total)
{
    const year_scores *ys = c->ys;
    lxw_row_t tr_row = (lxw_row_t)(city_last_row(ys->n) + 1);
    xlsx_write_text(c->b, ws, tr_row, city_column_of(t, city_cell_name),
                    city_tr(c, "รวมทั้งเมือง", "City total"),
                    city_bold(c, XLSX_TEXT));
    for (size_t k = 0; k < t->n; k++) {
        if (!is_summed(&t->cols[k]))
            continue;
        char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
        xlsx_take_formula(
            c->b, ws, tr_row, (lxw_col_t)k,
            xasprintf("=SUM(%s:%s)", city_cell(a, CITY_FIRST, (lxw_col_t)k),
                      city_cell(b, city_last_row(ys->n), (lxw_col_t)k)),
            column_total[k], city_bold(c, XLSX_SCORE));
    }
}

void city_sheet_gaps_write(city *c, lxw_worksheet *ws)
{
    xlsx_columns t = {0};
    gaps_columns(c, &t);
    xlsx_column *layout = xlsx_columns_layout(&t);
    city_title(c, ws, "ส่วนที่ขาดจากเป้าหมาย ปีงบประมาณ", "Gaps to the target, fiscal year");
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(t.n - 1), xlsx_columns_width(layout, t.n),
              city_tr(c, "ขาด = max(0, Target - คะแนน) เป็นสูตรที่อ้างอิงช่อง Target; "
                         "ITA ที่เสีย = น้ำหนักของตัวชี้วัดใน ITA (จากโมเดล) x ส่วนที่ขาด "
                         "คือคะแนน ITA ที่เขตจะได้เพิ่มถ้าตัวชี้วัดนั้นถึงเป้าหมาย",
                      "Gap = max(0, Target - score), a formula on the Target cell; ITA "
                      "lost = the indicator's weight in ITA (from the model) x its gap: "
                      "the ITA points the office would gain if the indicator reached the "
                      "target."),
              c->b->f.note);
    free(layout);
    gaps g = {c, xlsx_derived_format(c->b, XLSX_SCORE, "0.00;-0.00;\"-\""), &t};
    const year_scores *ys = c->ys;
    double *column_total = xcalloc(t.n, sizeof *column_total);
    gap_totals(&g, &t, column_total);
    city_filtered_columns(c, ws, &t, ys->n, (lxw_col_t)(city_column_of(&t, city_cell_name) + 1),
                          TEXTLAYOUT_NORMAL_PT);
    xlsx_write_rows(c->b, ws, CITY_FIRST, t.cols, t.n, ys->n, &g, gaps_row);
    write_city_totals(c, ws, &t, column_total);
    free(column_total);
    lxw_col_t total_col = city_column_of(&t, total_cell);
    lxw_conditional_format bar = {.type = LXW_CONDITIONAL_DATA_BAR,
                                  .bar_color = 0xF1948A};
    city_note_err(c, worksheet_conditional_format_range(
                         ws, CITY_FIRST, total_col, city_last_row(ys->n),
                         total_col, &bar));
    xlsx_columns_free(&t);
}
