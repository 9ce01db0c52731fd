/* The Trend sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "text.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* Significance level of the paired t-test stated on the sheet. */
#define ALPHA 0.05

enum trend_field { TR_CODE, TR_NAME, TR_ITA, TR_GRADE, TR_CHANGE,
                   TR_CHANGE_LOW, TR_CHANGE_HIGH, TR_SIGNIFICANT,
                   /* the change into an earlier year of the series from the
                    * year before it (measure: the later year's position) */
                   TR_STEP, TR_STEP_LOW, TR_STEP_HIGH, TR_STEP_SIGNIFICANT };

/* The columns of a step of the series, named with its two years (an
 * Excel table's headers must differ). */
static const struct {
    const char *th, *en;
    double width;
    xlsx_kind kind;
    enum trend_field field;
    bool needs_uncertainty;
} step_columns[] = {
    {"เปลี่ยนแปลง %d-%d", "Change %d-%d", 10, XLSX_SCORE, TR_STEP, false},
    {"ช่วง 95%% ต่ำสุด %d-%d", "95%% interval, low %d-%d", 9, XLSX_SCORE,
     TR_STEP_LOW, true},
    {"ช่วง 95%% สูงสุด %d-%d", "95%% interval, high %d-%d", 9, XLSX_SCORE,
     TR_STEP_HIGH, true},
    {"มีนัยสำคัญ %d-%d", "Significant %d-%d", 11, XLSX_TEXT,
     TR_STEP_SIGNIFICANT, true},
};

/* True when year position y of the series is an earlier step: not the
 * current year (whose change has its own columns) and the year just after
 * the one before it in the input. */
static bool is_earlier_step(const report *rep, size_t y)
{
    return y > 0 && rep->years[y] && rep->years[y - 1] &&
           rep->years[y] != rep->current &&
           rep->years[y]->year == rep->years[y - 1]->year + 1;
}

/* How sure the scores of year position y are, or NULL. */
static const year_uncertainty *uncertainty_at(const report *rep, size_t y)
{
    return rep->year_uncertainty ? rep->year_uncertainty[y] : NULL;
}

/* The columns of the earlier step into year position y. */
static void add_step_columns(city *c, city_layout *l, size_t y)
{
    const report *rep = c->rep;
    int from = rep->years[y - 1]->year, to = rep->years[y]->year;
    bool sure = uncertainty_at(rep, y) && uncertainty_at(rep, y - 1);
    for (size_t k = 0; k < sizeof step_columns / sizeof *step_columns; k++)
        if (sure || !step_columns[k].needs_uncertainty)
            city_lay_add(l, city_keep(c, xasprintf(step_columns[k].th, from, to)),
                         city_keep(c, xasprintf(step_columns[k].en, from, to)),
                         step_columns[k].width, step_columns[k].kind,
                         step_columns[k].field, y);
}

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
    bool significant = t->p < ALPHA;
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

/* Code, name, then ITA and grade of every year of the input (measure:
 * the year's position in report.years), and the change since the
 * previous year when there is one.  Sets the columns of the previous and
 * the current year's ITA. */
static void trend_layout(city *c, city_layout *l, lxw_col_t *prev_col,
                         lxw_col_t *cur_col)
{
    const report *rep = c->rep;
    city_lay_add(l, "รหัส", "Code", c->w_code, XLSX_TEXT, TR_CODE, 0);
    city_lay_add(l, "สำนักงานเขต", "Office", c->w_name, XLSX_TEXT, TR_NAME, 0);
    *prev_col = *cur_col = 0;
    for (size_t y = 0; y < rep->n_years; y++) {
        int year = rep->years[y]->year;
        if (rep->years[y] == rep->previous)
            *prev_col = (lxw_col_t)l->n;
        if (rep->years[y] == rep->current)
            *cur_col = (lxw_col_t)l->n;
        city_lay_add(l, city_keep(c, xasprintf("ITA ปี %d", year)),
                     city_keep(c, xasprintf("ITA %d", year)), 9, XLSX_SCORE,
                     TR_ITA, y);
        city_lay_add(l, city_keep(c, xasprintf("ระดับ ปี %d", year)),
                     city_keep(c, xasprintf("Grade %d", year)), 8, XLSX_TEXT,
                     TR_GRADE, y);
        if (is_earlier_step(rep, y))
            add_step_columns(c, l, y);
    }
    if (rep->previous)
        city_lay_add(l, city_keep(c, xasprintf("เปลี่ยนแปลง %d-%d", rep->previous->year, c->ys->year)),
                     city_keep(c, xasprintf("Change %d-%d", rep->previous->year, c->ys->year)),
                     10, XLSX_SCORE, TR_CHANGE, 0);
    if (rep->previous && rep->previous_uncertainty) {
        /* how sure the change is (uncertainty.h) */
        city_lay_add(l, "ช่วง 95% ต่ำสุด", "95% interval, low", 9, XLSX_SCORE,
                     TR_CHANGE_LOW, 0);
        city_lay_add(l, "ช่วง 95% สูงสุด", "95% interval, high", 9,
                     XLSX_SCORE, TR_CHANGE_HIGH, 0);
        city_lay_add(l, "เปลี่ยนอย่างมีนัยสำคัญ", "Significant change", 11,
                     XLSX_TEXT, TR_SIGNIFICANT, 0);
    }
}

/* The offices of the rows (registry indices, new array): this year's by
 * rank, then those seen only in other years. */
static int *trend_offices(const city *c, size_t *n_rows)
{
    const report *rep = c->rep;
    const registry *reg = rep->r;
    int *rows = xmalloc((reg->n_offices ? reg->n_offices : 1) * sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < c->ys->n; i++)
        rows[n++] = city_ranked(c, i)->office;
    for (size_t o = 0; o < reg->n_offices; o++) {
        if (scores_find(c->ys, (int)o))
            continue;
        for (size_t y = 0; y < rep->n_years; y++)
            if (scores_find(rep->years[y], (int)o)) {
                rows[n++] = (int)o;
                break;
            }
    }
    *n_rows = n;
    return rows;
}

/* The change since the previous year of office, a formula on the row's
 * ITA cells; blank unless the office has both years. */
static void write_change(city *c, lxw_worksheet *ws, lxw_row_t r,
                         lxw_col_t col, int office, lxw_col_t prev_col,
                         lxw_col_t cur_col)
{
    lxw_format *f = city_fmt(c, XLSX_SCORE);
    const office_score *now = scores_find(c->rep->current, office);
    const office_score *before = scores_find(c->rep->previous, office);
    if (!now || !before) {
        xlsx_write_number(c->b, ws, r, col, NAN, f);
        return;
    }
    char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
    xlsx_take_formula(c->b, ws, r, col,
                     xasprintf("=%s-%s", city_cell(a, r, cur_col),
                               city_cell(b, r, prev_col)),
                     now->ita_r2 - before->ita_r2, f);
}

/* The 95 % interval of an office's ITA change and whether it is
 * significant (uncertainty.h); blank unless both years are known. */
/* Which part of a change's test a cell shows. */
typedef enum { PART_LOW, PART_HIGH, PART_SIGNIFICANT } change_part;

/* The change of an office's ITA between two years' uncertainty, as a
 * cell shows one part of it: blank when either is unknown. */
typedef struct {
    const year_uncertainty *before, *now;
    int office;
    change_part part;
} change_cell;

static void write_change_part(city *c, lxw_worksheet *ws, lxw_row_t r,
                              lxw_col_t col, const change_cell *cell)
{
    unc_change ch;
    bool known = uncertainty_change(cell->before, cell->now, cell->office,
                                    MEASURE_ITA, &ch) &&
                 ch.basis != UNC_UNKNOWN;
    if (cell->part == PART_SIGNIFICANT)
        xlsx_write_text(c->b, ws, r, col,
                      known ? city_significance(c, ch.significant) : NULL,
                      city_fmt(c, XLSX_TEXT));
    else
        xlsx_write_score(c->b, ws, r, col,
                       !known ? NAN : cell->part == PART_LOW ? ch.low : ch.high);
}

/* The part of a field of the change since the previous year, or of a
 * step of the series. */
static change_part part_of(int field)
{
    return field == TR_CHANGE_LOW || field == TR_STEP_LOW     ? PART_LOW
           : field == TR_CHANGE_HIGH || field == TR_STEP_HIGH ? PART_HIGH
                                                              : PART_SIGNIFICANT;
}

/* The column of year position y's ITA. */
static lxw_col_t ita_column(const city_layout *l, size_t y)
{
    for (size_t k = 0; k < l->n; k++)
        if (l->field[k] == TR_ITA && l->measure[k] == y)
            return (lxw_col_t)k;
    return 0;
}

/* A cell of an earlier step of the series into year position y: the
 * change (a formula on the two ITA cells), its 95 % interval or whether
 * it is significant; blank unless the office has both years (and, for
 * the interval, one is known). */
static void write_step(city *c, lxw_worksheet *ws, const city_layout *l,
                       lxw_row_t r, lxw_col_t col, int office, size_t y,
                       int field)
{
    const report *rep = c->rep;
    const office_score *now = scores_find(rep->years[y], office);
    const office_score *before = scores_find(rep->years[y - 1], office);
    if (field == TR_STEP) {
        char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
        if (now && before)
            xlsx_take_formula(c->b, ws, r, col,
                             xasprintf("=%s-%s", city_cell(a, r, ita_column(l, y)),
                                       city_cell(b, r, ita_column(l, y - 1))),
                             now->ita_r2 - before->ita_r2,
                             city_fmt(c, XLSX_SCORE));
        else
            xlsx_write_number(c->b, ws, r, col, NAN, city_fmt(c, XLSX_SCORE));
        return;
    }
    change_cell cell = {uncertainty_at(rep, y - 1), uncertainty_at(rep, y),
                        office, part_of(field)};
    write_change_part(c, ws, r, col, &cell);
}

static void write_trend_row(city *c, lxw_worksheet *ws, const city_layout *l,
                            lxw_row_t r, int office, lxw_col_t prev_col,
                            lxw_col_t cur_col)
{
    const report *rep = c->rep;
    for (size_t k = 0; k < l->n; k++) {
        lxw_col_t col = (lxw_col_t)k;
        lxw_format *f = city_fmt(c, l->cols[k].kind);
        const office_score *s =
            l->field[k] == TR_ITA || l->field[k] == TR_GRADE
                ? scores_find(rep->years[l->measure[k]], office) : NULL;
        switch ((enum trend_field)l->field[k]) {
        case TR_CODE:
            xlsx_write_text(c->b, ws, r, col, rep->r->offices[office].code, f);
            break;
        case TR_NAME:
            xlsx_write_text(c->b, ws, r, col, xlsx_office_name(rep, office), f);
            break;
        case TR_ITA: xlsx_write_number(c->b, ws, r, col, s ? s->ita_r2 : NAN, f); break;
        case TR_GRADE:
            /* the grade of that year's framework */
            xlsx_write_text(c->b, ws, r, col,
                            s ? rep->years[l->measure[k]]->m->grades[s->grade].id
                              : NULL,
                          c->b->f.center);
            break;
        case TR_CHANGE:
            write_change(c, ws, r, col, office, prev_col, cur_col);
            break;
        case TR_CHANGE_LOW:
        case TR_CHANGE_HIGH:
        case TR_SIGNIFICANT:
            write_change_part(c, ws, r, col,
                              &(change_cell){c->rep->previous_uncertainty,
                                             c->rep->uncertainty, office,
                                             part_of(l->field[k])});
            break;
        case TR_STEP:
        case TR_STEP_LOW:
        case TR_STEP_HIGH:
        case TR_STEP_SIGNIFICANT:
            write_step(c, ws, l, r, col, office, l->measure[k], l->field[k]);
            break;
        }
    }
}

/* The paired t-test of the change since the previous year, under the
 * table of n_rows rows, and its sentence; returns the first free row
 * after them. */
static lxw_row_t write_paired_test(city *c, lxw_worksheet *ws,
                                   const city_layout *l, size_t n_rows)
{
    const report *rep = c->rep;
    stats_paired t;
    stats_paired_change(rep->previous, rep->current, MEASURE_ITA, &t);
    lxw_row_t r = (lxw_row_t)(city_last_row(n_rows) + 2);
    char *heading = xasprintf(city_tr(c, "การทดสอบ t แบบจับคู่: ITA ปี %d เทียบกับปี %d",
                                      "Paired t-test: ITA %d against %d"),
                              c->ys->year, rep->previous->year);
    city_subtitle(c, ws, r++, 0, heading);
    free(heading);
    xlsx_write_text(c->b, ws, r, 0, city_tr(c, "เขตที่มีผลทั้งสองปี", "Offices in both years"),
                  c->b->f.label);
    xlsx_write_number(c->b, ws, r++, 3, (double)t.n, city_fmt(c, XLSX_INT));
    for (size_t i = 0; i < sizeof paired_rows / sizeof *paired_rows; i++) {
        xlsx_write_text(c->b, ws, r, 0,
                      city_tr(c, paired_rows[i].th, paired_rows[i].en),
                      c->b->f.label);
        xlsx_write_number(c->b, ws, r++, 3, city_stat_at(&t, paired_rows[i].offset),
                      city_fmt(c, paired_rows[i].kind));
    }
    char *sentence = paired_sentence(c, &t);
    city_note(c, ws, r + 1, (lxw_col_t)(l->n > 6 ? l->n - 1 : 6),
              xlsx_columns_width(l->cols, l->n), sentence, c->b->f.note);
    free(sentence);
    return r + 3;
}

void city_sheet_trend_write(city *c, lxw_worksheet *ws)
{
    const report *rep = c->rep;
    city_layout l = {0};
    lxw_col_t prev_col, cur_col;
    trend_layout(c, &l, &prev_col, &cur_col);
    city_title(c, ws, "แนวโน้ม ITA รายปี ถึงปีงบประมาณ", "ITA year by year, up to fiscal year");
    city_note(c, ws, 1, (lxw_col_t)(l.n - 1), xlsx_columns_width(l.cols, l.n),
              rep->previous
                  ? city_tr(c, "การเปลี่ยนแปลงเป็นสูตร (ITA ปีนี้ - ปีก่อน); การทดสอบ t แบบจับคู่อยู่ใต้ตาราง",
                            "Change is a formula (this year's ITA - last year's); the "
                            "paired t-test is under the table.")
                  : city_tr(c, "ข้อมูลนำเข้ามีผลเพียงปีเดียว (หรือไม่มีปีก่อนหน้าติดกัน): "
                               "ยังเปรียบเทียบการเปลี่ยนแปลงไม่ได้",
                            "The input has one year only (or not the year before): no "
                            "change to compare."),
              c->b->f.note);
    size_t n_rows;
    int *rows = trend_offices(c, &n_rows);
    for (size_t i = 0; i < n_rows; i++)
        write_trend_row(c, ws, &l, (lxw_row_t)(CITY_FIRST + i), rows[i],
                        prev_col, cur_col);
    free(rows);
    for (size_t k = 0; k < l.n; k++)
        if (l.field[k] == TR_GRADE && n_rows > 0)
            city_note_err(c, xlsx_grade_colours(
                                 c->b, ws, CITY_FIRST, (lxw_col_t)k,
                                 city_last_row(n_rows), (lxw_col_t)k, false));
    if (rep->previous && rep->previous_uncertainty) {
        /* the movers under the table start printed pages of their own,
         * under their own headings; the table's header is repeated on
         * every page after the first (a sheet has one set of repeated
         * rows: the movers' pages carry it too, until they have a sheet
         * of their own) */
        xlsx_set_columns(c->b, ws, 0, l.cols, l.n);
        city_note_err(c, xlsx_add_table(c->b, ws, CITY_HEAD, 0, n_rows, l.cols,
                                        l.n, "Trend"));
        worksheet_freeze_panes(ws, CITY_FIRST, 2);
        xlsx_print_setup(c->b, ws, CITY_HEAD, CITY_HEAD);
    } else {
        city_finish_table(c, ws, &l, n_rows, "Trend", 2);
    }
    if (rep->previous) {
        lxw_row_t r = write_paired_test(c, ws, &l, n_rows);
        if (rep->previous_uncertainty)
            city_sheet_trend_movers(c, ws, r);
    }
    city_lay_free(&l);
}
