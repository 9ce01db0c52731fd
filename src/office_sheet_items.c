/* The Items sheet of an office workbook (office_sheets.h). */
#include "office_sheets.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>

enum { IC_TOOL, IC_INDICATOR, IC_ITEM, IC_LABEL, IC_SCORE, IC_CITY_MEDIAN,
       IC_ZONE_MEDIAN, IC_BEST, IC_BEST_SCORE, IC_PERCENTILE, IC_GAP, IC_PASS,
       IC_WEIGHT, N_ITEM_COLUMNS };

static const xlsx_column item_columns[N_ITEM_COLUMNS] = {
    [IC_TOOL] = {"เครื่องมือ", "Tool", 7, XLSX_TEXT},
    [IC_INDICATOR] = {"ตัวชี้วัด", "Indicator", 18, XLSX_WRAP},
    [IC_ITEM] = {"ข้อ", "Item", 6, XLSX_TEXT},
    [IC_LABEL] = {"ข้อคำถาม", "Question", 36, XLSX_WRAP},
    [IC_SCORE] = {"คะแนน", "Score", 8, XLSX_SCORE},
    [IC_CITY_MEDIAN] = {"มัธยฐานทุกเขต", "City median", 9, XLSX_SCORE},
    [IC_ZONE_MEDIAN] = {"มัธยฐานกลุ่มเขต", "Zone median", 9, XLSX_SCORE},
    [IC_BEST] = {"เขตที่ดีที่สุด", "Best office", 14, XLSX_WRAP},
    [IC_BEST_SCORE] = {"คะแนนสูงสุด", "Best score", 8, XLSX_SCORE},
    [IC_PERCENTILE] = {"เปอร์เซ็นไทล์", "Percentile", 9, XLSX_SCORE},
    [IC_GAP] = {"ห่างจากเป้าหมาย", "Gap to target", 9, XLSX_SCORE},
    [IC_PASS] = {"ผ่านค่าเป้าหมาย", "Meets the target", 9, XLSX_FLAG},
    [IC_WEIGHT] = {"คะแนน ITA ต่อ 1 คะแนน", "ITA points per point", 9,
                   XLSX_SCORE},
};

void office_sheet_items_write(office_ctx *o, lxw_worksheet *ws)
{
    xlsx_book *b = o->b;
    const office_formats *x = &o->x;
    const office_plan *plan = o->plan;
    office_refs *refs = &o->refs;
    const report *rep = b->rep;
    const model *m = rep->m;
    const year_scores *ys = rep->current;
    const office_score *s = plan->score;
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    lxw_format *wrap = xlsx_format(b, XLSX_WRAP, false);
    lxw_format *text = xlsx_format(b, XLSX_TEXT, false);
    char *name = plans_office_name(rep->r, rep->lang, plan->office);
    char *title = xasprintf(xlsx_tr(rep, "%s: คะแนนรายข้อ", "%s: item scores"), name);
    free(name);
    lxw_row_t row = office_heading(
        b, ws, N_ITEM_COLUMNS - 1, xlsx_columns_width(item_columns, N_ITEM_COLUMNS),
        title, NULL,
        xlsx_tr(rep,
                "ทุกข้อของแบบประเมิน ช่องห่างจากเป้าหมายและผ่านค่าเป้าหมายเป็นสูตรที่"
                "อ้างอิงช่องค่าเป้าหมาย (Target) ในแผ่นงานภาพรวม",
                "Every item of the model.  Gap and meets-the-target are formulas "
                "on the Target cell of the Profile sheet."));
    free(title);
    row++;
    lxw_row_t header = row;
    office_set_widths(b, ws, item_columns, N_ITEM_COLUMNS);
    xlsx_add_table(b, ws, header, 0, m->n_items, item_columns, N_ITEM_COLUMNS,
                   "Items");
    xlsx_fit_header_row(b, ws, header, item_columns, N_ITEM_COLUMNS);
    for (size_t k = 0; k < m->n_items; k++) {
        int item = m->items[k];
        const model_node *n = &m->nodes[item];
        size_t measure = 1 + (size_t)item;
        lxw_row_t r = header + 1 + (lxw_row_t)k;
        double value = s->node[item];
        xlsx_row_fit fit = {1};
        xlsx_write_text(b, ws, r, IC_TOOL, m->nodes[n->tool].id, text);
        char *ind = xlsx_node_title(rep, n->indicator);
        xlsx_write_text(b, ws, r, IC_INDICATOR, ind, wrap);
        xlsx_fit_text(&fit, b, ind, item_columns[IC_INDICATOR].width);
        free(ind);
        xlsx_write_text(b, ws, r, IC_ITEM, n->id, text);
        xlsx_write_text(b, ws, r, IC_LABEL, xlsx_node_label(rep, item), wrap);
        xlsx_fit_text(&fit, b, xlsx_node_label(rep, item),
                        item_columns[IC_LABEL].width);
        office_write_benchmarks(b, x, ws, r, IC_SCORE,
                                item_columns[IC_BEST].width, plan, measure,
                                &fit, wrap);
        /* the pass flag sits right after the gap */
        office_write_gap(b, ws, r, IC_SCORE, IC_GAP, ys->target, value, score,
                         xlsx_format(b, XLSX_FLAG, false));
        xlsx_write_number(b, ws, r, IC_WEIGHT, n->ita_weight, x->weight);
    }
    lxw_row_t last = header + (lxw_row_t)(m->n_items ? m->n_items : 1);
    xlsx_pass_colours(b, ws, header + 1, IC_PASS, last, IC_PASS);
    xlsx_grade_colours(b, ws, header + 1, IC_SCORE, last, IC_SCORE, true);
    refs->items_sheet = xlsx_sheet_ref(ws);
    refs->items_first = header + 1;
    refs->items_last = last;
    refs->items_pass_col = IC_PASS;
    worksheet_freeze_panes(ws, header + 1, IC_LABEL + 1);
    xlsx_print_setup(b, ws, header, header);
    office_protect(ws, o->protect);
}
