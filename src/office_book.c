#include "office_book.h"
#include "names.h"
#include "outfile.h"
#include "stats.h"
#include "text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* File-name parts are cut to these lengths (bytes). */
#define CODE_NAME_MAX 32
#define SLUG_NAME_MAX 64

/* Fiscal years end on 30 September: the default due date of every action
 * is the end of the plan's fiscal year. */
#define FISCAL_YEAR_END_MONTH 9
#define FISCAL_YEAR_END_DAY 30
#define BE_TO_CE 543

/* The sheets of an office workbook, in order. */
enum { SHEET_PROFILE, SHEET_ITEMS, SHEET_PLAN, SHEET_PATH, SHEET_PEERS,
       N_SHEETS };
static const struct {
    const char *th, *en;
} sheet_names[N_SHEETS] = {
    [SHEET_PROFILE] = {"ภาพรวม", "Profile"},
    [SHEET_ITEMS] = {"รายข้อ", "Items"},
    [SHEET_PLAN] = {"แผนปฏิบัติการ", "Action plan"},
    [SHEET_PATH] = {"เส้นทางสู่เป้าหมาย", "Path to target"},
    [SHEET_PEERS] = {"เทียบกลุ่มเขต", "Peers"},
};

/* Choices of the status column, in the workbook's language.  The first is
 * written in every new row. */
static const char *const status_th[] = {"ยังไม่เริ่ม", "กำลังดำเนินการ",
                                        "ดำเนินการแล้ว", NULL};
static const char *const status_en[] = {"not started", "in progress", "done",
                                        NULL};

/* Formats an office workbook needs beyond the shared ones, derived from the
 * shared formats so that the look stays the same. */
typedef struct {
    lxw_format *input_score;   /* editable number, 2 decimals */
    lxw_format *input_date;    /* editable date */
    lxw_format *weight;        /* ITA points per point: 4 decimals */
    lxw_format *group;         /* tool and indicator rows of the plan */
    lxw_format *score_centre;  /* a score between two texts */
    lxw_format *text_centre;
    lxw_format *int_centre;
    lxw_format *text_indent;   /* text after a right-aligned number */
    lxw_format *wrap_indent;
    lxw_format *reached;       /* conditional: the step reaching the target */
} extra_formats;

/* A new format with the font, alignment and (for inputs) the unlocked
 * fill of a shared kind, and its own number format. */
static lxw_format *derived_format(xlsx_book *b, xlsx_kind base_kind,
                                  const char *num_format)
{
    const lxw_format *base = xlsx_format(b, base_kind, false);
    lxw_format *f = workbook_add_format(b->wb);
    format_set_font_name(f, base->font_name);
    format_set_font_size(f, base->font_size);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (base_kind == XLSX_INPUT) {
        format_set_unlocked(f);
        format_set_text_wrap(f);
        format_set_bg_color(f, base->bg_color);
    }
    format_set_num_format(f, num_format);
    return f;
}

static extra_formats make_extra_formats(xlsx_book *b)
{
    extra_formats x;
    x.input_score = derived_format(b, XLSX_INPUT, "0.00");
    x.input_date = derived_format(b, XLSX_INPUT, "yyyy-mm-dd");
    x.weight = derived_format(b, XLSX_SCORE, "0.0000");
    x.score_centre = derived_format(b, XLSX_SCORE, "0.00");
    format_set_align(x.score_centre, LXW_ALIGN_CENTER);
    x.text_centre = derived_format(b, XLSX_TEXT, "@");
    format_set_align(x.text_centre, LXW_ALIGN_CENTER);
    x.int_centre = derived_format(b, XLSX_INT, "0");
    format_set_align(x.int_centre, LXW_ALIGN_CENTER);
    x.text_indent = derived_format(b, XLSX_TEXT, "@");
    format_set_indent(x.text_indent, 1);
    x.wrap_indent = derived_format(b, XLSX_WRAP, "@");
    format_set_indent(x.wrap_indent, 1);
    format_set_text_wrap(x.wrap_indent);
    x.group = derived_format(b, XLSX_TEXT, "@");
    format_set_bold(x.group);
    format_set_bg_color(x.group, b->f.header->bg_color);
    format_set_text_wrap(x.group);
    format_set_border(x.group, LXW_BORDER_THIN);
    x.reached = workbook_add_format(b->wb);
    format_set_bold(x.reached);
    format_set_bg_color(x.reached, b->f.pass->bg_color);
    format_set_font_color(x.reached, b->f.pass->font_color);
    format_set_border(x.reached, LXW_BORDER_MEDIUM);
    return x;
}

/* ---- office selection ---------------------------------------------- */

bool office_selection_parse(const registry *r, const char *list,
                            office_selection *sel, FILE *err)
{
    *sel = (office_selection){0};
    if (!list || !*list)
        return true;
    char *copy = xstrdup(list);
    char *save = NULL;
    bool ok = true;
    for (char *tok = strtok_r(copy, ",", &save); tok && ok;
         tok = strtok_r(NULL, ",", &save)) {
        char *name = text_clean(tok);
        if (!*name) {
            free(name);
            continue;
        }
        int found = registry_find(r, name);
        if (found < 0) {
            char *q = text_quote_short(name, 60);
            fprintf(err,
                    "itabench: --office %s: no such office in %s (give a "
                    "code, a Thai or an English name)\n",
                    q, r->path);
            free(q);
            ok = false;
        } else {
            bool seen = false;
            for (size_t i = 0; i < sel->n; i++)
                seen |= sel->offices[i] == found;
            if (!seen) {
                sel->offices = xrealloc(sel->offices,
                                        (sel->n + 1) * sizeof *sel->offices);
                sel->offices[sel->n++] = found;
            }
        }
        free(name);
    }
    free(copy);
    if (ok && sel->n == 0) {
        fprintf(err, "itabench: --office names no office\n");
        ok = false;
    }
    if (!ok)
        office_selection_free(sel);
    return ok;
}

bool office_selection_check(const office_selection *sel, const report *rep,
                            FILE *err)
{
    for (size_t i = 0; i < sel->n; i++)
        if (!scores_find(rep->current, sel->offices[i])) {
            const office *o = &rep->r->offices[sel->offices[i]];
            fprintf(err,
                    "itabench: --office %s (%s): the input has no scores of "
                    "this office for %d\n",
                    o->code, o->name_en, rep->current->year);
            return false;
        }
    return true;
}

void office_selection_free(office_selection *sel)
{
    free(sel->offices);
    *sel = (office_selection){0};
}

char *office_book_file_name(const report *rep, int office_index)
{
    const office *o = &rep->r->offices[office_index];
    char *code = names_file_component(o->code, CODE_NAME_MAX);
    char *slug = names_file_component(o->slug, SLUG_NAME_MAX);
    char *name = xasprintf("ita_%d_%s_%s.xlsx", rep->current->year, code, slug);
    free(code);
    free(slug);
    return name;
}

/* ---- shared bits ---------------------------------------------------- */

static const char *tr(const report *rep, const char *th, const char *en)
{
    return xlsx_tr(rep, th, en);
}

static const char *node_label(const report *rep, int node)
{
    const model_node *n = &rep->m->nodes[node];
    return tr(rep, n->label_th, n->label_en);
}

/* "IND1 การปฏิบัติหน้าที่" */
static char *node_title(const report *rep, int node)
{
    return xasprintf("%s %s", rep->m->nodes[node].id, node_label(rep, node));
}

static const char *grade_label(const report *rep, size_t grade)
{
    const model_grade *g = &rep->m->grades[grade];
    return tr(rep, g->label_th, g->label_en);
}

static const char *registry_office_name(const report *rep, int office_index)
{
    const office *o = &rep->r->offices[office_index];
    return tr(rep, o->name_th, o->name_en);
}

static size_t zone_size(const report *rep, int zone_index)
{
    size_t n = 0;
    for (size_t i = 0; i < rep->current->n; i++)
        n += rep->r->offices[rep->current->offices[i].office].zone == zone_index;
    return n;
}

/* Cell reference like "C12" (relative) or "$C$12" (absolute). */
static void cell_ref(char *out, lxw_row_t row, lxw_col_t col, bool absolute)
{
    if (absolute)
        lxw_rowcol_to_cell_abs(out, row, col, 1, 1);
    else
        lxw_rowcol_to_cell(out, row, col);
}

static void protect_sheet(lxw_worksheet *ws, bool protect)
{
    if (!protect)
        return;
    /* Users may still resize, filter and select; only locked content is
     * fixed. */
    lxw_protection options = {.format_columns = 1, .format_rows = 1,
                              .autofilter = 1};
    worksheet_protect(ws, NULL, &options);
}

/* ---- row heights and headings -------------------------------------
 * Rows written by libxlsxwriter keep the default height, and LibreOffice
 * does not grow them to wrapped text: wrapped cells would show one line.
 * So rows get a height from an estimate of the lines their text needs in
 * the workbook's font.  The widths are those of TH Sarabun New (and of its
 * metric twin Laksaman, which stands in for it where it is not installed),
 * in em; Thai vowel and tone marks above and below take no width.  A
 * column width unit is 7 pixels in Excel and about 9 in LibreOffice; the
 * estimate takes 8 and adds a little for lines breaking between words, so
 * that Excel shows at worst a line less and LibreOffice a line or two of
 * blank (users can still autofit a row by double-clicking its border). */
#define EM_THAI 0.54
#define EM_OTHER 0.48
#define LINE_HEIGHT_EM 1.5
#define WRAP_SLACK 1.08
#define WORD_WASTE 0.12         /* share of a line left by a word that did not fit */
#define PX_PER_WIDTH_UNIT 8.0
#define CELL_PADDING_PX 6
#define PX_PER_PT (96.0 / 72.0)
#define ROW_PADDING_PT 4
#define BOLD_WIDTH 1.1         /* bold text is about this much wider */

static bool is_thai_mark(unsigned cp)
{
    return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) ||
           (cp >= 0x0E47 && cp <= 0x0E4E);
}

/* Pixels of a column width given in Excel's character units. */
static double column_pixels(double width)
{
    return width * PX_PER_WIDTH_UNIT + 5;
}

/* Lines text needs in a cell width wide (character units), at font_pt. */
static double text_lines(const char *text, double width, double font_pt)
{
    if (!text || !*text)
        return 1;
    double room = (column_pixels(width) - CELL_PADDING_PX) * (1 - WORD_WASTE);
    double em = font_pt * PX_PER_PT;
    double lines = 0, line = 0;
    const unsigned char *p = (const unsigned char *)text;
    for (;;) {
        if (*p == '\n' || *p == '\0') {
            double need = line * WRAP_SLACK / room;
            lines += need > 1 ? ceil(need) : 1;
            line = 0;
            if (!*p++)
                break;
            continue;
        }
        unsigned cp = *p;
        size_t len = 1;
        if (*p >= 0xF0)
            cp = *p & 0x07, len = 4;
        else if (*p >= 0xE0)
            cp = *p & 0x0F, len = 3;
        else if (*p >= 0xC0)
            cp = *p & 0x1F, len = 2;
        for (size_t k = 1; k < len && p[k]; k++)
            cp = (cp << 6) | (p[k] & 0x3F);
        if (!is_thai_mark(cp))
            line += em * (cp >= 0x0E00 && cp <= 0x0E7F ? EM_THAI : EM_OTHER);
        for (size_t k = 0; k < len && *p; k++)
            p++;
    }
    return lines;
}

/* The tallest cell of a row being written, in lines of the body font. */
typedef struct {
    double lines;
} row_fit;

static void fit_text(row_fit *fit, const xlsx_book *b, const char *text,
                     double width)
{
    double lines = text_lines(text, width,
                              xlsx_format(b, XLSX_WRAP, false)->font_size);
    if (lines > fit->lines)
        fit->lines = lines;
}

/* Sets a row's height to lines of a format's font. */
static void set_row_lines(lxw_worksheet *ws, lxw_row_t row, double lines,
                          const lxw_format *font)
{
    if (lines < 1)
        lines = 1;
    worksheet_set_row(ws, row,
                      lines * font->font_size * LINE_HEIGHT_EM + ROW_PADDING_PT,
                      NULL);
}

static double columns_width(const xlsx_column *cols, size_t n)
{
    double width = 0;
    for (size_t c = 0; c < n; c++)
        width += cols[c].width;
    return width;
}

/* Column widths and formats of a layout.  Columns users fill in get the
 * plain wrapped format: only the cells of the table are unlocked and
 * coloured, not the whole column down to row 1,048,576. */
static void set_widths(xlsx_book *b, lxw_worksheet *ws, const xlsx_column *cols,
                       size_t n)
{
    for (size_t c = 0; c < n; c++) {
        xlsx_kind kind = cols[c].kind == XLSX_INPUT ? XLSX_WRAP : cols[c].kind;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width,
                             xlsx_format(b, kind, false));
    }
}

/* The height of a header row: its tallest header text. */
static void fit_header_row(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                           const xlsx_column *cols, size_t n)
{
    row_fit fit = {1};
    for (size_t c = 0; c < n; c++)
        fit_text(&fit, b, tr(b->rep, cols[c].th, cols[c].en),
                 cols[c].width / BOLD_WIDTH);
    set_row_lines(ws, row, fit.lines, b->f.header);
}

/* Writes text in fmt across columns 0..last_col (merged when more than
 * one), with the row as tall as the text needs over width characters. */
static void write_wide_line(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t last_col, double width, const char *text,
                            lxw_format *fmt)
{
    if (last_col > 0)
        worksheet_merge_range(ws, row, 0, row, last_col, "", fmt);
    xlsx_write_text(b, ws, row, 0, text, fmt);
    set_row_lines(ws, row,
                  fmt->text_wrap ? text_lines(text, width, fmt->font_size) : 1,
                  fmt);
}

/* Title, subtitle, the synthetic-data warning and a note, each across the
 * sheet's columns 0..last_col (width characters in all); returns the next
 * free row.  Also makes the sheet's default row one line of body text. */
static lxw_row_t write_heading(xlsx_book *b, lxw_worksheet *ws,
                               lxw_col_t last_col, double width,
                               const char *title, const char *subtitle,
                               const char *note)
{
    /* every row at least one line of the body font */
    const lxw_format *body = xlsx_format(b, XLSX_TEXT, false);
    worksheet_set_default_row(
        ws, body->font_size * LINE_HEIGHT_EM + ROW_PADDING_PT, LXW_FALSE);
    lxw_row_t row = 0;
    write_wide_line(b, ws, row++, last_col, width, title, b->f.title);
    if (subtitle)
        write_wide_line(b, ws, row++, last_col, width, subtitle,
                        b->f.subtitle);
    if (b->rep->synthetic)
        write_wide_line(b, ws, row++, last_col, width,
                        tr(b->rep,
                           "ข้อมูลตัวอย่างสังเคราะห์ ไม่ใช่ผลการประเมินจริง"
                           "ของหน่วยงานใด",
                           "Synthetic sample data: not any office's real "
                           "result"),
                        b->f.warning);
    if (note)
        write_wide_line(b, ws, row++, last_col, width, note, b->f.note);
    return row;
}

/* ---- Action plan ---------------------------------------------------- */

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
                            const extra_formats *x, const office_plan *plan,
                            int node)
{
    char *title = node_title(b->rep, node);
    char *text = xasprintf("%s: %.2f", title,
                           score_round2(plan->score->node[node]));
    write_wide_line(b, ws, row, N_PLAN_COLUMNS - 1,
                    columns_width(plan_columns, N_PLAN_COLUMNS), text,
                    x->group);
    free(text);
    free(title);
}

static char *units_text(const report *rep, const plan_row *r)
{
    if (!*r->support)
        return xasprintf("%s: %s", tr(rep, "เจ้าภาพหลัก", "Lead"), r->lead);
    return xasprintf("%s: %s\n%s: %s", tr(rep, "เจ้าภาพหลัก", "Lead"), r->lead,
                     tr(rep, "สนับสนุน", "Support"), r->support);
}

static void write_plan_row(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                           const extra_formats *x, const plan_row *r,
                           const lxw_datetime *due)
{
    const report *rep = b->rep;
    size_t n_priorities;
    const plan_priority *priorities = plans_priorities(&n_priorities);
    lxw_format *wrap = xlsx_format(b, XLSX_WRAP, false);
    lxw_format *input = xlsx_format(b, XLSX_INPUT, false);

    row_fit fit = {1};
    xlsx_write_text(b, ws, row, PC_ITEM, rep->m->nodes[r->item].id,
                    xlsx_format(b, XLSX_TEXT, false));
    xlsx_write_text(b, ws, row, PC_LABEL, node_label(rep, r->item), wrap);
    fit_text(&fit, b, node_label(rep, r->item), plan_columns[PC_LABEL].width);
    fit_text(&fit, b, r->analysis, plan_columns[PC_ANALYSIS].width);
    xlsx_write_number(ws, row, PC_SCORE, r->score, x->score_centre);
    xlsx_write_text(b, ws, row, PC_ANALYSIS, r->analysis, x->wrap_indent);
    char *measure = r->unpublished && *r->publish
        ? xasprintf("%s: %s\n%s", tr(rep, "ต้องเผยแพร่", "Publish"),
                    r->publish, r->measure)
        : xstrdup(r->measure);
    xlsx_write_text(b, ws, row, PC_MEASURE, measure, input);
    fit_text(&fit, b, measure, plan_columns[PC_MEASURE].width);
    free(measure);
    char *monitoring = xasprintf("%s\n%s", r->timeframe, r->monitoring);
    xlsx_write_text(b, ws, row, PC_MONITORING, monitoring, input);
    fit_text(&fit, b, monitoring, plan_columns[PC_MONITORING].width);
    free(monitoring);
    char *units = units_text(rep, r);
    xlsx_write_text(b, ws, row, PC_UNITS, units, input);
    fit_text(&fit, b, units, plan_columns[PC_UNITS].width);
    free(units);
    xlsx_write_number(ws, row, PC_GAIN, r->gain, x->score_centre);
    xlsx_write_text(b, ws, row, PC_PRIORITY,
                    priorities[r->priority].label[rep->lang == LANG_EN],
                    x->text_centre);
    xlsx_write_number(ws, row, PC_GOAL, r->goal, x->score_centre);
    const char *const *status = rep->lang == LANG_EN ? status_en : status_th;
    xlsx_write_text(b, ws, row, PC_STATUS, status[0], input);
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
                              .value_list = (char **)status};
    worksheet_data_validation_cell(ws, row, PC_STATUS, &dv);
    xlsx_write_text(b, ws, row, PC_OWNER, NULL, input);
    worksheet_write_datetime(ws, row, PC_DUE, (lxw_datetime *)due,
                             x->input_date);
    set_row_lines(ws, row, fit.lines, wrap);
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
    extra_formats x = make_extra_formats(b);
    int year = rep->current->year;
    char *name = plans_office_name(rep, plan->office);
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
        tr(rep,
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
    double width = columns_width(plan_columns, N_PLAN_COLUMNS);
    lxw_row_t row = write_heading(b, ws, N_PLAN_COLUMNS - 1, width, title,
                                  subtitle, note);
    free(title);
    free(subtitle);
    free(name);
    row++;
    lxw_row_t header = row++;
    set_widths(b, ws, plan_columns, N_PLAN_COLUMNS);
    xlsx_write_headers(b, ws, header, 0, plan_columns, N_PLAN_COLUMNS);
    fit_header_row(b, ws, header, plan_columns, N_PLAN_COLUMNS);
    lxw_datetime due = {.year = year + 1 - BE_TO_CE,
                        .month = FISCAL_YEAR_END_MONTH,
                        .day = FISCAL_YEAR_END_DAY};
    int tool = -1, indicator = -1;
    for (size_t i = 0; i < plan->n_rows; i++) {
        const plan_row *r = &plan->rows[i];
        if (r->tool != tool)
            write_group_row(b, ws, row++, &x, plan, tool = r->tool);
        if (r->indicator != indicator)
            write_group_row(b, ws, row++, &x, plan, indicator = r->indicator);
        write_plan_row(b, ws, row++, &x, r, &due);
    }
    if (plan->n_rows == 0)
        xlsx_write_text(b, ws, row++, 0,
                        tr(rep, "ทุกข้อได้คะแนนถึงค่าเป้าหมายแล้ว",
                           "Every item reaches the target."),
                        b->f.note);
    worksheet_freeze_panes(ws, header + 1, PC_SCORE + 1);
    xlsx_print_setup(b, ws, header, header);
    protect_sheet(ws, protect);
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

/* ---- Profile -------------------------------------------------------- */

enum { PF_LABEL, PF_SCORE, PF_CITY_MEDIAN, PF_ZONE_MEDIAN, PF_BEST,
       PF_BEST_SCORE, PF_PERCENTILE, PF_Z, PF_TARGET, PF_GAP, PF_RANK,
       N_PROFILE_COLUMNS };

static const xlsx_column profile_columns[N_PROFILE_COLUMNS] = {
    [PF_LABEL] = {"ตัวชี้วัด", "Measure", 34, XLSX_WRAP},
    [PF_SCORE] = {"คะแนน", "Score", 9, XLSX_SCORE},
    [PF_CITY_MEDIAN] = {"มัธยฐานทุกเขต", "City median", 9, XLSX_SCORE},
    [PF_ZONE_MEDIAN] = {"มัธยฐานกลุ่มเขต", "Zone median", 9, XLSX_SCORE},
    [PF_BEST] = {"เขตที่ดีที่สุด", "Best office", 16, XLSX_WRAP},
    [PF_BEST_SCORE] = {"คะแนนสูงสุด", "Best score", 9, XLSX_SCORE},
    [PF_PERCENTILE] = {"เปอร์เซ็นไทล์", "Percentile", 10, XLSX_SCORE},
    [PF_Z] = {"ค่า z", "z-score", 8, XLSX_SCORE},
    [PF_TARGET] = {"ค่าเป้าหมาย", "Target", 9, XLSX_SCORE},
    [PF_GAP] = {"ห่างจากเป้าหมาย", "Gap to target", 9, XLSX_SCORE},
    [PF_RANK] = {"อันดับ", "Rank", 8, XLSX_INT},
};

/* Where other sheets' cells that Profile refers to are. */
typedef struct {
    char *items_sheet;          /* quoted sheet name */
    lxw_row_t items_first, items_last;
    lxw_col_t items_pass_col;
    char *path_sheet;
    lxw_row_t path_steps_row;
    lxw_col_t path_steps_col;
} book_refs;

/* Writes a label in column 0 and returns the row. */
static void write_label(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                        const char *th, const char *en)
{
    xlsx_write_text(b, ws, row, 0, tr(b->rep, th, en), b->f.label);
}

static void write_profile_summary(xlsx_book *b, const extra_formats *x,
                                  lxw_worksheet *ws, lxw_row_t *row,
                                  const office_plan *plan,
                                  const book_refs *refs)
{
    const report *rep = b->rep;
    const office_score *s = plan->score;
    const office *o = &rep->r->offices[plan->office];
    lxw_format *score = x->score_centre;
    lxw_format *integer = x->int_centre;
    lxw_format *text = x->text_indent;
    char ita[16], formula[256];

    write_label(b, ws, *row, "ค่าเป้าหมาย", "Target");
    xlsx_define_target(b, ws, *row, PF_SCORE);
    xlsx_write_text(b, ws, (*row)++, PF_CITY_MEDIAN,
                    tr(rep, "แก้ไขได้: สูตรในแฟ้มนี้อ้างอิงช่องนี้",
                       "Editable: the formulas of this file use this cell"),
                    text);

    lxw_row_t ita_row = *row;
    cell_ref(ita, ita_row, PF_SCORE, true);
    write_label(b, ws, *row, "คะแนน ITA", "ITA score");
    xlsx_write_number(ws, (*row)++, PF_SCORE, s->ita, score);

    write_label(b, ws, *row, "ระดับผลการประเมิน", "Grade");
    xlsx_write_text(b, ws, *row, PF_SCORE, rep->m->grades[s->grade].id,
                    x->text_centre);
    xlsx_write_text(b, ws, (*row)++, PF_CITY_MEDIAN,
                    grade_label(rep, s->grade), text);

    write_label(b, ws, *row, "ผ่านค่าเป้าหมาย", "Passes the target");
    snprintf(formula, sizeof formula, "=IF(ROUND(%s,2)>=Target,1,0)", ita);
    xlsx_write_formula(ws, *row, PF_SCORE, formula, s->pass,
                       xlsx_format(b, XLSX_FLAG, false));
    xlsx_pass_colours(b, ws, *row, PF_SCORE, *row, PF_SCORE);
    (*row)++;

    write_label(b, ws, *row, "ห่างจากค่าเป้าหมาย", "Gap to target");
    snprintf(formula, sizeof formula, "=MAX(0,Target-ROUND(%s,2))", ita);
    xlsx_write_formula(ws, (*row)++, PF_SCORE, formula, s->gap, score);

    char *of = xasprintf(tr(rep, "จาก %zu สำนักงานเขต", "of %zu offices"),
                         rep->current->n);
    write_label(b, ws, *row, "อันดับในทุกเขต", "Rank in the city");
    xlsx_write_number(ws, *row, PF_SCORE, s->rank, integer);
    xlsx_write_text(b, ws, (*row)++, PF_CITY_MEDIAN, of, text);
    free(of);
    const zone *z = &rep->r->zones[o->zone];
    of = xasprintf(tr(rep, "จาก %zu สำนักงานเขตใน%s", "of %zu offices in %s"),
                   zone_size(rep, o->zone), tr(rep, z->name_th, z->name_en));
    write_label(b, ws, *row, "อันดับในกลุ่มเขต", "Rank in the zone");
    xlsx_write_number(ws, *row, PF_SCORE, s->zone_rank, integer);
    xlsx_write_text(b, ws, (*row)++, PF_CITY_MEDIAN, of, text);
    free(of);

    write_label(b, ws, *row, "ข้อที่ต่ำกว่าค่าเป้าหมาย", "Items below the target");
    char first[16], last[16];
    cell_ref(first, refs->items_first, refs->items_pass_col, true);
    cell_ref(last, refs->items_last, refs->items_pass_col, true);
    snprintf(formula, sizeof formula, "=COUNTIF(%s!%s:%s,0)",
             refs->items_sheet, first, last);
    xlsx_write_formula(ws, (*row)++, PF_SCORE, formula,
                       (double)s->items_below, integer);

    write_label(b, ws, *row, "ข้อที่ต้องยกระดับจนถึงค่าเป้าหมาย",
                "Items to fix to reach the target");
    char steps[16];
    cell_ref(steps, refs->path_steps_row, refs->path_steps_col, true);
    snprintf(formula, sizeof formula, "=%s!%s", refs->path_sheet, steps);
    if (plan->steps_to_target == PLANS_UNREACHABLE)
        worksheet_write_formula_str(ws, *row, PF_SCORE, formula, integer, "-");
    else
        xlsx_write_formula(ws, *row, PF_SCORE, formula,
                           (double)plan->steps_to_target, integer);
    xlsx_write_text(b, ws, (*row)++, PF_CITY_MEDIAN,
                    tr(rep, "ตามลำดับในแผ่นงานเส้นทางสู่เป้าหมาย",
                       "in the order of the Path to target sheet"),
                    text);

    write_label(b, ws, *row, "คะแนน ITA ที่เพิ่มได้ทั้งหมด",
                "ITA points available");
    xlsx_write_number(ws, (*row)++, PF_SCORE, plan->total_gain, score);
}

/* The measures of the profile table: ITA, then every tool, then every
 * indicator (kept together for the radar chart). */
static size_t profile_measures(const model *m, size_t *out)
{
    size_t n = 0;
    out[n++] = STATS_ITA;
    for (size_t t = 0; t < m->n_tools; t++)
        out[n++] = 1 + (size_t)m->tools[t];
    for (size_t i = 0; i < m->n_indicators; i++)
        out[n++] = 1 + (size_t)m->indicators[i];
    return n;
}

static void write_profile_row(xlsx_book *b, const extra_formats *x,
                              lxw_worksheet *ws, lxw_row_t row,
                              const office_plan *plan, size_t measure)
{
    const report *rep = b->rep;
    const year_scores *ys = rep->current;
    const city_stats *cs = rep->stats;
    const office_score *s = plan->score;
    const stats_summary *sum = &cs->city[measure];
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    int zone_index = rep->r->offices[plan->office].zone;
    double value = stats_value(ys, s, measure);

    char *label = measure == STATS_ITA
        ? xstrdup("ITA")
        : node_title(rep, (int)measure - 1);
    xlsx_write_text(b, ws, row, PF_LABEL, label, xlsx_format(b, XLSX_WRAP, false));
    row_fit fit = {1};
    fit_text(&fit, b, label, profile_columns[PF_LABEL].width);
    free(label);
    xlsx_write_number(ws, row, PF_SCORE, value, score);
    xlsx_write_number(ws, row, PF_CITY_MEDIAN, sum->median, score);
    xlsx_write_number(ws, row, PF_ZONE_MEDIAN,
                      cs->zone_median[(size_t)zone_index * cs->n_measures +
                                      measure],
                      score);
    const office_score *best = &ys->offices[sum->best];
    xlsx_write_text(b, ws, row, PF_BEST, registry_office_name(rep, best->office),
                    x->wrap_indent);
    fit_text(&fit, b, registry_office_name(rep, best->office),
             profile_columns[PF_BEST].width);
    set_row_lines(ws, row, fit.lines, score);
    xlsx_write_number(ws, row, PF_BEST_SCORE, stats_value(ys, best, measure),
                      score);
    xlsx_write_number(ws, row, PF_PERCENTILE,
                      stats_percentile(cs, measure, value), score);
    xlsx_write_number(ws, row, PF_Z, stats_zscore(cs, measure, value), score);
    xlsx_write_formula(ws, row, PF_TARGET, "=Target", ys->target, score);
    char cell[16], formula[64];
    cell_ref(cell, row, PF_SCORE, false);
    snprintf(formula, sizeof formula, "=MAX(0,Target-ROUND(%s,2))", cell);
    double gap = ys->target - score_round2(value);
    xlsx_write_formula(ws, row, PF_GAP, formula, gap > 0 ? score_round2(gap) : 0,
                       score);
    xlsx_write_number(ws, row, PF_RANK, stats_rank(cs, measure, value),
                      xlsx_format(b, XLSX_INT, false));
}

static void add_radar_chart(xlsx_book *b, lxw_worksheet *ws, lxw_row_t at,
                            lxw_row_t first, lxw_row_t last)
{
    const report *rep = b->rep;
    lxw_chart *chart = workbook_add_chart(b->wb, LXW_CHART_RADAR);
    if (!chart)
        return;
    lxw_chart_font font = {.name = (char *)rep->font, .size = 12};
    lxw_chart_font title_font = {.name = (char *)rep->font, .size = 14,
                                 .bold = LXW_TRUE};
    static const struct {
        lxw_col_t col;
        const char *th, *en;
        lxw_color_t colour;
    } series[] = {
        {PF_SCORE, "สำนักงานเขตนี้", "This office", 0x1F4E79},
        {PF_CITY_MEDIAN, "มัธยฐานทุกเขต", "City median", 0x7F7F7F},
        {PF_TARGET, "ค่าเป้าหมาย", "Target", 0xC00000},
    };
    for (size_t i = 0; i < sizeof series / sizeof *series; i++) {
        lxw_chart_series *sr = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(sr, ws->name, first, PF_LABEL, last,
                                    PF_LABEL);
        chart_series_set_values(sr, ws->name, first, series[i].col, last,
                                series[i].col);
        chart_series_set_name(sr, tr(rep, series[i].th, series[i].en));
        lxw_chart_line line = {.color = series[i].colour, .width = 2};
        if (series[i].col == PF_TARGET)
            line.dash_type = LXW_CHART_LINE_DASH_DASH;
        chart_series_set_line(sr, &line);
    }
    chart_title_set_name(chart, tr(rep, "ตัวชี้วัดเทียบมัธยฐานทุกเขตและค่าเป้าหมาย",
                                   "Indicators against the city median and "
                                   "the target"));
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(chart, &font);
    chart_axis_set_num_font(chart->x_axis, &font);
    chart_axis_set_num_font(chart->y_axis, &font);
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_max(chart->y_axis, 100);
    lxw_chart_options options = {.x_scale = 1.6, .y_scale = 1.7,
                                 .x_offset = 4, .y_offset = 8};
    worksheet_insert_chart_opt(ws, at, PF_LABEL, chart, &options);
}

static void write_profile(xlsx_book *b, const extra_formats *x,
                          lxw_worksheet *ws, const office_plan *plan,
                          const book_refs *refs, bool protect)
{
    const report *rep = b->rep;
    const model *m = rep->m;
    const office *o = &rep->r->offices[plan->office];
    char *name = plans_office_name(rep, plan->office);
    char *title = xasprintf(tr(rep, "%s: ผลการประเมิน ITA ปีงบประมาณ พ.ศ. %d",
                               "%s: ITA results, fiscal year B.E. %d"),
                            name, rep->current->year);
    const zone *z = &rep->r->zones[o->zone];
    char *subtitle = xasprintf(tr(rep, "รหัส %s · %s · เทียบกับ %zu สำนักงานเขต",
                                  "Code %s · %s · compared with %zu offices"),
                               o->code, tr(rep, z->name_th, z->name_en),
                               rep->current->n);
    lxw_row_t row = write_heading(
        b, ws, N_PROFILE_COLUMNS - 1,
        columns_width(profile_columns, N_PROFILE_COLUMNS), title, subtitle,
        NULL);
    free(title);
    free(subtitle);
    free(name);
    row++;
    set_widths(b, ws, profile_columns, N_PROFILE_COLUMNS);
    write_profile_summary(b, x, ws, &row, plan, refs);
    row++;

    size_t *measures = xmalloc((1 + m->n_tools + m->n_indicators) *
                               sizeof *measures);
    size_t n = profile_measures(m, measures);
    lxw_row_t header = row;
    xlsx_add_table(b, ws, header, 0, n, profile_columns, N_PROFILE_COLUMNS,
                   "Profile");
    fit_header_row(b, ws, header, profile_columns, N_PROFILE_COLUMNS);
    for (size_t i = 0; i < n; i++)
        write_profile_row(b, x, ws, header + 1 + (lxw_row_t)i, plan,
                          measures[i]);
    free(measures);
    xlsx_grade_colours(b, ws, header + 1, PF_SCORE, header + (lxw_row_t)n,
                       PF_SCORE, true);
    lxw_row_t first_indicator = header + 2 + (lxw_row_t)m->n_tools;
    if (m->n_indicators >= 3)
        add_radar_chart(b, ws, header + (lxw_row_t)n + 2, first_indicator,
                        first_indicator + (lxw_row_t)m->n_indicators - 1);
    xlsx_print_setup(b, ws, XLSX_NO_REPEAT, XLSX_NO_REPEAT);
    protect_sheet(ws, protect);
}

/* ---- Items ---------------------------------------------------------- */

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

static void write_items(xlsx_book *b, const extra_formats *x,
                        lxw_worksheet *ws, const office_plan *plan,
                        book_refs *refs, bool protect)
{
    const report *rep = b->rep;
    const model *m = rep->m;
    const year_scores *ys = rep->current;
    const city_stats *cs = rep->stats;
    const office_score *s = plan->score;
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    lxw_format *wrap = xlsx_format(b, XLSX_WRAP, false);
    lxw_format *text = xlsx_format(b, XLSX_TEXT, false);
    int zone_index = rep->r->offices[plan->office].zone;
    char *name = plans_office_name(rep, plan->office);
    char *title = xasprintf(tr(rep, "%s: คะแนนรายข้อ", "%s: item scores"), name);
    free(name);
    lxw_row_t row = write_heading(
        b, ws, N_ITEM_COLUMNS - 1, columns_width(item_columns, N_ITEM_COLUMNS),
        title, NULL,
        tr(rep,
           "ทุกข้อของแบบประเมิน ช่องห่างจากเป้าหมายและผ่านค่าเป้าหมายเป็นสูตรที่"
           "อ้างอิงช่องค่าเป้าหมาย (Target) ในแผ่นงานภาพรวม",
           "Every item of the model.  Gap and meets-the-target are formulas "
           "on the Target cell of the Profile sheet."));
    free(title);
    row++;
    lxw_row_t header = row;
    set_widths(b, ws, item_columns, N_ITEM_COLUMNS);
    xlsx_add_table(b, ws, header, 0, m->n_items, item_columns, N_ITEM_COLUMNS,
                   "Items");
    fit_header_row(b, ws, header, item_columns, N_ITEM_COLUMNS);
    for (size_t k = 0; k < m->n_items; k++) {
        int item = m->items[k];
        const model_node *n = &m->nodes[item];
        size_t measure = 1 + (size_t)item;
        const stats_summary *sum = &cs->city[measure];
        lxw_row_t r = header + 1 + (lxw_row_t)k;
        double value = s->node[item];
        row_fit fit = {1};
        xlsx_write_text(b, ws, r, IC_TOOL, m->nodes[n->tool].id, text);
        char *ind = node_title(rep, n->indicator);
        xlsx_write_text(b, ws, r, IC_INDICATOR, ind, wrap);
        fit_text(&fit, b, ind, item_columns[IC_INDICATOR].width);
        free(ind);
        xlsx_write_text(b, ws, r, IC_ITEM, n->id, text);
        xlsx_write_text(b, ws, r, IC_LABEL, node_label(rep, item), wrap);
        fit_text(&fit, b, node_label(rep, item), item_columns[IC_LABEL].width);
        xlsx_write_number(ws, r, IC_SCORE, value, score);
        xlsx_write_number(ws, r, IC_CITY_MEDIAN, sum->median, score);
        xlsx_write_number(ws, r, IC_ZONE_MEDIAN,
                          cs->zone_median[(size_t)zone_index * cs->n_measures +
                                          measure],
                          score);
        const office_score *best = &ys->offices[sum->best];
        xlsx_write_text(b, ws, r, IC_BEST, registry_office_name(rep, best->office),
                        x->wrap_indent);
        fit_text(&fit, b, registry_office_name(rep, best->office),
                 item_columns[IC_BEST].width);
        set_row_lines(ws, r, fit.lines, wrap);
        xlsx_write_number(ws, r, IC_BEST_SCORE, best->node[item], score);
        xlsx_write_number(ws, r, IC_PERCENTILE,
                          stats_percentile(cs, measure, value), score);
        char cell[16], formula[96];
        cell_ref(cell, r, IC_SCORE, false);
        double gap = ys->target - score_round2(value);
        snprintf(formula, sizeof formula, "=MAX(0,Target-ROUND(%s,2))", cell);
        xlsx_write_formula(ws, r, IC_GAP, formula,
                           gap > 0 ? score_round2(gap) : 0, score);
        snprintf(formula, sizeof formula, "=IF(ROUND(%s,2)>=Target,1,0)", cell);
        xlsx_write_formula(ws, r, IC_PASS, formula, gap <= 0,
                           xlsx_format(b, XLSX_FLAG, false));
        xlsx_write_number(ws, r, IC_WEIGHT, n->ita_weight, x->weight);
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
    protect_sheet(ws, protect);
}

/* ---- Path to target ------------------------------------------------- */

enum { TC_STEP, TC_ITEM, TC_LABEL, TC_INDICATOR, TC_SCORE, TC_PLANNED,
       TC_WEIGHT, TC_GAIN, TC_PROJECTED, TC_PASSES, N_PATH_COLUMNS };

static const xlsx_column path_columns[N_PATH_COLUMNS] = {
    [TC_STEP] = {"ขั้น", "Step", 6, XLSX_INT},
    [TC_ITEM] = {"ข้อ", "Item", 6, XLSX_TEXT},
    [TC_LABEL] = {"ข้อคำถาม", "Question", 36, XLSX_WRAP},
    [TC_INDICATOR] = {"ตัวชี้วัด", "Indicator", 20, XLSX_WRAP},
    [TC_SCORE] = {"คะแนนปัจจุบัน", "Current score", 10, XLSX_SCORE},
    [TC_PLANNED] = {"คะแนนที่วางแผน", "Planned score", 10, XLSX_INPUT},
    [TC_WEIGHT] = {"คะแนน ITA ต่อ 1 คะแนน", "ITA points per point", 10,
                   XLSX_SCORE},
    [TC_GAIN] = {"คะแนน ITA ที่เพิ่ม", "ITA points gained", 10, XLSX_SCORE},
    [TC_PROJECTED] = {"ITA ที่คาดการณ์", "Projected ITA", 10, XLSX_SCORE},
    [TC_PASSES] = {"ถึงค่าเป้าหมาย", "Meets the target", 10, XLSX_FLAG},
};

static void write_path(xlsx_book *b, const extra_formats *x,
                       lxw_worksheet *ws, const office_plan *plan,
                       book_refs *refs, bool protect)
{
    const report *rep = b->rep;
    const model *m = rep->m;
    const office_score *s = plan->score;
    double target = rep->current->target;
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    lxw_format *flag = xlsx_format(b, XLSX_FLAG, false);
    char *name = plans_office_name(rep, plan->office);
    char *title = xasprintf(tr(rep, "%s: เส้นทางสู่ค่าเป้าหมาย",
                               "%s: path to the target"),
                            name);
    free(name);
    lxw_row_t row = write_heading(
        b, ws, N_PATH_COLUMNS - 1, columns_width(path_columns, N_PATH_COLUMNS),
        title, NULL,
                    tr(rep,
                       "ข้อที่ต่ำกว่าค่าเป้าหมาย เรียงตามคะแนน ITA ที่เพิ่มได้ "
                       "(มากไปน้อย) คะแนน ITA ที่เพิ่ม = น้ำหนักของข้อ × (คะแนน"
                       "ที่วางแผน − คะแนนปัจจุบัน) แก้คะแนนที่วางแผน (ช่องสีเหลือง) "
                       "แล้ว ITA ที่คาดการณ์จะคำนวณใหม่ แถวที่ถึงค่าเป้าหมายเป็นครั้ง"
                       "แรกมีกรอบสีเขียว",
                       "Items below the target, most ITA points first.  "
                       "Points gained = the item's weight × (planned score − "
                       "current score).  Change a planned score (yellow) and "
                       "the projected ITA follows; the step where it first "
                       "meets the target is framed in green."));
    free(title);
    row++;

    /* the summary: ITA now, the target, the steps needed */
    write_label(b, ws, row, "คะแนน ITA ปัจจุบัน", "ITA now");
    xlsx_write_number(ws, row++, TC_SCORE, s->ita, score);
    write_label(b, ws, row, "ค่าเป้าหมาย", "Target");
    xlsx_write_formula(ws, row++, TC_SCORE, "=Target", target, score);
    lxw_row_t steps_row = row++;
    write_label(b, ws, steps_row, "จำนวนข้อที่ต้องยกระดับจนถึงค่าเป้าหมาย",
                "Steps needed to meet the target");
    row++;

    lxw_row_t header = row;
    size_t n = plan->n_rows;
    set_widths(b, ws, path_columns, N_PATH_COLUMNS);
    worksheet_set_column(ws, TC_WEIGHT, TC_WEIGHT, path_columns[TC_WEIGHT].width,
                         x->weight);
    xlsx_add_table(b, ws, header, 0, n + 1, path_columns, N_PATH_COLUMNS,
                   "Path");
    fit_header_row(b, ws, header, path_columns, N_PATH_COLUMNS);
    /* step 0: where the office stands */
    lxw_row_t start = header + 1;
    xlsx_write_number(ws, start, TC_STEP, 0, x->int_centre);
    xlsx_write_text(b, ws, start, TC_LABEL,
                    tr(rep, "คะแนน ITA ปัจจุบัน", "ITA now"),
                    xlsx_format(b, XLSX_WRAP, false));
    xlsx_write_number(ws, start, TC_PROJECTED, s->ita, score);
    char cell[16], prev[16], formula[160];
    cell_ref(cell, start, TC_PROJECTED, false);
    snprintf(formula, sizeof formula, "=IF(ROUND(%s,2)>=Target,1,0)", cell);
    xlsx_write_formula(ws, start, TC_PASSES, formula,
                       score_round2(s->ita) >= target, flag);
    for (size_t k = 0; k < n; k++) {
        const plan_row *r = &plan->rows[plan->path[k]];
        lxw_row_t at = start + 1 + (lxw_row_t)k;
        xlsx_write_number(ws, at, TC_STEP, (double)(k + 1), x->int_centre);
        xlsx_write_text(b, ws, at, TC_ITEM, m->nodes[r->item].id,
                        xlsx_format(b, XLSX_TEXT, false));
        xlsx_write_text(b, ws, at, TC_LABEL, node_label(rep, r->item),
                        xlsx_format(b, XLSX_WRAP, false));
        char *ind = node_title(rep, r->indicator);
        xlsx_write_text(b, ws, at, TC_INDICATOR, ind,
                        xlsx_format(b, XLSX_WRAP, false));
        row_fit fit = {1};
        fit_text(&fit, b, node_label(rep, r->item), path_columns[TC_LABEL].width);
        fit_text(&fit, b, ind, path_columns[TC_INDICATOR].width);
        set_row_lines(ws, at, fit.lines, score);
        free(ind);
        xlsx_write_number(ws, at, TC_SCORE, r->score, score);
        xlsx_write_number(ws, at, TC_PLANNED, r->goal, x->input_score);
        xlsx_write_number(ws, at, TC_WEIGHT, r->ita_weight, x->weight);
        char w[16], planned[16], current[16];
        cell_ref(w, at, TC_WEIGHT, false);
        cell_ref(planned, at, TC_PLANNED, false);
        cell_ref(current, at, TC_SCORE, false);
        snprintf(formula, sizeof formula, "=%s*(%s-%s)", w, planned, current);
        xlsx_write_formula(ws, at, TC_GAIN, formula, r->gain, score);
        cell_ref(prev, at - 1, TC_PROJECTED, false);
        char gain[16];
        cell_ref(gain, at, TC_GAIN, false);
        snprintf(formula, sizeof formula, "=%s+%s", prev, gain);
        xlsx_write_formula(ws, at, TC_PROJECTED, formula, plan->projected[k],
                           score);
        cell_ref(cell, at, TC_PROJECTED, false);
        snprintf(formula, sizeof formula, "=IF(ROUND(%s,2)>=Target,1,0)", cell);
        xlsx_write_formula(ws, at, TC_PASSES, formula,
                           score_round2(plan->projected[k]) >= target, flag);
    }
    lxw_row_t last = start + (lxw_row_t)n;
    xlsx_pass_colours(b, ws, start, TC_PASSES, last, TC_PASSES);
    /* The first step that meets the target: it passes, the one before
     * does not. */
    if (n > 0) {
        char here[16], before[16];
        cell_ref(here, start + 1, TC_PASSES, false);
        cell_ref(before, start, TC_PASSES, false);
        /* column-absolute so the rule holds across the whole row */
        char *rule = xasprintf("=AND($%s=1,$%s=0)", here, before);
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                     .value_string = rule,
                                     .format = x->reached};
        worksheet_conditional_format_range(ws, start + 1, TC_STEP, last,
                                           TC_PASSES, &cf);
        free(rule);
    }
    /* steps needed: 0 when the office already meets the target */
    char first[16], lastc[16];
    cell_ref(first, start, TC_PASSES, true);
    cell_ref(lastc, last, TC_PASSES, true);
    snprintf(formula, sizeof formula,
             "=IFERROR(MATCH(1,%s:%s,0)-1,\"-\")", first, lastc);
    if (plan->steps_to_target == PLANS_UNREACHABLE)
        worksheet_write_formula_str(ws, steps_row, TC_SCORE, formula,
                                    xlsx_format(b, XLSX_INT, true), "-");
    else
        xlsx_write_formula(ws, steps_row, TC_SCORE, formula,
                           (double)plan->steps_to_target,
                           xlsx_format(b, XLSX_INT, true));
    refs->path_sheet = xlsx_sheet_ref(ws);
    refs->path_steps_row = steps_row;
    refs->path_steps_col = TC_SCORE;
    worksheet_freeze_panes(ws, header + 1, 0);
    xlsx_print_setup(b, ws, header, header);
    protect_sheet(ws, protect);
}

/* ---- Peers ---------------------------------------------------------- */

/* Column widths, and a bound on the columns a very large zone may take
 * (the office and its best-ranked peers are kept). */
#define PEER_LABEL_WIDTH 30
#define PEER_OFFICE_WIDTH 11
#define PEER_MAX_OFFICES 200

static void write_peers(xlsx_book *b, lxw_worksheet *ws,
                        const office_plan *plan, bool protect)
{
    const report *rep = b->rep;
    const model *m = rep->m;
    const year_scores *ys = rep->current;
    const city_stats *cs = rep->stats;
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    lxw_format *bold_score = xlsx_format(b, XLSX_SCORE, true);
    int zone_index = rep->r->offices[plan->office].zone;
    const zone *z = &rep->r->zones[zone_index];

    /* the office first, then the others of its zone by city rank */
    size_t *peers = xmalloc((ys->n ? ys->n : 1) * sizeof *peers);
    size_t n = 0;
    peers[n++] = (size_t)(plan->score - ys->offices);
    for (size_t i = 0; i < ys->n && n < PEER_MAX_OFFICES; i++) {
        size_t p = ys->by_rank[i];
        if (ys->offices[p].office != plan->office &&
            rep->r->offices[ys->offices[p].office].zone == zone_index)
            peers[n++] = p;
    }

    char *name = plans_office_name(rep, plan->office);
    char *title = xasprintf(tr(rep, "%s เทียบกับสำนักงานเขตใน%s",
                               "%s beside the offices of %s"),
                            name, tr(rep, z->name_th, z->name_en));
    free(name);
    lxw_col_t col_zone = (lxw_col_t)(1 + n), col_rank = col_zone + 2;
    double width = PEER_LABEL_WIDTH + PEER_OFFICE_WIDTH * (double)(n + 3);
    lxw_row_t row = write_heading(
        b, ws, col_rank, width, title, NULL,
                    tr(rep,
                       "คอลัมน์แรกคือสำนักงานเขตนี้ ตามด้วยสำนักงานเขตอื่นใน"
                       "กลุ่มเขตเรียงตามอันดับ ITA สีแสดงคะแนนสูง (เขียว) ถึงต่ำ "
                       "(แดง) ในแต่ละแถว",
                       "First column: this office; then the other offices of "
                       "its zone by ITA rank.  Colours run from the highest "
                       "(green) to the lowest (red) score of each row."));
    free(title);
    row++;
    lxw_row_t header = row++;
    lxw_col_t col_city = col_zone + 1;
    row_fit header_fit = {1};
    worksheet_set_column(ws, 0, 0, PEER_LABEL_WIDTH,
                         xlsx_format(b, XLSX_WRAP, false));
    worksheet_set_column(ws, 1, col_rank, PEER_OFFICE_WIDTH, score);
    xlsx_write_text(b, ws, header, 0, tr(rep, "ตัวชี้วัด", "Measure"),
                    b->f.header);
    for (size_t i = 0; i < n; i++) {
        const char *office_name =
            registry_office_name(rep, ys->offices[peers[i]].office);
        xlsx_write_text(b, ws, header, (lxw_col_t)(1 + i), office_name,
                        b->f.header);
        fit_text(&header_fit, b, office_name, PEER_OFFICE_WIDTH);
    }
    static const char *const tail_th[] = {"มัธยฐานกลุ่มเขต", "มัธยฐานทุกเขต",
                                          "อันดับของเขตนี้ในทุกเขต"};
    static const char *const tail_en[] = {"Zone median", "City median",
                                          "This office's city rank"};
    for (int i = 0; i < 3; i++) {
        const char *text = tr(rep, tail_th[i], tail_en[i]);
        xlsx_write_text(b, ws, header, (lxw_col_t)(col_zone + i), text,
                        b->f.header);
        fit_text(&header_fit, b, text, PEER_OFFICE_WIDTH);
    }
    set_row_lines(ws, header, header_fit.lines, b->f.header);

    size_t *measures = xmalloc((1 + m->n_tools + m->n_indicators) *
                               sizeof *measures);
    size_t n_measures = profile_measures(m, measures);
    for (size_t k = 0; k < n_measures; k++, row++) {
        size_t measure = measures[k];
        char *label = measure == STATS_ITA ? xstrdup("ITA")
                                           : node_title(rep, (int)measure - 1);
        xlsx_write_text(b, ws, row, 0, label, xlsx_format(b, XLSX_WRAP, false));
        set_row_lines(ws, row,
                      text_lines(label, PEER_LABEL_WIDTH,
                                 xlsx_format(b, XLSX_WRAP, false)->font_size),
                      score);
        free(label);
        for (size_t i = 0; i < n; i++)
            xlsx_write_number(ws, row, (lxw_col_t)(1 + i),
                              stats_value(ys, &ys->offices[peers[i]], measure),
                              i == 0 ? bold_score : score);
        xlsx_write_number(ws, row, col_zone,
                          cs->zone_median[(size_t)zone_index * cs->n_measures +
                                          measure],
                          score);
        xlsx_write_number(ws, row, col_city, cs->city[measure].median, score);
        xlsx_write_number(ws, row, col_rank,
                          stats_rank(cs, measure,
                                     stats_value(ys, plan->score, measure)),
                          xlsx_format(b, XLSX_INT, false));
        lxw_conditional_format scale = {
            .type = LXW_CONDITIONAL_3_COLOR_SCALE,
            .min_color = 0xF8696B, .mid_color = 0xFFEB84,
            .max_color = 0x63BE7B};
        worksheet_conditional_format_range(ws, row, 1, row, (lxw_col_t)n,
                                           &scale);
    }
    free(measures);
    free(peers);
    worksheet_freeze_panes(ws, header + 1, 2);
    xlsx_print_setup(b, ws, header, header);
    protect_sheet(ws, protect);
}

/* ---- the workbook ----------------------------------------------------- */

bool office_book_write(const report *rep, const office_plan *plan,
                       const char *path, bool protect)
{
    xlsx_book b;
    char *name = plans_office_name(rep, plan->office);
    char *title = xasprintf("ITA %d: %s", rep->current->year, name);
    free(name);
    bool opened = xlsx_book_open(
        &b, path, rep, title,
        tr(rep, "ผลการประเมิน แผนปฏิบัติการ และเส้นทางสู่ค่าเป้าหมาย",
           "Results, action plan and path to the target"));
    free(title);
    if (!opened)
        return false;
    lxw_worksheet *ws[N_SHEETS];
    for (int i = 0; i < N_SHEETS; i++) {
        ws[i] = i == SHEET_PLAN
            ? office_plan_sheet_add(&b, plan, sheet_names[i].th,
                                    sheet_names[i].en, protect)
            : xlsx_add_sheet(&b, sheet_names[i].th, sheet_names[i].en);
        if (!ws[i]) {
            xlsx_book_abort(&b);
            errno = EINVAL;
            return false;
        }
    }
    book_refs refs = {0};
    extra_formats x = make_extra_formats(&b);
    write_items(&b, &x, ws[SHEET_ITEMS], plan, &refs, protect);
    write_path(&b, &x, ws[SHEET_PATH], plan, &refs, protect);
    write_profile(&b, &x, ws[SHEET_PROFILE], plan, &refs, protect);
    write_peers(&b, ws[SHEET_PEERS], plan, protect);
    free(refs.items_sheet);
    free(refs.path_sheet);
    worksheet_activate(ws[SHEET_PROFILE]);
    return xlsx_book_close(&b);
}

bool office_books_write(const report *rep, const office_selection *sel,
                        const char *out_dir, bool protect, bool verbose)
{
    if (!rep->plans)
        return true;
    size_t len = strlen(out_dir);
    char *dir = xasprintf("%s%soffices", out_dir,
                          len && out_dir[len - 1] == '/' ? "" : "/");
    if (!outfile_mkdirs(dir)) {
        fprintf(stderr, "itabench: cannot create the folder %s: %s\n", dir,
                strerror(errno));
        free(dir);
        return false;
    }
    outfile_sweep(dir);
    bool ok = true;
    size_t n = sel && sel->n ? sel->n : rep->plans->n;
    for (size_t i = 0; i < n && ok; i++) {
        const office_plan *plan = sel && sel->n
            ? plans_find(rep->plans, sel->offices[i])
            : &rep->plans->plans[i];
        if (!plan)
            continue;
        char *file = office_book_file_name(rep, plan->office);
        char *path = xasprintf("%s/%s", dir, file);
        free(file);
        ok = office_book_write(rep, plan, path, protect);
        if (!ok)
            fprintf(stderr, "itabench: cannot write %s: %s\n", path,
                    strerror(errno));
        else if (verbose)
            fprintf(stderr, "itabench: wrote %s\n", path);
        free(path);
    }
    free(dir);
    return ok;
}
