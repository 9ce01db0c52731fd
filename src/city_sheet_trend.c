/* The Trend sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "text.h"

#include <math.h>
#include <assert.h>
#include <stddef.h>
#include <stdlib.h>

/* The columns of a change compare two years of the series: a step into
 * year position arg from the one before it, or, with arg CURRENT_CHANGE,
 * the previous year into the current (report.previous, .current). */
#define CURRENT_CHANGE SIZE_MAX

/* How sure the scores of year position y are, or NULL. */
static const year_uncertainty *uncertainty_at(const report *rep, size_t y)
{
    return rep->year_uncertainty ? rep->year_uncertainty[y] : NULL;
}

/* The two years a change column compares: their positions in
 * report.years and how sure their scores are. */
typedef struct {
    size_t before, now;
    const year_uncertainty *uncertainty_before, *uncertainty_now;
} year_pair;

static year_pair pair_of(const report *rep, size_t arg)
{
    if (arg != CURRENT_CHANGE)
        return (year_pair){arg - 1, arg, uncertainty_at(rep, arg - 1),
                           uncertainty_at(rep, arg)};
    year_pair p = {0, 0, rep->previous_uncertainty, rep->uncertainty};
    for (size_t y = 0; y < rep->n_years; y++) {
        if (rep->years[y] == rep->previous)
            p.before = y;
        if (rep->years[y] == rep->current)
            p.now = y;
    }
    return p;
}

/* ---- the cells: the sheet is the city, the row's item an office_score
 * of the office (of the year the office was found in), the year position
 * or the change in the column's arg ---- */

static const city *cell_city(const xlsx_cell *cell)
{
    return cell->sheet;
}

static int cell_office(const xlsx_cell *cell)
{
    return ((const office_score *)cell->item)->office;
}

/* The office's score in year position y, or NULL. */
static const office_score *score_in(const xlsx_cell *cell, size_t y)
{
    return scores_find(cell_city(cell)->rep->years[y], cell_office(cell));
}

/* ITA of the year position in arg. */
static void cell_ita(const xlsx_cell *cell)
{
    const office_score *s = score_in(cell, cell->column->arg);
    xlsx_cell_number(cell, s ? s->ita_r2 : NAN);
}

/* Grade of the year position in arg, centred: the grade of that year's
 * framework. */
static void cell_grade(const xlsx_cell *cell)
{
    const office_score *s = score_in(cell, cell->column->arg);
    const model *m = cell_city(cell)->rep->years[cell->column->arg]->m;
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col,
                    s ? m->grades[s->grade].id : NULL, cell->b->f.center);
}

/* The column of year position y's ITA.  Change columns come after the
 * ITA columns they compare, and xlsx_write_rows hands each cell the
 * col-th entry of the table's array: the columns left of this one are
 * the entries before it. */
static lxw_col_t ita_column(const xlsx_cell *cell, size_t y)
{
    const xlsx_table_column *first = cell->column - cell->col;
    for (lxw_col_t k = 0; k < cell->col; k++)
        if (first[k].cell == cell_ita && first[k].arg == y)
            return k;
    /* the table puts every change right of the years it compares: a
     * program error, never a silent column A */
    assert(!"a change column without its ITA column");
    return 0;
}

/* The change: a formula on the row's two ITA cells; blank unless the
 * office has both years. */
static void cell_change(const xlsx_cell *cell)
{
    year_pair p = pair_of(cell_city(cell)->rep, cell->column->arg);
    const office_score *now = score_in(cell, p.now);
    const office_score *before = score_in(cell, p.before);
    if (!now || !before) {
        xlsx_cell_number(cell, NAN);
        return;
    }
    char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=%s-%s",
                                city_cell(a, cell->row, ita_column(cell, p.now)),
                                city_cell(b, cell->row,
                                          ita_column(cell, p.before))),
                      now->ita_r2 - before->ita_r2, cell->fmt);
}

/* How sure the change of the cell's office is (uncertainty.h); false
 * when either year's uncertainty is unknown. */
static bool change_known(const xlsx_cell *cell, uncertainty_change *ch)
{
    year_pair p = pair_of(cell_city(cell)->rep, cell->column->arg);
    return uncertainty_change_of(p.uncertainty_before, p.uncertainty_now, cell_office(cell),
                              MEASURE_ITA, ch) &&
           ch->basis != UNCERTAINTY_UNKNOWN;
}

/* The 95 % interval of the change, low and high end; blank when unknown. */
static void cell_change_low(const xlsx_cell *cell)
{
    uncertainty_change ch;
    xlsx_write_score(cell->b, cell->ws, cell->row, cell->col,
                     change_known(cell, &ch) ? ch.low : NAN);
}

static void cell_change_high(const xlsx_cell *cell)
{
    uncertainty_change ch;
    xlsx_write_score(cell->b, cell->ws, cell->row, cell->col,
                     change_known(cell, &ch) ? ch.high : NAN);
}

/* Whether the change is significant; blank when unknown. */
static void cell_change_significant(const xlsx_cell *cell)
{
    uncertainty_change ch;
    bool known = change_known(cell, &ch);
    xlsx_cell_text(cell, known ? city_significance(cell_city(cell),
                                                   ch.significant)
                               : NULL);
}

/* ---- the columns ---- */

/* The columns of a change, named with its two years (an Excel table's
 * headers must differ); the interval and significance only when both
 * years' uncertainty is known. */
static const struct {
    xlsx_table_column column;   /* headers: formats of the two years */
    bool needs_uncertainty;
} step_columns[] = {
    {{{"เปลี่ยนแปลง %d-%d", "Change %d-%d", 10, XLSX_SCORE}, cell_change, 0},
     false},
    {{{"ช่วง 95%% ต่ำสุด %d-%d", "95%% interval, low %d-%d", 9, XLSX_SCORE},
      cell_change_low, 0},
     true},
    {{{"ช่วง 95%% สูงสุด %d-%d", "95%% interval, high %d-%d", 9, XLSX_SCORE},
      cell_change_high, 0},
     true},
    {{{"มีนัยสำคัญ %d-%d", "Significant %d-%d", 11, XLSX_TEXT},
      cell_change_significant, 0},
     true},
};

/* The change since the previous year has plain headers (the title says
 * which years). */
static const xlsx_table_column current_change_columns[] = {
    {{"ช่วง 95% ต่ำสุด", "95% interval, low", 9, XLSX_SCORE}, cell_change_low,
     CURRENT_CHANGE},
    {{"ช่วง 95% สูงสุด", "95% interval, high", 9, XLSX_SCORE},
     cell_change_high, CURRENT_CHANGE},
    {{"เปลี่ยนอย่างมีนัยสำคัญ", "Significant change", 11, XLSX_TEXT},
     cell_change_significant, CURRENT_CHANGE},
};

/* True when year position y of the series is an earlier step: not the
 * current year (whose change has its own columns) and the year just after
 * the one before it in the input. */
static bool is_earlier_step(const report *rep, size_t y)
{
    return y > 0 && rep->years[y] && rep->years[y - 1] &&
           rep->years[y] != rep->current &&
           rep->years[y]->year == rep->years[y - 1]->year + 1;
}

/* A column with headers made from the formats th and en and two years
 * (kept in the pool). */
static xlsx_table_column year_column(city *c, xlsx_table_column col,
                                     int from, int to)
{
    col.col.th = city_pool(c, xasprintf(col.col.th, from, to));
    col.col.en = city_pool(c, xasprintf(col.col.en, from, to));
    return col;
}

/* The columns of the change into year position y; for CURRENT_CHANGE,
 * the change named with its years and its interval under plain headers
 * (the sheet's note says which years). */
static void add_step_columns(city *c, xlsx_columns *t, size_t y)
{
    const report *rep = c->rep;
    year_pair p = pair_of(rep, y);
    int from = rep->years[p.before]->year, to = rep->years[p.now]->year;
    bool uncertain = y == CURRENT_CHANGE ? rep->previous_uncertainty != NULL
                                    : p.uncertainty_before && p.uncertainty_now;
    size_t n_named = y == CURRENT_CHANGE
                         ? 1 : sizeof step_columns / sizeof *step_columns;
    for (size_t k = 0; k < n_named; k++)
        if (uncertain || !step_columns[k].needs_uncertainty) {
            xlsx_table_column col = step_columns[k].column;
            col.arg = y;
            xlsx_columns_add(t, year_column(c, col, from, to));
        }
    if (y == CURRENT_CHANGE && uncertain)
        xlsx_columns_add_all(t, current_change_columns,
                             sizeof current_change_columns /
                                 sizeof *current_change_columns);
}

/* Code, name, then ITA and grade of every year of the input (arg: the
 * year's position in report.years) with the earlier steps of the
 * series, and the change since the previous year when there is one. */
static void trend_columns(city *c, xlsx_columns *t)
{
    const report *rep = c->rep;
    xlsx_columns_add(t, city_code_column(c));
    xlsx_columns_add(t, city_name_column(c));
    for (size_t y = 0; y < rep->n_years; y++) {
        int year = rep->years[y]->year;
        xlsx_columns_add(t, (xlsx_table_column){
                                {city_pool(c, xasprintf("ITA ปี %d", year)),
                                 city_pool(c, xasprintf("ITA %d", year)), 9,
                                 XLSX_SCORE},
                                cell_ita, y});
        xlsx_columns_add(t, (xlsx_table_column){
                                {city_pool(c, xasprintf("ระดับ ปี %d", year)),
                                 city_pool(c, xasprintf("Grade %d", year)), 8,
                                 XLSX_TEXT},
                                cell_grade, y});
        if (is_earlier_step(rep, y))
            add_step_columns(c, t, y);
    }
    if (rep->previous)
        add_step_columns(c, t, CURRENT_CHANGE);
}

/* The office of row i (as an office_score of a year it was scored in):
 * this year's by rank, then, in the registry's order, those seen only
 * in other years (the first year that has them).  NULL past the end. */
static const void *trend_row(const void *sheet, size_t i)
{
    const city *c = sheet;
    const report *rep = c->rep;
    if (i < c->ys->n)
        return city_ranked(c, i);
    i -= c->ys->n;
    for (size_t o = 0; o < rep->r->n_offices; o++) {
        if (scores_find(c->ys, (int)o))
            continue;
        for (size_t y = 0; y < rep->n_years; y++) {
            const office_score *s = scores_find(rep->years[y], (int)o);
            if (s) {
                if (i-- == 0)
                    return s;
                break;
            }
        }
    }
    return NULL;
}

/* The rows of the table (trend_row). */
static size_t trend_rows(const city *c)
{
    size_t n = c->ys->n;
    while (trend_row(c, n))
        n++;
    return n;
}

void city_sheet_trend_write(city *c, lxw_worksheet *ws)
{
    const report *rep = c->rep;
    xlsx_columns t = {0};
    trend_columns(c, &t);
    xlsx_column *cols = xlsx_columns_layout(&t);
    city_title(c, ws, "แนวโน้ม ITA รายปี ถึงปีงบประมาณ", "ITA year by year, up to fiscal year");
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(t.n - 1), xlsx_columns_width(cols, t.n),
              rep->previous
                  ? city_tr(c, "การเปลี่ยนแปลงเป็นสูตร (ITA ปีนี้ - ปีก่อน); กราฟและการทดสอบ t "
                               "แบบจับคู่อยู่ในชีตแนวโน้มของเมือง",
                            "Change is a formula (this year's ITA - last year's); the "
                            "chart and the paired t-test are on the City trend sheet.")
                  : city_tr(c, "ข้อมูลนำเข้ามีผลเพียงปีเดียว (หรือไม่มีปีก่อนหน้าติดกัน): "
                               "ยังเปรียบเทียบการเปลี่ยนแปลงไม่ได้",
                            "The input has one year only (or not the year before): no "
                            "change to compare."),
              c->b->f.note);
    size_t n_rows = trend_rows(c);
    xlsx_write_rows(c->b, ws, CITY_FIRST, t.cols, t.n, n_rows, c, trend_row);
    for (size_t k = 0; k < t.n; k++)
        if (t.cols[k].cell == cell_grade && n_rows > 0)
            city_note_err(c, xlsx_grade_colours(
                                 c->b, ws, CITY_FIRST, (lxw_col_t)k,
                                 city_last_row(n_rows), (lxw_col_t)k, false));
    city_finish_columns(c, ws, &t, n_rows, "Trend", 2);
    free(cols);
    xlsx_columns_free(&t);
}
