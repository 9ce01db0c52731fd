/* The Item scores sheet of the city workbook (city_sheets.h): every
 * office's score of every item, one row per office.  At national scale it
 * is the workbook's biggest block (8,300 offices x 88 items), so it is
 * written row by row in libxlsxwriter's constant_memory mode
 * (xlsx_add_streamed_sheet): rows in order, an autofilter instead of a
 * table, no merged cells. */
#include "city_sheets.h"
#include "text.h"

#include <stdlib.h>

/* The columns before the items: code and office. */
#define ITEM_SCORES_FIRST_ITEM 2

lxw_col_t city_item_scores_col(const city *c, size_t measure)
{
    int slot = c->m->item_slot[measure - 1];
    return (lxw_col_t)(ITEM_SCORES_FIRST_ITEM + (slot >= 0 ? slot : 0));
}

char *city_item_scores_range(const city *c, size_t measure)
{
    return city_column_range(c, CITY_ITEM_SCORES, CITY_FIRST,
                             city_last_row(c->ys->n),
                             city_item_scores_col(c, measure));
}

static void write_header(city *c, lxw_worksheet *ws)
{
    const model *m = c->m;
    xlsx_write_text(c->b, ws, CITY_HEAD, 0, city_tr(c, "รหัส", "Code"),
                  c->b->f.header);
    xlsx_write_text(c->b, ws, CITY_HEAD, 1, city_tr(c, "สำนักงานเขต", "Office"),
                  c->b->f.header);
    for (size_t i = 0; i < m->n_items; i++)
        xlsx_write_text(c->b, ws, CITY_HEAD,
                      (lxw_col_t)(ITEM_SCORES_FIRST_ITEM + i),
                      m->nodes[m->items[i]].id, c->b->f.header);
}

/* The row of the office of rank i + 1: code, name, its item scores as
 * input (the sheets that count on them round to 2 decimals). */
static void write_office(city *c, lxw_worksheet *ws, size_t i)
{
    const model *m = c->m;
    const office_score *s = city_ranked(c, i);
    lxw_row_t r = (lxw_row_t)(CITY_FIRST + i);
    xlsx_write_text(c->b, ws, r, 0, c->rep->r->offices[s->office].code,
                  city_fmt(c, XLSX_TEXT));
    xlsx_write_text(c->b, ws, r, 1, xlsx_office_name(c->rep, s->office),
                  city_fmt(c, XLSX_TEXT));
    for (size_t k = 0; k < m->n_items; k++)
        xlsx_write_number(c->b, ws, r, (lxw_col_t)(ITEM_SCORES_FIRST_ITEM + k),
                     s->node[m->items[k]], city_fmt(c, XLSX_SCORE));
}

void city_sheet_item_scores_write(city *c, lxw_worksheet *ws)
{
    const model *m = c->m;
    /* set before any cell: they are not rows */
    city_note_err(c, worksheet_set_column(ws, 0, 0, xlsx_column_width(7),
                                          NULL));
    city_note_err(c, worksheet_set_column(ws, 1, 1, xlsx_column_width(20),
                                          NULL));
    if (m->n_items)
        city_note_err(c, worksheet_set_column(
                             ws, ITEM_SCORES_FIRST_ITEM,
                             (lxw_col_t)(ITEM_SCORES_FIRST_ITEM + m->n_items - 1),
                             xlsx_column_width(7), NULL));
    city_title(c, ws, "คะแนนรายข้อของทุกเขต ปีงบประมาณ",
               "Every office's item scores, fiscal year");
    xlsx_write_text(c->b, ws, 1, 0,
                  city_tr(c, "เรียงตามอันดับ ITA; จำนวนเขตที่ต่ำกว่าเป้าหมายในชีตข้อคำถาม"
                             "เป็นสูตรบนคะแนนเหล่านี้ (ปัดเป็นทศนิยม 2 ตำแหน่ง)",
                          "By ITA rank; the counts of offices below Target on "
                          "the Questions sheet are formulas on these scores "
                          "(rounded to 2 decimals)."),
                  city_fmt(c, XLSX_TEXT));
    write_header(c, ws);
    /* before the rows: a streamed sheet refuses ranges it has passed */
    city_note_err(c, worksheet_autofilter(
                         ws, CITY_HEAD, 0, city_last_row(c->ys->n),
                         (lxw_col_t)(ITEM_SCORES_FIRST_ITEM +
                                     (m->n_items ? m->n_items - 1 : 0))));
    for (size_t i = 0; i < c->ys->n; i++)
        write_office(c, ws, i);
    worksheet_freeze_panes(ws, CITY_FIRST, ITEM_SCORES_FIRST_ITEM);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    city_note_err(c, worksheet_repeat_rows(ws, CITY_HEAD, CITY_HEAD));
    /* hidden: data the Questions sheet counts on, 88 columns wide, that
     * would add some twenty unreadable pages to a printed workbook (the
     * Items sheet of each office workbook shows the same scores to read);
     * Unhide shows it to filter or copy */
    worksheet_hide(ws);
}
