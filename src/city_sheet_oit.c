/* The OIT (open data) sheet of the city workbook (city_sheets.h).  At
 * national scale it holds 8,300 offices x 45 items, so it is written row by
 * row in libxlsxwriter's constant_memory mode (xlsx_add_streamed_sheet):
 * title, note, header, offices, counts, in that order; an autofilter
 * instead of a table. */
#include "city_sheets.h"
#include "text.h"

#include <stdlib.h>

/* The item cells' yes/no, smaller than the body so that the items' narrow
 * columns hold them: the sheet's smallest text, which sets its print
 * scale (xlsx_print_readable). */
#define SHOWN_PT 12.0

static bool is_disclosure_item(const model_node *n)
{
    return n->kind == NODE_ITEM && model_is_disclosure(n);
}

/* What the OIT sheet's cells read: the city, the format of the items'
 * yes/no, and the table's columns (an office's count of missing items
 * caches its item cells). */
typedef struct {
    city *c;
    lxw_format *shown;
    const xlsx_columns *t;
} oit;

static const void *oit_row(const void *sheet, size_t i)
{
    return city_ranked(((const oit *)sheet)->c, i);
}

static const oit *cell_oit(const xlsx_cell *cell)
{
    return cell->sheet;
}

/* Office s's score on a disclosure item, as shown: 100 published, 0
 * missing. */
static double item_value(const office_score *s, size_t measure)
{
    return score_round2(scores_value(s, measure));
}

/* The office's score on the column's item (arg), 0 or 100 shown as
 * words. */
static void item_cell(const xlsx_cell *cell)
{
    xlsx_write_number(cell->b, cell->ws, cell->row, cell->col,
                      item_value(cell->item, cell->column->arg),
                      cell_oit(cell)->shown);
}

/* The office's count of missing items: a formula over its item cells,
 * the columns between its name and this one. */
static void missing_cell(const xlsx_cell *cell)
{
    const oit *o = cell_oit(cell);
    double missing = 0;
    for (size_t k = 0; k < o->t->n; k++)
        if (o->t->cols[k].cell == item_cell)
            missing += item_value(cell->item, o->t->cols[k].arg) < 100;
    char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
    lxw_col_t first_item = (lxw_col_t)(city_column_of(o->t, city_cell_name) + 1);
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=COUNTIF(%s:%s,\"<100\")",
                                city_cell(a, cell->row, first_item),
                                city_cell(b, cell->row,
                                          (lxw_col_t)(cell->col - 1))),
                      missing, cell->fmt);
}

/* Code and office, one column per disclosure item (arg: its measure),
 * and the office's count of missing items. */
static void oit_columns(city *c, xlsx_columns *t)
{
    const model *m = c->m;
    xlsx_columns_add_all(
        t, (xlsx_table_column[]){city_code_column(c), city_name_column(c)}, 2);
    for (size_t i = 0; i < m->n_items; i++) {
        const model_node *n = &m->nodes[m->items[i]];
        if (is_disclosure_item(n))
            xlsx_columns_add(t, (xlsx_table_column){
                                    {n->id, n->id, 5.5, XLSX_SCORE},
                                    item_cell, 1 + (size_t)m->items[i]});
    }
    xlsx_columns_add(t, (xlsx_table_column){
                            {"ข้อที่ยังไม่เปิดเผย", "Items missing", 9, XLSX_INT},
                            missing_cell, 0});
}

/* Under the table: how many offices miss each item. */
static void write_missing_counts(city *c, lxw_worksheet *ws,
                                 const xlsx_columns *t)
{
    lxw_row_t last = city_last_row(c->ys->n);
    lxw_row_t count_row = last + 1;
    xlsx_write_text(c->b, ws, count_row, city_column_of(t, city_cell_name),
                    city_tr(c, "เขตที่ยังไม่เปิดเผย", "Offices missing it"),
                    city_bold(c, XLSX_TEXT));
    for (size_t k = 0; k < t->n; k++) {
        if (t->cols[k].cell != item_cell)
            continue;
        double missing = 0;
        for (size_t i = 0; i < c->ys->n; i++)
            missing += item_value(city_ranked(c, i), t->cols[k].arg) < 100;
        char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
        xlsx_take_formula(c->b, ws, count_row, (lxw_col_t)k,
                          xasprintf("=COUNTIF(%s:%s,\"<100\")",
                                    city_cell(a, CITY_FIRST, (lxw_col_t)k),
                                    city_cell(b, last, (lxw_col_t)k)),
                          missing, city_bold(c, XLSX_INT));
    }
}

void city_sheet_oit_write(city *c, lxw_worksheet *ws)
{
    xlsx_columns t = {0};
    oit_columns(c, &t);
    /* 0/100 stay numbers, shown as words */
    lxw_format *shown = workbook_add_format(c->b->wb);
    format_set_font_name(shown, xlsx_font_name(c->rep));
    format_set_font_size(shown, SHOWN_PT);
    format_set_align(shown, LXW_ALIGN_CENTER);
    xlsx_set_num_format(c->b, shown, city_tr(c, "[=100]\"มี\";[=0]\"ไม่มี\";0.00",
                                         "[=100]\"yes\";[=0]\"no\";0.00"));

    city_title(c, ws, "การเปิดเผยข้อมูลสาธารณะ (OIT) รายข้อ ปีงบประมาณ",
               "Open data (OIT) item by item, fiscal year");
    xlsx_wide_line(c->b, ws, 1, 14, 100,
              city_tr(c, "มี = เปิดเผยแล้ว (100), ไม่มี = ยังไม่เปิดเผย (0); ชื่อข้อดูได้ในชีตข้อคำถาม "
                         "แถวล่างสุดนับจำนวนเขตที่ยังไม่เปิดเผยแต่ละข้อ",
                      "yes = published (100), no = missing (0); item titles are on the "
                      "Questions sheet.  The row under the table counts the offices "
                      "missing each item."),
              c->b->f.note);
    const year_scores *ys = c->ys;
    lxw_col_t first_item = (lxw_col_t)(city_column_of(&t, city_cell_name) + 1),
              missing_col = city_column_of(&t, missing_cell);
    city_filtered_columns(c, ws, &t, ys->n, first_item, SHOWN_PT);
    oit sheet = {c, shown, &t};
    xlsx_write_rows(c->b, ws, CITY_FIRST, t.cols, t.n, ys->n, &sheet, oit_row);
    write_missing_counts(c, ws, &t);
    if (missing_col > first_item) {   /* the model has disclosure items */
        lxw_conditional_format miss = {
            .type = LXW_CONDITIONAL_TYPE_CELL,
            .criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN,
            .value = 100,
            .format = xlsx_fail_format(c->b),
        };
        city_note_err(c, worksheet_conditional_format_range(
                             ws, CITY_FIRST, first_item, city_last_row(ys->n),
                             (lxw_col_t)(missing_col - 1), &miss));
    }
    xlsx_columns_free(&t);
}
