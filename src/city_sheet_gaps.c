/* The Gaps sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "textlayout.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum gap_field { GP_RANK, GP_CODE, GP_NAME, GP_GAP, GP_LOSS, GP_TOTAL };

/* Rank, code and office, the gap of every headline measure, the ITA lost
 * to every indicator (measure: the indicator's), and their total. */
static void gaps_layout(city *c, city_layout *l)
{
    city_lay_add(l, "อันดับ", "Rank", 6, XLSX_INT, GP_RANK, 0);
    city_lay_add(l, "รหัส", "Code", c->w_code, XLSX_TEXT, GP_CODE, 0);
    city_lay_add(l, "สำนักงานเขต", "Office", c->w_name, XLSX_TEXT, GP_NAME, 0);
    for (size_t j = 0; j < c->n_main; j++) {
        const char *id = city_measure_id(c, c->main[j]);
        city_lay_add(l, city_keep(c, xasprintf("ขาด %s", id)),
                     city_keep(c, xasprintf("Gap %s", id)), 8, XLSX_SCORE, GP_GAP,
                     c->main[j]);
    }
    for (size_t i = 0; i < c->m->n_indicators; i++) {
        const char *id = c->m->nodes[c->m->indicators[i]].id;
        city_lay_add(l, city_keep(c, xasprintf("ITA ที่เสียจาก %s", id)),
                     city_keep(c, xasprintf("ITA lost to %s", id)), 9, XLSX_SCORE,
                     GP_LOSS, 1 + (size_t)c->m->indicators[i]);
    }
    city_lay_add(l, "ITA ที่เสียรวมทุกตัวชี้วัด", "ITA lost, all indicators", 10,
                 XLSX_SCORE, GP_TOTAL, 0);

}

/* The rank, code or name of office s (field) at (r, col). */
static void write_identity(city *c, lxw_worksheet *ws, lxw_row_t r,
                           lxw_col_t col, int field, const office_score *s,
                           lxw_format *f)
{
    if (field == GP_RANK)
        xlsx_write_number(c->b, ws, r, col, s->rank, f);
    else if (field == GP_CODE)
        xlsx_write_text(c->b, ws, r, col, c->rep->r->offices[s->office].code, f);
    else
        xlsx_write_text(c->b, ws, r, col, xlsx_office_name(c->rep, s->office), f);
}

/* The value of office s's cell in column k of l (a gap, or the ITA lost
 * to a measure): what write_gap_cell caches and gap_totals adds up; 0 for
 * other columns. */
static double gap_value(const city *c, const city_layout *l, size_t k,
                        const office_score *s)
{
    if (l->field[k] != GP_GAP && l->field[k] != GP_LOSS)
        return 0;
    size_t measure = l->measure[k];
    double gap = score_gap(c->ys->target,
                           score_round2(scores_value(s, measure)));
    return l->field[k] == GP_LOSS ? c->m->nodes[measure - 1].ita_weight * gap
                                  : gap;
}

/* The cell of office s in column k of l (a gap, or with GP_LOSS the ITA
 * points it loses there: the gap times the measure's weight in ITA) at
 * (r, k), as a formula on Target; returns its value. */
static double write_gap_cell(city *c, lxw_worksheet *ws, lxw_row_t r,
                             const city_layout *l, size_t k,
                             const office_score *s, lxw_format *f)
{
    size_t measure = l->measure[k];
    if (isnan(scores_value(s, measure))) {
        /* published figures only, below their level: no score, no gap */
        xlsx_write_number(c->b, ws, r, (lxw_col_t)k, NAN, f);
        return 0;
    }
    double value = gap_value(c, l, k, s);
    char shown[32];   /* the score as a number of 2 decimals */
    snprintf(shown, sizeof shown, "%.2f",
             score_round2(scores_value(s, measure)));
    if (l->field[k] == GP_GAP) {
        xlsx_write_gap(c->b, ws, r, (lxw_col_t)k, shown, value, f);
        return value;
    }
    char *expr = xlsx_gap_expr(shown);
    xlsx_take_formula(c->b, ws, r, (lxw_col_t)k,
                     xasprintf("=%.10g*%s",
                               c->m->nodes[measure - 1].ita_weight, expr),
                     value, f);
    free(expr);
    return value;
}

/* The row of the office of rank i + 1. */
static void write_gaps_row(city *c, lxw_worksheet *ws, const city_layout *l,
                           size_t i, lxw_format *gap_fmt)
{
    lxw_col_t first_loss = city_lay_find(l, GP_LOSS),
              total_col = city_lay_find(l, GP_TOTAL);
    const office_score *s = city_ranked(c, i);
    lxw_row_t r = (lxw_row_t)(CITY_FIRST + i);
    double total = 0;
    for (size_t k = 0; k < l->n; k++) {
        lxw_col_t col = (lxw_col_t)k;
        lxw_format *f = l->cols[k].kind == XLSX_SCORE
                            ? gap_fmt
                            : city_fmt(c, l->cols[k].kind);
        int field = l->field[k];
        if (field == GP_GAP || field == GP_LOSS) {
            double v = write_gap_cell(c, ws, r, l, k, s, f);
            total += field == GP_LOSS ? v : 0;
        } else if (field == GP_TOTAL) {
            char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
            xlsx_take_formula(
                c->b, ws, r, col,
                xasprintf("=SUM(%s:%s)", city_cell(a, r, first_loss),
                          city_cell(b, r, (lxw_col_t)(total_col - 1))),
                total, f);
        } else {
            write_identity(c, ws, r, col, field, s, f);
        }
    }
}


/* The city total of every column (column_total, l->n values), in the
 * order the rows are written, and the columns of l widened to show their
 * total in bold, never "###".  Before any row: a streamed sheet's column
 * widths are set before its cells. */
static void gap_totals(city *c, city_layout *l, double *column_total)
{
    for (size_t i = 0; i < c->ys->n; i++) {
        const office_score *s = city_ranked(c, i);
        double total = 0;
        for (size_t k = 0; k < l->n; k++) {
            double v = gap_value(c, l, k, s);
            column_total[k] += v;
            total += l->field[k] == GP_LOSS ? v : 0;
            if (l->field[k] == GP_TOTAL)
                column_total[k] += total;
        }
    }
    for (size_t k = 0; k < l->n; k++) {
        if (l->field[k] != GP_GAP && l->field[k] != GP_LOSS &&
            l->field[k] != GP_TOTAL)
            continue;
        char shown[48];   /* a digit more for the bold */
        snprintf(shown, sizeof shown, "%.2f0", column_total[k]);
        const char *texts[] = {shown};
        l->cols[k].width = city_fit_width(c, l->cols[k].width, 20, texts, 1);
    }
}

/* City totals under the table: where the city's points are lost. */
static void write_city_totals(city *c, lxw_worksheet *ws,
                              const city_layout *l, const double *column_total)
{
    const year_scores *ys = c->ys;
    lxw_row_t tr_row = (lxw_row_t)(city_last_row(ys->n) + 1);
    xlsx_write_text(c->b, ws, tr_row, 2, city_tr(c, "รวมทั้งเมือง", "City total"), city_bold(c, XLSX_TEXT));
    for (size_t k = 0; k < l->n; k++) {
        if (l->field[k] != GP_GAP && l->field[k] != GP_LOSS &&
            l->field[k] != GP_TOTAL)
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
    city_layout l = {0};
    gaps_layout(c, &l);
    city_title(c, ws, "ส่วนที่ขาดจากเป้าหมาย ปีงบประมาณ", "Gaps to the target, fiscal year");
    city_note(c, ws, 1, (lxw_col_t)(l.n - 1), xlsx_columns_width(l.cols, l.n),
              city_tr(c, "ขาด = max(0, Target - คะแนน) เป็นสูตรที่อ้างอิงช่อง Target; "
                         "ITA ที่เสีย = น้ำหนักของตัวชี้วัดใน ITA (จากโมเดล) x ส่วนที่ขาด "
                         "คือคะแนน ITA ที่เขตจะได้เพิ่มถ้าตัวชี้วัดนั้นถึงเป้าหมาย",
                      "Gap = max(0, Target - score), a formula on the Target cell; ITA "
                      "lost = the indicator's weight in ITA (from the model) x its gap: "
                      "the ITA points the office would gain if the indicator reached the "
                      "target."),
              c->b->f.note);
    /* no gap reads as a dash, so that the shortfalls stand out */
    lxw_format *gap_fmt = xlsx_derived_format(c->b, XLSX_SCORE,
                                              "0.00;-0.00;\"-\"");
    const year_scores *ys = c->ys;
    lxw_col_t total_col = city_lay_find(&l, GP_TOTAL);
    double *column_total = xcalloc(l.n, sizeof *column_total);
    gap_totals(c, &l, column_total);
    city_filtered_header(c, ws, &l, ys->n, 3, TEXTLAYOUT_NORMAL_PT);
    for (size_t i = 0; i < ys->n; i++)
        write_gaps_row(c, ws, &l, i, gap_fmt);
    write_city_totals(c, ws, &l, column_total);
    free(column_total);
    lxw_conditional_format bar = {.type = LXW_CONDITIONAL_DATA_BAR,
                                  .bar_color = 0xF1948A};
    city_note_err(c, worksheet_conditional_format_range(
                         ws, CITY_FIRST, total_col, city_last_row(ys->n),
                         total_col, &bar));
    city_lay_free(&l);
}
