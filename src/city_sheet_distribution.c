/* The Distribution sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "textlayout.h"
#include "text.h"

#include <stddef.h>
#include <stdlib.h>

static const char *measure_label(const city *c, size_t k)
{
    if (k == MEASURE_ITA)
        return city_tr(c, "คะแนน ITA (รวม)", "ITA (overall)");
    return xlsx_node_label(c->rep, (int)k - 1);
}

/* Returns a new text naming the outliers, one office a line (so that the
 * row's height counts every one of them): "low: A (61.20)\nB (62.00)\n
 * high: C (99.10)". */
static char *outlier_text(const city *c, const stats_outliers *o, size_t k)
{
    char *text = xstrdup("");
    for (size_t part = 0; part < 2; part++) {
        size_t from = part ? o->n_low : 0;
        size_t to = part ? o->n_low + o->n_high : o->n_low;
        if (from == to)
            continue;
        char *list = xstrdup("");
        for (size_t i = from; i < to; i++) {
            const office_score *s = &c->ys->offices[o->offices[i]];
            char *next = xasprintf("%s%s%s (%.2f)", list, i > from ? "\n" : "",
                                   xlsx_office_name(c->rep, s->office),
                                   score_round2(scores_value(s, k)));
            free(list);
            list = next;
        }
        char *next = xasprintf("%s%s%s: %s", text, *text ? "\n" : "",
                               part ? city_tr(c, "สูง", "high") : city_tr(c, "ต่ำ", "low"),
                               list);
        free(list);
        free(text);
        text = next;
    }
    return text;
}

/* The summary statistics table: one row per headline measure
 * (c->main), the measure in the row's item. */
typedef struct {
    city *c;
    lxw_row_t ind_last;   /* the Indicators sheet's last data row, which
                             the counts below target refer to */
} distribution_sheet;

static const void *main_at(const void *sheet, size_t j)
{
    return &((const distribution_sheet *)sheet)->c->main[j];
}

static city *cell_city(const xlsx_cell *cell)
{
    return ((const distribution_sheet *)cell->sheet)->c;
}

static size_t cell_measure(const xlsx_cell *cell)
{
    return *(const size_t *)cell->item;
}

static const stats_summary *cell_stats(const xlsx_cell *cell)
{
    return &cell_city(cell)->cs->city[cell_measure(cell)];
}

static void id_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, city_measure_id(cell_city(cell), cell_measure(cell)));
}

static void label_cell(const xlsx_cell *cell)
{
    const char *label = measure_label(cell_city(cell), cell_measure(cell));
    xlsx_cell_text(cell, label);
    xlsx_cell_fit(cell, label, cell->column->col.width);
}

static void n_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, (double)cell_stats(cell)->n);
}

static void stat_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, city_stat_at(cell_stats(cell), cell->column->arg));
}

/* Offices below Target: a formula on the measure's column of the
 * Indicators sheet (the row's index is the measure's place in c->main). */
static void below_cell(const xlsx_cell *cell)
{
    const distribution_sheet *d = cell->sheet;
    char *range = city_column_range(d->c, CITY_INDICATORS, CITY_FIRST,
                                    d->ind_last,
                                    (lxw_col_t)(d->c->ind_first + cell->index));
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=SUMPRODUCT(--(ROUND(%s,2)<Target))", range),
                      (double)cell_stats(cell)->below_target, cell->fmt);
    free(range);
}

static lxw_col_t distribution_column_of(xlsx_cell_fn cell);

/* The share below Target: a formula on the row's count of offices and
 * count below. */
static void share_cell(const xlsx_cell *cell)
{
    char n[LXW_MAX_CELL_NAME_LENGTH], below[LXW_MAX_CELL_NAME_LENGTH];
    city_cell(n, cell->row, distribution_column_of(n_cell));
    city_cell(below, cell->row, distribution_column_of(below_cell));
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=IF(%s>0,%s/%s,0)", n, below, n),
                      cell_stats(cell)->share_below, cell->fmt);
}

static void outliers_cell(const xlsx_cell *cell)
{
    const city *c = cell_city(cell);
    stats_outliers o;
    stats_tukey(c->cs, cell_measure(cell), &o);
    char *text = outlier_text(c, &o, cell_measure(cell));
    xlsx_cell_text(cell, text);
    xlsx_cell_fit(cell, text, cell->column->col.width);
    free(text);
    stats_outliers_free(&o);
}

#define STAT(field) offsetof(stats_summary, field)
static const xlsx_table_column distribution_columns[] = {
    {{"รหัส", "Measure", 8, XLSX_TEXT}, id_cell, 0},
    {{"ตัวชี้วัด", "Label", 24, XLSX_WRAP}, label_cell, 0},
    {{"จำนวนเขต", "n", 7, XLSX_INT}, n_cell, 0},
    {{"ค่าเฉลี่ย", "Mean", 8, XLSX_SCORE}, stat_cell, STAT(mean)},
    {{"ส่วนเบี่ยงเบนมาตรฐาน", "SD", 9, XLSX_SCORE}, stat_cell, STAT(sd)},
    {{"ต่ำสุด", "Min", 8, XLSX_SCORE}, stat_cell, STAT(min)},
    {{"ควอไทล์ 1", "Q1", 8, XLSX_SCORE}, stat_cell, STAT(q1)},
    {{"มัธยฐาน", "Median", 8, XLSX_SCORE}, stat_cell, STAT(median)},
    {{"ควอไทล์ 3", "Q3", 8, XLSX_SCORE}, stat_cell, STAT(q3)},
    {{"สูงสุด", "Max", 8, XLSX_SCORE}, stat_cell, STAT(max)},
    {{"พิสัยควอไทล์", "IQR", 8, XLSX_SCORE}, stat_cell, STAT(iqr)},
    {{"สัมประสิทธิ์การแปรผัน", "CV", 9, XLSX_PERCENT}, stat_cell, STAT(cv)},
    {{"ต่ำกว่าเป้าหมาย (เขต)", "Below target", 9, XLSX_INT}, below_cell, 0},
    {{"สัดส่วนต่ำกว่าเป้าหมาย", "Share below target", 9, XLSX_PERCENT},
     share_cell, 0},
    {{"ค่าผิดปกติ (Tukey)", "Outliers (Tukey)", 30, XLSX_WRAP}, outliers_cell, 0},
};
#define N_DISTRIBUTION_COLUMNS                                                 \
    (sizeof distribution_columns / sizeof *distribution_columns)

/* The column written by cell (it must be in the table: formulas and
 * other sheets refer to it). */
static lxw_col_t distribution_column_of(xlsx_cell_fn cell)
{
    return xlsx_table_column_of(distribution_columns, N_DISTRIBUTION_COLUMNS,
                                cell);
}

lxw_col_t city_distribution_below_cell(lxw_row_t *row, size_t j)
{
    *row = (lxw_row_t)(CITY_FIRST + j);
    return distribution_column_of(below_cell);
}

/* ---- the sheet ------------------------------------------------------ */

/* The corner cell of a correlation matrix: which coefficient. */
const char *city_correlation_corner(const city *c, stats_correlation_kind kind)
{
    return kind == STATS_PEARSON ? city_tr(c, "เพียร์สัน", "Pearson r")
                                 : city_tr(c, "สเปียร์แมน", "Spearman rho");
}

void city_distribution_columns(city *c, xlsx_columns *t)
{
    xlsx_columns_add_all(t, distribution_columns, N_DISTRIBUTION_COLUMNS);
    xlsx_column *id = &t->cols[distribution_column_of(id_cell)].col;
    const char **ids = xmalloc((c->n_main ? c->n_main : 1) * sizeof *ids);
    for (size_t j = 0; j < c->n_main; j++)
        ids[j] = city_measure_id(c, c->main[j]);
    id->width = city_fit_width(c, id->width, 20, ids, c->n_main);
    free(ids);
    const char *corners[] = {city_correlation_corner(c, STATS_PEARSON),
                             city_correlation_corner(c, STATS_SPEARMAN)};
    double bold = XLSX_BOLD_WIDTH * city_fit_width(c, 1, 20, corners, 2);
    id->width = id->width > bold ? id->width : bold;
    for (size_t i = 0; i < t->n; i++)
        t->cols[i].col.width = city_header_width(
            c, t->cols[i].col.width,
            city_tr(c, t->cols[i].col.th, t->cols[i].col.en));
}

void city_sheet_distribution_write(city *c, lxw_worksheet *ws)
{
    xlsx_columns t = {0};
    city_distribution_columns(c, &t);
    xlsx_column *cols = xlsx_columns_layout(&t);
    city_title(c, ws, "การกระจายของคะแนน ปีงบประมาณ", "Distribution of the scores, fiscal year");
    xlsx_wide_line(c->b, ws, 1, 13, 100,
              city_tr(c, "ควอไทล์คำนวณแบบ GSL (ค่าในตำแหน่ง (n-1)p ของข้อมูลที่เรียงแล้ว "
                         "เทียบเท่า QUARTILE.INC) ค่าผิดปกติคือเขตที่อยู่ห่างจากกลุ่มใหญ่มาก "
                         "(เกณฑ์ Tukey รั้วและรูปร่างการกระจายอยู่ในชีตวิธีการ) "
                         "จำนวนที่ต่ำกว่าเป้าหมายเป็นสูตรที่อ้างอิงช่อง Target",
                      "Quartiles as GSL computes them (the value at position (n-1)p of "
                      "the sorted data, as QUARTILE.INC); outliers are the offices far "
                      "from the rest (Tukey's rule: its fences and the shape of each "
                      "distribution are on the Method sheet).  Counts below target "
                      "are formulas on the Target cell."),
              c->b->f.note);
    distribution_sheet sheet = {c, city_last_row(c->ys->n)};
    xlsx_write_rows(c->b, ws, CITY_FIRST, t.cols, t.n, c->n_main, &sheet,
                    main_at);
    xlsx_set_columns(c->b, ws, 0, cols, t.n);
    city_note_err(c, xlsx_add_table(c->b, ws, CITY_HEAD, 0, c->n_main, cols,
                                    t.n, "Distribution"));
    worksheet_freeze_panes(ws, CITY_FIRST, 2);
    /* the table alone: the grade histogram and the correlations under it
     * printed beneath its repeated header (Grades and correlations) */
    xlsx_print_readable(c->b, ws, CITY_HEAD, CITY_HEAD, cols, t.n, 2,
                        TEXTLAYOUT_NORMAL_PT);
    free(cols);
    xlsx_columns_free(&t);
}
