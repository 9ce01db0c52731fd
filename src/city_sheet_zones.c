/* The Zones sheet of the city workbook (city_sheets.h): two tables in the
 * same columns, the zones compared and, under it, every office ranked in
 * its zone. */
#include "city_sheets.h"
#include "text.h"

#include <stddef.h>
#include <stdlib.h>

/* ---- the zones compared: one row per zone of the registry ---------- */

typedef struct {
    city *c;
    stats_summary *zones;     /* ITA per zone, in registry order; owned */
    char *zone_range;         /* the Ranking sheet's zone and pass columns */
    char *pass_range;         /* (the count of offices passing); owned */
    lxw_col_t name_col;       /* where the row's zone name is */
} zones_sheet;

static const void *zone_at(const void *sheet, size_t i)
{
    return &((const zones_sheet *)sheet)->zones[i];
}

static const stats_summary *cell_zone(const xlsx_cell *cell)
{
    return cell->item;
}

static void zone_name_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, xlsx_zone_name(xlsx_report(cell->b), (int)cell->index));
}

static void zone_n_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, (double)cell_zone(cell)->n);
}

static void zone_stat_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, city_stat_at(cell_zone(cell), cell->column->arg));
}

/* Offices passing: a formula counting the Ranking sheet's pass flags of
 * the row's zone. */
static void zone_pass_cell(const xlsx_cell *cell)
{
    const zones_sheet *z = cell->sheet;
    const stats_summary *s = cell_zone(cell);
    char name[LXW_MAX_CELL_NAME_LENGTH];
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=COUNTIFS(%s,%s,%s,1)", z->zone_range,
                                city_cell(name, cell->row, z->name_col),
                                z->pass_range),
                      (double)(s->n - s->below_target), cell->fmt);
}

/* The name of the office at position `at` (stats_summary.best or .worst)
 * of the zone's scores; blank for a zone without offices. */
static void zone_office_cell(const xlsx_cell *cell, size_t at)
{
    const zones_sheet *z = cell->sheet;
    xlsx_cell_text(cell, cell_zone(cell)->n
                             ? xlsx_office_name(z->c->rep,
                                                z->c->ys->offices[at].office)
                             : NULL);
}

static void zone_best_cell(const xlsx_cell *cell)
{
    zone_office_cell(cell, cell_zone(cell)->best);
}

static void zone_worst_cell(const xlsx_cell *cell)
{
    zone_office_cell(cell, cell_zone(cell)->worst);
}

#define STAT(field) offsetof(stats_summary, field)
static const xlsx_table_column zone_columns[] = {
    {{"กลุ่มเขต", "Zone", 18, XLSX_TEXT}, zone_name_cell, 0},
    {{"จำนวนเขต", "Offices", 8, XLSX_INT}, zone_n_cell, 0},
    {{"ค่าเฉลี่ย ITA", "Mean ITA", 9, XLSX_SCORE}, zone_stat_cell, STAT(mean)},
    {{"มัธยฐาน ITA", "Median ITA", 9, XLSX_SCORE}, zone_stat_cell, STAT(median)},
    {{"ต่ำสุด", "Min ITA", 8, XLSX_SCORE}, zone_stat_cell, STAT(min)},
    {{"สูงสุด", "Max ITA", 8, XLSX_SCORE}, zone_stat_cell, STAT(max)},
    {{"ผ่านเป้าหมาย (เขต)", "Offices passing", 9, XLSX_INT}, zone_pass_cell, 0},
    {{"เขตที่ดีที่สุด", "Best office", 20, XLSX_TEXT}, zone_best_cell, 0},
    {{"เขตที่ต้องพัฒนาที่สุด", "Weakest office", 20, XLSX_TEXT},
     zone_worst_cell, 0},
};
#define N_ZONE_COLUMNS (sizeof zone_columns / sizeof *zone_columns)

/* The column written by cell in the zones table (it must be there). */
static lxw_col_t zone_column_of(xlsx_cell_fn cell)
{
    return xlsx_table_column_of(zone_columns, N_ZONE_COLUMNS, cell);
}

/* ---- every office ranked in its zone ------------------------------- */

/* The offices by zone (registry order), best first within each; offices
 * outside the registry's zones are left out. */
typedef struct {
    const office_score **rows;
    size_t n;
} zone_ranks;

static const void *ranked_at(const void *sheet, size_t i)
{
    return ((const zone_ranks *)sheet)->rows[i];
}

static const office_score *cell_office(const xlsx_cell *cell)
{
    return cell->item;
}

static void zone_rank_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_office(cell)->zone_rank);
}

static void ita_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_office(cell)->ita_r2);
}

/* The grade's id, centred (coloured by grade: xlsx_grade_colours). */
static void grade_cell(const xlsx_cell *cell)
{
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col,
                    xlsx_report(cell->b)->m->grades[cell_office(cell)->grade].id,
                    cell->b->f.center);
}

/* The rank table's columns; each shares its column with the zones table
 * above, which is as wide as the wider of the two needs. */
static void zone_rank_columns(const city *c, xlsx_columns *t)
{
    xlsx_columns_add(t, city_zone_column(c));
    xlsx_columns_add(t, (xlsx_table_column){
                            {"อันดับในกลุ่ม", "Rank in zone", 8, XLSX_INT},
                            zone_rank_cell, 0});
    xlsx_columns_add(t, city_name_column(c));
    xlsx_columns_add(t, city_code_column(c));
    xlsx_columns_add(t, (xlsx_table_column){{"ITA", "ITA", 8, XLSX_SCORE},
                                            ita_cell, 0});
    xlsx_columns_add(t, (xlsx_table_column){{"ระดับ", "Grade", 8, XLSX_TEXT},
                                            grade_cell, 0});
    xlsx_columns_add(t, (xlsx_table_column){
                            {"อันดับในเมือง", "City rank", 9, XLSX_INT},
                            city_cell_rank, 0});
}

static zone_ranks zone_ranks_order(const city *c)
{
    const registry *reg = c->rep->r;
    zone_ranks z = {xmalloc((c->ys->n ? c->ys->n : 1) * sizeof *z.rows), 0};
    for (size_t zone = 0; zone < reg->n_zones; zone++)
        for (size_t i = 0; i < c->ys->n; i++) {
            const office_score *s = city_ranked(c, i);
            if (reg->offices[s->office].zone == (int)zone)
                z.rows[z.n++] = s;
        }
    return z;
}

/* Writes the rank table under the zones table, its header on row hr. */
static void write_zone_ranks(city *c, lxw_worksheet *ws, lxw_row_t hr,
                             const xlsx_columns *t)
{
    city_subtitle(c, ws, hr - 1, 0, city_tr(c, "อันดับภายในกลุ่มเขต", "Ranks within each zone"));
    xlsx_column *cols = xlsx_columns_layout(t);
    xlsx_write_headers(c->b, ws, hr, 0, cols, t->n);
    zone_ranks z = zone_ranks_order(c);
    xlsx_write_rows(c->b, ws, hr + 1, t->cols, t->n, z.n, &z, ranked_at);
    city_note_err(c, xlsx_add_table_unfitted(c->b, ws, hr, 0, z.n, cols, t->n,
                                             "ZoneRanks"));
    lxw_col_t grade = xlsx_table_column_of(t->cols, t->n, grade_cell);
    if (z.n > 0)
        city_note_err(c, xlsx_grade_colours(c->b, ws, hr + 1, grade,
                                            hr + (lxw_row_t)z.n, grade,
                                            false));
    free(z.rows);
    free(cols);
}

/* ---- the sheet ------------------------------------------------------ */

/* The zones table's layout: zone and office names as wide as the
 * registry's longest, no header word of either table broken, and each
 * column as wide as the rank table's below needs. */
static void zone_widths(const city *c, const xlsx_columns *ranks,
                        xlsx_column *cols)
{
    xlsx_column *below = xlsx_columns_layout(ranks);
    city_header_widths(c, below, ranks->n);
    xlsx_table_layout(zone_columns, N_ZONE_COLUMNS, cols);
    cols[zone_column_of(zone_best_cell)].width = c->w_name;
    cols[zone_column_of(zone_worst_cell)].width = c->w_name;
    cols[zone_column_of(zone_name_cell)].width = c->w_zone;
    city_header_widths(c, cols, N_ZONE_COLUMNS);
    for (size_t i = 0; i < N_ZONE_COLUMNS && i < ranks->n; i++)
        if (below[i].width > cols[i].width)
            cols[i].width = below[i].width;
    free(below);
}

static void write_zones(city *c, lxw_worksheet *ws)
{
    const year_scores *ys = c->ys;
    size_t n_zones = c->rep->r->n_zones;
    zones_sheet z = {c, xmalloc((n_zones ? n_zones : 1) * sizeof *z.zones),
                     city_column_range(c, CITY_RANKING, CITY_FIRST,
                                       city_last_row(ys->n), c->rk_zone),
                     city_column_range(c, CITY_RANKING, CITY_FIRST,
                                       city_last_row(ys->n), c->rk_pass),
                     zone_column_of(zone_name_cell)};
    for (size_t i = 0; i < n_zones; i++)
        stats_zone_summary(c->cs, i, MEASURE_ITA, &z.zones[i]);
    xlsx_write_rows(c->b, ws, CITY_FIRST, zone_columns, N_ZONE_COLUMNS,
                    n_zones, &z, zone_at);
    free(z.zones);
    free(z.zone_range);
    free(z.pass_range);
}

void city_sheet_zones_write(city *c, lxw_worksheet *ws)
{
    xlsx_column cols[N_ZONE_COLUMNS];
    xlsx_table_layout(zone_columns, N_ZONE_COLUMNS, cols);
    city_title(c, ws, "เปรียบเทียบกลุ่มเขต ปีงบประมาณ", "The zones compared, fiscal year");
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(N_ZONE_COLUMNS - 1), xlsx_columns_width(cols, N_ZONE_COLUMNS),
              city_tr(c, "จำนวนที่ผ่านเป้าหมายเป็นสูตรที่นับจากชีตอันดับ",
                      "Offices passing is a formula counting the Ranking sheet's pass flags."),
              c->b->f.note);
    write_zones(c, ws);
    xlsx_columns ranks = {0};
    zone_rank_columns(c, &ranks);
    zone_widths(c, &ranks, cols);
    xlsx_set_columns(c->b, ws, 0, cols, N_ZONE_COLUMNS);
    size_t n_zones = c->rep->r->n_zones;
    city_note_err(c, xlsx_add_table(c->b, ws, CITY_HEAD, 0, n_zones, cols,
                                    N_ZONE_COLUMNS, "Zones"));
    worksheet_freeze_panes(ws, CITY_FIRST, 0);

    /* printed: the short zones table fits the first page, so the rows
     * repeated on the next pages are the long rank table's header (a
     * sheet has one set of repeated rows) */
    lxw_row_t rank_head = (lxw_row_t)(city_last_row(n_zones) + 3);
    write_zone_ranks(c, ws, rank_head, &ranks);
    xlsx_columns_free(&ranks);
    xlsx_print_setup(c->b, ws, rank_head, rank_head);
}
