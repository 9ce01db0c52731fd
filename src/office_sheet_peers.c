/* The Peers sheet of an office workbook (office_sheets.h). */
#include "office_sheets.h"
#include "text.h"

#include <stdlib.h>

/* Column widths, and a bound on the columns a very large zone may take
 * (the office and its best-ranked peers are kept). */
#define PEER_LABEL_WIDTH 30
#define PEER_OFFICE_WIDTH 11
#define PEER_MAX_OFFICES 200

/* The office first, then the others of its zone by city rank (positions
 * in the year's offices, new array); *n receives their number. */
static size_t *peer_list(const office_ctx *o, size_t *n)
{
    const report *rep = o->b->rep;
    const year_scores *ys = rep->current;
    int zone_index = rep->r->offices[o->plan->office].zone;
    size_t *peers = xmalloc((ys->n ? ys->n : 1) * sizeof *peers);
    size_t k = 0;
    peers[k++] = (size_t)(o->plan->score - ys->offices);
    for (size_t i = 0; i < ys->n && k < PEER_MAX_OFFICES; i++) {
        size_t p = ys->by_rank[i];
        if (ys->offices[p].office != o->plan->office &&
            rep->r->offices[ys->offices[p].office].zone == zone_index)
            peers[k++] = p;
    }
    *n = k;
    return peers;
}

/* The header row: the offices' names, then the zone and city medians and
 * the office's rank, as tall as the longest name. */
static void write_peer_header(office_ctx *o, lxw_worksheet *ws,
                              lxw_row_t header, const size_t *peers, size_t n)
{
    xlsx_book *b = o->b;
    const report *rep = b->rep;
    const year_scores *ys = rep->current;
    xlsx_row_fit header_fit = {1};
    xlsx_write_text(b, ws, header, 0, xlsx_tr(rep, "ตัวชี้วัด", "Measure"),
                    b->f.header);
    for (size_t i = 0; i < n; i++) {
        const char *office_name =
            xlsx_office_name(rep, ys->offices[peers[i]].office);
        xlsx_write_text(b, ws, header, (lxw_col_t)(1 + i), office_name,
                        b->f.header);
        xlsx_fit_text(&header_fit, b, office_name, PEER_OFFICE_WIDTH);
    }
    static const char *const tail_th[] = {"มัธยฐานกลุ่มเขต", "มัธยฐานทุกเขต",
                                          "อันดับของเขตนี้ในทุกเขต"};
    static const char *const tail_en[] = {"Zone median", "City median",
                                          "This office's city rank"};
    for (int i = 0; i < 3; i++) {
        const char *text = xlsx_tr(rep, tail_th[i], tail_en[i]);
        xlsx_write_text(b, ws, header, (lxw_col_t)(1 + n + (size_t)i), text,
                        b->f.header);
        xlsx_fit_text(&header_fit, b, text, PEER_OFFICE_WIDTH);
    }
    xlsx_set_row_lines(ws, header, header_fit.lines, b->f.header);
}

/* The row of a measure: every peer's value (the office's in bold), the
 * zone and city medians, the office's rank, coloured across the peers. */
static void write_peer_row(office_ctx *o, lxw_worksheet *ws, lxw_row_t row,
                           size_t measure, const size_t *peers, size_t n)
{
    xlsx_book *b = o->b;
    const report *rep = b->rep;
    const year_scores *ys = rep->current;
    const city_stats *cs = rep->stats;
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    lxw_format *bold_score = xlsx_format(b, XLSX_SCORE, true);
    int zone_index = rep->r->offices[o->plan->office].zone;
    lxw_col_t col_zone = (lxw_col_t)(1 + n), col_city = col_zone + 1,
              col_rank = col_zone + 2;
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
    xlsx_write_number(b, ws, row, col_zone,
                      stats_zone_median(cs, (size_t)zone_index, measure),
                      score);
    xlsx_write_number(b, ws, row, col_city, cs->city[measure].median, score);
    xlsx_write_number(b, ws, row, col_rank,
                      stats_rank(cs, measure,
                                 scores_value(o->plan->score, measure)),
                      xlsx_format(b, XLSX_INT, false));
    xlsx_note_err(b, xlsx_colour_scale(ws, row, 1, row, (lxw_col_t)n));
}

void office_sheet_peers_write(office_ctx *o, lxw_worksheet *ws)
{
    xlsx_book *b = o->b;
    const report *rep = b->rep;
    int zone_index = rep->r->offices[o->plan->office].zone;
    size_t n;
    size_t *peers = peer_list(o, &n);
    char *name = plans_office_name(rep->r, rep->lang, o->plan->office);
    char *title = xasprintf(xlsx_tr(rep, "%s เทียบกับสำนักงานเขตใน%s",
                                    "%s beside the offices of %s"),
                            name, xlsx_zone_name(rep, zone_index));
    free(name);
    lxw_col_t col_rank = (lxw_col_t)(1 + n + 2);
    double width = PEER_LABEL_WIDTH + PEER_OFFICE_WIDTH * (double)(n + 3);
    lxw_row_t row = office_heading(
        b, ws, col_rank, width, title, NULL,
        xlsx_tr(rep,
                "คอลัมน์แรกคือสำนักงานเขตนี้ ตามด้วยสำนักงานเขตอื่นใน"
                "กลุ่มเขตเรียงตามอันดับ ITA สีแสดงคะแนนสูง (เขียว) ถึงต่ำ "
                "(แดง) ในแต่ละแถว",
                "First column: this office; then the other offices of "
                "its zone by ITA rank.  Colours run from the highest "
                "(green) to the lowest (red) score of each row."));
    free(title);
    row++;
    lxw_row_t header = row++;
    worksheet_set_column(ws, 0, 0, xlsx_column_width(PEER_LABEL_WIDTH),
                         xlsx_format(b, XLSX_WRAP, false));
    worksheet_set_column(ws, 1, col_rank, xlsx_column_width(PEER_OFFICE_WIDTH),
                         xlsx_format(b, XLSX_SCORE, false));
    write_peer_header(o, ws, header, peers, n);
    size_t n_measures;
    size_t *measures = xlsx_headline_measures(rep->m, &n_measures);
    for (size_t k = 0; k < n_measures; k++, row++)
        write_peer_row(o, ws, row, measures[k], peers, n);
    free(measures);
    free(peers);
    worksheet_freeze_panes(ws, header + 1, 2);
    xlsx_print_setup(b, ws, header, header);
    office_protect(ws, o->protect);
}
