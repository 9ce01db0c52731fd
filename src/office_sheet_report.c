/* The report on carrying out the measures (O43) of an office workbook
 * (office_sheets.h): a document of its own, with its own print area, that
 * follows the Action plan as the district fills it in.  Every cell is a
 * formula on the plan's cells, so the report changes with each edit and
 * needs no run of itabench:
 *  - the date the report is as of (typed in; the end of the plan's fiscal
 *    year until then: a date, not TODAY(), so that the same input gives
 *    the same workbook and its cached values hold);
 *  - counts by status (COUNTIFS over the plan's status column), the rows
 *    overdue (not done and due before the report's date), and the ITA
 *    projected from the target scores typed in (the office's ITA plus the
 *    plan's ITA points gained, as the plan's summary counts it);
 *  - every row of the plan: item, status, owner, due date (B.E. in a Thai
 *    book), what was done, the evidence, and whether it is overdue.
 * The plan's columns are found through the PC_ constants and its rows by
 * item code (INDEX/MATCH), never by position, so that rows inserted,
 * deleted, moved or sorted in the plan keep every formula right (a row
 * deleted shows "-"); a plan row is a row with a number in the
 * points-gained column (headings and the summary have none there). */
#include "office_sheets.h"
#include "returned.h"
#include "text.h"
#include "textlayout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter/utility.h>

enum { RC_ITEM, RC_QUESTION, RC_STATUS, RC_OWNER, RC_DUE, RC_RESULT,
       RC_EVIDENCE, RC_OVERDUE, N_REPORT_COLUMNS };

/* The counts at the top, label then formula; %1$s is the plan's status
 * range, %2$s its due-date range, %3$s its points-gained range, %4$s
 * the status "done", %5$s "in progress", %6$s the report's date cell. */
enum { K_ROWS, K_DONE, K_IN_PROGRESS, K_NOT_STARTED, K_OVERDUE,
       K_PROJECTED, N_COUNTS };
static const struct {
    const char *label[2];
    const char *formula;
} counts[N_COUNTS] = {
    [K_ROWS] = {{"จำนวนมาตรการ (แถวของแผน)", "Measures (plan rows)"},
                "=COUNT(%3$s)"},
    [K_DONE] = {{"ดำเนินการแล้วเสร็จ", "Done"},
                "=COUNTIFS(%1$s,\"%4$s\",%3$s,\">=0\")"},
    [K_IN_PROGRESS] = {{"อยู่ระหว่างดำเนินการ", "In progress"},
                       "=COUNTIFS(%1$s,\"%5$s\",%3$s,\">=0\")"},
    /* every other status, typed or left as drafted, is not started, as
     * plan_progress counts it */
    [K_NOT_STARTED] = {{"ยังไม่เริ่ม", "Not started"}, NULL},
    [K_OVERDUE] = {{"เลยกำหนด (ยังไม่เสร็จ และกำหนดเสร็จก่อนวันที่รายงาน)",
                    "Overdue (not done, due before the report's date)"},
                   "=COUNTIFS(%1$s,\"<>%4$s\",%2$s,\"<\"&%6$s,%3$s,\">=0\")"},
    [K_PROJECTED] = {{"ITA ที่คาดว่าจะได้ (ตามคะแนนเป้าหมายในแผน)",
                      "Projected ITA (by the plan's target scores)"},
                     NULL},
};

/* What a cell shows for what the plan leaves blank: a formula's empty
 * text would read as no value at all. */
#define BLANK "-"

typedef struct {
    office_ctx *o;
    lxw_worksheet *ws;
    const char *plan;        /* quoted sheet name of the plan */
    lxw_format *wrap, *date, *label, *count, *score;
    const xlsx_column *cols; /* the columns as the sheet sets them */
    char as_of[16];          /* the report's date cell, "$E$8" */
    plan_date as_of_date;    /* its value as written */
} report_sheet;

/* The status and due date of a row as the plan shows them when written. */
static void row_state(const plan_row *p, int *status, plan_date *due)
{
    const returned_row *old = p->carried;
    *status = old ? (int)old->status : RETURNED_NOT_STARTED;
    *due = old && old->has_due ? old->due : p->due;
}

static bool overdue_at(const report_sheet *r, const plan_row *p)
{
    /* a due date kept as typed is text: never before a date */
    if (p->carried && !p->carried->due_understood)
        return false;
    int status;
    plan_date due;
    row_state(p, &status, &due);
    return status != RETURNED_DONE && plans_date_cmp(due, r->as_of_date) < 0;
}

/* "'แผนปฏิบัติการ'!M:M": a whole column of the plan. */
static char *plan_range(const report_sheet *r, lxw_col_t col)
{
    char ref[16];
    office_column_ref(ref, col);
    return xasprintf("%s!%s", r->plan, ref);
}

/* "INDEX('แผนปฏิบัติการ'!M:M,MATCH("I3",'แผนปฏิบัติการ'!A:A,0))": the
 * cell of column col in the plan's row of item id (its first row). */
static char *plan_cell(const report_sheet *r, const char *id, lxw_col_t col)
{
    char *column = plan_range(r, col), *items = plan_range(r, PC_ITEM);
    char *cell = xasprintf("INDEX(%s,MATCH(\"%s\",%s,0))", column, id,
                           items);
    free(column);
    free(items);
    return cell;
}

static double excel_date(plan_date d)
{
    lxw_datetime dt = {.year = d.year, .month = d.month, .day = d.day};
    return lxw_datetime_to_excel_datetime(&dt);
}

/* The counts: labels across the first columns, values beside them. */
#define COUNT_LAST_LABEL_COL RC_OWNER
#define COUNT_VALUE_COL RC_DUE

/* The report's date: the one the edited workbook holds (typed, or a text
 * that is no date, kept as typed and marked), else the fiscal year's
 * end.  The cached counts are as of it (the year's end for a text). */
static void write_as_of(report_sheet *r, lxw_row_t row)
{
    xlsx_book *b = r->o->b;
    const office_plan *plan = r->o->plan;
    r->as_of_date = plan->report_as_of_set
                        ? plan->report_as_of
                        : plan->quarter_end[PLAN_QUARTERS - 1];
    if (plan->report_as_of_text) {
        xlsx_write_text(b, r->ws, row, COUNT_VALUE_COL,
                        *plan->report_as_of_text ? plan->report_as_of_text
                                                 : NULL,
                        r->o->x.input_date);
        xlsx_note_err(b, worksheet_write_comment(
                             r->ws, row, COUNT_VALUE_COL,
                             (char *)xlsx_tr(xlsx_report(b),
                                             "itabench: เก็บไว้ตามที่พิมพ์ "
                                             "อ่านเป็นวันที่ไม่ได้",
                                             "itabench: kept as typed, not "
                                             "understood as a date")));
        return;
    }
    lxw_datetime as_of = {.year = r->as_of_date.year,
                          .month = r->as_of_date.month,
                          .day = r->as_of_date.day};
    xlsx_note_err(b, worksheet_write_datetime(r->ws, row, COUNT_VALUE_COL,
                                              &as_of, r->o->x.input_date));
}

/* The counts; returns the next free row. */
static lxw_row_t write_counts(report_sheet *r, lxw_row_t row)
{
    xlsx_book *b = r->o->b;
    const report *rep = xlsx_report(b);
    const office_plan *plan = r->o->plan;
    const char *const *status = returned_status_choices(rep->lang);
    char *st = plan_range(r, PC_STATUS), *due = plan_range(r, PC_DUE);
    char *gain = plan_range(r, PC_GAIN);
    int en = rep->lang == LANG_EN;
    /* the report's date, then the counts */
    static const char *const as_of_label[] = {PLANS_REPORT_AS_OF};
    xlsx_note_err(b, worksheet_merge_range(
                         r->ws, row, RC_ITEM, row, COUNT_LAST_LABEL_COL,
                         as_of_label[en], r->label));
    xlsx_set_row_lines(r->ws, row, 1, r->label);
    write_as_of(r, row);
    office_cell_ref(r->as_of, row, COUNT_VALUE_COL, true);
    row++;
    lxw_row_t at[N_COUNTS];
    for (int k = 0; k < N_COUNTS; k++) {
        at[k] = row;
        xlsx_note_err(b, worksheet_merge_range(r->ws, row, RC_ITEM, row,
                                               COUNT_LAST_LABEL_COL,
                                               counts[k].label[en],
                                               r->label));
        xlsx_set_row_lines(r->ws, row, 1, r->label);
        row++;
    }
    /* cached values: the plan as drafted, every row not started */
    double cached[N_COUNTS] = {
        [K_ROWS] = (double)plan->n_rows,
        [K_NOT_STARTED] = (double)plan->n_rows,
        [K_PROJECTED] = plan->score->ita + plan->total_gain,
    };
    for (size_t i = 0; i < plan->n_rows; i++) {
        int status;
        plan_date due;
        row_state(&plan->rows[i], &status, &due);
        cached[K_DONE] += status == RETURNED_DONE;
        cached[K_IN_PROGRESS] += status == RETURNED_IN_PROGRESS;
        cached[K_OVERDUE] += overdue_at(r, &plan->rows[i]);
    }
    cached[K_NOT_STARTED] -= cached[K_DONE] + cached[K_IN_PROGRESS];
    for (int k = 0; k < N_COUNTS; k++) {
        char *formula = NULL;
        if (counts[k].formula)
            formula = xasprintf(counts[k].formula, st, due, gain,
                                status[RETURNED_DONE],
                                status[RETURNED_IN_PROGRESS], r->as_of);
        else if (k == K_NOT_STARTED) {
            char a[16], d[16], p[16];
            office_cell_ref(a, at[K_ROWS], COUNT_VALUE_COL, true);
            office_cell_ref(d, at[K_DONE], COUNT_VALUE_COL, true);
            office_cell_ref(p, at[K_IN_PROGRESS], COUNT_VALUE_COL, true);
            formula = xasprintf("=%s-%s-%s", a, d, p);
        } else {   /* projected: the ITA and the plan's points gained */
            formula = xasprintf("=%.17g+SUM(%s)", plan->score->ita, gain);
        }
        xlsx_write_formula(b, r->ws, at[k], COUNT_VALUE_COL, formula,
                           cached[k],
                           k == K_PROJECTED ? r->score : r->count);
        free(formula);
    }
    free(st);
    free(due);
    free(gain);
    return row;
}

/* ---- the rows: one per plan row ----------------------------------
 * xlsx_write_rows_spec with sheet = the report_sheet and row_at =
 * plan_row_at; every cell but the item's and the question's a formula on
 * the plan's row of the item (plan_cell), with the value the plan shows
 * when written as its cached value. */

static const void *plan_row_at(const void *sheet, size_t i)
{
    return &((const report_sheet *)sheet)->o->plan->rows[i];
}

static const plan_row *cell_row(const xlsx_cell *cell)
{
    return cell->item;
}

static const char *cell_id(const xlsx_cell *cell)
{
    return xlsx_report(cell->b)->m->nodes[cell_row(cell)->item].id;
}

static void item_cell(const xlsx_cell *cell)
{
    const report_sheet *r = cell->sheet;
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col, cell_id(cell),
                    r->o->x.text_centre);
}

/* The model's question, indented apart from its code, its lines broken
 * at libthai's word breaks, not LibreOffice's finer ones
 * (textlayout_wrap): a printout, never read back. */
static void question_cell(const xlsx_cell *cell)
{
    const report_sheet *r = cell->sheet;
    double width = r->cols[cell->col].width;   /* as the sheet sets it */
    char *question = textlayout_wrap(
        xlsx_node_label(xlsx_report(cell->b), cell_row(cell)->item),
        xlsx_column_width(width) - TEXTLAYOUT_INDENT_WIDTH,
        r->o->x.wrap_indent->font_size);
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col, question,
                    r->o->x.wrap_indent);
    xlsx_cell_fit(cell, question, width);
    free(question);
}

/* A text cell of the plan's column arg, BLANK when the plan's is empty
 * (a formula on an empty cell would show 0); cached: what the plan shows
 * when written (NULL or "": BLANK), which LibreOffice prints without
 * recalculating: the row as tall as it needs. */
static void write_text_ref(const xlsx_cell *cell, const char *cached)
{
    const report_sheet *r = cell->sheet;
    const char *shown = cached && *cached ? cached : BLANK;
    char *ref = plan_cell(r, cell_id(cell), (lxw_col_t)cell->column->arg);
    char *formula = xasprintf("=IFERROR(IF(%s=\"\",\"%s\",%s),\"%s\")",
                              ref, BLANK, ref, BLANK);
    xlsx_note_err(cell->b, worksheet_write_formula_str(
                               cell->ws, cell->row, cell->col, formula,
                               r->wrap, shown));
    /* r->wrap has no indent, unlike the kinds' formats (xlsx_cell_fit) */
    double lines = (double)textlayout_lines(
        shown, xlsx_column_width(r->cols[cell->col].width),
        r->wrap->font_size);
    if (lines > cell->fit->lines)
        cell->fit->lines = lines;
    free(formula);
    free(ref);
}

/* The status as the plan shows it: the carried edit's, or what was typed
 * when not understood (kept as typed), else not started. */
static void status_cell(const xlsx_cell *cell)
{
    const returned_row *old = cell_row(cell)->carried;
    const char *const *status =
        returned_status_choices(xlsx_report(cell->b)->lang);
    if (old && !old->status_understood)
        write_text_ref(cell, old->status_text);
    else
        write_text_ref(cell,
                       status[old ? old->status : RETURNED_NOT_STARTED]);
}

static void owner_cell(const xlsx_cell *cell)
{
    const returned_row *old = cell_row(cell)->carried;
    write_text_ref(cell, old ? old->owner : NULL);
}

/* What was done and its evidence, as the district typed them. */
static void result_cell(const xlsx_cell *cell)
{
    const returned_row *old = cell_row(cell)->carried;
    write_text_ref(cell, old ? old->result : NULL);
}

static void evidence_cell(const xlsx_cell *cell)
{
    const returned_row *old = cell_row(cell)->carried;
    write_text_ref(cell, old ? old->evidence : NULL);
}

static void due_cell(const xlsx_cell *cell)
{
    const report_sheet *r = cell->sheet;
    plan_date due;
    int status;
    row_state(cell_row(cell), &status, &due);
    const returned_row *old = cell_row(cell)->carried;
    if (old && !old->due_understood) {   /* text, kept as typed */
        write_text_ref(cell, old->due_text);
        return;
    }
    char *ref = plan_cell(r, cell_id(cell), (lxw_col_t)cell->column->arg);
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=IFERROR(IF(%s=\"\",\"%s\",%s),\"%s\")",
                                ref, BLANK, ref, BLANK),
                      excel_date(due), r->date);
    free(ref);
}

/* "overdue" when the plan's status is not done and its due date is
 * before the report's date. */
static void overdue_cell(const xlsx_cell *cell)
{
    const report_sheet *r = cell->sheet;
    const report *rep = xlsx_report(cell->b);
    const char *const *status = returned_status_choices(rep->lang);
    const char *overdue = xlsx_tr(rep, "เลยกำหนด", "overdue");
    char *st = plan_cell(r, cell_id(cell), PC_STATUS);
    char *due = plan_cell(r, cell_id(cell), PC_DUE);
    char *formula = xasprintf("=IFERROR(IF(AND(%s<>\"%s\",ISNUMBER(%s),"
                              "%s<%s),\"%s\",\"%s\"),\"%s\")",
                              st, status[RETURNED_DONE], due, due, r->as_of,
                              overdue, BLANK, BLANK);
    xlsx_note_err(cell->b, worksheet_write_formula_str(
                               cell->ws, cell->row, cell->col, formula,
                               r->wrap,
                               overdue_at(r, cell_row(cell)) ? overdue
                                                             : BLANK));
    free(formula);
    free(due);
    free(st);
}

static const xlsx_table_column report_table[N_REPORT_COLUMNS] = {
    [RC_ITEM] = {{PLANS_HEAD_ITEM, 5, XLSX_TEXT}, item_cell, 0},
    [RC_QUESTION] = {{"ข้อคำถาม", "Question", 44, XLSX_WRAP}, question_cell,
                     0},
    [RC_STATUS] = {{PLANS_HEAD_STATUS, 12, XLSX_WRAP}, status_cell,
                   PC_STATUS},
    [RC_OWNER] = {{PLANS_HEAD_OWNER, 13, XLSX_WRAP}, owner_cell, PC_OWNER},
    [RC_DUE] = {{PLANS_HEAD_DUE, 16, XLSX_DATE}, due_cell, PC_DUE},
    [RC_RESULT] = {{PLANS_HEAD_RESULT, 22, XLSX_WRAP}, result_cell,
                   PC_RESULT},
    [RC_EVIDENCE] = {{PLANS_HEAD_EVIDENCE, 18, XLSX_WRAP}, evidence_cell,
                     PC_EVIDENCE},
    [RC_OVERDUE] = {{"เลยกำหนด", "Overdue", 12, XLSX_WRAP}, overdue_cell, 0},
};

void office_sheet_report_write(office_ctx *o, lxw_worksheet *ws)
{
    xlsx_book *b = o->b;
    const report *rep = xlsx_report(b);
    const office_plan *plan = o->plan;
    if (!o->plan_cells.sheet || !plan->n_rows)
        return;
    report_sheet r = {.o = o, .ws = ws, .plan = o->plan_cells.sheet};
    r.wrap = xlsx_derived_format(b, XLSX_WRAP, "@");
    format_set_text_wrap(r.wrap);
    r.date = xlsx_derived_format(b, XLSX_TEXT, xlsx_date_format(rep));
    format_set_align(r.date, LXW_ALIGN_CENTER);
    r.label = b->f.label;
    r.count = o->x.int_centre;
    r.score = o->x.score_centre;
    /* with Thai digits the results give up the room that the item
     * codes and dates take: the page's width holds the table still
     * (without them nothing is wider than its layout: no change) */
    xlsx_column plain[N_REPORT_COLUMNS], cols[N_REPORT_COLUMNS];
    xlsx_table_layout(report_table, N_REPORT_COLUMNS, plain);
    memcpy(cols, plain, sizeof cols);
    /* English headers whole ("Ite|m" printed): Thai ones are broken at
     * libthai's words (office_print_headers) */
    for (size_t c = 0; rep->lang == LANG_EN && c < N_REPORT_COLUMNS; c++)
        cols[c].width = xlsx_header_width(b, cols[c].width, cols[c].en);
    /* every status on one line ("not | started" made every English row
     * two lines tall, though its question fitted one) */
    const char *const *status = returned_status_choices(rep->lang);
    for (int k = 0; k < RETURNED_N_STATUS; k++)
        cols[RC_STATUS].width =
            office_text_width(cols[RC_STATUS].width, status[k], r.wrap);
    office_give_room(b, cols, plain, N_REPORT_COLUMNS, RC_RESULT);
    r.cols = cols;
    double width = xlsx_columns_width(cols, N_REPORT_COLUMNS);
    office_set_widths(b, ws, cols, N_REPORT_COLUMNS);
    char *name = plans_office_name(rep->r, rep->lang, plan->office);
    char *subtitle = rep->lang == LANG_EN
        ? xasprintf("%s, fiscal year B.E. %d", name, plan->fiscal_year)
        : xasprintf("%s ประจำปีงบประมาณ พ.ศ. %d", name, plan->fiscal_year);
    lxw_row_t row = office_heading(
        b, ws,
        &(office_heading_text){
            .last_col = N_REPORT_COLUMNS - 1,
            .width = width,
            .title = xlsx_tr(rep, "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความ"
                     "โปร่งใสภายในหน่วยงาน",
                "Report on carrying out the internal integrity and "
                "transparency measures"),
            .subtitle = subtitle});
    free(subtitle);
    free(name);
    row = write_counts(&r, row) + 1;
    lxw_row_t header = row;
    /* every column printed: Thai headers broken at libthai's words */
    double lines = office_print_headers(b, ws, header, cols,
                                        N_REPORT_COLUMNS, N_REPORT_COLUMNS);
    xlsx_set_row_lines(ws, header,
                       fmax(lines, xlsx_header_lines(b, cols,
                                                     N_REPORT_COLUMNS)),
                       b->f.header);
    xlsx_write_rows_spec(b, ws,
                         &(xlsx_rows_spec){.first_row = header + 1,
                                           .cols = report_table,
                                           .n_cols = N_REPORT_COLUMNS,
                                           .n_rows = plan->n_rows,
                                           .sheet = &r,
                                           .row_at = plan_row_at});
    lxw_row_t last = header + (lxw_row_t)plan->n_rows;
    xlsx_print_setup_scaled(b, ws, header, header,
                            xlsx_fit_scale(plain, N_REPORT_COLUMNS));
    xlsx_note_err(b, worksheet_print_area(ws, 0, 0, last,
                                          N_REPORT_COLUMNS - 1));
    office_protect(ws, o->protect);
}
