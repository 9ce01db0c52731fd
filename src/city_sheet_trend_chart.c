/* The ITA chart of the City trend sheet (city_sheets.h): the ITA of every year
 * of the input as lines over the years.  Fifty lines, one per office,
 * cannot be told apart, so a city draws its median with the quartiles
 * around it (half of the offices lie between them) and each zone's
 * median; a city of a few offices draws a line per office beside the
 * median.
 *
 * The lines are drawn from cells: a block of chart data (one row per
 * year, one column per line, names on row CITY_HEAD) in hidden columns
 * right of the printed ones, statistics from stats_series. */
#include "city_sheets.h"
#include "text.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* Up to this many offices, a line each. */
#define MAX_OFFICE_LINES 12

/* The chart's height: at most libxlsxwriter's default 288 px times this,
 * less when a printed page has less room (city_chart_height_pt). */
#define CHART_MAX_Y_SCALE 1.9

/* What the chart data's cells read: the city, the series of the ITA
 * (stats_series, one point per year of report.years), and the year of the
 * row as the cell's item. */
typedef struct {
    city *c;
    const stats_year_point *series;
} chart_sheet;

static const city *cell_city(const xlsx_cell *cell)
{
    return ((const chart_sheet *)cell->sheet)->c;
}

static const stats_year_point *cell_point(const xlsx_cell *cell)
{
    return cell->item;
}

static const void *point_at(const void *sheet, size_t i)
{
    return &((const chart_sheet *)sheet)->series[i];
}

/* The fiscal year (the category of the row). */
static void cell_year(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_point(cell)->year);
}

/* A statistic of the city: the double at offset arg of the point. */
static void cell_city_stat(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_point(cell)->n
                               ? city_stat_at(cell_point(cell),
                                              cell->column->arg)
                               : NAN);
}

/* The median of zone arg. */
static void cell_zone_median(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_point(cell)->zone_median[cell->column->arg]);
}

/* The ITA of office arg (registry index) in the row's year. */
static void cell_office_ita(const xlsx_cell *cell)
{
    const office_score *s = scores_find(
        cell_city(cell)->rep->years[cell->index], (int)cell->column->arg);
    xlsx_cell_number(cell, s ? s->ita_r2 : NAN);
}

/* How a line is drawn. */
typedef struct {
    lxw_color_t color;
    double width;
    uint8_t dash;   /* LXW_CHART_LINE_DASH_... */
} line_style;

static const line_style median_line = {0x1F3864, 3, LXW_CHART_LINE_DASH_SOLID};
static const line_style quartile_line = {0x8FAADC, 1.5,
                                         LXW_CHART_LINE_DASH_DASH};

/* The city's lines: the median between the quartiles. */
static const struct {
    xlsx_table_column column;
    const line_style *style;
} city_lines[] = {
    {{{"ควอร์ไทล์ที่ 3 ของเมือง", "City upper quartile", 12, XLSX_SCORE},
      cell_city_stat, offsetof(stats_year_point, q3)},
     &quartile_line},
    {{{"มัธยฐานของเมือง", "City median", 12, XLSX_SCORE}, cell_city_stat,
      offsetof(stats_year_point, median)},
     &median_line},
    {{{"ควอร์ไทล์ที่ 1 ของเมือง", "City lower quartile", 12, XLSX_SCORE},
      cell_city_stat, offsetof(stats_year_point, q1)},
     &quartile_line},
};
#define N_CITY_LINES (sizeof city_lines / sizeof *city_lines)

/* The offices of the Trend table (a line each when few), or 0 when more
 * than MAX_OFFICE_LINES: registry indices into offices[]. */
static size_t few_offices(const report *rep, int offices[MAX_OFFICE_LINES])
{
    size_t n = 0;
    for (size_t o = 0; o < rep->r->n_offices; o++)
        for (size_t y = 0; y < rep->n_years; y++)
            if (scores_find(rep->years[y], (int)o)) {
                if (n == MAX_OFFICE_LINES)
                    return 0;
                offices[n++] = (int)o;
                break;
            }
    return n;
}

/* The chart data's columns after `skip` blank ones (the printed columns
 * and a gap: xlsx_write_rows writes from column 0): the year, then a column
 * per line, each header the line's name in the workbook's language. */
static void chart_columns(city *c, xlsx_columns *t, size_t skip)
{
    const report *rep = c->rep;
    for (size_t k = 0; k < skip; k++)
        xlsx_columns_add(t, (xlsx_table_column){{"", "", 0, XLSX_TEXT}, NULL, 0});
    xlsx_columns_add(t, (xlsx_table_column){
                            {"ปีงบประมาณ", "Fiscal year", 10, XLSX_INT},
                            cell_year, 0});
    int offices[MAX_OFFICE_LINES];
    size_t n = few_offices(rep, offices);
    if (n == 0)
        for (size_t k = 0; k < N_CITY_LINES; k++)
            xlsx_columns_add(t, city_lines[k].column);
    else
        xlsx_columns_add(t, city_lines[1].column);
    for (size_t i = 0; i < n; i++)
        xlsx_columns_add(t, (xlsx_table_column){
                                {xlsx_office_name(rep, offices[i]),
                                 xlsx_office_name(rep, offices[i]), 12,
                                 XLSX_SCORE},
                                cell_office_ita, (size_t)offices[i]});
    for (size_t z = 0; n == 0 && z < rep->r->n_zones; z++) {
        const char *zone = xlsx_zone_name(rep, (int)z);
        xlsx_columns_add(t, (xlsx_table_column){
                                {city_pool(c, xasprintf("มัธยฐาน %s", zone)),
                                 city_pool(c, xasprintf("Median, %s", zone)),
                                 12, XLSX_SCORE},
                                cell_zone_median, z});
    }
}

static lxw_chart_font chart_font(const city *c, double size, bool bold)
{
    return (lxw_chart_font){.name = (char *)xlsx_font_name(c->rep),
                            .size = size, .bold = bold};
}

/* A colour per zone or office line, in turn. */
static const lxw_color_t palette[] = {
    0xC00000, 0xED7D31, 0x70AD47, 0x7030A0, 0x00B0F0, 0xBF9000,
    0x843C0C, 0x548235, 0xFF66CC, 0x2F5597, 0x808080, 0x00B050,
};

/* The style of column k of the chart data: the city's lines by their
 * table, the others in the palette's colours, thin. */
static line_style style_of(const xlsx_table_column *col, size_t k)
{
    for (size_t i = 0; i < N_CITY_LINES; i++)
        if (col->cell == cell_city_stat && col->arg == city_lines[i].column.arg)
            return *city_lines[i].style;
    return (line_style){palette[k % (sizeof palette / sizeof *palette)], 1.75,
                        LXW_CHART_LINE_DASH_SOLID};
}

/* A line per chart data column after the year's (at year_col), named by
 * its header cell, over the n_years rows from CITY_FIRST. */
static void add_lines(city *c, lxw_chart *chart, lxw_worksheet *ws,
                      const xlsx_columns *t, lxw_col_t year_col)
{
    lxw_row_t last = (lxw_row_t)(CITY_FIRST + c->rep->n_years - 1);
    for (size_t k = year_col + 1u; k < t->n; k++) {
        lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(s, ws->name, CITY_FIRST, year_col, last,
                                    year_col);
        chart_series_set_values(s, ws->name, CITY_FIRST, (lxw_col_t)k, last,
                                (lxw_col_t)k);
        chart_series_set_name_range(s, ws->name, CITY_HEAD, (lxw_col_t)k);
        line_style style = style_of(&t->cols[k], k - year_col - 1);
        lxw_chart_line line = {.color = style.color, .width = style.width,
                               .dash_type = style.dash};
        chart_series_set_line(s, &line);
        chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(s, 5);
        lxw_chart_fill fill = {.color = style.color};
        chart_series_set_marker_fill(s, &fill);
        chart_series_set_marker_line(s, &line);
    }
}

/* The lowest value a line shows: the offices' lowest when each has a
 * line, else the lowest quartile or zone median. */
static double lowest_shown(const report *rep, const stats_year_point *series,
                           bool per_office)
{
    double lowest = 100;
    for (size_t y = 0; y < rep->n_years; y++) {
        const stats_year_point *p = &series[y];
        if (p->n == 0)
            continue;
        lowest = fmin(lowest, per_office ? p->min : p->q1);
        for (size_t z = 0; !per_office && z < rep->r->n_zones; z++)
            lowest = fmin(lowest, p->zone_median[z]);   /* fmin skips NAN */
    }
    return lowest;
}

/* Axis names and fonts, title and legend, all readable when printed at
 * scale (xlsx_readable_pt); the value axis from the multiple of 5 under
 * the lowest value shown, so that the lines are apart. */
static void dress_chart(city *c, lxw_chart *chart, int scale, double lowest)
{
    lxw_chart_font axis = chart_font(c, xlsx_readable_pt(12, scale), false);
    lxw_chart_font name = chart_font(c, xlsx_readable_pt(12, scale), true);
    lxw_chart_font title = chart_font(c, xlsx_readable_pt(14, scale), true);
    lxw_chart_axis *x = chart_axis_get(chart, LXW_CHART_AXIS_TYPE_X);
    lxw_chart_axis *y = chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y);
    chart_axis_set_name(x, city_tr(c, "ปีงบประมาณ", "Fiscal year"));
    chart_axis_set_name(y, "ITA");
    chart_axis_set_name_font(x, &name);
    chart_axis_set_name_font(y, &name);
    chart_axis_set_num_font(x, &axis);
    chart_axis_set_num_font(y, &axis);
    chart_axis_set_max(y, 100);
    chart_axis_set_min(y, fmax(0, floor(lowest / 5) * 5));
    chart_title_set_name(chart, city_tr(c, "ITA รายปี", "ITA year by year"));
    chart_title_set_name_font(chart, &title);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_RIGHT);
    chart_legend_set_font(chart, &axis);
    chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
    chart_show_hidden_data(chart);
}

/* The chart data in hidden columns right of the n_table printed columns;
 * returns the column of the years. */
static lxw_col_t write_chart_data(city *c, lxw_worksheet *ws,
                                  const xlsx_columns *t, size_t n_table,
                                  const stats_year_point *series)
{
    lxw_col_t year_col = (lxw_col_t)(n_table + 1);
    for (size_t k = year_col; k < t->n; k++)
        xlsx_write_text(c->b, ws, CITY_HEAD, (lxw_col_t)k,
                        city_tr(c, t->cols[k].col.th, t->cols[k].col.en),
                        c->b->f.header);
    chart_sheet sheet = {c, series};
    xlsx_write_rows(c->b, ws, CITY_FIRST, t->cols, t->n, c->rep->n_years,
                    &sheet, point_at);
    lxw_row_col_options hidden = {.hidden = LXW_TRUE};
    city_note_err(c, worksheet_set_column_opt(ws, year_col,
                                              (lxw_col_t)(t->n - 1), 12,
                                              NULL, &hidden));
    return year_col;
}

lxw_row_t city_sheet_trend_chart(city *c, lxw_worksheet *ws, lxw_row_t r,
                                 size_t n_table, int scale)
{
    const report *rep = c->rep;
    lxw_row_t next = r;
    if (rep->n_years < 2)
        return next;
    stats_year_point *series = stats_series(
        (const year_scores *const *)rep->years, rep->n_years, MEASURE_ITA);
    xlsx_columns t = {0};
    chart_columns(c, &t, n_table + 1);
    lxw_col_t year_col = write_chart_data(c, ws, &t, n_table, series);
    lxw_chart *chart = workbook_add_chart(c->b->wb, LXW_CHART_LINE);
    if (chart) {
        add_lines(c, chart, ws, &t, year_col);
        int offices[MAX_OFFICE_LINES];
        bool per_office = few_offices(rep, offices) > 0;
        dress_chart(c, chart, scale, lowest_shown(rep, series, per_office));
        city_subtitle(c, ws, r, 0,
                      per_office
                          ? city_tr(c, "ITA รายปี: เขตละหนึ่งเส้น และมัธยฐานของเมือง",
                                    "ITA year by year: a line per office, and the "
                                    "city median")
                          : city_tr(c, "ITA รายปี: มัธยฐานและควอร์ไทล์ของเมือง และมัธยฐานของกลุ่มเขต",
                                    "ITA year by year: the city's median and "
                                    "quartiles, and each zone's median"));
        double height = city_chart_height_pt(ws, r, scale, CHART_MAX_Y_SCALE);
        lxw_chart_options place = {
            .x_scale = city_chart_x_scale(ws, n_table, scale),
            .y_scale = height * 96 / 72 / CITY_CHART_PX,
            .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
        city_note_err(c, worksheet_insert_chart_opt(ws, r + 1, 0, chart,
                                                    &place));
        next = city_row_under_chart(ws, r + 1, height);
    }
    xlsx_columns_free(&t);
    stats_series_free(series, rep->n_years);
    return next;
}
