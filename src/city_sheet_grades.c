/* The Grades and correlations sheet of the city workbook
 * (city_sheets.h): how many offices have each ITA grade, and the Pearson
 * and Spearman correlations of the indicators.
 *
 * They were under the Distribution table, and a sheet has one set of
 * repeated print rows: their printed pages carried the Distribution
 * table's header with none of its rows.  On a sheet of their own, with no
 * repeated rows, each prints under its own heading and header. */
#include "city_sheets.h"
#include "textlayout.h"
#include "text.h"

#include <stdlib.h>

/* ---- the grade histogram: one row per grade of the model ----------- */

typedef struct {
    const model *m;
    const size_t *counts;   /* offices per grade (ITA) */
} grade_histogram;

static const void *grade_at(const void *sheet, size_t g)
{
    return &((const grade_histogram *)sheet)->m->grades[g];
}

static const model_grade *cell_grade(const xlsx_cell *cell)
{
    return cell->item;
}

static void grade_id_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_grade(cell)->id);
}

static void grade_label_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, xlsx_grade_label(xlsx_report(cell->b), cell->index));
}

static void grade_count_cell(const xlsx_cell *cell)
{
    const grade_histogram *h = cell->sheet;
    xlsx_cell_number(cell, (double)h->counts[cell->index]);
}

static void grade_from_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_grade(cell)->min_score);
}

/* Only the headers count: the columns keep the widths of the sheet,
 * Distribution's (city_distribution_columns). */
static const xlsx_table_column grade_columns[] = {
    {{"ระดับ", "Grade", 8, XLSX_TEXT}, grade_id_cell, 0},
    {{"ความหมาย", "Meaning", 24, XLSX_TEXT}, grade_label_cell, 0},
    {{"จำนวนเขต", "Offices", 7, XLSX_INT}, grade_count_cell, 0},
    {{"ตั้งแต่", "From", 8, XLSX_SCORE}, grade_from_cell, 0},
};
#define N_GRADE_COLUMNS (sizeof grade_columns / sizeof *grade_columns)

/* The grade histogram of ITA under its heading on row hr (sets
 * c->hist_*: the Summary's chart reads it); returns the next free row. */
static lxw_row_t write_grade_histogram(city *c, lxw_worksheet *ws,
                                       lxw_row_t hr)
{
    const model *m = c->m;
    city_subtitle(c, ws, hr, 0, city_tr(c, "จำนวนสำนักงานเขตในแต่ละระดับ (ITA)",
                                        "Offices by ITA grade"));
    hr++;
    size_t *counts = xcalloc(m->n_grades ? m->n_grades : 1, sizeof *counts);
    stats_grade_counts(c->cs, MEASURE_ITA, counts);
    c->hist_first = hr + 1;
    c->hist_id = xlsx_table_column_of(grade_columns, N_GRADE_COLUMNS,
                                      grade_id_cell);
    c->hist_count = xlsx_table_column_of(grade_columns, N_GRADE_COLUMNS,
                                         grade_count_cell);
    grade_histogram h = {m, counts};
    xlsx_write_rows(c->b, ws, hr + 1, grade_columns, N_GRADE_COLUMNS,
                    m->n_grades, &h, grade_at);
    free(counts);
    xlsx_column cols[N_GRADE_COLUMNS];
    xlsx_table_layout(grade_columns, N_GRADE_COLUMNS, cols);
    city_note_err(c, xlsx_add_table_unfitted(c->b, ws, hr, 0, m->n_grades,
                                             cols, N_GRADE_COLUMNS, "Grades"));
    city_note_err(c, xlsx_grade_colours(c->b, ws, hr + 1, c->hist_id,
                                        hr + (lxw_row_t)m->n_grades,
                                        c->hist_id, false));

    return hr + (lxw_row_t)m->n_grades + 2;
}

/* ---- the correlation matrices: a row and a column per indicator ---- */

typedef struct {
    const city *c;
    const size_t *measures;   /* the indicators' measures */
    const double *matrix;     /* k x k, row-major */
    size_t k;
} correlation_matrix;

/* The row's indicator, in the header format (the matrix's left edge). */
static void row_id_cell(const xlsx_cell *cell)
{
    const correlation_matrix *x = cell->sheet;
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col,
                    city_measure_id(x->c, x->measures[cell->index]),
                    cell->b->f.header);
}

/* The coefficient of the row's indicator and the column's (arg). */
static void coefficient_cell(const xlsx_cell *cell)
{
    const correlation_matrix *x = cell->sheet;
    xlsx_cell_number(cell, x->matrix[cell->index * x->k + cell->column->arg]);
}

/* The matrix's columns: the indicators' ids under the corner cell, then
 * one column per indicator (their widths are the sheet's). */
static void correlation_columns(const correlation_matrix *x, const char *corner,
                                xlsx_columns *t)
{
    xlsx_columns_add(t, (xlsx_table_column){{corner, corner, 0, XLSX_TEXT},
                                            row_id_cell, 0});
    for (size_t j = 0; j < x->k; j++) {
        const char *id = city_measure_id(x->c, x->measures[j]);
        xlsx_columns_add(t, (xlsx_table_column){{id, id, 0, XLSX_SCORE},
                                                coefficient_cell, j});
    }
}

static void correlation_colours(city *c, lxw_worksheet *ws, lxw_row_t first,
                                size_t k)
{
    lxw_conditional_format scale = {
        .type = LXW_CONDITIONAL_3_COLOR_SCALE,
        .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .min_value = -1,
        .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .mid_value = 0,
        .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .max_value = 1,
        .min_color = 0x5A8AC6, .mid_color = 0xFFFFFF, .max_color = 0xF8696B,
    };
    city_note_err(c, worksheet_conditional_format_range(
                         ws, first, 1, first + (lxw_row_t)k - 1, (lxw_col_t)k,
                         &scale));
}

/* A correlation matrix of the indicators under its heading on row r;
 * returns the row under it. */
static lxw_row_t write_correlation(city *c, lxw_worksheet *ws, lxw_row_t r,
                                   stats_correlation_kind kind)
{
    size_t k = c->m->n_indicators;
    size_t *ms = xmalloc((k ? k : 1) * sizeof *ms);
    for (size_t i = 0; i < k; i++)
        ms[i] = 1 + (size_t)c->m->indicators[i];
    double *matrix = stats_correlation(c->cs, ms, k, kind);
    city_subtitle(c, ws, r, 0,
                  kind == STATS_PEARSON
                      ? city_tr(c, "สหสัมพันธ์เพียร์สันระหว่างตัวชี้วัด",
                                "Pearson correlation of the indicators")
                      : city_tr(c, "สหสัมพันธ์สเปียร์แมน (อันดับ) ระหว่างตัวชี้วัด",
                                "Spearman (rank) correlation of the indicators"));
    r++;
    correlation_matrix x = {c, ms, matrix, k};
    xlsx_columns t = {0};
    correlation_columns(&x, city_correlation_corner(c, kind), &t);
    city_header_row(c, ws, r, t.cols, t.n);   /* the ids are short */
    xlsx_write_rows(c->b, ws, r + 1, t.cols, t.n, k, &x, NULL);
    if (k > 0)
        correlation_colours(c, ws, r + 1, k);
    xlsx_columns_free(&t);
    free(matrix);
    free(ms);
    return r + 1 + (lxw_row_t)k;
}

/* ---- the sheet ------------------------------------------------------ */

void city_sheet_grades_write(city *c, lxw_worksheet *ws)
{
    /* Distribution's widths: ids and corner cells whole, the grades'
     * meanings on a line */
    xlsx_columns t = {0};
    city_distribution_columns(c, &t);
    xlsx_column *cols = xlsx_columns_layout(&t);
    xlsx_set_columns(c->b, ws, 0, cols, t.n);
    city_title(c, ws, "จำนวนเขตตามระดับ และสหสัมพันธ์ระหว่างตัวชี้วัด ปีงบประมาณ",
               "Offices by grade and correlations of the indicators, fiscal "
               "year");
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(t.n - 1),
                   xlsx_columns_width(cols, t.n),
                   city_tr(c, "สถิติของแต่ละตัวชี้วัดอยู่ในชีตการกระจาย",
                           "The statistics of each measure are on the "
                           "Distribution sheet."),
                   c->b->f.note);
    /* printed: the histogram and the Pearson matrix on the first page,
     * the Spearman matrix on the next, each under its heading */
    lxw_row_t r = write_grade_histogram(c, ws, CITY_HEAD);
    r = write_correlation(c, ws, r, STATS_PEARSON);
    lxw_row_t breaks[] = {r + 1, 0};
    write_correlation(c, ws, r + 1, STATS_SPEARMAN);
    /* a fixed scale (Excel ignores breaks on sheets fitted to the page),
     * never under the readable size */
    xlsx_print_setup_scaled(c->b, ws, XLSX_NO_REPEAT, XLSX_NO_REPEAT,
                            xlsx_readable_scale(cols, t.n,
                                                TEXTLAYOUT_NORMAL_PT));
    city_note_err(c, worksheet_set_h_pagebreaks(ws, breaks));
    free(cols);
    xlsx_columns_free(&t);
}
