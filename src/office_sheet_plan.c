/* The Action plan sheet of an office workbook, also added to the city
 * workbook by --single-workbook (office_book.h, office_sheets.h). */
#include "office_book.h"
#include "office_sheets.h"
#include "text.h"

#include <stdlib.h>

/* Fiscal years end on 30 September: the default due date of every action
 * is the end of the plan's fiscal year. */
#define FISCAL_YEAR_END_MONTH 9
#define FISCAL_YEAR_END_DAY 30

/* Choices of the status column, in the workbook's language.  The first is
 * written in every new row. */
static const char *const status_th[] = {"ยังไม่เริ่ม", "กำลังดำเนินการ",
                                        "ดำเนินการแล้ว", NULL};
static const char *const status_en[] = {"not started", "in progress", "done",
                                        NULL};

enum { PC_ITEM, PC_LABEL, PC_SCORE, PC_ANALYSIS, PC_MEASURE, PC_MONITORING,
       PC_UNITS, PC_GAIN, PC_PRIORITY, PC_GOAL, PC_STATUS, PC_OWNER, PC_DUE,
       N_PLAN_COLUMNS };

/* The first six columns are those of a district's own plan
 * (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน); the rest help follow
 * it up. */
static const xlsx_column plan_columns[N_PLAN_COLUMNS] = {
    [PC_ITEM] = {"ข้อ", "Item", 5.5, XLSX_TEXT},
    [PC_LABEL] = {"ตัวชี้วัด/ข้อคำถาม", "Indicator / question", 22, XLSX_WRAP},
    [PC_SCORE] = {"คะแนน", "Score", 7.5, XLSX_SCORE},
    [PC_ANALYSIS] = {"ผลการวิเคราะห์จุดอ่อน", "Analysis of the weakness", 38,
                     XLSX_WRAP},
    [PC_MEASURE] = {"แนวทางปฏิบัติ/มาตรการขับเคลื่อน", "Measures", 36,
                    XLSX_INPUT},
    [PC_MONITORING] = {"ระยะเวลา/แนวทางการกำกับติดตาม",
                       "Timeframe and monitoring", 28, XLSX_INPUT},
    [PC_UNITS] = {"ผู้รับผิดชอบ (เจ้าภาพหลัก/สนับสนุน)",
                  "Responsible units (lead / support)", 20, XLSX_INPUT},
    [PC_GAIN] = {"คะแนน ITA ที่เพิ่มได้", "ITA points gained", 8, XLSX_SCORE},
    [PC_PRIORITY] = {"ความสำคัญ", "Priority", 8, XLSX_TEXT},
    [PC_GOAL] = {"คะแนนเป้าหมาย", "Target score", 8, XLSX_SCORE},
    [PC_STATUS] = {"สถานะ", "Status", 11, XLSX_INPUT},
    [PC_OWNER] = {"ผู้ดำเนินการ", "Owner", 11, XLSX_INPUT},
    [PC_DUE] = {"กำหนดแล้วเสร็จ", "Due date", 10, XLSX_INPUT},
};

/* Writes one merged group row (a tool or an indicator with its score). */
static void write_group_row(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            const office_formats *x, const office_plan *plan,
                            int node)
{
    char *title = xlsx_node_title(b->rep, node);
    char *text = xasprintf("%s: %.2f", title,
                           score_round2(plan->score->node[node]));
    xlsx_wide_line(b, ws, row, N_PLAN_COLUMNS - 1,
                     xlsx_columns_width(plan_columns, N_PLAN_COLUMNS), text,
                     x->group);
    free(text);
    free(title);
}

static char *units_text(const report *rep, const plan_row *r)
{
    if (!*r->support)
        return xasprintf("%s: %s", xlsx_tr(rep, "เจ้าภาพหลัก", "Lead"), r->lead);
    return xasprintf("%s: %s\n%s: %s", xlsx_tr(rep, "เจ้าภาพหลัก", "Lead"), r->lead,
                     xlsx_tr(rep, "สนับสนุน", "Support"), r->support);
}

/* The plan's analysis of an item, with a note when its gap is within
 * sampling error: the item's 95 % interval reaches the target, so the
 * true score may already be there (uncertainty.h).  A new string. */
static char *analysis_text(const report *rep, const office_plan *plan,
                           const plan_row *r)
{
    if (!rep->uncertainty)
        return xstrdup(r->analysis);
    unc_interval u = uncertainty_of(
        rep->uncertainty, (size_t)(plan->score - rep->current->offices),
        model_node_measure(r->item));
    if (u.basis == UNC_UNKNOWN || u.se == 0 || u.high < rep->current->target)
        return xstrdup(r->analysis);
    return xasprintf(
        xlsx_tr(rep, "%s\nช่องว่างอยู่ในค่าคลาดเคลื่อนจากการสุ่มตัวอย่าง (ช่วง 95%% %.2f–%.2f "
                     "ครอบคลุมค่าเป้าหมาย): คะแนนจริงอาจถึงเป้าหมายแล้ว",
                "%s\nThe gap is within sampling error (95%% interval "
                "%.2f–%.2f reaches the target): the true score may already "
                "be there."),
        r->analysis, score_round2(u.low), score_round2(u.high));
}

static void write_plan_row(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                           const office_formats *x, const office_plan *plan,
                           const plan_row *r, const lxw_datetime *due)
{
    const report *rep = b->rep;
    size_t n_priorities;
    const plan_priority *priorities = plans_priorities(&n_priorities);
    lxw_format *wrap = xlsx_format(b, XLSX_WRAP, false);
    lxw_format *input = xlsx_format(b, XLSX_INPUT, false);

    xlsx_row_fit fit = {1};
    xlsx_write_text(b, ws, row, PC_ITEM, rep->m->nodes[r->item].id,
                    xlsx_format(b, XLSX_TEXT, false));
    xlsx_write_text(b, ws, row, PC_LABEL, xlsx_node_label(rep, r->item), wrap);
    xlsx_fit_text(&fit, b, xlsx_node_label(rep, r->item),
                    plan_columns[PC_LABEL].width);
    char *analysis = analysis_text(rep, plan, r);
    xlsx_fit_text(&fit, b, analysis, plan_columns[PC_ANALYSIS].width);
    xlsx_write_number(b, ws, row, PC_SCORE, r->score, x->score_centre);
    xlsx_write_text(b, ws, row, PC_ANALYSIS, analysis, x->wrap_indent);
    free(analysis);
    char *measure = r->unpublished && *r->publish
        ? xasprintf("%s: %s\n%s", xlsx_tr(rep, "ต้องเผยแพร่", "Publish"),
                    r->publish, r->measure)
        : xstrdup(r->measure);
    xlsx_write_text(b, ws, row, PC_MEASURE, measure, input);
    xlsx_fit_text(&fit, b, measure, plan_columns[PC_MEASURE].width);
    free(measure);
    char *monitoring = xasprintf("%s\n%s", r->timeframe, r->monitoring);
    xlsx_write_text(b, ws, row, PC_MONITORING, monitoring, input);
    xlsx_fit_text(&fit, b, monitoring, plan_columns[PC_MONITORING].width);
    free(monitoring);
    char *units = units_text(rep, r);
    xlsx_write_text(b, ws, row, PC_UNITS, units, input);
    xlsx_fit_text(&fit, b, units, plan_columns[PC_UNITS].width);
    free(units);
    xlsx_write_number(b, ws, row, PC_GAIN, r->gain, x->score_centre);
    xlsx_write_text(b, ws, row, PC_PRIORITY,
                    priorities[r->priority].label[rep->lang == LANG_EN],
                    x->text_centre);
    xlsx_write_number(b, ws, row, PC_GOAL, r->goal, x->score_centre);
    const char *const *status = rep->lang == LANG_EN ? status_en : status_th;
    xlsx_write_text(b, ws, row, PC_STATUS, status[0], input);
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
                              .value_list = (char **)status};
    xlsx_note_err(b, worksheet_data_validation_cell(ws, row, PC_STATUS, &dv));
    xlsx_write_text(b, ws, row, PC_OWNER, NULL, input);
    xlsx_note_err(b, worksheet_write_datetime(ws, row, PC_DUE,
                                              (lxw_datetime *)due,
                                              x->input_date));
    xlsx_set_row_lines(ws, row, fit.lines, wrap);
}

lxw_worksheet *office_plan_sheet_add(xlsx_book *b, const office_plan *plan,
                                     const char *sheet_th,
                                     const char *sheet_en, bool protect)
{
    lxw_worksheet *ws = xlsx_add_sheet(b, sheet_th, sheet_en);
    if (!ws)
        return NULL;
    const report *rep = b->rep;
    const office_score *s = plan->score;
    office_formats x = office_formats_make(b);
    int year = rep->current->year;
    char *name = plans_office_name(rep->r, rep->lang, plan->office);
    char *title = rep->lang == LANG_EN
        ? xasprintf("%s: internal integrity and transparency measures, fiscal "
                    "year B.E. %d",
                    name, year + 1)
        : xasprintf("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
                    "%s ประจำปีงบประมาณ พ.ศ. %d",
                    name, year + 1);
    char *subtitle = rep->lang == LANG_EN
        ? xasprintf("ITA %d: %.2f (%s); %zu items below the target of %.2f; "
                    "%.2f ITA points if every one reaches its target score",
                    year, s->ita_r2, rep->m->grades[s->grade].id,
                    plan->n_rows, rep->current->target, plan->total_gain)
        : xasprintf("ผลการประเมิน ITA ปี %d: %.2f (%s) ข้อที่ต่ำกว่าค่าเป้าหมาย "
                    "%.2f จำนวน %zu ข้อ หากทุกข้อถึงคะแนนเป้าหมาย ITA จะเพิ่มขึ้น "
                    "%.2f คะแนน",
                    year, s->ita_r2, rep->m->grades[s->grade].id,
                    rep->current->target, plan->n_rows, plan->total_gain);
    const char *note =
        xlsx_tr(rep,
                "หนึ่งแถวต่อข้อที่ได้คะแนนต่ำกว่าค่าเป้าหมาย จัดกลุ่มตามเครื่องมือและ"
                "ตัวชี้วัด ช่องสีเหลืองแก้ไขได้ (มาตรการ การติดตาม ผู้รับผิดชอบ "
                "สถานะ ผู้ดำเนินการ กำหนดเสร็จ) ข้อการเปิดเผยข้อมูลซึ่งได้ 0 หรือ "
                "100 มีคะแนนเป้าหมาย 100 คะแนน ITA ที่เพิ่มได้ = น้ำหนักของข้อ × "
                "(คะแนนเป้าหมาย − คะแนน)",
                "One row per item below the target, grouped by tool and "
                "indicator.  Yellow cells are yours to edit (measures, monitoring, "
                "units, status, owner, due date).  Disclosure items, scored 0 or "
                "100, aim at 100.  ITA points gained = the item's weight × (target "
                "score − score).");
    double width = xlsx_columns_width(plan_columns, N_PLAN_COLUMNS);
    lxw_row_t row = office_heading(b, ws, N_PLAN_COLUMNS - 1, width, title,
                                   subtitle, note);
    free(title);
    free(subtitle);
    free(name);
    row++;
    lxw_row_t header = row++;
    office_set_widths(b, ws, plan_columns, N_PLAN_COLUMNS);
    xlsx_write_headers(b, ws, header, 0, plan_columns, N_PLAN_COLUMNS);
    xlsx_fit_header_row(b, ws, header, plan_columns, N_PLAN_COLUMNS);
    lxw_datetime due = {.year = dataset_year_ce(year + 1),
                        .month = FISCAL_YEAR_END_MONTH,
                        .day = FISCAL_YEAR_END_DAY};
    int tool = -1, indicator = -1;
    for (size_t i = 0; i < plan->n_rows; i++) {
        const plan_row *r = &plan->rows[i];
        if (r->tool != tool)
            write_group_row(b, ws, row++, &x, plan, tool = r->tool);
        if (r->indicator != indicator)
            write_group_row(b, ws, row++, &x, plan, indicator = r->indicator);
        write_plan_row(b, ws, row++, &x, plan, r, &due);
    }
    if (plan->n_rows == 0)
        xlsx_write_text(b, ws, row, 0,
                        xlsx_tr(rep, "ทุกข้อได้คะแนนถึงค่าเป้าหมายแล้ว",
                                "Every item reaches the target."),
                        b->f.note);
    worksheet_freeze_panes(ws, header + 1, PC_SCORE + 1);
    xlsx_print_setup(b, ws, header, header);
    office_protect(ws, protect);
    return ws;
}

bool office_plan_sheets_add_all(xlsx_book *b, bool protect)
{
    const report *rep = b->rep;
    if (!rep->plans)
        return true;
    for (size_t i = 0; i < rep->plans->n; i++) {
        const office_plan *plan = &rep->plans->plans[i];
        const office *o = &rep->r->offices[plan->office];
        char *th = xasprintf("แผน %s", o->name_th);
        char *en = xasprintf("Plan %s", o->name_en);
        lxw_worksheet *ws = office_plan_sheet_add(b, plan, th, en, protect);
        free(th);
        free(en);
        if (!ws)
            return false;
    }
    return true;
}

bool office_plan_sheets_hook(xlsx_book *b, void *ctx)
{
    const bool *protect = ctx;
    return office_plan_sheets_add_all(b, protect && *protect);
}
