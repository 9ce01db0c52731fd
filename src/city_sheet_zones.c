/* The Zones sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "text.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum zone_field { ZO_NAME, ZO_N, ZO_STAT, ZO_PASS, ZO_BEST, ZO_WORST };

static const struct {
    xlsx_column col;
    enum zone_field field;
    size_t offset;
} zone_columns[] = {
    {{"กลุ่มเขต", "Zone", 18, XLSX_TEXT}, ZO_NAME, 0},
    {{"จำนวนเขต", "Offices", 8, XLSX_INT}, ZO_N, 0},
    {{"ค่าเฉลี่ย ITA", "Mean ITA", 9, XLSX_SCORE}, ZO_STAT, offsetof(stats_summary, mean)},
    {{"มัธยฐาน ITA", "Median ITA", 9, XLSX_SCORE}, ZO_STAT, offsetof(stats_summary, median)},
    {{"ต่ำสุด", "Min ITA", 8, XLSX_SCORE}, ZO_STAT, offsetof(stats_summary, min)},
    {{"สูงสุด", "Max ITA", 8, XLSX_SCORE}, ZO_STAT, offsetof(stats_summary, max)},
    {{"ผ่านเป้าหมาย (เขต)", "Offices passing", 9, XLSX_INT}, ZO_PASS, 0},
    {{"เขตที่ดีที่สุด", "Best office", 20, XLSX_TEXT}, ZO_BEST, 0},
    {{"เขตที่ต้องพัฒนาที่สุด", "Weakest office", 20, XLSX_TEXT}, ZO_WORST, 0},
};
#define N_ZONE_COLUMNS (sizeof zone_columns / sizeof *zone_columns)

/* Under the zones table, in the same columns: each column is as wide as
 * the wider of the two tables needs. */
static const xlsx_column zone_rank_columns[] = {
    {"กลุ่มเขต", "Zone", 18, XLSX_TEXT},
    {"อันดับในกลุ่ม", "Rank in zone", 8, XLSX_INT},
    {"สำนักงานเขต", "Office", 20, XLSX_TEXT},
    {"รหัส", "Code", 9, XLSX_TEXT},
    {"ITA", "ITA", 8, XLSX_SCORE},
    {"ระดับ", "Grade", 8, XLSX_TEXT},
    {"อันดับในเมือง", "City rank", 9, XLSX_INT},
};
#define N_ZONE_RANK_COLUMNS (sizeof zone_rank_columns / sizeof *zone_rank_columns)

/* The row of zone z; zone_range and pass_range are the Ranking sheet's
 * zone and pass columns, which the count of offices passing refers to. */
static void write_zone_row(city *c, lxw_worksheet *ws, size_t z,
                           const char *zone_range, const char *pass_range)
{
    const year_scores *ys = c->ys;
    stats_summary s;
    stats_zone_summary(c->cs, z, MEASURE_ITA, &s);
    lxw_row_t r = (lxw_row_t)(CITY_FIRST + z);
    for (size_t i = 0; i < N_ZONE_COLUMNS; i++) {
        lxw_col_t col = (lxw_col_t)i;
        lxw_format *f = city_fmt(c, zone_columns[i].col.kind);
        switch (zone_columns[i].field) {
        case ZO_NAME:
            xlsx_write_text(c->b, ws, r, col, xlsx_zone_name(c->rep, (int)z), f);
            break;
        case ZO_N: xlsx_write_number(c->b, ws, r, col, (double)s.n, f); break;
        case ZO_STAT:
            xlsx_write_number(c->b, ws, r, col,
                         city_stat_at(&s, zone_columns[i].offset), f);
            break;
        case ZO_PASS: {
            char name[LXW_MAX_CELL_NAME_LENGTH];
            xlsx_take_formula(c->b, ws, r, col,
                             xasprintf("=COUNTIFS(%s,%s,%s,1)", zone_range,
                                       city_cell(name, r, 0), pass_range),
                             (double)(s.n - s.below_target), f);
            break;
        }
        case ZO_BEST:
        case ZO_WORST: {
            const char *who = NULL;
            if (s.n)
                who = xlsx_office_name(
                    c->rep,
                    ys->offices[zone_columns[i].field == ZO_BEST ? s.best
                                                                 : s.worst]
                        .office);
            xlsx_write_text(c->b, ws, r, col, who, f);
            break;
        }
        }
    }
}

/* Every office ranked within its zone, under the zones table; returns
 * the row of its header. */
static lxw_row_t write_zone_ranks(city *c, lxw_worksheet *ws)
{
    const registry *reg = c->rep->r;
    const year_scores *ys = c->ys;
    lxw_row_t hr = (lxw_row_t)(city_last_row(reg->n_zones) + 3);
    city_subtitle(c, ws, hr - 1, 0, city_tr(c, "อันดับภายในกลุ่มเขต", "Ranks within each zone"));
    xlsx_write_headers(c->b, ws, hr, 0, zone_rank_columns, N_ZONE_RANK_COLUMNS);
    lxw_row_t r = hr + 1;
    for (size_t z = 0; z < reg->n_zones; z++) {
        for (size_t i = 0; i < ys->n; i++) {
            const office_score *s = city_ranked(c, i);
            const office *o = &reg->offices[s->office];
            if (o->zone != (int)z)
                continue;
            xlsx_write_text(c->b, ws, r, 0, xlsx_zone_name(c->rep, o->zone),
                          city_fmt(c, XLSX_TEXT));
            xlsx_write_number(c->b, ws, r, 1, s->zone_rank, city_fmt(c, XLSX_INT));
            xlsx_write_text(c->b, ws, r, 2, xlsx_office_name(c->rep, s->office),
                          city_fmt(c, XLSX_TEXT));
            xlsx_write_text(c->b, ws, r, 3, o->code, city_fmt(c, XLSX_TEXT));
            xlsx_write_number(c->b, ws, r, 4, s->ita_r2, city_fmt(c, XLSX_SCORE));
            xlsx_write_text(c->b, ws, r, 5, c->m->grades[s->grade].id, c->b->f.center);
            xlsx_write_number(c->b, ws, r, 6, s->rank, city_fmt(c, XLSX_INT));
            r++;
        }
    }
    city_note_err(c, xlsx_add_table_unfitted(c->b, ws, hr, 0, r - hr - 1,
                                             zone_rank_columns,
                                             N_ZONE_RANK_COLUMNS, "ZoneRanks"));
    if (r > hr + 1)
        city_note_err(c,
                      xlsx_grade_colours(c->b, ws, hr + 1, 5, r - 1, 5, false));
    return hr;
}

void city_sheet_zones_write(city *c, lxw_worksheet *ws)
{
    xlsx_column cols[N_ZONE_COLUMNS];
    for (size_t i = 0; i < N_ZONE_COLUMNS; i++)
        cols[i] = zone_columns[i].col;
    const registry *reg = c->rep->r;
    const year_scores *ys = c->ys;
    city_title(c, ws, "เปรียบเทียบกลุ่มเขต ปีงบประมาณ", "The zones compared, fiscal year");
    city_note(c, ws, 1, (lxw_col_t)(N_ZONE_COLUMNS - 1), xlsx_columns_width(cols, N_ZONE_COLUMNS),
              city_tr(c, "จำนวนที่ผ่านเป้าหมายเป็นสูตรที่นับจากชีตอันดับ",
                      "Offices passing is a formula counting the Ranking sheet's pass flags."),
              c->b->f.note);
    char *zone_range = city_column_range(c, CITY_RANKING, CITY_FIRST,
                                         city_last_row(ys->n), c->rk_zone);
    char *pass_range = city_column_range(c, CITY_RANKING, CITY_FIRST,
                                         city_last_row(ys->n), c->rk_pass);
    for (size_t z = 0; z < reg->n_zones; z++)
        write_zone_row(c, ws, z, zone_range, pass_range);
    free(zone_range);
    free(pass_range);
    /* the zone and office names as wide as the registry's longest, and
     * no header word of either table broken */
    xlsx_column ranks[N_ZONE_RANK_COLUMNS];
    memcpy(ranks, zone_rank_columns, sizeof ranks);
    ranks[0].width = c->w_zone;
    ranks[2].width = c->w_name;
    ranks[3].width = c->w_code;
    city_header_widths(c, ranks, N_ZONE_RANK_COLUMNS);
    for (size_t i = 0; i < N_ZONE_COLUMNS; i++)
        if (zone_columns[i].field == ZO_BEST || zone_columns[i].field == ZO_WORST)
            cols[i].width = c->w_name;
    cols[0].width = c->w_zone;
    city_header_widths(c, cols, N_ZONE_COLUMNS);
    for (size_t i = 0; i < N_ZONE_COLUMNS && i < N_ZONE_RANK_COLUMNS; i++)
        if (ranks[i].width > cols[i].width)
            cols[i].width = ranks[i].width;
    xlsx_set_columns(c->b, ws, 0, cols, N_ZONE_COLUMNS);
    city_note_err(c, xlsx_add_table(c->b, ws, CITY_HEAD, 0, reg->n_zones, cols,
                                    N_ZONE_COLUMNS, "Zones"));
    worksheet_freeze_panes(ws, CITY_FIRST, 0);

    /* printed: the short zones table fits the first page, so the rows
     * repeated on the next pages are the long rank table's header (a
     * sheet has one set of repeated rows) */
    lxw_row_t rank_head = write_zone_ranks(c, ws);
    xlsx_print_setup(c->b, ws, rank_head, rank_head);
}
