#include "office_sheets.h"


office_formats office_formats_make(xlsx_book *b)
{
    office_formats x;
    x.input_score = xlsx_derived_format(b, XLSX_INPUT, "0.00");
    x.input_date = xlsx_derived_format(b, XLSX_INPUT, "yyyy-mm-dd");
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
    x.reached = workbook_add_format(b->wb);
    format_set_bold(x.reached);
    format_set_bg_color(x.reached, b->f.pass->bg_color);
    format_set_font_color(x.reached, b->f.pass->font_color);
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
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width,
                             xlsx_format(b, kind, false));
    }
}



lxw_row_t office_heading(xlsx_book *b, lxw_worksheet *ws, lxw_col_t last_col,
                         double width, const char *title,
                         const char *subtitle, const char *note)
{
    /* every row at least one line of the body font */
    const lxw_format *body = xlsx_format(b, XLSX_TEXT, false);
    worksheet_set_default_row(ws, xlsx_lines_height(1, body->font_size),
                              LXW_FALSE);
    lxw_row_t row = 0;
    xlsx_wide_line(b, ws, row++, last_col, width, title, b->f.title);
    if (subtitle)
        xlsx_wide_line(b, ws, row++, last_col, width, subtitle,
                         b->f.subtitle);
    if (b->rep->synthetic)
        xlsx_wide_line(b, ws, row++, last_col, width,
                         xlsx_tr(b->rep,
                                 "ข้อมูลตัวอย่างสังเคราะห์ ไม่ใช่ผลการประเมินจริง"
                                 "ของหน่วยงานใด",
                                 "Synthetic sample data: not any office's "
                                 "real result"),
                         b->f.warning);
    if (note)
        xlsx_wide_line(b, ws, row++, last_col, width, note, b->f.note);
    return row;
}

void office_label(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                  const char *th, const char *en)
{
    xlsx_write_text(b, ws, row, 0, xlsx_tr(b->rep, th, en), b->f.label);
}

void office_write_gap(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t score_col, lxw_col_t gap_col, double target,
                      double value, lxw_format *gap_fmt, lxw_format *flag_fmt)
{
    char *shown = xlsx_shown_score(row, score_col, false);
    double gap = score_gap(target, value);
    xlsx_write_gap(b, ws, row, gap_col, shown, score_round2(gap), gap_fmt);
    if (flag_fmt)
        xlsx_write_pass(b, ws, row, gap_col + 1, shown, gap <= 0, flag_fmt);
    free(shown);
}

void office_write_benchmarks(xlsx_book *b, const office_formats *x,
                             lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t first, double best_width,
                             const office_plan *plan, size_t measure,
                             xlsx_row_fit *fit, const lxw_format *row_font)
{
    enum { VALUE, CITY_MEDIAN, ZONE_MEDIAN, BEST, BEST_VALUE, PERCENTILE };
    const report *rep = b->rep;
    const year_scores *ys = rep->current;
    const city_stats *cs = rep->stats;
    const stats_summary *sum = &cs->city[measure];
    lxw_format *score = xlsx_format(b, XLSX_SCORE, false);
    size_t zone = (size_t)rep->r->offices[plan->office].zone;
    double value = scores_value(plan->score, measure);
    xlsx_write_number(b, ws, row, first + VALUE, value, score);
    xlsx_write_number(b, ws, row, first + CITY_MEDIAN, sum->median, score);
    xlsx_write_number(b, ws, row, first + ZONE_MEDIAN,
                      stats_zone_median(cs, zone, measure), score);
    const office_score *best = &ys->offices[sum->best];
    const char *best_name = xlsx_office_name(rep, best->office);
    xlsx_write_text(b, ws, row, first + BEST, best_name, x->wrap_indent);
    xlsx_fit_text(fit, b, best_name, best_width);
    xlsx_set_row_lines(ws, row, fit->lines, row_font);
    xlsx_write_number(b, ws, row, first + BEST_VALUE,
                      scores_value(best, measure), score);
    xlsx_write_number(b, ws, row, first + PERCENTILE,
                      stats_percentile(cs, measure, value), score);
}
