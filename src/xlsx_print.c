#include "xlsx_print.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>

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

int xlsx_print_readable_spec(xlsx_book *b, lxw_worksheet *ws,
                             const xlsx_readable_spec *spec)
{
    int scale = xlsx_readable_scale(spec->cols, spec->n_cols,
                                    spec->smallest_pt);
    xlsx_print_setup_scaled(b, ws, spec->first_row, spec->last_row, scale);
    if (scale > xlsx_fit_scale(spec->cols, spec->n_cols)) {
        /* wider than a page: down the rows of the first columns, then
         * the next columns (the default page order, never changed here),
         * each page with the key columns */
        if (spec->keep_cols > 0)
            xlsx_note_err(b, worksheet_repeat_columns(ws, 0,
                                                      spec->keep_cols - 1));
    }
    return scale;
}

int xlsx_print_readable(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                        lxw_row_t last_row, const xlsx_column *cols, size_t n,
                        lxw_col_t keep_cols, double smallest_pt)
{
    return xlsx_print_readable_spec(
        b, ws,
        &(xlsx_readable_spec){.first_row = first_row, .last_row = last_row,
                              .cols = cols, .n_cols = n,
                              .keep_cols = keep_cols,
                              .smallest_pt = smallest_pt});
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
    int footer_pt = (int)xlsx_readable_pt(FOOTER_PT, scale);
    char *footer = xasprintf("&L&\"%s,Regular\"&%d&A&R&\"%s,Regular\"&%d%s",
                             font, footer_pt, font, footer_pt,
                             xlsx_book_tr(b, "หน้า &P จาก &N", "Page &P of &N"));
    lxw_header_footer_options opt = {
        .margin = scale > 0 ? SCALED_FOOTER_IN : 0.3};
    worksheet_set_footer_opt(ws, footer, &opt);
    free(footer);
}
