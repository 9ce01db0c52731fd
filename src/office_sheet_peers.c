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

#include <math.h>
#include <stdlib.h>

/* Column widths. */
#define PEER_LABEL_WIDTH 30
#define PEER_OFFICE_WIDTH 11

/* Offices shown on each side of the office in its zone's ranking. */
#define PEER_NEIGHBOURS 2

/* The office and at most: the zone's best, PEER_NEIGHBOURS above and
 * PEER_NEIGHBOURS below. */
#define PEER_MAX (2 + 2 * PEER_NEIGHBOURS)

/* Statistics columns after the offices, in this order. */
enum { TAIL_Q3, TAIL_ZONE_MEDIAN, TAIL_Q1, TAIL_CITY_MEDIAN, TAIL_RANK,
       N_TAIL };
static const char *const tail_th[N_TAIL] = {
    "ควอร์ไทล์ที่ 3 กลุ่มเขต", "มัธยฐานกลุ่มเขต", "ควอร์ไทล์ที่ 1 กลุ่มเขต",
    "มัธยฐานทุกเขต", "อันดับของเขตนี้ในทุกเขต"};
static const char *const tail_en[N_TAIL] = {
    "Zone upper quartile", "Zone median", "Zone lower quartile",
    "City median", "This office's city rank"};

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

/* The header text of column col (1..n + N_TAIL): an office's name, then
 * the statistics. */
static const char *peer_header(const office_ctx *o, const size_t *peers,
                               size_t n, size_t col)
{
    const report *rep = xlsx_report(o->b);
    if (col <= n)
        return xlsx_office_name(rep, rep->current->offices[peers[col - 1]].office);
    return xlsx_tr(rep, tail_th[col - 1 - n], tail_en[col - 1 - n]);
}

/* The widths of the columns after the labels: an office's column wide
 * enough for its whole name on one line (LibreOffice breaks a name like
 * "บางกอกใหญ่" inside where libthai sees two words), a statistic's for
 * its header's longest word ("ควอร์ไทล์"), never broken between letters.
 * Into widths[1..n + N_TAIL]. */
static void peer_widths(const office_ctx *o, const size_t *peers, size_t n,
                        double *widths)
{
    widths[0] = PEER_LABEL_WIDTH;
    for (size_t col = 1; col <= n + N_TAIL; col++)
        widths[col] = col <= n
            ? office_text_width(PEER_OFFICE_WIDTH,
                                peer_header(o, peers, n, col), o->b->f.header)
            : xlsx_header_width(o->b, PEER_OFFICE_WIDTH,
                                peer_header(o, peers, n, col));
}

/* The header row: the offices' names, then the statistics, as tall as the
 * longest name. */
static void write_peer_header(office_ctx *o, lxw_worksheet *ws,
                              lxw_row_t header, const size_t *peers, size_t n,
                              const double *widths)
{
    xlsx_book *b = o->b;
    const report *rep = xlsx_report(b);
    double lines = 1;   /* headers are bold and not indented */
    xlsx_write_text(b, ws, header, 0, xlsx_tr(rep, "ตัวชี้วัด", "Measure"),
                    b->f.header);
    for (size_t col = 1; col <= n + N_TAIL; col++) {
        const char *text = peer_header(o, peers, n, col);
        xlsx_write_text(b, ws, header, (lxw_col_t)col, text, b->f.header);
        lines = fmax(lines, xlsx_text_lines(text, widths[col] / XLSX_BOLD_WIDTH,
                                            b->f.header->font_size));
    }
    xlsx_set_row_lines(ws, header, lines, b->f.header);
}

/* The row under the header: each office's ITA rank in the zone, which
 * tells the neighbours above from those below. */
static void write_zone_ranks(office_ctx *o, lxw_worksheet *ws, lxw_row_t row,
                             const size_t *peers, size_t n)
{
    xlsx_book *b = o->b;
    const year_scores *ys = xlsx_report(b)->current;
    office_label(b, ws, row, "อันดับ ITA ในกลุ่มเขต", "ITA rank in the zone");
    for (size_t i = 0; i < n; i++)
        xlsx_write_number(b, ws, row, (lxw_col_t)(1 + i),
                          ys->offices[peers[i]].zone_rank,
                          xlsx_format(b, XLSX_INT, i == 0));
}

/* The row of a measure: every peer's value (the office's in bold), the
 * zone's quartiles, the city median and the office's rank, coloured across
 * the offices. */
static void write_peer_row(office_ctx *o, lxw_worksheet *ws, lxw_row_t row,
                           size_t measure, const size_t *peers, size_t n)
{
    xlsx_book *b = o->b;
    const report *rep = xlsx_report(b);
    const year_scores *ys = rep->current;
    const city_stats *cs = rep->stats;
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    lxw_format *bold_score = xlsx_format(b, XLSX_SCORE, true);
    stats_summary zone;
    stats_zone_summary(cs, (size_t)rep->r->offices[o->plan->office].zone,
                       measure, &zone);
    char *label = xlsx_measure_title(rep, measure);
    xlsx_write_text(b, ws, row, 0, label, xlsx_format(b, XLSX_WRAP, false));
    xlsx_set_row_lines(
        ws, row,
        xlsx_text_lines(label, PEER_LABEL_WIDTH,
                        xlsx_format(b, XLSX_WRAP, false)->font_size),
        score);
    free(label);
    for (size_t i = 0; i < n; i++)
        xlsx_write_number(b, ws, row, (lxw_col_t)(1 + i),
                          scores_value(&ys->offices[peers[i]], measure),
                          i == 0 ? bold_score : score);
    const double tail[N_TAIL - 1] = {
        [TAIL_Q3] = zone.q3, [TAIL_ZONE_MEDIAN] = zone.median,
        [TAIL_Q1] = zone.q1, [TAIL_CITY_MEDIAN] = cs->city[measure].median};
    for (size_t i = 0; i < N_TAIL - 1; i++)
        xlsx_write_number(b, ws, row, (lxw_col_t)(1 + n + i), tail[i], score);
    xlsx_write_number(b, ws, row, (lxw_col_t)(1 + n + TAIL_RANK),
                      stats_rank(cs, measure,
                                 scores_value(o->plan->score, measure)),
                      xlsx_format(b, XLSX_INT, false));
    xlsx_note_err(b, xlsx_colour_scale(ws, row, 1, row, (lxw_col_t)n));
}

void office_sheet_peers_write(office_ctx *o, lxw_worksheet *ws)
{
    xlsx_book *b = o->b;
    const report *rep = xlsx_report(b);
    int zone_index = rep->r->offices[o->plan->office].zone;
    size_t peers[PEER_MAX];
    size_t n = peer_list(o, peers);
    char *name = plans_office_name(rep->r, rep->lang, o->plan->office);
    char *title = xasprintf(xlsx_tr(rep, "%s เทียบกับสำนักงานเขตใน%s",
                                    "%s beside the offices of %s"),
                            name, xlsx_zone_name(rep, zone_index));
    free(name);
    lxw_col_t col_last = (lxw_col_t)(n + N_TAIL);
    double widths[1 + PEER_MAX + N_TAIL];
    peer_widths(o, peers, n, widths);
    double width = 0;
    for (size_t col = 0; col <= col_last; col++)
        width += widths[col];
    lxw_row_t row = office_heading(
        b, ws,
        &(office_heading_text){
            .last_col = col_last,
            .width = width,
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
    row++;
    lxw_row_t header = row++;
    worksheet_set_column(ws, 0, 0, xlsx_shown_width(b, widths[0], XLSX_WRAP),
                         xlsx_format(b, XLSX_WRAP, false));
    for (lxw_col_t col = 1; col <= col_last; col++)
        worksheet_set_column(ws, col, col,
                             xlsx_shown_width(b, widths[col], XLSX_SCORE),
                             xlsx_format(b, XLSX_SCORE, false));
    write_peer_header(o, ws, header, peers, n, widths);
    write_zone_ranks(o, ws, row++, peers, n);
    size_t n_measures;
    size_t *measures = xlsx_headline_measures(rep->m, &n_measures);
    for (size_t k = 0; k < n_measures; k++, row++)
        write_peer_row(o, ws, row, measures[k], peers, n);
    free(measures);
    worksheet_freeze_panes(ws, header + 1, 2);
    xlsx_print_setup(b, ws, header, header);
    office_protect(ws, o->protect);
}
