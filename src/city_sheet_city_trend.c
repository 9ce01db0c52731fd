/* The City trend sheet of the city workbook (city_sheets.h): the city's
 * ITA over the years as a chart, and the paired t-test of the change
 * since the previous year.
 *
 * They were under the Trend table, and a sheet has one set of repeated
 * print rows: their printed pages carried the Trend table's header with
 * none of its rows under it.  On a sheet of their own, with no repeated
 * rows, each prints under its own heading. */
#include "city_sheets.h"
#include "text.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* The printed columns: the test's labels, its values, and room for the
 * chart and the sentence to the page's width at 100 %. */
static const xlsx_column sheet_columns[] = {
    {"", "", 40, XLSX_TEXT}, {"", "", 14, XLSX_SCORE},
    {"", "", 12, XLSX_TEXT}, {"", "", 12, XLSX_TEXT},
    {"", "", 12, XLSX_TEXT}, {"", "", 12, XLSX_TEXT},
    {"", "", 12, XLSX_TEXT}, {"", "", 12, XLSX_TEXT},
};
#define N_COLUMNS (sizeof sheet_columns / sizeof *sheet_columns)
#define LABEL_COL 0
#define VALUE_COL 1

/* The sheet prints at full size: its one chart and one test fit a page
 * each. */
#define PRINT_SCALE 100

static const struct {
    const char *th, *en;
    size_t offset;      /* into stats_paired */
    xlsx_kind kind;
} paired_rows[] = {
    {"ค่าเฉลี่ยการเปลี่ยนแปลง (คะแนน)", "Mean change (points)", offsetof(stats_paired, mean_change), XLSX_SCORE},
    {"SD ของการเปลี่ยนแปลง", "SD of the changes", offsetof(stats_paired, sd_change), XLSX_SCORE},
    {"ค่าสถิติ t", "t", offsetof(stats_paired, t), XLSX_SCORE},
    {"องศาอิสระ", "Degrees of freedom", offsetof(stats_paired, df), XLSX_INT},
    {"ค่า p (สองทาง)", "p-value (two-sided)", offsetof(stats_paired, p), XLSX_FINE},
    {"ช่วงความเชื่อมั่น 95% ล่าง", "95% confidence interval, low", offsetof(stats_paired, ci_low), XLSX_SCORE},
    {"ช่วงความเชื่อมั่น 95% บน", "95% confidence interval, high", offsetof(stats_paired, ci_high), XLSX_SCORE},
};

/* Returns a new plain sentence stating the paired t-test. */
static char *paired_sentence(const city *c, const stats_paired *t)
{
    const year_scores *prev = c->rep->previous;
    if (!isfinite(t->p))
        return xasprintf(
            city_tr(c, "มีสำนักงานเขต %zu แห่งที่มีผลทั้งปี %d และ %d ไม่พอสำหรับการทดสอบ t",
                    "%zu offices have results in both %d and %d: too few (or too "
                    "uniform) for a t-test."),
            t->n, prev->year, c->ys->year);
    bool significant = t->p < CITY_ALPHA;
    return xasprintf(
        city_tr(c, "สำนักงานเขต %zu แห่งที่มีผลทั้งปี %d และ %d: ITA เปลี่ยนไปเฉลี่ย %+.2f คะแนน "
                   "(t = %.2f, df = %.0f, p = %.4f) ถ้า ITA ของเมืองไม่ได้เปลี่ยนจริง "
                   "โอกาสที่จะเห็นการเปลี่ยนแปลงเฉลี่ยขนาดนี้หรือมากกว่าโดยบังเอิญคือ %.1f%% "
                   "จึง%sที่ระดับนัยสำคัญ 0.05",
                "%zu offices have results in both %d and %d: their ITA changed by "
                "%+.2f points on average (t = %.2f, df = %.0f, p = %.4f).  If the "
                "city's ITA had not really changed, a mean change this large or "
                "larger would arise by chance %.1f%% of the time, so the change is "
                "%s at the 5%% level."),
        t->n, prev->year, c->ys->year, t->mean_change, t->t, t->df, t->p,
        100 * t->p,
        significant ? city_tr(c, "ถือว่าเปลี่ยนแปลงอย่างมีนัยสำคัญทางสถิติ",
                              "statistically significant")
                    : city_tr(c, "ยังไม่ถือว่าเปลี่ยนแปลงอย่างมีนัยสำคัญทางสถิติ",
                              "not statistically significant"));
}

/* The width (characters) of the printed columns. */
static double printed_width(void)
{
    return xlsx_columns_width(sheet_columns, N_COLUMNS);
}

/* The paired t-test of the change since the previous year from row r: a
 * heading, the figures, and its sentence across the printed columns;
 * returns the row after them. */
static lxw_row_t write_paired_test(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const report *rep = c->rep;
    stats_paired test;
    stats_paired_change(rep->previous, rep->current, MEASURE_ITA, &test);
    char *heading = xasprintf(city_tr(c, "การทดสอบ t แบบจับคู่: ITA ปี %d เทียบกับปี %d",
                                      "Paired t-test: ITA %d against %d"),
                              c->ys->year, rep->previous->year);
    city_subtitle(c, ws, r++, 0, heading);
    free(heading);
    xlsx_write_text(c->b, ws, r, LABEL_COL,
                    city_tr(c, "เขตที่มีผลทั้งสองปี", "Offices in both years"),
                    c->b->f.label);
    xlsx_write_number(c->b, ws, r++, VALUE_COL, (double)test.n,
                      city_fmt(c, XLSX_INT));
    for (size_t i = 0; i < sizeof paired_rows / sizeof *paired_rows; i++) {
        xlsx_write_text(c->b, ws, r, LABEL_COL,
                        city_tr(c, paired_rows[i].th, paired_rows[i].en),
                        c->b->f.label);
        xlsx_write_number(c->b, ws, r++, VALUE_COL,
                          city_stat_at(&test, paired_rows[i].offset),
                          city_fmt(c, paired_rows[i].kind));
    }
    char *sentence = paired_sentence(c, &test);
    xlsx_wide_line(c->b, ws, r + 1, (lxw_col_t)(N_COLUMNS - 1),
                   printed_width(), sentence, c->b->f.note);
    free(sentence);
    return r + 2;
}

void city_sheet_city_trend_write(city *c, lxw_worksheet *ws)
{
    const report *rep = c->rep;
    xlsx_set_columns(c->b, ws, 0, sheet_columns, N_COLUMNS);
    city_title(c, ws, "แนวโน้ม ITA ของเมือง ถึงปีงบประมาณ",
               "The city's ITA year by year, up to fiscal year");
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(N_COLUMNS - 1), printed_width(),
                   rep->previous
                       ? city_tr(c, "ITA ของแต่ละสำนักงานเขตรายปีอยู่ในชีตแนวโน้ม; "
                                    "การทดสอบ t แบบจับคู่อยู่ใต้กราฟ (หน้าถัดไป)",
                                 "Each office's ITA year by year is on the Trend "
                                 "sheet; the paired t-test is under the chart "
                                 "(the next page).")
                       : city_tr(c, "ข้อมูลนำเข้าไม่มีปีก่อนหน้าติดกัน: "
                                    "ยังทดสอบการเปลี่ยนแปลงไม่ได้",
                                 "The input has not the year before: no change "
                                 "to test."),
                   c->b->f.note);
    xlsx_print_setup_scaled(c->b, ws, XLSX_NO_REPEAT, XLSX_NO_REPEAT,
                            PRINT_SCALE);
    lxw_row_t r = city_sheet_trend_chart(c, ws, CITY_HEAD, N_COLUMNS,
                                         PRINT_SCALE);
    if (rep->previous) {
        /* the test on a page of its own, under the chart's */
        lxw_row_t breaks[] = {r, 0};
        city_note_err(c, worksheet_set_h_pagebreaks(ws, breaks));
        r = write_paired_test(c, ws, r);
    }
    /* the chart's data right of the printed columns do not print */
    city_note_err(c, worksheet_print_area(ws, 0, 0, r,
                                          (lxw_col_t)(N_COLUMNS - 1)));
}
