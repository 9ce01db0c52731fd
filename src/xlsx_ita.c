#include "xlsx_ita.h"
#include "text.h"

#include <stdlib.h>
#include <time.h>

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

/* Writes "=expr" (expr malloc'd, freed here): xlsx_write_formula's seven
 * parameters, the expression in place of the formula. */
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
