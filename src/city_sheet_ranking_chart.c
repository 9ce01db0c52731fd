/* The caterpillar chart of the Ranking table (city_sheets.h): every
 * office's ITA with its 95 % interval, best first, and the target, on the
 * ITA intervals sheet.  Under the Ranking table it printed beneath the
 * table's repeated header, with none of its rows; on a sheet of its own,
 * with no repeated rows, it prints under its own title.
 *
 * libxlsxwriter has no custom error bars and LibreOffice draws no
 * high-low lines in line charts, so the intervals are one scatter series
 * of vertical segments: the points (position, low) and (position, high)
 * of each office followed by an empty row, drawn with gaps at empty
 * cells.  Its data sit in hidden columns right of the Ranking table,
 * beside the ITA column the points read. */
#include "city_sheets.h"
#include "textlayout.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>

/* The hidden columns of chart data, from the first one after the table
 * and a blank column. */
enum { CHART_POS, CHART_SEG_X, CHART_SEG_Y, CHART_TARGET_X, CHART_TARGET_Y,
       N_CHART_COLUMNS };

/* Rows per office in the segment columns: low, high, and an empty row. */
#define SEGMENT_ROWS 3
/* The printed columns of the ITA intervals sheet, which the chart
 * covers at 100 %: the page's width. */
#define N_PRINTED 13
#define PRINTED_WIDTH 10.0
#define PRINT_SCALE 100

static lxw_chart_font chart_font(const city *c, double size, bool bold)
{
    return (lxw_chart_font){.name = (char *)xlsx_font_name(c->rep),
                            .size = size, .bold = bold};
}

/* The chart's height: at most libxlsxwriter's default chart (288 px)
 * times this, less when the page has less room; its width is
 * city_chart_x_scale's. */
#define CHART_MAX_Y_SCALE 1.9

/* Positions, segments and the target line into the hidden columns from
 * first_col; returns the lowest value the chart shows. */
static double write_chart_data(city *c, lxw_worksheet *ws, lxw_col_t first_col)
{
    const year_scores *ys = c->ys;
    lxw_format *f = city_fmt(c, XLSX_SCORE);
    double lowest = ys->target;
    for (size_t i = 0; i < ys->n; i++) {
        const office_score *s = city_ranked(c, i);
        uncertainty_interval ita = uncertainty_of(c->rep->uncertainty,
                                          (size_t)(s - ys->offices),
                                          MEASURE_ITA);
        double x = (double)(i + 1);
        lxw_row_t r = (lxw_row_t)(CITY_FIRST + SEGMENT_ROWS * i);
        xlsx_write_number(c->b, ws, (lxw_row_t)(CITY_FIRST + i),
                     first_col + CHART_POS, x, f);
        lowest = fmin(lowest, isnan(ita.low) ? s->ita_r2 : ita.low);
        if (isnan(ita.low))
            continue;
        xlsx_write_number(c->b, ws, r, first_col + CHART_SEG_X, x, f);
        xlsx_write_number(c->b, ws, r, first_col + CHART_SEG_Y, ita.low, f);
        xlsx_write_number(c->b, ws, r + 1, first_col + CHART_SEG_X, x, f);
        xlsx_write_number(c->b, ws, r + 1, first_col + CHART_SEG_Y, ita.high, f);
    }
    /* the target line follows the Target cell */
    const double ends[2] = {0.5, (double)ys->n + 0.5};
    for (int e = 0; e < 2; e++) {
        lxw_row_t r = (lxw_row_t)(CITY_FIRST + e);
        xlsx_write_number(c->b, ws, r, first_col + CHART_TARGET_X, ends[e], f);
        xlsx_take_formula(c->b, ws, r, first_col + CHART_TARGET_Y,
                         xasprintf("=Target"), ys->target, f);
    }
    lxw_row_col_options hidden = {.hidden = LXW_TRUE};
    city_note_err(c, worksheet_set_column_opt(
                         ws, first_col, first_col + N_CHART_COLUMNS - 1, 8,
                         NULL, &hidden));
    return lowest;
}

static lxw_chart_series *add_series(city *c, lxw_chart *chart, lxw_col_t xcol,
                                    lxw_col_t ycol, lxw_row_t last,
                                    const char *name)
{
    const char *sheet = c->ws[CITY_RANKING]->name;
    lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
    chart_series_set_categories(s, sheet, CITY_FIRST, xcol, last, xcol);
    chart_series_set_values(s, sheet, CITY_FIRST, ycol, last, ycol);
    chart_series_set_name(s, name);
    return s;
}

/* Each ITA point named by its office, upright beside it, in a font that
 * prints at XLSX_MIN_PRINT_PT at the sheet's scale.  The names are text,
 * not references to the Ranking table's cells: LibreOffice shows the
 * point's value for a label given as a cell reference. */
static void label_offices(city *c, lxw_chart_series *ita, int scale)
{
    size_t n = c->ys->n;
    lxw_chart_font font = chart_font(c, xlsx_readable_pt(9, scale), false);
    font.rotation = -90;
    lxw_chart_data_label *labels = xcalloc(n, sizeof *labels);
    lxw_chart_data_label **list = xcalloc(n + 1, sizeof *list);
    for (size_t i = 0; i < n; i++) {
        const office_score *sc = city_ranked(c, i);
        labels[i].value = (char *)xlsx_office_name(c->rep, sc->office);
        labels[i].font = &font;
        list[i] = &labels[i];
    }
    city_note_err(c, chart_series_set_labels_custom(ita, list));
    chart_series_set_labels_position(ita, LXW_CHART_LABEL_POSITION_RIGHT);
    free(list);
    free(labels);
}

/* The three series: interval segments, ITA points (named by their
 * offices), target line. */
static void add_all_series(city *c, lxw_chart *chart, lxw_col_t first_col,
                           int scale)
{
    size_t n = c->ys->n;
    lxw_chart_series *seg = add_series(
        c, chart, first_col + CHART_SEG_X, first_col + CHART_SEG_Y,
        (lxw_row_t)(CITY_FIRST + SEGMENT_ROWS * n - 2),
        city_tr(c, "ช่วง 95%", "95% interval"));
    lxw_chart_line seg_line = {.color = 0x8FAADC, .width = 2.25};
    chart_series_set_line(seg, &seg_line);
    chart_series_set_marker_type(seg, LXW_CHART_MARKER_NONE);

    lxw_chart_series *ita = add_series(c, chart, first_col + CHART_POS,
                                       c->rk_ita, city_last_row(n), "ITA");
    lxw_chart_line none = {.none = LXW_TRUE};
    chart_series_set_line(ita, &none);
    chart_series_set_marker_type(ita, LXW_CHART_MARKER_CIRCLE);
    chart_series_set_marker_size(ita, n > 200 ? 2 : 4);
    lxw_chart_fill dark = {.color = 0x1F3864};
    lxw_chart_line dark_line = {.color = 0x1F3864};
    chart_series_set_marker_fill(ita, &dark);
    chart_series_set_marker_line(ita, &dark_line);
    label_offices(c, ita, scale);

    lxw_chart_series *target = add_series(
        c, chart, first_col + CHART_TARGET_X, first_col + CHART_TARGET_Y,
        CITY_FIRST + 1, city_tr(c, "เป้าหมาย", "Target"));
    lxw_chart_line red = {.color = 0xC00000, .width = 1.75,
                          .dash_type = LXW_CHART_LINE_DASH_DASH};
    chart_series_set_line(target, &red);
    chart_series_set_marker_type(target, LXW_CHART_MARKER_NONE);
}

static void set_axes(city *c, lxw_chart *chart, double lowest, int scale)
{
    lxw_chart_font axis_font = chart_font(c, xlsx_readable_pt(12, scale), false);
    lxw_chart_font name_font = chart_font(c, xlsx_readable_pt(12, scale), true);
    lxw_chart_axis *x = chart_axis_get(chart, LXW_CHART_AXIS_TYPE_X);
    lxw_chart_axis *y = chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y);
    chart_axis_set_name(x, city_tr(c, "สำนักงานเขต เรียงจาก ITA มากไปน้อย (ลำดับที่)",
                                   "Offices, best ITA first (position)"));
    chart_axis_set_name(y, "ITA");
    chart_axis_set_name_font(x, &name_font);
    chart_axis_set_name_font(y, &name_font);
    chart_axis_set_num_font(x, &axis_font);
    chart_axis_set_num_font(y, &axis_font);
    chart_axis_set_min(x, 0);
    chart_axis_set_max(x, (double)c->ys->n + 1);
    chart_axis_set_min(y, fmax(0, floor(lowest / 5) * 5));
    chart_axis_set_max(y, 100);
    chart_axis_set_major_unit(y, 5);
    chart_axis_major_gridlines_set_visible(x, LXW_FALSE);
}

/* The chart on ws from row r (its data on the Ranking sheet), printed
 * at scale; returns the first row under it. */
static lxw_row_t insert_chart(city *c, lxw_worksheet *ws, lxw_row_t r,
                              int table_scale)
{
    lxw_col_t first_col = (lxw_col_t)(c->rk_width + 1);
    double lowest = write_chart_data(c, c->ws[CITY_RANKING], first_col);
    lxw_chart *chart = workbook_add_chart(c->b->wb, LXW_CHART_SCATTER_STRAIGHT);
    if (!chart)
        return r;
    add_all_series(c, chart, first_col, table_scale);
    set_axes(c, chart, lowest, table_scale);
    /* the dashed line is drawn from the Target cell, so the title names
     * the cell, not the number it held when the workbook was written */
    chart_title_set_name(
        chart, city_tr(c, "ITA ของทุกสำนักงานเขตพร้อมช่วง 95% (เส้นประ = "
                          "ค่าเป้าหมายในช่อง Target): "
                          "เขตที่ช่วงซ้อนกันยังแยกอันดับกันไม่ได้",
                       "Every office's ITA with its 95% interval (dashed: the "
                       "Target cell): offices whose intervals overlap are not "
                       "told apart"));
    lxw_chart_font title_font =
        chart_font(c, xlsx_readable_pt(14, table_scale), true);
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_font legend_font =
        chart_font(c, xlsx_readable_pt(12, table_scale), false);
    chart_legend_set_font(chart, &legend_font);
    chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
    chart_show_hidden_data(chart);
    double height = city_chart_height_pt(ws, r - 1, table_scale,
                                         CHART_MAX_Y_SCALE);
    lxw_chart_options place = {.x_scale = city_chart_x_scale(ws, N_PRINTED,
                                                        table_scale),
                               .y_scale = height * 96 / 72 / CITY_CHART_PX,
                               .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
    city_note_err(c, worksheet_insert_chart_opt(ws, r, 0, chart, &place));
    return city_row_under_chart(ws, r, height);
}

void city_sheet_intervals_write(city *c, lxw_worksheet *ws)
{
    xlsx_column cols[N_PRINTED];
    for (size_t k = 0; k < N_PRINTED; k++)
        cols[k] = (xlsx_column){"", "", PRINTED_WIDTH, XLSX_TEXT};
    xlsx_set_columns(c->b, ws, 0, cols, N_PRINTED);
    city_title(c, ws, "ITA ของทุกสำนักงานเขตพร้อมช่วง 95% ปีงบประมาณ",
               "Every office's ITA with its 95% interval, fiscal year");
    xlsx_wide_line(c->b, ws, 1, N_PRINTED - 1,
                   xlsx_columns_width(cols, N_PRINTED),
                   city_tr(c, "ITA ช่วง 95% และอันดับของแต่ละเขตเป็นตัวเลขอยู่ในชีตอันดับ",
                           "Each office's ITA, 95% interval and rank are in "
                           "figures on the Ranking sheet."),
                   c->b->f.note);
    xlsx_print_setup_scaled(c->b, ws, XLSX_NO_REPEAT, XLSX_NO_REPEAT,
                            PRINT_SCALE);
    lxw_row_t end = insert_chart(c, ws, CITY_HEAD, PRINT_SCALE);
    city_note_err(c, worksheet_print_area(ws, 0, 0, end, N_PRINTED - 1));
}
