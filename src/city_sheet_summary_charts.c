/* The charts of the Summary sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "text.h"
#include "textlayout.h"

#include <math.h>
#include <stdlib.h>

static lxw_chart_font chart_font(const city *c, double size)
{
    return (lxw_chart_font){
        .name = (char *)xlsx_font_name(c->rep),
        .size = size};
}

/* The bar chart's data: each office's ITA split at Target, up to it and
 * above it, formulas on the Ranking sheet's ITA (hidden columns of the
 * Summary from SPLIT_COL), so that the split follows Target.
 * libxlsxwriter cannot draw a line over bars, and a gridline would stay
 * where the target was. */
#define SPLIT_COL 10
/* the last printed column (H): the hidden data lie two columns beyond, so
 * that LibreOffice does not print it as "###" at the page's edge */
#define LAST_PRINTED_COL 7

/* libxlsxwriter's default chart width in pixels (scaled by x_scale). */
#define CHART_PX_WIDTH 480

/* The x_scale that makes a chart px pixels wide when printed.
 * libxlsxwriter anchors a chart to the columns it spans counting 7 pixels
 * per character unit of width (Calibri 11's digit); Excel and LibreOffice
 * lay the columns out with the Normal style's digit, TH Sarabun New at
 * TEXTLAYOUT_NORMAL_PT, about 10 pixels (textlayout's unit), and so
 * stretch the chart by their ratio. */
static double chart_x_scale(double px)
{
    double unit = 300.0 / (textlayout_width_for_px(400) -
                           textlayout_width_for_px(100));
    return px / CHART_PX_WIDTH * 7.0 / unit;
}

static void write_split(city *c, lxw_worksheet *ws)
{
    const year_scores *ys = c->ys;
    const char *ranking = c->ref[CITY_RANKING];
    for (size_t i = 0; i < ys->n; i++) {
        lxw_row_t r = (lxw_row_t)(CITY_FIRST + i);
        char ita[LXW_MAX_CELL_NAME_LENGTH];
        city_cell(ita, r, c->rk_ita);
        double v = city_ranked(c, i)->ita_r2;
        xlsx_take_formula(c->b, ws, r, SPLIT_COL,
                         xasprintf("=MIN(ROUND(%s!%s,2),Target)", ranking, ita),
                         fmin(v, ys->target), city_fmt(c, XLSX_SCORE));
        xlsx_take_formula(c->b, ws, r, SPLIT_COL + 1,
                         xasprintf("=MAX(0,ROUND(%s!%s,2)-Target)", ranking,
                                   ita),
                         fmax(0, v - ys->target), city_fmt(c, XLSX_SCORE));
    }
    city_note_err(c, worksheet_set_column_opt(
                         ws, SPLIT_COL, SPLIT_COL + 1, xlsx_column_width(8),
                         NULL, &(lxw_row_col_options){.hidden = 1}));
}

/* ITA by office, best first, each bar split at Target: the part above it
 * in green. */
static lxw_chart *ita_bar_chart(city *c, lxw_chart_font *title_font,
                                lxw_chart_font *axis_font)
{
    const year_scores *ys = c->ys;
    const char *ranking = c->ws[CITY_RANKING]->name;
    const char *summary = c->ws[CITY_SUMMARY]->name;
    lxw_chart *bar = workbook_add_chart(c->b->wb, LXW_CHART_COLUMN_STACKED);
    static const struct {
        const char *name[2];
        lxw_color_t color;
    } parts[] = {
        {{"ITA ถึงค่าเป้าหมาย", "ITA up to Target"}, 0x8EA9DB},
        {{"ส่วนที่เกินค่าเป้าหมาย", "Above Target"}, 0x70AD47},
    };
    for (lxw_col_t k = 0; k < 2; k++) {
        lxw_chart_series *s = chart_add_series(bar, NULL, NULL);
        chart_series_set_categories(s, ranking, CITY_FIRST, c->rk_name,
                                    city_last_row(ys->n), c->rk_name);
        chart_series_set_values(s, summary, CITY_FIRST, SPLIT_COL + k,
                                city_last_row(ys->n), SPLIT_COL + k);
        chart_series_set_name(s, parts[k].name[city_english(c)]);
        lxw_chart_fill fill = {.color = parts[k].color};
        chart_series_set_fill(s, &fill);
    }
    chart_show_hidden_data(bar);
    chart_set_series_gap(bar, 40);
    chart_title_set_name(bar, city_tr(c, "ITA รายสำนักงานเขต เรียงจากมากไปน้อย (สีเขียว = "
                                         "ส่วนที่เกินค่าเป้าหมายในช่อง Target)",
                                      "ITA by office, best first (green: the part "
                                      "above the Target cell)"));
    chart_title_set_name_font(bar, title_font);
    chart_legend_set_position(bar, LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(bar, axis_font);
    lxw_chart_axis *x = chart_axis_get(bar, LXW_CHART_AXIS_TYPE_X);
    lxw_chart_axis *y = chart_axis_get(bar, LXW_CHART_AXIS_TYPE_Y);
    lxw_chart_font x_font = *axis_font;
    x_font.rotation = -90;
    chart_axis_set_num_font(x, &x_font);
    chart_axis_set_num_font(y, axis_font);
    /* the axis starts low enough to show every office */
    double low = ys->n ? c->cs->city[MEASURE_ITA].min : ys->target;
    chart_axis_set_min(y, fmax(0, fmin(floor(low / 5) * 5 - 5,
                                       ys->target - 10)));
    chart_axis_set_max(y, 100);
    chart_axis_set_num_format(y, "0");
    return bar;
}

/* The grade histogram, from the Grades and correlations sheet. */
static lxw_chart *grade_chart(city *c, lxw_chart_font *title_font,
                              lxw_chart_font *axis_font)
{
    const char *grades = c->ws[CITY_GRADES]->name;
    const model *m = c->m;
    lxw_chart *hist = workbook_add_chart(c->b->wb, LXW_CHART_COLUMN);
    lxw_chart_series *s = chart_add_series(hist, NULL, NULL);
    lxw_row_t hl = c->hist_first + (lxw_row_t)(m->n_grades ? m->n_grades - 1 : 0);
    chart_series_set_categories(s, grades, c->hist_first, c->hist_id, hl,
                                c->hist_id);
    chart_series_set_values(s, grades, c->hist_first, c->hist_count, hl,
                            c->hist_count);
    chart_series_set_name(s, city_tr(c, "จำนวนเขต", "Offices"));
    chart_series_set_labels(s);
    chart_title_set_name(hist, city_tr(c, "จำนวนสำนักงานเขตตามระดับ ITA", "Offices by ITA grade"));
    chart_title_set_name_font(hist, title_font);
    chart_legend_set_position(hist, LXW_CHART_LEGEND_NONE);
    chart_axis_set_num_font(chart_axis_get(hist, LXW_CHART_AXIS_TYPE_X),
                            axis_font);
    chart_axis_set_num_font(chart_axis_get(hist, LXW_CHART_AXIS_TYPE_Y),
                            axis_font);
    lxw_chart_fill hist_fill = {.color = 0x70AD47};
    chart_series_set_fill(s, &hist_fill);
    return hist;
}

/* The indicators' city means (n_radar rows from radar_first on the
 * Summary) against the target. */
static lxw_chart *indicator_radar(city *c, lxw_chart_font *title_font,
                                  lxw_chart_font *axis_font,
                                  lxw_row_t radar_first, size_t n_radar)
{
    const model *m = c->m;
    const char *summary = c->ws[CITY_SUMMARY]->name;
    lxw_chart *radar = workbook_add_chart(c->b->wb, LXW_CHART_RADAR_WITH_MARKERS);
    lxw_row_t rl = radar_first + (lxw_row_t)(n_radar ? n_radar - 1 : 0);
    lxw_chart_series *s = chart_add_series(radar, NULL, NULL);
    chart_series_set_categories(s, summary, radar_first, 0, rl, 0);
    chart_series_set_values(s, summary, radar_first, 1, rl, 1);
    chart_series_set_name(s, city_tr(c, "ค่าเฉลี่ยของเมือง", "City mean"));
    s = chart_add_series(radar, NULL, NULL);
    chart_series_set_categories(s, summary, radar_first, 0, rl, 0);
    chart_series_set_values(s, summary, radar_first, 2, rl, 2);
    chart_series_set_name(s, city_tr(c, "เป้าหมาย", "Target"));
    lxw_chart_line red = {.color = 0xC00000, .width = 1.5,
                          .dash_type = LXW_CHART_LINE_DASH_DASH};
    chart_series_set_line(s, &red);
    chart_title_set_name(radar, city_tr(c, "ค่าเฉลี่ยของเมืองรายตัวชี้วัด เทียบกับเป้าหมาย",
                                        "Indicators: city mean against the target"));
    chart_title_set_name_font(radar, title_font);
    chart_legend_set_position(radar, LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(radar, axis_font);
    chart_axis_set_num_font(chart_axis_get(radar, LXW_CHART_AXIS_TYPE_X),
                            axis_font);
    lxw_chart_axis *ry = chart_axis_get(radar, LXW_CHART_AXIS_TYPE_Y);
    chart_axis_set_num_font(ry, axis_font);
    double radar_low = c->ys->target;
    for (size_t i = 0; i < m->n_indicators; i++)
        radar_low =
            fmin(radar_low, c->cs->city[1 + (size_t)m->indicators[i]].mean);
    chart_axis_set_min(
        ry, isfinite(radar_low) ? fmax(0, floor(radar_low / 10) * 10 - 10) : 0);
    chart_axis_set_max(ry, 100);
    return radar;
}

void city_sheet_summary_charts(city *c, lxw_worksheet *ws,
                               const city_summary_charts_at *at)
{
    lxw_row_t r = at->first_row;
    lxw_chart_font title_font = chart_font(c, 14), axis_font = chart_font(c, 10);
    title_font.bold = 1;
    write_split(c, ws);
    lxw_chart *bar = ita_bar_chart(c, &title_font, &axis_font);
    /* a printed A4 landscape page at 100 %: 1046 x 667 pixels */
    lxw_chart_options big = {.x_scale = chart_x_scale(1000), .y_scale = 1.8};
    /* charts start one row below their page break, clear of its edge */
    lxw_row_t bar_row = r++;
    city_note_err(c, worksheet_insert_chart_opt(ws, r, 0, bar, &big));
    r += 21;   /* the chart: 1.8 x 288 px, under 20 rows of 20 pt */
    lxw_chart *hist = grade_chart(c, &title_font, &axis_font);
    lxw_row_t second_row = r++;
    lxw_chart_options half = {.x_scale = chart_x_scale(440), .y_scale = 1.8};
    city_note_err(c, worksheet_insert_chart_opt(ws, r, 0, hist, &half));
    lxw_chart *radar =
        indicator_radar(c, &title_font, &axis_font, at->radar_first,
                        at->n_radar);
    /* beside the histogram, placed by pixels from column A (not by a
     * column, whose place moves with the widths of the tables above) */
    lxw_chart_options radar_opt = {
        .x_scale = chart_x_scale(540), .y_scale = 1.8,
        .x_offset = (int32_t)(CHART_PX_WIDTH * (half.x_scale +
                                                chart_x_scale(16)))};
    city_note_err(c, worksheet_insert_chart_opt(ws, r, 0, radar, &radar_opt));
    /* each chart row starts a page; a fixed scale, since Excel ignores
     * page breaks on sheets fitted to the page (the sheet fits at 100 %) */
    lxw_row_t *breaks = xmalloc((at->n_breaks + 3) * sizeof *breaks);
    size_t n = 0;
    for (size_t i = 0; i < at->n_breaks; i++)
        if (at->breaks[i])
            breaks[n++] = at->breaks[i];
    breaks[n++] = bar_row;
    breaks[n++] = second_row;
    breaks[n] = 0;
    city_note_err(c, worksheet_set_h_pagebreaks(ws, breaks));
    free(breaks);
    /* printed: the tables and charts, not the hidden chart data */
    city_note_err(c, worksheet_print_area(ws, 0, 0, r + 21, LAST_PRINTED_COL));
}
