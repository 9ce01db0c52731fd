#include "city_sheets.h"
#include "text.h"
#include "textlayout.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void city_note_err(city *c, lxw_error err)
{
    xlsx_note_err(c->b, err);
}

const char *city_pool(city *c, char *s)
{
    c->pool = xrealloc(c->pool, (c->n_pool + 1) * sizeof *c->pool);
    c->pool[c->n_pool++] = s;
    return s;
}

const char *city_tr(const city *c, const char *th, const char *en)
{
    return xlsx_tr(c->rep, th, en);
}

bool city_english(const city *c)
{
    return c->rep->lang == LANG_EN;
}

const char *city_measure_id(const city *c, size_t k)
{
    return model_measure_id(c->m, k);
}

const char *city_measure_title(city *c, size_t k)
{
    return city_pool(c, xlsx_measure_title(c->rep, k));
}

double city_fit_width(const city *c, double width, double cap,
                      const char *const *texts, size_t n)
{
    /* on one line, the widest text needs the widest column: measure it
     * alone with the one estimator of wrapped lines */
    const char *widest = NULL;
    double widest_px = -1;
    for (size_t i = 0; i < n; i++) {
        double px = textlayout_text_px(texts[i], TEXTLAYOUT_NORMAL_PT);
        if (px > widest_px) {
            widest_px = px;
            widest = texts[i];
        }
    }
    for (; widest && width < cap; width += 0.5) {
        xlsx_row_fit fit = {1};
        xlsx_fit_text(&fit, c->b, widest, width);
        if (fit.lines <= 1)
            break;
    }
    return width < cap ? width : cap;
}

/* Widths of the office columns: no narrower than the sheets' own, no
 * wider than a third of a printed page. */
#define CODE_WIDTH 7
#define CODE_CAP 14
#define NAME_WIDTH 18
#define NAME_CAP 40

void city_fit_names(city *c)
{
    const registry *r = c->rep->r;
    size_t n = r->n_offices > r->n_zones ? r->n_offices : r->n_zones;
    const char **texts = xmalloc((n ? n : 1) * sizeof *texts);
    for (size_t i = 0; i < r->n_offices; i++)
        texts[i] = r->offices[i].code;
    c->w_code = city_fit_width(c, CODE_WIDTH, CODE_CAP, texts, r->n_offices);
    for (size_t i = 0; i < r->n_offices; i++)
        texts[i] = xlsx_office_name(c->rep, (int)i);
    c->w_name = city_fit_width(c, NAME_WIDTH, NAME_CAP, texts, r->n_offices);
    for (size_t i = 0; i < r->n_zones; i++)
        texts[i] = xlsx_zone_name(c->rep, (int)i);
    c->w_zone = city_fit_width(c, NAME_WIDTH, NAME_CAP, texts, r->n_zones);
    free(texts);
}

const office_score *city_ranked(const city *c, size_t i)
{
    return &c->ys->offices[c->ys->by_rank[i]];
}

const void *city_row_ranked(const void *c, size_t i)
{
    return city_ranked(c, i);
}

static const office_score *cell_office(const xlsx_cell *cell)
{
    return cell->item;
}

/* The names come from the book's report (the city's own, c->rep), not
 * from the cell's sheet: sheets whose rows are offices in an order of
 * their own pass a context of their own there. */
static const report *cell_report(const xlsx_cell *cell)
{
    return xlsx_report(cell->b);
}

void city_cell_rank(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_office(cell)->rank);
}

void city_cell_code(const xlsx_cell *cell)
{
    xlsx_cell_text(cell,
                   cell_report(cell)->r->offices[cell_office(cell)->office].code);
}

void city_cell_name(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, xlsx_office_name(cell_report(cell),
                                          cell_office(cell)->office));
}

void city_cell_zone(const xlsx_cell *cell)
{
    const report *rep = cell_report(cell);
    xlsx_cell_text(cell, xlsx_zone_name(
                             rep, rep->r->offices[cell_office(cell)->office].zone));
}

xlsx_table_column city_rank_column(const city *c)
{
    (void)c;
    return (xlsx_table_column){{"อันดับ", "Rank", 6, XLSX_INT}, city_cell_rank, 0};
}

xlsx_table_column city_code_column(const city *c)
{
    return (xlsx_table_column){{"รหัส", "Code", c->w_code, XLSX_TEXT},
                               city_cell_code, 0};
}

xlsx_table_column city_name_column(const city *c)
{
    return (xlsx_table_column){{"สำนักงานเขต", "Office", c->w_name, XLSX_TEXT},
                               city_cell_name, 0};
}

xlsx_table_column city_zone_column(const city *c)
{
    return (xlsx_table_column){{"กลุ่มเขต", "Zone", c->w_zone, XLSX_TEXT},
                               city_cell_zone, 0};
}

double city_stat_at(const void *stats, size_t offset)
{
    return *(const double *)((const char *)stats + offset);
}

lxw_format *city_fmt(const city *c, xlsx_kind kind)
{
    return xlsx_format(c->b, kind, false);
}

lxw_format *city_bold(const city *c, xlsx_kind kind)
{
    return xlsx_format(c->b, kind, true);
}

const char *city_cell(char *buf, lxw_row_t r, lxw_col_t col)
{
    lxw_rowcol_to_cell(buf, r, col);
    return buf;
}

char *city_column_range(const city *c, enum city_sheet sheet, lxw_row_t first,
                        lxw_row_t last, lxw_col_t col)
{
    char range[LXW_MAX_CELL_RANGE_LENGTH];
    lxw_rowcol_to_range_abs(range, first, col, last, col);
    return xasprintf("%s!%s", c->ref[sheet], range);
}

lxw_row_t city_last_row(size_t n)
{
    return (lxw_row_t)(CITY_FIRST + (n ? n : 1) - 1);
}

void city_title(city *c, lxw_worksheet *ws, const char *th, const char *en)
{
    /* a year that scores fewer offices than the registry: every sheet's
     * city figures say over how many */
    size_t k = c->ys->n, n = c->ys->r->n_offices;
    char *cover = k == n ? xstrdup("")
                  : city_english(c)
                      ? xasprintf(" (city figures: %zu of %zu offices)", k, n)
                      : xasprintf(" (ตัวเลขระดับเมืองจาก %zu จาก %zu เขต)", k, n);
    char *text = xasprintf("%s %d%s", city_tr(c, th, en), c->ys->year, cover);
    free(cover);
    xlsx_write_text(c->b, ws, 0, 0, text, c->b->f.title);
    free(text);
    xlsx_set_row_lines(ws, 0, 1, c->b->f.title);
}

void city_subtitle(city *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                   const char *text)
{
    xlsx_write_text(c->b, ws, r, col, text, c->b->f.subtitle);
    xlsx_set_row_lines(ws, r, 1, c->b->f.subtitle);
}




void city_print_at_scale(lxw_worksheet *ws, int scale)
{
    /* libxlsxwriter has no call to undo worksheet_fit_to_pages */
    ws->fit_page = 0;
    worksheet_set_print_scale(ws, (uint16_t)scale);
}

double city_header_width(const city *c, double width, const char *header)
{
    return xlsx_header_width(c->b, width, header);
}

void city_header_widths(const city *c, xlsx_column *cols, size_t n)
{
    /* no header word broken between letters (Thai words are long) */
    for (size_t k = 0; k < n; k++)
        cols[k].width = city_header_width(c, cols[k].width,
                                          city_tr(c, cols[k].th, cols[k].en));
}



const char *city_verdict(const city *c, double p)
{
    return p < CITY_ALPHA
               ? city_tr(c, "แตกต่างอย่างมีนัยสำคัญ", "significantly different")
               : city_tr(c, "ไม่แตกต่างอย่างมีนัยสำคัญ",
                         "not significantly different");
}

int city_finish_columns(city *c, lxw_worksheet *ws, const xlsx_columns *t,
                        size_t n_rows, const char *table, lxw_col_t frozen)
{
    xlsx_column *cols = xlsx_columns_layout(t);
    city_header_widths(c, cols, t->n);
    xlsx_set_columns(c->b, ws, 0, cols, t->n);
    city_note_err(c, xlsx_add_table(c->b, ws, CITY_HEAD, 0, n_rows, cols,
                                    t->n, table));
    worksheet_freeze_panes(ws, CITY_FIRST, frozen);
    int scale = xlsx_print_readable(c->b, ws, CITY_HEAD, CITY_HEAD, cols, t->n,
                                    frozen, TEXTLAYOUT_NORMAL_PT);
    free(cols);
    return scale;
}

void city_filtered_columns(city *c, lxw_worksheet *ws, const xlsx_columns *t,
                           size_t n_rows, lxw_col_t frozen, double smallest_pt)
{
    /* no header word broken between letters, as city_finish_columns */
    xlsx_column *cols = xlsx_columns_layout(t);
    city_header_widths(c, cols, t->n);
    city_note_err(c, xlsx_write_headers(c->b, ws, CITY_HEAD, 0, cols, t->n));
    xlsx_set_columns(c->b, ws, 0, cols, t->n);
    /* before the rows below: a streamed sheet refuses ranges it has
     * passed */
    city_note_err(c, worksheet_autofilter(ws, CITY_HEAD, 0,
                                          city_last_row(n_rows),
                                          (lxw_col_t)(t->n ? t->n - 1 : 0)));
    worksheet_freeze_panes(ws, CITY_FIRST, frozen);
    xlsx_print_readable(c->b, ws, CITY_HEAD, CITY_HEAD, cols, t->n, frozen,
                        smallest_pt);
    free(cols);
}

lxw_col_t city_column_of(const xlsx_columns *t, xlsx_cell_fn cell)
{
    return xlsx_table_column_of(t->cols, t->n, cell);
}

void city_header_row(city *c, lxw_worksheet *ws, lxw_row_t r,
                     const xlsx_table_column *cols, size_t n)
{
    for (size_t k = 0; k < n; k++)
        xlsx_write_text(c->b, ws, r, (lxw_col_t)k,
                        city_tr(c, cols[k].col.th, cols[k].col.en),
                        c->b->f.header);
}

double city_chart_x_scale(const lxw_worksheet *ws, size_t n_cols, int scale)
{
    double page = xlsx_print_width_px(scale), shown = 0, anchored = 0;
    for (size_t i = 0; i < n_cols && i < ws->col_options_max; i++) {
        const lxw_col_options *o = ws->col_options[i];
        double w = o ? o->width : LXW_DEF_COL_WIDTH;
        /* a column as the spreadsheet draws it: its text room and padding */
        shown += textlayout_column_px(w) + 6;
        if (shown > page)
            break;
        anchored += w * 7 + 5;
    }
    double fits = 0.95 * anchored / 480.0;
    return fits < CITY_CHART_X_SCALE ? fits : CITY_CHART_X_SCALE;
}

/* A row's height (points). */
static double row_height(lxw_worksheet *ws, lxw_row_t r)
{
    lxw_row *row = lxw_worksheet_find_row(ws, r);
    return row && row->height > 0 ? row->height : XLSX_LINE_HEIGHT;
}

double city_chart_height_pt(lxw_worksheet *ws, lxw_row_t r, int scale,
                            double max_y_scale)
{
    /* two rows to spare: LibreOffice's page body is a little shorter
     * than the margins say */
    double room = xlsx_print_body_height(scale) - 2 * XLSX_LINE_HEIGHT;
    for (lxw_row_t k = 0; k <= r; k++)
        room -= row_height(ws, k);
    return fmin(room, max_y_scale * CITY_CHART_PX * 72 / 96);
}

lxw_row_t city_row_under_chart(lxw_worksheet *ws, lxw_row_t first,
                               double height)
{
    /* rows in whole pixels, as libxlsxwriter anchors a chart (a 20 pt
     * row is 26 px, not 26.7: twenty rows hold 10 pt less than their
     * points say) */
    lxw_row_t r = first;
    for (double covered = 0; covered < height; r++)
        covered += floor(row_height(ws, r) * 96 / 72) * 72 / 96;
    return r;
}
