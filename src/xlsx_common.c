#include "xlsx_common.h"
#include "textlayout.h"
#include "thai_digits.h"
#include "names.h"
#include "text.h"
#include "xlsx_zip.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Fills and font colours of the grade bands, best first.  A model with more
 * grades than this reuses the last colour. */
static const struct {
    lxw_color_t fill, font;
} grade_palette[] = {
    {0x1E8449, 0xFFFFFF}, /* AA */
    {0x82E0AA, 0x000000}, /* A */
    {0xD4EFDF, 0x000000}, /* B */
    {0xFCF3CF, 0x000000}, /* C */
    {0xF8C471, 0x000000}, /* D */
    {0xF1948A, 0x000000}, /* E */
    {0xC0392B, 0xFFFFFF}, /* F */
};
#define N_PALETTE (sizeof grade_palette / sizeof *grade_palette)

const char *xlsx_date_format(const report *rep)
{
    return xlsx_lang_date_format(rep->lang == LANG_EN ? XLSX_LANG_EN
                                                      : XLSX_LANG_TH);
}

const char *xlsx_tr(const report *rep, const char *th, const char *en)
{
    return rep->lang == LANG_EN ? en : th;
}

const char *xlsx_font_name(const report *rep)
{
    return rep->font && *rep->font ? rep->font : XLSX_DEFAULT_FONT;
}

const char *xlsx_office_name(const report *rep, int office_index)
{
    const office *o = &rep->r->offices[office_index];
    return xlsx_tr(rep, o->name_th, o->name_en);
}

const char *xlsx_zone_name(const report *rep, int zone_index)
{
    if (zone_index < 0 || (size_t)zone_index >= rep->r->n_zones)
        return "";
    const zone *z = &rep->r->zones[zone_index];
    return xlsx_tr(rep, z->name_th, z->name_en);
}

const char *xlsx_node_label(const report *rep, int node)
{
    const model_node *n = &rep->m->nodes[node];
    return xlsx_tr(rep, n->label_th, n->label_en);
}

const char *xlsx_grade_label(const report *rep, size_t grade)
{
    const model_grade *g = &rep->m->grades[grade];
    return xlsx_tr(rep, g->label_th, g->label_en);
}

char *xlsx_node_title(const report *rep, int node)
{
    return xasprintf("%s %s", rep->m->nodes[node].id,
                     xlsx_node_label(rep, node));
}

char *xlsx_measure_title(const report *rep, size_t measure)
{
    if (measure == MEASURE_ITA)
        return xstrdup("ITA");
    return xlsx_node_title(rep, (int)measure - 1);
}

size_t *xlsx_headline_measures(const model *m, size_t *n)
{
    size_t *out = xmalloc((1 + m->n_tools + m->n_indicators) * sizeof *out);
    size_t k = 0;
    out[k++] = MEASURE_ITA;
    for (size_t t = 0; t < m->n_tools; t++)
        out[k++] = 1 + (size_t)m->tools[t];
    for (size_t i = 0; i < m->n_indicators; i++)
        out[k++] = 1 + (size_t)m->indicators[i];
    *n = k;
    return out;
}

/* Fills and font colours of the pass and fail flags. */
#define PASS_FILL 0xC6EFCE
#define PASS_FONT 0x006100
#define FAIL_FILL 0xFFC7CE
#define FAIL_FONT 0x9C0006

_Static_assert(XLSX_ITA_FORMATS <= XLSX_EXTRA_FORMATS,
               "the ITA formats fit in the book's extra formats");

static lxw_format *colour_format(lxw_workbook *wb, lxw_color_t fill,
                                 lxw_color_t font)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_bg_color(f, fill);
    format_set_font_color(f, font);
    return f;
}

/* The grade formats and the pass and fail fills (made after the kit's,
 * in the order the workbooks always had them). */
static void make_ita_formats(xlsx_book *b, const model *m)
{
    size_t n = m->n_grades < XLSX_MAX_GRADES ? m->n_grades : XLSX_MAX_GRADES;
    for (size_t g = 0; g < n; g++) {
        size_t p = g < N_PALETTE ? g : N_PALETTE - 1;
        b->extra[XLSX_ITA_GRADE + g] = colour_format(
            b->wb, grade_palette[p].fill, grade_palette[p].font);
    }
    b->extra[XLSX_ITA_PASS] = colour_format(b->wb, PASS_FILL, PASS_FONT);
    b->extra[XLSX_ITA_FAIL] = colour_format(b->wb, FAIL_FILL, FAIL_FONT);
}

lxw_format *xlsx_grade_format(const xlsx_book *b, size_t grade)
{
    size_t n = xlsx_report(b)->m->n_grades;
    size_t last = (n < XLSX_MAX_GRADES ? n : XLSX_MAX_GRADES) - 1;
    return b->extra[XLSX_ITA_GRADE + (grade < last ? grade : last)];
}

lxw_format *xlsx_pass_format(const xlsx_book *b)
{
    return b->extra[XLSX_ITA_PASS];
}

lxw_format *xlsx_fail_format(const xlsx_book *b)
{
    return b->extra[XLSX_ITA_FAIL];
}

/* The end of the fiscal year (30 September), noon UTC: a creation time
 * that depends only on the data, so that the same input gives the same
 * bytes.  Years come from dataset_year_be, so they are plausible. */
static time_t fixed_creation_time(int year_be)
{
    int ce = dataset_year_ce(year_be);
    struct tm tm = {.tm_year = ce - 1900, .tm_mon = 8, .tm_mday = 30,
                    .tm_hour = 12};
    return timegm(&tm);
}

bool xlsx_ita_book_open(xlsx_book *b, const char *final_path,
                        const report *rep, const char *title,
                        const char *comments)
{
    char *author = xasprintf("itabench %s", rep->version ? rep->version : "");
    xlsx_book_options opt = {
        .font = xlsx_font_name(rep),
        .lang = rep->lang == LANG_EN ? XLSX_LANG_EN : XLSX_LANG_TH,
        .thai_digits = rep->thai_digits,
        .program = "itabench",
        .title = title,
        .author = author,
        .comments = comments,
        .created = fixed_creation_time(rep->current ? rep->current->year : 0),
        .user = rep,
    };
    bool opened = xlsx_book_open(b, final_path, &opt);
    free(author);
    if (opened)
        make_ita_formats(b, rep->m);
    return opened;
}

/* A4 landscape between the side margins of xlsx_print_setup, in
 * points. */
#define A4_LONG_SIDE_PT (297.0 / 25.4 * 72.0)
#define A4_SHORT_SIDE_PT (210.0 / 25.4 * 72.0)
#define SIDE_MARGIN_IN 0.4
#define PRINT_WIDTH_PT (A4_LONG_SIDE_PT - 2 * SIDE_MARGIN_IN * 72.0)
/* Top and bottom margins (inches): a sheet fitted to the width, and a
 * sheet at a fixed scale, whose page breaks are planned on the body's
 * height (the footer, 12 pt, sits in the bottom margin). */
#define FITTED_TOP_IN 0.6
#define FITTED_BOTTOM_IN 0.7
#define SCALED_TOP_IN 0.45
#define SCALED_BOTTOM_IN 0.6
#define SCALED_FOOTER_IN 0.25
/* The footer's font size at 100 %. */
#define FOOTER_PT 12

int xlsx_fit_scale(const xlsx_column *cols, size_t n)
{
    double px = 0;   /* at 96 dpi, as the layouts are drawn */
    for (size_t c = 0; c < n; c++)
        px += cols[c].width * XLSX_LAYOUT_PX_PER_UNIT + XLSX_LAYOUT_MARGIN_PX;
    double pt = px * 72.0 / 96.0;
    int scale = pt > 0 ? (int)floor(100.0 * PRINT_WIDTH_PT / pt) : 100;
    return scale > 100 ? 100 : scale < 10 ? 10 : scale;
}

int xlsx_min_print_scale(double smallest_pt)
{
    if (!(smallest_pt > XLSX_MIN_PRINT_PT))
        return 100;
    int scale = (int)ceil(100.0 * XLSX_MIN_PRINT_PT / smallest_pt);
    return scale > 100 ? 100 : scale;
}

double xlsx_readable_pt(double pt, int scale)
{
    double least = scale > 0 ? ceil(XLSX_MIN_PRINT_PT * 100.0 / scale) : pt;
    return pt > least ? pt : least;
}

int xlsx_readable_scale(const xlsx_column *cols, size_t n, double smallest_pt)
{
    int fit = xlsx_fit_scale(cols, n);
    int least = xlsx_min_print_scale(smallest_pt);
    return fit > least ? fit : least;
}

int xlsx_print_readable(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                        lxw_row_t last_row, const xlsx_column *cols, size_t n,
                        lxw_col_t keep_cols, double smallest_pt)
{
    int scale = xlsx_readable_scale(cols, n, smallest_pt);
    xlsx_print_setup_scaled(b, ws, first_row, last_row, scale);
    if (scale > xlsx_fit_scale(cols, n)) {
        /* wider than a page: down the rows of the first columns, then
         * the next columns (the default page order, never changed here),
         * each page with the key columns */
        if (keep_cols > 0)
            xlsx_note_err(b, worksheet_repeat_columns(ws, 0, keep_cols - 1));
    }
    return scale;
}

double xlsx_print_width_px(int scale)
{
    return PRINT_WIDTH_PT * 96.0 / 72.0 * 100.0 / (scale > 0 ? scale : 100);
}

double xlsx_print_body_height(int scale)
{
    double body = A4_SHORT_SIDE_PT - (SCALED_TOP_IN + SCALED_BOTTOM_IN) * 72.0;
    return body * 100.0 / (scale > 0 ? scale : 100);
}

void xlsx_print_setup(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                      lxw_row_t last_row)
{
    xlsx_print_setup_scaled(b, ws, first_row, last_row, 0);
}

void xlsx_print_setup_scaled(xlsx_book *b, lxw_worksheet *ws,
                             lxw_row_t first_row, lxw_row_t last_row,
                             int scale)
{
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    if (scale > 0) {
        worksheet_set_margins(ws, SIDE_MARGIN_IN, SIDE_MARGIN_IN,
                              SCALED_TOP_IN, SCALED_BOTTOM_IN);
        worksheet_set_print_scale(ws, (uint16_t)scale);
    } else {
        worksheet_set_margins(ws, SIDE_MARGIN_IN, SIDE_MARGIN_IN,
                              FITTED_TOP_IN, FITTED_BOTTOM_IN);
        worksheet_fit_to_pages(ws, 1, 0);
    }
    if (first_row != XLSX_NO_REPEAT)
        worksheet_repeat_rows(ws, first_row, last_row);
    const char *font = xlsx_book_font(b);
    /* the footer shrinks with the page: at a small scale, a larger
     * footer font so that it still prints at XLSX_MIN_PRINT_PT */
    int footer_pt = FOOTER_PT;
    if (scale > 0 && footer_pt * scale < XLSX_MIN_PRINT_PT * 100)
        footer_pt = (int)ceil(XLSX_MIN_PRINT_PT * 100 / scale);
    char *footer = xasprintf("&L&\"%s,Regular\"&%d&A&R&\"%s,Regular\"&%d%s",
                             font, footer_pt, font, footer_pt,
                             xlsx_book_tr(b, "หน้า &P จาก &N", "Page &P of &N"));
    lxw_header_footer_options opt = {
        .margin = scale > 0 ? SCALED_FOOTER_IN : 0.3};
    worksheet_set_footer_opt(ws, footer, &opt);
    free(footer);
}

lxw_error xlsx_write_score(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                           lxw_col_t col, double value)
{
    return xlsx_write_number(b, ws, row, col, score_round2(value),
                             xlsx_format(b, XLSX_SCORE, false));
}

char *xlsx_shown_score(lxw_row_t row, lxw_col_t col, bool absolute)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    if (absolute)
        lxw_rowcol_to_cell_abs(cell, row, col, 1, 1);
    else
        lxw_rowcol_to_cell(cell, row, col);
    return xasprintf("ROUND(%s,2)", cell);
}

char *xlsx_gap_expr(const char *score)
{
    return xasprintf("MAX(0,Target-%s)", score);
}

char *xlsx_pass_expr(const char *score)
{
    return xasprintf("IF(%s>=Target,1,0)", score);
}

static lxw_error write_expr(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, char *expr, double cached,
                            lxw_format *fmt)
{
    char *formula = xasprintf("=%s", expr);
    lxw_error err = xlsx_write_formula(b, ws, row, col, formula, cached, fmt);
    free(formula);
    free(expr);
    return err;
}

lxw_error xlsx_write_gap(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                         lxw_col_t col, const char *score, double cached,
                         lxw_format *fmt)
{
    return write_expr(b, ws, row, col, xlsx_gap_expr(score), cached, fmt);
}

lxw_error xlsx_write_pass(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                          lxw_col_t col, const char *score, bool cached,
                          lxw_format *fmt)
{
    return write_expr(b, ws, row, col, xlsx_pass_expr(score), cached ? 1 : 0,
                      fmt);
}

lxw_error xlsx_define_target(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t col)
{
    lxw_error err = xlsx_write_number(b, ws, row, col,
                                      xlsx_report(b)->current->target, b->f.target);
    if (err)
        return err;
    char cell[16];
    lxw_rowcol_to_cell_abs(cell, row, col, 1, 1);
    char *sheet = xlsx_sheet_ref(ws);
    char *formula = xasprintf("=%s!%s", sheet, cell);
    err = workbook_define_name(b->wb, "Target", formula);
    free(formula);
    free(sheet);
    return xlsx_note_err(b, err);
}

lxw_error xlsx_grade_colours(xlsx_book *b, lxw_worksheet *ws,
                             lxw_row_t first_row, lxw_col_t first_col,
                             lxw_row_t last_row, lxw_col_t last_col,
                             bool by_score)
{
    const model *m = xlsx_report(b)->m;
    for (size_t g = 0; g < m->n_grades; g++) {
        char *quoted = xasprintf("\"%s\"", m->grades[g].id);
        /* rules are added best grade first; the first that matches wins */
        lxw_conditional_format cf = {
            .type = LXW_CONDITIONAL_TYPE_CELL,
            .criteria = by_score
                            ? LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO
                            : LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
            .value = m->grades[g].min_score,
            .value_string = by_score ? NULL : quoted,
            .format = xlsx_grade_format(b, g),
            .stop_if_true = 1,
        };
        lxw_error err = worksheet_conditional_format_range(
            ws, first_row, first_col, last_row, last_col, &cf);
        free(quoted);
        if (err)
            return xlsx_note_err(b, err);
    }
    return LXW_NO_ERROR;
}

lxw_error xlsx_colour_scale(lxw_worksheet *ws, lxw_row_t first_row,
                            lxw_col_t first_col, lxw_row_t last_row,
                            lxw_col_t last_col)
{
    lxw_conditional_format scale = {
        .type = LXW_CONDITIONAL_3_COLOR_SCALE,
        .min_color = 0xF8696B, .mid_color = 0xFFEB84, .max_color = 0x63BE7B,
    };
    return worksheet_conditional_format_range(ws, first_row, first_col,
                                              last_row, last_col, &scale);
}

lxw_error xlsx_pass_colours(xlsx_book *b, lxw_worksheet *ws,
                            lxw_row_t first_row, lxw_col_t first_col,
                            lxw_row_t last_row, lxw_col_t last_col)
{
    lxw_conditional_format pass = {
        .type = LXW_CONDITIONAL_TYPE_CELL,
        .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
        .value = 1,
        .format = xlsx_pass_format(b),
    };
    lxw_conditional_format fail = pass;
    fail.value = 0;
    fail.format = xlsx_fail_format(b);
    lxw_error err = worksheet_conditional_format_range(
        ws, first_row, first_col, last_row, last_col, &pass);
    if (!err)
        err = worksheet_conditional_format_range(ws, first_row, first_col,
                                                 last_row, last_col, &fail);
    return xlsx_note_err(b, err);
}
