/* The Action plan sheet of an office workbook, also added to the city
 * workbook by --single-workbook (office_book.h, office_sheets.h).
 *
 * The printed part is the document a district adopts: a summary block on
 * formulas, a notice when Target differs from the target the plan was
 * drafted for, one row per item grouped by tool and indicator, and a
 * sign-off block.  Right of it, outside the print area, the columns that
 * follow the plan up (whether the item reaches Target, points gained,
 * status, owner) and, hidden, every item score of the office for the
 * formulas of the summary. */
#include "office_book.h"
#include "office_sheets.h"
#include "returned.h"
#include "text.h"
#include "textlayout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Choices of the status column, in the workbook's language.  The first is
 * written in every new row. */
static const char *const status_th[] = {"ยังไม่เริ่ม", "กำลังดำเนินการ",
                                        "ดำเนินการแล้ว", NULL};
static const char *const status_en[] = {"not started", "in progress", "done",
                                        NULL};

enum { PC_ITEM, PC_LABEL, PC_SCORE, PC_GOAL, PC_ANALYSIS, PC_MEASURE,
       PC_MONITORING, PC_UNITS, PC_SUCCESS, PC_Q1, PC_Q2, PC_Q3, PC_Q4,
       PC_PRIORITY, PC_BUDGET, PC_DUE, N_PRINTED,
       PC_REACHED = N_PRINTED, PC_GAIN, PC_STATUS, PC_OWNER, PC_SCORES,
       N_PLAN_COLUMNS };

/* The printed columns are those of a district's own plan
 * (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) with a success
 * indicator, quarterly milestones, priority and budget; the rest help
 * follow it up. */
static const xlsx_column plan_columns[N_PLAN_COLUMNS] = {
    [PC_ITEM] = {"ข้อ", "Item", 5, XLSX_TEXT},
    [PC_LABEL] = {"ตัวชี้วัด/ข้อคำถาม", "Indicator / question", 12, XLSX_WRAP},
    [PC_SCORE] = {"คะแนน", "Score", 8, XLSX_SCORE},
    [PC_GOAL] = {"เป้าหมาย", "Target score", 8, XLSX_INPUT},
    [PC_ANALYSIS] = {"ผลการวิเคราะห์จุดอ่อน", "Analysis of the weakness", 30,
                     XLSX_WRAP},
    [PC_MEASURE] = {"มาตรการ/แนวทางปฏิบัติ", "Measures", 34,
                    XLSX_INPUT},
    [PC_MONITORING] = {"แนวทางการกำกับติดตาม", "Monitoring", 22, XLSX_INPUT},
    [PC_UNITS] = {"ผู้รับผิดชอบ", "Responsible units", 15, XLSX_INPUT},
    [PC_SUCCESS] = {"ตัวชี้วัดความสำเร็จ", "Success indicator", 19, XLSX_WRAP},
    [PC_Q1] = {"ไตรมาส 1", "Quarter 1", 11, XLSX_INPUT},
    [PC_Q2] = {"ไตรมาส 2", "Quarter 2", 11, XLSX_INPUT},
    [PC_Q3] = {"ไตรมาส 3", "Quarter 3", 11, XLSX_INPUT},
    [PC_Q4] = {"ไตรมาส 4", "Quarter 4", 11, XLSX_INPUT},
    [PC_PRIORITY] = {"ความสำคัญ", "Priority", 16, XLSX_WRAP},
    [PC_BUDGET] = {"งบประมาณ", "Budget", 8, XLSX_INPUT},
    [PC_DUE] = {"กำหนดเสร็จ", "Due date", 15, XLSX_INPUT},
    [PC_REACHED] = {"ถึงค่าเป้าหมาย (Target)", "Reaches Target", 10,
                    XLSX_TEXT},
    [PC_GAIN] = {"คะแนน ITA ที่เพิ่มได้", "ITA points gained", 8, XLSX_SCORE},
    [PC_STATUS] = {"สถานะ", "Status", 11, XLSX_INPUT},
    [PC_OWNER] = {"ผู้ดำเนินการ", "Owner", 11, XLSX_INPUT},
    [PC_SCORES] = {"คะแนนทุกข้อ (ใช้ในสูตร)", "Every item score (formulas)",
                   8, XLSX_SCORE},
};

/* The sheet being written. */
typedef struct {
    xlsx_book *b;
    lxw_worksheet *ws;
    const office_plan *plan;
    const office_formats *x;
    lxw_format *wrap, *input;   /* wrapped text without indent: the
                                   columns are narrow */
    lxw_format *money;          /* budget to fill in */
    lxw_format *score_left, *int_left;   /* the summary's values */
    lxw_format *sign;           /* sign-off lines */
    lxw_row_t first_row, last_row;   /* rows of plan items (inclusive) */
    office_plan_cells *cells;   /* where the goals are, or NULL */
} plan_sheet;

static double printed_width(void)
{
    return xlsx_columns_width(plan_columns, N_PRINTED);
}

static lxw_datetime date_cell(plan_date d)
{
    return (lxw_datetime){.year = d.year, .month = d.month, .day = d.day};
}

/* The budget cell: empty, or the budget of the edited plan (a number, or
 * the text as typed). */
static void write_budget(plan_sheet *p, lxw_row_t row, const returned_row *old)
{
    double amount;
    if (old && *old->budget &&
        text_parse_number(old->budget, &amount) == NUM_OK)
        xlsx_write_number(p->b, p->ws, row, PC_BUDGET, amount, p->money);
    else
        xlsx_write_text(p->b, p->ws, row, PC_BUDGET,
                        old && *old->budget ? old->budget : NULL, p->money);
}

/* Writes one merged group row (a tool or an indicator with its score). */
static void write_group_row(plan_sheet *p, lxw_row_t row, int node)
{
    char *title = xlsx_node_title(p->b->rep, node);
    char *text = xasprintf("%s: %.2f", title,
                           score_round2(p->plan->score->node[node]));
    xlsx_wide_line(p->b, p->ws, row, N_PRINTED - 1, printed_width(), text,
                   p->x->group);
    free(text);
    free(title);
}

/* The lead unit, then the supporting ones (the header says which is
 * which). */
static char *units_text(const report *rep, const plan_row *r)
{
    if (!*r->support)
        return xstrdup(r->lead);
    return xasprintf("%s\n%s: %s", r->lead,
                     xlsx_tr(rep, "สนับสนุน", "Support"), r->support);
}

/* The plan's analysis of an item, with a note when its gap is within
 * sampling error: the item's 95 % interval reaches the target, so the
 * true score may already be there (uncertainty.h).  A new string. */
static char *analysis_text(const report *rep, const office_plan *plan,
                           const plan_row *r)
{
    if (r->kept)   /* a row of the edited plan, now at or above the target */
        return xasprintf(
            xlsx_tr(rep, "คงไว้จากแผนที่แก้ไข: ไม่ต่ำกว่าค่าเป้าหมายแล้ว\n%s",
                    "Kept from the edited plan: no longer below the "
                    "target.\n%s"),
            r->analysis);
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

/* Writes a wrapped text cell (in a format without indent) and grows the
 * row's fit to it. */
static void put_text(plan_sheet *p, xlsx_row_fit *fit, lxw_row_t row,
                     lxw_col_t col, const char *text, lxw_format *fmt)
{
    xlsx_write_text(p->b, p->ws, row, col, text, fmt);
    double lines = (double)textlayout_lines(
        text, xlsx_column_width(plan_columns[col].width), fmt->font_size);
    if (lines > fit->lines)
        fit->lines = lines;
}

/* The follow-up cells right of the printed part: whether the item's score
 * reaches Target, the points gained at the goal typed in, status, owner. */
static void write_follow_up(plan_sheet *p, lxw_row_t row, const plan_row *r)
{
    const report *rep = p->b->rep;
    char score[16], goal[16];
    office_cell_ref(score, row, PC_SCORE, false);
    office_cell_ref(goal, row, PC_GOAL, false);
    char *formula = xasprintf("=IF(ROUND(%s,2)>=Target,\"%s\",\"%s\")",
                              score, xlsx_tr(rep, "ถึงแล้ว", "yes"),
                              xlsx_tr(rep, "ยังไม่ถึง", "not yet"));
    bool reached = score_round2(r->score) >= r->target;
    /* a text result, cached as the text */
    xlsx_note_err(p->b, worksheet_write_formula_str(
                            p->ws, row, PC_REACHED, formula, p->x->text_centre,
                            reached ? xlsx_tr(rep, "ถึงแล้ว", "yes")
                                    : xlsx_tr(rep, "ยังไม่ถึง", "not yet")));
    free(formula);
    formula = xasprintf("=%.17g*MAX(0,%s-%s)", r->ita_weight, goal, score);
    xlsx_write_formula(p->b, p->ws, row, PC_GAIN, formula, r->gain,
                       p->x->score_centre);
    free(formula);
    const char *const *status = rep->lang == LANG_EN ? status_en : status_th;
    lxw_format *input = xlsx_format(p->b, XLSX_INPUT, false);
    /* returned_status is the index of the choice */
    const returned_row *old = r->carried;
    xlsx_write_text(p->b, p->ws, row, PC_STATUS,
                    status[old ? (int)old->status : 0], input);
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
                              .value_list = (char **)status};
    xlsx_note_err(p->b,
                  worksheet_data_validation_cell(p->ws, row, PC_STATUS, &dv));
    xlsx_write_text(p->b, p->ws, row, PC_OWNER,
                    old && *old->owner ? old->owner : NULL, input);
}

static void write_plan_row(plan_sheet *p, lxw_row_t row, const plan_row *r)
{
    const report *rep = p->b->rep;
    size_t n_priorities;
    const plan_priority *priorities = plans_priorities(&n_priorities);
    lxw_format *wrap = p->wrap, *input = p->input;

    xlsx_row_fit fit = {1};
    xlsx_write_text(p->b, p->ws, row, PC_ITEM, rep->m->nodes[r->item].id,
                    p->x->text_centre);
    put_text(p, &fit, row, PC_LABEL, xlsx_node_label(rep, r->item), wrap);
    xlsx_write_number(p->b, p->ws, row, PC_SCORE, r->score, p->x->score_centre);
    const returned_row *old = r->carried;  /* the edits it replaces */
    /* the goal typed in is the row's goal already (plans.h) */
    xlsx_write_number(p->b, p->ws, row, PC_GOAL, r->goal, p->x->input_score);
    char *analysis = analysis_text(rep, p->plan, r);
    put_text(p, &fit, row, PC_ANALYSIS, analysis, wrap);
    free(analysis);
    char *measure = old && *old->measure ? xstrdup(old->measure)
                    : r->unpublished && *r->publish
        ? xasprintf("%s: %s\n%s", xlsx_tr(rep, "ต้องเผยแพร่", "Publish"),
                    r->publish, r->measure)
        : xstrdup(r->measure);
    put_text(p, &fit, row, PC_MEASURE, measure, input);
    free(measure);
    /* the timeframe is the quarters' milestones and the due date */
    put_text(p, &fit, row, PC_MONITORING, r->monitoring, input);
    char *units = units_text(rep, r);
    put_text(p, &fit, row, PC_UNITS, units, input);
    free(units);
    put_text(p, &fit, row, PC_SUCCESS, r->success, wrap);
    for (int q = 0; q < PLAN_QUARTERS; q++)
        put_text(p, &fit, row, (lxw_col_t)(PC_Q1 + q), r->milestone[q], input);
    char *priority = xasprintf(
        "%s (%s)", priorities[r->priority].label[rep->lang == LANG_EN],
        r->reason);
    put_text(p, &fit, row, PC_PRIORITY, priority, wrap);
    free(priority);
    write_budget(p, row, old);
    lxw_datetime due = date_cell(old && old->has_due ? old->due : r->due);
    xlsx_note_err(p->b, worksheet_write_datetime(p->ws, row, PC_DUE, &due,
                                                 p->x->input_date));
    write_follow_up(p, row, r);
    xlsx_set_row_lines(p->ws, row, fit.lines, wrap);
}

/* "85" or "84.50": the target as the plan's texts write it. */
static char *target_text(double target)
{
    double r = score_round2(target);
    return r == (double)(long long)r ? xasprintf("%.0f", r)
                                     : xasprintf("%.2f", r);
}

/* The summary's labels span the first columns, its values stand in the
 * analysis column. */
#define SUMMARY_LAST_LABEL_COL PC_GOAL
#define SUMMARY_VALUE_COL PC_ANALYSIS

/* A label and a formula (or number) beside it. */
static void summary_line(plan_sheet *p, lxw_row_t row, const char *label,
                         const char *formula, double value, lxw_format *fmt)
{
    xlsx_note_err(p->b, worksheet_merge_range(p->ws, row, PC_ITEM, row,
                                              SUMMARY_LAST_LABEL_COL, label,
                                              p->b->f.label));
    /* LibreOffice sizes a row of merged cells to nothing: a line, set */
    xlsx_set_row_lines(p->ws, row, 1, p->b->f.label);
    if (formula)
        xlsx_write_formula(p->b, p->ws, row, SUMMARY_VALUE_COL, formula, value,
                           fmt);
    else
        xlsx_write_number(p->b, p->ws, row, SUMMARY_VALUE_COL, value, fmt);
}

/* The summary at the top: ITA, Target, the items below it (a formula on
 * the hidden item scores), the ITA expected if every row reaches its
 * target score (a formula on the points gained), the target the plan was
 * drafted for, and a notice, by formula, when Target differs from it.
 * Returns the next free row. */
static lxw_row_t write_summary(plan_sheet *p, lxw_row_t row,
                               lxw_row_t header, size_t n_items)
{
    const report *rep = p->b->rep;
    const office_plan *plan = p->plan;
    double target = rep->current->target;
    lxw_format *score = p->score_left;
    char *ita_label = xasprintf("%s %d", xlsx_tr(rep, "คะแนน ITA ปี",
                                                  "ITA"),
                                rep->current->year);
    lxw_row_t ita_row = row;
    summary_line(p, row++, ita_label, NULL, plan->score->ita, score);
    free(ita_label);
    summary_line(p, row++, xlsx_tr(rep, "ค่าเป้าหมาย (Target)", "Target"),
                 "=Target", target, score);
    char first[16], last[16], formula[300];
    office_cell_ref(first, header + 1, PC_SCORES, true);
    office_cell_ref(last, header + n_items, PC_SCORES, true);
    snprintf(formula, sizeof formula,
             "=SUMPRODUCT(--(ROUND(%s:%s,2)<Target))", first, last);
    lxw_row_t below_row = row;
    summary_line(p, row++,
                 xlsx_tr(rep, "ข้อที่ต่ำกว่าค่าเป้าหมาย",
                         "Items below Target"),
                 formula, (double)plan->n_raise, p->int_left);
    char ita[16], g1[16], g2[16];
    office_cell_ref(ita, ita_row, SUMMARY_VALUE_COL, true);
    office_cell_ref(g1, p->first_row, PC_GAIN, true);
    office_cell_ref(g2, p->last_row, PC_GAIN, true);
    snprintf(formula, sizeof formula, "=%s+SUM(%s:%s)", ita, g1, g2);
    summary_line(p, row++,
                 xlsx_tr(rep, "ITA หากทุกข้อถึงเป้าหมาย",
                         "ITA if every row meets its target"),
                 formula, plan->score->ita + plan->total_gain, score);
    char *drafted = target_text(target);
    char *text = rep->lang == LANG_EN
        ? xasprintf("This plan was drafted for a target of %s: %zu rows, "
                    "its analysis and target scores follow that target.",
                    drafted, plan->n_rows)
        : xasprintf("แผนนี้จัดทำสำหรับค่าเป้าหมาย %s จำนวน %zu ข้อ "
                    "ผลการวิเคราะห์และคะแนนเป้าหมายของแต่ละข้อยึดค่าเป้าหมายนี้",
                    drafted, plan->n_rows);
    xlsx_wide_line(p->b, p->ws, row++, N_PRINTED - 1, printed_width(), text,
                   p->b->f.note);
    free(text);
    char below[16];
    office_cell_ref(below, below_row, SUMMARY_VALUE_COL, true);
    /* Thai makes it long: a string of its own, not the buffer above */
    char *notice = xasprintf(
        rep->lang == LANG_EN
            ? "=IF(ROUND(Target,2)<>%s,\"Target is now \"&TEXT(Target,"
              "\"0.00\")&\", not %s: \"&%s&\" items are below it. "
              "Redraft the plan with itabench -t \"&Target&\".\","
              "\"Target is the one this plan was drafted for.\")"
            : "=IF(ROUND(Target,2)<>%s,\"ค่าเป้าหมายเปลี่ยนเป็น \"&TEXT("
              "Target,\"0.00\")&\" ไม่ใช่ %s: มีข้อที่ต่ำกว่าค่าเป้าหมายใหม่ "
              "\"&%s&\" ข้อ จัดทำแผนใหม่ด้วยคำสั่ง itabench -t \"&Target,"
              "\"ค่าเป้าหมาย (Target) ตรงกับค่าที่ใช้จัดทำแผนนี้\")",
        drafted, drafted, below);
    const char *same = xlsx_tr(rep, "ค่าเป้าหมาย (Target) ตรงกับค่าที่ใช้จัดทำ"
                                    "แผนนี้",
                               "Target is the one this plan was drafted for.");
    xlsx_note_err(p->b, worksheet_merge_range(p->ws, row, 0, row,
                                              N_PRINTED - 1, "", p->b->f.note));
    xlsx_note_err(p->b, worksheet_write_formula_str(p->ws, row, 0, notice,
                                                    p->b->f.note, same));
    /* two lines: the notice when Target differs is long */
    xlsx_set_row_lines(p->ws, row, 2, p->b->f.note);
    free(notice);
    /* in red when Target differs */
    char *differs = xasprintf("ROUND(Target,2)<>%s", drafted);
    lxw_conditional_format red = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                  .value_string = differs,
                                  .format = p->b->f.warning};
    xlsx_note_err(p->b, worksheet_conditional_format_cell(p->ws, row, 0, &red));
    free(differs);
    free(drafted);
    return row + 1;
}

/* Bold text is about this much wider (as xlsx_fit_header_row counts). */
#define BOLD_WIDTH 1.1

/* The header row, the quarters headed by their last day ("ไตรมาส 1 ถึง
 * 31 ธ.ค. 2564"), as tall as its tallest header. */
static void write_header(plan_sheet *p, lxw_row_t row)
{
    const report *rep = p->b->rep;
    xlsx_write_headers(p->b, p->ws, row, 0, plan_columns, N_PLAN_COLUMNS);
    xlsx_row_fit fit = {1};
    for (lxw_col_t c = 0; c < N_PLAN_COLUMNS; c++) {
        char *text;
        if (c >= PC_Q1 && c <= PC_Q4) {
            char *end = plans_date_text(rep->lang,
                                        p->plan->quarter_end[c - PC_Q1]);
            text = xasprintf("%s\n%s",
                             xlsx_tr(rep, plan_columns[c].th,
                                     plan_columns[c].en), end);
            free(end);
            xlsx_write_text(p->b, p->ws, row, c, text, p->b->f.header);
        } else {
            text = xstrdup(xlsx_tr(rep, plan_columns[c].th,
                                   plan_columns[c].en));
        }
        double lines = (double)textlayout_lines(
            text, xlsx_column_width(plan_columns[c].width / BOLD_WIDTH),
            p->b->f.header->font_size);
        if (lines > fit.lines)
            fit.lines = lines;
        free(text);
    }
    xlsx_set_row_lines(p->ws, row, fit.lines, p->b->f.header);
}

/* Every item score of the office, hidden, for the summary's count. */
static void write_item_scores(plan_sheet *p, lxw_row_t first)
{
    const model *m = p->b->rep->m;
    for (size_t k = 0; k < m->n_items; k++)
        xlsx_write_number(p->b, p->ws, first + (lxw_row_t)k, PC_SCORES,
                          p->plan->score->node[m->items[k]],
                          xlsx_format(p->b, XLSX_SCORE, false));
}

/* What the plan was drawn from, in a hidden cell above the item scores, so
 * that a plan edited and sent back is read as such (returned.h reads it).  A cell,
 * not a document property: every program that edits the workbook keeps
 * it. */
static void write_marker(plan_sheet *p, lxw_row_t row)
{
    const report *rep = p->b->rep;
    char *marker = xasprintf("%s year=%d office=%s target=%.10g",
                             PLANS_RETURN_MARKER, rep->current->year,
                             rep->r->offices[p->plan->office].code,
                             rep->current->target);
    xlsx_write_text(p->b, p->ws, row, PC_SCORES, marker, p->x->text_centre);
    free(marker);
}

/* Prepared, reviewed, approved: name, position, date, as Thai government
 * documents close.  Returns the last row written. */
static lxw_row_t write_sign_off(plan_sheet *p, lxw_row_t row)
{
    const report *rep = p->b->rep;
    static const struct {
        const char *role[2];
        lxw_col_t first, last;
    } blocks[] = {
        {{"ผู้จัดทำแผน", "Prepared by"}, PC_LABEL, PC_ANALYSIS},
        {{"ผู้ตรวจสอบ", "Reviewed by"}, PC_MEASURE, PC_UNITS},
        {{"ผู้อนุมัติ", "Approved by"}, PC_SUCCESS, PC_DUE},
    };
    static const char *const lines[][2] = {
        {"ลงชื่อ ..............................................",
         "Signed ..............................................."},
        {"(..............................................)",
         "(...............................................)"},
        {"ตำแหน่ง ............................................",
         "Position ............................................"},
        {"วันที่ ........ / ........ / ........",
         "Date ........ / ........ / ........"},
    };
    int en = rep->lang == LANG_EN;
    for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++) {
        xlsx_note_err(p->b, worksheet_merge_range(
                                p->ws, row, blocks[k].first, row,
                                blocks[k].last, blocks[k].role[en],
                                p->b->f.label));
        for (size_t l = 0; l < sizeof lines / sizeof *lines; l++)
            xlsx_note_err(p->b, worksheet_merge_range(
                                    p->ws, row + 1 + (lxw_row_t)l,
                                    blocks[k].first, row + 1 + (lxw_row_t)l,
                                    blocks[k].last, lines[l][en], p->sign));
    }
    return row + (lxw_row_t)(sizeof lines / sizeof *lines);
}

static void make_formats(plan_sheet *p)
{
    p->wrap = xlsx_derived_format(p->b, XLSX_WRAP, "@");
    format_set_text_wrap(p->wrap);
    p->input = xlsx_derived_format(p->b, XLSX_INPUT, "@");
    p->money = xlsx_derived_format(p->b, XLSX_INPUT, "#,##0");
    p->score_left = xlsx_derived_format(p->b, XLSX_SCORE, "0.00");
    format_set_align(p->score_left, LXW_ALIGN_LEFT);
    format_set_bold(p->score_left);
    p->int_left = xlsx_derived_format(p->b, XLSX_INT, "0");
    format_set_align(p->int_left, LXW_ALIGN_LEFT);
    format_set_bold(p->int_left);
    p->sign = xlsx_derived_format(p->b, XLSX_TEXT, "@");
    format_set_align(p->sign, LXW_ALIGN_CENTER);
}

static char *plan_title(const report *rep, const office_plan *plan)
{
    char *name = plans_office_name(rep->r, rep->lang, plan->office);
    char *title = rep->lang == LANG_EN
        ? xasprintf("%s: internal integrity and transparency measures, fiscal "
                    "year B.E. %d",
                    name, plan->fiscal_year)
        : xasprintf("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
                    "%s ประจำปีงบประมาณ พ.ศ. %d",
                    name, plan->fiscal_year);
    free(name);
    return title;
}

static const char *plan_note(const report *rep)
{
    return xlsx_tr(
        rep,
        "หนึ่งแถวต่อข้อที่ได้คะแนนต่ำกว่าค่าเป้าหมาย จัดกลุ่มตามเครื่องมือและ"
        "ตัวชี้วัด (สำนักงานเขตที่ผ่านทุกข้อ: ข้อที่ต้องรักษาระดับ) ผู้รับผิดชอบ: "
        "เจ้าภาพหลัก แล้วหน่วยสนับสนุน ไตรมาส: ถึงวันสิ้นไตรมาส ช่องสีเหลือง"
        "แก้ไขได้ คะแนนเป้าหมายที่แก้ที่นี่ใช้ในแผ่นเส้นทางสู่เป้าหมายด้วย "
        "ข้อการเปิดเผยข้อมูลซึ่งได้ 0 หรือ 100 มีคะแนนเป้าหมาย 100",
        "One row per item below the target, grouped by tool and indicator (an "
        "office with none: the items to keep up).  Responsible units: the "
        "lead, then the supporting ones; quarters: by their last day.  "
        "Yellow cells are yours to "
        "edit; a target score typed here is the one Path to target uses.  "
        "Disclosure items, scored 0 or 100, aim at 100.");
}

/* Writes the rows of the plan from row on; returns the next free row. */
static lxw_row_t write_rows(plan_sheet *p, lxw_row_t row)
{
    const office_plan *plan = p->plan;
    int tool = -1, indicator = -1;
    p->first_row = row;
    for (size_t i = 0; i < plan->n_rows; i++) {
        const plan_row *r = &plan->rows[i];
        if (r->tool != tool)
            write_group_row(p, row++, tool = r->tool);
        if (r->indicator != indicator)
            write_group_row(p, row++, indicator = r->indicator);
        if (p->cells)
            p->cells->goal_row[i] = row;
        write_plan_row(p, row++, r);
    }
    p->last_row = row - 1;
    return row;
}

lxw_worksheet *office_plan_sheet_add(xlsx_book *b, const office_plan *plan,
                                     const char *sheet_th,
                                     const char *sheet_en, bool protect,
                                     office_plan_cells *cells)
{
    lxw_worksheet *ws = xlsx_add_sheet(b, sheet_th, sheet_en);
    if (!ws)
        return NULL;
    const report *rep = b->rep;
    office_formats x = office_formats_make(b);
    plan_sheet p = {.b = b, .ws = ws, .plan = plan, .x = &x, .cells = cells};
    make_formats(&p);
    if (cells) {
        cells->sheet = xlsx_sheet_ref(ws);
        cells->goal_col = PC_GOAL;
        cells->goal_row = xmalloc((plan->n_rows ? plan->n_rows : 1) *
                                  sizeof *cells->goal_row);
    }
    char *title = plan_title(rep, plan);
    lxw_row_t row = office_heading(b, ws, N_PRINTED - 1, printed_width(),
                                   title, NULL, plan_note(rep));
    free(title);
    /* the summary needs the rows' places: they follow the summary's
     * known number of lines (5 and the notice) and the header row */
    lxw_row_t summary = row;
    lxw_row_t header = summary + 6;
    office_set_widths(b, ws, plan_columns, N_PLAN_COLUMNS);
    xlsx_note_err(b, worksheet_set_column_opt(
                         ws, PC_SCORES, PC_SCORES,
                         xlsx_column_width(plan_columns[PC_SCORES].width),
                         NULL, &(lxw_row_col_options){.hidden = 1}));
    write_header(&p, header);
    lxw_row_t end = write_rows(&p, header + 1);
    write_summary(&p, summary, header, rep->m->n_items);
    write_item_scores(&p, header + 1);
    write_marker(&p, summary);
    lxw_row_t last = write_sign_off(&p, end + 1);
    worksheet_freeze_panes(ws, header + 1, PC_SCORE);
    xlsx_print_setup(b, ws, header, header);
    xlsx_note_err(b, worksheet_print_area(ws, 0, 0, last, N_PRINTED - 1));
    office_protect(ws, protect);
    return ws;
}

void office_plan_cells_free(office_plan_cells *cells)
{
    free(cells->sheet);
    free(cells->goal_row);
    *cells = (office_plan_cells){0};
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
        lxw_worksheet *ws =
            office_plan_sheet_add(b, plan, th, en, protect, NULL);
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
