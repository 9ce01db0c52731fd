/* The OIT (open data) sheet of the city workbook (city_sheets.h).  At
 * national scale it holds 8,300 offices x 45 items, so it is written row by
 * row in libxlsxwriter's constant_memory mode (xlsx_add_streamed_sheet):
 * title, note, header, offices, counts, in that order; an autofilter
 * instead of a table. */
#include "city_sheets.h"
#include "text.h"

#include <stdlib.h>

enum oit_field { OI_CODE, OI_NAME, OI_ITEM, OI_MISSING };

/* The item cells' yes/no, smaller than the body so that the items' narrow
 * columns hold them: the sheet's smallest text, which sets its print
 * scale (xlsx_print_readable). */
#define SHOWN_PT 12.0

static bool is_disclosure_item(const model_node *n)
{
    return n->kind == NODE_ITEM && model_is_disclosure(n);
}

/* The row of the office of rank i + 1: 0/100 per disclosure item in
 * shown, and the count of its missing items; adds to missing[column]. */
static void write_oit_row(city *c, lxw_worksheet *ws, const city_layout *l,
                          size_t i, lxw_format *shown, double *missing)
{
    lxw_col_t first_item = 2, last_item = (lxw_col_t)(l->n - 2);
    const office_score *s = city_ranked(c, i);
    lxw_row_t r = (lxw_row_t)(CITY_FIRST + i);
    double office_missing = 0;
    for (size_t k = 0; k < l->n; k++) {
        lxw_col_t col = (lxw_col_t)k;
        switch ((enum oit_field)l->field[k]) {
        case OI_CODE:
            xlsx_write_text(c->b, ws, r, col, c->rep->r->offices[s->office].code,
                          city_fmt(c, XLSX_TEXT));
            break;
        case OI_NAME:
            xlsx_write_text(c->b, ws, r, col,
                          xlsx_office_name(c->rep, s->office),
                          city_fmt(c, XLSX_TEXT));
            break;
        case OI_ITEM: {
            double v = score_round2(scores_value(s, l->measure[k]));
            xlsx_write_number(c->b, ws, r, col, v, shown);
            bool miss = v < 100;
            office_missing += miss;
            missing[k] += miss;
            break;
        }
        case OI_MISSING: {
            char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
            xlsx_take_formula(c->b, ws, r, col,
                             xasprintf("=COUNTIF(%s:%s,\"<100\")",
                                       city_cell(a, r, first_item),
                                       city_cell(b, r, last_item)),
                             office_missing, city_fmt(c, XLSX_INT));
            break;
        }
        }
    }
}

/* Under the table: how many offices miss each item. */
static void write_missing_counts(city *c, lxw_worksheet *ws,
                                 const city_layout *l, const double *missing)
{
    lxw_row_t last = city_last_row(c->ys->n);
    lxw_row_t count_row = last + 1;
    xlsx_write_text(c->b, ws, count_row, 1, city_tr(c, "เขตที่ยังไม่เปิดเผย", "Offices missing it"),
                  city_bold(c, XLSX_TEXT));
    for (size_t k = 0; k < l->n; k++) {
        if (l->field[k] != OI_ITEM)
            continue;
        char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
        xlsx_take_formula(c->b, ws, count_row, (lxw_col_t)k,
                         xasprintf("=COUNTIF(%s:%s,\"<100\")",
                                   city_cell(a, CITY_FIRST, (lxw_col_t)k),
                                   city_cell(b, last, (lxw_col_t)k)),
                         missing[k], city_bold(c, XLSX_INT));
    }
}

void city_sheet_oit_write(city *c, lxw_worksheet *ws)
{
    const model *m = c->m;
    city_layout l = {0};
    city_lay_add(&l, "รหัส", "Code", c->w_code, XLSX_TEXT, OI_CODE, 0);
    city_lay_add(&l, "สำนักงานเขต", "Office", c->w_name, XLSX_TEXT, OI_NAME, 0);
    for (size_t i = 0; i < m->n_items; i++)
        if (is_disclosure_item(&m->nodes[m->items[i]]))
            city_lay_add(&l, m->nodes[m->items[i]].id, m->nodes[m->items[i]].id,
                         5.5, XLSX_SCORE, OI_ITEM, 1 + (size_t)m->items[i]);
    size_t n_items = l.n - 2;
    city_lay_add(&l, "ข้อที่ยังไม่เปิดเผย", "Items missing", 9, XLSX_INT, OI_MISSING, 0);

    /* 0/100 stay numbers, shown as words */
    lxw_format *shown = workbook_add_format(c->b->wb);
    format_set_font_name(shown, xlsx_font_name(c->rep));
    format_set_font_size(shown, SHOWN_PT);
    format_set_align(shown, LXW_ALIGN_CENTER);
    xlsx_set_num_format(c->b, shown, city_tr(c, "[=100]\"มี\";[=0]\"ไม่มี\";0.00",
                                         "[=100]\"yes\";[=0]\"no\";0.00"));

    city_title(c, ws, "การเปิดเผยข้อมูลสาธารณะ (OIT) รายข้อ ปีงบประมาณ",
               "Open data (OIT) item by item, fiscal year");
    city_note(c, ws, 1, 14, 100,
              city_tr(c, "มี = เปิดเผยแล้ว (100), ไม่มี = ยังไม่เปิดเผย (0); ชื่อข้อดูได้ในชีตข้อคำถาม "
                         "แถวล่างสุดนับจำนวนเขตที่ยังไม่เปิดเผยแต่ละข้อ",
                      "yes = published (100), no = missing (0); item titles are on the "
                      "Questions sheet.  The row under the table counts the offices "
                      "missing each item."),
              c->b->f.note);
    const year_scores *ys = c->ys;
    lxw_row_t last = city_last_row(ys->n);
    city_filtered_header(c, ws, &l, ys->n, 2, SHOWN_PT);
    double *missing = xcalloc(l.n, sizeof *missing);
    lxw_col_t first_item = 2, last_item = (lxw_col_t)(1 + n_items);
    for (size_t i = 0; i < ys->n; i++)
        write_oit_row(c, ws, &l, i, shown, missing);
    write_missing_counts(c, ws, &l, missing);
    free(missing);
    if (n_items > 0) {
        lxw_conditional_format miss = {
            .type = LXW_CONDITIONAL_TYPE_CELL,
            .criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN,
            .value = 100,
            .format = xlsx_fail_format(c->b),
        };
        city_note_err(c, worksheet_conditional_format_range(ws, CITY_FIRST,
                                                            first_item, last,
                                                            last_item, &miss));
    }
    city_lay_free(&l);
}
