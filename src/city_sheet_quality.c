/* The Data quality sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "textlayout.h"
#include "diag_text.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const xlsx_column quality_columns[] = {
    {"ระดับ", "Severity", 11, XLSX_TEXT},
    {"รหัสเขต", "Office", 8, XLSX_TEXT},
    {"ไฟล์", "File", 34, XLSX_TEXT},
    {"บรรทัด", "Line", 7, XLSX_INT},
    {"ประเภท", "Check", 21, XLSX_WRAP},
    {"รายละเอียด", "Message", 70, XLSX_WRAP},
};
#define N_QUALITY_COLUMNS (sizeof quality_columns / sizeof *quality_columns)

static const char *const severity_th[] = {"หมายเหตุ", "คำเตือน", "ข้อผิดพลาด"};

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
    city_note(c, ws, 1, (lxw_col_t)(N_QUALITY_COLUMNS - 1),
              xlsx_columns_width(quality_columns, N_QUALITY_COLUMNS), summary,
              c->b->f.note);
    free(summary);
    /* the file names whole (up to a cap), no header word broken */
    xlsx_column cols[N_QUALITY_COLUMNS];
    memcpy(cols, quality_columns, sizeof cols);
    const char **files = xmalloc((dl->n ? dl->n : 1) * sizeof *files);
    for (size_t i = 0; i < dl->n; i++)
        files[i] = dl->items[i].file ? dl->items[i].file : "";
    cols[2].width = city_fit_width(c, cols[2].width, 60, files, dl->n);
    free(files);
    city_header_widths(c, cols, N_QUALITY_COLUMNS);
    for (size_t i = 0; i < dl->n; i++) {
        const diag *d = &dl->items[i];
        lxw_row_t r = (lxw_row_t)(CITY_FIRST + i);
        xlsx_write_text(c->b, ws, r, 0,
                      city_english(c) ? diag_severity_name(d->severity)
                                      : severity_th[d->severity],
                      city_fmt(c, XLSX_TEXT));
        xlsx_write_text(c->b, ws, r, 1, d->office_code, city_fmt(c, XLSX_TEXT));
        xlsx_write_text(c->b, ws, r, 2, d->file, city_fmt(c, XLSX_TEXT));
        xlsx_write_number(c->b, ws, r, 3, d->line ? (double)d->line : NAN,
                     city_fmt(c, XLSX_INT));
        /* in the workbook's language (findings are made in English) */
        const char *kind = diag_text_kind(d->check, c->rep->lang);
        char *message = diag_text_message(c->rep, d);
        xlsx_write_text(c->b, ws, r, 4, kind, city_fmt(c, XLSX_WRAP));
        xlsx_write_text(c->b, ws, r, 5, message, city_fmt(c, XLSX_WRAP));
        xlsx_row_fit fit = {1};
        xlsx_fit_text(&fit, c->b, kind, cols[4].width);
        xlsx_fit_text(&fit, c->b, message, cols[5].width);
        xlsx_set_row_lines(ws, r, fit.lines, city_fmt(c, XLSX_WRAP));
        free(message);
    }

    xlsx_set_columns(c->b, ws, 0, cols, N_QUALITY_COLUMNS);
    city_note_err(c,
                  xlsx_add_table(c->b, ws, CITY_HEAD, 0, dl->n, cols,
                                 N_QUALITY_COLUMNS, "DataQuality"));
    worksheet_freeze_panes(ws, CITY_FIRST, 0);
    /* never fitted below the readable size (wider Thai digits) */
    xlsx_print_readable(c->b, ws, CITY_HEAD, CITY_HEAD, cols,
                        N_QUALITY_COLUMNS, 0, TEXTLAYOUT_NORMAL_PT);
}
