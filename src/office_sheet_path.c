/* The Path to target sheet of an office workbook (office_sheets.h). */
#include "office_sheets.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>

enum { TC_STEP, TC_ITEM, TC_LABEL, TC_INDICATOR, TC_SCORE, TC_PLANNED,
       TC_WEIGHT, TC_GAIN, TC_PROJECTED, TC_PASSES, N_PATH_COLUMNS };

static const xlsx_column path_columns[N_PATH_COLUMNS] = {
    [TC_STEP] = {"ขั้น", "Step", 6, XLSX_INT},
    [TC_ITEM] = {"ข้อ", "Item", 8, XLSX_TEXT},   /* "O43" beside its indent */
    [TC_LABEL] = {"ข้อคำถาม", "Question", 46, XLSX_WRAP},
    [TC_INDICATOR] = {"ตัวชี้วัด", "Indicator", 26, XLSX_WRAP},
    [TC_SCORE] = {"คะแนนปัจจุบัน", "Current score", 10, XLSX_SCORE},
    [TC_PLANNED] = {"คะแนนที่วางแผน", "Planned score", 10, XLSX_SCORE},
    [TC_WEIGHT] = {"คะแนน ITA ต่อ 1 คะแนน", "ITA points per point", 10,
                   XLSX_SCORE},
    [TC_GAIN] = {"คะแนน ITA ที่เพิ่ม", "ITA points gained", 10, XLSX_SCORE},
    [TC_PROJECTED] = {"ITA ที่คาดการณ์", "Projected ITA", 10, XLSX_SCORE},
    [TC_PASSES] = {"ถึงค่าเป้าหมาย", "Meets the target", 10, XLSX_FLAG},
};

/* The title and the note; returns the next free row. */
static lxw_row_t write_heading(office_ctx *o, lxw_worksheet *ws)
{
    const report *rep = xlsx_report(o->b);
    char *name = plans_office_name(rep->r, rep->lang, o->plan->office);
    char *title = xasprintf(xlsx_tr(rep, "%s: เส้นทางสู่ค่าเป้าหมาย",
                                    "%s: path to the target"),
                            name);
    free(name);
    lxw_row_t row = office_heading(
        o->b, ws, N_PATH_COLUMNS - 1,
        xlsx_columns_width(path_columns, N_PATH_COLUMNS), title, NULL,
        xlsx_tr(rep,
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
                "the target is framed in green."));
    free(title);
    return row + 1;
}

/* Step 0: where the office stands. */
static void write_step_zero(office_ctx *o, lxw_worksheet *ws, lxw_row_t at)
{
    xlsx_book *b = o->b;
    const office_score *s = o->plan->score;
    xlsx_write_number(b, ws, at, TC_STEP, 0, o->x.int_centre);
    xlsx_write_text(b, ws, at, TC_LABEL,
                    xlsx_tr(xlsx_report(b), "คะแนน ITA ปัจจุบัน", "ITA now"),
                    xlsx_format(b, XLSX_WRAP, false));
    xlsx_write_number(b, ws, at, TC_PROJECTED, s->ita,
                      xlsx_format(b, XLSX_SCORE, false));
    char *shown = xlsx_shown_score(at, TC_PROJECTED, false);
    xlsx_write_pass(b, ws, at, TC_PASSES, shown,
                    score_round2(s->ita) >= xlsx_report(b)->current->target,
                    xlsx_format(b, XLSX_FLAG, false));
    free(shown);
}

/* Step k + 1 of the path on row at: the item, its planned score, the
 * points it gains and the ITA projected after it (formulas on the row
 * above). */
static void write_step(office_ctx *o, lxw_worksheet *ws, size_t k,
                       lxw_row_t at)
{
    xlsx_book *b = o->b;
    const report *rep = xlsx_report(b);
    const plan_row *r = &o->plan->rows[o->plan->path[k]];
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    xlsx_write_number(b, ws, at, TC_STEP, (double)(k + 1), o->x.int_centre);
    xlsx_write_text(b, ws, at, TC_ITEM, rep->m->nodes[r->item].id,
                    xlsx_format(b, XLSX_TEXT, false));
    xlsx_write_text(b, ws, at, TC_LABEL, xlsx_node_label(rep, r->item),
                    xlsx_format(b, XLSX_WRAP, false));
    char *ind = xlsx_node_title(rep, r->indicator);
    xlsx_write_text(b, ws, at, TC_INDICATOR, ind,
                    xlsx_format(b, XLSX_WRAP, false));
    xlsx_row_fit fit = {1};
    xlsx_fit_text(&fit, b, xlsx_node_label(rep, r->item),
                  path_columns[TC_LABEL].width);
    xlsx_fit_text(&fit, b, ind, path_columns[TC_INDICATOR].width);
    xlsx_set_row_lines(ws, at, fit.lines, score);
    free(ind);
    xlsx_write_number(b, ws, at, TC_SCORE, r->score, score);
    /* the planned score has one home, the plan's target score, found by
     * the item's code wherever the district moved its row; a row the
     * district deleted plans nothing: the current score */
    const office_plan_cells *home = &o->plan_cells;
    char goals[16], items[16], item[16], current_score[16];
    office_column_ref(goals, home->goal_col);
    office_column_ref(items, home->item_col);
    office_cell_ref(item, at, TC_ITEM, false);
    office_cell_ref(current_score, at, TC_SCORE, false);
    char *planned_formula =
        xasprintf("=IFERROR(MAX(%s,MIN(100,N(INDEX(%s!%s,MATCH(%s,%s!%s,0))))),%s)",
                  current_score, home->sheet, goals, item, home->sheet, items,
                  current_score);
    xlsx_write_formula(b, ws, at, TC_PLANNED, planned_formula, r->goal,
                       score);
    free(planned_formula);
    xlsx_write_number(b, ws, at, TC_WEIGHT, r->ita_weight, o->x.weight);
    char w[16], planned[16], current[16], prev[16], gain[16], formula[160];
    office_cell_ref(w, at, TC_WEIGHT, false);
    office_cell_ref(planned, at, TC_PLANNED, false);
    office_cell_ref(current, at, TC_SCORE, false);
    snprintf(formula, sizeof formula, "=%s*(%s-%s)", w, planned, current);
    xlsx_write_formula(b, ws, at, TC_GAIN, formula, r->gain, score);
    office_cell_ref(prev, at - 1, TC_PROJECTED, false);
    office_cell_ref(gain, at, TC_GAIN, false);
    snprintf(formula, sizeof formula, "=%s+%s", prev, gain);
    xlsx_write_formula(b, ws, at, TC_PROJECTED, formula,
                       o->plan->projected[k], score);
    char *shown = xlsx_shown_score(at, TC_PROJECTED, false);
    xlsx_write_pass(b, ws, at, TC_PASSES, shown,
                    score_round2(o->plan->projected[k]) >=
                        rep->current->target,
                    xlsx_format(b, XLSX_FLAG, false));
    free(shown);
}

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
    lxw_row_t row = write_heading(o, ws);

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
    write_step_zero(o, ws, start);
    for (size_t k = 0; k < n; k++)
        write_step(o, ws, k, start + 1 + (lxw_row_t)k);
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
