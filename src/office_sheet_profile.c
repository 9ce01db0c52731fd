/* The Profile sheet of an office workbook (office_sheets.h). */
#include "office_sheets.h"
#include "text.h"
#include "textlayout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The sheet's print scale: the smallest at which its body text prints at
 * XLSX_MIN_PRINT_PT. */
#define PROFILE_PRINT_SCALE xlsx_min_print_scale(TEXTLAYOUT_NORMAL_PT)

enum { PF_LABEL, PF_SCORE, PF_CITY_MEDIAN, PF_ZONE_MEDIAN, PF_BEST,
       PF_BEST_SCORE, PF_PERCENTILE, PF_Z, PF_TARGET, PF_GAP, PF_RANK,
       PF_LOW, PF_HIGH, N_PROFILE_COLUMNS };

/* The measure's id and label, wrapped, fitting the row. */
static void label_cell(const xlsx_cell *cell)
{
    char *label = xlsx_measure_title(xlsx_report(cell->b), office_cell_measure(cell));
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col, label, cell->fmt);
    xlsx_cell_fit(cell, label, cell->column->col.width);
    free(label);
}

/* The office's position in the current year's scores. */
static size_t office_position(const report *rep, const office_plan *plan)
{
    return (size_t)(plan->score - rep->current->offices);
}

/* The 95 % interval of the row's measure (uncertainty.h): arg 0 its low
 * end, 1 its high end; blank when unknown. */
static void interval_cell(const xlsx_cell *cell)
{
    const report *rep = xlsx_report(cell->b);
    const office_ctx *o = cell->sheet;
    if (!rep->uncertainty) {
        xlsx_write_number(cell->b, cell->ws, cell->row, cell->col, NAN,
                          cell->fmt);
        return;
    }
    uncertainty_interval u = uncertainty_of(rep->uncertainty,
                                    office_position(rep, o->plan),
                                    office_cell_measure(cell));
    xlsx_write_number(cell->b, cell->ws, cell->row, cell->col,
                      score_round2(cell->column->arg ? u.high : u.low),
                      cell->fmt);
}

/* Each row is a headline measure (office_sheets.h: cells of a measure's
 * row). */
static const xlsx_table_column profile_table[N_PROFILE_COLUMNS] = {
    [PF_LABEL] = {{"ตัวชี้วัด", "Measure", 34, XLSX_WRAP}, label_cell, 0},
    [PF_SCORE] = OFFICE_BENCHMARK_COLUMNS(9, 9, 16, 9, 10),
    [PF_Z] = {{"ค่า z", "z-score", 8, XLSX_SCORE}, office_cell_zscore, 0},
    [PF_TARGET] = {{"ค่าเป้าหมาย", "Target", 9, XLSX_SCORE},
                   office_cell_target, 0},
    [PF_GAP] = {{"ห่างจากเป้าหมาย", "Gap to target", 9, XLSX_SCORE},
                office_cell_gap, PF_SCORE},
    [PF_RANK] = {{"อันดับ", "Rank", 8, XLSX_INT}, office_cell_rank, 0},
    [PF_LOW] = {{"ช่วง 95% ต่ำสุด", "95% interval, low", 9, XLSX_SCORE},
                interval_cell, 0},
    [PF_HIGH] = {{"ช่วง 95% สูงสุด", "95% interval, high", 9, XLSX_SCORE},
                 interval_cell, 1},
};

static size_t zone_size(const report *rep, int zone_index)
{
    size_t n;
    stats_zone_ranking(rep->stats, (size_t)zone_index, &n);
    return n;
}

/* The labels of the summary above the table, in column PF_LABEL: the
 * column is made wide enough for the longest (summary_label_width). */
enum { SL_TARGET, SL_ITA, SL_GRADE, SL_PASS, SL_GAP, SL_RANK_CITY,
       SL_RANK_ZONE, SL_BELOW, SL_TO_FIX, SL_AVAILABLE, N_SUMMARY_LABELS };
static const char *const summary_labels[N_SUMMARY_LABELS][2] = {
    [SL_TARGET] = {PLANS_PROFILE_TARGET},   /* read back: returned.c */
    [SL_ITA] = {"คะแนน ITA", "ITA score"},
    [SL_GRADE] = {"ระดับผลการประเมิน", "Grade"},
    [SL_PASS] = {"ผ่านค่าเป้าหมาย", "Passes the target"},
    [SL_GAP] = {"ห่างจากค่าเป้าหมาย", "Gap to target"},
    [SL_RANK_CITY] = {"อันดับในทุกเขต", "Rank in the city"},
    [SL_RANK_ZONE] = {"อันดับในกลุ่มเขต", "Rank in the zone"},
    [SL_BELOW] = {"ข้อที่ต่ำกว่าค่าเป้าหมาย", "Items below the target"},
    [SL_TO_FIX] = {"ข้อที่ต้องยกระดับจนถึงค่าเป้าหมาย", "Items to fix to reach the target"},
    [SL_AVAILABLE] = {"คะแนน ITA ที่เพิ่มได้ทั้งหมด", "ITA points available"},
};

static void summary_label(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                          int label)
{
    office_label(b, ws, row, summary_labels[label][0],
                 summary_labels[label][1]);
}

/* The width (at least width) of the label column: every label on one
 * line, whole, beside its value (the value's cell would cut it). */
static double summary_label_width(const xlsx_book *b, double width)
{
    for (int k = 0; k < N_SUMMARY_LABELS; k++)
        width = office_text_width(
            width, xlsx_tr(xlsx_report(b), summary_labels[k][0], summary_labels[k][1]),
            b->f.label);
    return width;
}

/* Items below the target, items to fix and the ITA points available
 * (formulas on the Items, Path to target and Action plan sheets), from
 * *row down. */
static void write_plan_figures(const office_ctx *o, lxw_worksheet *ws,
                               lxw_row_t *row)
{
    xlsx_book *b = o->b;
    const office_formats *x = &o->x;
    const office_plan *plan = o->plan;
    const office_refs *refs = &o->refs;
    const office_plan_cells *cells = &o->plan_cells;
    const report *rep = xlsx_report(b);
    lxw_format *integer = x->int_centre;
    char formula[256];
    summary_label(b, ws, *row, SL_BELOW);
    char first[16], last[16];
    office_cell_ref(first, refs->items_first, refs->items_pass_col, true);
    office_cell_ref(last, refs->items_last, refs->items_pass_col, true);
    snprintf(formula, sizeof formula, "=COUNTIF(%s!%s:%s,0)",
             refs->items_sheet, first, last);
    if (scores_from_items(plan->score))
        xlsx_write_formula(b, ws, (*row)++, PF_SCORE, formula,
                           (double)plan->score->items_below, integer);
    else  /* published figures only: no items to count */
        xlsx_write_number(b, ws, (*row)++, PF_SCORE, NAN, integer);

    summary_label(b, ws, *row, SL_TO_FIX);
    char steps[16];
    office_cell_ref(steps, refs->path_steps_row, refs->path_steps_col, true);
    snprintf(formula, sizeof formula, "=%s!%s", refs->path_sheet, steps);
    if (plan->steps_to_target == PLANS_UNREACHABLE)
        xlsx_note_err(b, worksheet_write_formula_str(ws, *row, PF_SCORE,
                                                     formula, integer, "-"));
    else
        xlsx_write_formula(b, ws, *row, PF_SCORE, formula,
                           (double)plan->steps_to_target, integer);
    xlsx_write_text(b, ws, (*row)++, PF_CITY_MEDIAN,
                    xlsx_tr(rep, "ตามลำดับในแผ่นงานเส้นทางสู่เป้าหมาย",
                            "in the order of the Path to target sheet"),
                    x->text_indent);

    /* the plan's points gained, summed whole: they follow the target
     * scores typed into the plan, and its rows added or deleted */
    summary_label(b, ws, *row, SL_AVAILABLE);
    char gains[16];
    office_column_ref(gains, cells->gain_col);
    snprintf(formula, sizeof formula, "=SUM(%s!%s)", cells->sheet, gains);
    xlsx_write_formula(b, ws, (*row)++, PF_SCORE, formula, plan->total_gain,
                       x->score_centre);
}


/* Beside the ITA of an office scored from published figures (issue 20):
 * "published", at which level, and that item figures are left blank. */
static void write_scored_from(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                              const office_score *s, lxw_format *text)
{
    if (scores_from_items(s))
        return;
    char *says = xasprintf(
        xlsx_tr(xlsx_report(b), "%s (ไม่มีคะแนนรายข้อ: ส่วนรายข้อเว้นว่าง)",
                "%s (no item scores: item figures left blank)"),
        scores_basis_name(s->basis, xlsx_report(b)->lang));
    xlsx_write_text(b, ws, row, PF_CITY_MEDIAN, says, text);
    free(says);
}

/* The Target cell, the ITA with its grade, pass, gap and ranks, then the
 * plan's figures (write_plan_figures), from *row down. */
static void write_profile_summary(const office_ctx *o, lxw_worksheet *ws,
                                  lxw_row_t *row)
{
    xlsx_book *b = o->b;
    const office_formats *x = &o->x;
    const office_plan *plan = o->plan;
    const report *rep = xlsx_report(b);
    const office_score *s = plan->score;
    const office *district = &rep->r->offices[plan->office];
    lxw_format *score = x->score_centre;
    lxw_format *integer = x->int_centre;
    lxw_format *text = x->text_indent;

    summary_label(b, ws, *row, SL_TARGET);
    xlsx_define_target(b, ws, *row, PF_SCORE);
    xlsx_write_text(b, ws, (*row)++, PF_CITY_MEDIAN,
                    xlsx_tr(rep, "แก้ไขได้: สูตรในแฟ้มนี้อ้างอิงช่องนี้",
                            "Editable: the formulas of this file use this cell"),
                    text);

    lxw_row_t ita_row = *row;
    summary_label(b, ws, *row, SL_ITA);
    xlsx_write_number(b, ws, *row, PF_SCORE, s->ita, score);
    write_scored_from(b, ws, *row, s, text);
    (*row)++;

    summary_label(b, ws, *row, SL_GRADE);
    xlsx_write_text(b, ws, *row, PF_SCORE, rep->m->grades[s->grade].id,
                    x->text_centre);
    xlsx_write_text(b, ws, (*row)++, PF_CITY_MEDIAN,
                    xlsx_grade_label(rep, s->grade), text);

    summary_label(b, ws, *row, SL_PASS);
    char *shown = xlsx_shown_score(ita_row, PF_SCORE, true);
    xlsx_write_pass(b, ws, *row, PF_SCORE, shown, s->pass,
                    xlsx_format(b, XLSX_FLAG, false));
    xlsx_pass_colours(b, ws, *row, PF_SCORE, *row, PF_SCORE);
    (*row)++;

    summary_label(b, ws, *row, SL_GAP);
    xlsx_write_gap(b, ws, (*row)++, PF_SCORE, shown, s->gap, score);
    free(shown);

    char *of = xasprintf(xlsx_tr(rep, "จาก %zu สำนักงานเขต", "of %zu offices"),
                         rep->current->n);
    summary_label(b, ws, *row, SL_RANK_CITY);
    xlsx_write_number(b, ws, *row, PF_SCORE, s->rank, integer);
    xlsx_write_text(b, ws, (*row)++, PF_CITY_MEDIAN, of, text);
    free(of);
    of = xasprintf(xlsx_tr(rep, "จาก %zu สำนักงานเขตใน%s", "of %zu offices in %s"),
                   zone_size(rep, district->zone),
                   xlsx_zone_name(rep, district->zone));
    summary_label(b, ws, *row, SL_RANK_ZONE);
    xlsx_write_number(b, ws, *row, PF_SCORE, s->zone_rank, integer);
    xlsx_write_text(b, ws, (*row)++, PF_CITY_MEDIAN, of, text);
    free(of);

    write_plan_figures(o, ws, row);
}

/* The radar's categories: the indicators' ids alone, in the cells its
 * chart covers (from the chart's top row, in its first column).  The
 * table's labels ("id name", wrapped) overlapped each other round the
 * radar; the names stay in the table.  A model of more indicators than
 * the chart's rows keeps the table's labels (and its radar would be
 * crowded anyway). */
#define RADAR_ID_COL PF_LABEL

/* The radar's place: RADAR_ROWS rows of RADAR_ROW_PT points under the key
 * figures, on the first page with them and nothing beside it.  Beside
 * the figures it covered their notes ("Editable: the formulas of this
 * file us...") and was too small for its labels. */
#define RADAR_ROWS 20
#define RADAR_ROW_PT 18.0

typedef struct {
    lxw_row_t first;     /* the first category's row */
    lxw_col_t col;
} radar_categories;

/* Writes the ids of the n indicator measures from row at down when the
 * rows at..before (exclusive) hold them; returns whether it did. */
static bool write_radar_ids(xlsx_book *b, lxw_worksheet *ws, lxw_row_t at,
                            lxw_row_t before, const size_t *measures,
                            size_t n)
{
    if (at + n > before)
        return false;
    const model *m = xlsx_report(b)->m;
    for (size_t k = 0; k < n; k++)
        xlsx_write_text(b, ws, at + (lxw_row_t)k, RADAR_ID_COL,
                        model_measure_id(m, measures[k]),
                        xlsx_format(b, XLSX_TEXT, false));
    return true;
}

/* The radar chart at row at, over the rows first..last of the table, its
 * categories at cat. */
static void add_radar_chart(xlsx_book *b, lxw_worksheet *ws, lxw_row_t at,
                            lxw_row_t first, lxw_row_t last,
                            radar_categories cat)
{
    const report *rep = xlsx_report(b);
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_RADAR);
    if (!chart)
        return;
    lxw_chart_font font = {.name = (char *)rep->font,
                           .size = xlsx_readable_pt(12, PROFILE_PRINT_SCALE)};
    lxw_chart_font title_font = {
        .name = (char *)rep->font,
        .size = xlsx_readable_pt(14, PROFILE_PRINT_SCALE), .bold = LXW_TRUE};
    static const struct {
        lxw_col_t col;
        const char *th, *en;
        lxw_color_t colour;
    } series[] = {
        {PF_SCORE, "สำนักงานเขตนี้", "This office", 0x1F4E79},
        {PF_CITY_MEDIAN, "มัธยฐานทุกเขต", "City median", 0x7F7F7F},
        {PF_TARGET, "ค่าเป้าหมาย", "Target", 0xC00000},
    };
    for (size_t i = 0; i < sizeof series / sizeof *series; i++) {
        lxw_chart_series *sr = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(sr, ws->name, cat.first, cat.col,
                                    cat.first + (last - first), cat.col);
        chart_series_set_values(sr, ws->name, first, series[i].col, last,
                                series[i].col);
        chart_series_set_name(sr, xlsx_tr(rep, series[i].th, series[i].en));
        lxw_chart_line line = {.color = series[i].colour, .width = 2};
        if (series[i].col == PF_TARGET)
            line.dash_type = LXW_CHART_LINE_DASH_DASH;
        chart_series_set_line(sr, &line);
    }
    /* on one line, as the Thai: a second line took the radar's room */
    chart_title_set_name(chart, xlsx_tr(rep, "ตัวชี้วัดเทียบมัธยฐานทุกเขตและค่าเป้าหมาย",
                                        "Indicators vs. city median and target"));
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(chart, &font);
    chart_axis_set_num_font(chart->x_axis, &font);
    chart_axis_set_num_font(chart->y_axis, &font);
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_max(chart->y_axis, 100);
    /* the rows kept for it (RADAR_ROWS), less a margin, and half as wide
     * again for the legend beside the round radar (libxlsxwriter's
     * default chart is 480 by 288 pixels) */
    double height_px = (RADAR_ROWS * RADAR_ROW_PT - 8) * 96.0 / 72.0;
    lxw_chart_options options = {.x_scale = 1.5 * height_px / 480,
                                 .y_scale = height_px / 288,
                                 .x_offset = 4, .y_offset = 4};
    xlsx_note_err(b, worksheet_insert_chart_opt(ws, at, PF_LABEL, chart,
                                                &options));
}

/* A chance as people read it: "31 %", but never "0 %" or "100 %" for
 * what is merely unlikely or likely.  Into buf (16 bytes). */
static const char *chance_text(char *buf, double p)
{
    if (p > 0 && p < 0.005)
        snprintf(buf, 16, "<1%%");
    else if (p < 1 && p > 0.995)
        snprintf(buf, 16, ">99%%");
    else
        snprintf(buf, 16, "%.0f%%", 100 * p);
    return buf;
}

/* "ITA 84.62 (95 % interval 83.10-86.14); chance of reaching 85: 31 %;
 * rank 23 (between 15 and 31)", across the sheet at *row. */
static void write_uncertainty_line(xlsx_book *b, lxw_worksheet *ws,
                                lxw_row_t *row, const office_plan *plan,
                                double width)
{
    const report *rep = xlsx_report(b);
    const year_uncertainty *yu = rep->uncertainty;
    size_t pos = office_position(rep, plan);
    uncertainty_interval u = uncertainty_of(yu, pos, MEASURE_ITA);
    const uncertainty_office *uo = &yu->offices[pos];
    const office_score *s = plan->score;
    char chance[16], *text;
    if (u.basis == UNCERTAINTY_UNKNOWN)
        text = xasprintf(xlsx_tr(rep, "ITA %.2f: ไม่มีช่วงความเชื่อมั่น (ไม่มีจำนวนคำตอบหรือจำนวนผู้ตอบ)",
                                 "ITA %.2f: no interval (no answer counts or "
                                 "respondent counts)"),
                         s->ita_r2);
    else
        text = xasprintf(
            xlsx_tr(rep, "ITA %.2f (ช่วง 95%% %.2f–%.2f) โอกาสถึง %g: %s อันดับ %d "
                         "(อยู่ระหว่าง %d ถึง %d)%s",
                    "ITA %.2f (95%% interval %.2f–%.2f); chance of reaching %g: "
                    "%s; rank %d (between %d and %d)%s"),
            s->ita_r2, score_round2(u.low), score_round2(u.high),
            rep->current->target, chance_text(chance, uo->p_pass), s->rank,
            uo->rank_low, uo->rank_high,
            u.basis == UNCERTAINTY_BOUND
                ? xlsx_tr(rep, " ช่วงโดยประมาณจากจำนวนผู้ตอบเท่านั้น",
                          "; approximate, from respondent counts only")
                : "");
    xlsx_wide_line(b, ws, (*row)++, N_PROFILE_COLUMNS - 1, width, text,
                   b->f.subtitle);
    free(text);
}

/* The columns of the year-by-year series, under the profile table, side
 * by side from PF_LABEL: a header cell left blank between two printed as
 * a gap in the table's header. */
static const struct {
    lxw_col_t col;
    const char *th, *en;
} series_heads[] = {
    {PF_LABEL, "ปีงบประมาณ", "Fiscal year"},
    {PF_SCORE, "ITA", "ITA"},
    {PF_CITY_MEDIAN, "ระดับ", "Grade"},
    {PF_ZONE_MEDIAN, "ต่างจากปีก่อน", "Change since the year before"},
    {PF_BEST, "เปลี่ยนอย่างมีนัยสำคัญ", "Significant change"},
    {PF_BEST_SCORE, "ช่วง 95% ต่ำสุด", "95% interval, low"},
    {PF_PERCENTILE, "ช่วง 95% สูงสุด", "95% interval, high"},
};

/* A line of the office's ITA over the years (rows first..last of the
 * series table), under it at row at. */
static void add_series_chart(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first,
                             lxw_row_t last, lxw_row_t at)
{
    const report *rep = xlsx_report(b);
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_LINE);
    if (!chart)
        return;
    lxw_chart_font font = {.name = (char *)rep->font,
                           .size = xlsx_readable_pt(12, PROFILE_PRINT_SCALE)};
    lxw_chart_series *sr = chart_add_series(chart, NULL, NULL);
    chart_series_set_categories(sr, ws->name, first, PF_LABEL, last, PF_LABEL);
    chart_series_set_values(sr, ws->name, first, PF_SCORE, last, PF_SCORE);
    chart_series_set_name(sr, "ITA");
    lxw_chart_line line = {.color = 0x1F4E79, .width = 2};
    chart_series_set_line(sr, &line);
    chart_series_set_marker_type(sr, LXW_CHART_MARKER_CIRCLE);
    chart_title_set_name(chart, xlsx_tr(rep, "ITA ปีต่อปี", "ITA year by year"));
    chart_title_set_name_font(chart, &font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_axis_set_num_font(chart->x_axis, &font);
    chart_axis_set_num_font(chart->y_axis, &font);
    lxw_chart_options options = {.x_scale = 0.8, .y_scale = 0.7,
                                 .x_offset = 4, .y_offset = 4};
    xlsx_note_err(b, worksheet_insert_chart_opt(ws, at, PF_LABEL, chart,
                                                &options));
}

/* The office's whole series of the input's years from row on (issue 20):
 * each year's ITA and grade, and the change from the year before (when
 * both are in the input) with its 95 % interval and significance, its
 * headers fitted to the sheet's widths cols. */
static void write_series(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                         const office_plan *plan, const xlsx_column *cols)
{
    const report *rep = xlsx_report(b);
    if (rep->n_years < 2)
        return;
    /* the title a line of its font, the headers whole in their
     * columns (wrapped, the row as tall as the tallest) */
    xlsx_write_text(b, ws, row, PF_LABEL,
                    xlsx_tr(rep, "ITA ปีต่อปี", "ITA year by year"),
                    b->f.subtitle);
    xlsx_set_row_lines(ws, row++, 1, b->f.subtitle);
    double lines = 1;
    for (size_t k = 0; k < sizeof series_heads / sizeof *series_heads; k++) {
        const char *head = xlsx_tr(rep, series_heads[k].th,
                                   series_heads[k].en);
        xlsx_write_text(b, ws, row, series_heads[k].col, head, b->f.header);
        lines = fmax(lines, xlsx_text_lines(
                                head,
                                cols[series_heads[k].col].width /
                                    XLSX_BOLD_WIDTH,
                                b->f.header->font_size));
    }
    xlsx_set_row_lines(ws, row++, lines, b->f.header);
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    lxw_row_t first = row;
    for (size_t y = 0; y < rep->n_years; y++, row++) {
        const office_score *s =
            rep->years[y] ? scores_find(rep->years[y], plan->office) : NULL;
        char year[16];
        snprintf(year, sizeof year, "%d", rep->years[y] ? rep->years[y]->year : 0);
        xlsx_write_text(b, ws, row, PF_LABEL, year, xlsx_format(b, XLSX_TEXT, false));
        xlsx_write_number(b, ws, row, PF_SCORE, s ? s->ita_r2 : NAN, score);
        xlsx_write_text(b, ws, row, PF_CITY_MEDIAN,
                        /* the grade of that year's framework */
                        s ? rep->years[y]->m->grades[s->grade].id : "",
                        b->f.center);
        const office_score *before =
            y > 0 && rep->years[y - 1] &&
                    rep->years[y - 1]->year + 1 == rep->years[y]->year
                ? scores_find(rep->years[y - 1], plan->office)
                : NULL;
        if (!s || !before)
            continue;
        xlsx_write_number(b, ws, row, PF_ZONE_MEDIAN,
                          score_round2(s->ita_r2 - before->ita_r2), score);
        uncertainty_change ch;
        const year_uncertainty *const *yu = rep->year_uncertainty;
        if (yu && yu[y - 1] && yu[y] &&
            uncertainty_change_of(yu[y - 1], yu[y], plan->office, MEASURE_ITA,
                               &ch) &&
            ch.basis != UNCERTAINTY_UNKNOWN) {
            xlsx_write_text(b, ws, row, PF_BEST,
                            ch.significant ? xlsx_tr(rep, "ใช่", "yes")
                                           : xlsx_tr(rep, "ไม่", "no"),
                            b->f.center);
            xlsx_write_number(b, ws, row, PF_BEST_SCORE, score_round2(ch.low),
                              score);
            xlsx_write_number(b, ws, row, PF_PERCENTILE,
                              score_round2(ch.high), score);
        }
    }
    add_series_chart(b, ws, first, row - 1, row + 1);
}

/* English headers' words whole ("media|n", "Percent|ile" printed), the
 * series' headers under the same columns included; Thai headers break
 * between words already.  The sheet prints at a fixed scale, page wide
 * enough for the wider columns. */
static void profile_english_widths(const xlsx_book *b, xlsx_column *cols)
{
    if (xlsx_report(b)->lang != LANG_EN)
        return;
    for (size_t c = 0; c < N_PROFILE_COLUMNS; c++)
        cols[c].width = xlsx_header_width(b, cols[c].width, cols[c].en);
    for (size_t k = 0; k < sizeof series_heads / sizeof *series_heads; k++) {
        double *w = &cols[series_heads[k].col].width;
        *w = xlsx_header_width(b, *w, series_heads[k].en);
    }
}

/* The n headline measures' rows from row first, with the widths of the
 * sheet cols (the label column as wide as the labels made it, English
 * headers' words whole), so that their texts fit their rows to them. */
static void write_headline_rows(office_ctx *o, lxw_worksheet *ws,
                                lxw_row_t first, const xlsx_column *cols,
                                size_t *measures, size_t n)
{
    xlsx_columns table = {0};
    xlsx_columns_add_all(&table, profile_table, N_PROFILE_COLUMNS);
    for (size_t c = 0; c < N_PROFILE_COLUMNS; c++)
        table.cols[c].col.width = cols[c].width;
    o->rows = measures;
    xlsx_write_rows(o->b, ws, first, table.cols, table.n, n, o,
                    office_measure_at);
    o->rows = NULL;
    xlsx_columns_free(&table);
}

void office_sheet_profile_write(office_ctx *o, lxw_worksheet *ws)
{
    xlsx_book *b = o->b;
    const office_plan *plan = o->plan;
    const report *rep = xlsx_report(b);
    const model *m = rep->m;
    const office *of = &rep->r->offices[plan->office];
    char *name = plans_office_name(rep->r, rep->lang, plan->office);
    char *title = xasprintf(xlsx_tr(rep, "%s: ผลการประเมิน ITA ปีงบประมาณ พ.ศ. %d",
                                    "%s: ITA results, fiscal year B.E. %d"),
                            name, rep->current->year);
    char *subtitle = xasprintf(xlsx_tr(rep, "รหัส %s · %s · เทียบกับ %zu สำนักงานเขต",
                                       "Code %s · %s · compared with %zu offices"),
                               of->code, xlsx_zone_name(rep, of->zone),
                               rep->current->n);
    xlsx_column cols[N_PROFILE_COLUMNS];
    xlsx_table_layout(profile_table, N_PROFILE_COLUMNS, cols);
    cols[PF_LABEL].width = summary_label_width(b, cols[PF_LABEL].width);
    profile_english_widths(b, cols);
    lxw_row_t row = office_heading(
        b, ws,
        &(office_heading_text){
            .last_col = N_PROFILE_COLUMNS - 1,
            .width = xlsx_columns_width(cols, N_PROFILE_COLUMNS),
            .title = title,
            .subtitle = subtitle});
    free(title);
    free(subtitle);
    free(name);
    row++;
    office_set_widths(b, ws, cols, N_PROFILE_COLUMNS);
    write_profile_summary(o, ws, &row);
    row++;
    if (rep->uncertainty)
        write_uncertainty_line(b, ws, &row, plan,
                            xlsx_columns_width(cols, N_PROFILE_COLUMNS));
    /* the radar under the figures, in rows of its own */
    lxw_row_t radar_at = row;
    if (m->n_indicators >= 3)
        for (int k = 0; k < RADAR_ROWS; k++)
            xlsx_note_err(b, worksheet_set_row(ws, row++, RADAR_ROW_PT, NULL));

    /* ITA, the tools, then the indicators together for the radar chart,
     * from the top of a page: the table continued on a second page
     * without its header, and repeating it would print it over the
     * series table too */
    size_t n;
    size_t *measures = xlsx_headline_measures(m, &n);
    lxw_row_t header = ++row;
    /* and the series table from the top of the next (its second row
     * printed alone, without its header, under the table above) */
    lxw_row_t series_at = header + (lxw_row_t)n + 2;
    lxw_row_t page_breaks[] = {header, rep->n_years >= 2 ? series_at : 0, 0};
    xlsx_note_err(b, worksheet_set_h_pagebreaks(ws, page_breaks));
    xlsx_add_table(b, ws, header, 0, n, cols, N_PROFILE_COLUMNS,
                   "Profile");
    xlsx_fit_header_row(b, ws, header, cols, N_PROFILE_COLUMNS);
    write_headline_rows(o, ws, header + 1, cols, measures, n);
    lxw_row_t first_indicator = header + 2 + (lxw_row_t)m->n_tools;
    radar_categories cat = {first_indicator, PF_LABEL};
    if (m->n_indicators >= 3 &&
        write_radar_ids(b, ws, radar_at, radar_at + RADAR_ROWS,
                        measures + 1 + m->n_tools, m->n_indicators))
        cat = (radar_categories){radar_at, RADAR_ID_COL};
    free(measures);
    xlsx_grade_colours(b, ws, header + 1, PF_SCORE, header + (lxw_row_t)n,
                       PF_SCORE, true);
    write_series(b, ws, series_at, plan, cols);
    if (m->n_indicators >= 3)
        add_radar_chart(b, ws, radar_at, first_indicator,
                        first_indicator + (lxw_row_t)m->n_indicators - 1,
                        cat);
    /* at the readable scale, not fitted to one page (which printed at
     * 6.6 pt): the chart sits in the first page's rows, whole */
    xlsx_print_setup_scaled(b, ws, XLSX_NO_REPEAT, XLSX_NO_REPEAT,
                            PROFILE_PRINT_SCALE);
    office_protect(ws, o->protect);
}
