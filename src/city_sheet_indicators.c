/* The Indicators sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "textlayout.h"

#include <stddef.h>
#include <stdlib.h>

static const struct {
    const char *th, *en;
    size_t offset;      /* into stats_summary */
} indicator_stat_rows[] = {
    {"ค่าเฉลี่ยของเมือง", "City mean", offsetof(stats_summary, mean)},
    {"มัธยฐาน", "Median", offsetof(stats_summary, median)},
    {"ต่ำสุด", "Minimum", offsetof(stats_summary, min)},
    {"สูงสุด", "Maximum", offsetof(stats_summary, max)},
};

/* The office's score on the column's measure (arg). */
static void measure_cell(const xlsx_cell *cell)
{
    xlsx_write_score(cell->b, cell->ws, cell->row, cell->col,
                     scores_value(cell->item, cell->column->arg));
}

/* Rank, code, office and zone, and one column per headline measure (arg:
 * the measure), titled by its id and label. */
static void indicator_columns(city *c, xlsx_columns *t)
{
    xlsx_columns_add_all(t, (xlsx_table_column[]){city_rank_column(c),
                                                  city_code_column(c),
                                                  city_name_column(c),
                                                  city_zone_column(c)},
                         4);
    for (size_t j = 0; j < c->n_main; j++) {
        const char *title = city_measure_title(c, c->main[j]);
        xlsx_columns_add(t, (xlsx_table_column){{title, title, 10, XLSX_SCORE},
                                                measure_cell, c->main[j]});
    }
}

/* City statistics under the table (not part of it, so that sorting and
 * filtering the table leaves them alone), labelled in the office name's
 * column. */
static void write_city_stats(city *c, lxw_worksheet *ws, lxw_col_t label_col)
{
    lxw_row_t last = city_last_row(c->ys->n);
    for (size_t s = 0;
         s < sizeof indicator_stat_rows / sizeof *indicator_stat_rows; s++) {
        lxw_row_t r = (lxw_row_t)(last + 2 + s);
        xlsx_write_text(c->b, ws, r, label_col,
                        city_tr(c, indicator_stat_rows[s].th,
                                indicator_stat_rows[s].en),
                        city_bold(c, XLSX_TEXT));
        for (size_t j = 0; j < c->n_main; j++)
            xlsx_write_number(c->b, ws, r, (lxw_col_t)(c->ind_first + j),
                              city_stat_at(&c->cs->city[c->main[j]],
                                           indicator_stat_rows[s].offset),
                              city_bold(c, XLSX_SCORE));
    }
}

void city_sheet_indicators_write(city *c, lxw_worksheet *ws)
{
    xlsx_columns t = {0};
    indicator_columns(c, &t);
    c->ind_first = city_column_of(&t, measure_cell);
    xlsx_column *layout = xlsx_columns_layout(&t);
    city_title(c, ws, "คะแนนรายตัวชี้วัดของสำนักงานเขต ปีงบประมาณ",
               "Indicator scores of the district offices, fiscal year");
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(t.n - 1), xlsx_columns_width(layout, t.n),
              city_tr(c, "สีแสดงตำแหน่งเทียบกับสำนักงานเขตอื่นในแต่ละคอลัมน์ "
                         "(แดง = ต่ำสุด, เขียว = สูงสุด)",
                      "Colours compare the offices within each column (red lowest, "
                      "green highest)."),
              c->b->f.note);
    free(layout);
    const year_scores *ys = c->ys;
    lxw_col_t name_col = city_column_of(&t, city_cell_name);
    city_filtered_columns(c, ws, &t, ys->n, (lxw_col_t)(name_col + 1),
                          TEXTLAYOUT_NORMAL_PT);
    /* in order, row by row: what a streamed sheet needs */
    xlsx_write_rows(c->b, ws, CITY_FIRST, t.cols, t.n, ys->n, c,
                    city_row_ranked);
    lxw_row_t last = city_last_row(ys->n);
    for (size_t j = 0; j < c->n_main; j++) {
        lxw_col_t col = (lxw_col_t)(c->ind_first + j);
        city_note_err(c, xlsx_colour_scale(ws, CITY_FIRST, col, last, col));
    }
    write_city_stats(c, ws, name_col);
    xlsx_columns_free(&t);
}
