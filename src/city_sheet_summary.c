/* The Summary sheet of the city workbook (city_sheets.h); its charts are
 * in city_sheet_summary_charts.c. */
#include "city_sheets.h"
#include "city_target.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How many offices the Summary lists at the top and at the bottom, and how
 * many weakest indicators. */
#define SUMMARY_TOP 5
#define SUMMARY_WEAK_INDICATORS 3

static const xlsx_column summary_columns[] = {
    {"", "", 30, XLSX_TEXT}, {"", "", 16, XLSX_TEXT}, {"", "", 16, XLSX_TEXT},
    {"", "", 11, XLSX_TEXT}, {"", "", 11, XLSX_TEXT}, {"", "", 11, XLSX_TEXT},
};
#define N_SUMMARY_COLUMNS (sizeof summary_columns / sizeof *summary_columns)

/* What the sentences at the end say, gathered by the sections above. */
typedef struct {
    size_t n_pass;      /* offices at or above the target */
    /* cells of the key figures that the sentences refer to */
    char n_cell[LXW_MAX_CELL_NAME_LENGTH], pass_cell[LXW_MAX_CELL_NAME_LENGTH],
        share_cell[LXW_MAX_CELL_NAME_LENGTH],
        below_cell[LXW_MAX_CELL_NAME_LENGTH];
    size_t *counts;     /* offices per grade; owned */
    size_t mode;        /* the most common grade */
    size_t *weak;       /* the indicators, weakest city mean first; owned */
    double width;       /* of the sheet's columns, in all */
} summary_facts;

/* Key figures; the Target cell is the one users edit.  Returns the next
 * row. */
static lxw_row_t write_key_facts(city *c, lxw_worksheet *ws, summary_facts *f)
{
    const year_scores *ys = c->ys;
    const stats_summary *ita = &c->cs->city[MEASURE_ITA];
    lxw_row_t r = 3;
    char *pass_range = city_column_range(c, CITY_RANKING, CITY_FIRST,
                                         city_last_row(ys->n), c->rk_pass);
    size_t n_pass = 0;
    for (size_t i = 0; i < ys->n; i++)
        n_pass += ys->offices[i].pass;
    f->n_pass = n_pass;
    xlsx_write_text(c->b, ws, r, 0, city_tr(c, "ปีงบประมาณ", "Fiscal year"), c->b->f.label);
    xlsx_write_number(c->b, ws, r++, 1, ys->year, city_fmt(c, XLSX_INT));
    xlsx_write_text(c->b, ws, r, 0, city_tr(c, CITY_TARGET_LABEL_TH, CITY_TARGET_LABEL_EN),
                  c->b->f.label);
    city_note_err(c, xlsx_define_target(c->b, ws, r, 1));
    xlsx_set_row_lines(ws, r, 1, c->b->f.target);
    xlsx_write_text(c->b, ws, r++, 2, city_tr(c, "ส่วนที่ขาดและการผ่านเป้าหมายทุกชีตคำนวณจากช่องนี้",
                                         "every gap and pass flag follows this cell"),
                  c->b->f.hint);
    lxw_row_t n_row = r;
    xlsx_write_text(c->b, ws, r, 0, city_tr(c, "จำนวนสำนักงานเขต", "Offices"), c->b->f.label);
    xlsx_write_number(c->b, ws, r++, 1, (double)ys->n, city_fmt(c, XLSX_INT));
    const struct {
        const char *th, *en;
        double value;
    } numbers[] = {
        {"ค่าเฉลี่ย ITA ของเมือง", "City mean ITA", ita->mean},
        {"มัธยฐาน ITA", "Median ITA", ita->median},
        {"ITA ต่ำสุด", "Lowest ITA", ita->min},
        {"ITA สูงสุด", "Highest ITA", ita->max},
    };
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        xlsx_write_text(c->b, ws, r, 0, city_tr(c, numbers[i].th, numbers[i].en),
                      c->b->f.label);
        xlsx_write_number(c->b, ws, r++, 1, numbers[i].value, city_fmt(c, XLSX_SCORE));
    }
    char n_cell[LXW_MAX_CELL_NAME_LENGTH], pass_cell[LXW_MAX_CELL_NAME_LENGTH];
    city_cell(n_cell, n_row, 1);
    xlsx_write_text(c->b, ws, r, 0, city_tr(c, "ผ่านเป้าหมาย (เขต)", "Offices at or above target"),
                  c->b->f.label);
    xlsx_take_formula(c->b, ws, r, 1, xasprintf("=SUM(%s)", pass_range),
                     (double)n_pass, city_fmt(c, XLSX_INT));
    city_cell(pass_cell, r, 1);
    strcpy(f->n_cell, n_cell);
    strcpy(f->pass_cell, pass_cell);
    city_cell(f->share_cell, r, 2);
    xlsx_take_formula(c->b, ws, r++, 2,
                     xasprintf("=IF(%s>0,%s/%s,0)", n_cell, pass_cell, n_cell),
                     ys->n ? (double)n_pass / (double)ys->n : 0,
                     city_fmt(c, XLSX_PERCENT));
    xlsx_write_text(c->b, ws, r, 0, city_tr(c, "ต่ำกว่าเป้าหมาย (เขต)", "Offices below target"),
                  c->b->f.label);
    city_cell(f->below_cell, r, 1);
    xlsx_take_formula(c->b, ws, r++, 1, xasprintf("=%s-%s", n_cell, pass_cell),
                     (double)(ys->n - n_pass), city_fmt(c, XLSX_INT));
    free(pass_range);

    return r;
}

/* Returns a new string: the Distribution sheet's cell that counts the
 * offices below Target on measure k ("'การกระจาย'!N7"). */
static char *distribution_below(const city *c, size_t k)
{
    size_t j = 0;
    while (j < c->n_main && c->main[j] != k)
        j++;
    lxw_row_t row;
    lxw_col_t col = city_distribution_below_cell(&row, j);
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    city_cell(cell, row, col);
    return xasprintf("%s!%s", c->ref[CITY_DISTRIBUTION], cell);
}

/* Returns a new string: s as a string constant inside a formula, its
 * quotes doubled. */
static char *formula_text(const char *s)
{
    char *out = xmalloc(2 * strlen(s) + 3);
    char *o = out;
    *o++ = '"';
    for (; *s; s++) {
        if (*s == '"')
            *o++ = '"';
        *o++ = *s;
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

/* ---- the small tables: kit columns whose widths are the sheet's
 * (summary_widths), each under a header row of the sheet's height ---- */

/* Offices by grade: the row's index is the grade's (model order). */
typedef struct {
    const model *m;
    const size_t *counts;   /* offices per grade */
    size_t n;               /* offices scored */
} grade_counts;

static void grade_cell(const xlsx_cell *cell)
{
    const grade_counts *g = cell->sheet;
    char *label = xasprintf("%s (%s)", g->m->grades[cell->index].id,
                            xlsx_grade_label(xlsx_report(cell->b), cell->index));
    xlsx_cell_text(cell, label);
    free(label);
}

static void grade_count_cell(const xlsx_cell *cell)
{
    const grade_counts *g = cell->sheet;
    xlsx_cell_number(cell, (double)g->counts[cell->index]);
}

static void grade_share_cell(const xlsx_cell *cell)
{
    const grade_counts *g = cell->sheet;
    xlsx_cell_number(cell, g->n ? (double)g->counts[cell->index] / (double)g->n
                                : NAN);
}

static const xlsx_table_column grade_columns[] = {
    {{"ระดับ", "Grade", 0, XLSX_TEXT}, grade_cell, 0},
    {{"จำนวนเขต", "Offices", 0, XLSX_INT}, grade_count_cell, 0},
    {{"สัดส่วน", "Share", 0, XLSX_PERCENT}, grade_share_cell, 0},
};
#define N_GRADE_COLUMNS (sizeof grade_columns / sizeof *grade_columns)

/* Grade labels start with the id: colours each row of the grade column,
 * rows first..last, by the id's text. */
static void colour_grades(city *c, lxw_worksheet *ws, lxw_row_t first,
                          lxw_row_t last)
{
    lxw_col_t col = xlsx_table_column_of(grade_columns, N_GRADE_COLUMNS,
                                         grade_cell);
    for (size_t g = 0; g < c->m->n_grades; g++) {
        char *prefix = xasprintf("%s ", c->m->grades[g].id);
        lxw_conditional_format cf = {
            .type = LXW_CONDITIONAL_TYPE_TEXT,
            .criteria = LXW_CONDITIONAL_CRITERIA_TEXT_BEGINS_WITH,
            .value_string = prefix,
            .format =
                xlsx_grade_format(c->b, g),
            .stop_if_true = 1};
        city_note_err(c, worksheet_conditional_format_range(ws, first, col,
                                                            last, col, &cf));
        free(prefix);
    }
}

/* Offices by grade, coloured.  Returns the next row. */
static lxw_row_t write_grades(city *c, lxw_worksheet *ws, lxw_row_t r,
                              summary_facts *f)
{
    const model *m = c->m;
    r++;
    city_header_row(c, ws, r++, grade_columns, N_GRADE_COLUMNS);
    size_t *counts = f->counts =
        xcalloc(m->n_grades ? m->n_grades : 1, sizeof *counts);
    stats_grade_counts(c->cs, MEASURE_ITA, counts);
    size_t mode = 0;
    for (size_t g = 0; g < m->n_grades; g++)
        if (counts[g] > counts[mode])
            mode = g;
    f->mode = mode;
    grade_counts rows = {m, counts, c->ys->n};
    xlsx_write_rows(c->b, ws, r, grade_columns, N_GRADE_COLUMNS, m->n_grades,
                    &rows, NULL);
    colour_grades(c, ws, r, r + (lxw_row_t)m->n_grades - 1);
    return r + (lxw_row_t)m->n_grades;
}

/* The best and the weakest offices: rows are offices (the city is the
 * sheet, as city_row_ranked wants), the identity cells shared. */
static const void *weakest_at(const void *sheet, size_t i)
{
    const city *c = sheet;
    return city_ranked(c, c->ys->n - 1 - i);
}

static const office_score *cell_office(const xlsx_cell *cell)
{
    return cell->item;
}

static void ita_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_office(cell)->ita_r2);
}

/* The grade's id, centred. */
static void grade_id_cell(const xlsx_cell *cell)
{
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col,
                    xlsx_report(cell->b)->m->grades[cell_office(cell)->grade].id,
                    cell->b->f.center);
}

static const xlsx_table_column office_columns[] = {
    {{"สำนักงานเขต", "Office", 0, XLSX_TEXT}, city_cell_name, 0},
    {{"กลุ่มเขต", "Zone", 0, XLSX_TEXT}, city_cell_zone, 0},
    {{"ITA", "ITA", 0, XLSX_SCORE}, ita_cell, 0},
    {{"ระดับ", "Grade", 0, XLSX_TEXT}, grade_id_cell, 0},
    {{"อันดับ", "Rank", 0, XLSX_INT}, city_cell_rank, 0},
};
#define N_OFFICE_COLUMNS (sizeof office_columns / sizeof *office_columns)

/* The best and the weakest offices.  Returns the next row. */
static lxw_row_t write_extremes(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const year_scores *ys = c->ys;
    for (size_t part = 0; part < 2; part++) {
        r++;
        city_subtitle(c, ws, r++, 0,
                      part ? city_tr(c, "5 เขตที่คะแนนต่ำสุด", "The five weakest offices")
                           : city_tr(c, "5 เขตที่คะแนนสูงสุด", "The five best offices"));
        city_header_row(c, ws, r++, office_columns, N_OFFICE_COLUMNS);
        size_t shown = ys->n < SUMMARY_TOP ? ys->n : SUMMARY_TOP;
        xlsx_write_rows(c->b, ws, r, office_columns, N_OFFICE_COLUMNS, shown,
                        c, part ? weakest_at : city_row_ranked);
        r += (lxw_row_t)shown;
    }

    return r;
}

/* The indicators' tables: rows are measures (stats.h numbering). */
typedef struct {
    city *c;
    const size_t *measures;
} measure_rows;

static const void *measure_at(const void *sheet, size_t i)
{
    return &((const measure_rows *)sheet)->measures[i];
}

static city *cell_city(const xlsx_cell *cell)
{
    return ((const measure_rows *)cell->sheet)->c;
}

static size_t cell_measure(const xlsx_cell *cell)
{
    return *(const size_t *)cell->item;
}

static void title_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, city_measure_title(cell_city(cell),
                                            cell_measure(cell)));
}

static void mean_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_city(cell)->cs->city[cell_measure(cell)].mean);
}

/* Offices below Target: the Distribution sheet's count, so that both
 * sheets give one count. */
static void below_cell(const xlsx_cell *cell)
{
    const city *c = cell_city(cell);
    size_t k = cell_measure(cell);
    char *below = distribution_below(c, k);
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=%s", below),
                      (double)c->cs->city[k].below_target, cell->fmt);
    free(below);
}

/* The target, a formula on Target (the radar chart's ring). */
static void target_cell(const xlsx_cell *cell)
{
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xstrdup("=Target"), cell_city(cell)->ys->target,
                      cell->fmt);
}

static const xlsx_table_column weak_columns[] = {
    {{"ตัวชี้วัด", "Indicator", 0, XLSX_TEXT}, title_cell, 0},
    {{"ค่าเฉลี่ยของเมือง", "City mean", 0, XLSX_SCORE}, mean_cell, 0},
    {{"เขตที่ต่ำกว่าเป้าหมาย", "Offices below target", 0, XLSX_INT},
     below_cell, 0},
};
#define N_WEAK_COLUMNS (sizeof weak_columns / sizeof *weak_columns)

static const xlsx_table_column radar_columns[] = {
    {{"ตัวชี้วัด", "Indicator", 0, XLSX_TEXT}, title_cell, 0},
    {{"ค่าเฉลี่ยของเมือง", "City mean", 0, XLSX_SCORE}, mean_cell, 0},
    {{"เป้าหมาย", "Target", 0, XLSX_SCORE}, target_cell, 0},
};
#define N_RADAR_COLUMNS (sizeof radar_columns / sizeof *radar_columns)

/* The indicators of the lowest city means.  Returns the next row. */
static lxw_row_t write_weak_indicators(city *c, lxw_worksheet *ws,
                                       lxw_row_t r, summary_facts *f)
{
    const model *m = c->m;
    size_t n_ind = m->n_indicators;
    size_t *weak = f->weak = xmalloc((n_ind ? n_ind : 1) * sizeof *weak);
    for (size_t i = 0; i < n_ind; i++)
        weak[i] = 1 + (size_t)m->indicators[i];
    stats_sort_weakest(c->cs, weak, n_ind, STATS_BY_MEAN);
    r++;
    city_subtitle(c, ws, r++, 0, city_tr(c, "3 ตัวชี้วัดที่ค่าเฉลี่ยของเมืองต่ำสุด",
                                         "The three weakest indicators city-wide"));
    city_header_row(c, ws, r++, weak_columns, N_WEAK_COLUMNS);
    size_t shown = n_ind < SUMMARY_WEAK_INDICATORS ? n_ind
                                                   : SUMMARY_WEAK_INDICATORS;
    measure_rows rows = {c, weak};
    xlsx_write_rows(c->b, ws, r, weak_columns, N_WEAK_COLUMNS, shown, &rows,
                    measure_at);
    return r + (lxw_row_t)shown;
}

/* Every indicator's city mean against the target: the radar chart's data,
 * from row *first.  Returns the next row. */
static lxw_row_t write_radar_data(city *c, lxw_worksheet *ws, lxw_row_t r,
                                  lxw_row_t *first)
{
    const model *m = c->m;
    r++;
    city_subtitle(c, ws, r++, 0, city_tr(c, "ค่าเฉลี่ยของเมืองรายตัวชี้วัด", "City mean by indicator"));
    city_header_row(c, ws, r++, radar_columns, N_RADAR_COLUMNS);
    *first = r;
    size_t *measures = xmalloc((m->n_indicators ? m->n_indicators : 1) *
                               sizeof *measures);
    for (size_t i = 0; i < m->n_indicators; i++)
        measures[i] = 1 + (size_t)m->indicators[i];
    measure_rows rows = {c, measures};
    xlsx_write_rows(c->b, ws, r, radar_columns, N_RADAR_COLUMNS,
                    m->n_indicators, &rows, measure_at);
    free(measures);
    return r + (lxw_row_t)m->n_indicators;
}

/* Rank intervals wider than this many places count as "not told apart". */
#define RANK_PLACES 10

/* The sentence on how sure the ranks and the passes are
 * (uncertainty.h), in two parts around the counts of offices that could
 * pass or fail by chance, which follow Target.  Returns false without
 * intervals. */
typedef struct {
    char *head, *middle, *tail;   /* new strings */
    size_t below_in_reach, above_at_risk;
} uncertainty_words;

static bool uncertainty_parts(const city *c, uncertainty_words *w)
{
    const year_uncertainty *yu = c->rep->uncertainty;
    if (!yu || yu->replicates == 0)
        return false;
    uncertainty_summary u;
    uncertainty_summarize(yu, RANK_PLACES, &u);
    if (u.known == 0)
        return false;
    char *approx = u.approximate
        ? xasprintf(city_tr(c, " ช่วงของ %zu แห่งเป็นค่าประมาณจากจำนวนผู้ตอบเท่านั้น",
                            " The intervals of %zu offices are approximate "
                            "(respondent counts only)."),
                    u.approximate)
        : xstrdup("");
    w->head = xasprintf(
        city_tr(c, "ความแน่นอนของผล: ช่วงอันดับ 95%% ของสำนักงานเขต %zu จาก %zu แห่งกว้างเกิน %d อันดับ "
                   "คืออันดับต่างกันได้มากเพียงเพราะความคลาดเคลื่อนจากการสุ่มตัวอย่าง "
                   "เขตที่ยังต่ำกว่าเป้าหมาย ",
                "How sure: the 95%% rank intervals of %zu of %zu offices span more "
                "than %d places, so sampling chance alone could move them that "
                "far; "),
        u.wide_ranks, u.n, RANK_PLACES);
    w->middle = xstrdup(city_tr(c, " แห่งอาจถึงเป้าหมายได้ และเขตที่ผ่าน ",
                                " offices below the target could reach it, and "));
    w->tail = xasprintf(
        city_tr(c, " แห่งอาจไม่ผ่าน โดยบังเอิญเพียงอย่างเดียว (โอกาสอย่างน้อย 2.5%% ดูชีตอันดับ)%s",
                " passing offices could miss it, by chance alone (a chance of "
                "at least 2.5%%; see the Ranking sheet).%s"),
        approx);
    w->below_in_reach = u.below_in_reach;
    w->above_at_risk = u.above_at_risk;
    free(approx);
    return true;
}

/* The sentence at the run's target (a new string). */
static char *uncertainty_sentence(const uncertainty_words *w)
{
    return xasprintf("%s%zu%s%zu%s", w->head, w->below_in_reach, w->middle,
                     w->above_at_risk, w->tail);
}

/* The same as a formula counting the Ranking's pass flags and chances,
 * which follow Target (a new string). */
static char *uncertainty_formula(const city *c, const uncertainty_words *w)
{
    lxw_row_t last = city_last_row(c->ys->n);
    char *pass = city_column_range(c, CITY_RANKING, CITY_FIRST, last, c->rk_pass);
    char *chance = city_column_range(c, CITY_RANKING, CITY_FIRST, last,
                                     c->rk_p_pass);
    char *f = xasprintf(
        "=\"%s\"&COUNTIFS(%s,0,%s,\">=%g\")&\"%s\"&COUNTIFS(%s,1,%s,\"<=%g\")&\"%s\"",
        w->head, pass, chance, UNCERTAINTY_CHANCE_TAIL, w->middle, pass, chance,
        1 - UNCERTAINTY_CHANCE_TAIL, w->tail);
    free(pass);
    free(chance);
    return f;
}

/* The sentences that follow Target are formulas on the key figures and
 * on the Distribution sheet's counts; their text at the run's target is
 * cached.  Return new strings. */
static char *pass_formula(const city *c, const summary_facts *f)
{
    return xasprintf(
        city_tr(c, "=%1$s&\" จาก \"&%2$s&\" แห่ง (\"&TEXT(%3$s,\"0%%\")&\") ได้ "
                   "ITA ตั้งแต่เป้าหมาย \"&TEXT(Target,\"0.00\")&\" คะแนนขึ้นไป "
                   "อีก \"&%4$s&\" แห่งต่ำกว่าเป้าหมาย\"",
                "=%1$s&\" of \"&%2$s&\" offices (\"&TEXT(%3$s,\"0%%\")&\") "
                "reach the target of \"&TEXT(Target,\"0.00\")&\"; \"&%4$s&\" "
                "are below it.\""),
        f->pass_cell, f->n_cell, f->share_cell, f->below_cell);
}

static char *pass_sentence(const city *c, const summary_facts *f)
{
    const year_scores *ys = c->ys;
    return xasprintf(
        city_tr(c, "%zu จาก %zu แห่ง (%.0f%%) ได้ ITA ตั้งแต่เป้าหมาย %.2f คะแนนขึ้นไป อีก %zu แห่ง"
                   "ต่ำกว่าเป้าหมาย",
                "%zu of %zu offices (%.0f%%) reach the target of %.2f; %zu are "
                "below it."),
        f->n_pass, ys->n, 100.0 * (double)f->n_pass / (double)ys->n,
        ys->target, ys->n - f->n_pass);
}

static char *weak_formula(city *c, size_t k)
{
    char *title = formula_text(city_measure_title(c, k));
    char *below = distribution_below(c, k);
    char *out = xasprintf(
        city_tr(c, "=\"ตัวชี้วัดที่ค่าเฉลี่ยของเมืองต่ำที่สุดคือ \"&%1$s&\" "
                   "(%2$.2f คะแนน มี \"&%3$s&\" เขตต่ำกว่าเป้าหมาย)\"",
                "=\"The indicator with the lowest city mean is \"&%1$s&"
                "\" (%2$.2f; \"&%3$s&\" offices below the target).\""),
        title, c->cs->city[k].mean, below);
    free(title);
    free(below);
    return out;
}

/* The facts in sentences.  Returns the next row. */
static lxw_row_t write_sentences(city *c, lxw_worksheet *ws, lxw_row_t r,
                                 const summary_facts *f)
{
    const report *rep = c->rep;
    const year_scores *ys = c->ys;
    const stats_summary *ita = &c->cs->city[MEASURE_ITA];
    const model *m = c->m;
    size_t mode = f->mode;
    const size_t *counts = f->counts, *weak = f->weak;
    r++;
    city_subtitle(c, ws, r++, 0, city_tr(c, "สรุปเป็นข้อความ", "In words"));
    char *sentences[7] = {0};
    char *formulas[7] = {0};     /* those that follow Target, or NULL */
    size_t n_sentences = 0;
    if (ys->n > 0) {
        const office_score *best = city_ranked(c, 0),
                           *worst = city_ranked(c, ys->n - 1);
        sentences[n_sentences++] = xasprintf(
            city_tr(c, "ปีงบประมาณ %d มีสำนักงานเขตที่ได้รับการประเมิน %zu แห่ง ค่าเฉลี่ย ITA ของเมือง "
                       "%.2f คะแนน มัธยฐาน %.2f คะแนน",
                    "In fiscal year %d, %zu offices were assessed: the city mean ITA "
                    "is %.2f and the median %.2f."),
            ys->year, ys->n, ita->mean, ita->median);
        formulas[n_sentences] = pass_formula(c, f);
        sentences[n_sentences++] = pass_sentence(c, f);
        sentences[n_sentences++] = xasprintf(
            city_tr(c, "คะแนนสูงสุดคือเขต%s (%.2f) ต่ำสุดคือเขต%s (%.2f) ห่างกัน %.2f คะแนน",
                    "Highest: %s (%.2f); lowest: %s (%.2f); %.2f points apart."),
            xlsx_office_name(c->rep, best->office), best->ita_r2, xlsx_office_name(c->rep, worst->office),
            worst->ita_r2, best->ita_r2 - worst->ita_r2);
        if (m->n_grades)
            sentences[n_sentences++] = xasprintf(
                city_tr(c, "ระดับที่มีสำนักงานเขตมากที่สุดคือ %s (%zu จาก %zu แห่ง)",
                        "The most common grade is %s (%zu of %zu offices)."),
                m->grades[mode].id, counts[mode], ys->n);
        if (m->n_indicators) {
            formulas[n_sentences] = weak_formula(c, weak[0]);
            sentences[n_sentences++] = xasprintf(
                city_tr(c, "ตัวชี้วัดที่ค่าเฉลี่ยของเมืองต่ำที่สุดคือ %s (%.2f คะแนน มี %zu เขตต่ำกว่าเป้าหมาย)",
                        "The indicator with the lowest city mean is %s (%.2f; %zu "
                        "offices below the target)."),
                city_measure_title(c, weak[0]), c->cs->city[weak[0]].mean,
                c->cs->city[weak[0]].below_target);
        }
        if (rep->previous) {
            stats_paired t;
            stats_paired_change(rep->previous, rep->current, MEASURE_ITA, &t);
            if (isfinite(t.p))
                sentences[n_sentences++] = xasprintf(
                    city_tr(c, "เทียบกับปี %d สำนักงานเขต %zu แห่งที่มีผลทั้งสองปี ITA เปลี่ยนไปเฉลี่ย "
                               "%+.2f คะแนน: %s (การทดสอบ t แบบจับคู่ p = %.4f ดูชีตแนวโน้ม)",
                            "Compared with %d, the ITA of the %zu offices assessed in "
                            "both years changed by %+.2f points on average: %s "
                            "(paired t-test p = %.4f; see the Trend sheet)."),
                    rep->previous->year, t.n, t.mean_change,
                    city_verdict(c, t.p), t.p);
        }
    }
    uncertainty_words words;
    if (ys->n > 0 && uncertainty_parts(c, &words)) {
        formulas[n_sentences] = uncertainty_formula(c, &words);
        sentences[n_sentences++] = uncertainty_sentence(&words);
        free(words.head);
        free(words.middle);
        free(words.tail);
    }
    for (size_t i = 0; i < n_sentences; i++, r++) {
        xlsx_wide_line(c->b, ws, r, (lxw_col_t)(N_SUMMARY_COLUMNS - 1),
                  f->width, sentences[i],
                  city_fmt(c, XLSX_WRAP));
        if (formulas[i])   /* the text stays cached for readers */
            city_note_err(c, worksheet_write_formula_str(
                                 ws, r, 0, formulas[i], city_fmt(c, XLSX_WRAP),
                                 sentences[i]));
        free(formulas[i]);
        free(sentences[i]);
    }
    return r;
}

/* The Summary's columns, A to F, as wide as their texts: office names and
 * indicator titles (A), zone names (B) and the table headers of B and C
 * on one line. */
static void summary_widths(city *c, xlsx_column cols[N_SUMMARY_COLUMNS])
{
    const model *m = c->m;
    memcpy(cols, summary_columns, sizeof summary_columns);
    size_t n = m->n_indicators;
    const char **titles = xmalloc((n ? n : 1) * sizeof *titles);
    for (size_t i = 0; i < n; i++)
        titles[i] = city_measure_title(c, 1 + (size_t)m->indicators[i]);
    cols[0].width = fmax(c->w_name, city_fit_width(c, cols[0].width, 50,
                                                   titles, n));
    free(titles);
    const char *b_texts[] = {city_tr(c, "ค่าเฉลี่ยของเมือง", "City mean")};
    cols[1].width = fmax(c->w_zone, city_fit_width(c, cols[1].width, 30,
                                                   b_texts, 1));
    const char *c_texts[] = {city_tr(c, "เขตที่ต่ำกว่าเป้าหมาย", "Offices below target")};
    cols[2].width = city_fit_width(c, cols[2].width, 30, c_texts, 1);
}

void city_sheet_summary_write(city *c, lxw_worksheet *ws)
{
    const report *rep = c->rep;
    summary_facts f = {0};
    xlsx_column cols[N_SUMMARY_COLUMNS];
    summary_widths(c, cols);
    f.width = xlsx_columns_width(cols, N_SUMMARY_COLUMNS);
    xlsx_set_columns(c->b, ws, 0, cols, N_SUMMARY_COLUMNS);
    city_title(c, ws, "ITA สำนักงานเขตกรุงเทพมหานคร: ภาพรวมปีงบประมาณ",
               "ITA of the Bangkok district offices: overview, fiscal year");
    if (rep->synthetic)
        xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(N_SUMMARY_COLUMNS - 1), 95,
                  city_tr(c, "ข้อมูลตัวอย่างสังเคราะห์ ไม่ใช่ผลจริงของสำนักงานเขตใด (ดูชีตวิธีการ)",
                          "SYNTHETIC SAMPLE DATA: not any office's real results (see the "
                          "Method sheet)."),
                  c->b->f.warning);

    /* pages of tables, each table with its heading: the key figures and
     * grades; the top and bottom offices and the weakest indicators; the
     * indicators' means; the sentences */
    lxw_row_t page_breaks[3];
    lxw_row_t r = write_key_facts(c, ws, &f);
    r = write_grades(c, ws, r, &f);
    page_breaks[0] = r + 1;
    r = write_extremes(c, ws, r);
    r = write_weak_indicators(c, ws, r, &f);
    page_breaks[1] = r + 1;
    lxw_row_t radar_first;
    r = write_radar_data(c, ws, r, &radar_first);
    page_breaks[2] = r + 1;
    r = write_sentences(c, ws, r, &f);
    free(f.counts);
    free(f.weak);

    r++;
    worksheet_activate(ws);
    xlsx_print_setup(c->b, ws, XLSX_NO_REPEAT, XLSX_NO_REPEAT);
    worksheet_set_print_scale(ws, 100);
    city_summary_charts_at at = {r, radar_first, c->m->n_indicators,
                                 page_breaks, 3};
    city_sheet_summary_charts(c, ws, &at);
}
