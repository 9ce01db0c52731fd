/* The Peers sheet of an office workbook (office_sheets.h).
 *
 * The office beside the peers that matter, whatever the size of its zone:
 * the zone's best office and the offices ranked just above and below it in
 * the zone, then the zone's quartiles, the city median and the office's
 * city rank.  A bounded number of columns, each found in O(1) from the
 * zone rankings of stats_compute: national runs cost the same per office
 * as Bangkok's. */
#include "office_sheets.h"
#include "text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

/* Column widths. */
#define PEER_LABEL_WIDTH 30
#define PEER_OFFICE_WIDTH 11

/* Offices shown on each side of the office in its zone's ranking. */
#define PEER_NEIGHBOURS 2

/* The office and at most: the zone's best, PEER_NEIGHBOURS above and
 * PEER_NEIGHBOURS below. */
#define PEER_MAX (2 + 2 * PEER_NEIGHBOURS)

/* The office first, then its peers in the order of the zone's ranking
 * (positions in the year's offices) into peers[PEER_MAX]; returns their
 * number. */
static size_t peer_list(const office_ctx *o, size_t *peers)
{
    const report *rep = xlsx_report(o->b);
    const city_stats *cs = rep->stats;
    size_t self = (size_t)(o->plan->score - rep->current->offices);
    size_t n_zone;
    const size_t *zone = stats_zone_ranking(
        cs, (size_t)rep->r->offices[o->plan->office].zone, &n_zone);
    size_t place = stats_zone_place(cs, self);
    size_t k = 0;
    peers[k++] = self;
    /* the best, unless it is the office or one of its neighbours */
    if (place > PEER_NEIGHBOURS)
        peers[k++] = zone[0];
    size_t first = place > PEER_NEIGHBOURS ? place - PEER_NEIGHBOURS : 0;
    for (size_t i = first; i < n_zone && i <= place + PEER_NEIGHBOURS; i++)
        if (i != place)
            peers[k++] = zone[i];
    return k;
}

/* ---- the cells: rows are measures (office_measure_at), or the zone
 * ranks; an office's column has its position in the year's offices in
 * arg ---------------------------------------------------------------- */

static const office_ctx *cell_ctx(const xlsx_cell *cell)
{
    return cell->sheet;
}

/* The column's office, and whether it is the workbook's own (shown in
 * bold). */
static const office_score *cell_peer(const xlsx_cell *cell)
{
    return &xlsx_report(cell->b)->current->offices[cell->column->arg];
}

static bool cell_peer_is_self(const xlsx_cell *cell)
{
    return cell_peer(cell) == cell_ctx(cell)->plan->score;
}

/* The measure's title, wrapped: the row as tall as it needs. */
static void peer_label_cell(const xlsx_cell *cell)
{
    char *label = xlsx_measure_title(xlsx_report(cell->b),
                                     office_cell_measure(cell));
    xlsx_cell_text(cell, label);
    xlsx_cell_fit(cell, label, cell->column->col.width);
    free(label);
}

static void peer_score_cell(const xlsx_cell *cell)
{
    xlsx_write_number(cell->b, cell->ws, cell->row, cell->col,
                      scores_value(cell_peer(cell), office_cell_measure(cell)),
                      xlsx_format(cell->b, XLSX_SCORE, cell_peer_is_self(cell)));
}

/* The statistic at offset arg of the office's zone's summary of the
 * row's measure. */
static void peer_zone_stat_cell(const xlsx_cell *cell)
{
    const report *rep = xlsx_report(cell->b);
    stats_summary zone;
    stats_zone_summary(rep->stats,
                       (size_t)rep->r->offices[cell_ctx(cell)->plan->office].zone,
                       office_cell_measure(cell), &zone);
    xlsx_cell_number(cell, *(const double *)((const char *)&zone +
                                             cell->column->arg));
}

/* The office's rank in the city, a whole number: the column keeps the
 * format of the scores around it (office_cell_rank writes the cell). */
static void peer_rank_cell(const xlsx_cell *cell)
{
    xlsx_cell whole = *cell;
    whole.fmt = xlsx_format(cell->b, XLSX_INT, false);
    office_cell_rank(&whole);
}

/* The row under the header: each office's ITA rank in the zone, which
 * tells the neighbours above from those below. */
static void zone_rank_label_cell(const xlsx_cell *cell)
{
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col,
                    xlsx_tr(xlsx_report(cell->b), "อันดับ ITA ในกลุ่มเขต",
                            "ITA rank in the zone"),
                    cell->b->f.label);
}

static void zone_rank_cell(const xlsx_cell *cell)
{
    xlsx_write_number(cell->b, cell->ws, cell->row, cell->col,
                      cell_peer(cell)->zone_rank,
                      xlsx_format(cell->b, XLSX_INT, cell_peer_is_self(cell)));
}

/* ---- the columns ------------------------------------------------------ */

/* The statistics after the offices, each as wide as its header's longest
 * word ("ควอร์ไทล์"), never broken between letters (peer_columns). */
#define ZONE_STAT(field) offsetof(stats_summary, field)
static const xlsx_table_column tail_columns[] = {
    {{"ควอร์ไทล์ที่ 3 กลุ่มเขต", "Zone upper quartile", PEER_OFFICE_WIDTH,
      XLSX_SCORE}, peer_zone_stat_cell, ZONE_STAT(q3)},
    {{"มัธยฐานกลุ่มเขต", "Zone median", PEER_OFFICE_WIDTH, XLSX_SCORE},
     peer_zone_stat_cell, ZONE_STAT(median)},
    {{"ควอร์ไทล์ที่ 1 กลุ่มเขต", "Zone lower quartile", PEER_OFFICE_WIDTH,
      XLSX_SCORE}, peer_zone_stat_cell, ZONE_STAT(q1)},
    {{"มัธยฐานทุกเขต", "City median", PEER_OFFICE_WIDTH, XLSX_SCORE},
     office_cell_city_median, 0},
    {{"อันดับของเขตนี้ในทุกเขต", "This office's city rank", PEER_OFFICE_WIDTH,
      XLSX_SCORE}, peer_rank_cell, 0},
};
#define N_TAIL (sizeof tail_columns / sizeof *tail_columns)

/* The label column (cells by label) and one column per peer (cells by
 * peer), headed by the office's name and wide enough for the whole name
 * on one line (LibreOffice breaks a name like "บางกอกใหญ่" inside where
 * libthai sees two words). */
static void add_office_columns(xlsx_columns *t, const office_ctx *o,
                               const size_t *peers, size_t n,
                               xlsx_cell_fn label, xlsx_cell_fn peer)
{
    const report *rep = xlsx_report(o->b);
    xlsx_columns_add(t, (xlsx_table_column){
                            {"ตัวชี้วัด", "Measure", PEER_LABEL_WIDTH, XLSX_WRAP},
                            label, 0});
    for (size_t i = 0; i < n; i++) {
        const char *name = xlsx_office_name(
            rep, rep->current->offices[peers[i]].office);
        xlsx_columns_add(t, (xlsx_table_column){
                                {name, name,
                                 office_text_width(PEER_OFFICE_WIDTH, name,
                                                   o->b->f.header),
                                 XLSX_SCORE},
                                peer, peers[i]});
    }
}

/* The measures' table: labels, the peers' scores, then the statistics. */
static void peer_columns(const office_ctx *o, const size_t *peers, size_t n,
                         xlsx_columns *t)
{
    add_office_columns(t, o, peers, n, peer_label_cell, peer_score_cell);
    for (size_t i = 0; i < N_TAIL; i++) {
        xlsx_table_column col = tail_columns[i];
        col.col.width = xlsx_header_width(
            o->b, col.col.width, xlsx_tr(xlsx_report(o->b), col.col.th,
                                         col.col.en));
        xlsx_columns_add(t, col);
    }
}

/* ---- the sheet -------------------------------------------------------- */

/* The title and note across the n columns of cols; returns the next free
 * row. */
static lxw_row_t write_peer_heading(office_ctx *o, lxw_worksheet *ws,
                                    const xlsx_column *cols, size_t n)
{
    xlsx_book *b = o->b;
    const report *rep = xlsx_report(b);
    int zone_index = rep->r->offices[o->plan->office].zone;
    char *name = plans_office_name(rep->r, rep->lang, o->plan->office);
    char *title = xasprintf(xlsx_tr(rep, "%s เทียบกับสำนักงานเขตใน%s",
                                    "%s beside the offices of %s"),
                            name, xlsx_zone_name(rep, zone_index));
    free(name);
    lxw_row_t row = office_heading(
        b, ws,
        &(office_heading_text){
            .last_col = (lxw_col_t)(n - 1),
            .width = xlsx_columns_width(cols, n),
            .title = title,
            .note = xlsx_tr(rep,
                "คอลัมน์แรกคือสำนักงานเขตนี้ ตามด้วยสำนักงานเขตที่ดีที่สุด"
                "ในกลุ่มเขตและสำนักงานเขตที่อยู่อันดับถัดขึ้นไปและถัดลงมา"
                "ในกลุ่มเขต เรียงตามอันดับ ITA แล้วจึงเป็นควอร์ไทล์ของ"
                "กลุ่มเขต สีแสดงคะแนนสูง (เขียว) ถึงต่ำ (แดง) ในแต่ละแถว",
                "First column: this office; then the best office of its "
                "zone and the offices ranked just above and below it in "
                "the zone, by ITA rank; then the zone's quartiles.  "
                "Colours run from the highest (green) to the lowest (red) "
                "score of each row.")});
    free(title);
    return row;
}

/* The row of zone ranks under the header, then a row per headline
 * measure from first_row, each coloured across the offices' n columns;
 * returns the next free row. */
static lxw_row_t write_peer_rows(office_ctx *o, lxw_worksheet *ws,
                                 lxw_row_t first_row, const xlsx_columns *t,
                                 const size_t *peers, size_t n)
{
    xlsx_book *b = o->b;
    xlsx_columns ranks = {0};
    add_office_columns(&ranks, o, peers, n, zone_rank_label_cell,
                       zone_rank_cell);
    xlsx_write_rows_spec(b, ws, &(xlsx_rows_spec){.first_row = first_row,
                                                  .cols = ranks.cols,
                                                  .n_cols = ranks.n,
                                                  .n_rows = 1,
                                                  .sheet = o});
    xlsx_columns_free(&ranks);
    size_t n_measures;
    size_t *measures = xlsx_headline_measures(xlsx_report(b)->m, &n_measures);
    o->rows = measures;
    lxw_row_t row = first_row + 1;
    xlsx_write_rows_spec(b, ws, &(xlsx_rows_spec){.first_row = row,
                                                  .cols = t->cols,
                                                  .n_cols = t->n,
                                                  .n_rows = n_measures,
                                                  .sheet = o,
                                                  .row_at = office_measure_at});
    o->rows = NULL;
    free(measures);
    for (size_t k = 0; k < n_measures; k++, row++)
        xlsx_note_err(b, xlsx_colour_scale(ws, row, 1, row, (lxw_col_t)n));
    return row;
}

void office_sheet_peers_write(office_ctx *o, lxw_worksheet *ws)
{
    xlsx_book *b = o->b;
    size_t peers[PEER_MAX];
    size_t n = peer_list(o, peers);
    xlsx_columns t = {0};
    peer_columns(o, peers, n, &t);
    xlsx_column *cols = xlsx_columns_layout(&t);
    lxw_row_t row = write_peer_heading(o, ws, cols, t.n) + 1;
    lxw_row_t header = row++;
    xlsx_set_columns(b, ws, 0, cols, t.n);
    xlsx_write_headers(b, ws, header, 0, cols, t.n);
    write_peer_rows(o, ws, row, &t, peers, n);
    free(cols);
    xlsx_columns_free(&t);
    worksheet_freeze_panes(ws, header + 1, 2);
    xlsx_print_setup(b, ws, header, header);
    office_protect(ws, o->protect);
}
