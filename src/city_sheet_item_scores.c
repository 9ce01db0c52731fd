/* The Item scores sheet of the city workbook (city_sheets.h): every
 * office's score of every item, one row per office.  At national scale it
 * is the workbook's biggest block (8,300 offices x 88 items), so it is
 * written row by row in libxlsxwriter's constant_memory mode
 * (xlsx_add_streamed_sheet): rows in order, an autofilter instead of a
 * table, no merged cells. */
#include "city_sheets.h"
#include "text.h"

#include <assert.h>
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

/* The score of the row's office on an item (arg: the item's model
 * node), as input: the sheets that count on them round to 2 decimals. */
static void item_score_cell(const xlsx_cell *cell)
{
    const office_score *s = cell->item;
    xlsx_cell_number(cell, s->node[cell->column->arg]);
}

/* The columns: the office's code and name (narrower than elsewhere: the
 * sheet is data to filter or copy, hidden), then one per item of the
 * model, in its order (city_item_scores_col). */
static void item_score_columns(const city *c, xlsx_columns *t)
{
    xlsx_table_column code = city_code_column(c), name = city_name_column(c);
    code.col.width = 7;
    name.col.width = 20;
    xlsx_columns_add(t, code);
    xlsx_columns_add(t, name);
    assert(t->n == ITEM_SCORES_FIRST_ITEM);
    const model *m = c->m;
    for (size_t i = 0; i < m->n_items; i++) {
        const char *id = m->nodes[m->items[i]].id;
        xlsx_columns_add(t, (xlsx_table_column){{id, id, 7, XLSX_SCORE},
                                                item_score_cell,
                                                (size_t)m->items[i]});
    }
}

/* The columns' widths, each run of equal widths in one call, without a
 * format; set before any cell (they are not rows of a streamed sheet). */
static void set_widths(city *c, lxw_worksheet *ws, const xlsx_columns *t)
{
    for (size_t first = 0, last; first < t->n; first = last + 1) {
        double width = t->cols[first].col.width;
        for (last = first; last + 1 < t->n &&
                           t->cols[last + 1].col.width == width;)
            last++;
        city_note_err(c, worksheet_set_column(ws, (lxw_col_t)first,
                                              (lxw_col_t)last,
                                              xlsx_column_width(width), NULL));
    }
}

void city_sheet_item_scores_write(city *c, lxw_worksheet *ws)
{
    xlsx_columns t = {0};
    item_score_columns(c, &t);
    set_widths(c, ws, &t);
    city_title(c, ws, "คะแนนรายข้อของทุกเขต ปีงบประมาณ",
               "Every office's item scores, fiscal year");
    xlsx_write_text(c->b, ws, 1, 0,
                  city_tr(c, "เรียงตามอันดับ ITA; จำนวนเขตที่ต่ำกว่าเป้าหมายในชีตข้อคำถาม"
                             "เป็นสูตรบนคะแนนเหล่านี้ (ปัดเป็นทศนิยม 2 ตำแหน่ง)",
                          "By ITA rank; the counts of offices below Target on "
                          "the Questions sheet are formulas on these scores "
                          "(rounded to 2 decimals)."),
                  city_fmt(c, XLSX_TEXT));
    city_header_row(c, ws, CITY_HEAD, t.cols, t.n);
    /* before the rows: a streamed sheet refuses ranges it has passed */
    city_note_err(c, worksheet_autofilter(ws, CITY_HEAD, 0,
                                          city_last_row(c->ys->n),
                                          (lxw_col_t)(t.n - 1)));
    xlsx_write_rows(c->b, ws, CITY_FIRST, t.cols, t.n, c->ys->n, c,
                    city_row_ranked);
    xlsx_columns_free(&t);
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
