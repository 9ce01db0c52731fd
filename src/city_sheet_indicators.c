/* The Indicators sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "textlayout.h"

#include <stddef.h>

enum indicator_field { IN_RANK, IN_CODE, IN_NAME, IN_ZONE, IN_MEASURE };

static const struct {
    const char *th, *en;
    size_t offset;      /* into stats_summary */
} indicator_stat_rows[] = {
    {"ค่าเฉลี่ยของเมือง", "City mean", offsetof(stats_summary, mean)},
    {"มัธยฐาน", "Median", offsetof(stats_summary, median)},
    {"ต่ำสุด", "Minimum", offsetof(stats_summary, min)},
    {"สูงสุด", "Maximum", offsetof(stats_summary, max)},
};

void city_sheet_indicators_write(city *c, lxw_worksheet *ws)
{
    city_layout l = {0};
    city_lay_add(&l, "อันดับ", "Rank", 6, XLSX_INT, IN_RANK, 0);
    city_lay_add(&l, "รหัส", "Code", c->w_code, XLSX_TEXT, IN_CODE, 0);
    city_lay_add(&l, "สำนักงานเขต", "Office", c->w_name, XLSX_TEXT, IN_NAME, 0);
    city_lay_add(&l, "กลุ่มเขต", "Zone", c->w_zone, XLSX_TEXT, IN_ZONE, 0);
    c->ind_first = (lxw_col_t)l.n;
    for (size_t j = 0; j < c->n_main; j++) {
        const char *t = city_measure_title(c, c->main[j]);
        city_lay_add(&l, t, t, 10, XLSX_SCORE, IN_MEASURE, c->main[j]);
    }
    city_title(c, ws, "คะแนนรายตัวชี้วัดของสำนักงานเขต ปีงบประมาณ",
               "Indicator scores of the district offices, fiscal year");
    city_note(c, ws, 1, (lxw_col_t)(l.n - 1), xlsx_columns_width(l.cols, l.n),
              city_tr(c, "สีแสดงตำแหน่งเทียบกับสำนักงานเขตอื่นในแต่ละคอลัมน์ "
                         "(แดง = ต่ำสุด, เขียว = สูงสุด)",
                      "Colours compare the offices within each column (red lowest, "
                      "green highest)."),
              c->b->f.note);
    const year_scores *ys = c->ys;
    city_filtered_header(c, ws, &l, ys->n, 3, TEXTLAYOUT_NORMAL_PT);
    for (size_t i = 0; i < ys->n; i++) {
        const office_score *s = city_ranked(c, i);
        const office *o = &c->rep->r->offices[s->office];
        lxw_row_t r = (lxw_row_t)(CITY_FIRST + i);
        for (size_t k = 0; k < l.n; k++) {
            lxw_col_t col = (lxw_col_t)k;
            lxw_format *f = city_fmt(c, l.cols[k].kind);
            switch ((enum indicator_field)l.field[k]) {
            case IN_RANK: xlsx_write_number(c->b, ws, r, col, s->rank, f); break;
            case IN_CODE: xlsx_write_text(c->b, ws, r, col, o->code, f); break;
            case IN_NAME:
                xlsx_write_text(c->b, ws, r, col,
                              xlsx_office_name(c->rep, s->office), f);
                break;
            case IN_ZONE:
                xlsx_write_text(c->b, ws, r, col, xlsx_zone_name(c->rep, o->zone),
                              f);
                break;
            case IN_MEASURE:
                xlsx_write_score(c->b, ws, r, col, scores_value(s, l.measure[k]));
                break;
            }
        }
    }
    lxw_row_t last = city_last_row(ys->n);
    for (size_t j = 0; j < c->n_main; j++) {
        lxw_col_t col = (lxw_col_t)(c->ind_first + j);
        city_note_err(c, xlsx_colour_scale(ws, CITY_FIRST, col, last, col));
    }
    /* city statistics under the table (not part of it, so that sorting and
     * filtering the table leaves them alone) */
    for (size_t s = 0;
         s < sizeof indicator_stat_rows / sizeof *indicator_stat_rows; s++) {
        lxw_row_t r = (lxw_row_t)(last + 2 + s);
        xlsx_write_text(c->b, ws, r, 2, city_tr(c, indicator_stat_rows[s].th,
                                           indicator_stat_rows[s].en),
                      city_bold(c, XLSX_TEXT));
        for (size_t j = 0; j < c->n_main; j++)
            xlsx_write_number(c->b, ws, r, (lxw_col_t)(c->ind_first + j),
                         city_stat_at(&c->cs->city[c->main[j]],
                                      indicator_stat_rows[s].offset),
                         city_bold(c, XLSX_SCORE));
    }
    city_lay_free(&l);
}
