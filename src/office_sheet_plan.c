/* The Action plan sheet of an office workbook, also added to the city
 * workbook by --single-workbook (office_book.h, office_sheets.h).
 *
 * The printed part is the document a district adopts: a summary block on
 * formulas, a notice when Target differs from the target the plan was
 * drafted for, one row per item grouped by tool and indicator, and a
 * sign-off block.  Right of it, outside the print area, the columns that
 * follow the plan up (whether the item reaches Target, points gained,
 * status, owner) and, hidden, the marker that says what the plan was
 * drawn from.
 *
 * The rows are the district's: it inserts, deletes, moves and sorts them.
 * So no formula refers to a plan row by its place: a row's own formulas
 * refer to cells of that row, the summary sums whole columns, and other
 * sheets find an item's row by its code (office_plan_cells). */
#include "office_book.h"
#include "office_sheets.h"
#include "measures.h"
#include "returned.h"
#include "text.h"
#include "textlayout.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The printed columns are those of a district's own plan
 * (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) with a success
 * indicator, priority, budget and due date; the rest help follow it up.
 * The printed part fills an A4 landscape page at PLAN_MIN_SCALE: the
 * analysis takes the width the other printed columns leave
 * (fit_page_width), the texts' columns are as wide as text_widths says
 * for the language, the other texts are short (plans.h), and the rules
 * behind the priority codes and the quarterly milestones are written
 * once, under the table.  With Thai digits, the analysis gives up the
 * room that numbers and dates take.  COL_ANALYSIS's width is what the
 * Thai widths leave it. */
#define COL_ITEM {PLANS_HEAD_ITEM, 5, XLSX_TEXT}   /* "O43", apart from the text */
#define COL_ANALYSIS {"ข้อคำถามและผลการวิเคราะห์จุดอ่อน", \
                      "Question and analysis of the weakness", 80, XLSX_WRAP}
#define COL_SCORE {"คะแนน", "Score", 8, XLSX_SCORE}
#define COL_GOAL {PLANS_HEAD_GOAL, 8, XLSX_INPUT}
#define COL_MEASURE {PLANS_HEAD_MEASURE, 25, XLSX_INPUT}
#define COL_MONITORING {PLANS_HEAD_MONITORING, 16, XLSX_INPUT}
#define COL_UNITS {PLANS_HEAD_UNITS, 15, XLSX_INPUT}
#define COL_SUCCESS {"ตัวชี้วัดความสำเร็จ", "Success indicator", 13, XLSX_WRAP}
#define COL_PRIORITY {"ความสำคัญ", "Priority", 7, XLSX_WRAP}
#define COL_DUE {PLANS_HEAD_DUE, 15, XLSX_INPUT}
#define COL_BUDGET {PLANS_HEAD_BUDGET, 10, XLSX_INPUT}
#define COL_REACHED {"ถึงค่าเป้าหมาย (Target)", "Reaches Target", 14, XLSX_TEXT}
#define COL_GAIN {"คะแนน ITA ที่เพิ่มได้", "ITA points gained", 12, XLSX_SCORE}
#define COL_STATUS {PLANS_HEAD_STATUS, 11, XLSX_INPUT}
#define COL_OWNER {PLANS_HEAD_OWNER, 11, XLSX_INPUT}
#define COL_RESULT {PLANS_HEAD_RESULT, 30, XLSX_INPUT}
#define COL_EVIDENCE {PLANS_HEAD_EVIDENCE, 20, XLSX_INPUT}
#define COL_MARKER {"ที่มาของแผน (itabench อ่าน)", \
                    "Plan source (itabench reads it)", 12, XLSX_TEXT}
/* The two tables that write the rows, below their cell functions. */
static const xlsx_table_column plan_table[PC_N_COLUMNS];
static const xlsx_table_column follower_table[PC_N_COLUMNS];

/* Whether text holds nothing but white space. */
static bool blank_text(const char *s)
{
    return s[strspn(s, " \t\n\r")] == '\0';
}

/* The sheet being written. */
typedef struct {
    xlsx_book *b;
    lxw_worksheet *ws;
    const office_plan *plan;
    const office_formats *x;
    lxw_format *wrap, *input;   /* wrapped text without indent: the
                                   columns are narrow */
    lxw_format *money;          /* budget to fill in */
    lxw_format *score_left, *int_left, *date_left;   /* the summary's
                                                        values */
    lxw_format *sign;           /* sign-off lines */
    office_plan_cells *cells;   /* where the goals are, or NULL */
    /* The heights (points) of the rows from the header row on, and
     * whether a row must print on the same page as the next one (a
     * heading and its first row), for planning page breaks. */
    double *height;
    bool *glue;
    size_t n_tracked;
    lxw_col_t n_printed;        /* printed columns: PC_N_PRINTED, or one
                                   fewer without the budget */
    xlsx_column cols[PC_N_COLUMNS];   /* the layout of plan_table, as
                                         the page needs it
                                         (fit_page_width) */
    int scale;                  /* the print scale (fit_page_width) */
    double row_lines;           /* the tallest text of the row being
                                   written (fit_cell) */
    const struct plan_line *line;   /* the line being written (line_at) */
} plan_sheet;

/* What a row of the table shows: a row of the plan (r), with the edits it
 * replaces (old, or NULL), or a row of the edited plan that follows the
 * one before it (r NULL, old the follower; returned.h). */
typedef struct plan_line {
    const plan_row *r;
    const returned_row *old;
    bool shared_evidence;       /* the indicator's group row names the
                                   evidence of all its rows */
} plan_line;

/* The printed width of the plan: its printed columns, the budget the last
 * of them, left out of the print when no row has a budget
 * (plan_has_budget). */
static double printed_width(const plan_sheet *p)
{
    return xlsx_columns_width(p->cols, p->n_printed);
}

/* The print scale of the plan (percent): TH Sarabun New 14 pt prints at
 * 10.5 pt at 75 %, with room above the 9 pt that nothing printed may go
 * under; nothing of the plan is smaller than the body font but the
 * footer (xlsx_print_setup_scaled keeps it at 9 pt or more).  Measured
 * over the sample's 50 Thai plans, the widths rebalanced for each scale
 * on estimated row heights: about 445 pages at 85 %, 361 at 80 %, 310 at
 * 75 %; LibreOffice printed 478 at 85 % before, 336 at 75 %.  A wider
 * page takes the numbers sentence and the weakness on fewer lines and
 * holds more rows. */
#define PLAN_MIN_SCALE 75
static int plan_print_scale(const plan_sheet *p)
{
    return p->scale;
}

/* The widths (layout units) of the columns of texts by language, Thai
 * then English: the widths that printed the sample's 50 plans on the
 * fewest pages at PLAN_MIN_SCALE, the row being as tall as its tallest
 * cell (a row whose cells end near the same line wastes least).  The
 * English texts are longer than the Thai ones, their lists of sections
 * most ("Registration Section, Administration Section, ...").  Each is
 * at least as wide as its longest word. */
static const struct {
    lxw_col_t col;
    double width[2];   /* [LANG_TH], [LANG_EN] */
} text_widths[] = {
    {PC_MEASURE, {25, 22}}, {PC_MONITORING, {16, 18}},
    {PC_UNITS, {15, 25}},   {PC_SUCCESS, {13, 19}},
    {PC_PRIORITY, {7, 10.5}},
};

/* The least width of the analysis (layout units): its question and
 * numbers stay readable when typed words widen the other columns. */
#define ANALYSIS_MIN_WIDTH 30.0

static void widen_to_words(plan_sheet *p);

/* The analysis as wide as the page leaves it at PLAN_MIN_SCALE, the
 * other printed columns as they are (layout units: pixels as
 * xlsx_fit_scale counts them). */
static void analysis_takes_the_rest(plan_sheet *p)
{
    double room = xlsx_print_width_px(PLAN_MIN_SCALE) - XLSX_LAYOUT_MARGIN_PX;
    for (lxw_col_t c = 0; c < p->n_printed; c++)
        if (c != PC_ANALYSIS)
            room -= p->cols[c].width * XLSX_LAYOUT_PX_PER_UNIT +
                    XLSX_LAYOUT_MARGIN_PX;
    double width = floor(2.0 * room / XLSX_LAYOUT_PX_PER_UNIT) / 2.0;
    p->cols[PC_ANALYSIS].width = fmax(width, ANALYSIS_MIN_WIDTH);
}

/* The printed columns as the page needs them: the texts' widths of the
 * language (text_widths); every header's words whole in English
 * ("Monitoring", "Responsible" broke inside), and every word of the
 * rows' texts ("Administrati|on" broke inside); the analysis takes the
 * rest of the page, and the scale follows (at least PLAN_MIN_SCALE).
 * With Thai digits (wider than Western ones) the numbers and dates in
 * wider columns: the kit widens the columns of numbers
 * (xlsx_shown_width), the plan its target scores and due dates (cells
 * users fill in, wrapped).  The analysis gives that room back, so that
 * the printed part still fits the page at the same scale instead of
 * splitting across pages. */
static void fit_page_width(plan_sheet *p)
{
    const xlsx_book *b = p->b;
    report_lang lang = xlsx_report(b)->lang;
    for (size_t k = 0; k < sizeof text_widths / sizeof *text_widths; k++)
        p->cols[text_widths[k].col].width = text_widths[k].width[lang];
    /* Thai headers already break between words in their widths
     * ("ตัวชี้วัด|ความ|สำเร็จ"); widening them to libthai's longer words
     * would cost the plan pages */
    for (lxw_col_t c = 0; lang == LANG_EN && c < p->n_printed; c++)
        p->cols[c].width = xlsx_header_width(b, p->cols[c].width,
                                             p->cols[c].en);
    if (lang == LANG_EN)
        widen_to_words(p);
    analysis_takes_the_rest(p);
    int scale = xlsx_fit_scale(p->cols, p->n_printed);
    p->scale = scale < PLAN_MIN_SCALE ? PLAN_MIN_SCALE : scale;
    /* the widths at that scale, before Thai digits widen columns */
    xlsx_column plain[PC_N_COLUMNS];
    memcpy(plain, p->cols, sizeof plain);
    static const lxw_col_t numbers[] = {PC_GOAL, PC_DUE};
    for (size_t k = 0; xlsx_report(b)->thai_digits && lang == LANG_TH &&
                       k < sizeof numbers / sizeof *numbers;
         k++) {
        double *w = &p->cols[numbers[k]].width;
        double need = xlsx_shown_width(b, *w, XLSX_SCORE);
        while (xlsx_column_width(*w) < need)
            *w += 0.5;
    }
    office_give_room(b, p->cols, plain, p->n_printed, PC_ANALYSIS);
}

/* Sets a row to lines lines of fmt's font and remembers its height. */
static void set_lines(plan_sheet *p, lxw_row_t row, double lines,
                      const lxw_format *fmt, bool glue)
{
    xlsx_set_row_lines(p->ws, row, lines, fmt);
    if (row < p->n_tracked) {
        p->height[row] = xlsx_lines_height(lines, fmt->font_size);
        p->glue[row] = glue;
    }
}

/* xlsx_wide_line across the printed columns, its height remembered. */
static void wide_line(plan_sheet *p, lxw_row_t row, const char *text,
                      lxw_format *fmt, bool glue)
{
    char *shown = office_prose(p->b, text);
    xlsx_wide_line(p->b, p->ws, row, p->n_printed - 1, printed_width(p),
                   shown, fmt);
    set_lines(p, row,
              fmt->text_wrap
                  ? xlsx_text_lines(shown, printed_width(p), fmt->font_size)
                  : 1,
              fmt, glue);
    free(shown);
}

static lxw_datetime date_cell(plan_date d)
{
    return (lxw_datetime){.year = d.year, .month = d.month, .day = d.day};
}

/* The budget cell: the budget of the edited plan (a number, or the text
 * as typed), else the measures library's hint, else empty. */
static void write_typed_budget(plan_sheet *p, lxw_row_t row,
                               const char *budget)
{
    double amount;
    if (*budget && text_parse_number(budget, &amount) == NUM_OK &&
        strchr(budget, '\n') == NULL)
        xlsx_write_number(p->b, p->ws, row, PC_BUDGET, amount, p->money);
    else
        xlsx_write_text(p->b, p->ws, row, PC_BUDGET, *budget ? budget : NULL,
                        p->money);
}

/* A row's budget: the one typed in an edited plan, else the library's
 * hint. */
static void write_budget(plan_sheet *p, lxw_row_t row, const plan_row *r)
{
    const returned_row *old = r->carried;
    write_typed_budget(p, row, old && *old->budget ? old->budget : r->budget);
}

/* Whether any row has a budget (typed in an edited plan, or the library's
 * hint): else the budget column is left out of the print. */
static bool plan_has_budget(const office_plan *plan)
{
    for (size_t i = 0; i < plan->n_rows; i++) {
        const plan_row *r = &plan->rows[i];
        if (*r->budget || (r->carried && *r->carried->budget))
            return true;
    }
    return false;
}

/* Writes one merged group row (a tool or an indicator with its score),
 * with the evidence its rows share when evidence is not NULL. */
static void write_group_row(plan_sheet *p, lxw_row_t row, int node,
                            const char *evidence)
{
    const report *rep = xlsx_report(p->b);
    char *title = xlsx_node_title(rep, node);
    char *text = evidence
        ? xasprintf("%s: %.2f   %s: %s", title,
                    score_round2(p->plan->score->node[node]),
                    xlsx_tr(rep, "ตรวจจาก (ทุกข้อของตัวชี้วัดนี้)",
                            "Verified by (every item of this indicator)"),
                    evidence)
        : xasprintf("%s: %.2f", title,
                    score_round2(p->plan->score->node[node]));
    wide_line(p, row, text, p->x->group, true);
    free(text);
    free(title);
}

/* The units as the schedule assigns them (plans_units_text).  A new
 * string. */
static char *units_text(const report *rep, const plan_row *r)
{
    return plans_units_text(rep->lang, r->lead, r->support);
}

/* The plan's analysis of an item, its first line marked "*" when its gap
 * is within sampling error: the item's 95 % interval reaches the target,
 * so the true score may already be there (uncertainty.h; the legend under
 * the table says so).  A new string. */
static char *analysis_text(const report *rep, const office_plan *plan,
                           const plan_row *r)
{
    if (r->kept)   /* a row of the edited plan, now at or above the target */
        return xasprintf(
            xlsx_tr(rep, "คงไว้จากแผนที่แก้ไข: ไม่ต่ำกว่าค่าเป้าหมายแล้ว\n%s",
                    "Kept from the edited plan: no longer below the "
                    "target.\n%s"),
            r->analysis);
    if (!rep->uncertainty || r->kind != PLAN_RAISE)   /* no gap to doubt */
        return xstrdup(r->analysis);
    uncertainty_interval u = uncertainty_of(
        rep->uncertainty, (size_t)(plan->score - rep->current->offices),
        model_node_measure(r->item));
    if (u.basis == UNCERTAINTY_UNKNOWN || u.se == 0 || u.high < rep->current->target)
        return xstrdup(r->analysis);
    /* "*" after the first line, the legend says what it means */
    const char *nl = strchr(r->analysis, '\n');
    int first = nl ? (int)(nl - r->analysis) : (int)strlen(r->analysis);
    return xasprintf("%.*s *%s", first, r->analysis, r->analysis + first);
}

/* Writes a wrapped text cell (in a format without indent: the plan's
 * columns are narrow) and grows the row's height to it. */
static void fit_cell(const xlsx_cell *cell, const char *text,
                     lxw_format *fmt)
{
    plan_sheet *p = cell->sheet;
    xlsx_write_text(p->b, p->ws, cell->row, cell->col, text, fmt);
    /* the sheet's width of the column (fit_page_width may narrow it) */
    double lines = (double)textlayout_lines(
        text, xlsx_column_width(p->cols[cell->col].width), fmt->font_size);
    if (lines > cell->fit->lines)
        cell->fit->lines = lines;
    if (lines > p->row_lines)
        p->row_lines = lines;
}

/* fit_cell for a text itabench generates and never reads back (the
 * question and its analysis, the success indicator): in Thai, its lines
 * broken at libthai's word breaks, not at LibreOffice's finer ones
 * ("ความผิด|พลาด", "เปิด|เผย"; textlayout_wrap). */
/* fit_cell of text in fmt, in Thai its lines broken by wrap (English
 * lines break at spaces, as LibreOffice breaks them). */
typedef char *(*text_wrapper)(const char *text, double width, double font_pt);
static void fit_wrapped_cell(const xlsx_cell *cell, const char *text,
                             lxw_format *fmt, text_wrapper wrap)
{
    plan_sheet *p = cell->sheet;
    char *lines = xlsx_report(p->b)->lang == LANG_TH
        ? wrap(text, xlsx_column_width(p->cols[cell->col].width),
               fmt->font_size)
        : xstrdup(text);
    fit_cell(cell, lines, fmt);
    free(lines);
}

static void fit_generated_cell(const xlsx_cell *cell, const char *text)
{
    plan_sheet *p = cell->sheet;
    char *shown = office_prose(p->b, text);
    fit_wrapped_cell(cell, shown, p->wrap, textlayout_wrap);
    free(shown);
}

static const plan_line *cell_line(const xlsx_cell *cell)
{
    return cell->item;
}

/* A cell of the edited plan that was not understood: written as typed,
 * with a comment saying so (returned.h; the rerun's report lists it). */
static void write_kept_text(plan_sheet *p, lxw_row_t row, lxw_col_t col,
                            const char *typed, lxw_format *fmt)
{
    const report *rep = xlsx_report(p->b);
    xlsx_write_text(p->b, p->ws, row, col, *typed ? typed : NULL, fmt);
    xlsx_note_err(p->b, worksheet_write_comment(
                            p->ws, row, col,
                            (char *)xlsx_tr(rep,
                                            "itabench: เก็บไว้ตามที่พิมพ์ "
                                            "อ่านค่าไม่ได้ (ไม่นับในความก้าวหน้า)",
                                            "itabench: kept as typed, not "
                                            "understood (not counted in the "
                                            "progress)")));
}

/* The status cell: the dropdown's word of a status understood, or what
 * was typed. */
static void write_status(plan_sheet *p, lxw_row_t row,
                         const returned_row *old, lxw_format *input)
{
    const char *const *status = returned_status_choices(xlsx_report(p->b)->lang);
    if (old && !old->status_understood)
        write_kept_text(p, row, PC_STATUS, old->status_text, input);
    else
        xlsx_write_text(p->b, p->ws, row, PC_STATUS,
                        status[old ? old->status : RETURNED_NOT_STARTED],
                        input);
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
                              .value_list = (char **)status};
    xlsx_note_err(p->b,
                  worksheet_data_validation_cell(p->ws, row, PC_STATUS, &dv));
}

/* The success indicator: how the row's target score at the next ITA (its
 * own column; the legend under the table says it once) is verified: for a
 * disclosure item, what must be found published; else the evidence,
 * unless the indicator's group row says it for all its rows (shared). */
static char *success_text(const report *rep, const plan_row *r, bool shared)
{
    if (r->disclosure && *r->publish)
        return xstrdup(r->publish);
    if (shared || !*r->evidence)
        return xstrdup(xlsx_tr(rep, "ตามหลักฐานของตัวชี้วัด",
                               "as for its indicator"));
    return xstrdup(r->evidence);
}

/* A target score not understood: a number outside 0-100 as the number,
 * anything else as the text typed; marked either way. */
static void write_kept_goal(plan_sheet *p, lxw_row_t row,
                            const returned_row *old)
{
    double goal;
    num_status st = text_parse_number(old->goal_text, &goal);
    write_kept_text(p, row, PC_GOAL, old->goal_text, p->x->input_score);
    if (st == NUM_OK)
        xlsx_write_number(p->b, p->ws, row, PC_GOAL, goal, p->x->input_score);
}

/* The due date: the date of the edited plan (or, not understood, what was
 * typed), else the row's. */
static void write_due(plan_sheet *p, lxw_row_t row, const returned_row *old,
                      plan_date def)
{
    if (old && !old->due_understood) {
        write_kept_text(p, row, PC_DUE, old->due_text, p->x->input_date);
        return;
    }
    lxw_datetime due = date_cell(old && old->has_due ? old->due : def);
    xlsx_note_err(p->b, worksheet_write_datetime(p->ws, row, PC_DUE, &due,
                                                 p->x->input_date));
}

/* ---- the cells of a plan row ---------------------------------------
 * Each writes its cell in its own format (the plan's columns are narrow:
 * wrapped text without indent) and fits the row to its text (fit_cell). */

static void item_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    xlsx_write_text(p->b, p->ws, cell->row, cell->col,
                    xlsx_report(p->b)->m->nodes[cell_line(cell)->r->item].id,
                    p->x->text_centre);
}

/* The question, the weakness it names (of a row below the target), then
 * the numbers. */
static void analysis_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    const report *rep = xlsx_report(p->b);
    const plan_row *r = cell_line(cell)->r;
    char *analysis = analysis_text(rep, p->plan, r);
    char *text = *r->weakness && r->kind == PLAN_RAISE
        ? xasprintf("%s\n%s %s\n%s", xlsx_node_label(rep, r->item),
                    xlsx_tr(rep, "จุดอ่อน:", "Weakness:"), r->weakness,
                    analysis)
        : xasprintf("%s\n%s", xlsx_node_label(rep, r->item), analysis);
    fit_generated_cell(cell, text);
    free(text);
    free(analysis);
}

static void score_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    xlsx_write_number(p->b, p->ws, cell->row, cell->col,
                      cell_line(cell)->r->score, p->x->score_centre);
}

/* The goal typed in is the row's goal already (plans.h); one not
 * understood is kept as typed. */
static void goal_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    const plan_line *line = cell_line(cell);
    if (line->old && !line->old->goal_understood)
        write_kept_goal(p, cell->row, line->old);
    else
        xlsx_write_number(p->b, p->ws, cell->row, cell->col, line->r->goal,
                          p->x->input_score);
}

/* An input cell itabench fills with a default the district may edit:
 * the text the edited plan holds (typed, when not NULL) as typed, else
 * the default, in Thai with its lines broken at libthai's words as
 * fit_generated_cell breaks them (reading it back tells those breaks from
 * an edit: text_same_but_breaks). */
static void fit_input_cell(const xlsx_cell *cell, const char *typed,
                           const char *def)
{
    plan_sheet *p = cell->sheet;
    if (typed) {
        fit_cell(cell, typed, p->input);
        return;
    }
    /* the units are names, broken only between them */
    fit_wrapped_cell(cell, def, p->input,
                     cell->col == PC_UNITS ? textlayout_wrap_names
                                           : textlayout_wrap);
}

/* What a disclosure item must publish is its success indicator. */
static void measure_cell(const xlsx_cell *cell)
{
    const plan_line *line = cell_line(cell);
    fit_input_cell(cell,
                   line->old && line->old->measure_edited ? line->old->measure
                                                          : NULL,
                   line->r->measure);
}

static void monitoring_cell(const xlsx_cell *cell)
{
    const plan_line *line = cell_line(cell);
    fit_input_cell(cell,
                   line->old && line->old->monitoring_edited
                       ? line->old->monitoring
                       : NULL,
                   line->r->monitoring);
}

static void units_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    const plan_line *line = cell_line(cell);
    char *units = units_text(xlsx_report(p->b), line->r);
    fit_input_cell(cell,
                   line->old && line->old->units_edited ? line->old->units
                                                        : NULL,
                   units);
    free(units);
}

static void success_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    const plan_line *line = cell_line(cell);
    char *success = success_text(xlsx_report(p->b), line->r, line->shared_evidence);
    fit_generated_cell(cell, success);
    free(success);
}

/* The codes on a line of their own: the band's word stays whole in the
 * narrow column.  A new string. */
static char *priority_text(const report *rep, const plan_row *r)
{
    const plan_priority *priorities = plans_priorities(&(size_t){0});
    const char *label = priorities[r->priority].label[rep->lang == LANG_EN];
    return *r->codes ? xasprintf("%s\n(%s)", label, r->codes)
                     : xstrdup(label);
}

static void priority_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    char *priority = priority_text(xlsx_report(p->b), cell_line(cell)->r);
    fit_cell(cell, priority, p->wrap);
    free(priority);
}

/* ---- columns as wide as their longest word (English) ---------------
 * LibreOffice breaks a word wider than its column between letters
 * ("Administrati|on" in the units, "Whistlebl|owing" in the measures):
 * each printed column of short texts is made as wide as the widest word
 * its rows print (fit_page_width then takes the room from the analysis).
 * A word typed longer than WORD_WIDTH_MAX (a link) is left to break. */
#define WORD_WIDTH_MAX 30.0

static char *row_measure_text(const report *rep, const plan_row *r)
{
    (void)rep;
    return xstrdup(r->carried && r->carried->measure_edited
                       ? r->carried->measure
                       : r->measure);
}

static char *row_monitoring_text(const report *rep, const plan_row *r)
{
    (void)rep;
    return xstrdup(r->carried && r->carried->monitoring_edited
                       ? r->carried->monitoring
                       : r->monitoring);
}

static char *row_units_text(const report *rep, const plan_row *r)
{
    return r->carried && r->carried->units_edited
               ? xstrdup(r->carried->units)
               : units_text(rep, r);
}

static char *row_success_text(const report *rep, const plan_row *r)
{
    return success_text(rep, r, false);
}

/* The columns widened, each with the text a row prints there. */
static const struct {
    lxw_col_t col;
    char *(*text)(const report *rep, const plan_row *r);
} worded_columns[] = {
    {PC_MEASURE, row_measure_text}, {PC_MONITORING, row_monitoring_text},
    {PC_UNITS, row_units_text},     {PC_SUCCESS, row_success_text},
    {PC_PRIORITY, priority_text},
};

/* Widens col to the widest word of text in the body font.  LibreOffice
 * breaks a line after a hyphen ("Conflict-|of-|interest"), textlayout
 * only at spaces and libthai's words: the parts between hyphens are
 * measured. */
static void widen_to_text(plan_sheet *p, lxw_col_t col, const char *text)
{
    char *parts = xmalloc(2 * strlen(text) + 1), *o = parts;
    for (const char *t = text; *t; t++) {
        *o++ = *t;
        if (*t == '-')
            *o++ = ' ';
    }
    *o = '\0';
    double need = fmin(textlayout_word_width(parts, p->wrap->font_size),
                       xlsx_column_width(WORD_WIDTH_MAX));
    free(parts);
    while (xlsx_column_width(p->cols[col].width) < need)
        p->cols[col].width += 0.5;
}

static void widen_to_words(plan_sheet *p)
{
    const report *rep = xlsx_report(p->b);
    for (size_t i = 0; i < p->plan->n_rows; i++) {
        const plan_row *r = &p->plan->rows[i];
        for (size_t k = 0; k < sizeof worded_columns / sizeof *worded_columns;
             k++) {
            char *text = worded_columns[k].text(rep, r);
            widen_to_text(p, worded_columns[k].col, text);
            free(text);
        }
        /* the texts of the rows that follow it (returned.h) */
        for (size_t k = 1; r->carried && k <= r->carried->n_followers; k++) {
            widen_to_text(p, PC_MEASURE, r->carried[k].measure);
            widen_to_text(p, PC_MONITORING, r->carried[k].monitoring);
            widen_to_text(p, PC_UNITS, r->carried[k].units);
        }
    }
}

static void budget_cell(const xlsx_cell *cell)
{
    write_budget(cell->sheet, cell->row, cell_line(cell)->r);
}

static void due_cell(const xlsx_cell *cell)
{
    const plan_line *line = cell_line(cell);
    write_due(cell->sheet, cell->row, line->old, line->r->due);
}

/* The follow-up cells right of the printed part: whether the item's score
 * reaches Target (a text result, cached as the text), ... */
static void reached_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    const report *rep = xlsx_report(p->b);
    const plan_row *r = cell_line(cell)->r;
    char score[16];
    office_cell_ref(score, cell->row, PC_SCORE, false);
    char *formula = xasprintf("=IF(ROUND(%s,2)>=Target,\"%s\",\"%s\")",
                              score, xlsx_tr(rep, "ถึงแล้ว", "yes"),
                              xlsx_tr(rep, "ยังไม่ถึง", "not yet"));
    bool reached = score_round2(r->score) >= r->target;
    xlsx_note_err(p->b, worksheet_write_formula_str(
                            p->ws, cell->row, cell->col, formula,
                            p->x->text_centre,
                            reached ? xlsx_tr(rep, "ถึงแล้ว", "yes")
                                    : xlsx_tr(rep, "ยังไม่ถึง", "not yet")));
    free(formula);
}

/* ... the points gained at the goal typed in: a target score kept as
 * typed (text, or outside 0-100) gains nothing beyond 100 and gives no
 * error ... */
static void gain_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    const plan_row *r = cell_line(cell)->r;
    char score[16], goal[16];
    office_cell_ref(score, cell->row, PC_SCORE, false);
    office_cell_ref(goal, cell->row, PC_GOAL, false);
    xlsx_take_formula(p->b, p->ws, cell->row, cell->col,
                      xasprintf("=%.17g*MAX(0,MIN(100,N(%s))-%s)",
                                r->ita_weight, goal, score),
                      r->gain, p->x->score_centre);
}

/* ... status (the dropdown reading back accepts; a new row is not
 * started), owner, and what was done and its evidence: the district
 * fills them in for the report on carrying out the plan (O43).  A row
 * of the plan writes them in the column's input format, a follower in
 * the plan's (arg). */
static lxw_format *follow_up_format(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    return cell->column->arg ? p->input : xlsx_format(p->b, XLSX_INPUT, false);
}

static void status_cell(const xlsx_cell *cell)
{
    write_status(cell->sheet, cell->row, cell_line(cell)->old,
                 follow_up_format(cell));
}

/* Owner, result, evidence: as typed in the edited plan, else blank. */
static void typed_cell(const xlsx_cell *cell, const char *typed)
{
    plan_sheet *p = cell->sheet;
    xlsx_write_text(p->b, p->ws, cell->row, cell->col,
                    typed && *typed ? typed : NULL, follow_up_format(cell));
}

static void owner_cell(const xlsx_cell *cell)
{
    const returned_row *old = cell_line(cell)->old;
    typed_cell(cell, old ? old->owner : NULL);
}

static void result_cell(const xlsx_cell *cell)
{
    const returned_row *old = cell_line(cell)->old;
    typed_cell(cell, old ? old->result : NULL);
}

static void evidence_cell(const xlsx_cell *cell)
{
    const returned_row *old = cell_line(cell)->old;
    typed_cell(cell, old ? old->evidence : NULL);
}

/* ---- the cells of a follower: as typed, nothing computed ---------- */

static void follower_item_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    const returned_row *old = cell_line(cell)->old;
    xlsx_write_text(p->b, p->ws, cell->row, cell->col,
                    old->node >= 0 ? xlsx_report(p->b)->m->nodes[old->node].id
                                   : *old->item ? old->item : NULL,
                    p->x->text_centre);
}

static void follower_goal_cell(const xlsx_cell *cell)
{
    plan_sheet *p = cell->sheet;
    const returned_row *old = cell_line(cell)->old;
    if (!old->goal_understood)
        write_kept_goal(p, cell->row, old);
    else if (!isnan(old->planned))
        xlsx_write_number(p->b, p->ws, cell->row, cell->col, old->planned,
                          p->x->input_score);
}

/* A text of the follower as typed: the field of returned_row at the
 * column's arg (offsetof). */
static void follower_text_cell(const xlsx_cell *cell)
{
    const returned_row *old = cell_line(cell)->old;
    fit_cell(cell,
             *(char *const *)((const char *)old + cell->column->arg),
             ((plan_sheet *)cell->sheet)->input);
}

static void follower_budget_cell(const xlsx_cell *cell)
{
    write_typed_budget(cell->sheet, cell->row, cell_line(cell)->old->budget);
}

static void follower_due_cell(const xlsx_cell *cell)
{
    const returned_row *old = cell_line(cell)->old;
    if (!blank_text(old->due_text))
        write_due(cell->sheet, cell->row, old, old->due);
}

/* The rows of the plan, and the rows of the edited plan that follow
 * them, written by xlsx_write_rows: a column is an entry of each. */
static const xlsx_table_column plan_table[PC_N_COLUMNS] = {
    [PC_ITEM] = {COL_ITEM, item_cell, 0},
    [PC_ANALYSIS] = {COL_ANALYSIS, analysis_cell, 0},
    [PC_SCORE] = {COL_SCORE, score_cell, 0},
    [PC_GOAL] = {COL_GOAL, goal_cell, 0},
    [PC_MEASURE] = {COL_MEASURE, measure_cell, 0},
    [PC_MONITORING] = {COL_MONITORING, monitoring_cell, 0},
    [PC_UNITS] = {COL_UNITS, units_cell, 0},
    [PC_SUCCESS] = {COL_SUCCESS, success_cell, 0},
    [PC_PRIORITY] = {COL_PRIORITY, priority_cell, 0},
    [PC_DUE] = {COL_DUE, due_cell, 0},
    [PC_BUDGET] = {COL_BUDGET, budget_cell, 0},
    [PC_REACHED] = {COL_REACHED, reached_cell, 0},
    [PC_GAIN] = {COL_GAIN, gain_cell, 0},
    [PC_STATUS] = {COL_STATUS, status_cell, 0},
    [PC_OWNER] = {COL_OWNER, owner_cell, 0},
    [PC_RESULT] = {COL_RESULT, result_cell, 0},
    [PC_EVIDENCE] = {COL_EVIDENCE, evidence_cell, 0},
    [PC_MARKER] = {COL_MARKER, NULL, 0},
};

static const xlsx_table_column follower_table[PC_N_COLUMNS] = {
    [PC_ITEM] = {COL_ITEM, follower_item_cell, 0},
    [PC_ANALYSIS] = {COL_ANALYSIS, NULL, 0},
    [PC_SCORE] = {COL_SCORE, NULL, 0},
    [PC_GOAL] = {COL_GOAL, follower_goal_cell, 0},
    [PC_MEASURE] = {COL_MEASURE, follower_text_cell,
                    offsetof(returned_row, measure)},
    [PC_MONITORING] = {COL_MONITORING, follower_text_cell,
                       offsetof(returned_row, monitoring)},
    [PC_UNITS] = {COL_UNITS, follower_text_cell,
                  offsetof(returned_row, units)},
    [PC_SUCCESS] = {COL_SUCCESS, NULL, 0},
    [PC_PRIORITY] = {COL_PRIORITY, NULL, 0},
    [PC_DUE] = {COL_DUE, follower_due_cell, 0},
    [PC_BUDGET] = {COL_BUDGET, follower_budget_cell, 0},
    [PC_REACHED] = {COL_REACHED, NULL, 0},
    [PC_GAIN] = {COL_GAIN, NULL, 0},
    [PC_STATUS] = {COL_STATUS, status_cell, 1},
    [PC_OWNER] = {COL_OWNER, owner_cell, 1},
    [PC_RESULT] = {COL_RESULT, result_cell, 1},
    [PC_EVIDENCE] = {COL_EVIDENCE, evidence_cell, 1},
    [PC_MARKER] = {COL_MARKER, NULL, 0},
};

/* The line being written: the table is written a line at a time, its
 * group rows (write_group_row) between them. */
static const void *line_at(const void *sheet, size_t i)
{
    (void)i;
    return ((const plan_sheet *)sheet)->line;
}

/* Writes one line of the table on row through table, its height
 * remembered for the page breaks. */
static void write_line(plan_sheet *p, lxw_row_t row,
                       const xlsx_table_column *table, plan_line line)
{
    p->line = &line;
    p->row_lines = 1;
    xlsx_write_rows(p->b, p->ws, row, table, PC_N_COLUMNS, 1, p, line_at);
    set_lines(p, row, p->row_lines, p->wrap, false);
    p->line = NULL;
}

/* "85" or "84.50": the target as the plan's texts write it. */
static char *target_text(double target)
{
    double r = score_round2(target);
    return r == (double)(long long)r ? xasprintf("%.0f", r)
                                     : xasprintf("%.2f", r);
}

/* The summary's figures stand two to a line, a label then its value,
 * so that the first page holds the summary and the first rows of the
 * plan: the first pair's label spans the first columns and its value
 * stands in the measures' column, the second pair's label spans the
 * monitoring to the success indicator and its value the priority to the
 * due date.  The summary takes SUMMARY_ROWS rows (write_summary: ITA and
 * Target, the count below it and the ITA if every row meets its target,
 * the quarters' ends, the target drafted for, the notice). */
#define SUMMARY_ROWS 5
#define SUMMARY_VALUE_COL PC_MEASURE
static const struct {
    lxw_col_t label_first, label_last, value_first, value_last;
} summary_pairs[] = {
    {PC_ITEM, PC_GOAL, PC_MEASURE, PC_MEASURE},
    {PC_MONITORING, PC_SUCCESS, PC_PRIORITY, PC_DUE},
};

/* A figure of the summary: its label and its formula (or NULL) with the
 * value it gives, in fmt. */
typedef struct {
    const char *label;
    const char *formula;
    double value;
    lxw_format *fmt;
} summary_figure;

/* A figure as the pair'th pair of row. */
static void summary_pair(plan_sheet *p, lxw_row_t row, size_t pair,
                         const summary_figure *f)
{
    lxw_col_t value_col = summary_pairs[pair].value_first;
    char *label = office_prose(p->b, f->label);
    xlsx_note_err(p->b, worksheet_merge_range(
                            p->ws, row, summary_pairs[pair].label_first, row,
                            summary_pairs[pair].label_last, label,
                            p->b->f.label));
    free(label);
    if (summary_pairs[pair].value_last > value_col)
        xlsx_note_err(p->b, worksheet_merge_range(
                                p->ws, row, value_col, row,
                                summary_pairs[pair].value_last, "", f->fmt));
    /* LibreOffice sizes a row of merged cells to nothing: a line, set */
    set_lines(p, row, 1, p->b->f.label, false);
    if (f->formula)
        xlsx_write_formula(p->b, p->ws, row, value_col, f->formula, f->value,
                           f->fmt);
    else
        xlsx_write_number(p->b, p->ws, row, value_col, f->value, f->fmt);
}

/* The first pair of a line (summary_pair). */
static void summary_line(plan_sheet *p, lxw_row_t row, const char *label,
                         const char *formula, double value, lxw_format *fmt)
{
    summary_pair(p, row, 0, &(summary_figure){label, formula, value, fmt});
}

/* Where the quarters' ends stand on their line: each over columns wide
 * enough for a date, with Thai digits too (fit_page_width widens the
 * due date's), merged where one is not. */
static const struct {
    lxw_col_t first, last;
} quarter_cols[PLAN_QUARTERS] = {
    {PC_MEASURE, PC_MEASURE}, {PC_MONITORING, PC_UNITS},
    {PC_SUCCESS, PC_PRIORITY}, {PC_DUE, PC_DUE},
};

/* The last days of the fiscal year's quarters on one line, real date
 * cells; returns the next free row.  One line, so that the first page
 * holds the summary and the first rows of the plan. */
static lxw_row_t write_quarter_ends(plan_sheet *p, lxw_row_t row)
{
    const report *rep = xlsx_report(p->b);
    char *label = xasprintf(xlsx_tr(rep, "สิ้นไตรมาส %d–%d ปีงบประมาณ %d",
                                    "End of quarters %d–%d, fiscal year %d"),
                            1, PLAN_QUARTERS, p->plan->fiscal_year);
    summary_line(p, row, label, NULL, NAN, p->date_left);
    free(label);
    for (int q = 0; q < PLAN_QUARTERS; q++) {
        lxw_datetime end = date_cell(p->plan->quarter_end[q]);
        if (quarter_cols[q].last > quarter_cols[q].first)
            xlsx_note_err(p->b, worksheet_merge_range(
                                    p->ws, row, quarter_cols[q].first, row,
                                    quarter_cols[q].last, "", p->date_left));
        xlsx_note_err(p->b, worksheet_write_datetime(
                                p->ws, row, quarter_cols[q].first, &end,
                                p->date_left));
    }
    return row + 1;
}

/* "{84.5,91.25,...}": every item score of the office, as shown (2
 * decimals), an array constant.  The count of items below Target reads
 * the office's scores from its own formula rather than from cells: no
 * edit of the sheet's rows can touch them.  A new string. */
static char *item_scores_array(const report *rep, const office_score *s)
{
    const model *m = rep->m;
    char *out = xstrdup("{");
    for (size_t k = 0; k < m->n_items; k++) {
        char *longer = xasprintf("%s%s%.2f", out, k ? "," : "",
                                 score_round2(s->node[m->items[k]]));
        free(out);
        out = longer;
    }
    char *closed = xasprintf("%s}", out);
    free(out);
    return closed;
}

/* The summary's count below Target: of the items, from the office's
 * scores (item_scores_array), or of the indicators for an office scored
 * from published figures (issue 20). */
static void write_below_target(plan_sheet *p, lxw_row_t row)
{
    const report *rep = xlsx_report(p->b);
    const office_plan *plan = p->plan;
    if (scores_from_items(plan->score)) {
        char *scores = item_scores_array(rep, plan->score);
        char *below = xasprintf("=SUMPRODUCT(--(%s<Target))", scores);
        free(scores);
        summary_line(p, row,
                     xlsx_tr(rep, "ข้อที่ต่ำกว่าค่าเป้าหมาย",
                             "Items below Target"),
                     below, (double)plan->n_raise, p->int_left);
        free(below);
    } else {
        summary_line(p, row,
                     xlsx_tr(rep, "ตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย (คะแนนที่ประกาศ)",
                             "Indicators below Target (published figures)"),
                     NULL, (double)plan->n_raise, p->int_left);
    }
}

/* The notice across the printed width: by formula, in red, when Target
 * differs from drafted (the target the plan was drafted for), with the
 * count below it (the summary's cell in below_row). */
static void write_target_notice(plan_sheet *p, lxw_row_t row,
                                const char *drafted, lxw_row_t below_row)
{
    const report *rep = xlsx_report(p->b);
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
                                              p->n_printed - 1, "", p->b->f.note));
    xlsx_note_err(p->b, worksheet_write_formula_str(p->ws, row, 0, notice,
                                                    p->b->f.note, same));
    /* the notice when Target differs is long: as many lines as it takes
     * across the printed width, the one that says they agree a line */
    set_lines(p, row,
              xlsx_text_lines("ค่าเป้าหมายเปลี่ยนเป็น 00.00 ไม่ใช่ 00.00: "
                              "มีข้อที่ต่ำกว่าค่าเป้าหมายใหม่ 000 ข้อ "
                              "จัดทำแผนใหม่ด้วยคำสั่ง itabench -t 00.00",
                              printed_width(p), p->b->f.note->font_size),
              p->b->f.note, false);
    free(notice);
    /* in red when Target differs */
    char *differs = xasprintf("ROUND(Target,2)<>%s", drafted);
    lxw_conditional_format red = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                  .value_string = differs,
                                  .format = p->b->f.warning};
    xlsx_note_err(p->b, worksheet_conditional_format_cell(p->ws, row, 0, &red));
    free(differs);
}

/* The summary at the top: ITA, Target, the items below it (a formula on
 * the office's item scores), the ITA expected if every row reaches its
 * target score (ITA plus the points-gained column, summed whole, so that
 * rows inserted, deleted or added at the end count as they stand: that
 * column holds nothing but the rows' gains and its header), the
 * quarters' ends, the target the plan was drafted for, and a notice, by
 * formula, when Target differs from it.  Returns the next free row. */
static lxw_row_t write_summary(plan_sheet *p, lxw_row_t row)
{
    const report *rep = xlsx_report(p->b);
    const office_plan *plan = p->plan;
    double target = rep->current->target;
    lxw_format *score = p->score_left;
    char *ita_label = xasprintf("%s %d", xlsx_tr(rep, "คะแนน ITA ปี",
                                                  "ITA"),
                                rep->current->year);
    lxw_row_t ita_row = row;
    summary_line(p, row, ita_label, NULL, plan->score->ita, score);
    free(ita_label);
    summary_pair(p, row++, 1,
                 &(summary_figure){xlsx_tr(rep, "ค่าเป้าหมาย (Target)",
                                           "Target"),
                                   "=Target", target, score});
    lxw_row_t below_row = row;
    write_below_target(p, row);
    char ita[16], gains[16];
    office_cell_ref(ita, ita_row, SUMMARY_VALUE_COL, true);
    office_column_ref(gains, PC_GAIN);
    char *formula = xasprintf("=%s+SUM(%s)", ita, gains);
    summary_pair(p, row++, 1,
                 &(summary_figure){xlsx_tr(rep, "ITA หากทุกข้อถึงเป้าหมาย",
                                           "ITA if every row meets its "
                                           "target"),
                                   formula,
                                   plan->score->ita + plan->total_gain,
                                   score});
    free(formula);
    row = write_quarter_ends(p, row);
    char *drafted = target_text(target);
    char *text = rep->lang == LANG_EN
        ? xasprintf("This plan was drafted for a target of %s: %zu rows, "
                    "its analysis and target scores follow that target.",
                    drafted, plan->n_rows)
        : xasprintf("แผนนี้จัดทำสำหรับค่าเป้าหมาย %s จำนวน %zu ข้อ "
                    "ผลการวิเคราะห์และคะแนนเป้าหมายของแต่ละข้อยึดค่าเป้าหมายนี้",
                    drafted, plan->n_rows);
    wide_line(p, row++, text, p->b->f.note, false);
    free(text);
    write_target_notice(p, row, drafted, below_row);
    free(drafted);
    return row + 1;
}

/* The header row, as tall as its tallest printed header: it is printed
 * on every page, its Thai headers broken at libthai's word breaks
 * (office_print_headers); the columns outside the print as they are. */
static void write_header(plan_sheet *p, lxw_row_t row)
{
    double lines = office_print_headers(p->b, p->ws, row, p->cols,
                                        p->n_printed, PC_N_COLUMNS);
    set_lines(p, row, fmax(lines, xlsx_header_lines(p->b, p->cols,
                                                    p->n_printed)),
              p->b->f.header, true);
}

/* Page breaks: each page filled with whole rows (the header row repeated
 * by the print titles from the second page on), a heading or the header
 * never the last row of a page (glue), the sign-off block whole.  These
 * are the breaks LibreOffice and Excel would make themselves, moved up to
 * keep what is glued together; a little room is left for their rounding. */
#define PAGE_ROOM 0.98
static void plan_page_breaks(plan_sheet *p, lxw_row_t header, lxw_row_t last)
{
    double body = xlsx_print_body_height(plan_print_scale(p)) * PAGE_ROOM;
    double used = 0, top = 0;   /* top: the repeated header, once printed */
    size_t n = 0;
    lxw_row_t *breaks = xcalloc((size_t)last + 2, sizeof *breaks);
    for (lxw_row_t r = 0; r <= last;) {
        lxw_row_t end = r;
        double unit = p->height[r];
        while (p->glue[end] && end < last)
            unit += p->height[++end];
        if (used + unit > body && used > top && n < 1022) {
            breaks[n++] = r;   /* the first row of the new page */
            used = top = r > header ? p->height[header] : 0;
        }
        used += unit;
        r = end + 1;
    }
    breaks[n] = 0;   /* the list's end */
    if (n)
        xlsx_note_err(p->b, worksheet_set_h_pagebreaks(p->ws, breaks));
    free(breaks);
}

static void track_heading(plan_sheet *p, lxw_row_t end, const char *subtitle);

/* The heights of the rows, remembered from row 0 to the sign-off, each
 * one line of the body font until set. */
static void start_tracking(plan_sheet *p, lxw_row_t header,
                           const char *subtitle)
{
    size_t followers = 0;
    for (size_t i = 0; i < p->plan->n_rows; i++)
        followers += p->plan->rows[i].carried
                         ? p->plan->rows[i].carried->n_followers : 0;
    p->n_tracked = header + 8 + 3 * p->plan->n_rows + followers + 16;
    p->height = xmalloc(p->n_tracked * sizeof *p->height);
    p->glue = xcalloc(p->n_tracked, sizeof *p->glue);
    double line = xlsx_lines_height(
        1, xlsx_format(p->b, XLSX_TEXT, false)->font_size);
    for (size_t r = 0; r < p->n_tracked; r++)
        p->height[r] = line;
    track_heading(p, header - SUMMARY_ROWS, subtitle);
}

/* What the plan was drawn from, in a hidden cell above the table, so
 * that a plan edited and sent back is read as such (returned.h reads it).  A cell,
 * not a document property: every program that edits the workbook keeps
 * it. */
static void write_marker(plan_sheet *p, lxw_row_t row)
{
    const report *rep = xlsx_report(p->b);
    /* the language, items written and the rows whose lead is not the
     * library's (the alternative the schedule chose): a rerun tells edits
     * from what itabench wrote, and rows deleted (returned.h) */
    size_t len = 1;
    for (size_t i = 0; i < p->plan->n_rows; i++)
        len += 2 * (strlen(rep->m->nodes[p->plan->rows[i].item].id) + 12);
    char *items = xmalloc(len), *at = items;
    char *leads = xmalloc(len), *lead_at = leads;
    *at = *lead_at = '\0';
    for (size_t i = 0; i < p->plan->n_rows; i++) {
        const plan_row *r = &p->plan->rows[i];
        const char *id = rep->m->nodes[r->item].id;
        at += sprintf(at, "%s%s", i ? "," : "", id);
        const measure_entry *e =
            rep->measures ? measures_for_item(rep->measures, r->item) : NULL;
        int alt = e && r->lead_unit
                      ? plans_lead_alternative(e, rep->lang, r->lead_unit)
                      : 0;
        if (alt > 0)
            lead_at += sprintf(lead_at, "%s%s:%d", lead_at > leads ? "," : "",
                               id, alt);
    }
    char *marker = xasprintf("%s year=%d office=%s target=%.10g lang=%s "
                             "items=%s leads=%s",
                             PLANS_RETURN_MARKER, rep->current->year,
                             rep->r->offices[p->plan->office].code,
                             rep->current->target,
                             rep->lang == LANG_EN ? "en" : "th", items, leads);
    free(items);
    free(leads);
    xlsx_write_text(p->b, p->ws, row, PC_MARKER, marker, p->x->text_centre);
    free(marker);
}

/* Prepared, reviewed, approved: name, position, date, as Thai government
 * documents close.  Returns the last row written. */
static lxw_row_t write_sign_off(plan_sheet *p, lxw_row_t row)
{
    const report *rep = xlsx_report(p->b);
    static const struct {
        const char *role[2];
        lxw_col_t first, last;
    } blocks[] = {
        /* each block wide enough for its dotted lines, centred; each
         * starts in a column that reading a plan back does not read
         * (returned.c), or only the item's (a row is read for what it
         * holds beside it): else its lines would be read as rows the
         * district added */
        {{PLANS_SIGN_PREPARED}, PC_ITEM, PC_ANALYSIS},
        {{PLANS_SIGN_REVIEWED}, PC_SCORE, PC_UNITS},
        {{PLANS_SIGN_APPROVED}, PC_SUCCESS, PC_DUE},
    };
    /* starting with PLANS_SIGN_NAME, "(", PLANS_SIGN_POSITION and
     * PLANS_SIGN_DATE, by which reading a plan back knows them */
    static const char *const lines[][2] = {
        {"ลงชื่อ ....................................",
         "Signed ....................................."},
        {"(....................................)",
         "(.....................................)"},
        {"ตำแหน่ง ..................................",
         "Position .................................."},
        {"วันที่ ........ / ........ / ........",
         "Date ........ / ........ / ........"},
    };
    int en = rep->lang == LANG_EN;
    /* the block on one page: each of its rows glued to the next */
    for (lxw_row_t r = row; r < row + (lxw_row_t)(sizeof lines / sizeof *lines)
                             && r < p->n_tracked;
         r++)
        p->glue[r] = true;
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
    p->date_left = xlsx_derived_format(p->b, XLSX_TEXT,
                                       xlsx_date_format(xlsx_report(p->b)));
    /* not bold: four dates share the line, in the narrower columns too */
    format_set_align(p->date_left, LXW_ALIGN_LEFT);
    p->sign = xlsx_derived_format(p->b, XLSX_TEXT, "@");
    format_set_align(p->sign, LXW_ALIGN_CENTER);
}

static const char *plan_note(const report *rep);

/* The title, as Thai district plans head it, and the office with the
 * fiscal year under it (subtitle, a new string). */
static const char *plan_title(const report *rep)
{
    return xlsx_tr(rep, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                   "Internal integrity and transparency measures");
}

static char *plan_subtitle(const report *rep, const office_plan *plan)
{
    char *name = plans_office_name(rep->r, rep->lang, plan->office);
    char *out = rep->lang == LANG_EN
        ? xasprintf("%s, fiscal year B.E. %d", name, plan->fiscal_year)
        : xasprintf("%s ประจำปีงบประมาณ พ.ศ. %d", name, plan->fiscal_year);
    free(name);
    return out;
}

/* The heights of the heading's rows (office_heading: the title, the
 * subtitle, one-line warnings), as xlsx_wide_line sets them. */
static void track_heading(plan_sheet *p, lxw_row_t end, const char *subtitle)
{
    const xlsx_book *b = p->b;
    const struct {
        const char *text;
        lxw_format *fmt;
    } first[] = {{plan_title(xlsx_report(b)), b->f.title}, {subtitle, b->f.subtitle}};
    for (lxw_row_t r = 0; r < end && r < p->n_tracked; r++) {
        bool is_first = r < 2;
        const char *text = is_first ? first[r].text : NULL;
        const lxw_format *fmt = is_first ? first[r].fmt : b->f.warning;
        double lines = text && fmt->text_wrap
            ? xlsx_text_lines(text, printed_width(p), fmt->font_size) : 1;
        p->height[r] = xlsx_lines_height(lines, fmt->font_size);
    }
}

/* The instructions for editing, right of the print area at the top,
 * across the follow-up columns and down to the header row: seen by who
 * edits the plan, never printed in the document to sign. */
static void write_note(plan_sheet *p, lxw_row_t header)
{
    lxw_format *fmt = p->b->f.note;
    xlsx_note_err(p->b, worksheet_merge_range(p->ws, 0, PC_REACHED,
                                              header - 1, PC_EVIDENCE,
                                              plan_note(xlsx_report(p->b)), fmt));
}

static const char *plan_note(const report *rep)
{
    return xlsx_tr(
        rep,
        "หนึ่งแถวต่อข้อที่ได้คะแนนต่ำกว่าค่าเป้าหมาย จัดกลุ่มตามเครื่องมือและ"
        "ตัวชี้วัด (สำนักงานเขตที่ผ่านทุกข้อ: ข้อที่ต้องรักษาระดับ) ฝ่ายที่รับผิดชอบ: "
        "บรรทัดแรกเจ้าภาพหลัก ถัดไปหน่วยสนับสนุน ช่องสีเหลือง"
        "แก้ไขได้ คะแนนเป้าหมายที่แก้ที่นี่ใช้ในแผ่นเส้นทางสู่เป้าหมายด้วย "
        "ข้อการเปิดเผยข้อมูลซึ่งได้ 0 หรือ 100 มีคะแนนเป้าหมาย 100 "
        "คำอธิบายรหัสและเครื่องหมายอยู่ใต้ตาราง",
        "One row per item below the target, grouped by tool and indicator (an "
        "office with none: the items to keep up).  Responsible sections: the "
        "lead on the first line, then the supporting ones.  "
        "Yellow cells are yours to "
        "edit; a target score typed here is the one Path to target uses.  "
        "The codes and marks are explained under the table.  "
        "Disclosure items, scored 0 or 100, aim at 100.");
}

/* The evidence every row of the indicator starting at rows[first]
 * shares, when it has two rows or more, else NULL. */
static const char *shared_evidence(const office_plan *plan, size_t first)
{
    const plan_row *r = &plan->rows[first];
    size_t n = 1;
    for (size_t i = first + 1;
         i < plan->n_rows && plan->rows[i].indicator == r->indicator; i++) {
        if (strcmp(plan->rows[i].evidence, r->evidence) != 0)
            return NULL;
        n++;
    }
    return n > 1 && *r->evidence ? r->evidence : NULL;
}

/* Writes the rows of the plan from row on; returns the next free row. */
static lxw_row_t write_rows(plan_sheet *p, lxw_row_t row)
{
    const office_plan *plan = p->plan;
    int tool = -1, indicator = -1;
    const char *shared = NULL;
    for (size_t i = 0; i < plan->n_rows; i++) {
        const plan_row *r = &plan->rows[i];
        if (r->tool != tool)
            write_group_row(p, row++, tool = r->tool, NULL);
        if (r->indicator != indicator) {
            shared = shared_evidence(plan, i);
            write_group_row(p, row++, indicator = r->indicator, shared);
        }
        write_line(p, row++, plan_table,
                   (plan_line){r, r->carried, shared != NULL});
        for (size_t k = 1; r->carried && k <= r->carried->n_followers; k++)
            write_line(p, row++, follower_table,
                       (plan_line){NULL, r->carried + k, false});
    }
    return row;
}

/* The success indicator's meaning, then (plans.h) how to read the
 * analysis, the priority codes and the quarterly milestones: written once,
 * under the table, two to a paragraph.  Returns the next free row. */
static lxw_row_t write_legends(plan_sheet *p, lxw_row_t row)
{
    report_lang lang = xlsx_report(p->b)->lang;
    int ita_year = p->plan->fiscal_year;
    char *success = lang == LANG_EN
        ? xasprintf("Success indicator: the row's target score or more in "
                    "the ITA of %d, verified by the evidence named "
                    "(disclosure items: what is named, published in full, "
                    "100).",
                    ita_year)
        : xasprintf("ตัวชี้วัดความสำเร็จ: ได้ไม่ต่ำกว่าคะแนนเป้าหมายของแถวใน "
                    "ITA ปี %d ตรวจจากหลักฐานที่ระบุ (ข้อการเปิดเผยข้อมูล: "
                    "เผยแพร่สิ่งที่ระบุครบถ้วน ได้ 100)",
                    ita_year);
    char *text[][2] = {
        {success, plans_analysis_legend(lang)},
        {plans_priority_legend(lang), plans_milestone_legend(lang)},
        {plans_schedule_legend(lang), xstrdup("")},
    };
    for (size_t k = 0; k < sizeof text / sizeof *text; k++) {
        char *both = *text[k][1]
            ? xasprintf("%s  %s", text[k][0], text[k][1])
            : xstrdup(text[k][0]);
        wide_line(p, row++, both, p->b->f.note, false);
        free(both);
        free(text[k][0]);
        free(text[k][1]);
    }
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
    const report *rep = xlsx_report(b);
    office_formats x = office_formats_make(b);
    plan_sheet p = {.b = b, .ws = ws, .plan = plan, .x = &x, .cells = cells};
    make_formats(&p);
    xlsx_table_layout(plan_table, PC_N_COLUMNS, p.cols);
    if (cells)
        *cells = (office_plan_cells){.sheet = xlsx_sheet_ref(ws),
                                     .item_col = PC_ITEM,
                                     .goal_col = PC_GOAL,
                                     .gain_col = PC_GAIN};
    char *subtitle = plan_subtitle(rep, plan);
    p.n_printed = plan_has_budget(plan) ? PC_N_PRINTED : PC_BUDGET;
    fit_page_width(&p);
    /* the instructions for editing are not part of the signed document:
     * beside it, outside the print area (write_note) */
    lxw_row_t row = office_heading(
        b, ws,
        &(office_heading_text){
            .last_col = p.n_printed - 1,
            .width = printed_width(&p),
            .title = plan_title(rep),
            .subtitle = subtitle});
    /* the summary needs the rows' places: they follow the summary's
     * known number of lines (SUMMARY_ROWS) and the header row */
    lxw_row_t summary = row;
    lxw_row_t header = summary + SUMMARY_ROWS;
    office_set_widths(b, ws, p.cols, PC_N_COLUMNS);
    /* rows: the header, two headings and a row per item at most, a gap,
     * the legends, a gap and the sign-off */
    start_tracking(&p, header, subtitle);
    free(subtitle);
    xlsx_note_err(b, worksheet_set_column_opt(
                         ws, PC_MARKER, PC_MARKER,
                         xlsx_column_width(p.cols[PC_MARKER].width),
                         NULL, &(lxw_row_col_options){.hidden = 1}));
    write_header(&p, header);
    lxw_row_t end = write_rows(&p, header + 1);
    write_summary(&p, summary);
    write_marker(&p, summary);
    lxw_row_t last = write_sign_off(&p, write_legends(&p, end + 1) + 1);
    worksheet_freeze_panes(ws, header + 1, PC_SCORE);
    write_note(&p, header);
    xlsx_print_setup_scaled(b, ws, header, header, plan_print_scale(&p));
    plan_page_breaks(&p, header, last);
    free(p.height);
    free(p.glue);
    xlsx_note_err(b, worksheet_print_area(ws, 0, 0, last, p.n_printed - 1));
    office_protect(ws, protect);
    return ws;
}

void office_plan_cells_free(office_plan_cells *cells)
{
    free(cells->sheet);
    *cells = (office_plan_cells){0};
}

bool office_plan_sheets_add_all(xlsx_book *b, bool protect)
{
    const report *rep = xlsx_report(b);
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
