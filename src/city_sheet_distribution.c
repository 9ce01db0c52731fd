/* The Distribution sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "textlayout.h"
#include "text.h"

#include <stddef.h>
#include <stdlib.h>

enum distribution_field {
    DI_ID, DI_LABEL, DI_N, DI_STAT, DI_BELOW, DI_SHARE, DI_OUTLIERS
};

static const struct {
    xlsx_column col;
    enum distribution_field field;
    size_t offset;      /* into stats_summary, for DI_STAT */
} distribution_columns[] = {
    {{"รหัส", "Measure", 8, XLSX_TEXT}, DI_ID, 0},
    {{"ตัวชี้วัด", "Label", 24, XLSX_WRAP}, DI_LABEL, 0},
    {{"จำนวนเขต", "n", 7, XLSX_INT}, DI_N, 0},
    {{"ค่าเฉลี่ย", "Mean", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, mean)},
    {{"ส่วนเบี่ยงเบนมาตรฐาน", "SD", 9, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, sd)},
    {{"ต่ำสุด", "Min", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, min)},
    {{"ควอไทล์ 1", "Q1", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, q1)},
    {{"มัธยฐาน", "Median", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, median)},
    {{"ควอไทล์ 3", "Q3", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, q3)},
    {{"สูงสุด", "Max", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, max)},
    {{"พิสัยควอไทล์", "IQR", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, iqr)},
    {{"สัมประสิทธิ์การแปรผัน", "CV", 9, XLSX_PERCENT}, DI_STAT, offsetof(stats_summary, cv)},
    {{"ต่ำกว่าเป้าหมาย (เขต)", "Below target", 9, XLSX_INT}, DI_BELOW, 0},
    {{"สัดส่วนต่ำกว่าเป้าหมาย", "Share below target", 9, XLSX_PERCENT}, DI_SHARE, 0},
    {{"ค่าผิดปกติ (Tukey)", "Outliers (Tukey)", 30, XLSX_WRAP}, DI_OUTLIERS, 0},
};
#define N_DISTRIBUTION_COLUMNS                                                 \
    (sizeof distribution_columns / sizeof *distribution_columns)

/* The grade histogram under the table; only the headers count, the
 * columns keep the widths of the table above. */
static const xlsx_column grade_cols[] = {
    {"ระดับ", "Grade", 8, XLSX_TEXT},
    {"ความหมาย", "Meaning", 24, XLSX_TEXT},
    {"จำนวนเขต", "Offices", 7, XLSX_INT},
    {"ตั้งแต่", "From", 8, XLSX_SCORE},
};
#define N_GRADE_COLUMNS (sizeof grade_cols / sizeof *grade_cols)

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

/* The corner cell of a correlation matrix: which coefficient. */
static const char *correlation_corner(const city *c, stats_correlation_kind kind)
{
    return kind == STATS_PEARSON ? city_tr(c, "เพียร์สัน", "Pearson r")
                                 : city_tr(c, "สเปียร์แมน", "Spearman rho");
}

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
    xlsx_write_text(c->b, ws, r, 0,
                  correlation_corner(c, kind),
                  c->b->f.header);
    for (size_t j = 0; j < k; j++)
        xlsx_write_text(c->b, ws, r, (lxw_col_t)(1 + j), city_measure_id(c, ms[j]),
                      c->b->f.header);
    for (size_t i = 0; i < k; i++) {
        xlsx_write_text(c->b, ws, r + 1 + (lxw_row_t)i, 0, city_measure_id(c, ms[i]),
                      c->b->f.header);
        for (size_t j = 0; j < k; j++)
            xlsx_write_number(c->b, ws, r + 1 + (lxw_row_t)i, (lxw_col_t)(1 + j),
                         matrix[i * k + j], city_fmt(c, XLSX_SCORE));
    }
    if (k > 0) {
        lxw_conditional_format scale = {
            .type = LXW_CONDITIONAL_3_COLOR_SCALE,
            .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .min_value = -1,
            .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .mid_value = 0,
            .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .max_value = 1,
            .min_color = 0x5A8AC6, .mid_color = 0xFFFFFF, .max_color = 0xF8696B,
        };
        city_note_err(c, worksheet_conditional_format_range(
                        ws, r + 1, 1, r + (lxw_row_t)k, (lxw_col_t)k, &scale));
    }
    free(matrix);
    free(ms);
    return r + 1 + (lxw_row_t)k;
}

lxw_col_t city_distribution_below_cell(lxw_row_t *row, size_t j)
{
    *row = (lxw_row_t)(CITY_FIRST + j);
    for (size_t i = 0; i < N_DISTRIBUTION_COLUMNS; i++)
        if (distribution_columns[i].field == DI_BELOW)
            return (lxw_col_t)i;
    return 0;
}

/* The row of the j-th headline measure; ind_last is the last data row of
 * the Indicators sheet, which the counts below target refer to. */
static void write_distribution_row(city *c, lxw_worksheet *ws,
                                   const xlsx_column *cols, size_t j,
                                   lxw_row_t ind_last)
{
    size_t k = c->main[j];
    const stats_summary *s = &c->cs->city[k];
    stats_outliers o;
    stats_tukey(c->cs, k, &o);
    lxw_row_t r = (lxw_row_t)(CITY_FIRST + j);
    xlsx_row_fit fit = {1};
    for (size_t i = 0; i < N_DISTRIBUTION_COLUMNS; i++) {
        lxw_col_t col = (lxw_col_t)i;
        lxw_format *f = city_fmt(c, cols[i].kind);
        switch (distribution_columns[i].field) {
        case DI_ID:
            xlsx_write_text(c->b, ws, r, col, city_measure_id(c, k), f);
            break;
        case DI_LABEL: {
            const char *label = measure_label(c, k);
            xlsx_write_text(c->b, ws, r, col, label, f);
            xlsx_fit_text(&fit, c->b, label, cols[i].width);
            break;
        }
        case DI_N: xlsx_write_number(c->b, ws, r, col, (double)s->n, f); break;
        case DI_STAT:
            xlsx_write_number(c->b, ws, r, col,
                         city_stat_at(s, distribution_columns[i].offset), f);
            break;
        case DI_BELOW: {
            char *range =
                city_column_range(c, CITY_INDICATORS, CITY_FIRST, ind_last,
                                  (lxw_col_t)(c->ind_first + j));
            xlsx_take_formula(c->b, ws, r, col,
                             xasprintf("=SUMPRODUCT(--(ROUND(%s,2)<Target))",
                                       range),
                             (double)s->below_target, f);
            free(range);
            break;
        }
        case DI_SHARE: {
            char n_cell[LXW_MAX_CELL_NAME_LENGTH],
                below[LXW_MAX_CELL_NAME_LENGTH];
            city_cell(n_cell, r, 2);
            for (size_t b = 0; b < N_DISTRIBUTION_COLUMNS; b++)
                if (distribution_columns[b].field == DI_BELOW)
                    city_cell(below, r, (lxw_col_t)b);
            xlsx_take_formula(
                c->b, ws, r, col,
                xasprintf("=IF(%s>0,%s/%s,0)", n_cell, below, n_cell),
                s->share_below, f);
            break;
        }
        case DI_OUTLIERS: {
            char *text = outlier_text(c, &o, k);
            xlsx_write_text(c->b, ws, r, col, text, f);
            xlsx_fit_text(&fit, c->b, text, cols[i].width);
            free(text);
            break;
        }
        }
    }
    xlsx_set_row_lines(ws, r, fit.lines, city_fmt(c, XLSX_WRAP));
    stats_outliers_free(&o);
}

/* The grade histogram of ITA under the table (sets c->hist_*); returns the
 * next free row. */
static lxw_row_t write_grade_histogram(city *c, lxw_worksheet *ws)
{
    const model *m = c->m;
    lxw_row_t hr = (lxw_row_t)(city_last_row(c->n_main) + 2);
    city_subtitle(c, ws, hr, 0, city_tr(c, "จำนวนสำนักงานเขตในแต่ละระดับ (ITA)",
                                        "Offices by ITA grade"));
    hr++;
    size_t *counts = xcalloc(m->n_grades ? m->n_grades : 1, sizeof *counts);
    stats_grade_counts(c->cs, MEASURE_ITA, counts);
    c->hist_first = hr + 1;
    c->hist_id = 0;
    c->hist_count = 2;
    for (size_t g = 0; g < m->n_grades; g++) {
        lxw_row_t r = hr + 1 + (lxw_row_t)g;
        xlsx_write_text(c->b, ws, r, 0, m->grades[g].id, city_fmt(c, XLSX_TEXT));
        xlsx_write_text(c->b, ws, r, 1, xlsx_grade_label(c->rep, g),
                      city_fmt(c, XLSX_TEXT));
        xlsx_write_number(c->b, ws, r, 2, (double)counts[g], city_fmt(c, XLSX_INT));
        xlsx_write_number(c->b, ws, r, 3, m->grades[g].min_score,
                     city_fmt(c, XLSX_SCORE));
    }
    free(counts);
    city_note_err(c, xlsx_add_table_unfitted(c->b, ws, hr, 0, m->n_grades,
                                             grade_cols, N_GRADE_COLUMNS,
                                             "Grades"));
    city_note_err(c, xlsx_grade_colours(c->b, ws, hr + 1, 0,
                                        hr + (lxw_row_t)m->n_grades, 0, false));

    return hr + (lxw_row_t)m->n_grades + 2;
}

void city_sheet_distribution_write(city *c, lxw_worksheet *ws)
{
    xlsx_column cols[N_DISTRIBUTION_COLUMNS];
    for (size_t i = 0; i < N_DISTRIBUTION_COLUMNS; i++)
        cols[i] = distribution_columns[i].col;
    /* ids (IND10) and the correlation matrices' corner cells whole, no
     * header word broken */
    const char **ids = xmalloc((c->n_main ? c->n_main : 1) * sizeof *ids);
    for (size_t j = 0; j < c->n_main; j++)
        ids[j] = city_measure_id(c, c->main[j]);
    cols[0].width = city_fit_width(c, cols[0].width, 20, ids, c->n_main);
    free(ids);
    const char *corners[] = {correlation_corner(c, STATS_PEARSON),
                             correlation_corner(c, STATS_SPEARMAN)};
    double bold = XLSX_BOLD_WIDTH * city_fit_width(c, 1, 20, corners, 2);
    cols[0].width = cols[0].width > bold ? cols[0].width : bold;
    city_header_widths(c, cols, N_DISTRIBUTION_COLUMNS);
    city_title(c, ws, "การกระจายของคะแนน ปีงบประมาณ", "Distribution of the scores, fiscal year");
    city_note(c, ws, 1, 13, 100,
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
    lxw_row_t ind_last = city_last_row(c->ys->n);
    for (size_t j = 0; j < c->n_main; j++)
        write_distribution_row(c, ws, cols, j, ind_last);
    xlsx_set_columns(c->b, ws, 0, cols, N_DISTRIBUTION_COLUMNS);
    city_note_err(c, xlsx_add_table(c->b, ws, CITY_HEAD, 0, c->n_main, cols,
                                    N_DISTRIBUTION_COLUMNS, "Distribution"));
    worksheet_freeze_panes(ws, CITY_FIRST, 2);

    /* printed: the histogram and the Pearson matrix start a page, the
     * Spearman matrix another, each under its heading */
    lxw_row_t breaks[3] = {(lxw_row_t)(city_last_row(c->n_main) + 2), 0, 0};
    lxw_row_t r = write_grade_histogram(c, ws);
    r = write_correlation(c, ws, r, STATS_PEARSON);
    breaks[1] = r + 1;
    write_correlation(c, ws, r + 1, STATS_SPEARMAN);
    /* a fixed scale (Excel ignores breaks on sheets fitted to the page),
     * never under the readable size */
    xlsx_print_readable(c->b, ws, CITY_HEAD, CITY_HEAD, cols,
                        N_DISTRIBUTION_COLUMNS, 2, TEXTLAYOUT_NORMAL_PT);
    city_note_err(c, worksheet_set_h_pagebreaks(ws, breaks));
}
