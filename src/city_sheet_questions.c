/* The Questions sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "text.h"

#include <stddef.h>
#include <stdlib.h>

/* Each row is an item of the model: its measure (stats.h numbering). */
typedef struct {
    city *c;
    const size_t *order;   /* the rows' measures, weakest first */
} questions;

static const void *question_at(const void *sheet, size_t i)
{
    return &((const questions *)sheet)->order[i];
}

static city *cell_city(const xlsx_cell *cell)
{
    return ((questions *)cell->sheet)->c;
}

/* The measure of the cell's row, and its model node and statistics. */
static size_t cell_measure(const xlsx_cell *cell)
{
    return *(const size_t *)cell->item;
}

static const model_node *cell_node(const xlsx_cell *cell)
{
    return &cell_city(cell)->m->nodes[cell_measure(cell) - 1];
}

static const stats_summary *cell_stats(const xlsx_cell *cell)
{
    return &cell_city(cell)->cs->city[cell_measure(cell)];
}

static void order_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, (double)(cell->index + 1));
}

static void item_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_node(cell)->id);
}

static void indicator_cell(const xlsx_cell *cell)
{
    int ind = cell_node(cell)->indicator;
    xlsx_cell_text(cell, ind >= 0 ? cell_city(cell)->m->nodes[ind].id : "");
}

static void label_cell(const xlsx_cell *cell)
{
    const char *label = xlsx_node_label(cell_city(cell)->rep,
                                        (int)cell_measure(cell) - 1);
    xlsx_cell_text(cell, label);
    xlsx_cell_fit(cell, label, cell->column->col.width);
}

static void weight_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_node(cell)->ita_weight);
}

static void stat_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, city_stat_at(cell_stats(cell), cell->column->arg));
}

/* The office of the lowest (low) or highest score of the item. */
static void office_cell(const xlsx_cell *cell, bool low)
{
    const city *c = cell_city(cell);
    if (c->ys->n == 0) {
        xlsx_cell_text(cell, NULL);
        return;
    }
    const stats_summary *s = cell_stats(cell);
    const office_score *o = &c->ys->offices[low ? s->worst : s->best];
    xlsx_cell_text(cell, xlsx_office_name(c->rep, o->office));
}

static void low_cell(const xlsx_cell *cell)
{
    office_cell(cell, true);
}

static void high_cell(const xlsx_cell *cell)
{
    office_cell(cell, false);
}

/* The columns of the table (question_columns below). */
#define N_QUESTION_TABLE_COLUMNS 13

/* Returns a new string: the range of the row's office scores on the Item
 * scores sheet. */
static char *scores_range(const xlsx_cell *cell)
{
    return city_item_scores_range(cell_city(cell), cell_measure(cell));
}

static void below_cell(const xlsx_cell *cell)
{
    char *range = scores_range(cell);
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                     xasprintf("=SUMPRODUCT(--(ROUND(%s,2)<Target))", range),
                     (double)cell_stats(cell)->below_target, cell->fmt);
    free(range);
}

static void share_cell(const xlsx_cell *cell)
{
    char *range = scores_range(cell);
    char below[LXW_MAX_CELL_NAME_LENGTH];
    city_cell(below, cell->row, cell->col - 1);
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                     xasprintf("=IF(COUNT(%s)>0,%s/COUNT(%s),0)", range, below,
                               range),
                     cell_stats(cell)->share_below, cell->fmt);
    free(range);
}

#define STAT(field) offsetof(stats_summary, field)
static const xlsx_table_column question_columns[] = {
    {{"ลำดับ", "No.", 5, XLSX_INT}, order_cell, 0},
    {{"ข้อ", "Item", 7, XLSX_TEXT}, item_cell, 0},
    {{"ตัวชี้วัด", "Indicator", 10, XLSX_TEXT}, indicator_cell, 0},
    {{"ข้อคำถาม", "Question", 45, XLSX_WRAP}, label_cell, 0},
    {{"ITA ต่อ 1 คะแนน", "ITA per point", 8, XLSX_FINE}, weight_cell, 0},
    {{"ค่าเฉลี่ยของเมือง", "City mean", 8, XLSX_SCORE}, stat_cell, STAT(mean)},
    {{"มัธยฐาน", "Median", 8, XLSX_SCORE}, stat_cell, STAT(median)},
    {{"ต่ำสุด", "Min", 8, XLSX_SCORE}, stat_cell, STAT(min)},
    {{"สูงสุด", "Max", 8, XLSX_SCORE}, stat_cell, STAT(max)},
    {{"เขตที่ได้ต่ำสุด", "Lowest office", 15, XLSX_TEXT}, low_cell, 0},
    {{"เขตที่ได้สูงสุด", "Highest office", 15, XLSX_TEXT}, high_cell, 0},
    {{"เขตที่ต่ำกว่าเป้าหมาย", "Offices below target", 9, XLSX_INT}, below_cell, 0},
    {{"สัดส่วน", "Share", 8, XLSX_PERCENT}, share_cell, 0},
};
#define N_QUESTION_COLUMNS (sizeof question_columns / sizeof *question_columns)
_Static_assert(N_QUESTION_COLUMNS == N_QUESTION_TABLE_COLUMNS,
               "the table's width is known before its columns");

void city_sheet_questions_write(city *c, lxw_worksheet *ws)
{
    xlsx_column cols[N_QUESTION_COLUMNS];
    xlsx_table_layout(question_columns, N_QUESTION_COLUMNS, cols);
    const model *m = c->m;
    size_t n = m->n_items;
    size_t *order = xmalloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = 1 + (size_t)m->items[i];
    stats_sort_weakest(c->cs, order, n, STATS_BY_BELOW_TARGET);

    city_title(c, ws, "ข้อคำถามทุกข้อ เรียงจากจุดอ่อนร่วมของเมือง ปีงบประมาณ",
               "Every question, city-wide weaknesses first, fiscal year");
    char *text = xasprintf(
        city_tr(c, "เรียงตามจำนวนเขตที่ได้ต่ำกว่าเป้าหมาย %.2f ตอนจัดทำ (มากไปน้อย) แล้ว"
                   "ตามค่าเฉลี่ยของเมือง (น้อยไปมาก) จำนวนและสัดส่วนเป็นสูตรตามช่อง "
                   "Target (คะแนนรายเขตอยู่ในชีตคะแนนรายข้อ)",
                "Sorted by the number of offices below the target of %.2f when "
                "drafted (most first), then by city mean (lowest first); the "
                "counts and shares are formulas on Target (the offices' scores "
                "are on the Item scores sheet)."),
        c->ys->target);
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(N_QUESTION_COLUMNS - 1),
              xlsx_columns_width(cols, N_QUESTION_COLUMNS), text, c->b->f.note);
    free(text);
    questions sheet = {c, order};
    xlsx_write_rows(c->b, ws, CITY_FIRST, question_columns, N_QUESTION_COLUMNS,
                    n, &sheet, question_at);
    free(order);
    lxw_conditional_format bar = {.type = LXW_CONDITIONAL_DATA_BAR,
                                  .bar_color = 0xF1948A};
    lxw_col_t below_col = (lxw_col_t)(N_QUESTION_COLUMNS - 2);
    city_note_err(
        c, worksheet_conditional_format_range(
               ws, CITY_FIRST, below_col, city_last_row(n), below_col, &bar));
    city_header_widths(c, cols, N_QUESTION_COLUMNS);   /* printed whole */
    xlsx_set_columns(c->b, ws, 0, cols, N_QUESTION_COLUMNS);
    city_note_err(c, xlsx_add_table(c->b, ws, CITY_HEAD, 0, n, cols,
                                    N_QUESTION_COLUMNS, "Questions"));
    worksheet_freeze_panes(ws, CITY_FIRST, 2);
    xlsx_print_setup(c->b, ws, CITY_HEAD, CITY_HEAD);
}
