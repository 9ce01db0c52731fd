#include "office_sheets.h"
#include "text.h"
#include "textlayout.h"
#include "thai_digits.h"

#include <stdio.h>
#include <math.h>


office_formats office_formats_make(xlsx_book *b)
{
    office_formats x;
    x.input_score = xlsx_derived_format(b, XLSX_INPUT, "0.00");
    x.input_date = xlsx_derived_format(b, XLSX_INPUT,
                                       xlsx_date_format(xlsx_report(b)));
    x.weight = xlsx_derived_format(b, XLSX_SCORE, "0.0000");
    x.score_centre = xlsx_derived_format(b, XLSX_SCORE, "0.00");
    format_set_align(x.score_centre, LXW_ALIGN_CENTER);
    x.text_centre = xlsx_derived_format(b, XLSX_TEXT, "@");
    format_set_align(x.text_centre, LXW_ALIGN_CENTER);
    x.int_centre = xlsx_derived_format(b, XLSX_INT, "0");
    format_set_align(x.int_centre, LXW_ALIGN_CENTER);
    x.text_indent = xlsx_derived_format(b, XLSX_TEXT, "@");
    format_set_indent(x.text_indent, 1);
    x.wrap_indent = xlsx_derived_format(b, XLSX_WRAP, "@");
    format_set_indent(x.wrap_indent, 1);
    format_set_text_wrap(x.wrap_indent);
    x.group = xlsx_derived_format(b, XLSX_TEXT, "@");
    format_set_bold(x.group);
    format_set_bg_color(x.group, b->f.header->bg_color);
    format_set_text_wrap(x.group);
    format_set_border(x.group, LXW_BORDER_THIN);
    /* bottom-aligned, Thai marks below the line (ฏ, ุ) touch the border */
    format_set_align(x.group, LXW_ALIGN_VERTICAL_CENTER);
    x.reached = workbook_add_format(b->wb);
    format_set_bold(x.reached);
    format_set_bg_color(x.reached, xlsx_pass_format(b)->bg_color);
    format_set_font_color(x.reached, xlsx_pass_format(b)->font_color);
    format_set_border(x.reached, LXW_BORDER_MEDIUM);
    return x;
}

void office_cell_ref(char *out, lxw_row_t row, lxw_col_t col, bool absolute)
{
    if (absolute)
        lxw_rowcol_to_cell_abs(out, row, col, 1, 1);
    else
        lxw_rowcol_to_cell(out, row, col);
}

void office_column_ref(char *out, lxw_col_t col)
{
    char name[8];
    lxw_col_to_name(name, col, 1);
    snprintf(out, 16, "%s:%s", name, name);
}

void office_protect(lxw_worksheet *ws, bool protect)
{
    if (!protect)
        return;
    lxw_protection options = {.format_columns = 1, .format_rows = 1,
                              .autofilter = 1};
    worksheet_protect(ws, NULL, &options);
}




void office_set_widths(xlsx_book *b, lxw_worksheet *ws,
                       const xlsx_column *cols, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        xlsx_kind kind = cols[c].kind == XLSX_INPUT ? XLSX_WRAP : cols[c].kind;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, xlsx_shown_width(b, cols[c].width, kind),
                             xlsx_format(b, kind, false));
    }
}



char *office_prose(const xlsx_book *b, const char *text)
{
    return xlsx_report(b)->thai_digits ? thai_digits_text(text)
                                       : xstrdup(text);
}

/* A line of the heading, its numbers as office_prose writes them. */
static void heading_line(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                         const office_heading_text *h, const char *text,
                         lxw_format *fmt)
{
    char *shown = office_prose(b, text);
    xlsx_wide_line(b, ws, row, h->last_col, h->width, shown, fmt);
    free(shown);
}

lxw_row_t office_heading(xlsx_book *b, lxw_worksheet *ws,
                         const office_heading_text *h)
{
    /* every row at least one line of the body font */
    const lxw_format *body = xlsx_format(b, XLSX_TEXT, false);
    worksheet_set_default_row(ws, xlsx_lines_height(1, body->font_size),
                              LXW_FALSE);
    lxw_row_t row = 0;
    heading_line(b, ws, row++, h, h->title, b->f.title);
    if (h->subtitle)
        heading_line(b, ws, row++, h, h->subtitle, b->f.subtitle);
    if (xlsx_report(b)->synthetic)
        heading_line(b, ws, row++, h,
                     xlsx_tr(xlsx_report(b),
                             "ข้อมูลตัวอย่างสังเคราะห์ ไม่ใช่ผลการประเมินจริง"
                             "ของหน่วยงานใด",
                             "Synthetic sample data: not any office's "
                             "real result"),
                     b->f.warning);
    size_t k = xlsx_report(b)->current->n, n = xlsx_report(b)->r->n_offices;
    if (k < n) {  /* the city and zone figures stand for k offices only */
        char *cover =
            xlsx_report(b)->lang == LANG_EN
                ? xasprintf("City and zone figures: %zu of %zu offices", k, n)
                : xasprintf("ค่าระดับเมืองและกลุ่มเขตคำนวณจาก %zu จาก %zu เขต",
                            k, n);
        heading_line(b, ws, row++, h, cover, b->f.warning);
        free(cover);
    }
    if (h->note)
        heading_line(b, ws, row++, h, h->note, b->f.note);
    return row;
}

double office_text_width(double width, const char *text,
                         const lxw_format *fmt)
{
    double need = textlayout_text_px(text, fmt->font_size) *
                  (fmt->bold ? XLSX_BOLD_WIDTH : 1);
    while (textlayout_column_px(xlsx_column_width(width)) < need &&
           width < 255)
        width += 0.5;
    return width;
}

void office_give_room(const xlsx_book *b, xlsx_column *cols,
                      const xlsx_column *plain, size_t n, size_t prose)
{
    double room = 0, shown = 0;
    for (size_t c = 0; c < n; c++)
        room += xlsx_column_width(plain[c].width);
    do {
        shown = 0;
        for (size_t c = 0; c < n; c++)
            shown += xlsx_shown_width(
                b, cols[c].width,
                cols[c].kind == XLSX_INPUT ? XLSX_WRAP : cols[c].kind);
        if (shown > room)
            cols[prose].width -= 0.5;
    } while (shown > room && cols[prose].width > 10);
}

double office_name_width(const xlsx_book *b, double width)
{
    const lxw_format *body = xlsx_format(b, XLSX_WRAP, false);
    double need = 0;
    for (size_t k = 0; k < xlsx_report(b)->r->n_offices; k++)
        need = fmax(need, textlayout_text_px(xlsx_office_name(xlsx_report(b), (int)k),
                                             body->font_size));
    /* the cells are indented one level */
    while (textlayout_column_px(xlsx_column_width(width) -
                                TEXTLAYOUT_INDENT_WIDTH) < need &&
           width < 255)
        width += 0.5;
    return width;
}

void office_label(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                  const char *th, const char *en)
{
    xlsx_write_text(b, ws, row, 0, xlsx_tr(xlsx_report(b), th, en), b->f.label);
}

/* ---- cells of a measure's row ---------------------------------------- */

static const office_ctx *cell_office(const xlsx_cell *cell)
{
    return cell->sheet;
}

size_t office_cell_measure(const xlsx_cell *cell)
{
    return *(const size_t *)cell->item;
}

/* The office's value of the row's measure. */
static double office_value(const xlsx_cell *cell)
{
    return scores_value(cell_office(cell)->plan->score,
                        office_cell_measure(cell));
}

static const stats_summary *city_summary(const xlsx_cell *cell)
{
    return &xlsx_report(cell->b)->stats->city[office_cell_measure(cell)];
}

static const office_score *best_office(const xlsx_cell *cell)
{
    return &xlsx_report(cell->b)->current->offices[city_summary(cell)->best];
}

void office_cell_value(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, office_value(cell));
}

void office_cell_city_median(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, city_summary(cell)->median);
}

void office_cell_zone_median(const xlsx_cell *cell)
{
    const report *rep = xlsx_report(cell->b);
    size_t zone = (size_t)rep->r->offices[cell_office(cell)->plan->office].zone;
    xlsx_cell_number(cell, stats_zone_median(rep->stats, zone,
                                       office_cell_measure(cell)));
}

void office_cell_best_office(const xlsx_cell *cell)
{
    if (city_summary(cell)->n == 0) {  /* no office has a value on it */
        xlsx_cell_number(cell, NAN);
        return;
    }
    const char *name = xlsx_office_name(xlsx_report(cell->b), best_office(cell)->office);
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col, name,
                    cell_office(cell)->x.wrap_indent);
    xlsx_cell_fit(cell, name, cell->column->col.width);
}

void office_cell_best_value(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, city_summary(cell)->n
                         ? scores_value(best_office(cell),
                                        office_cell_measure(cell))
                         : NAN);
}

void office_cell_percentile(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, stats_percentile(xlsx_report(cell->b)->stats,
                                      office_cell_measure(cell),
                                      office_value(cell)));
}

void office_cell_zscore(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, stats_zscore(xlsx_report(cell->b)->stats,
                                  office_cell_measure(cell),
                                  office_value(cell)));
}

void office_cell_rank(const xlsx_cell *cell)
{
    int rank = stats_rank(xlsx_report(cell->b)->stats, office_cell_measure(cell),
                          office_value(cell));
    xlsx_cell_number(cell, rank ? rank : NAN);  /* 0: no value, no rank */
}

void office_cell_target(const xlsx_cell *cell)
{
    xlsx_write_formula(cell->b, cell->ws, cell->row, cell->col, "=Target",
                       xlsx_report(cell->b)->current->target, cell->fmt);
}

void office_cell_gap(const xlsx_cell *cell)
{
    if (isnan(office_value(cell))) {  /* no score (published figures only) */
        xlsx_write_number(cell->b, cell->ws, cell->row, cell->col, NAN,
                          cell->fmt);
        return;
    }
    char *shown = xlsx_shown_score(cell->row, (lxw_col_t)cell->column->arg,
                                   false);
    double gap = score_gap(xlsx_report(cell->b)->current->target, office_value(cell));
    xlsx_write_gap(cell->b, cell->ws, cell->row, cell->col, shown,
                   score_round2(gap), cell->fmt);
    free(shown);
}

void office_cell_pass(const xlsx_cell *cell)
{
    if (isnan(office_value(cell))) {  /* no score (published figures only) */
        xlsx_write_number(cell->b, cell->ws, cell->row, cell->col, NAN,
                          cell->fmt);
        return;
    }
    char *shown = xlsx_shown_score(cell->row, (lxw_col_t)cell->column->arg,
                                   false);
    double gap = score_gap(xlsx_report(cell->b)->current->target, office_value(cell));
    xlsx_write_pass(cell->b, cell->ws, cell->row, cell->col, shown, gap <= 0,
                    cell->fmt);
    free(shown);
}

const void *office_measure_at(const void *sheet, size_t i)
{
    return &((const office_ctx *)sheet)->rows[i];
}

double office_print_headers(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            const xlsx_column *cols, size_t n_printed,
                            size_t n)
{
    double font_pt = b->f.header->font_size, lines = 1;
    for (size_t c = 0; c < n; c++) {
        const char *header = xlsx_book_tr(b, cols[c].th, cols[c].en);
        /* the width xlsx_header_lines measures bold text in */
        double width = xlsx_column_width(cols[c].width / XLSX_BOLD_WIDTH);
        char *text = c < n_printed && b->lang == XLSX_LANG_TH
                         ? textlayout_wrap(header, width, font_pt)
                         : xstrdup(header);
        xlsx_write_text(b, ws, row, (lxw_col_t)c, text, b->f.header);
        if (c < n_printed)   /* the row's height is for the print */
            lines = fmax(lines,
                         (double)textlayout_lines(text, width, font_pt));
        free(text);
    }
    return lines;
}
