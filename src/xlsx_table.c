#include "xlsx_table.h"
#include "text.h"
#include "textlayout.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

void xlsx_table_layout(const xlsx_table_column *cols, size_t n,
                       xlsx_column *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = cols[i].col;
}

void xlsx_write_rows_spec(xlsx_book *b, lxw_worksheet *ws,
                          const xlsx_rows_spec *spec)
{
    const xlsx_table_column *cols = spec->cols;
    for (size_t i = 0; i < spec->n_rows; i++) {
        xlsx_row_fit fit = {0};
        xlsx_cell cell = {
            .b = b, .ws = ws, .row = (lxw_row_t)(spec->first_row + i),
            .sheet = spec->sheet, .index = i, .fit = &fit,
            .item = spec->row_at ? spec->row_at(spec->sheet, i) : NULL};
        for (size_t k = 0; k < spec->n_cols; k++) {
            if (!cols[k].cell)
                continue;
            cell.col = (lxw_col_t)(spec->first_col + k);
            cell.column = &cols[k];
            cell.fmt = xlsx_format(b, cols[k].col.kind, false);
            cols[k].cell(&cell);
        }
        if (fit.lines > 0)
            xlsx_set_row_lines(ws, cell.row, fit.lines,
                               xlsx_format(b, XLSX_WRAP, false));
    }
}

void xlsx_write_rows(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                     const xlsx_table_column *cols, size_t n_cols,
                     size_t n_rows, void *sheet,
                     const void *(*row_at)(const void *sheet, size_t i))
{
    xlsx_write_rows_spec(b, ws,
                         &(xlsx_rows_spec){.first_row = first_row,
                                           .cols = cols,
                                           .n_cols = n_cols,
                                           .n_rows = n_rows,
                                           .sheet = sheet,
                                           .row_at = row_at});
}

void xlsx_columns_add(xlsx_columns *t, xlsx_table_column column)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->cols = xrealloc(t->cols, t->cap * sizeof *t->cols);
    }
    t->cols[t->n++] = column;
}

void xlsx_columns_add_all(xlsx_columns *t, const xlsx_table_column *cols,
                          size_t n)
{
    for (size_t i = 0; i < n; i++)
        xlsx_columns_add(t, cols[i]);
}

lxw_col_t xlsx_table_column_of(const xlsx_table_column *cols, size_t n,
                               xlsx_cell_fn cell)
{
    size_t i = 0;
    while (i < n && cols[i].cell != cell)
        i++;
    assert(i < n && "a table looks up only the columns it has");
    return (lxw_col_t)i;
}

size_t xlsx_columns_find(const xlsx_columns *t, xlsx_cell_fn cell)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->cols[i].cell == cell)
            return i;
    return t->n;
}

xlsx_column *xlsx_columns_layout(const xlsx_columns *t)
{
    xlsx_column *out = xmalloc((t->n ? t->n : 1) * sizeof *out);
    xlsx_table_layout(t->cols, t->n, out);
    return out;
}

void xlsx_columns_free(xlsx_columns *t)
{
    free(t->cols);
    *t = (xlsx_columns){0};
}

void xlsx_cell_text(const xlsx_cell *cell, const char *text)
{
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col, text, cell->fmt);
}

void xlsx_cell_number(const xlsx_cell *cell, double value)
{
    xlsx_write_number(cell->b, cell->ws, cell->row, cell->col, value,
                      cell->fmt);
}

void xlsx_cell_fit(const xlsx_cell *cell, const char *text, double width)
{
    xlsx_fit_text(cell->fit, cell->b, text, width);
}

double xlsx_columns_width(const xlsx_column *cols, size_t n)
{
    double width = 0;
    for (size_t c = 0; c < n; c++)
        width += cols[c].width;
    return width;
}

double xlsx_header_width(const xlsx_book *b, double width, const char *header)
{
    double need = XLSX_BOLD_WIDTH *
                  textlayout_word_width(header, b->f.header->font_size);
    while (xlsx_column_width(width) < need && width < 60)
        width += 0.5;
    return width;
}

/* Thai digits are wider than Western ones (Laksaman: 0.675 em against
 * 0.544, textlayout.c): with them, a column is made wider by their ratio,
 * rounded up, so that no number turns into ###.  Every column but those
 * of wrapped prose: a column's kind does not say what the other tables
 * sharing it hold. */
#define THAI_DIGITS_WIDER 1.25

double xlsx_shown_width(const xlsx_book *b, double width, xlsx_kind kind)
{
    double w = xlsx_column_width(width);
    bool prose = kind == XLSX_WRAP || kind == XLSX_INPUT;
    return b->thai_digits && b->lang == XLSX_LANG_TH && !prose
               ? w * THAI_DIGITS_WIDER
               : w;
}

void xlsx_set_columns(xlsx_book *b, lxw_worksheet *ws, lxw_col_t first_col,
                      const xlsx_column *cols, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        lxw_col_t col = (lxw_col_t)(first_col + c);
        worksheet_set_column(ws, col, col,
                             xlsx_shown_width(b, cols[c].width, cols[c].kind),
                             b->f.cell[cols[c].kind]);
    }
}

/* The one estimate of wrapped lines and row heights is textlayout's
 * (libthai word breaks, glyph widths of TH Sarabun New): see
 * textlayout.h and test_textlayout_libreoffice.py for its agreement with
 * LibreOffice. */
double xlsx_text_lines(const char *text, double width, double font_pt)
{
    return (double)textlayout_lines(text, xlsx_column_width(width), font_pt);
}


double xlsx_column_width(double layout_width)
{
    return textlayout_width_for_px(layout_width * XLSX_LAYOUT_PX_PER_UNIT +
                                   XLSX_LAYOUT_MARGIN_PX);
}

double xlsx_lines_height(double lines, double font_pt)
{
    /* one line keeps the sheet's default row; more need a whole line
     * pitch each */
    if (lines <= 1)
        return XLSX_LINE_HEIGHT * font_pt / TEXTLAYOUT_NORMAL_PT;
    return textlayout_row_height((size_t)ceil(lines), font_pt);
}

void xlsx_set_row_lines(lxw_worksheet *ws, lxw_row_t row, double lines,
                        const lxw_format *font)
{
    worksheet_set_row(ws, row, xlsx_lines_height(lines, font->font_size),
                      NULL);
}

void xlsx_fit_text(xlsx_row_fit *fit, const xlsx_book *b, const char *text,
                   double width)
{
    /* the cells of the kinds' formats are indented one level */
    double lines = (double)textlayout_lines(
        text, xlsx_column_width(width) - TEXTLAYOUT_INDENT_WIDTH,
        xlsx_format(b, XLSX_WRAP, false)->font_size);
    if (lines > fit->lines)
        fit->lines = lines;
}

double xlsx_header_lines(const xlsx_book *b, const xlsx_column *cols,
                         size_t n)
{
    /* headers are not indented */
    double lines = 1;
    for (size_t c = 0; c < n; c++)
        lines = fmax(lines, xlsx_text_lines(
                                xlsx_book_tr(b, cols[c].th, cols[c].en),
                                cols[c].width / XLSX_BOLD_WIDTH,
                                b->f.header->font_size));
    return lines;
}

void xlsx_fit_header_row(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                         const xlsx_column *cols, size_t n)
{
    xlsx_set_row_lines(ws, row, xlsx_header_lines(b, cols, n), b->f.header);
}

void xlsx_wide_line(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t last_col, double width, const char *text,
                    lxw_format *fmt)
{
    if (last_col > 0)
        xlsx_note_err(b, worksheet_merge_range(ws, row, 0, row, last_col, "",
                                               fmt));
    xlsx_write_text(b, ws, row, 0, text, fmt);
    xlsx_set_row_lines(ws, row,
                       fmt->text_wrap
                           ? xlsx_text_lines(text, width, fmt->font_size)
                           : 1,
                       fmt);
}

lxw_error xlsx_write_headers(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t first_col, const xlsx_column *cols,
                             size_t n)
{
    for (size_t c = 0; c < n; c++) {
        lxw_error err = xlsx_write_text(b, ws, row, (lxw_col_t)(first_col + c),
                                        xlsx_book_tr(b, cols[c].th, cols[c].en),
                                        b->f.header);
        if (err)
            return err;
    }
    xlsx_fit_header_row(b, ws, row, cols, n);
    return LXW_NO_ERROR;
}

lxw_error xlsx_add_table_spec(xlsx_book *b, lxw_worksheet *ws,
                              const xlsx_table_spec *spec)
{
    size_t n_cols = spec->n_cols;
    if (n_cols == 0)
        return xlsx_note_err(b, LXW_ERROR_PARAMETER_VALIDATION);
    lxw_table_column *columns = xcalloc(n_cols, sizeof *columns);
    lxw_table_column **list = xcalloc(n_cols + 1, sizeof *list);
    for (size_t c = 0; c < n_cols; c++) {
        columns[c].header =
            (char *)xlsx_book_tr(b, spec->cols[c].th, spec->cols[c].en);
        columns[c].header_format = b->f.header;
        list[c] = &columns[c];
    }
    lxw_table_options options = {
        .name = (char *)spec->name,
        .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
        .style_type_number = 9,
        .columns = list,
    };
    lxw_row_t last_row =
        (lxw_row_t)(spec->header_row + (spec->n_rows ? spec->n_rows : 1));
    lxw_error err = worksheet_add_table(
        ws, spec->header_row, spec->first_col, last_row,
        (lxw_col_t)(spec->first_col + n_cols - 1), &options);
    free(list);
    free(columns);
    if (!spec->keep_header_height)
        xlsx_fit_header_row(b, ws, spec->header_row, spec->cols, n_cols);
    return xlsx_note_err(b, err);
}

lxw_error xlsx_add_table(xlsx_book *b, lxw_worksheet *ws, lxw_row_t header_row,
                         lxw_col_t first_col, size_t n_rows,
                         const xlsx_column *cols, size_t n_cols,
                         const char *name)
{
    return xlsx_add_table_spec(b, ws,
                               &(xlsx_table_spec){.header_row = header_row,
                                                  .first_col = first_col,
                                                  .n_rows = n_rows,
                                                  .cols = cols,
                                                  .n_cols = n_cols,
                                                  .name = name});
}

lxw_error xlsx_add_table_unfitted(xlsx_book *b, lxw_worksheet *ws,
                                  lxw_row_t header_row, lxw_col_t first_col,
                                  size_t n_rows, const xlsx_column *cols,
                                  size_t n_cols, const char *name)
{
    return xlsx_add_table_spec(
        b, ws,
        &(xlsx_table_spec){.header_row = header_row, .first_col = first_col,
                           .n_rows = n_rows, .cols = cols, .n_cols = n_cols,
                           .name = name, .keep_header_height = true});
}
