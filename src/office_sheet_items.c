/* The Items sheet of an office workbook (office_sheets.h). */
#include "office_sheets.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { IC_TOOL, IC_INDICATOR, IC_ITEM, IC_LABEL, IC_SCORE, IC_CITY_MEDIAN,
       IC_ZONE_MEDIAN, IC_BEST, IC_BEST_SCORE, IC_PERCENTILE, IC_GAP, IC_PASS,
       IC_WEIGHT, N_ITEM_COLUMNS };

/* The model node of the row's item. */
static const model_node *cell_node(const xlsx_cell *cell)
{
    return &xlsx_report(cell->b)->m->nodes[office_cell_measure(cell) - 1];
}

static void tool_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, xlsx_report(cell->b)->m->nodes[cell_node(cell)->tool].id);
}

static void indicator_cell(const xlsx_cell *cell)
{
    char *ind = xlsx_node_title(xlsx_report(cell->b), cell_node(cell)->indicator);
    xlsx_cell_text(cell, ind);
    xlsx_cell_fit(cell, ind, cell->column->col.width);
    free(ind);
}

static void item_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_node(cell)->id);
}

static void label_cell(const xlsx_cell *cell)
{
    const char *label = xlsx_node_label(xlsx_report(cell->b),
                                        (int)office_cell_measure(cell) - 1);
    xlsx_cell_text(cell, label);
    xlsx_cell_fit(cell, label, cell->column->col.width);
}

static void weight_cell(const xlsx_cell *cell)
{
    const office_ctx *o = cell->sheet;
    xlsx_write_number(cell->b, cell->ws, cell->row, cell->col,
                      cell_node(cell)->ita_weight, o->x.weight);
}

/* Each row is an item of the model (its measure: office_sheets.h, cells of
 * a measure's row). */
static const xlsx_table_column item_table[N_ITEM_COLUMNS] = {
    [IC_TOOL] = {{"เครื่องมือ", "Tool", 7, XLSX_TEXT}, tool_cell, 0},
    [IC_INDICATOR] = {{"ตัวชี้วัด", "Indicator", 24, XLSX_WRAP},
                      indicator_cell, 0},
    [IC_ITEM] = {{"ข้อ", "Item", 6, XLSX_TEXT}, item_cell, 0},
    [IC_LABEL] = {{"ข้อคำถาม", "Question", 46, XLSX_WRAP}, label_cell, 0},
    [IC_SCORE] = OFFICE_BENCHMARK_COLUMNS(8, 9, 14, 8, 9),
    [IC_GAP] = {{"ห่างจากเป้าหมาย", "Gap to target", 9, XLSX_SCORE},
                office_cell_gap, IC_SCORE},
    [IC_PASS] = {{"ผ่านค่าเป้าหมาย", "Meets the target", 9, XLSX_FLAG},
                 office_cell_pass, IC_SCORE},
    [IC_WEIGHT] = {{"คะแนน ITA ต่อ 1 คะแนน", "ITA points per point", 9,
                    XLSX_SCORE}, weight_cell, 0},
};

/* English headers' words whole ("media|n", "Percent|ile" printed), the
 * questions giving the room back so that the sheet prints at the scale
 * it did (office_give_room); Thai headers break between words already.
 * The table's cells fit their rows to the same widths. */
static void english_header_widths(const xlsx_book *b, xlsx_columns *table,
                                  xlsx_column *cols)
{
    if (xlsx_report(b)->lang != LANG_EN)
        return;
    xlsx_column plain[N_ITEM_COLUMNS];
    memcpy(plain, cols, sizeof plain);
    for (size_t c = 0; c < N_ITEM_COLUMNS; c++)
        cols[c].width = xlsx_header_width(b, cols[c].width, cols[c].en);
    office_give_room(b, cols, plain, N_ITEM_COLUMNS, IC_LABEL);
    for (size_t c = 0; c < N_ITEM_COLUMNS; c++)
        table->cols[c].col.width = cols[c].width;
}

void office_sheet_items_write(office_ctx *o, lxw_worksheet *ws)
{
    xlsx_book *b = o->b;
    const report *rep = xlsx_report(b);
    const model *m = rep->m;
    /* the best office's name whole on its line, the room taken from the
     * questions: the sheet prints fitted to the page's width, no smaller
     * than before (nothing under 9 pt) */
    xlsx_columns table = {0};
    xlsx_columns_add_all(&table, item_table, N_ITEM_COLUMNS);
    double best = table.cols[IC_BEST].col.width;
    table.cols[IC_BEST].col.width = office_name_width(b, best);
    table.cols[IC_LABEL].col.width -= table.cols[IC_BEST].col.width - best;
    xlsx_column cols[N_ITEM_COLUMNS];
    xlsx_table_layout(table.cols, N_ITEM_COLUMNS, cols);
    english_header_widths(b, &table, cols);
    char *name = plans_office_name(rep->r, rep->lang, o->plan->office);
    char *title = xasprintf(xlsx_tr(rep, "%s: คะแนนรายข้อ", "%s: item scores"), name);
    free(name);
    lxw_row_t row = office_heading(
        b, ws,
        &(office_heading_text){
            .last_col = N_ITEM_COLUMNS - 1,
            .width = xlsx_columns_width(cols, N_ITEM_COLUMNS),
            .title = title,
            .note = scores_from_items(o->plan->score)
            ? xlsx_tr(rep,
                      "ทุกข้อของแบบประเมิน ช่องห่างจากเป้าหมายและผ่านค่าเป้าหมายเป็นสูตรที่"
                      "อ้างอิงช่องค่าเป้าหมาย (Target) ในแผ่นงานภาพรวม",
                      "Every item of the model.  Gap and meets-the-target are formulas "
                      "on the Target cell of the Profile sheet.")
            /* issue 20: said once, the table's own cells stay blank */
            : xlsx_tr(rep,
                      "สำนักงานเขตนี้มีเพียงคะแนนที่ประกาศ ไม่มีคะแนนรายข้อ: ช่องคะแนน"
                      "ของสำนักงานเขตนี้จึงว่าง ค่าของเมืองมีไว้เปรียบเทียบ",
                      "This office has published figures only, no item scores: "
                      "its score cells are blank; the city's are for comparison.")});
    free(title);
    row++;
    lxw_row_t header = row;
    office_set_widths(b, ws, cols, N_ITEM_COLUMNS);
    xlsx_add_table(b, ws, header, 0, m->n_items, cols, N_ITEM_COLUMNS,
                   "Items");
    xlsx_fit_header_row(b, ws, header, cols, N_ITEM_COLUMNS);
    size_t *measures = xmalloc((m->n_items ? m->n_items : 1) * sizeof *measures);
    for (size_t k = 0; k < m->n_items; k++)
        measures[k] = model_node_measure(m->items[k]);
    o->rows = measures;
    xlsx_write_rows(b, ws, header + 1, table.cols, table.n, m->n_items, o,
                    office_measure_at);
    o->rows = NULL;
    xlsx_columns_free(&table);
    free(measures);
    lxw_row_t last = header + (lxw_row_t)(m->n_items ? m->n_items : 1);
    xlsx_pass_colours(b, ws, header + 1, IC_PASS, last, IC_PASS);
    xlsx_grade_colours(b, ws, header + 1, IC_SCORE, last, IC_SCORE, true);
    o->refs.items_sheet = xlsx_sheet_ref(ws);
    o->refs.items_first = header + 1;
    o->refs.items_last = last;
    o->refs.items_pass_col = IC_PASS;
    worksheet_freeze_panes(ws, header + 1, IC_LABEL + 1);
    xlsx_print_setup(b, ws, header, header);
    office_protect(ws, o->protect);
}
