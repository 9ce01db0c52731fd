/* The Path to target sheet of an office workbook (office_sheets.h). */
#include "office_sheets.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>

enum { TC_STEP, TC_ITEM, TC_LABEL, TC_INDICATOR, TC_SCORE, TC_PLANNED,
       TC_WEIGHT, TC_GAIN, TC_PROJECTED, TC_PASSES, N_PATH_COLUMNS };

static const xlsx_table_column path_table[N_PATH_COLUMNS];
static const xlsx_table_column step_zero_table[N_PATH_COLUMNS];

/* The title and the note across the table's width; returns the next
 * free row. */
static lxw_row_t write_heading(office_ctx *o, lxw_worksheet *ws,
                               double width)
{
    const report *rep = xlsx_report(o->b);
    char *name = plans_office_name(rep->r, rep->lang, o->plan->office);
    char *title = xasprintf(xlsx_tr(rep, "%s: เส้นทางสู่ค่าเป้าหมาย",
                                    "%s: path to the target"),
                            name);
    free(name);
    lxw_row_t row = office_heading(
        o->b, ws,
        &(office_heading_text){
            .last_col = N_PATH_COLUMNS - 1,
            .width = width,
            .title = title,
            .note = xlsx_tr(rep,
                "ข้อที่ต่ำกว่าค่าเป้าหมาย เรียงตามคะแนน ITA ที่เพิ่มได้ "
                "(มากไปน้อย) คะแนน ITA ที่เพิ่ม = น้ำหนักของข้อ × (คะแนน"
                "ที่วางแผน − คะแนนปัจจุบัน) คะแนนที่วางแผนคือคะแนนเป้าหมายใน"
                "แผ่นแผนปฏิบัติการ แก้ที่นั่น แล้ว ITA ที่คาดการณ์จะคำนวณใหม่ "
                "แถวที่ถึงค่าเป้าหมายเป็นครั้งแรกมีกรอบสีเขียว",
                "Items below the target, most ITA points first.  "
                "Points gained = the item's weight × (planned score − "
                "current score).  The planned score is the target score "
                "of the Action plan sheet: change it there and the "
                "projected ITA follows; the step where it first meets "
                "the target is framed in green.")});
    free(title);
    return row + 1;
}

/* ---- the cells of a step ------------------------------------------
 * xlsx_write_rows with sheet = the office_ctx and row_at = step_at: step
 * k + 1 is the plan's row path[k]; step 0 (where the office stands) has
 * no row (item NULL) and a table of its own. */

static const void *step_at(const void *sheet, size_t k)
{
    const office_plan *plan = ((const office_ctx *)sheet)->plan;
    return &plan->rows[plan->path[k]];
}

static const plan_row *step_row(const xlsx_cell *cell)
{
    return cell->item;
}

/* The step's number: the row's place plus arg (1 for the plan's steps,
 * 0 for step 0). */
static void step_cell(const xlsx_cell *cell)
{
    const office_ctx *o = cell->sheet;
    xlsx_write_number(cell->b, cell->ws, cell->row, cell->col,
                      (double)(cell->index + cell->column->arg),
                      o->x.int_centre);
}

static void item_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, xlsx_report(cell->b)->m->nodes[step_row(cell)->item].id);
}

static void label_cell(const xlsx_cell *cell)
{
    const char *label = xlsx_node_label(xlsx_report(cell->b), step_row(cell)->item);
    xlsx_cell_text(cell, label);
    xlsx_cell_fit(cell, label, cell->column->col.width);
}

static void now_label_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, xlsx_tr(xlsx_report(cell->b), "คะแนน ITA ปัจจุบัน",
                                 "ITA now"));
}

static void indicator_cell(const xlsx_cell *cell)
{
    char *ind = xlsx_node_title(xlsx_report(cell->b), step_row(cell)->indicator);
    xlsx_cell_text(cell, ind);
    xlsx_cell_fit(cell, ind, cell->column->col.width);
    free(ind);
}

static void score_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, step_row(cell)->score);
}

/* The planned score has one home, the plan's target score, found by the
 * item's code wherever the district moved its row; a row the district
 * deleted plans nothing: the current score. */
static void planned_cell(const xlsx_cell *cell)
{
    const office_plan_cells *home = &((const office_ctx *)cell->sheet)
                                         ->plan_cells;
    char goals[16], items[16], item[16], current_score[16];
    office_column_ref(goals, home->goal_col);
    office_column_ref(items, home->item_col);
    office_cell_ref(item, cell->row, TC_ITEM, false);
    office_cell_ref(current_score, cell->row, TC_SCORE, false);
    xlsx_take_formula(
        cell->b, cell->ws, cell->row, cell->col,
        xasprintf("=IFERROR(MAX(%s,MIN(100,N(INDEX(%s!%s,MATCH(%s,%s!%s,0))))),%s)",
                  current_score, home->sheet, goals, item, home->sheet, items,
                  current_score),
        step_row(cell)->goal, cell->fmt);
}

static void weight_cell(const xlsx_cell *cell)
{
    const office_ctx *o = cell->sheet;
    xlsx_write_number(cell->b, cell->ws, cell->row, cell->col,
                      step_row(cell)->ita_weight, o->x.weight);
}

static void gain_cell(const xlsx_cell *cell)
{
    char w[16], planned[16], current[16];
    office_cell_ref(w, cell->row, TC_WEIGHT, false);
    office_cell_ref(planned, cell->row, TC_PLANNED, false);
    office_cell_ref(current, cell->row, TC_SCORE, false);
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=%s*(%s-%s)", w, planned, current),
                      step_row(cell)->gain, cell->fmt);
}

/* The ITA projected after a step: the one before plus its gain; before
 * the first, the ITA now. */
static double projected_value(const xlsx_cell *cell)
{
    const office_plan *plan = ((const office_ctx *)cell->sheet)->plan;
    return cell->item ? plan->projected[cell->index] : plan->score->ita;
}

static void projected_cell(const xlsx_cell *cell)
{
    char prev[16], gain[16];
    office_cell_ref(prev, cell->row - 1, TC_PROJECTED, false);
    office_cell_ref(gain, cell->row, TC_GAIN, false);
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=%s+%s", prev, gain), projected_value(cell),
                      cell->fmt);
}

static void ita_now_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, projected_value(cell));
}

static void passes_cell(const xlsx_cell *cell)
{
    char *shown = xlsx_shown_score(cell->row, TC_PROJECTED, false);
    xlsx_write_pass(cell->b, cell->ws, cell->row, cell->col, shown,
                    score_round2(projected_value(cell)) >=
                        xlsx_report(cell->b)->current->target,
                    cell->fmt);
    free(shown);
}

#define COL_STEP {"ขั้น", "Step", 6, XLSX_INT}
#define COL_ITEM {"ข้อ", "Item", 8, XLSX_TEXT}   /* "O43" beside its indent */
#define COL_LABEL {"ข้อคำถาม", "Question", 50, XLSX_WRAP}
#define COL_INDICATOR {"ตัวชี้วัด", "Indicator", 34, XLSX_WRAP}
#define COL_SCORE {"คะแนนปัจจุบัน", "Current score", 10, XLSX_SCORE}
#define COL_PLANNED {"คะแนนที่วางแผน", "Planned score", 10, XLSX_SCORE}
#define COL_WEIGHT {"คะแนน ITA ต่อ 1 คะแนน", "ITA points per point", 10, \
                    XLSX_SCORE}
#define COL_GAIN {"คะแนน ITA ที่เพิ่ม", "ITA points gained", 10, XLSX_SCORE}
#define COL_PROJECTED {"ITA ที่คาดการณ์", "Projected ITA", 10, XLSX_SCORE}
#define COL_PASSES {"ถึงค่าเป้าหมาย", "Meets the target", 10, XLSX_FLAG}

static const xlsx_table_column path_table[N_PATH_COLUMNS] = {
    [TC_STEP] = {COL_STEP, step_cell, 1},
    [TC_ITEM] = {COL_ITEM, item_cell, 0},
    [TC_LABEL] = {COL_LABEL, label_cell, 0},
    [TC_INDICATOR] = {COL_INDICATOR, indicator_cell, 0},
    [TC_SCORE] = {COL_SCORE, score_cell, 0},
    [TC_PLANNED] = {COL_PLANNED, planned_cell, 0},
    [TC_WEIGHT] = {COL_WEIGHT, weight_cell, 0},
    [TC_GAIN] = {COL_GAIN, gain_cell, 0},
    [TC_PROJECTED] = {COL_PROJECTED, projected_cell, 0},
    [TC_PASSES] = {COL_PASSES, passes_cell, 0},
};

static const xlsx_table_column step_zero_table[N_PATH_COLUMNS] = {
    [TC_STEP] = {COL_STEP, step_cell, 0},
    [TC_ITEM] = {COL_ITEM, NULL, 0},
    [TC_LABEL] = {COL_LABEL, now_label_cell, 0},
    [TC_INDICATOR] = {COL_INDICATOR, NULL, 0},
    [TC_SCORE] = {COL_SCORE, NULL, 0},
    [TC_PLANNED] = {COL_PLANNED, NULL, 0},
    [TC_WEIGHT] = {COL_WEIGHT, NULL, 0},
    [TC_GAIN] = {COL_GAIN, NULL, 0},
    [TC_PROJECTED] = {COL_PROJECTED, ita_now_cell, 0},
    [TC_PASSES] = {COL_PASSES, passes_cell, 0},
};

/* Frames the first step that meets the target: it passes, the one before
 * does not. */
static void mark_reaching_step(office_ctx *o, lxw_worksheet *ws,
                               lxw_row_t start, lxw_row_t last)
{
    char here[16], before[16];
    office_cell_ref(here, start + 1, TC_PASSES, false);
    office_cell_ref(before, start, TC_PASSES, false);
    /* column-absolute so the rule holds across the whole row */
    char *rule = xasprintf("=AND($%s=1,$%s=0)", here, before);
    lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                 .value_string = rule,
                                 .format = o->x.reached};
    xlsx_note_err(o->b, worksheet_conditional_format_range(
                            ws, start + 1, TC_STEP, last, TC_PASSES, &cf));
    free(rule);
}

/* The steps needed, a formula on the pass flags of rows start..last: 0
 * when the office already meets the target, "-" when no step does. */
static void write_steps_needed(office_ctx *o, lxw_worksheet *ws,
                               lxw_row_t steps_row, lxw_row_t start,
                               lxw_row_t last)
{
    xlsx_book *b = o->b;
    char first[16], lastc[16], formula[160];
    office_cell_ref(first, start, TC_PASSES, true);
    office_cell_ref(lastc, last, TC_PASSES, true);
    snprintf(formula, sizeof formula,
             "=IFERROR(MATCH(1,%s:%s,0)-1,\"-\")", first, lastc);
    if (o->plan->steps_to_target == PLANS_UNREACHABLE)
        xlsx_note_err(b, worksheet_write_formula_str(
                             ws, steps_row, TC_SCORE, formula,
                             xlsx_format(b, XLSX_INT, true), "-"));
    else
        xlsx_write_formula(b, ws, steps_row, TC_SCORE, formula,
                           (double)o->plan->steps_to_target,
                           xlsx_format(b, XLSX_INT, true));
}

void office_sheet_path_write(office_ctx *o, lxw_worksheet *ws)
{
    xlsx_book *b = o->b;
    const office_plan *plan = o->plan;
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    xlsx_column path_columns[N_PATH_COLUMNS];
    xlsx_table_layout(path_table, N_PATH_COLUMNS, path_columns);
    lxw_row_t row = write_heading(
        o, ws, xlsx_columns_width(path_columns, N_PATH_COLUMNS));

    /* the summary: ITA now, the target, the steps needed */
    office_label(b, ws, row, "คะแนน ITA ปัจจุบัน", "ITA now");
    xlsx_write_number(b, ws, row++, TC_SCORE, plan->score->ita, score);
    office_label(b, ws, row, "ค่าเป้าหมาย", "Target");
    xlsx_write_formula(b, ws, row++, TC_SCORE, "=Target",
                       xlsx_report(b)->current->target, score);
    lxw_row_t steps_row = row++;
    office_label(b, ws, steps_row, "จำนวนข้อที่ต้องยกระดับจนถึงค่าเป้าหมาย",
                 "Steps needed to meet the target");
    row++;

    lxw_row_t header = row;
    size_t n = plan->n_raise;
    office_set_widths(b, ws, path_columns, N_PATH_COLUMNS);
    worksheet_set_column(ws, TC_WEIGHT, TC_WEIGHT, xlsx_column_width(path_columns[TC_WEIGHT].width),
                         o->x.weight);
    xlsx_add_table(b, ws, header, 0, n + 1, path_columns, N_PATH_COLUMNS,
                   "Path");
    xlsx_fit_header_row(b, ws, header, path_columns, N_PATH_COLUMNS);
    lxw_row_t start = header + 1;
    xlsx_write_rows(b, ws, start, step_zero_table, N_PATH_COLUMNS, 1, o,
                    NULL);
    xlsx_write_rows(b, ws, start + 1, path_table, N_PATH_COLUMNS, n, o,
                    step_at);
    lxw_row_t last = start + (lxw_row_t)n;
    xlsx_pass_colours(b, ws, start, TC_PASSES, last, TC_PASSES);
    if (n > 0)
        mark_reaching_step(o, ws, start, last);
    write_steps_needed(o, ws, steps_row, start, last);
    o->refs.path_sheet = xlsx_sheet_ref(ws);
    o->refs.path_steps_row = steps_row;
    o->refs.path_steps_col = TC_SCORE;
    worksheet_freeze_panes(ws, header + 1, 0);
    xlsx_print_setup(b, ws, header, header);
    office_protect(ws, o->protect);
}
