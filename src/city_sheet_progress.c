/* The Plan progress sheet of the city workbook (city_sheets.h), written
 * only when action plans came back (report.progress). */
#include "city_sheets.h"
#include "plans.h"
#include "progress.h"
#include "text.h"
#include "textlayout.h"

#include <assert.h>
#include <stdlib.h>

/* ---- the offices' counts: one row per returned plan --------------
 * Each row's item is the office's scores (for the shared identity
 * columns, city_cell_code and city_cell_name); its counts are the
 * progress_office of the same index in the set. */

typedef struct {
    const progress_set *ps;
    const office_score **offices;   /* the plans' offices, in set order */
} progress_rows;

static const void *progress_office_at(const void *sheet, size_t i)
{
    return ((const progress_rows *)sheet)->offices[i];
}

static const progress_office *cell_progress(const xlsx_cell *cell)
{
    return &((const progress_rows *)cell->sheet)->ps->offices[cell->index];
}

/* A count of the office's plan: the size_t at arg in progress_office. */
static void count_cell(const xlsx_cell *cell)
{
    const char *po = (const char *)cell_progress(cell);
    xlsx_cell_number(cell, (double)*(const size_t *)(po + cell->column->arg));
}

static void projected_cell(const xlsx_cell *cell)
{
    xlsx_write_score(cell->b, cell->ws, cell->row, cell->col,
                     cell_progress(cell)->projected_ita);
}

/* The returned workbook's path, wrapped: a path is one long word, which
 * a column would cut.  LibreOffice wraps it at its slashes and hyphens,
 * short of the column's end, so its lines are counted in two thirds of
 * the width (a blank line rather than a cut name). */
static void file_cell(const xlsx_cell *cell)
{
    const char *file = cell_progress(cell)->plan->file;
    xlsx_cell_text(cell, file);
    xlsx_cell_fit(cell, file, cell->column->col.width * 2 / 3);
}

#define COUNT(field) offsetof(progress_office, field)
/* The columns after the office's code and name. */
static const xlsx_table_column progress_columns[] = {
    {{"แถวของแผน", "Rows", 8, XLSX_INT}, count_cell, COUNT(rows)},
    {{"ดำเนินการแล้ว", "Done", 10, XLSX_INT}, count_cell, COUNT(done)},
    {{"กำลังดำเนินการ", "In progress", 10, XLSX_INT}, count_cell,
     COUNT(in_progress)},
    {{"ยังไม่เริ่ม", "Not started", 10, XLSX_INT}, count_cell,
     COUNT(not_started)},
    {{"เลยกำหนด", "Overdue", 9, XLSX_INT}, count_cell, COUNT(overdue)},
    {{"ไม่มีผู้ดำเนินการ", "No owner", 10, XLSX_INT}, count_cell,
     COUNT(no_owner)},
    {{"มาตรการที่ปรับจากค่าเริ่มต้น", "Measures changed", 12, XLSX_INT},
     count_cell, COUNT(measures_changed)},
    {{"ITA ที่คาดตามแผน", "Projected ITA", 10, XLSX_SCORE}, projected_cell, 0},
    {{"ไฟล์", "File", 40, XLSX_WRAP}, file_cell, 0},
};
#define N_PROGRESS_COLUMNS (sizeof progress_columns / sizeof *progress_columns)

/* The column of the count at offset (it must be in the table). */
static lxw_col_t count_column(const xlsx_columns *t, size_t offset)
{
    size_t i = 0;
    while (i < t->n &&
           !(t->cols[i].cell == count_cell && t->cols[i].arg == offset))
        i++;
    assert(i < t->n);
    return (lxw_col_t)i;
}

/* The columns a chart may cover: more than a page holds (the chart
 * covers those that fit, city_chart_x_scale). */
#define CHART_COLUMNS 40

/* A bar per office on ws from row at: done, in progress and not started
 * stacked (the counts of the Plan progress table, whose columns are t),
 * each bar named by its office, in fonts that print at XLSX_MIN_PRINT_PT
 * at ws's scale.  Returns the first row under the chart. */
static lxw_row_t write_chart(city *c, lxw_worksheet *ws, const xlsx_columns *t,
                             size_t n, lxw_row_t at, int scale)
{
    static const struct {
        size_t count;   /* offset in progress_office */
        lxw_color_t color;
    } parts[] = {{COUNT(done), 0x70AD47}, {COUNT(in_progress), 0xFFC000},
                 {COUNT(not_started), 0xBFBFBF}};
    const char *sheet = c->ws[CITY_PROGRESS]->name;
    lxw_chart *bar = workbook_add_chart(c->b->wb, LXW_CHART_BAR_STACKED);
    lxw_col_t name = xlsx_table_column_of(t->cols, t->n, city_cell_name);
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++) {
        lxw_col_t col = count_column(t, parts[k].count);
        lxw_chart_series *s = chart_add_series(bar, NULL, NULL);
        chart_series_set_categories(s, sheet, CITY_FIRST, name,
                                    city_last_row(n), name);
        chart_series_set_values(s, sheet, CITY_FIRST, col, city_last_row(n),
                                col);
        chart_series_set_name_range(s, sheet, CITY_HEAD, col);
        lxw_chart_fill fill = {.color = parts[k].color};
        chart_series_set_fill(s, &fill);
    }
    chart_title_set_name(bar, city_tr(c, "แถวของแผนตามสถานะ รายสำนักงานเขต",
                                      "Plan rows by status, per office"));
    chart_legend_set_position(bar, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_font font = {.name = (char *)xlsx_font_name(c->rep),
                           .size = xlsx_readable_pt(12, scale)};
    lxw_chart_font title = font;
    title.size = xlsx_readable_pt(14, scale);
    title.bold = LXW_TRUE;
    chart_title_set_name_font(bar, &title);
    chart_legend_set_font(bar, &font);
    /* a bar chart's categories (the offices) are its Y axis: reversed,
     * the best first at the top; the counts (X) run left to right.  Every
     * office named, none skipped for room. */
    lxw_chart_axis *offices = chart_axis_get(bar, LXW_CHART_AXIS_TYPE_Y);
    lxw_chart_axis *counts = chart_axis_get(bar, LXW_CHART_AXIS_TYPE_X);
    chart_axis_set_reverse(offices);
    chart_axis_set_interval_unit(offices, 1);
    chart_axis_set_num_font(offices, &font);
    chart_axis_set_num_font(counts, &font);
    chart_axis_set_min(counts, 0);
    /* room for a name per bar, with space between (LibreOffice leaves out
     * a label that would touch the next) */
    double per_bar = 2.5 * xlsx_readable_pt(12, scale) * 96.0 / 72.0 / 288.0;
    lxw_chart_options place = {.x_scale = city_chart_x_scale(ws, CHART_COLUMNS,
                                                        scale),
                               .y_scale = 0.4 + per_bar * (double)n,
                               .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
    city_note_err(c, worksheet_insert_chart_opt(ws, at, 0, bar, &place));
    return city_row_under_chart(ws, at, place.y_scale * CITY_CHART_PX * 72 / 96);
}

/* ---- the overdue rows (Plan progress details) ----------------------
 * Each row's item is the office's scores, as in the Plan progress table;
 * its plan row is rows[] of the same index. */

typedef struct {
    const office_score **offices;
    const returned_row **rows;
    size_t n;
} overdue_rows;

static const void *overdue_office_at(const void *sheet, size_t i)
{
    return ((const overdue_rows *)sheet)->offices[i];
}

static const returned_row *cell_row(const xlsx_cell *cell)
{
    return ((const overdue_rows *)cell->sheet)->rows[cell->index];
}

static void item_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_row(cell)->item);
}

static void owner_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_row(cell)->owner);
}

static void due_cell(const xlsx_cell *cell)
{
    const returned_row *row = cell_row(cell);
    lxw_datetime due = {.year = row->due.year, .month = row->due.month,
                        .day = row->due.day};
    xlsx_note_err(cell->b, worksheet_write_datetime(cell->ws, cell->row,
                                                    cell->col, &due,
                                                    cell->fmt));
}

/* The overdue table's columns after the office's code and name (its
 * header is a row, not a table): the owner's column is made wide enough
 * for every owner's name, so that no name is cut, and the date's for a
 * date, so that none prints as ###. */
static const xlsx_table_column overdue_columns[] = {
    {{"ข้อ", "Item", 8, XLSX_TEXT}, item_cell, 0},
    {{"ผู้ดำเนินการ", "Owner", 16, XLSX_TEXT}, owner_cell, 0},
    {{"กำหนดเสร็จ", "Due date", 0, XLSX_DATE}, due_cell, 0},
};
#define N_OVERDUE_COLUMNS (sizeof overdue_columns / sizeof *overdue_columns)

/* The width of a date as the workbook shows it ("30 ก.ย. 2565", with
 * room for LibreOffice's wider rendering), and the widest an owner's
 * column may grow. */
#define DATE_WIDTH 16
#define OWNER_CAP 80

/* LibreOffice draws a line of Thai up to a tenth wider than textlayout's
 * estimate of it: room for that, since a cut name cannot be read. */
#define ONE_LINE_ROOM 1.1

/* The layout width, from width up to OWNER_CAP, whose column shows text
 * on one line beside the cell's indent (text cells are indented by one
 * level: TEXTLAYOUT_INDENT_WIDTH). */
static double one_line_width(double width, const char *text)
{
    double px = ONE_LINE_ROOM * textlayout_text_px(text, TEXTLAYOUT_NORMAL_PT);
    while (width < OWNER_CAP &&
           textlayout_column_px(xlsx_column_width(width) -
                                TEXTLAYOUT_INDENT_WIDTH) < px)
        width += 0.5;
    return width;
}

/* The overdue rows of every returned plan, in set order; owned by the
 * caller (overdue_free). */
static overdue_rows overdue_list(const city *c)
{
    const progress_set *ps = c->rep->progress;
    overdue_rows o = {0};
    size_t cap = 0;
    for (size_t i = 0; i < ps->n; i++)
        for (size_t k = 0; k < ps->offices[i].plan->n_rows; k++) {
            const returned_row *row = &ps->offices[i].plan->rows[k];
            if (!progress_row_overdue(ps, row))
                continue;
            if (o.n == cap) {
                cap = cap ? 2 * cap : 16;
                o.offices = xrealloc(o.offices, cap * sizeof *o.offices);
                o.rows = xrealloc(o.rows, cap * sizeof *o.rows);
            }
            o.offices[o.n] = scores_find(c->ys, ps->offices[i].office);
            o.rows[o.n++] = row;
        }
    return o;
}

static void overdue_free(overdue_rows *o)
{
    free(o->offices);
    free(o->rows);
}

/* The overdue table's columns into d: the office's code and name, then
 * overdue_columns, the owner's wide enough for every owner's name on one
 * line and the date's for a date. */
static void overdue_table(city *c, const overdue_rows *o, xlsx_columns *d)
{
    xlsx_columns_add(d, city_code_column(c));
    xlsx_columns_add(d, city_name_column(c));
    xlsx_columns_add_all(d, overdue_columns, N_OVERDUE_COLUMNS);
    lxw_col_t owner = xlsx_table_column_of(d->cols, d->n, owner_cell);
    lxw_col_t due = xlsx_table_column_of(d->cols, d->n, due_cell);
    for (size_t i = 0; i < o->n; i++)
        if (o->rows[i]->owner)
            d->cols[owner].col.width =
                one_line_width(d->cols[owner].col.width, o->rows[i]->owner);
    d->cols[due].col.width = DATE_WIDTH;
}

/* The overdue rows, columns d, under their heading on row r, their
 * header on the next (*header; XLSX_NO_REPEAT with no overdue row, which
 * a line says); returns the next free row. */
static lxw_row_t write_overdue(city *c, lxw_worksheet *ws, lxw_row_t r,
                               overdue_rows *o, const xlsx_columns *d,
                               lxw_row_t *header)
{
    city_subtitle(c, ws, r++, 0, city_tr(c, "แถวที่เลยกำหนดเสร็จ",
                                         "Overdue rows"));
    if (o->n == 0) {
        *header = XLSX_NO_REPEAT;
        xlsx_write_text(c->b, ws, r, 0,
                        city_tr(c, "ไม่มีแถวที่เลยกำหนดเสร็จ",
                                "No row is overdue."),
                        c->b->f.note);
        return r + 1;
    }
    *header = r;
    city_header_row(c, ws, r++, d->cols, d->n);
    xlsx_write_rows(c->b, ws, r, d->cols, d->n, o->n, o, overdue_office_at);
    return r + (lxw_row_t)o->n + 1;
}

/* ---- the offices whose plan has not come back ---------------------- */

typedef struct {
    const office_score **offices;
    size_t n;
} missing_rows;

static const void *missing_office_at(const void *sheet, size_t i)
{
    return ((const missing_rows *)sheet)->offices[i];
}

static void not_returned_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, xlsx_tr(xlsx_report(cell->b), "ยังไม่ส่งแผนคืน",
                                 "plan not returned"));
}

/* A list without headers (no table): the columns' widths are the
 * overdue table's. */
static const xlsx_table_column missing_columns[] = {
    {{"", "", 0, XLSX_TEXT}, city_cell_code, 0},
    {{"", "", 0, XLSX_TEXT}, city_cell_name, 0},
    {{"", "", 0, XLSX_TEXT}, not_returned_cell, 0},
};
#define N_MISSING_COLUMNS (sizeof missing_columns / sizeof *missing_columns)

/* The offices scored this year whose plan has not come back, under their
 * heading on row r; returns the next free row. */
static lxw_row_t write_missing(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const progress_set *ps = c->rep->progress;
    city_subtitle(c, ws, r++, 0, city_tr(c, "สำนักงานเขตที่ยังไม่ส่งแผนคืน",
                                         "Offices whose plan has not come "
                                         "back"));
    missing_rows m = {xmalloc((c->ys->n ? c->ys->n : 1) * sizeof *m.offices),
                      0};
    for (size_t i = 0; i < c->ys->n; i++) {
        bool back = false;
        for (size_t k = 0; k < ps->n && !back; k++)
            back = ps->offices[k].office == c->ys->offices[i].office;
        if (!back)
            m.offices[m.n++] = &c->ys->offices[i];
    }
    xlsx_write_rows(c->b, ws, r, missing_columns, N_MISSING_COLUMNS, m.n, &m,
                    missing_office_at);
    if (m.n == 0)
        xlsx_write_text(c->b, ws, r++, 0,
                        city_tr(c, "ทุกเขตส่งแผนคืนแล้ว",
                                "Every office's plan has come back."),
                        c->b->f.note);
    free(m.offices);
    return r + (lxw_row_t)m.n + 1;
}

/* ---- the sheet ------------------------------------------------------ */

/* The note under the title, across the table's columns t: what the
 * sheet counts, as of when. */
static void write_note(city *c, lxw_worksheet *ws, const xlsx_columns *t)
{
    char *as_of = plans_date_text(c->rep->lang, c->rep->progress->as_of);
    char *note = xasprintf(
        city_tr(c, "แผนปฏิบัติการที่สำนักงานเขตส่งคืน ณ วันที่ %s "
                   "เรียงตามสัดส่วนแถวที่ดำเนินการแล้ว เลยกำหนด = ยังไม่แล้วเสร็จ"
                   "และกำหนดเสร็จก่อนวันดังกล่าว มาตรการที่ปรับ: แถวที่ข้อความ"
                   "มาตรการต่างจากคลังมาตรการ ITA ที่คาดตามแผน: "
                   "หากทุกข้อถึงคะแนนเป้าหมายที่กรอกไว้ กราฟ แถวที่เลยกำหนด "
                   "และเขตที่ยังไม่ส่งแผนคืนอยู่ในชีตถัดไป",
                "Action plans sent back, as of %s, best first "
                "by the share of rows done.  Overdue: not done and due "
                "before that date.  Measures changed: rows whose measures "
                "differ from the measures library's.  Projected ITA: if "
                "every row reaches the target score typed in the plan.  The "
                "chart, the overdue rows and the offices whose plan has not "
                "come back are on the next sheet."),
        as_of);
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(t->n - 1), 142, note, c->b->f.note);
    free(note);
    free(as_of);
}

/* The offices' table from CITY_FIRST, its columns in t. */
static void write_offices(city *c, lxw_worksheet *ws, const xlsx_columns *t)
{
    const progress_set *ps = c->rep->progress;
    progress_rows rows = {ps, xmalloc((ps->n ? ps->n : 1) *
                                      sizeof *rows.offices)};
    for (size_t i = 0; i < ps->n; i++)
        rows.offices[i] = scores_find(c->ys, ps->offices[i].office);
    xlsx_write_rows(c->b, ws, CITY_FIRST, t->cols, t->n, ps->n, &rows,
                    progress_office_at);
    free(rows.offices);
}

/* The Plan progress table's columns into t: the office's code and name,
 * then progress_columns. */
static void progress_table(city *c, xlsx_columns *t)
{
    xlsx_columns_add(t, city_code_column(c));
    xlsx_columns_add(t, city_name_column(c));
    xlsx_columns_add_all(t, progress_columns, N_PROGRESS_COLUMNS);
}

void city_sheet_progress_write(city *c, lxw_worksheet *ws)
{
    xlsx_columns t = {0};
    progress_table(c, &t);
    city_title(c, ws, "ความก้าวหน้าของแผนปฏิบัติการ ปีงบประมาณ",
               "Plan progress, fiscal year");
    write_note(c, ws, &t);
    write_offices(c, ws, &t);
    city_finish_columns(c, ws, &t, c->rep->progress->n, "PlanProgress", 2);
    xlsx_columns_free(&t);
}

void city_sheet_progress_details_write(city *c, lxw_worksheet *ws)
{
    xlsx_columns t = {0}, d = {0};
    progress_table(c, &t);
    overdue_rows overdue = overdue_list(c);
    overdue_table(c, &overdue, &d);
    xlsx_column *cols = xlsx_columns_layout(&d);
    city_header_widths(c, cols, d.n);
    xlsx_set_columns(c->b, ws, 0, cols, d.n);
    /* the blank columns right of the table, which the chart covers */
    city_note_err(c, worksheet_set_column(ws, (lxw_col_t)d.n,
                                          CHART_COLUMNS - 1,
                                          LXW_DEF_COL_WIDTH, NULL));
    int scale = xlsx_readable_scale(cols, d.n, TEXTLAYOUT_NORMAL_PT);
    city_title(c, ws, "ความก้าวหน้าของแผนปฏิบัติการ: รายละเอียด ปีงบประมาณ",
               "Plan progress details, fiscal year");
    /* the overdue table last: its header repeats on the pages it
     * continues on, and a spreadsheet prints repeated rows only from
     * their own place on, so the chart and the list above print
     * without it */
    lxw_row_t r = write_chart(c, ws, &t, c->rep->progress->n, CITY_HEAD,
                              scale);
    r = write_missing(c, ws, r + 1);
    lxw_row_t header;
    write_overdue(c, ws, r, &overdue, &d, &header);
    xlsx_print_readable(c->b, ws, header, header, cols, d.n, 2,
                        TEXTLAYOUT_NORMAL_PT);
    free(cols);
    overdue_free(&overdue);
    xlsx_columns_free(&d);
    xlsx_columns_free(&t);
}
