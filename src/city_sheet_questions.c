/* The Questions sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "text.h"

#include <stddef.h>
#include <stdlib.h>

enum question_field {
    QU_ORDER, QU_ITEM, QU_INDICATOR, QU_LABEL, QU_WEIGHT, QU_STAT, QU_LOW_NAME,
    QU_HIGH_NAME, QU_BELOW, QU_SHARE
};

static const struct {
    xlsx_column col;
    enum question_field field;
    size_t offset;
} question_columns[] = {
    {{"ลำดับ", "No.", 5, XLSX_INT}, QU_ORDER, 0},
    {{"ข้อ", "Item", 6, XLSX_TEXT}, QU_ITEM, 0},
    {{"ตัวชี้วัด", "Indicator", 10, XLSX_TEXT}, QU_INDICATOR, 0},
    {{"ข้อคำถาม", "Question", 38, XLSX_WRAP}, QU_LABEL, 0},
    {{"ITA ต่อ 1 คะแนน", "ITA per point", 8, XLSX_FINE}, QU_WEIGHT, 0},
    {{"ค่าเฉลี่ยของเมือง", "City mean", 8, XLSX_SCORE}, QU_STAT, offsetof(stats_summary, mean)},
    {{"มัธยฐาน", "Median", 8, XLSX_SCORE}, QU_STAT, offsetof(stats_summary, median)},
    {{"ต่ำสุด", "Min", 8, XLSX_SCORE}, QU_STAT, offsetof(stats_summary, min)},
    {{"สูงสุด", "Max", 8, XLSX_SCORE}, QU_STAT, offsetof(stats_summary, max)},
    {{"เขตที่ได้ต่ำสุด", "Lowest office", 15, XLSX_TEXT}, QU_LOW_NAME, 0},
    {{"เขตที่ได้สูงสุด", "Highest office", 15, XLSX_TEXT}, QU_HIGH_NAME, 0},
    {{"เขตที่ต่ำกว่าเป้าหมาย", "Offices below target", 9, XLSX_INT}, QU_BELOW, 0},
    {{"สัดส่วน", "Share", 8, XLSX_PERCENT}, QU_SHARE, 0},
};
#define N_QUESTION_COLUMNS (sizeof question_columns / sizeof *question_columns)

void city_sheet_questions_write(city *c, lxw_worksheet *ws)
{
    xlsx_column cols[N_QUESTION_COLUMNS];
    for (size_t i = 0; i < N_QUESTION_COLUMNS; i++)
        cols[i] = question_columns[i].col;
    const model *m = c->m;
    size_t n = m->n_items;
    size_t *order = xmalloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = 1 + (size_t)m->items[i];
    stats_sort_weakest(c->cs, order, n, STATS_BY_BELOW_TARGET);

    city_title(c, ws, "ข้อคำถามทุกข้อ เรียงจากจุดอ่อนร่วมของเมือง ปีงบประมาณ",
               "Every question, city-wide weaknesses first, fiscal year");
    char *text = xasprintf(
        city_tr(c, "เรียงตามจำนวนเขตที่ได้ต่ำกว่าเป้าหมาย %.2f (มากไปน้อย) แล้วตามค่าเฉลี่ย"
                   "ของเมือง (น้อยไปมาก) จำนวนนับตามเป้าหมายขณะสร้างไฟล์",
                "Sorted by the number of offices below the target of %.2f (most "
                "first), then by city mean (lowest first); counted at the target "
                "of the run."),
        c->ys->target);
    city_note(c, ws, 1, (lxw_col_t)(N_QUESTION_COLUMNS - 1),
              xlsx_columns_width(cols, N_QUESTION_COLUMNS), text, c->b->f.note);
    free(text);
    for (size_t q = 0; q < n; q++) {
        size_t k = order[q];
        const model_node *node = &m->nodes[k - 1];
        const stats_summary *s = &c->cs->city[k];
        lxw_row_t r = (lxw_row_t)(CITY_FIRST + q);
        bool any = c->ys->n > 0;
        const office_score *low = any ? &c->ys->offices[s->worst] : NULL;
        const office_score *high = any ? &c->ys->offices[s->best] : NULL;
        for (size_t i = 0; i < N_QUESTION_COLUMNS; i++) {
            lxw_col_t col = (lxw_col_t)i;
            lxw_format *f = city_fmt(c, cols[i].kind);
            switch (question_columns[i].field) {
            case QU_ORDER: city_put_num(c, ws, r, col, (double)(q + 1), f); break;
            case QU_ITEM: city_put_text(c, ws, r, col, node->id, f); break;
            case QU_INDICATOR:
                city_put_text(
                    c, ws, r, col,
                    node->indicator >= 0 ? m->nodes[node->indicator].id : "",
                    f);
                break;
            case QU_LABEL: {
                const char *label = xlsx_node_label(c->rep, (int)k - 1);
                city_put_text(c, ws, r, col, label, f);
                xlsx_row_lines(ws, r, xlsx_text_lines(label, cols[i].width));
                break;
            }
            case QU_WEIGHT:
                city_put_num(c, ws, r, col, node->ita_weight, f);
                break;
            case QU_STAT:
                city_put_num(c, ws, r, col,
                             city_stat_at(s, question_columns[i].offset), f);
                break;
            case QU_LOW_NAME:
                city_put_text(
                    c, ws, r, col,
                    low ? xlsx_office_name(c->rep, low->office) : NULL, f);
                break;
            case QU_HIGH_NAME:
                city_put_text(
                    c, ws, r, col,
                    high ? xlsx_office_name(c->rep, high->office) : NULL, f);
                break;
            case QU_BELOW:
                city_put_num(c, ws, r, col, (double)s->below_target, f);
                break;
            case QU_SHARE: city_put_num(c, ws, r, col, s->share_below, f); break;
            }
        }
    }
    free(order);
    lxw_conditional_format bar = {.type = LXW_CONDITIONAL_DATA_BAR,
                                  .bar_color = 0xF1948A};
    lxw_col_t below_col = (lxw_col_t)(N_QUESTION_COLUMNS - 2);
    city_note_err(
        c, worksheet_conditional_format_range(
               ws, CITY_FIRST, below_col, city_last_row(n), below_col, &bar));
    xlsx_set_columns(c->b, ws, 0, cols, N_QUESTION_COLUMNS);
    city_note_err(c, xlsx_add_table(c->b, ws, CITY_HEAD, 0, n, cols,
                                    N_QUESTION_COLUMNS, "Questions"));
    worksheet_freeze_panes(ws, CITY_FIRST, 2);
    xlsx_print_setup(c->b, ws, CITY_HEAD, CITY_HEAD);
}
