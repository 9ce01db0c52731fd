/* The Data quality sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "textlayout.h"
#include "diag_text.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One row per finding of the run (report.diags): the row's item; the
 * sheet is the city. */
static const void *finding_at(const void *sheet, size_t i)
{
    return &((const city *)sheet)->rep->diags->items[i];
}

static const diag *cell_diag(const xlsx_cell *cell)
{
    return cell->item;
}

static const char *const severity_th[] = {"หมายเหตุ", "คำเตือน", "ข้อผิดพลาด"};

static void severity_cell(const xlsx_cell *cell)
{
    const diag *d = cell_diag(cell);
    xlsx_cell_text(cell, xlsx_report(cell->b)->lang == LANG_EN
                             ? diag_severity_name(d->severity)
                             : severity_th[d->severity]);
}

static void office_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_diag(cell)->office_code);
}

static void file_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_diag(cell)->file);
}

static void line_cell(const xlsx_cell *cell)
{
    unsigned long line = cell_diag(cell)->line;
    xlsx_cell_number(cell, line ? (double)line : NAN);
}

/* The check and the message in the workbook's language (findings are
 * made in English). */
static void check_cell(const xlsx_cell *cell)
{
    const char *kind = diag_text_kind(cell_diag(cell)->check,
                                      xlsx_report(cell->b)->lang);
    xlsx_cell_text(cell, kind);
    xlsx_cell_fit(cell, kind, cell->column->col.width);
}

static void message_cell(const xlsx_cell *cell)
{
    char *message = diag_text_message(xlsx_report(cell->b), cell_diag(cell));
    xlsx_cell_text(cell, message);
    xlsx_cell_fit(cell, message, cell->column->col.width);
    free(message);
}

static const xlsx_table_column quality_columns[] = {
    {{"ระดับ", "Severity", 11, XLSX_TEXT}, severity_cell, 0},
    {{"รหัสเขต", "Office", 8, XLSX_TEXT}, office_cell, 0},
    {{"ไฟล์", "File", 34, XLSX_TEXT}, file_cell, 0},
    {{"บรรทัด", "Line", 7, XLSX_INT}, line_cell, 0},
    {{"ประเภท", "Check", 21, XLSX_WRAP}, check_cell, 0},
    {{"รายละเอียด", "Message", 70, XLSX_WRAP}, message_cell, 0},
};
#define N_QUALITY_COLUMNS (sizeof quality_columns / sizeof *quality_columns)

/* The table's columns: the file names whole (up to a cap), no header
 * word broken. */
static void quality_table(city *c, xlsx_columns *t)
{
    const diag_list *dl = c->rep->diags;
    xlsx_columns_add_all(t, quality_columns, N_QUALITY_COLUMNS);
    xlsx_column *file = &t->cols[xlsx_table_column_of(
                                     quality_columns, N_QUALITY_COLUMNS,
                                     file_cell)].col;
    const char **files = xmalloc((dl->n ? dl->n : 1) * sizeof *files);
    for (size_t i = 0; i < dl->n; i++)
        files[i] = dl->items[i].file ? dl->items[i].file : "";
    file->width = city_fit_width(c, file->width, 60, files, dl->n);
    free(files);
    /* before the rows, which fit their heights to these widths
     * (city_finish_columns widens no further) */
    for (size_t i = 0; i < t->n; i++)
        t->cols[i].col.width = city_header_width(
            c, t->cols[i].col.width,
            city_tr(c, t->cols[i].col.th, t->cols[i].col.en));
}

void city_sheet_quality_write(city *c, lxw_worksheet *ws)
{
    const diag_list *dl = c->rep->diags;
    city_title(c, ws, "คุณภาพข้อมูลนำเข้า ปีงบประมาณ", "Data quality of the input, fiscal year");
    char *summary = xasprintf(
        city_tr(c, "ข้อผิดพลาด %zu คำเตือน %zu หมายเหตุ %zu รายการ%s",
                "%zu errors, %zu warnings, %zu notes%s"),
        diag_count(dl, DIAG_ERROR), diag_count(dl, DIAG_WARNING),
        diag_count(dl, DIAG_NOTE),
        dl->dropped ? city_tr(c, " (แสดงเฉพาะรายการแรก ๆ; ดูทั้งหมดใน data_quality CSV)",
                              " (only the first are listed; the data_quality CSV has all)")
                    : "");
    xlsx_column drawn[N_QUALITY_COLUMNS];   /* the note spans the drawn widths */
    xlsx_table_layout(quality_columns, N_QUALITY_COLUMNS, drawn);
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(N_QUALITY_COLUMNS - 1),
              xlsx_columns_width(drawn, N_QUALITY_COLUMNS), summary,
              c->b->f.note);
    free(summary);
    xlsx_columns t = {0};
    quality_table(c, &t);
    xlsx_write_rows(c->b, ws, CITY_FIRST, t.cols, t.n, dl->n, c, finding_at);
    /* header widths, table, print never below the readable size */
    city_finish_columns(c, ws, &t, dl->n, "DataQuality", 0);
    xlsx_columns_free(&t);
}
