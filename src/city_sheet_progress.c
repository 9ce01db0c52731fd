/* The Plan progress sheet of the city workbook (city_sheets.h), written
 * only when action plans came back (report.progress). */
#include "city_sheets.h"
#include "plans.h"
#include "progress.h"
#include "text.h"
#include "textlayout.h"

#include <stdlib.h>

enum progress_field { PG_CODE, PG_NAME, PG_ROWS, PG_DONE, PG_IN_PROGRESS,
                      PG_NOT_STARTED, PG_OVERDUE, PG_NO_OWNER, PG_MEASURES,
                      PG_PROJECTED, PG_FILE };

/* Where each count column's value is in progress_office (0: not a
 * count). */
static const size_t count_at[] = {
    [PG_ROWS] = offsetof(progress_office, rows),
    [PG_DONE] = offsetof(progress_office, done),
    [PG_IN_PROGRESS] = offsetof(progress_office, in_progress),
    [PG_NOT_STARTED] = offsetof(progress_office, not_started),
    [PG_OVERDUE] = offsetof(progress_office, overdue),
    [PG_NO_OWNER] = offsetof(progress_office, no_owner),
    [PG_MEASURES] = offsetof(progress_office, measures_changed),
    [PG_FILE] = 0,
};

/* The count of an office in a count column. */
static double count_of(const progress_office *po, int field)
{
    size_t at = count_at[field];
    return at ? (double)*(const size_t *)((const char *)po + at) : 0;
}

static void write_office_row(city *c, lxw_worksheet *ws, const city_layout *l,
                             lxw_row_t r, const progress_office *po)
{
    for (size_t k = 0; k < l->n; k++) {
        lxw_col_t col = (lxw_col_t)k;
        switch ((enum progress_field)l->field[k]) {
        case PG_CODE:
            xlsx_write_text(c->b, ws, r, col, c->rep->r->offices[po->office].code,
                          city_fmt(c, XLSX_TEXT));
            break;
        case PG_NAME:
            xlsx_write_text(c->b, ws, r, col, xlsx_office_name(c->rep, po->office),
                          city_fmt(c, XLSX_TEXT));
            break;
        case PG_PROJECTED:
            xlsx_write_score(c->b, ws, r, col, po->projected_ita);
            break;
        case PG_FILE:
            xlsx_write_text(c->b, ws, r, col, po->plan->file,
                          city_fmt(c, XLSX_TEXT));
            break;
        default:
            xlsx_write_number(c->b, ws, r, col, count_of(po, l->field[k]),
                         city_fmt(c, XLSX_INT));
        }
    }
}

/* A bar per office: done, in progress and not started stacked, each bar
 * named by its office, in fonts that print at XLSX_MIN_PRINT_PT at the
 * sheet's scale. */
static void write_chart(city *c, lxw_worksheet *ws, const city_layout *l,
                        size_t n, lxw_row_t at, int scale)
{
    static const struct {
        int field;
        lxw_color_t color;
    } parts[] = {{PG_DONE, 0x70AD47}, {PG_IN_PROGRESS, 0xFFC000},
                 {PG_NOT_STARTED, 0xBFBFBF}};
    const char *sheet = c->ws[CITY_PROGRESS]->name;
    lxw_chart *bar = workbook_add_chart(c->b->wb, LXW_CHART_BAR_STACKED);
    lxw_col_t name = city_lay_find(l, PG_NAME);
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++) {
        lxw_col_t col = city_lay_find(l, parts[k].field);
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
    lxw_chart_options place = {.x_scale = 2,
                               .y_scale = 0.4 + per_bar * (double)n,
                               .object_position = LXW_OBJECT_MOVE_DONT_SIZE};
    city_note_err(c, worksheet_insert_chart_opt(ws, at, 0, bar, &place));
}

/* The overdue table under the chart shares the main table's columns: its
 * owner (column OVERDUE_OWNER) and due date (OVERDUE_DUE) columns are
 * made wide enough for every owner's name and a date, so that no name is
 * cut and no date prints as ###. */
#define OVERDUE_OWNER 3
#define OVERDUE_DUE 4
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

static void widen_for_overdue(city *c, city_layout *l)
{
    const progress_set *ps = c->rep->progress;
    if (l->n <= OVERDUE_DUE)
        return;
    for (size_t i = 0; i < ps->n; i++)
        for (size_t j = 0; j < ps->offices[i].plan->n_rows; j++) {
            const returned_row *row = &ps->offices[i].plan->rows[j];
            if (progress_row_overdue(ps, row) && row->owner)
                l->cols[OVERDUE_OWNER].width = one_line_width(
                    l->cols[OVERDUE_OWNER].width, row->owner);
        }
    if (l->cols[OVERDUE_DUE].width < DATE_WIDTH)
        l->cols[OVERDUE_DUE].width = DATE_WIDTH;
}

/* The overdue rows: office, item, owner, due date; returns the next free
 * row. */
static lxw_row_t write_overdue(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const progress_set *ps = c->rep->progress;
    city_subtitle(c, ws, r++, 0, city_tr(c, "แถวที่เลยกำหนดเสร็จ",
                                         "Overdue rows"));
    static const char *const head[][2] = {
        {"รหัส", "Code"}, {"สำนักงานเขต", "Office"}, {"ข้อ", "Item"},
        {"ผู้ดำเนินการ", "Owner"}, {"กำหนดเสร็จ", "Due date"}};
    for (lxw_col_t k = 0; k < 5; k++)
        xlsx_write_text(c->b, ws, r, k, head[k][city_english(c)],
                      c->b->f.header);
    r++;
    for (size_t i = 0; i < ps->n; i++) {
        const progress_office *po = &ps->offices[i];
        for (size_t k = 0; k < po->plan->n_rows; k++) {
            const returned_row *row = &po->plan->rows[k];
            if (!progress_row_overdue(ps, row))
                continue;
            xlsx_write_text(c->b, ws, r, 0, c->rep->r->offices[po->office].code,
                          city_fmt(c, XLSX_TEXT));
            xlsx_write_text(c->b, ws, r, 1, xlsx_office_name(c->rep, po->office),
                          city_fmt(c, XLSX_TEXT));
            xlsx_write_text(c->b, ws, r, 2, row->item, city_fmt(c, XLSX_TEXT));
            xlsx_write_text(c->b, ws, r, OVERDUE_OWNER, row->owner,
                          city_fmt(c, XLSX_TEXT));
            lxw_datetime due = {.year = row->due.year,
                                .month = row->due.month,
                                .day = row->due.day};
            city_note_err(c, worksheet_write_datetime(
                                 ws, r++, OVERDUE_DUE, &due,
                                 city_fmt(c, XLSX_DATE)));
        }
    }
    return r + 1;
}

/* The offices scored this year whose plan has not come back. */
static void write_missing(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const progress_set *ps = c->rep->progress;
    city_subtitle(c, ws, r++, 0, city_tr(c, "สำนักงานเขตที่ยังไม่ส่งแผนคืน",
                                         "Offices whose plan has not come "
                                         "back"));
    for (size_t i = 0; i < c->ys->n; i++) {
        int office = c->ys->offices[i].office;
        bool back = false;
        for (size_t k = 0; k < ps->n && !back; k++)
            back = ps->offices[k].office == office;
        if (back)
            continue;
        xlsx_write_text(c->b, ws, r, 0, c->rep->r->offices[office].code,
                      city_fmt(c, XLSX_TEXT));
        xlsx_write_text(c->b, ws, r, 1, xlsx_office_name(c->rep, office),
                      city_fmt(c, XLSX_TEXT));
        xlsx_write_text(c->b, ws, r++, 2,
                      city_tr(c, "ยังไม่ส่งแผนคืน", "plan not returned"),
                      city_fmt(c, XLSX_TEXT));
    }
}

void city_sheet_progress_write(city *c, lxw_worksheet *ws)
{
    const progress_set *ps = c->rep->progress;
    city_layout l = {0};
    city_lay_add(&l, "รหัส", "Code", c->w_code, XLSX_TEXT, PG_CODE, 0);
    city_lay_add(&l, "สำนักงานเขต", "Office", c->w_name, XLSX_TEXT, PG_NAME, 0);
    city_lay_add(&l, "แถวของแผน", "Rows", 8, XLSX_INT, PG_ROWS, 0);
    city_lay_add(&l, "ดำเนินการแล้ว", "Done", 10, XLSX_INT, PG_DONE, 0);
    city_lay_add(&l, "กำลังดำเนินการ", "In progress", 10, XLSX_INT,
                 PG_IN_PROGRESS, 0);
    city_lay_add(&l, "ยังไม่เริ่ม", "Not started", 10, XLSX_INT,
                 PG_NOT_STARTED, 0);
    city_lay_add(&l, "เลยกำหนด", "Overdue", 9, XLSX_INT, PG_OVERDUE, 0);
    city_lay_add(&l, "ไม่มีผู้ดำเนินการ", "No owner", 10, XLSX_INT,
                 PG_NO_OWNER, 0);
    city_lay_add(&l, "มาตรการที่ปรับจากค่าเริ่มต้น", "Measures changed", 12,
                 XLSX_INT, PG_MEASURES, 0);
    city_lay_add(&l, "ITA ที่คาดตามแผน", "Projected ITA", 10, XLSX_SCORE,
                 PG_PROJECTED, 0);
    city_lay_add(&l, "ไฟล์", "File", 40, XLSX_TEXT, PG_FILE, 0);
    city_title(c, ws, "ความก้าวหน้าของแผนปฏิบัติการ ปีงบประมาณ",
               "Plan progress, fiscal year");
    char *as_of = plans_date_text(c->rep->lang, ps->as_of);
    char *note = xasprintf(
        city_tr(c, "แผนปฏิบัติการที่สำนักงานเขตส่งคืน ณ วันที่ %s "
                   "เรียงตามสัดส่วนแถวที่ดำเนินการแล้ว เลยกำหนด = ยังไม่แล้วเสร็จ"
                   "และกำหนดเสร็จก่อนวันดังกล่าว มาตรการที่ปรับ: แถวที่ข้อความ"
                   "มาตรการต่างจากคลังมาตรการ ITA ที่คาดตามแผน: "
                   "หากทุกข้อถึงคะแนนเป้าหมายที่กรอกไว้",
                "Action plans sent back, as of %s, best first "
                "by the share of rows done.  Overdue: not done and due "
                "before that date.  Measures changed: rows whose measures "
                "differ from the measures library's.  Projected ITA: if "
                "every row reaches the target score typed in the plan."),
        as_of);
    city_note(c, ws, 1, 10, 142, note, c->b->f.note);
    free(note);
    free(as_of);
    for (size_t i = 0; i < ps->n; i++)
        write_office_row(c, ws, &l, (lxw_row_t)(CITY_FIRST + i),
                         &ps->offices[i]);
    widen_for_overdue(c, &l);
    int scale = city_finish_table(c, ws, &l, ps->n, "PlanProgress", 2);
    lxw_row_t r = city_last_row(ps->n) + 2;
    write_chart(c, ws, &l, ps->n, r, scale);
    r += (lxw_row_t)(6 + 2 * ps->n);
    r = write_overdue(c, ws, r);
    write_missing(c, ws, r);
    city_lay_free(&l);
}
